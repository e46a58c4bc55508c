"""Holes a person with psql found (issue 15), each tried with a plain psycopg connection as that post on the
real PostgreSQL, and the same rule in the application on SQLite: co-department rows, forged actor columns,
and the separation of the three administrators (三员分立)."""

from __future__ import annotations

import json

import psycopg
import pytest
from sqlalchemy import text

from console.cli.main import main
from console.db import Database, make_engine
from console.errors import PermissionDenied
from console.security import users
from console.security.catalogue import KNOWN_GAPS, Holds, check, unclassified
from console.security.posts import ADMIN_POSTS, Post, check_post_combination
from console.workflow.commands import Accept
from console.workflow.service import CaseService, ReportInput
from tests.test_security_pg import Setup, add_sysadmin, numbers, scalar
from tests.test_security_pg import pg as _pg_fixture

pg = _pg_fixture  # the fixture of test_security_pg (a test argument of the same name asks for it)

pytestmark = pytest.mark.pg


def test_a_handler_cannot_add_or_remove_co_departments(pg: Setup) -> None:
    """A handler used to make their department co-operate on any case (and then read it), and to delete other
    departments' co-operation rows: only the posts that dispatch change them."""
    with pg.connect("env") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO case_co_department (case_id, department_id) VALUES (%s, %s)",
                (pg.law_case, pg.ref.env),
            )
        assert numbers(conn) == {pg.env_case}  # still not their case
    with pg.connect("disp") as conn:  # the center may (it dispatches)
        conn.execute(
            "INSERT INTO case_co_department (case_id, department_id) VALUES (%s, %s)",
            (pg.law_case, pg.ref.police),
        )
    for key in ("env", "law", "gw"):
        with pg.connect(key) as conn:
            conn.execute("DELETE FROM case_co_department")  # refused row by row: nothing goes
    with pg.connect("disp") as conn:
        rows = conn.execute("SELECT case_id, department_id FROM case_co_department").fetchall()
    assert (pg.law_case, pg.ref.police) in rows


def test_actor_columns_cannot_be_forged_by_an_update(pg: Setup) -> None:
    """`reported_by` decides visibility: a handler who rewrote it on their case kept the case forever."""
    with pg.connect("disp") as conn:
        before = conn.execute("SELECT reported_by FROM cases WHERE id = %s", (pg.env_case,)).fetchone()
    with pg.connect("env") as conn, conn.transaction():  # within an action they may take (the workflow check)
        conn.execute("UPDATE cases SET reported_by = %s, updated_by = 'someone', status = 'in_progress', "
                     "version = version + 1 WHERE id = %s", (pg.logins["env"], pg.env_case))  # fmt: skip
        conn.execute(*_stated_row(pg.env_case, "sign", "dispatched", "in_progress"))  # type: ignore[arg-type]
    with pg.connect("disp") as conn:
        after = conn.execute(
            "SELECT reported_by, updated_by FROM cases WHERE id = %s", (pg.env_case,)
        ).fetchone()
    assert after is not None and before is not None
    assert after[0] == before[0]
    assert after[1] == pg.logins["env"]  # the trigger writes who changed it


def test_an_administrator_holds_no_case_post_and_no_other_administrator_post() -> None:
    for admin in ADMIN_POSTS:
        for other in Post:
            if other is admin:
                continue
            assert check_post_combination([admin], other), (admin, other)
            assert check_post_combination([other], admin), (other, admin)
    assert check_post_combination([Post.DISPATCHER], Post.INSPECTOR) is None  # case posts combine


def test_security_admin_cannot_give_an_administrator_a_case_post_on_the_server(pg: Setup) -> None:
    sys_login = add_sysadmin(pg)
    with pg.connect("sec") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="三员分立"):
            conn.execute("SELECT gc_admin_grant_post(%s, 'dispatcher')", (pg.logins["aud"],))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="三员分立"):
            conn.execute("SELECT gc_admin_grant_post(%s, 'inspector')", (sys_login,))


def test_sysadmin_cannot_disable_the_other_administrators(pg: Setup) -> None:
    add_sysadmin(pg)
    with pg.connect("sys") as conn:
        for key in ("sec", "aud"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="三员分立"):
                conn.execute("SELECT gc_admin_set_active(%s, false)", (pg.logins[key],))
        conn.execute("SELECT gc_admin_set_active(%s, false)", (pg.logins["env"],))  # a case post: allowed


def test_the_application_keeps_the_same_separation(sqlite_url: str) -> None:
    db = Database(make_engine(sqlite_url))
    with db.session() as s:
        users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计管理员"))
        with pytest.raises(PermissionDenied, match="三员分立"):
            users.grant_post(s, "secadm", "auditor", Post.DISPATCHER)
        for admin in ("secadm", "auditor"):
            with pytest.raises(PermissionDenied, match="三员分立"):
                users.set_active(s, "sysadm", admin, False)
    db.dispose()


