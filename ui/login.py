"""The login dialog shown at start: who you are (login, password) and which database (the embedded one on
this computer, or a PostgreSQL server). Also the change-password dialog (first login, expiry, menu).

Embedded SQLite: `console.security.users.authenticate` checks the argon2id hash, counts failures and locks.
PostgreSQL: the person connects as their *own* login role. A failed password cannot run SQL as that role, so
the dialog reports it through the gate role (`gc_gate`: `gc_login_gate` before the attempt lifts a lock that
ran out, `gc_login_failed` after a failure counts it and sets the role NOLOGIN at the limit); after a
success the person calls `gc_login_succeeded()` and, when they must change the password, `gc_change_password`.
The gate's password comes from this seat's keyring (account `gc_gate@host:port/db`) or from
`GRIDCONSOLE_GATE_PASSWORD`.

"Remember password" stores it only in the OS keyring (`console.credentials`); without a keyring backend the
box is disabled and says why. Every check runs on a worker (`ui.tasks.TaskRunner`), never on the GUI thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
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
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from console import clock
from console.credentials import NoKeyring, forget_password, lookup_password, save_password
from console.db import Database, default_sqlite_path, is_postgres, make_engine, normalize_url, open_database
from console.errors import ConsoleError, ValidationError
from console.security import pg_roles, users
from console.security.audit import AuditEvent, audit, this_host
from console.security.passwords import PasswordPolicy
from console.security.users import AccountLocked, LoginFailed, PasswordChangeRequired
from ui.errors import error_text
from ui.tasks import TaskRunner

GATE_PASSWORD_ENV = "GRIDCONSOLE_GATE_PASSWORD"
ROLE_PREFIX_ENV = "GRIDCONSOLE_ROLE_PREFIX"  # the same variable `gridconsole admin --role-prefix` reads


def default_role_names() -> pg_roles.RoleNames:
    return pg_roles.RoleNames(os.environ.get(ROLE_PREFIX_ENV) or "gc_")


def _t(text_: str) -> str:
    return QCoreApplication.translate("LoginDialog", text_)


class MustChangePassword(ConsoleError):
    """PostgreSQL mode: the password was right but must be changed now; `db` is the open connection."""

    def __init__(self, message: str, db: Database) -> None:
        super().__init__(message)
        self.db = db


@dataclass(frozen=True)
class LoginResult:
    db: Database
    login: str


# --- worker side --------------------------------------------------------------------------------------------


def keyring_url(url: str, login: str) -> URL:
    """The keyring entry's key for this login on this database (SQLite: the file's path)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() == "sqlite":
        return URL.create("sqlite", username=login, host="localhost", database=parsed.database)
    return parsed.set(username=login, password=None)


def keyring_available() -> str | None:
    """Why this machine cannot remember a password (None if it can)."""
    try:
        import keyring
        from keyring.backends import fail

        if isinstance(keyring.get_keyring(), fail.Keyring):
            raise NoKeyring("")
    except Exception:  # noqa: BLE001 - any keyring trouble means: cannot store
        return _t(
            "本机没有可用的系统密钥环（keyring），不能记住密码：请安装并解锁 Secret Service（如 GNOME Keyring）"
            "或 KWallet，或每次登录时输入密码。密码不会以其他方式保存。"
        )
    return None


def _gate_db(url: str, names: pg_roles.RoleNames) -> Database:
    gate_url = make_url(normalize_url(url)).set(username=names.gate, password=None)
    password = os.environ.get(GATE_PASSWORD_ENV)
    return Database(make_engine(gate_url.render_as_string(hide_password=False), password=password,
                                poolclass=NullPool))  # fmt: skip


def _via_gate(url: str, names: pg_roles.RoleNames, sql: str, params: dict[str, str]) -> object:
    """Run one gate function; None when the gate cannot be reached (the server's NOLOGIN still holds)."""
    try:
        gate = _gate_db(url, names)
    except Exception:  # noqa: BLE001
        return None
    try:
        with gate.write_session() as s:
            return s.scalar(text(sql), params)
    except DBAPIError:
        return None
    finally:
        gate.dispose()


def _locked(until: datetime) -> AccountLocked:
    return AccountLocked(
        f"连续登录失败次数过多，账号已锁定至 {until:%H:%M}，请稍后再试或联系安全管理员解除锁定", until
    )


