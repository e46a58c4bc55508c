"""Cases (事件), their categories with time limits (事项清单), the append-only history, attachments, and the
change log the live queue follows.

`Case.version` is SQLAlchemy's version counter: every UPDATE carries `WHERE version = :seen`, so two seats
acting on the same case cannot overwrite each other (see `console.workflow.service`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.domain import (
    CaseStatus,
    CloseType,
    LimitType,
    Satisfaction,
    Severity,
    Source,
    Stage,
    SuperviseLevel,
    Visibility,
)
from console.models.base import Base
from console.models.grid import Department, Grid, Person
from console.models.types import enum_column


class Category(Base):
    """A case category with its item-list defaults: lead department, severity, handling limit."""

    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    key_area: Mapped[bool] = mapped_column(Boolean, default=False)  # one of the six key areas 六个重点领域
    default_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    severity: Mapped[Severity] = mapped_column(enum_column(Severity), default=Severity.GENERAL)
    limit_type: Mapped[LimitType] = mapped_column(enum_column(LimitType), default=LimitType.WORKING_DAYS)
    limit_value: Mapped[int] = mapped_column(Integer, default=5)
    workflow: Mapped[str] = mapped_column(Text, default="")  # 工作流程
    closing_standard: Mapped[str] = mapped_column(Text, default="")  # 结案标准
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: the `CategoryVersion` this row shows (migration 0015; None: none yet): the row only ever moves forward to
    #: the version in force (`console.setup.item_list.keep_current`)
    version_id: Mapped[int | None] = mapped_column(Integer)

    default_department: Mapped[Department | None] = relationship()
    stage_limits: Mapped[list[StageLimit]] = relationship(back_populates="category")


class StageLimit(Base):
    """Time limit of one stage. `category_id` NULL is the township-wide default for that stage."""

    __tablename__ = "stage_limit"
    __table_args__ = (UniqueConstraint("category_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    stage: Mapped[Stage] = mapped_column(enum_column(Stage))
    limit_type: Mapped[LimitType] = mapped_column(enum_column(LimitType))
    limit_value: Mapped[int] = mapped_column(Integer)

    category: Mapped[Category | None] = relationship(back_populates="stage_limits")


class CategoryVersion(Base):
    """One dated version of a category's item-list entry (事项清单, migration 0011). A change takes effect from
    `effective_from`: a stage's clock reads the version in force on the day the stage starts
    (`console.deadlines.stage_limits`), so a case dispatched before a change keeps the limit it was dispatched
    with. Rows are only added; `limits` and `stage_limits` are JSON {severity|stage: "type:value"},
    `co_department_ids` a JSON list of department ids."""

    __tablename__ = "category_version"
    __table_args__ = (Index("ix_category_version_category_from", "category_id", "effective_from", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    effective_from: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(40))
    key_area: Mapped[bool] = mapped_column(Boolean, default=False)
    lead_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    co_department_ids: Mapped[str] = mapped_column(Text, default="[]")
    severity: Mapped[Severity] = mapped_column(enum_column(Severity))
    limits: Mapped[str] = mapped_column(Text, default="{}")
    stage_limits: Mapped[str] = mapped_column(Text, default="{}")
    workflow: Mapped[str] = mapped_column(Text, default="")
    closing_standard: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class CaseNumberCounter(Base):
    """Last case sequence per township and year; incremented under a row lock to number cases."""

    __tablename__ = "case_number_counter"

    township_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("township_id", "year", "seq"),
        # the queue's common orderings, each ending in id for a stable keyset
        Index("ix_case_status_due", "status", "stage_due_at", "id"),
        Index("ix_case_status_reported", "status", "reported_at", "id"),
        Index("ix_case_reported", "reported_at", "id"),
        Index("ix_case_due", "stage_due_at", "id"),
        Index("ix_case_grid_code_status", "grid_code", "status"),
        Index("ix_case_lead_status", "lead_department_id", "status"),
        Index("ix_case_category_status", "category_id", "status"),
        # queue (console.queue): severity order per status, 今日办结 on the dashboard
        Index("ix_case_status_severity", "status", "severity", "reported_at", "id"),
        Index("ix_case_closed_at", "closed_at"),
        Index("ix_case_responsible_person", "responsible_person_id"),  # person's policy (pg_staff), handler scope
        Index(
            "ix_case_grid_status_due", "grid_code", "status", "stage_due_at", "id"
        ),  # subtree pages, badges
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # e.g. 2026-000123
    township_id: Mapped[int] = mapped_column(ForeignKey("grid.id"))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)

    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"))
    grid_code: Mapped[str] = mapped_column(String(15))  # the code it was filed under; subtree = prefix
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    severity: Mapped[Severity] = mapped_column(enum_column(Severity))
    source: Mapped[Source] = mapped_column(enum_column(Source))
    status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus))
    stage: Mapped[Stage | None] = mapped_column(enum_column(Stage))

    summary: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    reporter_name: Mapped[str | None] = mapped_column(String(40))
    # personal data: loaded only on access (on PostgreSQL no console role may read it: console.security.personal_reads)
    reporter_phone: Mapped[str | None] = mapped_column(String(20), deferred=True)
    people_involved: Mapped[str] = mapped_column(Text, default="")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    self_handled: Mapped[bool] = mapped_column(Boolean, default=False)  # 自巡自办
    self_handled_action: Mapped[str] = mapped_column(Text, default="")
    reported_by: Mapped[str] = mapped_column(String(64))
    reported_at: Mapped[datetime] = mapped_column(DateTime)

    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime)
    lead_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    responsible_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    instructions: Mapped[str] = mapped_column(Text, default="")
    limit_type: Mapped[LimitType | None] = mapped_column(enum_column(LimitType))
    limit_value: Mapped[int | None] = mapped_column(Integer)
    due_at: Mapped[datetime | None] = mapped_column(DateTime)  # 办结时限 of the handling stage

    # the clock of the current stage: when it started, when it is due, when the light turns yellow
    stage_started_at: Mapped[datetime | None] = mapped_column(DateTime)
    stage_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    stage_warn_at: Mapped[datetime | None] = mapped_column(DateTime)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    resume_status: Mapped[CaseStatus | None] = mapped_column(enum_column(CaseStatus))

    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    feedback_at: Mapped[datetime | None] = mapped_column(DateTime)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    close_type: Mapped[CloseType | None] = mapped_column(enum_column(CloseType))
    close_reason: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")  # 完成情况 / handler's result
    satisfaction: Mapped[Satisfaction | None] = mapped_column(enum_column(Satisfaction))
    rework_count: Mapped[int] = mapped_column(Integer, default=0)
    extension_count: Mapped[int] = mapped_column(Integer, default=0)
    supervise_count: Mapped[int] = mapped_column(Integer, default=0)
    # 督办级别 of the latest 督办 that named one (migration 0014)
    supervise_level: Mapped[SuperviseLevel | None] = mapped_column(enum_column(SuperviseLevel))
    requested_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime)
    governance_plan: Mapped[str] = mapped_column(Text, default="")  # 治理计划 (JSON: measures, milestones)
    next_review_on: Mapped[date | None] = mapped_column(Date)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    # 复发件: the closed case whose problem this report says came back (migration 0006)
    recurrence_of_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))

    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claim_expires_at: Mapped[datetime | None] = mapped_column(DateTime)

    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}

    grid: Mapped[Grid] = relationship(foreign_keys=[grid_id])
    category: Mapped[Category] = relationship()
    lead_department: Mapped[Department | None] = relationship()
    responsible_person: Mapped[Person | None] = relationship()
    co_departments: Mapped[list[CaseCoDepartment]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    history: Mapped[list[CaseHistory]] = relationship(
        back_populates="case", order_by="CaseHistory.id", viewonly=True
    )

    def __repr__(self) -> str:
        return f"Case({self.number} {self.status})"


class CaseCoDepartment(Base):
    """A co-department (配合部门) of a case."""

    __tablename__ = "case_co_department"
    # the cases a department co-operates on (person's policy: their responsible people, `pg_staff`; migration 0020)
    __table_args__ = (Index("ix_case_co_department_department", "department_id", "case_id"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), primary_key=True)

    case: Mapped[Case] = relationship(back_populates="co_departments")
    department: Mapped[Department] = relationship()


class CaseHistory(Base):
    """One append-only record per change of a case: who, when, what, from → to, the fields changed, a note.

    Rows are only ever inserted (the workflow has no update path; PostgreSQL grants enforce it later).
    `changes` is JSON text: {field: [old, new]}.
    """

    __tablename__ = "case_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[CaseStatus | None] = mapped_column(enum_column(CaseStatus))
    to_status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus))
    changes: Mapped[str] = mapped_column(Text, default="{}")
    note: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[Visibility] = mapped_column(enum_column(Visibility), default=Visibility.INTERNAL)
    stage: Mapped[Stage | None] = mapped_column(enum_column(Stage))  # the stage this action completed
    stage_on_time: Mapped[bool | None] = mapped_column(Boolean)

    case: Mapped[Case] = relationship(back_populates="history")


class Attachment(Base):
    """A photo or document kept in the shared database so every seat sees it (size-capped)."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    history_id: Mapped[int | None] = mapped_column(ForeignKey("case_history.id"))
    filename: Mapped[str] = mapped_column(String(200))
    mime_type: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded_by: Mapped[str] = mapped_column(String(64))


class CaseChange(Base):
    """Monotonic change sequence: one row per committed case change. SQLite seats poll `max(seq)` cheaply;
    PostgreSQL seats are woken by NOTIFY and use the sequence to catch up after a reconnect."""

    __tablename__ = "case_change"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)
    at: Mapped[datetime] = mapped_column(DateTime)


class CaseWatch(Base):
    """A user following a case (我关注的)."""

    __tablename__ = "case_watch"
    __table_args__ = (Index("ix_case_watch_login", "login", "case_id"),)  # 我关注的

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
