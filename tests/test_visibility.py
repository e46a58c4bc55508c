"""One visibility rule, two backends: the same people and cases on SQLite (the application limits every read)
and on PostgreSQL (row-level security, each person connected as their own login role) give every post the
same cases through every read path: queue pages and counts, tree badges, the dashboard, live rows, the case
view, history, attachments and the ledger."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from console import clock, queue
from console.cli.main import main
from console.db import Database, make_engine
from console.errors import ConsoleError
from console.ledger import LedgerScope, iter_ledger_rows, resolve_scope
from console.models import AppUser, Attachment, CaseHistory
from console.queue import QueueFilter, SortKey
from console.security import pg_roles, users
from console.security.posts import Post
from console.security.visibility import REACHES, Reach
from console.workflow.commands import Accept, Attach, Dispatch, Return
from console.workflow.read import case_detail
from console.workflow.service import CaseService, ReportInput
from tests.conftest import RUN_ID, pg_url_for
from tests.factories import Ref, seed_reference

PASSWORD = "Grid#2026ok"
KEYS = ("disp", "ins", "env", "law", "gw", "aud")


@dataclass
class World:
    ref: Ref
    logins: dict[str, str]
    cases: dict[str, int]  # name → id
    numbers: dict[str, str]  # case number → name


def _build(db: Database, prefix: str, *, postgres: bool) -> World:
    """Six cases that each reach a different way (see the expectations in the test)."""
    ref = seed_reference(db)
    logins = {k: prefix + k for k in KEYS}
    grants = {
        "disp": (Post.DISPATCHER, None, None),
        "ins": (Post.INSPECTOR, None, None),
        "env": (Post.DEPARTMENT, "环保办", None),
        "law": (Post.DEPARTMENT, "行政执法中队", None),
        "gw": (Post.GRID, None, ref.grid_code),
        "aud": (Post.AUDITOR, None, None),
    }
    with db.session() as s:
        adder = granter = "postgres"  # the owner connection provisions on PostgreSQL
        if not postgres:
            users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计管理员"))
            adder, granter = "sysadm", "secadm"
        for key, login in logins.items():
            users.add_user(s, adder, login, key, password=PASSWORD, store_hash=not postgres)
        for key, (post, dep, grid) in grants.items():
            users.grant_post(s, granter, logins[key], post, department=dep, grid=grid)
        if postgres:
            names = pg_roles.RoleNames(prefix)
            pg_roles.provision(s, names)
            for login in logins.values():
                pg_roles.create_login(s, login, PASSWORD, names)
    disp = CaseService(db, logins["disp"])

    def dispatched(grid: str, summary: str, lead: int, co: tuple[int, ...] = ()) -> int:
        c = disp.report(ReportInput(grid=grid, category=ref.cat_env, summary=summary))
        c = disp.act(c.id, Accept(), c.version)
        c = disp.act(c.id, Dispatch(lead_department_id=lead, co_department_ids=co), c.version)
        return c.id

    cases = {
        "env_grid1": dispatched(ref.grid_code, "一号楼院垃圾堆积", ref.env),
        "law_grid2": dispatched(ref.grid2_code, "二号楼院占道经营", ref.law),
        "law_with_env": dispatched(ref.grid2_code, "二号楼院油烟扰民", ref.law, (ref.env,)),
    }
    by_env = CaseService(db, logins["env"]).report(
        ReportInput(grid=ref.grid2_code, category=ref.cat_env, summary="环保办人员上报：二号楼院焚烧落叶")
    )
    cases["reported_by_env"] = by_env.id
    returned = dispatched(ref.grid2_code, "二号楼院井盖缺失", ref.law)
    law = CaseService(db, logins["law"])
    with db.session() as s:
        version = case_detail(s, returned).version
    law.act(returned, Return(reason="不属于本部门职责，应由市政部门办理"), version)
    cases["returned_by_law"] = returned
    cases["new_grid2"] = disp.report(ReportInput(grid=ref.grid2_code, category=ref.cat_env, summary="二号楼院路灯不亮")).id
    c = cases["env_grid1"]
    with db.session() as s:
        version = case_detail(s, c).version
    disp.act(c, Attach(filename="现场.jpg", mime_type="image/jpeg", data=b"\xff\xd8photo"), version)
    with db.session() as s:
        numbers = {case_detail(s, i).number: name for name, i in cases.items()}
    return World(ref, logins, cases, numbers)


def _seen(db: Database, login: str, world: World) -> dict[str, frozenset[str]]:
    """Which cases `login` sees through each read path (case names)."""
    db.view_as(login)
    now = clock.now() + timedelta(days=400)  # everything with a clock is late: counts every light
    name_of = {v: k for k, v in world.cases.items()}
    out: dict[str, frozenset[str]] = {}
    with db.session() as s:
        page = queue.fetch_page(s, QueueFilter(), SortKey.REPORTED, True, None, 100, now=now)
        out["queue page"] = frozenset(name_of[r.id] for r in page.rows)
        out["live rows"] = frozenset(name_of[r.id] for r in queue.fetch_rows(s, world.cases.values(), now))
        n = queue.count(s, QueueFilter(), now=now)
        by_status = sum(queue.status_counts(s, QueueFilter(), now=now).values())
        badges = queue.grid_counts(s, now=now)["410103001000000"]
        dash = queue.dashboard_counts(s, now=now)
        history = set(s.scalars(select(CaseHistory.case_id).distinct()))
        attachments = set(s.scalars(select(Attachment.case_id).distinct()))
        detail = set()
        for name, case_id in world.cases.items():
            try:
                case_detail(s, case_id, now)
            except ConsoleError:
                continue
            detail.add(name)
        scope = resolve_scope(s, LedgerScope())
        ledger = {r.number for r in iter_ledger_rows(s, scope)}
    out["case view"] = frozenset(detail)
    out["history"] = frozenset(name_of[i] for i in history)
    out["ledger"] = frozenset(world.numbers[x] for x in ledger)
    seen = out["queue page"]
    # the figures count exactly the visible cases; the one photo shows only where its case does
    assert n == by_status == badges.open == len(seen), login
    assert dash.pending_accept == len(seen & {"reported_by_env", "new_grid2"}), login
    assert {name_of[i] for i in attachments} == seen & {"env_grid1"}, login
    return out


EXPECTED = {
    "disp": set(),  # filled below: everything
    "ins": set(),
    "env": {"env_grid1", "law_with_env", "reported_by_env"},  # lead, co-department, reported by them
    "law": {"law_grid2", "law_with_env", "returned_by_law"},  # lead, lead, returned by them
    "gw": {"env_grid1"},  # their grid's subtree only
    "aud": set(),  # an administrator sees no case
}


@pytest.fixture
def pg_world(pg_url: str) -> Iterator[tuple[Database, World, str]]:
    dbname = make_url(pg_url).database
    assert dbname
    db = Database(make_engine(pg_url))
    prefix = f"gct_{RUN_ID}_{uuid.uuid4().hex[:4]}_"
    world = _build(db, prefix, postgres=True)
    yield db, world, dbname
    db.dispose()


@pytest.mark.pg
def test_each_post_sees_the_same_cases_on_both_backends(sqlite_url: str, pg_world: tuple[Database, World, str]) -> None:
    lite = Database(make_engine(sqlite_url))
    lite_world = _build(lite, "", postgres=False)
    _pg_db, pg_w, dbname = pg_world
    everything = set(lite_world.cases)
    assert set(pg_w.cases) == everything
    for key in KEYS:
        expected = everything if key in ("disp", "ins") else EXPECTED[key]
        on_sqlite = _seen(lite, lite_world.logins[key], lite_world)
        if key == "aud":  # PostgreSQL refuses the auditor's read of cases outright: nothing to compare
            assert all(v == frozenset() for v in on_sqlite.values()), on_sqlite
            continue
        own = Database(make_engine(pg_url_for(dbname, user=pg_w.logins[key])))
        try:
            on_pg = _seen(own, pg_w.logins[key], pg_w)
        finally:
            own.dispose()
        for path in on_sqlite:
            assert on_sqlite[path] == expected, (key, "sqlite", path)
            assert on_pg[path] == expected, (key, "postgresql", path)
    lite.dispose()


def test_the_rule_table_names_every_reach_once() -> None:
    """Each way of seeing a case is one record, and every case post holds at least one."""
    assert sorted(r.reach for r in REACHES) == sorted(Reach)
    for post in (Post.DISPATCHER, Post.HEAD, Post.INSPECTOR, Post.DEPARTMENT, Post.GRID):
        assert any(post in r.posts for r in REACHES), post


def test_the_command_line_shows_a_handler_only_their_cases(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`gridconsole queue` and `case show` on SQLite keep to the same rule as the window."""
    db = Database(make_engine(sqlite_url))
    world = _build(db, "", postgres=False)
    with db.session() as s:
        s.execute(update(AppUser).values(must_change=False))
    db.dispose()
    monkeypatch.setenv("GRIDCONSOLE_PASSWORD", PASSWORD)
    assert main(["--db", sqlite_url, "--user", "env", "--json", "queue"]) == 0
    out, _err = capsys.readouterr()
    shown = {world.numbers[row["number"]] for row in json.loads(out)["rows"]}
    assert shown == EXPECTED["env"]
    hidden = next(n for n, name in world.numbers.items() if name == "law_grid2")
    assert main(["--db", sqlite_url, "--user", "env", "case", "show", hidden]) == 2
    _out, err = capsys.readouterr()
    assert hidden in err and "Traceback" not in err
