"""`gridconsole import grids|departments|categories|staff|cases FILE`: all-or-nothing import from CSV or XLSX; every bad row listed."""

from __future__ import annotations

import argparse
import sys

from console.cli.common import acting_login, database, print_json

KINDS = {"grids": "网格名册", "departments": "部门", "categories": "事项清单", "staff": "网格人员名册", "cases": "案件"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="从 CSV / Excel 导入网格、部门、事项清单、人员或案件（全部成功或全部不导入）")
    isub = p.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    for kind, label in KINDS.items():
        k = isub.add_parser(kind, help=f"导入{label}")
        k.add_argument("file", help="CSV（UTF-8 或 GB18030）或 XLSX 文件，第1行为表头")
        k.set_defaults(handler=_import, kind=kind)


def _import(args: argparse.Namespace) -> int:
    from console.importing import ImportErrors, import_file

    db = database(args)
    try:
        result = import_file(db, args.kind, args.file, actor=acting_login(args, db))
    except ImportErrors as exc:
        if args.json:
            print_json(
                {
                    "ok": False,
                    "message": exc.message,
                    "errors": [{"row": e.row, "column": e.column, "reason": e.reason} for e in exc.errors],
                }
            )
        else:
            print(exc.report(), file=sys.stderr)
        return 2
    finally:
        db.dispose()
    if args.json:
        print_json({"ok": True, "kind": result.kind, "inserted": result.inserted, "numbers": result.numbers})
    else:
        print(f"已导入{KINDS[result.kind]} {result.inserted} 条")
        if result.numbers:
            print(f"案件编号：{result.numbers[0]} … {result.numbers[-1]}")
    return 0
