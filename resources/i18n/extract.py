"""Collect the translatable strings of ui/: `_t("…")` (context from the module's `_t`), QT_TRANSLATE_NOOP,
`tr("ctx", "…")`, and the domain labels (enums, workflow actions) in the "domain" context."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
SKIP = {"print_dialog.py"}  # another engineer's dialog keeps its own strings

_CTX = re.compile(r'def _t\(text_?: str\) -> str:\s+return QCoreApplication\.translate\("([^"]+)"')
_T = re.compile(r"""\b_t\(\s*"((?:[^"\\]|\\.)*)"|\b_t\(\s*'((?:[^'\\]|\\.)*)'""")
_ACT = re.compile(r'\bact\(\s*"[^"]+",\s*"([^"]+)"')
_QUICK = re.compile(r'^\s+\("[^"]+", "([^"]+)"\),$', re.M)
_NOOP = re.compile(r'QT_TRANSLATE_NOOP\(\s*"([^"]+)",\s*"((?:[^"\\]|\\.)*)"\)')
_TR = re.compile(r'\btr\(\s*"([^"]+)",\s*"((?:[^"\\]|\\.)*)"\)')


def ui_strings() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def add(ctx: str, text: str) -> None:
        lst = out.setdefault(ctx, [])
        if text not in lst:
            lst.append(text)

    for path in sorted(UI.glob("*.py")):
        if path.name in SKIP:
            continue
        src = path.read_text(encoding="utf-8")
        m = _CTX.search(src)
        if m:
            for a, b in _T.findall(src):
                add(m.group(1), a or b)
            for t in _ACT.findall(src):
                add(m.group(1), t)
            if path.name == "main_window.py":
                for t in _QUICK.findall(src):
                    add(m.group(1), t)
        for ctx, t in _NOOP.findall(src):
            add(ctx, t)
        for ctx, t in _TR.findall(src):
            add(ctx, t)
    for t in domain_strings():
        add("domain", t)
    return out


def domain_strings() -> list[str]:
    import sys

    sys.path.insert(0, str(ROOT))
    from console import domain
    from console.workflow import machine

    texts: list[str] = []
    for name in dir(domain):
        obj = getattr(domain, name)
        if isinstance(obj, type) and issubclass(obj, domain.Labeled) and obj is not domain.Labeled:
            texts.extend(m.label for m in obj)
    texts.extend(t.label for t in machine.TRANSITIONS.values())
    texts.extend(["上报", "合并入本案", "本案并入"])
    seen: list[str] = []
    for t in texts:
        if t not in seen:
            seen.append(t)
    return seen


if __name__ == "__main__":
    for ctx, items in ui_strings().items():
        for t in items:
            print(f"{ctx}\t{t}")
