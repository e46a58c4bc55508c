"""The dispatcher's main window: grid tree (left), live case queue (middle), selected case (right), six live
figures on top, a banner while the database is away.

State lives in the models; this class wires them: filters → `QueueModel.set_query`, change feed →
`apply_changes` + counts, selection → case view. Every database call goes through `ui.tasks.TaskRunner`.
"""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from console import clock
from console import queue as q
from console.db import Database
from console.domain import OPEN_STATUSES, CaseStatus, TrafficLight
from console.ledger import LedgerScope
from console.models import Case
from console.workflow.read import case_detail
from console.workflow.service import CaseService
from ui import settings
from ui.case_view import CaseView, CaseViewData, load_case_view
from ui.delegates import BadgeDelegate, TrafficLightDelegate
from ui.dialogs import make_action_dialog, make_batch_dispatch_dialog, make_new_case_dialog
from ui.dialogs.runner import Opening, read_opening
from ui.errors import show_error
from ui.grid_panel import GridPanel, load_grid_panel
from ui.grid_tree import CodeRole, GridFilterProxy, GridTreeModel, load_grids
from ui.idle_lock import IdleLock
from ui.live import LiveFeed
from ui.print_dialog import PrintLedgerDialog
from ui.queue_model import COL, COLUMNS, CaseIdRole, LightRole, QueueModel
from ui.status_strip import StatusStrip
from ui.tasks import FOREGROUND, TaskRunner

#: quick filters: key → caption; keys other than "open"/"all" are `console.queue.QUICK_FILTERS` names
QUICK = (
    ("open", "全部未结"),
    ("待受理", "待受理"),
    ("待派遣", "待派遣"),
    ("办理中", "办理中"),
    ("待核查", "待核查"),
    ("超期", "超期"),
    ("我关注的", "我关注的"),
    ("all", "全部"),
)

SEARCH_DELAY_MS = 300
TICK_MS = 30_000
COUNTS_DELAY_MS = 100


def _t(text_: str) -> str:
    return QCoreApplication.translate("MainWindow", text_)


