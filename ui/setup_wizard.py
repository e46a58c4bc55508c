"""The first-start wizard (首次设置向导), shown when the database has no township: either set up the real
township — its name and division code, then the grid tree, departments, the 事项清单, staff and posts and the
working calendar, each imported from a file (with a template to fill) or entered row by row — or build the demo
township (三官庙街道) to try the console.

Each step writes at once through `console.setup` on the task runner (a step done stays done if the wizard is
closed; once the township exists the wizard no longer opens and 基础设置 does the rest). The demo build and the
imports run on a worker; the pages are the 基础设置 window's (`ui.setup_pages`), so both show the same thing.
"""

from __future__ import annotations

import getpass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from console.calendar import seed_from_package
from console.db import Database, DbSession
from console.i18n import QT_TRANSLATE_NOOP
from console.setup.township import create_township, township_of
from ui.errors import error_text
from ui.i18n import Texts, TrContext
from ui.setup_item_list import CategoriesPage
from ui.setup_pages import DepartmentsPage, ListPage, StaffPage, written
from ui.setup_wizard_pages import CalendarPage, GridListPage
from ui.tasks import TaskRunner

# lupdate reads `Wizard.tr("…")` in the context "Wizard"
Wizard = TrContext("Wizard")

START, TOWNSHIP, GRIDS, DEPARTMENTS, ITEM_LIST, STAFF, CALENDAR, DEMO = range(8)
DEMO_CASES = 2000


def township_name(session: DbSession) -> tuple[str, str] | None:
    """(name, code) of the database's township, or None: whether the wizard is needed."""
    grid = township_of(session)
    return (grid.name, grid.code) if grid is not None else None


class _Page(QWizardPage):
    """A step with a title and a subtitle translated again on a language change."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.texts = Texts()
        self.texts.bind(self.setTitle, title)
        self.texts.bind(self.setSubTitle, subtitle)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.retranslate()
        super().changeEvent(event)


class StartPage(_Page):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Wizard", "欢迎使用网格化管理指挥调度台"),
                         QT_TRANSLATE_NOOP("Wizard", "本数据库还没有乡镇。请选择如何开始。"))  # fmt: skip
        self.real = QRadioButton()
        self.texts.bind(self.real.setText, QT_TRANSLATE_NOOP("Wizard", "设置本乡镇（从零开始：网格、部门、事项清单、人员、工作日历）(&R)"))
        self.demo = QRadioButton()
        self.texts.bind(self.demo.setText, QT_TRANSLATE_NOOP("Wizard", "建立示例乡镇（三官庙街道，含示例案件，用于试用和培训）(&D)"))
        group = QButtonGroup(self)
        group.addButton(self.real)
        group.addButton(self.demo)
        self.real.setChecked(True)
        self.cases = QSpinBox()
        self.cases.setRange(0, 100_000)
        self.cases.setValue(DEMO_CASES)
        self.cases.setSingleStep(500)
        self.cases.setEnabled(False)
        self.demo.toggled.connect(self.cases.setEnabled)
        cases_label = QLabel()
        self.texts.bind(cases_label.setText, QT_TRANSLATE_NOOP("Wizard", "示例案件数(&N)"))
        cases_label.setBuddy(self.cases)
        note = QLabel()
        note.setWordWrap(True)
        self.texts.bind(note.setText, QT_TRANSLATE_NOOP("Wizard", "每一步都可以从表格文件导入（可先保存模板填写），也可以逐条录入；每步保存后即生效，以后可在“系统 → 基础设置”中修改。"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.real)
        lay.addWidget(self.demo)
        form = QFormLayout()
        form.addRow(cases_label, self.cases)
        lay.addLayout(form)
        lay.addSpacing(12)
        lay.addWidget(note)
        lay.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return DEMO if self.demo.isChecked() else TOWNSHIP


class TownshipPage(_Page):
    """The township's name and 15-digit division code; 下一步 creates it (on the runner)."""

    def __init__(self, tasks: TaskRunner, actor: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Wizard", "乡镇（街道）"),
                         QT_TRANSLATE_NOOP("Wizard", "名称和行政区划代码（15位：县区6位 + 乡镇3位 + 000000）。"))  # fmt: skip
        self.tasks = tasks
        self.actor = actor
        self.created: tuple[str, str] | None = None
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.code.setMaxLength(15)
        self.code.setPlaceholderText("410102006000000")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        form = QFormLayout(self)
        name_label, code_label = QLabel(), QLabel()
        self.texts.bind(name_label.setText, QT_TRANSLATE_NOOP("Wizard", "乡镇（街道）名称(&N)"))
        self.texts.bind(code_label.setText, QT_TRANSLATE_NOOP("Wizard", "行政区划代码(&C)"))
        name_label.setBuddy(self.name)
        code_label.setBuddy(self.code)
        form.addRow(name_label, self.name)
        form.addRow(code_label, self.code)
        form.addRow(self.problem)
        self.registerField("township_name*", self.name)
        self.registerField("township_code*", self.code)
        self._busy = False

    def initializePage(self) -> None:  # noqa: N802
        self.tasks.run(township_name, self._existing, name="township")

    def _existing(self, found: tuple[str, str] | None) -> None:
        if found is not None:  # made earlier (the wizard was closed half-way): shown, not made again
            self.created = found
            self.name.setText(found[0])
            self.code.setText(found[1])
            self.name.setReadOnly(True)
            self.code.setReadOnly(True)

    def validatePage(self) -> bool:  # noqa: N802
        if self.created is not None:
            return True
        if self._busy:
            return False
        name, code, actor = self.name.text().strip(), self.code.text().strip(), self.actor
        self._busy = True
        self.problem.clear()

        def job(s: DbSession) -> tuple[str, str]:
            grid = create_township(s, name=name, code=code, actor=actor)
            return grid.name, grid.code

        self.tasks.run_db(written(job), self._made, self._refused, name="create-township", holds=False)
        return False  # the wizard moves on when the township is in (`_made`)

    def _made(self, made: tuple[str, str]) -> None:
        self._busy = False
        self._existing(made)
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            wizard.next()

    def _refused(self, exc: BaseException) -> None:
        self._busy = False
        self.problem.setText(error_text(exc))


