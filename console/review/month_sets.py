"""A completed month's review sets and the weekly trend counted from the tables triggers keep (migration 0013):
`review_case_month` per (case, month), `review_dispatch_month` per (case, month, department a dispatch went
to), `review_day_counts` per (day, grid code).

`console.review.case_sets` and `charts` stay the definitions: `compute_figures`, `figures_and_ids`, the
drill-down and the charts count from these tables only when they answer exactly as the scans would
(`answers`, `days_answer`):

- a whole month that has ended (its sets are judged at the month's end, which the rows encode); for the trend,
  the whole days of a span in a grid subtree (the part-days at its ends are counted live);
- a session that sees every case (on PostgreSQL row-level security would hide cases from the scans, not from
  these tables; on SQLite a restricted viewer);
- deadlines as they stood at the month's end (`case_sets.due_at_at`; migration 0016 rewrote the triggers'
  SQL so `due_in_month`, `due_before_end`, 按期结案 and 临期突击反馈 read them so);
- tables that look current (`plausible`): the month's reports and closures are as many as `cases` and
  `case_history` hold, the day counts' reports as many as there are cases — a bulk load past the triggers
  (the demo's COPY in replica mode) fails this until `rebuild`.

Anything else (a running month, a quarter, a custom range, 挂账数 at a month's end, the spot checks) is counted
by the scans.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    distinct,
    func,
    literal,
    null,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.orm import Session

from console.domain import HANDLING_STATUSES
from console.domain import CaseStatus as S
from console.models import Case, CaseCount, CaseHistory, Category
from console.models.review_month import (
    SET_COLUMNS,
    review_case_day,
    review_case_month,
    review_day_counts,
    review_dispatch_month,
)
from console.queue.case_counts import counts_usable
from console.review.counting import BY_DUE, BY_REPORT, CountingRules
from console.review.periods import MONTH, Period, month
from console.review.scopes import DEPARTMENT, GRID, WORKER, Scope
from console.security.visibility import restricted_viewer

T, D = review_case_month, review_dispatch_month
CD, DC = review_case_day, review_day_counts
TOTAL = "*"  # `figures.TOTAL` (figures imports this module)
_USABLE = "gridconsole_review_case_month_usable"
_PLAUSIBLE = "gridconsole_review_case_month_plausible"  # connection info: month → the ids it was found at


def _overdue_statuses(rules: CountingRules) -> list[str]:
    statuses = [S.DISPATCHED, S.IN_PROGRESS]
    if not rules.deferred_leave_due:
        statuses += [S.EXTENSION_REQUESTED, S.LONG_TERM]
    return [s.value for s in statuses]


def _due(rules: CountingRules) -> ColumnElement[bool]:
    """The handling deadline counts in the month: 按到期日 it fell in the month, 按上报日 before its end."""
    c = T.c
    return c.due_in_month == 1 if rules.basis == BY_DUE else c.due_before_end == 1


def set_condition(name: str, rules: CountingRules) -> ColumnElement[bool] | None:
    """The condition on a row of `review_case_month` that a set of `case_sets` (or a part `figures` counts) is,
    grouped by the case's own columns (None: not kept here)."""
    c = T.c
    unhandled = and_(c.status_end.in_(_overdue_statuses(rules)), _due(rules))
    overdue_now = and_(c.status_end.in_([s.value for s in HANDLING_STATUSES]), _due(rules))
    derived: dict[str, ColumnElement[bool]] = {
        "handled_or_closed": or_(c.handled == 1, c.closed == 1),
        "overdue_unhandled": unhandled,
        "due_rest": and_(unhandled, c.handled == 0, c.closed == 0),
        "due": or_(c.handled == 1, c.closed == 1, unhandled),
        "overdue_now": overdue_now,
        "overdue": or_(overdue_now, c.late_handled == 1),
        "dispatched": c.dispatch_event == 1,
        "dispatch_returned": c.returned == 1,
        "dispatched_parked": and_(c.dispatch_event == 1, c.status_end == S.LONG_TERM.value),
    }
    if name == "first_reports":  # the bottom-line categories are a rule: applied when counted
        bottom = select(Category.id).where(Category.name.in_(rules.bottom_line))
        return and_(c.first_report == 1, c.category_id.in_(bottom))
    if name in derived:
        return derived[name]
    if name in SET_COLUMNS and name != "returned":
        return c[name] == 1
    return None


