"""Consultation meetings on real databases (each test runs on SQLite and on PostgreSQL): every agenda rule (a
case meeting it is on the agenda with that reason, a near miss is not), village scoping and hand-up, every
decision kind applied through the workflow (and a refused one writing nothing), decisions carried to the next
agenda, frozen minutes, permissions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import func, select, text

from console import clock, queue
from console.db import Database
from console.domain import CaseStatus, CloseType, GridKind
from console.errors import PermissionDenied, ValidationError
from console.meetings import proposal
from console.meetings.decisions import DecisionInput
from console.meetings.kinds import Attendance, DecisionKind, MeetingKind
from console.meetings.read import list_decisions, meeting_view
from console.meetings.service import Invitee, MeetingService
from console.models import AuditLog, Case, CaseHistory, Grid, MeetingDecision
from console.queue.filters import QueueFilter
from console.security import users
from console.security.posts import Post
from console.settings import set_setting
from console.workflow.commands import (
    Accept,
    CountyReturn,
    Dispatch,
    Escalate,
    Feedback,
    LongTerm,
    ProposeMeeting,
    RequestExtension,
    Return,
    Sign,
    Verify,
)
from console.workflow.service import CaseRef, CaseService, ReportInput
from tests.factories import Ref, seed_reference
from tests.test_security_pg import Setup, pg, scalar  # noqa: F401 - the `pg` fixture
from tests.test_workflow import Clock

ME = "diaodu"


@pytest.fixture
def now() -> Iterator[Clock]:
    c = Clock(datetime(2026, 11, 24, 9, 0))  # a Tuesday
    clock.set_clock(c)
    yield c
    clock.set_clock(None)


@pytest.fixture
def ref(db: Database) -> Ref:
    return seed_reference(db)


def report(svc: CaseService, ref: Ref, summary: str = "一号楼院门口垃圾堆积", **kw: object) -> CaseRef:
    kw.setdefault("grid", ref.grid_code)
    kw.setdefault("category", ref.cat_env)
    return svc.report(ReportInput(summary=summary, **kw))  # type: ignore[arg-type]


def accepted(svc: CaseService, ref: Ref, **kw: object) -> CaseRef:
    r = report(svc, ref, **kw)
    return svc.act(r.id, Accept(), r.version)


def in_progress(svc: CaseService, ref: Ref, due: datetime | None = None, **kw: object) -> CaseRef:
    r = accepted(svc, ref, **kw)
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env, due_at=due, due_reason="会商测试" if due else ""),
                r.version)  # fmt: skip
    return svc.act(r.id, Sign(), r.version)


def weekly(db: Database, now: Clock, days: int = 1) -> int:
    return MeetingService(db, ME).create(MeetingKind.WEEKLY, now.t + timedelta(days=days), chair="张主任",
                                         recorder="李记录")  # fmt: skip


def agenda(db: Database, meeting_id: int) -> dict[str, list[str]]:
    """case number → its reason codes, for the live items in order."""
    with db.session() as s:
        v = meeting_view(s, meeting_id, ME, clock.now().date())
    return {i.case_number: [code for code, _ in i.reasons] for i in v.items}


def history_rows(db: Database, case_id: int) -> list[CaseHistory]:
    with db.session() as s:
        return list(s.scalars(select(CaseHistory).where(CaseHistory.case_id == case_id).order_by(CaseHistory.id)))


# --- the agenda rules ---------------------------------------------------------------------------------------


def test_a_case_put_forward_is_on_the_agenda_with_its_reason(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    put = accepted(svc, ref)
    other = accepted(svc, ref, summary="路灯不亮")
    put = svc.act(put.id, ProposeMeeting("两个部门都说不归自己管"), put.version)
    assert put.status is CaseStatus.ACCEPTED  # the status does not change
    with pytest.raises(ValidationError, match="已提请会商"):
        svc.act(put.id, ProposeMeeting("再提一次"), put.version)
    mid = weekly(db, now)
    MeetingService(db, ME).draw_agenda(mid)
    items = agenda(db, mid)
    assert items == {put.number: [proposal.PROPOSED]}
    assert other.number not in items
    with db.session() as s:
        v = meeting_view(s, mid, ME, now.t.date())
    assert "两个部门都说不归自己管" in v.items[0].reasons[0][1]
    assert history_rows(db, put.id)[-1].action == "propose_meeting"


def test_the_queue_filters_and_badges_cases_put_forward(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    put = accepted(svc, ref)
    other = accepted(svc, ref, summary="路灯不亮")
    svc.act(put.id, ProposeMeeting("部门争议"), put.version)
    with db.session() as s:
        rows = queue.fetch_page(s, queue.quick_filter("提请会商"), now=now.t).rows
        everything = {r.number: r.proposed_for_meeting for r in queue.fetch_page(s, QueueFilter(), now=now.t).rows}
    assert [r.number for r in rows] == [put.number] and rows[0].proposed_for_meeting
    assert everything == {put.number: True, other.number: False}
    mid = weekly(db, now)
    MeetingService(db, ME).draw_agenda(mid)  # on an agenda now: no longer waiting
    with db.session() as s:
        assert queue.fetch_page(s, queue.quick_filter("提请会商"), now=now.t).rows == []


def test_overdue_by_more_than_n_working_days(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    late = in_progress(svc, ref, due=datetime(2026, 11, 24, 17, 0))
    near = in_progress(svc, ref, due=datetime(2026, 11, 25, 17, 0), summary="井盖缺失")
    now.t = datetime(2026, 12, 2, 9, 0)  # Wed: 6 and 5 working days late
    mid = weekly(db, now)
    MeetingService(db, ME).draw_agenda(mid)
    items = agenda(db, mid)
    assert items.get(late.number) == [proposal.OVERDUE]
    assert near.number not in items


def test_reworked_twice(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    twice = in_progress(svc, ref)
    once = in_progress(svc, ref, summary="井盖缺失")
    for start, rounds in ((twice, 2), (once, 1)):
        r = start
        for _ in range(rounds):
            r = svc.act(r.id, Feedback(result="已处理"), r.version)
            r = svc.act(r.id, Verify(passed=False, reason="现场仍有垃圾"), r.version)
    mid = weekly(db, now)
    MeetingService(db, ME).draw_agenda(mid)
    items = agenda(db, mid)
    assert items.get(twice.number) == [proposal.REWORK]
    assert once.number not in items


def test_returned_twice_is_a_dispute(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    twice = accepted(svc, ref)
    once = accepted(svc, ref, summary="井盖缺失")
    for start, rounds in ((twice, 2), (once, 1)):
        r = start
        for dep in (ref.env, ref.law)[:rounds]:
            r = svc.act(r.id, Dispatch(lead_department_id=dep), r.version)
            r = svc.act(r.id, Return("不属于本部门职责"), r.version)
    mid = weekly(db, now)
    MeetingService(db, ME).draw_agenda(mid)
    items = agenda(db, mid)
    assert items.get(twice.number) == [proposal.DISPUTE]
    assert once.number not in items


def test_repeated_reports_from_one_place(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    three = [accepted(svc, ref, summary=f"噪音扰民{i}", address="绿云路8号") for i in range(3)]
    two = [accepted(svc, ref, summary=f"占道经营{i}", address="绿云路9号") for i in range(2)]
    mid = weekly(db, now)
    MeetingService(db, ME).draw_agenda(mid)
    items = agenda(db, mid)
    assert all(items.get(r.number) == [proposal.REPEAT] for r in three)
    assert not any(r.number in items for r in two)
    with db.session() as s:  # the sentence counts the place's reports (from the chosen cases' own places)
        texts = {i.case_number: [t for _c, t in i.reasons] for i in meeting_view(s, mid, ME, now.t.date()).items}
    assert texts[three[0].number] == ["同一地点（绿云路8号）30 天内反映 3 次"]


def test_key_area_complex_cases(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    safety = accepted(svc, ref, category=ref.cat_safety, summary="加油站私接管线")
    env = accepted(svc, ref)
    mid = weekly(db, now)
    MeetingService(db, ME).draw_agenda(mid)
    items = agenda(db, mid)
    assert items.get(safety.number) == [proposal.KEY_COMPLEX]
    assert env.number not in items


def test_long_term_cases_due_for_review_before_the_meeting(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    due = accepted(svc, ref)
    later = accepted(svc, ref, summary="违建拆除")
    svc.act(due.id, LongTerm(measures="分期整治", next_review_on=date(2026, 11, 30)), due.version)
    svc.act(later.id, LongTerm(measures="分期整治", next_review_on=date(2026, 12, 10)), later.version)
    mid = weekly(db, now, days=7)  # Tue 2026-12-01
    MeetingService(db, ME).draw_agenda(mid)
    items = agenda(db, mid)
    assert items.get(due.number) == [proposal.REVIEW_DUE]
    assert later.number not in items


def test_cases_returned_from_the_county(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    back = accepted(svc, ref)
    still = accepted(svc, ref, summary="河道污染")
    back = svc.act(back.id, Escalate("超出街道职权"), back.version)
    svc.act(back.id, CountyReturn("请街道协调环保办处理"), back.version)
    svc.act(still.id, Escalate("超出街道职权"), still.version)
    mid = weekly(db, now)
    MeetingService(db, ME).draw_agenda(mid)
    items = agenda(db, mid)
    assert items.get(back.number) == [proposal.COUNTY_RETURN]
    assert still.number not in items


def test_the_cap_keeps_the_most_pressing_and_says_what_it_left_out(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    with db.session() as s:
        set_setting(s, "meeting_max_items", "2")
    put = accepted(svc, ref)
    svc.act(put.id, ProposeMeeting("群众联名反映"), put.version)
    hard = [accepted(svc, ref, category=ref.cat_safety, summary=f"安全隐患{i}") for i in range(3)]
    mid = weekly(db, now)
    drawn = MeetingService(db, ME).draw_agenda(mid)
    assert drawn.added == 2 and "议程已满 2 项，另有符合条件的案件未列入（重点领域复杂）" in drawn.left_out
    assert list(agenda(db, mid)) == [put.number, hard[0].number]  # put forward always; then the oldest


# --- village scoping and hand-up ------------------------------------------------------------------------------


def test_village_meeting_proposes_only_its_subtree_and_hands_up(db: Database, ref: Ref, now: Clock) -> None:
    with db.session() as s:
        town = s.get(Grid, ref.township)
        other = Grid(code="410103001002000", name="桃源社区", level=2, parent_id=town.id if town else None,
                     households=0, kind=GridKind.REGULAR, active=True, pinyin_initials="tysq")  # fmt: skip
        s.add(other)
        s.flush()
        s.add(Grid(code="410103001002001", name="桃源社区一号楼院", level=3, parent_id=other.id, households=200,
                   kind=GridKind.REGULAR, active=True, pinyin_initials="tysqyhly"))  # fmt: skip
    svc = CaseService(db, ME)
    mine = accepted(svc, ref, category=ref.cat_safety, summary="液化气瓶违规存放")
    theirs = accepted(svc, ref, category=ref.cat_safety, summary="厂房消防通道堵塞", grid="410103001002001")
    ms = MeetingService(db, ME)
    vid = ms.create(MeetingKind.VILLAGE, now.t + timedelta(days=1), scope_code="410103001001000")
    ms.draw_agenda(vid)
    assert list(agenda(db, vid)) == [mine.number]
    ms.advance(vid)
    ms.hand_up(vid, mine.number, "涉及多个部门，社区无法协调")
    wid = weekly(db, now, days=2)
    ms.draw_agenda(wid)
    items = agenda(db, wid)
    assert items[mine.number] == [proposal.HANDED_UP, proposal.KEY_COMPLEX]
    assert theirs.number in items


def test_dispatcher_adds_removes_and_reorders(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    a, b, c = (accepted(svc, ref, summary=s) for s in ("甲", "乙", "丙"))
    ms = MeetingService(db, ME)
    mid = weekly(db, now)
    for r in (a, b, c):
        ms.add_item(mid, r.number, "领导点名研究")
    ms.move_item(mid, c.number, 1)
    assert list(agenda(db, mid)) == [c.number, a.number, b.number]
    with pytest.raises(ValidationError, match="理由"):
        ms.remove_item(mid, a.number, " ")
    ms.remove_item(mid, a.number, "已在现场协调解决")
    with db.session() as s:
        v = meeting_view(s, mid, ME, now.t.date())
    assert [i.case_number for i in v.items] == [c.number, b.number]
    assert v.removed[0].case_number == a.number and v.removed[0].removed_reason == "已在现场协调解决"


# --- decisions --------------------------------------------------------------------------------------------------


def _held_with(db: Database, now: Clock, *numbers: str) -> int:
    ms = MeetingService(db, ME)
    mid = weekly(db, now, days=0)
    for n in numbers:
        ms.add_item(mid, n, "研究")
    ms.advance(mid)
    ms.advance(mid)
    return mid


def _decide_and_apply(db: Database, mid: int, number: str, d: DecisionInput) -> tuple[bool, str]:
    ms = MeetingService(db, ME)
    did = ms.decide(mid, number, d)
    r = ms.apply(did)
    return r.applied, r.message


def test_each_decision_kind_goes_through_the_workflow(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    to_dispatch = accepted(svc, ref, summary="待交办")
    to_extend = in_progress(svc, ref, summary="待延期")
    svc.act(to_extend.id, RequestExtension("需要协调", now.t + timedelta(days=20)), to_extend.version)
    to_supervise = in_progress(svc, ref, summary="待督办")
    to_escalate = accepted(svc, ref, summary="待上报")
    to_park = accepted(svc, ref, summary="待挂账")
    to_close = in_progress(svc, ref, summary="待结案")
    r = svc.act(to_close.id, Feedback(result="已清运"), to_close.version)
    svc.act(r.id, Verify(passed=True), r.version)
    to_hand_back = in_progress(svc, ref, summary="退回网格")
    to_watch = in_progress(svc, ref, summary="持续关注")
    cases = (to_dispatch, to_extend, to_supervise, to_escalate, to_park, to_close, to_hand_back, to_watch)
    mid = _held_with(db, now, *(c.number for c in cases))
    due = now.t.date() + timedelta(days=7)
    K = DecisionKind
    decisions = {
        to_dispatch: (DecisionInput(K.DISPATCH, "由行政执法中队牵头，环保办配合", owner="王建国",
                                    department_id=ref.law, due_on=due, lead_department_id=ref.law,
                                    co_department_ids=(ref.env,)), CaseStatus.DISPATCHED),
        to_extend: (DecisionInput(K.EXTENSION, "同意延期", approve=True), CaseStatus.IN_PROGRESS),
        to_supervise: (DecisionInput(K.SUPERVISE, "挂牌督办", chased="环保办", level="挂牌督办"),
                       CaseStatus.IN_PROGRESS),
        to_escalate: (DecisionInput(K.ESCALATE, "提请区网格中心协调"), CaseStatus.ESCALATED),
        to_park: (DecisionInput(K.LONG_TERM, "列入挂账，分期治理", measures="分三期整治",
                                review_on=date(2027, 1, 15)), CaseStatus.LONG_TERM),
        to_close: (DecisionInput(K.CLOSE, "同意结案", close_type=CloseType.SOLVED), CaseStatus.CLOSED),
        to_hand_back: (DecisionInput(K.HAND_BACK, "由网格长组织调解"), CaseStatus.FEEDBACK),
        to_watch: (DecisionInput(K.WATCH, "持续关注，下周报告"), CaseStatus.IN_PROGRESS),
    }  # fmt: skip
    for c, (d, expected) in decisions.items():
        before = len(history_rows(db, c.id))
        applied, message = _decide_and_apply(db, mid, c.number, d)
        assert applied, (d.kind, message)
        rows = history_rows(db, c.id)
        assert len(rows) == before + 1
        assert "经〔2026〕第1期会商决定：" + d.text in rows[-1].note, rows[-1].note
        assert rows[-1].actor == ME
        with db.session() as s:
            case = s.get(Case, c.id)
            assert case is not None and case.status is expected, (d.kind, case.status)
    with db.session() as s:
        assert s.scalar(select(Case.lead_department_id).where(Case.id == to_dispatch.id)) == ref.law
        assert s.scalar(select(Case.supervise_count).where(Case.id == to_supervise.id)) == 1
        assert s.scalar(select(Case.extension_count).where(Case.id == to_extend.id)) == 1
        assert s.scalar(select(func.count()).select_from(MeetingDecision).where(
            MeetingDecision.applied_at.is_not(None))) == len(decisions)  # fmt: skip


def test_a_refused_decision_writes_nothing(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    r = in_progress(svc, ref)
    mid = _held_with(db, now, r.number)
    before = len(history_rows(db, r.id))
    applied, message = _decide_and_apply(db, mid, r.number, DecisionInput(DecisionKind.CLOSE, "结案",
                                                                          close_type=CloseType.SOLVED))  # fmt: skip
    assert not applied and "不能结案" in message
    assert len(history_rows(db, r.id)) == before
    with db.session() as s:
        case = s.get(Case, r.id)
        d = s.scalar(select(MeetingDecision))
        assert case is not None and case.version == r.version and case.status is CaseStatus.IN_PROGRESS
        assert d is not None and d.applied_at is None and "不能结案" in d.refusal


def test_a_decision_is_applied_once(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    r = accepted(svc, ref)
    mid = _held_with(db, now, r.number)
    ms = MeetingService(db, ME)
    did = ms.decide(mid, r.number, DecisionInput(DecisionKind.DISPATCH, "环保办牵头", lead_department_id=ref.env))
    assert ms.apply(did).applied
    before = len(history_rows(db, r.id))
    with pytest.raises(ValidationError, match="已于"):
        ms.apply(did)
    assert ms.apply_all(mid) == []
    assert len(history_rows(db, r.id)) == before
    with pytest.raises(ValidationError, match="不能再修改"):
        ms.decide(mid, r.number, DecisionInput(DecisionKind.WATCH, "改主意了"))


def test_apply_all_applies_what_it_can(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    ok = accepted(svc, ref)
    refused = accepted(svc, ref, summary="路灯")
    mid = _held_with(db, now, ok.number, refused.number)
    ms = MeetingService(db, ME)
    ms.decide(mid, ok.number, DecisionInput(DecisionKind.DISPATCH, "环保办牵头", lead_department_id=ref.env))
    ms.decide(mid, refused.number, DecisionInput(DecisionKind.CLOSE, "结案", close_type=CloseType.SOLVED))
    results = ms.apply_all(mid)
    assert [(x.case_number, x.applied) for x in results] == [(ok.number, True), (refused.number, False)]


def test_open_decisions_are_carried_to_the_next_agenda_first(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    first = accepted(svc, ref)
    later = accepted(svc, ref, category=ref.cat_safety, summary="加油站私接管线")
    ms = MeetingService(db, ME)
    m1 = _held_with(db, now, first.number)
    ms.decide(m1, first.number, DecisionInput(DecisionKind.DISPATCH, "环保办牵头", lead_department_id=ref.env,
                                               due_on=now.t.date() + timedelta(days=3)))  # fmt: skip
    assert ms.apply_all(m1)[0].applied
    now.advance(days=7)
    m2 = weekly(db, now)
    ms.draw_agenda(m2)
    items = agenda(db, m2)
    assert list(items) == [first.number, later.number]
    assert items[first.number] == [proposal.DECISION_OPEN]
    with db.session() as s:
        overdue = list_decisions(s, ME, now.t.date(), state="overdue")
    assert [d.case_number for d in overdue] == [first.number]
    # once the department fed back, the decision is done and no longer carried
    with db.session() as s:
        version = s.scalar(select(Case.version).where(Case.id == first.id))
    assert version is not None
    r = svc.act(first.id, Sign(), version)
    svc.act(r.id, Feedback(result="已清运"), r.version)
    m3 = weekly(db, now, days=3)
    ms.draw_agenda(m3)
    assert first.number not in agenda(db, m3)
    with db.session() as s:
        assert [d.state for d in list_decisions(s, ME, now.t.date(), meeting_id=m1)] == ["已办结"]


def test_approved_minutes_are_frozen(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, ME)
    r = accepted(svc, ref)
    mid = _held_with(db, now, r.number)
    ms = MeetingService(db, ME)
    ms.attend(mid, "张主任", Attendance.PRESENT)
    ms.attend(mid, "派出所", Attendance.ABSENT, reason="出警")
    ms.discuss(mid, r.number, "环保办、执法中队意见不一")
    ms.decide(mid, r.number, DecisionInput(DecisionKind.WATCH, "持续关注"))
    ms.approve(mid)
    svc.act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    with db.session() as s:
        s.execute(Case.__table__.update().where(Case.id == r.id).values(summary="已改的摘要"))
    with db.session() as s:
        v = meeting_view(s, mid, ME, now.t.date())
    assert v.frozen and v.items[0].summary == "一号楼院门口垃圾堆积" and v.items[0].status == "待派遣"
    assert v.items[0].discussion == "环保办、执法中队意见不一"
    for change in (lambda: ms.discuss(mid, r.number, "改"), lambda: ms.attend(mid, "张主任", Attendance.PRESENT),
                   lambda: ms.decide(mid, r.number, DecisionInput(DecisionKind.WATCH, "改"))):  # fmt: skip
        with pytest.raises(ValidationError, match="已审定"):
            change()
    ms.add_addendum(mid, "12月1日补充：环保办已书面答复")
    with db.session() as s:
        v = meeting_view(s, mid, ME, now.t.date())
    assert v.addenda[0][2] == "12月1日补充：环保办已书面答复"


def test_permissions_and_audit(db: Database, ref: Ref, now: Clock) -> None:
    with db.session() as s:
        users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计员"))
        for login, name in (("diaodu", "调度员"), ("zhuren", "主任"), ("banli", "办理人"), ("wangge", "网格员"),
                            ("wangge2", "网格员二")):  # fmt: skip
            users.add_user(s, "sysadm", login, name, password="Start#Pw01")
        users.grant_post(s, "secadm", "wangge", Post.GRID, grid=ref.grid_code)
        users.grant_post(s, "secadm", "wangge2", Post.GRID, grid=ref.grid2_code)
        users.grant_post(s, "secadm", "diaodu", Post.DISPATCHER)
        users.grant_post(s, "secadm", "zhuren", Post.HEAD)
        users.grant_post(s, "secadm", "banli", Post.DEPARTMENT, department=ref.env)
    r = accepted(CaseService(db, "diaodu"), ref)
    mid = _held_with(db, now, r.number)
    with pytest.raises(PermissionDenied):
        MeetingService(db, "banli").approve(mid)
    with pytest.raises(PermissionDenied):
        MeetingService(db, "banli").add_item(mid, r.number, "想上会")
    # a handler sees a meeting only once it concerns their department
    with db.session() as s:
        with pytest.raises(Exception, match="无权查看"):
            meeting_view(s, mid, "banli", now.t.date())
    ms = MeetingService(db, "diaodu")
    ms.decide(mid, r.number, DecisionInput(DecisionKind.DISPATCH, "环保办牵头", lead_department_id=ref.env,
                                            department_id=ref.env))  # fmt: skip
    with db.session() as s:
        assert meeting_view(s, mid, "banli", now.t.date()).items[0].case_number == r.number
        assert meeting_view(s, mid, "wangge", now.t.date()).items[0].case_number == r.number  # a case of their grid
        with pytest.raises(Exception, match="无权查看"):
            meeting_view(s, mid, "wangge2", now.t.date())
    MeetingService(db, "zhuren").approve(mid)
    with db.session() as s:
        details = list(s.scalars(select(AuditLog.detail).where(AuditLog.event == "meeting").order_by(AuditLog.id)))
    assert details[0].startswith("新建") and details[-1] == "审定纪要"


@pytest.mark.pg
def test_on_postgresql_a_dispatcher_runs_a_meeting_with_their_own_login(pg: Setup) -> None:  # noqa: F811
    """The grants of `pg_roles.provision`: the dispatcher's own role writes meetings and applies a decision;
    a department handler's role reads them but cannot write one."""
    disp = pg.app_db("disp")
    try:
        ms = MeetingService(disp, pg.logins["disp"])
        mid = ms.create(MeetingKind.WEEKLY, datetime(2026, 12, 1, 9, 0), chair="张主任")
        with disp.session() as s:
            number = s.scalar(select(Case.number).where(Case.id == pg.env_case))
        assert number is not None
        ms.add_item(mid, number, "部门意见不一")
        ms.advance(mid)
        ms.advance(mid)
        did = ms.decide(mid, number, DecisionInput(DecisionKind.SUPERVISE, "挂牌督办", chased="环保办",
                                                    level="挂牌督办"))  # fmt: skip
        assert ms.apply(did).applied
    finally:
        disp.dispose()
    with pg.connect("disp") as conn:
        assert scalar(conn, "SELECT actor FROM case_history WHERE case_id = %s ORDER BY id DESC LIMIT 1",
                      (pg.env_case,)) == pg.logins["disp"]  # fmt: skip
    with pg.connect("env") as conn:
        assert scalar(conn, "SELECT count(*) FROM agenda_item") == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE meeting SET title = 'x'")


