"""All ORM tables; importing this package registers every table on `Base.metadata`."""

from console.models.base import Base
from console.models.calendar import CalendarDay, CalendarYear
from console.models.case import (
    Attachment,
    Case,
    CaseChange,
    CaseCoDepartment,
    CaseHistory,
    CaseNumberCounter,
    CaseWatch,
    Category,
    StageLimit,
)
from console.models.grid import Department, Grid, GridAssignment, GridEvent, Person
from console.models.settings import Setting

__all__ = [
    "Attachment",
    "Base",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseChange",
    "CaseCoDepartment",
    "CaseHistory",
    "CaseNumberCounter",
    "CaseWatch",
    "Category",
    "Department",
    "Grid",
    "GridAssignment",
    "GridEvent",
    "Person",
    "Setting",
    "StageLimit",
]
