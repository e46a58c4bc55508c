"""MeetingService: every change to a meeting, one audited transaction each.

The meeting moves 筹备 → 议程已发 → 已召开 → 纪要已审定. Approval freezes the minutes (a snapshot in
`Meeting.minutes_json`): afterwards only dated addenda (补充说明) are added and decisions are followed up. A
decision is applied through `CaseService.act_in` in the same transaction that marks it applied, so a refusal by
the workflow writes nothing but the refusal's reason on the decision (in a transaction of its own).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from console import clock
from console.db import Database
from console.errors import ConsoleError, NotFound, PermissionDenied, ValidationError
from console.grid_codes import code_level
from console.i18n import QT_TRANSLATE_NOOP, Message, join
from console.meetings import access, proposal
from console.meetings.decisions import DecisionInput, command_for, shows_done
from console.meetings.kinds import Attendance, DecisionKind, MeetingKind, MeetingStatus
from console.models import (
    AgendaItem,
    Case,
    Grid,
    Meeting,
    MeetingAddendum,
    MeetingAttendee,
    MeetingDecision,
    MeetingProposal,
)
from console.security.audit import AuditEvent, audit
from console.security.enforce import check_action, effective_login
from console.settings import get_setting
from console.workflow.commands import Command, text_problem
from console.workflow.service import CaseService, find_case

MS = MeetingStatus
#: statuses in which the agenda may still be edited
AGENDA_OPEN = (MS.PREPARING, MS.AGENDA_SENT)
#: statuses in which discussion, attendance and decisions are recorded
RECORDING = (MS.AGENDA_SENT, MS.HELD)
_NEXT = {MS.PREPARING: MS.AGENDA_SENT, MS.AGENDA_SENT: MS.HELD}


@dataclass(frozen=True)
class Invitee:
    name: str
    duty: str = ""
    department_id: int | None = None


@dataclass(frozen=True)
class Drawn:
    added: int
    left_out: str  # which rules the cap (`meeting_max_items`) left cases out of, else ""

    @property
    def message(self) -> str:
        return f"议程新增 {self.added} 项" + (f"；{self.left_out}" if self.left_out else "")


@dataclass(frozen=True)
class ApplyResult:
    decision_id: int
    case_number: str
    applied: bool
    message: str  # the new status, or why the workflow refused


class MeetingService:
    """The only writer of meetings. One instance per acting user."""

    def __init__(self, db: Database, actor: str) -> None:
        if not actor:
            raise ValidationError(QT_TRANSLATE_NOOP("meetings", "未指定操作人"))
        self.db = db
        self.actor = actor

    @contextmanager
    def _write(self, what: str) -> Iterator[Session]:
        with self.db.write_session() as session:
            self.actor = effective_login(session, self.actor)
            access.check(session, self.actor, what)
            yield session

    def _audit(self, s: Session, meeting: Meeting, detail: str) -> None:
        audit(s, AuditEvent.MEETING, login=self.actor, object=f"会商 {meeting.number} {meeting.kind.label}",
              detail=detail)  # fmt: skip

    # --- the meeting -------------------------------------------------------------------------------------

    def create(self, kind: MeetingKind, held_at: datetime, *, scope_code: str | None = None, place: str = "",
               chair: str = "", recorder: str = "", title: str = "",
               invitees: Sequence[Invitee] = ()) -> int:  # fmt: skip
        """A new meeting in 筹备, numbered 第N期 within its year, kind and subtree."""
        with self._write(access.PREPARE) as s:
            if scope_code is None:
                if kind is not MeetingKind.WEEKLY:
                    raise ValidationError(QT_TRANSLATE_NOOP("meetings", "民情分析会须指定村（社区）网格编码"))
                scope = s.scalar(select(Grid).where(Grid.level == 1).order_by(Grid.id).limit(1))
            else:
                scope = s.scalar(select(Grid).where(Grid.code == scope_code.strip()))
            if scope is None:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "未知的网格编码：%1；会商未创建"), scope_code or '（街道）'))
            if kind is MeetingKind.WEEKLY and code_level(scope.code) != 1:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "每周会商针对全街道（乡镇），%1 不是一级网格；会商未创建"), scope.name))
            if kind is MeetingKind.VILLAGE and code_level(scope.code) != 2:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "民情分析会针对一个村（社区），%1 不是二级网格；会商未创建"), scope.name))
            year = held_at.year
            seq = (s.scalar(select(func.max(Meeting.seq)).where(Meeting.kind == kind, Meeting.scope_code == scope.code,
                                                                 Meeting.year == year)) or 0) + 1  # fmt: skip
            if not title:
                town = get_setting(s, "township_name") or scope.name
                title = (f"{town}网格化管理会商〔{year}〕第{seq}期" if kind is MeetingKind.WEEKLY
                         else f"{scope.name}民情分析会〔{year}〕第{seq}期")  # fmt: skip
            now = clock.now()
            m = Meeting(kind=kind, scope_code=scope.code, year=year, seq=seq, title=title[:120], held_at=held_at,
                        place=place or get_setting(s, "meeting_place"), chair=chair, recorder=recorder,
                        status=MS.PREPARING, created_by=self.actor, created_at=now)  # fmt: skip
            s.add(m)
            s.flush()
            for inv in invitees:
                s.add(MeetingAttendee(meeting_id=m.id, name=inv.name, duty=inv.duty, department_id=inv.department_id,
                                      attendance=Attendance.INVITED, absence_reason="", substitute=""))  # fmt: skip
            self._audit(s, m, f"新建：{title}，{held_at:%Y-%m-%d %H:%M}，{m.place}")
            return m.id

    def advance(self, meeting_id: int) -> MeetingStatus:
        """筹备 → 议程已发 → 已召开 (approval is `approve`, the chair's)."""
        with self._write(access.PREPARE) as s:
            m = _meeting(s, meeting_id)
            nxt = _NEXT.get(m.status)
            if nxt is None:
                raise ValidationError(
                    Message(QT_TRANSLATE_NOOP("meetings", "会商 %1 为“%2”，不能再推进；纪要审定由主持人进行"), m.number, m.status.label)
                )
            m.status = nxt
            self._audit(s, m, f"状态：{nxt.label}")
            return nxt

    def attend(self, meeting_id: int, name: str, attendance: Attendance, *, reason: str = "",
               substitute: str = "", duty: str = "", department_id: int | None = None) -> None:  # fmt: skip
        """Record whether an invited person came (a person not invited yet is added)."""
        if not name.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("meetings", "请填写参会人员姓名；出席情况未保存"))
        if attendance is Attendance.ABSENT and not reason.strip():
            raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "请填写 %1 缺席的原因；出席情况未保存"), name))
        if attendance is Attendance.SUBSTITUTE and not substitute.strip():
            raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "请填写代 %1 参会的人员；出席情况未保存"), name))
        with self._write(access.RECORD) as s:
            m = _meeting(s, meeting_id)
            _not_frozen(m)
            row = s.scalar(select(MeetingAttendee).where(MeetingAttendee.meeting_id == m.id,
                                                         MeetingAttendee.name == name.strip()))  # fmt: skip
            if row is None:
                row = MeetingAttendee(meeting_id=m.id, name=name.strip(), duty=duty, department_id=department_id,
                                      attendance=attendance, absence_reason="", substitute="")  # fmt: skip
                s.add(row)
            row.attendance = attendance
            row.absence_reason = reason.strip()
            row.substitute = substitute.strip()
            self._audit(s, m, f"出席：{name} {attendance.label} {reason or substitute}".strip())

    def approve(self, meeting_id: int) -> None:
        """The chair approves the minutes (已召开 → 纪要已审定): they are frozen from now on."""
        from console.meetings.read import minutes_snapshot

        with self._write(access.CHAIR) as s:
            m = _meeting(s, meeting_id)
            if m.status is not MS.HELD:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "会商 %1 为“%2”，只有已召开的会商才能审定纪要"), m.number, m.status.label))
            now = clock.now()
            m.status = MS.APPROVED
            m.approved_by = self.actor
            m.approved_at = now
            s.flush()
            m.minutes_json = json.dumps(minutes_snapshot(s, m), ensure_ascii=False, default=str)
            self._audit(s, m, "审定纪要")

    def add_addendum(self, meeting_id: int, text: str) -> None:
        """A dated addendum (补充说明) to approved minutes; the minutes themselves stay as approved."""
        problem = text_problem(text, QT_TRANSLATE_NOOP("meetings", "补充说明"), required=True)
        if problem:
            raise ValidationError(problem)
        with self._write(access.RECORD) as s:
            m = _meeting(s, meeting_id)
            if m.status is not MS.APPROVED:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "会商 %1 纪要尚未审定：请直接修改纪要内容，无需补充说明"), m.number))
            s.add(MeetingAddendum(meeting_id=m.id, at=clock.now(), by=self.actor, text=text.strip()))
            self._audit(s, m, f"补充说明：{text.strip()[:100]}")

    # --- the agenda --------------------------------------------------------------------------------------

    def draw_agenda(self, meeting_id: int) -> Drawn:
        """Propose the agenda from the records: new qualifying cases are appended with every reason; items
        already on it get their reasons brought up to date; removed items stay removed. Returns how many
        items were added and what the cap (`meeting_max_items`) left out."""
        with self._write(access.PREPARE) as s:
            m = _meeting(s, meeting_id)
            _agenda_open(m)
            now = clock.now()
            settle(s, now)
            found = proposal.propose(s, m, now)
            candidates = found.candidates
            items = {i.case_id: i for i in s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == m.id))}
            position = max((i.position for i in items.values()), default=0)
            versions = dict(s.execute(select(Case.id, Case.version).where(
                Case.id.in_([c.case_id for c in candidates]))).tuples().all()) if candidates else {}  # fmt: skip
            added = 0
            for cand in candidates:
                item = items.get(cand.case_id)
                if item is None:
                    position += 1
                    item = AgendaItem(meeting_id=m.id, case_id=cand.case_id, position=position,
                                      reasons=json.dumps(cand.reasons, ensure_ascii=False), added_by=self.actor,
                                      case_version=versions[cand.case_id], discussion="", removed_reason="")  # fmt: skip
                    s.add(item)
                    added += 1
                elif item.removed_at is None:
                    kept = [r for r in json.loads(item.reasons) if r[0] == proposal.MANUAL]
                    item.reasons = json.dumps(proposal.merged_reasons(cand.reasons + kept), ensure_ascii=False)
                    item.case_version = versions[cand.case_id]
                else:
                    continue
                if cand.proposal_ids:  # the proposal is taken up by this item (only these need its id now)
                    s.flush()
                    s.execute(update(MeetingProposal).where(MeetingProposal.id.in_(cand.proposal_ids))
                              .values(item_id=item.id))  # fmt: skip
            _renumber_carried_first(s, m)
            m.agenda_drawn_at = now
            self._audit(s, m, f"生成议程：新增 {added} 项，列入 {len(candidates)} 项。{found.left_out_text}")
            return Drawn(added, found.left_out_text)

    def add_item(self, meeting_id: int, case_number: str, reason: str) -> None:
        """A dispatcher adds any case by number, with the reason the agenda shows."""
        problem = text_problem(reason, QT_TRANSLATE_NOOP("meetings", "列入议程的理由"), required=True)
        if problem:
            raise ValidationError(problem)
        with self._write(access.PREPARE) as s:
            m = _meeting(s, meeting_id)
            _agenda_open(m)
            case = find_case(s, case_number)
            if not case.grid_code.startswith(m.scope_prefix):
                raise ValidationError(
                    Message(QT_TRANSLATE_NOOP("meetings", "案件 %1 不在本次会商的范围（%2）内；议程未改变"), case.number, m.scope_code)
                )
            item = s.scalar(
                select(AgendaItem).where(AgendaItem.meeting_id == m.id, AgendaItem.case_id == case.id)
            )
            manual = (proposal.MANUAL, f"{self.actor} 加入：{reason.strip()}")
            if item is not None and item.removed_at is None:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "案件 %1 已在议程第 %2 项；议程未改变"), case.number, item.position))
            if item is None:
                top = (
                    s.scalar(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == m.id)) or 0
                )
                s.add(AgendaItem(meeting_id=m.id, case_id=case.id, position=top + 1,
                                 reasons=json.dumps([manual], ensure_ascii=False), added_by=self.actor,
                                 case_version=case.version, discussion="", removed_reason=""))  # fmt: skip
            else:  # back on the agenda: the earlier removal stays in the audit log
                item.reasons = json.dumps(proposal.merged_reasons([*json.loads(item.reasons), manual]), ensure_ascii=False)
                item.removed_at = None
                item.removed_by = None
                item.case_version = case.version
            self._audit(s, m, f"加入议程：{case.number}，{reason.strip()}")

    def remove_item(self, meeting_id: int, case_number: str, reason: str) -> None:
        """Take an item off the agenda; the row stays with the reason."""
        problem = text_problem(reason, QT_TRANSLATE_NOOP("meetings", "移出议程的理由"), required=True)
        if problem:
            raise ValidationError(problem)
        with self._write(access.PREPARE) as s:
            m = _meeting(s, meeting_id)
            _agenda_open(m)
            item = _item(s, m, case_number)
            item.removed_at = clock.now()
            item.removed_by = self.actor
            item.removed_reason = reason.strip()
            s.flush()
            for n, i in enumerate(_live_items(s, m.id), 1):
                i.position = n
            self._audit(s, m, f"移出议程：{case_number}，{reason.strip()}")

    def move_item(self, meeting_id: int, case_number: str, position: int) -> None:
        """Move an item to `position` (1-based, among the items still on the agenda)."""
        with self._write(access.PREPARE) as s:
            m = _meeting(s, meeting_id)
            _agenda_open(m)
            item = _item(s, m, case_number)
            live = [i for i in _live_items(s, m.id) if i.id != item.id]
            position = max(1, min(position, len(live) + 1))
            live.insert(position - 1, item)
            for n, i in enumerate(live, 1):
                i.position = n
            self._audit(s, m, f"调整议程顺序：{case_number} → 第 {position} 项")

    def hand_up(self, meeting_id: int, case_number: str, reason: str) -> None:
        """A village meeting hands an item up to the township's weekly meeting (提请街道会商)."""
        problem = text_problem(reason, QT_TRANSLATE_NOOP("meetings", "提请街道会商的理由"), required=True)
        if problem:
            raise ValidationError(problem)
        with self._write(access.RECORD) as s:
            m = _meeting(s, meeting_id)
            if m.kind is not MeetingKind.VILLAGE:
                raise ValidationError(QT_TRANSLATE_NOOP("meetings", "只有村（社区）民情分析会才能提请街道会商"))
            _not_frozen(m)
            item = _item(s, m, case_number)
            if item.handed_up_at is not None:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "案件 %1 已于 %2 提请街道会商"), case_number, format(item.handed_up_at, "%Y-%m-%d")))
            now = clock.now()
            item.handed_up_at = now
            s.add(MeetingProposal(case_id=item.case_id, reason=f"{m.title}：{reason.strip()}", handed_up=True,
                                  proposed_by=self.actor, proposed_at=now))  # fmt: skip
            self._audit(s, m, f"提请街道会商：{case_number}，{reason.strip()}")

    def discuss(self, meeting_id: int, case_number: str, text: str) -> None:
        """The discussion summary (讨论情况) of an item."""
        problem = text_problem(text, QT_TRANSLATE_NOOP("meetings", "讨论情况"), required=False)
        if problem:
            raise ValidationError(problem)
        with self._write(access.RECORD) as s:
            m = _meeting(s, meeting_id)
            _not_frozen(m)
            _item(s, m, case_number).discussion = text.strip()
            self._audit(s, m, f"讨论情况：{case_number}")

    # --- decisions ---------------------------------------------------------------------------------------

    def decide(self, meeting_id: int, case_number: str, decision: DecisionInput) -> int:
        """Record (or, before it is applied, replace) the decision on an item."""
        problems = decision.problems(clock.now().date())
        if problems:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "%1；决定未保存"), join(problems)))
        with self._write(access.RECORD) as s:
            m = _meeting(s, meeting_id)
            _not_frozen(m)
            if m.status not in RECORDING:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "会商 %1 为“%2”，议程发出后才能记录决定"), m.number, m.status.label))
            item = _item(s, m, case_number)
            _may_carry_out(s, self.actor, command_for(decision, m), item.case_id)
            row = s.scalar(select(MeetingDecision).where(MeetingDecision.item_id == item.id))
            if row is not None and row.applied_at is not None:
                raise ValidationError(
                    Message(QT_TRANSLATE_NOOP("meetings", "案件 %1 的决定已于 %2 执行，不能再修改"), case_number, format(row.applied_at, "%Y-%m-%d %H:%M"))
                )
            if row is None:
                row = MeetingDecision(item_id=item.id, meeting_id=m.id, case_id=item.case_id, refusal="",
                                      done_note="")  # fmt: skip
                s.add(row)
            row.kind = decision.kind
            row.params = decision.params_json()
            row.text = decision.text.strip()
            row.owner = decision.owner.strip()
            row.department_id = decision.department_id
            row.due_on = decision.due_on
            row.recorded_by = self.actor
            row.recorded_at = clock.now()
            row.refusal = ""
            s.flush()
            self._audit(s, m, f"记录决定：{case_number}，{decision.kind.label}：{row.text[:100]}")
            return row.id

    def apply(self, decision_id: int) -> ApplyResult:
        """Carry out a decision through the workflow, in the same transaction as marking it applied. A refusal
        writes nothing to the case; the decision keeps the reason."""
        number, acting = "", False
        try:
            with self._write(access.RECORD) as s:
                # locked (PostgreSQL; SQLite's write transaction already is): two seats applying the same
                # decision at once apply it once, the other is told it was applied
                d = s.get(MeetingDecision, decision_id, with_for_update=True)
                if d is None:
                    raise NotFound(Message(QT_TRANSLATE_NOOP("meetings", "会商决定不存在（id=%1）"), decision_id))
                m = _meeting(s, d.meeting_id)
                case = s.get(Case, d.case_id)
                assert case is not None
                number = case.number
                if d.applied_at is not None:
                    raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "该决定已于 %1 执行"), format(d.applied_at, "%Y-%m-%d %H:%M")))
                if m.status not in (MS.HELD, MS.APPROVED):
                    raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "会商 %1 为“%2”，会议召开后才能执行决定"), m.number, m.status.label))
                cmd = command_for(DecisionInput.from_row(d), m)
                svc = CaseService(self.db, self.actor)
                acting = True
                ref = svc.act_in(s, case.id, cmd, case.version)
                if d.kind is DecisionKind.WATCH:  # 持续关注: the center follows it meanwhile (我关注的)
                    svc.set_watch_in(s, case.id, True)
                acting = False
                d.applied_at = clock.now()
                d.applied_by = self.actor
                d.refusal = ""
                self._audit(s, m, f"执行决定：{number}，{d.kind.label} → {ref.status.label}")
                return ApplyResult(decision_id, number, True, ref.status.label)
        except StaleDataError:
            message = "案件刚被其他席位修改，请刷新后重试"
        except ConsoleError as exc:
            if not acting:
                raise
            message = exc.message
        with self.db.write_session() as s:
            s.execute(
                update(MeetingDecision).where(MeetingDecision.id == decision_id).values(refusal=message)
            )
        return ApplyResult(decision_id, number, False, message)

    def apply_all(self, meeting_id: int) -> list[ApplyResult]:
        """Apply every recorded, not yet applied decision of the meeting; each in its own transaction."""
        with self.db.session() as s:
            ids = list(s.scalars(
                select(MeetingDecision.id).join(AgendaItem, AgendaItem.id == MeetingDecision.item_id)
                .where(MeetingDecision.meeting_id == meeting_id, MeetingDecision.applied_at.is_(None))
                .order_by(AgendaItem.position)))  # fmt: skip
        results = []
        for i in ids:
            try:
                results.append(self.apply(i))
            except ConsoleError as exc:  # applied meanwhile by another seat, or not ours to apply
                results.append(ApplyResult(i, "", False, exc.message))
        return results

    def mark_done(self, decision_id: int, note: str) -> None:
        """The owner (or the center) marks a decision done with a note."""
        problem = text_problem(note, QT_TRANSLATE_NOOP("meetings", "办结说明"), required=True)
        if problem:
            raise ValidationError(problem)
        with self._write(access.RECORD) as s:
            d = s.get(MeetingDecision, decision_id)
            if d is None:
                raise NotFound(Message(QT_TRANSLATE_NOOP("meetings", "会商决定不存在（id=%1）"), decision_id))
            if d.done_at is not None:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "该决定已于 %1 办结"), format(d.done_at, "%Y-%m-%d")))
            d.done_at = clock.now()
            d.done_by = self.actor
            d.done_note = note.strip()
            self._audit(s, _meeting(s, d.meeting_id), f"决定办结：{note.strip()[:100]}")


