"""The SQL text of the queue's statements: the builder that collects bound parameters (`_Sql`) and the WHERE
text of a `QueueFilter` (`_where`, `_all_conditions`), free-text search included.

The statements are written as SQL text, not built from SQLAlchemy constructs: a merged page can hold
dozens of segments, and building (not running) such a statement with the expression language costs
10-40 ms of Python per page. The text for one shape of query is always the same string, so SQLAlchemy's
compiled cache still applies; every value travels as a bound parameter.

A free-text search matches a case number by prefix, summary, address and description by substring
(`SEARCH_EXPR`, which PostgreSQL's trigram index serves), and grids by name or pinyin initials with their
subtrees; a needle that matches few cases is probed first and becomes a list of ids (`_selective`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from console.domain import OPEN_STATUSES, PAUSED_STATUSES, CaseStatus, TrafficLight
from console.grid_codes import subtree_prefix
from console.models import Grid
from console.queue import case_counts
from console.queue.filters import CLOCKED_STATUSES, QueueFilter
from console.queue.rows import _light_statuses
from console.security.visibility import case_sql, restricted_viewer

#: the cases put forward for a meeting (提请会商) that no agenda has taken up yet: the queue's filter and badge
PROPOSED_SQL = "SELECT case_id FROM meeting_proposal WHERE item_id IS NULL"

_CASE_NUMBER = re.compile(r"^\d{4}-\d*$")
_PINYIN = re.compile(r"^[A-Za-z]+$")


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
    if not case_counts.counts_usable(session):
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
    seen = visible_sql(q, session)
    if seen is not None:
        conds.append(seen)
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
    if flt.proposed_for_meeting:
        conds.append(f"id IN ({PROPOSED_SQL})")
    if flt.claimed_by:
        conds.append(f"claimed_by = {q.p(flt.claimed_by)}")
        conds.append(f"(claim_expires_at IS NULL OR claim_expires_at > {q.p(now)})")
    return conds


def visible_sql(q: _Sql, session: Session) -> str | None:
    """The condition keeping what this session's viewer may see, or None when nothing is limited (see
    `console.security.visibility`: on SQLite the application applies the rule row-level security applies
    on PostgreSQL)."""
    restricted, user = restricted_viewer(session)
    return case_sql(user, q.p) if restricted else None


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
