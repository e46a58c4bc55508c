"""A full phone only once the audit row of its reveal is committed (issue 15, PostgreSQL).

PostgreSQL has no autonomous transaction: `BEGIN; SELECT gc_case_reporter_phone(…, true); ROLLBACK;` used to show
the number and take its audit row back. Now a reveal shows the full number only when a committed audit row of
that reveal (same login, object and detail, within `pg_personal.REVEAL_WINDOW_MINUTES`) exists; otherwise it
writes the row and shows the number masked. Tried with plain psycopg connections as the person's own login."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from console.security.audit import SERVER_WRITTEN, AuditEvent
from console.security.catalogue import check
from console.security.pg_personal import PENDING_SETTING, REFUSED_SETTING, REVEAL_WINDOW_MINUTES
from tests.test_security_holes import PHONE, _personal_setup, _refused, _reveals
from tests.test_security_pg import Setup, scalar
from tests.test_security_pg import pg as _pg_fixture

pg = _pg_fixture

pytestmark = pytest.mark.pg

CASE = "SELECT gc_case_reporter_phone(%s, true)"
GRID = "SELECT o_phone FROM gc_grid_staff_phones(%s, true)"
MASKED = "139****8765"


def _notices(conn: psycopg.Connection) -> list[str]:
    seen: list[str] = []
    conn.add_notice_handler(lambda d: seen.append(f"{d.severity_nonlocalized}: {d.message_primary}"))
    return seen


def test_a_reveal_shows_the_full_number_only_once_its_audit_row_is_committed(pg: Setup) -> None:
    _personal_setup(pg)
    with pg.connect("env") as conn:
        notices = _notices(conn)
        conn.execute("BEGIN")  # the hole: reveal, read, roll the audit row back
        assert scalar(conn, CASE, (pg.env_case,)) == MASKED
        assert any("提交本事务后" in n for n in notices)
        assert scalar(conn, "SELECT current_setting(%s, true)", (PENDING_SETTING,))
        assert scalar(conn, CASE, (pg.env_case,)) == MASKED  # its own uncommitted row does not count
        conn.execute("SAVEPOINT s")  # nor a row of a released subtransaction (its xmin is not the top xid)
        assert scalar(conn, CASE, (pg.env_case,)) == MASKED
        conn.execute("RELEASE SAVEPOINT s")
        assert scalar(conn, CASE, (pg.env_case,)) == MASKED
        conn.execute("ROLLBACK")
        assert _reveals(pg, "env") == 0  # nothing was shown, nothing stays
        assert scalar(conn, CASE, (pg.env_case,)) == MASKED  # autocommit: the audit row is committed at once
        assert _reveals(pg, "env") == 1
        conn.execute("BEGIN")  # within the window the committed row covers the reads, rolled back or not
        assert scalar(conn, CASE, (pg.env_case,)) == PHONE
        assert not scalar(conn, "SELECT current_setting(%s, true)", (PENDING_SETTING,))
        conn.execute("ROLLBACK")
        assert scalar(conn, CASE, (pg.env_case,)) == PHONE
    assert _reveals(pg, "env") == 1
    with pg.connect("gw") as conn:  # the same for a grid's staff phones; another login's row covers nothing
        assert scalar(conn, CASE, (pg.env_case,)) == MASKED
        assert [r[0] for r in conn.execute(GRID, (pg.ref.grid,))] == ["138****5678"]
        assert [r[0] for r in conn.execute(GRID, (pg.ref.grid,))] == ["13812345678"]
    assert _reveals(pg, "gw") == 2


def test_an_audit_row_older_than_the_window_covers_no_reveal(pg: Setup) -> None:
    _personal_setup(pg)
    with pg.db.session() as s:  # the owner writes a row as the reveal would have, just outside the window
        number = s.scalar(text("SELECT number FROM cases WHERE id = :id"), {"id": pg.env_case})
        s.execute(text("INSERT INTO audit_log (at, login, host, event, object, success, detail) VALUES "
                       "((now() AT TIME ZONE 'Asia/Shanghai') - make_interval(mins => :m + 1), :l, '', 'reveal', "
                       ":o, true, '反映人电话')"),
                  {"m": REVEAL_WINDOW_MINUTES, "l": pg.logins["env"], "o": f"案件 {number}"})  # fmt: skip
        s.commit()
    with pg.connect("env") as conn:
        assert scalar(conn, CASE, (pg.env_case,)) == MASKED
        assert scalar(conn, CASE, (pg.env_case,)) == PHONE
    assert _reveals(pg, "env") == 2
    with pg.db.session() as s:  # `admin pg-check` reports a server still on reveal functions of before
        assert [f for f in check(s, pg.names) if f.table == "audit_log" and f.problem] == []
        s.execute(text("CREATE OR REPLACE FUNCTION gc_reveal_committed(p_login text, p_object text, p_what text) "
                       "RETURNS boolean LANGUAGE sql AS $$ SELECT true $$"))  # fmt: skip
        found = [str(f) for f in check(s, pg.names) if f.table == "audit_log" and f.problem]
        s.rollback()
    assert len(found) == 1 and "gc_reveal_committed" in found[0] and "admin pg-provision" in found[0]


def test_a_refused_reveal_is_still_audited_with_no_error_and_no_pending_reveal(pg: Setup) -> None:
    _personal_setup(pg)
    with pg.connect("law") as conn:  # co-operating department: sees the case, may not reveal
        for _ in range(2):
            conn.execute("BEGIN")
            shown, warnings = _refused(conn, CASE, (pg.env_case,))
            assert shown == MASKED and any(w.startswith("WARNING") and "不能查看" in w for w in warnings)
            assert scalar(conn, "SELECT current_setting(%s, true)", (REFUSED_SETTING,))
            assert not scalar(conn, "SELECT current_setting(%s, true)", (PENDING_SETTING,))
            conn.execute("COMMIT")
    assert _reveals(pg, "law", success=False) == 2 and _reveals(pg, "law") == 0


def test_the_console_reveals_in_one_call_with_exactly_one_audit_row(pg: Setup) -> None:
    """The console asks twice in transactions of its own (the first commits the audit row), apart from any open
    unit of work, whose pending changes it neither commits nor loses."""
    from console.grid_reads import load_grid_panel, reveal_grid_panel
    from console.security.masking import reveal_value
    from console.workflow.case_view import load_case_view

    _personal_setup(pg)
    env = pg.app_db("env")
    with env.session() as open_work:
        open_work.execute(text("INSERT INTO audit_log (at, login, host, event, object, success, detail) VALUES "
                               "(now(), '', '', 'marker', '', true, '')"))  # fmt: skip
        data = load_case_view(open_work, pg.env_case, pg.logins["env"])
        assert (
            reveal_value(env, pg.logins["env"], data.detail.reporter_phone, "反映人电话", data.privacy)
            == PHONE
        )
        open_work.rollback()
    assert _reveals(pg, "env") == 1
    env.dispose()
    gw = pg.app_db("gw")
    with gw.session() as s:
        panel = load_grid_panel(s, pg.ref.grid_code, pg.logins["gw"])
    assert [p.phone for p in reveal_grid_panel(gw, pg.logins["gw"], panel).posts] == ["13812345678"]
    gw.dispose()
    assert _reveals(pg, "gw") == 1
    with pg.connect("aud") as conn:
        assert scalar(conn, "SELECT count(*) FROM audit_log WHERE event = 'marker'") == 0


def test_a_person_cannot_write_the_audit_rows_the_server_writes_itself(pg: Setup) -> None:
    """Any console login may append audit rows (a print, an export) under its own name, but the rows the
    server's own functions write — a reveal, a failed login, a password change, a grant — only they can write:
    a forged `reveal` row would have shown the full number at the first call and a forged grant would stand
    in the record as done."""
    _personal_setup(pg)
    with pg.db.session() as s:
        number = f"案件 {s.scalar(text('SELECT number FROM cases WHERE id = :id'), {'id': pg.env_case})}"
    insert = ("INSERT INTO audit_log (at, login, host, event, object, success, detail) "
              "VALUES (now() - interval '1 day', %s, '', %s, %s, true, %s)")  # fmt: skip
    for event in sorted(SERVER_WRITTEN):
        with pg.connect("env") as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
                conn.execute(insert, (pg.logins["disp"], event.value, number, "反映人电话"))
            assert "只能由数据库" in str(refused.value)
    with pg.connect("env") as conn:
        assert scalar(conn, CASE, (pg.env_case,)) == MASKED  # no forged row covers the first reveal
        conn.execute(insert, (pg.logins["disp"], AuditEvent.PRINT.value, number, "整改台账"))
    with pg.connect("aud") as conn:  # the row stands under the writer's name, at the server's time
        login, recent = conn.execute(
            "SELECT login, at > (now() AT TIME ZONE 'Asia/Shanghai') - interval '1 minute' "
            "FROM audit_log WHERE event = 'print'"
        ).fetchone()  # type: ignore[misc]
    assert (login, recent) == (pg.logins["env"], True)
    assert _reveals(pg, "env") == 1


def test_the_server_written_events_are_those_the_definer_functions_write() -> None:
    """`SERVER_WRITTEN` names every event a server function writes (the trigger refuses them to a person)."""
    import importlib.util
    import re
    from pathlib import Path

    from console import security

    MIGRATIONS = Path(security.__file__).parents[1] / "migrations" / "versions"  # noqa: N806

    written: set[str] = set()
    for path in Path(security.__file__).parent.glob("pg_*.py"):
        for sql in re.findall(r"INSERT INTO audit_log[^;]*?;", path.read_text(encoding="utf-8"), re.S):
            written |= {e for e in re.findall(r"'([a-z_]+)'", sql) if e in {a.value for a in AuditEvent}}
    assert written == {e.value for e in SERVER_WRITTEN}
    spec = importlib.util.spec_from_file_location("m0018", MIGRATIONS / "0018_audit_rows_of_the_server.py")
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)  # the trigger refuses exactly these (a later change needs a migration)
    assert set(migration.SERVER_WRITTEN) == written
