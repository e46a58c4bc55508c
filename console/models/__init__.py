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
from console.models.counts import CaseCount
from console.models.grid import Department, Grid, GridAssignment, GridEvent, Person
from console.models.meeting import (
    AgendaItem,
    Meeting,
    MeetingAddendum,
    MeetingAttendee,
    MeetingDecision,
    MeetingProposal,
)
from console.models.notice import SupervisionNotice
from console.models.review import (
    ReviewAdjustment,
    ReviewAppeal,
    ReviewResult,
    ReviewRuleSet,
    SpotCheck,
    SpotCheckItem,
)
from console.models.security import AppUser, AuditLog, LoginFailure, PasswordHistory, UserPost
from console.models.settings import Setting

__all__ = [
    "SupervisionNotice",
    "ReviewAdjustment",
    "ReviewAppeal",
    "ReviewResult",
    "ReviewRuleSet",
    "SpotCheck",
    "SpotCheckItem",
    "AgendaItem",
    "AppUser",
    "Attachment",
    "AuditLog",
    "Base",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseChange",
    "CaseCount",
    "CaseCoDepartment",
    "CaseHistory",
    "CaseNumberCounter",
    "CaseWatch",
    "Category",
    "Department",
    "Grid",
    "GridAssignment",
    "GridEvent",
    "LoginFailure",
    "Meeting",
    "MeetingAddendum",
    "MeetingAttendee",
    "MeetingDecision",
    "MeetingProposal",
    "PasswordHistory",
    "Person",
    "Setting",
    "StageLimit",
    "UserPost",
]
