"""Review figures against hand-computed values (tests/review_data.py lists the month), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.db import Database
from console.errors import ValidationError
from console.review.counting import BY_REPORT, CountingRules
from console.review.figures import FIGURES, TOTAL, case_ids, compute_figures, window
from console.review.periods import month, parse_period
from console.review.scopes import DEPARTMENT, GRID, PERSON, Scope
from tests.review_data import Month, build_month

COMPUTED_ON = datetime(2026, 12, 2, 9, 0)
NOV = month(2026, 11)


@pytest.fixture
def nov(db: Database) -> Month:
    return build_month(db)


def table(db: Database, scope: Scope | None = None, rules: CountingRules | None = None, period=NOV):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return compute_figures(s, period, scope or Scope(GRID, level=None), rules, now=COMPUTED_ON)


def test_month_figures_match_the_hand_count(db: Database, nov: Month) -> None:
    t = table(db)
    expected = {
        "reported": "9", "valid": "8", "valid_rate": "88.89%", "accepted": "8", "intake_on_time_rate": "100.00%",
        "dispatched": "8", "dispatch_accuracy": "87.50%", "due": "7", "closed": "4", "close_rate": "57.14%",
        "close_on_time_rate": "28.57%", "handled": "4", "handle_on_time_rate": "50.00%", "overdue": "3",
        "rework": "2", "rework_rate": "50.00%", "extended": "0", "long_term": "1", "supervised": "1",
        "verify_on_time_rate": "100.00%", "callbacks": "2", "satisfaction_rate": "100.00%", "first_reports": "1",
        "missed": "1", "missed_rate": "12.50%", "spot_checked": "0", "spot_pass_rate": "—",
    }  # fmt: skip
    assert {f.key: t.text(f) for f in FIGURES} == expected


def test_due_cases_are_the_handled_plus_the_overdue_unhandled(db: Database, nov: Month) -> None:
    ids = nov.ids
    with db.session() as s:
        w = window(NOV, CountingRules(), COMPUTED_ON)
        due = case_ids(s, w, Scope(GRID, level=None), "due")
        assert set(due) == {
            ids[k] for k in "ABCFGIK"
        }  # D (due in December) is not yet due; H fell due in October
        assert set(case_ids(s, w, Scope(GRID, level=None), "overdue_unhandled")) == {ids[k] for k in "CGK"}


def test_deferred_cases_leaving_the_denominator_is_a_rule(db: Database, nov: Month) -> None:
    t = table(db, rules=CountingRules(deferred_leave_due=True))
    assert (t.text("due"), t.text("close_rate"), t.text("close_on_time_rate")) == ("5", "80.00%", "40.00%")
    assert "延期审批中、挂账的案件不计入应结案数" in next(f for f in FIGURES if f.key == "close_rate").rules(
        t.rules
    )


def test_counting_by_report_date_keeps_to_the_period_s_reports(db: Database, nov: Month) -> None:
    t = table(db, rules=CountingRules(basis=BY_REPORT))
    # I was reported in October: its late feedback and its closing leave November's figures
    assert (t.text("handled"), t.text("closed"), t.text("due"), t.text("close_rate")) == (
        "3",
        "3",
        "6",
        "50.00%",
    )
    assert t.text("overdue") == "2"  # C, and B fed back late


def test_basic_satisfaction_weight_is_a_rule(db: Database, nov: Month) -> None:
    assert table(db, rules=CountingRules(basic_weight=0.8)).text("satisfaction_rate") == "90.00%"


def test_reopening_a_case_leaves_the_month_it_was_closed_in_alone(db: Database, nov: Month) -> None:
    t = table(db, period=month(2026, 10))
    # H was closed on 10-25 and reopened on 11-15: October still counts it closed and not overdue
    assert (t.text("closed"), t.text("due"), t.text("close_rate"), t.text("rework")) == (
        "1",
        "1",
        "100.00%",
        "0",
    )


def test_an_empty_denominator_shows_a_dash(db: Database, nov: Month) -> None:
    t = table(db, period=month(2027, 1))
    assert t.text("reported") == "0"
    assert {t.text(f) for f in FIGURES if f.kind == "rate"} == {"—"}
    grids = table(db, Scope(GRID, level=3))
    g2 = nov.ref.grid2_code
    assert (grids.text("accepted", g2), grids.text("first_reports", g2), grids.text("close_rate", g2)) == (
        "1",
        "1",
        "—",
    )


def test_grouped_by_grid_department_and_handler(db: Database, nov: Month) -> None:
    ref = nov.ref
    grids = table(db, Scope(GRID, level=3))
    assert grids.keys == [ref.grid_code, ref.grid2_code]
    assert grids.names[ref.grid2_code] == "绿云社区二号楼院"
    assert (grids.text("reported", ref.grid_code), grids.text("reported", ref.grid2_code)) == ("8", "1")
    assert grids.text("missed_rate", ref.grid_code) == "14.29%"  # F of seven accepted
    depts = table(db, Scope(DEPARTMENT))
    env, law = str(ref.env), str(ref.law)
    assert (depts.text("dispatched", env), depts.text("dispatch_accuracy", env)) == ("7", "100.00%")
    assert (depts.text("dispatched", law), depts.text("dispatch_accuracy", law)) == ("2", "50.00%")
    assert depts.names[law] == "行政执法中队"
    people = table(db, Scope(PERSON))
    assert people.keys == []  # nobody was named responsible


def test_parse_period_reads_every_form_and_refuses_others() -> None:
    assert parse_period("2026-10") == month(2026, 10)
    assert parse_period("2026Q4").months() == [month(2026, m) for m in (10, 11, 12)]
    assert parse_period("2026").label == "2026年"
    r = parse_period("2026-11-01..2026-11-15")
    assert (r.key, r.label, r.previous().key) == ("2026-11-01..2026-11-15", "2026-11-01至2026-11-15",
                                                  "2026-10-17..2026-10-31")  # fmt: skip
    assert month(2026, 1).previous() == month(2025, 12)
    with pytest.raises(ValidationError, match="无法识别统计周期"):
        parse_period("十一月")


def test_total_row_key() -> None:
    assert TOTAL == "*"


def _bulk_key_area_month(db: Database, solved: int, open_overdue: int) -> None:
    """Seed 003's month: key-area problems, `solved` closed in November, `open_overdue` still with their
    department past a November deadline (rows written as the workflow writes them, in bulk for speed)."""
    from console.domain import CaseStatus, CloseType, Severity, Source, Stage
    from console.models import Case, CaseHistory, Category, Grid
    from tests.factories import seed_reference

    ref = seed_reference(db)
    with db.session() as s:
        cat = s.query(Category).filter_by(code=ref.cat_safety).one()
        grid = s.get(Grid, ref.grid)
        assert grid is not None
        cases, rows = [], []
        for n in range(solved + open_overdue):
            done = n < solved
            reported = datetime(2026, 11, 2 + n % 20, 9, 0)
            cases.append(dict(
                id=n + 1, number=f"2026-{n + 1:06d}", township_id=ref.township, year=2026, seq=n + 1,
                grid_id=grid.id, grid_code=grid.code, category_id=cat.id, severity=Severity.COMPLEX,
                source=Source.PATROL, status=CaseStatus.CLOSED if done else CaseStatus.IN_PROGRESS,
                summary="重点领域问题", reported_by="网格员", reported_at=reported, accepted_at=reported,
                dispatched_at=reported, lead_department_id=ref.law, due_at=reported.replace(hour=18),
                closed_at=reported.replace(hour=17) if done else None,
                close_type=CloseType.SOLVED if done else None,
                updated_at=reported.replace(hour=17), updated_by="调度员", version=6,
            ))  # fmt: skip
            if done:
                rows.append(dict(case_id=n + 1, at=reported.replace(hour=15), actor="执法中队", action="feedback",
                                 from_status=CaseStatus.IN_PROGRESS, to_status=CaseStatus.FEEDBACK,
                                 stage=Stage.HANDLE, stage_on_time=True))  # fmt: skip
                rows.append(dict(case_id=n + 1, at=reported.replace(hour=17), actor="调度员", action="close",
                                 from_status=CaseStatus.VERIFIED, to_status=CaseStatus.CLOSED, stage=None,
                                 stage_on_time=None))  # fmt: skip
        # on PostgreSQL multi-row INSERTs of 1,000 rows: the review's kept tables are refreshed once per
        # statement there, and psycopg's executemany is one statement per row (SQLite's triggers are per row)
        for table, values in ((Case.__table__, cases), (CaseHistory.__table__, rows)):
            if db.engine.dialect.name != "postgresql":
                s.execute(table.insert(), values)
                continue
            for start in range(0, len(values), 1000):
                s.execute(table.insert().values(values[start:start + 1000]))
        s.commit()


def test_seed_003_key_area_closure_rate_is_99_87_not_99_59(db: Database) -> None:
    _bulk_key_area_month(db, solved=3130, open_overdue=4)
    t = table(db, Scope(GRID, level=None, key_area=True))
    assert (t.text("closed"), t.text("due"), t.text("close_rate")) == ("3130", "3134", "99.87%")
    assert table(db, Scope(GRID, level=None, categories=(999,))).text("close_rate") == "—"
