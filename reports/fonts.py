"""Finding and registering the Chinese fonts every PDF embeds.

A printed form must look the same on any reader, so each PDF embeds (subsets) a TrueType-outline CJK font:
the fonts of a Chinese Windows office (仿宋 simfang.ttf, 宋体 simsun.ttc, 黑体 simhei.ttf) when present,
otherwise WenQuanYi Zen Hei / Micro Hei (Debian `fonts-wqy-zenhei`, `fonts-wqy-microhei`; the installer puts
them on fresh machines). reportlab's built-in STSong-Light is never used: it is not embedded and readers
substitute whatever they have. Noto CJK `.otf` files have CFF outlines, which reportlab cannot embed.

The choice is a shared setting (`pdf_font_body`, `pdf_font_title`): `auto`, a known face name such as
`simfang` or `wqy-zenhei`, or a file path (append `#N` to pick face N of a `.ttc` collection).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
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
    )
}
PREFERENCE = {
    "body": ("simfang", "simsun", "wqy-zenhei", "wqy-microhei"),
    "title": ("simhei", "wqy-zenhei", "wqy-microhei"),  # one WenQuanYi file serves both: parsed once
}
SETTING_KEYS = {"body": "pdf_font_body", "title": "pdf_font_title"}
INSTALL_HINT = "请安装 仿宋/宋体/黑体（simfang.ttf、simsun.ttc、simhei.ttf）或 文泉驿字体（fonts-wqy-zenhei、fonts-wqy-microhei）"


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
    """Registered reportlab font names for body text and titles."""

    body: str
    title: str
    body_label: str
    title_label: str


def register_fonts(body_choice: str = "auto", title_choice: str = "auto") -> PdfFonts:
    """Register the body and title fonts with reportlab under names unique to the files chosen."""
    names = []
    labels = []
    for role, choice in (("body", body_choice), ("title", title_choice)):
        font = resolve(role, choice)
        name = f"GC-{font.path.stem}-{font.subfont}"  # both roles share one font object when one file
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(_load(name, font.path, font.subfont))
        names.append(name)
        labels.append(font.label)
    return PdfFonts(names[0], names[1], labels[0], labels[1])


def fonts_from_settings(session: object) -> PdfFonts:
    """Register the fonts the shared settings ask for (session: an SQLAlchemy Session)."""
    from sqlalchemy.orm import Session

    from console.settings import get_setting

    assert isinstance(session, Session)
    return register_fonts(
        get_setting(session, SETTING_KEYS["body"]), get_setting(session, SETTING_KEYS["title"])
    )


class WidthTable:
    """Fast per-character advance widths of one font (reportlab's stringWidth, cached per character)."""

    def __init__(self, font_name: str) -> None:
        font = pdfmetrics.getFont(font_name)
        face = getattr(font, "face", None)
        self._widths: dict[str, float] = {}
        self._face_widths: dict[int, float] = dict(getattr(face, "charWidths", {}) or {})
        self._default = float(getattr(face, "defaultWidth", 1000.0) or 1000.0)

    def char(self, ch: str) -> float:
        """Width of `ch` in 1/1000 em."""
        w = self._widths.get(ch)
        if w is None:
            w = self._face_widths.get(ord(ch), self._default)
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
