"""Demo review (督查考核): the rule sets in force over the demo year, every past month computed, published and
frozen for the village grids and the departments, a few appeals with their decisions, and random spot checks
of the last months — so the review view,
the CLI and the bulletin have a year of records on first start."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console import clock
from console.db import Database
from console.errors import ConsoleError
from console.models import ReviewResult, ReviewRuleSet
from console.review import freezing, spotcheck
from console.review.periods import Period, month
from console.review.rulesets import INVERSE, Component, default_rule_set, save_rule_set
from console.review.scopes import DEPARTMENT, GRID, Scope
from console.review.spotcheck import CONFIRMED, DISAGREES, Criteria

INSPECTOR, HEAD = "督查员", "张建华"
SCOPES = (Scope(GRID, level=2), Scope(DEPARTMENT))


def build_demo_review(db: Database, *, seed: int = 20261125, today: datetime | None = None) -> int:
    """Freeze the demo year's complete months; returns the results frozen (0 when the demo has them already)."""
    now = today or clock.now()
    rng = random.Random(seed)
    with db.session() as s:
        if s.scalar(select(func.count()).select_from(ReviewRuleSet)):
            return 0
        first = date(now.year - 1, now.month, 1)
        base = default_rule_set(date(first.year, 1, 1))
        save_rule_set(s, replace(base, name=f"{first.year}年网格化管理考核细则"), HEAD, now - timedelta(days=400),
                      note="按县网格中心考核办法制定")  # fmt: skip
        # from this year on: grid workers' call-back satisfaction weighs more, missed reports less
        grid = (Component("valid_rate", 40), Component("verify_on_time_rate", 15), Component("satisfaction_rate", 30),
                Component("missed_rate", 15, INVERSE))  # fmt: skip
        save_rule_set(s, replace(base, name=f"{now.year}年网格化管理考核细则", effective_from=date(now.year, 1, 1),
                                 schemes={**base.schemes, "grid": grid}), HEAD, now - timedelta(days=60))  # fmt: skip
    frozen = 0
    months = []
    y, m = first.year, first.month
    while date(y, m, 1) < date(now.year, now.month, 1):
        months.append(month(y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    for i, period in enumerate(months):
        at = period.end_at + timedelta(days=3, hours=9)
        for scope in SCOPES:
            with db.write_session() as s:
                row = freezing.compute(s, period, scope, INSPECTOR, at)
                freezing.publish(s, row.id, INSPECTOR, at)
                if i % 4 == 1 and scope.kind == DEPARTMENT:
                    _appeal(s, rng, row, at)
                freezing.approve(s, row.id, HEAD, at + timedelta(days=5))
                if i < len(months) - 1:  # the last month stays 已审定, awaiting its freeze
                    freezing.freeze(s, row.id, HEAD, at + timedelta(days=5))
                    frozen += 1
    _spot_checks(db, rng, months[-3:], now)
    return frozen


def _appeal(s: Session, rng: random.Random, row: ReviewResult, at: datetime) -> None:
    keys = json.loads(row.body)["keys"]
    if not keys:
        return
    group = rng.choice(keys)
    a = freezing.appeal(s, row.id, group, "overdue", "部分超期案件系等待县级部门答复，申请核减", "部门办理人",
                        at + timedelta(days=1))  # fmt: skip
    upheld = rng.random() < 0.5
    freezing.decide(s, a.id, upheld, "经核实，情况属实，酌情加分" if upheld else "超期责任在本部门，申诉不成立", HEAD,
                    at + timedelta(days=3), points=2.0 if upheld else 0.0)  # fmt: skip


def _spot_checks(db: Database, rng: random.Random, periods: list[Period], now: datetime) -> None:
    """Spot checks of the last months' closures: most confirmed, some where the residents disagree with the
    call-back. (A "not fixed" finding reopens its case through the workflow at the moment it is recorded; the
    demo leaves that to the user, since a reopen dated in the past would precede the case's later history.)"""
    for period in periods:
        at = min(now, period.end_at + timedelta(days=6, hours=10))
        with db.write_session() as s:
            try:
                check = spotcheck.draw(s, period, Criteria(size=8), rng.randrange(1, 10**6), INSPECTOR, at)
            except ConsoleError:  # a demo month without closed cases has no spot check
                continue
            for k, item in enumerate(spotcheck.check_items(s, check.id)):
                outcome = DISAGREES if k == 1 else CONFIRMED
                item.outcome, item.checked_at, item.checked_by = outcome, at + timedelta(hours=k), INSPECTOR
                item.note = "走访群众，对处理结果不认可" if outcome == DISAGREES else ""
