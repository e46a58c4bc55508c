"""The one way the GUI runs database work: a job runs on a worker thread with its own session, and its result
(a plain dataclass, never a live ORM object) is handed back on the GUI thread.

Modelled on Anki's `QueryOp` and Orange's `ConcurrentWidgetMixin`: widgets call `tasks.run(job, on_done)`;
errors are reported through one handler; a lost connection is signalled once to the window (banner +
reconnect) instead of each widget inventing its own reaction. A session never crosses threads.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

from console.db import Database, DbSession, is_connection_error

T = TypeVar("T")

#: jobs with at least this priority are what the user waits to see (the queue's rows); see `TaskRunner`
FOREGROUND = 5


@dataclass
class Task:
    """A handle on a submitted job: `cancel()` drops its result (the job itself runs to the end)."""

    id: int
    name: str
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    cancelled: bool = False
    done: threading.Event = field(default_factory=threading.Event)
    priority: int = 0
    holds: bool = False  # background jobs wait while it runs (see `TaskRunner.run`)

    def cancel(self) -> None:
        self.cancelled = True


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task: Task, fn: Callable[..., Any], with_session: bool) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._runner = runner
        self._task = task
        self._fn = fn
        self._with_session = with_session

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        ran = (
            not self._task.cancelled
        )  # a task cancelled before it started is still reported, to be forgotten
        try:
            if not ran:
                pass
            elif self._with_session:
                db = self._runner.db
                assert db is not None, "TaskRunner has no database"
                with db.session() as session:
                    result = self._fn(session)
            else:
                result = self._fn(self._runner.db)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            error = exc
        finally:
            self._task.done.set()
        try:
            self._runner._relay.finished.emit((self._task.id, result, error, ran))
        except RuntimeError:
            pass  # the runner's window is gone (its C++ side deleted): nobody waits for this result


#: every runner's pool with its runner, kept past the runner's deletion until the pool's last job has ended. A pool
#: that is a Qt child of its window dies with it, and `~QThreadPool` waits for its running jobs — on the GUI thread,
#: holding the GIL those jobs need to finish: a window closed while it was loading hung the whole program.
_POOLS: list[tuple[QThreadPool, QObject]] = []


def _pool_for(runner: QObject, max_threads: int) -> QThreadPool:
    """A pool of no parent, for `runner`; the pools of runners gone and idle are let go now (nothing to wait for)."""
    _POOLS[:] = [(p, r) for p, r in _POOLS if shiboken6.isValid(r) or p.activeThreadCount() > 0]
    pool = QThreadPool()
    pool.setMaxThreadCount(max_threads)
    _POOLS.append((pool, runner))
    return pool


class _Relay(QObject):
    """Lives on the GUI thread; its queued signal carries results out of the workers."""

    finished = Signal(
        object
    )  # (task id, result, error, ran): one tuple, never a bare None (PySide refcounts)


class TaskRunner(QObject):
    """Runs jobs on a small thread pool against one `Database`.

    `connection_lost(message)` fires when a job failed because the server went away; `connection_ok()` when
    a job succeeded after that. `busy_changed(n)` reports the number of running jobs (a progress cue).
    """

    connection_lost = Signal(str)
    connection_ok = Signal()
    busy_changed = Signal(int)
    error = Signal(object)  # errors of jobs submitted without their own on_error

    def __init__(self, db: Database | None, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.db = db
        self._pool = _pool_for(self, max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._tasks: dict[int, Task] = {}
        self._ids = itertools.count(1)
        self._lost = False
        # jobs below FOREGROUND wait while a foreground job (the rows the user looks at) is in flight:
        # workers share the GIL with the GUI thread, so counts and tree loads running beside the first
        # page delay its paint (measured: launch 0.3 s later with four jobs at once)
        self._foreground = 0
        self._held = False
        self._deferred: list[tuple[_Job, int]] = []

    def set_database(self, db: Database) -> None:
        """Switch to another database (after the connection dialog); running jobs finish on the old one."""
        self.db = db

    def run(
        self,
        fn: Callable[[DbSession], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        name: str = "",
        priority: int = 0,
        holds: bool | None = None,
    ) -> Task:
        """Run `fn(session)` on a worker in one transaction; `on_done(result)` runs on the GUI thread.

        Jobs with a higher `priority` start first (live row repaints before the dashboard's counts). A job of
        FOREGROUND priority or more is never held back; unless `holds=False`, background jobs wait while it runs
        (what the user waits to see gets the CPU). A save passes `holds=False`: it may wait on a lock, and the
        window's refreshes and reconnect probe must not wait with it."""
        return self._submit(fn, on_done, on_error, name, with_session=True, priority=priority, holds=holds)

    def run_db(
        self,
        fn: Callable[[Database], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        name: str = "",
        priority: int = 0,
        holds: bool | None = None,
    ) -> Task:
        """Like `run` but `fn` gets the `Database` (services such as `CaseService` manage their own session)."""
        return self._submit(fn, on_done, on_error, name, with_session=False, priority=priority, holds=holds)

    def call(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        name: str = "",
    ) -> Task:
        """Run `fn()` on a worker without a database (testing a connection before there is one)."""
        return self._submit(lambda _db: fn(), on_done, on_error, name, with_session=False)

    def _submit(
        self,
        fn: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        name: str,
        *,
        with_session: bool,
        priority: int = 0,
        holds: bool | None = None,
    ) -> Task:
        task = Task(next(self._ids), name or getattr(fn, "__name__", "job"), on_done, on_error)
        task.priority = priority
        task.holds = priority >= FOREGROUND if holds is None else holds
        self._tasks[task.id] = task
        self.busy_changed.emit(len(self._tasks))
        job = _Job(self, task, fn, with_session)
        if task.holds:
            self._foreground += 1
        elif priority < FOREGROUND and (self._foreground or self._held):
            self._deferred.append((job, priority))
            return task
        self._pool.start(job, priority)
        return task

    def hold_background(self, timeout_ms: int = 2000) -> None:
        """Background jobs submitted from now wait until the next foreground job has been delivered (or
        `timeout_ms` passed): the queue model asks for this at launch, so the tree, the counts and the
        rest start once the first page is on screen instead of slowing it down."""
        self._held = True
        QTimer.singleShot(timeout_ms, self, self._release_hold)

    def _release_hold(self) -> None:
        self._held = False
        self._release_deferred()

    def _foreground_done(self) -> None:
        self._foreground = max(0, self._foreground - 1)
        self._release_hold()

    def _release_deferred(self, force: bool = False) -> None:
        if (self._foreground or self._held) and not force:
            return
        self._held = False
        deferred, self._deferred = self._deferred, []
        for job, priority in deferred:
            self._pool.start(job, priority)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    @Slot(object)
    def _deliver(self, payload: tuple[int, Any, BaseException | None, bool]) -> None:
        task_id, result, error, ran = payload
        task = self._tasks.pop(task_id, None)
        self.busy_changed.emit(len(self._tasks))
        if task is None:
            return
        if task.holds:
            # it stays foreground until the next turn of the event loop, after the rows just delivered are
            # painted: what the delivery itself starts (the tree's panel, say) waits until then too
            QTimer.singleShot(0, self, self._foreground_done)
        if not ran:  # cancelled before it started: it says nothing about the connection
            return
        if error is not None and is_connection_error(error):
            if not self._lost:
                self._lost = True
                self.connection_lost.emit(str(error).splitlines()[0] if str(error) else type(error).__name__)
        elif self._lost and error is None:
            self._lost = False
            self.connection_ok.emit()
        if task.cancelled:
            return
        if error is not None:
            if task.on_error is not None:
                task.on_error(error)
            elif not is_connection_error(error):
                self.error.emit(error)
            return
        if task.on_done is not None:
            task.on_done(result)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until every job finished (shutdown, tests)."""
        self._release_deferred(force=True)
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        self._deferred.clear()
        self._pool.clear()
        self._pool.waitForDone(5000)
