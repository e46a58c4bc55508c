"""The main window without a mouse (issue 17 item 7): every case action in the 办理 menu, the common ones on
function keys; the queue walked with the arrows, Home/End and Enter; Ctrl+1/2/3 to the grid tree, the queue and
the case pane; accessible names on the main widgets; tool-bar tips that name the shortcut.

The keys are listed once here (`CASE_ACTION_KEYS`, `PANE_KEYS`) and in the README's table. Which actions are
enabled comes from what the case pane shows (`console.workflow.read.actions_for`: the state and the person's
posts), so a key does exactly what the button beside the case would do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from console.i18n import QT_TRANSLATE_NOOP
from console.workflow import machine
from console.workflow.actions import ACTIONS
from ui.i18n import translated

if TYPE_CHECKING:
    from ui.main_window import MainWindow

#: the common case actions on function keys, in the order of the lifecycle (F5 is 刷新, F1 help, F10/F11 the
#: desktop's); the rest are in the 办理 menu (Alt+A)
CASE_ACTION_KEYS = {
    "accept": "F2",
    "reject": "Shift+F2",
    "dispatch": "F3",
    "sign": "F4",
    "return": "Shift+F4",
    "progress": "F6",
    "feedback": "F7",
    "verify": "F8",
    "close": "F9",
    "callback": "Shift+F9",
    "supervise": "F12",
}
#: focus to a pane: (action name, caption, key)
PANE_KEYS = (
    ("focus_tree", QT_TRANSLATE_NOOP("MainWindow", "转到网格树"), "Ctrl+1"),
    ("focus_queue", QT_TRANSLATE_NOOP("MainWindow", "转到案件队列"), "Ctrl+2"),
    ("focus_case", QT_TRANSLATE_NOOP("MainWindow", "转到案件详情"), "Ctrl+3"),
)
#: the case actions the 办理 menu lists: every one with a dialog (附件 and 关注 have their own entries)
MENU_ACTIONS = tuple(
    a.value for a, spec in ACTIONS.items() if spec.dialog is not None and a.value != "attach"
)
#: accessible names of the main widgets (screen readers; Qt's accessibility tree)
ACCESSIBLE = (
    ("tree", QT_TRANSLATE_NOOP("MainWindow", "网格树")),
    ("tree_search", QT_TRANSLATE_NOOP("MainWindow", "搜索网格")),
    ("table", QT_TRANSLATE_NOOP("MainWindow", "案件队列")),
    ("search", QT_TRANSLATE_NOOP("MainWindow", "搜索案件")),
    ("quick_bar", QT_TRANSLATE_NOOP("MainWindow", "快捷筛选")),
    ("strip", QT_TRANSLATE_NOOP("MainWindow", "实时统计")),
    ("grid_panel", QT_TRANSLATE_NOOP("MainWindow", "网格信息")),
    ("case_view", QT_TRANSLATE_NOOP("MainWindow", "案件详情")),
)


class KeyboardNav(QObject):
    """Made before the window's widgets (its actions go into `w.acts` and the menus); `attach()` once the
    widgets exist."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self._focus_case_when_loaded = False
        for action in MENU_ACTIONS:
            a = QAction(w)
            w.texts.bind(_opens_dialog(a), ACTIONS[_action(action)].label)
            key = CASE_ACTION_KEYS.get(action)
            if key:
                a.setShortcut(QKeySequence(key))
            a.setEnabled(False)
            a.triggered.connect(lambda _=False, name=action: self.run(name))
            w.acts[f"case_{action}"] = a
        for name, caption, key in PANE_KEYS:
            a = QAction(w)
            w.texts.bind(a.setText, caption)
            a.setShortcut(QKeySequence(key))
            a.triggered.connect(getattr(self, name))
            w.acts[name] = a

    def fill_case_menu(self, menu: QMenu) -> None:
        for action in MENU_ACTIONS:
            menu.addAction(self.w.acts[f"case_{action}"])

    def fill_view_menu(self, menu: QMenu) -> None:
        for name, _caption, _key in PANE_KEYS:
            menu.addAction(self.w.acts[name])

    def attach(self) -> None:
        w = self.w
        w.table.installEventFilter(self)
        w.table.activated.connect(lambda _index: self.open_current())
        w.installEventFilter(self)  # LanguageChange: the tips again
        for attr, name in ACCESSIBLE:
            widget: QWidget = getattr(w, attr)
            w.texts.bind(widget.setAccessibleName, name)
        w.case_view.shortcuts = dict(CASE_ACTION_KEYS)
        self.show_shortcut_tips()

    # --- case actions --------------------------------------------------------------------------------------

    def _shown_case(self) -> Any:
        """The case the pane shows, when it is the one selected (a key pressed while the next case loads must
        not act on the previous one)."""
        data = self.w.case_view.data
        if data is None or self.w._current_case != data.detail.id:  # noqa: SLF001
            return None
        return data

    def update_actions(self) -> None:
        """Enable each case action as the button beside the case is (state and posts), with its reason."""
        data = self._shown_case()
        states = {a.action: a for a in data.actions} if data is not None else {}
        offline = self.w.connection.offline
        for action in MENU_ACTIONS:
            a = self.w.acts[f"case_{action}"]
            state = states.get(action)
            ok = (
                state is not None
                and state.allowed
                and not offline
                and machine.refusal(data.detail.status, action) is None
            )
            a.setEnabled(bool(ok))
            a.setStatusTip("" if ok or state is None else translated(state.reason or ""))
        if self._focus_case_when_loaded and data is not None:
            self._focus_case_when_loaded = False
            self.focus_case()

    def run(self, action: str) -> None:
        data = self._shown_case()
        if data is None:
            return
        label = next((s.label for s in data.actions if s.action == action), ACTIONS[_action(action)].label)
        self.w.run_action(action, label)

    # --- panes ---------------------------------------------------------------------------------------------

    def focus_tree(self) -> None:
        tree = self.w.tree
        if not tree.currentIndex().isValid() and tree.model().rowCount():
            # a tree view given the focus makes its first row current, which would filter the queue to the
            # township and reload it: mark the township current quietly (it is what "no grid" shows anyway)
            tree.selectionModel().blockSignals(True)
            tree.setCurrentIndex(tree.model().index(0, 0))
            tree.selectionModel().blockSignals(False)
        tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_queue(self) -> None:
        table = self.w.table
        table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not table.currentIndex().isValid() and self.w.model.rowCount():
            self.select_row(0)

    def focus_case(self) -> None:
        """The first action the case allows, else its text (read with the arrows)."""
        view = self.w.case_view
        for button in view.buttons.values():
            if button.isEnabled():
                if not button.isVisible() and not button.testAttribute(
                    Qt.WidgetAttribute.WA_WState_ExplicitShowHide
                ):
                    button.show()  # just made: its layout shows it a moment later, and a hidden widget takes no focus
                button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
        view.fields.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_current(self) -> None:
        """Enter (or a double click) on a row: the case pane, with the focus on its first action."""
        if self._shown_case() is not None:
            self.focus_case()
        else:
            self._focus_case_when_loaded = True  # once the case is read (`update_actions`)

    def select_row(self, row: int) -> None:
        w = self.w
        idx = w.model.index(row, 0)
        if not idx.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        w.table.selectionModel().setCurrentIndex(idx, flags)
        w.table.scrollTo(idx)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self.w and event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self.show_shortcut_tips)  # after the window set its texts again
        elif obj is self.w.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            # a row-selecting table moves Home/End within the row; here they go to the first and last case
            if event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End) and not event.modifiers():
                last = self.w.model.rowCount() - 1
                if last >= 0:
                    self.select_row(0 if event.key() == Qt.Key.Key_Home else last)
                return True
        return False

    # --- visible shortcuts ---------------------------------------------------------------------------------

    def show_shortcut_tips(self) -> None:
        """Tool-bar buttons and menu tips name their key ("刷新 (F5)")."""
        for a in self.w.acts.values():
            key = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            text = a.text().replace("&", "").removesuffix("…")
            a.setToolTip(f"{text} ({key})" if key else text)


def _opens_dialog(a: QAction) -> Callable[[str], None]:
    """The setter of a menu entry that opens a dialog: its caption ends in "…"."""
    return lambda text: a.setText(text + "…")


def _action(name: str) -> Any:
    from console.workflow.actions import Action

    return Action(name)
