"""The short printed forms: supervision notice (督办单), case sheet (案件处理单) and the monthly bulletin
(月通报: `render_bulletin` prints the complete one of `reports.review_bulletin`; `bulletin_story` here is the
figures-only layout over `console.ledger.monthly_figures`).

They are a few pages each, so reportlab's platypus lays them out (Paragraphs with CJK wrapping inside
Tables). A4 portrait with GB/T 9704 margins, 黑体 titles, 仿宋/宋体 body, "— N —" page numbers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from console import clock
from console.db import Database
from console.ledger import (
    FigureRow,
    MonthlyFigures,
    NoticeData,
    notice_data,
    plan_measures,
    township_name,
)
from reports.fonts import PdfFonts, Unprintable, chain_for, fallback_markup, fonts_from_settings
from reports.layout import A4_PORTRAIT, cn_date


def _mask_phone(phone: str | None) -> str:
    """Print a reporter's phone masked (138****5678): the sheet circulates on paper."""
    if not phone:
        return ""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else phone


#: a supervision notice is a one-page form with its tear-off receipt: a longer description points to the case sheet
NOTICE_DESCRIPTION_MAX = 160  # with the receipt (回执) below, 160 characters keep it one page


def _notice_text(summary: str, description: str) -> str:
    if not description:
        return summary
    if len(description) > NOTICE_DESCRIPTION_MAX:
        description = description[:NOTICE_DESCRIPTION_MAX] + "……（全文见案件处理单）"
    return f"{summary}：{description}"


