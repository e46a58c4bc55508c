"""Case counts kept by the database itself (案件计数): cases per (grid code, status, has a stage deadline).

Triggers on `cases` (migration 0004, both backends) keep `case_counts` exact in the same transaction as the
change, so the queue's status counts, tree badges and the row count of a status/subtree filter are a SUM over
a few hundred rows instead of a count over a million cases. Nothing in Python writes this table.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from console.domain import OPEN_STATUSES
from console.models.base import Base
from console.models.case import Case


class CaseCount(Base):
    __tablename__ = "case_counts"

    grid_code: Mapped[str] = mapped_column(String(15), primary_key=True)
    status: Mapped[str] = mapped_column(String(24), primary_key=True)
    dated: Mapped[bool] = mapped_column(Boolean, primary_key=True)  # stage_due_at IS NOT NULL
    n: Mapped[int] = mapped_column(Integer, default=0)


#: the predicate of the partial index below, word for word as `console.queue` repeats it in its queries
#: (SQLite uses a partial index only then) and as migration 0004 creates it
OPEN_PREDICATE = "status IN (" + ", ".join(f"'{v}'" for v in sorted(s.value for s in OPEN_STATUSES)) + ")"

# a community's open queue by deadline: one ordered range per grid code (declared here, with the table it
# serves, so the metadata matches migration 0004)
Index(
    "ix_case_open_grid_due",
    Case.grid_code,
    Case.stage_due_at,
    Case.id,
    Case.status,
    postgresql_where=text(OPEN_PREDICATE),
    sqlite_where=text(OPEN_PREDICATE),
)

# several open statuses by deadline (全部未结, 办理中, 超期): one ordered range instead of one per status
Index(
    "ix_case_open_due",
    Case.stage_due_at,
    Case.id,
    Case.status,
    Case.grid_code,
    postgresql_where=text(OPEN_PREDICATE),
    sqlite_where=text(OPEN_PREDICATE),
)


class CaseHandlerReach(Base):
    """Responsible people (办理人) by the columns of their cases that the visibility rule reads (kept set): the
    cases per (responsible person, lead department, grid code, reporter, last updater), kept exact by triggers on
    `cases` (migration 0020, PostgreSQL only; on SQLite the application filters and this table stays empty).
    `person`'s policy asks the rule's terms of these few thousand rows instead of probing cases per person
    (`pg_staff.gc_my_case_handlers`). No console role reads it; nothing in Python writes it but
    `pg_staff.rebuild_case_handlers` after a bulk load that went past the triggers."""

    __tablename__ = "case_handler_reach"
    __table_args__ = (
        Index(
            "uq_case_handler_reach",
            "responsible_person_id",
            "lead_department_id",
            "grid_code",
            "reported_by",
            "updated_by",
            unique=True,
            postgresql_nulls_not_distinct=True,
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    responsible_person_id: Mapped[int] = mapped_column(Integer)
    lead_department_id: Mapped[int | None] = mapped_column(Integer)
    grid_code: Mapped[str] = mapped_column(String(15))
    reported_by: Mapped[str] = mapped_column(String(64))
    updated_by: Mapped[str] = mapped_column(String(64))
    n: Mapped[int] = mapped_column(Integer, default=0)
