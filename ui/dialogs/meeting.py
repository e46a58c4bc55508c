"""The 提请会商 dialog: put a case forward for the next consultation meeting, with the reason the agenda will
show (`console.meetings`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from console.workflow.commands import ProposeMeeting
from ui.dialogs.base import ActionDialog, text_problem


class ProposeMeetingDialog(ActionDialog):
    action = "propose_meeting"

    def build(self) -> None:
        self.form.addRow(QLabel(QCoreApplication.translate("Dialogs", "案件将列入下一次会商的议程，理由随议程印发；案件状态不变。")))
        self.reason = self.note_row(QCoreApplication.translate("Dialogs", "提请会商的理由"), required=True, height=80)

    def problems(self) -> str | None:
        return text_problem(self.reason.text(), QCoreApplication.translate("Dialogs", "提请会商的理由"), required=True)

    def command(self) -> ProposeMeeting:
        return ProposeMeeting(self.reason.text())
