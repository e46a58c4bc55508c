"""The console without a mouse (issue 17 item 7), pytest-qt offscreen: the queue walked with the arrows, Home and
End, Enter to the case and its first action, F-keys opening the action dialogs, Ctrl+1/2/3 between the panes,
shortcuts visible in the menus, tool bar and buttons, accessible names; and in every case dialog the Tab key
visits the fields in the order the eye reads them (row by row, left to right, the buttons last), starting on
the first field rather than on 确定/取消."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from console.db import Database, make_engine
from console.workflow.commands import Accept
from console.workflow.read import case_detail
from console.workflow.service import CaseService, ReportInput
from tests.factories import seed_reference
from tests.test_ui_support import (
    ACTOR,
    seeded,
    seeded_pg_template,
    seeded_sqlite_template,
    seeded_url,
    ui_settings,
)
from tests.test_ui_window import make_window, wait_idle
from ui.dialogs import make_action_dialog, make_new_case_dialog
from ui.dialogs.base import ActionDialog
from ui.dialogs.runner import DIALOGS
from ui.keyboard import CASE_ACTION_KEYS, PANE_KEYS
from ui.main_window import MainWindow

FIXTURES = (seeded, seeded_pg_template, seeded_sqlite_template, seeded_url, ui_settings, make_window)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def seeded_sqlite(seeded_sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:  # noqa: F811
    """The seeded township on SQLite only: keys do not depend on the backend."""
    import shutil

    path = tmp_path / "gridconsole.db"
    shutil.copyfile(seeded_sqlite_template, path)
    db = Database(make_engine(f"sqlite:///{path}"))
    yield db
    db.dispose()


def key(
    qtbot: QtBot, w: QWidget, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press where the focus is (as a person types it), the window active."""
    target = QApplication.focusWidget() or w
    QTest.keyClick(target, k, mod)


def active(qtbot: QtBot, w: QWidget) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)


def current_row(w: MainWindow) -> int:
    return w.table.currentIndex().row()


def shown(qtbot: QtBot, w: MainWindow, row: int) -> None:
    cid = w.model.case_id(row)
    qtbot.waitUntil(lambda: w.case_view.data is not None and w.case_view.data.detail.id == cid, timeout=5000)


def test_the_queue_is_walked_and_a_case_opened_by_keys(
    seeded_sqlite: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,  # noqa: F811
) -> None:
    w = make_window(seeded_sqlite)
    w.set_quick_filter("待受理")
    wait_idle(qtbot, w)
    n = w.model.rowCount()
    assert n >= 3
    active(qtbot, w)

    key(qtbot, w, Qt.Key.Key_2, CTRL)  # Ctrl+2: the queue, its first case selected
    assert QApplication.focusWidget() is w.table and current_row(w) == 0
    shown(qtbot, w, 0)
    key(qtbot, w, Qt.Key.Key_Down)
    key(qtbot, w, Qt.Key.Key_Down)
    assert current_row(w) == 2
    shown(qtbot, w, 2)
    key(qtbot, w, Qt.Key.Key_End)
    assert current_row(w) == n - 1
    key(qtbot, w, Qt.Key.Key_Home)
    assert current_row(w) == 0
    shown(qtbot, w, 0)

    key(qtbot, w, Qt.Key.Key_Return)  # Enter: to the case pane, on its first action
    focused = QApplication.focusWidget()
    assert isinstance(focused, QAbstractButton) and focused in w.case_view.buttons.values()
    assert focused.isEnabled()
    key(qtbot, w, Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is w.tree
    key(qtbot, w, Qt.Key.Key_3, CTRL)
    assert QApplication.focusWidget() is focused

    # F2 受理 on the selected 待受理 case: the accept dialog, the focus in its first field
    key(qtbot, w, Qt.Key.Key_2, CTRL)
    assert w.acts["case_accept"].isEnabled()
    first = w.model.case_id(0)
    key(qtbot, w, Qt.Key.Key_F2)
    qtbot.waitUntil(
        lambda: isinstance(w.current_form, ActionDialog) and w.current_form.isVisible(), timeout=5000
    )
    dlg = w.current_form
    assert isinstance(dlg, ActionDialog) and dlg.action == "accept"
    assert dlg.detail is not None and dlg.detail.id == first
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dlg.isAncestorOf(QApplication.focusWidget()),
                    timeout=3000)  # fmt: skip
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit)  # the note, not 确定 or 取消
    key(qtbot, dlg, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=3000)


