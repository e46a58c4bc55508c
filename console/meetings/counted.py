"""The agenda rules that read counts the database keeps (migration 0014, `console.models.meeting_counts`):
部门争议 from `case_dispute_count`, 同一地点反复反映 from the per-place tables. Each is one small indexed read at
any number of cases: the disputed cases are the few with a score at the threshold; the places that qualify are
found from one row per place that can (its reports of the 90 days before its last one reach K), each counted
by its total minus one indexed read (the running total before the window), and only the open cases of the most
reported places are read back, as many as the agenda has room for.

`usable` says whether the tables answer for this session (they exist, no bulk load went past their triggers,
and nothing hides cases from this reader: the counts hold every case); when they do not, `proposal` runs the
same rules over `cases` and `case_history`. `rebuild` recounts them after a bulk load (the demo's COPY).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from console.domain import OPEN_STATUSES
from console.meetings.places import place_key_sql
from console.models import Case, CaseDisputeCount, CaseHistory, CasePlace, PlaceReportDay, PlaceReportTally
from console.models.meeting_counts import RECENT_DAYS
from console.security.visibility import restricted_viewer

DISPUTE_ACTIONS = ("return", "county_return", "dispatch")
#: the triggers of migration 0014 (a bulk load may set them aside and `rebuild` after it)
TRIGGERS = ("trg_case_place_insert", "trg_case_place_update", "trg_case_dispute_insert")
OPEN = tuple(OPEN_STATUSES)


def usable(session: Session) -> bool:
    """Whether the kept counts answer for this session: cheap checks (index ends and one indexed count) that no
    bulk write went past the triggers, and that this reader sees every case (else the counts would tell more
    than the person may see, and name fewer cases than the rules over `cases` find for them)."""
    if restricted_viewer(session)[0]:
        return False
    pg = session.get_bind().dialect.name == "postgresql"
    if pg:
        exists, rls, sees_all = session.execute(text(
            "SELECT CASE WHEN to_regclass('case_place') IS NULL THEN false "
            "ELSE has_table_privilege('case_place', 'SELECT') END, "
            "row_security_active('cases'), to_regprocedure('gc_sees_all(text)') IS NOT NULL")).one()  # fmt: skip
        if not exists:
            return False
        if rls and not (sees_all and session.execute(text("SELECT gc_sees_all(current_user::text)")).scalar()):
            return False
    elif not session.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'case_dispute_count'")).scalar():  # fmt: skip
        return False
    # one aggregate per query: SQLite reads min() or max() alone from the index's end, both together by a scan
    ends = [session.scalar(select(agg(col))) for col in (Case.id, CasePlace.case_id) for agg in (func.min, func.max)]
    if ends[:2] != ends[2:]:
        return False
    returns = session.scalar(select(func.count()).select_from(CaseHistory).where(CaseHistory.action == "return"))
    kept = session.scalar(select(func.coalesce(func.sum(CaseDisputeCount.returns), 0)))
    return int(returns or 0) == int(kept or 0)


def rebuild(session: Session) -> None:
    """Recount the tables from `cases` and `case_history` (after a bulk load that went past their triggers);
    the same statements as migration 0014's backfill."""
    pg = session.get_bind().dialect.name == "postgresql"
    if pg:  # the grouping of a million rows in memory, not in temporary files
        session.execute(text("SET LOCAL work_mem = '256MB'"))
    for table in ("case_dispute_count", "place_report_tally", "place_report_day", "case_place"):
        session.execute(text(f"DELETE FROM {table}"))
    day = "reported_at::date" if pg else "date(reported_at)"
    # the index is built once after the rows (not row by row: a third of the time at a million cases)
    session.execute(text("DROP INDEX IF EXISTS ix_case_place_place"))
    session.execute(text(f"INSERT INTO case_place (case_id, grid_code, place, day) "
                         f"SELECT id, grid_code, {place_key_sql('cases.address', pg)}, {day} FROM cases"))  # fmt: skip
    session.execute(text("CREATE INDEX ix_case_place_place ON case_place (grid_code, place, day)"))
    session.execute(text(
        "INSERT INTO place_report_day (grid_code, place, day, n, cum) "
        "SELECT grid_code, place, day, n, sum(n) OVER (PARTITION BY grid_code, place ORDER BY day) FROM "
        "(SELECT grid_code, place, day, count(*) AS n FROM case_place WHERE place <> '' "
        "GROUP BY grid_code, place, day) x"))  # fmt: skip
    # per place in one pass: the total, the last day, the running total before the RECENT_DAYS before it
    back = f"last - {RECENT_DAYS}" if pg else f"date(last, '-{RECENT_DAYS} days')"
    session.execute(text(
        "INSERT INTO place_report_tally (grid_code, place, total, last_day, recent) "
        f"SELECT grid_code, place, max(cum), max(day), max(cum) - coalesce(max(cum) FILTER (WHERE day < {back}), 0) "
        "FROM (SELECT grid_code, place, day, cum, max(day) OVER (PARTITION BY grid_code, place) AS last "
        "FROM place_report_day) x GROUP BY grid_code, place"))  # fmt: skip
    if pg:
        ret, disp = "count(*) FILTER (WHERE action = 'return')", "count(*) FILTER (WHERE action = 'dispatch')"
        either, top = "count(*) FILTER (WHERE action IN ('return', 'county_return'))", "greatest"
    else:
        ret, disp, either, top = ("sum(action = 'return')", "sum(action = 'dispatch')",
                                  "sum(action IN ('return', 'county_return'))", "max")  # fmt: skip
    session.execute(text(
        "INSERT INTO case_dispute_count (case_id, returns, dispatches, score) "
        f"SELECT case_id, {ret}, {disp}, {top}({ret}, {disp} - 1) FROM case_history "
        f"WHERE action IN ('return', 'county_return', 'dispatch') GROUP BY case_id HAVING {either} > 0"))  # fmt: skip


