"""Drill-down: the cases behind a figure, those counted against it and those left out with why, keyset-paged."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.db import Database
from console.review.counting import CountingRules
from console.review.drill import AGAINST, COUNTED, LEFT_OUT, drill, drill_ids
from console.review.figures import window
from console.review.periods import month
from console.review.scopes import DEPARTMENT, GRID, Scope
from tests.review_data import Month, build_month

W = window(month(2026, 11), CountingRules(), datetime(2026, 12, 2))
TOWN = Scope(GRID, level=None)


@pytest.fixture
def nov(db: Database) -> Month:
    return build_month(db)


def named(nov: Month, pairs: list[tuple[int, str]]) -> dict[str, str]:
    by_id = {v: k for k, v in nov.ids.items()}
    return {by_id[i]: reason for i, reason in pairs}


def test_closure_rate_opens_its_cases_and_those_left_out_with_why(db: Database, nov: Month) -> None:
    with db.session() as s:
        counted = named(nov, drill_ids(s, W, TOWN, "close_rate", part=COUNTED))
        against = named(nov, drill_ids(s, W, TOWN, "close_rate", part=AGAINST))
        left = named(nov, drill_ids(s, W, TOWN, "close_rate", part=LEFT_OUT))
        deferred = window(month(2026, 11), CountingRules(deferred_leave_due=True), datetime(2026, 12, 2))
        left_by_rule = named(nov, drill_ids(s, deferred, TOWN, "close_rate", part=LEFT_OUT))
    assert set(counted) == set("ABFI")
    assert against == dict.fromkeys("CGK", "未计入结案率")
    assert left == {"D": "未到期（办结时限在统计时点之后）", "J": "未到期（办结时限在统计时点之后）",
                    "H": "办结时限在本期之前，已计入当期"}  # fmt: skip
    assert (left_by_rule["G"], left_by_rule["K"]) == ("延期审批中不计入", "挂账不计入")


def test_dispatch_accuracy_shows_the_returned_dispatch(db: Database, nov: Month) -> None:
    law = str(nov.ref.law)
    with db.session() as s:
        assert named(nov, drill_ids(s, W, Scope(DEPARTMENT), "dispatch_accuracy", law, COUNTED)) == {
            "J": "计入"
        }
        assert named(nov, drill_ids(s, W, Scope(DEPARTMENT), "dispatch_accuracy", law, AGAINST)) == {
            "F": "被部门退回"
        }


def test_pages_follow_the_case_id_keyset(db: Database, nov: Month) -> None:
    with db.session() as s:
        first = drill(s, W, TOWN, "closed", size=2)
        assert first.after is not None
        second = drill(s, W, TOWN, "closed", after=first.after, size=2)
    ids = [r.row.id for r in first.rows + second.rows]
    assert ids == sorted(nov.ids[k] for k in "ABFI") and second.after is None
    assert first.rows[0].row.number.startswith("2026-")
