"""Pick a Simplified-Chinese font explicitly.

Left to itself Qt's fallback may draw Chinese with Japanese glyph shapes when only Noto Sans CJK is installed
(its default family is the JP one), or with boxes. We take the first installed font from a list of SC fonts;
the installer puts WenQuanYi Micro Hei on Linux seats that have none.

Behind it come the same fallbacks the PDFs use (`reports.fonts.FALLBACKS`): 花園明朝A/B and BabelStone Han carry
the rare characters of people's and villages' names (𠮷 U+20BB7, 𡈽 U+2123D: CJK Extensions B–G), so the
screen shows what the paper shows instead of an empty box.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

PREFERRED_FAMILIES = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "SimSun",
    "Droid Sans Fallback",
)

SAMPLE = "网格化管理指挥调度台"
# tried in order for characters the main family lacks (QFont families and substitutions)
FALLBACK_FAMILIES = (
    "WenQuanYi Zen Hei",
    "SimSun",
    "HanaMinA",
    "HanaMinB",
    "BabelStone Han",
    "SimSun-ExtB",
    "MingLiU-ExtB",
    "Microsoft YaHei",
)


def fallback_families(family: str) -> list[str]:
    """The installed fallback families for `family`, in order (the family itself not included)."""
    installed = set(QFontDatabase.families())
    return [name for name in FALLBACK_FAMILIES if name != family and name in installed]


def chinese_family(preferred: str = "") -> str | None:
    """The first installed family (the user's choice first) that can draw Simplified Chinese, or None."""
    families = set(QFontDatabase.families())
    for name in (preferred, *PREFERRED_FAMILIES):
        if name and name in families:
            return name
    for name in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return name
    return None


def apply_chinese_font(app: QApplication, preferred: str = "", point_size: int = 10) -> str | None:
    """Make the Chinese family the application font; returns it (None when the seat has no CJK font)."""
    family = chinese_family(preferred)
    font = QFont(app.font())
    if family:
        fallbacks = fallback_families(family)
        font.setFamilies([family, *fallbacks])
        QFont.insertSubstitutions(family, fallbacks)  # also for widgets that set a family of their own
    font.setPointSize(point_size)
    app.setFont(font)
    return family
