"""Qt models of the meetings view: the list of meetings and a meeting's agenda (会商议程).

Both hold plain rows read on the task runner (`console.meetings.read`); the agenda model reorders by drag and
drop, but only asks for the move (`move_requested`): the window saves it through `MeetingService` and reloads.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from console.i18n import QT_TRANSLATE_NOOP
from console.meetings.read import ItemView
from ui.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
_MIME = "application/x-gridconsole-agenda-row"


class MeetingListModel(RowsTableModel):
    context = "MeetingsWindow"
    headers = (QT_TRANSLATE_NOOP("MeetingsWindow", "编号"), QT_TRANSLATE_NOOP("MeetingsWindow", "类型"), QT_TRANSLATE_NOOP("MeetingsWindow", "标题"), QT_TRANSLATE_NOOP("MeetingsWindow", "召开时间"), QT_TRANSLATE_NOOP("MeetingsWindow", "状态"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.number, r.kind_label, r.title, f"{r.held_at:%Y-%m-%d %H:%M}", r.status_label)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class AgendaModel(QAbstractTableModel):
    """The live items of one meeting, in agenda order; reasons shown as chips (【超期】【多次返工】…)."""

    HEADERS = (QT_TRANSLATE_NOOP("MeetingsWindow", "序号"), QT_TRANSLATE_NOOP("MeetingsWindow", "案件编号"), QT_TRANSLATE_NOOP("MeetingsWindow", "问题摘要"), QT_TRANSLATE_NOOP("MeetingsWindow", "案件状态"), QT_TRANSLATE_NOOP("MeetingsWindow", "上会理由"), QT_TRANSLATE_NOOP("MeetingsWindow", "会议决定"), QT_TRANSLATE_NOOP("MeetingsWindow", "执行/跟踪"))
    move_requested = Signal(str, int)  # case number, new 1-based position

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[ItemView] = []
        self.editable = False  # the agenda may be reordered (筹备 / 议程已发)

    def set_items(self, items: list[ItemView], editable: bool) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.editable = editable
        self.endResetModel()

    def item(self, row: int) -> ItemView | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("MeetingsWindow", self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        i = self.items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return i.position
            if col == 1:
                return i.case_number
            if col == 2:
                return i.summary
            if col == 3:
                changed = i.version_now != i.case_version and i.case_version > 0
                return i.status + (QCoreApplication.translate("MeetingsWindow", "（议程生成后有变化）") if changed else "")
            if col == 4:
                return "".join(f"【{QCoreApplication.translate('MeetingsWindow', c)}】" for c in i.chips)
            if col == 5:
                return f"【{i.decision.kind_label}】{i.decision.text}" if i.decision else ""
            if col == 6:
                if i.decision is None:
                    return ""
                return i.decision.state + (f"：{i.decision.refusal}" if i.decision.refusal else "")
        if role == Qt.ItemDataRole.ToolTipRole and col == 4:
            return "\n".join(text for _code, text in i.reasons)
        if role == Qt.ItemDataRole.ForegroundRole and col == 6 and i.decision is not None:
            if i.decision.refusal or i.decision.state == "已超期":
                return QBrush(QColor(190, 20, 20))
        if role == Qt.ItemDataRole.UserRole:
            return i.case_id
        return None

    # --- drag and drop reordering --------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.editable:
            return base if index.isValid() else Qt.ItemFlag.NoItemFlags
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({ix.row() for ix in indexes})
        if rows:
            data.setData(_MIME, str(rows[0]).encode())
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:  # noqa: N802
        if not self.editable or not data.hasFormat(_MIME):
            return False
        source = int(bytes(data.data(_MIME).data()).decode())
        target = parent.row() if row < 0 and parent.isValid() else row
        if target < 0:
            target = len(self.items)
        item = self.item(source)
        if item is None:
            return False
        position = target + 1 if target <= source else target  # rows after the source move up by one
        if position != source + 1:
            self.move_requested.emit(item.case_number, position)
        return False  # the window reloads the agenda as saved; Qt removes nothing itself
