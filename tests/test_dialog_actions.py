"""The case dialogs driven like a user would (pytest-qt, offscreen) against real databases: happy paths,
refusals shown while typing, the concurrent-change case, duplicates, and a whole case from 上报 to 已评价."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDragMoveEvent, QDropEvent, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console import clock
from console.db import Database, make_engine
from console.domain import CaseStatus, CloseType, Satisfaction, Visibility
from console.models import Attachment, Case, CaseHistory
from console.settings import set_setting
from console.workflow.commands import Accept, Close, Dispatch, Feedback, Sign, Supervise, Verify
from console.workflow.read import CaseDetail, case_detail
from console.workflow.service import CaseRef, CaseService, ReportInput
from tests.factories import Ref, seed_reference
from ui.dialogs import make_action_dialog, make_batch_dispatch_dialog, make_new_case_dialog, run_action_dialog
from ui.dialogs.base import ActionDialog
from ui.dialogs.widgets import to_qdate, to_qdatetime
from ui.fonts import apply_chinese_font
from ui.tasks import TaskRunner

ACTOR = "调度员甲"


class Clock:
    def __init__(self, start: datetime) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


@pytest.fixture
def now(qapp: QApplication) -> Iterator[Clock]:
    apply_chinese_font(qapp)
    c = Clock(datetime(2026, 11, 24, 9, 0))  # a Tuesday
    clock.set_clock(c)
    yield c
    clock.set_clock(None)


@pytest.fixture
def ref(db: Database) -> Ref:
    return seed_reference(db)


def detail(db: Database, case_id: int) -> CaseDetail:
    with db.session() as s:
        return case_detail(s, case_id)


def report(db: Database, ref: Ref, summary: str = "一号楼院门口垃圾堆积", **kw: object) -> CaseRef:
    return CaseService(db, "网格员").report(
        ReportInput(grid=ref.grid_code, category=ref.cat_env, summary=summary, **kw)  # type: ignore[arg-type]
    )


def accepted(db: Database, ref: Ref, summary: str = "一号楼院门口垃圾堆积") -> CaseRef:
    r = report(db, ref, summary)
    return CaseService(db, ACTOR).act(r.id, Accept(), r.version)


def in_progress(db: Database, ref: Ref) -> CaseRef:
    svc = CaseService(db, ACTOR)
    r = accepted(db, ref)
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    return svc.act(r.id, Sign(), r.version)


def history(db: Database, case_id: int) -> list[CaseHistory]:
    with db.session() as s:
        return list(
            s.scalars(select(CaseHistory).where(CaseHistory.case_id == case_id).order_by(CaseHistory.id))
        )


def open_dialog(qtbot: QtBot, db: Database, case_id: int, action: str, actor: str = ACTOR) -> ActionDialog:
    dlg = make_action_dialog(None, db, actor, detail(db, case_id), action)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` key by key (QTest's keyClicks only knows ASCII): every keystroke revalidates the dialog."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def confirm(qtbot: QtBot, dlg: ActionDialog) -> None:
    """Press OK and wait for the save (it runs on a worker thread) to come back."""
    assert dlg.ok_button.isEnabled(), dlg.reason_label.text()
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)


def reload_case(qtbot: QtBot, dlg: ActionDialog) -> None:
    """Press 重新载入 and wait for the case (read on a worker thread) to come back."""
    qtbot.mouseClick(dlg.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)


def refused(dlg: ActionDialog, text: str) -> None:
    """OK is disabled and the reason shown says `text`."""
    assert not dlg.ok_button.isEnabled()
    assert text in dlg.reason_label.text(), dlg.reason_label.text()


def photo(tmp_path: Path, name: str = "现场.png") -> Path:
    img = QImage(40, 30, QImage.Format.Format_RGB32)
    img.fill(QColor("#2a9d8f"))
    path = tmp_path / name
    assert img.save(str(path))
    return path


# --- new case (受理登记) -----------------------------------------------------------------------------------


def pick_grid(qtbot: QtBot, dlg: ActionDialog, grid_text: str) -> None:
    """Type in the grid picker and wait for its search (it runs on a worker) to answer."""
    type_text(dlg.grid.edit, grid_text)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not dlg.grid.searching, timeout=5000)  # type: ignore[attr-defined]


def fill_new_case(qtbot: QtBot, dlg: ActionDialog, grid_text: str, summary: str) -> None:
    pick_grid(qtbot, dlg, grid_text)
    dlg.category.setCurrentIndex(1)  # type: ignore[attr-defined]
    type_text(dlg.summary, summary)  # type: ignore[attr-defined]


def test_dialog_new_case_validates_and_reports_with_photos(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock, tmp_path: Path
) -> None:
    with db.write_session() as s:
        set_setting(s, "attachment_max_bytes", "20000")
    dlg = make_new_case_dialog(None, db, ACTOR)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    refused(dlg, "请选择所属网格")
    pick_grid(qtbot, dlg, "lysqyh")  # pinyin initials of 绿云社区一号楼院
    assert dlg.grid.selected() is not None and dlg.grid.selected().code == ref.grid_code  # type: ignore[union-attr]
    refused(dlg, "请选择问题类别")
    dlg.category.setCurrentIndex(dlg.category.findText("环境卫生", Qt.MatchFlag.MatchStartsWith))
    assert "3 个工作日" in dlg.category_hint.text()
    refused(dlg, "请填写问题摘要")
    type_text(dlg.summary, "长" * 121)
    refused(dlg, "问题摘要过长（最多 120 字，现 121 字）")
    dlg.summary.clear()
    type_text(dlg.summary, "一号楼院门口垃圾堆积")
    assert dlg.ok_button.isEnabled()
    dlg.self_handled.setChecked(True)
    refused(dlg, "请填写已采取的处置措施")
    dlg.self_handled.setChecked(False)
    type_text(dlg.reporter_phone, "abc")
    refused(dlg, "电话")
    dlg.reporter_phone.setText("13800000000")
    dlg.description.setPlainText("三天未清运，气味很大")
    dlg.address.setText("绿云路 12 号")

    # photos: the file picker's path and a drop onto the dialog; a file over the cap is refused with a reason
    assert dlg.photos.add_files([str(photo(tmp_path))]) == []
    big = tmp_path / "大图.jpg"
    big.write_bytes(b"\xff" * 30000)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo(tmp_path, "近景.png"))), QUrl.fromLocalFile(str(big))])
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    dlg.dropEvent(drop)
    assert [p.filename for p in dlg.photo_files()] == ["现场.png", "近景.png"]
    # dragging over the list's viewport adds nothing until the drop
    move = QDragMoveEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                          Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(dlg.photos.list.viewport(), move)
    assert len(dlg.photo_files()) == 2
    assert [p.filename for p in dlg.photo_files()] == ["现场.png", "近景.png"]
    assert "大图.jpg" in dlg.error_label.text() and "超过上限" in dlg.error_label.text()

    dlg.summary.setFocus()
    qtbot.keyClick(dlg.summary, Qt.Key.Key_Return)  # Enter confirms
    qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)
    assert dlg.result() == ActionDialog.DialogCode.Accepted
    r = dlg.result_ref
    assert r is not None and r.status is CaseStatus.REPORTED
    d = detail(db, r.id)
    assert (d.summary, d.description, d.address, d.reporter_phone) == (
        "一号楼院门口垃圾堆积", "三天未清运，气味很大", "绿云路 12 号", "13800000000",
    )  # fmt: skip
    assert d.grid_code == ref.grid_code and d.category_name == "环境卫生" and d.reported_by == ACTOR
    assert [a.filename for a in d.attachments] == ["现场.png", "近景.png"]
    assert [h.action for h in d.history] == ["report", "attach", "attach"]


def test_dialog_new_case_cancel_leaves_nothing(qtbot: QtBot, db: Database, ref: Ref, now: Clock) -> None:
    dlg = make_new_case_dialog(None, db, ACTOR, grid_code=ref.grid2_code)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.grid.selected().code == ref.grid2_code  # type: ignore[union-attr]  # preselected from the tree
    dlg.category.setCurrentIndex(1)
    type_text(dlg.summary, "二号楼院路灯不亮")
    qtbot.keyClick(dlg.summary, Qt.Key.Key_Escape)
    assert dlg.result() == ActionDialog.DialogCode.Rejected and dlg.result_ref is None
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
        assert s.scalar(select(func.count()).select_from(CaseHistory)) == 0


def test_dialog_new_case_shows_duplicates_and_merges_in_one_click(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock
) -> None:
    first = report(db, ref, "一号楼院门口垃圾堆积无人清运")
    report(db, ref, "一号楼院楼道电动车充电")  # same grid, different problem
    now.advance(hours=3)
    dlg = make_new_case_dialog(None, db, ACTOR)
    qtbot.addWidget(dlg)
    dlg.show()
    fill_new_case(qtbot, dlg, ref.grid_code, "一号楼院门口垃圾堆积")
    qtbot.waitUntil(lambda: dlg.duplicate_list.count() == 1, timeout=3000)  # debounced while typing
    assert first.number in dlg.duplicate_list.item(0).text() and "相似度" in dlg.duplicate_list.item(0).text()
    assert "发现 1 件可能重复" in dlg.duplicate_label.text()
    dlg.duplicate_list.setCurrentRow(0)
    qtbot.mouseClick(dlg.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)
    r = dlg.result_ref
    assert r is not None and r.status is CaseStatus.MERGED
    d = detail(db, r.id)
    assert [(x.number, x.relation) for x in d.related] == [(first.number, "本案并入")]
    assert [h.action for h in d.history] == ["report", "merge"]  # recorded, never silently dropped
    assert [x.number for x in detail(db, first.id).related] == [r.number]


def _closed_case(db: Database, ref: Ref, summary: str) -> CaseRef:
    svc = CaseService(db, "调度员")
    r = report(db, ref, summary)
    for cmd in (Accept(), Dispatch(lead_department_id=ref.env)):
        r = svc.act(r.id, cmd, r.version)
    r = CaseService(db, "环保办").act(r.id, Sign(), r.version)
    r = CaseService(db, "环保办").act(r.id, Feedback(result="已清运"), r.version)
    r = svc.act(r.id, Verify(passed=True), r.version)
    return svc.act(r.id, Close(close_type=CloseType.SOLVED), r.version)


@pytest.mark.parametrize("choice", ["recurrence", "reopen"])
def test_dialog_new_case_matching_a_closed_case_offers_recurrence_or_reopen(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock, choice: str
) -> None:
    old = _closed_case(db, ref, "一号楼院门口垃圾堆积无人清运")
    now.advance(hours=3)
    dlg = make_new_case_dialog(None, db, ACTOR)
    qtbot.addWidget(dlg)
    dlg.show()
    fill_new_case(qtbot, dlg, ref.grid_code, "一号楼院门口垃圾堆积")
    qtbot.waitUntil(lambda: dlg.duplicate_list.count() == 1, timeout=3000)
    dlg.duplicate_list.setCurrentRow(0)
    assert not dlg.merge_button.isVisible()  # a closed case takes no duplicate
    assert dlg.recurrence_button.isVisible() and dlg.reopen_button.isVisible()
    button = dlg.recurrence_button if choice == "recurrence" else dlg.reopen_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)
    r = dlg.result_ref
    assert r is not None
    if choice == "recurrence":
        assert r.status is CaseStatus.REPORTED and r.id != old.id
        assert [(x.number, x.relation) for x in detail(db, r.id).related] == [(old.number, "本案复发自")]
    else:
        assert r.id == old.id and r.status is CaseStatus.IN_PROGRESS
        assert detail(db, old.id).history[-1].action == "reopen"
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Case)) == 1


# --- accept / reject / merge ------------------------------------------------------------------------------


def test_dialog_new_case_duplicate_answers_arriving_late_are_dropped(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock
) -> None:
    """The search runs on a worker: an answer for what was typed before must not replace the newer one."""
    from console.duplicates import find_duplicates
    from console.workflow import dialog_data as data
    from ui.dialogs.intake import NewCaseDialog
    from ui.dialogs.runner import dialog_env

    report(db, ref, "一号楼院门口垃圾堆积无人清运")
    asked: list[tuple[str, Any]] = []
    with db.session() as s:
        categories = data.categories(s)
        grid = data.grid_choice(s, ref.grid_code)

    def search(grid_code: str, summary: str, description: str, deliver: Any) -> None:
        asked.append((summary, deliver))

    dlg = NewCaseDialog(dialog_env(db, ACTOR), categories, lambda _t, _deliver: None, search, grid)
    qtbot.addWidget(dlg)
    type_text(dlg.summary, "电动车")
    dlg.refresh_duplicates()
    dlg.summary.setText("一号楼院门口垃圾堆积")
    dlg.refresh_duplicates()
    assert [a[0] for a in asked] == ["电动车", "一号楼院门口垃圾堆积"]
    with db.session() as s:
        found = find_duplicates(s, ref.grid_code, "一号楼院门口垃圾堆积", "")
    assert len(found) == 1
    asked[1][1](found)  # the newer answer first
    asked[0][1]([])  # then the older one, late
    assert dlg.duplicate_list.count() == 1 and dlg.duplicates == found


def test_dialog_accept_reject_merge(qtbot: QtBot, db: Database, ref: Ref, now: Clock) -> None:
    a = report(db, ref, "一号楼院门口垃圾堆积")
    b = report(db, ref, "一号楼院门口垃圾堆积没人管")
    c = report(db, ref, "邻里装修噪音纠纷", self_handled=True, self_handled_action="已当场调解")

    dlg = open_dialog(qtbot, db, a.id, "reject")
    refused(dlg, "请填写不予受理理由")
    assert "可公开" in dlg.findChild(QWidget, "visibility_hint").text()  # type: ignore[union-attr]
    button = dlg.reason.phrase_button  # type: ignore[attr-defined]
    button.insert(button.phrases[0])  # a stock phrase fills the note
    confirm(qtbot, dlg)
    assert dlg.result_ref is not None and dlg.result_ref.status is CaseStatus.REJECTED
    assert history(db, a.id)[-1].note.startswith("不属于网格化管理事项")

    dlg = open_dialog(qtbot, db, c.id, "accept")
    assert "待核查" in dlg.info.text()  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    assert dlg.result_ref is not None and dlg.result_ref.status is CaseStatus.FEEDBACK

    dlg = open_dialog(qtbot, db, b.id, "merge")
    refused(dlg, "请填写要合并到的案件编号")
    assert dlg.candidate_list.count() == 0 or a.number not in dlg.candidate_list.item(0).text()  # type: ignore[attr-defined]
    type_text(dlg.into, b.number)  # type: ignore[attr-defined]
    refused(dlg, "不能把案件合并到它自己")
    dlg.into.setText("2026-999999")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)  # the service refuses: the dialog stays open, the input intact
    assert dlg.isVisible() and "案件不存在" in dlg.error_label.text()
    assert dlg.into.text() == "2026-999999"  # type: ignore[attr-defined]
    dlg.into.setText(c.number)  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    assert dlg.result_ref is not None and dlg.result_ref.status is CaseStatus.MERGED


def test_dialog_merge_offers_similar_cases(qtbot: QtBot, db: Database, ref: Ref, now: Clock) -> None:
    a = report(db, ref, "一号楼院门口垃圾堆积")
    b = report(db, ref, "一号楼院门口垃圾堆积三天")
    dlg = open_dialog(qtbot, db, b.id, "merge")
    assert a.number in dlg.candidate_list.item(0).text()  # type: ignore[attr-defined]
    dlg.candidate_list.setCurrentRow(0)  # type: ignore[attr-defined]
    assert dlg.into.text() == a.number  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    assert detail(db, b.id).status is CaseStatus.MERGED


# --- dispatch ------------------------------------------------------------------------------------------------


def test_dialog_dispatch_suggests_and_needs_a_reason_to_change_the_deadline(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock
) -> None:
    r = accepted(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "dispatch")
    assert dlg.lead.currentText() == "环保办"  # type: ignore[attr-defined]  # the category's department
    assert dlg.person.currentText().startswith("王建国（网格员·绿云社区一号楼院")  # type: ignore[attr-defined]
    # 3 working days from Tuesday 09:00, the start day not counted: Friday at close of office
    assert "3 个工作日" in dlg.limit_label.text() and "2026-11-27 17:30" in dlg.limit_label.text()  # type: ignore[attr-defined]
    dlg.co_departments.set_checked([ref.law, ref.env])  # type: ignore[attr-defined]
    dlg.adjust.setChecked(True)  # type: ignore[attr-defined]
    dlg.due.setDateTime(to_qdatetime(datetime(2026, 11, 20, 17, 30)))  # type: ignore[attr-defined]
    refused(dlg, "办结时限不能早于当前时间")
    dlg.due.setDateTime(to_qdatetime(datetime(2026, 12, 4, 17, 30)))  # type: ignore[attr-defined]
    refused(dlg, "修改办结时限须填写理由")
    type_text(dlg.due_reason, "需协调环卫公司排班")  # type: ignore[attr-defined]
    dlg.instructions.setPlainText("清运后拍照反馈")  # type: ignore[attr-defined]
    cmd = dlg.command()  # type: ignore[attr-defined]
    assert cmd.lead_department_id == ref.env and cmd.co_department_ids == (ref.law,)
    assert cmd.responsible_person_id == ref.person and cmd.due_at == datetime(2026, 12, 4, 17, 30)
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert d.status is CaseStatus.DISPATCHED and d.due_at == datetime(2026, 12, 4, 17, 30)
    assert (d.lead_department, d.co_departments, d.responsible_person) == (
        "环保办",
        ("行政执法中队",),
        "王建国",
    )
    assert "需协调环卫公司排班" in d.history[-1].note and d.instructions == "清运后拍照反馈"


def test_dialog_dispatch_without_change_uses_item_list_deadline(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock
) -> None:
    r = accepted(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "dispatch")
    dlg.lead.setCurrentIndex(0)  # type: ignore[attr-defined]
    refused(dlg, "请选择牵头部门")
    dlg.lead.setCurrentIndex(dlg.lead.findText("派出所"))  # type: ignore[attr-defined]
    assert dlg.command().due_at is None  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert d.lead_department == "派出所" and d.due_at == datetime(2026, 11, 27, 17, 30)


def test_dialog_batch_dispatch_keeps_cases_changed_meanwhile(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock
) -> None:
    refs = [accepted(db, ref, f"绿云社区{n}号垃圾桶破损") for n in range(3)]
    dlg, done = make_batch_dispatch_dialog(None, db, ACTOR, [detail(db, r.id) for r in refs])
    qtbot.addWidget(dlg)
    dlg.show()
    assert "批量派遣 3 件" in dlg.header.text()
    # (不指定) + the grid's post holder (who is also the lead department's staff: listed once), none preselected
    assert [dlg.person.itemText(i) for i in range(dlg.person.count())] == [
        "（不指定）",
        "王建国（网格员·绿云社区一号楼院）",
    ]  # type: ignore[attr-defined]
    assert dlg.person.currentIndex() == 0  # type: ignore[attr-defined]
    # another seat dispatches the second case while the dialog is open
    CaseService(db, "调度员乙").act(refs[1].id, Dispatch(lead_department_id=ref.police), refs[1].version)
    dlg.instructions.setPlainText("统一更换")
    confirm(qtbot, dlg)
    assert [r.id for r in done()] == [refs[0].id, refs[2].id]
    assert (
        dlg.isVisible() and refs[1].number in dlg.error_label.text() and "调度员乙" in dlg.error_label.text()
    )
    refused(dlg, "不能派遣")  # the reloaded case is already dispatched: nothing is overwritten
    assert detail(db, refs[1].id).lead_department == "派出所"
    assert [detail(db, r.id).lead_department for r in (refs[0], refs[2])] == ["环保办", "环保办"]


@pytest.mark.pg
def test_dialog_batch_dispatch_cut_off_midway_keeps_what_was_done(
    qtbot: QtBot, pg_url: str, now: Clock
) -> None:
    """The connection dies while the batch is at its second case: the first stays dispatched and counted, the
    rest stay in the dialog for another try, and the dialog says what happened."""
    from tests.conftest import pg_admin

    db = Database(make_engine(pg_url))
    try:
        ref = seed_reference(db)
        refs = [accepted(db, ref, f"绿云社区{n}号垃圾桶破损") for n in range(3)]
        runner = TaskRunner(db)
        dlg, done = make_batch_dispatch_dialog(None, db, ACTOR, [detail(db, r.id) for r in refs], runner)
        qtbot.addWidget(dlg)
        dlg.show()
        dbname = pg_url.rsplit("/", 1)[-1]
        lost: list[str] = []
        runner.connection_lost.connect(lost.append)  # the window's banner hangs on this
        with _case_locked(db, refs[1].id):  # the batch waits on the second case…
            qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)

            def waiting() -> list[int]:
                with pg_admin() as admin:
                    rows = admin.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                        (dbname,),
                    ).fetchall()
                return [r[0] for r in rows]

            qtbot.waitUntil(lambda: bool(waiting()), timeout=5000)
            with pg_admin() as admin:  # …and its connection is cut there
                admin.execute("SELECT pg_terminate_backend(%s)", (waiting()[0],))
            qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)
        assert [r.id for r in done()] == [refs[0].id]
        assert lost, "a batch cut off by a lost connection is reported as one"
        assert dlg.isVisible() and "已派遣 1 件" in dlg.error_label.text()
        assert [d.id for d in dlg.details] == [refs[1].id, refs[2].id]  # type: ignore[attr-defined]
        assert detail(db, refs[0].id).status is CaseStatus.DISPATCHED
        assert [detail(db, r.id).status for r in refs[1:]] == [CaseStatus.ACCEPTED, CaseStatus.ACCEPTED]
        confirm(qtbot, dlg)  # the connection is back: the rest go through
        assert [r.id for r in done()] == [r.id for r in refs]
        assert not dlg.isVisible()
        runner.shutdown()
    finally:
        db.dispose()


# --- the concurrent change -------------------------------------------------------------------------------------


def test_dialog_concurrent_change_says_who_and_never_overwrites(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock
) -> None:
    r = report(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "reject")
    type_text(dlg.reason, "不属于网格事项")  # type: ignore[attr-defined]
    now.advance(minutes=2)
    CaseService(db, "调度员乙").act(r.id, Accept(note="已核实"), r.version)  # another seat, meanwhile
    confirm(qtbot, dlg)
    assert dlg.isVisible() and dlg.stale_box.isVisible()
    text = dlg.stale_label.text()
    assert "调度员乙" in text and "受理立案" in text and "待受理 → 待派遣" in text and "已核实" in text
    refused(dlg, "请先重新载入")
    assert dlg.reason.text() == "不属于网格事项"  # type: ignore[attr-defined]
    assert detail(db, r.id).status is CaseStatus.ACCEPTED  # nothing overwritten
    reload_case(qtbot, dlg)
    assert not dlg.stale_box.isVisible() and "待派遣" in dlg.header.text()
    refused(dlg, "不能不予受理")  # the action no longer fits the case: the reason says why
    assert dlg.reason.text() == "不属于网格事项"  # type: ignore[attr-defined]
    assert [h.action for h in history(db, r.id)] == ["report", "accept"]


def test_dialog_reload_then_submit_after_a_harmless_change(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock
) -> None:
    r = in_progress(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "progress", actor="环保办李四")
    type_text(dlg.note, "已联系环卫公司")  # type: ignore[attr-defined]
    CaseService(db, "督查员").act(r.id, Supervise(chased="环保办"), r.version)
    confirm(qtbot, dlg)
    assert "督查员" in dlg.stale_label.text() and "督办" in dlg.stale_label.text()
    reload_case(qtbot, dlg)
    confirm(qtbot, dlg)  # the user looked and decided to go on
    assert [h.action for h in history(db, r.id)][-2:] == ["supervise", "progress"]


@contextmanager
def _case_locked(db: Database, case_id: int) -> Iterator[None]:
    """Another seat's transaction holds the case (PostgreSQL: its row; SQLite: the write lock)."""
    url = db.engine.url
    if db.is_postgres:
        conn: Any = psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
        conn.execute("SELECT id FROM cases WHERE id = %s FOR UPDATE", (case_id,))
    else:
        conn = sqlite3.connect(str(url.database), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.rollback()
        conn.close()


def test_dialog_saves_off_the_gui_thread_and_waits_for_a_locked_case(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock
) -> None:
    r = report(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "accept")
    type_text(dlg.note, "属实，予以受理")  # type: ignore[attr-defined]
    with _case_locked(db, r.id):
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
        qtbot.wait(300)  # the GUI thread keeps handling events while the save waits for the lock
        assert dlg.saving and "正在保存" in dlg.reason_label.text()
        assert not dlg.ok_button.isEnabled()  # a second OK would write twice
        dlg.reject()  # Esc while saving: the outcome is still to come
        assert dlg.isVisible()
    qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)
    assert dlg.result() == ActionDialog.DialogCode.Accepted
    assert dlg.result_ref is not None and dlg.result_ref.status is CaseStatus.ACCEPTED
    assert [h.action for h in history(db, r.id)] == ["report", "accept"]


