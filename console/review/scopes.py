"""Whom a figure is about: the groups cases are counted under (grids at a level of a subtree, departments,
handlers, grid workers), and the filter that keeps a review inside its subtree.

Every case set (`console.review.case_sets`) yields the grid code, department and handler each case counts
under; a scope turns those into one group key, so the same grouped SQL serves every scope.

Grid workers (网格员 scope: every grid role, 网格长 and 网格员 alike) are people over grids: a grid has several
and a worker may hold several. Their figures are counted per grid (`group_key` is the case's own grid code),
then each worker's row adds up the grids they answer for (`worker_grids`, `by_worker`): every grid they held
at any time in the period, and the grids under it — a worker who left mid-period counts the whole period
of that grid, as does whoever took it over. A case counts once in each worker's row and once in the scope's
total; rates are recomputed from the added counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, String, cast, false, func, literal, or_, select, true
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.grid_codes import code_level, subtree_prefix
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Category, Department, Grid, GridAssignment, Person

GRID, DEPARTMENT, PERSON, WORKER = "grid", "department", "person", "worker"
KIND_LABELS = {GRID: "网格", DEPARTMENT: "职能部门", PERSON: "办理人", WORKER: "网格员"}
# printed beside a grid-worker review's figures (the rule that decides whose row a case counts in)
WORKER_RULE = "网格员：计入其在本期任一时间任职（网格长、网格员等岗位）的村（社区）及以下网格及其下级网格的案件，期中离任或接任的均计全期；乡镇（街道）一级的岗位不列入"
#: how many leading digits of a grid code name a grid of each level (the rest is `000` padding)
_LEVEL_DIGITS = {1: 9, 2: 12, 3: 15}


@dataclass(frozen=True)
class Scope:
    """`kind` grid: the subtree of `grid_code` (the township when None), one row per grid at `level`
    (None: the whole subtree as one row); department / person: one row per department or handler, optionally
    only `ids`; worker: one row per person holding a grid of the subtree (optionally only `ids`), counted per
    grid first (module docstring)."""

    kind: str = GRID
    grid_code: str | None = None
    level: int | None = 2
    ids: tuple[int, ...] = ()
    categories: tuple[int, ...] = ()  # only these categories (empty: all)
    key_area: bool = False  # only the six key areas (六个重点领域)

    def __post_init__(self) -> None:
        if self.kind not in KIND_LABELS:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "考核对象类型“%1”无效：只能是网格、职能部门、办理人或网格员"), self.kind))
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
        """The group a row counts under, as text (a grid code, or a department's or person's id; for grid
        workers the case's own grid code, which `by_worker` turns into the workers' rows)."""
        if self.kind == WORKER:
            return cast(grid_code, String)
        if self.kind == GRID:
            if self.level is None:  # the whole subtree is the one row: the scope's total
                return literal("*", String)
            digits = _LEVEL_DIGITS[self.level]
            return func.substr(grid_code, 1, digits) + literal("0" * (15 - digits), String)
        column = dept_id if self.kind == DEPARTMENT else person_id
        return cast(column, String)

    def in_group(self, grid_code: Any, dept_id: Any, person_id: Any, group: str) -> ColumnElement[bool]:
        """`group_key(...) == group` on the columns themselves, so an index on them answers it (a drill-down
        page of one department reads that department's rows only). A grid worker's group is the grids they
        held (`worker_grids`): `in_grids`."""
        if self.kind == WORKER:
            return false()
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

    @staticmethod
    def in_grids(grid_code: Any, prefixes: Iterable[str]) -> ColumnElement[bool]:
        """In one of the subtrees `prefixes` name (a grid worker's grids, `worker_grids`)."""
        found = [grid_code.startswith(p, autoescape=True) for p in sorted(set(prefixes))]
        return or_(*found) if found else false()

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
    names = {
        str(i): n for i, n in session.execute(select(model.id, model.name).where(model.id.in_(ids))).all()
    }
    if scope.kind == WORKER:  # a bulletin names people: two of the same name are told apart by their grid
        seen = Counter(names.values())
        twins = [int(k) for k, n in names.items() if seen[n] > 1]
        held = (
            select(GridAssignment.person_id, Grid.name)
            .join(Grid, Grid.id == GridAssignment.grid_id)
            .where(GridAssignment.person_id.in_(twins))
            .order_by(GridAssignment.start_date, GridAssignment.id)
        )
        grids: dict[int, list[str]] = {}
        for person_id, grid_name in session.execute(held).tuples():  # every grid they held, in name order
            if grid_name not in grids.setdefault(person_id, []):
                grids[person_id].append(grid_name)
        labels = {i: f"{names[str(i)]}（{'、'.join(sorted(grids.get(i, [])))}）" for i in twins}
        alike = Counter(labels.values())
        names.update({str(i): label if alike[label] == 1 else f"{label[:-1]}·人员编号 {i}）"
                      for i, label in labels.items()})  # fmt: skip
    return names


def grid_scope_of(session: Session, code: str, *, per_child: bool = True) -> Scope:
    """The scope of one grid's subtree: one row per child grid, or the subtree as one row."""
    if session.scalar(select(Grid.id).where(Grid.code == code)) is None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "未知的网格编码：%1"), code))
    level = code_level(code)
    return Scope(GRID, code, min(level + 1, 3) if per_child else None)


