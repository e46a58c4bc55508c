"""Bridge from `console.changefeed.ChangeFeed` (a background thread, no Qt) to Qt signals on the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from console.changefeed import ChangeFeed
from console.db import Database


class LiveFeed(QObject):
    """`changed(set[int])` and `state(connected, message)` delivered on the GUI thread."""

    changed = Signal(object)
    state = Signal(bool, str)
    _changed_bg = Signal(object)
    _state_bg = Signal(bool, str)

    def __init__(self, db: Database, parent: QObject | None = None, **feed_options: Any) -> None:
        super().__init__(parent)
        self._feed = ChangeFeed(db, **feed_options)
        self.connected = False
        self._changed_bg.connect(self._on_changed, Qt.ConnectionType.QueuedConnection)
        self._state_bg.connect(self._on_state, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._feed.start(
            lambda ids: self._changed_bg.emit(set(ids)), lambda c, e: self._state_bg.emit(c, e or "")
        )

    @property
    def db(self) -> Database:
        return self._feed.db

    def set_database(self, db: Database) -> None:
        self._feed.set_database(db)

    def check_now(self) -> None:
        """This seat just changed a case: the feed reports it now (see `ChangeFeed.check_now`)."""
        self._feed.check_now()

    def stop(self) -> None:
        self._feed.stop()

    @Slot(object)
    def _on_changed(self, ids: set[int]) -> None:
        self.changed.emit(ids)

    @Slot(bool, str)
    def _on_state(self, connected: bool, message: str) -> None:
        self.connected = connected
        self.state.emit(connected, message)
