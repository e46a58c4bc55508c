"""SQLite mode: users with argon2id hashes, password rules, first-login change, expiry, reuse, lockout, and
the administrators' separated duties — on a real SQLite file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from console import clock
from console.db import Database, make_engine
from console.errors import PermissionDenied, ValidationError
from console.models import AppUser, AuditLog
from console.security import passwords, users
from console.security.passwords import PasswordPolicy, password_problems
from console.security.posts import Post
from console.settings import set_setting

START = datetime(2026, 11, 24, 9, 0)


class Clock:
    def __init__(self) -> None:
        self.t = START

    def __call__(self) -> datetime:
        return self.t


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    saved = passwords._HASHER
    passwords.use_cheap_hashing_for_tests()
    yield
    passwords._HASHER = saved


@pytest.fixture
def now() -> Iterator[Clock]:
    c = Clock()
    clock.set_clock(c)
    yield c
    clock.set_clock(None)


@pytest.fixture
def sdb(sqlite_url: str) -> Iterator[Database]:
    database = Database(make_engine(sqlite_url))
    yield database
    database.dispose()


@pytest.fixture
def admins(sdb: Database, now: Clock) -> dict[str, str]:
    with sdb.session() as s:
        return users.bootstrap(
            s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计管理员")
        )


def events(db: Database, login: str) -> list[tuple[str, bool]]:
    with db.session() as s:
        rows = s.execute(
            select(AuditLog.event, AuditLog.success).where(AuditLog.login == login).order_by(AuditLog.id)
        )
        return [(e, ok) for e, ok in rows]


def test_production_hash_is_argon2id_rfc9106(cheap_hashing: None) -> None:
    from argon2 import PasswordHasher

    passwords._HASHER = PasswordHasher()
    hashed = passwords.hash_password("Abcdef1!")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert passwords.verify_password(hashed, "Abcdef1!") and not passwords.verify_password(hashed, "abcdef1!")


def test_password_rules() -> None:
    policy = PasswordPolicy()
    assert password_problems(policy, "wangjg", "Abcdef1!") == []
    assert password_problems(policy, "wangjg", "abcdefg1") == [
        "须包含小写字母、大写字母、数字、特殊字符中的至少 3 类"
    ]
    assert "长度至少 8 位" in password_problems(policy, "wangjg", "Ab1!")
    assert "不能包含用户名" in password_problems(policy, "wangjg", "Wangjg#2026")


def test_first_login_change_expiry_and_reuse(sdb: Database, admins: dict[str, str], now: Clock) -> None:
    with sdb.session() as s:
        _user, initial = users.add_user(s, "sysadm", "wangjg", "王建国")
    with pytest.raises(users.PasswordChangeRequired, match="首次登录"):
        users.authenticate(sdb, "wangjg", initial, host="seat-1")
    with pytest.raises(ValidationError, match="不能包含用户名"):
        users.change_password(sdb, "wangjg", initial, "Wangjg#2026")
    users.change_password(sdb, "wangjg", initial, "First#Pass1")
    user = users.authenticate(sdb, "wangjg", "First#Pass1", host="seat-1")
    assert user.password_expires_at == START + timedelta(days=90)
    with sdb.session() as s:
        stored = s.scalar(select(AppUser.password_hash).where(AppUser.login == "wangjg"))
    assert stored is not None and stored.startswith("$argon2id$") and "First" not in stored

    for i in range(2, 6):  # four more passwords: the first one is now the 5th last
        now.t += timedelta(days=1)
        users.change_password(
            sdb, "wangjg", f"First#Pass{i - 1}" if i > 2 else "First#Pass1", f"First#Pass{i}"
        )
    with pytest.raises(ValidationError, match="最近 5 次"):
        users.change_password(sdb, "wangjg", "First#Pass5", "First#Pass1")
    users.change_password(sdb, "wangjg", "First#Pass5", "Second#Pass6")

    now.t += timedelta(days=91)
    with pytest.raises(users.PasswordChangeRequired, match="过期"):
        users.authenticate(sdb, "wangjg", "Second#Pass6")
    with sdb.session() as s, pytest.raises(ValidationError, match="1–90"):
        set_setting(s, "password_max_age_days", "0")  # "never expires" is weaker than the policy allows


def test_lockout_after_five_failures_for_fifteen_minutes(
    sdb: Database, admins: dict[str, str], now: Clock
) -> None:
    with sdb.session() as s:
        users.add_user(s, "sysadm", "lisi", "李四", password="Start#Pw01")
    users.change_password(sdb, "lisi", "Start#Pw01", "Good#Pw022")
    for i in range(4):
        with pytest.raises(users.LoginFailed, match=f"再错 {4 - i} 次"):
            users.authenticate(sdb, "lisi", "wrong", host="seat-2")
    with pytest.raises(users.AccountLocked, match="锁定至 09:15") as locked:
        users.authenticate(sdb, "lisi", "wrong", host="seat-2")
    assert locked.value.until == START + timedelta(minutes=15)
    now.t += timedelta(minutes=14)
    with pytest.raises(users.AccountLocked):  # the right password does not help while locked
        users.authenticate(sdb, "lisi", "Good#Pw022")
    now.t += timedelta(minutes=2)
    assert users.authenticate(sdb, "lisi", "Good#Pw022").login == "lisi"
    assert [e for e, _ok in events(sdb, "lisi")].count("login_failed") == 6
    assert ("account_locked", False) in events(sdb, "lisi") and events(sdb, "lisi")[-1] == ("login", True)
    with pytest.raises(users.LoginFailed, match="用户名或密码错误"):
        users.authenticate(sdb, "nobody", "whatever")

    # 安全管理员 unlocks at once
    for _ in range(5):
        with pytest.raises(users.LoginFailed):
            users.authenticate(sdb, "lisi", "wrong")
    with sdb.session() as s:
        users.unlock(s, "secadm", "lisi")
    assert users.authenticate(sdb, "lisi", "Good#Pw022").login == "lisi"


def test_disabled_user_cannot_log_in(sdb: Database, admins: dict[str, str], now: Clock) -> None:
    with sdb.session() as s:
        users.add_user(s, "sysadm", "zhaoliu", "赵六", password="Zhao#Liu123")
        users.set_active(s, "sysadm", "zhaoliu", False)
    with pytest.raises(users.LoginFailed, match="已停用"):
        users.authenticate(sdb, "zhaoliu", "Zhao#Liu123")


def test_administrators_separated_duties(sdb: Database, admins: dict[str, str], now: Clock) -> None:
    with sdb.session() as s:
        with pytest.raises(PermissionDenied, match="无权授予岗位"):
            users.grant_post(s, "sysadm", "sysadm", Post.DISPATCHER)
        with pytest.raises(PermissionDenied, match="无权新建用户"):
            users.add_user(s, "secadm", "someone", "某人")
        with pytest.raises(PermissionDenied, match="不能给自己授予岗位"):
            users.grant_post(s, "secadm", "secadm", Post.DISPATCHER)
        with pytest.raises(PermissionDenied, match="三员分立"):
            users.grant_post(s, "secadm", "auditor", Post.SYSADMIN)
        with pytest.raises(PermissionDenied, match="已有用户"):
            users.bootstrap(s, ("a_a", "甲"), ("b_b", "乙"), ("c_c", "丙"))
        users.add_user(s, "sysadm", "chenqi", "陈七")
        with pytest.raises(ValidationError, match="须指定所在部门"):
            users.grant_post(s, "secadm", "chenqi", "部门办理人")
        user = users.grant_post(s, "secadm", "chenqi", "调度员")
        assert [g.post for g in user.posts] == [Post.DISPATCHER]
        user = users.grant_post(s, "secadm", "chenqi", Post.HEAD)  # one person, several posts
        assert {g.post for g in user.posts} == {Post.DISPATCHER, Post.HEAD}
        users.revoke_post(s, "secadm", "chenqi", Post.HEAD)
        new = users.reset_password(s, "secadm", "chenqi")
        assert [u.login for u in users.list_users(s, "auditor")] == ["auditor", "chenqi", "secadm", "sysadm"]
    with pytest.raises(users.PasswordChangeRequired):
        users.authenticate(sdb, "chenqi", new)
    assert [e for e, _ok in events(sdb, "secadm")] == [
        "post_grant",
        "post_grant",
        "post_revoke",
        "password_reset",
    ]
    with pytest.raises(ValidationError, match="无效的登录名"):
        with sdb.session() as s:
            users.add_user(s, "sysadm", "张三", "张三")


NEW = {"sysadm": "Alpha#2026x", "secadm": "Bravo#2026x", "auditor": "Charlie#2026x"}


def test_admin_cli_on_sqlite(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from console.cli.main import main

    base = ["--db", sqlite_url]
    assert main([*base, "--json", "admin", "bootstrap", "--sysadmin", "sysadm:系统管理员",
                 "--secadmin", "secadm:安全管理员", "--auditor", "auditor:审计管理员"]) == 0  # fmt: skip
    initial = json.loads(capsys.readouterr().out)
    db = Database(make_engine(sqlite_url))
    try:
        for login, pw in initial.items():
            users.change_password(db, login, pw, NEW[login])
    finally:
        db.dispose()

    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", NEW["sysadm"])
    assert main([*base, "--user", "sysadm", "admin", "user", "add", "wangjg", "--name", "王建国"]) == 0
    assert "初始密码" in capsys.readouterr().out
    assert main([*base, "--user", "sysadm", "admin", "user", "grant", "wangjg", "调度员"]) == 2
    assert "无权授予岗位（限安全管理员）" in capsys.readouterr().err
    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", "wrong")
    assert main([*base, "--user", "secadm", "admin", "user", "grant", "wangjg", "调度员"]) == 2
    assert "用户名或密码错误" in capsys.readouterr().err
    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", NEW["secadm"])
    assert main([*base, "--user", "secadm", "admin", "user", "grant", "wangjg", "调度员"]) == 0
    assert "wangjg 现有岗位：调度员" in capsys.readouterr().out
    assert main([*base, "--user", "secadm", "admin", "audit", "search"]) == 2
    assert "无权查阅审计日志" in capsys.readouterr().err
    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", NEW["auditor"])
    out = tmp_path / "audit.csv"
    assert main([*base, "--user", "auditor", "admin", "audit", "export", str(out), "--login", "secadm"]) == 0
    text_out = out.read_text(encoding="utf-8-sig")
    assert "授予岗位" in text_out and "登录失败" in text_out