class ListStep(_Page):
    """A wizard step showing one set-up page (its table, its buttons, its import bar)."""

    def __init__(self, title: str, subtitle: str, page: QWidget) -> None:
        super().__init__(title, subtitle)
        self.page = page
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(page)

    def initializePage(self) -> None:  # noqa: N802
        reload = getattr(self.page, "reload", None)
        if reload is not None:
            reload()


class _Progress(QObject):
    """Carries the demo build's progress from the worker to the GUI thread (a queued signal)."""

    step = Signal(int)


class DemoPage(_Page):
    """Builds the demo township on the runner; 完成 is enabled once it is in."""

    def __init__(self, tasks: TaskRunner, actor: str, cases: QSpinBox) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Wizard", "建立示例乡镇"),
                         QT_TRANSLATE_NOOP("Wizard", "三官庙街道：1 个街道、14 个社区（村）、59 个网格，部门、事项清单、人员和示例案件。"))  # fmt: skip
        self.tasks = tasks
        self.actor = actor
        self.cases = cases
        self.done = False
        self.bar = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = _Progress(self)
        self.progress.step.connect(self.bar.setValue)
        lay = QVBoxLayout(self)
        lay.addWidget(self.bar)
        lay.addWidget(self.status)
        lay.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:  # noqa: N802
        if self.done:
            return
        cases, actor, progress = self.cases.value(), self.actor, self.progress
        self.bar.setRange(0, max(1, cases))
        self.bar.setValue(0)
        self.status.setText(Wizard.tr("正在建立示例乡镇，请稍候…"))
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(False)

        def job(db: Database) -> Any:
            from console.demo import build_demo

            with db.write_session() as s:
                seed_from_package(s, actor)
            return build_demo(db, cases=cases, progress=progress.step.emit)

        self.tasks.run_db(job, self._built, self._failed, name="demo", holds=False)

    def _built(self, summary: Any) -> None:
        self.done = True
        self.bar.setValue(self.bar.maximum())
        self.status.setText(Wizard.tr("示例乡镇“%1”已建立：网格 %2 个，部门 %3 个，问题类别 %4 类，案件 %5 件。")
                            .replace("%1", summary.township).replace("%2", str(summary.grids))
                            .replace("%3", str(summary.departments)).replace("%4", str(summary.categories))
                            .replace("%5", str(summary.stats.cases)))  # fmt: skip
        self._unlock()
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))
        self._unlock()

    def _unlock(self) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not self.done)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(True)

    def isComplete(self) -> bool:  # noqa: N802
        return self.done


