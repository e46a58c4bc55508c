"""The review's pyqtgraph charts: the weekly intake / closure / overdue trend on a date axis, the category
breakdown and the ranking bars. Every plot item is created once and refreshed with `setData`/`setOpts`;
hovering shows the value, clicking a trend point or a bar asks for a drill-down (`drill_requested`), and the
whole panel exports as PNG."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QWidget

from console.i18n import QT_TRANSLATE_NOOP
from console.review.charts import Breakdown, Trend
from console.review.scoring import Score
from ui.i18n import Texts, translated

WEEK = 7 * 24 * 3600
#: what a click drills into: ("week", monday), ("category", category id), ("group", group key)
COLORS = {"reported": (52, 101, 164), "closed": (78, 154, 6), "overdue": (204, 0, 0)}


def week_tip(series: str, x: float, y: float) -> str:
    """The trend's hover text: the series, the week (its Monday) and the value."""
    return QCoreApplication.translate("ReviewWindow", "{series} {week}周：{value}").format(
        series=series, week=f"{datetime.fromtimestamp(x):%m-%d}", value=f"{y:g}"
    )


def _short(name: str) -> str:
    """A bar's tick label: a long name wraps onto a second line, so neighbours do not overlap."""
    return name if len(name) <= 3 else f"{name[:3]}\n{name[3:6]}"


def _ts(d: Any) -> float:
    return datetime.combine(d, time()).timestamp()


