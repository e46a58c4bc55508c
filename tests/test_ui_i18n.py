"""The English translation (pytest-qt, offscreen): every string extract.py finds in ui/ has a finished English
text in the committed .ts, the .qm is in step with it, and real widgets built under the English translator
show English — the dispatch dialog's OK button, the login and print dialogs' titles, the main window's menus."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from console.db import Database, make_engine
from console.workflow.commands import Accept
from console.workflow.read import case_detail
from console.workflow.service import CaseService, ReportInput
from tests.factories import seed_reference
from ui import i18n

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "resources" / "i18n"))

from extract import scan  # noqa: E402

ACTOR = "调度员甲"
EN_TS = i18n.I18N_DIR / "gridconsole_en.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")


def ts_messages(path: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(context, source) → (translation, finished) as written in a .ts file."""
    out: dict[tuple[str, str], tuple[str, bool]] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            out[(name, msg.findtext("source") or "")] = (tr.text or "", tr.get("type") != "unfinished")
    return out


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[str]]:
    return scan().strings


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """Install the English translators for one test, then take them out again (other tests expect Chinese)."""
    locale = QLocale()
    assert i18n.install_translators(qapp, "en"), (
        "ui/i18n/gridconsole_en.qm is missing: run resources/i18n/build.py"
    )
    yield
    for t in i18n._installed:
        qapp.removeTranslator(t)
    i18n._installed.clear()
    QLocale.setDefault(locale)


def test_every_extracted_string_has_finished_english(extracted: dict[str, list[str]]) -> None:
    messages = ts_messages(EN_TS)
    wanted = [(ctx, text) for ctx, texts in extracted.items() for text in texts]
    assert len(wanted) > 400, "extraction found suspiciously few strings"
    absent = [w for w in wanted if w not in messages]
    unfinished = [w for w in wanted if w in messages and not (messages[w][1] and messages[w][0])]
    still_chinese = [w for w in wanted if w in messages and CJK.search(messages[w][0])]
    assert not absent, f"not in {EN_TS.name} (run resources/i18n/build.py): {absent[:10]}"
    assert not unfinished, f"no English yet (add to resources/i18n/en.py): {unfinished[:10]}"
    assert not still_chinese, f"English text still holds Chinese: {still_chinese[:10]}"


def test_extraction_follows_every_wrapper_style(extracted: dict[str, list[str]]) -> None:
    """One string per way of marking text, each in the context the code looks it up in at runtime."""
    expected = {
        ("Dialogs", "批量派遣"),  # ui/dialogs/: their own `_t` in context "Dialogs"
        ("Dialogs", "问题已解决"),  # `_t(CLOSE_HINTS[member])`: a table
        ("PrintLedgerDialog", "打印问题整改台账"),  # self.tr: the class name
        ("PrintLedgerDialog", "按网格"),  # self.tr(label) over GROUPINGS
        ("LoginDialog", "登录 — 网格化管理指挥调度台"),
        ("IdleLock", "控制台已锁定"),
        ("masking", "显示完整号码"),
        ("AdminWindow", "最小长度"),  # POLICY_FIELDS
        ("AdminWindow", "新建用户…"),  # USER_BUTTONS
        ("AdminWindow", "详情"),  # `[_t(h) for h in audit_mod.CSV_HEADER]`: another module's constant
        ("MainWindow", "打印整改台账…"),  # act(name, caption, …) forwards to _t
        ("MainWindow", "我关注的"),  # QUICK via enumerate()
        ("MainWindow", "审计日志"),  # open_admin(part) → _t(part)
        ("QueueModel", "时限信号灯"),  # QCoreApplication.translate("ctx", "…")
        ("StatusStrip", "待受理"),  # QT_TRANSLATE_NOOP
        ("domain", "待受理"),  # enum labels
    }
    missing = {(c, t) for c, t in expected if t not in extracted.get(c, [])}
    assert not missing


