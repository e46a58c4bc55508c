"""PostgreSQL mode: every person logs in with their own role, and the database enforces the posts.

Layout (names from `RoleNames`, default prefix `gc_`):

- `gc_owner`  owns every table and the security functions; runs migrations; CREATEROLE (to lock and provision
  logins). Its password is kept by the 系统管理员 offline and used only for upgrades and provisioning.
- `gc_user`   base group: CONNECT, read reference tables and the user/post mapping, append to the audit log.
- one NOLOGIN group per post: `gc_dispatcher`, `gc_head`, `gc_department`, `gc_grid`, `gc_inspector`,
  `gc_sysadmin`, `gc_secadmin`, `gc_auditor` (each a member of `gc_user`).
- one LOGIN role per person, named as `app_user.login`, scram-sha-256 password, `VALID UNTIL` = expiry,
  member of the groups of the posts in `user_post`.
- `gc_gate`   a LOGIN role that can only call the lockout functions (the login dialog uses it before and
  after a password attempt).

Row-level security on `cases`, `case_history`, `attachment`, `case_watch` is keyed on `current_user` through
`app_user`/`user_post` (never on a setting the client can change): a department handler sees cases whose
lead or co-operating department is theirs, a grid worker their grids' subtree, dispatcher/head/inspector all.
Nobody but the owner has UPDATE/DELETE/TRUNCATE on `case_history` and `audit_log`, and triggers refuse them
even to the owner (audit rows past 180 days excepted, for the retention job). The migration's BEFORE INSERT
trigger writes the person's login into `case_history.actor` whatever the client sent.

Every function here runs on an administrative connection (a superuser, or the owner) inside the caller's
transaction; the CLI (`gridconsole admin …`) pairs them with `console.security.users`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.models import AppUser, Base, UserPost
from console.security.posts import CASE_POSTS, Post

_ROLE_RE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


def ident(name: str) -> str:
    """A role name checked to be plain, double-quoted for SQL."""
    if not _ROLE_RE.match(name):
        raise ValidationError(f"无效的数据库角色名：{name}")
    return f'"{name}"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class RoleNames:
    prefix: str = "gc_"

    def group(self, post: Post) -> str:
        return f"{self.prefix}{post.value}"

    @property
    def owner(self) -> str:
        return f"{self.prefix}owner"

    @property
    def user(self) -> str:
        return f"{self.prefix}user"

    @property
    def gate(self) -> str:
        return f"{self.prefix}gate"

    def all_groups(self) -> list[str]:
        return [self.user, *(self.group(p) for p in Post)]


# --- table classes ------------------------------------------------------------------------------------------

CASE_TABLES = (
    "cases",
    "case_history",
    "attachment",
    "case_co_department",
    "case_number_counter",
    "case_watch",
)
APPEND_ONLY = ("case_history", "audit_log")
PRIVATE_TABLES = ("password_history", "login_failure")  # only through the security functions
RLS_TABLES = ("cases", "case_history", "attachment", "case_watch")


def _exec(session: Session, sql: str) -> None:
    """Run SQL (several statements, `%` and `$$` as written) on the session's connection and transaction."""
    driver: Any = session.connection().connection.driver_connection
    driver.execute(sql)


def _role_exists(session: Session, name: str) -> bool:
    return bool(session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}))


