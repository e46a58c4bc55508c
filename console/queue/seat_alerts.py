"""What a department seat is told of without looking (the tray message and the sound), and its 待签收 badge.

A department handler (部门办理人) learns of new work the moment it is theirs: a case dispatched to one of their
departments (牵头 or 配合), or sent back to their department for rework — 核查不通过, or 重新办理 after a failed
spot check. `concerns` is that rule, a pure function of the person and one history row, so the window and the
tests ask the same question; `seat_alerts` reads the history rows behind the change feed's case ids (the feed
says only *which* cases changed) and keeps to what the person sees (`console.security.visibility`).
`awaiting_sign_count` is the badge: the 待签收 quick filter counted by the queue's own `count`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from console import clock
from console.domain import CaseStatus, Labeled
from console.i18n import QT_TRANSLATE_NOOP
from console.models import Case, CaseCoDepartment, CaseHistory, Department
from console.queue.counts import count
from console.queue.filters import QueueFilter, quick_filter
from console.security.post_names import Post
from console.security.posts import CaseScope, Principal, load_principal
from console.security.visibility import sees
from console.workflow.actions import Action


class AlertKind(Labeled):
    DISPATCHED = "dispatched", QT_TRANSLATE_NOOP("domain", "新派遣案件")
    CO_DISPATCHED = "co_dispatched", QT_TRANSLATE_NOOP("domain", "新派遣案件（配合办理）")
    RETURNED = "returned", QT_TRANSLATE_NOOP("domain", "退回重新办理")


@dataclass(frozen=True)
class CaseEvent:
    """One history row as the rule sees it, with the case's departments as they are now."""

    history_id: int
    case_id: int
    action: str
    to_status: CaseStatus
    actor: str
    grid_code: str
    lead_department_id: int | None
    co_department_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class SeatAlert:
    """What the tray message says about one case."""

    kind: AlertKind
    history_id: int
    case_id: int
    number: str
    summary: str
    department: str  # the seat's department the case came to
    actor: str
    at: datetime


@dataclass(frozen=True)
class AlertCursor:
    """Where a seat's alerts stand: history rows up to `start` were there when the seat opened; per case, the
    last row already looked at. Kept per case, not one high-water mark, because on PostgreSQL two cases'
    transactions can commit out of id order. `opened_at`: on PostgreSQL a person's `max(id)` is over the rows
    they may see, so an older row of a case that only now comes into their view can lie above `start`; rows
    written well before the seat opened are not news either (the margin allows for seats' clocks)."""

    start: int
    seen: Mapping[int, int] = field(default_factory=dict)
    opened_at: datetime | None = None

    def after(self, case_id: int) -> int:
        return max(self.start, self.seen.get(case_id, 0))

    def advanced(self, seen: Mapping[int, int]) -> AlertCursor:
        """The cursor once the rows `seen` (case id → last history id looked at) were looked at."""
        merged = dict(self.seen)
        for cid, hid in seen.items():
            merged[cid] = max(merged.get(cid, 0), hid)
        return AlertCursor(self.start, merged, self.opened_at)


def is_department_seat(user: Principal | None) -> bool:
    """Whether the person works cases for a department (the seat that gets alerts and the 待签收 badge)."""
    return user is not None and user.active and Post.DEPARTMENT in user.posts and bool(user.departments)


def concerns(user: Principal | None, event: CaseEvent) -> AlertKind | None:
    """Whether `event` is news for `user`'s seat, and which: dispatched to (or co-handled by) one of their
    departments, or back to their lead department for rework. Their own actions and cases they may not see
    are never news."""
    if user is None or not is_department_seat(user) or event.actor == user.login:
        return None
    scope = CaseScope(event.grid_code, event.lead_department_id, event.co_department_ids)
    if not sees(user, scope):
        return None
    lead = event.lead_department_id in user.departments
    if event.action == Action.DISPATCH and event.to_status is CaseStatus.DISPATCHED:
        if lead:
            return AlertKind.DISPATCHED
        if event.co_department_ids & user.departments.keys():
            return AlertKind.CO_DISPATCHED
        return None
    returned = event.action in (Action.VERIFY, Action.REOPEN) and event.to_status is CaseStatus.IN_PROGRESS
    return AlertKind.RETURNED if returned and lead else None


