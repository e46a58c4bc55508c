"""The case state machine, written once: which action is allowed from which status, and why not.

Both the dialogs and the CLI ask `check()` / `available_actions()`, so a disabled button shows exactly the
reason the service would give when refusing.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.domain import CaseStatus as S
from console.errors import IllegalTransition


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # what the button says
    sources: frozenset[S]
    target: S | None  # None: the status does not change, or the handler decides (accept, verify, resume …)


def _t(action: str, label: str, sources: set[S], target: S | None) -> Transition:
    return Transition(action, label, frozenset(sources), target)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t("accept", "受理立案", {S.REPORTED}, None),  # → accepted, or feedback for a self-handled case
        _t("reject", "不予受理", {S.REPORTED}, S.REJECTED),
        _t("merge", "合并重复件", {S.REPORTED, S.ACCEPTED}, S.MERGED),
        _t("dispatch", "派遣", {S.ACCEPTED}, S.DISPATCHED),
        _t("sign", "签收", {S.DISPATCHED}, S.IN_PROGRESS),
        _t("progress", "进展记录", {S.DISPATCHED, S.IN_PROGRESS, S.LONG_TERM, S.ESCALATED}, None),
        _t("feedback", "办理反馈", {S.IN_PROGRESS}, S.FEEDBACK),
        _t("return", "退回中心", {S.DISPATCHED, S.IN_PROGRESS}, S.ACCEPTED),
        _t("verify", "核查", {S.FEEDBACK}, None),  # pass → verified, fail → in_progress (rework)
        _t("close", "结案", {S.VERIFIED}, S.CLOSED),
        _t("callback", "回访评价", {S.CLOSED}, S.EVALUATED),
        _t("request_extension", "申请延期", {S.DISPATCHED, S.IN_PROGRESS}, S.EXTENSION_REQUESTED),
        _t("decide_extension", "延期审批", {S.EXTENSION_REQUESTED}, None),  # back to the status before
        _t("escalate", "上报县级", {S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS, S.LONG_TERM}, S.ESCALATED),
        _t("county_return", "县级回复", {S.ESCALATED}, S.ACCEPTED),
        _t("long_term", "挂账", {S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS}, S.LONG_TERM),
        _t("resume", "恢复办理", {S.LONG_TERM}, S.IN_PROGRESS),
        _t(
            "supervise",
            "督办",
            {S.DISPATCHED, S.IN_PROGRESS, S.FEEDBACK, S.EXTENSION_REQUESTED, S.LONG_TERM},
            None,
        ),
        _t("claim", "认领", {S.REPORTED, S.ACCEPTED}, None),
        _t("release", "释放认领", {S.REPORTED, S.ACCEPTED}, None),
        _t("attach", "添加附件", set(S) - {S.REJECTED, S.MERGED}, None),
        _t("watch", "关注", set(S), None),
    )
}

#: actions that only change who is looking at a case, not the case (no history row, no version bump)
PERSONAL_ACTIONS = frozenset({"watch"})


def transition(action: str) -> Transition:
    try:
        return TRANSITIONS[action]
    except KeyError:
        raise IllegalTransition(f"未知的操作：{action}") from None


def refusal(status: S, action: str) -> str | None:
    """Why `action` is not allowed from `status`, or None if it is."""
    t = transition(action)
    if status in t.sources:
        return None
    allowed_from = "、".join(s.label for s in S if s in t.sources)
    return f"案件当前为“{status.label}”，不能{t.label}（仅限{allowed_from}状态）"


def check(status: S, action: str) -> Transition:
    reason = refusal(status, action)
    if reason:
        raise IllegalTransition(reason)
    return TRANSITIONS[action]
