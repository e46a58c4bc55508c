"""Logging in, Qt-free (the login dialog, the idle lock and the CLI call the same functions).

Embedded SQLite: `console.security.users.authenticate` checks the argon2id hash, counts failures and locks.
PostgreSQL: the person connects as their *own* login role. A failed password cannot run SQL as that role, so
the failure is reported through the gate role (`gc_gate`: `gc_login_gate` before the attempt lifts a lock that
ran out, `gc_login_failed` after a failure counts it and sets the role NOLOGIN at the limit); after a
success the person calls `gc_login_succeeded()` and, when they must change the password, `gc_change_password`.
The gate's password comes from this seat's keyring (account `gc_gate@host:port/db`) or from
`GRIDCONSOLE_GATE_PASSWORD`.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from console import clock
from console.db import Database, is_postgres, make_engine, normalize_url, open_database
from console.errors import ConsoleError, ValidationError
from console.security import pg_roles, users
from console.security.audit import AuditEvent, audit, this_host
from console.security.passwords import PasswordPolicy
from console.security.pg_sql import GATE_TAMPERED
from console.security.users import AccountLocked, LoginFailed, PasswordChangeRequired

GATE_PASSWORD_ENV = "GRIDCONSOLE_GATE_PASSWORD"
ROLE_PREFIX_ENV = "GRIDCONSOLE_ROLE_PREFIX"  # the same variable `gridconsole admin --role-prefix` reads
#: the idle lock's delay when the setting is missing or unreadable
DEFAULT_IDLE_MINUTES = 15


def default_role_names() -> pg_roles.RoleNames:
    return pg_roles.RoleNames(os.environ.get(ROLE_PREFIX_ENV) or "gc_")


class MustChangePassword(ConsoleError):
    """PostgreSQL mode: the password was right but must be changed now; `db` is the open connection."""

    def __init__(self, message: str, db: Database) -> None:
        super().__init__(message)
        self.db = db


def keyring_url(url: str, login: str) -> URL:
    """The keyring entry's key for this login on this database (SQLite: the file's path)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() == "sqlite":
        return URL.create("sqlite", username=login, host="localhost", database=parsed.database)
    return parsed.set(username=login, password=None)


def _gate_db(url: str, names: pg_roles.RoleNames) -> Database:
    gate_url = make_url(normalize_url(url)).set(username=names.gate, password=None)
    password = os.environ.get(GATE_PASSWORD_ENV)
    return Database(make_engine(gate_url.render_as_string(hide_password=False), password=password,
                                poolclass=NullPool))  # fmt: skip


def _via_gate(url: str, names: pg_roles.RoleNames, sql: str, params: dict[str, str]) -> object:
    """Run one gate function; None when the gate cannot be reached (the server's NOLOGIN still holds).

    A gate whose password was changed behind its seal (the server says so, or this seat's saved password is
    refused) fails closed: the login is refused, since its failures could no longer be counted."""
    try:
        gate = _gate_db(url, names)
    except Exception:  # noqa: BLE001
        return None
    try:
        with gate.write_session() as s:
            return s.scalar(text(sql), params)
    except DBAPIError as exc:
        orig: Any = exc.orig
        if getattr(orig, "sqlstate", None) == GATE_TAMPERED:
            diag = getattr(orig, "diag", None)
            raise LoginFailed(getattr(diag, "message_primary", None) or str(orig)) from None
        if "password authentication failed" in str(orig or exc):
            raise LoginFailed(
                f"锁定闸门角色 {names.gate} 拒绝了本席位保存的密码（可能已被改动），登录失败将无法计数，"
                "本次未登录：请联系安全管理员核实并重新执行 admin pg-provision"
            ) from None
        return None
    finally:
        gate.dispose()


def _locked(until: datetime) -> AccountLocked:
    return AccountLocked(
        f"连续登录失败次数过多，账号已锁定至 {until:%H:%M}，请稍后再试或联系安全管理员解除锁定", until
    )


def _pg_auth_failed(url: str, login: str, names: pg_roles.RoleNames, exc: OperationalError) -> ConsoleError:
    """What a refused PostgreSQL connection means for the person, reported through the gate."""
    message = str(exc.orig or exc)
    if "not permitted to log in" in message:
        until = _via_gate(url, names, "SELECT gc_login_gate(:l)", {"l": login})
        if isinstance(until, datetime):
            return _locked(until)
        return LoginFailed(f"账号 {login} 已停用或被锁定，请联系安全管理员")
    if "password authentication failed" in message or "no password supplied" in message:
        expired = _via_gate(
            url, names, "SELECT rolvaliduntil < now() FROM pg_roles WHERE rolname = :l", {"l": login}
        )
        if expired is True:
            return LoginFailed(f"账号 {login} 的密码已过期，请联系安全管理员重置密码")
        until = _via_gate(url, names, "SELECT gc_login_failed(:l, :h)", {"l": login, "h": this_host()})
        if isinstance(until, datetime):
            return _locked(until)
        return LoginFailed("用户名或密码错误")
    raise exc


def _pg_connect(url: str, login: str, password: str) -> Database:
    person = make_url(normalize_url(url)).set(username=login, password=None)
    return open_database(person.render_as_string(hide_password=False), password=password or None)


def _bare_url(db: Database) -> str:
    return db.engine.url.set(password=None).render_as_string(hide_password=False)


