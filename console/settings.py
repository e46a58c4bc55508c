"""Shared settings (the `setting` table) with their defaults in one place."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.models import Setting

DEFAULTS: dict[str, str] = {
    # office hours as comma-separated HH:MM-HH:MM spans (乡镇 summer/winter hours differ: edit here)
    "office_hours": "08:30-12:00,14:00-17:30",
    # fraction of a stage's limit after which the light turns yellow
    "yellow_threshold": "0.8",
    # attachments are stored in the shared database; cap each file
    "attachment_max_bytes": str(5 * 1024 * 1024),
    # a dispatcher's claim (认领) lapses after this many idle minutes
    "claim_lease_minutes": "15",
    # the township's name as printed on forms
    "township_name": "",
}


def get_setting(session: Session, key: str) -> str:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    if value is not None:
        return value
    if key in DEFAULTS:
        return DEFAULTS[key]
    raise KeyError(key)


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
