"""The working calendar (工作日历): which days are working days, read once from the shared database.

Every seat computes deadlines from the same rows (`calendar_day`, `calendar_year`), so two dispatchers never
disagree about a due date. Rows come from three places:

- `seed_from_package`: the maintained `chinesecalendar` package, for every year it knows (it raises
  NotImplementedError for the others, e.g. 2027 in version 1.11);
- `import_year`: an administrator enters the State Council's schedule (国务院办公厅放假安排通知) from a CSV
  `date,type,name` for a year the package does not know yet;
- nothing: a year with no schedule falls back to weekends plus the statutory days of the 全国年节及纪念日放假办法:
  the fixed-date ones (元旦 1/1, 劳动节 5/1 (and 5/2 from 2025 on), 国庆节 10/1-10/3) and the lunar ones,
  dated by the `lunar-python` package (春节 初一–初三, and 除夕 from 2025 on; 清明 on its solar term; 端午 五月初五;
  中秋 八月十五). What such a year cannot know are the bridging days and make-up workdays (调休) of the
  State Council's schedule, and `year_status(year).notice` says so, so the console can warn.

Besides the true exceptions to "Monday-Friday work" (weekday holidays, weekend make-up workdays) a year's rows
also name the weekend days inside a holiday block (e.g. 2026-10-03 国庆节), as the State Council notice lists
them: the deadline explanation can then say which holiday a skipped day belonged to.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console import clock, session_cache
from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message, join
from console.models import CalendarDay, CalendarYear

PACKAGE_SOURCE = "chinesecalendar"
DEFAULT_IMPORT_SOURCE = "国务院办公厅通知"
WEEKDAY_LABELS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
#: statutory holidays on a fixed Gregorian date (全国年节及纪念日放假办法): the only ones a year without an
#: official schedule can know. Since 2025 (国务院令第795号) 劳动节 is two days, 5/1 and 5/2.
FIXED_DATE_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)
LABOUR_DAY_TWO_DAYS_FROM = 2025
#: 国务院令第795号 (2025) added 除夕 to the 春节 days off
NEW_YEARS_EVE_FROM = 2025
MIN_YEAR, MAX_YEAR = 1949, 2200
_NAME_MAX = 40  # calendar_day.name is VARCHAR(40)
_SEARCH_LIMIT_DAYS = 3660  # no stretch of ten years without a working day: a runaway search is a bug


def weekday_label(day: date) -> str:
    return WEEKDAY_LABELS[day.weekday()]


def fallback_notice(year: int) -> str:
    return f"{year} 年尚未录入国务院放假安排，按周末和法定节假日（不含调休）计算"


@dataclass(frozen=True)
class DayInfo:
    """One calendar day as the deadline rules see it.

    kind: "workday" (ordinary Monday-Friday), "makeup" (调休上班 on a weekend), "holiday" (a named day off,
    statutory or fixed-date fallback), "weekend" (an ordinary Saturday/Sunday).
    """

    day: date
    is_workday: bool
    kind: str
    name: str  # holiday name, the holiday a make-up day belongs to, or "" for ordinary days

    @property
    def label(self) -> str:
        """How a person would name the day: 国庆节, 调休上班（国庆节）, 周六 …"""
        if self.kind == "holiday":
            return self.name
        if self.kind == "makeup":
            return f"调休上班（{self.name}）" if self.name else "调休上班"
        return weekday_label(self.day)


@dataclass(frozen=True)
class YearStatus:
    """Where a year's schedule comes from. `fallback` years use weekends plus fixed-date holidays only."""

    year: int
    source: str
    official: bool
    fallback: bool
    loaded_at: datetime | None = None
    loaded_by: str = ""

    @property
    def notice(self) -> str:
        """What the console must say about this year ("" when the official schedule is in)."""
        if self.fallback:
            return fallback_notice(self.year)
        if not self.official:
            return f"{self.year} 年放假安排来自“{self.source}”，尚非国务院正式安排，请核对"
        return ""


