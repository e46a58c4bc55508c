"""The 事项清单 where it is needed (issue 17 item 3), on SQLite and PostgreSQL: 派遣 shows the category's 工作流程,
办理反馈 and 核查 its 结案标准; the case view and `case show` explain the deadline as `calendar explain` does and warn
when it was counted on a calendar year that is not the official schedule; so does the queue."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console import clock
from console.calendar import WorkingCalendar, seed_from_package, year_notices
from console.cli.main import main
from console.db import Database
from console.deadlines import explain_case
from console.errors import ValidationError
from console.models import Category
from console.workflow.case_view import load_case_view
from console.workflow.commands import Dispatch, Feedback, Sign
from console.workflow.service import CaseService, ReportInput
from tests.factories import Ref, seed_reference
from tests.test_dialog_actions import ACTOR, Clock, accepted, in_progress, open_dialog
from tests.test_ui_support import seeded, seeded_pg_template, seeded_sqlite_template, seeded_url, ui_settings
from tests.test_ui_window import loaded_rows, make_window
from ui.case_view import CaseView
from ui.fonts import apply_chinese_font
from ui.main_window import MainWindow
from ui.queue_model import COL

#: fixtures shared with the other UI tests (imported, so pytest finds them here)
FIXTURES = (seeded, seeded_pg_template, seeded_sqlite_template, seeded_url, ui_settings, make_window)

WORKFLOW = "1. 网格员现场核实；\n2. 环保办 2 小时内到场处置；\n3. 拍照留存并反馈"
STANDARD = "垃圾清运完毕，现场无异味；附处置前后照片"


@pytest.fixture
def ref(db: Database) -> Ref:
    ref = seed_reference(db)
    with db.session() as s:
        seed_from_package(s, "admin")
        env = s.scalars(select(Category).where(Category.code == ref.cat_env)).one()
        env.workflow, env.closing_standard = WORKFLOW, STANDARD
    return ref


@pytest.fixture
def year_end(qapp: object) -> Iterator[Clock]:
    """29 December 2026: a 3-working-day limit runs into 2027, a year with no official schedule yet."""
    apply_chinese_font(qapp)  # type: ignore[arg-type]
    c = Clock(datetime(2026, 12, 29, 9, 0))
    clock.set_clock(c)
    yield c
    clock.set_clock(None)


def fallback_notice(db: Database, year: int) -> str:
    with db.session() as s:
        return WorkingCalendar.load(s).year_status(year).notice


def test_dispatch_shows_the_workflow(qtbot: QtBot, db: Database, ref: Ref, year_end: Clock) -> None:
    r = accepted(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "dispatch")
    view = dlg.item_list_view  # type: ignore[attr-defined]
    assert view is not None and view.isVisible()
    text = view.toPlainText()
    assert "环境卫生" in text and "2 小时内到场处置" in text and "拍照留存并反馈" in text
    assert "3 个工作日" in text  # the limit of the 事项清单 beside its workflow


def test_feedback_and_verify_show_the_closing_standard(
    qtbot: QtBot, db: Database, ref: Ref, year_end: Clock
) -> None:
    r = in_progress(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "feedback")
    assert STANDARD in dlg.item_list_view.toPlainText()  # type: ignore[attr-defined]
    dlg.reject()
    CaseService(db, ACTOR).act(r.id, Feedback(result="已清运"), r.version)
    dlg = open_dialog(qtbot, db, r.id, "verify")
    view = dlg.item_list_view  # type: ignore[attr-defined]
    assert view.isVisible() and STANDARD in view.toPlainText()


def test_an_empty_item_list_entry_is_said_so(qtbot: QtBot, db: Database, ref: Ref, year_end: Clock) -> None:
    with db.session() as s:
        env = s.scalars(select(Category).where(Category.code == ref.cat_env)).one()
        env.closing_standard = ""
    r = in_progress(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "feedback")
    assert "事项清单未填写结案标准" in dlg.item_list_view.toPlainText()  # type: ignore[attr-defined]


def dispatched_into_2027(db: Database, ref: Ref) -> tuple[int, str]:
    svc = CaseService(db, ACTOR)
    r = accepted(db, ref)
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    svc.act(r.id, Sign(), r.version)
    return r.id, r.number


def test_case_view_explains_the_deadline_and_warns_of_the_calendar(
    qtbot: QtBot, db: Database, ref: Ref, year_end: Clock
) -> None:
    case_id, _number = dispatched_into_2027(db, ref)
    notice = fallback_notice(db, 2027)
    assert notice.startswith("2027 年尚未录入国务院放假安排")
    with db.session() as s:
        data = load_case_view(s, case_id, ACTOR)
        expected = explain_case(s, case_id).text()
    assert data.deadline.explanation == expected and notice in data.deadline.calendar_notices
    view = CaseView()
    qtbot.addWidget(view)
    view.resize(420, 700)
    view.show()
    view.show_data(data)
    assert view.calendar_warning.isVisible() and notice in view.calendar_warning.text()
    assert view.deadline_text.isVisible() and view.deadline_text.text() == expected
    assert "元旦" in expected  # 2027-01-01 is skipped: a fixed-date holiday of the fallback


def test_case_without_a_clock_shows_no_explanation(
    qtbot: QtBot, db: Database, ref: Ref, year_end: Clock
) -> None:
    svc = CaseService(db, ACTOR)
    r = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="只上报未受理"))
    with db.session() as s:
        data = load_case_view(s, r.id, ACTOR)
        try:
            explain_case(s, r.id)
            has_clock = True
        except ValidationError:
            has_clock = False
    view = CaseView()
    qtbot.addWidget(view)
    view.show()
    view.show_data(data)
    assert bool(data.deadline.explanation) == has_clock == view.deadline_text.isVisible()


def test_case_show_warns_and_explains(
    db: Database, db_url: str, ref: Ref, year_end: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    _case_id, number = dispatched_into_2027(db, ref)
    code = main(["--db", db_url, "--user", ACTOR, "case", "show", number])
    out = capsys.readouterr().out
    assert code == 0
    assert f"注意：{fallback_notice(db, 2027)}" in out
    assert "时限计算：" in out and "元旦" in out


def test_year_notices_for_the_queue(db: Database, ref: Ref) -> None:
    with db.session() as s:
        notices = year_notices(s, (2026, 2027))
    assert notices == {2027: fallback_notice(db, 2027)}  # 2026 is the official schedule (the package)


def test_the_queue_warns_of_an_unofficial_calendar(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    """A banner over the queue, and a ⚠ with the warning on every deadline counted in such a year."""
    clock.set_clock(lambda: datetime(2029, 12, 29, 9, 0))  # 2029 and 2030: no official schedule
    try:
        w = make_window(seeded)
        qtbot.waitUntil(w.calendar_warning.isVisible, timeout=5000)
        notice = fallback_notice(seeded, 2030)
        assert notice in w.calendar_warning.text()
        row = next(r for r in loaded_rows(w) if r.stage_due_at is not None)
        i = w.model.row_of(row.id)
        assert i is not None
        cell = w.model.index(i, COL["deadline"])
        assert not str(cell.data()).endswith("⚠")  # its deadline lies in an official year
        w.model.set_calendar_notices({row.stage_due_at.year: notice})
        assert str(cell.data()).endswith("⚠") and notice in cell.data(Qt.ItemDataRole.ToolTipRole)
    finally:
        clock.set_clock(None)