def pg_login(url: str, login: str, password: str, names: pg_roles.RoleNames | None = None) -> Database:
    """PostgreSQL mode: connect as the person's own role, with the lockout gate before and after.

    Raises `AccountLocked`, `LoginFailed` or `MustChangePassword` (with the open database)."""
    names = names or default_role_names()
    until = _via_gate(url, names, "SELECT gc_login_gate(:l)", {"l": login})
    if isinstance(until, datetime):
        raise _locked(until)
    try:
        db = _pg_connect(url, login, password)
    except OperationalError as exc:
        raise _pg_auth_failed(url, login, names, exc) from None
    reason: str | None = None
    with db.write_session() as s:
        if s.scalar(text("SELECT to_regprocedure('gc_login_succeeded()') IS NOT NULL")):
            s.execute(text("SELECT gc_login_succeeded()"))
        audit(s, AuditEvent.LOGIN, login=login)
        row = s.execute(
            text("SELECT must_change, password_changed_at FROM app_user WHERE login = :l"), {"l": login}
        ).one_or_none()
        if row is not None:
            expires = PasswordPolicy.from_settings(s).expires_at(row.password_changed_at)
            if row.must_change:
                reason = "首次登录或密码已重置，请先修改密码"
            elif expires is not None and expires <= clock.now():
                reason = f"密码已于 {expires:%Y-%m-%d} 过期，请修改密码"
    if reason is not None:
        raise MustChangePassword(reason, db)
    return db


def sqlite_login(url: str, login: str, password: str) -> Database:
    """Embedded mode: open (and migrate) the file, then `users.authenticate` (audited, counted)."""
    db = open_database(normalize_url(url), migrate=True)
    try:
        users.authenticate(db, login, password)
    except BaseException:
        db.dispose()  # a password change opens the file again
        raise
    return db


def login(url: str, login_: str, password: str, names: pg_roles.RoleNames | None = None) -> Database:
    """The open database for this person on `url`, or the reason why not (`LoginFailed`, `AccountLocked`,
    `PasswordChangeRequired`, `MustChangePassword`)."""
    if not login_.strip():
        raise ValidationError("请输入用户名")
    if is_postgres(normalize_url(url)):
        return pg_login(url, login_.strip(), password, names)
    return sqlite_login(url, login_.strip(), password)


def open_for_password_change(url: str) -> Database:
    """The embedded database, opened to change a password that must be changed before the first login."""
    return open_database(normalize_url(url), migrate=True)


def database_has_users(db: Database) -> bool:
    """Set-up mode (no users yet) means no login, as `console.security.enforce` does."""
    from console.security.enforce import security_active

    with db.session() as s:
        return security_active(s)


def change_own_password(db: Database, login: str, old: str, new: str) -> Database:
    """The person changes their own password; returns the database to go on with (on PostgreSQL a new
    connection with the new password). SQLite checks the old password, the rules and the last N;
    PostgreSQL checks the old one by connecting with it, the last N against the person's own history and
    the rules in `gc_change_password`."""
    if not db.is_postgres:
        users.change_password(db, login, old, new)
        return db
    url = _bare_url(db)
    try:
        probe = _pg_connect(url, login, old)
        probe.dispose()
    except OperationalError:
        raise LoginFailed("原密码错误") from None
    try:
        users.pg_change_own_password(db, login, old, new)
    except DBAPIError as exc:
        first = str(exc.orig or exc).strip().splitlines()[0]
        raise ValidationError(first.removeprefix("ERROR:").strip()) from None
    fresh = _pg_connect(url, login, new)
    db.dispose()
    return fresh


def verify_password_again(db: Database, login: str, password: str) -> None:
    """The idle lock's check: the same password rules as the login (failures count toward the lockout).
    Raises `LoginFailed`/`AccountLocked`; a password that must be changed still proves who is there."""
    if not db.is_postgres:
        try:
            users.authenticate(db, login, password)
        except PasswordChangeRequired:
            pass
        return
    url = _bare_url(db)
    names = default_role_names()
    try:
        probe = _pg_connect(url, login, password)
    except OperationalError as exc:
        raise _pg_auth_failed(url, login, names, exc) from None
    probe.dispose()


# --- what a logged-in seat reads and records -------------------------------------------------------------------


def _idle_minutes(session: Session) -> int:
    from console.settings import get_setting

    try:
        return max(1, int(get_setting(session, "idle_lock_minutes")))
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def idle_lock_minutes(db: Database) -> int:
    """The `idle_lock_minutes` setting (at least 1)."""
    with db.session() as s:
        return _idle_minutes(s)


def security_state(session: Session, login: str) -> tuple[bool, Any, int]:
    """(security active, the person's `Principal` or None in set-up mode, idle-lock minutes): what the window
    needs to show the 系统 menu and start the idle lock."""
    from console.security.enforce import security_active
    from console.security.posts import load_principal

    if not security_active(session):
        return False, None, DEFAULT_IDLE_MINUTES
    return True, load_principal(session, login), _idle_minutes(session)


def record_event(db: Database, login: str, event: AuditEvent, *, success: bool = True, detail: str = "") -> None:
    """One audit row in its own transaction (the idle lock's 锁屏/解锁)."""
    with db.write_session() as s:
        audit(s, event, login=login, success=success, detail=detail)
