"""The dispatch dialog (派遣/交办), for one case or a batch with the same settings.

It suggests what the item list (事项清单) says: the category's lead department and time limit, the due moment
computed in working time and shown as a date, and the grid's post holders as the direct responsible person.
Changing the deadline needs a reason, as the service requires.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QLabel, QWidget

from console.deadlines import fmt_moment
from console.workflow.commands import Dispatch
from console.workflow.dialog_data import DispatchSuggestion
from console.workflow.read import CaseDetail, allowed_actions
from ui.dialogs.base import ActionDialog, DialogEnv, first, text_problem
from ui.dialogs.widgets import DepartmentChecklist, NoteEdit, from_qdatetime, to_qdatetime
from ui.i18n import Dialogs, translated


class DispatchDialog(ActionDialog):
    action = "dispatch"

    def __init__(
        self,
        env: DialogEnv,
        details: list[CaseDetail],
        suggestion: DispatchSuggestion,
        parent: QWidget | None = None,
    ) -> None:
        if not details:
            raise ValueError("no case to dispatch")
        self.details = list(details)
        self.suggestion = suggestion
        title = QCoreApplication.translate("Dialogs", "派遣") if len(details) == 1 else QCoreApplication.translate("Dialogs", "批量派遣")
        super().__init__(env, details[0] if len(details) == 1 else None, title, parent)

    @property
    def is_batch(self) -> bool:
        return len(self.details) > 1

    def build(self) -> None:
        s = self.suggestion
        self.cases_label = QLabel()
        self.cases_label.setWordWrap(True)
        self.form.addRow(self.cases_label)
        self.item_list_view = self.item_list_row("workflow")
        self.lead = QComboBox()
        self.lead.addItem(QCoreApplication.translate("Dialogs", "（请选择）"), None)
        for d in s.departments:
            self.lead.addItem(d.name, d.id)
        if s.lead_department_id is not None:
            self.lead.setCurrentIndex(max(0, self.lead.findData(s.lead_department_id)))
        suggested = next((d.name for d in s.departments if d.id == s.lead_department_id), None)
        self.form.addRow(QCoreApplication.translate("Dialogs", "牵头部门*"), self.lead)
        self.form.addRow(
            "",
            QLabel(
                QCoreApplication.translate("Dialogs", "按事项清单建议：%1").replace("%1", suggested)
                if suggested
                else QCoreApplication.translate("Dialogs", "事项清单未指定牵头部门")
            ),
        )
        self.co_departments = DepartmentChecklist(s.departments)
        self.form.addRow(QCoreApplication.translate("Dialogs", "配合部门"), self.co_departments)
        self.person = QComboBox()
        self.form.addRow(QCoreApplication.translate("Dialogs", "直接责任人"), self.person)

        self.limit_label = QLabel()  # explicit lines: a wrapped label is clipped inside a form layout
        self.form.addRow(QCoreApplication.translate("Dialogs", "办结时限"), self.limit_label)
        self.adjust = QCheckBox(QCoreApplication.translate("Dialogs", "调整办结时限（须填写理由）"))
        self.form.addRow("", self.adjust)
        self.due = QDateTimeEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        if s.dues:
            self.due.setDateTime(to_qdatetime(max(d.due_at for d in s.dues)))
        self.due.setEnabled(False)
        self.form.addRow(QCoreApplication.translate("Dialogs", "调整为"), self.due)
        self.due_reason = NoteEdit(QCoreApplication.translate("Dialogs", "为什么不按事项清单的时限"), 44)
        self.due_reason.submit.connect(self.try_confirm)
        self.due_reason.setEnabled(False)
        self.form.addRow(QCoreApplication.translate("Dialogs", "调整理由"), self.due_reason)
        self.adjust.toggled.connect(self.due.setEnabled)
        self.adjust.toggled.connect(self.due_reason.setEnabled)

        self.instructions = self.note_row(QCoreApplication.translate("Dialogs", "交办要求"), height=70)
        self.lead.currentIndexChanged.connect(self._lead_changed)
        self.watch(self.lead, self.person, self.adjust, self.due, self.due_reason, self.co_departments)
        self._lead_changed()
        if s.grid_people and not self.is_batch:
            self.person.setCurrentIndex(1)  # the grid's first post holder (网格长 before 网格员)
        self._show_limit()

    def _lead_changed(self) -> None:
        lead_id = self.lead.currentData()
        self.co_departments.hide_department(lead_id)
        current = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(QCoreApplication.translate("Dialogs", "（不指定）"), None)
        listed: set[int] = set()
        for p in self.suggestion.grid_people:
            self.person.addItem(f"{p.name}（{p.post}）", p.id)
            listed.add(p.id)
        for p in self.suggestion.department_people:
            if p.department_id == lead_id and p.id not in listed:
                self.person.addItem(f"{p.name}（{self.lead.currentText()}）", p.id)
        self.person.setCurrentIndex(max(0, self.person.findData(current)) if current is not None else 0)
        self.person.blockSignals(False)
        self.revalidate()

    def _show_limit(self) -> None:
        s = self.suggestion
        if not self.is_batch and s.dues:
            text = (
                QCoreApplication.translate("Dialogs", "事项清单：%1").replace("%1", s.limit_label)
                + "\n"
                + QCoreApplication.translate("Dialogs", "应于 %1 前办结").replace("%1", fmt_moment(s.dues[0].due_at))
            )
        else:
            lines = [f"{d.number}：{fmt_moment(d.due_at)}" for d in s.dues]
            text = (s.limit_label or QCoreApplication.translate("Dialogs", "按各案件类别的事项清单时限")) + "\n" + "\n".join(lines)
        self.limit_label.setText(text)

    def case_changed(self) -> None:
        if self.is_batch:
            self.header.show()
            self.header.setText(
                Dialogs.tr("<b>批量派遣 %n 件</b>，使用相同的部门、责任人和交办要求", None, len(self.details))
            )
            self.cases_label.setText(
                "\n".join(
                    f"{d.number}　{d.summary}（{d.grid_name}，{d.category_name}）" for d in self.details
                )
            )
        else:
            self.cases_label.hide()

    # --- validation and result ------------------------------------------------------------------------------

    def batch_refusal(self) -> str | None:
        for d in self.details if self.is_batch else ():
            state = next(
                a for a in allowed_actions(d, self.env.actor, self.env.now()) if a.action == "dispatch"
            )
            if not state.allowed:
                return f"{d.number}：{translated(state.reason or '')}"
        return None

    def due_changed(self) -> bool:
        if not self.adjust.isChecked():
            return False
        chosen = from_qdatetime(self.due.dateTime())
        return self.is_batch or not self.suggestion.dues or chosen != self.suggestion.dues[0].due_at

    def problems(self) -> str | None:
        if self.lead.currentData() is None:
            return QCoreApplication.translate("Dialogs", "请选择牵头部门")
        due_problem = None
        if self.due_changed():
            if from_qdatetime(self.due.dateTime()) <= self.env.now():
                due_problem = QCoreApplication.translate("Dialogs", "办结时限不能早于当前时间")
            elif not self.due_reason.text():
                due_problem = QCoreApplication.translate("Dialogs", "修改办结时限须填写理由")
        return first(
            self.batch_refusal(),
            due_problem,
            text_problem(self.due_reason.text(), QCoreApplication.translate("Dialogs", "调整时限的理由"), required=False),
            text_problem(self.instructions.text(), QCoreApplication.translate("Dialogs", "交办要求"), required=False),
        )

    @property
    def due_at(self) -> datetime | None:
        return from_qdatetime(self.due.dateTime()) if self.due_changed() else None

    def command(self) -> Dispatch:
        return Dispatch(
            lead_department_id=self.lead.currentData(),
            co_department_ids=tuple(self.co_departments.checked_ids()),
            responsible_person_id=self.person.currentData(),
            due_at=self.due_at,
            due_reason=self.due_reason.text() if self.due_at is not None else "",
            instructions=self.instructions.text(),
        )

    def set_details(self, details: list[CaseDetail]) -> None:
        """After a partly failed batch: keep the cases still to dispatch, as reloaded."""
        self.details = list(details)
        self.set_detail(details[0] if len(details) == 1 else None)