# --- helpers --------------------------------------------------------------------------------------------------


def settle(session: Session, now: datetime) -> int:
    """The follow-up: close every applied, open decision whose case shows it done. Returns how many."""
    rows = session.execute(
        select(MeetingDecision, Case).join(Case, Case.id == MeetingDecision.case_id)
        .where(MeetingDecision.done_at.is_(None), MeetingDecision.applied_at.is_not(None))
    ).all()  # fmt: skip
    # 持续关注 is done once a later meeting has the case on its agenda (it was reported there)
    watched = [d.id for d, _c in rows if d.kind is DecisionKind.WATCH]
    reported: set[int] = set()
    if watched:
        decided_at = aliased(Meeting)
        reported = set(session.scalars(
            select(MeetingDecision.id)
            .join(decided_at, decided_at.id == MeetingDecision.meeting_id)
            .join(AgendaItem, and_(AgendaItem.case_id == MeetingDecision.case_id, AgendaItem.removed_at.is_(None)))
            .join(Meeting, and_(Meeting.id == AgendaItem.meeting_id, Meeting.held_at > decided_at.held_at))
            .where(MeetingDecision.id.in_(watched))))  # fmt: skip
    n = 0
    for d, case in rows:
        if d.id in reported or shows_done(d.kind, case, d.applied_at):
            d.done_at = now
            d.done_by = "（案件办理情况）"
            d.done_note = "已在后续会商中报告" if d.id in reported else f"案件已{case.status.label}"
            n += 1
    return n


