"""The working calendar (工作日历) in the shared database, so every seat computes the same deadlines.

`CalendarDay` holds only the exceptions to "Monday-Friday work": statutory holidays on weekdays and make-up
workdays (调休上班) on weekends. `CalendarYear` says where a year's schedule came from and whether it is
the official one; a year without an official schedule falls back to weekends plus the statutory holidays
(fixed-date and lunar, `console.calendar.fallback_holidays`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base


class CalendarDay(Base):
    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(40), default="")  # 春节, 国庆节, 调休上班 …


class CalendarYear(Base):
    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40))  # chinesecalendar / 国务院办公厅通知 (admin) / …
    official: Mapped[bool] = mapped_column(Boolean, default=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    loaded_by: Mapped[str] = mapped_column(String(64))
