"""`gridconsole review`: the supervisory review in the terminal — figures, rankings, drill-down, the
计算 → 公示 → 申诉 → 审定 → 冻结 steps, spot checks, monitor flags and XLSX export.

A period is written `2026-10`, `2026Q3`, `2026` or `2026-10-01..2026-10-15`; a scope is `--by grid` (with
`--grid CODE`, `--level N`), `--by department`, `--by person` (handlers) or `--by worker` (grid workers: each
person holding a grid in the period, over that grid's cases). The bulletin PDF is `gridconsole bulletin`
(reports/, a front end registered through the entry points).
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from console import clock
from console.cli.common import acting_login, database, print_json
from console.errors import ValidationError
from console.review import freezing, spotcheck
from console.review.drill import AGAINST, COUNTED, LEFT_OUT, PART_LABELS
from console.review.figures import ALL_FIGURES, FIGURES, FIGURES_BY_KEY, TOTAL
from console.review.monitors import flags
from console.review.periods import Period, parse_period
from console.review.results import Review, drill_page, review, stored_result
from console.review.scopes import DEPARTMENT, GRID, KIND_LABELS, PERSON, WORKER, Scope
from console.review.spotcheck import OUTCOME_LABELS, Criteria

STEPS = {"compute": "计算", "publish": "公示", "approve": "审定", "freeze": "冻结", "diff": "差异"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("review", help="督查考核：指标、排名、下钻、冻结、申诉、抽查、预警、导出")
    rsub = p.add_subparsers(dest="review_command", metavar="WHAT", required=True)
    p.review_subcommands = rsub  # type: ignore[attr-defined]  # reports/ adds `review bulletin` here

    def with_scope(q: argparse.ArgumentParser) -> argparse.ArgumentParser:
        q.add_argument(
            "period", metavar="PERIOD", help="统计周期：2026-10、2026Q3、2026 或 2026-10-01..2026-10-15"
        )
        q.add_argument(
            "--by", choices=[GRID, DEPARTMENT, PERSON, WORKER], default=GRID,
            help="考核对象：网格、部门、办理人或网格员（worker：按本期任职的网格统计）",
        )
        q.add_argument("--grid", metavar="CODE", help="网格编码（只看该网格及下级）")
        q.add_argument("--level", type=int, choices=[1, 2, 3], help="按第几级网格分组（默认下一级）")
        q.add_argument("--key-area", action="store_true", help="只统计六个重点领域")
        q.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="以 JSON 输出")
        return q

    with_scope(rsub.add_parser("figures", help="各项指标（含公式与口径）")).set_defaults(handler=run_figures)
    with_scope(rsub.add_parser("rank", help="综合得分、等级、排名与升降")).set_defaults(handler=run_rank)
    with_scope(rsub.add_parser("flags", help="防数据造假监测预警")).set_defaults(handler=run_flags)
    d = with_scope(rsub.add_parser("drill", help="指标背后的案件，以及未计入的案件与原因"))
    d.add_argument("figure", metavar="FIGURE", help="指标代码或名称，如 close_rate 或 结案率")
    d.add_argument("--group", default=TOTAL, help="考核对象（网格编码、部门或人员 id；默认合计）")
    d.add_argument(
        "--part", choices=[COUNTED, AGAINST, LEFT_OUT], default=COUNTED, help="计入/计入分母/未计入"
    )
    d.add_argument("--after", type=int, default=0, help="上一页最后的案件 id（翻页）")
    d.add_argument("--limit", type=int, default=50)
    d.set_defaults(handler=run_drill)
    f = with_scope(rsub.add_parser("freeze", help="计算、公示、审定、冻结，或查看与实时数据的差异"))
    f.add_argument(
        "step", choices=list(STEPS), help="compute 计算、publish 公示、approve 审定、freeze 冻结、diff 差异"
    )
    f.set_defaults(handler=run_freeze)
    a = with_scope(rsub.add_parser("appeal", help="申诉（公示期间），或 --decide 裁定"))
    a.add_argument("--group", help="被考核对象（网格编码或部门/人员 id）")
    a.add_argument("--figure", help="申诉的指标")
    a.add_argument("--reason", default="", help="申诉理由")
    a.add_argument("--decide", type=int, metavar="APPEAL_ID", help="裁定这件申诉")
    a.add_argument("--upheld", action="store_true", help="申诉成立（否则不成立）")
    a.add_argument("--points", type=float, default=0.0, help="申诉成立时调整的分数")
    a.add_argument("--note", default="", help="裁定意见")
    a.set_defaults(handler=run_appeal)
    s = rsub.add_parser("spot-check", help="随机抽查：抽取样本，或记录抽查结果")
    s.add_argument("period", metavar="PERIOD", nargs="?", help="结案所在周期（抽取时）")
    s.add_argument("--size", type=int, help="抽查数量")
    s.add_argument("--rate", type=float, help="抽查比例（0-1）")
    s.add_argument("--seed", type=int, help="随机种子（默认取当前时间，输出中给出，可复现）")
    s.add_argument("--grid", metavar="CODE")
    s.add_argument("--department", type=int, metavar="ID")
    s.add_argument("--category", type=int, metavar="ID")
    s.add_argument("--record", type=int, metavar="ITEM_ID", help="记录这一抽查项的结果")
    s.add_argument(
        "--outcome", choices=list(OUTCOME_LABELS), help="confirmed / not_fixed（返工） / callback_disagrees"
    )
    s.add_argument("--note", default="")
    s.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    s.set_defaults(handler=run_spot_check)
    e = with_scope(rsub.add_parser("export", help="把指标、排名和预警导出为 XLSX"))
    e.add_argument("--out", required=True, help="输出的 .xlsx 文件")
    e.set_defaults(handler=run_export)


# --- shared ---------------------------------------------------------------------------------------------------


def scope_of(args: argparse.Namespace) -> Scope:
    if args.by == GRID:
        level = args.level or (
            None if args.grid and len(args.grid) == 15 and not args.grid.endswith("000") else 2
        )
        return Scope(GRID, args.grid, level, key_area=args.key_area)
    return Scope(args.by, args.grid, None, key_area=args.key_area)


def _open(args: argparse.Namespace) -> tuple[Any, str, Period, Scope]:
    db = database(args)
    login = acting_login(args, db)
    return db, login, parse_period(args.period), scope_of(args)


def _figure_key(text: str) -> str:
    for f in ALL_FIGURES:
        if text in (f.key, f.label):
            return f.key
    raise ValidationError(
        f"未知的指标“{text}”：可选 " + "、".join(f"{f.key}（{f.label}）" for f in ALL_FIGURES)
    )


def _header(r: Review) -> str:
    t = r.table
    return (f"{t.period.label} {KIND_LABELS[t.scope.kind]}考核（{r.status_label}；统计时点 {t.as_of:%Y-%m-%d %H:%M}；"
            f"考核细则第 {r.rules.version} 版“{r.rules.name}”）")  # fmt: skip


# --- commands ------------------------------------------------------------------------------------------------


def run_figures(args: argparse.Namespace) -> int:
    db, _login, period, scope = _open(args)
    try:
        with db.session() as s:
            r = review(s, period, scope)
        t = r.table
        groups = [TOTAL, *t.keys]
        if getattr(args, "json", False):
            print_json({"period": period.key, "status": r.status, "rule_set_version": r.rules.version,
                        "groups": {g: t.names.get(g, "合计") for g in groups},
                        "figures": [{"key": f.key, "label": f.label, "formula": f.formula, "rules": t.rule_texts(f),
                                     "values": {g: t.text(f, g) for g in groups}} for f in FIGURES]})  # fmt: skip
            return 0
        print(_header(r))
        names = ["合计"] + [t.names.get(g, g) for g in t.keys]
        print("指标\t" + "\t".join(names))
        for f in FIGURES:
            print(f"{f.label}\t" + "\t".join(t.text(f, g) for g in groups))
        print()
        for f in FIGURES:
            rules = "；".join(t.rule_texts(f))
            print(f"  {f.formula}" + (f"（{rules}）" if rules else ""))
    finally:
        db.dispose()
    return 0


def run_rank(args: argparse.Namespace) -> int:
    db, _login, period, scope = _open(args)
    try:
        with db.session() as s:
            r = review(s, period, scope)
        if getattr(args, "json", False):
            print_json([sc.__dict__ | {"movement_text": sc.movement_text, "clamp_text": sc.clamp_text}
                        for sc in r.scores])  # fmt: skip
            return 0
        print(_header(r))
        print("名次\t对象\t基础分\t加减分\t综合得分\t等级\t升降")
        for sc in r.scores:
            total = sc.total_text
            base = "—" if sc.base is None else f"{sc.base:.2f}"
            print(
                f"{sc.rank or '—'}\t{sc.name}\t{base}\t{sc.adjustment:+.2f}\t{total}\t{sc.grade}\t{sc.movement_text}"
            )
        if any(sc.clamp_text for sc in r.scores):
            print(f"* {r.rules.score_range_text}")
    finally:
        db.dispose()
    return 0


def run_flags(args: argparse.Namespace) -> int:
    db, _login, period, scope = _open(args)
    try:
        with db.session() as s:
            r = review(s, period, scope)
        found = flags(r.table, r.rules)
        if getattr(args, "json", False):
            print_json([f.__dict__ for f in found])
            return 0
        print(_header(r))
        if not found:
            print("没有超过阈值的监测项")
        for f in found:
            print(f"{f.name}\t{f.label}\t{f.value_text}（{f.threshold_text}）\t{f.count} 件\t"
                  f"gridconsole review drill {period.key} {f.monitor} --by {scope.kind} --group {f.group}")  # fmt: skip
    finally:
        db.dispose()
    return 0


def run_drill(args: argparse.Namespace) -> int:
    db, _login, period, scope = _open(args)
    key = _figure_key(args.figure)
    if not 1 <= args.limit <= 10_000:
        raise ValidationError("--limit 须在 1 到 10000 之间")
    try:
        with db.session() as s:
            r = review(s, period, scope)
            page = drill_page(s, period, scope, key, args.group, args.part, args.after, args.limit)
        if getattr(args, "json", False):
            print_json({"rows": [{"id": x.row.id, "number": x.row.number, "status": x.row.status.label,
                                  "summary": x.row.summary, "reason": x.reason} for x in page.rows],
                        "after": page.after})  # fmt: skip
            return 0
        f = FIGURES_BY_KEY[key]
        print(f"{period.label} {f.label}（{r.table.text(f, args.group)}）— {PART_LABELS[args.part]}")
        for x in page.rows:
            print(f"{x.row.number}\t{x.row.status.label}\t{x.row.grid_name}\t{x.row.summary}\t{x.reason}")
        if page.after is not None:
            print(f"（下一页：--after {page.after}）")
    finally:
        db.dispose()
    return 0


def run_freeze(args: argparse.Namespace) -> int:
    db, login, period, scope = _open(args)
    now = clock.now()
    try:
        if args.step == "diff":
            with db.session() as s:
                row = stored_result(s, period, scope)
                if row is None:
                    raise ValidationError(
                        f"{period.label}还没有计算结果：先运行 review freeze {period.key} compute"
                    )
                diffs = freezing.differences(s, row.id, now)
            if not diffs:
                print("重新计算与已存结果一致")
            for d in diffs:
                print(
                    f"{d.name}\t{d.figure}\t已存 {d.frozen}\t现算 {d.now}\t新增 {list(d.added)}\t移出 {list(d.removed)}"
                )
            return 0
        with db.write_session() as s:
            if args.step == "compute":
                row = freezing.compute(s, period, scope, login, now)
            else:
                row = stored_result(s, period, scope)
                if row is None:
                    raise ValidationError(
                        f"{period.label}还没有计算结果：先运行 review freeze {period.key} compute"
                    )
                step = {"publish": freezing.publish, "approve": freezing.approve, "freeze": freezing.freeze}[
                    args.step
                ]
                row = step(s, row.id, login, now)
            status, digest = row.status, row.content_hash
        print(
            f"{period.label}考核结果已{STEPS[args.step]}（{status}）"
            + (f"，内容摘要 {digest}" if digest else "")
        )
    finally:
        db.dispose()
    return 0


def run_appeal(args: argparse.Namespace) -> int:
    db, login, period, scope = _open(args)
    now = clock.now()
    try:
        with db.write_session() as s:
            if args.decide is not None:
                a = freezing.decide(s, args.decide, args.upheld, args.note, login, now, args.points)
                print(f"申诉 {a.id} 已裁定：{freezing.DECISION_LABELS[a.decision or '']}")
                return 0
            row = stored_result(s, period, scope)
            if row is None:
                raise ValidationError(f"{period.label}的考核结果尚未公示，不能申诉")
            if not args.group or not args.figure:
                raise ValidationError("申诉须指明考核对象（--group）和指标（--figure）")
            a = freezing.appeal(s, row.id, args.group, _figure_key(args.figure), args.reason, login, now)
            print(f"申诉已登记（编号 {a.id}），待中心主任裁定")
    finally:
        db.dispose()
    return 0


def run_spot_check(args: argparse.Namespace) -> int:
    db = database(args)
    login = acting_login(args, db)
    now = clock.now()
    try:
        if args.record is not None:
            if args.outcome is None:
                raise ValidationError("请用 --outcome 指明抽查结果")
            item = spotcheck.record(db, args.record, args.outcome, args.note, login, now)
            print(f"已记录：{OUTCOME_LABELS[item.outcome or '']}")
            return 0
        if not args.period:
            raise ValidationError(
                "抽取样本须指明结案所在的周期，如 gridconsole review spot-check 2026-10 --size 10"
            )
        seed = args.seed if args.seed is not None else int(datetime.now().timestamp())
        crit = Criteria(args.grid, args.department, args.category, args.size, args.rate)
        with db.write_session() as s:
            check = spotcheck.draw(s, parse_period(args.period), crit, seed, login, now)
            items = [(i.id, i.case_id) for i in spotcheck.check_items(s, check.id)]
            check_id = check.id
        if getattr(args, "json", False):
            print_json(
                {"check": check_id, "seed": seed, "items": [{"item": i, "case_id": c} for i, c in items]}
            )
            return 0
        print(f"抽查 {check_id}（种子 {seed}，同一种子可复现）：{len(items)} 件")
        for i, c in items:
            print(f"  抽查项 {i}\t案件 id {c}")
    finally:
        db.dispose()
    return 0


def run_export(args: argparse.Namespace) -> int:
    from console.review.export import write_xlsx

    db, _login, period, scope = _open(args)
    try:
        with db.session() as s:
            r = review(s, period, scope)
        path = write_xlsx(r, args.out)
        print(f"已导出 {path}")
    finally:
        db.dispose()
    return 0
