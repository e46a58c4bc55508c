"""The connection dialog: the embedded database on this computer, or a shared PostgreSQL server.

The dialog only collects the choice (`url()`, `password()`, `save_password()`); the caller stores the URL
(without the password) in the seat's settings and the password in the OS keyring (`console.credentials`).
"Test" opens a connection on a worker thread so the dialog never freezes on an unreachable server.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from console.credentials import NoKeyring, lookup_password, save_password
from console.db import default_sqlite_path, make_engine, normalize_url
from ui.errors import error_text
from ui.tasks import TaskRunner


def _t(text_: str) -> str:
    return QCoreApplication.translate("ConnectionDialog", text_)


def test_connection(url: str, password: str | None) -> str:
    """Worker side: connect once and return the server's version string."""
    engine = (
        make_engine(url, password=password or None, poolclass=None)
        if "postgresql" in url
        else make_engine(url)
    )
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                return str(conn.scalar(text("SELECT version()"))).split(",")[0]
            return "SQLite " + str(conn.scalar(text("SELECT sqlite_version()")))
    finally:
        engine.dispose()


class ConnectionDialog(QDialog):
    def __init__(self, current_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("连接数据库"))
        self.setMinimumWidth(480)
        self._tasks = TaskRunner(None, self, max_threads=1)
        lay = QVBoxLayout(self)

        self.embedded = QRadioButton(_t("本机内置数据库（单席位）"))
        self.server = QRadioButton(_t("共享数据库服务器 PostgreSQL（多席位）"))
        lay.addWidget(self.embedded)
        self.path = QLineEdit(str(default_sqlite_path()))
        browse = QPushButton(_t("浏览…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.embedded_box = QWidget()
        self.embedded_box.setLayout(row)
        lay.addWidget(self.embedded_box)
        lay.addWidget(self.server)

        self.server_box = QGroupBox()
        form = QFormLayout(self.server_box)
        self.host = QLineEdit("127.0.0.1")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("gridconsole")
        self.user = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(_t("在系统密钥环中保存密码"))
        self.remember.setChecked(True)
        form.addRow(_t("服务器"), self.host)
        form.addRow(_t("端口"), self.port)
        form.addRow(_t("数据库"), self.database)
        form.addRow(_t("用户名"), self.user)
        form.addRow(_t("密码"), self.password_edit)
        form.addRow("", self.remember)
        lay.addWidget(self.server_box)

        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("连接"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("取消"))
        self.test_button = self.buttons.addButton(_t("测试连接"), QDialogButtonBox.ButtonRole.ActionRole)
        self.test_button.clicked.connect(self.test)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

        self.embedded.toggled.connect(self._mode_changed)
        self._load(current_url)
        self._mode_changed()

    def _load(self, url: str) -> None:
        if url and "postgresql" in url:
            u = make_url(normalize_url(url))
            self.server.setChecked(True)
            self.host.setText(u.host or "127.0.0.1")
            self.port.setValue(u.port or 5432)
            self.database.setText(u.database or "")
            self.user.setText(u.username or "")
            try:
                saved = lookup_password(u)
            except Exception:  # noqa: BLE001 - a broken keyring must not stop the dialog
                saved = None
            if saved:
                self.password_edit.setText(saved)
        else:
            self.embedded.setChecked(True)
            if url:
                self.path.setText(make_url(normalize_url(url)).database or self.path.text())

    def _mode_changed(self) -> None:
        server = self.server.isChecked()
        self.server_box.setEnabled(server)
        self.embedded_box.setEnabled(not server)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, _t("选择数据库文件"), self.path.text(), _t("数据库文件 (*.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )  # fmt: skip
        if path:
            self.path.setText(path)

    # --- the result -----------------------------------------------------------------------------------------

    def is_server(self) -> bool:
        return self.server.isChecked()

    def url(self) -> str:
        """The chosen database URL, without a password."""
        if not self.is_server():
            return f"sqlite:///{Path(self.path.text()).expanduser()}"
        u = URL.create(
            "postgresql+psycopg",
            username=self.user.text().strip() or None,
            host=self.host.text().strip() or None,
            port=self.port.value(),
            database=self.database.text().strip() or None,
        )
        return u.render_as_string(hide_password=False)

    def password(self) -> str | None:
        return (self.password_edit.text() or None) if self.is_server() else None

    def save_password(self) -> bool:
        return self.is_server() and self.remember.isChecked() and bool(self.password_edit.text())

    def store_password(self) -> str | None:
        """Save the password in the keyring if asked; returns a message to show when that is impossible."""
        if not self.save_password():
            return None
        try:
            save_password(make_url(self.url()), self.password_edit.text())
        except NoKeyring as exc:
            return exc.message
        return None

    # --- testing --------------------------------------------------------------------------------------------

    def test(self) -> None:
        url, password = self.url(), self.password()
        self.status.setStyleSheet("")
        self.status.setText(_t("正在连接…"))
        self.test_button.setEnabled(False)
        self._tasks.call(
            lambda: test_connection(url, password), self._tested, self._test_failed, name="test-connection"
        )

    def _tested(self, version: str) -> None:
        self.test_button.setEnabled(True)
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(_t("连接成功：%1").replace("%1", version))

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.status.setStyleSheet("color: #d62828;")
        self.status.setText(error_text(exc))

    def done(self, result: int) -> None:
        self._tasks.wait(6000)
        super().done(result)
