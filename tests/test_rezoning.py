"""Re-zoning carries the work (issue 17 item 2): splitting, merging or retiring grids moves each open case to a
grid in use — by an address rule or by hand, never guessed — with one history row each, so the new grid's queue
shows it; closed cases stay where they were filed and the lineage finds them. On SQLite and PostgreSQL, and on
PostgreSQL the server's history check accepts the console's move and refuses a bare UPDATE of the grid."""

from __future__ import annotations

import json

import psycopg
import pytest
from sqlalchemy import func, select, text

from console import queue
from console.changes import latest_seq
from console.cli.main import main
from console.db import Database, make_engine
from console.domain import OPEN_STATUSES, CaseStatus
from console.errors import PermissionDenied, ValidationError
from console.grid_codes import subtree_prefix
from console.grids import NewGrid, create_grid, get_grid, lineage, split_grid
from console.models import Case, CaseChange, CaseHistory, Grid
from console.queue import QueueFilter
from console.rezoning import AddressRule, Placement, deactivate, merge, preview_split, rehome, split
from console.security import pg_roles, users
from console.security.posts import Post
from console.workflow.commands import Accept, Dispatch, Regrid, Reject
from console.workflow.service import CaseService, ReportInput
from tests.conftest import pg_url_for
from tests.factories import Ref, seed_reference
from tests.test_security_pg import PASSWORD, Setup, scalar
from tests.test_security_pg import pg as _pg_fixture

pg = _pg_fixture  # the fixture of test_security_pg (a test argument of the same name asks for it)

ME = "diaodu"
NORTH, SOUTH = "410103001001011", "410103001001012"
PARTS = [NewGrid(NORTH, "一号楼院北区", 170), NewGrid(SOUTH, "一号楼院南区", 150)]
RULES = (AddressRule(NORTH, ("北楼", "北门")), AddressRule(SOUTH, ("南楼",)))


def _case(db: Database, ref: Ref, code: str, address: str, *, dispatched: bool = False, settled: bool = False) -> int:
    svc = CaseService(db, ME)
    r = svc.report(ReportInput(grid=code, category=ref.cat_env, summary=f"{address}垃圾堆积", address=address))
    if settled:
        return svc.act(r.id, Reject("已由物业清运"), r.version).id
    if dispatched:
        r = svc.act(r.id, Accept(), r.version)
        r = svc.act(r.id, Dispatch(lead_department_id=ref.env), r.version)
    return r.id


def _state(db: Database) -> dict[int, tuple[str, int, int]]:
    """Every case's grid code, version and number of history rows."""
    with db.session() as s:
        rows = s.execute(select(Case.id, Case.grid_code, Case.version)).all()
        hist: dict[int, int] = dict(s.execute(select(CaseHistory.case_id, func.count()).group_by(CaseHistory.case_id)).tuples().all())
        return {i: (code, v, hist.get(i, 0)) for i, code, v in rows}


def _queue(s: object, code: str, statuses: frozenset[CaseStatus] | None = OPEN_STATUSES) -> set[int]:
    page = queue.fetch_page(s, QueueFilter(statuses=statuses, grid_code_prefix=subtree_prefix(code)), limit=50)  # type: ignore[arg-type]
    return {r.id for r in page.rows}


@pytest.fixture
def ref(db: Database) -> Ref:
    return seed_reference(db)


