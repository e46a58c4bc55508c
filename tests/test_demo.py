"""The demo township and its generated cases: deterministic, every status, consistent numbering and history."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text

from console.cli.main import main
from console.db import Database, make_engine
from console.demo import build_demo
from console.demo.reset import reset_cases
from console.demo.township import COMMUNITIES, TOWNSHIP_CODE
from console.domain import CaseStatus, GridKind
from console.models import Case, CaseHistory, CaseNumberCounter, Category, Grid, GridAssignment, StageLimit

TODAY = datetime(2026, 11, 25, 10, 30)
N = 300


class Pristine:
    """One demo build per backend for the whole module (the build is mostly fixed cost: the township, a year of
    meetings and frozen review months), handed out as copies, so a test that changes its copy changes no other."""

    def __init__(self, request: pytest.FixtureRequest, sqlite_template: Path, folder: Path) -> None:
        self.request, self.sqlite_template, self.folder = request, sqlite_template, folder
        self.sources: dict[str, str] = {}
        self.copies: list[str] = []

    def _build(self, url: str) -> None:
        db = Database(make_engine(url))
        summary = build_demo(db, cases=N, seed=42, today=TODAY)
        assert summary.created_reference and summary.stats.cases == N
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()

    def copy(self, kind: str) -> Database:
        if kind == "sqlite":
            if kind not in self.sources:
                shutil.copyfile(self.sqlite_template, self.folder / "pristine.db")
                self.sources[kind] = f"sqlite:///{self.folder / 'pristine.db'}"
                self._build(self.sources[kind])
            path = self.folder / f"copy{len(self.copies)}.db"
            shutil.copyfile(self.folder / "pristine.db", path)
            url = f"sqlite:///{path}"
        else:
            pg_databases = self.request.getfixturevalue("pg_databases")
            if kind not in self.sources:
                self.sources[kind] = pg_databases.create()
                self._build(self.sources[kind])
            url = pg_databases.copy(self.sources[kind])
        self.copies.append(url)
        return Database(make_engine(url))

    def drop(self, db: Database) -> None:
        url = db.engine.url.render_as_string(hide_password=False)
        db.dispose()
        if db.is_postgres:
            self.request.getfixturevalue("pg_databases").drop(url)


@pytest.fixture(scope="module")
def pristine(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Pristine]:
    builds = Pristine(request, sqlite_template, tmp_path_factory.mktemp("demo"))
    yield builds
    if "pg" in builds.sources:
        request.getfixturevalue("pg_databases").drop(builds.sources["pg"])


_BACKENDS = ["sqlite", pytest.param("pg", marks=pytest.mark.pg)]


@pytest.fixture(scope="module", params=_BACKENDS)
def built(request: pytest.FixtureRequest, pristine: Pristine) -> Iterator[Database]:
    """The module's demo build, for the read-only tests of this module."""
    db = pristine.copy(request.param)
    yield db
    pristine.drop(db)


@pytest.fixture(params=_BACKENDS)
def demo(request: pytest.FixtureRequest, pristine: Pristine) -> Iterator[Database]:
    """A copy of its own of the module's build, for tests that change it."""
    db = pristine.copy(request.param)
    yield db
    pristine.drop(db)


def test_reference_data(built: Database) -> None:
    with built.session() as s:
        grids = list(s.scalars(select(Grid)))
        regular = [g for g in grids if g.kind is GridKind.REGULAR]
        by_level = Counter(g.level for g in regular)
        assert by_level == {1: 1, 2: 14, 3: 59} and len(COMMUNITIES) == 14
        special = [g for g in grids if g.kind is not GridKind.REGULAR]
        assert special and all(900 <= int(g.code[9:12]) <= 999 for g in special)
        codes = {g.id: g.code for g in grids}
        for g in grids:
            assert len(g.code) == 15 and g.code.startswith(TOWNSHIP_CODE)
            if g.parent_id is not None:
                parent = codes[g.parent_id]
                assert g.code.startswith(parent[: 9 if g.level == 2 else 12])
            if g.level == 3 and g.kind is GridKind.REGULAR:
                assert 100 <= g.households <= 500
        town = next(g for g in grids if g.level == 1)
        assert town.name == "三官庙街道" and town.pinyin_initials == "sgmjd"
        cats = list(s.scalars(select(Category)))
        assert sum(c.key_area for c in cats) == 6 and len(cats) == 14
        assert all(c.default_department_id and c.closing_standard and c.workflow for c in cats)
        assert (
            s.scalar(select(func.count()).select_from(StageLimit).where(StageLimit.category_id.is_(None)))
            == 3
        )
        ended = s.scalar(
            select(func.count()).select_from(GridAssignment).where(GridAssignment.end_date.is_not(None))
        )
        assert ended and ended > 0  # past holders: the posts have history


