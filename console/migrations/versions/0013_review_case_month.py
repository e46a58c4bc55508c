"""review kept sets: per (case, month) the review's sets, per (case, month, department dispatched to) and per
(day, grid code) the weekly trend, kept by triggers

Revision ID: 0013
Revises: 0011

The monthly review counts distinct cases per set (a case closed, reopened and closed again in a month is one
结案), grouped by the case's grid, department or handler as they are now. At a million cases a month is
~80,000 cases and ~320,000 history rows: joining them costs ~1 s per scope on either backend. So:

- `review_case_month`: one row per (case, month) with a 0/1 column per set whose membership a completed month
  fixes (history events of the month, the case predicates judged at the month's end, a dispatch returned by
  then), the case's status at the month's end, whether its handling deadline fell in / before the month, and
  the case's grouping columns as they are now; a month's figures are a grouped count over its ~100,000 rows
  (`console.review.month_sets`);
- `review_dispatch_month`: per (case, month, department a dispatch went to) — a department scope groups
  派遣数, 退回 and 挂账占比 by that department;
- `review_case_day` / `review_day_counts`: per (case, day) and summed per (day, grid code): reports, closure
  rows and deadlines passed without a feedback (the weekly trend chart; a year is ~25,000 rows).

Each column repeats a predicate of `console.review.case_sets` / `charts` word for word
(`tests/test_review_month_sets.py` compares every figure, case id list and chart series with the live
computation on both backends). Whenever a case or its history changes, the case's rows are recomputed from
scratch (a case has a handful of history rows) and its old day rows taken away from the day sums:

- PostgreSQL: statement-level AFTER triggers with transition tables (a COPY or batch update recomputes its
  cases in one statement), SECURITY DEFINER so console roles need no write grant;
- SQLite: row-level AFTER triggers.

The views `*_source` compute the rows of every case; `month_sets.rebuild` after a bulk load that went past the
triggers (the demo's COPY in replica mode, SQLite's large load with the triggers set aside) is DELETE + INSERT
from them. On PostgreSQL a frozen result's body (~15 MB of case ids at a million cases) is stored with lz4
where the server has it: 5× faster than pglz.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: the history actions any set counts
ACTIONS = ("accept", "callback", "close", "decide_extension", "dispatch", "feedback", "reopen", "supervise",
           "verify")  # fmt: skip
#: the case columns a set or a group reads: an UPDATE changing none of them leaves the rows alone
CASE_COLUMNS = ("grid_code", "lead_department_id", "responsible_person_id", "category_id", "reported_at",
                "accepted_at", "status", "close_type", "closed_at", "source", "due_at", "updated_at")  # fmt: skip


def _dialect(pg: bool) -> dict[str, str]:
    if pg:
        return {"true": "IS TRUE", "false": "IS FALSE", "hour_before": "(c.due_at - interval '1 hours')",
                "rated": "(CASE WHEN h.action = 'callback' THEN CAST(h.changes AS json) -> 'satisfaction' ->> 1 END)"}  # fmt: skip
    return {"true": "IS 1", "false": "IS 0", "hour_before": "strftime('%Y-%m-%d %H:%M:%f000', c.due_at, '-1 hours')",
            "rated": "(CASE WHEN h.action = 'callback' THEN json_extract(h.changes, '$.\"satisfaction\"[1]') END)"}  # fmt: skip


def _month(pg: bool, col: str) -> str:
    return f"to_char({col}, 'YYYY-MM')" if pg else f"substr({col}, 1, 7)"


def _month_end(pg: bool, col: str) -> str:
    """The first instant of the next month, as the review's `as_of` of the month `col` falls in."""
    if pg:
        return f"(date_trunc('month', {col}) + interval '1 month')"
    return f"strftime('%Y-%m-%d %H:%M:%f000', {col}, 'start of month', '+1 month')"


