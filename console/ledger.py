"""What the printed forms say: rows of the rectification ledger (问题整改台账), supervision notices (督办单),
case sheets (案件处理单) and the monthly bulletin's figures (月通报).

Pure data, no layout: `reports/` draws these. Ledger rows are streamed (`yield_per`) in print order, so a
100,000-case ledger never sits in memory. Which cases a ledger holds: every case reported in the period and
scope except those not accepted (不予受理) or merged into another (已合并) — those are not problems to rectify.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from console import clock
from console.domain import CLOSED_STATUSES, OPEN_STATUSES, CaseStatus, Satisfaction
from console.errors import NotFound, ValidationError
from console.grid_codes import subtree_prefix
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Case, Category, Department, Grid, Person
from console.overdue import CASE_OVERDUE_DEFINITION, case_overdue_clause, is_case_overdue, overdue_days
from console.settings import get_setting

GROUP_BY = {"grid": "网格", "department": "责任单位", "key_area": "问题类别"}
EXCLUDED_STATUSES = (CaseStatus.REJECTED, CaseStatus.MERGED)
UNASSIGNED = "未派遣"


# --- scope ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerScope:
    """What the user asked for; `resolve_scope` checks it against the database."""

    grid_code: str | None = None
    department: str | None = None  # name or code
    key_area: str | None = None  # category name or code (one of the six key areas, or any category)
    date_from: date | None = None
    date_to: date | None = None
    open_only: bool = False
    group_by: str | None = None  # None / grid / department / key_area


@dataclass(frozen=True)
class ResolvedScope:
    scope: LedgerScope
    township_name: str
    title: str  # 三官庙街道问题整改台账
    scope_text: str  # the scope line printed under the title
    date_from: date
    date_to: date
    as_of: datetime  # overdue is judged at this moment
    grid_prefix: str | None
    grid_level: int  # level of the scope grid (1 = whole township)
    department_id: int | None
    category_id: int | None


def _township(session: Session) -> Grid | None:
    return session.scalars(select(Grid).where(Grid.level == 1).order_by(Grid.id)).first()


def township_name(session: Session) -> str:
    name = get_setting(session, "township_name")
    if name:
        return name
    town = _township(session)
    return town.name if town else ""


def _prefix(code: str, level: int) -> str:
    """The prefix of the level-`level` ancestor of `code` (its own subtree at its own level)."""
    return code[:9] if level == 1 else code[:12] if level == 2 else code


def _find_department(session: Session, text: str) -> Department:
    dept = session.scalars(
        select(Department).where(or_(Department.name == text, Department.code == text))
    ).first()
    if dept is None:
        names = "、".join(session.scalars(select(Department.name).order_by(Department.id)))
        raise ValidationError(Message(QT_TRANSLATE_NOOP("ledger", "未知的部门“%1”，可选：%2"), text, names))
    return dept


def _find_category(session: Session, text: str) -> Category:
    cat = session.scalars(select(Category).where(or_(Category.name == text, Category.code == text))).first()
    if cat is None:
        names = "、".join(
            session.scalars(select(Category.name).where(Category.key_area).order_by(Category.id))
        )
        raise ValidationError(Message(QT_TRANSLATE_NOOP("ledger", "未知的重点领域/问题类别“%1”，重点领域：%2"), text, names))
    return cat


def resolve_scope(session: Session, scope: LedgerScope, *, as_of: datetime | None = None) -> ResolvedScope:
    """Check the scope (unknown grid/department/category, reversed period → ValidationError) and describe it."""
    now = as_of or clock.now()
    if scope.group_by not in (None, *GROUP_BY):
        raise ValidationError(Message(QT_TRANSLATE_NOOP("ledger", "无效的分组方式“%1”，可选：grid、department、key_area"), scope.group_by))
    date_from = scope.date_from or date(now.year, 1, 1)
    date_to = scope.date_to or date(date_from.year, 12, 31)
    if date_to < date_from:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("ledger", "结束日期 %1 早于开始日期 %2"), date_to, date_from))
    town = township_name(session)
    parts: list[str] = []
    prefix: str | None = None
    level = 1
    if scope.grid_code:
        grid = session.scalars(select(Grid).where(Grid.code == scope.grid_code.strip())).first()
        if grid is None:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("ledger", "未知的网格编码：%1"), scope.grid_code))
        prefix, level = subtree_prefix(grid.code), grid.level
        parts.append(f"网格：{grid.name}（{grid.code}）")
    else:
        parts.append(f"范围：{town or '全辖区'}全域")
    dept_id = cat_id = None
    if scope.department:
        dept = _find_department(session, scope.department.strip())
        dept_id = dept.id
        parts.append(f"责任单位：{dept.name}")
    if scope.key_area:
        cat = _find_category(session, scope.key_area.strip())
        cat_id = cat.id
        parts.append(f"{'重点领域' if cat.key_area else '问题类别'}：{cat.name}")
    parts.append(  # GB/T 9704: no zero padding
        f"发现日期：{date_from.year}年{date_from.month}月{date_from.day}日至"
        f"{date_to.year}年{date_to.month}月{date_to.day}日"
    )
    if scope.open_only:
        parts.append("仅未办结")
    if scope.group_by:
        parts.append(f"按{GROUP_BY[scope.group_by]}分组")
    return ResolvedScope(
        scope=scope,
        township_name=town,
        title=f"{town}问题整改台账",
        scope_text="　".join(parts),
        date_from=date_from,
        date_to=date_to,
        as_of=now,
        grid_prefix=prefix,
        grid_level=level,
        department_id=dept_id,
        category_id=cat_id,
    )


def _filters(r: ResolvedScope) -> list[ColumnElement[bool]]:
    start = datetime.combine(r.date_from, time())
    end = datetime.combine(r.date_to + timedelta(days=1), time())
    conds: list[ColumnElement[bool]] = [
        Case.reported_at >= start,
        Case.reported_at < end,
        Case.status.not_in(EXCLUDED_STATUSES),
    ]
    if r.grid_prefix:
        conds.append(Case.grid_code.startswith(r.grid_prefix, autoescape=True))
    if r.department_id is not None:
        conds.append(Case.lead_department_id == r.department_id)
    if r.category_id is not None:
        conds.append(Case.category_id == r.category_id)
    if r.scope.open_only:
        conds.append(Case.status.in_(OPEN_STATUSES))
    return conds


# --- totals -----------------------------------------------------------------------------------------------------


@dataclass
class LedgerTotals:
    total: int = 0
    closed: int = 0  # 已办结 (closed or evaluated)
    open: int = 0  # 未办结
    overdue: int = 0  # 办理超期 (console.overdue)

    @property
    def closure_rate(self) -> str:
        return f"{self.closed * 100 / self.total:.2f}%" if self.total else "—"

    def add(self, row: LedgerRow) -> None:
        self.total += 1
        if row.closed:
            self.closed += 1
        else:
            self.open += 1
        if row.overdue:
            self.overdue += 1

    def text(self) -> str:
        return (
            f"共{self.total}件，已办结{self.closed}件，未办结{self.open}件"
            f"（其中办理超期{self.overdue}件），办结率{self.closure_rate}"
        )


def ledger_totals(session: Session, r: ResolvedScope) -> LedgerTotals:
    """The ledger's totals straight from the database (one query)."""
    closed = func.sum(case((Case.status.in_(CLOSED_STATUSES), 1), else_=0))
    overdue = func.sum(case((case_overdue_clause(r.as_of), 1), else_=0))
    total, n_closed, n_overdue = session.execute(
        select(func.count(Case.id), closed, overdue).where(*_filters(r))
    ).one()
    total = int(total or 0)
    return LedgerTotals(total, int(n_closed or 0), total - int(n_closed or 0), int(n_overdue or 0))


