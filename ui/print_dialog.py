"""The "print ledger" dialog (打印台账): choose scope, period, grouping and columns; generate the PDF on a
worker (progress, cancel, GUI stays live); preview the rendered pages; save as PDF; print through Qt's print
dialog to any installed printer.

The PDF is the single source of what gets printed: the preview and the printer both rasterise its pages with
PDFium, so paper, preview and the saved file cannot disagree. No workflow logic lives here: the dialog builds
a `LedgerScope` (`scope()`), `reports.ledger.render_ledger` does the work.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console import clock
from console.db import Database
from console.i18n import QT_TRANSLATE_NOOP
from console.ledger import LedgerChoices, LedgerScope, ledger_choices
from console.security.audit import AuditEvent, audit
from reports.ledger import COLUMNS, REQUIRED_COLUMNS, LedgerCancelled, LedgerResult, render_ledger
from ui.errors import show_error
from ui.tasks import TaskRunner

GROUPINGS = [
    (None, QT_TRANSLATE_NOOP("PrintLedgerDialog", "不分组")),
    ("grid", QT_TRANSLATE_NOOP("PrintLedgerDialog", "按网格")),
    ("department", QT_TRANSLATE_NOOP("PrintLedgerDialog", "按责任单位")),
    ("key_area", QT_TRANSLATE_NOOP("PrintLedgerDialog", "按问题类别")),
]
PREVIEW_DPI = 96
PRINT_MAX_DPI = 300


def render_page_image(pdf_path: str | Path, index: int, dpi: float) -> QImage:
    """Page `index` of the PDF as an image at `dpi` (PDFium; call from the GUI thread only)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[index]
        bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        fmt = QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBA8888
        image = QImage(bytes(bitmap.buffer), width, height, stride, fmt).copy()
        page.close()
        return image
    finally:
        pdf.close()


