"""CaseService: applies the state machine to the database, one transaction per action.

Each action (1) re-reads the case, (2) refuses if another seat changed it since the caller read it
(`StaleCase`, naming who), (3) checks the transition and the required fields, (4) changes the case, (5) writes
exactly one history row with the fields changed, and (6) records the change for the live feed — all in the
same transaction. The UPDATE itself carries `WHERE version = :seen`, so even a race between (2) and the
commit ends in `StaleCase`, never in a silent overwrite.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from console import clock
from console.changes import record_change
from console.db import Database
from console.deadlines.stage_limits import version_on
from console.domain import (
    CLOSED_STATUSES,
    PAUSED_STATUSES,
    CaseStatus,
    CloseType,
    Severity,
    Source,
    Stage,
    Visibility,
)
from console.errors import AttachmentTooLarge, IllegalTransition, NotFound, StaleCase, ValidationError
from console.grid_codes import code_problem, normalize_code
from console.i18n import QT_TRANSLATE_NOOP, Message, join
from console.models import (
    Attachment,
    Case,
    CaseCoDepartment,
    CaseHistory,
    CaseWatch,
    Category,
    Department,
    Grid,
    MeetingProposal,
    Person,
)
from console.security.audit import audit_case_change, case_change_row
from console.security.enforce import check_action, check_report, effective_login
from console.settings import get_setting
from console.workflow import machine, timing
from console.workflow.actions import TRACKED_FIELDS
from console.workflow.claims import claim_refusal
from console.workflow.commands import (
    Accept,
    Attach,
    Callback,
    Claim,
    Close,
    Command,
    CountyReturn,
    DecideExtension,
    Dispatch,
    Escalate,
    Feedback,
    HandBack,
    LongTerm,
    Merge,
    Progress,
    ProposeMeeting,
    Regrid,
    Reject,
    Release,
    Reopen,
    RequestExtension,
    Resume,
    Return,
    Sign,
    Supervise,
    Verify,
    text_problem,
)
from console.workflow.numbering import format_number, next_number, township_of

MAX_NOTE = 2000
MAX_SUMMARY = 120


@dataclass(frozen=True)
class CaseRef:
    """What a caller keeps after an action: enough to act again without re-reading."""

    id: int
    number: str
    status: CaseStatus
    version: int


@dataclass
class ReportInput:
    """A new report (上报). `grid` is a grid code; `category` a category code or name."""

    grid: str
    category: str
    summary: str
    source: Source = Source.PATROL
    description: str = ""
    address: str = ""
    severity: Severity | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    people_involved: str = ""
    urgent: bool = False
    self_handled: bool = False
    self_handled_action: str = ""
    reported_at: datetime | None = None
    note: str = ""
    recurrence_of: str | None = None  # 复发件: number of the closed case whose problem came back


@dataclass
class _Outcome:
    """What an action handler tells the pipeline to write in the history row."""

    note: str = ""
    visibility: Visibility = Visibility.INTERNAL
    stage: Stage | None = None
    stage_on_time: bool | None = None
    extra_changes: dict[str, list[Any]] = field(default_factory=dict)
    also_changed: list[int] = field(default_factory=list)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


class CaseService:
    """The only writer of cases. One instance per acting user (the actor recorded in the history)."""

    def __init__(self, db: Database, actor: str) -> None:
        if not actor:
            raise ValidationError(QT_TRANSLATE_NOOP("workflow", "未指定操作人"))
        self.db = db
        self.actor = actor
        self._acting_on: int | None = None
        self._actor_checked = False

    # --- reporting -------------------------------------------------------------------------------------

    def report(self, data: ReportInput) -> CaseRef:
        now = clock.now()
        problem = text_problem(data.summary, QT_TRANSLATE_NOOP("workflow", "问题摘要"), required=True, limit=MAX_SUMMARY)
        if problem:
            raise ValidationError(problem)
        summary = data.summary.strip()
        if data.self_handled and not data.self_handled_action.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("workflow", "自巡自办案件须填写已采取的处置措施"))
        reported_at = data.reported_at or now
        if reported_at > now + timedelta(minutes=5):
            raise ValidationError(QT_TRANSLATE_NOOP("workflow", "上报时间不能晚于当前时间"))
        with self._write() as session:
            grid = session.scalar(select(Grid).where(Grid.code == normalize_code(data.grid)))
            if grid is None:
                raise ValidationError(code_problem(data.grid) or Message(QT_TRANSLATE_NOOP("workflow", "未知的网格编码：%1"), data.grid))
            if not grid.active:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("workflow", "网格 %1（%2）已撤销，不能再上报案件"), grid.code, grid.name))
            check_report(session, self.actor, grid.code)
            category = find_category(session, data.category)
            earlier = recurrence_target(session, data.recurrence_of) if data.recurrence_of else None
            township = township_of(session, grid)
            seq, number = next_number(session, township.id, reported_at.year)
            case = file_report(
                session, data, grid, category, township.id, seq, self.actor, now, summary=summary
            )
            if earlier is not None:
                case.recurrence_of_id = earlier.id
            session.flush()
            record_change(session, [case.id])
            session.flush()
            return CaseRef(case.id, case.number, case.status, case.version)

    # --- every other action -----------------------------------------------------------------------------

    def act(self, case_id: int, command: Command, expected_version: int) -> CaseRef:
        """Carry out `command` on the case the caller last saw at `expected_version`."""
        action = command.action
        transition = machine.transition(action)
        handler = _HANDLERS.get(action)
        if handler is None:
            raise IllegalTransition(Message(QT_TRANSLATE_NOOP("workflow", "操作“%1”须通过专门的接口执行"), transition.label))
        self._acting_on = case_id
        with self._write() as session:
            return self.act_in(session, case_id, command, expected_version)

    def act_in(self, session: Session, case_id: int, command: Command, expected_version: int) -> CaseRef:
        """`act` in the caller's write transaction: a meeting decision is applied and marked applied in one
        transaction (`console.meetings.decisions`), so a refusal leaves neither."""
        action = command.action
        handler = _HANDLERS.get(action)
        if handler is None:
            raise IllegalTransition(Message(QT_TRANSLATE_NOOP("workflow", "操作“%1”须通过专门的接口执行"), machine.transition(action).label))
        self._acting_on = case_id
        if not self._actor_checked:
            self.actor = effective_login(session, self.actor)
            self._actor_checked = True
        case = session.get(Case, case_id)
        if case is None:
            raise NotFound(Message(QT_TRANSLATE_NOOP("workflow", "案件不存在（id=%1）"), case_id))
        if case.version != expected_version:
            raise StaleCase(case.number, case.updated_by, case.updated_at, case.version)
        machine.check(case.status, action)
        check_action(session, self.actor, action, case)
        self._check_claim(case, action)
        now = clock.now()
        problems = command.problems(case, now)
        if problems:
            raise ValidationError(join(problems))
        before = {name: getattr(case, name) for name in TRACKED_FIELDS}
        co_before = sorted(cd.department_id for cd in case.co_departments)
        from_status = case.status
        with session.no_autoflush:  # one UPDATE per action, so the version counts actions
            outcome = handler(self, session, case, now, command)
            # read here: a merge re-reads the case under its lock, and loading the list again must not flush
            co_after = sorted(cd.department_id for cd in case.co_departments)
        changes: dict[str, list[Any]] = {
            name: [_jsonable(before[name]), _jsonable(getattr(case, name))]
            for name in TRACKED_FIELDS
            if before[name] != getattr(case, name)
        }
        if co_after != co_before:
            changes["co_department_ids"] = [co_before, co_after]
        changes.update(outcome.extra_changes)
        case.updated_at = now
        case.updated_by = self.actor
        flag_modified(case, "updated_at")  # even a note-only action bumps the version
        session.add(
            CaseHistory(
                case_id=case.id,
                at=now,
                actor=self.actor,
                action=action,
                from_status=from_status,
                to_status=case.status,
                changes=json.dumps(changes, ensure_ascii=False),
                note=outcome.note,
                visibility=outcome.visibility,
                stage=outcome.stage,
                stage_on_time=outcome.stage_on_time,
            )
        )
        audit_case_change(session, self.actor, case.number, action, from_status, case.status)
        record_change(session, [case.id, *outcome.also_changed])
        session.flush()
        return CaseRef(case.id, case.number, case.status, case.version)

    def ref_of(self, id_or_number: int | str) -> CaseRef:
        """The case as it stands now (to act on a case the user picked by number)."""
        with self.db.session() as session:
            case = find_case(session, id_or_number)
            return CaseRef(case.id, case.number, case.status, case.version)

    def attach(
        self, case_id: int, expected_version: int, filename: str, data: bytes, mime_type: str, note: str = ""
    ) -> CaseRef:
        """Keep a photo/document with the case (in the shared database), as a history-recorded change."""
        return self.act(case_id, Attach(filename, data, mime_type, note), expected_version)

    def set_watch(self, case_id: int, watching: bool) -> None:
        """Follow or unfollow a case (我关注的): personal, so no history and no version bump."""
        with self.db.session() as session:
            self.set_watch_in(session, case_id, watching)

    def set_watch_in(self, session: Session, case_id: int, watching: bool) -> None:
        """`set_watch` in the caller's transaction (a meeting's 持续关注 decision, `console.meetings`)."""
        row = session.get(CaseWatch, (case_id, self.actor))
        if watching and row is None:
            if session.get(Case, case_id) is None:
                raise NotFound(Message(QT_TRANSLATE_NOOP("workflow", "案件不存在（id=%1）"), case_id))
            session.add(CaseWatch(case_id=case_id, login=self.actor))
        elif not watching and row is not None:
            session.delete(row)

    # --- plumbing --------------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Session]:
        try:
            with self.db.write_session() as session:
                if not self._actor_checked:  # on PostgreSQL the login role decides who acts
                    self.actor = effective_login(session, self.actor)
                    self._actor_checked = True
                yield session
        except StaleDataError:
            # the versioned UPDATE matched no row: another seat committed first (whichever statement flushed it)
            raise self._stale_from_session() from None
        except OperationalError as exc:
            if "locked" in str(exc).lower():
                raise IllegalTransition(QT_TRANSLATE_NOOP("workflow", "数据库正忙（其他席位正在写入），请稍后重试")) from exc
            raise

    def _stale(self, case_id: int) -> StaleCase:
        with self.db.session() as session:
            case = session.get(Case, case_id)
            assert case is not None
            return StaleCase(case.number, case.updated_by, case.updated_at, case.version)

    def _stale_from_session(self) -> StaleCase:
        case_id = self._acting_on
        assert case_id is not None
        return self._stale(case_id)

    def _check_claim(self, case: Case, action: str) -> None:
        reason = claim_refusal(action, case.claimed_by, case.claim_expires_at, self.actor, clock.now())
        if reason:
            raise IllegalTransition(reason)


# --- lookups shared with import and the CLI -----------------------------------------------------------------


def find_category(session: Session, text: str) -> Category:
    text = text.strip()
    cat = session.scalar(select(Category).where((Category.code == text) | (Category.name == text)))
    if cat is None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("workflow", "未知的问题类别：%1"), text))
    if not cat.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("workflow", "问题类别“%1”已停用"), cat.name))
    return cat


def lock_cases(session: Session, case_ids: list[int]) -> None:
    """Lock the cases' rows in id order (a fixed order, so two seats locking the same pair cannot deadlock)
    and reload them; on SQLite the write transaction already holds the database."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            select(Case).where(Case.id.in_(sorted(set(case_ids)))).order_by(Case.id)
            .with_for_update().execution_options(populate_existing=True)
        ).all()


