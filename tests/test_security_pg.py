"""PostgreSQL mode on the real server: each person connects with their own role (plain psycopg, no app in the
way) and the database itself enforces posts, scopes, append-only history and audit, the history actor, and
the lockout gate. (Trust auth on 127.0.0.1 means passwords are not checked here; NOLOGIN is.)"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from console.db import Database, make_engine
from console.models import AppUser, Case, CaseHistory
from console.security import pg_roles, users
from console.security.posts import Post
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
    a = svc.act(a.id, "accept", a.version)
    a = svc.act(a.id, "dispatch", a.version, lead_department_id=ref.env)
    b = svc.report(
        ReportInput(grid=ref.grid2_code, category=ref.cat_safety, summary="二号楼院违规储存燃气瓶")
    )
    b = svc.act(b.id, "accept", b.version)
    b = svc.act(b.id, "dispatch", b.version, lead_department_id=ref.law)
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
    with pg.connect("env") as conn:
        conn.execute(
            "INSERT INTO case_history (case_id, at, actor, action, from_status, to_status, changes, note, "
            "visibility) VALUES (%s, now(), %s, 'progress', 'dispatched', 'dispatched', '{}', '冒名', 'internal')",
            (pg.env_case, pg.logins["disp"]),
        )
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
        ref = svc.act(pg.env_case, "sign", version)
        ref = svc.act(pg.env_case, "return", ref.version, reason="不属本部门职责")
        with pytest.raises(Exception):  # noqa: B017 - RLS: the law department's case is not there at all
            svc.act(pg.law_case, "sign", 1)
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
                conn.execute("SELECT gc_change_password(%s)", (weak,))
        expiry = conn.execute("SELECT gc_change_password(%s)", ("Better#Pass9",)).fetchone()[0]  # type: ignore[index]
    with pg.db.session() as s:
        user = s.scalar(select(AppUser).where(AppUser.login == env))
        assert user is not None and not user.must_change
        until = s.scalar(text("SELECT rolvaliduntil FROM pg_roles WHERE rolname = :r"), {"r": env})
    assert expiry is not None and timedelta(days=89) < expiry - user.password_changed_at <= timedelta(days=90)
    assert until is not None


def test_provision_is_idempotent_and_memberships_follow_posts(pg: Setup) -> None:
    with pg.db.session() as s:
        pg_roles.provision(s, pg.names)
        users.revoke_post(s, "postgres", pg.logins["env"], Post.DEPARTMENT)
        users.grant_post(s, "postgres", pg.logins["env"], Post.INSPECTOR)
        held = pg_roles.sync_memberships(s, pg.logins["env"], pg.names)
    assert held == sorted([pg.names.user, pg.names.group(Post.INSPECTOR)])
    with pg.connect("env") as conn:  # an inspector reads everything
        assert numbers(conn) == {pg.env_case, pg.law_case}
