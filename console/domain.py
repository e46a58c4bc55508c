"""Domain vocabulary: the enumerations every layer shares, each with the Chinese label users see.

Glossary (identifier → term on screen): report 上报, accept 受理/立案, reject 不予受理, merge 合并,
dispatch 派遣/交办, sign 签收, feedback 反馈, verify 核查, rework 返工, close 结案, callback 回访/评价,
extension 延期, escalate 上报县级, long-term 挂账, supervise 督办, claim 认领.
"""

from __future__ import annotations

from enum import StrEnum


class Labeled(StrEnum):
    """A string enum whose members carry a Chinese label (`.label`)."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Labeled:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label or value
        return obj

    @classmethod
    def from_text(cls, text: str) -> Labeled:
        """Accept either the stored value or the Chinese label (CLI and import use both)."""
        for member in cls:
            if text in (member.value, member.label):
                return member
        choices = "、".join(f"{m.value}({m.label})" for m in cls)
        raise ValueError(f"无效的取值“{text}”，可选：{choices}")


class CaseStatus(Labeled):
    REPORTED = "reported", "待受理"
    ACCEPTED = "accepted", "待派遣"
    DISPATCHED = "dispatched", "待签收"
    IN_PROGRESS = "in_progress", "办理中"
    EXTENSION_REQUESTED = "extension_requested", "延期审批中"
    FEEDBACK = "feedback", "待核查"
    VERIFIED = "verified", "待结案"
    CLOSED = "closed", "已结案"
    EVALUATED = "evaluated", "已评价"
    ESCALATED = "escalated", "已上报县级"
    LONG_TERM = "long_term", "挂账"
    REJECTED = "rejected", "不予受理"
    MERGED = "merged", "已合并"


#: statuses in which the case is still the township's work
OPEN_STATUSES = frozenset(
    {
        CaseStatus.REPORTED,
        CaseStatus.ACCEPTED,
        CaseStatus.DISPATCHED,
        CaseStatus.IN_PROGRESS,
        CaseStatus.EXTENSION_REQUESTED,
        CaseStatus.FEEDBACK,
        CaseStatus.VERIFIED,
        CaseStatus.ESCALATED,
        CaseStatus.LONG_TERM,
    }
)
#: statuses in which the deadline clock is stopped (suspended with approval, or out of the township's hands)
PAUSED_STATUSES = frozenset({CaseStatus.EXTENSION_REQUESTED, CaseStatus.LONG_TERM, CaseStatus.ESCALATED})
#: statuses whose stage clock runs (open and not paused)
CLOCKED_STATUSES = frozenset(OPEN_STATUSES - PAUSED_STATUSES)
#: with a department, before feedback: where the handling deadline (办结时限) can be missed (console.overdue)
HANDLING_STATUSES = frozenset({CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS})
FINAL_STATUSES = frozenset({CaseStatus.EVALUATED, CaseStatus.REJECTED, CaseStatus.MERGED})
#: 已结案 (closed, rated or not): the problem is settled; a new report of it is rework or a recurrence
CLOSED_STATUSES = frozenset({CaseStatus.CLOSED, CaseStatus.EVALUATED})


class Stage(Labeled):
    """The timed stages of a case (数字城管: each stage has its own limit and on-time flag)."""

    INTAKE = "intake", "受理/立案"
    DISPATCH = "dispatch", "派遣"
    HANDLE = "handle", "处置"
    VERIFY = "verify", "核查"


class LimitType(Labeled):
    URGENT_HOURS = "urgent_hours", "紧急小时"  # clock hours, round the clock
    WORKING_HOURS = "working_hours", "工作时"  # hours inside office hours on working days
    WORKING_DAYS = "working_days", "工作日"
    NATURAL_DAYS = "natural_days", "自然日"


class Severity(Labeled):
    SIMPLE = "simple", "简单"  # the grid worker solves it on site
    GENERAL = "general", "一般"  # the village/community coordinates
    COMPLEX = "complex", "复杂"  # the township organizes departments jointly


class Source(Labeled):
    PATROL = "patrol", "网格员巡查"
    RESIDENT = "resident", "群众反映"
    HOTLINE = "hotline", "12345热线"
    DEPARTMENT = "department", "部门移交"
    SUPERVISOR = "supervisor", "督查发现"


class GridKind(Labeled):
    REGULAR = "regular", "常规网格"
    ENTERPRISE = "enterprise", "企业网格"
    SPECIAL = "special", "专属网格"


class GridRole(Labeled):
    LEADER = "leader", "网格长"
    WORKER = "worker", "网格员"
    SUPERVISOR = "supervisor", "督导员"
    ADMINISTRATOR = "administrator", "管理员"
    PATROLLER = "patroller", "巡查员"
    ASSISTANT = "assistant", "协理员"
    SPECIALIST = "specialist", "专管员"
    INFORMANT = "informant", "信息员"


class CloseType(Labeled):
    SOLVED = "solved", "已解决"
    UNSOLVABLE = "unsolvable", "无法解决"
    UNFOUNDED = "unfounded", "反映不实"
    DUPLICATE = "duplicate", "重复件"


class Satisfaction(Labeled):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class Visibility(Labeled):
    INTERNAL = "internal", "内部"
    PUBLIC = "public", "可公开"


class TrafficLight(Labeled):
    GREEN = "green", "正常"
    YELLOW = "yellow", "即将超期"
    RED = "red", "已超期"
    PAUSED = "paused", "计时暂停"
    NONE = "none", "不计时"


class GridChange(Labeled):
    CREATE = "create", "新建"
    RENAME = "rename", "更名"
    SPLIT = "split", "拆分"
    MERGE = "merge", "合并"
    DEACTIVATE = "deactivate", "撤销"
