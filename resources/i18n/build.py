"""Write ui/i18n/gridconsole_{zh_CN,en}.ts from the strings in ui/ and compile the .qm files.

Run: .venv/bin/python resources/i18n/build.py [--unwrapped]   (needs pyside6-lrelease from PySide6-Essentials)
Sources are Simplified Chinese; the zh_CN file is the identity (the default UI, editable wording), the en file
takes its text from en.py (`BY_CONTEXT` first, then `EN`). Strings without an English text are reported and left
unfinished; so are translation calls extract.py could not follow. `--unwrapped` also lists the Chinese literals
of ui/ that no translation call reaches (audit texts and error messages among them, which stay Chinese).
Exit status 1 when an English text is missing or a call was not resolved, so CI can run it as a check.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from en import BY_CONTEXT, EN  # noqa: E402
from extract import ROOT, scan  # noqa: E402

OUT = ROOT / "ui" / "i18n"


def english(context: str, text: str) -> str:
    """The English text for `text` looked up in `context` ("" when there is none)."""
    return BY_CONTEXT.get(context, {}).get(text) or EN.get(text, "")


def write_ts(language: str, strings: dict[str, list[str]], english_file: bool) -> tuple[Path, list[str]]:
    missing: list[str] = []
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{language}" sourcelanguage="zh_CN">',
    ]
    for ctx in sorted(strings):
        lines.append(f"<context>\n    <name>{escape(ctx)}</name>")
        for text in strings[ctx]:
            tr = english(ctx, text) if english_file else text
            if not tr:
                missing.append(f"{ctx}: {text!r}")
            kind = "" if tr else ' type="unfinished"'
            lines.append(
                f"    <message>\n        <source>{escape(text)}</source>\n"
                f"        <translation{kind}>{escape(tr)}</translation>\n    </message>"
            )
        lines.append("</context>")
    lines.append("</TS>")
    path = OUT / f"gridconsole_{language}.ts"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, missing


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    found = scan()
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    problems = 0
    for language, english_file in (("zh_CN", False), ("en", True)):
        ts, missing = write_ts(language, found.strings, english_file)
        for m in missing:
            print(f"missing {language}: {m}")
        problems += len(missing)
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        print(f"{ts.with_suffix('.qm').relative_to(ROOT)}")
    for u in found.unresolved:
        print(f"unresolved: {u}")
    problems += len(found.unresolved)
    used = {t for items in found.strings.values() for t in items}
    stale = [t for t in EN if t not in used]
    if stale:
        print(f"en.py: {len(stale)} texts no longer used: " + ", ".join(repr(t) for t in stale))
    if "--unwrapped" in argv:
        for u in found.unwrapped:
            print(f"unwrapped: {u}")
    else:
        print(
            f"{len(found.unwrapped)} Chinese literals in ui/ outside translation calls (--unwrapped lists them)"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
