"""Supervisory review at scale: the monthly review of all grids and departments, a drill-down page, freezing a
month, a year's chart data and the bulletin PDF with charts, over N demo cases.

    .venv/bin/python bench/review_bench.py --cases 1000000 --backend both     # pg | sqlite | both
    .venv/bin/python bench/review_bench.py --url sqlite:////tmp/gcbench_x/bench.db   # a kept database

Targets at 1M cases (issue 14): monthly review ≤ 1 s on PostgreSQL and ≤ 2 s on SQLite, a drill-down page
≤ 50 ms, freezing a month ≤ 5 s, the chart data for a year ≤ 300 ms, the bulletin PDF with charts ≤ 5 s.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.queue_bench import analyze, load, make_pg, make_sqlite, timed  # noqa: E402
from console import clock  # noqa: E402
from console.db import Database, make_engine  # noqa: E402
from console.review import freezing  # noqa: E402
from console.review.charts import category_breakdown, weekly_trend  # noqa: E402
from console.review.drill import COUNTED, drill  # noqa: E402
from console.review.figures import compute_figures, window  # noqa: E402
from console.review.periods import month  # noqa: E402
from console.review.results import stored_result  # noqa: E402
from console.review.scopes import DEPARTMENT, GRID, Scope  # noqa: E402

TARGETS = {  # ms: (PostgreSQL, SQLite)
    "monthly review, all grids + all departments": (1000, 2000),
    "drill-down page (100 rows)": (50, 50),
    "freeze a month (grids + departments)": (5000, 5000),
    "chart data for a year": (300, 300),
    "bulletin PDF with charts": (5000, 5000),
}
GRIDS, DEPTS = Scope(GRID, level=2), Scope(DEPARTMENT)


def report(db: Database, now: datetime, repeat: int) -> None:
    backend = "postgresql" if db.is_postgres else "sqlite"
    last = (now.replace(day=1) - timedelta(days=1))
    period = month(last.year, last.month)
    clock.set_clock(lambda: now)

    def line(name: str, p50: float, p95: float, extra: str = "") -> None:
        target = TARGETS[name][0 if db.is_postgres else 1]
        mark = "ok" if p95 <= target else "MISSED"
        print(f"  {name:<46} p50 {p50:9.1f} ms  p95 {p95:9.1f} ms  target {target:>5} ms  {mark}  {extra}")

    def review_both() -> Any:
        with db.sessions() as s:
            return compute_figures(s, period, GRIDS, now=now), compute_figures(s, period, DEPTS, now=now)

    grids, depts = review_both()
    line("monthly review, all grids + all departments", *timed(review_both, repeat, 1),
         f"({grids.text('reported')} reported, {len(grids.keys)} grids, {len(depts.keys)} departments)")
    w = window(period, grids.rules, now)
    dept = depts.keys[0]

    def page() -> Any:
        with db.sessions() as s:
            return drill(s, w, DEPTS, "close_rate", dept, COUNTED, 0, 100)

    first = page()

    def next_page() -> Any:
        with db.sessions() as s:
            return drill(s, w, DEPTS, "close_rate", dept, COUNTED, first.after or 0, 100)

    line("drill-down page (100 rows)", *timed(page, repeat), f"first page ({len(first.rows)} rows)")
    line("drill-down page (100 rows)", *timed(next_page, repeat), "next page")

    def charts() -> Any:
        with db.sessions() as s:
            return (weekly_trend(s, now - timedelta(days=365), now, Scope(GRID, level=None)),
                    category_breakdown(s, w, Scope(GRID, level=None)))  # fmt: skip

    line("chart data for a year", *timed(charts, repeat))

    def freeze_month() -> None:
        with db.write_session() as s:
            for scope in (GRIDS, DEPTS):
                row = freezing.compute(s, period, scope, "督查员", now)
                freezing.publish(s, row.id, "督查员", now)
                freezing.approve(s, row.id, "主任", now)
                freezing.freeze(s, row.id, "主任", now)
            s.rollback()  # measure again from scratch

    line("freeze a month (grids + departments)", *timed(freeze_month, max(1, repeat // 5), 0))
    with db.write_session() as s:
        assert stored_result(s, period, GRIDS) is None

    from reports.review_bulletin import render_review_bulletin

    out = Path(tempfile.mkdtemp(prefix="gcbench_pdf_")) / "bulletin.pdf"
    pages = 0

    def pdf() -> None:
        nonlocal pages
        pages = render_review_bulletin(db, period, out, now=now)

    line("bulletin PDF with charts", *timed(pdf, max(1, repeat // 5), 1), f"({pages} pages)")
    shutil.rmtree(out.parent, ignore_errors=True)
    clock.set_clock(None)
    print(f"  ({backend}, {period.label})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--backend", choices=["pg", "sqlite", "both"], default="both")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--keep", action="store_true", help="keep the benchmark database")
    ap.add_argument("--url", help="measure an existing (kept) database instead of building one")
    args = ap.parse_args(argv)
    if args.url:
        db = Database(make_engine(args.url, password="") if "postgresql" in args.url else make_engine(args.url))
        report(db, clock.now().replace(second=0, microsecond=0), args.repeat)
        db.dispose()
        return 0
    for kind in (["pg", "sqlite"] if args.backend == "both" else [args.backend]):
        db, cleanup = make_pg(args.keep) if kind == "pg" else make_sqlite(args.keep)
        try:
            secs, now, info = load(db, args.cases, args.seed)
            print(f"{kind}: {info}")
            analyze(db)
            report(db, now, args.repeat)
        finally:
            db.dispose()
            cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