def scram_verifier(session: Session, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier computed on this side, so the clear password never reaches a server log."""
    driver: Any = session.connection().connection.driver_connection
    verifier = driver.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    return bytes(verifier).decode()


# --- provisioning -------------------------------------------------------------------------------------------


def _functions_sql(n: RoleNames) -> str:
    visible = """(
        (SELECT gc_sees_all(current_user::text))
        OR lead_department_id = ANY ((SELECT gc_my_departments(current_user::text))::integer[])
        OR EXISTS (SELECT 1 FROM case_co_department cd WHERE cd.case_id = cases.id
                   AND cd.department_id = ANY ((SELECT gc_my_departments(current_user::text))::integer[]))
        OR grid_code LIKE ANY ((SELECT gc_my_grid_patterns(current_user::text))::text[])
        OR reported_by = current_user::text
        OR (lead_department_id IS NULL AND updated_by = current_user::text)
    )"""
    case_seen = "EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)"
    definer = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp"
    now_cst = "(now() AT TIME ZONE 'Asia/Shanghai')::timestamp(0)"
    return f"""
CREATE OR REPLACE FUNCTION gc_sees_all(p_login text) RETURNS boolean {definer} AS $$
    SELECT EXISTS (SELECT 1 FROM app_user u JOIN user_post p ON p.user_id = u.id
                   WHERE u.login = p_login AND u.active AND p.post IN ('dispatcher', 'head', 'inspector'))
$$;
CREATE OR REPLACE FUNCTION gc_my_departments(p_login text) RETURNS integer[] {definer} AS $$
    SELECT coalesce(array_agg(p.department_id), '{{}}') FROM app_user u JOIN user_post p ON p.user_id = u.id
    WHERE u.login = p_login AND u.active AND p.post = 'department' AND p.department_id IS NOT NULL
$$;
CREATE OR REPLACE FUNCTION gc_my_grid_patterns(p_login text) RETURNS text[] {definer} AS $$
    SELECT coalesce(array_agg(CASE WHEN substr(g.code, 10) = '000000' THEN substr(g.code, 1, 9)
                                   WHEN substr(g.code, 13) = '000' THEN substr(g.code, 1, 12)
                                   ELSE g.code END || '%'), '{{}}')
    FROM app_user u JOIN user_post p ON p.user_id = u.id JOIN grid g ON g.id = p.grid_id
    WHERE u.login = p_login AND u.active AND p.post = 'grid'
$$;
CREATE OR REPLACE FUNCTION gc_setting_int(p_key text, p_default integer) RETURNS integer {definer} AS $$
    SELECT coalesce((SELECT CASE WHEN value ~ '^[0-9]+$' THEN value::integer END FROM setting
                     WHERE key = p_key), p_default)
$$;

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_cases_read ON cases;
DROP POLICY IF EXISTS gc_cases_report ON cases;
DROP POLICY IF EXISTS gc_cases_change ON cases;
CREATE POLICY gc_cases_read ON cases FOR SELECT USING {visible};
CREATE POLICY gc_cases_report ON cases FOR INSERT WITH CHECK (
    (SELECT gc_sees_all(current_user::text))
    OR cardinality((SELECT gc_my_departments(current_user::text))) > 0
    OR grid_code LIKE ANY ((SELECT gc_my_grid_patterns(current_user::text))::text[]));
CREATE POLICY gc_cases_change ON cases FOR UPDATE USING {visible} WITH CHECK {visible};

ALTER TABLE case_history ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_history_read ON case_history;
DROP POLICY IF EXISTS gc_history_append ON case_history;
CREATE POLICY gc_history_read ON case_history FOR SELECT USING ({case_seen});
CREATE POLICY gc_history_append ON case_history FOR INSERT
    WITH CHECK (actor = current_user::text AND {case_seen});

ALTER TABLE attachment ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_attachment_read ON attachment;
DROP POLICY IF EXISTS gc_attachment_add ON attachment;
CREATE POLICY gc_attachment_read ON attachment FOR SELECT USING ({case_seen});
CREATE POLICY gc_attachment_add ON attachment FOR INSERT WITH CHECK ({case_seen});

ALTER TABLE case_watch ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_watch_own ON case_watch;
CREATE POLICY gc_watch_own ON case_watch USING (login = current_user::text)
    WITH CHECK (login = current_user::text);

-- the lockout gate ------------------------------------------------------------------------------------
-- (a failed password cannot run SQL as its user, so the login dialog reports it through the gate role)
CREATE OR REPLACE FUNCTION gc_login_failed(p_login text, p_host text DEFAULT '') RETURNS timestamp
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    t timestamp := {now_cst};
    max_failures integer := gc_setting_int('lockout_failures', 5);
    minutes integer := gc_setting_int('lockout_minutes', 15);
    n integer;
    until timestamp;
BEGIN
    INSERT INTO login_failure AS f (login, failures, last_failure_at, last_host, locked_until)
    VALUES (left(p_login, 63), 1, t, left(p_host, 100), NULL)
    ON CONFLICT (login) DO UPDATE SET
        failures = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= t THEN 1 ELSE f.failures + 1 END,
        locked_until = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= t THEN NULL
                            ELSE f.locked_until END,
        last_failure_at = t, last_host = left(p_host, 100)
    RETURNING failures, locked_until INTO n, until;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES (t, left(p_login, 63), left(p_host, 100), 'login_failed', '', false, format('密码错误（第 %s 次）', n));
    IF n >= max_failures AND until IS NULL THEN
        until := t + make_interval(mins => minutes);
        UPDATE login_failure SET locked_until = until WHERE login = p_login;
        IF EXISTS (SELECT 1 FROM app_user WHERE login = p_login)
           AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND NOT rolsuper) THEN
            EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
        END IF;
        INSERT INTO audit_log (at, login, host, event, object, success, detail)
        VALUES (t, left(p_login, 63), left(p_host, 100), 'account_locked', '', false,
                format('连续 %s 次登录失败，锁定至 %s', n, to_char(until, 'YYYY-MM-DD HH24:MI')));
    END IF;
    RETURN until;
