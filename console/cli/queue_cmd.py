"""`gridconsole queue`: the case queue in the terminal (filters, sort, keyset pages) and `queue counts`."""

from __future__ import annotations

import argparse
import unicodedata
from dataclasses import fields, replace
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console import clock, queue
from console.cli.common import acting_login, database, print_json
from console.domain import CaseStatus, Labeled, Source, TrafficLight
from console.errors import ValidationError
from console.models import Category, Department, Grid
from console.queue import QUICK_FILTERS, Cursor, QueueFilter, SortKey


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("queue", help="案件队列（筛选、排序、翻页）；`queue counts` 显示统计")
    p.add_argument("what", nargs="?", choices=["counts"], help="counts：各状态数量与今日概况")
    p.add_argument("--status", action="append", metavar="状态", help="状态（可多次），如 待受理、办理中")
    p.add_argument("--grid", metavar="CODE", help="网格编码（含下级网格）")
    p.add_argument("--category", action="append", metavar="NAME", help="事件类别名称或编码（可多次）")
    p.add_argument("--department", action="append", metavar="NAME", help="牵头部门名称或编码（可多次）")
    p.add_argument(
        "--light", action="append", metavar="LIGHT", help="时限灯：red/yellow/green/paused/none 或中文"
    )
    p.add_argument("--source", action="append", metavar="SOURCE", help="来源（可多次），如 12345热线")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="上报日期起（含），YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="上报日期止（含），YYYY-MM-DD")
    p.add_argument("--text", help="案件编号、描述、地址或网格名称/拼音首字母")
    p.add_argument("--quick", choices=QUICK_FILTERS, help="快捷筛选")
    p.add_argument(
        "--sort", choices=[k.value for k in SortKey], default="deadline", help="排序（默认按时限）"
    )
    p.add_argument("--desc", action="store_true", help="倒序")
    p.add_argument("--limit", type=int, default=50, help="每页行数（默认 50）")
    p.add_argument("--after", metavar="CURSOR", help="上一页输出的翻页游标")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="以 JSON 输出")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db = database(args)
    acting_login(args, db)  # on an embedded database with users, prove who reads
    now = clock.now()
    try:
        with db.session() as s:
            flt = build_filter(s, args)
            if args.what == "counts":
                return _counts(s, flt, now, as_json=bool(getattr(args, "json", False)))
            if args.limit < 1 or args.limit > 10_000:
                raise ValidationError("--limit 须在 1 到 10000 之间")
            after = Cursor.decode(args.after) if args.after else None
            page = queue.fetch_page(
                s, flt, SortKey(args.sort), args.desc, after=after, limit=args.limit, now=now
            )
            if getattr(args, "json", False):
                print_json(
                    {
                        "rows": [_row_json(r) for r in page.rows],
                        "next_cursor": page.next_cursor.encode() if page.next_cursor else None,
                    }
                )
            else:
                total = queue.count(s, flt, now)
                _print_table(page, total)
    finally:
        db.dispose()
    return 0


# --- arguments → filter ----------------------------------------------------------------------------------


def _enum_values(cls: type[Labeled], texts: list[str] | None, what: str) -> frozenset[Any] | None:
    if not texts:
        return None
    out = set()
    for t in texts:
        for part in t.replace("，", ",").split(","):
            if not part.strip():
                continue
            try:
                out.add(cls.from_text(part.strip()))
            except ValueError as exc:
                raise ValidationError(f"{what}：{exc}") from exc
    return frozenset(out)


def _statuses(texts: list[str] | None) -> frozenset[CaseStatus] | None:
    """Status words; 办理中 on the command line means the quick filter's set (as on the dashboard)."""
    if not texts:
        return None
    out: set[CaseStatus] = set()
    for t in texts:
        for part in t.replace("，", ",").split(","):
            word = part.strip()
            if word == "办理中":
                out |= queue.WORKING_STATUSES
            elif word:
                found = _enum_values(CaseStatus, [word], "状态")
                out |= found or set()
    return frozenset(out)


def _day_start(text: str, option: str) -> datetime:
    try:
        return datetime.combine(datetime.strptime(text, "%Y-%m-%d").date(), time())
    except ValueError as exc:
        raise ValidationError(f"{option} 的日期“{text}”无效，请用 YYYY-MM-DD 格式，如 2026-03-01") from exc


def _lookup_ids(session: Session, model: Any, names: list[str] | None, what: str) -> frozenset[int] | None:
    if not names:
        return None
    ids: set[int] = set()
    for name in names:
        found = session.scalar(select(model.id).where(or_(model.name == name, model.code == name)))
        if found is None:
            known = "、".join(session.scalars(select(model.name).order_by(model.id)).all()[:20])
            raise ValidationError(f"未知的{what}“{name}”；已有：{known}")
        ids.add(found)
    return frozenset(ids)


