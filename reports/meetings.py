"""The printed documents of a consultation meeting: the agenda (会商议程) with each item's case summary,
reasons and history digest, the attendance sheet (签到表) with signature lines, and the minutes (会议纪要) with
attendees, absentees, each item's discussion and decision (owner, due date) and the sign-off lines.

A4 portrait with GB/T 9704 margins and "— N —" page numbers, laid out like `reports.forms`. Approved minutes
print from their frozen snapshot (`console.meetings.read`), followed by any dated addenda.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from console import clock
from console.db import Database
from console.meetings.read import MeetingView, meeting_view
from console.security.audit import audit_export
from reports.fonts import PdfFonts, fonts_from_settings
from reports.forms import _build, _grid, _p, _Styles
from reports.layout import A4_PORTRAIT, cn_date


def _head(m: MeetingView, s: _Styles, what: str) -> list[Flowable]:
    return [
        _p(m.title, s.title),
        Spacer(1, 4),
        _p(what, s.subtitle),
        Spacer(1, 8),
        _p(f"时间：{cn_date(m.held_at)} {m.held_at:%H:%M}　　地点：{m.place}", s.line),
        _p(f"主持人：{m.chair or '　　　　'}　　记录人：{m.recorder or '　　　　'}", s.line),
        Spacer(1, 10),
    ]


def agenda_story(m: MeetingView, fonts: PdfFonts) -> list[Flowable]:
    s = _Styles(fonts)
    width = A4_PORTRAIT.frame_width
    story = _head(m, s, f"会商议程（共 {len(m.items)} 项）")
    for i in m.items:
        reasons = "\n".join(f"· {text}" for _code, text in i.reasons) or "—"
        history = "\n".join(i.history) or "—"
        rows = [
            [_p(f"第 {i.position} 项", s.label), _p(f"{i.case_number}　{i.summary}", s.cell)],
            [_p("基本情况", s.label), _p(f"{i.grid}｜{i.category}｜{i.status}｜牵头部门：{i.lead_department or '未派遣'}",
                                      s.cell)],
            [_p("上会理由", s.label), _p(reasons, s.cell)],
            [_p("办理经过", s.label), _p(history, s.small)],
        ]  # fmt: skip
        table = Table(rows, colWidths=[width * 0.16, width * 0.84])
        table.setStyle(TableStyle(_grid(fonts)))
        story += [KeepTogether([table]), Spacer(1, 8)]
    if not m.items:
        story.append(_p("本期无议题。", s.body))
    return story


def attendance_story(m: MeetingView, fonts: PdfFonts) -> list[Flowable]:
    s = _Styles(fonts)
    width = A4_PORTRAIT.frame_width
    rows = [[_p(h, s.label) for h in ("序号", "姓名", "单位/职务", "签到", "备注")]]
    for n, a in enumerate(m.attendees, 1):
        rows.append([_p(str(n), s.cell_center), _p(a.name, s.cell), _p(a.department or a.duty, s.cell), "", ""])
    for n in range(len(m.attendees) + 1, max(len(m.attendees) + 6, 16)):  # blank lines for walk-ins
        rows.append([_p(str(n), s.cell_center), "", "", "", ""])
    table = Table(rows, colWidths=[width * w for w in (0.08, 0.2, 0.32, 0.22, 0.18)], repeatRows=1)
    table.setStyle(TableStyle(_grid(fonts) + [("MINROWHEIGHT", (0, 0), (-1, -1), 30)]))
    return [*_head(m, s, "签　到　表"), table]


def minutes_story(m: MeetingView, fonts: PdfFonts) -> list[Flowable]:
    s = _Styles(fonts)
    width = A4_PORTRAIT.frame_width
    present = [a for a in m.attendees if a.attendance in ("出席", "委托参会", "已邀请")]
    absent = [a for a in m.attendees if a.attendance == "缺席"]
    who = "、".join(a.name + (f"（{a.substitute}代）" if a.substitute else "") for a in present) or "—"
    away = "、".join(f"{a.name}（{a.absence_reason}）" for a in absent) or "无"
    story = _head(m, s, "会　议　纪　要")
    story += [_p(f"出席：{who}", s.line), _p(f"缺席：{away}", s.line), Spacer(1, 8),
              _p(f"会议研究了以下 {len(m.items)} 个事项：", s.body)]  # fmt: skip
    for i in m.items:
        d = i.decision
        decided = "未形成决定" if d is None else f"【{d.kind_label}】{d.text}"
        owner = "—" if d is None else "　".join(x for x in (d.department, d.owner) if x) or "—"
        due = "—" if d is None or not d.due_on else d.due_on
        rows = [
            [_p(f"事项 {i.position}", s.label), _p(f"{i.case_number}　{i.summary}", s.cell)],
            [_p("讨论情况", s.label), _p(i.discussion or "—", s.cell)],
            [_p("会议决定", s.label), _p(decided, s.cell)],
            [_p("责任单位/人", s.label), _p(f"{owner}　　办理期限：{due}", s.cell)],
        ]
        table = Table(rows, colWidths=[width * 0.16, width * 0.84])
        table.setStyle(TableStyle(_grid(fonts)))
        story += [Spacer(1, 6), KeepTogether([table])]
    if m.addenda:
        story += [Spacer(1, 10), _p("补充说明", s.heading)]
        story += [_p(f"{cn_date(at)}（{by}）：{text}", s.line) for at, by, text in m.addenda]
    approved = cn_date(m.approved_at) if m.approved_at else "　　　　年　　月　　日"
    sign = ParagraphStyle("sign", parent=s.line, leading=30)
    story += [Spacer(1, 24), KeepTogether([
        _p(f"记录人：{m.recorder or '　　　　　　'}（签字）　　　　审定人：{m.approved_by or '　　　　　　'}（签字）", sign),
        _p(f"审定日期：{approved}", sign),
    ])]  # fmt: skip
    return story


def _render(db: Database, meeting_id: int, login: str, out: str | Path | BinaryIO, what: str,
            fonts: PdfFonts | None, audit: bool) -> int:  # fmt: skip
    with db.session() as session:
        m = meeting_view(session, meeting_id, login, clock.now().date())
        fonts = fonts or fonts_from_settings(session)
    if what == "agenda":
        story, name = agenda_story(m, fonts), "会商议程"
    elif what == "attendance":
        story, name = attendance_story(m, fonts), "签到表"
    else:
        story, name = minutes_story(m, fonts), "会议纪要"
    pages = _build(out, story, fonts, f"{m.title} {name}")
    if audit:
        audit_export(db, login, name, _detail(m.title, pages, out))
    return pages


def _detail(title: str, pages: int, out: str | Path | BinaryIO) -> str:
    return f"{title}，{pages} 页" + (f" → {out}" if isinstance(out, (str, Path)) else "")


def render_agenda(db: Database, meeting_id: int, login: str, out: str | Path | BinaryIO, *,
                  fonts: PdfFonts | None = None, with_attendance: bool = True, audit: bool = True) -> int:  # fmt: skip
    """The agenda, followed (on a new page) by the attendance sheet; returns the page count. `audit=False`
    for a preview: only what is saved or printed is an export (the print dialog audits those itself)."""
    if not with_attendance:
        return _render(db, meeting_id, login, out, "agenda", fonts, audit)
    with db.session() as session:
        m = meeting_view(session, meeting_id, login, clock.now().date())
        fonts = fonts or fonts_from_settings(session)
    story = [*agenda_story(m, fonts), PageBreak(), *attendance_story(m, fonts)]
    pages = _build(out, story, fonts, f"{m.title} 会商议程")
    if audit:
        audit_export(db, login, "会商议程", _detail(m.title, pages, out))
    return pages


def render_minutes(db: Database, meeting_id: int, login: str, out: str | Path | BinaryIO, *,
                   fonts: PdfFonts | None = None, audit: bool = True) -> int:  # fmt: skip
    """The minutes (approved ones from their frozen snapshot); returns the page count."""
    return _render(db, meeting_id, login, out, "minutes", fonts, audit)


def render_attendance(db: Database, meeting_id: int, login: str, out: str | Path | BinaryIO, *,
                      fonts: PdfFonts | None = None, audit: bool = True) -> int:  # fmt: skip
    """The attendance sheet (签到表) alone; returns the page count."""
    return _render(db, meeting_id, login, out, "attendance", fonts, audit)
