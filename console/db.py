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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from console import clock
from console.errors import SchemaError, ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message

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
        raise ValidationError(Message(QT_TRANSLATE_NOOP("db", "无效的数据库地址：%1"), url)) from exc
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise ValidationError(Message(QT_TRANSLATE_NOOP("db", "不支持的数据库类型：%1（仅支持 SQLite 和 PostgreSQL）"), parsed.drivername))
    return parsed.render_as_string(hide_password=False)


def is_postgres(url_or_engine: str | Engine) -> bool:
    name = (
        url_or_engine.dialect.name
        if isinstance(url_or_engine, Engine)
        else make_url(url_or_engine).get_backend_name()
    )
    return name == "postgresql"


@dataclass(frozen=True)
class UrlParts:
    """What a connection form shows of a database URL (no password)."""

    postgres: bool
    host: str | None
    port: int | None
    database: str | None
    username: str | None


def url_parts(url: str) -> UrlParts:
    parsed = make_url(normalize_url(url))
    return UrlParts(parsed.get_backend_name() == "postgresql", parsed.host, parsed.port, parsed.database,
                    parsed.username)  # fmt: skip


def server_url(host: str | None, port: int | None, database: str | None, username: str | None = None) -> str:
    """A PostgreSQL URL (with our driver, without a password) from a connection form's fields."""
    return URL.create("postgresql+psycopg", username=username or None, host=host or None, port=port,
                      database=database or None).render_as_string(hide_password=False)  # fmt: skip


def with_username(url: str, username: str | None) -> str:
    """`url` for another login, without a password (what a seat remembers)."""
    return make_url(normalize_url(url)).set(username=username, password=None).render_as_string(hide_password=True)


def is_connection_error(exc: BaseException) -> bool:
    """True when the database went away (server stopped, backend killed, network down), wherever it
    surfaced: the one predicate is `console.faults.is_connection_error`."""
    from console.faults import is_connection_error as lost  # noqa: PLC0415 - faults imports the drivers

    return lost(exc)


def server_version(url: str, password: str | None = None) -> str:
    """Connect once and return the server's version string (the connection dialog's 测试连接)."""
    engine = make_engine(url, password=password or None, poolclass=None) if is_postgres(normalize_url(url)) \
        else make_engine(url)  # fmt: skip
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                return str(conn.scalar(text("SELECT version()"))).split(",")[0]
            return "SQLite " + str(conn.scalar(text("SELECT sqlite_version()")))
    finally:
        engine.dispose()


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


_SQLITE_MAGIC = b"SQLite format 3\x00"


