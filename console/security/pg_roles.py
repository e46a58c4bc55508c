"""PostgreSQL mode: every person logs in with their own role, and the database enforces the posts.

Layout (names from `RoleNames`, default prefix `gc_`):

- `gc_owner`  owns every table and the read-side security functions; runs migrations. Its password is kept
  offline and used only for upgrades (and, as the administrator of last resort, for the direct path below).
- `gc_provisioner`  NOLOGIN, the only role with CREATEROLE. Nobody logs in as it: it owns the SECURITY DEFINER
  functions that create, lock, unlock and re-password login roles and grant post groups, each doing one narrow
  thing after checking who calls and whom it touches (see "provisioning by the administrators" in `pg_sql`).
  The owner may `SET ROLE` to it (NOINHERIT member) so an owner connection keeps the direct path.
- `gc_user`   base group: CONNECT, read reference tables and the user/post mapping, append to the audit log.
- one NOLOGIN group per post: `gc_dispatcher`, `gc_head`, `gc_department`, `gc_grid`, `gc_inspector`,
  `gc_sysadmin`, `gc_secadmin`, `gc_auditor` (each a member of `gc_user`).
- one LOGIN role per person, named as `app_user.login`, scram-sha-256 password, `VALID UNTIL` = expiry,
  member of the groups of the posts in `user_post`.
- `gc_gate`   a LOGIN role that can only call the lockout functions (the login dialog uses it before and
  after a password attempt).

The SQL these roles run with (row-level security, the lockout gate, the provisioner's `gc_admin_*`
functions) is in `pg_sql`, and the Python calls of those functions in `pg_calls`; this module holds the
names, `provision()`, which writes it all into a database, and the direct path below.

The direct functions here (`create_login`, `set_password`, …) are for an administrative connection (a
superuser, or the owner, which `SET ROLE`s to the provisioner for the role DDL) inside the caller's
transaction; `console.security.users.pg_*` choose between the two paths.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.models import AppUser, Base, UserPost
from console.security import pg_server
from console.security.pg_calls import refusal
from console.security.pg_item_list import SIGNATURE as ITEM_LIST_FUNCTION
from console.security.pg_item_list import item_list_sql
from console.security.pg_meetings import meetings_sql
from console.security.pg_personal import FUNCTIONS as PERSONAL_FUNCTIONS
from console.security.pg_personal import HELPERS as PERSONAL_HELPERS
from console.security.pg_personal import PERSONAL_COLUMNS, personal_sql
from console.security.pg_personal import grants_sql as personal_grants
from console.security.pg_sql import (
    PROVISIONER_FUNCTIONS,
    functions_sql,
    ident,
    ident_db,
    ident_table,
    literal,
    provisioner_sql,
    scram_verifier,
)
from console.security.pg_staff import case_handlers_drift, rebuild_case_handlers, staff_sql
from console.security.pg_workflow import workflow_sql
from console.security.posts import ADMIN_RULES, CASE_POSTS, Post


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

    @property
    def provisioner(self) -> str:
        return f"{self.prefix}provisioner"

    def all_groups(self) -> list[str]:
        return [self.user, *(self.group(p) for p in Post)]

    def system_roles(self) -> list[str]:
        """Every role of the deployment that is not a person."""
        return [self.owner, self.provisioner, self.gate, *self.all_groups()]


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
#: only through the security functions (the responsible people's kept set: `pg_staff.gc_my_case_handlers`)
PRIVATE_TABLES = ("password_history", "login_failure", "case_handler_reach")
RLS_TABLES = ("cases", "case_history", "attachment", "case_watch")
#: consultation meetings (console.meetings): every console role may read them, and row-level security keeps the
#: rows to the meetings the application shows (`pg_meetings`); dispatchers and the head write them; addenda are
#: insert-only
MEETING_TABLES = ("meeting", "meeting_attendee", "agenda_item", "meeting_decision", "meeting_proposal")
#: supervisory review (console.review): every console role reads them; inspectors and the head compute, publish,
#: freeze and spot-check; anyone scored files appeals; the head sets rule sets (frozen rows are guarded by a trigger)
REVIEW_WRITERS = {
    "review_result": (Post.INSPECTOR, Post.HEAD),
    "review_adjustment": (Post.HEAD,),
    "review_rule_set": (Post.HEAD,),
    "spot_check": (Post.INSPECTOR, Post.HEAD),
    "spot_check_item": (Post.INSPECTOR, Post.HEAD),
    "review_appeal": (Post.INSPECTOR, Post.HEAD, Post.DISPATCHER, Post.DEPARTMENT, Post.GRID),
}

#: supervision notice numbers (console.notices): insert-only, by the posts that may 督办
NOTICE_WRITERS = (Post.DISPATCHER, Post.HEAD, Post.INSPECTOR)
#: set-up (console.setup): the reference tables every console role reads, written only by the posts that may
#: `reference_edit` (rows are retired, never deleted; a category's own stage limits are replaced)
SETUP_TABLES = (
    "grid",
    "grid_event",
    "department",
    "category",
    "category_version",
    "stage_limit",
    "person",
    "grid_assignment",
)


def _exec(session: Session, sql: str) -> None:
    """Run SQL (several statements, `%` and `$$` as written) on the session's connection and transaction."""
    driver: Any = session.connection().connection.driver_connection
    driver.execute(sql)


