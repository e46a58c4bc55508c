"""Drill-down: the cases behind a figure of one group, and the cases left out of it with why — keyset-paged by
case id, as queue rows (`console.queue.pages.fetch_rows`), so the view shows them in the queue's table model.

Three parts of a figure:
- `counted` — the cases its numerator counts (for 准确派遣率, the dispatches not returned);
- `against` — a rate's denominator cases its numerator does not count (应结案 but not closed …);
- `left_out` — cases a reader might expect but the definition leaves out, each with the reason
  ("未到期", "延期审批中不计入", …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, func, literal, select, union_all
from sqlalchemy.orm import Session

from console.domain import CaseStatus as S
from console.models import Case
from console.queue.pages import fetch_rows
from console.queue.rows import QueueRow
from console.review import case_sets as cs
from console.review import month_sets
from console.review.counting import BY_DUE
from console.review.figures import FIGURES_BY_KEY, TOTAL, Figure
from console.review.scopes import WORKER, Scope, worker_condition
from console.review.sqlfn import analytic

COUNTED, AGAINST, LEFT_OUT = "counted", "against", "left_out"
PART_LABELS = {COUNTED: "计入的案件", AGAINST: "计入分母、未计入分子的案件", LEFT_OUT: "未计入的案件及原因"}
PAGE_SIZE = 100

_DUE_FIGURES = {"due", "close_rate", "close_on_time_rate"}
#: why a case a figure's numerator takes away counts against it
MINUS_REASONS = {"dispatch_returned": "被部门退回", "late_handled": "超时反馈"}


@dataclass(frozen=True)
class DrillRow:
    row: QueueRow
    reason: str


@dataclass(frozen=True)
class DrillPage:
    rows: list[DrillRow]
    after: int | None  # the cursor for the next page (None: last page)


def _left_out(w: cs.Window, figure: Figure) -> list[tuple[str, Select[Any]]]:
    """The sets a figure leaves out on purpose, with the reason printed beside each case."""
    out: list[tuple[str, Select[Any]]] = []
    status, due_at = cs.status_at(w.as_of), cs.due_at_at(w.as_of)
    if figure.key in _DUE_FIGURES:
        handling = [S.DISPATCHED.value, S.IN_PROGRESS.value]
        out.append(("未到期（办结时限在统计时点之后）",
                    cs._cases(w, status.in_(handling), due_at >= w.as_of)))  # fmt: skip
        if w.rules.deferred_leave_due:
            out.append(
                (
                    "延期审批中不计入",
                    cs._cases(w, status == S.EXTENSION_REQUESTED.value, due_at < w.as_of),
                )
            )
            out.append(("挂账不计入", cs._cases(w, status == S.LONG_TERM.value, due_at < w.as_of)))
        out.append(("已上报县级，计时暂停", cs._cases(w, status == S.ESCALATED.value)))
        if w.rules.basis == BY_DUE:
            out.append(("办结时限在本期之前，已计入当期",
                        cs._cases(w, status.in_(handling), due_at < w.start)))  # fmt: skip
    if figure.key in ("valid_rate", "valid"):
        out.append(
            ("待受理，尚未审核", cs._cases(w, cs._in_period(Case.reported_at, w), status == S.REPORTED.value))
        )
    if figure.key == "satisfaction_rate":
        out.append(
            ("本期结案但尚未回访", cs._cases(w, status == S.CLOSED.value).where(Case.closed_at >= w.start))
        )
    return out


def _tagged(sets: list[tuple[str, Select[Any]]], scope: Scope, group: str, workers: Any = None) -> Any:
    """The cases of `sets` in `group`, each with its reason; a grid worker's group (or the grid workers'
    total) by the grids they held: `workers(grid_code column)` (`scopes.worker_condition`)."""
    parts = []
    for reason, sel in sets:
        sq = sel.subquery()
        cond = scope.where(sq.c.grid_code, sq.c.dept_id, sq.c.person_id, sq.c.category_id)
        if workers is not None:
            cond = cond & workers(sq.c.grid_code)
        elif group != TOTAL:
            cond = cond & scope.in_group(sq.c.grid_code, sq.c.dept_id, sq.c.person_id, group)
        parts.append(
            select(sq.c.case_id.label("case_id"), literal(reason, String).label("reason")).where(cond)
        )
    return union_all(*parts).subquery()


def _set_select(session: Session, w: cs.Window, scope: Scope, name: str) -> Select[Any]:
    """A set's select: from the kept month sets when they answer for the month (`month_sets`), else its scan."""
    period = month_sets.month_of(w.start, w.end)
    if period is not None and month_sets.answers(session, period, w.as_of):
        kept = month_sets.case_set(name, period, scope, w.rules)
        if kept is not None:
            return kept
    return cs.CASE_SETS[name](w)


