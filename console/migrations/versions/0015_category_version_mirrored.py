"""the 事项清单 row remembers which dated version it shows

Revision ID: 0015
Revises: 0014

`category.version_id` names the `category_version` the row mirrors (`console.setup.item_list`), so the row is
brought up to the version in force on its day by the first read of that day, on any seat and any login
(`item_list.keep_current`; on PostgreSQL through `gc_apply_due_category_versions`, `console.security.pg_item_list`),
and only ever forward: a seat whose clock is behind never brings an older version back. NULL: nothing mirrored yet
(the version in force is applied at the next read). No foreign key: `category_version` already points at
`category`, and a pair of foreign keys each way would make neither row insertable first. Plain `add_column`.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("category", sa.Column("version_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("category", "version_id")