def _role_exists(session: Session, name: str) -> bool:
    return bool(session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}))


# --- provisioning -------------------------------------------------------------------------------------------


def provision(
    session: Session,
    names: RoleNames | None = None,
    *,
    owner_password: str | None = None,
    gate_password: str | None = None,
) -> RoleNames:
    """Create (or bring up to date) the roles, ownership, grants, row-level security and the security
    functions in this database. Idempotent; run after every `db upgrade` that adds tables or changes a
    security function (0005 did: the password history the server checks)."""
    n = names or RoleNames()
    dbname = session.scalar(text("SELECT current_database()"))
    assert isinstance(dbname, str)

    for role, options in (
        (n.owner, "LOGIN NOINHERIT"),
        (n.provisioner, "NOLOGIN NOINHERIT CREATEROLE"),
        (n.user, "NOLOGIN"),
        (n.gate, "LOGIN NOINHERIT"),
        *((n.group(p), "NOLOGIN") for p in Post),
    ):
        if not _role_exists(session, role):
            _exec(session, f"CREATE ROLE {ident(role)} {options}")
    # the provisioner alone holds CREATEROLE (earlier versions gave it to the owner); the owner may SET ROLE to it
    prov, owner = ident(n.provisioner), ident(n.owner)
    _exec(
        session,
        f"ALTER ROLE {prov} NOLOGIN NOINHERIT CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS;\n"
        f"ALTER ROLE {owner} NOCREATEROLE;\n"
        f"GRANT {prov} TO {owner}",
    )
    for role, password in ((n.owner, owner_password), (n.gate, gate_password)):
        if password:
            _exec(
                session,
                f"ALTER ROLE {ident(role)} PASSWORD {literal(scram_verifier(session, role, password))}",
            )
    for p in Post:
        _exec(session, f"GRANT {ident(n.user)} TO {ident(n.group(p))}")

    # pgcrypto (a trusted extension shipped with PostgreSQL) lets gc_change_password refuse a reused password
    # itself; a role that ran `db upgrade` without CREATE on the database could not install it
    if session.scalar(text("SELECT 1 FROM pg_available_extensions WHERE name = 'pgcrypto'")):
        _exec(session, "CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA public")
        crypto = session.scalar(
            text(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                "WHERE e.extname = 'pgcrypto'"
            )
        )
        if crypto and crypto != "public":  # installed earlier elsewhere: the function's owners must reach it
            _exec(
                session, f"GRANT USAGE ON SCHEMA {ident(crypto)} TO {ident(n.owner)}, {ident(n.provisioner)}"
            )
    tables = [
        t for (t,) in session.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
    ]
    known = set(Base.metadata.tables)
    db = ident_db(dbname)
    sql: list[str] = [
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        # no one but the owner creates objects here (PostgreSQL 15's default; older servers let PUBLIC): a
        # function planted in public could otherwise be found by name from a SECURITY DEFINER function
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {ident(n.owner)}",
        f"GRANT CONNECT ON DATABASE {db} TO {ident(n.user)}, {ident(n.gate)}",
        f"GRANT USAGE ON SCHEMA public TO {ident(n.user)}, {ident(n.gate)}",
        f"GRANT CREATE ON SCHEMA public TO {ident(n.owner)}",
    ]
    for t in tables:
        sql.append(f"ALTER TABLE public.{ident_table(t)} OWNER TO {ident(n.owner)}")
        sql.append(f"REVOKE ALL ON public.{ident_table(t)} FROM PUBLIC")
        for g in (*n.all_groups(), n.provisioner):
            sql.append(f"REVOKE ALL ON public.{ident_table(t)} FROM {ident(g)}")
    sql.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {ident(n.user)}, {prov}")
    user = ident(n.user)
    for t in tables:
        if t in PRIVATE_TABLES or t in CASE_TABLES or t == "audit_log" or t in PERSONAL_COLUMNS:
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
            f"GRANT INSERT, UPDATE ON cases TO {g}",  # SELECT by column: not the reporter's phone
            f"GRANT SELECT, INSERT ON case_history, attachment TO {g}",
            f"GRANT SELECT, INSERT, DELETE ON case_co_department, case_watch TO {g}",
            f"GRANT SELECT, INSERT, UPDATE ON case_number_counter TO {g}",
        ]
    meeting_tables = ", ".join(t for t in MEETING_TABLES if t in tables)
    if meeting_tables:
        for p in (Post.DISPATCHER, Post.HEAD):
            sql += [f"GRANT INSERT, UPDATE ON {meeting_tables} TO {ident(n.group(p))}",
                    f"GRANT INSERT ON meeting_addendum TO {ident(n.group(p))}"]  # fmt: skip
        for p in (Post.DEPARTMENT, Post.GRID):  # 提请会商 is theirs too
            sql.append(f"GRANT INSERT ON meeting_proposal TO {ident(n.group(p))}")
    for table, writers in REVIEW_WRITERS.items():
        if table in tables:
            sql += [f"GRANT INSERT, UPDATE ON {table} TO {ident(n.group(p))}" for p in writers]
    if "supervision_notice" in tables:  # 督办单 numbers: issued with the 督办 step by those who may supervise
        sql += [f"GRANT INSERT ON supervision_notice TO {ident(n.group(p))}" for p in NOTICE_WRITERS]
    editors = ", ".join(ident(n.group(p)) for p in sorted(ADMIN_RULES["reference_edit"]))
    setup_tables = ", ".join(t for t in SETUP_TABLES if t in tables)
    if setup_tables:
        sql.append(f"GRANT INSERT, UPDATE ON {setup_tables} TO {editors}")
        sql.append(f"GRANT DELETE ON stage_limit TO {editors}")
    # stock phrases (console.phrases, keys `phrases.*` of `setting`): stored and reset (deleted) by the same posts;
    # gc_setting_check refuses any other key's DELETE and anyone else's change of a list
    sql.append(f"GRANT INSERT, UPDATE, DELETE ON setting TO {editors}")
    # re-zoning (console.rezoning): who may `grid_rezone` writes the map too, so the 网格办主任 changes it and moves
    # its open cases in one transaction
    rezoners = ", ".join(ident(n.group(p)) for p in sorted(ADMIN_RULES["grid_rezone"]))
    map_tables = ", ".join(t for t in ("grid", "grid_event") if t in tables)
    if map_tables:
        sql.append(f"GRANT INSERT, UPDATE ON {map_tables} TO {rezoners}")
    sysadmin, secadmin, auditor = (ident(n.group(p)) for p in (Post.SYSADMIN, Post.SECADMIN, Post.AUDITOR))
    # people and posts change only through the provisioner's functions (no direct INSERT/UPDATE for anyone)
    sql += [
        f"GRANT INSERT, UPDATE ON setting TO {sysadmin}, {secadmin}",
        f"GRANT SELECT ON login_failure TO {sysadmin}, {secadmin}, {auditor}",
        f"GRANT SELECT ON audit_log TO {auditor}",
        f"GRANT USAGE ON SCHEMA public TO {prov}",
        f"GRANT SELECT, INSERT, UPDATE ON app_user TO {prov}",
        f"GRANT SELECT, INSERT, DELETE ON user_post TO {prov}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON login_failure TO {prov}",
        f"GRANT SELECT, INSERT, DELETE ON password_history TO {prov}",
        f"GRANT INSERT ON audit_log TO {prov}",
        f"GRANT SELECT ON department, grid, setting TO {prov}",
    ]
    for t in APPEND_ONLY:
        sql.append(f"REVOKE UPDATE, DELETE, TRUNCATE ON {t} FROM PUBLIC")
    sql += personal_grants(user, [ident(n.group(p)) for p in sorted(CASE_POSTS)])
    _exec(session, ";\n".join(sql))
    _exec(session, functions_sql(n))
    _exec(session, personal_sql())
    _exec(session, staff_sql(n))  # staff and accounts: each post reads the rows its screens need
    if "case_handler_reach" in tables and case_handlers_drift(session):  # a bulk load went past its triggers
        rebuild_case_handlers(session)
    if "meeting" in tables:  # meetings follow the case rule (console.security.pg_meetings)
        _exec(session, meetings_sql())
    _exec(session, workflow_sql())  # a console role's UPDATE of cases needs its workflow history row
    if "category_version" in tables:  # the 事项清单 row follows its dated versions for every login
        _exec(session, item_list_sql())
    _exec(session, provisioner_sql(n))

    # every gc_ function belongs to the owner, but those that change roles to the provisioner (SECURITY DEFINER
    # ones run with their owner's rights)
    fns = session.execute(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace "
            "WHERE s.nspname = 'public' AND p.proname LIKE 'gc\\_%' AND p.proname <> 'gc_gate_sealed'"
        )
    ).scalars()
    fn_sql = [
        f"ALTER FUNCTION {sig} OWNER TO {prov if sig in PROVISIONER_FUNCTIONS else owner}" for sig in fns
    ]
    sysadmin_group, secadmin_group = n.group(Post.SYSADMIN), n.group(Post.SECADMIN)
    gated: dict[str, list[str]] = {
        "gc_login_failed(text,text)": [n.gate],
        "gc_login_gate(text)": [n.gate],
        "gc_login_succeeded()": [n.user],
        "gc_change_password(text,text)": [n.user],
        "gc_my_password_history()": [n.user],
        "gc_audit_purge(integer)": [n.group(Post.AUDITOR)],
        # any seat's first read of a day brings the 事项清单 rows forward (console.setup.item_list.keep_current)
        **({ITEM_LIST_FUNCTION: [n.user]} if "category_version" in tables else {}),
        "gc_admin_add_user(text,text,text,timestamp without time zone,integer)": [sysadmin_group],
        "gc_admin_set_active(text,boolean)": [sysadmin_group],
        "gc_admin_grant_post(text,text,integer,integer)": [secadmin_group],
        "gc_admin_revoke_post(text,text,integer,integer)": [secadmin_group],
        "gc_admin_reset_password(text,text,timestamp without time zone)": [secadmin_group],
        "gc_unlock(text)": [secadmin_group],
        **{fn: [n.user] for fn in PERSONAL_FUNCTIONS},  # phones: masked, or revealed with an audit row
        **{fn: [] for fn in PERSONAL_HELPERS},  # called by those functions only (as the owner)
    }
    for sig in PROVISIONER_FUNCTIONS:  # the helpers: for the provisioner's own functions only
        gated.setdefault(sig, [])
    for sig, roles in gated.items():
        fn_sql.append(f"REVOKE ALL ON FUNCTION {sig} FROM PUBLIC")
        if roles:
            fn_sql.append(f"GRANT EXECUTE ON FUNCTION {sig} TO {', '.join(ident(r) for r in roles)}")
    _exec(session, ";\n".join(fn_sql))
    pg_server.seal(session, n.gate, n.provisioner)  # the gate's password, and no clear password in the log
    for (login,) in session.execute(select(AppUser.login)):
        if _role_exists(session, login):
            sync_memberships(session, login, n)
    return n