# --- 部门争议 ----------------------------------------------------------------------------------------------


def dispute_stmt(minimum: int, in_scope: ColumnElement[bool], order: Any) -> Any:
    """The disputed cases of the scope, the most disputed first: (id, returns, dispatches)."""
    d = CaseDisputeCount
    return (select(Case.id, d.returns.label("returns"), d.dispatches.label("dispatches"))
            .join(Case, Case.id == d.case_id).where(d.score >= minimum, in_scope)
            .order_by(order(d.score).desc(), Case.id))  # fmt: skip


# --- 同一地点反复反映 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepeatPlace:
    grid_code: str
    place: str
    n: int  # reports since the window's first day


class RepeatedPlaces:
    """The places of a scope with at least `k` reports since `since` (a day), the most reported first, and
    their open cases reported in the window."""

    def __init__(self, session: Session, subtree: ColumnElement[bool], since: date, k: int, days: int) -> None:
        """`subtree`: the scope's clause on `PlaceReportTally.grid_code` (on SQLite with a unary +, so that its
        planner reads the places that can qualify by `ix_place_report_tally_recent`, not the whole subtree)."""
        self.session, self.since = session, since
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        t, e = PlaceReportTally, PlaceReportDay
        before = (select(e.cum).where(e.grid_code == t.grid_code, e.place == t.place, e.day < since)
                  .order_by(e.day.desc()).limit(1).scalar_subquery())  # fmt: skip
        stmt = select(t.grid_code, t.place, t.total - func.coalesce(before, 0)).where(t.last_day >= since, subtree)
        if days <= RECENT_DAYS:  # the places that can reach k within the window (else every place of it)
            stmt = stmt.where(t.recent >= k)
        found = [RepeatPlace(g, p, int(n)) for g, p, n in session.execute(stmt) if n >= k]
        found.sort(key=lambda r: (-r.n, r.grid_code, r.place))
        self.places = found
        self.by_key = {(r.grid_code, r.place): r for r in found}

    def _open_cases(self, places: list[RepeatPlace]) -> list[tuple[int, str, str]]:
        """The window's reports of these places (by `ix_case_place_place`), then which of them are open (by
        primary key): two reads, so that no planner starts from the open cases instead."""
        cp = CasePlace
        # one index range per place (an OR of them: SQLite scans the table for a row-value IN of a VALUES list)
        ranges = [and_(cp.grid_code == r.grid_code, cp.place == r.place, cp.day >= self.since) for r in places]
        reports = [(cid, g, p) for cid, g, p in self.session.execute(
            select(cp.case_id, cp.grid_code, cp.place).where(or_(*ranges)))]  # fmt: skip
        if not reports:
            return []
        status = literal_column("+cases.status") if self.sqlite else Case.status
        open_ids = set(self.session.scalars(
            select(Case.id).where(Case.id.in_([r[0] for r in reports]), status.in_(OPEN))))  # fmt: skip
        return [r for r in reports if r[0] in open_ids]

    def pick(self, taken: Iterable[int], want: int | None) -> list[int]:
        """The open cases of the most reported places first (within a place by id), `want` + 1 at most (one
        more than there is room for says whether the cap leaves some out); None: all of them."""
        skip, out = set(taken), []
        rank = {(r.grid_code, r.place): i for i, r in enumerate(self.places)}
        step = 20
        for start in range(0, len(self.places), step):
            batch = self.places[start:start + step]
            rows = sorted(self._open_cases(batch), key=lambda r: (rank[(r[1], r[2])], r[0]))
            out += [cid for cid, _g, _p in rows if cid not in skip]
            if want is not None and len(out) > want:
                return out[:want + 1]
        return out

    def reasons(self, case_ids: list[int]) -> list[Any]:
        """(id, address, n) of those of `case_ids` reported at a qualifying place within the window."""
        cp = CasePlace
        rows = self.session.execute(
            select(cp.case_id, cp.grid_code, cp.place, Case.address).join(Case, Case.id == cp.case_id)
            .where(cp.case_id.in_(case_ids), cp.day >= self.since, Case.status.in_(OPEN)))  # fmt: skip
        out = []
        for cid, g, p, address in rows:
            place = self.by_key.get((g, p))
            if place is not None:
                out.append(_Row(cid, address, place.n))
        return out


@dataclass(frozen=True)
class _Row:
    id: int
    address: str
    n: int

    def __getitem__(self, i: int) -> Any:
        return (self.id, self.address, self.n)[i]