def test_a_split_by_rule_moves_each_open_case_with_one_history_row(db: Database, ref: Ref) -> None:
    north = _case(db, ref, ref.grid_code, "绿云路1号北楼3单元", dispatched=True)
    south = _case(db, ref, ref.grid_code, "绿云路1号南楼")
    by_hand = _case(db, ref, ref.grid_code, "东侧车棚")  # no rule fits: placed by hand
    closed = _case(db, ref, ref.grid_code, "北楼", settled=True)
    with db.session() as s:
        numbers = dict(s.execute(select(Case.id, Case.number)).tuples().all())
    before = _state(db)

    # the preview says where each open case goes, and that one has no place yet
    with db.session() as s:
        plan = preview_split(s, ref.grid_code, PARTS, Placement(rules=RULES))
    where = {m.case_id: m.to_code for m in plan.moves}
    assert where == {north: NORTH, south: SOUTH, by_hand: None}  # the closed case is not moved
    assert [m.case_id for m in plan.unplaced] == [by_hand]
    assert "1件" in str(plan.refusal()) and numbers[by_hand] in str(plan.refusal())
    assert [c for c, _ in plan.targets[:2]] == [NORTH, SOUTH]

    # committed while a case has no place: refused, nothing changed
    with pytest.raises(ValidationError, match="还有1件未办结案件没有去向"), db.write_session() as s:
        split(s, ref.grid_code, PARTS, Placement(rules=RULES), actor=ME)
    assert _state(db) == before
    with db.session() as s:
        assert get_grid(s, ref.grid_code).active
        assert s.scalar(select(func.count()).select_from(Grid).where(Grid.code.in_([NORTH, SOUTH]))) == 0
    # the map alone may not leave open cases behind either
    with pytest.raises(ValidationError, match="3件未办结案件"), db.write_session() as s:
        split_grid(s, ref.grid_code, PARTS, actor=ME)

    seq = _seq(db)
    with db.write_session() as s:
        created, done = split(s, ref.grid_code, PARTS, Placement({numbers[by_hand]: SOUTH}, RULES), actor=ME,
                              note="户数过多")  # fmt: skip
        assert [g.code for g in created] == [NORTH, SOUTH]
    after = _state(db)
    expected = {north: NORTH, south: SOUTH, by_hand: SOUTH, closed: ref.grid_code}
    for case_id, code in expected.items():
        old_code, old_version, old_rows = before[case_id]
        moved = case_id != closed
        assert after[case_id] == (code, old_version + moved, old_rows + moved), case_id
    with db.session() as s:
        rows = s.scalars(select(CaseHistory).where(CaseHistory.action == "regrid").order_by(CaseHistory.case_id)).all()
        assert [h.case_id for h in rows] == sorted([north, south, by_hand])
        for h in rows:
            assert h.actor == ME and h.from_status == h.to_status
            changes = json.loads(h.changes)
            assert changes["grid_code"] == [ref.grid_code, expected[h.case_id]]
            assert "一号楼院" in h.note and "户数过多" in h.note
        assert "人工指定" in next(h.note for h in rows if h.case_id == by_hand)
        assert "北楼" in next(h.note for h in rows if h.case_id == north)
        status = s.scalar(select(Case.status).where(Case.id == north))
        assert status is CaseStatus.DISPATCHED  # the move changes the grid, nothing else
        # the new grids' queues show them, the old grid's does not (its closed case stays there)
        assert _queue(s, NORTH) == {north}
        assert _queue(s, SOUTH) == {south, by_hand}
        assert _queue(s, ref.grid_code) == set()
        assert _queue(s, ref.grid_code, None) == {closed}
        assert queue.count(s, QueueFilter(statuses=OPEN_STATUSES, grid_code_prefix=SOUTH)) == 2  # the counts table
        assert queue.count(s, QueueFilter(statuses=OPEN_STATUSES, grid_code_prefix=ref.grid_code)) == 0
        # the lineage of a new grid reaches the closed case filed under the old one
        lin = lineage(s, get_grid(s, NORTH).id)
        assert [g.code for g in lin.predecessors] == [ref.grid_code]
        assert closed in set(s.scalars(select(Case.id).where(Case.grid_id.in_(lin.all_ids))))
        # every seat hears of the moves (the change feed)
        fed = set(s.scalars(select(CaseChange.case_id).where(CaseChange.seq > seq)))
        assert fed == {north, south, by_hand}


def _seq(db: Database) -> int:
    with db.session() as s:
        return latest_seq(s)


def test_merge_takes_the_open_cases_to_the_new_grid_unless_placed_otherwise(db: Database, ref: Ref) -> None:
    a = _case(db, ref, ref.grid_code, "一号楼院", dispatched=True)
    b = _case(db, ref, ref.grid2_code, "二号楼院")
    c = _case(db, ref, ref.grid2_code, "二号楼院西侧")
    done = _case(db, ref, ref.grid2_code, "二号楼院", settled=True)
    with db.session() as s:
        c_number = s.scalar(select(Case.number).where(Case.id == c))
        create_grid(s, code="410103001001003", name="三号楼院", actor=ME)
    into = NewGrid("410103001001010", "一二号楼院")
    with db.write_session() as s:
        new, plan = merge(s, [ref.grid_code, ref.grid2_code], into, Placement({str(c_number): "410103001001003"}),
                          actor=ME, note="合并管理")  # fmt: skip
        assert new.households == 600 and len(plan.moves) == 3
    with db.session() as s:
        assert _queue(s, into.code) == {a, b}
        assert _queue(s, "410103001001003") == {c}
        assert s.scalar(select(Case.grid_code).where(Case.id == done)) == ref.grid2_code
        assert s.scalar(select(func.count()).select_from(CaseHistory).where(CaseHistory.action == "regrid")) == 3
        assert {g.code for g in lineage(s, new.id).predecessors} == {ref.grid_code, ref.grid2_code}


