"""`gridconsole township|dept|category|staff|template`: setting up a township from zero (issue 17) — the
township, departments, the 事项清单 (dated), staff and their grid posts, and the import templates.

Each writing command acts as the proven login (`acting_login`, as case commands do) and needs the post that
may `reference_edit` (系统管理员) once users exist; a refusal is one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from console import clock
from console.cli.common import acting_login, database, parse_date, print_json
from console.errors import ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _township(sub)
    _dept(sub)
    _category(sub)
    _staff(sub)
    t = sub.add_parser("template", help="写出导入模板（表头和一行示例）：grids/departments/categories/staff")
    t.add_argument("kind", choices=("grids", "departments", "categories", "staff"))
    t.add_argument("path", help="以 .xlsx 结尾写 Excel，否则写 UTF-8（带 BOM）的 CSV")
    t.set_defaults(handler=_template)


# --- plumbing -----------------------------------------------------------------------------------------------


def _write(args: argparse.Namespace, fn: Callable[[Session, str], Any]) -> Any:
    """Run `fn(session, login)` in one write transaction as the proven login."""
    db = database(args)
    try:
        login = acting_login(args, db)
        with db.write_session() as s:
            return fn(s, login)
    finally:
        db.dispose()


def _read(args: argparse.Namespace, fn: Callable[[Session], Any]) -> Any:
    db = database(args)
    try:
        acting_login(args, db)
        with db.session() as s:
            return fn(s)
    finally:
        db.dispose()


def _emit(args: argparse.Namespace, data: Any, lines: str | Sequence[str]) -> int:
    if args.json:
        print_json(data)
    else:
        print(lines if isinstance(lines, str) else "\n".join(lines))
    return 0


def _day(text: str | None) -> date:
    return parse_date(text) if text else clock.now().date()


# --- township -----------------------------------------------------------------------------------------------


def _township(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("township", help="乡镇：新建（空数据库的第一步）、查看")
    tsub = p.add_subparsers(dest="township_command", metavar="ACTION", required=True)
    c = tsub.add_parser("create", help="新建本数据库的乡镇（一级网格）")
    c.add_argument("--name", required=True, help="乡镇/街道名称")
    c.add_argument("--code", required=True, help="15位区划编码，末6位为000000，如 410102006000000")
    c.set_defaults(handler=_township_create)
    s = tsub.add_parser("show", help="查看本数据库的乡镇")
    s.set_defaults(handler=_township_show)


def _township_create(args: argparse.Namespace) -> int:
    from console.setup.township import create_township

    def go(s: Session, login: str) -> dict[str, str]:
        g = create_township(s, name=args.name, code=args.code, actor=login)
        return {"code": g.code, "name": g.name}

    data = _write(args, go)
    return _emit(args, data, f"已新建乡镇 {data['name']}（{data['code']}）")


def _township_show(args: argparse.Namespace) -> int:
    from console.setup.township import township_of

    def go(s: Session) -> dict[str, str] | None:
        g = township_of(s)
        return {"code": g.code, "name": g.name} if g is not None else None

    data = _read(args, go)
    if data is None:
        raise ValidationError(QT_TRANSLATE_NOOP("setup", "本数据库还没有乡镇：请先运行 gridconsole township create --name 名称 --code 编码"))
    return _emit(args, data, f"{data['code']}  {data['name']}")


# --- departments --------------------------------------------------------------------------------------------


def _dept(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("dept", help="职能部门：新建、修改、列表、停用、恢复")
    dsub = p.add_subparsers(dest="dept_command", metavar="ACTION", required=True)
    a = dsub.add_parser("add", help="新建部门")
    a.add_argument("code", help="部门代码（最多16字）")
    a.add_argument("name", help="部门名称")
    e = dsub.add_parser("edit", help="修改部门（只改给出的项；--phone '' 清除电话）")
    e.add_argument("code", help="部门代码或名称")
    e.add_argument("--name")
    for x in (a, e):
        x.add_argument("--short", dest="short_name", help="简称")
        x.add_argument("--phone", help="值班电话")
        x.add_argument("--head", help="负责人")
    a.set_defaults(handler=_dept_add)
    e.set_defaults(handler=_dept_edit)
    ls = dsub.add_parser("list", help="列出部门")
    ls.add_argument("--all", action="store_true", help="包括已停用的")
    ls.set_defaults(handler=_dept_list)
    for name, help_text, fn in (("retire", "停用部门", _dept_retire), ("restore", "恢复已停用的部门", _dept_restore)):
        r = dsub.add_parser(name, help=help_text)
        r.add_argument("code", help="部门代码或名称")
        r.add_argument("--note", default="")
        r.set_defaults(handler=fn)


def _dept_line(d: Any) -> str:
    state = "" if d.active else "（已停用）"
    short = f"［{d.short_name}］" if d.short_name else ""
    return f"{d.code}\t{d.name}{short}\t{d.phone_masked or '—'}\t{d.head or '—'}{state}"


def _dept_add(args: argparse.Namespace) -> int:
    from console.setup.departments import add_department

    row = _write(args, lambda s, login: add_department(
        s, code=args.code, name=args.name, short_name=args.short_name or "", phone=args.phone,
        head=args.head or "", actor=login))  # fmt: skip
    return _emit(args, row, f"已新建部门 {_dept_line(row)}")


def _dept_edit(args: argparse.Namespace) -> int:
    from console.setup.departments import edit_department

    row = _write(args, lambda s, login: edit_department(
        s, args.code, actor=login, name=args.name, short_name=args.short_name, phone=args.phone,
        head=args.head))  # fmt: skip
    return _emit(args, row, f"已修改部门 {_dept_line(row)}")


def _dept_list(args: argparse.Namespace) -> int:
    from console.setup.departments import list_departments

    rows = _read(args, lambda s: list_departments(s, include_retired=args.all))
    return _emit(args, rows, [_dept_line(d) for d in rows] or ["（没有部门）"])


def _dept_retire(args: argparse.Namespace) -> int:
    from console.setup.departments import retire_department

    row = _write(args, lambda s, login: retire_department(s, args.code, actor=login, note=args.note))
    return _emit(args, row, f"已停用部门 {row.name}")


def _dept_restore(args: argparse.Namespace) -> int:
    from console.setup.departments import restore_department

    row = _write(args, lambda s, login: restore_department(s, args.code, actor=login, note=args.note))
    return _emit(args, row, f"已恢复部门 {row.name}")


# --- the 事项清单 -------------------------------------------------------------------------------------------


def _category(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("category", help="事项清单（问题类别）：新建、修改（自某日起生效）、列表、停用、版本记录")
    csub = p.add_subparsers(dest="category_command", metavar="ACTION", required=True)
    a = csub.add_parser("add", help="新建类别（即日生效）")
    a.add_argument("code", help="类别代码（最多16字）")
    a.add_argument("name", help="类别名称")
    e = csub.add_parser("edit", help="修改类别：新版本自 --from 日起生效，此前派遣的案件保持原时限")
    e.add_argument("code", help="类别代码或名称")
    e.add_argument("--name")
    e.add_argument("--from", dest="effective_from", help="生效日期 YYYY-MM-DD（默认今天，不能早于今天）")
    e.add_argument("--not-key-area", action="store_true", help="不再属于重点领域")
    e.add_argument("--note", default="", help="修改说明")
    e.add_argument("--restore", action="store_true", help="重新启用已停用的类别")
    for x in (a, e):
        x.add_argument("--lead", help="默认牵头部门（代码或名称）")
        x.add_argument("--co", help="默认配合部门，逗号或顿号分隔（'' 清除）")
        x.add_argument("--severity", help="默认严重程度：简单/一般/复杂")
        x.add_argument("--limit", action="append", default=[], metavar="严重程度=时限",
                       help="处置时限，可重复，如 一般=5个工作日、复杂=10个工作日")  # fmt: skip
        x.add_argument("--stage-limit", action="append", default=[], metavar="阶段=时限",
                       help="受理/派遣/核查阶段时限，可重复，如 受理/立案=2工作小时")  # fmt: skip
        x.add_argument("--workflow", help="工作流程")
        x.add_argument("--standard", help="结案标准")
        x.add_argument("--key-area", action="store_true", help="属于六个重点领域")
    a.set_defaults(handler=_category_add)
    e.set_defaults(handler=_category_edit)
    ls = csub.add_parser("list", help="列出事项清单")
    ls.add_argument("--all", action="store_true", help="包括已停用的")
    ls.add_argument("--on", help="某日生效的清单（默认今天）")
    ls.set_defaults(handler=_category_list)
    r = csub.add_parser("retire", help="停用类别（即日起不能再上报此类案件）")
    r.add_argument("code")
    r.add_argument("--note", default="")
    r.set_defaults(handler=_category_retire)
    h = csub.add_parser("history", help="类别的各个版本及生效日期")
    h.add_argument("code")
    h.set_defaults(handler=_category_history)


def _pairs(items: list[str], parse_key: Callable[[str], Any]) -> dict[Any, Any]:
    from console.setup.importers import parse_limit

    out = {}
    for item in items:
        key, sep, value = item.replace("＝", "=").partition("=")
        if not sep:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "时限“%1”格式无效，应为 名称=时限，如 一般=5个工作日"), item))
        out[parse_key(key.strip())] = parse_limit(value)
    return out


def _severity(text: str) -> Any:
    from console.domain import Severity

    try:
        return Severity.from_text(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def _stage(text: str) -> Any:
    from console.domain import Stage

    try:
        return Stage.from_text(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def _co(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    import re

    return tuple(p for p in re.split(r"[、,，;；\s]+", text) if p)


def _spec(args: argparse.Namespace, base: Any = None) -> Any:
    """A `CategorySpec` from the options, over `base` (the category's current spec) for an edit."""
    from dataclasses import replace

    from console.setup.item_list import CategorySpec

    spec = base or CategorySpec(code=args.code, name=args.name)
    changes: dict[str, Any] = {}
    if getattr(args, "name", None):
        changes["name"] = args.name
    if args.lead is not None:
        changes["lead_department"] = args.lead
    co = _co(args.co)
    if co is not None:
        changes["co_departments"] = co
    if args.severity:
        changes["severity"] = _severity(args.severity)
    if args.limit:
        changes["limits"] = {**(spec.limits if base is not None else {}), **_pairs(args.limit, _severity)}
    if args.stage_limit:
        changes["stage_limits"] = {**(spec.stage_limits if base is not None else {}), **_pairs(args.stage_limit, _stage)}
    if args.workflow is not None:
        changes["workflow"] = args.workflow
    if args.standard is not None:
        changes["closing_standard"] = args.standard
    if args.key_area:
        changes["key_area"] = True
    if getattr(args, "not_key_area", False):
        changes["key_area"] = False
    if getattr(args, "restore", False):
        changes["active"] = True
    return replace(spec, **changes)


def _limits_text(row: Any) -> str:
    parts = [f"{s.label}{row.limits[s].label}" for s in row.limits]
    parts += [f"{s.label}{v.label}" for s, v in row.stage_limits.items()]
    return "；".join(parts)


def _category_line(r: Any) -> str:
    co = "、".join(r.co_department_names)
    state = "" if r.active else "（已停用）"
    key = "［重点领域］" if r.key_area else ""
    return (f"{r.code}\t{r.name}{key}{state}\t牵头：{r.lead_department_name or '—'}"
            f"{'，配合：' + co if co else ''}\t{r.severity.label}\t{_limits_text(r)}\t自 {r.effective_from}")  # fmt: skip


def _category_add(args: argparse.Namespace) -> int:
    from console.setup.item_list import add_category

    row = _write(args, lambda s, login: add_category(s, _spec(args), actor=login))
    return _emit(args, row, f"已新建类别 {_category_line(row)}")


def _category_edit(args: argparse.Namespace) -> int:
    from console.setup.item_list import edit_category, find_category, list_categories, spec_of

    def go(s: Session, login: str) -> Any:
        cat = find_category(s, args.code)
        current = next((r for r in list_categories(s, include_retired=True) if r.code == cat.code), None)
        if current is None:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "类别“%1”今天尚未生效，无法在其基础上修改"), cat.name))
        spec = _spec(args, spec_of(current))
        return edit_category(s, cat.code, spec, effective_from=_day(args.effective_from), actor=login, note=args.note)

    row = _write(args, go)
    return _emit(args, row, f"已修改类别 {_category_line(row)}")


