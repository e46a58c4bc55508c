"""Issued supervision notices (督办单): each printed notice takes the next number of its year, 督〔2026〕N号, and
keeps it. The row is written in the same transaction as the 督办 step it records on the case
(`console.notices.issue_notices`), so a number exists exactly when the case's history shows the step.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base


class SupervisionNotice(Base):
    __tablename__ = "supervision_notice"
    __table_args__ = (UniqueConstraint("year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)  # N of 督〔year〕N号, counting from 1 in each year
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    history_id: Mapped[int | None] = mapped_column(ForeignKey("case_history.id"))  # the 督办 step
    chased: Mapped[str] = mapped_column(String(200))  # 督办对象: the responsible unit (or person)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by: Mapped[str] = mapped_column(String(64))

    @property
    def label(self) -> str:
        return notice_label(self.year, self.seq)


def notice_label(year: int, seq: int) -> str:
    """督〔2026〕5号: the year in 六角括号, the number without padding (GB/T 9704 发文字号)."""
    return f"督〔{year}〕{seq}号"
