"""Printing one case's forms from the window (issue 17 item 5): the 督办单 and the 案件处理单, with a preview, save
as PDF and print, like the ledger's dialog (`ui.print_dialog`).

A 督办单 is numbered (督〔年〕N号) and recorded as a 督办 step on its case only when it is issued: the preview shows it
with the number blank; 印发 renders it through `reports.forms.render_notices(actor=…)`, which numbers and records
it in the transaction that prints it (`console.notices.issuing_notices`), so a number, a history row and a
printed form exist together or not at all. Rendering runs on the window's TaskRunner; no rule lives here.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.db import Database
from console.security.audit import audit_export
from ui.errors import show_error
from ui.print_dialog import PREVIEW_DPI, pdf_page_count, print_pdf, render_page_image
from ui.tasks import TaskRunner

NOTICE = "notice"  # 督办单
CASE_SHEET = "case_sheet"  # 案件处理单
TITLES = {NOTICE: "督办单", CASE_SHEET: "案件处理单"}


def render_form(db: Database, kind: str, number: str, target: Path, actor: str | None) -> tuple[int, str]:
    """Render one form of case `number` to `target` (worker thread); returns (pages, the notice's 督〔年〕N号 when
    `actor` issued one, else "")."""
    from reports.forms import render_case_sheet, render_notices

    if kind == CASE_SHEET:
        return render_case_sheet(db, number, target), ""
    pages = render_notices(db, [number], target, actor=actor)
    if actor is None:
        return pages, ""
    from console.notices import issued_notices

    with db.sessions() as session:
        return pages, issued_notices(session, number)[-1]


class PrintFormDialog(QDialog):
    """打印督办单 / 打印案件处理单 for one case."""

    #: a notice was issued (numbered, 督办 recorded): its label, e.g. 督〔2026〕3号
    issued = Signal(str)
    #: a PDF is ready on screen (preview or issued)
    generated = Signal()
    failed = Signal(object)

    def __init__(
        self, runner: TaskRunner, kind: str, number: str, parent: QWidget | None = None, *, actor: str = ""
    ) -> None:
        super().__init__(parent)
        self.runner, self.kind, self.number, self.actor = runner, kind, number, actor
        self._tmpdir = tempfile.TemporaryDirectory(prefix="gridconsole-form-")
        self._pdf: Path | None = None
        self._busy = False
        self.notice_label = ""  # 督〔年〕N号 once issued
        title = self.tr("督办单") if kind == NOTICE else self.tr("案件处理单")
        self.setWindowTitle(self.tr("打印%1 — %2").replace("%1", title).replace("%2", number))
        self._build()
        self.generate(issue=False)

    def _build(self) -> None:
        self.issue_button = QPushButton(self.tr("印发（编号并记录督办）…"))
        self.issue_button.setVisible(self.kind == NOTICE)
        self.issue_button.clicked.connect(lambda: self.generate(issue=True))
        self.save_button = QPushButton(self.tr("保存为 PDF…"))
        self.save_button.clicked.connect(self._ask_save)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.clicked.connect(self._ask_print)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, 1)
        self.page_spin.valueChanged.connect(self._show_page)
        self.page_total = QLabel("")
        self.preview = QLabel(self.tr("正在生成…"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(420, 360))
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)

        nav = QHBoxLayout()
        nav.addWidget(QLabel(self.tr("第")))
        nav.addWidget(self.page_spin)
        nav.addWidget(self.page_total)
        nav.addStretch(1)
        buttons = QHBoxLayout()
        for b in (self.issue_button, self.save_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._set_busy(True)
        self.resize(860, 720)

    # --- generation -------------------------------------------------------------------------------------------

    @property
    def pdf_path(self) -> Path | None:
        return self._pdf

    @property
    def is_final(self) -> bool:
        """What is shown may be saved or printed: a case sheet, or a notice once issued (never a preview)."""
        return self._pdf is not None and (self.kind == CASE_SHEET or bool(self.notice_label))

    def generate(self, *, issue: bool) -> None:
        """Render on a worker: a preview (a notice without its number), or with `issue` the numbered notice."""
        if self._busy and self._pdf is not None:
            return
        kind, number = self.kind, self.number
        actor = self.actor if issue else None
        target = Path(self._tmpdir.name) / f"{kind}-{'issued' if issue else 'preview'}.pdf"
        self._set_busy(True)
        self.status.setText(self.tr("正在印发…") if issue else self.tr("正在生成…"))
        self.runner.run_db(
            lambda db: (*render_form(db, kind, number, target, actor), target),
            self._generated,
            self._failed,
            name=f"{kind} pdf",
        )

    def _generated(self, payload: tuple[int, str, Path]) -> None:
        pages, label, path = payload
        self._pdf = path
        if label:
            self.notice_label = label
            self.status.setText(
                self.tr("已印发 %1：已编号，并在案件上记录了督办。可保存或打印。").replace("%1", label)
            )
            self.issued.emit(label)
        elif self.kind == NOTICE:
            self.status.setText(self.tr("预览：督办单编号（督〔年〕N号）在印发时生成，并在案件上记录督办。"))
        else:
            self.status.setText(self.tr("共 %n 页", None, pages))
        self._set_busy(False)
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, max(pages, 1))
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_total.setText(self.tr("页，共 %1 页").replace("%1", str(pages)))
        self._show_page(1)
        self.generated.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("未能生成：%1").replace("%1", str(exc)))
        self.failed.emit(exc)
        show_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.issue_button.setEnabled(not busy and self.kind == NOTICE and not self.notice_label)
        self.save_button.setEnabled(not busy and self.is_final)
        self.print_button.setEnabled(not busy and self.is_final)

    def _show_page(self, number: int) -> None:
        if self._pdf is not None:
            pixmap = QPixmap.fromImage(render_page_image(self._pdf, number - 1, PREVIEW_DPI))
            self.preview.setPixmap(pixmap)
            self.preview.setMinimumSize(pixmap.size())  # the page scrolls; never cropped to the window

    def preview_pixmap(self) -> QPixmap:
        return self.preview.pixmap()

    # --- save and print ---------------------------------------------------------------------------------------

    def _title(self) -> str:
        return f"{TITLES[self.kind]} {self.notice_label or self.number}"

    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存为 PDF"), f"{self._title()}.pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        """Copy the issued notice or the case sheet to `path`."""
        if not self.is_final or self._pdf is None:
            raise RuntimeError("nothing final to save yet")
        shutil.copyfile(self._pdf, path)
        self._audit(f"保存 → {path}", printed=False)
        self.status.setText(self.tr("已保存到 %1").replace("%1", str(path)))

    def _ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setDocName(self._title())
        dialog = QPrintDialog(printer, self)
        if self._pdf is not None:
            dialog.setMinMax(1, pdf_page_count(self._pdf))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Send the form's pages to `printer`; returns the pages printed."""
        if not self.is_final or self._pdf is None:
            raise RuntimeError("nothing final to print yet")
        first, last, printed = print_pdf(self._pdf, printer)
        where = printer.printerName() or printer.outputFileName()
        self._audit(f"打印第 {first}–{last} 页（{where}）", printed=True)
        self.status.setText(self.tr("已发送 %n 页到打印机", None, printed))
        return printed

    def _audit(self, detail: str, *, printed: bool) -> None:
        what, login = TITLES[self.kind], self.actor
        detail = f"{self.notice_label or self.number}，{detail}"
        self.runner.run_db(
            lambda db: audit_export(db, login, what, detail, printed=printed),
            lambda _r: None,
            lambda exc: show_error(self, exc),
            name="audit form",
        )

    def cleanup(self) -> None:
        self._tmpdir.cleanup()
