"""The tables kept by triggers, recounted after a bulk load that went past the triggers (the demo's COPY in
replica mode, SQLite's load with the triggers set aside, a reset).

The planner's statistics of the history come first: a freshly loaded table has none, and without them
PostgreSQL plans the review recount's "last history row of the case before the month's end" as a backward
scan of all of `case_history` per (case, month) — a million-case recount that took over 12 minutes instead of
about one. `cases` is left to autovacuum: an ANALYZE of it right after the load, before the loading
connections have reported their inserts, leaves the live-row statistic counting them twice, and
`case_counts`' plausibility check compares against that statistic.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from console.meetings import counted
from console.queue import rebuild_counts
from console.review.month_sets import rebuild as rebuild_month_sets
from console.security.pg_staff import rebuild_case_handlers

#: the loaded tables whose statistics the recounts' plans need
SOURCES = ("case_history", "case_co_department")


def rebuild_derived(session: Session) -> None:
    """Statistics of the loaded history, then every trigger-kept table recounted."""
    for table in SOURCES:
        session.execute(text(f"ANALYZE {table}"))
    rebuild_counts(session)
    rebuild_month_sets(session)
    counted.rebuild(session)
    rebuild_case_handlers(session)
