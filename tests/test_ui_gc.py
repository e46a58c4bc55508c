"""Reference cycles are collected on the GUI thread, never on a worker that happens to allocate (`ui.gc_guard`)."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot


def test_cycles_made_on_a_worker_are_collected_on_the_gui_thread(qtbot: QtBot) -> None:
    assert not gc.isenabled()  # the application's collector owns collection
    freed_on_gui_thread: list[bool] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            freed_on_gui_thread.append(threading.current_thread() is threading.main_thread())

    kept: list[list[object]] = []

    def work() -> None:  # a job that leaves cycles behind and allocates far past the collector's thresholds
        for _ in range(20):
            Cycle()
            kept.append([[] for _ in range(1000)])

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert freed_on_gui_thread == []  # the worker's allocations did not trigger a collection there
    qtbot.waitUntil(lambda: len(freed_on_gui_thread) == 20, timeout=3000)
    assert all(freed_on_gui_thread)
    kept.clear()
