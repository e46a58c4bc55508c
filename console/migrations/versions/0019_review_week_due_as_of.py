"""review kept day counts: a week's handling deadlines as they stood at the week's end

Revision ID: 0019
Revises: 0018

The weekly trend's overdue line (`console.review.charts.weekly_trend`) counts a handling deadline that passed
without a feedback by then in the week it fell in, reading it as it stood at that week's end
(`case_sets.due_at_at`, as a month's figures read theirs at the month's end, migration 0016): an extension
approved after the week leaves the week alone, and the new deadline counts in its own week. `review_case_day`
(migration 0013) read `cases.due_at` as it is now; here its view, the PostgreSQL refresh function and the SQLite
triggers are rewritten (0016's SQL but for the day rows' deadlines) and the day tables rebuilt from them:

- a week's deadline is found among every deadline the case had (its column and the old values of the history
  rows that moved it), read at the end of the week it fell in, and kept when it still falls in that week.

The tables themselves do not change.
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _load(name: str) -> ModuleType:
    """A private copy of another migration's module (its SQL builders)."""
    path = next(Path(__file__).parent.glob(f"{name}_*.py"))
    spec = importlib.util.spec_from_file_location(f"gridconsole_migration_{name}_for_0019", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def week_end(pg: bool, col: str) -> str:
    """The first instant of the Monday after the week `col` falls in (`sqlfn.week_end`)."""
    if pg:
        return f"(date_trunc('week', {col}) + interval '7 days')"
    return f"strftime('%Y-%m-%d %H:%M:%f000', {col}, 'start of day', '-6 days', 'weekday 1', '+7 days')"


def _builders(v16: ModuleType) -> ModuleType:
    """0016's builders (0013's with the month's deadlines at the month's end) with the day rows' deadlines read
    at each week's end."""
    v13 = v16._builders(v16._v13())

    def day_source_sql(pg: bool, cases: str = "") -> str:
        """Per (case, day): reported that day, its closures that day, and a handling deadline that passed that
        day with no feedback by then, as it stood at the end of its week (`charts._late`)."""

        def where(col: str) -> str:
            return f" AND {cases.format(col)}" if cases else ""

        day = v13._day
        old = v16._timestamp(pg, v16._old_due(pg, "m"))
        weeks = (
            f"SELECT c.id AS case_id, {week_end(pg, 'c.due_at')} AS week_end FROM cases c "
            f"WHERE c.due_at IS NOT NULL AND c.dispatched_at IS NOT NULL{where('c.id')} "
            f"UNION SELECT m.case_id, {week_end(pg, old)} FROM case_history m "
            f"WHERE m.changes LIKE {v16.DUE_CHANGED} AND {v16._old_due(pg, 'm')} IS NOT NULL{where('m.case_id')}"
        )
        then = (
            f"SELECT w.case_id, w.week_end, {v16.due_at_end(pg, 'w.week_end')} AS due "
            f"FROM ({weeks}) w JOIN cases c ON c.id = w.case_id WHERE c.dispatched_at IS NOT NULL"
        )
        union = (
            f"SELECT c.id AS case_id, {day(pg, 'c.reported_at')} AS day, 1 AS reported, 0 AS closed, 0 AS overdue "
            f"FROM cases c WHERE 1 = 1{where('c.id')} "
            f"UNION ALL SELECT h.case_id, {day(pg, 'h.at')}, 0, 1, 0 FROM case_history h "
            f"WHERE h.action = 'close'{where('h.case_id')} "
            f"UNION ALL SELECT t.case_id, {day(pg, 't.due')}, 0, 0, 1 FROM ({then}) t "
            f"WHERE t.due IS NOT NULL AND {week_end(pg, 't.due')} = t.week_end AND NOT EXISTS (SELECT 1 "
            "FROM case_history f WHERE f.case_id = t.case_id AND f.action = 'feedback' AND f.at <= t.due)"
        )
        return (
            "SELECT x.case_id, x.day, c.grid_code, sum(x.reported) AS reported, sum(x.closed) AS closed, "
            f"sum(x.overdue) AS overdue FROM ({union}) x JOIN cases c ON c.id = x.case_id "
            "GROUP BY x.case_id, x.day, c.grid_code"
        )

    # the copy's refresh function and triggers call it through its globals
    setattr(v13, "day_source_sql", day_source_sql)  # noqa: B010 - a module attribute mypy does not know
    return v13


def _install(sql: ModuleType) -> None:
    """Replace the views, the refresh function / triggers by `sql`'s, then rebuild the day tables."""
    bind = op.get_bind()
    key = sql.DAY_KEY
    fill = (
        "DELETE FROM review_case_day; "
        f"INSERT INTO review_case_day ({sql.DAY_COLUMNS}) SELECT {sql.DAY_COLUMNS} FROM review_case_day_source "
        "ORDER BY day; "
        "DELETE FROM review_day_counts; "
        f"INSERT INTO review_day_counts ({key}, reported, closed, overdue) SELECT {key}, sum(reported), "
        f"sum(closed), sum(overdue) FROM review_case_day GROUP BY {key}"
    )
    if bind.dialect.name == "postgresql":
        # no case may change between the rebuild and the new triggers' function taking over
        bind.exec_driver_sql("LOCK TABLE cases, case_history IN SHARE ROW EXCLUSIVE MODE")
        driver: Any = bind.connection.driver_connection  # `%` as written (no parameters)
        # the triggers stay; the views and functions they call are replaced in place (their grants kept)
        driver.execute(sql._pg_functions().split("CREATE TRIGGER")[0])
        driver.execute(fill)
    else:
        for stmt in sql.SQLITE_DOWN:
            bind.exec_driver_sql(stmt)
        for stmt in sql.sqlite_statements():
            bind.exec_driver_sql(stmt)
        for stmt in fill.split("; "):
            bind.exec_driver_sql(stmt)


def upgrade() -> None:
    _install(_builders(_load("0016")))


def downgrade() -> None:
    v16 = _load("0016")
    _install(v16._builders(v16._v13()))
