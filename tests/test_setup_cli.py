"""Set-up from the command line and from files: `gridconsole township|dept|category|staff|template` and
`import departments|categories|staff`. Imports are all or nothing and name every bad row and every problem in
it; a template written, filled in and imported round-trips."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from console.cli.main import main
from console.db import Database, make_engine
from console.importing import ImportErrors, import_file
from console.models import Category, Department, GridAssignment, Person
from console.setup.templates import template_columns, write_template

TOWNSHIP, COMMUNITY, GRID = "410102006000000", "410102006001000", "410102006001001"


def run(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", url, "--user", "setup", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> str:
    code, out, err = run(capsys, url, *argv)
    assert code == 0, err
    return out


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.fixture
def town(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    ok(capsys, sqlite_url, "township", "create", "--name", "示例镇", "--code", TOWNSHIP)
    ok(capsys, sqlite_url, "dept", "add", "HB", "环保办", "--short", "环保", "--phone", "13812345678", "--head", "王主任")
    ok(capsys, sqlite_url, "dept", "add", "CG", "城管办")
    return sqlite_url


def test_department_commands(town: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = ok(capsys, town, "dept", "list")
    assert "环保办［环保］" in out and "138****5678" in out and "13812345678" not in out
    ok(capsys, town, "dept", "edit", "CG", "--head", "李主任", "--phone", "0371-66001234")
    rows = {d["code"]: d for d in json.loads(ok(capsys, town, "--json", "dept", "list"))}
    assert rows["CG"]["head"] == "李主任" and rows["CG"]["phone_masked"] == "0371-****1234"
    ok(capsys, town, "dept", "retire", "CG")
    assert "城管办" not in ok(capsys, town, "dept", "list")
    assert "已停用" in ok(capsys, town, "dept", "list", "--all")
    code, _, err = run(capsys, town, "dept", "retire", "CG")
    assert code == 2 and err.startswith("gridconsole: ") and err.count("\n") == 1 and "已停用" in err
    ok(capsys, town, "dept", "restore", "城管办")


def test_category_commands_dated_edit_and_history(town: str, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, town, "category", "add", "HJWS", "环境卫生", "--lead", "环保办", "--co", "城管办",
       "--limit", "一般=3个工作日", "--limit", "复杂=10个工作日", "--stage-limit", "受理/立案=2工作小时",
       "--workflow", "核实；处置；反馈", "--standard", "清理完毕")  # fmt: skip
    out = ok(capsys, town, "category", "list")
    assert "环境卫生" in out and "牵头：环保办，配合：城管办" in out and "3 个工作日" in out
    ok(capsys, town, "category", "edit", "HJWS", "--limit", "一般=5个工作日", "--from", "2099-01-01", "--note", "新规")
    history = json.loads(ok(capsys, town, "--json", "category", "history", "HJWS"))
    assert [(h["effective_from"], h["limits"]["general"]["value"]) for h in history][-1] == ("2099-01-01", 5)
    assert history[-1]["limits"]["complex"]["value"] == 10  # an edit keeps what it does not name
    assert history[-1]["workflow"] == "核实；处置；反馈"
    today = json.loads(ok(capsys, town, "--json", "category", "list"))
    assert today[0]["limits"]["general"]["value"] == 3
    later = json.loads(ok(capsys, town, "--json", "category", "list", "--on", "2099-01-02"))
    assert later[0]["limits"]["general"]["value"] == 5
    code, _, err = run(capsys, town, "category", "edit", "HJWS", "--limit", "一般=五天")
    assert code == 2 and "无法识别" in err and err.count("\n") == 1
    code, _, err = run(capsys, town, "category", "add", "X", "某类", "--lead", "无此部门", "--limit", "一般=1天")
    assert code == 2 and "无此部门" in err
    ok(capsys, town, "category", "retire", "HJWS")
    assert "事项清单为空" in ok(capsys, town, "category", "list")
    ok(capsys, town, "category", "edit", "环境卫生", "--restore")
    assert "环境卫生" in ok(capsys, town, "category", "list")


def test_staff_commands(town: str, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, town, "import", "grids", str(write_csv(Path(town[10:]).parent / "g.csv", [
        ["网格编码", "网格名称"], [COMMUNITY, "幸福社区"], [GRID, "第一网格"]])))  # fmt: skip
    person = json.loads(ok(capsys, town, "--json", "staff", "add", "李网格", "--phone", "13800001234", "--dept", "CG"))
    pid = str(person["id"])
    ok(capsys, town, "staff", "post", pid, GRID, "网格员", "--from", "2026-01-01")
    out = ok(capsys, town, "staff", "list", "--grid", GRID)
    assert "李网格" in out and "第一网格网格员" in out and "138****1234" in out
    ok(capsys, town, "staff", "edit", pid, "--name", "李网格员")
    ok(capsys, town, "staff", "unpost", pid, GRID, "worker", "--on", "2026-06-30")
    assert "无现任网格岗位" in ok(capsys, town, "staff", "list")
    ok(capsys, town, "staff", "retire", pid, "--on", "2026-07-01")
    assert "没有人员" in ok(capsys, town, "staff", "list")
    code, _, err = run(capsys, town, "staff", "post", "999", GRID, "网格员")
    assert code != 0 and "不存在" in err and err.count("\n") == 1


def test_import_names_every_bad_row_and_writes_nothing(town: str, tmp_path: Path) -> None:
    db = Database(make_engine(town))
    deps = write_csv(tmp_path / "d.csv", [
        ["部门代码", "部门名称", "值班电话"],
        ["NY", "农业办", "0371-1234567"],
        ["HB", "", "12ab"],  # code taken, name missing, bad phone
        ["SF", "司法所", ""],
        ["SF", "城管办", ""],  # code repeated in the file, name taken
    ])  # fmt: skip
    with pytest.raises(ImportErrors) as exc:
        import_file(db, "departments", deps, actor="setup")
    got = {(e.row, e.column) for e in exc.value.errors}
    assert got == {(3, "部门代码"), (3, "部门名称"), (3, "值班电话"), (5, "部门代码"), (5, "部门名称")}
    assert "发现5处错误，未导入任何数据" in exc.value.report()
    cats = write_csv(tmp_path / "c.csv", [
        ["类别代码", "类别名称", "牵头部门", "配合部门", "严重程度", "一般时限", "复杂时限", "重点领域"],
        ["HJWS", "环境卫生", "环保办", "城管办", "一般", "3个工作日", "", "否"],
        ["AQ", "安全隐患", "无此部门", "又一个无此部门", "严重", "五天", "", "也许"],
        ["SZ", "市政设施", "城管办", "", "复杂", "3个工作日", "", ""],  # no limit for its severity
    ])  # fmt: skip
    with pytest.raises(ImportErrors) as exc:
        import_file(db, "categories", cats, actor="setup")
    by_row: dict[int, set[str]] = {}
    for e in exc.value.errors:
        by_row.setdefault(e.row, set()).add(e.column)
    assert by_row == {3: {"牵头部门", "配合部门", "严重程度", "一般时限", "重点领域"}, 4: {"复杂时限"}}
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Category)) == 0
        assert s.scalar(select(func.count()).select_from(Department)) == 2
    db.dispose()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_templates_round_trip(town: str, tmp_path: Path, suffix: str) -> None:
    """Write each template, fill it in as an office would (keeping the header), import it."""
    db = Database(make_engine(town))
    filled = {
        "grids": [[COMMUNITY, "幸福社区", "2", TOWNSHIP, "常规网格", "1200"]],
        "departments": [["NY", "农业办", "农业", "0371-66005678", "赵主任"]],
        "categories": [["HJWS", "环境卫生", "否", "环保办", "城管办、农业办", "一般", "2个工作日", "3个工作日",
                        "10个工作日", "2工作小时", "4工作小时", "2个工作日", "核实；处置", "清理完毕"]],
        "staff": [["李网格", "13800001234", COMMUNITY, "网格长", "2026-01-01", "", "农业办", "grid1"]],
    }  # fmt: skip
    for kind in ("grids", "departments", "categories", "staff"):
        path = write_template(kind, tmp_path / f"{kind}{suffix}")
        header, example = template_columns(kind)
        assert len(filled[kind][0]) == len(header) == len(example)
        if suffix == ".xlsx":
            wb = load_workbook(path)
            ws = wb.active
            assert ws is not None
            assert [c.value for c in ws[1]] == header
            ws.delete_rows(2)
            for row in filled[kind]:
                ws.append(row)
            wb.save(path)
        else:
            with path.open(encoding="utf-8-sig", newline="") as f:
                assert next(csv.reader(f)) == header
            write_csv(path, [header, *filled[kind]])
        assert import_file(db, kind, path, actor="setup").inserted == 1
    with db.session() as s:
        person = s.scalars(select(Person)).one()
        assert person.login == "grid1" and person.department is not None and person.department.name == "农业办"
        assert s.scalars(select(GridAssignment)).one().person_id == person.id
    db.dispose()


def test_template_command(tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, sqlite_url, "template", "categories", str(tmp_path / "c.csv"))
    data = (tmp_path / "c.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "工作流程".encode() in data


def test_staff_import_checks_department_and_login(town: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, town, "import", "grids", str(write_csv(tmp_path / "g.csv", [
        ["网格编码", "网格名称"], [COMMUNITY, "幸福社区"], [GRID, "第一网格"]])))  # fmt: skip
    ok(capsys, town, "staff", "add", "王处理", "--login", "hb1")
    rows = [
        ["姓名", "电话", "网格编码", "岗位", "开始日期", "所属部门", "登录名"],
        ["李网格", "13800001234", GRID, "网格员", "2026-01-01", "无此部门", "grid1"],
        ["赵社区", "13800005678", COMMUNITY, "网格长", "2026-01-01", "城管办", "hb1"],  # login of 王处理
        ["钱网格", "13800009999", GRID, "网格员", "2026-01-01", "", "grid1"],  # login of 李网格 above
    ]
    code, _, err = run(capsys, town, "import", "staff", str(write_csv(tmp_path / "s.csv", rows)))
    assert code == 2 and "第2行［所属部门］" in err and "第3行［登录名］" in err and "第4行［登录名］" in err
    db = Database(make_engine(town))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1  # nothing written
    db.dispose()
