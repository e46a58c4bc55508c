"""What the case dialogs read: before they open (`read_opening`), while the user types (`find_grids`), and after
a refused save (`changes_since`) — plain, detached values (no live ORM objects), so a front end reads them on
a worker thread and the CLI can read the same."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import clock
from console.db import Database
from console.deadlines import TimeLimit, fmt_moment
from console.deadlines.stage_limits import stage_limit, version_on
from console.domain import GridRole, Severity, Stage
from console.duplicates import PossibleDuplicate, find_duplicates
from console.grids import search_grids
from console.models import Case, CaseHistory, Category, Department, Grid, GridAssignment, Person
from console.phrases import all_phrases, get_phrases, may_edit_phrases, set_phrases
from console.settings import get_setting
from console.workflow import timing
from console.workflow.read import ACTION_LABELS, CaseDetail, case_detail

#: grid posts in the order a dispatcher would pick the direct responsible person
ROLE_ORDER = (GridRole.LEADER, GridRole.WORKER, GridRole.SPECIALIST, GridRole.PATROLLER, GridRole.ADMINISTRATOR,
              GridRole.SUPERVISOR, GridRole.ASSISTANT, GridRole.INFORMANT)  # fmt: skip


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True)
class GridChoice:
    code: str
    name: str
    level: int
    pinyin: str


@dataclass(frozen=True)
class CategoryChoice:
    id: int
    code: str
    name: str
    severity: Severity
    default_department_id: int | None
    limit_label: str


@dataclass(frozen=True)
class PersonChoice:
    id: int
    name: str
    department_id: int | None
    post: str  # "网格员·绿云社区一号楼院" for grid post holders, "" for department staff


@dataclass(frozen=True)
class CaseDue:
    case_id: int
    number: str
    due_at: datetime


@dataclass(frozen=True)
class DispatchSuggestion:
    """Item-list defaults for dispatching one or more cases."""

    departments: tuple[Choice, ...]
    lead_department_id: int | None  # the category's default department (None when the cases disagree)
    limit_label: str  # "3 个工作日", or "" for a batch of mixed categories
    dues: tuple[CaseDue, ...]  # the computed 办结时限 per case, were it dispatched now
    grid_people: tuple[PersonChoice, ...]  # current post holders of the cases' grid (one grid only)
    department_people: tuple[PersonChoice, ...]
    co_department_ids: tuple[int, ...] = ()  # the item list's default co-departments (when the cases agree)


def departments(session: Session) -> tuple[Choice, ...]:
    rows = session.execute(
        select(Department.id, Department.name).where(Department.active.is_(True)).order_by(Department.code)
    )
    return tuple(Choice(r[0], r[1]) for r in rows)


def categories(session: Session) -> tuple[CategoryChoice, ...]:
    out = []
    for c in session.scalars(select(Category).where(Category.active.is_(True)).order_by(Category.code)):
        out.append(
            CategoryChoice(
                c.id,
                c.code,
                c.name,
                c.severity,
                c.default_department_id,
                TimeLimit(c.limit_type, c.limit_value).label,
            )  # fmt: skip
        )
    return tuple(out)


def find_grids(session: Session, text: str, limit: int = 30) -> tuple[GridChoice, ...]:
    """Active grids by code prefix, name or pinyin initials (`console.grids.search_grids`)."""
    return tuple(
        GridChoice(g.code, g.name, g.level, g.pinyin_initials)
        for g in search_grids(session, text, active_only=True, limit=limit)
    )


def grid_choice(session: Session, code: str) -> GridChoice | None:
    g = session.scalar(select(Grid).where(Grid.code == code))
    return GridChoice(g.code, g.name, g.level, g.pinyin_initials) if g is not None else None


def attachment_cap(session: Session) -> int:
    return int(get_setting(session, "attachment_max_bytes"))


def grid_post_holders(session: Session, grid_code: str, today: date) -> tuple[PersonChoice, ...]:
    """People holding a post today in the grid, then in its parent grids (the grid leader is often there)."""
    grid = session.scalar(select(Grid).where(Grid.code == grid_code))
    out: list[PersonChoice] = []
    seen: set[int] = set()
    while grid is not None:
        rows = session.execute(
            select(GridAssignment.role, Person.id, Person.name, Person.department_id)
            .join(Person, Person.id == GridAssignment.person_id)
            .where(
                GridAssignment.grid_id == grid.id,
                GridAssignment.start_date <= today,
                (GridAssignment.end_date.is_(None)) | (GridAssignment.end_date >= today),
                Person.active.is_(True),
            )
        ).all()
        rows = sorted(rows, key=lambda r: (ROLE_ORDER.index(r[0]) if r[0] in ROLE_ORDER else 99, r[2]))
        for role, pid, name, dep in rows:
            if pid not in seen:
                seen.add(pid)
                out.append(PersonChoice(pid, name, dep, f"{role.label}·{grid.name}"))
        grid = session.get(Grid, grid.parent_id) if grid.parent_id else None
    return tuple(out)


def department_people(session: Session) -> tuple[PersonChoice, ...]:
    rows = session.execute(
        select(Person.id, Person.name, Person.department_id)
        .where(Person.active.is_(True), Person.department_id.is_not(None))
        .order_by(Person.department_id, Person.name)
    )
    return tuple(PersonChoice(r[0], r[1], r[2], "") for r in rows)


def dispatch_suggestion(
    session: Session, case_ids: list[int], now: datetime | None = None
) -> DispatchSuggestion:
    now = now or clock.now()
    cases = [c for c in (session.get(Case, cid) for cid in case_ids) if c is not None]
    dues = tuple(CaseDue(c.id, c.number, timing.computed_due(session, c, Stage.HANDLE, now)) for c in cases)
    cats = {c.category_id for c in cases}
    # the item list in force today (a dated version, else the category row: console.setup.item_list)
    versions = {c.id: version_on(session, c.category_id, now.date()) for c in cases}
    leads = {v.lead_department_id if v is not None else c.category.default_department_id
             for c in cases for v in [versions[c.id]]}  # fmt: skip
    co_sets = {tuple(json.loads(v.co_department_ids or "[]")) if v is not None else () for v in versions.values()}
    if len(cats) == 1:
        limits = {stage_limit(session, c.category_id, Stage.HANDLE, severity=c.severity, on=now) for c in cases}
        limit_label = next(iter(limits)).label if len(limits) == 1 else ""
    else:
        limit_label = ""  # a batch of mixed categories: each case keeps its own category's limit
    grids = {c.grid_code for c in cases}
    holders = grid_post_holders(session, next(iter(grids)), now.date()) if len(grids) == 1 else ()
    return DispatchSuggestion(
        departments=departments(session),
        lead_department_id=next(iter(leads)) if len(leads) == 1 else None,
        limit_label=limit_label,
        dues=dues,
        grid_people=holders,
        department_people=department_people(session),
        co_department_ids=next(iter(co_sets)) if len(co_sets) == 1 else (),
    )


def changes_since(session: Session, detail: CaseDetail) -> tuple[CaseDetail, list[str]]:
    """The case as it is now, and one line per history row written after `detail` was read: who changed what."""
    last_seen = max((h.id for h in detail.history), default=0)
    lines = []
    for h in session.scalars(
        select(CaseHistory)
        .where(CaseHistory.case_id == detail.id, CaseHistory.id > last_seen)
        .order_by(CaseHistory.id)
    ):
        step = ACTION_LABELS.get(h.action, h.action)
        move = (
            f"{h.from_status.label} → {h.to_status.label}"
            if h.from_status is not None and h.from_status != h.to_status
            else h.to_status.label
        )
        note = f"：{h.note}" if h.note else ""
        lines.append(f"{fmt_moment(h.at)}  {h.actor}  {step}（{move}）{note}")
    return case_detail(session, detail.id), lines


@dataclass(frozen=True)
class ItemListEntry:
    """One category's line of the 事项清单, as the dialogs show it: how to handle it and when it counts as done."""

    category: str
    workflow: str  # 工作流程 (派遣 shows it)
    closing_standard: str  # 结案标准 (办理反馈 and 核查 show it)
    limit_label: str  # 办结时限, e.g. "5 个工作日"


