"""The set-up screens in the real widgets (pytest-qt, offscreen, a real migrated SQLite file): the first-start
wizard takes an empty database to a township with a grid, a department, a category, a person with a grid post
and a working calendar, typed through its forms, and the main window then opens on that township; the 事项清单
editor dates a change of a category's limit (open cases keep theirs) and shows it in the list and the history;
a refused import lists every bad row with its reason."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from console import clock
from console.db import Database, make_engine
from console.deadlines import TimeLimit
from console.domain import GridRole, LimitType, Severity
from console.grids import create_grid
from console.phrases import DEFAULT_PHRASES, get_phrases
from console.setup.departments import DepartmentRow, add_department, list_departments
from console.setup.item_list import CategoryRow, CategorySpec, add_category, list_categories
from console.setup.staff import add_person, assign_post, list_staff
from console.setup.township import create_township
from tests.test_dialog_actions import type_text
from tests.test_ui_support import ui_settings  # noqa: F401 - fixture
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.setup_dialogs import CategoryDialog, DepartmentDialog, GridDialog, PersonDialog, PostDialog
from ui.setup_item_list import CategoriesPage
from ui.setup_pages import DepartmentsPage, ListPage, StaffPage
from ui.setup_phrases import PhrasesPage
from ui.setup_window import SetupWindow
from ui.setup_wizard import (
    CALENDAR,
    DEMO,
    DEPARTMENTS,
    GRIDS,
    ITEM_LIST,
    STAFF,
    TOWNSHIP,
    SetupWizard,
    needs_setup,
    run_first_start,
)

ME = "admin"
TOWNSHIP_CODE = "410102006000000"
VILLAGE_CODE = "410102006001000"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """The set-up flows run on SQLite and on PostgreSQL."""
    database = Database(make_engine(db_url))
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    """For what the backend does not change (phrases, the start hook, the demo build, language)."""
    database = Database(make_engine(sqlite_url))
    yield database
    database.dispose()


def fill_and_accept(qtbot: QtBot, page: ListPage, button: str, fill: Any) -> Any:
    """Press the page's button, fill the form it opens, press Enter, wait until the table shows the change."""
    page.buttons[button].click()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    fill(dialog)
    seen: list[str] = []  # saved, then the table read again
    on_changed, on_loaded = (lambda: seen.append("saved")), (lambda: seen.append("read") if seen else None)
    page.changed.connect(on_changed)
    page.loaded.connect(on_loaded)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: seen[-1:] == ["read"], timeout=15000)
    page.changed.disconnect(on_changed)
    page.loaded.disconnect(on_loaded)
    assert page.dialog is None or not page.dialog.isVisible()
    return dialog


def next_page(qtbot: QtBot, wizard: SetupWizard, expected: int) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == expected, timeout=5000)


