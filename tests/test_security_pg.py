"""PostgreSQL mode on the real server: each person connects with their own role (plain psycopg, no app in the
way) and the database itself enforces posts, scopes, append-only history and audit, the history actor, and
the lockout gate. (Trust auth on 127.0.0.1 means passwords are not checked here; NOLOGIN is.)"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from console import clock
from console.cli.main import main
from console.db import Database, make_engine
from console.errors import PermissionDenied, ValidationError
from console.models import AppUser, Case, CaseHistory
from console.security import passwords, pg_roles, users
from console.security.passwords import hash_password, verify_password
from console.security.posts import Post
from console.workflow.commands import Accept, Dispatch, Return, Sign
from console.workflow.service import CaseService, ReportInput
from tests.conftest import RUN_ID, pg_url_for
from tests.factories import Ref, seed_reference

pytestmark = pytest.mark.pg

PASSWORD = "Grid#2026ok"


@dataclass
class Setup:
    url: str
    dbname: str
    db: Database  # the superuser's connection (provisioning, seeding)
    names: pg_roles.RoleNames
    ref: Ref
    logins: dict[str, str]  # key → login
    env_case: int  # lead department 环保办, grid 1
    law_case: int  # lead department 行政执法中队, grid 2

    def conninfo(self, key: str) -> str:
        login = self.logins.get(key, key)
        return (
            make_url(pg_url_for(self.dbname, user=login))
            .set(drivername="postgresql")
            .render_as_string(hide_password=False)
        )

    def connect(self, key: str) -> psycopg.Connection:
        return psycopg.connect(self.conninfo(key), autocommit=True, connect_timeout=5)

    def app_db(self, key: str) -> Database:
        return Database(make_engine(pg_url_for(self.dbname, user=self.logins[key])))


@pytest.fixture
def pg(pg_url: str) -> Iterator[Setup]:
    dbname = make_url(pg_url).database
    assert dbname
    db = Database(make_engine(pg_url))
    ref = seed_reference(db)
    prefix = f"gct_{RUN_ID}_{uuid.uuid4().hex[:4]}_"
    names = pg_roles.RoleNames(prefix)
    logins = {k: prefix + k for k in ("disp", "env", "law", "gw", "sec", "aud")}
    with db.session() as s:
        pg_roles.provision(s, names)
        grants = {
            "disp": (Post.DISPATCHER, None, None),
            "env": (Post.DEPARTMENT, "环保办", None),
            "law": (Post.DEPARTMENT, "行政执法中队", None),
            "gw": (Post.GRID, None, ref.grid_code),
            "sec": (Post.SECADMIN, None, None),
            "aud": (Post.AUDITOR, None, None),
        }
        for key, login in logins.items():
            users.add_user(s, "postgres", login, key, password=PASSWORD, store_hash=False)
        for key, (post, dep, grid) in grants.items():
            users.grant_post(s, "postgres", logins[key], post, department=dep, grid=grid)
        for login in logins.values():
            pg_roles.create_login(s, login, PASSWORD, names)
    svc = CaseService(db, logins["disp"])  # the owner connection acting for the dispatcher
    a = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="楼院门口垃圾堆积"))
    a = svc.act(a.id, Accept(), a.version)
    a = svc.act(a.id, Dispatch(lead_department_id=ref.env), a.version)
    b = svc.report(
        ReportInput(grid=ref.grid2_code, category=ref.cat_safety, summary="二号楼院违规储存燃气瓶")
    )
    b = svc.act(b.id, Accept(), b.version)
    b = svc.act(b.id, Dispatch(lead_department_id=ref.law), b.version)
    yield Setup(pg_url, dbname, db, names, ref, logins, a.id, b.id)
    db.dispose()


def scalar(conn: psycopg.Connection, sql: str, params: tuple[object, ...] = ()) -> object:
    row = conn.execute(sql, params).fetchone()  # type: ignore[arg-type]
    assert row is not None
    return row[0]


def numbers(conn: psycopg.Connection) -> set[int]:
    return {r[0] for r in conn.execute("SELECT id FROM cases").fetchall()}


def test_department_handler_sees_and_changes_only_their_departments_cases(pg: Setup) -> None:
    with pg.connect("env") as conn:
        assert numbers(conn) == {pg.env_case}
        assert conn.execute("SELECT count(*) FROM cases WHERE id = %s", (pg.law_case,)).fetchone() == (0,)
        cur = conn.execute("UPDATE cases SET summary = 'x' WHERE id = %s", (pg.law_case,))
        assert cur.rowcount == 0
        hist = {r[0] for r in conn.execute("SELECT case_id FROM case_history").fetchall()}
        assert hist == {pg.env_case}
    with pg.connect("law") as conn:
        assert numbers(conn) == {pg.law_case}
    with pg.connect("disp") as conn:
        assert numbers(conn) == {pg.env_case, pg.law_case}


def test_grid_worker_sees_only_their_grids(pg: Setup) -> None:
    with pg.connect("gw") as conn:
        assert numbers(conn) == {pg.env_case}
    with pg.connect("sec") as conn:  # an administrator works on users, not on cases
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT id FROM cases")


def test_nobody_updates_history_or_audit_or_grants_themselves(pg: Setup) -> None:
    with pg.connect("env") as conn:
        for sql in (
            "UPDATE case_history SET note = 'rewritten'",
            "DELETE FROM case_history",
            "UPDATE audit_log SET detail = ''",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "SELECT * FROM audit_log",
            f'GRANT "{pg.names.group(Post.DISPATCHER)}" TO "{pg.logins["env"]}"',
            "INSERT INTO user_post (user_id, post, granted_at, granted_by) "
            "SELECT id, 'dispatcher', now(), 'me' FROM app_user WHERE login = current_user",
            "UPDATE app_user SET active = true",
            "SELECT * FROM password_history",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
        assert not conn.execute(
            "SELECT pg_has_role(current_user, %s, 'MEMBER')", (pg.names.group(Post.DISPATCHER),)
        ).fetchone()[0]  # type: ignore[index]
    # even the superuser is stopped by the triggers (belt and braces)
    with psycopg.connect(pg.conninfo("postgres"), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="只能追加"):
            conn.execute("UPDATE case_history SET note = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="只能追加"):
            conn.execute("DELETE FROM audit_log")
    with pg.connect("aud") as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0  # type: ignore[index]


def test_history_actor_is_the_login_whatever_the_client_sends(pg: Setup) -> None:
    env = pg.logins["env"]
    now = "(now() AT TIME ZONE 'Asia/Shanghai')::timestamp(0)"
    with (
        pg.connect("env") as conn,
        conn.transaction(),
    ):  # a 进展记录 on psql, claiming the dispatcher wrote it
        conn.execute(
            f"UPDATE cases SET version = version + 1, updated_at = {now} WHERE id = %s", (pg.env_case,)
        )
        conn.execute(
            "INSERT INTO case_history (case_id, at, actor, action, from_status, to_status, changes, note, "
            f"visibility) VALUES (%s, {now}, %s, 'progress', 'dispatched', 'dispatched', '{{}}', '冒名', 'internal')",
            (pg.env_case, pg.logins["disp"]),
        )
    with pg.connect("env") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not on another department's case
            conn.execute(
                "INSERT INTO case_history (case_id, at, actor, action, from_status, to_status, changes, note, "
                "visibility) VALUES (%s, now(), 'x', 'progress', 'dispatched', 'dispatched', '{}', '', 'internal')",
                (pg.law_case,),
            )
    # the app, connected as the handler but claiming another name, signs and returns the case
    app = pg.app_db("env")
    try:
        svc = CaseService(app, "somebody_else")
        with app.session() as s:
            version = s.get(Case, pg.env_case).version  # type: ignore[union-attr]
        ref = svc.act(pg.env_case, Sign(), version)
        ref = svc.act(pg.env_case, Return(reason="不属本部门职责"), ref.version)
        with pytest.raises(Exception):  # noqa: B017 - RLS: the law department's case is not there at all
            svc.act(pg.law_case, Sign(), 1)
    finally:
        app.dispose()
    with pg.db.session() as s:
        rows = s.execute(
            select(CaseHistory.action, CaseHistory.actor, CaseHistory.note)
            .where(CaseHistory.case_id == pg.env_case)
            .order_by(CaseHistory.id)
        ).all()
        case = s.get(Case, pg.env_case)
        assert case is not None and case.updated_by == env and case.lead_department_id is None
    assert [(a, actor) for a, actor, _n in rows[-3:]] == [("progress", env), ("sign", env), ("return", env)]


def test_lockout_gate_locks_after_five_failures_and_unlocks(pg: Setup) -> None:
    env = pg.logins["env"]

    def can_login() -> bool:
        with pg.db.session() as s:
            return bool(s.scalar(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": env}))

    with pg.connect(pg.names.gate) as gate:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            gate.execute("SELECT id FROM cases")
        results = [scalar(gate, "SELECT gc_login_failed(%s, 'seat-1')", (env,)) for _ in range(5)]
        assert results[:4] == [None] * 4 and results[4] is not None
    assert not can_login()
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        pg.connect("env").close()
    with pg.connect("gw") as other:  # a person cannot unlock
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            other.execute("SELECT gc_unlock(%s)", (env,))
    with pg.connect("sec") as sec:
        sec.execute("SELECT gc_unlock(%s)", (env,))
    assert can_login()
    with pg.connect("env") as conn:
        conn.execute("SELECT gc_login_succeeded()")

    # locked again; once the lock has run out, the gate lifts it before the next attempt
    with pg.connect(pg.names.gate) as gate:
        for _ in range(5):
            gate.execute("SELECT gc_login_failed(%s, 'seat-1')", (env,))
        assert not can_login()
        assert gate.execute("SELECT gc_login_gate(%s)", (env,)).fetchone()[0] is not None  # type: ignore[index]
        with pg.db.session() as s:
            s.execute(
                text(
                    "UPDATE login_failure SET locked_until = locked_until - interval '16 minutes' WHERE login = :l"
                ),
                {"l": env},
            )
        assert gate.execute("SELECT gc_login_gate(%s)", (env,)).fetchone()[0] is None  # type: ignore[index]
    assert can_login()
    with pg.connect("aud") as aud:
        events = [
            r[0] for r in aud.execute("SELECT event FROM audit_log WHERE login = %s ORDER BY id", (env,))
        ]
    assert events.count("account_locked") == 2 and "account_unlocked" in events


def test_password_change_by_the_person_follows_the_policy(pg: Setup) -> None:
    env = pg.logins["env"]
    with pg.connect("env") as conn:
        for weak in ("Ab1!", "abcdefgh1", env + "A1!"):
            with pytest.raises(psycopg.errors.CheckViolation, match="密码不符合要求"):
                conn.execute("SELECT gc_change_password(%s, %s)", (weak, hash_password(weak)))
        for junk in (None, "Better#Pass9", "$argon2i$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"):
            with pytest.raises(psycopg.errors.InvalidParameterValue, match="argon2id"):
                conn.execute("SELECT gc_change_password(%s, %s)", ("Better#Pass9", junk))
        with pytest.raises(psycopg.errors.UndefinedFunction):  # the old one-argument form is gone
            conn.execute("SELECT gc_change_password(%s)", ("Better#Pass9",))
        expiry = conn.execute(
            "SELECT gc_change_password(%s, %s)", ("Better#Pass9", hash_password("Better#Pass9"))
        ).fetchone()[0]  # type: ignore[index]
    with pg.db.session() as s:
        user = s.scalar(select(AppUser).where(AppUser.login == env))
        assert user is not None and not user.must_change
        until = s.scalar(text("SELECT rolvaliduntil FROM pg_roles WHERE rolname = :r"), {"r": env})
    assert expiry is not None and timedelta(days=89) < expiry - user.password_changed_at <= timedelta(days=90)
    assert until is not None


def test_the_server_refuses_a_reused_password_whatever_hash_the_client_sends(pg: Setup) -> None:
    """psql can call gc_change_password with the argon2id hash of some other password; the bcrypt history
    (pgcrypto, migration 0005) lets the function itself refuse the reuse."""
    env = pg.logins["env"]
    with pg.connect("env") as conn:
        for pw in ("Round#1pass", "Round#2pass"):
            conn.execute("SELECT gc_change_password(%s, %s)", (pw, hash_password(pw)))
        for reused in ("Round#1pass", "Round#2pass"):
            with pytest.raises(psycopg.errors.CheckViolation, match="最近 5 次"):
                conn.execute("SELECT gc_change_password(%s, %s)", (reused, hash_password("Decoy#9pass")))
        conn.execute("SELECT gc_change_password(%s, %s)", ("Round#3pass", hash_password("Round#3pass")))
        # bcrypt reads 72 bytes; two passphrases alike for longer than that are still two passwords
        long_a, long_b = "Aa1#" + "网格化管理" * 6 + "甲", "Aa1#" + "网格化管理" * 6 + "乙"
        for pw in (long_a, long_b):
            conn.execute("SELECT gc_change_password(%s, %s)", (pw, hash_password(pw)))
    with pg.db.session() as s:
        hashes = (
            s.execute(
                text(
                    "SELECT h.server_hash FROM password_history h JOIN app_user u ON u.id = h.user_id "
                    "WHERE u.login = :l ORDER BY h.id"
                ),
                {"l": env},
            )
            .scalars()
            .all()
        )
    assert len(hashes) == 5 and all(h and h.startswith("$2a$") for h in hashes)  # bcrypt, never the password


@pytest.fixture
def cheap_hashing() -> Iterator[None]:
    saved = passwords._HASHER
    passwords.use_cheap_hashing_for_tests()
    yield
    passwords._HASHER = saved


def test_person_cannot_reuse_the_last_five_passwords_through_the_app(pg: Setup, cheap_hashing: None) -> None:
    from ui.login import change_own_password  # the login dialog's worker path

    env = pg.logins["env"]
    db, old = pg.app_db("env"), PASSWORD
    try:
        for i in range(1, 6):
            db, old = change_own_password(db, env, old, f"Round#{i}pass"), f"Round#{i}pass"
        for reused in ("Round#1pass", "Round#3pass", "Round#5pass"):
            with pytest.raises(ValidationError, match="新密码不能与最近 5 次使用过的密码相同"):
                change_own_password(db, env, old, reused)
        db = change_own_password(db, env, old, "Fresh#6pass")  # a new one is accepted
        db = change_own_password(db, env, "Fresh#6pass", "Round#1pass")  # six back: allowed again
    finally:
        db.dispose()
    with pg.db.session() as s:
        kept = s.scalars(
            text(
                "SELECT h.password_hash FROM password_history h JOIN app_user u ON u.id = h.user_id "
                "WHERE u.login = :l ORDER BY h.id DESC"
            ),
            {"l": env},
        ).all()
        changes = s.scalar(
            text("SELECT count(*) FROM audit_log WHERE login = :l AND event = 'password_change' AND success"),
            {"l": env},
        )
    assert len(kept) == 5 and changes == 7  # trimmed to the configured length; no refused change went through
    assert [verify_password(kept[0], "Round#1pass"), verify_password(kept[1], "Fresh#6pass")] == [True, True]
    assert not any(verify_password(h, "Round#2pass") for h in kept)
    # only one's own history, by login: another person sees none of it, nor the table, nor anyone's by name
    with pg.connect("env") as conn:
        assert [r[0] for r in conn.execute("SELECT gc_my_password_history()")] == kept
    with pg.connect("law") as conn:
        assert conn.execute("SELECT gc_my_password_history()").fetchall() == []
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM password_history")
        with pytest.raises(psycopg.errors.UndefinedFunction):
            conn.execute("SELECT gc_my_password_history(%s)", (env,))
        conn.execute(f'SET ROLE "{pg.names.user}"')  # a role switch does not change whose history it is
        assert conn.execute("SELECT gc_my_password_history()").fetchall() == []
    with psycopg.connect(pg.conninfo(pg.names.gate), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT gc_my_password_history()")


def test_provision_is_idempotent_and_memberships_follow_posts(pg: Setup) -> None:
    with pg.db.session() as s:
        pg_roles.provision(s, pg.names)
        users.revoke_post(s, "postgres", pg.logins["env"], Post.DEPARTMENT)
        users.grant_post(s, "postgres", pg.logins["env"], Post.INSPECTOR)
        held = pg_roles.sync_memberships(s, pg.logins["env"], pg.names)
    assert held == sorted([pg.names.user, pg.names.group(Post.INSPECTOR)])
    with pg.connect("env") as conn:  # an inspector reads everything
        assert numbers(conn) == {pg.env_case, pg.law_case}


# --- provisioning by the administrators on their own logins (the provisioner's functions) ----------------------


def add_sysadmin(pg: Setup) -> str:
    """A 系统管理员 with their own login, made on the superuser's direct path (as `admin bootstrap` does)."""
    login = pg.names.prefix + "sys"
    with pg.db.session() as s:
        users.add_user(s, "postgres", login, "系统管理员", password=PASSWORD, store_hash=False)
        users.grant_post(s, "postgres", login, Post.SYSADMIN)
        pg_roles.create_login(s, login, PASSWORD, pg.names)
    pg.logins["sys"] = login
    return login


