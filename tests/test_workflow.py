"""The case lifecycle on real databases (each test runs on SQLite and on PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from console import clock
from console.db import Database
from console.domain import CaseStatus, CloseType, Satisfaction, Stage, TrafficLight
from console.errors import AttachmentTooLarge, IllegalTransition, StaleCase, ValidationError
from console.models import Attachment, Case, CaseChange, CaseHistory
from console.workflow import machine
from console.workflow.commands import (
    COMMANDS,
    Accept,
    Callback,
    Claim,
    Close,
    CountyReturn,
    DecideExtension,
    Dispatch,
    Escalate,
    Feedback,
    LongTerm,
    Merge,
    Progress,
    Reject,
    RequestExtension,
    Resume,
    Return,
    Sign,
    Supervise,
    Verify,
)
from console.workflow.read import allowed_actions, case_detail
from console.workflow.service import CaseRef, CaseService, ReportInput
from tests.factories import Ref, seed_reference


class Clock:
    def __init__(self, start: datetime) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


@pytest.fixture
def now() -> Iterator[Clock]:
    c = Clock(datetime(2026, 11, 24, 9, 0))  # a Tuesday
    clock.set_clock(c)
    yield c
    clock.set_clock(None)


@pytest.fixture
def ref(db: Database) -> Ref:
    return seed_reference(db)


def report(svc: CaseService, ref: Ref, **kw: object) -> CaseRef:
    data = ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="绿云社区一号楼院门口垃圾堆积", **kw)  # type: ignore[arg-type]
    return svc.report(data)


def history(db: Database, case_id: int) -> list[CaseHistory]:
    with db.session() as s:
        return list(
            s.scalars(select(CaseHistory).where(CaseHistory.case_id == case_id).order_by(CaseHistory.id))
        )


def test_full_dispatched_path_writes_one_history_row_per_step(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "调度员甲")
    r = report(svc, ref, description="三天未清运", address="绿云路 12 号")
    assert r.number == "2026-000001" and r.status is CaseStatus.REPORTED and r.version == 1
    now.advance(minutes=20)
    r = svc.act(r.id, Accept(note="属实"), r.version)
    assert r.status is CaseStatus.ACCEPTED
    now.advance(minutes=10)
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env, co_department_ids=[ref.law], responsible_person_id=ref.person, instructions="三日内清运"), r.version)  # fmt: skip
    assert r.status is CaseStatus.DISPATCHED
    handler = CaseService(db, "环保办李四")
    now.advance(hours=1)
    r = handler.act(r.id, Sign(), r.version)
    r = handler.act(r.id, Progress(note="已联系环卫公司"), r.version)
    now.advance(days=1)
    r = handler.act(r.id, Feedback(result="已清运完毕"), r.version)
    assert r.status is CaseStatus.FEEDBACK
    r = svc.act(r.id, Verify(passed=True, note="现场核实已清理"), r.version)
    assert r.status is CaseStatus.VERIFIED
    r = svc.act(r.id, Close(close_type=CloseType.SOLVED), r.version)
    r = svc.act(r.id, Callback(satisfaction=Satisfaction.SATISFIED, comment="很及时"), r.version)
    assert r.status is CaseStatus.EVALUATED
    rows = history(db, r.id)
    assert [h.action for h in rows] == [
        "report", "accept", "dispatch", "sign", "progress", "feedback", "verify", "close", "callback",
    ]  # fmt: skip
    assert r.version == len(rows)
    assert [h.actor for h in rows][3:6] == ["环保办李四"] * 3
    assert (rows[1].from_status, rows[1].to_status) == (CaseStatus.REPORTED, CaseStatus.ACCEPTED)
    assert rows[4].from_status == rows[4].to_status == CaseStatus.IN_PROGRESS
    dispatch_changes = json.loads(rows[2].changes)
    assert dispatch_changes["lead_department_id"] == [None, ref.env]
    assert dispatch_changes["co_department_ids"] == [[], [ref.law]]
    # stages completed with on-time flags for the review
    assert (rows[1].stage, rows[1].stage_on_time) == (Stage.INTAKE, True)
    assert (rows[2].stage, rows[2].stage_on_time) == (Stage.DISPATCH, True)
    assert (rows[5].stage, rows[5].stage_on_time) == (Stage.HANDLE, True)
    assert rows[6].stage is Stage.VERIFY
    with db.session() as s:
        d = case_detail(s, r.number)
        assert d.lead_department == "环保办" and d.co_departments == ("行政执法中队",)
        assert d.responsible_person == "王建国" and d.satisfaction is Satisfaction.SATISFIED
        assert s.scalar(select(func.count()).select_from(CaseChange).where(CaseChange.case_id == r.id)) == 9


def test_self_handled_case_goes_to_verification_on_accept(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "网格员")
    with pytest.raises(ValidationError, match="处置措施"):
        report(svc, ref, self_handled=True)
    r = report(svc, ref, self_handled=True, self_handled_action="已当场劝离并清理")
    r = CaseService(db, "调度员").act(r.id, Accept(), r.version)
    assert r.status is CaseStatus.FEEDBACK
    r = CaseService(db, "调度员").act(r.id, Verify(passed=True), r.version)
    r = CaseService(db, "调度员").act(r.id, Close(close_type="solved"), r.version)
    assert r.status is CaseStatus.CLOSED
    with db.session() as s:
        assert case_detail(s, r.id).result == "已当场劝离并清理"


def test_reject_needs_a_reason_and_is_final(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "调度员")
    r = report(svc, ref)
    with pytest.raises(ValidationError, match="不予受理理由"):
        svc.act(r.id, Reject(), r.version)
    r = svc.act(r.id, Reject(reason="不属于网格事项，已告知向法院起诉"), r.version)
    assert r.status is CaseStatus.REJECTED
    with pytest.raises(IllegalTransition, match="不予受理"):
        svc.act(r.id, Accept(), r.version)
    assert len(history(db, r.id)) == 2  # the refusal wrote nothing


def test_merge_duplicate_links_both_cases(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "调度员")
    first = report(svc, ref)
    dup = report(svc, ref)
    with pytest.raises(ValidationError, match="自己"):
        svc.act(dup.id, Merge(into=dup.number), dup.version)
    merged = svc.act(dup.id, Merge(into=first.number), dup.version)
    assert merged.status is CaseStatus.MERGED
    with db.session() as s:
        d = case_detail(s, first.id)
        assert [(x.number, x.relation) for x in d.related] == [(dup.number, "合并入本案")]
        assert case_detail(s, dup.id).close_type is CloseType.DUPLICATE


def dispatched(db: Database, ref: Ref) -> tuple[CaseService, CaseRef]:
    svc = CaseService(db, "调度员")
    r = report(svc, ref)
    r = svc.act(r.id, Accept(), r.version)
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    return svc, svc.act(r.id, Sign(), r.version)


def test_failed_verification_sends_the_case_back_for_rework(db: Database, ref: Ref, now: Clock) -> None:
    svc, r = dispatched(db, ref)
    r = svc.act(r.id, Feedback(result="已清理"), r.version)
    with pytest.raises(ValidationError, match="原因"):
        svc.act(r.id, Verify(passed=False), r.version)
    r = svc.act(r.id, Verify(passed=False, reason="现场仍有垃圾"), r.version)
    assert r.status is CaseStatus.IN_PROGRESS
    r = svc.act(r.id, Feedback(result="已彻底清理"), r.version)
    r = svc.act(r.id, Verify(passed=False, reason="又有堆积"), r.version)
    with db.session() as s:
        assert s.get(Case, r.id).rework_count == 2  # type: ignore[union-attr]
    assert [h.action for h in history(db, r.id)][-4:] == ["feedback", "verify", "feedback", "verify"]


def test_close_type_is_honest(db: Database, ref: Ref, now: Clock) -> None:
    svc, r = dispatched(db, ref)
    r = svc.act(r.id, Feedback(result="经查反映不实"), r.version)
    r = svc.act(r.id, Verify(passed=True), r.version)
    with pytest.raises(ValidationError, match="结案类型"):
        svc.act(r.id, Close(), r.version)
    with pytest.raises(ValidationError, match="结案说明"):
        svc.act(r.id, Close(close_type=CloseType.UNFOUNDED), r.version)
    r = svc.act(r.id, Close(close_type=CloseType.UNFOUNDED, reason="现场无垃圾堆积"), r.version)
    with db.session() as s:
        d = case_detail(s, r.id)
    assert (d.close_type, d.close_reason) == (CloseType.UNFOUNDED, "现场无垃圾堆积")


def test_extension_pauses_the_clock_and_approval_moves_the_deadline(
    db: Database, ref: Ref, now: Clock
) -> None:
    svc, r = dispatched(db, ref)
    with db.session() as s:
        due = s.get(Case, r.id).due_at  # type: ignore[union-attr]
    assert due is not None
    with pytest.raises(ValidationError, match="晚于"):
        svc.act(r.id, RequestExtension(requested_due_at=due - timedelta(hours=1), reason="材料"), r.version)
    r = svc.act(r.id, RequestExtension(requested_due_at=due + timedelta(days=7), reason="需协调"), r.version)
    assert r.status is CaseStatus.EXTENSION_REQUESTED
    with db.session() as s:
        assert case_detail(s, r.id).light is TrafficLight.PAUSED
    now.advance(hours=2)
    head = CaseService(db, "中心主任")
    with pytest.raises(ValidationError, match="审批意见"):
        head.act(r.id, DecideExtension(approve=False), r.version)
    r = head.act(r.id, DecideExtension(approve=True, note="同意"), r.version)
    assert r.status is CaseStatus.IN_PROGRESS
    with db.session() as s:
        c = s.get(Case, r.id)
        assert c is not None and c.due_at == due + timedelta(days=7) and c.extension_count == 1
    last = history(db, r.id)[-1]
    assert json.loads(last.changes)["paused"] == ["2026-11-24 09:00:00", "2026-11-24 11:00:00"]


def test_denied_extension_keeps_the_deadline_but_not_the_paused_time(
    db: Database, ref: Ref, now: Clock
) -> None:
    svc, r = dispatched(db, ref)
    with db.session() as s:
        due = s.get(Case, r.id).due_at  # type: ignore[union-attr]
    assert due is not None
    r = svc.act(r.id, RequestExtension(requested_due_at=due + timedelta(days=3), reason="需协调"), r.version)
    now.advance(hours=1)  # 09:00 → 10:00 on the start day, which a working-days limit never counts
    r = svc.act(r.id, DecideExtension(approve=False, note="不符合延期条件"), r.version)
    with db.session() as s:
        c = s.get(Case, r.id)
        assert c is not None and c.extension_count == 0 and c.due_at == due
    now.advance(days=1)  # Wednesday 10:00: the clock runs, so a pause now costs the department nothing
    r = svc.act(r.id, RequestExtension(requested_due_at=due + timedelta(days=3), reason="需协调"), r.version)
    now.advance(hours=1)
    r = svc.act(r.id, DecideExtension(approve=False, note="不符合延期条件"), r.version)
    with db.session() as s:
        c = s.get(Case, r.id)
        assert c is not None and c.extension_count == 0 and c.due_at is not None and c.due_at > due


def test_escalation_and_county_return(db: Database, ref: Ref, now: Clock) -> None:
    svc, r = dispatched(db, ref)
    with pytest.raises(ValidationError):
        svc.act(r.id, Escalate(), r.version)
    r = svc.act(r.id, Escalate(note="涉及跨乡镇河道，需县级协调"), r.version)
    assert r.status is CaseStatus.ESCALATED
    with pytest.raises(IllegalTransition):
        svc.act(r.id, Feedback(result="x"), r.version)
    r = svc.act(r.id, CountyReturn(answer="县水利局牵头，乡镇配合"), r.version)
    assert r.status is CaseStatus.ACCEPTED
    with db.session() as s:
        c = s.get(Case, r.id)
        assert c is not None and c.stage is Stage.DISPATCH and c.escalated_at is not None


def test_a_county_return_lets_go_of_the_department_as_a_return_does(db: Database, ref: Ref, now: Clock) -> None:
    """Back from the county the case waits for a new dispatch: like 退回 and 退回网格, nothing of the former
    department stays on it — no lead, no co-departments, no responsible person, no sign-for time, no deadline."""
    svc = CaseService(db, "调度员")
    r = report(svc, ref)
    r = svc.act(r.id, Accept(), r.version)
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env, co_department_ids=(ref.law,),
                               responsible_person_id=ref.person), r.version)  # fmt: skip
    r = svc.act(r.id, Sign(), r.version)
    r = svc.act(r.id, Escalate(note="涉及跨乡镇河道，需县级协调"), r.version)
    r = svc.act(r.id, CountyReturn(answer="县水利局牵头，乡镇配合"), r.version)
    with db.session() as s:
        c = s.get(Case, r.id)
        assert c is not None and c.status is CaseStatus.ACCEPTED
        assert (c.lead_department_id, c.responsible_person_id, c.signed_at, c.due_at) == (None, None, None, None)
        assert c.co_departments == []


def test_long_term_case_needs_a_plan(db: Database, ref: Ref, now: Clock) -> None:
    svc, r = dispatched(db, ref)
    with pytest.raises(ValidationError, match="治理措施"):
        svc.act(r.id, LongTerm(next_review_on=date(2026, 12, 15)), r.version)
    with pytest.raises(ValidationError, match="复核日期"):
        svc.act(r.id, LongTerm(measures="分期整治", next_review_on=date(2026, 1, 1)), r.version)
    r = svc.act(r.id, LongTerm(measures="分三期整治", milestones=["12月底前完成一期"], next_review_on=date(2026, 12, 15)), r.version)  # fmt: skip
    assert r.status is CaseStatus.LONG_TERM
    with db.session() as s:
        d = case_detail(s, r.id)
    assert d.governance_plan == {"measures": "分三期整治", "milestones": ["12月底前完成一期"]}
    r = svc.act(r.id, Resume(note="一期完成，恢复办理"), r.version)
    assert r.status is CaseStatus.IN_PROGRESS


def test_return_to_center_clears_the_assignment(db: Database, ref: Ref, now: Clock) -> None:
    svc, r = dispatched(db, ref)
    r = svc.act(r.id, Return(reason="不属于本部门职责"), r.version)
    assert r.status is CaseStatus.ACCEPTED
    with db.session() as s:
        d = case_detail(s, r.id)
    assert d.lead_department is None and d.due_at is None and d.stage is Stage.DISPATCH


def test_supervision_notice_is_counted(db: Database, ref: Ref, now: Clock) -> None:
    svc, r = dispatched(db, ref)
    r = svc.act(r.id, Supervise(chased="环保办主任", note="请今日内办结"), r.version)
    with db.session() as s:
        assert case_detail(s, r.id).supervise_count == 1
    assert history(db, r.id)[-1].note.startswith("督办对象：环保办主任")


def test_claim_blocks_other_seats_until_it_lapses(db: Database, ref: Ref, now: Clock) -> None:
    a, b = CaseService(db, "甲"), CaseService(db, "乙")
    r = report(a, ref)
    r = a.act(r.id, Claim(), r.version)
    with pytest.raises(IllegalTransition, match="甲 认领"):
        b.act(r.id, Accept(), r.version)
    with db.session() as s:
        states = {x.action: x for x in allowed_actions(case_detail(s, r.id), "乙")}
    assert not states["accept"].allowed and "甲" in (states["accept"].reason or "")
    now.advance(minutes=16)  # lease is 15 minutes
    r = b.act(r.id, Accept(), r.version)
    assert r.status is CaseStatus.ACCEPTED


def test_every_illegal_transition_is_refused_with_a_reason(db: Database, ref: Ref, now: Clock) -> None:
    for action, t in machine.TRANSITIONS.items():
        for status in CaseStatus:
            reason = machine.refusal(status, action)
            assert (reason is None) == (status in t.sources)
            if reason:
                assert status.label in reason and t.label in reason
    svc = CaseService(db, "调度员")
    r = report(svc, ref)
    for action in ("dispatch", "sign", "feedback", "verify", "close", "callback", "resume", "county_return"):
        with pytest.raises(IllegalTransition, match="待受理"):
            svc.act(r.id, COMMANDS[action](), r.version)
    assert len(history(db, r.id)) == 1


def test_stale_version_names_who_changed_the_case(db: Database, ref: Ref, now: Clock) -> None:
    a, b = CaseService(db, "调度员甲"), CaseService(db, "调度员乙")
    r = report(a, ref)
    seen = r.version
    a.act(r.id, Accept(), seen)
    with pytest.raises(StaleCase, match="调度员甲") as info:
        b.act(r.id, Reject(reason="重复"), seen)
    assert info.value.changed_by == "调度员甲"
    assert len(history(db, r.id)) == 2


def test_attachment_is_stored_and_capped(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "网格员")
    r = report(svc, ref)
    photo = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    r = svc.attach(r.id, r.version, "现场照片.png", photo, "image/png")
    with pytest.raises(AttachmentTooLarge, match="超过上限"):
        svc.attach(r.id, r.version, "大视频.mp4", b"x" * (5 * 1024 * 1024 + 1), "video/mp4")
    with db.session() as s:
        d = case_detail(s, r.id)
        assert [a.filename for a in d.attachments] == ["现场照片.png"]
        assert s.scalar(select(Attachment.data)) == photo


def test_unknown_grid_and_category_are_refused(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "调度员")
    with pytest.raises(ValidationError, match="未知的网格编码"):
        svc.report(ReportInput(grid="410103999999999", category=ref.cat_env, summary="x"))
    with pytest.raises(ValidationError, match="未知的问题类别"):
        svc.report(ReportInput(grid=ref.grid_code, category="不存在", summary="x"))
    with pytest.raises(ValidationError, match="上报时间"):
        svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="x",
                               reported_at=datetime(2027, 1, 1)))  # fmt: skip
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0


def test_case_numbers_run_per_year(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "调度员")
    last_year = report(svc, ref, reported_at=datetime(2025, 12, 31, 23, 0))
    a, b = report(svc, ref), report(svc, ref)
    assert (last_year.number, a.number, b.number) == ("2025-000001", "2026-000001", "2026-000002")