def _pg_auth_failed(url: str, login: str, names: pg_roles.RoleNames, exc: OperationalError) -> ConsoleError:
    """What a refused PostgreSQL connection means for the person, reported through the gate."""
    message = str(exc.orig or exc)
    if "not permitted to log in" in message:
        until = _via_gate(url, names, "SELECT gc_login_gate(:l)", {"l": login})
        if isinstance(until, datetime):
            return _locked(until)
        return LoginFailed(f"账号 {login} 已停用或被锁定，请联系安全管理员")
    if "password authentication failed" in message or "no password supplied" in message:
        expired = _via_gate(
            url, names, "SELECT rolvaliduntil < now() FROM pg_roles WHERE rolname = :l", {"l": login}
        )
        if expired is True:
            return LoginFailed(f"账号 {login} 的密码已过期，请联系安全管理员重置密码")
        until = _via_gate(url, names, "SELECT gc_login_failed(:l, :h)", {"l": login, "h": this_host()})
        if isinstance(until, datetime):
            return _locked(until)
        return LoginFailed("用户名或密码错误")
    raise exc


def _pg_connect(url: str, login: str, password: str) -> Database:
    person = make_url(normalize_url(url)).set(username=login, password=None)
    return open_database(person.render_as_string(hide_password=False), password=password or None)


def pg_login(url: str, login: str, password: str, names: pg_roles.RoleNames | None = None) -> Database:
    """PostgreSQL mode: connect as the person's own role, with the lockout gate before and after.

    Raises `AccountLocked`, `LoginFailed` or `MustChangePassword` (with the open database)."""
    names = names or default_role_names()
    until = _via_gate(url, names, "SELECT gc_login_gate(:l)", {"l": login})
    if isinstance(until, datetime):
        raise _locked(until)
    try:
        db = _pg_connect(url, login, password)
    except OperationalError as exc:
        raise _pg_auth_failed(url, login, names, exc) from None
    reason: str | None = None
    with db.write_session() as s:
        if s.scalar(text("SELECT to_regprocedure('gc_login_succeeded()') IS NOT NULL")):
            s.execute(text("SELECT gc_login_succeeded()"))
        audit(s, AuditEvent.LOGIN, login=login)
        row = s.execute(
            text("SELECT must_change, password_changed_at FROM app_user WHERE login = :l"), {"l": login}
        ).one_or_none()
        if row is not None:
            expires = PasswordPolicy.from_settings(s).expires_at(row.password_changed_at)
            if row.must_change:
                reason = "首次登录或密码已重置，请先修改密码"
            elif expires is not None and expires <= clock.now():
                reason = f"密码已于 {expires:%Y-%m-%d} 过期，请修改密码"
    if reason is not None:
        raise MustChangePassword(reason, db)
    return db


def sqlite_login(url: str, login: str, password: str) -> Database:
    """Embedded mode: open (and migrate) the file, then `users.authenticate` (audited, counted)."""
    db = open_database(normalize_url(url), migrate=True)
    try:
        users.authenticate(db, login, password)
    except BaseException:
        db.dispose()  # a password change opens the file again
        raise
    return db


def login(url: str, login_: str, password: str, names: pg_roles.RoleNames | None = None) -> Database:
    """Worker side of the login dialog: the open database for this person, or the reason why not."""
    if not login_.strip():
        raise ValidationError("请输入用户名")
    if is_postgres(normalize_url(url)):
        return pg_login(url, login_.strip(), password, names)
    return sqlite_login(url, login_.strip(), password)


def database_has_users(db: Database) -> bool:
    """Set-up mode (no users yet) means no login, as `console.security.enforce` does."""
    from console.security.enforce import security_active

    with db.session() as s:
        return security_active(s)


def change_own_password(db: Database, login: str, old: str, new: str) -> Database:
    """The person changes their own password; returns the database to go on with (on PostgreSQL a new
    connection with the new password). SQLite checks the old password, the rules and the last N;
    PostgreSQL checks the old one by connecting with it, the last N against the person's own history and
    the rules in `gc_change_password`."""
    if not db.is_postgres:
        users.change_password(db, login, old, new)
        return db
    url = db.engine.url.set(password=None).render_as_string(hide_password=False)
    try:
        probe = _pg_connect(url, login, old)
        probe.dispose()
    except OperationalError:
        raise LoginFailed("原密码错误") from None
    try:
        users.pg_change_own_password(db, login, old, new)
    except DBAPIError as exc:
        first = str(exc.orig or exc).strip().splitlines()[0]
        raise ValidationError(first.removeprefix("ERROR:").strip()) from None
    fresh = _pg_connect(url, login, new)
    db.dispose()
    return fresh


