"""Small widgets the action dialogs share: note fields that confirm on Enter, stock-phrase menus, the photo
list (file picker and drag and drop), the grid picker and a department checklist."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, Qt, QTime, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.workflow.dialog_data import Choice, GridChoice
from ui.i18n import Dialogs

MAX_PHOTOS = 9
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".heic", ".pdf")


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class NoteEdit(QPlainTextEdit):
    """A multi-line note: Enter confirms the dialog, Shift+Enter starts a new line, Tab moves on."""

    submit = Signal()
    phrase_button: PhraseButton | None = None

    def __init__(self, placeholder: str = "", height: int = 64, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.setFixedHeight(height)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submit.emit()
            return
        super().keyPressEvent(event)

    def text(self) -> str:
        return self.toPlainText().strip()


class PhraseEditor(QDialog):
    """Edit an action's stock phrases, one per line."""

    def __init__(self, title: str, phrases: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Dialogs", "编辑常用语 — %1").replace("%1", title))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(QCoreApplication.translate("Dialogs", "每行一条常用语：")))
        self.edit = QPlainTextEdit("\n".join(phrases))
        self.edit.setTabChangesFocus(True)
        lay.addWidget(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(QCoreApplication.translate("Dialogs", "保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("Dialogs", "取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def phrases(self) -> list[str]:
        return [line for line in self.edit.toPlainText().splitlines() if line.strip()]


class PhraseButton(QToolButton):
    """ "常用语" menu next to a note: picking a phrase inserts it at the cursor; the last entry edits the list
    (stored for every seat through `save`)."""

    def __init__(
        self,
        target: QPlainTextEdit | QLineEdit,
        action_label: str,
        phrases: list[str],
        save: Callable[[list[str]], list[str]] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.target = target
        self.action_label = action_label
        self.phrases = list(phrases)
        self._save = save
        self._saving = False
        self._runner: Any = None  # a TaskRunner of its own, made on the first save
        self.setText(QCoreApplication.translate("Dialogs", "常用语"))
        self.setToolTip(QCoreApplication.translate("Dialogs", "插入常用语（空格键打开）"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMenu(QMenu(self))
        self._fill()

    def _fill(self) -> None:
        menu = self.menu()
        menu.clear()
        for text in self.phrases:
            act = QAction(text if len(text) <= 40 else text[:40] + "…", menu)
            act.triggered.connect(lambda _=False, t=text: self.insert(t))
            menu.addAction(act)
        if self._save is not None:
            menu.addSeparator()
            edit = QAction(QCoreApplication.translate("Dialogs", "编辑常用语…"), menu)
            edit.triggered.connect(self.edit_phrases)
            menu.addAction(edit)

    def insert(self, text: str) -> None:
        if isinstance(self.target, QPlainTextEdit):
            self.target.insertPlainText(text)
        else:
            self.target.insert(text)
        self.target.setFocus()

    def edit_phrases(self) -> None:
        editor = PhraseEditor(self.action_label, self.phrases, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.save(editor.phrases())

    @property
    def saving(self) -> bool:
        """The edited list is on its way to the database."""
        return self._saving

    def save(self, phrases: list[str]) -> None:
        """Store the list for every seat, on a worker (the dialog never waits for the server); the menu shows
        the list as stored (trimmed, without repeats), or the refusal is shown and the menu stays as it was."""
        if self._save is None:
            return
        from ui.tasks import TaskRunner

        if self._runner is None:
            self._runner = TaskRunner(None, self, max_threads=1)
        save = self._save
        self._saving = True
        self._runner.call(lambda: save(phrases), self._saved, self._save_failed, name="phrases")

    def _saved(self, stored: list[str]) -> None:
        self._saving = False
        self.phrases = stored
        self._fill()

    def _save_failed(self, exc: BaseException) -> None:
        from ui.errors import show_error

        self._saving = False
        show_error(self, exc)


@dataclass(frozen=True)
class PhotoFile:
    filename: str
    mime_type: str
    data: bytes


class PhotoList(QWidget):
    """Photos to attach: "添加照片…" opens the file picker, files can be dropped on the list; read into memory
    at once (so a file moved afterwards still gets saved) and checked against the size cap."""

    changed = Signal()
    refused = Signal(str)

    def __init__(self, cap_bytes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cap = cap_bytes
        self._photos: list[PhotoFile] = []
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setFixedHeight(64)
        self.list.setAcceptDrops(True)
        self.list.setToolTip(QCoreApplication.translate("Dialogs", "可将照片文件拖放到此处"))
        self.setAcceptDrops(True)
        lay.addWidget(self.list, 1)
        col = QVBoxLayout()
        self.add_button = QPushButton(QCoreApplication.translate("Dialogs", "添加照片…"))
        self.add_button.clicked.connect(self.pick)
        self.remove_button = QPushButton(QCoreApplication.translate("Dialogs", "移除"))
        self.remove_button.clicked.connect(self.remove_selected)
        col.addWidget(self.add_button)
        col.addWidget(self.remove_button)
        lay.addLayout(col)
        self.list.installEventFilter(self)
        self.list.viewport().setAcceptDrops(True)
        self.list.viewport().installEventFilter(self)

    def eventFilter(self, obj: object, event: object) -> bool:  # noqa: N802 - Qt override
        # QDragEnterEvent and QDragMoveEvent are QDropEvents too: only the drop itself adds the files
        if isinstance(event, QDropEvent) and event.mimeData().hasUrls():
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.add_files(u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile())
            return True
        return super().eventFilter(obj, event)  # type: ignore[arg-type]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self.add_files(u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile())
        event.acceptProposedAction()

    def pick(self) -> None:
        patterns = " ".join(f"*{s}" for s in PHOTO_SUFFIXES)
        paths, _ = QFileDialog.getOpenFileNames(
            self, QCoreApplication.translate("Dialogs", "选择照片"), "", QCoreApplication.translate("Dialogs", "照片 (%1)").replace("%1", patterns)
        )
        self.add_files(paths)

    def add_files(self, paths: Iterable[str]) -> list[str]:
        """Add what can be attached; returns (and signals) why the others were refused."""
        problems = []
        for raw in paths:
            path = Path(raw)
            if len(self._photos) >= MAX_PHOTOS:
                problems.append(Dialogs.tr("照片最多 %n 张", None, MAX_PHOTOS))
                break
            if path.suffix.lower() not in PHOTO_SUFFIXES:
                problems.append(QCoreApplication.translate("Dialogs", "“%1”不是照片文件").replace("%1", path.name))
                continue
            try:
                data = path.read_bytes()
            except OSError as exc:
                problems.append(
                    QCoreApplication.translate("Dialogs", "无法读取“%1”：%2").replace("%1", path.name).replace("%2", exc.strerror or "")
                )
                continue
            if not data:
                problems.append(QCoreApplication.translate("Dialogs", "“%1”是空文件").replace("%1", path.name))
                continue
            if len(data) > self.cap:
                problems.append(
                    QCoreApplication.translate("Dialogs", "“%1”大小 %2 MB，超过上限 %3 MB，请压缩后再添加")
                    .replace("%1", path.name)
                    .replace("%2", f"{len(data) / 1048576:.1f}")
                    .replace("%3", f"{self.cap / 1048576:.1f}")
                )
                continue
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self._photos.append(PhotoFile(path.name, mime, data))
            item = QListWidgetItem(f"{path.name}（{len(data) / 1024:.0f} KB）")
            self.list.addItem(item)
        self.changed.emit()
        if problems:
            self.refused.emit("；".join(problems))
        return problems

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._photos):
            self.list.takeItem(row)
            del self._photos[row]
            self.changed.emit()

    def photos(self) -> list[PhotoFile]:
        return list(self._photos)


#: (text typed, deliver): looks on a worker and calls `deliver(matches)` on the GUI thread
GridSearch = Callable[[str, Callable[[tuple[GridChoice, ...]], None]], None]


class GridPicker(QWidget):
    """Pick a grid by typing its code, name or pinyin initials (三官庙 → sgm); arrows move in the matches."""

    changed = Signal()

    def __init__(self, search: GridSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._matches: tuple[GridChoice, ...] = ()
        self._asked = 0  # the newest search asked for: an older answer arriving late is dropped
        self._answered = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(QCoreApplication.translate("Dialogs", "输入网格编码、名称或拼音首字母"))
        self.edit.textEdited.connect(self._refresh)
        self.edit.installEventFilter(self)
        self.matches = QListWidget()
        self.matches.setFixedHeight(78)
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.currentRowChanged.connect(lambda _row: self._update_label())
        self.chosen = QLabel()
        lay.addWidget(self.edit)
        lay.addWidget(self.matches)
        lay.addWidget(self.chosen)
        self._update_label()

    def eventFilter(self, obj: object, event: object) -> bool:  # noqa: N802 - Qt override
        if obj is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step and self.matches.count():
                row = max(0, min(self.matches.count() - 1, self.matches.currentRow() + step))
                self.matches.setCurrentRow(row)
                return True
        return super().eventFilter(obj, event)  # type: ignore[arg-type]

    @property
    def searching(self) -> bool:
        """A search for what is typed is still on its way."""
        return self._answered != self._asked

    def _refresh(self, text: str) -> None:
        """Ask for the grids matching what is typed (on a worker: the window never waits for the server);
        only the answer to the newest text is shown."""
        self._asked += 1
        asked = self._asked
        if not text.strip():
            self._show_matches(asked, ())
            return

        def deliver(found: tuple[GridChoice, ...]) -> None:
            if asked == self._asked:
                self._show_matches(asked, found)

        self._search(text, deliver)

    def _show_matches(self, asked: int, found: tuple[GridChoice, ...]) -> None:
        self._answered = asked
        self._matches = found
        self.matches.clear()
        for g in self._matches:
            self.matches.addItem(f"{g.name}　{g.code}　" + QCoreApplication.translate("Dialogs", "%1级").replace("%1", str(g.level)))
        if self._matches:
            self.matches.setCurrentRow(0)
        self._update_label()

    def set_grid(self, grid: GridChoice) -> None:
        self._matches = (grid,)
        self.matches.clear()
        self.matches.addItem(f"{grid.name}　{grid.code}　" + QCoreApplication.translate("Dialogs", "%1级").replace("%1", str(grid.level)))
        self.matches.setCurrentRow(0)
        self.edit.setText(grid.code)
        self._update_label()

    def selected(self) -> GridChoice | None:
        row = self.matches.currentRow()
        return self._matches[row] if 0 <= row < len(self._matches) else None

    def _update_label(self) -> None:
        g = self.selected()
        self.chosen.setText(
            QCoreApplication.translate("Dialogs", "已选：%1（%2）").replace("%1", g.name).replace("%2", g.code) if g else QCoreApplication.translate("Dialogs", "未选择网格")
        )
        self.changed.emit()


class DepartmentChecklist(QListWidget):
    """Co-departments (配合部门): check several; the lead department is hidden from the list."""

    changed = Signal()

    def __init__(self, choices: tuple[Choice, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(84)
        for c in choices:
            item = QListWidgetItem(c.name)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def hide_department(self, department_id: int | None) -> None:
        for i in range(self.count()):
            item = self.item(i)
            hidden = item.data(Qt.ItemDataRole.UserRole) == department_id
            item.setHidden(hidden)
            if hidden:
                item.setCheckState(Qt.CheckState.Unchecked)

    def set_checked(self, department_ids: Iterable[int]) -> None:
        wanted = set(department_ids)
        for i in range(self.count()):
            item = self.item(i)
            if not item.isHidden():
                on = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[int]:
        return [
            int(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if not self.item(i).isHidden() and self.item(i).checkState() == Qt.CheckState.Checked
        ]
