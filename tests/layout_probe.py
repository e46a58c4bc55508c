"""Opens the main window on a screen of a given size and reports where its panes lie (issue 17 item 6).

Run in its own process because the offscreen platform takes its screen size only at start-up
(`QT_QPA_PLATFORM=offscreen:configfile=…`, see `screen_env`); tests/test_ui_layout.py drives it. Prints one JSON
object: the screen's available geometry and, before and after selecting the case with the longest texts, the
global rectangles of the window, the queue, the grid tree and the case pane.

    python -m tests.layout_probe --db sqlite:///x.db --settings s.ini [--shot docs/main-window-1366x768.png]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def screen_env(width: int, height: int, dpr: float = 1.0) -> dict[str, str]:
    """The environment that gives the offscreen platform one screen of width×height logical pixels."""
    config = {
        "screens": [
            {"name": f"desk{width}x{height}", "x": 0, "y": 0, "width": width, "height": height,
             "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": dpr}
        ]
    }  # fmt: skip
    path = Path(tempfile.mkdtemp()) / "screen.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}")


def _rect(widget: Any) -> list[int]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def _panes(w: Any) -> dict[str, list[int]]:
    return {
        "window": [w.frameGeometry().x(), w.frameGeometry().y(), w.frameGeometry().width(),
                   w.frameGeometry().height()],
        "queue": _rect(w.table),
        "tree": _rect(w.tree),
        "case": _rect(w.case_view),
        "case_actions": _rect(w.case_view.action_box),
    }  # fmt: skip


def longest_case(db: Any) -> int:
    """The case whose summary, description and address together are longest."""
    from sqlalchemy import func, select

    from console.models import Case

    with db.session() as s:
        size = func.length(Case.summary) + func.length(Case.description) + func.length(Case.address)
        return int(s.scalar(select(Case.id).order_by(size.desc(), Case.id).limit(1)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--settings", required=True)
    parser.add_argument("--shot", default="")
    args = parser.parse_args()

    from console.db import Database, make_engine
    from ui import settings
    from ui.app import make_application
    from ui.main_window import MainWindow

    settings.use_file(args.settings)
    app = make_application([sys.argv[0]])
    db = Database(make_engine(args.db))
    w = MainWindow(db, "调度员甲", start_feed=False)
    w.show()

    def spin_until(ready: Any, seconds: float = 20.0) -> None:
        end = time.time() + seconds
        while time.time() < end and not ready():
            app.processEvents()
            time.sleep(0.01)
        for _ in range(20):  # let layouts settle
            app.processEvents()

    spin_until(lambda: w.model.loaded_once and not w.is_busy())
    screen = w.screen()
    avail = screen.availableGeometry()
    out: dict[str, Any] = {
        "screen": [avail.x(), avail.y(), avail.width(), avail.height()],
        "dpr": screen.devicePixelRatio(),
        "before": _panes(w),
    }
    case_id = longest_case(db)
    w.set_quick_filter("all")
    spin_until(lambda: w.model.loaded_once and not w.is_busy() and w.model.row_of(case_id) is not None)
    out["selected_row"] = w.select_case_row(case_id)
    spin_until(lambda: w.case_view.data is not None and w.case_view.data.detail.id == case_id)
    out["shown_case"] = w.case_view.data.detail.id if w.case_view.data is not None else None
    out["after"] = _panes(w)
    if args.shot:
        w.grab().save(args.shot)
    w.close()  # saves the layout (window/geometry) like a user closing it
    w.shutdown()
    db.dispose()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
