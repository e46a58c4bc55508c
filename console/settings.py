"""Shared settings (the `setting` table) with their defaults in one place."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import session_cache
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
    # security (console.security): password rules, lockout, idle lock, audit retention (≥ 180 days by law)
    "password_min_length": "8",
    "password_min_classes": "3",  # of: lower case, upper case, digits, other characters
    "password_max_age_days": "90",  # 0: never expires
    "password_history": "5",  # the last N passwords may not be reused
    "lockout_failures": "5",
    "lockout_minutes": "15",
    "idle_lock_minutes": "15",
    "audit_retention_days": "180",
    # fonts embedded in printed PDFs: "auto" (仿宋/宋体/黑体 when installed, else 文泉驿), a face name
    # (simfang, simsun, simhei, wqy-zenhei, wqy-microhei) or a font file path (`path.ttc#N` for face N)
    "pdf_font_body": "auto",
    "pdf_font_title": "auto",
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
    session.flush()  # so a read under no_autoflush sees it too
    session_cache.forget(session)  # office hours, the yellow threshold… are read from here
