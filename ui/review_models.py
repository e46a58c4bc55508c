"""The review view's table models: figures (a row per group, a column per figure, formulas as tooltips, sorted
by value), rankings, monitor flags, and the drill-down's keyset-paged case rows (the queue's row type,
`QueueRow`, fetched a page at a time on the task runner through `canFetchMore`/`fetchMore`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from console.i18n import QT_TRANSLATE_NOOP
from console.review.drill import DrillPage, DrillRow
from console.review.figures import FIGURES, TOTAL, Figure, FigureTable
from console.review.monitors import Flag
from console.review.scoring import Score
from ui.i18n import translated
from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _TOOLTIP, _ALIGN = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.TextAlignmentRole,
)
#: the value a column sorts by (a rate's fraction, a count; a "—" sorts below every number)
SortRole = Qt.ItemDataRole.UserRole + 11
#: the group key of a row (grid code, department or person id; "*" for the whole scope)
GroupRole = Qt.ItemDataRole.UserRole + 12
#: the figure key of a column
FigureRole = Qt.ItemDataRole.UserRole + 13


def formula_tip(f: Figure, table: FigureTable | None) -> str:
    rules = "；".join(table.rule_texts(f)) if table is not None else ""
    return f.formula + (f"\n{rules}" if rules else "")


class FiguresModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: FigureTable | None = None
        self.groups: list[str] = []

    def set_table(self, table: FigureTable) -> None:
        self.beginResetModel()
        self.table = table
        self.groups = [TOTAL, *table.keys]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.groups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 1 + len(FIGURES)

    def figure_at(self, column: int) -> Figure | None:
        return FIGURES[column - 1] if 1 <= column <= len(FIGURES) else None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or self.table is None:
            return None
        group = self.groups[index.row()]
        f = self.figure_at(index.column())
        if role == GroupRole:
            return group
        if role == FigureRole:
            return f.key if f else None
        if f is None:
            name = (
                QCoreApplication.translate("ReviewWindow", "合计")
                if group == TOTAL
                else self.table.names.get(group, group)
            )
            return name if role in (_DISPLAY, SortRole) else None
        if role == _DISPLAY:
            return self.table.text(f, group)
        if role == SortRole:
            v = self.table.value(f, group).value
            return float("-inf") if v is None else float(v)
        if role == _TOOLTIP:
            return formula_tip(f, self.table)
        if role == _ALIGN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        f = self.figure_at(section)
        if role == _DISPLAY:
            return f.label if f else QCoreApplication.translate("ReviewWindow", "考核对象")
        if role == _TOOLTIP and f is not None:
            return formula_tip(f, self.table)
        return None


class _ListModel(QAbstractTableModel):
    """A read-only table over a list of records, one column per (title, getter)."""

    columns: list[tuple[str, Callable[[Any], Any]]] = []
    tips: dict[int, Callable[[Any], str]] = {}  # column → a record's tooltip there ("" for none)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == GroupRole:
            return getattr(item, "group", None)
        if role in (_DISPLAY, SortRole):
            value = self.columns[index.column()][1](item)
            return (
                "" if value is None else (value if role == SortRole or isinstance(value, str) else str(value))
            )
        if role == _TOOLTIP and index.column() in self.tips:
            return self.tips[index.column()](item) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return translated(self.columns[section][0])  # marked sources: the current language's
        return None


def _num(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


class RankingModel(_ListModel):
    def __init__(self, parent: Any = None) -> None:
        self.columns = [
            (QT_TRANSLATE_NOOP("ReviewWindow", "名次"), lambda s: s.rank if s.rank is not None else "—"),
            (QT_TRANSLATE_NOOP("ReviewWindow", "考核对象"), lambda s: s.name),
            (QT_TRANSLATE_NOOP("ReviewWindow", "基础分"), lambda s: _num(s.base)),
            (QT_TRANSLATE_NOOP("ReviewWindow", "加减分"), lambda s: f"{s.adjustment:+.2f}"),
            (
                QT_TRANSLATE_NOOP("ReviewWindow", "综合得分"),
                lambda s: s.total_text,
            ),
            (QT_TRANSLATE_NOOP("ReviewWindow", "等级"), lambda s: s.grade),
            (QT_TRANSLATE_NOOP("ReviewWindow", "升降"), lambda s: s.movement_text),
        ]
        self.tips = {
            4: lambda s: s.clamp_text
        }  # base + adjustment past the rule set's range: why the total differs
        super().__init__(parent)

    def scores(self) -> list[Score]:
        return list(self.items)


class FlagsModel(_ListModel):
    def __init__(self, parent: Any = None) -> None:
        self.columns = [
            (QT_TRANSLATE_NOOP("ReviewWindow", "考核对象"), lambda f: f.name),
            (QT_TRANSLATE_NOOP("ReviewWindow", "监测项"), lambda f: f.label),
            (QT_TRANSLATE_NOOP("ReviewWindow", "数值"), lambda f: f.value_text),
            (QT_TRANSLATE_NOOP("ReviewWindow", "阈值"), lambda f: f.threshold_text),
            (QT_TRANSLATE_NOOP("ReviewWindow", "案件数"), lambda f: f.count),
        ]
        super().__init__(parent)

    def flag_at(self, row: int) -> Flag:
        return self.items[row]  # type: ignore[no-any-return]


class DrillModel(QAbstractTableModel):
    """The cases behind a figure, a page at a time: `load(fetch)` starts over with `fetch(session, after)` →
    `DrillPage`; the view's scrolling asks `fetchMore` for the next page after the last case id."""

    loaded = Signal()

    def __init__(self, tasks: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [QT_TRANSLATE_NOOP("ReviewWindow", "编号"), QT_TRANSLATE_NOOP("ReviewWindow", "状态"), QT_TRANSLATE_NOOP("ReviewWindow", "类别"),
                        QT_TRANSLATE_NOOP("ReviewWindow", "网格"), QT_TRANSLATE_NOOP("ReviewWindow", "概要"), QT_TRANSLATE_NOOP("ReviewWindow", "牵头部门"),
                        QT_TRANSLATE_NOOP("ReviewWindow", "原因")]  # fmt: skip
        self.tasks = tasks
        self.rows: list[DrillRow] = []
        self._fetch: Callable[[Any, int], DrillPage] | None = None
        self._after: int | None = None
        self._loading = False
        self._generation = 0

    def load(self, fetch: Callable[[Any, int], DrillPage]) -> None:
        self.beginResetModel()
        self.rows, self._fetch, self._after, self._loading = [], fetch, 0, False
        self._generation += 1
        self.endResetModel()
        self._next()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._after is not None and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._next()

    def _next(self) -> None:
        fetch, after, gen = self._fetch, self._after, self._generation
        if fetch is None or after is None:
            return
        self._loading = True

        def done(page: DrillPage) -> None:
            if gen != self._generation:
                return
            self._loading = False
            if page.rows:
                start = len(self.rows)
                self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
                self.rows.extend(page.rows)
                self.endInsertRows()
            self._after = page.after
            self.loaded.emit()

        def failed(exc: BaseException) -> None:
            if gen == self._generation:
                self._loading, self._after = False, None
                self.loaded.emit()
            self.tasks.error.emit(exc)

        self.tasks.run(lambda s: fetch(s, after), done, failed, name="review-drill", priority=5)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or role != _DISPLAY:
            return None
        d = self.rows[index.row()]
        r = d.row
        return (r.number, r.status.label, r.category_name, r.grid_name, r.summary, r.lead_department_name or "",
                d.reason)[index.column()]  # fmt: skip

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return translated(self.headers[section])
        return None
