"""Demo cases: a year of cases ending "today" across every status, deterministic from a seed, fast enough to
load a million. `casemaker` plans and replays one case, `chunks` cuts a load into chunks any process can make,
`loaders` writes them (COPY on PostgreSQL, large `executemany` transactions on SQLite), `reset` empties the
case tables again.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from console import clock
from console.db import Database
from console.demo.chunks import ChunkMaker, Job
from console.demo.derived import rebuild_derived
from console.demo.loaders import PgWriter, SqliteWriter, pg_parallel_load
from console.demo.township import create_reference, load_reference
from console.errors import ValidationError
from console.models import Case, CaseHistory, CaseNumberCounter

LARGE_LOAD = 50_000  # from this many cases: indexes set aside during the load; on PostgreSQL two loaders


@dataclass
class GenStats:
    backend: str
    cases: int = 0
    history: int = 0
    co_departments: int = 0
    seconds: float = 0.0
    index_seconds: float = 0.0  # of `seconds`: building the indexes a large load set aside
    fk_checks: bool = (
        True  # False when PostgreSQL let us skip per-row FK triggers (rows consistent by construction)
    )
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def rows_per_second(self) -> float:
        return (self.cases + self.history + self.co_departments) / self.seconds if self.seconds else 0.0

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0


@dataclass
class DemoSummary:
    township: str
    grids: int
    departments: int
    categories: int
    people: int
    created_reference: bool
    stats: GenStats


def build_demo(
    db: Database,
    *,
    cases: int = 6000,
    seed: int = 20261125,
    today: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Create the demo township (if the database has none) and `cases` cases over the year ending `today`."""
    now = (today or clock.now()).replace(second=0, microsecond=0)
    with db.session() as session:
        created = load_reference(session) is None
        if created:
            create_reference(session, today=now.date(), seed=seed)
    stats = generate_cases(db, cases, seed=seed, start=now - timedelta(days=365), end=now, progress=progress)
    from console.demo.meetings import build_demo_meetings

    build_demo_meetings(db, seed=seed, today=now)  # a year of weekly consultations (每周会商) on these cases
    from console.demo.review import build_demo_review

    if cases < 100_000:  # rule sets, a year of frozen monthly reviews, appeals, spot checks (not at bench scale)
        build_demo_review(db, seed=seed, today=now)
    from console.models import Category, Department, Grid, Person

    with db.session() as session:
        ref = load_reference(session)
        assert ref is not None

        def count(model: Any) -> int:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)

        return DemoSummary(
            ref.township_name, count(Grid), count(Department), count(Category), count(Person), created, stats
        )


def generate_cases(
    db: Database,
    n: int,
    *,
    seed: int,
    start: datetime,
    end: datetime,
    progress: Callable[[int], None] | None = None,
) -> GenStats:
    """Insert `n` cases reported between `start` and `end` ("now" for their statuses), with their history.

    Needs the reference data (`create_reference`). Case numbers continue the township's counters. A large load
    (`LARGE_LOAD` cases or more, into a table not larger than the load) sets the secondary indexes of the case
    tables aside and builds them afterwards; on PostgreSQL two processes make and COPY it side by side.
    """
    began = time.perf_counter()
    if n < 0:
        raise ValidationError("案件数量不能为负数")
    with db.session() as session:
        ref = load_reference(session)
        if ref is None:
            raise ValidationError(
                "数据库中还没有乡镇网格，请先建立网格（gridconsole demo 会自动建立示例乡镇）"
            )
        counters = {
            y: last
            for y, last in session.execute(
                select(CaseNumberCounter.year, CaseNumberCounter.last).where(
                    CaseNumberCounter.township_id == ref.township_id
                )
            ).all()
        }
        existing = int(session.scalar(select(func.count()).select_from(Case)) or 0)
        case_base = int(session.scalar(select(func.coalesce(func.max(Case.id), 0))) or 0) + 1
        hist_base = int(session.scalar(select(func.coalesce(func.max(CaseHistory.id), 0))) or 0) + 1
    sqlite = not db.is_postgres
    job = Job(ref, n, seed, start, end, sqlite, case_base, counters)
    stats = GenStats(backend="sqlite" if sqlite else "postgresql")
    statuses: Counter[str] = Counter()
    large = n >= LARGE_LOAD and existing <= n
    if large and not sqlite:
        stats.fk_checks, statuses = pg_parallel_load(db, job, hist_base, stats, progress)
    else:
        writer: SqliteWriter | PgWriter = SqliteWriter(db, large) if sqlite else PgWriter(db)
        stats.fk_checks = writer.fk_checks
        chunks = ChunkMaker(job)
        hid = hist_base
        try:
            for k in range(job.chunks):
                cases, hist, codepts, st = chunks.make(k, hid)
                hid += len(hist)
                statuses.update(st)
                writer.put(cases, hist, codepts)
                stats.cases += len(cases)
                stats.history += len(hist)
                stats.co_departments += len(codepts)
                if progress:
                    progress(stats.cases)
            writer.finish(ref.township_id, job.last_seq, counters)
            stats.index_seconds = writer.index_seconds
        except BaseException:
            writer.abort()
            raise
    stats.by_status = dict(sorted(statuses.items()))
    with db.session() as session:  # the load bypassed the count triggers (replica role / dropped triggers)
        rebuild_derived(session)
    stats.seconds = time.perf_counter() - began
    return stats
