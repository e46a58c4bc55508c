"""The case queue (案件队列): filtering, ordering, keyset paging, the counts behind badges and the dashboard.

The Qt table model and `gridconsole queue` both read through here. Every page is one indexed query:

- Pages use keysets (`Cursor` = the sort values and id of the last row), never OFFSET, so page 5,000 costs
  what page 1 costs. `fetch_page_at` is the one exception (a scrollbar dragged deep into the table).
- An ordering that no single index yields (several statuses sorted by deadline, severity rank, NULL deadlines
  last on both backends) is split into *segments* — one per status, per severity, NULL/non-NULL deadline —
  each an ordered range scan on a composite index that stops after `limit` rows; the segments are merged by
  one outer `ORDER BY … LIMIT` over at most `segments × limit` rows, in the same statement.
- Names (category, grid, lead department) come from correlated scalar subqueries evaluated only for the rows
  returned, so no join order can make the planner walk a small table first.

Time is always passed in (`now`), defaulting to `console.clock.now()`, so a page and its traffic lights agree.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from console import clock
from console.domain import (
    OPEN_STATUSES,
    PAUSED_STATUSES,
    CaseStatus,
    Severity,
    Source,
    TrafficLight,
)
from console.errors import ValidationError
from console.models import Grid
from console.models.counts import OPEN_PREDICATE

#: statuses whose stage clock runs (open and not paused): the only ones that can be red, yellow or green
CLOCKED_STATUSES = frozenset(OPEN_STATUSES - PAUSED_STATUSES)
#: 办理中 on the dashboard and in the quick filter
WORKING_STATUSES = frozenset({CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS, CaseStatus.EXTENSION_REQUESTED})
SEVERITY_RANK = {Severity.SIMPLE: 0, Severity.GENERAL: 1, Severity.COMPLEX: 2}
ALL_STATUSES = frozenset(CaseStatus)

_CASE_NUMBER = re.compile(r"^\d{4}-\d*$")
_PINYIN = re.compile(r"^[A-Za-z]+$")


# --- filters ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilter:
    """What the dispatcher narrowed the queue to. Empty/None fields do not filter.

    `reported_from` is inclusive, `reported_to` exclusive (the CLI turns `--to 2026-03-01` into the next
    midnight). `text` matches a case number exactly or by prefix; summary, description and address by
    substring; and grids by name or pinyin initials (`sgm` → 三官庙…) together with their subtrees.
    A text that looks like a case number (`2026-00012`) is looked up by number only.
    """

    statuses: frozenset[CaseStatus] | None = None
    grid_code_prefix: str | None = None
    category_ids: frozenset[int] | None = None
    department_ids: frozenset[int] | None = None
    lights: frozenset[TrafficLight] | None = None
    sources: frozenset[Source] | None = None
    reported_from: datetime | None = None
    reported_to: datetime | None = None
    text: str | None = None
    watched_by: str | None = None
    claimed_by: str | None = None


#: quick-filter presets (快捷筛选) in the order the toolbar shows them
QUICK_FILTERS = ("待受理", "待派遣", "办理中", "待核查", "超期", "我关注的")


def quick_filter(name: str, login: str | None = None) -> QueueFilter:
    """The preset behind a quick-filter button. `login` is needed for 我关注的."""
    if name == "待受理":
        return QueueFilter(statuses=frozenset({CaseStatus.REPORTED}))
    if name == "待派遣":
        return QueueFilter(statuses=frozenset({CaseStatus.ACCEPTED}))
    if name == "办理中":
        return QueueFilter(statuses=WORKING_STATUSES)
    if name == "待核查":
        return QueueFilter(statuses=frozenset({CaseStatus.FEEDBACK}))
    if name == "超期":
        return QueueFilter(lights=frozenset({TrafficLight.RED}))
    if name == "我关注的":
        if not login:
            raise ValidationError("“我关注的”需要当前用户的登录名")
        return QueueFilter(watched_by=login)
    raise ValidationError(f"未知的快捷筛选“{name}”，可选：{'、'.join(QUICK_FILTERS)}")


def subtree_prefix(grid_code: str) -> str:
    """A grid's code with its trailing `000` groups stripped: every code in its subtree starts with it."""
    code = grid_code
    while len(code) > 6 and code.endswith("000"):
        code = code[:-3]
    return code


class SortKey(StrEnum):
    DEADLINE = "deadline"  # stage_due_at, cases without a clock last
    REPORTED = "reported"  # reported_at
    SEVERITY = "severity"  # severity rank (简单 < 一般 < 复杂), then reported_at

    @property
    def label(self) -> str:
        return {"deadline": "按时限", "reported": "按上报时间", "severity": "按严重程度"}[self.value]


