"""queue search: indexes for the case queue; on PostgreSQL a pg_trgm GIN index for free-text search

Revision ID: 0002
Revises: 0001

The B-tree indexes are also declared on the models (`console.models.case`); they are created here with
IF NOT EXISTS so a database migrated before 0001 is regenerated gets them, and a regenerated 0001 that already
has them is not disturbed. On SQLite that is all this revision does.

On PostgreSQL it adds a trigram GIN index on the expression `console.queue.SEARCH_EXPR`, so a substring search
over summary, address and description (`LIKE '%…%'`) does not scan the table. pg_trgm is a trusted extension
(PostgreSQL 13+): the database owner may create it. Where it cannot be created the index is skipped with a
warning and free text falls back to a scan.

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# must equal console.queue.SEARCH_EXPR, or the planner will not use the index
SEARCH_EXPR = "lower(summary || ' ' || address || ' ' || description)"

BTREE = (
    ("ix_case_status_severity", "cases", "status, severity, reported_at, id"),
    ("ix_case_closed_at", "cases", "closed_at"),
    ("ix_case_grid_status_due", "cases", "grid_code, status, stage_due_at, id"),
    ("ix_case_watch_login", "case_watch", "login, case_id"),
)


def upgrade() -> None:
    for name, table, cols in BTREE:
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})")
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    _number_pattern_index(bind)
    available = bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first()
    if available is None:
        print("warning: pg_trgm is not installed on this server; free-text search will scan the table")
        return
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # not allowed for this role: keep going without the index
        print(f"warning: cannot create extension pg_trgm ({exc}); free-text search will scan the table")
        return
    bind.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS ix_case_search_trgm ON cases USING gin (({SEARCH_EXPR}) gin_trgm_ops)"
    )


def _number_pattern_index(bind: sa.engine.Connection) -> None:
    """`number LIKE '2026-0012%'` uses a B-tree only in the C collation; this one serves every collation."""
    bind.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_case_number_pattern ON cases (number varchar_pattern_ops)"
    )


def downgrade() -> None:
    # the B-tree indexes stay: once 0001 is regenerated they belong to it
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_case_search_trgm")
        op.execute("DROP INDEX IF EXISTS ix_case_number_pattern")
