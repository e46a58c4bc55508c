"""A case's deadline explanation from its records: the case row, its history (dispatch, pauses, due
changes) and the stage limit that applies to its category, handed to `explain`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.deadlines.due import DeadlineClock
from console.deadlines.explanation import DeadlineExplanation, DueChange, Pause, explain
from console.deadlines.limits import TimeLimit
from console.deadlines.stage_limits import stage_limit
from console.domain import PAUSED_STATUSES, CaseStatus
from console.errors import NotFound, ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Case, CaseHistory


def _parse_moment(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        return None


def _changes(row: CaseHistory) -> dict[str, Any]:
    try:
        data = json.loads(row.changes or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _new_value(changes: dict[str, Any], key: str) -> Any:
    value = changes.get(key)
    if isinstance(value, list | tuple):
        return value[-1] if value else None
    return value


def explain_case(session: Session, case_id: int | str) -> DeadlineExplanation:
    """The explanation of a case's deadline, from its row and its history.

    A dispatched case explains its handling limit (办结时限, from the last dispatch on); a case not yet
    dispatched explains the clock of its current stage (受理/立案, 派遣 …) when one runs.
    """
    if isinstance(case_id, str) and not case_id.isdigit():
        case = session.scalar(select(Case).where(Case.number == case_id))
    else:
        case = session.get(Case, int(case_id))
    if case is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("deadlines", "案件 %1 不存在"), case_id))
    clock = DeadlineClock.load(session)
    history = list(
        session.scalars(select(CaseHistory).where(CaseHistory.case_id == case.id).order_by(CaseHistory.id))
    )

    limit: TimeLimit | None
    if case.dispatched_at is not None and (case.due_at is not None or case.limit_type is not None):
        start, recorded, title = case.dispatched_at, case.due_at, "办结时限"
        limit = TimeLimit(case.limit_type, case.limit_value) if case.limit_type and case.limit_value else None
        dispatch_rows = [r for r in history if r.action == "dispatch"]
        after = dispatch_rows[-1].id if dispatch_rows else 0
        opening = dispatch_rows[-1] if dispatch_rows else None
    elif case.stage is not None and case.stage_started_at is not None and case.stage_due_at is not None:
        start, recorded = case.stage_started_at, case.stage_due_at
        title = f"{case.stage.label}阶段时限"
        limit = stage_limit(session, case.category_id, case.stage, severity=case.severity, on=start)
        later = [r for r in history if r.at <= start]
        after = later[-1].id if later else 0
        opening = None
    else:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("deadlines", "案件 %1 尚未派遣，也没有正在计时的环节，无时限可解释"), case.number))

    changes: list[DueChange] = []
    if opening is not None and limit is not None:
        assigned = _parse_moment(_new_value(_changes(opening), "due_at"))
        computed = clock.due(start, limit)
        if assigned is not None and assigned != computed:
            data = _changes(opening)
            reason = str(_new_value(data, "due_reason") or opening.note or "")
            changes.append(DueChange(start, computed, assigned, "override", reason, opening.actor))
    elif opening is not None:
        assigned = _parse_moment(_new_value(_changes(opening), "due_at"))
        if assigned is not None:
            changes.append(DueChange(start, None, assigned, "override", opening.note, opening.actor))

    pauses: list[Pause] = []
    pause_from: CaseHistory | None = None
    last_request = ""
    for row in history:
        if row.id <= after or row.at < start:
            continue
        was = row.from_status in PAUSED_STATUSES
        now = row.to_status in PAUSED_STATUSES
        if now and not was:
            pause_from = row
        elif was and not now and pause_from is not None:
            pauses.append(_pause(pause_from, row.at))
            pause_from = None
        if row.action == "request_extension":
            last_request = row.note
        data = _changes(row)
        if "due_at" in data and isinstance(data["due_at"], list | tuple) and len(data["due_at"]) == 2:
            old, new = (_parse_moment(v) for v in data["due_at"])
            if new is not None and new != old:
                kind = "extension" if row.action == "decide_extension" else "change"
                reason = "；".join(x for x in (last_request if kind == "extension" else "", row.note) if x)
                changes.append(DueChange(row.at, old, new, kind, reason, row.actor))
    if pause_from is not None:
        pauses.append(_pause(pause_from, None))
    elif case.status in PAUSED_STATUSES and case.paused_at is not None:
        pauses.append(Pause(case.paused_at, None, CaseStatus(case.status).label))

    result = explain(
        start,
        limit,
        clock.calendar,
        clock.office_hours,
        pauses=pauses,
        changes=changes,
        recorded_due=recorded,
        title=f"案件 {case.number} {title}",
    )
    return result


def _pause(row: CaseHistory, end: datetime | None) -> Pause:
    status = CaseStatus(row.to_status)
    return Pause(row.at, end, status.label, row.note)
