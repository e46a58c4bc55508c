"""The pages of the set-up screens, shared by the first-start wizard and the 基础设置 window: departments, staff
and their grid posts (the 事项清单 is `ui.setup_item_list`, stock phrases `ui.setup_phrases`).

A page is a table over plain rows (`ui.setup_models`), buttons that open a small form (`ui.setup_dialogs`) and,
where the core can import the kind, the import bar (`ui.setup_import`). Every read and write is a
`console.setup` function run on the task runner; a write reloads the table, a refusal is shown as the core's
sentence. The dialog open on a page is `page.dialog` (tests fill it and press OK).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.db import Database, DbSession
from console.errors import ConsoleError
from console.grid_reads import load_grids
from console.i18n import QT_TRANSLATE_NOOP
from console.setup.departments import (
    add_department,
    edit_department,
    list_departments,
    restore_department,
    retire_department,
)
from console.setup.staff import add_person, assign_post, edit_person, end_post, list_staff, retire_person
from ui.errors import error_text, save_error_text, show_error
from ui.i18n import Texts, TrContext
from ui.setup_dialogs import DateDialog, DepartmentDialog, FormDialog, PersonDialog, PostDialog
from ui.setup_import import ImportBar
from ui.setup_models import DepartmentsModel, PostsModel, RowRole, SetupRowsModel, StaffModel
from ui.tasks import FOREGROUND, TaskRunner

# lupdate reads `SetupPages.tr("…")` in the context "SetupPages"
SetupPages = TrContext("SetupPages")


def written(fn: Callable[[DbSession], Any]) -> Callable[[Database], Any]:
    """`fn(session)` in a writing transaction (on SQLite it takes the write lock at BEGIN)."""

    def job(db: Database) -> Any:
        with db.write_session() as session:
            return fn(session)

    return job


def make_table(model: SetupRowsModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full text is the cell's tooltip
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons; arrows move inside
    return table


#: a column fitted to its texts is never wider than this (longer texts elide, the tooltip has them whole)
MAX_COLUMN_WIDTH = 280


def fit_columns(table: QTableView) -> None:
    """Columns as wide as their texts, up to `MAX_COLUMN_WIDTH` (the last one stretches)."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for n in range(header.count() - 1):
        if header.sectionSize(n) > MAX_COLUMN_WIDTH:
            header.resizeSection(n, MAX_COLUMN_WIDTH)