class ReviewCharts(QWidget):
    drill_requested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.texts = Texts()  # set again on LanguageChange (`retranslate`)
        lay = QGridLayout(self)
        self.trend_plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.texts.bind(self.trend_plot.setTitle, QT_TRANSLATE_NOOP("ReviewWindow", "每周受理、结案与超期"))
        self.trend_plot.addLegend(offset=(10, 10))
        self.trend_plot.showGrid(y=True, alpha=0.3)
        self.lines: dict[str, pg.PlotDataItem] = {}
        self.line_labels: dict[str, str] = {}
        for key, label in (("reported", QT_TRANSLATE_NOOP("ReviewWindow", "上报")), ("closed", QT_TRANSLATE_NOOP("ReviewWindow", "结案")),
                           ("overdue", QT_TRANSLATE_NOOP("ReviewWindow", "超期"))):  # fmt: skip
            item = self.trend_plot.plot([], [], name=translated(label), pen=pg.mkPen(COLORS[key], width=2), symbol="o",
                                        symbolSize=6, symbolBrush=COLORS[key])  # fmt: skip
            self.line_labels[key] = label
            item.sigPointsClicked.connect(self._point_clicked)
            item.scatter.setAcceptHoverEvents(True)
            item.scatter.opts["hoverable"] = True
            item.scatter.opts["tip"] = lambda x, y, data, label=label: week_tip(translated(label), x, y)
            self.lines[key] = item
        self.category_plot = pg.PlotWidget()
        self.texts.bind(self.category_plot.setTitle, QT_TRANSLATE_NOOP("ReviewWindow", "按类别：上报（蓝）与结案（绿）"))
        self.category_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=COLORS["reported"])
        self.category_closed = pg.BarGraphItem(x=[], height=[], width=0.38, brush=COLORS["closed"])
        self.category_plot.addItem(self.category_bars)
        self.category_plot.addItem(self.category_closed)
        self.rank_plot = pg.PlotWidget()
        self.texts.bind(self.rank_plot.setTitle, QT_TRANSLATE_NOOP("ReviewWindow", "综合得分排名"))
        self.rank_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=(114, 159, 207))
        self.rank_plot.addItem(self.rank_bars)
        self.rank_plot.setYRange(0, 100)
        small = QFont()
        small.setPointSize(8)
        for plot in (self.category_plot, self.rank_plot):
            plot.getAxis("bottom").setStyle(tickFont=small)
            plot.getAxis("bottom").setHeight(34)
        lay.addWidget(self.trend_plot, 0, 0, 1, 2)
        lay.addWidget(self.category_plot, 1, 0)
        lay.addWidget(self.rank_plot, 1, 1)
        self.trend: Trend | None = None
        self.breakdown: Breakdown | None = None
        self.ranked: list[Score] = []
        for plot, handler in (
            (self.category_plot, self._category_clicked),
            (self.rank_plot, self._rank_clicked),
        ):
            plot.scene().sigMouseClicked.connect(
                lambda ev, p=plot, h=handler: h(self._data_x(p, ev.scenePos()))
            )
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot: self._hover(p, pos))

    def retranslate(self) -> None:
        self.texts.retranslate()
        legend = self.trend_plot.getPlotItem().legend
        for key, item in self.lines.items():
            text = legend.getLabel(item) if legend is not None else None
            if text is not None:
                text.setText(translated(self.line_labels[key]))

    # --- data ---------------------------------------------------------------------------------------------------

    def set_trend(self, trend: Trend) -> None:
        self.trend = trend
        xs = [_ts(w) for w in trend.weeks]
        for key in ("reported", "closed", "overdue"):
            self.lines[key].setData(xs, getattr(trend, key))

    def set_breakdown(self, b: Breakdown) -> None:
        self.breakdown = b
        n = range(len(b.names))
        self.category_bars.setOpts(x=[i - 0.2 for i in n], height=b.reported)
        self.category_closed.setOpts(x=[i + 0.2 for i in n], height=b.closed)
        self.category_plot.getAxis("bottom").setTicks([[(i, _short(n)) for i, n in enumerate(b.names)]])
        self.category_plot.setXRange(-0.6, max(len(b.names), 1) - 0.4)
        self.category_plot.setYRange(0, max([1, *b.reported, *b.closed]) * 1.1)

    def set_ranking(self, scores: list[Score]) -> None:
        self.ranked = [s for s in scores if s.total is not None]
        self.rank_bars.setOpts(x=list(range(len(self.ranked))), height=[s.total for s in self.ranked])
        self.rank_plot.getAxis("bottom").setTicks([[(i, _short(s.name)) for i, s in enumerate(self.ranked)]])
        self.rank_plot.setXRange(-0.6, max(len(self.ranked), 1) - 0.4)

    # --- clicks and hover --------------------------------------------------------------------------------------

    @staticmethod
    def _data_x(plot: pg.PlotWidget, scene_pos: QPointF) -> float | None:
        vb = plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        return float(vb.mapSceneToView(scene_pos).x())

    @staticmethod
    def _bar_index(x: float | None, count: int) -> int | None:
        if x is None:
            return None
        i = round(x)
        return i if 0 <= i < count and abs(x - i) <= 0.45 else None

    def _category_clicked(self, x: float | None) -> None:
        i = self._bar_index(x, len(self.breakdown.names) if self.breakdown else 0)
        if i is not None and self.breakdown is not None:
            self.drill_requested.emit("category", self.breakdown.category_ids[i])

    def _rank_clicked(self, x: float | None) -> None:
        i = self._bar_index(x, len(self.ranked))
        if i is not None:
            self.drill_requested.emit("group", self.ranked[i].group)

    def _point_clicked(self, _item: Any, points: Any, *_: Any) -> None:
        if len(points):
            monday = datetime.fromtimestamp(points[0].pos().x()).date()
            self.drill_requested.emit("week", monday)

    def _hover(self, plot: pg.PlotWidget, pos: QPointF) -> None:
        x = self._data_x(plot, pos)
        if plot is self.rank_plot:
            i = self._bar_index(x, len(self.ranked))
            tip = (
                QCoreApplication.translate("ReviewWindow", "{name}：{score}（{grade}）").format(
                    name=self.ranked[i].name, score=f"{self.ranked[i].total:.2f}", grade=self.ranked[i].grade
                )
                if i is not None
                else ""
            )
        else:
            b = self.breakdown
            i = self._bar_index(x, len(b.names) if b else 0)
            tip = (
                QCoreApplication.translate("ReviewWindow", "{category}：上报 {reported}，结案 {closed}").format(
                    category=b.names[i], reported=b.reported[i], closed=b.closed[i]
                )
                if i is not None and b
                else ""
            )
        plot.setToolTip(tip)

    def export_png(self, path: str | Path) -> Path:
        out = Path(path)
        self.grab().save(str(out), "PNG")
        return out
