"""Password rules (configurable in the `setting` table) and argon2id hashing for the embedded SQLite mode.

Defaults follow 等保2.0 level 2 practice: at least 8 characters of at least 3 of 4 classes, not the login,
changed at first login and every 90 days, the last 5 not reused; 5 failures lock the login for 15 minutes.
In PostgreSQL mode the server stores the password (scram-sha-256); the same rules are checked here before an
administrator sets one, and by the database function `gc_change_password` when a person changes their own.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.i18n import ITEMS, QT_TRANSLATE_NOOP, Message, join
from console.settings import get_setting

_HASHER = PasswordHasher()  # argon2id, RFC 9106 low-memory profile (64 MiB, 3 passes)

CLASSES = (QT_TRANSLATE_NOOP("users", "小写字母"), QT_TRANSLATE_NOOP("users", "大写字母"),
           QT_TRANSLATE_NOOP("users", "数字"), QT_TRANSLATE_NOOP("users", "特殊字符"))  # fmt: skip


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = 8
    min_classes: int = 3
    max_age_days: int = 90  # 0: never expires
    history: int = 5
    lockout_failures: int = 5
    lockout_minutes: int = 15

    @classmethod
    def from_settings(cls, session: Session) -> PasswordPolicy:
        def number(key: str, low: int, high: int) -> int:
            try:
                value = int(get_setting(session, key))
            except ValueError:
                value = int(get_setting_default(key))
            return max(low, min(high, value))

        return cls(
            min_length=number("password_min_length", 8, 128),  # never weaker than the legal default
            min_classes=number("password_min_classes", 3, 4),
            max_age_days=number("password_max_age_days", 0, 3650),
            history=number("password_history", 0, 24),
            lockout_failures=number("lockout_failures", 1, 100),
            lockout_minutes=number("lockout_minutes", 1, 24 * 60),
        )

    def expires_at(self, changed_at: datetime | None) -> datetime | None:
        if self.max_age_days == 0 or changed_at is None:
            return None
        return changed_at + timedelta(days=self.max_age_days)


def get_setting_default(key: str) -> str:
    from console.settings import DEFAULTS

    return DEFAULTS[key]


def character_classes(password: str) -> int:
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


def password_problems(policy: PasswordPolicy, login: str, password: str) -> list[str]:
    """What is wrong with `password` for `login` (empty if it satisfies the policy)."""
    problems: list[str] = []
    if len(password) < policy.min_length:
        problems.append(Message(QT_TRANSLATE_NOOP("users", "长度至少 %1 位"), policy.min_length))
    if character_classes(password) < policy.min_classes:
        problems.append(Message(QT_TRANSLATE_NOOP("users", "须包含%1中的至少 %2 类"), join(CLASSES, ITEMS), policy.min_classes))
    low = password.lower()
    if login and (login.lower() in low or low in login.lower()):
        problems.append(QT_TRANSLATE_NOOP("users", "不能包含用户名"))
    return problems


def check_password(policy: PasswordPolicy, login: str, password: str) -> None:
    problems = password_problems(policy, login, password)
    if problems:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("users", "密码不符合要求：%1"), join(problems)))


def use_cheap_hashing_for_tests() -> None:
    """Tests only: a tiny argon2id cost so suites that hash many passwords stay fast. Verification reads the
    parameters from each hash, so production hashes are unaffected."""
    global _HASHER  # noqa: PLW0603 - a switch for the test suite
    _HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _HASHER.check_needs_rehash(password_hash)


def generate_password(policy: PasswordPolicy | None = None, length: int = 14) -> str:
    """A random initial/reset password satisfying the policy (the user must change it at first login)."""
    policy = policy or PasswordPolicy()
    alphabet = string.ascii_letters + string.digits + "#%+-=@_"
    length = max(length, policy.min_length)
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if character_classes(candidate) == 4:
            return candidate
