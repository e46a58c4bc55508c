"""The meetings view's side tabs: the decisions list (决定事项: open / overdue / done, by meeting, owner and
department), the attendance of the selected meeting (出席情况: present, absent with reason, substitute) and the
dated addenda (补充说明) of approved minutes; plus the two small input dialogs they open.

Presentation only: the rows come from `console.meetings.read` on the window's task runner, and the window
saves through `MeetingService` (which holds the rules: a reason for an absence, addenda only to approved minutes).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.i18n import QT_TRANSLATE_NOOP
from console.meetings.kinds import Attendance
from console.meetings.read import AttendeeView
from console.meetings.service import Invitee
from ui.i18n import Texts, translated
from ui.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex

#: the decisions list's state filter: (value for `list_decisions`, caption)
DECISION_STATES = (
    (None, QT_TRANSLATE_NOOP("MeetingsWindow", "全部")),
    ("open", QT_TRANSLATE_NOOP("MeetingsWindow", "未办结")),
    ("overdue", QT_TRANSLATE_NOOP("MeetingsWindow", "已超期")),
    ("done", QT_TRANSLATE_NOOP("MeetingsWindow", "已办结")),
)
#: the states `console.meetings.read.decision_state` gives, marked for translation
DECISION_STATE_LABELS = (QT_TRANSLATE_NOOP("MeetingsWindow", "未执行"), QT_TRANSLATE_NOOP("MeetingsWindow", "办理中"),
                         QT_TRANSLATE_NOOP("MeetingsWindow", "已超期"), QT_TRANSLATE_NOOP("MeetingsWindow", "已办结"))  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeetingsWindow", text)


def parse_invitees(text: str, departments: list[tuple[int, str]]) -> list[Invitee]:
    """The new-meeting dialog's invitee lines, one person a line: 姓名 [职务或部门]; a second field that names a
    department links the person to it (so the department's handlers see the meeting)."""
    by_name = {name: dep_id for dep_id, name in departments}
    out: list[Invitee] = []
    for line in text.splitlines():
        parts = line.replace("，", " ").replace(",", " ").split()
        if not parts:
            continue
        rest = " ".join(parts[1:])
        dep = by_name.get(rest)
        out.append(Invitee(name=parts[0], duty="" if dep is not None else rest, department_id=dep))
    return out


class DecisionListModel(RowsTableModel):
    context = "MeetingsWindow"
    headers = (QT_TRANSLATE_NOOP("MeetingsWindow", "会商"), QT_TRANSLATE_NOOP("MeetingsWindow", "案件编号"),
               QT_TRANSLATE_NOOP("MeetingsWindow", "决定类型"), QT_TRANSLATE_NOOP("MeetingsWindow", "决定事项"),
               QT_TRANSLATE_NOOP("MeetingsWindow", "责任单位"), QT_TRANSLATE_NOOP("MeetingsWindow", "责任人"),
               QT_TRANSLATE_NOOP("MeetingsWindow", "办理期限"), QT_TRANSLATE_NOOP("MeetingsWindow", "状态"))  # fmt: skip

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.meeting_number, r.case_number, QCoreApplication.translate("domain", r.kind_label), r.text,
                    r.department, r.owner, r.due_on, _tr(r.state))[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.refusal or r.meeting_title
        if role == Qt.ItemDataRole.ForegroundRole and r.state == "已超期":
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class DecisionsPane(QWidget):
    """决定事项: the decisions of every meeting the user sees, filtered by state, meeting, owner and department."""

    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = QComboBox()
        for value, caption in DECISION_STATES:
            self.state.addItem(_tr(caption), value)
        self.state.setCurrentIndex(1)  # what is still open matters most
        self.texts = Texts()  # set again on LanguageChange (`retranslate`)
        self.this_meeting = QCheckBox()
        self.texts.bind(self.this_meeting.setText, QT_TRANSLATE_NOOP("MeetingsWindow", "只看本期会商"))
        self.owner = QLineEdit()
        self.texts.bind(self.owner.setPlaceholderText, QT_TRANSLATE_NOOP("MeetingsWindow", "责任人"))
        self.department = QComboBox()
        self.model = DecisionListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        row = QHBoxLayout()
        for w in (self.state, self.this_meeting, self.owner, self.department):
            row.addWidget(w)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.table)
        self.state.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.this_meeting.toggled.connect(lambda _on: self.filters_changed.emit())
        self.owner.editingFinished.connect(self.filters_changed)
        self.department.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())

    def retranslate(self) -> None:
        self.texts.retranslate()
        for i, (_value, caption) in enumerate(DECISION_STATES):
            self.state.setItemText(i, _tr(caption))
        if self.department.count():
            self.department.setItemText(0, QCoreApplication.translate("MeetingsWindow", "全部责任单位"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1))

    def set_departments(self, deps: list[tuple[int, str]]) -> None:
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(QCoreApplication.translate("MeetingsWindow", "全部责任单位"), None)
        for dep_id, name in deps:
            self.department.addItem(name, dep_id)
        self.department.blockSignals(False)

    def filters(self, meeting_id: int | None) -> dict[str, Any]:
        """Keyword arguments for `list_decisions`."""
        return {"state": self.state.currentData(), "owner": self.owner.text().strip() or None,
                "department_id": self.department.currentData(),
                "meeting_id": meeting_id if self.this_meeting.isChecked() else None}  # fmt: skip