END $$;

-- before a login attempt: lift a lock that has run out; returns when the lock ends (NULL: not locked)
CREATE OR REPLACE FUNCTION gc_login_gate(p_login text) RETURNS timestamp
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    t timestamp := {now_cst};
    until timestamp;
BEGIN
    SELECT locked_until INTO until FROM login_failure WHERE login = p_login;
    IF until IS NOT NULL AND until <= t THEN
        DELETE FROM login_failure WHERE login = p_login;
        IF EXISTS (SELECT 1 FROM app_user WHERE login = p_login AND active)
           AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND NOT rolsuper) THEN
            EXECUTE format('ALTER ROLE %I LOGIN', p_login);
        END IF;
        INSERT INTO audit_log (at, login, host, event, object, success, detail)
        VALUES (t, left(p_login, 63), '', 'account_unlocked', '', true, '锁定期满自动解除');
        RETURN NULL;
    END IF;
    RETURN until;
END $$;

-- after a successful login, by the person: the failure count starts again
CREATE OR REPLACE FUNCTION gc_login_succeeded() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM login_failure WHERE login = session_user::text
$$;

-- 安全管理员 lifts a lock at once
CREATE OR REPLACE FUNCTION gc_unlock(p_login text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM login_failure WHERE login = p_login;
    IF EXISTS (SELECT 1 FROM app_user WHERE login = p_login AND active)
       AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND NOT rolsuper) THEN
        EXECUTE format('ALTER ROLE %I LOGIN', p_login);
    END IF;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES ({now_cst}, session_user::text, inet_client_addr()::text, 'account_unlocked',
            '用户 ' || p_login, true, '管理员解锁');
END $$;

-- a person changes their own password: the policy is checked here, whatever client is used
CREATE OR REPLACE FUNCTION gc_change_password(p_password text) RETURNS timestamp
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me text := session_user::text;
    t timestamp := {now_cst};
    min_len integer := greatest(gc_setting_int('password_min_length', 8), 8);
    min_classes integer := greatest(gc_setting_int('password_min_classes', 3), 3);
    max_age integer := gc_setting_int('password_max_age_days', 90);
    classes integer;
    expiry timestamp;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM app_user WHERE login = me AND active) THEN
        RAISE EXCEPTION '只有控制台用户可以修改密码' USING ERRCODE = 'insufficient_privilege';
    END IF;
    classes := (p_password ~ '[a-z]')::int + (p_password ~ '[A-Z]')::int + (p_password ~ '[0-9]')::int
               + (p_password ~ '[^a-zA-Z0-9]')::int;
    IF length(p_password) < min_len OR classes < min_classes
       OR position(lower(me) IN lower(p_password)) > 0 THEN
        RAISE EXCEPTION '密码不符合要求：长度至少 % 位，含小写字母、大写字母、数字、特殊字符中至少 % 类，且不能包含用户名',
            min_len, min_classes USING ERRCODE = 'check_violation';
    END IF;
    expiry := CASE WHEN max_age > 0 THEN t + make_interval(days => max_age) END;
    EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', me, p_password,
                   coalesce(to_char(expiry, 'YYYY-MM-DD HH24:MI:SS') || '+08', 'infinity'));
    UPDATE app_user SET must_change = false, password_changed_at = t WHERE login = me;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES (t, me, coalesce(inet_client_addr()::text, ''), 'password_change', '', true, '');
    RETURN expiry;
END $$;

