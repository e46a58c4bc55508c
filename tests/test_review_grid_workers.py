"""Grid workers as people (网格员 scope): each person holding a grid in the period answers for its cases, on the
hand-counted November of tests/review_data.py (every case in 一号楼院 but J, 二号楼院's 首报), on SQLite and
PostgreSQL.

Who holds what (besides 王建国, 一号楼院 since 2025):
- 李网格 holds 一号楼院 and 二号楼院 all year — both grids' cases;
- 赵离任 held 二号楼院 until 11-15 — left mid-period, still counted for the whole month (the rule: everyone
  assigned at any time in the period);
- 钱旧任 held 一号楼院 until 10-31 — not in November's review.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from console import clock
from console.cli.main import main
from console.db import Database, make_engine
from console.domain import GridRole
from console.models import Grid, GridAssignment, Person, ReviewResult
from console.review import freezing, month_sets
from console.review.charts import category_breakdown, weekly_trend
from console.review.drill import drill_ids
from console.review.figures import TOTAL, compute_figures, window
from console.review.periods import month
from console.review.results import FROZEN, drill_page, review
from console.review.scopes import GRID, WORKER, WORKER_RULE, Scope, scope_from_key
from tests.review_data import Month, build_month

ON = datetime(2026, 12, 2, 9, 0)
NOV = month(2026, 11)
WORKERS = Scope(WORKER)
SHOWN = ("reported", "valid", "valid_rate", "accepted", "due", "close_rate", "first_reports", "missed",
         "missed_rate")  # fmt: skip


def assign_workers(db: Database, m: Month) -> dict[str, str]:
    """The grid assignments of the module docstring; name → person key."""
    ref = m.ref
    people: dict[str, str] = {"王建国": str(ref.person)}
    with db.session() as s:
        for name, held in (
            ("李网格", [(ref.grid, GridRole.WORKER, date(2026, 1, 1), None), (ref.grid2, GridRole.LEADER, date(2026, 1, 1), None)]),
            ("赵离任", [(ref.grid2, GridRole.WORKER, date(2026, 1, 1), date(2026, 11, 15))]),
            ("钱旧任", [(ref.grid, GridRole.WORKER, date(2025, 1, 1), date(2026, 10, 31))]),
        ):  # fmt: skip
            p = Person(name=name, active=True)
            s.add(p)
            s.flush()
            people[name] = str(p.id)
            s.add_all(GridAssignment(grid_id=g, person_id=p.id, role=role, start_date=start, end_date=end)
                      for g, role, start, end in held)  # fmt: skip
    return people


@pytest.fixture
def nov(db: Database) -> tuple[Month, dict[str, str]]:
    m = build_month(db)
    return m, assign_workers(db, m)


def _row(t, group: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(t.text(f, group) for f in SHOWN)


def test_grid_workers_figures_add_up_their_grids(db: Database, nov: tuple[Month, dict[str, str]]) -> None:
    _m, p = nov
    with db.session() as s:
        for kept in (True, False):
            t = compute_figures(s, NOV, WORKERS, now=ON, kept=kept)
            assert set(t.keys) == {p["王建国"], p["李网格"], p["赵离任"]}  # 钱旧任 left before November
            assert t.names[p["赵离任"]] == "赵离任"
            # 上报, 有效上报, 有效上报率, 立案, 应结案, 结案率, 首报, 漏报, 漏报率
            assert _row(t, p["李网格"]) == ("9", "8", "88.89%", "8", "7", "57.14%", "1", "1", "12.50%")
            assert _row(t, p["王建国"]) == ("8", "7", "87.50%", "7", "7", "57.14%", "0", "1", "14.29%")
            assert _row(t, p["赵离任"]) == ("1", "1", "100.00%", "1", "0", "—", "1", "0", "0.00%")
            # the total counts each case once, not once per worker
            assert _row(t, TOTAL) == _row(t, p["李网格"])
            assert WORKER_RULE in t.rule_texts("close_rate")
    with db.session() as s:  # only some workers
        t = compute_figures(s, NOV, Scope(WORKER, ids=(int(p["赵离任"]),)), now=ON)
        assert t.keys == [p["赵离任"]] and _row(t, TOTAL) == _row(t, p["赵离任"])


def test_township_posts_are_left_out_and_namesakes_told_apart(db: Database, nov: tuple[Month, dict[str, str]]) -> None:
    """The township's own 网格长 answers for every case and is no grid worker (a bulletin named one for
    criticism with all 507 cases); two workers of one name are told apart by their grid."""
    _m, p = nov
    with db.session() as s:
        town = s.scalar(select(Grid.id).where(Grid.code == "410103001000000"))
        grid2 = s.scalar(select(Grid.id).where(Grid.code == "410103001001002"))
        chief, namesake = Person(name="孙街道", active=True), Person(name="李网格", active=True)
        s.add_all([chief, namesake])
        s.flush()
        s.add_all([GridAssignment(grid_id=town, person_id=chief.id, role=GridRole.LEADER, start_date=date(2026, 1, 1)),
                   GridAssignment(grid_id=grid2, person_id=namesake.id, role=GridRole.WORKER,
                                  start_date=date(2026, 6, 1))])  # fmt: skip
        s.flush()
        chief_key, namesake_key = str(chief.id), str(namesake.id)
    with db.session() as s:
        t = compute_figures(s, NOV, WORKERS, now=ON)
        assert chief_key not in t.keys and namesake_key in t.keys
        assert t.names[namesake_key] == "李网格（绿云社区二号楼院）"
        assert t.names[p["李网格"]] == "李网格（绿云社区一号楼院、绿云社区二号楼院）"
        assert t.names[p["赵离任"]] == "赵离任"  # no namesake: the name alone
    with db.session() as s:  # the same name and the same grids: the person's number tells them apart
        s.add(GridAssignment(grid_id=s.scalar(select(Grid.id).where(Grid.code == "410103001001001")),
                             person_id=int(namesake_key), role=GridRole.WORKER, start_date=date(2026, 7, 1)))  # fmt: skip
    with db.session() as s:
        names = compute_figures(s, NOV, WORKERS, now=ON).names
        assert names[namesake_key] == f"李网格（绿云社区一号楼院、绿云社区二号楼院·人员编号 {namesake_key}）"
        assert names[p["李网格"]] == f"李网格（绿云社区一号楼院、绿云社区二号楼院·人员编号 {p['李网格']}）"


def test_a_grid_worker_s_row_drills_down_to_their_grids_cases(db: Database, nov: tuple[Month, dict[str, str]]) -> None:
    m, p = nov
    with db.session() as s:
        w = window(NOV, review(s, NOV, WORKERS, ON).rules.counting, ON)
        assert [i for i, _ in drill_ids(s, w, WORKERS, "reported", p["赵离任"])] == [m.ids["J"]]
        everything = sorted(m.ids[k] for k in "ABCDEFGJK")
        assert [i for i, _ in drill_ids(s, w, WORKERS, "reported", p["李网格"])] == everything
        assert [i for i, _ in drill_ids(s, w, WORKERS, "reported", TOTAL)] == everything
        assert drill_ids(s, w, WORKERS, "reported", p["钱旧任"]) == []
        # 应结案 but not closed, in 王建国's grid: C G K (超时未处置)
        against = {i for i, _ in drill_ids(s, w, WORKERS, "close_rate", p["王建国"], "against")}
        assert against == {m.ids[k] for k in "CGK"}


def test_a_grid_worker_review_freezes_and_reads_back(db: Database, nov: tuple[Month, dict[str, str]]) -> None:
    m, p = nov
    assert scope_from_key(WORKERS.key_text) == WORKERS
    assert scope_from_key(Scope(WORKER, ids=(3, 5)).key_text) == Scope(WORKER, ids=(3, 5))
    with db.session() as s:
        live = review(s, NOV, WORKERS, ON)
        row = freezing.compute(s, NOV, WORKERS, "督查员", ON)
        freezing.publish(s, row.id, "督查员", ON)
        freezing.approve(s, row.id, "主任", ON)
        freezing.freeze(s, row.id, "主任", ON)
        s.commit()
    with db.session() as s:
        row = s.scalar(select(ReviewResult).where(ReviewResult.scope_key == WORKERS.key_text))
        assert row is not None and row.status == FROZEN and freezing.verify_seal(row)
        assert scope_from_key(row.scope_key) == WORKERS
        frozen = review(s, NOV, WORKERS, ON)
        assert frozen.status == FROZEN
        assert frozen.table.counts == live.table.counts and frozen.table.keys == live.table.keys
        assert [(x.group, x.total, x.rank) for x in frozen.scores] == [(x.group, x.total, x.rank) for x in live.scores]
        assert json.loads(row.body)["case_ids"]["reported"][p["赵离任"]] == [m.ids["J"]]
        page = drill_page(s, NOV, WORKERS, "reported", p["赵离任"], now=ON)
        assert [r.row.id for r in page.rows] == [m.ids["J"]]
        assert freezing.differences(s, row.id, datetime(2026, 12, 3)) == []


def test_the_cli_reviews_grid_workers(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(make_engine(sqlite_url))
    m = build_month(db)
    p = assign_workers(db, m)
    db.dispose()
    clock.set_clock(lambda: ON)
    try:
        base = ("--db", sqlite_url, "review")
        assert main([*base, "figures", "2026-11", "--by", "worker"]) == 0
        out = capsys.readouterr().out
        assert "2026年11月 网格员考核" in out and "指标\t合计\t王建国\t李网格\t赵离任" in out
        assert "上报数\t9\t8\t9\t1" in out and WORKER_RULE in out
        assert main([*base, "rank", "2026-11", "--by", "worker"]) == 0
        assert "赵离任" in capsys.readouterr().out
        assert main(["--json", *base, "drill", "2026-11", "reported", "--by", "worker", "--group", p["赵离任"]]) == 0
        assert [r["id"] for r in json.loads(capsys.readouterr().out)["rows"]] == [m.ids["J"]]
    finally:
        clock.set_clock(None)


def test_a_grid_worker_review_s_category_chart_covers_their_grids(
    db: Database, nov: tuple[Month, dict[str, str]]
) -> None:
    """The category chart counts the cases the figures count: the grids the workers held, not the subtree."""
    _m, p = nov
    with db.session() as s:
        everything = compute_figures(s, NOV, Scope(GRID, level=None), now=ON)
        for scope, group in ((WORKERS, TOTAL), (Scope(WORKER, ids=(int(p["赵离任"]),)), p["赵离任"])):
            t = compute_figures(s, NOV, scope, now=ON)
            for kept in (True, False):
                b = category_breakdown(s, window(NOV, t.rules, ON), scope, kept=kept)
                assert sum(b.reported) == t.counts[("reported", group)], (scope, kept)
                assert sum(b.closed) == t.counts.get(("closed", group), 0), (scope, kept)
        # 赵离任 held 二号楼院 only: 1 of the township's 9 reports
        assert (t.counts[("reported", group)], everything.counts[("reported", TOTAL)]) == (1, 9)


def test_a_grid_worker_review_s_trend_reads_the_kept_day_counts_of_their_grids(
    db: Database, nov: tuple[Month, dict[str, str]]
) -> None:
    """The weekly trend of grid workers comes from the kept day counts of the grids they held (a live count of a
    year took seconds at a million cases) and equals the live count; one worker's is theirs alone."""
    _m, p = nov
    start, end = NOV.start_at, NOV.end_at
    with db.session() as s:
        township = weekly_trend(s, start, end, Scope(GRID, level=None), now=ON)
        for scope in (WORKERS, Scope(WORKER, ids=(int(p["赵离任"]),))):
            assert month_sets.days_answer(s, scope)
            kept = weekly_trend(s, start, end, scope, now=ON)
            assert kept == weekly_trend(s, start, end, scope, kept=False, now=ON), scope
        assert sum(kept.reported) == 1 and sum(township.reported) == 9  # 赵离任: 二号楼院 only
