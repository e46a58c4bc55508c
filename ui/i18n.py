"""Translations the Qt way: the source strings are Simplified Chinese (the default UI, no file needed);
`ui/i18n/gridconsole_<lang>.qm` (English: `en`) translates them, built from the .ts that pyside6-lupdate keeps
in step with the code (`resources/i18n/update.py`). Domain labels and the refusals raised in `console/` are
marked there with the Qt-free `console.i18n.QT_TRANSLATE_NOOP` and translated here when shown (`label`,
`translated`). Installing another language sends every widget a LanguageChange event: windows that stay open
re-set their texts in `changeEvent` → `retranslate()`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from console.i18n import Message, Template, fill

I18N_DIR = Path(__file__).with_name("i18n")
SOURCE_LANGUAGE = "zh_CN"  # the language the strings are written in: no translation file
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}

_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Load our .qm for `language` (and Qt's own strings); False when our file is missing. Every widget then
    gets a LanguageChange event (installing or removing a translator sends it)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ok = True
    if language != SOURCE_LANGUAGE:
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


class TrContext:
    """Q_DECLARE_TR_FUNCTIONS for code outside a QObject: `Dialogs.tr("已派遣 %n 件", None, n)` is read by lupdate
    in the context named by the prefix ("Dialogs") and looks up the same context here. It is the one plural form
    lupdate reads outside a class (it drops a `QCoreApplication.translate` whose count is not a literal); the
    variable's name must be its context (tests/test_ui_i18n.py checks)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(self.name, text, disambiguation, n)


Dialogs = TrContext("Dialogs")


def translated(text: str) -> str:
    """`text` in the current language: a `console.i18n.Message` or marked `Template` is looked up in its
    context (a message's template first, then its arguments); any other text is shown as it is."""
    if isinstance(text, Message):
        return fill(translated(text.template), (translated(a) if isinstance(a, str) else a for a in text.args))
    if isinstance(text, Template):
        return QCoreApplication.translate(text.context, text)
    return text


class Texts:
    """The texts a window sets once (titles, captions, placeholders), each kept with its setter, so that
    `retranslate()` on LanguageChange sets them again in the new language — Qt's retranslateUi, without
    writing every string twice. Sources are marked `QT_TRANSLATE_NOOP("Context", "…")` (console.i18n's)."""

    def __init__(self) -> None:
        self._bound: list[tuple[Callable[[str], object], str]] = []

    def bind(self, setter: Callable[[str], object], source: str) -> str:
        """Call `setter` with `source` translated, now and on every `retranslate()`."""
        self._bound.append((setter, source))
        text = translated(source)
        setter(text)
        return text

    def retranslate(self) -> None:
        for setter, source in self._bound:
            setter(translated(source))


def label(member: Enum | None) -> str:
    """The on-screen label of a domain enum member, translated through the "domain" context."""
    if member is None:
        return ""
    text = getattr(member, "label", None) or str(member.value)
    return QCoreApplication.translate("domain", text)
