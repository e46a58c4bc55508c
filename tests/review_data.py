"""A small fixed township month for the review tests, built through the real workflow (CaseService.act).

November 2026, computed on 2 December (so the month is judged at 1 December 00:00). Every figure the tests
expect is worked out by hand from this list:

- A 一号楼院 report 11-02, dispatched 环保办 (due 11-10), fed back 11-05, closed 11-06, 满意
- B 一号楼院 report 11-03, dispatched 环保办 (due 11-06), fed back late 11-09, closed 11-09, 基本满意
- C 一号楼院 report 11-04, dispatched 环保办 (due 11-12), still 办理中 → 超时未处置, 督办 11-20
- D 一号楼院 report 11-05, dispatched 环保办 (due 12-10), still 办理中 → 未到期
- E 一号楼院 report 11-06, 不予受理
- F 一号楼院 report 11-06 by a supervisor (漏报), dispatched 执法中队 → returned 11-07, dispatched 环保办
  (due 11-20), fed back 11-10, verification failed (返工), fed back 11-11, closed 11-12
- G 一号楼院 report 11-09, dispatched 环保办 (due 11-13), extension requested 11-12 → 延期审批中 at the end
- H 一号楼院 report 10-20, dispatched (due 10-28), closed 10-25, reopened 11-15 (返工), 办理中 at the end
- I 一号楼院 report 10-28, dispatched (due 11-03), fed back late 11-04, closed 11-04
- J 二号楼院 安全生产 reported by the grid worker 11-10 (首报), dispatched 执法中队 (due 12-20)
- K 一号楼院 report 11-16, dispatched 环保办 (due 11-20), 挂账 11-18 → 挂账 at the end
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from console import clock
from console.db import Database
from console.domain import CloseType, Satisfaction, Source
from console.workflow.commands import (
    Accept,
    Callback,
    Close,
    Command,
    Dispatch,
    Feedback,
    LongTerm,
    Reject,
    Reopen,
    RequestExtension,
    Return,
    Sign,
    Supervise,
    Verify,
)
from console.workflow.service import CaseRef, CaseService, ReportInput
from tests.factories import Ref, seed_reference


@dataclass
class Month:
    ref: Ref
    ids: dict[str, int] = field(default_factory=dict)


class _Flow:
    def __init__(self, db: Database) -> None:
        self.t = datetime(2026, 10, 1)
        clock.set_clock(lambda: self.t)
        self.center = CaseService(db, "调度员甲")
        self.dept = CaseService(db, "环保办李四")

    def at(self, when: str) -> None:
        self.t = datetime.fromisoformat(when)

    def report(self, when: str, grid: str, category: str, source: Source = Source.PATROL) -> CaseRef:
        self.at(when)
        return self.center.report(
            ReportInput(grid=grid, category=category, summary="测试案件", source=source)
        )

    def do(self, r: CaseRef, when: str, command: Command, *, dept: bool = False) -> CaseRef:
        self.at(when)
        return (self.dept if dept else self.center).act(r.id, command, r.version)

    def dispatch(self, r: CaseRef, when: str, dep: int, due: str) -> CaseRef:
        r = self.do(
            r, when, Dispatch(lead_department_id=dep, due_at=datetime.fromisoformat(due), due_reason="测试")
        )
        return self.do(r, when[:11] + "10:50", Sign(), dept=True)

    def finish(self, r: CaseRef, fed: str, closed: str, rating: Satisfaction | None = None) -> CaseRef:
        r = self.do(r, fed, Feedback(result="已处理"), dept=True)
        r = self.do(r, fed[:11] + "16:00", Verify(passed=True))
        r = self.do(r, closed[:11] + "17:00", Close(close_type=CloseType.SOLVED))
        if rating is not None:
            r = self.do(r, closed[:11] + "17:30", Callback(satisfaction=rating))
        return r


def build_month(db: Database) -> Month:
    ref = seed_reference(db)
    m = Month(ref)
    f = _Flow(db)
    g1, g2, env_cat = ref.grid_code, ref.grid2_code, ref.cat_env
    try:
        h = f.report("2026-10-20 09:00", g1, env_cat)
        h = f.do(h, "2026-10-20 09:20", Accept())
        h = f.dispatch(h, "2026-10-20 10:00", ref.env, "2026-10-28 18:00")
        h = f.finish(h, "2026-10-23 10:00", "2026-10-25 10:00")
        i = f.report("2026-10-28 09:00", g1, env_cat)
        i = f.do(i, "2026-10-28 09:20", Accept())
        i = f.dispatch(i, "2026-10-28 10:00", ref.env, "2026-11-03 18:00")

        a = f.report("2026-11-02 09:00", g1, env_cat)
        a = f.do(a, "2026-11-02 09:30", Accept())
        a = f.dispatch(a, "2026-11-02 10:00", ref.env, "2026-11-10 18:00")
        b = f.report("2026-11-03 09:00", g1, env_cat)
        b = f.do(b, "2026-11-03 09:10", Accept())
        b = f.dispatch(b, "2026-11-03 10:00", ref.env, "2026-11-06 18:00")
        i = f.finish(i, "2026-11-04 10:00", "2026-11-04 10:00")
        c = f.report("2026-11-04 09:00", g1, env_cat)
        c = f.do(c, "2026-11-04 09:10", Accept())
        c = f.dispatch(c, "2026-11-04 10:00", ref.env, "2026-11-12 18:00")
        a = f.finish(a, "2026-11-05 10:00", "2026-11-06 10:00", Satisfaction.SATISFIED)
        d = f.report("2026-11-05 09:00", g1, env_cat)
        d = f.do(d, "2026-11-05 09:10", Accept())
        d = f.dispatch(d, "2026-11-05 10:00", ref.env, "2026-12-10 18:00")
        e = f.report("2026-11-06 09:00", g1, env_cat)
        e = f.do(e, "2026-11-06 09:10", Reject(reason="不属于受理范围"))
        ff = f.report("2026-11-06 11:00", g1, env_cat, Source.SUPERVISOR)
        ff = f.do(ff, "2026-11-06 11:10", Accept())
        ff = f.dispatch(ff, "2026-11-06 11:30", ref.law, "2026-11-09 18:00")
        ff = f.do(ff, "2026-11-07 09:00", Return(reason="不属于本部门职责"), dept=True)
        ff = f.dispatch(ff, "2026-11-07 10:00", ref.env, "2026-11-20 18:00")
        b = f.finish(b, "2026-11-09 10:00", "2026-11-09 10:00", Satisfaction.BASICALLY)
        g = f.report("2026-11-09 09:00", g1, env_cat)
        g = f.do(g, "2026-11-09 09:10", Accept())
        g = f.dispatch(g, "2026-11-09 10:00", ref.env, "2026-11-13 18:00")
        j = f.report("2026-11-10 09:00", g2, ref.cat_safety)
        j = f.do(j, "2026-11-10 09:10", Accept())
        j = f.dispatch(j, "2026-11-10 10:00", ref.law, "2026-12-20 18:00")
        ff = f.do(ff, "2026-11-10 14:00", Feedback(result="已处理"), dept=True)
        ff = f.do(ff, "2026-11-10 15:00", Verify(passed=False, reason="现场仍有垃圾"))
        ff = f.finish(ff, "2026-11-11 10:00", "2026-11-12 10:00")
        g = f.do(g, "2026-11-12 09:00", RequestExtension(reason="需协调", requested_due_at=datetime(2026, 11, 30, 18)),
                 dept=True)  # fmt: skip
        h = f.do(h, "2026-11-15 09:00", Reopen(reason="垃圾又堆起来了"))
        k = f.report("2026-11-16 09:00", g1, env_cat)
        k = f.do(k, "2026-11-16 09:10", Accept())
        k = f.dispatch(k, "2026-11-16 10:00", ref.env, "2026-11-20 18:00")
        k = f.do(k, "2026-11-18 09:00", LongTerm(measures="列入改造计划", next_review_on=date(2026, 12, 15)))
        c = f.do(c, "2026-11-20 09:00", Supervise(chased="环保办"))
    finally:
        clock.set_clock(None)
    m.ids = {"A": a.id, "B": b.id, "C": c.id, "D": d.id, "E": e.id, "F": ff.id, "G": g.id, "H": h.id,
             "I": i.id, "J": j.id, "K": k.id}  # fmt: skip
    return m
