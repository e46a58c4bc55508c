"""The one place the GUI shows an error: domain errors as their own message, lost connections as such,
anything else as a program error with the details folded away."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from console.errors import ConsoleError
from ui.tasks import is_connection_error


def _t(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def error_text(exc: BaseException) -> str:
    """What to tell the user about `exc` (Chinese, one or two sentences)."""
    if isinstance(exc, ConsoleError):
        return exc.message
    if is_connection_error(exc):
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return _t("无法连接数据库：%1").replace("%1", first)
    return _t("程序内部错误：%1").replace("%1", f"{type(exc).__name__}: {exc}")


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if isinstance(exc, ConsoleError) else QMessageBox.Icon.Critical)
    box.setWindowTitle(title or _t("操作未完成"))
    box.setText(error_text(exc))
    if not isinstance(exc, ConsoleError):
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.open()  # non-modal to the rest of the application: live updates keep flowing
