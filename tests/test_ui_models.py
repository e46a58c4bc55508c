"""The Qt models under pytest-qt's model tester, the sparse block cache, translations and the connection
dialog, against real databases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.engine import make_url

from console import queue as q
from console.db import Database, make_engine
from console.domain import OPEN_STATUSES, CaseStatus
from console.grid_reads import load_grids
from console.models import Grid
from tests.test_ui_support import (
    seeded,
    seeded_pg_template,
    seeded_sqlite_template,
    seeded_url,
    ui_settings,
)
from ui.grid_tree import GridFilterProxy, GridTreeModel
from ui.queue_model import QueueModel
from ui.tasks import TaskRunner

FIXTURES = (seeded, seeded_pg_template, seeded_sqlite_template, seeded_url, ui_settings)


@pytest.fixture
def tasks(seeded: Database) -> Iterator[TaskRunner]:
    runner = TaskRunner(seeded)
    yield runner
    runner.shutdown()


def test_queue_model_passes_model_tester(
    seeded: Database, tasks: TaskRunner, qtbot: QtBot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    model = QueueModel(tasks, block_size=7)
    with qtbot.waitSignal(model.refreshed, timeout=3000):
        model.set_query(q.QueueFilter(), q.SortKey.DEADLINE, False)
    qtmodeltester.check(model)
    with seeded.session() as s:
        total = q.count(s, q.QueueFilter())
        first = q.fetch_page(s, q.QueueFilter(), q.SortKey.DEADLINE, False, None, total).rows
    assert model.rowCount() == total
    model.ensure_loaded(0, total - 1)  # blocks by keyset from their neighbours, in database order
    qtbot.waitUntil(lambda: not model.is_loading() and model.loaded_rows() == total, timeout=3000)
    assert [model.case_id(i) for i in range(total)] == [r.id for r in first]
    # a live refresh under the tester (layout change with persistent indexes)
    with qtbot.waitSignal(model.refreshed, timeout=3000):
        model.apply_changes({first[0].id})
    qtmodeltester.check(model)


def test_queue_model_loads_sparse_blocks(seeded: Database, tasks: TaskRunner, qtbot: QtBot) -> None:
    model = QueueModel(tasks, block_size=5, max_blocks=3)
    with qtbot.waitSignal(model.refreshed, timeout=3000):
        model.set_query(q.QueueFilter(), q.SortKey.REPORTED, True)
    assert model.loaded_rows() == 5  # only the first block
    far = model.rowCount() - 2
    model.ensure_loaded(far, far)
    qtbot.waitUntil(lambda: model.row_at(far) is not None, timeout=3000)
    with seeded.session() as s:
        ids = [r.id for r in q.fetch_page(s, q.QueueFilter(), q.SortKey.REPORTED, True, None, 500).rows]
    assert model.case_id(far) == ids[far]
    # the next block down comes by keyset from its loaded neighbour; the cache stays bounded
    for row in (10, 15, 20):
        model.ensure_loaded(row, row)
        qtbot.waitUntil(partial(_is_loaded, model, row), timeout=3000)
        assert model.case_id(row) == ids[row]
    assert model.loaded_rows() <= 3 * 5


def _is_loaded(model: QueueModel, row: int) -> bool:
    return model.row_at(row) is not None


class HoldingRunner(TaskRunner):
    """Real jobs on the real database; the results of the named jobs wait until `release()` (the order in
    which the first page and the count come back is the server's to choose)."""

    def __init__(self, db: Database, hold: str) -> None:
        super().__init__(db)
        self.hold = hold
        self.held: list[Callable[[], None]] = []

    def run(self, fn, on_done=None, on_error=None, *, name: str = "", priority: int = 0):  # type: ignore[no-untyped-def,override]
        if name == self.hold and on_done is not None:
            done = on_done
            return super().run(fn, lambda r: self.held.append(lambda: done(r)), on_error, name=name,
                               priority=priority)  # fmt: skip
        return super().run(fn, on_done, on_error, name=name, priority=priority)

    def release(self) -> None:
        for deliver in self.held:
            deliver()
        self.held.clear()


def test_a_job_cancelled_before_it_starts_is_forgotten(seeded: Database, qtbot: QtBot) -> None:
    """A cancelled job that never ran still leaves the runner's list (the window's busy state waits on it)."""
    runner = TaskRunner(seeded)
    runner.hold_background(timeout_ms=300)  # background jobs wait, as at launch
    done: list[object] = []
    task = runner.run(lambda s: 1, done.append, name="later")
    task.cancel()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=3000)
    assert done == []  # its result, had it run, was dropped
    runner.shutdown()


