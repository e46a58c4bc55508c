"""Counts the agenda proposal reads, kept by the database itself (migration 0014, both backends), so that each
rule is one small indexed read at any number of cases (`console.meetings.counted`):

- `case_place`: each case's place (its grid code and folded address, `console.meetings.places`) and report day;
- `place_report_day`: reports per place and day, with the running total up to that day (`cum`), so the reports
  of a place since any day are its total minus one indexed read;
- `place_report_tally`: per place the total, the last report day and the reports in the `RECENT_DAYS` before
  it (an upper bound of the reports in any window of at most that many days ending today: the places that can
  qualify);
- `case_dispute_count`: per case ever returned (退回 or 县级退回) its returns and dispatches, and
  `score = max(returns, dispatches - 1)`: the case is disputed (部门争议) when the score reaches the threshold.

Nothing in Python writes these tables except `counted.rebuild` after a bulk load that went past the triggers.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base
from console.models.case import Case
from console.models.counts import OPEN_PREDICATE

#: the reports of the last this many days before a place's last report are kept in `place_report_tally.recent`
RECENT_DAYS = 90


class CasePlace(Base):
    __tablename__ = "case_place"
    __table_args__ = (Index("ix_case_place_place", "grid_code", "place", "day"),)

    case_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # a case id (no foreign key: kept by triggers, rebuilt in bulk)
    grid_code: Mapped[str] = mapped_column(String(15))
    place: Mapped[str] = mapped_column(String(200))  # "" when the report named no address
    day: Mapped[date] = mapped_column(Date)  # the report's day


class PlaceReportDay(Base):
    __tablename__ = "place_report_day"
    # the running total before a day, read from the index alone (one probe per place that can qualify)
    __table_args__ = (Index("ix_place_report_day_cum", "grid_code", "place", "day", "cum"),)

    grid_code: Mapped[str] = mapped_column(String(15), primary_key=True)
    place: Mapped[str] = mapped_column(String(200), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)  # reports that day
    cum: Mapped[int] = mapped_column(Integer)  # reports up to and including that day


class PlaceReportTally(Base):
    __tablename__ = "place_report_tally"
    # the places that can qualify, read from the index alone
    __table_args__ = (Index("ix_place_report_tally_recent", "recent", "last_day", "grid_code", "place", "total"),)

    grid_code: Mapped[str] = mapped_column(String(15), primary_key=True)
    place: Mapped[str] = mapped_column(String(200), primary_key=True)
    total: Mapped[int] = mapped_column(Integer)
    last_day: Mapped[date | None] = mapped_column(Date)
    recent: Mapped[int] = mapped_column(Integer)  # reports in the RECENT_DAYS before last_day


class CaseDisputeCount(Base):
    __tablename__ = "case_dispute_count"
    __table_args__ = (Index("ix_case_dispute_count_score", "score", "case_id"),)

    case_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # a case id (no foreign key: kept by triggers, rebuilt in bulk)
    returns: Mapped[int] = mapped_column(Integer)  # 退回
    dispatches: Mapped[int] = mapped_column(Integer)  # 派遣, the first one included
    score: Mapped[int] = mapped_column(Integer)  # max(returns, dispatches - 1)


#: the open cases of severity 复杂 in report order (重点领域复杂: the oldest first, read from the index's head and
#: stopped at the agenda's room); the query repeats the predicate word for word (SQLite uses a partial index only then)
OPEN_COMPLEX_PREDICATE = f"severity = 'complex' AND {OPEN_PREDICATE}"
Index("ix_case_open_complex", Case.reported_at, Case.id, Case.category_id,
      postgresql_where=text(OPEN_COMPLEX_PREDICATE), sqlite_where=text(OPEN_COMPLEX_PREDICATE))  # fmt: skip
