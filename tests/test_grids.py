"""Grid codes and map changes (rename, split, merge, deactivate): old grids keep their codes and cases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from console import clock
from console.db import Database
from console.demo.township import TOWNSHIP_CODE, create_reference
from console.domain import GridChange, GridKind
from console.errors import ValidationError
from console.grids import (
    NewGrid,
    create_grid,
    deactivate_grid,
    get_grid,
    lineage,
    merge_grids,
    name_at,
    parent_code_of,
    pinyin_initials,
    rename_grid,
    search_grids,
    split_grid,
    subtree_prefix,
    validate_code,
)
from console.models import Case, Grid, GridEvent
from console.workflow.commands import Reject
from console.workflow.service import CaseService, ReportInput

TOWN = TOWNSHIP_CODE + "000000"  # 410102006000000
VILLAGE = TOWNSHIP_CODE + "001000"  # 三官庙社区
CELL = TOWNSHIP_CODE + "001001"  # 三官庙1号院


@pytest.fixture
def township(db: Database) -> Database:
    with db.session() as s:
        create_reference(s, today=date(2026, 11, 25), seed=7)
    return db


def test_code_helpers() -> None:
    assert validate_code(TOWN) == 1
    assert validate_code(VILLAGE, parent_code=TOWN) == 2
    assert validate_code(CELL, level=3, parent_code=VILLAGE) == 3
    assert (
        parent_code_of(CELL) == VILLAGE and parent_code_of(VILLAGE) == TOWN and parent_code_of(TOWN) is None
    )
    assert subtree_prefix(TOWN) == "410102006"
    assert subtree_prefix(VILLAGE) == "410102006001"
    assert subtree_prefix(CELL) == CELL
    assert pinyin_initials("三官庙") == "sgm"
    assert pinyin_initials("三官庙1号院") == "sgm1hy"


@pytest.mark.parametrize(
    ("code", "kwargs", "fragment"),
    [
        ("41010200600100", {}, "15位数字"),
        ("41010200600100A", {}, "15位数字"),
        ("410102000001000", {}, "乡镇"),
        (CELL, {"level": 2}, "层级"),
        (TOWNSHIP_CODE + "002001", {"parent_code": VILLAGE}, "未延续上级网格编码"),
        (TOWNSHIP_CODE + "950000", {"kind": GridKind.REGULAR}, "900-999"),
        (TOWNSHIP_CODE + "020000", {"kind": GridKind.ENTERPRISE}, "900-999"),
    ],
)
def test_validate_code_refuses(code: str, kwargs: dict, fragment: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationError, match=fragment):
        validate_code(code, **kwargs)


def _report(db: Database, code: str) -> int:
    return (
        CaseService(db, "tester").report(ReportInput(grid=code, category="环境卫生", summary="垃圾未清运")).id
    )


def _settled(db: Database, code: str) -> int:
    """A case filed under `code` and no longer open (open cases must move with a re-zoning: test_rezoning)."""
    svc = CaseService(db, "tester")
    ref = svc.report(ReportInput(grid=code, category="环境卫生", summary="垃圾未清运"))
    return svc.act(ref.id, Reject("已由物业自行清运"), ref.version).id


def test_create_and_search(township: Database) -> None:
    with township.session() as s:
        g = create_grid(
            s, code=TOWNSHIP_CODE + "905000", name="郑州西站专属网格", kind=GridKind.SPECIAL, actor="t"
        )
        assert g.level == 2 and g.pinyin_initials == "zzxzzswg"
        cell = create_grid(s, code=TOWNSHIP_CODE + "905001", name="西站广场", actor="t")
        assert cell.kind is GridKind.SPECIAL  # cells of a special grid inherit its kind
        with pytest.raises(ValidationError, match="已存在"):
            create_grid(s, code=TOWNSHIP_CODE + "905001", name="重复", actor="t")
        with pytest.raises(ValidationError, match="不存在"):
            create_grid(s, code=TOWNSHIP_CODE + "030001", name="无上级", actor="t")
    with township.session() as s:
        assert [g.code for g in search_grids(s, "zzxz")] == [TOWNSHIP_CODE + "905000"]
        assert {g.code for g in search_grids(s, "西站")} == {
            TOWNSHIP_CODE + "905000",
            TOWNSHIP_CODE + "905001",
        }
        assert CELL in {g.code for g in search_grids(s, "4101020060010")}


def test_rename_keeps_code_cases_and_old_name(township: Database) -> None:
    case_id = _report(township, CELL)
    later = clock.now() + timedelta(hours=1)
    clock.set_clock(lambda: later)
    try:
        with township.session() as s:
            g = rename_grid(s, CELL, "三官庙一号院", actor="t", note="门牌调整")
            grid_id = g.id
    finally:
        clock.set_clock(None)
    with township.session() as s:
        g = get_grid(s, CELL)
        assert g.id == grid_id and g.name == "三官庙一号院" and g.active and g.pinyin_initials == "sgmyhy"
        case = s.get(Case, case_id)
        assert case is not None and case.grid_id == grid_id and case.grid_code == CELL
        ev = s.scalar(
            select(GridEvent).where(GridEvent.grid_id == grid_id, GridEvent.change == GridChange.RENAME)
        )
        assert ev is not None and ev.old_name == "三官庙1号院" and ev.new_name == "三官庙一号院"
        assert name_at(s, g, case.reported_at) == "三官庙1号院"
        assert name_at(s, g, later + timedelta(seconds=1)) == "三官庙一号院"
        with pytest.raises(ValidationError, match="相同"):
            rename_grid(s, CELL, "三官庙一号院", actor="t")


def test_split_keeps_old_cases_and_links_lineage(township: Database) -> None:
    case_id = _settled(township, CELL)
    parts = [
        NewGrid(TOWNSHIP_CODE + "001011", "三官庙1号院北区", 160),
        NewGrid(TOWNSHIP_CODE + "001012", "三官庙1号院南区", 150),
    ]
    with township.session() as s:
        new = split_grid(s, CELL, parts, actor="t", note="户数过多")
        new_ids = {g.id for g in new}
    with township.session() as s:
        old = get_grid(s, CELL)
        assert not old.active and old.valid_to is not None
        case = s.get(Case, case_id)
        assert case is not None and case.grid_id == old.id and case.grid_code == CELL
        lin = lineage(s, old.id)
        assert {g.id for g in lin.successors} == new_ids and lin.predecessors == []
        north = get_grid(s, TOWNSHIP_CODE + "001011")
        assert north.parent_id == old.parent_id and north.households == 160 and north.active
        back = lineage(s, north.id)
        assert [g.code for g in back.predecessors] == [CELL]
        assert back.all_ids == {north.id, old.id}
        # the statistics of the new grid over its lineage still count the old case
        n = s.scalar(select(func.count()).select_from(Case).where(Case.grid_id.in_(back.all_ids)))
        assert n == 1
    with pytest.raises(ValidationError, match="已撤销"):
        _report(township, CELL)  # no new reports on a closed grid
    _report(township, TOWNSHIP_CODE + "001011")


def test_split_refusals(township: Database) -> None:
    def refused(code: str, parts: list[NewGrid], fragment: str) -> None:
        with pytest.raises(ValidationError, match=fragment), township.session() as s:
            split_grid(s, code, parts, actor="t")

    refused(
        VILLAGE, [NewGrid(TOWNSHIP_CODE + "030000", "a"), NewGrid(TOWNSHIP_CODE + "031000", "b")], "下级网格"
    )
    refused(CELL, [NewGrid(TOWNSHIP_CODE + "001011", "a")], "至少要产生2个")
    refused(
        CELL,
        [NewGrid(TOWNSHIP_CODE + "001012", "b"), NewGrid(TOWNSHIP_CODE + "002011", "a")],
        "未延续上级网格编码",
    )
    refused(CELL, [NewGrid(TOWNSHIP_CODE + "001012", "b"), NewGrid(TOWNSHIP_CODE + "001002", "a")], "已存在")
    with township.session() as s:  # nothing of the refused splits was kept, even inside one open session
        assert get_grid(s, CELL).active
        assert (
            s.scalar(select(func.count()).select_from(Grid).where(Grid.code == TOWNSHIP_CODE + "001012")) == 0
        )
        with pytest.raises(ValidationError, match="已存在"):
            split_grid(s, CELL, [NewGrid(TOWNSHIP_CODE + "001012", "b"), NewGrid(CELL, "a")], actor="t")
        assert get_grid(s, CELL).active  # checked before anything changed


def test_merge_and_deactivate(township: Database) -> None:
    a, b = TOWNSHIP_CODE + "012001", TOWNSHIP_CODE + "012002"
    case_a, case_b = _settled(township, a), _settled(township, b)
    with township.session() as s:
        hh = get_grid(s, a).households + get_grid(s, b).households
        new = merge_grids(s, [a, b], NewGrid(TOWNSHIP_CODE + "012010", "第一二村民小组"), actor="t")
        new_id = new.id
        assert new.households == hh
    with township.session() as s:
        for code, cid in ((a, case_a), (b, case_b)):
            g = get_grid(s, code)
            case = s.get(Case, cid)
            assert not g.active and case is not None and case.grid_id == g.id
            assert [x.id for x in lineage(s, g.id).successors] == [new_id]
        assert {g.code for g in lineage(s, new_id).predecessors} == {a, b}
        with pytest.raises(ValidationError, match="同一上级"):
            merge_grids(
                s,
                [TOWNSHIP_CODE + "012003", TOWNSHIP_CODE + "013001"],
                NewGrid(TOWNSHIP_CODE + "012011", "x"),
                actor="t",
            )
    with township.session() as s:
        g = deactivate_grid(s, TOWNSHIP_CODE + "012003", actor="t", note="并入")
        assert not g.active
        assert (
            s.scalar(
                select(func.count())
                .select_from(GridEvent)
                .where(GridEvent.grid_id == g.id, GridEvent.change == GridChange.DEACTIVATE)
            )
            == 1
        )
