"""The posts (岗位) and the scopes of a case rule: names only, so that the action registry
(`console.workflow.actions`) and the permission check (`console.security.posts`) can both use them."""

from __future__ import annotations

from console.domain import Labeled


class Post(Labeled):
    DISPATCHER = "dispatcher", "调度员"
    HEAD = "head", "中心主任/班长"
    DEPARTMENT = "department", "部门办理人"
    GRID = "grid", "网格长/网格员"
    INSPECTOR = "inspector", "督查员"
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITOR = "auditor", "审计管理员"


#: the separated administrators (三员分立): one person holds at most one of these
ADMIN_POSTS = frozenset({Post.SYSADMIN, Post.SECADMIN, Post.AUDITOR})
#: posts that work on cases (the others never see case content)
CASE_POSTS = frozenset({Post.DISPATCHER, Post.HEAD, Post.DEPARTMENT, Post.GRID, Post.INSPECTOR})

# scopes of a case rule
ALL = "all"  # any case in the township
LEAD = "lead"  # cases whose lead department is the user's
DEPT = "dept"  # lead or co-operating department is the user's
GRID = "grid"  # cases in the user's grids' subtree (or reported by the user)
