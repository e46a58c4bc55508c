"""Which limit applies to a stage of a case: the category's own (its item-list limit for 处置, a stage limit
row for the others) > the township's default row > the built-in default. One lookup, used when a stage's clock
starts (`console.workflow.timing`) and when the deadline is explained (`console.deadlines.case`), so the
explanation replays the limit that was applied.

The item list is dated (`CategoryVersion`, written by `console.setup.item_list`): given the moment a stage
starts, the lookup reads the version in force on that day, and for 处置 the limit of the case's severity; so a
change recorded today and effective next month leaves every case dispatched before then on the old limit. A
category never edited through the set-up services has no versions and is read from its row as before.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import clock
from console.deadlines.limits import TimeLimit
from console.domain import LimitType, Severity, Stage
from console.models import Category, CategoryVersion, StageLimit
from console.session_cache import cached

#: used when neither the category nor the township sets a limit for the stage
BUILTIN_LIMITS: dict[Stage, TimeLimit] = {
    Stage.INTAKE: TimeLimit(LimitType.WORKING_HOURS, 2),
    Stage.DISPATCH: TimeLimit(LimitType.WORKING_HOURS, 4),
    Stage.HANDLE: TimeLimit(LimitType.WORKING_DAYS, 5),
    Stage.VERIFY: TimeLimit(LimitType.WORKING_DAYS, 2),
}


def stage_limit(
    session: Session,
    category_id: int,
    stage: Stage,
    *,
    severity: Severity | None = None,
    on: datetime | date | None = None,
) -> TimeLimit:
    """Read once per transaction and (category, stage, severity, day) (`console.session_cache`). `on` is the
    moment the stage starts (None: today's version); `severity` the case's (None: the category's default)."""
    day = on.date() if isinstance(on, datetime) else on
    return cached(
        session,
        ("stage_limit", category_id, stage, severity, day),
        lambda: _read(session, category_id, stage, severity, day),
    )


def version_on(session: Session, category_id: int, day: date | None) -> CategoryVersion | None:
    """The item-list version of a category in force on `day` (None: today), or None when it has none."""
    when = day or clock.now().date()
    return cached(
        session,
        ("category_version", category_id, when),
        lambda: session.scalars(
            select(CategoryVersion)
            .where(CategoryVersion.category_id == category_id, CategoryVersion.effective_from <= when)
            .order_by(CategoryVersion.effective_from.desc(), CategoryVersion.id.desc())
            .limit(1)
        ).first(),
    )


def version_limits(version: CategoryVersion) -> tuple[dict[Severity, TimeLimit], dict[Stage, TimeLimit]]:
    """A version's limits per severity and per stage, parsed from its JSON columns."""
    limits = {Severity(k): TimeLimit.parse(v) for k, v in json.loads(version.limits or "{}").items()}
    stages = {Stage(k): TimeLimit.parse(v) for k, v in json.loads(version.stage_limits or "{}").items()}
    return limits, stages


def _read(
    session: Session, category_id: int, stage: Stage, severity: Severity | None, day: date | None
) -> TimeLimit:
    version = version_on(session, category_id, day)
    if version is not None:
        limits, stages = version_limits(version)
        if stage is Stage.HANDLE:
            chosen = limits.get(severity or version.severity) or limits.get(version.severity)
            if chosen is not None:
                return chosen
        elif stage in stages:
            return stages[stage]
        return _township_default(session, stage)
    if stage is Stage.HANDLE:
        cat = session.get(Category, category_id)
        if cat is not None:
            return TimeLimit(cat.limit_type, cat.limit_value)
    rows = session.execute(
        select(StageLimit).where(
            StageLimit.stage == stage,
            (StageLimit.category_id == category_id) | StageLimit.category_id.is_(None),
        )
    ).scalars()
    best: StageLimit | None = None
    for row in rows:
        if best is None or (row.category_id is not None and best.category_id is None):
            best = row
    if best is not None:
        return TimeLimit(best.limit_type, best.limit_value)
    return BUILTIN_LIMITS[stage]


def _township_default(session: Session, stage: Stage) -> TimeLimit:
    row = session.scalars(
        select(StageLimit).where(StageLimit.stage == stage, StageLimit.category_id.is_(None))
    ).first()
    return TimeLimit(row.limit_type, row.limit_value) if row is not None else BUILTIN_LIMITS[stage]