# --- rows, cursors, pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue table: everything it shows, read in one query."""

    id: int
    number: str
    status: CaseStatus
    light: TrafficLight
    category_name: str
    grid_code: str
    grid_name: str
    summary: str
    lead_department_name: str | None
    stage_due_at: datetime | None
    stage_warn_at: datetime | None
    due_at: datetime | None
    reported_at: datetime
    source: Source
    severity: Severity
    urgent: bool
    version: int
    claimed_by: str | None  # None once the claim's lease has lapsed
    rework_count: int

    def light_at(self, now: datetime) -> TrafficLight:
        """The light at `now`: a row left on screen turns yellow and red on time, without a new query."""
        return light_of(self.status, self.stage_due_at, self.stage_warn_at, now)


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort values of its last row and that row's id.

    `values` is (stage_due_at or None,) for DEADLINE, (reported_at,) for REPORTED and
    (severity rank, reported_at) for SEVERITY. `encode()`/`decode()` give a shell-safe token for the CLI.
    """

    sort: SortKey
    descending: bool
    values: tuple[Any, ...]
    id: int

    def encode(self) -> str:
        vals = [v.isoformat() if isinstance(v, datetime) else v for v in self.values]
        raw = json.dumps([self.sort.value, int(self.descending), vals, self.id], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            sort, desc, vals, last_id = json.loads(raw)
            key = SortKey(sort)
            if key is SortKey.SEVERITY:
                values: tuple[Any, ...] = (int(vals[0]), datetime.fromisoformat(vals[1]))
            else:
                values = (datetime.fromisoformat(vals[0]) if vals[0] is not None else None,)
            return cls(key, bool(desc), values, int(last_id))
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise ValidationError(f"无效的翻页游标“{token}”") from exc


@dataclass(frozen=True)
class Page:
    rows: list[QueueRow]
    next_cursor: Cursor | None  # None: this was the last page


@dataclass(frozen=True)
class GridCount:
    open: int  # open cases filed in the grid's subtree
    overdue: int  # of which red


@dataclass(frozen=True)
class DashboardCounts:
    pending_accept: int  # 待受理
    in_progress: int  # 办理中 (待签收 + 办理中 + 延期审批中)
    due_soon: int  # 即将超期 (yellow)
    overdue: int  # 已超期 (red)
    new_today: int  # 今日新增
    closed_today: int  # 今日办结


# --- traffic light ----------------------------------------------------------------------------------------


def light_of(
    status: CaseStatus, stage_due_at: datetime | None, stage_warn_at: datetime | None, now: datetime
) -> TrafficLight:
    """The traffic light of a case at `now` (the SQL in `_light_sql` says the same thing)."""
    if status in PAUSED_STATUSES:
        return TrafficLight.PAUSED
    if status not in CLOCKED_STATUSES or stage_due_at is None:
        return TrafficLight.NONE
    if stage_due_at < now:
        return TrafficLight.RED
    if stage_warn_at is not None and stage_warn_at <= now:
        return TrafficLight.YELLOW
    return TrafficLight.GREEN


def _light_statuses(lights: Iterable[TrafficLight]) -> frozenset[CaseStatus]:
    out: set[CaseStatus] = set()
    for light in lights:
        if light is TrafficLight.PAUSED:
            out |= PAUSED_STATUSES
        elif light is TrafficLight.NONE:
            out |= ALL_STATUSES - PAUSED_STATUSES
        else:
            out |= CLOCKED_STATUSES
    return frozenset(out)


# --- SQL text --------------------------------------------------------------------------------------------
#
# The statements are written as SQL text, not built from SQLAlchemy constructs: a merged page can hold
# dozens of segments, and building (not running) such a statement with the expression language costs
# 10-40 ms of Python per page. The text for one shape of query is always the same string, so SQLAlchemy's
# compiled cache still applies; every value travels as a bound parameter.


class _Sql:
    """Collects bound parameters while a statement's text is written."""

    def __init__(self, session: Session) -> None:
        bind = session.bind or session.get_bind()
        self.sqlite = bind.dialect.name == "sqlite"
        self.params: dict[str, Any] = {}

    def p(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        if isinstance(value, StrEnum):
            value = value.value
        elif isinstance(value, datetime) and self.sqlite:
            value = value.strftime(_SQLITE_DT)  # SQLAlchemy's storage format on SQLite
        self.params[name] = value
        return f":{name}"

    def in_(self, column: str, values: Iterable[Any]) -> str:
        vals = sorted(values)
        if not vals:
            return "1 = 0"
        if len(vals) == 1:
            return f"{column} = {self.p(vals[0])}"
        return f"{column} IN ({', '.join(self.p(v) for v in vals)})"

    def like(self, column: str, pattern_prefix: str, text: str, pattern_suffix: str) -> str:
        escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        return f"{column} LIKE {self.p(pattern_prefix + escaped + pattern_suffix)} ESCAPE '!'"


_SQLITE_DT = "%Y-%m-%d %H:%M:%S.%f"
#: the free-text haystack; PostgreSQL has a pg_trgm GIN index on exactly this expression (migration 0002)
SEARCH_EXPR = "lower(summary || ' ' || address || ' ' || description)"
#: the same without lower(), which is two thirds of a full scan's time on PostgreSQL (736 vs 261 ms at a
#: million cases). A needle without cased letters (Chinese, digits) matches the same rows either way.
RAW_SEARCH_EXPR = "summary || ' ' || address || ' ' || description"


def _haystack(q: _Sql, needle: str) -> str:
    """The expression to search: the indexed one where the trigram index can serve the needle (3+ characters
    on PostgreSQL) or case matters; else the raw one. SQLite's lower() and LIKE both fold ASCII only, so
    there the raw one with LIKE is always the same search."""
    uncased = not any(c.islower() or c.isupper() for c in needle)
    if q.sqlite or (uncased and len(needle) < 3):
        return RAW_SEARCH_EXPR
    return SEARCH_EXPR


def _light_sql(q: _Sql, light: TrafficLight, now: datetime) -> str:
    clocked = q.in_("status", CLOCKED_STATUSES)
    if light is TrafficLight.PAUSED:
        return q.in_("status", PAUSED_STATUSES)
    if light is TrafficLight.NONE:
        return f"(NOT {q.in_('status', OPEN_STATUSES)} OR ({clocked} AND stage_due_at IS NULL))"
    t = q.p(now)
    if light is TrafficLight.RED:
        return f"({clocked} AND stage_due_at < {t})"
    if light is TrafficLight.YELLOW:
        return f"({clocked} AND stage_due_at >= {t} AND stage_warn_at <= {t})"
    return f"({clocked} AND stage_due_at >= {t} AND (stage_warn_at IS NULL OR stage_warn_at > {t}))"


def _code_range(q: _Sql, prefix: str) -> str:
    """`grid_code LIKE prefix%` written as an index range (codes are digits; SQLite's LIKE skips indexes)."""
    if not prefix.isdigit():
        return q.like("grid_code", "", prefix, "%")
    if set(prefix) == {"9"}:
        return f"grid_code >= {q.p(prefix)}"
    upper = str(int(prefix) + 1).zfill(len(prefix))
    return f"(grid_code >= {q.p(prefix)} AND grid_code < {q.p(upper)})"


def _number_prefix(q: _Sql, text: str) -> str:
    if q.sqlite:  # SQLite's LIKE is case-insensitive and never uses the index; BINARY order makes a range
        return f"(number >= {q.p(text)} AND number < {q.p(text + chr(0x10FFFF))})"
    return q.like("number", "", text, "%")


def _grid_hits(session: Session, text: str) -> list[str]:
    """Minimal subtree prefixes of the grids whose name contains `text` or whose pinyin initials start with
    it (`sgm` → 三官庙街道 and everything under it)."""
    hit = Grid.name.contains(text, autoescape=True)
    if _PINYIN.match(text):
        hit = or_(hit, func.lower(Grid.pinyin_initials).startswith(text.lower(), autoescape=True))
    codes = session.scalars(select(Grid.code).where(hit))
    return _minimal_prefixes(subtree_prefix(c) for c in codes)


def _text_sql(q: _Sql, session: Session, needle: str) -> str | None:
    """The condition of a free-text search; None when it matches every case (see `_covers_every_case`)."""
    text = needle.strip()
    if _CASE_NUMBER.match(text):
        return _selective(_number_prefix(q, text), q, session)
    prefixes = _grid_hits(session, text)
    if prefixes and _covers_every_case(session, prefixes):
        return None
    conds = [_number_prefix(q, text), q.like(_haystack(q, text), "%", text.lower(), "%")]
    conds.extend(_code_range(q, p) for p in prefixes)
    return _selective("(" + " OR ".join(conds) + ")", q, session)


def _covers_every_case(session: Session, prefixes: list[str]) -> bool:
    """Whether every case lies in these grid subtrees (by `case_counts`): then a search that matched those
    grids matches every case, whatever else it matches — typically the township's own name (`sgm`)."""
    if not _counts_usable(session):
        return False
    sql = "SELECT DISTINCT grid_code FROM case_counts WHERE n > 0"
    return all(any(c.startswith(p) for p in prefixes) for (c,) in session.execute(text(sql)))


#: a text condition matching at most this many cases is turned into an id list (see `_selective`)
TEXT_PROBE_LIMIT = 2000


def _selective(cond: str, q: _Sql, session: Session) -> str:
    """A rare word or a case number matches few rows, and an ordered index walk would read the whole table
    to find them; so probe first (unordered, where the number index or PostgreSQL's trigram index serve),
    and when few match, filter by their ids. A common word stays a condition: the ordered walk finds a
    page of it quickly."""
    probe = f"SELECT id FROM cases WHERE {cond} LIMIT {TEXT_PROBE_LIMIT + 1}"
    ids = [r[0] for r in session.execute(text(probe), q.params)]
    if len(ids) > TEXT_PROBE_LIMIT:
        return cond
    return q.in_("id", ids)


def _minimal_prefixes(prefixes: Iterable[str]) -> list[str]:
    """Drop prefixes already covered by a shorter one (a township covers its villages)."""
    out: list[str] = []
    for p in sorted(set(prefixes), key=len):
        if not any(p.startswith(o) for o in out):
            out.append(p)
    return sorted(out)


def _where(q: _Sql, session: Session, flt: QueueFilter, now: datetime, *, grid: bool = True) -> list[str]:
    """Every condition of `flt` except the status set (callers segment or test statuses themselves), and
    except the grid subtree when `grid` is False (`fetch_page` segments by grid code)."""
    conds: list[str] = []
    if flt.grid_code_prefix and grid:
        conds.append(_code_range(q, flt.grid_code_prefix))
    if flt.category_ids is not None:
        conds.append(q.in_("category_id", flt.category_ids))
    if flt.department_ids is not None:
        conds.append(q.in_("lead_department_id", flt.department_ids))
    if flt.lights is not None:
        lights = sorted(flt.lights)
        conds.append("(" + " OR ".join(_light_sql(q, x, now) for x in lights) + ")" if lights else "1 = 0")
    if flt.sources is not None:
        conds.append(q.in_("source", flt.sources))
    if flt.reported_from is not None:
        conds.append(f"reported_at >= {q.p(flt.reported_from)}")
    if flt.reported_to is not None:
        conds.append(f"reported_at < {q.p(flt.reported_to)}")
    if flt.text and flt.text.strip():
        cond = _text_sql(q, session, flt.text)
        if cond is not None:
            conds.append(cond)
    if flt.watched_by:
        conds.append(f"id IN (SELECT case_id FROM case_watch WHERE login = {q.p(flt.watched_by)})")
    if flt.claimed_by:
        conds.append(f"claimed_by = {q.p(flt.claimed_by)}")
        conds.append(f"(claim_expires_at IS NULL OR claim_expires_at > {q.p(now)})")
    return conds


def _effective_statuses(flt: QueueFilter) -> frozenset[CaseStatus] | None:
    """The status set the filter allows (lights imply statuses too); None = any status."""
    statuses = flt.statuses
    if flt.lights is not None:
        implied = _light_statuses(flt.lights)
        statuses = implied if statuses is None else statuses & implied
    return statuses


def _all_conditions(q: _Sql, session: Session, flt: QueueFilter, now: datetime) -> str | None:
    """The WHERE text of `flt`, or None when it can match nothing."""
    statuses = _effective_statuses(flt)
    if statuses is not None and not statuses:
        return None
    conds = ([] if statuses is None else [q.in_("status", statuses)]) + _where(q, session, flt, now)
    return " AND ".join(conds) or "1 = 1"


# --- maintained counts (case_counts, migration 0004) -----------------------------------------------------
#
# Triggers keep cases per (grid_code, status, dated) exact in the writing transaction, so a filter that
# narrows only by status and grid subtree is counted by summing a few hundred rows; a filter with any other
# condition is counted over `cases`. The table also tells `fetch_page` which (grid code, status) segments
# are empty, so their subqueries are not written at all (planning 100 segments costs PostgreSQL 30+ ms).

_COUNTS_USABLE = "gridconsole_case_counts_usable"


def _counts_usable(session: Session) -> bool:
    """Whether `case_counts` answers for this connection: the table exists, and on PostgreSQL the login may
    read it and row-level security does not hide cases from it (else its sums would show more than the
    person may see). Cached on the DBAPI connection (one login per connection)."""
    info = session.connection().info
    usable = info.get(_COUNTS_USABLE)
    if usable is None:
        usable = _probe_counts(session)
        info[_COUNTS_USABLE] = usable
    return bool(usable)


def _probe_counts(session: Session) -> bool:
    if session.get_bind().dialect.name == "sqlite":
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'case_counts'"
        return bool(session.execute(text(sql)).scalar()) and _counts_plausible(session)
    row = session.execute(
        text(
            "SELECT to_regclass('case_counts') IS NOT NULL, "
            "CASE WHEN to_regclass('case_counts') IS NULL THEN false "
            "ELSE has_table_privilege('case_counts', 'SELECT') END, "
            "row_security_active('cases'), to_regprocedure('gc_sees_all(text)') IS NOT NULL"
        )
    ).one()
    exists, readable, rls, has_sees_all = row
    if not (exists and readable):
        return False
    if rls and not (
        has_sees_all and session.execute(text("SELECT gc_sees_all(current_user::text)")).scalar()
    ):
        return False
    return _counts_plausible(session)


def _counts_plausible(session: Session) -> bool:
    """Cheap checks that no bulk write went past the triggers (a load with PostgreSQL's
    `session_replication_role = replica`, SQLite triggers dropped while cases were deleted): the counted
    total must match the span of case ids (within the gaps rolled-back inserts leave), and on PostgreSQL
    the statistics' live-row count. A table that fails them is not used (counts go over `cases`) until
    `rebuild_counts`."""
    total, low, high = session.execute(
        text(
            "SELECT (SELECT coalesce(sum(n), 0) FROM case_counts), (SELECT min(id) FROM cases), (SELECT max(id) FROM cases)"
        )
    ).one()
    total = int(total)
    if high is None:
        return total == 0
    span = int(high) - int(low) + 1  # case ids are never reused and cases never deleted
    if total <= 0 or total > span or total < span - max(1000, span // 100):
        return False
    if session.get_bind().dialect.name == "postgresql":
        live = session.execute(text("SELECT pg_stat_get_live_tuples('cases'::regclass)")).scalar()
        if live and abs(int(live) - total) > max(1000, total // 100):
            return False
    return True


def rebuild_counts(session: Session) -> int:
    """Recount `case_counts` from `cases` (~1 s per million cases); returns the number of cases. For bulk
    loads that bypass the triggers: PostgreSQL's replica role, or triggers dropped on SQLite."""
    session.execute(text("DELETE FROM case_counts"))
    session.execute(
        text(
            "INSERT INTO case_counts (grid_code, status, dated, n) "
            "SELECT grid_code, status, stage_due_at IS NOT NULL, count(*) FROM cases "
            "GROUP BY grid_code, status, stage_due_at IS NOT NULL"
        )
    )
    session.connection().info.pop(_COUNTS_USABLE, None)
    return int(session.execute(text("SELECT coalesce(sum(n), 0) FROM case_counts")).scalar_one())


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
        or (flt.grid_code_prefix and not flt.grid_code_prefix.isdigit())
    ):
        return False
    if not _counts_usable(session):
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


def _segment_keys(
    session: Session, statuses: Iterable[CaseStatus], prefix: str
) -> set[tuple[str, str, bool]]:
    """The (grid_code, status, dated) keys in the subtree of `prefix` that hold cases of these statuses."""
    q = _Sql(session)
    conds = ["n > 0", q.in_("status", statuses), _code_range(q, prefix)]
    sql = f"SELECT grid_code, status, dated FROM case_counts WHERE {' AND '.join(conds)}"
    return {(c, st, bool(d)) for c, st, d in session.execute(text(sql), q.params)}


# --- ordering by segments --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Segment:
    """One ordered index range: its own conditions, the columns it is ordered by, its place in the order."""

    cond: str  # e.g. "stage_due_at IS NULL", or "severity = 'complex'" (our own constants, never input)
    order: tuple[str, ...]  # ascending form
    rank: int  # position among the sort's segments (NULL deadlines after the rest, severity ranks)
    key_col: str | None  # the sort column compared with the cursor (None: only id)


def _segments(sort: SortKey, descending: bool) -> list[_Segment]:
    if sort is SortKey.DEADLINE:
        return [
            _Segment("stage_due_at IS NOT NULL", ("stage_due_at", "id"), 0, "stage_due_at"),
            # ordered by the (constant) deadline too, so the planner sees the (…, stage_due_at, id) index order
            _Segment("stage_due_at IS NULL", ("stage_due_at", "id"), 1, None),
        ]
    if sort is SortKey.REPORTED:
        return [_Segment("", ("reported_at", "id"), 0, "reported_at")]
    order = sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__, reverse=descending)
    return [
        _Segment(f"severity = '{s.value}'", ("severity", "reported_at", "id"), i, "reported_at")
        for i, s in enumerate(order)
    ]


def _cursor_rank(sort: SortKey, descending: bool, cursor: Cursor) -> int:
    if sort is SortKey.DEADLINE:
        return 1 if cursor.values[0] is None else 0
    if sort is SortKey.REPORTED:
        return 0
    rank = int(cursor.values[0])
    return (2 - rank) if descending else rank


_SKIP = "skip"  # _keyset: the whole segment lies before the cursor


def _keyset(q: _Sql, seg: _Segment, descending: bool, cursor: Cursor | None, sort: SortKey) -> str | None:
    """Condition for the rows of `seg` strictly after `cursor`: None = the whole segment, `_SKIP` = none."""
    if cursor is None:
        return None
    if cursor.sort is not sort or cursor.descending != descending:
        raise ValidationError("翻页游标与当前排序不一致，请从第一页重新查询")
    here = _cursor_rank(sort, descending, cursor)
    if seg.rank < here:
        return _SKIP
    if seg.rank > here:
        return None
    lt = "<" if descending else ">"
    last = q.p(cursor.id)
    if seg.key_col is None:
        return f"id {lt} {last}"
    v = q.p(cursor.values[-1])
    # written as a range on the sort column plus a tie-break, which both planners turn into an index range
    return f"{seg.key_col} {lt}= {v} AND ({seg.key_col} {lt} {v} OR id {lt} {last})"


_SEVERITY_RANK_SQL = (
    "CASE severity "
    + " ".join(f"WHEN '{s.value}' THEN {r}" for s, r in SEVERITY_RANK.items())
    + " ELSE 1 END"
)


def _order_sql(sort: SortKey, descending: bool, t: str = "") -> str:
    """ORDER BY of the whole sort (on the merged segments, aliased `t.`, and in `fetch_page_at`)."""
    d = " DESC" if descending else ""
    if sort is SortKey.DEADLINE:
        return f"CASE WHEN {t}stage_due_at IS NULL THEN 1 ELSE 0 END, {t}stage_due_at{d}, {t}id{d}"
    if sort is SortKey.REPORTED:
        return f"{t}reported_at{d}, {t}id{d}"
    return f"{_SEVERITY_RANK_SQL.replace('severity', t + 'severity', 1)}{d}, {t}reported_at{d}, {t}id{d}"


#: the columns a segment reads: id and the sort key, all in the segment's index (index-only on PostgreSQL)
_KEY_COLUMNS = {
    SortKey.DEADLINE: "id, stage_due_at",
    SortKey.REPORTED: "id, reported_at",
    SortKey.SEVERITY: "id, severity, reported_at",
}
#: this many open statuses or more, sorted by deadline, are read as one range of the open cases' deadline
#: index (ix_case_open_due) and filtered there; fewer, one range per status
OPEN_RANGE_MIN = 3
#: at most this many grid codes in a subtree are walked as separate (grid_code, status, deadline) segments
GRID_SEGMENTS = 12


_ROW_COLUMNS = (
    "id, number, status, category_id, grid_id, grid_code, summary, lead_department_id, stage_due_at, "
    "stage_warn_at, due_at, reported_at, source, severity, urgent, version, claimed_by, claim_expires_at, "
    "rework_count"
)
_NAMES = (
    "(SELECT name FROM category WHERE category.id = q.category_id) AS category_name, "
    "(SELECT name FROM grid WHERE grid.id = q.grid_id) AS grid_name, "
    "(SELECT name FROM department WHERE department.id = q.lead_department_id) AS dept_name"
)


_STATUS = {m.value: m for m in CaseStatus}
_SOURCE = {m.value: m for m in Source}
_SEVERITY = {m.value: m for m in Severity}


def _dt(value: Any) -> Any:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)  # SQLite hands back the stored text


