"""Write ui/i18n/gridconsole_{zh_CN,en}.ts from the strings in ui/ and compile the .qm files.

Run: .venv/bin/python resources/i18n/build.py   (needs pyside6-lrelease from PySide6-Essentials)
Sources are Simplified Chinese; the zh_CN file is the identity (the default UI, editable wording), the en file
takes its text from en.py. Strings without an English text are reported and left unfinished.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from en import EN  # noqa: E402
from extract import ROOT, ui_strings  # noqa: E402

OUT = ROOT / "ui" / "i18n"


def write_ts(
    language: str, strings: dict[str, list[str]], translate: dict[str, str] | None
) -> tuple[Path, list[str]]:
    missing: list[str] = []
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{language}" sourcelanguage="zh_CN">',
    ]
    for ctx in sorted(strings):
        lines.append(f"<context>\n    <name>{escape(ctx)}</name>")
        for src in strings[ctx]:
            text = src.encode().decode("unicode_escape") if "\\" in src else src
            if translate is None:
                tr = text
            else:
                tr = translate.get(text, "")
                if not tr:
                    missing.append(f"{ctx}: {text}")
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


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    strings = ui_strings()
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for language, table in (("zh_CN", None), ("en", EN)):
        ts, missing = write_ts(language, strings, table)
        for m in missing:
            print(f"missing {language}: {m}")
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        print(f"{ts.with_suffix('.qm').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