def event_sets(pg: bool) -> dict[str, str]:
    """Sets of a history row `h` of the month (case `c`): `case_sets` event sets, predicate for predicate."""
    d = _dialect(pg)
    rated = d["rated"]
    return {
        "intake_timed": "h.action = 'accept' AND h.stage = 'intake' AND h.stage_on_time IS NOT NULL",
        "intake_on_time": f"h.action = 'accept' AND h.stage = 'intake' AND h.stage_on_time {d['true']}",
        "handled": "h.action = 'feedback' AND h.stage = 'handle'",
        "late_handled": f"h.action = 'feedback' AND h.stage = 'handle' AND h.stage_on_time {d['false']}",
        "closed": "h.action = 'close'",
        "closed_on_time": "h.action = 'close' AND (c.due_at IS NULL OR h.at <= c.due_at)",
        "rework": "h.action IN ('verify', 'reopen') AND (h.action = 'reopen' OR "
        "(h.from_status = 'feedback' AND h.to_status IN ('in_progress', 'accepted')))",
        "extended": "h.action = 'decide_extension' AND h.changes LIKE '%\"extension_count\"%'",
        "supervised": "h.action = 'supervise'",
        "verify_timed": "h.action = 'verify' AND h.stage = 'verify' AND h.stage_on_time IS NOT NULL",
        "verify_on_time": f"h.action = 'verify' AND h.stage = 'verify' AND h.stage_on_time {d['true']}",
        "callbacks": "h.action = 'callback'",
        "satisfied": f"h.action = 'callback' AND {rated} = 'satisfied'",
        "basically_satisfied": f"h.action = 'callback' AND {rated} = 'basically'",
        "last_hour": "h.action = 'feedback' AND h.stage = 'handle' AND c.due_at IS NOT NULL AND h.at <= c.due_at "
        f"AND h.at > {d['hour_before']}",
        "reopened": "h.action = 'reopen'",
        "dispatch_event": "h.action = 'dispatch'",
    }


def reported_sets(pg: bool) -> dict[str, str]:
    """Sets of a case in the month it was reported in, judged at that month's end."""
    end = _month_end(pg, "c.reported_at")
    return {
        "reported": "1 = 1",
        "reviewed": f"c.accepted_at <= {end} OR (c.status IN ('rejected', 'merged') AND c.closed_at <= {end})",
        "valid": f"c.accepted_at <= {end} AND (c.close_type IS NULL OR c.close_type != 'unfounded')",
        # 首报 without its category condition (a rule: the bottom-line categories), applied when counted
        "first_report": f"c.source = 'patrol' AND c.accepted_at <= {end} AND c.status != 'merged'",
        "rejected": "c.status = 'rejected'",
    }


def accepted_sets(pg: bool) -> dict[str, str]:
    """Sets of a case in the month it was accepted in."""
    return {"accepted": "1 = 1", "missed": "c.source IN ('supervisor', 'department')"}


def set_names() -> list[str]:
    return [*event_sets(True), "returned", *reported_sets(True), *accepted_sets(True)]


def _returned(pg: bool) -> str:
    """A dispatch row `h` the department returned (退回) by the end of its month, before any later dispatch
    (`case_sets.dispatch_returned`)."""
    return (
        "h.action = 'dispatch' AND EXISTS (SELECT 1 FROM case_history r WHERE r.case_id = h.case_id "
        f"AND r.action = 'return' AND r.id > h.id AND r.at <= {_month_end(pg, 'h.at')} AND NOT EXISTS ("
        "SELECT 1 FROM case_history d WHERE d.case_id = h.case_id AND d.action = 'dispatch' AND d.id > h.id "
        "AND d.id < r.id))"
    )


def _end_of(pg: bool, month: str) -> str:
    """The first instant after the month named by the text `month` (2026-11)."""
    if pg:
        return f"(to_date({month}, 'YYYY-MM') + interval '1 month')"
    return f"strftime('%Y-%m-%d %H:%M:%f000', {month} || '-01', '+1 month')"


def _status_end(pg: bool, month: str) -> str:
    """The status case `c` had at the end of `month` (`case_sets.status_at`)."""
    end = _end_of(pg, month)
    return (
        f"CASE WHEN c.updated_at <= {end} THEN c.status ELSE (SELECT s.to_status FROM case_history s "
        f"WHERE s.case_id = c.id AND s.at <= {end} ORDER BY s.id DESC LIMIT 1) END"
    )


def _dispatched_to(pg: bool) -> str:
    if pg:
        return "CAST(CAST(h.changes AS json) -> 'lead_department_id' ->> 1 AS INTEGER)"
    return "CAST(json_extract(h.changes, '$.\"lead_department_id\"[1]') AS INTEGER)"


#: the columns of a row besides its sets: the case's groups as they are now, its status at the month's end,
#: whether its handling deadline fell in the month / before its end
EXTRA = ("grid_code", "dept_id", "person_id", "category_id", "status_end", "due_in_month", "due_before_end")


