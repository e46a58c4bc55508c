"""Users, their posts (岗位), password history, login failures and the audit log.

`app_user.login` is the user's name everywhere: the actor in case history, the audit log's `login`, and in
PostgreSQL mode the person's own LOGIN role (row-level security maps `current_user` to posts through this
table). In PostgreSQL mode `password_hash` stays NULL: the server checks the password (scram-sha-256).

`audit_log` is insert-only: PostgreSQL grants and triggers refuse UPDATE/DELETE (DELETE only for rows past the
legal minimum retention, by the owner's retention job); SQLite carries the same triggers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import Base


class AppUser(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(63), unique=True)  # 63: PostgreSQL's role-name limit
    name: Mapped[str] = mapped_column(String(40))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))  # argon2id; NULL in PostgreSQL mode
    must_change: Mapped[bool] = mapped_column(Boolean, default=True)  # change at first login / after reset
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(63))
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)

    posts: Mapped[list[UserPost]] = relationship(back_populates="user", order_by="UserPost.id")


class UserPost(Base):
    """One post a user holds. A 部门办理人 post names its department; a 网格长/网格员 post names a grid (its
    whole subtree is in scope). Other posts have neither."""

    __tablename__ = "user_post"
    __table_args__ = (UniqueConstraint("user_id", "post", "department_id", "grid_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    post: Mapped[str] = mapped_column(String(16))  # console.security.posts.Post value
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"))
    granted_at: Mapped[datetime] = mapped_column(DateTime)
    granted_by: Mapped[str] = mapped_column(String(63))

    user: Mapped[AppUser] = relationship(back_populates="posts")


class PasswordHistory(Base):
    """Earlier password hashes of a user, so the last N are not reused."""

    __tablename__ = "password_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    # PostgreSQL: bcrypt (pgcrypto) of the same password, so `gc_change_password` can refuse a reuse itself
    server_hash: Mapped[str | None] = mapped_column(String(100), nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class LoginFailure(Base):
    """Consecutive failed logins of one login name, and until when it is locked (SQLite mode and the
    PostgreSQL lockout gate alike)."""

    __tablename__ = "login_failure"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_host: Mapped[str] = mapped_column(String(100), default="")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)


class AuditLog(Base):
    """One security-relevant event: who (login), where (host/seat), what (event, object), outcome, detail."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_login_at", "login", "at"),
        Index("ix_audit_log_event_at", "event", "at"),
        # writers may not read the audit log, so an INSERT must not ask for the new id back (RETURNING)
        {"implicit_returning": False},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    login: Mapped[str] = mapped_column(String(63))
    host: Mapped[str] = mapped_column(String(100), default="")
    event: Mapped[str] = mapped_column(String(32))
    object: Mapped[str] = mapped_column(String(200), default="")
    success: Mapped[bool] = mapped_column(Boolean, default=True)
    detail: Mapped[str] = mapped_column(Text, default="")
