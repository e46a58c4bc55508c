"""The case state machine, written once: which action is allowed from which status, and why not.

Both the dialogs and the CLI ask `check()` / `available_actions()`, so a disabled button shows exactly the
reason the service would give when refusing. The transitions are read from the action records
(`console.workflow.actions`), where each action is defined once.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.domain import CaseStatus as S
from console.errors import IllegalTransition
from console.i18n import ITEMS, QT_TRANSLATE_NOOP, Message, join
from console.workflow.actions import ACTIONS, PERSONAL_ACTIONS

__all__ = ["PERSONAL_ACTIONS", "TRANSITIONS", "Transition", "check", "refusal", "transition"]


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # what the button says
    sources: frozenset[S]
    target: S | None  # None: the status does not change, or the handler decides (accept, verify, resume …)


#: action → its transition, read from the action records (`console.workflow.actions`)
TRANSITIONS: dict[str, Transition] = {
    spec.action.value: Transition(spec.action.value, spec.label, spec.sources, spec.target)
    for spec in ACTIONS.values()
}


def transition(action: str) -> Transition:
    try:
        return TRANSITIONS[action]
    except KeyError:
        raise IllegalTransition(Message(QT_TRANSLATE_NOOP("workflow", "未知的操作：%1"), action)) from None


def refusal(status: S, action: str) -> str | None:
    """Why `action` is not allowed from `status`, or None if it is."""
    t = transition(action)
    if status in t.sources:
        return None
    allowed_from = join((s.label for s in S if s in t.sources), ITEMS)
    return Message(QT_TRANSLATE_NOOP("workflow", "案件当前为“%1”，不能%2（仅限%3状态）"), status.label, t.label, allowed_from)


def check(status: S, action: str) -> Transition:
    reason = refusal(status, action)
    if reason:
        raise IllegalTransition(reason)
    return TRANSITIONS[action]