def _kept(name: str, rules: CountingRules) -> ColumnElement[bool]:
    found = set_condition(name, rules)
    if found is None:
        raise KeyError(name)  # `keeps` said it is kept
    return found


#: the sets a department scope groups by the department each dispatch went to: `review_dispatch_month`
_BY_DISPATCH = {"dispatched": None, "dispatch_returned": "returned", "dispatched_parked": "parked"}


def _dispatch_condition(name: str) -> ColumnElement[bool]:
    column = _BY_DISPATCH[name]
    return true() if column is None else D.c[column] == 1


def keeps(name: str, scope: Scope) -> bool:
    """Whether the kept month sets count `name` for `scope`."""
    if scope.kind == DEPARTMENT and name in _BY_DISPATCH:
        return True
    return set_condition(name, CountingRules()) is not None


def _where(table: Any, period: Period, scope: Scope, rules: CountingRules) -> list[ColumnElement[bool]]:
    c = table.c
    where = [c.month == period.key, scope.where(c.grid_code, c.dept_id, c.person_id, c.category_id)]
    if rules.basis == BY_REPORT:  # 按上报日: every set counts only the cases reported in the period
        where.append(c.reported == 1)
    return where


def _split(scope: Scope, names: list[str]) -> tuple[list[str], list[str]]:
    by_dispatch = [n for n in names if scope.kind == DEPARTMENT and n in _BY_DISPATCH]
    return [n for n in names if n not in by_dispatch], by_dispatch


def counts_statements(period: Period, scope: Scope, rules: CountingRules, names: list[str]) -> list[Any]:
    """(group key "k", one count per set) rows: the figures' fused scans (`figures.fused_statements`) over the
    month's kept rows; the sets grouped by the department a dispatch went to also get the whole scope's row
    (a case dispatched to two departments counts once in it)."""
    own, by_dispatch = _split(scope, names)
    out = []
    if own:
        c = T.c
        key = scope.group_key(c.grid_code, c.dept_id, c.person_id).label("k")
        cols = [func.count(case((_kept(n, rules), 1))).label(n) for n in own]
        out.append(select(key, *cols).where(*_where(T, period, scope, rules)).group_by(key))
    if by_dispatch:
        d = D.c
        key = scope.group_key(d.grid_code, d.dept_id, d.person_id).label("k")
        cols = [func.count(case((_dispatch_condition(n), 1))).label(n) for n in by_dispatch]
        where = _where(D, period, scope, rules)
        out.append(select(key, *cols).where(*where).group_by(key))
        whole = [
            func.count(distinct(case((_dispatch_condition(n), d.case_id)))).label(n) for n in by_dispatch
        ]
        out.append(select(literal(TOTAL, String).label("k"), *whole).where(*where))
    return out


def case_set(name: str, period: Period, scope: Scope, rules: CountingRules) -> Select[Any] | None:
    """The kept rows of a set as `case_sets` selects it — (case_id, grid_code, dept_id, person_id,
    category_id) — for the drill-down's keyset pages; None when the set is not kept for `scope`."""
    if scope.kind == DEPARTMENT and name in _BY_DISPATCH:
        table, cond = D, _dispatch_condition(name)
    else:
        table, found = T, set_condition(name, rules)
        if found is None:
            return None
        cond = found
    c = table.c
    return select(c.case_id.label("case_id"), c.grid_code.label("grid_code"), c.dept_id.label("dept_id"),
                  c.person_id.label("person_id"), c.category_id.label("category_id")).where(
        c.month == period.key, cond, *([c.reported == 1] if rules.basis == BY_REPORT else []))  # fmt: skip


def per_category(session: Session, period: Period, scope: Scope,
                 grids: list[str] | None = None) -> tuple[dict[int, int], dict[int, int]]:  # fmt: skip
    """Cases reported and cases closed in a kept month, per category (the category chart); only in the
    subtrees `grids` when given (a grid workers' scope: `scopes.worker_grids`)."""
    c = T.c
    q = (select(c.category_id, func.sum(c.reported), func.sum(c.closed))
         .where(c.month == period.key, or_(c.reported == 1, c.closed == 1),
                scope.where(c.grid_code, c.dept_id, c.person_id, c.category_id),
                true() if grids is None else Scope.in_grids(c.grid_code, grids))
         .group_by(c.category_id))  # fmt: skip
    rep: dict[int, int] = {}
    clo: dict[int, int] = {}
    for cat, r, k in session.execute(q):
        if r:
            rep[int(cat)] = int(r)
        if k:
            clo[int(cat)] = int(k)
    return rep, clo


