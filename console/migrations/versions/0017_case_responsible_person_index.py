"""cases are found by their responsible person (办理人)

Revision ID: 0017
Revises: 0016

PostgreSQL's `person` policy lets a department handler or grid worker read a person who is the responsible person
of a case they see (`console.security.pg_staff`): asked per person, it finds that person's cases on this index
and stops at the first the caller sees, instead of gathering the responsible people of every case the caller sees
(~1.1 s for a department of 200,000 cases, on every statement that reached that term). The review's handler
scope reads it too. A plain index on both backends.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_case_responsible_person", "cases", ["responsible_person_id"])


def downgrade() -> None:
    op.drop_index("ix_case_responsible_person", table_name="cases")
