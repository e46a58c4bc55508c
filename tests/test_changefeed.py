"""The change feed delivers changes committed by another seat, on SQLite and PostgreSQL, and catches up after
its PostgreSQL connection is killed."""

from __future__ import annotations

import threading
import time

import pytest

from console.changefeed import APPLICATION_NAME, ChangeFeed
from console.changes import record_change
from console.db import Database, make_engine
from tests.conftest import pg_admin


class Recorder:
    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.states: list[tuple[bool, str | None]] = []
        self.cond = threading.Condition()

    def changed(self, ids: set[int]) -> None:
        with self.cond:
            self.ids |= ids
            self.cond.notify_all()

    def state(self, connected: bool, error: str | None) -> None:
        with self.cond:
            self.states.append((connected, error))
            self.cond.notify_all()

    def wait_for(self, pred, timeout: float) -> bool:  # type: ignore[no-untyped-def]
        with self.cond:
            return self.cond.wait_for(pred, timeout)


def other_seat_commits(db_url: str, case_ids: list[int]) -> None:
    """A change committed through a separate engine, i.e. another connection/seat."""
    other = Database(make_engine(db_url))
    try:
        with other.session() as s:
            record_change(s, case_ids)
    finally:
        other.dispose()


def test_delivers_a_change_from_another_connection(db: Database, db_url: str) -> None:
    rec = Recorder()
    feed = ChangeFeed(db)
    feed.start(rec.changed, rec.state)
    try:
        assert rec.wait_for(lambda: rec.states and rec.states[-1][0], 5), rec.states
        other_seat_commits(db_url, [41, 42])  # warm-up: first connection of the other engine
        assert rec.wait_for(lambda: {41, 42} <= rec.ids, 2), rec.ids
        started = time.monotonic()
        other_seat_commits(db_url, [7])
        assert rec.wait_for(lambda: 7 in rec.ids, 1.0), rec.ids
        assert time.monotonic() - started < 1.0
        # a burst of separate commits: everything arrives
        burst = list(range(100, 130))
        other = Database(make_engine(db_url))
        for cid in burst:
            with other.session() as s:
                record_change(s, [cid])
        other.dispose()
        assert rec.wait_for(lambda: set(burst) <= rec.ids, 2), sorted(set(burst) - rec.ids)
    finally:
        feed.stop()
    assert feed._thread is None
    assert rec.states[0] == (True, None)


def test_stop_joins_quickly(db: Database) -> None:
    feed = ChangeFeed(db)
    feed.start(lambda ids: None)
    time.sleep(0.3)
    started = time.monotonic()
    feed.stop()
    assert time.monotonic() - started < 1.0


@pytest.mark.pg
def test_catches_up_after_the_listener_connection_is_killed(pg_url: str) -> None:
    db = Database(make_engine(pg_url))
    rec = Recorder()
    feed = ChangeFeed(db)
    dbname = pg_url.rsplit("/", 1)[-1]
    fired = threading.Event()

    def on_state(connected: bool, error: str | None) -> None:
        rec.state(connected, error)
        if not connected and not fired.is_set():
            # runs on the feed's thread before it reconnects: this change is committed while nobody listens
            other_seat_commits(pg_url, [901, 902])
            fired.set()

    feed.start(rec.changed, on_state)
    try:
        assert rec.wait_for(lambda: rec.states and rec.states[-1][0], 5)
        other_seat_commits(pg_url, [900])
        assert rec.wait_for(lambda: 900 in rec.ids, 1.0)
        with pg_admin() as admin:
            killed = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s AND datname = %s",
                (APPLICATION_NAME, dbname),
            ).fetchall()
        assert killed == [(True,)]
        assert rec.wait_for(fired.is_set, 3), rec.states
        assert rec.wait_for(lambda: {901, 902} <= rec.ids, 5), (rec.ids, rec.states)
        lost = [s for s in rec.states if not s[0]]
        assert lost and lost[0][1] and "中断" in lost[0][1]
        assert rec.states[-1] == (True, None)
        # and it keeps listening on the new connection
        other_seat_commits(pg_url, [903])
        assert rec.wait_for(lambda: 903 in rec.ids, 1.0)
    finally:
        feed.stop()
        db.dispose()


def test_sqlite_reports_a_lost_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A SQLite file without the schema (e.g. a wrong path): the feed reports it, then recovers."""
    from console.db import upgrade

    url = f"sqlite:///{tmp_path / 'late.db'}"
    db = Database(make_engine(url))
    rec = Recorder()
    feed = ChangeFeed(db, poll_interval=0.05)
    feed.start(rec.changed, rec.state)
    try:
        assert rec.wait_for(lambda: rec.states and not rec.states[-1][0], 3)
        assert rec.states[-1][1]
        upgrade(db.engine)
        assert rec.wait_for(lambda: rec.states[-1][0], 5), rec.states
        other_seat_commits(url, [5])
        assert rec.wait_for(lambda: 5 in rec.ids, 1.0)
    finally:
        feed.stop()
        db.dispose()


def test_follows_another_database_after_a_password_change(pg_url: str) -> None:
    """`set_database` (the window after 修改密码): the listener reconnects with the new credentials — here
    another role — without reporting a disconnection, and changes made meanwhile still arrive."""
    from sqlalchemy.engine import make_url

    from tests.conftest import RUN_ID

    role = f"gct_{RUN_ID}_feed"
    dbname = pg_url.rsplit("/", 1)[-1]
    with pg_admin() as admin:
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
    first = Database(make_engine(pg_url))
    with first.engine.begin() as conn:
        conn.exec_driver_sql(f'GRANT SELECT ON case_change TO "{role}"')
    second = Database(make_engine(make_url(pg_url).set(username=role).render_as_string(hide_password=False)))
    rec = Recorder()
    feed = ChangeFeed(first)
    feed.start(rec.changed, rec.state)

    def listener_role() -> list[str]:
        with pg_admin() as admin:
            rows = admin.execute(
                "SELECT usename FROM pg_stat_activity WHERE application_name = %s AND datname = %s",
                (APPLICATION_NAME, dbname),
            ).fetchall()
        return [r[0] for r in rows]

    try:
        assert rec.wait_for(lambda: rec.states and rec.states[-1][0], 5)
        assert listener_role() == ["postgres"]
        feed.set_database(second)
        other_seat_commits(pg_url, [610])  # while the listener changes connections
        assert rec.wait_for(lambda: 610 in rec.ids, 3), rec.ids
        deadline = time.monotonic() + 3
        while listener_role() != [role] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert listener_role() == [role]
        other_seat_commits(pg_url, [611])
        assert rec.wait_for(lambda: 611 in rec.ids, 2), rec.ids
        assert all(connected for connected, _error in rec.states), rec.states  # no banner for the switch
    finally:
        feed.stop()
        first.dispose()
        second.dispose()
