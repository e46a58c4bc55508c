"""The main window driven against real databases (pytest-qt, offscreen): filters, search, subtree, live
updates across seats, selection kept, reconnect after the PostgreSQL backend is killed, case actions."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from console import queue as q
from console.db import Database, make_engine
from console.domain import CaseStatus
from console.models import Case, Grid
from console.workflow.commands import Claim
from console.workflow.service import CaseService
from tests.conftest import pg_admin
from tests.test_ui_support import (
    ACTOR,
    report_one,
    seed_cases,
    seeded,
    seeded_pg_template,
    seeded_pg_url,
    seeded_sqlite_template,
    seeded_url,
    ui_settings,
)
from ui.dialogs.base import ActionDialog
from ui.main_window import MainWindow
from ui.queue_model import CaseIdRole

#: fixtures shared with the other UI tests (imported, so pytest finds them here)
FIXTURES = (seeded, seeded_pg_template, seeded_pg_url, seeded_sqlite_template, seeded_url, ui_settings)


def wait_idle(qtbot: QtBot, w: MainWindow, timeout: int = 8000) -> None:
    qtbot.waitUntil(lambda: w.model.loaded_once and not w.is_busy(), timeout=timeout)


def loaded_rows(w: MainWindow) -> list[q.QueueRow]:
    rows = [w.model.row_at(i) for i in range(w.model.rowCount())]
    assert all(r is not None for r in rows), "every row of a small queue is loaded"
    return [r for r in rows if r is not None]


def select_first_pending(qtbot: QtBot, w: MainWindow) -> int | None:
    """Show 待受理 and select its first case; returns the case id once the case view shows it."""
    w.set_quick_filter("待受理")
    wait_idle(qtbot, w)
    cid = w.model.case_id(0)
    w.table.selectRow(0)
    qtbot.waitUntil(lambda: w.case_view.data is not None and w.case_view.data.detail.id == cid, timeout=3000)
    return cid


def opened_dialog(qtbot: QtBot, w: MainWindow) -> ActionDialog:
    """The action dialog the window opens once its data is read (off the GUI thread)."""
    qtbot.waitUntil(
        lambda: isinstance(w.current_form, ActionDialog) and w.current_form.isVisible(), timeout=3000
    )
    assert isinstance(w.current_form, ActionDialog)
    return w.current_form


@pytest.fixture
def make_window(qtbot: QtBot, ui_settings: Path) -> Iterator[Callable[[Database], MainWindow]]:  # noqa: F811
    made: list[MainWindow] = []

    def make(db: Database) -> MainWindow:
        w = MainWindow(db, ACTOR, feed_options={"poll_interval": 0.05})
        qtbot.addWidget(w)
        w.resize(1600, 900)
        w.show()
        made.append(w)
        wait_idle(qtbot, w)
        return w

    yield make
    for w in made:
        w.shutdown()


def test_queue_shows_open_cases_and_figures(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(seeded)
    with seeded.session() as s:
        expected = q.count(s, w.current_filter())
        dash = q.dashboard_counts(s)
    assert w.model.rowCount() == expected > 0
    qtbot.waitUntil(lambda: w.strip.value("pending_accept") == str(dash.pending_accept), timeout=3000)
    assert w.strip.value("in_progress") == str(dash.in_progress)
    assert w.strip.value("overdue") == str(dash.overdue)
    # the tree carries the township's open-case badge
    qtbot.waitUntil(lambda: w.tree_model.rowCount() == 1, timeout=3000)
    root = w.tree_model.index(0, 1)
    qtbot.waitUntil(lambda: root.data() == expected, timeout=3000)


def test_quick_filter_and_search(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(seeded)
    with qtbot.waitSignal(w.model.refreshed, timeout=3000):
        w.set_quick_filter("待受理")
    rows = loaded_rows(w)
    assert rows and all(r.status is CaseStatus.REPORTED for r in rows)
    with seeded.session() as s:
        assert len(rows) == s.scalar(select(func.count()).where(Case.status == CaseStatus.REPORTED))

    # search by case number (typed, then the debounce fires)
    target = rows[0]
    w.set_quick_filter("all")
    wait_idle(qtbot, w)
    qtbot.keyClicks(w.search, target.number)
    qtbot.waitUntil(lambda: w.model.rowCount() == 1 and w.model.row_at(0) is not None, timeout=3000)
    assert w.model.row_at(0).number == target.number

    # pinyin initials of a grid name: every row lies in a grid whose subtree matches
    with seeded.session() as s:
        grid = s.scalars(select(Grid).where(Grid.level == 2).order_by(Grid.code)).first()
        assert grid is not None
        prefix = q.subtree_prefix(grid.code)
        in_subtree = s.scalar(select(func.count()).where(Case.grid_code.startswith(prefix)))
    w.search.clear()
    qtbot.keyClicks(w.search, grid.pinyin_initials)
    # the query of the typed text is in (a live refresh of the earlier one may come first)
    qtbot.waitUntil(
        lambda: w.model.spec is not None and w.model.spec.flt.text == grid.pinyin_initials, timeout=3000
    )
    wait_idle(qtbot, w)
    rows = loaded_rows(w)
    assert rows, "the community has cases"
    assert all(r.grid_code.startswith(prefix) or grid.pinyin_initials in r.summary for r in rows)
    assert len(rows) >= (in_subtree or 0)


def test_subtree_selection_filters_queue(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(seeded)
    w.set_quick_filter("all")
    wait_idle(qtbot, w)
    root = w.tree_proxy.index(0, 0)
    community = w.tree_proxy.index(0, 0, root)
    code = community.data(Qt_CodeRole())
    with qtbot.waitSignal(w.model.refreshed, timeout=3000):
        w.tree.setCurrentIndex(community)
    prefix = q.subtree_prefix(code)
    with seeded.session() as s:
        expected = s.scalar(select(func.count()).where(Case.grid_code.startswith(prefix)))
    rows = loaded_rows(w)
    assert len(rows) == expected
    assert all(r.grid_code.startswith(prefix) for r in rows)
    qtbot.waitUntil(lambda: w.grid_panel.data is not None and w.grid_panel.data.code == code, timeout=3000)
    assert "网格长" in w.grid_panel.toPlainText()
    # the tree search finds a grid by pinyin initials
    name = community.data()
    node = w.tree_model.node(code)
    assert node is not None
    w.tree_search.setText(node.pinyin)
    assert any(
        w.tree_proxy.index(i, 0, w.tree_proxy.index(0, 0)).data() == name
        for i in range(w.tree_proxy.rowCount(w.tree_proxy.index(0, 0)))
    )


def Qt_CodeRole() -> int:  # noqa: N802
    from ui.grid_tree import CodeRole

    return int(CodeRole)


@pytest.mark.pg
def test_change_from_second_connection_appears_within_1s(
    seeded_pg_url: str, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    db = Database(make_engine(seeded_pg_url))
    w = make_window(db)
    qtbot.waitUntil(lambda: w.live.connected, timeout=3000)
    before = w.model.rowCount()
    t0 = time.monotonic()
    new_id = report_one(db, "第二席位上报：井盖缺失")
    qtbot.waitUntil(lambda: w.model.row_of(new_id) is not None, timeout=1000)
    assert time.monotonic() - t0 < 1.0
    assert w.model.rowCount() == before + 1
    # the cue for a new 待受理 case shows without a modal dialog
    qtbot.waitUntil(w.cue.isVisible, timeout=1000)
    db.dispose()


def test_selection_and_half_typed_filter_kept_across_live_update(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(seeded)
    w.set_quick_filter("all")
    wait_idle(qtbot, w)
    # a case another seat can claim (待受理/待派遣), a few rows down so rows sort in above it
    claimable = {CaseStatus.REPORTED, CaseStatus.ACCEPTED}
    row = next(i for i, r in enumerate(loaded_rows(w)) if i >= 3 and r.status in claimable)
    chosen = w.model.case_id(row)
    assert chosen is not None
    w.table.selectRow(row)
    qtbot.waitUntil(
        lambda: w.case_view.data is not None and w.case_view.data.detail.id == chosen, timeout=3000
    )
    w.search.setText("半截")  # typed, not yet applied (the debounce timer is stopped)
    w._search_timer.stop()
    scroll = w.table.verticalScrollBar().value()
    # another seat reports a case (it sorts among the others) and acts on the selected one
    new_id = report_one(seeded)
    with seeded.session() as s:
        version = s.get(Case, chosen).version  # type: ignore[union-attr]
    other = Database(make_engine(seeded.engine.url.render_as_string(hide_password=False)))
    CaseService(other, "另一席位").act(chosen, Claim(), version)
    other.dispose()
    qtbot.waitUntil(lambda: w.model.row_of(new_id) is not None, timeout=3000)
    qtbot.waitUntil(
        lambda: w.case_view.data is not None and w.case_view.data.detail.claimed_by == "另一席位",
        timeout=3000,
    )
    current = w.table.selectionModel().currentIndex()
    assert current.data(CaseIdRole) == chosen
    assert [i.data(CaseIdRole) for i in w.table.selectionModel().selectedRows()] == [chosen]
    assert w.search.text() == "半截"
    assert w.table.verticalScrollBar().value() == scroll


@pytest.mark.pg
def test_reconnect_after_backend_killed(
    seeded_pg_url: str, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    db = Database(make_engine(seeded_pg_url))
    w = make_window(db)
    qtbot.waitUntil(lambda: w.live.connected, timeout=3000)
    w.table.selectRow(2)
    chosen = w.model.case_id(2)
    dbname = make_url(seeded_pg_url).database
    with pg_admin() as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (dbname,),
        )
    qtbot.waitUntil(w.banner.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: not w.banner.isVisible() and w.live.connected, timeout=10_000)
    new_id = report_one(db, "重连后上报")
    qtbot.waitUntil(lambda: w.model.row_of(new_id) is not None, timeout=2000)
    assert w.table.selectionModel().currentIndex().data(CaseIdRole) == chosen
    db.dispose()


def test_case_view_action_accepts_case(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(seeded)
    cid = select_first_pending(qtbot, w)
    assert "accept" in w.case_view.buttons and w.case_view.buttons["accept"].isEnabled()
    assert "close" not in w.case_view.buttons  # not allowed from 待受理
    assert "上报" in w.case_view.history.toPlainText()
    w.case_view.buttons["accept"].click()  # the dialog opens once its data is read (off the GUI thread)
    dialog = opened_dialog(qtbot, w)
    assert isinstance(dialog, ActionDialog) and dialog.isVisible()
    dialog.note.setPlainText("属实，予以受理")
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: w.case_view.data is not None and w.case_view.data.detail.status is CaseStatus.ACCEPTED,
        timeout=3000,
    )
    assert "受理立案" in w.case_view.history.toPlainText()
    # the 待受理 queue no longer holds it (the change feed or the action's own refresh)
    qtbot.waitUntil(lambda: all(r.id != cid for r in loaded_rows(w)), timeout=3000)


def test_a_double_click_opens_one_dialog(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    """The dialog's data is read on a worker before it opens; a second click meanwhile opens nothing more."""
    from PySide6.QtWidgets import QApplication

    w = make_window(seeded)
    select_first_pending(qtbot, w)
    w.case_view.buttons["accept"].click()
    w.case_view.buttons["accept"].click()
    opened_dialog(qtbot, w)
    qtbot.wait(300)
    shown = [d for d in QApplication.topLevelWidgets() if isinstance(d, ActionDialog) and d.isVisible()]
    assert shown == [w.current_form]
    w.current_form.reject()
    w.case_view.buttons["accept"].click()  # closed: the next click opens it again
    qtbot.waitUntil(lambda: w.current_form is not None and w.current_form is not shown[0], timeout=3000)