def check_sqlite_file(url: str, *, create: bool) -> None:
    """Refuse a missing file (unless `create`) and a file that is not a SQLite database, without touching it."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    if path.is_dir():
        raise ValidationError(Message(QT_TRANSLATE_NOOP("db", "“%1”是文件夹，不是数据库文件：请指定一个 .db 文件"), path))
    if not path.exists():
        if create:
            return
        raise SchemaError(
            Message(QT_TRANSLATE_NOOP("db", "数据库文件“%1”不存在，未创建任何文件：新建数据库请运行 `gridconsole db upgrade` 或 `gridconsole demo`，或检查 --db 指定的路径"), path)
        )
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise SchemaError(Message(QT_TRANSLATE_NOOP("db", "无法读取数据库文件“%1”（%2），未做任何修改：请检查文件权限"), path, exc.strerror)) from None
    if head == b"" and create:
        return  # an empty file chosen to hold a new database
    if head != _SQLITE_MAGIC:
        what = QT_TRANSLATE_NOOP("db", "是空文件") if head == b"" else QT_TRANSLATE_NOOP("db", "不是 SQLite 数据库")
        raise SchemaError(Message(QT_TRANSLATE_NOOP("db", "文件“%1”%2，不是 GridConsole 数据库，未做任何修改：请检查 --db 指定的文件"), path, what))


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
    engine = create_engine(parsed, connect_args=connect_args, **kwargs)
    event.listen(engine, "connect", _follow_server_clock)
    return engine


#: the server's clock in China Standard Time, as `console.clock` counts (naive)
SERVER_NOW_SQL = "SELECT (clock_timestamp() AT TIME ZONE 'Asia/Shanghai')::timestamp"


def _follow_server_clock(dbapi_conn: Any, _record: Any) -> None:
    """Every new connection re-reads the server's clock, so this seat's "now" is the server's (one round trip
    when the pool opens a connection; see `console.clock.follow_server`)."""
    cur = dbapi_conn.cursor()
    try:
        cur.execute(SERVER_NOW_SQL)
        server_now = cur.fetchone()[0]
    finally:
        cur.close()
        dbapi_conn.rollback()
    clock.follow_server(server_now)


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
            Message(QT_TRANSLATE_NOOP("db", "数据库结构版本（%1）比本程序新，无法使用：请升级 GridConsole 后再连接此数据库"), rev)
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
            QT_TRANSLATE_NOOP("db", "数据库尚未初始化或结构版本过旧，请先运行 `gridconsole db upgrade`")
            if rev
            else QT_TRANSLATE_NOOP("db", "数据库尚未初始化，请先运行 `gridconsole db upgrade`（或 `gridconsole demo` 建示例数据）")
        )


# --- the database handle ----------------------------------------------------------------------------------


@dataclass
class Database:
    """An engine plus a session factory: what every service takes."""

    engine: Engine
    #: the login whose view of cases every session keeps to (on SQLite; PostgreSQL's row-level security does
    #: it there): set by `view_as` once the person is known; None for the program's own work
    viewer: str | None = None
    sessions: sessionmaker[Session] = field(init=False)

    write_sessions: sessionmaker[Session] = field(init=False)
    #: the console's day for which the 事项清单 rows were last brought up to date (`_keep_item_list_current`)
    item_list_day: date | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_immediate=True) if not self.is_postgres else self.engine
        self.write_sessions = sessionmaker(writer, expire_on_commit=False)
        if self.viewer:
            self.view_as(self.viewer)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def bare_url(self) -> str:
        """The URL without its password (to connect again as someone else, or to remember)."""
        return self.engine.url.set(password=None).render_as_string(hide_password=True)

    @property
    def is_postgres(self) -> bool:
        return is_postgres(self.engine)

    def ping(self) -> None:
        """One round trip (the reconnect probe): raises when the server is away."""
        with self.session() as s:
            s.execute(text("SELECT 1")).scalar()

    def view_as(self, login: str | None) -> None:
        """From now on every session reads only the cases `login` may see (`console.security.visibility`)."""
        import console.security.visibility  # noqa: F401, PLC0415 - registers the session hook; imports models

        self.viewer = login
        for maker in (self.sessions, self.write_sessions):
            maker.configure(info={"viewer": login})

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: commit on success, roll back on error."""
        self._keep_item_list_current()
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """Like `session()`, for transactions that write: on SQLite it holds the write lock from BEGIN."""
        self._keep_item_list_current()
        with self.write_sessions() as session, session.begin():
            yield session

    def _keep_item_list_current(self) -> None:
        """Before the first session of each day (the console's clock), in a transaction of its own: the category
        rows every reader joins show the 事项清单 version in force from its day on, with no set-up write needed
        (`console.setup.item_list.keep_current`). A database without the schema or the server function yet (not
        upgraded, not provisioned) is left as it is: the session itself says what is wrong."""
        from console import clock  # noqa: PLC0415 - db is imported before the models

        day = clock.now().date()
        if self.item_list_day == day:
            return
        from sqlalchemy.exc import DBAPIError  # noqa: PLC0415

        from console.setup.item_list import keep_current  # noqa: PLC0415 - imports the models

        try:
            with self.write_sessions() as session, session.begin():
                keep_current(session)
        except DBAPIError as exc:
            if is_connection_error(exc):
                raise
        self.item_list_day = day

    def dispose(self) -> None:
        self.engine.dispose()


#: what a `ui.tasks.TaskRunner` job receives: a session in one transaction (the front ends name the type
#: without importing SQLAlchemy)
DbSession = Session


def open_database(
    url: str | None = None, *, migrate: bool = False, check: bool = True, create: bool | None = None, **kw: Any
) -> Database:
    """Open the database in force. `migrate=True` upgrades it to this program's schema first. An embedded
    file is created only when asked (`create`, by default with `migrate`: `demo`, `db upgrade`, the window's
    choice of a new file); a file that is not a SQLite database is refused before it is opened, so it is never
    changed."""
    resolved = resolve_url(url)
    check_sqlite_file(resolved, create=migrate if create is None else create)
    engine = make_engine(resolved, **kw)
    if migrate:
        upgrade(engine)
    elif check:
        check_schema(engine)
    return Database(engine)


def open_chosen(url: str, password: str | None = None) -> Database:
    """Open a database the user chose (the connection dialog, `--db`): the embedded one is created or
    migrated, a server only checked."""
    url = normalize_url(url)
    if is_postgres(url):
        return open_database(url, password=password) if password else open_database(url)
    try:
        return open_database(url)  # current schema: one SELECT, alembic is not even imported
    except SchemaError:
        return open_database(url, migrate=True)  # new, older or newer (refused with the reason)