def test_settings_hold_their_type_range_and_owner_on_the_server(pg: Setup) -> None:
    """系统管理员 set lockout_failures to a million; 安全管理员 set values outside the console's ranges."""
    add_sysadmin(pg)
    with pg.connect("sys") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="安全管理员"):
            conn.execute("INSERT INTO setting (key, value) VALUES ('lockout_failures', '3')")
        conn.execute("INSERT INTO setting (key, value) VALUES ('claim_lease_minutes', '30')")  # their own
    with pg.connect("sec") as conn:
        for key, value in (("lockout_failures", "1000000"), ("password_max_age_days", "0"),
                           ("password_history", "0"), ("password_min_length", "abc")):  # fmt: skip
            with pytest.raises(psycopg.errors.CheckViolation):
                conn.execute("INSERT INTO setting (key, value) VALUES (%s, %s)", (key, value))
        conn.execute("INSERT INTO setting (key, value) VALUES ('lockout_failures', '3')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="系统管理员"):
            conn.execute("UPDATE setting SET value = '60' WHERE key = 'claim_lease_minutes'")
    with pg.connect("disp") as conn:
        rows: dict[str, str] = dict(conn.execute("SELECT key, value FROM setting").fetchall())
    assert rows["lockout_failures"] == "3" and rows["claim_lease_minutes"] == "30"


def test_the_console_refuses_the_same_settings(sqlite_url: str) -> None:
    from console.errors import ValidationError
    from console.security.administration import save_policy
    from console.settings import set_setting

    db = Database(make_engine(sqlite_url))
    with db.session() as s:
        users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计管理员"))
        for key, value in (
            ("lockout_failures", "1000000"),
            ("password_max_age_days", "0"),
            ("yellow_threshold", "2"),
        ):
            with pytest.raises(ValidationError):
                set_setting(s, key, value)
    with pytest.raises(ValidationError):
        save_policy(db, "secadm", {"password_history": 0})
    with pytest.raises(PermissionDenied):
        save_policy(db, "secadm", {"claim_lease_minutes": 30})
    save_policy(db, "secadm", {"lockout_failures": 3})
    db.dispose()


def test_every_table_is_classified() -> None:
    """A new table must be placed in the security catalogue before it ships."""
    assert unclassified() == []


def test_the_catalogue_finds_no_guarded_table_open_without_row_level_security(
    pg: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every table of case, person or security data that a console role can touch is under row-level
    security, except the documented gaps (each printed by `admin pg-check` with what is left)."""
    with pg.db.session() as s:
        findings = check(s, pg.names)
    unknown = [str(f) for f in findings if not f.known]
    assert unknown == []
    assert {f.table for f in findings if f.holds is Holds.CASE} == set()  # case data: all under RLS
    assert {f.table for f in findings} <= set(KNOWN_GAPS)
    code = main(["--db", pg.url, "admin", "--role-prefix", pg.names.prefix, "pg-check"])
    out, _err = capsys.readouterr()
    assert code == 0 and "检查完毕" in out
    with pg.db.session() as s:  # the check sees a hole when one is opened
        s.execute(text("ALTER TABLE case_watch DISABLE ROW LEVEL SECURITY"))
        opened = [f for f in check(s, pg.names) if f.table == "case_watch"]
        s.rollback()
    assert opened and not opened[0].known
    for breach in ("ALTER TABLE cases DISABLE TRIGGER trg_cases_workflow",  # the workflow check off, or older
                   "CREATE OR REPLACE FUNCTION gc_cases_workflow_check() RETURNS trigger LANGUAGE plpgsql "
                   "AS $$ BEGIN RETURN NULL; END $$"):  # fmt: skip
        with pg.db.session() as s:
            s.execute(text(breach))
            found = [str(f) for f in check(s, pg.names) if f.table == "cases"]
            s.rollback()
        assert len(found) == 1 and "admin pg-provision" in found[0], breach


# --- class 4: personal data only through masking and audited reveal ---------------------------------------

PHONE = "13912348765"


def _personal_setup(pg: Setup) -> None:
    """The env case carries a reporter's phone and 行政执法中队 co-operates on it; a second staff member with a
    phone works in grid 2 (outside the grid worker's subtree)."""
    from datetime import date

    from console.domain import GridRole
    from console.models import GridAssignment, Person

    with pg.db.session() as s:
        s.execute(
            text("UPDATE cases SET reporter_phone = :p WHERE id = :id"), {"p": PHONE, "id": pg.env_case}
        )
        s.execute(text("INSERT INTO case_co_department (case_id, department_id) VALUES (:c, :d)"),
                  {"c": pg.env_case, "d": pg.ref.law})  # fmt: skip
        other = Person(name="李秀英", phone="13700001111", active=True)
        s.add(other)
        s.flush()
        s.add(GridAssignment(grid_id=pg.ref.grid2, person_id=other.id, role=GridRole.WORKER,
                             start_date=date(2025, 1, 1)))  # fmt: skip
        s.commit()


def _reveals(pg: Setup, key: str, *, success: bool = True) -> int:
    with pg.connect("aud") as conn:
        count = scalar(conn, "SELECT count(*) FROM audit_log WHERE event = 'reveal' AND login = %s AND success = %s",
                       (pg.logins[key], success))  # fmt: skip
    assert isinstance(count, int)
    return count


def _refused(conn: psycopg.Connection, sql: str, params: tuple[object, ...]) -> tuple[object, list[str]]:
    """A reveal the server refuses: no error (it would roll the audit row back), what the caller may see, and
    the WARNING that says why."""
    warnings: list[str] = []
    conn.add_notice_handler(lambda d: warnings.append(f"{d.severity_nonlocalized}: {d.message_primary}"))
    rows = conn.execute(sql, params).fetchall()  # type: ignore[arg-type]
    return [r[0] for r in rows] if len(rows) != 1 else rows[0][0], warnings


def test_phones_are_not_readable_from_the_tables(pg: Setup) -> None:
    """Staff phones were readable to handlers and the administrators, the reporter's phone to a co-operating
    department: no console role reads either column directly any more."""
    add_sysadmin(pg)
    _personal_setup(pg)
    for key in ("env", "law", "gw", "disp", "sec", "aud", "sys"):
        with pg.connect(key) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("SELECT phone FROM person")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("SELECT id FROM person WHERE phone LIKE '138%'")  # no probing through a WHERE
            names = 0 if key in ("sec", "aud") else 2  # names as each post's screens need (`pg_staff`)
            assert conn.execute("SELECT count(name) FROM person").fetchone() == (names,)
    for key in ("env", "law", "disp"):
        with pg.connect(key) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("SELECT reporter_phone FROM cases")
            assert conn.execute(
                "SELECT count(summary) FROM cases WHERE id = %s", (pg.env_case,)
            ).fetchone() == (1,)
    with pg.db.session() as s:  # the catalogue sees a personal column opened again
        assert [f for f in check(s, pg.names) if "." in f.table] == []
        s.execute(text(f'GRANT SELECT (phone) ON person TO "{pg.names.user}"'))
        opened = [f for f in check(s, pg.names) if f.table == "person.phone"]
        s.rollback()
    assert opened and not opened[0].known


def test_the_reporters_phone_is_masked_and_revealed_only_to_the_lead_department_with_an_audit_row(
    pg: Setup,
) -> None:
    _personal_setup(pg)
    with pg.connect("law") as conn:  # co-operating: sees the case, the phone masked, no reveal
        assert scalar(conn, "SELECT gc_case_reporter_phone(%s)", (pg.env_case,)) == "139****8765"
        shown, warnings = _refused(conn, "SELECT gc_case_reporter_phone(%s, true)", (pg.env_case,))
        assert shown == "139****8765" and any("不能查看" in w and w.startswith("WARNING") for w in warnings)
    with pg.connect("gw") as conn:  # the grid worker of grid 1 may (GRID scope)
        scalar(
            conn, "SELECT gc_case_reporter_phone(%s, true)", (pg.env_case,)
        )  # audited, masked (test_security_reveal)
        assert scalar(conn, "SELECT gc_case_reporter_phone(%s, true)", (pg.env_case,)) == PHONE
    with pg.connect("env") as conn:  # lead department: full, audited
        scalar(
            conn, "SELECT gc_case_reporter_phone(%s, true)", (pg.env_case,)
        )  # audited, masked (test_security_reveal)
        assert scalar(conn, "SELECT gc_case_reporter_phone(%s, true)", (pg.env_case,)) == PHONE
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a case they do not see: not even masked
            conn.execute("SELECT gc_case_reporter_phone(%s)", (pg.law_case,))
        assert (
            _refused(conn, "SELECT gc_case_reporter_phone(%s, true)", (pg.law_case,))[0] is None
        )  # nor revealed
    with pg.connect("sec") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT gc_case_reporter_phone(%s)", (pg.env_case,))
    assert _reveals(pg, "env") == 1 and _reveals(pg, "gw") == 1 and _reveals(pg, "law") == 0
    # every refused attempt is audited as a failed reveal
    assert _reveals(pg, "law", success=False) == 1 and _reveals(pg, "env", success=False) == 1


def test_staff_phones_are_masked_and_revealed_only_within_the_post_with_an_audit_row(pg: Setup) -> None:
    add_sysadmin(pg)
    _personal_setup(pg)
    sql = "SELECT o_phone FROM gc_grid_staff_phones(%s, %s)"
    with pg.connect("gw") as conn:
        conn.execute(
            sql, (pg.ref.grid, True)
        )  # audited, masked; the second reveal shows it (test_security_reveal)
        assert [r[0] for r in conn.execute(sql, (pg.ref.grid, True))] == ["13812345678"]
        assert [r[0] for r in conn.execute(sql, (pg.ref.grid2, False))] == ["137****1111"]
        shown, warnings = _refused(conn, sql, (pg.ref.grid2, True))  # outside their subtree: masked, audited
        assert shown == "137****1111" and any("不能查看" in w for w in warnings)
    for key in ("env", "sys", "sec", "aud"):  # handlers and administrators: masked only
        with pg.connect(key) as conn:
            assert [r[0] for r in conn.execute(sql, (pg.ref.grid, False))] == ["138****5678"]
            assert _refused(conn, sql, (pg.ref.grid, True))[0] == "138****5678"
    with pg.connect("disp") as conn:
        conn.execute(sql, (pg.ref.grid2, True))  # audited, masked
        assert [r[0] for r in conn.execute(sql, (pg.ref.grid2, True))] == ["13700001111"]
    assert _reveals(pg, "gw") == 1 and _reveals(pg, "disp") == 1
    assert all(_reveals(pg, key, success=False) == 1 for key in ("gw", "env", "sys", "sec", "aud"))


def test_a_reveal_only_the_server_refuses_is_audited_and_refused_in_the_console(pg: Setup) -> None:
    """The console asks the server when its own rule allows a reveal; when the server alone refuses (the two
    rules disagree, or the console was told a wrong scope), the refusal used to roll its audit row back."""
    from console.security.masking import MaskPolicy, reveal_value
    from console.security.posts import CaseScope

    _personal_setup(pg)
    law = pg.app_db("law")
    forged = MaskPolicy(True, None, "案件", CaseScope(grid_code=pg.ref.grid_code, lead_department_id=pg.ref.law),
                        pg.env_case)  # fmt: skip
    with pytest.raises(PermissionDenied, match="不能查看"):
        reveal_value(law, pg.logins["law"], "139****8765", "反映人电话", forged)
    law.dispose()
    assert _reveals(pg, "law", success=False) == 1 and _reveals(pg, "law") == 0


def test_a_reveal_rolled_back_on_psql_still_reaches_the_server_log(pg: Setup) -> None:
    """PostgreSQL has no autonomous transaction: a psql user may reveal inside a transaction and roll the audit
    row back, which now shows the number masked only (test_security_reveal). The attempt also reaches the server
    log, which a ROLLBACK does not take back."""
    _personal_setup(pg)
    start = _server_log_size(pg)
    with pg.connect("env") as conn:
        conn.execute("BEGIN")
        assert scalar(conn, "SELECT gc_case_reporter_phone(%s, true)", (pg.env_case,)) == "139****8765"
        conn.execute("ROLLBACK")
    assert _reveals(pg, "env") == 0
    psycopg.connect(pg.conninfo("env"), autocommit=True).close()  # a connection later: the log is flushed
    log = _server_log_since(pg, start)
    assert f"gridconsole reveal: login={pg.logins['env']}" in log and PHONE not in log


def test_the_server_masks_as_the_console_does(pg: Setup) -> None:
    from console.security.personal import mask_phone

    with pg.connect("env") as conn:
        for phone in ("13812345678", "138 1234 5678", "0371-67891234", "0371-123", "67891234", "12345", ""):
            assert scalar(conn, "SELECT gc_mask_phone(%s)", (phone,)) == mask_phone(phone), phone


def test_the_console_reads_and_reveals_through_the_server_as_each_post(pg: Setup) -> None:
    """The console on a person's own login: the case view and the grid panel show masked phones, the reveal
    returns the full one (audited by the server), a co-operating department is refused."""
    from console.grid_reads import load_grid_panel, reveal_grid_panel
    from console.security.masking import reveal_value
    from console.workflow.case_view import load_case_view

    _personal_setup(pg)
    env = pg.app_db("env")
    with env.session() as s:
        data = load_case_view(s, pg.env_case, pg.logins["env"])
    assert data.detail.reporter_phone == "139****8765" and data.privacy.may_reveal
    assert (
        reveal_value(env, pg.logins["env"], data.detail.reporter_phone, "反映人电话", data.privacy) == PHONE
    )
    assert _reveals(pg, "env") == 1
    env.dispose()
    law = pg.app_db("law")
    with law.session() as s:
        data = load_case_view(s, pg.env_case, pg.logins["law"])
    assert data.detail.reporter_phone == "139****8765" and not data.privacy.may_reveal
    with pytest.raises(PermissionDenied):
        reveal_value(law, pg.logins["law"], data.detail.reporter_phone, "反映人电话", data.privacy)
    law.dispose()
    gw = pg.app_db("gw")
    with gw.session() as s:
        panel = load_grid_panel(s, pg.ref.grid_code, pg.logins["gw"])
    assert [p.phone for p in panel.posts] == ["138****5678"] and panel.privacy.may_reveal
    full = reveal_grid_panel(gw, pg.logins["gw"], panel)
    assert [p.phone for p in full.posts] == ["13812345678"]
    assert _reveals(pg, "gw") == 1
    gw.dispose()


# --- class 4: staff and accounts, each post the rows its screens need (`pg_staff`) --------------------------


def _staff_setup(pg: Setup) -> dict[str, int]:
    """Beside 王建国 (环保办, grid 1 staff): 赵明 of 环保办, made responsible for the env case; 孙强 of 行政执法中队,
    neither grid staff nor responsible for anything; 李秀英, grid 2 staff of no department."""
    from console.models import Person

    with pg.db.session() as s:
        people = {name: Person(name=name, department_id=dep, active=True)
                  for name, dep in (("赵明", pg.ref.env), ("孙强", pg.ref.law), ("李秀英", None))}  # fmt: skip
        s.add_all(people.values())
        s.flush()
        s.execute(text("INSERT INTO grid_assignment (grid_id, person_id, role, start_date) "
                       "VALUES (:g, :p, 'worker', '2025-01-01')"), {"g": pg.ref.grid2, "p": people["李秀英"].id})  # fmt: skip
        s.execute(text("UPDATE cases SET responsible_person_id = :p WHERE id = :c"),
                  {"p": people["赵明"].id, "c": pg.env_case})  # fmt: skip
        s.commit()
        return {name: p.id for name, p in people.items()}


def test_staff_and_accounts_are_read_by_each_post_as_its_screens_need(pg: Setup) -> None:
    """Every console role read every login, post and staff name: now each person reads their own account and
    posts, the administrators who list users read them all, and the staff rows follow `STAFF_RULES`."""
    add_sysadmin(pg)
    _staff_setup(pg)
    every = {"王建国", "赵明", "孙强", "李秀英"}
    seen = {
        "disp": every, "sys": every,  # the center, and the staff's maintainer
        "env": {"王建国", "赵明", "李秀英"},  # their department, the grid staff, their cases' 办理人
        "law": {"王建国", "孙强", "李秀英"},
        "gw": {"王建国", "赵明", "李秀英"},  # the grid staff, the 办理人 of the cases in their grid
        "sec": set(), "aud": set(),  # no case content, no staff list
    }  # fmt: skip
    for key, names in seen.items():
        with pg.connect(key) as conn:
            assert {r[0] for r in conn.execute("SELECT name FROM person")} == names, key
            logins = {r[0] for r in conn.execute("SELECT login FROM app_user")}
            posts = conn.execute("SELECT count(*) FROM user_post").fetchone()
            if key in ("sys", "sec", "aud"):  # the user list
                assert logins == set(pg.logins.values()), key
                assert posts == (len(pg.logins),)
            else:
                assert logins == {pg.logins[key]}, key
                assert posts == (1,)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("UPDATE app_user SET name = 'x'")


def test_the_console_reads_staff_and_accounts_as_each_post(pg: Setup) -> None:
    """The console on each post's own login keeps working: who the user is and what they hold, the case view's
    办理人, the grid panel's staff, the administrators' user list."""
    from console.grid_reads import load_grid_panel
    from console.security.administration import load_admin
    from console.security.posts import load_principal
    from console.workflow.case_view import load_case_view

    add_sysadmin(pg)
    _staff_setup(pg)
    for key in ("disp", "env", "law", "gw", "sec", "aud", "sys"):
        db = pg.app_db(key)
        with db.session() as s:
            me = load_principal(s, pg.logins[key])
            assert me is not None and len(me.posts) == 1, key
            if key in ("disp", "env", "gw"):
                assert load_case_view(s, pg.env_case, pg.logins[key]).detail.responsible_person == "赵明"
            if key in ("disp", "env", "law", "gw"):
                panel = load_grid_panel(s, pg.ref.grid2_code, pg.logins[key])
                assert [p.person for p in panel.posts] == ["李秀英"], key
            if key in ("sys", "sec", "aud"):
                assert {u.login for u in load_admin(s, pg.logins[key]).users} == set(pg.logins.values())
        db.dispose()


def test_the_responsible_people_a_post_reads_follow_each_change_of_a_case(pg: Setup) -> None:
    """`person`'s policy reads the responsible people of the cases a post sees from a kept set
    (`case_handler_reach`, migration 0020): a person becomes readable, and stops being so, as soon as a case's
    responsible person, lead department, grid or co-departments change, and the set stays its recount."""
    ids = _staff_setup(pg)

    def reads(key: str) -> bool:  # does the post read 孙强 (行政执法中队, no grid post)?
        with pg.connect(key) as conn:
            row = conn.execute("SELECT count(*) FROM person WHERE id = %s", (ids["孙强"],)).fetchone()
            return row == (1,)

    def change(sql: str, **params: object) -> None:
        with pg.db.session() as s:
            s.execute(text(sql), params)
            s.commit()
        with pg.db.session() as s:
            kept = "SELECT responsible_person_id, lead_department_id, grid_code, reported_by, updated_by"
            held = s.execute(text(f"{kept}, n FROM case_handler_reach WHERE n > 0 ORDER BY 1, 2, 3, 4, 5"))
            counted = s.execute(text(f"{kept}, count(*) FROM cases WHERE responsible_person_id IS NOT NULL "
                                     "GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5")).all()  # fmt: skip
            assert held.all() == counted, sql

    assert not reads("env") and not reads("gw")
    change("UPDATE cases SET responsible_person_id = :p WHERE id = :c", p=ids["孙强"], c=pg.law_case)
    assert not reads("env") and not reads("gw")  # 行政执法中队's case, in grid 2
    change("UPDATE cases SET grid_code = :g WHERE id = :c", g=pg.ref.grid_code, c=pg.law_case)
    assert reads("gw") and not reads("env")  # now in the grid worker's grid
    change("UPDATE cases SET grid_code = :g WHERE id = :c", g=pg.ref.grid2_code, c=pg.law_case)
    assert not reads("gw")
    change("UPDATE cases SET lead_department_id = :d WHERE id = :c", d=pg.ref.env, c=pg.law_case)
    assert reads("env") and not reads("gw")  # now 环保办's case
    change("UPDATE cases SET lead_department_id = :d WHERE id = :c", d=pg.ref.law, c=pg.law_case)
    assert not reads("env")
    change("INSERT INTO case_co_department VALUES (:c, :d)", c=pg.law_case, d=pg.ref.env)
    assert reads("env")  # 环保办 co-operates on it
    change("DELETE FROM case_co_department WHERE case_id = :c", c=pg.law_case)
    assert not reads("env")
    change("UPDATE cases SET responsible_person_id = NULL WHERE id = :c", c=pg.law_case)
    change("UPDATE cases SET responsible_person_id = :p WHERE id = :c", p=ids["孙强"], c=pg.env_case)
    assert reads("env") and reads("gw")  # now the 办理人 of 环保办's case in grid 1
    change("UPDATE cases SET responsible_person_id = :p WHERE id = :c", p=ids["赵明"], c=pg.env_case)
    assert not reads("env") and not reads("gw") and reads("law")  # 行政执法中队 reads its own people


def test_a_stale_kept_set_is_found_by_pg_check_and_rebuilt_by_pg_provision(pg: Setup) -> None:
    """A bulk write past the kept set's triggers hides a responsible person from the posts that should read
    them: `admin pg-check` says so, and `admin pg-provision` recounts the set."""
    from console.security import pg_roles

    ids = _staff_setup(pg)

    def stale() -> list[str]:
        with pg.db.session() as s:
            return [str(f) for f in check(s, pg.names) if f.table == "case_handler_reach"]

    def reads_sun() -> bool:
        with pg.connect("env") as conn:
            return conn.execute("SELECT count(*) FROM person WHERE id = %s", (ids["孙强"],)).fetchone() == (
                1,
            )

    assert stale() == [] and not reads_sun()
    for sql in (  # as a load in replica mode would: the case changes, the set does not
        "ALTER TABLE cases DISABLE TRIGGER trg_case_handler_reach_update",
        "UPDATE cases SET responsible_person_id = :p WHERE id = :c",
        "ALTER TABLE cases ENABLE TRIGGER trg_case_handler_reach_update",
    ):
        with pg.db.session() as s:
            s.execute(text(sql), {"p": ids["孙强"], "c": pg.env_case} if ":p" in sql else {})
            s.commit()
    assert not reads_sun()  # 环保办's case names him, but the set has not heard
    found = stale()
    assert len(found) == 1 and "2 处" in found[0] and "admin pg-provision" in found[0]
    with pg.db.session() as s:
        pg_roles.provision(s, pg.names)
        s.commit()
    assert stale() == [] and reads_sun()


# --- class 3: passwords changed outside gc_change_password ------------------------------------------------

FAKE_ARGON = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"


def _server_log_since(pg: Setup, offset: int) -> str:
    """The server log written since `offset` (read as the superuser: Debian's cluster log, or the collector's)."""
    with pg.db.session() as s:
        path = _server_log_path(s)
        return str(s.scalar(text("SELECT pg_read_file(:p, :o, 10000000)"), {"p": path, "o": offset}) or "")


def _server_log_size(pg: Setup) -> int:
    with pg.db.session() as s:
        return int(s.scalar(text("SELECT (pg_stat_file(:p)).size"), {"p": _server_log_path(s)}) or 0)


def _server_log_path(s: object) -> str:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    current = s.scalar(text("SELECT pg_current_logfile()"))
    if current:
        directory = s.scalar(text("SELECT current_setting('data_directory')"))
        return current if str(current).startswith("/") else f"{directory}/{current}"
    cluster = str(s.scalar(text("SELECT current_setting('cluster_name')")))  # Debian: '15/main'
    assert cluster, "the server log cannot be found: neither logging_collector nor a Debian cluster name"
    return f"/var/log/postgresql/postgresql-{cluster.replace('/', '-')}.log"


def test_a_refused_password_change_leaves_no_clear_password_in_the_server_log(pg: Setup) -> None:
    """psql sends literals: a refused `gc_change_password('…')` used to log its statement, password included."""
    marker = "weakZq7"  # too short: refused
    start = _server_log_size(pg)
    with pg.connect("env") as conn:
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(f"SELECT gc_change_password('{marker}', '{FAKE_ARGON}')")
        with pytest.raises(psycopg.errors.CheckViolation):  # the reuse/strength refusal of a longer one too
            conn.execute(f"SELECT gc_change_password('{marker}{pg.logins['env']}', '{FAKE_ARGON}')")
    conn2 = psycopg.connect(pg.conninfo("env"), autocommit=True)
    conn2.close()  # a connection later, so the server has flushed its log lines
    log = _server_log_since(pg, start)
    assert "密码不符合要求" in log or "gc_change_password" in log or "ERROR" in log  # the refusal is logged…
    assert marker not in log  # …without the password


def test_a_person_cannot_extend_their_password_expiry_and_a_psql_change_keeps_it(pg: Setup) -> None:
    env = pg.logins["env"]
    with pg.db.session() as s:
        s.execute(text(f"ALTER ROLE \"{env}\" VALID UNTIL '2027-01-01 00:00:00+08'"))
        s.commit()
    with pg.connect("env") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"ALTER ROLE \"{env}\" VALID UNTIL 'infinity'")
        conn.execute(f"ALTER ROLE \"{env}\" PASSWORD 'Another#Pass9'")  # possible (documented), but…
    with pg.db.session() as s:
        until = s.scalar(text("SELECT rolvaliduntil FROM pg_roles WHERE rolname = :r"), {"r": env})
    from datetime import datetime, timedelta, timezone

    assert until == datetime(2027, 1, 1, tzinfo=timezone(timedelta(hours=8)))  # …the expiry stays


def test_the_gate_refuses_once_its_password_was_changed_by_a_seat(pg: Setup) -> None:
    """Whoever knew the gate's password changed it and failures stopped being counted on every seat: the gate
    now refuses every call until `pg-provision` seals its password again, and the console refuses the login."""
    from console.security import login as auth
    from console.security import pg_roles
    from console.security.users import LoginFailed

    gate = pg.names.gate
    with pg.connect(gate) as conn:
        assert scalar(conn, "SELECT gc_login_gate(%s)", (pg.logins["env"],)) is None
        conn.execute(f"ALTER ROLE \"{gate}\" PASSWORD 'Taken#Over2026'")
        with pytest.raises(psycopg.Error, match="闸门"):
            conn.execute("SELECT gc_login_gate(%s)", (pg.logins["env"],))
        with pytest.raises(psycopg.Error, match="闸门"):
            conn.execute("SELECT gc_login_failed(%s, 'seat')", (pg.logins["env"],))
    with pytest.raises(LoginFailed, match="闸门"):
        auth.pg_login(pg.url, pg.logins["env"], "wrong", pg.names)
    with pg.db.session() as s:  # the administrator seals the gate's (new) password again
        pg_roles.provision(s, pg.names)
    with pg.connect(gate) as conn:
        assert scalar(conn, "SELECT gc_login_gate(%s)", (pg.logins["env"],)) is None


def test_pg_provision_says_what_postgresql_conf_needs(pg: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", pg.url, "admin", "--role-prefix", pg.names.prefix, "pg-provision"])
    out, _err = capsys.readouterr()
    assert code == 0
    with pg.db.session() as s:
        preload = str(s.scalar(text("SHOW shared_preload_libraries")))
    if "passwordcheck" not in preload:
        assert "shared_preload_libraries" in out and "passwordcheck" in out and "postgresql.conf" in out


# --- class 2: writes to cases go through the workflow on the server too -----------------------------------

#: the server's clock as the console records moments (China Standard Time, whole seconds)
_NOW = "(now() AT TIME ZONE 'Asia/Shanghai')::timestamp(0)"
_HISTORY = ("INSERT INTO case_history (case_id, at, actor, action, from_status, to_status, changes, note, visibility) "
            f"VALUES (%s, {_NOW}, 'x', %s, %s, %s, '{{}}', '', 'internal')")  # fmt: skip


def _stated_row(
    case_id: int,
    action: str,
    from_status: str,
    to_status: str,
    *,
    stamped: tuple[str, ...] = (),
    at: str = _NOW,
    **values: object,
) -> tuple[str, tuple[object, ...]]:
    """A history row as the console writes it: at the server's moment `at`, its `changes` stating the status,
    each moment column in `stamped` set to `at`, and `values` — what an honest psql session has to write."""
    sql = ("INSERT INTO case_history (case_id, at, actor, action, from_status, to_status, changes, note, visibility) "
           f"VALUES (%s, {at}, 'x', %s, %s, %s, (%s::jsonb || jsonb_build_object('status', jsonb_build_array(%s::text, %s::text))"
           f" || (SELECT coalesce(jsonb_object_agg(c, jsonb_build_array(NULL, to_char({at}, 'YYYY-MM-DD HH24:MI:SS'))),"
           " '{}'::jsonb) FROM unnest(%s::text[]) c))::text, '', 'internal')")  # fmt: skip
    stated = json.dumps({k: [None, v] for k, v in values.items()})
    return sql, (case_id, action, from_status, to_status, stated, from_status, to_status, list(stamped))


def _commit_refused(conn: psycopg.Connection, *statements: tuple[str, tuple[object, ...]]) -> None:
    with pytest.raises(psycopg.errors.RaiseException, match="流程"):
        with conn.transaction():
            for sql, params in statements:
                conn.execute(sql, params)  # type: ignore[arg-type]


def test_an_update_of_a_case_without_its_workflow_history_is_refused_at_commit(pg: Setup) -> None:
    """A handler's UPDATE on psql wrote no history row, and an inspector set a case to 已结案: now a console
    role's UPDATE of `cases` must come with a history row of a permitted action in the same transaction."""
    bump = "UPDATE cases SET summary = 'x', version = version + 1 WHERE id = %s"
    close = "UPDATE cases SET status = 'closed', version = version + 1 WHERE id = %s"
    sign = "UPDATE cases SET status = 'in_progress', version = version + 1 WHERE id = %s"
    with pg.connect("env") as conn:
        _commit_refused(conn, (bump, (pg.env_case,)))  # no history row
        _commit_refused(conn, (close, (pg.env_case,)),  # not their action, not from this status
                        (_HISTORY, (pg.env_case, "close", "dispatched", "closed")))  # fmt: skip
        _commit_refused(conn, (sign, (pg.env_case,)),  # the status the row says is not the one set
                        (_HISTORY, (pg.env_case, "sign", "dispatched", "feedback")))  # fmt: skip
        _commit_refused(conn, ("UPDATE cases SET status = 'in_progress' WHERE id = %s", (pg.env_case,)),
                        (_HISTORY, (pg.env_case, "sign", "dispatched", "in_progress")))  # version kept  # fmt: skip
    with pg.connect("gw") as conn:  # a grid worker may not sign
        _commit_refused(
            conn, (sign, (pg.env_case,)), (_HISTORY, (pg.env_case, "sign", "dispatched", "in_progress"))
        )
    with pg.connect("disp") as conn:
        assert conn.execute("SELECT status, summary FROM cases WHERE id = %s", (pg.env_case,)).fetchone() == (
            "dispatched",
            "楼院门口垃圾堆积",
        )
    with pg.connect("env") as conn:  # the lead department signs: the action, its statuses, the version
        with conn.transaction():
            conn.execute(sign, (pg.env_case,))
            conn.execute(*_stated_row(pg.env_case, "sign", "dispatched", "in_progress"))  # type: ignore[arg-type]
        assert scalar(conn, "SELECT status FROM cases WHERE id = %s", (pg.env_case,)) == "in_progress"


def test_an_action_changes_only_the_fields_its_handler_writes(pg: Setup) -> None:
    """A handler who signed could rewrite the summary, address or reporter in the same UPDATE, and a dispatcher
    the reporter's phone with a dispatch: the server now refuses any column the action's record does not list
    (`ActionSpec.writes`)."""
    sign = f"UPDATE cases SET status = 'in_progress', signed_at = {_NOW}, version = version + 1{{}} WHERE id = %s"
    sign_row = _stated_row(pg.env_case, "sign", "dispatched", "in_progress", stamped=("signed_at",))
    with pg.connect("env") as conn:
        for extra in (", summary = '已处理完毕'", ", address = '别处'", ", reporter_name = '张三'"):
            with pytest.raises(psycopg.errors.RaiseException, match="“签收”不能修改字段"):
                with conn.transaction():
                    conn.execute(sign.format(extra), (pg.env_case,))  # type: ignore[arg-type]
                    conn.execute(*sign_row)  # type: ignore[arg-type]
        with conn.transaction():  # signing alone passes
            conn.execute(sign.format(""), (pg.env_case,))  # type: ignore[arg-type]
            conn.execute(*sign_row)  # type: ignore[arg-type]
    with pg.connect("disp") as conn:
        assert conn.execute(
            "SELECT status, summary, address FROM cases WHERE id = %s", (pg.env_case,)
        ).fetchone() == ("in_progress", "楼院门口垃圾堆积", "")
    svc = CaseService(pg.db, pg.logins["disp"])  # a case waiting for dispatch
    ref = svc.report(ReportInput(grid=pg.ref.grid_code, category=pg.ref.cat_env, summary="楼道堆放杂物"))
    ref = svc.act(ref.id, Accept(), ref.version)
    dispatch = ("UPDATE cases SET status = 'dispatched', lead_department_id = %s, dispatched_at = " + _NOW
                + ", version = version + 1{} WHERE id = %s")  # fmt: skip
    dispatch_row = _stated_row(
        ref.id,
        "dispatch",
        "accepted",
        "dispatched",
        stamped=("dispatched_at",),
        lead_department_id=pg.ref.env,
    )
    with pg.connect("disp") as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="“派遣”不能修改字段 reporter_phone"):
            with conn.transaction():
                conn.execute(dispatch.format(", reporter_phone = '13000000000'"), (pg.ref.env, ref.id))  # type: ignore[arg-type]
                conn.execute(*dispatch_row)  # type: ignore[arg-type]
        with conn.transaction():  # the dispatch itself passes
            conn.execute(dispatch.format(""), (pg.ref.env, ref.id))  # type: ignore[arg-type]
            conn.execute(*dispatch_row)  # type: ignore[arg-type]
        assert scalar(conn, "SELECT gc_case_reporter_phone(%s)", (ref.id,)) is None


def test_an_action_records_its_moments_by_the_servers_clock_and_states_what_it_changed(pg: Setup) -> None:
    """A handler on psql could sign with any `signed_at`, date the history row a day back, or change a column
    the history row does not mention: the moments are now the history row's, that row's moment is the server's
    (within `CLOCK_TOLERANCE`), and `changes` states every tracked column the UPDATE changed."""
    sign = "UPDATE cases SET status = 'in_progress', signed_at = {}, version = version + 1 WHERE id = %s"
    honest = _stated_row(pg.env_case, "sign", "dispatched", "in_progress", stamped=("signed_at",))
    yesterday = f"({_NOW} - interval '1 day')"
    with pg.connect("env") as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="字段 signed_at 须为本次操作的时间"):
            with conn.transaction():  # a sign-for time of yesterday: the case would look signed on time
                conn.execute(sign.format(yesterday), (pg.env_case,))  # type: ignore[arg-type]
                conn.execute(*honest)  # type: ignore[arg-type]
        with pytest.raises(psycopg.errors.RaiseException, match="与服务器时间.*相差超过 5 分钟"):
            with conn.transaction():  # the whole step dated yesterday, history row and all
                conn.execute(sign.format(yesterday), (pg.env_case,))  # type: ignore[arg-type]
                conn.execute(*_stated_row(pg.env_case, "sign", "dispatched", "in_progress", stamped=("signed_at",),
                                          at=yesterday))  # type: ignore[arg-type]  # fmt: skip
        with pytest.raises(psycopg.errors.RaiseException, match="未如实写明字段 signed_at"):
            with conn.transaction():  # the history row keeps quiet about the sign-for time
                conn.execute(sign.format(_NOW), (pg.env_case,))  # type: ignore[arg-type]
                conn.execute(*_stated_row(pg.env_case, "sign", "dispatched", "in_progress"))  # type: ignore[arg-type]
        with conn.transaction():
            conn.execute(sign.format(_NOW), (pg.env_case,))  # type: ignore[arg-type]
            conn.execute(*honest)  # type: ignore[arg-type]
    svc = CaseService(pg.db, pg.logins["disp"])
    reported = svc.report(ReportInput(grid=pg.ref.grid_code, category=pg.ref.cat_env, summary="路灯不亮"))
    ref = svc.act(reported.id, Accept(), reported.version)
    dispatch = (f"UPDATE cases SET status = 'dispatched', lead_department_id = %s, dispatched_at = {_NOW}, "
                "due_at = '2027-01-31 17:00:00', version = version + 1 WHERE id = %s")  # fmt: skip
    with pg.connect("disp") as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="未如实写明字段 due_at"):
            with conn.transaction():  # a deadline of the dispatcher's choosing, left out of the record
                conn.execute(dispatch, (pg.ref.env, ref.id))
                conn.execute(*_stated_row(ref.id, "dispatch", "accepted", "dispatched", stamped=("dispatched_at",),
                                          lead_department_id=pg.ref.env, due_at="2027-01-30 17:00:00"))  # type: ignore[arg-type]  # fmt: skip
        with conn.transaction():  # stated, it stands, in the case's history under the dispatcher's name
            conn.execute(dispatch, (pg.ref.env, ref.id))
            conn.execute(*_stated_row(ref.id, "dispatch", "accepted", "dispatched", stamped=("dispatched_at",),
                                      lead_department_id=pg.ref.env, due_at="2027-01-31 17:00:00"))  # type: ignore[arg-type]  # fmt: skip
        assert scalar(conn, "SELECT changes::jsonb -> 'due_at' ->> 1 FROM case_history WHERE case_id = %s "
                            "AND action = 'dispatch'", (ref.id,)) == "2027-01-31 17:00:00"  # fmt: skip


