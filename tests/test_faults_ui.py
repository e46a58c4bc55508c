"""The window says what the command line says (issue 16): the same failures give the same one sentence in a
message box, in the UI language, with no library text and no traceback."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from console.db import open_database
from console.faults import describe
from ui.errors import error_text, show_error


def _failure(open_it: Callable[[], object]) -> BaseException:
    try:
        db = open_it()
    except Exception as exc:  # noqa: BLE001 - the failure under test
        return exc
    raise AssertionError(f"opened {db}")


def _cases(tmp_path: Path) -> dict[str, Callable[[], object]]:
    text = tmp_path / "notes.db"
    text.write_text("会议记录\n" * 20, encoding="utf-8")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    return {
        "不是 SQLite 数据库": lambda: open_database(str(text)),
        "是空文件": lambda: open_database(str(empty)),
        "不存在": lambda: open_database(str(tmp_path / "none.db")),
        "无法连接数据库": lambda: open_database("postgresql://postgres@127.0.0.1:1/x", password=""),
    }


@pytest.mark.pg
def test_the_window_shows_the_command_lines_sentence(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    for expected, open_it in _cases(tmp_path).items():
        exc = _failure(open_it)
        said = error_text(exc)
        assert expected in said, (expected, said)
        assert said == describe(exc, log=False).sentence  # the Chinese UI: word for word the CLI's sentence
        show_error(None, exc)
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert boxes and boxes[-1].text() == said
        assert not boxes[-1].detailedText()
        for noise in ("Traceback", "sqlalche.me", "psycopg", "sqlite3", "OperationalError"):
            assert noise not in said, (noise, said)
        for box in boxes:
            box.close()
            box.deleteLater()
    assert all(p.name in ("notes.db", "empty.db") for p in tmp_path.iterdir())  # nothing created