#: how far before a seat opened a history row may be written and still be news (clocks of seats differ)
CLOCK_MARGIN = timedelta(minutes=5)


def alert_cursor(session: Session, now: datetime | None = None) -> AlertCursor:
    """The cursor of a seat opening now: what is already in the history is not news."""
    top = session.scalar(select(func.coalesce(func.max(CaseHistory.id), 0)))
    return AlertCursor(int(top or 0), opened_at=now or clock.now())


#: the actions `concerns` can answer yes to (the rest are not read)
_NEWS_ACTIONS = (Action.DISPATCH.value, Action.VERIFY.value, Action.REOPEN.value)


def seat_alerts(
    session: Session, login: str, case_ids: Iterable[int], cursor: AlertCursor
) -> tuple[list[SeatAlert], dict[int, int]]:
    """The alerts for `login` among the history rows of `case_ids` newer than `cursor`, oldest first, and the
    last history id looked at per case (to merge into the cursor)."""
    ids = sorted(set(case_ids))
    user = load_principal(session, login)
    if not ids or not is_department_seat(user):
        return [], {}
    assert user is not None
    rows = session.execute(
        select(
            CaseHistory.id,
            CaseHistory.case_id,
            CaseHistory.action,
            CaseHistory.to_status,
            CaseHistory.actor,
            CaseHistory.at,
        )
        .where(CaseHistory.case_id.in_(ids), CaseHistory.id > cursor.start)
        .where(true() if cursor.opened_at is None else CaseHistory.at >= cursor.opened_at - CLOCK_MARGIN)
        .order_by(CaseHistory.id)
    ).all()
    seen: dict[int, int] = {}
    fresh = []
    for hid, cid, action, to_status, actor, at in rows:
        if hid <= cursor.after(cid):
            continue
        seen[cid] = max(seen.get(cid, 0), hid)
        if action in _NEWS_ACTIONS:
            fresh.append((hid, cid, action, CaseStatus(to_status), actor, at))
    if not fresh:
        return [], seen
    wanted = sorted({f[1] for f in fresh})
    cases = {
        c.id: c
        for c in session.execute(
            select(Case.id, Case.number, Case.summary, Case.grid_code, Case.lead_department_id).where(
                Case.id.in_(wanted)
            )
        )
    }
    co: dict[int, set[int]] = {}
    for cid, dep in session.execute(
        select(CaseCoDepartment.case_id, CaseCoDepartment.department_id).where(
            CaseCoDepartment.case_id.in_(wanted)
        )
    ):
        co.setdefault(cid, set()).add(dep)
    names = dict(session.execute(select(Department.id, Department.name)).tuples().all())
    alerts = []
    for hid, cid, action, to_status, actor, at in fresh:
        case = cases.get(cid)
        if case is None:  # not visible to this person
            continue
        deps = frozenset(co.get(cid, ()))
        event = CaseEvent(hid, cid, action, to_status, actor, case.grid_code, case.lead_department_id, deps)
        kind = concerns(user, event)
        if kind is None:
            continue
        mine = (
            case.lead_department_id
            if kind is not AlertKind.CO_DISPATCHED
            else min(deps & user.departments.keys())
        )
        alerts.append(SeatAlert(kind, hid, cid, case.number, case.summary, names.get(mine, ""), actor, at))
    return alerts, seen


def awaiting_sign_filter(user: Principal | None) -> QueueFilter:
    """The 待签收 quick filter for this person: their departments' cases when they are a department seat."""
    departments = user.departments.keys() if user is not None and is_department_seat(user) else None
    return quick_filter("待签收", departments=departments)


def awaiting_sign_count(session: Session, login: str, now: datetime | None = None) -> int:
    """The 待签收 badge: the quick filter's count, through the queue's own count (and its visibility rule)."""
    return count(session, awaiting_sign_filter(load_principal(session, login)), now or clock.now())
