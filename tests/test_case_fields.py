"""Each case action declares the columns of `cases` its handler writes (`ActionSpec.writes`), and the server's
check of an UPDATE (`console.security.pg_workflow`) refuses any other: here every action is run, through every
branch of its handler, and held to its declaration — by the attributes the handler assigns (the declaration is
exactly their union) and by the row before and after (nothing else changed). On PostgreSQL the same run is made
by the console as each post's own login, so every step also passes the server's check."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from console import clock
from console.db import Database, make_engine
from console.domain import CaseStatus, CloseType, Satisfaction
from console.models import Case
from console.security import pg_roles, users
from console.security.posts import Post
from console.workflow import commands as c
from console.workflow.actions import ACTIONS, SYSTEM_WRITES
from console.workflow.service import CaseService, ReportInput
from tests.factories import Ref, seed_reference
from tests.test_security_pg import PASSWORD, Setup
from tests.test_security_pg import pg as _pg_fixture

pg = _pg_fixture  # the fixture of test_security_pg (a test argument of the same name asks for it)

#: a step: (who acts, which case, the command made from the case as it stands); who "owner" runs a function
#: on the owner's session instead (a state the console reaches only on old data)
Step = tuple[str, str, Callable[..., Any]]


def _later(case: Case) -> Any:
    due = case.due_at or case.stage_due_at or clock.now()
    return due + timedelta(days=5)


def _drop_stage(s: Session, case_id: int) -> None:
    s.execute(text("UPDATE cases SET stage = NULL WHERE id = :i"), {"i": case_id})


def scenario(ref: Ref, numbers: dict[str, str]) -> list[Step]:
    """Every action, and every branch of its handler: case a runs the whole life of a dispatched case, b and e
    are self-handled (自巡自办: verified without a department; b is then handed back to its grid), c is rejected,
    d merged into a."""
    return [
        ("disp", "a", lambda k: c.Claim()),
        ("disp", "a", lambda k: c.Release()),
        ("disp", "a", lambda k: c.Accept(note="受理")),
        ("disp", "d", lambda k: c.Merge(into=numbers["a"])),
        ("disp", "c", lambda k: c.Reject(reason="不属于受理范围")),
        ("gw", "a", lambda k: c.ProposeMeeting(reason="涉及多个部门")),
        ("disp", "a", lambda k: c.Dispatch(lead_department_id=ref.env, co_department_ids=(ref.law,),
                                           responsible_person_id=ref.person, instructions="三日内清运")),
        ("insp", "a", lambda k: c.Supervise(chased="环保办")),
        ("law", "a", lambda k: c.Progress(note="配合部门已到场")),
        ("gw", "a", lambda k: c.Attach(filename="现场.jpg", data=b"jpg", mime_type="image/jpeg")),
        ("env", "a", lambda k: c.RequestExtension(reason="需协调车辆", requested_due_at=_later(k))),
        ("chief", "a", lambda k: c.DecideExtension(approve=True)),
        ("env", "a", lambda k: c.Sign()),
        ("env", "a", lambda k: c.RequestExtension(reason="再次延期", requested_due_at=_later(k))),
        ("chief", "a", lambda k: c.DecideExtension(approve=False, note="不同意")),
        ("chief", "a", lambda k: c.Escalate(note="需县级协调")),
        ("disp", "a", lambda k: c.CountyReturn(answer="由镇环保办办理")),
        ("disp", "a", lambda k: c.Dispatch(lead_department_id=ref.env)),
        ("env", "a", lambda k: c.Sign()),
        ("env", "a", lambda k: c.Feedback(result="已清运")),
        ("gw", "a", lambda k: c.Verify(passed=False, reason="仍有垃圾")),  # rework with its department
        ("env", "a", lambda k: c.Feedback(result="已彻底清运")),
        ("disp", "a", lambda k: c.Verify(passed=True)),
        ("disp", "a", lambda k: c.Close(close_type=CloseType.SOLVED)),
        ("disp", "a", lambda k: c.Callback(satisfaction=Satisfaction.SATISFIED)),
        ("insp", "a", lambda k: c.Reopen(reason="抽查发现复发")),  # back to its department
        ("disp", "a", lambda k: c.LongTerm(measures="分期治理", next_review_on=date.today() + timedelta(days=30))),
        ("disp", "a", lambda k: c.Resume(note="恢复办理")),  # to its department, the clock runs on
        ("disp", "a", lambda k: c.LongTerm(measures="分期治理", next_review_on=date.today() + timedelta(days=30))),
        ("owner", "a", _drop_stage),
        ("disp", "a", lambda k: c.Resume(note="恢复办理")),  # no stage running: the handling stage starts again
        ("env", "a", lambda k: c.Return(reason="不属本部门职责")),
        ("disp", "a", lambda k: c.LongTerm(measures="待规划", next_review_on=date.today() + timedelta(days=30))),
        ("disp", "a", lambda k: c.Resume(note="恢复办理")),  # no department holds it: back to the center
        ("disp", "b", lambda k: c.Accept()),  # self-handled: straight to verification
        ("gw", "b", lambda k: c.Verify(passed=False, reason="未处理到位")),  # no department: back to the center
        ("disp", "b", lambda k: c.HandBack(note="由网格就地处理")),  # a meeting hands it back to the grid
        ("disp", "e", lambda k: c.Accept()),
        ("disp", "e", lambda k: c.Verify(passed=True)),
        ("disp", "e", lambda k: c.Close(close_type=CloseType.SOLVED)),
        ("insp", "e", lambda k: c.Reopen(reason="问题复现")),  # no department: back to the center
        ("disp", "e", lambda k: c.Regrid(to_grid=ref.grid2_code, note="楼院划入二号网格")),
        ("disp", "e", lambda k: c.HandBack(note="由网格长组织调解")),  # a meeting's 退回网格: the grid settles it
        ("disp", "e", lambda k: c.Verify(passed=False, reason="调解未成")),  # not settled: back to the center
    ]


@dataclass
class Run:
    assigned: dict[str, set[str]]  # action → the Case attributes its handler assigned, over every step
    changed: list[tuple[str, set[str]]]  # (action, the columns whose value changed) per step


@contextmanager
def _assignments() -> Iterator[list[tuple[int | None, str]]]:
    """Every assignment to a column attribute of a `Case` while open: (case id, column)."""
    seen: list[tuple[int | None, str]] = []
    listeners = []
    for column in Case.__table__.columns:
        attr = getattr(Case, column.key)

        def on_set(target: Case, value: object, old: object, initiator: Any, name: str = column.key) -> None:
            seen.append((target.id, name))

        event.listen(attr, "set", on_set)
        listeners.append((attr, on_set))
    try:
        yield seen
    finally:
        for attr, fn in listeners:
            event.remove(attr, "set", fn)


def _row(owner: Database, case_id: int) -> dict[str, object]:
    with owner.session() as s:
        row = s.execute(select(Case.__table__).where(Case.__table__.c.id == case_id)).mappings().one()
        return dict(row)


def run_scenario(owner: Database, ref: Ref, service: Callable[[str], CaseService]) -> Run:
    """File the cases as the dispatcher, then take every step of `scenario` as its post."""
    report = service("disp")
    ids = {
        "a": report.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="楼院门口垃圾堆积")).id,
        "b": report.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="绿化带杂物",
                                       self_handled=True, self_handled_action="已当场清理")).id,  # fmt: skip
        "c": report.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="咨询办事流程")).id,
        "d": report.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="楼院门口有垃圾")).id,
        "e": report.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="路灯不亮",
                                       self_handled=True, self_handled_action="已更换灯泡")).id,  # fmt: skip
    }
    with owner.session() as s:
        numbers = {k: str(s.scalar(select(Case.number).where(Case.id == i))) for k, i in ids.items()}
    run = Run(defaultdict(set), [])
    for who, key, make in scenario(ref, numbers):
        case_id = ids[key]
        if who == "owner":
            with owner.session() as s:
                make(s, case_id)
            continue
        with owner.session() as s:
            case = s.get(Case, case_id)
            assert case is not None
            command = make(case)
            assert isinstance(command, c.Command)
            version = case.version
        before = _row(owner, case_id)
        with _assignments() as seen:
            service(who).act(case_id, command, version)
        after = _row(owner, case_id)
        run.assigned[command.action] |= {name for cid, name in seen if cid == case_id}
        run.changed.append((command.action, {k for k in before if before[k] != after[k]}))
    with owner.session() as s:
        final = {k: s.scalar(select(Case.status).where(Case.id == i)) for k, i in ids.items()}
    assert final == {"a": CaseStatus.ACCEPTED, "b": CaseStatus.FEEDBACK, "c": CaseStatus.REJECTED,
                     "d": CaseStatus.MERGED, "e": CaseStatus.ACCEPTED}  # fmt: skip
    return run


def check_declarations(run: Run) -> None:
    writing = {a.value for a, spec in ACTIONS.items() if spec.command is not None}
    missing = writing - {action for action, _ in run.changed}
    assert not missing, f"add a step for {sorted(missing)} to tests/test_case_fields.py::scenario"
    for action, changed in run.changed:
        beyond = changed - ACTIONS[action].writes - SYSTEM_WRITES  # type: ignore[index]
        assert not beyond, f"{action} changed {sorted(beyond)}, which its record does not declare"
    for action in writing:
        declared = ACTIONS[action].writes  # type: ignore[index]
        assert run.assigned[action] - SYSTEM_WRITES == declared, (
            f"{action}: the handler assigns {sorted(run.assigned[action] - SYSTEM_WRITES)}, the record declares "
            f"{sorted(declared)}"
        )


def test_every_action_writes_exactly_the_columns_its_record_declares(sqlite_url: str) -> None:
    db = Database(make_engine(sqlite_url))
    ref = seed_reference(db)
    check_declarations(run_scenario(db, ref, lambda who: CaseService(db, who)))
    db.dispose()


@pytest.mark.pg
def test_the_console_takes_every_action_as_each_post_through_the_servers_check(pg: Setup) -> None:
    """The whole run on PostgreSQL, each step by the console on the login of the post that takes it: every
    UPDATE passes the server's check of the action's columns (and its transition, post, scope and version)."""
    for key, post in (("chief", Post.HEAD), ("insp", Post.INSPECTOR)):
        login = pg.names.prefix + key
        with pg.db.session() as s:
            users.add_user(s, "postgres", login, key, password=PASSWORD, store_hash=False)
            users.grant_post(s, "postgres", login, post)
            pg_roles.create_login(s, login, PASSWORD, pg.names)
        pg.logins[key] = login
    dbs: dict[str, Database] = {}

    def service(who: str) -> CaseService:
        if who not in dbs:
            dbs[who] = pg.app_db(who)
        return CaseService(dbs[who], pg.logins[who])

    try:
        check_declarations(run_scenario(pg.db, pg.ref, service))
    finally:
        for db in dbs.values():
            db.dispose()
