"""Import templates: the columns an import reads (its first Chinese header each) and one example row, written as
XLSX (path ending .xlsx) or as CSV in UTF-8 with a BOM (what Excel opens without garbling Chinese)."""

from __future__ import annotations

import csv
from pathlib import Path

from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.importing import GRID_HEADERS, STAFF_HEADERS, _display
from console.setup.importers import CATEGORY_HEADERS, DEPARTMENT_HEADERS

#: kind → (the import's headers, one example row by field)
TEMPLATES: dict[str, tuple[dict[str, tuple[str, ...]], dict[str, str]]] = {
    "grids": (GRID_HEADERS, {"code": "410102006001000", "name": "示例社区", "level": "2",
                             "parent_code": "410102006000000", "kind": "常规网格", "households": "1200"}),
    "departments": (DEPARTMENT_HEADERS, {"code": "HB", "name": "环保办", "short_name": "环保",
                                         "phone": "0371-66001234", "head": "王主任"}),
    "categories": (CATEGORY_HEADERS, {
        "code": "HJWS", "name": "环境卫生", "key_area": "否", "lead_department": "环保办",
        "co_departments": "城管办、农业办", "severity": "一般", "limit_simple": "2个工作日",
        "limit_general": "3个工作日", "limit_complex": "10个工作日", "limit_intake": "2工作小时",
        "limit_dispatch": "4工作小时", "limit_verify": "2个工作日",
        "workflow": "1. 网格员现场核实；2. 牵头部门到场处置；3. 拍照反馈",
        "closing_standard": "现场清理完毕，附处置前后照片"}),
    "staff": (STAFF_HEADERS, {"name": "张三", "phone": "13800001234", "grid_code": "410102006001001",
                              "role": "网格员", "start_date": "2026-01-01", "end_date": "",
                              "department": "", "login": ""}),
}  # fmt: skip


def template_columns(kind: str) -> tuple[list[str], list[str]]:
    """(headers, example row) of an import kind."""
    if kind not in TEMPLATES:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "没有“%1”的模板：可选 %2"), kind, "、".join(TEMPLATES)))
    headers, example = TEMPLATES[kind]
    return [_display(aliases) for aliases in headers.values()], [example.get(name, "") for name in headers]


def write_template(kind: str, path: str | Path) -> Path:
    """Write the template of `kind` (grids|departments|categories|staff) to `path`; returns the path."""
    header, example = template_columns(kind)
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.append(header)
        ws.append(example)
        for cells in ws.iter_cols(min_row=1, max_row=2):
            for cell in cells:
                cell.number_format = "@"  # text: codes keep their leading digits, dates stay as written
            ws.column_dimensions[cells[0].column_letter].width = max(10, 2 * max(len(str(c.value or "")) for c in cells))
        wb.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerow(example)
    return path
