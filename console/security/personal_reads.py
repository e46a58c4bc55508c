"""Reading phones where the connection may not read the columns (PostgreSQL, a person's own login).

On SQLite, or as the owner or a superuser, the columns are read directly and the application masks and audits
(`personal`, `masking`). On a person's login the server holds them back (`pg_personal`): the masked value comes
from `gc_case_reporter_phone` / `gc_grid_staff_phones`, and a reveal calls them with `reveal`, which checks the
post and writes the audit row itself — of a refusal too, which therefore is no database error: the server says
why in the transaction's `pg_personal.REFUSED_SETTING`, and this module raises `PermissionDenied` from it (the
caller commits first, so the audit row stays: `masking.reveal_value`).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console.errors import PermissionDenied
from console.models import Case
from console.security.pg_calls import refusal
from console.security.pg_personal import REFUSED_SETTING

_KEY = "personal_direct"  # session.info cache: table.column → may read directly


def direct(session: Session, table: str, column: str) -> bool:
    """Whether this connection reads `table.column` itself (SQLite; PostgreSQL's owner or a superuser)."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    cache: dict[str, bool] = session.info.setdefault(_KEY, {})
    key = f"{table}.{column}"
    if key not in cache:
        cache[key] = bool(session.scalar(text("SELECT has_column_privilege(:t, :c, 'SELECT')"),
                                         {"t": f"public.{table}", "c": column}))  # fmt: skip
    return cache[key]


def case_reporter_phone(session: Session, case: Case) -> str | None:
    """The reporter's phone as this connection may read it: in full, or masked by the server."""
    if direct(session, "cases", "reporter_phone"):
        return case.reporter_phone
    return _call(session, "SELECT gc_case_reporter_phone(:id, false)", case.id)


def reveal_case_phone(session: Session, case_id: int) -> str:
    """The full phone from the server, which checks the post and audits (a refusal: `PermissionDenied`)."""
    value = _call(session, "SELECT gc_case_reporter_phone(:id, true)", case_id)
    _raise_refusal(session)
    return value or ""


def grid_staff_phones(session: Session, grid_id: int, *, reveal: bool = False) -> dict[int, str | None]:
    """grid_assignment id → the phone of its person, masked by the server unless `reveal` (checked, audited)."""
    try:
        rows = session.execute(text("SELECT o_assignment_id, o_phone FROM gc_grid_staff_phones(:g, :r)"),
                               {"g": grid_id, "r": reveal}).all()  # fmt: skip
    except DBAPIError as exc:
        raise refusal(exc) from None
    if reveal:
        _raise_refusal(session)
    return {int(r[0]): r[1] for r in rows}


def _raise_refusal(session: Session) -> None:
    """`PermissionDenied` with the server's reason, if it refused (and audited) the reveal just asked for."""
    reason = session.scalar(text("SELECT current_setting(:k, true)"), {"k": REFUSED_SETTING})
    if reason:
        raise PermissionDenied(str(reason))


def _call(session: Session, sql: str, case_id: int) -> str | None:
    try:
        value = session.scalar(text(sql), {"id": case_id})
    except DBAPIError as exc:
        raise refusal(exc) from None
    return None if value is None else str(value)
