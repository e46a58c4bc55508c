"""The month sets the database keeps (`review_case_month`, migration 0013) must give exactly the figures the
scans give (`compute_figures(kept=False)`, the reference), for every kind of scope and counting rule, on
SQLite and PostgreSQL: on the hand-counted month, after a case moves grid, department or handler, is
reopened or has its extension approved, on a demo year, and after a bulk write past the triggers (noticed,
counted by the scans until rebuilt)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text, update

from console import clock
from console.db import Database
from console.demo.generator import generate_cases
from console.demo.township import create_reference
from console.models import Case
from console.models.review_month import (
    review_case_day,
    review_case_month,
    review_day_counts,
    review_dispatch_month,
)
from console.review import month_sets
from console.review.charts import category_breakdown, weekly_trend
from console.review.counting import BY_DUE, BY_REPORT, CountingRules
from console.review.figures import compute_figures, window
from console.review.freezing import figures_and_ids
from console.review.periods import Period, month
from console.review.scopes import DEPARTMENT, GRID, PERSON, WORKER, Scope
from console.workflow.commands import Command, DecideExtension, Regrid, Reopen
from console.workflow.service import CaseService
from tests.review_data import Month, build_month

ON = datetime(2026, 12, 2, 9, 0)
OCT, NOV = month(2026, 10), month(2026, 11)
SCOPES = [
    Scope(GRID, level=None),
    Scope(GRID, level=2),
    Scope(GRID, level=3),
    Scope(DEPARTMENT),
    Scope(PERSON),
    Scope(GRID, level=3, key_area=True),
    Scope(WORKER),  # grid workers: the day counts of the grids they held
]
RULES = [
    CountingRules(),
    CountingRules(basis=BY_REPORT),
    CountingRules(basis=BY_DUE, deferred_leave_due=True),
]


def _nonzero(counts: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    return {k: v for k, v in counts.items() if v}


def assert_kept_equals_scanned(db: Database, periods: list[Period], now: datetime, *,
                               scopes: list[Scope] = SCOPES, rules: list[CountingRules] = RULES,
                               ids: bool = True) -> int:  # fmt: skip
    """Every figure of `periods` counted from the kept sets equals the scans' (and so do a frozen record's case
    ids); returns how many sets were non-zero (the comparison compared something)."""
    seen = 0
    with db.session() as s:
        for period in periods:
            assert month_sets.answers(s, period, period.end_at), period.key
            for scope in scopes:
                for r in rules:
                    kept = compute_figures(s, period, scope, r, now=now)
                    scanned = compute_figures(s, period, scope, r, now=now, kept=False)
                    assert (kept.keys, kept.names) == (scanned.keys, scanned.names), (period.key, scope, r)
                    assert _nonzero(kept.counts) == _nonzero(scanned.counts), (period.key, scope, r)
                    seen += len(_nonzero(kept.counts))
                    if scope.level is None or scope.kind != GRID:  # the charts' scopes
                        w = window(period, r, now)
                        assert category_breakdown(s, w, scope) == category_breakdown(s, w, scope, kept=False)
                    if ids:
                        k_table, k_ids = figures_and_ids(s, period, scope, r, now)
                        s_table, s_ids = figures_and_ids(s, period, scope, r, now, kept=False)
                        assert _nonzero(k_table.counts) == _nonzero(s_table.counts), (period.key, scope, r)
                        assert k_ids == s_ids, (period.key, scope, r)
    return seen


def assert_trend_kept_equals_scanned(db: Database, start: datetime, end: datetime) -> int:
    """The weekly trend from the kept day counts (whole days) and live part-days equals the live one."""
    with db.session() as s:
        assert month_sets.days_answer(s, Scope(GRID, level=None))
        for scope in SCOPES:
            kept = weekly_trend(s, start, end, scope)
            assert kept == weekly_trend(s, start, end, scope, kept=False), scope
        return sum(weekly_trend(s, start, end, SCOPES[0]).closed)


def _act(db: Database, actor: str, case_id: int, command: Command, when: str) -> None:
    clock.set_clock(lambda: datetime.fromisoformat(when))
    try:
        with db.session() as s:
            version = s.scalar(select(Case.version).where(Case.id == case_id))
        CaseService(db, actor).act(case_id, command, int(version or 0))
    finally:
        clock.set_clock(None)


@pytest.fixture
def nov(db: Database) -> Month:
    return build_month(db)


def test_the_kept_month_sets_count_as_the_scans(db: Database, nov: Month) -> None:
    assert assert_kept_equals_scanned(db, [OCT, NOV], ON) > 100
    assert assert_trend_kept_equals_scanned(db, datetime(2026, 10, 3, 13, 30), ON) > 0


def test_moves_reopen_and_extension_move_the_kept_sets_as_the_scans(db: Database, nov: Month) -> None:
    ids, ref = nov.ids, nov.ref
    with db.session() as s:
        before = compute_figures(s, NOV, Scope(GRID, level=3), now=ON)
    _act(db, "调度员甲", ids["C"], Regrid(to_grid=ref.grid2_code, note="划错网格"), "2026-12-01 09:00")
    _act(db, "调度员甲", ids["G"], DecideExtension(approve=True, note="同意"), "2026-12-01 09:30")
    _act(db, "调度员甲", ids["A"], Reopen(reason="又堆起来了"), "2026-12-01 10:00")
    with db.session() as s:  # a department and a handler change without a workflow step (a data correction)
        s.execute(update(Case).where(Case.id == ids["B"]).values(lead_department_id=ref.law))
        s.execute(update(Case).where(Case.id == ids["F"]).values(responsible_person_id=ref.person))
    with db.session() as s:
        after = compute_figures(s, NOV, Scope(GRID, level=3), now=ON)
    assert after.counts != before.counts  # C counts under 二号楼院 now: the kept sets followed it
    assert ("closed", ref.grid_code) in after.counts
    assert assert_kept_equals_scanned(db, [OCT, NOV], ON) > 100
    assert assert_trend_kept_equals_scanned(db, datetime(2026, 10, 3, 13, 30), ON) > 0


def _kept_rows(db: Database) -> list[Any]:
    """Every row the kept tables hold (a day count that went back to zero is as good as none)."""
    with db.session() as s:
        rows = []
        for t in (review_case_month, review_dispatch_month, review_case_day, review_day_counts):
            found = s.execute(select(t).order_by(*t.primary_key.columns)).all()
            rows.append([tuple(r) for r in found if t is not review_day_counts or any(r[-3:])])
        return rows


def test_a_bulk_write_past_the_triggers_is_noticed_and_rebuilt(db: Database, nov: Month) -> None:
    kept = _kept_rows(db)
    with db.session() as s:  # as a COPY in replica mode would leave it: the month's rows missing
        s.execute(text("DELETE FROM review_case_month WHERE month = '2026-11'"))
    with db.session() as s:
        assert not month_sets.plausible(s, NOV)
        assert month_sets.plausible(s, OCT)
        # not used while it looks stale: the figures are the scans'
        scope = Scope(GRID, level=3)
        assert compute_figures(s, NOV, scope, now=ON).counts == compute_figures(s, NOV, scope, now=ON, kept=False).counts
    with db.session() as s:
        assert month_sets.rebuild(s) == len(kept[0])
    assert _kept_rows(db) == kept  # the rebuild gives what the triggers kept
    assert assert_trend_kept_equals_scanned(db, datetime(2026, 10, 3, 13, 30), ON) > 0
    assert assert_kept_equals_scanned(db, [OCT, NOV], ON) > 100


def test_a_demo_year_counts_the_same_kept_or_scanned(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """A varied year (returns, extensions, reopened and parked cases, call-backs) loaded as the demo loads it,
    without the rebuild that follows the load: on SQLite through the row triggers (which must give what the
    rebuild gives), on PostgreSQL by COPY in replica mode, past the triggers (noticed, then rebuilt)."""
    today = datetime(2026, 12, 2, 9, 0)
    with db.session() as s:
        create_reference(s, today=today.date(), seed=14)
    monkeypatch.setattr("console.demo.derived.rebuild_month_sets", lambda session: 0)
    generate_cases(db, 1500, seed=14, start=today - timedelta(days=365), end=today)
    kept = _kept_rows(db)
    with db.session() as s:
        assert month_sets.plausible(s, month(2026, 11)) == (not db.is_postgres)
        month_sets.rebuild(s)
    if not db.is_postgres:
        assert _kept_rows(db) == kept
    months = [month(2026, m) for m in (1, 3, 5, 7, 9, 11)]  # every other month of the year (test time)
    seen = assert_kept_equals_scanned(db, months, today, scopes=SCOPES[1:5], rules=RULES[:2], ids=False)
    assert seen > 500
    assert assert_kept_equals_scanned(db, [month(2026, 11)], today, scopes=[Scope(DEPARTMENT)])
    assert assert_trend_kept_equals_scanned(db, today - timedelta(days=365), today) > 100
