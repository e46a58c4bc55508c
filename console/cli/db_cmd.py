"""`gridconsole db …`: which database, its schema version, upgrading it, and its password in the keyring."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.engine import make_url

from console.cli.common import actor, print_json
from console.db import (
    Database,
    check_sqlite_file,
    current_revision,
    head_revision,
    make_engine,
    resolve_url,
    upgrade,
)
from console.errors import ValidationError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("db", help="数据库：升级结构、查看状态、保存密码")
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    dsub.add_parser("upgrade", help="把数据库结构升级到本程序的版本").set_defaults(handler=_upgrade)
    dsub.add_parser("status", help="显示数据库地址和结构版本").set_defaults(handler=_status)
    pw = dsub.add_parser("set-password", help="把 PostgreSQL 密码保存到系统密钥环")
    pw.set_defaults(handler=_set_password)


def _upgrade(args: argparse.Namespace) -> int:
    url = resolve_url(args.db)
    check_sqlite_file(url, create=True)  # creating the embedded file is what `db upgrade` is for
    engine = make_engine(url)
    before = current_revision(engine)
    upgrade(engine)
    after = current_revision(engine)
    seeded = seed_calendar(Database(engine), actor(args))
    engine.dispose()
    print(f"数据库结构：{before or '空'} → {after}")
    if seeded:
        print(f"工作日历：已载入 {seeded}")
    return 0


def seed_calendar(db: Database, who: str) -> str:
    """Load the statutory holidays the calendar package knows (idempotent; admin-imported years are kept)."""
    from console.calendar import seed_from_package

    with db.write_session() as session:
        result = seed_from_package(session, who)
    return result.summary


def _status(args: argparse.Namespace) -> int:
    url = resolve_url(args.db)
    check_sqlite_file(url, create=False)
    engine = make_engine(url)
    rev, head = current_revision(engine), head_revision()
    shown = engine.url.render_as_string(hide_password=True)
    engine.dispose()
    state = _state(rev, head)
    if args.json:
        print_json({"url": shown, "revision": rev, "head": head, "state": state})
    else:
        print(f"数据库：{shown}\n结构版本：{rev or '无'}（本程序：{head}，{state}）")
    return 0


def _state(rev: str | None, head: str) -> str:
    if rev == head:
        return "最新"
    if rev is None:
        return "未初始化"
    from alembic.script import ScriptDirectory

    from console.db import MIGRATIONS_DIR

    try:
        ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(rev)
    except Exception:  # noqa: BLE001 - alembic does not know it: written by a newer program
        return "数据库比本程序新：请升级 GridConsole"
    return "需要升级：请运行 gridconsole db upgrade"


def _set_password(args: argparse.Namespace) -> int:
    from console.credentials import save_password

    url = make_url(resolve_url(args.db))
    if url.get_backend_name() != "postgresql":
        print("内置 SQLite 数据库不需要密码", file=sys.stderr)
        return 2
    if sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(f"{url.username}@{url.host} 的密码：")
    else:  # no terminal (a script, CI): one line from standard input, never getpass's warning
        password = (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")
        if not password:
            raise ValidationError(
                "没有终端可以输入密码，标准输入也没有提供，未保存任何密码：请在终端中运行本命令，"
                "或从标准输入传入密码（例如 gridconsole db set-password < 密码文件）"
            )
    save_password(url, password)
    print("密码已保存到系统密钥环")
    return 0