# --- people: the direct path (a superuser, or the owner through the provisioner) -----------------------------


def admin_via_functions(session: Session) -> bool:
    """Whether this connection must provision through the `gc_admin_*` functions: it is neither a superuser nor
    the tables' owner (a 系统管理员 or 安全管理员 connected with their own login)."""
    direct = session.scalar(
        text(
            "SELECT r.rolsuper OR pg_has_role(current_user, t.tableowner, 'USAGE') FROM pg_roles r, pg_tables t "
            "WHERE r.rolname = current_user AND t.schemaname = 'public' AND t.tablename = 'app_user'"
        )
    )
    return not direct


@contextmanager
def _role_ddl(session: Session, names: RoleNames | None) -> Iterator[None]:
    """Run role DDL as a superuser does, or else as the provisioner (the only CREATEROLE role; the owner is its
    NOINHERIT member), for this statement only."""
    if session.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")):
        yield
        return
    n = names or RoleNames()
    try:
        _exec(session, f"SET LOCAL ROLE {ident(n.provisioner)}")
    except DBAPIError as exc:
        raise refusal(exc) from None
    yield
    _exec(session, "SET LOCAL ROLE NONE")


def _until(valid_until: datetime | None) -> str:
    return literal(valid_until.strftime("%Y-%m-%d %H:%M:%S+08")) if valid_until else "'infinity'"


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
    verifier = scram_verifier(session, login, password)
    with _role_ddl(session, n):
        _exec(
            session,
            f"CREATE ROLE {ident(login)} LOGIN INHERIT NOCREATEDB NOCREATEROLE "
            f"PASSWORD {literal(verifier)} VALID UNTIL {_until(valid_until)}",
        )
    sync_memberships(session, login, n)