# --- rows -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    """One printed line of the ledger, every cell already as text."""

    number: str  # 编号
    found_on: date  # 发现日期
    grid: str  # 所属网格
    category: str  # 问题类别
    description: str  # 问题描述
    responsible: str  # 责任单位/责任人 (unit and person on two lines)
    measures: str  # 整改措施
    due_on: date | None  # 整改时限
    progress: str  # 完成情况
    closed_on: date | None  # 销号日期
    remarks: str  # 备注
    group: str  # label of the group the row belongs to ("" when not grouped)
    closed: bool
    overdue: bool


@dataclass
class _Names:
    grids: dict[int, str] = field(default_factory=dict)  # id → printed name
    prefixes: dict[str, str] = field(default_factory=dict)  # subtree prefix → name (group labels)
    departments: dict[int, str] = field(default_factory=dict)
    people: dict[int, str] = field(default_factory=dict)
    categories: dict[int, str] = field(default_factory=dict)


def _load_names(session: Session) -> _Names:
    names = _Names()
    grids = session.execute(select(Grid.id, Grid.code, Grid.name, Grid.level, Grid.parent_id)).all()
    by_id = {g.id: g for g in grids}
    for g in grids:
        parent = by_id.get(g.parent_id) if g.parent_id else None
        printed = g.name
        if g.level == 3 and parent is not None and not g.name.startswith(parent.name):
            printed = f"{parent.name}·{g.name}"  # the separator is where a narrow cell breaks the name
        names.grids[g.id] = printed
        names.prefixes[subtree_prefix(g.code)] = g.name
    names.departments = dict(session.execute(select(Department.id, Department.name)).tuples().all())
    names.people = dict(session.execute(select(Person.id, Person.name)).tuples().all())
    names.categories = dict(session.execute(select(Category.id, Category.name)).tuples().all())
    return names


