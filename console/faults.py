"""What went wrong, in one sentence: the error boundary both front ends share.

Every exception that reaches a front end is classified once here (`describe`):
- a refusal (`ConsoleError`: bad input, a rule, a stale case) — its own sentence, exit status 2;
- the database unreachable or unusable (server down, connection dropped mid-command, unknown database or
  role, wrong or missing password, a file that is not a database) — exit status 3;
- anything else is a bug — exit status 1, the traceback goes to a log file in the user data dir (personal
  data and secrets masked) and the sentence says where.
Each sentence says what happened, what was saved (nothing: every command is one transaction) and what to do.
The window (`ui/errors.py`) shows the same sentences, translated.
"""

from __future__ import annotations

import csv
import errno
import os
import re
import sys
import traceback
import zipfile
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from pathlib import Path

import platformdirs
from sqlalchemy import exc as sa_exc

from console.errors import ConnectionLost, ConsoleError, SchemaError
from console.i18n import QT_TRANSLATE_NOOP, Message


class Exit(IntEnum):
    OK = 0
    BUG = 1
    REFUSED = 2
    DATABASE = 3


@dataclass(frozen=True)
class Fault:
    exit: Exit
    sentence: str  # a `console.i18n.Message` where it may be translated
    log_file: Path | None = None  # a bug's traceback, when it could be written


NOTHING_SAVED = QT_TRANSLATE_NOOP("faults", "本次操作未保存任何内容")


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc`, what it wraps (`StatementError.orig`) and its causes and contexts, each once."""
    out: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or any(e is seen for seen in out):
            continue
        out.append(e)
        todo.extend([getattr(e, "orig", None), e.__cause__, e.__context__])
    return out


_LOST_TEXT = re.compile(
    r"server closed the connection|terminating connection|connection (is )?closed|consuming input failed|"
    r"connection refused|could not connect|connection timed out|no route to host|network is unreachable|"
    r"ssl connection has been closed|broken pipe|connection reset|the connection is lost|"
    r"connection to server .* failed",
    re.IGNORECASE,
)


def is_connection_error(exc: BaseException) -> bool:
    """True when the database went away, wherever it surfaced: a DBAPI error, SQLAlchemy's `StatementError`
    (a sequence fetched by autoflush), or any wrapper whose cause is one."""
    for e in _causes(exc):
        if isinstance(e, ConnectionLost):
            return True
        if isinstance(e, sa_exc.DBAPIError) and e.connection_invalidated:
            return True
        # psycopg's own classes, only when it is loaded: an error of it implies it is (no 70 ms import on launch)
        psycopg = sys.modules.get("psycopg")
        if psycopg is not None and isinstance(e, psycopg.OperationalError | psycopg.InterfaceError):
            if not _auth_problem(e):
                return True
        if isinstance(e, sa_exc.DisconnectionError):
            return True
        if isinstance(e, sa_exc.OperationalError | sa_exc.InterfaceError):
            if not _sqlite_file_problem(e) and not _auth_problem(e) and not _sqlite_busy(e):
                return True
        if isinstance(e, ConnectionError | TimeoutError):
            return True
        if not isinstance(e, ConsoleError) and _LOST_TEXT.search(str(e)):
            return True
    return False


def _auth_problem(e: BaseException) -> bool:
    text = str(e)
    return any(
        needle in text
        for needle in ("password authentication failed", "no password supplied", "does not exist", "is not permitted to log in")
    )


def _sqlite_busy(e: BaseException) -> bool:
    return "database is locked" in str(e)


def _sqlite_file_problem(e: BaseException) -> bool:
    return any(n in str(e) for n in ("file is not a database", "unable to open database", "database disk image"))


def _database_sentence(exc: BaseException) -> str | None:
    """The sentence for a database that cannot be used, or None when `exc` is not such a fault."""
    for e in _causes(exc):
        text = str(e)
        if _sqlite_file_problem(e):
            if "file is not a database" in text or "disk image" in text:
                return QT_TRANSLATE_NOOP(
                    "faults", "所选文件不是 GridConsole 数据库（或已损坏），本次操作未保存任何内容：请检查 --db 指定的文件"
                )
            return QT_TRANSLATE_NOOP(
                "faults", "无法打开数据库文件，本次操作未保存任何内容：请检查文件路径和读写权限"
            )
        if _sqlite_busy(e):
            return QT_TRANSLATE_NOOP(
                "faults", "数据库正被另一处占用，等待超时，本次操作未保存任何内容：请稍后重试"
            )
        if "password authentication failed" in text:
            return QT_TRANSLATE_NOOP(
                "faults", "数据库拒绝登录：用户名或密码错误，本次操作未保存任何内容。请用 gridconsole db set-password 重新保存密码"
            )
        if "no password supplied" in text:
            return QT_TRANSLATE_NOOP(
                "faults", "连接数据库需要密码，但未找到已保存的密码，本次操作未保存任何内容：请先运行 gridconsole db set-password"
            )
        m = re.search(r'database "([^"]+)" does not exist', text)
        if m:
            return Message(
                QT_TRANSLATE_NOOP("faults", "数据库服务器上没有名为“%1”的数据库，本次操作未保存任何内容：请检查数据库地址"), m[1]
            )
        m = re.search(r'role "([^"]+)" does not exist', text)
        if m:
            return Message(
                QT_TRANSLATE_NOOP("faults", "数据库服务器上没有登录名“%1”，本次操作未保存任何内容：请检查数据库地址中的用户名"), m[1]
            )
        if "is not permitted to log in" in text:
            return QT_TRANSLATE_NOOP(
                "faults", "该登录名已被锁定或停用，本次操作未保存任何内容：请联系安全管理员"
            )
    if is_connection_error(exc):
        return QT_TRANSLATE_NOOP(
            "faults", "无法连接数据库或连接已中断，本次操作未保存任何内容：请检查网络和数据库服务器后重试"
        )
    return None


def _os_sentence(exc: BaseException) -> str | None:
    for e in _causes(exc):
        if isinstance(e, IsADirectoryError) or (isinstance(e, OSError) and e.errno == errno.EISDIR):
            return Message(QT_TRANSLATE_NOOP("faults", "“%1”是文件夹，不是文件，本次操作未保存任何内容：请指定一个文件"),
                           getattr(e, "filename", "") or "")  # fmt: skip
        if isinstance(e, FileNotFoundError):
            return Message(QT_TRANSLATE_NOOP("faults", "找不到文件“%1”，本次操作未保存任何内容：请检查路径"),
                           getattr(e, "filename", "") or "")  # fmt: skip
        if isinstance(e, PermissionError):
            return Message(QT_TRANSLATE_NOOP("faults", "没有权限读写“%1”，本次操作未保存任何内容：请检查文件权限"),
                           getattr(e, "filename", "") or "")  # fmt: skip
        if isinstance(e, OSError) and e.errno == errno.ENOSPC:
            return QT_TRANSLATE_NOOP("faults", "磁盘空间已满，本次操作未保存任何内容：请清理磁盘后重试")
        if isinstance(e, csv.Error) and "field larger than field limit" in str(e):
            return QT_TRANSLATE_NOOP(
                "faults", "文件中有一个单元格过长（超过 128 KB），可能不是表格文件或分隔符有误，未导入任何数据：请检查文件"
            )
        if isinstance(e, zipfile.BadZipFile):
            return QT_TRANSLATE_NOOP(
                "faults", "文件不是有效的 Excel（.xlsx）文件（可能已损坏或实际是其他格式），未导入任何数据：请在 Excel 中另存为 .xlsx 或 .csv"
            )
        if isinstance(e, UnicodeError):
            return QT_TRANSLATE_NOOP(
                "faults", "无法识别文件编码，未导入任何数据：请另存为 UTF-8 或 GB18030（ANSI）编码"
            )
    return None


# --- masking what a log or a sentence must not show -------------------------------------------------------

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")
_PASSWORD_FIELD = re.compile(r"(password['\"]?\s*[:=]\s*['\"]?)[^'\"\s,)]+", re.IGNORECASE)


def mask_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` with phone and ID numbers masked, passwords in URLs and fields hidden, and every given secret
    (e.g. the password of this command) replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "******")
    text = _URL_PASSWORD.sub(r"\1******@", text)
    text = _PASSWORD_FIELD.sub(r"\1******", text)
    text = _PHONE.sub(r"\1****\3", text)
    return _ID_NUMBER.sub(r"\1********\3", text)