def person(pg: Setup, key: str) -> str:
    """A new person's login: the run's prefix (so the run drops it), but not the deployment's group prefix."""
    return pg.names.prefix[:-1] + "p_" + key


def verifier(conn: psycopg.Connection, login: str, password: str = PASSWORD) -> str:
    return bytes(conn.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")).decode()


def one_time() -> datetime:
    return clock.now() + timedelta(days=3)


def role(pg: Setup, name: str) -> dict[str, object] | None:
    with pg.db.session() as s:
        row = s.execute(
            text(
                "SELECT rolcanlogin, rolsuper, rolcreaterole, rolvaliduntil::text, rolpassword, "
                "ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "      WHERE m.member = a.oid ORDER BY 1) AS groups FROM pg_authid a WHERE rolname = :r"
            ),
            {"r": name},
        ).one_or_none()
    return dict(row._mapping) if row is not None else None


def audit_of(pg: Setup, login: str) -> list[tuple[str, str, bool]]:
    with pg.connect("aud") as conn:
        return [
            (r[0], r[1], r[2])
            for r in conn.execute(
                "SELECT event, object, success FROM audit_log WHERE login = %s ORDER BY id", (login,)
            )
        ]


def test_sysadmin_adds_a_person_who_sees_only_their_department(pg: Setup) -> None:
    sys_login, sec_login = add_sysadmin(pg), pg.logins["sec"]
    new = person(pg, "wangjg")
    with pg.connect("sys") as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="不接受明文密码"):
            conn.execute("SELECT gc_admin_add_user(%s, %s, %s, %s)", (new, "王建国", PASSWORD, one_time()))
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="7 天以内"):
            conn.execute("SELECT gc_admin_add_user(%s, %s, %s, %s)",
                         (new, "王建国", verifier(conn, new), clock.now() + timedelta(days=30)))  # fmt: skip
        conn.execute(
            "SELECT gc_admin_add_user(%s, %s, %s, %s)", (new, "王建国", verifier(conn, new), one_time())
        )
    made = role(pg, new)
    assert made is not None and made["rolcanlogin"] and not made["rolsuper"] and not made["rolcreaterole"]
    assert str(made["rolpassword"]).startswith("SCRAM-SHA-256$") and made["rolvaliduntil"] not in (
        None,
        "infinity",
    )
    assert made["groups"] == [pg.names.user]
    with pg.connect(new) as conn:  # a person without a post sees no case at all
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT id FROM cases")

    with pg.connect("sec") as conn:
        conn.execute("SELECT gc_admin_grant_post(%s, 'department', %s)", (new, pg.ref.env))
    assert role(pg, new)["groups"] == sorted([pg.names.user, pg.names.group(Post.DEPARTMENT)])  # type: ignore[index]
    with pg.connect(new) as conn:
        assert numbers(conn) == {pg.env_case}

    with pg.connect("sys") as conn:
        conn.execute("SELECT gc_admin_set_active(%s, false)", (new,))
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        pg.connect(new).close()
    with pg.connect("sys") as conn:
        conn.execute("SELECT gc_admin_set_active(%s, true)", (new,))
    with pg.connect("sec") as conn:
        before = role(pg, new)["rolpassword"]  # type: ignore[index]
        conn.execute(
            "SELECT gc_admin_reset_password(%s, %s, %s)",
            (new, verifier(conn, new, "Reset#2026x"), one_time()),
        )
        assert role(pg, new)["rolpassword"] != before  # type: ignore[index]
        conn.execute("SELECT gc_admin_revoke_post(%s, 'department')", (new,))
    assert role(pg, new)["groups"] == [pg.names.user]  # type: ignore[index]
    with pg.db.session() as s:
        user = users.get_user(s, new)
        assert user.active and user.must_change and user.posts == ()

    obj = f"用户 {new}"
    assert audit_of(pg, sys_login) == [("user_add", obj, True), ("user_disable", obj, True),
                                       ("user_enable", obj, True)]  # fmt: skip
    assert audit_of(pg, sec_login) == [("post_grant", obj, True), ("password_reset", obj, True),
                                       ("post_revoke", obj, True)]  # fmt: skip


