"""Deadlines on the real 2026 calendar (seeded from chinesecalendar into a real database), pauses, the traffic
light, the explanation, and a case's explanation from its history rows on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
import time as time_module
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from console.calendar import WorkingCalendar, import_year, seed_from_package
from console.db import Database, make_engine
from console.deadlines import (
    DeadlineClock,
    DueChange,
    OfficeHours,
    Pause,
    TimeLimit,
    compute_due,
    explain,
    explain_case,
    extend_for_pause,
    stage_deadline,
    traffic_light,
    warn_at,
    working_seconds,
)
from console.domain import CaseStatus, LimitType, Severity, Source, Stage, TrafficLight
from console.errors import NotFound, ValidationError
from console.models import Case, CaseHistory, Category, Grid, Setting, StageLimit
from console.settings import set_setting

HOURS = OfficeHours.parse("08:30-12:00,14:00-17:30")
WD, WH, UH, ND = (
    LimitType.WORKING_DAYS,
    LimitType.WORKING_HOURS,
    LimitType.URGENT_HOURS,
    LimitType.NATURAL_DAYS,
)


def dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture(scope="module")
def cal(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkingCalendar]:
    """The calendar as seeded from chinesecalendar into a real SQLite database (once for this module)."""
    path = tmp_path_factory.mktemp("deadlines") / "calendar.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(make_engine(f"sqlite:///{path}"))
    with db.session() as session:
        seed_from_package(session, "test")
    with db.session() as session:
        calendar = WorkingCalendar.load(session)
    db.dispose()
    yield calendar


def due(cal: WorkingCalendar, start: str, kind: LimitType, value: int) -> datetime:
    return compute_due(dt(start), TimeLimit(kind, value), cal, HOURS)


# --- working days across National Day / Mid-Autumn 2026 and Spring Festival 2026 -----------------------------


def test_working_days_across_national_day_2026(cal: WorkingCalendar) -> None:
    # Sep 30 (Wed) start day does not count; Oct 1-7 off; Oct 8, 9, 10 (make-up Sat), 12, 13
    assert due(cal, "2026-09-30 16:00", WD, 5) == dt("2026-10-13 17:30")
    assert due(cal, "2026-09-30 16:00", WD, 3) == dt("2026-10-10 17:30")  # the make-up Saturday counts
    # Mid-Autumn Sep 25 (Fri) off, Sep 26-27 weekend; the make-up Sunday Sep 20 counts
    assert due(cal, "2026-09-18 10:00", WD, 1) == dt("2026-09-20 17:30")
    assert due(cal, "2026-09-24 10:00", WD, 1) == dt("2026-09-28 17:30")
    # a start on Saturday Sep 19 counts from the next opening, Sunday Sep 20 (a working day)
    assert due(cal, "2026-09-19 10:00", WD, 1) == dt("2026-09-21 17:30")


def test_working_days_across_spring_festival_2026(cal: WorkingCalendar) -> None:
    # Feb 14 (Sat) is worked, Feb 15-23 off, Feb 28 (Sat) worked
    assert due(cal, "2026-02-13 10:00", WD, 1) == dt("2026-02-14 17:30")
    assert due(cal, "2026-02-13 10:00", WD, 2) == dt("2026-02-24 17:30")
    assert due(cal, "2026-02-27 09:00", WD, 2) == dt("2026-03-02 17:30")
    # dispatched during the holiday: counts from Feb 24's opening, so Feb 24 is the start day
    assert due(cal, "2026-02-18 10:00", WD, 1) == dt("2026-02-25 17:30")


def test_working_days_start_outside_office_hours(cal: WorkingCalendar) -> None:
    assert due(cal, "2026-03-02 07:50", WD, 1) == dt("2026-03-03 17:30")  # before opening: same start day
    assert due(cal, "2026-03-02 12:30", WD, 1) == dt("2026-03-03 17:30")  # lunch break: same start day
    assert due(cal, "2026-03-02 17:29", WD, 1) == dt("2026-03-03 17:30")
    assert due(cal, "2026-03-02 17:30", WD, 1) == dt("2026-03-04 17:30")  # at closing: next opening Tue
    assert due(cal, "2026-03-02 18:00", WD, 1) == dt("2026-03-04 17:30")
    assert due(cal, "2026-03-06 18:00", WD, 1) == dt("2026-03-10 17:30")  # Fri evening → Mon is the start day


# --- working hours, urgent hours, natural days ---------------------------------------------------------------


def test_working_hours_across_lunch_break_and_evening(cal: WorkingCalendar) -> None:
    assert due(cal, "2026-03-02 11:00", WH, 2) == dt("2026-03-02 15:00")  # 11-12, 14-15
    assert due(cal, "2026-03-02 09:00", WH, 3) == dt("2026-03-02 12:00")  # used up at noon: due at noon
    assert due(cal, "2026-03-02 12:30", WH, 1) == dt("2026-03-02 15:00")  # from lunch break: from 14:00
    assert due(cal, "2026-03-02 17:00", WH, 1) == dt("2026-03-03 09:00")  # 17:00-17:30, then 08:30-09:00
    assert due(cal, "2026-03-06 20:00", WH, 1) == dt("2026-03-09 09:30")  # Friday evening → Monday
    assert due(cal, "2026-03-02 08:30", WH, 7) == dt("2026-03-02 17:30")  # one full office day
    assert due(cal, "2026-03-02 08:30", WH, 8) == dt("2026-03-03 09:30")


def test_working_hours_across_holidays(cal: WorkingCalendar) -> None:
    assert due(cal, "2026-02-13 16:00", WH, 4) == dt("2026-02-14 11:00")  # make-up Saturday is worked
    assert due(cal, "2026-02-14 16:00", WH, 4) == dt("2026-02-24 11:00")  # Spring Festival skipped
    assert due(cal, "2026-09-30 17:00", WH, 1) == dt("2026-10-08 09:00")


def test_urgent_hours_and_natural_days_run_round_the_clock(cal: WorkingCalendar) -> None:
    assert due(cal, "2026-09-30 20:00", UH, 24) == dt("2026-10-01 20:00")
    assert due(cal, "2026-02-14 23:30", UH, 2) == dt("2026-02-15 01:30")
    assert due(cal, "2026-09-30 16:00", ND, 3) == dt("2026-10-03 16:00")
    assert due(cal, "2026-02-13 10:15", ND, 10) == dt("2026-02-23 10:15")


def test_office_hours_from_settings_change_the_count(db: Database) -> None:
    with db.session() as session:
        seed_from_package(session, "test")
        set_setting(session, "office_hours", "09:00-12:00,13:30-17:00")
        set_setting(session, "yellow_threshold", "0.5")
    with db.session() as session:
        due_at, warn = stage_deadline(session, dt("2026-03-02 11:00"), TimeLimit(WH, 2))
        assert (due_at, warn) == (dt("2026-03-02 14:30"), dt("2026-03-02 12:00"))
        due_at, warn = stage_deadline(session, dt("2026-09-30 16:00"), TimeLimit(WD, 5))
        assert due_at == dt("2026-10-13 17:00")
        assert warn == dt("2026-10-10 13:45")  # 16.25 of 32.5 office hours from Oct 8 09:00
        with pytest.raises(ValidationError, match="0.1–0.99"):
            set_setting(session, "yellow_threshold", "1.5")
        session.merge(Setting(key="yellow_threshold", value="1.5"))  # stored before the rule existed
    with db.session() as session, pytest.raises(ValidationError, match="黄灯阈值"):
        DeadlineClock.load(session)


def test_one_transaction_reads_the_clock_once_and_again_after_a_change(db: Database) -> None:
    """An import files many cases in one transaction: the calendar and settings are read once for it
    (`console.session_cache`), yet a change made in the same transaction, or committed by another seat before
    the next one, is what the next deadline counts with."""
    start, limit = dt("2026-03-02 11:00"), TimeLimit(WH, 2)
    with db.session() as session:
        seed_from_package(session, "test")
    with db.session() as session:
        assert DeadlineClock.load(session) is DeadlineClock.load(session)  # read once
        default = stage_deadline(session, start, limit)[0]
        set_setting(session, "office_hours", "09:00-12:00,13:30-17:00")  # in the same transaction
        assert stage_deadline(session, start, limit)[0] == dt("2026-03-02 14:30") != default
    other = Database(make_engine(db.engine.url.render_as_string(hide_password=False)))
    with other.session() as session:  # another seat changes the office hours and commits
        set_setting(session, "office_hours", "08:00-12:00,14:00-18:00")
    other.dispose()
    with db.session() as session:  # this seat's next transaction counts with them
        assert stage_deadline(session, start, limit)[0] == dt("2026-03-02 15:00")


def test_limit_and_office_hours_parsing() -> None:
    assert TimeLimit.parse("working_days:5") == TimeLimit(WD, 5)
    assert TimeLimit.parse("工作日：3") == TimeLimit(WD, 3)
    assert TimeLimit("urgent_hours", 4).type is UH  # type: ignore[arg-type]
    for bad in ("working_days", "working_days:x", "days:3", "natural_days:0", "natural_days:-2"):
        with pytest.raises(ValidationError):
            TimeLimit.parse(bad)
    assert HOURS.seconds_per_day == 7 * 3600
    assert (HOURS.opening, HOURS.closing) == (time(8, 30), time(17, 30))
    assert str(OfficeHours.parse("08:30-12:00，14:00-17:30")) == "08:30-12:00,14:00-17:30"
    for bad in ("", "8-12", "12:00-08:30", "08:30-12:00,11:00-17:30", "08:30-25:00"):
        with pytest.raises(ValidationError, match="办公时间"):
            OfficeHours.parse(bad)


# --- yellow light, pauses, traffic light ---------------------------------------------------------------------


def test_warn_at_is_measured_in_the_limits_unit(cal: WorkingCalendar) -> None:
    def warn(start: str, kind: LimitType, value: int, threshold: float = 0.8) -> datetime:
        limit = TimeLimit(kind, value)
        return warn_at(
            dt(start),
            compute_due(dt(start), limit, cal, HOURS),
            limit,
            threshold,
            calendar=cal,
            office_hours=HOURS,
        )

    assert warn("2026-09-30 16:00", WD, 5) == dt("2026-10-12 17:30")  # after 4 of 5 working days
    assert warn("2026-03-02 09:00", WH, 10) == dt("2026-03-03 10:00")  # 8 office hours: 6.5 on Mon + 1.5
    assert warn("2026-09-30 20:00", UH, 10) == dt("2026-10-01 04:00")
    assert warn("2026-09-30 16:00", ND, 5) == dt("2026-10-04 16:00")
    assert warn("2026-09-30 16:00", WD, 5, threshold=1.0) == dt("2026-10-13 17:30")


def test_pause_moves_due_by_paused_office_time(cal: WorkingCalendar) -> None:
    due_at = dt("2026-03-02 15:00")
    assert extend_for_pause(due_at, dt("2026-03-03 09:00"), dt("2026-03-03 10:30"), WH, cal, HOURS) == dt(
        "2026-03-02 16:30"
    )
    # paused from Sep 30 17:00 to Oct 8 09:00: only 30 + 30 minutes of office time passed
    assert working_seconds(dt("2026-09-30 17:00"), dt("2026-10-08 09:00"), cal, HOURS) == 3600
    assert extend_for_pause(
        dt("2026-10-13 17:30"), dt("2026-09-30 17:00"), dt("2026-10-08 09:00"), WD, cal, HOURS
    ) == dt("2026-10-14 09:30")
    # two whole working days paused: the due moves two working days, over the weekend
    assert extend_for_pause(
        dt("2026-03-06 17:30"), dt("2026-03-03 08:30"), dt("2026-03-04 17:30"), WD, cal, HOURS
    ) == dt("2026-03-10 17:30")
    # round-the-clock limits move by clock time
    assert extend_for_pause(
        dt("2026-10-01 20:00"), dt("2026-10-01 08:00"), dt("2026-10-01 11:30"), UH, cal, HOURS
    ) == dt("2026-10-01 23:30")
    assert extend_for_pause(
        dt("2026-10-03 16:00"), dt("2026-10-02 00:00"), dt("2026-10-03 00:00"), ND, cal, HOURS
    ) == dt("2026-10-04 16:00")
    assert extend_for_pause(due_at, dt("2026-03-03 10:00"), dt("2026-03-03 10:00"), WH, cal, HOURS) == due_at
    assert (
        extend_for_pause(due_at, dt("2026-03-07 10:00"), dt("2026-03-08 10:00"), WH, cal, HOURS) == due_at
    )  # weekend


def test_traffic_light() -> None:
    due_at, warn = dt("2026-10-13 17:30"), dt("2026-10-12 17:30")
    assert traffic_light(dt("2026-10-12 17:29"), due_at, warn, False) is TrafficLight.GREEN
    assert traffic_light(dt("2026-10-12 17:30"), due_at, warn, False) is TrafficLight.YELLOW
    assert (
        traffic_light(dt("2026-10-13 17:30"), due_at, warn, False) is TrafficLight.YELLOW
    )  # due, not yet late
    assert traffic_light(dt("2026-10-13 17:31"), due_at, warn, False) is TrafficLight.RED
    assert traffic_light(dt("2026-10-20 09:00"), due_at, warn, True) is TrafficLight.PAUSED
    assert traffic_light(dt("2026-10-20 09:00"), None, None, False) is TrafficLight.NONE


# --- explanation ---------------------------------------------------------------------------------------------


def test_explanation_names_skipped_and_makeup_days(cal: WorkingCalendar) -> None:
    result = explain(dt("2026-09-30 16:00"), TimeLimit(WD, 5), cal, HOURS)
    assert result.due == result.computed_due == dt("2026-10-13 17:30")
    assert result.counting_from == dt("2026-10-08 08:30")
    assert [(r.first, r.last, r.name) for r in result.skipped] == [
        (date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
        (date(2026, 10, 11), date(2026, 10, 11), "周末"),
    ]
    assert [m.day for m in result.makeup_days] == [date(2026, 10, 10)]
    text = result.text()
    assert text.splitlines()[:3] == ["【办结时限】", "起算：2026-09-30 16:00（周三）", "时限：5 个工作日"]
    assert "跳过：10月1日—10月7日 国庆节（7 天）" in text
    assert "计入：10月10日（周六）调休上班（国庆节），按工作日计" in text
    assert text.splitlines()[-1] == "截止时间：2026-10-13 17:30（周二）"
    assert result.notices == ()


def test_explanation_replays_pauses_and_extensions(cal: WorkingCalendar) -> None:
    pauses = [
        Pause(dt("2026-10-09 10:00"), dt("2026-10-09 15:00"), "延期审批中", "等待供电所停电检修"),
        Pause(dt("2026-10-12 09:00"), dt("2026-10-12 11:00"), "延期审批中", "需协调县住建局"),
    ]
    changes = [
        DueChange(
            dt("2026-10-12 11:00"),
            dt("2026-10-14 11:30"),
            dt("2026-10-20 17:30"),
            "extension",
            "需协调县住建局",
            "张主任",
        )
    ]
    result = explain(dt("2026-09-30 16:00"), TimeLimit(WD, 5), cal, HOURS, pauses=pauses, changes=changes)
    assert result.replayed_due == dt("2026-10-20 17:30")
    steps = [s for s in result.steps if s.kind in ("pause", "extension")]
    assert [s.kind for s in steps] == ["pause", "pause", "extension"]
    assert (
        "暂停期间计时 3 小时，截止时间由 2026-10-13 17:30（周二） 顺延至 2026-10-14 11:30（周三）"
        in steps[0].text
    )
    assert "等待供电所停电检修" in steps[0].text
    assert steps[1].text.endswith("截止时间按批复确定")
    assert (
        "批准延期：2026-10-12 11:00（周一），张主任，截止时间由 2026-10-14 11:30（周三） 改为 2026-10-20 17:30（周二）"
        in steps[2].text
    )
    assert result.text().splitlines()[-1] == "截止时间：2026-10-20 17:30（周二）"


def test_explanation_in_fallback_year_says_so(cal: WorkingCalendar) -> None:
    result = explain(dt("2027-09-30 10:00"), TimeLimit(WD, 2), cal, HOURS)
    assert result.due == dt("2027-10-05 17:30")  # Oct 1-3 fixed-date holidays (Fri-Sun), Oct 4, Oct 5
    assert result.notices == ("2027 年尚未录入国务院放假安排，按周末和法定节假日（不含调休）计算",)
    assert result.text().splitlines()[-1] == "注意：2027 年尚未录入国务院放假安排，按周末和法定节假日（不含调休）计算"
    # a 2026 deadline that runs into 2027 warns too
    assert explain(dt("2026-12-30 10:00"), TimeLimit(WD, 3), cal, HOURS).notices != ()


def test_imported_2027_schedule_is_honoured(db: Database) -> None:
    with db.session() as session:
        seed_from_package(session, "admin")
    with db.session() as session:
        before, _ = stage_deadline(session, dt("2027-09-30 10:00"), TimeLimit(WD, 2))
    rows = [("2027-01-01", "holiday", "元旦"), ("2027-09-26", "workday", "国庆节")]
    rows += [(f"2027-10-0{d}", "holiday", "国庆节") for d in range(1, 8)] + [
        ("2027-10-09", "workday", "国庆节")
    ]
    with db.session() as session:
        import_year(session, 2027, rows, "国办发明电", "admin")
    with db.session() as session:
        after, warn = stage_deadline(session, dt("2027-09-30 10:00"), TimeLimit(WD, 2))
        clock_ = DeadlineClock.load(session)
    assert before == dt("2027-10-05 17:30")
    assert after == dt("2027-10-09 17:30")  # Oct 8 (Fri), Oct 9 (make-up Sat)
    assert warn == dt("2027-10-09 14:42")  # 11.2 of 14 office hours: 7 on Oct 8, 3.5 + 0.7 on Oct 9
    assert explain(dt("2027-09-30 10:00"), TimeLimit(WD, 2), clock_.calendar, HOURS).notices == ()


# --- a case's explanation from its history ------------------------------------------------------------------


def _case(session: Session, **fields: object) -> Case:
    town = Grid(code="410102001000000", name="三官庙街道", level=1)
    session.add(town)
    category = Category(code="HJWS", name="环境卫生")
    session.add(category)
    session.flush()
    values: dict[str, object] = dict(
        number="2026-000001",
        township_id=town.id,
        year=2026,
        seq=1,
        grid_id=town.id,
        grid_code=town.code,
        category_id=category.id,
        severity=Severity.GENERAL,
        source=Source.PATROL,
        status=CaseStatus.IN_PROGRESS,
        summary="垃圾堆放",
        reported_by="wang",
        reported_at=dt("2026-09-30 09:00"),
        updated_at=dt("2026-09-30 09:00"),
        updated_by="wang",
    )
    values.update(fields)
    case = Case(**values)
    session.add(case)
    session.flush()
    return case


def _history(
    session: Session,
    case: Case,
    at: str,
    action: str,
    frm: CaseStatus | None,
    to: CaseStatus,
    note: str = "",
    **changes: object,
) -> None:
    session.add(
        CaseHistory(
            case_id=case.id,
            at=dt(at),
            actor="zhang",
            action=action,
            from_status=frm,
            to_status=to,
            changes=json.dumps(changes, ensure_ascii=False),
            note=note,
        )
    )
    session.flush()


def test_explain_case_from_history(db: Database) -> None:
    S = CaseStatus
    with db.session() as session:
        seed_from_package(session, "admin")
        case = _case(
            session,
            dispatched_at=dt("2026-09-30 16:00"),
            limit_type=WD,
            limit_value=5,
            due_at=dt("2026-10-20 17:30"),
        )
        _history(session, case, "2026-09-30 09:00", "report", None, S.REPORTED)
        _history(session, case, "2026-09-30 10:00", "accept", S.REPORTED, S.ACCEPTED)
        _history(
            session,
            case,
            "2026-09-30 16:00",
            "dispatch",
            S.ACCEPTED,
            S.DISPATCHED,
            due_at=[None, "2026-10-13 17:30:00"],
        )
        _history(session, case, "2026-10-08 09:00", "sign", S.DISPATCHED, S.IN_PROGRESS)
        _history(
            session, case, "2026-10-09 10:00", "request_extension", S.IN_PROGRESS, S.EXTENSION_REQUESTED,
            "等待供电所停电检修", requested_due_at=[None, "2026-10-20 17:30:00"],
        )  # fmt: skip
        # denied; the workflow recorded the pause's shift (3 office hours)
        _history(
            session, case, "2026-10-09 15:00", "decide_extension", S.EXTENSION_REQUESTED, S.IN_PROGRESS,
            "不予延期", due_at=["2026-10-13 17:30:00", "2026-10-14 11:30:00"],
        )  # fmt: skip
        _history(
            session,
            case,
            "2026-10-12 09:00",
            "request_extension",
            S.IN_PROGRESS,
            S.EXTENSION_REQUESTED,
            "需协调县住建局",
        )
        _history(
            session, case, "2026-10-12 11:00", "decide_extension", S.EXTENSION_REQUESTED, S.IN_PROGRESS,
            "同意", due_at=["2026-10-14 11:30:00", "2026-10-20 17:30:00"],
        )  # fmt: skip
        case_id = case.id
    with db.session() as session:
        result = explain_case(session, case_id)
        assert explain_case(session, "2026-000001").text() == result.text()
    assert result.title == "案件 2026-000001 办结时限"
    assert result.start == dt("2026-09-30 16:00")
    assert result.computed_due == dt("2026-10-13 17:30")
    assert result.replayed_due == result.recorded_due == result.due == dt("2026-10-20 17:30")
    assert [(p.start, p.end, p.reason) for p in result.pauses] == [
        (dt("2026-10-09 10:00"), dt("2026-10-09 15:00"), "等待供电所停电检修"),
        (dt("2026-10-12 09:00"), dt("2026-10-12 11:00"), "需协调县住建局"),
    ]
    assert [c.kind for c in result.changes] == ["extension", "extension"]
    text = result.text()
    assert "跳过：10月1日—10月7日 国庆节（7 天）" in text
    assert "顺延至 2026-10-14 11:30（周三）" in text
    assert (
        "批准延期：2026-10-12 11:00（周一），zhang，截止时间由 2026-10-14 11:30（周三） 改为 2026-10-20 17:30（周二）（需协调县住建局；同意）"
        in text
    )
    assert text.count("批准延期") == 1  # the denied request's recorded shift is shown as the pause, once
    assert "系统记录" not in text
    assert text.splitlines()[-1] == "截止时间：2026-10-20 17:30（周二）"


def test_explain_case_paused_now_override_and_mismatch(db: Database) -> None:
    S = CaseStatus
    with db.session() as session:
        seed_from_package(session, "admin")
        case = _case(
            session,
            status=S.LONG_TERM,
            dispatched_at=dt("2026-03-02 10:00"),
            limit_type=WH,
            limit_value=8,
            due_at=dt("2026-03-06 17:30"),
            paused_at=dt("2026-03-03 09:00"),
        )
        _history(
            session, case, "2026-03-02 10:00", "dispatch", S.ACCEPTED, S.DISPATCHED, "领导批示限本周办结",
            due_at=[None, "2026-03-06 17:30:00"],
        )  # fmt: skip
        _history(
            session, case, "2026-03-03 09:00", "long_term", S.DISPATCHED, S.LONG_TERM, "需纳入年度改造计划"
        )
        case_id = case.id
    with db.session() as session:
        result = explain_case(session, case_id)
    assert result.computed_due == dt("2026-03-03 11:00")
    assert result.paused_now
    assert result.changes[0].kind == "override" and result.changes[0].new == dt("2026-03-06 17:30")
    text = result.text()
    assert (
        "人工指定截止时间：2026-03-02 10:00（周一），zhang，截止时间由 2026-03-03 11:00（周二） 改为 2026-03-06 17:30（周五）（领导批示限本周办结）"
        in text
    )
    assert (
        "暂停计时中：自 2026-03-03 09:00（周二） 起挂账（需纳入年度改造计划），恢复后按暂停时长顺延" in text
    )

    with db.session() as session:
        row = session.get(Case, case_id)
        assert row is not None
        row.due_at = dt("2026-03-09 17:30")  # a due the history does not account for
    with db.session() as session:
        text = explain_case(session, case_id).text()
    assert "系统记录的截止时间为 2026-03-09 17:30（周一）（与上述推算不同，以记录为准）" in text


def test_explain_case_stage_clock_and_refusals(db: Database) -> None:
    with db.session() as session:
        seed_from_package(session, "admin")
        session.add(StageLimit(category_id=None, stage=Stage.DISPATCH, limit_type=WH, limit_value=4))
        case = _case(
            session,
            status=CaseStatus.ACCEPTED,
            stage=Stage.DISPATCH,
            stage_started_at=dt("2026-02-13 16:00"),
            stage_due_at=dt("2026-02-14 11:00"),
        )
        plain = _case_like(session, case)
        case_id, plain_id = case.id, plain.id
    with db.session() as session:
        result = explain_case(session, case_id)
        assert result.title == "案件 2026-000001 派遣阶段时限"
        assert result.limit == TimeLimit(WH, 4)
        assert result.replayed_due == dt("2026-02-14 11:00")
        assert "计入：2月14日（周六）调休上班（春节），按工作日计" in result.text()
        with pytest.raises(ValidationError, match="尚未派遣"):
            explain_case(session, plain_id)
        with pytest.raises(NotFound):
            explain_case(session, 999_999)


def test_explain_case_uses_the_limit_the_workflow_applied(db: Database) -> None:
    """No limit row for 受理 in this township: the workflow falls back to the built-in default, and the
    explanation replays that same limit (it used to find none)."""
    from console.deadlines import stage_deadline
    from console.deadlines.stage_limits import BUILTIN_LIMITS

    with db.session() as session:
        seed_from_package(session, "admin")
        start = dt("2026-02-13 16:00")
        due, _warn = stage_deadline(session, start, BUILTIN_LIMITS[Stage.INTAKE])
        case = _case(session, status=CaseStatus.REPORTED, stage=Stage.INTAKE, stage_started_at=start,
                     stage_due_at=due)  # fmt: skip
        case_id = case.id
    with db.session() as session:
        result = explain_case(session, case_id)
    assert result.limit == BUILTIN_LIMITS[Stage.INTAKE] == TimeLimit(WH, 2)
    assert result.replayed_due == due


def _case_like(session: Session, other: Case) -> Case:
    case = Case(
        number="2026-000002", township_id=other.township_id, year=2026, seq=2, grid_id=other.grid_id,
        grid_code=other.grid_code, category_id=other.category_id, severity=Severity.GENERAL, source=Source.HOTLINE,
        status=CaseStatus.REPORTED, summary="噪音", reported_by="li", reported_at=dt("2026-02-13 15:00"),
        updated_at=dt("2026-02-13 15:00"), updated_by="li",
    )  # fmt: skip
    session.add(case)
    session.flush()
    return case


def test_clock_helper_is_fast_enough_for_the_workflow(cal: WorkingCalendar) -> None:
    dclock = DeadlineClock(cal, HOURS, 0.8)
    start = dt("2026-01-05 09:00")
    limits = [TimeLimit(WD, 5), TimeLimit(WH, 16), TimeLimit(UH, 24), TimeLimit(ND, 7)]
    begun = time_module.perf_counter()
    for i in range(2000):
        dclock.stage_deadline(start + timedelta(hours=i), limits[i % 4])
    assert time_module.perf_counter() - begun < 5.0


def test_cli_explain_case(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from console.cli.main import main

    db = Database(make_engine(sqlite_url))
    with db.session() as session:
        seed_from_package(session, "admin")
        case = _case(session, dispatched_at=dt("2026-09-30 16:00"), limit_type=WD, limit_value=5)
        case.due_at = dt("2026-10-13 17:30")
    db.dispose()
    assert main(["--db", sqlite_url, "calendar", "explain", "2026-000001"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "【案件 2026-000001 办结时限】"
    assert "跳过：10月1日—10月7日 国庆节（7 天）" in out
    assert out.splitlines()[-1] == "截止时间：2026-10-13 17:30（周二）"
    assert main(["--db", sqlite_url, "--json", "calendar", "explain", "2026-000001"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2026-10-13 17:30:00" and data["limit"] == {"type": "working_days", "value": 5}
    assert main(["--db", sqlite_url, "calendar", "explain", "2026-999999"]) == 2
    assert "案件 2026-999999 不存在" in capsys.readouterr().err
