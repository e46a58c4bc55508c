"""Versioned rule sets (考核细则): how figures become a composite score, a grade and a rank, and how they are
counted (`CountingRules`). A period is scored by the rule set in force on its first day.

A scheme is a list of weighted components, each a figure scored one way:
- `rate`: the rate × 100 (结案率 97% → 97 points);
- `inverse`: (1 − rate) × 100 (返工率 5% → 95 points);
- `band`: a count looked up in bands (立案数 ≥ 30 → 100 …).
Weights must add up to 100. A component without data ("—") is left out and the others' weights are scaled up
to 100, so an empty denominator neither rewards nor punishes. Per-case adjustments (漏报 −10, 首报 +5, 超期
红牌 −2) are added after, and the grade bands read the result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message, join
from console.models import ReviewRuleSet
from console.review.counting import CountingRules
from console.review.figures import COUNT, FIGURES_BY_KEY, RATE

RATE_SCORE, INVERSE, BAND = "rate", "inverse", "band"
HOW_LABELS = {RATE_SCORE: "比率×100", INVERSE: "(1−比率)×100", BAND: "分档计分"}
#: which scheme scores which scope kind (a handler is scored like a department, a grid worker like a grid)
SCHEME_FOR_KIND = {"department": "department", "person": "department", "grid": "grid", "worker": "grid"}
SCHEME_LABELS = {"department": "职能部门", "grid": "网格（网格员）"}


@dataclass(frozen=True)
class Component:
    figure: str
    weight: float  # percent
    how: str = RATE_SCORE
    bands: tuple[tuple[float, float], ...] = ()  # (at least this count, score), highest first

    def score(self, value: float | None) -> float | None:
        if value is None:
            return None
        if self.how == RATE_SCORE:
            return value * 100
        if self.how == INVERSE:
            return (1 - value) * 100
        for at_least, points in self.bands:
            if value >= at_least:
                return points
        return 0.0

    @property
    def text(self) -> str:
        label = FIGURES_BY_KEY[self.figure].label
        if self.how == INVERSE:
            return f"(1 − {label})×100 {self.weight:g}%"
        if self.how == BAND:
            bands = "、".join(f"≥{a:g}得{p:g}" for a, p in self.bands)
            return f"{label}分档（{bands}）{self.weight:g}%"
        return f"{label}×100 {self.weight:g}%"


@dataclass(frozen=True)
class Adjustment:
    figure: str  # a count figure
    points: float  # per case (negative: a deduction)
    scheme: str = ""  # whose score it changes: "grid", "department", or "" for both

    @property
    def text(self) -> str:
        sign = "+" if self.points > 0 else "−"
        whose = f"（{SCHEME_LABELS[self.scheme]}）" if self.scheme in SCHEME_LABELS else ""
        return f"{FIGURES_BY_KEY[self.figure].label}每件{sign}{abs(self.points):g}分{whose}"

    def applies_to(self, scheme: str) -> bool:
        return not self.scheme or self.scheme == scheme


DEFAULT_GRADES: tuple[tuple[float, str], ...] = ((90, "A"), (75, "B"), (60, "C"), (40, "D"))
DEFAULT_THRESHOLDS = {
    "last_hour_share": 0.3,
    "extension_share": 0.2,
    "long_term_share": 0.1,
    "return_share": 0.2,
    "rejected_share": 0.3,
    "reopen_share": 0.1,
    "contradictions": 0.0,  # a count: any case is flagged
}


@dataclass(frozen=True)
class RuleSet:
    name: str
    effective_from: date
    schemes: dict[str, tuple[Component, ...]]
    adjustments: tuple[Adjustment, ...] = ()
    grades: tuple[tuple[float, str], ...] = DEFAULT_GRADES  # (at least, grade), highest first; below: "E"
    counting: CountingRules = field(default_factory=CountingRules)
    #: anti-gaming monitor → the share above which a group is flagged (`console.review.monitors`)
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    excellent: int = 3  # how many top performers the bulletin names (优秀)
    poor: int = 2  # and how many at the bottom (较差)
    #: the highest composite score (百分制: 100); None in rule sets stored before it existed, whose frozen
    #: results keep the totals they were frozen with (`console.review.scoring`)
    score_max: float | None = 100.0
    version: int = 0  # set when stored

    def problems(self) -> list[str]:
        """Every reason the rule set is refused (empty: acceptable)."""
        out = []
        if not self.name.strip():
            out.append("请填写考核细则名称")
        for kind, comps in self.schemes.items():
            label = SCHEME_LABELS.get(kind, kind)
            total = sum(c.weight for c in comps)
            if abs(total - 100) > 1e-6:
                parts = " + ".join(f"{c.weight:g}%" for c in comps)
                out.append(f"{label}考核的权重合计须为 100%，现为 {parts} = {total:g}%，请调整后再保存")
            for c in comps:
                f = FIGURES_BY_KEY.get(c.figure)
                if f is None:
                    out.append(f"{label}考核引用了未知的指标“{c.figure}”")
                elif c.how == BAND and (f.kind != COUNT or not c.bands):
                    out.append(f"{label}考核的“{f.label}”分档计分须是计数指标并列出分档")
                elif c.how in (RATE_SCORE, INVERSE) and f.kind != RATE:
                    out.append(f"{label}考核的“{f.label}”不是比率，不能按比率计分")
                if c.weight < 0:
                    out.append(f"{label}考核的“{c.figure}”权重不能为负")
        for a in self.adjustments:
            if a.figure not in FIGURES_BY_KEY or FIGURES_BY_KEY[a.figure].kind != COUNT:
                out.append(f"加减分项“{a.figure}”须是计数指标")
        for key, limit in self.thresholds.items():
            if key not in FIGURES_BY_KEY:
                out.append(f"监测项“{key}”不存在")
            elif not 0 <= limit <= (1 if FIGURES_BY_KEY[key].kind == RATE else 1e9):
                out.append(f"监测项“{FIGURES_BY_KEY[key].label}”的阈值 {limit:g} 超出范围")
        thresholds = [t for t, _ in self.grades]
        if thresholds != sorted(thresholds, reverse=True):
            out.append("等级分档须从高到低排列")
        return out

    def check(self) -> None:
        problems = self.problems()
        if problems:
            raise ValidationError(join(problems))

    def grade(self, score: float | None) -> str:
        if score is None:
            return "—"
        for at_least, grade in self.grades:
            if score >= at_least:
                return grade
        return "E"

    @property
    def score_range_text(self) -> str:
        """The score range as the ranking's footnote states it."""
        if self.score_max is None:
            return "综合得分 = 基础分 + 加减分，低于 0 分的按 0 分计"
        return f"综合得分 = 基础分 + 加减分，高于 {self.score_max:g} 分的按 {self.score_max:g} 分计，低于 0 分的按 0 分计"

    @property
    def grade_text(self) -> str:
        return "，".join(f"{g} ≥ {t:g}" for t, g in self.grades) + "，E 低于此"

    def to_json(self) -> str:
        return json.dumps(
            {
                "schemes": {k: [[c.figure, c.weight, c.how, [list(b) for b in c.bands]] for c in v]
                            for k, v in self.schemes.items()},
                "adjustments": [[a.figure, a.points, a.scheme] for a in self.adjustments],
                "grades": [list(g) for g in self.grades],
                "counting": self.counting.to_json(),
                "thresholds": self.thresholds,
                "excellent": self.excellent,
                "poor": self.poor,
                "score_max": self.score_max,
            },
            ensure_ascii=False, sort_keys=True,
        )  # fmt: skip

    @classmethod
    def from_json(cls, name: str, effective_from: date, body: str, version: int = 0) -> RuleSet:
        data: dict[str, Any] = json.loads(body)
        schemes = {
            k: tuple(Component(f, float(w), how, tuple((float(a), float(p)) for a, p in bands))
                     for f, w, how, bands in v)
            for k, v in data["schemes"].items()
        }  # fmt: skip
        return cls(
            name=name, effective_from=effective_from, schemes=schemes,
            adjustments=tuple(Adjustment(a[0], float(a[1]), a[2] if len(a) > 2 else "") for a in data.get("adjustments", [])),
            grades=tuple((float(t), str(g)) for t, g in data.get("grades", DEFAULT_GRADES)),
            counting=CountingRules.from_json(data.get("counting", {})),
            thresholds={k: float(v) for k, v in data.get("thresholds", DEFAULT_THRESHOLDS).items()},
            excellent=int(data.get("excellent", 3)), poor=int(data.get("poor", 2)),
            score_max=None if data.get("score_max") is None else float(data["score_max"]), version=version,
        )  # fmt: skip