def test_a_seat_keeps_the_servers_time(pg: Setup) -> None:
    """Moments are checked against the server's clock, so a seat counts time by the server's: each new
    connection measures the offset; a clock pinned by a test or the demo stays pinned."""
    from datetime import datetime, timedelta

    from console import clock

    machine = clock.now()
    clock.follow_server(machine + timedelta(hours=2))  # a seat two hours behind its server
    try:
        assert abs(clock.now() - (machine + timedelta(hours=2))) < timedelta(seconds=5)
        clock.set_clock(lambda: datetime(2026, 1, 5, 9, 0))
        assert clock.now() == datetime(2026, 1, 5, 9, 0)
        clock.set_clock(None)
        with (
            pg.db.session() as s
        ):  # a new connection measures again: this server runs on this machine's clock
            pg.db.engine.dispose()
            s.execute(text("SELECT 1"))
        assert abs(clock.server_offset()) < timedelta(seconds=5)
        assert abs(clock.now() - machine) < timedelta(seconds=60)
    finally:
        clock.follow_server(clock.now() - clock.server_offset())


def test_the_console_acts_on_its_own_login_through_the_check(pg: Setup) -> None:
    from console.workflow.commands import Feedback, Progress, Sign
    from console.workflow.service import CaseService

    env = pg.app_db("env")
    svc = CaseService(env, pg.logins["env"])
    with env.session() as s:
        version = s.scalar(text("SELECT version FROM cases WHERE id = :i"), {"i": pg.env_case})
    ref = svc.act(pg.env_case, Sign(), int(version))  # type: ignore[arg-type]
    ref = svc.act(ref.id, Progress(note="已联系环卫清运"), ref.version)
    ref = svc.act(ref.id, Feedback(result="垃圾已清运完毕"), ref.version)
    env.dispose()
    with pg.connect("disp") as conn:
        assert scalar(conn, "SELECT status FROM cases WHERE id = %s", (pg.env_case,)) == "feedback"


