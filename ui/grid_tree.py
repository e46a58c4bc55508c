"""The grid tree (三级网格) as a Qt item model: name, open cases, overdue cases per node (subtree totals).

The tree is small (a township has tens to a few hundred grids), so it is read whole into plain nodes; the
counts come from `console.queue.grid_counts` and are refreshed in place (`set_counts`) on live updates.
Search (name, code, pinyin initials such as `sgm` → 三官庙) is a recursive filter proxy over it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from console.domain import GridKind
from console.grid_reads import GridNode
from console.i18n import QT_TRANSLATE_NOOP
from ui.i18n import label

Index = QModelIndex | QPersistentModelIndex

CodeRole = Qt.ItemDataRole.UserRole + 10
NodeRole = Qt.ItemDataRole.UserRole + 11

HEADERS = (
    QT_TRANSLATE_NOOP("GridTreeModel", "网格"),
    QT_TRANSLATE_NOOP("GridTreeModel", "未结"),
    QT_TRANSLATE_NOOP("GridTreeModel", "超期"),
)


class GridTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roots: list[GridNode] = []
        self._by_code: dict[str, GridNode] = {}

    # --- content --------------------------------------------------------------------------------------------

    def set_grids(self, nodes: list[GridNode]) -> None:
        self.beginResetModel()
        by_id = {n.id: n for n in nodes}
        self._roots = []
        for n in nodes:
            n.children = []
        for n in nodes:
            parent = by_id.get(n.parent_id) if n.parent_id is not None else None
            n.parent = parent
            (parent.children if parent else self._roots).append(n)
        self._by_code = {n.code: n for n in nodes}
        self.endResetModel()

    def set_counts(self, counts: dict[str, Any]) -> None:
        """Update the badges from `grid_counts` ({code: GridCount}) without resetting the tree."""
        for code, node in self._by_code.items():
            c = counts.get(code)
            new = (c.open, c.overdue) if c is not None else (0, 0)
            if (node.open, node.overdue) != new:
                node.open, node.overdue = new
                idx = self._index_of(node)
                self.dataChanged.emit(idx.siblingAtColumn(1), idx.siblingAtColumn(2))

    def node(self, code: str) -> GridNode | None:
        return self._by_code.get(code)

    def index_of_code(self, code: str) -> QModelIndex:
        node = self._by_code.get(code)
        return self._index_of(node) if node else QModelIndex()

    def _index_of(self, node: GridNode, column: int = 0) -> QModelIndex:
        return self.createIndex(node.row(), column, node)

    def _node(self, index: Index) -> GridNode | None:
        return index.internalPointer() if index.isValid() else None  # type: ignore[return-value]

    # --- Qt model interface ---------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(HEADERS) or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        siblings = self._node(parent).children if parent.isValid() else self._roots  # type: ignore[union-attr]
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self._index_of(node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(node.children) if node else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def retranslate(self) -> None:
        """The language changed: the headers are looked up again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return QCoreApplication.translate("GridTreeModel", HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return node.name
            return node.open if col == 1 else node.overdue
        if role == CodeRole:
            return node.code
        if role == NodeRole:
            return node
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "" if node.kind is GridKind.REGULAR else f" · {label(node.kind)}"
            return f"{node.name}（{node.code}）{kind}"
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and node.kind is not GridKind.REGULAR:
            return QBrush(QColor(20, 90, 160))
        if role == Qt.ItemDataRole.FontRole and col == 0 and node.level == 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


class GridFilterProxy(QSortFilterProxyModel):
    """Keeps the grids whose name, code or pinyin initials match, with their ancestors (recursive filter)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self._text = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._text:
            return True
        idx = self.sourceModel().index(source_row, 0, source_parent)
        node: GridNode | None = idx.data(NodeRole)
        if node is None:
            return False
        t = self._text
        return (
            t in node.name.lower() or node.code.startswith(t) or node.pinyin.startswith(t) or t in node.pinyin
        )
