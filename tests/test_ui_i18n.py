"""Translations the Qt way (pytest-qt, offscreen): pyside6-lupdate, run on the sources into a copy of the committed
.ts, finds nothing unfinished, new or gone; every string the code marks reaches lupdate (it silently skips a
call inside an f-string and a plural whose count is an expression); the .qm is compiled from the .ts; counts use
plural forms; switching the language of an open main window changes its texts at once; and a refusal raised in
console/ reaches the English window in English."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QMenu
from pytestqt.qtbot import QtBot

from console.db import Database, make_engine
from console.errors import IllegalTransition, ValidationError
from console.i18n import Message
from console.workflow.commands import Accept, Reject
from console.workflow.read import case_detail
from console.workflow.service import CaseService, ReportInput
from tests.factories import seed_reference
from ui import i18n

ROOT = Path(__file__).resolve().parents[1]
ACTOR = "调度员甲"


def _load_update() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_update", ROOT / "resources" / "i18n" / "update.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update = _load_update()
EN_TS = update.ts_path("en")


@dataclass(frozen=True)
class Entry:
    translation: str | tuple[str, ...]
    kind: str  # "" (finished), "unfinished", "obsolete", "vanished"
    numerus: bool


def ts_messages(path: Path) -> dict[tuple[str, str], Entry]:
    """(context, source) → what the .ts file says about it."""
    out: dict[tuple[str, str], Entry] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            numerus = msg.get("numerus") == "yes"
            text: str | tuple[str, ...] = (
                tuple(f.text or "" for f in tr.iter("numerusform")) if numerus else (tr.text or "")
            )
            out[(name, msg.findtext("source") or "")] = Entry(text, tr.get("type", ""), numerus)
    return out


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Entry]:
    """lupdate run now on the sources, merged into a copy of the committed .ts."""
    ts = tmp_path_factory.mktemp("ts") / EN_TS.name
    shutil.copy(EN_TS, ts)
    update.lupdate(ts, "en")
    return ts_messages(ts)


def test_lupdate_finds_every_message_translated_and_none_gone(fresh: dict[tuple[str, str], Entry]) -> None:
    assert len(fresh) > 500, "lupdate found suspiciously few strings"
    unfinished = [k for k, e in fresh.items() if e.kind == "unfinished"]
    gone = [k for k, e in fresh.items() if e.kind in ("obsolete", "vanished")]
    empty = [k for k, e in fresh.items() if not e.kind and not all(e.translation if e.numerus else [e.translation])]
    hint = "run .venv/bin/python resources/i18n/update.py, translate in pyside6-linguist ui/i18n/gridconsole_en.ts"
    assert not unfinished, f"new or changed strings without English ({hint}): {unfinished[:10]}"
    assert not gone, f"strings no longer in the code (update.py --no-obsolete drops them): {gone[:10]}"
    assert not empty, empty[:10]
    assert set(ts_messages(EN_TS)) == set(fresh), f"the committed {EN_TS.name} is not up to date ({hint})"


def test_translations_keep_the_placeholders() -> None:
    """What Qt Linguist warns about: a translation that drops or invents a %1 (or the %n of a plural); and the
    same for the `{name}` fields of a text filled in with str.format."""
    marks = re.compile(r"%L?[1-9n]|\{\w+\}")
    wrong = [
        (ctx, source)
        for (ctx, source), e in ts_messages(EN_TS).items()
        for text in (e.translation if isinstance(e.translation, tuple) else (e.translation,))
        if sorted(set(marks.findall(source))) != sorted(set(marks.findall(text)))
    ]
    assert not wrong, wrong[:10]


def _marked_strings() -> Iterator[tuple[str, str, str]]:
    """(context, text, where) of every literal the code marks for translation, found with `ast` — including
    the calls lupdate cannot see (inside f-strings, a plural whose count is an expression)."""
    for path in update.sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes: dict[ast.AST, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for inner in ast.walk(node):
                    classes[inner] = node.name  # innermost wins: nested classes are walked later
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f, args = node.func, node.args
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            lits = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in args]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name in ("translate", "QT_TRANSLATE_NOOP") and len(lits) >= 2 and lits[0] and lits[1]:
                yield lits[0], lits[1], where
            elif name == "tr" and isinstance(f, ast.Attribute) and lits and lits[0]:
                owner = f.value
                if isinstance(owner, ast.Name) and owner.id == "self":
                    yield classes.get(node, ""), lits[0], where
                elif isinstance(owner, ast.Name):
                    yield owner.id, lits[0], where  # a TrContext: `Dialogs.tr(…)`


def test_every_marked_string_reaches_lupdate(fresh: dict[tuple[str, str], Entry]) -> None:
    marked = list(_marked_strings())
    assert len(marked) > 500
    missed = [m for m in marked if (m[0], m[1]) not in fresh]
    assert not missed, f"marked but not extracted by lupdate (hoist it out of the f-string?): {missed[:10]}"


def test_tr_contexts_are_named_for_their_context() -> None:
    """`Dialogs.tr(…)` is read by lupdate in the context "Dialogs": the variable's name must be its context."""
    contexts = {name: v for name, v in vars(i18n).items() if isinstance(v, i18n.TrContext)}
    assert contexts
    assert all(name == v.name for name, v in contexts.items())


