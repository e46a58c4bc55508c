"""Issuing supervision notices (督办单): each notice printed for real takes the next number of its year
(督〔2026〕N号) and records a 督办 step on its case through the workflow (`CaseService.act_in`, the SUPERVISE
action), both in one transaction with the printing, so a number, a history row and a printed form exist
together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from console import clock
from console.db import Database
from console.ledger import NoticeData, notice_data
from console.models import Case, CaseHistory
from console.models.notice import SupervisionNotice, notice_label
from console.workflow.commands import Supervise
from console.workflow.service import CaseService

_NUMBER_LOCK = 0x47434E54  # pg_advisory_xact_lock key: one numbering transaction at a time ("GCNT")


@dataclass(frozen=True)
class IssuedNotice:
    data: NoticeData
    year: int
    seq: int

    @property
    def label(self) -> str:
        return notice_label(self.year, self.seq)


def next_notice_seq(session: Session, year: int) -> int:
    """The next N of 督〔year〕N号 (the caller's write transaction holds the numbering lock)."""
    last = session.scalar(select(func.max(SupervisionNotice.seq)).where(SupervisionNotice.year == year))
    return (last or 0) + 1


@contextmanager
def issuing_notices(db: Database, actor: str, numbers: Sequence[str]) -> Iterator[list[IssuedNotice]]:
    """Number the notices of `numbers` and record their 督办 steps; the caller prints inside the block, and
    the transaction commits only when the block ends without an error (a failed print numbers nothing)."""
    svc = CaseService(db, actor)
    with db.write_session() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _NUMBER_LOCK})
        notices = notice_data(session, numbers)  # refuses unknown cases and ones not overdue
        now = clock.now()
        seq = next_notice_seq(session, now.year)
        issued: list[IssuedNotice] = []
        for n in notices:
            case = session.scalars(select(Case).where(Case.number == n.number)).one()
            label = notice_label(now.year, seq)
            chased = n.department or n.person or "责任单位"
            svc.act_in(session, case.id, Supervise(chased=chased, note=f"印发督办单{label}"), case.version)
            history_id = session.scalar(select(func.max(CaseHistory.id)).where(CaseHistory.case_id == case.id))
            session.add(
                SupervisionNotice(year=now.year, seq=seq, case_id=case.id, history_id=history_id, chased=chased,
                                  issued_at=now, issued_by=svc.actor)
            )  # fmt: skip
            issued.append(IssuedNotice(n, now.year, seq))
            seq += 1
        session.flush()
        yield issued


def issued_notices(session: Session, case_number: str) -> list[str]:
    """The numbers of the notices issued for a case, oldest first."""
    rows = session.execute(
        select(SupervisionNotice.year, SupervisionNotice.seq)
        .join(Case, Case.id == SupervisionNotice.case_id)
        .where(Case.number == case_number)
        .order_by(SupervisionNotice.id)
    ).all()
    return [notice_label(y, s) for y, s in rows]
