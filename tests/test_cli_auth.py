"""On an embedded database with users, the command line proves who acts, as the window's login does."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, update

from console.cli.main import main
from console.db import Database, make_engine
from console.models import AppUser, CaseHistory
from console.security import users
from console.security.posts import Post
from tests.factories import seed_reference

PASSWORD = "Grid#2026ok"


@pytest.fixture
def secured(sqlite_url: str) -> tuple[str, str]:
    db = Database(make_engine(sqlite_url))
    ref = seed_reference(db)
    with db.session() as s:
        users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计管理员"))
        users.add_user(s, "sysadm", "disp1", "调度员甲", password=PASSWORD)
        users.grant_post(s, "secadm", "disp1", Post.DISPATCHER)
        s.execute(update(AppUser).where(AppUser.login == "disp1").values(must_change=False))
    return sqlite_url, ref.grid_code


def _report(capsys: pytest.CaptureFixture[str], url: str, grid: str) -> tuple[int, str, str]:
    code = main(["--db", url, "--user", "disp1", "--json", "case", "report", "--grid", grid,
                 "--category", "环境卫生", "--summary", "楼道堆放杂物"])  # fmt: skip
    out, err = capsys.readouterr()
    return code, out, err


def test_a_case_command_without_the_password_is_refused_and_writes_nothing(
    secured: tuple[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, grid = secured
    monkeypatch.delenv("GRIDCONSOLE_PASSWORD", raising=False)
    code, _, err = _report(capsys, url, grid)
    assert code == 2 and "GRIDCONSOLE_PASSWORD" in err and "Traceback" not in err
    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", "wrong-password-1")
    code, _, err = _report(capsys, url, grid)
    assert code == 2 and "用户名或密码错误" in err
    with Database(make_engine(url)).session() as s:
        assert s.scalar(select(func.count()).select_from(CaseHistory)) == 0


def test_the_right_password_acts_as_that_user(
    secured: tuple[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, grid = secured
    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", PASSWORD)
    code, out, err = _report(capsys, url, grid)
    assert code == 0, err
    number = json.loads(out)["number"]
    assert main(["--db", url, "--user", "disp1", "case", "accept", number]) == 0
    with Database(make_engine(url)).session() as s:
        assert set(s.scalars(select(CaseHistory.actor))) == {"disp1"}


def test_the_password_may_come_from_the_keyring(
    secured: tuple[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring

    from console.cli.common import LOGIN_KEYRING_SERVICE

    url, grid = secured
    monkeypatch.delenv("GRIDCONSOLE_PASSWORD", raising=False)
    keyring.set_password(LOGIN_KEYRING_SERVICE, "disp1", PASSWORD)
    try:
        code, _, err = _report(capsys, url, grid)
        assert code == 0, err
    finally:
        keyring.delete_password(LOGIN_KEYRING_SERVICE, "disp1")