def source_sql(pg: bool, cases: str = "") -> str:
    """The rows of the cases `cases` picks (a condition on a case id column written `{}`; empty: every case)."""
    names = set_names()
    parts = {
        "h": {**event_sets(pg), "returned": _returned(pg)},
        "r": reported_sets(pg),
        "a": accepted_sets(pg),
        "d": {},
    }

    def cols(kind: str) -> str:
        own = parts[kind]
        return ", ".join(
            f"CASE WHEN {own[n]} THEN 1 ELSE 0 END AS {n}" if n in own else f"0 AS {n}" for n in names
        )

    def where(col: str) -> str:
        return f" AND {cases.format(col)}" if cases else ""

    actions = ", ".join(f"'{a}'" for a in ACTIONS)
    union = (
        f"SELECT h.case_id, {_month(pg, 'h.at')} AS month, {cols('h')} "
        f"FROM case_history h JOIN cases c ON c.id = h.case_id WHERE h.action IN ({actions}){where('h.case_id')} "
        f"UNION ALL SELECT c.id, {_month(pg, 'c.reported_at')}, {cols('r')} "
        f"FROM cases c WHERE 1 = 1{where('c.id')} "
        f"UNION ALL SELECT c.id, {_month(pg, 'c.accepted_at')}, {cols('a')} "
        f"FROM cases c WHERE c.accepted_at IS NOT NULL{where('c.id')} "
        f"UNION ALL SELECT c.id, {_month(pg, 'c.due_at')}, {cols('d')} "
        f"FROM cases c WHERE c.due_at IS NOT NULL{where('c.id')}"
    )
    maxes = ", ".join(f"max({n}) AS {n}" for n in names)
    return (
        f"SELECT g.case_id, g.month, c.grid_code, c.lead_department_id AS dept_id, "
        f"c.responsible_person_id AS person_id, c.category_id, {_status_end(pg, 'g.month')} AS status_end, "
        f"CASE WHEN {_month(pg, 'c.due_at')} = g.month THEN 1 ELSE 0 END AS due_in_month, "
        f"CASE WHEN c.due_at < {_end_of(pg, 'g.month')} THEN 1 ELSE 0 END AS due_before_end, "
        f"{', '.join('g.' + n for n in names)} "
        f"FROM (SELECT case_id, month, {maxes} FROM ({union}) x GROUP BY case_id, month) g "
        f"JOIN cases c ON c.id = g.case_id"
    )


def dispatch_source_sql(pg: bool, cases: str = "") -> str:
    """Per (case, month, department a dispatch of the month went to): whether one was returned by the month's
    end, the case was reported in that month, and parked (挂账) at its end — the department scope's 派遣数,
    退回 and 挂账占比, grouped by the department each dispatch went to."""
    where = f" AND {cases.format('h.case_id')}" if cases else ""
    return (
        f"SELECT d.case_id, d.month, d.dept_id, c.grid_code, c.responsible_person_id AS person_id, c.category_id, "
        f"CASE WHEN {_month(pg, 'c.reported_at')} = d.month THEN 1 ELSE 0 END AS reported, d.returned, "
        f"CASE WHEN ({_status_end(pg, 'd.month')}) = 'long_term' THEN 1 ELSE 0 END AS parked "
        f"FROM (SELECT h.case_id, {_month(pg, 'h.at')} AS month, {_dispatched_to(pg)} AS dept_id, "
        f"max(CASE WHEN {_returned(pg)} THEN 1 ELSE 0 END) AS returned FROM case_history h "
        f"WHERE h.action = 'dispatch'{where} GROUP BY h.case_id, {_month(pg, 'h.at')}, {_dispatched_to(pg)}) d "
        f"JOIN cases c ON c.id = d.case_id WHERE d.dept_id IS NOT NULL"
    )


def _columns() -> str:
    return "case_id, month, " + ", ".join(EXTRA) + ", " + ", ".join(set_names())


DISPATCH_COLUMNS = "case_id, month, dept_id, grid_code, person_id, category_id, reported, returned, parked"


def _day(pg: bool, col: str) -> str:
    return f"to_char({col}, 'YYYY-MM-DD')" if pg else f"substr({col}, 1, 10)"


DAY_KEY = "day, grid_code"
DAY_COLUMNS = f"case_id, {DAY_KEY}, reported, closed, overdue"


