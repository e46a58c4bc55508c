"""Sentences the core shows to people, kept translatable without Qt.

The core speaks Simplified Chinese (the CLI, the PDFs, the history). A message the window may show in another
language is written as a template marked `QT_TRANSLATE_NOOP("context", "…%1…")` — the name and form
pyside6-lupdate reads, so the template lands in the .ts files — and carried as a `Message`: a `str` holding the
Chinese sentence (what the CLI prints and the tests compare) that also remembers its context, template and
arguments, so `ui.i18n.translated` can translate the template and then fill in the arguments. Placeholders are
Qt's `%1`…`%9`; an argument that is itself a `Message` or a marked `Template` is translated too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PLACEHOLDER = re.compile(r"%([1-9])")


class Template(str):
    """A source text marked for translation in `context` (still the Chinese text as a `str`)."""

    context: str

    def __new__(cls, context: str, text: str) -> Template:
        self = super().__new__(cls, text)
        self.context = context
        return self

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]  # copy and pickle rebuild it whole
        return (self.context, str(self))


def QT_TRANSLATE_NOOP(context: str, text: str) -> Template:  # noqa: N802 - the name pyside6-lupdate reads
    """Mark `text` for translation in `context`; translated where it is shown (`ui.i18n.translated`)."""
    return Template(context, text)


def fill(template: str, args: Iterable[object]) -> str:
    """Qt's `%1`…`%9` replaced by `args` in one pass (an argument's own "%2" is left alone)."""
    values = [str(a) for a in args]
    return _PLACEHOLDER.sub(lambda m: values[int(m[1]) - 1] if int(m[1]) <= len(values) else m[0], template)


class Message(str):
    """A sentence for people: the Chinese text, plus the template and arguments it was made of."""

    template: Template
    args: tuple[object, ...]

    def __new__(cls, template: Template, *args: object) -> Message:
        self = super().__new__(cls, fill(template, args))
        self.template = template
        self.args = args
        return self

    def __getnewargs__(self) -> tuple[object, ...]:  # type: ignore[override]
        return (self.template, *self.args)


#: joins several refusals into one sentence
SENTENCES = QT_TRANSLATE_NOOP("console", "%1；%2")
#: joins the items of a list (statuses, posts) inside a sentence
ITEMS = QT_TRANSLATE_NOOP("console", "%1、%2")


def join(parts: Iterable[str], separator: Template = SENTENCES) -> str:
    """Several messages as one, each still translatable (`""` for none)."""
    out: str = ""
    for p in parts:
        out = p if not out else Message(separator, out, p)
    return out
