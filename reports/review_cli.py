"""`gridconsole review bulletin PERIOD -o FILE.pdf`: the monthly bulletin, or the quarterly / annual
assessment (季考核 / 年终考核) of frozen months, added to `console.cli.review_cmd`'s subcommands from here
(console/ never imports reports/)."""

from __future__ import annotations

import argparse

from console.cli.common import acting_login, database
from console.errors import ValidationError
from console.review.periods import parse_period
from console.security.audit import audit_export


def register_review_pdfs(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    review = sub.choices.get("review")
    rsub = getattr(review, "review_subcommands", None)
    if rsub is None:
        return
    p = rsub.add_parser("bulletin", help="月通报、季考核、年终考核（PDF，含排名、预警、图表与指标口径）")
    p.add_argument("period", metavar="PERIOD", help="2026-10（月通报）、2026Q3（季考核）或 2026（年终考核）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_review_bulletin)


def cmd_review_bulletin(args: argparse.Namespace) -> int:
    from reports.review_bulletin import render_review_bulletin

    if not args.output.lower().endswith(".pdf"):
        raise ValidationError(f"输出文件应为 .pdf：{args.output}")
    period = parse_period(args.period)
    db = database(args)
    login = acting_login(args, db)
    try:
        pages = render_review_bulletin(db, period, args.output)
        audit_export(db, login, "考核通报", f"{period.label}，{pages} 页 → {args.output}")
    finally:
        db.dispose()
    print(f"已生成 {args.output}：{period.label}考核通报，共 {pages} 页")
    return 0
