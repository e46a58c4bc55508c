"""review kept sets: a month's handling deadlines as they stood at the month's end

Revision ID: 0016
Revises: 0015

The review judges a past month's deadlines as they stood at its end (`console.review.case_sets.due_at_at`): an
extension approved after the month moves `cases.due_at`, not the month's 应结案数 / 超期数 / 按期结案率. The
kept month sets of migration 0013 read `cases.due_at` as it is now; here their views, the PostgreSQL refresh
function and the SQLite triggers are rewritten (the same SQL as 0013's but for the deadline) and
`review_case_month` is rebuilt from them:

- the deadline at a month's end: the column when the case has not changed since, else the old value of the
  first history row after it that changed `due_at` (the column when none did);
- `due_in_month` / `due_before_end` and the event sets 按期结案 / 临期突击反馈 read it (for an event row: at the
  end of the row's month);
- a case gets a row for the month of every deadline it ever had (the old values in its history too), so a
  deadline that fell in a month and was moved later still counts there.

The tables themselves do not change.
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: a history row that changed the handling deadline (`case_sets.DUE_CHANGED`)
DUE_CHANGED = "'%\"due_at\":%'"


def _v13() -> ModuleType:
    """A private copy of migration 0013's SQL builders (this migration rewrites some of them in its copy)."""
    path = Path(__file__).with_name("0013_review_case_month.py")
    spec = importlib.util.spec_from_file_location("gridconsole_migration_0013_sql", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _old_due(pg: bool, row: str) -> str:
    """The old deadline a history row `row` changed, as text."""
    if pg:
        return f"(CAST({row}.changes AS json) -> 'due_at' ->> 0)"
    return f"json_extract({row}.changes, '$.\"due_at\"[0]')"


def _timestamp(pg: bool, text: str) -> str:
    """Deadline text from a history row as the column's timestamps (`sqlfn.as_timestamp`)."""
    if pg:
        return f"CAST({text} AS timestamp without time zone)"
    return f"substr({text} || '.000000', 1, 26)"


def due_at_end(pg: bool, end: str) -> str:
    """The handling deadline case `c` had at `end` (`case_sets.due_at_at`)."""
    column_text = "CAST(c.due_at AS text)" if pg else "c.due_at"
    first_moved = (
        f"(SELECT 'v' || coalesce({_old_due(pg, 'm')}, '') FROM case_history m WHERE m.case_id = c.id "
        f"AND m.at > {end} AND m.changes LIKE {DUE_CHANGED} ORDER BY m.id LIMIT 1)"
    )
    then = f"nullif(substr(coalesce({first_moved}, 'v' || {column_text}), 2), '')"
    return f"(CASE WHEN c.updated_at <= {end} THEN c.due_at ELSE {_timestamp(pg, then)} END)"


def _hour_before(pg: bool, col: str) -> str:
    if pg:
        return f"({col} - interval '1 hours')"
    return f"strftime('%Y-%m-%d %H:%M:%f000', {col}, '-1 hours')"


def _builders(v13: ModuleType) -> ModuleType:
    """0013's builders with the deadline read at each month's end."""
    base_event_sets = v13.event_sets

    def event_sets(pg: bool) -> dict[str, str]:
        due = due_at_end(pg, v13._month_end(pg, "h.at"))
        sets: dict[str, str] = base_event_sets(pg)
        sets["closed_on_time"] = f"h.action = 'close' AND ({due} IS NULL OR h.at <= {due})"
        sets["last_hour"] = (
            f"h.action = 'feedback' AND h.stage = 'handle' AND {due} IS NOT NULL AND h.at <= {due} "
            f"AND h.at > {_hour_before(pg, due)}"
        )
        return sets

    def source_sql(pg: bool, cases: str = "") -> str:
        names = v13.set_names()
        parts = {
            "h": {**event_sets(pg), "returned": v13._returned(pg)},
            "r": v13.reported_sets(pg),
            "a": v13.accepted_sets(pg),
            "d": {},
        }

        def cols(kind: str) -> str:
            own = parts[kind]
            return ", ".join(
                f"CASE WHEN {own[n]} THEN 1 ELSE 0 END AS {n}" if n in own else f"0 AS {n}" for n in names
            )

        def where(col: str) -> str:
            return f" AND {cases.format(col)}" if cases else ""

        month = v13._month
        actions = ", ".join(f"'{a}'" for a in v13.ACTIONS)
        union = (
            f"SELECT h.case_id, {month(pg, 'h.at')} AS month, {cols('h')} "
            f"FROM case_history h JOIN cases c ON c.id = h.case_id WHERE h.action IN ({actions}){where('h.case_id')} "
            f"UNION ALL SELECT c.id, {month(pg, 'c.reported_at')}, {cols('r')} "
            f"FROM cases c WHERE 1 = 1{where('c.id')} "
            f"UNION ALL SELECT c.id, {month(pg, 'c.accepted_at')}, {cols('a')} "
            f"FROM cases c WHERE c.accepted_at IS NOT NULL{where('c.id')} "
            f"UNION ALL SELECT c.id, {month(pg, 'c.due_at')}, {cols('d')} "
            f"FROM cases c WHERE c.due_at IS NOT NULL{where('c.id')} "
            # every earlier deadline's month: it may have been the deadline at that month's end
            f"UNION ALL SELECT m.case_id, substr({_old_due(pg, 'm')}, 1, 7), {cols('d')} "
            f"FROM case_history m WHERE m.changes LIKE {DUE_CHANGED} AND {_old_due(pg, 'm')} IS NOT NULL"
            f"{where('m.case_id')}"
        )
        maxes = ", ".join(f"max({n}) AS {n}" for n in names)
        end = v13._end_of(pg, "g.month")
        due = due_at_end(pg, end)
        return (
            f"SELECT g.case_id, g.month, c.grid_code, c.lead_department_id AS dept_id, "
            f"c.responsible_person_id AS person_id, c.category_id, {v13._status_end(pg, 'g.month')} AS status_end, "
            f"CASE WHEN {month(pg, due)} = g.month THEN 1 ELSE 0 END AS due_in_month, "
            f"CASE WHEN {due} < {end} THEN 1 ELSE 0 END AS due_before_end, "
            f"{', '.join('g.' + n for n in names)} "
            f"FROM (SELECT case_id, month, {maxes} FROM ({union}) x GROUP BY case_id, month) g "
            f"JOIN cases c ON c.id = g.case_id"
        )

    # the copy's other builders (the refresh function, the triggers) call these through its globals
    setattr(v13, "event_sets", event_sets)  # noqa: B010 - a module attribute mypy does not know
    setattr(v13, "source_sql", source_sql)  # noqa: B010
    return v13


def _install(sql: ModuleType) -> None:
    """Replace the views, the refresh function / triggers by `sql`'s, then rebuild `review_case_month`."""
    bind = op.get_bind()
    fill = (
        "DELETE FROM review_case_month; "
        f"INSERT INTO review_case_month ({sql._columns()}) SELECT {sql._columns()} FROM review_case_month_source "
        "ORDER BY month, grid_code"
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
    _install(_builders(_v13()))


def downgrade() -> None:
    _install(_v13())
