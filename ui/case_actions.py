"""The main window's case actions: the workflow dialogs (opened once what they show was read on a worker),
受理登记, 批量派遣, 打印整改台账, 打印督办单/案件处理单, 关注 and
添加附件. A save is shown through the window's one refresh path
(`MainWindow.own_change`), like a change made on another seat."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog

from console.ledger import LedgerScope
from console.workflow.dialog_data import Opening, batch_dispatch_opening, read_opening
from console.workflow.read import CaseDetail
from console.workflow.service import CaseService
from ui.dialogs import make_action_dialog, make_batch_dispatch_dialog, make_new_case_dialog
from ui.errors import show_error
from ui.tasks import FOREGROUND

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class CaseActions(QObject):
    """Opens the dialogs of the window `w` and reports what they saved to `w.own_change`."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.dialog_coming = False  # a dialog's data is being read (`_open_when_read`)

    def run_action(self, action: str, _action_label: str = "") -> None:
        """Open the dialog that knows the rules of `action` (ui/dialogs); it writes through CaseService."""
        w = self.w
        detail = w.case_view.current()
        if detail is None:
            return
        self._open_when_read(
            lambda s: read_opening(s, action, details=[detail]),
            lambda opening: make_action_dialog(w, w.db, w.actor, detail, action, w.tasks, opening),
            detail.id,
        )

    def _open_when_read(self, read: Callable[[Any], Opening], make: Callable[[Opening], Any],
                        case_id: int | None) -> None:  # fmt: skip
        """Read what the dialog shows on a worker, then build and open it: the window never waits for the server.
        While one is on its way, another click opens nothing."""
        if self.dialog_coming:
            return
        self.dialog_coming = True

        def ready(opening: Opening) -> None:
            self.dialog_coming = False
            self._open_dialog(make(opening), case_id)

        def failed(exc: BaseException) -> None:
            self.dialog_coming = False
            show_error(self.w, exc)

        self.w.tasks.run(read, ready, failed, name="dialog-open", priority=FOREGROUND)

    def new_case(self) -> None:
        """受理登记, with the grid selected in the tree preselected."""
        w = self.w
        grid = w.current_grid_code() or None
        self._open_when_read(
            lambda s: read_opening(s, "report", grid_code=grid),
            lambda opening: make_new_case_dialog(w, w.db, w.actor, grid, w.tasks, opening),
            None,
        )

    def batch_dispatch(self) -> None:
        """派遣 every selected 待派遣 case with the same settings."""
        w = self.w
        ids = [i for i in w.selected_case_ids() if i is not None]
        if not ids or self.dialog_coming:
            return
        self.dialog_coming = True

        def opened(loaded: tuple[list[CaseDetail], Opening | None]) -> None:
            self.dialog_coming = False
            ready, opening = loaded
            if not ready:
                w.statusBar().showMessage(QCoreApplication.translate("MainWindow", "所选案件中没有待派遣的案件"), 5000)
                return
            dlg, done = make_batch_dispatch_dialog(w, w.db, w.actor, ready, w.tasks, opening)
            w.current_form = dlg

            def closed(_code: int) -> None:
                refs = done()
                if refs:
                    w.own_change({r.id for r in refs})
                dlg.deleteLater()

            dlg.finished.connect(closed)
            dlg.open()

        def failed(exc: BaseException) -> None:
            self.dialog_coming = False
            show_error(w, exc)

        w.tasks.run(lambda s: batch_dispatch_opening(s, ids), opened, failed, name="batch-details",
                    priority=FOREGROUND)  # fmt: skip

    def print_ledger(self) -> None:
        # reportlab is loaded when first asked for, not on launch
        from ui.print_dialog import PrintLedgerDialog

        w = self.w
        dlg = PrintLedgerDialog(w.tasks, w, actor=w.actor)
        grid = w.current_grid_code()
        if grid:
            dlg.set_scope(LedgerScope(grid_code=grid))
        w.current_form = dlg
        dlg.finished.connect(lambda _code: dlg.deleteLater())
        dlg.open()

    def print_notice(self) -> None:
        from ui.form_print_dialog import NOTICE

        self.print_form(NOTICE)

    def print_case_sheet(self) -> None:
        from ui.form_print_dialog import CASE_SHEET

        self.print_form(CASE_SHEET)

    def print_form(self, kind: str) -> None:
        """打印督办单 / 打印案件处理单 of the case shown; an issued notice reaches the screen like any change."""
        w = self.w
        detail = w.case_view.current()
        if detail is None:
            return
        from ui.form_print_dialog import PrintFormDialog  # its PDF machinery is loaded when first asked for

        dlg = PrintFormDialog(w.tasks, kind, detail.number, w, actor=w.actor)
        dlg.issued.connect(lambda _label: w.own_change({detail.id}))
        w.current_form = dlg

        def closed(_code: int) -> None:
            dlg.cleanup()
            dlg.deleteLater()

        dlg.finished.connect(closed)
        dlg.open()

    def _open_dialog(self, dlg: Any, case_id: int | None) -> None:
        w = self.w
        w.current_form = dlg

        def closed(_code: int) -> None:
            ref = getattr(dlg, "result_ref", None)
            if ref is not None:
                w.own_change({ref.id if case_id is None else case_id}, show=ref.id if case_id is None else None)
            dlg.deleteLater()

        dlg.finished.connect(closed)
        dlg.open()

    def set_watch(self, watching: bool) -> None:
        w = self.w
        detail = w.case_view.current()
        if detail is None:
            return
        svc = CaseService(w.db, w.actor)
        w.tasks.run_db(lambda _db: svc.set_watch(detail.id, watching), lambda _r: w.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "已关注 %1") .replace("%1", detail.number) if watching else QCoreApplication.translate("MainWindow", "已取消关注 %1").replace("%1", detail.number),
            5000))  # fmt: skip

    def attach_file(self) -> None:
        w = self.w
        detail = w.case_view.current()
        if detail is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            w, QCoreApplication.translate("MainWindow", "添加附件"), "", QCoreApplication.translate("MainWindow", "图片和文档 (*.jpg *.jpeg *.png *.pdf *.doc *.docx);;全部文件 (*)")
        )
        if not path:
            return
        import mimetypes
        from pathlib import Path

        p = Path(path)
        data = p.read_bytes()
        mime = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
        svc = CaseService(w.db, w.actor)
        w.tasks.run_db(lambda _db: svc.attach(detail.id, detail.version, p.name, data, mime),
                       lambda _r: w.own_change({detail.id}), lambda e: show_error(w, e))  # fmt: skip
