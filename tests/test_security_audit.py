"""The audit log on both backends: append-only (the database refuses UPDATE/DELETE of audit rows and case
history), search, CSV export, and the retention job that never goes under 180 days."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from console import clock
from console.db import Database
from console.errors import ValidationError
from console.models import AuditLog, Setting
from console.security.audit import AuditEvent, audit, audit_case_change, export_csv, purge_audit, search_audit
from console.settings import set_setting
from console.workflow.service import CaseService, ReportInput
from tests.factories import seed_reference


def test_audit_is_append_only_and_history_too(db: Database) -> None:
    ref = seed_reference(db)
    case = CaseService(db, "disp").report(
        ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="垃圾")
    )
    with db.session() as s:
        audit(s, AuditEvent.LOGIN, login="disp", host="seat-1")
    for sql in (
        "UPDATE audit_log SET detail = 'x'",
        "DELETE FROM audit_log",
        "UPDATE case_history SET note = 'x'",
        f"DELETE FROM case_history WHERE case_id = {case.id}",
    ):
        with pytest.raises(DBAPIError, match="只能追加"), db.session() as s:
            s.execute(text(sql))
    with db.session() as s:  # the report's own audit row and the login: both still there
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 2


def test_search_export_and_retention(db: Database, tmp_path: Path) -> None:
    real_now = clock.now()
    with db.session() as s:
        audit(s, AuditEvent.LOGIN_FAILED, login="wangjg", host="seat-1", success=False, detail="密码错误（第 1 次）",
              at=real_now - timedelta(days=400))  # fmt: skip
        audit(s, AuditEvent.LOGIN, login="wangjg", host="seat-1", at=real_now - timedelta(days=100))
        audit_case_change(s, "wangjg", "2026-000001", "dispatch", None, "dispatched", host="seat-1")
        audit(s, AuditEvent.EXPORT, login="lisi", host="seat-2", object="整改台账", detail="120 行")
    with db.session() as s:
        assert [r.event for r in search_audit(s, login="wangjg")] == ["case_change", "login", "login_failed"]
        assert [r.login for r in search_audit(s, text="台账")] == ["lisi"]
        assert [r.event_label for r in search_audit(s, success=False)] == ["登录失败"]
        assert len(search_audit(s, since=real_now - timedelta(days=1))) == 2
        n = export_csv(s, tmp_path / "audit.csv", "auditor", login="wangjg")
    assert n == 3
    with (tmp_path / "audit.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:5] == ["序号", "时间", "用户", "席位", "事件"] and rows[1][4] == "案件变更"

    with db.session() as s:
        with pytest.raises(ValidationError, match="180"):
            set_setting(s, "audit_retention_days", "30")  # shorter than the law allows: refused
        s.merge(Setting(key="audit_retention_days", value="30"))  # a value stored before the rule: 180 still holds
        assert purge_audit(s, "auditor") == 1
    with db.session() as s:
        events = [r.event for r in search_audit(s)]
    assert "login_failed" not in events and "login" in events and events[0] == "audit_purge"