def test_f3_dispatches_and_a_key_never_acts_on_a_case_not_shown(
    seeded_sqlite: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,  # noqa: F811
) -> None:
    w = make_window(seeded_sqlite)
    w.set_quick_filter("待派遣")
    wait_idle(qtbot, w)
    active(qtbot, w)
    assert not w.acts["case_dispatch"].isEnabled()  # nothing shown yet
    key(qtbot, w, Qt.Key.Key_2, CTRL)
    shown(qtbot, w, 0)
    assert w.acts["case_dispatch"].isEnabled() and not w.acts["case_accept"].isEnabled()
    key(qtbot, w, Qt.Key.Key_F3)
    qtbot.waitUntil(
        lambda: isinstance(w.current_form, ActionDialog) and w.current_form.isVisible(), timeout=5000
    )
    assert w.current_form.action == "dispatch"
    w.current_form.reject()


def test_shortcuts_are_visible_and_widgets_named(
    seeded_sqlite: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,  # noqa: F811
) -> None:
    w = make_window(seeded_sqlite)
    menus = {
        m.title().replace("&", ""): m for m in (a.menu() for a in w.menuBar().actions()) if m is not None
    }
    in_menu = {a.text(): a.shortcut().toString() for a in menus["办理(A)"].actions()}
    assert in_menu["受理立案…"] == "F2" and in_menu["派遣…"] == "F3" and in_menu["签收…"] == "F4"
    assert {a.shortcut().toString() for a in menus["视图(V)"].actions()} == {k for _n, _c, k in PANE_KEYS}
    # every key is used once
    keys = [a.shortcut().toString() for a in w.acts.values() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), sorted(keys)
    assert set(CASE_ACTION_KEYS.values()) <= set(keys)
    assert w.acts["refresh"].toolTip().startswith("刷新 (")
    w.set_quick_filter("待受理")
    wait_idle(qtbot, w)
    w.table.selectRow(0)
    shown(qtbot, w, 0)
    assert w.case_view.buttons["accept"].toolTip() == "受理立案 (F2)"
    assert w.table.accessibleName() == "案件队列" and w.tree.accessibleName() == "网格树"
    assert w.case_view.accessibleName() == "案件详情" and w.search.accessibleName() == "搜索案件"


# --- Tab through the dialogs -------------------------------------------------------------------------------


def reading_rank(dlg: QDialog, widgets: list[QWidget], columns: bool = False) -> dict[QWidget, int]:
    """Each widget's place in reading order from where it is on screen (a recursive XY cut): the widgets are
    split into bands that no widget straddles, top to bottom; a band into columns, left to right; and so on, so
    a field and its button are read left to right. `columns`: the dialog is laid out in side-by-side columns
    (受理登记), read one after the other: the first cut is into columns."""

    def rect(wd: QWidget) -> QRect:
        return QRect(wd.mapTo(dlg, wd.rect().topLeft()), wd.size())

    def cut(items: list[QWidget], vertical: bool) -> list[list[QWidget]]:
        def span(wd: QWidget) -> tuple[int, int]:
            r = rect(wd)
            return (r.left(), r.right()) if vertical else (r.top(), r.bottom())

        groups: list[list[QWidget]] = []
        end = None
        for wd in sorted(items, key=span):
            lo, hi = span(wd)
            if end is not None and lo <= end:
                groups[-1].append(wd)
                end = max(end, hi)
            else:
                groups.append([wd])
                end = hi
        return groups

    def order(items: list[QWidget], first: tuple[bool, ...] = (False, True)) -> list[QWidget]:
        for vertical in first:
            groups = cut(items, vertical)
            if len(groups) > 1:
                return [wd for g in groups for wd in order(g)]
        return sorted(items, key=lambda wd: (rect(wd).top(), rect(wd).left()))

    return {wd: i for i, wd in enumerate(order(widgets, (True, False) if columns else (False, True)))}


FIELD_TYPES = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QCheckBox, QListWidget)


