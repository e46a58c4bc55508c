"""The typed decisions a meeting takes on an item, the case action each one becomes, and when its case shows
it done (the follow-up).

Glossary: 交办/重新交办 dispatch, 延期审批 extension, 督办 supervise (with its level), 提请县级 escalate, 挂账治理
long-term with a governance plan, 结案 close, 退回网格 hand back to the grid, 持续关注 keep watching and report
at the next meeting.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, cast

from console.domain import CLOSED_STATUSES, CaseStatus, CloseType, SuperviseLevel
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.meetings.kinds import DecisionKind, MeetingKind
from console.models import Case, Meeting, MeetingDecision
from console.workflow.commands import (
    Close,
    Command,
    DecideExtension,
    Dispatch,
    Escalate,
    HandBack,
    LongTerm,
    ProposeMeeting,
    Supervise,
    text_problem,
)

#: the labels of `SuperviseLevel`, as the decision form and the CLI offer them (checked by the test of the levels)
SUPERVISE_LEVELS = (QT_TRANSLATE_NOOP("MeetingsWindow", "一般督办"), QT_TRANSLATE_NOOP("MeetingsWindow", "重点督办"),
                    QT_TRANSLATE_NOOP("MeetingsWindow", "挂牌督办"))  # fmt: skip


@dataclass(frozen=True)
class DecisionInput:
    """What the meeting decided on one item: the kind and its typed fields, the owner and the due date."""

    kind: DecisionKind
    text: str  # 决定事项, as the minutes print it
    owner: str = ""
    department_id: int | None = None
    due_on: date | None = None
    # 交办/重新交办
    lead_department_id: int | None = None
    co_department_ids: tuple[int, ...] = ()
    responsible_person_id: int | None = None
    deadline: datetime | None = None
    # 延期审批
    approve: bool | None = None
    # 督办
    chased: str = ""
    level: str = ""
    # 挂账治理
    measures: str = ""
    review_on: date | None = None
    # 结案
    close_type: CloseType | None = None
    params_extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:  # a form's combo box or the CLI may hand over the plain value
        if not isinstance(self.kind, DecisionKind):
            object.__setattr__(self, "kind", DecisionKind.from_text(str(self.kind)))
        if self.close_type is not None and not isinstance(self.close_type, CloseType):
            object.__setattr__(self, "close_type", CloseType.from_text(str(self.close_type)))

    def problems(self, today: date) -> list[str]:
        out = [p for p in [text_problem(self.text, QT_TRANSLATE_NOOP("meetings", "决定事项"), required=True)] if p]
        k = self.kind
        if k is DecisionKind.DISPATCH and self.lead_department_id is None:
            out.append(QT_TRANSLATE_NOOP("meetings", "交办决定须指定牵头部门"))
        if k is DecisionKind.EXTENSION and self.approve is None:
            out.append(QT_TRANSLATE_NOOP("meetings", "延期审批决定须指明同意或不同意"))
        if k is DecisionKind.SUPERVISE:
            if not self.chased.strip():
                out.append(QT_TRANSLATE_NOOP("meetings", "督办决定须指定督办对象"))
            if self.level not in SUPERVISE_LEVELS:
                out.append(Message(QT_TRANSLATE_NOOP("meetings", "督办级别须为%1之一"), '、'.join(SUPERVISE_LEVELS)))
        if k is DecisionKind.LONG_TERM:
            if not self.measures.strip():
                out.append(QT_TRANSLATE_NOOP("meetings", "挂账决定须填写治理措施"))
            if self.review_on is None:
                out.append(QT_TRANSLATE_NOOP("meetings", "挂账决定须填写复核日期"))
        if k is DecisionKind.CLOSE and self.close_type is None:
            out.append(QT_TRANSLATE_NOOP("meetings", "结案决定须选择结案类型"))
        if self.due_on is not None and self.due_on < today:
            out.append(QT_TRANSLATE_NOOP("meetings", "决定的办理期限不能早于今天"))
        return out

    def params_json(self) -> str:
        data = {k: v for k, v in asdict(self).items()
                if k not in ("kind", "text", "owner", "department_id", "due_on", "params_extra")}  # fmt: skip
        return json.dumps(data, ensure_ascii=False, default=_plain)

    @classmethod
    def from_row(cls, row: MeetingDecision) -> DecisionInput:
        p = json.loads(row.params or "{}")
        return cls(
            kind=row.kind, text=row.text, owner=row.owner, department_id=row.department_id, due_on=row.due_on,
            lead_department_id=p.get("lead_department_id"),
            co_department_ids=tuple(p.get("co_department_ids") or ()),
            responsible_person_id=p.get("responsible_person_id"),
            deadline=datetime.fromisoformat(p["deadline"]) if p.get("deadline") else None,
            approve=p.get("approve"), chased=p.get("chased") or "", level=p.get("level") or "",
            measures=p.get("measures") or "",
            review_on=date.fromisoformat(p["review_on"]) if p.get("review_on") else None,
            close_type=CloseType(p["close_type"]) if p.get("close_type") else None,
        )  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    raise TypeError(type(value))


def citation(meeting: Meeting, text: str) -> str:
    """The note every applied decision writes into the case history: 经〔2026〕第48期会商决定：…"""
    what = "会商" if meeting.kind is MeetingKind.WEEKLY else "民情分析会"
    return f"经{meeting.number}{what}决定：{text.strip()}"


def command_for(d: DecisionInput, meeting: Meeting) -> Command:
    """The case action a decision becomes (the workflow then applies its own rules to it)."""
    note = citation(meeting, d.text)
    k = d.kind
    if k is DecisionKind.DISPATCH:
        return Dispatch(lead_department_id=d.lead_department_id, co_department_ids=d.co_department_ids,
                        responsible_person_id=d.responsible_person_id, due_at=d.deadline,
                        due_reason=note if d.deadline else "", note=note)  # fmt: skip
    if k is DecisionKind.EXTENSION:
        return DecideExtension(bool(d.approve), note)
    if k is DecisionKind.SUPERVISE:  # the level is the case's own field now, not a word in the text
        return Supervise(chased=d.chased.strip(), level=cast(SuperviseLevel, SuperviseLevel.from_text(d.level)),
                         note=note)  # fmt: skip
    if k is DecisionKind.ESCALATE:
        return Escalate(note)
    if k is DecisionKind.LONG_TERM:
        return LongTerm(measures=d.measures, next_review_on=d.review_on, note=note)
    if k is DecisionKind.CLOSE:
        return Close(d.close_type, note)
    if k is DecisionKind.HAND_BACK:  # the departments let go, the grid settles it and checks it (退回网格)
        return HandBack(note)
    # 持续关注: put forward to the next meeting, whose proposal lists it (the center also follows the case)
    return ProposeMeeting(f"{note}（持续关注，下次会商报告进展）")


def shows_done(kind: DecisionKind, case: Case, applied_at: datetime | None) -> bool:
    """Whether the case itself shows the decision carried out (the follow-up closes it then)."""
    if applied_at is None:
        return False
    if case.status in CLOSED_STATUSES or case.status in (CaseStatus.REJECTED, CaseStatus.MERGED):
        return True
    if kind in (DecisionKind.DISPATCH, DecisionKind.SUPERVISE):  # fed back since
        return case.feedback_at is not None and case.feedback_at >= applied_at
    if kind is DecisionKind.ESCALATE:  # the county answered
        return case.status is not CaseStatus.ESCALATED
    if kind is DecisionKind.LONG_TERM:  # the plan was reviewed and the case taken up again
        return case.status is not CaseStatus.LONG_TERM
    if kind in (DecisionKind.EXTENSION, DecisionKind.CLOSE):
        return True  # the action itself was the whole decision
    if kind is DecisionKind.HAND_BACK:  # the grid checked it: passed for closing, or back to the center
        return case.status is not CaseStatus.FEEDBACK
    return False  # 持续关注: done once a later meeting took the case up (`service.settle`), or marked by its owner
