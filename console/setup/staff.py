"""Staff (工作人员) and their grid posts (网格长、网格员 … in a grid from a day to a day).

People are retired, never deleted (cases name them); retiring ends their open grid posts on that day. Phones
are personal data: rows carry them masked; on PostgreSQL no console role reads `person.phone`, and the rows
get it masked from `gc_person_phones`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from console.domain import GridRole
from console.errors import NotFound, ValidationError
from console.grid_codes import normalize_code
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Department, Grid, GridAssignment, Person
from console.security.personal import mask_phone
from console.security.personal_reads import direct
from console.setup.common import check_editor, check_length, clean, normalize_phone, record
from console.setup.departments import find_department


@dataclass(frozen=True)
class PostRow:
    grid_code: str
    grid_name: str
    role: GridRole
    start_date: date
    end_date: date | None

    @property
    def current(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    phone_masked: str
    department: str | None  # department code
    login: str | None
    active: bool
    posts: tuple[PostRow, ...]
    department_name: str = ""


def _phones(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    if direct(session, "person", "phone"):
        found = session.execute(select(Person.id, Person.phone).where(Person.id.in_(ids)))
        return {i: mask_phone(p) for i, p in found}
    wanted = set(ids)
    rows = session.execute(text("SELECT o_person_id, o_phone FROM gc_person_phones()")).all()
    return {int(i): p or "" for i, p in rows if int(i) in wanted}


def _rows(session: Session, people: list[Person]) -> list[StaffRow]:
    ids = [p.id for p in people]
    posts: dict[int, list[PostRow]] = defaultdict(list)
    if ids:
        for a, g in session.execute(
            select(GridAssignment, Grid)
            .join(Grid, Grid.id == GridAssignment.grid_id)
            .where(GridAssignment.person_id.in_(ids))
            .order_by(GridAssignment.start_date, GridAssignment.id)
        ).tuples():
            posts[a.person_id].append(PostRow(g.code, g.name, a.role, a.start_date, a.end_date))
    deps = {d.id: d for d in session.scalars(select(Department))}
    phones = _phones(session, ids)
    out = []
    for p in people:
        dep = deps.get(p.department_id) if p.department_id else None
        out.append(StaffRow(p.id, p.name, phones.get(p.id, ""), dep.code if dep else None, p.login,
                            bool(p.active), tuple(posts[p.id]), dep.name if dep else ""))  # fmt: skip
    return out


def list_staff(
    session: Session, *, include_retired: bool = False, department: str | None = None, grid: str | None = None
) -> list[StaffRow]:
    """People by name; `department` (code or name) or `grid` (code: people with a current post there) narrow it."""
    stmt = select(Person).order_by(Person.name, Person.id)
    if not include_retired:
        stmt = stmt.where(Person.active.is_(True))
    if department:
        stmt = stmt.where(Person.department_id == find_department(session, department).id)
    if grid:
        code = normalize_code(grid)
        stmt = stmt.where(
            Person.id.in_(
                select(GridAssignment.person_id)
                .join(Grid, Grid.id == GridAssignment.grid_id)
                .where(Grid.code == code, GridAssignment.end_date.is_(None))
            )
        )
    return _rows(session, list(session.scalars(stmt)))


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, int(person_id))
    if person is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("setup", "人员编号 %1 不存在（gridconsole staff list 可查）"), person_id))
    return person


def _row(session: Session, person: Person) -> StaffRow:
    session.flush()
    return _rows(session, [person])[0]


def _department_id(session: Session, key: str | None) -> int | None:
    if not clean(key):
        return None
    dep = find_department(session, key or "")
    if not dep.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "部门“%1”已停用，不能再安排人员"), dep.name))
    return dep.id


def _check_login(session: Session, login: str | None, own_id: int | None) -> str | None:
    login = clean(login) or None
    if login is None:
        return None
    check_length(login, QT_TRANSLATE_NOOP("setup", "登录名"), 64)
    other = session.scalars(select(Person).where(Person.login == login)).first()
    if other is not None and other.id != own_id:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "登录名“%1”已属于人员“%2”（编号 %3），未保存"), login, other.name, other.id))
    return login


def add_person(
    session: Session,
    *,
    name: str,
    phone: str | None = None,
    department: str | None = None,
    login: str | None = None,
    actor: str,
) -> StaffRow:
    by = check_editor(session, actor)
    name = check_length(name, QT_TRANSLATE_NOOP("setup", "姓名"), 40, required=True)
    person = Person(
        name=name,
        phone=normalize_phone(phone),
        department_id=_department_id(session, department),
        login=_check_login(session, login, None),
        active=True,
    )
    session.add(person)
    session.flush()
    record(session, by, f"人员 {person.id}", f"新建人员：{name}")
    return _row(session, person)


def edit_person(
    session: Session,
    person_id: int,
    *,
    actor: str,
    name: str | None = None,
    phone: str | None = None,
    department: str | None = None,
) -> StaffRow:
    """Change the given fields (None: unchanged; an empty phone or department clears it)."""
    by = check_editor(session, actor)
    person = _person(session, person_id)
    changed = []
    if name is not None:
        person.name = check_length(name, QT_TRANSLATE_NOOP("setup", "姓名"), 40, required=True)
        changed.append("姓名")
    if phone is not None:
        person.phone = normalize_phone(phone)
        changed.append("电话")
    if department is not None:
        person.department_id = _department_id(session, department)
        changed.append("部门")
    record(session, by, f"人员 {person.id}", "修改人员：" + ("、".join(changed) or "无变化"))
    return _row(session, person)


def retire_person(session: Session, person_id: int, *, actor: str, on: date, note: str = "") -> StaffRow:
    """The person leaves on `on`: inactive, and every open grid post ends that day."""
    by = check_editor(session, actor)
    person = _person(session, person_id)
    if not person.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "人员“%1”已离岗，无需再办理"), person.name))
    person.active = False
    ended = 0
    for a in session.scalars(
        select(GridAssignment).where(GridAssignment.person_id == person.id, GridAssignment.end_date.is_(None))
    ):
        a.end_date = max(on, a.start_date)
        ended += 1
    detail = f"人员离岗：{person.name}，{on.isoformat()} 结束 {ended} 个网格岗位"
    record(session, by, f"人员 {person.id}", detail + (f"（{clean(note)}）" if clean(note) else ""))
    return _row(session, person)


def _grid(session: Session, grid_code: str) -> Grid:
    code = normalize_code(grid_code)
    grid = session.scalars(select(Grid).where(Grid.code == code)).first()
    if grid is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("setup", "网格编码“%1”不存在"), grid_code))
    return grid


def _role(role: GridRole | str) -> GridRole:
    if isinstance(role, GridRole):
        return role
    try:
        return GridRole(GridRole.from_text(clean(role)))
    except ValueError as exc:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "岗位“%1”无效：%2"), role, str(exc))) from None


def _open_post(session: Session, person: Person, grid: Grid, post: GridRole) -> GridAssignment | None:
    """The person's current (open-ended) post of `post` in the grid, if any."""
    return session.scalars(
        select(GridAssignment).where(
            GridAssignment.person_id == person.id,
            GridAssignment.grid_id == grid.id,
            GridAssignment.role == post,
            GridAssignment.end_date.is_(None),
        )
    ).first()


