"""计算 → 公示 → 申诉 → 审定 → 冻结: a month's review from draft to a frozen record.

The record keeps the rule-set version, every count, the case ids behind each figure and, once frozen, the
sha256 of its body: later case edits never change it (`differences` shows what re-computing would give beside
it), and a correction is a dated adjustment row, never a rewrite. Who may take each step is a post rule
(`console.security.posts`: review_compute, review_publish, review_appeal, review_decide, review_freeze).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import NotFound, ValidationError
from console.i18n import ITEMS, QT_TRANSLATE_NOOP, Message, join
from console.models import ReviewAdjustment, ReviewAppeal, ReviewResult
from console.review import month_sets
from console.review.case_sets import CASE_SETS, ROW_SETS, UNIONS, overdue_now
from console.review.counting import CountingRules
from console.review.figures import (
    ALL_FIGURES,
    FIGURES_BY_KEY,
    TOTAL,
    FigureTable,
    fused_id_statements,
    needed_sets,
    needs_total,
    window,
)
from console.review.periods import MONTH, Period, parse_period
from console.review.results import APPROVED, DRAFT, FROZEN, PUBLISHED, STATUS_LABELS, stored_result
from console.review.rulesets import rule_set_in_force, rule_set_version
from console.review.scopes import GRID, WORKER, Scope, by_worker, group_names, scope_from_key, worker_grids
from console.review.scoring import score_table
from console.review.sqlfn import analytic
from console.security.enforce import require
from console.workflow.commands import text_problem

UPHELD, REJECTED = "upheld", "rejected"
#: the parts of a union set (`UNIONS`) that are no set of their own
PARTS = {**CASE_SETS, "overdue_now": overdue_now}
DECISION_LABELS = {UPHELD: "申诉成立", REJECTED: "申诉不成立"}


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def figures_and_ids(session: Session, period: Period, scope: Scope, rules: CountingRules, now: datetime,
                    *, kept: bool = True) -> tuple[FigureTable, dict[str, dict[str, list[int]]]]:  # fmt: skip
    """The case ids behind every set, per group and for the whole scope, and the figures counted from them
    (a figure's count is its distinct cases per group, so the ids give the same table `compute_figures` does
    without scanning the period twice): the row-predicate sets in two scans (`fused_id_statements`), the
    others one grouped query each; a completed month's row-predicate sets from the kept month sets
    (`month_sets`), unless `kept` is False."""
    w = window(period, rules, now)
    analytic(session)
    names = needed_sets()
    per: dict[str, dict[str, set[int]]] = {n: {} for n in names}
    if kept and month_sets.answers(session, period, w.as_of):  # a completed month: its sets are kept
        fused = [n for n in names if month_sets.keeps(n, scope)]
        per.update(month_sets.case_ids(session, period, scope, rules, fused))
        statements = []
    else:
        fused = [n for n in names if n in ROW_SETS]
        statements = fused_id_statements(w, scope, fused)
    for stmt in statements:
        cols = list(stmt.selected_columns.keys())
        flagged = [(cols.index(n), per[n]) for n in fused if n in cols]
        by_group: dict[str | None, list[Any]] = {}  # a month's ~100,000 rows: one pass per set, per group
        for row in session.execute(stmt):
            by_group.setdefault(None if row[0] is None else str(row[0]), []).append(row)
        for i, groups in flagged:
            for group, rows in by_group.items():
                ids = {int(r[1]) for r in rows if r[i]}
                if ids:
                    if group is not None:
                        groups.setdefault(group, set()).update(ids)
                    groups.setdefault(TOTAL, set()).update(ids)

    def grouped(sel: Any) -> dict[str, set[int]]:
        sq = sel.subquery()
        cond = scope.where(sq.c.grid_code, sq.c.dept_id, sq.c.person_id, sq.c.category_id)
        key = scope.group_key(sq.c.grid_code, sq.c.dept_id, sq.c.person_id)
        groups: dict[str, set[int]] = {}
        for k, cid in session.execute(select(key, sq.c.case_id).where(cond).distinct()):
            if k is not None:
                groups.setdefault(str(k), set()).add(int(cid))
            groups.setdefault(TOTAL, set()).add(int(cid))
        return groups

    for name in (n for n in names if n not in fused and n not in UNIONS):
        per[name] = grouped(CASE_SETS[name](w))
    for name in (n for n in names if n in UNIONS and n not in fused):  # the union of parts mostly counted above
        for part in UNIONS[name]:
            part_groups = per[part] if part in per else grouped(PARTS[part](w))
            for k, ids_ in part_groups.items():
                per[name].setdefault(k, set()).update(ids_)
    if scope.kind == WORKER:  # per grid so far: the grid workers' rows (`scopes.by_worker`)
        workers = worker_grids(session, scope, w.start, w.end)
        for name, groups in per.items():
            of_workers, total = by_worker({k: v for k, v in groups.items() if k != TOTAL}, workers,
                                          lambda found: set().union(*found))  # fmt: skip
            per[name] = {**of_workers, **({TOTAL: total} if total else {})}
    counts: dict[tuple[str, str], int] = {}
    for name, groups in per.items():
        for k, ids in groups.items():
            if k != TOTAL:
                counts[(name, k)] = len(ids)
        # the scope's one row is its total; a grid worker's total counts each case once
        whole = (scope.kind == GRID and scope.level is None) or scope.kind == WORKER
        if whole or needs_total(scope, name):
            counts[(name, TOTAL)] = len(groups.get(TOTAL, ()))
        else:  # as `compute_figures`: the sum of the groups
            counts[(name, TOTAL)] = sum(n for (s_, k), n in counts.items() if s_ == name and k != TOTAL)
    keys = sorted({k for (_, k) in counts if k != TOTAL})
    table = FigureTable(period, scope, rules, w.as_of, keys, group_names(session, scope, keys), counts)
    return table, {n: {k: sorted(v) for k, v in sorted(groups.items())} for n, groups in per.items()}


def _body(session: Session, period: Period, scope: Scope, now: datetime) -> tuple[str, int, datetime]:
    rules = rule_set_in_force(session, period.start)
    table, ids = figures_and_ids(session, period, scope, rules.counting, now)
    scores = score_table(table, rules)
    body = {
        "period": period.key,
        "scope": scope.key_text,
        "as_of": table.as_of.isoformat(sep=" "),
        "rule_set_version": rules.version,
        "keys": table.keys,
        "names": table.names,
        "counts": sorted([s, g, n] for (s, g), n in table.counts.items()),
        "case_ids": ids,
        "figures": {f.key: {g: table.text(f, g) for g in [TOTAL, *table.keys]} for f in ALL_FIGURES},
        "scores": [
            [s.group, s.name, s.base, s.adjustment, s.total, s.grade, s.rank, s.movement] for s in scores
        ],
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True), rules.version, table.as_of


def compute(session: Session, period: Period, scope: Scope, actor: str, now: datetime) -> ReviewResult:
    """计算: (re)write the month's draft. An approved or frozen result is never recomputed."""
    require(session, actor, "review_compute")
    if period.kind != MONTH:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "只有月度结果需要计算和冻结；%1由已冻结的月份汇总而成"), period.label))
    if now < period.end_at:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "%1尚未结束，不能计算正式结果（可随时查看实时数据）"), period.label))
    row = stored_result(session, period, scope)
    if row is not None and row.status in (APPROVED, FROZEN):
        raise ValidationError(
            Message(QT_TRANSLATE_NOOP("review", "%1的考核结果%2，不能重新计算：可查看与实时数据的差异，或登记更正"), period.label, STATUS_LABELS[row.status])
        )
    body, version, as_of = _body(session, period, scope, now)
    if row is None:
        row = ReviewResult(period_key=period.key, scope_key=scope.key_text)
        session.add(row)
    row.status, row.rule_set_version, row.as_of, row.body = DRAFT, version, as_of, body
    row.computed_at, row.computed_by = now, actor
    row.published_at = row.published_by = None
    session.flush()
    return row


