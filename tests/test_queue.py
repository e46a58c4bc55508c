"""The queue query service against a naive Python reading of the same rows, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text, update

from console import queue
from console.db import Database
from console.domain import CaseStatus, Severity, Source, TrafficLight
from console.errors import ValidationError
from console.models import Case, CaseWatch, Grid
from console.queue import Cursor, QueueFilter, SortKey
from tests.queue_data import NOW, TOWN, make_cases, make_township, watch

N_CASES = 240
OPEN = {
    CaseStatus.REPORTED,
    CaseStatus.ACCEPTED,
    CaseStatus.DISPATCHED,
    CaseStatus.IN_PROGRESS,
    CaseStatus.EXTENSION_REQUESTED,
    CaseStatus.FEEDBACK,
    CaseStatus.VERIFIED,
    CaseStatus.ESCALATED,
    CaseStatus.LONG_TERM,
}
PAUSED = {CaseStatus.EXTENSION_REQUESTED, CaseStatus.LONG_TERM, CaseStatus.ESCALATED}
RANK = {"simple": 0, "general": 1, "complex": 2}


@pytest.fixture
def town(db: Database) -> Any:
    with db.session() as s:
        t = make_township(s)
        make_cases(s, t, N_CASES)
        ids = list(s.scalars(select(Case.id).order_by(Case.id)))
        watch(s, "zhang", ids[::9])
    return t


# --- the naive reference ---------------------------------------------------------------------------------


def all_cases(db: Database) -> list[dict[str, Any]]:
    with db.session() as s:
        grids = {g.id: g for g in s.scalars(select(Grid))}
        watched: dict[str, set[int]] = {}
        for w in s.scalars(select(CaseWatch)):
            watched.setdefault(w.login, set()).add(w.case_id)
        out = []
        for c in s.scalars(select(Case)):
            out.append(
                {
                    "id": c.id,
                    "number": c.number,
                    "status": c.status,
                    "grid_code": c.grid_code,
                    "grid_name": grids[c.grid_id].name,
                    "category_id": c.category_id,
                    "dept": c.lead_department_id,
                    "source": c.source,
                    "severity": c.severity,
                    "due": c.stage_due_at,
                    "warn": c.stage_warn_at,
                    "reported": c.reported_at,
                    "closed": c.closed_at,
                    "text": f"{c.summary} {c.address} {c.description}".lower(),
                    "claimed": c.claimed_by
                    if c.claim_expires_at is None or c.claim_expires_at > NOW
                    else None,
                    "watchers": {login for login, ids in watched.items() if c.id in ids},
                }
            )
        grid_list = [(g.code, g.name, g.pinyin_initials) for g in grids.values()]
    for row in out:
        row["grids"] = grid_list
    return out


def ref_light(c: dict[str, Any]) -> TrafficLight:
    if c["status"] in PAUSED:
        return TrafficLight.PAUSED
    if c["status"] not in OPEN or c["due"] is None:
        return TrafficLight.NONE
    if c["due"] < NOW:
        return TrafficLight.RED
    if c["warn"] is not None and c["warn"] <= NOW:
        return TrafficLight.YELLOW
    return TrafficLight.GREEN


def ref_match(c: dict[str, Any], f: QueueFilter) -> bool:  # noqa: PLR0911
    if f.statuses is not None and c["status"] not in f.statuses:
        return False
    if f.grid_code_prefix and not c["grid_code"].startswith(f.grid_code_prefix):
        return False
    if f.category_ids is not None and c["category_id"] not in f.category_ids:
        return False
    if f.department_ids is not None and c["dept"] not in f.department_ids:
        return False
    if f.lights is not None and ref_light(c) not in f.lights:
        return False
    if f.sources is not None and c["source"] not in f.sources:
        return False
    if f.reported_from and c["reported"] < f.reported_from:
        return False
    if f.reported_to and c["reported"] >= f.reported_to:
        return False
    if f.watched_by and f.watched_by not in c["watchers"]:
        return False
    if f.claimed_by and c["claimed"] != f.claimed_by:
        return False
    if f.text:
        t = f.text.strip()
        by_number = c["number"].startswith(t)
        if t[:4].isdigit() and t[4:5] == "-":
            return by_number
        grid_hit = any(
            (t in name or ini.startswith(t.lower())) and c["grid_code"].startswith(queue.subtree_prefix(code))
            for code, name, ini in c["grids"]
        )
        return by_number or t.lower() in c["text"] or grid_hit
    return True


def ref_order(cases: list[dict[str, Any]], sort: SortKey, desc: bool) -> list[int]:
    sign = -1 if desc else 1
    if sort is SortKey.DEADLINE:
        # running clocks, then paused ones (their frozen deadline must not crowd out the urgent), then none
        running = [c for c in cases if c["due"] is not None and c["status"] not in PAUSED]
        paused = [c for c in cases if c["due"] is not None and c["status"] in PAUSED]
        timed = [
            c
            for part in (running, paused)
            for c in sorted(part, key=lambda c: (c["due"], c["id"]), reverse=desc)
        ]
        untimed = sorted((c for c in cases if c["due"] is None), key=lambda c: c["id"], reverse=desc)
        return [c["id"] for c in timed + untimed]
    if sort is SortKey.REPORTED:
        return [c["id"] for c in sorted(cases, key=lambda c: (c["reported"], c["id"]), reverse=desc)]
    key = sorted(cases, key=lambda c: (sign * RANK[c["severity"]], c["reported"], c["id"]), reverse=False)
    if desc:
        key = sorted(cases, key=lambda c: (RANK[c["severity"]], c["reported"], c["id"]), reverse=True)
    return [c["id"] for c in key]


def pages(db: Database, f: QueueFilter, sort: SortKey, desc: bool, limit: int) -> list[int]:
    ids: list[int] = []
    cursor = None
    with db.session() as s:
        for _ in range(1000):
            page = queue.fetch_page(s, f, sort, desc, after=cursor, limit=limit, now=NOW)
            assert len(page.rows) <= limit
            ids.extend(r.id for r in page.rows)
            if page.next_cursor is None:
                return ids
            assert len(page.rows) == limit
            # the CLI hands cursors around as text
            cursor = Cursor.decode(page.next_cursor.encode())
    raise AssertionError("pagination did not end")


def filters(town: Any) -> list[QueueFilter]:
    cats = town.category_ids
    depts = town.department_ids
    return [
        QueueFilter(),
        QueueFilter(statuses=frozenset({CaseStatus.REPORTED})),
        queue.quick_filter("办理中", "zhang"),
        queue.quick_filter("超期", "zhang"),
        queue.quick_filter("我关注的", "zhang"),
        QueueFilter(grid_code_prefix=queue.subtree_prefix("110105001001000")),
        QueueFilter(grid_code_prefix="110105001002001", statuses=frozenset(OPEN)),
        # a community's open cases, some statuses only (the partial open index, narrowed)
        QueueFilter(
            grid_code_prefix="110105001002",
            statuses=frozenset({CaseStatus.REPORTED, CaseStatus.IN_PROGRESS, CaseStatus.ESCALATED}),
        ),
        QueueFilter(
            grid_code_prefix="110105001001", statuses=frozenset({CaseStatus.CLOSED, CaseStatus.REPORTED})
        ),
        QueueFilter(category_ids=frozenset({cats["环境卫生"]}), department_ids=frozenset({depts["派出所"]})),
        QueueFilter(lights=frozenset({TrafficLight.YELLOW, TrafficLight.GREEN})),
        QueueFilter(lights=frozenset({TrafficLight.PAUSED, TrafficLight.NONE})),
        QueueFilter(sources=frozenset({Source.HOTLINE, Source.PATROL})),
        QueueFilter(reported_from=NOW - timedelta(days=10), reported_to=NOW - timedelta(days=2)),
        QueueFilter(text="2026-00012"),
        QueueFilter(text="建设路"),
        QueueFilter(text="sgms"),
        QueueFilter(text="路灯", statuses=frozenset({CaseStatus.CLOSED, CaseStatus.REPORTED})),
        # short needles without case (the raw haystack) and cased ones (folded), over the whole table
        QueueFilter(text="井盖"),
        QueueFilter(text="灯"),
        QueueFilter(text="led"),
        QueueFilter(text="Led路灯"),
        QueueFilter(claimed_by="li"),
        QueueFilter(statuses=frozenset({CaseStatus.CLOSED}), lights=frozenset({TrafficLight.RED})),
    ]


# --- tests -------------------------------------------------------------------------------------------------


@pytest.fixture(params=["case_counts", "cases only"])
def counts_table(request: Any, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run a test with the maintained counts (migration 0004) and without them, as for a PostgreSQL login
    that row-level security keeps from seeing every case."""
    if request.param == "cases only":
        monkeypatch.setattr(queue.case_counts, "counts_usable", lambda _session: False)
        return False
    return True


