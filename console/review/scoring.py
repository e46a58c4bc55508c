"""Composite score, grade, rank and movement of every group of a figure table, under one rule set.

A composite score never goes below 0, and under a rule set with a ceiling (`RuleSet.score_max`: 100, 百分制, in
every rule set saved from this version on) bonuses cannot lift it above that (`RuleSet.score_range_text`, printed
with the ranking). The ceiling is part of the stored rule set, so a result frozen under an older version keeps the
total it was frozen with. The clamp shows in `Score.clamp_text`: base + adjustment ≠ total is never unexplained.

Ranks are competition ranks (equal scores share a rank, the next rank skips: 1, 2, 2, 4). Movement is the
previous period's rank minus this one (positive: moved up); a group without a previous rank is "新".
"""

from __future__ import annotations

from dataclasses import dataclass

from console.review.figures import FigureTable
from console.review.rulesets import SCHEME_FOR_KIND, RuleSet

SCORE_MIN = 0.0


@dataclass(frozen=True)
class Score:
    group: str
    name: str
    base: float | None  # the weighted components
    adjustment: float  # per-case bonuses and deductions (and dated corrections)
    total: float | None
    grade: str
    rank: int | None = None
    movement: int | None = None  # None: no previous rank

    @property
    def clamp_text(self) -> str:
        """Why the total is not base + adjustment ("" when it is): the score range (`SCORE_RANGE_TEXT`)."""
        if self.base is None or self.total is None:
            return ""
        raw = self.base + self.adjustment
        if raw > self.total:
            return f"{self.base:.2f}{self.adjustment:+.2f} = {raw:.2f}，超过 {self.total:g} 分，按 {self.total:g} 分计"
        if raw < SCORE_MIN:
            return f"{self.base:.2f}{self.adjustment:+.2f} = {raw:.2f}，低于 {SCORE_MIN:g} 分，按 {SCORE_MIN:g} 分计"
        return ""

    @property
    def total_text(self) -> str:
        """The total as the ranking shows it: marked * when the score range clamped it (`clamp_text` says why)."""
        if self.total is None:
            return "—"
        return f"{self.total:.2f}" + ("*" if self.clamp_text else "")

    @property
    def movement_text(self) -> str:
        if self.rank is None:
            return ""
        if self.movement is None:
            return "新"
        if self.movement > 0:
            return f"↑{self.movement}"
        if self.movement < 0:
            return f"↓{-self.movement}"
        return "→"


def score_group(table: FigureTable, rules: RuleSet, group: str, extra: float = 0.0) -> Score:
    scheme = rules.schemes[SCHEME_FOR_KIND[table.scope.kind]]
    parts = [(c.weight, c.score(table.value(c.figure, group).value)) for c in scheme]
    scored = [(w, s) for w, s in parts if s is not None]
    weight = sum(w for w, _ in scored)
    base = sum(w * s for w, s in scored) / weight if weight else None
    kind = SCHEME_FOR_KIND[table.scope.kind]
    adjustment = extra + sum(a.points * (table.value(a.figure, group).value or 0)
                             for a in rules.adjustments if a.applies_to(kind))  # fmt: skip
    ceiling = rules.score_max if rules.score_max is not None else float("inf")
    total = None if base is None else round(min(ceiling, max(SCORE_MIN, base + adjustment)), 2)
    return Score(group, table.names.get(group, group), None if base is None else round(base, 2),
                 round(adjustment, 2), total, rules.grade(total))  # fmt: skip


def rank_scores(scores: list[Score], previous: dict[str, int] | None = None) -> list[Score]:
    """Scores ordered best first with ranks (groups without a score come last, unranked)."""
    ranked = sorted((s for s in scores if s.total is not None), key=lambda s: (-(s.total or 0), s.group))
    out: list[Score] = []
    for i, s in enumerate(ranked):
        rank = out[-1].rank if out and out[-1].total == s.total else i + 1
        prev = (previous or {}).get(s.group)
        out.append(Score(s.group, s.name, s.base, s.adjustment, s.total, s.grade, rank,
                         None if prev is None or rank is None else prev - rank))  # fmt: skip
    return out + sorted((s for s in scores if s.total is None), key=lambda s: s.group)


def score_table(
    table: FigureTable, rules: RuleSet, previous: dict[str, int] | None = None,
    extra: dict[str, float] | None = None,
) -> list[Score]:  # fmt: skip
    """Every group of the table scored and ranked (the whole-scope row is not ranked)."""
    return rank_scores(
        [score_group(table, rules, g, (extra or {}).get(g, 0.0)) for g in table.keys], previous
    )
