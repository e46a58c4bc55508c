"""Weekly consultation meetings (每周会商) and village analysis meetings (民情分析会): the meeting, its invited
people with attendance, the cases put forward for a meeting (提请会商), the agenda items with every reason they
qualify, the decision recorded per item, and the dated addenda (补充说明) to approved minutes.

Nothing here is ever deleted: an item taken off the agenda keeps its row with the reason; approved minutes are
kept as a frozen snapshot (`Meeting.minutes_json`), and later changes are addenda rows.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.grid_codes import subtree_prefix
from console.meetings.kinds import Attendance, DecisionKind, MeetingKind, MeetingStatus
from console.models.base import Base
from console.models.case import Case, CaseHistory
from console.models.types import enum_column

__all__ = ["Attendance", "DecisionKind", "MeetingKind", "MeetingStatus"]  # the vocabulary, re-exported


class Meeting(Base):
    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("kind", "scope_code", "year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind))
    # the subtree a village meeting covers (its grid code); the township's code for a weekly meeting
    scope_code: Mapped[str] = mapped_column(String(15))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)  # 第N期 within the year
    title: Mapped[str] = mapped_column(String(120))
    held_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    place: Mapped[str] = mapped_column(String(120), default="")
    chair: Mapped[str] = mapped_column(String(40), default="")
    recorder: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[MeetingStatus] = mapped_column(enum_column(MeetingStatus))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    agenda_drawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    minutes_json: Mapped[str | None] = mapped_column(Text)  # the approved minutes, frozen

    @property
    def number(self) -> str:
        """文号-style number: 〔2026〕第48期."""
        return f"〔{self.year}〕第{self.seq}期"

    @property
    def scope_prefix(self) -> str:
        return subtree_prefix(self.scope_code)

    @property
    def is_township(self) -> bool:
        return self.kind is MeetingKind.WEEKLY


class MeetingAttendee(Base):
    """An invited person or department and whether they came (出席 / 缺席 with reason / 委托参会)."""

    __tablename__ = "meeting_attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    duty: Mapped[str] = mapped_column(String(40), default="")  # 职务
    attendance: Mapped[Attendance] = mapped_column(enum_column(Attendance))
    absence_reason: Mapped[str] = mapped_column(Text, default="")
    substitute: Mapped[str] = mapped_column(String(40), default="")


class MeetingProposal(Base):
    """A case put forward for a meeting: by the 提请会商 action, or handed up by a village meeting
    (提请街道会商). Open until an agenda takes it (`item_id`)."""

    __tablename__ = "meeting_proposal"
    __table_args__ = (Index("ix_meeting_proposal_open", "item_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    handed_up: Mapped[bool] = mapped_column(Boolean, default=False)  # from a village meeting
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[datetime] = mapped_column(DateTime)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))


class AgendaItem(Base):
    """One case on a meeting's agenda, with every reason it qualified (JSON list of [code, text])."""

    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("meeting_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[str] = mapped_column(Text, default="[]")
    added_by: Mapped[str] = mapped_column(String(64))
    case_version: Mapped[int] = mapped_column(Integer)  # the case as the agenda saw it
    discussion: Mapped[str] = mapped_column(Text, default="")  # 讨论情况
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)
    removed_by: Mapped[str | None] = mapped_column(String(64))
    removed_reason: Mapped[str] = mapped_column(Text, default="")
    handed_up_at: Mapped[datetime | None] = mapped_column(DateTime)


class MeetingDecision(Base):
    """The meeting's decision on one item: typed (`kind` + `params` JSON), with owner and due date; applied
    to the case through the workflow, then followed up until done."""

    __tablename__ = "meeting_decision"
    __table_args__ = (Index("ix_meeting_decision_open", "done_at", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), unique=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[DecisionKind] = mapped_column(enum_column(DecisionKind))
    params: Mapped[str] = mapped_column(Text, default="{}")
    text: Mapped[str] = mapped_column(Text)  # 决定事项, as the minutes print it
    owner: Mapped[str] = mapped_column(String(40), default="")  # 责任人
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))  # 责任单位
    due_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    applied_at: Mapped[datetime | None] = mapped_column(DateTime)
    applied_by: Mapped[str | None] = mapped_column(String(64))
    refusal: Mapped[str] = mapped_column(Text, default="")  # why the workflow refused the last attempt
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_by: Mapped[str | None] = mapped_column(String(64))
    done_note: Mapped[str] = mapped_column(Text, default="")


class MeetingAddendum(Base):
    """A dated addendum (补充说明) to approved minutes: the minutes themselves are never edited."""

    __tablename__ = "meeting_addendum"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)


# the indexes the agenda proposal reads cases and history by (`console.meetings.proposal`): each rule is one
# indexed query, never a scan of all cases
Index("ix_case_history_action_case", CaseHistory.action, CaseHistory.case_id, CaseHistory.at)
Index("ix_case_status_due_at", Case.status, Case.due_at)
Index("ix_case_rework_status", Case.rework_count, Case.status)
Index("ix_case_status_review", Case.status, Case.next_review_on)
# covers 同一地点反复反映: the window's reports are read from the index alone
Index("ix_case_reported_place", Case.reported_at, Case.grid_code, Case.address, Case.status)
