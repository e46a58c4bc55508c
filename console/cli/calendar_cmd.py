"""`gridconsole calendar …`: seed the working calendar, import a year's State Council schedule, show a year,
and compute a due moment with its explanation."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from console.calendar import (
    DEFAULT_IMPORT_SOURCE,
    WorkingCalendar,
    import_year,
    read_schedule_file,
    seed_from_package,
    weekday_label,
)
from console.cli.common import actor, database, parse_datetime, print_json
from console.deadlines import DeadlineClock, SkippedDays, TimeLimit, calendar_runs, explain_case, fmt_moment
from console.deadlines import explain as explain_deadline
from console.errors import ValidationError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("calendar", help="工作日历：节假日、调休与时限计算")
    cal = parser.add_subparsers(dest="calendar_command", metavar="SUBCOMMAND", required=True)

    seed = cal.add_parser("seed", help="从 chinesecalendar 载入其已知各年的放假安排（可重复运行）")
    seed.set_defaults(handler=cmd_seed)

    imp = cal.add_parser(
        "import", help="导入某年国务院放假安排（CSV：date,type,name；type 为 holiday/workday）"
    )
    imp.add_argument("year", type=int, help="年份，如 2027")
    imp.add_argument("file", help="CSV 文件（UTF-8）")
    imp.add_argument("--source", default=DEFAULT_IMPORT_SOURCE, help="来源，如通知文号")
    imp.set_defaults(handler=cmd_import)

    show = cal.add_parser("show", help="列出某年的节假日、调休上班日和数据来源")
    show.add_argument("year", type=int)
    show.set_defaults(handler=cmd_show)

    due = cal.add_parser("due", help="计算截止时间并说明计算过程")
    due.add_argument("start", help="起算时间，如 2026-09-30 16:00")
    due.add_argument(
        "--limit",
        required=True,
        help="时限，如 working_days:5、working_hours:8、urgent_hours:24、natural_days:3",
    )
    due.set_defaults(handler=cmd_due)

    exp = cal.add_parser("explain", help="说明某案件的截止时间是怎样算出来的")
    exp.add_argument("case", help="案件编号（如 2026-000123）或内部 id")
    exp.set_defaults(handler=cmd_explain)


def cmd_seed(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.session() as session:
            result = seed_from_package(session, actor(args))
    finally:
        db.dispose()
    if args.json:
        print_json(
            {
                "added": result.added,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "kept": result.kept,
            }
        )
    else:
        print(f"工作日历已载入：{result.summary}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    entries = read_schedule_file(args.file)
    db = database(args)
    try:
        with db.session() as session:
            count = import_year(session, args.year, entries, args.source, actor(args))
    finally:
        db.dispose()
    if args.json:
        print_json({"year": args.year, "days": count, "source": args.source})
    else:
        print(f"已导入 {args.year} 年放假安排：{count} 天（来源：{args.source}）")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    year = args.year
    if not 1900 <= year <= 2200:
        raise ValidationError(f"年份 {year} 超出范围")
    db = database(args)
    try:
        with db.session() as session:
            calendar = WorkingCalendar.load(session)
    finally:
        db.dispose()
    status = calendar.year_status(year)
    runs, makeups = calendar_runs(date(year, 1, 1), date(year, 12, 31), calendar)
    holidays = [r for r in runs if r.kind == "holiday"]
    if args.json:
        print_json(
            {
                "year": year,
                "source": status.source,
                "official": status.official,
                "fallback": status.fallback,
                "notice": status.notice,
                "holidays": [_run_json(r) for r in holidays],
                "makeup_workdays": [{"date": m.day, "name": m.name} for m in makeups],
                "workdays": calendar.workdays_between(date(year - 1, 12, 31), date(year, 12, 31)),
            }
        )
        return 0
    loaded = f"，{status.loaded_by} 于 {status.loaded_at:%Y-%m-%d %H:%M} 载入" if status.loaded_at else ""
    print(f"{year} 年工作日历（来源：{status.source}{loaded}）")
    if status.notice:
        print(f"注意：{status.notice}")
    print("放假：" if holidays else "放假：无")
    for run in holidays:
        print(f"  {run.label}")
    print("调休上班：" if makeups else "调休上班：无")
    for m in makeups:
        print(f"  {m.day.month}月{m.day.day}日（{weekday_label(m.day)}）{m.label}")
    print(f"全年工作日：{calendar.workdays_between(date(year - 1, 12, 31), date(year, 12, 31))} 天")
    return 0


def _run_json(run: SkippedDays) -> dict[str, Any]:
    return {"name": run.name, "from": run.first, "to": run.last, "days": run.days}


def cmd_due(args: argparse.Namespace) -> int:
    start = parse_datetime(args.start)
    limit = TimeLimit.parse(args.limit)
    db = database(args)
    try:
        with db.session() as session:
            clock = DeadlineClock.load(session)
    finally:
        db.dispose()
    due, warn = clock.stage_deadline(start, limit)
    explanation = explain_deadline(start, limit, clock.calendar, clock.office_hours, title="时限计算")
    if args.json:
        print_json(
            {
                "start": start,
                "limit": {"type": limit.type.value, "value": limit.value},
                "due": due,
                "warn": warn,
                "notices": list(explanation.notices),
                "skipped": [_run_json(r) for r in explanation.skipped],
                "makeup_workdays": [m.day for m in explanation.makeup_days],
                "steps": [{"kind": s.kind, "text": s.text, "at": s.at} for s in explanation.steps],
            }
        )
        return 0
    print(f"截止时间：{fmt_moment(due)}")
    print(f"黄灯时间：{fmt_moment(warn)}（已用时限的 {clock.threshold:.0%}）")
    print(explanation.text())
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.session() as session:
            explanation = explain_case(session, args.case)
    finally:
        db.dispose()
    if args.json:
        print_json(
            {
                "title": explanation.title,
                "start": explanation.start,
                "limit": {"type": explanation.limit.type.value, "value": explanation.limit.value}
                if explanation.limit
                else None,
                "computed_due": explanation.computed_due,
                "due": explanation.due,
                "paused": explanation.paused_now,
                "notices": list(explanation.notices),
                "steps": [{"kind": s.kind, "text": s.text, "at": s.at} for s in explanation.steps],
            }
        )
    else:
        print(explanation.text())
    return 0