ATTENDANCE_HEADERS = (QT_TRANSLATE_NOOP("MeetingsWindow", "姓名"), QT_TRANSLATE_NOOP("MeetingsWindow", "单位/职务"),
                      QT_TRANSLATE_NOOP("MeetingsWindow", "出席情况"), QT_TRANSLATE_NOOP("MeetingsWindow", "缺席原因"),
                      QT_TRANSLATE_NOOP("MeetingsWindow", "代参会人员"))  # fmt: skip


class AttendancePane(QWidget):
    """出席情况 of the selected meeting, with 登记出席… to record one person's attendance."""

    record_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 5)
        self.attendees: list[AttendeeView] = []
        self.texts = Texts()  # set again on LanguageChange (`retranslate`)
        self.texts.bind(lambda _t: self.table.setHorizontalHeaderLabels([translated(h) for h in ATTENDANCE_HEADERS]), ATTENDANCE_HEADERS[0])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.record = QPushButton()
        self.texts.bind(self.record.setText, QT_TRANSLATE_NOOP("MeetingsWindow", "登记出席…"))
        self.record.clicked.connect(self.record_requested)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(self.record)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.set_attendees(self.attendees)

    def set_attendees(self, attendees: list[AttendeeView]) -> None:
        self.attendees = list(attendees)
        self.table.setRowCount(len(attendees))
        for n, a in enumerate(attendees):
            values = (a.name, a.department or a.duty, QCoreApplication.translate("domain", a.attendance),
                      a.absence_reason, a.substitute)  # fmt: skip
            for col, value in enumerate(values):
                self.table.setItem(n, col, QTableWidgetItem(value))

    def selected_name(self) -> str:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else ""


class AddendaPane(QWidget):
    """补充说明: approved minutes are frozen; what changes later is a dated addendum, listed here."""

    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.texts = Texts()  # set again on LanguageChange (`retranslate`)
        self.add = QPushButton()
        self.texts.bind(self.add.setText, QT_TRANSLATE_NOOP("MeetingsWindow", "添加补充说明…"))
        self.add.clicked.connect(self.add_requested)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list)
        lay.addWidget(self.add)

    def retranslate(self) -> None:
        self.texts.retranslate()

    def set_addenda(self, addenda: list[tuple[Any, str, str]]) -> None:
        self.list.clear()
        for at, by, text in addenda:
            self.list.addItem(f"{at:%Y-%m-%d %H:%M}（{by}）：{text}")


class AttendanceDialog(QDialog):
    """登记出席: one person's attendance; the reason or the substitute is asked for when it applies."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("MeetingsWindow", "登记出席"))
        form = QFormLayout(self)
        self.name = QLineEdit(name)
        self.attendance = QComboBox()
        for a in (Attendance.PRESENT, Attendance.ABSENT, Attendance.SUBSTITUTE):
            self.attendance.addItem(QCoreApplication.translate("domain", a.label), a)
        self.reason = QLineEdit()
        self.substitute = QLineEdit()
        form.addRow(QCoreApplication.translate("MeetingsWindow", "姓名"), self.name)
        form.addRow(QCoreApplication.translate("MeetingsWindow", "出席情况"), self.attendance)
        form.addRow(QCoreApplication.translate("MeetingsWindow", "缺席原因"), self.reason)
        form.addRow(QCoreApplication.translate("MeetingsWindow", "代参会人员"), self.substitute)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.attendance.currentIndexChanged.connect(lambda _i: self._follow())
        self._follow()

    def _follow(self) -> None:
        a = Attendance(self.attendance.currentData())
        self.reason.setEnabled(a is Attendance.ABSENT)
        self.substitute.setEnabled(a is Attendance.SUBSTITUTE)

    def values(self) -> dict[str, Any]:
        a = Attendance(self.attendance.currentData())
        return {"name": self.name.text().strip(), "attendance": a,
                "reason": self.reason.text() if a is Attendance.ABSENT else "",
                "substitute": self.substitute.text() if a is Attendance.SUBSTITUTE else ""}  # fmt: skip


class AddendumDialog(QDialog):
    """添加补充说明 to approved minutes (dated and signed by the service)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("MeetingsWindow", "添加补充说明"))
        lay = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(QCoreApplication.translate("MeetingsWindow", "纪要审定后不再修改，后续情况以补充说明记载（注明日期）"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
