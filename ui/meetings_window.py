"""会商 — the meetings view: upcoming and past meetings, the agenda editor (reorder by drag or Ctrl+↑/↓, reasons
as chips, the case summary and history beside the item, Enter opens the case), the decision panel with the
decision kinds as typed fields, apply with a per-item result, approval, and the printed agenda and minutes.

Every read and write runs on the window's `TaskRunner` through `console.meetings` (the rules live there); an
item whose case changes on another seat is reloaded at once from the live feed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from console import clock
from console.db import Database, DbSession
from console.domain import CloseType
from console.i18n import QT_TRANSLATE_NOOP
from console.meetings.decisions import SUPERVISE_LEVELS, DecisionInput
from console.meetings.kinds import Attendance, DecisionKind, MeetingKind
from console.meetings.read import MeetingView, department_choices, list_decisions, list_meetings, meeting_view
from console.meetings.service import ApplyResult, MeetingService
from ui.errors import show_error
from ui.i18n import Texts
from ui.meeting_models import AgendaModel, MeetingListModel
from ui.meeting_panels import (
    AddendaPane,
    AddendumDialog,
    AttendanceDialog,
    AttendancePane,
    DecisionsPane,
    parse_invitees,
)
from ui.tasks import FOREGROUND, TaskRunner


class NewMeetingDialog(QDialog):
    """新建会商: kind, time, place, chair, recorder and the invited people (the number is given by the service)."""

    def __init__(self, parent: QWidget | None = None, departments: list[tuple[int, str]] | None = None) -> None:
        super().__init__(parent)
        self.departments = departments or []
        self.texts = Texts()  # set again on LanguageChange: the dialog may be open when the language switches
        self.texts.bind(self.setWindowTitle, QT_TRANSLATE_NOOP("MeetingsWindow", "新建会商"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        for i, k in enumerate(MeetingKind):
            self.kind.addItem("", k)
            self.texts.bind(partial(self.kind.setItemText, i), k.label)
        self.village = QLineEdit()
        self.texts.bind(self.village.setPlaceholderText, QT_TRANSLATE_NOOP("MeetingsWindow", "民情分析会：村（社区）网格编码"))
        start = clock.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=1)
        self.at = QDateTimeEdit(QDateTime(start.year, start.month, start.day, start.hour, start.minute, 0))
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        self.place, self.chair, self.recorder = QLineEdit(), QLineEdit(), QLineEdit()
        self.invitees = QPlainTextEdit()
        self.texts.bind(self.invitees.setPlaceholderText, QT_TRANSLATE_NOOP("MeetingsWindow", "每行一人：姓名 职务或部门，如“王建国 环保办”"))
        self.invitees.setFixedHeight(110)
        for caption, w in ((QT_TRANSLATE_NOOP("MeetingsWindow", "类型"), self.kind), (QT_TRANSLATE_NOOP("MeetingsWindow", "村（社区）"), self.village), (QT_TRANSLATE_NOOP("MeetingsWindow", "召开时间"), self.at),
                           (QT_TRANSLATE_NOOP("MeetingsWindow", "地点"), self.place), (QT_TRANSLATE_NOOP("MeetingsWindow", "主持人"), self.chair), (QT_TRANSLATE_NOOP("MeetingsWindow", "记录人"), self.recorder),
                           (QT_TRANSLATE_NOOP("MeetingsWindow", "参会人员"), self.invitees)):  # fmt: skip
            row_label = QLabel()
            self.texts.bind(row_label.setText, caption)
            form.addRow(row_label, w)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.retranslate()
        super().changeEvent(event)

    def values(self) -> dict[str, Any]:
        kind = MeetingKind(self.kind.currentData())
        held_at: datetime = self.at.dateTime().toPython()  # type: ignore[assignment]
        return {"kind": kind, "held_at": held_at.replace(second=0, microsecond=0),
                "scope_code": self.village.text().strip() or None if kind is MeetingKind.VILLAGE else None,
                "place": self.place.text().strip(), "chair": self.chair.text().strip(),
                "recorder": self.recorder.text().strip(),
                "invitees": parse_invitees(self.invitees.toPlainText(), self.departments)}  # fmt: skip


class DecisionPanel(QWidget):
    """The decision of the selected item: its kind and the kind's typed fields (no free-text-only decision)."""

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = Texts()  # set again on LanguageChange (the window's `retranslate`)
        form = QFormLayout(self)
        self.kind = QComboBox()
        for k in DecisionKind:
            self.kind.addItem(QCoreApplication.translate("domain", k.label), k)
        self.stack = QStackedWidget()
        self.lead = QComboBox()
        self.approve = QComboBox()
        self.approve.addItem(QCoreApplication.translate("MeetingsWindow", "同意延期"), True)
        self.approve.addItem(QCoreApplication.translate("MeetingsWindow", "不同意延期"), False)
        self.chased = QLineEdit()
        self.level = QComboBox()
        for lv in SUPERVISE_LEVELS:
            self.level.addItem(QCoreApplication.translate("MeetingsWindow", lv), lv)
        self.measures = QLineEdit()
        self.review = QDateEdit(QDate.currentDate().addDays(30))
        self.review.setCalendarPopup(True)
        self.close_type = QComboBox()
        for ct in CloseType:
            self.close_type.addItem(QCoreApplication.translate("domain", ct.label), ct)
        pages: dict[DecisionKind, list[tuple[str, QWidget]]] = {
            DecisionKind.DISPATCH: [(QT_TRANSLATE_NOOP("MeetingsWindow", "牵头部门"), self.lead)],
            DecisionKind.EXTENSION: [(QT_TRANSLATE_NOOP("MeetingsWindow", "审批意见"), self.approve)],
            DecisionKind.SUPERVISE: [(QT_TRANSLATE_NOOP("MeetingsWindow", "督办对象"), self.chased), (QT_TRANSLATE_NOOP("MeetingsWindow", "督办级别"), self.level)],
            DecisionKind.LONG_TERM: [(QT_TRANSLATE_NOOP("MeetingsWindow", "治理措施"), self.measures), (QT_TRANSLATE_NOOP("MeetingsWindow", "复核日期"), self.review)],
            DecisionKind.CLOSE: [(QT_TRANSLATE_NOOP("MeetingsWindow", "结案类型"), self.close_type)],
        }
        for k in DecisionKind:
            page = QWidget()
            pf = QFormLayout(page)
            pf.setContentsMargins(0, 0, 0, 0)
            for caption, w in pages.get(k, []):
                pf.addRow(self._label(caption), w)
            self.stack.addWidget(page)
        self.kind.currentIndexChanged.connect(self.stack.setCurrentIndex)
        self.text = QLineEdit()
        self.owner = QLineEdit()
        self.department = QComboBox()
        self.has_due = QCheckBox()
        self.texts.bind(self.has_due.setText, QT_TRANSLATE_NOOP("MeetingsWindow", "办理期限"))
        self.due = QDateEdit(QDate.currentDate().addDays(7))
        self.due.setCalendarPopup(True)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        self.save = QPushButton()
        self.texts.bind(self.save.setText, QT_TRANSLATE_NOOP("MeetingsWindow", "保存决定"))
        self.save.clicked.connect(self.save_requested)
        form.addRow(self._label(QT_TRANSLATE_NOOP("MeetingsWindow", "决定类型")), self.kind)
        form.addRow(self.stack)
        form.addRow(self._label(QT_TRANSLATE_NOOP("MeetingsWindow", "决定事项")), self.text)
        form.addRow(self._label(QT_TRANSLATE_NOOP("MeetingsWindow", "责任单位")), self.department)
        form.addRow(self._label(QT_TRANSLATE_NOOP("MeetingsWindow", "责任人")), self.owner)
        form.addRow(due_row)
        form.addRow(self.save)

    def _label(self, source: str) -> QLabel:
        label = QLabel()
        self.texts.bind(label.setText, source)
        return label

    def retranslate(self) -> None:
        self.texts.retranslate()
        for i, k in enumerate(DecisionKind):
            self.kind.setItemText(i, QCoreApplication.translate("domain", k.label))
        for i, ct in enumerate(CloseType):
            self.close_type.setItemText(i, QCoreApplication.translate("domain", ct.label))
        self.approve.setItemText(0, QCoreApplication.translate("MeetingsWindow", "同意延期"))
        self.approve.setItemText(1, QCoreApplication.translate("MeetingsWindow", "不同意延期"))
        for i, lv in enumerate(SUPERVISE_LEVELS):
            self.level.setItemText(i, QCoreApplication.translate("MeetingsWindow", lv))
        if self.department.count():
            self.department.setItemText(0, QCoreApplication.translate("MeetingsWindow", "（不指定）"))

    def set_departments(self, deps: list[tuple[int, str]]) -> None:
        for combo, blank in ((self.lead, None), (self.department, QCoreApplication.translate("MeetingsWindow", "（不指定）"))):
            combo.clear()
            if blank:
                combo.addItem(blank, None)
            for dep_id, name in deps:
                combo.addItem(name, dep_id)

    def set_kind(self, kind: DecisionKind) -> None:
        self.kind.setCurrentIndex(list(DecisionKind).index(kind))

    def decision(self) -> DecisionInput:
        k = DecisionKind(self.kind.currentData())
        return DecisionInput(
            kind=k, text=self.text.text(), owner=self.owner.text(), department_id=self.department.currentData(),
            due_on=self.due.date().toPython() if self.has_due.isChecked() else None,  # type: ignore[arg-type]
            lead_department_id=self.lead.currentData() if k is DecisionKind.DISPATCH else None,
            approve=self.approve.currentData() if k is DecisionKind.EXTENSION else None,
            chased=self.chased.text(), level=self.level.currentData() if k is DecisionKind.SUPERVISE else "",
            measures=self.measures.text(),
            review_on=self.review.date().toPython() if k is DecisionKind.LONG_TERM else None,  # type: ignore[arg-type]
            close_type=self.close_type.currentData() if k is DecisionKind.CLOSE else None,
        )  # fmt: skip


