"""The page queries: keyset pages (`fetch_page`), a jump to a row number (`fetch_page_at`), and rows by id
for live updates (`fetch_rows`).

An ordering that no single index yields is split into segments (`_segments`), one ordered index range
each, merged in the same statement; `case_counts` says which segments hold no cases, so they are left out.
The package docstring (`console.queue`) has the whole design.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from console import clock
from console.domain import OPEN_STATUSES, PAUSED_STATUSES, CaseStatus, Severity, Source
from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP
from console.models.counts import OPEN_PREDICATE
from console.queue import case_counts
from console.queue.counts import _only_status_and_grid, _table_counts
from console.queue.filters import SEVERITY_RANK, QueueFilter, SortKey
from console.queue.rows import Cursor, Page, QueueRow, light_of
from console.queue.sql import (
    PROPOSED_SQL,
    _all_conditions,
    _code_range,
    _effective_statuses,
    _Sql,
    _where,
    visible_sql,
)

# --- ordering by segments --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Segment:
    """One ordered index range: its own conditions, the columns it is ordered by, its place in the order."""

    cond: str  # e.g. "stage_due_at IS NULL", or "severity = 'complex'" (our own constants, never input)
    order: tuple[str, ...]  # ascending form
    rank: int  # position among the sort's segments (deadline ranks, severity ranks)
    key_col: str | None  # the sort column compared with the cursor (None: only id)
    statuses: frozenset[CaseStatus] | None = None  # the only statuses it can hold (None: any)


_PAUSED_SQL = ", ".join(f"'{s.value}'" for s in sorted(PAUSED_STATUSES))


def deadline_rank(status: CaseStatus, stage_due_at: datetime | None) -> int:
    """Where a case sorts by deadline: running clocks first (overdue at the top), then the paused ones (延期审批中,
    上报县级, 挂账: their deadline is frozen, often long past, and must not crowd out the urgent), then cases
    without a deadline."""
    if stage_due_at is None:
        return 2
    return 1 if status in PAUSED_STATUSES else 0


def _segments(sort: SortKey, descending: bool) -> list[_Segment]:
    if sort is SortKey.DEADLINE:
        running = frozenset(CaseStatus) - PAUSED_STATUSES
        return [
            _Segment(
                f"stage_due_at IS NOT NULL AND status NOT IN ({_PAUSED_SQL})",
                ("stage_due_at", "id"),
                0,
                "stage_due_at",
                running,
            ),
            _Segment(
                f"stage_due_at IS NOT NULL AND status IN ({_PAUSED_SQL})",
                ("stage_due_at", "id"),
                1,
                "stage_due_at",
                PAUSED_STATUSES,
            ),
            # ordered by the (constant) deadline too, so the planner sees the (…, stage_due_at, id) index order
            _Segment("stage_due_at IS NULL", ("stage_due_at", "id"), 2, None),
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
        return int(cursor.values[0])
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
        raise ValidationError(QT_TRANSLATE_NOOP("queue", "翻页游标与当前排序不一致，请从第一页重新查询"))
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
        rank = f"CASE WHEN {t}stage_due_at IS NULL THEN 2 WHEN {t}status IN ({_PAUSED_SQL}) THEN 1 ELSE 0 END"
        return f"{rank}, {t}stage_due_at{d}, {t}id{d}"
    if sort is SortKey.REPORTED:
        return f"{t}reported_at{d}, {t}id{d}"
    return f"{_SEVERITY_RANK_SQL.replace('severity', t + 'severity', 1)}{d}, {t}reported_at{d}, {t}id{d}"


#: the columns a segment reads: id and the sort key, all in the segment's index (index-only on PostgreSQL)
_KEY_COLUMNS = {
    SortKey.DEADLINE: "id, stage_due_at, status",
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
    "rework_count, dispatched_at, signed_at"
)
_NAMES = (
    "(SELECT name FROM category WHERE category.id = q.category_id) AS category_name, "
    "(SELECT name FROM grid WHERE grid.id = q.grid_id) AS grid_name, "
    "(SELECT name FROM department WHERE department.id = q.lead_department_id) AS dept_name, "
    f"CASE WHEN q.id IN ({PROPOSED_SQL}) THEN 1 ELSE 0 END AS proposed"  # the 提请会商 badge
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
     urgent, version, claimed, expires, rework, dispatched, signed, cat_name, grid_name, dept_name,
     proposed) = r  # fmt: skip
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
        proposed_for_meeting=bool(proposed),
        dispatched_at=_dt(dispatched),
        signed_at=_dt(signed),
    )


def _cursor_of(row: QueueRow, sort: SortKey, descending: bool) -> Cursor:
    if sort is SortKey.DEADLINE:
        values: tuple[Any, ...] = (deadline_rank(row.status, row.stage_due_at), row.stage_due_at)
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


def _segment_keys(
    session: Session, statuses: Iterable[CaseStatus], prefix: str
) -> set[tuple[str, str, bool]]:
    """The (grid_code, status, dated) keys in the subtree of `prefix` that hold cases of these statuses."""
    q = _Sql(session)
    conds = ["n > 0", q.in_("status", statuses), _code_range(q, prefix)]
    sql = f"SELECT grid_code, status, dated FROM case_counts WHERE {' AND '.join(conds)}"
    return {(c, st, bool(d)) for c, st, d in session.execute(text(sql), q.params)}


# --- the page queries -------------------------------------------------------------------------------------


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
        raise ValidationError(QT_TRANSLATE_NOOP("queue", "每页行数必须大于 0"))
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
    if statuses is not None and prefix and case_counts.counts_usable(session):
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
    # the segments of one rank (deadline: running, paused, undated; severity: one per severity) all sort
    # before those of the next rank, so the ranks are read in turn and the later ones only when the earlier
    # ones did not fill the page: fewer subqueries to plan
    ranked: dict[int, list[str]] = {}
    for seg in _segments(sort, descending):
        ks = _keyset(q, seg, descending, after, sort)
        if ks == _SKIP:
            continue
        order = ", ".join(col + d for col in seg.order)
        dated = (seg.rank < 2) if sort is SortKey.DEADLINE else None
        for sc, sts, code in splits:
            can_hold = sts if seg.statuses is None else seg.statuses if sts is None else sts & seg.statuses
            if can_hold is not None and not can_hold:
                continue  # a split of statuses this segment cannot hold
            if keys is not None and not _has_key(keys, can_hold, code, dated):
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
        # the order is "running deadlines, paused ones, then undated cases by id": with the size of each part
        # known (case_counts), each part is one ordered index walk instead of a sort of the whole filter
        true = "true" if not q.sqlite else "1"
        false = "false" if not q.sqlite else "0"
        paused = f"status IN ({_PAUSED_SQL})"
        parts = [
            (f"dated = {true} AND NOT {paused}", f"stage_due_at IS NOT NULL AND NOT {paused}"),
            (f"dated = {true} AND {paused}", f"stage_due_at IS NOT NULL AND {paused}"),
            (f"dated = {false}", "stage_due_at IS NULL"),
        ]
        d = " DESC" if descending else ""
        ids: list[int] = []
        start = 0  # the offset where the part begins
        for counted, cond in parts:
            (size,) = _table_counts(session, flt, "", counted)[0]
            size = int(size)
            if offset < start + size and len(ids) < n:
                skip = max(0, int(offset) - start)
                sql = (
                    f"SELECT id FROM cases WHERE {where} AND {cond} "
                    f"ORDER BY stage_due_at{d}, id{d} LIMIT {n - len(ids)} OFFSET {skip}"
                )
                ids += [r[0] for r in session.execute(text(sql), q.params)]
            start += size
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
        seen = visible_sql(q, session)
        if seen is not None:
            cond = f"{cond} AND {seen}"
        sql = f"SELECT q.*, {_NAMES} FROM (SELECT {_ROW_COLUMNS} FROM cases WHERE {cond}) AS q ORDER BY q.id"
        out.extend(_to_row(r, now) for r in session.execute(text(sql), q.params))
    return out
