"""The small forms of the set-up screens: a department, a 事项清单 entry (category), a person, a grid post.

MNELAB-style dialogs: they build their widgets and expose what was typed as plain values (`values()`); the page
that opened them calls `console.setup` on the task runner and shows its refusal. No rule lives here: the core
checks codes, names, phones and limits. Tab order follows the form; Enter accepts, Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console import clock
from console.domain import GridRole, LimitType, Severity, Stage
from console.setup.item_list import OTHER_STAGES, CategorySpec
from ui.i18n import TrContext, label

# lupdate reads `SetupDialogs.tr("…")` in the context "SetupDialogs"
SetupDialogs = TrContext("SetupDialogs")


def chain_tab_order(widgets: list[QWidget]) -> None:
    """Tab goes through `widgets` in this order (the form's reading order)."""
    for a, b in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(a, b)


class FormDialog(QDialog):
    """A form that stays open until its save went in: OK (or Enter) calls `on_submit` when one is set; the
    page then calls `saved()` (the form closes) or `refused(sentence)` (the sentence shows above the buttons
    and what was typed stays, to be corrected)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_submit: Callable[[], None] | None = None
        self.saving = False
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setVisible(False)

    def accept(self) -> None:
        if self.on_submit is None:
            super().accept()
        elif not self.saving:
            self.saving = True
            self.problem.setVisible(False)
            self.on_submit()

    def saved(self) -> None:
        self.saving = False
        super().accept()

    def refused(self, sentence: str) -> None:
        self.saving = False
        self.problem.setText(sentence)
        self.problem.setVisible(True)


def _buttons(dialog: FormDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _date(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _py_date(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _text_edit(height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab leaves the field, as in every other field of the form
    edit.setMinimumHeight(height)
    return edit


# --- department ------------------------------------------------------------------------------------------------


class DepartmentDialog(FormDialog):
    """新增/修改部门: code (fixed once made), name, short name, duty phone, head."""

    def __init__(self, parent: QWidget | None = None, row: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(SetupDialogs.tr("修改部门") if row is not None else SetupDialogs.tr("新增部门"))
        form = QFormLayout(self)
        self.code, self.name, self.short_name, self.phone, self.head = (QLineEdit() for _ in range(5))
        self.code.setPlaceholderText(SetupDialogs.tr("如 hbb（字母或数字）"))
        self.phone.setPlaceholderText(SetupDialogs.tr("值班电话，可不填"))
        for caption, w in ((SetupDialogs.tr("编码(&C)"), self.code), (SetupDialogs.tr("部门名称(&N)"), self.name), (SetupDialogs.tr("简称(&S)"), self.short_name),
                           (SetupDialogs.tr("电话(&P)"), self.phone), (SetupDialogs.tr("负责人(&H)"), self.head)):  # fmt: skip
            form.addRow(caption, w)
        if row is not None:
            self.code.setText(row.code)
            self.code.setReadOnly(True)
            self.name.setText(row.name)
            self.short_name.setText(row.short_name or "")
            self.head.setText(row.head or "")
            self.phone.setPlaceholderText(SetupDialogs.tr("不改请留空（当前 %1）").replace("%1", row.phone_masked or "—"))
        box = _buttons(self)
        form.addRow(self.problem)
        form.addRow(box)
        chain_tab_order([self.code, self.name, self.short_name, self.phone, self.head, box])
        (self.name if row is not None else self.code).setFocus()

    def values(self) -> dict[str, Any]:
        phone = self.phone.text().strip()
        return {"code": self.code.text().strip(), "name": self.name.text().strip(),
                "short_name": self.short_name.text().strip(), "phone": phone or None,
                "head": self.head.text().strip()}  # fmt: skip


# --- the 事项清单 entry ----------------------------------------------------------------------------------------


class LimitEdit(QWidget):
    """A time limit: its type and value (`TimeLimit`); unchecked (when optional) means none."""

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.on = QCheckBox() if optional else None
        self.value = QSpinBox()
        self.value.setRange(1, 10_000)
        self.value.setValue(5)
        self.kind = QComboBox()
        for t in LimitType:
            self.kind.addItem(label(t), t)
        self.kind.setCurrentIndex(list(LimitType).index(LimitType.WORKING_DAYS))
        if self.on is not None:
            lay.addWidget(self.on)
            self.on.toggled.connect(self._enable)
            self._enable(False)
        lay.addWidget(self.value)
        lay.addWidget(self.kind, 1)

    def _enable(self, on: bool) -> None:
        self.value.setEnabled(on)
        self.kind.setEnabled(on)

    def focus_widgets(self) -> list[QWidget]:
        return [w for w in (self.on, self.value, self.kind) if w is not None]

    def set_limit(self, limit: Any) -> None:
        if self.on is not None:
            self.on.setChecked(limit is not None)
        if limit is not None:
            self.value.setValue(int(limit.value))
            self.kind.setCurrentIndex(list(LimitType).index(LimitType(limit.type)))

    def limit(self) -> Any:
        from console.deadlines import TimeLimit

        if self.on is not None and not self.on.isChecked():
            return None
        return TimeLimit(LimitType(self.kind.currentData()), self.value.value())


class CategoryDialog(FormDialog):
    """新增/修改问题类别 — one 事项清单 entry: name, key area, lead and co-departments, default severity, the limit
    per severity and per stage, 工作流程, 结案标准, in use. Editing asks the day the change takes effect: open
    cases keep the limit they were dispatched with."""

    def __init__(self, departments: list[Any], parent: QWidget | None = None, row: Any = None) -> None:
        super().__init__(parent)
        self.editing = row is not None
        self.setWindowTitle(SetupDialogs.tr("修改事项清单：%1").replace("%1", row.name) if row is not None else SetupDialogs.tr("新增问题类别"))
        outer = QVBoxLayout(self)
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        left = QFormLayout()
        self.code, self.name = QLineEdit(), QLineEdit()
        self.code.setPlaceholderText(SetupDialogs.tr("如 hjws（字母或数字）"))
        self.key_area = QCheckBox(SetupDialogs.tr("属六个重点领域"))
        self.lead = QComboBox()
        self.co_model = QStandardItemModel(self)
        for d in departments:
            if d.active:
                self.lead.addItem(d.name, d.code)
                item = QStandardItem(d.name)
                item.setData(d.code, Qt.ItemDataRole.UserRole)
                item.setCheckable(True)
                item.setEditable(False)
                self.co_model.appendRow(item)
        self.co = QListView()
        self.co.setModel(self.co_model)
        self.co.setMinimumHeight(110)
        self.co.setMaximumHeight(130)
        self.severity = QComboBox()
        for s in Severity:
            self.severity.addItem(label(s), s)
        self.severity.setCurrentIndex(list(Severity).index(Severity.GENERAL))
        left.addRow(SetupDialogs.tr("编码(&C)"), self.code)
        left.addRow(SetupDialogs.tr("类别名称(&N)"), self.name)
        left.addRow("", self.key_area)
        left.addRow(SetupDialogs.tr("牵头部门(&L)"), self.lead)
        left.addRow(SetupDialogs.tr("配合部门（空格键勾选）"), self.co)
        left.addRow(SetupDialogs.tr("默认级别(&V)"), self.severity)
        limits_box = QGroupBox(SetupDialogs.tr("办结时限（按级别）"))
        lg = QFormLayout(limits_box)
        self.limits: dict[Severity, LimitEdit] = {}
        for s in Severity:
            self.limits[s] = LimitEdit()
            lg.addRow(label(s), self.limits[s])
        stages_box = QGroupBox(SetupDialogs.tr("环节时限（不勾选则用全镇默认）"))
        sg = QGridLayout(stages_box)
        self.stages: dict[Stage, LimitEdit] = {}
        for n, st in enumerate(OTHER_STAGES):  # 处置's limit is the one per severity above
            self.stages[st] = LimitEdit(optional=True)
            sg.addWidget(QLabel(label(st)), n, 0)
            sg.addWidget(self.stages[st], n, 1)
        left_box = QVBoxLayout()
        left_box.addLayout(left)
        left_box.addWidget(limits_box)
        left_box.addWidget(stages_box)
        left_box.addStretch(1)
        columns.addLayout(left_box, 1)

        right = QFormLayout()
        self.workflow = _text_edit(150)
        self.workflow.setPlaceholderText(SetupDialogs.tr("工作流程：发现—上报—派遣—处置—反馈—核查"))
        self.closing = _text_edit(150)
        self.closing.setPlaceholderText(SetupDialogs.tr("结案标准：什么情况下可以核查结案"))
        self.active = QCheckBox(SetupDialogs.tr("在用"))
        self.active.setChecked(True)
        right.addRow(SetupDialogs.tr("工作流程(&W)"), self.workflow)
        right.addRow(SetupDialogs.tr("结案标准(&B)"), self.closing)
        right.addRow("", self.active)
        self.effective = _date(clock.now().date() + timedelta(days=1))
        self.effective_note = QLabel(SetupDialogs.tr("自该日起派遣的案件按新时限计算；此前已派遣、未办结的案件保留派遣时的时限。"))
        self.effective_note.setWordWrap(True)
        self.change_note = QLineEdit()
        self.change_note.setPlaceholderText(SetupDialogs.tr("为何修改，如 依据县网格中心通知调整时限"))
        if self.editing:
            right.addRow(SetupDialogs.tr("生效日期(&E)"), self.effective)
            right.addRow("", self.effective_note)
            right.addRow(SetupDialogs.tr("变更说明(&M)"), self.change_note)
        else:
            for w in (self.effective, self.effective_note, self.change_note):
                w.setVisible(False)
        columns.addLayout(right, 1)
        box = _buttons(self)
        outer.addWidget(self.problem)
        outer.addWidget(box)

        if row is not None:
            self._fill(row)
        order: list[QWidget] = [self.code, self.name, self.key_area, self.lead, self.co, self.severity]
        for s in Severity:
            order += self.limits[s].focus_widgets()
        for st in OTHER_STAGES:
            order += self.stages[st].focus_widgets()
        order += [self.workflow, self.closing, self.active]
        if self.editing:
            order += [self.effective, self.change_note]
        chain_tab_order([*order, box])
        (self.name if self.editing else self.code).setFocus()

    def _fill(self, r: Any) -> None:
        self.code.setText(r.code)
        self.code.setReadOnly(True)
        self.name.setText(r.name)
        self.key_area.setChecked(bool(r.key_area))
        i = self.lead.findData(r.lead_department)
        self.lead.setCurrentIndex(max(0, i))
        co = set(r.co_departments)
        for n in range(self.co_model.rowCount()):
            item = self.co_model.item(n)
            checked = item.data(Qt.ItemDataRole.UserRole) in co
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.severity.setCurrentIndex(list(Severity).index(Severity(r.severity)))
        for s, edit in self.limits.items():
            if s in r.limits:
                edit.set_limit(r.limits[s])
        for st, edit in self.stages.items():
            edit.set_limit(r.stage_limits.get(st))
        self.workflow.setPlainText(r.workflow or "")
        self.closing.setPlainText(r.closing_standard or "")
        self.active.setChecked(bool(r.active))

    def co_departments(self) -> tuple[str, ...]:
        return tuple(
            str(self.co_model.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.co_model.rowCount())
            if self.co_model.item(n).checkState() == Qt.CheckState.Checked
        )

    def set_co_departments(self, codes: tuple[str, ...]) -> None:
        for n in range(self.co_model.rowCount()):
            item = self.co_model.item(n)
            on = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def spec(self) -> Any:
        """The `console.setup.item_list.CategorySpec` typed in (its checks run in the core)."""
        values: dict[str, Any] = {
            "code": self.code.text().strip(), "name": self.name.text().strip(),
            "key_area": self.key_area.isChecked(), "lead_department": self.lead.currentData(),
            "co_departments": self.co_departments(), "severity": Severity(self.severity.currentData()),
            "limits": {s: e.limit() for s, e in self.limits.items()},
            "stage_limits": {st: lim for st, e in self.stages.items() if (lim := e.limit()) is not None},
            "workflow": self.workflow.toPlainText().strip(), "closing_standard": self.closing.toPlainText().strip(),
            "active": self.active.isChecked(),
        }  # fmt: skip
        return CategorySpec(**values)

    def effective_from(self) -> date:
        return _py_date(self.effective)

    def note(self) -> str:
        return self.change_note.text().strip()


# --- people and posts ----------------------------------------------------------------------------------------


class PersonDialog(FormDialog):
    """新增/修改人员: name, phone, department (for a department handler), login (optional)."""

    def __init__(self, departments: list[Any], parent: QWidget | None = None, row: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(SetupDialogs.tr("修改人员") if row is not None else SetupDialogs.tr("新增人员"))
        form = QFormLayout(self)
        self.name, self.phone, self.login = QLineEdit(), QLineEdit(), QLineEdit()
        self.department = QComboBox()
        self.department.addItem(SetupDialogs.tr("（无）"), None)
        for d in departments:
            if d.active:
                self.department.addItem(d.name, d.code)
        self.login.setPlaceholderText(SetupDialogs.tr("登录名，可不填"))
        form.addRow(SetupDialogs.tr("姓名(&N)"), self.name)
        form.addRow(SetupDialogs.tr("电话(&P)"), self.phone)
        form.addRow(SetupDialogs.tr("部门(&D)"), self.department)
        form.addRow(SetupDialogs.tr("登录名(&L)"), self.login)
        if row is not None:
            self.name.setText(row.name)
            self.phone.setPlaceholderText(SetupDialogs.tr("不改请留空（当前 %1）").replace("%1", row.phone_masked or "—"))
            i = self.department.findData(row.department)
            self.department.setCurrentIndex(max(0, i))
            self.login.setText(row.login or "")
            self.login.setReadOnly(True)
        box = _buttons(self)
        form.addRow(self.problem)
        form.addRow(box)
        chain_tab_order([self.name, self.phone, self.department, self.login, box])
        self.name.setFocus()

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "phone": self.phone.text().strip() or None,
                "department": self.department.currentData(), "login": self.login.text().strip() or None}  # fmt: skip


class PostDialog(FormDialog):
    """任命网格职务: which grid, which role (网格长, 网格员, 督导员 …), from which day."""

    def __init__(self, grids: list[Any], parent: QWidget | None = None, person: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(SetupDialogs.tr("任命网格职务：%1").replace("%1", person))
        form = QFormLayout(self)
        self.grid = QComboBox()
        self.grid.setEditable(True)  # type to find a grid by name or code
        self.grid.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for g in grids:
            self.grid.addItem(f"{g.name}（{g.code}）", g.code)
        self.role = QComboBox()
        for r in GridRole:
            self.role.addItem(label(r), r)
        self.start = _date(clock.now().date())
        form.addRow(SetupDialogs.tr("网格(&G)"), self.grid)
        form.addRow(SetupDialogs.tr("职务(&R)"), self.role)
        form.addRow(SetupDialogs.tr("起始日期(&S)"), self.start)
        box = _buttons(self)
        form.addRow(self.problem)
        form.addRow(box)
        chain_tab_order([self.grid, self.role, self.start, box])
        self.grid.setFocus()

    def values(self) -> dict[str, Any]:
        return {"grid_code": self.grid.currentData(), "role": GridRole(self.role.currentData()),
                "start": _py_date(self.start)}  # fmt: skip


class DateDialog(FormDialog):
    """Asks one day (a retirement's, a post's end) and a note; with no `caption` only the note."""

    def __init__(self, title: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.day = _date(clock.now().date())
        self.note = QLineEdit()
        if caption:
            form.addRow(caption, self.day)
        else:
            self.day.setVisible(False)
        form.addRow(SetupDialogs.tr("说明(&N)"), self.note)
        box = _buttons(self)
        form.addRow(self.problem)
        form.addRow(box)
        chain_tab_order([self.day, self.note, box] if caption else [self.note, box])

    def values(self) -> tuple[date, str]:
        return _py_date(self.day), self.note.text().strip()


class GridDialog(FormDialog):
    """新增网格: its 15-digit code (the parent follows from the code), name, kind and households."""

    def __init__(self, parent: QWidget | None = None, prefix: str = "") -> None:
        from console.domain import GridKind

        super().__init__(parent)
        self.setWindowTitle(SetupDialogs.tr("新增网格"))
        form = QFormLayout(self)
        self.code, self.name = QLineEdit(prefix), QLineEdit()
        self.code.setPlaceholderText(SetupDialogs.tr("15位：乡镇9位 + 村（社区）3位 + 网格3位"))
        self.code.setMaxLength(15)
        self.kind = QComboBox()
        for k in GridKind:
            self.kind.addItem(label(k), k)
        self.households = QSpinBox()
        self.households.setRange(0, 1_000_000)
        form.addRow(SetupDialogs.tr("网格编码(&C)"), self.code)
        form.addRow(SetupDialogs.tr("网格名称(&N)"), self.name)
        form.addRow(SetupDialogs.tr("类型(&K)"), self.kind)
        form.addRow(SetupDialogs.tr("户数(&H)"), self.households)
        box = _buttons(self)
        form.addRow(self.problem)
        form.addRow(box)
        chain_tab_order([self.code, self.name, self.kind, self.households, box])
        self.code.setFocus()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """The code field keeps its prefix: the cursor after it, not the prefix selected (as a dialog does on
        opening), so the digits typed add to it."""
        super().showEvent(event)
        QTimer.singleShot(0, self._cursor_after_prefix)

    def _cursor_after_prefix(self) -> None:
        self.code.deselect()
        self.code.end(False)

    def values(self) -> dict[str, Any]:
        from console.domain import GridKind

        return {"code": self.code.text().strip(), "name": self.name.text().strip(),
                "kind": GridKind(self.kind.currentData()), "households": self.households.value()}  # fmt: skip
