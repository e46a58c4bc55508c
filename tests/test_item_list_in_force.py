"""The 事项清单 version in force reaches every reader on its day, with no set-up write in between: a change
recorded yesterday and dated today shows in the dispatch dialog (工作流程, default lead department, limit) and in
the case view (the category's name) from today's first read, while a case dispatched yesterday keeps its limit.
On PostgreSQL the dispatcher reads on their own login, which may not write `category`: the server's
`gc_apply_due_category_versions` brings the row up to date for them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from console import clock
from console.db import Database
from console.deadlines.limits import TimeLimit
from console.domain import LimitType, Severity
from console.models import Case, Category, Department
from console.setup import item_list
from console.workflow.case_view import load_case_view
from console.workflow.commands import Accept, Dispatch
from console.workflow.dialog_data import read_opening
from console.workflow.read import case_detail
from console.workflow.service import CaseRef, CaseService, ReportInput
from tests.test_security_pg import Setup, add_sysadmin, pg
from tests.test_setup_reference import GRID, Clock, dispatched, now, town

FIXTURES = (pg, now, town)  # imported so pytest finds them

DAYS = LimitType.WORKING_DAYS


def _tomorrows_change(db: Database, actor: str, code: str, lead: str, effective_from: date) -> None:
    with db.write_session() as s:
        current = item_list.spec_of(next(r for r in item_list.list_categories(s) if r.code == code))
        item_list.edit_category(s, code, replace(
            current, name=current.name + "（新规）", lead_department=lead, workflow="新流程：先约谈再处置",
            limits={Severity.GENERAL: TimeLimit(DAYS, 7)}, severity=Severity.GENERAL),
            effective_from=effective_from, actor=actor)  # fmt: skip


def _accepted(db: Database, actor: str, grid: str, category: str) -> CaseRef:
    svc = CaseService(db, actor)
    r = svc.report(ReportInput(grid=grid, category=category, summary="楼道堆放杂物"))
    return svc.act(r.id, Accept(), r.version)


def _dispatch_dialog(db: Database, case_id: int) -> tuple[str, int | None, str]:
    """What the dispatch dialog shows for the case: its 工作流程, the lead it pre-selects, the limit."""
    with db.session() as s:
        opening = read_opening(s, "dispatch", details=[case_detail(s, case_id)])
        assert opening.suggestion is not None
        return opening.item_list[0].workflow, opening.suggestion.lead_department_id, opening.suggestion.limit_label


def test_a_change_dated_tomorrow_reaches_the_dialogs_on_its_day_without_a_set_up_write(
    town: Database, now: Clock
) -> None:
    with town.session() as s:
        deps = {d.code: d.id for d in s.scalars(select(Department))}
    before = dispatched(town)  # 2026-11-24: 3 working days
    _tomorrows_change(town, "setup", "HJWS", "CG", date(2026, 11, 25))
    waiting = _accepted(town, "调度员甲", GRID, "HJWS")
    assert _dispatch_dialog(town, waiting.id) == ("核实；处置；反馈", deps["HB"], "3 个工作日")

    now.t = datetime(2026, 11, 25, 8, 0)  # the next morning: no set-up write in between
    assert _dispatch_dialog(town, waiting.id) == ("新流程：先约谈再处置", deps["CG"], "7 个工作日")
    with town.session() as s:
        assert load_case_view(s, before.id, "调度员甲").detail.category_name == "环境卫生（新规）"
        cat = s.scalars(select(Category).where(Category.code == "HJWS")).one()
        assert (cat.default_department_id, cat.workflow, cat.limit_value) == (deps["CG"], "新流程：先约谈再处置", 7)
        case = s.get(Case, before.id)
        assert case is not None and (case.limit_value, case.lead_department_id) == (3, deps["HB"])
    svc = CaseService(town, "调度员甲")
    after = svc.act(waiting.id, Dispatch(), waiting.version)  # the new default lead, the new limit
    with town.session() as s:
        case = s.get(Case, after.id)
        assert case is not None and (case.limit_value, case.lead_department_id) == (7, deps["CG"])


def test_the_mirror_only_moves_forward(town: Database, now: Clock) -> None:
    """A seat whose clock is behind (or a test pinned to an earlier day) never brings an older version back."""
    _tomorrows_change(town, "setup", "HJWS", "CG", date(2026, 11, 25))
    now.t = datetime(2026, 11, 25, 8, 0)
    with town.session() as s:
        assert s.scalars(select(Category.workflow).where(Category.code == "HJWS")).one() == "新流程：先约谈再处置"
    now.t = datetime(2026, 11, 24, 16, 0)
    with town.session() as s:
        assert item_list.apply_due_versions(s) == 0
    with town.session() as s:
        assert s.scalars(select(Category.workflow).where(Category.code == "HJWS")).one() == "新流程：先约谈再处置"


@pytest.mark.pg
def test_on_postgresql_a_dispatcher_on_their_own_login_sees_the_new_version_on_its_day(pg: Setup) -> None:
    """The dispatcher may not write `category`; the server function applies the version in force, never one
    dated after the server's own day (a seat's clock cannot bring next month's change early)."""
    import psycopg

    sysadmin = add_sysadmin(pg)
    today = clock.now().date()
    pinned = Clock(datetime.combine(today - timedelta(days=1), datetime.min.time()) + timedelta(hours=10))
    clock.set_clock(pinned)
    sysdb, dispdb = pg.app_db("sys"), pg.app_db("disp")
    try:
        # yesterday's steps through the owner's connection acting for the dispatcher: a person's own login acts
        # only at the server's time (`pg_workflow.CLOCK_TOLERANCE`), and this seat's clock is pinned a day back
        before = _accepted(pg.db, pg.logins["disp"], pg.ref.grid_code, pg.ref.cat_env)
        before = CaseService(pg.db, pg.logins["disp"]).act(before.id, Dispatch(), before.version)
        with dispdb.session() as s:
            old_limit = s.get(Case, before.id).limit_value  # type: ignore[union-attr]
        _tomorrows_change(sysdb, sysadmin, "HJWS", "ZFZD", today)
        waiting = _accepted(pg.db, pg.logins["disp"], pg.ref.grid_code, pg.ref.cat_env)
        assert _dispatch_dialog(dispdb, waiting.id)[1] == pg.ref.env

        pinned.t += timedelta(days=1)  # today, on the same open database: no set-up write in between
        assert _dispatch_dialog(dispdb, waiting.id) == ("新流程：先约谈再处置", pg.ref.law, "7 个工作日")
        with dispdb.session() as s:
            view = load_case_view(s, before.id, pg.logins["disp"])
            assert view.detail.category_name == "环境卫生（新规）"
            assert s.get(Case, before.id).limit_value == old_limit  # type: ignore[union-attr]
        with pg.connect("disp") as conn:
            assert conn.execute("SELECT name, default_department_id, limit_value FROM category WHERE code = 'HJWS'"
                                ).fetchone() == ("环境卫生（新规）", pg.ref.law, 7)  # fmt: skip
    finally:
        clock.set_clock(None)
        sysdb.dispose()
        dispdb.dispose()
    # a planned change a month ahead: the function, called with that day by a seat, leaves it for its day
    clock.set_clock(Clock(datetime.combine(today, datetime.min.time()) + timedelta(hours=11)))
    sysdb = pg.app_db("sys")
    try:
        with sysdb.write_session() as s:
            current = item_list.spec_of(next(r for r in item_list.list_categories(s) if r.code == "HJWS"))
            item_list.edit_category(s, "HJWS", replace(current, workflow="下月流程"),
                                    effective_from=today + timedelta(days=30), actor=sysadmin)  # fmt: skip
    finally:
        clock.set_clock(None)
        sysdb.dispose()
    with pg.connect("gw") as conn:  # neither next month's change early, nor yesterday's entry back
        for day in (today + timedelta(days=30), today - timedelta(days=1)):
            assert conn.execute("SELECT gc_apply_due_category_versions(%s)", (day,)).fetchone() == (0,)
            assert conn.execute("SELECT workflow FROM category WHERE code = 'HJWS'").fetchone() == ("新流程：先约谈再处置",)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE category SET workflow = 'x'")
