"""Phone and ID numbers in views: masked (`138****5678`) with a "显示完整号码" link when the user's post may see
them in full; following the link calls `console.security.personal.reveal`, which audits the showing.

The worker side (`mask_policy`) decides once per view whether masking applies (not in set-up mode, when no
user exists yet) and why the user may not reveal (None if they may); the GUI side renders HTML with
`phone_html` and asks `reveal_value` on a worker when a `reveal:` link is followed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import PermissionDenied
from console.security import personal
from console.security.enforce import security_active
from console.security.posts import CaseScope

#: link scheme of "显示完整号码" in a QTextBrowser (`reveal:<key>`)
REVEAL_SCHEME = "reveal"


def _t(text: str) -> str:
    return QCoreApplication.translate("masking", text)


@dataclass(frozen=True)
class MaskPolicy:
    """Whether a view masks personal data, and why its user may not reveal it (None: they may)."""

    mask: bool = False
    reason: str | None = None
    object: str = ""
    scope: CaseScope | None = None

    @property
    def may_reveal(self) -> bool:
        return self.mask and self.reason is None


def mask_policy(session: Session, login: str, scope: CaseScope | None, object_: str) -> MaskPolicy:
    """Worker side: the policy for `login` looking at personal data of `object_` (a case, a grid)."""
    if not security_active(session):
        return MaskPolicy(False, None, object_, scope)  # set-up mode: nothing is refused, nothing masked
    return MaskPolicy(True, personal.may_reveal(session, login, scope), object_, scope)


def shown_phone(value: str | None, policy: MaskPolicy, revealed: bool = False) -> str:
    """The phone number as this view shows it (plain text)."""
    if not value:
        return ""
    return value if revealed or not policy.mask else personal.mask_phone(value)


def shown_id_number(value: str | None, policy: MaskPolicy, revealed: bool = False) -> str:
    if not value:
        return ""
    return value if revealed or not policy.mask else personal.mask_id_number(value)


def reveal_link_html(key: str, policy: MaskPolicy) -> str:
    """The "显示完整号码" link (or, when the post does not allow it, a grey note carrying the reason)."""
    caption = html.escape(_t("显示完整号码"))
    if policy.may_reveal:
        return f" <a href='{REVEAL_SCHEME}:{html.escape(key)}'>{caption}</a>"
    reason = html.escape(policy.reason or "")
    return f" <span style='color:#8c959f' title='{reason}'>（{html.escape(_t('无权查看完整号码'))}）</span>"


def phone_html(value: str | None, policy: MaskPolicy, key: str, revealed: bool = False) -> str:
    """HTML for a phone number: masked plus the reveal link, or the full number."""
    if not value:
        return ""
    text = html.escape(shown_phone(value, policy, revealed))
    if not policy.mask or revealed:
        return text
    return text + reveal_link_html(key, policy)


def reveal_value(db: Database, login: str, value: str | None, what: str, policy: MaskPolicy) -> str:
    """Worker side: the full value, audited; a refusal is audited too and then raised (`PermissionDenied`).

    The audit row of a refusal must survive the refusal, so the transaction commits before the raise."""
    refusal: PermissionDenied | None = None
    full = ""
    with db.write_session() as session:
        try:
            full = personal.reveal(session, login, value, what=what, object=policy.object, case=policy.scope)
        except PermissionDenied as exc:
            refusal = exc
    if refusal is not None:
        raise refusal
    return full