def day_source_sql(pg: bool, cases: str = "") -> str:
    """Per (case, day): reported that day, its closures that day (each close row: the chart counts rows), and
    its handling deadline passed that day with no feedback by then (`charts.weekly_trend`)."""

    def where(col: str) -> str:
        return f" AND {cases.format(col)}" if cases else ""

    union = (
        f"SELECT c.id AS case_id, {_day(pg, 'c.reported_at')} AS day, 1 AS reported, 0 AS closed, 0 AS overdue "
        f"FROM cases c WHERE 1 = 1{where('c.id')} "
        f"UNION ALL SELECT h.case_id, {_day(pg, 'h.at')}, 0, 1, 0 FROM case_history h "
        f"WHERE h.action = 'close'{where('h.case_id')} "
        f"UNION ALL SELECT c.id, {_day(pg, 'c.due_at')}, 0, 0, 1 FROM cases c WHERE c.due_at IS NOT NULL "
        "AND c.dispatched_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_history f WHERE f.case_id = c.id "
        f"AND f.action = 'feedback' AND f.at <= c.due_at){where('c.id')}"
    )
    return (
        "SELECT x.case_id, x.day, c.grid_code, sum(x.reported) AS reported, sum(x.closed) AS closed, "
        f"sum(x.overdue) AS overdue FROM ({union}) x JOIN cases c ON c.id = x.case_id "
        "GROUP BY x.case_id, x.day, c.grid_code"
    )


def _day_apply(pg: bool, cases: str, sign: str) -> str:
    """Add (`+`) or take away (`-`) the day rows of the cases `cases` picks to/from `review_day_counts`, in key
    order (concurrent statements lock count rows in the same order)."""
    kept = "a." if pg else ""
    return (
        f"INSERT INTO review_day_counts {'AS a ' if pg else ''}({DAY_KEY}, reported, closed, overdue) "
        f"SELECT {DAY_KEY}, {sign}sum(reported), {sign}sum(closed), {sign}sum(overdue) FROM review_case_day "
        f"WHERE {cases.format('case_id')} GROUP BY {DAY_KEY} ORDER BY {DAY_KEY} "
        f"ON CONFLICT ({DAY_KEY}) DO UPDATE SET reported = {kept}reported + excluded.reported, "
        f"closed = {kept}closed + excluded.closed, overdue = {kept}overdue + excluded.overdue"
    )


def _day_refresh(pg: bool, cases: str) -> list[str]:
    """Recompute the day rows of the cases `cases` picks and move the day sums by the difference. On
    PostgreSQL in one statement whose upsert takes the sums' rows in key order, so that two transactions moving
    sums of the same days cannot deadlock (taking away in one statement and adding in another could)."""
    if not pg:
        return [
            _day_apply(pg, cases, "-"),
            f"DELETE FROM review_case_day WHERE {cases.format('case_id')}",
            f"INSERT INTO review_case_day ({DAY_COLUMNS}) {day_source_sql(pg, cases)}",
            _day_apply(pg, cases, ""),
        ]
    moved = "day, grid_code, reported, closed, overdue"
    return [
        f"WITH old AS (DELETE FROM review_case_day WHERE {cases.format('case_id')} RETURNING {moved}), "
        f"new AS (INSERT INTO review_case_day ({DAY_COLUMNS}) {day_source_sql(pg, cases)} RETURNING {moved}) "
        f"INSERT INTO review_day_counts AS a ({DAY_KEY}, reported, closed, overdue) "
        f"SELECT {DAY_KEY}, sum(reported), sum(closed), sum(overdue) FROM ("
        f"SELECT day, grid_code, -reported AS reported, -closed AS closed, -overdue AS overdue FROM old "
        f"UNION ALL SELECT {moved} FROM new) d GROUP BY {DAY_KEY} "
        "HAVING sum(reported) <> 0 OR sum(closed) <> 0 OR sum(overdue) <> 0 "
        f"ORDER BY {DAY_KEY} ON CONFLICT ({DAY_KEY}) DO UPDATE SET reported = a.reported + excluded.reported, "
        "closed = a.closed + excluded.closed, overdue = a.overdue + excluded.overdue"
    ]


