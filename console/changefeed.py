"""Reading side of the change feed (`console.changes` writes it): which cases changed, told to a callback.

- PostgreSQL: a dedicated autocommit psycopg connection LISTENs on `console.changes.CHANNEL`; a wake-up is
  followed by a few milliseconds of coalescing, then the ids from the payloads and from `case_change` after
  the last seen sequence are delivered as one set.
- SQLite: `max(case_change.seq)` is polled every `poll_interval` seconds (one index probe); when it moved,
  `changed_since` is delivered. SQLite serialises writers, so sequence order is commit order.

When the connection drops, the feed reports `on_state(False, message)`, reconnects with exponential back-off
and then catches up from the last seen sequence, so no change is missed. On PostgreSQL a sequence number can
become visible after a higher one (two transactions committing out of order), so the catch-up re-reads a
margin below the high-water mark; re-delivering an id is harmless (the queue reloads that row).

No Qt here: the UI wraps the callbacks in signals (they run on the feed's own thread).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, func, select

from console.changes import CHANNEL
from console.db import Database
from console.models import CaseChange

log = logging.getLogger(__name__)

ChangeCallback = Callable[[set[int]], None]
StateCallback = Callable[[bool, str | None], None]

#: application_name of the listening connection (lets an administrator, or a test, find it)
APPLICATION_NAME = "gridconsole-changefeed"
#: on PostgreSQL, the catch-up after a reconnect re-reads this many sequence numbers below the high-water mark
CATCHUP_MARGIN = 1000


class ChangeFeed:
    """Tells a subscriber which cases changed, from a background thread.

    `start(callback, on_state=None)` starts the thread; `callback(ids)` gets non-empty sets of case ids;
    `on_state(connected, error)` is called when the feed connects, loses its connection or reconnects.
    `stop()` ends the thread and closes the connection. A callback that raises is logged, not fatal.
    """

    def __init__(
        self,
        db: Database,
        *,
        poll_interval: float = 0.25,
        coalesce: float = 0.005,
        max_backoff: float = 10.0,
        keepalive_check: float = 30.0,
    ) -> None:
        self.db = db
        self.poll_interval = poll_interval
        self.coalesce = coalesce
        self.max_backoff = max_backoff
        self.keepalive_check = keepalive_check
        self._stop = threading.Event()
        self._switch = threading.Event()  # set_database(): reconnect with the new credentials
        self._wake = threading.Event()  # check_now(): poll without waiting out the interval (SQLite)
        self._thread: threading.Thread | None = None
        self._callback: ChangeCallback = lambda _ids: None
        self._on_state: StateCallback = lambda _c, _e: None
        self._seq: int | None = None  # high-water mark: every change up to here was delivered
        self._conn: Any = None  # the PostgreSQL listening connection while open
        self.connected = False

    @property
    def last_seq(self) -> int | None:
        return self._seq

    # --- life cycle ----------------------------------------------------------------------------------------

    def start(self, callback: ChangeCallback, on_state: StateCallback | None = None) -> None:
        if self._thread is not None:
            raise RuntimeError("ChangeFeed already started")
        self._callback = callback
        if on_state is not None:
            self._on_state = on_state
        self._stop.clear()
        target = self._run_pg if self.db.is_postgres else self._run_sqlite
        self._thread = threading.Thread(target=target, name="gridconsole-changefeed", daemon=True)
        self._thread.start()

    def set_database(self, db: Database) -> None:
        """Follow another `Database` (after a password change the old credentials no longer connect). The
        listening connection is replaced without reporting a disconnection; the high-water mark carries over,
        so changes made meanwhile are still delivered."""
        self.db = db
        self._switch.set()

    def check_now(self) -> None:
        """Look for changes now rather than at the next poll: this seat just wrote one and shows it through
        the feed, like every other change (PostgreSQL's NOTIFY arrives by itself)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- shared --------------------------------------------------------------------------------------------

    def _deliver(self, ids: set[int]) -> None:
        if not ids:
            return
        try:
            self._callback(ids)
        except Exception:  # a subscriber's bug must not kill the feed
            log.exception("change feed callback failed")

    def _set_state(self, connected: bool, error: str | None) -> None:
        if connected == self.connected and error is None:
            return
        self.connected = connected
        try:
            self._on_state(connected, error)
        except Exception:
            log.exception("change feed state callback failed")

    def _backoff(self, attempt: int) -> None:
        self._stop.wait(min(self.max_backoff, 0.2 * 2**attempt))

    # --- SQLite: poll the sequence -------------------------------------------------------------------------

    def _run_sqlite(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                self._poll_once(self.db.engine)
                attempt = 0
                self._set_state(True, None)
                self._wake.wait(self.poll_interval)
                self._wake.clear()
            except Exception as exc:
                self._set_state(False, f"无法读取数据库变更：{exc}")
                self._backoff(attempt)
                attempt += 1

    def _poll_once(self, engine: Engine) -> None:
        with engine.connect() as conn:
            top = int(conn.scalar(select(func.coalesce(func.max(CaseChange.seq), 0))) or 0)
            if self._seq is None:
                self._seq = top  # subscribers load the current state themselves; follow from here
                return
            if top <= self._seq:
                return
            ids: set[int] = set()
            seq = self._seq
            while seq < top:
                rows = conn.execute(
                    select(CaseChange.seq, CaseChange.case_id)
                    .where(CaseChange.seq > seq, CaseChange.seq <= top)
                    .order_by(CaseChange.seq)
                    .limit(10_000)
                ).all()
                if not rows:
                    break
                seq = rows[-1][0]
                ids.update(r[1] for r in rows)
        self._seq = top
        self._deliver(ids)

    # --- PostgreSQL: LISTEN/NOTIFY -------------------------------------------------------------------------

    def _connect_pg(self) -> Any:
        import psycopg

        engine = self.db.engine
        _args, params = engine.dialect.create_connect_args(engine.url)
        params = {k: v for k, v in params.items() if v is not None}
        params.setdefault("connect_timeout", 5)
        params["application_name"] = APPLICATION_NAME
        # notice a silently dead peer (network cut) within about a minute
        params.setdefault("keepalives", 1)
        params.setdefault("keepalives_idle", 30)
        params.setdefault("keepalives_interval", 10)
        params.setdefault("keepalives_count", 3)
        conn = psycopg.connect(autocommit=True, **params)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _read_since(self, conn: Any, seq: int) -> tuple[int, set[int]]:
        ids: set[int] = set()
        while True:
            rows = conn.execute(
                "SELECT seq, case_id FROM case_change WHERE seq > %s ORDER BY seq LIMIT 10000", (seq,)
            ).fetchall()
            if not rows:
                return seq, ids
            seq = rows[-1][0]
            ids.update(r[1] for r in rows)

    def _run_pg(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            self._switch.clear()
            try:
                conn = self._connect_pg()
            except Exception as exc:
                self._set_state(False, f"无法连接数据库变更通知：{_short(exc)}")
                self._backoff(attempt)
                attempt += 1
                continue
            self._conn = conn
            try:
                # LISTEN is active before the catch-up read, so nothing falls between the two
                if self._seq is None:
                    top = conn.execute("SELECT coalesce(max(seq), 0) FROM case_change").fetchone()
                    self._seq = int(top[0])
                    caught: set[int] = set()
                else:
                    self._seq, caught = self._read_since(conn, max(0, self._seq - CATCHUP_MARGIN))
                attempt = 0
                self._set_state(True, None)
                self._deliver(caught)
                self._listen(conn)
            except Exception as exc:
                if self._stop.is_set():
                    break
                self._set_state(False, f"数据库变更通知连接中断：{_short(exc)}")
                self._backoff(attempt)
                attempt += 1
            finally:
                self._conn = None
                try:
                    conn.close()
                except Exception:
                    pass

    def _listen(self, conn: Any) -> None:
        """Wait for notifications until stopped or switched to another database; raises when the connection
        breaks."""
        idle_since = time.monotonic()
        while not self._stop.is_set() and not self._switch.is_set():
            ids = {_payload_case_id(n.payload) for n in conn.notifies(timeout=0.2, stop_after=1)}
            if not ids:
                if time.monotonic() - idle_since > self.keepalive_check:
                    conn.execute("SELECT 1")  # a dead connection raises here
                    idle_since = time.monotonic()
                continue
            # coalesce the rest of a burst
            ids.update(_payload_case_id(n.payload) for n in conn.notifies(timeout=self.coalesce))
            seq, more = self._read_since(conn, self._seq or 0)
            ids |= more
            ids.discard(-1)
            self._seq = max(self._seq or 0, seq)
            idle_since = time.monotonic()
            self._deliver(ids)


def _payload_case_id(payload: str) -> int:
    """Payload is `<case_id>` or `<seq>:<case_id>`; anything else → -1 (the case_change read covers it)."""
    try:
        return int(payload.rsplit(":", 1)[-1])
    except ValueError:
        return -1


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__