def test_administrators_cannot_escalate_or_touch_system_roles(pg: Setup) -> None:
    sys_login, sec_login, env = add_sysadmin(pg), pg.logins["sec"], pg.logins["env"]
    su, odd, dup = pg.names.prefix + "su", pg.names.prefix + "odd", person(pg, "dup")
    # people the console must not manage: a superuser, the owner, the provisioner, a privileged login
    with pg.db.session() as s:
        s.execute(text(f'CREATE ROLE "{su}" LOGIN SUPERUSER'))
        s.execute(text(f'CREATE ROLE "{dup}" NOLOGIN'))
        s.execute(text(f'CREATE ROLE "{odd}" LOGIN IN ROLE pg_read_all_data'))
        for login in (su, odd, pg.names.owner, pg.names.provisioner):
            users.add_user(s, "postgres", login, "特殊", password=PASSWORD, store_hash=False)
    roles_before = role(pg, sys_login), role(pg, sec_login), role(pg, pg.names.owner), role(pg, odd)

    with pg.connect("sys") as conn:
        for bad, error in (
            (pg.names.owner, psycopg.errors.InsufficientPrivilege),
            (pg.names.provisioner, psycopg.errors.InsufficientPrivilege),
            (pg.names.group(Post.DISPATCHER), psycopg.errors.InsufficientPrivilege),
            (pg.names.prefix + "newgroup", psycopg.errors.InsufficientPrivilege),
            ("gc_dispatcher2", psycopg.errors.InsufficientPrivilege),
            ("pg_monitor2", psycopg.errors.InsufficientPrivilege),
            ("postgres", psycopg.errors.InsufficientPrivilege),
            ("Upper_case", psycopg.errors.CheckViolation),
            ('x"; DROP TABLE cases; --', psycopg.errors.CheckViolation),
            (dup, psycopg.errors.DuplicateObject),
        ):
            with pytest.raises(error):
                conn.execute(
                    "SELECT gc_admin_add_user(%s, 'x', %s, %s)", (bad, verifier(conn, bad), one_time())
                )
        for target in (su, odd, pg.names.owner, pg.names.provisioner):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="不是普通的控制台登录角色"):
                conn.execute("SELECT gc_admin_set_active(%s, false)", (target,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="自己"):
            conn.execute("SELECT gc_admin_set_active(%s, false)", (sys_login,))
        for sql in (  # posts and passwords are the 安全管理员's; no role DDL, no direct table writes
            f"SELECT gc_admin_grant_post('{sys_login}', 'dispatcher')",
            f"SELECT gc_admin_reset_password('{env}', 'x', now()::timestamp)",
            f"SELECT gc_unlock('{env}')",
            f'GRANT pg_read_all_data TO "{sys_login}"',
            f'GRANT "{pg.names.group(Post.DISPATCHER)}" TO "{sys_login}"',
            f'GRANT "{pg.names.provisioner}" TO "{sys_login}"',
            f'SET ROLE "{pg.names.provisioner}"',
            f'CREATE ROLE "{pg.names.prefix}x"',
            f'ALTER ROLE "{env}" NOLOGIN',
            "UPDATE app_user SET active = false",
            "INSERT INTO app_user (login, name, active, must_change, created_at, created_by) "
            "VALUES ('zz', 'z', true, false, now(), 'me')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)

    with pg.connect("sec") as conn:
        for post in ("sysadmin", "secadmin", "auditor"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="三员分立"):
                conn.execute("SELECT gc_admin_grant_post(%s, %s)", (env, post))
        for post in ("pg_read_all_data", "superuser", "owner"):  # only the post groups can ever be named
            with pytest.raises(psycopg.errors.CheckViolation, match="未知的岗位"):
                conn.execute("SELECT gc_admin_grant_post(%s, %s)", (env, post))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="自己"):
            conn.execute("SELECT gc_admin_grant_post(%s, 'dispatcher')", (sec_login,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="三员分立"):
            conn.execute(
                "SELECT gc_admin_reset_password(%s, %s, %s)",
                (sys_login, verifier(conn, sys_login), one_time()),
            )
        for target in (su, odd, pg.names.owner):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="不是普通的控制台登录角色"):
                conn.execute(
                    "SELECT gc_admin_reset_password(%s, %s, %s)", (target, verifier(conn, target), one_time())
                )
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="不是普通的控制台登录角色"):
                conn.execute("SELECT gc_admin_grant_post(%s, 'dispatcher')", (target,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO user_post (user_id, post, granted_at, granted_by) "
                         "SELECT id, 'dispatcher', now(), 'me' FROM app_user WHERE login = current_user")  # fmt: skip

    for key in ("env", "gw", "aud", pg.names.gate):  # nobody else may call them
        with pg.connect(key) as conn:
            for sql, params in (
                (
                    "SELECT gc_admin_add_user(%s, 'x', %s, %s)",
                    (person(pg, "z"), verifier(conn, "z"), one_time()),
                ),
                ("SELECT gc_admin_set_active(%s, false)", (env,)),
                ("SELECT gc_admin_grant_post(%s, 'dispatcher')", (env,)),
                ("SELECT gc_admin_revoke_post(%s, 'department')", (env,)),
                ("SELECT gc_admin_reset_password(%s, %s, %s)", (env, verifier(conn, env), one_time())),
                ("SELECT gc_admin_plain_person(%s)", (env,)),
            ):
                with pytest.raises(
                    psycopg.errors.InsufficientPrivilege, match="permission denied for function"
                ):
                    conn.execute(sql, params)  # type: ignore[arg-type]

    assert (role(pg, sys_login), role(pg, sec_login), role(pg, pg.names.owner), role(pg, odd)) == roles_before
    assert role(pg, su)["rolcanlogin"] and role(pg, person(pg, "z")) is None  # type: ignore[index]
    with pg.db.session() as s:
        holders = s.scalars(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:r) AND rolcreaterole"),
            {"r": pg.names.system_roles()},
        ).all()
    assert list(holders) == [pg.names.provisioner]  # the owner lost CREATEROLE, nobody else has it
    assert audit_of(pg, sys_login) == [] and audit_of(pg, sec_login) == []  # refusals changed nothing