def recurrence_target(session: Session, number: str) -> Case:
    """The closed case a recurrence (复发件) is linked to: only a settled case can recur."""
    earlier = find_case(session, number)
    if earlier.status not in CLOSED_STATUSES:
        raise ValidationError(Message(
            QT_TRANSLATE_NOOP("workflow", "案件 %1 为“%2”，尚未结案：新报告请合并到该案件，而不是作为复发件"),
            earlier.number, earlier.status.label,
        ))  # fmt: skip
    return earlier


def find_case(session: Session, id_or_number: int | str) -> Case:
    if isinstance(id_or_number, int) or str(id_or_number).isdigit():
        case = session.get(Case, int(id_or_number))
    else:
        case = session.scalar(select(Case).where(Case.number == str(id_or_number).strip()))
    if case is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("workflow", "案件不存在：%1"), id_or_number))
    return case


def file_report(
    session: Session,
    data: ReportInput,
    grid: Grid,
    category: Category,
    township_id: int,
    seq: int,
    actor: str,
    now: datetime,
    *,
    summary: str | None = None,
    audit_rows: list[dict[str, Any]] | None = None,
) -> Case:
    """Create a reported case with its intake clock, its first history row and its audit row (written at once,
    or appended to `audit_rows` for the caller to insert with others in one statement).

    Shared by `CaseService.report` and the bulk import, which check their input first and reserve the numbers;
    the caller flushes (the case has no id before) and records the change for the live feed.
    """
    reported_at = data.reported_at or now
    case = Case(
        number=format_number(reported_at.year, seq),
        township_id=township_id,
        year=reported_at.year,
        seq=seq,
        grid_id=grid.id,
        grid_code=grid.code,
        category_id=category.id,
        severity=data.severity or category.severity,
        source=data.source,
        status=CaseStatus.REPORTED,
        summary=summary if summary is not None else data.summary.strip(),
        description=data.description.strip(),
        address=data.address.strip(),
        reporter_name=(data.reporter_name or "").strip() or None,
        reporter_phone=(data.reporter_phone or "").strip() or None,
        people_involved=data.people_involved.strip(),
        urgent=data.urgent,
        self_handled=data.self_handled,
        self_handled_action=data.self_handled_action.strip(),
        reported_by=actor,
        reported_at=reported_at,
        updated_at=now,
        updated_by=actor,
        rework_count=0,
        extension_count=0,
        supervise_count=0,
    )
    with session.no_autoflush:
        timing.start_stage(session, case, Stage.INTAKE, reported_at)
    session.add(case)
    changes = {"grid_code": [None, grid.code], "category": [None, category.name],
               "self_handled": [None, data.self_handled]}  # fmt: skip
    session.add(
        CaseHistory(
            case=case,  # not flushed yet: an import files many cases and flushes them in batches
            at=now,
            actor=actor,
            action="report",
            from_status=None,
            to_status=CaseStatus.REPORTED,
            changes=json.dumps(changes, ensure_ascii=False),
            note=data.note.strip() or (data.self_handled_action.strip() if data.self_handled else ""),
            visibility=Visibility.INTERNAL,
        )
    )
    if audit_rows is None:
        audit_case_change(session, actor, case.number, "report", None, CaseStatus.REPORTED)
    else:
        audit_rows.append(case_change_row(actor, case.number, "report", None, CaseStatus.REPORTED))
    return case


