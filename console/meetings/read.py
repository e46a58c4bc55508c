"""Plain views of meetings for the CLI, the PDFs and the window (no ORM object leaves a session).

An approved meeting's minutes are read from its frozen snapshot, so later changes to the cases never alter
them; the addenda are listed after them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import NotFound
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.meetings import access
from console.meetings.kinds import MeetingStatus
from console.meetings.proposal import REASON_LABELS
from console.models import (
    AgendaItem,
    Case,
    CaseHistory,
    Category,
    Department,
    Grid,
    Meeting,
    MeetingAddendum,
    MeetingAttendee,
    MeetingDecision,
)
from console.workflow.read import ACTION_LABELS

HISTORY_DIGEST = 5  # the last N history rows printed with an agenda item


@dataclass(frozen=True)
class DecisionView:
    id: int
    kind: str  # DecisionKind value
    kind_label: str
    text: str
    owner: str
    department: str
    due_on: str  # YYYY-MM-DD or ""
    applied_at: str
    refusal: str
    done_at: str
    done_note: str
    state: str  # 未执行 / 办理中 / 已超期 / 已办结


@dataclass(frozen=True)
class ItemView:
    id: int
    position: int
    case_id: int
    case_number: str
    summary: str
    status: str
    grid: str
    category: str
    lead_department: str
    reasons: list[tuple[str, str]]  # (code, sentence)
    discussion: str
    decision: DecisionView | None
    history: list[str] = field(default_factory=list)  # digest, newest last
    removed_reason: str = ""
    handed_up: bool = False
    case_version: int = 0  # as the agenda saw it
    version_now: int = 0

    @property
    def chips(self) -> list[str]:
        return [REASON_LABELS.get(code, code) for code, _ in self.reasons]


@dataclass(frozen=True)
class AttendeeView:
    name: str
    duty: str
    department: str
    attendance: str  # label
    absence_reason: str
    substitute: str


@dataclass(frozen=True)
class MeetingView:
    id: int
    kind: str
    kind_label: str
    number: str
    title: str
    held_at: datetime
    place: str
    chair: str
    recorder: str
    status: str
    status_label: str
    scope_code: str
    approved_by: str
    approved_at: datetime | None
    attendees: list[AttendeeView]
    items: list[ItemView]
    removed: list[ItemView]
    addenda: list[tuple[datetime, str, str]]  # (at, by, text)
    frozen: bool


def decision_state(
    applied_at: datetime | None, done_at: datetime | None, due_on: date | None, today: date
) -> str:
    if done_at is not None:
        return "已办结"
    if due_on is not None and due_on < today:
        return "已超期"
    return "办理中" if applied_at is not None else "未执行"


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def meeting_view(session: Session, meeting_id: int, login: str, today: date) -> MeetingView:
    m = session.get(Meeting, meeting_id)
    if m is None or not access.can_see(session, login, meeting_id):
        raise NotFound(Message(QT_TRANSLATE_NOOP("meetings", "会商不存在或您无权查看（id=%1）"), meeting_id))
    attendees = [
        AttendeeView(a.name, a.duty, dep or "", a.attendance.label, a.absence_reason, a.substitute)
        for a, dep in session.execute(
            select(MeetingAttendee, Department.name)
            .outerjoin(Department, Department.id == MeetingAttendee.department_id)
            .where(MeetingAttendee.meeting_id == m.id)
            .order_by(MeetingAttendee.id)
        )  # fmt: skip
    ]
    live, removed = _items(session, m.id, today)
    addenda = [(a.at, a.by, a.text) for a in session.scalars(
        select(MeetingAddendum).where(MeetingAddendum.meeting_id == m.id).order_by(MeetingAddendum.id))]  # fmt: skip
    view = MeetingView(m.id, m.kind.value, m.kind.label, m.number, m.title, m.held_at, m.place, m.chair, m.recorder,
                       m.status.value, m.status.label, m.scope_code, m.approved_by or "", m.approved_at, attendees,
                       live, removed, addenda, m.status is MeetingStatus.APPROVED)  # fmt: skip
    if m.minutes_json:  # approved: what was approved, not what the cases say now
        return frozen_view(view, json.loads(m.minutes_json), today, session)
    return view


def _items(session: Session, meeting_id: int, today: date) -> tuple[list[ItemView], list[ItemView]]:
    rows = session.execute(
        select(AgendaItem, Case, Grid.name, Category.name, Department.name)
        .join(Case, Case.id == AgendaItem.case_id)
        .join(Grid, Grid.id == Case.grid_id)
        .join(Category, Category.id == Case.category_id)
        .outerjoin(Department, Department.id == Case.lead_department_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.removed_at.is_not(None), AgendaItem.position)
    ).all()  # fmt: skip
    decisions = {
        d.item_id: (d, dep)
        for d, dep in session.execute(
            select(MeetingDecision, Department.name)
            .outerjoin(Department, Department.id == MeetingDecision.department_id)
            .where(MeetingDecision.meeting_id == meeting_id)
        )  # fmt: skip
    }
    case_ids = [case.id for _i, case, *_ in rows]
    digest: dict[int, list[str]] = {cid: [] for cid in case_ids}
    if case_ids:
        for h in session.scalars(select(CaseHistory).where(CaseHistory.case_id.in_(case_ids))
                                 .order_by(CaseHistory.case_id, CaseHistory.id.desc())):  # fmt: skip
            lst = digest[h.case_id]
            if len(lst) < HISTORY_DIGEST:
                label = ACTION_LABELS.get(h.action, h.action)
                lst.append(f"{h.at:%m-%d} {label}{('：' + h.note[:40]) if h.note else ''}")
    live: list[ItemView] = []
    removed: list[ItemView] = []
    for item, case, grid, cat, lead in rows:
        d = decisions.get(item.id)
        dv = None
        if d is not None:
            dec, dep = d
            dv = DecisionView(dec.id, dec.kind.value, dec.kind.label, dec.text, dec.owner, dep or "", _fmt(dec.due_on),
                              _fmt(dec.applied_at), dec.refusal, _fmt(dec.done_at), dec.done_note,
                              decision_state(dec.applied_at, dec.done_at, dec.due_on, today))  # fmt: skip
        view = ItemView(item.id, item.position, case.id, case.number, case.summary, case.status.label, grid, cat,
                        lead or "", [tuple(r) for r in json.loads(item.reasons)], item.discussion, dv,
                        list(reversed(digest[case.id])), item.removed_reason, item.handed_up_at is not None,
                        item.case_version, case.version)  # type: ignore[misc]  # fmt: skip
        (removed if item.removed_at is not None else live).append(view)
    return live, removed


def minutes_snapshot(session: Session, m: Meeting) -> dict[str, Any]:
    """What approval freezes: attendance and every item with its reasons, discussion and decision."""
    live, _removed = _items(session, m.id, m.held_at.date())
    attendees = [
        {"name": a.name, "duty": a.duty, "attendance": a.attendance.label, "absence_reason": a.absence_reason,
         "substitute": a.substitute}
        for a in session.scalars(select(MeetingAttendee).where(MeetingAttendee.meeting_id == m.id)
                                 .order_by(MeetingAttendee.id))
    ]  # fmt: skip
    items = [
        {"position": i.position, "case_number": i.case_number, "summary": i.summary, "status": i.status,
         "grid": i.grid, "category": i.category, "lead_department": i.lead_department, "reasons": i.reasons,
         "discussion": i.discussion,
         "decision": None if i.decision is None else {
             "kind": i.decision.kind, "kind_label": i.decision.kind_label, "text": i.decision.text,
             "owner": i.decision.owner, "department": i.decision.department, "due_on": i.decision.due_on}}
        for i in live
    ]  # fmt: skip
    return {"title": m.title, "number": m.number, "held_at": f"{m.held_at:%Y-%m-%d %H:%M}", "place": m.place,
            "chair": m.chair, "recorder": m.recorder, "approved_by": m.approved_by,
            "approved_at": f"{m.approved_at:%Y-%m-%d %H:%M}" if m.approved_at else "",
            "attendees": attendees, "items": items}  # fmt: skip


def frozen_view(view: MeetingView, snap: dict[str, Any], today: date, session: Session) -> MeetingView:
    """The approved minutes from the snapshot; the decisions' follow-up state stays live."""
    live = {i.case_number: i for i in view.items}
    items = []
    for it in snap["items"]:
        now_item = live.get(it["case_number"])
        dec = it["decision"]
        dv = None
        if dec is not None:
            cur = now_item.decision if now_item is not None else None
            dv = DecisionView(cur.id if cur else 0, dec["kind"], dec["kind_label"], dec["text"], dec["owner"],
                              dec["department"], dec["due_on"], cur.applied_at if cur else "",
                              cur.refusal if cur else "", cur.done_at if cur else "", cur.done_note if cur else "",
                              cur.state if cur else "")  # fmt: skip
        items.append(ItemView(
            now_item.id if now_item else 0, it["position"], now_item.case_id if now_item else 0, it["case_number"],
            it["summary"], it["status"], it["grid"], it["category"], it["lead_department"],
            [tuple(r) for r in it["reasons"]], it["discussion"], dv, now_item.history if now_item else [],
            case_version=now_item.case_version if now_item else 0,
            version_now=now_item.version_now if now_item else 0))  # type: ignore[misc]  # fmt: skip
    attendees = [AttendeeView(a["name"], a["duty"], "", a["attendance"], a["absence_reason"], a["substitute"])
                 for a in snap["attendees"]]  # fmt: skip
    return MeetingView(view.id, view.kind, view.kind_label, snap["number"], snap["title"], view.held_at, snap["place"],
                       snap["chair"], snap["recorder"], view.status, view.status_label, view.scope_code,
                       view.approved_by, view.approved_at, attendees, items, view.removed, view.addenda, True)  # fmt: skip


