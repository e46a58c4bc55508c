"""The 事项清单: each category's key area, default lead and co-departments, severity, time limit per severity and
per stage, 工作流程, 结案标准 and whether it is in use — kept as dated versions (`CategoryVersion`).

A change takes effect from a day (today or later, never earlier: what was in force cannot be rewritten). A
stage's clock reads the version in force on the day the stage starts (`console.deadlines.stage_limits`), so a
case dispatched before the change keeps the limit it was dispatched with and one dispatched after gets the
new one. The `category` row (and its `stage_limit` rows) mirror the version in force today, for the readers
that show the list (dialogs, queue, ledger, review, demo: many join on `category` in SQL, so the row is kept
current rather than every reader dated); a version dated later is mirrored by the first read on or after its
day, on any seat (`keep_current`, which `console.db.Database` runs before the first session of each day): on
PostgreSQL a login that may not write `category` asks the server (`gc_apply_due_category_versions`,
`console.security.pg_item_list`), which applies the same rule. The row only moves forward (`category.version_id`
names the version it shows), so a seat whose clock is behind never brings an older version back.

Departments are named by code in `CategorySpec` and `CategoryRow` (the CLI and imports also accept a name).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from console import clock
from console.deadlines.limits import TimeLimit
from console.deadlines.stage_limits import version_limits, version_on
from console.domain import Severity, Stage
from console.errors import NotFound, ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Category, CategoryVersion, Department, StageLimit
from console.session_cache import forget
from console.setup.common import check_editor, check_length, clean, record
from console.setup.departments import find_department

#: the day a category's first snapshot counts from, when it existed before the item list was dated
BEGINNING = date(2000, 1, 1)
#: the stages with their own limit beside 处置 (whose limit is per severity)
OTHER_STAGES = (Stage.INTAKE, Stage.DISPATCH, Stage.VERIFY)


@dataclass(frozen=True)
class CategorySpec:
    """The editable fields of a category's item-list entry."""

    code: str
    name: str
    key_area: bool = False
    lead_department: str | None = None  # department code (or name)
    co_departments: tuple[str, ...] = ()
    severity: Severity = Severity.GENERAL
    limits: Mapping[Severity, TimeLimit] = field(default_factory=dict)  # 处置 limit per severity
    stage_limits: Mapping[Stage, TimeLimit] = field(default_factory=dict)  # 受理/派遣/核查 (absent: township)
    workflow: str = ""
    closing_standard: str = ""
    active: bool = True


@dataclass(frozen=True)
class CategoryRow:
    code: str
    name: str
    key_area: bool
    lead_department: str | None  # department code
    co_departments: tuple[str, ...]  # department codes
    severity: Severity
    limits: dict[Severity, TimeLimit]
    stage_limits: dict[Stage, TimeLimit]
    workflow: str
    closing_standard: str
    active: bool
    effective_from: date
    lead_department_name: str = ""
    co_department_names: tuple[str, ...] = ()
    recorded_at: datetime | None = None
    recorded_by: str = ""
    note: str = ""

    @property
    def limit(self) -> TimeLimit | None:
        """The 处置 limit of the category's default severity."""
        return self.limits.get(self.severity)


# --- reading ------------------------------------------------------------------------------------------------


def _departments(session: Session) -> dict[int, Department]:
    return {d.id: d for d in session.scalars(select(Department))}


def _from_version(cat: Category, v: CategoryVersion, deps: dict[int, Department]) -> CategoryRow:
    limits, stages = version_limits(v)
    co = [deps[i] for i in json.loads(v.co_department_ids or "[]") if i in deps]
    lead = deps.get(v.lead_department_id) if v.lead_department_id else None
    return CategoryRow(
        cat.code, v.name, bool(v.key_area), lead.code if lead else None, tuple(d.code for d in co), v.severity,
        limits, stages, v.workflow or "", v.closing_standard or "", bool(v.active), v.effective_from,
        lead.name if lead else "", tuple(d.name for d in co), v.recorded_at, v.recorded_by, v.note or "",
    )  # fmt: skip


