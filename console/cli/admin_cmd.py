"""`gridconsole admin …`: users, posts, passwords and the audit log; `gridconsole login-check`.

Who acts: on PostgreSQL the connection's own login (`current_user`: the database authenticated it); on
SQLite the `--user` (default: the system user), whose password is asked for (or read from
`GRIDCONSOLE_PASSWORD`) once any user exists. Every refusal names the post required.

On PostgreSQL a 系统管理员 or 安全管理员 connected with their own login provisions through the database's
narrow `gc_admin_*` functions (no CREATEROLE for anyone but the provisioning role); a superuser or owner
connection (set-up, recovery, the three administrator posts) keeps the direct path (`users.pg_*` choose).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from console import clock
from console.cli.common import actor, database, parse_datetime, print_json
from console.db import Database
from console.errors import PermissionDenied, ValidationError
from console.security import audit as audit_mod
from console.security import pg_roles, pg_server, users
from console.security.enforce import require, security_active

PASSWORD_ENV = "GRIDCONSOLE_PASSWORD"
INITIAL_VALID = timedelta(days=3)  # an initial or reset password must be changed within this time


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("admin", help="用户、岗位、密码与审计日志（三员管理）")
    p.add_argument("--role-prefix", default=os.environ.get("GRIDCONSOLE_ROLE_PREFIX", "gc_"),
                   help="PostgreSQL 组角色名前缀（默认 gc_）")  # fmt: skip
    asub = p.add_subparsers(dest="admin_command", metavar="WHAT", required=True)

    b = asub.add_parser("bootstrap", help="首次初始化：建立系统管理员、安全管理员、审计管理员")
    for post in ("sysadmin", "secadmin", "auditor"):
        b.add_argument(f"--{post}", required=True, metavar="登录名:姓名")
    b.set_defaults(handler=_bootstrap)

    u = asub.add_parser("user", help="用户：add/disable/enable/grant/revoke/reset-password/unlock/list")
    usub = u.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    a = usub.add_parser("add", help="新建用户（首次登录须修改密码）")
    a.add_argument("login")
    a.add_argument("--name", required=True)
    a.add_argument("--person-id", type=int)
    a.set_defaults(handler=_user_add)
    for name, help_text, fn in (
        ("disable", "停用用户", _user_disable),
        ("enable", "启用用户", _user_enable),
        ("reset-password", "重置密码（生成新密码，下次登录须修改）", _reset_password),
        ("unlock", "解除登录锁定", _unlock),
    ):
        x = usub.add_parser(name, help=help_text)
        x.add_argument("login")
        x.set_defaults(handler=fn)
    for name, help_text, fn in (("grant", "授予岗位", _grant), ("revoke", "撤销岗位", _revoke)):
        g = usub.add_parser(name, help=help_text)
        g.add_argument("login")
        g.add_argument(
            "post", help="岗位：dispatcher/head/department/grid/inspector/sysadmin/secadmin/auditor 或中文"
        )
        g.add_argument("--department", help="部门办理人的部门（名称或代码）")
        g.add_argument("--grid", help="网格长/网格员负责的网格编码")
        g.set_defaults(handler=fn)
    ls = usub.add_parser("list", help="列出用户及岗位")
    ls.set_defaults(handler=_user_list)

    au = asub.add_parser("audit", help="审计日志：search/export/purge（审计管理员）")
    ausub = au.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    s = ausub.add_parser("search", help="查询审计日志")
    e = ausub.add_parser("export", help="导出审计日志为 CSV")
    e.add_argument("path", type=Path)
    for parser in (s, e):
        parser.add_argument("--login")
        parser.add_argument("--event", action="append", help="事件，可重复（如 login_failed）")
        parser.add_argument("--since")
        parser.add_argument("--until")
        parser.add_argument("--text")
        parser.add_argument("--failed", action="store_true", help="只看失败的")
        parser.add_argument("--limit", type=int, default=200)
    s.set_defaults(handler=_audit_search)
    e.set_defaults(handler=_audit_export)
    pu = ausub.add_parser("purge", help="删除超过保存期（不少于 180 天）的审计记录")
    pu.set_defaults(handler=_audit_purge)

    pg = asub.add_parser(
        "pg-provision", help="PostgreSQL：建立组角色、授权、行级安全和锁定函数（以属主/超级用户连接）"
    )
    pg.set_defaults(handler=_pg_provision)
    ck = asub.add_parser(
        "pg-check", help="PostgreSQL：逐表检查控制台角色能否绕过行级安全读写案件、人员和安全数据，以及案件修改的流程检查是否就位（只读）"
    )
    ck.set_defaults(handler=_pg_check)

    lc = sub.add_parser(
        "login-check", help="验证登录（SQLite 模式；密码取自 GRIDCONSOLE_PASSWORD 或提示输入）"
    )
    lc.add_argument("login")
    lc.set_defaults(handler=_login_check)


# --- plumbing -----------------------------------------------------------------------------------------------


def _password(prompt: str) -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise ValidationError(f"请通过环境变量 {PASSWORD_ENV} 提供密码")
    return getpass.getpass(prompt)


def _acting(args: argparse.Namespace, db: Database) -> str:
    """The administrator acting: the database login on PostgreSQL, the authenticated user on SQLite."""
    if db.is_postgres:
        with db.session() as s:
            return str(s.scalar(text("SELECT current_user")))
    login = actor(args)
    with db.session() as s:
        if not security_active(s):
            return login
    try:
        users.authenticate(db, login, _password(f"{login} 的密码："))
    except users.PasswordChangeRequired as exc:
        raise PermissionDenied(f"{exc.message}（请先登录控制台修改密码）") from exc
    return login


def _names(args: argparse.Namespace) -> pg_roles.RoleNames:
    return pg_roles.RoleNames(args.role_prefix)


def _emit(args: argparse.Namespace, data: Any, line: str) -> int:
    if args.json:
        print_json(data)
    else:
        print(line)
    return 0


# --- handlers -----------------------------------------------------------------------------------------------


def _bootstrap(args: argparse.Namespace) -> int:
    db = database(args)
    pairs = []
    for post in ("sysadmin", "secadmin", "auditor"):
        login, _sep, name = getattr(args, post).partition(":")
        pairs.append((login, name or login))
    with db.write_session() as s:
        result = users.bootstrap(s, pairs[0], pairs[1], pairs[2], store_hash=not db.is_postgres)
        if db.is_postgres:
            pg_roles.provision(s, _names(args))
            for login, password in result.items():
                pg_roles.create_login(
                    s, login, password, _names(args), valid_until=clock.now() + INITIAL_VALID
                )
    lines = [f"{login}\t初始密码：{pw}（首次登录须修改）" for login, pw in result.items()]
    return _emit(args, result, "\n".join(lines))


def _user_add(args: argparse.Namespace) -> int:
    db = database(args)
    by = _acting(args, db)
    if db.is_postgres:
        # an initial password works for 3 days only; the console makes the person change it at first login
        user, password = users.pg_add_user(db, by, args.login, args.name, names=_names(args),
                                           valid_until=clock.now() + INITIAL_VALID, person_id=args.person_id)  # fmt: skip
    else:
        with db.write_session() as s:
            user, password = users.add_user(s, by, args.login, args.name, person_id=args.person_id)
    return _emit(args, {"login": user.login, "password": password},
                 f"已新建用户 {user.login}（{user.name}），初始密码：{password}（首次登录须修改）")  # fmt: skip


def _set_active(args: argparse.Namespace, active: bool) -> int:
    db = database(args)
    by = _acting(args, db)
    if db.is_postgres:
        users.pg_set_active(db, by, args.login, active, names=_names(args))
    else:
        with db.write_session() as s:
            users.set_active(s, by, args.login, active)
    return _emit(
        args, {"login": args.login, "active": active}, f"已{'启用' if active else '停用'}用户 {args.login}"
    )


def _user_disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def _user_enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def _grant_or_revoke(args: argparse.Namespace, grant: bool) -> int:
    db = database(args)
    by = _acting(args, db)
    if db.is_postgres:
        pg_fn = users.pg_grant_post if grant else users.pg_revoke_post
        user = pg_fn(
            db, by, args.login, args.post, names=_names(args), department=args.department, grid=args.grid
        )
    else:
        with db.write_session() as s:
            fn = users.grant_post if grant else users.revoke_post
            user = fn(s, by, args.login, args.post, department=args.department, grid=args.grid)
    posts = "、".join(g.label for g in user.posts) or "无"
    return _emit(args, user, f"用户 {user.login} 现有岗位：{posts}")


def _grant(args: argparse.Namespace) -> int:
    return _grant_or_revoke(args, True)


def _revoke(args: argparse.Namespace) -> int:
    return _grant_or_revoke(args, False)


def _reset_password(args: argparse.Namespace) -> int:
    db = database(args)
    by = _acting(args, db)
    if db.is_postgres:
        password = users.pg_reset_password(
            db, by, args.login, names=_names(args), valid_until=clock.now() + INITIAL_VALID
        )
    else:
        with db.write_session() as s:
            password = users.reset_password(s, by, args.login)
    return _emit(args, {"login": args.login, "password": password},
                 f"已重置 {args.login} 的密码：{password}（下次登录须修改）")  # fmt: skip


def _unlock(args: argparse.Namespace) -> int:
    db = database(args)
    by = _acting(args, db)
    if db.is_postgres:
        users.pg_unlock(db, by, args.login, names=_names(args))
    else:
        with db.write_session() as s:
            users.unlock(s, by, args.login)
    return _emit(args, {"login": args.login}, f"已解除 {args.login} 的登录锁定")


def _user_list(args: argparse.Namespace) -> int:
    db = database(args)
    by = _acting(args, db)
    with db.session() as s:
        rows = users.list_users(s, by)
    if args.json:
        print_json(rows)
        return 0
    for u in rows:
        state = "停用" if not u.active else (f"锁定至 {u.locked_until:%H:%M}" if u.locked_until else "正常")
        posts = "、".join(g.label for g in u.posts) or "无岗位"
        print(f"{u.login}\t{u.name}\t{state}\t{posts}")
    return 0


def _criteria(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "login": args.login,
        "events": args.event,
        "since": parse_datetime(args.since) if args.since else None,
        "until": parse_datetime(args.until) if args.until else None,
        "text": args.text,
        "success": False if args.failed else None,
    }


def _audit_session(args: argparse.Namespace, action: str) -> tuple[Database, str]:
    db = database(args)
    by = _acting(args, db)
    with db.session() as s:
        require(s, by, action)
    return db, by


def _audit_search(args: argparse.Namespace) -> int:
    db, by = _audit_session(args, "audit_read")
    with db.session() as s:
        rows = audit_mod.search_audit(s, limit=args.limit, **_criteria(args))
        audit_mod.audit(s, audit_mod.AuditEvent.AUDIT_SEARCH, login=by, detail=f"{len(rows)} 条")
    if args.json:
        print_json(rows)
    else:
        audit_mod.write_csv(rows, sys.stdout)
    return 0


def _audit_export(args: argparse.Namespace) -> int:
    db, by = _audit_session(args, "audit_export")
    with db.session() as s:
        n = audit_mod.export_csv(s, args.path, by, limit=args.limit, **_criteria(args))
    return _emit(args, {"path": str(args.path), "rows": n}, f"已导出 {n} 条审计记录到 {args.path}")


def _audit_purge(args: argparse.Namespace) -> int:
    db, by = _audit_session(args, "audit_purge")
    with db.write_session() as s:
        n = _purge(s, db, by)
    return _emit(args, {"deleted": n}, f"已删除超过保存期的审计记录 {n} 条")


def _purge(s: Session, db: Database, by: str) -> int:
    if db.is_postgres:
        return int(s.scalar(text("SELECT gc_audit_purge(:d)"), {"d": audit_mod.retention_days(s)}) or 0)
    return audit_mod.purge_audit(s, by)


def _pg_provision(args: argparse.Namespace) -> int:
    db = database(args)
    if not db.is_postgres:
        raise ValidationError("pg-provision 只用于 PostgreSQL 数据库")
    with db.write_session() as s:
        names = pg_roles.provision(s, _names(args))
        audit_mod.audit(s, audit_mod.AuditEvent.PROVISION, login=str(s.scalar(text("SELECT current_user"))),
                        detail=f"角色前缀 {names.prefix}")  # fmt: skip
        todo = pg_server.advice(s)  # what postgresql.conf (or a superuser) must still add
    done = f"已配置数据库角色与行级安全（前缀 {names.prefix}）"
    return _emit(args, {"prefix": names.prefix, "advice": todo}, "\n".join([done, *todo]))


def _pg_check(args: argparse.Namespace) -> int:
    """Print each finding of the catalogue check; exit 2 when any is not a known, documented gap."""
    from console.security.catalogue import check

    db = database(args)
    if not db.is_postgres:
        raise ValidationError("pg-check 只用于 PostgreSQL 数据库")
    with db.session() as s:
        findings = check(s, _names(args))
    if args.json:
        print_json([{"table": f.table, "holds": f.holds.value, "role": f.role, "privileges": list(f.privileges),
                     "known": f.known, "problem": f.problem} for f in findings])  # fmt: skip
    else:
        for f in findings:
            print(("已知  " if f.known else "问题  ") + str(f))
        unknown = sum(1 for f in findings if not f.known)
        print(f"检查完毕：{len(findings)} 处发现，其中 {unknown} 处不在已知清单中")
    return 2 if any(not f.known for f in findings) else 0


def _login_check(args: argparse.Namespace) -> int:
    db = database(args)
    user = users.authenticate(db, args.login, _password(f"{args.login} 的密码："))
    posts = "、".join(g.label for g in user.posts) or "无岗位"
    expires = f"，密码有效期至 {user.password_expires_at:%Y-%m-%d}" if user.password_expires_at else ""
    return _emit(args, user, f"登录成功：{user.name}（{posts}）{expires}")
