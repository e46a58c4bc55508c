"""The review window's steps and spot checks (pytest-qt, offscreen, a real SQLite file, the fixed month of
tests/review_data.py): 计算 → 公示 → 申诉 → 裁定 → 审定 → 冻结 from the buttons, a refusal shown while an appeal is
undecided, and a seeded spot check whose "not fixed" reopens the case through the workflow; the panels' models
checked by qtmodeltester."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console import clock
from console.db import Database, make_engine
from console.domain import CaseStatus
from console.models import Case, CaseHistory, ReviewResult
from console.review.freezing import verify_seal
from console.review.results import APPROVED, DRAFT, FROZEN, PUBLISHED
from console.review.spotcheck import NOT_FIXED
from tests.review_data import build_month
from tests.test_ui_support import ui_settings  # noqa: F401 - fixture
from ui.review_charts import week_tip
from ui.review_steps import AppealDialog, AppealInput
from ui.review_window import ReviewWindow

ON = datetime(2026, 12, 2, 9, 0)  # November 2026 is the month the window opens on
HEAD = "主任"


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(make_engine(sqlite_url))
    yield database
    database.dispose()


@pytest.fixture
def window(db: Database, qtbot: QtBot) -> Iterator[ReviewWindow]:
    build_month(db)
    clock.set_clock(lambda: ON)
    w = ReviewWindow(db, HEAD)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=20_000):
        w.refresh()
    yield w
    w.tasks.wait()
    clock.set_clock(None)


def step(qtbot: QtBot, w: ReviewWindow, action: Any) -> None:
    """Take a step and wait until the window shows the period again."""
    with qtbot.waitSignal(w.loaded, timeout=20_000):
        action()


def open_buttons(w: ReviewWindow) -> set[str]:
    return {k for k, b in w.steps.buttons.items() if b.isEnabled()}


def select_row(view: Any, row: int) -> None:
    sel = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().select(view.model().index(row, 0), sel)


def test_a_month_from_draft_to_frozen_by_the_buttons(
    db: Database, window: ReviewWindow, qtbot: QtBot, qtmodeltester: Any
) -> None:
    w = window
    assert w.data is not None and w.data.review.status == "live"
    assert open_buttons(w) == {"compute"}
    step(qtbot, w, w.steps.buttons["compute"].click)
    assert w.data.review.status == DRAFT and open_buttons(w) == {"compute", "publish"}
    step(qtbot, w, w.steps.buttons["publish"].click)
    assert w.data.review.status == PUBLISHED and open_buttons(w) == {"appeal", "approve"}

    group = w.data.review.table.keys[0]
    dialog = AppealDialog([(group, w.data.review.table.names[group])], w)
    dialog.figure_box.setCurrentIndex(dialog.figure_box.findData("close_rate"))
    dialog.reason_edit.setPlainText("两件案件已在时限内反馈，系统记为超期")
    assert dialog.result_input() == AppealInput(group, "close_rate", "两件案件已在时限内反馈，系统记为超期")
    step(qtbot, w, lambda: w.steps.file_appeal(dialog.result_input()))
    qtbot.waitUntil(lambda: len(w.steps.appeals.rows) == 1, timeout=10_000)
    qtmodeltester.check(w.steps.appeals)
    assert w.steps.appeals.rows[0].decision_label == "待裁定"

    # 审定 is refused while the appeal is undecided: one sentence in a box, the result stays published
    w.steps.take_step("approve")
    qtbot.waitUntil(lambda: any("未裁定" in b.text() for b in w.findChildren(QMessageBox)), timeout=10_000)
    for box in w.findChildren(QMessageBox):
        box.close()

    select_row(w.steps.appeals_view, 0)
    assert w.steps.uphold_button.isEnabled()
    w.steps.note_edit.setText("核实属实，扣减其超期记录")
    w.steps.points_spin.setValue(2.0)
    step(qtbot, w, w.steps.uphold_button.click)
    qtbot.waitUntil(lambda: bool(w.steps.appeals.rows) and w.steps.appeals.rows[0].decision == "upheld")
    step(qtbot, w, w.steps.buttons["approve"].click)
    assert w.data.review.status == APPROVED and open_buttons(w) == {"freeze"}
    step(qtbot, w, w.steps.buttons["freeze"].click)
    assert w.data.review.status == FROZEN and open_buttons(w) == set()
    with db.session() as s:
        row = s.scalars(select(ReviewResult)).one()
        assert row.status == FROZEN and row.approved_by == HEAD and verify_seal(row)


def sheet_shown(spot: Any, samples: int) -> bool:
    """The sample list is loaded and the sheet shows the chosen sample's rows (not the one chosen before)."""
    return spot.sample_box.count() == samples and spot.sheet.check_id == spot.sample_box.currentData()


def test_a_spot_check_drawn_and_recorded_in_the_window(
    db: Database, window: ReviewWindow, qtbot: QtBot, qtmodeltester: Any
) -> None:
    w = window
    spot = w.spot
    w.tabs.setCurrentWidget(spot)
    spot.size_spin.setValue(2)
    seed = spot.seed_spin.value()
    assert seed == 20261101  # the period's first day: the same sample whenever it is drawn again
    spot.draw()
    qtbot.waitUntil(lambda: sheet_shown(spot, samples=1), timeout=10_000)
    first = [r.case_id for r in spot.sheet.rows]
    qtmodeltester.check(spot.sheet)
    spot.draw()  # the same seed over the same records draws the same cases
    qtbot.waitUntil(lambda: sheet_shown(spot, samples=2), timeout=10_000)
    assert [r.case_id for r in spot.sheet.rows] == first
    newest = spot.sample_box.currentData()

    spot.sample_box.setCurrentIndex(1)  # the older sample: until its rows arrive, nothing can be recorded
    select_row(spot.sheet_view, 0)
    assert spot.sheet.check_id == newest and not spot.record_button.isEnabled()
    qtbot.waitUntil(lambda: sheet_shown(spot, samples=2), timeout=10_000)
    older = spot.sheet.check_id
    assert older != newest

    select_row(spot.sheet_view, 0)
    assert spot.record_button.isEnabled()
    spot.outcome_box.setCurrentIndex(spot.outcome_box.findData(NOT_FIXED))
    spot.note_edit.setText("现场复查问题仍在")
    case_id = spot.sheet.rows[0].case_id
    with qtbot.waitSignal(w.loaded, timeout=20_000):  # the figures are shown again with the result
        spot.record_button.click()
    qtbot.waitUntil(lambda: sheet_shown(spot, samples=2) and spot.sheet.rows[0].outcome == NOT_FIXED,
                    timeout=10_000)  # fmt: skip
    assert spot.sample_box.currentData() == older  # the figures shown again keep the chosen sample
    assert spot.sheet.rows[0].outcome_label == "未解决（返工）"
    with db.session() as s:
        assert s.get(Case, case_id).status == CaseStatus.IN_PROGRESS  # type: ignore[union-attr]
        last = s.scalars(select(CaseHistory).where(CaseHistory.case_id == case_id)
                         .order_by(CaseHistory.id.desc())).first()  # fmt: skip
        assert last is not None and last.action == "reopen" and "现场复查问题仍在" in last.note
    select_row(spot.sheet_view, 0)
    assert not spot.record_button.isEnabled()  # recorded once


def test_chart_hover_texts_go_through_translation() -> None:
    assert week_tip("上报", datetime(2026, 11, 2).timestamp(), 12.0) == "上报 11-02周：12"