def test_dialog_lost_connection_keeps_the_input_and_tells_the_window(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock, tmp_path: Path
) -> None:
    r = report(db, ref)
    runner = TaskRunner(db)
    dlg = make_action_dialog(None, db, ACTOR, detail(db, r.id), "reject", runner)
    qtbot.addWidget(dlg)
    dlg.show()
    type_text(dlg.reason, "不属于网格事项")  # type: ignore[attr-defined]
    gone = Database(
        make_engine("postgresql+psycopg://postgres@127.0.0.1:1/gone", password="")
        if db.is_postgres
        else make_engine(f"sqlite:///{tmp_path / 'no-such-dir' / 'gone.db'}")
    )
    runner.set_database(gone)  # the server went away after the dialog opened
    with qtbot.waitSignal(runner.connection_lost, timeout=10_000):  # the window's banner hangs on this
        confirm(qtbot, dlg)
    assert dlg.isVisible() and dlg.error_label.isVisible()
    said = dlg.error_label.text()  # one sentence: nothing saved, OK again retries; no library text
    assert "未保存" in said and "重试" in said, said
    assert not any(w in said for w in ("psycopg", "sqlite3", "sqlalche", "Error", "autoflush")), said
    assert dlg.reason.text() == "不属于网格事项"  # type: ignore[attr-defined]
    assert [h.action for h in history(db, r.id)] == ["report"]
    runner.set_database(db)  # back again: the same input goes through
    with qtbot.waitSignal(runner.connection_ok, timeout=10_000):
        confirm(qtbot, dlg)
    assert dlg.result() == ActionDialog.DialogCode.Accepted
    assert [(h.action, h.note) for h in history(db, r.id)][-1] == ("reject", "不属于网格事项")
    gone.dispose()