def test_cases_cover_every_status_with_consistent_history(built: Database) -> None:
    with built.session() as s:
        cases = list(s.scalars(select(Case).order_by(Case.id)))
        assert len(cases) == N
        assert {c.status for c in cases} == set(CaseStatus)
        hist: dict[int, list[CaseHistory]] = {}
        for h in s.scalars(select(CaseHistory).order_by(CaseHistory.id)):
            hist.setdefault(h.case_id, []).append(h)
        numbers = set()
        for c in cases:
            rows = hist[c.id]
            assert len(rows) == c.version, c.number
            assert c.number == f"{c.year}-{c.seq:06d}" and c.year == c.reported_at.year
            numbers.add(c.number)
            assert rows[0].action == "report" and rows[0].from_status is None
            assert rows[-1].to_status == c.status
            for prev, cur in zip(rows, rows[1:], strict=False):
                assert cur.from_status == prev.to_status, (c.number, cur.action)
                assert prev.at <= cur.at
                json.loads(cur.changes)
            assert c.reported_at <= rows[0].at and rows[-1].at <= TODAY
            assert c.updated_at == rows[-1].at and c.updated_by == rows[-1].actor
            fails = sum(1 for h in rows if h.action == "verify" and h.to_status == CaseStatus.IN_PROGRESS)
            assert fails == c.rework_count
            assert c.extension_count == sum(
                1 for h in rows if h.action == "decide_extension" and '"due_at"' in h.changes
            )
            if c.status is CaseStatus.LONG_TERM:
                assert json.loads(c.governance_plan)["measures"] and c.next_review_on is not None
            if c.status is CaseStatus.MERGED:
                assert c.merged_into_id is not None and c.merged_into_id < c.id
            if c.status in (CaseStatus.CLOSED, CaseStatus.EVALUATED):
                assert c.closed_at is not None and c.stage is None and c.stage_due_at is None
            if c.status in (CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS):
                assert c.stage_started_at is not None and c.stage_due_at is not None and c.lead_department_id
                assert c.stage_started_at <= c.stage_warn_at <= c.stage_due_at  # type: ignore[operator]
            if c.status is CaseStatus.EXTENSION_REQUESTED:
                assert c.paused_at is not None and c.requested_due_at is not None
            for h in rows:
                if h.stage is not None:
                    assert h.stage_on_time is not None
        assert len(numbers) == N
        # realistic mix: most finished, some of everything else
        by = Counter(c.status for c in cases)
        assert by[CaseStatus.CLOSED] + by[CaseStatus.EVALUATED] > N // 2
        assert any(c.rework_count for c in cases) and any(c.self_handled for c in cases)
        assert any(c.extension_count for c in cases) and any(c.supervise_count for c in cases)
        overdue = [c for c in cases if c.status is CaseStatus.IN_PROGRESS and c.stage_due_at < TODAY]  # type: ignore[operator]
        assert overdue
        counters = {(r.year): r.last for r in s.scalars(select(CaseNumberCounter))}
        assert counters == {y: max(c.seq for c in cases if c.year == y) for y in {c.year for c in cases}}


def _fingerprint(db: Database) -> list[tuple[object, ...]]:
    with db.session() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(
                    Case.number, Case.status, Case.summary, Case.grid_code, Case.reported_at, Case.version
                ).order_by(Case.id)
            ).all()
        ]


def test_deterministic(sqlite_template: Path, tmp_path: Path, pristine: Pristine) -> None:
    """The same seed builds the same cases (a build of its own against the module's, seed 42); another seed
    other cases."""
    prints = []
    for name, seed in (("a.db", 42), ("b.db", 8)):
        shutil.copyfile(sqlite_template, tmp_path / name)
        db = Database(make_engine(f"sqlite:///{tmp_path / name}"))
        build_demo(db, cases=N, seed=seed, today=TODAY)
        prints.append(_fingerprint(db))
        db.dispose()
    module_build = pristine.copy("sqlite")
    try:
        assert prints[0] == _fingerprint(module_build) and len(prints[0]) == N
    finally:
        pristine.drop(module_build)
    assert prints[1] != prints[0]


