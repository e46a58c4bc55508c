"""The connection dialog: the embedded database on this computer, or a shared PostgreSQL server.

The dialog collects the choice (`url()`, `password()`, `save_password()`) and, on 连接, opens the database
(`console.db.open_chosen`) on a worker: `opened_db` once it is open. The caller stores the URL (without the
password) in the seat's settings and the password in the OS keyring (`console.credentials`). "Test" too
connects on a worker, so the dialog never freezes on an unreachable server.
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

from console.credentials import NoKeyring, lookup_password, save_password
from console.db import Database, default_sqlite_path, open_chosen, server_url, server_version, url_parts
from ui.errors import error_text
from ui.focus import tab_in_reading_order
from ui.tasks import TaskRunner


class ConnectionDialog(QDialog):
    def __init__(self, current_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ConnectionDialog", "连接数据库"))
        self.setMinimumWidth(480)
        self._tasks = TaskRunner(None, self, max_threads=1)
        self.opened_db: Database | None = None  # the database opened by 连接 (the dialog is then accepted)
        self._cancelled = False
        lay = QVBoxLayout(self)

        self.embedded = QRadioButton(QCoreApplication.translate("ConnectionDialog", "本机内置数据库（单席位）"))
        self.server = QRadioButton(QCoreApplication.translate("ConnectionDialog", "共享数据库服务器 PostgreSQL（多席位）"))
        lay.addWidget(self.embedded)
        self.path = QLineEdit(str(default_sqlite_path()))
        browse = QPushButton(QCoreApplication.translate("ConnectionDialog", "浏览…"))
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
        self.remember = QCheckBox(QCoreApplication.translate("ConnectionDialog", "在系统密钥环中保存密码"))
        self.remember.setChecked(True)
        form.addRow(QCoreApplication.translate("ConnectionDialog", "服务器"), self.host)
        form.addRow(QCoreApplication.translate("ConnectionDialog", "端口"), self.port)
        form.addRow(QCoreApplication.translate("ConnectionDialog", "数据库"), self.database)
        form.addRow(QCoreApplication.translate("ConnectionDialog", "用户名"), self.user)
        form.addRow(QCoreApplication.translate("ConnectionDialog", "密码"), self.password_edit)
        form.addRow("", self.remember)
        lay.addWidget(self.server_box)

        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("ConnectionDialog", "连接"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("ConnectionDialog", "取消"))
        self.test_button = self.buttons.addButton(QCoreApplication.translate("ConnectionDialog", "测试连接"), QDialogButtonBox.ButtonRole.ActionRole)
        self.test_button.clicked.connect(self.test)
        self.buttons.accepted.connect(self.open_chosen)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

        self.embedded.toggled.connect(self._mode_changed)
        self._load(current_url)
        tab_in_reading_order(self)  # 连接, 测试连接, 取消 as they stand, not 取消 first
        self._mode_changed()

    def _load(self, url: str) -> None:
        parts = url_parts(url) if url else None
        if parts is not None and parts.postgres:
            self.server.setChecked(True)
            self.host.setText(parts.host or "127.0.0.1")
            self.port.setValue(parts.port or 5432)
            self.database.setText(parts.database or "")
            self.user.setText(parts.username or "")
            try:
                saved = lookup_password(url)
            except Exception:  # noqa: BLE001 - a broken keyring must not stop the dialog
                saved = None
            if saved:
                self.password_edit.setText(saved)
        else:
            self.embedded.setChecked(True)
            if parts is not None:
                self.path.setText(parts.database or self.path.text())

    def _mode_changed(self) -> None:
        server = self.server.isChecked()
        self.server_box.setEnabled(server)
        self.embedded_box.setEnabled(not server)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("ConnectionDialog", "选择数据库文件"), self.path.text(), QCoreApplication.translate("ConnectionDialog", "数据库文件 (*.db)"),
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
        return server_url(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                          self.user.text().strip())  # fmt: skip

    def password(self) -> str | None:
        return (self.password_edit.text() or None) if self.is_server() else None

    def save_password(self) -> bool:
        return self.is_server() and self.remember.isChecked() and bool(self.password_edit.text())

    def store_password(self) -> str | None:
        """Save the password in the keyring if asked; returns a message to show when that is impossible."""
        if not self.save_password():
            return None
        try:
            save_password(self.url(), self.password_edit.text())
        except NoKeyring as exc:
            return exc.message
        return None

    # --- testing --------------------------------------------------------------------------------------------

    def test(self) -> None:
        url, password = self.url(), self.password()
        self.status.setStyleSheet("")
        self.status.setText(QCoreApplication.translate("ConnectionDialog", "正在连接…"))
        self.test_button.setEnabled(False)
        self._tasks.call(
            lambda: server_version(url, password), self._tested, self._test_failed, name="test-connection"
        )

    def _tested(self, version: str) -> None:
        self.test_button.setEnabled(True)
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(QCoreApplication.translate("ConnectionDialog", "连接成功：%1").replace("%1", version))

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.status.setStyleSheet("color: #d62828;")
        self.status.setText(error_text(exc))

    # --- connecting -----------------------------------------------------------------------------------------

    def open_chosen(self) -> None:
        """连接: open the chosen database on a worker (a server may take seconds to answer, or never); the
        dialog closes once it is open, or stays with the reason."""
        url, password = self.url(), self.password()
        self.status.setStyleSheet("")
        self.status.setText(QCoreApplication.translate("ConnectionDialog", "正在连接…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self._tasks.call(lambda: open_chosen(url, password), self._opened, self._open_failed, name="open-database")

    def _opened(self, db: Database) -> None:
        if self._cancelled:  # the user gave up meanwhile: nothing stays connected
            db.dispose()
            return
        self.opened_db = db
        self.status.setText("")
        self.accept()

    def _open_failed(self, exc: BaseException) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.status.setStyleSheet("color: #d62828;")
        self.status.setText(error_text(exc))

    def reject(self) -> None:
        self._cancelled = True
        super().reject()

    def done(self, result: int) -> None:
        self._tasks.wait(6000)
        super().done(result)
