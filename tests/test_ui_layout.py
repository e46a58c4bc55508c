"""The window fits the desk it runs on (issue 17 item 6): on a 1366×768 laptop screen and on a 4K screen at 200%,
the grid tree, the queue and the case pane lie inside the screen, before and after choosing the case with the
longest texts; a geometry saved on a larger screen is brought into a smaller one.

Each run is its own process (tests/layout_probe.py): the offscreen platform takes its screen size at start-up.
GRIDCONSOLE_SCREENSHOTS=docs writes docs/main-window-1366x768.png (default: a temp dir).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from console.db import Database
from tests.layout_probe import screen_env
from tests.test_ui_support import seeded, seeded_pg_template, seeded_sqlite_template, seeded_url, ui_settings
from tests.test_ui_window import make_window
from ui.main_window import MainWindow
from ui.queue_model import COL

#: fixtures shared with the other UI tests (imported, so pytest finds them here)
FIXTURES = (seeded, seeded_pg_template, seeded_sqlite_template, seeded_url, ui_settings, make_window)

ROOT = Path(__file__).resolve().parent.parent
PANES = ("queue", "tree", "case", "case_actions")


def probe(db: Path, ini: Path, width: int, height: int, dpr: float = 1.0, shot: Path | None = None) -> Any:
    env = screen_env(width, height, dpr)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    args = [sys.executable, "-m", "tests.layout_probe", "--db", f"sqlite:///{db}", "--settings", str(ini)]
    if shot is not None:
        args += ["--shot", str(shot)]
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def seed_calendar(path: Path) -> None:
    from console.calendar import seed_from_package
    from console.db import make_engine

    db = Database(make_engine(f"sqlite:///{path}"))
    try:
        with db.session() as s:
            seed_from_package(s, "admin")
    finally:
        db.dispose()


def assert_inside(result: Any, moment: str) -> None:
    sx, sy, sw, sh = result["screen"]
    for name in ("window", *PANES):
        x, y, w, h = result[moment][name]
        assert sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh, (
            f"{name} {result[moment][name]} leaves the screen {result['screen']} ({moment})"
        )
    for name in PANES[:3]:
        _x, _y, w, h = result[moment][name]
        assert w >= 150 and h >= 150, f"{name} is squeezed to {w}×{h} ({moment})"


def test_window_fits_a_1366x768_laptop(seeded_sqlite_template: Path, tmp_path: Path) -> None:
    docs = ROOT / "docs"
    out = docs if os.environ.get("GRIDCONSOLE_SCREENSHOTS") == "docs" else tmp_path
    db = tmp_path / "seat.db"
    shutil.copyfile(seeded_sqlite_template, db)
    seed_calendar(db)  # as `gridconsole db upgrade` does on a real install
    shot = out / "main-window-1366x768.png"

    result = probe(db, tmp_path / "first.ini", 1366, 768, shot=shot)

    assert result["screen"] == [0, 0, 1366, 768]
    assert result["selected_row"] and result["shown_case"] is not None
    assert_inside(result, "before")
    assert_inside(result, "after")  # the long texts wrap and scroll inside the case pane
    assert result["after"]["window"] == result["before"]["window"], "choosing a case resized the window"
    assert result["after"]["case_actions"][3] > 0, "the case's action buttons are shown"
    assert shot.stat().st_size > 20_000


def test_a_4k_screen_at_200_percent(seeded_sqlite_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "seat.db"
    shutil.copyfile(seeded_sqlite_template, db)
    result = probe(db, tmp_path / "4k.ini", 1920, 1080, dpr=2.0)  # 3840×2160 device pixels
    assert result["dpr"] == 2.0
    assert_inside(result, "before")
    assert_inside(result, "after")


def test_geometry_saved_on_a_larger_screen_is_brought_in(
    seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    """The window remembers its geometry; opened on a smaller screen the next time it is clamped into it."""
    db = tmp_path / "seat.db"
    shutil.copyfile(seeded_sqlite_template, db)
    ini = tmp_path / "moved.ini"
    big = probe(db, ini, 2560, 1440)
    assert big["before"]["window"][2] > 1366  # the large screen's window really was wider than the laptop
    again = probe(db, ini, 2560, 1440)
    assert again["before"]["window"][2:] == big["after"]["window"][2:], "the saved size is restored"
    small = probe(db, ini, 1366, 768)
    assert_inside(small, "before")
    assert_inside(small, "after")


def test_queue_cells_elide_and_carry_their_full_text_in_a_tooltip(
    seeded: Database, make_window: Callable[[Database], MainWindow]
) -> None:
    w = make_window(seeded)
    assert w.table.textElideMode() == Qt.TextElideMode.ElideRight and not w.table.wordWrap()
    for key in ("category", "grid", "summary", "department", "source", "status"):
        cell = w.model.index(0, COL[key])
        if cell.data():
            assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data(), key