def _part_sets(
    session: Session, w: cs.Window, scope: Scope, figure: Figure, part: str
) -> tuple[list[tuple[str, Select[Any]]], list[Select[Any]]]:
    """(sets whose cases are shown with their reason, sets whose cases are taken away from them)."""
    plus = [(n, _set_select(session, w, scope, n)) for n, weight in figure.numerator if weight > 0]
    minus = [(n, _set_select(session, w, scope, n)) for n, weight in figure.numerator if weight < 0]
    if part == COUNTED:
        label = {"satisfied": "满意", "basically_satisfied": "基本满意"}
        return [(label.get(n, "计入"), s) for n, s in plus], [m for _, m in minus]
    if part == AGAINST:
        if figure.denominator is None:
            return [], []
        den = _set_select(session, w, scope, figure.denominator)
        # the numerator's take-aways (e.g. returned dispatches) are exactly what counts against
        if minus:
            return [(MINUS_REASONS.get(n, "未计入"), m) for n, m in minus], []
        return [(f"未计入{figure.label}", den)], [s for _, s in plus]
    return _left_out(w, figure), []


def drill(
    session: Session, w: cs.Window, scope: Scope, figure_key: str, group: str = TOTAL, part: str = COUNTED,
    after: int = 0, size: int = PAGE_SIZE,
) -> DrillPage:  # fmt: skip
    """One page of the cases behind (or left out of) a figure, ordered by case id after `after`."""
    figure = FIGURES_BY_KEY[figure_key]
    analytic(session)
    shown, taken = _part_sets(session, w, scope, figure, part)
    if not shown:
        return DrillPage([], None)
    workers = None
    if scope.kind == WORKER:
        who = None if group == TOTAL else group

        def workers(grid_code: Any) -> Any:
            return worker_condition(session, scope, w.start, w.end, who, grid_code)

    tagged = _tagged(shown, scope, group, workers)
    q = select(tagged.c.case_id, func.min(tagged.c.reason)).where(tagged.c.case_id > after)
    if taken:
        away = _tagged([("", t) for t in taken], scope, group, workers)
        q = q.where(tagged.c.case_id.not_in(select(away.c.case_id)))
    q = q.group_by(tagged.c.case_id).order_by(tagged.c.case_id).limit(size + 1)
    found = [(int(cid), str(reason)) for cid, reason in session.execute(q)]
    more = len(found) > size
    found = found[:size]
    rows = {r.id: r for r in fetch_rows(session, [cid for cid, _ in found])}
    return DrillPage([DrillRow(rows[cid], reason) for cid, reason in found if cid in rows],
                     found[-1][0] if more else None)  # fmt: skip


def drill_ids(session: Session, w: cs.Window, scope: Scope, figure_key: str, group: str = TOTAL,
              part: str = COUNTED) -> list[tuple[int, str]]:  # fmt: skip
    """Every (case id, reason) of a part, unpaged (exports and tests)."""
    out: list[tuple[int, str]] = []
    after = 0
    while True:
        page = drill(session, w, scope, figure_key, group, part, after, 1000)
        out.extend((r.row.id, r.reason) for r in page.rows)
        if page.after is None:
            return out
        after = page.after


def frozen_ids(body: dict[str, Any], figure_key: str, group: str, part: str) -> list[tuple[int, str]]:
    """A frozen record's cases behind a figure, from the case ids it keeps (`left_out` is not kept: the
    caller computes it live, labelled as such)."""
    figure = FIGURES_BY_KEY[figure_key]
    ids = body["case_ids"]

    def of(name: str) -> set[int]:
        return set(ids.get(name, {}).get(group, []))

    plus = set().union(*(of(n) for n, w in figure.numerator if w > 0))
    minus_sets = [(n, of(n)) for n, w in figure.numerator if w < 0]
    minus = set().union(*(ids_ for _, ids_ in minus_sets))
    if part == COUNTED:
        return [(i, "计入") for i in sorted(plus - minus)]
    if part == AGAINST and figure.denominator is not None:
        if minus_sets:
            return sorted({(i, MINUS_REASONS.get(n, "未计入")) for n, ids_ in minus_sets for i in ids_})
        return [(i, f"未计入{figure.label}") for i in sorted(of(figure.denominator) - plus)]
    return []


def frozen_page(session: Session, body: dict[str, Any], figure_key: str, group: str = TOTAL, part: str = COUNTED,
                after: int = 0, size: int = PAGE_SIZE) -> DrillPage:  # fmt: skip
    """One keyset page of a frozen record's cases (the rows as the cases stand now)."""
    return _ids_page(session, [(i, r) for i, r in frozen_ids(body, figure_key, group, part) if i > after], size)


def frozen_months_page(session: Session, bodies: list[tuple[str, dict[str, Any]]], figure_key: str,
                       group: str = TOTAL, part: str = COUNTED, after: int = 0,
                       size: int = PAGE_SIZE) -> DrillPage:  # fmt: skip
    """A quarter's or year's cases behind a figure: those its frozen months (label, body) counted — the figure
    is their sum, so a case counted in two months is listed once with both months."""
    months: dict[int, list[str]] = {}
    reasons: dict[int, str] = {}
    for label, body in bodies:
        for i, reason in frozen_ids(body, figure_key, group, part):
            months.setdefault(i, []).append(label)
            reasons.setdefault(i, reason)
    found = sorted((i, f"{reasons[i]}（{'、'.join(ms)}）") for i, ms in months.items() if i > after)
    return _ids_page(session, found, size)


def _ids_page(session: Session, rest: list[tuple[int, str]], size: int) -> DrillPage:
    page, more = rest[:size], len(rest) > size
    rows = {r.id: r for r in fetch_rows(session, [i for i, _ in page])}
    return DrillPage(
        [DrillRow(rows[i], reason) for i, reason in page if i in rows], page[-1][0] if more else None
    )
