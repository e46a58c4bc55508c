"""Helpers shared by the command modules: opening the database, the acting user, output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any

from console.db import Database, open_database
from console.errors import ValidationError


def database(args: argparse.Namespace, *, migrate: bool = False) -> Database:
    return open_database(args.db, migrate=migrate)


def actor(args: argparse.Namespace) -> str:
    """The login named on the command line (`--user`) or the system user: who the command says it is. A
    command that reads or writes cases asks `acting_login`, which proves it."""
    return args.user or getpass.getuser()


#: where a person may keep their console password for scripts (the OS keyring, never a file)
LOGIN_KEYRING_SERVICE = "gridconsole-login"


def acting_login(args: argparse.Namespace, db: Database) -> str:
    """The login a case command acts as, authenticated as the window authenticates.

    On PostgreSQL the connection's own login role is the proof (the server checked its password). On an
    embedded database with users (after `admin bootstrap`) the password comes from `GRIDCONSOLE_PASSWORD`, the
    OS keyring (service `gridconsole-login`, the login as user name) or a prompt on the terminal; a wrong one
    counts toward the lockout like a failed login in the window. Before the first user exists (set-up mode)
    nothing is asked."""
    login = actor(args)
    proven: str | None = getattr(args, "_proven_login", None)
    if proven is not None:
        db.view_as(proven)
        return proven
    if db.engine.dialect.name != "postgresql":
        from console.security.enforce import security_active
        from console.security.users import authenticate

        with db.session() as session:
            active = security_active(session)
        if active:
            authenticate(db, login, _password_for(login))
    args._proven_login = login
    db.view_as(login)  # from here on the command reads only what this person may see
    return login


def _password_for(login: str) -> str:
    password = os.environ.get("GRIDCONSOLE_PASSWORD")
    if password:
        return password
    try:
        import keyring

        password = keyring.get_password(LOGIN_KEYRING_SERVICE, login)
    except Exception:  # noqa: BLE001 - no keyring backend on this machine: fall through to the prompt
        password = None
    if password:
        return password
    if not sys.stdin.isatty():
        raise ValidationError(
            f"本数据库已启用用户登录：请以 GRIDCONSOLE_PASSWORD 环境变量或系统密钥环提供用户 {login} 的密码，"
            "或在终端中运行以输入密码；未执行任何操作"
        )
    return getpass.getpass(f"用户 {login} 的密码：")


def _default(obj: Any) -> Any:
    if isinstance(obj, datetime):
        return obj.isoformat(sep=" ")
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    if hasattr(obj, "__dataclass_fields__"):
        return {k: getattr(obj, k) for k in obj.__dataclass_fields__}
    raise TypeError(type(obj))


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"无效的日期“{text}”，请用 YYYY-MM-DD 格式，如 2026-03-01") from exc


def parse_datetime(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"无效的时间“{text}”，请用 YYYY-MM-DD 或 YYYY-MM-DD HH:MM 格式") from exc
    return value.replace(tzinfo=None)
