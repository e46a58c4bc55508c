"""The dispatcher's main window: grid tree (left), live case queue (middle), selected case (right), six live
figures on top, a banner while the database is away.

State lives in the models; this class wires them: filters → `QueueModel.set_query`, change feed →
`apply_changes` + counts, selection → case view. Every database call goes through `ui.tasks.TaskRunner`, and
every read is a Qt-free function of `console`. The case actions (`ui.case_actions`), the connection banner
(`ui.banner`) and the security menu (`ui.security_menu`) live in their own modules.

One refresh path: every change, this seat's own saves included, reaches the screen through `on_changes`, fed by
the change feed; after a save the window only asks the feed to look now (`own_change`).
"""

from __future__ import annotations

import getpass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from console import clock
from console import queue as q
from console.calendar import year_notices
from console.db import Database, DbSession
from console.domain import OPEN_STATUSES
from console.grid_reads import load_grid_panel, load_grids
from console.i18n import QT_TRANSLATE_NOOP
from console.queue.arrivals import highest_case_id, new_reports
from console.queue.seat_alerts import awaiting_sign_filter
from console.workflow.case_view import CaseViewData, load_case_view
from ui import settings
from ui.banner import ConnectionBanner
from ui.case_actions import CaseActions
from ui.case_view import CaseView
from ui.delegates import BadgeDelegate, TrafficLightDelegate
from ui.errors import show_error
from ui.grid_panel import GridPanel
from ui.grid_tree import CodeRole, GridFilterProxy, GridTreeModel
from ui.i18n import Texts, install_translators
from ui.idle_lock import IdleLock
from ui.keyboard import KeyboardNav
from ui.live import LiveFeed
from ui.queue_model import COL, COLUMNS, CaseIdRole, LightRole, QueueModel
from ui.seat_alerts import SeatAlerts
from ui.security_menu import SecurityMenu
from ui.status_strip import StatusStrip
from ui.tasks import TaskRunner

#: quick filters: key → caption; keys other than "open"/"all" are `console.queue.QUICK_FILTERS` names
QUICK = (
    ("open", QT_TRANSLATE_NOOP("MainWindow", "全部未结")),
    ("待受理", QT_TRANSLATE_NOOP("MainWindow", "待受理")),
    ("待派遣", QT_TRANSLATE_NOOP("MainWindow", "待派遣")),
    ("待签收", QT_TRANSLATE_NOOP("MainWindow", "待签收")),  # a department seat's badge (ui.seat_alerts)
    ("办理中", QT_TRANSLATE_NOOP("MainWindow", "办理中")),
    ("待核查", QT_TRANSLATE_NOOP("MainWindow", "待核查")),
    ("超期", QT_TRANSLATE_NOOP("MainWindow", "超期")),
    ("我关注的", QT_TRANSLATE_NOOP("MainWindow", "我关注的")),
    ("提请会商", QT_TRANSLATE_NOOP("MainWindow", "提请会商")),
    ("all", QT_TRANSLATE_NOOP("MainWindow", "全部")),
)

SEARCH_DELAY_MS = 300
TICK_MS = 30_000
COUNTS_DELAY_MS = 100
#: the first start's size; `MainWindow.fit_to_screen` shrinks it to a smaller screen (1366×768 laptops)
DEFAULT_SIZE = QSize(1600, 960)
#: first start: grid tree, queue and case pane as shares of the window's width
SPLITTER_SHARES = (0.18, 0.50, 0.32)
#: the case pane keeps room for its action buttons; its long texts wrap and scroll inside it
CASE_PANE_MIN_WIDTH = 380


