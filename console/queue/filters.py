"""What the queue can be narrowed and sorted by: `QueueFilter`, the quick-filter presets (快捷筛选), `SortKey`,
and the status sets the rest of the package reasons with.

Plain values only, no session and no SQL: the CLI and the table model build these, `sql` turns a
`QueueFilter` into WHERE text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from console.domain import (
    CLOCKED_STATUSES,
    CaseStatus,
    Severity,
    Source,
    TrafficLight,
)
from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message

__all__ = ["CLOCKED_STATUSES", "WORKING_STATUSES", "QueueFilter", "SortKey", "quick_filter"]

#: 办理中 on the dashboard and in the quick filter
WORKING_STATUSES = frozenset({CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS, CaseStatus.EXTENSION_REQUESTED})
SEVERITY_RANK = {Severity.SIMPLE: 0, Severity.GENERAL: 1, Severity.COMPLEX: 2}
ALL_STATUSES = frozenset(CaseStatus)


@dataclass(frozen=True)
class QueueFilter:
    """What the dispatcher narrowed the queue to. Empty/None fields do not filter.

    `reported_from` is inclusive, `reported_to` exclusive (the CLI turns `--to 2026-03-01` into the next
    midnight). `text` matches a case number exactly or by prefix; summary, description and address by
    substring; and grids by name or pinyin initials (`sgm` → 三官庙…) together with their subtrees.
    A text that looks like a case number (`2026-00012`) is looked up by number only.
    """

    statuses: frozenset[CaseStatus] | None = None
    grid_code_prefix: str | None = None
    category_ids: frozenset[int] | None = None
    department_ids: frozenset[int] | None = None
    lights: frozenset[TrafficLight] | None = None
    sources: frozenset[Source] | None = None
    reported_from: datetime | None = None
    reported_to: datetime | None = None
    text: str | None = None
    watched_by: str | None = None
    claimed_by: str | None = None
    proposed_for_meeting: bool = False  # 提请会商 and not on an agenda yet (console.meetings)


#: quick-filter presets (快捷筛选) in the order the toolbar shows them
QUICK_FILTERS = ("待受理", "待派遣", "待签收", "办理中", "待核查", "超期", "我关注的", "提请会商")


def quick_filter(name: str, login: str | None = None, departments: Iterable[int] | None = None) -> QueueFilter:
    """The preset behind a quick-filter button. `login` is needed for 我关注的; `departments` narrows 待签收 to
    the cases a department handler's departments lead (the ones they may sign for; none given: every
    dispatched case the reader sees, as a dispatcher watches them)."""
    if name == "待受理":
        return QueueFilter(statuses=frozenset({CaseStatus.REPORTED}))
    if name == "待派遣":
        return QueueFilter(statuses=frozenset({CaseStatus.ACCEPTED}))
    if name == "待签收":
        deps = frozenset(departments or ())
        return QueueFilter(statuses=frozenset({CaseStatus.DISPATCHED}), department_ids=deps or None)
    if name == "办理中":
        return QueueFilter(statuses=WORKING_STATUSES)
    if name == "待核查":
        return QueueFilter(statuses=frozenset({CaseStatus.FEEDBACK}))
    if name == "超期":
        return QueueFilter(lights=frozenset({TrafficLight.RED}))
    if name == "我关注的":
        if not login:
            raise ValidationError(QT_TRANSLATE_NOOP("queue", "“我关注的”需要当前用户的登录名"))
        return QueueFilter(watched_by=login)
    if name == "提请会商":
        return QueueFilter(proposed_for_meeting=True)
    raise ValidationError(Message(QT_TRANSLATE_NOOP("queue", "未知的快捷筛选“%1”，可选：%2"), name, '、'.join(QUICK_FILTERS)))


class SortKey(StrEnum):
    DEADLINE = "deadline"  # stage_due_at, cases without a clock last
    REPORTED = "reported"  # reported_at
    SEVERITY = "severity"  # severity rank (简单 < 一般 < 复杂), then reported_at

    @property
    def label(self) -> str:
        return {"deadline": "按时限", "reported": "按上报时间", "severity": "按严重程度"}[self.value]
