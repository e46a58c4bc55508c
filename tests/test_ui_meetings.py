"""The meetings view in the real window (pytest-qt, offscreen, a real SQLite file): a whole meeting — new,
propose, reorder by keyboard, remove, record typed decisions, apply with per-item results, a change on another
seat shown at once, approve, print the minutes — and the models checked by qtmodeltester."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.db import Database, make_engine
from console.domain import CloseType
from console.meetings.kinds import DecisionKind, MeetingKind
from console.workflow.commands import Accept, ProposeMeeting, Sign
from console.workflow.service import CaseService, ReportInput
from tests.factories import seed_reference
from tests.test_ui_support import ui_settings  # noqa: F401 - fixture
from ui.live import LiveFeed
from ui.meetings_window import MeetingsWindow

ME = "diaodu"


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(make_engine(sqlite_url))
    yield database
    database.dispose()


def loaded(qtbot: QtBot, w: MeetingsWindow, action: Any, check: Any = None, timeout: int = 5000) -> Any:
    """Run `action` and wait until the window shows the meeting again (and `check(view)` holds)."""
    with qtbot.waitSignal(w.meeting_loaded, timeout=timeout,
                          check_params_cb=check) as blocker:  # fmt: skip
        action()
    return blocker.args[0]


def test_a_whole_meeting_in_the_window(db: Database, qtbot: QtBot, qtmodeltester: Any, tmp_path: Path) -> None:
    ref = seed_reference(db)
    svc = CaseService(db, ME)
    refs = []
    for summary, cat in (("加油站私接管线", ref.cat_safety), ("化工厂夜间偷排", ref.cat_safety),
                         ("楼院垃圾长期堆积", ref.cat_env)):  # fmt: skip
        r = svc.report(ReportInput(grid=ref.grid_code, category=cat, summary=summary))
        refs.append(svc.act(r.id, Accept(), r.version))
    svc.act(refs[2].id, ProposeMeeting("居民反复投诉"), refs[2].version)
    live = LiveFeed(db, poll_interval=0.05)
    w = MeetingsWindow(db, ME, live=live)
    qtbot.addWidget(w)
    live.start()
    w.show()
    try:
        view = loaded(qtbot, w, lambda: w.new_meeting(kind=MeetingKind.WEEKLY, held_at=datetime(2030, 1, 8, 9, 0),
                                                       chair="张主任", recorder="李记录"))  # fmt: skip
        assert view.number == "〔2030〕第1期" and view.status == "preparing"
        qtbot.waitUntil(lambda: w.meetings.rowCount() == 1)
        view = loaded(qtbot, w, w.acts["propose"].trigger, lambda v: len(v.items) == 3)
        assert [i.case_number for i in view.items] == [refs[2].number, refs[0].number, refs[1].number]
        assert w.agenda.index(0, 4).data() == "【提请会商】"
        qtmodeltester.check(w.agenda)
        qtmodeltester.check(w.meetings)

        # keyboard reorder: the last item up one place
        w.agenda_table.setFocus()
        w.agenda_table.selectRow(2)
        view = loaded(qtbot, w, lambda: qtbot.keyClick(w.agenda_table, Qt.Key.Key_Up,
                                                        Qt.KeyboardModifier.ControlModifier))  # fmt: skip
        assert [i.case_number for i in view.items] == [refs[2].number, refs[1].number, refs[0].number]
        w.agenda_table.selectRow(0)
        view = loaded(qtbot, w, lambda: w.remove_current("已现场协调解决"))
        assert [i.case_number for i in view.items] == [refs[1].number, refs[0].number]
        loaded(qtbot, w, w.acts["advance"].trigger)
        view = loaded(qtbot, w, w.acts["advance"].trigger)
        assert view.status == "held"

        # typed decisions: re-dispatch to 环保办 (applies), close (refused: not verified)
        w.agenda_table.selectRow(1)
        p = w.panel
        p.set_kind(DecisionKind.DISPATCH)
        p.lead.setCurrentIndex(p.lead.findText("环保办"))
        p.text.setText("由环保办牵头处理")
        p.owner.setText("王建国")
        view = loaded(qtbot, w, p.save.click)
        assert view.items[1].decision.kind_label == "交办/重新交办"
        w.agenda_table.selectRow(0)
        p.set_kind(DecisionKind.CLOSE)
        p.close_type.setCurrentIndex(list(CloseType).index(CloseType.SOLVED))
        p.text.setText("同意结案")
        loaded(qtbot, w, p.save.click)
        with qtbot.waitSignal(w.applied, timeout=5000) as blocker:
            w.acts["apply_all"].trigger()
        results = {r.case_number: r.applied for r in blocker.args[0]}
        assert results == {refs[1].number: False, refs[0].number: True}
        assert "未执行" in w.result.text() and "已执行 → 待签收" in w.result.text()
        qtbot.waitUntil(lambda: w.agenda.index(0, 6).data().startswith("未执行：案件当前为"))

        # another seat signs the dispatched case: the agenda shows it at once
        with qtbot.waitSignal(w.meeting_loaded, timeout=5000,
                              check_params_cb=lambda v: v.items[1].status == "办理中"):  # fmt: skip
            other = CaseService(db, "banli")
            current = other.ref_of(refs[0].number)
            other.act(current.id, Sign(), current.version)

        # Enter opens the case
        w.agenda_table.setFocus()
        w.agenda_table.selectRow(1)
        with qtbot.waitSignal(w.open_case, timeout=2000) as opened:
            qtbot.keyClick(w.agenda_table, Qt.Key.Key_Return)
        assert opened.args == [refs[0].id]

        view = loaded(qtbot, w, w.acts["approve"].trigger, lambda v: v.status == "approved")
        assert view.frozen and not w.acts["approve"].isEnabled()
        out = tmp_path / "minutes.pdf"
        with qtbot.waitSignal(w.printed, timeout=10000):
            w.print_pdf("minutes", str(out))
        text = "".join(page.extract_text() or "" for page in PdfReader(str(out)).pages).replace(" ", "")
        assert "由环保办牵头处理" in text and "王建国" in text and refs[1].number in text
        shot = os.environ.get("GRIDCONSOLE_SCREENSHOT_MEETINGS")
        if shot:  # docs/meetings-window.png is made this way
            w.resize(1500, 700)
            qtbot.wait(200)
            w.grab().save(shot)
    finally:
        live.stop()
        w.tasks.wait(5000)


def test_the_main_window_opens_the_meetings_view(db: Database, qtbot: QtBot, ui_settings: Path) -> None:  # noqa: F811
    from ui.main_window import MainWindow

    seed_reference(db)
    main = MainWindow(db, ME, feed_options={"poll_interval": 0.05})
    qtbot.addWidget(main)
    main.show()
    try:
        main.acts["meetings"].trigger()
        w = main.meetings_window
        assert isinstance(w, MeetingsWindow) and w.isVisible()
        qtbot.waitUntil(lambda: not w.tasks.pending, timeout=5000)
        main.acts["meetings"].trigger()  # one window per main window
        assert main.meetings_window is w
    finally:
        main.meetings_window.tasks.wait(5000)
        main.shutdown()


def test_invitees_attendance_decisions_addenda_and_print_preview(db: Database, qtbot: QtBot, qtmodeltester: Any,
                                                                 tmp_path: Path) -> None:  # fmt: skip
    """The rest of a meeting's paperwork in the window: invitees named when the meeting is created, attendance
    recorded (an absence without a reason is refused and nothing saved), the decisions list filtered by state,
    owner and department, a dated addendum to approved minutes, and the three documents previewed and saved."""
    from PySide6.QtWidgets import QMessageBox

    from console.meetings.kinds import Attendance
    from ui.meeting_panels import AttendanceDialog
    from ui.meetings_window import NewMeetingDialog

    ref = seed_reference(db)
    svc = CaseService(db, ME)
    r = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="河道沿岸垃圾反复堆积"))
    r = svc.act(r.id, Accept(), r.version)
    svc.act(r.id, ProposeMeeting("群众多次反映"), r.version)
    w = MeetingsWindow(db, ME)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: bool(w.departments), timeout=5000)
        dlg = NewMeetingDialog(w, w.departments)
        dlg.chair.setText("张主任")
        dlg.recorder.setText("李记录")
        dlg.invitees.setPlainText("王建国 环保办\n赵敏，副主任\n\n")
        values = dlg.values()
        assert [(i.name, i.duty, i.department_id is not None) for i in values["invitees"]] == [
            ("王建国", "", True), ("赵敏", "副主任", False)]  # fmt: skip
        values["held_at"] = datetime(2030, 2, 5, 9, 0)
        view = loaded(qtbot, w, lambda: w.new_meeting(**values))
        assert [(a.name, a.department, a.attendance) for a in view.attendees] == [
            ("王建国", "环保办", "已邀请"), ("赵敏", "", "已邀请")]  # fmt: skip
        assert w.attendance.table.rowCount() == 2

        # attendance: the dialog asks for a reason only for an absence; none given → refused, nothing saved
        ad = AttendanceDialog("赵敏", w)
        ad.attendance.setCurrentIndex(ad.attendance.findData(Attendance.ABSENT))
        assert ad.reason.isEnabled() and not ad.substitute.isEnabled()
        ad.reason.setText("在区里开会")
        assert ad.values() == {"name": "赵敏", "attendance": Attendance.ABSENT, "reason": "在区里开会",
                               "substitute": ""}  # fmt: skip
        w.attend("赵敏", Attendance.ABSENT)
        qtbot.waitUntil(lambda: any(b.isVisible() for b in w.findChildren(QMessageBox)), timeout=5000)
        box = next(b for b in w.findChildren(QMessageBox) if b.isVisible())
        assert "缺席的原因" in box.text()
        box.close()
        view = loaded(qtbot, w, lambda: w.attend(**ad.values()))
        loaded(qtbot, w, lambda: w.attend("王建国", Attendance.SUBSTITUTE, substitute="刘洋"))
        view = loaded(qtbot, w, lambda: w.attend("孙立", Attendance.PRESENT))  # a walk-in is added
        assert [(a.name, a.attendance, a.absence_reason, a.substitute) for a in view.attendees] == [
            ("王建国", "委托参会", "", "刘洋"), ("赵敏", "缺席", "在区里开会", ""), ("孙立", "出席", "", "")]  # fmt: skip
        reason_cell = w.attendance.table.item(1, 3)
        assert reason_cell is not None and reason_cell.text() == "在区里开会"

        # a decision with its owner and department shows in the decisions list, filtered
        loaded(qtbot, w, w.acts["propose"].trigger, lambda v: len(v.items) == 1)
        loaded(qtbot, w, w.acts["advance"].trigger)
        loaded(qtbot, w, w.acts["advance"].trigger, lambda v: v.status == "held")
        w.agenda_table.selectRow(0)
        p = w.panel
        p.set_kind(DecisionKind.DISPATCH)
        p.lead.setCurrentIndex(p.lead.findText("环保办"))
        p.department.setCurrentIndex(p.department.findText("环保办"))
        p.text.setText("环保办牵头清理河道")
        p.owner.setText("王建国")
        with qtbot.waitSignal(w.decisions_loaded, timeout=5000,
                              check_params_cb=lambda: w.decisions.model.rowCount() == 1):  # fmt: skip
            p.save.click()
        qtmodeltester.check(w.decisions.model)
        assert w.decisions.model.index(0, 3).data() == "环保办牵头清理河道"
        assert w.decisions.model.index(0, 4).data() == "环保办"
        assert w.decisions.model.index(0, 7).data() == "未执行"
        def owner(name: str) -> None:
            w.decisions.owner.setText(name)
            w.decisions.owner.editingFinished.emit()

        for change, rows in ((lambda: w.decisions.state.setCurrentIndex(3), 0),  # 已办结: none
                             (lambda: w.decisions.state.setCurrentIndex(0), 1),  # 全部
                             (lambda: owner("赵敏"), 0), (lambda: owner("王建国"), 1),
                             (lambda: w.decisions.department.setCurrentIndex(w.decisions.department.findText("派出所")), 0),
                             (lambda: w.decisions.department.setCurrentIndex(0), 1),
                             (lambda: w.decisions.this_meeting.setChecked(True), 1)):  # fmt: skip
            with qtbot.waitSignal(w.decisions_loaded, timeout=5000):
                change()
            assert w.decisions.model.rowCount() == rows

        # addenda only after approval; then dated, listed, printed with the minutes
        assert not w.addenda.add.isEnabled()
        view = loaded(qtbot, w, w.acts["approve"].trigger, lambda v: v.status == "approved")
        assert w.addenda.add.isEnabled() and not w.attendance.record.isEnabled()
        view = loaded(qtbot, w, lambda: w.add_addendum("12月10日环保办报告河道已清理完毕"))
        assert [t for _at, _by, t in view.addenda] == ["12月10日环保办报告河道已清理完毕"]
        assert w.addenda.list.count() == 1 and "环保办报告" in w.addenda.list.item(0).text()

        # print: preview of each document, made on the runner, and saved
        with qtbot.waitSignal(w.acts["minutes_pdf"].triggered, timeout=1000):
            w.acts["minutes_pdf"].trigger()
        pd = w.print_dialog
        qtbot.waitUntil(lambda: pd._pdf is not None, timeout=10000)
        assert not pd.preview_pixmap().isNull() and pd.page_spin.maximum() >= 1
        texts = {}
        for what in ("minutes", "attendance", "agenda"):
            if pd.what() != what:
                with qtbot.waitSignal(pd.generated, timeout=10000):
                    pd.document.setCurrentIndex(pd.document.findData(what))
            out = tmp_path / f"{what}.pdf"
            pd.save_to(out)
            texts[what] = "".join(pg.extract_text() or "" for pg in PdfReader(str(out)).pages).replace(" ", "")
        assert "会议纪要" in texts["minutes"] and "环保办牵头清理河道" in texts["minutes"]
        assert "赵敏（在区里开会）" in texts["minutes"] and "王建国（刘洋代）" in texts["minutes"]
        assert "补充说明" in texts["minutes"] and "河道已清理完毕" in texts["minutes"]
        assert "2030年2月5日" in texts["minutes"]  # GB/T 9704: no zero padding
        assert "签到表" in texts["attendance"] and "孙立" in texts["attendance"]
        assert "会商议程" in texts["agenda"] and r.number in texts["agenda"]
        assert "签到表" not in texts["agenda"]
        pd.reject()
    finally:
        w.tasks.wait(5000)


def test_a_preview_is_no_export_saving_and_printing_are(db: Database, qtbot: QtBot, tmp_path: Path) -> None:
    """Opening the print dialog and switching documents renders previews without an audit row; saving the PDF
    writes one 导出 row, printing one 打印 row, each naming the document and where it went."""
    from PySide6.QtPrintSupport import QPrinter
    from sqlalchemy import select

    from console.meetings.service import MeetingService
    from console.models import AuditLog
    from ui.dialogs.meeting_print import MeetingPrintDialog
    from ui.tasks import TaskRunner

    seed_reference(db)
    mid = MeetingService(db, ME).create(MeetingKind.WEEKLY, datetime(2030, 2, 5, 9, 0), chair="张主任")

    def exports() -> list[tuple[str, str, str]]:
        with db.session() as s:
            return [(a.event, a.object, a.detail) for a in s.scalars(
                select(AuditLog).where(AuditLog.event.in_(("export", "print"))).order_by(AuditLog.id))]  # fmt: skip

    runner = TaskRunner(db)
    pd = MeetingPrintDialog(runner, mid, "第1期", ME, "agenda")
    qtbot.addWidget(pd)
    try:
        qtbot.waitUntil(lambda: pd._pdf is not None, timeout=10000)
        with qtbot.waitSignal(pd.generated, timeout=10000):
            pd.document.setCurrentIndex(pd.document.findData("minutes"))
        runner.wait(5000)
        assert exports() == []
        pd.save_to(tmp_path / "minutes.pdf")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        assert pd.print_to(printer) >= 1
        qtbot.waitUntil(lambda: len(exports()) == 2, timeout=5000)
        (e1, o1, d1), (e2, o2, d2) = exports()
        assert (e1, o1, e2, o2) == ("export", "会议纪要", "print", "会议纪要")
        assert str(tmp_path / "minutes.pdf") in d1 and "printed.pdf" in d2
    finally:
        runner.wait(5000)
        pd.reject()