class MainWindow(QMainWindow):
    #: emitted after the change feed's ids were handed to the queue (tests, bench)
    changes_applied = Signal(object)
    #: emitted when a new 待受理 case announced itself (the cue)
    new_case_cue = Signal(object)
    connection_state = Signal(bool)
    #: the person logged out (注销): the application shows the login again
    logged_out = Signal()
    #: the security state arrived (posts, idle lock installed): tests wait for it
    security_ready = Signal()

    def __init__(
        self,
        db: Database,
        actor: str | None = None,
        *,
        feed_options: dict[str, Any] | None = None,
        start_feed: bool = True,
    ) -> None:
        super().__init__()
        self.db = db
        self.actor = actor or getpass.getuser()
        db.view_as(self.actor)  # every read of this window keeps to what this person may see
        self.tasks = TaskRunner(db, self)
        self.tasks.error.connect(lambda exc: show_error(self, exc))
        self.texts = Texts()  # what `retranslate()` sets again when the language changes
        self.texts.bind(lambda t: self.setWindowTitle(f"{t} — {self.db.url}"),
                        QT_TRANSLATE_NOOP("MainWindow", "网格化管理指挥调度台"))  # fmt: skip
        self.acts: dict[str, QAction] = {}
        self.current_form: QDialog | None = None  # the dialog open on this window (tests drive it)
        self._current_case: int | None = None
        self._fitted = False
        self._max_seen_id = 0
        self._quick = settings.get("queue/quick_filter")
        if self._quick not in dict(QUICK):
            self._quick = "open"
        self._grid_code = settings.get("tree/grid_code")
        self._sort = _sort_key(settings.get("queue/sort"))
        self._descending = bool(settings.get("queue/descending"))
        self.idle_lock: IdleLock | None = None
        self.principal: Any = None  # console.security.posts.Principal once loaded (None: set-up mode)
        self.admin_window: Any = None
        self.setup_window: Any = None  # 基础设置, opened from the 系统 menu (ui.setup_window)
        self.live = LiveFeed(db, self, **(feed_options or {}))
        self.connection = ConnectionBanner(self.tasks, self.live, lambda: self.db, self._connection_back, self)
        self.connection.state_changed.connect(self._connection_changed)
        self.case_actions = CaseActions(self)
        self.security = SecurityMenu(self)
        self.seat_alerts = SeatAlerts(self)  # a department seat's tray message, sound and 待签收 badge
        self.keyboard = KeyboardNav(self)  # F-keys for the case actions, the queue without a mouse (ui.keyboard)

        self._build_widgets()
        self._build_actions()
        self.keyboard.attach()
        self._restore_layout()

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self._counts_timer = QTimer(self, singleShot=True, interval=COUNTS_DELAY_MS)
        self._counts_timer.timeout.connect(self.refresh_counts)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self.live.changed.connect(self.on_changes)

        self.reload_grids()
        self.tasks.run(highest_case_id, self._set_max_seen, name="max-id")
        self.apply_filters()
        self.refresh_counts()
        self.security.load()
        if start_feed:
            self.live.start()

    # --- building ------------------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = self.connection.label
        outer.addWidget(self.banner)
        self.strip = StatusStrip()
        self.strip.figure_clicked.connect(self._figure_clicked)
        outer.addWidget(self.strip)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.splitter, 1)

        # left: grid tree + panel
        left = QSplitter(Qt.Orientation.Vertical)
        left.setMinimumWidth(200)  # a layout saved on a small screen must not hide the grid names
        tree_box = QWidget()
        tl = QVBoxLayout(tree_box)
        tl.setContentsMargins(4, 4, 0, 0)
        self.tree_search = QLineEdit()
        self.texts.bind(self.tree_search.setPlaceholderText,
                        QT_TRANSLATE_NOOP("MainWindow", "搜索网格：名称、编码或拼音首字母"))  # fmt: skip
        self.tree_search.setClearButtonEnabled(True)
        tl.addWidget(self.tree_search)
        self.tree_model = GridTreeModel(self)
        self.tree_proxy = GridFilterProxy(self)
        self.tree_proxy.setSourceModel(self.tree_model)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegateForColumn(1, BadgeDelegate(QColorHex("#6e7781"), self.tree))
        self.tree.setItemDelegateForColumn(2, BadgeDelegate(QColorHex("#d62828"), self.tree))
        th = self.tree.header()
        th.setStretchLastSection(False)
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        th.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        th.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        th.resizeSection(1, 52)
        th.resizeSection(2, 52)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        self.tree_search.textChanged.connect(self._tree_search_changed)
        tl.addWidget(self.tree)
        left.addWidget(tree_box)
        self.grid_panel = GridPanel()
        self.grid_panel.reveal_requested.connect(self.security.reveal_grid_phones)
        left.addWidget(self.grid_panel)
        left.setSizes([560, 300])
        self.left_splitter = left
        self.splitter.addWidget(left)

        # middle: quick filters, search, queue
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(4, 4, 4, 0)
        bar = QHBoxLayout()
        # a tool bar, so that on a narrow screen the buttons that do not fit move behind its » menu instead
        # of widening the window (every one stays reachable, also by Alt+1…9)
        self.quick_bar = QToolBar()
        self.quick_bar.setObjectName("quick_bar")
        self.quick_buttons: dict[str, QPushButton] = {}
        for key, caption in QUICK:
            btn = QPushButton()
            self.texts.bind(btn.setText, caption)
            btn.setCheckable(True)
            btn.setObjectName(f"quick_{key}")
            btn.clicked.connect(lambda _=False, k=key: self.set_quick_filter(k))
            self.quick_bar.addWidget(btn)
            self.quick_buttons[key] = btn
        bar.addWidget(self.quick_bar, 1)
        self.search = QLineEdit()
        self.texts.bind(self.search.setPlaceholderText,
                        QT_TRANSLATE_NOOP("MainWindow", "搜索：案件编号、内容、地址、网格（可用拼音首字母）"))  # fmt: skip
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.setMaximumWidth(420)
        self.search.setText(settings.get("queue/search"))
        bar.addWidget(self.search)
        ml.addLayout(bar)
        self.calendar_warning = QLabel()  # a year's deadlines are counted on a calendar that is not official
        self.calendar_warning.setObjectName("calendar_warning")
        self.calendar_warning.setWordWrap(True)
        self.calendar_warning.setStyleSheet("#calendar_warning { background: #fff4e5; color: #8a4b00;"
                                            " border: 1px solid #f0b35b; border-radius: 3px; padding: 2px 6px; }")  # fmt: skip
        self.calendar_warning.hide()
        ml.addWidget(self.calendar_warning)

        self.model = QueueModel(self.tasks, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # batch dispatch
        self.table.setItemDelegateForColumn(COL["light"], TrafficLightDelegate(LightRole, self.table))
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        for i, c in enumerate(COLUMNS):
            header.resizeSection(i, c.width)
        header.setStretchLastSection(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.selectionModel().currentRowChanged.connect(self._queue_current_changed)
        self.model.refreshed.connect(self._update_counts_label)
        self.model.total_changed.connect(lambda _n: self._update_counts_label())
        self.model.rows_changed.connect(self._rows_changed)
        ml.addWidget(self.table, 1)

        self.cue = QLabel()
        self.cue.setObjectName("cue")
        self.cue.setStyleSheet("#cue { background: #ddf4ff; color: #0a3069; padding: 6px 10px;"
                               " border: 1px solid #54aeff; border-radius: 4px; }")  # fmt: skip
        self.cue.setTextFormat(Qt.TextFormat.RichText)
        self.cue.linkActivated.connect(lambda link: self.goto_case(link.removeprefix("case:")))
        self.cue.hide()
        ml.addWidget(self.cue)
        self._cue_timer = QTimer(self, singleShot=True, interval=20_000)
        self._cue_timer.timeout.connect(self.cue.hide)
        self.splitter.addWidget(middle)

        # right: the case
        self.case_view = CaseView()
        self.case_view.action_requested.connect(self.run_action)
        self.case_view.case_link_clicked.connect(self.goto_case)
        self.case_view.reveal_requested.connect(self.security.reveal_case_field)
        self.splitter.addWidget(self.case_view)
        self.case_view.setMinimumWidth(CASE_PANE_MIN_WIDTH)
        self.splitter.setChildrenCollapsible(False)  # no pane can be dragged (or squeezed) out of sight
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(central)

        self.rows_label = QLabel()
        self.conn_label = self.connection.status
        self.statusBar().addPermanentWidget(self.rows_label)
        self.statusBar().addPermanentWidget(self.conn_label)

    def _build_actions(self) -> None:
        """The one registry of actions (MNELAB style), with shortcuts; enabled in `update_actions`."""

        def act(name: str, caption: str, slot: Any, shortcut: Any = None) -> QAction:
            a = QAction(self)
            self.texts.bind(a.setText, caption)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            self.acts[name] = a
            return a

        act("connect", QT_TRANSLATE_NOOP("MainWindow", "连接数据库…"), self.open_connection_dialog, "Ctrl+Shift+O")
        act("quit", QT_TRANSLATE_NOOP("MainWindow", "退出"), self.close, QKeySequence.StandardKey.Quit)
        act("goto", QT_TRANSLATE_NOOP("MainWindow", "转到案件…"), self.ask_goto_case, "Ctrl+G")
        act("refresh", QT_TRANSLATE_NOOP("MainWindow", "刷新"), self.refresh_all, QKeySequence.StandardKey.Refresh)
        act(
            "find",
            QT_TRANSLATE_NOOP("MainWindow", "搜索案件"),
            self._focus_search,
            QKeySequence.StandardKey.Find,
        )
        act(
            "find_grid",
            QT_TRANSLATE_NOOP("MainWindow", "搜索网格"),
            self._focus_tree_search,
            "Ctrl+Shift+F",
        )
        act("watch", QT_TRANSLATE_NOOP("MainWindow", "关注此案件"), lambda: self.case_actions.set_watch(True), "Ctrl+D")
        act("unwatch", QT_TRANSLATE_NOOP("MainWindow", "取消关注"), lambda: self.case_actions.set_watch(False), "Ctrl+Shift+D")
        act("attach", QT_TRANSLATE_NOOP("MainWindow", "添加附件…"), self.case_actions.attach_file, "Ctrl+Shift+A")
        act("clear_grid", QT_TRANSLATE_NOOP("MainWindow", "显示全部网格"), lambda: self.select_grid(""), "Ctrl+Shift+G")
        act("new_case", QT_TRANSLATE_NOOP("MainWindow", "受理登记…"), self.case_actions.new_case, QKeySequence.StandardKey.New)
        act("batch_dispatch", QT_TRANSLATE_NOOP("MainWindow", "批量派遣…"), self.case_actions.batch_dispatch, "Ctrl+Shift+P")
        act("print_ledger", QT_TRANSLATE_NOOP("MainWindow", "打印整改台账…"), self.case_actions.print_ledger, QKeySequence.StandardKey.Print)
        act("print_notice", QT_TRANSLATE_NOOP("MainWindow", "打印督办单…"), self.case_actions.print_notice, "Ctrl+Shift+N")
        act("print_case_sheet", QT_TRANSLATE_NOOP("MainWindow", "打印案件处理单…"), self.case_actions.print_case_sheet, "Ctrl+Shift+L")
        act("meetings", QT_TRANSLATE_NOOP("MainWindow", "会商（每周会商/民情分析会）…"), self._open_meetings, "Ctrl+Shift+M")
        act("review", QT_TRANSLATE_NOOP("MainWindow", "督查考核（统计分析）…"), self._open_review, "Ctrl+Shift+R")
        sound = act("sound", QT_TRANSLATE_NOOP("MainWindow", "新案件声音提示"), lambda on: settings.put("ui/sound", bool(on)))
        sound.setCheckable(True)
        sound.setChecked(bool(settings.get("ui/sound")))
        for i, (key, caption) in enumerate(QUICK, start=1):
            act(f"quick_{key}", caption, lambda _=False, k=key: self.set_quick_filter(k), f"Alt+{i % 10}")
        lang_group = QActionGroup(self)
        for code, name in (("zh_CN", "简体中文"), ("en", "English")):
            a = QAction(name, self, checkable=True)
            a.setChecked(settings.get("ui/language") == code)
            a.triggered.connect(lambda _=False, c=code: self._set_language(c))
            lang_group.addAction(a)
            self.acts[f"lang_{code}"] = a
        act("about", QT_TRANSLATE_NOOP("MainWindow", "关于"), self._about)

        mb = self.menuBar()
        m = mb.addMenu("")
        self.texts.bind(m.setTitle, QT_TRANSLATE_NOOP("MainWindow", "文件(&F)"))
        m.addAction(self.acts["connect"])
        m.addAction(self.acts["print_ledger"])
        m.addAction(self.acts["print_notice"])
        m.addAction(self.acts["print_case_sheet"])
        m.addSeparator()
        m.addAction(self.acts["quit"])
        m = mb.addMenu("")
        self.texts.bind(m.setTitle, QT_TRANSLATE_NOOP("MainWindow", "案件(&C)"))
        for name in ("new_case", "batch_dispatch", "goto", "find", "refresh", "watch", "unwatch", "attach", "meetings",
                     "review"):
            m.addAction(self.acts[name])
        m.addSeparator()
        m.addAction(self.acts["print_notice"])
        m.addAction(self.acts["print_case_sheet"])
        self.case_view.set_print_actions([self.acts["print_notice"], self.acts["print_case_sheet"]])
        m = mb.addMenu("")
        self.texts.bind(m.setTitle, QT_TRANSLATE_NOOP("MainWindow", "筛选(&Q)"))
        for key, _caption in QUICK:
            m.addAction(self.acts[f"quick_{key}"])
        m.addSeparator()
        m.addAction(self.acts["find_grid"])
        m.addAction(self.acts["clear_grid"])
        m = mb.addMenu("")
        self.texts.bind(m.setTitle, QT_TRANSLATE_NOOP("MainWindow", "办理(&A)"))
        self.keyboard.fill_case_menu(m)
        m = mb.addMenu("")
        self.texts.bind(m.setTitle, QT_TRANSLATE_NOOP("MainWindow", "视图(&V)"))
        self.keyboard.fill_view_menu(m)
        m = mb.addMenu("")
        self.texts.bind(m.setTitle, QT_TRANSLATE_NOOP("MainWindow", "设置(&S)"))
        m.addAction(self.acts["sound"])
        m.addAction(self.acts["alert_sound"])
        lm = m.addMenu("")
        self.texts.bind(lm.setTitle, QT_TRANSLATE_NOOP("MainWindow", "界面语言"))
        lm.addAction(self.acts["lang_zh_CN"])
        lm.addAction(self.acts["lang_en"])
        m = mb.addMenu("")
        self.texts.bind(m.setTitle, QT_TRANSLATE_NOOP("MainWindow", "系统(&Y)"))
        self.security.fill(m)
        self.system_menu = m
        m = mb.addMenu("")
        self.texts.bind(m.setTitle, QT_TRANSLATE_NOOP("MainWindow", "帮助(&H)"))
        m.addAction(self.acts["about"])

        tb = QToolBar()
        self.texts.bind(tb.setWindowTitle, QT_TRANSLATE_NOOP("MainWindow", "工具栏"))
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        for name in ("new_case", "refresh", "goto", "watch", "attach", "print_ledger"):
            tb.addAction(self.acts[name])
        self.addToolBar(tb)
        self.update_actions()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_tree_search(self) -> None:
        self.tree_search.setFocus()
        self.tree_search.selectAll()

    def update_actions(self) -> None:
        has_case = self.case_view.data is not None
        for name in ("watch", "unwatch", "attach", "print_notice", "print_case_sheet"):
            self.acts[name].setEnabled(has_case and not self.connection.offline)
        self.keyboard.update_actions()

    # the meetings and review windows (pyqtgraph and all) are imported when first opened, not at launch
    def _open_meetings(self) -> None:
        from ui.meetings_window import open_meetings

        open_meetings(self)

    def _open_review(self) -> None:
        from ui.review_window import open_review

        open_review(self)

    # --- layout persistence ----------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geo = settings.get("window/geometry")
        if geo.isEmpty() or not self.restoreGeometry(geo):
            self.resize(DEFAULT_SIZE)
        self.fit_to_screen()
        state = settings.get("window/state")
        if not state.isEmpty():
            self.restoreState(state)
        split = settings.get("window/splitter")
        if not split.isEmpty():
            self.splitter.restoreState(split)
        header = self.table.horizontalHeader()
        saved = settings.get("queue/header")
        header.blockSignals(True)
        if not saved.isEmpty():
            header.restoreState(saved)
        sort_col = COL["reported_at"] if self._sort is q.SortKey.REPORTED else COL["deadline"]
        header.setSortIndicator(
            sort_col, Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
        )
        header.blockSignals(False)
        for key, btn in self.quick_buttons.items():
            btn.setChecked(key == self._quick)

    def fit_to_screen(self) -> None:
        """Keep the whole window (frame included) inside its screen's available area: a geometry saved on a
        larger screen, or the default size, shrinks and moves in rather than leaving panes off-screen."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        width = min(inner.width(), avail.width() - extra_w)
        height = min(inner.height(), avail.height() - extra_h)
        if (width, height) != (inner.width(), inner.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.x(), avail.x()), avail.right() + 1 - frame.width())
        y = min(max(frame.y(), avail.y()), avail.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # the frame's size is known only once shown
            self._fitted = True
            self.fit_to_screen()
            if settings.get("window/splitter").isEmpty():
                width = self.splitter.width()
                self.splitter.setSizes([int(width * share) for share in SPLITTER_SHARES])

    def save_layout(self) -> None:
        settings.put("window/geometry", self.saveGeometry())
        settings.put("window/state", self.saveState())
        settings.put("window/splitter", self.splitter.saveState())
        settings.put("queue/header", self.table.horizontalHeader().saveState())
        settings.put("queue/sort", self._sort.value)
        settings.put("queue/descending", self._descending)
        settings.put("queue/quick_filter", self._quick)
        settings.put("queue/search", self.search.text())
        settings.put("tree/grid_code", self._grid_code)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.stop()
        self._tick.stop()
        self.connection.stop()
        self.seat_alerts.stop()
        self.live.stop()
        self.tasks.shutdown()

    # --- the queue's query -------------------------------------------------------------------------------------

    def current_filter(self) -> q.QueueFilter:
        if self._quick == "open":
            flt = q.QueueFilter(statuses=frozenset(OPEN_STATUSES))
        elif self._quick == "all":
            flt = q.QueueFilter()
        else:
            flt = q.quick_filter(self._quick, self.actor)
            if self._quick == "待签收":  # a department handler's own departments' cases
                flt = awaiting_sign_filter(self.principal)
        changes: dict[str, Any] = {}
        if self._grid_code:
            changes["grid_code_prefix"] = q.subtree_prefix(self._grid_code)
        text_ = self.search.text().strip()
        if text_:
            changes["text"] = text_
        return _replace(flt, **changes)

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.current_filter(), self._sort, self._descending)

    def set_quick_filter(self, key: str) -> None:
        self._quick = key
        for k, btn in self.quick_buttons.items():
            btn.setChecked(k == key)
        self.apply_filters()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = COLUMNS[column].sort
        if key is None:  # not sortable: put the indicator back
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            col = COL["reported_at"] if self._sort is q.SortKey.REPORTED else COL["deadline"]
            header.setSortIndicator(
                col, Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
            )
            header.blockSignals(False)
            return
        self._sort = q.SortKey(key)
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.apply_filters()

    def _figure_clicked(self, key: str) -> None:
        target = {"pending_accept": "待受理", "in_progress": "办理中", "overdue": "超期"}.get(key)
        if target:
            self.set_quick_filter(target)

    def _update_counts_label(self) -> None:
        self.rows_label.setText(self.tr("共 %Ln 件", None, self.model.rowCount()))

    # --- grid tree ---------------------------------------------------------------------------------------------

    def reload_grids(self) -> None:
        """Read the grid tree again (at start, and after the map changed in 基础设置: a split, merge or retire)."""
        self.tasks.run(load_grids, self._on_grids, name="grids")

    def _on_grids(self, nodes: list[Any]) -> None:
        self.tree_model.set_grids(nodes)
        self.tree.expandToDepth(0)
        if self._grid_code:
            idx = self.tree_proxy.mapFromSource(self.tree_model.index_of_code(self._grid_code))
            if idx.isValid():
                self.tree.selectionModel().blockSignals(True)
                self.tree.setCurrentIndex(idx)
                self.tree.selectionModel().blockSignals(False)
                self._load_grid_panel(self._grid_code)
        elif nodes:
            self._load_grid_panel(nodes[0].code)  # nothing chosen: the township's own figures
        self._schedule_counts()

    def _tree_search_changed(self, text_: str) -> None:
        self.tree_proxy.set_text(text_)
        if text_:
            self.tree.expandAll()

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code = current.data(CodeRole) if current.isValid() else ""
        self._set_grid(code or "")

    def select_grid(self, code: str) -> None:
        """Filter the queue to a grid's subtree ("" = everything) and select it in the tree."""
        if code:
            idx = self.tree_proxy.mapFromSource(self.tree_model.index_of_code(code))
            if idx.isValid():
                self.tree.setCurrentIndex(idx)  # → _tree_current_changed
                return
        else:
            self.tree.selectionModel().clearCurrentIndex()
            self.tree.clearSelection()
        self._set_grid(code)

    def _set_grid(self, code: str) -> None:
        if code == self._grid_code:
            return
        self._grid_code = code
        self.apply_filters()
        root = self.tree_model.index(0, 0)
        panel_code = code or (root.data(CodeRole) if root.isValid() else "")
        if panel_code:
            self._load_grid_panel(panel_code)
        else:
            self.grid_panel.clear()

    def _load_grid_panel(self, code: str) -> None:
        actor = self.actor
        self.tasks.run(
            lambda s: load_grid_panel(s, code, actor), self.grid_panel.show_data, name="grid-panel"
        )

    # --- live figures ------------------------------------------------------------------------------------------

    def _schedule_counts(self) -> None:
        if not self._counts_timer.isActive():
            self._counts_timer.start()

    def refresh_counts(self) -> None:
        def job(s: DbSession) -> tuple[Any, Any, dict[int, str]]:
            now = clock.now()
            # deadlines run into next year: warn when this year's or next year's schedule is not the official one
            notices = year_notices(s, (now.year, now.year + 1))
            return q.dashboard_counts(s, now), q.grid_counts(s, now), notices

        self.tasks.run(job, self._on_counts, name="counts", priority=-5)
        self.seat_alerts.refresh_badge()

    def _on_counts(self, result: tuple[Any, Any, dict[int, str]]) -> None:
        dash, grids, notices = result
        self.strip.set_counts(dash)
        self.tree_model.set_counts(grids)
        self.model.set_calendar_notices(notices)
        caution = QCoreApplication.translate("MainWindow", "注意：")
        self.calendar_warning.setText("⚠ " + "；".join(caution + n for _y, n in sorted(notices.items())))
        self.calendar_warning.setVisible(bool(notices))

    def _on_tick(self) -> None:
        self.model.tick()
        self._schedule_counts()

    # --- live updates ------------------------------------------------------------------------------------------

    def on_changes(self, ids: set[int]) -> None:
        """The change feed says these cases changed (on any seat): queue, counts, case view, cue."""
        self.model.apply_changes(ids)
        self.seat_alerts.on_changes(ids)
        self._schedule_counts()
        if self._current_case is not None and self._current_case in ids:
            self._load_case(self._current_case)
        since = self._max_seen_id
        new_ids = sorted(i for i in ids if i > since)
        if new_ids:
            self._max_seen_id = max(new_ids)
            self.tasks.run(
                lambda s: new_reports(s, new_ids, since), self._on_new_reports, name="new-reports"
            )
        self.changes_applied.emit(ids)

    def _set_max_seen(self, value: int) -> None:
        self._max_seen_id = max(self._max_seen_id, value)

    def _on_new_reports(self, result: tuple[list[q.QueueRow], int]) -> None:
        rows, _top = result
        if not rows:
            return
        first = rows[0]
        more = self.tr("等 %n 件", None, len(rows)) if len(rows) > 1 else ""
        self.cue.setText(
            QCoreApplication.translate("MainWindow", "新上报案件（待受理）：")
            + f"<a href='case:{first.number}'>{first.number}</a> {first.grid_name} · {first.summary} {more}"
        )
        self.cue.show()
        self._cue_timer.start()
        if settings.get("ui/sound"):
            QApplication.beep()
        self.new_case_cue.emit(rows)

    def _rows_changed(self, _ids: set[int]) -> None:
        pass

    # --- connection --------------------------------------------------------------------------------------------

    def _connection_changed(self, connected: bool) -> None:
        if not connected:
            self.update_actions()
        self.connection_state.emit(connected)

    def _connection_back(self) -> None:
        self.update_actions()
        self.refresh_all()

    def refresh_all(self) -> None:
        """Re-read everything on screen without losing selection, scroll or filters."""
        self.model.reload()
        self.refresh_counts()
        if self._current_case is not None:
            self._load_case(self._current_case)
        if self._grid_code:
            self._load_grid_panel(self._grid_code)

    def open_connection_dialog(self) -> None:
        from ui.app import reconnect_dialog

        reconnect_dialog(self)

    # --- the selected case -------------------------------------------------------------------------------------

    def _queue_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cid = current.data(CaseIdRole) if current.isValid() else None
        if cid is None or cid == self._current_case:
            return
        self._current_case = int(cid)
        self._load_case(self._current_case)

    def _load_case(self, id_or_number: int | str, then: Any = None) -> None:
        actor = self.actor

        def done(data: CaseViewData) -> None:
            if isinstance(id_or_number, int) and self._current_case != data.detail.id:
                return  # the user moved on
            self._current_case = data.detail.id
            self.case_view.show_data(data)
            self.update_actions()
            if then is not None:
                then(data)

        self.tasks.run(
            lambda s: load_case_view(s, id_or_number, actor), done, lambda e: show_error(self, e), name="case"
        )

    def select_case_row(self, case_id: int) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        idx = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(idx)
        return True

    def ask_goto_case(self) -> None:
        number, ok = QInputDialog.getText(self, QCoreApplication.translate("MainWindow", "转到案件"), QCoreApplication.translate("MainWindow", "案件编号（如 2026-000123）："))
        if ok and number.strip():
            self.goto_case(number.strip())

    def goto_case(self, number: str) -> None:
        """Show a case by number (Ctrl+G), selecting its row when it is in the loaded part of the queue."""
        self._current_case = None
        self._load_case(number, lambda data: self.select_case_row(data.detail.id))

    # --- acting on the case ------------------------------------------------------------------------------------

    def run_action(self, action: str, action_label: str) -> None:
        """Open the dialog that knows the rules of `action` (`ui.case_actions`)."""
        self.case_actions.run_action(action, action_label)

    def new_case(self) -> None:
        """受理登记, with the grid selected in the tree preselected."""
        self.case_actions.new_case()

    def own_change(self, ids: set[int], show: int | None = None) -> None:
        """This seat saved a change to `ids`: it reaches the screen the way every change does, once — the
        change feed reports it (asked to look now) and `on_changes` refreshes. `show`: a case to show in the
        case view when the feed reports it (the one just filed)."""
        if show is not None:
            self._current_case = show
        if self.live.connected:
            self.live.check_now()
        else:  # no feed now: refresh here (its catch-up after reconnecting reports the change again)
            self.on_changes(ids)

    def current_grid_code(self) -> str:
        """The grid selected in the tree ("" for the whole township)."""
        return str(self._grid_code or "")

    def selected_case_ids(self) -> list[int | None]:
        return [self.model.case_id(i.row()) for i in self.table.selectionModel().selectedRows()]

    # --- misc ----------------------------------------------------------------------------------------------------

    def _set_language(self, code: str) -> None:
        """Takes effect at once: every open window gets LanguageChange and retranslates."""
        settings.put("ui/language", code)
        app = QCoreApplication.instance()
        assert app is not None
        install_translators(app, code)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text the window set itself, again in the current language (its child widgets — case view,
        grid panel, status strip — get their own LanguageChange; the models are told here)."""
        self.texts.retranslate()
        self.model.retranslate()
        self.tree_model.retranslate()
        self._update_counts_label()
        self.seat_alerts.show_badge()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from console import __version__

        QMessageBox.about(self, QCoreApplication.translate("MainWindow", "关于"), QCoreApplication.translate("MainWindow", "网格化管理指挥调度台") + f" {__version__}\n{self.db.url}")

    # --- security: posts, idle lock, administration, personal data (issue 7; `ui.security_menu`) -------------

    def switch_database(self, db: Database) -> None:
        """Go on with another connection to the same database (the new password after 修改密码): every part of
        the window that connects on its own follows, so none is left reconnecting with old credentials."""
        self.db = db
        self.tasks.set_database(db)
        self.live.set_database(db)
        if self.idle_lock is not None:
            self.idle_lock.set_database(db)
        if self.admin_window is not None:
            self.admin_window.set_database(db)
        if self.setup_window is not None:
            self.setup_window.set_database(db)

    def is_busy(self) -> bool:
        return self.tasks.pending > 0 or self.model.is_loading()


def QColorHex(value: str) -> Any:  # noqa: N802 - reads like the Qt constructor it wraps
    from PySide6.QtGui import QColor

    return QColor(value)


def _sort_key(value: str) -> q.SortKey:
    try:
        return q.SortKey(value)
    except ValueError:
        return q.SortKey.DEADLINE


def _replace(flt: q.QueueFilter, **changes: Any) -> q.QueueFilter:
    import dataclasses

    return dataclasses.replace(flt, **changes) if changes else flt

