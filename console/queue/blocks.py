"""The queue as the console's table reads it: blocks of rows fetched by keyset cursor (or by offset when the
user jumps ahead), with the count, as plain rows a front end reads on a worker thread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from console import queue as q


@dataclass(frozen=True)
class QuerySpec:
    flt: Any  # console.queue.QueueFilter
    sort: Any  # console.queue.SortKey
    descending: bool


@dataclass
class Block:
    rows: list[Any]  # QueueRow
    next_cursor: Any  # cursor after the last row (None at the end)


@dataclass
class BlockResult:
    """What a loading job hands back: plain rows, nothing bound to its session."""

    generation: int
    blocks: dict[int, Block]
    total: int | None = None


def _page_rows(page: Any) -> list[Any]:
    return list(page.rows)


def _page_next(page: Any) -> Any:
    for name in ("next", "next_cursor", "cursor", "after"):
        if hasattr(page, name):
            return getattr(page, name)
    return None


def load_blocks(
    session: Session,
    spec: QuerySpec,
    runs: Sequence[tuple[int, int, Any]],
    block_size: int,
    now: datetime,
    generation: int,
    with_count: bool,
) -> BlockResult:
    """Load each run (first block, number of blocks, cursor before it or None)."""
    result = BlockResult(generation, {})
    if with_count:
        result.total = q.count(session, spec.flt, now=now)
    for first, n, after in runs:
        cursor = after
        for b in range(first, first + n):
            if b == 0 or cursor is not None:
                page = q.fetch_page(
                    session, spec.flt, spec.sort, spec.descending, after=cursor, limit=block_size, now=now
                )
            else:
                page = q.fetch_page_at(
                    session,
                    spec.flt,
                    spec.sort,
                    spec.descending,
                    offset=b * block_size,
                    limit=block_size,
                    now=now,
                )
            rows = _page_rows(page)
            cursor = _page_next(page) if len(rows) == block_size else None
            result.blocks[b] = Block(rows, cursor)
            if len(rows) < block_size:
                break
    return result
