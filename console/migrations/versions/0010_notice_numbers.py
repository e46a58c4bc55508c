"""supervision notice numbers: 督〔2026〕N号, one row per issued 督办单

Revision ID: 0010
Revises: 0009

A new table only (`console.models.notice`); nothing touches `cases` (on SQLite a batch operation would rebuild
it and drop its triggers).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "supervision_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("history_id", sa.Integer(), nullable=True),
        sa.Column("chased", sa.String(length=200), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_supervision_notice_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["history_id"], ["case_history.id"], name=op.f("fk_supervision_notice_history_id_case_history")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_notice")),
        sa.UniqueConstraint("year", "seq", name=op.f("uq_supervision_notice_year")),
    )
    op.create_index(op.f("ix_supervision_notice_case_id"), "supervision_notice", ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_supervision_notice_case_id"), table_name="supervision_notice")
    op.drop_table("supervision_notice")
