"""Imports never guess (issue 16): a misspelt or unknown header is an error naming the header meant, missing
columns are named as the user writes them, every problem of a row is listed, dates must name one real day in
a plausible range, grid codes are read as the digits they are and an Excel-mangled code is explained. Each
refusal writes nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.db import Database
from console.demo.township import TOWNSHIP_CODE, create_reference
from console.importing import ImportErrors, import_cases, import_staff
from console.models import Case, GridAssignment

CELL = TOWNSHIP_CODE + "001001"
HEADER = ["网格编码", "问题类别", "问题摘要", "上报时间"]


@pytest.fixture
def township(db: Database) -> Database:
    with db.session() as s:
        create_reference(s, today=date(2026, 11, 25), seed=3)
    return db


def csv_file(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    return path


def cases(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


def refusal(db: Database, path: Path) -> dict[tuple[int, str], str]:
    with pytest.raises(ImportErrors) as caught:
        import_cases(db, path, actor="importer")
    assert cases(db) == 0  # all or nothing
    return {(e.row, e.column): e.reason for e in caught.value.errors}


def test_a_misspelt_header_is_named_with_the_header_meant(township: Database, tmp_path: Path) -> None:
    f = csv_file(tmp_path / "a.csv", [["网格编码", "问题类别", "问题摘要", "上报日期"], [CELL, "环境卫生", "垃圾满溢", "2026-11-20"]])
    got = refusal(township, f)
    assert got == {(1, "第4列"): "未知的列“上报日期”，是否应为“上报时间”？"}


def test_missing_columns_are_named_by_their_chinese_headers(township: Database, tmp_path: Path) -> None:
    f = csv_file(tmp_path / "b.csv", [["问题摘要"], ["垃圾满溢"]])
    got = refusal(township, f)
    assert got == {(1, "网格编码"): "缺少此列", (1, "问题类别"): "缺少此列"}


def test_every_problem_of_a_row_is_listed(township: Database, tmp_path: Path) -> None:
    f = csv_file(tmp_path / "c.csv", [HEADER, ["410102006099001", "不存在的类别", "", "2026-02-30"]])
    got = refusal(township, f)
    assert set(got) == {(2, "网格编码"), (2, "问题类别"), (2, "问题摘要"), (2, "上报时间")}
    assert got[(2, "上报时间")] == "日期“2026-02-30”不存在：2026年2月没有30日"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026111", "无法确定是哪一天"),  # 2026-11-01 or 2026-01-11: never guessed
        ("1900-01-01", "早于"),
        ("2099-01-01 08:00", "晚于当前时间"),
        ("2026-13-01", "没有13月"),
        ("2026-11-20 25:00", "时应为0-23"),
        ("下周一", "不是日期"),
    ],
)
def test_dates_must_name_one_real_day_in_range(township: Database, tmp_path: Path, cell: str, expected: str) -> None:
    f = csv_file(tmp_path / "d.csv", [HEADER, [CELL, "环境卫生", "垃圾满溢", cell]])
    got = refusal(township, f)
    assert expected in got[(2, "上报时间")], got


def test_unambiguous_dates_fullwidth_digits_and_excel_serials_are_read(township: Database, tmp_path: Path) -> None:
    wide = CELL.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    f = csv_file(
        tmp_path / "e.csv",
        [
            HEADER,
            [wide, "环境卫生", "全角编码", "2026/11/2"],
            [CELL, "环境卫生", "中文日期", "2026年11月3日 08:15"],
            [CELL, "环境卫生", "Excel 序列号", "46330"],  # 2026-11-04 as Excel stores a date cell
        ],
    )
    result = import_cases(township, f, actor="importer")
    assert result.inserted == 3
    with township.session() as s:
        got = [(c.grid_code, c.reported_at) for c in s.scalars(select(Case).order_by(Case.id))]
    assert got == [
        (CELL, datetime(2026, 11, 2)),
        (CELL, datetime(2026, 11, 3, 8, 15)),
        (CELL, datetime(2026, 11, 4)),
    ]


def test_a_grid_code_excel_turned_into_a_float_is_explained(township: Database, tmp_path: Path) -> None:
    f = csv_file(tmp_path / "f.csv", [HEADER, ["4.10102E+14", "环境卫生", "垃圾满溢", "2026-11-20"]])
    got = refusal(township, f)
    assert "科学计数法" in got[(2, "网格编码")] and "文本" in got[(2, "网格编码")]


def test_staff_rows_list_every_problem_and_write_nothing(township: Database, tmp_path: Path) -> None:
    f = csv_file(
        tmp_path / "s.csv",
        [["姓名", "电话", "网格编码", "岗位", "开始日期", "离任日期"], ["", "12", "9" * 15, "厨师", "2026111", "2026-01-01"]],
    )
    with township.session() as s:
        before = s.scalar(select(func.count()).select_from(GridAssignment))
    with pytest.raises(ImportErrors) as caught:
        import_staff(township, f, actor="importer")
    columns = {e.column for e in caught.value.errors}
    assert columns == {"姓名", "电话", "网格编码", "岗位", "开始日期"}
    with township.session() as s:
        assert s.scalar(select(func.count()).select_from(GridAssignment)) == before
