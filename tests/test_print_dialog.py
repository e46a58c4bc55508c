"""The print-ledger dialog: options → LedgerScope, generation on a worker with progress, preview pages,
cancel, save as PDF, and printing through a QPrinter (to a PDF file here, read back with pypdf)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.db import Database, make_engine
from console.domain import CaseStatus
from console.ledger import LedgerScope
from console.models import AuditLog
from tests.test_ledger_data import Town, add_case, build_town
from ui.print_dialog import PrintLedgerDialog
from ui.tasks import TaskRunner


@pytest.fixture
def filled(sqlite_url: str) -> Iterator[tuple[Database, Town]]:
    db = Database(make_engine(sqlite_url))
    t = build_town(db)
    for i in range(150):
        add_case(db, t, grid=t.g11 if i % 2 else t.g21, reported=datetime(2026, 2, 1) + timedelta(hours=i),
                 status=CaseStatus.IN_PROGRESS if i % 3 else CaseStatus.CLOSED, lead_department_id=t.env,
                 summary=f"第{i}件：楼道堆放杂物，存在消防安全隐患", description="居民多次反映，需尽快清理。" * (i % 4))  # fmt: skip
    yield db, t
    db.dispose()


@pytest.fixture
def dialog(qtbot: QtBot, filled: tuple[Database, Town]) -> Iterator[PrintLedgerDialog]:
    db, _t = filled
    runner = TaskRunner(db)
    dlg = PrintLedgerDialog(runner, actor="督查员甲")
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.grid_combo.count() > 1, timeout=5000)
    dlg.set_scope(LedgerScope(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)))
    yield dlg
    runner.shutdown()
    dlg.cleanup()


def test_options_become_a_scope(dialog: PrintLedgerDialog) -> None:
    dialog.grid_combo.setCurrentIndex(dialog.grid_combo.findData("410102006001000"))
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findData("环保办"))
    dialog.grouping.setCurrentIndex(dialog.grouping.findData("grid"))
    dialog.open_only.setChecked(True)
    dialog.column_boxes["measures"].setChecked(False)
    assert dialog.scope() == LedgerScope(
        grid_code="410102006001000", department="环保办", key_area=None, date_from=date(2026, 1, 1),
        date_to=date(2026, 12, 31), open_only=True, group_by="grid",
    )  # fmt: skip
    assert "measures" not in dialog.columns() and "number" in dialog.columns()
    assert not dialog.column_boxes["number"].isEnabled()  # 编号 is always printed


def test_generate_preview_save_and_print(qtbot: QtBot, dialog: PrintLedgerDialog, tmp_path: Path) -> None:
    progress: list[tuple[int, int, int]] = []
    dialog._progress.advanced.connect(lambda *a: progress.append(a))
    with qtbot.waitSignal(dialog.generated, timeout=30_000) as signal:
        dialog.generate_button.click()
        assert dialog.cancel_button.isEnabled()  # busy, and the GUI thread is free to process events
    result = signal.args[0]
    assert result.totals.total == 150 and result.pages > 2
    assert progress and progress[-1][1] == 150 and progress[-1][2] >= 1
    pixmap = dialog.preview_pixmap()
    assert not pixmap.isNull() and pixmap.width() > pixmap.height()  # A4 landscape
    dialog.page_spin.setValue(2)
    assert not dialog.preview_pixmap().isNull()

    saved = tmp_path / "saved.pdf"
    dialog.save_to(saved)
    assert len(PdfReader(str(saved)).pages) == result.pages

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setFromTo(2, 3)
    assert dialog.print_to(printer) == 2
    printed = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(printed.pages) == 2
    box = printed.pages[0].mediabox
    assert float(box.width) > float(box.height)

    # both the save and the print are in the audit log, under the user's login
    def audited() -> list[tuple[str, str]]:
        with dialog.runner.db.session() as s:  # type: ignore[union-attr]
            return [
                (e, login)
                for e, login in s.execute(select(AuditLog.event, AuditLog.login).order_by(AuditLog.id))
            ]

    qtbot.waitUntil(lambda: len(audited()) == 2, timeout=5000)
    assert audited() == [("export", "督查员甲"), ("print", "督查员甲")]


def test_changing_options_drops_the_old_pdf(qtbot: QtBot, dialog: PrintLedgerDialog) -> None:
    with qtbot.waitSignal(dialog.generated, timeout=30_000):
        dialog.generate()
    assert dialog.pdf_path is not None
    dialog.open_only.setChecked(True)
    assert dialog.pdf_path is None and "重新生成" in dialog.status.text()


def test_cancel(qtbot: QtBot, dialog: PrintLedgerDialog) -> None:
    # press 取消 (in the worker's thread, as soon as page 1 is reported, so the race is decided): the worker
    # stops at the next page and leaves no file behind
    dialog._progress.advanced.connect(lambda *_a: dialog._cancel.set(), Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(dialog.cancelled, timeout=30_000):
        dialog.generate()
    assert dialog.pdf_path is None and dialog.generate_button.isEnabled()
    assert "已取消" in dialog.status.text()
    assert not list(Path(dialog._tmpdir.name).iterdir())


def test_unprintable_characters_are_named_before_printing(
    qtbot: QtBot, dialog: PrintLedgerDialog, filled: tuple[Database, Town]
) -> None:
    db, t = filled
    with qtbot.waitSignal(dialog.generated, timeout=30_000):
        dialog.generate()
    assert not dialog.unprintable_label.isVisible() and dialog.unprintable_label.text() == ""
    rare = "\U0002ebf0"  # CJK Extension I: no installed face has it
    number = add_case(db, t, grid=t.g11, status=CaseStatus.IN_PROGRESS, reported=datetime(2026, 3, 1, 9),
                      summary=f"王{rare}反映楼道堆物")  # fmt: skip
    dialog.open_only.setChecked(True)  # options changed: the warning of the old PDF goes with it
    with qtbot.waitSignal(dialog.generated, timeout=30_000) as signal:
        dialog.generate()
    assert list(signal.args[0].unprintable.chars) == [rare]
    text = dialog.unprintable_label.text()
    assert not dialog.unprintable_label.isHidden()
    assert "1 个字无法显示" in text and number in text and "〓" in text
