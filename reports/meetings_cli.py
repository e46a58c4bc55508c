"""`gridconsole meeting agenda-pdf | minutes-pdf`: added to the core's `meeting` command (console/ never imports
reports/; the `gridconsole.commands` entry point runs after the core commands are registered)."""

from __future__ import annotations

import argparse

from console.cli.common import acting_login, database
from console.db import Database
from console.errors import ValidationError
from console.meetings.read import find_meeting


def register_meeting_pdfs(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    meeting = sub.choices.get("meeting")
    if meeting is None:
        return
    msub = next(a for a in meeting._actions if isinstance(a, argparse._SubParsersAction))
    for name, help_, handler in (("agenda-pdf", "打印会商议程和签到表（PDF）", _agenda),
                                 ("minutes-pdf", "打印会议纪要（PDF）", _minutes)):  # fmt: skip
        p = msub.add_parser(name, help=help_)
        p.add_argument("meeting", help="会商 id 或编号（如 2026-48）")
        p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
        p.set_defaults(handler=handler)


def _args(args: argparse.Namespace) -> tuple[Database, int, str]:
    if not args.output.lower().endswith(".pdf"):
        raise ValidationError(f"输出文件应为 .pdf：{args.output}")
    db = database(args)
    login = acting_login(args, db)
    with db.session() as s:
        return db, find_meeting(s, args.meeting), login


def _agenda(args: argparse.Namespace) -> int:
    from reports.meetings import render_agenda

    db, mid, login = _args(args)
    pages = render_agenda(db, mid, login, args.output)
    print(f"{args.output}（{pages} 页）")
    return 0


def _minutes(args: argparse.Namespace) -> int:
    from reports.meetings import render_minutes

    db, mid, login = _args(args)
    pages = render_minutes(db, mid, login, args.output)
    print(f"{args.output}（{pages} 页）")
    return 0