def _to_row(r: Any, now: datetime) -> QueueRow:
    (cid, number, status, _cat, _grid, code, summary, _dept, due, warn, due_at, reported, source, severity,
     urgent, version, claimed, expires, rework, cat_name, grid_name, dept_name) = r  # fmt: skip
    st = _STATUS[status]
    due = _dt(due)
    warn = _dt(warn)
    expires = _dt(expires)
    return QueueRow(
        id=cid,
        number=number,
        status=st,
        light=light_of(st, due, warn, now),
        category_name=cat_name or "",
        grid_code=code,
        grid_name=grid_name or "",
        summary=summary,
        lead_department_name=dept_name,
        stage_due_at=due,
        stage_warn_at=warn,
        due_at=_dt(due_at),
        reported_at=_dt(reported),
        source=_SOURCE[source],
        severity=_SEVERITY[severity],
        urgent=bool(urgent),
        version=version,
        claimed_by=claimed if expires is None or expires > now else None,
        rework_count=rework,
    )


def _cursor_of(row: QueueRow, sort: SortKey, descending: bool) -> Cursor:
    if sort is SortKey.DEADLINE:
        values: tuple[Any, ...] = (row.stage_due_at,)
    elif sort is SortKey.REPORTED:
        values = (row.reported_at,)
    else:
        values = (SEVERITY_RANK[row.severity], row.reported_at)
    return Cursor(sort, descending, values, row.id)