def plan_measures(plan_json: str) -> str:
    """The measures of a governance plan (治理计划), with its milestones."""
    try:
        plan: Any = json.loads(plan_json)
    except ValueError:
        return plan_json
    if not isinstance(plan, dict):
        return str(plan)
    measures = plan.get("measures") or ""
    text = "；".join(str(m) for m in measures) if isinstance(measures, list) else str(measures)
    milestones = [_milestone(m) for m in plan.get("milestones") or []]
    milestones = [m for m in milestones if m]
    if milestones:
        text += "\n节点：" + "；".join(milestones)
    return text


def _milestone(item: Any) -> str:
    """A milestone as printed: "2026-07-03 立项" (stored as text, or as {"on": …, "what": …})."""
    if isinstance(item, dict):
        return " ".join(str(item[k]) for k in ("on", "what") if item.get(k))
    return str(item)


def _progress(status: CaseStatus, close_label: str | None, result: str) -> str:
    if status in CLOSED_STATUSES:
        head = close_label or "已办结"
        return f"{head}：{result}" if result else head
    if result and status in (CaseStatus.FEEDBACK, CaseStatus.VERIFIED):
        return f"{status.label}：{result}"
    return status.label


_ROW_COLUMNS = (
    Case.number, Case.reported_at, Case.grid_id, Case.grid_code, Case.category_id, Case.summary,
    Case.description, Case.lead_department_id, Case.responsible_person_id, Case.instructions,
    Case.self_handled, Case.self_handled_action, Case.governance_plan, Case.due_at, Case.status,
    Case.close_type, Case.result, Case.closed_at, Case.feedback_at, Case.extension_count,
    Case.supervise_count, Case.rework_count, Case.satisfaction, Case.next_review_on,
)  # fmt: skip


