"""security: users and posts, password history, login failures, audit log; append-only triggers

Revision ID: 0003
Revises: 0002

Besides the tables, this revision makes `case_history` and `audit_log` append-only at the database level on
both backends (a trigger refuses UPDATE and DELETE; DELETE of audit rows only past 180 days, for the
retention job), and on PostgreSQL a BEFORE trigger writes the acting person's own login into
`case_history.actor`, `cases.reported_by/updated_by`, `attachment.uploaded_by` and `audit_log.login`,
whatever the client sent. Roles, grants and row-level security are set up by
`console.security.pg_roles.provision` (they name cluster-wide roles, which a migration must not invent).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RETENTION_FLOOR_DAYS = (
    180  # the Cybersecurity Law's six months; the retention job may keep longer, never less
)

PG_UP = f"""
CREATE OR REPLACE FUNCTION gc_is_person(p_login text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM app_user WHERE login = p_login)
$$;

-- the console user acting in this session: the login that authenticated, or the role it SET ROLE to;
-- NULL for the owner, a superuser or a service account (their value is kept as sent)
CREATE OR REPLACE FUNCTION gc_acting_person() RETURNS text
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
    IF gc_is_person(session_user::text) THEN RETURN session_user::text; END IF;
    IF gc_is_person(current_user::text) THEN RETURN current_user::text; END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION gc_force_actor() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE person text := gc_acting_person();
BEGIN
    IF person IS NULL THEN RETURN NEW; END IF;
    IF TG_TABLE_NAME = 'case_history' THEN
        NEW.actor := person;
    ELSIF TG_TABLE_NAME = 'cases' THEN
        IF TG_OP = 'INSERT' THEN NEW.reported_by := person; END IF;
        NEW.updated_by := person;
    ELSIF TG_TABLE_NAME = 'attachment' THEN
        NEW.uploaded_by := person;
    ELSIF TG_TABLE_NAME = 'audit_log' THEN
        NEW.login := person;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER trg_case_history_actor BEFORE INSERT ON case_history
    FOR EACH ROW EXECUTE FUNCTION gc_force_actor();
CREATE TRIGGER trg_cases_actor BEFORE INSERT OR UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION gc_force_actor();
CREATE TRIGGER trg_attachment_actor BEFORE INSERT ON attachment
    FOR EACH ROW EXECUTE FUNCTION gc_force_actor();
CREATE TRIGGER trg_audit_log_actor BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION gc_force_actor();

CREATE OR REPLACE FUNCTION gc_history_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '案件历史只能追加，不能修改或删除' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION gc_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND OLD.at < (now() AT TIME ZONE 'Asia/Shanghai') - interval '{RETENTION_FLOOR_DAYS} days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '审计记录只能追加，不能修改或删除（保存期满后仅由清理任务删除）'
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER trg_case_history_append_only BEFORE UPDATE OR DELETE ON case_history
    FOR EACH ROW EXECUTE FUNCTION gc_history_append_only();
CREATE TRIGGER trg_case_history_no_truncate BEFORE TRUNCATE ON case_history
    FOR EACH STATEMENT EXECUTE FUNCTION gc_history_append_only();
CREATE TRIGGER trg_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION gc_audit_append_only();
CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION gc_history_append_only();
"""

PG_DOWN = """
DROP TRIGGER IF EXISTS trg_case_history_actor ON case_history;
DROP TRIGGER IF EXISTS trg_cases_actor ON cases;
DROP TRIGGER IF EXISTS trg_attachment_actor ON attachment;
DROP TRIGGER IF EXISTS trg_case_history_append_only ON case_history;
DROP TRIGGER IF EXISTS trg_case_history_no_truncate ON case_history;
DROP FUNCTION IF EXISTS gc_force_actor();
DROP FUNCTION IF EXISTS gc_acting_person();
DROP FUNCTION IF EXISTS gc_is_person(text);
DROP FUNCTION IF EXISTS gc_history_append_only();
DROP FUNCTION IF EXISTS gc_audit_append_only();
"""

SQLITE_UP = [
    """CREATE TRIGGER trg_case_history_no_update BEFORE UPDATE ON case_history
       BEGIN SELECT RAISE(ABORT, '案件历史只能追加，不能修改或删除'); END""",
    """CREATE TRIGGER trg_case_history_no_delete BEFORE DELETE ON case_history
       BEGIN SELECT RAISE(ABORT, '案件历史只能追加，不能修改或删除'); END""",
    """CREATE TRIGGER trg_audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改或删除（保存期满后仅由清理任务删除）'); END""",
    f"""CREATE TRIGGER trg_audit_log_no_delete BEFORE DELETE ON audit_log
       WHEN OLD.at >= datetime('now', '+8 hours', '-{RETENTION_FLOOR_DAYS} days')
       BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改或删除（保存期满后仅由清理任务删除）'); END""",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS trg_case_history_no_update",
    "DROP TRIGGER IF EXISTS trg_case_history_no_delete",
]


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("must_change", sa.Boolean(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=63), nullable=False),
        sa.Column("disabled_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_app_user_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("login", name=op.f("uq_app_user_login")),
    )
    op.create_table(
        "user_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("granted_by", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_user_post_department_id_department")
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_user_post_grid_id_grid")),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], name=op.f("fk_user_post_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_post")),
        sa.UniqueConstraint("user_id", "post", "department_id", "grid_id", name=op.f("uq_user_post_user_id")),
    )
    with op.batch_alter_table("user_post", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_post_user_id"), ["user_id"], unique=False)
    op.create_table(
        "password_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_password_history_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_history")),
    )
    with op.batch_alter_table("password_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_password_history_user_id"), ["user_id"], unique=False)
    op.create_table(
        "login_failure",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.Column("last_host", sa.String(length=100), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_login_failure")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("host", sa.String(length=100), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("object", sa.String(length=200), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_log_event_at", ["event", "at"], unique=False)
        batch_op.create_index("ix_audit_log_login_at", ["login", "at"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_UP)
    else:
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_DOWN)
    else:
        for statement in SQLITE_DOWN:
            op.execute(statement)
    op.drop_table("audit_log")
    op.drop_table("login_failure")
    op.drop_table("password_history")
    op.drop_table("user_post")
    op.drop_table("app_user")