def test_the_wizard_sets_up_a_township_from_an_empty_database(db: Database, qtbot: QtBot, qtmodeltester: Any,
                                                              ui_settings: Path) -> None:  # noqa: F811
    assert needs_setup(db)
    wizard = SetupWizard(db, ME)
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard, TOWNSHIP)

    # the township: a code of village level is refused with the core's sentence, the wizard stays
    township = wizard.township_page
    type_text(township.name, "柳林镇")
    type_text(township.code, VILLAGE_CODE)
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: "不是乡镇级编码" in township.problem.text(), timeout=5000)
    assert wizard.currentId() == TOWNSHIP
    township.code.clear()
    type_text(township.code, TOWNSHIP_CODE)
    next_page(qtbot, wizard, GRIDS)
    assert wizard.township == ("柳林镇", TOWNSHIP_CODE)

    grids = wizard.page_widget(GRIDS)
    qtbot.waitUntil(lambda: grids.model.rowCount() == 1, timeout=5000)

    def village(d: GridDialog) -> None:
        assert d.code.text() == TOWNSHIP_CODE[:9]  # the township's part is filled in
        type_text(d.code, "001000")
        type_text(d.name, "柳林村")

    fill_and_accept(qtbot, grids, "add", village)
    assert [r.code for r in grids.model.rows] == [TOWNSHIP_CODE, VILLAGE_CODE]
    qtmodeltester.check(grids.model)
    next_page(qtbot, wizard, DEPARTMENTS)

    departments = wizard.page_widget(DEPARTMENTS)

    def department(d: DepartmentDialog) -> None:
        for field, text in ((d.code, "hbb"), (d.name, "环保办"), (d.short_name, "环保"), (d.phone, "0371-66001234"),
                            (d.head, "王建国")):  # fmt: skip
            type_text(field, text)

    fill_and_accept(qtbot, departments, "add", department)
    assert [(r.name, r.head) for r in departments.model.rows] == [("环保办", "王建国")]
    assert departments.model.rows[0].phone_masked != "0371-66001234"  # shown masked
    qtmodeltester.check(departments.model)
    next_page(qtbot, wizard, ITEM_LIST)

    item_list = wizard.page_widget(ITEM_LIST)
    qtbot.waitUntil(lambda: len(getattr(item_list, "departments", [])) == 1, timeout=5000)

    def category(d: CategoryDialog) -> None:
        type_text(d.code, "hjws")
        type_text(d.name, "环境卫生")
        d.lead.setCurrentIndex(d.lead.findData("hbb"))
        d.limits[Severity.GENERAL].value.setValue(3)
        type_text(d.workflow, "发现—上报—派遣—清运—核查")
        type_text(d.closing, "垃圾清运完毕，现场整洁")
        d.name.setFocus()

    fill_and_accept(qtbot, item_list, "add", category)
    row = item_list.model.rows[0]
    assert (row.name, row.lead_department, row.limits[Severity.GENERAL]) == ("环境卫生", "hbb",
                                                                             TimeLimit(LimitType.WORKING_DAYS, 3))  # fmt: skip
    qtmodeltester.check(item_list.model)
    next_page(qtbot, wizard, STAFF)

    staff = wizard.page_widget(STAFF)
    assert isinstance(staff, StaffPage)
    qtbot.waitUntil(lambda: len(getattr(staff, "grids", [])) == 2, timeout=5000)

    def person(d: PersonDialog) -> None:
        type_text(d.name, "李网格")
        type_text(d.phone, "13800001111")
        d.name.setFocus()

    fill_and_accept(qtbot, staff, "add", person)
    assert [r.name for r in staff.model.rows] == ["李网格"]
    staff.table.selectRow(0)

    def post(d: PostDialog) -> None:
        d.grid.setCurrentIndex(d.grid.findData(VILLAGE_CODE))
        d.role.setCurrentIndex(list(GridRole).index(GridRole.WORKER))

    fill_and_accept(qtbot, staff, "assign", post)
    qtbot.waitUntil(lambda: staff.posts.rowCount() == 1, timeout=3000)
    assert staff.posts.rows[0].grid_code == VILLAGE_CODE
    qtmodeltester.check(staff.model)
    next_page(qtbot, wizard, CALENDAR)

    calendar = wizard.page_widget(CALENDAR)
    qtbot.waitUntil(lambda: calendar.model.rowCount() >= 3, timeout=5000)
    with qtbot.waitSignal(calendar.loaded, timeout=20_000):
        calendar.buttons["seed"].click()
    this_year = next(r for r in calendar.model.rows if r.year == clock.now().year)
    assert this_year.source  # the year the deadlines need is loaded
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted

    with db.session() as s:
        assert [d.name for d in list_departments(s)] == ["环保办"]
        assert [c.name for c in list_categories(s)] == ["环境卫生"]
        assert [(p.name, [x.grid_code for x in p.posts]) for p in list_staff(s)] == [("李网格", [VILLAGE_CODE])]
    assert not needs_setup(db)

    w = MainWindow(db, ME, start_feed=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.tree_model.rowCount() == 1, timeout=5000)
    assert w.tree_model.index(0, 0).data() == "柳林镇"
    w.shutdown()


