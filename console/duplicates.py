"""Possible duplicates of a report (重复件): same grid, similar text, reported recently.

Shown in the new-case dialog before saving, and in the merge dialog. The query is plain SQL over the grid
and the window; the similarity is computed in Python on the few candidates (character bigrams, which suit
Chinese text without word segmentation, plus difflib's ratio for short texts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import clock
from console.domain import CaseStatus
from console.models import Case

WINDOW_DAYS = 30
THRESHOLD = 0.5
MAX_CANDIDATES = 500
#: statuses a duplicate can be merged into (the service refuses rejected and merged cases as targets)
MERGEABLE = frozenset(set(CaseStatus) - {CaseStatus.REJECTED, CaseStatus.MERGED})

_NOISE = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class PossibleDuplicate:
    id: int
    number: str
    status: CaseStatus
    summary: str
    address: str
    reported_at: datetime
    similarity: float  # 0..1


def normalize(text: str) -> str:
    """Lower case, without spaces and punctuation (Chinese and ASCII)."""
    return _NOISE.sub("", text.lower())


def _bigrams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..1: the better of bigram Dice and difflib's ratio."""
    a, b = normalize(a), normalize(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ga, gb = _bigrams(a), _bigrams(b)
    dice = 2 * len(ga & gb) / (len(ga) + len(gb))
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return max(dice, ratio)


def find_duplicates(
    session: Session,
    grid_code: str,
    summary: str,
    description: str = "",
    *,
    now: datetime | None = None,
    days: int = WINDOW_DAYS,
    threshold: float = THRESHOLD,
    limit: int = 5,
    exclude_id: int | None = None,
) -> list[PossibleDuplicate]:
    """Open-to-merge cases of the same grid from the last `days` days whose text resembles this one,
    most similar first."""
    if not grid_code or not normalize(summary + description):
        return []
    now = now or clock.now()
    stmt = (
        select(
            Case.id, Case.number, Case.status, Case.summary, Case.description, Case.address, Case.reported_at
        )
        .where(
            Case.grid_code == grid_code,
            Case.reported_at >= now - timedelta(days=days),
            Case.status.in_(MERGEABLE),
        )
        .order_by(Case.reported_at.desc(), Case.id.desc())
        .limit(MAX_CANDIDATES)
    )
    if exclude_id is not None:
        stmt = stmt.where(Case.id != exclude_id)
    full = f"{summary} {description}"
    found: list[PossibleDuplicate] = []
    for cid, number, status, c_summary, c_description, address, reported_at in session.execute(stmt):
        score = similarity(summary, c_summary)
        if description or c_description:
            score = max(score, similarity(full, f"{c_summary} {c_description}"))
        if score >= threshold:
            found.append(
                PossibleDuplicate(cid, number, status, c_summary, address, reported_at, round(score, 3))
            )
    found.sort(key=lambda d: (-d.similarity, -d.reported_at.timestamp(), -d.id))
    return found[:limit]