def year_notices(session: Session, years: Iterable[int]) -> dict[int, str]:
    """The warning of each of `years` whose schedule is not the State Council's official one (a fallback year, or
    an import marked unofficial): what the queue, the case view and `case show` say beside a deadline."""
    wanted = sorted(set(years))
    rows = {r.year: r for r in session.scalars(select(CalendarYear).where(CalendarYear.year.in_(wanted)))}
    out: dict[int, str] = {}
    for year in wanted:
        row = rows.get(year)
        status = (
            YearStatus(year, row.source, row.official, False) if row is not None
            else WorkingCalendar().year_status(year)
        )  # fmt: skip
        if status.notice:
            out[year] = status.notice
    return out


@dataclass(frozen=True)
class _Entry:
    is_workday: bool
    name: str


@dataclass(frozen=True)
class WorkingCalendar:
    """An immutable snapshot of the calendar tables; every query is a dictionary lookup.

    Load it once per transaction (`WorkingCalendar.load(session)`) and pass it around; it holds no session.
    """

    days: Mapping[date, _Entry] = field(default_factory=dict)
    years: Mapping[int, YearStatus] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", MappingProxyType(dict(self.days)))
        object.__setattr__(self, "years", MappingProxyType(dict(self.years)))

    @classmethod
    def load(cls, session: Session) -> WorkingCalendar:
        years = {
            row.year: YearStatus(
                year=row.year,
                source=row.source,
                official=row.official,
                fallback=False,
                loaded_at=row.loaded_at,
                loaded_by=row.loaded_by,
            )
            for row in session.scalars(select(CalendarYear))
        }
        days = {
            row.day: _Entry(row.is_workday, row.name)
            for row in session.scalars(select(CalendarDay))
            if row.day.year in years  # stray rows of a year without a schedule row are ignored
        }
        return cls(days=days, years=years)

    # --- single days ------------------------------------------------------------------------------------

    def year_status(self, year: int) -> YearStatus:
        status = self.years.get(year)
        if status is not None:
            return status
        return YearStatus(year=year, source="周末和法定节假日", official=False, fallback=True)

    def day_info(self, day: date) -> DayInfo:
        weekend = day.weekday() >= 5
        if day.year in self.years:
            entry = self.days.get(day)
        else:
            entry = _fallback_entry(day)
        if entry is None:
            return DayInfo(day, not weekend, "weekend" if weekend else "workday", "")
        if entry.is_workday:
            return DayInfo(day, True, "makeup" if weekend else "workday", entry.name if weekend else "")
        if entry.name:
            return DayInfo(day, False, "holiday", entry.name)
        return DayInfo(day, False, "weekend" if weekend else "holiday", "" if weekend else "休息日")

    def is_workday(self, day: date) -> bool:
        if day.year in self.years:
            entry = self.days.get(day)
        else:
            entry = _fallback_entry(day)
        if entry is None:
            return day.weekday() < 5
        return entry.is_workday

    # --- stepping ---------------------------------------------------------------------------------------

    def next_workday(self, day: date, *, include_self: bool = False) -> date:
        current = day if include_self else day + timedelta(days=1)
        for _ in range(_SEARCH_LIMIT_DAYS):
            if self.is_workday(current):
                return current
            current += timedelta(days=1)
        raise ValidationError(Message(QT_TRANSLATE_NOOP("calendar", "%1 之后十年内没有工作日，请检查工作日历"), day))

    def prev_workday(self, day: date, *, include_self: bool = False) -> date:
        current = day if include_self else day - timedelta(days=1)
        for _ in range(_SEARCH_LIMIT_DAYS):
            if self.is_workday(current):
                return current
            current -= timedelta(days=1)
        raise ValidationError(Message(QT_TRANSLATE_NOOP("calendar", "%1 之前十年内没有工作日，请检查工作日历"), day))

    def add_workdays(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n ≥ 1; `day` itself never counts)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        current = day
        for _ in range(n):
            current = self.next_workday(current)
        return current

    def workdays_between(self, start: date, end: date) -> int:
        """Working days d with start < d ≤ end: how many working days have passed from `start` to `end`.

        The inverse of `add_workdays` for a working `end`; negative when end < start.
        """
        if end < start:
            return -self.workdays_between(end, start)
        return sum(1 for d in _days(start + timedelta(days=1), end) if self.is_workday(d))

    def days_in(self, start: date, end: date) -> Iterator[DayInfo]:
        """Every day from start to end inclusive, with its kind and name."""
        for d in _days(start, end):
            yield self.day_info(d)


