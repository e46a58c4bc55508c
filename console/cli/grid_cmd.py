"""`gridconsole grid list|show|search|create|rename|split|merge|deactivate|rehome`: the grid map and its changes; a
change that closes grids says where their open cases go (`console.rezoning`). Every change of the map is asked of
`console.rezoning`, which checks the `grid_rezone` permission (中心主任, 系统管理员) for the login proven."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

from console.cli.common import acting_login, database, print_json


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("grid", help="网格：列表、详情、更名、拆分、合并、撤销")
    gsub = p.add_subparsers(dest="grid_command", metavar="ACTION", required=True)
    ls = gsub.add_parser("list", help="列出网格（可限定某网格之下）")
    ls.add_argument("--under", help="只列出此编码的网格及其下级")
    ls.add_argument("--active", action="store_true", help="只列出在用网格")
    ls.set_defaults(handler=_list)
    sh = gsub.add_parser("show", help="网格详情：上级、下级、变更记录、前身与后继")
    sh.add_argument("code")
    sh.set_defaults(handler=_show)
    se = gsub.add_parser("search", help="按名称、编码或拼音首字母查找网格")
    se.add_argument("text")
    se.set_defaults(handler=_search)
    cr = gsub.add_parser("create", help="新建网格（上级由编码推出）")
    cr.add_argument("code")
    cr.add_argument("name")
    cr.add_argument("--households", type=int, default=0, help="户数")
    cr.add_argument("--note", default="")
    cr.set_defaults(handler=_create)
    rn = gsub.add_parser("rename", help="网格更名（编码和案件不变）")
    rn.add_argument("code")
    rn.add_argument("name")
    rn.add_argument("--note", default="")
    rn.set_defaults(handler=_rename)
    sp = gsub.add_parser(
        "split", help="拆分网格：原网格撤销，新网格承接；未办结案件按 --rule/--move 移入新网格，已办结案件仍归原网格"
    )
    sp.add_argument("code")
    sp.add_argument(
        "parts", nargs="+", metavar="CODE=NAME[:HOUSEHOLDS]", help="新网格，如 410102006001006=北区:120"
    )
    sp.add_argument("--note", default="")
    _placement_args(sp)
    sp.set_defaults(handler=_split)
    mg = gsub.add_parser(
        "merge", help="合并网格：原网格撤销，合并为一个新网格；未办结案件移入新网格（可用 --move/--rule 另指）"
    )
    mg.add_argument("codes", nargs="+", help="被合并的网格编码（至少2个）")
    mg.add_argument("--into", required=True, metavar="CODE=NAME[:HOUSEHOLDS]", help="新网格")
    mg.add_argument("--note", default="")
    _placement_args(mg)
    mg.set_defaults(handler=_merge)
    de = gsub.add_parser("deactivate", help="撤销网格（编码和已办结案件保留；未办结案件须指明去向）")
    de.add_argument("code")
    de.add_argument("--note", default="")
    _placement_args(de)
    de.set_defaults(handler=_deactivate)
    rh = gsub.add_parser("rehome", help="把已撤销网格上遗留的未办结案件移入在用网格（网格不变）")
    rh.add_argument("code")
    rh.add_argument("--note", default="")
    _placement_args(rh)
    rh.set_defaults(handler=_rehome)


def _placement_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--move", action="append", default=[], metavar="CASE_NO=GRIDCODE",
                   help="逐件指定未办结案件的去向，可重复，如 2026-000123=410102006001011")  # fmt: skip
    p.add_argument("--rule", action="append", default=[], metavar="GRIDCODE=关键词1,关键词2",
                   help="按地址规则：地址含任一关键词的案件移入该网格，可重复")  # fmt: skip
    p.add_argument("--rest", metavar="GRIDCODE", help="其余未被指定或匹配的案件全部移入该网格")
    p.add_argument("--preview", action="store_true", help="只列出每件未办结案件的去向，不作改动")


def _row(g) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return {
        "code": g.code,
        "name": g.name,
        "level": g.level,
        "kind": g.kind.value,
        "households": g.households,
        "active": g.active,
        "pinyin_initials": g.pinyin_initials,
        "valid_from": g.valid_from,
        "valid_to": g.valid_to,
    }


def _print_grids(args: argparse.Namespace, grids: list) -> None:  # type: ignore[type-arg]
    if args.json:
        print_json([_row(g) for g in grids])
        return
    for g in grids:
        indent = "  " * (g.level - 1)
        state = "" if g.active else f"（已撤销 {g.valid_to or ''}）"
        kind = "" if g.kind.value == "regular" else f"［{g.kind.label}］"
        print(f"{g.code}  {indent}{g.name}{kind}  {g.households}户{state}")


def _list(args: argparse.Namespace) -> int:
    from console.grids import list_grids

    db = database(args)
    try:
        with db.session() as s:
            _print_grids(args, list_grids(s, under=args.under, active_only=args.active))
    finally:
        db.dispose()
    return 0


def _search(args: argparse.Namespace) -> int:
    from console.grids import search_grids

    db = database(args)
    try:
        with db.session() as s:
            _print_grids(args, search_grids(s, args.text))
    finally:
        db.dispose()
    return 0


def _show(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from console.grids import get_grid, lineage
    from console.models import Grid, GridEvent

    db = database(args)
    try:
        with db.session() as s:
            g = get_grid(s, args.code)
            parent = s.get(Grid, g.parent_id) if g.parent_id else None
            children = list(s.scalars(select(Grid).where(Grid.parent_id == g.id).order_by(Grid.code)))
            events = list(
                s.scalars(
                    select(GridEvent)
                    .where((GridEvent.grid_id == g.id) | (GridEvent.related_grid_id == g.id))
                    .order_by(GridEvent.at, GridEvent.id)
                )
            )
            lin = lineage(s, g.id)
            if args.json:
                print_json(
                    {
                        **_row(g),
                        "parent": parent.code if parent else None,
                        "children": [c.code for c in children],
                        "predecessors": [x.code for x in lin.predecessors],
                        "successors": [x.code for x in lin.successors],
                        "events": [
                            {
                                "change": e.change.value,
                                "at": e.at,
                                "actor": e.actor,
                                "old_name": e.old_name,
                                "new_name": e.new_name,
                                "note": e.note,
                            }
                            for e in events
                        ],
                    }
                )
                return 0
            print(
                f"{g.name}（{g.code}）{g.level}级{g.kind.label}，{g.households}户，"
                f"{'在用' if g.active else '已撤销'}"
            )
            if parent:
                print(f"  上级：{parent.name}（{parent.code}）")
            for c in children:
                print(f"  下级：{c.name}（{c.code}）{'' if c.active else '已撤销'}")
            for x in lin.predecessors:
                print(f"  前身：{x.name}（{x.code}）")
            for x in lin.successors:
                print(f"  后继：{x.name}（{x.code}）")
            for e in events:
                names = " → ".join(n for n in (e.old_name, e.new_name) if n)
                print(f"  {e.at:%Y-%m-%d %H:%M} {e.change.label} {names} {e.actor} {e.note}".rstrip())
    finally:
        db.dispose()
    return 0


def _parse_new(text: str):  # type: ignore[no-untyped-def]
    from console.errors import ValidationError
    from console.grids import NewGrid

    code, sep, rest = text.partition("=")
    if not sep or not rest:
        raise ValidationError(f"新网格“{text}”格式应为 编码=名称[:户数]")
    name, _, hh = rest.partition(":")
    try:
        households = int(hh) if hh else 0
    except ValueError:
        raise ValidationError(f"户数“{hh}”不是整数") from None
    return NewGrid(code.strip(), name.strip(), households)


def _create(args: argparse.Namespace) -> int:
    from console import rezoning

    db = database(args)
    try:
        login = acting_login(args, db)
        with db.write_session() as s:
            g = rezoning.create(s, code=args.code, name=args.name, households=args.households, actor=login,
                                note=args.note)  # fmt: skip
            print(f"已新建网格：{g.code} {g.name}")
    finally:
        db.dispose()
    return 0


def _rename(args: argparse.Namespace) -> int:
    from console import rezoning

    db = database(args)
    try:
        login = acting_login(args, db)
        with db.write_session() as s:
            g = rezoning.rename(s, args.code, args.name, actor=login, note=args.note)
            print(f"已更名：{g.code} → {g.name}")
    finally:
        db.dispose()
    return 0


def _placement(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from console.errors import ValidationError
    from console.rezoning import AddressRule, Placement

    by_hand: dict[str, str] = {}
    for text in args.move:
        number, sep, code = text.partition("=")
        if not sep or not number.strip() or not code.strip():
            raise ValidationError(f"--move “{text}”格式应为 案件编号=网格编码")
        by_hand[number.strip()] = code.strip()
    rules = []
    for text in args.rule:
        code, sep, words = text.partition("=")
        keywords = tuple(w.strip() for w in re.split(r"[,，、;；]", words) if w.strip())
        if not sep or not code.strip() or not keywords:
            raise ValidationError(f"--rule “{text}”格式应为 网格编码=关键词1,关键词2")
        rules.append(AddressRule(code.strip(), keywords))
    return Placement(by_hand, tuple(rules), args.rest)


def _print_plan(args: argparse.Namespace, plan) -> int:  # type: ignore[no-untyped-def]
    """The preview: each open case and where it goes; exit 1 when the change would be refused."""
    if args.json:
        print_json({
            "moves": [{"number": m.number, "status": m.status.value, "address": m.address, "from": m.from_code,
                       "to": m.to_code, "basis": str(m.basis)} for m in plan.moves],
            "unplaced": len(plan.unplaced),
        })  # fmt: skip
    else:
        if not plan.moves:
            print("没有未办结案件需要移交")
        for m in plan.moves:
            to = f"{plan.target_name(m.to_code)}（{m.to_code}）" if m.to_code else "（未定）"
            print(f"{m.number}  {m.status.label}  {m.address or '—'}  → {to}  {m.basis}")
        reason = plan.refusal()
        if reason:
            print(reason)
    return 1 if plan.unplaced else 0


def _moved(plan) -> str:  # type: ignore[no-untyped-def]
    return f"，移交未办结案件 {len(plan.moves)} 件" if plan.moves else ""


def _rezone(args: argparse.Namespace, preview: Callable[..., Any], change: Callable[..., str]) -> int:
    """`--preview`: `preview(session, placement)` printed; else `change(session, placement, login)` in one
    writing transaction, its sentence printed."""
    placement = _placement(args)
    db = database(args)
    try:
        login = acting_login(args, db)  # the preview lists cases: only those this person may see
        if args.preview:
            with db.session() as s:
                return _print_plan(args, preview(s, placement))
        with db.write_session() as s:
            print(change(s, placement, login))
    finally:
        db.dispose()
    return 0


def _split(args: argparse.Namespace) -> int:
    from console import rezoning

    parts = [_parse_new(p) for p in args.parts]

    def change(s: Any, placement: Any, login: str) -> str:
        new, plan = rezoning.split(s, args.code, parts, placement, actor=login, note=args.note)
        return f"已拆分 {args.code} → " + "、".join(f"{g.name}（{g.code}）" for g in new) + _moved(plan)

    return _rezone(args, lambda s, placement: rezoning.preview_split(s, args.code, parts, placement), change)


def _merge(args: argparse.Namespace) -> int:
    from console import rezoning

    into = _parse_new(args.into)

    def change(s: Any, placement: Any, login: str) -> str:
        g, plan = rezoning.merge(s, args.codes, into, placement, actor=login, note=args.note)
        return f"已合并 {'、'.join(args.codes)} → {g.name}（{g.code}）{_moved(plan)}"

    return _rezone(args, lambda s, placement: rezoning.preview_merge(s, args.codes, into, placement), change)


def _deactivate(args: argparse.Namespace) -> int:
    from console import rezoning

    def change(s: Any, placement: Any, login: str) -> str:
        g, plan = rezoning.deactivate(s, args.code, placement, actor=login, note=args.note)
        return f"已撤销：{g.name}（{g.code}）{_moved(plan)}"

    return _rezone(args, lambda s, placement: rezoning.preview_deactivate(s, args.code, placement), change)


def _rehome(args: argparse.Namespace) -> int:
    from console import rezoning

    def change(s: Any, placement: Any, login: str) -> str:
        plan = rezoning.rehome(s, args.code, placement, actor=login, note=args.note)
        return f"已移交 {args.code} 上的未办结案件 {len(plan.moves)} 件"

    return _rezone(args, lambda s, placement: rezoning.preview_rehome(s, args.code, placement), change)
