"""Emptying the case tables for `gridconsole demo --reset`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from console.db import Database
from console.demo.derived import rebuild_derived
from console.errors import ValidationError
from console.models import Case


def case_tables() -> list[str]:
    """`cases` and every table that refers to it (directly or through another), children first."""
    from console.models import Base

    tables = {"cases"}
    changed = True
    while changed:
        changed = False
        for t in Base.metadata.tables.values():
            if t.name not in tables and any(fk.column.table.name in tables for fk in t.foreign_keys):
                tables.add(t.name)
                changed = True
    order = [t.name for t in reversed(Base.metadata.sorted_tables) if t.name in tables]
    return [*order, "case_change", "case_number_counter"]


def reset_cases(db: Database) -> int:
    """Empty the case tables (history included) and the numbering; returns the number of cases removed.

    The history is append-only by trigger. On PostgreSQL this needs a superuser, whose
    `session_replication_role = replica` lets TRUNCATE past the triggers for this transaction; on SQLite the
    two history triggers are dropped and re-created from their stored definitions in the same transaction.
    """
    with db.session() as session:
        count = int(session.scalar(select(func.count()).select_from(Case)) or 0)
    tables = case_tables()
    raw: Any = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        if db.is_postgres:
            try:
                cur.execute("SET LOCAL session_replication_role = replica")
            except Exception as exc:
                raise ValidationError(
                    "清空案件历史需要数据库超级用户权限（案件历史受触发器保护，只能追加）"
                ) from exc
            cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            cur.execute("BEGIN IMMEDIATE")
            cur.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                f"({', '.join('?' * len(tables))})",
                tables,
            )
            triggers = cur.fetchall()
            for name, _ in triggers:
                cur.execute(f'DROP TRIGGER "{name}"')
            for t in tables:
                cur.execute(f"DELETE FROM {t}")
            for _, sql in triggers:
                cur.execute(sql)
        raw.commit()
    except BaseException:
        raw.rollback()
        raise
    finally:
        raw.close()
    with db.session() as session:  # TRUNCATE / dropped triggers skipped the count triggers
        rebuild_derived(session)
    return count