def test_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    qm = tmp_path / "en.qm"
    update.lrelease(EN_TS, qm)
    assert qm.read_bytes() == EN_TS.with_suffix(".qm").read_bytes(), "rebuild: resources/i18n/update.py"


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The English translators for one test, then Chinese again (other tests expect Chinese)."""
    locale = QLocale()
    assert i18n.install_translators(qapp, "en"), "ui/i18n/gridconsole_en.qm is missing"
    yield
    i18n.install_translators(qapp, "zh_CN")
    QLocale.setDefault(locale)


def test_domain_labels_and_plurals_in_english(english: None) -> None:
    assert QCoreApplication.translate("domain", "待受理") == "Pending intake"
    assert QCoreApplication.translate("AdminWindow", "撤销") == "Revoke"
    assert QCoreApplication.translate("domain", "撤销") == "Deactivate"
    assert i18n.Dialogs.tr("照片最多 %n 张", None, 1) == "At most 1 photo"
    assert i18n.Dialogs.tr("照片最多 %n 张", None, 9) == "At most 9 photos"


def test_chinese_needs_no_file_and_fills_in_counts(qapp: QApplication) -> None:
    assert i18n.install_translators(qapp, "zh_CN")
    assert i18n.Dialogs.tr("照片最多 %n 张", None, 9) == "照片最多 9 张"


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


def test_workflow_refusal_reaches_the_english_ui(english: None, seeded_db: tuple[Database, int]) -> None:
    """The service refuses in Chinese (CLI, history); the window shows the same refusal in English."""
    from ui.errors import error_text

    db, accepted = seeded_db
    svc = CaseService(db, ACTOR)
    reported = seed_reference_case(db, svc)
    with db.session() as s:
        versions = {c: case_detail(s, c).version for c in (accepted, reported)}
    with pytest.raises(ValidationError) as problem:  # 不予受理 without a reason: the command's problems()
        svc.act(reported, Reject(""), versions[reported])
    assert isinstance(problem.value.message, Message)
    assert problem.value.message == "请填写不予受理理由"
    assert error_text(problem.value) == "Fill in: Reason for rejection"
    with pytest.raises(IllegalTransition) as illegal:  # the state machine's refusal, labels translated too
        svc.act(accepted, Reject("重复"), versions[accepted])
    assert illegal.value.message == "案件当前为“待派遣”，不能不予受理（仅限待受理状态）"
    assert error_text(illegal.value) == "The case is “Pending dispatch”: it cannot be given “Reject” (only from Pending intake)"


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


def test_reject_dialog_shows_the_console_problem_in_english(
    english: None, seeded_db: tuple[Database, int], qtbot: QtBot
) -> None:
    from ui.dialogs import make_action_dialog

    db, _case = seeded_db
    svc = CaseService(db, ACTOR)
    ref = seed_reference_case(db, svc)
    with db.session() as s:
        detail = case_detail(s, ref)
    dlg = make_action_dialog(None, db, ACTOR, detail, "reject")
    qtbot.addWidget(dlg)
    assert not dlg.revalidate()
    assert dlg.reason_label.text() == "Fill in: Reason for rejection"


def seed_reference_case(db: Database, svc: CaseService) -> int:
    """A second case, still 待受理 (the reject dialog's starting point)."""
    from sqlalchemy import select

    from console.models import Category, Grid

    with db.session() as s:
        grid = s.scalars(select(Grid.code).where(Grid.level == 3)).first()
        category = s.scalars(select(Category.name)).first()
    assert grid and category
    return svc.report(ReportInput(grid=grid, category=category, summary="路灯不亮")).id


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


def _visible_texts(w: object) -> tuple[object, ...]:
    """Menus, actions, a quick filter, a queue header, a status-strip figure, the case view's captions."""
    from ui.main_window import MainWindow

    assert isinstance(w, MainWindow)
    menus = [a.text() for a in w.menuBar().actions()]
    case_menu = w.menuBar().actions()[1].menu()
    assert isinstance(case_menu, QMenu)
    return (
        menus,
        [a.text() for a in case_menu.actions()][:2],
        w.quick_buttons["待受理"].text(),
        str(w.model.headerData(0, Qt.Orientation.Horizontal)),
        w.strip.figures["pending_accept"].caption.text(),
        w.case_view.history_title.text(),
        w.case_view.light.text().split(" · ")[0],
    )


def test_main_window_switches_language_without_restart(
    qapp: QApplication, seeded_db: tuple[Database, int], qtbot: QtBot, tmp_path: Path
) -> None:
    from ui import settings
    from ui.main_window import MainWindow

    db, case_id = seeded_db
    with db.session() as s:
        case_number = case_detail(s, case_id).number
    settings.use_file(tmp_path / "gridconsole.ini")
    w = MainWindow(db, ACTOR, feed_options={"poll_interval": 0.05})
    qtbot.addWidget(w)
    try:
        qtbot.waitUntil(lambda: w.model.loaded_once and not w.is_busy(), timeout=8000)
        w.goto_case(case_number)
        qtbot.waitUntil(lambda: w.case_view.data is not None and not w.is_busy(), timeout=8000)
        chinese = _visible_texts(w)
        assert chinese[2:] == ("待受理", "编号", "待受理", "办理过程", "● 待派遣")
        w.acts["lang_en"].trigger()  # 设置 → 界面语言 → English
        assert settings.get("ui/language") == "en"
        qtbot.waitUntil(lambda: _visible_texts(w)[2] == "Pending intake", timeout=3000)  # LanguageChange is posted
        assert _visible_texts(w) == (
            ["&File", "&Case", "&Filter", "&Actions", "&View", "&Settings", "S&ystem", "&Help"],
            ["Intake registration…", "Batch dispatch…"],
            "Pending intake",
            "Number",
            "Pending intake",
            "History",
            "● Pending dispatch",
        )
        w.acts["lang_zh_CN"].trigger()
        qtbot.waitUntil(lambda: _visible_texts(w) == chinese, timeout=3000)
    finally:
        i18n.install_translators(qapp, "zh_CN")
        w.close()
        settings.use_file(tmp_path / "unused.ini")


def test_open_admin_window_switches_language(qapp: QApplication, sqlite_url: str, qtbot: QtBot) -> None:
    """The administration window is a window of its own (not modal): it retranslates while open too."""
    from ui.admin_window import AdminWindow

    db = Database(make_engine(sqlite_url))
    win = AdminWindow(db, "admin")  # no users yet: setup mode shows every part
    qtbot.addWidget(win)
    try:
        with qtbot.waitSignal(win.ready, timeout=8000):
            pass
        assert win.visible_parts() == ["用户", "密码策略", "审计日志"]
        assert i18n.install_translators(qapp, "en")
        qtbot.waitUntil(lambda: win.windowTitle() == "Administration", timeout=3000)
        assert win.visible_parts() == ["Users", "Password policy", "Audit log"]
        assert win.policy_save.text() == "Save password policy"
        header = win.audit_table.horizontalHeaderItem(0)
        assert header is not None and header.text() == "No."
    finally:
        i18n.install_translators(qapp, "zh_CN")
        win.close()
        db.dispose()


def test_open_meetings_window_switches_language(qapp: QApplication, sqlite_url: str, qtbot: QtBot) -> None:
    """The meetings window stays open beside the main one: its title, toolbar, tabs, panes and table headers
    follow a language switch at once, and come back in Chinese."""
    from ui.meetings_window import MeetingsWindow

    db = Database(make_engine(sqlite_url))
    w = MeetingsWindow(db, ACTOR)
    qtbot.addWidget(w)

    def shown() -> tuple[str, ...]:
        return (w.windowTitle(), w.acts["propose"].text(), w.new_button.text(), w.tabs.tabText(0),
                str(w.meetings.headerData(0, Qt.Orientation.Horizontal)), w.decisions.this_meeting.text(),
                str(w.decisions.model.headerData(3, Qt.Orientation.Horizontal)), w.panel.save.text(),
                w.attendance.table.horizontalHeaderItem(0).text())  # type: ignore[union-attr]  # fmt: skip

    try:
        chinese = shown()
        assert chinese == ("会商 — 每周会商与民情分析会", "生成议程", "新建会商…", "议程", "编号", "只看本期会商",
                           "决定事项", "保存决定", "姓名")  # fmt: skip
        assert i18n.install_translators(qapp, "en")
        qtbot.waitUntil(lambda: w.windowTitle().startswith("Meetings"), timeout=3000)  # LanguageChange is posted
        assert shown() == ("Meetings — weekly meetings and residents' analysis meetings", "Draw up agenda",
                           "New meeting…", "Agenda", "Number", "This meeting only",
                           "Decision", "Save decision", "Name")  # fmt: skip
        i18n.install_translators(qapp, "zh_CN")
        qtbot.waitUntil(lambda: shown() == chinese, timeout=3000)
    finally:
        i18n.install_translators(qapp, "zh_CN")
        w.close()
        db.dispose()


def test_open_meeting_dialogs_switch_language(qapp: QApplication, sqlite_url: str, qtbot: QtBot) -> None:
    """The modal meeting dialogs (提请会商, 新建会商, 打印会商文书) follow a language switch while open: title,
    row captions, choices, buttons, why OK is disabled and the page count, and come back in Chinese."""
    from datetime import datetime

    from console.meetings.kinds import MeetingKind
    from console.meetings.service import MeetingService
    from ui.dialogs import make_action_dialog
    from ui.dialogs.meeting_print import MeetingPrintDialog
    from ui.meetings_window import NewMeetingDialog
    from ui.tasks import TaskRunner

    db = Database(make_engine(sqlite_url))
    ref = seed_reference(db)
    svc = CaseService(db, ACTOR)
    r = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="邻里噪音纠纷"))
    r = svc.act(r.id, Accept(), r.version)
    with db.session() as s:
        detail = case_detail(s, r.id)
    mid = MeetingService(db, ACTOR).create(MeetingKind.WEEKLY, datetime(2030, 2, 5, 9, 0), chair="张主任")
    runner = TaskRunner(db)
    propose = make_action_dialog(None, db, ACTOR, detail, "propose_meeting")
    qtbot.addWidget(propose)
    new = NewMeetingDialog()
    qtbot.addWidget(new)
    pd = MeetingPrintDialog(runner, mid, "第1期", ACTOR, "agenda")
    qtbot.addWidget(pd)

    def shown() -> tuple[str, ...]:
        caption = new.findChild(QFormLayout).labelForField(new.kind)  # type: ignore[union-attr]
        labels = {w.text() for w in propose.findChildren(QLabel)}
        reason_caption = next(t for t in labels if t.endswith("*"))  # the one required row: 提请会商的理由*
        return (propose.windowTitle(), propose.ok_button.text(), reason_caption, propose.reason_label.text(),
                new.windowTitle(), caption.text(), new.kind.itemText(0), new.village.placeholderText(),  # type: ignore[union-attr]
                pd.windowTitle(), pd.document.currentText(), pd.save_button.text(), pd.close_button.text(),
                pd.page_total.text())  # fmt: skip

    try:
        propose.open()
        new.open()
        pd.open()
        qtbot.waitUntil(lambda: pd._pdf is not None, timeout=10000)
        pages = pd.page_spin.maximum()
        chinese = shown()
        assert chinese == (f"提请会商 — 案件 {detail.number}", "提请会商", "提请会商的理由*", "请填写提请会商的理由",
                           "新建会商", "类型", "每周会商", "民情分析会：村（社区）网格编码",
                           "打印会商文书", "会商议程", "保存 PDF…", "关闭", f"页，共 {pages} 页")  # fmt: skip
        assert i18n.install_translators(qapp, "en")
        # LanguageChange is posted to each dialog
        qtbot.waitUntil(lambda: (propose.ok_button.text(), new.windowTitle(), pd.windowTitle())
                        == ("Propose for meeting", "New meeting", "Print meeting documents"), timeout=3000)  # fmt: skip
        assert shown() == (f"Propose for meeting — Case {detail.number}", "Propose for meeting",
                           "Reason for proposing a meeting*", "Fill in: Reason for proposing a meeting",
                           "New meeting", "Type", "Weekly meeting",
                           "Residents' analysis meeting: the village (community) grid code",
                           "Print meeting documents", "Meeting agenda", "Save PDF…", "Close", f"of {pages}")  # fmt: skip
        i18n.install_translators(qapp, "zh_CN")
        qtbot.waitUntil(lambda: shown() == chinese, timeout=3000)
    finally:
        i18n.install_translators(qapp, "zh_CN")
        runner.wait(5000)
        propose.reject()
        new.reject()
        pd.reject()
        db.dispose()


