"""`gridconsole demo`: build the demo township (三官庙街道) and a year of cases in the database in force."""

from __future__ import annotations

import argparse
import sys

from console.cli.common import actor, print_json
from console.cli.db_cmd import seed_calendar
from console.errors import ValidationError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="建立示例乡镇（三官庙街道）和一年的示例案件")
    p.add_argument("--cases", type=int, default=6000, help="案件数量（默认 6000；基准测试可用 1000000）")
    p.add_argument("--seed", type=int, default=20261125, help="随机种子（相同种子生成相同数据）")
    p.add_argument("--reset", action="store_true", help="先清空已有案件（含历史记录），须同时给出 --yes")
    p.add_argument("--yes", action="store_true", help="确认 --reset 清空案件")
    p.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from console.db import open_database
    from console.demo import build_demo
    from console.demo.reset import reset_cases
    from console.models import Case

    if args.cases < 0:
        raise ValidationError("案件数量不能为负数")
    db = open_database(args.db, migrate=True)
    try:
        with db.session() as session:
            existing = int(session.scalar(select(func.count()).select_from(Case)) or 0)
        if existing:
            if not args.reset:
                raise ValidationError(
                    f"数据库中已有 {existing} 件案件，不能再加入示例数据；如确要清空重建，请加 --reset --yes"
                )
            if not args.yes:
                raise ValidationError(f"--reset 将删除全部 {existing} 件案件及其历史记录，请加 --yes 确认")
            removed = reset_cases(db)
            print(f"已清空 {removed} 件案件", file=sys.stderr)
        seed_calendar(db, actor(args))

        def progress(done: int) -> None:
            if done % 100_000 == 0:
                print(f"  已生成 {done} 件…", file=sys.stderr)

        summary = build_demo(db, cases=args.cases, seed=args.seed, progress=progress)
    finally:
        db.dispose()
    st = summary.stats
    if args.json:
        print_json(
            {
                "township": summary.township,
                "grids": summary.grids,
                "departments": summary.departments,
                "categories": summary.categories,
                "people": summary.people,
                "cases": st.cases,
                "history": st.history,
                "seconds": round(st.seconds, 2),
                "by_status": st.by_status,
            }
        )
        return 0
    from console.domain import CaseStatus

    print(f"示例乡镇：{summary.township}（{'新建' if summary.created_reference else '已存在'}）")
    print(
        f"  网格 {summary.grids} 个，部门 {summary.departments} 个，问题类别 {summary.categories} 类，"
        f"人员 {summary.people} 人"
    )
    print(
        f"  案件 {st.cases} 件，历史记录 {st.history} 条，用时 {st.seconds:.1f} 秒"
        f"（{st.cases_per_second:,.0f} 件/秒）"
    )
    for status, n in st.by_status.items():
        print(f"    {CaseStatus(status).label}：{n}")
    return 0
