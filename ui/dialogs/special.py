"""Dialogs beyond everyday handling: escalate to the county (上报县级) and its answer (县级回复), long-term cases
with a governance plan (挂账/治理计划) and their resumption, the supervision notice (督办), claims (认领) and
attachments."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from console.deadlines import fmt_moment
from console.domain import SuperviseLevel, TrafficLight
from console.workflow.commands import (
    Claim,
    CountyReturn,
    Escalate,
    HandBack,
    LongTerm,
    Release,
    Resume,
    Supervise,
)
from console.workflow.read import CaseDetail
from ui.dialogs.base import ActionDialog, DialogEnv, first, text_problem
from ui.dialogs.widgets import NoteEdit, PhotoFile, PhotoList, from_qdate, to_qdate
from ui.i18n import Dialogs, label

MILESTONE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})\s+(.+)$")


class EscalateDialog(ActionDialog):
    action = "escalate"

    def build(self) -> None:
        self.form.addRow(QLabel(QCoreApplication.translate("Dialogs", "上报县级后计时暂停，待县级答复后回到“待派遣”。")))
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "上报县级说明"), required=True, height=80)

    def problems(self) -> str | None:
        return text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "上报县级说明"), required=True)

    def command(self) -> Escalate:
        return Escalate(self.note.text())


class CountyReturnDialog(ActionDialog):
    action = "county_return"

    def build(self) -> None:
        self.escalation = QLabel()
        self.escalation.setWordWrap(True)
        self.form.addRow(QCoreApplication.translate("Dialogs", "上报内容"), self.escalation)
        self.answer = self.note_row(QCoreApplication.translate("Dialogs", "县级答复"), required=True, height=80)

    def case_changed(self) -> None:
        d = self.detail
        if d is not None:
            self.escalation.setText(
                next((h.note for h in reversed(d.history) if h.action == "escalate"), "—")
            )

    def problems(self) -> str | None:
        return text_problem(self.answer.text(), QCoreApplication.translate("Dialogs", "县级答复"), required=True)

    def command(self) -> CountyReturn:
        return CountyReturn(self.answer.text())


def parse_milestones(text: str) -> tuple[list[str], str | None]:
    """One milestone per line, "2026-12-31 完成拆除"; returns the lines and the first problem."""
    out: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = MILESTONE.match(line)
        if not m:
            return out, QCoreApplication.translate("Dialogs", "第 %1 个节点应写成“日期 内容”，如 2026-12-31 完成拆除").replace("%1", str(n))
        try:
            y, mo, d = (int(x) for x in m.group(1).split("-"))
            day = date(y, mo, d)
        except ValueError:
            return out, QCoreApplication.translate("Dialogs", "第 %1 个节点的日期无效").replace("%1", str(n))
        out.append(f"{day.isoformat()} {m.group(2).strip()}")
    return out, None


class LongTermDialog(ActionDialog):
    """挂账: the case stays on the ledger with a governance plan — measures, milestones, next review date."""

    action = "long_term"

    def build(self) -> None:
        self.measures = self.note_row(QCoreApplication.translate("Dialogs", "治理措施"), required=True, height=70)
        self.milestones = NoteEdit(
            QCoreApplication.translate("Dialogs", "每行一个节点：日期 内容，如 2026-12-31 完成拆除（Shift+回车换行）"), 70
        )
        self.milestones.submit.connect(self.try_confirm)
        self.watch(self.milestones)
        self.form.addRow(QCoreApplication.translate("Dialogs", "节点安排"), self.milestones)
        self.review = QDateEdit()
        self.review.setCalendarPopup(True)
        self.review.setDisplayFormat("yyyy-MM-dd")
        self.review.setDate(to_qdate(self.env.now().date() + timedelta(days=30)))
        self.watch(self.review)
        self.form.addRow(QCoreApplication.translate("Dialogs", "下次复核日期*"), self.review)
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "挂账说明"), phrases_for="")

    def problems(self) -> str | None:
        _lines, milestone_problem = parse_milestones(self.milestones.toPlainText())
        review_problem = (
            QCoreApplication.translate("Dialogs", "下次复核日期不能早于今天") if from_qdate(self.review.date()) < self.env.now().date() else None
        )
        return first(
            text_problem(self.measures.text(), QCoreApplication.translate("Dialogs", "治理措施"), required=True),
            milestone_problem,
            review_problem,
            text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "挂账说明"), required=False),
        )

    def command(self) -> LongTerm:
        milestones, _problem = parse_milestones(self.milestones.toPlainText())
        return LongTerm(self.measures.text(), tuple(milestones), from_qdate(self.review.date()), self.note.text())


class ResumeDialog(ActionDialog):
    action = "resume"

    def build(self) -> None:
        self.plan = QLabel()
        self.plan.setWordWrap(True)
        self.form.addRow(QCoreApplication.translate("Dialogs", "治理计划"), self.plan)
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "恢复办理说明"), required=True)

    def case_changed(self) -> None:
        d = self.detail
        plan = d.governance_plan if d is not None else None
        self.plan.setText("\n".join([plan.get("measures", ""), *plan.get("milestones", [])]) if plan else "—")

    def problems(self) -> str | None:
        return text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "恢复办理说明"), required=True)

    def command(self) -> Resume:
        return Resume(self.note.text())


class HandBackDialog(ActionDialog):
    """退回网格: the departments let go of the case and its grid settles it; its 核查 follows."""

    action = "hand_back"

    def build(self) -> None:
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.form.addRow(QCoreApplication.translate("Dialogs", "退回网格"), self.where)
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "退回网格的要求"), required=True)

    def case_changed(self) -> None:
        d = self.detail
        if d is None:
            return
        held = "、".join(x for x in (d.lead_department, *d.co_departments) if x)
        self.where.setText(d.grid_path + (QCoreApplication.translate("Dialogs", "（%1 不再办理）").replace("%1", held)
                                          if held else ""))  # fmt: skip

    def problems(self) -> str | None:
        return text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "退回网格的要求"), required=True)

    def command(self) -> HandBack:
        return HandBack(self.note.text())


class SuperviseDialog(ActionDialog):
    """督办: records who was chased (department, person) and how; the count shows on the case."""

    action = "supervise"

    def build(self) -> None:
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.form.addRow(QCoreApplication.translate("Dialogs", "案件时限"), self.state)
        self.chased = QComboBox()
        self.chased.setEditable(True)
        self.chased.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.watch(self.chased)
        line = self.chased.lineEdit()
        assert line is not None
        line.textChanged.connect(self.revalidate)
        self.form.addRow(QCoreApplication.translate("Dialogs", "督办对象*"), self.chased)
        self.level = QComboBox()  # 督办级别: kept on the case (none: the case keeps the one it has)
        self.level.addItem(QCoreApplication.translate("Dialogs", "（不变）"), None)
        for lv in SuperviseLevel:
            self.level.addItem(label(lv), lv)
        self.form.addRow(QCoreApplication.translate("Dialogs", "督办级别"), self.level)
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "督办内容"))

    def case_changed(self) -> None:
        d = self.detail
        if d is None:
            return
        due = d.stage_due_at or d.due_at
        overdue = d.light is TrafficLight.RED
        self.state.setText(
            (fmt_moment(due) if due else QCoreApplication.translate("Dialogs", "（未设时限）"))
            + f"　{label(d.light)}"
            + (Dialogs.tr("　已督办 %n 次", None, d.supervise_count) if d.supervise_count else "")
        )
        self.state.setStyleSheet("color: #c62828;" if overdue else "")
        typed = self.chased.currentText()
        self.chased.clear()
        for who in (d.lead_department, d.responsible_person, *d.co_departments):
            if who:
                self.chased.addItem(who)
        self.chased.setCurrentText(typed or (self.chased.itemText(0) if self.chased.count() else ""))

    def problems(self) -> str | None:
        return first(
            text_problem(self.chased.currentText(), QCoreApplication.translate("Dialogs", "督办对象"), required=True, limit=200),
            text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "督办内容"), required=False),
        )

    def command(self) -> Supervise:
        return Supervise(self.chased.currentText().strip(), self.note.text(), self.level.currentData())


class ConfirmDialog(ActionDialog):
    """Actions without fields (认领, 释放认领): say what will happen and confirm."""

    def __init__(self, env: DialogEnv, detail: CaseDetail, action: str, title: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        self.action = action
        self.public_note = None
        super().__init__(env, detail, title, parent)

    def command(self) -> Claim | Release:
        return Release() if self.action == "release" else Claim()

    def build(self) -> None:
        text = {
            "claim": QCoreApplication.translate("Dialogs", "认领后，其他调度员在认领期间不能处理此案件。"),
            "release": QCoreApplication.translate("Dialogs", "释放认领后，其他调度员可以处理此案件。"),
        }.get(self.action, QCoreApplication.translate("Dialogs", "确定要执行此操作吗？"))
        self.form.addRow(QLabel(text))


class AttachDialog(ActionDialog):
    """添加附件: photos or documents kept with the case (each one a recorded change)."""

    action = "attach"
    public_note = None

    def build(self) -> None:
        self.photos = PhotoList(self.env.attachment_cap)
        self.photos.refused.connect(self.show_error)
        self.watch(self.photos)
        self.form.addRow(QCoreApplication.translate("Dialogs", "照片*"), self.photos)
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "附件说明"), phrases_for="")

    def problems(self) -> str | None:
        if not self.photos.photos():
            return QCoreApplication.translate("Dialogs", "请添加照片（可拖放到列表中）")
        return text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "附件说明"), required=False, limit=2000)

    def photo_files(self) -> list[PhotoFile]:
        return self.photos.photos()
