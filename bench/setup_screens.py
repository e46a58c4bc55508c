"""The README's set-up screenshots at 1366×768: the first-start wizard (a departments import refused, every bad
row listed) and the 事项清单 editor (a dated change in the history, the edit form open on top).

    .venv/bin/python bench/setup_screens.py docs/

A township (柳林镇) is set up from an empty database through `console.setup` — the same calls the wizard
makes — with the demo's departments and item list as its content. The screen is the offscreen platform's,
given 1366×768 (`tests.layout_probe.screen_env`); each picture is that screen with the windows on it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCREEN = (1366, 768)
TITLE_BAR = 26  # drawn above each window in the picture
TOWNSHIP = ("柳林镇", "410102006000000")
VILLAGES = (("柳林村", ("一组", "二组", "三组")), ("杨庄村", ("东片", "西片")), ("柳林社区", ("幸福里小区", "建设路北段")))
HEADS = ("王建国", "李明", "张伟", "刘芳", "陈静", "杨帆", "赵磊", "黄丽", "周强", "吴敏", "徐涛", "孙洁", "马超", "朱红", "胡军")
SHORT = {"WGZX": "网格中心", "ZZZX": "综治", "PCS": "派出所", "GTS": "国土", "HBB": "环保", "AJB": "安监", "MZB": "民政",
         "GDS": "供电", "ZFZD": "执法中队", "RXB": "热线办", "CJB": "城建", "SCJG": "市场监管", "SFS": "司法", "XFB": "信访",
         "DJB": "党建"}
BAD_IMPORT = """部门代码,部门名称,简称,值班电话,负责人
ZJB,住建办,住建,0371-66001234,郑建设
,农业农村办,农办,,
HBB,生态环境办,环保,,
WJB,卫健办,卫健,12ab,
"""


def build(db: Any, actor: str) -> None:
    """The township, a few villages and their grids, the demo's departments and item list."""
    from console.calendar import seed_from_package
    from console.deadlines import TimeLimit
    from console.demo.township import CATEGORIES, DEPARTMENTS, _workflow_text
    from console.domain import Severity
    from console.grids import create_grid
    from console.setup.departments import add_department
    from console.setup.item_list import CategorySpec, add_category
    from console.setup.township import create_township

    with db.write_session() as s:
        create_township(s, name=TOWNSHIP[0], code=TOWNSHIP[1], actor=actor)
        for n, (village, groups) in enumerate(VILLAGES, start=1):
            vcode = f"{TOWNSHIP[1][:9]}{n:03d}000"
            create_grid(s, code=vcode, name=village, actor=actor)
            for m, group in enumerate(groups, start=1):
                create_grid(s, code=f"{vcode[:12]}{m:03d}", name=f"{village}{group}网格", actor=actor)
        for n, (code, name) in enumerate(DEPARTMENTS):
            add_department(s, code=code, name=name, short_name=SHORT.get(code, name[:2]),
                           phone=f"0371-6600{1000 + n * 37}", head=HEADS[n % len(HEADS)], actor=actor)  # fmt: skip
        for c in CATEGORIES:
            base = c.limit_value
            limits = {Severity.SIMPLE: TimeLimit(c.limit_type, max(1, base // 2)), Severity.GENERAL: TimeLimit(c.limit_type, base),
                      Severity.COMPLEX: TimeLimit(c.limit_type, base * 2)}  # fmt: skip
            co = tuple(d for d in ("ZZZX", "PCS") if d != c.department)[:1] if c.key_area else ()
            add_category(s, CategorySpec(code=c.code, name=c.name, key_area=c.key_area, lead_department=c.department,
                                         co_departments=co, severity=c.severity, limits=limits,
                                         workflow=_workflow_text(c), closing_standard=c.closing_standard), actor=actor)  # fmt: skip
        seed_from_package(s, actor)


def screen_shot(app: Any, path: Path) -> None:
    """The screen as a person sees it: every visible window drawn where it lies."""
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    shot = QPixmap(*SCREEN)
    shot.fill(QColor("#3a4a5c"))
    painter = QPainter(shot)
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
    windows.sort(key=lambda w: 1 if w.isModal() or w.windowModality().value else 0)  # dialogs on top
    for w in windows:  # the offscreen platform draws no frames: a plain title bar above each window
        g = w.geometry()
        painter.fillRect(g.x() - 1, g.y() - TITLE_BAR - 1, g.width() + 2, g.height() + TITLE_BAR + 2, QColor("#7a8694"))
        painter.fillRect(g.x(), g.y() - TITLE_BAR, g.width(), TITLE_BAR, QColor("#e4e8ed"))
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#222222"))
        painter.drawText(g.x() + 10, g.y() - TITLE_BAR, g.width() - 20, TITLE_BAR, 0x0081, w.windowTitle())  # left|vcenter
        painter.drawPixmap(g.topLeft(), w.grab())
    painter.end()
    shot.save(str(path))
    print(f"saved {path}")


def run(out_dir: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from console.db import Database, make_engine, upgrade
    from ui import settings
    from ui.app import make_application

    tmp = Path(tempfile.mkdtemp())
    engine = make_engine(f"sqlite:///{tmp / 'township.db'}")
    upgrade(engine)
    db = Database(engine)
    settings.use_file(tmp / "s.ini")
    app = make_application([sys.argv[0]])
    actor = "系统管理员"
    build(db, actor)

    def spin(seconds: float, until: Any = None) -> None:
        end = time.time() + seconds
        while time.time() < end and not (until and until()):
            app.processEvents()
            time.sleep(0.01)
        for _ in range(20):
            app.processEvents()

    from ui.setup_wizard import DEPARTMENTS, SetupWizard

    wizard = SetupWizard(db, actor)
    avail = app.primaryScreen().availableGeometry()
    wizard.resize(min(1100, avail.width() - 40), min(680, avail.height() - TITLE_BAR - 40))
    wizard.move((avail.width() - wizard.width()) // 2, TITLE_BAR + (avail.height() - TITLE_BAR - wizard.height()) // 2)
    wizard.show()
    spin(0.3)
    while wizard.currentId() != DEPARTMENTS:
        wizard.next()
        spin(0.5)
    page = wizard.page_widget(DEPARTMENTS)
    spin(3, lambda: page.model.rowCount() > 0)
    page.table.selectRow(4)
    bad = tmp / "部门.csv"
    bad.write_text(BAD_IMPORT, encoding="utf-8-sig")
    assert page.import_bar is not None
    page.import_bar.import_path(bad)
    spin(3, lambda: page.import_bar is not None and page.import_bar.problem_view.isVisible())
    screen_shot(app, out_dir / "setup-wizard.png")
    wizard.reject()
    spin(0.3)

    from PySide6.QtCore import QDate

    from console import clock
    from console.deadlines import TimeLimit
    from console.domain import LimitType, Severity
    from console.setup.item_list import edit_category, list_categories, spec_of
    from ui.setup_dialogs import CategoryDialog
    from ui.setup_item_list import CategoriesPage
    from ui.setup_window import SetupWindow

    later = clock.now().date() + timedelta(days=14)
    with db.write_session() as s:
        row = next(r for r in list_categories(s) if r.name == "环境卫生")
        spec = spec_of(row)
        limits = dict(spec.limits)
        limits[Severity.GENERAL] = TimeLimit(LimitType.WORKING_DAYS, 2)
        edit_category(s, row.code, replace(spec, limits=limits), effective_from=later, actor=actor)
    w = SetupWindow(db, actor)
    w.setGeometry(avail.adjusted(0, TITLE_BAR, 0, 0))
    w.show()
    items = w.show_tab("item_list")
    assert isinstance(items, CategoriesPage)
    spin(3, lambda: items.model.rowCount() > 0)
    n = next(i for i, r in enumerate(items.model.rows) if r.name == "环境卫生")
    items.table.selectRow(n)
    items.lower_tabs.setCurrentIndex(1)  # the history
    spin(3, lambda: items.history.rowCount() >= 2)
    items.edit_current()
    dialog = items.dialog
    assert isinstance(dialog, CategoryDialog)
    dialog.effective.setDate(QDate(later.year, later.month, later.day).addDays(14))
    dialog.adjustSize()
    # to the right, so that the list's first columns and the history stay in sight beside it
    dialog.move(avail.width() - dialog.width() - 12, max(TITLE_BAR, avail.height() - dialog.height() - 60))
    spin(0.5)
    screen_shot(app, out_dir / "item-list-editor.png")
    print(f"dialog {dialog.width()}x{dialog.height()}, window {w.width()}x{w.height()}")
    dialog.reject()
    w.close()
    db.dispose()
    return 0


def main() -> int:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    if os.environ.get("SETUP_SCREENS_CHILD"):
        return run(out_dir)
    from tests.layout_probe import screen_env

    env = dict(screen_env(*SCREEN), SETUP_SCREENS_CHILD="1")
    return subprocess.run([sys.executable, __file__, str(out_dir)], env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
