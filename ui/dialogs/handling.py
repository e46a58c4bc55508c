"""Handling dialogs for the department: sign for (签收), progress notes (进展), feedback with result and photos
(办理反馈), extension request and decision (申请延期/延期审批), and return to the center (退回)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDateTimeEdit, QLabel

from console.deadlines import fmt_moment
from console.domain import Visibility
from console.workflow.commands import DecideExtension, Feedback, Progress, RequestExtension, Return, Sign
from ui.dialogs.base import ActionDialog, first, text_problem
from ui.dialogs.widgets import PhotoFile, PhotoList, from_qdatetime, to_qdatetime
from ui.i18n import label


def current_due(dialog: ActionDialog) -> datetime | None:
    d = dialog.detail
    return (d.due_at or d.stage_due_at) if d is not None else None


class SignDialog(ActionDialog):
    action = "sign"

    def build(self) -> None:
        self.due_label = QLabel()
        self.form.addRow(QCoreApplication.translate("Dialogs", "办结时限"), self.due_label)
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "签收说明"))

    def case_changed(self) -> None:
        due = current_due(self)
        self.due_label.setText(fmt_moment(due) if due else QCoreApplication.translate("Dialogs", "（未设时限）"))

    def problems(self) -> str | None:
        return text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "签收说明"), required=False)

    def command(self) -> Sign:
        return Sign(self.note.text())


class ProgressDialog(ActionDialog):
    """A progress note; the user decides whether it may be shown to the reporter."""

    action = "progress"
    public_note = None

    def build(self) -> None:
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "进展情况"), required=True, height=80)
        self.visibility = self.radio_row(
            QCoreApplication.translate("Dialogs", "可见范围*"),
            [
                (Visibility.INTERNAL, QCoreApplication.translate("Dialogs", "内部（仅中心和办理部门可见）")),
                (Visibility.PUBLIC, QCoreApplication.translate("Dialogs", "可公开（可告知反映人）")),
            ],
            checked=Visibility.INTERNAL,
        )

    def problems(self) -> str | None:
        return text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "进展情况"), required=True)

    @property
    def chosen_visibility(self) -> Visibility:
        return Visibility(self.radio_value(self.visibility) or Visibility.INTERNAL)

    def command(self) -> Progress:
        return Progress(self.note.text(), self.chosen_visibility)


class FeedbackDialog(ActionDialog):
    """办理反馈: the result (required) and photos, attached right after the feedback is saved."""

    action = "feedback"
    public_note = True

    def build(self) -> None:
        self.item_list_view = self.item_list_row("closing_standard")
        self.result_edit = self.note_row(QCoreApplication.translate("Dialogs", "办理结果"), required=True, height=80)
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "反馈说明"), phrases_for="")
        self.photos = PhotoList(self.env.attachment_cap)
        self.photos.refused.connect(self.show_error)
        self.form.addRow(QCoreApplication.translate("Dialogs", "处置照片"), self.photos)

    def problems(self) -> str | None:
        return first(
            text_problem(self.result_edit.text(), QCoreApplication.translate("Dialogs", "办理结果"), required=True),
            text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "反馈说明"), required=False),
        )

    def command(self) -> Feedback:
        return Feedback(self.result_edit.text(), self.note.text())

    def photo_files(self) -> list[PhotoFile]:
        return self.photos.photos()


class RequestExtensionDialog(ActionDialog):
    action = "request_extension"

    def build(self) -> None:
        self.current = QLabel()
        self.form.addRow(QCoreApplication.translate("Dialogs", "当前办结时限"), self.current)
        self.requested = QDateTimeEdit()
        self.requested.setCalendarPopup(True)
        self.requested.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.watch(self.requested)
        self.form.addRow(QCoreApplication.translate("Dialogs", "申请延至*"), self.requested)
        self.reason = self.note_row(QCoreApplication.translate("Dialogs", "延期理由"), required=True)

    def case_changed(self) -> None:
        due = current_due(self)
        self.current.setText(fmt_moment(due) if due else QCoreApplication.translate("Dialogs", "（未设时限）"))
        start = (due or self.env.now()) + timedelta(days=7)
        if from_qdatetime(self.requested.dateTime()) <= (due or self.env.now()):
            self.requested.setDateTime(to_qdatetime(start.replace(hour=17, minute=30)))

    def problems(self) -> str | None:
        chosen = from_qdatetime(self.requested.dateTime())
        due = current_due(self)
        date_problem = None
        if chosen <= self.env.now():
            date_problem = QCoreApplication.translate("Dialogs", "申请延期至的时间不能早于当前时间")
        elif due is not None and chosen <= due:
            date_problem = QCoreApplication.translate("Dialogs", "延期后的时限须晚于当前时限 %1").replace("%1", f"{due:%Y-%m-%d %H:%M}")
        return first(date_problem, text_problem(self.reason.text(), QCoreApplication.translate("Dialogs", "延期理由"), required=True))

    def command(self) -> RequestExtension:
        return RequestExtension(self.reason.text(), from_qdatetime(self.requested.dateTime()))


class DecideExtensionDialog(ActionDialog):
    action = "decide_extension"

    def build(self) -> None:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.form.addRow(QCoreApplication.translate("Dialogs", "延期申请"), self.summary)
        self.decision = self.radio_row(QCoreApplication.translate("Dialogs", "审批结果*"), [(True, QCoreApplication.translate("Dialogs", "同意延期")), (False, QCoreApplication.translate("Dialogs", "不同意"))])
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "审批意见"))

    def case_changed(self) -> None:
        d = self.detail
        if d is None:
            return
        reason = next((h.note for h in reversed(d.history) if h.action == "request_extension"), "")
        self.summary.setText(
            QCoreApplication.translate("Dialogs", "当前时限 %1，申请延至 %2。理由：%3")
            .replace("%1", fmt_moment(d.due_at) if d.due_at else "—")
            .replace("%2", fmt_moment(d.requested_due_at) if d.requested_due_at else "—")
            .replace("%3", reason or "—")
        )

    def problems(self) -> str | None:
        approve = self.radio_value(self.decision)
        if approve is None:
            return QCoreApplication.translate("Dialogs", "请选择同意或不同意延期")
        return text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "审批意见"), required=not approve)

    def command(self) -> DecideExtension:
        return DecideExtension(bool(self.radio_value(self.decision)), self.note.text())


class ReturnDialog(ActionDialog):
    """退回中心: the department hands the case back; the center dispatches it again."""

    action = "return"

    def build(self) -> None:
        self.info = QLabel()
        self.form.addRow(self.info)
        self.reason = self.note_row(QCoreApplication.translate("Dialogs", "退回理由"), required=True, height=80)

    def case_changed(self) -> None:
        d = self.detail
        if d is not None:
            self.info.setText(
                QCoreApplication.translate("Dialogs", "退回后案件回到“%1”，由中心重新派遣（当前牵头部门：%2）")
                .replace("%1", label(type(d.status)("accepted")))
                .replace("%2", d.lead_department or "—")
            )

    def problems(self) -> str | None:
        return text_problem(self.reason.text(), QCoreApplication.translate("Dialogs", "退回理由"), required=True)

    def command(self) -> Return:
        return Return(self.reason.text())
