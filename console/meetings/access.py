"""Who may do what with meetings: dispatchers and the head prepare agendas and record decisions (`meeting_prepare`,
`meeting_record`), only the chair's post approves minutes (`meeting_chair`), a department handler sees the
meetings that concern their department and a grid worker those of their subtree. Rules live in
`console.security.posts`; before the first user exists (set-up mode) nothing is refused."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, false, or_, select, true
from sqlalchemy.orm import Session

from console.models import AgendaItem, Case, CaseCoDepartment, Meeting, MeetingAttendee, MeetingDecision
from console.security.enforce import require, security_active
from console.security.posts import load_principal
from console.security.visibility import REACHES, Reach

PREPARE, RECORD, CHAIR = "meeting_prepare", "meeting_record", "meeting_chair"


def check(session: Session, login: str, what: str) -> None:
    """Raise `PermissionDenied` with the reason unless `login` may `what` (PREPARE, RECORD or CHAIR)."""
    require(session, login, what)


#: the meeting visibility rule, in the terms of the case rule (`console.security.visibility.REACHES`): who sees
#: every case sees every meeting; a department's handlers see the meetings that take up a case their department
#: leads or co-operates on, invite someone of their department or give it a decision; a grid's workers see the
#: meetings of their subtree and those that take up a case of it. `visible_meetings_clause` (SQLite, and the
#: application's reads everywhere) and `console.security.pg_meetings` (PostgreSQL row-level security) render it.
MEETING_REACHES = {r.reach: r.posts for r in REACHES if r.reach in (Reach.ALL, Reach.DEPARTMENT, Reach.GRID)}


def visible_meetings_clause(session: Session, login: str) -> ColumnElement[bool]:
    """A WHERE clause on `Meeting`: the meetings `login` may see."""
    if not security_active(session):
        return true()
    user = load_principal(session, login)
    if user is None or not user.active:
        return false()
    if user.posts & MEETING_REACHES[Reach.ALL]:
        return true()
    terms: list[ColumnElement[bool]] = []
    if user.posts & MEETING_REACHES[Reach.DEPARTMENT] and user.departments:
        deps = list(user.departments)
        item_case = (
            select(AgendaItem.id)
            .join(Case, Case.id == AgendaItem.case_id)
            .where(AgendaItem.meeting_id == Meeting.id, AgendaItem.removed_at.is_(None))
        )
        terms += [
            exists(item_case.where(Case.lead_department_id.in_(deps))),
            exists(
                item_case.join(CaseCoDepartment, CaseCoDepartment.case_id == Case.id).where(
                    CaseCoDepartment.department_id.in_(deps)
                )
            ),
            exists().where(MeetingAttendee.meeting_id == Meeting.id, MeetingAttendee.department_id.in_(deps)),
            exists().where(MeetingDecision.meeting_id == Meeting.id, MeetingDecision.department_id.in_(deps)),
        ]
    if user.posts & MEETING_REACHES[Reach.GRID]:  # their village's meetings, and any that takes up a case of theirs
        for prefix in user.grids:
            terms.append(Meeting.scope_code.startswith(prefix, autoescape=True))
            terms.append(exists(
                select(AgendaItem.id).join(Case, Case.id == AgendaItem.case_id)
                .where(AgendaItem.meeting_id == Meeting.id, AgendaItem.removed_at.is_(None),
                       Case.grid_code.startswith(prefix, autoescape=True))))  # fmt: skip
    return or_(*terms) if terms else false()


def can_see(session: Session, login: str, meeting_id: int) -> bool:
    return bool(
        session.scalar(
            select(Meeting.id).where(Meeting.id == meeting_id, visible_meetings_clause(session, login))
        )
    )