# --- handling ------------------------------------------------------------------------------------------------


def test_dialog_sign_progress_feedback_with_photo(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock, tmp_path: Path
) -> None:
    svc = CaseService(db, ACTOR)
    r = accepted(db, ref)
    r = svc.act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    dlg = open_dialog(qtbot, db, r.id, "feedback")
    refused(dlg, "不能办理反馈")  # not signed for yet
    dlg = open_dialog(qtbot, db, r.id, "sign")
    assert "2026-11-27 17:30" in dlg.due_label.text()  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    dlg = open_dialog(qtbot, db, r.id, "progress")
    refused(dlg, "请填写进展情况")
    type_text(dlg.note, "已到现场")  # type: ignore[attr-defined]
    qtbot.keyClick(dlg.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    type_text(dlg.note, "正在清运")  # type: ignore[attr-defined]
    dlg.set_radio(dlg.visibility, Visibility.PUBLIC)  # type: ignore[attr-defined]
    qtbot.keyClick(dlg.note, Qt.Key.Key_Return)  # type: ignore[attr-defined]  # Enter confirms
    qtbot.waitUntil(lambda: not dlg.saving, timeout=10_000)
    h = history(db, r.id)[-1]
    assert (h.action, h.note, h.visibility) == ("progress", "已到现场\n正在清运", Visibility.PUBLIC)
    dlg = open_dialog(qtbot, db, r.id, "feedback")
    refused(dlg, "请填写办理结果")
    type_text(dlg.result_edit, "已清运完毕")  # type: ignore[attr-defined]
    dlg.photos.add_files([str(photo(tmp_path))])  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert d.status is CaseStatus.FEEDBACK and d.result == "已清运完毕"
    assert [h.action for h in d.history][-2:] == ["feedback", "attach"] and len(d.attachments) == 1


def test_dialog_extension_request_and_decision(qtbot: QtBot, db: Database, ref: Ref, now: Clock) -> None:
    r = in_progress(db, ref)
    due = detail(db, r.id).due_at
    assert due is not None
    dlg = open_dialog(qtbot, db, r.id, "request_extension")
    dlg.requested.setDateTime(to_qdatetime(due - timedelta(days=1)))  # type: ignore[attr-defined]
    refused(dlg, "延期后的时限须晚于当前时限")
    dlg.requested.setDateTime(to_qdatetime(due + timedelta(days=7)))  # type: ignore[attr-defined]
    refused(dlg, "请填写延期理由")
    type_text(dlg.reason, "需协调多个部门")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    assert detail(db, r.id).status is CaseStatus.EXTENSION_REQUESTED
    dlg = open_dialog(qtbot, db, r.id, "decide_extension", actor="中心主任")
    assert "需协调多个部门" in dlg.summary.text()  # type: ignore[attr-defined]
    refused(dlg, "请选择同意或不同意延期")
    dlg.set_radio(dlg.decision, False)  # type: ignore[attr-defined]
    refused(dlg, "请填写审批意见")
    dlg.set_radio(dlg.decision, True)  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert d.status is CaseStatus.IN_PROGRESS and d.extension_count == 1 and d.due_at is not None
    assert d.due_at > due


def test_dialog_return_to_center(qtbot: QtBot, db: Database, ref: Ref, now: Clock) -> None:
    r = in_progress(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "return", actor="环保办李四")
    refused(dlg, "请填写退回理由")
    assert "环保办" in dlg.info.text()  # type: ignore[attr-defined]
    type_text(dlg.reason, "不属于本部门职责")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert d.status is CaseStatus.ACCEPTED and d.lead_department is None


# --- verify, close, call back ---------------------------------------------------------------------------------


def test_dialog_verify_fail_counts_rework_and_close_is_honest(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock
) -> None:
    svc = CaseService(db, ACTOR)
    r = in_progress(db, ref)
    r = svc.act(r.id, Feedback(result="已清理"), r.version)
    dlg = open_dialog(qtbot, db, r.id, "verify")
    refused(dlg, "请选择核查结果")
    dlg.set_radio(dlg.outcome, False)  # type: ignore[attr-defined]
    refused(dlg, "请填写核查不通过的原因")
    type_text(dlg.note, "现场仍有垃圾")  # type: ignore[attr-defined]
    assert not dlg.close_reason.isEnabled()  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert d.status is CaseStatus.IN_PROGRESS and d.rework_count == 1

    r = svc.act(r.id, Feedback(result="已彻底清理"), d.version)
    dlg = open_dialog(qtbot, db, r.id, "verify")
    assert "已返工 1 次" in dlg.result_label.text()  # type: ignore[attr-defined]
    dlg.set_radio(dlg.outcome, True)  # type: ignore[attr-defined]
    dlg.close_now.setChecked(False)  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    assert detail(db, r.id).status is CaseStatus.VERIFIED

    dlg = open_dialog(qtbot, db, r.id, "close")
    refused(dlg, "请选择结案类型")
    assert all(not b.isChecked() for b in dlg.close_type.buttons())  # type: ignore[attr-defined]  # no default
    dlg.set_radio(dlg.close_type, CloseType.UNSOLVABLE)  # type: ignore[attr-defined]
    refused(dlg, "请填写结案说明")
    type_text(dlg.close_reason, "涉及历史遗留产权问题")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert (d.status, d.close_type, d.close_reason) == (
        CaseStatus.CLOSED,
        CloseType.UNSOLVABLE,
        "涉及历史遗留产权问题",
    )

    dlg = open_dialog(qtbot, db, r.id, "callback")
    dlg.set_radio(dlg.satisfaction, Satisfaction.DISSATISFIED)  # type: ignore[attr-defined]
    refused(dlg, "请填写回访意见")
    type_text(dlg.comment, "问题没有解决")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    assert detail(db, r.id).satisfaction is Satisfaction.DISSATISFIED


# --- escalate, long term, supervise ----------------------------------------------------------------------------


def test_dialog_escalate_county_long_term_supervise(qtbot: QtBot, db: Database, ref: Ref, now: Clock) -> None:
    r = accepted(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "escalate")
    refused(dlg, "请填写上报县级说明")
    type_text(dlg.note, "涉及跨镇垃圾中转站选址")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    dlg = open_dialog(qtbot, db, r.id, "county_return")
    assert "跨镇" in dlg.escalation.text()  # type: ignore[attr-defined]
    refused(dlg, "请填写县级答复")
    type_text(dlg.answer, "县城管局牵头选址")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    assert detail(db, r.id).status is CaseStatus.ACCEPTED

    dlg = open_dialog(qtbot, db, r.id, "long_term")
    refused(dlg, "请填写治理措施")
    type_text(dlg.measures, "分期建设垃圾中转站")  # type: ignore[attr-defined]
    dlg.milestones.setPlainText("年底前 完成选址")  # type: ignore[attr-defined]
    refused(dlg, "第 1 个节点应写成")
    dlg.milestones.setPlainText("2026-12-31 完成选址\n2027-06-30 建成投用")  # type: ignore[attr-defined]
    dlg.review.setDate(to_qdate(now().date() - timedelta(days=1)))  # type: ignore[attr-defined]
    refused(dlg, "下次复核日期不能早于今天")
    dlg.review.setDate(to_qdate(now().date() + timedelta(days=14)))  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert d.status is CaseStatus.LONG_TERM and d.next_review_on == now().date() + timedelta(days=14)
    assert d.governance_plan == {"measures": "分期建设垃圾中转站",
                                 "milestones": ["2026-12-31 完成选址", "2027-06-30 建成投用"]}  # fmt: skip

    dlg = open_dialog(qtbot, db, r.id, "supervise")
    assert dlg.chased.currentText() == ""  # type: ignore[attr-defined]  # no department yet
    refused(dlg, "请填写督办对象")
    dlg.chased.setCurrentText("绿云社区 王建国")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert d.supervise_count == 1 and "督办对象：绿云社区 王建国" in d.history[-1].note
    assert json.loads(history(db, r.id)[-1].changes)["supervised"] == [None, "绿云社区 王建国"]

    dlg = open_dialog(qtbot, db, r.id, "resume")
    assert "分期建设" in dlg.plan.text()  # type: ignore[attr-defined]
    type_text(dlg.note, "选址已定")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    # parked before dispatch: it resumes to 已受理 for the center to dispatch (no department holds it)
    assert detail(db, r.id).status is CaseStatus.ACCEPTED


def test_dialog_phrases_edited_are_shared(qtbot: QtBot, db: Database, ref: Ref, now: Clock) -> None:
    r = report(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "reject")
    button = dlg.reason.phrase_button  # type: ignore[attr-defined]
    button.save(["重复反映，已告知", "不属于受理范围"])
    qtbot.waitUntil(lambda: not button.saving, timeout=5000)  # stored on a worker thread
    assert [a.text() for a in button.menu().actions() if a.text()][:2] == [
        "重复反映，已告知",
        "不属于受理范围",
    ]
    dlg.reject()
    dlg2 = open_dialog(qtbot, db, r.id, "reject")  # another dialog (another seat) sees the edited list
    assert dlg2.reason.phrase_button.phrases == ["重复反映，已告知", "不属于受理范围"]  # type: ignore[attr-defined]
    dlg2.reject()
    assert detail(db, r.id).status is CaseStatus.REPORTED  # cancelled: the case is untouched


# --- the whole case, through the dialogs alone --------------------------------------------------------------


def _drive_modal(qtbot: QtBot, fill: object) -> None:
    """Fill and confirm the next modal dialog once it is shown (run_action_dialog blocks in exec)."""

    def step() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, ActionDialog):
            QTimer.singleShot(20, step)
            return
        fill(dlg)  # type: ignore[operator]
        dlg.ok_button.click()

    QTimer.singleShot(0, step)