def _from_row(session: Session, cat: Category, deps: dict[int, Department]) -> CategoryRow:
    """A category never edited through the set-up: its row and stage-limit rows."""
    stages: dict[Stage, TimeLimit] = {
        s.stage: TimeLimit(s.limit_type, s.limit_value)
        for s in session.scalars(select(StageLimit).where(StageLimit.category_id == cat.id))
        if s.stage is not Stage.HANDLE
    }
    lead = deps.get(cat.default_department_id) if cat.default_department_id else None
    return CategoryRow(
        cat.code, cat.name, bool(cat.key_area), lead.code if lead else None, (), cat.severity,
        {cat.severity: TimeLimit(cat.limit_type, cat.limit_value)}, stages, cat.workflow or "",
        cat.closing_standard or "", bool(cat.active), BEGINNING, lead.name if lead else "",
    )  # fmt: skip


def _current(session: Session, cat: Category, on: date | None, deps: dict[int, Department]) -> CategoryRow | None:
    v = version_on(session, cat.id, on)
    if v is not None:
        return _from_version(cat, v, deps)
    has_versions = session.scalars(select(CategoryVersion.id).where(CategoryVersion.category_id == cat.id)).first()
    return None if has_versions is not None else _from_row(session, cat, deps)


def list_categories(session: Session, *, include_retired: bool = False, on: date | None = None) -> list[CategoryRow]:
    """The item list as in force on `on` (None: today), in code order; a category added after `on` is left out."""
    deps = _departments(session)
    rows = []
    for cat in session.scalars(select(Category).order_by(Category.code)):
        row = _current(session, cat, on, deps)
        if row is not None and (include_retired or row.active):
            rows.append(row)
    return rows


def find_category(session: Session, key: str) -> Category:
    key = clean(key)
    cat = session.scalars(select(Category).where((Category.code == key) | (Category.name == key))).first()
    if cat is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("setup", "问题类别“%1”不存在：请用类别代码或名称（gridconsole category list 可查）"), key))
    return cat


def category_history(session: Session, code: str) -> list[CategoryRow]:
    """Every version of a category, oldest first (a category never edited: its row alone)."""
    cat = find_category(session, code)
    deps = _departments(session)
    versions = session.scalars(
        select(CategoryVersion)
        .where(CategoryVersion.category_id == cat.id)
        .order_by(CategoryVersion.effective_from, CategoryVersion.id)
    ).all()
    if not versions:
        return [_from_row(session, cat, deps)]
    return [_from_version(cat, v, deps) for v in versions]


# --- checking a spec ----------------------------------------------------------------------------------------


def _dept_id(session: Session, key: str, label: str) -> int:
    dep = find_department(session, key)
    if not dep.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "%1“%2”已停用，不能作为类别的默认部门"), label, dep.name))
    return dep.id


def _checked(session: Session, spec: CategorySpec, own_id: int | None) -> dict[str, object]:
    """The version's column values from a spec, or `ValidationError` naming the first problem."""
    code = check_length(spec.code, QT_TRANSLATE_NOOP("setup", "类别代码"), 16, required=True)
    name = check_length(spec.name, QT_TRANSLATE_NOOP("setup", "类别名称"), 40, required=True)
    other = session.scalars(select(Category).where(Category.name == name)).first()
    if other is not None and other.id != own_id:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "类别名称“%1”已被类别“%2”使用，未保存：请换一个名称"), name, other.code))
    severity = spec.severity if isinstance(spec.severity, Severity) else Severity(Severity.from_text(str(spec.severity)))
    limits = {Severity(Severity.from_text(str(k))): v for k, v in spec.limits.items()}
    if severity not in limits:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "请填写类别“%1”默认严重程度（%2）的办结时限"), name, severity.label))
    stages = {Stage(Stage.from_text(str(k))): v for k, v in spec.stage_limits.items()}
    if Stage.HANDLE in stages:
        raise ValidationError(QT_TRANSLATE_NOOP("setup", "处置阶段的时限按严重程度填写（简单/一般/复杂），不在阶段时限中"))
    lead = _dept_id(session, spec.lead_department or "", QT_TRANSLATE_NOOP("setup", "牵头部门")) if clean(spec.lead_department) else None
    if lead is None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "请为类别“%1”指定默认牵头部门"), name))
    co = []
    for key in spec.co_departments:
        if clean(key):
            dep_id = _dept_id(session, key, QT_TRANSLATE_NOOP("setup", "配合部门"))
            if dep_id != lead and dep_id not in co:
                co.append(dep_id)
    return {
        "code": code,
        "name": name,
        "key_area": bool(spec.key_area),
        "lead_department_id": lead,
        "co_department_ids": json.dumps(co),
        "severity": severity,
        "limits": json.dumps({k.value: str(v) for k, v in sorted(limits.items())}),
        "stage_limits": json.dumps({k.value: str(v) for k, v in sorted(stages.items())}),
        "workflow": clean(spec.workflow),
        "closing_standard": clean(spec.closing_standard),
        "active": bool(spec.active),
    }