def test_every_filter_and_sort_pages_like_one_ordered_query(
    db: Database, town: Any, counts_table: bool
) -> None:
    cases = all_cases(db)
    for f in filters(town):
        matching = [c for c in cases if ref_match(c, f)]
        for sort in SortKey:
            for desc in (False, True):
                expected = ref_order(matching, sort, desc)
                limit = 7 if f == QueueFilter() and not desc else 25
                got = pages(db, f, sort, desc, limit)
                assert got == expected, (f, sort, desc)
        with db.session() as s:
            assert queue.count(s, f, NOW) == len(matching), f


def test_filters_are_not_vacuous(db: Database, town: Any) -> None:
    """Each test filter keeps some rows and drops some, so the comparison above proves something."""
    cases = all_cases(db)
    for f in filters(town)[1:-1]:
        n = sum(ref_match(c, f) for c in cases)
        assert 0 < n < len(cases), f
    # 2026-00012 is a prefix of 2026-000120 … 2026-000129 and nothing else
    assert sum(ref_match(c, QueueFilter(text="2026-00012")) for c in cases) == 10


def test_rows_carry_names_light_and_lapsed_claims(db: Database, town: Any) -> None:
    cases = {c["id"]: c for c in all_cases(db)}
    with db.session() as s:
        rows = queue.fetch_page(s, QueueFilter(), limit=N_CASES, now=NOW).rows
    assert len(rows) == N_CASES
    names = {"派出所", "环保办", "安监办", None}
    for r in rows:
        c = cases[r.id]
        assert r.light is ref_light(c)
        assert r.grid_name == c["grid_name"]
        assert r.category_name in {"环境卫生", "安全隐患", "矛盾纠纷"}
        assert r.lead_department_name in names
        assert r.claimed_by == c["claimed"]
    assert {r.light for r in rows} == set(TrafficLight)