def pdf_page_count(pdf_path: str | Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def print_pdf(
    pdf_path: str | Path, printer: QPrinter, on_page: Callable[[int, int], None] | None = None
) -> tuple[int, int, int]:
    """Send a PDF's pages to `printer`, rasterised at the printer's resolution (≤300 dpi), within the page range
    chosen in the print dialog; `on_page(number, last)` after each page. Returns (first, last, pages printed)."""
    total = pdf_page_count(pdf_path)
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = min(printer.toPage(), total) if printer.toPage() else total
    printer.setFullPage(True)
    dpi = min(printer.resolution(), PRINT_MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("cannot start printing")
    printed = 0
    try:
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            image = render_page_image(pdf_path, number - 1, dpi)
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF((target.width() - w) / 2, (target.height() - h) / 2, w, h), image)
            printed += 1
            if on_page is not None:
                on_page(number, last)
            QApplication.processEvents()
    finally:
        painter.end()
    return first, last, printed


class _Progress(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the signal across threads."""

    advanced = Signal(int, int, int)  # rows done, rows expected, pages drawn


class PrintLedgerDialog(QDialog):
    """打印问题整改台账."""

    generated = Signal(object)  # LedgerResult
    cancelled = Signal()
    failed = Signal(object)  # the exception

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, *, actor: str = "") -> None:
        super().__init__(parent)
        self.runner = runner
        self.actor = actor  # recorded in the audit log with every save and print
        self.setWindowTitle(self.tr("打印问题整改台账"))
        self._tmpdir = tempfile.TemporaryDirectory(prefix="gridconsole-ledger-")
        self._pdf: Path | None = None
        self._result: LedgerResult | None = None
        self._cancel = threading.Event()
        self._busy = False
        self._after: Any = None  # what to do once generation finished (save / print)
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._on_progress)
        self._build()
        self.runner.run(
            ledger_choices, self._fill_choices, lambda exc: show_error(self, exc), name="ledger choices"
        )

    # --- widgets ----------------------------------------------------------------------------------------------

    def _build(self) -> None:
        options = QGroupBox(self.tr("台账范围"))
        form = QFormLayout(options)
        self.grid_combo = QComboBox()
        self.grid_combo.addItem(self.tr("全辖区"), None)
        self.department_combo = QComboBox()
        self.department_combo.addItem(self.tr("全部责任单位"), None)
        self.category_combo = QComboBox()
        self.category_combo.addItem(self.tr("全部类别"), None)
        year = clock.now().year
        self.date_from = QDateEdit(QDate(year, 1, 1))
        self.date_to = QDateEdit(QDate(year, 12, 31))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel(self.tr("至")))
        period.addWidget(self.date_to)
        self.open_only = QCheckBox(self.tr("只列未办结"))
        self.grouping = QComboBox()
        for key, label in GROUPINGS:
            self.grouping.addItem(self.tr(label), key)
        form.addRow(self.tr("网格"), self.grid_combo)
        form.addRow(self.tr("责任单位"), self.department_combo)
        form.addRow(self.tr("重点领域/类别"), self.category_combo)
        form.addRow(self.tr("发现日期"), period)
        form.addRow(self.tr("分组小计"), self.grouping)
        form.addRow("", self.open_only)

        columns_box = QGroupBox(self.tr("打印列"))
        grid = QGridLayout(columns_box)
        self.column_boxes: dict[str, QCheckBox] = {}
        for i, col in enumerate(COLUMNS):
            box = QCheckBox(col.title.replace("\n", ""))
            box.setChecked(True)
            box.setEnabled(col.key not in REQUIRED_COLUMNS)
            self.column_boxes[col.key] = box
            grid.addWidget(box, i // 3, i % 3)

        self.generate_button = QPushButton(self.tr("生成预览"))
        self.cancel_button = QPushButton(self.tr("取消生成"))
        self.save_button = QPushButton(self.tr("保存为 PDF…"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.cancel_button.setEnabled(False)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button.clicked.connect(self.cancel_generation)
        self.save_button.clicked.connect(self._save_clicked)
        self.print_button.clicked.connect(self._print_clicked)
        self.close_button.clicked.connect(self.reject)
        self.progress_bar = QProgressBar()
        self.progress_bar.setVisible(False)
        self.status = QLabel(self.tr("选择范围后点击“生成预览”"))
        # characters no installed font has (drawn as 〓): named before anyone prints or saves
        self.unprintable_label = QLabel("")
        self.unprintable_label.setWordWrap(True)
        self.unprintable_label.setStyleSheet("color: #b00020;")
        self.unprintable_label.setVisible(False)

        left = QVBoxLayout()
        left.addWidget(options)
        left.addWidget(columns_box)
        left.addStretch(1)
        for button in (self.generate_button, self.cancel_button, self.save_button, self.print_button):
            left.addWidget(button)
        left.addWidget(self.progress_bar)
        left.addWidget(self.status)
        left.addWidget(self.unprintable_label)
        left.addWidget(self.close_button)

        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, 1)
        self.page_spin.setEnabled(False)
        self.page_spin.valueChanged.connect(self._show_page)
        self.page_total = QLabel("")
        nav = QHBoxLayout()
        nav.addWidget(QLabel(self.tr("第")))
        nav.addWidget(self.page_spin)
        nav.addWidget(self.page_total)
        nav.addStretch(1)
        self.preview = QLabel(self.tr("（尚未生成）"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(560, 400))
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        right = QVBoxLayout()
        right.addLayout(nav)
        right.addWidget(scroll, 1)

        layout = QHBoxLayout(self)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(380)
        layout.addWidget(left_widget)
        layout.addLayout(right, 1)
        for signal in (
            self.grid_combo.currentIndexChanged, self.department_combo.currentIndexChanged,
            self.category_combo.currentIndexChanged, self.date_from.dateChanged, self.date_to.dateChanged,
            self.grouping.currentIndexChanged, self.open_only.toggled,
        ):  # fmt: skip
            signal.connect(self._options_changed)
        for box in self.column_boxes.values():
            box.toggled.connect(self._options_changed)
        self.resize(1180, 720)

    def _fill_choices(self, choices: LedgerChoices) -> None:
        for code, name in choices.grids:
            self.grid_combo.addItem(f"{name}（{code}）", code)
        for name in choices.departments:
            self.department_combo.addItem(name, name)
        for name, key_area in choices.categories:
            self.category_combo.addItem(self.tr("重点领域·") + name if key_area else name, name)

    # --- typed results ----------------------------------------------------------------------------------------

    def scope(self) -> LedgerScope:
        """The ledger the dialog asks for, as the core understands it."""
        return LedgerScope(
            grid_code=self.grid_combo.currentData(),
            department=self.department_combo.currentData(),
            key_area=self.category_combo.currentData(),
            date_from=_date(self.date_from.date()),
            date_to=_date(self.date_to.date()),
            open_only=self.open_only.isChecked(),
            group_by=self.grouping.currentData(),
        )

    def columns(self) -> list[str]:
        return [key for key, box in self.column_boxes.items() if box.isChecked()]

    def set_scope(self, scope: LedgerScope) -> None:
        """Preset the options (e.g. from the grid tree's context menu)."""
        for combo, value in (
            (self.grid_combo, scope.grid_code), (self.department_combo, scope.department),
            (self.category_combo, scope.key_area), (self.grouping, scope.group_by),
        ):  # fmt: skip
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        if scope.date_from:
            self.date_from.setDate(QDate(scope.date_from.year, scope.date_from.month, scope.date_from.day))
        if scope.date_to:
            self.date_to.setDate(QDate(scope.date_to.year, scope.date_to.month, scope.date_to.day))
        self.open_only.setChecked(scope.open_only)

    @property
    def pdf_path(self) -> Path | None:
        return self._pdf

    @property
    def ledger_result(self) -> LedgerResult | None:
        return self._result

    # --- generation -------------------------------------------------------------------------------------------

    def _options_changed(self, *_args: object) -> None:
        if self._pdf is not None and not self._busy:
            self.status.setText(self.tr("范围已更改，请重新生成"))
        self._pdf = None
        self._result = None
        self.unprintable_label.setVisible(False)

    def generate(self) -> None:
        """Render the ledger on a worker thread into a temporary PDF, then show page 1."""
        if self._busy:
            return
        scope, columns = self.scope(), self.columns()
        target = Path(self._tmpdir.name) / f"ledger-{os.getpid()}-{id(scope)}.pdf"
        self._cancel = threading.Event()
        cancel = self._cancel
        progress = self._progress

        def job(db: Database) -> tuple[LedgerResult, Path]:
            result = render_ledger(
                db, scope, target, columns=columns,
                progress=progress.advanced.emit,
                should_cancel=cancel.is_set,
            )  # fmt: skip
            return result, target

        self._set_busy(True)
        self.status.setText(self.tr("正在生成…"))
        self.runner.run_db(job, self._generated, self._generation_failed, name="ledger pdf")

    def cancel_generation(self) -> None:
        if self._busy:
            self._cancel.set()
            self.status.setText(self.tr("正在取消…"))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.generate_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.save_button.setEnabled(not busy)
        self.print_button.setEnabled(not busy)
        self.progress_bar.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, 0)

    def _on_progress(self, done: int, total: int, pages: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        self.status.setText(self.tr("已生成 %1 页（%2/%3 件）").replace("%1", str(pages))
                            .replace("%2", str(done)).replace("%3", str(total)))  # fmt: skip

    def _generated(self, payload: tuple[LedgerResult, Path]) -> None:
        result, path = payload
        self._set_busy(False)
        self._result, self._pdf = result, path
        t = result.totals
        self.status.setText(
            self.tr("共 %1 页，%2 件（已办结 %3，未办结 %4，超期 %5）")
            .replace("%1", str(result.pages)).replace("%2", str(t.total)).replace("%3", str(t.closed))
            .replace("%4", str(t.open)).replace("%5", str(t.overdue))
        )  # fmt: skip
        message = result.unprintable.message()  # a sentence of reports.fonts, like the refusals of console/
        self.unprintable_label.setText(message)
        self.unprintable_label.setVisible(bool(message))
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, max(result.pages, 1))
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_spin.setEnabled(True)
        self.page_total.setText(self.tr("页，共 %1 页").replace("%1", str(result.pages)))
        self._show_page(1)
        self.generated.emit(result)
        after, self._after = self._after, None
        if after is not None:
            after()

    def _generation_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._after = None
        if isinstance(exc, LedgerCancelled):
            self.status.setText(self.tr("已取消"))
            self.cancelled.emit()
            return
        self.status.setText(self.tr("生成失败"))
        self.failed.emit(exc)
        show_error(self, exc, self.tr("台账生成失败"))

    # --- preview ----------------------------------------------------------------------------------------------

    def _show_page(self, number: int) -> None:
        if self._pdf is None:
            return
        image = render_page_image(self._pdf, number - 1, PREVIEW_DPI)
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.preview.setMinimumSize(image.size())  # the page scrolls; never cropped to the window

    def preview_pixmap(self) -> QPixmap:
        return self.preview.pixmap()

    # --- save and print ---------------------------------------------------------------------------------------

    def _when_ready(self, action: Any) -> None:
        if self._pdf is not None:
            action()
        else:
            self._after = action
            self.generate()

    def _save_clicked(self) -> None:
        self._when_ready(self._ask_save)

    def _ask_save(self) -> None:
        default = f"{self._result.title if self._result else '问题整改台账'}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存台账"), default, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        """Copy the generated PDF to `path`."""
        if self._pdf is None:
            raise RuntimeError("nothing generated yet")
        shutil.copyfile(self._pdf, path)
        self._audit(f"保存 → {path}", printed=False)
        self.status.setText(self.tr("已保存到 %1").replace("%1", str(path)))

    def _print_clicked(self) -> None:
        self._when_ready(self._ask_print)

    def _ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setDocName(self._result.title if self._result else "问题整改台账")
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self._result.pages if self._result else 1)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _audit(self, detail: str, *, printed: bool) -> None:
        title = self._result.title if self._result else "问题整改台账"
        pages = f"，{self._result.pages} 页" if self._result else ""
        event = AuditEvent.PRINT if printed else AuditEvent.EXPORT
        self.runner.run(
            lambda s: audit(s, event, login=self.actor, object=title, detail=f"{detail}{pages}"),
            lambda _r: None,
            lambda exc: show_error(self, exc),
            name="audit export",
        )

    def print_to(self, printer: QPrinter) -> int:
        """Send the generated PDF's pages to `printer` (rasterised at the printer's resolution, ≤300 dpi).
        Honours the page range chosen in the print dialog; returns the pages printed."""
        if self._pdf is None:
            raise RuntimeError("nothing generated yet")

        def on_page(number: int, last: int) -> None:
            self.status.setText(self.tr("正在打印第 %1/%2 页").replace("%1", str(number)).replace("%2", str(last)))

        first, last, printed = print_pdf(self._pdf, printer, on_page)
        self._audit(
            f"打印第 {first}–{last} 页（{printer.printerName() or printer.outputFileName()}）", printed=True
        )
        self.status.setText(self.tr("已发送 %n 页到打印机", None, printed))
        return printed

    # --- closing ----------------------------------------------------------------------------------------------

    def done(self, code: int) -> None:
        self._cancel.set()
        super().done(code)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self._cancel.set()
        super().closeEvent(event)

    def cleanup(self) -> None:
        self._tmpdir.cleanup()


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
