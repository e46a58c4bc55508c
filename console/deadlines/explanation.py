"""The human-readable explanation of how a due moment was reached: the limit counted on the calendar (days
skipped, make-up working days counted), then overrides, pauses and extensions replayed in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from console.calendar import DayInfo, WorkingCalendar, weekday_label
from console.deadlines.due import compute_due, counting_start, extend_for_pause, paused_time
from console.deadlines.limits import CLOCK_TYPES, OfficeHours, TimeLimit
from console.domain import LimitType


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
    if limit is not None and limit.type not in CLOCK_TYPES:
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
