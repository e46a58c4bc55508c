"""Alembic environment: runs against the engine handed over by `console.db.alembic_config`."""

from __future__ import annotations

from alembic import context

from console.models import Base

config = context.config
engine = config.attributes.get("engine")


def run_migrations_online() -> None:
    assert engine is not None, "migrations are run through console.db.upgrade()"
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; use `gridconsole db upgrade`")
run_migrations_online()
