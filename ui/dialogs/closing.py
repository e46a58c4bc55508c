"""Verify and close (核查/结案) and the call-back (回访评价).

Closing is honest: the user must pick what happened — solved, could not be solved, unfounded, duplicate — and
give the reason unless it was solved; nothing is pre-selected.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QDateTimeEdit, QLabel

from console.deadlines import fmt_moment
from console.domain import CloseType, Satisfaction
from console.i18n import QT_TRANSLATE_NOOP
from console.workflow.commands import Callback, Close, Verify
from ui.dialogs.base import ActionDialog, first, text_problem
from ui.dialogs.widgets import NoteEdit, from_qdatetime, to_qdatetime
from ui.i18n import Dialogs, label

CLOSE_HINTS = {
    CloseType.SOLVED: QT_TRANSLATE_NOOP("Dialogs", "问题已解决"),
    CloseType.UNSOLVABLE: QT_TRANSLATE_NOOP("Dialogs", "无法解决：须写明原因"),
    CloseType.UNFOUNDED: QT_TRANSLATE_NOOP("Dialogs", "反映不实：须写明核实情况"),
    CloseType.DUPLICATE: QT_TRANSLATE_NOOP("Dialogs", "重复件：须写明与哪件重复"),
}


class _CloseFields:
    """The close-type radios and reason, shared by the close dialog and "verify and close"."""

    close_type: QButtonGroup
    close_reason: NoteEdit

    def add_close_rows(self, dialog: ActionDialog) -> None:
        self.close_type = dialog.radio_row(QCoreApplication.translate("Dialogs", "结案类型*"), [(m, label(m)) for m in CloseType])
        for i, member in enumerate(CloseType):
            self.close_type.button(i).setToolTip(QCoreApplication.translate("Dialogs", CLOSE_HINTS[member]))
        self.close_reason = dialog.note_row(QCoreApplication.translate("Dialogs", "结案说明"), phrases_for="close")

    def close_problem(self, dialog: ActionDialog) -> str | None:
        ctype = dialog.radio_value(self.close_type)
        if ctype is None:
            return QCoreApplication.translate("Dialogs", "请选择结案类型：已解决、无法解决、反映不实或重复件")
        return text_problem(self.close_reason.text(), QCoreApplication.translate("Dialogs", "结案说明"), required=ctype is not CloseType.SOLVED)

    def close_command(self, dialog: ActionDialog) -> Close:
        value = dialog.radio_value(self.close_type)
        return Close(CloseType(value) if value else None, self.close_reason.text())


class VerifyDialog(_CloseFields, ActionDialog):
    """核查: pass (and, by default, close at once) or fail with the reason (the case goes back for rework)."""

    action = "verify"

    def build(self) -> None:
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.form.addRow(QCoreApplication.translate("Dialogs", "办理结果"), self.result_label)
        self.item_list_view = self.item_list_row("closing_standard")
        self.outcome = self.radio_row(QCoreApplication.translate("Dialogs", "核查结果*"), [(True, QCoreApplication.translate("Dialogs", "通过")), (False, QCoreApplication.translate("Dialogs", "不通过，返工"))])
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "核查意见/原因"), height=60)
        self.rework_due_on = QCheckBox(QCoreApplication.translate("Dialogs", "指定返工时限"))
        self.rework_due = QDateTimeEdit()
        self.rework_due.setCalendarPopup(True)
        self.rework_due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.rework_due.setDateTime(to_qdatetime(self.env.now().replace(hour=17, minute=30)).addDays(3))
        self.form.addRow(self.rework_due_on, self.rework_due)
        self.close_now = QCheckBox(QCoreApplication.translate("Dialogs", "通过后立即结案"))
        self.close_now.setChecked(True)
        self.form.addRow("", self.close_now)
        self.add_close_rows(self)
        self.watch(self.rework_due_on, self.rework_due, self.close_now)
        self.outcome.buttonToggled.connect(lambda *_: self._sync())
        self.close_now.toggled.connect(lambda *_: self._sync())
        self._sync()

    def _sync(self) -> None:
        passed = self.radio_value(self.outcome)
        self.rework_due_on.setEnabled(passed is False)
        self.rework_due.setEnabled(passed is False)
        closing = passed is True and self.close_now.isChecked()
        self.close_now.setEnabled(passed is True)
        for b in self.close_type.buttons():
            b.setEnabled(closing)
        self.close_reason.setEnabled(closing)

    def case_changed(self) -> None:
        d = self.detail
        if d is not None:
            rework = Dialogs.tr("（已返工 %n 次）", None, d.rework_count) if d.rework_count else ""
            self.result_label.setText((d.result or "—") + rework)

    @property
    def passed(self) -> bool | None:
        return self.radio_value(self.outcome)

    @property
    def closes(self) -> bool:
        return self.passed is True and self.close_now.isChecked()

    def problems(self) -> str | None:
        if self.passed is None:
            return QCoreApplication.translate("Dialogs", "请选择核查结果：通过或不通过")
        if self.passed is False:
            due_problem = None
            if (
                self.rework_due_on.isChecked()
                and from_qdatetime(self.rework_due.dateTime()) <= self.env.now()
            ):
                due_problem = QCoreApplication.translate("Dialogs", "返工时限不能早于当前时间")
            return first(text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "核查不通过的原因"), required=True), due_problem)
        return first(
            text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "核查意见"), required=False),
            self.close_problem(self) if self.closes else None,
        )

    @property
    def rework_due_at(self) -> datetime | None:
        if self.passed is False and self.rework_due_on.isChecked():
            return from_qdatetime(self.rework_due.dateTime())
        return None

    def command(self) -> Verify:
        if self.passed:
            return Verify(True, note=self.note.text())
        return Verify(self.passed, reason=self.note.text(), due_at=self.rework_due_at)

    def followup_close(self) -> Close | None:
        """The close that follows a passed verification, if the user asked for it."""
        return self.close_command(self) if self.closes else None


class CloseDialog(_CloseFields, ActionDialog):
    action = "close"
    public_note = True

    def build(self) -> None:
        self.add_close_rows(self)

    def problems(self) -> str | None:
        return self.close_problem(self)

    def command(self) -> Close:
        return self.close_command(self)


class CallbackDialog(ActionDialog):
    """回访评价: the reporter's satisfaction; a dissatisfied answer needs the comment."""

    action = "callback"

    def build(self) -> None:
        self.closed = QLabel()
        self.closed.setWordWrap(True)
        self.form.addRow(QCoreApplication.translate("Dialogs", "结案情况"), self.closed)
        self.satisfaction = self.radio_row(QCoreApplication.translate("Dialogs", "群众满意度*"), [(m, label(m)) for m in Satisfaction])
        self.comment = self.note_row(QCoreApplication.translate("Dialogs", "回访意见"))

    def case_changed(self) -> None:
        d = self.detail
        if d is not None:
            when = fmt_moment(d.closed_at) if d.closed_at else ""
            self.closed.setText(
                f"{label(d.close_type)} {when}" + (f"：{d.close_reason}" if d.close_reason else "")
            )

    def problems(self) -> str | None:
        sat = self.radio_value(self.satisfaction)
        if sat is None:
            return QCoreApplication.translate("Dialogs", "请选择群众满意度：满意、基本满意或不满意")
        return text_problem(self.comment.text(), QCoreApplication.translate("Dialogs", "回访意见"), required=sat is Satisfaction.DISSATISFIED)

    def command(self) -> Callback:
        value = self.radio_value(self.satisfaction)
        return Callback(Satisfaction(value) if value else None, self.comment.text())
