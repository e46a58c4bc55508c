"""A department seat knows its work (issue 17 item 4), in the window: a case dispatched to its department by
another seat (its own engine, committing through the console's services) brings the seat's alert — the signal,
the tray message text, the sound — and raises the 待签收 badge, also while the window is minimised; a case
dispatched to another department does not. The rule itself is tested without Qt in tests/test_seat_alerts.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from console.db import Database, make_engine
from console.queue.seat_alerts import AlertKind, SeatAlert
from console.workflow.commands import Accept, Dispatch, Sign, Verify
from console.workflow.service import CaseService, ReportInput
from tests.test_ui_security import Seat, cheap_hashing, seat
from tests.test_ui_support import ui_settings
from ui.main_window import MainWindow

FIXTURES = (cheap_hashing, seat, ui_settings)


@pytest.fixture
def other_seat(seat: Seat) -> Iterator[Database]:  # noqa: F811
    """The dispatcher's seat elsewhere: its own engine and connections."""
    other = Database(make_engine(seat.url))
    yield other
    other.dispose()


@pytest.fixture
def window(seat: Seat, qtbot: QtBot, ui_settings: Path) -> Iterator[Callable[[str], MainWindow]]:  # noqa: F811
    made: list[MainWindow] = []

    def make(login: str) -> MainWindow:
        w = MainWindow(seat.db, login, feed_options={"poll_interval": 0.05})
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        made.append(w)
        qtbot.waitUntil(lambda: w.principal is not None and w.model.loaded_once, timeout=8000)
        qtbot.waitUntil(
            lambda: w.seat_alerts.cursor is not None and w.seat_alerts.badge is not None, timeout=5000
        )
        return w

    yield make
    for w in made:
        w.shutdown()


def dispatch(db: Database, seat: Seat, department: int, summary: str) -> tuple[int, str]:  # noqa: F811
    """Report, accept and dispatch a case on the other seat; its id and number."""
    svc = CaseService(db, "disp")
    c = svc.report(ReportInput(grid=seat.ref.grid_code, category=seat.ref.cat_env, summary=summary))
    c = svc.act(c.id, Accept(), c.version)
    c = svc.act(c.id, Dispatch(lead_department_id=department), c.version)
    return c.id, c.number


def test_a_case_dispatched_to_the_department_alerts_its_seat_and_raises_the_badge(
    seat: Seat,
    other_seat: Database,
    window: Callable[[str], MainWindow],
    qtbot: QtBot,  # noqa: F811
) -> None:
    w = window("envh")
    played: list[str] = []
    w.seat_alerts.sound.play = lambda: played.append("chime")  # type: ignore[method-assign]
    assert w.seat_alerts.badge == 1  # the fixture's case waits for 环保办's 签收
    qtbot.waitUntil(lambda: w.quick_buttons["待签收"].text().endswith("(1)"), timeout=3000)
    # a department seat's own work comes first in the quick bar (what does not fit goes behind its » menu)
    bar = w.quick_bar
    order = [bar.widgetForAction(a) for a in bar.actions()]
    assert order[:2] == [w.quick_buttons["open"], w.quick_buttons["待签收"]]

    with qtbot.waitSignal(w.seat_alerts.alerted, timeout=8000) as got:
        _cid, number = dispatch(other_seat, seat, seat.ref.env, "绿云社区一号楼院门口垃圾堆积")
    alerts: list[SeatAlert] = got.args[0]
    assert [(a.kind, a.number, a.department) for a in alerts] == [(AlertKind.DISPATCHED, number, "环保办")]
    title, body = w.seat_alerts.last_message
    assert title == "新派遣案件" and number in body and "环保办" in body
    assert played == ["chime"]
    qtbot.waitUntil(lambda: w.seat_alerts.badge == 2, timeout=5000)
    assert w.quick_buttons["待签收"].text() == "待签收 (2)"

    # the 待签收 quick filter lists exactly the department's cases waiting for it
    w.set_quick_filter("待签收")
    qtbot.waitUntil(lambda: w.model.loaded_once and not w.is_busy() and w.model.rowCount() == 2, timeout=5000)
    assert number in {w.model.row_at(i).number for i in range(2)}


def test_the_alert_comes_while_minimised_and_not_for_another_department(
    seat: Seat,
    other_seat: Database,
    window: Callable[[str], MainWindow],
    qtbot: QtBot,  # noqa: F811
) -> None:
    w = window("envh")
    seen: list[SeatAlert] = []
    w.seat_alerts.alerted.connect(seen.extend)
    w.showMinimized()
    qtbot.waitUntil(w.isMinimized, timeout=3000)

    _law_id, law_number = dispatch(other_seat, seat, seat.ref.law, "占道经营")  # 行政执法中队's, not ours
    with qtbot.waitSignal(w.seat_alerts.alerted, timeout=8000):
        _env_id, env_number = dispatch(other_seat, seat, seat.ref.env, "垃圾清运不及时")
    qtbot.waitUntil(lambda: not w.is_busy(), timeout=5000)
    assert w.isMinimized()
    assert [a.number for a in seen] == [env_number]
    assert law_number not in w.seat_alerts.last_message[1]
    qtbot.waitUntil(lambda: w.seat_alerts.badge == 2, timeout=5000)  # the fixture's case and the new one


def test_a_failed_verification_comes_back_to_the_seat(
    seat: Seat,
    other_seat: Database,
    window: Callable[[str], MainWindow],
    qtbot: QtBot,  # noqa: F811
) -> None:
    from console.workflow.commands import Feedback

    env = CaseService(seat.db, "envh")
    ref = env.act(seat.case_id, Sign(), _version(seat.db, seat.case_id))
    ref = env.act(ref.id, Feedback(result="已清运"), ref.version)
    w = window("envh")
    with qtbot.waitSignal(w.seat_alerts.alerted, timeout=8000) as got:
        CaseService(other_seat, "disp").act(ref.id, Verify(passed=False, reason="现场仍有垃圾"), ref.version)
    assert [a.kind for a in got.args[0]] == [AlertKind.RETURNED]
    assert w.seat_alerts.last_message[0] == "退回重新办理"


def test_a_dispatcher_seat_gets_no_department_alert_but_sees_the_sign_time(
    seat: Seat,
    window: Callable[[str], MainWindow],
    qtbot: QtBot,  # noqa: F811
) -> None:
    w = window("disp")
    assert not w.seat_alerts.department_seat
    env = CaseService(seat.db, "envh")
    env.act(seat.case_id, Sign(), _version(seat.db, seat.case_id))
    w.set_quick_filter("all")
    qtbot.waitUntil(lambda: w.model.loaded_once and not w.is_busy() and w.model.rowCount() == 1, timeout=5000)
    w.table.selectRow(0)
    qtbot.waitUntil(lambda: w.case_view.data is not None and w.case_view.data.detail.signed_at is not None,
                    timeout=5000)  # fmt: skip
    signed = w.case_view.data.detail.signed_at
    assert signed is not None and f"签收 {signed:%Y-%m-%d %H:%M}" in w.case_view.fields.toPlainText()
    from ui.queue_model import COL

    tip = w.model.index(0, COL["department"]).data(3)  # ToolTipRole
    assert "签收" in tip and signed.strftime("%m-%d %H:%M") in tip


def _version(db: Database, case_id: int) -> int:
    from console.models import Case

    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.version