@pytest.fixture
def item_list_db(db: Database) -> Database:
    with db.write_session() as s:
        add_department(s, code="hbb", name="环保办", actor=ME)
        add_department(s, code="cgzd", name="城管中队", actor=ME)
        add_category(s, CategorySpec(code="hjws", name="环境卫生", lead_department="hbb",
                                     limits={s_: TimeLimit(LimitType.WORKING_DAYS, 5) for s_ in Severity},
                                     workflow="发现—上报—派遣—清运—核查"), actor=ME)  # fmt: skip
    return db


def test_the_item_list_editor_dates_a_change_of_limit(item_list_db: Database, qtbot: QtBot, qtmodeltester: Any,
                                                      ui_settings: Path) -> None:  # noqa: F811
    w = SetupWindow(item_list_db, ME)
    qtbot.addWidget(w)
    w.show()
    page = w.show_tab("item_list")
    assert isinstance(page, CategoriesPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.history.rowCount() == 1, timeout=5000)
    assert "发现—上报—派遣—清运—核查" in page.detail.toPlainText()
    later = clock.now().date() + timedelta(days=10)

    def change(d: CategoryDialog) -> None:
        assert d.code.isReadOnly() and d.effective.isVisible()
        assert "保留派遣时的时限" in d.effective_note.text()  # the form says what happens to open cases
        d.limits[Severity.GENERAL].value.setValue(3)
        d.set_co_departments(("cgzd",))
        d.effective.setDate(QDate(later.year, later.month, later.day))
        type_text(d.change_note, "依据县网格中心通知调整")
        d.name.setFocus()

    fill_and_accept(qtbot, page, "edit", change)
    qtbot.waitUntil(lambda: page.history.rowCount() == 2, timeout=5000)
    # in force today: still 5 working days; the history holds the dated version with 3
    assert page.model.rows[0].limits[Severity.GENERAL] == TimeLimit(LimitType.WORKING_DAYS, 5)
    dated = [r for r in page.history.rows if r.effective_from == later]
    assert len(dated) == 1 and dated[0].limits[Severity.GENERAL] == TimeLimit(LimitType.WORKING_DAYS, 3)
    assert dated[0].co_departments == ("cgzd",) and dated[0].note == "依据县网格中心通知调整"
    shown = [page.history.index(n, 0).data() for n in range(page.history.rowCount())]
    assert f"{later:%Y-%m-%d}" in shown
    assert f"{later:%Y-%m-%d}" in page.notice.text()
    qtmodeltester.check(page.history)
    with item_list_db.session() as s:
        assert list_categories(s, on=later)[0].limits[Severity.GENERAL] == TimeLimit(LimitType.WORKING_DAYS, 3)


def test_a_bad_import_lists_every_bad_row(db: Database, qtbot: QtBot, tmp_path: Path,
                                          ui_settings: Path) -> None:  # noqa: F811
    w = SetupWindow(db, ME)
    qtbot.addWidget(w)
    w.show()
    page = w.pages["departments"]
    assert isinstance(page, ListPage) and page.import_bar is not None
    bar = page.import_bar
    template = tmp_path / "departments.csv"
    with qtbot.waitSignal(bar.template_saved, timeout=5000):
        bar.save_template(template)
    header = template.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "部门" in header
    bad = tmp_path / "bad.csv"
    columns = header.split(",")
    rows = [
        {"code": "hbb", "name": "环保办", "phone": "0371-66001234"},
        {"code": "", "name": "派出所", "phone": ""},  # no code
        {"code": "hbb", "name": "国土所", "phone": ""},  # code repeated
        {"code": "ajb", "name": "安监办", "phone": "12ab"},  # not a phone
    ]
    lines = [",".join(columns)]
    for r in rows:
        cells = []
        for c in columns:
            key = "code" if "代码" in c or c.lower().startswith("code") else "name" if "名称" in c else \
                  "phone" if "电话" in c else ""  # fmt: skip
            cells.append(r.get(key, ""))
        lines.append(",".join(cells))
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with qtbot.waitSignal(bar.failed, timeout=5000) as blocker:
        bar.import_path(bad)
    shown = blocker.args[0]
    assert "未导入任何数据" in shown[0]
    problems = [bar.problems.index(n, 0).data() for n in range(bar.problems.rowCount())]
    assert bar.problem_view.isVisible() and problems == shown[1:]
    for row in (3, 4, 5):  # the header is row 1: the three bad rows, each named
        assert any(p.startswith(f"第{row}行") for p in problems), (row, problems)
    assert not any(p.startswith("第2行") for p in problems)
    with db.session() as s:
        assert list_departments(s) == []  # all or nothing