# --- action handlers ----------------------------------------------------------------------------------------
# Each takes (service, session, case, now, command) — the command's own `problems()` already passed — changes
# the case and returns the history outcome.

Handler = Callable[[CaseService, Session, Case, datetime, Any], _Outcome]


def _release_claim(case: Case) -> None:
    case.claimed_by = None
    case.claim_expires_at = None


def _accept(svc: CaseService, s: Session, case: Case, now: datetime, f: Accept) -> _Outcome:
    stage, on_time = timing.complete_stage(case, now)
    case.accepted_at = now
    _release_claim(case)
    if case.self_handled:  # 自巡自办: already handled on site; the center verifies
        case.status = CaseStatus.FEEDBACK
        case.feedback_at = now
        case.result = case.self_handled_action
        timing.start_stage(s, case, Stage.VERIFY, now)
    else:
        case.status = CaseStatus.ACCEPTED
        timing.start_stage(s, case, Stage.DISPATCH, now)
    return _Outcome(note=f.note.strip(), stage=stage, stage_on_time=on_time)


def _reject(svc: CaseService, s: Session, case: Case, now: datetime, f: Reject) -> _Outcome:
    reason = f.reason.strip()
    stage, on_time = timing.complete_stage(case, now)
    case.status = CaseStatus.REJECTED
    case.close_reason = reason
    case.closed_at = now
    _release_claim(case)
    return _Outcome(note=reason, visibility=Visibility.PUBLIC, stage=stage, stage_on_time=on_time)


