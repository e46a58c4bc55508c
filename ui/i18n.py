"""Translations: the source strings are Simplified Chinese (the default UI); `ui/i18n/gridconsole_<lang>.qm`
translates them (English: `en`). Domain labels from `console.domain` go through the "domain" context so the
English file can translate them too.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).with_name("i18n")
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}

_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Load our .qm for `language` (and Qt's own strings); False when our file is missing."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ok = True
    ours = QTranslator(app)
    if ours.load(str(I18N_DIR / f"gridconsole_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        ok = False
    qt = QTranslator(app)
    qt_name = "qtbase_zh_CN" if language == "zh_CN" else f"qtbase_{language}"
    if qt.load(qt_name, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English))
    return ok


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate and extract.py know
    """Mark `text` for translation in `context` (translated where it is shown)."""
    return text


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def label(member: Enum | None) -> str:
    """The on-screen label of a domain enum member, translated through the "domain" context."""
    if member is None:
        return ""
    text = getattr(member, "label", None) or str(member.value)
    return QCoreApplication.translate("domain", text)
