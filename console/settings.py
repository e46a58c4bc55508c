"""Shared settings (the `setting` table) with their defaults in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import session_cache
from console.errors import ValidationError
from console.models import Setting
from console.security.post_names import Post

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
    # the agenda proposal of consultation meetings (每周会商 / 民情分析会, console.meetings.proposal)
    "meeting_overdue_working_days": "5",  # 办理超期 more than N working days
    "meeting_rework_min": "2",  # 返工 at least N times
    "meeting_dispute_min": "2",  # 退回 or 改派 (lead department changed) at least N times
    "meeting_repeat_reports": "3",  # at least K reports from the same place …
    "meeting_repeat_days": "30",  # … within D days
    "meeting_county_return_days": "30",
    "meeting_max_items": "40",  # a weekly meeting gets through about this many; 0: no cap  # 县级退回 within D days (or since the previous meeting, if later)
    "meeting_place": "街道网格化管理中心会议室",
}


@dataclass(frozen=True)
class SettingRule:
    """What a setting may hold and who may change it. A security setting's bounds keep it at least as strict
    as docs/SECURITY.md promises (8 characters, expiry within 90 days, lockout after at most 5 failures …)."""

    kind: str  # "int", "decimal" (0.xx) or "text"
    low: float | None = None
    high: float | None = None
    owner: Post = Post.SYSADMIN  # the one post that may change it
    pattern: str | None = None  # a regular expression a text value must match (PostgreSQL's ~ syntax too)

    def problem(self, key: str, value: str) -> str | None:
        """Why `value` may not be stored under `key`, or None."""
        if self.kind in ("int", "decimal"):
            shape = r"^[0-9]+$" if self.kind == "int" else r"^[0-9]+(\.[0-9]+)?$"
            if not re.match(shape, value):
                return f"设置“{key}”应为{'整数' if self.kind == 'int' else '数字'}，不能是“{value}”"
            number = float(value)
            if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
                return f"设置“{key}”的取值范围是 {_num(self.low)}–{_num(self.high)}，不能是 {value}"
        elif self.pattern is not None and not re.match(self.pattern, value):
            return f"设置“{key}”的格式不对：“{value}”"
        elif len(value) > 200:
            return f"设置“{key}”过长（最多200字）"
        return None


def _num(x: float | None) -> str:
    return "不限" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


_SEC = Post.SECADMIN
_HOURS = r"^[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}(,[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2})*$"

#: every setting's rule; a key without one is free text of the 系统管理员 (stock phrases, fonts …)
RULES: dict[str, SettingRule] = {
    "office_hours": SettingRule("text", pattern=_HOURS),
    "yellow_threshold": SettingRule("decimal", 0.1, 0.99),
    "attachment_max_bytes": SettingRule("int", 1024, 50 * 1024 * 1024),
    "claim_lease_minutes": SettingRule("int", 1, 240),
    "password_min_length": SettingRule("int", 8, 64, _SEC),
    "password_min_classes": SettingRule("int", 3, 4, _SEC),
    "password_max_age_days": SettingRule("int", 1, 90, _SEC),
    "password_history": SettingRule("int", 5, 24, _SEC),
    "lockout_failures": SettingRule("int", 1, 5, _SEC),
    "lockout_minutes": SettingRule("int", 15, 1440, _SEC),
    "idle_lock_minutes": SettingRule("int", 1, 15, _SEC),
    "audit_retention_days": SettingRule("int", 180, 3650, _SEC),
    "meeting_overdue_working_days": SettingRule("int", 0, 60),
    "meeting_rework_min": SettingRule("int", 1, 10),
    "meeting_dispute_min": SettingRule("int", 1, 10),
    "meeting_repeat_reports": SettingRule("int", 2, 50),
    "meeting_repeat_days": SettingRule("int", 1, 365),
    "meeting_county_return_days": SettingRule("int", 1, 365),
}


def setting_problem(key: str, value: str) -> str | None:
    rule = RULES.get(key)
    return rule.problem(key, value) if rule is not None else None


def setting_owner(key: str) -> Post:
    rule = RULES.get(key)
    return rule.owner if rule is not None else Post.SYSADMIN


def get_setting(session: Session, key: str) -> str:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    if value is not None:
        return value
    if key in DEFAULTS:
        return DEFAULTS[key]
    raise KeyError(key)


def set_setting(session: Session, key: str, value: str) -> None:
    """Store a setting; a value outside its rule is refused (`ValidationError`), as the database does."""
    problem = setting_problem(key, value)
    if problem is not None:
        raise ValidationError(problem)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()  # so a read under no_autoflush sees it too
    session_cache.forget(session)  # office hours, the yellow threshold… are read from here