#: 立案数 bands for departments (the shipped default): a department that takes on more work scores higher
INTAKE_BANDS = ((30.0, 100.0), (15.0, 90.0), (5.0, 80.0), (1.0, 70.0))


def default_rule_set(effective_from: date = date(2020, 1, 1)) -> RuleSet:
    """The shipped defaults: departments 立案数 band 10% + 结案率 30% + 按期处置率 30% + (1 − 返工率) 30%;
    grids 有效上报率 40% + 按时核查率 20% + 满意率 20% + (1 − 漏报率) 20%; a grid's 漏报 −10 and 首报 +5 per case, a
    department's 超期 (red card) −2 per case."""
    return RuleSet(
        name="默认考核细则",
        effective_from=effective_from,
        schemes={
            "department": (
                Component("accepted", 10, BAND, INTAKE_BANDS),
                Component("close_rate", 30),
                Component("handle_on_time_rate", 30),
                Component("rework_rate", 30, INVERSE),
            ),
            "grid": (
                Component("valid_rate", 40),
                Component("verify_on_time_rate", 20),
                Component("satisfaction_rate", 20),
                Component("missed_rate", 20, INVERSE),
            ),
        },
        adjustments=(
            Adjustment("missed", -10, "grid"),
            Adjustment("first_reports", 5, "grid"),
            Adjustment("overdue", -2, "department"),
        ),  # fmt: skip
    )