def test_open_review_window_switches_language(qapp: QApplication, sqlite_url: str, qtbot: QtBot) -> None:
    """The review window too: title, buttons, tabs, the steps and spot-check panes, a chart title and the
    ranking and drill-down headers."""
    from ui.review_window import ReviewWindow

    db = Database(make_engine(sqlite_url))
    w = ReviewWindow(db, "督查员")
    qtbot.addWidget(w)

    def shown() -> tuple[str, ...]:
        return (w.windowTitle(), w.refresh_button.text(), w.tabs.tabText(0),
                str(w.ranking.headerData(0, Qt.Orientation.Horizontal)),
                str(w.drill.headerData(0, Qt.Orientation.Horizontal)), w.steps.buttons["compute"].text(),
                w.spot.draw_button.text(), w.charts.rank_plot.getPlotItem().titleLabel.text)  # fmt: skip

    try:
        chinese = shown()
        assert chinese == ("督查考核", "计算", "指标", "名次", "编号", "计算草稿", "抽取", "综合得分排名")
        assert i18n.install_translators(qapp, "en")
        qtbot.waitUntil(lambda: w.windowTitle() == "Supervisory review", timeout=3000)
        assert shown() == ("Supervisory review", "Compute", "Figures", "Rank", "Number", "Compute draft", "Draw",
                           "Ranking by overall score")  # fmt: skip
        i18n.install_translators(qapp, "zh_CN")
        qtbot.waitUntil(lambda: shown() == chinese, timeout=3000)
    finally:
        i18n.install_translators(qapp, "zh_CN")
        w.close()
        db.dispose()



