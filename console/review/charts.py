"""What the review's charts plot, computed by grouped SQL (per day, bucketed into weeks here): weekly intake,
closures and cases falling overdue; the category breakdown of a period. Plain data: the view (pyqtgraph) and
the bulletin (reportlab) draw the same numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import String, cast, func, select, union
from sqlalchemy.orm import Session

from console import clock
from console.models import Case, CaseHistory, Category
from console.review import month_sets
from console.review.case_sets import DUE_CHANGED, Window, due_at_at
from console.review.scopes import GRID, WORKER, Scope, worker_grids
from console.review.sqlfn import analytic, as_timestamp, json_item, week_end
from console.workflow.actions import MOVES_DUE


@dataclass(frozen=True)
class Trend:
    weeks: list[date]  # each week's Monday
    reported: list[int]
    closed: list[int]
    #: handling deadlines that passed before a feedback (by the week the deadline fell in, each as it stood at
    #: that week's end)
    overdue: list[int]


@dataclass(frozen=True)
class Breakdown:
    category_ids: list[int]
    names: list[str]
    reported: list[int]
    closed: list[int]


def _day(col: Any) -> Any:
    return cast(func.date(col), String)


def _scoped(q: Any, scope: Scope, grids: list[str] | None = None) -> Any:
    cond = scope.where(Case.grid_code, Case.lead_department_id, Case.responsible_person_id, Case.category_id)
    return q.where(cond if grids is None else cond & Scope.in_grids(Case.grid_code, grids))


def _worker_grids(session: Session, scope: Scope, start: datetime, end: datetime) -> list[str] | None:
    """A grid workers' scope: the grids they held in [start, end) (`scopes.worker_grids`), which their figures
    count — not the whole subtree; None for any other scope."""
    if scope.kind != WORKER:
        return None
    return [p for prefixes in worker_grids(session, scope, start, end).values() for p in prefixes]


def _whole_township(scope: Scope) -> bool:
    """Whether a scope takes every case (no subtree, category or department filter): then a count of history
    rows needs no look at their cases (a year's closures: 0.9 M rows read from one index instead of joined)."""
    return (scope.kind == GRID and not scope.grid_code and not scope.categories and not scope.key_area
            and not scope.ids)  # fmt: skip


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _live_days(session: Session, start: datetime, end: datetime, scope: Scope,
               grids: list[str] | None = None) -> list[Counter[str]]:  # fmt: skip
    """Per day: cases reported, closure rows, handling deadlines passed without a feedback by then — counted
    over `cases` and `case_history` (only in `grids` when given: a grid workers' scope)."""

    if start >= end:  # a span without its part-days (the kept counts answer for every whole day)
        return [Counter(), Counter(), Counter()]

    def per_day(q: Any) -> Counter[str]:
        return Counter({str(day)[:10]: int(n) for day, n in session.execute(q)})

    rep = _scoped(
        select(_day(Case.reported_at), func.count()).where(Case.reported_at >= start, Case.reported_at < end),
        scope, grids,
    )  # fmt: skip
    clo = select(_day(CaseHistory.at), func.count()).where(
        CaseHistory.action == "close", CaseHistory.at >= start, CaseHistory.at < end
    )
    if grids is not None or not _whole_township(scope):  # the closures of a part of it: their cases say which
        clo = _scoped(clo.join(Case, Case.id == CaseHistory.case_id), scope, grids)
    gone = _late(start, end, scope, grids)
    late = select(_day(gone.c.due), func.count()).select_from(gone)
    return [per_day(rep.group_by(_day(Case.reported_at))), per_day(clo.group_by(_day(CaseHistory.at))),
            per_day(late.group_by(_day(gone.c.due)))]  # fmt: skip


def _late(start: datetime, end: datetime, scope: Scope, grids: list[str] | None = None) -> Any:
    """(case_id, due): handling deadlines that fell in [start, end) and passed without a feedback by then, each
    read as it stood at the end of its week (`case_sets.due_at_at`, as a month's figures read theirs at the
    month's end): an extension approved after the week leaves the week's line alone, and the new deadline
    counts in its own week. A week's deadline is found among every deadline a case had — its column and the
    old values of the history rows that moved it (a row moving an earlier deadline came after it)."""
    lo, hi = start, end  # a deadline counted in [start, end) is itself one of these values, in [start, end)
    h = CaseHistory
    old = as_timestamp(json_item(h.changes, "due_at", 0))
    # each candidate (a deadline of a case in the scope, and the end of its week) carries the deadline as it stood
    # then, worked out once inside its branch (the history branch looks up its few cases by id)
    then = union(
        _scoped(select(Case.id.label("case_id"), week_end(Case.due_at).label("week_end"),
                       due_at_at(week_end(Case.due_at)).label("due"))
                .where(Case.due_at >= lo, Case.due_at < hi, Case.dispatched_at.is_not(None)), scope, grids),
        _scoped(select(h.case_id, week_end(old), due_at_at(week_end(old)))
                .join(Case, Case.id == h.case_id)
                .where(h.action.in_(MOVES_DUE), h.at >= lo, h.changes.like(DUE_CHANGED), old >= lo, old < hi,
                       Case.dispatched_at.is_not(None)), scope, grids),
    ).cte("due_then").prefix_with("MATERIALIZED")  # fmt: skip  # worked out once: no filter pushed into it
    fed = select(CaseHistory.case_id).where(CaseHistory.action == "feedback", CaseHistory.at <= then.c.due,
                                            CaseHistory.case_id == then.c.case_id).exists()  # fmt: skip
    return (
        select(then)
        .where(then.c.due >= start, then.c.due < end, week_end(then.c.due) == then.c.week_end, ~fed)
        .subquery("late")
    )


def weekly_trend(
    session: Session,
    start: datetime,
    end: datetime,
    scope: Scope,
    *,
    kept: bool = True,
    now: datetime | None = None,
) -> Trend:
    """The whole days of the span from the day counts the database keeps (`month_sets.day_counts`) when they
    answer, the part-days at its ends (and everything otherwise) counted live. A span running past `now` (a
    running month) is counted up to now: a deadline not yet reached is not late. Days are counted whole from
    the first one's midnight."""
    analytic(session)
    end = min(end, now or clock.now())
    # whole days from the first (a week's bar counts days): no part-day at the head to count live, whose late
    # deadlines would be looked for among every deadline moved since
    start = datetime.combine(start.date(), datetime.min.time())
    first = _monday(start.date())
    weeks = []
    w = first
    while datetime.combine(w, datetime.min.time()) < end:
        weeks.append(w)
        w += timedelta(days=7)
    day_from = datetime.combine(start.date(), datetime.min.time())
    day_from += timedelta(days=1) if day_from < start else timedelta()
    day_to = datetime.combine(end.date(), datetime.min.time())
    grids = _worker_grids(session, scope, start, end)
    if kept and day_from < day_to and month_sets.days_answer(session, scope):
        series = month_sets.day_counts(session, day_from.date(), day_to.date(), scope, grids)
        for part in (_live_days(session, start, day_from, scope, grids),
                     _live_days(session, day_to, end, scope, grids)):  # fmt: skip
            for days, live in zip(series, part, strict=True):
                days.update(live)
    else:
        series = _live_days(session, start, end, scope, grids)

    def per_week(days: Counter[str]) -> list[int]:
        c: Counter[date] = Counter()
        for day, n in days.items():
            c[_monday(date.fromisoformat(day))] += n
        return [c[w] for w in weeks]

    return Trend(weeks, *(per_week(days) for days in series))


def _pairs(rows: Any) -> dict[int, int]:
    return {int(k): int(v) for k, v in rows}


def category_breakdown(session: Session, w: Window, scope: Scope, *, kept: bool = True) -> Breakdown:
    """A month's from the kept month sets when they answer (`month_sets`), else counted live; a grid workers'
    scope counts the grids their figures count (`scopes.worker_grids`), not the whole subtree."""
    analytic(session)
    period = month_sets.month_of(w.start, w.end)
    grids = _worker_grids(session, scope, w.start, w.end)
    if kept and period is not None and month_sets.answers(session, period, w.as_of):
        rep, clo = month_sets.per_category(session, period, scope, grids)
    else:
        rep, clo = _per_category(session, w, scope, grids)
    ids = sorted(set(rep) | set(clo), key=lambda i: (-rep.get(i, 0), i))
    names: dict[int, str] = {
        i: n for i, n in session.execute(select(Category.id, Category.name).where(Category.id.in_(ids)))
    }
    return Breakdown(ids, [names.get(i, str(i)) for i in ids], [int(rep.get(i, 0)) for i in ids],
                     [int(clo.get(i, 0)) for i in ids])  # fmt: skip


def _per_category(session: Session, w: Window, scope: Scope,
                  grids: list[str] | None = None) -> tuple[dict[int, int], dict[int, int]]:  # fmt: skip
    """Reported and closed cases of a period per category, counted over `cases` and `case_history`."""
    rep: dict[int, int] = _pairs(session.execute(_scoped(
        select(Case.category_id, func.count()).where(Case.reported_at >= w.start, Case.reported_at < w.end), scope,
        grids,
    ).group_by(Case.category_id)))  # fmt: skip
    clo: dict[int, int] = _pairs(session.execute(_scoped(
        select(Case.category_id, func.count(func.distinct(Case.id))).join(CaseHistory, CaseHistory.case_id == Case.id)
        .where(CaseHistory.action == "close", CaseHistory.at >= w.start, CaseHistory.at < w.end), scope, grids
    ).group_by(Case.category_id)))  # fmt: skip
    return rep, clo
