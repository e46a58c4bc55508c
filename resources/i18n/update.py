"""Bring the translations in step with the code: pyside6-lupdate reads every translatable string of the sources
into ui/i18n/gridconsole_en.ts (new ones unfinished, vanished ones obsolete), pyside6-lrelease compiles the .qm
the program loads. Translate the unfinished messages in Qt Linguist (`pyside6-linguist ui/i18n/gridconsole_en.ts`),
then run this again.

Run: .venv/bin/python resources/i18n/update.py [--no-obsolete]   (--no-obsolete drops vanished messages)

The sources are Simplified Chinese, the default UI; it needs no translation file (QCoreApplication.translate fills
in %n itself). The strings are marked the way lupdate's Python parser reads them: `self.tr("…")` (context: the
class), `QCoreApplication.translate("Context", "…")`, `QT_TRANSLATE_NOOP("Context", "…")` for tables translated
where they are shown (console/ uses its own Qt-free `console.i18n.QT_TRANSLATE_NOOP`), and plurals as
`self.tr("…%n…", None, n)` in a class no other class derives from, else `Dialogs.tr("…%n…", None, n)` with a
`ui.i18n.TrContext` (lupdate drops a `QCoreApplication.translate` whose count is not a literal, and PySide6 looks
up a subclass's plural under the subclass's name). lupdate does not see a call inside an f-string: hoist it.
tests/test_ui_i18n.py runs the same lupdate into a temporary copy and fails on unfinished or obsolete messages,
and on a marked string lupdate missed.

English glossary kept throughout: 待受理 Pending intake, 受理 accept/intake, 派遣 Dispatch, 签收 Acknowledge
receipt, 核查 Verify, 督办 Supervision notice, 挂账 Long-term (on ledger), 整改台账 Rectification ledger, 网格长 Grid
leader, 网格员 Grid worker, 事项清单 item list, 牵头部门 lead department, 配合部门 co-departments, 自巡自办 Self-handled.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "ui" / "i18n"
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = ("en",)  # one .ts per translation; zh_CN is the source language
SOURCE_PACKAGES = ("ui", "console", "reports")


def ts_path(language: str) -> Path:
    return TS_DIR / f"gridconsole_{language}.ts"


def sources() -> list[Path]:
    """Every Python file lupdate reads (the migrations hold no UI text)."""
    return sorted(
        p
        for pkg in SOURCE_PACKAGES
        for p in (ROOT / pkg).rglob("*.py")
        if "migrations" not in p.parts and "__pycache__" not in p.parts
    )


def tool(name: str) -> str:
    """A PySide6 tool next to the running interpreter (the venv's), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else name


def lupdate(ts: Path, language: str, *, no_obsolete: bool = False) -> subprocess.CompletedProcess[str]:
    """Merge the sources' strings into `ts` (created when missing)."""
    cmd = [
        tool("pyside6-lupdate"),
        "-silent",
        "-locations",
        "relative",
        "-source-language",
        SOURCE_LANGUAGE,
        "-target-language",
        language,
        *(["-no-obsolete"] if no_obsolete else []),
        *(str(p) for p in sources()),
        "-ts",
        str(ts),
    ]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT)


def main(argv: Sequence[str]) -> int:
    for language in LANGUAGES:
        ts = ts_path(language)
        done = lupdate(ts, language, no_obsolete="--no-obsolete" in argv)
        sys.stderr.write(done.stderr)
        lrelease(ts, ts.with_suffix(".qm"))
        print(ts.relative_to(ROOT), ts.with_suffix(".qm").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
