"""The posts (岗位) and the scopes of a case rule: names only, so that the action registry
(`console.workflow.actions`) and the permission check (`console.security.posts`) can both use them."""

from __future__ import annotations

from console.domain import Labeled
from console.i18n import QT_TRANSLATE_NOOP


class Post(Labeled):
    DISPATCHER = "dispatcher", QT_TRANSLATE_NOOP("domain", "调度员")
    HEAD = "head", QT_TRANSLATE_NOOP("domain", "中心主任/班长")
    DEPARTMENT = "department", QT_TRANSLATE_NOOP("domain", "部门办理人")
    GRID = "grid", QT_TRANSLATE_NOOP("domain", "网格长/网格员")
    INSPECTOR = "inspector", QT_TRANSLATE_NOOP("domain", "督查员")
    SYSADMIN = "sysadmin", QT_TRANSLATE_NOOP("domain", "系统管理员")
    SECADMIN = "secadmin", QT_TRANSLATE_NOOP("domain", "安全管理员")
    AUDITOR = "auditor", QT_TRANSLATE_NOOP("domain", "审计管理员")


#: the separated administrators (三员分立): one person holds at most one of these
ADMIN_POSTS = frozenset({Post.SYSADMIN, Post.SECADMIN, Post.AUDITOR})
#: posts that work on cases (the others never see case content)
CASE_POSTS = frozenset({Post.DISPATCHER, Post.HEAD, Post.DEPARTMENT, Post.GRID, Post.INSPECTOR})

# scopes of a case rule
ALL = "all"  # any case in the township
LEAD = "lead"  # cases whose lead department is the user's
DEPT = "dept"  # lead or co-operating department is the user's
GRID = "grid"  # cases in the user's grids' subtree (or reported by the user)