def _merge(svc: CaseService, s: Session, case: Case, now: datetime, f: Merge) -> _Outcome:
    target = find_case(s, f.into)
    if target.id == case.id:
        raise ValidationError(QT_TRANSLATE_NOOP("workflow", "不能把案件合并到它自己"))
    # two seats merging two duplicates into each other: both rows are locked in id order, and the target's
    # status is read after its lock, so at most one merge goes through
    lock_cases(s, [case.id, target.id])
    if case.status not in machine.transition("merge").sources:
        raise svc._stale(case.id)
    if target.status in (CaseStatus.REJECTED, CaseStatus.MERGED):
        raise ValidationError(Message(QT_TRANSLATE_NOOP("workflow", "目标案件 %1 为“%2”，不能作为合并目标"), target.number, target.status.label))
    if target.status in CLOSED_STATUSES:
        raise ValidationError(Message(
            QT_TRANSLATE_NOOP("workflow", "目标案件 %1 已%2，不能合并：问题再次出现时，请将该案件“重新办理”"
                                          "（返工），或把新报告作为复发件另行立案并关联 %1"),
            target.number, target.status.label,
        ))  # fmt: skip
    stage, on_time = timing.complete_stage(case, now)
    case.status = CaseStatus.MERGED
    case.merged_into_id = target.id
    case.close_type = CloseType.DUPLICATE
    case.closed_at = now
    _release_claim(case)
    note = f.note.strip() or f"与 {target.number} 重复，已合并"
    return _Outcome(note=note, visibility=Visibility.PUBLIC, stage=stage, stage_on_time=on_time,
                    extra_changes={"merged_into": [None, target.number]})  # fmt: skip


