"""Case numbers: `YYYY-NNNNNN`, unique per township (level-1 grid) and year.

The counter row is bumped with an upsert inside the reporting transaction, so concurrent seats serialize on
that row and never draw the same number; a rolled-back report leaves no gap-causing side effect behind.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from console.models import CaseNumberCounter, Grid


def format_number(year: int, seq: int) -> str:
    return f"{year}-{seq:06d}"


def township_of(session: Session, grid: Grid) -> Grid:
    node = grid
    while node.parent_id is not None:
        parent = session.get(Grid, node.parent_id)
        assert parent is not None
        node = parent
    return node


def next_numbers(session: Session, township_id: int, year: int, count: int = 1) -> range:
    """Reserve `count` consecutive sequence numbers; returns the range reserved."""
    dialect = session.get_bind().dialect.name
    ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(CaseNumberCounter)
    stmt = ins.values(township_id=township_id, year=year, last=count).on_conflict_do_update(
        index_elements=["township_id", "year"], set_={"last": CaseNumberCounter.last + count}
    )
    session.execute(stmt)
    last = session.scalar(
        select(CaseNumberCounter.last).where(
            CaseNumberCounter.township_id == township_id, CaseNumberCounter.year == year
        )
    )
    assert last is not None
    return range(last - count + 1, last + 1)


def next_number(session: Session, township_id: int, year: int) -> tuple[int, str]:
    seq = next_numbers(session, township_id, year, 1)[0]
    return seq, format_number(year, seq)
