"""The case's printed forms from the window (issue 17 item 5), pytest-qt offscreen on SQLite and PostgreSQL: the
督办单 is previewed unnumbered, issued once (督〔年〕N号, a 督办 step in the case's history, the case view follows),
saved and printed; the 案件处理单 is previewed, saved and printed. The PDFs are read back."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console import clock
from console.db import Database
from console.ledger import overdue_case_numbers
from console.models import AuditLog, Case, CaseHistory
from console.models.notice import SupervisionNotice
from tests.test_ui_support import (
    ACTOR,
    seeded,
    seeded_pg_template,
    seeded_sqlite_template,
    seeded_url,
    ui_settings,
)
from tests.test_ui_window import make_window, wait_idle
from ui.form_print_dialog import PrintFormDialog
from ui.main_window import MainWindow

FIXTURES = (seeded, seeded_pg_template, seeded_sqlite_template, seeded_url, ui_settings, make_window)
WS = re.compile(r"\s+")


def text_of(pdf: Path) -> str:
    return WS.sub("", "".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages))


@pytest.fixture
def later() -> Iterator[None]:
    """Forty days on: the seeded cases that were dispatched are now 办理超期 (a 督办单 may be issued)."""
    start = clock.now() + timedelta(days=40)
    clock.set_clock(lambda: start)
    yield
    clock.set_clock(None)


def show_case(qtbot: QtBot, w: MainWindow, number: str) -> None:
    w.goto_case(number)
    qtbot.waitUntil(lambda: w.case_view.data is not None and w.case_view.data.detail.number == number,
                    timeout=5000)  # fmt: skip
    assert w.acts["print_notice"].isEnabled() and w.acts["print_case_sheet"].isEnabled()


def opened_form(qtbot: QtBot, w: MainWindow, action: str) -> PrintFormDialog:
    w.acts[action].trigger()
    assert isinstance(w.current_form, PrintFormDialog)
    dlg = w.current_form
    qtbot.waitUntil(lambda: dlg.pdf_path is not None and dlg.save_button.isEnabled() == dlg.is_final
                    and not dlg.preview_pixmap().isNull(), timeout=10000)  # fmt: skip
    return dlg


def print_to_file(dlg: PrintFormDialog, path: Path) -> int:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return dlg.print_to(printer)


def test_supervision_notice_from_the_window(
    seeded: Database, later: None, make_window: Callable[[Database], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    with seeded.session() as s:
        number = overdue_case_numbers(s)[0]
        case = s.scalars(select(Case).where(Case.number == number)).one()
        case_id, supervised = case.id, case.supervise_count
    w = make_window(seeded)
    show_case(qtbot, w, number)

    dlg = opened_form(qtbot, w, "print_notice")
    assert not dlg.is_final and not dlg.save_button.isEnabled() and not dlg.print_button.isEnabled()
    assert dlg.pdf_path is not None
    preview = text_of(dlg.pdf_path)
    year = clock.now().year
    assert (
        "督办单" in preview and number in preview and f"督〔{year}〕号" in preview
    )  # a preview takes no number
    with seeded.session() as s:
        assert s.scalar(select(SupervisionNotice.id).where(SupervisionNotice.case_id == case_id)) is None

    with qtbot.waitSignal(dlg.issued, timeout=10000) as issued:
        dlg.issue_button.click()
    label = issued.args[0]
    assert re.fullmatch(rf"督〔{year}〕\d+号", label)
    qtbot.waitUntil(lambda: dlg.is_final and dlg.save_button.isEnabled(), timeout=5000)
    assert not dlg.issue_button.isEnabled()  # issued once: no second number from this dialog

    saved = tmp_path / "督办单.pdf"
    dlg.save_to(saved)
    text = text_of(saved)
    assert label in text and number in text and f"督〔{year}〕{year}" not in text
    printed = tmp_path / "printed.pdf"
    assert (
        print_to_file(dlg, printed) == len(PdfReader(str(saved)).pages) == len(PdfReader(str(printed)).pages)
    )

    with seeded.session() as s:
        notes = s.scalars(select(CaseHistory.note).where(CaseHistory.case_id == case_id)).all()
        assert any(label in (n or "") for n in notes), "the 督办 step is in the case's history"
        assert s.scalar(select(Case.supervise_count).where(Case.id == case_id)) == supervised + 1
    # the case view follows through the change feed
    qtbot.waitUntil(lambda: w.case_view.data is not None and w.case_view.data.detail.supervise_count
                    == supervised + 1, timeout=5000)  # fmt: skip
    qtbot.waitUntil(lambda: _audited(seeded, label, 2), timeout=5000)  # saved and printed, both audited
    dlg.reject()
    wait_idle(qtbot, w)


def _audited(db: Database, label: str, n: int) -> bool:
    with db.session() as s:
        rows = s.scalars(
            select(AuditLog.detail).where(AuditLog.object == "督办单", AuditLog.login == ACTOR)
        ).all()
        return sum(label in (d or "") for d in rows) >= n


def test_case_sheet_from_the_window(
    seeded: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    with seeded.session() as s:
        case = s.scalars(select(Case).order_by(Case.id).limit(1)).one()
        number, summary = case.number, case.summary
    w = make_window(seeded)
    show_case(qtbot, w, number)
    dlg = opened_form(qtbot, w, "print_case_sheet")
    assert dlg.is_final and not dlg.issue_button.isVisible()
    saved = tmp_path / "sheet.pdf"
    dlg.save_to(saved)
    text = text_of(saved)
    assert "案件处理单" in text and number in text and WS.sub("", summary) in text and "办理过程" in text
    assert print_to_file(dlg, tmp_path / "printed.pdf") == len(PdfReader(str(saved)).pages)
    dlg.reject()
    wait_idle(qtbot, w)
