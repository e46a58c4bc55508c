"""Reading a case for display: one plain, detached snapshot (safe to hand to the GUI thread) with names
resolved, the whole history, attachments (metadata only), related cases, and the actions available now."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import clock
from console.domain import (
    CaseStatus,
    CloseType,
    LimitType,
    Satisfaction,
    Severity,
    Source,
    Stage,
    SuperviseLevel,
    TrafficLight,
    Visibility,
)
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Attachment, Case, CaseHistory, Department, Grid, Person
from console.queue import light_of  # the one rule, with its SQL twin in the queue
from console.security.personal_reads import case_reporter_phone
from console.workflow import machine
from console.workflow.claims import claim_refusal
from console.workflow.service import find_case


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: datetime
    actor: str
    action: str
    action_label: str
    from_status: CaseStatus | None
    to_status: CaseStatus
    changes: dict[str, Any]
    note: str
    visibility: Visibility
    stage: Stage | None
    stage_on_time: bool | None


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    filename: str
    mime_type: str
    size: int
    uploaded_at: datetime
    uploaded_by: str


@dataclass(frozen=True)
class RelatedCase:
    id: int
    number: str
    status: CaseStatus
    summary: str
    relation: str  # 合并入本案 / 本案并入 / 本案复发自 / 复发件


@dataclass(frozen=True)
class ActionState:
    action: str
    label: str
    allowed: bool
    reason: str | None


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    version: int
    status: CaseStatus
    stage: Stage | None
    light: TrafficLight
    grid_code: str
    grid_name: str
    grid_path: str
    category_id: int
    category_name: str
    severity: Severity
    source: Source
    summary: str
    description: str
    address: str
    reporter_name: str | None
    reporter_phone: str | None
    people_involved: str
    urgent: bool
    self_handled: bool
    self_handled_action: str
    reported_by: str
    reported_at: datetime
    accepted_at: datetime | None
    dispatched_at: datetime | None
    signed_at: datetime | None  # 签收 by the lead department (None until then, and again after 退回中心)
    lead_department: str | None
    co_departments: tuple[str, ...]
    responsible_person: str | None
    instructions: str
    limit_type: LimitType | None
    limit_value: int | None
    due_at: datetime | None
    stage_due_at: datetime | None
    stage_warn_at: datetime | None
    paused_at: datetime | None
    requested_due_at: datetime | None
    closed_at: datetime | None
    close_type: CloseType | None
    close_reason: str
    result: str
    satisfaction: Satisfaction | None
    rework_count: int
    extension_count: int
    supervise_count: int
    supervise_level: SuperviseLevel | None  # 督办级别 of the latest 督办 that named one
    governance_plan: dict[str, Any] | None
    next_review_on: date | None
    claimed_by: str | None
    claim_expires_at: datetime | None
    updated_at: datetime
    updated_by: str
    history: tuple[HistoryEntry, ...]
    attachments: tuple[AttachmentInfo, ...]
    related: tuple[RelatedCase, ...]


def _grid_path(session: Session, grid: Grid) -> str:
    names = [grid.name]
    node = grid
    while node.parent_id is not None:
        parent = session.get(Grid, node.parent_id)
        if parent is None:
            break
        names.append(parent.name)
        node = parent
    return " / ".join(reversed(names))


def case_detail(session: Session, id_or_number: int | str, now: datetime | None = None) -> CaseDetail:
    case = find_case(session, id_or_number)
    now = now or clock.now()
    lead = session.get(Department, case.lead_department_id) if case.lead_department_id else None
    person = session.get(Person, case.responsible_person_id) if case.responsible_person_id else None
    history = tuple(
        HistoryEntry(
            id=h.id,
            at=h.at,
            actor=h.actor,
            action=h.action,
            action_label=ACTION_LABELS.get(h.action, h.action),
            from_status=h.from_status,
            to_status=h.to_status,
            changes=json.loads(h.changes or "{}"),
            note=h.note,
            visibility=h.visibility,
            stage=h.stage,
            stage_on_time=h.stage_on_time,
        )
        for h in session.scalars(
            select(CaseHistory).where(CaseHistory.case_id == case.id).order_by(CaseHistory.id)
        )
    )
    attachments = tuple(
        AttachmentInfo(a.id, a.filename, a.mime_type, a.size, a.uploaded_at, a.uploaded_by)
        for a in session.execute(
            select(
                Attachment.id, Attachment.filename, Attachment.mime_type, Attachment.size,
                Attachment.uploaded_at, Attachment.uploaded_by,
            ).where(Attachment.case_id == case.id).order_by(Attachment.id)
        )
    )  # fmt: skip
    related: list[RelatedCase] = [
        RelatedCase(c.id, c.number, c.status, c.summary, QT_TRANSLATE_NOOP("domain", "合并入本案"))
        for c in session.scalars(select(Case).where(Case.merged_into_id == case.id).order_by(Case.id))
    ]
    if case.merged_into_id:
        target = session.get(Case, case.merged_into_id)
        if target is not None:
            related.append(RelatedCase(target.id, target.number, target.status, target.summary, QT_TRANSLATE_NOOP("domain", "本案并入")))
    if case.recurrence_of_id:
        earlier = session.get(Case, case.recurrence_of_id)
        if earlier is not None:
            related.append(RelatedCase(earlier.id, earlier.number, earlier.status, earlier.summary, QT_TRANSLATE_NOOP("domain", "本案复发自")))
    related += [
        RelatedCase(c.id, c.number, c.status, c.summary, QT_TRANSLATE_NOOP("domain", "复发件"))
        for c in session.scalars(select(Case).where(Case.recurrence_of_id == case.id).order_by(Case.id))
    ]
    return CaseDetail(
        id=case.id,
        number=case.number,
        version=case.version,
        status=case.status,
        stage=case.stage,
        light=light_of(case.status, case.stage_due_at, case.stage_warn_at, now),
        grid_code=case.grid_code,
        grid_name=case.grid.name,
        grid_path=_grid_path(session, case.grid),
        category_id=case.category_id,
        category_name=case.category.name,
        severity=case.severity,
        source=case.source,
        summary=case.summary,
        description=case.description,
        address=case.address,
        reporter_name=case.reporter_name,
        reporter_phone=case_reporter_phone(session, case),  # masked by the server on a person's login
        people_involved=case.people_involved,
        urgent=case.urgent,
        self_handled=case.self_handled,
        self_handled_action=case.self_handled_action,
        reported_by=case.reported_by,
        reported_at=case.reported_at,
        accepted_at=case.accepted_at,
        dispatched_at=case.dispatched_at,
        signed_at=case.signed_at,
        lead_department=lead.name if lead else None,
        co_departments=tuple(cd.department.name for cd in case.co_departments),
        responsible_person=person.name if person else None,
        instructions=case.instructions,
        limit_type=case.limit_type,
        limit_value=case.limit_value,
        due_at=case.due_at,
        stage_due_at=case.stage_due_at,
        stage_warn_at=case.stage_warn_at,
        paused_at=case.paused_at,
        requested_due_at=case.requested_due_at,
        closed_at=case.closed_at,
        close_type=case.close_type,
        close_reason=case.close_reason,
        result=case.result,
        satisfaction=case.satisfaction,
        rework_count=case.rework_count,
        extension_count=case.extension_count,
        supervise_count=case.supervise_count,
        supervise_level=case.supervise_level,
        governance_plan=json.loads(case.governance_plan) if case.governance_plan else None,
        next_review_on=case.next_review_on,
        claimed_by=case.claimed_by if case.claim_expires_at and case.claim_expires_at > now else None,
        claim_expires_at=case.claim_expires_at,
        updated_at=case.updated_at,
        updated_by=case.updated_by,
        history=history,
        attachments=attachments,
        related=tuple(related),
    )


ACTION_LABELS: dict[str, str] = {"report": QT_TRANSLATE_NOOP("domain", "上报"), **{a: t.label for a, t in machine.TRANSITIONS.items()}}


def allowed_actions(
    detail: CaseDetail,
    actor: str | None = None,
    now: datetime | None = None,
    permissions: Mapping[str, str | None] | None = None,
) -> list[ActionState]:
    """Every workflow action with whether it is allowed now and, if not, the reason the service would give."""
    now = now or clock.now()
    states: list[ActionState] = []
    for action, t in machine.TRANSITIONS.items():
        if action in machine.PERSONAL_ACTIONS:
            continue
        reason = machine.refusal(detail.status, action)
        if reason is None and (actor or action == "release"):
            reason = claim_refusal(action, detail.claimed_by, detail.claim_expires_at, actor, now)
        if reason is None and permissions:  # the user's posts (console.security.enforce.action_permissions)
            reason = permissions.get(action)
        states.append(ActionState(action, t.label, reason is None, reason))
    return states


def attachment_data(session: Session, attachment_id: int) -> tuple[str, str, bytes]:
    a = session.get(Attachment, attachment_id)
    if a is None:
        from console.errors import NotFound

        raise NotFound(Message(QT_TRANSLATE_NOOP("workflow", "附件不存在（id=%1）"), attachment_id))
    return a.filename, a.mime_type, a.data


def actions_for(
    session: Session, detail: CaseDetail, login: str, now: datetime | None = None
) -> list[ActionState]:
    """`allowed_actions` with the user's posts applied: what the case view enables, with the reasons."""
    from console.security.enforce import action_permissions

    return allowed_actions(detail, login, now, action_permissions(session, login, detail.id))
