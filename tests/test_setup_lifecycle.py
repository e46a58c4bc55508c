"""Issue 17 item 1: a township set up from an EMPTY database through the command line and imports only — no
demo code, no test factories — runs a case from report to evaluated, on SQLite and on PostgreSQL. The three
administrators are bootstrapped first, so every set-up command is checked against the 系统管理员's post like in
production; each person changes the initial password as the window makes them at first login.

On PostgreSQL every step after the deployment's own is the acting person's own login role (their
`postgresql://login@…` URL, as `gridconsole --db` takes it), so the server's grants and row-level security see
the real person: only `db upgrade`, `admin pg-provision` and `admin bootstrap` run as the database superuser,
because they create the schema, the roles and the first three logins (no person's login exists before them)."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from console.cli.main import main
from console.db import Database, make_engine
from console.models import Case, CaseHistory, CategoryVersion
from console.security import passwords, users
from console.security.login import ROLE_PREFIX_ENV, MustChangePassword, pg_login

PASSWORD = "Grid#2026ok"
TOWNSHIP = "410102006000000"
COMMUNITY = "410102006001000"
GRID = "410102006001001"


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    saved = passwords._HASHER
    passwords.use_cheap_hashing_for_tests()
    yield
    passwords._HASHER = saved


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


class Cli:
    """`gridconsole --db URL --user LOGIN …` in-process, with that person's password in the environment (on
    PostgreSQL, `url_of(login)` is the person's own login URL; None: the administrator's `url`)."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                 url_of: Callable[[str], str] | None = None) -> None:  # fmt: skip
        self.url, self.capsys, self.monkeypatch = url, capsys, monkeypatch
        self.url_of = url_of or (lambda _login: url)

    def __call__(self, login: str, *argv: str, ok: bool = True) -> str:
        self.monkeypatch.setenv("GRIDCONSOLE_PASSWORD", PASSWORD)
        code = main(["--db", self.url_of(login), "--user", login, *argv])
        out, err = self.capsys.readouterr()
        if ok:
            assert code == 0, f"{argv}: {err}"
        else:
            assert code != 0 and err.count("\n") == 1, err
            return err
        return out


def first_login(url: str, initial: dict[str, str]) -> None:
    """Each new person logs in once and sets their own password (what the login dialog requires)."""
    db = Database(make_engine(url))
    try:
        for login, password in initial.items():
            users.change_password(db, login, password, PASSWORD)
    finally:
        db.dispose()


def pg_first_login(url: str, initial: dict[str, str]) -> None:
    """The same on PostgreSQL: each person connects with their own role (through the lockout gate), is told to
    change the initial password, and changes it on that connection."""
    for login, password in initial.items():
        with pytest.raises(MustChangePassword) as told:
            pg_login(url, login, password)
        try:
            users.pg_change_own_password(told.value.db, login, password, PASSWORD)
        finally:
            told.value.db.dispose()


@dataclass
class Backend:
    url: str  # the deployment's: the embedded file, or the PostgreSQL superuser's URL
    login: Callable[[str], str]  # a person's short name → their login (the run's prefix on PostgreSQL)
    url_of: Callable[[str], str] | None  # a login → the URL that person connects with
    first_login: Callable[[dict[str, str]], None]


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def backend(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Backend]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'new-township.db'}"
        yield Backend(url, lambda key: key, None, lambda initial: first_login(url, initial))
        return
    from tests.conftest import RUN_ID, PgDatabases, pg_url_for

    databases: PgDatabases = request.getfixturevalue("pg_databases")
    url = databases.create(migrated=False)  # empty: `db upgrade` below makes the schema
    dbname = make_url(url).database
    assert dbname
    prefix = f"gct_{RUN_ID}_{uuid.uuid4().hex[:4]}_"  # the run drops its roles; people are not group-prefixed
    monkeypatch.setenv(ROLE_PREFIX_ENV, prefix)
    try:
        yield Backend(url, lambda key: f"{prefix[:-1]}p_{key}", lambda login: pg_url_for(dbname, user=login),
                      lambda initial: pg_first_login(url, initial))  # fmt: skip
    finally:
        databases.drop(url)