class MeetingsWindow(QMainWindow):
    """The meetings view, opened from the main window's 会商 menu."""

    open_case = Signal(int)  # case id: the main window shows it
    meeting_loaded = Signal(object)  # MeetingView
    meetings_loaded = Signal()
    applied = Signal(object)  # list[ApplyResult]
    printed = Signal(str)  # the PDF's path
    decisions_loaded = Signal()

    def __init__(self, db: Database, actor: str, parent: QWidget | None = None, live: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.tasks = TaskRunner(db, self)
        self.tasks.error.connect(lambda exc: show_error(self, exc))
        # long work (a proposal over a big database, a PDF) runs on the runner: the status bar says so meanwhile
        self.tasks.busy_changed.connect(
            lambda n: self.statusBar().showMessage(QCoreApplication.translate("MeetingsWindow", "正在处理…")) if n else self.statusBar().clearMessage()
        )
        self.view: MeetingView | None = None
        self.departments: list[tuple[int, str]] = []
        self.print_dialog: Any = None
        self.texts = Texts()  # what `retranslate()` sets again when the language changes
        self.texts.bind(self.setWindowTitle, QT_TRANSLATE_NOOP("MeetingsWindow", "会商 — 每周会商与民情分析会"))
        self.resize(1400, 800)
        self.acts: dict[str, QAction] = {}

        self.meetings = MeetingListModel(self)
        self.meeting_table = QTableView()
        self.meeting_table.setModel(self.meetings)
        self.meeting_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meeting_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.meeting_table.selectionModel().currentRowChanged.connect(self._meeting_picked)
        self.meeting_table.horizontalHeader().setStretchLastSection(True)
        self.upcoming_only = QCheckBox()
        self.texts.bind(self.upcoming_only.setText, QT_TRANSLATE_NOOP("MeetingsWindow", "只看未召开"))
        self.upcoming_only.toggled.connect(lambda _on: self.reload_meetings())
        new = QPushButton()
        self.new_button = new
        self.texts.bind(new.setText, QT_TRANSLATE_NOOP("MeetingsWindow", "新建会商…"))
        new.clicked.connect(self._ask_new)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(self.upcoming_only)
        ll.addWidget(self.meeting_table)
        ll.addWidget(new)

        self.agenda = AgendaModel(self)
        self.agenda.move_requested.connect(self.move_item)
        self.agenda_table = QTableView()
        self.agenda_table.setModel(self.agenda)
        self.agenda_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda_table.setDragEnabled(True)
        self.agenda_table.setAcceptDrops(True)
        self.agenda_table.setDropIndicatorShown(True)
        self.agenda_table.selectionModel().currentRowChanged.connect(lambda *_: self._item_picked())
        self.agenda_table.doubleClicked.connect(lambda ix: self._open(ix.row()))
        self.agenda_table.horizontalHeader().setStretchLastSection(True)
        self.agenda_table.verticalHeader().setVisible(False)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.attendance = AttendancePane()
        self.attendance.record_requested.connect(self._ask_attend)
        self.addenda = AddendaPane()
        self.addenda.add_requested.connect(self._ask_addendum)
        self.decisions = DecisionsPane()
        self.decisions.filters_changed.connect(self.reload_decisions)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.agenda_table, "")
        self.tabs.addTab(self.attendance, "")
        self.tabs.addTab(self.addenda, "")
        self.tabs.addTab(self.decisions, "")
        self.texts.bind(partial(self.tabs.setTabText, 0), QT_TRANSLATE_NOOP("MeetingsWindow", "议程"))
        self.texts.bind(partial(self.tabs.setTabText, 1), QT_TRANSLATE_NOOP("MeetingsWindow", "出席情况"))
        self.texts.bind(partial(self.tabs.setTabText, 2), QT_TRANSLATE_NOOP("MeetingsWindow", "补充说明"))
        self.texts.bind(partial(self.tabs.setTabText, 3), QT_TRANSLATE_NOOP("MeetingsWindow", "决定事项"))
        center = QWidget()
        cl = QVBoxLayout(center)
        cl.addWidget(self.title)
        cl.addWidget(self.tabs)
        cl.addWidget(self.result)

        self.detail = QTextBrowser()
        self.discussion = QLineEdit()
        self.texts.bind(self.discussion.setPlaceholderText, QT_TRANSLATE_NOOP("MeetingsWindow", "讨论情况（回车保存）"))
        self.discussion.returnPressed.connect(self._save_discussion)
        self.panel = DecisionPanel()
        self.panel.save_requested.connect(self.save_decision)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.detail, 2)
        rl.addWidget(self.discussion)
        rl.addWidget(self.panel, 1)

        split = QSplitter()
        for w in (left, center, right):
            split.addWidget(w)
        split.setSizes([320, 680, 420])
        self.setCentralWidget(split)
        self._build_actions()
        if live is not None:
            live.changed.connect(self.on_changes)
        self.tasks.run(department_choices, self._on_departments, name="departments")
        self.reload_meetings()
        self.reload_decisions()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text again in the language just installed (the panes and tables too)."""
        self.texts.retranslate()
        self.panel.retranslate()
        for pane in (self.decisions, self.attendance, self.addenda):
            pane.retranslate()
        for model in (self.meetings, self.agenda):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
        if self.view is not None:
            self._on_meeting(self.view)

    # --- actions ---------------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        tb = QToolBar()
        tb.setObjectName("meetings_toolbar")
        self.addToolBar(tb)

        def act(name: str, caption: str, slot: Callable[[], Any], shortcut: Any = None) -> None:
            a = QAction(self)
            self.texts.bind(a.setText, caption)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(lambda _=False: slot())
            self.acts[name] = a
            tb.addAction(a)

        act("propose", QT_TRANSLATE_NOOP("MeetingsWindow", "生成议程"), self.draw_agenda, "Ctrl+R")
        act("add", QT_TRANSLATE_NOOP("MeetingsWindow", "加入案件…"), self._ask_add, "Ctrl+N")
        act("remove", QT_TRANSLATE_NOOP("MeetingsWindow", "移出议程…"), self._ask_remove, QKeySequence.StandardKey.Delete)
        act("up", QT_TRANSLATE_NOOP("MeetingsWindow", "上移"), lambda: self._shift(-1), "Ctrl+Up")
        act("down", QT_TRANSLATE_NOOP("MeetingsWindow", "下移"), lambda: self._shift(1), "Ctrl+Down")
        act("hand_up", QT_TRANSLATE_NOOP("MeetingsWindow", "提请街道会商…"), self._ask_hand_up)
        act("advance", QT_TRANSLATE_NOOP("MeetingsWindow", "发出议程/开会"), self.advance)
        act("apply", QT_TRANSLATE_NOOP("MeetingsWindow", "执行决定"), self.apply_selected, "Ctrl+E")
        act("apply_all", QT_TRANSLATE_NOOP("MeetingsWindow", "全部执行"), self.apply_all)
        act("approve", QT_TRANSLATE_NOOP("MeetingsWindow", "审定纪要"), self.approve)
        act("agenda_pdf", QT_TRANSLATE_NOOP("MeetingsWindow", "打印议程…"), lambda: self.open_print("agenda"))
        act("attendance_pdf", QT_TRANSLATE_NOOP("MeetingsWindow", "打印签到表…"), lambda: self.open_print("attendance"))
        act("minutes_pdf", QT_TRANSLATE_NOOP("MeetingsWindow", "打印纪要…"), lambda: self.open_print("minutes"))
        enter = QAction(self)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(lambda: self._open(self._row()))
        self.agenda_table.addAction(enter)
        self._update_actions()

    def _update_actions(self) -> None:
        v = self.view
        status = v.status if v else ""
        has_item = self._current() is not None
        for name, on in (("propose", status in ("preparing", "agenda_sent")), ("add", status in ("preparing", "agenda_sent")),
                         ("remove", has_item and status in ("preparing", "agenda_sent")),
                         ("up", has_item and status in ("preparing", "agenda_sent")),
                         ("down", has_item and status in ("preparing", "agenda_sent")),
                         ("hand_up", has_item and v is not None and v.kind == "village" and status != "approved"),
                         ("advance", status in ("preparing", "agenda_sent")), ("apply", has_item and status in ("held", "approved")),
                         ("apply_all", status in ("held", "approved")), ("approve", status == "held"),
                         ("agenda_pdf", v is not None), ("attendance_pdf", v is not None),
                         ("minutes_pdf", v is not None)):  # fmt: skip
            self.acts[name].setEnabled(bool(on))
        self.attendance.record.setEnabled(v is not None and status != "approved")
        self.addenda.add.setEnabled(status == "approved")
        self.panel.setEnabled(has_item and status in ("agenda_sent", "held"))
        self.discussion.setEnabled(has_item and status in ("agenda_sent", "held"))

    # --- loading ---------------------------------------------------------------------------------------------

    def reload_meetings(self) -> None:
        actor, upcoming = self.actor, self.upcoming_only.isChecked() or None

        def job(s: DbSession) -> Any:
            return list_meetings(s, actor, upcoming=upcoming, now=clock.now())

        self.tasks.run(job, self._on_meetings, name="meetings", priority=FOREGROUND)

    def _on_meetings(self, rows: list[Any]) -> None:
        current = self.view.id if self.view else None
        self.meetings.set_rows(rows)
        for n, r in enumerate(rows):
            if r.id == current:
                self.meeting_table.selectRow(n)
        self.meetings_loaded.emit()

    def _meeting_picked(self, current: Any, _previous: Any = None) -> None:
        mid = self.meetings.data(self.meetings.index(current.row(), 0), Qt.ItemDataRole.UserRole)
        if mid is not None and (self.view is None or self.view.id != mid):
            self.load_meeting(mid)

    def load_meeting(self, meeting_id: int) -> None:
        actor = self.actor

        def job(s: DbSession) -> MeetingView:
            return meeting_view(s, meeting_id, actor, clock.now().date())

        self.tasks.run(job, self._on_meeting, name="meeting", priority=FOREGROUND)

    def _on_meeting(self, v: MeetingView) -> None:
        row = self._row()
        self.view = v
        kind = QCoreApplication.translate("domain", v.kind_label)
        status = QCoreApplication.translate("domain", v.status_label)
        self.title.setText(f"{v.title}　{kind}　{status}　{v.held_at:%Y-%m-%d %H:%M}　{v.place}")
        self.agenda.set_items(v.items, v.status in ("preparing", "agenda_sent"))
        self.agenda_table.resizeColumnsToContents()
        for col, cap in ((2, 220), (4, 260), (5, 260), (6, 220)):
            self.agenda_table.setColumnWidth(col, min(self.agenda_table.columnWidth(col), cap))
        if v.items:
            self.agenda_table.selectRow(min(max(row, 0), len(v.items) - 1))
        self.attendance.set_attendees(v.attendees)
        self.addenda.set_addenda(v.addenda)
        self._item_picked()
        if self.decisions.this_meeting.isChecked():
            self.reload_decisions()
        self.meeting_loaded.emit(v)

    def _on_departments(self, deps: list[tuple[int, str]]) -> None:
        self.departments = deps
        self.panel.set_departments(deps)
        self.decisions.set_departments(deps)

    def reload_decisions(self) -> None:
        """决定事项: the decisions list with the pane's filters, read on the task runner."""
        actor, filters = self.actor, self.decisions.filters(self.view.id if self.view else None)

        def job(s: DbSession) -> Any:
            return list_decisions(s, actor, clock.now().date(), **filters)

        def done(rows: list[Any]) -> None:
            self.decisions.model.set_rows(rows)
            self.decisions.table.resizeColumnsToContents()
            self.decisions_loaded.emit()

        self.tasks.run(job, done, name="decisions")

    def on_changes(self, case_ids: Any) -> None:
        """The live feed: reload the agenda when a case on it changed on any seat."""
        if self.view is not None and {i.case_id for i in self.view.items} & set(case_ids):
            self.load_meeting(self.view.id)

    # --- the selected item -----------------------------------------------------------------------------------

    def _row(self) -> int:
        ix = self.agenda_table.currentIndex()
        return ix.row() if ix.isValid() else -1

    def _current(self) -> Any:
        return self.agenda.item(self._row())

    def _item_picked(self) -> None:
        i = self._current()
        self._update_actions()
        if i is None:
            self.detail.clear()
            self.discussion.clear()
            return
        reasons = "".join(f"<li>{text}</li>" for _c, text in i.reasons)
        history = "".join(f"<li>{h}</li>" for h in i.history)
        lead = QCoreApplication.translate("MeetingsWindow", "牵头部门")
        why = QCoreApplication.translate("MeetingsWindow", "上会理由")
        course = QCoreApplication.translate("MeetingsWindow", "办理经过")
        self.detail.setHtml(
            f"<h3>{i.case_number}　{i.summary}</h3><p>{i.grid}｜{i.category}｜{i.status}｜"
            f"{lead}：{i.lead_department or '—'}</p><b>{why}</b><ul>{reasons}</ul>"
            f"<b>{course}</b><ul>{history}</ul>"
        )
        self.discussion.setText(i.discussion)
        d = i.decision
        if d is not None:
            self.panel.set_kind(DecisionKind(d.kind))
            self.panel.text.setText(d.text)
            self.panel.owner.setText(d.owner)
        else:
            self.panel.text.clear()
            self.panel.owner.clear()

    def _open(self, row: int) -> None:
        i = self.agenda.item(row)
        if i is not None:
            self.open_case.emit(i.case_id)

    # --- writes ----------------------------------------------------------------------------------------------

    def _write(self, fn: Callable[[MeetingService], Any], then: Callable[[Any], None] | None = None) -> None:
        actor = self.actor

        def job(db: Database) -> Any:
            return fn(MeetingService(db, actor))

        def done(result: Any) -> None:
            if then is not None:
                then(result)
            if self.view is not None:
                self.load_meeting(self.view.id)
            self.reload_meetings()
            self.reload_decisions()

        self.tasks.run_db(job, done, lambda exc: show_error(self, exc), name="meeting-write", holds=False)

    def new_meeting(self, **values: Any) -> None:
        def picked(mid: int) -> None:
            self.load_meeting(mid)

        self._write(lambda ms: ms.create(**values), picked)

    def _ask_new(self) -> None:
        dlg = NewMeetingDialog(self, self.departments)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.new_meeting(**dlg.values())

    def draw_agenda(self) -> None:
        if self.view is not None:
            mid = self.view.id
            self._write(lambda ms: ms.draw_agenda(mid), lambda drawn: self.result.setText(drawn.message))

    def add_case(self, number: str, reason: str) -> None:
        if self.view is not None:
            mid = self.view.id
            self._write(lambda ms: ms.add_item(mid, number, reason))

    def _ask_add(self) -> None:
        number, ok = QInputDialog.getText(self, QCoreApplication.translate("MeetingsWindow", "加入案件"), QCoreApplication.translate("MeetingsWindow", "案件编号"))
        if not ok or not number.strip():
            return
        reason, ok = QInputDialog.getText(self, QCoreApplication.translate("MeetingsWindow", "加入案件"), QCoreApplication.translate("MeetingsWindow", "列入议程的理由"))
        if ok:
            self.add_case(number.strip(), reason)

    def remove_current(self, reason: str) -> None:
        i = self._current()
        if self.view is not None and i is not None:
            mid, number = self.view.id, i.case_number
            self._write(lambda ms: ms.remove_item(mid, number, reason))

    def _ask_remove(self) -> None:
        reason, ok = QInputDialog.getText(self, QCoreApplication.translate("MeetingsWindow", "移出议程"), QCoreApplication.translate("MeetingsWindow", "移出议程的理由"))
        if ok:
            self.remove_current(reason)

    def move_item(self, number: str, position: int) -> None:
        if self.view is not None:
            mid = self.view.id
            self._write(lambda ms: ms.move_item(mid, number, position))

    def _shift(self, step: int) -> None:
        i = self._current()
        if i is not None:
            target = i.position + step
            if 1 <= target <= len(self.agenda.items):
                self.agenda_table.selectRow(target - 1)  # the selection follows the item
                self.move_item(i.case_number, target)

    def _ask_hand_up(self) -> None:
        i = self._current()
        reason, ok = QInputDialog.getText(self, QCoreApplication.translate("MeetingsWindow", "提请街道会商"), QCoreApplication.translate("MeetingsWindow", "提请街道会商的理由"))
        if ok and i is not None and self.view is not None:
            mid, number = self.view.id, i.case_number
            self._write(lambda ms: ms.hand_up(mid, number, reason))

    def advance(self) -> None:
        if self.view is not None:
            mid = self.view.id
            self._write(lambda ms: ms.advance(mid))

    def _save_discussion(self) -> None:
        i = self._current()
        if self.view is not None and i is not None:
            mid, number, text = self.view.id, i.case_number, self.discussion.text()
            self._write(lambda ms: ms.discuss(mid, number, text))

    def save_decision(self) -> None:
        i = self._current()
        if self.view is not None and i is not None:
            mid, number, decision = self.view.id, i.case_number, self.panel.decision()
            self._write(lambda ms: ms.decide(mid, number, decision))

    def _show_results(self, results: list[ApplyResult]) -> None:
        lines = [f"{r.case_number}：" + (QCoreApplication.translate("MeetingsWindow", "已执行 → ") + r.message if r.applied else QCoreApplication.translate("MeetingsWindow", "未执行：") + r.message)
                 for r in results]  # fmt: skip
        self.result.setText("\n".join(lines) or QCoreApplication.translate("MeetingsWindow", "没有待执行的决定"))
        self.applied.emit(results)

    def apply_selected(self) -> None:
        i = self._current()
        if i is not None and i.decision is not None:
            did = i.decision.id
            self._write(lambda ms: [ms.apply(did)], self._show_results)

    def apply_all(self) -> None:
        if self.view is not None:
            mid = self.view.id
            self._write(lambda ms: ms.apply_all(mid), self._show_results)

    def attend(self, name: str, attendance: Attendance, reason: str = "", substitute: str = "") -> None:
        if self.view is not None:
            mid = self.view.id
            self._write(lambda ms: ms.attend(mid, name, attendance, reason=reason, substitute=substitute))

    def _ask_attend(self) -> None:
        dlg = AttendanceDialog(self.attendance.selected_name(), self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.attend(**dlg.values())

    def add_addendum(self, text: str) -> None:
        if self.view is not None:
            mid = self.view.id
            self._write(lambda ms: ms.add_addendum(mid, text))

    def _ask_addendum(self) -> None:
        dlg = AddendumDialog(self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.add_addendum(dlg.text.toPlainText())

    def approve(self) -> None:
        if self.view is not None:
            mid = self.view.id
            self._write(lambda ms: ms.approve(mid))

    # --- printing --------------------------------------------------------------------------------------------

    def print_pdf(self, what: str, path: str) -> None:
        """The agenda (with the attendance sheet) or the minutes as a PDF, made on the task runner."""
        if self.view is None:
            return
        from reports.meetings import render_agenda, render_minutes

        mid, actor = self.view.id, self.actor
        render = render_agenda if what == "agenda" else render_minutes

        def job(db: Database) -> int:
            return render(db, mid, actor, path)

        def done(pages: int) -> None:
            self.result.setText(QCoreApplication.translate("MeetingsWindow", "已生成 %1（%2 页）").replace("%1", path).replace("%2", str(pages)))
            self.printed.emit(path)

        self.tasks.run_db(job, done, lambda exc: show_error(self, exc), name="meeting-pdf")

    def open_print(self, what: str) -> Any:
        """打印…: the document with preview, save and print (`MeetingPrintDialog`), made on the task runner."""
        from ui.dialogs.meeting_print import MeetingPrintDialog

        if self.view is None:
            return None
        self.print_dialog = MeetingPrintDialog(self.tasks, self.view.id, self.view.title, self.actor, what, self)
        self.print_dialog.open()
        return self.print_dialog

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.tasks.wait(5000)
        super().closeEvent(event)


def open_meetings(main: Any) -> MeetingsWindow:
    """The main window's 会商 menu entry: one meetings window per main window, following its live feed;
    opening an item's case shows it in the main window."""
    w: MeetingsWindow | None = getattr(main, "meetings_window", None)
    if w is None:
        w = MeetingsWindow(main.db, main.actor, main, live=main.live)
        w.open_case.connect(lambda case_id: main.goto_case(str(case_id)))
        main.meetings_window = w
    w.show()
    w.raise_()
    return w
