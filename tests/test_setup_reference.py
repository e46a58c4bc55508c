"""The set-up services (console.setup) on SQLite and PostgreSQL: departments, the dated 事项清单, staff and posts,
the township, and who may change them. The key promise of the dated item list: a change recorded today and in
force from a later day leaves every case dispatched before that day on the limit it was dispatched with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from console import clock
from console.db import Database
from console.deadlines.limits import TimeLimit
from console.domain import GridRole, LimitType, Severity, Stage
from console.errors import NotFound, PermissionDenied, ValidationError
from console.grids import create_grid
from console.models import AuditLog, Case, Category, Department
from console.security import passwords, users
from console.security.posts import Post
from console.setup import departments, item_list, staff, township
from console.setup.item_list import CategorySpec
from console.workflow.commands import Accept, Dispatch
from console.workflow.service import CaseRef, CaseService, ReportInput
from tests.test_security_pg import Setup, add_sysadmin, pg

FIXTURES = (pg,)  # the PostgreSQL-mode set-up shared with test_security_pg (imported, so pytest finds it)

TOWNSHIP, COMMUNITY, GRID = "410102006000000", "410102006001000", "410102006001001"
DAYS = LimitType.WORKING_DAYS


class Clock:
    def __init__(self, start: datetime) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t


@pytest.fixture
def now() -> Iterator[Clock]:
    c = Clock(datetime(2026, 11, 24, 9, 0))  # a Tuesday
    clock.set_clock(c)
    yield c
    clock.set_clock(None)


@pytest.fixture
def town(db: Database, now: Clock) -> Database:
    """A township with one grid, two departments and 环境卫生 (一般 3 working days, 复杂 10), all through the
    set-up services."""
    with db.write_session() as s:
        township.create_township(s, name="示例镇", code=TOWNSHIP, actor="setup")
        create_grid(s, code=COMMUNITY, name="幸福社区", actor="setup")
        create_grid(s, code=GRID, name="幸福社区第一网格", actor="setup")
        departments.add_department(s, code="HB", name="环保办", phone="0371-66001234", head="王主任", actor="setup")
        departments.add_department(s, code="CG", name="城管办", actor="setup")
        item_list.add_category(s, CategorySpec(
            "HJWS", "环境卫生", lead_department="环保办", co_departments=("CG",),
            limits={Severity.GENERAL: TimeLimit(DAYS, 3), Severity.COMPLEX: TimeLimit(DAYS, 10)},
            stage_limits={Stage.INTAKE: TimeLimit(LimitType.WORKING_HOURS, 2)},
            workflow="核实；处置；反馈", closing_standard="清理完毕"), actor="setup")  # fmt: skip
    return db


def dispatched(db: Database, severity: Severity | None = None) -> CaseRef:
    svc = CaseService(db, "调度员甲")
    r = svc.report(ReportInput(grid=GRID, category="环境卫生", summary="楼道堆放杂物", severity=severity))
    r = svc.act(r.id, Accept(), r.version)
    return svc.act(r.id, Dispatch(), r.version)  # lead and co-departments: the item list's defaults


def limit_of(db: Database, case_id: int) -> tuple[str, int, datetime]:
    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.limit_type is not None and case.limit_value and case.due_at
        return case.limit_type.value, case.limit_value, case.due_at


def test_a_dated_change_leaves_cases_dispatched_before_it_on_their_limit(town: Database, now: Clock) -> None:
    before = dispatched(town)
    assert limit_of(town, before.id)[:2] == ("working_days", 3)
    with town.write_session() as s:
        current = item_list.list_categories(s)[0]
        item_list.edit_category(s, "HJWS", replace(item_list.spec_of(current), limits={
            Severity.GENERAL: TimeLimit(DAYS, 7), Severity.COMPLEX: TimeLimit(DAYS, 12)}),
            effective_from=date(2026, 11, 30), actor="setup", note="县里新规")  # fmt: skip
    # recorded today, in force from Monday: a case dispatched this week still gets 3 days
    same_week = dispatched(town)
    assert limit_of(town, same_week.id)[:2] == ("working_days", 3)
    now.t = datetime(2026, 11, 30, 9, 0)
    after = dispatched(town)
    complex_after = dispatched(town, Severity.COMPLEX)
    assert limit_of(town, after.id)[:2] == ("working_days", 7)
    assert limit_of(town, complex_after.id)[:2] == ("working_days", 12)  # the limit of the case's severity
    first = limit_of(town, before.id)
    assert first[:2] == ("working_days", 3) and first[2] < datetime(2026, 11, 30, 9, 0)
    with town.write_session() as s:
        history = item_list.category_history(s, "HJWS")
        assert [(r.effective_from, r.limits[Severity.GENERAL].value) for r in history] == [
            (date(2026, 11, 24), 3), (date(2026, 11, 30), 7)]  # fmt: skip
        assert history[-1].note == "县里新规" and history[-1].recorded_by == "setup"
        on_friday = item_list.list_categories(s, on=date(2026, 11, 27))[0]
        assert on_friday.limits[Severity.GENERAL].value == 3
        assert item_list.apply_due_versions(s) == 0  # the day's first session brought the row dialogs show up
        assert s.scalars(select(Category.limit_value)).one() == 7
        with pytest.raises(ValidationError, match="早于今天"):
            item_list.edit_category(s, "HJWS", item_list.spec_of(history[-1]), effective_from=date(2026, 11, 1),
                                    actor="setup")  # fmt: skip


def test_dispatch_takes_lead_and_co_departments_from_the_item_list(town: Database) -> None:
    from console.workflow.dialog_data import dispatch_suggestion

    svc = CaseService(town, "调度员甲")
    waiting = svc.report(ReportInput(grid=GRID, category="HJWS", summary="违规焚烧", severity=Severity.COMPLEX))
    waiting = svc.act(waiting.id, Accept(), waiting.version)
    with town.session() as s:  # what the dispatch dialog pre-fills
        deps = {d.code: d.id for d in s.scalars(select(Department))}
        hint = dispatch_suggestion(s, [waiting.id])
        assert (hint.lead_department_id, hint.co_department_ids) == (deps["HB"], (deps["CG"],))
        assert hint.limit_label == "10 个工作日"  # the limit of the case's severity
    r = dispatched(town)
    with town.session() as s:
        case = s.get(Case, r.id)
        assert case is not None and case.lead_department is not None
        assert case.lead_department.code == "HB"
        assert [c.department.code for c in case.co_departments] == ["CG"]


def test_departments_phone_masked_retire_guarded(town: Database) -> None:
    with town.write_session() as s:
        rows = {d.code: d for d in departments.list_departments(s)}
        assert rows["HB"].phone_masked == "0371-****1234" and rows["HB"].head == "王主任"
        with pytest.raises(ValidationError, match="已被"):
            departments.add_department(s, code="HB", name="另一个", actor="setup")
        with pytest.raises(ValidationError, match="电话号码"):
            departments.add_department(s, code="X", name="某办", phone="12ab", actor="setup")
        edited = departments.edit_department(s, "城管办", short_name="城管", phone="13812345678", actor="setup")
        assert (edited.short_name, edited.phone_masked) == ("城管", "138****5678")
    dispatched(town)
    with town.write_session() as s:
        with pytest.raises(ValidationError) as exc:
            departments.retire_department(s, "HB", actor="setup")
        assert "1 个类别" in exc.value.message and "1 件未结案件" in exc.value.message
        departments.add_department(s, code="NY", name="农业办", actor="setup")
        departments.retire_department(s, "NY", actor="setup", note="撤并")
        assert "NY" not in {d.code for d in departments.list_departments(s)}
        assert "NY" in {d.code for d in departments.list_departments(s, include_retired=True)}
        with pytest.raises(ValidationError, match="停用"):
            item_list.add_category(s, CategorySpec("NYS", "农业生产", lead_department="NY",
                                                   limits={Severity.GENERAL: TimeLimit(DAYS, 5)}), actor="setup")  # fmt: skip
        departments.restore_department(s, "NY", actor="setup")
        changes = s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.event == "reference_change"))
        assert changes is not None and changes >= 8


def test_category_checks(town: Database) -> None:
    with town.write_session() as s:
        spec = CategorySpec("SZ", "市政设施", lead_department="CG", limits={Severity.SIMPLE: TimeLimit(DAYS, 2)})
        with pytest.raises(ValidationError, match="一般"):  # no limit for the default severity
            item_list.add_category(s, spec, actor="setup")
        with pytest.raises(ValidationError, match="已被类别"):
            item_list.add_category(s, replace(spec, name="环境卫生", severity=Severity.SIMPLE), actor="setup")
        with pytest.raises(NotFound):
            item_list.add_category(s, replace(spec, severity=Severity.SIMPLE, lead_department="无此部门"), actor="setup")
        row = item_list.add_category(s, replace(spec, severity=Severity.SIMPLE), actor="setup")
        assert row.limit == TimeLimit(DAYS, 2) and row.lead_department_name == "城管办"
        item_list.edit_category(s, "SZ", replace(item_list.spec_of(row), workflow="新流程"),
                                effective_from=date(2026, 12, 1), actor="setup")  # fmt: skip
        retired = item_list.retire_category(s, "SZ", actor="setup", note="并入环境卫生")
        assert not retired.active
        assert [r.code for r in item_list.list_categories(s)] == ["HJWS"]
        assert [r.code for r in item_list.list_categories(s, on=date(2026, 12, 2))] == ["HJWS"]  # stays retired
        assert [r.active for r in item_list.category_history(s, "SZ")] == [True, False, True, False]


def test_an_old_category_keeps_its_past_when_first_dated(db: Database, now: Clock) -> None:
    """A category made before the item list was dated (the demo's, an old database's) gets its row as the first
    version, so cases dispatched earlier still explain with the old limit."""
    from tests.factories import seed_reference

    ref = seed_reference(db)
    with db.write_session() as s:
        old = next(r for r in item_list.list_categories(s) if r.code == ref.cat_env)
        item_list.edit_category(s, old.code, replace(item_list.spec_of(old), limits={old.severity: TimeLimit(DAYS, 9)}),
                                effective_from=date(2026, 11, 24), actor="setup")  # fmt: skip
        history = item_list.category_history(s, old.code)
        assert [r.effective_from for r in history] == [item_list.BEGINNING, date(2026, 11, 24)]
        assert history[0].limits == old.limits and history[-1].limits[old.severity].value == 9


def test_staff_and_posts(town: Database) -> None:
    with town.write_session() as s:
        p = staff.add_person(s, name="李网格", phone="13800001234", department="城管办", login="grid1", actor="setup")
        assert (p.phone_masked, p.department, p.department_name) == ("138****1234", "CG", "城管办")
        post = staff.assign_post(s, p.id, grid_code=GRID, role="网格员", start=date(2026, 1, 1), actor="setup")
        assert post.current and post.grid_name == "幸福社区第一网格"
        with pytest.raises(ValidationError, match="已是"):
            staff.assign_post(s, p.id, grid_code=GRID, role=GridRole.WORKER, start=date(2026, 2, 1), actor="setup")
        staff.assign_post(s, p.id, grid_code=COMMUNITY, role=GridRole.LEADER, start=date(2026, 1, 1), actor="setup")
        with pytest.raises(ValidationError, match="早于"):
            staff.end_post(s, p.id, grid_code=COMMUNITY, role="网格长", on=date(2025, 1, 1), actor="setup")
        staff.end_post(s, p.id, grid_code=COMMUNITY, role="网格长", on=date(2026, 6, 30), actor="setup")
        assert [r.name for r in staff.list_staff(s, grid=GRID)] == ["李网格"]
        assert staff.list_staff(s, grid=COMMUNITY) == []
        assert [r.name for r in staff.list_staff(s, department="CG")] == ["李网格"]
        with pytest.raises(ValidationError, match="登录名"):
            staff.add_person(s, name="同名", login="grid1", actor="setup")
        staff.retire_person(s, p.id, on=date(2026, 11, 24), actor="setup")
        assert staff.list_staff(s) == []
        gone = staff.list_staff(s, include_retired=True)[0]
        assert not gone.active and all(x.end_date is not None for x in gone.posts)
        assert {x.end_date for x in gone.posts} == {date(2026, 6, 30), date(2026, 11, 24)}


def test_township_is_created_once_with_a_township_code(db: Database, now: Clock) -> None:
    with db.write_session() as s:
        assert township.township_of(s) is None
        with pytest.raises(ValidationError, match="不是乡镇级编码"):
            township.create_township(s, name="某社区", code=COMMUNITY, actor="setup")
        with pytest.raises(ValidationError, match="15位数字"):
            township.create_township(s, name="某镇", code="4101", actor="setup")
        township.create_township(s, name="示例镇", code=TOWNSHIP, actor="setup")
        with pytest.raises(ValidationError, match="已有乡镇"):
            township.create_township(s, name="另一镇", code="410102007000000", actor="setup")


@pytest.fixture
def cheap_hashing() -> Iterator[None]:
    saved = passwords._HASHER
    passwords.use_cheap_hashing_for_tests()
    yield
    passwords._HASHER = saved


def test_only_the_sysadmin_changes_reference_data(town: Database, cheap_hashing: None) -> None:
    with town.write_session() as s:
        users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计管理员"),
                        store_hash=not town.is_postgres)  # fmt: skip
        users.add_user(s, "sysadm", "disp1", "调度员甲", password="Grid#2026ok")
        users.grant_post(s, "secadm", "disp1", Post.DISPATCHER)
    with town.write_session() as s:
        with pytest.raises(PermissionDenied, match="维护基础数据"):
            departments.add_department(s, code="NY", name="农业办", actor="disp1")
        with pytest.raises(PermissionDenied):
            staff.add_person(s, name="某人", actor="secadm")
        assert departments.add_department(s, code="NY", name="农业办", actor="sysadm").active


# --- PostgreSQL mode: the server enforces the same (each person on their own login) ----------------------------


@pytest.mark.pg
def test_on_postgresql_the_sysadmin_sets_up_and_phones_stay_masked(pg: Setup) -> None:
    import psycopg

    sysadmin = add_sysadmin(pg)
    sysdb = pg.app_db("sys")
    try:
        with sysdb.write_session() as s:
            departments.add_department(s, code="NY", name="农业办", phone="13812345678", actor=sysadmin)
            departments.edit_department(s, "NY", head="赵主任", actor=sysadmin)
            p = staff.add_person(s, name="李网格", phone="13800001234", department="NY", actor=sysadmin)
            staff.assign_post(s, p.id, grid_code=pg.ref.grid_code, role="网格员", start=date(2026, 1, 1), actor=sysadmin)
            item_list.add_category(s, CategorySpec("NYSC", "农业生产", lead_department="NY",
                                                   limits={Severity.GENERAL: TimeLimit(DAYS, 5)}), actor=sysadmin)  # fmt: skip
        with sysdb.session() as s:
            assert {d.code: d.phone_masked for d in departments.list_departments(s)}["NY"] == "138****5678"
            assert [r.phone_masked for r in staff.list_staff(s, department="NY")] == ["138****1234"]
    finally:
        sysdb.dispose()
    with pg.connect("disp") as conn:  # the server itself refuses a dispatcher's write and anyone's phone read
        for sql in ("INSERT INTO department (code, name, active, short_name, head) VALUES ('X', 'X', true, '', '')",
                    "UPDATE category SET limit_value = 99", "SELECT phone FROM department"):  # fmt: skip
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
        assert ("138****5678",) in conn.execute("SELECT o_phone FROM gc_department_phones()").fetchall()
        assert ("138****1234",) in conn.execute("SELECT o_phone FROM gc_person_phones()").fetchall()
    with pg.connect("gw") as conn:  # a grid worker does not read the staff list's phones (only their own)
        assert conn.execute("SELECT count(*) FROM gc_person_phones()").fetchone() == (0,)
    dispdb = pg.app_db("disp")
    try:
        with dispdb.write_session() as s, pytest.raises(PermissionDenied, match="维护基础数据"):
            departments.add_department(s, code="Y", name="某办", actor=pg.logins["disp"])
    finally:
        dispdb.dispose()