def days_answer(session: Session, scope: Scope) -> bool:
    """Whether the kept day counts count the weekly trend of `scope` exactly as `cases` and `case_history` would
    for this session (`day_counts`): a session that sees every case, and the tables holding as many reports as
    there are cases (`case_counts`, itself checked against the span of case ids) — on this connection while no
    case or history row is added."""
    if not usable(session) or not counts_usable(session):
        return False
    mark = _mark(session)
    seen = session.connection().info.setdefault(_PLAUSIBLE, {})
    if seen.get("days") == mark:
        return True
    n = session.execute(select(
        select(func.coalesce(func.sum(DC.c.reported), 0)).scalar_subquery(),
        select(func.coalesce(func.sum(CaseCount.n), 0)).scalar_subquery(),
    )).one()  # fmt: skip
    if int(n[0]) == int(n[1]):
        seen["days"] = mark
        return True
    return False


def day_counts(session: Session, first: date, stop: date, scope: Scope,
               grids: list[str] | None = None) -> list[Counter[str]]:  # fmt: skip
    """Per day of [first, stop): cases reported, closure rows, deadlines passed without a feedback (only in the
    subtrees `grids` when given: a grid workers' scope, as `charts._scoped` counts it live). A grid subtree sums
    `review_day_counts` (its key); a department, handler or category scope sums the kept rows per case
    (`review_case_day`) narrowed by their cases' columns, as the live count narrows them (~1.3 s for a year of a
    million cases, against ~3 s live)."""
    if scope.kind in (GRID, WORKER) and not scope.categories and not scope.key_area:
        c = DC.c
        cond = scope.where(c.grid_code, null(), null(), null())
        if grids is not None:
            cond = cond & Scope.in_grids(c.grid_code, grids)
        q = select(c.day, func.sum(c.reported), func.sum(c.closed), func.sum(c.overdue)).where(cond)
    else:
        c = CD.c
        cond = scope.where(Case.grid_code, Case.lead_department_id, Case.responsible_person_id, Case.category_id)
        if grids is not None:
            cond = cond & Scope.in_grids(Case.grid_code, grids)
        q = (select(c.day, func.sum(c.reported), func.sum(c.closed), func.sum(c.overdue))
             .join(Case, Case.id == c.case_id).where(cond))  # fmt: skip
    q = q.where(c.day >= first.isoformat(), c.day < stop.isoformat()).group_by(c.day)
    out: list[Counter[str]] = [Counter(), Counter(), Counter()]
    for day, *ns in session.execute(q):
        for counter, n in zip(out, ns, strict=True):
            if n:
                counter[str(day)] += int(n)
    return out


def month_of(start: datetime, end: datetime) -> Period | None:
    """The month [start, end) is, if it is one."""
    if start.day != 1 or start.time() != datetime.min.time():
        return None
    p = month(start.year, start.month)
    return p if p.end_at == end else None


def case_ids(session: Session, period: Period, scope: Scope, rules: CountingRules,
             names: list[str]) -> dict[str, dict[str, set[int]]]:  # fmt: skip
    """set → group → the case ids a set counts (`figures.fused_id_statements` over the kept rows), aggregated by
    the database per group: a month's ~100,000 rows come back as a few hundred id lists."""
    own, by_dispatch = _split(scope, names)
    pg = session.get_bind().dialect.name == "postgresql"
    out: dict[str, dict[str, set[int]]] = {n: {} for n in names}
    for table, sets, condition in (
        (T, own, lambda n: _kept(n, rules)),
        (D, by_dispatch, _dispatch_condition),
    ):
        if not sets:
            continue
        c = table.c
        key = scope.group_key(c.grid_code, c.dept_id, c.person_id).label("k")
        if pg:
            cols = [func.array_agg(c.case_id).filter(condition(n)).label(n) for n in sets]
        else:
            cols = [func.group_concat(case((condition(n), c.case_id))).label(n) for n in sets]
        for row in session.execute(
            select(key, *cols).where(*_where(table, period, scope, rules)).group_by(key)
        ):
            group = None if row[0] is None else str(row[0])
            for n, found in zip(sets, row[1:], strict=True):
                if not found:
                    continue
                ids = set(found) if pg else set(map(int, found.split(",")))
                if group is not None:
                    out[n].setdefault(group, set()).update(ids)
                out[n].setdefault(TOTAL, set()).update(ids)
    return out


