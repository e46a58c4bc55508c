"""The sets of cases the figures count, each written once as a select of
(case_id, grid_code, dept_id, person_id, category_id): the count per group, the drill-down list and the case ids a frozen
result keeps all come from the same select.

A period is the half-open span [start, end); `as_of` is the moment it is judged at (its end, or now while it
runs). What a case looked like at `as_of` is read from its history when it has changed since
(`status_at`, `due_at_at`: an extension approved after a month's end does not move that month's deadlines), so a past month counts the same way whenever it is computed — until it is frozen, after which
its stored result is what counts (`console.review.freezing`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import aliased

from console.domain import CaseStatus as S
from console.domain import CloseType, Satisfaction, Source, Stage
from console.models import Case, CaseHistory, Category, SpotCheckItem
from console.overdue import case_overdue_condition
from console.review.counting import BY_DUE, BY_REPORT, CountingRules
from console.review.sqlfn import as_text, as_timestamp, hours_before, json_item


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    as_of: datetime
    rules: CountingRules


H = CaseHistory
SetFn = Callable[[Window], Select[Any]]
_later = aliased(CaseHistory, name="h_at")


def status_at(as_of: datetime) -> Any:
    """The status a case had at `as_of`: its own column when it has not changed since, else the target status
    of its last history row up to then."""
    last = (
        select(_later.to_status)
        .where(_later.case_id == Case.id, _later.at <= as_of)
        .order_by(_later.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return type_coerce(case((Case.updated_at <= as_of, Case.status), else_=last), String)


_moved = aliased(CaseHistory, name="h_due")
#: a history row that changed the handling deadline (`{"due_at": [old, new]}`; the quote before it leaves out
#: stage_due_at, requested_due_at and rework_due_at)
DUE_CHANGED = '%"due_at":%'


def due_at_at(as_of: datetime | ColumnElement[Any]) -> Any:
    """The handling deadline a case had at `as_of`: its own column when it has not changed since, else the old
    value of the first history row after `as_of` that changed `due_at` (the column when none did). The history
    keeps timestamps as text (`_jsonable`), read back as the column's timestamps (`as_timestamp`). `as_of` may
    be a column (each row's own moment: the weekly trend judges a deadline at the end of its week)."""
    first_moved = (
        # "v" + the old value: NULL when no row moved it, "v" alone when it had none
        select(literal("v", String) + func.coalesce(json_item(_moved.changes, "due_at", 0), ""))
        .where(_moved.case_id == Case.id, _moved.at > as_of, _moved.changes.like(DUE_CHANGED))
        .order_by(_moved.id)
        .limit(1)
        .scalar_subquery()
    )
    then = func.coalesce(first_moved, literal("v", String) + as_text(Case.due_at))
    return type_coerce(
        case((Case.updated_at <= as_of, Case.due_at), else_=as_timestamp(func.nullif(func.substr(then, 2), ""))),
        DateTime,
    )


def _values(*members: StrEnum) -> list[str]:
    return [m.value for m in members]


def _cases(w: Window, *conds: Any, dept: Any = None) -> Select[Any]:
    """Cases matching `conds`, with the columns every set yields; under 按上报日 only those reported in the
    period."""
    if w.rules.basis == BY_REPORT:
        conds = (*conds, Case.reported_at >= w.start, Case.reported_at < w.end)
    return select(
        Case.id.label("case_id"),
        Case.grid_code.label("grid_code"),
        (Case.lead_department_id if dept is None else dept).label("dept_id"),
        Case.responsible_person_id.label("person_id"),
        Case.category_id.label("category_id"),
    ).where(*conds)


def _events(w: Window, action: str, *conds: Any, dept: Any = None) -> Select[Any]:
    """Cases with a history row of `action` in the period (rows survive a reopen; the columns do not)."""
    return (
        _cases(w, *conds, dept=dept)
        .join(H, H.case_id == Case.id)
        .where(H.action == action, H.at >= w.start, H.at < w.end)
    )


def _in_period(col: Any, w: Window) -> Any:
    return and_(col >= w.start, col < w.end)


@dataclass(frozen=True)
class RowSet:
    """A set defined by one predicate: on a history row of the period (`actions`: an event set) or on the case
    alone (`actions` None). Its select (drill-down, frozen ids) is built from it here, and `figures` counts all
    such sets of a period in one scan each (`event_counts`, `case_counts`) from the same predicates."""

    actions: tuple[str, ...] | None
    where: Callable[[Window], list[Any]]


#: name → predicate of every set `figures` may count in one scan
ROW_SETS: dict[str, RowSet] = {}


def _event_set(name: str, *actions: str, where: Callable[[Window], list[Any]] = lambda w: []) -> SetFn:
    ROW_SETS[name] = RowSet(actions, where)

    def fn(w: Window) -> Select[Any]:
        return (
            _cases(w, *where(w))
            .join(H, H.case_id == Case.id)
            .where(H.action.in_(actions), H.at >= w.start, H.at < w.end)
        )

    fn.__name__ = name
    return fn


def _case_set(name: str, where: Callable[[Window], list[Any]]) -> SetFn:
    ROW_SETS[name] = RowSet(None, where)

    def fn(w: Window) -> Select[Any]:
        return _cases(w, *where(w))

    fn.__name__ = name
    return fn


#: what a case-predicate set's period condition is (the one scan reads cases reported or accepted in the period)
def case_scan_filter(w: Window) -> Any:
    return or_(_in_period(Case.reported_at, w), _in_period(Case.accepted_at, w))


# --- intake --------------------------------------------------------------------------------------------------


# 上报: reported in the period
reported = _case_set("reported", lambda w: [_in_period(Case.reported_at, w)])


# reports of the period whose intake was decided by `as_of` (accepted, rejected or merged)
reviewed = _case_set("reviewed", lambda w: [
    _in_period(Case.reported_at, w),
    or_(Case.accepted_at <= w.as_of,
        and_(Case.status.in_(_values(S.REJECTED, S.MERGED)), Case.closed_at <= w.as_of)),
])  # fmt: skip


# 有效上报: accepted reports of the period, not closed as unfounded (反映不实)
valid = _case_set("valid", lambda w: [
    _in_period(Case.reported_at, w), Case.accepted_at <= w.as_of,
    or_(Case.close_type.is_(None), Case.close_type != CloseType.UNFOUNDED.value),
])  # fmt: skip


accepted = _case_set("accepted", lambda w: [_in_period(Case.accepted_at, w)])


intake_timed = _event_set("intake_timed", "accept",
                          where=lambda w: [H.stage == Stage.INTAKE.value, H.stage_on_time.is_not(None)])  # fmt: skip


intake_on_time = _event_set("intake_on_time", "accept",
                            where=lambda w: [H.stage == Stage.INTAKE.value, H.stage_on_time.is_(True)])  # fmt: skip


# --- dispatch ------------------------------------------------------------------------------------------------

#: the department a dispatch went to, read from its history row (a returned case no longer names it)
_DISPATCHED_TO = cast(json_item(H.changes, "lead_department_id", 1), Integer)


def dispatched(w: Window) -> Select[Any]:
    return _events(w, "dispatch", dept=_DISPATCHED_TO)


def dispatch_returned(w: Window) -> Select[Any]:
    """Dispatches of the period that the department returned (退回: wrong department) by `as_of`, before any
    later dispatch of the case."""
    r = aliased(CaseHistory, name="h_ret")
    d = aliased(CaseHistory, name="h_redo")
    redispatched = (
        exists()
        .where(d.case_id == H.case_id, d.action == "dispatch", d.id > H.id, d.id < r.id)
        .correlate_except(d)
    )
    returned = exists().where(r.case_id == H.case_id, r.action == "return", r.id > H.id, r.at <= w.as_of,
                              ~redispatched)  # fmt: skip
    return _events(w, "dispatch", returned, dept=_DISPATCHED_TO)


# --- handling and closing ------------------------------------------------------------------------------------


# 处置: the department fed back in the period
handled = _event_set("handled", "feedback", where=lambda w: [H.stage == Stage.HANDLE.value])


# fed back late in the period (a feedback without a deadline is not late): 按期处置 = 处置 minus these
late_handled = _event_set("late_handled", "feedback",
                          where=lambda w: [H.stage == Stage.HANDLE.value, H.stage_on_time.is_(False)])  # fmt: skip


closed = _event_set("closed", "close")


def _no_later_than_due(at: Any, due_at: Any) -> Any:
    return or_(due_at.is_(None), at <= due_at)


# closed in the period no later than the handling deadline (as it stood at `as_of`) (a case without one is not late)
closed_on_time = _event_set(
    "closed_on_time", "close", where=lambda w: [_no_later_than_due(H.at, due_at_at(w.as_of))]
)



def _overdue_statuses(w: Window) -> list[str]:
    if w.rules.deferred_leave_due:
        return _values(S.DISPATCHED, S.IN_PROGRESS)
    return _values(S.DISPATCHED, S.IN_PROGRESS, S.EXTENSION_REQUESTED, S.LONG_TERM)


def overdue_unhandled(w: Window) -> Select[Any]:
    """超时未处置 at `as_of`: past the handling deadline and not fed back; whether 延期审批中/挂账 cases count is
    a rule. 按到期日: only deadlines that fell in the period."""
    status, due_at = status_at(w.as_of), due_at_at(w.as_of)
    conds = [status.in_(_overdue_statuses(w)), due_at.is_not(None), due_at < w.as_of]
    if w.rules.basis == BY_DUE:
        conds.append(due_at >= w.start)
    return _cases(w, *conds)


def due(w: Window) -> Select[Any]:
    """应结案: handled (fed back or closed) in the period, plus 超时未处置."""
    return handled(w).union(closed(w), overdue_unhandled(w))  # type: ignore[return-value]


# --- parts the figures count in their one history scan (not sets of their own: no figure names them) --------

# a dispatch in the period, under the case's own grid and handler: `dispatched` wherever the department the
# dispatch went to does not decide the group (grid and handler scopes)
dispatch_event = _event_set("dispatch_event", "dispatch")


# fed back by the department or closed in the period: the part of 应结案 the history scan finds
handled_or_closed = _event_set("handled_or_closed", "feedback", "close", where=lambda w: [
    or_(H.action == "close", H.stage == Stage.HANDLE.value),
])  # fmt: skip


def due_rest(w: Window) -> Select[Any]:
    """超时未处置 cases not already handled or closed in the period: with `handled_or_closed` (disjoint from it)
    the whole of `due`."""
    h = aliased(CaseHistory, name="h_done")
    done = exists().where(h.case_id == Case.id, h.action.in_(("feedback", "close")), h.at >= w.start,
                          h.at < w.end, or_(h.action == "close", h.stage == Stage.HANDLE.value))  # fmt: skip
    return overdue_unhandled(w).where(~done)


def overdue_now(w: Window) -> Select[Any]:
    """办理超期 at `as_of` (`console.overdue`, the definition every form uses)."""
    due_at = due_at_at(w.as_of)
    conds = [case_overdue_condition(status_at(w.as_of), due_at, w.as_of)]
    if w.rules.basis == BY_DUE:
        conds.append(due_at >= w.start)
    return _cases(w, *conds)


def overdue(w: Window) -> Select[Any]:
    """超期: 办理超期 at `as_of` plus the cases fed back late in the period."""
    return overdue_now(w).union(late_handled(w))  # type: ignore[return-value]


# 返工: a failed verification or a reopened closed case in the period
rework = _event_set("rework", "verify", "reopen", where=lambda w: [or_(
    H.action == "reopen",
    and_(H.from_status == S.FEEDBACK.value, H.to_status.in_(_values(S.IN_PROGRESS, S.ACCEPTED))),
)])  # fmt: skip


# 延期: an extension approved in the period (the approval moves `extension_count`)
extended = _event_set("extended", "decide_extension", where=lambda w: [H.changes.like('%"extension_count"%')])


def long_term(w: Window) -> Select[Any]:
    """挂账: parked on the ledger at `as_of` (only a case parked by then can be: its 挂账 rows narrow the search)."""
    parked = select(H.case_id).where(H.action == "long_term", H.at <= w.as_of)
    return _cases(w, Case.id.in_(parked), status_at(w.as_of) == S.LONG_TERM.value)


supervised = _event_set("supervised", "supervise")


verify_timed = _event_set("verify_timed", "verify",
                          where=lambda w: [H.stage == Stage.VERIFY.value, H.stage_on_time.is_not(None)])  # fmt: skip


verify_on_time = _event_set("verify_on_time", "verify",
                            where=lambda w: [H.stage == Stage.VERIFY.value, H.stage_on_time.is_(True)])  # fmt: skip


# --- call-backs, first and missed reports --------------------------------------------------------------------

_RATED = json_item(H.changes, "satisfaction", 1)


callbacks = _event_set("callbacks", "callback")


satisfied = _event_set("satisfied", "callback", where=lambda w: [_RATED == Satisfaction.SATISFIED.value])


basically_satisfied = _event_set("basically_satisfied", "callback",
                                 where=lambda w: [_RATED == Satisfaction.BASICALLY.value])  # fmt: skip


# 首报: a grid worker's own accepted report of a bottom-line category, not merged into an earlier one
first_reports = _case_set("first_reports", lambda w: [
    _in_period(Case.reported_at, w), Case.source == Source.PATROL.value,
    Case.category_id.in_(select(Category.id).where(Category.name.in_(w.rules.bottom_line))),
    Case.accepted_at <= w.as_of, Case.status != S.MERGED.value,
])  # fmt: skip


# 漏报: accepted cases of a grid found by a supervisor or a department, not by the grid's own workers
missed = _case_set("missed", lambda w: [_in_period(Case.accepted_at, w),
                                        Case.source.in_(_values(Source.SUPERVISOR, Source.DEPARTMENT))])  # fmt: skip


# --- spot checks and the anti-gaming monitors ------------------------------------------------------------

_ITEM = SpotCheckItem


def _checked(w: Window, *conds: Any) -> Select[Any]:
    """Cases whose spot check (matching `conds` on the item) was recorded in the period (the few checked
    items are found first, then their cases)."""
    items = select(_ITEM.case_id).where(_ITEM.outcome.is_not(None), _ITEM.checked_at >= w.start,
                                        _ITEM.checked_at < w.end, *conds)  # fmt: skip
    return _cases(w, Case.id.in_(items))


def spot_checked(w: Window) -> Select[Any]:
    """随机抽查: closed cases checked on site in the period."""
    return _checked(w)


def spot_passed(w: Window) -> Select[Any]:
    return _checked(w, _ITEM.outcome == "confirmed")


def contradicted(w: Window) -> Select[Any]:
    """Rated 满意/基本满意 at call-back, yet the spot check found it not fixed or the resident disagreeing."""
    rated = aliased(CaseHistory, name="h_rated")
    pleased = exists().where(rated.case_id == Case.id, rated.action == "callback",
                             json_item(rated.changes, "satisfaction", 1).in_(
                                 _values(Satisfaction.SATISFIED, Satisfaction.BASICALLY)))  # fmt: skip
    return _checked(w, _ITEM.outcome.in_(["not_fixed", "callback_disagrees"])).where(pleased)


# fed back within the last hour before the handling deadline (临期突击反馈)
last_hour = _event_set("last_hour", "feedback", where=lambda w: _last_hour(due_at_at(w.as_of)))


def _last_hour(due_at: Any) -> list[Any]:
    return [H.stage == Stage.HANDLE.value, due_at.is_not(None), H.at <= due_at, H.at > hours_before(due_at, 1)]


def dispatched_parked(w: Window) -> Select[Any]:
    """Dispatched in the period and parked on the ledger (挂账) at `as_of`."""
    return _events(w, "dispatch", status_at(w.as_of) == S.LONG_TERM.value, dept=_DISPATCHED_TO)


# reports of the period refused (不予受理) — a high share hides work by not taking it on
rejected = _case_set("rejected", lambda w: [_in_period(Case.reported_at, w), Case.status == S.REJECTED.value])


reopened = _event_set("reopened", "reopen")


#: sets that are the union of others (each case under the same group in every part): whoever has the parts'
#: case ids (a frozen record) takes their union instead of scanning the period again
UNIONS: dict[str, tuple[str, ...]] = {
    "due": ("handled", "closed", "overdue_unhandled"),
    "overdue": ("overdue_now", "late_handled"),
}

#: how `figures` counts a set from parts that add up (disjoint, each case under the same group in every part)
#: — a set left out here is counted as itself
COUNTED_AS: dict[str, tuple[str, ...]] = {"due": ("handled_or_closed", "due_rest")}
#: sets counted as one event set where the department a dispatch went to does not group (`figures`)
AS_EVENT_OUTSIDE_DEPARTMENTS: dict[str, str] = {"dispatched": "dispatch_event"}
#: the parts above that are no set of their own (a select each)
PART_SETS: dict[str, SetFn] = {"due_rest": due_rest}

#: every case set by name (the names frozen results and the CLI use)
CASE_SETS: dict[str, SetFn] = {
    fn.__name__: fn
    for fn in (reported, reviewed, valid, accepted, intake_timed, intake_on_time, dispatched, dispatch_returned,
               handled, late_handled, closed, closed_on_time, overdue_unhandled, due, overdue, rework,
               extended, long_term, supervised, verify_timed, verify_on_time, callbacks, satisfied,
               basically_satisfied, first_reports, missed, spot_checked, spot_passed, contradicted, last_hour,
               rejected, reopened, dispatched_parked)
}  # fmt: skip
