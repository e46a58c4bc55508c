"""What the user asks for, one frozen dataclass per case action (the typed command).

A dialog builds its command as the user types and shows `problems()`; the CLI builds the same command from its
flags; `CaseService.act(case_id, command, expected_version)` asks `problems()` again before it writes. The checks
that need the database (does the department exist, what limit does the 事项清单 give) stay with the handler; the
checks of the input itself are written here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar, Protocol

from console.domain import CaseStatus, CloseType, Satisfaction, SuperviseLevel, Visibility
from console.i18n import QT_TRANSLATE_NOOP, Message

MAX_NOTE = 2000


class CaseView(Protocol):
    """What a command's checks read of the case: an ORM `Case` or the dialog's `CaseDetail`."""

    status: CaseStatus
    due_at: datetime | None
    stage_due_at: datetime | None


def text_problem(value: str, label: str, *, required: bool, limit: int = MAX_NOTE) -> str | None:
    """Why a text field is refused (missing or too long), or None."""
    value = (value or "").strip()
    if required and not value:
        return Message(QT_TRANSLATE_NOOP("workflow", "请填写%1"), label)
    if len(value) > limit:
        return Message(QT_TRANSLATE_NOOP("workflow", "%1过长（最多 %2 字，现 %3 字）"), label, limit, len(value))
    return None


def _texts(*checks: tuple[str, str, bool]) -> list[str]:
    return [p for value, label, required in checks if (p := text_problem(value, label, required=required))]


@dataclass(frozen=True)
class Command:
    """Base of the typed commands. `action` is the workflow action's name (the history row's `action`)."""

    action: ClassVar[str]

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        """Every reason the input is refused, in the order the form shows its fields (empty: acceptable)."""
        return []


@dataclass(frozen=True)
class Accept(Command):
    action: ClassVar[str] = "accept"
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.note, QT_TRANSLATE_NOOP("workflow", "受理意见"), False))


@dataclass(frozen=True)
class Reject(Command):
    action: ClassVar[str] = "reject"
    reason: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.reason, QT_TRANSLATE_NOOP("workflow", "不予受理理由"), True))


@dataclass(frozen=True)
class Merge(Command):
    action: ClassVar[str] = "merge"
    into: str = ""  # the target case's number (or id)
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        out = [] if str(self.into).strip() else [QT_TRANSLATE_NOOP("workflow", "请指定要合并到的案件编号")]
        return out + _texts((self.note, QT_TRANSLATE_NOOP("workflow", "合并说明"), False))


@dataclass(frozen=True)
class Dispatch(Command):
    action: ClassVar[str] = "dispatch"
    lead_department_id: int | None = None  # None: the category's default department (事项清单)
    co_department_ids: tuple[int, ...] = ()
    responsible_person_id: int | None = None
    due_at: datetime | None = None  # None: the limit of the 事项清单
    due_reason: str = ""  # required when `due_at` differs from the 事项清单's limit (checked by the handler)
    instructions: str = ""
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        out = []
        if self.due_at is not None and self.due_at <= now:
            out.append(QT_TRANSLATE_NOOP("workflow", "办结时限不能早于当前时间"))
        return out + _texts((self.due_reason, QT_TRANSLATE_NOOP("workflow", "调整时限的理由"), False), (self.instructions, QT_TRANSLATE_NOOP("workflow", "交办要求"), False),
                            (self.note, QT_TRANSLATE_NOOP("workflow", "派遣说明"), False))  # fmt: skip


@dataclass(frozen=True)
class Sign(Command):
    action: ClassVar[str] = "sign"
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.note, QT_TRANSLATE_NOOP("workflow", "签收说明"), False))


@dataclass(frozen=True)
class Progress(Command):
    action: ClassVar[str] = "progress"
    note: str = ""
    visibility: Visibility = Visibility.INTERNAL

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.note, QT_TRANSLATE_NOOP("workflow", "进展情况"), True))


@dataclass(frozen=True)
class Feedback(Command):
    action: ClassVar[str] = "feedback"
    result: str = ""
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.result, QT_TRANSLATE_NOOP("workflow", "办理结果"), True), (self.note, QT_TRANSLATE_NOOP("workflow", "反馈说明"), False))


@dataclass(frozen=True)
class Return(Command):
    action: ClassVar[str] = "return"
    reason: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.reason, QT_TRANSLATE_NOOP("workflow", "退回理由"), True))


@dataclass(frozen=True)
class Verify(Command):
    action: ClassVar[str] = "verify"
    passed: bool | None = None
    reason: str = ""  # why it failed (required then)
    note: str = ""
    due_at: datetime | None = None  # the rework round's limit (None: the full limit again)

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        if self.passed is None:
            return [QT_TRANSLATE_NOOP("workflow", "请选择核查结果：通过或不通过")]
        if self.passed:
            return _texts((self.note, QT_TRANSLATE_NOOP("workflow", "核查意见"), False))
        out = _texts((self.reason, QT_TRANSLATE_NOOP("workflow", "核查不通过的原因"), True))
        if self.due_at is not None and self.due_at <= now:
            out.append(QT_TRANSLATE_NOOP("workflow", "返工时限不能早于当前时间"))
        return out


@dataclass(frozen=True)
class Close(Command):
    action: ClassVar[str] = "close"
    close_type: CloseType | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.close_type, str) and not isinstance(self.close_type, CloseType):
            object.__setattr__(self, "close_type", CloseType.from_text(self.close_type))

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        if self.close_type is None:
            return [QT_TRANSLATE_NOOP("workflow", "请选择结案类型：已解决、无法解决、反映不实或重复件")]
        return _texts((self.reason, QT_TRANSLATE_NOOP("workflow", "结案说明"), self.close_type is not CloseType.SOLVED))


@dataclass(frozen=True)
class Callback(Command):
    action: ClassVar[str] = "callback"
    satisfaction: Satisfaction | None = None
    comment: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.satisfaction, str) and not isinstance(self.satisfaction, Satisfaction):
            object.__setattr__(self, "satisfaction", Satisfaction.from_text(self.satisfaction))

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        if self.satisfaction is None:
            return [QT_TRANSLATE_NOOP("workflow", "请选择群众满意度：满意、基本满意或不满意")]
        return _texts((self.comment, QT_TRANSLATE_NOOP("workflow", "回访意见"), self.satisfaction is Satisfaction.DISSATISFIED))


@dataclass(frozen=True)
class RequestExtension(Command):
    action: ClassVar[str] = "request_extension"
    reason: str = ""
    requested_due_at: datetime | None = None

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        out = _texts((self.reason, QT_TRANSLATE_NOOP("workflow", "延期理由"), True))
        if self.requested_due_at is None:
            return [*out, QT_TRANSLATE_NOOP("workflow", "请填写申请延期至的时间")]
        current = case.due_at or case.stage_due_at
        if current is not None and self.requested_due_at <= current:
            out.append(Message(QT_TRANSLATE_NOOP("workflow", "延期后的时限须晚于当前时限 %1"), f"{current:%Y-%m-%d %H:%M}"))
        return out


@dataclass(frozen=True)
class DecideExtension(Command):
    action: ClassVar[str] = "decide_extension"
    approve: bool | None = None
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        if self.approve is None:
            return [QT_TRANSLATE_NOOP("workflow", "请选择同意或不同意延期")]
        return _texts((self.note, QT_TRANSLATE_NOOP("workflow", "审批意见"), not self.approve))


@dataclass(frozen=True)
class Escalate(Command):
    action: ClassVar[str] = "escalate"
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.note, QT_TRANSLATE_NOOP("workflow", "上报县级说明"), True))


@dataclass(frozen=True)
class CountyReturn(Command):
    action: ClassVar[str] = "county_return"
    answer: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.answer, QT_TRANSLATE_NOOP("workflow", "县级答复"), True))


@dataclass(frozen=True)
class LongTerm(Command):
    action: ClassVar[str] = "long_term"
    measures: str = ""
    milestones: tuple[str, ...] = ()
    next_review_on: date | None = None
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        out = _texts((self.measures, QT_TRANSLATE_NOOP("workflow", "治理措施"), True))
        if self.next_review_on is None:
            out.append(QT_TRANSLATE_NOOP("workflow", "请填写下次复核日期"))
        elif self.next_review_on < now.date():
            out.append(QT_TRANSLATE_NOOP("workflow", "下次复核日期不能早于今天"))
        return out + _texts((self.note, QT_TRANSLATE_NOOP("workflow", "挂账说明"), False))


@dataclass(frozen=True)
class Resume(Command):
    action: ClassVar[str] = "resume"
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.note, QT_TRANSLATE_NOOP("workflow", "恢复办理说明"), True))


@dataclass(frozen=True)
class Reopen(Command):
    action: ClassVar[str] = "reopen"
    reason: str = ""  # what came back or what the spot check found
    due_at: datetime | None = None  # the rework round's limit (None: the full limit again)

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        out = _texts((self.reason, QT_TRANSLATE_NOOP("workflow", "重新办理的原因"), True))
        if self.due_at is not None and self.due_at <= now:
            out.append(QT_TRANSLATE_NOOP("workflow", "返工时限不能早于当前时间"))
        return out


@dataclass(frozen=True)
class Supervise(Command):
    action: ClassVar[str] = "supervise"
    chased: str = ""  # 督办对象: the department or person chased
    note: str = ""
    level: SuperviseLevel | None = None  # 督办级别; None: the case keeps the level it had

    def __post_init__(self) -> None:
        if isinstance(self.level, str) and not isinstance(self.level, SuperviseLevel):
            object.__setattr__(self, "level", SuperviseLevel.from_text(self.level))

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        out = [p for p in [text_problem(self.chased, QT_TRANSLATE_NOOP("workflow", "督办对象"), required=True, limit=200)] if p]
        return out + _texts((self.note, QT_TRANSLATE_NOOP("workflow", "督办内容"), False))


@dataclass(frozen=True)
class ProposeMeeting(Command):
    """提请会商: put the case forward for the next consultation meeting (`console.meetings`)."""

    action: ClassVar[str] = "propose_meeting"
    reason: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.reason, QT_TRANSLATE_NOOP("workflow", "提请会商的理由"), True))


@dataclass(frozen=True)
class Regrid(Command):
    """移交网格: the case moves to another grid (the map was split or merged, or it was filed under the wrong
    grid); the status, department and deadlines stay. `to_grid` is the new grid's code."""

    action: ClassVar[str] = "regrid"
    to_grid: str = ""
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        out = [] if str(self.to_grid).strip() else [QT_TRANSLATE_NOOP("workflow", "请指定移入的网格")]
        return out + _texts((self.note, QT_TRANSLATE_NOOP("workflow", "移交原因"), True))


