"""What every set-up service does around a write: ask the permission, record the audit row."""

from __future__ import annotations

import unicodedata

from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.security.audit import AuditEvent, audit
from console.security.enforce import effective_login, require

ACTION = "reference_edit"


def check_editor(session: Session, actor: str) -> str:
    """The login acting (on PostgreSQL the connection's own), after checking it may edit reference data."""
    login = effective_login(session, actor)
    require(session, login, ACTION)
    return login


def record(session: Session, login: str, what: str, detail: str) -> None:
    """The audit row of one set-up change, in the change's transaction."""
    audit(session, AuditEvent.REFERENCE_CHANGE, login=login, object=what, detail=detail)


def clean(text: str | None) -> str:
    return (text or "").strip()


def normalize_phone(text: str | None) -> str | None:
    """A phone as typed (full-width digits folded, spaces dropped): 7-20 digits, a landline's dash kept; None
    when blank. Raises `ValidationError` naming the value."""
    value = "".join(unicodedata.normalize("NFKC", text or "").split())
    if not value:
        return None
    digits = value.replace("-", "")
    if not digits.isdigit() or not 7 <= len(digits) <= 20 or value.startswith("-") or value.endswith("-"):
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "电话号码“%1”无效：应为7-20位数字（固定电话可带区号和“-”）"), text))
    return value


def check_length(value: str, label: str, most: int, *, required: bool = False) -> str:
    """`value` stripped, refused when required and blank or longer than `most` characters."""
    value = clean(value)
    if required and not value:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "%1不能为空"), label))
    if len(value) > most:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "%1过长（最多%2字，现%3字）"), label, most, len(value)))
    return value