def _pg_functions() -> str:
    changed = " OR ".join(f"n.{c} IS DISTINCT FROM o.{c}" for c in CASE_COLUMNS)
    return f"""
CREATE OR REPLACE VIEW review_case_month_source AS {source_sql(True)};
CREATE OR REPLACE VIEW review_dispatch_month_source AS {dispatch_source_sql(True)};
CREATE OR REPLACE VIEW review_case_day_source AS {day_source_sql(True)};

CREATE OR REPLACE FUNCTION gc_review_month_refresh(ids integer[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM review_case_month WHERE case_id = ANY(ids);
    INSERT INTO review_case_month ({_columns()}) {source_sql(True, "{} = ANY(ids)")};
    DELETE FROM review_dispatch_month WHERE case_id = ANY(ids);
    INSERT INTO review_dispatch_month ({DISPATCH_COLUMNS}) {dispatch_source_sql(True, "{} = ANY(ids)")};
    {"; ".join(_day_refresh(True, "{} = ANY(ids)"))};
END $$;

CREATE OR REPLACE FUNCTION gc_review_month_history() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM gc_review_month_refresh(ARRAY(SELECT DISTINCT case_id FROM new_rows ORDER BY case_id));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION gc_review_month_cases() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM gc_review_month_refresh(ARRAY(SELECT id FROM new_rows ORDER BY id));
    ELSE
        PERFORM gc_review_month_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {changed} ORDER BY n.id));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER trg_review_month_history AFTER INSERT ON case_history
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gc_review_month_history();
CREATE TRIGGER trg_review_month_cases_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gc_review_month_cases();
CREATE TRIGGER trg_review_month_cases_update AFTER UPDATE ON cases
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gc_review_month_cases();
"""


PG_DOWN = """
DROP TRIGGER IF EXISTS trg_review_month_history ON case_history;
DROP TRIGGER IF EXISTS trg_review_month_cases_insert ON cases;
DROP TRIGGER IF EXISTS trg_review_month_cases_update ON cases;
DROP FUNCTION IF EXISTS gc_review_month_history();
DROP FUNCTION IF EXISTS gc_review_month_cases();
DROP FUNCTION IF EXISTS gc_review_month_refresh(integer[]);
DROP VIEW IF EXISTS review_case_month_source;
DROP VIEW IF EXISTS review_dispatch_month_source;
DROP VIEW IF EXISTS review_case_day_source;
"""


def _sqlite_refresh(case_id: str) -> str:
    return (
        f"DELETE FROM review_case_month WHERE case_id = {case_id}; "
        f"INSERT INTO review_case_month ({_columns()}) {source_sql(False, '{} = ' + case_id)}; "
        f"DELETE FROM review_dispatch_month WHERE case_id = {case_id}; "
        f"INSERT INTO review_dispatch_month ({DISPATCH_COLUMNS}) {dispatch_source_sql(False, '{} = ' + case_id)}; "
        + "; ".join(_day_refresh(False, "{} = " + case_id))
        + ";"
    )


def sqlite_statements() -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in CASE_COLUMNS)
    return [
        f"CREATE VIEW review_case_month_source AS {source_sql(False)}",
        f"CREATE VIEW review_dispatch_month_source AS {dispatch_source_sql(False)}",
        f"CREATE VIEW review_case_day_source AS {day_source_sql(False)}",
        # every history row: the status at a month's end is the last row's, whatever its action
        f"CREATE TRIGGER trg_review_month_history AFTER INSERT ON case_history "
        f"BEGIN {_sqlite_refresh('NEW.case_id')} END",
        f"CREATE TRIGGER trg_review_month_cases_insert AFTER INSERT ON cases BEGIN {_sqlite_refresh('NEW.id')} END",
        f"CREATE TRIGGER trg_review_month_cases_update AFTER UPDATE OF {', '.join(CASE_COLUMNS)} ON cases "
        f"WHEN {changed} BEGIN {_sqlite_refresh('NEW.id')} END",
    ]


SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS trg_review_month_history",
    "DROP TRIGGER IF EXISTS trg_review_month_cases_insert",
    "DROP TRIGGER IF EXISTS trg_review_month_cases_update",
    "DROP VIEW IF EXISTS review_case_month_source",
    "DROP VIEW IF EXISTS review_dispatch_month_source",
    "DROP VIEW IF EXISTS review_case_day_source",
)


