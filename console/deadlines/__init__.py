"""Deadlines (办结时限): due moments, yellow-light moments, pauses and the explanation of how a due was reached.

- `limits`: the time limit (four limit types), office hours and yellow threshold as validated values;
- `office_time`: office time arithmetic on the working calendar (`console.calendar`);
- `due`: due and yellow-light moments per limit type, pauses, the traffic light, `DeadlineClock`;
- `explanation`: the human-readable replay of how a due moment was reached;
- `stage_limits`: which limit applies to a stage (category > township default > built-in);
- `case`: that explanation for a case, from its row and history.

Callers import from `console.deadlines`; the names below are its public API.
"""

from __future__ import annotations

from console.deadlines.case import explain_case
from console.deadlines.due import (
    DeadlineClock,
    compute_due,
    counting_start,
    extend_for_pause,
    paused_time,
    stage_deadline,
    traffic_light,
    warn_at,
)
from console.deadlines.explanation import (
    DeadlineExplanation,
    DueChange,
    ExplanationStep,
    Pause,
    SkippedDays,
    calendar_runs,
    explain,
    fmt_moment,
)
from console.deadlines.limits import OfficeHours, TimeLimit, parse_threshold
from console.deadlines.office_time import (
    add_working_seconds,
    is_office_time,
    next_opening,
    working_seconds,
)

__all__ = [
    "DeadlineClock",
    "DeadlineExplanation",
    "DueChange",
    "ExplanationStep",
    "OfficeHours",
    "Pause",
    "SkippedDays",
    "TimeLimit",
    "add_working_seconds",
    "calendar_runs",
    "compute_due",
    "counting_start",
    "explain",
    "explain_case",
    "extend_for_pause",
    "fmt_moment",
    "is_office_time",
    "next_opening",
    "parse_threshold",
    "paused_time",
    "stage_deadline",
    "traffic_light",
    "warn_at",
    "working_seconds",
]
