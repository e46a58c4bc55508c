"""The count queries: the table's row count (`count`), the tab badges (`status_counts`), the grid tree's
badges (`grid_counts`) and the dashboard header (`dashboard_counts`).

A filter that narrows only by status and grid subtree is summed from `case_counts` (`_only_status_and_grid`,
`_table_counts`, which `fetch_page_at` uses too); any other is counted over `cases`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from console import clock
from console.domain import OPEN_STATUSES, CaseStatus
from console.grid_codes import subtree_prefix
from console.models import Grid
from console.queue import case_counts
from console.queue.filters import CLOCKED_STATUSES, WORKING_STATUSES, QueueFilter
from console.queue.rows import DashboardCounts, GridCount
from console.queue.sql import (
    _CASE_NUMBER,
    _all_conditions,
    _code_range,
    _covers_every_case,
    _grid_hits,
    _Sql,
    visible_sql,
)

# --- sums of case_counts ----------------------------------------------------------------------------------


def _only_status_and_grid(session: Session, flt: QueueFilter) -> bool:
    """Whether `flt` narrows by status and grid subtree only (what `case_counts` can count)."""
    if (
        flt.category_ids is not None
        or flt.department_ids is not None
        or flt.lights is not None
        or flt.sources is not None
        or flt.reported_from is not None
        or flt.reported_to is not None
        or flt.watched_by
        or flt.claimed_by
        or flt.proposed_for_meeting
        or (flt.grid_code_prefix and not flt.grid_code_prefix.isdigit())
    ):
        return False
    if not case_counts.counts_usable(session):
        return False
    if flt.text and flt.text.strip():
        needle = flt.text.strip()
        if _CASE_NUMBER.match(needle):
            return False
        prefixes = _grid_hits(session, needle)
        return bool(prefixes) and _covers_every_case(session, prefixes)
    return True


def _table_counts(session: Session, flt: QueueFilter, by: str, extra: str = "") -> list[tuple[Any, ...]]:
    """Sums of `case_counts` under `flt`'s statuses and subtree, grouped by the columns `by` ('' = none)."""
    q = _Sql(session)
    conds = ["n <> 0"]
    if flt.statuses is not None:
        conds.append(q.in_("status", flt.statuses))
    if flt.grid_code_prefix:
        conds.append(_code_range(q, flt.grid_code_prefix))
    if extra:
        conds.append(extra)
    group = f" GROUP BY {by}" if by else ""
    cols = f"{by}, " if by else ""
    sql = f"SELECT {cols}coalesce(sum(n), 0) FROM case_counts WHERE {' AND '.join(conds)}{group}"
    return [tuple(r) for r in session.execute(text(sql), q.params)]


# --- the count queries ------------------------------------------------------------------------------------


def count(session: Session, flt: QueueFilter, now: datetime | None = None) -> int:
    """How many cases match `flt` (the table's row count)."""
    now = now or clock.now()
    if _only_status_and_grid(session, flt):
        return int(_table_counts(session, flt, "")[0][0])
    q = _Sql(session)
    where = _all_conditions(q, session, flt, now)
    if where is None:
        return 0
    return int(session.execute(text(f"SELECT count(*) FROM cases WHERE {where}"), q.params).scalar_one())


def status_counts(session: Session, flt: QueueFilter, now: datetime | None = None) -> dict[CaseStatus, int]:
    """Cases per status under `flt` (every status present, 0 when none). For tab badges pass a filter with
    `statuses=None` so each tab shows its own count."""
    now = now or clock.now()
    out = dict.fromkeys(CaseStatus, 0)
    if _only_status_and_grid(session, flt):
        for status, n in _table_counts(session, flt, "status"):
            out[CaseStatus(status)] = int(n)
        return out
    q = _Sql(session)
    where = _all_conditions(q, session, flt, now)
    if where is None:
        return out
    sql = f"SELECT status, count(*) FROM cases WHERE {where} GROUP BY status"
    for status, n in session.execute(text(sql), q.params):
        out[CaseStatus(status)] = int(n)
    return out


