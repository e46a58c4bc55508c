"""Starting the GUI (`gridconsole` with no arguments): application, font, translations, database, window.

Which database: `--db` > `GRIDCONSOLE_DB` > the one this seat connected to last (settings) > the connection
dialog on first run (embedded SQLite preselected). The embedded database is created and migrated on first
use; a shared server must already be set up (`gridconsole db upgrade`).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from console.db import ENV_VAR, Database, is_postgres, normalize_url, open_chosen, with_username
from console.errors import ConsoleError
from ui import gc_guard, settings
from ui.fonts import apply_chinese_font
from ui.i18n import install_translators

LANG_ENV = "GRIDCONSOLE_LANG"
EXIT_AFTER_ENV = "GRIDCONSOLE_EXIT_AFTER_MS"


def has_township(db: Database) -> bool:
    """Whether the database has its township (else the first start's wizard is due): one small read."""
    from console.setup.township import township_of

    with db.session() as s:
        return township_of(s) is not None


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names, the Chinese font and the translations in force."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("网格化管理指挥调度台")
    apply_chinese_font(app, settings.get("ui/font"))
    install_translators(app, os.environ.get(LANG_ENV) or settings.get("ui/language"))
    gc_guard.install(app)  # cycles are collected on the GUI thread, never on a TaskRunner worker
    return app


def choose_database(parent: QWidget | None, current_url: str) -> Database | None:
    """Show the connection dialog until a database opens (the dialog opens it on a worker) or the user cancels."""
    from ui.connection import ConnectionDialog

    dialog = ConnectionDialog(current_url, parent)
    if not dialog.exec() or dialog.opened_db is None:
        return None
    problem = dialog.store_password()
    if problem:
        QMessageBox.warning(parent, QCoreApplication.translate("app", "密码未保存"), problem)
    settings.put("connection/url", dialog.url())
    return dialog.opened_db


def reconnect_dialog(window: Any) -> None:
    """File → 连接数据库…: switch the running window to another database (a new window replaces it)."""
    db = choose_database(window, settings.get("connection/url") or window.db.url)
    if db is None:
        return
    from ui.main_window import MainWindow

    window.save_layout()
    new = MainWindow(db, window.actor)
    new.show()
    window.close()
    app = QApplication.instance()
    if app is not None:
        app.setProperty("main_window", new)


def login_dialog(url: str, login: str = "") -> tuple[Database, str] | None:
    """The login dialog (issue 7) until the person is in or cancels; remembers the database chosen."""
    from ui.login import LoginDialog

    dialog = LoginDialog(url, None, login=login)
    if not dialog.exec() or dialog.result_login is None:
        return None
    if dialog.keyring_problem:
        QMessageBox.warning(None, QCoreApplication.translate("app", "密码未保存"), dialog.keyring_problem)
    chosen = dialog.url()
    if is_postgres(chosen):
        chosen = with_username(chosen, dialog.result_login.login)
    settings.put("connection/url", chosen)
    return dialog.result_login.db, dialog.result_login.login


def needs_login(db: Database) -> bool:
    """PostgreSQL always (each person connects as themselves); SQLite once users exist (set-up mode: no)."""
    from console.security.login import database_has_users

    return db.is_postgres or database_has_users(db)


def show_main_window(db: Database, actor: str | None) -> Any:
    from ui.main_window import MainWindow

    window = MainWindow(db, actor)
    window.show()
    app = QApplication.instance()
    if app is not None:
        app.setProperty("main_window", window)
    window.logged_out.connect(lambda: _after_logout(window))
    return window


def _after_logout(window: Any) -> None:
    """注销: the login dialog again for the same database; cancelling it quits."""
    url = window.db.bare_url
    login = window.actor
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setQuitOnLastWindowClosed(False)
    result = login_dialog(url, login if window.db.is_postgres else "")
    if isinstance(app, QApplication):
        app.setQuitOnLastWindowClosed(True)
    if result is None:
        if app is not None:
            app.quit()
        return
    show_main_window(*result)


def run_gui(args: argparse.Namespace) -> int:
    """Entry point (`gridconsole.gui`): returns the process exit code."""
    app = make_application()
    explicit = getattr(args, "db", None) or os.environ.get(ENV_VAR) or settings.get("connection/url")
    db: Database | None = None
    actor: str | None = getattr(args, "user", None)
    if explicit and is_postgres(normalize_url(explicit)):
        logged = login_dialog(explicit)  # the person's own role: the login dialog connects
        if logged is None:
            return 1
        db, actor = logged
    elif explicit:
        try:
            db = open_chosen(explicit)
        except ConsoleError as exc:
            QMessageBox.warning(None, QCoreApplication.translate("app", "无法打开数据库"), exc.message)
        except Exception as exc:  # noqa: BLE001 - e.g. the server is down: let the user pick another
            from ui.errors import error_text

            QMessageBox.warning(None, QCoreApplication.translate("app", "无法打开数据库"), error_text(exc))
    if db is None:
        db = choose_database(None, explicit or "")
        if db is None:
            return 1
    if not (explicit and is_postgres(normalize_url(explicit))):
        if needs_login(db):
            url = db.bare_url
            db.dispose()
            logged = login_dialog(url)
            if logged is None:
                return 1
            db, actor = logged
    if not has_township(db):  # the wizard and its pages are loaded only for a database without a township
        from ui.setup_wizard import run_first_start

        run_first_start(db, actor, os.environ.get(EXIT_AFTER_ENV))
    window = show_main_window(db, actor)
    exit_after = os.environ.get(EXIT_AFTER_ENV)
    if exit_after:  # start-up smoke test: run, then close normally (saving the layout)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(exit_after), window.close)
    code = app.exec()
    current = app.property("main_window")
    (current.db if current is not None else db).dispose()
    return int(code)
