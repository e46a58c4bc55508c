"""The command line's error boundary: every failure is one Chinese sentence on stderr with the exit status of
its kind (2 refused, 3 database unusable, 1 a bug with its traceback in a masked log file), never a
traceback, never a file created or changed by mistake, never a secret or a phone number printed."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from console import faults
from console.cli.main import main
from console.db import Database, make_engine
from console.workflow.commands import Accept, Dispatch
from console.workflow.read import case_detail
from console.workflow.service import CaseService, ReportInput
from tests.conftest import pg_admin
from tests.factories import seed_reference

PHONE = "13912345678"
SECRET = "Sekr3t#Pass-2026"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert SECRET not in out + err and PHONE not in out + err  # never a secret or a phone, whatever failed
    return code, out, err


@pytest.fixture(autouse=True)
def known_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every failure here runs with a known password in the environment (and the bug test with a phone)."""
    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", SECRET)


def one_sentence(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "sqlalche.me" not in err and "Error" not in err, err
    return lines[0]


# --- files that are not databases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"hello, this is not a database\n" * 10, "不是 SQLite 数据库"), (b"", "是空文件")],
)
def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    for argv in (["queue"], ["db", "status"], ["case", "show", "2026-000001"]):
        code, _out, err = run(capsys, "--db", str(path), *argv)
        assert code == 3, (argv, err)
        assert expected in one_sentence(err) and "未做任何修改" in err
        assert path.read_bytes() == content, argv
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]  # no -wal, no -shm, no journal


def test_a_missing_database_file_is_not_created_by_reading_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "none.db"
    code, _out, err = run(capsys, "--db", str(path), "queue")
    assert code == 3 and "不存在" in one_sentence(err) and "db upgrade" in err
    assert not path.exists()
    code, _out, err = run(capsys, "--db", str(path), "db", "upgrade")  # creating one is this command's job
    assert code == 0, err
    assert path.exists()


def test_db_status_says_a_newer_database_is_newer(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    code, out, err = run(capsys, "--db", sqlite_url, "db", "status")
    assert code == 0, err
    assert "数据库比本程序新" in out and "程序过旧" not in out
    code, _out, err = run(capsys, "--db", sqlite_url, "queue")
    assert code == 3 and "比本程序新" in one_sentence(err)


# --- servers that cannot be used -----------------------------------------------------------------------------


def _pg(url_database: str | None = None, user: str | None = None, port: int | None = None) -> str:
    from tests.conftest import PG_ADMIN_URL

    u = make_url(PG_ADMIN_URL)
    return u.set(drivername="postgresql", database=url_database or u.database, username=user or u.username,
                 port=port or u.port).render_as_string(hide_password=False)  # fmt: skip


@pytest.mark.pg
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (lambda: _pg(port=1), "无法连接数据库"),
        (lambda: _pg(url_database="gc_no_such_database_x"), "没有名为“gc_no_such_database_x”的数据库"),
        (lambda: _pg(user="gc_no_such_role_x"), "没有登录名“gc_no_such_role_x”"),
    ],
)
def test_an_unusable_server_is_one_sentence_and_exit_3(
    capsys: pytest.CaptureFixture[str], url: Callable[[], str], expected: str
) -> None:
    code, _out, err = run(capsys, "--db", url(), "queue")
    assert code == 3, err
    sentence = one_sentence(err)
    assert expected in sentence and "未保存" in sentence


# --- files given to import ------------------------------------------------------------------------------------


@pytest.fixture
def township_url(sqlite_url: str) -> str:
    seed_reference(Database(make_engine(sqlite_url)))
    return sqlite_url


def test_import_of_a_folder_a_huge_cell_and_a_broken_xlsx_are_sentences(
    township_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cases.csv"
    folder.mkdir()
    huge = tmp_path / "huge.csv"
    huge.write_text("网格编码,问题类别,问题摘要\n410103001001001,环境卫生,\"" + "长" * 200_000 + "\n", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    for path, expected in ((folder, "是文件夹"), (huge, "超过 128 KB"), (broken, "不是有效的 Excel")):
        code, _out, err = run(capsys, "--db", township_url, "import", "cases", str(path))
        assert code == 2, (path, err)
        assert expected in one_sentence(err) and "未导入任何数据" in err


# --- bugs ------------------------------------------------------------------------------------------------------


def test_a_bug_writes_a_masked_log_and_says_where(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(faults, "log_dir", lambda: tmp_path / "logs")
    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", SECRET)

    def broken(_args: object) -> int:
        raise RuntimeError(f"反映人 王某 电话 {PHONE} 身份证 110105199001011234 口令 {SECRET}")


    monkeypatch.setattr("console.cli.queue_cmd.run", broken)
    code = main(["--db", sqlite_url, "queue"])
    _out, err = capsys.readouterr()
    assert code == 1
    sentence = one_sentence(err)
    logs = list((tmp_path / "logs").glob("error-*.log"))
    assert len(logs) == 1 and str(logs[0]) in sentence
    logged = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError" in logged
    for secret in (PHONE, "110105199001011234", SECRET):
        assert secret not in logged and secret not in err
    assert "139****5678" in logged


def test_set_password_without_a_terminal_is_a_sentence(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _out, err = run(capsys, "--db", _pg(), "db", "set-password")
    assert code == 2
    assert "没有终端" in one_sentence(err) and "GetPassWarning" not in err


# --- a connection lost at any statement of an action ----------------------------------------------------------


@pytest.mark.pg
def test_a_connection_killed_at_any_statement_of_an_action_is_recognised_and_writes_nothing(pg_url: str) -> None:
    db = Database(make_engine(pg_url))
    ref = seed_reference(db)
    svc = CaseService(db, "disp")
    case = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="路灯损坏", reporter_phone=PHONE))
    case = svc.act(case.id, Accept(), case.version)
    statements: list[str] = []

    def count(_conn: object, _cur: object, statement: str, *_a: object) -> None:
        statements.append(statement)

    dry = Database(make_engine(pg_url))  # the action once, to learn how many statements it runs
    event.listen(dry.engine, "before_cursor_execute", count)
    try:
        CaseService(dry, "disp").act(case.id, Dispatch(lead_department_id=ref.env), case.version)
    finally:
        dry.dispose()
    total = len(statements)
    assert total >= 5, statements  # reads, the permission check, sequence fetches, inserts, the update
    for k in range(total):  # a fresh case in the same state for each point of failure
        fresh = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary=f"路灯损坏{k}"))
        fresh = svc.act(fresh.id, Accept(), fresh.version)
        doomed = Database(make_engine(pg_url, pool_pre_ping=False))
        seen = [0]

        def kill_at(conn: object, _cur: object, _statement: str, *_a: object, k: int = k, seen: list[int] = seen) -> None:
            if seen[0] == k:
                pid = conn.connection.driver_connection.info.backend_pid  # type: ignore[attr-defined]
                with pg_admin() as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            seen[0] += 1

        event.listen(doomed.engine, "before_cursor_execute", kill_at)
        with pytest.raises(Exception) as caught:
            CaseService(doomed, "disp").act(fresh.id, Dispatch(lead_department_id=ref.env), fresh.version)
        doomed.dispose()
        assert faults.is_connection_error(caught.value), (k, statements[k] if k < total else "", caught.value)
        fault = faults.describe(caught.value, log=False)
        assert fault.exit == faults.Exit.DATABASE and "未保存" in fault.sentence, (k, fault)
        assert PHONE not in fault.sentence
        with db.session() as s:
            assert case_detail(s, fresh.id).version == fresh.version, k  # nothing written
    db.dispose()
