"""Due moments, yellow-light moments, pauses and the traffic light: the limit arithmetic over the calendar.

The four limit types of the 数字城管 rules (`console.domain.LimitType`):

- urgent_hours (紧急小时): clock hours, round the clock, holidays included: due = start + N hours.
- natural_days (自然日): calendar days, holidays included: due = start + N × 24 hours (same clock time).
- working_hours (工作时): only time inside office hours on working days counts. A start outside office hours
  counts from the next opening; the due is the moment the N-th hour is used up (a limit used up exactly at
  12:00 is due at 12:00, not at 14:00).
- working_days (工作日): N whole working days. As with legal time limits (期间开始之日不计算在内), the start
  day itself never counts: the due is the close of office on the N-th working day after the start day.
  A start outside office hours (evening, lunch break, weekend, holiday) counts from the next opening, so a
  case dispatched on Monday at 18:00 is treated as dispatched on Tuesday and a case dispatched on Monday
  at 07:50 as dispatched on Monday.

The yellow light (`warn_at`) comes on when `threshold` of the limit is used, measured in the limit's own
unit: clock time for urgent hours and natural days, office time for working hours and working days (for
working days counted from the opening of the first counted day, so 80 % of 5 days is the close of day 4).
A pause (延期审批中, 挂账, 上报县级) moves the due moment by the time that passed during the pause, measured
the same way (`extend_for_pause`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from console.calendar import WorkingCalendar
from console.deadlines.limits import CLOCK_TYPES, OfficeHours, TimeLimit, parse_threshold
from console.deadlines.office_time import add_working_seconds, next_opening, working_seconds
from console.domain import LimitType, TrafficLight
from console.session_cache import cached
from console.settings import get_setting


def counting_start(
    start: datetime, limit: TimeLimit, calendar: WorkingCalendar, hours: OfficeHours
) -> datetime:
    """The moment the limit starts to be used up: `start` for clock limits, the next opening for working
    hours, the opening of the first counted day for working days."""
    if limit.type in CLOCK_TYPES:
        return start
    effective = next_opening(start, calendar, hours)
    if limit.type is LimitType.WORKING_HOURS:
        return effective
    return datetime.combine(calendar.next_workday(effective.date()), hours.opening)


def compute_due(
    start: datetime, limit: TimeLimit, calendar: WorkingCalendar, office_hours: OfficeHours
) -> datetime:
    if limit.type is LimitType.URGENT_HOURS:
        return start + timedelta(hours=limit.value)
    if limit.type is LimitType.NATURAL_DAYS:
        return start + timedelta(days=limit.value)
    if limit.type is LimitType.WORKING_HOURS:
        return add_working_seconds(start, limit.value * 3600, calendar, office_hours)
    start_day = next_opening(start, calendar, office_hours).date()
    return datetime.combine(calendar.add_workdays(start_day, limit.value), office_hours.closing)


def warn_at(
    start: datetime,
    due: datetime,
    limit: TimeLimit,
    threshold: float,
    *,
    calendar: WorkingCalendar,
    office_hours: OfficeHours,
) -> datetime:
    """When the light turns yellow: `threshold` of the span from start to due used, in the limit's unit."""
    if threshold >= 1:
        return due
    if limit.type in CLOCK_TYPES:
        span = max(0.0, (due - start).total_seconds())
        return start + timedelta(seconds=round(span * max(threshold, 0.0)))
    begin = counting_start(start, limit, calendar, office_hours)
    total = working_seconds(begin, due, calendar, office_hours)
    return min(due, add_working_seconds(begin, round(total * max(threshold, 0.0)), calendar, office_hours))


def paused_time(
    pause_start: datetime,
    pause_end: datetime,
    limit_type: LimitType | None,
    calendar: WorkingCalendar,
    office_hours: OfficeHours,
) -> timedelta:
    """How much of the limit's time passed during a pause (clock time, or office time for working limits)."""
    if pause_end <= pause_start:
        return timedelta(0)
    if limit_type is None or limit_type in CLOCK_TYPES:
        return pause_end - pause_start
    return timedelta(seconds=working_seconds(pause_start, pause_end, calendar, office_hours))


def extend_for_pause(
    due: datetime,
    pause_start: datetime,
    pause_end: datetime,
    limit_type: LimitType | None,
    calendar: WorkingCalendar,
    office_hours: OfficeHours,
) -> datetime:
    """Move a due moment later by the time the clock stood still (clock or office time, per limit type)."""
    moved = paused_time(pause_start, pause_end, limit_type, calendar, office_hours)
    if not moved:
        return due
    if limit_type is None or limit_type in CLOCK_TYPES:
        return due + moved
    return add_working_seconds(due, int(moved.total_seconds()), calendar, office_hours)


def traffic_light(now: datetime, due: datetime | None, warn: datetime | None, paused: bool) -> TrafficLight:
    if paused:
        return TrafficLight.PAUSED
    if due is None:
        return TrafficLight.NONE
    if now > due:
        return TrafficLight.RED
    if warn is not None and now >= warn:
        return TrafficLight.YELLOW
    return TrafficLight.GREEN


@dataclass(frozen=True)
class DeadlineClock:
    """The calendar, office hours and yellow threshold of the database, loaded once for a transaction."""

    calendar: WorkingCalendar
    office_hours: OfficeHours
    threshold: float

    @classmethod
    def load(cls, session: Session) -> DeadlineClock:
        """Read once per transaction (`console.session_cache`): an import files thousands of cases in one."""
        return cached(
            session,
            "deadline_clock",
            lambda: cls(
                calendar=WorkingCalendar.load(session),
                office_hours=OfficeHours.from_settings(session),
                threshold=parse_threshold(get_setting(session, "yellow_threshold")),
            ),
        )

    def due(self, start: datetime, limit: TimeLimit) -> datetime:
        return compute_due(start, limit, self.calendar, self.office_hours)

    def warn(self, start: datetime, due: datetime, limit: TimeLimit) -> datetime:
        return warn_at(
            start, due, limit, self.threshold, calendar=self.calendar, office_hours=self.office_hours
        )

    def stage_deadline(self, start: datetime, limit: TimeLimit) -> tuple[datetime, datetime]:
        """(due, warn) of a stage that starts at `start`."""
        due = self.due(start, limit)
        return due, self.warn(start, due, limit)

    def extend_for_pause(
        self, due: datetime, pause_start: datetime, pause_end: datetime, limit_type: LimitType | None
    ) -> datetime:
        return extend_for_pause(due, pause_start, pause_end, limit_type, self.calendar, self.office_hours)

    def light(self, now: datetime, due: datetime | None, warn: datetime | None, paused: bool) -> TrafficLight:
        return traffic_light(now, due, warn, paused)


def stage_deadline(session: Session, start: datetime, limit: TimeLimit) -> tuple[datetime, datetime]:
    """(due, warn) from the calendar and settings in the database: what the workflow calls on dispatch."""
    return DeadlineClock.load(session).stage_deadline(start, limit)