def item_list_for(session: Session, category_ids: Sequence[int]) -> tuple[ItemListEntry, ...]:
    """The 事项清单 lines of these categories, once each, in the order given."""
    out = []
    for cid in dict.fromkeys(category_ids):
        c = session.get(Category, cid)
        if c is not None:
            out.append(ItemListEntry(c.name, c.workflow, c.closing_standard,
                                     TimeLimit(c.limit_type, c.limit_value).label))  # fmt: skip
    return tuple(out)


#: the actions whose dialogs show the 事项清单 of the case's category
ITEM_LIST_ACTIONS = frozenset({"dispatch", "feedback", "verify"})


# --- what a dialog reads as it opens, and what it reads or writes while open --------------------------------


@dataclass(frozen=True)
class Opening:
    """What a dialog reads as it opens. The window reads it on a worker (`read_opening`) and builds the dialog
    when it has come, so opening a dialog never waits for the server on the GUI thread."""

    phrases: dict[str, list[str]]
    attachment_cap: int
    suggestion: DispatchSuggestion | None = None  # 派遣
    candidates: list[PossibleDuplicate] = field(default_factory=list)  # 合并
    categories: tuple[CategoryChoice, ...] = ()  # 受理登记
    grid: GridChoice | None = None  # 受理登记: the grid chosen in the tree
    item_list: tuple[ItemListEntry, ...] = ()  # 派遣, 办理反馈, 核查: the cases' categories in the 事项清单
    #: whether the person may change the stock phrases (reference data: `console.phrases.may_edit_phrases`)
    may_edit_phrases: bool = True


