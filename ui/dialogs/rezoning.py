"""案件去向 — the re-zoning dialog: what a split, merge or retirement creates, and where each open case of the
closed grids goes. The core proposes a grid per case from the address rules (`console.rezoning.preview_*`);
the user changes any case by hand (the 移入网格 column); OK stays refused while a case has no grid, or while the
new grids were changed after the last proposal. The dialog never calls the core: `proposal_requested` asks the
page for a new plan (`set_plan`), and `confirmed` hands it the change to make (`commit_placement`: every case
by hand, exactly as shown), after which the page closes it (`finish`) or shows the refusal (`set_problem`).

`RegridDialog` is the case view's 移交网格 for a single case (the same workflow action, one case at a time).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.errors import ValidationError
from console.grids import NewGrid
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.rezoning import AddressRule, Placement, Plan, ProposedMove
from console.workflow.commands import Regrid
from console.workflow.read import CaseDetail
from ui.dialogs.base import ERROR_STYLE, ActionDialog, DialogEnv, text_problem
from ui.dialogs.widgets import GridPicker, GridSearch
from ui.i18n import label, translated

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    QT_TRANSLATE_NOOP("RezoningDialog", "案件编号"),
    QT_TRANSLATE_NOOP("RezoningDialog", "状态"),
    QT_TRANSLATE_NOOP("RezoningDialog", "摘要"),
    QT_TRANSLATE_NOOP("RezoningDialog", "地址"),
    QT_TRANSLATE_NOOP("RezoningDialog", "原网格"),
    QT_TRANSLATE_NOOP("RezoningDialog", "移入网格"),
    QT_TRANSLATE_NOOP("RezoningDialog", "依据"),
)
TARGET = 5
BY_HAND = QT_TRANSLATE_NOOP("rezoning", "人工指定")


class Kind(StrEnum):
    SPLIT = "split"
    MERGE = "merge"
    RETIRE = "retire"


class MovesModel(QAbstractTableModel):
    """The open cases and the grid each goes to; the 移入网格 column is editable (EditRole: a grid code, or
    None for no grid). A choice made here is kept when the rules propose again."""

    placements_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.moves: list[ProposedMove] = []
        self.targets: list[tuple[str, str]] = []
        self.hand: dict[str, str | None] = {}  # case number → chosen grid (None: chosen to be unplaced)

    def set_plan(self, plan: Plan) -> None:
        self.beginResetModel()
        self.moves = list(plan.moves)
        self.targets = list(plan.targets)
        known = {c for c, _ in self.targets}
        numbers = {m.number for m in self.moves}
        self.hand = {n: c for n, c in self.hand.items() if n in numbers and (c is None or c in known)}
        self.endResetModel()
        self.placements_changed.emit()

    def target_of(self, row: int) -> str | None:
        m = self.moves[row]
        return self.hand[m.number] if m.number in self.hand else m.to_code

    def unplaced(self) -> list[str]:
        return [m.number for n, m in enumerate(self.moves) if self.target_of(n) is None]

    def chosen(self) -> dict[str, str]:
        """Every placed case → its grid (what the commit carries out, case by case)."""
        return {m.number: code for n, m in enumerate(self.moves) if (code := self.target_of(n)) is not None}

    def name_of(self, code: str) -> str:
        return dict(self.targets).get(code, code)

    # --- Qt model interface -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.moves)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("RezoningDialog", COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == TARGET else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.moves):
            return None
        m, col, row = self.moves[index.row()], index.column(), index.row()
        target = self.target_of(row)
        if role == Qt.ItemDataRole.EditRole and col == TARGET:
            return target
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == TARGET:
                if target is None:
                    return QCoreApplication.translate("RezoningDialog", "（未定，请选择）")
                return f"{self.name_of(target)}（{target}）"
            if col == 6:
                return translated(BY_HAND if m.number in self.hand else m.basis)
            return (m.number, label(m.status), m.summary, m.address or "—", f"{m.from_name}（{m.from_code}）", "", "")[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == TARGET and target is None:
            return QBrush(QColor("#c62828"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != TARGET or role != Qt.ItemDataRole.EditRole:
            return False
        code = value or None
        if code is not None and code not in {c for c, _ in self.targets}:
            return False
        self.hand[self.moves[index.row()].number] = code
        self.dataChanged.emit(self.index(index.row(), TARGET), self.index(index.row(), 6))
        self.placements_changed.emit()
        return True


class TargetDelegate(QStyledItemDelegate):
    """The 移入网格 cell edits with a list of the grids a case may go to (the new ones first)."""

    def __init__(self, model: MovesModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.moves = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        box = QComboBox(parent)
        box.addItem(QCoreApplication.translate("RezoningDialog", "（未定）"), None)
        for code, name in self.moves.targets:
            box.addItem(f"{name}（{code}）", code)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RezoningDialog(QDialog):
    """Split (new grids with address keywords), merge (the grids to merge, the new grid) or retire one grid,
    and the open cases' places. `grid_codes()`, `new_grids()`, `preview_placement()` and `commit_placement()`
    are what the page hands to `console.rezoning`."""

    proposal_requested = Signal()
    confirmed = Signal()
    plan_shown = Signal()  # a plan (or a refusal of the inputs) is on screen

    def __init__(
        self, kind: Kind, code: str, name: str, *, new_codes: list[str] | None = None,
        candidates: list[tuple[str, str]] | None = None, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.kind = kind
        self.code, self.name = code, name
        self._planned = False
        self._dirty = False
        self._built = False  # the inputs fill in before the OK button exists
        titles = {Kind.SPLIT: self.tr("拆分网格"), Kind.MERGE: self.tr("合并网格"), Kind.RETIRE: self.tr("撤销网格")}
        self.setWindowTitle(f"{titles[kind]}：{name}（{code}）")
        self.resize(980, 640)
        lay = QVBoxLayout(self)
        intro = {
            Kind.SPLIT: self.tr("原网格撤销，新网格承接。已办结的案件仍归原网格；每件未办结案件须移入一个网格：按地址关键词建议，可逐件修改。"),
            Kind.MERGE: self.tr("所选网格撤销，合并为一个新网格。未办结案件默认移入新网格，可逐件修改；已办结的案件仍归原网格。"),
            Kind.RETIRE: self.tr("网格撤销后不再接收新案件。每件未办结案件须移入一个在用网格；已办结的案件仍归原网格。"),
        }[kind]
        text = QLabel(intro)
        text.setWordWrap(True)
        lay.addWidget(text)
        self.merge_list: QListWidget | None = None
        if kind is Kind.MERGE:
            lay.addWidget(QLabel(self.tr("与之合并的网格（同一上级、同级）：")))
            self.merge_list = QListWidget()
            self.merge_list.setMaximumHeight(110)
            for c, n in candidates or []:
                item = QListWidgetItem(f"{n}（{c}）")
                item.setData(Qt.ItemDataRole.UserRole, c)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.merge_list.addItem(item)
            self.merge_list.itemChanged.connect(lambda _i: self._changed())
            lay.addWidget(self.merge_list)
        self.parts: QTableWidget | None = None
        if kind in (Kind.SPLIT, Kind.MERGE):
            lay.addWidget(QLabel(self.tr("新网格：") if kind is Kind.SPLIT else self.tr("合并后的新网格：")))
            headers = [self.tr("编码"), self.tr("名称"), self.tr("户数")] + ([self.tr("地址关键词（逗号分隔）")] if kind is Kind.SPLIT else [])
            self.parts = QTableWidget(0, len(headers))
            self.parts.setHorizontalHeaderLabels(headers)
            self.parts.horizontalHeader().setStretchLastSection(True)
            self.parts.verticalHeader().setVisible(False)
            self.parts.setMaximumHeight(140)
            for i, new_code in enumerate(new_codes or [code]):
                self.add_part(new_code, f"{name}{i + 1}" if kind is Kind.SPLIT else name)
            self.parts.itemChanged.connect(lambda _i: self._changed())
            lay.addWidget(self.parts)
            if kind is Kind.SPLIT:
                row = QHBoxLayout()
                more, less = QPushButton(self.tr("添加新网格")), QPushButton(self.tr("删除所选新网格"))
                more.clicked.connect(lambda _=False: self.add_part("", ""))
                less.clicked.connect(lambda _=False: self._remove_part())
                row.addWidget(more)
                row.addWidget(less)
                row.addStretch(1)
                lay.addLayout(row)
        form = QFormLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("如：户数过多，按楼栋拆分"))
        form.addRow(self.tr("调整说明"), self.note)
        lay.addLayout(form)
        propose = QPushButton(self.tr("按规则建议去向 (F5)"))
        propose.setShortcut(QKeySequence(Qt.Key.Key_F5))
        propose.clicked.connect(lambda _=False: self.request_proposal())
        self.propose_button = propose
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("未办结案件的去向（双击“移入网格”逐件修改）：")))
        head.addStretch(1)
        head.addWidget(propose)
        lay.addLayout(head)
        self.model = MovesModel(self)
        self.model.placements_changed.connect(self._update_state)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(TARGET, TargetDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)  # fmt: skip
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(ERROR_STYLE)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定调整"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._built = True
        self._update_state()

    # --- the inputs ---------------------------------------------------------------------------------------

    def add_part(self, code: str, name: str, households: int = 0, keywords: str = "") -> None:
        assert self.parts is not None
        self.parts.blockSignals(True)
        row = self.parts.rowCount()
        self.parts.insertRow(row)
        values = [code, name, str(households)] + ([keywords] if self.kind is Kind.SPLIT else [])
        for col, value in enumerate(values):
            self.parts.setItem(row, col, QTableWidgetItem(value))
        self.parts.blockSignals(False)
        self._changed()

    def set_keywords(self, row: int, keywords: str) -> None:
        assert self.parts is not None and self.kind is Kind.SPLIT
        self.parts.setItem(row, 3, QTableWidgetItem(keywords))

    def _remove_part(self) -> None:
        assert self.parts is not None
        if self.parts.currentRow() >= 0:
            self.parts.removeRow(self.parts.currentRow())
            self._changed()

    def _cell(self, row: int, col: int) -> str:
        assert self.parts is not None
        item = self.parts.item(row, col)
        return item.text().strip() if item is not None else ""

    def grid_codes(self) -> list[str]:
        """The grids being closed: this one, and for a merge the ones ticked."""
        codes = [self.code]
        if self.merge_list is not None:
            for n in range(self.merge_list.count()):
                item = self.merge_list.item(n)
                if item.checkState() == Qt.CheckState.Checked:
                    codes.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return codes

    def new_grids(self) -> list[NewGrid]:
        """The new grids as typed (rows without a code and name left out); a bad 户数 is refused by name."""
        if self.parts is None:
            return []
        out = []
        for row in range(self.parts.rowCount()):
            code, name, hh = self._cell(row, 0), self._cell(row, 1), self._cell(row, 2) or "0"
            if not code and not name:
                continue
            if not hh.isdigit():
                raise ValidationError(Message(QT_TRANSLATE_NOOP("RezoningDialog", "新网格“%1”的户数“%2”不是非负整数"), name or code, hh))
            out.append(NewGrid(code, name, int(hh)))
        return out

    def rules(self) -> tuple[AddressRule, ...]:
        if self.parts is None or self.kind is not Kind.SPLIT:
            return ()
        out = []
        for row in range(self.parts.rowCount()):
            words = tuple(w.strip() for w in re.split(r"[,，、;；\s]+", self._cell(row, 3)) if w.strip())
            if words and self._cell(row, 0):
                out.append(AddressRule(self._cell(row, 0), words))
        return tuple(out)

    def preview_placement(self) -> Placement:
        """The rules, with the cases already placed by hand kept where the user put them."""
        hand = {n: c for n, c in self.model.hand.items() if c is not None}
        return Placement(hand, self.rules())

    def commit_placement(self) -> Placement:
        """Every case by hand, exactly as the table shows: a case that arrives meanwhile has no place, and the
        core refuses the change instead of placing it unseen."""
        return Placement(self.model.chosen())

    def note_text(self) -> str:
        return self.note.text().strip()

    # --- the plan -----------------------------------------------------------------------------------------

    def request_proposal(self) -> None:
        self.status.setText(self.tr("正在计算案件去向…"))
        self.proposal_requested.emit()

    def set_plan(self, plan: Plan) -> None:
        self._planned, self._dirty = True, False
        self.model.set_plan(plan)
        self.table.resizeColumnsToContents()
        for col in range(len(COLUMNS) - 1):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 260))
        self.plan_shown.emit()

    def set_problem(self, text: str) -> None:
        """A refusal of the core (a bad new code, the change refused): shown here, the inputs kept."""
        self.status.setText(translated(text))
        self.plan_shown.emit()

    def _changed(self) -> None:
        self._dirty = True
        self._update_state()

    def refusal(self) -> str | None:
        """Why OK may not go ahead now, or None."""
        if not self._planned or self._dirty:
            return self.tr("网格设置已修改：请先按规则建议去向（F5），核对每件案件后再确定")
        left = self.model.unplaced()
        if left:
            return self.tr("还有%1件未办结案件没有去向（%2）：请在“移入网格”一栏逐件选择").replace(
                "%1", str(len(left))).replace("%2", "、".join(left[:5]) + ("…" if len(left) > 5 else ""))
        return None

    def _update_state(self) -> None:
        if not self._built:
            return
        reason = self.refusal()
        self.ok_button.setEnabled(reason is None)
        self.ok_button.setToolTip(reason or "")
        if reason is not None:
            self.status.setText(reason)
        else:
            n = len(self.model.moves)
            self.status.setText(self.tr("%1件未办结案件均已指定去向").replace("%1", str(n))
                                if n else self.tr("没有未办结案件需要移交"))  # fmt: skip

    def accept(self) -> None:
        """OK: refused while a case has no grid; else the page makes the change (and closes the dialog)."""
        reason = self.refusal()
        if reason is not None:
            self.status.setText(reason)
            return
        self.ok_button.setEnabled(False)
        self.confirmed.emit()

    def finish(self) -> None:
        """The page made the change."""
        super().accept()

    def failed(self, text: str) -> None:
        """The page's change was refused: say why, let the user fix it and try again."""
        self.set_problem(text)
        self.ok_button.setEnabled(self.refusal() is None)


