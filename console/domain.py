"""Domain vocabulary: the enumerations every layer shares, each with the Chinese label users see.

Glossary (identifier → term on screen): report 上报, accept 受理/立案, reject 不予受理, merge 合并,
dispatch 派遣/交办, sign 签收, feedback 反馈, verify 核查, rework 返工, close 结案, callback 回访/评价,
extension 延期, escalate 上报县级, long-term 挂账, supervise 督办, claim 认领.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from console.i18n import QT_TRANSLATE_NOOP


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
        folded = unicodedata.normalize("NFKC", text).strip()
        if folded != text:
            return cls.from_text(folded)
        choices = "、".join(str(m.label) for m in cls)
        raise ValueError(f"无效的取值“{text}”，可选：{choices}")


class CaseStatus(Labeled):
    REPORTED = "reported", QT_TRANSLATE_NOOP("domain", "待受理")
    ACCEPTED = "accepted", QT_TRANSLATE_NOOP("domain", "待派遣")
    DISPATCHED = "dispatched", QT_TRANSLATE_NOOP("domain", "待签收")
    IN_PROGRESS = "in_progress", QT_TRANSLATE_NOOP("domain", "办理中")
    EXTENSION_REQUESTED = "extension_requested", QT_TRANSLATE_NOOP("domain", "延期审批中")
    FEEDBACK = "feedback", QT_TRANSLATE_NOOP("domain", "待核查")
    VERIFIED = "verified", QT_TRANSLATE_NOOP("domain", "待结案")
    CLOSED = "closed", QT_TRANSLATE_NOOP("domain", "已结案")
    EVALUATED = "evaluated", QT_TRANSLATE_NOOP("domain", "已评价")
    ESCALATED = "escalated", QT_TRANSLATE_NOOP("domain", "已上报县级")
    LONG_TERM = "long_term", QT_TRANSLATE_NOOP("domain", "挂账")
    REJECTED = "rejected", QT_TRANSLATE_NOOP("domain", "不予受理")
    MERGED = "merged", QT_TRANSLATE_NOOP("domain", "已合并")


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

    INTAKE = "intake", QT_TRANSLATE_NOOP("domain", "受理/立案")
    DISPATCH = "dispatch", QT_TRANSLATE_NOOP("domain", "派遣")
    HANDLE = "handle", QT_TRANSLATE_NOOP("domain", "处置")
    VERIFY = "verify", QT_TRANSLATE_NOOP("domain", "核查")


class LimitType(Labeled):
    URGENT_HOURS = "urgent_hours", QT_TRANSLATE_NOOP("domain", "紧急小时")  # clock hours, round the clock
    WORKING_HOURS = "working_hours", QT_TRANSLATE_NOOP("domain", "工作时")  # hours inside office hours on working days
    WORKING_DAYS = "working_days", QT_TRANSLATE_NOOP("domain", "工作日")
    NATURAL_DAYS = "natural_days", QT_TRANSLATE_NOOP("domain", "自然日")


class Severity(Labeled):
    SIMPLE = "simple", QT_TRANSLATE_NOOP("domain", "简单")  # the grid worker solves it on site
    GENERAL = "general", QT_TRANSLATE_NOOP("domain", "一般")  # the village/community coordinates
    COMPLEX = "complex", QT_TRANSLATE_NOOP("domain", "复杂")  # the township organizes departments jointly


class SuperviseLevel(Labeled):
    """督办级别: how hard a 督办 presses (a meeting's 督办 decision names one; the case keeps its latest)."""

    GENERAL = "general", QT_TRANSLATE_NOOP("domain", "一般督办")
    KEY = "key", QT_TRANSLATE_NOOP("domain", "重点督办")
    LISTED = "listed", QT_TRANSLATE_NOOP("domain", "挂牌督办")  # named publicly until settled


class Source(Labeled):
    PATROL = "patrol", QT_TRANSLATE_NOOP("domain", "网格员巡查")
    RESIDENT = "resident", QT_TRANSLATE_NOOP("domain", "群众反映")
    HOTLINE = "hotline", QT_TRANSLATE_NOOP("domain", "12345热线")
    DEPARTMENT = "department", QT_TRANSLATE_NOOP("domain", "部门移交")
    SUPERVISOR = "supervisor", QT_TRANSLATE_NOOP("domain", "督查发现")


class GridKind(Labeled):
    REGULAR = "regular", QT_TRANSLATE_NOOP("domain", "常规网格")
    ENTERPRISE = "enterprise", QT_TRANSLATE_NOOP("domain", "企业网格")
    SPECIAL = "special", QT_TRANSLATE_NOOP("domain", "专属网格")


class GridRole(Labeled):
    LEADER = "leader", QT_TRANSLATE_NOOP("domain", "网格长")
    WORKER = "worker", QT_TRANSLATE_NOOP("domain", "网格员")
    SUPERVISOR = "supervisor", QT_TRANSLATE_NOOP("domain", "督导员")
    ADMINISTRATOR = "administrator", QT_TRANSLATE_NOOP("domain", "管理员")
    PATROLLER = "patroller", QT_TRANSLATE_NOOP("domain", "巡查员")
    ASSISTANT = "assistant", QT_TRANSLATE_NOOP("domain", "协理员")
    SPECIALIST = "specialist", QT_TRANSLATE_NOOP("domain", "专管员")
    INFORMANT = "informant", QT_TRANSLATE_NOOP("domain", "信息员")


class CloseType(Labeled):
    SOLVED = "solved", QT_TRANSLATE_NOOP("domain", "已解决")
    UNSOLVABLE = "unsolvable", QT_TRANSLATE_NOOP("domain", "无法解决")
    UNFOUNDED = "unfounded", QT_TRANSLATE_NOOP("domain", "反映不实")
    DUPLICATE = "duplicate", QT_TRANSLATE_NOOP("domain", "重复件")


class Satisfaction(Labeled):
    SATISFIED = "satisfied", QT_TRANSLATE_NOOP("domain", "满意")
    BASICALLY = "basically", QT_TRANSLATE_NOOP("domain", "基本满意")
    DISSATISFIED = "dissatisfied", QT_TRANSLATE_NOOP("domain", "不满意")


class Visibility(Labeled):
    INTERNAL = "internal", QT_TRANSLATE_NOOP("domain", "内部")
    PUBLIC = "public", QT_TRANSLATE_NOOP("domain", "可公开")


class TrafficLight(Labeled):
    GREEN = "green", QT_TRANSLATE_NOOP("domain", "正常")
    YELLOW = "yellow", QT_TRANSLATE_NOOP("domain", "即将超期")
    RED = "red", QT_TRANSLATE_NOOP("domain", "已超期")
    PAUSED = "paused", QT_TRANSLATE_NOOP("domain", "计时暂停")
    NONE = "none", QT_TRANSLATE_NOOP("domain", "不计时")


class GridChange(Labeled):
    CREATE = "create", QT_TRANSLATE_NOOP("domain", "新建")
    RENAME = "rename", QT_TRANSLATE_NOOP("domain", "更名")
    SPLIT = "split", QT_TRANSLATE_NOOP("domain", "拆分")
    MERGE = "merge", QT_TRANSLATE_NOOP("domain", "合并")
    DEACTIVATE = "deactivate", QT_TRANSLATE_NOOP("domain", "撤销")
