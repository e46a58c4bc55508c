"""Phone and ID numbers in views: masked (`138****5678`) with a "显示完整号码" link when the user's post may see
them in full; following the link calls `console.security.masking.reveal_value` (on a worker), which audits the showing.

`console.security.masking.mask_policy` decides once per view whether masking applies and why the user may not
reveal; this module renders the policy as HTML (`phone_html`, `reveal_link_html`).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from console.security import personal
from console.security.masking import MaskPolicy

#: link scheme of "显示完整号码" in a QTextBrowser (`reveal:<key>`)
REVEAL_SCHEME = "reveal"


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
    caption = html.escape(QCoreApplication.translate("masking", "显示完整号码"))
    if policy.may_reveal:
        return f" <a href='{REVEAL_SCHEME}:{html.escape(key)}'>{caption}</a>"
    reason = html.escape(policy.reason or "")
    not_allowed = html.escape(QCoreApplication.translate("masking", "无权查看完整号码"))
    return f" <span style='color:#8c959f' title='{reason}'>（{not_allowed}）</span>"


def phone_html(value: str | None, policy: MaskPolicy, key: str, revealed: bool = False) -> str:
    """HTML for a phone number: masked plus the reveal link, or the full number."""
    if not value:
        return ""
    text = html.escape(shown_phone(value, policy, revealed))
    if not policy.mask or revealed:
        return text
    return text + reveal_link_html(key, policy)