def iter_ledger_rows(session: Session, r: ResolvedScope, *, batch: int = 2000) -> Iterator[LedgerRow]:
    """The ledger's rows in print order (grouped if asked, then by found time), streamed from the database."""
    names = _load_names(session)
    order: list[Any] = []
    group_by = r.scope.group_by
    child_level = min(r.grid_level + 1, 3)
    if group_by == "grid":
        order.append(Case.grid_code)
    elif group_by == "department":
        order += [case((Case.lead_department_id.is_(None), 1), else_=0), Case.lead_department_id]
    elif group_by == "key_area":
        order += [case((Category.key_area, 0), else_=1), Category.code]
    stmt = select(*_ROW_COLUMNS).where(*_filters(r))
    if group_by == "key_area":
        stmt = stmt.join(Category, Category.id == Case.category_id)
    stmt = stmt.order_by(*order, Case.reported_at, Case.id).execution_options(yield_per=batch)
    as_of = r.as_of
    scope_name = names.prefixes.get(r.grid_prefix or "") or r.township_name
    for c in session.execute(stmt):
        status = CaseStatus(c.status)
        closed = status in CLOSED_STATUSES
        overdue = is_case_overdue(status, c.due_at, as_of)
        if group_by == "grid":
            key = _prefix(c.grid_code, child_level) if r.grid_level < 3 else c.grid_code
            group = names.prefixes.get(key) or f"{scope_name}（本级）"  # filed at the scope grid itself
        elif group_by == "department":
            group = (
                names.departments.get(c.lead_department_id, UNASSIGNED)
                if c.lead_department_id
                else UNASSIGNED
            )
        elif group_by == "key_area":
            group = names.categories.get(c.category_id, "")
        else:
            group = ""
        description = c.summary
        if c.description and c.description != c.summary:
            description = f"{c.summary}：{c.description}" if c.summary else c.description
        unit = names.departments.get(c.lead_department_id, "") if c.lead_department_id else ""
        person = names.people.get(c.responsible_person_id, "") if c.responsible_person_id else ""
        responsible = "\n".join(p for p in (unit, person) if p)
        if c.governance_plan:
            measures = plan_measures(c.governance_plan)
            if c.status == CaseStatus.LONG_TERM and c.next_review_on is not None:  # 挂账: when it is looked at again
                review = c.next_review_on
                measures += f"\n下次复核：{review.year}年{review.month}月{review.day}日"
        elif c.instructions:
            measures = c.instructions
        elif c.self_handled and c.self_handled_action:
            measures = f"现场处置：{c.self_handled_action}"
        else:
            measures = ""
        remarks: list[str] = []
        if overdue:
            remarks.append("超期")
        elif closed and c.due_at is not None and c.feedback_at is not None and c.feedback_at > c.due_at:
            remarks.append("超期办结")
        if c.self_handled:
            remarks.append("自巡自办")
        if c.extension_count:
            remarks.append(f"延期{c.extension_count}次")
        if c.supervise_count:
            remarks.append(f"督办{c.supervise_count}次")
        if c.rework_count:
            remarks.append(f"返工{c.rework_count}次")
        if c.satisfaction:
            remarks.append(f"回访{Satisfaction(c.satisfaction).label}")
        close_label = c.close_type.label if c.close_type else None
        yield LedgerRow(
            number=c.number,
            found_on=c.reported_at.date(),
            grid=names.grids.get(c.grid_id, c.grid_code),
            category=names.categories.get(c.category_id, ""),
            description=description,
            responsible=responsible,
            measures=measures,
            due_on=c.due_at.date() if c.due_at else None,
            progress=_progress(status, close_label, c.result),
            closed_on=c.closed_at.date() if closed and c.closed_at else None,
            remarks="；".join(remarks),
            group=group,
            closed=closed,
            overdue=overdue,
        )


# --- supervision notices (督办单) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeData:
    number: str
    summary: str
    description: str
    grid: str
    address: str
    category: str
    reported_at: datetime
    dispatched_at: datetime | None
    department: str
    person: str
    due_at: datetime | None
    status: CaseStatus
    overdue_days: int | None  # whole days past the deadline (None: not overdue)
    supervise_count: int
    instructions: str


def notice_data(
    session: Session, numbers: Sequence[str], *, as_of: datetime | None = None
) -> list[NoticeData]:
    """One notice per case number, in the order given. Closed or unknown cases are refused."""
    now = as_of or clock.now()
    if not numbers:
        raise ValidationError(QT_TRANSLATE_NOOP("ledger", "请至少指定一个案件编号"))
    names = _load_names(session)
    out: list[NoticeData] = []
    for number in numbers:
        c = session.scalars(select(Case).where(Case.number == number.strip())).first()
        if c is None:
            raise NotFound(Message(QT_TRANSLATE_NOOP("ledger", "案件 %1 不存在"), number))
        if c.due_at is None or not is_case_overdue(c.status, c.due_at, now):
            raise ValidationError(
                f"案件 {c.number} 当前为“{c.status.label}”，未办理超期，无需督办（{CASE_OVERDUE_DEFINITION}）"
            )
        overdue = overdue_days(c.due_at, now)
        out.append(
            NoticeData(
                number=c.number,
                summary=c.summary,
                description=c.description,
                grid=names.grids.get(c.grid_id, c.grid_code),
                address=c.address,
                category=names.categories.get(c.category_id, ""),
                reported_at=c.reported_at,
                dispatched_at=c.dispatched_at,
                department=names.departments.get(c.lead_department_id, "") if c.lead_department_id else "",
                person=names.people.get(c.responsible_person_id, "") if c.responsible_person_id else "",
                due_at=c.due_at,
                status=c.status,
                overdue_days=overdue,
                supervise_count=c.supervise_count,
                instructions=c.instructions,
            )
        )
    return out


def overdue_case_numbers(session: Session, *, as_of: datetime | None = None, limit: int = 500) -> list[str]:
    """Cases 办理超期 (console.overdue), oldest deadline first: a 督办单 batch never reaches a paused case or one
    already fed back."""
    now = as_of or clock.now()
    stmt = select(Case.number).where(case_overdue_clause(now)).order_by(Case.due_at, Case.id).limit(limit)
    return list(session.scalars(stmt))


