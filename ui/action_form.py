"""A simple form for any workflow action, until the dedicated dialogs exist.

The form only collects the fields `CaseService.act` takes for the action (one table below) and hands them back
as a plain dict (`fields()`); the window calls the service. No workflow rule lives here: the service refuses
with a message fit to show, and the form stays open so the user can correct it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from console import clock
from console.domain import CloseType, Satisfaction
from console.models import Department, Person
from ui.i18n import QT_TRANSLATE_NOOP, label


def _t(text: str) -> str:
    return QCoreApplication.translate("ActionForm", text)


@dataclass(frozen=True)
class Field:
    name: str
    caption: str
    kind: str  # text, line, multiline, department, departments, person, datetime, date, choice, bool
    required: bool = False
    choices: tuple[tuple[Any, str], ...] = ()


_YES_NO = (
    (True, QT_TRANSLATE_NOOP("ActionForm", "通过")),
    (False, QT_TRANSLATE_NOOP("ActionForm", "不通过")),
)
_APPROVE = (
    (True, QT_TRANSLATE_NOOP("ActionForm", "同意")),
    (False, QT_TRANSLATE_NOOP("ActionForm", "不同意")),
)

NOTE = Field("note", QT_TRANSLATE_NOOP("ActionForm", "说明"), "multiline")

ACTION_FIELDS: dict[str, tuple[Field, ...]] = {
    "accept": (Field("note", QT_TRANSLATE_NOOP("ActionForm", "受理意见"), "multiline"),),
    "reject": (Field("reason", QT_TRANSLATE_NOOP("ActionForm", "不予受理理由"), "multiline", True),),
    "merge": (Field("into", QT_TRANSLATE_NOOP("ActionForm", "合并到案件编号"), "line", True), NOTE),
    "dispatch": (
        Field("lead_department_id", QT_TRANSLATE_NOOP("ActionForm", "牵头部门"), "department", True),
        Field("co_department_ids", QT_TRANSLATE_NOOP("ActionForm", "配合部门"), "departments"),
        Field("responsible_person_id", QT_TRANSLATE_NOOP("ActionForm", "直接责任人"), "person"),
        Field("instructions", QT_TRANSLATE_NOOP("ActionForm", "交办要求"), "multiline"),
        NOTE,
    ),
    "sign": (NOTE,),
    "progress": (Field("note", QT_TRANSLATE_NOOP("ActionForm", "进展情况"), "multiline", True),),
    "feedback": (Field("result", QT_TRANSLATE_NOOP("ActionForm", "办理结果"), "multiline", True), NOTE),
    "return": (Field("reason", QT_TRANSLATE_NOOP("ActionForm", "退回理由"), "multiline", True),),
    "verify": (
        Field("passed", QT_TRANSLATE_NOOP("ActionForm", "核查结果"), "choice", True, _YES_NO),
        Field("note", QT_TRANSLATE_NOOP("ActionForm", "核查意见"), "multiline"),
        Field("reason", QT_TRANSLATE_NOOP("ActionForm", "不通过原因"), "multiline"),
    ),
    "close": (
        Field(
            "close_type",
            QT_TRANSLATE_NOOP("ActionForm", "结案类型"),
            "choice",
            True,
            tuple((m, m.label) for m in CloseType),
        ),  # fmt: skip
        Field("reason", QT_TRANSLATE_NOOP("ActionForm", "结案说明"), "multiline"),
    ),
    "callback": (
        Field(
            "satisfaction",
            QT_TRANSLATE_NOOP("ActionForm", "满意度"),
            "choice",
            True,
            tuple((m, m.label) for m in Satisfaction),
        ),  # fmt: skip
        Field("comment", QT_TRANSLATE_NOOP("ActionForm", "回访意见"), "multiline"),
    ),
    "request_extension": (
        Field("requested_due_at", QT_TRANSLATE_NOOP("ActionForm", "申请延至"), "datetime", True),
        Field("reason", QT_TRANSLATE_NOOP("ActionForm", "延期理由"), "multiline", True),
    ),
    "decide_extension": (
        Field("approve", QT_TRANSLATE_NOOP("ActionForm", "审批结果"), "choice", True, _APPROVE),
        Field("note", QT_TRANSLATE_NOOP("ActionForm", "审批意见"), "multiline"),
    ),
    "escalate": (Field("note", QT_TRANSLATE_NOOP("ActionForm", "上报县级说明"), "multiline", True),),
    "county_return": (Field("answer", QT_TRANSLATE_NOOP("ActionForm", "县级答复"), "multiline", True),),
    "long_term": (
        Field("measures", QT_TRANSLATE_NOOP("ActionForm", "治理措施"), "multiline", True),
        Field("next_review_on", QT_TRANSLATE_NOOP("ActionForm", "下次复查日期"), "date"),
        NOTE,
    ),
    "resume": (Field("note", QT_TRANSLATE_NOOP("ActionForm", "恢复办理说明"), "multiline", True),),
    "supervise": (
        Field("chased", QT_TRANSLATE_NOOP("ActionForm", "督办对象"), "line", True),
        Field("note", QT_TRANSLATE_NOOP("ActionForm", "督办内容"), "multiline"),
    ),
    "claim": (),
    "release": (),
}


@dataclass(frozen=True)
class Choices:
    """Departments and people to pick from (read once per form by a worker)."""

    departments: tuple[tuple[int, str], ...]
    people: tuple[tuple[int, str, int | None], ...]  # id, name, department id


def load_choices(session: Session) -> Choices:
    depts = session.execute(
        select(Department.id, Department.name).where(Department.active.is_(True)).order_by(Department.code)
    )
    people = session.execute(
        select(Person.id, Person.name, Person.department_id)
        .where(Person.active.is_(True), Person.department_id.is_not(None))
        .order_by(Person.department_id, Person.name)
    )
    return Choices(tuple((r[0], r[1]) for r in depts), tuple((r[0], r[1], r[2]) for r in people))


class ActionForm(QDialog):
    """Collects an action's fields; `fields()` returns them ready for `CaseService.act`."""

    def __init__(
        self,
        action: str,
        action_label: str,
        case_number: str,
        choices: Choices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(_t("%1 — 案件 %2").replace("%1", action_label).replace("%2", case_number))
        self.setMinimumWidth(460)
        self._choices = choices or Choices((), ())
        self._widgets: dict[str, QWidget] = {}
        self._specs = ACTION_FIELDS.get(action, (NOTE,))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        lay.addLayout(form)
        if not self._specs:
            form.addRow(QLabel(_t("确定要执行“%1”吗？").replace("%1", action_label)))
        for spec in self._specs:
            widget = self._make(spec)
            self._widgets[spec.name] = widget
            caption = _t(spec.caption) + ("*" if spec.required else "")
            form.addRow(caption, widget)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #d62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        lay.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action_label)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def _make(self, spec: Field) -> QWidget:
        if spec.kind == "multiline":
            text = QPlainTextEdit()
            text.setFixedHeight(70)
            return text
        if spec.kind == "line":
            return QLineEdit()
        if spec.kind == "department":
            combo = QComboBox()
            combo.addItem(_t("（按类别默认）"), None)
            for did, name in self._choices.departments:
                combo.addItem(name, did)
            combo.currentIndexChanged.connect(self._department_changed)
            return combo
        if spec.kind == "departments":
            lst = QListWidget()
            lst.setFixedHeight(90)
            for did, name in self._choices.departments:
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, did)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                lst.addItem(item)
            return lst
        if spec.kind == "person":
            combo = QComboBox()
            self._fill_people(combo, None)
            return combo
        if spec.kind == "datetime":
            dt = QDateTimeEdit(QDateTime(_qdate(clock.now()), QTime(17, 30)).addDays(3))
            dt.setCalendarPopup(True)
            dt.setDisplayFormat("yyyy-MM-dd HH:mm")
            return dt
        if spec.kind == "date":
            d = QDateEdit(_qdate(clock.now()).addDays(30))
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            return d
        if spec.kind == "choice":
            combo = QComboBox()
            combo.addItem(_t("（请选择）"), None)
            for value, caption in spec.choices:
                shown = label(value) if hasattr(value, "label") else _t(caption)
                combo.addItem(shown, value)
            return combo
        return QLineEdit()

    def _fill_people(self, combo: QComboBox, department_id: int | None) -> None:
        combo.clear()
        combo.addItem(_t("（不指定）"), None)
        for pid, name, did in self._choices.people:
            if department_id is None or did == department_id:
                combo.addItem(name, pid)

    def _department_changed(self) -> None:
        lead = self._widgets.get("lead_department_id")
        person = self._widgets.get("responsible_person_id")
        if isinstance(lead, QComboBox) and isinstance(person, QComboBox):
            self._fill_people(person, lead.currentData())

    def widget(self, name: str) -> QWidget:
        return self._widgets[name]

    def fields(self) -> dict[str, Any]:
        """The values entered, typed for the service (empty optional fields left out)."""
        out: dict[str, Any] = {}
        for spec in self._specs:
            w = self._widgets[spec.name]
            value: Any
            if isinstance(w, QPlainTextEdit):
                value = w.toPlainText().strip()
            elif isinstance(w, QLineEdit):
                value = w.text().strip()
            elif isinstance(w, QListWidget):
                value = [
                    w.item(i).data(Qt.ItemDataRole.UserRole)
                    for i in range(w.count())
                    if w.item(i).checkState() == Qt.CheckState.Checked
                ]
            elif isinstance(w, QComboBox):
                value = w.currentData()
            elif isinstance(w, QDateTimeEdit) and not isinstance(w, QDateEdit):
                value = w.dateTime().toPython().replace(second=0, microsecond=0)  # type: ignore[attr-defined]
            elif isinstance(w, QDateEdit):
                value = w.date().toPython()
            else:
                value = None
            if value in (None, "", []):
                continue
            out[spec.name] = value
        return out

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


def _qdate(value: datetime) -> QDate:
    return QDate(value.year, value.month, value.day)
