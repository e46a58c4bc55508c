"""Import of departments and of the 事项清单 from CSV or XLSX, as `console.importing` imports grids and staff:
every row checked first, every bad row and every problem in it named, nothing written unless all are good.
Both add new entries only (a code already in the database is a bad row: edit those with `dept edit` /
`category edit`). Reached through `console.importing.import_file(db, "departments" | "categories", path)`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from sqlalchemy import select

from console.db import Database
from console.deadlines.limits import TimeLimit
from console.domain import LimitType, Severity, Stage
from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.importing import (
    ImportErrors,
    ImportResult,
    RowError,
    _Bad,
    _check_all,
    _enum,
    _phone,
    _records,
    _required,
    _Row,
)
from console.models import Category, Department
from console.setup.common import check_editor
from console.setup.departments import add_department
from console.setup.item_list import CategorySpec, add_category

DEPARTMENT_HEADERS = {
    "code": ("code", "部门代码", "代码", "编码"),
    "name": ("name", "部门名称", "名称"),
    "short_name": ("short_name", "简称", "部门简称"),
    "phone": ("phone", "值班电话", "电话", "联系电话"),
    "head": ("head", "负责人"),
}
CATEGORY_HEADERS = {
    "code": ("code", "类别代码", "代码", "编码"),
    "name": ("name", "类别名称", "问题类别", "名称"),
    "key_area": ("key_area", "重点领域"),
    "lead_department": ("lead_department", "牵头部门", "默认牵头部门"),
    "co_departments": ("co_departments", "配合部门", "默认配合部门"),
    "severity": ("severity", "严重程度", "默认严重程度"),
    "limit_simple": ("limit_simple", "简单时限", "简单事件时限"),
    "limit_general": ("limit_general", "一般时限", "一般事件时限", "办结时限"),
    "limit_complex": ("limit_complex", "复杂时限", "复杂事件时限"),
    "limit_intake": ("limit_intake", "受理时限"),
    "limit_dispatch": ("limit_dispatch", "派遣时限"),
    "limit_verify": ("limit_verify", "核查时限"),
    "workflow": ("workflow", "工作流程"),
    "closing_standard": ("closing_standard", "结案标准"),
}
SEVERITY_COLUMNS = {Severity.SIMPLE: "limit_simple", Severity.GENERAL: "limit_general", Severity.COMPLEX: "limit_complex"}
STAGE_COLUMNS = {Stage.INTAKE: "limit_intake", Stage.DISPATCH: "limit_dispatch", Stage.VERIFY: "limit_verify"}
#: the label of each column in problems (its first Chinese header)
DEPARTMENT_LABELS = {name: next(a for a in aliases if not a.isascii()) for name, aliases in DEPARTMENT_HEADERS.items()}
CATEGORY_LABELS = {name: next(a for a in aliases if not a.isascii()) for name, aliases in CATEGORY_HEADERS.items()}

_LIMIT_WORDS = (
    ("个工作日", LimitType.WORKING_DAYS), ("工作日", LimitType.WORKING_DAYS),
    ("个自然日", LimitType.NATURAL_DAYS), ("自然日", LimitType.NATURAL_DAYS), ("天", LimitType.NATURAL_DAYS),
    ("个工作小时", LimitType.WORKING_HOURS), ("工作小时", LimitType.WORKING_HOURS), ("工作时", LimitType.WORKING_HOURS),
    ("小时", LimitType.URGENT_HOURS),
)  # fmt: skip
_LIMIT_TEXT = re.compile(r"^(\d+)\s*(\D+)$")
_LIST_SEPARATORS = re.compile(r"[、,，;；/\s]+")
_YES = {"是", "y", "yes", "true", "1", "√"}
_NO = {"否", "n", "no", "false", "0", ""}


def parse_limit(text: str) -> TimeLimit:
    """`5个工作日`, `2工作小时`, `24小时` (round the clock), `3天`/`3个自然日`, or `working_days:5`."""
    value = unicodedata.normalize("NFKC", text).strip()
    m = _LIMIT_TEXT.match(value)
    if m:
        for word, kind in _LIMIT_WORDS:
            if m[2].strip() == word:
                return TimeLimit(kind, int(m[1]))
    try:
        return TimeLimit.parse(value)
    except ValidationError:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("importing", "时限“%1”无法识别，请写成“5个工作日”“4工作小时”“24小时”“3个自然日”"), text)) from None


def parse_limit_cell(text: str, label: str) -> TimeLimit:
    try:
        return parse_limit(text)
    except ValidationError as exc:
        raise _Bad(label, exc.message) from None


def _flag(text: str, label: str) -> bool:
    value = unicodedata.normalize("NFKC", text).strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "“%1”应为“是”或“否”"), text))


def _length(row: _Row, value: str, label: str, most: int) -> None:
    if len(value) > most:
        row.problems.append((label, Message(QT_TRANSLATE_NOOP("importing", "过长（最多%1字，现%2字）"), most, len(value))))


def _duplicates(records: list[tuple[int, dict[str, str]]], name: str, label: str, errors: list[RowError]) -> None:
    """A value of column `name` given twice in the file: each later row is bad, naming the first."""
    first: dict[str, int] = {}
    for rowno, rec in records:
        value = rec.get(name, "")
        if value and value in first:
            errors.append(RowError(rowno, label, Message(QT_TRANSLATE_NOOP("importing", "“%1”与第%2行重复"), value, first[value])))
        elif value:
            first[value] = rowno


def import_departments(db: Database, path: str | Path, *, actor: str) -> ImportResult:
    """Departments: 部门代码, 部门名称, 简称, 值班电话, 负责人 (the last three may be blank)."""
    what, labels = QT_TRANSLATE_NOOP("importing", "部门"), DEPARTMENT_LABELS
    records = _records(path, DEPARTMENT_HEADERS, ("code", "name"), what)
    errors: list[RowError] = []
    with db.write_session() as session:
        login = check_editor(session, actor)
        codes = {c: n for c, n in session.execute(select(Department.code, Department.name))}
        names = {n: c for c, n in codes.items()}
        _duplicates(records, "code", labels["code"], errors)
        _duplicates(records, "name", labels["name"], errors)

        def check(row: _Row, rowno: int, rec: dict[str, str]) -> dict[str, Any] | None:
            code = row(lambda: _required(rec, "code", labels["code"]))
            name = row(lambda: _required(rec, "name", labels["name"]))
            phone = row(lambda: _phone(rec.get("phone", ""), labels["phone"]))
            if code is not None:
                _length(row, code, labels["code"], 16)
                if code in codes:
                    row.problems.append((labels["code"], Message(QT_TRANSLATE_NOOP("importing", "部门代码“%1”已存在（%2）"), code, codes[code])))
            if name is not None:
                _length(row, name, labels["name"], 64)
                if name in names:
                    row.problems.append((labels["name"], Message(QT_TRANSLATE_NOOP("importing", "部门名称“%1”已存在（代码 %2）"), name, names[name])))
            _length(row, rec.get("short_name", ""), labels["short_name"], 16)
            _length(row, rec.get("head", ""), labels["head"], 40)
            if not row.ok:
                return None
            return {"code": code, "name": name, "short_name": rec.get("short_name", ""), "phone": phone,
                    "head": rec.get("head", "")}  # fmt: skip

        good = _check_all(records, check, errors)
        if errors:
            raise ImportErrors(errors, what)
        for _, d in good:
            add_department(session, actor=login, **d)
    return ImportResult("departments", len(good))


def import_categories(db: Database, path: str | Path, *, actor: str) -> ImportResult:
    """The 事项清单: 类别代码, 类别名称, 重点领域, 牵头部门, 配合部门, 严重程度, the 处置 limit per severity (at least
    the default severity's), the 受理/派遣/核查 limits (blank: the township's), 工作流程, 结案标准."""
    what, labels = QT_TRANSLATE_NOOP("importing", "事项清单"), CATEGORY_LABELS
    records = _records(path, CATEGORY_HEADERS, ("code", "name", "lead_department"), what)
    errors: list[RowError] = []
    with db.write_session() as session:
        login = check_editor(session, actor)
        existing = {c: n for c, n in session.execute(select(Category.code, Category.name))}
        taken = {n: c for c, n in existing.items()}
        departments: dict[str, Department] = {}
        for d in session.scalars(select(Department)):
            departments[d.code] = departments[d.name] = d
        _duplicates(records, "code", labels["code"], errors)
        _duplicates(records, "name", labels["name"], errors)

        def department(text: str, name: str) -> str:
            dep = departments.get(text)
            if dep is None:
                raise _Bad(labels[name], Message(QT_TRANSLATE_NOOP("importing", "未知的部门“%1”：请先导入部门"), text))
            if not dep.active:
                raise _Bad(labels[name], Message(QT_TRANSLATE_NOOP("importing", "部门“%1”已停用"), dep.name))
            return dep.code

        def check(row: _Row, rowno: int, rec: dict[str, str]) -> CategorySpec | None:
            code = row(lambda: _required(rec, "code", labels["code"]))
            name = row(lambda: _required(rec, "name", labels["name"]))
            if code is not None:
                _length(row, code, labels["code"], 16)
                if code in existing:
                    row.problems.append((labels["code"], Message(QT_TRANSLATE_NOOP("importing", "类别代码“%1”已存在（%2）：修改请用 gridconsole category edit"), code, existing[code])))
            if name is not None:
                _length(row, name, labels["name"], 40)
                if name in taken:
                    row.problems.append((labels["name"], Message(QT_TRANSLATE_NOOP("importing", "类别名称“%1”已存在（代码 %2）"), name, taken[name])))
            key_area = row(lambda: _flag(rec.get("key_area", ""), labels["key_area"]))
            lead = row(lambda: department(_required(rec, "lead_department", labels["lead_department"]), "lead_department"))
            co = [row(lambda part=part: department(part, "co_departments"))  # type: ignore[misc]
                  for part in _LIST_SEPARATORS.split(rec.get("co_departments", "")) if part]  # fmt: skip
            severity = (row(lambda: _enum(Severity, rec["severity"], labels["severity"])) if rec.get("severity")
                        else Severity.GENERAL)  # fmt: skip
            limits = {s: row(lambda c=c: parse_limit_cell(rec[c], labels[c]))  # type: ignore[misc]
                      for s, c in SEVERITY_COLUMNS.items() if rec.get(c)}  # fmt: skip
            stages = {s: row(lambda c=c: parse_limit_cell(rec[c], labels[c]))  # type: ignore[misc]
                      for s, c in STAGE_COLUMNS.items() if rec.get(c)}  # fmt: skip
            if severity is not None and severity not in limits:
                row.problems.append((labels[SEVERITY_COLUMNS[severity]],
                                     Message(QT_TRANSLATE_NOOP("importing", "缺少默认严重程度（%1）的办结时限"), severity.label)))  # fmt: skip
            if not row.ok or code is None or name is None or severity is None:
                return None
            return CategorySpec(
                code=code, name=name, key_area=bool(key_area), lead_department=lead,
                co_departments=tuple(c for c in co if c), severity=severity,
                limits={k: v for k, v in limits.items() if v is not None},
                stage_limits={k: v for k, v in stages.items() if v is not None},
                workflow=rec.get("workflow", ""), closing_standard=rec.get("closing_standard", ""),
            )  # fmt: skip

        good = _check_all(records, check, errors)
        if errors:
            raise ImportErrors(errors, what)
        for _, spec in good:
            add_category(session, spec, actor=login)
    return ImportResult("categories", len(good))