def test_fetch_rows_and_jump(db: Database, town: Any) -> None:
    cases = all_cases(db)
    expected = ref_order(cases, SortKey.REPORTED, True)
    with db.session() as s:
        rows = queue.fetch_rows(s, [expected[5], expected[3], 999_999], now=NOW)
        assert [r.id for r in rows] == sorted([expected[5], expected[3]])
        page = queue.fetch_page_at(s, QueueFilter(), SortKey.REPORTED, True, offset=100, limit=30, now=NOW)
        assert [r.id for r in page.rows] == expected[100:130]
        assert page.next_cursor is not None
        nxt = queue.fetch_page(
            s, QueueFilter(), SortKey.REPORTED, True, after=page.next_cursor, limit=30, now=NOW
        )
        assert [r.id for r in nxt.rows] == expected[130:160]
        for sort in SortKey:
            flt = queue.quick_filter("办理中")
            exp = ref_order([c for c in cases if ref_match(c, flt)], sort, False)
            at = queue.fetch_page_at(s, flt, sort, False, offset=3, limit=5, now=NOW)
            assert [r.id for r in at.rows] == exp[3:8]


def test_jump_by_deadline_across_dated_and_undated_cases(db: Database, town: Any, counts_table: bool) -> None:
    """`fetch_page_at` by deadline reads dated cases, then undated ones; a page may straddle the two."""
    cases = all_cases(db)
    for flt in (
        QueueFilter(),
        QueueFilter(statuses=frozenset(OPEN), grid_code_prefix="110105001002"),
        QueueFilter(statuses=frozenset({CaseStatus.CLOSED, CaseStatus.ESCALATED})),
    ):
        matching = [c for c in cases if ref_match(c, flt)]
        for desc in (False, True):
            expected = ref_order(matching, SortKey.DEADLINE, desc)
            dated = sum(c["due"] is not None for c in matching)
            assert 0 < dated < len(matching), flt
            with db.session() as s:
                for offset in (0, dated - 3, dated, len(matching) - 2, len(matching) + 5):
                    page = queue.fetch_page_at(s, flt, SortKey.DEADLINE, desc, offset, 6, now=NOW)
                    assert [r.id for r in page.rows] == expected[max(0, offset) : offset + 6], (flt, offset)
                    assert (page.next_cursor is not None) == (offset + 6 < len(expected))


