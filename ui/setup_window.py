"""基础设置 — the township's reference data after the first start, one tab each: departments, the 事项清单, stock
phrases, grids and staff with their grid posts. Opened from 系统 → 基础设置… by the posts allowed
`reference_edit` (and by anyone while the database is in set-up mode, as the core allows).

The window has its own `TaskRunner` on the main window's database; every page reads and writes through
`console.setup` (Qt-free), which checks the permission again and writes the audit row.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from console.db import Database
from console.i18n import QT_TRANSLATE_NOOP
from ui.errors import show_error
from ui.i18n import Texts
from ui.setup_grids import GridsPage
from ui.setup_item_list import CategoriesPage
from ui.setup_pages import DepartmentsPage, StaffPage
from ui.setup_phrases import PhrasesPage
from ui.setup_rights import allowed_tabs
from ui.tasks import TaskRunner

#: the tabs: key → caption
TABS = (
    ("departments", QT_TRANSLATE_NOOP("SetupWindow", "部门(&1)")),
    ("item_list", QT_TRANSLATE_NOOP("SetupWindow", "事项清单(&2)")),
    ("phrases", QT_TRANSLATE_NOOP("SetupWindow", "常用语(&3)")),
    ("grids", QT_TRANSLATE_NOOP("SetupWindow", "网格(&4)")),
    ("staff", QT_TRANSLATE_NOOP("SetupWindow", "人员与职务(&5)")),
)


class SetupWindow(QWidget):
    """`pages[key]` for each tab; a page (re)loads each time its tab is shown, so a department added on one
    tab is offered on the next."""

    def __init__(
        self, db: Database, actor: str, parent: QWidget | None = None, *, tabs: set[str] | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db = db
        self.actor = actor
        self.tasks = TaskRunner(db, self, max_threads=2)
        self.tasks.error.connect(lambda exc: show_error(self, exc))
        self.texts = Texts()
        self.texts.bind(self.setWindowTitle, QT_TRANSLATE_NOOP("SetupWindow", "基础设置"))
        self.resize(1200, 700)
        makers = {
            "departments": lambda: DepartmentsPage(self.tasks, actor),
            "item_list": lambda: CategoriesPage(self.tasks, actor),
            "phrases": lambda: PhrasesPage(self.tasks, actor),
            "grids": lambda: GridsPage(self.tasks, actor),
            "staff": lambda: StaffPage(self.tasks, actor),
        }
        shown = [(key, caption) for key, caption in TABS if tabs is None or key in tabs]
        self.pages: dict[str, QWidget] = {key: makers[key]() for key, _caption in shown}
        self.tabs = QTabWidget()
        for n, (key, caption) in enumerate(shown):
            self.tabs.addTab(self.pages[key], "")
            self.texts.bind(partial(self.tabs.setTabText, n), caption)
        self.tabs.currentChanged.connect(self._load_current)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        close = QAction(self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.addAction(close)
        self._load_current()

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentWidget(self.pages[key])
        return self.pages[key]

    def _load_current(self, *_: Any) -> None:
        key = next((k for k, p in self.pages.items() if p is self.tabs.currentWidget()), "")
        if key and hasattr(self.pages[key], "reload"):
            self.pages[key].reload()  # type: ignore[attr-defined]

    def set_database(self, db: Database) -> None:
        """Work through another connection (the new password after 修改密码)."""
        self.db = db
        self.tasks.set_database(db)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.tasks.wait(5000)
        super().closeEvent(event)


def open_setup(main: Any, tab: str = "") -> SetupWindow:
    """系统 → 基础设置…: one window per main window."""
    w: SetupWindow | None = getattr(main, "setup_window", None)
    if w is None:
        w = SetupWindow(main.db, main.actor, main, tabs=allowed_tabs(getattr(main, "principal", None)))
        grids = w.pages.get("grids")
        if isinstance(grids, GridsPage) and hasattr(main, "reload_grids"):
            grids.changed.connect(main.reload_grids)  # the main window's tree follows a split, merge or rename
        main.setup_window = w
    if tab and tab in w.pages:
        w.show_tab(tab)
    w.show()
    w.raise_()
    return w
