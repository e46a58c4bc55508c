"""系统管理 without the window: what the three separated administrators' parts read, and each change they make
(users, posts, passwords, the password policy, the audit search and export), Qt-free.

Every change goes through `console.security.users` (which refuses with the same reason as the CLI and writes
the audit row); on PostgreSQL its `pg_*` functions keep the person's login role in step, as
`gridconsole admin …` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from console import clock
from console.db import Database
from console.errors import PermissionDenied
from console.security import audit as audit_mod
from console.security import users
from console.security.audit import AuditEvent, AuditRow
from console.security.enforce import security_active
from console.security.login import default_role_names
from console.security.posts import Post, Principal, can, load_principal
from console.settings import get_setting, set_setting, setting_owner

#: an initial or reset password works on PostgreSQL for 3 days (as the CLI does)
INITIAL_VALID = timedelta(days=3)

#: the settings of the password and lockout policy (密码策略)
POLICY_KEYS = ("password_min_length", "password_min_classes", "password_max_age_days", "password_history",
               "lockout_failures", "lockout_minutes", "idle_lock_minutes", "audit_retention_days")  # fmt: skip


@dataclass(frozen=True)
class AdminData:
    principal: Principal | None
    setup_mode: bool
    users: tuple[users.User, ...]
    policy: dict[str, str]


def load_admin(session: Session, login: str) -> AdminData:
    """Who is looking, and what their parts show."""
    principal = load_principal(session, login)
    setup = not security_active(session)
    listed: tuple[users.User, ...] = ()
    if setup or can(principal, "user_list") is None:
        listed = tuple(users.list_users(session, login))
    policy = {key: get_setting(session, key) for key in POLICY_KEYS}
    return AdminData(principal, setup, listed, policy)


# --- the changes (each mirrors `gridconsole admin …`) --------------------------------------------


def add_user(db: Database, by: str, login: str, name: str) -> str:
    if db.is_postgres:
        _user, password = users.pg_add_user(db, by, login, name, names=default_role_names(),
                                            valid_until=clock.now() + INITIAL_VALID)  # fmt: skip
        return password
    with db.write_session() as s:
        _user, password = users.add_user(s, by, login, name)
    return password


def set_active(db: Database, by: str, login: str, active: bool) -> None:
    if db.is_postgres:
        users.pg_set_active(db, by, login, active, names=default_role_names())
        return
    with db.write_session() as s:
        users.set_active(s, by, login, active)


def grant_or_revoke(db: Database, by: str, login: str, post: str, scope: str, grant: bool) -> None:
    p = Post.from_text(post)
    assert isinstance(p, Post)
    department = (scope if p is Post.DEPARTMENT else None) or None
    grid = (scope if p is Post.GRID else None) or None
    if db.is_postgres:
        pg_fn = users.pg_grant_post if grant else users.pg_revoke_post
        pg_fn(db, by, login, p, names=default_role_names(), department=department, grid=grid)
        return
    with db.write_session() as s:
        fn = users.grant_post if grant else users.revoke_post
        fn(s, by, login, p, department=department, grid=grid)


def reset_password(db: Database, by: str, login: str) -> str:
    if db.is_postgres:
        return users.pg_reset_password(
            db, by, login, names=default_role_names(), valid_until=clock.now() + INITIAL_VALID
        )
    with db.write_session() as s:
        return users.reset_password(s, by, login)


def unlock(db: Database, by: str, login: str) -> None:
    if db.is_postgres:
        users.pg_unlock(db, by, login, names=default_role_names())
        return
    with db.write_session() as s:
        users.unlock(s, by, login)


def save_policy(db: Database, by: str, values: dict[str, int]) -> None:
    from console.security.enforce import require

    with db.write_session() as s:
        require(s, by, "password_policy")
        changed = []
        for key, value in values.items():
            if setting_owner(key) is not Post.SECADMIN:
                raise PermissionDenied(f"设置“{key}”不属于密码策略，安全管理员不能修改")
            if get_setting(s, key) != str(value):
                set_setting(s, key, str(value))
                changed.append(f"{key}={value}")
        if changed:
            audit_mod.audit(
                s, AuditEvent.SETTINGS_CHANGE, login=by, object="密码策略", detail="；".join(changed)
            )


def search(db: Database, by: str, criteria: dict[str, Any]) -> list[AuditRow]:
    from console.security.enforce import require

    with db.write_session() as s:
        require(s, by, "audit_read")
        rows = audit_mod.search_audit(s, limit=2000, **criteria)
        shown = {k: v for k, v in criteria.items() if v not in (None, "", [], ())}
        audit_mod.audit(
            s, AuditEvent.AUDIT_SEARCH, login=by, detail=f"{len(rows)} 条；条件：{shown or '全部'}"
        )
    return rows


def export(db: Database, by: str, path: Path, criteria: dict[str, Any]) -> int:
    from console.security.enforce import require

    with db.write_session() as s:
        require(s, by, "audit_export")
        return audit_mod.export_csv(s, path, by, **criteria)
