"""The counting choices where practice differs, each printed beside the figure it changes.

These belong to a rule set (`console.review.rulesets`), so a period is counted the way the rules in force then
said; `CountingRules()` is the shipped default.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message

BY_DUE = "due"  # 按到期日: 超时未处置 counts the cases whose handling deadline fell in the period
BY_REPORT = "report"  # 按上报日: every due-based figure counts only the cases reported in the period
BASIS_LABELS = {BY_DUE: "按到期日统计", BY_REPORT: "按上报日统计"}

#: the bottom-line categories whose first report is rewarded (首报激励)
BOTTOM_LINE = ("安保维稳", "违法建设", "安全生产", "环境保护")


@dataclass(frozen=True)
class CountingRules:
    basis: str = BY_DUE
    #: 延期/挂账: True — a case parked on the ledger or awaiting an extension decision leaves 应结案数;
    #: False — past its deadline it still counts as 超时未处置
    deferred_leave_due: bool = False
    #: 满意率: how much a 基本满意 counts (1.0: as 满意)
    basic_weight: float = 1.0
    bottom_line: tuple[str, ...] = field(default=BOTTOM_LINE)

    def __post_init__(self) -> None:
        if self.basis not in BASIS_LABELS:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "统计口径“%1”无效：只能是 due（按到期日）或 report（按上报日）"), self.basis))
        if not 0.0 <= self.basic_weight <= 1.0:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "“基本满意”的折算系数须在 0 到 1 之间（现为 %1）"), self.basic_weight))

    @property
    def basis_text(self) -> str:
        if self.basis == BY_DUE:
            return "口径：按到期日（超时未处置计办结时限落在本期内的案件）"
        return "口径：按上报日（只计本期上报的案件）"

    @property
    def deferred_text(self) -> str:
        if self.deferred_leave_due:
            return "延期审批中、挂账的案件不计入应结案数"
        return "延期审批中、挂账的案件超过办结时限仍计为超时未处置"

    @property
    def satisfaction_text(self) -> str:
        return f"基本满意按 {self.basic_weight:g} 个满意计"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["bottom_line"] = list(self.bottom_line)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CountingRules:
        return cls(
            basis=str(data.get("basis", BY_DUE)),
            deferred_leave_due=bool(data.get("deferred_leave_due", False)),
            basic_weight=float(data.get("basic_weight", 1.0)),
            bottom_line=tuple(data.get("bottom_line", BOTTOM_LINE)),
        )