def check_spec(session: Session, spec: CategorySpec, *, new: bool) -> None:
    """Raise `ValidationError` if `spec` could not be saved (the import checks every row before writing)."""
    own = session.scalars(select(Category).where(Category.code == clean(spec.code))).first()
    if new and own is not None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "类别代码“%1”已存在（%2）"), own.code, own.name))
    _checked(session, spec, own.id if own is not None else None)


# --- writing ------------------------------------------------------------------------------------------------


_VERSION_FIELDS = ("name", "key_area", "lead_department_id", "co_department_ids", "severity", "limits",
                   "stage_limits", "workflow", "closing_standard", "active")  # fmt: skip


def _mirror(session: Session, cat: Category, v: CategoryVersion) -> None:
    """Make the category row and its stage-limit rows show version `v` (the one in force today)."""
    limits, stages = version_limits(v)
    handle = limits[v.severity]
    cat.name, cat.key_area, cat.severity, cat.active = v.name, v.key_area, v.severity, v.active
    cat.default_department_id = v.lead_department_id
    cat.limit_type, cat.limit_value = handle.type, handle.value
    cat.workflow, cat.closing_standard = v.workflow, v.closing_standard
    cat.version_id = v.id
    session.execute(delete(StageLimit).where(StageLimit.category_id == cat.id))
    for stage, limit in stages.items():
        session.add(StageLimit(category_id=cat.id, stage=stage, limit_type=limit.type, limit_value=limit.value))
    session.flush()


def _later(v: CategoryVersion, than: CategoryVersion | None) -> bool:
    """Whether `v` comes after `than` in the item list's order (day, then the order recorded)."""
    return than is None or (v.effective_from, v.id) > (than.effective_from, than.id)


def apply_due_versions(session: Session) -> int:
    """Mirror into the category rows every version whose day has come and that is later than the one each row
    shows (never an earlier one); returns how many rows changed."""
    changed = 0
    today = clock.now().date()
    for cat in session.scalars(select(Category)):
        v = version_on(session, cat.id, today)
        if v is not None and _later(v, session.get(CategoryVersion, cat.version_id) if cat.version_id else None):
            _mirror(session, cat, v)
            changed += 1
    return changed


def keep_current(session: Session) -> int:
    """`apply_due_versions` for whoever is connected: on PostgreSQL a login without the right to write
    `category` (every post but the reference editors) has the server apply them, for the console's day (the
    server never goes past its own). Returns how many rows changed."""
    if session.get_bind().dialect.name == "postgresql" and not session.scalar(
        text("SELECT has_table_privilege('category', 'UPDATE')")
    ):
        return int(session.scalar(text("SELECT gc_apply_due_category_versions(:day)"), {"day": clock.now().date()}) or 0)
    return apply_due_versions(session)


def _add_version(
    session: Session, cat: Category, values: dict[str, object], effective_from: date, login: str, note: str
) -> CategoryVersion:
    v = CategoryVersion(
        category_id=cat.id,
        effective_from=effective_from,
        recorded_at=clock.now(),
        recorded_by=login,
        note=note,
        **{k: values[k] for k in _VERSION_FIELDS},
    )
    session.add(v)
    session.flush()
    forget(session)  # the dated read caches versions per transaction
    if effective_from <= clock.now().date():
        _mirror(session, cat, v)
    return v


def _row_of(session: Session, cat: Category, v: CategoryVersion) -> CategoryRow:
    return _from_version(cat, v, _departments(session))


def add_category(session: Session, spec: CategorySpec, *, actor: str) -> CategoryRow:
    """A new category, in force from today."""
    login = check_editor(session, actor)
    apply_due_versions(session)
    check_spec(session, spec, new=True)
    values = _checked(session, spec, None)
    severity = Severity(str(values["severity"]))
    handle = TimeLimit.parse(json.loads(str(values["limits"]))[severity.value])
    cat = Category(code=str(values["code"]), name=str(values["name"]), severity=severity,
                   limit_type=handle.type, limit_value=handle.value)  # fmt: skip
    session.add(cat)
    session.flush()
    v = _add_version(session, cat, values, clock.now().date(), login, "新建类别")
    record(session, login, f"问题类别 {cat.code}", f"新建类别：{cat.name}")
    return _row_of(session, cat, v)


