"""the responsible people (办理人) of the cases, by the columns the visibility rule reads: a kept set

Revision ID: 0020
Revises: 0019

PostgreSQL's `person` policy lets a department handler or grid worker read the responsible person of a case they
see. Asked per person (`gc_sees_a_case_of`, migration 0017) a whole staff list probed every person's cases: 0.4-0.6
s at a million cases. `case_handler_reach` holds the cases per (responsible person, lead department, grid code,
reporter, last updater) — ~29,000 rows at a million cases — so `pg_staff.gc_my_case_handlers` asks the rule's
terms of those rows once per statement (the co-department term, which reads another table by case, over the
department's co-operated cases: `ix_case_co_department_department`, then each case by id), the terms rendered from
`visibility.policy_terms`, never copied.

- PostgreSQL: statement-level AFTER triggers with transition tables (a COPY or batch update is one aggregated
  upsert, keys in sorted order), SECURITY DEFINER: console roles need no grant on the table. An UPDATE counts only
  the rows whose kept columns changed. Rows that fall to zero stay (the reader skips them): the keys are few.
- SQLite: the table stays empty; the application filters there (`visibility.case_clause`).
- A bulk load past the triggers (the demo's COPY in replica mode) ends with `pg_staff.rebuild_case_handlers`
  (`console.demo.derived`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "responsible_person_id, lead_department_id, grid_code, reported_by, updated_by"


def _rows(table: str, sign: str) -> str:
    return f"SELECT {KEY}, {sign}1 AS d FROM {table} WHERE responsible_person_id IS NOT NULL"


def _changed(table: str, sign: str) -> str:
    """The rows of `table` (old_rows / new_rows) whose kept columns the UPDATE changed."""
    cols = ", ".join(f"{table[0]}.{c.strip()}" for c in KEY.split(","))
    other = "old_rows" if table == "new_rows" else "new_rows"
    return (
        f"SELECT {cols}, {sign}1 AS d FROM {table} {table[0]} JOIN {other} {other[0]} ON {other[0]}.id = {table[0]}.id "
        f"WHERE {table[0]}.responsible_person_id IS NOT NULL "
        f"AND ({cols}) IS DISTINCT FROM ({', '.join(f'{other[0]}.{c.strip()}' for c in KEY.split(','))})"
    )


def _pg_apply(deltas: str) -> str:
    return f"""
        INSERT INTO case_handler_reach AS k ({KEY}, n)
        SELECT {KEY}, sum(d) FROM ({deltas}) AS x
        GROUP BY {KEY} HAVING sum(d) <> 0 ORDER BY {KEY}
        ON CONFLICT ({KEY}) DO UPDATE SET n = k.n + excluded.n;"""


PG_UP = f"""
CREATE OR REPLACE FUNCTION gc_case_handler_reach_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {_pg_apply(_rows("new_rows", ""))}
    ELSIF TG_OP = 'DELETE' THEN {_pg_apply(_rows("old_rows", "-"))}
    ELSE {_pg_apply(_changed("new_rows", "") + " UNION ALL " + _changed("old_rows", "-"))}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER trg_case_handler_reach_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gc_case_handler_reach_apply();
CREATE TRIGGER trg_case_handler_reach_update AFTER UPDATE ON cases
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gc_case_handler_reach_apply();
CREATE TRIGGER trg_case_handler_reach_delete AFTER DELETE ON cases
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gc_case_handler_reach_apply();
"""

PG_DOWN = """
DROP TRIGGER IF EXISTS trg_case_handler_reach_insert ON cases;
DROP TRIGGER IF EXISTS trg_case_handler_reach_update ON cases;
DROP TRIGGER IF EXISTS trg_case_handler_reach_delete ON cases;
DROP FUNCTION IF EXISTS gc_case_handler_reach_apply();
"""

#: the same statement as `console.security.pg_staff.rebuild_case_handlers`
BACKFILL = f"""
INSERT INTO case_handler_reach ({KEY}, n)
SELECT {KEY}, count(*) FROM cases WHERE responsible_person_id IS NOT NULL GROUP BY {KEY} ORDER BY {KEY}
"""


def upgrade() -> None:
    op.create_table(
        "case_handler_reach",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("responsible_person_id", sa.Integer(), nullable=False),
        sa.Column("lead_department_id", sa.Integer(), nullable=True),
        sa.Column("grid_code", sa.String(length=15), nullable=False),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_handler_reach")),
    )
    op.create_index(
        "uq_case_handler_reach",
        "case_handler_reach",
        ["responsible_person_id", "lead_department_id", "grid_code", "reported_by", "updated_by"],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )
    op.create_index("ix_case_co_department_department", "case_co_department", ["department_id", "case_id"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # no case may change between the backfill and the triggers taking over
        bind.exec_driver_sql("LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE")
        bind.exec_driver_sql(BACKFILL)
        bind.exec_driver_sql(PG_UP)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(PG_DOWN)
    op.drop_index("ix_case_co_department_department", table_name="case_co_department")
    op.drop_index("uq_case_handler_reach", table_name="case_handler_reach")
    op.drop_table("case_handler_reach")
