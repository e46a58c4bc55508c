"""set-up from zero: department short name, duty phone and head; dated versions of the item list (事项清单)

Revision ID: 0011
Revises: 0010

Plain `add_column` on `department` and a new table `category_version` (`console.models.case.CategoryVersion`);
nothing touches `cases` (on SQLite a batch operation would rebuild it and drop its triggers).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("department", sa.Column("short_name", sa.String(length=16), nullable=False, server_default=""))
    op.add_column("department", sa.Column("phone", sa.String(length=20), nullable=True))
    op.add_column("department", sa.Column("head", sa.String(length=40), nullable=False, server_default=""))
    op.create_table(
        "category_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("key_area", sa.Boolean(), nullable=False),
        sa.Column("lead_department_id", sa.Integer(), nullable=True),
        sa.Column("co_department_ids", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=24), nullable=False),
        sa.Column("limits", sa.Text(), nullable=False),
        sa.Column("stage_limits", sa.Text(), nullable=False),
        sa.Column("workflow", sa.Text(), nullable=False),
        sa.Column("closing_standard", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["category.id"], name=op.f("fk_category_version_category_id_category")
        ),
        sa.ForeignKeyConstraint(
            ["lead_department_id"],
            ["department.id"],
            name=op.f("fk_category_version_lead_department_id_department"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category_version")),
    )
    op.create_index(
        "ix_category_version_category_from", "category_version", ["category_id", "effective_from", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_category_version_category_from", table_name="category_version")
    op.drop_table("category_version")
    op.drop_column("department", "head")
    op.drop_column("department", "phone")
    op.drop_column("department", "short_name")