# --- stored versions ----------------------------------------------------------------------------------------


def save_rule_set(session: Session, rules: RuleSet, actor: str, now: datetime, note: str = "") -> RuleSet:
    """Store a new version (never edits an old one: periods already scored keep theirs)."""
    rules.check()
    last = session.scalar(select(ReviewRuleSet.version).order_by(ReviewRuleSet.version.desc()).limit(1)) or 0
    row = ReviewRuleSet(version=last + 1, name=rules.name.strip(), effective_from=rules.effective_from,
                        body=rules.to_json(), created_at=now, created_by=actor, note=note)  # fmt: skip
    session.add(row)
    session.flush()
    return RuleSet.from_json(row.name, row.effective_from, row.body, row.version)


def rule_set_in_force(session: Session, on: date) -> RuleSet:
    """The latest version effective on `on`; the shipped defaults (version 0) when none is stored."""
    row = session.scalar(
        select(ReviewRuleSet).where(ReviewRuleSet.effective_from <= on)
        .order_by(ReviewRuleSet.effective_from.desc(), ReviewRuleSet.version.desc()).limit(1)
    )  # fmt: skip
    if row is None:
        return default_rule_set()
    return RuleSet.from_json(row.name, row.effective_from, row.body, row.version)


def rule_set_version(session: Session, version: int) -> RuleSet:
    if version == 0:
        return default_rule_set()
    row = session.scalar(select(ReviewRuleSet).where(ReviewRuleSet.version == version))
    if row is None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "考核细则第 %1 版不存在"), version))
    return RuleSet.from_json(row.name, row.effective_from, row.body, row.version)


def list_rule_sets(session: Session) -> list[RuleSet]:
    rows = session.scalars(select(ReviewRuleSet).order_by(ReviewRuleSet.version))
    return [RuleSet.from_json(r.name, r.effective_from, r.body, r.version) for r in rows]
