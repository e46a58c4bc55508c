"""Supervisory review (督查考核): versioned rule sets, period results (draft → frozen), appeals, dated
adjustments, and random spot checks.

A frozen result is never rewritten: its body (figures, scores, the case ids behind each figure) is hashed when
frozen, and a later correction is an adjustment row with its date and reason. Bodies and rule sets are JSON
text (portable across SQLite and PostgreSQL).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base
from console.models.case import Case, CaseHistory


class ReviewRuleSet(Base):
    """One version of the scoring and counting rules, in force from `effective_from` until the next version."""

    __tablename__ = "review_rule_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(80))
    effective_from: Mapped[date] = mapped_column(Date, index=True)
    body: Mapped[str] = mapped_column(Text)  # JSON: counting rules, schemes, adjustments, grade bands
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class ReviewResult(Base):
    """The review of one period and scope, through 计算 → 公示 → 申诉 → 审定 → 冻结 (`status`)."""

    __tablename__ = "review_result"
    __table_args__ = (UniqueConstraint("period_key", "scope_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_key: Mapped[str] = mapped_column(String(32))  # 2026-10, 2026Q3, 2026 …
    scope_key: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16))  # draft, published, approved, frozen
    rule_set_version: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[datetime] = mapped_column(DateTime)
    computed_at: Mapped[datetime] = mapped_column(DateTime)
    computed_by: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)  # JSON: counts per set and group, case ids, scores, ranks
    content_hash: Mapped[str | None] = mapped_column(String(64))  # sha256 of `body`, set when frozen
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    published_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(64))
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime)


class ReviewAppeal(Base):
    """申诉: who objected to which figure of which group, why, and the decision (by whom, when)."""

    __tablename__ = "review_appeal"

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("review_result.id"), index=True)
    group_key: Mapped[str] = mapped_column(String(32))
    figure_key: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    filed_by: Mapped[str] = mapped_column(String(64))
    filed_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(String(16))  # upheld, rejected
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")


class ReviewAdjustment(Base):
    """A dated correction of a result (an upheld appeal, or a later finding): never a rewrite of the body."""

    __tablename__ = "review_adjustment"

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("review_result.id"), index=True)
    group_key: Mapped[str] = mapped_column(String(32))
    points: Mapped[float] = mapped_column(Float)  # added to the group's composite score
    reason: Mapped[str] = mapped_column(Text)
    appeal_id: Mapped[int | None] = mapped_column(ForeignKey("review_appeal.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(64))


class SpotCheck(Base):
    """随机抽查: a seeded, reproducible sample of closed cases (the seed and the criteria reproduce it)."""

    __tablename__ = "spot_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_key: Mapped[str] = mapped_column(String(32))
    seed: Mapped[int] = mapped_column(Integer)
    criteria: Mapped[str] = mapped_column(Text)  # JSON: grid, department, category, size or rate
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))


class SpotCheckItem(Base):
    """One sampled case and what the check found (confirmed / not_fixed / callback_disagrees)."""

    __tablename__ = "spot_check_item"
    __table_args__ = (UniqueConstraint("check_id", "case_id"), Index("ix_spot_check_item_case", "case_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("spot_check.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)
    checked_by: Mapped[str | None] = mapped_column(String(64))


# the review's per-period counts (console.review.case_sets; migration 0008)
Index("ix_case_history_action_at", CaseHistory.action, CaseHistory.at, CaseHistory.case_id)
Index("ix_case_accepted_at", Case.accepted_at)
Index("ix_case_due_at", Case.due_at)
