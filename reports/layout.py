"""Layout helpers shared by the forms: CJK line breaking by character, page geometry in the spirit of
GB/T 9704 (公文格式), and a canvas that compresses each page as soon as it is finished.

Line breaking follows the Chinese rules that matter in a table cell: any character may end a line, except
that closing punctuation (，。、）…) never starts one and opening punctuation (（《“…) never ends one, and a
run of Latin letters or digits (a case number, a date) is kept whole when it fits on a line of its own; no
line starts with a space; a last line never holds one character alone; a name written "社区·网格" breaks
at its separator when that keeps the rest whole.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas

from reports.fonts import PLACEHOLDER, FontChain, WidthTable, chain_for

NO_LINE_START = frozenset("，。、；：？！）》」』”’】〕…—,.;:?!)]%·")
NO_LINE_END = frozenset("（《「『“‘【〔([")


def _paragraphs_follow_the_rules() -> None:
    """reportlab's CJK paragraphs (the forms) hang a character that may not start a line at the end of the
    previous one, but its list lacks the full-width ，：；！？ and the closing quotes and brackets."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    extra = "".join(sorted(set(NO_LINE_START) - set(textsplit.ALL_CANNOT_START)))
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START + extra  # type: ignore[attr-defined]


_paragraphs_follow_the_rules()

NAME_SEPARATOR = "·"  # between a community's and its grid's name: the preferred break in a long name


def cn_date(d: date | datetime | None) -> str:
    """A date as official documents write it (GB/T 9704): 2026年12月5日, without zero padding."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-_./:")


def wrap(text: str, widths: WidthTable, size: float, max_width: float) -> list[tuple[str, float]]:
    """Break `text` into lines no wider than `max_width` points; returns (line, width) pairs.

    Explicit newlines are kept. Nothing is ever dropped: joining the lines gives back the text without
    its newlines. Widths are summed with `accumulate` and break points found by bisection, so the work per
    character happens in C.
    """
    out: list[tuple[str, float]] = []
    limit = max_width * 1000.0 / size
    scale = size / 1000.0
    for para in text.split("\n"):
        n = len(para)
        if n == 0:
            out.append(("", 0.0))
            continue
        cum = widths.cumulative(para)
        if cum[-1] <= limit:
            out.append((para, cum[-1] * scale))
            continue
        start = 0
        base = 0.0
        while start < n:
            i = bisect_right(cum, base + limit, lo=start)
            if i <= start:
                i = start + 1  # a single character wider than the line: it still gets its own line
            if i < n:  # a break inside the paragraph: apply the punctuation and word rules
                brk = i
                while brk - 1 > start and (para[brk] in NO_LINE_START or para[brk - 1] in NO_LINE_END):
                    brk -= 1
                if _is_word_char(para[brk]) and _is_word_char(para[brk - 1]):
                    word_start = brk - 1
                    while word_start > start and _is_word_char(para[word_start - 1]):
                        word_start -= 1
                    if word_start > start:
                        brk = word_start
                # "大里社区·" / "大里街区": break at the separator when the rest of the name then fits
                sep = para.rfind(NAME_SEPARATOR, start + 1, brk)
                if sep >= 0 and cum[-1] - cum[sep] <= limit:
                    brk = sep + 1
                elif (
                    n - brk == 1 and brk - start > 2
                    and para[brk - 1] not in NO_LINE_START and para[brk - 2] not in NO_LINE_END
                ):  # fmt: skip
                    brk -= 1  # never one character alone on the last line ("行政执法中/队")
                while brk < n and para[brk] == " ":
                    brk += 1  # a space hangs at the end of the line: no line starts with one
                i = brk
            out.append((para[start:i], (cum[i - 1] - base) * scale))
            base = cum[i - 1]
            start = i
    return out


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right


# A4 landscape for ledgers (binding edge left); A4 portrait forms use the GB/T 9704 margins
A4_LANDSCAPE = PageGeometry(297 * mm, 210 * mm, left=20 * mm, right=12 * mm, top=14 * mm, bottom=14 * mm)
A4_PORTRAIT = PageGeometry(210 * mm, 297 * mm, left=28 * mm, right=26 * mm, top=37 * mm, bottom=35 * mm)


class CompressingCanvas(Canvas):
    """A canvas that deflates each finished page at once, so a 8,000-page ledger keeps ~5 KB per page in
    memory instead of its uncompressed drawing operators (reportlab compresses only when saving)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("pageCompression", 1)
        super().__init__(*args, **kwargs)
        self._pages_seen = 0

    def showPage(self) -> None:
        super().showPage()
        pages = self._doc.Pages.pages
        for page in pages[self._pages_seen :]:
            stream = page.stream
            if stream:
                data = stream.encode("utf-8") if isinstance(stream, str) else stream
                contents = PDFStream(content=zlib.compress(data, 3))
                contents.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
                contents.__Comment__ = "page stream"  # type: ignore[attr-defined]
                page.Contents = contents
                page.stream = None
        self._pages_seen = len(pages)


