"""Anti-gaming monitors (GB/T 39734-2020 names these practices): per group, the share of cases fed back in the
last hour before the deadline, of extensions, 挂账 and returns that shrink the denominator, of rejected reports,
of cases reopened after closing, and the cases rated satisfied whose spot check failed. A group is flagged when
a share exceeds the rule set's threshold; each flag drills down to its cases (`console.review.drill`, the
monitor's key is a figure key).
"""

from __future__ import annotations

from dataclasses import dataclass

from console.review.figures import MONITORS, TOTAL, FigureTable
from console.review.rulesets import RuleSet


@dataclass(frozen=True)
class Flag:
    monitor: str  # the figure key (drill-down)
    label: str
    group: str
    name: str
    value_text: str
    threshold_text: str
    count: int  # the cases behind it


def flags(table: FigureTable, rules: RuleSet) -> list[Flag]:
    out: list[Flag] = []
    for f in MONITORS:
        limit = rules.thresholds.get(f.key)
        if limit is None:
            continue
        for g in table.keys or [TOTAL]:
            v = table.value(f, g)
            if v.value is None or v.value <= limit:
                continue
            shown = f"{limit * 100:g}%" if f.kind == "rate" else f"{limit:g}"
            out.append(Flag(f.key, f.label, g, table.names.get(g, "合计" if g == TOTAL else g), v.text,
                            f"阈值 {shown}", int(v.numerator)))  # fmt: skip
    return out
