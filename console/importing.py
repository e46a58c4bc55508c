"""Import of grid rosters (grids, staff) and cases from CSV or XLSX, all or nothing.

Chinese offices keep these lists in Excel: CSV may come as UTF-8 (with or without BOM) or GB18030, headers
in Chinese or English. Every row is checked first; if any row is bad, nothing is written and the user gets
every bad row with its row number as Excel shows it (the header is row 1) and the reason. Then all rows go
in one transaction. Imported cases are numbered like any report and get a "report" history row (批量导入).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from console import clock
from console.changes import record_change
from console.db import Database
from console.domain import GridKind, GridRole, Source
from console.errors import ValidationError
from console.grid_codes import parent_code_of
from console.grids import CODE_LENGTH, create_grid, validate_code
from console.models import Category, Grid, GridAssignment, Person
from console.security.audit import insert_audit_rows
from console.workflow.service import ReportInput, file_report

IMPORT_NOTE = "批量导入"

# accepted header spellings → field name
GRID_HEADERS = {
    "code": ("code", "编码", "网格编码", "网格代码"),
    "name": ("name", "名称", "网格名称"),
    "level": ("level", "层级", "网格层级", "级别"),
    "parent_code": ("parent_code", "parent", "上级编码", "上级网格编码", "上级网格"),
    "kind": ("kind", "类型", "网格类型"),
    "households": ("households", "户数"),
}
STAFF_HEADERS = {
    "name": ("name", "姓名"),
    "phone": ("phone", "电话", "手机", "手机号", "联系电话"),
    "grid_code": ("grid_code", "grid", "网格编码", "网格"),
    "role": ("role", "岗位", "角色", "职务"),
    "start_date": ("start_date", "开始日期", "任职日期", "起始日期"),
    "end_date": ("end_date", "结束日期", "离任日期", "截止日期"),
}
CASE_HEADERS = {
    "grid_code": ("grid_code", "grid", "网格编码", "网格"),
    "category": ("category", "分类", "类别", "问题类别", "事件分类"),
    "summary": ("summary", "摘要", "标题", "问题摘要"),
    "description": ("description", "描述", "问题描述", "详细描述"),
    "address": ("address", "地址", "地点"),
    "source": ("source", "来源", "问题来源"),
    "reported_at": ("reported_at", "上报时间", "反映时间"),
    "reporter": ("reporter", "reporter_name", "反映人", "上报人"),
    "reporter_phone": ("reporter_phone", "联系电话", "反映人电话"),
    "people_involved": ("people_involved", "涉及人员", "当事人"),
}


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel shows it: the header is row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行" + (f"［{self.column}］" if self.column else "") + f"：{self.reason}"


class ImportErrors(ValidationError):  # noqa: N818 - the name the brief and callers use
    """The file has bad rows; nothing was imported. `errors` lists (row, column, reason)."""

    def __init__(self, errors: list[RowError], what: str = "数据") -> None:
        self.errors = sorted(errors, key=lambda e: (e.row, e.column))
        super().__init__(f"{what}导入失败：发现{len(self.errors)}处错误，未导入任何数据")

    def report(self) -> str:
        return "\n".join([self.message, *(str(e) for e in self.errors)])


@dataclass
class ImportResult:
    kind: str
    inserted: int
    numbers: list[str] = field(default_factory=list)  # case numbers given, in file order


# --- reading files ------------------------------------------------------------------------------------------


def decode_csv(data: bytes) -> str:
    """UTF-8 (BOM or not), else GB18030 (what Excel writes as "CSV" on a Chinese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ValidationError("无法识别文件编码：请另存为 UTF-8 或 GB18030（ANSI）编码的 CSV") from exc


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M:%S")
            if value.time() != datetime.min.time()
            else value.date().isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_rows(path: str | Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header cells and data rows with their Excel row numbers; blank rows are skipped."""
    path = Path(path)
    if not path.exists():
        raise ValidationError(f"文件不存在：{path}")
    suffix = path.suffix.lower()
    rows: list[list[str]]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise ValidationError(f"无法打开 Excel 文件 {path.name}：{exc}") from exc
        try:
            ws = wb.worksheets[0]
            rows = [[_cell(v) for v in r] for r in ws.iter_rows(values_only=True)]
        finally:
            wb.close()
    elif suffix in (".csv", ".txt"):
        text = decode_csv(path.read_bytes())
        rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]
    else:
        raise ValidationError(f"不支持的文件类型“{path.suffix}”：请使用 .csv 或 .xlsx")
    if not rows or not any(rows[0]):
        raise ValidationError(f"文件 {path.name} 没有表头")
    header = [h.strip().lower() for h in rows[0]]
    data = [(i, r) for i, r in enumerate(rows[1:], start=2) if any(c for c in r)]
    return header, data


def _records(
    path: str | Path, spec: dict[str, tuple[str, ...]], required: tuple[str, ...], what: str
) -> list[tuple[int, dict[str, str]]]:
    header, data = read_rows(path)
    columns: dict[str, int] = {}
    for name, aliases in spec.items():
        for i, h in enumerate(header):
            if h in aliases and name not in columns:
                columns[name] = i
    missing = [spec[name][1] if len(spec[name]) > 1 else name for name in required if name not in columns]
    if missing:
        raise ImportErrors([RowError(1, m, "缺少此列") for m in missing], what)
    out = []
    for rowno, cells in data:
        out.append(
            (rowno, {name: (cells[i].strip() if i < len(cells) else "") for name, i in columns.items()})
        )
    if not out:
        raise ValidationError(f"{what}文件中没有数据行")
    return out


# --- values -------------------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


def _required(rec: dict[str, str], name: str, label: str) -> str:
    value = rec.get(name, "")
    if not value:
        raise _Bad(label, "缺少必填项")
    return value


def parse_date_cell(text: str, label: str) -> date:
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise _Bad(label, f"日期“{text}”无效，应为 YYYY-MM-DD") from None


def parse_datetime_cell(text: str, label: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        value = datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        try:
            return datetime.combine(parse_date_cell(text, label), datetime.min.time())
        except _Bad:
            raise _Bad(label, f"时间“{text}”无效，应为 YYYY-MM-DD HH:MM") from None
    return value


def _int(text: str, label: str, lo: int, hi: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise _Bad(label, f"“{text}”不是整数") from None
    if not lo <= value <= hi:
        raise _Bad(label, f"{value}超出范围（{lo}-{hi}）")
    return value


def _enum(cls: Any, text: str, label: str) -> Any:
    try:
        return cls.from_text(text)
    except ValueError as exc:
        raise _Bad(label, str(exc)) from None


def _phone(text: str, label: str) -> str | None:
    if not text:
        return None
    digits = text.replace("-", "").replace(" ", "")
    if not digits.isdigit() or not 7 <= len(digits) <= 20:
        raise _Bad(label, f"电话号码“{text}”无效")
    return digits


def _check_all(
    records: list[tuple[int, dict[str, str]]],
    check: Callable[[int, dict[str, str]], Any],
    errors: list[RowError],
) -> list[tuple[int, Any]]:
    good = []
    for rowno, rec in records:
        try:
            good.append((rowno, check(rowno, rec)))
        except _Bad as bad:
            errors.append(RowError(rowno, bad.column, bad.reason))
        except ValidationError as exc:
            errors.append(RowError(rowno, "", exc.message))
    return good


# --- grids --------------------------------------------------------------------------------------------------


def import_grids(db: Database, path: str | Path, *, actor: str) -> ImportResult:
    """Grid roster: code, name, level, parent_code, kind, households (level/parent/kind may be left blank)."""
    records = _records(path, GRID_HEADERS, ("code", "name"), "网格")
    errors: list[RowError] = []
    with db.write_session() as session:
        existing = {
            code: (level, kind)
            for code, level, kind in session.execute(select(Grid.code, Grid.level, Grid.kind))
        }
        in_file: dict[str, int] = {}
        for rowno, rec in records:
            code = rec.get("code", "")
            if code in in_file:
                errors.append(RowError(rowno, "网格编码", f"网格编码“{code}”与第{in_file[code]}行重复"))
            elif code:
                in_file[code] = rowno
        file_codes = set(in_file)

        def check(rowno: int, rec: dict[str, str]) -> dict[str, Any]:
            code = _required(rec, "code", "网格编码")
            name = _required(rec, "name", "网格名称")
            if len(name) > 80:
                raise _Bad("网格名称", "名称过长（最多80字）")
            level = _int(rec["level"], "层级", 1, 3) if rec.get("level") else None
            kind = _enum(GridKind, rec["kind"], "网格类型") if rec.get("kind") else GridKind.REGULAR
            households = _int(rec["households"], "户数", 0, 1_000_000) if rec.get("households") else 0
            parent = rec.get("parent_code") or None
            if len(code) == CODE_LENGTH and code.isdigit():
                parent = parent or parent_code_of(code)
            try:
                level = validate_code(code, level=level, parent_code=parent, kind=kind)
            except ValidationError as exc:
                raise _Bad("网格编码", exc.message) from None
            if code in existing:
                raise _Bad("网格编码", f"网格编码“{code}”已存在")
            if parent and parent not in existing and parent not in file_codes:
                raise _Bad("上级编码", f"上级网格“{parent}”不存在（数据库和本文件中都没有）")
            return {
                "code": code,
                "name": name,
                "level": level,
                "parent": parent,
                "kind": kind,
                "households": households,
            }

        good = _check_all(records, check, errors)
        if errors:
            raise ImportErrors(errors, "网格")
        for _, g in sorted(good, key=lambda item: (item[1]["level"], item[1]["code"])):
            create_grid(
                session,
                code=g["code"],
                name=g["name"],
                parent_code=g["parent"],
                level=g["level"],
                kind=g["kind"],
                households=g["households"],
                actor=actor,
                note=IMPORT_NOTE,
            )
    return ImportResult("grids", len(good))


# --- staff --------------------------------------------------------------------------------------------------


def import_staff(db: Database, path: str | Path, *, actor: str) -> ImportResult:
    """Staff roster: name, phone, grid_code, role, start_date, end_date (blank while in post)."""
    records = _records(path, STAFF_HEADERS, ("name", "grid_code", "role", "start_date"), "人员")
    errors: list[RowError] = []
    with db.write_session() as session:
        grids = {code: gid for code, gid in session.execute(select(Grid.code, Grid.id))}

        def check(rowno: int, rec: dict[str, str]) -> dict[str, Any]:
            name = _required(rec, "name", "姓名")
            if len(name) > 40:
                raise _Bad("姓名", "姓名过长（最多40字）")
            phone = _phone(rec.get("phone", ""), "电话")
            code = _required(rec, "grid_code", "网格编码")
            if code not in grids:
                raise _Bad("网格编码", f"未知的网格编码“{code}”")
            role = _enum(GridRole, _required(rec, "role", "岗位"), "岗位")
            start = parse_date_cell(_required(rec, "start_date", "开始日期"), "开始日期")
            end = parse_date_cell(rec["end_date"], "结束日期") if rec.get("end_date") else None
            if end is not None and end < start:
                raise _Bad("结束日期", "结束日期早于开始日期")
            return {
                "name": name,
                "phone": phone,
                "grid_id": grids[code],
                "role": role,
                "start": start,
                "end": end,
            }

        good = _check_all(records, check, errors)
        if errors:
            raise ImportErrors(errors, "人员")
        people: dict[tuple[str, str | None], int] = {
            (p.name, p.phone): p.id for p in session.scalars(select(Person))
        }
        for _, s in good:
            key = (s["name"], s["phone"])
            if key not in people:
                person = Person(name=s["name"], phone=s["phone"], active=True)
                session.add(person)
                session.flush()
                people[key] = person.id
            session.add(
                GridAssignment(
                    grid_id=s["grid_id"],
                    person_id=people[key],
                    role=s["role"],
                    start_date=s["start"],
                    end_date=s["end"],
                )
            )
    return ImportResult("staff", len(good))


# --- cases --------------------------------------------------------------------------------------------------


def import_cases(db: Database, path: str | Path, *, actor: str) -> ImportResult:
    """Cases: grid_code, category (name or code), summary, description, address, source, reported_at,
    reporter, reporter_phone. They enter as reported (待受理), numbered per township and year."""
    from console.workflow.numbering import next_numbers

    records = _records(path, CASE_HEADERS, ("grid_code", "category", "summary"), "案件")
    errors: list[RowError] = []
    now = clock.now()
    with db.write_session() as session:
        grids = {g.code: g for g in session.scalars(select(Grid))}
        cats: dict[str, Category] = {}
        for c in session.scalars(select(Category)):
            cats[c.code] = c
            cats[c.name] = c
        townships = {g.code[:9]: g for g in grids.values() if g.level == 1}

        def check(rowno: int, rec: dict[str, str]) -> dict[str, Any]:
            code = _required(rec, "grid_code", "网格编码")
            grid = grids.get(code)
            if grid is None:
                raise _Bad("网格编码", f"未知的网格编码“{code}”")
            if not grid.active:
                raise _Bad("网格编码", f"网格“{grid.name}”（{code}）已撤销，不能再上报案件")
            township = townships.get(code[:9])
            if township is None:
                raise _Bad("网格编码", f"网格“{code}”不属于任何乡镇（一级网格）")
            cat_text = _required(rec, "category", "问题类别")
            cat = cats.get(cat_text)
            if cat is None:
                raise _Bad("问题类别", f"未知的问题类别“{cat_text}”")
            if not cat.active:
                raise _Bad("问题类别", f"问题类别“{cat.name}”已停用")
            summary = _required(rec, "summary", "问题摘要")
            if len(summary) > 120:
                raise _Bad("问题摘要", f"摘要过长（最多120字，现{len(summary)}字）")
            address = rec.get("address", "")
            if len(address) > 200:
                raise _Bad("地址", "地址过长（最多200字）")
            source = _enum(Source, rec["source"], "来源") if rec.get("source") else Source.RESIDENT
            reported_at = (
                parse_datetime_cell(rec["reported_at"], "上报时间") if rec.get("reported_at") else now
            )
            if reported_at > now:
                raise _Bad("上报时间", "上报时间不能晚于当前时间")
            reporter = rec.get("reporter", "")[:40] or None
            phone = _phone(rec.get("reporter_phone", ""), "联系电话")
            return {
                "grid": grid,
                "township": township,
                "cat": cat,
                "summary": summary,
                "description": rec.get("description", ""),
                "address": address,
                "source": source,
                "reported_at": reported_at,
                "reporter": reporter,
                "phone": phone,
                "people": rec.get("people_involved", ""),
            }

        good = _check_all(records, check, errors)
        if errors:
            raise ImportErrors(errors, "案件")
        # number by township and year, in file order
        wanted: dict[tuple[int, int], int] = {}
        for _, c in good:
            key = (c["township"].id, c["reported_at"].year)
            wanted[key] = wanted.get(key, 0) + 1
        ranges = {key: iter(next_numbers(session, key[0], key[1], n)) for key, n in sorted(wanted.items())}
        numbers = []
        filed = []
        audit_rows: list[dict[str, Any]] = []
        for _, c in good:
            year = c["reported_at"].year
            seq = next(ranges[(c["township"].id, year)])
            report = ReportInput(
                grid=c["grid"].code,
                category=c["cat"].code,
                summary=c["summary"],
                source=c["source"],
                description=c["description"],
                address=c["address"],
                reporter_name=c["reporter"],
                reporter_phone=c["phone"],
                people_involved=c["people"],
                reported_at=c["reported_at"],
                note=IMPORT_NOTE,
            )
            case = file_report(
                session, report, c["grid"], c["cat"], c["township"].id, seq, actor, now, audit_rows=audit_rows
            )
            numbers.append(case.number)
            filed.append(case)
        session.flush()  # one flush: the cases and their history rows go in as batched INSERTs
        insert_audit_rows(session, audit_rows)
        record_change(session, [case.id for case in filed])
        session.flush()
    return ImportResult("cases", len(good), numbers)


def import_file(db: Database, kind: str, path: str | Path, *, actor: str) -> ImportResult:
    funcs = {"grids": import_grids, "staff": import_staff, "cases": import_cases}
    if kind not in funcs:
        raise ValidationError(f"未知的导入类型“{kind}”：可选 grids、staff、cases")
    return funcs[kind](db, path, actor=actor)
