"""Every review figure, defined once: its label, the case sets it counts, its formula text (shown in the view
and printed on the bulletin) and the counting rules printed beside it; `compute_figures` counts them all for a
period and scope in one grouped SQL statement.

A rate whose denominator is empty is "—", never 0%.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, case, distinct, func, literal, select, union_all
from sqlalchemy.orm import Session

from console import clock
from console.models import Case, CaseHistory
from console.overdue import CASE_OVERDUE_DEFINITION
from console.review import case_sets, month_sets
from console.review.counting import BY_REPORT, CountingRules
from console.review.periods import Period
from console.review.scopes import (
    WORKER,
    WORKER_RULE,
    Scope,
    by_worker,
    group_names,
    worker_condition,
    worker_grids,
)
from console.review.sqlfn import analytic

COUNT, RATE = "count", "rate"
EMPTY = "—"
TOTAL = "*"  # the group key of the whole scope's row


@dataclass(frozen=True)
class Figure:
    key: str  # stable identifier (frozen results, CLI, rule-set weights)
    label: str  # 结案率
    kind: str  # COUNT or RATE
    numerator: tuple[tuple[str, float], ...]  # (case set, weight) summed
    formula: str
    denominator: str | None = None
    rules: Callable[[CountingRules], list[str]] = field(default=lambda r: [])

    @property
    def sets(self) -> list[str]:
        return [name for name, _ in self.numerator] + ([self.denominator] if self.denominator else [])

    def numerator_weights(self, rules: CountingRules) -> list[tuple[str, float]]:
        if self.key == "satisfaction_rate":
            return [("satisfied", 1.0), ("basically_satisfied", rules.basic_weight)]
        return list(self.numerator)


def _due_rules(r: CountingRules) -> list[str]:
    return [r.basis_text, r.deferred_text]


def _basis(r: CountingRules) -> list[str]:
    return [r.basis_text]


def _f(key: str, label: str, num: str, formula: str, den: str | None = None,
       rules: Callable[[CountingRules], list[str]] = _basis, extra: tuple[tuple[str, float], ...] = ()) -> Figure:  # fmt: skip
    return Figure(key, label, RATE if den else COUNT, ((num, 1.0), *extra), formula, den, rules)


FIGURES: tuple[Figure, ...] = (
    _f(
        "reported",
        "上报数",
        "reported",
        "上报数 = 本期上报的案件数（含后来不予受理、合并的）",
        rules=lambda r: [],
    ),
    _f(
        "valid",
        "有效上报数",
        "valid",
        "有效上报数 = 本期上报、已受理立案且未以“反映不实”结案的案件数",
        rules=lambda r: [],
    ),
    _f(
        "valid_rate",
        "有效上报率",
        "valid",
        "有效上报率 = 有效上报数 ÷ 已审核的上报数（待受理的不计）",
        "reviewed",
        rules=lambda r: [],
    ),
    _f("accepted", "立案数", "accepted", "立案数 = 本期受理立案的案件数", rules=lambda r: []),
    _f(
        "intake_on_time_rate",
        "按时立案率",
        "intake_on_time",
        "按时立案率 = 在受理时限内立案的案件数 ÷ 本期立案且有受理时限的案件数",
        "intake_timed",
    ),
    _f("dispatched", "派遣数", "dispatched", "派遣数 = 本期派遣的案件数（按派往的部门统计）"),
    _f(
        "dispatch_accuracy",
        "准确派遣率",
        "dispatched",
        "准确派遣率 = （派遣数 − 被部门退回的案件数）÷ 派遣数",
        "dispatched",
        extra=(("dispatch_returned", -1.0),),
    ),
    _f(
        "due",
        "应结案数",
        "due",
        "应结案数 = 本期已处置（反馈或结案）的案件数 + 超时未处置的案件数（未到期的未结案件不计）",
        rules=_due_rules,
    ),
    _f("closed", "结案数", "closed", "结案数 = 本期结案的案件数"),
    _f("close_rate", "结案率", "closed", "结案率 = 结案数 ÷ 应结案数", "due", rules=_due_rules),
    _f(
        "close_on_time_rate",
        "按期结案率",
        "closed_on_time",
        "按期结案率 = 在办结时限内结案的案件数 ÷ 应结案数",
        "due",
        rules=_due_rules,
    ),
    _f("handled", "处置数", "handled", "处置数 = 本期职能部门办理反馈的案件数"),
    _f(
        "handle_on_time_rate",
        "按期处置率",
        "handled",
        "按期处置率 = （处置数 − 本期有超时反馈的案件数）÷ 处置数",
        "handled",
        extra=(("late_handled", -1.0),),
    ),
    _f(
        "overdue",
        "超期数",
        "overdue",
        f"超期数 = 统计时点办理超期（{CASE_OVERDUE_DEFINITION[5:]}）的案件数 + 本期超时反馈的案件数",
    ),
    _f("rework", "返工数", "rework", "返工数 = 本期核查不通过或结案后重新办理的案件数"),
    _f("rework_rate", "返工率", "rework", "返工率 = 返工数 ÷ 处置数", "handled"),
    _f("extended", "延期数", "extended", "延期数 = 本期批准延期的案件数"),
    _f("long_term", "挂账数", "long_term", "挂账数 = 统计时点挂账（列入治理计划）的案件数"),
    _f("supervised", "督办数", "supervised", "督办数 = 本期被督办的案件数"),
    _f(
        "verify_on_time_rate",
        "按时核查率",
        "verify_on_time",
        "按时核查率 = 在核查时限内核查的案件数 ÷ 本期核查且有核查时限的案件数",
        "verify_timed",
    ),
    _f("callbacks", "回访数", "callbacks", "回访数 = 本期回访并评价的案件数"),
    Figure(
        "satisfaction_rate",
        "满意率",
        RATE,
        (("satisfied", 1.0), ("basically_satisfied", 1.0)),
        "满意率 = （满意数 + 基本满意数 × 折算系数）÷ 回访数",
        "callbacks",
        lambda r: [r.satisfaction_text, r.basis_text],
    ),
    _f(
        "first_reports",
        "首报数",
        "first_reports",
        "首报数 = 网格员巡查首先上报并立案的底线类问题数",
        rules=lambda r: ["底线类：" + "、".join(r.bottom_line)],
    ),
    _f(
        "missed",
        "漏报数",
        "missed",
        "漏报数 = 本期立案的、由督查或部门而非本网格发现的案件数",
        rules=lambda r: [],
    ),
    _f("missed_rate", "漏报率", "missed", "漏报率 = 漏报数 ÷ 立案数", "accepted", rules=lambda r: []),
)
FIGURES += (
    _f("spot_checked", "抽查数", "spot_checked", "抽查数 = 本期随机抽查并已记录结果的结案案件数", rules=lambda r: []),
    _f("spot_pass_rate", "抽查合格率", "spot_passed", "抽查合格率 = 抽查确认已解决的案件数 ÷ 抽查数", "spot_checked",
       rules=lambda r: []),
)  # fmt: skip
#: the anti-gaming monitors (GB/T 39734-2020): shares a rule set flags above its thresholds
MONITORS: tuple[Figure, ...] = (
    _f("last_hour_share", "临期突击反馈占比", "last_hour",
       "临期突击反馈占比 = 在办结时限前 1 小时内反馈的案件数 ÷ 处置数", "handled"),
    _f("extension_share", "延期占比", "extended", "延期占比 = 批准延期的案件数 ÷ 派遣数", "dispatched"),
    _f("long_term_share", "挂账占比", "dispatched_parked", "挂账占比 = 本期派遣、统计时点挂账的案件数 ÷ 派遣数", "dispatched"),
    _f("return_share", "退回占比", "dispatch_returned", "退回占比 = 被部门退回的派遣数 ÷ 派遣数", "dispatched"),
    _f("rejected_share", "不予受理占比", "rejected", "不予受理占比 = 不予受理的上报数 ÷ 上报数", "reported",
       rules=lambda r: []),
    _f("reopen_share", "结案后重办占比", "reopened", "结案后重办占比 = 本期重新办理的已结案件数 ÷ 结案数", "closed"),
    _f("contradictions", "回访满意但抽查不合格", "contradicted",
       "回访满意但抽查不合格 = 回访评价满意或基本满意、抽查却发现未解决或群众不认可的案件数", rules=lambda r: []),
)  # fmt: skip
ALL_FIGURES = FIGURES + MONITORS
FIGURES_BY_KEY = {f.key: f for f in ALL_FIGURES}


@dataclass(frozen=True)
class Value:
    numerator: float
    denominator: int | None  # None for a count
    kind: str

    @property
    def value(self) -> float | None:
        """The count, or the rate as a fraction; None for a rate over nothing."""
        if self.kind == COUNT:
            return self.numerator
        if not self.denominator:
            return None
        return self.numerator / self.denominator

    @property
    def text(self) -> str:
        v = self.value
        if v is None:
            return EMPTY
        if self.kind == COUNT:
            return f"{v:g}"
        return f"{v * 100:.2f}%"


@dataclass
class FigureTable:
    """The figures of one period and scope: a row per group, plus the whole scope's row (`TOTAL`)."""

    period: Period
    scope: Scope
    rules: CountingRules
    as_of: datetime
    keys: list[str]  # group keys in display order
    names: dict[str, str]
    counts: dict[tuple[str, str], int]  # (case set, group key) → distinct cases

    def value(self, figure: Figure | str, group: str = TOTAL) -> Value:
        f = FIGURES_BY_KEY[figure] if isinstance(figure, str) else figure
        num = sum(self.counts.get((name, group), 0) * w for name, w in f.numerator_weights(self.rules))
        den = self.counts.get((f.denominator, group), 0) if f.denominator else None
        return Value(num, den, f.kind)

    def text(self, figure: Figure | str, group: str = TOTAL) -> str:
        return self.value(figure, group).text

    def rule_texts(self, figure: Figure | str) -> list[str]:
        """The counting rules printed beside a figure of this table (a grid workers' table adds whose row a
        case counts in)."""
        f = FIGURES_BY_KEY[figure] if isinstance(figure, str) else figure
        return f.rules(self.rules) + ([WORKER_RULE] if self.scope.kind == WORKER else [])


