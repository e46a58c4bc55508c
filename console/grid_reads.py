"""What the grid tree and a grid's panel show, read as plain values (no live ORM objects) so a front end can read
them on a worker thread: the active grids as nodes, and one grid's staff, post history and case figures."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import queue as q
from console.db import Database
from console.domain import CaseStatus, GridKind, GridRole
from console.grids import pinyin_initials
from console.models import Grid, GridAssignment, Person
from console.security import personal
from console.security.masking import MaskPolicy, mask_policy
from console.security.personal_reads import direct, grid_staff_phones, reveal_in_own_transactions


@dataclass
class GridNode:
    id: int
    code: str
    name: str
    level: int
    kind: GridKind
    households: int
    pinyin: str
    parent_id: int | None
    parent: GridNode | None = None
    children: list[GridNode] = field(default_factory=list)
    open: int = 0
    overdue: int = 0

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


def load_grids(session: Session) -> list[GridNode]:
    """The active grids in code order, as plain nodes (not yet linked)."""
    rows = session.execute(
        select(
            Grid.id, Grid.code, Grid.name, Grid.level, Grid.kind, Grid.households, Grid.pinyin_initials,
            Grid.parent_id,
        ).where(Grid.active.is_(True)).order_by(Grid.code)
    ).all()  # fmt: skip
    return [
        GridNode(
            r.id,
            r.code,
            r.name,
            r.level,
            GridKind(r.kind),
            r.households or 0,
            (r.pinyin_initials or pinyin_initials(r.name)).lower(),
            r.parent_id,
        )  # fmt: skip
        for r in rows
    ]


@dataclass(frozen=True)
class Post:
    role: GridRole
    person: str
    phone: str | None
    start: date
    end: date | None
    assignment_id: int = 0


@dataclass(frozen=True)
class GridPanelData:
    code: str
    name: str
    level: int
    kind: GridKind
    households: int
    active: bool
    posts: tuple[Post, ...]
    status_counts: dict[CaseStatus, int]
    overdue: int
    privacy: MaskPolicy = MaskPolicy()  # masking of the staff's phones (console.security.masking)


def load_grid_panel(session: Session, code: str, actor: str | None = None) -> GridPanelData:
    """Everything the panel shows for the grid with this code (phones masked for `actor`
    unless their post may see them in full)."""
    grid = session.scalar(select(Grid).where(Grid.code == code))
    if grid is None:
        from console.errors import NotFound

        raise NotFound(f"网格编码“{code}”不存在")
    rows = (
        session.execute(
            select(
                GridAssignment.role,
                Person.name,
                Person.phone,
                GridAssignment.start_date,
                GridAssignment.end_date,
                GridAssignment.id,
            )
            .join(Person, Person.id == GridAssignment.person_id)
            .where(GridAssignment.grid_id == grid.id)
            .order_by(GridAssignment.role, GridAssignment.start_date.desc())
        ).all()
        if direct(session, "person", "phone")
        else _rows_masked_by_server(session, grid.id)
    )
    posts = tuple(Post(GridRole(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows)
    flt = q.QueueFilter(grid_code_prefix=q.subtree_prefix(code))
    counts = q.status_counts(session, flt)
    overdue = q.count(
        session, q.QueueFilter(grid_code_prefix=flt.grid_code_prefix, lights=frozenset({q.TrafficLight.RED}))
    )
    from console.security.posts import CaseScope

    privacy = mask_policy(session, actor or "", CaseScope(grid_code=grid.code), f"网格 {grid.code}")
    return GridPanelData(grid.code, grid.name, grid.level, GridKind(grid.kind), grid.households or 0,
                         grid.active, posts, counts, overdue, privacy)  # fmt: skip


def _rows_masked_by_server(session: Session, grid_id: int) -> list[tuple[Any, ...]]:
    """The panel's staff rows with the phones the server masks (a person's PostgreSQL login)."""
    phones = grid_staff_phones(session, grid_id)
    rows = session.execute(
        select(
            GridAssignment.role,
            Person.name,
            GridAssignment.start_date,
            GridAssignment.end_date,
            GridAssignment.id,
        )
        .join(Person, Person.id == GridAssignment.person_id)
        .where(GridAssignment.grid_id == grid_id)
        .order_by(GridAssignment.role, GridAssignment.start_date.desc())
    ).all()
    return [(r[0], r[1], phones.get(r[4]), r[2], r[3], r[4]) for r in rows]


def reveal_grid_panel(db: Database, login: str, data: GridPanelData) -> GridPanelData:
    """The panel with the staff's phones in full, if `login`'s post may see them for this grid; audited (on a
    person's PostgreSQL login by the server itself). A refusal is audited and raised (`PermissionDenied`)."""

    def reveal(session: Session) -> GridPanelData:
        grid_id = session.scalar(select(Grid.id).where(Grid.code == data.code))
        if grid_id is not None and not direct(session, "person", "phone"):  # the server checks and audits
            phones = grid_staff_phones(session, grid_id, reveal=True)
            return replace(data, posts=tuple(replace(p, phone=phones.get(p.assignment_id, p.phone))
                                             for p in data.posts))  # fmt: skip
        shown = "、".join(p.phone for p in data.posts if p.phone and p.end is None)
        personal.reveal(session, login, shown, what="网格人员电话", object=data.privacy.object,
                        case=data.privacy.scope)  # fmt: skip
        return data

    return reveal_in_own_transactions(db, reveal)