def test_more_cases_continue_numbering(demo: Database) -> None:
    from console.demo import generate_cases

    before = _fingerprint(demo)
    generate_cases(demo, 50, seed=1, start=datetime(2026, 11, 1), end=TODAY)
    after = _fingerprint(demo)
    assert after[:N] == before and len(after) == N + 50
    assert len({r[0] for r in after}) == N + 50


def _counted(db: Database) -> tuple[int, dict[str, int]]:
    """Cases per status as the queue's count table says, beside the real count."""
    with db.session() as s:
        table = {
            str(st): int(n)
            for st, n in s.execute(text("SELECT status, sum(n) FROM case_counts GROUP BY status"))
        }
        real = {
            str(st): int(n) for st, n in s.execute(select(Case.status, func.count()).group_by(Case.status))
        }
        assert table == {k: v for k, v in real.items() if v}
        return sum(real.values()), table


def test_queue_count_table_matches_after_load_and_reset(demo: Database) -> None:
    """Bulk loads and resets bypass the count triggers; they rebuild the table, so the badges are right."""
    assert _counted(demo)[0] == N
    reset_cases(demo)
    assert _counted(demo) == (0, {})
    build_demo(demo, cases=30, seed=2, today=TODAY)
    assert _counted(demo)[0] == 30


def test_reset(demo: Database) -> None:
    assert reset_cases(demo) == N
    with demo.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
        assert s.scalar(select(func.count()).select_from(CaseHistory)) == 0
        assert (s.scalar(select(func.count()).select_from(Grid)) or 0) > 70  # reference data stays
    build_demo(demo, cases=20, seed=1, today=TODAY)
    with demo.session() as s:
        assert s.scalar(select(func.min(Case.seq))) == 1
    # the history is still append-only after the reset
    with pytest.raises(Exception, match="只能追加"), demo.session() as s:
        s.execute(delete(CaseHistory))


def test_cli(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", sqlite_url, "demo", "--cases", "40", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "三官庙街道" in out and "案件 40 件" in out
    assert main(["--db", sqlite_url, "demo", "--cases", "10"]) == 2
    assert "已有 40 件案件" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "demo", "--cases", "10", "--reset"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "--json", "demo", "--cases", "10", "--reset", "--yes"]) == 0
    assert json.loads(capsys.readouterr().out)["cases"] == 10
    assert main(["--db", sqlite_url, "grid", "show", TOWNSHIP_CODE + "001000"]) == 0
    assert "三官庙社区" in capsys.readouterr().out


