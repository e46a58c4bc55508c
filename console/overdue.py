"""The words for "late", each defined once. Every screen, form and figure that says 超期 uses one of these.

Glossary:
- 阶段超期 (stage overdue): the running stage's clock (受理, 派遣, 办理, 核查 …) is past its limit while the clock
  runs — the queue's red light and the status strip (`is_stage_overdue`; the queue's SQL says the same).
- 办理超期 (case overdue): the handling deadline (`due_at`, set at dispatch, moved only by an approved extension,
  never by rework) passed while the case is with its department (已派遣/办理中: not yet fed back) and its clock
  runs — what the ledger, the 督办单, the bulletin and `gridconsole queue --quick 超期`'s printed forms count
  (`is_case_overdue`, `case_overdue_clause`). A case fed back, verified or closed is no longer overdue; a
  paused case is not overdue while paused.
- 计时暂停 (paused): 延期审批中 / 挂账 / 上报县级 — no clock runs (`is_paused`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_

from console.domain import CLOCKED_STATUSES, HANDLING_STATUSES, PAUSED_STATUSES, CaseStatus
from console.models import Case

STAGE_OVERDUE = "阶段超期"
CASE_OVERDUE = "办理超期"
PAUSED = "计时暂停"
#: printed under a form's or figure's 超期 count, so a reader knows which one it is
CASE_OVERDUE_DEFINITION = "办理超期：派遣后超过办结时限仍未反馈（计时暂停的案件不计）"


def is_paused(status: CaseStatus) -> bool:
    return status in PAUSED_STATUSES


def is_stage_overdue(status: CaseStatus, stage_due_at: datetime | None, now: datetime) -> bool:
    return status in CLOCKED_STATUSES and stage_due_at is not None and stage_due_at < now


def is_case_overdue(status: CaseStatus, due_at: datetime | None, now: datetime) -> bool:
    return status in HANDLING_STATUSES and due_at is not None and due_at < now


def case_overdue_clause(as_of: datetime) -> ColumnElement[bool]:
    """`is_case_overdue` as a WHERE clause on `Case`."""
    return case_overdue_condition(Case.status, Case.due_at, as_of)


def case_overdue_condition(status: Any, due_at: Any, as_of: datetime) -> ColumnElement[bool]:
    """`is_case_overdue` over any status and deadline expressions (the review asks it of the status a case had
    at the end of a past period)."""
    return and_(status.in_([s.value for s in HANDLING_STATUSES]), due_at.is_not(None), due_at < as_of)


def overdue_days(due_at: datetime, now: datetime) -> int:
    """Days past the deadline, a started day counting whole (a notice says 超期 1 天 one minute after)."""
    late = now - due_at
    return max(1, late.days + (1 if late.seconds or late.microseconds else 0))
