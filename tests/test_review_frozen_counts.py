"""A frozen record counts its figures from the case ids it keeps (one pass over the period instead of two):
the table it stores must be the one `compute_figures` gives, for every kind of scope and counting rule, on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.db import Database
from console.review.counting import BY_DUE, BY_REPORT, CountingRules
from console.review.figures import ALL_FIGURES, TOTAL, compute_figures
from console.review.freezing import figures_and_ids
from console.review.periods import month
from console.review.scopes import DEPARTMENT, GRID, PERSON, Scope
from tests.review_data import Month, build_month

ON = datetime(2026, 12, 2, 9, 0)
NOV = month(2026, 11)
SCOPES = [
    Scope(GRID, level=None),
    Scope(GRID, level=2),
    Scope(GRID, level=3),
    Scope(DEPARTMENT),
    Scope(PERSON),
]
RULES = [
    CountingRules(),
    CountingRules(basis=BY_REPORT),
    CountingRules(basis=BY_DUE, deferred_leave_due=True),
]


@pytest.fixture
def nov(db: Database) -> Month:
    return build_month(db)


@pytest.mark.parametrize("rules", RULES, ids=["default", "by_report", "by_due_deferred"])
def test_the_frozen_table_is_the_live_table(db: Database, nov: Month, rules: CountingRules) -> None:
    with db.session() as s:
        for scope in SCOPES:
            live = compute_figures(s, NOV, scope, rules, now=ON)
            kept, ids = figures_and_ids(s, NOV, scope, rules, ON)
            assert kept.keys == live.keys and kept.names == live.names, scope
            shown = {(f.key, g): live.text(f, g) for f in ALL_FIGURES for g in [TOTAL, *live.keys]}
            assert {(f.key, g): kept.text(f, g) for f in ALL_FIGURES for g in [TOTAL, *live.keys]} == shown, (
                scope
            )
            assert {k: v for k, v in kept.counts.items() if v} == {k: v for k, v in live.counts.items() if v}
            # the ids behind each figure are as many as it counts
            for (name, group), n in live.counts.items():
                assert len(ids[name].get(group, [])) == n, (scope, name, group)
    assert nov.ids  # the month was built