def test_the_server_check_is_rendered_from_the_action_registry() -> None:
    """Every action that writes a history row has its clause (statuses, posts) in the trigger; none is typed."""
    from console.security.pg_workflow import workflow_sql
    from console.workflow.actions import ACTIONS

    sql = workflow_sql()
    for action, spec in ACTIONS.items():
        clause = f"WHEN '{action.value}' THEN"
        if spec.command is None:
            assert clause not in sql
            continue
        assert clause in sql, action
        body = sql.split(clause, 1)[1].split("WHEN '", 1)[0]
        for status in spec.sources:
            assert f"'{status.value}'" in body, (action, status)
        for post in spec.posts:
            assert f"ARRAY['{post.value}']" in body, (action, post)
        if spec.target is not None:
            assert f"h.to_status = '{spec.target.value}'" in body, action
        writes = (
            sql.split("WHERE col <> ALL", 1)[1].split(clause, 1)[1].split("WHEN '", 1)[0].strip()
        )  # its columns
        listed = writes.removeprefix("ARRAY[").split("]")[0] if writes.startswith("ARRAY[") else ""
        assert sorted(c.strip(" '") for c in listed.split(",") if c.strip()) == sorted(spec.writes), action


_REPORTED = (
    "INSERT INTO cases (number, township_id, year, seq, grid_id, grid_code, category_id, severity, source, status,"
    " summary, description, address, people_involved, urgent, self_handled, self_handled_action, reported_by,"
    " reported_at, updated_at, updated_by, version, instructions, close_reason, result, governance_plan,"
    " rework_count, extension_count, supervise_count{cols})"
    " SELECT %s, township_id, year, %s, grid_id, grid_code, category_id, severity, source, %s, '楼道灯坏了', '', '', '',"
    f" false, false, '', 'x', {_NOW}, {_NOW}, 'x', 1, '', '', '', '', 0, 0, 0{{values}} FROM cases WHERE id = %s"
    " RETURNING id"
)


