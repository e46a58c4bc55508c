"""Intake dialogs: the new case (受理登记) with live duplicate detection, accept (受理立案), reject (不予受理) and
merge (合并重复件)."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.domain import CLOSED_STATUSES, Severity, Source
from console.duplicates import PossibleDuplicate
from console.i18n import QT_TRANSLATE_NOOP
from console.workflow.commands import Accept, Merge, Reject
from console.workflow.dialog_data import CategoryChoice, GridChoice
from console.workflow.read import CaseDetail
from console.workflow.service import MAX_SUMMARY, ReportInput
from ui.dialogs.base import ActionDialog, DialogEnv, first, text_problem
from ui.dialogs.widgets import GridPicker, GridSearch, NoteEdit, PhotoFile, PhotoList
from ui.i18n import Dialogs, label

CASE_NUMBER = re.compile(r"^\d{4}-\d{6}$")
PHONE = re.compile(r"^[0-9+\- ]{5,20}$")

#: (grid code, summary, description, deliver): looks on a worker and calls `deliver(found)` on the GUI thread
DuplicateSearch = Callable[[str, str, str, Callable[[list[PossibleDuplicate]], None]], None]


def duplicate_text(d: PossibleDuplicate) -> str:
    return (
        QCoreApplication.translate("Dialogs", "相似度 %1%").replace("%1", str(round(d.similarity * 100)))
        + f"　{d.number}　{d.summary}（{d.status.label}，{d.reported_at:%m-%d %H:%M}）"
    )


class NewCaseDialog(ActionDialog):
    """受理登记: a new report, with photos, the self-handled flag and possible duplicates shown before saving."""

    action = ""

    def __init__(
        self,
        env: DialogEnv,
        categories: tuple[CategoryChoice, ...],
        search_grids: GridSearch,
        search_duplicates: DuplicateSearch,
        grid: GridChoice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._categories = categories
        self._search_grids = search_grids
        self._search_duplicates = search_duplicates
        self._initial_grid = grid
        self.duplicates: list[PossibleDuplicate] = []
        self._dup_asked = 0  # the newest search asked for: an older answer arriving late is dropped
        self.merge_into: str | None = None  # set by the one-click merge
        self.recurrence_of: str | None = None  # a closed case chosen: file this report as its recurrence
        self.reopen_number: str | None = None  # a closed case chosen: reopen it instead of filing this report
        super().__init__(env, None, QCoreApplication.translate("Dialogs", "受理登记"), parent)
        self.setAcceptDrops(True)
        self.setMinimumWidth(900)

    def build(self) -> None:
        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(300)
        self._dup_timer.timeout.connect(self.refresh_duplicates)
        columns = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        holder = QWidget()
        holder.setLayout(columns)
        self.form.addRow(holder)

        self.grid = GridPicker(self._search_grids)
        left.addRow(QCoreApplication.translate("Dialogs", "所属网格*"), self.grid)
        self.category = QComboBox()
        self.category.addItem(QCoreApplication.translate("Dialogs", "（请选择）"), None)
        for c in self._categories:
            self.category.addItem(f"{c.name}（{c.code}）", c.id)
        self.category_hint = QLabel()
        left.addRow(QCoreApplication.translate("Dialogs", "问题类别*"), self.category)
        left.addRow("", self.category_hint)
        self.severity = QComboBox()
        self.severity.addItem(QCoreApplication.translate("Dialogs", "（按类别默认）"), None)
        for sev in Severity:
            self.severity.addItem(label(sev), sev)
        left.addRow(QCoreApplication.translate("Dialogs", "复杂程度"), self.severity)
        self.source = QComboBox()
        for src in Source:
            self.source.addItem(label(src), src)
        left.addRow(QCoreApplication.translate("Dialogs", "来源*"), self.source)
        self.urgent = QCheckBox(QCoreApplication.translate("Dialogs", "紧急"))
        left.addRow("", self.urgent)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(QCoreApplication.translate("Dialogs", "一句话说明问题，如：一号楼院门口垃圾堆积"))
        left.addRow(QCoreApplication.translate("Dialogs", "问题摘要*"), self.summary)
        self.description = NoteEdit(QCoreApplication.translate("Dialogs", "详细情况"), 70)
        self.description.submit.connect(self.try_confirm)
        left.addRow(QCoreApplication.translate("Dialogs", "问题描述"), self.description)
        self.address = QLineEdit()
        left.addRow(QCoreApplication.translate("Dialogs", "地址"), self.address)
        self.people = NoteEdit(QCoreApplication.translate("Dialogs", "涉及人员姓名、联系方式（仅填工作需要的信息）"), 44)
        self.people.submit.connect(self.try_confirm)
        left.addRow(QCoreApplication.translate("Dialogs", "涉及人员"), self.people)
        reporter = QHBoxLayout()
        self.reporter_name = QLineEdit()
        self.reporter_name.setPlaceholderText(QCoreApplication.translate("Dialogs", "姓名"))
        self.reporter_phone = QLineEdit()
        self.reporter_phone.setPlaceholderText(QCoreApplication.translate("Dialogs", "电话"))
        reporter.addWidget(self.reporter_name)
        reporter.addWidget(self.reporter_phone)
        left.addRow(QCoreApplication.translate("Dialogs", "反映人"), reporter)

        self.self_handled = QCheckBox(QCoreApplication.translate("Dialogs", "自巡自办（网格员已当场处置）"))
        right.addRow("", self.self_handled)
        self.self_handled_action = NoteEdit(QCoreApplication.translate("Dialogs", "已采取的处置措施"), 52)
        self.self_handled_action.submit.connect(self.try_confirm)
        self.self_handled_action.setEnabled(False)
        self.self_handled.toggled.connect(self.self_handled_action.setEnabled)
        right.addRow(QCoreApplication.translate("Dialogs", "处置情况"), self.self_handled_action)
        self.photos = PhotoList(self.env.attachment_cap)
        self.photos.refused.connect(self.show_error)
        right.addRow(QCoreApplication.translate("Dialogs", "照片"), self.photos)
        dup_box = QVBoxLayout()
        self.duplicate_label = QLabel(QCoreApplication.translate("Dialogs", "可能重复的案件（同一网格、近30天、内容相似）："))
        self.duplicate_list = QListWidget()
        self.duplicate_list.setFixedHeight(96)
        self.duplicate_list.itemDoubleClicked.connect(lambda _item: self.merge_selected())
        self.merge_button = QPushButton(QCoreApplication.translate("Dialogs", "合并到所选案件"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_selected)
        self.duplicate_list.currentRowChanged.connect(lambda row: self.merge_button.setEnabled(row >= 0))
        dup_box.addWidget(self.duplicate_label)
        dup_box.addWidget(self.duplicate_list)
        dup_box.addWidget(self.merge_button)
        # a closed case cannot take a duplicate: its problem came back (console refuses the merge)
        self.recurrence_button = QPushButton(QCoreApplication.translate("Dialogs", "作为复发件登记并关联"))
        self.recurrence_button.clicked.connect(self.file_as_recurrence)
        self.reopen_button = QPushButton(QCoreApplication.translate("Dialogs", "重新办理原案件（不另立案）"))
        self.reopen_button.clicked.connect(self.reopen_selected)
        for b in (self.recurrence_button, self.reopen_button):
            b.setVisible(False)
            dup_box.addWidget(b)
        self.duplicate_list.currentRowChanged.connect(self._duplicate_chosen)
        right.addRow(dup_box)

        for w in (self.category, self.source, self.summary, self.description, self.address, self.people,
                  self.reporter_name, self.reporter_phone, self.self_handled, self.self_handled_action,
                  self.grid, self.photos):  # fmt: skip
            self.watch(w)
        self.category.currentIndexChanged.connect(self._category_changed)
        for signal in (self.grid.changed, self.summary.textChanged, self.description.textChanged):
            signal.connect(self._dup_timer.start)
        if self._initial_grid is not None:
            self.grid.set_grid(self._initial_grid)
        self.texts.bind(self.ok_button.setText, QT_TRANSLATE_NOOP("Dialogs", "登记"))

    def _category_changed(self) -> None:
        cat = self.selected_category()
        self.category_hint.setText(
            QCoreApplication.translate("Dialogs", "默认“%1”，时限 %2").replace("%1", label(cat.severity)).replace("%2", cat.limit_label)
            if cat
            else ""
        )

    def selected_category(self) -> CategoryChoice | None:
        cid = self.category.currentData()
        return next((c for c in self._categories if c.id == cid), None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self.photos.add_files(u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile())
        event.acceptProposedAction()

    # --- duplicates ---------------------------------------------------------------------------------------

    def refresh_duplicates(self) -> None:
        """Look for possible duplicates of what is typed (off the GUI thread: at a million cases a search
        takes ~50-70 ms, too long to stall typing)."""
        grid = self.grid.selected()
        summary = self.summary.text().strip()
        self._dup_asked += 1
        if not (grid and summary):
            self.show_duplicates([])
            return
        asked = self._dup_asked

        def deliver(found: list[PossibleDuplicate]) -> None:
            if asked == self._dup_asked:
                self.show_duplicates(found)

        self._search_duplicates(grid.code, summary, self.description.text(), deliver)

    def show_duplicates(self, found: list[PossibleDuplicate]) -> None:
        self.duplicates = found
        self.duplicate_list.clear()
        for d in self.duplicates:
            self.duplicate_list.addItem(duplicate_text(d))
        self.duplicate_label.setText(
            Dialogs.tr("发现 %n 件可能重复的案件（同一网格、近30天、内容相似），可一键合并：", None, len(self.duplicates))
            if self.duplicates
            else QCoreApplication.translate("Dialogs", "未发现可能重复的案件（同一网格、近30天、内容相似）")
        )
        self.duplicate_label.setStyleSheet("color: #8a6d00;" if self.duplicates else "")

    def _chosen(self) -> PossibleDuplicate | None:
        row = self.duplicate_list.currentRow()
        return self.duplicates[row] if 0 <= row < len(self.duplicates) else None

    def _duplicate_chosen(self, _row: int) -> None:
        chosen = self._chosen()
        closed = chosen is not None and chosen.status in CLOSED_STATUSES
        self.merge_button.setVisible(not closed)
        self.recurrence_button.setVisible(closed)
        self.reopen_button.setVisible(closed)

    def file_as_recurrence(self) -> None:
        chosen = self._chosen()
        if chosen is None or not self.revalidate():
            return
        self.recurrence_of = chosen.number
        self.error_label.hide()
        self.confirmed.emit()

    def reopen_selected(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        self.reopen_number = chosen.number
        self.error_label.hide()
        self.confirmed.emit()

    def merge_selected(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        if chosen.status in CLOSED_STATUSES:
            self.file_as_recurrence()
            return
        self.merge_into = chosen.number
        if not self.revalidate():
            self.merge_into = None
            return
        self.error_label.hide()
        self.confirmed.emit()

    def try_confirm(self) -> None:
        self.merge_into = self.recurrence_of = self.reopen_number = None
        super().try_confirm()

    # --- result -------------------------------------------------------------------------------------------

    def problems(self) -> str | None:
        if not self.grid.selected():
            return QCoreApplication.translate("Dialogs", "请选择所属网格")
        if self.selected_category() is None:
            return QCoreApplication.translate("Dialogs", "请选择问题类别")
        phone = self.reporter_phone.text().strip()
        return first(
            text_problem(self.summary.text(), QCoreApplication.translate("Dialogs", "问题摘要"), required=True, limit=MAX_SUMMARY),
            text_problem(self.description.text(), QCoreApplication.translate("Dialogs", "问题描述"), required=False),
            text_problem(self.address.text(), QCoreApplication.translate("Dialogs", "地址"), required=False, limit=200),
            text_problem(self.people.text(), QCoreApplication.translate("Dialogs", "涉及人员"), required=False),
            text_problem(self.reporter_name.text(), QCoreApplication.translate("Dialogs", "反映人姓名"), required=False, limit=40),
            QCoreApplication.translate("Dialogs", "反映人电话只能包含数字，5 到 20 位") if phone and not PHONE.match(phone) else None,
            text_problem(
                self.self_handled_action.text(),
                QCoreApplication.translate("Dialogs", "已采取的处置措施"),
                required=self.self_handled.isChecked(),
            ),  # fmt: skip
        )

    def report_input(self) -> ReportInput:
        grid = self.grid.selected()
        cat = self.selected_category()
        assert grid is not None and cat is not None
        self_handled = self.self_handled.isChecked()
        return ReportInput(
            grid=grid.code,
            category=cat.code,
            summary=self.summary.text().strip(),
            source=self.source.currentData(),
            description=self.description.text(),
            address=self.address.text().strip(),
            severity=self.severity.currentData(),
            reporter_name=self.reporter_name.text().strip() or None,
            reporter_phone=self.reporter_phone.text().strip() or None,
            people_involved=self.people.text(),
            urgent=self.urgent.isChecked(),
            self_handled=self_handled,
            self_handled_action=self.self_handled_action.text() if self_handled else "",
            recurrence_of=self.recurrence_of,
        )


    def photo_files(self) -> list[PhotoFile]:
        return self.photos.photos()


class AcceptDialog(ActionDialog):
    action = "accept"

    def build(self) -> None:
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.form.addRow(self.info)
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "受理意见"))

    def case_changed(self) -> None:
        d = self.detail
        if d is not None and d.self_handled:
            self.info.setText(
                QCoreApplication.translate("Dialogs", "自巡自办案件：受理后直接转入“待核查”。处置情况：%1").replace("%1", d.self_handled_action)
            )
        else:
            self.info.setText(QCoreApplication.translate("Dialogs", "受理后案件转入“待派遣”。"))

    def problems(self) -> str | None:
        return text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "受理意见"), required=False)

    def command(self) -> Accept:
        return Accept(self.note.text())


class RejectDialog(ActionDialog):
    action = "reject"
    public_note = True

    def build(self) -> None:
        self.reason = self.note_row(QCoreApplication.translate("Dialogs", "不予受理理由"), required=True, height=80)

    def problems(self) -> str | None:
        return text_problem(self.reason.text(), QCoreApplication.translate("Dialogs", "不予受理理由"), required=True)

    def command(self) -> Reject:
        return Reject(self.reason.text())


class MergeDialog(ActionDialog):
    """合并重复件: into a case picked from the possible duplicates, or typed by number."""

    action = "merge"
    public_note = True

    def __init__(self, env: DialogEnv, detail: CaseDetail, candidates: list[PossibleDuplicate],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        self.candidates = candidates
        super().__init__(env, detail, QCoreApplication.translate("Dialogs", "合并重复件"), parent)

    def build(self) -> None:
        self.candidate_list = QListWidget()
        self.candidate_list.setFixedHeight(90)
        for d in self.candidates:
            self.candidate_list.addItem(duplicate_text(d))
        self.candidate_list.currentRowChanged.connect(self._picked)
        self.form.addRow(QCoreApplication.translate("Dialogs", "可能重复"), self.candidate_list)
        self.into = QLineEdit()
        self.into.setPlaceholderText(QCoreApplication.translate("Dialogs", "如 2026-000123"))
        self.watch(self.into)
        self.form.addRow(QCoreApplication.translate("Dialogs", "合并到案件编号*"), self.into)
        self.note = self.note_row(QCoreApplication.translate("Dialogs", "合并说明"))
        if not self.candidates:
            self.candidate_list.addItem(QCoreApplication.translate("Dialogs", "（同一网格近30天内未发现相似案件，可直接输入编号）"))
            self.candidate_list.setEnabled(False)
        self.candidate_list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _picked(self, row: int) -> None:
        if 0 <= row < len(self.candidates):
            self.into.setText(self.candidates[row].number)

    def problems(self) -> str | None:
        number = self.into.text().strip()
        if not number:
            return QCoreApplication.translate("Dialogs", "请填写要合并到的案件编号")
        if not CASE_NUMBER.match(number):
            return QCoreApplication.translate("Dialogs", "案件编号格式应为 年份-6位序号，如 2026-000123")
        if self.detail is not None and number == self.detail.number:
            return QCoreApplication.translate("Dialogs", "不能把案件合并到它自己")
        return text_problem(self.note.text(), QCoreApplication.translate("Dialogs", "合并说明"), required=False)

    def command(self) -> Merge:
        return Merge(self.into.text().strip(), self.note.text())
