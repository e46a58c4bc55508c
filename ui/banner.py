"""The connection banner: the yellow strip while the database is away, the status bar's connection word, and
the reconnect probe. The window's jobs and its change feed both report here; once queries and (on PostgreSQL)
the feed work again, the banner goes and the window re-reads what it shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from console.db import Database
from ui.live import LiveFeed
from ui.tasks import TaskRunner

#: how often the probe asks whether the database is back
PROBE_MS = 2000


class ConnectionBanner(QObject):
    """`label` is the banner (put it on top of the window), `status` the status bar's word.

    `state_changed(connected)` fires when the connection is lost or comes back (after the window was told
    to refresh through `on_back`)."""

    state_changed = Signal(bool)

    def __init__(self, tasks: TaskRunner, live: LiveFeed, db: Callable[[], Database], on_back: Callable[[], None],
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._tasks = tasks
        self._live = live
        self._db = db
        self._on_back = on_back
        self.offline = False
        self.label = QLabel()
        self.label.setObjectName("banner")
        self.label.setStyleSheet("#banner { background: #fff3cd; color: #7a4d00; padding: 6px 12px;"
                                 " border-bottom: 1px solid #e0c36a; font-weight: bold; }")  # fmt: skip
        self.label.hide()
        self.status = QLabel()
        self.status.setText(QCoreApplication.translate("MainWindow", "已连接") if not db().is_postgres else QCoreApplication.translate("MainWindow", "正在连接变更通知…"))
        self._retry = QTimer(self, interval=PROBE_MS)
        self._retry.timeout.connect(self.probe)
        tasks.connection_lost.connect(self.lost)
        tasks.connection_ok.connect(self.back)
        live.state.connect(self.feed_state)

    def feed_state(self, connected: bool, message: str) -> None:
        if connected:
            self.status.setText(QCoreApplication.translate("MainWindow", "已连接 · 实时更新"))
            if self.offline:
                self.back()
        else:
            self.lost(message)

    def lost(self, message: str) -> None:
        self.status.setText(QCoreApplication.translate("MainWindow", "连接中断"))
        self.label.setText(QCoreApplication.translate("MainWindow", "与数据库的连接已中断，正在自动重连…（%1）").replace("%1", message[:160]))
        self.label.show()
        if not self.offline:
            self.offline = True
            self._retry.start()
            self.state_changed.emit(False)

    def probe(self) -> None:
        self._tasks.run_db(lambda db: db.ping(), lambda _v: self.back(), lambda _e: None, name="probe")

    def back(self) -> None:
        if not self.offline:
            return
        if self._db().is_postgres and not self._live.connected:
            return  # queries work again but the change feed is still reconnecting: keep the banner
        self.offline = False
        self._retry.stop()
        self.label.hide()
        self.status.setText(QCoreApplication.translate("MainWindow", "已连接 · 实时更新"))
        self._on_back()
        self.state_changed.emit(True)

    def stop(self) -> None:
        self._retry.stop()