def _report(conn: psycopg.Connection, pg: Setup, seq: int, *, status: str = "reported", cols: str = "",
            values: str = "", history: bool = True) -> None:  # fmt: skip
    """Report a case on psql in one transaction, as `file_report` does (or not quite)."""
    with conn.transaction():
        sql = _REPORTED.format(cols=cols, values=values)
        row = conn.execute(sql, (f"2026-{seq:06d}", seq, status, pg.env_case)).fetchone()  # type: ignore[arg-type]
        assert row is not None
        if history:
            conn.execute(_HISTORY, (row[0], "report", None, "reported"))


def test_a_case_is_created_only_as_a_report_with_its_history_row(pg: Setup) -> None:
    """A grid worker inserted a case that was 已结案 from the start, with no history row, and the review counted
    its closure: a person's INSERT of a case is now a report — 待受理, version 1, nothing an action fills, stamped
    by the server's clock — with their `report` row in the same transaction."""
    with pg.connect("gw") as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="只能以“待受理”上报"):
            _report(conn, pg, 900001, status="closed", cols=", closed_at", values=f", {_NOW}")
        with pytest.raises(psycopg.errors.RaiseException, match="上报时不能填写字段 closed_at、close_type"):
            _report(conn, pg, 900002, cols=", closed_at, close_type", values=f", {_NOW}, 'resolved'")
        with pytest.raises(psycopg.errors.RaiseException, match="须有您的上报记录"):
            _report(conn, pg, 900003, history=False)
        _report(conn, pg, 900004)  # an honest report stands, as the console's does
        assert scalar(conn, "SELECT count(*) FROM cases WHERE seq >= 900000") == 1
    gw = pg.app_db("gw")
    ref = CaseService(gw, pg.logins["gw"]).report(
        ReportInput(grid=pg.ref.grid_code, category=pg.ref.cat_env, summary="楼道堆放杂物")
    )
    gw.dispose()
    with pg.connect("disp") as conn:
        assert scalar(conn, "SELECT status FROM cases WHERE id = %s", (ref.id,)) == "reported"