def test_queue_model_shows_the_first_page_before_a_slow_count(seeded: Database, qtbot: QtBot) -> None:
    with seeded.session() as s:
        total = q.count(s, q.QueueFilter())
    assert total > 20
    runner = HoldingRunner(seeded, "queue-count")
    model = QueueModel(runner, block_size=20)
    model.set_query(q.QueueFilter(), q.SortKey.REPORTED, True)
    qtbot.waitUntil(lambda: model.rowCount() == 20 and bool(runner.held), timeout=3000)
    assert model.row_at(0) is not None and model.is_loading() and not model.loaded_once
    with qtbot.waitSignal(model.refreshed, timeout=3000):
        runner.release()
    assert model.rowCount() == total and model.loaded_once and not model.is_loading()
    runner.shutdown()


def test_queue_model_count_first_then_page(seeded: Database, qtbot: QtBot) -> None:
    with seeded.session() as s:
        total = q.count(s, q.QueueFilter())
    runner = HoldingRunner(seeded, "queue-reset")
    model = QueueModel(runner, block_size=20)
    model.set_query(q.QueueFilter(), q.SortKey.REPORTED, True)
    qtbot.waitUntil(lambda: bool(runner.held) and runner.pending == 0, timeout=3000)  # both jobs are back
    qtbot.wait(50)
    assert model.rowCount() == 0 and not model.loaded_once
    with qtbot.waitSignal(model.refreshed, timeout=3000):
        runner.release()
    assert model.rowCount() == total and model.row_at(0) is not None
    runner.shutdown()


def test_queue_model_when_the_count_fails_shows_the_first_page(seeded: Database, qtbot: QtBot) -> None:
    """The count fails (say the connection dropped just then) before the first page comes: the page still
    shows and the model stops loading; a reconnect reloads both."""

    class FailingCount(HoldingRunner):
        def run(self, fn, on_done=None, on_error=None, *, name: str = "", priority: int = 0, holds=None):  # type: ignore[no-untyped-def,override]
            if name == "queue-count":

                def fail(_session: object) -> int:
                    raise RuntimeError("count failed")

                fn = fail
            return super().run(fn, on_done, on_error, name=name, priority=priority)

    runner = FailingCount(seeded, "queue-reset")
    model = QueueModel(runner, block_size=20)
    model.set_query(q.QueueFilter(), q.SortKey.REPORTED, True)
    qtbot.waitUntil(
        lambda: bool(runner.held) and runner.pending == 0, timeout=3000
    )  # count failed, page held
    assert model.is_loading() and not model.loaded_once
    with qtbot.waitSignal(model.refreshed, timeout=3000):
        runner.release()
    assert model.rowCount() == 20 and model.row_at(0) is not None and not model.is_loading()
    runner.shutdown()


