"""Two set-up pages only the first-start wizard needs: the grid tree as it is imported or entered (the 基础设置
window has the full grid page with split, merge and lineage), and the working calendar's years.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QLabel, QWidget

from console import clock
from console.calendar import (
    DEFAULT_IMPORT_SOURCE,
    WorkingCalendar,
    import_year,
    read_schedule_file,
    seed_from_package,
)
from console.db import DbSession
from console.grid_reads import load_grids
from console.grids import create_grid
from console.i18n import QT_TRANSLATE_NOOP
from ui.i18n import TrContext
from ui.setup_dialogs import GridDialog
from ui.setup_models import CalendarYearsModel, GridsListModel
from ui.setup_pages import ListPage
from ui.tasks import TaskRunner

# lupdate reads `WizardPages.tr("…")` in the context "WizardPages"
WizardPages = TrContext("WizardPages")


class GridListPage(ListPage):
    """The grid tree so far (township, villages/communities, their grids): import a roster or add one by one."""

    def __init__(self, tasks: TaskRunner, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(tasks, actor, GridsListModel(), "grids", parent)
        self.retired.setVisible(False)
        self.township_code = ""
        self.add_button("add", QT_TRANSLATE_NOOP("WizardPages", "新增网格(&A)…"), self.add_new, "Ctrl+N")

    def fetch(self, session: DbSession, include_retired: bool) -> Any:
        return load_grids(session)

    def show_rows(self, result: Any) -> None:
        self.model.set_rows(result)
        self.township_code = next((g.code for g in result if g.level == 1), "")

    def add_new(self) -> None:
        current = self.current()
        base = current.code if current is not None else self.township_code
        prefix = base[:9] if current is None or current.level == 1 else base[:12]

        def ok(d: Any) -> None:
            v, actor, note = d.values(), self.actor, "首次设置"  # the record stays in Chinese

            def job(s: DbSession) -> str:
                return create_grid(s, actor=actor, note=note, **v).code  # the code, not the ORM row

            self.submit(d, job, self._select_later)

        self.open_dialog(GridDialog(self, prefix), ok)


def calendar_years(session: DbSession) -> list[Any]:
    """Every year the calendar holds, and the years around today even when missing (newest first)."""
    cal = WorkingCalendar.load(session)
    this = clock.now().year
    return [cal.year_status(y) for y in sorted(set(cal.years) | {this - 1, this, this + 1}, reverse=True)]


class CalendarPage(ListPage):
    """工作日历: load the statutory holidays the program knows, or import a year's State Council schedule."""

    def __init__(self, tasks: TaskRunner, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(tasks, actor, CalendarYearsModel(), "", parent)
        self.retired.setVisible(False)
        self.add_button("seed", QT_TRANSLATE_NOOP("WizardPages", "载入内置放假安排(&L)"), self.seed)
        self.add_button("import", QT_TRANSLATE_NOOP("WizardPages", "导入某年放假安排(&I)…"), self.ask_import)
        self.result = QLabel()
        self.result.setWordWrap(True)
        hint = QLabel()
        self.texts.bind(hint.setText, QT_TRANSLATE_NOOP("WizardPages", "时限按工作日计算，须有当年的国务院放假安排；内置安排随程序更新，新一年的安排公布后可从CSV（date,type,name）导入。"))
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        self.layout_.addWidget(hint)
        self.layout_.addLayout(row)

    def fetch(self, session: DbSession, include_retired: bool) -> Any:
        return calendar_years(session)

    def row_key(self, row: Any) -> Any:
        return row.year

    def seed(self) -> None:
        actor = self.actor
        self.write(lambda s: seed_from_package(s, actor).summary, self.result.setText)

    def ask_import(self) -> None:
        year, ok = QInputDialog.getInt(self, WizardPages.tr("导入放假安排"), WizardPages.tr("年份"), clock.now().year + 1,
                                       2000, 2200)  # fmt: skip
        if not ok:
            return
        path, _ = QFileDialog.getOpenFileName(self, WizardPages.tr("选择放假安排文件（CSV：date,type,name）"), "",
                                              QCoreApplication.translate("ImportBar", "表格文件 (*.xlsx *.csv);;所有文件 (*)"))  # fmt: skip
        if path:
            self.import_file(year, path)

    def import_file(self, year: int, path: str, source: str = DEFAULT_IMPORT_SOURCE) -> None:
        actor = self.actor

        def job(s: DbSession) -> str:
            count = import_year(s, year, read_schedule_file(path), source, actor)
            return WizardPages.tr("已导入 %1 年放假安排：%2 天").replace("%1", str(year)).replace("%2", str(count))

        self.write(job, self.result.setText)
