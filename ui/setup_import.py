"""The import bar of a set-up page: 从文件导入… (CSV/XLSX, all or nothing) and 保存模板… (the import's columns with
one example row), with the list of every bad row and its reason when a file is refused.

The import is `console.importing.import_file` on the task runner (the file is read and checked there); the
template is `console.setup.templates.write_template`. Nothing here knows the columns: the core does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from console.i18n import QT_TRANSLATE_NOOP
from console.importing import import_file
from console.setup.templates import write_template
from ui.errors import error_text
from ui.i18n import Texts, translated
from ui.tasks import TaskRunner

FILE_FILTER = QT_TRANSLATE_NOOP("ImportBar", "表格文件 (*.xlsx *.csv);;所有文件 (*)")


class ImportBar(QWidget):
    """`imported(result)` after a file went in; `failed(lines)` with every problem when it was refused."""

    imported = Signal(object)  # console.importing.ImportResult
    failed = Signal(list)  # the lines shown: the sentence, then one per bad row
    template_saved = Signal(str)

    def __init__(self, kind: str, tasks: TaskRunner, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.tasks = tasks
        self.actor = actor
        self.texts = Texts()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.import_button = QPushButton()
        self.texts.bind(self.import_button.setText, QT_TRANSLATE_NOOP("ImportBar", "从文件导入(&I)…"))
        self.import_button.clicked.connect(self.ask_import)
        self.template_button = QPushButton()
        self.texts.bind(self.template_button.setText, QT_TRANSLATE_NOOP("ImportBar", "保存模板(&T)…"))
        self.template_button.clicked.connect(self.ask_template)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row.addWidget(self.import_button)
        row.addWidget(self.template_button)
        row.addWidget(self.status, 1)
        lay.addLayout(row)
        self.problems = QStringListModel(self)
        self.problem_view = QListView()
        self.problem_view.setModel(self.problems)
        self.problem_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.problem_view.setMaximumHeight(130)
        self.problem_view.setVisible(False)
        lay.addWidget(self.problem_view)

    def retranslate(self) -> None:
        self.texts.retranslate()

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, QCoreApplication.translate("ImportBar", "选择导入文件"), "",
                                              translated(FILE_FILTER))  # fmt: skip
        if path:
            self.import_path(path)

    def ask_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("ImportBar", "保存导入模板"),
                                              f"{self.kind}-template.xlsx", translated(FILE_FILTER))  # fmt: skip
        if path:
            self.save_template(path)

    def import_path(self, path: str | Path) -> None:
        """Import `path` on a worker: all of it, or nothing and every bad row listed."""
        kind, actor = self.kind, self.actor
        self._busy(True)
        self.status.setText(QCoreApplication.translate("ImportBar", "正在导入…"))
        self.tasks.run_db(lambda db: import_file(db, kind, path, actor=actor), self._done, self._refused,
                          name=f"import-{kind}", holds=False)  # fmt: skip

    def save_template(self, path: str | Path) -> None:
        kind = self.kind

        def saved(_r: object) -> None:
            self.status.setText(QCoreApplication.translate("ImportBar", "模板已保存：%1").replace("%1", str(path)))
            self.template_saved.emit(str(path))

        self.tasks.call(lambda: write_template(kind, path), saved, self._refused, name="template")

    def _busy(self, on: bool) -> None:
        self.import_button.setEnabled(not on)
        self.template_button.setEnabled(not on)

    def _done(self, result: Any) -> None:
        self._busy(False)
        self.problems.setStringList([])
        self.problem_view.setVisible(False)
        self.status.setText(QCoreApplication.translate("ImportBar", "已导入 %1 条").replace("%1", str(result.inserted)))
        self.imported.emit(result)

    def _refused(self, exc: BaseException) -> None:
        """Every bad row of the file, each with its row number, column and reason (not only the first)."""
        self._busy(False)
        rows = getattr(exc, "errors", None) or []
        lines = [translated(e.__str__()) for e in rows]
        self.status.setText(error_text(exc))
        self.problems.setStringList(lines)
        self.problem_view.setVisible(bool(lines))
        self.failed.emit([error_text(exc), *lines])