def window(period: Period, rules: CountingRules, now: datetime | None = None) -> case_sets.Window:
    return case_sets.Window(period.start_at, period.end_at, period.as_of(now or clock.now()), rules)


def needed_sets(figures: tuple[Figure, ...] | None = None) -> list[str]:
    out: list[str] = []
    for f in figures or ALL_FIGURES:
        for name in f.sets + (["basically_satisfied"] if f.key == "satisfaction_rate" else []):
            if name not in out:
                out.append(name)
    return out


#: sets whose cases may count under more than one department (the department a dispatch went to): their
#: whole-scope count is its own query; every other set's is the sum of its groups (each case in one group)
MULTI_GROUP_SETS = frozenset({"dispatched", "dispatch_returned", "dispatched_parked"})


def needs_total(scope: Scope, name: str) -> bool:
    return scope.kind == "department" and name in MULTI_GROUP_SETS


def fused_statements(w: case_sets.Window, scope: Scope, set_names: list[str]) -> list[Any]:
    """The sets defined by a row predicate (`case_sets.ROW_SETS`), counted in two scans: one over the
    period's history rows (every event set a column), one over the cases reported or accepted in the period.
    Each statement yields (group key, one count per set) rows."""
    key = scope.group_key(Case.grid_code, Case.lead_department_id, Case.responsible_person_id).label("k")
    where = [
        scope.where(Case.grid_code, Case.lead_department_id, Case.responsible_person_id, Case.category_id)
    ]
    if w.rules.basis == BY_REPORT:
        where += [Case.reported_at >= w.start, Case.reported_at < w.end]
    H = CaseHistory
    events = {
        n: r for n in set_names if (r := case_sets.ROW_SETS.get(n)) is not None and r.actions is not None
    }
    cases = {n: r for n in set_names if (r := case_sets.ROW_SETS.get(n)) is not None and r.actions is None}
    out = []
    if events:
        actions = sorted({a for r in events.values() for a in r.actions or ()})
        cols = [func.count(distinct(case((and_(H.action.in_(r.actions or ()), *r.where(w)), H.case_id)))).label(n)
                for n, r in events.items()]  # fmt: skip
        out.append(select(key, *cols).select_from(Case).join(H, H.case_id == Case.id)
                   .where(H.action.in_(actions), H.at >= w.start, H.at < w.end, *where).group_by(key))  # fmt: skip
    if cases:
        cols = [func.count(case((and_(*r.where(w)), Case.id))).label(n) for n, r in cases.items()]
        out.append(select(key, *cols).where(case_sets.case_scan_filter(w), *where).group_by(key))
    return out