def _dispatch(svc: CaseService, s: Session, case: Case, now: datetime, f: Dispatch) -> _Outcome:
    # the item list's defaults in force today (a dated version, else the category row)
    version = version_on(s, case.category_id, now.date()) if f.lead_department_id is None else None
    lead_id = f.lead_department_id or (version.lead_department_id if version is not None else None) or (
        case.category.default_department_id if case.category else None
    )
    co_default = json.loads(version.co_department_ids or "[]") if version is not None else []
    if not lead_id:
        raise ValidationError(QT_TRANSLATE_NOOP("workflow", "请选择牵头部门"))
    lead = s.get(Department, int(lead_id))
    if lead is None or not lead.active:
        raise ValidationError(QT_TRANSLATE_NOOP("workflow", "牵头部门不存在或已停用"))
    co_ids = sorted({int(x) for x in (f.co_department_ids or co_default)} - {lead.id})
    for dep_id in co_ids:
        dep = s.get(Department, dep_id)
        if dep is None or not dep.active:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("workflow", "配合部门不存在或已停用（id=%1）"), dep_id))
    person_id = f.responsible_person_id
    if person_id is not None:
        person = s.get(Person, int(person_id))
        if person is None or not person.active:
            raise ValidationError(QT_TRANSLATE_NOOP("workflow", "责任人不存在或已停用"))
    due = f.due_at
    due_reason = f.due_reason.strip()
    if due is not None:
        default_due = timing.computed_due(s, case, Stage.HANDLE, now)
        if due != default_due and not due_reason:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("workflow", "按事项清单，办结时限为 %1；修改时限须填写理由"), f"{default_due:%Y-%m-%d %H:%M}"))
    stage, on_time = timing.complete_stage(case, now)
    case.lead_department_id = lead.id
    case.responsible_person_id = int(person_id) if person_id is not None else None
    case.co_departments = [CaseCoDepartment(department_id=d) for d in co_ids]
    case.instructions = f.instructions.strip()
    case.dispatched_at = now
    case.status = CaseStatus.DISPATCHED
    _release_claim(case)
    timing.start_stage(s, case, Stage.HANDLE, now, due=due)
    note = f.note.strip()
    if due_reason:
        note = f"{note}\n时限调整理由：{due_reason}".strip()
    return _Outcome(note=note, stage=stage, stage_on_time=on_time)


def _sign(svc: CaseService, s: Session, case: Case, now: datetime, f: Sign) -> _Outcome:
    case.signed_at = now
    case.status = CaseStatus.IN_PROGRESS
    return _Outcome(note=f.note.strip())


def _progress(svc: CaseService, s: Session, case: Case, now: datetime, f: Progress) -> _Outcome:
    return _Outcome(note=f.note.strip(), visibility=Visibility(f.visibility))


def _feedback(svc: CaseService, s: Session, case: Case, now: datetime, f: Feedback) -> _Outcome:
    case.result = f.result.strip()
    case.feedback_at = now
    stage, on_time = timing.complete_stage(case, now)
    case.status = CaseStatus.FEEDBACK
    timing.start_stage(s, case, Stage.VERIFY, now)
    return _Outcome(note=f.note.strip() or case.result,
                    visibility=Visibility.PUBLIC, stage=stage, stage_on_time=on_time)  # fmt: skip