def _result(session: Session, result_id: int) -> ReviewResult:
    row = session.get(ReviewResult, result_id)
    if row is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("review", "考核结果不存在（id=%1）"), result_id))
    return row


def _expect(row: ReviewResult, *statuses: str, doing: str) -> None:
    if row.status not in statuses:
        allowed = join((STATUS_LABELS[s] for s in statuses), ITEMS)
        raise ValidationError(
            Message(QT_TRANSLATE_NOOP("review", "%1 的考核结果当前为“%2”，不能%3（仅限%4）"), row.period_key, STATUS_LABELS[row.status], doing, allowed)
        )


def publish(session: Session, result_id: int, actor: str, now: datetime) -> ReviewResult:
    """公示: the draft is shown to those scored, who may appeal."""
    require(session, actor, "review_publish")
    row = _result(session, result_id)
    _expect(row, DRAFT, doing=QT_TRANSLATE_NOOP("review", "公示"))
    row.status, row.published_at, row.published_by = PUBLISHED, now, actor
    return row


def appeal(session: Session, result_id: int, group: str, figure: str, reason: str, actor: str, now: datetime,
           case_id: int | None = None) -> ReviewAppeal:  # fmt: skip
    """申诉: during publication, against one figure of one group (optionally one case)."""
    require(session, actor, "review_appeal")
    row = _result(session, result_id)
    _expect(row, PUBLISHED, doing=QT_TRANSLATE_NOOP("review", "申诉"))
    if figure not in FIGURES_BY_KEY:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "未知的考核指标：%1"), figure))
    if group not in json.loads(row.body)["keys"]:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "考核对象“%1”不在 %2 的考核结果中"), group, row.period_key))
    problem = text_problem(reason, QT_TRANSLATE_NOOP("review", "申诉理由"), required=True)
    if problem:
        raise ValidationError(problem)
    a = ReviewAppeal(result_id=row.id, group_key=group, figure_key=figure, case_id=case_id, filed_by=actor,
                     filed_at=now, reason=reason.strip(), decision_note="")  # fmt: skip
    session.add(a)
    session.flush()
    return a


