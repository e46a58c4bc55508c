"""A quarter's figures are the sums of its frozen months, so its drill-down opens the cases those months
counted — not the cases that would count if the quarter were computed live now."""

from __future__ import annotations

from datetime import datetime

from console import clock
from console.db import Database
from console.domain import CloseType
from console.review import freezing
from console.review.periods import month, quarter
from console.review.results import drill_page, review
from console.review.scopes import DEPARTMENT, Scope
from console.workflow.commands import Close, Feedback, Reopen, Verify
from console.workflow.service import CaseService
from tests.review_data import build_month

DEPTS = Scope(DEPARTMENT)
JAN = datetime(2027, 1, 5)


def test_a_quarter_opens_the_cases_its_frozen_months_counted(db: Database) -> None:
    nov = build_month(db)
    with db.session() as s:
        for m in (month(2026, 10), month(2026, 11), month(2026, 12)):
            row = freezing.compute(s, m, DEPTS, "督查员", JAN)
            freezing.publish(s, row.id, "督查员", JAN)
            freezing.approve(s, row.id, "主任", JAN)
            freezing.freeze(s, row.id, "主任", JAN)
    # January: A turns out unfounded — live, it would leave the quarter's 有效上报; the frozen months keep it
    clock.set_clock(lambda: datetime(2027, 1, 6, 9, 0))
    try:
        svc = CaseService(db, "调度员甲")
        a = svc.ref_of(nov.ids["A"])
        a = svc.act(a.id, Reopen(reason="复查发现反映不实"), a.version)
        a = CaseService(db, "环保办李四").act(a.id, Feedback(result="经查不实"), a.version)
        a = svc.act(a.id, Verify(passed=True), a.version)
        svc.act(a.id, Close(close_type=CloseType.UNFOUNDED, reason="反映不实"), a.version)
    finally:
        clock.set_clock(None)
    env, later = str(nov.ref.env), datetime(2027, 1, 7)
    with db.session() as s:
        q = review(s, quarter(2026, 4), DEPTS, later)
        page = drill_page(s, quarter(2026, 4), DEPTS, "valid", env, now=later)
        closed = drill_page(s, quarter(2026, 4), DEPTS, "closed", env, now=later)
    listed = {r.row.id: r.reason for r in page.rows}
    assert nov.ids["A"] in listed and listed[nov.ids["A"]] == "计入（2026年11月）"
    assert len(listed) == int(q.table.text("valid", env)) == 9
    # H closed in October and reopened in November: one case, counted in October's 结案
    assert {r.row.id for r in closed.rows} == {nov.ids[k] for k in "HIABF"}