def test_dialog_whole_case_from_report_to_evaluated(
    qtbot: QtBot, db: Database, ref: Ref, now: Clock, tmp_path: Path
) -> None:
    dlg = make_new_case_dialog(None, db, "网格员小张", grid_code=ref.grid_code)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.category.setCurrentIndex(dlg.category.findText("环境卫生", Qt.MatchFlag.MatchStartsWith))
    type_text(dlg.summary, "一号楼院门口垃圾堆积")
    dlg.photos.add_files([str(photo(tmp_path))])
    confirm(qtbot, dlg)
    assert dlg.result_ref is not None
    case_id = dlg.result_ref.id

    def step(action: str, actor: str, fill: object = None) -> None:
        now.advance(minutes=30)
        d = open_dialog(qtbot, db, case_id, action, actor)
        if fill:
            fill(d)  # type: ignore[operator]
        confirm(qtbot, d)
        assert d.result_ref is not None, d.error_label.text()

    # the accept goes through the blocking entry point the main window uses
    now.advance(minutes=10)
    _drive_modal(qtbot, lambda d: d.note.setPlainText("情况属实"))
    ref_after = run_action_dialog(None, db, ACTOR, detail(db, case_id), "accept")
    assert ref_after is not None and ref_after.status is CaseStatus.ACCEPTED
    step("dispatch", ACTOR, lambda d: d.instructions.setPlainText("三日内清运"))
    step("sign", "环保办李四")
    step("progress", "环保办李四", lambda d: d.note.setPlainText("已联系环卫公司"))
    step("feedback", "环保办李四", lambda d: d.result_edit.setPlainText("已清运完毕"))
    step(
        "verify", ACTOR, lambda d: (d.set_radio(d.outcome, True), d.set_radio(d.close_type, CloseType.SOLVED))
    )
    step("callback", "回访员", lambda d: d.set_radio(d.satisfaction, Satisfaction.SATISFIED))

    d = detail(db, case_id)
    assert d.status is CaseStatus.EVALUATED and d.close_type is CloseType.SOLVED
    assert [(h.action, h.to_status) for h in d.history] == [
        ("report", CaseStatus.REPORTED),
        ("attach", CaseStatus.REPORTED),
        ("accept", CaseStatus.ACCEPTED),
        ("dispatch", CaseStatus.DISPATCHED),
        ("sign", CaseStatus.IN_PROGRESS),
        ("progress", CaseStatus.IN_PROGRESS),
        ("feedback", CaseStatus.FEEDBACK),
        ("verify", CaseStatus.VERIFIED),
        ("close", CaseStatus.CLOSED),
        ("callback", CaseStatus.EVALUATED),
    ]
    assert [h.actor for h in d.history][4:7] == ["环保办李四"] * 3
    assert d.history[2].note == "情况属实" and d.lead_department == "环保办"
    with db.session() as s:
        assert (
            s.scalar(select(func.count()).select_from(Attachment).where(Attachment.case_id == case_id)) == 1
        )


