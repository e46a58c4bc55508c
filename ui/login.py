"""The login dialog shown at start: who you are (login, password) and which database (the embedded one on
this computer, or a PostgreSQL server). Also the change-password dialog (first login, expiry, menu).

The protocol itself (SQLite's counted, audited check; PostgreSQL's own login role with the lockout gate before
and after) is `console.security.login`, Qt-free, which the CLI can call too; this module holds the widgets.

"Remember password" stores it only in the OS keyring (`console.credentials`); without a keyring backend the
box is disabled and says why. Every check runs on a worker (`ui.tasks.TaskRunner`), never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.credentials import NoKeyring, forget_password, lookup_password, save_password
from console.db import Database, default_sqlite_path, server_url, url_parts
from console.errors import ConsoleError
from console.security import pg_roles
from console.security.login import (
    MustChangePassword,
    change_own_password,
    default_role_names,
    keyring_url,
    login,
    open_for_password_change,
)
from console.security.users import PasswordChangeRequired
from ui.errors import error_text
from ui.tasks import TaskRunner


@dataclass(frozen=True)
class LoginResult:
    db: Database
    login: str


def keyring_available() -> str | None:
    """Why this machine cannot remember a password (None if it can)."""
    try:
        import keyring
        from keyring.backends import fail

        if isinstance(keyring.get_keyring(), fail.Keyring):
            raise NoKeyring("")
    except Exception:  # noqa: BLE001 - any keyring trouble means: cannot store
        return QCoreApplication.translate("LoginDialog", 
            "本机没有可用的系统密钥环（keyring），不能记住密码：请安装并解锁 Secret Service（如 GNOME Keyring）"
            "或 KWallet，或每次登录时输入密码。密码不会以其他方式保存。"
        )
    return None


# --- the dialogs ---------------------------------------------------------------------------------------------


class ChangePasswordDialog(QDialog):
    """New password twice (and the old one, unless the caller already has it: first login)."""

    def __init__(self, login: str, reason: str = "", parent: QWidget | None = None, *,
                 ask_old: bool = True) -> None:  # fmt: skip
        super().__init__(parent)
        self.login = login
        self.setWindowTitle(QCoreApplication.translate("LoginDialog", "修改密码"))
        lay = QVBoxLayout(self)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        lay.addWidget(self.reason)
        form = QFormLayout()
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.old, self.new, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        if ask_old:
            form.addRow(QCoreApplication.translate("LoginDialog", "原密码"), self.old)
        form.addRow(QCoreApplication.translate("LoginDialog", "新密码"), self.new)
        form.addRow(QCoreApplication.translate("LoginDialog", "再次输入"), self.repeat)
        lay.addLayout(form)
        rules = QLabel(QCoreApplication.translate("LoginDialog", "至少 8 位，含大写字母、小写字母、数字、特殊字符中至少 3 类，不能包含用户名，"
                          "不能与最近 5 次的密码相同。"))  # fmt: skip
        rules.setWordWrap(True)
        rules.setStyleSheet("color: #57606a;")
        lay.addWidget(rules)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #d62828;")
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("LoginDialog", "修改"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("LoginDialog", "取消"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        (self.old if ask_old else self.new).setFocus()

    def _check(self) -> None:
        if not self.new.text():
            self.show_problem(QCoreApplication.translate("LoginDialog", "请输入新密码"))
        elif self.new.text() != self.repeat.text():
            self.show_problem(QCoreApplication.translate("LoginDialog", "两次输入的新密码不一致"))
        else:
            self.accept()

    def show_problem(self, message: str) -> None:
        self.status.setText(message)

    def old_password(self) -> str:
        return self.old.text()

    def new_password(self) -> str:
        return self.new.text()


class LoginDialog(QDialog):
    """User, password, database; `logged_in(LoginResult)` and `accept()` once the person is in.

    `result_login` holds the outcome; `keyring_problem` the message to show when the password could not
    be remembered."""

    logged_in = Signal(object)

    def __init__(self, url: str = "", parent: QWidget | None = None, *, login: str = "",
                 names: pg_roles.RoleNames | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.names = names or default_role_names()
        self.result_login: LoginResult | None = None
        self.keyring_problem: str | None = None
        self.change_dialog: ChangePasswordDialog | None = None
        self._pending_db: Database | None = None
        self._tasks = TaskRunner(None, self, max_threads=1)
        self.setWindowTitle(QCoreApplication.translate("LoginDialog", "登录 — 网格化管理指挥调度台"))
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)

        title = QLabel(QCoreApplication.translate("LoginDialog", "网格化管理指挥调度台"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold; padding: 4px 0 8px 0;")
        lay.addWidget(title)
        form = QFormLayout()
        self.user = QLineEdit(login)
        self.user.setPlaceholderText(QCoreApplication.translate("LoginDialog", "登录名，如 wangjg"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("LoginDialog", "用户名"), self.user)
        form.addRow(QCoreApplication.translate("LoginDialog", "密码"), self.password)
        lay.addLayout(form)

        box = QGroupBox(QCoreApplication.translate("LoginDialog", "数据库"))
        bl = QVBoxLayout(box)
        self.embedded = QRadioButton(QCoreApplication.translate("LoginDialog", "本机内置数据库（单席位）"))
        self.server = QRadioButton(QCoreApplication.translate("LoginDialog", "数据库服务器 PostgreSQL（多席位）"))
        self.path = QLineEdit(str(default_sqlite_path()))
        bl.addWidget(self.embedded)
        bl.addWidget(self.path)
        bl.addWidget(self.server)
        self.server_box = QWidget()
        sl = QHBoxLayout(self.server_box)
        sl.setContentsMargins(0, 0, 0, 0)
        self.host = QLineEdit("127.0.0.1")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("gridconsole")
        sl.addWidget(QLabel(QCoreApplication.translate("LoginDialog", "服务器")))
        sl.addWidget(self.host, 2)
        sl.addWidget(QLabel(QCoreApplication.translate("LoginDialog", "端口")))
        sl.addWidget(self.port)
        sl.addWidget(QLabel(QCoreApplication.translate("LoginDialog", "库名")))
        sl.addWidget(self.database, 1)
        bl.addWidget(self.server_box)
        lay.addWidget(box)

        self.remember = QCheckBox(QCoreApplication.translate("LoginDialog", "记住密码（仅保存在系统密钥环中）"))
        lay.addWidget(self.remember)
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: #7a4d00;")
        lay.addWidget(self.keyring_note)
        problem = keyring_available()
        if problem:
            self.remember.setChecked(False)
            self.remember.setEnabled(False)
            self.remember.setToolTip(problem)
            self.keyring_note.setText(problem)
        self.keyring_note.setVisible(bool(problem))

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #d62828;")
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.login_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(QCoreApplication.translate("LoginDialog", "登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("LoginDialog", "退出"))
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

        self.embedded.toggled.connect(self._mode_changed)
        self.user.editingFinished.connect(self._fill_saved_password)
        self._load(url)
        self._mode_changed()
        (self.password if self.user.text() else self.user).setFocus()

    # --- the form --------------------------------------------------------------------------------------------

    def _load(self, url: str) -> None:
        parts = url_parts(url) if url else None
        if parts is not None and parts.postgres:
            self.server.setChecked(True)
            self.host.setText(parts.host or "127.0.0.1")
            self.port.setValue(parts.port or 5432)
            self.database.setText(parts.database or "")
            if parts.username and not self.user.text():
                self.user.setText(parts.username)
        else:
            self.embedded.setChecked(True)
            if parts is not None:
                self.path.setText(parts.database or self.path.text())
        self._fill_saved_password()

    def _mode_changed(self) -> None:
        server = self.server.isChecked()
        self.server_box.setEnabled(server)
        self.path.setEnabled(not server)

    def _fill_saved_password(self) -> None:
        if not self.user.text().strip() or self.password.text():
            return
        try:
            saved = lookup_password(keyring_url(self.url(), self.user.text().strip()))
        except Exception:  # noqa: BLE001 - a broken keyring must not stop the login
            saved = None
        if saved:
            self.password.setText(saved)
            self.remember.setChecked(True)

    def url(self) -> str:
        """The chosen database, without user or password."""
        if not self.server.isChecked():
            return f"sqlite:///{Path(self.path.text()).expanduser()}"
        return server_url(self.host.text().strip(), self.port.value(), self.database.text().strip())

    def login_name(self) -> str:
        return self.user.text().strip()

    # --- logging in ------------------------------------------------------------------------------------------

    def attempt(self) -> None:
        """Check the login on a worker; the outcome arrives in `_done`/`_failed`."""
        url, who, password = self.url(), self.login_name(), self.password.text()
        self.status.setStyleSheet("color: #57606a;")
        self.status.setText(QCoreApplication.translate("LoginDialog", "正在登录…"))
        self.login_button.setEnabled(False)
        self._tasks.call(lambda: login(url, who, password, self.names), self._done, self._failed,
                         name="login")  # fmt: skip

    def _show_problem(self, message: str) -> None:
        self.login_button.setEnabled(True)
        self.status.setStyleSheet("color: #d62828;")
        self.status.setText(message)
        self.password.selectAll()
        self.password.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PasswordChangeRequired | MustChangePassword):
            self._ask_new_password(exc)
            return
        self._show_problem(error_text(exc))

    def _ask_new_password(self, exc: ConsoleError) -> None:
        self.login_button.setEnabled(True)
        self.status.setStyleSheet("color: #7a4d00;")
        self.status.setText(exc.message)
        if isinstance(exc, MustChangePassword):
            self._pending_db = exc.db
        dlg = ChangePasswordDialog(self.login_name(), exc.message, self, ask_old=False)
        dlg.accepted.connect(lambda: self._change(dlg))
        dlg.rejected.connect(self._change_cancelled)
        self.change_dialog = dlg
        dlg.open()

    def _change_cancelled(self) -> None:
        if self._pending_db is not None:
            self._pending_db.dispose()
            self._pending_db = None
        self._show_problem(QCoreApplication.translate("LoginDialog", "须先修改密码才能登录"))

    def _change(self, dlg: ChangePasswordDialog) -> None:
        url, who, old, new = self.url(), self.login_name(), self.password.text(), dlg.new_password()
        pending = self._pending_db

        def job() -> Database:
            db = pending if pending is not None else open_for_password_change(url)
            return change_own_password(db, who, old, new)

        def changed(db: Database) -> None:
            self._pending_db = None
            self.password.setText(new)
            self._done(db)

        def refused(exc: BaseException) -> None:
            # the rules said no: ask again, the old password still stands
            self.status.setText(error_text(exc))
            again = ChangePasswordDialog(who, error_text(exc), self, ask_old=False)
            again.accepted.connect(lambda: self._change(again))
            again.rejected.connect(self._change_cancelled)
            self.change_dialog = again
            again.open()

        self.status.setText(QCoreApplication.translate("LoginDialog", "正在修改密码…"))
        self._tasks.call(job, changed, refused, name="change-password")

    def _done(self, db: Database) -> None:
        who = self.login_name()
        self.keyring_problem = self._store_password(who)
        self.result_login = LoginResult(db, who)
        self.status.setText("")
        self.logged_in.emit(self.result_login)
        self.accept()

    def _store_password(self, who: str) -> str | None:
        key = keyring_url(self.url(), who)
        if not self.remember.isChecked():
            try:
                forget_password(key)
            except Exception:  # noqa: BLE001
                pass
            return None
        try:
            save_password(key, self.password.text())
        except NoKeyring as exc:
            return exc.message
        except Exception as exc:  # noqa: BLE001 - a keyring that fails now: say so, never fall back to a file
            return QCoreApplication.translate("LoginDialog", "密码未能保存到系统密钥环：%1").replace("%1", str(exc))
        return None

    def done(self, result: int) -> None:
        self._tasks.wait(6000)
        super().done(result)