def test_case_counts_follow_every_change(db: Database, town: Any) -> None:
    """The triggers of migration 0004 keep case_counts equal to a GROUP BY over cases: insert, a change of
    status, grid or deadline (one row and many in one statement), a change of nothing they count, delete."""

    def check() -> None:
        with db.session() as s:
            expected = {
                (code, st, bool(dated)): n
                for code, st, dated, n in s.execute(
                    text(
                        "SELECT grid_code, status, stage_due_at IS NOT NULL, count(*) FROM cases "
                        "GROUP BY grid_code, status, stage_due_at IS NOT NULL"
                    )
                )
            }
            got = {
                (code, st, bool(dated)): n
                for code, st, dated, n in s.execute(
                    text("SELECT grid_code, status, dated, n FROM case_counts WHERE n <> 0")
                )
            }
        assert got == expected

    check()
    with db.session() as s:
        ids = list(s.scalars(select(Case.id).order_by(Case.id)))
        watched = set(s.scalars(select(CaseWatch.case_id)))
    with db.session() as s:
        s.execute(update(Case).where(Case.id == ids[0]).values(status=CaseStatus.CLOSED))
        s.execute(update(Case).where(Case.id == ids[1]).values(grid_code="110105001901000"))
        s.execute(update(Case).where(Case.id == ids[2]).values(stage_due_at=None))
        s.execute(update(Case).where(Case.id == ids[3]).values(stage_due_at=NOW, status=CaseStatus.REPORTED))
        s.execute(update(Case).where(Case.id.in_(ids[10:60])).values(status=CaseStatus.FEEDBACK))
        s.execute(update(Case).where(Case.id.in_(ids[60:70])).values(summary="只改概要", version=2))
    check()
    with db.session() as s:
        gone = [i for i in ids[100:120] if i not in watched]
        s.execute(delete(Case).where(Case.id.in_(gone)))
        make_cases(s, town, 30, seed=11, first=N_CASES + 1)
    check()
    with db.session() as s:  # counts follow, so the summed figures stay exact
        assert queue.count(s, QueueFilter(), NOW) == N_CASES - len(gone) + 30
        assert queue.status_counts(s, QueueFilter(), NOW)[CaseStatus.FEEDBACK] == s.scalar(
            select(func.count()).select_from(Case).where(Case.status == CaseStatus.FEEDBACK)
        )


def test_counts_equal_naive_counts(db: Database, town: Any, counts_table: bool) -> None:
    cases = all_cases(db)
    with db.session() as s:
        by_status = queue.status_counts(s, QueueFilter(), NOW)
        assert by_status == {st: sum(c["status"] == st for c in cases) for st in CaseStatus}
        f = QueueFilter(grid_code_prefix="110105001002", sources=frozenset({Source.RESIDENT, Source.HOTLINE}))
        assert queue.status_counts(s, f, NOW) == {
            st: sum(c["status"] == st and ref_match(c, f) for c in cases) for st in CaseStatus
        }
        grids = queue.grid_counts(s, NOW)
        dash = queue.dashboard_counts(s, NOW)
    assert set(grids) == {"110105001000000", *(code for code, *_ in town_grids())}
    for code, got in grids.items():
        sub = [
            c for c in cases if c["grid_code"].startswith(queue.subtree_prefix(code)) and c["status"] in OPEN
        ]
        assert got == queue.GridCount(len(sub), sum(ref_light(c) is TrafficLight.RED for c in sub)), code
    assert grids[TOWN].open == sum(c["status"] in OPEN for c in cases) > 0
    midnight = NOW.replace(hour=0)
    working = {CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS, CaseStatus.EXTENSION_REQUESTED}
    assert dash == queue.DashboardCounts(
        pending_accept=sum(c["status"] == CaseStatus.REPORTED for c in cases),
        in_progress=sum(c["status"] in working for c in cases),
        due_soon=sum(ref_light(c) is TrafficLight.YELLOW for c in cases),
        overdue=sum(ref_light(c) is TrafficLight.RED for c in cases),
        new_today=sum(midnight <= c["reported"] < midnight + timedelta(days=1) for c in cases),
        closed_today=sum(c["closed"] is not None and c["closed"] >= midnight for c in cases),
    )
    assert dash.new_today > 0 and dash.closed_today > 0 and dash.overdue > 0 and dash.due_soon > 0


