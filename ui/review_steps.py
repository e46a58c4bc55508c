"""The review view's 计算 → 公示 → 申诉 → 审定 → 冻结 steps and its spot-check tab (随机抽查).

The buttons only call `console.review.freezing` and `console.review.spotcheck` on the window's task runner and
ask the window to show the result again; which step is open follows the stored result's status (a refusal
the service would give — a post rule, an appeal still undecided — is shown by the one error handler).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console import clock
from console.db import Database, DbSession
from console.i18n import QT_TRANSLATE_NOOP
from console.review import freezing, spotcheck
from console.review.figures import FIGURES, TOTAL
from console.review.freezing import AppealRow
from console.review.periods import MONTH, Period
from console.review.results import APPROVED, DRAFT, FROZEN, PUBLISHED
from console.review.scopes import DEPARTMENT, GRID, Scope
from console.review.spotcheck import OUTCOME_LABELS, Criteria, SampleInfo, SheetRow
from ui.i18n import Texts, translated
from ui.rows_model import RowsTableModel
from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
STEPS_FOR_MONTHS_ONLY = QT_TRANSLATE_NOOP("ReviewSteps", "季度和年度结果由已冻结的月份汇总，无需逐步审定")


class _RowsModel(RowsTableModel):
    """A read-only table of plain rows: one function gives a row's cells."""

    context = "ReviewSteps"

    def cells(self, row: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or role not in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.cells(self.rows[index.row()])[index.column()]


class AppealsModel(_RowsModel):
    headers = (
        str(QT_TRANSLATE_NOOP("ReviewSteps", "考核对象")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "指标")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "案件")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "申诉人")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "申诉时间")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "理由")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "裁定")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "裁定人")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "裁定意见")),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}

    def cells(self, a: AppealRow) -> tuple[str, ...]:
        return (self.names.get(a.group, a.group), a.figure, str(a.case_id or ""), a.filed_by,
                f"{a.filed_at:%Y-%m-%d %H:%M}", a.reason, a.decision_label, a.decided_by or "", a.decision_note)  # fmt: skip


class SheetModel(_RowsModel):
    headers = (
        str(QT_TRANSLATE_NOOP("ReviewSteps", "序号")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "案件编号")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "抽查结果")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "情况说明")),
        str(QT_TRANSLATE_NOOP("ReviewSteps", "检查人")),
    )

    #: the sample these rows belong to: a result is recorded only against the sample that is both chosen and shown
    check_id: int | None = None

    def show_check(self, check_id: int | None, rows: list[SheetRow]) -> None:
        self.check_id = check_id
        self.set_rows(rows)

    def cells(self, r: SheetRow) -> tuple[str, ...]:
        return (str(r.position), r.case_number, r.outcome_label, r.note, r.checked_by or "")


@dataclass(frozen=True)
class AppealInput:
    group: str
    figure: str
    reason: str


