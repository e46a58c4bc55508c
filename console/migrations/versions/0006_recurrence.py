"""recurrences: `cases.recurrence_of_id` links a new report to the closed case whose problem came back

Revision ID: 0006
Revises: 0005

Merging a new report into a closed, rated case swallowed a recurring problem as a duplicate (重复件). Such a
report is now refused as a merge; it is either filed as its own case linked to the closed one (复发件, this
column) or the closed case is reopened for rework (the workflow's 重新办理).

SQLite takes the column with its reference in a plain ALTER TABLE: a batch operation would rebuild `cases` and
silently drop its triggers (the case_counts upkeep of 0004, the change sequence).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE cases ADD COLUMN recurrence_of_id INTEGER REFERENCES cases (id)")
    else:
        op.add_column("cases", sa.Column("recurrence_of_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_cases_recurrence_of", "cases", "cases", ["recurrence_of_id"], ["id"])
    op.create_index("ix_cases_recurrence_of", "cases", ["recurrence_of_id"],
                    postgresql_where=sa.text("recurrence_of_id IS NOT NULL"),
                    sqlite_where=sa.text("recurrence_of_id IS NOT NULL"))  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_cases_recurrence_of", table_name="cases")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE cases DROP COLUMN recurrence_of_id")  # SQLite ≥ 3.35; the reference goes with it
    else:
        op.drop_constraint("fk_cases_recurrence_of", "cases", type_="foreignkey")
        op.drop_column("cases", "recurrence_of_id")
