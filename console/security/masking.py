"""Whether a view masks personal data (phone and ID numbers) and the audited reveal, Qt-free.

`mask_policy` decides once per view whether masking applies (not in set-up mode, when no user exists yet) and
why the user may not reveal (None if they may); `reveal_value` returns the full value and audits the showing.
The front end renders the policy (`ui.masking`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from console.db import Database
from console.security import personal, personal_reads
from console.security.enforce import security_active
from console.security.posts import CaseScope


@dataclass(frozen=True)
class MaskPolicy:
    """Whether a view masks personal data, and why its user may not reveal it (None: they may)."""

    mask: bool = False
    reason: str | None = None
    object: str = ""
    scope: CaseScope | None = None
    case_id: int | None = (
        None  # the case whose reporter's phone this is (the server reveals it on PostgreSQL)
    )

    @property
    def may_reveal(self) -> bool:
        return self.mask and self.reason is None


def mask_policy(
    session: Session, login: str, scope: CaseScope | None, object_: str, *, case_id: int | None = None
) -> MaskPolicy:
    """The policy for `login` looking at personal data of `object_` (a case, a grid)."""
    if not security_active(session):
        return MaskPolicy(
            False, None, object_, scope, case_id
        )  # set-up mode: nothing is refused, nothing masked
    return MaskPolicy(True, personal.may_reveal(session, login, scope), object_, scope, case_id)


def reveal_value(db: Database, login: str, value: str | None, what: str, policy: MaskPolicy) -> str:
    """The full value, audited; a refusal is audited too and then raised (`PermissionDenied`).

    The audit row of a refusal must survive the refusal, so the transaction commits before the raise; on a
    person's PostgreSQL login the server shows the number once the audit row is committed, so a second
    transaction follows the first (`personal_reads.reveal_in_own_transactions`)."""

    def reveal(session: Session) -> str:
        if policy.case_id is not None and not personal_reads.direct(session, "cases", "reporter_phone"):
            # the server checks and audits, a refusal too: a person's own INSERT may not write a reveal row
            return personal_reads.reveal_case_phone(session, policy.case_id)
        return personal.reveal(session, login, value, what=what, object=policy.object, case=policy.scope)

    return personal_reads.reveal_in_own_transactions(db, reveal)