def _days(start: date, end: date) -> Iterator[date]:
    current = start
    while current <= end:
        yield current
        current += timedelta(days=1)


def fixed_date_holidays(year: int) -> dict[date, str]:
    """The statutory holidays of `year` that fall on a fixed date, with their names."""
    days = {date(year, m, d): name for m, d, name in FIXED_DATE_HOLIDAYS}
    if year >= LABOUR_DAY_TWO_DAYS_FROM:
        days[date(year, 5, 2)] = "劳动节"
    return days


@lru_cache(maxsize=64)
def lunar_holidays(year: int) -> Mapping[date, str]:
    """The statutory holidays of `year` that follow the lunar calendar or a solar term: 春节 (除夕 from 2025 on,
    初一–初三), 清明, 端午, 中秋 — dated by `lunar-python`."""
    from lunar_python import Lunar, Solar

    def solar(y: int, m: int, d: int) -> date:
        s = Lunar.fromYmd(y, m, d).getSolar()
        return date(s.getYear(), s.getMonth(), s.getDay())

    days: dict[date, str] = {}
    new_year = solar(year, 1, 1)  # 正月初一 of the lunar year that begins in `year`
    first = -1 if year >= NEW_YEARS_EVE_FROM else 0
    for offset in range(first, 3):
        days[new_year + timedelta(days=offset)] = "春节"
    qingming = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    days[date(qingming.getYear(), qingming.getMonth(), qingming.getDay())] = "清明节"
    days[solar(year, 5, 5)] = "端午节"
    days[solar(year, 8, 15)] = "中秋节"
    return MappingProxyType(days)


def fallback_holidays(year: int) -> dict[date, str]:
    """Every statutory day off of a year with no official schedule: fixed-date and lunar, named (a day that is
    both, as 中秋 on 10/3 in 2028, carries both names)."""
    days = fixed_date_holidays(year)
    for day, name in lunar_holidays(year).items():
        days[day] = f"{days[day]}、{name}" if day in days else name
    return days


@lru_cache(maxsize=64)
def _fallback_table(year: int) -> Mapping[date, str]:
    return MappingProxyType(fallback_holidays(year))


def _fallback_entry(day: date) -> _Entry | None:
    name = _fallback_table(day.year).get(day)
    return _Entry(False, name) if name else None


# --- seeding from the chinesecalendar package -------------------------------------------------------------


@dataclass
class SeedResult:
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # years an administrator imported: never overwritten

    @property
    def summary(self) -> str:
        def span(years: list[int]) -> str:
            if not years:
                return "无"
            return f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}（{len(years)} 年）"

        text = f"新增 {span(self.added)}；更新 {span(self.updated)}；未变 {span(self.unchanged)}"
        if self.kept:
            text += f"；保留管理员录入的 {'、'.join(map(str, self.kept))} 年"
        return text


def package_years() -> list[int]:
    """The years the installed chinesecalendar knows (it raises NotImplementedError for the others)."""
    import chinese_calendar

    known_max = max(d.year for d in chinese_calendar.holidays)
    years = []
    for year in range(2000, max(known_max, clock.now().year) + 3):
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            continue
        years.append(year)
    return years


def package_year_days(year: int) -> dict[date, tuple[bool, str]]:
    """One year's rows from the package: weekday holidays, named weekend days, make-up workdays."""
    return dict(_package_year_rows(year))


@lru_cache(maxsize=64)
def _package_year_rows(year: int) -> tuple[tuple[date, tuple[bool, str]], ...]:
    import chinese_calendar
    from chinese_calendar import Holiday

    def chinese(english: str | None) -> str:
        if not english:
            return ""
        try:
            return str(Holiday(english).chinese)[:_NAME_MAX]
        except ValueError:
            return english[:_NAME_MAX]

    rows: dict[date, tuple[bool, str]] = {}
    for d in _days(date(year, 1, 1), date(year, 12, 31)):
        is_holiday, english = chinese_calendar.get_holiday_detail(d)  # raises NotImplementedError
        weekend = d.weekday() >= 5
        if is_holiday and (english or not weekend):
            rows[d] = (False, chinese(english))
        elif not is_holiday and weekend:
            rows[d] = (True, chinese(english))
    return tuple(rows.items())


