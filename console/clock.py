"""The one source of "now" for the core, so tests and benchmarks can pin time.

Values are naive datetimes in China Standard Time (see `console.models.base`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

CST = timedelta(hours=8)


def _system_now() -> datetime:
    return (datetime.now(UTC) + CST).replace(tzinfo=None, microsecond=0)


_now: Callable[[], datetime] = _system_now


def now() -> datetime:
    """Current time in China Standard Time, naive, second precision."""
    return _now()


def set_clock(fn: Callable[[], datetime] | None) -> None:
    """Pin the clock (tests, benchmarks, demo generation); None restores the system clock."""
    global _now  # noqa: PLW0603 - a module-level switch is the point
    _now = fn or _system_now