def test_a_history_row_stands_only_with_the_change_of_its_case(pg: Setup) -> None:
    """A handler appended a 结案 row and a 反馈 row to a case that never went through them, and the review counted
    a closure and an on-time feedback: a person's history row now stands only with its case's change in the same
    transaction, one row of theirs per case."""
    with pg.connect("env") as conn:
        _commit_refused(conn, (_HISTORY, (pg.env_case, "close", "dispatched", "closed")))
        _commit_refused(conn, (_HISTORY, (pg.env_case, "progress", "dispatched", "dispatched")))
        sign = f"UPDATE cases SET status = 'in_progress', signed_at = {_NOW}, version = version + 1 WHERE id = %s"
        with pytest.raises(psycopg.errors.RaiseException, match="只能有一条"):
            with conn.transaction():  # a real step, and a second row riding on it
                conn.execute(sign, (pg.env_case,))  # type: ignore[arg-type]
                conn.execute(
                    *_stated_row(pg.env_case, "sign", "dispatched", "in_progress", stamped=("signed_at",))
                )  # type: ignore[arg-type]
                conn.execute(_HISTORY, (pg.env_case, "feedback", "in_progress", "feedback"))
        with conn.transaction():  # the step alone stands
            conn.execute(sign, (pg.env_case,))  # type: ignore[arg-type]
            conn.execute(
                *_stated_row(pg.env_case, "sign", "dispatched", "in_progress", stamped=("signed_at",))
            )  # type: ignore[arg-type]
        assert scalar(conn, "SELECT count(*) FROM case_history WHERE case_id = %s AND action IN ('close', 'feedback')",
                      (pg.env_case,)) == 0  # fmt: skip


def test_a_step_stands_while_an_older_transaction_is_still_open(pg: Setup) -> None:
    """ "The same transaction" is asked of the row's xmin in the epoch of the snapshot's xmax: while a transaction
    that started earlier is still open, the caller's own id lies above xmax (this failed the console's steps under
    load, when "below xmax" put the caller's own rows an epoch back)."""
    sign = f"UPDATE cases SET status = 'in_progress', signed_at = {_NOW}, version = version + 1 WHERE id = %s"
    with pg.connect("disp") as older, pg.connect("env") as conn:
        older.execute("BEGIN")
        older.execute("SELECT txid_current()")  # holds an id below the handler's until the end
        with conn.transaction():
            conn.execute(sign, (pg.env_case,))  # type: ignore[arg-type]
            conn.execute(
                *_stated_row(pg.env_case, "sign", "dispatched", "in_progress", stamped=("signed_at",))
            )  # type: ignore[arg-type]
        older.execute("ROLLBACK")
        assert scalar(conn, "SELECT status FROM cases WHERE id = %s", (pg.env_case,)) == "in_progress"