def _dt(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return value.strftime(fmt) if value else ""


class _Styles:
    def __init__(self, fonts: PdfFonts) -> None:
        self.title = ParagraphStyle(
            "title", fontName=fonts.title, fontSize=22, leading=30, alignment=TA_CENTER
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontName=fonts.body, fontSize=14, leading=20, alignment=TA_CENTER
        )
        self.heading = ParagraphStyle("heading", fontName=fonts.title, fontSize=14, leading=22, spaceBefore=8)
        self.body = ParagraphStyle("body", fontName=fonts.body, fontSize=14, leading=24, wordWrap="CJK",
                                   firstLineIndent=28)  # fmt: skip
        self.cell = ParagraphStyle("cell", fontName=fonts.body, fontSize=11, leading=15, wordWrap="CJK")
        self.cell_center = ParagraphStyle("cellc", parent=self.cell, alignment=TA_CENTER)
        self.label = ParagraphStyle("label", fontName=fonts.title, fontSize=11, leading=15, wordWrap="CJK",
                                    alignment=TA_CENTER)  # fmt: skip
        self.small = ParagraphStyle("small", fontName=fonts.body, fontSize=10, leading=13, wordWrap="CJK")
        self.small_center = ParagraphStyle("smallc", parent=self.small, alignment=TA_CENTER)
        self.small_label = ParagraphStyle("smalll", fontName=fonts.title, fontSize=10, leading=13,
                                          wordWrap="CJK", alignment=TA_CENTER)  # fmt: skip
        self.right = ParagraphStyle("right", fontName=fonts.body, fontSize=14, leading=24, alignment=TA_RIGHT)
        self.right_line = ParagraphStyle("rightl", fontName=fonts.body, fontSize=14, leading=20, alignment=TA_RIGHT)
        self.right_small = ParagraphStyle("rights", fontName=fonts.body, fontSize=11, leading=15, alignment=TA_RIGHT)
        self.line = ParagraphStyle("line", fontName=fonts.body, fontSize=12, leading=18, wordWrap="CJK")


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; newlines kept); a character the style's face lacks is drawn in the
    first fallback face that has it, one no face has as 〓 (`reports.fonts.fallback_markup`)."""
    return Paragraph(fallback_markup(escape(text), style.fontName).replace("\n", "<br/>"), style)


def _grid(fonts: PdfFonts) -> list[tuple[Any, ...]]:
    """Ruled table; empty cells get the CJK font too (else reportlab sets Helvetica, which is not embedded)."""
    return [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("FONTNAME", (0, 0), (-1, -1), fonts.body),
    ]


def _build(out: str | Path | BinaryIO, story: list[Flowable], fonts: PdfFonts, title: str) -> int:
    """Lay the story out on A4 portrait pages numbered "— N —"; returns the page count."""
    g = A4_PORTRAIT
    pages: list[int] = []

    def number(canvas: Canvas, doc: Any) -> None:
        pages.append(doc.page)
        canvas.saveState()
        canvas.setFont(fonts.body, 14)
        canvas.drawCentredString(g.width / 2, g.bottom - 28, f"— {doc.page} —")
        canvas.restoreState()

    target = str(out) if isinstance(out, Path) else out
    doc = SimpleDocTemplate(
        target, pagesize=(g.width, g.height), leftMargin=g.left, rightMargin=g.right, topMargin=g.top,
        bottomMargin=g.bottom, title=title, creator="GridConsole 网格化管理指挥调度台",
        initialFontName=fonts.body,
    )  # fmt: skip
    doc.build(story, onFirstPage=number, onLaterPages=number)
    return len(pages)


# --- 督办单 ------------------------------------------------------------------------------------------------------


class FillIn(Flowable):
    """One line of a form with blanks to write in by hand: text parts and blanks (a width in points), each
    blank an underline of fixed width, so "于　　年　　月　　日前办结" keeps its room whatever the font does
    with spaces."""

    def __init__(self, parts: Sequence[str | float], font: str, size: float = 11, leading: float = 22) -> None:
        super().__init__()
        self.parts = list(parts)
        self.font = font
        self.size = size
        self.leading = leading

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.leading

    def draw(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        c = self.canv
        x, y = 0.0, (self.leading - self.size) / 2 + 2
        c.setLineWidth(0.5)
        for part in self.parts:
            if isinstance(part, str):
                c.setFont(self.font, self.size)
                c.drawString(x, y, part)
                x += stringWidth(part, self.font, self.size)
            else:
                c.line(x + 2, y - 2, x + part - 2, y - 2)
                x += part


class CutLine(Flowable):
    """The dashed line a receipt (回执) is torn off along, with "沿此线剪下" in its middle."""

    def __init__(self, font: str, size: float = 9) -> None:
        super().__init__()
        self.font = font
        self.size = size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, 18

    def draw(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        c = self.canv
        label = "（沿此线剪下）"
        w = stringWidth(label, self.font, self.size)
        mid = self.width / 2
        c.setDash(4, 3)
        c.setLineWidth(0.5)
        c.line(0, 9, mid - w / 2 - 4, 9)
        c.line(mid + w / 2 + 4, 9, self.width, 9)
        c.setDash()
        c.setFont(self.font, self.size)
        c.drawCentredString(mid, 9 - self.size * 0.35, label)


BLANK_YEAR, BLANK_DAY, BLANK_NAME = 44.0, 26.0, 110.0  # room to write a year, a month or day, a name


def _date_blanks(prefix: str = "", suffix: str = "") -> list[str | float]:
    return [prefix, BLANK_YEAR, "年", BLANK_DAY, "月", BLANK_DAY, "日" + suffix]


def notice_story(
    notices: Sequence[NoticeData], fonts: PdfFonts, township: str, issued: datetime,
    labels: Sequence[str] | None = None,
) -> list[Flowable]:  # fmt: skip
    """One 督办单 per notice: the case, the chase with its fill-in deadline, the sign-off with the seal and a
    tear-off receipt (回执) the unit returns. `labels`: the issued numbers (督〔2026〕5号); without them (a
    preview) the number is left blank."""
    s = _Styles(fonts)
    width = A4_PORTRAIT.frame_width
    story: list[Flowable] = []
    center = f"{township}网格化服务中心"
    for i, n in enumerate(notices):
        if i:
            story.append(PageBreak())
        label = labels[i] if labels else f"督〔{issued.year}〕　　号"
        overdue = f"已超期 {n.overdue_days} 天" if n.overdue_days else "尚未超期"
        rows = [
            [_p("案件编号", s.label), _p(n.number, s.cell), _p("所属网格", s.label), _p(n.grid, s.cell)],
            [_p("问题类别", s.label), _p(n.category, s.cell), _p("发现时间", s.label), _p(_dt(n.reported_at), s.cell)],
            [_p("问题描述", s.label), _p(_notice_text(n.summary, n.description), s.cell), "", ""],
            [_p("地　　址", s.label), _p(n.address, s.cell), "", ""],
            [_p("责任单位", s.label), _p(n.department, s.cell), _p("责任人", s.label), _p(n.person, s.cell)],
            [_p("派遣时间", s.label), _p(_dt(n.dispatched_at), s.cell), _p("办结时限", s.label),
             _p(_dt(n.due_at), s.cell)],
            [_p("超期情况", s.label), _p(overdue, s.cell), _p("督办次数", s.label),
             _p(f"第 {n.supervise_count + 1} 次", s.cell)],
            [_p("交办意见", s.label), _p(n.instructions, s.cell), "", ""],
            [_p("督办要求", s.label), [
                _p(f"请责任单位接此单后立即组织整改，并将整改结果书面反馈{center}。"
                   "逾期仍未办结的，在月通报中通报并纳入年度考核。", s.cell),
                FillIn(_date_blanks("限", "前办结。"), fonts.body),
            ], "", ""],
            [_p("责任单位\n签收", s.label), [
                FillIn(["签收人：", BLANK_NAME], fonts.body),
                FillIn(_date_blanks("签收时间："), fonts.body),
            ], "", ""],
        ]  # fmt: skip
        table = Table(rows, colWidths=[width * 0.16, width * 0.34, width * 0.16, width * 0.34])
        spans = [("SPAN", (1, r), (3, r)) for r in (2, 3, 7, 8, 9)]
        table.setStyle(TableStyle(_grid(fonts) + spans + [("MINROWHEIGHT", (0, 0), (-1, -1), 22),
                                                          ("TOPPADDING", (0, 0), (-1, -1), 3),
                                                          ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))  # fmt: skip
        receipt = Table(
            [
                [_p("督办单回执", s.label)],
                [_p(f"{center}：\n　　{label}督办单（案件编号 {n.number}）已收到，将按要求整改并书面反馈。", s.cell)],
                [FillIn(["整改情况：", width - 70], fonts.body)],
                [FillIn(["签收人：", BLANK_NAME * 0.8, "　签收时间：", BLANK_YEAR, "年", BLANK_DAY, "月", BLANK_DAY,
                         "日"], fonts.body)],  # fmt: skip
                [_p(f"{n.department or '责任单位'}（盖章）", s.right_small)],
            ],
            colWidths=[width],
        )  # fmt: skip
        receipt.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.body),
                                     ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))  # fmt: skip
        story += [
            _p("督　办　单", s.title),
            Spacer(1, 4),
            _p(label, s.subtitle),
            Spacer(1, 8),
            table,
            Spacer(1, 8),
            KeepTogether([
                _p(f"{center}（盖章）", s.right_line),
                _p(cn_date(issued), s.right_line),
            ]),  # fmt: skip
            Spacer(1, 4),
            KeepTogether([CutLine(fonts.body), Spacer(1, 2), receipt]),
        ]
    return story


def render_notices(
    db: Database, numbers: Sequence[str], out: str | Path | BinaryIO, *, fonts: PdfFonts | None = None,
    actor: str | None = None, unprintable: Unprintable | None = None,
) -> int:  # fmt: skip
    """督办单 for the given case numbers, one page each; returns the page count.

    With `actor` the notices are issued: each takes the next 督〔year〕N号 and a 督办 step is recorded on its case
    (`console.notices.issuing_notices`) in the transaction that prints them; without, a preview with the
    number left blank. `unprintable` collects characters no installed face has."""
    if actor is None:
        with db.sessions() as session:
            notices = notice_data(session, numbers)
            town = township_name(session)
            fonts = fonts or fonts_from_settings(session)
        _check_notices(notices, fonts, unprintable)
        return _build(out, notice_story(notices, fonts, town, clock.now()), fonts, "督办单")
    from console.notices import issuing_notices

    with db.sessions() as session:
        town = township_name(session)
        fonts = fonts or fonts_from_settings(session)
    with issuing_notices(db, actor, numbers) as issued:
        data = [i.data for i in issued]
        _check_notices(data, fonts, unprintable)
        story = notice_story(data, fonts, town, clock.now(), [i.label for i in issued])
        if isinstance(out, (str, Path)):  # written beside the target and moved in only once it is complete
            part = Path(f"{out}.part")
            try:
                pages = _build(part, story, fonts, "督办单")
                os.replace(part, out)
            finally:
                part.unlink(missing_ok=True)
        else:
            pages = _build(out, story, fonts, "督办单")
    return pages


def _check_notices(notices: Sequence[NoticeData], fonts: PdfFonts, unprintable: Unprintable | None) -> None:
    if unprintable is None:
        return
    chain = chain_for(fonts.body)
    for n in notices:
        texts = (n.summary, n.description, n.grid, n.address, n.category, n.department, n.person, n.instructions)
        unprintable.check(chain, "".join(texts), f"案件 {n.number}")


# --- 案件处理单 ---------------------------------------------------------------------------------------------------


def case_sheet_story(detail: Any, fonts: PdfFonts, township: str) -> list[Flowable]:
    """detail: a `console.workflow.read.CaseDetail`."""
    s = _Styles(fonts)
    width = A4_PORTRAIT.frame_width
    d = detail
    measures = plan_measures(json.dumps(d.governance_plan, ensure_ascii=False)) if d.governance_plan else ""
    handling = (d.close_type.label if d.close_type else "") + (
        f"：{d.close_reason}" if d.close_reason else ""
    )
    rows = [
        [_p("案件编号", s.label), _p(d.number, s.cell), _p("当前状态", s.label), _p(d.status.label, s.cell)],
        [_p("所属网格", s.label), _p(d.grid_path, s.cell), "", ""],
        [_p("问题类别", s.label), _p(d.category_name, s.cell), _p("严重程度", s.label), _p(d.severity.label, s.cell)],
        [_p("问题来源", s.label), _p(d.source.label, s.cell), _p("是否紧急", s.label), _p("是" if d.urgent else "否", s.cell)],
        [_p("上报人", s.label), _p(d.reported_by, s.cell), _p("上报时间", s.label), _p(_dt(d.reported_at), s.cell)],
        [_p("反映人", s.label), _p(d.reporter_name or "", s.cell), _p("联系电话", s.label),
         _p(_mask_phone(d.reporter_phone), s.cell)],
        [_p("地　　址", s.label), _p(d.address, s.cell), "", ""],
        [_p("问题描述", s.label), _p(d.summary + (f"\n{d.description}" if d.description else ""), s.cell), "", ""],
        [_p("牵头部门", s.label), _p(d.lead_department or "", s.cell), _p("配合部门", s.label),
         _p("、".join(d.co_departments), s.cell)],
        [_p("责任人", s.label), _p(d.responsible_person or "", s.cell), _p("办结时限", s.label),
         _p(_dt(d.due_at), s.cell)],
        [_p("交办意见", s.label), _p(d.instructions, s.cell), "", ""],
        [_p("治理措施", s.label), _p(measures or (f"现场处置：{d.self_handled_action}" if d.self_handled else ""),
                                     s.cell), "", ""],
        [_p("办理结果", s.label), _p(d.result, s.cell), "", ""],
        [_p("结案情况", s.label), _p(handling, s.cell), _p("结案时间", s.label), _p(_dt(d.closed_at), s.cell)],
        [_p("回访评价", s.label), _p(d.satisfaction.label if d.satisfaction else "", s.cell),
         _p("返工/延期/督办", s.label), _p(f"{d.rework_count} / {d.extension_count} / {d.supervise_count} 次"
                                           + (f"（{d.supervise_level.label}）" if d.supervise_level else ""), s.cell)],
    ]  # fmt: skip
    table = Table(rows, colWidths=[width * 0.16, width * 0.34, width * 0.16, width * 0.34])
    spans = [("SPAN", (1, r), (3, r)) for r in (1, 6, 7, 10, 11, 12)]
    table.setStyle(TableStyle(_grid(fonts) + spans))
    history: list[list[Any]] = [
        [_p(t, s.small_label) for t in ("序号", "时间", "环节", "操作人", "状态变化", "说明")]
    ]
    for i, h in enumerate(d.history, start=1):
        change = (
            h.to_status.label
            if h.from_status in (None, h.to_status)
            else f"{h.from_status.label}→{h.to_status.label}"
        )
        note = h.note
        if h.stage is not None and h.stage_on_time is not None:
            note = (
                note + "\n" if note else ""
            ) + f"（{h.stage.label}环节{'按时' if h.stage_on_time else '超时'}完成）"
        history.append([
            _p(str(i), s.small_center), _p(_dt(h.at), s.small_center), _p(h.action_label, s.small_center),
            _p(h.actor, s.small_center), _p(change, s.small_center), _p(note, s.small),
        ])  # fmt: skip
    hist = Table(
        history,
        colWidths=[width * f for f in (0.07, 0.17, 0.12, 0.13, 0.17, 0.34)],
        repeatRows=1,
    )
    hist.setStyle(TableStyle(_grid(fonts)))
    return [
        _p("案件处理单", s.title),
        Spacer(1, 4),
        _p(township, s.subtitle),
        Spacer(1, 10),
        table,
        Spacer(1, 8),
        _p("办理过程", s.heading),
        Spacer(1, 4),
        hist,
        Spacer(1, 24),
        _p("经办人：　　　　　　　审核人：　　　　　　　日期：　　　　年　　月　　日", s.line),
    ]


def render_case_sheet(
    db: Database, number: str, out: str | Path | BinaryIO, *, fonts: PdfFonts | None = None
) -> int:
    """案件处理单 of one case with its whole history; returns the page count."""
    from console.workflow.read import case_detail

    with db.sessions() as session:
        detail = case_detail(session, number)
        town = township_name(session)
        fonts = fonts or fonts_from_settings(session)
    return _build(out, case_sheet_story(detail, fonts, town), fonts, f"案件处理单 {detail.number}")


# --- 月通报 -----------------------------------------------------------------------------------------------------

FIGURE_HEADERS = ("名称", "上报", "立案", "办结", "办结率", "按期办结率", "超期未办结", "返工", "满意率")


def _figure_cells(r: FigureRow) -> list[str]:
    return [
        r.name, str(r.reported), str(r.accepted), str(r.closed), r.closure_rate, r.on_time_rate,
        str(r.overdue), str(r.rework), r.satisfaction_rate,
    ]  # fmt: skip


def figures_table(rows: Sequence[FigureRow], total: FigureRow, fonts: PdfFonts, first: str) -> Table:
    s = _Styles(fonts)
    width = A4_PORTRAIT.frame_width
    head = [_p(first if i == 0 else t, s.small_label) for i, t in enumerate(FIGURE_HEADERS)]
    body = [
        [_p(c, s.small if i == 0 else s.small_center) for i, c in enumerate(_figure_cells(r))] for r in rows
    ]
    tot = [_p(c, s.small_label) for c in _figure_cells(total)]
    fractions = (0.22, 0.08, 0.08, 0.08, 0.12, 0.12, 0.10, 0.08, 0.12)  # rates need room for "100.00%"
    table = Table([head, *body, tot], colWidths=[width * f for f in fractions], repeatRows=1)
    table.setStyle(TableStyle(_grid(fonts) + [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))  # fmt: skip
    return table


BulletinSection = Callable[[MonthlyFigures, PdfFonts], list[Flowable]]


def bulletin_story(
    figures: MonthlyFigures, fonts: PdfFonts, extra_sections: Sequence[BulletinSection] = ()
) -> list[Flowable]:
    """The bulletin: a summary paragraph and the figures per grid and per department; `extra_sections`
    (rankings, charts) are appended by the assessment work."""
    s = _Styles(fonts)
    t = figures.total
    story: list[Flowable] = [
        _p(f"{figures.township_name}网格化管理工作月通报", s.title),
        Spacer(1, 4),
        _p(f"（{figures.year}年{figures.month}月）", s.subtitle),
        Spacer(1, 14),
        _p(
            f"{figures.year}年{figures.month}月，全辖区共上报问题 {t.reported} 件，立案 {t.accepted} 件，"
            f"办结 {t.closed} 件，办结率 {t.closure_rate}，按期办结率 {t.on_time_rate}；"
            f"截至月底超期未办结 {t.overdue} 件，返工 {t.rework} 次，回访满意率 {t.satisfaction_rate}。"
            "各网格、各部门办理情况通报如下。",
            s.body,
        ),
        _p("一、各网格（村、社区）办理情况", s.heading),
        Spacer(1, 4),
        figures_table(figures.by_grid, t, fonts, "网格"),
        _p("二、各职能部门办理情况", s.heading),
        Spacer(1, 4),
        figures_table(figures.by_department, t, fonts, "部门"),
    ]
    for section in extra_sections:
        story += section(figures, fonts)
    return story


def render_bulletin(
    db: Database, year: int, month: int, out: str | Path | BinaryIO, *, fonts: PdfFonts | None = None
) -> int:
    """月通报 for `year`-`month`, complete (`reports.review_bulletin`: figures, rankings, flags, charts, formulas);
    returns the page count."""
    from console.review.periods import month as month_period
    from reports.review_bulletin import render_review_bulletin  # it builds on this module's layout helpers

    return render_review_bulletin(db, month_period(year, month), out, fonts=fonts)