def _return(svc: CaseService, s: Session, case: Case, now: datetime, f: Return) -> _Outcome:
    reason = f.reason.strip()
    timing.complete_stage(case, now)  # the handling stage ends without an on-time verdict
    case.status = CaseStatus.ACCEPTED
    _let_go_of_departments(case)
    timing.start_stage(s, case, Stage.DISPATCH, now)
    return _Outcome(note=reason)


def _let_go_of_departments(case: Case) -> None:
    """The departments give the case up (退回, 县级回复, 退回网格): nothing of the former handling stays on it,
    so neither the visibility rule nor the 待签收 filter still counts it as theirs."""
    case.lead_department_id = None
    case.responsible_person_id = None
    case.co_departments = []
    case.due_at = None
    case.signed_at = None


def _verify(svc: CaseService, s: Session, case: Case, now: datetime, f: Verify) -> _Outcome:
    if f.passed:
        stage, on_time = timing.complete_stage(case, now)
        case.verified_at = now
        case.status = CaseStatus.VERIFIED
        return _Outcome(note=f.note.strip(), stage=stage, stage_on_time=on_time)
    reason = f.reason.strip()
    new_due = f.due_at
    stage, on_time = timing.complete_stage(case, now)
    case.rework_count += 1
    case.feedback_at = None
    extra: dict[str, list[Any]] = {"rework": [case.rework_count - 1, case.rework_count]}
    if case.lead_department_id is None:
        # 自巡自办 (or any case no department holds): the center dispatches the rework
        case.status = CaseStatus.ACCEPTED
        timing.start_stage(s, case, Stage.DISPATCH, now)
    else:
        case.status = CaseStatus.IN_PROGRESS
        # the rework round gets its own limit for the traffic light; the case keeps its handling deadline
        # (`due_at`), against which the on-time verdict is given: a sham feedback cannot buy a new deadline
        timing.start_rework(s, case, now, due=new_due)
        extra["rework_due_at"] = [None, _jsonable(case.stage_due_at)]
    return _Outcome(note=reason, stage=stage, stage_on_time=on_time, extra_changes=extra)


def _close(svc: CaseService, s: Session, case: Case, now: datetime, f: Close) -> _Outcome:
    close_type = f.close_type
    assert close_type is not None  # problems() refused it
    reason = f.reason.strip()
    case.close_type = close_type  # type: ignore[assignment]
    case.close_reason = reason
    case.closed_at = now
    case.status = CaseStatus.CLOSED
    return _Outcome(note=reason or str(close_type.label), visibility=Visibility.PUBLIC)


def _callback(svc: CaseService, s: Session, case: Case, now: datetime, f: Callback) -> _Outcome:
    sat = f.satisfaction
    comment = f.comment.strip()
    case.satisfaction = sat  # type: ignore[assignment]
    case.status = CaseStatus.EVALUATED
    return _Outcome(note=comment)


def _request_extension(
    svc: CaseService, s: Session, case: Case, now: datetime, f: RequestExtension
) -> _Outcome:
    reason = f.reason.strip()
    case.requested_due_at = f.requested_due_at
    timing.pause(case, now, case.status)
    case.status = CaseStatus.EXTENSION_REQUESTED
    return _Outcome(note=reason)


def _decide_extension(svc: CaseService, s: Session, case: Case, now: datetime, f: DecideExtension) -> _Outcome:
    approve = f.approve
    note = f.note.strip()
    back = case.resume_status or CaseStatus.IN_PROGRESS
    paused = timing.resume(s, case, now)
    extra: dict[str, list[Any]] = {}
    if paused:
        extra["paused"] = [_jsonable(paused[0]), _jsonable(paused[1])]
    if approve:
        new_due = case.requested_due_at
        assert new_due is not None
        case.due_at = new_due
        if case.stage is Stage.HANDLE:
            start = case.stage_started_at or now
            case.stage_warn_at = start + (new_due - start) * _threshold(s)
            case.stage_due_at = new_due
        case.extension_count += 1
    case.requested_due_at = None
    case.status = back
    return _Outcome(note=note or "同意延期", extra_changes=extra)


def _threshold(s: Session) -> float:
    try:
        return float(get_setting(s, "yellow_threshold"))
    except ValueError:
        return 0.8


