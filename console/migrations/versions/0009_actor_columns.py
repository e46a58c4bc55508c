"""actor columns hold on UPDATE too: `cases.reported_by` keeps the reporter whatever a client sends

Revision ID: 0009
Revises: 0008

The trigger of 0003 set `reported_by` on INSERT only, so `UPDATE cases SET reported_by = …` stuck — and a
case is visible to its reporter. Now an UPDATE by a person keeps the reporter, and `updated_by` is the person,
as before. (PostgreSQL only: on SQLite the application writes these columns.)
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FUNCTION = """
CREATE OR REPLACE FUNCTION gc_force_actor() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE person text := gc_acting_person();
BEGIN
    IF person IS NULL THEN RETURN NEW; END IF;
    IF TG_TABLE_NAME = 'case_history' THEN
        NEW.actor := person;
    ELSIF TG_TABLE_NAME = 'cases' THEN
        IF TG_OP = 'INSERT' THEN
            NEW.reported_by := person;
        ELSE
            NEW.reported_by := OLD.reported_by;
        END IF;
        NEW.updated_by := person;
    ELSIF TG_TABLE_NAME = 'attachment' THEN
        NEW.uploaded_by := person;
    ELSIF TG_TABLE_NAME = 'audit_log' THEN
        NEW.login := person;
    END IF;
    RETURN NEW;
END $$;
"""

_BEFORE = _FUNCTION.replace(
    """        IF TG_OP = 'INSERT' THEN
            NEW.reported_by := person;
        ELSE
            NEW.reported_by := OLD.reported_by;
        END IF;""",
    """        IF TG_OP = 'INSERT' THEN NEW.reported_by := person; END IF;""",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_BEFORE)
