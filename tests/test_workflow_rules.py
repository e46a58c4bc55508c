"""Properties of the workflow as a whole, and the defects of issue 12 that broke them.

The reachability test explores every state the state machine can reach from a fresh report (self-handled and
dispatched, with pauses, rework, escalation and return) on a real database, and asserts that every non-final
state can be carried to a final state by actions some post may take — without sending the case to the county:
the township must never need the county only because its own rules lock a case.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from console import clock
from console.db import Database
from console.domain import FINAL_STATUSES, CaseStatus, CloseType, Satisfaction
from console.errors import ConsoleError, IllegalTransition, ValidationError
from console.grid_codes import subtree_prefix
from console.models import Case, CaseHistory
from console.security.posts import Post, Principal, can, scope_of
from console.workflow import machine
from console.workflow.commands import (
    COMMANDS,
    Accept,
    Claim,
    Close,
    DecideExtension,
    Dispatch,
    Feedback,
    LongTerm,
    Merge,
    Release,
    RequestExtension,
    Resume,
    Sign,
    Verify,
)
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


def _report(svc: CaseService, ref: Ref, summary: str = "绿云社区一号楼院门口垃圾堆积", **kw: Any) -> CaseRef:
    return svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary=summary, **kw))


# --- the reachability property -----------------------------------------------------------------------------

#: one filled-in form per action (and per outcome where an action has two); `None` values are filled per case
VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("accept", {}),
    ("reject", {"reason": "不属于受理范围"}),
    ("merge", {"into": None}),
    ("dispatch", {"lead_department_id": None}),
    ("sign", {}),
    ("feedback", {"result": "已处理完毕"}),
    ("return", {"reason": "不属本部门职责"}),
    ("verify", {"passed": True}),
    ("verify", {"passed": False, "reason": "现场仍未整改"}),
    ("close", {"close_type": CloseType.SOLVED}),
    ("callback", {"satisfaction": Satisfaction.SATISFIED}),
    ("request_extension", {"reason": "需协调产权单位", "requested_due_at": None}),
    ("decide_extension", {"approve": True}),
    ("decide_extension", {"approve": False, "note": "理由不充分"}),
    ("escalate", {"note": "涉及县级部门职责"}),
    ("county_return", {"answer": "由街道牵头处理"}),
    ("long_term", {"measures": "分期治理", "next_review_on": None}),
    ("resume", {"note": "条件具备，恢复办理"}),
    ("reopen", {"reason": "问题再次出现"}),
]

#: routes out of the township's hands: a case must reach a final state without them
EXCEPTIONAL = {"escalate"}


@dataclass(frozen=True)
class State:
    status: CaseStatus
    stage: str | None
    has_lead: bool
    self_handled: bool
    resume_status: str | None


def _state(db: Database, case_id: int) -> State:
    with db.session() as s:
        c = s.get(Case, case_id)
        assert c is not None
        return State(c.status, c.stage.value if c.stage else None, c.lead_department_id is not None,
                     bool(c.self_handled), c.resume_status.value if c.resume_status else None)  # fmt: skip


def _principals(db: Database, case_id: int, ref: Ref) -> list[Principal]:
    with db.session() as s:
        c = s.get(Case, case_id)
        assert c is not None
        lead = c.lead_department_id or ref.env
        grid = c.grid_code
    return [
        Principal("d", "调度员", frozenset({Post.DISPATCHER})),
        Principal("h", "主任", frozenset({Post.HEAD})),
        Principal("i", "督查员", frozenset({Post.INSPECTOR})),
        Principal("dep", "办理人", frozenset({Post.DEPARTMENT}), departments={lead: "部门"}),
        Principal("g", "网格员", frozenset({Post.GRID}), grids={subtree_prefix(grid): "网格"}),
    ]


def _some_post_may(db: Database, case_id: int, ref: Ref, action: str) -> bool:
    with db.session() as s:
        c = s.get(Case, case_id)
        assert c is not None
        scope = scope_of(s, c)
    return any(can(p, action, scope) is None for p in _principals(db, case_id, ref))


def _fill(fields: dict[str, Any], ref: Ref, target_number: str) -> dict[str, Any]:
    out = dict(fields)
    if "into" in out:
        out["into"] = target_number
    if "lead_department_id" in out:
        out["lead_department_id"] = ref.env
    if "requested_due_at" in out:
        out["requested_due_at"] = clock.now() + timedelta(days=60)
    if "next_review_on" in out:
        out["next_review_on"] = clock.now().date() + timedelta(days=30)
    return out


def _replay(db: Database, ref: Ref, self_handled: bool, path: list[tuple[str, dict[str, Any]]]) -> tuple[CaseRef, str]:
    svc = CaseService(db, "调度员")
    target = _report(svc, ref, "另一处垃圾堆积")
    kw: dict[str, Any] = {"self_handled": True, "self_handled_action": "已现场清理"} if self_handled else {}
    r = _report(svc, ref, **kw)
    for action, fields in path:
        clock_obj = clock.now()
        assert clock_obj
        r = svc.act(r.id, COMMANDS[action](**_fill(fields, ref, target.number)), r.version)
    return r, target.number


def _explore(db: Database, ref: Ref) -> tuple[dict[State, list[tuple[str, State]]], dict[State, str]]:
    """Breadth-first over the abstract states; returns the edges some post may take, and one path each."""
    edges: dict[State, list[tuple[str, State]]] = {}
    paths: dict[State, tuple[bool, list[tuple[str, dict[str, Any]]]]] = {}
    frontier: list[State] = []
    for self_handled in (False, True):
        r, _ = _replay(db, ref, self_handled, [])
        st = _state(db, r.id)
        if st not in paths:
            paths[st] = (self_handled, [])
            frontier.append(st)
    while frontier:
        st = frontier.pop(0)
        self_handled, path = paths[st]
        edges[st] = []
        if st.status in FINAL_STATUSES:
            continue
        for action, fields in VARIANTS:
            if machine.refusal(st.status, action) is not None:
                continue
            r, target = _replay(db, ref, self_handled, path)
            if not _some_post_may(db, r.id, ref, action):
                continue
            try:
                r2 = CaseService(db, "调度员").act(r.id, COMMANDS[action](**_fill(fields, ref, target)), r.version)
            except (ValidationError, IllegalTransition):
                continue
            nxt = _state(db, r2.id)
            edges[st].append((action, nxt))
            if nxt not in paths:
                paths[nxt] = (self_handled, [*path, (action, fields)])
                frontier.append(nxt)
    described = {s: " → ".join(a for a, _ in p[1]) or "（上报）" for s, p in paths.items()}
    return edges, described


def test_every_reachable_state_can_be_carried_to_a_final_state(db: Database, ref: Ref, now: Clock) -> None:
    edges, paths = _explore(db, ref)
    statuses = {s.status for s in edges}
    # the exploration covered the lifecycle, pauses, rework, escalation and return
    assert {CaseStatus.REPORTED, CaseStatus.ACCEPTED, CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS,
            CaseStatus.FEEDBACK, CaseStatus.VERIFIED, CaseStatus.CLOSED, CaseStatus.EVALUATED,
            CaseStatus.EXTENSION_REQUESTED, CaseStatus.ESCALATED, CaseStatus.LONG_TERM,
            CaseStatus.REJECTED, CaseStatus.MERGED} <= statuses  # fmt: skip
    finishing = {s for s in edges if s.status in FINAL_STATUSES}
    changed = True
    while changed:
        changed = False
        for s, out in edges.items():
            if s not in finishing and any(a not in EXCEPTIONAL and t in finishing for a, t in out):
                finishing.add(s)
                changed = True
    dead = sorted(f"{s.status.label}（路径：{paths[s]}）" for s in edges if s not in finishing)
    assert not dead, "无路可走的状态：" + "；".join(dead)


# --- the two dead ends found by hand ------------------------------------------------------------------------


def test_self_handled_case_failing_verification_goes_back_for_dispatch(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "调度员")
    r = _report(svc, ref, self_handled=True, self_handled_action="已现场清理")
    r = svc.act(r.id, Accept(), r.version)
    assert r.status is CaseStatus.FEEDBACK
    r = svc.act(r.id, Verify(passed=False, reason="现场仍有垃圾"), r.version)
    assert r.status is CaseStatus.ACCEPTED  # no department has it: the center dispatches it
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    assert r.status is CaseStatus.DISPATCHED
    with db.session() as s:
        assert s.get(Case, r.id).rework_count == 1  # type: ignore[union-attr]


def test_case_parked_before_dispatch_resumes_to_dispatch(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "调度员")
    r = _report(svc, ref)
    r = svc.act(r.id, Accept(), r.version)
    r = svc.act(r.id, LongTerm(measures="分期治理", next_review_on=date(2026, 12, 20)), r.version)
    now.advance(days=3)
    r = svc.act(r.id, Resume(note="恢复"), r.version)
    assert r.status is CaseStatus.ACCEPTED
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    assert r.status is CaseStatus.DISPATCHED


# --- deadlines that cannot be gamed -------------------------------------------------------------------------


def _dispatched(db: Database, ref: Ref, now: Clock) -> tuple[CaseService, CaseRef]:
    svc = CaseService(db, "调度员")
    r = _report(svc, ref)
    r = svc.act(r.id, Accept(), r.version)
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    r = svc.act(r.id, Sign(), r.version)
    return svc, r


def test_rework_keeps_the_original_handling_deadline_for_on_time(db: Database, ref: Ref, now: Clock) -> None:
    """A sham feedback before the deadline, a failed verification and a late real fix: late."""
    svc, r = _dispatched(db, ref, now)
    with db.session() as s:
        original_due = s.get(Case, r.id).due_at  # type: ignore[union-attr]
    assert original_due is not None
    now.advance(hours=2)
    r = svc.act(r.id, Feedback(result="已处理"), r.version)  # sham, on time
    now.advance(days=1)
    r = svc.act(r.id, Verify(passed=False, reason="根本没处理"), r.version)
    with db.session() as s:
        c = s.get(Case, r.id)
        assert c is not None
        assert c.due_at == original_due  # the case's handling deadline stays
        assert c.stage_due_at is not None and c.stage_due_at > original_due  # the rework round's own limit
    now.t = original_due + timedelta(days=1)
    r = svc.act(r.id, Feedback(result="真正处理完毕"), r.version)
    with db.session() as s:
        last = s.scalars(
            select(CaseHistory).where(CaseHistory.case_id == r.id, CaseHistory.action == "feedback")
            .order_by(CaseHistory.id.desc())
        ).first()
        assert last is not None and last.stage_on_time is False
        rework = s.scalars(
            select(CaseHistory).where(CaseHistory.case_id == r.id, CaseHistory.action == "verify")
        ).one()
        changes = json.loads(rework.changes)
        assert "rework_due_at" in changes and "due_at" not in changes  # history shows both deadlines


def test_a_stage_without_deadline_is_neither_on_time_nor_late(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "调度员")
    r = _report(svc, ref, self_handled=True, self_handled_action="已现场清理")
    with db.session() as s:
        c = s.get(Case, r.id)
        assert c is not None
        c.stage_due_at = None  # a stage with no limit
        s.flush()
        version = c.version
    r = svc.act(r.id, Accept(), version)
    with db.session() as s:
        h = s.scalars(select(CaseHistory).where(CaseHistory.case_id == r.id, CaseHistory.action == "accept")).one()
        assert h.stage_on_time is None


def test_merging_into_a_closed_case_is_refused_with_the_alternatives(db: Database, ref: Ref, now: Clock) -> None:
    svc = CaseService(db, "调度员")
    _, old = _dispatched(db, ref, now)
    old = svc.act(old.id, Feedback(result="已清运"), old.version)
    old = svc.act(old.id, Verify(passed=True), old.version)
    old = svc.act(old.id, Close(close_type=CloseType.SOLVED), old.version)
    new = _report(svc, ref, "同一地点又有垃圾")
    with pytest.raises(ValidationError, match="重新办理|复发"):
        svc.act(new.id, Merge(into=old.number), new.version)
    with db.session() as s:
        assert s.get(Case, new.id).status is CaseStatus.REPORTED  # type: ignore[union-attr]


# --- claims and extensions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("action,fields", [
    ("escalate", {"note": "涉及县级职责"}),
    ("long_term", {"measures": "分期治理", "next_review_on": date(2026, 12, 20)}),
    ("dispatch", {"lead_department_id": None}),
])  # fmt: skip
def test_actions_taking_the_case_out_of_the_centers_hands_release_the_claim(
    db: Database, ref: Ref, now: Clock, action: str, fields: dict[str, Any]
) -> None:
    svc = CaseService(db, "调度员甲")
    r = _report(svc, ref)
    r = svc.act(r.id, Accept(), r.version)
    r = svc.act(r.id, Claim(), r.version)
    if action == "dispatch":
        fields = {"lead_department_id": ref.env}
    r = svc.act(r.id, COMMANDS[action](**fields), r.version)
    with db.session() as s:
        c = s.get(Case, r.id)
        assert c is not None and c.claimed_by is None and c.claim_expires_at is None


def test_extension_refused_before_the_clock_ran_moves_the_deadline_by_nothing(
    db: Database, ref: Ref, now: Clock
) -> None:
    """A working-days limit never counts the start day (期间开始之日不计算在内): a pause that day moves nothing."""
    svc, r = _dispatched(db, ref, now)  # Tuesday 09:00, 3 working days: due Friday 17:30
    with db.session() as s:
        due = s.get(Case, r.id).due_at  # type: ignore[union-attr]
    now.advance(hours=1)
    r = svc.act(r.id, RequestExtension(reason="需协调", requested_due_at=datetime(2027, 1, 30, 17)), r.version)
    now.advance(hours=1)
    r = svc.act(r.id, DecideExtension(approve=False, note="不同意"), r.version)
    with db.session() as s:
        c = s.get(Case, r.id)
        assert c is not None and c.due_at == due


# --- races --------------------------------------------------------------------------------------------------


def test_two_seats_merging_two_duplicates_into_each_other_at_most_one_wins(db: Database, ref: Ref) -> None:
    a = _report(CaseService(db, "甲"), ref, "垃圾堆积一")
    b = _report(CaseService(db, "乙"), ref, "垃圾堆积二")
    start = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def seat(name: str, case: CaseRef, into: CaseRef) -> None:
        svc = CaseService(Database(db.engine), name)
        start.wait()
        try:
            outcome[name] = svc.act(case.id, Merge(into=into.number), case.version)
        except ConsoleError as exc:
            outcome[name] = exc

    threads = [threading.Thread(target=seat, args=("甲", a, b)), threading.Thread(target=seat, args=("乙", b, a))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    with db.session() as s:
        statuses = {c.id: c.status for c in s.scalars(select(Case).where(Case.id.in_([a.id, b.id])))}
    assert sum(st is CaseStatus.MERGED for st in statuses.values()) <= 1, outcome
    assert any(isinstance(v, ConsoleError) for v in outcome.values()), outcome


# --- one meaning per word -----------------------------------------------------------------------------------


def test_supervision_notices_go_only_to_cases_overdue_in_handling(db: Database, ref: Ref, now: Clock) -> None:
    from console.ledger import notice_data, overdue_case_numbers
    from console.overdue import is_case_overdue, is_stage_overdue

    svc, late = _dispatched(db, ref, now)  # stays with the department past its deadline
    _, fed = _dispatched(db, ref, now)  # fed back in time, verification pending past the deadline
    fed = svc.act(fed.id, Feedback(result="已清运"), fed.version)
    _, paused = _dispatched(db, ref, now)  # extension pending: clock stopped
    paused = svc.act(paused.id, RequestExtension(reason="需协调", requested_due_at=datetime(2027, 1, 30, 17)), paused.version)  # fmt: skip
    now.advance(days=10)
    with db.session() as s:
        cases = {c.id: c for c in s.scalars(select(Case))}
        assert is_case_overdue(cases[late.id].status, cases[late.id].due_at, now.t)
        assert is_stage_overdue(cases[late.id].status, cases[late.id].stage_due_at, now.t)
        for other in (fed.id, paused.id):
            assert not is_case_overdue(cases[other].status, cases[other].due_at, now.t)
        assert overdue_case_numbers(s) == [late.number]
        (notice,) = notice_data(s, [late.number])
        assert notice.overdue_days is not None and notice.overdue_days >= 1
        for number in (cases[fed.id].number, cases[paused.id].number):
            with pytest.raises(ValidationError, match="未办理超期"):
                notice_data(s, [number])


def test_the_claim_button_and_the_refusal_say_the_same(db: Database, ref: Ref, now: Clock) -> None:
    from console.workflow.read import allowed_actions, case_detail

    a, b = CaseService(db, "调度员甲"), CaseService(db, "调度员乙")
    r = _report(a, ref)
    r = a.act(r.id, Claim(), r.version)
    with db.session() as s:
        states = {x.action: x for x in allowed_actions(case_detail(s, r.id), "调度员乙")}
    for action, cmd in (("accept", Accept()), ("claim", Claim()), ("release", Release())):
        with pytest.raises(IllegalTransition) as refused:
            b.act(r.id, cmd, r.version)
        assert states[action].reason == refused.value.message, action


def test_a_closed_case_is_reopened_for_rework_or_a_new_report_linked_as_recurrence(
    db: Database, ref: Ref, now: Clock
) -> None:
    from console.workflow.commands import Reopen
    from console.workflow.read import case_detail

    svc, old = _dispatched(db, ref, now)
    old = svc.act(old.id, Feedback(result="已清运"), old.version)
    old = svc.act(old.id, Verify(passed=True), old.version)
    old = svc.act(old.id, Close(close_type=CloseType.SOLVED), old.version)
    with db.session() as s:
        due = s.get(Case, old.id).due_at  # type: ignore[union-attr]
    new = _report(svc, ref, "同一地点又有垃圾", recurrence_of=old.number)
    with db.session() as s:
        assert [(r.number, r.relation) for r in case_detail(s, new.id).related] == [(old.number, "本案复发自")]
        assert [(r.number, r.relation) for r in case_detail(s, old.id).related] == [(new.number, "复发件")]
    with pytest.raises(ValidationError, match="尚未结案"):
        _report(svc, ref, "又一处", recurrence_of=new.number)
    now.advance(days=1)
    old = svc.act(old.id, Reopen(reason="群众反映垃圾又堆起来了"), old.version)
    assert old.status is CaseStatus.IN_PROGRESS
    with db.session() as s:
        c = s.get(Case, old.id)
        assert c is not None and c.rework_count == 1 and c.closed_at is None and c.close_type is None
        assert c.due_at == due and c.stage_due_at is not None and c.stage_due_at > now.t
