"""Benchmark of the rectification ledger: seconds, pages per second and peak memory for 1,000-, 10,000- and
100,000-case ledgers, beside the naive build (one reportlab LongTable with repeatRows=1) as the baseline.

    .venv/bin/python bench/ledger_bench.py            # 1k, 10k, 100k; naive baseline up to 10k
    .venv/bin/python bench/ledger_bench.py --sizes 1000 10000 --naive-max 10000

Cases are bulk-inserted into a SQLite file per size (the demo township's grids, departments and categories,
with generated cases in every status), cached under --workdir. Each measurement runs in a fresh child
process so its peak RSS (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHRASES = [
    "小区东门外占道经营，早晚高峰影响行人通行",
    "居民楼道堆放杂物，存在消防安全隐患",
    "沿街商铺油烟直排，周边居民多次反映",
    "路灯损坏多日未修复，夜间出行不便",
    "村民宅基地纠纷，双方多次发生口角",
    "工地夜间施工噪音扰民，超过规定时段",
    "垃圾收集点满溢未及时清运，异味明显",
    "疑似非法加工作坊，使用液化气罐无防护",
    "违规搭建彩钢板房约30平方米，侵占公共绿地",
    "独居老人生活困难，申请临时救助",
    "电动自行车楼道内充电，住户反映有起火风险",
    "下水道堵塞污水外溢，影响周边商户经营",
]
MEASURES = [
    "责令当事人限期整改，执法中队跟踪复查",
    "联合市场监管所开展专项检查，建立问题清单逐项销号",
    "社区网格员每日巡查，物业公司落实长效管理",
    "约谈责任单位负责人，明确整改时限和责任人",
]
RESULTS = [
    "已整改到位，现场复核无异常",
    "已清理完毕，群众满意",
    "已调解，双方签订协议",
    "设施已修复并恢复使用",
]
STATUSES = [
    ("closed", 30), ("evaluated", 25), ("in_progress", 12), ("dispatched", 6), ("feedback", 5),
    ("verified", 3), ("accepted", 4), ("reported", 3), ("long_term", 3), ("escalated", 2),
    ("extension_requested", 2), ("rejected", 3), ("merged", 2),
]  # fmt: skip


def fill_cases(url: str, n: int, *, seed: int = 7, year: int = 2026) -> None:
    """A migrated database at `url` with the demo township and `n` generated cases reported in `year`."""
    from sqlalchemy import insert, select

    from console.db import Database, make_engine, upgrade
    from console.demo.township import create_reference, load_reference
    from console.models import Case, Person

    engine = make_engine(url)
    upgrade(engine)
    db = Database(engine)
    rng = random.Random(seed)
    with db.session() as s:
        create_reference(s, today=date(year, 1, 1), seed=seed)
    with db.session() as s:
        ref = load_reference(s)
        assert ref is not None
        people = list(s.execute(select(Person.id, Person.department_id)).tuples())
    by_dept: dict[int, list[int]] = {}
    for pid, did in people:
        if did is not None:
            by_dept.setdefault(did, []).append(pid)
    statuses, weights = zip(*STATUSES, strict=True)
    start = datetime(year, 1, 1, 8)
    span = 330 * 24 * 3600
    batch: list[dict[str, object]] = []
    for seq in range(1, n + 1):
        grid = ref.grids[rng.randrange(len(ref.grids))]
        cat = ref.categories[rng.randrange(len(ref.categories))]
        status = rng.choices(statuses, weights)[0]
        reported = start + timedelta(seconds=int(span * seq / n))
        dept = cat.department_id if status not in ("reported", "accepted", "rejected", "merged") else None
        due = reported + timedelta(days=rng.choice([3, 5, 7, 10, 15])) if dept else None
        closed = status in ("closed", "evaluated")
        text = rng.choice(PHRASES)
        detail = "，".join(rng.sample(PHRASES, rng.choice([0, 0, 1, 2, 3])))
        batch.append(
            dict(
                number=f"{year}-{seq:06d}", township_id=ref.township_id, year=year, seq=seq,
                grid_id=grid.id, grid_code=grid.code, category_id=cat.id, severity=cat.severity,
                source="patrol", status=status, summary=text[:60], description=detail,
                address=f"{grid.name}{rng.randint(1, 99)}号", reported_by="bench", reported_at=reported,
                lead_department_id=dept,
                responsible_person_id=rng.choice(by_dept[dept]) if dept and by_dept.get(dept) else None,
                instructions=rng.choice(MEASURES) if dept else "", due_at=due,
                feedback_at=due - timedelta(days=1) if closed and due else None,
                closed_at=(due or reported) + timedelta(days=rng.choice([-2, -1, 0, 1])) if closed else None,
                close_type="solved" if closed else None, result=rng.choice(RESULTS) if closed else "",
                satisfaction="satisfied" if status == "evaluated" else None,
                rework_count=rng.choice([0, 0, 0, 1]), supervise_count=rng.choice([0, 0, 1, 2]),
                updated_at=reported, updated_by="bench", version=1,
            )
        )  # fmt: skip
        if len(batch) == 5000:
            with db.session() as s:
                s.execute(insert(Case), batch)
            batch = []
    if batch:
        with db.session() as s:
            s.execute(insert(Case), batch)
    db.dispose()


def run_streaming(url: str, out: str) -> dict[str, float]:
    from console.db import Database, make_engine
    from console.ledger import LedgerScope
    from reports.ledger import render_ledger

    db = Database(make_engine(url))
    t0, c0 = time.perf_counter(), time.process_time()
    result = render_ledger(
        db,
        LedgerScope(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)),
        out,
        as_of=datetime(2026, 12, 1),
    )
    return {
        "seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
        "pages": result.pages, "rows": result.totals.total,
    }  # fmt: skip


def run_naive(url: str, out: str) -> dict[str, float]:
    """The straightforward build: every row as Paragraph cells (CJK wrap) in one LongTable(repeatRows=1)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    from console.db import Database, make_engine
    from console.ledger import LedgerScope, iter_ledger_rows, resolve_scope
    from reports.fonts import register_fonts
    from reports.layout import A4_LANDSCAPE
    from reports.ledger import COLUMNS, cell_text, column_widths

    db = Database(make_engine(url))
    t0, c0 = time.perf_counter(), time.process_time()
    fonts = register_fonts()
    style = ParagraphStyle("cell", fontName=fonts.body, fontSize=9, leading=12, wordWrap="CJK")
    head = ParagraphStyle("head", fontName=fonts.title, fontSize=9.5, leading=12, wordWrap="CJK", alignment=1)
    data: list[list[object]] = [[Paragraph(c.title, head) for c in COLUMNS]]
    with db.sessions() as s:
        r = resolve_scope(
            s,
            LedgerScope(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)),
            as_of=datetime(2026, 12, 1),
        )
        for i, row in enumerate(iter_ledger_rows(s, r), start=1):
            data.append([Paragraph(cell_text(row, c.key, i).replace("\n", "<br/>"), style) for c in COLUMNS])
    g = A4_LANDSCAPE
    table = LongTable(data, colWidths=column_widths(COLUMNS, g.frame_width), repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    )
    doc = SimpleDocTemplate(
        out, pagesize=(g.width, g.height), leftMargin=g.left, rightMargin=g.right, topMargin=g.top + 40,
        bottomMargin=g.bottom,
    )  # fmt: skip
    pages: list[int] = []
    doc.build([table], onFirstPage=lambda c, d: pages.append(1), onLaterPages=lambda c, d: pages.append(1))
    return {
        "seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
        "pages": len(pages), "rows": len(data) - 1,
    }  # fmt: skip