def test_qm_translates_like_the_ts(english: None, extracted: dict[str, list[str]]) -> None:
    """The compiled .qm agrees with the .ts (catches a .ts edited without rebuilding)."""
    messages = ts_messages(EN_TS)
    wrong = [
        (ctx, text)
        for ctx, texts in extracted.items()
        for text in texts
        if QCoreApplication.translate(ctx, text) != messages.get((ctx, text), ("", False))[0]
    ]
    assert not wrong, wrong[:10]
    assert QCoreApplication.translate("domain", "待受理") == "Pending intake"
    assert QCoreApplication.translate("AdminWindow", "撤销") == "Revoke"
    assert QCoreApplication.translate("domain", "撤销") == "Deactivate"


@pytest.fixture
def seeded_db(sqlite_url: str) -> Iterator[tuple[Database, int]]:
    """The factories' reference data with one accepted case (ready to dispatch)."""
    db = Database(make_engine(sqlite_url))
    ref = seed_reference(db)
    svc = CaseService(db, ACTOR)
    r = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="一号楼院门口垃圾堆积"))
    r = svc.act(r.id, Accept(), r.version)
    yield db, r.id
    db.dispose()


def test_dispatch_dialog_in_english(english: None, seeded_db: tuple[Database, int], qtbot: QtBot) -> None:
    from ui.dialogs import make_action_dialog

    db, case_id = seeded_db
    with db.session() as s:
        detail = case_detail(s, case_id)
    dlg = make_action_dialog(None, db, ACTOR, detail, "dispatch")
    qtbot.addWidget(dlg)
    assert dlg.ok_button.text() == "Dispatch"
    assert dlg.windowTitle() == f"Dispatch — Case {detail.number}"
    lead = dlg.form.labelForField(dlg.lead)  # type: ignore[attr-defined]
    assert isinstance(lead, QLabel)
    assert lead.text() == "Lead department*"
    assert dlg.lead.itemText(0) == "(choose)"  # type: ignore[attr-defined]


def test_login_dialog_title_in_english(english: None, sqlite_url: str, qtbot: QtBot) -> None:
    from ui.login import LoginDialog

    dlg = LoginDialog(sqlite_url, None)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Log in — Grid Management Dispatch Console"


def test_print_dialog_in_english(english: None, seeded_db: tuple[Database, int], qtbot: QtBot) -> None:
    from ui.print_dialog import PrintLedgerDialog
    from ui.tasks import TaskRunner

    db, _case = seeded_db
    runner = TaskRunner(db)
    dlg = PrintLedgerDialog(runner, actor=ACTOR)
    qtbot.addWidget(dlg)
    try:
        assert dlg.windowTitle() == "Print rectification ledger"
        assert dlg.generate_button.text() == "Generate preview"
        groupings = [dlg.grouping.itemText(i) for i in range(dlg.grouping.count())]
        assert groupings == ["No grouping", "By grid", "By responsible unit", "By problem category"]
    finally:
        runner.shutdown()
        dlg.cleanup()


def test_main_window_menus_in_english(
    english: None, seeded_db: tuple[Database, int], qtbot: QtBot, tmp_path: Path
) -> None:
    from ui import settings
    from ui.main_window import MainWindow

    db, _case = seeded_db
    settings.use_file(tmp_path / "gridconsole.ini")
    w = MainWindow(db, ACTOR, feed_options={"poll_interval": 0.05})
    qtbot.addWidget(w)
    try:
        menus = [a.text() for a in w.menuBar().actions()]
        assert menus == ["&File", "&Case", "&Filter", "&Settings", "S&ystem", "&Help"]
        case_menu = w.menuBar().actions()[1].menu()
        assert isinstance(case_menu, QMenu)
        assert [a.text() for a in case_menu.actions()][:2] == ["Intake registration…", "Batch dispatch…"]
        assert w.quick_buttons["待受理"].text() == "Pending intake"
        qtbot.waitUntil(lambda: w.model.loaded_once and not w.is_busy(), timeout=8000)
        assert w.model.headerData(0, Qt.Orientation.Horizontal) == "Number"
    finally:
        w.close()
        settings.use_file(tmp_path / "unused.ini")
