"""The maintained counts (`case_counts`, migration 0004): whether the table answers for this connection, and
its rebuild after a bulk load.

Triggers keep cases per (grid_code, status, dated) exact in the writing transaction, so a filter that
narrows only by status and grid subtree is counted by summing a few hundred rows (`counts`); a filter with
any other condition is counted over `cases`. The table also tells `fetch_page` which (grid code, status)
segments are empty, so their subqueries are not written at all (planning 100 segments costs PostgreSQL
30+ ms). The text search (`sql`) asks it too, which is why this check stands apart from `counts`.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from console.security.visibility import restricted_viewer

_COUNTS_USABLE = "gridconsole_case_counts_usable"


def counts_usable(session: Session) -> bool:
    """Whether `case_counts` answers for this connection: the table exists, and on PostgreSQL the login may
    read it and row-level security does not hide cases from it (else its sums would show more than the
    person may see). Cached on the DBAPI connection (one login per connection)."""
    if restricted_viewer(session)[0]:
        return False  # its sums hold every case; this person sees fewer
    info = session.connection().info
    usable = info.get(_COUNTS_USABLE)
    if usable is None:
        usable = _probe_counts(session)
        info[_COUNTS_USABLE] = usable
    return bool(usable)


def _probe_counts(session: Session) -> bool:
    if session.get_bind().dialect.name == "sqlite":
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'case_counts'"
        return bool(session.execute(text(sql)).scalar()) and _counts_plausible(session)
    row = session.execute(
        text(
            "SELECT to_regclass('case_counts') IS NOT NULL, "
            "CASE WHEN to_regclass('case_counts') IS NULL THEN false "
            "ELSE has_table_privilege('case_counts', 'SELECT') END, "
            "row_security_active('cases'), to_regprocedure('gc_sees_all(text)') IS NOT NULL"
        )
    ).one()
    exists, readable, rls, has_sees_all = row
    if not (exists and readable):
        return False
    if rls and not (
        has_sees_all and session.execute(text("SELECT gc_sees_all(current_user::text)")).scalar()
    ):
        return False
    return _counts_plausible(session)


def _counts_plausible(session: Session) -> bool:
    """Cheap checks that no bulk write went past the triggers (a load with PostgreSQL's
    `session_replication_role = replica`, SQLite triggers dropped while cases were deleted): the counted
    total must match the span of case ids (within the gaps rolled-back inserts leave), and on PostgreSQL
    the statistics' live-row count. A table that fails them is not used (counts go over `cases`) until
    `rebuild_counts`."""
    total, low, high = session.execute(
        text(
            "SELECT (SELECT coalesce(sum(n), 0) FROM case_counts), (SELECT min(id) FROM cases), (SELECT max(id) FROM cases)"
        )
    ).one()
    total = int(total)
    if high is None:
        return total == 0
    span = int(high) - int(low) + 1  # case ids are never reused and cases never deleted
    if total <= 0 or total > span or total < span - max(1000, span // 100):
        return False
    if session.get_bind().dialect.name == "postgresql":
        live = session.execute(text("SELECT pg_stat_get_live_tuples('cases'::regclass)")).scalar()
        if live and abs(int(live) - total) > max(1000, total // 100):
            return False
    return True


def rebuild_counts(session: Session) -> int:
    """Recount `case_counts` from `cases` (~1 s per million cases); returns the number of cases. For bulk
    loads that bypass the triggers: PostgreSQL's replica role, or triggers dropped on SQLite."""
    session.execute(text("DELETE FROM case_counts"))
    session.execute(
        text(
            "INSERT INTO case_counts (grid_code, status, dated, n) "
            "SELECT grid_code, status, stage_due_at IS NOT NULL, count(*) FROM cases "
            "GROUP BY grid_code, status, stage_due_at IS NOT NULL"
        )
    )
    session.connection().info.pop(_COUNTS_USABLE, None)
    return int(session.execute(text("SELECT coalesce(sum(n), 0) FROM case_counts")).scalar_one())
