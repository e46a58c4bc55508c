"""A period's review as the view, the CLI and the bulletin show it: figures, the rule set in force, scores,
ranks and movement — from the frozen record when there is one, computed live otherwise.

Quarters and years aggregate frozen months (their counts added): a quarter whose months are not all frozen is
refused, naming the months missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import clock
from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import ReviewAdjustment, ReviewResult
from console.review.drill import (
    COUNTED,
    LEFT_OUT,
    PAGE_SIZE,
    DrillPage,
    drill,
    frozen_months_page,
    frozen_page,
)
from console.review.figures import TOTAL, FigureTable, compute_figures, window
from console.review.periods import MONTH, Period
from console.review.rulesets import RuleSet, rule_set_in_force, rule_set_version
from console.review.scopes import Scope, group_names
from console.review.scoring import Score, score_table

DRAFT, PUBLISHED, APPROVED, FROZEN = "draft", "published", "approved", "frozen"
AGGREGATED = "aggregated"  # a quarter or year: the sum of its frozen months
STATUS_LABELS = {DRAFT: QT_TRANSLATE_NOOP("review", "计算（草稿）"), PUBLISHED: QT_TRANSLATE_NOOP("review", "公示中"),
                 APPROVED: QT_TRANSLATE_NOOP("review", "已审定"), FROZEN: QT_TRANSLATE_NOOP("review", "已冻结"),
                 AGGREGATED: QT_TRANSLATE_NOOP("review", "汇总已冻结的月度结果")}  # fmt: skip


@dataclass
class Review:
    table: FigureTable
    rules: RuleSet
    scores: list[Score]
    status: str  # "live" or a ReviewResult status
    result_id: int | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "实时计算（未冻结）")


def stored_result(session: Session, period: Period, scope: Scope) -> ReviewResult | None:
    return session.scalar(
        select(ReviewResult).where(
            ReviewResult.period_key == period.key, ReviewResult.scope_key == scope.key_text
        )
    )


def table_from_body(period: Period, scope: Scope, rules: RuleSet, body: dict) -> FigureTable:  # type: ignore[type-arg]
    counts = {(s, g): int(n) for s, g, n in body["counts"]}
    return FigureTable(period, scope, rules.counting, datetime.fromisoformat(body["as_of"]), list(body["keys"]),
                       dict(body["names"]), counts)  # fmt: skip


def adjustments_of(session: Session, result_id: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for adj in session.scalars(select(ReviewAdjustment).where(ReviewAdjustment.result_id == result_id)):
        out[adj.group_key] = out.get(adj.group_key, 0.0) + adj.points
    return out


def previous_ranks(
    session: Session, period: Period, scope: Scope, now: datetime | None = None
) -> dict[str, int]:
    """The ranks of the period before: frozen if it was frozen, else computed live (never recursing further)."""
    prev = period.previous()
    row = stored_result(session, prev, scope)
    if row is not None and row.status == FROZEN:
        body = json.loads(row.body)
        return {g: int(r) for g, *_rest, r, _m in body["scores"] if r is not None}
    try:
        rules = rule_set_in_force(session, prev.start)
        table = _table_for(session, prev, scope, rules, now, live_only=True)
    except ValidationError:
        return {}
    return {s.group: s.rank for s in score_table(table, rules) if s.rank is not None}


def _table_for(session: Session, period: Period, scope: Scope, rules: RuleSet, now: datetime | None,
               *, live_only: bool = False) -> FigureTable:  # fmt: skip
    if period.kind == MONTH or live_only:
        return compute_figures(session, period, scope, rules.counting, now)
    return aggregate_frozen_months(session, period, scope, rules)


def aggregate_frozen_months(session: Session, period: Period, scope: Scope, rules: RuleSet) -> FigureTable:
    """A quarter or a year: the sum of its frozen months' counts (rates over the summed counts)."""
    months = period.months()
    rows = {r.period_key: r for r in session.scalars(
        select(ReviewResult).where(ReviewResult.period_key.in_([m.key for m in months]),
                                   ReviewResult.scope_key == scope.key_text, ReviewResult.status == FROZEN)
    )}  # fmt: skip
    missing = [m.label for m in months if m.key not in rows]
    if missing:
        raise ValidationError(
            Message(QT_TRANSLATE_NOOP("review", "%1的考核汇总已冻结的月度结果，但%2尚未冻结：请先审定冻结这些月份"), period.label, '、'.join(missing))
        )
    counts: dict[tuple[str, str], int] = {}
    names: dict[str, str] = {}
    as_of = period.start_at
    for row in rows.values():
        body = json.loads(row.body)
        for s, g, n in body["counts"]:
            counts[(s, g)] = counts.get((s, g), 0) + int(n)
        names.update(body["names"])
        as_of = max(as_of, row.as_of)
    keys = sorted({g for (_, g) in counts if g != "*"})
    names.update(group_names(session, scope, [k for k in keys if k not in names]))
    return FigureTable(period, scope, rules.counting, as_of, keys, names, counts)


def _frozen_months(session: Session, period: Period, scope: Scope) -> list[tuple[str, dict[str, Any]]]:
    """(month label, body) of each month of `period`, when every one is frozen for `scope` (else none)."""
    months = period.months()
    rows = {r.period_key: r for r in session.scalars(
        select(ReviewResult).where(ReviewResult.period_key.in_([m.key for m in months]),
                                   ReviewResult.scope_key == scope.key_text, ReviewResult.status == FROZEN)
    )}  # fmt: skip
    if any(m.key not in rows for m in months):
        return []
    return [(m.label, json.loads(rows[m.key].body)) for m in months]


def review(session: Session, period: Period, scope: Scope, now: datetime | None = None) -> Review:
    """The period's review: its frozen (or drafted) record when one exists, else computed live."""
    now = now or clock.now()
    row = stored_result(session, period, scope)
    if row is not None:
        rules = rule_set_version(session, row.rule_set_version)
        body = json.loads(row.body)
        table = table_from_body(period, scope, rules, body)
        extra = adjustments_of(session, row.id)
        scores = score_table(table, rules, previous_ranks(session, period, scope, now), extra)
        return Review(table, rules, scores, row.status, row.id)
    rules = rule_set_in_force(session, period.start)
    table = _table_for(session, period, scope, rules, now)
    status = "live" if period.kind == MONTH else AGGREGATED
    return Review(
        table, rules, score_table(table, rules, previous_ranks(session, period, scope, now)), status
    )


def drill_page(
    session: Session, period: Period, scope: Scope, figure: str, group: str = TOTAL, part: str = COUNTED,
    after: int = 0, size: int = PAGE_SIZE, now: datetime | None = None,
) -> DrillPage:  # fmt: skip
    """The cases behind a number as the review shows it: a stored (drafted or frozen) month from the case ids
    it keeps — so a frozen figure opens exactly the cases it counted — and otherwise counted live; the cases
    left out are always found live."""
    row = stored_result(session, period, scope)
    if row is not None and part != LEFT_OUT:
        return frozen_page(session, json.loads(row.body), figure, group, part, after, size)
    if period.kind != MONTH and part != LEFT_OUT and (bodies := _frozen_months(session, period, scope)):
        # a quarter or year is the sum of its frozen months: it opens the cases they counted
        return frozen_months_page(session, bodies, figure, group, part, after, size)
    rules = (
        rule_set_version(session, row.rule_set_version) if row else rule_set_in_force(session, period.start)
    )
    return drill(
        session, window(period, rules.counting, now or clock.now()), scope, figure, group, part, after, size
    )
