"""`gridconsole db …`: which database, its schema version, upgrading it, and its password in the keyring."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.engine import make_url

from console.cli.common import actor, print_json
from console.db import Database, current_revision, head_revision, make_engine, resolve_url, upgrade


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("db", help="数据库：升级结构、查看状态、保存密码")
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    dsub.add_parser("upgrade", help="把数据库结构升级到本程序的版本").set_defaults(handler=_upgrade)
    dsub.add_parser("status", help="显示数据库地址和结构版本").set_defaults(handler=_status)
    pw = dsub.add_parser("set-password", help="把 PostgreSQL 密码保存到系统密钥环")
    pw.set_defaults(handler=_set_password)


def _upgrade(args: argparse.Namespace) -> int:
    url = resolve_url(args.db)
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
    engine = make_engine(url)
    rev, head = current_revision(engine), head_revision()
    shown = engine.url.render_as_string(hide_password=True)
    engine.dispose()
    state = "最新" if rev == head else ("未初始化" if rev is None else "需要升级或程序过旧")
    if args.json:
        print_json({"url": shown, "revision": rev, "head": head, "state": state})
    else:
        print(f"数据库：{shown}\n结构版本：{rev or '无'}（本程序：{head}，{state}）")
    return 0


def _set_password(args: argparse.Namespace) -> int:
    from console.credentials import save_password

    url = make_url(resolve_url(args.db))
    if url.get_backend_name() != "postgresql":
        print("内置 SQLite 数据库不需要密码", file=sys.stderr)
        return 2
    password = getpass.getpass(f"{url.username}@{url.host} 的密码：")
    save_password(url, password)
    print("密码已保存到系统密钥环")
    return 0