class AppealDialog(QDialog):
    """申诉: which group, which figure, why. The dialog only collects them (`result_input`)."""

    def __init__(self, groups: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ReviewSteps", "提出申诉"))
        form = QFormLayout(self)
        self.group_box = QComboBox()
        for key, name in groups:
            self.group_box.addItem(name, key)
        self.figure_box = QComboBox()
        for f in FIGURES:
            self.figure_box.addItem(f.label, f.key)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(
            QCoreApplication.translate("ReviewSteps", "申诉理由：哪一项计算有误、涉及哪些案件")
        )
        form.addRow(QCoreApplication.translate("ReviewSteps", "考核对象"), self.group_box)
        form.addRow(QCoreApplication.translate("ReviewSteps", "指标"), self.figure_box)
        form.addRow(QCoreApplication.translate("ReviewSteps", "理由"), self.reason_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def result_input(self) -> AppealInput:
        return AppealInput(str(self.group_box.currentData()), str(self.figure_box.currentData()),
                           self.reason_edit.toPlainText())  # fmt: skip


def _label(texts: Texts, source: str) -> QLabel:
    """A caption that `texts.retranslate()` sets again."""
    label = QLabel()
    texts.bind(label.setText, source)
    return label


def _table_view(model: QAbstractTableModel) -> QTableView:
    v = QTableView()
    v.setModel(model)
    v.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    v.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    v.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    v.horizontalHeader().setStretchLastSection(True)
    v.verticalHeader().hide()
    return v


class ReviewSteps(QWidget):
    """The step buttons of the shown month and its appeals log (a tab of the review window)."""

    changed = Signal()  # a step was taken: the window shows the period again
    done = Signal()  # a job of this panel finished (tests wait for it)

    def __init__(self, tasks: TaskRunner, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self.login = tasks, login
        self.period: Period | None = None
        self.scope: Scope | None = None
        self.status = ""
        self.result_id: int | None = None
        self.groups: list[tuple[str, str]] = []
        self.texts = Texts()  # set again on LanguageChange (`retranslate`)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label in (("compute", QT_TRANSLATE_NOOP("ReviewSteps", "计算草稿")), ("publish", QT_TRANSLATE_NOOP("ReviewSteps", "公示")), ("appeal", QT_TRANSLATE_NOOP("ReviewSteps", "申诉…")),
                           ("approve", QT_TRANSLATE_NOOP("ReviewSteps", "审定")), ("freeze", QT_TRANSLATE_NOOP("ReviewSteps", "冻结"))):  # fmt: skip
            b = QPushButton()
            self.texts.bind(b.setText, label)
            b.clicked.connect(lambda _c=False, k=key: self._step(k))
            bar.addWidget(b)
            self.buttons[key] = b
        self.state_label = QLabel()
        bar.addWidget(self.state_label, 1)
        lay.addLayout(bar)
        self.appeals = AppealsModel(self)
        self.appeals_view = _table_view(self.appeals)
        self.appeals_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        lay.addWidget(self.appeals_view, 1)
        decide = QHBoxLayout()
        decide.addWidget(_label(self.texts, QT_TRANSLATE_NOOP("ReviewSteps", "裁定意见")))
        self.note_edit = QLineEdit()
        decide.addWidget(self.note_edit, 1)
        decide.addWidget(_label(self.texts, QT_TRANSLATE_NOOP("ReviewSteps", "得分调整")))
        self.points_spin = QDoubleSpinBox()
        self.points_spin.setRange(-100.0, 100.0)
        self.points_spin.setDecimals(1)
        decide.addWidget(self.points_spin)
        self.uphold_button = QPushButton()
        self.texts.bind(self.uphold_button.setText, QT_TRANSLATE_NOOP("ReviewSteps", "申诉成立"))
        self.uphold_button.clicked.connect(lambda: self.decide_selected(True))
        self.reject_button = QPushButton()
        self.texts.bind(self.reject_button.setText, QT_TRANSLATE_NOOP("ReviewSteps", "申诉不成立"))
        self.reject_button.clicked.connect(lambda: self.decide_selected(False))
        decide.addWidget(self.uphold_button)
        decide.addWidget(self.reject_button)
        lay.addLayout(decide)
        self._enable()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.appeals.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.appeals.columnCount() - 1)
        if self.period is not None and self.period.kind != MONTH:
            self.state_label.setText(translated(STEPS_FOR_MONTHS_ONLY))

    def show_state(self, period: Period, scope: Scope, status: str, result_id: int | None,
                   groups: list[tuple[str, str]]) -> None:  # fmt: skip
        """What the window shows now: the buttons follow the stored result's status; its appeals are loaded."""
        self.period, self.scope, self.status, self.result_id, self.groups = (
            period,
            scope,
            status,
            result_id,
            groups,
        )
        self.appeals.names = dict(groups)
        if period.kind != MONTH:
            self.state_label.setText(translated(STEPS_FOR_MONTHS_ONLY))
        else:
            self.state_label.setText("")
        self._enable()
        rid = result_id
        if rid is None:
            self.appeals.set_rows([])
            return
        self.tasks.run(lambda s: freezing.appeals_of(s, rid), self._appeals_loaded, name="review-appeals")

    def _appeals_loaded(self, rows: list[AppealRow]) -> None:
        self.appeals.set_rows(rows)
        self._enable()
        self.done.emit()

    def open_steps(self) -> set[str]:
        """The steps the shown result allows now."""
        if self.period is None or self.period.kind != MONTH:
            return set()
        return {
            "live": {"compute"},
            DRAFT: {"compute", "publish"},
            PUBLISHED: {"appeal", "approve"},
            APPROVED: {"freeze"},
            FROZEN: set(),
        }.get(self.status, set())

    def _selected_appeal(self) -> AppealRow | None:
        rows = self.appeals_view.selectionModel().selectedRows()
        return self.appeals.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        steps = self.open_steps()
        for key, b in self.buttons.items():
            b.setEnabled(key in steps)
        a = self._selected_appeal()
        can_decide = self.status == PUBLISHED and a is not None and a.decision is None
        self.uphold_button.setEnabled(can_decide)
        self.reject_button.setEnabled(can_decide)

    def _run(self, fn: Any, name: str) -> None:
        for b in (*self.buttons.values(), self.uphold_button, self.reject_button):
            b.setEnabled(False)

        def ok(_r: Any) -> None:
            self.done.emit()
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self._enable()
            self.done.emit()
            self.tasks.error.emit(exc)

        self.tasks.run(fn, ok, failed, name=name, holds=False)

    def _step(self, key: str) -> None:
        if key == "appeal":
            dialog = AppealDialog([g for g in self.groups if g[0] != TOTAL], self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.file_appeal(dialog.result_input())
            return
        self.take_step(key)

    def take_step(self, key: str) -> None:
        """计算 / 公示 / 审定 / 冻结 of the shown month (a job on the task runner)."""
        period, scope, rid, who = self.period, self.scope, self.result_id, self.login
        if period is None or scope is None:
            return
        now = clock.now()

        def job(s: DbSession) -> None:
            if key == "compute":
                freezing.compute(s, period, scope, who, now)
            elif rid is not None:
                {"publish": freezing.publish, "approve": freezing.approve, "freeze": freezing.freeze}[key](
                    s, rid, who, now
                )

        self._run(job, f"review-{key}")

    def file_appeal(self, a: AppealInput) -> None:
        rid, who, now = self.result_id, self.login, clock.now()
        if rid is None:
            return
        self._run(lambda s: freezing.appeal(s, rid, a.group, a.figure, a.reason, who, now), "review-appeal")

    def decide_selected(self, upheld: bool) -> None:
        a = self._selected_appeal()
        if a is None:
            return
        note, points, who, now = self.note_edit.text(), self.points_spin.value(), self.login, clock.now()
        self._run(lambda s: freezing.decide(s, a.id, upheld, note, who, now, points if upheld else 0.0),
                  "review-decide")  # fmt: skip


class SpotCheckPanel(QWidget):
    """随机抽查: draw a seeded sample of the shown month's closed cases in the shown scope and record what each
    check found ("not fixed" reopens the case through the workflow, in `console.review.spotcheck`)."""

    done = Signal()
    recorded = Signal()  # a result was recorded: the figures move

    def __init__(self, tasks: TaskRunner, db: Database, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self.db, self.login = tasks, db, login
        self.period: Period | None = None
        self.scope: Scope | None = None
        self.texts = Texts()  # set again on LanguageChange (`retranslate`)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(_label(self.texts, QT_TRANSLATE_NOOP("ReviewSteps", "抽查批次")))
        self.sample_box = QComboBox()
        self.sample_box.currentIndexChanged.connect(lambda _i: self._load_sheet())
        bar.addWidget(self.sample_box, 1)
        bar.addWidget(_label(self.texts, QT_TRANSLATE_NOOP("ReviewSteps", "数量")))
        self.size_spin = QSpinBox()
        self.size_spin.setRange(1, 1000)
        self.size_spin.setValue(10)
        bar.addWidget(self.size_spin)
        bar.addWidget(_label(self.texts, QT_TRANSLATE_NOOP("ReviewSteps", "随机种子")))
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2_000_000_000)
        self.texts.bind(self.seed_spin.setToolTip,
                        QT_TRANSLATE_NOOP("ReviewSteps", "同一种子、同一批记录抽出同样的案件，可复核"))  # fmt: skip
        bar.addWidget(self.seed_spin)
        self.draw_button = QPushButton()
        self.texts.bind(self.draw_button.setText, QT_TRANSLATE_NOOP("ReviewSteps", "抽取"))
        self.draw_button.clicked.connect(self.draw)
        bar.addWidget(self.draw_button)
        lay.addLayout(bar)
        self.sheet = SheetModel(self)
        self.sheet_view = _table_view(self.sheet)
        self.sheet_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        lay.addWidget(self.sheet_view, 1)
        rec = QHBoxLayout()
        self.outcome_box = QComboBox()
        for key, label in OUTCOME_LABELS.items():
            self.outcome_box.addItem(label, key)
        rec.addWidget(self.outcome_box)
        self.note_edit = QLineEdit()
        self.texts.bind(self.note_edit.setPlaceholderText,
                        QT_TRANSLATE_NOOP("ReviewSteps", "情况说明（未解决或群众不认可时必填）"))  # fmt: skip
        rec.addWidget(self.note_edit, 1)
        self.record_button = QPushButton()
        self.texts.bind(self.record_button.setText, QT_TRANSLATE_NOOP("ReviewSteps", "记录结果"))
        self.record_button.clicked.connect(self.record_selected)
        rec.addWidget(self.record_button)
        lay.addLayout(rec)
        self._enable()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.sheet.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.sheet.columnCount() - 1)

    def show_period(self, period: Period, scope: Scope) -> None:
        """Show a period's samples; the figures shown again for the same period keep the chosen sample."""
        same = self.period is not None and self.period.key == period.key
        keep = self.sample_box.currentData() if same else None
        self.period, self.scope = period, scope
        if not same:
            self.seed_spin.setValue(int(period.start.strftime("%Y%m%d")))
        self._load_samples(select=keep)

    def _criteria(self) -> Criteria:
        scope = self.scope or Scope()
        dept = scope.ids[0] if scope.kind == DEPARTMENT and len(scope.ids) == 1 else None
        grid = scope.grid_code if scope.kind == GRID else None
        return Criteria(grid_code=grid, department_id=dept, size=self.size_spin.value())

    def _load_samples(self, select: int | None = None) -> None:
        period = self.period
        if period is None:
            return

        def loaded(samples: list[SampleInfo]) -> None:
            self.sample_box.blockSignals(True)
            self.sample_box.clear()
            for c in samples:
                self.sample_box.addItem(
                    QCoreApplication.translate(
                        "ReviewSteps", "第 {id} 批 · 种子 {seed} · {size} 件 · {by} {at}"
                    ).format(
                        id=c.id, seed=c.seed, size=c.size, by=c.created_by, at=f"{c.created_at:%m-%d %H:%M}"
                    ),
                    c.id,
                )
            if select is not None:
                self.sample_box.setCurrentIndex(max(0, self.sample_box.findData(select)))
            self.sample_box.blockSignals(False)
            self._load_sheet()

        self.tasks.run(lambda s: spotcheck.samples_of(s, period), loaded, name="spot-samples")

    def _load_sheet(self) -> None:
        check_id = self.sample_box.currentData()
        if check_id is None:
            self.sheet.show_check(None, [])
            self._enable()
            self.done.emit()
            return
        self._enable()  # the rows shown belong to another sample until these arrive: nothing to record on them

        def loaded(rows: list[SheetRow]) -> None:
            if check_id == self.sample_box.currentData():  # otherwise a later choice's rows are on their way
                self.sheet.show_check(int(check_id), rows)
            self._enable()
            self.done.emit()

        self.tasks.run(lambda s: spotcheck.sheet(s, int(check_id)), loaded, name="spot-sheet")

    def _selected(self) -> SheetRow | None:
        rows = self.sheet_view.selectionModel().selectedRows()
        return self.sheet.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        self.draw_button.setEnabled(self.period is not None)
        r = self._selected()
        shown = self.sheet.check_id is not None and self.sheet.check_id == self.sample_box.currentData()
        self.record_button.setEnabled(shown and r is not None and r.outcome is None)

    def _failed(self, exc: BaseException) -> None:
        self._enable()
        self.done.emit()
        self.tasks.error.emit(exc)

    def draw(self) -> None:
        period, c, seed, who, now = (
            self.period,
            self._criteria(),
            self.seed_spin.value(),
            self.login,
            clock.now(),
        )
        if period is None:
            return
        self.draw_button.setEnabled(False)
        self.tasks.run(lambda s: spotcheck.draw(s, period, c, seed, who, now).id,
                       lambda cid: self._load_samples(select=cid), self._failed, name="spot-draw", holds=False)  # fmt: skip

    def record_selected(self) -> None:
        r = self._selected()
        if r is None or self.sheet.check_id != self.sample_box.currentData():
            return
        outcome, note, who, now = (
            self.outcome_box.currentData(),
            self.note_edit.text(),
            self.login,
            clock.now(),
        )
        self.record_button.setEnabled(False)

        def ok(_item: Any) -> None:
            self.note_edit.clear()
            self.recorded.emit()
            self._load_sheet()

        self.tasks.run_db(lambda db: spotcheck.record(db, r.item_id, str(outcome), note, who, now).id, ok,
                          self._failed, name="spot-record", holds=False)  # fmt: skip
