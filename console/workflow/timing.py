"""Stage clocks on a case: which limit applies, when a stage is due, on-time flags and pauses.

The calendar arithmetic and the choice of limit (category override > township default > built-in default,
`console.deadlines.stage_limits`) live in `console.deadlines`; this module keeps the case's clock columns.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from console.deadlines import DeadlineClock, stage_deadline
from console.deadlines.due import counting_start
from console.deadlines.limits import TimeLimit
from console.deadlines.stage_limits import stage_limit
from console.domain import LimitType, Stage
from console.models import Case


def start_stage(
    session: Session, case: Case, stage: Stage, start: datetime, *, due: datetime | None = None
) -> None:
    """Start `stage` at `start`: its due moment from the limit, or `due` when the dispatcher set one."""
    limit = stage_limit(session, case.category_id, stage, severity=case.severity, on=_dated(case, stage, start))
    computed_due, warn = stage_deadline(session, start, limit)
    if due is not None and due != computed_due:
        # a set deadline keeps the yellow threshold at the same fraction of the (new) span
        span = due - start
        warn = start + (warn - start) * (span / (computed_due - start)) if computed_due > start else due
    else:
        due = computed_due
    case.stage = stage
    case.stage_started_at = start
    case.stage_due_at = due
    case.stage_warn_at = warn
    if stage is Stage.HANDLE:
        case.limit_type = limit.type
        case.limit_value = limit.value
        case.due_at = due


def start_rework(session: Session, case: Case, start: datetime, *, due: datetime | None = None) -> None:
    """A failed verification sends the case back: the rework round runs on its own clock (the queue's traffic
    light), while `due_at`, the case's handling deadline, stays what dispatch and approved extensions made it."""
    handling_due = case.due_at
    start_stage(session, case, Stage.HANDLE, start, due=due)
    if handling_due is not None:
        case.due_at = handling_due


def complete_stage(case: Case, at: datetime) -> tuple[Stage | None, bool | None]:
    """End the current stage; returns (stage, on time?) for the history row.

    The handling stage is judged against the case's handling deadline (`due_at`), so rework never resets it;
    a stage without a deadline is neither on time nor late (None)."""
    stage, due = case.stage, case.stage_due_at
    if stage is Stage.HANDLE and case.due_at is not None:
        due = case.due_at
    case.stage = None
    case.stage_started_at = case.stage_due_at = case.stage_warn_at = None
    if stage is None or due is None:
        return stage, None
    return stage, at <= due


def computed_due(session: Session, case: Case, stage: Stage, start: datetime) -> datetime:
    """The due moment a stage starting at `start` would get (a dispatch's default: the version in force then)."""
    limit = stage_limit(session, case.category_id, stage, severity=case.severity, on=start)
    return stage_deadline(session, start, limit)[0]


def _dated(case: Case, stage: Stage, start: datetime) -> datetime:
    """The moment whose item-list version gives the limit: a rework round of 处置 keeps the version the case was
    dispatched under; every other stage the one in force when it starts."""
    if stage is Stage.HANDLE and case.dispatched_at is not None and case.dispatched_at < start:
        return case.dispatched_at
    return start


def pause(case: Case, at: datetime, resume_status: object) -> None:
    case.paused_at = at
    case.resume_status = resume_status  # type: ignore[assignment]


def resume(session: Session, case: Case, at: datetime) -> tuple[datetime, datetime] | None:
    """End a pause: push the stage's due moments back by the paused working time. Returns the pause."""
    started = case.paused_at
    if started is None:
        return None
    limit_type = (
        case.limit_type if case.stage is Stage.HANDLE and case.limit_type else LimitType.WORKING_HOURS
    )
    deadline_clock = DeadlineClock.load(session)
    # only the part of the pause after the limit began to be used up counts: a pause on a working-days
    # case's start day (which never counts) moves nothing
    counted_from = started
    if case.stage_started_at is not None:
        limit = TimeLimit(limit_type, case.limit_value or 1)
        counted_from = max(started, counting_start(case.stage_started_at, limit, deadline_clock.calendar,
                                                   deadline_clock.office_hours))  # fmt: skip
    for attr in ("stage_due_at", "stage_warn_at", "due_at"):
        value = getattr(case, attr)
        if value is not None and (attr != "due_at" or case.stage is Stage.HANDLE):
            setattr(case, attr, deadline_clock.extend_for_pause(value, counted_from, at, limit_type))
    case.paused_at = None
    case.resume_status = None
    return started, at