def fused_id_statements(w: case_sets.Window, scope: Scope, set_names: list[str]) -> list[Any]:
    """Like `fused_statements`, one row per (group key, case) with a 0/1 column per set: the case ids a frozen
    record keeps, in two scans."""
    key = scope.group_key(Case.grid_code, Case.lead_department_id, Case.responsible_person_id).label("k")
    where = [
        scope.where(Case.grid_code, Case.lead_department_id, Case.responsible_person_id, Case.category_id)
    ]
    if w.rules.basis == BY_REPORT:
        where += [Case.reported_at >= w.start, Case.reported_at < w.end]
    H = CaseHistory
    events = {
        n: r for n in set_names if (r := case_sets.ROW_SETS.get(n)) is not None and r.actions is not None
    }
    cases = {n: r for n in set_names if (r := case_sets.ROW_SETS.get(n)) is not None and r.actions is None}
    out = []
    if events:
        actions = sorted({a for r in events.values() for a in r.actions or ()})
        cols = [func.max(case((and_(H.action.in_(r.actions or ()), *r.where(w)), 1), else_=0)).label(n)
                for n, r in events.items()]  # fmt: skip
        out.append(select(key, Case.id.label("case_id"), *cols).select_from(Case).join(H, H.case_id == Case.id)
                   .where(H.action.in_(actions), H.at >= w.start, H.at < w.end, *where)
                   .group_by(key, Case.id))  # fmt: skip
    if cases:
        cols = [case((and_(*r.where(w)), 1), else_=0).label(n) for n, r in cases.items()]
        out.append(select(key, Case.id.label("case_id"), *cols).where(case_sets.case_scan_filter(w), *where))
    return out


