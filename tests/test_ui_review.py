"""The review view (pytest-qt, offscreen) on the fixed month (tests/review_data.py): figures, scope change,
drill-down from a table cell and from a chart bar, the models checked by qtmodeltester, and the screenshot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from console import clock
from console.db import Database
from console.review.figures import FIGURES
from tests.review_data import Month, build_month
from ui.review_window import ReviewWindow


@pytest.fixture
def nov(db: Database) -> Iterator[Month]:
    m = build_month(db)
    clock.set_clock(lambda: datetime(2026, 12, 2, 9, 0))
    yield m
    clock.set_clock(None)


def _open(db: Database, qtbot: QtBot) -> ReviewWindow:
    w = ReviewWindow(db, "督查员")
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.loaded, timeout=10000):
        w.refresh()
    return w


def _column(w: ReviewWindow, key: str) -> int:
    return 1 + [f.key for f in FIGURES].index(key)


def test_figures_scope_change_and_drill_from_a_cell(
    db: Database, nov: Month, qtbot: QtBot, qtmodeltester: Any
) -> None:
    w = _open(db, qtbot)
    assert w.period.key == "2026-11"
    m = w.figures
    assert m.data(m.index(0, 0)) == "合计" and m.data(m.index(0, _column(w, "close_rate"))) == "57.14%"
    assert "结案率 = 结案数 ÷ 应结案数" in m.headerData(
        _column(w, "close_rate"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    qtmodeltester.check(m)
    qtmodeltester.check(w.ranking)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        w.scope_box.setCurrentIndex(2)  # 职能部门
    names = [m.data(m.index(r, 0)) for r in range(m.rowCount())]
    assert names[0] == "合计" and set(names[1:]) == {"环保办", "行政执法中队"}
    assert [w.ranking.data(w.ranking.index(r, 1)) for r in range(w.ranking.rowCount())] == [
        "行政执法中队",
        "环保办",
    ]
    assert w.ranking.data(w.ranking.index(1, 6)) == "↓1"
    assert {w.flags.data(w.flags.index(r, 1)) for r in range(w.flags.rowCount())} == {
        "挂账占比",
        "退回占比",
        "结案后重办占比",
    }
    qtmodeltester.check(w.flags)
    # the 合计 row's 结案率 cell → the four closed cases, then those counted against it
    cell = w.figures_proxy.mapFromSource(m.index(0, _column(w, "close_rate")))
    with qtbot.waitSignal(w.drill.loaded, timeout=10000):
        w.figures_view.clicked.emit(cell)
    assert {w.drill.rows[i].row.id for i in range(w.drill.rowCount())} == {nov.ids[k] for k in "ABFI"}
    with qtbot.waitSignal(w.drill.loaded, timeout=10000):
        w.part_box.setCurrentIndex(2)
    assert {r.reason for r in w.drill.rows} == {
        "未到期（办结时限在统计时点之后）",
        "办结时限在本期之前，已计入当期",
    }
    qtmodeltester.check(w.drill)
    # sorting the figures by a column sorts by value, "—" last in descending order
    w.figures_view.sortByColumn(_column(w, "dispatch_accuracy"), Qt.SortOrder.DescendingOrder)
    p = w.figures_proxy
    assert [p.data(p.index(r, _column(w, "dispatch_accuracy"))) for r in range(p.rowCount())] == [
        "100.00%",
        "87.50%",
        "50.00%",
    ]


def test_drill_from_a_chart_bar_and_png(db: Database, nov: Month, qtbot: QtBot, tmp_path: Path) -> None:
    w = _open(db, qtbot)
    w.resize(1280, 820)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        w.scope_box.setCurrentIndex(2)
    w.tabs.setCurrentWidget(w.charts)
    qtbot.wait(50)
    plot = w.charts.rank_plot
    vb = plot.getPlotItem().getViewBox()
    # click the second bar (环保办) where it stands on screen
    scene_pos = vb.mapViewToScene(QPointF(1, 20))
    view_pos = plot.mapFromScene(scene_pos)
    with qtbot.waitSignal(w.drill.loaded, timeout=10000):
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    assert "环保办" in w.drill_title.text() and "结案率" in w.drill_title.text()
    assert {r.row.id for r in w.drill.rows} == {nov.ids[k] for k in "ABFI"}
    # the category bar of 安全生产 (second category by reports) drills to its report, J
    cats = w.charts.breakdown
    assert cats is not None and cats.names == ["环境卫生", "安全生产"]
    with qtbot.waitSignal(w.drill.loaded, timeout=10000):
        w.charts._category_clicked(1.2)
    assert [r.row.id for r in w.drill.rows] == [nov.ids["J"]]
    trend = w.charts.lines["reported"]
    xs, ys = trend.getData()
    assert sum(ys) >= 9 and len(xs) >= 52
    png = w.charts.export_png(tmp_path / "charts.png")
    assert png.stat().st_size > 10_000


def test_screenshot_of_the_review_view(db: Database, nov: Month, qtbot: QtBot, tmp_path: Path) -> None:
    """The view renders whole with its charts (docs/review-window.png is the same view over the demo township)."""
    w = _open(db, qtbot)
    w.resize(1280, 820)
    with qtbot.waitSignal(w.loaded, timeout=10000):
        w.scope_box.setCurrentIndex(2)
    w.tabs.setCurrentWidget(w.charts)
    with qtbot.waitSignal(w.drill.loaded, timeout=10000):
        w.open_drill("close_rate", str(nov.ref.env))
    qtbot.wait(100)
    shot = tmp_path / "review-window.png"
    assert w.grab().save(str(shot)) and shot.stat().st_size > 20_000


def test_the_grid_workers_scope(db: Database, nov: Month, qtbot: QtBot) -> None:
    """Picking 网格员: a row per person holding a grid in November (王建国 holds 一号楼院), drilling to their grid's
    cases."""
    w = _open(db, qtbot)
    index = next(i for i in range(w.scope_box.count()) if w.scope_box.itemText(i) == "网格员")
    with qtbot.waitSignal(w.loaded, timeout=10000):
        w.scope_box.setCurrentIndex(index)
    m = w.figures
    assert [m.data(m.index(r, 0)) for r in range(m.rowCount())] == ["合计", "王建国"]
    assert m.data(m.index(1, _column(w, "reported"))) == "8"  # J is in 二号楼院, which nobody holds
    assert "网格员：计入其在本期任一时间任职" in m.headerData(
        _column(w, "close_rate"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    with qtbot.waitSignal(w.drill.loaded, timeout=10000):
        w.figures_view.clicked.emit(w.figures_proxy.mapFromSource(m.index(1, _column(w, "reported"))))
    assert {r.row.id for r in w.drill.rows} == {nov.ids[k] for k in "ABCDEFGK"}


def test_a_clamped_total_is_marked_and_explained_in_the_ranking(qtbot: QtBot) -> None:
    from console.review.scoring import Score
    from ui.review_models import RankingModel

    model = RankingModel()
    model.set_items(
        [
            Score("g1", "一号楼院", 100.0, 5.0, 100.0, "A", 1),
            Score("g2", "二号楼院", 82.14, -10.0, 72.14, "C", 2),
        ]
    )
    total = [model.index(r, 4) for r in range(2)]
    assert [model.data(ix) for ix in total] == ["100.00*", "72.14"]
    assert (
        model.data(total[0], Qt.ItemDataRole.ToolTipRole) == "100.00+5.00 = 105.00，超过 100 分，按 100 分计"
    )
    assert model.data(total[1], Qt.ItemDataRole.ToolTipRole) is None
