"""打印会商文书: the agenda (会商议程), the attendance sheet (签到表) or the minutes (会议纪要) of one meeting, made
on the task runner, previewed page by page, saved as PDF or printed — the ledger's print dialog's way
(`ui.print_dialog`): the PDF is the one source of preview, paper and file.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
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
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.security.audit import audit_export
from ui.errors import show_error
from ui.i18n import Texts, translated
from ui.print_dialog import PREVIEW_DPI, print_pdf, render_page_image
from ui.tasks import TaskRunner

#: (what, caption): the documents of a meeting
DOCUMENTS = (
    ("agenda", QT_TRANSLATE_NOOP("MeetingPrintDialog", "会商议程")),
    ("attendance", QT_TRANSLATE_NOOP("MeetingPrintDialog", "签到表")),
    ("minutes", QT_TRANSLATE_NOOP("MeetingPrintDialog", "会议纪要")),
)


class MeetingPrintDialog(QDialog):
    """Preview, save and print one document of a meeting."""

    generated = Signal(int)  # pages

    def __init__(self, runner: TaskRunner, meeting_id: int, title: str, actor: str, what: str = "agenda",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.runner, self.meeting_id, self.title, self.actor = runner, meeting_id, title, actor
        self.texts = Texts()  # set again on LanguageChange: the dialog may be open when the language switches
        self.texts.bind(self.setWindowTitle, QT_TRANSLATE_NOOP("MeetingPrintDialog", "打印会商文书"))
        self._tmpdir = tempfile.TemporaryDirectory(prefix="gridconsole-meeting-")
        self._pdf: Path | None = None
        self._pages = 0
        self._after: Any = None
        self.document = QComboBox()
        for i, (value, caption) in enumerate(DOCUMENTS):
            self.document.addItem("", value)
            self.texts.bind(partial(self.document.setItemText, i), caption)
        self.document.setCurrentIndex([d for d, _c in DOCUMENTS].index(what))
        self.document.currentIndexChanged.connect(lambda _i: self.generate())
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, 1)
        self.page_spin.setEnabled(False)
        self.page_spin.valueChanged.connect(self._show_page)
        self.status = QLabel()
        self._status_source = ""  # what `status` says, kept untranslated for `retranslate`
        self.preview = QLabel()
        self.texts.bind(self.preview.setText, QT_TRANSLATE_NOOP("MeetingPrintDialog", "（尚未生成）"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(480, 560))
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        self.save_button = QPushButton()
        self.texts.bind(self.save_button.setText, QT_TRANSLATE_NOOP("MeetingPrintDialog", "保存 PDF…"))
        self.save_button.clicked.connect(lambda: self._when_ready(self._ask_save))
        self.print_button = QPushButton()
        self.texts.bind(self.print_button.setText, QT_TRANSLATE_NOOP("MeetingPrintDialog", "打印…"))
        self.print_button.clicked.connect(lambda: self._when_ready(self._ask_print))
        self.close_button = QPushButton()
        self.texts.bind(self.close_button.setText, QT_TRANSLATE_NOOP("MeetingPrintDialog", "关闭"))
        self.close_button.clicked.connect(self.reject)
        document_label, page_label = QLabel(), QLabel()
        self.texts.bind(document_label.setText, QT_TRANSLATE_NOOP("MeetingPrintDialog", "文书"))
        self.texts.bind(page_label.setText, QT_TRANSLATE_NOOP("MeetingPrintDialog", "第"))
        top = QHBoxLayout()
        top.addWidget(document_label)
        top.addWidget(self.document)
        top.addStretch(1)
        top.addWidget(page_label)
        top.addWidget(self.page_spin)
        self.page_total = QLabel()
        self._page_total_source: str = QT_TRANSLATE_NOOP("MeetingPrintDialog", "页")
        top.addWidget(self.page_total)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for b in (self.save_button, self.print_button, self.close_button):
            bottom.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(scroll, 1)
        lay.addLayout(bottom)
        self.resize(720, 860)
        self.retranslate()
        self.generate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text again in the current language, the status line and page count included."""
        self.texts.retranslate()
        self.status.setText(translated(self._status_source))
        self.page_total.setText(translated(self._page_total_source))

    def _set_status(self, source: str) -> None:
        self._status_source = source
        self.status.setText(translated(source))

    def what(self) -> str:
        return str(self.document.currentData())

    def generate(self) -> None:
        """Render the chosen document on the task runner; the preview shows page 1 when it is done."""
        from reports.meetings import render_agenda, render_attendance, render_minutes

        what, mid, actor = self.what(), self.meeting_id, self.actor
        path = Path(self._tmpdir.name) / f"{what}.pdf"
        self._pdf = None
        self._set_status(QT_TRANSLATE_NOOP("MeetingPrintDialog", "正在生成…"))

        def job(db: Database) -> int:
            # a preview is no export: saving or printing it is (`_audit`)
            if what == "agenda":
                return render_agenda(db, mid, actor, path, with_attendance=False, audit=False)
            if what == "attendance":
                return render_attendance(db, mid, actor, path, audit=False)
            return render_minutes(db, mid, actor, path, audit=False)

        def done(pages: int) -> None:
            if what != self.what():  # the user picked another document meanwhile: its job follows
                return
            self._pdf, self._pages = path, pages
            self._set_status(Message(QT_TRANSLATE_NOOP("MeetingPrintDialog", "共 %1 页"), pages))
            self.page_spin.blockSignals(True)
            self.page_spin.setRange(1, max(pages, 1))
            self.page_spin.setValue(1)
            self.page_spin.blockSignals(False)
            self.page_spin.setEnabled(True)
            self._page_total_source = Message(QT_TRANSLATE_NOOP("MeetingPrintDialog", "页，共 %1 页"), pages)
            self.page_total.setText(translated(self._page_total_source))
            self._show_page(1)
            self.generated.emit(pages)
            after, self._after = self._after, None
            if after is not None:
                after()

        def failed(exc: BaseException) -> None:
            self._set_status(QT_TRANSLATE_NOOP("MeetingPrintDialog", "生成失败"))
            self._after = None
            show_error(self, exc)

        self.runner.run_db(job, done, failed, name="meeting-print")

    def _show_page(self, number: int) -> None:
        if self._pdf is not None:
            image = render_page_image(self._pdf, number - 1, PREVIEW_DPI)
            self.preview.setPixmap(QPixmap.fromImage(image))
            self.preview.setMinimumSize(image.size())

    def preview_pixmap(self) -> QPixmap:
        return self.preview.pixmap()

    def _when_ready(self, action: Any) -> None:
        if self._pdf is not None:
            action()
        else:
            self._after = action

    def _name(self) -> str:
        return f"{self.title}{self.document.currentText()}"

    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("MeetingPrintDialog", "保存 PDF"), f"{self._name()}.pdf", QCoreApplication.translate("MeetingPrintDialog", "PDF 文件 (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        """Copy the generated PDF to `path` (making it was audited as an export)."""
        if self._pdf is None:
            raise RuntimeError("nothing generated yet")
        shutil.copyfile(self._pdf, path)
        self._audit(f"{self._pages} 页 → {path}", printed=False)
        self._set_status(Message(QT_TRANSLATE_NOOP("MeetingPrintDialog", "已保存到 %1"), str(path)))

    def _ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setDocName(self._name())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self._pages, 1))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Send the generated pages to `printer`; returns the pages printed."""
        if self._pdf is None:
            raise RuntimeError("nothing generated yet")
        first, last, printed = print_pdf(self._pdf, printer)
        where = printer.printerName() or printer.outputFileName()
        self._audit(f"打印第 {first}–{last} 页（{where}）", printed=True)
        self._set_status(Message(QT_TRANSLATE_NOOP("MeetingPrintDialog", "已发送 %1 页到打印机"), printed))
        return printed

    def _audit(self, detail: str, *, printed: bool) -> None:
        """The audit row of a save or a print (the preview wrote none), on the task runner."""
        what, login = dict(DOCUMENTS)[self.what()], self.actor
        detail = f"{self.title}，{detail}"
        self.runner.run_db(lambda db: audit_export(db, login, what, detail, printed=printed), lambda _r: None,
                           lambda exc: show_error(self, exc), name="audit meeting print")  # fmt: skip

    def done(self, code: int) -> None:
        super().done(code)
        self._tmpdir.cleanup()
