"""The login protocol without Qt (`console.security.login`): what the login dialog, the idle lock and the CLI
call. SQLite: the counted, audited argon2id check and its lockout; PostgreSQL: the person's own login role,
with the gate reporting failures, locking the role NOLOGIN and saying until when."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select, text, update

from console.db import Database, make_engine, with_username
from console.errors import ValidationError
from console.models import AppUser, AuditLog, LoginFailure
from console.security import login as auth
from console.security import passwords, pg_roles, users
from console.security.posts import Post
from console.security.users import AccountLocked, LoginFailed, PasswordChangeRequired
from tests.conftest import RUN_ID
from tests.factories import seed_reference

PASSWORD = "Grid#2026ok"
NEW_PASSWORD = "Dispatch@2027"
WRONG = "Wrong#pass1"


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    saved = passwords._HASHER
    passwords.use_cheap_hashing_for_tests()
    yield
    passwords._HASHER = saved


@dataclass
class People:
    db: Database
    url: str
    login: dict[str, str]  # short name → the login (on PostgreSQL the role name, kept apart per test)


def _people(db: Database, *, store_hash: bool = True) -> None:
    """A dispatcher who has changed the password (disp) and one logging in the first time (fresh)."""
    seed_reference(db)
    with db.session() as s:
        users.bootstrap(s, ("sysadm", "系统管理员甲"), ("secadm", "安全管理员乙"), ("auditor", "审计管理员丙"),
                        store_hash=store_hash)  # fmt: skip
        for login, name in (("disp", "调度员甲"), ("fresh", "新人赵")):
            users.add_user(s, "sysadm", login, name, password=PASSWORD, store_hash=store_hash)
            users.grant_post(s, "secadm", login, Post.DISPATCHER)
        s.execute(update(AppUser).where(AppUser.login != "fresh").values(must_change=False))


def audited(db: Database, event: str, login: str) -> int:
    with db.session() as s:
        return len(s.scalars(select(AuditLog.id).where(AuditLog.event == event, AuditLog.login == login)).all())


@pytest.fixture
def embedded(sqlite_url: str) -> Iterator[People]:
    db = Database(make_engine(sqlite_url))
    _people(db)
    yield People(db, sqlite_url, {"disp": "disp", "fresh": "fresh"})
    db.dispose()


@pytest.fixture
def server(pg_url: str) -> Iterator[tuple[People, pg_roles.RoleNames]]:
    db = Database(make_engine(pg_url))
    names = pg_roles.RoleNames(f"gct_{RUN_ID}_l{uuid.uuid4().hex[:4]}_")  # dropped with the run's roles
    with db.session() as s:
        pg_roles.provision(s, names)
    _people(db, store_hash=False)
    roles = {login: f"{names.prefix}u_{login}" for login in ("sysadm", "secadm", "auditor", "disp", "fresh")}
    with db.session() as s:
        for login, role in roles.items():  # roles are cluster-wide: keep this test's apart
            s.execute(update(AppUser).where(AppUser.login == login).values(login=role))
    with db.session() as s:
        for role in roles.values():
            pg_roles.create_login(s, role, PASSWORD, names)
    yield People(db, with_username(pg_url, None), roles), names
    db.dispose()


def test_login_module_needs_no_qt() -> None:
    """The CLI calls the same protocol: importing it pulls in no Qt."""
    import subprocess

    code = "import sys, console.security.login; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- SQLite ---------------------------------------------------------------------------------------------------


def test_sqlite_login_counts_failures_locks_and_audits(embedded: People) -> None:
    db = embedded.db
    with pytest.raises(ValidationError, match="请输入用户名"):
        auth.login(embedded.url, "  ", PASSWORD)
    with pytest.raises(LoginFailed, match="用户名或密码错误"):
        auth.login(embedded.url, "disp", WRONG)
    assert audited(db, "login_failed", "disp") == 1
    person = auth.login(embedded.url, " disp ", PASSWORD)  # the name is trimmed as typed
    assert audited(db, "login", "disp") == 1
    assert auth.database_has_users(person)
    person.dispose()

    for _ in range(5):
        with pytest.raises(LoginFailed):
            auth.login(embedded.url, "disp", WRONG)
    with db.session() as s:
        failure = s.get(LoginFailure, "disp")
        assert failure is not None and failure.locked_until is not None
        until = failure.locked_until
    with pytest.raises(AccountLocked, match=f"{until:%H:%M}"):
        auth.login(embedded.url, "disp", PASSWORD)  # even the right password, while locked
    assert audited(db, "account_locked", "disp") == 1


def test_sqlite_first_login_changes_the_password_then_logs_in(embedded: People) -> None:
    with pytest.raises(PasswordChangeRequired, match="首次登录"):
        auth.login(embedded.url, "fresh", PASSWORD)
    opened = auth.open_for_password_change(embedded.url)
    with pytest.raises(ValidationError, match="长度至少 8 位"):
        auth.change_own_password(opened, "fresh", PASSWORD, "short")
    assert auth.change_own_password(opened, "fresh", PASSWORD, NEW_PASSWORD) is opened  # SQLite: same file
    opened.dispose()
    person = auth.login(embedded.url, "fresh", NEW_PASSWORD)
    person.dispose()
    assert audited(embedded.db, "password_change", "fresh") == 1


def test_sqlite_idle_lock_check_counts_like_the_login(embedded: People) -> None:
    db = embedded.db
    auth.verify_password_again(db, "disp", PASSWORD)
    auth.verify_password_again(db, "fresh", PASSWORD)  # must change it, but it proves who is at the seat
    with pytest.raises(LoginFailed):
        auth.verify_password_again(db, "disp", WRONG)
    with db.session() as s:
        failure = s.get(LoginFailure, "disp")
        assert failure is not None and failure.failures == 1
        active, principal, minutes = auth.security_state(s, "disp")
    assert active and principal is not None and Post.DISPATCHER in principal.posts and minutes == 15
    assert auth.idle_lock_minutes(db) == 15


def test_set_up_mode_has_no_login(sqlite_url: str) -> None:
    db = Database(make_engine(sqlite_url))
    try:
        assert not auth.database_has_users(db)
        with db.session() as s:
            assert auth.security_state(s, "anyone") == (False, None, 15)
    finally:
        db.dispose()


# --- PostgreSQL: the person's own role, the gate ------------------------------------------------------------


@pytest.mark.pg
def test_pg_login_as_own_role_gate_lockout_and_first_login(server: tuple[People, pg_roles.RoleNames]) -> None:
    people, names = server
    disp, fresh = people.login["disp"], people.login["fresh"]

    person = auth.login(people.url, disp, PASSWORD, names)
    with person.session() as s:
        assert s.scalar(text("SELECT current_user")) == disp
    person.dispose()
    assert audited(people.db, "login", disp) == 1

    # the test server trusts local connections, so a wrong password is reported the way the login reports it:
    # to the gate (five failures set the role NOLOGIN until the lock runs out)
    gate = Database(make_engine(with_username(people.url, names.gate)))
    with gate.session() as s:
        for _ in range(5):
            until = s.scalar(text("SELECT gc_login_failed(:l, 'seat-9')"), {"l": disp})
    gate.dispose()
    assert until is not None
    with pytest.raises(AccountLocked, match=f"锁定至 {until:%H:%M}"):
        auth.login(people.url, disp, PASSWORD, names)  # NOLOGIN: refused, and the gate says until when
    with people.db.session() as s:
        assert s.scalar(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": disp}) is False
    with pytest.raises(LoginFailed, match="锁定"):  # the idle lock's check refuses too (its gate: the default)
        auth.verify_password_again(people.db, disp, PASSWORD)

    with pytest.raises(auth.MustChangePassword, match="首次登录") as must:
        auth.login(people.url, fresh, PASSWORD, names)
    fresh_db = auth.change_own_password(must.value.db, fresh, PASSWORD, NEW_PASSWORD)
    with fresh_db.session() as s:
        assert s.scalar(text("SELECT current_user")) == fresh
    fresh_db.dispose()
    with people.db.session() as s:
        assert s.scalar(select(AppUser.must_change).where(AppUser.login == fresh)) is False
    again = auth.login(people.url, fresh, NEW_PASSWORD, names)
    again.dispose()