def town_grids() -> list[tuple[str, ...]]:
    from tests.queue_data import GRIDS

    return [(g[0],) for g in GRIDS]


def test_text_by_pinyin_initials_reaches_the_subtree(db: Database, town: Any, counts_table: bool) -> None:
    with db.session() as s:
        rows = queue.fetch_page(s, QueueFilter(text="xhs"), limit=500, now=NOW).rows
        assert rows and {r.grid_code[:12] for r in rows} == {"110105001001"}
        # sgm matches the township itself (三官庙街道), so every case in the township
        assert queue.count(s, QueueFilter(text="sgm"), NOW) == N_CASES
        assert queue.count(s, QueueFilter(text="SGMSQ"), NOW) == queue.count(
            s, QueueFilter(grid_code_prefix="110105001002"), NOW
        )
        assert queue.count(s, QueueFilter(text="兴华二"), NOW) == queue.count(
            s, QueueFilter(grid_code_prefix="110105001001002"), NOW
        )
        exact = queue.fetch_page(s, QueueFilter(text="2026-000042"), now=NOW).rows
        assert [r.number for r in exact] == ["2026-000042"]
        assert queue.count(s, QueueFilter(text="100%_"), NOW) == 0  # wildcards are literal


def test_quick_filters_and_errors(db: Database, town: Any) -> None:
    assert queue.quick_filter("待受理").statuses == {CaseStatus.REPORTED}
    assert queue.quick_filter("待派遣").statuses == {CaseStatus.ACCEPTED}
    assert queue.quick_filter("待核查").statuses == {CaseStatus.FEEDBACK}
    assert queue.quick_filter("超期").lights == {TrafficLight.RED}
    assert queue.quick_filter("我关注的", "wang").watched_by == "wang"
    with pytest.raises(ValidationError):
        queue.quick_filter("全部超期")
    with pytest.raises(ValidationError):
        queue.quick_filter("我关注的", None)
    with pytest.raises(ValidationError):
        Cursor.decode("not-a-cursor")
    with db.session() as s:
        page = queue.fetch_page(s, QueueFilter(), SortKey.DEADLINE, limit=10, now=NOW)
        assert page.next_cursor is not None
        with pytest.raises(ValidationError):
            queue.fetch_page(s, QueueFilter(), SortKey.REPORTED, after=page.next_cursor, now=NOW)
        empty = replace(
            QueueFilter(), statuses=frozenset({CaseStatus.CLOSED}), lights=frozenset({TrafficLight.RED})
        )
        assert queue.fetch_page(s, empty, now=NOW).rows == []
        assert queue.count(s, empty, NOW) == 0


def test_subtree_prefix() -> None:
    assert queue.subtree_prefix("110105001000000") == "110105001"
    assert queue.subtree_prefix("110105001002000") == "110105001002"
    assert queue.subtree_prefix("110105001002003") == "110105001002003"
    assert queue.subtree_prefix("110105000000000") == "110105"