class ListPage(QWidget):
    """A table of rows with buttons; `loaded` after every (re)load, `changed` after a write went in."""

    loaded = Signal()
    changed = Signal()

    def __init__(self, tasks: TaskRunner, actor: str, model: SetupRowsModel, import_kind: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.tasks = tasks
        self.actor = actor
        self.model = model
        self.model.setParent(self)
        self.texts = Texts()
        self.dialog: FormDialog | None = None
        self.buttons: dict[str, QPushButton] = {}
        self.layout_ = QVBoxLayout(self)
        self.button_row = QHBoxLayout()
        self.layout_.addLayout(self.button_row)
        self.table = make_table(model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _ix: self.edit_current())
        enter = QAction(self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.edit_current)
        self.table.addAction(enter)
        self.layout_.addWidget(self.table, 1)
        self.retired = QCheckBox()
        self.texts.bind(self.retired.setText, QT_TRANSLATE_NOOP("SetupPages", "显示已停用的"))
        self.retired.toggled.connect(lambda _on: self.reload())
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.retired)
        self.import_bar: ImportBar | None = None
        if import_kind:
            self.import_bar = ImportBar(import_kind, tasks, actor)
            self.import_bar.imported.connect(lambda _r: self._after_write(None))
            self.layout_.addWidget(self.import_bar)

    def add_button(self, key: str, caption: str, slot: Callable[[], Any], shortcut: str = "") -> QPushButton:
        b = QPushButton()
        self.texts.bind(b.setText, caption)
        b.clicked.connect(lambda _=False: slot())
        if shortcut:
            b.setShortcut(QKeySequence(shortcut))
        self.button_row.insertWidget(len(self.buttons), b)
        self.buttons[key] = b
        return b

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()
        if self.import_bar is not None:
            self.import_bar.retranslate()

    # --- rows ---------------------------------------------------------------------------------------------

    def fetch(self, session: DbSession, include_retired: bool) -> Any:  # pragma: no cover - per page
        raise NotImplementedError

    def show_rows(self, result: Any) -> None:
        self.model.set_rows(result)

    def reload(self) -> None:
        include = self.retired.isChecked()
        self.tasks.run(lambda s: self.fetch(s, include), self._on_rows, name=type(self).__name__,
                       priority=FOREGROUND)  # fmt: skip

    def _on_rows(self, result: Any) -> None:
        key = self._current_key()
        self.show_rows(result)
        fit_columns(self.table)
        if key is not None:
            for n, r in enumerate(self.model.rows):
                if self.row_key(r) == key:
                    self.table.selectRow(n)
        self._selection_changed()
        self.loaded.emit()

    def row_key(self, row: Any) -> Any:
        return getattr(row, "code", None) or getattr(row, "id", None)

    def _current_key(self) -> Any:
        row = self.current()
        return self.row_key(row) if row is not None else None

    def current(self) -> Any:
        ix = self.table.currentIndex()
        return self.model.data(ix.siblingAtColumn(0), RowRole) if ix.isValid() else None

    def select_key(self, key: Any) -> bool:
        for n, r in enumerate(self.model.rows):
            if self.row_key(r) == key:
                self.table.selectRow(n)
                return True
        return False

    def _select_later(self, key: Any) -> None:
        self.loaded.connect(lambda: self.select_key(key), Qt.ConnectionType.SingleShotConnection)

    def _selection_changed(self) -> None:
        self.update_buttons()

    def update_buttons(self) -> None:
        pass

    def edit_current(self) -> None:
        pass

    # --- writes -------------------------------------------------------------------------------------------

    def write(self, fn: Callable[[DbSession], Any], then: Callable[[Any], None] | None = None) -> None:
        """Run `fn(session)` in a writing transaction on the runner; reload after; show a refusal."""
        self.tasks.run_db(written(fn), lambda r: self._after_write(r, then), lambda e: show_error(self, e),
                          name=f"{type(self).__name__}-write", holds=False)  # fmt: skip

    def _after_write(self, result: Any, then: Callable[[Any], None] | None = None) -> None:
        if then is not None:
            then(result)
        self.changed.emit()
        self.reload()

    def ask_retire(self, title: str, retire: Callable[..., Any]) -> None:
        """停用: asks a note, then `retire(session, code, actor=…, note=…)` for the selected row (`%1` in
        `title` is its name)."""
        row = self.current()
        if row is None:
            return

        def ok(d: Any) -> None:
            _day, note = d.values()
            code, actor = row.code, self.actor
            self.submit(d, lambda s: retire(s, code, actor=actor, note=note))

        self.open_dialog(DateDialog(title.replace("%1", row.name), "", self), ok)

    def submit(self, form: FormDialog, fn: Callable[[DbSession], Any], then: Callable[[Any], None] | None = None) -> None:
        """Save what `form` holds (`fn`, in a writing transaction on the runner): the form closes once it went
        in; a refusal is shown in the form, which keeps what was typed."""

        def done(result: Any) -> None:
            form.saved()
            self._after_write(result, then)

        self.tasks.run_db(written(fn), done, lambda e: form.refused(save_error_text(e)),
                          name=f"{type(self).__name__}-save", holds=False)  # fmt: skip

    def open_dialog(self, dialog: FormDialog, on_ok: Callable[[Any], None]) -> FormDialog:
        """Open `dialog` window-modal; OK calls `on_ok(dialog)`, which saves through `submit`."""
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def ok() -> None:
            try:
                on_ok(dialog)
            except ConsoleError as exc:  # what the form holds is refused before it is sent
                dialog.refused(error_text(exc))

        dialog.on_submit = ok
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()
        return dialog


# --- departments ---------------------------------------------------------------------------------------------


class DepartmentsPage(ListPage):
    """职能部门: name, short name, duty phone, head, in use."""

    def __init__(self, tasks: TaskRunner, actor: str, parent: QWidget | None = None, with_import: bool = True) -> None:
        super().__init__(tasks, actor, DepartmentsModel(), "departments" if with_import else "", parent)
        self.add_button("add", QT_TRANSLATE_NOOP("SetupPages", "新增部门(&A)…"), self.add_new, "Ctrl+N")
        self.add_button("edit", QT_TRANSLATE_NOOP("SetupPages", "修改(&E)…"), self.edit_current)
        self.add_button("retire", QT_TRANSLATE_NOOP("SetupPages", "停用(&R)…"), self.retire_current)
        self.add_button("restore", QT_TRANSLATE_NOOP("SetupPages", "恢复启用"), self.restore_current)

    def fetch(self, session: DbSession, include_retired: bool) -> Any:
        return list_departments(session, include_retired=include_retired)

    def update_buttons(self) -> None:
        row = self.current()
        self.buttons["edit"].setEnabled(row is not None)
        self.buttons["retire"].setEnabled(row is not None and row.active)
        self.buttons["restore"].setEnabled(row is not None and not row.active)

    def add_new(self) -> None:
        def ok(d: Any) -> None:
            v, actor = d.values(), self.actor
            self.submit(d, lambda s: add_department(s, actor=actor, **v), lambda r: self._select_later(r.code))

        self.open_dialog(DepartmentDialog(self), ok)

    def edit_current(self) -> None:
        row = self.current()
        if row is None:
            return

        def ok(d: Any) -> None:
            v, actor = d.values(), self.actor
            code = v.pop("code")
            if v["phone"] is None:
                v.pop("phone")  # left blank: unchanged
            self.submit(d, lambda s: edit_department(s, code, actor=actor, **v))

        self.open_dialog(DepartmentDialog(self, row), ok)

    def retire_current(self) -> None:
        self.ask_retire(SetupPages.tr("停用部门：%1"), retire_department)

    def restore_current(self) -> None:
        row = self.current()
        if row is None:
            return
        code, actor = row.code, self.actor
        self.write(lambda s: restore_department(s, code, actor=actor))


