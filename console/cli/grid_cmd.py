"""`gridconsole grid list|show|search|rename|split|merge|deactivate`: the grid map and its changes."""

from __future__ import annotations

import argparse

from console.cli.common import actor, database, print_json


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
    rn = gsub.add_parser("rename", help="网格更名（编码和案件不变）")
    rn.add_argument("code")
    rn.add_argument("name")
    rn.add_argument("--note", default="")
    rn.set_defaults(handler=_rename)
    sp = gsub.add_parser("split", help="拆分网格：原网格撤销，新网格承接；原案件仍归原网格")
    sp.add_argument("code")
    sp.add_argument(
        "parts", nargs="+", metavar="CODE=NAME[:HOUSEHOLDS]", help="新网格，如 410102006001006=北区:120"
    )
    sp.add_argument("--note", default="")
    sp.set_defaults(handler=_split)
    mg = gsub.add_parser("merge", help="合并网格：原网格撤销，合并为一个新网格")
    mg.add_argument("codes", nargs="+", help="被合并的网格编码（至少2个）")
    mg.add_argument("--into", required=True, metavar="CODE=NAME[:HOUSEHOLDS]", help="新网格")
    mg.add_argument("--note", default="")
    mg.set_defaults(handler=_merge)
    de = gsub.add_parser("deactivate", help="撤销网格（编码和案件保留）")
    de.add_argument("code")
    de.add_argument("--note", default="")
    de.set_defaults(handler=_deactivate)


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


def _rename(args: argparse.Namespace) -> int:
    from console.grids import rename_grid

    db = database(args)
    try:
        with db.write_session() as s:
            g = rename_grid(s, args.code, args.name, actor=actor(args), note=args.note)
            print(f"已更名：{g.code} → {g.name}")
    finally:
        db.dispose()
    return 0


def _split(args: argparse.Namespace) -> int:
    from console.grids import split_grid

    parts = [_parse_new(p) for p in args.parts]
    db = database(args)
    try:
        with db.write_session() as s:
            new = split_grid(s, args.code, parts, actor=actor(args), note=args.note)
            print(f"已拆分 {args.code} → " + "、".join(f"{g.name}（{g.code}）" for g in new))
    finally:
        db.dispose()
    return 0


def _merge(args: argparse.Namespace) -> int:
    from console.grids import merge_grids

    into = _parse_new(args.into)
    db = database(args)
    try:
        with db.write_session() as s:
            g = merge_grids(s, args.codes, into, actor=actor(args), note=args.note)
            print(f"已合并 {'、'.join(args.codes)} → {g.name}（{g.code}）")
    finally:
        db.dispose()
    return 0


def _deactivate(args: argparse.Namespace) -> int:
    from console.grids import deactivate_grid

    db = database(args)
    try:
        with db.write_session() as s:
            g = deactivate_grid(s, args.code, actor=actor(args), note=args.note)
            print(f"已撤销：{g.name}（{g.code}）")
    finally:
        db.dispose()
    return 0