def test_light_boundaries() -> None:
    due = datetime(2026, 3, 10, 12, 0)
    warn = due - timedelta(hours=4)
    ip = CaseStatus.IN_PROGRESS
    assert queue.light_of(ip, due, warn, due) is TrafficLight.YELLOW  # due exactly now: not yet late
    assert queue.light_of(ip, due, warn, due + timedelta(seconds=1)) is TrafficLight.RED
    assert queue.light_of(ip, due, warn, warn) is TrafficLight.YELLOW
    assert queue.light_of(ip, due, warn, warn - timedelta(seconds=1)) is TrafficLight.GREEN
    assert queue.light_of(CaseStatus.LONG_TERM, due, warn, due) is TrafficLight.PAUSED
    assert queue.light_of(CaseStatus.CLOSED, due, warn, due + timedelta(days=1)) is TrafficLight.NONE
    assert queue.light_of(ip, None, None, due) is TrafficLight.NONE
    assert Severity.COMPLEX.label == "复杂"


def test_cli_queue_json_table_and_refusals(db: Database, db_url: str, town: Any, capsys: Any) -> None:
    import json

    from console import clock
    from console.cli.main import main

    clock.set_clock(lambda: NOW)
    try:
        assert main(["--db", db_url, "--json", "queue", "--status", "待受理", "--limit", "5"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert len(out["rows"]) == 5 and {r["status"] for r in out["rows"]} == {"reported"}
        token = out["next_cursor"]
        assert (
            main(
                ["--db", db_url, "queue", "--status", "reported", "--limit", "5", "--after", token, "--json"]
            )
            == 0
        )
        second = json.loads(capsys.readouterr().out)
        with db.session() as s:
            page1 = queue.fetch_page(s, queue.quick_filter("待受理"), limit=5, now=NOW)
            page2 = queue.fetch_page(
                s, queue.quick_filter("待受理"), after=page1.next_cursor, limit=5, now=NOW
            )
        assert [r["id"] for r in second["rows"]] == [r.id for r in page2.rows]
        assert (
            main(["--db", db_url, "queue", "--grid", "110105001001000", "--quick", "超期", "--limit", "3"])
            == 0
        )
        table = capsys.readouterr().out
        assert "编号" in table and "已超期" in table and "兴华" in table and "下一页" in table
        assert main(["--db", db_url, "queue", "counts"]) == 0
        assert "今日办结" in capsys.readouterr().out
        for bad, message in (
            (["--grid", "999"], "未知的网格编码"),
            (["--category", "不存在"], "未知的事件类别"),
            (["--department", "消防队"], "未知的部门"),
            (["--from", "2026-13-01"], "无效"),
            (["--light", "purple"], "时限灯"),
        ):
            assert main(["--db", db_url, "queue", *bad]) == 2, bad
            assert message in capsys.readouterr().err, bad
    finally:
        clock.set_clock(None)


def test_open_index_predicate_is_the_migrations_word_for_word() -> None:
    """SQLite uses the partial index only when a query repeats its WHERE term exactly."""
    import importlib.util

    from console.db import MIGRATIONS_DIR

    path = MIGRATIONS_DIR / "versions" / "0004_queue_counts.py"
    spec = importlib.util.spec_from_file_location("migration_0004", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.OPEN_PREDICATE == queue.OPEN_PREDICATE


def test_stale_counts_are_not_used_until_rebuilt(db: Database, town: Any) -> None:
    """A bulk write past the triggers leaves case_counts wrong: the demo loader's replica role on PostgreSQL
    (nothing counted), triggers dropped on SQLite while the cases were deleted (too much counted). The queue
    notices, counts over `cases`, and `rebuild_counts` heals the table."""
    with db.session() as s:
        closed = s.scalar(select(func.count()).select_from(Case).where(Case.status == CaseStatus.CLOSED))
    assert closed
    for damage in (
        "DELETE FROM case_counts",
        "UPDATE case_counts SET n = n + 1000 WHERE status = 'closed'",
    ):
        with db.session() as s:
            s.execute(text(damage))
        db.engine.dispose()  # the check is cached per connection
        with db.session() as s:
            assert not queue.counts_usable(s), damage
            assert queue.status_counts(s, QueueFilter(), NOW)[CaseStatus.CLOSED] == closed
            assert queue.count(s, QueueFilter(), NOW) == N_CASES
        with db.session() as s:
            assert queue.rebuild_counts(s) == N_CASES
        db.engine.dispose()
        with db.session() as s:
            assert queue.counts_usable(s)
            assert queue.status_counts(s, QueueFilter(), NOW)[CaseStatus.CLOSED] == closed