def test_console_calls_the_functions_as_the_administrator_and_directly_as_the_owner(
    pg: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    sys_login, sec_login = add_sysadmin(pg), pg.logins["sec"]
    new, by_owner = person(pg, "liuxm"), person(pg, "chenq")
    as_sys, as_sec = pg.app_db("sys"), pg.app_db("sec")
    owner = Database(make_engine(pg_url_for(pg.dbname, user=pg.names.owner)))
    try:
        with as_sys.session() as s:
            assert pg_roles.admin_via_functions(s)
        user, password = users.pg_add_user(
            as_sys, sys_login, new, "刘晓明", names=pg.names, valid_until=one_time()
        )
        assert user.login == new and user.must_change and len(password) >= 8
        with pytest.raises(PermissionDenied, match="限安全管理员"):  # refused by the app first, and audited
            users.pg_grant_post(as_sys, sys_login, new, Post.DISPATCHER, names=pg.names)
        user = users.pg_grant_post(as_sec, sec_login, new, Post.GRID, names=pg.names, grid=pg.ref.grid_code)
        assert [g.post for g in user.posts] == [Post.GRID]
        with pytest.raises(PermissionDenied, match="三员分立"):  # the database's own refusal, shown as is
            users.pg_reset_password(as_sec, sec_login, sys_login, names=pg.names, valid_until=one_time())
        assert users.pg_reset_password(as_sec, sec_login, new, names=pg.names, valid_until=one_time())
        users.pg_unlock(as_sec, sec_login, new, names=pg.names)
        with pg.connect(new) as conn:
            assert numbers(conn) == {pg.env_case}
        # the CLI on the 系统管理员's own login takes the same path
        cli = [
            "--db",
            pg_url_for(pg.dbname, user=sys_login),
            "admin",
            "--role-prefix",
            pg.names.prefix,
            "user",
        ]
        assert main([*cli, "disable", new]) == 0 and "已停用" in capsys.readouterr().out
        assert role(pg, new)["rolcanlogin"] is False  # type: ignore[index]
        assert main([*cli, "enable", new]) == 0
        assert main([*cli, "add", pg.names.group(Post.HEAD), "--name", "x"]) == 2
        assert "与系统角色重名" in capsys.readouterr().err

        # the owner keeps the direct path (SET ROLE to the provisioner for the role DDL)
        with owner.session() as s:
            assert not pg_roles.admin_via_functions(s)
        users.pg_add_user(owner, pg.names.owner, by_owner, "陈七", names=pg.names, valid_until=one_time())
        users.pg_grant_post(
            owner, pg.names.owner, by_owner, Post.DEPARTMENT, names=pg.names, department="环保办"
        )
        assert role(pg, by_owner)["groups"] == sorted([pg.names.user, pg.names.group(Post.DEPARTMENT)])  # type: ignore[index]
    finally:
        for db in (as_sys, as_sec, owner):
            db.dispose()
    assert [e for e, _o, _s in audit_of(pg, sys_login)] == [
        "user_add", "permission_denied", "user_disable", "user_enable", "permission_denied"]  # fmt: skip
    assert [e for e, _o, _s in audit_of(pg, sec_login)] == [
        "post_grant", "permission_denied", "password_reset", "account_unlocked"]  # fmt: skip
