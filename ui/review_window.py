"""The review view (统计分析 / 考核): period and scope pickers, the figures table, rankings with movement,
monitor flags, the pyqtgraph charts and the drill-down — every number opens the cases behind it.

All database work runs on the window's own `TaskRunner` (the computation with a busy bar); the rules live in
`console.review`, the window only shows what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console import clock
from console.db import Database, DbSession
from console.i18n import QT_TRANSLATE_NOOP
from console.review.charts import Breakdown, Trend, category_breakdown, weekly_trend
from console.review.counting import CountingRules
from console.review.drill import AGAINST, COUNTED, LEFT_OUT, DrillPage, drill
from console.review.figures import FIGURES_BY_KEY, TOTAL, window
from console.review.monitors import Flag, flags
from console.review.periods import Period, custom, month, parse_period
from console.review.results import Review, drill_page, review
from console.review.scopes import DEPARTMENT, GRID, PERSON, WORKER, Scope
from ui.errors import show_error
from ui.i18n import Texts
from ui.review_charts import ReviewCharts
from ui.review_models import DrillModel, FiguresModel, FlagsModel, RankingModel, SortRole
from ui.review_steps import ReviewSteps, SpotCheckPanel
from ui.tasks import TaskRunner


@dataclass(frozen=True)
class ReviewData:
    """What one computation hands back to the window (plain dataclasses, no ORM objects)."""

    review: Review
    flags: list[Flag]
    trend: Trend
    breakdown: Breakdown


def load_review(session: DbSession, period: Period, scope: Scope, now: datetime) -> ReviewData:
    r = review(session, period, scope, now)
    year_start = max(period.end_at - timedelta(days=364), datetime(2000, 1, 1))
    trend = weekly_trend(session, year_start, period.end_at, scope, now=now)
    w = window(period, r.rules.counting, now)
    return ReviewData(r, flags(r.table, r.rules), trend, category_breakdown(session, w, scope))


def last_month(today: date) -> Period:
    first = today.replace(day=1) - timedelta(days=1)
    return month(first.year, first.month)


class ReviewWindow(QWidget):
    loaded = Signal()  # a computation finished and every table and chart shows it

    def __init__(self, db: Database, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db, self.login = db, login
        self.tasks = TaskRunner(db, self, max_threads=2)
        self.tasks.error.connect(lambda exc: show_error(self, exc))
        self.data: ReviewData | None = None
        self.period = last_month(clock.now().date())
        self.scope = Scope(GRID, level=2)
        self.texts = Texts()  # what `retranslate()` sets again when the language changes
        self.texts.bind(self.setWindowTitle, QT_TRANSLATE_NOOP("ReviewWindow", "督查考核"))
        self.resize(1280, 820)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(self._label(QT_TRANSLATE_NOOP("ReviewWindow", "统计周期")))
        self.period_edit = QLineEdit(self.period.key)
        self.texts.bind(self.period_edit.setToolTip, QT_TRANSLATE_NOOP(
            "ReviewWindow", "2026-10（月）、2026Q3（季）、2026（年）或 2026-10-01..2026-10-15"))  # fmt: skip
        self.period_edit.returnPressed.connect(self.refresh)
        bar.addWidget(self.period_edit)
        bar.addWidget(self._label(QT_TRANSLATE_NOOP("ReviewWindow", "考核对象")))
        self.scope_box = QComboBox()
        for kind, level, label in ((GRID, 2, QT_TRANSLATE_NOOP("ReviewWindow", "村/社区网格")), (GRID, 3, QT_TRANSLATE_NOOP("ReviewWindow", "三级网格")),
                                   (DEPARTMENT, None, QT_TRANSLATE_NOOP("ReviewWindow", "职能部门")),
                                   (PERSON, None, QT_TRANSLATE_NOOP("ReviewWindow", "办理人")),
                                   (WORKER, None, QT_TRANSLATE_NOOP("ReviewWindow", "网格员"))):  # fmt: skip
            self.scope_box.addItem("", (kind, level))
            self.texts.bind(partial(self.scope_box.setItemText, self.scope_box.count() - 1), label)
        self.scope_box.currentIndexChanged.connect(self._scope_changed)
        bar.addWidget(self.scope_box)
        self.refresh_button = QPushButton()
        self.texts.bind(self.refresh_button.setText, QT_TRANSLATE_NOOP("ReviewWindow", "计算"))
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        self.png_button = QPushButton()
        self.texts.bind(self.png_button.setText, QT_TRANSLATE_NOOP("ReviewWindow", "导出图表 PNG"))
        self.png_button.clicked.connect(self._export_png)
        bar.addWidget(self.png_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        bar.addWidget(self.progress)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Vertical)
        self.tabs = QTabWidget()
        self.figures = FiguresModel(self)
        self.figures_proxy = QSortFilterProxyModel(self)
        self.figures_proxy.setSourceModel(self.figures)
        self.figures_proxy.setSortRole(SortRole)
        self.figures_view = self._view(self.figures_proxy, sortable=True)
        self.figures_view.clicked.connect(self._figure_clicked)
        self.tabs.addTab(self.figures_view, "")
        self.texts.bind(partial(self.tabs.setTabText, self.tabs.count() - 1), QT_TRANSLATE_NOOP("ReviewWindow", "指标"))
        self.ranking = RankingModel(self)
        self.ranking_view = self._view(self.ranking)
        self.ranking_view.clicked.connect(lambda ix: self._drill_group(self.ranking.scores()[ix.row()].group))
        self.tabs.addTab(self.ranking_view, "")
        self.texts.bind(partial(self.tabs.setTabText, self.tabs.count() - 1), QT_TRANSLATE_NOOP("ReviewWindow", "排名"))
        self.flags = FlagsModel(self)
        self.flags_view = self._view(self.flags)
        self.flags_view.clicked.connect(self._flag_clicked)
        self.tabs.addTab(self.flags_view, "")
        self.texts.bind(partial(self.tabs.setTabText, self.tabs.count() - 1), QT_TRANSLATE_NOOP("ReviewWindow", "预警"))
        self.charts = ReviewCharts()
        self.charts.drill_requested.connect(self._chart_drill)
        self.tabs.addTab(self.charts, "")
        self.texts.bind(partial(self.tabs.setTabText, self.tabs.count() - 1), QT_TRANSLATE_NOOP("ReviewWindow", "图表"))
        self.steps = ReviewSteps(self.tasks, login, self)
        self.steps.changed.connect(self.refresh)
        self.tabs.addTab(self.steps, "")
        self.texts.bind(partial(self.tabs.setTabText, self.tabs.count() - 1), QT_TRANSLATE_NOOP("ReviewWindow", "审定与申诉"))
        self.spot = SpotCheckPanel(self.tasks, db, login, self)
        self.spot.recorded.connect(self.refresh)
        self.tabs.addTab(self.spot, "")
        self.texts.bind(partial(self.tabs.setTabText, self.tabs.count() - 1), QT_TRANSLATE_NOOP("ReviewWindow", "随机抽查"))
        split.addWidget(self.tabs)

        drill_box = QWidget()
        dl = QVBoxLayout(drill_box)
        dl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.drill_title = self._label(QT_TRANSLATE_NOOP("ReviewWindow", "点击任一数字查看其背后的案件"))
        row.addWidget(self.drill_title, 1)
        self.part_box = QComboBox()
        for part, label in ((COUNTED, QT_TRANSLATE_NOOP("ReviewWindow", "计入的案件")), (AGAINST, QT_TRANSLATE_NOOP("ReviewWindow", "计入分母未计入分子")),
                            (LEFT_OUT, QT_TRANSLATE_NOOP("ReviewWindow", "未计入的案件及原因"))):  # fmt: skip
            self.part_box.addItem("", part)
            self.texts.bind(partial(self.part_box.setItemText, self.part_box.count() - 1), label)
        self.part_box.currentIndexChanged.connect(lambda _i: self._redrill())
        row.addWidget(self.part_box)
        dl.addLayout(row)
        self.drill = DrillModel(self.tasks, self)
        self.drill_view = self._view(self.drill)
        dl.addWidget(self.drill_view)
        split.addWidget(drill_box)
        split.setSizes([520, 260])
        lay.addWidget(split, 1)
        self._drill_args: tuple[str, str, Scope] | None = None

    def _label(self, source: str) -> QLabel:
        label = QLabel()
        self.texts.bind(label.setText, source)
        return label

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text again in the language just installed (tables, charts and the steps too)."""
        self.texts.retranslate()
        for model in (self.figures, self.ranking, self.flags, self.drill):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(model.columnCount() - 1, 0))
        self.steps.retranslate()
        self.spot.retranslate()
        self.charts.retranslate()
        if self.data is not None:  # the rows hold translated labels: fill them again (no recomputing)
            self._fill(self.data)

    @staticmethod
    def _view(model: Any, *, sortable: bool = False) -> QTableView:
        v = QTableView()
        v.setModel(model)
        v.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        v.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        v.setSortingEnabled(sortable)
        v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        v.verticalHeader().hide()
        return v

    # --- computing ---------------------------------------------------------------------------------------------

    def _scope_changed(self, _i: int) -> None:
        kind, level = self.scope_box.currentData()
        self.scope = Scope(kind, None, level)
        self.refresh()

    def set_scope(self, scope: Scope) -> None:
        self.scope = scope
        self.refresh()

    def refresh(self) -> None:
        try:
            self.period = parse_period(self.period_edit.text())
        except Exception as exc:  # noqa: BLE001 - one handler shows every refusal
            show_error(self, exc)
            return
        period, scope, now = self.period, self.scope, clock.now()
        self.progress.show()
        self.refresh_button.setEnabled(False)

        def done(data: ReviewData) -> None:
            self._show(data)

        def failed(exc: BaseException) -> None:
            self.progress.hide()
            self.refresh_button.setEnabled(True)
            self.status.setText(
                QCoreApplication.translate("ReviewWindow", "未能计算：") + str(getattr(exc, "message", exc))
            )
            self.loaded.emit()

        self.tasks.run(lambda s: load_review(s, period, scope, now), done, failed, name="review", priority=5)

    def _show(self, data: ReviewData) -> None:
        self.data = data
        r = data.review
        self._fill(data)
        groups = [(k, r.table.names.get(k, k)) for k in r.table.keys]
        self.steps.show_state(r.table.period, r.table.scope, r.status, r.result_id, groups)
        self.spot.show_period(r.table.period, r.table.scope)
        self.progress.hide()
        self.refresh_button.setEnabled(True)
        self.loaded.emit()

    def _fill(self, data: ReviewData) -> None:
        r = data.review
        self.figures.set_table(r.table)
        self.ranking.set_items(r.scores)
        self.flags.set_items(data.flags)
        self.charts.set_trend(data.trend)
        self.charts.set_breakdown(data.breakdown)
        self.charts.set_ranking(r.scores)
        as_of = QCoreApplication.translate("ReviewWindow", "统计时点")
        rules = QCoreApplication.translate("ReviewWindow", "考核细则")
        self.status.setText(
            f"{r.table.period.label} · {r.status_label} · {as_of} {r.table.as_of:%Y-%m-%d %H:%M} · "
            f"{rules} v{r.rules.version}“{r.rules.name}” · {r.rules.grade_text}"
        )

    # --- drill-down ----------------------------------------------------------------------------------------------

    def _figure_clicked(self, index: QModelIndex) -> None:
        src = self.figures_proxy.mapToSource(index)
        f = self.figures.figure_at(src.column())
        if f is not None:
            self.open_drill(f.key, self.figures.groups[src.row()])

    def _flag_clicked(self, index: QModelIndex) -> None:
        flag = self.flags.flag_at(index.row())
        self.open_drill(flag.monitor, flag.group)

    def _drill_group(self, group: str) -> None:
        self.open_drill("close_rate" if self.scope.kind not in (GRID, WORKER) else "valid_rate", group)

    def _chart_drill(self, kind: str, value: Any) -> None:
        if kind == "group":
            self._drill_group(str(value))
        elif kind == "category":
            self.open_drill("reported", TOTAL, replace(self.scope, categories=(int(value),)))
        elif kind == "week":
            week = custom(value, value + timedelta(days=6))
            self.open_drill("reported", TOTAL, period=week)

    def open_drill(
        self, figure: str, group: str, scope: Scope | None = None, period: Period | None = None
    ) -> None:
        scope = scope or self.scope
        period = period or self.period
        self._drill_args = (figure, group, scope)
        self._drill_period = period
        self._redrill()

    def _redrill(self) -> None:
        if self._drill_args is None:
            return
        figure, group, scope = self._drill_args
        period, part = self._drill_period, self.part_box.currentData()
        rules = self.data.review.rules.counting if self.data else None
        f = FIGURES_BY_KEY[figure]
        name = QCoreApplication.translate("ReviewWindow", "合计") if group == TOTAL else (
            self.data.review.table.names.get(group, group) if self.data else group)  # fmt: skip
        self.drill_title.setText(f"{period.label} · {name} · {f.label}")
        self.drill_title.setToolTip(f.formula)
        now = clock.now()
        shown = self.data is not None and period == self.data.review.table.period and scope == self.scope

        def fetch(session: DbSession, after: int) -> DrillPage:
            if shown:  # the numbers on screen: a stored month opens the cases it kept
                return drill_page(session, period, scope, figure, group, part, after, 100, now)
            return drill(
                session, window(period, rules or CountingRules(), now), scope, figure, group, part, after, 100
            )

        self.drill.load(fetch)

    def _export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("ReviewWindow", "导出图表"),
                                              f"考核图表-{self.period.key}.png", "PNG (*.png)")  # fmt: skip
        if path:
            self.charts.export_png(Path(path))


def open_review(main: Any) -> ReviewWindow:
    """The main window's 督查考核 menu entry: one review window per main window, computed when first shown."""
    w: ReviewWindow | None = getattr(main, "review_window", None)
    if w is None:
        w = ReviewWindow(main.db, main.actor, main)
        main.review_window = w
        w.refresh()
    w.show()
    w.raise_()
    return w
