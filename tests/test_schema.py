"""Migrations from empty on both backends; a database of a newer or older schema is refused clearly."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from console.db import check_schema, current_revision, head_revision, make_engine, open_database, upgrade
from console.errors import SchemaError
from console.models import Base
from tests.conftest import PgDatabases


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def empty_url(request: pytest.FixtureRequest, tmp_path, pg_databases: PgDatabases) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return pg_databases.create(migrated=False)


def test_migrations_from_empty_build_every_table(empty_url: str) -> None:
    engine = make_engine(empty_url)
    with pytest.raises(SchemaError, match="尚未初始化"):
        check_schema(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    check_schema(engine)
    upgrade(engine)  # idempotent
    engine.dispose()


def test_a_newer_schema_is_refused(empty_url: str) -> None:
    engine = make_engine(empty_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    for attempt in (lambda: check_schema(engine), lambda: upgrade(engine), lambda: open_database(empty_url)):
        with pytest.raises(SchemaError, match="比本程序新"):
            attempt()
    engine.dispose()


@pytest.mark.pg
def test_server_connections_notice_a_dead_peer(pg_url: str) -> None:
    """TCP keepalives on every console connection: a cut network fails a query within about a minute instead
    of hanging a save for the operating system's two-hour default."""
    engine = make_engine(pg_url)
    try:
        with engine.connect() as conn:
            info = conn.connection.driver_connection.info  # type: ignore[union-attr]
            params = {o.keyword.decode(): (o.val or b"").decode() for o in info.pgconn.info}
    finally:
        engine.dispose()
    assert params["keepalives"] == "1"
    idle, interval, count = (
        int(params[k]) for k in ("keepalives_idle", "keepalives_interval", "keepalives_count")
    )
    assert idle + interval * count <= 90  # seconds from the last packet to a failed query