class PageText:
    """Text operators for one page, written directly (one BT…ET block).

    reportlab's TextObject formats every coordinate with a pure-Python float formatter and escapes every
    string; a ledger page has ~200 lines of text, so that dominates. This emits the same operators with
    f-strings and hex strings, using the font's own subset encoding (`splitString`), so the fonts are
    subset and embedded by reportlab exactly as usual.
    """

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.doc = canvas._doc
        self.ops: list[str] = ["BT"]
        self._enc: _Encoding | None = None
        self._size = 0.0
        self._current = ""

    def set_font(self, name: str, size: float) -> None:
        from reportlab.pdfbase import pdfmetrics

        enc = _encoding(pdfmetrics.getFont(name), self.doc)
        if enc is not self._enc or size != self._size:
            self._enc = enc
            self._size = size
            self._current = ""

    def show(self, x: float, y: float, text: str) -> None:
        enc = self._enc
        assert enc is not None, "set_font first"
        runs = enc.cache.get(text)
        if runs is None:
            runs = enc.runs(text)
        ops = self.ops
        ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for name, hexcodes in runs:
            if name != self._current:
                ops.append(f"{name} {self._size:g} Tf")
                self._current = name
            ops.append(f"<{hexcodes}> Tj")

    def draw(self) -> None:
        self.ops.append("ET")
        self.canvas._code.append("\n".join(self.ops))
        self.ops = ["BT"]
        self._current = ""


def stroke_segments(canvas: Canvas, segments: list[tuple[float, float, float, float]], width: float) -> None:
    """Stroke many straight lines as one path (what `canvas.lines` does, without its slow formatting)."""
    parts = [f"{width:g} w"]
    parts += [f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l" for x1, y1, x2, y2 in segments]
    parts.append("S")
    canvas._code.append("\n".join(parts))


_RUNS = re.compile(r"(.)\1*", re.S)


class _Encoding:
    """Per-document character → (face, subset, code) tables of one font chain, used through `str.translate`,
    and a cache of encoded strings (headers, dates, names and labels repeat on every page). Each character is
    encoded in the face of the chain that has it (`reports.fonts.FontChain`); one no face has, as 〓."""

    CACHE_LIMIT = 20000
    SLOT = 4096  # slot = face position * SLOT + subset number: one translate table covers the whole chain

    def __init__(self, chain: FontChain, doc: Any) -> None:
        self.chain = chain
        self.font = chain.fonts[0]
        self.doc = doc
        self.subset: dict[int, int] = {}
        self.code: dict[int, int] = {}
        self.names: dict[str, str] = {}
        self.known: set[str] = set()
        self.cache: dict[str, tuple[tuple[str, str], ...]] = {}

    def _learn(self, ch: str) -> None:
        self.known.add(ch)
        k = self.chain.index(ch)
        drawn = ch
        if k < 0:
            k, drawn = self.chain.placeholder_index, PLACEHOLDER
        ((sub, data),) = self.chain.fonts[k].splitString(drawn, self.doc)
        self.subset[ord(ch)] = k * self.SLOT + sub
        self.code[ord(ch)] = data[0]

    def runs(self, text: str) -> tuple[tuple[str, str], ...]:
        """(font resource name, hex codes) per run of characters in the same face and subset."""
        if not text:
            return ()
        for ch in set(text).difference(self.known):
            self._learn(ch)
        subsets = text.translate(self.subset)
        codes = text.translate(self.code).encode("latin-1").hex()
        if subsets.count(subsets[0]) == len(subsets):
            spans = [(subsets[0], 0, len(subsets))]
        else:
            spans = [(m.group()[0], m.start(), m.end()) for m in _RUNS.finditer(subsets)]
        out = []
        for slot, a, b in spans:
            name = self.names.get(slot)
            if name is None:
                k, sub = divmod(ord(slot), self.SLOT)
                name = self.names[slot] = self.chain.fonts[k].getSubsetInternalName(sub, self.doc)
            out.append((name, codes[2 * a : 2 * b]))
        result = tuple(out)
        if len(self.cache) >= self.CACHE_LIMIT:
            self.cache.clear()
        self.cache[text] = result
        return result


def _encoding(font: Any, doc: Any) -> _Encoding:
    """The tables of `font` (and its fallback chain) in `doc`, kept on the document so they go when it goes."""
    table: dict[str, _Encoding] = doc.__dict__.setdefault("_gc_encodings", {})
    enc = table.get(font.fontName)
    if enc is None:
        enc = table[font.fontName] = _Encoding(chain_for(font.fontName), doc)
    return enc
