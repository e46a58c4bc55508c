"""Shared fixtures: real SQLite files and real PostgreSQL databases, made per test from a migrated template.

PostgreSQL tests fail (never skip) when the server cannot be reached. Every database and role this run makes
is named `gct_<run>_…` and dropped at the end.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import socket

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import psycopg
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy.engine import make_url

from console.db import Database, make_engine, upgrade

PG_ADMIN_URL = os.environ.get("GRIDCONSOLE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
#: this machine, this process: a run killed before its teardown (a crash, ^C) leaves databases and roles that
#: the next run on this machine recognises by a dead process id and drops (`sweep_leftovers`)
HOST_TAG = hashlib.sha1(socket.gethostname().encode()).hexdigest()[:4]
RUN_ID = f"{HOST_TAG}p{os.getpid()}r{uuid.uuid4().hex[:4]}"
_RUN_NAME = re.compile(r"gct_([0-9a-f]{4})p(\d+)r[0-9a-f]{4}_")


class MemoryKeyring(KeyringBackend):
    """In-memory keyring for a headless test machine (never a plaintext file backend)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture(autouse=True, scope="session")
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


# --- PostgreSQL ---------------------------------------------------------------------------------------------


def pg_admin_conninfo() -> str:
    return make_url(PG_ADMIN_URL).set(drivername="postgresql").render_as_string(hide_password=False)


def pg_url_for(dbname: str, user: str | None = None, password: str | None = None) -> str:
    url = make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg", database=dbname)
    if user is not None:
        url = url.set(username=user, password=password)
    return url.render_as_string(hide_password=False)


def pg_admin() -> psycopg.Connection:
    try:
        return psycopg.connect(pg_admin_conninfo(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:  # fail, never skip
        pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}", pytrace=False)


class PgDatabases:
    """Creates databases for this test run (from a migrated template) and drops them all at the end."""

    def __init__(self) -> None:
        self.created: list[str] = []
        self.template: str | None = None

    def _template(self) -> str:
        if self.template is None:
            name = f"gct_{RUN_ID}_template"
            with pg_admin() as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            self.created.append(name)
            engine = make_engine(pg_url_for(name), poolclass=None)
            upgrade(engine)
            engine.dispose()
            self.template = name
        return self.template

    def create(self, migrated: bool = True) -> str:
        name = f"gct_{RUN_ID}_{uuid.uuid4().hex[:8]}"
        with pg_admin() as conn:
            if migrated:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template()}"')
            else:
                conn.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return pg_url_for(name)

    def copy(self, source_url: str) -> str:
        """A new database copied from `source_url`'s (which nobody may be connected to): a built data set
        shared by several tests without building it again."""
        name = f"gct_{RUN_ID}_{uuid.uuid4().hex[:8]}"
        with pg_admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(source_url).database}"')
        self.created.append(name)
        return pg_url_for(name)

    def drop(self, url: str) -> None:
        """Drop one test's database as soon as the test is done (a run keeps only the template)."""
        name = make_url(url).database
        with pg_admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.created:
            self.created.remove(name)

    def drop_all(self) -> None:
        with pg_admin() as conn:
            for name in reversed(self.created):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            roles = conn.execute(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"gct_{RUN_ID}_%",)
            ).fetchall()
            for (role,) in roles:
                _revoke_parameters(conn, role)
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _revoke_parameters(conn: psycopg.Connection, role: str) -> None:
    """A provisioner holds SET on server parameters (`console.security.pg_server`): cluster-wide grants that
    would keep its role from being dropped."""
    from console.security.pg_server import LOG_PARAMETERS

    row = conn.execute("SELECT has_parameter_privilege(%s, %s, 'SET')", (role, LOG_PARAMETERS[0])).fetchone()
    if row and row[0]:
        with conn.transaction():  # cluster-wide, like the grant: one at a time
            conn.execute("LOCK TABLE pg_catalog.pg_parameter_acl IN SHARE ROW EXCLUSIVE MODE")
            conn.execute(f'REVOKE SET ON PARAMETER {", ".join(LOG_PARAMETERS)} FROM "{role}"')


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _left_over(name: str) -> bool:
    """A database or role of an earlier run on this machine whose process is gone."""
    m = _RUN_NAME.match(name)
    return (
        bool(m)
        and m.group(1) == HOST_TAG
        and int(m.group(2)) != os.getpid()
        and not _process_alive(int(m.group(2)))
    )


def sweep_leftovers() -> list[str]:
    """Drop what runs killed before their teardown left behind (runs still going, or on other machines
    sharing the server, are left alone); returns the names dropped."""
    dropped = []
    with pg_admin() as conn:
        names = [
            r[0]
            for r in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'gct!_%' ESCAPE '!'")
        ]
        for name in filter(_left_over, names):
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            dropped.append(name)
        roles = [
            r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'gct!_%' ESCAPE '!'")
        ]
        for role in filter(_left_over, roles):
            try:
                _revoke_parameters(conn, role)
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
                dropped.append(role)
            except psycopg.Error:  # still owns something elsewhere: the next sweep tries again
                pass
    return dropped


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[PgDatabases]:
    sweep_leftovers()
    dbs = PgDatabases()
    yield dbs
    if dbs.created:
        dbs.drop_all()


@pytest.fixture
def pg_url(pg_databases: PgDatabases) -> Iterator[str]:
    """URL of a fresh, migrated PostgreSQL database of its own, dropped when the test ends."""
    url = pg_databases.create()
    yield url
    pg_databases.drop(url)


# --- SQLite -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """URL of a fresh, migrated SQLite file of its own."""
    path = tmp_path / "gridconsole.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


# --- either backend -----------------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh migrated database URL; every test using it runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(make_engine(db_url))
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def collect_garbage_between_tests() -> Iterator[None]:
    """Once a Qt test has turned automatic collection off (`ui.gc_guard`), the tests after it that never spin
    an event loop would collect nothing: the rule is applied after each test instead."""
    yield
    if not gc.isenabled():
        from ui.gc_guard import collect_due

        collect_due()


@pytest.fixture(scope="session")
def qapp(qapp: Any) -> Any:
    """pytest-qt's application, with the app's rule that Python's cycle collector runs on the GUI thread only
    (`ui.gc_guard`): dialogs save on worker threads, and a collection there would destroy Qt objects."""
    from ui import gc_guard

    gc_guard.install(qapp)
    return qapp