def test_import_and_meeting_refusals_reach_the_english_ui(
    english: None, seeded_db: tuple[Database, int], tmp_path: Path
) -> None:
    """Refusals raised by the importer and the meetings service stay Chinese for the CLI and show in English."""
    from datetime import datetime

    from console.importing import ImportErrors, import_cases
    from console.meetings.kinds import MeetingKind
    from console.meetings.service import MeetingService
    from tests.test_import import CASE_HEADER, write_csv
    from ui.errors import error_text

    db, _case = seeded_db
    f = write_csv(tmp_path / "cases.csv", [CASE_HEADER, ["410102006099001", "环境卫生", "网格不存在", "", "", "", "2026-11-20", "", ""]])
    with pytest.raises(ImportErrors) as bad_rows:
        import_cases(db, f, actor=ACTOR)
    assert bad_rows.value.message == "案件导入失败：发现1处错误，未导入任何数据"
    assert error_text(bad_rows.value) == "Case import failed, nothing was imported (problems found: 1)"
    row = bad_rows.value.errors[0]
    assert str(row) == "第2行［网格编码］：未知的网格编码“410102006099001”：数据库中没有此网格，请先导入或新建网格"
    assert i18n.translated(str(row)).startswith("Row 2 [")
    assert i18n.translated(row.reason) == (
        "Unknown grid code \"410102006099001\": the database has no such grid; import or create the grid first"
    )
    with pytest.raises(ValidationError) as no_village:
        MeetingService(db, ACTOR).create(MeetingKind.VILLAGE, datetime(2030, 1, 8, 9, 0))
    assert no_village.value.message == "民情分析会须指定村（社区）网格编码"
    assert error_text(no_village.value) == "A residents' analysis meeting needs a village (community) grid code"
