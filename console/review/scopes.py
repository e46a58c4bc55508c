"""Whom a figure is about: the groups cases are counted under (grids at a level of a subtree, departments,
handlers), and the filter that keeps a review inside its subtree.

Every case set (`console.review.case_sets`) yields the grid code, department and handler each case counts
under; a scope turns those into one group key, so the same grouped SQL serves every scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, cast, false, func, literal, select, true
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.grid_codes import code_level, subtree_prefix
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Category, Department, Grid, Person

GRID, DEPARTMENT, PERSON = "grid", "department", "person"
KIND_LABELS = {GRID: "网格", DEPARTMENT: "职能部门", PERSON: "办理人"}
#: how many leading digits of a grid code name a grid of each level (the rest is `000` padding)
_LEVEL_DIGITS = {1: 9, 2: 12, 3: 15}


@dataclass(frozen=True)
class Scope:
    """`kind` grid: the subtree of `grid_code` (the township when None), one row per grid at `level`
    (None: the whole subtree as one row); department / person: one row per department or handler, optionally
    only `ids`."""

    kind: str = GRID
    grid_code: str | None = None
    level: int | None = 2
    ids: tuple[int, ...] = ()
    categories: tuple[int, ...] = ()  # only these categories (empty: all)
    key_area: bool = False  # only the six key areas (六个重点领域)

    def __post_init__(self) -> None:
        if self.kind not in KIND_LABELS:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "考核对象类型“%1”无效：只能是网格、职能部门或办理人"), self.kind))
        if self.kind != GRID and self.level is not None:  # only grids group by level: one key per scope
            object.__setattr__(self, "level", None)
        if self.level is not None and self.level not in _LEVEL_DIGITS:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "网格层级须为 1、2 或 3（现为 %1）"), self.level))

    @property
    def key_text(self) -> str:
        """A stable text form (stored with a frozen result)."""
        ids = ",".join(str(i) for i in self.ids)
        cats = ",".join(str(i) for i in self.categories) + (":key_area" if self.key_area else "")
        return f"{self.kind}:{self.grid_code or ''}:{self.level or ''}:{ids}:{cats}"

    def group_key(self, grid_code: Any, dept_id: Any, person_id: Any) -> ColumnElement[Any]:
        """The group a row counts under, as text (a grid code, or a department's or person's id)."""
        if self.kind == GRID:
            if self.level is None:  # the whole subtree is the one row: the scope's total
                return literal("*", String)
            digits = _LEVEL_DIGITS[self.level]
            return func.substr(grid_code, 1, digits) + literal("0" * (15 - digits), String)
        column = dept_id if self.kind == DEPARTMENT else person_id
        return cast(column, String)

    def in_group(self, grid_code: Any, dept_id: Any, person_id: Any, group: str) -> ColumnElement[bool]:
        """`group_key(...) == group` on the columns themselves, so an index on them answers it (a drill-down
        page of one department reads that department's rows only)."""
        if self.kind == GRID:
            if self.level is None:
                return true() if group == "*" else false()
            digits = _LEVEL_DIGITS[self.level]
            if len(group) != 15 or group[digits:] != "0" * (15 - digits):
                return false()
            return grid_code.startswith(group[:digits], autoescape=True)
        if not group.isdigit() or str(int(group)) != group:  # a key is the id as `group_key` writes it
            return false()
        return (dept_id if self.kind == DEPARTMENT else person_id) == int(group)

    def where(self, grid_code: Any, dept_id: Any, person_id: Any, category_id: Any) -> ColumnElement[bool]:
        cond: ColumnElement[bool] = true()
        if self.categories:
            cond = cond & category_id.in_(self.categories)
        if self.key_area:
            cond = cond & category_id.in_(select(Category.id).where(Category.key_area.is_(True)))
        if self.grid_code:
            cond = cond & grid_code.like(subtree_prefix(self.grid_code) + "%")
        if self.kind == DEPARTMENT:
            cond = cond & (dept_id.in_(self.ids) if self.ids else dept_id.is_not(None))
        elif self.kind == PERSON:
            cond = cond & (person_id.in_(self.ids) if self.ids else person_id.is_not(None))
        return cond


def scope_from_key(text: str) -> Scope:
    """The scope `Scope.key_text` wrote (a frozen result names its scope this way)."""
    kind, code, level, ids, *rest = (text.split(":") + ["", ""])[:6]
    cats = rest[0] if rest else ""
    key_area = len(rest) > 1 and rest[1] == "key_area"
    return Scope(kind, code or None, int(level) if level else None,
                 tuple(int(i) for i in ids.split(",") if i), tuple(int(i) for i in cats.split(",") if i),
                 key_area)  # fmt: skip


def group_names(session: Session, scope: Scope, keys: list[str]) -> dict[str, str]:
    """The name each group key stands for (grid name, department name, handler name)."""
    if not keys:
        return {}
    if scope.kind == GRID:
        rows = session.execute(select(Grid.code, Grid.name).where(Grid.code.in_(keys))).all()
        return {code: name for code, name in rows}
    ids = [int(k) for k in keys if k.isdigit()]
    model = Department if scope.kind == DEPARTMENT else Person
    return {
        str(i): n for i, n in session.execute(select(model.id, model.name).where(model.id.in_(ids))).all()
    }


def grid_scope_of(session: Session, code: str, *, per_child: bool = True) -> Scope:
    """The scope of one grid's subtree: one row per child grid, or the subtree as one row."""
    if session.scalar(select(Grid.id).where(Grid.code == code)) is None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "未知的网格编码：%1"), code))
    level = code_level(code)
    return Scope(GRID, code, min(level + 1, 3) if per_child else None)