def verify_password_again(db: Database, login: str, password: str) -> None:
    """The idle lock's check: the same password rules as the login (failures count toward the lockout).
    Raises `LoginFailed`/`AccountLocked`; a password that must be changed still proves who is there."""
    if not db.is_postgres:
        try:
            users.authenticate(db, login, password)
        except PasswordChangeRequired:
            pass
        return
    url = db.engine.url.set(password=None).render_as_string(hide_password=False)
    names = default_role_names()
    try:
        probe = _pg_connect(url, login, password)
    except OperationalError as exc:
        raise _pg_auth_failed(url, login, names, exc) from None
    probe.dispose()


# --- the dialogs ---------------------------------------------------------------------------------------------


class ChangePasswordDialog(QDialog):
    """New password twice (and the old one, unless the caller already has it: first login)."""

    def __init__(self, login: str, reason: str = "", parent: QWidget | None = None, *,
                 ask_old: bool = True) -> None:  # fmt: skip
        super().__init__(parent)
        self.login = login
        self.setWindowTitle(_t("修改密码"))
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
            form.addRow(_t("原密码"), self.old)
        form.addRow(_t("新密码"), self.new)
        form.addRow(_t("再次输入"), self.repeat)
        lay.addLayout(form)
        rules = QLabel(_t("至少 8 位，含大写字母、小写字母、数字、特殊字符中至少 3 类，不能包含用户名，"
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
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("修改"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("取消"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        (self.old if ask_old else self.new).setFocus()

    def _check(self) -> None:
        if not self.new.text():
            self.show_problem(_t("请输入新密码"))
        elif self.new.text() != self.repeat.text():
            self.show_problem(_t("两次输入的新密码不一致"))
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
        self.setWindowTitle(_t("登录 — 网格化管理指挥调度台"))
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)

        title = QLabel(_t("网格化管理指挥调度台"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold; padding: 4px 0 8px 0;")
        lay.addWidget(title)
        form = QFormLayout()
        self.user = QLineEdit(login)
        self.user.setPlaceholderText(_t("登录名，如 wangjg"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_t("用户名"), self.user)
        form.addRow(_t("密码"), self.password)
        lay.addLayout(form)

        box = QGroupBox(_t("数据库"))
        bl = QVBoxLayout(box)
        self.embedded = QRadioButton(_t("本机内置数据库（单席位）"))
        self.server = QRadioButton(_t("数据库服务器 PostgreSQL（多席位）"))
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
        sl.addWidget(QLabel(_t("服务器")))
        sl.addWidget(self.host, 2)
        sl.addWidget(QLabel(_t("端口")))
        sl.addWidget(self.port)
        sl.addWidget(QLabel(_t("库名")))
        sl.addWidget(self.database, 1)
        bl.addWidget(self.server_box)
        lay.addWidget(box)

        self.remember = QCheckBox(_t("记住密码（仅保存在系统密钥环中）"))
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
        self.login_button.setText(_t("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("退出"))
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
        if url and is_postgres(normalize_url(url)):
            u = make_url(normalize_url(url))
            self.server.setChecked(True)
            self.host.setText(u.host or "127.0.0.1")
            self.port.setValue(u.port or 5432)
            self.database.setText(u.database or "")
            if u.username and not self.user.text():
                self.user.setText(u.username)
        else:
            self.embedded.setChecked(True)
            if url:
                self.path.setText(make_url(normalize_url(url)).database or self.path.text())
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
        return URL.create(
            "postgresql+psycopg", host=self.host.text().strip() or None, port=self.port.value(),
            database=self.database.text().strip() or None,
        ).render_as_string(hide_password=False)  # fmt: skip

    def login_name(self) -> str:
        return self.user.text().strip()

    # --- logging in ------------------------------------------------------------------------------------------

    def attempt(self) -> None:
        """Check the login on a worker; the outcome arrives in `_done`/`_failed`."""
        url, who, password = self.url(), self.login_name(), self.password.text()
        self.status.setStyleSheet("color: #57606a;")
        self.status.setText(_t("正在登录…"))
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
        self._show_problem(_t("须先修改密码才能登录"))

    def _change(self, dlg: ChangePasswordDialog) -> None:
        url, who, old, new = self.url(), self.login_name(), self.password.text(), dlg.new_password()
        pending = self._pending_db

        def job() -> Database:
            db = pending if pending is not None else open_database(normalize_url(url), migrate=True)
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

        self.status.setText(_t("正在修改密码…"))
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
            return _t("密码未能保存到系统密钥环：%1").replace("%1", str(exc))
        return None

    def done(self, result: int) -> None:
        self._tasks.wait(6000)
        super().done(result)
