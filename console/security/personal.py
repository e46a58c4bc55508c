"""Personal data in views, lists and PDFs: phone and ID numbers masked unless the post allows the full value,
and every showing of a full value audited (个人信息保护法: collect and show only what the work needs)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from console.errors import PermissionDenied
from console.security.audit import AuditEvent, audit
from console.security.posts import CaseScope, can, load_principal

_MASK = "*"


def mask_phone(phone: str | None) -> str:
    """'13812345678' → '138****5678'; a landline keeps its area code and last 4 ('0371-****5678')."""
    if not phone:
        return ""
    text = phone.strip()
    if _MASK in text:  # masked already (by the server, on a person's PostgreSQL login)
        return text
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}{_MASK * 4}{digits[-4:]}"
    if "-" in text:
        area, _sep, number = text.partition("-")
        return (
            f"{area}-{_MASK * max(len(number) - 4, 0)}{number[-4:]}"
            if len(number) > 4
            else f"{area}-{_MASK * len(number)}"
        )
    if len(digits) > 7:
        return f"{digits[:3]}{_MASK * (len(digits) - 7)}{digits[-4:]}"
    return _MASK * len(text)


def mask_id_number(id_number: str | None) -> str:
    """A resident ID number keeps its first 6 (region) and last 4: '410102199001011234' →
    '410102********1234'."""
    if not id_number:
        return ""
    text = id_number.strip()
    if len(text) <= 10:
        return _MASK * len(text)
    return f"{text[:6]}{_MASK * (len(text) - 10)}{text[-4:]}"


def may_reveal(session: Session, login: str, case: CaseScope | None) -> str | None:
    """Why `login` may not see personal data of `case` in full (None if they may)."""
    return can(load_principal(session, login), "reveal_personal", case)


def reveal(
    session: Session,
    login: str,
    value: str | None,
    *,
    what: str,
    object: str,  # noqa: A002 - the audit record's field name
    case: CaseScope | None = None,
    host: str | None = None,
) -> str:
    """The full value, if `login`'s post allows it for this case; the showing is audited. A refusal raises
    `PermissionDenied` and is audited too (in the caller's transaction)."""
    reason = may_reveal(session, login, case)
    if reason is not None:
        audit(session, AuditEvent.REVEAL, login=login, object=object, success=False, detail=f"{what}：{reason}",
              host=host)  # fmt: skip
        raise PermissionDenied(reason)
    audit(session, AuditEvent.REVEAL, login=login, object=object, detail=what, host=host)
    return value or ""