# --- staff and grid posts ---------------------------------------------------------------------------------------


class StaffPage(ListPage):
    """人员与网格职务: the people (name, phone, department, login) and, below, the selected person's posts."""

    def __init__(self, tasks: TaskRunner, actor: str, parent: QWidget | None = None, with_import: bool = True) -> None:
        super().__init__(tasks, actor, StaffModel(), "staff" if with_import else "", parent)
        self.departments: list[Any] = []
        self.grids: list[Any] = []
        self.add_button("add", QT_TRANSLATE_NOOP("SetupPages", "新增人员(&A)…"), self.add_new, "Ctrl+N")
        self.add_button("edit", QT_TRANSLATE_NOOP("SetupPages", "修改(&E)…"), self.edit_current)
        self.add_button("retire", QT_TRANSLATE_NOOP("SetupPages", "离岗(&R)…"), self.retire_current)
        self.add_button("assign", QT_TRANSLATE_NOOP("SetupPages", "任命网格职务(&P)…"), self.assign_post)
        self.add_button("end_post", QT_TRANSLATE_NOOP("SetupPages", "结束职务…"), self.end_post)
        self.posts = PostsModel(self)
        self.posts_table = make_table(self.posts)
        self.posts_table.setMaximumHeight(150)
        self.posts_label = QLabel()
        self.texts.bind(self.posts_label.setText, QT_TRANSLATE_NOOP("SetupPages", "所选人员的网格职务（历任记录保留）："))
        self.layout_.insertWidget(2, self.posts_label)
        self.layout_.insertWidget(3, self.posts_table)

    def retranslate(self) -> None:
        super().retranslate()
        self.posts.retranslate()

    def fetch(self, session: DbSession, include_retired: bool) -> Any:
        return (list_staff(session, include_retired=include_retired), list_departments(session),
                load_grids(session))  # fmt: skip

    def show_rows(self, result: Any) -> None:
        staff, self.departments, self.grids = result
        self.model.set_rows(staff)

    def row_key(self, row: Any) -> Any:
        return row.id

    def update_buttons(self) -> None:
        row = self.current()
        self.posts.set_rows(list(row.posts) if row is not None else [])
        fit_columns(self.posts_table)
        for key in ("edit", "retire", "assign"):
            self.buttons[key].setEnabled(row is not None and row.active)
        self.buttons["end_post"].setEnabled(row is not None and any(p.end_date is None for p in row.posts))

    def add_new(self) -> None:
        def ok(d: Any) -> None:
            v, actor = d.values(), self.actor
            self.submit(d, lambda s: add_person(s, actor=actor, **v), lambda r: self._select_later(r.id))

        self.open_dialog(PersonDialog(self.departments, self), ok)

    def edit_current(self) -> None:
        row = self.current()
        if row is None:
            return

        def ok(d: Any) -> None:
            v, actor, pid = d.values(), self.actor, row.id
            v.pop("login")
            if v["phone"] is None:
                v.pop("phone")
            self.submit(d, lambda s: edit_person(s, pid, actor=actor, **v))

        self.open_dialog(PersonDialog(self.departments, self, row), ok)

    def retire_current(self) -> None:
        row = self.current()
        if row is None:
            return

        def ok(d: Any) -> None:
            day, note = d.values()
            pid, actor = row.id, self.actor
            self.submit(d, lambda s: retire_person(s, pid, actor=actor, on=day, note=note))

        self.open_dialog(DateDialog(SetupPages.tr("人员离岗：%1").replace("%1", row.name),
                                    SetupPages.tr("离岗日期（其网格职务同日结束）"), self), ok)  # fmt: skip

    def assign_post(self) -> None:
        row = self.current()
        if row is None:
            return

        def ok(d: Any) -> None:
            v, pid, actor = d.values(), row.id, self.actor
            self.submit(d, lambda s: assign_post(s, pid, actor=actor, **v))

        self.open_dialog(PostDialog(self.grids, self, row.name), ok)

    def end_post(self) -> None:
        """结束职务: the post selected below (else the person's first current one) ends on the day asked."""
        row = self.current()
        if row is None:
            return
        ix = self.posts_table.currentIndex()
        current = [p for p in row.posts if p.end_date is None]
        post = self.posts.row_at(ix.row()) if ix.isValid() else (current[0] if current else None)
        if post is None or post.end_date is not None:
            return

        def ok(d: Any) -> None:
            day, _note = d.values()
            pid, actor = row.id, self.actor
            self.submit(d, lambda s: end_post(s, pid, grid_code=post.grid_code, role=post.role, on=day, actor=actor))

        title = SetupPages.tr("结束职务：%1 %2").replace("%1", row.name).replace("%2", post.grid_name)
        self.open_dialog(DateDialog(title, SetupPages.tr("结束日期"), self), ok)
