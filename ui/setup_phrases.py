"""常用语 — the stock phrases of each workflow action, shared by every seat (`console.phrases`): pick the action on
the left, edit its list on the right (F2 or double-click edits a line; Ins adds, Del removes, Ctrl+↑/↓ moves),
保存 stores it (so does moving to another action), 恢复默认 goes back to the built-in list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.db import DbSession
from console.i18n import QT_TRANSLATE_NOOP
from console.phrases import DEFAULT_PHRASES, all_phrases, reset_phrases, set_phrases
from console.security.posts import ACTION_LABELS
from ui.errors import show_error
from ui.i18n import Texts, TrContext, translated
from ui.setup_pages import written
from ui.tasks import TaskRunner

# lupdate reads `Phrases.tr("…")` in the context "Phrases"
Phrases = TrContext("Phrases")


class PhrasesPage(QWidget):
    """`loaded` after the lists were read, `saved(action)` after one was stored."""

    loaded = Signal()
    saved = Signal(str)

    def __init__(self, tasks: TaskRunner, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.actor = actor
        self.texts = Texts()
        self.stored: dict[str, list[str]] = {}
        self.action_model = QStandardItemModel(self)
        for key in DEFAULT_PHRASES:
            item = QStandardItem(translated(ACTION_LABELS.get(key, key)))
            item.setData(key, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.action_model.appendRow(item)
        self.action_view = QListView()
        self.action_view.setModel(self.action_model)
        self.action_view.setMaximumWidth(220)
        self.action_view.selectionModel().currentRowChanged.connect(self._action_changed)
        self.phrases = QStringListModel(self)
        self.phrase_view = QListView()
        self.phrase_view.setModel(self.phrases)
        self.phrase_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)  # fmt: skip
        self.phrase_view.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, caption, slot, keys in (
            ("add", QT_TRANSLATE_NOOP("Phrases", "添加(&A)"), self.add_line, "Ins"),
            ("remove", QT_TRANSLATE_NOOP("Phrases", "删除(&D)"), self.remove_line, "Del"),
            ("up", QT_TRANSLATE_NOOP("Phrases", "上移"), lambda: self.move_line(-1), "Ctrl+Up"),
            ("down", QT_TRANSLATE_NOOP("Phrases", "下移"), lambda: self.move_line(1), "Ctrl+Down"),
            ("reset", QT_TRANSLATE_NOOP("Phrases", "恢复默认"), self.reset_current, ""),
            ("save", QT_TRANSLATE_NOOP("Phrases", "保存(&S)"), self.save_current, "Ctrl+S"),
        ):  # fmt: skip
            b = QPushButton()
            self.texts.bind(b.setText, caption)
            b.clicked.connect(lambda _=False, f=slot: f())
            self.buttons[key] = b
            row.addWidget(b)
            if keys:  # the keys work where the list has focus; the buttons show them in their tooltip
                a = QAction(self.phrase_view)
                a.setShortcut(QKeySequence(keys))
                a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                a.triggered.connect(lambda _=False, f=slot: f())
                self.phrase_view.addAction(a)
                b.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
        row.addStretch(1)
        self.status = QLabel()
        right = QVBoxLayout()
        right.addWidget(self.phrase_view, 1)
        right.addLayout(row)
        right.addWidget(self.status)
        lay = QHBoxLayout(self)
        lay.addWidget(self.action_view)
        lay.addLayout(right, 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.retranslate()
            for n in range(self.action_model.rowCount()):
                item = self.action_model.item(n)
                key = item.data(Qt.ItemDataRole.UserRole)
                item.setText(translated(ACTION_LABELS.get(key, key)))
        super().changeEvent(event)

    def reload(self) -> None:
        self.tasks.run(all_phrases, self._on_phrases, name="phrases")

    def _on_phrases(self, stored: dict[str, list[str]]) -> None:
        self.stored = stored
        if not self.action_view.currentIndex().isValid():
            self.action_view.setCurrentIndex(self.action_model.index(0, 0))
        self._show_current()
        self.loaded.emit()

    def current_action(self) -> str:
        ix = self.action_view.currentIndex()
        return str(ix.data(Qt.ItemDataRole.UserRole)) if ix.isValid() else ""

    def select_action(self, action: str) -> None:
        for n in range(self.action_model.rowCount()):
            if self.action_model.item(n).data(Qt.ItemDataRole.UserRole) == action:
                self.action_view.setCurrentIndex(self.action_model.index(n, 0))

    def _action_changed(self, _current: Any, previous: Any) -> None:
        """Leaving an action with its list edited saves that list (nothing typed is lost by a click)."""
        left = str(previous.data(Qt.ItemDataRole.UserRole)) if previous.isValid() else ""
        lines = self.phrases.stringList()
        if left and [x for x in lines if x.strip()] != self.stored.get(left, []):
            self.save(left, lines)
        self._show_current()

    def _show_current(self) -> None:
        self.phrases.setStringList(list(self.stored.get(self.current_action(), [])))
        self.status.clear()

    def add_line(self) -> None:
        n = self.phrases.rowCount()
        self.phrases.insertRows(n, 1)
        ix = self.phrases.index(n, 0)
        self.phrase_view.setCurrentIndex(ix)
        self.phrase_view.setFocus()
        self.phrase_view.edit(ix)

    def remove_line(self) -> None:
        ix = self.phrase_view.currentIndex()
        if ix.isValid():
            self.phrases.removeRows(ix.row(), 1)

    def move_line(self, step: int) -> None:
        ix = self.phrase_view.currentIndex()
        if not ix.isValid():
            return
        target = ix.row() + step
        if 0 <= target < self.phrases.rowCount():
            lines = self.phrases.stringList()
            lines.insert(target, lines.pop(ix.row()))
            self.phrases.setStringList(lines)
            self.phrase_view.setCurrentIndex(self.phrases.index(target, 0))

    def save_current(self) -> None:
        if self.current_action():
            self.save(self.current_action(), self.phrases.stringList())

    def save(self, action: str, lines: list[str]) -> None:

        def done(stored: list[str]) -> None:
            self.stored[action] = stored
            if action == self.current_action():
                self.phrases.setStringList(list(stored))
            self.status.setText(Phrases.tr("已保存 %1 条常用语").replace("%1", str(len(stored))))
            self.saved.emit(action)

        self.tasks.run_db(written(lambda s: set_phrases(s, action, lines, actor=self.actor)), done, lambda e: show_error(self, e),
                          name="phrases-save", holds=False)  # fmt: skip

    def reset_current(self) -> None:
        action = self.current_action()
        if not action:
            return

        def job(s: DbSession) -> Any:
            reset_phrases(s, action, actor=self.actor)
            s.flush()
            return all_phrases(s)

        def done(stored: dict[str, list[str]]) -> None:
            self._on_phrases(stored)
            self.status.setText(Phrases.tr("已恢复默认常用语"))
            self.saved.emit(action)

        self.tasks.run_db(written(job), done, lambda e: show_error(self, e), name="phrases-reset", holds=False)
