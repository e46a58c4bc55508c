"""password history the server can check: `password_history.server_hash`

Revision ID: 0005
Revises: 0004

On PostgreSQL a person may change their own password with any client (psql included) through
`gc_change_password`. The reuse rule (not one of the last N passwords) was checked only by the console against
the argon2id hashes, which the server cannot verify: a psql user could send the hash of another password and
reuse an old one for their own account. With pgcrypto (a trusted extension, shipped with PostgreSQL) the
function keeps a bcrypt hash of each new password next to the argon2id one and refuses a reuse itself.
SQLite mode has no such path (the console is the only client) and leaves the column empty.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("password_history", sa.Column("server_hash", sa.String(length=100), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    available = bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pgcrypto'").first()
    if available is None:
        print(
            "warning: pgcrypto is not installed on this server; password reuse is checked by the console only"
        )
        return
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pgcrypto")
    except Exception as exc:  # not allowed for this role: the console's own check remains
        print(
            f"warning: cannot create extension pgcrypto ({exc}); password reuse is checked by the console only"
        )


def downgrade() -> None:
    op.drop_column("password_history", "server_hash")
