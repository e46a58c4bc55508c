"""A past period reads each case's handling deadline as it stood at the moment it is judged (`due_at_at`), so an
extension approved after the period's end leaves its 应结案数 / 超期数 / 按期结案率 alone — scanned, from the
kept month sets, and in the case ids a frozen record would keep, on SQLite and PostgreSQL.

The hand-counted November of tests/review_data.py plus:
- X 一号楼院 report 11-20, dispatched 环保办 (due 11-25), not fed back → 超时未处置 and 超期 at the end of November;
  on 12-02 an extension to 12-20 is requested, approved 12-03 (due_at moves into December);
- B (closed late 11-09, due 11-06) is reopened 12-01 and its rework extended to 12-20 (approved 12-03): its
  November closing stays late.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from console import clock
from console.db import Database
from console.models import Case
from console.review.charts import weekly_trend
from console.review.counting import BY_REPORT, CountingRules
from console.review.figures import FIGURES, case_ids, compute_figures, window
from console.review.periods import month
from console.review.scopes import GRID, Scope
from console.workflow.commands import Accept, DecideExtension, Reopen, RequestExtension
from console.workflow.service import CaseRef
from tests.review_data import Month, _Flow, build_month

NOV = month(2026, 11)
ON_NOV_30 = datetime(2026, 11, 30, 23, 0)
IN_DECEMBER = datetime(2026, 12, 5, 9, 0)
WHOLE = Scope(GRID, level=None)
RULES = [CountingRules(), CountingRules(basis=BY_REPORT), CountingRules(deferred_leave_due=True)]


@pytest.fixture
def nov(db: Database) -> Month:
    m = build_month(db)
    f = _Flow(db)
    try:
        x = f.report("2026-11-20 10:00", m.ref.grid_code, m.ref.cat_env)
        x = f.do(x, "2026-11-20 10:10", Accept())
        x = f.dispatch(x, "2026-11-20 10:30", m.ref.env, "2026-11-25 18:00")
    finally:
        clock.set_clock(None)
    m.ids["X"] = x.id
    return m


def _ref(db: Database, case_id: int) -> CaseRef:
    with db.session() as s:
        c = s.get(Case, case_id)
        assert c is not None
        return CaseRef(c.id, c.number, c.status, c.version)


def _extend_in_december(db: Database, m: Month) -> None:
    f = _Flow(db)
    try:
        b = f.do(_ref(db, m.ids["B"]), "2026-12-01 09:00", Reopen(reason="又堆起来了"))
        for ref in (_ref(db, m.ids["X"]), b):
            asked = f.do(ref, "2026-12-02 09:00", RequestExtension(reason="需协调", requested_due_at=datetime(2026, 12, 20, 18)),
                         dept=True)  # fmt: skip
            f.do(asked, "2026-12-03 09:00", DecideExtension(approve=True, note="同意"))
    finally:
        clock.set_clock(None)
    with db.session() as s:
        moved = s.scalars(select(Case.due_at).where(Case.id.in_([m.ids["X"], m.ids["B"]])))
        assert set(moved) == {datetime(2026, 12, 20, 18)}


def _texts(db: Database, now: datetime, rules: CountingRules, *, kept: bool = True) -> dict[str, str]:
    with db.session() as s:
        t = compute_figures(s, NOV, WHOLE, rules, now=now, kept=kept)
        return {f.key: t.text(f) for f in FIGURES}


def test_an_extension_after_the_month_leaves_its_due_figures_alone(db: Database, nov: Month) -> None:
    before = {r: _texts(db, ON_NOV_30, r) for r in RULES}
    # X is 超时未处置 and 超期 at the end of November: 应结案 A B C F G I K X, 超期 B C I X
    assert (before[RULES[0]]["due"], before[RULES[0]]["overdue"]) == ("8", "4")
    assert (before[RULES[0]]["close_rate"], before[RULES[0]]["close_on_time_rate"]) == ("50.00%", "25.00%")
    with db.session() as s:
        w = window(NOV, RULES[0], ON_NOV_30)
        due_ids = case_ids(s, w, WHOLE, "due")
    _extend_in_december(db, nov)
    for r in RULES:
        assert _texts(db, IN_DECEMBER, r, kept=False) == before[r], r
        assert _texts(db, IN_DECEMBER, r) == before[r], r  # the kept month sets agree
    with db.session() as s:
        w = window(NOV, RULES[0], IN_DECEMBER)
        assert case_ids(s, w, WHOLE, "due") == due_ids
        assert nov.ids["X"] in case_ids(s, w, WHOLE, "overdue_unhandled")
        assert nov.ids["B"] not in case_ids(s, w, WHOLE, "closed_on_time")


def test_the_deadline_reads_as_it_stood_at_each_moment(db: Database, nov: Month) -> None:
    from console.review.case_sets import due_at_at

    _extend_in_december(db, nov)
    with db.session() as s:

        def at(when: datetime, key: str) -> datetime | None:
            return s.scalar(select(due_at_at(when)).where(Case.id == nov.ids[key]))

        assert at(datetime(2026, 11, 20, 10, 0), "X") is None  # not dispatched yet
        assert at(datetime(2026, 12, 1), "X") == datetime(2026, 11, 25, 18)
        assert at(datetime(2026, 12, 2, 12), "X") == datetime(2026, 11, 25, 18)  # requested, not approved
        assert at(datetime(2026, 12, 4), "X") == datetime(2026, 12, 20, 18)
        assert at(datetime(2026, 12, 1), "B") == datetime(2026, 11, 6, 18)
        assert at(datetime(2026, 12, 1), "D") == datetime(2026, 12, 10, 18)  # unchanged since: the column


def _overdue_weeks(db: Database, *, kept: bool) -> dict[str, int]:
    with db.session() as s:
        t = weekly_trend(s, datetime(2026, 11, 2), datetime(2026, 11, 30), WHOLE, kept=kept)
        return {f"{w:%m-%d}": n for w, n in zip(t.weeks, t.overdue, strict=True)}


def test_the_weekly_overdue_line_reads_each_week_s_deadlines_as_they_stood_at_its_end(
    db: Database, nov: Month
) -> None:
    """X's deadline 11-25 passed unhandled in the week of 11-23 and B's 11-06 in the week of 11-02: the extensions
    approved in December (both to 12-20) move neither off the chart's November weeks — live and kept."""
    before = _overdue_weeks(db, kept=False)
    assert before["11-23"] >= 1 and before["11-02"] >= 1
    assert _overdue_weeks(db, kept=True) == before
    _extend_in_december(db, nov)
    assert _overdue_weeks(db, kept=False) == before
    assert _overdue_weeks(db, kept=True) == before  # the kept day counts agree
    with db.session() as s:  # the new deadline counts in its own week, once — once it has passed
        week = (datetime(2026, 12, 14), datetime(2026, 12, 21))
        assert weekly_trend(s, *week, WHOLE, kept=False, now=datetime(2026, 12, 22)).overdue == [2]
        assert weekly_trend(s, *week, WHOLE, kept=False, now=datetime(2026, 12, 20, 12)).overdue == [0]
        assert weekly_trend(s, *week, WHOLE, kept=True, now=datetime(2026, 12, 20, 12)).overdue == [0]