def _may_carry_out(s: Session, login: str, command: Command, case_id: int) -> None:
    """Who records a decision may take the case action it becomes (the action's posts in
    `console.workflow.actions`): 延期审批 and 上报县级 are the head's (中心主任), so a dispatcher's record of
    them is refused before anything is saved, not only when applying it."""
    case = s.get(Case, case_id)
    assert case is not None
    try:
        check_action(s, login, command.action, case)
    except PermissionDenied as exc:
        raise PermissionDenied(Message(QT_TRANSLATE_NOOP("meetings", "%1；决定未保存"), exc.message)) from None


def _meeting(s: Session, meeting_id: int) -> Meeting:
    m = s.get(Meeting, meeting_id)
    if m is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("meetings", "会商不存在（id=%1）"), meeting_id))
    return m


def _item(s: Session, m: Meeting, case_number: str) -> AgendaItem:
    case = find_case(s, case_number)
    item = s.scalar(select(AgendaItem).where(AgendaItem.meeting_id == m.id, AgendaItem.case_id == case.id))
    if item is None or item.removed_at is not None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "案件 %1 不在会商 %2 的议程上"), case.number, m.number))
    return item


def _live_items(s: Session, meeting_id: int) -> list[AgendaItem]:
    return list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                   AgendaItem.removed_at.is_(None)).order_by(AgendaItem.position)))  # fmt: skip


def _renumber_carried_first(s: Session, m: Meeting) -> None:
    """Items carrying an earlier meeting's open decision go first; otherwise the order is kept."""
    live = _live_items(s, m.id)

    def carried(i: AgendaItem) -> bool:
        return any(r[0] == proposal.DECISION_OPEN for r in json.loads(i.reasons))

    ordered = [i for i in live if carried(i)] + [i for i in live if not carried(i)]
    for n, i in enumerate(ordered, 1):
        i.position = n


def _agenda_open(m: Meeting) -> None:
    if m.status not in AGENDA_OPEN:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "会商 %1 为“%2”，议程已不能修改"), m.number, m.status.label))


def _not_frozen(m: Meeting) -> None:
    if m.status is MS.APPROVED:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("meetings", "会商 %1 的纪要已审定，不能修改；如需更正请添加补充说明"), m.number))
