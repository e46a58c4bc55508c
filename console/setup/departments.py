"""Departments (职能部门) as the set-up keeps them: code, name, short name, duty phone, head, active.

A department is retired, never deleted (cases keep naming it). Retiring is refused while the 事项清单 still sends
cases to it or open cases are led by it. The duty phone is read like a person's phone: masked in every row; on
PostgreSQL no console role may read the column, and the rows get it masked from `gc_department_phones`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from console.deadlines.stage_limits import version_on
from console.domain import OPEN_STATUSES
from console.errors import NotFound, ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Case, Category, Department
from console.security.personal import mask_phone
from console.security.personal_reads import direct
from console.setup.common import check_editor, check_length, clean, normalize_phone, record


@dataclass(frozen=True)
class DepartmentRow:
    code: str
    name: str
    short_name: str
    phone_masked: str
    head: str
    active: bool


def _phones(session: Session) -> dict[int, str]:
    """department id → its duty phone, masked."""
    if direct(session, "department", "phone"):
        return {i: mask_phone(p) for i, p in session.execute(select(Department.id, Department.phone))}
    rows = session.execute(text("SELECT o_department_id, o_phone FROM gc_department_phones()")).all()
    return {int(i): p or "" for i, p in rows}


def _row(d: Department, phones: dict[int, str]) -> DepartmentRow:
    return DepartmentRow(d.code, d.name, d.short_name or "", phones.get(d.id, ""), d.head or "", bool(d.active))


def list_departments(session: Session, *, include_retired: bool = False) -> list[DepartmentRow]:
    stmt = select(Department).order_by(Department.code)
    if not include_retired:
        stmt = stmt.where(Department.active.is_(True))
    phones = _phones(session)
    return [_row(d, phones) for d in session.scalars(stmt)]


def find_department(session: Session, key: str) -> Department:
    """A department by code or name (the CLI and the imports accept either)."""
    key = clean(key)
    dep = session.scalars(select(Department).where((Department.code == key) | (Department.name == key))).first()
    if dep is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("setup", "部门“%1”不存在：请用部门代码或名称（gridconsole dept list 可查）"), key))
    return dep


def _one_row(session: Session, dep: Department) -> DepartmentRow:
    session.flush()
    return _row(dep, _phones(session))


def add_department(
    session: Session,
    *,
    code: str,
    name: str,
    short_name: str = "",
    phone: str | None = None,
    head: str = "",
    actor: str,
) -> DepartmentRow:
    login = check_editor(session, actor)
    code = check_length(code, QT_TRANSLATE_NOOP("setup", "部门代码"), 16, required=True)
    name = check_length(name, QT_TRANSLATE_NOOP("setup", "部门名称"), 64, required=True)
    short_name = check_length(short_name, QT_TRANSLATE_NOOP("setup", "部门简称"), 16)
    head = check_length(head, QT_TRANSLATE_NOOP("setup", "负责人"), 40)
    number = normalize_phone(phone)
    _check_unique(session, code, name, None)
    dep = Department(code=code, name=name, short_name=short_name, phone=number, head=head, active=True)
    session.add(dep)
    record(session, login, f"部门 {code}", f"新建部门：{name}")
    return _one_row(session, dep)


def _check_unique(session: Session, code: str, name: str, own_id: int | None) -> None:
    for column, value, template in (
        (Department.code, code, QT_TRANSLATE_NOOP("setup", "部门代码“%1”已被“%2”使用，未保存：请换一个代码")),
        (Department.name, name, QT_TRANSLATE_NOOP("setup", "部门名称“%1”已被代码为“%2”的部门使用，未保存：请换一个名称")),
    ):
        other = session.scalars(select(Department).where(column == value)).first()
        if other is not None and other.id != own_id:
            raise ValidationError(Message(template, value, other.name if column is Department.code else other.code))


def edit_department(
    session: Session,
    code: str,
    *,
    actor: str,
    name: str | None = None,
    short_name: str | None = None,
    phone: str | None = None,
    head: str | None = None,
) -> DepartmentRow:
    """Change the given fields (None: unchanged; an empty phone clears it)."""
    login = check_editor(session, actor)
    dep = find_department(session, code)
    changed = []
    if name is not None:
        new_name = check_length(name, QT_TRANSLATE_NOOP("setup", "部门名称"), 64, required=True)
        _check_unique(session, dep.code, new_name, dep.id)
        if new_name != dep.name:
            changed.append(f"名称 {dep.name} → {new_name}")
            dep.name = new_name
    if short_name is not None:
        dep.short_name = check_length(short_name, QT_TRANSLATE_NOOP("setup", "部门简称"), 16)
        changed.append("简称")
    if head is not None:
        dep.head = check_length(head, QT_TRANSLATE_NOOP("setup", "负责人"), 40)
        changed.append("负责人")
    if phone is not None:
        dep.phone = normalize_phone(phone)
        changed.append("电话")
    record(session, login, f"部门 {dep.code}", "修改部门：" + ("、".join(changed) or "无变化"))
    return _one_row(session, dep)


def _users_of(session: Session, dep: Department) -> tuple[int, int]:
    """(active categories whose item list sends cases to it, open cases it leads)."""
    categories = 0
    for cat in session.scalars(select(Category).where(Category.active.is_(True))):
        version = version_on(session, cat.id, None)
        if version is not None:
            uses = version.lead_department_id == dep.id or dep.id in json.loads(version.co_department_ids or "[]")
        else:
            uses = cat.default_department_id == dep.id
        categories += bool(uses)
    open_cases = session.scalar(
        select(func.count()).select_from(Case).where(
            Case.lead_department_id == dep.id, Case.status.in_(sorted(OPEN_STATUSES))
        )
    )
    return categories, int(open_cases or 0)


def retire_department(session: Session, code: str, *, actor: str, note: str = "") -> DepartmentRow:
    """Retire a department; refused while a category defaults to it or open cases lead with it."""
    login = check_editor(session, actor)
    dep = find_department(session, code)
    if not dep.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "部门“%1”已停用，无需再停用"), dep.name))
    categories, open_cases = _users_of(session, dep)
    if categories or open_cases:
        raise ValidationError(Message(
            QT_TRANSLATE_NOOP("setup", "部门“%1”未停用：事项清单中有 %2 个类别以它为牵头或配合部门，另有 %3 件未结案件由它牵头；"
                                       "请先修改这些类别、改派这些案件"),
            dep.name, categories, open_cases,
        ))  # fmt: skip
    dep.active = False
    record(session, login, f"部门 {dep.code}", f"停用部门：{dep.name}" + (f"（{clean(note)}）" if clean(note) else ""))
    return _one_row(session, dep)


def restore_department(session: Session, code: str, *, actor: str, note: str = "") -> DepartmentRow:
    login = check_editor(session, actor)
    dep = find_department(session, code)
    if dep.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "部门“%1”在用，无需恢复"), dep.name))
    dep.active = True
    record(session, login, f"部门 {dep.code}", f"恢复部门：{dep.name}" + (f"（{clean(note)}）" if clean(note) else ""))
    return _one_row(session, dep)