@dataclass(frozen=True)
class MeetingRow:
    id: int
    number: str
    kind_label: str
    title: str
    held_at: datetime
    status_label: str


def list_meetings(session: Session, login: str, *, upcoming: bool | None = None, now: datetime | None = None,
                  limit: int = 200) -> list[MeetingRow]:  # fmt: skip
    """Meetings the user may see, newest first (`upcoming`: only those not held yet / only past ones)."""
    stmt = select(Meeting).where(access.visible_meetings_clause(session, login)).order_by(
        Meeting.held_at.desc(), Meeting.id.desc()).limit(limit)  # fmt: skip
    if upcoming is not None and now is not None:
        stmt = stmt.where(Meeting.held_at >= now if upcoming else Meeting.held_at < now)
    return [
        MeetingRow(m.id, m.number, m.kind.label, m.title, m.held_at, m.status.label)
        for m in session.scalars(stmt)
    ]


@dataclass(frozen=True)
class DecisionRow:
    id: int
    meeting_number: str
    meeting_title: str
    case_number: str
    kind_label: str
    text: str
    owner: str
    department: str
    due_on: str
    state: str
    refusal: str


def list_decisions(session: Session, login: str, today: date, *, state: str | None = None,
                   meeting_id: int | None = None, owner: str | None = None,
                   department_id: int | None = None) -> list[DecisionRow]:  # fmt: skip
    """The decisions list (open / overdue / done) by meeting, owner and department; `state` one of
    "open" (not done), "overdue", "done"."""
    stmt = (
        select(MeetingDecision, Meeting, Case.number, Department.name)
        .join(Meeting, Meeting.id == MeetingDecision.meeting_id)
        .join(Case, Case.id == MeetingDecision.case_id)
        .outerjoin(Department, Department.id == MeetingDecision.department_id)
        .where(access.visible_meetings_clause(session, login))
        .order_by(Meeting.held_at.desc(), MeetingDecision.id)
    )
    if state == "open":
        stmt = stmt.where(MeetingDecision.done_at.is_(None))
    elif state == "overdue":
        stmt = stmt.where(MeetingDecision.done_at.is_(None), MeetingDecision.due_on < today)
    elif state == "done":
        stmt = stmt.where(MeetingDecision.done_at.is_not(None))
    if meeting_id is not None:
        stmt = stmt.where(MeetingDecision.meeting_id == meeting_id)
    if owner:
        stmt = stmt.where(MeetingDecision.owner == owner)
    if department_id is not None:
        stmt = stmt.where(MeetingDecision.department_id == department_id)
    return [
        DecisionRow(
            d.id,
            m.number,
            m.title,
            number,
            d.kind.label,
            d.text,
            d.owner,
            dep or "",
            _fmt(d.due_on),
            decision_state(d.applied_at, d.done_at, d.due_on, today),
            d.refusal,
        )  # fmt: skip
        for d, m, number, dep in session.execute(stmt)
    ]


def find_meeting(session: Session, text: str) -> int:
    """A meeting by id, or by its number (`2026-48`, `〔2026〕第48期`) — the township's weekly one first."""
    import re

    t = text.strip()
    if t.isdigit():
        if session.get(Meeting, int(t)) is None:
            raise NotFound(Message(QT_TRANSLATE_NOOP("meetings", "会商不存在：%1"), t))
        return int(t)
    m = re.fullmatch(r"(?:〔)?(\d{4})(?:〕第|-|/)(\d+)(?:期)?", t)
    if m is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("meetings", "无法识别的会商编号“%1”，请用 id 或 2026-48 / 〔2026〕第48期 的形式"), t))
    found = session.scalars(select(Meeting.id).where(Meeting.year == int(m.group(1)), Meeting.seq == int(m.group(2)))
                            .order_by(Meeting.kind.desc(), Meeting.id)).first()  # fmt: skip
    if found is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("meetings", "会商不存在：%1"), t))
    return found


def department_choices(session: Session) -> list[tuple[int, str]]:
    """The active departments (id, name) a decision may name as lead or responsible unit."""
    return [(d.id, d.name) for d in session.scalars(
        select(Department).where(Department.active.is_(True)).order_by(Department.id))]  # fmt: skip