def test_stock_phrases_are_edited_by_keyboard_and_kept(sqlite_db: Database, qtbot: QtBot,
                                                      ui_settings: Path) -> None:  # noqa: F811
    w = SetupWindow(sqlite_db, ME)
    qtbot.addWidget(w)
    w.show()
    page = w.show_tab("phrases")
    assert isinstance(page, PhrasesPage)
    qtbot.waitUntil(lambda: bool(page.stored), timeout=5000)
    page.select_action("dispatch")
    assert page.phrases.stringList() == list(DEFAULT_PHRASES["dispatch"])
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    page.phrase_view.setFocus()
    page.phrase_view.setCurrentIndex(page.phrases.index(0, 0))
    qtbot.keyClick(page.phrase_view, Qt.Key.Key_Insert)  # Ins: a new line, open for typing
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not page.phrase_view
    type_text(editor, "请会同社区现场核实后处置")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter: the line is kept (the delegate commits it queued)
    qtbot.waitUntil(lambda: page.phrases.stringList()[-1] == "请会同社区现场核实后处置", timeout=3000)
    qtbot.keyClick(page.phrase_view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # moved up one
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.buttons["save"].click()
    expected = [*DEFAULT_PHRASES["dispatch"][:2], "请会同社区现场核实后处置", *DEFAULT_PHRASES["dispatch"][2:]]
    with sqlite_db.session() as s:
        assert get_phrases(s, "dispatch") == expected
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.buttons["reset"].click()
    with sqlite_db.session() as s:
        assert get_phrases(s, "dispatch") == list(DEFAULT_PHRASES["dispatch"])
    # Del removes a line; moving to another action keeps the edit (saved on the way)
    page.phrase_view.setFocus()
    page.phrase_view.setCurrentIndex(page.phrases.index(0, 0))
    qtbot.keyClick(page.phrase_view, Qt.Key.Key_Delete)
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.select_action("sign")
    with sqlite_db.session() as s:
        assert get_phrases(s, "dispatch") == list(DEFAULT_PHRASES["dispatch"][1:])


def test_the_main_window_offers_the_setup_window_in_setup_mode(sqlite_db: Database, qtbot: QtBot,
                                                               ui_settings: Path) -> None:  # noqa: F811
    with sqlite_db.write_session() as s:
        create_township(s, name="柳林镇", code=TOWNSHIP_CODE, actor=ME)
    w = MainWindow(sqlite_db, ME, start_feed=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.security_ready, timeout=5000):
        w.show()
    action = w.acts["reference"]
    assert action.isVisible() and action.shortcut().toString() == "Ctrl+Shift+B"
    action.trigger()
    setup = w.setup_window
    assert isinstance(setup, SetupWindow) and setup.isVisible()
    assert [setup.tabs.tabText(i).replace("&", "") for i in range(setup.tabs.count())] == [
        "部门(1)", "事项清单(2)", "常用语(3)", "网格(4)", "人员与职务(5)"]
    setup.close()
    w.shutdown()


def test_the_main_windows_tree_follows_a_change_of_the_map(sqlite_db: Database, qtbot: QtBot,
                                                          ui_settings: Path) -> None:  # noqa: F811
    """A grid made on the 基础设置 grids tab appears in the main window's tree without restarting."""
    with sqlite_db.write_session() as s:
        create_township(s, name="柳林镇", code=TOWNSHIP_CODE, actor=ME)
    w = MainWindow(sqlite_db, ME, start_feed=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.security_ready, timeout=5000):
        w.show()
    qtbot.waitUntil(lambda: w.tree_model.node(TOWNSHIP_CODE) is not None, timeout=5000)
    w.acts["reference"].trigger()
    page = w.setup_window.pages["grids"]
    village = TOWNSHIP_CODE[:9] + "001000"
    with sqlite_db.write_session() as s:  # what the page's create form commits
        create_grid(s, code=village, name="柳林村", parent_code=TOWNSHIP_CODE, actor=ME)
    assert w.tree_model.node(village) is None
    page.changed.emit()
    qtbot.waitUntil(lambda: w.tree_model.node(village) is not None, timeout=5000)
    w.setup_window.close()
    w.shutdown()


def test_the_wizard_builds_the_demo_township_on_a_worker(sqlite_db: Database, qtbot: QtBot,
                                                         ui_settings: Path) -> None:  # noqa: F811
    wizard = SetupWizard(sqlite_db, ME)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.start.demo.setChecked(True)
    wizard.start.cases.setValue(40)
    next_page(qtbot, wizard, DEMO)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # until the township is built
    qtbot.waitUntil(wizard.demo_page.isComplete, timeout=60_000)
    assert "三官庙" in wizard.demo_page.status.text() and finish.isEnabled()
    finish.click()
    assert not needs_setup(sqlite_db)
    with sqlite_db.session() as s:
        assert len(list_departments(s)) > 5 and len(list_categories(s)) > 5


def test_the_start_shows_the_wizard_only_without_a_township(sqlite_db: Database, qtbot: QtBot,
                                                           ui_settings: Path) -> None:  # noqa: F811
    shown: list[str] = []

    def close_the_wizard() -> None:
        modal = QApplication.activeModalWidget()
        shown.append(type(modal).__name__)
        if modal is not None:
            modal.reject()  # type: ignore[attr-defined]

    QTimer.singleShot(300, close_the_wizard)
    assert run_first_start(sqlite_db, ME) is False  # closed unfinished: still no township
    assert shown == ["SetupWizard"]
    with sqlite_db.write_session() as s:
        create_township(s, name="柳林镇", code=TOWNSHIP_CODE, actor=ME)
    assert run_first_start(sqlite_db, ME) is True  # nothing shown: it returns at once
    assert shown == ["SetupWizard"]


def test_the_setup_screens_switch_to_english_while_open(sqlite_db: Database, qtbot: QtBot, qapp: QApplication,
                                                        ui_settings: Path) -> None:  # noqa: F811
    wizard = SetupWizard(sqlite_db, ME)
    qtbot.addWidget(wizard)
    wizard.show()
    w = SetupWindow(sqlite_db, ME)
    qtbot.addWidget(w)
    w.show()
    assert wizard.windowTitle() == "首次设置向导 — 第 1 步，共 7 步"
    try:
        assert install_translators(qapp, "en")
        qtbot.waitUntil(lambda: wizard.windowTitle() == "First-start wizard — step 1 of 7", timeout=3000)
        assert wizard.start.title() == "Welcome to the Grid Management Console"
        assert w.windowTitle() == "Reference data" and w.tabs.tabText(1) == "Item list (&2)"
        page = w.pages["departments"]
        assert isinstance(page, DepartmentsPage)
        assert page.buttons["add"].text() == "&Add department…"
        assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Department"
    finally:
        install_translators(qapp, "zh_CN")
    qtbot.waitUntil(lambda: w.windowTitle() == "基础设置", timeout=3000)


def test_the_item_list_form_is_walked_by_tab_in_reading_order(qtbot: QtBot, ui_settings: Path) -> None:  # noqa: F811
    departments = [DepartmentRow("hbb", "环保办", "环保", "", "", True), DepartmentRow("cgzd", "城管中队", "", "", "", True)]
    row = CategoryRow("hjws", "环境卫生", False, "hbb", (), Severity.GENERAL,
                      {s: TimeLimit(LimitType.WORKING_DAYS, 5) for s in Severity}, {}, "", "", True, clock.now().date())  # fmt: skip
    d = CategoryDialog(departments, None, row)
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow, timeout=3000)
    expected: list[Any] = [d.code, d.name, d.key_area, d.lead, d.co, d.severity]
    for s in Severity:
        expected += [d.limits[s].value, d.limits[s].kind]
    expected += [d.stages[st].on for st in d.stages]  # unticked: their value and type are skipped
    expected += [d.workflow, d.closing, d.active, d.effective, d.change_note]
    d.code.setFocus()
    walked: list[Any] = []
    for _ in range(40):  # Tab until the buttons; the date's own sections (年/月/日) take Tab first, as in Qt
        focused = QApplication.focusWidget()
        if isinstance(focused, QPushButton):
            break
        if not walked or walked[-1] is not focused:
            walked.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    names = {id(w): n for n, w in enumerate(expected)}
    assert [names.get(id(w), w) for w in walked] == list(range(len(expected)))
    assert isinstance(QApplication.focusWidget(), QPushButton)  # then 确定 / 取消
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not d.isVisible()