def answers(session: Session, period: Period, as_of: datetime) -> bool:
    """Whether the table counts `period`, judged at `as_of`, exactly as the scans would for this session
    (module docstring)."""
    if period.kind != MONTH or as_of != period.end_at:
        return False
    return usable(session) and plausible(session, period)


def usable(session: Session) -> bool:
    """Whether this session may count from the table: it sees every case, and on PostgreSQL its login may read
    the table (cached on the DBAPI connection: one login per connection)."""
    if restricted_viewer(session)[0]:
        return False
    if session.get_bind().dialect.name != "postgresql":
        return True
    info = session.connection().info
    if _USABLE not in info:
        readable, rls, has_sees_all = session.execute(text(
            "SELECT CASE WHEN to_regclass('review_case_month') IS NULL THEN false "
            "ELSE has_table_privilege('review_case_month', 'SELECT') END, row_security_active('cases'), "
            "to_regprocedure('gc_sees_all(text)') IS NOT NULL"
        )).one()  # fmt: skip
        sees_all = not rls or (
            has_sees_all and session.execute(text("SELECT gc_sees_all(current_user::text)")).scalar()
        )
        info[_USABLE] = bool(readable and sees_all)
    return bool(info[_USABLE])


def _mark(session: Session) -> tuple[Any, ...]:
    """The highest case and history ids: unchanged, nothing was added since."""
    return tuple(session.execute(select(
        select(func.max(Case.id)).scalar_subquery(), select(func.max(CaseHistory.id)).scalar_subquery()
    )).one())  # fmt: skip


def plausible(session: Session, period: Period) -> bool:
    """The month's reports and closures in the table are as many as in `cases` and `case_history` (index
    ranges): a bulk write that went past the triggers shows here. A month found plausible stays so on this
    connection while no case or history row is added (the highest ids say so in two index lookups)."""
    c, h = T.c, CaseHistory
    mark = _mark(session)
    seen = session.connection().info.setdefault(_PLAUSIBLE, {})
    if seen.get(period.key) == mark:
        return True
    start, end = period.start_at, period.end_at
    row = session.execute(select(
        select(func.count()).where(c.month == period.key, c.reported == 1).scalar_subquery(),
        select(func.count()).select_from(Case).where(Case.reported_at >= start, Case.reported_at < end)
        .scalar_subquery(),
        select(func.count()).where(c.month == period.key, c.closed == 1).scalar_subquery(),
        select(func.count(distinct(h.case_id))).where(h.action == "close", h.at >= start, h.at < end)
        .scalar_subquery(),
    )).one()  # fmt: skip
    if row[0] == row[1] and row[2] == row[3]:
        seen[period.key] = mark
        return True
    seen.pop(period.key, None)
    return False


def rebuild(session: Session) -> int:
    """Recompute the table from `cases` and `case_history` (the migration's view of every case's rows); returns
    the number of rows. For bulk loads that bypass the triggers: PostgreSQL's replica role, triggers dropped on
    SQLite."""
    for table, order in ((T, "month, grid_code"), (D, "month, dept_id"), (CD, "day")):
        cols = ", ".join(col.name for col in table.columns)
        session.execute(text(f"DELETE FROM {table.name}"))
        # ordered: a month's rows next to each other (each month's figures read only its own)
        session.execute(
            text(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM {table.name}_source ORDER BY {order}")
        )
    key = ", ".join(col.name for col in DC.primary_key.columns)
    session.execute(text("DELETE FROM review_day_counts"))
    session.execute(text(
        f"INSERT INTO review_day_counts ({key}, reported, closed, overdue) SELECT {key}, sum(reported), "
        f"sum(closed), sum(overdue) FROM review_case_day GROUP BY {key}"
    ))  # fmt: skip
    session.connection().info.pop(_PLAUSIBLE, None)
    return int(session.execute(select(func.count()).select_from(T)).scalar_one())