def _ensure_base(session: Session, cat: Category, login: str) -> None:
    """A category edited for the first time keeps what it was until now as its first version."""
    if session.scalars(select(CategoryVersion.id).where(CategoryVersion.category_id == cat.id)).first() is not None:
        return
    row = _from_row(session, cat, _departments(session))
    values: dict[str, object] = {
        "name": cat.name, "key_area": cat.key_area, "lead_department_id": cat.default_department_id,
        "co_department_ids": "[]", "severity": cat.severity,
        "limits": json.dumps({cat.severity.value: str(TimeLimit(cat.limit_type, cat.limit_value))}),
        "stage_limits": json.dumps({k.value: str(v) for k, v in row.stage_limits.items()}),
        "workflow": cat.workflow or "", "closing_standard": cat.closing_standard or "", "active": cat.active,
    }  # fmt: skip
    session.add(CategoryVersion(category_id=cat.id, effective_from=BEGINNING, recorded_at=clock.now(),
                                recorded_by=login, note="启用分版本事项清单前的内容",
                                **{k: values[k] for k in _VERSION_FIELDS}))  # fmt: skip
    session.flush()


def spec_of(row: CategoryRow) -> CategorySpec:
    """The spec that would save `row` again (a starting point for an edit)."""
    return CategorySpec(row.code, row.name, row.key_area, row.lead_department, row.co_departments, row.severity,
                        dict(row.limits), dict(row.stage_limits), row.workflow, row.closing_standard, row.active)  # fmt: skip


def edit_category(
    session: Session, code: str, spec: CategorySpec, *, effective_from: date, actor: str, note: str = ""
) -> CategoryRow:
    """A new version of the category from `effective_from` (today or later): cases whose stage started before
    that day keep the limit they got."""
    login = check_editor(session, actor)
    apply_due_versions(session)
    cat = find_category(session, code)
    if clean(spec.code) and clean(spec.code) != cat.code:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "类别代码不能修改（“%1”），未保存：需要新代码请新建类别并停用原类别"), cat.code))
    today = clock.now().date()
    if effective_from < today:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "生效日期 %1 早于今天，未保存：已生效的事项清单不能追溯修改，请填今天或以后的日期"), effective_from.isoformat()))
    values = _checked(session, replace(spec, code=cat.code), cat.id)
    _ensure_base(session, cat, login)
    v = _add_version(session, cat, values, effective_from, login, clean(note))
    record(session, login, f"问题类别 {cat.code}", f"修改事项清单：{v.name}，自 {effective_from.isoformat()} 起生效")
    return _row_of(session, cat, v)


def retire_category(session: Session, code: str, *, actor: str, note: str = "") -> CategoryRow:
    """Stop using a category from today (no new reports; its cases keep it)."""
    login = check_editor(session, actor)
    apply_due_versions(session)
    cat = find_category(session, code)
    rows = category_history(session, cat.code)
    today = clock.now().date()
    current = next((r for r in reversed(rows) if r.effective_from <= today), rows[-1])
    if not current.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "问题类别“%1”已停用，无需再停用"), cat.name))
    _ensure_base(session, cat, login)
    v = version_on(session, cat.id, today)
    assert v is not None
    values = {k: getattr(v, k) for k in _VERSION_FIELDS} | {"active": False}
    new = _add_version(session, cat, values, today, login, clean(note) or "停用")
    # a change planned for a later day must not bring the category back: it is retired on that day too
    for later in session.scalars(
        select(CategoryVersion)
        .where(CategoryVersion.category_id == cat.id, CategoryVersion.effective_from > today)
        .order_by(CategoryVersion.effective_from, CategoryVersion.id)
    ).all():
        if later.active:
            planned = {k: getattr(later, k) for k in _VERSION_FIELDS} | {"active": False}
            _add_version(session, cat, planned, later.effective_from, login, clean(note) or "停用")
    record(session, login, f"问题类别 {cat.code}", f"停用类别：{cat.name}" + (f"（{clean(note)}）" if clean(note) else ""))
    return _row_of(session, cat, new)