# --- monthly bulletin (月通报) figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    """One line of the bulletin's figures: a grid or a department, or the total."""

    name: str
    reported: int  # 上报: reported in the month
    accepted: int  # 立案: of those, accepted (not rejected/merged, past intake)
    closed: int  # 办结: of those, closed by the end of the month
    on_time: int  # 按期办结: closed, handled (feedback) within the deadline
    overdue: int  # 超期未办结 at the end of the month
    rework: int  # 返工次数
    evaluated: int  # 回访评价数
    satisfied: int  # 满意 + 基本满意

    @staticmethod
    def _rate(n: int, d: int) -> str:
        return f"{n * 100 / d:.2f}%" if d else "—"

    @property
    def closure_rate(self) -> str:
        return self._rate(self.closed, self.accepted)

    @property
    def on_time_rate(self) -> str:
        return self._rate(self.on_time, self.closed)

    @property
    def satisfaction_rate(self) -> str:
        return self._rate(self.satisfied, self.evaluated)


@dataclass(frozen=True)
class MonthlyFigures:
    township_name: str
    year: int
    month: int
    by_grid: list[FigureRow]
    by_department: list[FigureRow]
    total: FigureRow


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    if not 1 <= month <= 12:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("ledger", "无效的月份：%1-%2"), year, month))
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    return start, end


def monthly_figures(session: Session, year: int, month: int) -> MonthlyFigures:
    """Figures of the cases reported in the month, per level-2 grid and per lead department."""
    start, end = month_bounds(year, month)
    accepted = Case.status.not_in((CaseStatus.REPORTED, *EXCLUDED_STATUSES))
    closed = and_(Case.status.in_(CLOSED_STATUSES), Case.closed_at < end)
    on_time = and_(
        closed, or_(Case.due_at.is_(None), Case.feedback_at.is_(None), Case.feedback_at <= Case.due_at)
    )
    overdue = case_overdue_clause(min(end, clock.now()))
    satisfied = Case.satisfaction.in_((Satisfaction.SATISFIED, Satisfaction.BASICALLY))

    def n(cond: ColumnElement[bool]) -> Any:
        return func.sum(case((cond, 1), else_=0))

    measures = (
        func.count(Case.id), n(accepted), n(closed), n(on_time), n(overdue),
        func.coalesce(func.sum(Case.rework_count), 0), n(Case.satisfaction.is_not(None)), n(satisfied),
    )  # fmt: skip
    period = (Case.reported_at >= start, Case.reported_at < end)

    def row(name: str, values: Sequence[Any]) -> FigureRow:
        return FigureRow(name, *(int(v or 0) for v in values))

    village = func.substr(Case.grid_code, 1, 12)
    names = _load_names(session)
    town = township_name(session)
    by_grid = [
        row(names.prefixes.get(key) or f"{town}（本级）", values)
        for key, *values in session.execute(
            select(village, *measures).where(*period).group_by(village).order_by(village)
        )
    ]
    by_department = [
        row(names.departments.get(dept_id, UNASSIGNED) if dept_id else UNASSIGNED, values)
        for dept_id, *values in session.execute(
            select(Case.lead_department_id, *measures)
            .where(*period)
            .group_by(Case.lead_department_id)
            .order_by(Case.lead_department_id)
        )
    ]
    total = row("合计", session.execute(select(*measures).where(*period)).one())
    return MonthlyFigures(town, year, month, by_grid, by_department, total)


# --- choices for the print dialog --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerChoices:
    """What a ledger can be scoped to: grids (code, indented name), departments, categories (key areas first)."""

    grids: list[tuple[str, str]]
    departments: list[str]
    categories: list[tuple[str, bool]]  # (name, is one of the six key areas)


def ledger_choices(session: Session) -> LedgerChoices:
    grids = [
        (code, "　" * (level - 1) + name)
        for code, name, level in session.execute(
            select(Grid.code, Grid.name, Grid.level).where(Grid.active.is_(True)).order_by(Grid.code)
        )
    ]
    departments = list(
        session.scalars(select(Department.name).where(Department.active.is_(True)).order_by(Department.id))
    )
    categories = [
        (name, bool(key))
        for name, key in session.execute(
            select(Category.name, Category.key_area).order_by(Category.key_area.desc(), Category.code)
        )
    ]
    return LedgerChoices(grids, departments, categories)