def test_a_post_is_ended_and_a_person_leaves_with_the_history_kept(sqlite_db: Database, qtbot: QtBot,
                                                                   ui_settings: Path) -> None:  # noqa: F811
    with sqlite_db.write_session() as s:
        create_township(s, name="柳林镇", code=TOWNSHIP_CODE, actor=ME)
        create_grid(s, code=VILLAGE_CODE, name="柳林村", actor=ME)
        person = add_person(s, name="李网格", phone="13800001111", actor=ME)
        assign_post(s, person.id, grid_code=VILLAGE_CODE, role=GridRole.LEADER, start=clock.now().date() - timedelta(days=30),
                    actor=ME)  # fmt: skip
    w = SetupWindow(sqlite_db, ME)
    qtbot.addWidget(w)
    w.show()
    page = w.show_tab("staff")
    assert isinstance(page, StaffPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.table.selectRow(0)
    assert page.posts.rowCount() == 1 and page.buttons["end_post"].isEnabled()
    fill_and_accept(qtbot, page, "end_post", lambda d: d.note.setFocus())
    page.table.selectRow(0)
    assert page.posts.rows[0].end_date == clock.now().date()  # ended, still listed
    assert not page.buttons["end_post"].isEnabled()
    fill_and_accept(qtbot, page, "retire", lambda d: type_text(d.note, "调离"))
    assert page.model.rowCount() == 0  # left: not among the people in post …
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.retired.setChecked(True)  # … but kept
    assert [(r.name, r.active) for r in page.model.rows] == [("李网格", False)]


def test_a_refused_form_stays_open_with_the_reason_and_what_was_typed(sqlite_db: Database, qtbot: QtBot,
                                                                      ui_settings: Path) -> None:  # noqa: F811
    with sqlite_db.write_session() as s:
        add_department(s, code="hbb", name="环保办", actor=ME)
    w = SetupWindow(sqlite_db, ME)
    qtbot.addWidget(w)
    w.show()
    page = w.pages["departments"]
    assert isinstance(page, DepartmentsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.buttons["add"].click()
    d = page.dialog
    assert isinstance(d, DepartmentDialog)
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow, timeout=3000)
    type_text(d.code, "hbb")
    type_text(d.name, "生态环境办")
    qtbot.keyClick(d.name, Qt.Key.Key_Return)
    qtbot.waitUntil(d.problem.isVisible, timeout=5000)
    assert "已被" in d.problem.text() and d.isVisible()  # the core's sentence, in the form
    assert (d.code.text(), d.name.text()) == ("hbb", "生态环境办")  # nothing typed is lost
    d.code.clear()
    type_text(d.code, "sthjb")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(d.name, Qt.Key.Key_Return)
    assert not d.isVisible() and [r.name for r in page.model.rows] == ["环保办", "生态环境办"]
