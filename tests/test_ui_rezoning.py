"""The grid page and the re-zoning dialog (pytest-qt, offscreen, a real SQLite file): a split proposes a grid per
open case from the address keywords, refuses to commit while a case has no grid or the new grids changed since
the proposal, and commits once every case is placed by hand or by rule; the moves model passes qtmodeltester."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.db import Database, make_engine
from console.grids import get_grid
from console.models import Case, CaseHistory
from console.workflow.service import CaseService, ReportInput
from tests.factories import Ref, seed_reference
from tests.test_dialog_actions import confirm, open_dialog, pick_grid, refused, type_text
from ui.dialogs.rezoning import TARGET, RegridDialog, RezoningDialog, TargetDelegate
from ui.setup_grids import GridsPage

ME = "diaodu"


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(make_engine(sqlite_url))
    yield database
    database.dispose()


def _report(db: Database, ref: Ref, address: str) -> str:
    r = CaseService(db, ME).report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="垃圾堆积",
                                               address=address))  # fmt: skip
    return r.number


def _grids(db: Database) -> dict[str, str]:
    with db.session() as s:
        return dict(s.execute(select(Case.number, Case.grid_code)).tuples().all())


def _page(qtbot: QtBot, db: Database, code: str) -> GridsPage:
    """The page on its own (its own runner), loaded, with `code` selected."""
    page = GridsPage(db, ME)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.reload()
    assert page.select_code(code)
    return page


def _shown(qtbot: QtBot, dlg: RezoningDialog, action: Any) -> None:
    with qtbot.waitSignal(dlg.plan_shown, timeout=5000):
        action()


def test_a_split_commits_only_when_every_open_case_has_a_grid(db: Database, qtbot: QtBot, qtmodeltester: Any) -> None:
    ref = seed_reference(db)
    north, east = _report(db, ref, "绿云路1号北楼"), _report(db, ref, "东门车棚")
    page = _page(qtbot, db, ref.grid_code)
    assert page.buttons["split"].isEnabled() and not page.buttons["create"].isEnabled()  # a level-3 grid

    page.start("split")
    qtbot.waitUntil(lambda: isinstance(page.dialog, RezoningDialog) and page.dialog.model.rowCount() == 2, timeout=5000)
    dlg = page.dialog
    assert isinstance(dlg, RezoningDialog)
    qtmodeltester.check(dlg.model)
    parts = dlg.new_grids()
    assert [p.code for p in parts] == ["410103001001003", "410103001001004"]  # the free codes beside it
    assert sorted(dlg.model.unplaced()) == sorted([north, east])  # no keywords yet: nothing is guessed
    assert not dlg.ok_button.isEnabled()

    # keywords for the first new grid: until proposed again, OK is refused (the plan is out of date)
    dlg.set_keywords(0, "北楼，北门")
    assert not dlg.ok_button.isEnabled() and "F5" in dlg.status.text()
    _shown(qtbot, dlg, dlg.request_proposal)
    assert dlg.model.unplaced() == [east]
    row_north = next(n for n, m in enumerate(dlg.model.moves) if m.number == north)
    assert dlg.model.target_of(row_north) == parts[0].code
    assert "北楼" in dlg.model.index(row_north, 6).data()

    # OK with a case that has no grid: refused, the dialog stays, nothing changed
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    dlg.accept()  # the Enter key: the same refusal
    assert dlg.isVisible() and "还有1件" in dlg.status.text()
    assert _grids(db) == {north: ref.grid_code, east: ref.grid_code}

    # the user picks the grid for the other case in the 移入网格 column (the delegate's list)
    row_east = next(n for n, m in enumerate(dlg.model.moves) if m.number == east)
    ix = dlg.model.index(row_east, TARGET)
    delegate = dlg.table.itemDelegateForColumn(TARGET)
    assert isinstance(delegate, TargetDelegate)
    editor = delegate.createEditor(dlg.table.viewport(), QStyleOptionViewItem(), ix)
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData(parts[1].code))
    delegate.setModelData(editor, dlg.model, ix)
    assert dlg.model.unplaced() == [] and dlg.ok_button.isEnabled()
    assert dlg.model.index(row_east, 6).data() == "人工指定"
    qtmodeltester.check(dlg.model)

    dlg.note.setText("户数过多")
    with qtbot.waitSignal(page.changed, timeout=5000):
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=5000)
    assert _grids(db) == {north: parts[0].code, east: parts[1].code}
    with db.session() as s:
        assert not get_grid(s, ref.grid_code).active
        notes = s.scalars(select(CaseHistory.note).where(CaseHistory.action == "regrid")).all()
        assert len(notes) == 2 and all("户数过多" in n for n in notes)


def test_retiring_an_empty_grid_needs_no_case_places(db: Database, qtbot: QtBot) -> None:
    ref = seed_reference(db)
    page = _page(qtbot, db, ref.grid2_code)
    page.start("retire")
    qtbot.waitUntil(lambda: isinstance(page.dialog, RezoningDialog) and page.dialog.ok_button.isEnabled(), timeout=5000)
    dlg = page.dialog
    assert isinstance(dlg, RezoningDialog) and dlg.model.rowCount() == 0
    with qtbot.waitSignal(page.changed, timeout=5000):
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    with db.session() as s:
        assert not get_grid(s, ref.grid2_code).active


def test_one_case_moves_grid_from_the_case_view_dialog(db: Database, qtbot: QtBot) -> None:
    """移交网格 for a single case (filed under the wrong grid): the grid picked by typing, a reason required."""
    ref = seed_reference(db)
    number = _report(db, ref, "二号楼院南门")
    with db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.number == number))
    assert case_id is not None
    dlg = open_dialog(qtbot, db, case_id, "regrid")
    assert isinstance(dlg, RegridDialog)
    refused(dlg, "请选择移入的网格")
    pick_grid(qtbot, dlg, ref.grid_code)
    refused(dlg, "案件已在该网格")
    dlg.grid.edit.clear()
    pick_grid(qtbot, dlg, ref.grid2_code)
    refused(dlg, "请填写移交原因")
    type_text(dlg.reason, "上报时选错网格")
    confirm(qtbot, dlg)
    assert _grids(db) == {number: ref.grid2_code}
    with db.session() as s:
        last = s.scalars(select(CaseHistory).where(CaseHistory.case_id == case_id).order_by(CaseHistory.id.desc())).first()
        assert last is not None and last.action == "regrid" and last.note == "上报时选错网格"


def test_the_setup_window_hosts_the_page_which_creates_and_renames(db: Database, qtbot: QtBot) -> None:
    from ui.setup_grids import GridFormDialog
    from ui.setup_window import SetupWindow

    seed_reference(db)
    w = SetupWindow(db, ME)
    qtbot.addWidget(w)
    page = w.pages["grids"]
    assert isinstance(page, GridsPage)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        w.show_tab("grids")
    village = "410103001001000"
    assert page.select_code(village) and page.buttons["create"].isEnabled()
    page.start("create")
    qtbot.waitUntil(lambda: isinstance(page.dialog, GridFormDialog), timeout=5000)
    form = page.dialog
    assert isinstance(form, GridFormDialog)
    assert form.code.text() == "410103001001003"  # beside the last child
    form.name.setText("绿云社区三号楼院")
    form.households.setValue(210)
    with qtbot.waitSignal(page.changed, timeout=5000):
        form.accept()
    qtbot.waitUntil(lambda: page.current_code() == "410103001001003", timeout=5000)
    page.start("rename")
    form = page.dialog
    assert isinstance(form, GridFormDialog) and form.code.isReadOnly()
    form.name.setText("绿云社区3号楼院")
    with qtbot.waitSignal(page.changed, timeout=5000):
        form.accept()
    with db.session() as s:
        g = get_grid(s, "410103001001003")
        assert g.name == "绿云社区3号楼院" and g.households == 210 and g.active


def test_a_merge_from_the_page_takes_the_open_cases_to_the_new_grid(db: Database, qtbot: QtBot) -> None:
    ref = seed_reference(db)
    one = _report(db, ref, "一号楼院")
    two = CaseService(db, ME).report(ReportInput(grid=ref.grid2_code, category=ref.cat_env, summary="垃圾",
                                                 address="二号楼院")).number  # fmt: skip
    page = _page(qtbot, db, ref.grid_code)
    page.start("merge")
    qtbot.waitUntil(lambda: isinstance(page.dialog, RezoningDialog), timeout=5000)
    dlg = page.dialog
    assert isinstance(dlg, RezoningDialog) and dlg.merge_list is not None
    qtbot.waitUntil(lambda: "至少需要2个" in dlg.status.text(), timeout=5000)  # nothing ticked yet
    assert not dlg.ok_button.isEnabled()
    dlg.merge_list.item(0).setCheckState(Qt.CheckState.Checked)  # 二号楼院
    _shown(qtbot, dlg, dlg.request_proposal)
    into = dlg.new_grids()[0].code
    assert dlg.model.unplaced() == [] and set(dlg.model.chosen().values()) == {into}
    with qtbot.waitSignal(page.changed, timeout=5000):
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert _grids(db) == {one: into, two: into}


def test_the_head_reaches_the_grids_tab_alone_and_the_sysadmin_every_tab(db: Database, qtbot: QtBot) -> None:
    """A 中心主任 re-zones grids (`grid_rezone`) but does not edit the reference data (`reference_edit`): the
    基础设置 window offers them the grids tab and nothing else; the 系统管理员 gets every tab."""
    from console.security.posts import Post, Principal
    from ui.setup_rights import allowed_tabs
    from ui.setup_window import TABS, SetupWindow

    head = Principal("head", "主任", frozenset({Post.HEAD}))
    sysadmin = Principal("sys", "管理员", frozenset({Post.SYSADMIN}))
    dispatcher = Principal("disp", "调度员", frozenset({Post.DISPATCHER}))
    assert allowed_tabs(head) == {"grids"}
    assert allowed_tabs(sysadmin) == {key for key, _caption in TABS}
    assert allowed_tabs(dispatcher) == set()  # no menu entry at all
    assert allowed_tabs(None) == {key for key, _caption in TABS}  # set-up mode

    seed_reference(db)
    w = SetupWindow(db, ME, tabs=allowed_tabs(head))
    qtbot.addWidget(w)
    assert list(w.pages) == ["grids"] and w.tabs.count() == 1
    assert isinstance(w.tabs.currentWidget(), GridsPage)