def _secrets() -> tuple[str, ...]:
    return tuple(v for k, v in os.environ.items() if "PASSWORD" in k.upper() and v)


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("gridconsole", appauthor=False))


def write_bug_log(exc: BaseException) -> Path | None:
    """The traceback of a bug, masked, in a new file of the log folder; None when it cannot be written."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"error-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
        text = "".join(traceback.format_exception(exc))
        path.write_text(mask_text(text, _secrets()), encoding="utf-8")
        return path
    except OSError:
        return None


def describe(exc: BaseException, *, log: bool = True) -> Fault:
    """The fault `exc` is, with the sentence to show (and, for a bug, the log file written)."""
    if isinstance(exc, ConsoleError):
        exit_code = Exit.DATABASE if isinstance(exc, ConnectionLost | SchemaError) else Exit.REFUSED
        return Fault(exit_code, exc.message)
    database = _database_sentence(exc)
    if database is not None:
        return Fault(Exit.DATABASE, database)
    os_sentence = _os_sentence(exc)
    if os_sentence is not None:
        return Fault(Exit.REFUSED, os_sentence)
    path = write_bug_log(exc) if log else None
    if path is not None:
        return Fault(Exit.BUG, Message(QT_TRANSLATE_NOOP(
            "faults", "程序内部错误，本次操作未保存任何内容；详细记录已写入 %1，请将该文件发给技术支持"), str(path)), path)  # fmt: skip
    return Fault(Exit.BUG, QT_TRANSLATE_NOOP("faults", "程序内部错误，本次操作未保存任何内容：请联系技术支持"))