def assign_post(
    session: Session, person_id: int, *, grid_code: str, role: GridRole | str, start: date, actor: str
) -> PostRow:
    """The person takes `role` in the grid from `start` (open-ended)."""
    by = check_editor(session, actor)
    person = _person(session, person_id)
    grid = _grid(session, grid_code)
    post = _role(role)
    if not person.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "人员“%1”已离岗，不能安排网格岗位"), person.name))
    if not grid.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "网格“%1”（%2）已撤销，不能安排岗位"), grid.name, grid.code))
    same = _open_post(session, person, grid, post)
    if same is not None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "%1已是网格“%2”的%3（自 %4 起），未重复安排"), person.name, grid.name, post.label, same.start_date.isoformat()))
    session.add(GridAssignment(grid_id=grid.id, person_id=person.id, role=post, start_date=start, end_date=None))
    record(session, by, f"人员 {person.id}", f"安排岗位：{person.name} 任 {grid.name}（{grid.code}）{post.label}，自 {start.isoformat()}")
    session.flush()
    return PostRow(grid.code, grid.name, post, start, None)


def end_post(
    session: Session, person_id: int, *, grid_code: str, role: GridRole | str, on: date, actor: str
) -> PostRow:
    """End the person's open post of `role` in the grid on `on`."""
    by = check_editor(session, actor)
    person = _person(session, person_id)
    grid = _grid(session, grid_code)
    post = _role(role)
    a = _open_post(session, person, grid, post)
    if a is None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "%1目前不是网格“%2”的%3，无岗位可结束"), person.name, grid.name, post.label))
    if on < a.start_date:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "结束日期 %1 早于任职日期 %2，未保存"), on.isoformat(), a.start_date.isoformat()))
    a.end_date = on
    record(session, by, f"人员 {person.id}", f"结束岗位：{person.name} 的 {grid.name}（{grid.code}）{post.label}，{on.isoformat()}")
    session.flush()
    return PostRow(grid.code, grid.name, post, a.start_date, on)
