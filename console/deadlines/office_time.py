"""Office time arithmetic on the working calendar (`console.calendar`): whether the office is open, when it
next opens, how much office time lies between two moments and when a given amount of it is used up.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from console.calendar import WorkingCalendar
from console.deadlines.limits import OfficeHours


def _office_spans(
    day: date, calendar: WorkingCalendar, hours: OfficeHours
) -> list[tuple[datetime, datetime]]:
    if not calendar.is_workday(day):
        return []
    return [(datetime.combine(day, s), datetime.combine(day, e)) for s, e in hours.spans]


def is_office_time(moment: datetime, calendar: WorkingCalendar, hours: OfficeHours) -> bool:
    return calendar.is_workday(moment.date()) and hours.is_open(moment.time())


def next_opening(moment: datetime, calendar: WorkingCalendar, hours: OfficeHours) -> datetime:
    """`moment` itself when the office is open then, else the next moment it opens."""
    if is_office_time(moment, calendar, hours):
        return moment
    for s, _e in _office_spans(moment.date(), calendar, hours):
        if s > moment:
            return s
    day = calendar.next_workday(moment.date())
    return datetime.combine(day, hours.opening)


def working_seconds(start: datetime, end: datetime, calendar: WorkingCalendar, hours: OfficeHours) -> int:
    """Seconds of office time on working days between two moments (0 when end ≤ start)."""
    total = 0
    day = start.date()
    while day <= end.date():
        for s, e in _office_spans(day, calendar, hours):
            a, b = max(s, start), min(e, end)
            if b > a:
                total += int((b - a).total_seconds())
        day += timedelta(days=1)
    return total


def add_working_seconds(
    start: datetime, seconds: int, calendar: WorkingCalendar, hours: OfficeHours
) -> datetime:
    """The moment `seconds` of office time after `start` are used up (ending exactly at a span's end)."""
    if seconds <= 0:
        return start
    remaining = seconds
    day = start.date()
    while True:
        for s, e in _office_spans(day, calendar, hours):
            if e <= start:
                continue
            a = max(s, start)
            available = int((e - a).total_seconds())
            if remaining <= available:
                return a + timedelta(seconds=remaining)
            remaining -= available
        day = calendar.next_workday(day)