@pytest.mark.pg
def test_on_postgresql_meetings_are_under_row_level_security_by_the_application_rule(pg: Setup) -> None:  # noqa: F811
    """psql as a department handler or a grid worker reads only the meetings, agendas, attendance, decisions,
    addenda and proposals the console would show them (the rule of `console.meetings.access`), and a handler
    still files 提请会商 for a case of theirs through the workflow."""
    from console.meetings.read import list_meetings

    disp = pg.app_db("disp")
    env_app = pg.app_db("env")
    try:
        ms = MeetingService(disp, pg.logins["disp"])
        with disp.session() as s:
            env_no, law_no = (s.scalar(select(Case.number).where(Case.id == i)) for i in (pg.env_case, pg.law_case))
        assert env_no and law_no
        at = datetime(2026, 12, 1, 9, 0)
        a = ms.create(MeetingKind.WEEKLY, at, chair="张主任")  # takes up the 环保办 case (grid 1)
        ms.add_item(a, env_no, "部门意见不一")
        b = ms.create(MeetingKind.WEEKLY, at + timedelta(days=7))  # takes up the 行政执法中队 case (grid 2)
        ms.add_item(b, law_no, "反复反映")
        c = ms.create(MeetingKind.WEEKLY, at + timedelta(days=14),  # no case; 环保办 is invited
                      invitees=[Invitee("王建国", department_id=pg.ref.env)])  # fmt: skip
        d = ms.create(MeetingKind.WEEKLY, at + timedelta(days=21))  # concerns only the center
        env_svc = CaseService(env_app, pg.logins["env"])
        ref_now = env_svc.ref_of(env_no)
        env_svc.act(ref_now.id, ProposeMeeting("需多部门协调"), ref_now.version)  # the handler's own role
        disp_svc = CaseService(disp, pg.logins["disp"])
        law_now = disp_svc.ref_of(law_no)
        disp_svc.act(law_now.id, ProposeMeeting("执法难"), law_now.version)
    finally:
        env_app.dispose()
        disp.dispose()
    with pg.db.session() as s:  # the owner adds an addendum row to A and one to B (their status aside)
        for mid in (a, b):
            s.execute(text("INSERT INTO meeting_addendum (meeting_id, at, by, text) VALUES (:m, now(), 'x', '补充')"),
                      {"m": mid})  # fmt: skip
        s.commit()
    expect = {"disp": {a, b, c, d}, "env": {a, c}, "law": {b}, "gw": {a}}
    for key, meetings in expect.items():
        with pg.connect(key) as conn:
            def ids(sql: str) -> set[int]:
                return {r[0] for r in conn.execute(sql).fetchall()}  # noqa: B023 - used at once

            assert ids("SELECT id FROM meeting") == meetings, key
            assert ids("SELECT meeting_id FROM agenda_item") == meetings & {a, b}, key
            assert ids("SELECT meeting_id FROM meeting_attendee") == meetings & {c}, key
            assert ids("SELECT meeting_id FROM meeting_addendum") == meetings & {a, b}, key
            seen_cases = {"disp": {pg.env_case, pg.law_case}, "env": {pg.env_case}, "law": {pg.law_case},
                          "gw": {pg.env_case}}[key]  # fmt: skip
            assert ids("SELECT case_id FROM meeting_proposal") == seen_cases, key
        app = pg.app_db(key)  # the console, connected as the same person, shows the same meetings
        try:
            with app.session() as s:
                assert {m.id for m in list_meetings(s, pg.logins[key])} == meetings, key
        finally:
            app.dispose()
    with pg.connect("env") as conn:  # and cannot write past it
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE agenda_item SET reasons = '[]'")


def test_attendance_needs_a_name_and_a_reason_or_substitute(db: Database, ref: Ref, now: Clock) -> None:
    """What the window's 登记出席 sends: each refusal says what is missing and saves nothing."""
    ms = MeetingService(db, ME)
    mid = ms.create(MeetingKind.WEEKLY, now.t + timedelta(days=1), invitees=[Invitee("赵敏", duty="副主任")])
    for kwargs, says in (({"name": " ", "attendance": Attendance.PRESENT}, "请填写参会人员姓名"),
                         ({"name": "赵敏", "attendance": Attendance.ABSENT}, "缺席的原因"),
                         ({"name": "赵敏", "attendance": Attendance.SUBSTITUTE}, "代 赵敏 参会")):  # fmt: skip
        with pytest.raises(ValidationError, match=says):
            ms.attend(mid, **kwargs)  # type: ignore[arg-type]
    with db.session() as s:
        v = meeting_view(s, mid, ME, now.t.date())
    assert [(a.name, a.attendance) for a in v.attendees] == [("赵敏", "已邀请")]
