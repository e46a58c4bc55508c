"""The one source of "now" for the core, so tests and benchmarks can pin time.

Values are naive datetimes in China Standard Time (see `console.models.base`). On a shared PostgreSQL database
every seat keeps the server's time (`follow_server`, called as a connection opens): the moments an action
records are checked against the server's clock (`console.security.pg_workflow`), and the deadlines of one case
must not depend on whose desk clock ran fast.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

CST = timedelta(hours=8)


#: the server's clock minus this machine's (zero until a PostgreSQL connection tells it)
_server_offset = timedelta(0)


def _machine_now() -> datetime:
    return (datetime.now(UTC) + CST).replace(tzinfo=None)


def _system_now() -> datetime:
    return (_machine_now() + _server_offset).replace(microsecond=0)


_now: Callable[[], datetime] = _system_now


def now() -> datetime:
    """Current time in China Standard Time, naive, second precision."""
    return _now()


def set_clock(fn: Callable[[], datetime] | None) -> None:
    """Pin the clock (tests, benchmarks, demo generation); None restores the system clock."""
    global _now  # noqa: PLW0603 - a module-level switch is the point
    _now = fn or _system_now


def follow_server(server_now: datetime) -> None:
    """Keep the server's time from now on (`server_now`: its clock in China Standard Time, naive). A pinned
    clock stays pinned."""
    global _server_offset  # noqa: PLW0603 - one offset per process, like the clock itself
    _server_offset = server_now - _machine_now()


def server_offset() -> timedelta:
    """How far the server's clock is ahead of this machine's (what `follow_server` last measured)."""
    return _server_offset