class SetupWizard(QWizard):
    """`township` is (name, code) once the township step made it; `pages` maps a step to its set-up page."""

    def __init__(self, db: Database, actor: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor or getpass.getuser()
        self.tasks = TaskRunner(db, self, max_threads=2)
        self.texts = Texts()
        self.texts.bind(lambda _t: self._show_step(), QT_TRANSLATE_NOOP("Wizard", "首次设置向导"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, False)
        self.resize(1000, 680)
        a = self.actor
        self.pages: dict[int, Any] = {
            GRIDS: GridListPage(self.tasks, a),
            DEPARTMENTS: DepartmentsPage(self.tasks, a),
            ITEM_LIST: CategoriesPage(self.tasks, a),
            STAFF: StaffPage(self.tasks, a),
            CALENDAR: CalendarPage(self.tasks, a),
        }
        self.start = StartPage()
        self.township_page = TownshipPage(self.tasks, a)
        self.setPage(START, self.start)
        self.setPage(TOWNSHIP, self.township_page)
        for step, title, subtitle in (
            (GRIDS, QT_TRANSLATE_NOOP("Wizard", "网格"), QT_TRANSLATE_NOOP("Wizard", "导入网格花名册（村/社区和网格，可先保存模板），或逐个新增；以后可在基础设置中拆分、合并。")),
            (DEPARTMENTS, QT_TRANSLATE_NOOP("Wizard", "职能部门"), QT_TRANSLATE_NOOP("Wizard", "承办案件的部门：名称、简称、值班电话、负责人。")),
            (ITEM_LIST, QT_TRANSLATE_NOOP("Wizard", "事项清单"), QT_TRANSLATE_NOOP("Wizard", "问题类别及其牵头部门、配合部门、办结时限、工作流程和结案标准。")),
            (STAFF, QT_TRANSLATE_NOOP("Wizard", "人员与网格职务"), QT_TRANSLATE_NOOP("Wizard", "网格长、网格员和部门办理人员，以及各人在哪个网格任何职务。")),
            (CALENDAR, QT_TRANSLATE_NOOP("Wizard", "工作日历"), QT_TRANSLATE_NOOP("Wizard", "办结时限按工作日计算：载入各年的法定节假日和调休安排。")),
        ):  # fmt: skip
            self.setPage(step, ListStep(title, subtitle, self.pages[step]))
        self.page(CALENDAR).setFinalPage(True)
        self.demo_page = DemoPage(self.tasks, a, self.start.cases)
        self.setPage(DEMO, self.demo_page)
        self.setStartId(START)
        self.currentIdChanged.connect(lambda _id: self._show_step())

    def _show_step(self) -> None:
        """The title says where the user is: 第 3 步，共 7 步 (the demo path has two)."""
        title = Wizard.tr("首次设置向导")
        step = self.currentId()
        if step == DEMO:
            self.setWindowTitle(Wizard.tr("%1 — 第 %2 步，共 %3 步").replace("%1", title).replace("%2", "2").replace("%3", "2"))
        elif step >= 0:
            self.setWindowTitle(Wizard.tr("%1 — 第 %2 步，共 %3 步").replace("%1", title).replace("%2", str(step + 1))
                                .replace("%3", str(CALENDAR + 1)))  # fmt: skip
        else:
            self.setWindowTitle(title)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.retranslate()
        super().changeEvent(event)

    @property
    def township(self) -> tuple[str, str] | None:
        return self.township_page.created

    def page_widget(self, step: int) -> ListPage:
        return self.pages[step]  # type: ignore[no-any-return]

    def nextId(self) -> int:  # noqa: N802
        if self.currentId() == CALENDAR or self.currentId() == DEMO:
            return -1
        return super().nextId()

    def done(self, result: int) -> None:
        self.tasks.wait(30_000)
        super().done(result)


def needs_setup(db: Database) -> bool:
    """No township yet (asked once at start, before the main window opens)."""
    with db.session() as s:
        return township_name(s) is None


def run_first_start(db: Database, actor: str | None, exit_after_ms: str | None = None) -> bool:
    """Show the wizard when the database has no township; True when a township exists afterwards.
    `exit_after_ms` (the start-up smoke test's) closes it unfinished after that long."""
    if not needs_setup(db):
        return True
    wizard = SetupWizard(db, actor)
    if exit_after_ms:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(exit_after_ms), wizard.reject)
    wizard.exec()
    return not needs_setup(db)