def _subtree_codes(session: Session, prefix: str | None) -> list[str] | None:
    """The grid codes under `prefix` when they are few (cases keep the code they were filed under, and grids
    are never deleted, so the grid table knows every code a case can carry)."""
    if not prefix or not prefix.isdigit():
        return None
    q = _Sql(session)
    sql = f"SELECT code FROM grid WHERE {_code_range(q, prefix)} ORDER BY code LIMIT {GRID_SEGMENTS + 1}"
    codes = [r[0] for r in session.execute(text(sql.replace("grid_code", "code")), q.params)]
    return codes if 0 < len(codes) <= GRID_SEGMENTS else None


# --- the service -----------------------------------------------------------------------------------------


def fetch_page(  # noqa: PLR0917 - the table model's contract is positional
    session: Session,
    flt: QueueFilter,
    sort: SortKey = SortKey.DEADLINE,
    descending: bool = False,
    after: Cursor | None = None,
    limit: int = 100,
    now: datetime | None = None,
) -> Page:
    """The `limit` rows after `after` (or the first page). Keyset only: cost does not grow with depth."""
    now = now or clock.now()
    if limit < 1:
        raise ValidationError("每页行数必须大于 0")
    statuses = _effective_statuses(flt)
    if statuses is not None and not statuses:
        return Page([], None)
    q = _Sql(session)
    # One segment per status keeps each range on the (status, <sort column>, id) indexes. Within a small
    # subtree sorted by deadline, one per grid code: open cases on the partial index ix_case_open_grid_due
    # (grid_code, stage_due_at, id, status), other status sets per status on (grid_code, status, …).
    # Each split: (condition, the statuses it can hold or None for any, its grid code or None)
    splits: list[tuple[str, frozenset[CaseStatus] | None, str | None]] = (
        [("", None, None)]
        if statuses is None
        else [(f"status = '{s.value}'", frozenset({s}), None) for s in sorted(statuses)]
    )
    # which (grid code, status, dated) keys hold cases at all (case_counts): empty splits are left out
    keys = None
    prefix = flt.grid_code_prefix if flt.grid_code_prefix and flt.grid_code_prefix.isdigit() else None
    codes: list[str] | None = None
    if statuses is not None and prefix and _counts_usable(session):
        # (without a subtree there are a few status segments, and the later ranks are rarely read: the
        # round trip would cost more than it saves)
        keys = _segment_keys(session, statuses, prefix)
        held = sorted({k[0] for k in keys})
        codes = held if len(held) <= GRID_SEGMENTS else None
    elif statuses is not None:
        codes = _subtree_codes(session, flt.grid_code_prefix)
    if (
        codes is None
        and statuses is not None
        and sort is SortKey.DEADLINE
        and len(statuses) >= OPEN_RANGE_MIN
    ):
        if statuses <= OPEN_STATUSES:  # one range of ix_case_open_due for them all
            narrow = "" if statuses == OPEN_STATUSES else " AND " + q.in_("status", statuses)
            splits = [(f"{OPEN_PREDICATE}{narrow}", statuses, None)]
    elif codes is not None and statuses is not None and sort is SortKey.DEADLINE:
        if statuses <= OPEN_STATUSES:
            narrow = "" if statuses == OPEN_STATUSES else " AND " + q.in_("status", statuses)
            splits = [(f"grid_code = {q.p(c)} AND {OPEN_PREDICATE}{narrow}", statuses, c) for c in codes]
        else:
            splits = [(f"grid_code = {q.p(c)} AND {sc}", st, c) for c in codes for sc, st, _ in splits]
    else:
        codes = None
    common = _where(q, session, flt, now, grid=codes is None)
    d = " DESC" if descending else ""
    n = int(limit) + 1
    # the segments of one rank (deadline: dated, then undated; severity: one rank per severity) all sort
    # before those of the next rank, so the ranks are read in turn and the later ones only when the earlier
    # ones did not fill the page: fewer subqueries to plan
    ranked: dict[int, list[str]] = {}
    for seg in _segments(sort, descending):
        ks = _keyset(q, seg, descending, after, sort)
        if ks == _SKIP:
            continue
        order = ", ".join(col + d for col in seg.order)
        dated = (seg.rank == 0) if sort is SortKey.DEADLINE else None
        for sc, sts, code in splits:
            if keys is not None and not _has_key(keys, sts, code, dated):
                continue
            conds = [c for c in (sc, seg.cond, *common, ks) if c]
            where = " AND ".join(conds) or "1 = 1"
            ranked.setdefault(seg.rank, []).append(
                f"SELECT {_KEY_COLUMNS[sort]} FROM cases WHERE {where} ORDER BY {order} LIMIT {n}"
            )
    cols = ", ".join(f"q.{c.strip()}" for c in _ROW_COLUMNS.split(","))
    rows: list[QueueRow] = []
    for rank in sorted(ranked):
        parts = ranked[rank]
        merged = " UNION ALL ".join(f"SELECT * FROM ({p}) AS s{i}" for i, p in enumerate(parts))
        top = f"SELECT * FROM ({merged}) AS m ORDER BY {_order_sql(sort, descending)} LIMIT {n - len(rows)}"
        sql = (
            f"SELECT {cols}, {_NAMES} FROM ({top}) AS k JOIN cases AS q ON q.id = k.id "
            f"ORDER BY {_order_sql(sort, descending, 'k.')}"
        )
        rows += [_to_row(r, now) for r in session.execute(text(sql), q.params).tuples()]
        if len(rows) >= n:
            break
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, _cursor_of(rows[-1], sort, descending) if more and rows else None)


