"""the audit rows the server writes itself are the server's: a person's own INSERT may not write them

Revision ID: 0018
Revises: 0017

Every console login may append audit rows under its own name (a print, an export: the trigger of 0003/0009 sets
`login`). But a person could also append a `reveal` row — which the reveal functions take as the committed
audit of a reveal and answer with the full number at the first call — or a `post_grant`, `password_change`,
`login_failed` that never happened. Those events are written on PostgreSQL only by the server's own
SECURITY DEFINER functions (`console.security.audit.SERVER_WRITTEN`; a test holds the two lists together), so the
trigger now refuses them unless the writer is the owner or the provisioner (inside such a function
`current_user` is its owner, one of those two; no person holds CREATEROLE),
and a person's row takes the server's time, as its `login` takes the person. (PostgreSQL only.)
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: frozen as of this revision; `tests/test_security_reveal.py` compares it with `audit.SERVER_WRITTEN`
SERVER_WRITTEN = (
    "reveal", "login_failed", "account_locked", "account_unlocked", "password_change", "password_reset",
    "user_add", "user_disable", "user_enable", "post_grant", "post_revoke", "audit_purge",
)  # fmt: skip

_AUDIT_BRANCH = """    ELSIF TG_TABLE_NAME = 'audit_log' THEN
        NEW.login := person;
"""

_NEW_AUDIT_BRANCH = f"""    ELSIF TG_TABLE_NAME = 'audit_log' THEN
        IF NEW.event IN ({", ".join(f"'{e}'" for e in SERVER_WRITTEN)})
           AND current_user <> pg_get_userbyid((SELECT relowner FROM pg_class WHERE oid = TG_RELID))
           AND NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            RAISE EXCEPTION '审计记录“%”只能由数据库自己的函数写入：本次写入未保存', NEW.event
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        NEW.login := person;
        NEW.at := (now() AT TIME ZONE 'Asia/Shanghai')::timestamp(0);
"""


def _function_of_0009() -> str:
    path = Path(__file__).with_name("0009_actor_columns.py")
    spec = importlib.util.spec_from_file_location("gridconsole_migration_0009_sql", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module._FUNCTION)


def function_sql() -> str:
    before = _function_of_0009()
    assert _AUDIT_BRANCH in before, "0009's trigger function changed shape"
    return before.replace(_AUDIT_BRANCH, _NEW_AUDIT_BRANCH)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(function_sql())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_function_of_0009())
