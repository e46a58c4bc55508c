"""Import of grid rosters (grids, staff) and cases from CSV or XLSX, all or nothing.

Chinese offices keep these lists in Excel: CSV may come as UTF-8 (with or without BOM) or GB18030, headers
in Chinese or English. Every row is checked first; if any row is bad, nothing is written and the user gets
every bad row with its row number as Excel shows it (the header is row 1) and the reason. Then all rows go
in one transaction. Imported cases are numbered like any report and get a "report" history row (批量导入).
"""

from __future__ import annotations

import calendar
import csv
import difflib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from console import clock
from console.changes import record_change
from console.db import Database
from console.domain import GridKind, GridRole, Source
from console.errors import ValidationError
from console.grid_codes import code_problem, normalize_code, parent_code_of
from console.grids import CODE_LENGTH, create_grid, validate_code
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import CalendarYear, Category, Department, Grid, GridAssignment, Person
from console.security.audit import AuditEvent, audit, insert_audit_rows
from console.security.enforce import effective_login, require
from console.security.personal import mask_phone
from console.security.personal_reads import direct
from console.setup.common import check_editor, record
from console.workflow.service import ReportInput, file_report

IMPORT_NOTE = "批量导入"
_T = TypeVar("_T")

# accepted header spellings → field name
GRID_HEADERS = {
    "code": ("code", "网格编码", "编码", "网格代码"),
    "name": ("name", "网格名称", "名称"),
    "level": ("level", "层级", "网格层级", "级别"),
    "parent_code": ("parent_code", "parent", "上级编码", "上级网格编码", "上级网格"),
    "kind": ("kind", "网格类型", "类型"),
    "households": ("households", "户数"),
}
STAFF_HEADERS = {
    "name": ("name", "姓名"),
    "phone": ("phone", "电话", "手机", "手机号", "联系电话"),
    "grid_code": ("grid_code", "grid", "网格编码", "网格"),
    "role": ("role", "岗位", "角色", "职务"),
    "start_date": ("start_date", "开始日期", "任职日期", "起始日期"),
    "end_date": ("end_date", "结束日期", "离任日期", "截止日期"),
    "department": ("department", "所属部门", "部门"),  # optional: the person's department (code or name)
    "login": ("login", "登录名", "账号"),  # optional: the person's console login
}
CASE_HEADERS = {
    "grid_code": ("grid_code", "grid", "网格编码", "网格"),
    "category": ("category", "问题类别", "分类", "类别", "事件分类"),
    "summary": ("summary", "问题摘要", "摘要", "标题"),
    "description": ("description", "问题描述", "描述", "详细描述"),
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
        if self.column:
            return Message(QT_TRANSLATE_NOOP("importing", "第%1行［%2］：%3"), self.row, self.column, self.reason)
        return Message(QT_TRANSLATE_NOOP("importing", "第%1行：%2"), self.row, self.reason)


class ImportErrors(ValidationError):  # noqa: N818 - the name the brief and callers use
    """The file has bad rows; nothing was imported. `errors` lists (row, column, reason)."""

    def __init__(self, errors: list[RowError], what: str = QT_TRANSLATE_NOOP("importing", "数据")) -> None:
        self.errors = sorted(errors, key=lambda e: (e.row, e.column))
        super().__init__(Message(QT_TRANSLATE_NOOP("importing", "%1导入失败：发现%2处错误，未导入任何数据"), what, len(self.errors)))

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
        raise ValidationError(QT_TRANSLATE_NOOP("importing", "无法识别文件编码，未导入任何数据：请另存为 UTF-8 或 GB18030（ANSI）编码的 CSV")) from exc


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


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return "有一个单元格超过 128 KB，可能不是表格文件或引号不配对"
    if "NUL" in text:
        return "文件中含有空字符，可能是二进制文件"
    return "格式不正确"


def read_rows(path: str | Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header cells and data rows with their Excel row numbers; blank rows are skipped."""
    path = Path(path)
    if path.is_dir():
        raise ValidationError(Message(QT_TRANSLATE_NOOP("importing", "“%1”是文件夹，不是文件，未导入任何数据：请指定要导入的 .csv 或 .xlsx 文件"), path))
    if not path.exists():
        raise ValidationError(Message(QT_TRANSLATE_NOOP("importing", "文件不存在：%1，未导入任何数据"), path))
    suffix = path.suffix.lower()
    rows: list[list[str]]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            raise ValidationError(
                Message(QT_TRANSLATE_NOOP("importing", "文件 %1 不是有效的 Excel（.xlsx）文件（可能已损坏，或实际是其他格式），未导入任何数据：请在 Excel 中另存为 .xlsx 或 .csv 后再导入"), path.name)
            ) from None
        try:
            ws = wb.worksheets[0]
            rows = [[_cell(v) for v in r] for r in ws.iter_rows(values_only=True)]
        finally:
            wb.close()
    elif suffix in (".csv", ".txt"):
        text = decode_csv(path.read_bytes())
        try:
            rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]
        except csv.Error as exc:
            raise ValidationError(
                Message(QT_TRANSLATE_NOOP("importing", "文件 %1 无法按 CSV 读取（%2），未导入任何数据：请确认它是逗号分隔的表格文件"), path.name, _csv_reason(exc))
            ) from None
    else:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("importing", "不支持的文件类型“%1”：请使用 .csv 或 .xlsx"), path.suffix))
    if not rows or not any(rows[0]):
        raise ValidationError(Message(QT_TRANSLATE_NOOP("importing", "文件 %1 没有表头"), path.name))
    header = [_header_key(h) for h in rows[0]]
    data = [(i, r) for i, r in enumerate(rows[1:], start=2) if any(c for c in r)]
    return header, data


def _header_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


#: words people use for one another in headers: compared as the same when guessing the header meant
_SAME_WORDS = (("日期", "时间"), ("时刻", "时间"), ("号码", "电话"), ("手机", "电话"), ("代码", "编码"), ("类型", "类别"))


def _nearest(header: str, known: dict[str, str]) -> list[str]:
    """The known header spelling closest to `header` (synonyms folded first), if any is close."""

    def folded(text: str) -> str:
        for word, same in _SAME_WORDS:
            text = text.replace(word, same)
        return text

    by_fold = {folded(k): k for k in known}
    guess = difflib.get_close_matches(folded(header), list(by_fold), n=1, cutoff=0.34)
    return [by_fold[guess[0]]] if guess else []


def _display(aliases: tuple[str, ...]) -> str:
    """The header a person should write for a field: its first Chinese spelling."""
    return next((a for a in aliases if any("\u4e00" <= ch <= "\u9fff" for ch in a)), aliases[0])


def _records(
    path: str | Path, spec: dict[str, tuple[str, ...]], required: tuple[str, ...], what: str
) -> list[tuple[int, dict[str, str]]]:
    """The data rows as {field: text}. Every header must be one the import knows: an unknown or repeated
    column is an error (a misspelt header would otherwise be dropped and its values guessed), named with the
    header the user most likely meant; missing columns are named by their Chinese headers."""
    header, data = read_rows(path)
    known = {_header_key(a): name for name, aliases in spec.items() for a in aliases}
    columns: dict[str, int] = {}
    problems: list[RowError] = []
    for i, h in enumerate(header):
        if not h:
            if any(i < len(cells) and cells[i] for _, cells in data):
                problems.append(RowError(1, Message(QT_TRANSLATE_NOOP("importing", "第%1列"), i + 1), QT_TRANSLATE_NOOP("importing", "此列有数据但没有表头")))
            continue
        name = known.get(h)
        if name is None:
            guess = _nearest(h, known)
            hint = (
                Message(QT_TRANSLATE_NOOP("importing", "，是否应为“%1”？"), _display(spec[known[guess[0]]]))
                if guess
                else Message(QT_TRANSLATE_NOOP("importing", "：可用的列为%1"), "、".join(_display(a) for a in spec.values()))
            )
            problems.append(RowError(1, Message(QT_TRANSLATE_NOOP("importing", "第%1列"), i + 1), Message(QT_TRANSLATE_NOOP("importing", "未知的列“%1”%2"), h, hint)))
        elif name in columns:
            problems.append(RowError(1, Message(QT_TRANSLATE_NOOP("importing", "第%1列"), i + 1),
                                     Message(QT_TRANSLATE_NOOP("importing", "“%1”与第%2列是同一项（%3）"), h, columns[name] + 1, _display(spec[name]))))  # fmt: skip
        else:
            columns[name] = i
    problems.extend(RowError(1, _display(spec[n]), QT_TRANSLATE_NOOP("importing", "缺少此列")) for n in required if n not in columns)
    if problems:
        raise ImportErrors(problems, what)
    out = []
    for rowno, cells in data:
        out.append(
            (rowno, {name: (cells[i].strip() if i < len(cells) else "") for name, i in columns.items()})
        )
    if not out:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("importing", "%1文件中没有数据行，未导入任何数据"), what))
    return out


# --- values -------------------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


def _required(rec: dict[str, str], name: str, label: str) -> str:
    value = rec.get(name, "")
    if not value:
        raise _Bad(label, QT_TRANSLATE_NOOP("importing", "缺少必填项"))
    return value


_DATE = re.compile(
    r"^(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$"
)
_SERIAL = re.compile(r"^\d{1,6}(\.\d+)?$")
_EXCEL_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug folded in)
#: no date in an import may be earlier (unless the calendar starts earlier)
EARLIEST_DATE = date(2000, 1, 1)
DATE_FORMS = "YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日（可加 HH:MM）"


def parse_datetime_cell(
    text: str, label: str, *, earliest: date = EARLIEST_DATE, latest: datetime | None = None
) -> datetime:
    """A date (and time) written one unambiguous way, or an Excel date serial; refused when it names no real
    day, lies before `earliest` or after `latest`. Nothing is guessed: `2026111` is refused, not read as a
    day of November or of January."""
    value = _unambiguous(unicodedata.normalize("NFKC", text).strip(), label)
    if value.date() < earliest:
        raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "日期“%1”早于%2（本系统可登记的最早日期），请核对年份"), text, format(earliest, "%Y-%m-%d")))
    if latest is not None and value > latest:
        raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "“%1”晚于当前时间，请核对"), text))
    return value


def parse_date_cell(text: str, label: str, *, earliest: date = EARLIEST_DATE) -> date:
    value = parse_datetime_cell(text, label, earliest=earliest)
    if value.time() != datetime.min.time():
        raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "“%1”应为日期，不带时间"), text))
    return value.date()


def _unambiguous(text: str, label: str) -> datetime:
    m = _DATE.match(text)
    if m:
        year = int(m[1])
        month, day = next((int(m[i]), int(m[i + 1])) for i in (2, 4, 6, 8) if m[i] is not None)
        hour, minute, second = (int(m[i] or 0) for i in (10, 11, 12))
        if not 1 <= month <= 12:
            raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "日期“%1”无效：没有%2月"), text, month))
        try:
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            pass
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "日期“%1”不存在：%2年%3月没有%4日"), text, year, month, day))
        raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "时间“%1”无效：时应为0-23，分、秒应为0-59"), text))
    if _SERIAL.match(text) and 1 <= float(text) <= 2958465:  # an Excel date cell read as its number
        return (_EXCEL_EPOCH + timedelta(days=float(text))).replace(microsecond=0)
    if text.isdigit():
        raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "日期“%1”无法确定是哪一天，请写成 %2"), text, DATE_FORMS))
    raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "“%1”不是日期，请写成 %2"), text, DATE_FORMS))


def _int(text: str, label: str, lo: int, hi: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "“%1”不是整数"), text)) from None
    if not lo <= value <= hi:
        raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "%1超出范围（%2-%3）"), value, lo, hi))
    return value


def _enum(cls: Any, text: str, label: str) -> Any:
    try:
        return cls.from_text(text)
    except ValueError as exc:
        raise _Bad(label, str(exc)) from None


def _grid_code(text: str, label: str, known: Any) -> str:
    """A grid code from a cell (NFKC: full-width digits count), that must be one of `known`."""
    code = normalize_code(text)
    if code in known:
        return code
    problem = code_problem(text)
    raise _Bad(label, problem or Message(QT_TRANSLATE_NOOP("importing", "未知的网格编码“%1”：数据库中没有此网格，请先导入或新建网格"), text))


def _phone(text: str, label: str) -> str | None:
    if not text:
        return None
    digits = unicodedata.normalize("NFKC", text).replace("-", "").replace(" ", "")
    if not digits.isdigit() or not 7 <= len(digits) <= 20:
        raise _Bad(label, Message(QT_TRANSLATE_NOOP("importing", "电话号码“%1”无效"), text))
    return digits


class _Row:
    """Checks one row field by field and keeps every problem, so the report names them all at once."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def __call__(self, check: Callable[[], _T]) -> _T | None:
        try:
            return check()
        except _Bad as bad:
            self.problems.append((bad.column, bad.reason))
        except ValidationError as exc:
            self.problems.append(("", exc.message))
        return None

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_all(
    records: list[tuple[int, dict[str, str]]],
    check: Callable[[_Row, int, dict[str, str]], Any],
    errors: list[RowError],
) -> list[tuple[int, Any]]:
    good = []
    for rowno, rec in records:
        row = _Row()
        value = row(lambda rowno=rowno, rec=rec, row=row: check(row, rowno, rec))  # type: ignore[misc]
        if row.ok and value is not None:
            good.append((rowno, value))
        errors.extend(RowError(rowno, column, reason) for column, reason in row.problems)
    return good


# --- grids --------------------------------------------------------------------------------------------------


def import_grids(db: Database, path: str | Path, *, actor: str) -> ImportResult:
    """Grid roster: code, name, level, parent_code, kind, households (level/parent/kind may be left blank). A
    change of the map: only the posts that may `grid_rezone` (`console.rezoning`'s check), with an audit row."""
    with db.session() as session:  # refused before the file is read
        actor = effective_login(session, actor)
        require(session, actor, "grid_rezone")
    records = _records(path, GRID_HEADERS, ("code", "name"), QT_TRANSLATE_NOOP("importing", "网格"))
    errors: list[RowError] = []
    with db.write_session() as session:
        require(session, actor, "grid_rezone")  # the posts may have changed since: asked again where it writes
        existing = {
            code: (level, kind)
            for code, level, kind in session.execute(select(Grid.code, Grid.level, Grid.kind))
        }
        in_file: dict[str, int] = {}
        for rowno, rec in records:
            code = normalize_code(rec.get("code", ""))
            if code in in_file:
                errors.append(RowError(rowno, "网格编码", f"网格编码“{code}”与第{in_file[code]}行重复"))
            elif code:
                in_file[code] = rowno
        file_codes = set(in_file)

        def check(row: _Row, rowno: int, rec: dict[str, str]) -> dict[str, Any] | None:
            code = row(lambda: normalize_code(_required(rec, "code", "网格编码")))
            name = row(lambda: _required(rec, "name", "网格名称"))
            if name is not None and len(name) > 80:
                row.problems.append(("网格名称", QT_TRANSLATE_NOOP("importing", "名称过长（最多80字）")))
            level = row(lambda: _int(rec["level"], "层级", 1, 3)) if rec.get("level") else None
            kind = row(lambda: _enum(GridKind, rec["kind"], "网格类型")) if rec.get("kind") else GridKind.REGULAR
            households = row(lambda: _int(rec["households"], "户数", 0, 1_000_000)) if rec.get("households") else 0
            parent = normalize_code(rec.get("parent_code", "")) or None
            if code is None:
                return None
            if len(code) == CODE_LENGTH and code.isdigit():
                parent = parent or parent_code_of(code)
            hint = code_problem(code)
            if hint is not None:
                row.problems.append(("网格编码", hint))
                return None
            try:
                level = validate_code(code, level=level, parent_code=parent, kind=kind)
            except ValidationError as exc:
                row.problems.append(("网格编码", exc.message))
            if code in existing:
                row.problems.append(("网格编码", Message(QT_TRANSLATE_NOOP("importing", "网格编码“%1”已存在"), code)))
            if parent and parent not in existing and parent not in file_codes:
                row.problems.append(("上级编码", Message(QT_TRANSLATE_NOOP("importing", "上级网格“%1”不存在（数据库和本文件中都没有）"), parent)))
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
            raise ImportErrors(errors, QT_TRANSLATE_NOOP("importing", "网格"))
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
        audit(session, AuditEvent.REFERENCE_CHANGE, login=actor, object="网格名册",
              detail=f"导入网格 {len(good)} 个：{Path(path).name}")  # fmt: skip
    return ImportResult("grids", len(good))


# --- staff --------------------------------------------------------------------------------------------------


def _staff_keys(session: Session) -> tuple[list[tuple[int, str, str, str | None]], Callable[[str | None], str]]:
    """Every person as (id, name, phone key, login), and how a file's phone becomes a key. The key is the phone
    itself where this connection reads `person.phone` (SQLite, the owner); a PostgreSQL person's login never
    reads it (`console.security.pg_personal`), so there the key is the masked phone the staff list shows and the
    import tells people apart by name and masked phone (138****5678) — the same name with a phone of the same
    first three and last four digits would be taken for the same person."""
    if direct(session, "person", "phone"):
        rows = session.execute(select(Person.id, Person.name, Person.phone, Person.login)).tuples().all()
        return [(i, n, p or "", login) for i, n, p, login in rows], lambda phone: phone or ""
    masked = dict(session.execute(text("SELECT o_person_id, o_phone FROM gc_person_phones()")).tuples().all())
    rows2 = session.execute(select(Person.id, Person.name, Person.login)).tuples().all()
    return [(i, n, masked.get(i) or "", login) for i, n, login in rows2], mask_phone


def import_staff(db: Database, path: str | Path, *, actor: str) -> ImportResult:
    """Staff roster: name, phone, grid_code, role, start_date, end_date (blank while in post). Set-up data like
    `console.setup.staff`: the posts that may `reference_edit`, with an audit row."""
    with db.session() as session:  # refused before the file is read
        check_editor(session, actor)
    records = _records(path, STAFF_HEADERS, ("name", "grid_code", "role", "start_date"), QT_TRANSLATE_NOOP("importing", "人员"))
    errors: list[RowError] = []
    with db.write_session() as session:
        actor = check_editor(session, actor)
        grids = {code: gid for code, gid in session.execute(select(Grid.code, Grid.id))}
        departments: dict[str, Department] = {}
        for d in session.scalars(select(Department)):
            departments[d.code] = departments[d.name] = d
        everyone, phone_key = _staff_keys(session)
        owners = {login: (name, key) for _id, name, key, login in everyone if login}
        first_use: dict[str, tuple[int, str, str]] = {}  # login → its first row in the file, name, phone
        for rowno, rec in records:
            if rec.get("login"):
                first_use.setdefault(rec["login"], (rowno, rec.get("name", ""), rec.get("phone", "")))

        def department(text: str) -> int | None:
            if not text:
                return None
            dep = departments.get(text)
            if dep is None:
                raise _Bad("所属部门", Message(QT_TRANSLATE_NOOP("importing", "未知的部门“%1”：请先导入或新建部门"), text))
            if not dep.active:
                raise _Bad("所属部门", Message(QT_TRANSLATE_NOOP("importing", "部门“%1”已停用"), dep.name))
            return dep.id

        def check(row: _Row, rowno: int, rec: dict[str, str]) -> dict[str, Any] | None:
            name = row(lambda: _required(rec, "name", "姓名"))
            dep_id = row(lambda: department(rec.get("department", "")))
            login = rec.get("login", "") or None
            if login is not None and len(login) > 64:
                row.problems.append(("登录名", QT_TRANSLATE_NOOP("importing", "登录名过长（最多64字）")))
            if name is not None and len(name) > 40:
                row.problems.append(("姓名", QT_TRANSLATE_NOOP("importing", "姓名过长（最多40字）")))
            phone = row(lambda: _phone(rec.get("phone", ""), "电话"))
            code = row(lambda: _grid_code(_required(rec, "grid_code", "网格编码"), "网格编码", grids))
            role = row(lambda: _enum(GridRole, _required(rec, "role", "岗位"), "岗位"))
            start = row(lambda: parse_date_cell(_required(rec, "start_date", "开始日期"), "开始日期"))
            end = row(lambda: parse_date_cell(rec["end_date"], "结束日期")) if rec.get("end_date") else None
            if end is not None and start is not None and end < start:
                row.problems.append(("结束日期", QT_TRANSLATE_NOOP("importing", "结束日期早于开始日期")))
            if login is not None:  # a login belongs to one person: in the database and across the file's rows
                owner = owners.get(login)
                first, first_name, first_phone = first_use[login]
                if (owner is not None and owner != (rec.get("name", ""), phone_key(phone))) or (
                    first != rowno and (first_name, first_phone) != (rec.get("name", ""), rec.get("phone", ""))
                ):
                    row.problems.append(("登录名", Message(QT_TRANSLATE_NOOP("importing", "登录名“%1”已属于其他人员"), login)))
            if not row.ok or code is None:
                return None
            return {
                "name": name,
                "phone": phone,
                "department_id": dep_id,
                "login": login,
                "grid_id": grids[code],
                "role": role,
                "start": start,
                "end": end,
            }

        good = _check_all(records, check, errors)
        if errors:
            raise ImportErrors(errors, QT_TRANSLATE_NOOP("importing", "人员"))
        people: dict[tuple[str, str], int] = {(name, key): i for i, name, key, _login in everyone}
        for _, s in good:
            key = (s["name"], phone_key(s["phone"]))
            if key not in people:
                person = Person(name=s["name"], phone=s["phone"], department_id=s["department_id"],
                                login=s["login"], active=True)  # fmt: skip
                session.add(person)
                session.flush()
                people[key] = person.id
            elif s["department_id"] is not None or s["login"]:
                known = session.get(Person, people[key])
                if known is not None:
                    known.department_id = s["department_id"] or known.department_id
                    known.login = s["login"] or known.login
            session.add(
                GridAssignment(
                    grid_id=s["grid_id"],
                    person_id=people[key],
                    role=s["role"],
                    start_date=s["start"],
                    end_date=s["end"],
                )
            )
        record(session, actor, "网格人员名册", f"导入人员岗位 {len(good)} 条：{Path(path).name}")
    return ImportResult("staff", len(good))


# --- cases --------------------------------------------------------------------------------------------------


def import_cases(db: Database, path: str | Path, *, actor: str) -> ImportResult:
    """Cases: grid_code, category (name or code), summary, description, address, source, reported_at,
    reporter, reporter_phone. They enter as reported (待受理), numbered per township and year."""
    from console.workflow.numbering import next_numbers

    records = _records(path, CASE_HEADERS, ("grid_code", "category", "summary"), QT_TRANSLATE_NOOP("importing", "案件"))
    errors: list[RowError] = []
    now = clock.now()
    with db.write_session() as session:
        grids = {g.code: g for g in session.scalars(select(Grid))}
        cats: dict[str, Category] = {}
        for c in session.scalars(select(Category)):
            cats[c.code] = c
            cats[c.name] = c
        townships = {g.code[:9]: g for g in grids.values() if g.level == 1}
        first_year = session.scalar(select(func.min(CalendarYear.year)))
        earliest = date(first_year, 1, 1) if first_year else EARLIEST_DATE  # the calendar counts from there

        def check(row: _Row, rowno: int, rec: dict[str, str]) -> dict[str, Any] | None:
            code = row(lambda: _grid_code(_required(rec, "grid_code", "网格编码"), "网格编码", grids))
            grid = grids.get(code) if code is not None else None
            township = None
            if grid is not None and not grid.active:
                row.problems.append(("网格编码", Message(QT_TRANSLATE_NOOP("importing", "网格“%1”（%2）已撤销，不能再上报案件"), grid.name, code)))
            elif grid is not None:
                township = townships.get(grid.code[:9])
                if township is None:
                    row.problems.append(("网格编码", Message(QT_TRANSLATE_NOOP("importing", "网格“%1”不属于任何乡镇（一级网格）"), code)))
            cat = row(lambda: _category(_required(rec, "category", "问题类别")))
            summary = row(lambda: _required(rec, "summary", "问题摘要"))
            if summary is not None and len(summary) > 120:
                row.problems.append(("问题摘要", Message(QT_TRANSLATE_NOOP("importing", "摘要过长（最多120字，现%1字）"), len(summary))))
            address = rec.get("address", "")
            if len(address) > 200:
                row.problems.append(("地址", QT_TRANSLATE_NOOP("importing", "地址过长（最多200字）")))
            source = row(lambda: _enum(Source, rec["source"], "来源")) if rec.get("source") else Source.RESIDENT
            reported_at = (
                row(lambda: parse_datetime_cell(rec["reported_at"], "上报时间", earliest=earliest, latest=now))
                if rec.get("reported_at")
                else now
            )
            reporter = rec.get("reporter", "")[:40] or None
            phone = row(lambda: _phone(rec.get("reporter_phone", ""), "联系电话"))
            if not row.ok:
                return None
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

        def _category(text: str) -> Category:
            cat = cats.get(text)
            if cat is None:
                raise _Bad(QT_TRANSLATE_NOOP("importing", "问题类别"), Message(QT_TRANSLATE_NOOP("importing", "未知的问题类别“%1”"), text))
            if not cat.active:
                raise _Bad(QT_TRANSLATE_NOOP("importing", "问题类别"), Message(QT_TRANSLATE_NOOP("importing", "问题类别“%1”已停用"), cat.name))
            return cat

        good = _check_all(records, check, errors)
        if errors:
            raise ImportErrors(errors, QT_TRANSLATE_NOOP("importing", "案件"))
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
    from console.setup.importers import import_categories, import_departments  # noqa: PLC0415 - they use this module

    funcs = {"grids": import_grids, "staff": import_staff, "cases": import_cases,
             "departments": import_departments, "categories": import_categories}  # fmt: skip
    if kind not in funcs:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("importing", "未知的导入类型“%1”：可选 grids、departments、categories、staff、cases"), kind))
    return funcs[kind](db, path, actor=actor)
