"""The 事项清单 (item list) editor: each problem category with its key area, lead and co-departments, default
severity, the 办结时限 per severity and per stage, 工作流程, 结案标准 and whether it is in use; below, the selected
entry's texts and its dated history.

A change is dated (`console.setup.item_list.edit_category(effective_from=…)`): the form asks the day it takes
effect and says that open cases keep the limit they were dispatched with; the history lists every version.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QTextBrowser, QWidget

from console.db import DbSession
from console.i18n import QT_TRANSLATE_NOOP
from console.setup.departments import list_departments
from console.setup.item_list import (
    add_category,
    category_history,
    edit_category,
    list_categories,
    retire_category,
)
from ui.i18n import TrContext
from ui.setup_dialogs import CategoryDialog
from ui.setup_models import CategoriesModel, CategoryHistoryModel, stage_limits_text
from ui.setup_pages import ListPage, fit_columns, make_table
from ui.tasks import TaskRunner

# lupdate reads `ItemList.tr("…")` in the context "ItemList"
ItemList = TrContext("ItemList")


class CategoriesPage(ListPage):
    """事项清单: the table of categories in force, the selected one's texts and history below."""

    def __init__(self, tasks: TaskRunner, actor: str, parent: QWidget | None = None, with_import: bool = True) -> None:
        categories = CategoriesModel()
        super().__init__(tasks, actor, categories, "categories" if with_import else "", parent)
        self.categories = categories
        self.departments: list[Any] = []
        self.add_button("add", QT_TRANSLATE_NOOP("ItemList", "新增类别(&A)…"), self.add_new, "Ctrl+N")
        self.add_button("edit", QT_TRANSLATE_NOOP("ItemList", "修改（定日期生效）(&E)…"), self.edit_current)
        self.add_button("retire", QT_TRANSLATE_NOOP("ItemList", "停用(&R)…"), self.retire_current)
        self.history = CategoryHistoryModel(self)
        self.history_table = make_table(self.history)
        self.detail = QTextBrowser()
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(self.detail, "")
        self.lower_tabs.addTab(self.history_table, "")
        self.texts.bind(lambda t: self.lower_tabs.setTabText(0, t), QT_TRANSLATE_NOOP("ItemList", "工作流程与结案标准"))
        self.texts.bind(lambda t: self.lower_tabs.setTabText(1, t), QT_TRANSLATE_NOOP("ItemList", "变更记录"))
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        self.layout_.removeWidget(self.table)
        split.addWidget(self.table)
        split.addWidget(self.lower_tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.layout_.insertWidget(1, split, 1)
        self.layout_.insertWidget(2, self.notice)
        self.history_loaded_for = ""

    def retranslate(self) -> None:
        super().retranslate()
        self.history.retranslate()
        self._show_detail(self.current())

    def fetch(self, session: DbSession, include_retired: bool) -> Any:
        return list_categories(session, include_retired=include_retired), list_departments(session, include_retired=True)

    def show_rows(self, result: Any) -> None:
        categories, self.departments = result
        names = {d.code: d.name for d in self.departments}
        self.categories.department_names = names
        self.history.department_names = names
        self.model.set_rows(categories)

    def update_buttons(self) -> None:
        row = self.current()
        self.buttons["edit"].setEnabled(row is not None)
        self.buttons["retire"].setEnabled(row is not None and row.active)
        self._show_detail(row)
        if row is not None and row.code != self.history_loaded_for:
            self.load_history(row.code)
        elif row is None:
            self.history.set_rows([])
            self.history_loaded_for = ""

    def _show_detail(self, row: Any) -> None:
        if row is None:
            self.detail.clear()
            return
        parts = [
            (ItemList.tr("工作流程"), row.workflow or "—"),
            (ItemList.tr("结案标准"), row.closing_standard or "—"),
            (ItemList.tr("环节时限"), stage_limits_text(row) or ItemList.tr("按全镇默认")),
        ]
        from html import escape

        self.detail.setHtml("".join(f"<p><b>{escape(k)}</b><br>{escape(v).replace(chr(10), '<br>')}</p>" for k, v in parts))

    def load_history(self, code: str) -> None:
        self.history_loaded_for = code
        self.tasks.run(lambda s: category_history(s, code), self._on_history, name="category-history")

    def _on_history(self, rows: list[Any]) -> None:
        self.history.set_rows(list(rows))
        fit_columns(self.history_table)

    def add_new(self) -> None:
        def ok(d: Any) -> None:
            spec, actor = d.spec(), self.actor
            self.submit(d, lambda s: add_category(s, spec, actor=actor), lambda r: self._select_later(r.code))

        self.open_dialog(CategoryDialog(self.departments, self), ok)

    def edit_current(self) -> None:
        row = self.current()
        if row is None:
            return

        def ok(d: Any) -> None:
            spec, day, note, actor, code = d.spec(), d.effective_from(), d.note(), self.actor, row.code

            def done(_r: Any) -> None:
                self.history_loaded_for = ""  # the new version shows in the history
                self.notice.setText(ItemList.tr("“%1”的修改自 %2 起生效；此前已派遣的案件保留原时限。")
                                    .replace("%1", spec.name).replace("%2", f"{day:%Y-%m-%d}"))  # fmt: skip

            self.submit(d, lambda s: edit_category(s, code, spec, effective_from=day, actor=actor, note=note), done)

        self.open_dialog(CategoryDialog(self.departments, self, row), ok)

    def retire_current(self) -> None:
        self.ask_retire(ItemList.tr("停用问题类别：%1"), retire_category)
