"""What the queue hands back: `QueueRow`, the keyset `Cursor` a page ends with, `Page`, and the records behind
the grid tree's badges and the dashboard header (`GridCount`, `DashboardCounts`).

The traffic-light rule (`light_of`) lives beside the row that carries it, so a row left on screen can turn
yellow and red on time (`QueueRow.light_at`); `sql._light_sql` is its SQL twin, and `console.workflow.read`
uses the same rule.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from console.domain import PAUSED_STATUSES, CaseStatus, Severity, Source, TrafficLight
from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.overdue import is_stage_overdue
from console.queue.filters import ALL_STATUSES, CLOCKED_STATUSES, SortKey


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue table: everything it shows, read in one query."""

    id: int
    number: str
    status: CaseStatus
    light: TrafficLight
    category_name: str
    grid_code: str
    grid_name: str
    summary: str
    lead_department_name: str | None
    stage_due_at: datetime | None
    stage_warn_at: datetime | None
    due_at: datetime | None
    reported_at: datetime
    source: Source
    severity: Severity
    urgent: bool
    version: int
    claimed_by: str | None  # None once the claim's lease has lapsed
    rework_count: int
    proposed_for_meeting: bool = False  # 提请会商, not on an agenda yet: the queue's badge
    dispatched_at: datetime | None = None  # 派遣 and 签收 (None: not signed for yet): the dispatcher sees when
    signed_at: datetime | None = None

    def light_at(self, now: datetime) -> TrafficLight:
        """The light at `now`: a row left on screen turns yellow and red on time, without a new query."""
        return light_of(self.status, self.stage_due_at, self.stage_warn_at, now)


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort values of its last row and that row's id.

    `values` is (deadline rank, stage_due_at or None) for DEADLINE (rank 0 running clocks, 1 paused ones, 2 no
    deadline), (reported_at,) for REPORTED and
    (severity rank, reported_at) for SEVERITY. `encode()`/`decode()` give a shell-safe token for the CLI.
    """

    sort: SortKey
    descending: bool
    values: tuple[Any, ...]
    id: int

    def encode(self) -> str:
        vals = [v.isoformat() if isinstance(v, datetime) else v for v in self.values]
        raw = json.dumps([self.sort.value, int(self.descending), vals, self.id], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            sort, desc, vals, last_id = json.loads(raw)
            key = SortKey(sort)
            if key is SortKey.SEVERITY:
                values: tuple[Any, ...] = (int(vals[0]), datetime.fromisoformat(vals[1]))
            elif key is SortKey.DEADLINE:
                values = (int(vals[0]), datetime.fromisoformat(vals[1]) if vals[1] is not None else None)
            else:
                values = (datetime.fromisoformat(vals[0]) if vals[0] is not None else None,)
            return cls(key, bool(desc), values, int(last_id))
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("queue", "无效的翻页游标“%1”"), token)) from exc


@dataclass(frozen=True)
class Page:
    rows: list[QueueRow]
    next_cursor: Cursor | None  # None: this was the last page


@dataclass(frozen=True)
class GridCount:
    open: int  # open cases filed in the grid's subtree
    overdue: int  # of which red


@dataclass(frozen=True)
class DashboardCounts:
    pending_accept: int  # 待受理
    in_progress: int  # 办理中 (待签收 + 办理中 + 延期审批中)
    due_soon: int  # 即将超期 (yellow)
    overdue: int  # 已超期 (red)
    new_today: int  # 今日新增
    closed_today: int  # 今日办结


# --- traffic light ----------------------------------------------------------------------------------------


def light_of(
    status: CaseStatus, stage_due_at: datetime | None, stage_warn_at: datetime | None, now: datetime
) -> TrafficLight:
    """The traffic light of a case at `now` (the SQL in `_light_sql` says the same thing)."""
    if status in PAUSED_STATUSES:
        return TrafficLight.PAUSED
    if status not in CLOCKED_STATUSES or stage_due_at is None:
        return TrafficLight.NONE
    if is_stage_overdue(status, stage_due_at, now):  # 阶段超期
        return TrafficLight.RED
    if stage_warn_at is not None and stage_warn_at <= now:
        return TrafficLight.YELLOW
    return TrafficLight.GREEN


def _light_statuses(lights: Iterable[TrafficLight]) -> frozenset[CaseStatus]:
    out: set[CaseStatus] = set()
    for light in lights:
        if light is TrafficLight.PAUSED:
            out |= PAUSED_STATUSES
        elif light is TrafficLight.NONE:
            out |= ALL_STATUSES - PAUSED_STATUSES
        else:
            out |= CLOCKED_STATUSES
    return frozenset(out)