def decide(session: Session, appeal_id: int, upheld: bool, note: str, actor: str, now: datetime,
           points: float = 0.0) -> ReviewAppeal:  # fmt: skip
    """裁定: upheld appeals may carry a score correction, recorded as a dated adjustment."""
    require(session, actor, "review_decide")
    a = session.get(ReviewAppeal, appeal_id)
    if a is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("review", "申诉不存在（id=%1）"), appeal_id))
    if a.decision is not None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "该申诉已于 %1 裁定为“%2”"), format(a.decided_at, "%Y-%m-%d"), DECISION_LABELS[a.decision]))
    problem = text_problem(note, QT_TRANSLATE_NOOP("review", "裁定意见"), required=not upheld)
    if problem:
        raise ValidationError(problem)
    if points and not upheld:
        raise ValidationError(QT_TRANSLATE_NOOP("review", "申诉不成立时不能调整得分"))
    a.decision, a.decided_by, a.decided_at, a.decision_note = (
        (UPHELD if upheld else REJECTED),
        actor,
        now,
        note,
    )
    if points:
        session.add(ReviewAdjustment(result_id=a.result_id, group_key=a.group_key, points=points,
                                     reason=f"申诉成立：{note or a.reason}", appeal_id=a.id, at=now, by=actor))  # fmt: skip
    session.flush()
    return a


def approve(session: Session, result_id: int, actor: str, now: datetime) -> ReviewResult:
    """审定: the head approves once every appeal is decided."""
    require(session, actor, "review_freeze")
    row = _result(session, result_id)
    _expect(row, PUBLISHED, doing=QT_TRANSLATE_NOOP("review", "审定"))
    pending = session.scalars(select(ReviewAppeal.id).where(ReviewAppeal.result_id == row.id,
                                                            ReviewAppeal.decision.is_(None))).all()  # fmt: skip
    if pending:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "还有 %1 件申诉未裁定，裁定后才能审定"), len(pending)))
    row.status, row.approved_at, row.approved_by = APPROVED, now, actor
    return row


