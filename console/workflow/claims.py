"""The claim rule (认领), written once: who may act on a case another dispatcher has claimed.

A claim keeps other seats off a case for the lease (`claim_lease_minutes`) while one dispatcher works on it.
The action buttons (`read.allowed_actions`) and the service's refusal both ask `claim_refusal`, so a disabled
button's tooltip is the sentence the service would raise.
"""

from __future__ import annotations

from datetime import datetime

from console.i18n import QT_TRANSLATE_NOOP, Message

#: actions a claim never blocks: attaching a photo is no decision, and claim/release are the claim itself; moving
#: a case with its grid (re-zoning) decides nothing the claimer is deciding, and one claim must not hold up the map
UNBLOCKED = frozenset({"attach", "watch", "regrid"})


def claim_refusal(
    action: str, claimed_by: str | None, claim_expires_at: datetime | None, actor: str | None, now: datetime
) -> str | None:
    """Why `actor` may not take `action` because of a claim, or None."""
    held = bool(claimed_by) and claim_expires_at is not None and claim_expires_at > now
    if action == "release":
        return None if claimed_by and claimed_by == actor else QT_TRANSLATE_NOOP("workflow", "只能释放自己的认领")
    if action in UNBLOCKED or not held or claimed_by == actor:
        return None
    assert claim_expires_at is not None
    return Message(
        QT_TRANSLATE_NOOP("workflow", "案件已被 %1 认领（至 %2），请联系对方或待认领失效后再操作"),
        claimed_by,
        f"{claim_expires_at:%H:%M}",
    )