def set_password(
    session: Session, login: str, password: str, *, valid_until: datetime | None = None,
    names: RoleNames | None = None,
) -> None:  # fmt: skip
    verifier = scram_verifier(session, login, password)
    with _role_ddl(session, names):
        _exec(
            session,
            f"ALTER ROLE {ident(login)} PASSWORD {literal(verifier)} VALID UNTIL {_until(valid_until)}",
        )


def set_login_allowed(session: Session, login: str, allowed: bool, names: RoleNames | None = None) -> None:
    with _role_ddl(session, names):
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
        with _role_ddl(session, n):
            _exec(session, ";\n".join(sql))
    return sorted(wanted)


def unlock_login(session: Session, login: str, names: RoleNames | None = None) -> None:
    """Lift a lockout at once (direct path; 安全管理员 on their own login calls `gc_unlock`)."""
    session.execute(text("DELETE FROM login_failure WHERE login = :l"), {"l": login})
    active = session.scalar(select(AppUser.active).where(AppUser.login == login))
    if active:
        set_login_allowed(session, login, True, names)


def drop_login(session: Session, login: str, names: RoleNames | None = None) -> None:
    """Only for tests and mistakes just made: people are disabled (NOLOGIN), never dropped, in production."""
    with _role_ddl(session, names):
        _exec(session, f"DROP ROLE IF EXISTS {ident(login)}")
