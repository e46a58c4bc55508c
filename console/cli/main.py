"""Entry point `gridconsole`: subcommands for every service; no arguments starts the GUI.

Each command group lives in its own module with `register(subparsers)`. Front ends outside `console/`
(the GUI in `ui/`, PDF forms in `reports/`) add theirs through the `gridconsole.commands` entry-point group,
so the core never imports them. A refused command prints one line on stderr and exits non-zero.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from importlib.metadata import entry_points

from console import __version__
from console.faults import Exit, describe, mask_text

CORE_COMMANDS = (
    "console.cli.db_cmd",
    "console.cli.case_cmd",
    "console.cli.queue_cmd",
    "console.cli.calendar_cmd",
    "console.cli.demo_cmd",
    "console.cli.import_cmd",
    "console.cli.grid_cmd",
    "console.cli.admin_cmd",
    "console.cli.setup_cmd",
    "console.cli.meeting_cmd",
    "console.cli.review_cmd",
)

EXIT_REFUSED = int(Exit.REFUSED)
EXIT_DATABASE = int(Exit.DATABASE)
EXIT_ERROR = int(Exit.BUG)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gridconsole", description="网格化管理指挥调度台")
    parser.add_argument("--version", action="version", version=f"gridconsole {__version__}")
    parser.add_argument("--db", help="数据库地址（默认取环境变量 GRIDCONSOLE_DB，否则为本机内置 SQLite）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（供程序读取）")
    parser.add_argument("--user", default=None, help="操作人登录名（默认为当前系统用户）")
    parser.add_argument("--debug", action="store_true", help="出错时在终端打印程序内部的详细记录")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in CORE_COMMANDS:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # a command group not written yet
            raise
        module.register(sub)
    for ep in entry_points(group="gridconsole.commands"):
        register: Callable[[argparse._SubParsersAction], None] = ep.load()  # type: ignore[type-arg]
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        gui = getattr(args, "gui_handler", None) or _gui_handler()
        if gui is None:
            parser.print_help()
            return 0
        handler = gui
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the error boundary: one sentence, never a traceback
        fault = describe(exc)
        print(f"gridconsole: {fault.sentence}", file=sys.stderr)
        if getattr(args, "debug", False):
            import traceback

            print(mask_text("".join(traceback.format_exception(exc))), file=sys.stderr)
        return int(fault.exit)


def _gui_handler() -> Callable[[argparse.Namespace], int] | None:
    for ep in entry_points(group="gridconsole.gui"):
        fn: Callable[[argparse.Namespace], int] = ep.load()
        return fn
    return None


if __name__ == "__main__":
    raise SystemExit(main())
