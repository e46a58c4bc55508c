"""Import of grids, staff and cases from CSV/XLSX: every bad row reported with its Excel row number, nothing
written when any row is bad, Chinese encodings and Excel files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from console.cli.main import main
from console.db import Database
from console.demo.township import TOWNSHIP_CODE, create_reference
from console.domain import CaseStatus, GridRole, Stage
from console.errors import ValidationError
from console.importing import ImportErrors, decode_csv, import_cases, import_grids, import_staff
from console.models import (
    AuditLog,
    Case,
    CaseHistory,
    CaseNumberCounter,
    Grid,
    GridAssignment,
    GridEvent,
    Person,
)

CELL = TOWNSHIP_CODE + "001001"


@pytest.fixture
def township(db: Database) -> Database:
    with db.session() as s:
        create_reference(s, today=date(2026, 11, 25), seed=3)
    return db


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(",".join(r) for r in rows).encode(encoding))
    return path


def count(db: Database, model: object) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)  # type: ignore[arg-type]


def errors_of(exc: pytest.ExceptionInfo[ImportErrors]) -> set[tuple[int, str]]:
    return {(e.row, e.reason) for e in exc.value.errors}


# --- grids --------------------------------------------------------------------------------------------------


def test_import_grids(township: Database, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "grids.csv",
        [
            ["网格编码", "网格名称", "层级", "上级编码", "网格类型", "户数"],
            [
                TOWNSHIP_CODE + "021001",
                "新村第一组",
                "3",
                "",
                "",
                "150",
            ],  # child before its parent in the file
            [TOWNSHIP_CODE + "021000", "新村", "2", "", "常规网格", "0"],
            [TOWNSHIP_CODE + "910000", "物流园企业网格", "", "", "enterprise", ""],
        ],
    )
    before = count(township, Grid)
    result = import_grids(township, f, actor="importer")
    assert result.inserted == 3 and count(township, Grid) == before + 3
    with township.session() as s:
        child = s.scalar(select(Grid).where(Grid.code == TOWNSHIP_CODE + "021001"))
        parent = s.scalar(select(Grid).where(Grid.code == TOWNSHIP_CODE + "021000"))
        assert (
            child is not None
            and parent is not None
            and child.parent_id == parent.id
            and child.households == 150
        )
        assert child.pinyin_initials == "xcdyz"
        events = s.scalar(select(func.count()).select_from(GridEvent).where(GridEvent.actor == "importer"))
        assert events == 3


def test_import_grids_reports_every_bad_row_and_inserts_nothing(township: Database, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "grids.csv",
        [
            ["code", "name", "level", "parent_code", "kind", "households"],
            [TOWNSHIP_CODE + "022000", "好的一行", "2", "", "", ""],  # 2: fine, but must not be inserted
            ["41010200602200", "短编码", "", "", "", ""],  # 3
            [TOWNSHIP_CODE + "023001", "不延续上级", "3", TOWNSHIP_CODE + "022000", "", ""],  # 4
            [TOWNSHIP_CODE + "022000", "重复编码", "2", "", "", ""],  # 5: duplicate of row 2
            [CELL, "已存在", "3", "", "", ""],  # 6
            [TOWNSHIP_CODE + "024000", "", "2", "", "", ""],  # 7: missing name
            [TOWNSHIP_CODE + "025001", "无上级", "3", "", "", ""],  # 8: parent nowhere
            [TOWNSHIP_CODE + "026000", "层级不符", "3", "", "", ""],  # 9
            [TOWNSHIP_CODE + "027000", "户数不对", "2", "", "", "很多"],  # 10
            [TOWNSHIP_CODE + "950000", "保留段", "2", "", "", ""],  # 11: regular grid in the special range
        ],
    )
    before = count(township, Grid)
    with pytest.raises(ImportErrors) as exc:
        import_grids(township, f, actor="importer")
    rows = sorted(e.row for e in exc.value.errors)
    assert rows == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    text = exc.value.report()
    for fragment in (
        "第3行",
        "15位数字",
        "未延续上级网格编码",
        "与第2行重复",
        "已存在",
        "缺少必填项",
        "上级网格",
        "层级不符",
        "不是整数",
        "900-999",
    ):
        assert fragment in text, fragment
    assert count(township, Grid) == before


# --- staff --------------------------------------------------------------------------------------------------


def test_import_staff(township: Database, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "staff.csv",
        [
            ["姓名", "手机", "网格编码", "岗位", "开始日期", "结束日期"],
            ["张晓梅", "13912345678", CELL, "网格员", "2025-03-01", ""],
            ["张晓梅", "13912345678", TOWNSHIP_CODE + "001000", "信息员", "2025/03/01", ""],
            ["刘建国", "13800001111", CELL, "网格员", "2024-01-01", "2025-02-28"],
        ],
    )
    before = count(township, Person)
    assert import_staff(township, f, actor="t").inserted == 3
    assert count(township, Person) == before + 2  # one person may hold two posts
    with township.session() as s:
        posts = s.execute(
            select(GridAssignment.role, GridAssignment.end_date).join(Person).where(Person.name == "刘建国")
        ).all()
        assert posts == [(GridRole.WORKER, date(2025, 2, 28))]


def test_import_staff_errors(township: Database, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "staff.csv",
        [
            ["name", "phone", "grid_code", "role", "start_date", "end_date"],
            ["王芳", "13912345678", CELL, "worker", "2025-03-01", ""],
            ["李强", "13912345679", "410102006099001", "worker", "2025-03-01", ""],  # 3 unknown grid
            ["赵敏", "13912345670", CELL, "worker", "2025-13-01", ""],  # 4 bad date
            ["", "13912345671", CELL, "worker", "2025-03-01", ""],  # 5 missing name
            ["孙丽", "13912345672", CELL, "队长", "2025-03-01", ""],  # 6 unknown role
            ["周杰", "13912345673", CELL, "worker", "2025-03-01", "2024-01-01"],  # 7 ends before start
            ["吴娟", "电话", CELL, "worker", "2025-03-01", ""],  # 8 bad phone
        ],
    )
    before = count(township, GridAssignment)
    with pytest.raises(ImportErrors) as exc:
        import_staff(township, f, actor="t")
    got = {e.row: (e.column, e.reason) for e in exc.value.errors}
    assert sorted(got) == [3, 4, 5, 6, 7, 8]
    assert got[3][0] == "网格编码" and "未知的网格编码" in got[3][1]
    assert got[4][0] == "开始日期" and "日期" in got[4][1]
    assert got[5] == ("姓名", "缺少必填项")
    assert got[6][0] == "岗位"
    assert "早于" in got[7][1]
    assert got[8][0] == "电话"
    assert count(township, GridAssignment) == before


def test_missing_column(township: Database, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "staff.csv", [["姓名", "网格编码", "开始日期"], ["王芳", CELL, "2025-03-01"]])
    with pytest.raises(ImportErrors) as exc:
        import_staff(township, f, actor="t")
    assert [(e.row, e.column, e.reason) for e in exc.value.errors] == [(1, "岗位", "缺少此列")]


# --- cases --------------------------------------------------------------------------------------------------

CASE_HEADER = [
    "网格编码",
    "问题类别",
    "问题摘要",
    "问题描述",
    "地址",
    "来源",
    "上报时间",
    "反映人",
    "联系电话",
]


def test_import_cases_numbers_and_history(township: Database, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "cases.csv",
        [
            CASE_HEADER,
            [
                CELL,
                "环境卫生",
                "垃圾满溢",
                "垃圾桶满溢三天",
                "三官庙1号院",
                "群众反映",
                "2026-11-20 09:30",
                "王芳",
                "13912345678",
            ],
            [CELL, "RC06", "路灯不亮", "", "", "patrol", "2026-11-21", "", ""],
            [CELL, "矛盾纠纷", "邻里纠纷", "", "", "", "2025-12-30 08:00", "", ""],
        ],
    )
    with township.session() as s:  # an earlier case this year: numbering continues after it
        s.add(
            CaseNumberCounter(
                township_id=s.scalar(select(Grid.id).where(Grid.level == 1)), year=2026, last=41
            )
        )
    result = import_cases(township, f, actor="importer")
    assert result.inserted == 3
    assert result.numbers == ["2026-000042", "2026-000043", "2025-000001"]
    with township.session() as s:
        cases = list(s.scalars(select(Case).order_by(Case.id)))
        assert [c.status for c in cases] == [CaseStatus.REPORTED] * 3
        assert cases[0].reporter_name == "王芳" and cases[0].reported_at == datetime(2026, 11, 20, 9, 30)
        assert cases[1].category.name == "公共设施" and cases[1].stage is Stage.INTAKE
        assert cases[1].stage_due_at is not None and cases[1].stage_due_at > cases[1].reported_at
        hist = list(s.scalars(select(CaseHistory).order_by(CaseHistory.id)))
        assert [(h.action, h.note, h.to_status) for h in hist] == [
            ("report", "批量导入", CaseStatus.REPORTED)
        ] * 3
        assert [h.case_id for h in hist] == [c.id for c in cases]  # one batched flush, each row its case
        assert all(c.version == 1 for c in cases)
        audited = s.scalars(
            select(AuditLog.object).where(AuditLog.event == "case_change", AuditLog.login == "importer")
        ).all()
        assert sorted(audited) == sorted(f"案件 {n}" for n in result.numbers)  # one audit row per case


def test_import_cases_errors_all_or_nothing(township: Database, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "cases.csv",
        [
            CASE_HEADER,
            [CELL, "环境卫生", "好的一行", "", "", "", "2026-11-20 09:30", "", ""],  # 2 fine
            ["410102006099001", "环境卫生", "网格不存在", "", "", "", "2026-11-20", "", ""],  # 3
            [CELL, "不存在的类别", "类别不对", "", "", "", "2026-11-20", "", ""],  # 4
            [CELL, "环境卫生", "时间不对", "", "", "", "2026-02-30 10:00", "", ""],  # 5
            [CELL, "环境卫生", "", "", "", "", "2026-11-20", "", ""],  # 6 missing summary
            ["", "环境卫生", "缺网格", "", "", "", "2026-11-20", "", ""],  # 7 missing grid
            [CELL, "环境卫生", "来源不对", "", "", "电报", "2026-11-20", "", ""],  # 8
        ],
    )
    with pytest.raises(ImportErrors) as exc:
        import_cases(township, f, actor="t")
    got = {e.row: (e.column, e.reason) for e in exc.value.errors}
    assert sorted(got) == [3, 4, 5, 6, 7, 8]
    assert "未知的网格编码" in got[3][1]
    assert got[4][0] == "问题类别" and "未知的问题类别" in got[4][1]
    assert got[5][0] == "上报时间"
    assert got[6] == ("问题摘要", "缺少必填项")
    assert got[7] == ("网格编码", "缺少必填项")
    assert got[8][0] == "来源"
    assert count(township, Case) == 0 and count(township, CaseHistory) == 0
    assert count(township, CaseNumberCounter) == 0


def test_gb18030_and_bom_csv(township: Database, tmp_path: Path) -> None:
    rows = [
        CASE_HEADER,
        [
            CELL,
            "环境卫生",
            "楼道杂物堆放",
            "纸箱堆满楼道",
            "三官庙1号院3号楼",
            "网格员巡查",
            "2026-11-22 10:00",
            "",
            "",
        ],
    ]
    f = write_csv(tmp_path / "gbk.csv", rows, encoding="gb18030")
    assert f.read_bytes().decode("gb18030").startswith("网格编码")
    with pytest.raises(UnicodeDecodeError):
        f.read_bytes().decode("utf-8")
    assert import_cases(township, f, actor="t").inserted == 1
    g = write_csv(tmp_path / "bom.csv", rows, encoding="utf-8-sig")
    assert g.read_bytes().startswith(b"\xef\xbb\xbf")
    assert import_cases(township, g, actor="t").inserted == 1
    with township.session() as s:
        assert s.scalars(select(Case.summary)).all() == ["楼道杂物堆放", "楼道杂物堆放"]
    assert decode_csv("编码".encode("gb18030")) == "编码"


def test_xlsx(township: Database, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(CASE_HEADER)
    ws.append(
        [
            int(CELL),
            "治安",
            "电动车被盗",
            "夜间被盗",
            "",
            "群众反映",
            datetime(2026, 11, 23, 21, 15),
            "李强",
            13800001111,
        ]
    )
    ws.append([])  # a blank row is skipped, but row numbers still count it
    ws.append([CELL, "治安", "时间错", "", "", "", "昨天", "", ""])
    path = tmp_path / "cases.xlsx"
    wb.save(path)
    with pytest.raises(ImportErrors) as exc:
        import_cases(township, path, actor="t")
    assert [(e.row, e.column) for e in exc.value.errors] == [(4, "上报时间")]
    assert count(township, Case) == 0
    ws.delete_rows(3, 2)
    wb.save(path)
    result = import_cases(township, path, actor="t")
    assert result.inserted == 1
    with township.session() as s:
        case = s.scalars(select(Case)).one()
        assert case.grid_code == CELL and case.reported_at == datetime(2026, 11, 23, 21, 15)
        assert case.reporter_phone == "13800001111"


def test_unsupported_file(township: Database, tmp_path: Path) -> None:
    p = tmp_path / "cases.json"
    p.write_text("{}")
    with pytest.raises(ValidationError, match="不支持的文件类型"):
        import_cases(township, p, actor="t")


def test_cli_prints_every_bad_row(
    township: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = township.engine.url.render_as_string(hide_password=False)
    bad = write_csv(
        tmp_path / "cases.csv",
        [
            CASE_HEADER,
            ["410102006099001", "环境卫生", "网格不存在", "", "", "", "2026-11-20", "", ""],
            [CELL, "不存在的类别", "类别不对", "", "", "", "2026-11-20", "", ""],
        ],
    )
    assert main(["--db", url, "import", "cases", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "第2行" in err and "第3行" in err and "未导入任何数据" in err
    good = write_csv(
        tmp_path / "ok.csv", [CASE_HEADER, [CELL, "环境卫生", "好", "", "", "", "2026-11-20", "", ""]]
    )
    assert main(["--db", url, "import", "cases", str(good)]) == 0
    assert "已导入案件 1 条" in capsys.readouterr().out
