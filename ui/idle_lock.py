"""The idle lock (屏幕锁定): after `idle_lock_minutes` without keyboard or mouse input anywhere in the
application, a lock screen covers the console and asks for the password again.

An application-wide event filter restarts one timer on every input event. The lock screen is an
application-modal window on top of everything: nothing underneath is closed, hidden or re-created, so open
dialogs keep their typed text and the queue its selection. Locking and unlocking are audited; a wrong
password counts toward the lockout exactly as at login (`console.security.login.verify_password_again`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.db import Database
from console.errors import ConsoleError
from console.security.audit import AuditEvent
from console.security.login import record_event
from console.security.users import AccountLocked
from ui.errors import error_text
from ui.tasks import TaskRunner

#: input that proves someone is at the seat
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class LockScreen(QDialog):
    """Covers the console while locked; only the password (or logging out) gets past it."""

    unlock_requested = Signal(str)
    logout_requested = Signal()

    def __init__(self, login: str, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._may_close = False
        self.setObjectName("lock_screen")
        self.setWindowTitle(QCoreApplication.translate("IdleLock", "控制台已锁定"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlags(
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setStyleSheet("#lock_screen { background: #1f2328; } QLabel { color: #f6f8fa; }")
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        box = QWidget()
        box.setMaximumWidth(420)
        lay = QVBoxLayout(box)
        title = QLabel(QCoreApplication.translate("IdleLock", "控制台已锁定"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        lay.addWidget(title)
        who = f"{name}（{login}）" if name else login
        lay.addWidget(QLabel(QCoreApplication.translate("IdleLock", "长时间无操作，已自动锁定。请 %1 输入密码解锁，未保存的内容都还在。")
                             .replace("%1", who)))  # fmt: skip
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(QCoreApplication.translate("IdleLock", "密码"))
        self.password.returnPressed.connect(self._unlock)
        lay.addWidget(self.password)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #ff8182;")
        lay.addWidget(self.status)
        row = QHBoxLayout()
        self.unlock_button = QPushButton(QCoreApplication.translate("IdleLock", "解锁"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.logout_button = QPushButton(QCoreApplication.translate("IdleLock", "注销"))
        self.logout_button.clicked.connect(self.logout_requested.emit)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        row.addWidget(self.logout_button)
        lay.addLayout(row)
        h = QHBoxLayout()
        h.addStretch(1)
        h.addWidget(box)
        h.addStretch(1)
        outer.addLayout(h)
        outer.addStretch(3)

    def _unlock(self) -> None:
        self.unlock_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("IdleLock", "正在验证…"))
        self.unlock_requested.emit(self.password.text())

    def show_problem(self, message: str) -> None:
        self.unlock_button.setEnabled(True)
        self.status.setText(message)
        self.password.selectAll()
        self.password.setFocus()

    def reject(self) -> None:
        """Escape does not get past the lock."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._may_close:
            event.ignore()

    def release(self) -> None:
        self._may_close = True
        self.done(QDialog.DialogCode.Accepted)


class IdleLock(QObject):
    """Installs itself as the application's event filter; `lock()` after `timeout_ms` without input.

    `verify(password)` runs on a worker and raises (`LoginFailed`, `AccountLocked`) when the password is wrong.
    """

    locked = Signal()
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(
        self,
        db: Database,
        login: str,
        verify: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        minutes: float = 15,
        timeout_ms: int | None = None,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.login = login
        self.name = name
        self.verify = verify
        self.window = parent
        self.screen: LockScreen | None = None
        self._tasks = TaskRunner(db, self, max_threads=1)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.lock)
        self.set_timeout(timeout_ms if timeout_ms is not None else int(minutes * 60_000))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_database(self, db: Database) -> None:
        """Audit through another connection (the new password after 修改密码)."""
        self.db = db
        self._tasks.set_database(db)

    # --- the timer -------------------------------------------------------------------------------------------

    def set_timeout(self, msecs: int) -> None:
        self._timer.setInterval(max(100, msecs))
        if not self.is_locked:
            self._timer.start()

    def set_minutes(self, minutes: float) -> None:
        self.set_timeout(int(minutes * 60_000))

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS and self.screen is None:
            self._timer.start()
        return False

    def stop(self) -> None:
        """Uninstall (logout, window closed)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.screen is not None:
            self.screen.release()
            self.screen.deleteLater()
            self.screen = None
        self._tasks.shutdown()

    # --- locking ---------------------------------------------------------------------------------------------

    def _audit(self, event: AuditEvent, success: bool = True, detail: str = "") -> None:
        login = self.login

        def job(db: Database) -> None:
            record_event(db, login, event, success=success, detail=detail)

        self._tasks.run_db(job, None, lambda _exc: None, name=f"audit-{event.value}")

    def lock(self) -> None:
        if self.screen is not None:
            return
        self._timer.stop()
        screen = LockScreen(self.login, self.name)
        screen.unlock_requested.connect(self._try_unlock)
        screen.logout_requested.connect(self.logout_requested.emit)
        target = self.window.screen() if self.window is not None else QApplication.primaryScreen()
        if target is not None:
            screen.setGeometry(target.geometry())
        self.screen = screen
        screen.show()
        screen.raise_()
        screen.activateWindow()
        screen.password.setFocus()
        minutes = round(self.timeout_ms / 60_000, 1)
        self._audit(AuditEvent.SCREEN_LOCK, detail=f"无操作 {minutes:g} 分钟自动锁屏")
        self.locked.emit()

    def _try_unlock(self, password: str) -> None:
        verify = self.verify
        self._tasks.call(lambda: verify(password), lambda _r: self._unlock_ok(), self._unlock_failed,
                         name="unlock")  # fmt: skip

    def _unlock_ok(self) -> None:
        screen = self.screen
        self.screen = None
        if screen is not None:
            screen.release()
            screen.deleteLater()
        self._audit(AuditEvent.SCREEN_UNLOCK)
        self._timer.start()
        self.unlocked.emit()

    def _unlock_failed(self, exc: BaseException) -> None:
        if self.screen is None:
            return
        message = error_text(exc)
        self._audit(AuditEvent.SCREEN_UNLOCK, success=False, detail=message)
        if isinstance(exc, AccountLocked):
            message += QCoreApplication.translate("IdleLock", "（只能注销）")
        self.screen.show_problem(message if isinstance(exc, ConsoleError) else error_text(exc))
