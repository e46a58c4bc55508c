"""The grid tree (三级网格), its people, their roles over time, and the departments.

Grid codes are 15 digits (Beijing DB11 style): county(6) + township(3) + village/community(3) + grid(3), with
`000` for the upper levels, so a subtree is a code prefix. Special and enterprise grids take the reserved
village range 900-999. A grid is never rewritten when the map changes: a split, merge or rename closes the old
grid (`active=False`, `valid_to`) and records a `GridEvent`; cases keep the grid they were filed under.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.domain import GridChange, GridKind, GridRole
from console.models.base import Base
from console.models.types import enum_column


class Grid(Base):
    __tablename__ = "grid"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(15), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    level: Mapped[int] = mapped_column(Integer)  # 1 township, 2 village/community, 3 group/compound
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    kind: Mapped[GridKind] = mapped_column(enum_column(GridKind), default=GridKind.REGULAR)
    households: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pinyin_initials: Mapped[str] = mapped_column(String(80), default="", index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    parent: Mapped[Grid | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Grid]] = relationship(back_populates="parent")

    def __repr__(self) -> str:
        return f"Grid({self.code} {self.name})"


class GridEvent(Base):
    """One change of the grid map: rename, split, merge, deactivate. Links old and new grids for statistics."""

    __tablename__ = "grid_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True)
    change: Mapped[GridChange] = mapped_column(enum_column(GridChange))
    related_grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    old_name: Mapped[str | None] = mapped_column(String(80))
    new_name: Mapped[str | None] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class Department(Base):
    """A functional department (职能部门) that handles cases: 派出所, 国土所, 环保办 …"""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # set-up (migration 0011): 简称, the duty phone (read like a person's phone: masked, on PostgreSQL only through
    # `gc_department_phones`), the 负责人
    short_name: Mapped[str] = mapped_column(String(16), default="", server_default="")
    phone: Mapped[str | None] = mapped_column(String(20), deferred=True)
    head: Mapped[str] = mapped_column(String(40), default="", server_default="")


class Person(Base):
    """Someone who holds a grid post or handles cases. Personal data kept to what the work needs."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    # personal data: loaded only on access (on PostgreSQL no console role may read it: console.security.personal_reads)
    phone: Mapped[str | None] = mapped_column(String(20), deferred=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    login: Mapped[str | None] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    department: Mapped[Department | None] = relationship()


class GridAssignment(Base):
    """A person holding a role in a grid from `start_date` to `end_date` (open-ended while current)."""

    __tablename__ = "grid_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[GridRole] = mapped_column(enum_column(GridRole))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    grid: Mapped[Grid] = relationship()
    person: Mapped[Person] = relationship()
