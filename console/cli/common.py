"""Helpers shared by the command modules: opening the database, the acting user, output."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any

from console.db import Database, open_database
from console.errors import ValidationError


def database(args: argparse.Namespace, *, migrate: bool = False) -> Database:
    return open_database(args.db, migrate=migrate)


def actor(args: argparse.Namespace) -> str:
    return args.user or getpass.getuser()


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