def _new_reports(session: Session, ids: list[int], since_id: int) -> tuple[list[q.QueueRow], int]:
    rows = [r for r in q.fetch_rows(session, ids) if r.status == CaseStatus.REPORTED and r.id > since_id]
    return rows, max([since_id, *ids])


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
        self.tasks = TaskRunner(db, self)
        self.tasks.error.connect(lambda exc: show_error(self, exc))
        self.tasks.connection_lost.connect(self._on_connection_lost)
        self.tasks.connection_ok.connect(self._on_connection_ok)
        self.setWindowTitle(_t("网格化管理指挥调度台") + f" — {db.url}")
        self.acts: dict[str, QAction] = {}
        self.current_form: QDialog | None = None  # the dialog open on this window (tests drive it)
        self._dialog_coming = False  # a dialog's data is being read (`_open_when_read`)
        self._current_case: int | None = None
        self._max_seen_id = 0
        self._quick = settings.get("queue/quick_filter")
        if self._quick not in dict(QUICK):
            self._quick = "open"
        self._grid_code = settings.get("tree/grid_code")
        self._sort = _sort_key(settings.get("queue/sort"))
        self._descending = bool(settings.get("queue/descending"))
        self._offline = False
        self.idle_lock: IdleLock | None = None
        self.principal: Any = None  # console.security.posts.Principal once loaded (None: set-up mode)
        self.admin_window: Any = None

        self._build_widgets()
        self._build_actions()
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
        self._retry = QTimer(self, interval=2000)
        self._retry.timeout.connect(self._probe_connection)

        self.live = LiveFeed(db, self, **(feed_options or {}))
        self.live.changed.connect(self.on_changes)
        self.live.state.connect(self._on_feed_state)

        self.tasks.run(load_grids, self._on_grids, name="grids")
        self.tasks.run(lambda s: int(s.scalar(select(func.coalesce(func.max(Case.id), 0))) or 0),
                       self._set_max_seen, name="max-id")  # fmt: skip
        self.apply_filters()
        self.refresh_counts()
        self.tasks.run(_security_state(self.actor), self._on_security, name="security")
        if start_feed:
            self.live.start()

    # --- building ------------------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet("#banner { background: #fff3cd; color: #7a4d00; padding: 6px 12px;"
                                  " border-bottom: 1px solid #e0c36a; font-weight: bold; }")  # fmt: skip
        self.banner.hide()
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
        self.tree_search.setPlaceholderText(_t("搜索网格：名称、编码或拼音首字母"))
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
        self.grid_panel.reveal_requested.connect(self.reveal_grid_phones)
        left.addWidget(self.grid_panel)
        left.setSizes([560, 300])
        self.left_splitter = left
        self.splitter.addWidget(left)

        # middle: quick filters, search, queue
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(4, 4, 4, 0)
        bar = QHBoxLayout()
        self.quick_buttons: dict[str, QPushButton] = {}
        for key, caption in QUICK:
            btn = QPushButton(_t(caption))
            btn.setCheckable(True)
            btn.setObjectName(f"quick_{key}")
            btn.clicked.connect(lambda _=False, k=key: self.set_quick_filter(k))
            bar.addWidget(btn)
            self.quick_buttons[key] = btn
        bar.addStretch(1)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_t("搜索：案件编号、内容、地址、网格（可用拼音首字母）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.setText(settings.get("queue/search"))
        bar.addWidget(self.search)
        ml.addLayout(bar)

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
        self.case_view.reveal_requested.connect(self.reveal_case_field)
        self.splitter.addWidget(self.case_view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 1000, 620])
        self.setCentralWidget(central)

        self.rows_label = QLabel()
        self.conn_label = QLabel()
        self.statusBar().addPermanentWidget(self.rows_label)
        self.statusBar().addPermanentWidget(self.conn_label)
        self.conn_label.setText(_t("已连接") if not self.db.is_postgres else _t("正在连接变更通知…"))

    def _build_actions(self) -> None:
        """The one registry of actions (MNELAB style), with shortcuts; enabled in `update_actions`."""

        def act(name: str, caption: str, slot: Any, shortcut: Any = None) -> QAction:
            a = QAction(_t(caption), self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            self.acts[name] = a
            return a

        act("connect", "连接数据库…", self.open_connection_dialog, "Ctrl+Shift+O")
        act("quit", "退出", self.close, QKeySequence.StandardKey.Quit)
        act("goto", "转到案件…", self.ask_goto_case, "Ctrl+G")
        act("refresh", "刷新", self.refresh_all, QKeySequence.StandardKey.Refresh)
        act(
            "find",
            "搜索案件",
            self._focus_search,
            QKeySequence.StandardKey.Find,
        )
        act(
            "find_grid",
            "搜索网格",
            self._focus_tree_search,
            "Ctrl+Shift+F",
        )
        act("watch", "关注此案件", lambda: self.set_watch(True), "Ctrl+D")
        act("unwatch", "取消关注", lambda: self.set_watch(False), "Ctrl+Shift+D")
        act("attach", "添加附件…", self.attach_file, "Ctrl+Shift+A")
        act("clear_grid", "显示全部网格", lambda: self.select_grid(""), "Ctrl+Shift+G")
        act("new_case", "受理登记…", self.new_case, QKeySequence.StandardKey.New)
        act("batch_dispatch", "批量派遣…", self.batch_dispatch, "Ctrl+Shift+P")
        act("print_ledger", "打印整改台账…", self.print_ledger, QKeySequence.StandardKey.Print)
        sound = act("sound", "新案件声音提示", lambda on: settings.put("ui/sound", bool(on)))
        sound.setCheckable(True)
        sound.setChecked(bool(settings.get("ui/sound")))
        for i, (key, caption) in enumerate(QUICK, start=1):
            act(f"quick_{key}", caption, lambda _=False, k=key: self.set_quick_filter(k), f"Alt+{i}")
        lang_group = QActionGroup(self)
        for code, name in (("zh_CN", "简体中文"), ("en", "English")):
            a = QAction(name, self, checkable=True)
            a.setChecked(settings.get("ui/language") == code)
            a.triggered.connect(lambda _=False, c=code: self._set_language(c))
            lang_group.addAction(a)
            self.acts[f"lang_{code}"] = a
        act("about", "关于", self._about)
        act("admin", "系统管理…", lambda: self.open_admin("用户"))
        act("audit_log", "审计日志…", lambda: self.open_admin("审计日志"))
        act("change_password", "修改密码…", self.change_password)
        act("logout", "注销", self.logout)
        for name in ("admin", "audit_log", "change_password", "logout"):
            self.acts[name].setVisible(False)  # shown per post once the security state is loaded

        mb = self.menuBar()
        m = mb.addMenu(_t("文件(&F)"))
        m.addAction(self.acts["connect"])
        m.addAction(self.acts["print_ledger"])
        m.addSeparator()
        m.addAction(self.acts["quit"])
        m = mb.addMenu(_t("案件(&C)"))
        for name in ("new_case", "batch_dispatch", "goto", "find", "refresh", "watch", "unwatch", "attach"):
            m.addAction(self.acts[name])
        m = mb.addMenu(_t("筛选(&Q)"))
        for key, _caption in QUICK:
            m.addAction(self.acts[f"quick_{key}"])
        m.addSeparator()
        m.addAction(self.acts["find_grid"])
        m.addAction(self.acts["clear_grid"])
        m = mb.addMenu(_t("设置(&S)"))
        m.addAction(self.acts["sound"])
        lm = m.addMenu(_t("界面语言"))
        lm.addAction(self.acts["lang_zh_CN"])
        lm.addAction(self.acts["lang_en"])
        m = mb.addMenu(_t("系统(&Y)"))
        for name in ("admin", "audit_log", "change_password", "logout"):
            m.addAction(self.acts[name])
        self.system_menu = m
        m = mb.addMenu(_t("帮助(&H)"))
        m.addAction(self.acts["about"])

        tb = QToolBar(_t("工具栏"))
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
        for name in ("watch", "unwatch", "attach"):
            self.acts[name].setEnabled(has_case and not self._offline)

    # --- layout persistence ----------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geo = settings.get("window/geometry")
        if not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1920, 1080)
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
        self._retry.stop()
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
        self.rows_label.setText(_t("共 %1 件").replace("%1", f"{self.model.rowCount():,}"))

    # --- grid tree ---------------------------------------------------------------------------------------------

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
        def job(s: Session) -> tuple[Any, Any]:
            now = clock.now()
            return q.dashboard_counts(s, now), q.grid_counts(s, now)

        self.tasks.run(job, self._on_counts, name="counts", priority=-5)

    def _on_counts(self, result: tuple[Any, Any]) -> None:
        dash, grids = result
        self.strip.set_counts(dash)
        self.tree_model.set_counts(grids)

    def _on_tick(self) -> None:
        self.model.tick()
        self._schedule_counts()

    # --- live updates ------------------------------------------------------------------------------------------

    def on_changes(self, ids: set[int]) -> None:
        """The change feed says these cases changed (on any seat): queue, counts, case view, cue."""
        self.model.apply_changes(ids)
        self._schedule_counts()
        if self._current_case is not None and self._current_case in ids:
            self._load_case(self._current_case)
        since = self._max_seen_id
        new_ids = sorted(i for i in ids if i > since)
        if new_ids:
            self._max_seen_id = max(new_ids)
            self.tasks.run(
                lambda s: _new_reports(s, new_ids, since), self._on_new_reports, name="new-reports"
            )
        self.changes_applied.emit(ids)

    def _set_max_seen(self, value: int) -> None:
        self._max_seen_id = max(self._max_seen_id, value)

    def _on_new_reports(self, result: tuple[list[q.QueueRow], int]) -> None:
        rows, _top = result
        if not rows:
            return
        first = rows[0]
        more = _t("等 %1 件").replace("%1", str(len(rows))) if len(rows) > 1 else ""
        self.cue.setText(
            _t("新上报案件（待受理）：")
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

    def _on_feed_state(self, connected: bool, message: str) -> None:
        if connected:
            self.conn_label.setText(_t("已连接 · 实时更新"))
            if self._offline:
                self._on_connection_ok()
        else:
            self._on_connection_lost(message)

    def _on_connection_lost(self, message: str) -> None:
        self.conn_label.setText(_t("连接中断"))
        self.banner.setText(_t("与数据库的连接已中断，正在自动重连…（%1）").replace("%1", message[:160]))
        self.banner.show()
        if not self._offline:
            self._offline = True
            self._retry.start()
            self.update_actions()
            self.connection_state.emit(False)

    def _probe_connection(self) -> None:
        self.tasks.run(lambda s: s.execute(text("SELECT 1")).scalar(), lambda _v: self._on_connection_ok(),
                       lambda _e: None, name="probe")  # fmt: skip

    def _on_connection_ok(self) -> None:
        if not self._offline:
            return
        if self.db.is_postgres and not self.live.connected:
            return  # queries work again but the change feed is still reconnecting: keep the banner
        self._offline = False
        self._retry.stop()
        self.banner.hide()
        self.conn_label.setText(_t("已连接 · 实时更新"))
        self.update_actions()
        self.refresh_all()
        self.connection_state.emit(True)

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
        number, ok = QInputDialog.getText(self, _t("转到案件"), _t("案件编号（如 2026-000123）："))
        if ok and number.strip():
            self.goto_case(number.strip())

    def goto_case(self, number: str) -> None:
        """Show a case by number (Ctrl+G), selecting its row when it is in the loaded part of the queue."""
        self._current_case = None
        self._load_case(number, lambda data: self.select_case_row(data.detail.id))

    # --- acting on the case ------------------------------------------------------------------------------------

    def run_action(self, action: str, action_label: str) -> None:
        """Open the dialog that knows the rules of `action` (ui/dialogs); it writes through CaseService."""
        detail = self.case_view.current()
        if detail is None:
            return
        self._open_when_read(
            lambda s: read_opening(s, action, details=[detail]),
            lambda opening: make_action_dialog(
                self, self.db, self.actor, detail, action, self.tasks, opening
            ),
            detail.id,
        )

    def _open_when_read(self, read: Any, make: Any, case_id: int | None) -> None:
        """Read what the dialog shows on a worker, then build and open it: the window never waits for the server.
        While one is on its way, another click opens nothing."""
        if self._dialog_coming:
            return
        self._dialog_coming = True

        def ready(opening: Opening) -> None:
            self._dialog_coming = False
            self._open_dialog(make(opening), case_id)

        def failed(exc: BaseException) -> None:
            self._dialog_coming = False
            show_error(self, exc)

        self.tasks.run(read, ready, failed, name="dialog-open", priority=FOREGROUND)

    def current_grid_code(self) -> str:
        """The grid selected in the tree ("" for the whole township)."""
        return str(self._grid_code or "")

    def selected_case_ids(self) -> list[int | None]:
        return [self.model.case_id(i.row()) for i in self.table.selectionModel().selectedRows()]

    def new_case(self) -> None:
        """受理登记, with the grid selected in the tree preselected."""
        grid = self.current_grid_code() or None
        self._open_when_read(
            lambda s: read_opening(s, "report", grid_code=grid),
            lambda opening: make_new_case_dialog(self, self.db, self.actor, grid, self.tasks, opening),
            None,
        )

    def batch_dispatch(self) -> None:
        """派遣 every selected 待派遣 case with the same settings."""
        ids = [i for i in self.selected_case_ids() if i is not None]
        if not ids or self._dialog_coming:
            return
        self._dialog_coming = True

        def load(session: Any) -> tuple[list[Any], Opening | None]:
            ready = [d for d in (case_detail(session, i) for i in ids) if d.status is CaseStatus.ACCEPTED]
            return ready, read_opening(session, "dispatch", details=ready) if ready else None

        def opened(loaded: tuple[list[Any], Opening | None]) -> None:
            self._dialog_coming = False
            ready, opening = loaded
            if not ready:
                self.statusBar().showMessage(_t("所选案件中没有待派遣的案件"), 5000)
                return
            dlg, done = make_batch_dispatch_dialog(self, self.db, self.actor, ready, self.tasks, opening)
            self.current_form = dlg

            def closed(_code: int) -> None:
                refs = done()
                if refs:
                    self.model.apply_changes({r.id for r in refs})
                    self._schedule_counts()
                dlg.deleteLater()

            dlg.finished.connect(closed)
            dlg.open()

        def failed(exc: BaseException) -> None:
            self._dialog_coming = False
            show_error(self, exc)

        self.tasks.run(load, opened, failed, name="batch-details", priority=FOREGROUND)

    def print_ledger(self) -> None:
        dlg = PrintLedgerDialog(self.tasks, self, actor=self.actor)
        grid = self.current_grid_code()
        if grid:
            dlg.set_scope(LedgerScope(grid_code=grid))
        self.current_form = dlg
        dlg.finished.connect(lambda _code: dlg.deleteLater())
        dlg.open()

    def _open_dialog(self, dlg: Any, case_id: int | None) -> None:
        self.current_form = dlg

        def closed(_code: int) -> None:
            ref = getattr(dlg, "result_ref", None)
            if ref is not None:
                self._after_action(ref.id if case_id is None else case_id)
            dlg.deleteLater()

        dlg.finished.connect(closed)
        dlg.open()

    def _after_action(self, case_id: int) -> None:
        self._load_case(case_id)
        self.model.apply_changes({case_id})
        self._schedule_counts()

    def set_watch(self, watching: bool) -> None:
        detail = self.case_view.current()
        if detail is None:
            return
        svc = CaseService(self.db, self.actor)
        self.tasks.run_db(lambda _db: svc.set_watch(detail.id, watching), lambda _r: self.statusBar().showMessage(
            _t("已关注 %1") .replace("%1", detail.number) if watching else _t("已取消关注 %1").replace("%1", detail.number),
            5000))  # fmt: skip

    def attach_file(self) -> None:
        detail = self.case_view.current()
        if detail is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, _t("添加附件"), "", _t("图片和文档 (*.jpg *.jpeg *.png *.pdf *.doc *.docx);;全部文件 (*)")
        )
        if not path:
            return
        import mimetypes
        from pathlib import Path

        p = Path(path)
        data = p.read_bytes()
        mime = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
        svc = CaseService(self.db, self.actor)
        self.tasks.run_db(lambda _db: svc.attach(detail.id, detail.version, p.name, data, mime),
                          lambda _r: self._after_action(detail.id), lambda e: show_error(self, e))  # fmt: skip

    # --- misc ----------------------------------------------------------------------------------------------------

    def _set_language(self, code: str) -> None:
        settings.put("ui/language", code)
        self.statusBar().showMessage(_t("界面语言将在重新启动后生效"), 8000)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from console import __version__

        QMessageBox.about(self, _t("关于"), _t("网格化管理指挥调度台") + f" {__version__}\n{self.db.url}")

    # --- security: posts, idle lock, administration, personal data (issue 7) ---------------------------------------

    def _on_security(self, state: tuple[bool, Any, int]) -> None:
        active, principal, minutes = state
        self.principal = principal
        if active:
            from console.security.posts import can
            from ui.login import verify_password_again

            self.acts["admin"].setVisible(any(can(principal, a) is None for a in ("user_add", "post_grant",
                                                                                  "password_policy")))  # fmt: skip
            self.acts["audit_log"].setVisible(can(principal, "audit_read") is None)
            self.acts["change_password"].setVisible(True)
            self.acts["logout"].setVisible(True)
            if self.idle_lock is None:
                db, login = self.db, self.actor
                self.idle_lock = IdleLock(db, login, lambda pw: verify_password_again(db, login, pw), self,
                                          minutes=minutes, name=principal.name if principal else "")  # fmt: skip
                self.idle_lock.logout_requested.connect(self.logout)
        self.security_ready.emit()

    def open_admin(self, part: str = "") -> None:
        from ui.admin_window import AdminWindow

        if self.admin_window is None:
            self.admin_window = AdminWindow(self.db, self.actor, self)
        win = self.admin_window
        if part:

            def pick() -> None:
                for i in range(win.tabs.count()):
                    if win.tabs.tabText(i) == _t(part):
                        win.tabs.setCurrentIndex(i)

            win.ready.connect(pick)
            pick()
        win.show()
        win.raise_()

    def change_password(self) -> None:
        from ui.login import ChangePasswordDialog, change_own_password

        dlg = ChangePasswordDialog(self.actor, "", self)
        self.current_form = dlg

        def accepted() -> None:
            login, old, new = self.actor, dlg.old_password(), dlg.new_password()

            def changed(db: Database) -> None:
                if db is not self.db:  # PostgreSQL: a new connection with the new password
                    self.switch_database(db)
                QMessageBox.information(self, _t("修改密码"), _t("密码已修改"))

            self.tasks.call(lambda: change_own_password(self.db, login, old, new), changed,
                            lambda e: show_error(self, e), name="change-password")  # fmt: skip

        dlg.accepted.connect(accepted)
        dlg.open()

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

    def logout(self) -> None:
        """注销: audited; the window closes and the application asks for a login again."""
        from console.security.users import logout

        login = self.actor

        def done(_r: object) -> None:
            self.logged_out.emit()
            self.close()

        self.tasks.run_db(lambda db: logout(db, login), done, lambda _e: done(None), name="logout")

    def reveal_case_field(self, key: str) -> None:
        from ui.masking import reveal_value

        data = self.case_view.data
        if data is None or key != "reporter_phone":
            return
        login, value, policy, case_id = self.actor, data.detail.reporter_phone, data.privacy, data.detail.id

        def shown(full: str) -> None:
            if self.case_view.data is not None and self.case_view.data.detail.id == case_id:
                self.case_view.show_revealed(key, full)

        self.tasks.run_db(lambda db: reveal_value(db, login, value, "反映人电话", policy), shown,
                          lambda e: show_error(self, e), name="reveal")  # fmt: skip

    def reveal_grid_phones(self, _key: str) -> None:
        from ui.masking import reveal_value

        data = self.grid_panel.data
        if data is None:
            return
        login, policy, code = self.actor, data.privacy, data.code
        phones = "、".join(p.phone for p in data.posts if p.phone and p.end is None)

        def shown(_full: str) -> None:
            if self.grid_panel.data is not None and self.grid_panel.data.code == code:
                self.grid_panel.show_revealed()

        self.tasks.run_db(lambda db: reveal_value(db, login, phones, "网格人员电话", policy), shown,
                          lambda e: show_error(self, e), name="reveal")  # fmt: skip

    def is_busy(self) -> bool:
        return self.tasks.pending > 0 or self.model.is_loading()


def QColorHex(value: str) -> Any:  # noqa: N802 - reads like the Qt constructor it wraps
    from PySide6.QtGui import QColor

    return QColor(value)


def _security_state(login: str) -> Any:
    """Worker side: (security active, the user's posts, idle-lock minutes)."""

    def job(s: Session) -> tuple[bool, Any, int]:
        from console.security.enforce import security_active
        from console.security.posts import load_principal
        from console.settings import get_setting

        if not security_active(s):
            return False, None, 15
        try:
            minutes = max(1, int(get_setting(s, "idle_lock_minutes")))
        except ValueError:
            minutes = 15
        return True, load_principal(s, login), minutes

    return job


def _sort_key(value: str) -> q.SortKey:
    try:
        return q.SortKey(value)
    except ValueError:
        return q.SortKey.DEADLINE


def _replace(flt: q.QueueFilter, **changes: Any) -> q.QueueFilter:
    import dataclasses

    return dataclasses.replace(flt, **changes) if changes else flt


_unused = (datetime, TrafficLight, QFrame)
