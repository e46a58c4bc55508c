"""系统管理 — the three separated administrators' window (三员分立), each part shown only to its post:

- 用户 (系统管理员 adds, disables and enables users; 安全管理员 grants and revokes posts, resets passwords and
  unlocks): a list of users with buttons; a button the post may not use is disabled with the reason;
- 密码策略 (安全管理员): the password and lockout settings;
- 审计日志 (审计管理员): search by time, login and event, export as CSV. Nobody can change or delete a row.

Every change goes through `console.security.users` (which refuses with the same reason as the CLI and writes
the audit row); on PostgreSQL its `pg_*` functions keep the person's login role in step, as
`gridconsole admin …` does: an administrator on their own login through the database's narrow provisioning
functions, a superuser or owner connection directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
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
from sqlalchemy.orm import Session

from console import clock
from console.db import Database
from console.security import audit as audit_mod
from console.security import users
from console.security.audit import AuditEvent, AuditRow
from console.security.enforce import security_active
from console.security.posts import Post, Principal, can, load_principal
from console.settings import get_setting, set_setting
from ui.errors import error_text, show_error
from ui.login import default_role_names
from ui.tasks import TaskRunner

#: an initial or reset password works on PostgreSQL for 3 days (as the CLI does)
INITIAL_VALID = timedelta(days=3)

#: the password policy's settings: key → (caption, low, high)
POLICY_FIELDS: dict[str, tuple[str, int, int]] = {
    "password_min_length": ("最小长度", 8, 128),
    "password_min_classes": ("至少包含字符类别", 3, 4),
    "password_max_age_days": ("有效期（天，0 为不过期）", 0, 3650),
    "password_history": ("不得重复最近几次", 0, 24),
    "lockout_failures": ("连续失败几次锁定", 1, 100),
    "lockout_minutes": ("锁定时长（分钟）", 1, 1440),
    "idle_lock_minutes": ("无操作锁屏（分钟）", 1, 240),
    "audit_retention_days": ("审计日志保存（天，至少 180）", 180, 3650),
}

#: user-tab buttons: key → (caption, administrative action)
USER_BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("add", "新建用户…", "user_add"),
    ("disable", "停用", "user_disable"),
    ("enable", "启用", "user_enable"),
    ("grant", "授予岗位…", "post_grant"),
    ("revoke", "撤销岗位…", "post_revoke"),
    ("reset", "重置密码", "password_reset"),
    ("unlock", "解除锁定", "user_unlock"),
)


def _t(text_: str) -> str:
    return QCoreApplication.translate("AdminWindow", text_)


@dataclass(frozen=True)
class AdminData:
    principal: Principal | None
    setup_mode: bool
    users: tuple[users.User, ...]
    policy: dict[str, str]


def load_admin(session: Session, login: str) -> AdminData:
    """Worker side: who is looking, and what their parts show."""
    principal = load_principal(session, login)
    setup = not security_active(session)
    listed: tuple[users.User, ...] = ()
    if setup or can(principal, "user_list") is None:
        listed = tuple(users.list_users(session, login))
    policy = {key: get_setting(session, key) for key in POLICY_FIELDS}
    return AdminData(principal, setup, listed, policy)


# --- the changes (worker side; each mirrors `gridconsole admin …`) --------------------------------------------


def add_user(db: Database, by: str, login: str, name: str) -> str:
    if db.is_postgres:
        _user, password = users.pg_add_user(db, by, login, name, names=default_role_names(),
                                            valid_until=clock.now() + INITIAL_VALID)  # fmt: skip
        return password
    with db.write_session() as s:
        _user, password = users.add_user(s, by, login, name)
    return password


def set_active(db: Database, by: str, login: str, active: bool) -> None:
    if db.is_postgres:
        users.pg_set_active(db, by, login, active, names=default_role_names())
        return
    with db.write_session() as s:
        users.set_active(s, by, login, active)


def grant_or_revoke(db: Database, by: str, login: str, post: str, scope: str, grant: bool) -> None:
    p = Post.from_text(post)
    assert isinstance(p, Post)
    department = (scope if p is Post.DEPARTMENT else None) or None
    grid = (scope if p is Post.GRID else None) or None
    if db.is_postgres:
        pg_fn = users.pg_grant_post if grant else users.pg_revoke_post
        pg_fn(db, by, login, p, names=default_role_names(), department=department, grid=grid)
        return
    with db.write_session() as s:
        fn = users.grant_post if grant else users.revoke_post
        fn(s, by, login, p, department=department, grid=grid)


def reset_password(db: Database, by: str, login: str) -> str:
    if db.is_postgres:
        return users.pg_reset_password(
            db, by, login, names=default_role_names(), valid_until=clock.now() + INITIAL_VALID
        )
    with db.write_session() as s:
        return users.reset_password(s, by, login)


def unlock(db: Database, by: str, login: str) -> None:
    if db.is_postgres:
        users.pg_unlock(db, by, login, names=default_role_names())
        return
    with db.write_session() as s:
        users.unlock(s, by, login)


def save_policy(db: Database, by: str, values: dict[str, int]) -> None:
    from console.security.enforce import require

    with db.write_session() as s:
        require(s, by, "password_policy")
        changed = []
        for key, value in values.items():
            if get_setting(s, key) != str(value):
                set_setting(s, key, str(value))
                changed.append(f"{key}={value}")
        if changed:
            audit_mod.audit(
                s, AuditEvent.SETTINGS_CHANGE, login=by, object="密码策略", detail="；".join(changed)
            )


def search(db: Database, by: str, criteria: dict[str, Any]) -> list[AuditRow]:
    from console.security.enforce import require

    with db.write_session() as s:
        require(s, by, "audit_read")
        rows = audit_mod.search_audit(s, limit=2000, **criteria)
        shown = {k: v for k, v in criteria.items() if v not in (None, "", [], ())}
        audit_mod.audit(
            s, AuditEvent.AUDIT_SEARCH, login=by, detail=f"{len(rows)} 条；条件：{shown or '全部'}"
        )
    return rows


def export(db: Database, by: str, path: Path, criteria: dict[str, Any]) -> int:
    from console.security.enforce import require

    with db.write_session() as s:
        require(s, by, "audit_export")
        return audit_mod.export_csv(s, path, by, **criteria)


# --- the window ------------------------------------------------------------------------------------------------


class AdminWindow(QWidget):
    """`ready` after the first load; `tabs` holds only the parts the user's posts may use."""

    ready = Signal()
    changed = Signal(str)  # a message after a change succeeded

    def __init__(self, db: Database, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db = db
        self.login = login
        self.data: AdminData | None = None
        self.last_message = ""
        self.last_password = ""
        self.audit_rows: list[AuditRow] = []
        self.tasks = TaskRunner(db, self, max_threads=1)
        self.tasks.error.connect(self._error)
        self.setWindowTitle(_t("系统管理"))
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
        self.user_table.setHorizontalHeaderLabels([_t("登录名"), _t("姓名"), _t("状态"), _t("岗位"),
                                                   _t("密码有效期至")])  # fmt: skip
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
            b = QPushButton(_t(caption))
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
        for key, (caption, low, high) in POLICY_FIELDS.items():
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setObjectName(key)
            form.addRow(_t(caption), spin)
            self.policy_edits[key] = spin
        self.policy_save = QPushButton(_t("保存密码策略"))
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
        self.audit_login.setPlaceholderText(_t("登录名"))
        self.audit_event = QComboBox()
        self.audit_event.addItem(_t("全部事件"), "")
        for e in AuditEvent:
            self.audit_event.addItem(e.label, e.value)
        self.audit_search = QPushButton(_t("查询"))
        self.audit_search.clicked.connect(self.run_search)
        self.audit_export = QPushButton(_t("导出 CSV…"))
        self.audit_export.clicked.connect(self._ask_export)
        for caption, widget in ((_t("自"), self.audit_since), (_t("至"), self.audit_until)):
            bar.addWidget(QLabel(caption))
            bar.addWidget(widget)
        bar.addWidget(self.audit_login)
        bar.addWidget(self.audit_event)
        bar.addWidget(self.audit_search)
        bar.addWidget(self.audit_export)
        lay.addLayout(bar)
        self.audit_table = QTableWidget(0, len(audit_mod.CSV_HEADER))
        self.audit_table.setHorizontalHeaderLabels([_t(h) for h in audit_mod.CSV_HEADER])
        self.audit_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit_table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.audit_table, 1)
        return w

    # --- loading ----------------------------------------------------------------------------------------------

    def reload(self) -> None:
        login = self.login
        self.tasks.run(lambda s: load_admin(s, login), self._loaded, name="admin-load")

    def _loaded(self, data: AdminData) -> None:
        first = self.data is None
        self.data = data
        p = data.principal
        self.who.setText(
            _t("当前用户：%1（%2）")
            .replace("%1", self.login)
            .replace("%2", p.posts_label if p else _t("初始设置"))
        )
        if first:
            for tab, caption, actions in (
                (self.users_tab, "用户", ("user_add", "post_grant")),
                (self.policy_tab, "密码策略", ("password_policy",)),
                (self.audit_tab, "审计日志", ("audit_read",)),
            ):
                if data.setup_mode or any(can(p, a) is None for a in actions):
                    self.tabs.addTab(tab, _t(caption))
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
            state = _t("停用") if not u.active else (
                _t("锁定至 %1").replace("%1", f"{u.locked_until:%H:%M}") if u.locked_until else _t("正常")
            )  # fmt: skip
            if u.active and u.must_change:
                state += _t("（待改密码）")
            expires = f"{u.password_expires_at:%Y-%m-%d}" if u.password_expires_at else ""
            posts = "、".join(g.label for g in u.posts) or _t("无岗位")
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
                _t("已新建用户 %1，初始密码：%2（首次登录须修改）")
                .replace("%1", login)
                .replace("%2", password)
            )

        self._run(lambda db: add_user(db, by, login, name), shown)

    def _ask_add(self) -> None:
        login, ok = QInputDialog.getText(self, _t("新建用户"), _t("登录名（小写字母开头，如 wangjg）"))
        if not ok or not login.strip():
            return
        name, ok = QInputDialog.getText(self, _t("新建用户"), _t("姓名"))
        if ok and name.strip():
            self.add_user(login.strip(), name.strip())

    def _need_user(self) -> str | None:
        login = self.selected_login()
        if login is None:
            self.status.setText(_t("请先在列表中选择用户"))
        return login

    def set_active(self, login: str, active: bool) -> None:
        by = self.login
        word = _t("启用") if active else _t("停用")
        self._run(lambda db: set_active(db, by, login, active), lambda _r: f"{word} {login}")

    def _set_active(self, active: bool) -> None:
        login = self._need_user()
        if login is not None:
            self.set_active(login, active)

    def grant(self, login: str, post: str, scope: str = "", *, revoke: bool = False) -> None:
        by = self.login
        verb = _t("撤销") if revoke else _t("授予")
        self._run(lambda db: grant_or_revoke(db, by, login, post, scope, not revoke),
                  lambda _r: f"{verb} {login}：{post} {scope}".strip())  # fmt: skip

    def _ask_post(self, grant: bool) -> None:
        login = self._need_user()
        if login is None:
            return
        posts = [p.label for p in Post]
        post, ok = QInputDialog.getItem(self, _t("授予岗位") if grant else _t("撤销岗位"), _t("岗位"), posts,
                                        0, False)  # fmt: skip
        if not ok:
            return
        scope = ""
        if post in (Post.DEPARTMENT.label, Post.GRID.label):
            prompt = _t("所在部门（名称或编码）") if post == Post.DEPARTMENT.label else _t("负责网格（编码）")
            scope, ok = QInputDialog.getText(self, post, prompt)
            if not ok:
                return
        self.grant(login, post, scope.strip(), revoke=not grant)

    def reset_password(self, login: str) -> None:
        by = self.login

        def shown(password: str) -> str:
            self.last_password = password
            return _t("已重置 %1 的密码：%2（下次登录须修改）").replace("%1", login).replace("%2", password)

        self._run(lambda db: reset_password(db, by, login), shown)

    def _reset(self) -> None:
        login = self._need_user()
        if login is not None and QMessageBox.question(
            self, _t("重置密码"), _t("为 %1 生成新的初始密码？").replace("%1", login)
        ) == QMessageBox.StandardButton.Yes:  # fmt: skip
            self.reset_password(login)

    def unlock_user(self, login: str) -> None:
        by = self.login
        self._run(
            lambda db: unlock(db, by, login), lambda _r: _t("已解除 %1 的登录锁定").replace("%1", login)
        )

    def _unlock(self) -> None:
        login = self._need_user()
        if login is not None:
            self.unlock_user(login)

    def _save_policy(self) -> None:
        by = self.login
        values = {key: spin.value() for key, spin in self.policy_edits.items()}
        self._run(lambda db: save_policy(db, by, values), lambda _r: _t("密码策略已保存"))

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
        self.tasks.run_db(lambda db: search(db, by, criteria), self._show_audit, name="audit-search")

    def _show_audit(self, rows: list[AuditRow]) -> None:
        self.audit_rows = rows
        self.audit_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (str(r.id), f"{r.at:%Y-%m-%d %H:%M:%S}", r.login, r.host, r.event_label, r.object,
                      _t("成功") if r.success else _t("失败"), r.detail)  # fmt: skip
            for col, value in enumerate(values):
                self.audit_table.setItem(i, col, QTableWidgetItem(value))
        self.status.setStyleSheet("")
        self.status.setText(_t("共 %1 条").replace("%1", str(len(rows))))

    def export_to(self, path: Path) -> None:
        by, criteria = self.login, self.criteria()
        self._run(lambda db: export(db, by, path, criteria),
                  lambda n: _t("已导出 %1 条审计记录到 %2").replace("%1", str(n)).replace("%2", str(path)))  # fmt: skip

    def _ask_export(self) -> None:
        name = f"审计日志-{clock.now():%Y%m%d-%H%M}.csv"
        path, _ = QFileDialog.getSaveFileName(self, _t("导出审计日志"), name, _t("CSV 文件 (*.csv)"))
        if path:
            self.export_to(Path(path))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.tasks.shutdown()
        super().closeEvent(event)
