"""The audit log (安全审计): one insert-only row per security-relevant event.

Written in the same transaction as the change it records (a rolled-back change leaves no audit row, and a
committed one always has its row). Read, searched and exported only by 审计管理员; deleted only by the
retention job, never earlier than the legal minimum (180 days: the Cybersecurity Law asks for six months),
which the database itself enforces with a trigger.
"""

from __future__ import annotations

import csv
import io
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from console import clock
from console.db import Database
from console.domain import Labeled
from console.i18n import QT_TRANSLATE_NOOP
from console.models import AuditLog
from console.settings import get_setting

#: the legal minimum retention; the `audit_retention_days` setting may only lengthen it
RETENTION_FLOOR_DAYS = 180


class AuditEvent(Labeled):
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出"
    ACCOUNT_LOCKED = "account_locked", "账号锁定"
    ACCOUNT_UNLOCKED = "account_unlocked", "解除锁定"
    SCREEN_LOCK = "screen_lock", "锁屏"
    SCREEN_UNLOCK = "screen_unlock", "解除锁屏"
    PASSWORD_CHANGE = "password_change", "修改密码"
    PASSWORD_RESET = "password_reset", "重置密码"
    USER_ADD = "user_add", "新建用户"
    USER_DISABLE = "user_disable", "停用用户"
    USER_ENABLE = "user_enable", "启用用户"
    POST_GRANT = "post_grant", "授予岗位"
    POST_REVOKE = "post_revoke", "撤销岗位"
    SETTINGS_CHANGE = "settings_change", "修改设置"
    CASE_CHANGE = "case_change", "案件变更"
    EXPORT = "export", "导出"
    PRINT = "print", "打印"
    REVEAL = "reveal", "查看完整个人信息"
    PERMISSION_DENIED = "permission_denied", "越权操作被拒绝"
    AUDIT_SEARCH = "audit_search", "查阅审计日志"
    AUDIT_EXPORT = "audit_export", "导出审计日志"
    AUDIT_PURGE = "audit_purge", "清理过期审计日志"
    PROVISION = "provision", "数据库权限配置"
    MEETING = "meeting", "会商"
    REFERENCE_CHANGE = "reference_change", "修改基础数据"


#: written on PostgreSQL only by the server's own functions (reveals, the gate's failures and locks, password
#: changes, the administrators' grants): the audit trigger refuses them to a person's own INSERT (migration 0018)
SERVER_WRITTEN = frozenset({
    AuditEvent.REVEAL, AuditEvent.LOGIN_FAILED, AuditEvent.ACCOUNT_LOCKED, AuditEvent.ACCOUNT_UNLOCKED,
    AuditEvent.PASSWORD_CHANGE, AuditEvent.PASSWORD_RESET, AuditEvent.USER_ADD, AuditEvent.USER_DISABLE,
    AuditEvent.USER_ENABLE, AuditEvent.POST_GRANT, AuditEvent.POST_REVOKE, AuditEvent.AUDIT_PURGE,
})  # fmt: skip

_HOST: str | None = None


def this_host() -> str:
    """The seat's name as recorded in the audit log."""
    global _HOST  # noqa: PLW0603 - computed once per process
    if _HOST is None:
        _HOST = socket.gethostname()[:100]
    return _HOST


def audit(
    session: Session,
    event: AuditEvent | str,
    *,
    login: str,
    object: str = "",  # noqa: A002 - the audit record's own field name
    success: bool = True,
    detail: str = "",
    host: str | None = None,
    at: datetime | None = None,
) -> None:
    """Append one audit row in `session`'s transaction."""
    insert_audit_rows(session, [audit_row(event, login=login, object=object, success=success, detail=detail,
                                          host=host, at=at)])  # fmt: skip


