"""Per-seat settings (QSettings): every key with its default in one table, read and written through two functions.

Shared, township-wide settings live in the database (`console.settings`); these are this seat's layout and
habits: window geometry, splitter and column widths, sort, filters, language, connection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "GridConsole"
APPLICATION = "gridconsole"

#: key → default; the default's type is the type the value is read back as
DEFAULTS: dict[str, Any] = {
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/splitter": QByteArray(),
    "queue/header": QByteArray(),
    "queue/sort": "deadline",
    "queue/descending": False,
    "queue/quick_filter": "open",
    "queue/search": "",
    "tree/grid_code": "",
    "ui/language": "zh_CN",
    "ui/sound": False,
    "ui/alert_sound": True,  # a department seat's chime when a case comes to it (ui.seat_alerts)
    "ui/font": "",  # empty: the first installed Simplified-Chinese font
    "connection/url": "",  # without the password (that one lives in the OS keyring)
    "connection/recent": "",
}

_store: QSettings | None = None


def use_file(path: str | Path) -> None:
    """Keep the settings in an INI file (tests, portable installs) instead of the platform store."""
    global _store  # noqa: PLW0603 - one settings store per process
    _store = QSettings(str(path), QSettings.Format.IniFormat)


def _settings() -> QSettings:
    global _store  # noqa: PLW0603
    if _store is None:
        _store = QSettings(ORGANIZATION, APPLICATION)
    return _store


def get(key: str) -> Any:
    default = DEFAULTS[key]
    value = _settings().value(key, default)
    if value is None:
        return default
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
    if isinstance(default, int):
        try:
            return int(str(value))
        except (TypeError, ValueError):
            return default
    if isinstance(default, QByteArray):
        return value if isinstance(value, QByteArray) else default
    return str(value)


def put(key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    _settings().setValue(key, value)


def sync() -> None:
    _settings().sync()