def test_grid_tree_model_and_search(seeded: Database, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    with seeded.session() as s:
        nodes = load_grids(s)
        counts = q.grid_counts(s)
        grid = s.scalars(select(Grid).where(Grid.level == 3).order_by(Grid.code)).first()
        assert grid is not None
    model = GridTreeModel()
    model.set_grids(nodes)
    model.set_counts(counts)
    qtmodeltester.check(model)
    root = model.index(0, 0)
    assert model.rowCount() == 1 and model.rowCount(root) > 10
    with seeded.session() as s:
        open_total = q.count(s, q.QueueFilter(statuses=frozenset(OPEN_STATUSES)))
    assert model.index(0, 1).data() == open_total
    proxy = GridFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_text(grid.pinyin_initials)
    found = []

    def walk(parent):  # type: ignore[no-untyped-def]
        for i in range(proxy.rowCount(parent)):
            idx = proxy.index(i, 0, parent)
            found.append(idx.data())
            walk(idx)

    walk(proxy.index(-1, -1))
    assert grid.name in found
    proxy.set_text(grid.code)
    found.clear()
    walk(proxy.index(-1, -1))
    assert grid.name in found


def test_english_translation(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_translators, label
    from ui.queue_model import COLUMNS, QueueModel

    app = QApplication.instance()
    assert app is not None
    try:
        assert install_translators(app, "en")
        assert label(CaseStatus.REPORTED) == "Pending intake"
        model = QueueModel(TaskRunner(None))
        assert model.headerData(0, _horizontal()) == "Number"
        assert COLUMNS[0].title == "编号"
    finally:
        assert install_translators(app, "zh_CN")
    assert label(CaseStatus.REPORTED) == "待受理"


def _horizontal():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_connection_dialog_builds_url_and_saves_password(qtbot: QtBot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    from console.credentials import lookup_password
    from ui.connection import ConnectionDialog

    d = ConnectionDialog("")
    qtbot.addWidget(d)
    assert d.embedded.isChecked() and d.url().startswith("sqlite:///")
    d.server.setChecked(True)
    d.host.setText("10.0.0.5")
    d.port.setValue(5433)
    d.database.setText("grid")
    d.user.setText("dispatcher")
    d.password_edit.setText("s3cret")
    assert d.url() == "postgresql+psycopg://dispatcher@10.0.0.5:5433/grid"
    assert d.store_password() is None
    assert lookup_password(make_url(d.url())) == "s3cret"
    again = ConnectionDialog(d.url())
    qtbot.addWidget(again)
    assert again.server.isChecked() and again.password_edit.text() == "s3cret"


def test_connection_dialog_explains_missing_keyring(qtbot: QtBot) -> None:
    import keyring

    from ui.connection import ConnectionDialog

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        d = ConnectionDialog("postgresql://u@h/db")
        qtbot.addWidget(d)
        d.password_edit.setText("pw")
        message = d.store_password()
        assert message is not None and "密钥环" in message
    finally:
        keyring.set_keyring(previous)


def test_connection_test_runs_off_the_gui_thread(sqlite_url: str, qtbot: QtBot) -> None:
    from ui.connection import ConnectionDialog

    d = ConnectionDialog(sqlite_url)
    qtbot.addWidget(d)
    d.test()
    qtbot.waitUntil(lambda: "SQLite" in d.status.text(), timeout=3000)


def test_settings_defaults_table(tmp_path: Path) -> None:
    from ui import settings

    settings.use_file(tmp_path / "s.ini")
    assert settings.get("queue/sort") == "deadline"
    assert settings.get("queue/descending") is False
    settings.put("queue/descending", True)
    settings.sync()
    settings.use_file(tmp_path / "s.ini")
    assert settings.get("queue/descending") is True
    with pytest.raises(KeyError):
        settings.put("no/such/key", 1)


_ = make_engine


def test_gridconsole_without_arguments_starts_the_window(
    seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    """The installed entry point: `gridconsole` (no command) opens the GUI on --db, then exits cleanly."""
    import os
    import shutil
    import subprocess
    import sys

    db_file = tmp_path / "seat.db"
    shutil.copyfile(seeded_sqlite_template, db_file)
    exe = Path(sys.executable).with_name("gridconsole")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GRIDCONSOLE_EXIT_AFTER_MS="1500",
               XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path))  # fmt: skip
    done = subprocess.run(
        [str(exe), "--db", f"sqlite:///{db_file}"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "GridConsole" / "gridconsole.conf").exists()  # the layout was saved on close