class RegridDialog(ActionDialog):
    """移交网格 for one case (filed under the wrong grid, or left on a retired one): the grid it moves to, and
    why. The status, department and deadlines stay; the new grid's workers follow it from now on."""

    action = "regrid"

    def __init__(self, env: DialogEnv, detail: CaseDetail | None, title: str, search: GridSearch,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        self._search = search
        super().__init__(env, detail, title, parent)

    def build(self) -> None:
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.form.addRow(self.info)
        self.grid = GridPicker(self._search)
        self.watch(self.grid)
        self.form.addRow(QCoreApplication.translate("Dialogs", "移入网格*"), self.grid)
        self.reason = self.note_row(QCoreApplication.translate("Dialogs", "移交原因"), required=True, height=64,
                                    placeholder=QCoreApplication.translate("Dialogs", "如：上报时选错网格"))  # fmt: skip

    def case_changed(self) -> None:
        d = self.detail
        if d is not None:
            self.info.setText(QCoreApplication.translate("Dialogs", "当前网格：%1（%2）。移交后由新网格跟进，案件状态、部门和时限不变。")
                              .replace("%1", d.grid_name).replace("%2", d.grid_code))  # fmt: skip

    def problems(self) -> str | None:
        chosen = self.grid.selected()
        if chosen is None:
            return QCoreApplication.translate("Dialogs", "请选择移入的网格")
        if self.detail is not None and chosen.code == self.detail.grid_code:
            return QCoreApplication.translate("Dialogs", "案件已在该网格")
        return text_problem(self.reason.text(), QCoreApplication.translate("Dialogs", "移交原因"), required=True)

    def command(self) -> Regrid:
        chosen = self.grid.selected()
        return Regrid(chosen.code if chosen else "", self.reason.text())
