"""The ledger's data (console.ledger): scope checks, which cases it holds, the cell texts, totals, grouping order,
supervision-notice data and the monthly figures. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from console.db import Database
from console.domain import CaseStatus, CloseType, GridKind, Satisfaction, Severity, Source
from console.errors import NotFound, ValidationError
from console.ledger import (
    LedgerScope,
    iter_ledger_rows,
    ledger_choices,
    ledger_totals,
    monthly_figures,
    notice_data,
    overdue_case_numbers,
    plan_measures,
    resolve_scope,
)
from console.models import Case, Category, Department, Grid, Person

AS_OF = datetime(2026, 6, 30, 12, 0)


@dataclass
class Town:
    town: int
    v1: int
    v2: int
    g11: int
    g12: int
    g21: int
    police: int
    env: int
    person: int
    cat_env: int
    cat_build: int


def _grid(s: Any, code: str, name: str, level: int, parent: int | None) -> int:
    g = Grid(code=code, name=name, level=level, parent_id=parent, kind=GridKind.REGULAR, households=0, active=True,
             pinyin_initials="")  # fmt: skip
    s.add(g)
    s.flush()
    return g.id


def build_town(db: Database) -> Town:
    with db.session() as s:
        town = _grid(s, "410102006000000", "三官庙街道", 1, None)
        v1 = _grid(s, "410102006001000", "绿云社区", 2, town)
        v2 = _grid(s, "410102006002000", "冯湾村", 2, town)
        g11 = _grid(s, "410102006001001", "一号楼院", 3, v1)
        g12 = _grid(s, "410102006001002", "绿云社区二号楼院", 3, v1)
        g21 = _grid(s, "410102006002001", "第一村民小组", 3, v2)
        police = Department(code="PCS", name="派出所", active=True)
        env = Department(code="HBB", name="环保办", active=True)
        s.add_all([police, env])
        s.flush()
        person = Person(name="王建国", department_id=env.id, active=True)
        cat_env = Category(
            code="RC03", name="环境卫生", key_area=False, severity=Severity.SIMPLE, limit_value=3
        )
        cat_build = Category(
            code="ZD03", name="非法建设", key_area=True, severity=Severity.COMPLEX, limit_value=10
        )
        s.add_all([person, cat_env, cat_build])
        s.flush()
        return Town(town, v1, v2, g11, g12, g21, police.id, env.id, person.id, cat_env.id, cat_build.id)


_seq = iter(range(1, 10_000))


def add_case(
    db: Database, t: Town, *, grid: int, status: CaseStatus, reported: datetime, **fields: Any
) -> str:
    seq = next(_seq)
    with db.session() as s:
        code = s.get(Grid, grid).code  # type: ignore[union-attr]
        number = f"{reported.year}-{seq:06d}"
        values: dict[str, Any] = dict(
            number=number, township_id=t.town, year=reported.year, seq=seq, grid_id=grid, grid_code=code,
            category_id=t.cat_env, severity=Severity.GENERAL, source=Source.PATROL, status=status,
            summary="楼道堆放杂物", description="", reported_by="gw01", reported_at=reported,
            updated_at=reported, updated_by="gw01",
        )  # fmt: skip
        values.update(fields)
        s.add(Case(**values))
    return number


@pytest.fixture
def town(db: Database) -> Town:
    t = build_town(db)
    jan = datetime(2026, 1, 10, 9)
    # closed late, with a result and a satisfaction rating
    add_case(db, t, grid=t.g11, status=CaseStatus.EVALUATED, reported=jan, lead_department_id=t.env,
             responsible_person_id=t.person, instructions="限期清理", due_at=jan + timedelta(days=3),
             feedback_at=jan + timedelta(days=5), closed_at=jan + timedelta(days=6), close_type=CloseType.SOLVED,
             result="已清运完毕", satisfaction=Satisfaction.SATISFIED, supervise_count=2)  # fmt: skip
    # open and overdue
    add_case(db, t, grid=t.g12, status=CaseStatus.IN_PROGRESS, reported=jan + timedelta(days=30),
             lead_department_id=t.police, due_at=datetime(2026, 2, 20), description="夜间噪音扰民（多次反映）",
             summary="噪音扰民")  # fmt: skip
    # open, deadline passed but the clock is paused (long-term plan): not overdue
    add_case(db, t, grid=t.g21, status=CaseStatus.LONG_TERM, reported=jan + timedelta(days=40),
             category_id=t.cat_build, lead_department_id=t.env, due_at=datetime(2026, 3, 1),
             governance_plan=json.dumps({"measures": "分期拆除", "milestones": ["6月底拆除一层"]}, ensure_ascii=False),
             next_review_on=date(2026, 7, 1), summary="违规搭建彩钢房")  # fmt: skip
    # open, not yet dispatched
    add_case(db, t, grid=t.g21, status=CaseStatus.ACCEPTED, reported=jan + timedelta(days=100))
    # self-handled, closed on time
    add_case(db, t, grid=t.v1, status=CaseStatus.CLOSED, reported=jan + timedelta(days=120), self_handled=True,
             self_handled_action="现场劝离", closed_at=jan + timedelta(days=120), close_type=CloseType.SOLVED)  # fmt: skip
    # not on the ledger: rejected, merged, and one from last year
    add_case(db, t, grid=t.g11, status=CaseStatus.REJECTED, reported=jan + timedelta(days=5))
    add_case(db, t, grid=t.g11, status=CaseStatus.MERGED, reported=jan + timedelta(days=6))
    add_case(db, t, grid=t.g11, status=CaseStatus.IN_PROGRESS, reported=datetime(2025, 12, 31, 23, 59))
    return t


def rows(db: Database, **scope: Any) -> list[Any]:
    with db.sessions() as s:
        r = resolve_scope(s, LedgerScope(**scope), as_of=AS_OF)
        return list(iter_ledger_rows(s, r, batch=2))


def test_default_scope_is_the_whole_township_this_year(db: Database, town: Town) -> None:
    with db.sessions() as s:
        r = resolve_scope(s, LedgerScope(), as_of=AS_OF)
    assert (r.date_from, r.date_to) == (date(2026, 1, 1), date(2026, 12, 31))
    assert r.title == "三官庙街道问题整改台账"
    got = rows(db)
    assert len(got) == 5  # rejected, merged and last year's case are not on it
    assert [row.found_on for row in got] == sorted(row.found_on for row in got)


def test_cell_texts(db: Database, town: Town) -> None:
    first, noisy, plan, fresh, self_handled = rows(db)
    assert first.grid == "绿云社区·一号楼院"  # a level-3 name gets its village in front, with a separator
    assert first.responsible == "环保办\n王建国"
    assert first.measures == "限期清理"
    assert first.progress == "已解决：已清运完毕"
    assert first.closed_on == date(2026, 1, 16) and first.closed and not first.overdue
    assert first.remarks == "超期办结；督办2次；回访满意"
    assert noisy.description == "噪音扰民：夜间噪音扰民（多次反映）"
    assert noisy.grid == "绿云社区二号楼院"  # already carries the village name
    assert noisy.overdue and noisy.remarks == "超期" and noisy.progress == "办理中"
    assert plan.measures == "分期拆除\n节点：6月底拆除一层\n下次复核：2026年7月1日"  # 挂账: the plan and its review
    assert not plan.overdue and plan.progress == "挂账"
    assert fresh.responsible == "" and fresh.due_on is None
    assert self_handled.measures == "现场处置：现场劝离" and "自巡自办" in self_handled.remarks


def test_totals_match_rows_and_database(db: Database, town: Town) -> None:
    with db.sessions() as s:
        r = resolve_scope(s, LedgerScope(), as_of=AS_OF)
        totals = ledger_totals(s, r)
    assert (totals.total, totals.closed, totals.open, totals.overdue) == (5, 2, 3, 1)
    assert totals.closure_rate == "40.00%"


def test_scope_filters(db: Database, town: Town) -> None:
    assert len(rows(db, grid_code="410102006001000")) == 3  # the village and its subtree
    assert len(rows(db, grid_code="410102006001001")) == 1
    assert [r.category for r in rows(db, key_area="非法建设")] == ["非法建设"]
    assert len(rows(db, department="环保办")) == 2
    assert len(rows(db, department="PCS")) == 1  # by code too
    assert len(rows(db, open_only=True)) == 3
    assert len(rows(db, date_from=date(2026, 2, 1), date_to=date(2026, 2, 19))) == 2
    assert len(rows(db, date_from=date(2025, 12, 31), date_to=date(2025, 12, 31))) == 1


def test_scope_errors(db: Database, town: Town) -> None:
    with db.sessions() as s:
        with pytest.raises(ValidationError, match="未知的网格编码：999"):
            resolve_scope(s, LedgerScope(grid_code="999"))
        with pytest.raises(ValidationError, match="早于开始日期"):
            resolve_scope(s, LedgerScope(date_from=date(2026, 5, 1), date_to=date(2026, 4, 1)))
        with pytest.raises(ValidationError, match="未知的部门"):
            resolve_scope(s, LedgerScope(department="外星办"))
        with pytest.raises(ValidationError, match="非法建设"):  # the message lists the key areas
            resolve_scope(s, LedgerScope(key_area="不存在"))
        with pytest.raises(ValidationError, match="分组"):
            resolve_scope(s, LedgerScope(group_by="colour"))


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        ("grid", ["绿云社区", "绿云社区", "绿云社区", "冯湾村", "冯湾村"]),
        ("department", ["派出所", "环保办", "环保办", "未派遣", "未派遣"]),
        ("key_area", ["非法建设", "环境卫生", "环境卫生", "环境卫生", "环境卫生"]),
    ],
)
def test_grouping_keeps_groups_together(db: Database, town: Town, group_by: str, expected: list[str]) -> None:
    assert [r.group for r in rows(db, group_by=group_by)] == expected


def test_grouping_below_a_village_is_by_grid(db: Database, town: Town) -> None:
    got = [r.group for r in rows(db, grid_code="410102006001000", group_by="grid")]
    assert got == ["绿云社区（本级）", "一号楼院", "绿云社区二号楼院"]


def test_notice_data(db: Database, town: Town) -> None:
    with db.sessions() as s:
        overdue = overdue_case_numbers(s, as_of=AS_OF)
        assert len(overdue) == 1
        (notice,) = notice_data(s, overdue, as_of=AS_OF)
        assert notice.department == "派出所" and notice.overdue_days == 131
        with pytest.raises(NotFound):
            notice_data(s, ["2026-999999"])
        closed = rows(db)[0].number
        with pytest.raises(ValidationError, match="无需督办"):
            notice_data(s, [closed])


def test_monthly_figures(db: Database, town: Town) -> None:
    with db.sessions() as s:
        jan = monthly_figures(s, 2026, 1)
        feb = monthly_figures(s, 2026, 2)
    # January: the evaluated case, the rejected and the merged one
    assert (jan.total.reported, jan.total.accepted, jan.total.closed, jan.total.on_time) == (3, 1, 1, 0)
    assert jan.total.satisfaction_rate == "100.00%"
    assert {r.name: r.reported for r in jan.by_grid} == {"绿云社区": 3}
    assert {r.name for r in feb.by_department} == {"派出所", "环保办"}
    assert feb.total.overdue == 1  # the noisy case, due 20 February, still open at the end of the month
    with pytest.raises(ValidationError):
        monthly_figures(s, 2026, 13)


def test_choices_and_plan_text(db: Database, town: Town) -> None:
    with db.sessions() as s:
        choices = ledger_choices(s)
    assert choices.grids[0] == ("410102006000000", "三官庙街道")
    assert choices.categories[0] == ("非法建设", True)
    assert plan_measures("not json") == "not json"
    demo_style = {
        "measures": ["纳入年度改造计划", "先行设置警示"],
        "milestones": [{"on": "2026-07-03", "what": "立项"}],
    }
    assert plan_measures(json.dumps(demo_style)) == "纳入年度改造计划；先行设置警示\n节点：2026-07-03 立项"