def _stored_year_days(session: Session, year: int) -> dict[date, tuple[bool, str]]:
    rows = session.scalars(
        select(CalendarDay).where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
    )
    return {r.day: (r.is_workday, r.name) for r in rows}


def _replace_year(
    session: Session,
    year: int,
    rows: Mapping[date, tuple[bool, str]],
    source: str,
    official: bool,
    actor: str,
) -> None:
    session_cache.forget(session)
    session.execute(
        delete(CalendarDay).where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
    )
    session.add_all(CalendarDay(day=d, is_workday=w, name=n) for d, (w, n) in sorted(rows.items()))
    row = session.get(CalendarYear, year)
    if row is None:
        row = CalendarYear(year=year)
        session.add(row)
    row.source = source[:40]
    row.official = official
    row.loaded_at = clock.now()
    row.loaded_by = actor
    session.flush()
    session_cache.forget(session)  # again: a deadline read meanwhile (under no_autoflush) saw the old rows


def seed_from_package(session: Session, actor: str) -> SeedResult:
    """Load every year the package knows. Idempotent: an unchanged year is left alone (its loaded_at too),
    and a year an administrator imported from the State Council notice is never overwritten."""
    result = SeedResult()
    existing = {row.year: row for row in session.scalars(select(CalendarYear))}
    for year in package_years():
        try:
            rows = package_year_days(year)
        except NotImplementedError:  # the package's range has a hole: treat the year as unknown
            continue
        current = existing.get(year)
        if current is not None and current.source != PACKAGE_SOURCE and current.official:
            result.kept.append(year)
            continue
        if current is None:
            _replace_year(session, year, rows, PACKAGE_SOURCE, True, actor)
            result.added.append(year)
        elif (
            current.source == PACKAGE_SOURCE and current.official and _stored_year_days(session, year) == rows
        ):
            result.unchanged.append(year)
        else:
            _replace_year(session, year, rows, PACKAGE_SOURCE, True, actor)
            result.updated.append(year)
    return result


# --- an administrator's import of the State Council schedule ----------------------------------------------

_HOLIDAY_WORDS = {"holiday", "放假", "休", "休息", "节假日", "假"}
_WORKDAY_WORDS = {"workday", "上班", "班", "调休上班", "工作日"}


@dataclass(frozen=True)
class ScheduleEntry:
    """One raw row of a schedule file, kept as text so every problem can be reported with its line."""

    line: int
    day: str
    type: str
    name: str = ""
    extra_columns: bool = False

    @classmethod
    def from_cells(cls, line: int, cells: Sequence[str]) -> ScheduleEntry:
        cells = [str(c).strip() for c in cells]
        padded = [*cells, "", "", ""]
        return cls(line, padded[0], padded[1], padded[2], extra_columns=len(cells) > 3 and any(cells[3:]))


class ScheduleError(ValidationError):
    """A schedule with bad rows: nothing was imported. `problems` lists (line, reason)."""

    def __init__(self, year: int, problems: Sequence[tuple[int, str]]) -> None:
        shown = join(Message(QT_TRANSLATE_NOOP("calendar", "第 %1 行：%2"), line, reason) if line else reason
                     for line, reason in problems[:20])  # fmt: skip
        if len(problems) > 20:
            shown = Message(QT_TRANSLATE_NOOP("calendar", "%1；另有 %2 处"), shown, len(problems) - 20)
        super().__init__(Message(QT_TRANSLATE_NOOP("calendar", "%1 年放假安排有 %2 处错误，未导入：%3"), year, len(problems), shown))
        self.year = year
        self.problems = list(problems)


def parse_schedule_csv(text: str) -> list[ScheduleEntry]:
    """Rows of a `date,type,name` file (UTF-8, header optional, blank lines and `#` comments skipped)."""
    entries: list[ScheduleEntry] = []
    for line_no, raw in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        cells = [c.strip() for c in raw]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if not entries and cells[0].lower() in ("date", "日期"):  # the header
            continue
        entries.append(ScheduleEntry.from_cells(line_no, cells))
    return entries


