"""Reading phones where the connection may not read the columns (PostgreSQL, a person's own login).

On SQLite, or as the owner or a superuser, the columns are read directly and the application masks and audits
(`personal`, `masking`). On a person's login the server holds them back (`pg_personal`): the masked value comes
from `gc_case_reporter_phone` / `gc_grid_staff_phones`, and a reveal calls them with `reveal`, which checks the
post and writes the audit row itself — of a refusal too, which therefore is no database error: the server says
why in the transaction's `pg_personal.REFUSED_SETTING`, and this module raises `PermissionDenied` from it (the
caller commits first, so the audit row stays: `masking.reveal_value`).

The server shows a full number only once the audit row of that reveal is committed: a first granted reveal writes
the row and answers masked (`pg_personal.PENDING_SETTING` says so). `reveal_in_own_transactions` therefore asks in
a transaction of its own, commits it, and asks once more in a second one, which the committed row lets see the
number: the user clicks once, and both transactions are apart from any open unit of work (a session of their own,
on another pooled connection), whose pending changes they neither commit nor roll back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import PermissionDenied
from console.models import Case
from console.security.pg_calls import refusal
from console.security.pg_personal import PENDING_SETTING, REFUSED_SETTING

_KEY = "personal_direct"  # session.info cache: table.column → may read directly
T = TypeVar("T")


def reveal_in_own_transactions(db: Database, reveal: Callable[[Session], T]) -> T:
    """`reveal(session)` in a write transaction of its own; if the server only wrote the audit row of the reveal
    (`reveal_pending`), that transaction commits and `reveal` runs again in a second one, which shows the full
    number. A refusal (`PermissionDenied`) is raised after its transaction commits, so its audit row stays."""
    for _ in range(2):
        failure: PermissionDenied | None = None
        with db.write_session() as session:
            try:
                value = reveal(session)
                pending = reveal_pending(session)
            except PermissionDenied as exc:
                failure = exc
        if failure is not None:
            raise failure
        if not pending:
            return value
    raise PermissionDenied(pending)  # the committed row did not count (not expected): the server's text says why


def reveal_pending(session: Session) -> str:
    """The server's note if the reveal just asked for in this transaction wrote its audit row and showed the
    number masked (ask again once this transaction is committed); '' when it did not (always on SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return ""
    return str(session.scalar(text("SELECT current_setting(:k, true)"), {"k": PENDING_SETTING}) or "")


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
    """The phone from the server, which checks the post and audits (a refusal: `PermissionDenied`): in full once
    the audit row of the reveal is committed, else masked (`reveal_pending`; `reveal_in_own_transactions`)."""
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
