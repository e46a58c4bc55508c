"""Which limit applies to a stage of a case: the category's own (its item-list limit for 处置, a stage limit
row for the others) > the township's default row > the built-in default. One lookup, used when a stage's clock
starts (`console.workflow.timing`) and when the deadline is explained (`console.deadlines.case`), so the
explanation replays the limit that was applied."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.deadlines.limits import TimeLimit
from console.domain import LimitType, Stage
from console.models import Category, StageLimit
from console.session_cache import cached

#: used when neither the category nor the township sets a limit for the stage
BUILTIN_LIMITS: dict[Stage, TimeLimit] = {
    Stage.INTAKE: TimeLimit(LimitType.WORKING_HOURS, 2),
    Stage.DISPATCH: TimeLimit(LimitType.WORKING_HOURS, 4),
    Stage.HANDLE: TimeLimit(LimitType.WORKING_DAYS, 5),
    Stage.VERIFY: TimeLimit(LimitType.WORKING_DAYS, 2),
}


def stage_limit(session: Session, category_id: int, stage: Stage) -> TimeLimit:
    """Read once per transaction and (category, stage) (`console.session_cache`)."""
    return cached(session, ("stage_limit", category_id, stage), lambda: _read(session, category_id, stage))


def _read(session: Session, category_id: int, stage: Stage) -> TimeLimit:
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
