"""The period a review covers: a month, quarter, year or custom range, as a half-open span [start, end).

Written as text the same way everywhere (CLI, UI, frozen results): `2026-10`, `2026Q3`, `2026`,
`2026-10-01..2026-10-15` (both days included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
KIND_LABELS = {MONTH: "月度", QUARTER: "季度", YEAR: "年度", CUSTOM: "自定义"}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # first day
    end: date  # the day after the last

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, datetime.min.time())

    @property
    def end_at(self) -> datetime:
        return datetime.combine(self.end, datetime.min.time())

    def as_of(self, now: datetime) -> datetime:
        """The moment the figures are judged at: the period's end, or now for a running period."""
        return min(self.end_at, now)

    @property
    def key(self) -> str:
        """The text form `parse_period` reads back."""
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == YEAR:
            return f"{self.start.year}"
        return f"{self.start:%Y-%m-%d}..{self.end - timedelta(days=1):%Y-%m-%d}"

    @property
    def label(self) -> str:
        """How a title or a table says it: 2026年10月, 2026年第3季度, 2026年, 2026-10-01至2026-10-15."""
        if self.kind == MONTH:
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == QUARTER:
            return f"{self.start.year}年第{(self.start.month - 1) // 3 + 1}季度"
        if self.kind == YEAR:
            return f"{self.start.year}年"
        return f"{self.start:%Y-%m-%d}至{self.end - timedelta(days=1):%Y-%m-%d}"

    def previous(self) -> Period:
        """The period before, of the same kind and length (what movement is measured against)."""
        if self.kind == MONTH:
            return month(*_add_months(self.start.year, self.start.month, -1))
        if self.kind == QUARTER:
            y, m = _add_months(self.start.year, self.start.month, -3)
            return Period(QUARTER, date(y, m, 1), self.start)
        if self.kind == YEAR:
            return year(self.start.year - 1)
        span = self.end - self.start
        return Period(CUSTOM, self.start - span, self.start)

    def months(self) -> list[Period]:
        """The months the period spans (quarters and years aggregate frozen months)."""
        out, y, m = [], self.start.year, self.start.month
        while date(y, m, 1) < self.end:
            out.append(month(y, m))
            y, m = _add_months(y, m, 1)
        return out


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def month(y: int, m: int) -> Period:
    ny, nm = _add_months(y, m, 1)
    return Period(MONTH, date(y, m, 1), date(ny, nm, 1))


def quarter(y: int, q: int) -> Period:
    start = date(y, 3 * (q - 1) + 1, 1)
    ny, nm = _add_months(y, start.month, 3)
    return Period(QUARTER, start, date(ny, nm, 1))


def year(y: int) -> Period:
    return Period(YEAR, date(y, 1, 1), date(y + 1, 1, 1))


def custom(first: date, last: date) -> Period:
    if last < first:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "统计区间的结束日 %1 早于开始日 %2，请调换后重试"), last, first))
    return Period(CUSTOM, first, last + timedelta(days=1))


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})\s*(?:\.\.|至|~)\s*(\d{4}-\d{1,2}-\d{1,2})$")


def parse_period(text: str) -> Period:
    """Read `2026-10`, `2026Q3`, `2026` or `2026-10-01..2026-10-15`; anything else is refused in one sentence."""
    t = text.strip()
    try:
        if m := _MONTH.match(t):
            if not 1 <= int(m.group(2)) <= 12:
                raise ValueError
            return month(int(m.group(1)), int(m.group(2)))
        if m := _QUARTER.match(t):
            return quarter(int(m.group(1)), int(m.group(2)))
        if m := _YEAR.match(t):
            return year(int(m.group(1)))
        if m := _RANGE.match(t):
            return custom(date.fromisoformat(_pad(m.group(1))), date.fromisoformat(_pad(m.group(2))))
    except ValueError:
        pass
    raise ValidationError(
        Message(QT_TRANSLATE_NOOP("review", "无法识别统计周期“%1”：请写成 2026-10（月）、2026Q3（季）、2026（年）或 2026-10-01..2026-10-15（自定义）"), text)
    )


def _pad(d: str) -> str:
    y, m, dd = d.split("-")
    return f"{int(y):04d}-{int(m):02d}-{int(dd):02d}"