def freeze(session: Session, result_id: int, actor: str, now: datetime) -> ReviewResult:
    """冻结: the approved record is sealed with the hash of its body."""
    require(session, actor, "review_freeze")
    row = _result(session, result_id)
    _expect(row, APPROVED, doing=QT_TRANSLATE_NOOP("review", "冻结"))
    row.status, row.frozen_at, row.content_hash = FROZEN, now, content_hash(row.body)
    return row


def adjust(session: Session, result_id: int, group: str, points: float, reason: str, actor: str,
           now: datetime) -> ReviewAdjustment:  # fmt: skip
    """更正: a dated adjustment of a frozen result's score (the record itself stays as frozen)."""
    require(session, actor, "review_freeze")
    row = _result(session, result_id)
    _expect(row, FROZEN, doing=QT_TRANSLATE_NOOP("review", "登记更正"))
    problem = text_problem(reason, QT_TRANSLATE_NOOP("review", "更正理由"), required=True)
    if problem:
        raise ValidationError(problem)
    adj = ReviewAdjustment(
        result_id=row.id, group_key=group, points=points, reason=reason.strip(), at=now, by=actor
    )
    session.add(adj)
    session.flush()
    return adj


def verify_seal(row: ReviewResult) -> bool:
    """Whether a frozen body still matches its hash (a direct edit of the table would show here)."""
    return row.content_hash is not None and row.content_hash == content_hash(row.body)


@dataclass(frozen=True)
class Difference:
    figure: str  # label
    group: str
    name: str
    frozen: str
    now: str
    added: tuple[int, ...]  # case ids counted now but not in the record
    removed: tuple[int, ...]


def differences(session: Session, result_id: int, now: datetime) -> list[Difference]:
    """What re-computing the stored period now would give, beside the stored record (which stays)."""
    row = _result(session, result_id)
    body = json.loads(row.body)
    period, scope = parse_period(row.period_key), scope_from_key(row.scope_key)
    rules = rule_set_version(session, row.rule_set_version)
    live, live_ids = figures_and_ids(session, period, scope, rules.counting, now)
    out: list[Difference] = []
    names = {**body["names"], **live.names}
    for f in ALL_FIGURES:
        for g in [TOTAL, *sorted(set(body["keys"]) | set(live.keys))]:
            was = body["figures"][f.key].get(g, "—" if f.kind == "rate" else "0")
            is_ = live.text(f, g)
            if was != is_:
                old = {i for s in f.sets for i in body["case_ids"].get(s, {}).get(g, [])}
                new = {i for s in f.sets for i in live_ids.get(s, {}).get(g, [])}
                out.append(Difference(f.label, g, "合计" if g == TOTAL else names.get(g, g), was, is_,
                                      tuple(sorted(new - old)), tuple(sorted(old - new))))  # fmt: skip
    return out


@dataclass(frozen=True)
class AppealRow:
    """An appeal as the view lists it (plain data)."""

    id: int
    group: str
    figure: str  # label
    case_id: int | None
    filed_by: str
    filed_at: datetime
    reason: str
    decision: str | None
    decided_by: str | None
    decision_note: str

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS.get(self.decision or "", "待裁定")


def appeals_of(session: Session, result_id: int) -> list[AppealRow]:
    """The appeals log of one result, oldest first."""
    rows = session.scalars(select(ReviewAppeal).where(ReviewAppeal.result_id == result_id)
                           .order_by(ReviewAppeal.id))  # fmt: skip
    return [AppealRow(a.id, a.group_key, FIGURES_BY_KEY[a.figure_key].label if a.figure_key in FIGURES_BY_KEY
                      else a.figure_key, a.case_id, a.filed_by, a.filed_at, a.reason, a.decision, a.decided_by,
                      a.decision_note) for a in rows]  # fmt: skip