def test_reject_dialog_requires_a_reason_before_sending(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(seeded)
    select_first_pending(qtbot, w)
    w.case_view.buttons["reject"].click()  # the dialog opens once its data is read (off the GUI thread)
    dialog = opened_dialog(qtbot, w)
    assert isinstance(dialog, ActionDialog)
    # the reason is required: OK stays disabled and the dialog says why, before anything is sent
    assert not dialog.ok_button.isEnabled()
    assert "理由" in dialog.reason_label.text()
    dialog.reason.setPlainText("重复上报")
    assert dialog.ok_button.isEnabled()
    assert dialog.isVisible()


def test_goto_case_by_number(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(seeded)
    with seeded.session() as s:
        number, cid = s.execute(
            select(Case.number, Case.id).where(Case.status == CaseStatus.REPORTED).limit(1)
        ).one()
    w.goto_case(number)
    qtbot.waitUntil(
        lambda: w.case_view.data is not None and w.case_view.data.detail.number == number, timeout=3000
    )
    assert w.table.selectionModel().currentIndex().data(CaseIdRole) == cid


def test_layout_sort_and_filters_persist(sqlite_url: str, ui_settings: Path, qtbot: QtBot) -> None:  # noqa: F811
    db = Database(make_engine(sqlite_url))
    seed_cases(db, 6)
    w = MainWindow(db, ACTOR)
    qtbot.addWidget(w)
    wait_idle(qtbot, w)
    w.set_quick_filter("待派遣")
    w.search.setText("楼")
    w.table.horizontalHeader().resizeSection(5, 333)
    w.table.horizontalHeader().setSortIndicator(8, Qt.SortOrder.DescendingOrder)
    w.save_layout()
    w.shutdown()
    w2 = MainWindow(db, ACTOR)
    qtbot.addWidget(w2)
    wait_idle(qtbot, w2)
    assert w2.quick_buttons["待派遣"].isChecked()
    assert w2.search.text() == "楼"
    assert w2.table.horizontalHeader().sectionSize(5) == 333
    assert w2.model.spec is not None
    assert w2.model.spec.sort is q.SortKey.REPORTED and w2.model.spec.descending
    assert w2.model.spec.flt.statuses == frozenset({CaseStatus.ACCEPTED}) and w2.model.spec.flt.text == "楼"
    w2.shutdown()
    db.dispose()


def test_chinese_font_selected(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.fonts import apply_chinese_font

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    family = apply_chinese_font(app)
    assert family is not None, "the seat has a Simplified-Chinese font (installer: fonts-wqy-microhei)"
    assert app.font().families()[0] == family


_ = psycopg


def test_rows_age_on_screen_green_yellow_red(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    """A row left on screen turns yellow at its warning time and red at its deadline, with no new query."""
    from datetime import timedelta

    from console import clock
    from console.domain import TrafficLight
    from ui.queue_model import COL, LightRole

    w = make_window(seeded)
    start = clock.now()
    rows = loaded_rows(w)
    i, row = next(
        (i, r)
        for i, r in enumerate(rows)
        if r.light_at(start) is TrafficLight.GREEN and r.stage_warn_at is not None and r.stage_due_at
    )
    assert row.stage_warn_at is not None and row.stage_due_at is not None
    index = w.model.index(i, COL["light"])
    deadline = w.model.index(i, COL["deadline"])
    assert index.data(LightRole) == TrafficLight.GREEN
    try:
        clock.set_clock(lambda: row.stage_warn_at + timedelta(minutes=1))  # type: ignore[operator]
        w.model.tick()
        assert index.data(LightRole) == TrafficLight.YELLOW
        assert deadline.data().startswith("剩")
        clock.set_clock(lambda: row.stage_due_at + timedelta(minutes=1))  # type: ignore[operator]
        w.model.tick()
        assert index.data(LightRole) == TrafficLight.RED
        assert deadline.data().startswith("超期")
    finally:
        clock.set_clock(None)
    assert w.model.row_at(i) is row  # aged in place: the row was not read again
