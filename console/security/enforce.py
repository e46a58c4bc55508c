"""Where the workflow asks the permission check: at the start of every action, for the action buttons, and
for the queue's visible rows.

Until the first user is created (`app_user` empty) a database is in set-up mode and nothing is refused: a
fresh embedded install and the demo work at once; `gridconsole admin bootstrap` ends set-up mode. From then
on an unknown or disabled login is refused everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import exists, select, text
from sqlalchemy.orm import Session

from console.errors import PermissionDenied
from console.models import AppUser, Case
from console.security.posts import (
    ACTION_LABELS,
    CASE_RULES,
    CaseScope,
    Principal,
    can,
    load_principal,
    scope_of,
)


def security_active(session: Session) -> bool:
    """True once any user exists (before that the database is in set-up mode)."""
    return session.scalar(select(exists().where(AppUser.id.is_not(None)))) or False


def is_database_owner(session: Session, login: str) -> bool:
    """On PostgreSQL, whether `login` is this connection's role and a superuser or the tables' owner: the
    administrator of last resort (it could change anything anyway), e.g. for provisioning."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    row = session.execute(
        text(
            "SELECT r.rolsuper OR pg_has_role(current_user, t.tableowner, 'USAGE') FROM pg_roles r, pg_tables t "
            "WHERE r.rolname = current_user AND t.schemaname = 'public' AND t.tablename = 'app_user' "
            "AND current_user = :login"
        ),
        {"login": login},
    ).scalar()
    return bool(row)


def effective_login(session: Session, login: str) -> str:
    """Who is acting. On PostgreSQL a person connected with their own login role is that login, whatever
    name the client passes (the database is the last line: its triggers record the same); an owner or
    administrative connection acts for the name given."""
    if session.get_bind().dialect.name != "postgresql":
        return login
    db_user = session.scalar(text("SELECT session_user"))
    if db_user and db_user != login and session.scalar(select(exists().where(AppUser.login == db_user))):
        return str(db_user)
    return login


def principal_for(session: Session, login: str) -> Principal | None:
    return load_principal(session, login)


def check_action(session: Session, login: str, action: str, case: Case | None) -> None:
    """Raise `PermissionDenied` (with the reason to show) unless `login` may take `action` on `case`."""
    if not security_active(session):
        return
    user = load_principal(session, login)
    scope = scope_of(session, case) if case is not None else None
    reason = can(user, action, scope)
    if reason is not None:
        raise PermissionDenied(reason)


def check_report(session: Session, login: str, grid_code: str) -> None:
    """Raise `PermissionDenied` unless `login` may report a case in grid `grid_code`."""
    if not security_active(session):
        return
    reason = can(load_principal(session, login), "report", CaseScope(grid_code=grid_code))
    if reason is not None:
        raise PermissionDenied(reason)


def require(session: Session, login: str, action: str) -> Principal | None:
    """Raise `PermissionDenied` unless `login` may take the administrative `action`; returns the user."""
    if not security_active(session) or is_database_owner(session, login):
        return None
    user = load_principal(session, login)
    reason = can(user, action, None)
    if reason is not None:
        raise PermissionDenied(reason)
    return user


def action_permissions(
    session: Session, login: str | None, case_id: int, actions: Iterable[str] | None = None
) -> dict[str, str | None]:
    """For each case action, why `login` may not take it on this case (None if they may).

    `read.allowed_actions` merges these with the state machine's reasons, so a disabled button names the
    reason the service would give.
    """
    names = list(actions) if actions is not None else [a for a in ACTION_LABELS if a in CASE_RULES]
    if not security_active(session):
        return dict.fromkeys(names)
    user = load_principal(session, login) if login else None
    case = session.get(Case, case_id)
    scope = scope_of(session, case) if case is not None else None
    return {name: can(user, name, scope) for name in names}