def _has_key(
    keys: set[tuple[str, str, bool]],
    statuses: frozenset[CaseStatus] | None,
    code: str | None,
    dated: bool | None,
) -> bool:
    """Whether a split (statuses, grid code) of a segment (dated or not) holds any case."""
    for k_code, k_status, k_dated in keys:
        if (
            (statuses is None or CaseStatus(k_status) in statuses)
            and (code is None or k_code == code)
            and (dated is None or k_dated == dated)
        ):
            return True
    return False


def fetch_page_at(  # noqa: PLR0917 - the table model's contract is positional
    session: Session,
    flt: QueueFilter,
    sort: SortKey = SortKey.DEADLINE,
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
    now: datetime | None = None,
) -> Page:
    """Rows `offset … offset+limit` — for a jump (the scrollbar dragged to row 500,000), not for paging.

    This one uses OFFSET: a keyset cannot jump to an arbitrary row without knowing the row before it. The
    inner query reads only the sort columns and ids in index order (PostgreSQL: an index scan; SQLite: a
    covering index walk), so skipped rows are not fetched in full, and the page's rows are then read by id.
    Its cost still grows with the offset (tens of ms at 500,000 rows), acceptable once per jump; the model
    continues from the returned cursor with keysets.
    """
    now = now or clock.now()
    q = _Sql(session)
    where = _all_conditions(q, session, flt, now)
    if where is None:
        return Page([], None)
    n = int(limit) + 1
    if sort is SortKey.DEADLINE and _only_status_and_grid(session, flt):
        # the order is "dated cases by deadline, then undated ones by id": with the number of dated cases
        # known (case_counts), each part is one ordered index walk instead of a sort of the whole filter
        (dated,) = _table_counts(session, flt, "", "dated = " + ("true" if not q.sqlite else "1"))[0]
        d = " DESC" if descending else ""
        ids: list[int] = []
        if offset < dated:
            sql = (
                f"SELECT id FROM cases WHERE {where} AND stage_due_at IS NOT NULL "
                f"ORDER BY stage_due_at{d}, id{d} LIMIT {n} OFFSET {int(offset)}"
            )
            ids = [r[0] for r in session.execute(text(sql), q.params)]
        if len(ids) < n:
            sql = (
                f"SELECT id FROM cases WHERE {where} AND stage_due_at IS NULL "
                f"ORDER BY stage_due_at{d}, id{d} LIMIT {n - len(ids)} OFFSET {max(0, int(offset) - int(dated))}"
            )
            ids += [r[0] for r in session.execute(text(sql), q.params)]
    else:
        sql = (
            f"SELECT id FROM cases WHERE {where} ORDER BY {_order_sql(sort, descending)} "
            f"LIMIT {n} OFFSET {int(offset)}"
        )
        ids = [r[0] for r in session.execute(text(sql), q.params)]
    more = len(ids) > limit
    ids = ids[:limit]
    by_id = {r.id: r for r in fetch_rows(session, ids, now)}
    rows = [by_id[i] for i in ids if i in by_id]
    return Page(rows, _cursor_of(rows[-1], sort, descending) if more and rows else None)


