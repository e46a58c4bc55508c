"""Column types shared by the models: domain enums stored as their short string values."""

from __future__ import annotations

from enum import Enum as PyEnum
from typing import Any

from sqlalchemy import Enum


def enum_column(enum_cls: type[PyEnum], length: int = 24) -> Any:
    """Store an enum as VARCHAR of its `.value` (portable across SQLite and PostgreSQL, no native ENUM)."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
