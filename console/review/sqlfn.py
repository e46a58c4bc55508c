"""SQL the two backends spell differently: one item of a history row's `changes` JSON text, a timestamp some
hours earlier, a timestamp as the text `changes` keeps it in and back, and the end of a timestamp's week."""

from __future__ import annotations

from typing import Any

from sqlalchemy import DateTime, String, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class json_item(FunctionElement[str]):  # noqa: N801 - reads like the SQL function it stands for
    """`changes[key][index]` as text (`{"lead_department_id": [old, new]}` → the new value with index 1)."""

    type = String()
    inherit_cache = True

    def __init__(self, column: Any, key: str, index: int) -> None:
        self.key, self.index = key, index
        super().__init__(column)


@compiles(json_item, "sqlite")
def _json_item_sqlite(element: json_item, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"json_extract({compiler.process(column, **kw)}, '$.\"{element.key}\"[{int(element.index)}]')"


@compiles(json_item, "postgresql")
def _json_item_pg(element: json_item, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"(CAST({compiler.process(column, **kw)} AS json) -> '{element.key}' ->> {int(element.index)})"


class hours_before(FunctionElement[Any]):  # noqa: N801 - reads like the SQL it stands for
    """`column` minus `hours` hours (a timestamp on both backends)."""

    inherit_cache = True

    def __init__(self, column: Any, hours: int) -> None:
        self.hours = hours
        super().__init__(column)

    @property
    def type(self) -> Any:  # type: ignore[override]
        from sqlalchemy import DateTime

        return DateTime()


@compiles(hours_before, "sqlite")
def _hours_before_sqlite(element: hours_before, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    # SQLAlchemy keeps SQLite timestamps as 'YYYY-MM-DD HH:MM:SS.ffffff': the same shape compares as text
    return (
        f"strftime('%Y-%m-%d %H:%M:%f000', {compiler.process(column, **kw)}, '-{int(element.hours)} hours')"
    )


@compiles(hours_before, "postgresql")
def _hours_before_pg(element: hours_before, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"({compiler.process(column, **kw)} - interval '{int(element.hours)} hours')"


def analytic(session: Any) -> None:
    """Prepare a session's transaction for the review's grouped counts: on PostgreSQL turn JIT compilation off
    for it and give its sorts room (`SET LOCAL`). The correlated status-at-a-moment subqueries make the planner's cost estimates huge,
    and compiling each statement then takes longer than running it (0.5 s of a 0.8 s count at 1M cases)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))
        # the distinct counts sort a month's rows per group: in memory, not in temporary files
        session.execute(text("SET LOCAL work_mem = '64MB'"))


class as_text(FunctionElement[str]):  # noqa: N801 - reads like the SQL it stands for
    """A timestamp column as the text a history row's `changes` keeps it in (`as_timestamp` reads both back)."""

    type = String()
    inherit_cache = True


@compiles(as_text, "sqlite")
def _as_text_sqlite(element: as_text, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return compiler.process(column, **kw)  # SQLite keeps timestamps as text already


@compiles(as_text, "postgresql")
def _as_text_pg(element: as_text, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"CAST({compiler.process(column, **kw)} AS text)"


class as_timestamp(FunctionElement[Any]):  # noqa: N801 - reads like the SQL it stands for
    """Timestamp text from a history row's `changes` ('2026-11-25 18:00:00', microseconds only when there are
    any: `_jsonable` writes `isoformat(sep=" ")`) as the column's timestamps, so the two compare."""

    type = DateTime()
    inherit_cache = True


@compiles(as_timestamp, "sqlite")
def _as_timestamp_sqlite(element: as_timestamp, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    # SQLAlchemy keeps SQLite timestamps as 'YYYY-MM-DD HH:MM:SS.ffffff' (26 characters): pad to that shape
    return f"substr({compiler.process(column, **kw)} || '.000000', 1, 26)"


@compiles(as_timestamp, "postgresql")
def _as_timestamp_pg(element: as_timestamp, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"CAST({compiler.process(column, **kw)} AS timestamp without time zone)"


class week_end(FunctionElement[Any]):  # noqa: N801 - reads like the SQL it stands for
    """The first instant of the Monday after the week (Monday to Sunday) a timestamp falls in: the moment a
    week of the review's trend is judged at (`charts.weekly_trend`)."""

    type = DateTime()
    inherit_cache = True


@compiles(week_end, "sqlite")
def _week_end_sqlite(element: week_end, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    # the Monday on or before the day (`weekday 1` moves forward to a Monday), then a week on; the column's shape
    return (
        f"strftime('%Y-%m-%d %H:%M:%f000', {compiler.process(column, **kw)}, 'start of day', '-6 days', "
        "'weekday 1', '+7 days')"
    )


@compiles(week_end, "postgresql")
def _week_end_pg(element: week_end, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"(date_trunc('week', {compiler.process(column, **kw)}) + interval '7 days')"
