"""What the case panel shows for one case, read as plain values so a front end can read it on a worker: the
snapshot (`read.case_detail`), the actions its state and the reader's posts allow, a few photos' bytes, and
whether personal data is masked for the reader."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from console.security.masking import MaskPolicy, mask_policy
from console.workflow.read import ActionState, CaseDetail, actions_for, attachment_data, case_detail

#: photos whose bytes come with the case (the rest open on demand)
MAX_PHOTOS = 8


@dataclass(frozen=True)
class Photo:
    attachment_id: int
    filename: str
    data: bytes


@dataclass(frozen=True)
class DeadlineNote:
    """How the case's deadline was reached, as `gridconsole calendar explain` prints it, and the warnings of the
    calendar years it was counted on that are not the official schedule."""

    explanation: str = ""  # "" when no clock runs (not dispatched, no timed stage)
    calendar_notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseViewData:
    detail: CaseDetail
    actions: tuple[ActionState, ...]
    photos: tuple[Photo, ...]
    privacy: MaskPolicy = MaskPolicy()  # masking of the reporter's phone (console.security.masking)
    deadline: DeadlineNote = DeadlineNote()


def deadline_note(session: Session, case_id: int) -> DeadlineNote:
    """The explanation of a case's deadline (`console.deadlines.explain_case`), or an empty note when it has
    none to explain."""
    from console.deadlines import explain_case
    from console.errors import ValidationError

    try:
        explanation = explain_case(session, case_id)
    except ValidationError:  # no clock runs on the case
        return DeadlineNote()
    return DeadlineNote(explanation.text(), tuple(explanation.notices))


def load_case_view(session: Session, id_or_number: int | str, actor: str) -> CaseViewData:
    """The case snapshot, the actions allowed to `actor`, and its photos' bytes (a few)."""
    detail = case_detail(session, id_or_number)
    photos: list[Photo] = []
    for a in detail.attachments:
        if a.mime_type.startswith("image/") and len(photos) < MAX_PHOTOS:
            name, _mime, data = attachment_data(session, a.id)
            photos.append(Photo(a.id, name, data))
    from console.models import Case
    from console.security.posts import scope_of

    row = session.get(Case, detail.id)
    scope = scope_of(session, row) if row is not None else None
    privacy = mask_policy(session, actor, scope, f"案件 {detail.number}", case_id=detail.id)
    return CaseViewData(detail, tuple(actions_for(session, detail, actor)), tuple(photos), privacy,
                        deadline_note(session, detail.id))  # fmt: skip