@dataclass(frozen=True)
class HandBack(Command):
    """退回网格: a meeting hands the case back to its grid (`console.meetings.decisions`)."""

    action: ClassVar[str] = "hand_back"
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        return _texts((self.note, QT_TRANSLATE_NOOP("workflow", "退回网格的要求"), True))


@dataclass(frozen=True)
class Claim(Command):
    action: ClassVar[str] = "claim"


@dataclass(frozen=True)
class Release(Command):
    action: ClassVar[str] = "release"


@dataclass(frozen=True)
class Attach(Command):
    action: ClassVar[str] = "attach"
    filename: str = ""
    data: bytes = b""
    mime_type: str = "application/octet-stream"
    note: str = ""

    def problems(self, case: CaseView, now: datetime) -> list[str]:
        out = [p for p in [text_problem(self.filename, QT_TRANSLATE_NOOP("workflow", "文件名"), required=True, limit=200)] if p]
        if not self.data:
            out.append(Message(QT_TRANSLATE_NOOP("workflow", "附件“%1”是空文件"), self.filename))
        return out + _texts((self.note, QT_TRANSLATE_NOOP("workflow", "附件说明"), False))

    def __repr__(self) -> str:  # never print a photo's bytes
        return f"Attach(filename={self.filename!r}, size={len(self.data)}, mime_type={self.mime_type!r})"


COMMANDS: dict[str, type[Command]] = {
    c.action: c
    for c in (Accept, Reject, Merge, Dispatch, Sign, Progress, Feedback, Return, Verify, Close, Callback,
              RequestExtension, DecideExtension, Escalate, CountyReturn, LongTerm, Resume, Reopen, Supervise, Claim,
              Release, Attach, ProposeMeeting, HandBack, Regrid)
}  # fmt: skip

