"""Posts and the one permission check, the workflow hook (`enforce`), and masking of personal data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from console.db import Database
from console.errors import PermissionDenied
from console.models import AuditLog, Case
from console.security import enforce, passwords, users, visibility
from console.security.personal import mask_id_number, mask_phone, reveal
from console.security.posts import CaseScope, Post, Principal, can, check_post_combination
from console.workflow.commands import Accept, Dispatch
from console.workflow.service import CaseService, ReportInput
from tests.factories import Ref, seed_reference

ENV, LAW = 2, 3
GRID1 = "410103001001001"
GRID2 = "410103001001002"


def principal(
    *posts: Post, deps: dict[int, str] | None = None, grids: dict[str, str] | None = None
) -> Principal:
    return Principal("u", "用户", frozenset(posts), deps or {}, grids or {})


def test_case_actions_follow_post_and_scope() -> None:
    env_case = CaseScope(GRID1, ENV, frozenset({LAW}), number="2026-000001")
    handler = principal(Post.DEPARTMENT, deps={LAW: "行政执法中队"})
    assert can(handler, "progress", env_case) is None  # co-operating department adds progress
    reason = can(handler, "sign", env_case)
    assert reason == "案件 2026-000001的牵头部门不是您所在的部门（行政执法中队），不能签收"
    assert can(principal(Post.DEPARTMENT, deps={ENV: "环保办"}), "sign", env_case) is None
    assert "无权派遣" in (can(handler, "dispatch", env_case) or "")
    worker = principal(Post.GRID, grids={"410103001001": "绿云社区"})  # a level-2 grid covers its subtree
    assert can(worker, "verify", env_case) is None
    other = CaseScope(GRID1.replace("001001001", "001002001"), ENV)
    assert "不在您负责的网格（绿云社区）范围内" in (can(worker, "verify", other) or "")
    assert can(worker, "report", CaseScope(GRID2)) is None
    assert can(principal(Post.DISPATCHER), "decide_extension", env_case) is not None
    assert can(principal(Post.HEAD), "decide_extension", env_case) is None
    assert can(principal(Post.INSPECTOR), "supervise", env_case) is None
    assert can(principal(Post.INSPECTOR), "close", env_case) is not None


def test_administrators_are_separated_and_nobody_alters_audit() -> None:
    for post in (Post.SYSADMIN, Post.SECADMIN, Post.AUDITOR):
        assert can(principal(post), "audit_delete") == "审计记录不可删除（仅保存期满后由清理任务删除）"
        assert can(principal(post), "view", CaseScope(GRID1)) is not None
    assert can(principal(Post.SYSADMIN), "user_add") is None
    assert can(principal(Post.SYSADMIN), "post_grant") is not None
    assert can(principal(Post.SECADMIN), "post_grant") is None
    assert can(principal(Post.AUDITOR), "audit_export") is None
    assert can(principal(Post.SECADMIN), "audit_read") is not None
    assert check_post_combination([Post.SYSADMIN], Post.AUDITOR) is not None
    assert check_post_combination([Post.DISPATCHER], Post.HEAD) is None  # one person, several posts
    assert can(None, "view") == "未登录或用户不存在"


def test_masking() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138-1234-5678") == "138****5678"
    assert mask_phone("0371-66661234") == "0371-****1234"
    assert mask_phone(None) == ""
    assert mask_id_number("410102199001011234") == "410102********1234"
    assert mask_id_number("41010219900101123X") == "410102********123X"


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    saved = passwords._HASHER
    passwords.use_cheap_hashing_for_tests()
    yield
    passwords._HASHER = saved


@pytest.fixture
def ref(db: Database) -> Ref:
    return seed_reference(db)


def _people(db: Database, ref: Ref) -> None:
    with db.session() as s:
        users.bootstrap(s, ("sysadm", "系统管理员"), ("secadm", "安全管理员"), ("auditor", "审计管理员"))
        for login, post, dep, grid in (
            ("disp", Post.DISPATCHER, None, None),
            ("envh", Post.DEPARTMENT, "环保办", None),
            ("lawh", Post.DEPARTMENT, "行政执法中队", None),
            ("gw", Post.GRID, None, ref.grid_code),
        ):
            users.add_user(s, "sysadm", login, login)
            users.grant_post(s, "secadm", login, post, department=dep, grid=grid)


def test_enforce_on_a_real_database(db: Database, ref: Ref) -> None:
    svc = CaseService(db, "disp")
    case = svc.report(
        ReportInput(
            grid=ref.grid_code, category=ref.cat_env, summary="垃圾堆积", reporter_phone="13812345678"
        )
    )
    case = svc.act(case.id, Accept(), case.version)
    case = svc.act(case.id, Dispatch(lead_department_id=ref.env), case.version)
    with db.session() as s:  # set-up mode: no users yet, nothing refused
        enforce.check_action(s, "anyone", "sign", s.get(Case, case.id))
    _people(db, ref)
    with db.session() as s:
        row = s.get(Case, case.id)
        enforce.check_action(s, "envh", "sign", row)
        with pytest.raises(PermissionDenied, match="牵头部门不是您所在的部门（行政执法中队）"):
            enforce.check_action(s, "lawh", "sign", row)
        with pytest.raises(PermissionDenied, match="无权签收"):
            enforce.check_action(s, "disp", "sign", row)
        with pytest.raises(PermissionDenied, match="未登录或用户不存在"):
            enforce.check_action(s, "stranger", "progress", row)
        enforce.check_report(s, "gw", ref.grid_code)
        with pytest.raises(PermissionDenied, match="不在您负责的网格"):
            enforce.check_report(s, "gw", ref.grid2_code)
    with db.session() as s:
        perms = enforce.action_permissions(s, "lawh", case.id)
        assert perms["progress"] is not None and perms["sign"] is not None
        perms = enforce.action_permissions(s, "envh", case.id)
        assert perms["sign"] is None and perms["dispatch"] is not None
        for login, expected in (("envh", 1), ("lawh", 0), ("gw", 1), ("disp", 1), ("auditor", 0)):
            user = enforce.principal_for(s, login)
            count = len(s.scalars(select(Case.id).where(visibility.case_clause(user))).all())
            assert count == expected, login
        with pytest.raises(PermissionDenied):
            reveal(s, "lawh", "13812345678", what="举报人电话", object="案件", case=None)
    with db.session() as s:
        from console.security.posts import scope_of

        scope = scope_of(s, s.get(Case, case.id))
        assert reveal(s, "envh", "13812345678", what="举报人电话", object="案件", case=scope) == "13812345678"
    with db.session() as s:
        rows = s.scalars(select(AuditLog).where(AuditLog.event == "reveal")).all()
        assert [(r.login, r.success) for r in rows] == [("lawh", False), ("envh", True)]
