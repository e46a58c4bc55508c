"""Declarative base shared by every table, with a naming convention Alembic can rely on.

All timestamps in the database are naive datetimes in China Standard Time (Asia/Shanghai, UTC+8, no DST):
every seat and every department office is in that zone, deadlines are defined in its office hours, and naive
values compare the same way on SQLite and PostgreSQL. `console.clock` is the one place that produces "now".
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