def read_schedule_file(path: str) -> list[ScheduleEntry]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return parse_schedule_csv(fh.read())
    except FileNotFoundError as exc:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("calendar", "找不到文件：%1"), path)) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("calendar", "文件 %1 不是 UTF-8 编码的 CSV，请另存为 UTF-8 后重试"), path)) from exc


def _as_entries(entries: Iterable[ScheduleEntry | Sequence[str]]) -> list[ScheduleEntry]:
    out = []
    for index, item in enumerate(entries, start=1):
        if isinstance(item, ScheduleEntry):
            out.append(item)
        else:
            out.append(ScheduleEntry.from_cells(index, item))
    return out


def validate_schedule(
    year: int, entries: Iterable[ScheduleEntry | Sequence[str]]
) -> dict[date, tuple[bool, str]]:
    """Check a schedule and return its rows; raise ScheduleError naming every bad line."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("calendar", "年份 %1 超出范围（%2–%3）"), year, MIN_YEAR, MAX_YEAR))
    problems: list[tuple[int, str]] = []
    rows: dict[date, tuple[bool, str]] = {}
    first_line: dict[date, int] = {}
    items = _as_entries(entries)
    for e in items:
        if e.extra_columns:
            problems.append((e.line, "列数过多，每行应为“日期,类型,名称”三列"))
            continue
        try:
            day = date.fromisoformat(e.day)
        except ValueError:
            problems.append((e.line, f"日期“{e.day}”无效，请用 YYYY-MM-DD 格式，如 {year}-10-01"))
            continue
        if day.year != year:
            problems.append((e.line, f"日期 {day} 不在 {year} 年内"))
            continue
        kind = e.type.strip().lower()
        if kind in _HOLIDAY_WORDS:
            is_workday = False
        elif kind in _WORKDAY_WORDS:
            is_workday = True
        else:
            problems.append((e.line, f"类型“{e.type}”无效，应为 holiday（放假）或 workday（调休上班）"))
            continue
        if day in first_line:
            problems.append((e.line, f"日期 {day} 与第 {first_line[day]} 行重复"))
            continue
        first_line[day] = e.line
        if len(e.name) > _NAME_MAX:
            problems.append((e.line, f"名称过长（最多 {_NAME_MAX} 个字）"))
            continue
        if not is_workday and not e.name:
            problems.append((e.line, f"{day} 放假，但没有填写节日名称（如 春节、国庆节）"))
            continue
        if is_workday and day.weekday() < 5:
            problems.append(
                (e.line, f"{day} 是{weekday_label(day)}，本来就是工作日，调休上班只能安排在周六或周日")
            )
            continue
        rows[day] = (is_workday, e.name)
    if not items:
        problems.append((0, "文件中没有任何日期"))
    elif not problems:
        # a schedule that forgets a statutory weekday holiday is a partial file, not the State Council's
        missing = [
            f"{day}（{name}）"
            for day, name in sorted(fixed_date_holidays(year).items())
            if day.weekday() < 5 and rows.get(day, (True, ""))[0]
        ]
        if missing:
            problems.append((0, f"缺少法定节假日 {'、'.join(missing)}，请导入国务院通知的完整放假安排"))
    if problems:
        raise ScheduleError(year, problems)
    return rows


def import_year(
    session: Session,
    year: int,
    entries: Iterable[ScheduleEntry | Sequence[str]],
    source: str = DEFAULT_IMPORT_SOURCE,
    actor: str = "",
    *,
    official: bool = True,
) -> int:
    """Replace a year's schedule with the State Council's (all or nothing). Returns the number of days stored.

    Typically for a year the package does not know yet; importing a year the package knows overrides it (an
    administrator's correction), and later seeding keeps the import.
    """
    rows = validate_schedule(year, entries)
    if not source.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("calendar", "请填写放假安排的来源（如 国办发明电〔2026〕X号）"))
    _replace_year(session, year, rows, source.strip(), official, actor)
    return len(rows)
