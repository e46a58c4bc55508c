"""Opening the database: which URL, the engine per backend, the schema check and migrations.

The database is picked by `--db URL`, else `GRIDCONSOLE_DB`, else the embedded SQLite file in the user's
data dir. A PostgreSQL URL carries no password: it comes from the OS keyring (`console.credentials`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from console.errors import SchemaError, ValidationError

if TYPE_CHECKING:
    from alembic.config import Config

ENV_VAR = "GRIDCONSOLE_DB"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def default_sqlite_path() -> Path:
    return Path(platformdirs.user_data_dir("gridconsole", appauthor=False)) / "gridconsole.db"


def resolve_url(explicit: str | None = None) -> str:
    """The database URL in force: explicit (`--db`) > environment > embedded default."""
    url = explicit or os.environ.get(ENV_VAR) or f"sqlite:///{default_sqlite_path()}"
    return normalize_url(url)


def normalize_url(url: str) -> str:
    """Accept a bare file path or `postgresql://` and return a SQLAlchemy URL with our drivers."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ValidationError(f"无效的数据库地址：{url}") from exc
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise ValidationError(f"不支持的数据库类型：{parsed.drivername}（仅支持 SQLite 和 PostgreSQL）")
    return parsed.render_as_string(hide_password=False)


def is_postgres(url_or_engine: str | Engine) -> bool:
    name = (
        url_or_engine.dialect.name
        if isinstance(url_or_engine, Engine)
        else make_url(url_or_engine).get_backend_name()
    )
    return name == "postgresql"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # take transaction control from pysqlite so `_sqlite_begin` can open write transactions IMMEDIATE
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    """A write transaction takes SQLite's write lock at BEGIN, so a second seat waits there and then reads the
    committed version (and gets `StaleCase`) instead of failing mid-transaction on a stale snapshot."""
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, *, password: str | None = None, **kwargs: Any) -> Engine:
    """An engine for `url`. For PostgreSQL without a password in the URL, ask the keyring."""
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 10}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if password is None and parsed.password is None:
        from console.credentials import lookup_password

        password = lookup_password(parsed)
    if password is not None:
        parsed = parsed.set(password=password)
    kwargs.setdefault("pool_pre_ping", True)
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("connect_timeout", 5)
    connect_args.setdefault("application_name", "gridconsole")
    # a silently dead peer (a cut cable, a server gone without a word) fails a query within about a minute
    # instead of leaving a save "正在保存…" for the kernel's default two hours
    for key, value in (("keepalives", 1), ("keepalives_idle", 30), ("keepalives_interval", 10),
                       ("keepalives_count", 3)):  # fmt: skip
        connect_args.setdefault(key, value)
    return create_engine(parsed, connect_args=connect_args, **kwargs)


# --- migrations -------------------------------------------------------------------------------------------


# alembic is imported only where a migration runs or a schema is not the one expected: the GUI's launch reads
# the version with one SELECT (`check_schema`) and saves the ~0.5 s alembic's import and script scan cost


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (refusing a database newer than this program)."""
    from alembic import command

    check_not_newer(engine)
    command.upgrade(alembic_config(engine), revision)


def check_not_newer(engine: Engine) -> None:
    rev = current_revision(engine)
    if rev is None:
        return
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    try:
        script.get_revision(rev)
    except Exception as exc:
        raise SchemaError(
            f"数据库结构版本（{rev}）比本程序新，无法使用：请升级 GridConsole 后再连接此数据库"
        ) from exc


_REVISION = re.compile(r"^(down_)?revision\b[^=]*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


def _head_from_files() -> str | None:
    """This program's head revision read from the migration files' `revision`/`down_revision` lines (what
    alembic would find, without importing it); None when the files are not that simple."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
            for down, rev in _REVISION.findall(path.read_text(encoding="utf-8")):
                (parents if down else revisions).add(rev)
    except OSError:
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _version_in_database(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except Exception:  # noqa: BLE001 - no version table yet: alembic's own check gives the message
        return None
    return rows[0][0] if len(rows) == 1 else None


def check_schema(engine: Engine) -> None:
    """Refuse a database whose schema is newer than this program or not yet upgraded."""
    rev = _version_in_database(engine)
    if rev is not None and rev == _head_from_files():
        return  # the usual case, settled by one SELECT
    check_not_newer(engine)
    rev = current_revision(engine)
    if rev != head_revision():
        raise SchemaError(
            "数据库尚未初始化或结构版本过旧，请先运行 `gridconsole db upgrade`"
            if rev
            else "数据库尚未初始化，请先运行 `gridconsole db upgrade`（或 `gridconsole demo` 建示例数据）"
        )


# --- the database handle ----------------------------------------------------------------------------------


@dataclass
class Database:
    """An engine plus a session factory: what every service takes."""

    engine: Engine
    sessions: sessionmaker[Session] = field(init=False)

    write_sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_immediate=True) if not self.is_postgres else self.engine
        self.write_sessions = sessionmaker(writer, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_postgres(self) -> bool:
        return is_postgres(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: commit on success, roll back on error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """Like `session()`, for transactions that write: on SQLite it holds the write lock from BEGIN."""
        with self.write_sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    url: str | None = None, *, migrate: bool = False, check: bool = True, **kw: Any
) -> Database:
    """Open the database in force. `migrate=True` upgrades it to this program's schema first."""
    engine = make_engine(resolve_url(url), **kw)
    if migrate:
        upgrade(engine)
    elif check:
        check_schema(engine)
    return Database(engine)