-- the retention job, for 审计管理员: never deletes rows younger than 180 days (the trigger agrees)
CREATE OR REPLACE FUNCTION gc_audit_purge(p_days integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    days integer := greatest(p_days, gc_setting_int('audit_retention_days', 180), 180);
    n integer;
BEGIN
    DELETE FROM audit_log WHERE at < {now_cst} - make_interval(days => days);
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES ({now_cst}, session_user::text, '', 'audit_purge', 'audit_log', true,
            format('保存期 %s 天，删除 %s 条', days, n));
    RETURN n;
END $$;
"""


def provision(
    session: Session,
    names: RoleNames | None = None,
    *,
    owner_password: str | None = None,
    gate_password: str | None = None,
) -> RoleNames:
    """Create (or bring up to date) the roles, ownership, grants, row-level security and the security
    functions in this database. Idempotent; run after every `db upgrade` that adds tables."""
    n = names or RoleNames()
    dbname = session.scalar(text("SELECT current_database()"))
    assert isinstance(dbname, str)

    for role, options in (
        (n.owner, "LOGIN CREATEROLE NOINHERIT"),
        (n.user, "NOLOGIN"),
        (n.gate, "LOGIN NOINHERIT"),
        *((n.group(p), "NOLOGIN") for p in Post),
    ):
        if not _role_exists(session, role):
            _exec(session, f"CREATE ROLE {ident(role)} {options}")
    for role, password in ((n.owner, owner_password), (n.gate, gate_password)):
        if password:
            _exec(
                session,
                f"ALTER ROLE {ident(role)} PASSWORD {literal(scram_verifier(session, role, password))}",
            )
    for p in Post:
        _exec(session, f"GRANT {ident(n.user)} TO {ident(n.group(p))}")

    tables = [
        t for (t,) in session.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
    ]
    known = set(Base.metadata.tables)
    db = ident_db(dbname)
    sql: list[str] = [
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {ident(n.owner)}",
        f"GRANT CONNECT ON DATABASE {db} TO {ident(n.user)}, {ident(n.gate)}",
        f"GRANT USAGE ON SCHEMA public TO {ident(n.user)}, {ident(n.gate)}",
        f"GRANT CREATE ON SCHEMA public TO {ident(n.owner)}",
    ]
    for t in tables:
        sql.append(f"ALTER TABLE public.{ident_table(t)} OWNER TO {ident(n.owner)}")
        sql.append(f"REVOKE ALL ON public.{ident_table(t)} FROM PUBLIC")
        for g in n.all_groups():
            sql.append(f"REVOKE ALL ON public.{ident_table(t)} FROM {ident(g)}")
    sql.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {ident(n.user)}")
    user = ident(n.user)
    for t in tables:
        if t in PRIVATE_TABLES or t in CASE_TABLES or t == "audit_log":
            continue
        if t in known or t == "alembic_version":
            sql.append(f"GRANT SELECT ON public.{ident_table(t)} TO {user}")
    sql += [
        f"GRANT INSERT ON audit_log TO {user}",
        f"GRANT INSERT ON case_change TO {user}",
    ]
    for p in CASE_POSTS:
        g = ident(n.group(p))
        sql += [
            f"GRANT SELECT, INSERT, UPDATE ON cases TO {g}",
            f"GRANT SELECT, INSERT ON case_history, attachment TO {g}",
            f"GRANT SELECT, INSERT, DELETE ON case_co_department, case_watch TO {g}",
            f"GRANT SELECT, INSERT, UPDATE ON case_number_counter TO {g}",
        ]
    sysadmin, secadmin, auditor = (ident(n.group(p)) for p in (Post.SYSADMIN, Post.SECADMIN, Post.AUDITOR))
    sql += [
        f"GRANT INSERT, UPDATE ON app_user TO {sysadmin}",
        f"GRANT INSERT, UPDATE ON setting TO {sysadmin}, {secadmin}",
        f"GRANT UPDATE ON app_user TO {secadmin}",
        f"GRANT INSERT, DELETE ON user_post TO {secadmin}",
        f"GRANT SELECT ON login_failure TO {secadmin}",
        f"GRANT SELECT ON audit_log TO {auditor}",
    ]
    for t in APPEND_ONLY:
        sql.append(f"REVOKE UPDATE, DELETE, TRUNCATE ON {t} FROM PUBLIC")
    _exec(session, ";\n".join(sql))
    _exec(session, _functions_sql(n))

    # every gc_ function belongs to the owner (SECURITY DEFINER ones then run with the owner's rights)
    fns = session.execute(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace "
            "WHERE s.nspname = 'public' AND p.proname LIKE 'gc\\_%'"
        )
    ).scalars()
    fn_sql = [f"ALTER FUNCTION {sig} OWNER TO {ident(n.owner)}" for sig in fns]
    gated = {
        "gc_login_failed(text,text)": [n.gate],
        "gc_login_gate(text)": [n.gate],
        "gc_login_succeeded()": [n.user],
        "gc_unlock(text)": [n.group(Post.SECADMIN)],
        "gc_change_password(text)": [n.user],
        "gc_audit_purge(integer)": [n.group(Post.AUDITOR)],
    }
    for sig, roles in gated.items():
        fn_sql.append(f"REVOKE ALL ON FUNCTION {sig} FROM PUBLIC")
        fn_sql.append(f"GRANT EXECUTE ON FUNCTION {sig} TO {', '.join(ident(r) for r in roles)}")
    _exec(session, ";\n".join(fn_sql))
    for (login,) in session.execute(select(AppUser.login)):
        if _role_exists(session, login):
            sync_memberships(session, login, n)
    return n


def ident_db(name: str) -> str:
    if not re.match(r"^[A-Za-z0-9_]{1,63}$", name):
        raise ValidationError(f"无效的数据库名：{name}")
    return f'"{name}"'


def ident_table(name: str) -> str:
    if not re.match(r"^[a-z_][a-z0-9_]{0,62}$", name):
        raise ValidationError(f"无效的表名：{name}")
    return f'"{name}"'


# --- people -------------------------------------------------------------------------------------------------


def create_login(
    session: Session, login: str, password: str, names: RoleNames | None = None,
    *, valid_until: datetime | None = None,
) -> None:  # fmt: skip
    """The person's own LOGIN role (scram-sha-256), for a user already in `app_user`."""
    n = names or RoleNames()
    if session.scalar(select(AppUser.id).where(AppUser.login == login)) is None:
        raise ValidationError(f"请先在用户表中建立用户 {login}")
    if _role_exists(session, login):
        raise ValidationError(f"数据库中已有角色 {login}")
    until = literal(valid_until.strftime("%Y-%m-%d %H:%M:%S+08")) if valid_until else "'infinity'"
    _exec(
        session,
        f"CREATE ROLE {ident(login)} LOGIN INHERIT NOCREATEDB NOCREATEROLE "
        f"PASSWORD {literal(scram_verifier(session, login, password))} VALID UNTIL {until}",
    )
    sync_memberships(session, login, n)


def set_password(session: Session, login: str, password: str, *, valid_until: datetime | None = None) -> None:
    until = literal(valid_until.strftime("%Y-%m-%d %H:%M:%S+08")) if valid_until else "'infinity'"
    _exec(
        session,
        f"ALTER ROLE {ident(login)} PASSWORD {literal(scram_verifier(session, login, password))} "
        f"VALID UNTIL {until}",
    )


def set_login_allowed(session: Session, login: str, allowed: bool) -> None:
    _exec(session, f"ALTER ROLE {ident(login)} {'LOGIN' if allowed else 'NOLOGIN'}")


def sync_memberships(session: Session, login: str, names: RoleNames | None = None) -> list[str]:
    """Make the person's group memberships match their posts in `user_post`; returns the groups held."""
    n = names or RoleNames()
    posts = session.scalars(
        select(UserPost.post).join(AppUser, AppUser.id == UserPost.user_id).where(AppUser.login == login)
    ).all()
    wanted = {n.user} | {n.group(Post(p)) for p in posts if p in {x.value for x in Post}}
    current = set(
        session.scalars(
            text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = :login AND g.rolname = ANY(:groups)"
            ),
            {"login": login, "groups": n.all_groups()},
        )
    )
    sql = [f"GRANT {ident(g)} TO {ident(login)}" for g in sorted(wanted - current)]
    sql += [f"REVOKE {ident(g)} FROM {ident(login)}" for g in sorted(current - wanted)]
    if sql:
        _exec(session, ";\n".join(sql))
    return sorted(wanted)


def drop_login(session: Session, login: str) -> None:
    """Only for tests and mistakes just made: people are disabled (NOLOGIN), never dropped, in production."""
    _exec(session, f"DROP ROLE IF EXISTS {ident(login)}")


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
