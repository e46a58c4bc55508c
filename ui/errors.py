"""The one place the GUI shows an error, with the command line's classification (`console.faults`): a
refusal as its own sentence, a lost or unusable database as such ("nothing saved; OK again retries once the
connection is back"), anything else as a program error whose details went to a masked log file — never a
library's text, always in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from console.errors import ConsoleError
from console.faults import Exit, describe, is_connection_error
from ui.i18n import translated


def error_text(exc: BaseException) -> str:
    """What to tell the user about `exc`: one sentence, translated."""
    if isinstance(exc, ConsoleError):
        return translated(exc.message)
    return translated(describe(exc).sentence)


def save_error_text(exc: BaseException) -> str:
    """What a dialog whose save failed says: for a lost connection, that nothing was saved and that OK again
    retries (the dialog keeps what was typed)."""
    if not isinstance(exc, ConsoleError) and is_connection_error(exc):
        return QCoreApplication.translate(
            "errors", "与数据库的连接已中断，本次操作未保存。连接恢复后再按“确定”即可重试，已填写的内容仍在。"
        )
    return error_text(exc)


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> None:
    box = QMessageBox(parent)
    fault = Exit.REFUSED if isinstance(exc, ConsoleError) else describe(exc, log=False).exit
    box.setIcon(QMessageBox.Icon.Warning if fault is not Exit.BUG else QMessageBox.Icon.Critical)
    box.setWindowTitle(title or QCoreApplication.translate("errors", "操作未完成"))
    box.setText(error_text(exc))
    if parent is None:  # nothing else holds a parentless box: keep it until it is closed
        _open_boxes.add(box)
        box.finished.connect(lambda _r, b=box: _open_boxes.discard(b))
    box.open()  # non-modal to the rest of the application: live updates keep flowing


_open_boxes: set[QMessageBox] = set()
