"""The values a deadline is computed from: a time limit (one of the four limit types and its value), the
office hours and the yellow-light threshold, parsed and validated from settings, forms and the command line.

The four limit types of the 数字城管 rules (`console.domain.LimitType`) count either clock time
(`CLOCK_TYPES`: urgent hours, natural days) or office time on working days (working hours, working days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlalchemy.orm import Session

from console.domain import LimitType
from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.settings import get_setting

CLOCK_TYPES = frozenset({LimitType.URGENT_HOURS, LimitType.NATURAL_DAYS})
_MAX_LIMIT = 10_000


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
            raise ValidationError(Message(QT_TRANSLATE_NOOP("deadlines", "时限“%1”无效，应为 1 到 %2 之间的整数"), self.value, _MAX_LIMIT))

    @classmethod
    def parse(cls, text: str) -> TimeLimit:
        """`working_days:5` (or `工作日:5`, `working_days=5`)."""
        kind, sep, number = text.replace("：", ":").replace("=", ":").partition(":")
        if not sep:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("deadlines", "时限“%1”格式无效，应为 类型:数值，如 working_days:5"), text))
        try:
            value = int(number.strip())
        except ValueError as exc:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("deadlines", "时限“%1”的数值无效，应为正整数"), text)) from exc
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
        raise ValidationError(Message(QT_TRANSLATE_NOOP("deadlines", "时限类型“%1”无效：%2"), text, exc)) from exc


@dataclass(frozen=True)
class OfficeHours:
    """Office hours as sorted, non-overlapping spans within one day (e.g. 08:30-12:00, 14:00-17:30)."""

    spans: tuple[tuple[time, time], ...]

    def __post_init__(self) -> None:
        if not self.spans:
            raise ValidationError(QT_TRANSLATE_NOOP("deadlines", "办公时间不能为空"))
        previous_end: time | None = None
        for start, end in self.spans:
            if start >= end:
                raise ValidationError(Message(QT_TRANSLATE_NOOP("deadlines", "办公时间段 %1-%2 无效：开始须早于结束"), f"{start:%H:%M}", f"{end:%H:%M}"))
            if previous_end is not None and start < previous_end:
                raise ValidationError(QT_TRANSLATE_NOOP("deadlines", "办公时间段须按时间先后排列且互不重叠"))
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
        raise ValidationError(Message(QT_TRANSLATE_NOOP("deadlines", "黄灯阈值“%1”无效，应为 0 到 1 之间的小数，如 0.8"), text)) from exc
    if not 0 < value <= 1:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("deadlines", "黄灯阈值“%1”无效，应为 0 到 1 之间的小数，如 0.8"), text))
    return value
