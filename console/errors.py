"""Errors a user can see. Each carries a message fit to show as is (Chinese), raised in `console/` and shown
by one handler in the UI and the CLI (one line, non-zero exit)."""

from __future__ import annotations

from datetime import datetime

from console.i18n import QT_TRANSLATE_NOOP, Message


class ConsoleError(Exception):
    """Base of every user-facing error."""

    @property
    def message(self) -> str:
        """The sentence to show; a `console.i18n.Message` as it was raised, so the window can translate it."""
        if not self.args:
            return self.__class__.__name__
        first = self.args[0]
        return first if isinstance(first, str) else str(first)


class ValidationError(ConsoleError):
    """Bad input: a missing field, an invalid date, an unknown grid code …"""


class NotFound(ConsoleError):
    """A case, grid, category or department that does not exist."""


class IllegalTransition(ConsoleError):
    """The action is not allowed in the case's current state."""


class PermissionDenied(ConsoleError):
    """The user's posts do not allow the action."""


class StaleCase(ConsoleError):
    """Another seat changed the case since this one read it: reload and try again."""

    def __init__(self, number: str, changed_by: str, changed_at: datetime | None, version: int) -> None:
        when = changed_at.strftime("%Y-%m-%d %H:%M:%S") if changed_at else QT_TRANSLATE_NOOP("errors", "刚才")
        super().__init__(
            Message(QT_TRANSLATE_NOOP("errors", "案件 %1 已被 %2 于 %3 修改，请刷新后重试"), number, changed_by, when)
        )
        self.number = number
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.version = version


class SchemaError(ConsoleError):
    """The database's schema does not match this program (newer, or not yet upgraded)."""


class AttachmentTooLarge(ValidationError):
    pass


class ConnectionLost(ConsoleError):
    """The database went away; callers retry."""
