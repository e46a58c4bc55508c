"""Rule sets, scores and ranks, and 计算 → 公示 → 申诉 → 审定 → 冻结 on the fixed month (tests/review_data.py)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from console import clock
from console.db import Database
from console.domain import CloseType
from console.errors import ValidationError
from console.models import Department, ReviewResult
from console.review import freezing
from console.review.periods import month, quarter
from console.review.results import FROZEN, drill_page, review
from console.review.rulesets import (
    INVERSE,
    Component,
    RuleSet,
    default_rule_set,
    rule_set_in_force,
    save_rule_set,
)
from console.review.scopes import DEPARTMENT, GRID, Scope
from console.review.scoring import score_group
from console.workflow.commands import Close, Feedback, Reopen, Verify
from console.workflow.service import CaseService
from tests.review_data import Month, build_month

ON = datetime(2026, 12, 2, 9, 0)
NOV, OCT = month(2026, 11), month(2026, 10)
DEPTS = Scope(DEPARTMENT)


@pytest.fixture
def nov(db: Database) -> Month:
    return build_month(db)


def test_weights_not_adding_up_to_100_are_refused(db: Database) -> None:
    rules = default_rule_set()
    bad = rules.schemes["grid"][:3] + (Component("missed_rate", 15, INVERSE),)
    with pytest.raises(
        ValidationError, match=r"网格（网格员）考核的权重合计须为 100%，现为 40% \+ 20% \+ 20% \+ 15% = 95%"
    ):
        save_rule_set_in(db, rules.__class__(**{**rules.__dict__, "schemes": {**rules.schemes, "grid": bad}}))
    assert default_rule_set().problems() == []


def save_rule_set_in(db: Database, rules):  # type: ignore[no-untyped-def]
    with db.session() as s:
        out = save_rule_set(s, rules, "主任", ON)
        s.commit()
        return out


def test_a_period_is_scored_by_the_rule_set_in_force_then(db: Database, nov: Month) -> None:
    d = default_rule_set(date(2026, 11, 1))
    even = tuple(Component(c.figure, 25, c.how, c.bands) for c in d.schemes["department"])
    v1 = save_rule_set_in(
        db,
        d.__class__(**{**d.__dict__, "name": "2026年11月起", "schemes": {**d.schemes, "department": even}}),
    )
    assert v1.version == 1
    with db.session() as s:
        assert rule_set_in_force(s, date(2026, 10, 31)).version == 0  # the shipped defaults
        assert rule_set_in_force(s, date(2026, 11, 1)).version == 1
        assert review(s, NOV, DEPTS, ON).rules.version == 1
        assert review(s, OCT, DEPTS, ON).rules.version == 0


def test_department_scores_grades_ranks_and_movement(db: Database, nov: Month) -> None:
    env, law = str(nov.ref.env), str(nov.ref.law)
    with db.session() as s:
        october = {x.group: x for x in review(s, OCT, DEPTS, ON).scores}
        r = review(s, NOV, DEPTS, ON)
    # October: 环保办 alone — 立案 2 (band 70), 结案率 100, 按期处置率 100, 返工率 0 → 97, A
    assert (october[env].total, october[env].grade, october[env].rank) == (97.0, "A", 1)
    by = {x.group: x for x in r.scores}
    # November 环保办: 立案 7 (band 80)×10% + 结案率 4/7×30% + 按期处置率 2/4×30% + (1 − 返工率 2/4)×30% = 55.14,
    # then a department's red card, 超期 C, B, I −2 each → 49.14, D; it fell from first to second
    assert (by[env].base, by[env].adjustment, by[env].total, by[env].grade) == (55.14, -6.0, 49.14, "D")
    assert (by[env].rank, by[env].movement_text) == (2, "↓1")
    # 执法中队: only 立案 1 (band 70) has data (首报 J is its grid's bonus, not the department's) → 70, C; new
    assert (by[law].base, by[law].total, by[law].grade, by[law].rank, by[law].movement_text) == (70.0, 70.0, "C", 1, "新")
    assert [x.group for x in r.scores] == [law, env]


def _freeze_november(db: Database) -> int:
    with db.session() as s:
        row = freezing.compute(s, NOV, DEPTS, "督查员", ON)
        freezing.publish(s, row.id, "督查员", ON)
        env = str(s.scalar(select(Department.id).where(Department.code == "HBB")))
        a = freezing.appeal(s, row.id, env, "overdue", "C 超期系等待县级答复所致", "环保办", ON)
        with pytest.raises(ValidationError, match="还有 1 件申诉未裁定"):
            freezing.approve(s, row.id, "主任", ON)
        freezing.decide(s, a.id, True, "情况属实，酌情加分", "主任", ON, points=2)
        freezing.approve(s, row.id, "主任", ON)
        freezing.freeze(s, row.id, "主任", ON)
        s.commit()
        return row.id


def test_frozen_results_never_change_and_recompute_shows_the_difference(db: Database, nov: Month) -> None:
    rid = _freeze_november(db)
    env = str(nov.ref.env)
    with db.session() as s:
        row = s.get(ReviewResult, rid)
        assert row is not None and row.status == FROZEN and freezing.verify_seal(row)
        frozen_body = row.body
        before = review(s, NOV, DEPTS, ON)
    assert before.status == FROZEN and before.table.text("valid", env) == "7"
    assert {x.group: x.total for x in before.scores}[env] == 51.14  # 49.14 + the upheld appeal's 2 points
    # December: A turns out unfounded — reopened and closed as 反映不实
    t = datetime(2026, 12, 3, 9, 0)
    clock.set_clock(lambda: t)
    try:
        svc = CaseService(db, "调度员甲")
        a = svc.ref_of(nov.ids["A"])
        a = svc.act(a.id, Reopen(reason="复查发现反映不实"), a.version)
        a = CaseService(db, "环保办李四").act(a.id, Feedback(result="经查不实"), a.version)
        a = svc.act(a.id, Verify(passed=True), a.version)
        svc.act(a.id, Close(close_type=CloseType.UNFOUNDED, reason="反映不实"), a.version)
    finally:
        clock.set_clock(None)
    later = datetime(2026, 12, 4)
    with db.session() as s:
        row = s.get(ReviewResult, rid)
        assert row is not None and row.body == frozen_body and freezing.verify_seal(row)
        assert review(s, NOV, DEPTS, later).table.text("valid", env) == "7"
        # the frozen figure opens the cases it counted then, A among them
        kept = drill_page(s, NOV, DEPTS, "valid", env, now=later)
        assert nov.ids["A"] in {r.row.id for r in kept.rows} and len(kept.rows) == 7
        diffs = {(d.figure, d.group): d for d in freezing.differences(s, rid, later)}
        with pytest.raises(ValidationError, match="已冻结，不能重新计算"):
            freezing.compute(s, NOV, DEPTS, "督查员", later)
    d = diffs[("有效上报数", env)]
    assert (d.frozen, d.now, d.removed) == ("7", "6", (nov.ids["A"],))
    # not even a direct UPDATE or DELETE changes a frozen record (a trigger refuses it on both backends)
    for sql in ("UPDATE review_result SET body = '{}' WHERE id = :id", "DELETE FROM review_result WHERE id = :id"):
        with pytest.raises(DBAPIError, match="已冻结的考核结果不能修改或删除"), db.session() as s:
            s.execute(text(sql), {"id": rid})


def test_quarters_aggregate_frozen_months_only(db: Database, nov: Month) -> None:
    _freeze_november(db)
    with db.session() as s, pytest.raises(ValidationError, match="2026年10月、2026年12月尚未冻结"):
        review(s, quarter(2026, 4), DEPTS, datetime(2027, 1, 5))
    with db.session() as s:
        for m in (OCT, month(2026, 12)):
            row = freezing.compute(s, m, DEPTS, "督查员", datetime(2027, 1, 5))
            freezing.publish(s, row.id, "督查员", ON)
            freezing.approve(s, row.id, "主任", ON)
            freezing.freeze(s, row.id, "主任", ON)
        q = review(s, quarter(2026, 4), DEPTS, datetime(2027, 1, 5))
    env = str(nov.ref.env)
    # 结案: October H, November I A B F → 5; 应结案: October 1 + November 7 + December 1 (D fell due 12-10)
    assert (q.table.text("closed", env), q.table.text("due", env), q.table.text("close_rate", env)) == (
        "5",
        "9",
        "55.56%",
    )


def test_a_running_month_cannot_be_computed_for_the_record(db: Database, nov: Month) -> None:
    with db.session() as s, pytest.raises(ValidationError, match="尚未结束"):
        freezing.compute(s, NOV, DEPTS, "督查员", datetime(2026, 11, 20))


def test_grid_scores_take_the_grid_bonuses_and_deductions(db: Database, nov: Month) -> None:
    g1, g2 = nov.ref.grid_code, nov.ref.grid2_code
    with db.session() as s:
        by = {x.group: x for x in review(s, NOV, Scope(GRID, level=3), ON).scores}
    # 一号楼院: 有效上报率 7/8×40% + 按时核查率 100×20% + 满意率 100×20% + (1 − 漏报率 1/7)×20% = 92.14; 漏报 F −10
    assert (by[g1].base, by[g1].adjustment, by[g1].total, by[g1].grade, by[g1].rank) == (92.14, -10.0, 82.14, "B", 2)
    # 二号楼院: 核查 and 回访 have no data, so 有效上报率 100 and (1 − 漏报率) 100 share the weight; 首报 J +5
    # 100 + 5 would be 105: a score is out of 100, the bonus cannot lift it above (and the clamp is said)
    assert (by[g2].base, by[g2].adjustment, by[g2].total, by[g2].grade, by[g2].rank) == (100.0, 5.0, 100.0, "A", 1)  # fmt: skip
    assert by[g2].clamp_text == "100.00+5.00 = 105.00，超过 100 分，按 100 分计" and by[g1].clamp_text == ""


def test_a_score_stays_between_0_and_100(db: Database, nov: Month) -> None:
    """Bonuses cannot take a total above 100, deductions not below 0 (百分制)."""
    g1, g2 = nov.ref.grid_code, nov.ref.grid2_code
    with db.session() as s:
        table = review(s, NOV, Scope(GRID, level=3), ON).table
    rules = default_rule_set()
    high, low = score_group(table, rules, g2, extra=30.0), score_group(table, rules, g1, extra=-200.0)
    assert (high.total, high.grade) == (100.0, "A")
    assert high.clamp_text == "100.00+35.00 = 135.00，超过 100 分，按 100 分计"
    assert (low.total, low.grade, low.clamp_text) == (0.0, "E", "92.14-210.00 = -117.86，低于 0 分，按 0 分计")


def test_a_rule_set_stored_before_the_ceiling_scores_as_it_did(db: Database, nov: Month) -> None:
    """The ceiling is a rule of the stored rule set: a body saved before it existed has none, so a result frozen
    under that version keeps its total (105 stays 105); every rule set saved now carries it."""
    g2 = nov.ref.grid2_code
    with db.session() as s:
        table = review(s, NOV, Scope(GRID, level=3), ON).table
    body = json.loads(default_rule_set().to_json())
    assert body.pop("score_max") == 100.0
    older = RuleSet.from_json("旧细则", date(2020, 1, 1), json.dumps(body), version=1)
    assert older.score_max is None and "高于" not in older.score_range_text
    kept = score_group(table, older, g2)
    assert (kept.total, kept.clamp_text) == (105.0, "")
    again = RuleSet.from_json("新细则", date(2020, 1, 1), default_rule_set().to_json(), version=2)
    assert score_group(table, again, g2).total == 100.0
