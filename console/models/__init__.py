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
    CategoryVersion,
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
from console.models.meeting_counts import CaseDisputeCount, CasePlace, PlaceReportDay, PlaceReportTally
from console.models.notice import SupervisionNotice
from console.models.review import (
    ReviewAdjustment,
    ReviewAppeal,
    ReviewResult,
    ReviewRuleSet,
    SpotCheck,
    SpotCheckItem,
)
from console.models.review_month import (
    review_case_day,
    review_case_month,
    review_day_counts,
    review_dispatch_month,
)
from console.models.security import AppUser, AuditLog, LoginFailure, PasswordHistory, UserPost
from console.models.settings import Setting

__all__ = [
    "review_case_day",
    "review_case_month",
    "review_day_counts",
    "review_dispatch_month",
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
    "CaseDisputeCount",
    "CasePlace",
    "PlaceReportDay",
    "PlaceReportTally",
    "CaseCoDepartment",
    "CaseHistory",
    "CaseNumberCounter",
    "CaseWatch",
    "Category",
    "CategoryVersion",
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