def test_retiring_a_grid_with_open_cases_needs_their_place(db: Database, ref: Ref) -> None:
    a = _case(db, ref, ref.grid2_code, "二号楼院", dispatched=True)
    before = _state(db)
    with pytest.raises(ValidationError, match="还有1件"), db.write_session() as s:
        deactivate(s, ref.grid2_code, None, actor=ME)
    with pytest.raises(ValidationError, match="正在撤销"), db.write_session() as s:  # not onto itself
        deactivate(s, ref.grid2_code, Placement(rest=ref.grid2_code), actor=ME)
    with pytest.raises(ValidationError, match="不是.*未办结案件"), db.write_session() as s:  # no typo ignored
        deactivate(s, ref.grid2_code, Placement({"2026-999999": ref.grid_code}, rest=ref.grid_code), actor=ME)
    assert _state(db) == before
    with db.write_session() as s:
        deactivate(s, ref.grid2_code, Placement(rest=ref.grid_code), actor=ME, note="并入一号楼院")
    with db.session() as s:
        assert not get_grid(s, ref.grid2_code).active
        assert a in _queue(s, ref.grid_code)


def test_ambiguous_addresses_are_never_guessed(db: Database, ref: Ref) -> None:
    _case(db, ref, ref.grid_code, "北楼与南楼之间的空地")
    with db.session() as s:
        plan = preview_split(s, ref.grid_code, PARTS, Placement(rules=RULES, rest=NORTH))
    (move,) = plan.moves
    assert move.to_code is None and "同时符合" in move.basis  # not the `rest` grid either


def test_who_may_change_the_map_and_move_its_cases(db: Database, ref: Ref) -> None:
    """The 网格办主任 re-zones with the open cases; the 系统管理员 changes the map only where no open case is (it
    may not move cases, 三员分立); a dispatcher moves cases but does not change the map."""
    _case(db, ref, ref.grid_code, "北楼")
    with db.session() as s:
        users.bootstrap(s, ("xitong", "系统管理员"), ("anquan", "安全管理员"), ("shenji", "审计管理员"))
        for login, post in (("zhuren", Post.HEAD), ("diaoyuan", Post.DISPATCHER)):
            users.add_user(s, "xitong", login, login)
            users.grant_post(s, "anquan", login, post)
    with pytest.raises(PermissionDenied, match="移交网格"), db.write_session() as s:
        split(s, ref.grid_code, PARTS, Placement(rest=NORTH), actor="xitong")
    with pytest.raises(PermissionDenied, match="调整网格"), db.write_session() as s:
        split(s, ref.grid_code, PARTS, Placement(rest=NORTH), actor="diaoyuan")
    if not db.is_postgres:  # the window's view: the 系统管理员's sessions see no case at all; still refused
        blind = Database(db.engine)
        blind.view_as("xitong")
        with pytest.raises(ValidationError, match="1件未办结案件，您的岗位看不到"), blind.write_session() as s:
            split(s, ref.grid_code, PARTS, None, actor="xitong")
    with db.session() as s:
        assert get_grid(s, ref.grid_code).active
    with db.write_session() as s:
        split(s, ref.grid_code, PARTS, Placement(rest=NORTH), actor="zhuren")
        deactivate(s, ref.grid2_code, None, actor="xitong")  # no open case on it: the map alone
    with db.session() as s:
        assert _queue(s, NORTH) and not get_grid(s, ref.grid2_code).active


