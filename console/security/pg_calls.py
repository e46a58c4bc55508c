"""The Python side of the security functions PostgreSQL mode installs (their SQL is in `pg_sql`).

One thin wrapper per function, for the three kinds of caller that may not touch roles or the security tables
themselves: an administrator on their own login (`fn_*` around the provisioner's `gc_admin_*` functions, which
`console.security.users.pg_*` use when `pg_roles.admin_via_functions` says so), a person on their own login
(password history and change), and the login dialog through the gate role (`gate`, `report_failure`).
`refusal` turns the database's refusals (their own Chinese messages) into console errors.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console.errors import ConsoleError, NotFound, PermissionDenied, ValidationError
from console.security.pg_sql import scram_verifier
from console.security.posts import Post

# --- people: through the provisioner's functions (an administrator on their own login) --------------------

#: SQLSTATEs the provisioning functions raise with a message fit to show
_REFUSALS: dict[str, type[ConsoleError]] = {
    "42501": PermissionDenied,  # insufficient_privilege
    "P0002": NotFound,  # no_data_found
    "23514": ValidationError,  # check_violation
    "23505": ValidationError,  # unique_violation
    "22023": ValidationError,  # invalid_parameter_value
    "42710": ValidationError,  # duplicate_object
}


def refusal(exc: DBAPIError) -> Exception:
    """The console error for a refusal by the database (its own Chinese message), or `exc` itself."""
    orig: Any = exc.orig
    state = getattr(orig, "sqlstate", None)
    kind = _REFUSALS.get(state or "")
    if kind is None:
        return exc
    diag = getattr(orig, "diag", None)
    message = getattr(diag, "message_primary", None) or str(orig).splitlines()[0]
    if state == "42501" and "permission denied for function" in message:
        message = "您的数据库登录无权执行此管理操作（须为系统管理员或安全管理员本人的登录）"
    return kind(message)


def _call(session: Session, sql: str, params: dict[str, Any]) -> None:
    try:
        session.execute(text(sql), params)
    except DBAPIError as exc:
        raise refusal(exc) from None


def _one_time(valid_until: datetime) -> datetime:
    return valid_until.replace(microsecond=0)


def fn_add_user(
    session: Session, login: str, name: str, password: str, *, valid_until: datetime,
    person_id: int | None = None,
) -> None:  # fmt: skip
    """`gc_admin_add_user`: the verifier is computed here, so the password never reaches the server."""
    _call(session, "SELECT gc_admin_add_user(:login, :name, :verifier, :until, :person)",
          {"login": login, "name": name, "verifier": scram_verifier(session, login, password),
           "until": _one_time(valid_until), "person": person_id})  # fmt: skip


def fn_set_active(session: Session, login: str, active: bool) -> None:
    _call(session, "SELECT gc_admin_set_active(:login, :active)", {"login": login, "active": active})


def fn_grant_post(
    session: Session, login: str, post: Post, *, department_id: int | None = None, grid_id: int | None = None
) -> None:
    _call(session, "SELECT gc_admin_grant_post(:login, :post, CAST(:dep AS integer), CAST(:grid AS integer))",
          {"login": login, "post": post.value, "dep": department_id, "grid": grid_id})  # fmt: skip


def fn_revoke_post(
    session: Session, login: str, post: Post, *, department_id: int | None = None, grid_id: int | None = None
) -> None:
    _call(session, "SELECT gc_admin_revoke_post(:login, :post, CAST(:dep AS integer), CAST(:grid AS integer))",
          {"login": login, "post": post.value, "dep": department_id, "grid": grid_id})  # fmt: skip


def fn_reset_password(session: Session, login: str, password: str, *, valid_until: datetime) -> None:
    _call(session, "SELECT gc_admin_reset_password(:login, :verifier, :until)",
          {"login": login, "verifier": scram_verifier(session, login, password),
           "until": _one_time(valid_until)})  # fmt: skip


def fn_unlock(session: Session, login: str) -> None:
    _call(session, "SELECT gc_unlock(:login)", {"login": login})


# --- used by a person on their own login ------------------------------------------------------------------


def fn_my_password_history(session: Session) -> list[str]:
    """`gc_my_password_history`: the argon2id hashes of this login's own last N passwords, newest first."""
    try:
        return list(session.scalars(text("SELECT gc_my_password_history()")))
    except DBAPIError as exc:
        raise refusal(exc) from None


def fn_change_password(session: Session, password: str, password_hash: str) -> datetime | None:
    """`gc_change_password`: the server checks the rules on `password`, stores `password_hash` (argon2id) in
    the caller's history and returns the new expiry (None: never)."""
    try:
        expiry: datetime | None = session.scalar(
            text("SELECT gc_change_password(:p, :h)"), {"p": password, "h": password_hash}
        )
    except DBAPIError as exc:
        raise refusal(exc) from None
    return expiry


# --- used by the login dialog (through the gate role) ----------------------------------------------------


def report_failure(session: Session, login: str, host: str = "") -> datetime | None:
    """Record a failed password for `login` (as the gate role); returns the end of the lock, if locked."""
    until: datetime | None = session.scalar(
        text("SELECT gc_login_failed(:login, :host)"), {"login": login, "host": host}
    )
    return until


def gate(session: Session, login: str) -> datetime | None:
    """Before a login attempt (as the gate role): lift a lock that ran out; the lock's end if still locked."""
    until: datetime | None = session.scalar(text("SELECT gc_login_gate(:login)"), {"login": login})
    return until
