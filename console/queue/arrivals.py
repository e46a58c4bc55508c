"""New reports arriving on some seat (the window's cue "新上报案件"): the highest case id seen at start, and which
of the changed cases are new 待受理 reports."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.domain import CaseStatus
from console.models import Case
from console.queue.pages import fetch_rows
from console.queue.rows import QueueRow


def highest_case_id(session: Session) -> int:
    """The newest case's id (0 for none): ids above it are new since then."""
    return int(session.scalar(select(func.coalesce(func.max(Case.id), 0))) or 0)


def new_reports(session: Session, ids: list[int], since_id: int) -> tuple[list[QueueRow], int]:
    """The changed cases with ids above `since_id` that are 待受理, and the new high-water id."""
    rows = [r for r in fetch_rows(session, ids) if r.status == CaseStatus.REPORTED and r.id > since_id]
    return rows, max([since_id, *ids])