def test_the_cli_previews_and_moves(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(make_engine(sqlite_url))
    ref = seed_reference(db)
    north = _case(db, ref, ref.grid_code, "北楼")
    east = _case(db, ref, ref.grid_code, "东门")
    url = sqlite_url
    with db.session() as s:
        east_no = s.scalar(select(Case.number).where(Case.id == east))
    args = ["--db", url, "--user", ME, "grid", "split", ref.grid_code, f"{NORTH}=北区", f"{SOUTH}=南区",
            "--rule", f"{NORTH}=北楼，北门"]  # fmt: skip
    assert main([*args, "--preview"]) == 1
    out = capsys.readouterr().out
    assert "（未定）" in out and "还有1件" in out
    assert main(args) != 0
    assert "还有1件" in capsys.readouterr().err
    assert main([*args, "--move", f"{east_no}={SOUTH}"]) == 0
    assert "移交未办结案件 2 件" in capsys.readouterr().out
    with db.session() as s:
        assert _queue(s, NORTH) == {north} and _queue(s, SOUTH) == {east}
    db.dispose()


# --- PostgreSQL: the server's history check --------------------------------------------------------------


def _own_login(pg: Setup, name: str, post: Post) -> tuple[str, Database]:
    """A person with `post` and their own PostgreSQL login, and the console's database on it."""
    login = pg.names.prefix + name
    with pg.db.session() as s:
        users.add_user(s, "postgres", login, name, password=PASSWORD, store_hash=False)
        users.grant_post(s, "postgres", login, post)
        pg_roles.create_login(s, login, PASSWORD, pg.names)
    return login, Database(make_engine(pg_url_for(pg.dbname, user=login)))


@pytest.mark.pg
def test_the_server_accepts_the_consoles_moves_and_refuses_a_bare_update(pg: Setup) -> None:
    third, east = "410103001001003", "410103001001021"
    # the 网格办主任's own login splits grid 2 and moves its open case in one transaction: the server lets the
    # map change (grid grants) and the move (the history check) commit together
    head, head_db = _own_login(pg, "zhuren", Post.HEAD)  # (prefix + "head" is the post group)
    try:
        with head_db.write_session() as s:
            split(s, pg.ref.grid2_code, [NewGrid(east, "二号楼院东区"), NewGrid("410103001001022", "二号楼院西区")],
                  Placement(rest=east), actor=head)  # fmt: skip
    finally:
        head_db.dispose()
    # the 系统管理员's own login may change the map but reads no case: a grid with an open case is refused by the
    # counts, with the sentence saying who can do it
    sysadmin, sys_db = _own_login(pg, "xitong", Post.SYSADMIN)
    try:
        with pytest.raises(ValidationError, match="1件未办结案件，您的岗位看不到"), sys_db.write_session() as s:
            split(s, pg.ref.grid_code, PARTS, None, actor=sysadmin)
    finally:
        sys_db.dispose()
    with pg.db.session() as s:  # the owner adds a grid, and retires grid 1 the old way (its open case left on it)
        create_grid(s, code=third, name="三号楼院", actor="postgres")
        s.execute(text("UPDATE grid SET active = false WHERE code = :c"), {"c": pg.ref.grid_code})
    disp = pg.app_db("disp")
    try:
        # the dispatcher's own login moves the case left behind: the server's check lets it commit
        with disp.write_session() as s:
            plan = rehome(s, pg.ref.grid_code, Placement(rest=third), actor=pg.logins["disp"], note="补移交")
        assert [m.case_id for m in plan.moves] == [pg.env_case]
        # and a single case through the workflow (filed under the wrong grid)
        with disp.session() as s:
            version = s.scalar(select(Case.version).where(Case.id == pg.law_case))
        CaseService(disp, pg.logins["disp"]).act(pg.law_case, Regrid(third, "上报时选错网格"), int(version or 0))
    finally:
        disp.dispose()
    with pg.connect("disp") as conn:
        history = conn.execute("SELECT actor, changes FROM case_history WHERE case_id = %s AND action = 'regrid' "
                               "ORDER BY id", (pg.law_case,)).fetchall()  # fmt: skip
        assert [(a, json.loads(c)["grid_code"]) for a, c in history] == [
            (head, [pg.ref.grid2_code, east]), (pg.logins["disp"], [east, third])]
        assert scalar(conn, "SELECT grid_code FROM cases WHERE id = %s", (pg.env_case,)) == third
        # a plain UPDATE of the grid without its history row: refused at commit, nothing saved
        g2 = scalar(conn, "SELECT id FROM grid WHERE code = %s", (east,))
        with pytest.raises(psycopg.errors.RaiseException, match="流程"):
            with conn.transaction():
                conn.execute("UPDATE cases SET grid_id = %s, grid_code = %s, version = version + 1 WHERE id = %s",
                             (g2, east, pg.env_case))  # fmt: skip
        assert scalar(conn, "SELECT grid_code FROM cases WHERE id = %s", (pg.env_case,)) == third
        # the same UPDATE with the dispatcher's 移交网格 row in the same transaction: the action's clause passes
        with conn.transaction():
            conn.execute("UPDATE cases SET grid_id = %s, grid_code = %s, version = version + 1 WHERE id = %s",
                         (g2, east, pg.env_case))  # fmt: skip
            conn.execute(  # at the server's time, stating what it changed, as the console writes it
                "INSERT INTO case_history (case_id, at, actor, action, from_status, to_status, changes, note, "
                "visibility) VALUES (%s, (now() AT TIME ZONE 'Asia/Shanghai')::timestamp(0), 'x', 'regrid', "
                "'dispatched', 'dispatched', %s, '', 'internal')",
                (pg.env_case, json.dumps({"grid_id": [None, g2], "grid_code": [third, east]})),
            )
        assert scalar(conn, "SELECT grid_code FROM cases WHERE id = %s", (pg.env_case,)) == east
