"""`gridconsole ledger | notice | case-sheet | bulletin`: the printed forms from the command line.

Registered through the `gridconsole.commands` entry-point group (console/ never imports reports/).
"""

from __future__ import annotations

import argparse
import re
import sys

from console.cli.common import acting_login, database, parse_date
from console.errors import ValidationError
from console.security.audit import audit_export
from reports.fonts import Unprintable


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ledger", help="打印问题整改台账（PDF）")
    p.add_argument("--grid", metavar="CODE", help="网格编码（含下级网格）；不指定为全辖区")
    p.add_argument("--department", metavar="NAME", help="责任单位（名称或代码）")
    p.add_argument("--key-area", metavar="NAME", help="重点领域/问题类别（名称或代码）")
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="发现日期起（YYYY-MM-DD，默认当年1月1日）"
    )
    p.add_argument("--to", dest="date_to", metavar="DATE", help="发现日期止（YYYY-MM-DD，默认当年12月31日）")
    p.add_argument("--open-only", action="store_true", help="只列未办结的问题")
    p.add_argument(
        "--group-by", choices=["grid", "department", "key_area"], help="分组小计：网格/责任单位/类别"
    )
    p.add_argument("--columns", help="只打印这些列（逗号分隔的列名，如 number,grid,description）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    p.set_defaults(handler=cmd_ledger)

    p = sub.add_parser("notice", help="打印督办单（PDF，每件一页）")
    p.add_argument("numbers", nargs="*", metavar="CASE_NUMBER", help="案件编号")
    p.add_argument("--all-overdue", action="store_true", help="为全部超期未办结的案件打印督办单")
    p.add_argument("--preview", action="store_true", help="只预览：不编号，不在案件上记录督办")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_notice)

    p = sub.add_parser("case-sheet", help="打印案件处理单（PDF，含全部办理过程）")
    p.add_argument("number", metavar="CASE_NUMBER")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_case_sheet)

    p = sub.add_parser("bulletin", help="打印月通报（PDF）")
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="通报月份，如 2026-10")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_bulletin)

    from reports.meetings_cli import register_meeting_pdfs

    register_meeting_pdfs(sub)

    from reports.review_cli import register_review_pdfs

    register_review_pdfs(sub)


def _output(path: str) -> str:
    if not path.lower().endswith(".pdf"):
        raise ValidationError(f"输出文件应为 .pdf：{path}")
    return path


def cmd_ledger(args: argparse.Namespace) -> int:
    from console.ledger import LedgerScope
    from reports.ledger import render_ledger

    scope = LedgerScope(
        grid_code=args.grid,
        department=args.department,
        key_area=args.key_area,
        date_from=parse_date(args.date_from) if args.date_from else None,
        date_to=parse_date(args.date_to) if args.date_to else None,
        open_only=args.open_only,
        group_by=args.group_by,
    )
    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    out = _output(args.output)
    db = database(args)
    login = acting_login(args, db)
    try:
        result = render_ledger(db, scope, out, columns=columns)
        audit_export(db, login, result.title, f"{result.totals.total} 件，{result.pages} 页 → {out}")
    finally:
        db.dispose()
    t = result.totals
    print(
        f"已生成 {out}：{result.title}，{t.total} 件，共 {result.pages} 页（已办结 {t.closed}，超期 {t.overdue}）"
    )
    _warn_unprintable(result.unprintable)
    return 0


def _warn_unprintable(unprintable: Unprintable) -> None:
    """Characters no installed face has: named on stderr, so nobody files a form with a name gone blank."""
    if unprintable:
        print(f"注意：{unprintable.message()}", file=sys.stderr)


def cmd_notice(args: argparse.Namespace) -> int:
    from console.ledger import overdue_case_numbers
    from console.notices import issued_notices
    from reports.forms import render_notices

    out = _output(args.output)
    db = database(args)
    login = acting_login(args, db)
    try:
        numbers = list(args.numbers)
        if args.all_overdue:
            with db.sessions() as s:
                numbers += [n for n in overdue_case_numbers(s) if n not in numbers]
        if not numbers:
            raise ValidationError("请指定案件编号，或使用 --all-overdue")
        unprintable = Unprintable()
        if args.preview:
            pages = render_notices(db, numbers, out, unprintable=unprintable)
        else:  # issued: numbered 督〔year〕N号, a 督办 step recorded on each case
            pages = render_notices(db, numbers, out, actor=login, unprintable=unprintable)
            with db.sessions() as s:
                labels = [issued_notices(s, n)[-1] for n in numbers]
        audit_export(db, login, "督办单", f"{'、'.join(numbers)}，{pages} 页 → {out}")
    finally:
        db.dispose()
    if args.preview:
        print(f"已生成 {out}：督办单预览 {len(numbers)} 份（未编号、未记录督办），共 {pages} 页")
    else:
        issued = "、".join(f"{label}（{n}）" for label, n in zip(labels, numbers, strict=True))
        print(f"已生成 {out}：督办单 {len(numbers)} 份，共 {pages} 页；已编号并记录督办：{issued}")
    _warn_unprintable(unprintable)
    return 0


def cmd_case_sheet(args: argparse.Namespace) -> int:
    from reports.forms import render_case_sheet

    out = _output(args.output)
    db = database(args)
    login = acting_login(args, db)
    try:
        pages = render_case_sheet(db, args.number, out)
        audit_export(db, login, "案件处理单", f"{args.number}，{pages} 页 → {out}")
    finally:
        db.dispose()
    print(f"已生成 {out}：案件处理单 {args.number}，共 {pages} 页")
    return 0


def parse_month(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError(f"无效的月份“{text}”，请用 YYYY-MM 格式，如 2026-10")
    return int(m.group(1)), int(m.group(2))


def cmd_bulletin(args: argparse.Namespace) -> int:
    from reports.forms import render_bulletin

    year, month = parse_month(args.month)
    out = _output(args.output)
    db = database(args)
    login = acting_login(args, db)
    try:
        pages = render_bulletin(db, year, month, out)
        audit_export(db, login, "月通报", f"{year}年{month}月，{pages} 页 → {out}")
    finally:
        db.dispose()
    print(f"已生成 {out}：{year}年{month}月通报，共 {pages} 页")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use `gridconsole ledger …`")