def worker_grids(session: Session, scope: Scope, start: datetime, end: datetime) -> dict[str, list[str]]:
    """Grid workers' scope: person key → the subtree prefixes (`subtree_prefix`) of the grids in the scope's
    subtree they held in any role at any time in [start, end) (an assignment's end date is its last day); a
    township-level post (the township's own 网格长) is no grid worker's and is left out."""
    last = (end - timedelta(microseconds=1)).date()
    q = (
        select(GridAssignment.person_id, Grid.code)
        .join(Grid, Grid.id == GridAssignment.grid_id)
        .where(GridAssignment.start_date <= last,
               GridAssignment.end_date.is_(None) | (GridAssignment.end_date >= start.date()))
    )  # fmt: skip
    if scope.ids:
        q = q.where(GridAssignment.person_id.in_(scope.ids))
    inside = subtree_prefix(scope.grid_code) if scope.grid_code else ""
    out: dict[str, list[str]] = {}
    for person_id, code in session.execute(q):
        if code_level(code) < 2:  # the township's own posts answer for the whole township, not for a grid
            continue
        prefix = subtree_prefix(code)
        if prefix.startswith(inside) and prefix not in out.setdefault(str(person_id), []):
            out[str(person_id)].append(prefix)
    return out


def worker_condition(session: Session, scope: Scope, start: datetime, end: datetime, group: str | None,
                     grid_code: Any) -> ColumnElement[bool]:  # fmt: skip
    """A grid worker's group (`group`; None: the scope's total, every grid some worker held) as a condition on
    a grid code column (drill-down lists)."""
    workers = worker_grids(session, scope, start, end)
    prefixes = [p for ps in workers.values() for p in ps] if group is None else workers.get(group, [])
    return Scope.in_grids(grid_code, prefixes)


V = TypeVar("V")


def by_worker(
    per_grid: Mapping[str, V], workers: Mapping[str, list[str]], add: Any
) -> tuple[dict[str, V], V | None]:
    """A set's per-grid values (counts or case id sets) as grid workers' rows, and the scope's total: a
    worker's value adds (`add(values)`) their grids' (`worker_grids`); the total adds every grid some worker
    answers for, each once."""
    rows: dict[str, V] = {}
    covered: set[str] = set()
    for person, prefixes in workers.items():
        grids = [g for g in per_grid if g.startswith(tuple(prefixes))]
        covered.update(grids)
        if grids:
            rows[person] = add([per_grid[g] for g in grids])
    return rows, (add([per_grid[g] for g in sorted(covered)]) if covered else None)
