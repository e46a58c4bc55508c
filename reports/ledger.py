"""The rectification ledger (问题整改台账) as a PDF: A4 landscape, header row on every page, cells wrapped by
character, optional groups with subtotals, a summary block, sign-off line with room for the seal, and
"第 X 页 共 Y 页" on every page.

It is drawn page by page straight onto the canvas: rows are streamed from the database, measured (wrapped),
packed into a page, and the page is drawn and compressed before the next rows are read. Handing reportlab one
table of every row (a LongTable) costs time that grows faster than the row count and keeps every cell
in memory; this way time and memory grow linearly. The total page count is not known until the end, so
"共 Y 页" is a form XObject every footer refers to and that is filled in once, when the ledger is complete.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain, islice, permutations, repeat
from math import ceil, floor
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from console import clock
from console.db import Database
from console.errors import ConsoleError, ValidationError
from console.ledger import (
    LedgerRow,
    LedgerScope,
    LedgerTotals,
    ResolvedScope,
    iter_ledger_rows,
    ledger_totals,
    resolve_scope,
)
from reports.fonts import PdfFonts, Unprintable, WidthTable, fonts_from_settings
from reports.layout import (
    A4_LANDSCAPE,
    NAME_SEPARATOR,
    CompressingCanvas,
    PageGeometry,
    PageText,
    cn_date,
    stroke_segments,
    wrap,
)


class LedgerCancelled(ConsoleError):
    """The user cancelled the ledger while it was being drawn."""


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: float  # points at the base layout; flexible columns share whatever width is left
    flexible: bool
    align: str  # "center" or "left"


COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", 28, False, "center"),
    Column("number", "编号", 64, False, "center"),
    Column("found_on", "发现日期", 58, False, "center"),
    Column("grid", "所属网格", 72, True, "left"),
    Column("category", "问题类别", 48, False, "center"),
    Column("description", "问题描述", 150, True, "left"),
    Column("responsible", "责任单位/\n责任人", 70, True, "center"),
    Column("measures", "整改措施", 100, True, "left"),
    Column("due_on", "整改时限", 58, False, "center"),
    Column("progress", "完成情况", 84, True, "left"),
    Column("closed_on", "销号日期", 58, False, "center"),
    Column("remarks", "备注", 52, True, "left"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
REQUIRED_COLUMNS = ("seq", "number")

BODY_SIZE = 9.0
LEADING = 12.0
HEADER_SIZE = 9.5
TITLE_SIZE = 18.0
SCOPE_SIZE = 9.0
PAD_X = 3.0
PAD_Y = 3.0
BAND_HEIGHT = 18.0
SUMMARY_ROW = 20.0
SIGNOFF_HEIGHT = 92.0  # sign-off line plus room for the round seal (about 42 mm across, overlapping the date)
LINE_WIDTH = 0.6
MIN_SPLIT_LINES = 2  # a row split across pages keeps at least this many lines on each side
CONTINUED = "（续）"


def _date(d: date | None) -> str:
    return d.isoformat() if d else ""


def cell_text(row: LedgerRow, key: str, seq: int) -> str:
    """The text printed in column `key` for `row` (seq: the row's 序号)."""
    if key == "seq":
        return str(seq)
    if key in ("found_on", "due_on", "closed_on"):
        value: date | None = getattr(row, key)
        return _date(value)
    return str(getattr(row, key))


def choose_columns(keys: Iterable[str] | None) -> list[Column]:
    if keys is None:
        return list(COLUMNS)
    wanted = set(keys)
    unknown = wanted - set(COLUMN_KEYS)
    if unknown:
        raise ValidationError(f"未知的台账列：{'、'.join(sorted(unknown))}")
    wanted.update(REQUIRED_COLUMNS)
    return [c for c in COLUMNS if c.key in wanted]


def column_widths(columns: Sequence[Column], frame_width: float) -> list[float]:
    """Fixed columns keep their width; flexible ones share the rest in proportion."""
    fixed = sum(c.width for c in columns if not c.flexible)
    flex = sum(c.width for c in columns if c.flexible)
    if flex == 0 or fixed >= frame_width:
        scale = frame_width / (fixed + flex)
        return [c.width * scale for c in columns]
    scale = (frame_width - fixed) / flex
    return [c.width * scale if c.flexible else c.width for c in columns]


#: how many rows of the print run are measured for the column widths (they are read first, then printed)
SAMPLE_ROWS = 2000
FIT_ROWS = 600  # of those, about this many (evenly spread) are used to fit the widths
WHOLE_NAMES = {"grid": f"(?<={NAME_SEPARATOR})", "responsible": "\n"}  # where the names of a cell may break
MIN_FLEX = 40.0  # a flexible column never gets narrower than this (points), nor than its title
MAX_SHARE = {"description": 0.5, "measures": 0.3, "progress": 0.3}  # of the frame; others 0.2


def content_widths(
    columns: Sequence[Column], frame_width: float, rows: Sequence[LedgerRow], widths: WidthTable,
    title_widths: WidthTable | None = None,
) -> list[float]:  # fmt: skip
    """Column widths fitted to the texts of the print run (`rows`: a sample of it).

    Each flexible column lies between a floor (its title; for a grid or a unit, the median name, so most
    names are not broken inside) and a ceiling (its 95th-percentile text set on one line, and a share of
    the frame). Within those bounds, width moves from column to column while that lowers the sample's total
    row height (a row is as tall as its tallest cell), so long descriptions get room and empty columns
    (整改措施, 备注 of new cases) shrink to their titles. Fixed columns keep their widths. Without rows:
    `column_widths`."""
    if not rows:
        return column_widths(columns, frame_width)
    room = frame_width - sum(c.width for c in columns if not c.flexible)
    flex = [c for c in columns if c.flexible]
    if room <= 0 or not flex:
        return column_widths(columns, frame_width)
    titles = title_widths or widths
    step_rows = max(1, len(rows) // FIT_ROWS)
    lows: list[float] = []
    highs: list[float] = []
    paragraphs: list[list[tuple[float, ...]]] = []  # per column, per fitted row: its paragraphs' widths
    for col in flex:
        low = max(MIN_FLEX, *(titles.width(t, HEADER_SIZE) for t in col.title.split("\n"))) + 2 * PAD_X
        texts = [cell_text(row, col.key, 0) for row in rows]
        cells = [tuple(widths.width(part, BODY_SIZE) for part in text.split("\n") if part) for text in texts]
        natural = sorted(max(cell, default=0.0) for cell in cells)
        high = min(natural[int(0.95 * (len(natural) - 1))] + 2 * PAD_X + 1, frame_width * MAX_SHARE.get(col.key, 0.2))
        if col.key in WHOLE_NAMES:  # a unit's, a community's or a grid's name is not broken inside if it can be
            names = sorted(
                max((widths.width(n, BODY_SIZE) for n in re.split(WHOLE_NAMES[col.key], text)), default=0.0)
                for text in texts
            )
            low = max(low, min(names[len(names) // 2] + 2 * PAD_X + 0.5, high))  # the median name
        lows.append(low)
        highs.append(max(low, high))
        paragraphs.append(cells[::step_rows])
    if sum(lows) >= room:
        got = [low * room / sum(lows) for low in lows]
    else:
        line_cache: dict[tuple[int, float], list[int]] = {}

        def lines(i: int, width: float) -> list[int]:
            """Lines per fitted row of column `i` at `width` (whole characters fit on a line)."""
            key = (i, round(width, 3))
            out = line_cache.get(key)
            if out is None:
                capacity = max(BODY_SIZE, floor((width - 2 * PAD_X) / BODY_SIZE) * BODY_SIZE)
                out = line_cache[key] = [sum(ceil(w / capacity) for w in cell) for cell in paragraphs[i]]
            return out

        def height(ws: list[float]) -> int:
            """Total lines of the fitted rows at column widths `ws` (each row: its tallest cell, at least one)."""
            return sum(map(max, zip(*(lines(i, w) for i, w in enumerate(ws)), repeat(1))))

        def fit(ws: list[float]) -> list[float]:
            """`ws` moved within the bounds, summing to the room (what a bound cuts goes to the others)."""
            ws = [min(max(w, lo), hi) for w, lo, hi in zip(ws, lows, highs, strict=True)]
            for _ in range(len(flex) + 1):
                spare = room - sum(ws)
                free = [(w < hi - 1e-6) if spare > 0 else (w > lo + 1e-6) for w, lo, hi in zip(ws, lows, highs, strict=True)]
                share = sum(w for w, f in zip(ws, free, strict=True) if f)
                if abs(spare) < 1e-6 or share == 0:
                    break
                ws = [min(max(w + spare * w / share, lo), hi) if f else w
                      for w, f, lo, hi in zip(ws, free, lows, highs, strict=True)]  # fmt: skip
            spread = (room - sum(ws)) / len(flex)  # all at their ceilings: the rest spread evenly
            return [w + spread for w in ws]

        # start from the better of the standard proportions and the columns' asks, then move width from
        # column to column while the fitted rows get shorter
        base = [w for c, w in zip(columns, column_widths(columns, frame_width), strict=True) if c.flexible]
        got = min((fit(base), fit(list(highs))), key=height)
        best = height(got)
        for step in (48.0, 24.0, 12.0, 6.0, 3.0):
            improved = True
            while improved:
                improved = False
                for a, b in permutations(range(len(flex)), 2):
                    if got[a] - step < lows[a] or got[b] + step > max(highs[b], got[b]):
                        continue
                    trial = list(got)
                    trial[a] -= step
                    trial[b] += step
                    h = height(trial)
                    if h < best:
                        got, best, improved = trial, h, True
    it = iter(got)
    return [next(it) if c.flexible else c.width for c in columns]


@dataclass
class _Item:
    kind: str  # row / band / subtotal / summary
    height: float
    cells: list[list[tuple[str, float]]] = field(default_factory=list)
    text: str = ""
    seq: str = ""  # a row's 序号 and 编号, repeated on the part continued on the next page
    number: str = ""

    @property
    def lines(self) -> int:
        return max((len(c) for c in self.cells), default=1)


@dataclass
class LedgerResult:
    pages: int
    totals: LedgerTotals
    title: str
    unprintable: Unprintable = field(default_factory=Unprintable)  # characters drawn as 〓, with their cases


Progress = Callable[[int, int, int], None]  # rows done, rows expected, pages drawn


class LedgerRenderer:
    """Packs measured rows into pages and draws each page as soon as it is full."""

    def __init__(
        self,
        canvas: Canvas,
        fonts: PdfFonts,
        resolved: ResolvedScope,
        columns: Sequence[Column],
        *,
        geometry: PageGeometry = A4_LANDSCAPE,
        printed_at: datetime | None = None,
        on_page: Callable[[int], None] | None = None,
        sample: Sequence[LedgerRow] = (),
    ) -> None:
        """`sample`: the first rows of the print run, measured for the column widths (`content_widths`)."""
        self.c = canvas
        self.fonts = fonts
        self.r = resolved
        self.g = geometry
        self.columns = list(columns)
        self.cell_w = WidthTable(fonts.cell)
        self.widths = content_widths(
            self.columns, geometry.frame_width, sample, self.cell_w, WidthTable(fonts.title)
        )
        self.xs = [geometry.left]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)
        self.body_w = WidthTable(fonts.body)
        self.title_w = WidthTable(fonts.title)
        self.unprintable = Unprintable()
        self._printable: set[str] = set()  # characters already found in the cell font's chain
        for text in (resolved.title, resolved.scope_text):
            self.unprintable.check(self.title_w.chain, text, "台账标题")
        self.printed_at = printed_at or clock.now()
        self.on_page = on_page
        # vertical layout of every page
        top = geometry.height - geometry.top
        self.title_baseline = top - TITLE_SIZE * 0.85
        self.scope_baseline = self.title_baseline - TITLE_SIZE * 0.6 - 12
        self.printed = f"制表日期：{cn_date(self.printed_at)}"
        printed_w = self.body_w.width(self.printed, SCOPE_SIZE)
        self.scope_lines = wrap(
            resolved.scope_text, self.body_w, SCOPE_SIZE, geometry.frame_width - printed_w - 24
        )
        self.table_top = self.scope_baseline - (len(self.scope_lines) - 1) * LEADING - 7
        self.header_cells = [
            wrap(col.title, self.title_w, HEADER_SIZE, w - 2 * PAD_X)
            for col, w in zip(self.columns, self.widths, strict=True)
        ]
        self.header_h = max(len(c) for c in self.header_cells) * LEADING + 2 * PAD_Y
        self.body_top = self.table_top - self.header_h
        self.footer_baseline = geometry.bottom - 2
        self.body_bottom = geometry.bottom + 10
        self.avail = self.body_top - self.body_bottom
        self.max_lines = int((self.avail - 2 * PAD_Y) // LEADING)
        # wrapped cells by text, per column: dates, grids, categories, units and labels repeat a lot
        self._wrapped: list[dict[str, list[tuple[str, float]]] | None] = [
            None if col.key in ("seq", "number") else {} for col in self.columns
        ]
        self.items: list[_Item] = []
        self.used = 0.0
        self.pending_band: _Item | None = None
        self.pages = 0
        self._head_defined = False

    # --- measuring ------------------------------------------------------------------------------------------

    def row_item(self, row: LedgerRow, seq: int) -> _Item:
        cells = []
        lines = 1
        texts = []
        for col, w, cache in zip(self.columns, self.widths, self._wrapped, strict=True):
            text = cell_text(row, col.key, seq)
            texts.append(text)
            cell = cache.get(text) if cache is not None else None
            if cell is None:
                cell = wrap(text, self.cell_w, BODY_SIZE, w - 2 * PAD_X) if text else []
                if cache is not None:
                    if len(cache) > 5000:
                        cache.clear()
                    cache[text] = cell
            cells.append(cell)
            lines = max(lines, len(cell))
        chars = set("".join(texts))
        if not chars <= self._printable:
            missing = self.cell_w.chain.missing("".join(chars))
            self._printable.update(chars.difference(missing))
            if missing:
                self.unprintable.add(missing, f"案件 {row.number}")
        return _Item("row", lines * LEADING + 2 * PAD_Y, cells, seq=str(seq), number=row.number)

    # --- packing --------------------------------------------------------------------------------------------

    def _place(self, item: _Item) -> None:
        if self.used + item.height > self.avail and self.items:
            self.flush()
        self.items.append(item)
        self.used += item.height

    def add_band(self, text: str) -> None:
        """A group heading; kept on the same page as the group's first row."""
        self.unprintable.check(self.title_w.chain, text, f"分组“{text}”")
        self.pending_band = _Item("band", BAND_HEIGHT, text=text)

    def _split(self, item: _Item, lines: int) -> tuple[_Item, _Item]:
        """The first `lines` lines of a row, and the rest headed with its 序号, 编号 and "（续）"."""
        head = _Item("row", lines * LEADING + 2 * PAD_Y, [c[:lines] for c in item.cells], seq=item.seq,
                     number=item.number)  # fmt: skip
        rest = [c[lines:] for c in item.cells]
        for k, col in enumerate(self.columns):
            if col.key == "seq":
                rest[k] = [(item.seq, self.cell_w.width(item.seq, BODY_SIZE))]
            elif col.key == "number":
                rest[k] = [(item.number, self.cell_w.width(item.number, BODY_SIZE)),
                           (CONTINUED, self.cell_w.width(CONTINUED, BODY_SIZE))]  # fmt: skip
        tail = _Item("row", 0.0, rest, seq=item.seq, number=item.number)
        tail.height = tail.lines * LEADING + 2 * PAD_Y
        return head, tail

    def _room_lines(self) -> int:
        return int((self.avail - self.used - 2 * PAD_Y) // LEADING)

    def add_subtotal(self, text: str) -> None:
        self._place(_Item("subtotal", BAND_HEIGHT, text=text))

    def add_row(self, item: _Item) -> None:
        """Place a row; one that does not fit the rest of the page is split at a line boundary (at least two
        lines on each side), so pages stay full and no row is ever taller than a page."""
        band = self.pending_band
        self.pending_band = None
        if band is not None:  # a group heading stays with at least the first lines of its first row
            first = min(item.lines, MIN_SPLIT_LINES) * LEADING + 2 * PAD_Y
            if self.items and self.used + band.height + first > self.avail:
                self.flush()
            self.items.append(band)
            self.used += band.height
        while self.used + item.height > self.avail:
            room = self._room_lines()
            lines = min(room, item.lines - MIN_SPLIT_LINES)
            if lines < MIN_SPLIT_LINES:
                if self.items:
                    self.flush()
                    continue
                lines = max(room, 1)  # a page too short for the rule: split anyway, never overflow
            head, item = self._split(item, lines)
            self.items.append(head)
            self.used += head.height
            self.flush()
        self.items.append(item)
        self.used += item.height

    def finish(self, totals: LedgerTotals, empty: bool) -> None:
        """Close the ledger with the summary block; it never stands alone on a page without rows."""
        if empty:
            self._place(_Item("subtotal", BAND_HEIGHT, text="（本期无符合条件的问题）"))
        need = SUMMARY_ROW + SIGNOFF_HEIGHT
        if self.used + need > self.avail:
            moved: list[_Item] = []
            while len(self.items) > 1 and self.used + need > self.avail:
                item = self.items.pop()
                self.used -= item.height
                short = int((self.avail - self.used - need - 2 * PAD_Y) // LEADING)  # lines that may stay
                if item.kind == "row" and MIN_SPLIT_LINES <= short <= item.lines - MIN_SPLIT_LINES:
                    head, item = self._split(item, short)  # move only the lines the summary needs
                    self.items.append(head)
                    self.used += head.height
                moved.insert(0, item)
                while len(self.items) > 1 and self.items[-1].kind == "band":
                    band = self.items.pop()
                    self.used -= band.height
                    moved.insert(0, band)
            self.flush()
            self.items = moved
            self.used = sum(i.height for i in moved)
            if self.used + need > self.avail:
                self.flush()
        self.items.append(_Item("summary", need, text=totals.text()))
        self.used += need
        self.flush()
        self._define_total_form()

    # --- drawing --------------------------------------------------------------------------------------------

    def flush(self) -> None:
        if not self.items:
            return
        self.pages += 1
        self._draw_page(self.items)
        self.items = []
        self.used = 0.0
        if self.on_page:
            self.on_page(self.pages)

    def _define_head_form(self) -> None:
        """Title, scope line and the column header row: the same on every page, so drawn once as a form."""
        c, g = self.c, self.g
        left, right = self.xs[0], self.xs[-1]
        c.beginForm("gc_page_head")
        t = PageText(c)
        t.set_font(self.fonts.title, TITLE_SIZE)
        t.show(
            (g.width - self.title_w.width(self.r.title, TITLE_SIZE)) / 2, self.title_baseline, self.r.title
        )
        t.set_font(self.fonts.body, SCOPE_SIZE)
        for k, (line, _w) in enumerate(self.scope_lines):
            t.show(left, self.scope_baseline - k * LEADING, line)
        t.show(right - self.body_w.width(self.printed, SCOPE_SIZE), self.scope_baseline, self.printed)
        y = self.table_top
        t.set_font(self.fonts.title, HEADER_SIZE)
        self._cells(t, self.header_cells, y, self.header_h, HEADER_SIZE, header=True)
        t.draw()
        segments = [(left, y, right, y), (left, y - self.header_h, right, y - self.header_h)]
        segments += [(x, y, x, y - self.header_h) for x in self.xs]
        stroke_segments(c, segments, LINE_WIDTH)
        c.endForm()
        self._head_defined = True

    def _draw_page(self, items: list[_Item]) -> None:
        c, g = self.c, self.g
        if not self._head_defined:
            self._define_head_form()
        left, right = self.xs[0], self.xs[-1]
        fonts = self.fonts
        c.doForm("gc_page_head")
        t = PageText(c)
        segments: list[tuple[float, float, float, float]] = []
        y = self.table_top - self.header_h
        run_top: float | None = None  # top of the current run of ordinary rows: one vertical line per column
        fills: list[str] = []  # light grey behind group headings
        for item in items:
            h = item.height
            if item.kind == "row":
                if run_top is None:
                    run_top = y
                t.set_font(fonts.cell, BODY_SIZE)
                self._cells(t, item.cells, y, h, BODY_SIZE)
            else:
                if run_top is not None:
                    segments += [(x, run_top, x, y) for x in self.xs]
                    run_top = None
                if item.kind == "band":
                    fills.append(f"{left:.2f} {y - h:.2f} {right - left:.2f} {h:.2f} re")
                    t.set_font(fonts.title, HEADER_SIZE)
                    t.show(left + PAD_X, y - h / 2 - HEADER_SIZE * 0.32, item.text)
                elif item.kind == "subtotal":
                    t.set_font(fonts.body, BODY_SIZE)
                    t.show(left + PAD_X, y - h / 2 - BODY_SIZE * 0.32, item.text)
                else:  # summary and sign-off
                    h = SUMMARY_ROW
                    segments += self._summary(t, item.text, y)
                segments += [(left, y, left, y - h), (right, y, right, y - h)]
            y -= h
            segments.append((left, y, right, y))
        if run_top is not None:
            segments += [(x, run_top, x, y) for x in self.xs]
        footer = f"第 {self.pages} 页"
        t.set_font(fonts.body, BODY_SIZE)
        t.show(g.width / 2 - 3 - self.body_w.width(footer, BODY_SIZE), self.footer_baseline, footer)
        if fills:
            c._code.append("q 0.9 g " + " ".join(fills) + " f Q")
        t.draw()
        stroke_segments(c, segments, LINE_WIDTH)
        c.doForm("gc_page_total")
        c.showPage()

    def _cells(
        self, t: PageText, cells: list[list[tuple[str, float]]], top: float, height: float, size: float,
        header: bool = False,
    ) -> None:  # fmt: skip
        """Draw one row's cells, each vertically centred; writes the operators inline (the hot loop)."""
        enc = t._enc
        assert enc is not None
        cache, encode, ops, current = enc.cache, enc.runs, t.ops, t._current
        size_text = f"{size:g}"
        first = -(LEADING - size) / 2 - size * 0.2  # baseline offset below a line box's top
        for col, cell, x0, w in zip(self.columns, cells, self.xs, self.widths, strict=False):
            if not cell:
                continue
            baseline = top - (height - len(cell) * LEADING) / 2 - LEADING - first
            centered = header or col.align == "center"
            for line, lw in cell:
                if line:
                    runs = cache.get(line) or encode(line)
                    x = x0 + (w - lw) / 2 if centered else x0 + PAD_X
                    ops.append(f"1 0 0 1 {x:.2f} {baseline:.2f} Tm")
                    for name, hexcodes in runs:
                        if name != current:
                            ops.append(f"{name} {size_text} Tf")
                            current = name
                        ops.append(f"<{hexcodes}> Tj")
                baseline -= LEADING
        t._current = current

    def _summary(self, t: PageText, text: str, top: float) -> list[tuple[float, float, float, float]]:
        """The totals row and, below the table, the sign-off line with room for the seal."""
        left, right = self.xs[0], self.xs[-1]
        t.set_font(self.fonts.title, HEADER_SIZE)
        t.show(left + PAD_X, top - SUMMARY_ROW / 2 - HEADER_SIZE * 0.32, "合计")
        t.set_font(self.fonts.body, BODY_SIZE)
        t.show(left + PAD_X + HEADER_SIZE * 3, top - SUMMARY_ROW / 2 - BODY_SIZE * 0.32, text)
        y = top - SUMMARY_ROW - 30
        size = 11.0
        t.set_font(self.fonts.body, size)
        width = right - left
        lines: list[tuple[float, float, float, float]] = []
        for label, frac in (("制表人：", 0.0), ("审核人：", 0.3)):
            x = left + width * frac + 10
            t.show(x, y, label)
            x += self.body_w.width(label, size)
            lines.append((x, y - 3, x + 90, y - 3))
        x = left + width * 0.6 + 10
        t.show(x, y, "日期：")
        t.show(x + self.body_w.width("日期：", size), y, "　　　　年　　月　　日")
        t.show(x, y - 28, "（盖章）")
        return lines

    def _define_total_form(self) -> None:
        c = self.c
        c.beginForm("gc_page_total")
        text = c.beginText()
        text.setFont(self.fonts.body, BODY_SIZE)
        text.setTextOrigin(self.g.width / 2 + 3, self.footer_baseline)
        text.textOut(f"共 {self.pages} 页")
        c.drawText(text)
        c.endForm()


def render_ledger(
    db: Database,
    scope: LedgerScope,
    out: str | Path | BinaryIO,
    *,
    columns: Iterable[str] | None = None,
    fonts: PdfFonts | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    as_of: datetime | None = None,
) -> LedgerResult:
    """Write the ledger of `scope` to `out` (a path, written atomically, or a binary file object)."""
    cols = choose_columns(columns)
    with db.sessions() as session:
        resolved = resolve_scope(session, scope, as_of=as_of)
        fonts = fonts or fonts_from_settings(session)
        expected = ledger_totals(session, resolved).total
        target: str | BinaryIO
        tmp_path: str | None = None
        if isinstance(out, (str, Path)):
            fd, tmp_path = tempfile.mkstemp(suffix=".pdf.part", dir=str(Path(out).resolve().parent))
            os.close(fd)
            target = tmp_path
        else:
            target = out
        try:
            canvas = CompressingCanvas(
                target, pagesize=(A4_LANDSCAPE.width, A4_LANDSCAPE.height), initialFontName=fonts.body
            )
            canvas.setTitle(resolved.title)
            canvas.setSubject(resolved.scope_text)
            canvas.setCreator("GridConsole 网格化管理指挥调度台")
            done = 0

            def on_page(_pages: int) -> None:
                if should_cancel is not None and should_cancel():
                    raise LedgerCancelled("已取消生成台账")
                if progress is not None:
                    progress(done, expected, _pages)

            rows = iter_ledger_rows(session, resolved)
            sample = list(islice(rows, SAMPLE_ROWS))  # measured for the column widths, then printed first
            renderer = LedgerRenderer(canvas, fonts, resolved, cols, on_page=on_page, sample=sample)
            totals = LedgerTotals()
            group_totals = LedgerTotals()
            group: str | None = None
            grouped = bool(scope.group_by)
            for row in chain(sample, rows):
                if grouped and row.group != group:
                    if group is not None:
                        renderer.add_subtotal(f"小计：{group_totals.text()}")
                    group = row.group
                    group_totals = LedgerTotals()
                    renderer.add_band(row.group)
                done += 1
                totals.add(row)
                group_totals.add(row)
                renderer.add_row(renderer.row_item(row, done))
            if grouped and group is not None:
                renderer.add_subtotal(f"小计：{group_totals.text()}")
            renderer.finish(totals, empty=totals.total == 0)
            canvas.save()
            if tmp_path is not None:
                os.replace(tmp_path, out)  # type: ignore[arg-type]
                tmp_path = None
        finally:
            if tmp_path is not None and os.path.exists(tmp_path):
                os.unlink(tmp_path)
    if progress is not None:
        progress(done, expected, renderer.pages)
    return LedgerResult(renderer.pages, totals, resolved.title, renderer.unprintable)
