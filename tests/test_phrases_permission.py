"""Stock phrases (常用语) are reference data every seat shares: only the posts that may `reference_edit` (the
系统管理员) change or reset them, with an audit row, in the console (both backends) and — on PostgreSQL, each
person on their own login — in the server too, which lets the editors reset a list (a DELETE of its row) and
nobody else."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import select

from console.db import Database
from console.errors import PermissionDenied
from console.models import AuditLog
from console.phrases import DEFAULT_PHRASES, get_phrases, reset_phrases, set_phrases
from console.security import users
from console.security.posts import Post
from tests.test_security_pg import Setup, add_sysadmin, pg
from tests.test_setup_reference import cheap_hashing

FIXTURES = (pg, cheap_hashing)  # imported so pytest finds them


def secured(db: Database) -> None:
    """The three administrators, and a dispatcher `disp1`."""
    with db.write_session() as s:
        users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计管理员"),
                        store_hash=not db.is_postgres)  # fmt: skip
        users.add_user(s, "sysadm", "disp1", "调度员甲", password="Grid#2026ok")
        users.grant_post(s, "secadm", "disp1", Post.DISPATCHER)


def test_only_the_reference_editors_change_stock_phrases(db: Database, cheap_hashing: None) -> None:
    secured(db)
    for login in ("disp1", "secadm"):
        with db.write_session() as s, pytest.raises(PermissionDenied, match="维护基础数据"):
            set_phrases(s, "reject", ["重复反映"], actor=login)
        with db.write_session() as s, pytest.raises(PermissionDenied, match="维护基础数据"):
            reset_phrases(s, "reject", actor=login)
    with db.write_session() as s:
        assert set_phrases(s, "reject", ["重复反映"], actor="sysadm") == ["重复反映"]
    with db.session() as s:
        assert get_phrases(s, "reject") == ["重复反映"]
    with db.write_session() as s:
        reset_phrases(s, "reject", actor="sysadm")
    with db.session() as s:
        assert get_phrases(s, "reject") == list(DEFAULT_PHRASES["reject"])
        audit = s.scalars(select(AuditLog).where(AuditLog.object.like("常用语%")).order_by(AuditLog.id)).all()
        assert [(a.login, a.object) for a in audit] == [("sysadm", "常用语 reject"), ("sysadm", "常用语 reject")]


@pytest.mark.pg
def test_on_postgresql_the_server_lets_only_the_editors_change_or_reset_phrases(pg: Setup) -> None:
    sysadmin = add_sysadmin(pg)
    sysdb = pg.app_db("sys")
    try:
        with sysdb.write_session() as s:  # the 系统管理员 on their own login: store, then reset (a DELETE)
            set_phrases(s, "reject", ["重复反映"], actor=sysadmin)
        with sysdb.write_session() as s:
            reset_phrases(s, "reject", actor=sysadmin)
        with sysdb.write_session() as s:
            set_phrases(s, "close", ["问题已解决"], actor=sysadmin)
    finally:
        sysdb.dispose()
    dispdb = pg.app_db("disp")
    try:
        with dispdb.write_session() as s, pytest.raises(PermissionDenied, match="维护基础数据"):
            set_phrases(s, "close", ["x"], actor=pg.logins["disp"])
    finally:
        dispdb.dispose()
    for key in ("disp", "sec"):  # past the console, the server refuses too
        with pg.connect(key) as conn:
            for sql in ("INSERT INTO setting (key, value) VALUES ('phrases.reject', '[\"x\"]')",
                        "UPDATE setting SET value = '[\"x\"]' WHERE key = 'phrases.close'",
                        "DELETE FROM setting WHERE key = 'phrases.close'"):  # fmt: skip
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(sql)
    with pg.connect("sys") as conn:  # the editor may reset a list, but not delete any other setting
        conn.execute("INSERT INTO setting (key, value) VALUES ('office_hours', '08:00-12:00') "
                     "ON CONFLICT (key) DO NOTHING")  # fmt: skip
        with pytest.raises(psycopg.errors.RaiseException, match="不能删除"):
            conn.execute("DELETE FROM setting WHERE key = 'office_hours'")
        conn.execute("DELETE FROM setting WHERE key = 'phrases.close'")
    with pg.db.session() as s:
        assert get_phrases(s, "close") == list(DEFAULT_PHRASES["close"])


def test_a_dialog_offers_to_edit_its_phrases_only_to_the_editors(db: Database, cheap_hashing: None) -> None:
    """The 常用语 menu of a case dialog saves for every seat: it offers 编辑 to those the save would not refuse."""
    from console.workflow.dialog_data import read_opening

    with db.session() as s:
        assert read_opening(s, "report").may_edit_phrases  # set-up mode: nothing is refused
    secured(db)
    for login, may in (("disp1", False), ("sysadm", True)):
        db.view_as(login)  # what the window does once the person logged in
        with db.session() as s:
            assert read_opening(s, "report").may_edit_phrases is may