def read_opening(
    session: Session,
    action: str,
    *,
    details: Sequence[CaseDetail] = (),
    grid_code: str | None = None,
) -> Opening:
    """`action`: a workflow action on `details` (one case, or several for a batch 派遣), or "report" for
    受理登记 (with the grid preselected in the tree, if any)."""
    phrases = all_phrases(session)
    cap = attachment_cap(session)
    editor = may_edit_phrases(session, session.info.get("viewer"))  # the person the window acts for
    items = item_list_for(session, [d.category_id for d in details]) if action in ITEM_LIST_ACTIONS else ()
    if action == "dispatch":
        suggestion = dispatch_suggestion(session, [d.id for d in details])
        return Opening(phrases, cap, suggestion=suggestion, item_list=items, may_edit_phrases=editor)
    if action == "merge":
        d = details[0]
        found = find_duplicates(session, d.grid_code, d.summary, d.description, exclude_id=d.id)
        return Opening(phrases, cap, candidates=found, may_edit_phrases=editor)
    if action == "report":
        grid = grid_choice(session, grid_code) if grid_code else None
        return Opening(phrases, cap, categories=tuple(categories(session)), grid=grid, may_edit_phrases=editor)
    return Opening(phrases, cap, item_list=items, may_edit_phrases=editor)


def batch_dispatch_opening(session: Session, case_ids: Sequence[int]) -> tuple[list[CaseDetail], Opening | None]:
    """批量派遣: the selected cases that are 待派遣 now, and what the dialog shows for them (None: none is)."""
    from console.domain import CaseStatus

    ready = [d for d in (case_detail(session, i) for i in case_ids) if d.status is CaseStatus.ACCEPTED]
    return ready, read_opening(session, "dispatch", details=ready) if ready else None


def read_opening_in(db: Database, action: str, **kw: Any) -> Opening:
    """`read_opening` in its own transaction."""
    with db.session() as s:
        return read_opening(s, action, **kw)


def phrases_of(db: Database, action: str) -> list[str]:
    """An action's stock phrases (常用语)."""
    with db.session() as s:
        return get_phrases(s, action)


def save_phrases(db: Database, action: str, phrases: list[str], actor: str) -> list[str]:
    """Store an action's stock phrases for every seat (the reference editors only); returns them as stored."""
    with db.write_session() as s:
        return set_phrases(s, action, phrases, actor=actor)


def grids_matching(db: Database, text: str, limit: int = 30) -> tuple[GridChoice, ...]:
    """`find_grids` in its own transaction (the grid picker's search as the user types)."""
    with db.session() as s:
        return find_grids(s, text, limit)


def fresh_detail(db: Database, case_id: int) -> CaseDetail:
    """The case as it is now (重新载入 after another seat changed it)."""
    with db.session() as s:
        return case_detail(s, case_id)


def fresh_details(db: Database, case_ids: Sequence[int]) -> list[CaseDetail]:
    """Several cases as they are now, in one transaction (a batch's refused cases, for another try)."""
    with db.session() as s:
        return [case_detail(s, cid) for cid in case_ids]


def what_changed(db: Database, detail: CaseDetail) -> tuple[CaseDetail, list[str]]:
    """`changes_since` in its own transaction (the refusal of a stale save says who changed what)."""
    with db.session() as s:
        return changes_since(s, detail)