# --- screenshots ---------------------------------------------------------------------------------------------


def test_dialog_screenshots(qtbot: QtBot, sqlite_url: str, now: Clock, tmp_path: Path) -> None:
    """The dialogs as docs/ shows them; GRIDCONSOLE_SCREENSHOTS=docs writes them there (default: a temp dir,
    so a test run leaves the checkout as it was)."""
    docs = Path(__file__).resolve().parent.parent / "docs"
    out = docs if os.environ.get("GRIDCONSOLE_SCREENSHOTS") == "docs" else tmp_path
    db = Database(make_engine(sqlite_url))
    try:
        ref = seed_reference(db)
        report(db, ref, "一号楼院门口垃圾堆积无人清运")
        r = accepted(db, ref, "绿云路12号门前垃圾堆积")
        dlg = open_dialog(qtbot, db, r.id, "dispatch")
        dlg.co_departments.set_checked([ref.law])  # type: ignore[attr-defined]
        dlg.instructions.setPlainText("请于时限内清运完毕并反馈结果，附处置前后照片")  # type: ignore[attr-defined]
        dlg.adjustSize()
        assert dlg.grab().save(str(out / "dialog-dispatch.png"))

        new = make_new_case_dialog(None, db, ACTOR, grid_code=ref.grid_code)
        qtbot.addWidget(new)
        new.show()
        qtbot.waitExposed(new)
        new.category.setCurrentIndex(new.category.findText("环境卫生", Qt.MatchFlag.MatchStartsWith))
        type_text(new.summary, "一号楼院门口垃圾堆积")
        new.description.setPlainText("垃圾桶满溢三天未清运，气味很大")
        new.address.setText("绿云路 12 号")
        new.refresh_duplicates()
        qtbot.waitUntil(lambda: new.duplicate_list.count() == 2, timeout=3000)
        new.adjustSize()
        assert new.grab().save(str(out / "dialog-new-case.png"))
    finally:
        db.dispose()


def test_dialog_supervision_level_and_hand_back(qtbot: QtBot, db: Database, ref: Ref, now: Clock) -> None:
    """督办 with a level keeps it on the case; 退回网格 (the workflow's action a meeting also takes) names who lets
    go of the case and needs what the grid is to do."""
    from console.domain import SuperviseLevel

    r = in_progress(db, ref)
    dlg = open_dialog(qtbot, db, r.id, "supervise")
    dlg.chased.setCurrentText("环保办")  # type: ignore[attr-defined]
    level = dlg.level  # type: ignore[attr-defined]
    level.setCurrentIndex(level.findData(SuperviseLevel.KEY))
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert (d.supervise_count, d.supervise_level) == (1, SuperviseLevel.KEY)

    dlg = open_dialog(qtbot, db, r.id, "hand_back")
    refused(dlg, "请填写退回网格的要求")
    assert "环保办" in dlg.where.text()  # type: ignore[attr-defined]
    type_text(dlg.note, "由网格长组织调解")  # type: ignore[attr-defined]
    confirm(qtbot, dlg)
    d = detail(db, r.id)
    assert (d.status, d.lead_department, d.self_handled) == (CaseStatus.FEEDBACK, None, True)
    assert d.history[-1].note == "由网格长组织调解"