def fetch_rows(session: Session, ids: Iterable[int], now: datetime | None = None) -> list[QueueRow]:
    """The current rows of these cases, by id (for live updates); ids that no longer exist are left out."""
    now = now or clock.now()
    wanted = sorted(set(ids))
    out: list[QueueRow] = []
    for i in range(0, len(wanted), 500):
        q = _Sql(session)
        cond = q.in_("id", wanted[i : i + 500])
        sql = f"SELECT q.*, {_NAMES} FROM (SELECT {_ROW_COLUMNS} FROM cases WHERE {cond}) AS q ORDER BY q.id"
        out.extend(_to_row(r, now) for r in session.execute(text(sql), q.params))
    return out


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
    per_code: dict[str, list[int]] = {}
    if _counts_usable(session):
        for code, n in _table_counts(session, QueueFilter(statuses=OPEN_STATUSES), "grid_code"):
            per_code.setdefault(code, [0, 0])[0] += int(n)
        sql = (
            f"SELECT grid_code, count(*) FROM cases WHERE {q.in_('grid_code', all_codes)} "
            f"AND {q.in_('status', CLOCKED_STATUSES)} AND stage_due_at < {q.p(now)} GROUP BY grid_code"
        )
        for code, late in session.execute(text(sql), q.params):
            per_code.setdefault(code, [0, 0])[1] += int(late)
    else:
        sql = (
            f"SELECT grid_code, status, count(*), "
            f"sum(CASE WHEN stage_due_at < {q.p(now)} THEN 1 ELSE 0 END) "
            f"FROM cases WHERE {q.in_('grid_code', all_codes)} AND {q.in_('status', OPEN_STATUSES)} "
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
    clocked = q.in_("status", CLOCKED_STATUSES)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    day = f"BETWEEN {q.p(midnight)} AND {q.p(midnight + timedelta(days=1) - timedelta(microseconds=1))}"
    # 待受理 and 办理中 from case_counts when it answers; the rest depend on `now`
    src, n = ("case_counts", "sum(n)") if _counts_usable(session) else ("cases", "count(*)")
    statements = (
        f"SELECT {n} FROM {src} WHERE status = 'reported'",
        f"SELECT {n} FROM {src} WHERE {q.in_('status', WORKING_STATUSES)}",
        f"SELECT count(*) FROM cases WHERE {clocked} AND stage_due_at >= {t} AND stage_warn_at <= {t}",
        f"SELECT count(*) FROM cases WHERE {clocked} AND stage_due_at < {t}",
        f"SELECT count(*) FROM cases WHERE reported_at {day}",
        f"SELECT count(*) FROM cases WHERE closed_at {day}",
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


__all__ = [
    "QUICK_FILTERS",
    "SEARCH_EXPR",
    "Cursor",
    "DashboardCounts",
    "GridCount",
    "Page",
    "QueueFilter",
    "QueueRow",
    "SortKey",
    "count",
    "dashboard_counts",
    "fetch_page",
    "fetch_page_at",
    "fetch_rows",
    "grid_counts",
    "light_of",
    "quick_filter",
    "rebuild_counts",
    "status_counts",
    "subtree_prefix",
]
