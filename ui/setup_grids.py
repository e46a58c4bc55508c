"""网格 — the grid map page of 基础设置: the tree of grids in use (search by name, code or pinyin initials), the
selected grid with its lineage and changes, and the map changes: create, rename, split, merge, retire. A split,
merge or retirement opens the re-zoning dialog (`ui.dialogs.rezoning`), where every open case of the closed
grids gets its new grid before anything is committed.

Every read and write is a `console.rezoning` function on the task runner (the permissions, the workflow moves
and the audit rows are there); a refusal is shown as the core's sentence. Usable on its own:
`GridsPage(TaskRunner(db), login)` or `GridsPage(db, login)`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from console import queue
from console import rezoning as rz
from console.db import Database, DbSession
from console.grid_reads import GridNode, load_grids
from console.i18n import QT_TRANSLATE_NOOP
from ui.dialogs.base import ERROR_STYLE
from ui.dialogs.rezoning import Kind, RezoningDialog
from ui.errors import error_text, show_error
from ui.grid_tree import GridFilterProxy, GridTreeModel, NodeRole
from ui.i18n import Texts
from ui.setup_pages import written
from ui.tasks import FOREGROUND, TaskRunner

#: the page's buttons: key → (caption, shortcut)
ACTIONS = {
    "create": (QT_TRANSLATE_NOOP("GridsPage", "新建下级网格…"), "Ins"),
    "rename": (QT_TRANSLATE_NOOP("GridsPage", "更名…"), "F2"),
    "split": (QT_TRANSLATE_NOOP("GridsPage", "拆分…"), "Ctrl+Shift+S"),
    "merge": (QT_TRANSLATE_NOOP("GridsPage", "合并…"), "Ctrl+Shift+M"),
    "retire": (QT_TRANSLATE_NOOP("GridsPage", "撤销…"), "Del"),
}


class GridFormDialog(QDialog):
    """新建 or 更名: code (new grids only, proposed beside its siblings), name, households, a note."""

    def __init__(self, title: str, *, code: str = "", name: str = "", new: bool = True,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.code = QLineEdit(code)
        self.code.setReadOnly(not new)
        self.name = QLineEdit(name)
        self.households = QSpinBox()
        self.households.setRange(0, 100000)
        self.households.setEnabled(new)
        self.note = QLineEdit()
        form.addRow(self.tr("网格编码"), self.code)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("户数"), self.households)
        form.addRow(self.tr("说明"), self.note)
        self.status = QLabel()
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setWordWrap(True)
        form.addRow(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        (self.name if not new or code else self.code).setFocus()


class GridsPage(QWidget):
    """`loaded` after every (re)load of the tree, `changed` after a change went in; the dialog open on the page
    is `page.dialog` (tests fill it and press OK)."""

    loaded = Signal()
    changed = Signal()
    info_loaded = Signal(object)  # GridInfo

    def __init__(self, tasks: TaskRunner | Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if isinstance(tasks, Database):
            tasks = TaskRunner(tasks, self, max_threads=2)
            tasks.error.connect(lambda exc: show_error(self, exc))
        self.tasks = tasks
        self.actor = actor
        self.dialog: QDialog | None = None
        self.texts = Texts()
        self.model = GridTreeModel(self)
        self.proxy = GridFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._selected())
        self.search = QLineEdit()
        self.texts.bind(self.search.setPlaceholderText, QT_TRANSLATE_NOOP("GridsPage", "查找网格：名称、编码或拼音首字母"))
        self.search.textChanged.connect(self._filter)
        self.info = QTextBrowser()
        self.info.setOpenLinks(False)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, (caption, shortcut) in ACTIONS.items():
            b = QPushButton()
            self.texts.bind(b.setText, caption)
            b.setShortcut(QKeySequence(shortcut))
            b.setToolTip(shortcut)
            b.clicked.connect(lambda _=False, k=key: self.start(k))
            row.addWidget(b)
            self.buttons[key] = b
        row.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.search)
        ll.addWidget(self.tree, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.info)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(split, 1)
        self._update_buttons()

    # --- reading ----------------------------------------------------------------------------------------------

    def reload(self) -> None:
        def job(s: DbSession) -> tuple[list[GridNode], dict[str, Any]]:
            return load_grids(s), queue.grid_counts(s)

        self.tasks.run(job, self._on_grids, name="grids-page", priority=FOREGROUND)

    def _on_grids(self, result: tuple[list[GridNode], dict[str, Any]]) -> None:
        keep = self.current_code()
        nodes, counts = result
        self.model.set_grids(nodes)
        self.model.set_counts(counts)
        self.tree.expandToDepth(1)
        self.tree.resizeColumnToContents(0)
        if keep and not self.select_code(keep):
            self.info.clear()
        self._update_buttons()
        self.loaded.emit()

    def current(self) -> GridNode | None:
        ix = self.tree.currentIndex()
        node = ix.siblingAtColumn(0).data(NodeRole) if ix.isValid() else None
        return node if isinstance(node, GridNode) else None

    def current_code(self) -> str | None:
        node = self.current()
        return node.code if node else None

    def select_code(self, code: str) -> bool:
        ix = self.proxy.mapFromSource(self.model.index_of_code(code))
        if not ix.isValid():
            return False
        self.tree.setCurrentIndex(ix)
        self.tree.scrollTo(ix)
        return True

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        if text:
            self.tree.expandAll()

    def _selected(self) -> None:
        self._update_buttons()
        code = self.current_code()
        if code:
            self.tasks.run(lambda s: rz.grid_info(s, code), self._show_info, name="grid-info")

    def _show_info(self, info: rz.GridInfo) -> None:
        if info.code != self.current_code():
            return
        level = QCoreApplication.translate("GridsPage", "%1级").replace("%1", str(info.level))
        households = QCoreApplication.translate("GridsPage", "%1户").replace("%1", str(info.households))
        open_cases = QCoreApplication.translate("GridsPage", "未办结案件 %1 件").replace("%1", str(info.open_cases))
        kind = QCoreApplication.translate("domain", info.kind)
        lines = [f"<h3>{escape(info.name)}（{info.code}）</h3>", f"<p>{level}{kind} · {households} · {open_cases}</p>"]
        if info.parent:
            above = QCoreApplication.translate("GridsPage", "上级")
            lines.append(f"<p>{above}：{escape(info.parent)}</p>")
        before, after = QCoreApplication.translate("GridsPage", "前身"), QCoreApplication.translate("GridsPage", "后继")
        for caption, grids in ((before, info.predecessors), (after, info.successors)):
            if grids:
                lines.append(f"<p>{caption}：" + "、".join(f"{escape(n)}（{c}）" for c, n in grids) + "</p>")
        if info.events:
            changes = QCoreApplication.translate("GridsPage", "变更记录")
            lines.append(f"<p><b>{changes}</b></p><ul>")
            for e in info.events:
                change = QCoreApplication.translate("domain", e.change)
                lines.append(f"<li>{e.at} {change} {escape(e.names)} {escape(e.actor)} {escape(e.note)}</li>")
            lines.append("</ul>")
        self.info.setHtml("".join(lines))
        self.info_loaded.emit(info)

    def _update_buttons(self) -> None:
        node = self.current()
        top = node is None or node.level == 1
        self.buttons["create"].setEnabled(node is not None and node.level < 3)
        self.buttons["rename"].setEnabled(node is not None)
        for key in ("split", "merge", "retire"):
            self.buttons[key].setEnabled(not top and node is not None and not node.children)

    # --- changing the map -------------------------------------------------------------------------------------

    def start(self, key: str) -> None:
        node = self.current()
        if node is None or not self.buttons[key].isEnabled():
            return
        {"create": self._create, "rename": self._rename, "split": self._split, "merge": self._merge,
         "retire": self._retire}[key](node)  # fmt: skip

    def _write(self, fn: Callable[[DbSession], Any], done: Callable[[Any], None],
               failed: Callable[[BaseException], None] | None = None) -> None:  # fmt: skip
        def ok(result: Any) -> None:
            done(result)
            self.changed.emit()
            self.reload()

        self.tasks.run_db(written(fn), ok, failed or (lambda exc: show_error(self, exc)), name="grids-write",
                          holds=False)  # fmt: skip

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()
        return dialog

    def _create(self, parent: GridNode) -> None:
        def opened(codes: list[str]) -> None:
            dlg = GridFormDialog(QCoreApplication.translate("GridsPage", "新建下级网格：%1").replace("%1", parent.name),
                                 code=codes[0] if codes else "", parent=self)  # fmt: skip
            dlg.accepted.connect(lambda: self._commit_form(dlg, lambda s: rz.create(
                s, code=dlg.code.text().strip(), name=dlg.name.text(), households=dlg.households.value(),
                actor=self.actor, note=dlg.note.text())))  # fmt: skip
            self._open(dlg)

        self.tasks.run(lambda s: _child_codes(s, parent), opened, name="grid-codes")

    def _rename(self, node: GridNode) -> None:
        dlg = GridFormDialog(QCoreApplication.translate("GridsPage", "网格更名"), code=node.code, name=node.name,
                             new=False, parent=self)  # fmt: skip
        dlg.accepted.connect(lambda: self._commit_form(dlg, lambda s: rz.rename(
            s, node.code, dlg.name.text(), actor=self.actor, note=dlg.note.text())))  # fmt: skip
        self._open(dlg)

    def _commit_form(self, dlg: GridFormDialog, fn: Callable[[DbSession], Any]) -> None:
        code = dlg.code.text().strip()

        def failed(exc: BaseException) -> None:  # reopen with what was typed and the reason
            dlg.status.setText(error_text(exc))
            self._open(dlg)

        def done(_grid: Any) -> None:  # select the grid once the tree shows it
            self.loaded.connect(lambda: self.select_code(code), Qt.ConnectionType.SingleShotConnection)

        self._write(fn, done, failed)

    def _split(self, node: GridNode) -> None:
        self.tasks.run(lambda s: rz.free_codes(s, node.code, 2),
                       lambda codes: self._rezone(RezoningDialog(Kind.SPLIT, node.code, node.name, new_codes=codes, parent=self)),
                       name="grid-codes")  # fmt: skip

    def _merge(self, node: GridNode) -> None:
        def opened(found: tuple[list[str], list[tuple[str, str]]]) -> None:
            codes, candidates = found
            self._rezone(RezoningDialog(Kind.MERGE, node.code, node.name, new_codes=codes, candidates=candidates,
                                        parent=self))  # fmt: skip

        self.tasks.run(lambda s: (rz.free_codes(s, node.code, 1), rz.merge_candidates(s, node.code)), opened,
                       name="grid-merge")  # fmt: skip

    def _retire(self, node: GridNode) -> None:
        self._rezone(RezoningDialog(Kind.RETIRE, node.code, node.name, parent=self))

    def _rezone(self, dlg: RezoningDialog) -> None:
        dlg.proposal_requested.connect(lambda: self._propose(dlg))
        dlg.confirmed.connect(lambda: self._commit_rezoning(dlg))
        self._open(dlg)
        dlg.request_proposal()

    def _propose(self, dlg: RezoningDialog) -> None:
        """Where the open cases would go under the dialog's grids and rules (read on the GUI thread, planned on
        the runner)."""
        try:
            codes, parts, placement = dlg.grid_codes(), dlg.new_grids(), dlg.preview_placement()
        except Exception as exc:  # noqa: BLE001 - a bad 户数: the dialog says so
            dlg.set_problem(error_text(exc))
            return
        if dlg.kind is Kind.SPLIT:
            job: Callable[[DbSession], rz.Plan] = lambda s: rz.preview_split(s, codes[0], parts, placement)  # noqa: E731
        elif dlg.kind is Kind.MERGE:
            job = lambda s: rz.preview_merge(s, codes, _one(parts), placement)  # noqa: E731
        else:
            job = lambda s: rz.preview_deactivate(s, codes[0], placement)  # noqa: E731
        self.tasks.run(job, dlg.set_plan, lambda exc: dlg.set_problem(error_text(exc)), name="grid-rezone-plan")

    def _commit_rezoning(self, dlg: RezoningDialog) -> None:
        codes, parts, placement, note = dlg.grid_codes(), dlg.new_grids(), dlg.commit_placement(), dlg.note_text()
        actor = self.actor
        if dlg.kind is Kind.SPLIT:
            fn: Callable[[DbSession], Any] = lambda s: rz.split(s, codes[0], parts, placement, actor=actor, note=note)  # noqa: E731
        elif dlg.kind is Kind.MERGE:
            fn = lambda s: rz.merge(s, codes, _one(parts), placement, actor=actor, note=note)  # noqa: E731
        else:
            fn = lambda s: rz.deactivate(s, codes[0], placement, actor=actor, note=note)  # noqa: E731
        self._write(fn, lambda _r: dlg.finish(), lambda exc: dlg.failed(error_text(exc)))

    # --- language -----------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.retranslate()
            self.model.retranslate()
        super().changeEvent(event)


def _one(parts: list[Any]) -> Any:
    """The merged grid: the first row of the dialog's new-grid table (a merge makes exactly one)."""
    if not parts:
        from console.errors import ValidationError  # noqa: PLC0415

        raise ValidationError(QT_TRANSLATE_NOOP("GridsPage", "请填写合并后新网格的编码和名称"))
    return parts[0]


def _child_codes(session: DbSession, parent: GridNode) -> list[str]:
    """A free code for a new grid under `parent`: beside its last child, or the first of its level below it."""
    if parent.children:
        return rz.free_codes(session, parent.children[-1].code, 1)
    first = parent.code[:9] + "001000" if parent.level == 1 else parent.code[:12] + "001"
    return rz.free_codes(session, first, 1) if first else []

