"""Writing side of the change feed: every transaction that changes cases calls `record_change`.

It appends to `case_change` (the sequence SQLite seats poll, and every seat's catch-up after a reconnect) and,
on PostgreSQL, queues `NOTIFY gridconsole_case, '<seq>:<case_id>'`, delivered to listeners only when the
transaction commits. The reading side is `console.changefeed`.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from console import clock
from console.models import CaseChange

CHANNEL = "gridconsole_case"


def record_change(session: Session, case_ids: Iterable[int]) -> None:
    ids = sorted(set(case_ids))
    if not ids:
        return
    at = clock.now()
    session.execute(insert(CaseChange), [{"case_id": cid, "at": at} for cid in ids])
    if session.get_bind().dialect.name == "postgresql":
        for cid in ids:
            session.execute(text("SELECT pg_notify(:ch, :payload)"), {"ch": CHANNEL, "payload": str(cid)})


def latest_seq(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(CaseChange.seq), 0))) or 0)


def changed_since(session: Session, seq: int, limit: int = 10_000) -> tuple[int, list[int]]:
    """Case ids changed after `seq`, and the new high-water mark."""
    rows = session.execute(
        select(CaseChange.seq, CaseChange.case_id)
        .where(CaseChange.seq > seq)
        .order_by(CaseChange.seq)
        .limit(limit)
    ).all()
    if not rows:
        return seq, []
    return rows[-1][0], sorted({r[1] for r in rows})