def _category_list(args: argparse.Namespace) -> int:
    from console.setup.item_list import list_categories

    on = parse_date(args.on) if args.on else None
    rows = _read(args, lambda s: list_categories(s, include_retired=args.all, on=on))
    return _emit(args, rows, [_category_line(r) for r in rows] or ["（事项清单为空）"])


def _category_retire(args: argparse.Namespace) -> int:
    from console.setup.item_list import retire_category

    row = _write(args, lambda s, login: retire_category(s, args.code, actor=login, note=args.note))
    return _emit(args, row, f"已停用类别 {row.name}")


def _category_history(args: argparse.Namespace) -> int:
    from console.setup.item_list import category_history

    rows = _read(args, lambda s: category_history(s, args.code))
    lines = [f"自 {r.effective_from}：{_category_line(r)}（{r.recorded_by or '—'} {r.note}）".rstrip() for r in rows]
    return _emit(args, rows, lines)


# --- staff --------------------------------------------------------------------------------------------------


def _staff(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("staff", help="工作人员与网格岗位：新建、修改、列表、离岗、安排岗位、结束岗位")
    ssub = p.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    a = ssub.add_parser("add", help="新建人员")
    a.add_argument("name")
    a.add_argument("--login", help="控制台登录名")
    e = ssub.add_parser("edit", help="修改人员（只改给出的项）")
    e.add_argument("id", type=int, help="人员编号（staff list 可查）")
    e.add_argument("--name")
    for x in (a, e):
        x.add_argument("--phone")
        x.add_argument("--dept", help="所属部门（代码或名称）")
    a.set_defaults(handler=_staff_add)
    e.set_defaults(handler=_staff_edit)
    ls = ssub.add_parser("list", help="列出人员及其网格岗位")
    ls.add_argument("--all", action="store_true", help="包括已离岗的")
    ls.add_argument("--dept")
    ls.add_argument("--grid", help="只列出在此网格有现任岗位的")
    ls.set_defaults(handler=_staff_list)
    r = ssub.add_parser("retire", help="人员离岗（当日结束其全部网格岗位）")
    r.add_argument("id", type=int)
    r.add_argument("--on", help="离岗日期（默认今天）")
    r.add_argument("--note", default="")
    r.set_defaults(handler=_staff_retire)
    for name, help_text, fn, when in (("post", "安排网格岗位", _staff_post, "--from"),
                                      ("unpost", "结束网格岗位", _staff_unpost, "--on")):  # fmt: skip
        x = ssub.add_parser(name, help=help_text)
        x.add_argument("id", type=int)
        x.add_argument("grid", help="网格编码")
        x.add_argument("role", help="岗位：网格长/网格员/督导员/… 或 leader/worker/…")
        x.add_argument(when, dest="day", help="日期 YYYY-MM-DD（默认今天）")
        x.set_defaults(handler=fn)


def _staff_line(r: Any) -> str:
    posts = "、".join(f"{p.grid_name}{p.role.label}" for p in r.posts if p.end_date is None) or "无现任网格岗位"
    state = "" if r.active else "（已离岗）"
    return f"{r.id}\t{r.name}{state}\t{r.phone_masked or '—'}\t{r.department_name or '—'}\t{r.login or '—'}\t{posts}"


def _staff_add(args: argparse.Namespace) -> int:
    from console.setup.staff import add_person

    row = _write(args, lambda s, login: add_person(s, name=args.name, phone=args.phone, department=args.dept,
                                                   login=args.login, actor=login))  # fmt: skip
    return _emit(args, row, f"已新建人员 {_staff_line(row)}")


def _staff_edit(args: argparse.Namespace) -> int:
    from console.setup.staff import edit_person

    row = _write(args, lambda s, login: edit_person(s, args.id, actor=login, name=args.name, phone=args.phone,
                                                    department=args.dept))  # fmt: skip
    return _emit(args, row, f"已修改人员 {_staff_line(row)}")


def _staff_list(args: argparse.Namespace) -> int:
    from console.setup.staff import list_staff

    rows = _read(args, lambda s: list_staff(s, include_retired=args.all, department=args.dept, grid=args.grid))
    return _emit(args, rows, [_staff_line(r) for r in rows] or ["（没有人员）"])


def _staff_retire(args: argparse.Namespace) -> int:
    from console.setup.staff import retire_person

    row = _write(args, lambda s, login: retire_person(s, args.id, actor=login, on=_day(args.on), note=args.note))
    return _emit(args, row, f"已办理离岗 {_staff_line(row)}")


def _staff_post(args: argparse.Namespace) -> int:
    from console.setup.staff import assign_post

    row = _write(args, lambda s, login: assign_post(s, args.id, grid_code=args.grid, role=args.role,
                                                    start=_day(args.day), actor=login))  # fmt: skip
    return _emit(args, row, f"已安排岗位：{row.grid_name}（{row.grid_code}）{row.role.label}，自 {row.start_date}")


def _staff_unpost(args: argparse.Namespace) -> int:
    from console.setup.staff import end_post

    row = _write(args, lambda s, login: end_post(s, args.id, grid_code=args.grid, role=args.role,
                                                 on=_day(args.day), actor=login))  # fmt: skip
    return _emit(args, row, f"已结束岗位：{row.grid_name}（{row.grid_code}）{row.role.label}，{row.end_date}")


# --- templates ----------------------------------------------------------------------------------------------


def _template(args: argparse.Namespace) -> int:
    from console.setup.templates import write_template

    path = write_template(args.kind, args.path)
    return _emit(args, {"kind": args.kind, "path": str(path)}, f"已写出{args.kind}导入模板：{path}")
