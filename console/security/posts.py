"""Posts (岗位) and the one permission check `can(user, action, case)`.

Every workflow action and every administrative action maps to the posts allowed to take it, and for
case actions to the scope within which the post may act:

- 调度员, 中心主任/班长, 督查员 act township-wide;
- a 部门办理人 acts on cases whose lead department (牵头部门) is theirs, and reads and adds progress on
  cases where their department co-operates (配合部门);
- a 网格长/网格员 acts on cases of their grids' subtree (and reads cases they reported themselves).

The three administrators (系统管理员 users, 安全管理员 posts and passwords, 审计管理员 the audit log) are
separated (三员分立): nobody holds two of them, and none may alter or delete audit records. The same rules are
written once more in PostgreSQL (`pg_roles`) so that a direct connection cannot skip them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.grid_codes import subtree_prefix
from console.i18n import ITEMS, QT_TRANSLATE_NOOP, Message, join
from console.models import AppUser, CaseCoDepartment, Department, Grid, UserPost
from console.security.post_names import ADMIN_POSTS, ALL, CASE_POSTS, DEPT, GRID, LEAD, Post
from console.workflow.actions import ACTIONS

__all__ = ["ADMIN_POSTS", "ALL", "CASE_POSTS", "DEPT", "GRID", "LEAD", "Post"]



D, H, DEP, G, INS = Post.DISPATCHER, Post.HEAD, Post.DEPARTMENT, Post.GRID, Post.INSPECTOR
_CENTER = {D: ALL, H: ALL}

#: case action → {post: scope}: the workflow actions' rules live in their records (`console.workflow.actions`);
#: these are the reads, the report and the prints
CASE_RULES: dict[str, dict[Post, str]] = {
    "view": {D: ALL, H: ALL, INS: ALL, DEP: DEPT, G: GRID},
    "report": {D: ALL, H: ALL, INS: ALL, DEP: ALL, G: GRID},
    **{spec.action.value: dict(spec.posts) for spec in ACTIONS.values()},
    # seeing a phone or ID number in full (audited)
    "reveal_personal": {D: ALL, H: ALL, INS: ALL, DEP: LEAD, G: GRID},
    # ledgers, bulletins, meeting minutes (audited); a department or grid prints only its own rows
    "export": {D: ALL, H: ALL, INS: ALL, DEP: DEPT, G: GRID},
    "print": {D: ALL, H: ALL, INS: ALL, DEP: DEPT, G: GRID},
}

#: administrative action → posts allowed (no case scope)
ADMIN_RULES: dict[str, frozenset[Post]] = {
    "user_add": frozenset({Post.SYSADMIN}),
    "user_disable": frozenset({Post.SYSADMIN}),
    "user_enable": frozenset({Post.SYSADMIN}),
    "user_list": frozenset({Post.SYSADMIN, Post.SECADMIN, Post.AUDITOR}),
    "post_grant": frozenset({Post.SECADMIN}),
    "post_revoke": frozenset({Post.SECADMIN}),
    "password_reset": frozenset({Post.SECADMIN}),
    "user_unlock": frozenset({Post.SECADMIN}),
    "password_policy": frozenset({Post.SECADMIN}),
    "settings_edit": frozenset({Post.SYSADMIN}),
    # set-up (console.setup): the township, departments, the 事项清单, staff and their grid posts
    "reference_edit": frozenset({Post.SYSADMIN}),
    # the grid map (console.rezoning): creating, renaming, splitting, merging or retiring grids, by the 网格办主任
    # or the 系统管理员; the open cases of a closed grid move with it by the case action 移交网格 (center posts),
    # so only the 网格办主任 can close a grid that still holds open cases
    "grid_rezone": frozenset({Post.HEAD, Post.SYSADMIN}),
    "audit_read": frozenset({Post.AUDITOR}),
    "audit_export": frozenset({Post.AUDITOR}),
    "audit_purge": frozenset({Post.AUDITOR}),  # runs the retention job; never earlier than the legal minimum
    "meeting_chair": frozenset({Post.HEAD}),
    # consultation meetings (console.meetings): dispatchers and the head prepare the agenda and record decisions
    "meeting_prepare": frozenset({Post.DISPATCHER, Post.HEAD}),
    "meeting_record": frozenset({Post.DISPATCHER, Post.HEAD}),
    # supervisory review (console.review): inspectors compute, publish and spot-check; the head decides
    # appeals, approves and freezes, and sets the rule sets; anyone scored may appeal
    "review_compute": frozenset({Post.INSPECTOR, Post.HEAD}),
    "review_publish": frozenset({Post.INSPECTOR, Post.HEAD}),
    "review_appeal": frozenset({Post.INSPECTOR, Post.HEAD, Post.DISPATCHER, Post.DEPARTMENT, Post.GRID}),
    "review_decide": frozenset({Post.HEAD}),
    "review_freeze": frozenset({Post.HEAD}),
    "review_rules": frozenset({Post.HEAD}),
    "spot_check": frozenset({Post.INSPECTOR, Post.HEAD}),
}

#: the administrators who watch the 系统管理员 (三员分立): the 系统管理员 may not disable or enable them
OVERSEEING_SYSADMIN = frozenset({Post.SECADMIN, Post.AUDITOR})

#: actions nobody may take, with the reason
FORBIDDEN: dict[str, str] = {
    "audit_delete": "审计记录不可删除（仅保存期满后由清理任务删除）",
    "audit_alter": "审计记录不可修改",
    "history_alter": "案件历史只能追加，不能修改或删除",
}

ACTION_LABELS: dict[str, str] = {
    "view": "查看案件",
    "report": "上报",
    **{spec.action.value: spec.label for spec in ACTIONS.values()},
    "reveal_personal": "查看完整个人信息",
    "export": "导出",
    "print": "打印",
    "user_add": "新建用户",
    "user_disable": "停用用户",
    "user_enable": "启用用户",
    "user_list": "查看用户",
    "post_grant": "授予岗位",
    "post_revoke": "撤销岗位",
    "password_reset": "重置密码",
    "user_unlock": "解除锁定",
    "password_policy": "修改密码策略",
    "settings_edit": "修改系统设置",
    "reference_edit": "维护基础数据",
    "grid_rezone": "调整网格（新建、更名、拆分、合并、撤销）",
    "audit_read": "查阅审计日志",
    "audit_export": "导出审计日志",
    "audit_purge": "清理过期审计日志",
    "meeting_chair": "主持会商",
    "meeting_prepare": "筹备会商",
    "meeting_record": "记录会商决定",
    "review_compute": "计算考核结果",
    "review_publish": "公示考核结果",
    "review_appeal": "对考核结果提出申诉",
    "review_decide": "裁定考核申诉",
    "review_freeze": "审定并冻结考核结果",
    "review_rules": "制定考核细则",
    "spot_check": "随机抽查",
    "audit_delete": "删除审计记录",
    "audit_alter": "修改审计记录",
    "history_alter": "修改案件历史",
}


@dataclass(frozen=True)
class Principal:
    """A user as the permission check sees them: posts and the scope of each."""

    login: str
    name: str
    posts: frozenset[Post]
    departments: Mapping[int, str] = field(default_factory=dict)  # 部门办理人: department id → name
    grids: Mapping[str, str] = field(default_factory=dict)  # 网格长/网格员: subtree prefix → grid name
    active: bool = True

    def holds(self, post: Post) -> bool:
        return post in self.posts

    @property
    def posts_label(self) -> str:
        return join((p.label for p in Post if p in self.posts), ITEMS) or QT_TRANSLATE_NOOP("posts", "无岗位")

    def in_grids(self, grid_code: str) -> bool:
        return any(grid_code.startswith(prefix) for prefix in self.grids)


@dataclass(frozen=True)
class CaseScope:
    """What the check needs to know of a case (or of a report not yet filed: only `grid_code`)."""

    grid_code: str
    lead_department_id: int | None = None
    co_department_ids: frozenset[int] = frozenset()
    reported_by: str | None = None
    number: str = ""
    updated_by: str | None = None  # who made the last change (a handler who returned it still sees it)


def scope_of(session: Session, case: Any) -> CaseScope:
    """The scope of a `Case` row (reads its co-departments)."""
    co = frozenset(
        session.scalars(
            select(CaseCoDepartment.department_id).where(CaseCoDepartment.case_id == case.id)
        ).all()
    )
    return CaseScope(
        case.grid_code, case.lead_department_id, co, case.reported_by, case.number, getattr(case, "updated_by", None)
    )


def load_principal(session: Session, login: str) -> Principal | None:
    """The user with this login and their posts, or None if no such user exists."""
    user = session.execute(
        select(AppUser.id, AppUser.name, AppUser.active).where(AppUser.login == login)
    ).one_or_none()
    if user is None:
        return None
    rows = session.execute(
        select(UserPost.post, UserPost.department_id, Department.name, Grid.code, Grid.name)
        .outerjoin(Department, Department.id == UserPost.department_id)
        .outerjoin(Grid, Grid.id == UserPost.grid_id)
        .where(UserPost.user_id == user.id)
    ).all()
    posts: set[Post] = set()
    departments: dict[int, str] = {}
    grids: dict[str, str] = {}
    for post, dep_id, dep_name, grid_code, grid_name in rows:
        try:
            p = Post(post)
        except ValueError:
            continue  # a post this version does not know grants nothing
        posts.add(p)
        if p is Post.DEPARTMENT and dep_id is not None:
            departments[dep_id] = dep_name
        if p is Post.GRID and grid_code is not None:
            grids[subtree_prefix(grid_code)] = grid_name
    return Principal(login, user.name, frozenset(posts), departments, grids, bool(user.active))


def _in_scope(user: Principal, post: Post, scope: str, case: CaseScope) -> bool:
    if scope == ALL:
        return True
    if scope == LEAD:
        return case.lead_department_id is not None and case.lead_department_id in user.departments
    if scope == DEPT:
        return (case.lead_department_id in user.departments) or bool(
            case.co_department_ids & user.departments.keys()
        )
    if scope == GRID:
        return user.in_grids(case.grid_code) or (
            case.reported_by is not None and case.reported_by == user.login
        )
    return False


def _scope_reason(user: Principal, rules: Mapping[Post, str], label: str, case: CaseScope) -> str:
    """The refusal when the user holds a post for the action but the case is outside its scope."""
    what = Message(QT_TRANSLATE_NOOP("posts", "案件 %1"), case.number) if case.number else QT_TRANSLATE_NOOP("posts", "该案件")
    held = [(p, s) for p, s in rules.items() if user.holds(p)]
    if any(s in (LEAD, DEPT) for _p, s in held):
        mine = "、".join(user.departments.values()) or QT_TRANSLATE_NOOP("posts", "（未指定部门）")
        if all(s == LEAD for _p, s in held if s in (LEAD, DEPT)):
            return Message(QT_TRANSLATE_NOOP("posts", "%1的牵头部门不是您所在的部门（%2），不能%3"), what, mine, label)
        return Message(QT_TRANSLATE_NOOP("posts", "%1不属于您所在部门（%2）办理，不能%3"), what, mine, label)
    mine = "、".join(user.grids.values()) or QT_TRANSLATE_NOOP("posts", "（未指定网格）")
    return Message(QT_TRANSLATE_NOOP("posts", "%1不在您负责的网格（%2）范围内，不能%3"), what, mine, label)


NOT_YOUR_POST = QT_TRANSLATE_NOOP("posts", "您的岗位（%1）无权%2（限%3）")


def can(user: Principal | None, action: str, case: CaseScope | None = None) -> str | None:
    """Why `user` may not take `action` (on `case`), in Chinese; None if they may.

    For case actions pass the case's scope (`scope_of`); for a report not yet filed, a `CaseScope` with only
    the grid code; for administrative actions None.
    """
    label = ACTION_LABELS.get(action, action)
    if user is None:
        return QT_TRANSLATE_NOOP("posts", "未登录或用户不存在")
    if not user.active:
        return Message(QT_TRANSLATE_NOOP("posts", "用户 %1 已停用"), user.login)
    if action in FORBIDDEN:
        return FORBIDDEN[action]
    if action in ADMIN_RULES:
        allowed = ADMIN_RULES[action]
        if user.posts & allowed:
            return None
        return Message(NOT_YOUR_POST, user.posts_label, label, _posts_label(allowed))
    rules = CASE_RULES.get(action)
    if rules is None:
        return f"未知的操作：{action}"
    if action == "view" and case is not None:
        from console.security.visibility import sees  # noqa: PLC0415 - visibility renders these rules

        return None if sees(user, case) else _scope_reason(user, rules, label, case)
    held = [(p, s) for p, s in rules.items() if user.holds(p)]
    if not held:
        return Message(NOT_YOUR_POST, user.posts_label, label, _posts_label(rules))
    if case is None:
        if any(s == ALL for _p, s in held):
            return None
        return None if action in ("view", "watch", "export", "print") else Message(QT_TRANSLATE_NOOP("posts", "请指定要%1的案件"), label)
    if any(_in_scope(user, p, s, case) for p, s in held):
        return None
    return _scope_reason(user, rules, label, case)


def _posts_label(posts: Iterable[Post]) -> str:
    chosen = set(posts)
    return join((p.label for p in Post if p in chosen), ITEMS)


def check_post_combination(current: Iterable[Post], new: Post) -> str | None:
    """Why `new` may not be added to a user who holds `current` (三员分立: an administrator post excludes every
    other post, case posts included), or None. The server's grant function applies the same rule."""
    held = set(current) - {new}
    clash = held if new in ADMIN_POSTS else held & ADMIN_POSTS
    if clash:
        return (
            f"系统管理员、安全管理员、审计管理员须由专人担任，不得兼任其他岗位（三员分立）：该用户已是"
            f"{_posts_label(clash)}，不能再授予{new.label}"
        )
    return None
