"""The review's month sets kept by the database itself (migration 0013): one row per (case, month) with a 0/1
column per set of `console.review.case_sets` that a completed month fixes, the case's grouping columns and its
status at the month's end; one row per (case, month, department a dispatch went to).

Triggers on `cases` and `case_history` recompute a case's rows in the same transaction as the change, so a
month's figures are a grouped SUM over its ~100,000 rows instead of a join of its ~320,000 history rows with
a million cases (`console.review.month_sets` reads it; nothing in Python writes it but `rebuild`).
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, PrimaryKeyConstraint, SmallInteger, String, Table

from console.models.base import Base

#: the set columns, in the migration's order: the history events of the month, then the case predicates of
#: the month the case was reported in, then of the month it was accepted in
EVENT_COLUMNS = (
    "intake_timed", "intake_on_time", "handled", "late_handled", "closed", "closed_on_time", "rework",
    "extended", "supervised", "verify_timed", "verify_on_time", "callbacks", "satisfied", "basically_satisfied",
    "last_hour", "reopened", "dispatch_event",
    "returned",  # a dispatch of the month returned (退回) by its end, before any later dispatch
)  # fmt: skip
CASE_COLUMNS = ("reported", "reviewed", "valid", "first_report", "rejected", "accepted", "missed")
SET_COLUMNS = EVENT_COLUMNS + CASE_COLUMNS

review_case_month = Table(
    "review_case_month",
    Base.metadata,
    Column("case_id", Integer, nullable=False),
    Column("month", String(7), nullable=False),  # 2026-11
    Column("grid_code", String(15), nullable=False),
    Column("dept_id", Integer),
    Column("person_id", Integer),
    Column("category_id", Integer, nullable=False),
    Column("status_end", String(24)),  # the status at the month's end (`case_sets.status_at`)
    Column("due_in_month", SmallInteger, nullable=False),  # the handling deadline fell in the month
    Column("due_before_end", SmallInteger, nullable=False),  # ... before the month's end
    *(Column(name, SmallInteger, nullable=False) for name in SET_COLUMNS),
    PrimaryKeyConstraint("month", "case_id"),  # a month's rows in case id order: the drill-down's keyset pages
)
Index("ix_review_case_month_case", review_case_month.c.case_id)  # the triggers' refresh of a case
# a department's or handler's month in case id order: their drill-down pages
Index("ix_review_case_month_dept", review_case_month.c.month, review_case_month.c.dept_id, review_case_month.c.case_id)
Index("ix_review_case_month_person", review_case_month.c.month, review_case_month.c.person_id,
      review_case_month.c.case_id)  # fmt: skip
# the month's rows; its reports and closures counted from the index alone (`month_sets.plausible`)
Index("ix_review_case_month_month", review_case_month.c.month, review_case_month.c.reported,
      review_case_month.c.closed)  # fmt: skip

#: per (case, month, department a dispatch of the month went to): the department scope's 派遣数, 退回 and 挂账
#: sets group by that department, not by the case's lead department now
review_dispatch_month = Table(
    "review_dispatch_month",
    Base.metadata,
    Column("case_id", Integer, primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("dept_id", Integer, primary_key=True),  # the department the dispatch went to
    Column("grid_code", String(15), nullable=False),
    Column("person_id", Integer),
    Column("category_id", Integer, nullable=False),
    Column("reported", SmallInteger, nullable=False),  # the case was reported in the month
    Column("returned", SmallInteger, nullable=False),  # a dispatch to it returned by the month's end
    Column("parked", SmallInteger, nullable=False),  # the case was parked (挂账) at the month's end
)
Index("ix_review_dispatch_month_month", review_dispatch_month.c.month, review_dispatch_month.c.dept_id,
      review_dispatch_month.c.case_id)  # fmt: skip

#: per (case, day): reported that day, its closure rows that day, its handling deadline passed that day with no
#: feedback by then — what `review_day_counts` sums, kept so a change can take a case's old part away
review_case_day = Table(
    "review_case_day",
    Base.metadata,
    Column("case_id", Integer, primary_key=True),
    Column("day", String(10), primary_key=True),  # 2026-11-02
    Column("grid_code", String(15), nullable=False),
    Column("reported", Integer, nullable=False),
    Column("closed", Integer, nullable=False),
    Column("overdue", Integer, nullable=False),
)

#: the review's weekly trend per (day, grid code): a year is ~25,000 rows at a million cases (with categories,
#: departments or handlers in the key it would be nearly one row per case and day: those scopes count live)
review_day_counts = Table(
    "review_day_counts",
    Base.metadata,
    Column("day", String(10), primary_key=True),
    Column("grid_code", String(15), primary_key=True),
    Column("reported", Integer, nullable=False),
    Column("closed", Integer, nullable=False),
    Column("overdue", Integer, nullable=False),
)
