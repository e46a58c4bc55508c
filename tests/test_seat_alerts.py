"""Which changes a department seat is told of (issue 17 item 4), without Qt: the rule `concerns` over single
history rows, and `seat_alerts` / `awaiting_sign_count` over a real database with real people and posts (the
window's tray message and badge are tested in tests/test_ui_notify.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest
from sqlalchemy import update

from console import clock, queue
from console.db import Database
from console.domain import CaseStatus
from console.models import AppUser
from console.queue.seat_alerts import (
    AlertCursor,
    AlertKind,
    CaseEvent,
    alert_cursor,
    awaiting_sign_count,
    awaiting_sign_filter,
    concerns,
    seat_alerts,
)
from console.security import passwords, users
from console.security.posts import Post, Principal
from console.workflow.commands import Accept, Dispatch, Feedback, Return, Sign, Verify
from console.workflow.service import CaseService, ReportInput
from tests.factories import Ref, seed_reference

ENV, LAW, POLICE = 11, 12, 13
ENV_HANDLER = Principal("envh", "环保办王", frozenset({Post.DEPARTMENT}), {ENV: "环保办"})
LAW_HANDLER = Principal("lawh", "执法队李", frozenset({Post.DEPARTMENT}), {LAW: "行政执法中队"})
DISPATCHER = Principal("disp", "调度员甲", frozenset({Post.DISPATCHER}))
DISPATCHED = CaseEvent(
    1, 7, "dispatch", CaseStatus.DISPATCHED, "disp", "410103001001001", ENV, frozenset({LAW})
)


# --- the rule ------------------------------------------------------------------------------------------------


def test_a_dispatch_concerns_the_lead_and_the_co_departments_only() -> None:
    assert concerns(ENV_HANDLER, DISPATCHED) is AlertKind.DISPATCHED
    assert concerns(LAW_HANDLER, DISPATCHED) is AlertKind.CO_DISPATCHED
    police = Principal("pol", "派出所赵", frozenset({Post.DEPARTMENT}), {POLICE: "派出所"})
    assert concerns(police, DISPATCHED) is None  # dispatched elsewhere
    assert concerns(DISPATCHER, DISPATCHED) is None  # not a department seat
    assert concerns(None, DISPATCHED) is None  # set-up mode: nobody is a department seat


def test_ones_own_action_and_an_inactive_person_are_not_news() -> None:
    assert concerns(ENV_HANDLER, replace(DISPATCHED, actor="envh")) is None
    assert concerns(replace(ENV_HANDLER, active=False), DISPATCHED) is None
    assert concerns(replace(ENV_HANDLER, departments={}), DISPATCHED) is None


def test_a_failed_verification_or_reopening_comes_back_to_the_lead_department() -> None:
    failed = replace(DISPATCHED, action="verify", to_status=CaseStatus.IN_PROGRESS)
    assert concerns(ENV_HANDLER, failed) is AlertKind.RETURNED
    assert concerns(LAW_HANDLER, failed) is None  # the co-department does not redo the lead's work
    assert concerns(ENV_HANDLER, replace(failed, to_status=CaseStatus.VERIFIED)) is None  # passed
    reopened = replace(failed, action="reopen")
    assert concerns(ENV_HANDLER, reopened) is AlertKind.RETURNED
    # no department holds it any more (自巡自办): it goes to the center, not to a seat
    assert (
        concerns(ENV_HANDLER, replace(failed, to_status=CaseStatus.ACCEPTED, lead_department_id=None)) is None
    )


def test_other_actions_are_not_news() -> None:
    for action, status in (("sign", CaseStatus.IN_PROGRESS), ("progress", CaseStatus.IN_PROGRESS),
                           ("supervise", CaseStatus.IN_PROGRESS), ("feedback", CaseStatus.FEEDBACK)):  # fmt: skip
        assert concerns(ENV_HANDLER, replace(DISPATCHED, action=action, to_status=status)) is None


def test_the_sign_filter_narrows_to_the_seats_departments() -> None:
    assert awaiting_sign_filter(ENV_HANDLER).department_ids == {ENV}
    assert awaiting_sign_filter(ENV_HANDLER).statuses == {CaseStatus.DISPATCHED}
    assert awaiting_sign_filter(DISPATCHER).department_ids is None  # the dispatcher watches them all
    assert queue.quick_filter("待签收").statuses == {CaseStatus.DISPATCHED}


# --- over a database ---------------------------------------------------------------------------------------


@dataclass
class Town:
    db: Database
    ref: Ref


@pytest.fixture
def town(db: Database) -> Iterator[Town]:
    yield from _town_fixture(db)


def _town_fixture(db: Database) -> Iterator[Town]:
    saved = passwords._HASHER
    passwords.use_cheap_hashing_for_tests()
    ref = seed_reference(db)
    with db.session() as s:
        postgres = s.get_bind().dialect.name == "postgresql"
        adder = granter = "postgres"
        if not postgres:
            users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计管理员"))
            adder, granter = "sysadm", "secadm"
        for login, name, post, dep in (("disp", "调度员甲", Post.DISPATCHER, None),
                                       ("envh", "环保办王", Post.DEPARTMENT, "环保办"),
                                       ("lawh", "执法队李", Post.DEPARTMENT, "行政执法中队")):  # fmt: skip
            users.add_user(s, adder, login, name, password="Grid#2026ok", store_hash=not postgres)
            users.grant_post(s, granter, login, post, department=dep)
        s.execute(update(AppUser).values(must_change=False))
    try:
        yield Town(db, ref)
    finally:
        passwords._HASHER = saved


def _alerts(
    db: Database, login: str, ids: set[int], cursor: AlertCursor
) -> tuple[list[AlertKind], AlertCursor]:
    with db.session() as s:
        alerts, seen = seat_alerts(s, login, ids, cursor)
    return [a.kind for a in alerts], cursor.advanced(seen)


def test_a_dispatch_and_a_failed_verification_reach_the_department_seat(town: Town) -> None:
    db, ref = town.db, town.ref
    with db.session() as s:
        start = alert_cursor(s)
    disp = CaseService(db, "disp")
    c = disp.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="楼院门口垃圾堆积"))
    c = disp.act(c.id, Accept(), c.version)
    with db.session() as s:
        assert awaiting_sign_count(s, "envh") == 0
    c = disp.act(c.id, Dispatch(lead_department_id=ref.env, co_department_ids=(ref.law,)), c.version)

    env_kinds, env_cursor = _alerts(db, "envh", {c.id}, start)
    assert env_kinds == [AlertKind.DISPATCHED]
    law_kinds, _ = _alerts(db, "lawh", {c.id}, start)
    assert law_kinds == [AlertKind.CO_DISPATCHED]
    assert _alerts(db, "disp", {c.id}, start)[0] == []  # the dispatcher's seat gets no department alert
    assert _alerts(db, "envh", {c.id}, env_cursor)[0] == []  # told once
    with db.session() as s:
        assert awaiting_sign_count(s, "envh") == 1
        assert awaiting_sign_count(s, "lawh") == 0  # a co-department does not sign
        assert awaiting_sign_count(s, "disp") == 1  # every dispatched case not signed for yet

    env = CaseService(db, "envh")
    c = env.act(c.id, Sign(), c.version)
    c = env.act(c.id, Feedback(result="已清运"), c.version)
    kinds, env_cursor = _alerts(db, "envh", {c.id}, env_cursor)
    assert kinds == []  # its own sign and feedback
    with db.session() as s:
        assert awaiting_sign_count(s, "envh") == 0
    c = disp.act(c.id, Verify(passed=False, reason="现场仍有垃圾"), c.version)
    kinds, env_cursor = _alerts(db, "envh", {c.id}, env_cursor)
    assert kinds == [AlertKind.RETURNED]

    c = env.act(c.id, Feedback(result="已再次清运"), c.version)
    c = disp.act(c.id, Verify(passed=True), c.version)
    assert _alerts(db, "envh", {c.id}, env_cursor)[0] == []  # passed: nothing comes back


def test_an_old_row_of_a_case_that_only_now_comes_into_view_is_not_news(town: Town) -> None:
    """On PostgreSQL a seat's starting point is the highest history id *it* could see; a case returned by
    another department and dispatched to this one brings older rows into view. Only what happened since the
    seat opened is news."""
    db, ref = town.db, town.ref
    disp = CaseService(db, "disp")
    earlier = clock.now() - timedelta(hours=2)
    clock.set_clock(lambda: earlier)
    try:
        c = disp.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="占道堆放建材"))
        c = disp.act(c.id, Accept(), c.version)
        c = disp.act(c.id, Dispatch(lead_department_id=ref.law), c.version)  # 行政执法中队's, two hours ago
        c = CaseService(db, "lawh").act(c.id, Return(reason="不属本部门职责"), c.version)
    finally:
        clock.set_clock(None)
    opened = AlertCursor(0, opened_at=clock.now())  # the seat saw none of those rows
    c = disp.act(c.id, Dispatch(lead_department_id=ref.env), c.version)
    assert _alerts(db, "envh", {c.id}, opened)[0] == [AlertKind.DISPATCHED]  # once, for today's dispatch
    assert _alerts(db, "envh", {c.id}, AlertCursor(0))[0] == [AlertKind.DISPATCHED] * 2  # without the time


def test_the_cli_sign_queue_is_the_seats_own(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`gridconsole queue --quick 待签收` as a department handler lists their departments' cases only."""
    import json

    from console.cli.main import main
    from console.db import make_engine

    db = Database(make_engine(sqlite_url))
    made = _town_fixture(db)
    town = next(made)
    disp = CaseService(db, "disp")
    numbers = {}
    for dep, name in ((town.ref.env, "env"), (town.ref.law, "law")):
        c = disp.report(
            ReportInput(grid=town.ref.grid_code, category=town.ref.cat_env, summary=f"{name} 的案件")
        )
        c = disp.act(c.id, Accept(), c.version)
        numbers[name] = disp.act(c.id, Dispatch(lead_department_id=dep), c.version).number
    db.dispose()
    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", "Grid#2026ok")
    assert main(["--db", sqlite_url, "--user", "envh", "--json", "queue", "--quick", "待签收"]) == 0
    assert [r["number"] for r in json.loads(capsys.readouterr().out)["rows"]] == [numbers["env"]]
    assert main(["--db", sqlite_url, "--user", "disp", "--json", "queue", "--quick", "待签收"]) == 0
    assert sorted(r["number"] for r in json.loads(capsys.readouterr().out)["rows"]) == sorted(
        numbers.values()
    )
    assert main(["--db", sqlite_url, "--user", "disp", "case", "show", numbers["env"]]) == 0
    assert "签收：尚未签收" in capsys.readouterr().out  # the dispatcher sees it is not signed for yet
    made.close()  # the password hasher as it was