def audit_row(
    event: AuditEvent | str,
    *,
    login: str,
    object: str = "",  # noqa: A002 - the audit record's own field name
    success: bool = True,
    detail: str = "",
    host: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """The values of one audit row, for `insert_audit_rows`."""
    return {
        "at": at or clock.now(),
        "login": login[:63],
        "host": (host if host is not None else this_host())[:100],
        "event": str(event.value if isinstance(event, AuditEvent) else event)[:32],
        "object": object[:200],
        "success": success,
        "detail": detail,
    }


def insert_audit_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert audit rows in one statement (many: one executemany), without flushing pending objects first —
    an import adds thousands of cases and lets one flush insert them in batches — and without asking for the
    new ids back (writers may not read the audit log)."""
    if not rows:
        return
    with session.no_autoflush:
        if len(rows) == 1:
            session.execute(insert(AuditLog).values(**rows[0]))
        else:
            session.connection().execute(insert(cast(Table, AuditLog.__table__)), rows)


def case_change_row(
    login: str, case_number: str, action: str, from_status: Any, to_status: Any, host: str | None = None
) -> dict[str, Any]:
    """The audit row of one case action."""
    frm = getattr(from_status, "label", from_status) or "—"
    to = getattr(to_status, "label", to_status)
    return audit_row(AuditEvent.CASE_CHANGE, login=login, object=f"案件 {case_number}",
                     detail=f"{action}：{frm} → {to}", host=host)  # fmt: skip


def audit_case_change(
    session: Session,
    login: str,
    case_number: str,
    action: str,
    from_status: Any,
    to_status: Any,
    host: str | None = None,
) -> None:
    """The audit row of one case action (called by the workflow next to the case_history row)."""
    insert_audit_rows(session, [case_change_row(login, case_number, action, from_status, to_status, host)])


# --- reading ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    login: str
    host: str
    event: str
    event_label: str
    object: str
    success: bool
    detail: str


def _label(event: str) -> str:
    try:
        return AuditEvent(event).label
    except ValueError:
        return event


def search_audit(
    session: Session,
    *,
    login: str | None = None,
    events: Sequence[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    text: str | None = None,
    success: bool | None = None,
    limit: int = 1000,
    before_id: int | None = None,
) -> list[AuditRow]:
    """Audit rows matching every given condition, newest first (`before_id` pages on)."""
    stmt = select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)
    if login:
        stmt = stmt.where(AuditLog.login == login)
    if events:
        stmt = stmt.where(AuditLog.event.in_([str(e) for e in events]))
    if since is not None:
        stmt = stmt.where(AuditLog.at >= since)
    if until is not None:
        stmt = stmt.where(AuditLog.at < until)
    if success is not None:
        stmt = stmt.where(AuditLog.success == success)
    if before_id is not None:
        stmt = stmt.where(AuditLog.id < before_id)
    if text:
        pattern = f"%{text.strip()}%"
        stmt = stmt.where(
            or_(AuditLog.object.like(pattern), AuditLog.detail.like(pattern), AuditLog.host.like(pattern))
        )
    return [
        AuditRow(r.id, r.at, r.login, r.host, r.event, _label(r.event), r.object, r.success, r.detail)
        for r in session.scalars(stmt)
    ]


#: the export's columns (the administration window shows them translated)
CSV_HEADER = (
    QT_TRANSLATE_NOOP("audit", "序号"),
    QT_TRANSLATE_NOOP("audit", "时间"),
    QT_TRANSLATE_NOOP("audit", "用户"),
    QT_TRANSLATE_NOOP("audit", "席位"),
    QT_TRANSLATE_NOOP("audit", "事件"),
    QT_TRANSLATE_NOOP("audit", "对象"),
    QT_TRANSLATE_NOOP("audit", "结果"),
    QT_TRANSLATE_NOOP("audit", "详情"),
)


def write_csv(rows: Iterable[AuditRow], out: io.TextIOBase | Any) -> int:
    """Write rows as CSV (UTF-8 with BOM so Excel shows Chinese); returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    n = 0
    for r in rows:
        writer.writerow(
            (r.id, r.at.strftime("%Y-%m-%d %H:%M:%S"), r.login, r.host, r.event_label, r.object,
             "成功" if r.success else "失败", r.detail)
        )  # fmt: skip
        n += 1
    return n


def export_csv(session: Session, path: Path, by: str, **criteria: Any) -> int:
    """Export the matching rows to `path` and audit the export itself; returns the number of rows."""
    rows = search_audit(session, limit=criteria.pop("limit", 1_000_000), **criteria)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        n = write_csv(rows, fh)
    shown = {k: v for k, v in criteria.items() if v not in (None, "", [], ())}
    audit(session, AuditEvent.AUDIT_EXPORT, login=by, object=str(path.name),
          detail=f"{n} 条；条件：{shown or '全部'}")  # fmt: skip
    return n


# --- retention ----------------------------------------------------------------------------------------------


def retention_days(session: Session) -> int:
    try:
        days = int(get_setting(session, "audit_retention_days"))
    except ValueError:
        days = RETENTION_FLOOR_DAYS
    return max(days, RETENTION_FLOOR_DAYS)


def purge_audit(session: Session, login: str, now: datetime | None = None) -> int:
    """The retention job: delete rows older than the retention period (never under 180 days); audited."""
    days = retention_days(session)
    cutoff = (now or clock.now()) - timedelta(days=days)
    count = session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.at < cutoff)) or 0
    if count:
        session.execute(delete(AuditLog).where(AuditLog.at < cutoff))
    audit(session, AuditEvent.AUDIT_PURGE, login=login, object="audit_log",
          detail=f"保存期 {days} 天，删除 {cutoff:%Y-%m-%d %H:%M} 之前的记录 {count} 条")  # fmt: skip
    return int(count)


def audit_export(db: Database, login: str, what: str, detail: str, *, printed: bool = False) -> None:
    """The audit row of a ledger/form saved or printed (`what`: 整改台账, 督办单 …), in its own transaction."""
    with db.session() as session:
        audit(
            session,
            AuditEvent.PRINT if printed else AuditEvent.EXPORT,
            login=login,
            object=what,
            detail=detail,
        )