def test_realistic_mix(sqlite_url: str) -> None:
    """Most of a year's cases are finished; open ones are recent unless parked (挂账/县级); few are overdue."""
    from console.queue import CLOCKED_STATUSES

    db = Database(make_engine(sqlite_url))
    n = 4000
    st = build_demo(db, cases=n, seed=5, today=TODAY).stats
    assert st.history / n < 7.0  # no invented notes on every case
    with db.session() as s:
        rows = s.execute(select(Case.status, Case.reported_at, Case.stage_due_at)).all()
    db.dispose()
    done = {CaseStatus.CLOSED, CaseStatus.EVALUATED, CaseStatus.REJECTED, CaseStatus.MERGED}
    open_ = [r for r in rows if r.status not in done]
    assert 0.02 * n <= len(open_) <= 0.10 * n
    old = [r for r in open_ if (TODAY - r.reported_at).days > 21]
    parked = [r for r in old if r.status in (CaseStatus.LONG_TERM, CaseStatus.ESCALATED)]
    assert len(old) - len(parked) <= 0.05 * len(open_)
    clocked = [r for r in open_ if r.status in CLOCKED_STATUSES and r.stage_due_at is not None]
    overdue = [r for r in clocked if r.stage_due_at < TODAY]
    assert 1 <= len(overdue) <= 0.12 * len(open_)
    late_by = sorted(TODAY - r.stage_due_at for r in overdue)
    assert late_by[len(late_by) // 2].days <= 3 and late_by[-1].days <= 40


def _index_names(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        if db.is_postgres:
            sql = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
        return {r[0] for r in conn.exec_driver_sql(sql)}


@pytest.fixture(scope="module")
def plain_seed_9(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[object, ...]]:
    """The cases of seed 9 loaded the plain way (on SQLite, once for both backends' bulk loads)."""
    path = tmp_path_factory.mktemp("plain") / "plain.db"
    shutil.copyfile(sqlite_template, path)
    plain = Database(make_engine(f"sqlite:///{path}"))
    from console.demo import chunks

    with pytest.MonkeyPatch.context() as mp:  # the chunking the bulk loads below use (it seeds each chunk)
        mp.setattr(chunks, "CHUNK", 60)
        build_demo(plain, cases=N, seed=9, today=TODAY)
    try:
        return _fingerprint(plain)
    finally:
        plain.dispose()


def test_large_load_path(db: Database, monkeypatch: pytest.MonkeyPatch, plain_seed_9: list[tuple[object, ...]]) -> None:
    """The bulk path (indexes set aside, two loader processes on PostgreSQL) loads the same cases as the plain
    one and leaves every index of the migrations in place."""
    from console.demo import chunks, generator

    monkeypatch.setattr(chunks, "CHUNK", 60)
    indexes = _index_names(db)
    monkeypatch.setattr(generator, "LARGE_LOAD", 200)
    st = build_demo(db, cases=N, seed=9, today=TODAY).stats
    assert st.cases == N and st.history > N
    assert _fingerprint(db) == plain_seed_9
    assert _index_names(db) == indexes
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(CaseHistory)  # and the replayed meetings' decisions
                        .where(CaseHistory.note.not_like("%经〔%"))) == st.history  # fmt: skip
        counters = {r.year: r.last for r in s.scalars(select(CaseNumberCounter))}
        rows = s.execute(select(Case.year, func.max(Case.seq)).group_by(Case.year)).all()
        assert counters == {y: last for y, last in rows}
        from console.meetings import counted

        assert counted.usable(s)  # the meetings' counts, their triggers set aside for the load, were rebuilt


def test_the_last_weeks_meetings_are_replayed_through_the_workflow(built: Database) -> None:
    """The communities' analysis meetings (民情分析会) and the last weekly meeting were run through the services:
    their applied decisions are in the cases' histories, citing the meeting, never earlier than the case's
    previous step; nothing was refused; the hand-ups wait on the next weekly agenda."""
    from console.meetings import proposal
    from console.meetings.kinds import MeetingKind, MeetingStatus
    from console.meetings.read import meeting_view
    from console.models import AgendaItem, Meeting, MeetingDecision

    with built.session() as s:
        villages = list(s.scalars(select(Meeting).where(Meeting.kind == MeetingKind.VILLAGE)))
        assert villages and all(m.status is MeetingStatus.APPROVED for m in villages)
        replayed = [*villages, s.scalars(select(Meeting).where(Meeting.kind == MeetingKind.WEEKLY,
                                                               Meeting.status == MeetingStatus.APPROVED)
                                        .order_by(Meeting.held_at.desc())).first()]  # fmt: skip
        applied = 0
        for m in replayed:
            assert m is not None
            for d in s.scalars(select(MeetingDecision).where(MeetingDecision.meeting_id == m.id)):
                assert d.refusal == "", d.refusal
                assert d.applied_at is not None
                steps = list(s.scalars(select(CaseHistory).where(CaseHistory.case_id == d.case_id)
                                       .order_by(CaseHistory.id)))  # fmt: skip
                cited = [i for i, h in enumerate(steps) if f"经{m.number}" in h.note]
                assert cited, (m.number, d.kind)
                i = cited[0]
                assert steps[i].at >= steps[i - 1].at
                applied += 1
        assert applied >= 3
        # what the communities handed up is on a later weekly agenda (the replayed one took it up)
        handed_up = set(s.scalars(select(AgendaItem.case_id).where(AgendaItem.handed_up_at.is_not(None))))
        taken = set()
        for m in s.scalars(select(Meeting).where(Meeting.kind == MeetingKind.WEEKLY).order_by(Meeting.held_at.desc())
                           .limit(2)):  # fmt: skip
            taken |= {i.case_id for i in meeting_view(s, m.id, "demo", TODAY.date()).items
                      if proposal.HANDED_UP in [c for c, _t in i.reasons]}  # fmt: skip
    assert handed_up and handed_up == taken
