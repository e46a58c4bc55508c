"""系统管理 — the three separated administrators' window (三员分立), each part shown only to its post:

- 用户 (系统管理员 adds, disables and enables users; 安全管理员 grants and revokes posts, resets passwords and
  unlocks): a list of users with buttons; a button the post may not use is disabled with the reason;
- 密码策略 (安全管理员): the password and lockout settings;
- 审计日志 (审计管理员): search by time, login and event, export as CSV. Nobody can change or delete a row.

Every read and change is `console.security.administration` (Qt-free), through `console.security.users` (which
refuses with the same reason as the CLI and writes the audit row); on PostgreSQL its `pg_*` functions keep the
person's login role in step, as `gridconsole admin …` does: an administrator on their own login through the
database's narrow provisioning functions, a superuser or owner connection directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console import clock
from console.db import Database
from console.i18n import QT_TRANSLATE_NOOP
from console.security import administration as admin
from console.security import audit as audit_mod
from console.security import users
from console.security.audit import AuditEvent, AuditRow
from console.security.posts import Post, can
from console.settings import RULES as SETTING_RULES
from ui.errors import error_text, show_error
from ui.i18n import Texts, translated
from ui.tasks import TaskRunner

#: the password policy's settings: key → caption (their bounds are the settings' own rules, console.settings)
POLICY_FIELDS: dict[str, str] = {
    "password_min_length": QT_TRANSLATE_NOOP("AdminWindow", "最小长度"),
    "password_min_classes": QT_TRANSLATE_NOOP("AdminWindow", "至少包含字符类别"),
    "password_max_age_days": QT_TRANSLATE_NOOP("AdminWindow", "有效期（天）"),
    "password_history": QT_TRANSLATE_NOOP("AdminWindow", "不得重复最近几次"),
    "lockout_failures": QT_TRANSLATE_NOOP("AdminWindow", "连续失败几次锁定"),
    "lockout_minutes": QT_TRANSLATE_NOOP("AdminWindow", "锁定时长（分钟）"),
    "idle_lock_minutes": QT_TRANSLATE_NOOP("AdminWindow", "无操作锁屏（分钟）"),
    "audit_retention_days": QT_TRANSLATE_NOOP("AdminWindow", "审计日志保存（天，至少 180）"),
}

#: user-tab buttons: key → (caption, administrative action)
USER_BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("add", QT_TRANSLATE_NOOP("AdminWindow", "新建用户…"), "user_add"),
    ("disable", QT_TRANSLATE_NOOP("AdminWindow", "停用"), "user_disable"),
    ("enable", QT_TRANSLATE_NOOP("AdminWindow", "启用"), "user_enable"),
    ("grant", QT_TRANSLATE_NOOP("AdminWindow", "授予岗位…"), "post_grant"),
    ("revoke", QT_TRANSLATE_NOOP("AdminWindow", "撤销岗位…"), "post_revoke"),
    ("reset", QT_TRANSLATE_NOOP("AdminWindow", "重置密码"), "password_reset"),
    ("unlock", QT_TRANSLATE_NOOP("AdminWindow", "解除锁定"), "user_unlock"),
)


# --- the window ------------------------------------------------------------------------------------------------


class AdminWindow(QWidget):
    """`ready` after the first load; `tabs` holds only the parts the user's posts may use."""

    ready = Signal()
    changed = Signal(str)  # a message after a change succeeded

    def __init__(self, db: Database, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db = db
        self.login = login
        self.data: admin.AdminData | None = None
        self.last_message = ""
        self.last_password = ""
        self.audit_rows: list[AuditRow] = []
        self.tasks = TaskRunner(db, self, max_threads=1)
        self.tasks.error.connect(self._error)
        self.texts = Texts()  # what `retranslate()` sets again when the language changes
        self.texts.bind(self.setWindowTitle, QT_TRANSLATE_NOOP("AdminWindow", "系统管理"))
        self.resize(1000, 640)
        lay = QVBoxLayout(self)
        self.who = QLabel()
        lay.addWidget(self.who)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.users_tab = self._build_users()
        self.policy_tab = self._build_policy()
        self.audit_tab = self._build_audit()
        self.reload()

    def set_database(self, db: Database) -> None:
        """Work through another connection (the new password after 修改密码)."""
        self.db = db
        self.tasks.set_database(db)

    # --- building ---------------------------------------------------------------------------------------------

    def _build_users(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.user_table = QTableWidget(0, 5)
        for i, heading in enumerate((QT_TRANSLATE_NOOP("AdminWindow", "登录名"), QT_TRANSLATE_NOOP("AdminWindow", "姓名"),
                                     QT_TRANSLATE_NOOP("AdminWindow", "状态"), QT_TRANSLATE_NOOP("AdminWindow", "岗位"),
                                     QT_TRANSLATE_NOOP("AdminWindow", "密码有效期至"))):  # fmt: skip
            item = QTableWidgetItem()
            self.user_table.setHorizontalHeaderItem(i, item)
            self.texts.bind(item.setText, heading)
        self.user_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.user_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.user_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.user_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.user_table, 1)
        row = QHBoxLayout()
        self.user_buttons: dict[str, QPushButton] = {}
        slots: dict[str, Callable[[], None]] = {
            "add": self._ask_add, "disable": lambda: self._set_active(False),
            "enable": lambda: self._set_active(True), "grant": lambda: self._ask_post(True),
            "revoke": lambda: self._ask_post(False), "reset": self._reset, "unlock": self._unlock,
        }  # fmt: skip
        for key, caption, _action in USER_BUTTONS:
            b = QPushButton()
            self.texts.bind(b.setText, caption)
            b.setObjectName(f"user_{key}")
            b.clicked.connect(slots[key])
            row.addWidget(b)
            self.user_buttons[key] = b
        row.addStretch(1)
        lay.addLayout(row)
        return w

    def _build_policy(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.policy_edits: dict[str, QSpinBox] = {}
        for key, caption in POLICY_FIELDS.items():
            spin = QSpinBox()
            rule = SETTING_RULES[key]
            spin.setRange(int(rule.low or 0), int(rule.high or 1_000_000))
            spin.setObjectName(key)
            row_label = QLabel()
            self.texts.bind(row_label.setText, caption)
            form.addRow(row_label, spin)
            self.policy_edits[key] = spin
        self.policy_save = QPushButton()
        self.texts.bind(self.policy_save.setText, QT_TRANSLATE_NOOP("AdminWindow", "保存密码策略"))
        self.policy_save.clicked.connect(self._save_policy)
        form.addRow("", self.policy_save)
        return w

    def _build_audit(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        bar = QHBoxLayout()
        now = QDateTime.currentDateTime()
        self.audit_since = QDateTimeEdit(now.addDays(-7))
        self.audit_until = QDateTimeEdit(now.addDays(1))
        for edit in (self.audit_since, self.audit_until):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.audit_login = QLineEdit()
        self.texts.bind(self.audit_login.setPlaceholderText, QT_TRANSLATE_NOOP("AdminWindow", "登录名"))
        self.audit_event = QComboBox()
        self.audit_event.addItem("", "")
        self.texts.bind(lambda t: self.audit_event.setItemText(0, t), QT_TRANSLATE_NOOP("AdminWindow", "全部事件"))
        for e in AuditEvent:
            self.audit_event.addItem(e.label, e.value)
        self.audit_search = QPushButton()
        self.texts.bind(self.audit_search.setText, QT_TRANSLATE_NOOP("AdminWindow", "查询"))
        self.audit_search.clicked.connect(self.run_search)
        self.audit_export = QPushButton()
        self.texts.bind(self.audit_export.setText, QT_TRANSLATE_NOOP("AdminWindow", "导出 CSV…"))
        self.audit_export.clicked.connect(self._ask_export)
        for period, widget in ((QT_TRANSLATE_NOOP("AdminWindow", "自"), self.audit_since),
                               (QT_TRANSLATE_NOOP("AdminWindow", "至"), self.audit_until)):  # fmt: skip
            bound = QLabel()
            self.texts.bind(bound.setText, period)
            bar.addWidget(bound)
            bar.addWidget(widget)
        bar.addWidget(self.audit_login)
        bar.addWidget(self.audit_event)
        bar.addWidget(self.audit_search)
        bar.addWidget(self.audit_export)
        lay.addLayout(bar)
        self.audit_table = QTableWidget(0, len(audit_mod.CSV_HEADER))
        for i, h in enumerate(audit_mod.CSV_HEADER):
            header = QTableWidgetItem()
            self.audit_table.setHorizontalHeaderItem(i, header)
            self.texts.bind(header.setText, h)
        self.audit_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit_table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.audit_table, 1)
        return w

    # --- loading ----------------------------------------------------------------------------------------------

    def reload(self) -> None:
        login = self.login
        self.tasks.run(lambda s: admin.load_admin(s, login), self._loaded, name="admin-load")

    def _loaded(self, data: admin.AdminData) -> None:
        first = self.data is None
        self.data = data
        self._show_who()
        if first:
            for tab, caption, actions in (
                (self.users_tab, QT_TRANSLATE_NOOP("AdminWindow", "用户"), ("user_add", "post_grant")),
                (self.policy_tab, QT_TRANSLATE_NOOP("AdminWindow", "密码策略"), ("password_policy",)),
                (self.audit_tab, QT_TRANSLATE_NOOP("AdminWindow", "审计日志"), ("audit_read",)),
            ):
                if data.setup_mode or any(can(data.principal, a) is None for a in actions):
                    index = self.tabs.addTab(tab, "")
                    self.texts.bind(partial(self.tabs.setTabText, index), caption)
                else:
                    tab.hide()
        self._fill_users(data.users)
        for key, spin in self.policy_edits.items():
            try:
                spin.setValue(int(data.policy.get(key, "0")))
            except ValueError:
                pass
        self._enable()
        if first:
            self.ready.emit()

    def _show_who(self) -> None:
        p = self.data.principal if self.data else None
        self.who.setText(
            QCoreApplication.translate("AdminWindow", "当前用户：%1（%2）")
            .replace("%1", self.login)
            .replace("%2", translated(p.posts_label) if p else QCoreApplication.translate("AdminWindow", "初始设置"))
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text the window set itself, again in the current language."""
        self.texts.retranslate()
        if self.data is not None:
            self._show_who()

    def visible_parts(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def reason(self, action: str) -> str | None:
        """Why this user may not take `action` here (None if they may)."""
        if self.data is None or self.data.setup_mode:
            return None
        return can(self.data.principal, action)

    def _enable(self) -> None:
        for key, _caption, action in USER_BUTTONS:
            reason = self.reason(action)
            b = self.user_buttons[key]
            b.setEnabled(reason is None)
            b.setToolTip(reason or "")
        reason = self.reason("password_policy")
        self.policy_save.setEnabled(reason is None)
        self.policy_save.setToolTip(reason or "")
        for key, button in (("audit_read", self.audit_search), ("audit_export", self.audit_export)):
            reason = self.reason(key)
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")

    def _fill_users(self, rows: tuple[users.User, ...]) -> None:
        self.user_table.setRowCount(len(rows))
        for i, u in enumerate(rows):
            state = QCoreApplication.translate("AdminWindow", "停用") if not u.active else (
                QCoreApplication.translate("AdminWindow", "锁定至 %1").replace("%1", f"{u.locked_until:%H:%M}") if u.locked_until else QCoreApplication.translate("AdminWindow", "正常")
            )  # fmt: skip
            if u.active and u.must_change:
                state += QCoreApplication.translate("AdminWindow", "（待改密码）")
            expires = f"{u.password_expires_at:%Y-%m-%d}" if u.password_expires_at else ""
            posts = "、".join(g.label for g in u.posts) or QCoreApplication.translate("AdminWindow", "无岗位")
            for col, value in enumerate((u.login, u.name, state, posts, expires)):
                self.user_table.setItem(i, col, QTableWidgetItem(value))

    def selected_login(self) -> str | None:
        row = self.user_table.currentRow()
        item = self.user_table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def select_user(self, login: str) -> bool:
        for row in range(self.user_table.rowCount()):
            item = self.user_table.item(row, 0)
            if item is not None and item.text() == login:
                self.user_table.selectRow(row)
                return True
        return False

    # --- running a change ---------------------------------------------------------------------------------------

    def _error(self, exc: BaseException) -> None:
        self.status.setStyleSheet("color: #d62828;")
        self.status.setText(error_text(exc))
        show_error(self, exc)

    def _run(self, job: Callable[[Database], Any], message: Callable[[Any], str]) -> None:
        def done(result: Any) -> None:
            self.last_message = message(result)
            self.status.setStyleSheet("color: #2e7d32;")
            self.status.setText(self.last_message)
            self.changed.emit(self.last_message)
            self.reload()

        self.tasks.run_db(job, done, name="admin-change")

    def add_user(self, login: str, name: str) -> None:
        by = self.login

        def shown(password: str) -> str:
            self.last_password = password
            return (
                QCoreApplication.translate("AdminWindow", "已新建用户 %1，初始密码：%2（首次登录须修改）")
                .replace("%1", login)
                .replace("%2", password)
            )

        self._run(lambda db: admin.add_user(db, by, login, name), shown)

    def _ask_add(self) -> None:
        login, ok = QInputDialog.getText(self, QCoreApplication.translate("AdminWindow", "新建用户"), QCoreApplication.translate("AdminWindow", "登录名（小写字母开头，如 wangjg）"))
        if not ok or not login.strip():
            return
        name, ok = QInputDialog.getText(self, QCoreApplication.translate("AdminWindow", "新建用户"), QCoreApplication.translate("AdminWindow", "姓名"))
        if ok and name.strip():
            self.add_user(login.strip(), name.strip())

    def _need_user(self) -> str | None:
        login = self.selected_login()
        if login is None:
            self.status.setText(QCoreApplication.translate("AdminWindow", "请先在列表中选择用户"))
        return login

    def set_active(self, login: str, active: bool) -> None:
        by = self.login
        word = QCoreApplication.translate("AdminWindow", "启用") if active else QCoreApplication.translate("AdminWindow", "停用")
        self._run(lambda db: admin.set_active(db, by, login, active), lambda _r: f"{word} {login}")

    def _set_active(self, active: bool) -> None:
        login = self._need_user()
        if login is not None:
            self.set_active(login, active)

    def grant(self, login: str, post: str, scope: str = "", *, revoke: bool = False) -> None:
        by = self.login
        verb = QCoreApplication.translate("AdminWindow", "撤销") if revoke else QCoreApplication.translate("AdminWindow", "授予")
        self._run(lambda db: admin.grant_or_revoke(db, by, login, post, scope, not revoke),
                  lambda _r: f"{verb} {login}：{post} {scope}".strip())  # fmt: skip

    def _ask_post(self, grant: bool) -> None:
        login = self._need_user()
        if login is None:
            return
        posts = [p.label for p in Post]
        post, ok = QInputDialog.getItem(self, QCoreApplication.translate("AdminWindow", "授予岗位") if grant else QCoreApplication.translate("AdminWindow", "撤销岗位"), QCoreApplication.translate("AdminWindow", "岗位"), posts,
                                        0, False)  # fmt: skip
        if not ok:
            return
        scope = ""
        if post in (Post.DEPARTMENT.label, Post.GRID.label):
            prompt = QCoreApplication.translate("AdminWindow", "所在部门（名称或编码）") if post == Post.DEPARTMENT.label else QCoreApplication.translate("AdminWindow", "负责网格（编码）")
            scope, ok = QInputDialog.getText(self, post, prompt)
            if not ok:
                return
        self.grant(login, post, scope.strip(), revoke=not grant)

    def reset_password(self, login: str) -> None:
        by = self.login

        def shown(password: str) -> str:
            self.last_password = password
            return QCoreApplication.translate("AdminWindow", "已重置 %1 的密码：%2（下次登录须修改）").replace("%1", login).replace("%2", password)

        self._run(lambda db: admin.reset_password(db, by, login), shown)

    def _reset(self) -> None:
        login = self._need_user()
        if login is not None and QMessageBox.question(
            self, QCoreApplication.translate("AdminWindow", "重置密码"), QCoreApplication.translate("AdminWindow", "为 %1 生成新的初始密码？").replace("%1", login)
        ) == QMessageBox.StandardButton.Yes:  # fmt: skip
            self.reset_password(login)

    def unlock_user(self, login: str) -> None:
        by = self.login
        self._run(
            lambda db: admin.unlock(db, by, login), lambda _r: QCoreApplication.translate("AdminWindow", "已解除 %1 的登录锁定").replace("%1", login)
        )

    def _unlock(self) -> None:
        login = self._need_user()
        if login is not None:
            self.unlock_user(login)

    def _save_policy(self) -> None:
        by = self.login
        values = {key: spin.value() for key, spin in self.policy_edits.items()}
        self._run(lambda db: admin.save_policy(db, by, values), lambda _r: QCoreApplication.translate("AdminWindow", "密码策略已保存"))

    # --- the audit ------------------------------------------------------------------------------------------------

    def criteria(self) -> dict[str, Any]:
        def when(edit: QDateTimeEdit) -> datetime:
            value = edit.dateTime().toPython()
            assert isinstance(value, datetime)
            return value.replace(tzinfo=None, second=0, microsecond=0)

        event = self.audit_event.currentData()
        return {
            "since": when(self.audit_since),
            "until": when(self.audit_until),
            "login": self.audit_login.text().strip() or None,
            "events": [event] if event else None,
        }

    def run_search(self) -> None:
        by, criteria = self.login, self.criteria()
        self.tasks.run_db(lambda db: admin.search(db, by, criteria), self._show_audit, name="audit-search")

    def _show_audit(self, rows: list[AuditRow]) -> None:
        self.audit_rows = rows
        self.audit_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (str(r.id), f"{r.at:%Y-%m-%d %H:%M:%S}", r.login, r.host, r.event_label, r.object,
                      QCoreApplication.translate("AdminWindow", "成功") if r.success else QCoreApplication.translate("AdminWindow", "失败"), r.detail)  # fmt: skip
            for col, value in enumerate(values):
                self.audit_table.setItem(i, col, QTableWidgetItem(value))
        self.status.setStyleSheet("")
        self.status.setText(self.tr("共 %Ln 条", None, len(rows)))

    def export_to(self, path: Path) -> None:
        by, criteria = self.login, self.criteria()
        self._run(lambda db: admin.export(db, by, path, criteria),
                  lambda n: self.tr("已导出 %n 条审计记录到 %1", None, n).replace("%1", str(path)))  # fmt: skip

    def _ask_export(self) -> None:
        name = f"审计日志-{clock.now():%Y%m%d-%H%M}.csv"
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("AdminWindow", "导出审计日志"), name, QCoreApplication.translate("AdminWindow", "CSV 文件 (*.csv)"))
        if path:
            self.export_to(Path(path))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.tasks.shutdown()
        super().closeEvent(event)