def build_filter(session: Session, args: argparse.Namespace) -> QueueFilter:
    flt = QueueFilter(
        statuses=_statuses(args.status),
        category_ids=_lookup_ids(session, Category, args.category, "事件类别"),
        department_ids=_lookup_ids(session, Department, args.department, "部门"),
        lights=_enum_values(TrafficLight, args.light, "时限灯"),
        sources=_enum_values(Source, args.source, "来源"),
        text=args.text or None,
    )
    if args.grid:
        code = session.scalar(select(Grid.code).where(or_(Grid.code == args.grid, Grid.name == args.grid)))
        if code is None:
            raise ValidationError(f"未知的网格编码“{args.grid}”")
        flt = replace(flt, grid_code_prefix=queue.subtree_prefix(code))
    if args.date_from:
        flt = replace(flt, reported_from=_day_start(args.date_from, "--from"))
    if args.date_to:
        flt = replace(flt, reported_to=_day_start(args.date_to, "--to") + timedelta(days=1))
    if flt.reported_from and flt.reported_to and flt.reported_from >= flt.reported_to:
        raise ValidationError("--from 的日期晚于 --to")
    if args.quick:
        login = getattr(args, "user", None) or _login()
        preset = queue.quick_filter(args.quick, login)
        if args.quick == "待签收":  # a department handler's: their departments' cases (console.queue.seat_alerts)
            from console.queue.seat_alerts import awaiting_sign_filter
            from console.security.posts import load_principal

            preset = awaiting_sign_filter(load_principal(session, login))
        # the preset fills what the other options left open; where both speak, both must hold
        for f in fields(QueueFilter):
            mine, theirs = getattr(flt, f.name), getattr(preset, f.name)
            if theirs is None:
                continue
            if mine is None:
                flt = replace(flt, **{f.name: theirs})
            elif isinstance(mine, frozenset):
                flt = replace(flt, **{f.name: mine & theirs})
    return flt


def _login() -> str:
    import getpass

    return getpass.getuser()


# --- output ----------------------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """Cut to `width` display columns (CJK characters take two) and pad."""
    out: list[str] = []
    used = 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            if out:
                out[-1] = "…"
                used = _width("".join(out))
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (width - used)


def _fmt_dt(value: datetime | None) -> str:
    return value.strftime("%m-%d %H:%M") if value else "—"


_COLUMNS = [
    ("编号", 11),
    ("状态", 10),
    ("时限", 8),
    ("时限至", 11),
    ("类别", 10),
    ("网格", 14),
    ("牵头部门", 10),
    ("摘要", 28),
    ("上报时间", 11),
]


def _print_table(page: queue.Page, total: int) -> None:
    print("  ".join(_fit(title, w) for title, w in _COLUMNS).rstrip())
    print("  ".join("-" * w for _title, w in _COLUMNS))
    for r in page.rows:
        cells = [
            r.number,
            r.status.label,
            r.light.label,
            _fmt_dt(r.stage_due_at),
            r.category_name,
            r.grid_name,
            r.lead_department_name or "—",
            ("【急】" if r.urgent else "") + r.summary,
            _fmt_dt(r.reported_at),
        ]
        print("  ".join(_fit(c, w) for c, (_t, w) in zip(cells, _COLUMNS, strict=True)).rstrip())
    print(f"共 {total} 件，本页 {len(page.rows)} 件")
    if page.next_cursor:
        print(f"下一页：gridconsole queue … --after {page.next_cursor.encode()}")


def _row_json(r: queue.QueueRow) -> dict[str, Any]:
    out = {f.name: getattr(r, f.name) for f in fields(r)}
    out["status_label"] = r.status.label
    out["light_label"] = r.light.label
    return out


def _counts(session: Session, flt: QueueFilter, now: datetime, *, as_json: bool) -> int:
    by_status = queue.status_counts(session, flt, now)
    dash = queue.dashboard_counts(session, now)
    if as_json:
        print_json({"status": {s.value: n for s, n in by_status.items()}, "dashboard": dash})
        return 0
    print("各状态数量")
    for status, n in by_status.items():
        print(f"  {_fit(status.label, 12)}{n:>10}")
    print("今日概况")
    labels = [
        ("待受理", dash.pending_accept),
        ("办理中", dash.in_progress),
        ("即将超期", dash.due_soon),
        ("已超期", dash.overdue),
        ("今日新增", dash.new_today),
        ("今日办结", dash.closed_today),
    ]
    for label, n in labels:
        print(f"  {_fit(label, 12)}{n:>10}")
    return 0
