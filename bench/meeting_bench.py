"""Meetings benchmark: build N demo cases (with the demo's year of weekly meetings), then time what a meeting
costs at scale.

    python bench/meeting_bench.py [--cases 1000000] [--backend pg|sqlite|both] [--repeat 20]

Prints p50/p95 of the agenda proposal (`console.meetings.proposal.propose`: every rule, one indexed query each)
for the township's weekly meeting and for one community's meeting, the time to draw and save the agenda, to
apply 30 decisions through the workflow (`MeetingService.apply_all`: 30 transactions, each the case action, its
history and audit rows and the decision's mark), and to print the minutes of a 40-item meeting. Targets
(issue 13): proposal ≤ 300 ms p95 on both backends, 30 decisions ≤ 2 s, minutes PDF of 40 items ≤ 2 s.
The databases are made as `bench/queue_bench.py` makes them and dropped afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from queue_bench import analyze, load, make_pg, make_sqlite, timed  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from console import clock  # noqa: E402
from console.db import Database, make_engine  # noqa: E402
from console.domain import CaseStatus  # noqa: E402
from console.meetings import proposal  # noqa: E402
from console.meetings.decisions import DecisionInput  # noqa: E402
from console.meetings.kinds import DecisionKind, MeetingKind, MeetingStatus  # noqa: E402
from console.meetings.service import MeetingService  # noqa: E402
from console.models import Case, Department, Grid, Meeting  # noqa: E402

TARGET_PROPOSAL_MS = 300.0
TARGET_APPLY_S = 2.0
TARGET_PDF_S = 2.0
ACTOR = "bench"


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def run(db: Database, backend: str, n: int, repeat: int, seed: int) -> None:
    print(f"\n=== {backend}: {n:,} cases ===")
    with db.session() as s:
        have = int(s.scalar(select(func.count()).select_from(Case)) or 0)
    if have:  # --db: a database built earlier (--keep)
        with db.session() as s:
            now = s.scalar(select(func.max(Case.reported_at))) or datetime.now()
        print(f"using the {have:,} cases there (--db)")
    else:
        secs, now, info = load(db, n, seed)
        print(f"generation: {info}")
    analyze(db)
    clock.set_clock(lambda: now)
    try:
        with db.session() as s:
            weekly = s.scalar(select(Meeting).where(Meeting.status == MeetingStatus.PREPARING,
                                                    Meeting.kind == MeetingKind.WEEKLY).order_by(Meeting.id))  # fmt: skip
            assert weekly is not None, "the demo has no meeting in 筹备"
            weekly_id = weekly.id
            community = s.scalar(select(Grid.code).where(Grid.level == 2).order_by(Grid.code).limit(1))
        ms = MeetingService(db, ACTOR)
        village_id = ms.create(MeetingKind.VILLAGE, now + timedelta(days=2), scope_code=community)

        def propose(mid: int) -> int:
            with db.session() as s:
                m = s.get(Meeting, mid)
                assert m is not None
                return len(proposal.propose(s, m, now).candidates)

        for label, mid in (("township weekly meeting", weekly_id), (f"community {community}", village_id)):
            items = propose(mid)
            p50, p95 = timed(lambda mid=mid: propose(mid), repeat)
            print(f"agenda proposal, {label}: {items} items, p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                  f"[{mark(p95 <= TARGET_PROPOSAL_MS)} ≤ {TARGET_PROPOSAL_MS:.0f} ms]")  # fmt: skip
        t0 = time.perf_counter()
        drawn = ms.draw_agenda(village_id)
        print(f"draw and save a community agenda ({drawn.message}): {(time.perf_counter() - t0) * 1000:.0f} ms")

        # 30 decisions applied: dispatch the accepted cases there are, supervise handled ones for the rest
        with db.session() as s:
            accepted = list(s.scalars(select(Case.number).where(Case.status == CaseStatus.ACCEPTED)
                                      .order_by(Case.id.desc()).limit(15)))  # fmt: skip
            handled = list(s.scalars(select(Case.number).where(Case.status == CaseStatus.DISPATCHED)
                                     .order_by(Case.id.desc()).limit(30 - len(accepted))))  # fmt: skip
            lead = s.scalar(select(Department.id).where(Department.active.is_(True)).order_by(Department.id))
        mid = ms.create(MeetingKind.WEEKLY, now + timedelta(days=3))
        for number in accepted + handled:
            ms.add_item(mid, number, "基准测试")
        ms.advance(mid)
        ms.advance(mid)
        for number in accepted:
            ms.decide(mid, number, DecisionInput(DecisionKind.DISPATCH, "由牵头部门限期办结", lead_department_id=lead))
        for number in handled:
            ms.decide(mid, number, DecisionInput(DecisionKind.SUPERVISE, "挂牌督办", chased="牵头部门", level="挂牌督办"))
        t0 = time.perf_counter()
        results = ms.apply_all(mid)
        apply_s = time.perf_counter() - t0
        applied = sum(r.applied for r in results)
        print(f"apply {len(results)} decisions ({applied} applied): {apply_s:.2f} s "
              f"[{mark(apply_s <= TARGET_APPLY_S and applied == len(results))} ≤ {TARGET_APPLY_S:.0f} s]")  # fmt: skip

        # minutes of 40 items
        with db.session() as s:
            more = list(s.scalars(select(Case.number).where(Case.status == CaseStatus.IN_PROGRESS)
                                  .order_by(Case.id.desc()).limit(40)))  # fmt: skip
        pid = ms.create(MeetingKind.WEEKLY, now + timedelta(days=4), chair="张建华", recorder="李晓燕")
        for number in more:
            ms.add_item(pid, number, "基准测试")
        ms.advance(pid)
        ms.advance(pid)
        for number in more:
            ms.decide(pid, number, DecisionInput(DecisionKind.SUPERVISE, "挂牌督办，每周报告进展", chased="牵头部门",
                                                 level="挂牌督办", owner="王建国"))  # fmt: skip
        from reports.meetings import render_minutes

        out = Path(tempfile.mkdtemp(prefix="gcbench_pdf_")) / "minutes.pdf"
        t0 = time.perf_counter()
        pages = render_minutes(db, pid, ACTOR, out)
        pdf_s = time.perf_counter() - t0
        print(f"minutes PDF, {len(more)} items, {pages} pages: {pdf_s:.2f} s [{mark(pdf_s <= TARGET_PDF_S)} ≤ "
              f"{TARGET_PDF_S:.0f} s]")  # fmt: skip
        out.unlink()
        out.parent.rmdir()
    finally:
        clock.set_clock(None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--backend", choices=["pg", "sqlite", "both"], default="both")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--db", help="time an existing database (made earlier with --keep) instead of building one")
    args = ap.parse_args()
    print(f"meeting bench {datetime.now():%Y-%m-%d %H:%M}")
    if args.db:
        db = Database(make_engine(args.db))
        try:
            run(db, "postgresql" if db.is_postgres else "sqlite", args.cases, args.repeat, args.seed)
        finally:
            db.dispose()
        return 0
    for backend in (["pg", "sqlite"] if args.backend == "both" else [args.backend]):
        db, cleanup = (make_pg if backend == "pg" else make_sqlite)(args.keep)
        try:
            run(db, "postgresql" if backend == "pg" else "sqlite", args.cases, args.repeat, args.seed)
        finally:
            cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