def counts_statement(w: case_sets.Window, scope: Scope, set_names: list[str]) -> Any:
    """One statement: for every case set, its distinct cases per group (and for the whole scope where that is
    not the sum of the groups)."""
    parts: list[Any] = []
    for name in set_names:
        sq = {**case_sets.CASE_SETS, **case_sets.PART_SETS}[name](w).subquery()
        where = scope.where(sq.c.grid_code, sq.c.dept_id, sq.c.person_id, sq.c.category_id)
        key = scope.group_key(sq.c.grid_code, sq.c.dept_id, sq.c.person_id)
        n = func.count(distinct(sq.c.case_id))
        parts.append(select(literal(name, String).label("set_name"), key.label("k"), n.label("n"))
                     .where(where).group_by(key))  # fmt: skip
        if needs_total(scope, name):
            parts.append(select(literal(name, String), literal(TOTAL, String), n).where(where))
    return union_all(*parts)


def _counting_plan(scope: Scope, set_names: list[str]) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """What to count for `set_names`: the sets themselves, or parts whose counts add up to them
    (`case_sets.COUNTED_AS`), so that most are columns of the one history scan."""
    parts = dict(case_sets.COUNTED_AS)
    if scope.kind != "department":
        parts.update({n: (p,) for n, p in case_sets.AS_EVENT_OUTSIDE_DEPARTMENTS.items()})
    counted: list[str] = []
    for name in set_names:
        for p in parts.get(name, (name,)):
            if p not in counted:
                counted.append(p)
    return counted, {n: ps for n, ps in parts.items() if n in set_names}