def child(kind: str, url: str, out: str) -> None:
    result = run_streaming(url, out) if kind == "streaming" else run_naive(url, out)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(kind: str, url: str, out: str, timeout: float) -> dict[str, float] | None:
    cmd = [sys.executable, __file__, "--child", kind, url, out]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    data: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description="台账生成性能测试")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--naive-max", type=int, default=10_000, help="largest size to build the naive way")
    parser.add_argument("--naive-timeout", type=float, default=600)
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "gridconsole-ledger-bench"))
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"{'cases':>8} {'method':>10} {'rows':>8} {'pages':>6} {'seconds':>8} {'cpu s':>8} {'pages/s':>8} {'peak MB':>8}"
    )
    results: dict[tuple[int, str], dict[str, float]] = {}
    for n in args.sizes:
        path = work / f"bench-{n}.db"
        if not path.exists():
            fill_cases(f"sqlite:///{path}.tmp", n)
            Path(f"{path}.tmp").rename(path)
        url = f"sqlite:///{path}"
        kinds = ["streaming"] + (["naive"] if n <= args.naive_max else [])
        for kind in kinds:
            res = measure(kind, url, str(work / f"ledger-{n}-{kind}.pdf"), args.naive_timeout)
            if res is None:
                print(f"{n:>8} {kind:>10} {'—':>8} {'—':>6} {'>' + str(int(args.naive_timeout)):>8}")
                continue
            results[(n, kind)] = res
            print(
                f"{n:>8} {kind:>10} {int(res['rows']):>8} {int(res['pages']):>6} {res['seconds']:>8.2f} {res['cpu']:>8.2f}"
                f" {res['pages'] / res['seconds']:>8.1f} {res['peak_mb']:>8.0f}",
                flush=True,
            )
        if (n, "naive") in results and (n, "streaming") in results:
            ratio = results[(n, "naive")]["seconds"] / results[(n, "streaming")]["seconds"]
            print(f"{'':>8} speed-up over naive: {ratio:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