def _escalate(svc: CaseService, s: Session, case: Case, now: datetime, f: Escalate) -> _Outcome:
    note = f.note.strip()
    if case.status not in PAUSED_STATUSES:
        timing.pause(case, now, case.status)
    case.escalated_at = now
    case.status = CaseStatus.ESCALATED
    _release_claim(case)
    return _Outcome(note=note)


def _county_return(svc: CaseService, s: Session, case: Case, now: datetime, f: CountyReturn) -> _Outcome:
    answer = f.answer.strip()
    paused = timing.resume(s, case, now)
    timing.complete_stage(case, now)
    case.status = CaseStatus.ACCEPTED  # back to the township to dispatch on the county's answer
    _let_go_of_departments(case)
    timing.start_stage(s, case, Stage.DISPATCH, now)
    extra = {"paused": [_jsonable(paused[0]), _jsonable(paused[1])]} if paused else {}
    return _Outcome(note=answer, extra_changes=extra)


def _long_term(svc: CaseService, s: Session, case: Case, now: datetime, f: LongTerm) -> _Outcome:
    measures = f.measures.strip()
    plan = {"measures": measures, "milestones": [str(m) for m in f.milestones]}
    case.governance_plan = json.dumps(plan, ensure_ascii=False)
    case.next_review_on = f.next_review_on
    timing.pause(case, now, case.status)
    case.status = CaseStatus.LONG_TERM
    _release_claim(case)
    return _Outcome(note=f.note.strip() or measures)


def _resume(svc: CaseService, s: Session, case: Case, now: datetime, f: Resume) -> _Outcome:
    note = f.note.strip()
    back = case.resume_status
    paused = timing.resume(s, case, now)
    if case.lead_department_id is None:
        # parked before dispatch (or no department holds it): the center dispatches it now
        case.status = CaseStatus.ACCEPTED
        if case.stage is not Stage.DISPATCH:
            timing.complete_stage(case, now)
            timing.start_stage(s, case, Stage.DISPATCH, now)
    else:
        if case.stage is None:
            timing.start_stage(s, case, Stage.HANDLE, now)
        case.status = back if back in (CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS) else CaseStatus.IN_PROGRESS
    extra = {"paused": [_jsonable(paused[0]), _jsonable(paused[1])]} if paused else {}
    return _Outcome(note=note, extra_changes=extra)


def _reopen(svc: CaseService, s: Session, case: Case, now: datetime, f: Reopen) -> _Outcome:
    """重新办理: the problem of a closed case came back or a spot check found it not fixed. It goes back to
    its department for rework (or to the center when no department held it); the handling deadline stays."""
    case.rework_count += 1
    extra: dict[str, list[Any]] = {"rework": [case.rework_count - 1, case.rework_count]}
    case.closed_at = None
    case.close_type = None
    case.close_reason = ""
    case.verified_at = None
    case.feedback_at = None
    case.satisfaction = None
    if case.lead_department_id is None:
        case.status = CaseStatus.ACCEPTED
        timing.start_stage(s, case, Stage.DISPATCH, now)
    else:
        case.status = CaseStatus.IN_PROGRESS
        timing.start_rework(s, case, now, due=f.due_at)
        extra["rework_due_at"] = [None, _jsonable(case.stage_due_at)]
    return _Outcome(note=f.reason.strip(), visibility=Visibility.PUBLIC, extra_changes=extra)


def _supervise(svc: CaseService, s: Session, case: Case, now: datetime, f: Supervise) -> _Outcome:
    chased = f.chased.strip()
    case.supervise_count += 1
    case.supervise_level = f.level or case.supervise_level  # type: ignore[assignment]
    note = f.note.strip()
    level = f"（{f.level.label}）" if f.level else ""
    return _Outcome(note=f"督办对象：{chased}{level}" + (f"\n{note}" if note else ""),
                    extra_changes={"supervised": [None, chased]})  # fmt: skip


def _propose_meeting(svc: CaseService, s: Session, case: Case, now: datetime, f: ProposeMeeting) -> _Outcome:
    """提请会商: an open proposal row the next agenda takes up, with the reason (one open proposal per case)."""
    reason = f.reason.strip()
    pending = s.scalar(
        select(MeetingProposal.id).where(MeetingProposal.case_id == case.id, MeetingProposal.item_id.is_(None))
    )
    if pending is not None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("workflow", "案件 %1 已提请会商，尚待列入议程；未重复提请"), case.number))
    s.add(MeetingProposal(case_id=case.id, reason=reason, handed_up=False, proposed_by=svc.actor,
                          proposed_at=now))  # fmt: skip
    return _Outcome(note=reason, extra_changes={"proposed_for_meeting": [None, reason]})


