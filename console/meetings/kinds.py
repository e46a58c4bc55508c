"""The meetings' vocabulary (Qt-free and ORM-free, so the window can use it): kinds of meeting, its status,
attendance and the decision kinds, each with the Chinese label users see."""

from __future__ import annotations

from console.domain import Labeled
from console.i18n import QT_TRANSLATE_NOOP


class MeetingKind(Labeled):
    WEEKLY = "weekly", QT_TRANSLATE_NOOP("domain", "每周会商")  # the township's weekly consultation
    VILLAGE = "village", QT_TRANSLATE_NOOP("domain", "民情分析会")  # a village/community's meeting, scoped to one grid subtree


class MeetingStatus(Labeled):
    PREPARING = "preparing", QT_TRANSLATE_NOOP("domain", "筹备")
    AGENDA_SENT = "agenda_sent", QT_TRANSLATE_NOOP("domain", "议程已发")
    HELD = "held", QT_TRANSLATE_NOOP("domain", "已召开")
    APPROVED = "approved", QT_TRANSLATE_NOOP("domain", "纪要已审定")


class Attendance(Labeled):
    INVITED = "invited", QT_TRANSLATE_NOOP("domain", "已邀请")
    PRESENT = "present", QT_TRANSLATE_NOOP("domain", "出席")
    ABSENT = "absent", QT_TRANSLATE_NOOP("domain", "缺席")
    SUBSTITUTE = "substitute", QT_TRANSLATE_NOOP("domain", "委托参会")


class DecisionKind(Labeled):
    DISPATCH = "dispatch", QT_TRANSLATE_NOOP("domain", "交办/重新交办")
    EXTENSION = "extension", QT_TRANSLATE_NOOP("domain", "延期审批")
    SUPERVISE = "supervise", QT_TRANSLATE_NOOP("domain", "督办")
    ESCALATE = "escalate", QT_TRANSLATE_NOOP("domain", "提请县级")
    LONG_TERM = "long_term", QT_TRANSLATE_NOOP("domain", "挂账治理")
    CLOSE = "close", QT_TRANSLATE_NOOP("domain", "结案")
    HAND_BACK = "hand_back", QT_TRANSLATE_NOOP("domain", "退回网格")
    WATCH = "watch", QT_TRANSLATE_NOOP("domain", "持续关注")
