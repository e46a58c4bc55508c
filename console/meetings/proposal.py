"""The agenda proposal: which cases qualify for a meeting and every reason why.

Each rule is one indexed query over the cases of the meeting's subtree (never a scan of all cases in Python);
部门争议 and 同一地点反复反映 read counts the database keeps by triggers (`counted`, migration 0014) when they
answer for the session, else the same rules run over the cases. The thresholds are settings
(`console.settings.DEFAULTS`, keys `meeting_*`). Decisions of earlier meetings not done yet come first, then cases
put forward (提请会商, a meeting's 持续关注, handed up from a village), then the rules' finds; an item lists each
kind of reason once (`merged_reasons`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from console.calendar import WorkingCalendar
from console.domain import HANDLING_STATUSES, OPEN_STATUSES, CaseStatus
from console.i18n import QT_TRANSLATE_NOOP
from console.meetings import counted
from console.meetings.kinds import DecisionKind
from console.meetings.places import place_key_sql
from console.models import (
    Case,
    CaseHistory,
    Category,
    Grid,
    Meeting,
    MeetingDecision,
    MeetingProposal,
    PlaceReportTally,
)
from console.models.meeting_counts import OPEN_COMPLEX_PREDICATE
from console.settings import get_setting

# reason codes, in the order an item lists them
DECISION_OPEN = "decision_open"  # 上期决定未办结
PROPOSED = "proposed"  # 提请会商
HANDED_UP = "handed_up"  # 村（社区）提请街道会商
OVERDUE = "overdue"  # 办理超期
REWORK = "rework"  # 多次返工
DISPUTE = "dispute"  # 部门间争议（退回、改派）
REPEAT = "repeat"  # 同一地点反复反映
KEY_COMPLEX = "key_complex"  # 重点领域复杂案件
REVIEW_DUE = "review_due"  # 挂账复核到期
COUNTY_RETURN = "county_return"  # 县级退回
MANUAL = "manual"  # 调度员手动加入

REASON_ORDER = (DECISION_OPEN, PROPOSED, HANDED_UP, OVERDUE, REWORK, DISPUTE, REPEAT, KEY_COMPLEX, REVIEW_DUE,
                COUNTY_RETURN, MANUAL)  # fmt: skip
REASON_LABELS = {
    DECISION_OPEN: QT_TRANSLATE_NOOP("MeetingsWindow", "上期决定未办结"),
    PROPOSED: QT_TRANSLATE_NOOP("MeetingsWindow", "提请会商"),
    HANDED_UP: QT_TRANSLATE_NOOP("MeetingsWindow", "提请街道会商"),
    OVERDUE: QT_TRANSLATE_NOOP("MeetingsWindow", "超期"),
    REWORK: QT_TRANSLATE_NOOP("MeetingsWindow", "多次返工"),
    DISPUTE: QT_TRANSLATE_NOOP("MeetingsWindow", "部门争议"),
    REPEAT: QT_TRANSLATE_NOOP("MeetingsWindow", "反复反映"),
    KEY_COMPLEX: QT_TRANSLATE_NOOP("MeetingsWindow", "重点领域复杂"),
    REVIEW_DUE: QT_TRANSLATE_NOOP("MeetingsWindow", "挂账复核"),
    COUNTY_RETURN: QT_TRANSLATE_NOOP("MeetingsWindow", "县级退回"),
    MANUAL: QT_TRANSLATE_NOOP("MeetingsWindow", "手动加入"),
}
OPEN = tuple(OPEN_STATUSES)


def merged_reasons(reasons: Iterable[Sequence[str]]) -> list[tuple[str, str]]:
    """One reason per kind, in agenda order: the sentences of a kind found twice (two open decisions of earlier
    meetings, a case added by hand again) joined in one, each sentence once. Every list of reasons an agenda item
    stores goes through here, so an item never shows a chip twice."""
    texts: dict[str, list[str]] = {}
    for code, sentence in reasons:
        kept = texts.setdefault(code, [])
        if sentence not in kept:
            kept.append(sentence)
    order = {code: n for n, code in enumerate(REASON_ORDER)}
    return [(code, "；".join(texts[code])) for code in sorted(texts, key=lambda c: order.get(c, len(order)))]


@dataclass
class Candidate:
    """A case that qualifies, with every reason (code, sentence)."""

    case_id: int
    reasons: list[tuple[str, str]] = field(default_factory=list)
    proposal_ids: list[int] = field(default_factory=list)

    def rank(self) -> tuple[int, int]:
        return (min(REASON_ORDER.index(code) for code, _ in self.reasons), self.case_id)


@dataclass(frozen=True)
class Thresholds:
    overdue_working_days: int
    rework_min: int
    dispute_min: int
    repeat_reports: int
    repeat_days: int
    county_return_days: int

    @classmethod
    def load(cls, session: Session) -> Thresholds:
        def n(key: str) -> int:
            return int(get_setting(session, key))

        return cls(n("meeting_overdue_working_days"), n("meeting_rework_min"), n("meeting_dispute_min"),
                   n("meeting_repeat_reports"), n("meeting_repeat_days"), n("meeting_county_return_days"))  # fmt: skip


def overdue_cutoff(cal: WorkingCalendar, today: date, n: int) -> datetime:
    """Cases whose handling deadline is before this moment are late by more than `n` working days: the cutoff
    is the (n+1)-th working day counting back from today (today included when it is one)."""
    d = cal.prev_workday(today, include_self=True)
    for _ in range(n):
        d = cal.prev_workday(d)
    return datetime.combine(d, time.min)


@dataclass(frozen=True)
class _Rule:
    """One agenda rule: its statement (case id first, ordered most pressing first) and the sentence of a row."""

    code: str
    stmt: Select[Any] | None
    text: Callable[[Any], str]
    id_column: Any = None  # the statement's case id column, when not `Case.id`
    whole: bool = False  # read all its rows once (a window function cannot be narrowed to some cases)
    narrow: Callable[[list[int]], Any] | None = None  # its rows for these cases, when not `stmt` + IN
    # the rule picks its cases itself (not from `stmt`): the ids not taken yet, at most `want` + 1 (None: all)
    pick: Callable[[list[int], int | None], list[int]] | None = None

    @property
    def case_id(self) -> Any:
        return Case.id if self.id_column is None else self.id_column


@dataclass
class Proposal:
    """What the rules found: the candidates in agenda order (at most the cap, after every earlier decision and
    every case put forward), and for each rule how many qualifying cases the cap left out."""

    candidates: list[Candidate]
    left_out: list[str] = field(default_factory=list)  # the rules that found more cases than there was room for
    cap: int = 0

    @property
    def left_out_text(self) -> str:
        if not self.left_out:
            return ""
        rules = "、".join(REASON_LABELS[c] for c in self.left_out)
        return (f"议程已满 {self.cap} 项，另有符合条件的案件未列入（{rules}）：可手动加入，"
                "或调整设置 meeting_max_items")  # fmt: skip


def propose(session: Session, meeting: Meeting, now: datetime, limit: int | None = None) -> Proposal:
    """The cases of the meeting's subtree that qualify now, each with every reason, in agenda order: earlier
    decisions not done first, then cases put forward, then the rules' finds, most pressing first, up to `limit`
    items in all (the setting `meeting_max_items` when None; 0: no cap)."""
    t = Thresholds.load(session)
    cap = int(get_setting(session, "meeting_max_items")) if limit is None else limit
    found: dict[int, Candidate] = {}

    def add(case_id: int, code: str, text: str) -> Candidate:
        cand = found.setdefault(case_id, Candidate(case_id))
        if (code, text) not in cand.reasons:
            cand.reasons.append((code, text))
        return cand

    prefix = meeting.scope_prefix
    # 1. decisions of earlier meetings (same kind and subtree) not done yet: always first
    rows = session.execute(
        select(MeetingDecision.case_id, MeetingDecision.text, MeetingDecision.due_on, Meeting.year, Meeting.seq)
        .join(Meeting, Meeting.id == MeetingDecision.meeting_id)
        .where(MeetingDecision.done_at.is_(None), Meeting.id != meeting.id, Meeting.kind == meeting.kind,
               Meeting.scope_code == meeting.scope_code, Meeting.held_at < meeting.held_at,
               # an applied 持续关注 comes as the case put forward (step 2), with its sentence, not twice
               or_(MeetingDecision.kind != DecisionKind.WATCH, MeetingDecision.applied_at.is_(None)))
        .order_by(Meeting.held_at, MeetingDecision.id)
    ).all()  # fmt: skip
    for case_id, decided, due_on, year, seq in rows:
        late = f"，已超过办理期限 {due_on:%Y-%m-%d}" if due_on is not None and due_on < now.date() else ""
        add(case_id, DECISION_OPEN, f"〔{year}〕第{seq}期会商决定尚未办结：{decided}{late}")

    # 2. put forward with 提请会商, or handed up by a village meeting: always on
    proposals = session.execute(
        select(MeetingProposal.id, MeetingProposal.case_id, MeetingProposal.reason, MeetingProposal.handed_up,
               MeetingProposal.proposed_by)
        .join(Case, Case.id == MeetingProposal.case_id)
        .where(MeetingProposal.item_id.is_(None), Case.grid_code.startswith(prefix, autoescape=True))
        .order_by(MeetingProposal.id)
    ).all()  # fmt: skip
    for pid, case_id, reason, handed_up, by in proposals:
        if handed_up and not meeting.is_township:
            continue  # a hand-up is for the township's meeting
        if handed_up:
            cand = add(case_id, HANDED_UP, f"村（社区）民情分析会提请街道会商：{reason}")
        else:
            cand = add(case_id, PROPOSED, f"{by} 提请会商：{reason}")
        cand.proposal_ids.append(pid)

    # 3. the rules, each one indexed query; the first `room` cases in rule order, then every reason of those
    rules = _rules(session, meeting, now, t)
    room = max(cap - len(found), 0) if cap else None
    chosen: list[int] = []
    left_out: list[str] = []
    read_whole: dict[str, list[Any]] = {}
    for rule in rules:
        want = None if room is None else room - len(chosen)
        if rule.pick is not None:
            ids = rule.pick([*found, *chosen], want)
        elif rule.whole:  # read once, all of it: the reasons below come from the same rows
            assert rule.stmt is not None
            read_whole[rule.code] = rows = list(session.execute(rule.stmt))
            taken = {*found, *chosen}
            ids = [row[0] for row in rows if row[0] not in taken]
        else:
            assert rule.stmt is not None
            stmt = rule.stmt.where(rule.case_id.not_in([*found, *chosen])) if found or chosen else rule.stmt
            # one row more than there is room for says whether the cap leaves cases of this rule out
            ids = list(session.scalars(stmt.with_only_columns(stmt.selected_columns[0])
                                       .limit(None if want is None else want + 1)))  # fmt: skip
        if want is not None and len(ids) > want:
            left_out.append(rule.code)
            ids = ids[:want]
        chosen += ids
    every = [*found, *chosen]
    on_agenda = set(every)
    for rule in rules:
        if every:
            whole = read_whole.get(rule.code)
            if whole is None and rule.narrow is not None:
                narrowed = rule.narrow(every)
                whole = narrowed if isinstance(narrowed, list) else list(session.execute(narrowed))
            elif whole is None:
                assert rule.stmt is not None
                whole = list(session.execute(rule.stmt.where(rule.case_id.in_(every))))
            for row in whole:
                if row[0] in on_agenda:
                    add(row[0], rule.code, rule.text(row))

    out = list(found.values())
    for cand in out:
        cand.reasons = merged_reasons(cand.reasons)
    out.sort(key=Candidate.rank)
    return Proposal(out, left_out, cap)


def subtree_clause(prefix: str, code: Any = Case.grid_code) -> ColumnElement[bool]:
    """`grid_code LIKE prefix%` as a range (codes are digits; SQLite's LIKE never uses an index)."""
    if not prefix.isdigit():
        return Case.grid_code.startswith(prefix, autoescape=True)
    if set(prefix) == {"9"}:
        return code >= prefix  # type: ignore[no-any-return]
    return and_(code >= prefix, code < str(int(prefix) + 1).zfill(len(prefix)))


def _rules(session: Session, meeting: Meeting, now: datetime, t: Thresholds) -> list[_Rule]:
    """The rules' statements, each ordered most pressing first (the cap keeps the head of each)."""
    # SQLite's planner would read a whole index in the order of an ORDER BY or GROUP BY (the deadline, the grid
    # code) rather than the rule's selective one; its unary + takes a column out of index choice (PostgreSQL
    # plans on its statistics: plain columns there)
    sqlite = session.get_bind().dialect.name == "sqlite"

    def p(col: Any) -> Any:
        return literal_column(f"+{col.table.name}.{col.name}", col.type) if sqlite else col

    def o(col: Any) -> Any:  # an ORDER BY term no index answers (both planners would walk a whole index for it)
        return func.coalesce(col, col)

    if meeting.is_township:  # every case of the township: the planner then reads by status, deadline, date
        town = session.scalar(select(Grid.id).where(Grid.code == meeting.scope_code))
        in_subtree: ColumnElement[bool] = Case.township_id == town
    else:
        in_subtree = subtree_clause(meeting.scope_prefix, p(Case.grid_code))
    in_scope = and_(in_subtree, Case.status.in_(OPEN))
    rules: list[_Rule] = []

    # 办理超期 by more than N working days: the latest first
    cal = WorkingCalendar.load(session)
    cutoff = overdue_cutoff(cal, now.date(), t.overdue_working_days)
    late_by: dict[date, int] = {}

    def overdue_text(row: Any) -> str:
        day = row.due_at.date()
        if day not in late_by:  # a few hundred distinct deadlines, not one walk per case
            late_by[day] = cal.workdays_between(day, now.date())
        return (f"办理超期 {late_by[day]} 个工作日（时限 {row.due_at:%Y-%m-%d %H:%M}，"
                f"超过 {t.overdue_working_days} 个工作日上会）")  # fmt: skip

    rules.append(_Rule(OVERDUE, select(Case.id, Case.due_at)
                       .where(Case.status.in_(tuple(HANDLING_STATUSES)), Case.due_at < cutoff, in_subtree)
                       .order_by(o(Case.due_at), Case.id), overdue_text))  # fmt: skip

    # reworked at least N times: the most reworked first
    rules.append(_Rule(REWORK, select(Case.id, Case.rework_count).where(Case.rework_count >= t.rework_min, in_scope)
                       .order_by(o(Case.rework_count).desc(), Case.id), lambda r: f"已返工 {r.rework_count} 次"))  # fmt: skip

    # kept counts (migration 0014) when they answer for this session; else the same rules over the cases
    counts = counted.usable(session)

    # disputed between departments: returned (退回) or re-dispatched to another lead at least N times. A lead
    # changes only through 退回 or 县级退回 first, so only cases with such a row are counted (a rare, indexed set)
    def dispute_text(row: Any) -> str:
        n_ret, changes = int(row.returns or 0), max(int(row.dispatches or 0) - 1, 0)
        parts = ([f"退回 {n_ret} 次"] if n_ret else []) + ([f"改派牵头部门 {changes} 次"] if changes else [])
        return "部门间存在争议：" + "、".join(parts)

    if counts:
        rules.append(_Rule(DISPUTE, counted.dispute_stmt(t.dispute_min, in_scope, o), dispute_text))
    else:
        touched = (select(CaseHistory.case_id)
                   .where(CaseHistory.action.in_(("return", "county_return"))).scalar_subquery())  # fmt: skip
        returns = func.sum(case((CaseHistory.action == "return", 1), else_=0))
        dispatches = func.sum(case((CaseHistory.action == "dispatch", 1), else_=0))
        rules.append(_Rule(DISPUTE, select(Case.id, returns.label("returns"), dispatches.label("dispatches"))
                           .join(CaseHistory, CaseHistory.case_id == Case.id)
                           .where(Case.id.in_(touched), CaseHistory.action.in_(("return", "dispatch")), in_scope)
                           .group_by(Case.id)
                           .having(or_(returns >= t.dispute_min, dispatches - 1 >= t.dispute_min))
                           .order_by(Case.id), dispute_text, whole=True))  # fmt: skip

    # at least K reports from the same place (grid + address as the duplicate finder compares texts:
    # `places.place_key`) since the day D days ago: the most reported first. From the kept counts: one row per
    # place that can qualify, its count by one indexed read, the open cases of the top places read back
    # (`counted.RepeatedPlaces`). Without them: one pass with a window function over the window's reports.
    since = now.date() - timedelta(days=t.repeat_days)

    def repeat_text(row: Any) -> str:
        return f"同一地点（{row.address}）{t.repeat_days} 天内反映 {row.n} 次"

    if counts:
        subtree = subtree_clause(meeting.scope_prefix, p(PlaceReportTally.grid_code))
        places = counted.RepeatedPlaces(session, subtree, since, t.repeat_reports, t.repeat_days)
        rules.append(_Rule(REPEAT, None, repeat_text, pick=places.pick, narrow=places.reasons))
    else:
        place: Any = literal_column(place_key_sql("cases.address", not sqlite))
        reports = (
            select(Case.id.label("id"), Case.address.label("address"), Case.status.label("status"),
                   func.count().over(partition_by=(p(Case.grid_code), place)).label("n"))
            .where(Case.reported_at >= datetime.combine(since, time.min), place != "",
                   subtree_clause(meeting.scope_prefix, p(Case.grid_code)))
            .subquery()
        )  # fmt: skip
        rules.append(_Rule(REPEAT, select(reports.c.id, reports.c.address, reports.c.n)
                           .where(reports.c.n >= t.repeat_reports, reports.c.status.in_(OPEN))
                           .order_by(reports.c.n.desc(), reports.c.id), repeat_text, reports.c.id,
                           whole=True))  # fmt: skip

    # key-area (六个重点领域) cases of severity 复杂: the oldest first, from the head of the partial index of the
    # open complex cases in report order (`ix_case_open_complex`: its predicate word for word, cases alone in FROM)
    key_areas = select(Category.id).where(Category.key_area.is_(True))
    category = select(Category.name).where(Category.id == Case.category_id).scalar_subquery().label("name")
    rules.append(_Rule(KEY_COMPLEX, select(Case.id, category)
                       .where(text(OPEN_COMPLEX_PREDICATE), Case.category_id.in_(key_areas), in_subtree)
                       .order_by(Case.reported_at, Case.id), lambda r: f"重点领域（{r.name}）复杂案件"))  # fmt: skip

    # 挂账 cases whose plan review date falls before the meeting: the longest due first, in the order of the
    # index it is read by (`ix_case_status_review`): the head of it, not every case due (11,000 at a million)
    rules.append(_Rule(REVIEW_DUE, select(Case.id, Case.next_review_on).where(
        Case.status == CaseStatus.LONG_TERM, Case.next_review_on <= meeting.held_at.date(), in_subtree)
        .order_by(Case.next_review_on, Case.id),
        lambda r: f"挂账治理计划复核日期 {r.next_review_on:%Y-%m-%d} 已到（会前）"))  # fmt: skip

    # returned from the county since the previous meeting (or within D days): the latest first
    county_since = now - timedelta(days=t.county_return_days)
    previous = session.scalar(
        select(func.max(Meeting.held_at)).where(Meeting.kind == meeting.kind, Meeting.scope_code == meeting.scope_code,
                                                Meeting.held_at < meeting.held_at)  # fmt: skip
    )
    if previous is not None and previous > county_since:
        county_since = previous
    answered = func.max(CaseHistory.at).label("answered")
    rules.append(_Rule(COUNTY_RETURN, select(Case.id, answered).join(CaseHistory, CaseHistory.case_id == Case.id)
                       .where(CaseHistory.action == "county_return", CaseHistory.at >= county_since, in_scope)
                       .group_by(p(Case.id)).order_by(answered.desc(), Case.id),
                       lambda r: f"县级已于 {r.answered:%Y-%m-%d} 答复退回，需街道研究办理"))  # fmt: skip
    return rules