def _regrid(svc: CaseService, s: Session, case: Case, now: datetime, f: Regrid) -> _Outcome:
    """移交网格: the case now belongs to another grid (its queue, its grid workers); nothing else changes. The
    re-zoning of a split, merge or retirement moves each open case this way (`console.rezoning`)."""
    code = normalize_code(f.to_grid)
    grid = s.scalar(select(Grid).where(Grid.code == code))
    if grid is None:
        raise ValidationError(code_problem(f.to_grid) or Message(QT_TRANSLATE_NOOP("workflow", "未知的网格编码：%1"), f.to_grid))
    if not grid.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("workflow", "网格 %1（%2）已撤销，不能移入案件"), grid.code, grid.name))
    if grid.id == case.grid_id:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("workflow", "案件 %1 已在网格 %2（%3），未移交"), case.number, grid.code, grid.name))
    old = s.get(Grid, case.grid_id)
    old_code, old_name = case.grid_code, old.name if old is not None else ""
    case.grid_id = grid.id
    case.grid_code = grid.code
    return _Outcome(note=f.note.strip(), extra_changes={"grid_code": [old_code, grid.code], "grid": [old_name, grid.name]})


def _hand_back(svc: CaseService, s: Session, case: Case, now: datetime, f: HandBack) -> _Outcome:
    """退回网格: the departments let go of the case (as on 退回) and its grid settles it on the spot (自巡自办):
    it waits for the grid's 核查, whose pass sends it to closing and whose failure back to the center."""
    note = f.note.strip()
    timing.complete_stage(case, now)  # the stage ends without an on-time verdict (the meeting took it over)
    _let_go_of_departments(case)
    case.self_handled = True
    case.result = note
    case.status = CaseStatus.FEEDBACK
    _release_claim(case)
    timing.start_stage(s, case, Stage.VERIFY, now)
    return _Outcome(note=note, visibility=Visibility.PUBLIC, extra_changes={"handed_back": [None, case.grid_code]})


def _claim(svc: CaseService, s: Session, case: Case, now: datetime, f: Claim) -> _Outcome:
    minutes = int(get_setting(s, "claim_lease_minutes"))
    case.claimed_by = svc.actor
    case.claim_expires_at = now + timedelta(minutes=minutes)
    return _Outcome(note=f"认领 {minutes} 分钟")


def _release(svc: CaseService, s: Session, case: Case, now: datetime, f: Release) -> _Outcome:
    _release_claim(case)
    return _Outcome()


def _attach(svc: CaseService, s: Session, case: Case, now: datetime, f: Attach) -> _Outcome:
    data = f.data
    filename = f.filename.strip()
    cap = int(get_setting(s, "attachment_max_bytes"))
    if len(data) > cap:
        raise AttachmentTooLarge(Message(
            QT_TRANSLATE_NOOP("workflow", "附件“%1”大小 %2 MB，超过上限 %3 MB，请压缩后再上传"),
            filename, f"{len(data) / 1048576:.1f}", f"{cap / 1048576:.1f}",
        ))  # fmt: skip
    s.add(
        Attachment(
            case_id=case.id,
            filename=filename,
            mime_type=f.mime_type or "application/octet-stream",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            uploaded_at=now,
            uploaded_by=svc.actor,
        )
    )
    return _Outcome(note=f.note.strip() or filename,
                    extra_changes={"attachment": [None, filename]})  # fmt: skip


_HANDLERS: dict[str, Handler] = {
    "accept": _accept,
    "reject": _reject,
    "merge": _merge,
    "dispatch": _dispatch,
    "sign": _sign,
    "progress": _progress,
    "feedback": _feedback,
    "return": _return,
    "verify": _verify,
    "close": _close,
    "callback": _callback,
    "request_extension": _request_extension,
    "decide_extension": _decide_extension,
    "escalate": _escalate,
    "county_return": _county_return,
    "long_term": _long_term,
    "resume": _resume,
    "supervise": _supervise,
    "reopen": _reopen,
    "claim": _claim,
    "release": _release,
    "attach": _attach,
    "propose_meeting": _propose_meeting,
    "hand_back": _hand_back,
    "regrid": _regrid,
}
