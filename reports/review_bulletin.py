"""The monthly bulletin (月通报) and the quarterly / annual assessment tables (季考核 / 年终考核), complete:
figures per grid, department and grid worker (`SECTIONS`), rankings with movement, the excellent and poor
performers the rule set names, monitor flags, the charts (drawn with reportlab graphics from the same data as
the view's pyqtgraph charts), and a footnote with every formula text, the counting rules and the rule-set
version.

Every number comes from `console.review` (the frozen record when the month is frozen). A quarter or year adds
up frozen months: grids and departments must be frozen (the bulletin is refused otherwise); grid workers, reviewed
since later, print the refusal in their section instead when their months are not all frozen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from console import clock
from console.db import Database
from console.errors import ValidationError
from console.ledger import township_name
from console.review.charts import Breakdown, Trend, category_breakdown, weekly_trend
from console.review.figures import FIGURES_BY_KEY, TOTAL, window
from console.review.monitors import Flag, flags
from console.review.periods import MONTH, Period
from console.review.results import Review, review
from console.review.rulesets import SCHEME_FOR_KIND
from console.review.scopes import DEPARTMENT, GRID, WORKER, Scope
from console.review.scoring import Score
from reports.fonts import PdfFonts, fonts_from_settings
from reports.forms import _build, _grid, _p, _Styles
from reports.layout import A4_PORTRAIT

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: the figures the bulletin's tables show (all of them are in the view and the XLSX export)
GRID_COLUMNS = ("reported", "valid_rate", "accepted", "close_rate", "overdue", "satisfaction_rate", "first_reports",
                "missed")  # fmt: skip
DEPT_COLUMNS = ("accepted", "due", "closed", "close_rate", "handle_on_time_rate", "overdue", "rework_rate",
                "satisfaction_rate")  # fmt: skip
#: a grid worker's: what the grid rule set scores them on (有效上报率, 按时核查率, 满意率, 漏报率) and its 首报 / 漏报
WORKER_COLUMNS = ("reported", "valid_rate", "accepted", "verify_on_time_rate", "satisfaction_rate", "first_reports",
                  "missed", "missed_rate")  # fmt: skip
BLUE, GREEN, RED = colors.HexColor("#3465A4"), colors.HexColor("#4E9A06"), colors.HexColor("#CC0000")


@dataclass(frozen=True)
class Section:
    """One kind of reviewed object: its figures table, ranking, and the performers named in praise or criticism."""

    scope: Scope
    noun: str  # the tables' first column; "表扬{noun}"
    heading: str
    columns: tuple[str, ...]
    required: bool = True  # a quarter or year whose months are not all frozen for it: refused (else noted)
    flagged: bool = True  # its groups' monitor flags are listed (a grid worker's are their grids')


SECTIONS = (
    Section(Scope(GRID, level=2), "网格", "各网格（村、社区）考核指标", GRID_COLUMNS),
    Section(Scope(DEPARTMENT), "部门", "各职能部门考核指标", DEPT_COLUMNS),
    Section(Scope(WORKER), "网格员", "各网格员考核指标", WORKER_COLUMNS, required=False, flagged=False),
)


@dataclass(frozen=True)
class Reviewed:
    section: Section
    review: Review | None  # None: not all of the quarter's or year's months are frozen for it (`missing`)
    flags: list[Flag]
    missing: str = ""


@dataclass(frozen=True)
class BulletinData:
    period: Period
    township: str
    sections: list[Reviewed]
    trend: Trend | None
    breakdown: Breakdown | None

    def review_of(self, kind: str) -> Review:
        found = next(x.review for x in self.sections if x.section.scope.kind == kind)
        assert found is not None  # grids and departments are required
        return found

    @property
    def grids(self) -> Review:
        return self.review_of(GRID)

    @property
    def departments(self) -> Review:
        return self.review_of(DEPARTMENT)


def _reviewed(session: Session, period: Period, section: Section, now: datetime) -> Reviewed:
    try:
        r = review(session, period, section.scope, now)
    except ValidationError as e:
        if section.required or period.kind == MONTH:  # only a quarter's or year's missing frozen months
            raise
        return Reviewed(section, None, [], e.message)
    return Reviewed(section, r, flags(r.table, r.rules) if section.flagged else [])


def bulletin_data(db: Database, period: Period, now: datetime | None = None) -> BulletinData:
    now = now or clock.now()
    with db.sessions() as s:
        sections = [_reviewed(s, period, x, now) for x in SECTIONS]
        grids = sections[0].review
        assert grids is not None
        trend = breakdown = None
        if period.kind == MONTH:
            trend = weekly_trend(
                s, period.start_at - timedelta(days=7 * 12), period.end_at, Scope(GRID, level=None), now=now
            )
            breakdown = category_breakdown(
                s, window(period, grids.rules.counting, now), Scope(GRID, level=None)
            )
        return BulletinData(period, township_name(s), sections, trend, breakdown)


def _table(rows: list[list[str]], fonts: PdfFonts, widths: Sequence[float], header_rows: int = 1) -> Table:
    s = _Styles(fonts)
    num = ParagraphStyle("num", parent=s.small_center, fontSize=9, leading=12)  # "100.00%" fits one line
    cells = [[_p(c, s.small_label if r < header_rows or c == "合计" else (s.small if i == 0 else num))
              for i, c in enumerate(row)] for r, row in enumerate(rows)]  # fmt: skip
    t = Table(cells, colWidths=list(widths), repeatRows=header_rows)
    t.setStyle(TableStyle(_grid(fonts) + [("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#EEEEEE")),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))  # fmt: skip
    return t


def figures_section(r: Review, columns: Sequence[str], first: str, fonts: PdfFonts) -> Table:
    t = r.table
    head = [first, *[FIGURES_BY_KEY[k].label for k in columns]]
    rows = [[t.names.get(g, g), *[t.text(k, g) for k in columns]] for g in t.keys]
    rows.append(["合计", *[t.text(k, TOTAL) for k in columns]])
    width = A4_PORTRAIT.frame_width
    first_w = 0.17
    return _table(
        [head, *rows], fonts, [width * first_w] + [width * (1 - first_w) / len(columns)] * len(columns)
    )


def ranking_section(scores: list[Score], first: str, fonts: PdfFonts) -> Table:
    head = ["名次", first, "基础分", "加减分", "综合得分", "等级", "较上期"]
    rows = [[str(s.rank or "—"), s.name, "—" if s.base is None else f"{s.base:.2f}", f"{s.adjustment:+.2f}",
             s.total_text, s.grade,
             s.movement_text or "—"] for s in scores]  # fmt: skip
    w = A4_PORTRAIT.frame_width
    return _table([head, *rows], fonts, [w * f for f in (0.08, 0.32, 0.12, 0.12, 0.14, 0.08, 0.14)])


def flags_section(found: list[Flag], fonts: PdfFonts) -> Table:
    head = ["对象", "监测项", "数值", "阈值", "案件数"]
    rows = [[f.name, f.label, f.value_text, f.threshold_text, str(f.count)] for f in found]
    w = A4_PORTRAIT.frame_width
    return _table([head, *rows], fonts, [w * f for f in (0.28, 0.28, 0.14, 0.18, 0.12)])


def named_performers(scores: list[Score], excellent: int, poor: int) -> tuple[list[Score], list[Score]]:
    """The top `excellent` with grade A or B, and the bottom `poor` with grade D or E (never the same group)."""
    ranked = [s for s in scores if s.rank is not None]
    best = [s for s in ranked[:excellent] if s.grade in ("A", "B")]
    worst = [s for s in ranked[::-1][:poor] if s.grade in ("D", "E") and s not in best]
    return best, worst


def _names(scores: list[Score]) -> str:
    return "、".join(f"{s.name}（{s.total:.2f} 分）" for s in scores) or "无"


# --- charts ------------------------------------------------------------------------------------------------


def trend_chart(trend: Trend, fonts: PdfFonts) -> Drawing:
    w, h = A4_PORTRAIT.frame_width, 190
    d = Drawing(w, h, initialFontName=fonts.body)  # else the renderer sets Helvetica, not embedded
    c = HorizontalLineChart()
    c.x, c.y, c.width, c.height = 36, 40, w - 60, h - 70
    c.data = [trend.reported, trend.closed, trend.overdue]
    c.categoryAxis.categoryNames = [f"{m:%m-%d}" for m in trend.weeks]
    c.categoryAxis.labels.fontName = fonts.body
    c.categoryAxis.labels.fontSize = 7
    c.categoryAxis.labels.angle = 30
    c.categoryAxis.labels.dy = -6
    c.valueAxis.labels.fontName = fonts.body
    c.valueAxis.valueMin = 0
    for i, col in enumerate((BLUE, GREEN, RED)):
        c.lines[i].strokeColor = col
        c.lines[i].strokeWidth = 1.6
    d.add(c)
    d.add(String(36, h - 14, f"每周上报、结案与超期（近 {len(trend.weeks)} 周）", fontName=fonts.title, fontSize=11))
    d.add(_legend(fonts, w - 150, h - 6, [(BLUE, "上报"), (GREEN, "结案"), (RED, "超期")]))
    return d


def _legend(fonts: PdfFonts, x: float, y: float, pairs: list[tuple[colors.Color, str]]) -> Legend:
    lg = Legend()
    lg.x, lg.y = x, y
    lg.fontName, lg.fontSize = fonts.body, 8
    lg.alignment = "right"
    lg.columnMaximum = 1
    lg.deltax = 50
    lg.colorNamePairs = pairs
    return lg


def bars_chart(title: str, names: list[str], series: Sequence[Sequence[float]], fills: list[colors.Color], fonts: PdfFonts,
               legend: list[str] | None = None, value_max: float | None = None) -> Drawing:  # fmt: skip
    w, h = A4_PORTRAIT.frame_width, 200
    d = Drawing(w, h, initialFontName=fonts.body)  # else the renderer sets Helvetica, not embedded
    c = VerticalBarChart()
    c.x, c.y, c.width, c.height = 36, 46, w - 60, h - 80
    c.data = [list(x) for x in series] or [[0]]
    c.categoryAxis.categoryNames = [n[:6] for n in names] or [""]
    c.categoryAxis.labels.fontName = fonts.body
    c.categoryAxis.labels.fontSize = 7
    c.categoryAxis.labels.angle = 30
    c.categoryAxis.labels.dy = -8
    c.valueAxis.labels.fontName = fonts.body
    c.valueAxis.valueMin = 0
    if value_max is not None:
        c.valueAxis.valueMax = value_max
    for i, col in enumerate(fills):
        c.bars[i].fillColor = col
    d.add(c)
    d.add(String(36, h - 14, title, fontName=fonts.title, fontSize=11))
    if legend:
        d.add(_legend(fonts, w - 50 * len(legend) - 20, h - 6, list(zip(fills, legend, strict=True))))
    return d


# --- the documents -----------------------------------------------------------------------------------------


def _footnote(data: BulletinData, fonts: PdfFonts) -> list[Flowable]:
    s = _Styles(fonts)
    r = data.grids
    rules = r.rules
    lines = [
        f"注：考核细则第 {rules.version} 版“{rules.name}”（{rules.effective_from:%Y-%m-%d} 起施行）；等级：{rules.grade_text}。"
    ]
    scheme = {k: "；".join(c.text for c in comps) for k, comps in rules.schemes.items()}
    nouns: dict[str, list[str]] = {}  # scheme → the sections it scores ("网格、网格员得分 = …")
    for x in data.sections:
        nouns.setdefault(SCHEME_FOR_KIND[x.section.scope.kind], []).append(x.section.noun)
    lines.append("；".join(f"{'、'.join(ns)}得分 = {scheme.get(k, '')}" for k, ns in nouns.items()) + "。")
    if rules.adjustments:
        lines.append(
            "加减分："
            + "；".join(a.text for a in rules.adjustments)
            + "。无数据的指标不计分，其权重按比例分摊。"
        )
    lines.append(f"{rules.score_range_text}（标 * 者）。")
    counted = r.table.rules
    lines.append(f"统计口径：{counted.basis_text}；{counted.deferred_text}；{counted.satisfaction_text}。")
    formulas: list[str] = []
    for x in data.sections:
        for k in x.section.columns:
            f = FIGURES_BY_KEY[k]
            if f.formula not in formulas:
                formulas.append(f.formula)
            # what a section's table adds to a figure's own counting rules (grid workers: whose row a case counts in)
            if x.review is not None:
                t = x.review.table
                own = f.rules(t.rules)
                lines += [f"{e}。" for e in t.rule_texts(f) if e not in own and f"{e}。" not in lines]
    lines += formulas
    return [Spacer(1, 8), *[_p(x, s.small) for x in lines]]


_NUMERALS = "一二三四五六七八九十"


def bulletin_story(data: BulletinData, fonts: PdfFonts) -> list[Flowable]:
    s = _Styles(fonts)
    # the summary and the status line read the grid review (frozen when the month is): its whole-scope row is
    # the township's total, every case counting under one village grid
    p, t, r = data.period, data.grids.table, data.grids
    monthly = p.kind == MONTH
    title = "网格化管理工作月通报" if monthly else ("季度考核通报" if p.kind == "quarter" else "年终考核通报")
    numbers = iter(_NUMERALS)

    def heading(text: str) -> Flowable:
        return _p(f"{next(numbers)}、{text}", s.heading)

    nouns = "、".join(f"各{x.section.noun}" for x in data.sections)
    story: list[Flowable] = [
        _p(f"{data.township}{title}", s.title), Spacer(1, 4), _p(f"（{p.label}）", s.subtitle), Spacer(1, 6),
        _p(f"{r.status_label}；统计时点 {t.as_of:%Y-%m-%d %H:%M}", s.subtitle), Spacer(1, 10),
        _p(f"{p.label}，全辖区共上报问题 {t.text('reported')} 件，立案 {t.text('accepted')} 件，"
           f"应结案 {t.text('due')} 件，结案 {t.text('closed')} 件，结案率 {t.text('close_rate')}，"
           f"按期结案率 {t.text('close_on_time_rate')}；超期 {t.text('overdue')} 件，返工 {t.text('rework')} 件，"
           f"回访满意率 {t.text('satisfaction_rate')}。{nouns}考核情况通报如下。", s.body),
    ]  # fmt: skip
    for x in data.sections:
        story.append(heading(x.section.heading))
        if x.review is None:
            story.append(_p(f"本期{x.section.noun}考核结果未能汇总：{x.missing}", s.body))
        else:
            if x.review.status != r.status:  # e.g. grid workers computed live beside frozen grids
                story.append(_p(f"（{x.section.noun}考核：{x.review.status_label}）", s.small))
            story += [Spacer(1, 4), figures_section(x.review, x.section.columns, x.section.noun, fonts)]
    scored = [x for x in data.sections if x.review is not None]
    story.append(heading("综合排名"))
    for i, x in enumerate(scored):
        assert x.review is not None
        story += [Spacer(1, 4 if i == 0 else 8), ranking_section(x.review.scores, x.section.noun, fonts)]
    praised, criticised = [], []
    for x in scored:
        assert x.review is not None
        best, worst = named_performers(x.review.scores, x.review.rules.excellent, x.review.rules.poor)
        praised.append(f"表扬{x.section.noun}：{_names(best)}")
        criticised.append(f"通报批评{x.section.noun}：{_names(worst)}")
    story += [
        heading("通报表扬与批评"),
        _p("；".join(praised) + "。", s.body),
        _p("；".join(criticised) + "。请被通报的单位和个人对照问题限期整改。", s.body),
        heading("监测预警"),
    ]
    found = [f for x in data.sections for f in x.flags]
    if found:
        story += [Spacer(1, 4), flags_section(found, fonts)]
    else:
        story.append(_p("本期各项监测指标均未超过阈值。", s.body))
    if monthly and data.trend is not None and data.breakdown is not None:
        b = data.breakdown
        ranked = [x for x in data.departments.scores if x.total is not None]
        story += [
            heading("图表"),
            KeepTogether([trend_chart(data.trend, fonts)]),
            KeepTogether([bars_chart("各类别上报与结案", b.names[:12], [b.reported[:12], b.closed[:12]],
                                     [BLUE, GREEN], fonts, ["上报", "结案"])]),
            KeepTogether([bars_chart("职能部门综合得分", [x.name for x in ranked], [[x.total or 0 for x in ranked]],
                                     [colors.HexColor("#729FCF")], fonts, value_max=100)]),
        ]  # fmt: skip
    story += _footnote(data, fonts)
    return story


def render_review_bulletin(db: Database, period: Period, out: str | Path | BinaryIO, *, fonts: PdfFonts | None = None,
                           now: datetime | None = None) -> int:  # fmt: skip
    """月通报 (a month) or 季考核 / 年终考核 (a quarter or year of frozen months); returns the page count."""
    data = bulletin_data(db, period, now)
    if fonts is None:
        with db.sessions() as s:
            fonts = fonts_from_settings(s)
    return _build(out, bulletin_story(data, fonts), fonts, f"{period.label}考核通报")
