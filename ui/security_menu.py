"""The main window's security part (issue 7): the 系统 menu shown per post (系统管理, 审计日志, 修改密码, 注销),
the idle lock started once the person's posts are known, and the audited reveal of masked phone numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from console.db import Database
from console.grid_reads import GridPanelData, reveal_grid_panel
from console.i18n import QT_TRANSLATE_NOOP
from console.security.login import change_own_password, security_state, verify_password_again
from console.security.masking import reveal_value
from console.security.posts import can
from ui.errors import show_error
from ui.idle_lock import IdleLock
from ui.setup_rights import allowed_tabs

if TYPE_CHECKING:
    from ui.main_window import MainWindow

#: the 系统 menu's actions, hidden until the security state says which the person's posts allow
ACTIONS = ("reference", "admin", "audit_log", "change_password", "logout")


class SecurityMenu(QObject):
    """Adds its actions to `w.acts`; `load()` reads the security state on a worker and then shows them, sets
    `w.principal` and starts `w.idle_lock`."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        for name, caption, slot in (
            ("reference", QT_TRANSLATE_NOOP("MainWindow", "基础设置（部门、事项清单、网格、人员）…"), self.open_reference),
            ("admin", QT_TRANSLATE_NOOP("MainWindow", "系统管理…"), lambda: self.open_admin(QT_TRANSLATE_NOOP("AdminWindow", "用户"))),
            ("audit_log", QT_TRANSLATE_NOOP("MainWindow", "审计日志…"), lambda: self.open_admin(QT_TRANSLATE_NOOP("AdminWindow", "审计日志"))),
            ("change_password", QT_TRANSLATE_NOOP("MainWindow", "修改密码…"), self.change_password),
            ("logout", QT_TRANSLATE_NOOP("MainWindow", "注销"), self.logout),
        ):  # fmt: skip
            a = QAction(w)
            w.texts.bind(a.setText, caption)  # set again when the language changes
            a.triggered.connect(slot)
            a.setVisible(False)  # shown per post once the security state is loaded
            w.acts[name] = a
        w.acts["reference"].setShortcut(QKeySequence("Ctrl+Shift+B"))

    def fill(self, menu: QMenu) -> None:
        for name in ACTIONS:
            menu.addAction(self.w.acts[name])

    def load(self) -> None:
        login = self.w.actor
        self.w.tasks.run(lambda s: security_state(s, login), self._on_state, name="security")

    def _on_state(self, state: tuple[bool, Any, int]) -> None:
        w = self.w
        active, principal, minutes = state
        w.principal = principal
        # 基础设置: the posts allowed `reference_edit` or `grid_rezone` (the tabs they may work in: ui.setup_window),
        # and anyone while the database is in set-up mode
        w.acts["reference"].setVisible(not active or bool(allowed_tabs(principal)))
        if active:
            w.acts["admin"].setVisible(any(can(principal, a) is None for a in ("user_add", "post_grant",
                                                                               "password_policy")))  # fmt: skip
            w.acts["audit_log"].setVisible(can(principal, "audit_read") is None)
            w.acts["change_password"].setVisible(True)
            w.acts["logout"].setVisible(True)
            if w.idle_lock is None:
                db, login = w.db, w.actor
                w.idle_lock = IdleLock(db, login, lambda pw: verify_password_again(db, login, pw), w,
                                       minutes=minutes, name=principal.name if principal else "")  # fmt: skip
                w.idle_lock.logout_requested.connect(self.logout)
        w.security_ready.emit()

    def open_admin(self, part: str = "") -> None:
        from ui.admin_window import AdminWindow

        w = self.w
        if w.admin_window is None:
            w.admin_window = AdminWindow(w.db, w.actor, w)
        win = w.admin_window
        if part:

            def pick() -> None:
                for i in range(win.tabs.count()):
                    if win.tabs.tabText(i) == QCoreApplication.translate("AdminWindow", part):
                        win.tabs.setCurrentIndex(i)

            win.ready.connect(pick)
            pick()
        win.show()
        win.raise_()

    def open_reference(self) -> None:
        from ui.setup_window import open_setup

        open_setup(self.w)

    def change_password(self) -> None:
        from ui.login import ChangePasswordDialog

        w = self.w
        dlg = ChangePasswordDialog(w.actor, "", w)
        w.current_form = dlg

        def accepted() -> None:
            login, old, new = w.actor, dlg.old_password(), dlg.new_password()

            def changed(db: Database) -> None:
                if db is not w.db:  # PostgreSQL: a new connection with the new password
                    w.switch_database(db)
                QMessageBox.information(w, QCoreApplication.translate("MainWindow", "修改密码"), QCoreApplication.translate("MainWindow", "密码已修改"))

            w.tasks.call(lambda: change_own_password(w.db, login, old, new), changed,
                         lambda e: show_error(w, e), name="change-password")  # fmt: skip

        dlg.accepted.connect(accepted)
        dlg.open()

    def logout(self) -> None:
        """注销: audited; the window closes and the application asks for a login again."""
        from console.security.users import logout

        w = self.w
        login = w.actor

        def done(_r: object) -> None:
            w.logged_out.emit()
            w.close()

        w.tasks.run_db(lambda db: logout(db, login), done, lambda _e: done(None), name="logout")

    def reveal_case_field(self, key: str) -> None:
        w = self.w
        data = w.case_view.data
        if data is None or key != "reporter_phone":
            return
        login, value, policy, case_id = w.actor, data.detail.reporter_phone, data.privacy, data.detail.id

        def shown(full: str) -> None:
            if w.case_view.data is not None and w.case_view.data.detail.id == case_id:
                w.case_view.show_revealed(key, full)

        w.tasks.run_db(lambda db: reveal_value(db, login, value, "反映人电话", policy), shown,
                       lambda e: show_error(w, e), name="reveal")  # fmt: skip

    def reveal_grid_phones(self, _key: str) -> None:
        w = self.w
        data = w.grid_panel.data
        if data is None:
            return
        login, code = w.actor, data.code

        def shown(full: GridPanelData) -> None:
            if w.grid_panel.data is not None and w.grid_panel.data.code == code:
                w.grid_panel.show_revealed(full)

        w.tasks.run_db(lambda db: reveal_grid_panel(db, login, data), shown,
                       lambda e: show_error(w, e), name="reveal")  # fmt: skip
