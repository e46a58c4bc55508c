"""Random spot checks (reproducible samples; "not fixed" reopens through the workflow) and the anti-gaming
monitors, on the fixed month (tests/review_data.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from console import clock
from console.db import Database
from console.domain import CaseStatus
from console.errors import ValidationError
from console.models import CaseHistory
from console.review import spotcheck
from console.review.figures import compute_figures
from console.review.monitors import flags
from console.review.periods import month
from console.review.rulesets import default_rule_set
from console.review.scopes import DEPARTMENT, GRID, Scope
from console.review.spotcheck import CONFIRMED, NOT_FIXED, Criteria
from console.workflow.commands import Accept, Dispatch, Feedback, Sign
from console.workflow.service import CaseService, ReportInput
from tests.review_data import Month, build_month

ON = datetime(2026, 12, 2, 9, 0)
NOV = month(2026, 11)


@pytest.fixture
def nov(db: Database) -> Month:
    return build_month(db)


def test_the_same_seed_draws_the_same_sample(db: Database, nov: Month) -> None:
    with db.session() as s:
        population = spotcheck.population(s, NOV, Criteria(size=2))
        assert population == sorted(nov.ids[k] for k in "ABFI")  # closed in November and still closed
        first = spotcheck.draw(s, NOV, Criteria(size=2), 2026, "督查员", ON)
        second = spotcheck.draw(s, NOV, Criteria(size=2), 2026, "督查员", ON)
        a = [i.case_id for i in spotcheck.check_items(s, first.id)]
        b = [i.case_id for i in spotcheck.check_items(s, second.id)]
        assert a == b and len(a) == 2
        assert [
            i.case_id
            for i in spotcheck.check_items(
                s, spotcheck.draw(s, NOV, Criteria(rate=0.5), 2026, "督查员", ON).id
            )
        ] == a
        by_dept = spotcheck.population(s, NOV, Criteria(department_id=nov.ref.law, size=1))
        assert by_dept == []
        with pytest.raises(ValidationError, match="请指定抽查数量或抽查比例"):
            spotcheck.draw(s, NOV, Criteria(), 1, "督查员", ON)


def test_not_fixed_reopens_the_case_as_rework_and_feeds_the_figures(db: Database, nov: Month) -> None:
    with db.session() as s:
        check = spotcheck.draw(s, NOV, Criteria(size=4), 1, "督查员", ON)
        items = {i.case_id: i.id for i in spotcheck.check_items(s, check.id)}
    clock.set_clock(lambda: ON)
    try:
        spotcheck.record(db, items[nov.ids["A"]], NOT_FIXED, "现场垃圾仍未清运", "督查员", ON)
        spotcheck.record(db, items[nov.ids["B"]], CONFIRMED, "", "督查员", ON)
        with pytest.raises(ValidationError, match="已于 2026-12-02 记录"):
            spotcheck.record(db, items[nov.ids["B"]], CONFIRMED, "", "督查员", ON)
    finally:
        clock.set_clock(None)
    with db.session() as s:
        last = s.scalars(
            select(CaseHistory).where(CaseHistory.case_id == nov.ids["A"]).order_by(CaseHistory.id.desc())
        ).first()
        assert last is not None and last.action == "reopen" and last.to_status == CaseStatus.IN_PROGRESS
        assert "随机抽查未通过" in last.note
        t = compute_figures(s, month(2026, 12), Scope(GRID, level=None), now=datetime(2027, 1, 2))
    assert (t.text("spot_checked"), t.text("spot_pass_rate"), t.text("rework")) == ("2", "50.00%", "1")
    # A was rated 满意 at call-back, yet the check found it not fixed
    assert t.text("contradictions") == "1"
    assert [f.monitor for f in flags(t, default_rule_set())] == ["contradictions"]


def test_monitors_flag_shares_above_their_thresholds(db: Database, nov: Month) -> None:
    rules = default_rule_set()
    env, law = str(nov.ref.env), str(nov.ref.law)
    with db.session() as s:
        depts = compute_figures(s, NOV, Scope(DEPARTMENT), now=ON)
        town = compute_figures(s, NOV, Scope(GRID, level=None), now=ON)
    got = {(f.monitor, f.group): f.value_text for f in flags(depts, rules)}
    assert got == {
        ("long_term_share", env): "14.29%",
        ("return_share", law): "50.00%",
        ("reopen_share", env): "25.00%",
    }
    assert {f.monitor for f in flags(town, rules)} == {
        "long_term_share",
        "reopen_share",
    }  # 退回 1/8 stays below 20%


def test_a_feedback_in_the_last_hour_before_the_deadline_is_flagged(db: Database, nov: Month) -> None:
    t = datetime(2026, 12, 7, 9, 0)
    clock.set_clock(lambda: t)
    try:
        svc, dept = CaseService(db, "调度员甲"), CaseService(db, "环保办李四")
        r = svc.report(ReportInput(grid=nov.ref.grid_code, category=nov.ref.cat_env, summary="临期反馈"))
        r = svc.act(r.id, Accept(), r.version)
        r = svc.act(
            r.id,
            Dispatch(lead_department_id=nov.ref.env, due_at=datetime(2026, 12, 10, 18), due_reason="测试"),
            r.version,
        )
        r = dept.act(r.id, Sign(), r.version)
        t = datetime(2026, 12, 10, 17, 30)
        dept.act(r.id, Feedback(result="已处理"), r.version)
    finally:
        clock.set_clock(None)
    with db.session() as s:
        dec = compute_figures(s, month(2026, 12), Scope(DEPARTMENT), now=datetime(2027, 1, 2))
    assert dec.text("last_hour_share", str(nov.ref.env)) == "100.00%"
    assert ("last_hour_share", str(nov.ref.env)) in {
        (f.monitor, f.group) for f in flags(dec, default_rule_set())
    }
