"""Queue benchmark: build N demo cases, then time the dispatcher's queue pages and counts.

    python bench/queue_bench.py [--cases 1000000] [--backend pg|sqlite|both] [--repeat 30]

Prints generation throughput and p50/p95 latency of: the first page (100 rows) of the five most common
dispatcher filters, the next page after it, a page 100 pages deep, the counts (status, grid subtree,
dashboard, filtered count) and a scrollbar jump (`fetch_page_at`); at the end, the throughput of importing
cases from a CSV file (`--import-rows`, 10,000 by default). Each timing includes opening the session
and turning rows into `QueueRow`s, i.e. what the table model pays. The database is made fresh (a SQLite file
in a temp dir; a PostgreSQL database `gcbench_<pid>` on GRIDCONSOLE_BENCH_PG, default
postgresql://postgres@127.0.0.1:5432/postgres) and dropped afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select, text  # noqa: E402

from console import clock, queue  # noqa: E402
from console.db import Database, make_engine, upgrade  # noqa: E402
from console.domain import CaseStatus  # noqa: E402
from console.models import Case, CaseWatch, Grid  # noqa: E402
from console.queue import QueueFilter, SortKey  # noqa: E402

PG_ADMIN = os.environ.get("GRIDCONSOLE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
TARGET_PAGE = {"postgresql": 10.0, "sqlite": 20.0}
TARGET_COUNT = 150.0


def pct(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def timed(fn: Any, repeat: int, warm: int = 2) -> tuple[float, float]:
    for _ in range(warm):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), pct(samples, 95)


# --- databases ---------------------------------------------------------------------------------------------


def make_sqlite(keep: bool) -> tuple[Database, Callable[[], None]]:
    tmp = Path(tempfile.mkdtemp(prefix="gcbench_"))
    engine = make_engine(f"sqlite:///{tmp / 'bench.db'}")
    upgrade(engine)

    def cleanup() -> None:
        engine.dispose()
        if not keep:
            for p in tmp.iterdir():
                p.unlink()
            tmp.rmdir()
        else:
            print(f"kept {tmp / 'bench.db'}")

    return Database(engine), cleanup


def make_pg(keep: bool) -> tuple[Database, Callable[[], None]]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"gcbench_{os.getpid()}"
    admin_url = make_url(PG_ADMIN).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(PG_ADMIN).set(drivername="postgresql+psycopg", database=name)
    engine = make_engine(url.render_as_string(hide_password=False), password="")
    upgrade(engine)

    def cleanup() -> None:
        engine.dispose()
        if keep:
            print(f"kept database {name}")
            return
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return Database(engine), cleanup


def ensure_model_indexes(db: Database) -> list[str]:
    """Create indexes declared on the models that the migrated schema lacks (proposed, not yet migrated)."""
    made = []
    tables: list[Any] = [Case.__table__, CaseWatch.__table__]
    for table in tables:
        for ix in table.indexes:
            with db.engine.begin() as conn:
                exists = conn.dialect.has_index(conn, table.name, ix.name)
                if not exists:
                    ix.create(conn)
                    made.append(str(ix.name))
    return made


def load(db: Database, n: int, seed: int) -> tuple[float, datetime, str]:
    from console.demo.generator import build_demo

    now = clock.now().replace(second=0, microsecond=0)
    t0 = time.perf_counter()
    summary = build_demo(db, cases=n, seed=seed, today=now)
    secs = time.perf_counter() - t0
    st = summary.stats
    info = (
        f"{st.cases:,} cases + {st.history:,} history rows in {secs:.1f} s "
        f"({st.cases / secs:,.0f} cases/s, {st.rows_per_second:,.0f} rows/s incl. history; "
        f"of it building the indexes set aside during the load: {st.index_seconds:.1f} s)"
    )
    return secs, now, info


def analyze(db: Database) -> None:
    if db.is_postgres:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


# --- the measurements -------------------------------------------------------------------------------------


def five_filters(db: Database) -> list[tuple[str, QueueFilter, SortKey, bool]]:
    with db.session() as s:
        # the community with the most open cases
        row = s.execute(
            select(Grid.code).where(Grid.level == 2).order_by(Grid.households.desc(), Grid.code).limit(1)
        ).first()
    community = queue.subtree_prefix(row[0]) if row else ""
    open_ = frozenset(
        {
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
    )
    return [
        ("待受理 by deadline", queue.quick_filter("待受理"), SortKey.DEADLINE, False),
        ("办理中 by deadline", queue.quick_filter("办理中"), SortKey.DEADLINE, False),
        ("超期 by deadline", queue.quick_filter("超期"), SortKey.DEADLINE, False),
        (
            "community open by deadline",
            QueueFilter(statuses=open_, grid_code_prefix=community),
            SortKey.DEADLINE,
            False,
        ),
        ("all cases newest first", QueueFilter(), SortKey.REPORTED, True),
    ]


def extra_filters(db: Database) -> list[tuple[str, QueueFilter, SortKey, bool]]:
    with db.session() as s:
        number = s.scalar(select(Case.number).order_by(Case.id.desc()).limit(1)) or "2026-0"
    return [
        (
            "open by severity (desc)",
            QueueFilter(statuses=frozenset(queue.CLOCKED_STATUSES)),
            SortKey.SEVERITY,
            True,
        ),
        ("case number prefix", QueueFilter(text=number[:9]), SortKey.REPORTED, True),
        ("free text 垃圾 (all cases)", QueueFilter(text="垃圾"), SortKey.DEADLINE, False),
        ("free text rare word (all cases)", QueueFilter(text="绝不出现的词"), SortKey.DEADLINE, False),
    ]


def import_throughput(db: Database, rows: int, seed: int) -> str:
    """Import `rows` cases from a CSV file the way `gridconsole import cases` does (all-or-nothing, checked row
    by row, numbered per township and year) and say how fast it went. Run last: it adds cases."""
    import csv
    import random

    from console.importing import import_cases
    from console.models import Category

    rng = random.Random(seed)
    with db.session() as s:
        grids = s.scalars(select(Grid.code).where(Grid.level == 3, Grid.active.is_(True))).all()
        cats = s.scalars(select(Category.name).where(Category.active.is_(True))).all()
    tmp = Path(tempfile.mkdtemp(prefix="gcimport_")) / "cases.csv"
    with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["网格编码", "问题类别", "问题摘要", "问题描述", "地址", "上报时间", "反映人", "联系电话"])
        for i in range(rows):
            when = clock.now().replace(second=0, microsecond=0) - timedelta(
                minutes=rng.randint(60, 60 * 24 * 30)
            )
            w.writerow([rng.choice(grids), rng.choice(cats), f"导入测试问题{i}", f"批量导入的第{i}条案件描述",
                        f"测试路{rng.randint(1, 300)}号", when.strftime("%Y-%m-%d %H:%M"), "张三",
                        f"139{rng.randint(0, 99_999_999):08d}"])  # fmt: skip
    t0 = time.perf_counter()
    result = import_cases(db, tmp, actor="bench")
    secs = time.perf_counter() - t0
    tmp.unlink()
    tmp.parent.rmdir()
    n = result.inserted
    return f"import: {n:,} cases from CSV in {secs:.1f} s ({n / secs:,.0f} cases/s)"


def run_backend(kind: str, n: int, repeat: int, keep: bool, seed: int, import_rows: int) -> None:
    db, cleanup = make_pg(keep) if kind == "pg" else make_sqlite(keep)
    backend = "postgresql" if db.is_postgres else "sqlite"
    print(f"\n=== {backend}: {n:,} cases ===")
    try:
        secs, now, info = load(db, n, seed)
        print(f"generation: {info}")
        with db.session() as s:
            usable = queue.counts_usable(s)
        if not usable:  # the loader went past the triggers (PostgreSQL's replica role): recount
            t0 = time.perf_counter()
            with db.session() as s:
                queue.rebuild_counts(s)
            print(f"rebuilt case_counts after the bulk load: {time.perf_counter() - t0:.1f} s")
            db.engine.dispose()
        t0 = time.perf_counter()
        made = ensure_model_indexes(db)
        if made:
            print(
                f"created model indexes missing from the migrated schema: {', '.join(made)} "
                f"({time.perf_counter() - t0:.1f} s)"
            )
        t0 = time.perf_counter()
        analyze(db)
        print(f"{'VACUUM ANALYZE' if db.is_postgres else 'ANALYZE'}: {time.perf_counter() - t0:.1f} s")
        with db.session() as s:
            total = s.scalar(text("SELECT count(*) FROM cases"))
            print(f"cases in table: {total:,}")
        report(db, backend, now, repeat)
        if import_rows:
            print(import_throughput(db, import_rows, seed))
    finally:
        cleanup()


def report(db: Database, backend: str, now: datetime, repeat: int) -> None:
    page_target = TARGET_PAGE[backend]
    hdr = f"{'measurement':<44}{'rows':>7}{'p50 ms':>9}{'p95 ms':>9}  target"
    print(hdr)
    print("-" * len(hdr))

    def line(name: str, rows: Any, p50: float, p95: float, target: float | None) -> None:
        mark = "" if target is None else (f"≤{target:g} ok" if p95 <= target else f"≤{target:g} MISSED")
        print(f"{name:<44}{rows!s:>7}{p50:>9.2f}{p95:>9.2f}  {mark}")

    def page(flt: QueueFilter, sort: SortKey, desc: bool, after: Any = None) -> queue.Page:
        with db.session() as s:
            return queue.fetch_page(s, flt, sort, desc, after=after, limit=100, now=now)

    for group, filters in (("five common filters", five_filters(db)), ("others", extra_filters(db))):
        print(f"[{group}]")
        target = page_target if group == "five common filters" else None
        for name, flt, sort, desc in filters:
            first = page(flt, sort, desc)
            p50, p95 = timed(lambda f=flt, so=sort, d=desc: page(f, so, d), repeat)
            line(f"first page: {name}", len(first.rows), p50, p95, target)
            if first.next_cursor is not None:
                cur = first.next_cursor
                p50, p95 = timed(lambda f=flt, so=sort, d=desc, c=cur: page(f, so, d, c), repeat)
                second = page(flt, sort, desc, cur)
                line("  next page", len(second.rows), p50, p95, target)
                # walk 100 pages deep and time the 100th
                c2: Any = cur
                for _ in range(99):
                    pg = page(flt, sort, desc, c2)
                    if pg.next_cursor is None:
                        break
                    c2 = pg.next_cursor
                deep = page(flt, sort, desc, c2)
                p50, p95 = timed(lambda f=flt, so=sort, d=desc, c=c2: page(f, so, d, c), repeat)
                line("  page ~100 (keyset)", len(deep.rows), p50, p95, target)
            if group == "five common filters":
                with db.session() as s:
                    n = queue.count(s, flt, now)
                p50, p95 = timed(lambda f=flt: _in_session(db, lambda s: queue.count(s, f, now)), repeat)
                line("  count", n, p50, p95, TARGET_COUNT)

    print("[counts]")
    for name, fn in (
        ("status counts (all cases)", lambda s: queue.status_counts(s, QueueFilter(), now)),
        (
            "status counts (open cases)",
            lambda s: queue.status_counts(
                s, QueueFilter(statuses=frozenset(queue.CLOCKED_STATUSES | queue.PAUSED_STATUSES)), now
            ),
        ),
        ("grid subtree counts", lambda s: queue.grid_counts(s, now)),
        ("dashboard counts", lambda s: queue.dashboard_counts(s, now)),
    ):
        result = _in_session(db, fn)
        p50, p95 = timed(lambda f=fn: _in_session(db, f), max(5, repeat // 2))
        line(name, len(result) if isinstance(result, dict) else 1, p50, p95, TARGET_COUNT)
    print("[jump]")
    for offset in (10_000, 500_000):
        p50, p95 = timed(
            lambda o=offset: _in_session(
                db, lambda s: queue.fetch_page_at(s, QueueFilter(), SortKey.REPORTED, True, o, 100, now)
            ),
            5,
            warm=1,
        )
        line(f"fetch_page_at offset {offset:,} (OFFSET)", 100, p50, p95, None)


def _in_session(db: Database, fn: Callable[[Any], Any]) -> Any:
    with db.session() as s:
        return fn(s)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--backend", choices=["pg", "sqlite", "both"], default="both")
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--keep", action="store_true", help="keep the benchmark database")
    ap.add_argument("--url", help="measure an existing (kept) database instead of building one")
    ap.add_argument(
        "--import-rows",
        type=int,
        default=None,
        help="cases to import from a CSV file at the end (default 10,000; with --url none unless asked)",
    )
    args = ap.parse_args(argv)
    if args.url:
        db = Database(make_engine(args.url, password=""))
        backend = "postgresql" if db.is_postgres else "sqlite"
        ensure_model_indexes(db)
        print(f"\n=== {backend}: existing database {db.url} ===")
        report(db, backend, clock.now().replace(second=0, microsecond=0), args.repeat)
        if args.import_rows:
            print(import_throughput(db, args.import_rows, args.seed))
        db.dispose()
        return 0
    rows = 10_000 if args.import_rows is None else args.import_rows
    for kind in ("pg", "sqlite") if args.backend == "both" else (args.backend,):
        run_backend(kind, args.cases, args.repeat, args.keep, args.seed, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
