"""`ui/` holds presentation only (issue 12, item 8): the grid picker searches on a worker and drops the answers
to what was typed before; a save made at this seat is refreshed once, through the same path as another
seat's change (the change feed), not once by the window and again when the feed reports it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from console.db import Database
from console.domain import CaseStatus
from console.workflow import dialog_data
from console.workflow.dialog_data import GridChoice
from tests.factories import Ref, seed_reference
from tests.test_dialog_actions import type_text
from tests.test_ui_support import (
    ACTOR,
    seeded,
    seeded_pg_template,
    seeded_sqlite_template,
    seeded_url,
    ui_settings,
)
from ui.dialogs import make_new_case_dialog
from ui.dialogs.base import ActionDialog
from ui.dialogs.widgets import GridPicker
from ui.main_window import MainWindow

FIXTURES = (seeded, seeded_pg_template, seeded_sqlite_template, seeded_url, ui_settings)


# --- the grid picker ---------------------------------------------------------------------------------------------


def test_grid_picker_searches_on_a_worker(qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    ref: Ref = seed_reference(db)
    threads: list[threading.Thread] = []
    real = dialog_data.find_grids

    def find_grids(session: Any, text: str, limit: int = 30) -> tuple[GridChoice, ...]:
        threads.append(threading.current_thread())
        return real(session, text, limit)

    monkeypatch.setattr(dialog_data, "find_grids", find_grids)
    dlg = make_new_case_dialog(None, db, ACTOR)
    qtbot.addWidget(dlg)
    dlg.show()
    type_text(dlg.grid.edit, "lysqyh")  # pinyin initials of 绿云社区一号楼院
    assert dlg.grid.searching  # typing returned at once: the answer is still on its way
    qtbot.waitUntil(lambda: not dlg.grid.searching, timeout=5000)
    selected = dlg.grid.selected()
    assert selected is not None and selected.code == ref.grid_code
    assert threads and all(t is not threading.main_thread() for t in threads)
    dlg.reject()


def test_grid_picker_drops_the_answer_to_an_older_query(qtbot: QtBot) -> None:
    asked: list[tuple[str, Callable[[tuple[GridChoice, ...]], None]]] = []
    picker = GridPicker(lambda text, deliver: asked.append((text, deliver)))
    qtbot.addWidget(picker)
    a = GridChoice("410102001", "三官庙街道", 1, "sgmjd")
    b = GridChoice("410102001001", "绿云社区", 2, "lysq")
    type_text(picker.edit, "s")
    type_text(picker.edit, "l")
    assert [t for t, _d in asked] == ["s", "sl"] and picker.searching
    asked[1][1]((b,))  # the newer answer first
    assert not picker.searching and picker.selected() == b
    asked[0][1]((a,))  # then the older one, late: dropped
    assert picker.selected() == b and picker.matches.count() == 1
    picker.edit.clear()
    type_text(picker.edit, "x")
    picker.edit.clear()
    picker._refresh("")  # cleared before the answer came (what textEdited reports)
    asked[-1][1]((a,))
    assert picker.selected() is None and picker.matches.count() == 0


# --- one refresh path ---------------------------------------------------------------------------------------------


@pytest.fixture
def window(seeded: Database, qtbot: QtBot, ui_settings: Path) -> Iterator[MainWindow]:  # noqa: F811
    w = MainWindow(seeded, ACTOR, feed_options={"poll_interval": 0.05})
    qtbot.addWidget(w)
    w.resize(1600, 900)
    w.show()
    qtbot.waitUntil(lambda: w.model.loaded_once and not w.is_busy() and w.live.connected, timeout=8000)
    yield w
    w.shutdown()


def test_own_action_is_refreshed_once(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    w.set_quick_filter("待受理")
    qtbot.waitUntil(lambda: w.model.loaded_once and not w.is_busy(), timeout=8000)
    cid = w.model.case_id(0)
    w.table.selectRow(0)
    qtbot.waitUntil(lambda: w.case_view.data is not None and w.case_view.data.detail.id == cid, timeout=3000)

    shown: list[int] = []
    applied: list[set[int]] = []
    show_data, apply_changes = w.case_view.show_data, w.model.apply_changes
    w.case_view.show_data = lambda data: (shown.append(data.detail.id), show_data(data))[1]  # type: ignore[method-assign]
    w.model.apply_changes = lambda ids: (applied.append(set(ids)), apply_changes(ids))[1]  # type: ignore[method-assign]

    w.case_view.buttons["accept"].click()
    qtbot.waitUntil(lambda: isinstance(w.current_form, ActionDialog) and w.current_form.isVisible(), timeout=3000)
    dialog = w.current_form
    assert isinstance(dialog, ActionDialog)
    with qtbot.waitSignal(w.changes_applied, timeout=5000, check_params_cb=lambda ids: cid in ids):
        dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: w.case_view.data is not None and w.case_view.data.detail.status is CaseStatus.ACCEPTED, timeout=3000
    )
    qtbot.wait(600)  # a dozen polls of the feed: a second refresh would have come by now
    assert shown == [cid]  # the case view read the case once
    assert [ids for ids in applied if cid in ids] == [{cid}]  # the queue re-read it once
    qtbot.waitUntil(lambda: all(w.model.case_id(i) != cid for i in range(w.model.rowCount())), timeout=3000)


# --- the connection dialog ----------------------------------------------------------------------------------------


def test_connection_dialog_opens_the_database_on_a_worker(sqlite_url: str, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from ui.connection import ConnectionDialog

    d = ConnectionDialog(sqlite_url)
    qtbot.addWidget(d)
    d.show()
    d.server.setChecked(True)
    d.host.setText("127.0.0.1")
    d.port.setValue(1)  # nothing listens there: the dialog says so and stays open
    d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "正在连接" in d.status.text()  # the click returned at once
    qtbot.waitUntil(lambda: d.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled(), timeout=15_000)
    assert d.isVisible() and d.opened_db is None and "无法连接数据库" in d.status.text()
    d.embedded.setChecked(True)
    d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: d.opened_db is not None, timeout=10_000)
    assert d.result() == QDialog.DialogCode.Accepted
    assert d.opened_db is not None and not d.opened_db.is_postgres
    d.opened_db.dispose()
