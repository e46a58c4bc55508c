"""The working calendar: seeding from chinesecalendar, admin import of a year, the fallback year, and the CLI."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console import clock
from console.calendar import (
    PACKAGE_SOURCE,
    ScheduleEntry,
    ScheduleError,
    WorkingCalendar,
    fallback_holidays,
    import_year,
    package_years,
    parse_schedule_csv,
    seed_from_package,
)
from console.cli.main import main
from console.db import Database
from console.errors import ValidationError
from console.models import CalendarDay, CalendarYear

FALLBACK_2027 = "2027 年尚未录入国务院放假安排，按周末和法定节假日（不含调休）计算"

#: a made-up 2027 National Day schedule (the real one is not published yet): Oct 1-7 off, Sep 26 (Sun) and
#: Oct 9 (Sat) worked
SCHEDULE_2027 = """date,type,name
2027-01-01,holiday,元旦
2027-09-26,workday,国庆节
2027-10-01,holiday,国庆节
2027-10-02,holiday,国庆节
2027-10-03,holiday,国庆节
2027-10-04,holiday,国庆节
2027-10-05,holiday,国庆节
2027-10-06,holiday,国庆节
2027-10-07,holiday,国庆节
2027-10-09,workday,国庆节
"""


@pytest.fixture(autouse=True)
def pinned_clock() -> object:
    clock.set_clock(lambda: datetime(2026, 11, 20, 9, 0))
    yield
    clock.set_clock(None)


def _load(db: Database) -> WorkingCalendar:
    with db.session() as session:
        return WorkingCalendar.load(session)


def test_package_years_stop_where_chinesecalendar_stops() -> None:
    years = package_years()
    assert years[0] == 2004
    assert 2026 in years
    assert 2027 not in years  # chinesecalendar 1.11 raises NotImplementedError for 2027
    assert years == list(range(years[0], years[-1] + 1))


def test_seed_is_idempotent_and_matches_2026_schedule(db: Database) -> None:
    with db.session() as session:
        first = seed_from_package(session, "admin")
    assert 2004 in first.added and 2026 in first.added
    assert first.updated == [] and first.unchanged == []
    with db.session() as session:
        rows = session.scalar(select(func.count()).select_from(CalendarDay))
        loaded_at = session.get(CalendarYear, 2026).loaded_at  # type: ignore[union-attr]
    with db.session() as session:
        second = seed_from_package(session, "someone-else")
    assert second.added == [] and second.updated == []
    assert second.unchanged == first.added
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(CalendarDay)) == rows
        year = session.get(CalendarYear, 2026)
        assert year is not None
        assert (year.source, year.official, year.loaded_by, year.loaded_at) == (
            PACKAGE_SOURCE,
            True,
            "admin",
            loaded_at,
        )

    cal = _load(db)
    # National Day 2026: Oct 1-7 off (Oct 3-4 is a weekend inside the block), Sep 20 (Sun) and Oct 10 (Sat) worked
    for d in range(1, 8):
        info = cal.day_info(date(2026, 10, d))
        assert not info.is_workday and info.kind == "holiday" and info.name == "国庆节"
    assert cal.is_workday(date(2026, 10, 8))
    assert cal.day_info(date(2026, 9, 20)).kind == "makeup"
    assert cal.day_info(date(2026, 10, 10)).label == "调休上班（国庆节）"
    assert cal.day_info(date(2026, 9, 25)).name == "中秋"
    # Spring Festival 2026: Feb 15-23 off, Feb 14 (Sat) and Feb 28 (Sat) worked
    assert [cal.is_workday(date(2026, 2, d)) for d in range(13, 25)] == [True, True] + [False] * 9 + [True]
    assert cal.is_workday(date(2026, 2, 28)) and not cal.is_workday(date(2026, 3, 1))
    assert cal.day_info(date(2026, 3, 1)).kind == "weekend"
    assert cal.year_status(2026).notice == ""


def test_stepping_through_holidays_and_makeup_days(db: Database) -> None:
    with db.session() as session:
        seed_from_package(session, "admin")
    cal = _load(db)
    assert cal.next_workday(date(2026, 9, 30)) == date(2026, 10, 8)
    assert cal.next_workday(date(2026, 10, 9)) == date(2026, 10, 10)  # the make-up Saturday
    assert cal.prev_workday(date(2026, 10, 8)) == date(2026, 9, 30)
    assert cal.next_workday(date(2026, 10, 8), include_self=True) == date(2026, 10, 8)
    assert cal.add_workdays(date(2026, 9, 30), 5) == date(2026, 10, 13)
    assert cal.workdays_between(date(2026, 9, 30), date(2026, 10, 13)) == 5
    assert cal.workdays_between(date(2026, 10, 13), date(2026, 9, 30)) == -5
    assert cal.workdays_between(date(2025, 12, 31), date(2026, 12, 31)) == 248
    assert cal.add_workdays(date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_calendar_snapshot_is_immutable(db: Database) -> None:
    cal = _load(db)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cal.years = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        cal.days[date(2026, 1, 5)] = None  # type: ignore[index]


def test_unseeded_and_unknown_years_fall_back_to_weekends_and_statutory_days(db: Database) -> None:
    with db.session() as session:
        seed_from_package(session, "admin")
    cal = _load(db)
    status = cal.year_status(2027)
    assert status.fallback and not status.official
    assert status.notice == FALLBACK_2027
    assert not cal.is_workday(date(2027, 1, 1))  # 元旦 on a Friday
    assert [cal.is_workday(date(2027, 10, d)) for d in range(1, 6)] == [False, False, False, True, True]
    assert cal.day_info(date(2027, 10, 1)).name == "国庆节"
    assert cal.day_info(date(2027, 10, 4)).kind == "workday"  # no guessing of bridging days (调休)
    # the lunar statutory days (放假办法), from the lunar calendar: 春节 2027 is 2/6 (初一), 除夕 2/5 from 2025 on
    assert [cal.day_info(date(2027, 2, d)).name for d in range(5, 9)] == ["春节"] * 4
    assert [cal.is_workday(date(2027, 2, d)) for d in (4, 5, 8, 9)] == [True, False, False, True]
    assert cal.day_info(date(2027, 4, 5)).name == "清明节" and not cal.is_workday(date(2027, 4, 5))  # a Monday
    assert cal.day_info(date(2027, 6, 9)).name == "端午节" and not cal.is_workday(date(2027, 6, 9))  # 五月初五
    assert cal.day_info(date(2027, 9, 15)).name == "中秋节" and not cal.is_workday(date(2027, 9, 15))  # 八月十五
    assert cal.day_info(date(2028, 10, 3)).name == "国庆节、中秋节"  # both on one day
    before = fallback_holidays(2003)  # before 国务院令第795号: 春节 初一–初三 only (2003-02-01 was 初一)
    assert [before.get(date(2003, m, d)) for m, d in ((1, 31), (2, 1), (2, 3), (2, 4))] == [
        None, "春节", "春节", None,
    ]
    assert not cal.is_workday(date(2027, 10, 9))  # a Saturday, no make-up day in the fallback
    # since 2025 劳动节 is 5/1 and 5/2 (国务院令第795号): in 2028 5/2 is a Tuesday
    assert [cal.is_workday(date(2028, 5, d)) for d in (1, 2, 3)] == [False, False, True]
    assert cal.year_status(2028).notice.startswith("2028 年尚未录入")


def test_import_2027_schedule_replaces_the_fallback(db: Database) -> None:
    with db.session() as session:
        seed_from_package(session, "admin")
        count = import_year(
            session, 2027, parse_schedule_csv(SCHEDULE_2027), "国办发明电〔2026〕9号", "admin"
        )
    assert count == 10
    cal = _load(db)
    status = cal.year_status(2027)
    assert (status.fallback, status.official, status.source, status.loaded_by) == (
        False,
        True,
        "国办发明电〔2026〕9号",
        "admin",
    )
    assert status.notice == ""
    assert not cal.is_workday(date(2027, 10, 7))
    assert cal.is_workday(date(2027, 10, 9)) and cal.day_info(date(2027, 10, 9)).kind == "makeup"
    assert cal.is_workday(date(2027, 9, 26))
    assert cal.is_workday(date(2027, 2, 8))  # not in the schedule: an ordinary Monday
    # seeding again keeps the administrator's years and never touches 2027
    with db.session() as session:
        again = seed_from_package(session, "admin")
    assert 2027 not in again.added + again.updated + again.kept


def test_a_partial_schedule_missing_statutory_weekday_holidays_is_refused(db: Database) -> None:
    with db.session() as session, pytest.raises(ScheduleError) as info:
        import_year(session, 2027, [("2027-10-01", "holiday", "国庆节")], "测试", "admin")
    # 5/1-5/2 2027 fall on a weekend and 10/2-10/3 too: only the weekday ones must be listed
    assert "缺少法定节假日 2027-01-01（元旦），请导入国务院通知的完整放假安排" in info.value.message


def test_seed_keeps_an_administrators_correction(db: Database) -> None:
    with db.session() as session:
        seed_from_package(session, "admin")
        correction = [
            ("2026-01-01", "holiday", "元旦"),
            ("2026-05-01", "holiday", "劳动节"),
            ("2026-10-01", "holiday", "国庆节"),
            ("2026-10-02", "holiday", "国庆节"),
        ]
        import_year(session, 2026, correction, "人工更正", "admin")
    with db.session() as session:
        result = seed_from_package(session, "admin")
    assert result.kept == [2026]
    cal = _load(db)
    assert cal.year_status(2026).source == "人工更正"
    assert cal.is_workday(date(2026, 10, 7))  # a Wednesday, a workday in the corrected year
    assert not cal.is_workday(date(2026, 10, 2))


def test_bad_import_rows_are_reported_with_line_numbers_and_nothing_is_written(db: Database) -> None:
    text = (
        "date,type,name\n"
        "2027-10-01,holiday,国庆节\n"  # line 2: fine
        "2027-13-01,holiday,国庆节\n"  # line 3: no such date
        "2026-10-02,holiday,国庆节\n"  # line 4: other year
        "2027-10-01,holiday,国庆节\n"  # line 5: duplicate of line 2
        "2027-10-03,vacation,国庆节\n"  # line 6: bad type
        "2027-10-04,workday,国庆节\n"  # line 7: a Monday cannot be a make-up workday
        "2027-10-05,holiday,\n"  # line 8: holiday without a name
        "2027-10-06,holiday,国庆节,多余\n"  # line 9: extra column
    )
    with db.session() as session, pytest.raises(ScheduleError) as info:
        import_year(session, 2027, parse_schedule_csv(text), "测试", "admin")
    lines = [line for line, _ in info.value.problems]
    assert lines == [3, 4, 5, 6, 7, 8, 9]
    message = info.value.message
    assert "2027 年放假安排有 7 处错误，未导入" in message
    assert "第 3 行：日期“2027-13-01”无效" in message
    assert "第 4 行：日期 2026-10-02 不在 2027 年内" in message
    assert "第 5 行：日期 2027-10-01 与第 2 行重复" in message
    assert "第 6 行：类型“vacation”无效" in message
    assert "第 7 行：2027-10-04 是周一" in message
    assert "\n" not in message
    with db.session() as session:
        assert session.get(CalendarYear, 2027) is None
        assert session.scalar(select(func.count()).select_from(CalendarDay)) == 0


def test_import_accepts_chinese_types_and_rejects_empty_files() -> None:
    entries = parse_schedule_csv(
        "\ufeff# 2027 年\n日期,类型,名称\n2027-10-01,放假,国庆节\n\n2027-10-09,上班,国庆节\n"
    )
    assert entries == [
        ScheduleEntry(3, "2027-10-01", "放假", "国庆节"),
        ScheduleEntry(5, "2027-10-09", "上班", "国庆节"),
    ]
    with pytest.raises(ScheduleError, match="没有任何日期"):
        from console.calendar import validate_schedule

        validate_schedule(2027, parse_schedule_csv("date,type,name\n"))
    with pytest.raises(ValidationError, match="超出范围"):
        from console.calendar import validate_schedule

        validate_schedule(12027, [])


# --- CLI ------------------------------------------------------------------------------------------------------


def test_cli_seed_show_import_and_due(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "--user", "admin", "calendar", "seed"]) == 0
    assert "新增 2004–2026（23 年）" in capsys.readouterr().out

    assert main(["--db", sqlite_url, "calendar", "show", "2026"]) == 0
    out = capsys.readouterr().out
    assert "来源：chinesecalendar" in out
    assert "10月1日—10月7日 国庆节（7 天）" in out
    assert "2月15日—2月23日 春节（9 天）" in out
    assert "10月10日（周六）调休上班（国庆节）" in out
    assert "注意" not in out

    assert main(["--db", sqlite_url, "calendar", "show", "2027"]) == 0
    assert f"注意：{FALLBACK_2027}" in capsys.readouterr().out

    assert main(["--db", sqlite_url, "calendar", "due", "2027-09-30 10:00", "--limit", "working_days:2"]) == 0
    out = capsys.readouterr().out
    assert "截止时间：2027-10-05 17:30（周二）" in out
    assert FALLBACK_2027 in out

    csv_file = tmp_path / "2027.csv"
    csv_file.write_text(SCHEDULE_2027, encoding="utf-8")
    args = [
        "--db",
        sqlite_url,
        "--user",
        "admin",
        "calendar",
        "import",
        "2027",
        str(csv_file),
        "--source",
        "国办通知",
    ]
    assert main(args) == 0
    assert "已导入 2027 年放假安排：10 天（来源：国办通知）" in capsys.readouterr().out

    assert main(["--db", sqlite_url, "calendar", "due", "2027-09-30 10:00", "--limit", "working_days:2"]) == 0
    out = capsys.readouterr().out
    assert "截止时间：2027-10-09 17:30（周六）" in out
    assert "跳过：10月1日—10月7日 国庆节（7 天）" in out
    assert "计入：10月9日（周六）调休上班（国庆节），按工作日计" in out
    assert FALLBACK_2027 not in out

    assert main(["--db", sqlite_url, "--json", "calendar", "show", "2027"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fallback"] is False and data["source"] == "国办通知"
    assert data["makeup_workdays"] == [
        {"date": "2027-09-26", "name": "国庆节"},
        {"date": "2027-10-09", "name": "国庆节"},
    ]


def test_cli_due_json(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", sqlite_url, "calendar", "seed"]) == 0
    capsys.readouterr()
    argv = ["--db", sqlite_url, "--json", "calendar", "due", "2026-09-30 16:00", "--limit", "working_days:5"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2026-10-13 17:30:00"
    assert data["warn"] == "2026-10-12 17:30:00"
    assert data["skipped"][0] == {"name": "国庆节", "from": "2026-10-01", "to": "2026-10-07", "days": 7}
    assert data["makeup_workdays"] == ["2026-10-10"]
    assert data["notices"] == []


def test_cli_refusals_are_one_line_with_exit_2(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,type,name\n2027-10-01,holiday,国庆节\n2027-02-30,holiday,春节\n", encoding="utf-8")
    assert main(["--db", sqlite_url, "calendar", "import", "2027", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "第 3 行：日期“2027-02-30”无效" in err

    assert main(["--db", sqlite_url, "calendar", "import", "2027", str(tmp_path / "missing.csv")]) == 2
    assert "找不到文件" in capsys.readouterr().err

    assert main(["--db", sqlite_url, "calendar", "due", "2026-09-30", "--limit", "weeks:2"]) == 2
    assert "时限类型“weeks”无效" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "calendar", "due", "2026-09-30", "--limit", "working_days:0"]) == 2
    assert "时限“0”无效" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "calendar", "due", "30/09/2026", "--limit", "working_days:1"]) == 2
    assert "无效的时间" in capsys.readouterr().err
