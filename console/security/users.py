"""Users and their posts; login, password change and lockout for the embedded SQLite mode.

The administrative functions take the acting administrator's login (`by`) and refuse unless their post
allows it (系统管理员 adds and disables users, 安全管理员 grants posts and resets passwords); each writes its
audit row in the caller's transaction. In PostgreSQL mode the CLI and the admin window call the `pg_*`
functions instead, which keep the person's own database role in step with the table: an administrator
connected with their own login goes through the provisioner's narrow `gc_admin_*` functions (they write the
rows and the audit themselves), a superuser or owner connection takes the direct path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console import clock
from console.db import Database
from console.errors import ConsoleError, NotFound, PermissionDenied, ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import AppUser, Department, Grid, LoginFailure, PasswordHistory, UserPost
from console.security import pg_calls, pg_roles
from console.security.audit import AuditEvent, audit, this_host
from console.security.enforce import is_database_owner, require, security_active
from console.security.passwords import (
    PasswordPolicy,
    check_password,
    generate_password,
    hash_password,
    verify_password,
)
from console.security.posts import ACTION_LABELS, OVERSEEING_SYSADMIN, Post, check_post_combination

T = TypeVar("T")

LOGIN_RE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")  # also a valid PostgreSQL role name without quoting


class LoginFailed(ConsoleError):
    """Wrong login or password, or the account is disabled."""


class AccountLocked(LoginFailed):
    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class PasswordChangeRequired(ConsoleError):
    """The password is right but must be changed now (first login, after a reset, or expired)."""

    def __init__(self, message: str, user: User) -> None:
        super().__init__(message)
        self.user = user


@dataclass(frozen=True)
class PostGrant:
    post: Post
    department_id: int | None = None
    department: str | None = None
    grid_code: str | None = None
    grid_name: str | None = None

    @property
    def label(self) -> str:
        where = self.department or self.grid_name
        return f"{self.post.label}（{where}）" if where else self.post.label


@dataclass(frozen=True)
class User:
    id: int
    login: str
    name: str
    active: bool
    must_change: bool
    password_changed_at: datetime | None
    password_expires_at: datetime | None
    posts: tuple[PostGrant, ...]
    locked_until: datetime | None = None


# --- reading ------------------------------------------------------------------------------------------------


def _user_row(session: Session, login: str) -> AppUser:
    user = session.scalar(select(AppUser).where(AppUser.login == login))
    if user is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("users", "用户不存在：%1"), login))
    return user


def _grants(session: Session, user_id: int) -> tuple[PostGrant, ...]:
    rows = session.execute(
        select(UserPost.post, UserPost.department_id, Department.name, Grid.code, Grid.name)
        .outerjoin(Department, Department.id == UserPost.department_id)
        .outerjoin(Grid, Grid.id == UserPost.grid_id)
        .where(UserPost.user_id == user_id)
        .order_by(UserPost.id)
    ).all()
    return tuple(PostGrant(Post(p), dep_id, dep, code, gname) for p, dep_id, dep, code, gname in rows)


def _snapshot(session: Session, user: AppUser, policy: PasswordPolicy | None = None) -> User:
    policy = policy or PasswordPolicy.from_settings(session)
    lock = session.get(LoginFailure, user.login)
    now = clock.now()
    locked = lock.locked_until if lock and lock.locked_until and lock.locked_until > now else None
    return User(user.id, user.login, user.name, user.active, user.must_change, user.password_changed_at,
                policy.expires_at(user.password_changed_at), _grants(session, user.id), locked)  # fmt: skip


def get_user(session: Session, login: str) -> User:
    return _snapshot(session, _user_row(session, login))


def list_users(session: Session, by: str) -> list[User]:
    require(session, by, "user_list")
    policy = PasswordPolicy.from_settings(session)
    return [_snapshot(session, u, policy) for u in session.scalars(select(AppUser).order_by(AppUser.login))]


# --- administration -----------------------------------------------------------------------------------------


def validate_login(login: str) -> str:
    login = login.strip()
    if not LOGIN_RE.match(login):
        raise ValidationError(
            f"无效的登录名“{login}”：须以小写字母开头，只含小写字母、数字和下划线，2-63 位（如姓名拼音 wangjg）"
        )
    return login


def _set_password(session: Session, user: AppUser, password: str, *, must_change: bool) -> None:
    now = clock.now()
    user.password_hash = hash_password(password)
    user.password_changed_at = now
    user.must_change = must_change
    session.add(PasswordHistory(user_id=user.id, password_hash=user.password_hash, changed_at=now))


def add_user(
    session: Session,
    by: str,
    login: str,
    name: str,
    *,
    password: str | None = None,
    person_id: int | None = None,
    store_hash: bool = True,
) -> tuple[User, str]:
    """Create a user who must change the password at first login; returns the user and the initial
    password (generated unless given). `store_hash=False` in PostgreSQL mode (the server keeps it)."""
    require(session, by, "user_add")
    login = validate_login(login)
    name = name.strip()
    if not name:
        raise ValidationError(QT_TRANSLATE_NOOP("users", "请填写姓名"))
    if session.scalar(select(AppUser.id).where(AppUser.login == login)) is not None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("users", "登录名 %1 已存在"), login))
    policy = PasswordPolicy.from_settings(session)
    password = password or generate_password(policy)
    check_password(policy, login, password)
    user = AppUser(login=login, name=name[:40], person_id=person_id, active=True, must_change=True,
                   created_at=clock.now(), created_by=by)  # fmt: skip
    session.add(user)
    session.flush()
    if store_hash:
        _set_password(session, user, password, must_change=True)
    else:
        user.password_changed_at = clock.now()
    audit(session, AuditEvent.USER_ADD, login=by, object=f"用户 {login}", detail=f"姓名：{name}")
    session.flush()
    return _snapshot(session, user, policy), password


def set_active(session: Session, by: str, login: str, active: bool) -> User:
    require(session, by, "user_enable" if active else "user_disable")
    user = _user_row(session, login)
    if not active and login == by:
        raise PermissionDenied(QT_TRANSLATE_NOOP("users", "不能停用自己的账号"))
    watched = {g.post for g in _grants(session, user.id)} & OVERSEEING_SYSADMIN
    if watched and not is_database_owner(session, by):
        raise PermissionDenied(
            f"系统管理员不能停用或启用{'、'.join(p.label for p in sorted(watched))}（三员分立）：须由数据库属主办理"
        )
    user.active = active
    user.disabled_at = None if active else clock.now()
    audit(session, AuditEvent.USER_ENABLE if active else AuditEvent.USER_DISABLE, login=by,
          object=f"用户 {login}")  # fmt: skip
    session.flush()
    return get_user(session, login)


def _resolve_scope(
    session: Session, post: Post, department: str | int | None, grid: str | None
) -> tuple[int | None, int | None]:
    dep_id: int | None = None
    grid_id: int | None = None
    if post is Post.DEPARTMENT:
        if department is None or str(department).strip() == "":
            raise ValidationError(QT_TRANSLATE_NOOP("users", "部门办理人须指定所在部门"))
        key = str(department).strip()
        dep = session.scalar(
            select(Department).where(
                (Department.name == key) | (Department.code == key)
                | (Department.id == (int(key) if key.isdigit() else -1))
            )
        )  # fmt: skip
        if dep is None:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("users", "未知的部门：%1"), department))
        dep_id = dep.id
    elif department not in (None, ""):
        raise ValidationError(Message(QT_TRANSLATE_NOOP("users", "%1岗位不按部门授予"), post.label))
    if post is Post.GRID:
        if not grid:
            raise ValidationError(QT_TRANSLATE_NOOP("users", "网格长/网格员须指定负责的网格（编码）"))
        g = session.scalar(select(Grid).where(Grid.code == grid.strip()))
        if g is None:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("users", "未知的网格编码：%1"), grid))
        grid_id = g.id
    elif grid:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("users", "%1岗位不按网格授予"), post.label))
    return dep_id, grid_id


def grant_post(
    session: Session, by: str, login: str, post: Post | str, *, department: str | int | None = None,
    grid: str | None = None,
) -> User:  # fmt: skip
    """Give `login` a post (a department for 部门办理人, a grid for 网格长/网格员)."""
    require(session, by, "post_grant")
    p = post if isinstance(post, Post) else Post.from_text(str(post))
    assert isinstance(p, Post)
    if login == by and security_active(session):
        raise PermissionDenied(QT_TRANSLATE_NOOP("users", "不能给自己授予岗位（须由另一位安全管理员办理）"))
    user = _user_row(session, login)
    held = [g.post for g in _grants(session, user.id)]
    reason = check_post_combination(held, p)
    if reason:
        raise PermissionDenied(reason)
    dep_id, grid_id = _resolve_scope(session, p, department, grid)
    exists = session.scalar(
        select(UserPost.id).where(
            UserPost.user_id == user.id, UserPost.post == p.value,
            UserPost.department_id.is_(None) if dep_id is None else UserPost.department_id == dep_id,
            UserPost.grid_id.is_(None) if grid_id is None else UserPost.grid_id == grid_id,
        )
    )  # fmt: skip
    if exists is None:
        session.add(UserPost(user_id=user.id, post=p.value, department_id=dep_id, grid_id=grid_id,
                             granted_at=clock.now(), granted_by=by))  # fmt: skip
        session.flush()
    grant = next(
        g for g in _grants(session, user.id)
        if g.post is p and g.department_id == dep_id and (grid is None or g.grid_code == grid.strip())
    )  # fmt: skip
    audit(session, AuditEvent.POST_GRANT, login=by, object=f"用户 {login}", detail=grant.label)
    return get_user(session, login)


def revoke_post(
    session: Session, by: str, login: str, post: Post | str, *, department: str | int | None = None,
    grid: str | None = None,
) -> User:  # fmt: skip
    """Take a post away (all its scopes, unless a department or grid is named)."""
    require(session, by, "post_revoke")
    p = post if isinstance(post, Post) else Post.from_text(str(post))
    assert isinstance(p, Post)
    if login == by:
        raise PermissionDenied(QT_TRANSLATE_NOOP("users", "不能撤销自己的岗位（须由另一位安全管理员办理）"))
    user = _user_row(session, login)
    stmt = delete(UserPost).where(UserPost.user_id == user.id, UserPost.post == p.value)
    if department not in (None, "") or grid:
        dep_id, grid_id = _resolve_scope(session, p, department, grid)
        if dep_id is not None:
            stmt = stmt.where(UserPost.department_id == dep_id)
        if grid_id is not None:
            stmt = stmt.where(UserPost.grid_id == grid_id)
    removed = session.execute(stmt).rowcount  # type: ignore[attr-defined]
    if not removed:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("users", "用户 %1 没有该岗位：%2"), login, p.label))
    where = department or grid or ""
    audit(session, AuditEvent.POST_REVOKE, login=by, object=f"用户 {login}",
          detail=f"{p.label}（{where}）" if where else p.label)  # fmt: skip
    session.flush()
    return get_user(session, login)


def reset_password(session: Session, by: str, login: str, new_password: str | None = None) -> str:
    """Set a new (generated unless given) password the user must change at next login; clears a lockout."""
    require(session, by, "password_reset")
    user = _user_row(session, login)
    if login == by:
        raise PermissionDenied(QT_TRANSLATE_NOOP("users", "请用“修改密码”修改自己的密码"))
    policy = PasswordPolicy.from_settings(session)
    password = new_password or generate_password(policy)
    check_password(policy, login, password)
    _set_password(session, user, password, must_change=True)
    session.execute(delete(LoginFailure).where(LoginFailure.login == login))
    audit(session, AuditEvent.PASSWORD_RESET, login=by, object=f"用户 {login}")
    session.flush()
    return password


def unlock(session: Session, by: str, login: str) -> None:
    require(session, by, "user_unlock")
    _user_row(session, login)
    session.execute(delete(LoginFailure).where(LoginFailure.login == login))
    audit(session, AuditEvent.ACCOUNT_UNLOCKED, login=by, object=f"用户 {login}", detail="管理员解锁")


def bootstrap(
    session: Session, sysadmin: tuple[str, str], secadmin: tuple[str, str], auditor: tuple[str, str],
    *, store_hash: bool = True,
) -> dict[str, str]:  # fmt: skip
    """First set-up: create the three separated administrators (login, name) with generated passwords to
    change at first login. Refused once any user exists."""
    if security_active(session):
        raise PermissionDenied(QT_TRANSLATE_NOOP("users", "已有用户，不能再次初始化；请由系统管理员新建用户"))
    logins = {sysadmin[0], secadmin[0], auditor[0]}
    if len(logins) != 3:
        raise ValidationError(QT_TRANSLATE_NOOP("users", "系统管理员、安全管理员、审计管理员须由三个不同的账号担任（三员分立）"))
    passwords: dict[str, str] = {}
    for (raw_login, name), post in (
        (sysadmin, Post.SYSADMIN),
        (secadmin, Post.SECADMIN),
        (auditor, Post.AUDITOR),
    ):
        login = validate_login(raw_login)
        policy = PasswordPolicy.from_settings(session)
        password = generate_password(policy)
        user = AppUser(login=login, name=name, active=True, must_change=True, created_at=clock.now(),
                       created_by="bootstrap")  # fmt: skip
        session.add(user)
        session.flush()
        if store_hash:
            _set_password(session, user, password, must_change=True)
        else:
            user.password_changed_at = clock.now()
        session.add(
            UserPost(user_id=user.id, post=post.value, granted_at=clock.now(), granted_by="bootstrap")
        )
        audit(session, AuditEvent.USER_ADD, login="bootstrap", object=f"用户 {login}", detail=post.label)
        passwords[login] = password
    session.flush()
    return passwords


# --- PostgreSQL mode: the person's own login role follows the table ----------------------------------------
# Each `pg_*` runs one change in its own transaction. Connected as an administrator's own login it asks the same
# questions as above (so the refusal reads the same) and then calls the provisioner's function, which checks
# again, changes the role and writes `app_user`/`user_post` and the audit row; a superuser or owner connection
# writes the rows here and changes the role directly. A refusal is audited in a transaction of its own.


def _pg_admin(db: Database, by: str, action: str, login: str, work: Callable[[Session, bool], T]) -> T:
    try:
        with db.write_session() as s:
            return work(s, pg_roles.admin_via_functions(s))
    except PermissionDenied as exc:
        try:
            with db.write_session() as s:
                audit(s, AuditEvent.PERMISSION_DENIED, login=by, object=f"用户 {login}", success=False,
                      detail=f"{ACTION_LABELS.get(action, action)}：{exc.message}")  # fmt: skip
        except DBAPIError:
            pass  # the refusal itself is what the caller must see
        raise


def _as_post(post: Post | str) -> Post:
    p = post if isinstance(post, Post) else Post.from_text(str(post))
    assert isinstance(p, Post)
    return p


def pg_add_user(
    db: Database, by: str, login: str, name: str, *, names: pg_roles.RoleNames, valid_until: datetime,
    person_id: int | None = None, password: str | None = None,
) -> tuple[User, str]:  # fmt: skip
    """A new person and their LOGIN role, with a one-time password valid until `valid_until`."""

    def work(s: Session, via_functions: bool) -> tuple[User, str]:
        if not via_functions:
            user, pw = add_user(s, by, login, name, password=password, person_id=person_id, store_hash=False)
            pg_roles.create_login(s, user.login, pw, names, valid_until=valid_until)
            return user, pw
        require(s, by, "user_add")
        new = validate_login(login)
        if not name.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("users", "请填写姓名"))
        policy = PasswordPolicy.from_settings(s)
        pw = password or generate_password(policy)
        check_password(policy, new, pw)
        pg_calls.fn_add_user(s, new, name.strip(), pw, valid_until=valid_until, person_id=person_id)
        return get_user(s, new), pw

    return _pg_admin(db, by, "user_add", login, work)


def pg_set_active(db: Database, by: str, login: str, active: bool, *, names: pg_roles.RoleNames) -> User:
    action = "user_enable" if active else "user_disable"

    def work(s: Session, via_functions: bool) -> User:
        if not via_functions:
            set_active(s, by, login, active)
            pg_roles.set_login_allowed(s, login, active, names)
        else:
            require(s, by, action)
            if login == by:
                raise PermissionDenied(QT_TRANSLATE_NOOP("users", "不能停用或启用自己的账号"))
            pg_calls.fn_set_active(s, login, active)
        return get_user(s, login)

    return _pg_admin(db, by, action, login, work)


def pg_grant_post(
    db: Database, by: str, login: str, post: Post | str, *, names: pg_roles.RoleNames,
    department: str | int | None = None, grid: str | None = None,
) -> User:  # fmt: skip
    def work(s: Session, via_functions: bool) -> User:
        if not via_functions:
            grant_post(s, by, login, post, department=department, grid=grid)
            pg_roles.sync_memberships(s, login, names)
            return get_user(s, login)
        require(s, by, "post_grant")
        p = _as_post(post)
        if login == by:
            raise PermissionDenied(QT_TRANSLATE_NOOP("users", "不能给自己授予岗位（须由另一位安全管理员办理）"))
        user = _user_row(s, login)
        reason = check_post_combination([g.post for g in _grants(s, user.id)], p)
        if reason:
            raise PermissionDenied(reason)
        dep_id, grid_id = _resolve_scope(s, p, department, grid)
        pg_calls.fn_grant_post(s, login, p, department_id=dep_id, grid_id=grid_id)
        return get_user(s, login)

    return _pg_admin(db, by, "post_grant", login, work)


def pg_revoke_post(
    db: Database, by: str, login: str, post: Post | str, *, names: pg_roles.RoleNames,
    department: str | int | None = None, grid: str | None = None,
) -> User:  # fmt: skip
    def work(s: Session, via_functions: bool) -> User:
        if not via_functions:
            revoke_post(s, by, login, post, department=department, grid=grid)
            pg_roles.sync_memberships(s, login, names)
            return get_user(s, login)
        require(s, by, "post_revoke")
        p = _as_post(post)
        if login == by:
            raise PermissionDenied(QT_TRANSLATE_NOOP("users", "不能撤销自己的岗位（须由另一位安全管理员办理）"))
        _user_row(s, login)
        dep_id = grid_id = None
        if department not in (None, "") or grid:
            dep_id, grid_id = _resolve_scope(s, p, department, grid)
        pg_calls.fn_revoke_post(s, login, p, department_id=dep_id, grid_id=grid_id)
        return get_user(s, login)

    return _pg_admin(db, by, "post_revoke", login, work)


def pg_reset_password(
    db: Database, by: str, login: str, *, names: pg_roles.RoleNames, valid_until: datetime
) -> str:
    """A new one-time password (generated) the person must change at the next login; lifts a lock. The server
    keeps only its SCRAM verifier (no argon2 hash in PostgreSQL mode)."""

    def work(s: Session, via_functions: bool) -> str:
        require(s, by, "password_reset")
        user = _user_row(s, login)
        if login == by:
            raise PermissionDenied(QT_TRANSLATE_NOOP("users", "请用“修改密码”修改自己的密码"))
        policy = PasswordPolicy.from_settings(s)
        password = generate_password(policy)
        check_password(policy, login, password)
        if via_functions:
            pg_calls.fn_reset_password(s, login, password, valid_until=valid_until)
            return password
        s.execute(update(AppUser).where(AppUser.id == user.id).values(must_change=True,
                                                                      password_changed_at=clock.now()))  # fmt: skip
        pg_roles.set_password(s, login, password, valid_until=valid_until, names=names)
        pg_roles.unlock_login(s, login, names)
        audit(s, AuditEvent.PASSWORD_RESET, login=by, object=f"用户 {login}")
        return password

    return _pg_admin(db, by, "password_reset", login, work)


def pg_unlock(db: Database, by: str, login: str, *, names: pg_roles.RoleNames) -> None:
    def work(s: Session, via_functions: bool) -> None:
        if via_functions:
            require(s, by, "user_unlock")
            pg_calls.fn_unlock(s, login)
        else:
            unlock(s, by, login)
            pg_roles.unlock_login(s, login, names)

    _pg_admin(db, by, "user_unlock", login, work)


def pg_change_own_password(db: Database, login: str, old_password: str, new_password: str) -> datetime | None:
    """A person changes their own password on PostgreSQL (connected as themselves; the caller has proved the
    old one by connecting with it). The rules are checked here and again by `gc_change_password`; a reuse of
    the last N is refused against the person's own argon2id history (`gc_my_password_history`), and the new
    hash joins it in the same transaction. Returns the new expiry (None: never)."""
    with db.write_session() as s:
        policy = PasswordPolicy.from_settings(s)
        check_password(policy, login, new_password)
        recent = pg_calls.fn_my_password_history(s)[: policy.history]
        if new_password == old_password or any(verify_password(h, new_password) for h in recent):
            raise ValidationError(Message(QT_TRANSLATE_NOOP("users", "新密码不能与最近 %1 次使用过的密码相同"), max(policy.history, 1)))
        return pg_calls.fn_change_password(s, new_password, hash_password(new_password))


# --- login (SQLite mode) ------------------------------------------------------------------------------------


def _record_failure(
    session: Session, login: str, host: str, policy: PasswordPolicy, now: datetime
) -> tuple[int, datetime | None]:
    row = session.get(LoginFailure, login)
    if row is None:
        row = LoginFailure(login=login, failures=0, last_host="")
        session.add(row)
    if row.locked_until is not None and row.locked_until <= now:
        row.failures = 0  # the lock ran out: count afresh
        row.locked_until = None
    row.failures = (row.failures or 0) + 1
    row.last_failure_at = now
    row.last_host = host[:100]
    if row.failures >= policy.lockout_failures:
        row.locked_until = now + timedelta(minutes=policy.lockout_minutes)
    session.flush()
    return row.failures, row.locked_until


def _locked_until(session: Session, login: str, now: datetime) -> datetime | None:
    row = session.get(LoginFailure, login)
    if row is not None and row.locked_until is not None and row.locked_until > now:
        return row.locked_until
    return None


def authenticate(db: Database, login: str, password: str, host: str | None = None) -> User:
    """Check a login in SQLite mode. Raises `LoginFailed` (wrong login/password, disabled), `AccountLocked`
    (with the time it ends) or `PasswordChangeRequired` (first login, reset, expired: call
    `change_password`). Every outcome is audited; failures count toward the lockout."""
    host = host or this_host()
    login = login.strip()
    error: ConsoleError | None = None
    with db.write_session() as session:
        now = clock.now()
        policy = PasswordPolicy.from_settings(session)
        until = _locked_until(session, login, now)
        user = session.scalar(select(AppUser).where(AppUser.login == login))
        if until is not None:
            audit(session, AuditEvent.LOGIN_FAILED, login=login, host=host, success=False,
                  detail=f"账号锁定中（至 {until:%H:%M}）")  # fmt: skip
            error = AccountLocked(
                f"连续登录失败次数过多，账号已锁定至 {until:%H:%M}，请稍后再试或联系安全管理员", until
            )
        elif user is None or not verify_password(user.password_hash, password):
            failures, locked = _record_failure(session, login, host, policy, now)
            audit(session, AuditEvent.LOGIN_FAILED, login=login, host=host, success=False,
                  detail="用户不存在" if user is None else f"密码错误（第 {failures} 次）")  # fmt: skip
            if locked is not None:
                audit(session, AuditEvent.ACCOUNT_LOCKED, login=login, host=host, success=False,
                      detail=f"连续 {failures} 次登录失败，锁定至 {locked:%Y-%m-%d %H:%M}")  # fmt: skip
                error = AccountLocked(
                    f"连续 {failures} 次密码错误，账号已锁定至 {locked:%H:%M}，请稍后再试或联系安全管理员",
                    locked,
                )
            else:
                left = policy.lockout_failures - failures
                error = LoginFailed(f"用户名或密码错误（再错 {left} 次将锁定 {policy.lockout_minutes} 分钟）")
        elif not user.active:
            audit(
                session, AuditEvent.LOGIN_FAILED, login=login, host=host, success=False, detail="账号已停用"
            )
            error = LoginFailed(f"账号 {login} 已停用，请联系系统管理员")
        else:
            session.execute(delete(LoginFailure).where(LoginFailure.login == login))
            audit(session, AuditEvent.LOGIN, login=login, host=host)
            snapshot = _snapshot(session, user, policy)
            expires = snapshot.password_expires_at
            if user.must_change:
                error = PasswordChangeRequired("首次登录或密码已重置，请先修改密码", snapshot)
            elif expires is not None and expires <= now:
                error = PasswordChangeRequired(f"密码已于 {expires:%Y-%m-%d} 过期，请修改密码", snapshot)
    if error is not None:
        raise error
    return snapshot


def change_password(
    db: Database, login: str, old_password: str, new_password: str, host: str | None = None
) -> User:
    """A user changes their own password (SQLite mode): the old one must be right (a wrong one counts as a
    failed login), the new one must meet the policy and differ from the last N."""
    host = host or this_host()
    error: ConsoleError | None = None
    with db.write_session() as session:
        now = clock.now()
        policy = PasswordPolicy.from_settings(session)
        user = session.scalar(select(AppUser).where(AppUser.login == login))
        until = _locked_until(session, login, now)
        if until is not None:
            error = AccountLocked(f"账号已锁定至 {until:%H:%M}，请稍后再试或联系安全管理员", until)
        elif (
            user is None or not user.active or not verify_password(user.password_hash, password=old_password)
        ):
            _record_failure(session, login, host, policy, now)
            audit(
                session,
                AuditEvent.PASSWORD_CHANGE,
                login=login,
                host=host,
                success=False,
                detail="原密码错误",
            )
            error = LoginFailed("原密码错误")
        else:
            check_password(policy, login, new_password)
            recent = session.scalars(
                select(PasswordHistory.password_hash)
                .where(PasswordHistory.user_id == user.id)
                .order_by(PasswordHistory.id.desc())
                .limit(max(policy.history, 1))
            ).all()
            if verify_password(user.password_hash, new_password) or any(
                verify_password(h, new_password) for h in recent[: policy.history]
            ):
                raise ValidationError(Message(QT_TRANSLATE_NOOP("users", "新密码不能与最近 %1 次使用过的密码相同"), policy.history))
            _set_password(session, user, new_password, must_change=False)
            audit(session, AuditEvent.PASSWORD_CHANGE, login=login, host=host)
            snapshot = _snapshot(session, user, policy)
    if error is not None:
        raise error
    return snapshot


def logout(db: Database, login: str, host: str | None = None) -> None:
    with db.session() as session:
        audit(session, AuditEvent.LOGOUT, login=login, host=host)
