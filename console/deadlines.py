"""Deadlines (办结时限): due moments, yellow-light moments, pauses and the explanation of how a due was reached.

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

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.calendar import DayInfo, WorkingCalendar, weekday_label
from console.domain import PAUSED_STATUSES, CaseStatus, LimitType, TrafficLight
from console.errors import NotFound, ValidationError
from console.models import Case, CaseHistory, StageLimit
from console.settings import get_setting

_CLOCK_TYPES = frozenset({LimitType.URGENT_HOURS, LimitType.NATURAL_DAYS})
_MAX_LIMIT = 10_000


# --- limits and office hours -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeLimit:
    type: LimitType
    value: int

    def __post_init__(self) -> None:
        if not isinstance(self.type, LimitType):
            object.__setattr__(self, "type", _limit_type(str(self.type)))
        if (
            isinstance(self.value, bool)
            or not isinstance(self.value, int)
            or not 1 <= self.value <= _MAX_LIMIT
        ):
            raise ValidationError(f"时限“{self.value}”无效，应为 1 到 {_MAX_LIMIT} 之间的整数")

    @classmethod
    def parse(cls, text: str) -> TimeLimit:
        """`working_days:5` (or `工作日:5`, `working_days=5`)."""
        kind, sep, number = text.replace("：", ":").replace("=", ":").partition(":")
        if not sep:
            raise ValidationError(f"时限“{text}”格式无效，应为 类型:数值，如 working_days:5")
        try:
            value = int(number.strip())
        except ValueError as exc:
            raise ValidationError(f"时限“{text}”的数值无效，应为正整数") from exc
        return cls(_limit_type(kind.strip()), value)

    @property
    def label(self) -> str:
        return {
            LimitType.URGENT_HOURS: f"{self.value} 小时（紧急，全天连续计时）",
            LimitType.WORKING_HOURS: f"{self.value} 个工作小时（仅计工作日办公时间）",
            LimitType.WORKING_DAYS: f"{self.value} 个工作日",
            LimitType.NATURAL_DAYS: f"{self.value} 个自然日（节假日照常计算）",
        }[self.type]

    def __str__(self) -> str:
        return f"{self.type.value}:{self.value}"


def _limit_type(text: str) -> LimitType:
    try:
        return LimitType(LimitType.from_text(text))
    except ValueError as exc:
        raise ValidationError(f"时限类型“{text}”无效：{exc}") from exc


@dataclass(frozen=True)
class OfficeHours:
    """Office hours as sorted, non-overlapping spans within one day (e.g. 08:30-12:00, 14:00-17:30)."""

    spans: tuple[tuple[time, time], ...]

    def __post_init__(self) -> None:
        if not self.spans:
            raise ValidationError("办公时间不能为空")
        previous_end: time | None = None
        for start, end in self.spans:
            if start >= end:
                raise ValidationError(f"办公时间段 {start:%H:%M}-{end:%H:%M} 无效：开始须早于结束")
            if previous_end is not None and start < previous_end:
                raise ValidationError("办公时间段须按时间先后排列且互不重叠")
            previous_end = end

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        spans = []
        for raw in text.replace("，", ",").split(","):
            part = raw.strip().replace("–", "-").replace("—", "-")
            if not part:
                continue
            a, sep, b = part.partition("-")
            try:
                if not sep:
                    raise ValueError(part)
                spans.append((time.fromisoformat(a.strip()), time.fromisoformat(b.strip())))
            except ValueError as exc:
                raise ValidationError(
                    f"办公时间“{text}”格式无效，应为 HH:MM-HH:MM 并用逗号分隔，如 08:30-12:00,14:00-17:30"
                ) from exc
        return cls(tuple(spans))

    @classmethod
    def from_settings(cls, session: Session) -> OfficeHours:
        return cls.parse(get_setting(session, "office_hours"))

    @property
    def opening(self) -> time:
        return self.spans[0][0]

    @property
    def closing(self) -> time:
        return self.spans[-1][1]

    @property
    def seconds_per_day(self) -> int:
        return sum(_secs(e) - _secs(s) for s, e in self.spans)

    def is_open(self, moment: time) -> bool:
        return any(s <= moment < e for s, e in self.spans)

    def __str__(self) -> str:
        return ",".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in self.spans)


def _secs(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def parse_threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise ValidationError(f"黄灯阈值“{text}”无效，应为 0 到 1 之间的小数，如 0.8") from exc
    if not 0 < value <= 1:
        raise ValidationError(f"黄灯阈值“{text}”无效，应为 0 到 1 之间的小数，如 0.8")
    return value


# --- office time arithmetic --------------------------------------------------------------------------------


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


# --- due, warn, pause, light -------------------------------------------------------------------------------


def counting_start(
    start: datetime, limit: TimeLimit, calendar: WorkingCalendar, hours: OfficeHours
) -> datetime:
    """The moment the limit starts to be used up: `start` for clock limits, the next opening for working
    hours, the opening of the first counted day for working days."""
    if limit.type in _CLOCK_TYPES:
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
    if limit.type in _CLOCK_TYPES:
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
    if limit_type is None or limit_type in _CLOCK_TYPES:
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
    if limit_type is None or limit_type in _CLOCK_TYPES:
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
        return cls(
            calendar=WorkingCalendar.load(session),
            office_hours=OfficeHours.from_settings(session),
            threshold=parse_threshold(get_setting(session, "yellow_threshold")),
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


# --- the deadline explanation ------------------------------------------------------------------------------


def fmt_moment(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}（{weekday_label(moment.date())}）"


def _fmt_day(day: date) -> str:
    return f"{day.month}月{day.day}日"


@dataclass(frozen=True)
class SkippedDays:
    """A run of consecutive non-working days under one name (国庆节, 周末 …)."""

    first: date
    last: date
    name: str
    kind: str  # "holiday" / "weekend"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def label(self) -> str:
        span = (
            _fmt_day(self.first)
            if self.first == self.last
            else f"{_fmt_day(self.first)}—{_fmt_day(self.last)}"
        )
        if self.kind == "weekend":
            names = "、".join(weekday_label(self.first + timedelta(days=i)) for i in range(self.days))
            return f"{span} 周末（{names}）"
        return f"{span} {self.name}（{self.days} 天）"


@dataclass(frozen=True)
class Pause:
    """A stretch in which the clock stood still (the case was in a paused status)."""

    start: datetime
    end: datetime | None  # None: still paused
    status: str  # the paused status' label, e.g. 延期审批中
    reason: str = ""


@dataclass(frozen=True)
class DueChange:
    """A recorded change of the due moment: an approved extension (延期), a manual override at dispatch…"""

    at: datetime
    old: datetime | None
    new: datetime
    kind: str  # "extension" / "override" / "change"
    reason: str = ""
    actor: str = ""


@dataclass(frozen=True)
class ExplanationStep:
    kind: (
        str  # start, limit, counting, skip, makeup, computed, override, pause, extension, change, due, notice
    )
    text: str
    at: datetime | None = None


@dataclass(frozen=True)
class DeadlineExplanation:
    title: str
    start: datetime
    limit: TimeLimit | None
    counting_from: datetime | None
    computed_due: datetime | None  # from the limit alone
    replayed_due: datetime | None  # after overrides, pauses and extensions
    recorded_due: datetime | None  # what the case row holds (None outside a case)
    skipped: tuple[SkippedDays, ...]
    makeup_days: tuple[DayInfo, ...]
    pauses: tuple[Pause, ...]
    changes: tuple[DueChange, ...]
    notices: tuple[str, ...]
    steps: tuple[ExplanationStep, ...] = field(default=())
    paused_now: bool = False

    @property
    def due(self) -> datetime | None:
        """The due moment in force: the recorded one when there is a record, else the replayed one."""
        return self.recorded_due if self.recorded_due is not None else self.replayed_due

    def text(self) -> str:
        lines = [f"【{self.title}】"] if self.title else []
        lines.extend(step.text for step in self.steps)
        return "\n".join(lines)


def explain(
    start: datetime,
    limit: TimeLimit | None,
    calendar: WorkingCalendar,
    office_hours: OfficeHours,
    *,
    pauses: Sequence[Pause] = (),
    changes: Sequence[DueChange] = (),
    recorded_due: datetime | None = None,
    title: str = "办结时限",
) -> DeadlineExplanation:
    """Replay a deadline: the limit counted on the calendar, then overrides, pauses and extensions in order.

    An ended pause moves the due by the paused time. When a due change is recorded at the moment the pause
    ended, it is either that very shift (the workflow recorded it: shown once, as the pause) or a decision
    (an approved extension: the pause is shown and the recorded change sets the due).
    """
    steps: list[ExplanationStep] = [ExplanationStep("start", f"起算：{fmt_moment(start)}", start)]
    computed = counting = None
    counted_until = start
    if limit is None:
        steps.append(ExplanationStep("limit", "时限：未设定，截止时间为人工指定"))
    else:
        steps.append(ExplanationStep("limit", f"时限：{limit.label}"))
        counting = counting_start(start, limit, calendar, office_hours)
        computed = compute_due(start, limit, calendar, office_hours)
        counted_until = computed
        steps.extend(_counting_steps(start, counting, limit, office_hours))
    due = computed

    limit_type = limit.type if limit else None
    events: list[tuple[datetime, int, int, Pause | DueChange]] = [
        (p.end, 0, i, p) for i, p in enumerate(pauses) if p.end is not None
    ]
    events += [(c.at, 1, i, c) for i, c in enumerate(changes)]
    events.sort(key=lambda e: e[:3])
    changes_at = {c.at: c for c in changes}
    absorbed: set[int] = set()  # changes that only recorded a pause's shift
    later_steps: list[ExplanationStep] = []
    for at, _order, _i, item in events:
        if isinstance(item, Pause):
            assert item.end is not None
            head = f"暂停计时：{fmt_moment(item.start)} 至 {fmt_moment(item.end)}，{item.status}"
            head += f"（{item.reason}）" if item.reason else ""
            if due is None:
                later_steps.append(ExplanationStep("pause", f"{head}；无计算时限，不顺延", item.start))
                continue
            moved = paused_time(item.start, item.end, limit_type, calendar, office_hours)
            new = extend_for_pause(due, item.start, item.end, limit_type, calendar, office_hours)
            recorded = changes_at.get(at)
            if recorded is not None and recorded.new != new:
                later_steps.append(ExplanationStep("pause", f"{head}；截止时间按批复确定", item.start))
                continue
            if recorded is not None:
                absorbed.add(id(recorded))
            later_steps.append(
                ExplanationStep(
                    "pause",
                    f"{head}；暂停期间计时 {_fmt_duration(moved)}，截止时间由 {fmt_moment(due)} 顺延至 {fmt_moment(new)}",
                    item.start,
                )
            )
            due = new
            counted_until = max(counted_until, new)
        elif id(item) not in absorbed:
            verb = {"extension": "批准延期", "override": "人工指定截止时间", "change": "调整截止时间"}[
                item.kind
            ]
            old = f"由 {fmt_moment(item.old)} " if item.old else ""
            who = f"，{item.actor}" if item.actor else ""
            why = f"（{item.reason}）" if item.reason else ""
            later_steps.append(
                ExplanationStep(
                    item.kind,
                    f"{verb}：{fmt_moment(at)}{who}，截止时间{old}改为 {fmt_moment(item.new)}{why}",
                    at,
                )
            )
            due = item.new

    skipped: list[SkippedDays] = []
    makeups: list[DayInfo] = []
    if limit is not None and limit.type not in _CLOCK_TYPES:
        skipped, makeups = calendar_runs(start.date(), counted_until.date(), calendar)
        for run in skipped:
            steps.append(ExplanationStep("skip", f"跳过：{run.label}"))
        for info in makeups:
            steps.append(
                ExplanationStep(
                    "makeup",
                    f"计入：{_fmt_day(info.day)}（{weekday_label(info.day)}）{info.label}，按工作日计",
                )
            )
    elif limit is not None:
        holidays, _ = calendar_runs(start.date(), counted_until.date(), calendar)
        named = [run for run in holidays if run.kind == "holiday"]
        if named:
            listed = "、".join(run.label for run in named)
            steps.append(ExplanationStep("skip", f"全天连续计时，期间的节假日照常计入：{listed}"))
    if computed is not None and (later_steps or (recorded_due is not None and recorded_due != computed)):
        steps.append(ExplanationStep("computed", f"按时限推算截止：{fmt_moment(computed)}", computed))
    steps.extend(later_steps)

    open_pause = next((p for p in pauses if p.end is None), None)
    if open_pause is not None:
        reason = f"（{open_pause.reason}）" if open_pause.reason else ""
        steps.append(
            ExplanationStep(
                "pause",
                f"暂停计时中：自 {fmt_moment(open_pause.start)} 起{open_pause.status}{reason}，恢复后按暂停时长顺延",
                open_pause.start,
            )
        )
    if due is not None:
        steps.append(ExplanationStep("due", f"截止时间：{fmt_moment(due)}", due))
    if recorded_due is not None and recorded_due != due:
        steps.append(
            ExplanationStep(
                "due",
                f"系统记录的截止时间为 {fmt_moment(recorded_due)}（与上述推算不同，以记录为准）",
                recorded_due,
            )
        )
    last = max(d for d in (due, recorded_due, counted_until, start) if d is not None)
    notices = tuple(
        calendar.year_status(y).notice
        for y in range(start.year, last.year + 1)
        if calendar.year_status(y).notice
    )
    steps.extend(ExplanationStep("notice", f"注意：{n}") for n in notices)
    return DeadlineExplanation(
        title=title,
        start=start,
        limit=limit,
        counting_from=counting,
        computed_due=computed,
        replayed_due=due,
        recorded_due=recorded_due,
        skipped=tuple(skipped),
        makeup_days=tuple(makeups),
        pauses=tuple(pauses),
        changes=tuple(changes),
        notices=notices,
        steps=tuple(steps),
        paused_now=open_pause is not None,
    )


def _counting_steps(
    start: datetime, counting: datetime, limit: TimeLimit, hours: OfficeHours
) -> list[ExplanationStep]:
    if limit.type is LimitType.URGENT_HOURS:
        return [ExplanationStep("counting", "计时方式：自起算时刻起全天连续计时")]
    if limit.type is LimitType.NATURAL_DAYS:
        return [ExplanationStep("counting", f"计时方式：按自然日计，到第 {limit.value} 天的同一时刻截止")]
    text = f"计时方式：仅计工作日的办公时间（{hours}）"
    if limit.type is LimitType.WORKING_DAYS:
        text = (
            f"计时方式：起算当日不计，自下一个工作日起数满 {limit.value} 个工作日，"
            f"到第 {limit.value} 个工作日下班（{hours.closing:%H:%M}）截止"
        )
        text += f"；第 1 个计数工作日为 {_fmt_day(counting.date())}（{weekday_label(counting.date())}）"
    steps = [ExplanationStep("counting", text, counting)]
    if limit.type is LimitType.WORKING_HOURS and counting != start:
        steps.append(
            ExplanationStep("counting", f"起算时不在办公时间，自 {fmt_moment(counting)} 开始计时", counting)
        )
    elif limit.type is LimitType.WORKING_DAYS and not hours.is_open(start.time()):
        steps.append(ExplanationStep("counting", "起算时不在办公时间，视为下一个上班时间起算", counting))
    return steps


def calendar_runs(
    first: date, last: date, calendar: WorkingCalendar
) -> tuple[list[SkippedDays], list[DayInfo]]:
    runs: list[SkippedDays] = []
    makeups: list[DayInfo] = []
    for info in calendar.days_in(first, last):
        if info.is_workday:
            if info.kind == "makeup":
                makeups.append(info)
            continue
        kind = "holiday" if info.kind == "holiday" else "weekend"
        name = info.name if kind == "holiday" else "周末"
        prev = runs[-1] if runs else None
        if prev and prev.name == name and prev.last + timedelta(days=1) == info.day:
            runs[-1] = SkippedDays(prev.first, info.day, name, kind)
        else:
            runs.append(SkippedDays(info.day, info.day, name, kind))
    return runs, makeups


def _fmt_duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} 天"] if days else []
    if hours:
        parts.append(f"{hours} 小时")
    if mins or not parts:
        parts.append(f"{mins} 分钟")
    return " ".join(parts)


# --- from a case's records ---------------------------------------------------------------------------------


def _parse_moment(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        return None


def _changes(row: CaseHistory) -> dict[str, Any]:
    try:
        data = json.loads(row.changes or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _new_value(changes: dict[str, Any], key: str) -> Any:
    value = changes.get(key)
    if isinstance(value, list | tuple):
        return value[-1] if value else None
    return value


def explain_case(session: Session, case_id: int | str) -> DeadlineExplanation:
    """The explanation of a case's deadline, from its row and its history.

    A dispatched case explains its handling limit (办结时限, from the last dispatch on); a case not yet
    dispatched explains the clock of its current stage (受理/立案, 派遣 …) when one runs.
    """
    if isinstance(case_id, str) and not case_id.isdigit():
        case = session.scalar(select(Case).where(Case.number == case_id))
    else:
        case = session.get(Case, int(case_id))
    if case is None:
        raise NotFound(f"案件 {case_id} 不存在")
    clock = DeadlineClock.load(session)
    history = list(
        session.scalars(select(CaseHistory).where(CaseHistory.case_id == case.id).order_by(CaseHistory.id))
    )

    limit: TimeLimit | None
    if case.dispatched_at is not None and (case.due_at is not None or case.limit_type is not None):
        start, recorded, title = case.dispatched_at, case.due_at, "办结时限"
        limit = TimeLimit(case.limit_type, case.limit_value) if case.limit_type and case.limit_value else None
        dispatch_rows = [r for r in history if r.action == "dispatch"]
        after = dispatch_rows[-1].id if dispatch_rows else 0
        opening = dispatch_rows[-1] if dispatch_rows else None
    elif case.stage is not None and case.stage_started_at is not None and case.stage_due_at is not None:
        start, recorded = case.stage_started_at, case.stage_due_at
        title = f"{case.stage.label}阶段时限"
        limit = _stage_limit(session, case)
        later = [r for r in history if r.at <= start]
        after = later[-1].id if later else 0
        opening = None
    else:
        raise ValidationError(f"案件 {case.number} 尚未派遣，也没有正在计时的环节，无时限可解释")

    changes: list[DueChange] = []
    if opening is not None and limit is not None:
        assigned = _parse_moment(_new_value(_changes(opening), "due_at"))
        computed = clock.due(start, limit)
        if assigned is not None and assigned != computed:
            data = _changes(opening)
            reason = str(_new_value(data, "due_reason") or opening.note or "")
            changes.append(DueChange(start, computed, assigned, "override", reason, opening.actor))
    elif opening is not None:
        assigned = _parse_moment(_new_value(_changes(opening), "due_at"))
        if assigned is not None:
            changes.append(DueChange(start, None, assigned, "override", opening.note, opening.actor))

    pauses: list[Pause] = []
    pause_from: CaseHistory | None = None
    last_request = ""
    for row in history:
        if row.id <= after or row.at < start:
            continue
        was = row.from_status in PAUSED_STATUSES
        now = row.to_status in PAUSED_STATUSES
        if now and not was:
            pause_from = row
        elif was and not now and pause_from is not None:
            pauses.append(_pause(pause_from, row.at))
            pause_from = None
        if row.action == "request_extension":
            last_request = row.note
        data = _changes(row)
        if "due_at" in data and isinstance(data["due_at"], list | tuple) and len(data["due_at"]) == 2:
            old, new = (_parse_moment(v) for v in data["due_at"])
            if new is not None and new != old:
                kind = "extension" if row.action == "decide_extension" else "change"
                reason = "；".join(x for x in (last_request if kind == "extension" else "", row.note) if x)
                changes.append(DueChange(row.at, old, new, kind, reason, row.actor))
    if pause_from is not None:
        pauses.append(_pause(pause_from, None))
    elif case.status in PAUSED_STATUSES and case.paused_at is not None:
        pauses.append(Pause(case.paused_at, None, CaseStatus(case.status).label))

    result = explain(
        start,
        limit,
        clock.calendar,
        clock.office_hours,
        pauses=pauses,
        changes=changes,
        recorded_due=recorded,
        title=f"案件 {case.number} {title}",
    )
    return result


def _pause(row: CaseHistory, end: datetime | None) -> Pause:
    status = CaseStatus(row.to_status)
    return Pause(row.at, end, status.label, row.note)


def _stage_limit(session: Session, case: Case) -> TimeLimit | None:
    rows = session.scalars(
        select(StageLimit).where(
            StageLimit.stage == case.stage,
            (StageLimit.category_id == case.category_id) | StageLimit.category_id.is_(None),
        )
    ).all()
    rows = sorted(rows, key=lambda r: r.category_id is None)  # the category's own limit first
    return TimeLimit(rows[0].limit_type, rows[0].limit_value) if rows else None
