"""Decisions that are more than notes (each test on SQLite and PostgreSQL): 退回网格 hands the case to its grid
through the workflow's 退回网格 action, 持续关注 puts it before the next meeting and the center follows it, the
head's decisions are the head's to record, and an agenda item never lists a reason twice."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from console import clock
from console.db import Database
from console.domain import CaseStatus, SuperviseLevel
from console.errors import PermissionDenied
from console.meetings import proposal
from console.meetings.decisions import DecisionInput
from console.meetings.kinds import DecisionKind
from console.meetings.read import list_decisions, meeting_view
from console.meetings.service import MeetingService
from console.models import Case, CaseWatch, MeetingDecision, MeetingProposal
from console.security import users
from console.security.posts import Post
from console.workflow.commands import Dispatch, RequestExtension, Sign, Supervise, Verify
from console.workflow.service import CaseService
from tests.factories import Ref
from tests.test_meetings import (  # noqa: F401 - fixtures
    ME,
    _held_with,
    accepted,
    agenda,
    history_rows,
    in_progress,
    now,
    ref,
    weekly,
)
from tests.test_workflow import Clock

K = DecisionKind


def _state(db: Database, case_id: int) -> Case:
    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        s.expunge(case)
        return case


def test_hand_back_gives_the_case_to_its_grid_through_the_workflow(db: Database, ref: Ref, now: Clock) -> None:  # noqa: F811
    svc = CaseService(db, ME)
    r = in_progress(svc, ref, summary="邻里噪音纠纷")
    mid = _held_with(db, now, r.number)
    ms = MeetingService(db, ME)
    did = ms.decide(mid, r.number, DecisionInput(K.HAND_BACK, "由网格长组织调解", owner="网格长"))
    assert ms.apply(did).applied
    case = _state(db, r.id)
    assert (case.status, case.lead_department_id, case.self_handled) == (CaseStatus.FEEDBACK, None, True)
    last = history_rows(db, r.id)[-1]
    assert last.action == "hand_back" and last.note.startswith("经〔2026〕第1期会商决定：由网格长组织调解")
    with db.session() as s:  # open until the grid has checked it
        assert [d.state for d in list_decisions(s, ME, now.t.date(), meeting_id=mid)] == ["办理中"]
    svc.act(r.id, Verify(passed=True, note="已调解"), case.version)
    m2 = weekly(db, now, days=7)
    ms.draw_agenda(m2)
    with db.session() as s:
        assert [d.state for d in list_decisions(s, ME, now.t.date(), meeting_id=mid)] == ["已办结"]
    assert r.number not in agenda(db, m2)


def test_watch_puts_the_case_before_the_next_meeting_once(db: Database, ref: Ref, now: Clock) -> None:  # noqa: F811
    svc = CaseService(db, ME)
    r = in_progress(svc, ref, summary="河道漂浮物")
    mid = _held_with(db, now, r.number)
    ms = MeetingService(db, ME)
    did = ms.decide(mid, r.number, DecisionInput(K.WATCH, "持续关注，下周报告进展"))
    assert ms.apply(did).applied
    last = history_rows(db, r.id)[-1]
    assert last.action == "propose_meeting" and "持续关注" in last.note
    with db.session() as s:
        assert s.get(CaseWatch, (r.id, ME)) is not None  # the center follows it (我关注的)
        assert s.scalar(select(MeetingProposal.item_id).where(MeetingProposal.case_id == r.id)) is None
    now.advance(days=7)
    m2 = weekly(db, now)
    ms.draw_agenda(m2)
    items = agenda(db, m2)
    assert items[r.number] == [proposal.PROPOSED]  # listed once, as put forward by the meeting
    with db.session() as s:
        text = meeting_view(s, m2, ME, now.t.date()).items[0].reasons[0][1]
        assert "经〔2026〕第1期会商决定：持续关注，下周报告进展" in text
    ms.draw_agenda(m2)  # the next drawing sees it reported: the decision is done
    with db.session() as s:
        assert [d.state for d in list_decisions(s, ME, now.t.date(), meeting_id=mid)] == ["已办结"]


def test_only_the_head_records_and_applies_an_extension(db: Database, ref: Ref, now: Clock) -> None:  # noqa: F811
    with db.session() as s:
        users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计员"))
        for login, name in (("diaodu", "调度员"), ("zhuren", "主任"), ("banli", "办理人")):
            users.add_user(s, "sysadm", login, name, password="Start#Pw01")
        users.grant_post(s, "secadm", "diaodu", Post.DISPATCHER)
        users.grant_post(s, "secadm", "zhuren", Post.HEAD)
        users.grant_post(s, "secadm", "banli", Post.DEPARTMENT, department=ref.env)
    r = accepted(CaseService(db, "diaodu"), ref)
    r = CaseService(db, "diaodu").act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    handler = CaseService(db, "banli")
    r = handler.act(r.id, Sign(), r.version)
    handler.act(r.id, RequestExtension("需要协调", now.t + timedelta(days=20)), r.version)
    mid = _held_with(db, now, r.number)
    extension = DecisionInput(K.EXTENSION, "同意延期至月底", approve=True)
    with pytest.raises(PermissionDenied, match="决定未保存"):
        MeetingService(db, "diaodu").decide(mid, r.number, extension)
    with db.session() as s:
        assert s.scalar(select(MeetingDecision.id)) is None
    did = MeetingService(db, "zhuren").decide(mid, r.number, extension)
    before = len(history_rows(db, r.id))
    refused = MeetingService(db, "diaodu").apply(did)  # the dispatcher cannot carry it out either
    assert not refused.applied and "中心主任" in refused.message
    assert len(history_rows(db, r.id)) == before
    assert MeetingService(db, "zhuren").apply(did).applied
    assert _state(db, r.id).extension_count == 1


def test_an_item_lists_each_reason_once(db: Database, ref: Ref, now: Clock) -> None:  # noqa: F811
    svc = CaseService(db, ME)
    r = accepted(svc, ref)
    ms = MeetingService(db, ME)
    for week in (0, 1):  # two meetings decide on it, neither decision done
        if week:
            now.advance(days=7)
        m = _held_with(db, now, r.number)
        ms.decide(m, r.number, DecisionInput(K.SUPERVISE, f"第{week + 1}次督办", chased="环保办", level="一般督办"))
    now.advance(days=7)
    m3 = weekly(db, now)
    ms.draw_agenda(m3)
    ms.remove_item(m3, r.number, "本周不议")
    ms.add_item(m3, r.number, "主任要求再议")
    ms.remove_item(m3, r.number, "改期")
    ms.add_item(m3, r.number, "仍需研究")
    ms.draw_agenda(m3)
    with db.session() as s:
        reasons = meeting_view(s, m3, ME, now.t.date()).items[0].reasons
    assert [code for code, _t in reasons] == [proposal.DECISION_OPEN, proposal.MANUAL]
    assert "第1次督办" in reasons[0][1] and "第2次督办" in reasons[0][1]
    assert "主任要求再议" in reasons[1][1] and "仍需研究" in reasons[1][1]
    assert proposal.merged_reasons([("manual", "a"), ("overdue", "b"), ("manual", "a")]) == [
        ("overdue", "b"), ("manual", "a")]


_ = clock


def test_the_supervision_level_is_the_cases_own_field(db: Database, ref: Ref, now: Clock, tmp_path: Path) -> None:  # noqa: F811
    """A meeting's 督办 decision stores its level on the case (not as a word in the 督办对象), in the history's
    changes, on the case view's detail and on the printed 案件处理单; a later 督办 without a level keeps it."""
    from pypdf import PdfReader

    from console.workflow.read import case_detail
    from reports.forms import render_case_sheet

    svc = CaseService(db, ME)
    r = in_progress(svc, ref, summary="工地夜间施工扰民")
    mid = _held_with(db, now, r.number)
    ms = MeetingService(db, ME)
    did = ms.decide(mid, r.number, DecisionInput(K.SUPERVISE, "挂牌督办，每周报告", chased="行政执法中队",
                                                  level="挂牌督办"))  # fmt: skip
    assert ms.apply(did).applied
    last = history_rows(db, r.id)[-1]
    assert json.loads(last.changes)["supervise_level"] == [None, SuperviseLevel.LISTED.value]
    assert "督办对象：行政执法中队（挂牌督办）" in last.note
    case = _state(db, r.id)
    assert case.supervise_level is SuperviseLevel.LISTED
    svc.act(r.id, Supervise(chased="行政执法中队", note="再次督办"), case.version)
    with db.session() as s:
        detail = case_detail(s, r.number)
    assert (detail.supervise_count, detail.supervise_level) == (2, SuperviseLevel.LISTED)
    out = tmp_path / "sheet.pdf"
    render_case_sheet(db, r.number, out)
    text = "".join(p.extract_text() or "" for p in PdfReader(str(out)).pages).replace(" ", "")
    assert "0/0/2次（挂牌督办）" in text