def tab_walk(qtbot: QtBot, dlg: QDialog) -> list[QWidget]:
    """Press Tab from where the dialog put the focus until it comes round again; the widgets visited, a widget
    that takes several presses (the sections of a date) once."""
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dlg.isAncestorOf(QApplication.focusWidget()),
                    timeout=3000)  # fmt: skip
    start = QApplication.focusWidget()
    assert start is not None
    seen: list[QWidget] = [start]
    stayed = 0
    for _ in range(120):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and dlg.isAncestorOf(now), "Tab left the dialog"
        if now is seen[-1]:
            stayed += 1
            if stayed > 10:  # the only stop (a confirmation whose OK is disabled)
                return seen
            continue
        stayed = 0
        if now is seen[0]:
            return seen
        assert now not in seen, f"Tab came back to {type(now).__name__} before visiting the rest"
        seen.append(now)
    raise AssertionError("Tab never came round")


def owner(wd: QWidget, candidates: set[QWidget]) -> QWidget:
    """The field a focused inner widget belongs to (a combo box's line edit)."""
    cur: QWidget | None = wd
    while cur is not None and cur not in candidates:
        cur = cur.parentWidget()
    return cur if cur is not None else wd


def check_reading_order(qtbot: QtBot, dlg: QDialog, *, columns: bool = False) -> list[str]:
    dlg.show()
    qtbot.waitExposed(dlg)
    stops = [
        wd
        for wd in dlg.findChildren(QWidget)
        if wd.isVisible()
        and wd.isEnabled()
        and wd.focusPolicy() & Qt.FocusPolicy.TabFocus
        and wd.focusProxy() is None
    ]
    visited = [owner(wd, set(stops)) for wd in tab_walk(qtbot, dlg)]
    rank = reading_rank(dlg, list(dict.fromkeys(stops + visited)), columns)
    first_field = min((wd for wd in stops if isinstance(wd, FIELD_TYPES + (QRadioButton,))), key=rank.__getitem__,
                      default=None)  # fmt: skip
    if first_field is not None:
        assert visited[0] is first_field, f"focus opens on {type(visited[0]).__name__}, not the first field"
    ranks = [rank[wd] for wd in visited]
    assert ranks == sorted(ranks), str([(type(wd).__name__, wd.objectName(), rank[wd]) for wd in visited])
    missed = [type(wd).__name__ for wd in stops if isinstance(wd, FIELD_TYPES) and wd not in visited]
    assert not missed, f"Tab never reaches {missed}"
    return [type(wd).__name__ for wd in visited]


@pytest.fixture
def accepted_case(sqlite_url: str) -> Iterator[tuple[Database, int]]:
    db = Database(make_engine(sqlite_url))
    ref = seed_reference(db)
    svc = CaseService(db, ACTOR)
    c = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="一号楼院门口垃圾堆积"))
    c = svc.act(c.id, Accept(), c.version)
    yield db, c.id
    db.dispose()


@pytest.mark.parametrize("action", sorted(DIALOGS))
def test_tab_visits_each_case_dialogs_fields_in_reading_order(
    accepted_case: tuple[Database, int], qtbot: QtBot, action: str
) -> None:
    db, case_id = accepted_case
    with db.session() as s:
        detail = case_detail(s, case_id)
    dlg = make_action_dialog(None, db, ACTOR, detail, action)
    qtbot.addWidget(dlg)
    check_reading_order(qtbot, dlg)
    dlg.reject()


def test_tab_visits_the_new_case_dialogs_fields_in_reading_order(
    accepted_case: tuple[Database, int], qtbot: QtBot
) -> None:
    db, _case_id = accepted_case
    dlg = make_new_case_dialog(None, db, ACTOR)
    qtbot.addWidget(dlg)
    visited = check_reading_order(
        qtbot, dlg, columns=True
    )  # two columns: the report, then photos and duplicates
    assert len(visited) >= 10
    dlg.reject()


def test_tab_visits_the_connection_dialog_in_reading_order(qtbot: QtBot, ui_settings: Path) -> None:  # noqa: F811
    from ui.connection import ConnectionDialog

    dlg = ConnectionDialog(None)
    qtbot.addWidget(dlg)
    visited = check_reading_order(qtbot, dlg)
    assert visited[-3:] == ["QPushButton"] * 3 and dlg.test_button.text() == "测试连接"
    dlg.reject()
