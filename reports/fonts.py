"""Finding and registering the Chinese fonts every PDF embeds.

A printed form must look the same on any reader, so each PDF embeds (subsets) a TrueType-outline CJK font:
the fonts of a Chinese Windows office (仿宋 simfang.ttf, 宋体 simsun.ttc, 黑体 simhei.ttf) when present,
otherwise WenQuanYi Zen Hei / Micro Hei (Debian `fonts-wqy-zenhei`, `fonts-wqy-microhei`; the installer puts
them on fresh machines). reportlab's built-in STSong-Light is never used: it is not embedded and readers
substitute whatever they have. Noto CJK `.otf` files have CFF outlines, which reportlab cannot embed.

The choice is a shared setting (`pdf_font_body`, `pdf_font_title`): `auto`, a known face name such as
`simfang` or `wqy-zenhei`, or a file path (append `#N` to pick face N of a `.ttc` collection).

Every role is a chain: the chosen face, then fallbacks that cover the rarer characters of people's and
villages' names (CJK Extension A in WenQuanYi and 花園明朝A, Extensions B–F in 花園明朝B, much of G in BabelStone
Han: Debian `fonts-hanazono`, `fonts-babelstone-han`). Each character is drawn in the first face of the chain
that has a glyph for it; one that no face has is drawn as 〓 (the typesetter's mark for a missing character)
and reported (`Unprintable`), never dropped silently.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from console.errors import ConsoleError

BODY = "GC-Body"  # 仿宋/宋体-like: table cells, body text
TITLE = "GC-Title"  # 黑体-like: titles, column headers


class FontUnavailable(ConsoleError):
    """No embeddable CJK font was found (or the configured one cannot be used)."""


@dataclass(frozen=True)
class FontFace:
    """One face: a file and, for a `.ttc` collection, the index of the face in it."""

    key: str  # short name users can put in the setting
    label: str  # Chinese name shown in errors and the dialog
    filename: str
    subfont: int = 0


# known faces, each role in order of preference (Windows office fonts first, then WenQuanYi)
KNOWN_FACES: dict[str, FontFace] = {
    face.key: face
    for face in (
        FontFace("simfang", "仿宋", "simfang.ttf"),
        FontFace("simsun", "宋体", "simsun.ttc"),
        FontFace("simhei", "黑体", "simhei.ttf"),
        FontFace("wqy-zenhei", "文泉驿正黑", "wqy-zenhei.ttc"),
        FontFace("wqy-microhei", "文泉驿微米黑", "wqy-microhei.ttc"),
        FontFace("uming", "文鼎明体", "uming.ttc", 0),  # AR PL UMing CN (Debian fonts-arphic-uming)
        FontFace("hanamin-a", "花园明朝A", "HanaMinA.ttf"),  # Debian fonts-hanazono: URO, Ext. A, some of B
        FontFace("hanamin-b", "花园明朝B", "HanaMinB.ttf"),  # Extensions B–F
        FontFace("babelstone-han", "BabelStone Han", "BabelStoneHan.ttf"),  # much of Extensions G and H
    )
}
# The one table of which face prints which text role (GB/T 9704: 黑体 titles, 仿宋/宋体 body; a Song/Ming face
# in tables): the first installed face of a role is its primary face, unless a setting names another.
PREFERENCE = {
    "title": ("simhei", "wqy-zenhei", "wqy-microhei"),  # one WenQuanYi file serves several roles: parsed once
    "body": ("simfang", "simsun", "uming", "wqy-zenhei", "wqy-microhei"),
    "table": ("simsun", "simfang", "uming", "wqy-zenhei", "wqy-microhei"),
}
# tried in order after the primary face, for every role, character by character
FALLBACKS = ("wqy-zenhei", "wqy-microhei", "simsun", "hanamin-a", "hanamin-b", "babelstone-han")
SETTING_KEYS = {"body": "pdf_font_body", "title": "pdf_font_title", "table": "pdf_font_body"}
INSTALL_HINT = "请安装 仿宋/宋体/黑体（simfang.ttf、simsun.ttc、simhei.ttf）或 文泉驿字体（fonts-wqy-zenhei、fonts-wqy-microhei）"
PLACEHOLDER = "〓"  # drawn where no installed face has the character


def font_dirs() -> list[Path]:
    """Directories searched for font files, the app's own folder first."""
    dirs = [Path(__file__).with_name("fonts")]
    extra = os.environ.get("GRIDCONSOLE_FONT_DIR")
    if extra:
        dirs[:0] = [Path(p) for p in extra.split(os.pathsep) if p]
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path.home() / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    else:
        dirs += [
            Path.home() / ".local" / "share" / "fonts",
            Path.home() / ".fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        ]
    return dirs


@cache
def _index_fonts(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Lower-case file name → first path found (dirs in order, recursively)."""
    found: dict[str, Path] = {}
    for base in dirs:
        if not base.is_dir():
            continue
        for root, _subdirs, files in os.walk(base):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def find_face(face: FontFace) -> Path | None:
    return _index_fonts(tuple(font_dirs())).get(face.filename.lower())


def available_faces() -> list[FontFace]:
    """Known faces present on this machine (for the settings choice)."""
    return [face for face in KNOWN_FACES.values() if find_face(face) is not None]


@dataclass(frozen=True)
class ResolvedFont:
    path: Path
    subfont: int
    label: str


def resolve(role: str, choice: str = "auto") -> ResolvedFont:
    """The font file for `role` ("body"/"title") under the setting value `choice`."""
    choice = (choice or "auto").strip()
    if choice == "auto":
        for key in PREFERENCE[role]:
            face = KNOWN_FACES[key]
            path = find_face(face)
            if path is not None:
                return ResolvedFont(path, face.subfont, face.label)
        searched = "、".join(str(d) for d in font_dirs())
        raise FontUnavailable(f"找不到可嵌入 PDF 的中文字体。{INSTALL_HINT}。已查找：{searched}")
    if choice in KNOWN_FACES:
        face = KNOWN_FACES[choice]
        path = find_face(face)
        if path is None:
            raise FontUnavailable(
                f"设置 {SETTING_KEYS[role]} 指定的字体 {face.label}（{face.filename}）未安装。{INSTALL_HINT}"
            )
        return ResolvedFont(path, face.subfont, face.label)
    path_text, _, index_text = choice.partition("#")
    path = Path(path_text).expanduser()
    if not path.is_file():
        raise FontUnavailable(f"设置 {SETTING_KEYS[role]} 指定的字体文件不存在：{path_text}")
    try:
        subfont = int(index_text) if index_text else 0
    except ValueError as exc:
        raise FontUnavailable(f"字体设置“{choice}”无效：# 后应为字体集中的序号") from exc
    return ResolvedFont(path, subfont, path.stem)


@cache
def _load(name: str, path: Path, subfont: int) -> TTFont:
    try:
        return TTFont(name, str(path), subfontIndex=subfont)
    except TTFError as exc:
        raise FontUnavailable(
            f"字体 {path.name} 无法嵌入 PDF（需要 TrueType 轮廓的中文字体，Noto CJK 等 CFF 字体不可用）：{exc}"
        ) from exc


@dataclass(frozen=True)
class PdfFonts:
    """Registered reportlab font names for body text and titles (and table cells: `table`, else body)."""

    body: str
    title: str
    body_label: str
    title_label: str
    table: str = ""
    table_label: str = ""

    @property
    def cell(self) -> str:
        """The font of table cells."""
        return self.table or self.body


def _font_name(font: ResolvedFont) -> str:
    return f"GC-{font.path.stem}-{font.subfont}"  # roles share one font object when one file


def _register(font: ResolvedFont) -> str:
    name = _font_name(font)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_load(name, font.path, font.subfont))
    return name


# primary registered name → its chain: (registered name, the file to load it from when first needed); a name
# not here is a chain of one
_CHAINS: dict[str, tuple[tuple[str, ResolvedFont | None], ...]] = {}


def _fallbacks() -> list[tuple[str, ResolvedFont | None]]:
    """The installed fallback faces, not loaded yet: a fallback file is parsed only when a character of the
    print run needs it (花園明朝 and BabelStone Han are 20–50 MB each)."""
    out: list[tuple[str, ResolvedFont | None]] = []
    for key in FALLBACKS:
        face = KNOWN_FACES[key]
        path = find_face(face)
        if path is not None:
            font = ResolvedFont(path, face.subfont, face.label)
            out.append((_font_name(font), font))
    return out


def register_fonts(body_choice: str = "auto", title_choice: str = "auto", table_choice: str = "") -> PdfFonts:
    """Register the fonts of each role with reportlab under names unique to the files chosen, each with its
    chain of fallbacks (`chain_for`). `table_choice` empty: "auto" when the body is "auto", else the body's."""
    if not table_choice:
        table_choice = body_choice if (body_choice or "auto").strip() != "auto" else "auto"
    names = []
    labels = []
    fallbacks = _fallbacks()
    for role, choice in (("body", body_choice), ("title", title_choice), ("table", table_choice)):
        font = resolve(role, choice)
        name = _register(font)
        links: dict[str, ResolvedFont | None] = {name: None}
        for fallback, spec in fallbacks:
            links.setdefault(fallback, spec)
        chain = tuple(links.items())
        if _CHAINS.get(name) != chain:
            _CHAINS[name] = chain
            chain_for.cache_clear()
        names.append(name)
        labels.append(font.label)
    return PdfFonts(names[0], names[1], labels[0], labels[1], names[2], labels[2])


def fonts_from_settings(session: object) -> PdfFonts:
    """Register the fonts the shared settings ask for (session: an SQLAlchemy Session)."""
    from sqlalchemy.orm import Session

    from console.settings import get_setting

    assert isinstance(session, Session)
    return register_fonts(
        get_setting(session, SETTING_KEYS["body"]), get_setting(session, SETTING_KEYS["title"])
    )


def _is_control(ch: str) -> bool:
    return ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u200b\u200c\u200d\ufeff"


class FontChain:
    """The faces of one role in order; which face draws a character is decided once per character. The
    fallback faces are loaded (and registered with reportlab) one by one, when a character needs them."""

    def __init__(self, links: Sequence[tuple[str, ResolvedFont | None]]) -> None:
        self.names = tuple(name for name, _spec in links)
        self._specs = [spec for _name, spec in links]
        self.fonts: list[Any] = []  # the faces loaded so far, in chain order (None: a file that failed)
        self._cmaps: list[dict[int, int]] = []
        self._index: dict[str, int] = {}
        self._placeholder: int | None = None
        self._load_next()

    def _load_next(self) -> bool:
        k = len(self.fonts)
        if k >= len(self.names):
            return False
        spec = self._specs[k]
        try:
            if spec is not None:
                _register(spec)
            font = pdfmetrics.getFont(self.names[k])
        except FontUnavailable:
            if k == 0:
                raise
            font = None  # a damaged fallback file: the others still serve
        self.fonts.append(font)
        self._cmaps.append(getattr(getattr(font, "face", None), "charToGlyph", None) or {})
        return True

    @property
    def placeholder_index(self) -> int:
        if self._placeholder is None:
            self._placeholder = max(self.index(PLACEHOLDER), 0)
        return self._placeholder

    def index(self, ch: str) -> int:
        """Position in the chain of the face that draws `ch`; -1 when none has it."""
        i = self._index.get(ch)
        if i is None:
            i = -1
            if _is_control(ch):
                i = 0  # newlines and the like are never drawn
            else:
                code = ord(ch)
                k = 0
                while k < len(self._cmaps) or self._load_next():
                    if self._cmaps[k].get(code):
                        i = k
                        break
                    k += 1
            self._index[ch] = i
        return i

    def missing(self, text: str) -> str:
        """The characters of `text` no face of the chain has, each once, in order of appearance."""
        index = self._index
        out = [ch for ch in dict.fromkeys(text) if (index[ch] if ch in index else self.index(ch)) < 0]
        return "".join(out)


@cache
def chain_for(font_name: str) -> FontChain:
    """The chain of a registered font: `register_fonts` puts the fallbacks behind each primary face."""
    return FontChain(_CHAINS.get(font_name, ((font_name, None),)))


def fallback_markup(xml_text: str, font_name: str) -> str:
    """Paragraph markup for already-escaped text in `font_name`: runs of characters the primary face lacks are
    wrapped in `<font face=…>` of the face that has them; characters no face has become 〓."""
    chain = chain_for(font_name)
    index = chain.index
    if all(index(ch) == 0 for ch in set(xml_text)):
        return xml_text
    out: list[str] = []
    current = 0
    for ch in xml_text:
        k = index(ch)
        drawn = ch
        if k < 0:
            k, drawn = chain.placeholder_index, PLACEHOLDER
        if k != current:
            if current:
                out.append("</font>")
            if k:
                out.append(f'<font face="{chain.names[k]}">')
            current = k
        out.append(drawn)
    if current:
        out.append("</font>")
    return "".join(out)


@dataclass
class Unprintable:
    """Characters no installed face has, with where they occur (case numbers, or a form's name)."""

    chars: dict[str, list[str]] = field(default_factory=dict)

    def add(self, missing: str, where: str) -> None:
        for ch in missing:
            places = self.chars.setdefault(ch, [])
            if where and where not in places:
                places.append(where)

    def check(self, chain: FontChain, text: str, where: str) -> None:
        missing = chain.missing(text)
        if missing:
            self.add(missing, where)

    def __bool__(self) -> bool:
        return bool(self.chars)

    def message(self) -> str:
        """One sentence for the dialog and the command line ("3 个字无法显示：…，案件 …")."""
        if not self.chars:
            return ""
        places = list(dict.fromkeys(p for ps in self.chars.values() for p in ps))
        shown = "、".join(places[:10]) + (f" 等 {len(places)} 处" if len(places) > 10 else "")
        codes = "、".join(f"{ch}（U+{ord(ch):04X}）" for ch in list(self.chars)[:20])
        return (
            f"{len(self.chars)} 个字无法显示：{codes}，见 {shown}；已用“{PLACEHOLDER}”代替印出。"
            "请安装 fonts-hanazono、fonts-babelstone-han 等字体后重新生成，或在纸面上手写补正。"
        )


class WidthTable:
    """Fast per-character advance widths of one font and its fallback chain (cached per character)."""

    def __init__(self, font_name: str) -> None:
        self.chain = chain_for(font_name)
        self._widths: dict[str, float] = {}

    def char(self, ch: str) -> float:
        """Width of `ch` in 1/1000 em (of the face that draws it; 〓's width when none does)."""
        w = self._widths.get(ch)
        if w is None:
            k = self.chain.index(ch)
            code = ord(ch)
            if k < 0:
                k, code = self.chain.placeholder_index, ord(PLACEHOLDER)
            face = getattr(self.chain.fonts[k], "face", None)
            widths = getattr(face, "charWidths", None) or {}
            w = float(widths.get(code, getattr(face, "defaultWidth", 1000.0) or 1000.0))
            self._widths[ch] = w
        return w

    def cumulative(self, text: str) -> list[float]:
        """Running widths (1/1000 em) after each character of `text`."""
        widths = self._widths
        for ch in set(text).difference(widths):
            self.char(ch)
        return list(accumulate(map(widths.__getitem__, text)))

    def width(self, text: str, size: float) -> float:
        get = self._widths.get
        total = 0.0
        for ch in text:
            w = get(ch)
            if w is None:
                w = self.char(ch)
            total += w
        return total * size / 1000.0


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap of a subset, with characters beyond the BMP (𠮷 U+20BB7, Extensions B–G)
    written as UTF-16 surrogate pairs: reportlab writes them as five hex digits, which readers truncate,
    so "王𠮷" would copy and search as "王₻"."""
    pairs = [f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar", *pairs,
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])  # fmt: skip


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # used by TTFont.addObjects when a document is saved
