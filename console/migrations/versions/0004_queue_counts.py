"""queue counts: `case_counts` (cases per grid code, status, has a stage deadline) kept exact by triggers

Revision ID: 0004
Revises: 0003

Counting a million cases costs 100-200 ms on either backend; the queue's status counts, tree badges and the
row count of a status/subtree filter are asked for on every filter change and every live update. This table
holds those counts per (grid_code, status, dated) and triggers on `cases` keep it in the same transaction as
the change, so a count is a SUM over a few hundred rows (`console.queue` reads it; nothing writes it).

It also adds two partial indexes over the open cases only: `ix_case_open_grid_due`, ordered by deadline
within a grid code (a community's open queue is one ordered range per grid code instead of one per grid
code and status: dozens of subqueries, whose planning alone cost PostgreSQL 30 ms), and `ix_case_open_due`,
ordered by deadline (the open, 办理中 and 超期 queues are one ordered range instead of one per status).

- PostgreSQL: statement-level AFTER triggers with transition tables, so a COPY or a batch update applies one
  aggregated upsert (keys in sorted order: concurrent statements lock count rows in the same order) instead
  of one per row. The function is SECURITY DEFINER: console roles need no write grant on the table.
- SQLite: row-level AFTER triggers with an upsert; an UPDATE that leaves the key unchanged does nothing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# must equal console.queue.OPEN_PREDICATE word for word: SQLite uses a partial index only for a query that
# repeats its WHERE term exactly
OPEN_PREDICATE = (
    "status IN ('accepted', 'dispatched', 'escalated', 'extension_requested', 'feedback', 'in_progress', "
    "'long_term', 'reported', 'verified')"
)
OPEN_INDEXES = (
    f"CREATE INDEX IF NOT EXISTS ix_case_open_grid_due ON cases (grid_code, stage_due_at, id, status) "
    f"WHERE {OPEN_PREDICATE}",
    f"CREATE INDEX IF NOT EXISTS ix_case_open_due ON cases (stage_due_at, id, status, grid_code) "
    f"WHERE {OPEN_PREDICATE}",
)

_DELTA_NEW = "SELECT grid_code, status, stage_due_at IS NOT NULL AS dated, 1 AS d FROM new_rows"
_DELTA_OLD = "SELECT grid_code, status, stage_due_at IS NOT NULL AS dated, -1 AS d FROM old_rows"


def _pg_apply(deltas: str) -> str:
    return f"""
        INSERT INTO case_counts AS c (grid_code, status, dated, n)
        SELECT grid_code, status, dated, sum(d) FROM ({deltas}) AS x
        GROUP BY grid_code, status, dated HAVING sum(d) <> 0 ORDER BY grid_code, status, dated
        ON CONFLICT (grid_code, status, dated) DO UPDATE SET n = c.n + excluded.n;"""


PG_UP = f"""
CREATE OR REPLACE FUNCTION gc_case_counts_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {_pg_apply(_DELTA_NEW)}
    ELSIF TG_OP = 'DELETE' THEN {_pg_apply(_DELTA_OLD)}
    ELSE {_pg_apply(_DELTA_NEW + " UNION ALL " + _DELTA_OLD)}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER trg_case_counts_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gc_case_counts_apply();
CREATE TRIGGER trg_case_counts_update AFTER UPDATE ON cases
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gc_case_counts_apply();
CREATE TRIGGER trg_case_counts_delete AFTER DELETE ON cases
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gc_case_counts_apply();
"""

PG_DOWN = """
DROP TRIGGER IF EXISTS trg_case_counts_insert ON cases;
DROP TRIGGER IF EXISTS trg_case_counts_update ON cases;
DROP TRIGGER IF EXISTS trg_case_counts_delete ON cases;
DROP FUNCTION IF EXISTS gc_case_counts_apply();
"""


def _sqlite_add(row: str, sign: str) -> str:
    return (
        f"INSERT INTO case_counts (grid_code, status, dated, n) "
        f"VALUES ({row}.grid_code, {row}.status, {row}.stage_due_at IS NOT NULL, {sign}1) "
        f"ON CONFLICT (grid_code, status, dated) DO UPDATE SET n = n {sign} 1;"
    )


SQLITE_UP = (
    f"CREATE TRIGGER trg_case_counts_insert AFTER INSERT ON cases BEGIN {_sqlite_add('NEW', '+')} END",
    f"CREATE TRIGGER trg_case_counts_delete AFTER DELETE ON cases BEGIN {_sqlite_add('OLD', '-')} END",
    "CREATE TRIGGER trg_case_counts_update AFTER UPDATE OF grid_code, status, stage_due_at ON cases "
    "WHEN OLD.grid_code IS NOT NEW.grid_code OR OLD.status IS NOT NEW.status "
    "OR (OLD.stage_due_at IS NULL) <> (NEW.stage_due_at IS NULL) "
    f"BEGIN {_sqlite_add('OLD', '-')} {_sqlite_add('NEW', '+')} END",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS trg_case_counts_insert",
    "DROP TRIGGER IF EXISTS trg_case_counts_delete",
    "DROP TRIGGER IF EXISTS trg_case_counts_update",
)

BACKFILL = """
INSERT INTO case_counts (grid_code, status, dated, n)
SELECT grid_code, status, stage_due_at IS NOT NULL, count(*) FROM cases
GROUP BY grid_code, status, stage_due_at IS NOT NULL
"""


def upgrade() -> None:
    op.create_table(
        "case_counts",
        sa.Column("grid_code", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("dated", sa.Boolean(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("grid_code", "status", "dated", name=op.f("pk_case_counts")),
    )
    bind = op.get_bind()
    for index in OPEN_INDEXES:
        bind.exec_driver_sql(index)
    if bind.dialect.name == "postgresql":
        # no case may change between the backfill and the triggers taking over
        bind.exec_driver_sql("LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE")
        bind.exec_driver_sql(BACKFILL)
        bind.exec_driver_sql(PG_UP)
    else:
        bind.exec_driver_sql(BACKFILL)
        for stmt in SQLITE_UP:
            bind.exec_driver_sql(stmt)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(PG_DOWN)
    else:
        for stmt in SQLITE_DOWN:
            bind.exec_driver_sql(stmt)
    bind.exec_driver_sql("DROP INDEX IF EXISTS ix_case_open_grid_due")
    bind.exec_driver_sql("DROP INDEX IF EXISTS ix_case_open_due")
    op.drop_table("case_counts")