def compute_figures(
    session: Session, period: Period, scope: Scope, rules: CountingRules | None = None,
    now: datetime | None = None, *, kept: bool = True,
) -> FigureTable:  # fmt: skip
    """The figures of a period and scope. The row-predicate sets of a completed month are counted from the
    month sets the database keeps (`month_sets`) where they answer exactly; `kept=False` always scans (the
    reference the tests compare them with)."""
    rules = rules or CountingRules()
    w = window(period, rules, now)
    analytic(session)
    counts: dict[tuple[str, str], int] = {}
    set_names = needed_sets()
    counted, parts = _counting_plan(scope, set_names)
    if kept and month_sets.answers(session, period, w.as_of):
        fused = [n for n in counted if month_sets.keeps(n, scope)]
        statements = month_sets.counts_statements(period, scope, rules, fused)
    else:
        fused = [n for n in counted if n in case_sets.ROW_SETS and not needs_total(scope, n)]
        statements = fused_statements(w, scope, fused)
    for stmt in statements:
        for row in session.execute(stmt).mappings():
            if row["k"] is not None:
                counts.update({(n, str(row["k"])): int(v) for n, v in row.items() if n != "k" and v})
    rest = [n for n in counted if n not in fused]
    if rest:
        for set_name, key, n in session.execute(counts_statement(w, scope, rest)):
            if key is not None:
                counts[(set_name, str(key))] = int(n)
    for name, ps in parts.items():  # a set counted in parts: the parts' sum, group by group
        if ps == (name,):
            continue
        summed: dict[tuple[str, str], int] = {}
        for (s_, k), v in counts.items():
            if s_ in ps:
                summed[(name, k)] = summed.get((name, k), 0) + v
        counts = {key: v for key, v in counts.items() if key[0] not in ps or key[0] in set_names}
        counts.update(summed)
    if scope.kind == WORKER:  # per grid so far: the grid workers' rows
        counts = _worker_counts(session, scope, w, counts, set_names)
    for name in set_names:
        if not needs_total(scope, name) and (name, TOTAL) not in counts:
            counts[(name, TOTAL)] = sum(v for (s_, k), v in counts.items() if s_ == name and k != TOTAL)
    keys = sorted({k for (_, k) in counts if k != TOTAL})
    names = group_names(session, scope, keys)
    return FigureTable(period, scope, rules, w.as_of, keys, names, counts)


def _worker_counts(session: Session, scope: Scope, w: case_sets.Window, counts: dict[tuple[str, str], int],
                   set_names: list[str]) -> dict[tuple[str, str], int]:  # fmt: skip
    """Counts per grid as counts per grid worker and the scope's total (`scopes.by_worker`)."""
    workers = worker_grids(session, scope, w.start, w.end)
    out: dict[tuple[str, str], int] = {}
    for name in set_names:
        per_grid = {k: n for (s_, k), n in counts.items() if s_ == name and k != TOTAL}
        rows, total = by_worker(per_grid, workers, sum)
        out.update({(name, person): n for person, n in rows.items() if n})
        out[(name, TOTAL)] = total or 0
    return out


def case_ids(
    session: Session, w: case_sets.Window, scope: Scope, set_name: str, group: str = TOTAL
) -> list[int]:
    """The cases a set counts for one group (the drill-down and the frozen record use this)."""
    sq = case_sets.CASE_SETS[set_name](w).subquery()
    cond = scope.where(sq.c.grid_code, sq.c.dept_id, sq.c.person_id, sq.c.category_id)
    if scope.kind == WORKER:
        cond = cond & worker_condition(session, scope, w.start, w.end, None if group == TOTAL else group,
                                       sq.c.grid_code)  # fmt: skip
    elif group != TOTAL:
        cond = cond & (scope.group_key(sq.c.grid_code, sq.c.dept_id, sq.c.person_id) == group)
    return list(session.scalars(select(sq.c.case_id).where(cond).distinct().order_by(sq.c.case_id)))
