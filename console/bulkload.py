"""Bulk-load helpers: set a table's secondary indexes aside while a large batch of rows goes in, then build
them again, leaving the schema exactly as the migrations define it.

Maintaining a trigram GIN index and a dozen B-trees row by row costs far more than building them once over the
loaded table (PostgreSQL's and SQLite's own bulk-load advice). Only indexes that no constraint owns are set
aside: primary keys and unique constraints stay, so the load is still checked where it matters.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

#: memory for one CREATE INDEX on PostgreSQL (the server default, 64 MB, makes the sorts spill to disk)
PG_MAINTENANCE_WORK_MEM = "512MB"


@dataclass(frozen=True)
class IndexDef:
    name: str
    table: str
    sql: str  # the CREATE INDEX statement as the database reports it

    @property
    def is_gin(self) -> bool:
        return " USING gin " in self.sql


# --- PostgreSQL ---------------------------------------------------------------------------------------------


def pg_secondary_indexes(cur: Any, tables: Sequence[str]) -> list[IndexDef]:
    """Indexes of `tables` that no constraint owns (not primary keys, not unique constraints)."""
    cur.execute(
        "SELECT ic.relname, t.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace "
        "WHERE n.nspname = current_schema() AND t.relname = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
        "ORDER BY ic.relname",
        (list(tables),),
    )
    return [IndexDef(name, table, sql) for name, table, sql in cur.fetchall()]


def pg_drop_indexes(cur: Any, indexes: Sequence[IndexDef]) -> None:
    for ix in indexes:
        cur.execute(f'DROP INDEX IF EXISTS "{ix.name}"')


def pg_missing(cur: Any, indexes: Sequence[IndexDef]) -> list[IndexDef]:
    cur.execute(
        "SELECT relname FROM pg_class WHERE relkind = 'i' AND relnamespace = current_schema()::regnamespace "
        "AND relname = ANY(%s)",
        ([ix.name for ix in indexes],),
    )
    present = {name for (name,) in cur.fetchall()}
    return [ix for ix in indexes if ix.name not in present]


def pg_build_indexes(connect: Callable[[], Any], indexes: Sequence[IndexDef], lanes: int = 2) -> None:
    """Build `indexes` that are missing, on `lanes` connections at once (CREATE INDEX takes a SHARE lock, so
    builds on the same table run side by side). GIN indexes, the slowest, each get a lane of their own first.

    `connect()` returns a new autocommit psycopg connection. Raises the first failure after all lanes end.
    """
    with connect() as conn, conn.cursor() as cur:
        todo = pg_missing(cur, indexes)
    if not todo:
        return
    todo = sorted(todo, key=lambda ix: not ix.is_gin)  # GIN first: they set the critical path
    work: list[list[IndexDef]] = [[] for _ in range(max(1, min(lanes, len(todo))))]
    costs = [0.0] * len(work)
    for ix in todo:  # greedy: a trigram GIN costs about 20 B-trees (16 s vs 0.4-1.8 s at 1M cases)
        k = costs.index(min(costs))
        work[k].append(ix)
        costs[k] += 20.0 if ix.is_gin else 1.0
    errors: list[BaseException] = []

    def run(lane: list[IndexDef]) -> None:
        try:
            with connect() as conn, conn.cursor() as cur:
                cur.execute(f"SET maintenance_work_mem = '{PG_MAINTENANCE_WORK_MEM}'")
                # the lanes are the parallelism: parallel workers of one lane would slow the GIN lane
                if len(work) > 1:
                    cur.execute("SET max_parallel_maintenance_workers = 0")
                for ix in lane:
                    cur.execute(ix.sql)
        except BaseException as exc:  # reported below, after every lane has finished
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(lane,), name="index-build") for lane in work[1:]]
    for t in threads:
        t.start()
    run(work[0])
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


# --- SQLite -------------------------------------------------------------------------------------------------


def sqlite_secondary_indexes(cur: Any, tables: Sequence[str]) -> list[IndexDef]:
    """Indexes created by CREATE INDEX on `tables` (automatic ones of constraints have no SQL and stay)."""
    cur.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(tables))}) ORDER BY name",
        list(tables),
    )
    return [IndexDef(name, table, sql) for name, table, sql in cur.fetchall()]


def sqlite_drop_indexes(cur: Any, indexes: Sequence[IndexDef]) -> None:
    for ix in indexes:
        cur.execute(f'DROP INDEX IF EXISTS "{ix.name}"')


def sqlite_build_indexes(cur: Any, indexes: Sequence[IndexDef]) -> None:
    for ix in indexes:
        cur.execute(ix.sql)