def grid_counts(session: Session, now: datetime | None = None) -> dict[str, GridCount]:
    """Open and overdue cases in every grid's subtree, keyed by grid code (the tree's badges).

    Open cases per grid code come from `case_counts`; the overdue ones are index-only ranges below `now` of
    (grid_code, status, stage_due_at, id). Subtrees are summed here, so a grid that was split or renamed
    still counts the cases filed under its old code.
    """
    now = now or clock.now()
    all_codes = list(session.scalars(select(Grid.code)))
    q = _Sql(session)
    seen = visible_sql(q, session)
    also = f" AND {seen}" if seen is not None else ""
    per_code: dict[str, list[int]] = {}
    if case_counts.counts_usable(session):
        for code, n in _table_counts(session, QueueFilter(statuses=OPEN_STATUSES), "grid_code"):
            per_code.setdefault(code, [0, 0])[0] += int(n)
        sql = (
            f"SELECT grid_code, count(*) FROM cases WHERE {q.in_('grid_code', all_codes)} "
            f"AND {q.in_('status', CLOCKED_STATUSES)} AND stage_due_at < {q.p(now)}{also} GROUP BY grid_code"
        )
        for code, late in session.execute(text(sql), q.params):
            per_code.setdefault(code, [0, 0])[1] += int(late)
    else:
        sql = (
            f"SELECT grid_code, status, count(*), "
            f"sum(CASE WHEN stage_due_at < {q.p(now)} THEN 1 ELSE 0 END) "
            f"FROM cases WHERE {q.in_('grid_code', all_codes)} AND {q.in_('status', OPEN_STATUSES)}{also} "
            f"GROUP BY grid_code, status"
        )
        for code, status, n, late in session.execute(text(sql), q.params):
            acc = per_code.setdefault(code, [0, 0])
            acc[0] += int(n)
            if status in _CLOCKED_VALUES:
                acc[1] += int(late or 0)
    out: dict[str, GridCount] = {}
    for code in all_codes:
        prefix = subtree_prefix(code)
        n = o = 0
        for case_code, (cn, co) in per_code.items():
            if case_code.startswith(prefix):
                n += cn
                o += co
        out[code] = GridCount(n, o)
    return out


_CLOCKED_VALUES = frozenset(s.value for s in CLOCKED_STATUSES)


def dashboard_counts(session: Session, now: datetime | None = None) -> DashboardCounts:
    """The six figures on the dashboard header, at `now`.

    Several small statements rather than one aggregate: each is an index(-only) range (per status, the
    deadline range, today's report and closing times); only 即将超期 reads table rows (stage_warn_at).
    """
    now = now or clock.now()
    q = _Sql(session)
    t = q.p(now)
    seen = visible_sql(q, session)
    clocked = q.in_("status", CLOCKED_STATUSES) + (f" AND {seen}" if seen is not None else "")
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    day = f"BETWEEN {q.p(midnight)} AND {q.p(midnight + timedelta(days=1) - timedelta(microseconds=1))}"
    # 待受理 and 办理中 from case_counts when it answers; the rest depend on `now`
    src, n = ("case_counts", "sum(n)") if case_counts.counts_usable(session) else ("cases", "count(*)")
    mine = f" AND {seen}" if seen is not None else ""  # counts_usable is False when a view is limited
    statements = (
        f"SELECT {n} FROM {src} WHERE status = 'reported'{mine}",
        f"SELECT {n} FROM {src} WHERE {q.in_('status', WORKING_STATUSES)}{mine}",
        f"SELECT count(*) FROM cases WHERE {clocked} AND stage_due_at >= {t} AND stage_warn_at <= {t}",
        f"SELECT count(*) FROM cases WHERE {clocked} AND stage_due_at < {t}",
        f"SELECT count(*) FROM cases WHERE reported_at {day}{mine}",
        f"SELECT count(*) FROM cases WHERE closed_at {day}{mine}",
    )
    sql = "SELECT " + ", ".join(f"({st})" for st in statements)
    pending, working, soon, late, new_today, closed_today = session.execute(text(sql), q.params).one()
    return DashboardCounts(
        pending_accept=int(pending or 0),
        in_progress=int(working or 0),
        due_soon=int(soon or 0),
        overdue=int(late or 0),
        new_today=int(new_today or 0),
        closed_today=int(closed_today or 0),
    )