def test_a_township_set_up_from_zero_runs_a_case_to_evaluated(
    backend: Backend, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    L = backend.login  # noqa: N806 - a person's login, read as a name
    sys_, sec, disp, hb1, grid1 = L("sys"), L("sec"), L("disp"), L("hb1"), L("grid1")
    cli = Cli(backend.url, capsys, monkeypatch, backend.url_of)
    deploy = Cli(backend.url, capsys, monkeypatch)  # the deployment itself: the database's owner or superuser
    deploy("anyone", "db", "upgrade")
    if backend.url_of is not None:
        deploy("anyone", "admin", "pg-provision")

    # the three administrators, then the 系统管理员 sets up the township
    out = deploy("anyone", "--json", "admin", "bootstrap", "--sysadmin", f"{sys_}:系统管理员",
                 "--secadmin", f"{sec}:安全管理员", "--auditor", f"{L('aud')}:审计管理员")  # fmt: skip
    backend.first_login(json.loads(out))
    refused = cli(sec, "township", "create", "--name", "示例镇", "--code", TOWNSHIP, ok=False)
    assert "维护基础数据" in refused  # only the 系统管理员's post may set up the township
    cli(sys_, "township", "create", "--name", "示例镇", "--code", TOWNSHIP)
    assert TOWNSHIP in cli(sys_, "township", "show")

    cli(sys_, "import", "grids", str(write_csv(tmp_path / "grids.csv", [
        ["网格编码", "网格名称", "层级", "上级编码", "户数"],
        [COMMUNITY, "幸福社区", "2", TOWNSHIP, "1200"],
        [GRID, "幸福社区第一网格", "3", COMMUNITY, "300"],
    ])))  # fmt: skip
    cli(sys_, "import", "departments", str(write_csv(tmp_path / "departments.csv", [
        ["部门代码", "部门名称", "简称", "值班电话", "负责人"],
        ["HB", "环保办", "环保", "0371-66001234", "王主任"],
        ["CG", "城管办", "城管", "", ""],
    ])))  # fmt: skip
    cli(sys_, "import", "categories", str(write_csv(tmp_path / "categories.csv", [
        ["类别代码", "类别名称", "牵头部门", "配合部门", "严重程度", "一般时限", "复杂时限", "受理时限", "工作流程", "结案标准"],
        ["HJWS", "环境卫生", "环保办", "城管办", "一般", "3个工作日", "10个工作日", "2工作小时",
         "网格员核实；环保办到场处置；拍照反馈", "现场清理完毕，附照片"],
    ])))  # fmt: skip
    cli(sys_, "import", "staff", str(write_csv(tmp_path / "staff.csv", [
        ["姓名", "电话", "网格编码", "岗位", "开始日期", "所属部门", "登录名"],
        ["李网格", "13800001234", GRID, "网格员", "2026-01-01", "", grid1],
        ["赵社区", "13800005678", COMMUNITY, "网格长", "2026-01-01", "", ""],
    ])))  # fmt: skip
    cli(sys_, "staff", "add", "王处理", "--dept", "环保办", "--phone", "13900001111", "--login", hb1)
    staff = json.loads(cli(sys_, "--json", "staff", "list"))
    assert {s["name"] for s in staff} == {"李网格", "赵社区", "王处理"}
    assert all("****" in s["phone_masked"] for s in staff)

    # the people who work cases, with their posts
    initial = {}
    for login, name in ((disp, "调度员甲"), (hb1, "王处理"), (grid1, "李网格")):
        initial[login] = json.loads(cli(sys_, "--json", "admin", "user", "add", login, "--name", name))["password"]
    cli(sec, "admin", "user", "grant", disp, "dispatcher")
    cli(sec, "admin", "user", "grant", hb1, "department", "--department", "环保办")
    cli(sec, "admin", "user", "grant", grid1, "grid", "--grid", GRID)
    backend.first_login(initial)

    # report → accept → dispatch (lead and co-department from the 事项清单) → sign → feedback → verify → close → rate
    number = json.loads(cli(grid1, "--json", "case", "report", "--grid", GRID, "--category", "环境卫生",
                            "--summary", "楼道堆放杂物", "--source", "网格员巡查"))["number"]  # fmt: skip
    for login, *step in (
        (disp, "accept"),
        (disp, "dispatch"),
        (hb1, "sign"),
        (hb1, "feedback", "--result", "已清理并拍照"),
        (grid1, "verify", "--pass"),
        (disp, "close", "--type", "已解决"),
        (disp, "callback", "--satisfaction", "满意"),
    ):
        cli(login, "case", step[0], number, *step[1:])

    detail = json.loads(cli(disp, "--json", "case", "show", number))
    assert detail["status"] == "evaluated"
    db = Database(make_engine(backend.url))
    try:
        with db.session() as s:
            case = s.scalars(select(Case).where(Case.number == number)).one()
            history = s.scalars(select(CaseHistory).where(CaseHistory.case_id == case.id).order_by(CaseHistory.id))
            steps = [(h.action, h.actor, h.to_status.value) for h in history]
            assert steps == [
                ("report", grid1, "reported"), ("accept", disp, "accepted"), ("dispatch", disp, "dispatched"),
                ("sign", hb1, "in_progress"), ("feedback", hb1, "feedback"), ("verify", grid1, "verified"),
                ("close", disp, "closed"), ("callback", disp, "evaluated"),
            ]  # fmt: skip
            assert case.lead_department is not None and case.lead_department.name == "环保办"
            assert [c.department.name for c in case.co_departments] == ["城管办"]
            assert (case.limit_type, case.limit_value) == ("working_days", 3)  # the imported 一般时限
            assert s.scalars(select(CategoryVersion)).one().recorded_by == sys_
    finally:
        db.dispose()