def upgrade() -> None:
    op.create_table(
        "review_case_month",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("grid_code", sa.String(length=15), nullable=False),
        sa.Column("dept_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("status_end", sa.String(length=24), nullable=True),
        sa.Column("due_in_month", sa.SmallInteger(), nullable=False),
        sa.Column("due_before_end", sa.SmallInteger(), nullable=False),
        *(sa.Column(n, sa.SmallInteger(), nullable=False) for n in set_names()),
        # a month's rows in case id order: the drill-down's keyset pages
        sa.PrimaryKeyConstraint("month", "case_id", name=op.f("pk_review_case_month")),
    )
    op.create_index("ix_review_case_month_case", "review_case_month", ["case_id"])  # the triggers' refresh
    # a department's or handler's month in case id order: their drill-down pages
    op.create_index("ix_review_case_month_dept", "review_case_month", ["month", "dept_id", "case_id"])
    op.create_index("ix_review_case_month_person", "review_case_month", ["month", "person_id", "case_id"])
    # the month's rows; its reports and closures counted from the index alone (`month_sets.plausible`)
    op.create_index("ix_review_case_month_month", "review_case_month", ["month", "reported", "closed"])
    op.create_table(
        "review_dispatch_month",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("dept_id", sa.Integer(), nullable=False),
        sa.Column("grid_code", sa.String(length=15), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("reported", sa.SmallInteger(), nullable=False),
        sa.Column("returned", sa.SmallInteger(), nullable=False),
        sa.Column("parked", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "month", "dept_id", name=op.f("pk_review_dispatch_month")),
    )
    op.create_index("ix_review_dispatch_month_month", "review_dispatch_month", ["month", "dept_id", "case_id"])
    day_key = [
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("grid_code", sa.String(length=15), nullable=False),
    ]
    counts = [sa.Column(n, sa.Integer(), nullable=False) for n in ("reported", "closed", "overdue")]
    op.create_table(
        "review_case_day",
        sa.Column("case_id", sa.Integer(), nullable=False),
        *day_key,
        *counts,
        sa.PrimaryKeyConstraint("case_id", "day", name=op.f("pk_review_case_day")),
    )
    op.create_table(
        "review_day_counts",
        *(sa.Column(c.name, c.type, nullable=False) for c in day_key),
        *(sa.Column(c.name, c.type, nullable=False) for c in counts),
        sa.PrimaryKeyConstraint(*DAY_KEY.split(", "), name=op.f("pk_review_day_counts")),
    )
    bind = op.get_bind()
    # a month's rows next to each other (each month's figures read only its own)
    fill = (
        f"INSERT INTO review_case_month ({_columns()}) SELECT {_columns()} FROM review_case_month_source "
        f"ORDER BY month, grid_code; INSERT INTO review_dispatch_month ({DISPATCH_COLUMNS}) "
        f"SELECT {DISPATCH_COLUMNS} FROM review_dispatch_month_source ORDER BY month, dept_id; "
        f"INSERT INTO review_case_day ({DAY_COLUMNS}) SELECT {DAY_COLUMNS} FROM review_case_day_source; "
        f"INSERT INTO review_day_counts ({DAY_KEY}, reported, closed, overdue) SELECT {DAY_KEY}, sum(reported), "
        f"sum(closed), sum(overdue) FROM review_case_day GROUP BY {DAY_KEY}"
    )
    if bind.dialect.name == "postgresql":
        # no case may change between the backfill and the triggers taking over
        bind.exec_driver_sql("LOCK TABLE cases, case_history IN SHARE ROW EXCLUSIVE MODE")
        driver: Any = bind.connection.driver_connection  # `%` as written (no parameters)
        driver.execute(_pg_functions())
        driver.execute(fill)
        # a frozen month's body holds its case ids (~15 MB at a million cases): lz4 stores it 5× faster than pglz
        lz4 = "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        if bind.exec_driver_sql(lz4).first():
            bind.exec_driver_sql("ALTER TABLE review_result ALTER COLUMN body SET COMPRESSION lz4")
    else:
        for stmt in sqlite_statements():
            bind.exec_driver_sql(stmt)
        for stmt in fill.split("; "):
            bind.exec_driver_sql(stmt)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        driver: Any = bind.connection.driver_connection
        driver.execute(PG_DOWN)
        bind.exec_driver_sql("ALTER TABLE review_result ALTER COLUMN body SET COMPRESSION default")
    else:
        for stmt in SQLITE_DOWN:
            bind.exec_driver_sql(stmt)
    op.drop_index("ix_review_case_month_month", table_name="review_case_month")
    op.drop_index("ix_review_case_month_case", table_name="review_case_month")
    op.drop_index("ix_review_case_month_dept", table_name="review_case_month")
    op.drop_index("ix_review_case_month_person", table_name="review_case_month")
    op.drop_table("review_case_month")
    op.drop_index("ix_review_dispatch_month_month", table_name="review_dispatch_month")
    op.drop_table("review_dispatch_month")
    op.drop_table("review_case_day")
    op.drop_table("review_day_counts")
