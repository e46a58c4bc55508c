"""The 提请会商 dialog: put a case forward for the next consultation meeting, with the reason the agenda will
show (`console.meetings`)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel

from console.i18n import QT_TRANSLATE_NOOP
from console.workflow.commands import ProposeMeeting
from ui.dialogs.base import ActionDialog, text_problem
from ui.i18n import translated

REASON = QT_TRANSLATE_NOOP("Dialogs", "提请会商的理由")


class ProposeMeetingDialog(ActionDialog):
    action = "propose_meeting"

    def build(self) -> None:
        explanation = QLabel()
        self.texts.bind(explanation.setText, QT_TRANSLATE_NOOP("Dialogs", "案件将列入下一次会商的议程，理由随议程印发；案件状态不变。"))
        self.form.addRow(explanation)
        self.reason = self.note_row(REASON, required=True, height=80)
        item = self.form.itemAt(self.form.rowCount() - 1, QFormLayout.ItemRole.LabelRole)
        caption = item.widget() if item is not None else None
        assert isinstance(caption, QLabel)  # the label note_row made: its text follows a language switch too
        self.texts.bind(lambda text: caption.setText(text + "*"), REASON)

    def problems(self) -> str | None:
        return text_problem(self.reason.text(), translated(REASON), required=True)

    def command(self) -> ProposeMeeting:
        return ProposeMeeting(self.reason.text())
