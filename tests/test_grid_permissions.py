"""Changing the grid map is `grid_rezone` (中心主任 and 系统管理员, `console.security.posts.ADMIN_RULES`): every
path of the command line that changes it — create, rename, split, merge, deactivate, and `import grids` — is
refused to a dispatcher with the post it needs named and nothing changed, and done for the posts the rule names.
(On SQLite with users, as the CLI authenticates; on PostgreSQL the map's grants follow the same rule,
`pg_roles.provision`.)"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from console.db import Database, make_engine
from console.models import AuditLog, Grid
from tests.test_setup_lifecycle import COMMUNITY, TOWNSHIP, Cli, cheap_hashing, first_login, write_csv

FIXTURES = (cheap_hashing,)  # imported so pytest finds it (autouse there, requested here)

G1, G2, G3 = COMMUNITY[:-3] + "001", COMMUNITY[:-3] + "002", COMMUNITY[:-3] + "003"


@pytest.fixture
def town(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         cheap_hashing: None) -> Iterator[Cli]:  # fmt: skip
    """A township with a community and three grids; a 调度员 `disp` and a 中心主任 `head`."""
    url = f"sqlite:///{tmp_path / 'map.db'}"
    cli = Cli(url, capsys, monkeypatch)
    cli("anyone", "db", "upgrade")
    first_login(url, json.loads(cli("anyone", "--json", "admin", "bootstrap", "--sysadmin", "sys:系统管理员",
                                    "--secadmin", "sec:安全管理员", "--auditor", "aud:审计管理员")))  # fmt: skip
    cli("sys", "township", "create", "--name", "示例镇", "--code", TOWNSHIP)
    cli("sys", "import", "grids", str(write_csv(tmp_path / "grids.csv", [
        ["网格编码", "网格名称", "层级", "上级编码", "户数"],
        [COMMUNITY, "幸福社区", "2", TOWNSHIP, "1200"],
        [G1, "第一网格", "3", COMMUNITY, "300"], [G2, "第二网格", "3", COMMUNITY, "300"],
        [G3, "第三网格", "3", COMMUNITY, "300"],
    ])))  # fmt: skip
    initial = {}
    for login, name in (("disp", "调度员甲"), ("head", "中心主任乙")):
        initial[login] = json.loads(cli("sys", "--json", "admin", "user", "add", login, "--name", name))["password"]
    cli("sec", "admin", "user", "grant", "disp", "dispatcher")
    cli("sec", "admin", "user", "grant", "head", "head")
    first_login(url, initial)
    yield cli


def grids(cli: Cli) -> dict[str, tuple[str, bool]]:
    db = Database(make_engine(cli.url))
    try:
        with db.session() as s:
            return {g.code: (g.name, g.active) for g in s.scalars(select(Grid))}
    finally:
        db.dispose()


def _import(tmp_path: Path) -> Callable[[], list[str]]:
    def argv() -> list[str]:
        return ["import", "grids", str(write_csv(tmp_path / "more.csv", [
            ["网格编码", "网格名称", "层级", "上级编码", "户数"], [COMMUNITY[:-3] + "009", "第九网格", "3", COMMUNITY, "10"],
        ]))]  # fmt: skip
    return argv


PATHS: dict[str, list[str]] = {
    "create": ["grid", "create", COMMUNITY[:-3] + "008", "第八网格", "--households", "12"],
    "rename": ["grid", "rename", G1, "第一网格（东）"],
    "split": ["grid", "split", G1, f"{COMMUNITY[:-3]}011=北区:100", f"{COMMUNITY[:-3]}012=南区:200"],
    "merge": ["grid", "merge", G2, G3, "--into", f"{COMMUNITY[:-3]}013=合并网格:600"],
    "deactivate": ["grid", "deactivate", G3],
}


@pytest.mark.parametrize("path", [*PATHS, "import"])
@pytest.mark.parametrize("allowed", ["head", "sys"])
def test_only_the_posts_that_may_rezone_change_the_grid_map(
    town: Cli, tmp_path: Path, path: str, allowed: str
) -> None:
    argv = _import(tmp_path)() if path == "import" else PATHS[path]
    before = grids(town)
    refused = town("disp", *argv, ok=False)
    assert "调整网格" in refused  # the permission's name: 调整网格（新建、更名、拆分、合并、撤销）
    assert grids(town) == before
    town(allowed, *argv)
    after = grids(town)
    assert after != before


def test_only_the_reference_editors_import_staff(town: Cli, tmp_path: Path) -> None:
    """The staff roster is set-up data like `staff add` (`reference_edit`, 系统管理员 only), with an audit row."""
    roster = str(write_csv(tmp_path / "staff.csv", [
        ["姓名", "电话", "网格编码", "岗位", "开始日期"], ["李网格", "13800001234", G1, "网格员", "2026-01-01"],
    ]))  # fmt: skip
    for login in ("disp", "head"):
        assert "维护基础数据" in town(login, "import", "staff", roster, ok=False)
    assert json.loads(town("sys", "--json", "staff", "list")) == []
    town("sys", "import", "staff", roster)
    assert [s["name"] for s in json.loads(town("sys", "--json", "staff", "list"))] == ["李网格"]
    db = Database(make_engine(town.url))
    try:
        with db.session() as s:
            assert s.scalars(select(AuditLog.login).where(AuditLog.object == "网格人员名册")).all() == ["sys"]
    finally:
        db.dispose()
