"""PostgreSQL mode: a console role's UPDATE of `cases` stands only with its workflow history row.

`cases` keeps its UPDATE grant (row-level security decides which rows), but a deferred constraint trigger checks
every updated row at commit, for a person's login (the owner and superusers act as nobody and pass): the version
went up by exactly one, and the same transaction inserted, as that person, a `case_history` row for the case
whose action may leave the old status for the new one and is allowed to one of the person's posts within its
scope (an action's sources, target, posts and scopes: `console.workflow.actions.ACTIONS`, rendered here, never
copied), and the UPDATE changed no column but those the action's handler writes (`ActionSpec.writes`, compared
OLD/NEW column by column, plus `SYSTEM_WRITES`): a handler who signs cannot rewrite the summary in that UPDATE,
nor a dispatcher the reporter's phone with a dispatch. So psql can change a case only as the console does, with
the same history; the console's own actions pass unchanged. What it does not check: the values written (a
dispatch may name any department, a sign any `signed_at`), nor that the history row's `changes` lists them.
"""

from __future__ import annotations

from collections.abc import Callable

from console.models import Case
from console.security.pg_personal import rule_sql
from console.security.pg_sql import literal
from console.workflow.actions import ACTIONS, SYSTEM_WRITES, ActionSpec


def _text_array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join(literal(v) for v in values) + "]::text[]" if values else "'{}'::text[]"


def changed_columns_sql() -> str:
    """The columns of `cases` this UPDATE changed (OLD against NEW), as a text[]: every column but the ones the
    console maintains on every action (`SYSTEM_WRITES`: the version is checked on its own)."""
    columns = [c.name for c in Case.__table__.columns if c.name not in SYSTEM_WRITES]
    terms = ",\n".join(f'        CASE WHEN NEW."{c}" IS DISTINCT FROM OLD."{c}" THEN {literal(c)} END' for c in columns)
    return f"array_remove(ARRAY[\n{terms}\n    ]::text[], NULL)"


def _permitted(spec: ActionSpec) -> str:
    """The action may leave the history row's status for its new one, by one of `me`'s posts within its scope."""
    sources = ", ".join(literal(s.value) for s in sorted(spec.sources, key=lambda s: s.value))
    target = f" AND h.to_status = {literal(spec.target.value)}" if spec.target is not None else ""
    return f"h.from_status IN ({sources}){target}\n                AND {rule_sql(spec.posts, 'me', 'OLD')}"


def _action_cases(then: Callable[[ActionSpec], str], otherwise: str) -> str:
    """`CASE h.action WHEN … THEN then(spec) … ELSE otherwise END` over every action that writes a history row."""
    whens = [
        f"            WHEN {literal(action.value)} THEN {then(spec)}"
        for action, spec in sorted(ACTIONS.items(), key=lambda kv: kv[0].value)
        if spec.command is not None  # a personal switch (watch): never a history row, never an UPDATE of cases
    ]
    return "CASE h.action\n" + "\n".join(whens) + f"\n            ELSE {otherwise} END"


def workflow_sql() -> str:
    return f"""
CREATE OR REPLACE FUNCTION gc_cases_workflow_check() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $${check_body()}$$;
DROP TRIGGER IF EXISTS trg_cases_workflow ON cases;
CREATE CONSTRAINT TRIGGER trg_cases_workflow AFTER UPDATE ON cases DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION gc_cases_workflow_check();"""


def check_body() -> str:
    """The trigger function's body as rendered from today's `ACTIONS` (`catalogue` compares the server's)."""
    return f"""
DECLARE
    me text := gc_acting_person();
    h record;
    permitted boolean;
    changed text[];
    beyond text[];
    refused text;
BEGIN
    IF me IS NULL THEN
        RETURN NULL;
    END IF;
    IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
        RAISE EXCEPTION '案件 % 的修改未经流程：每次修改须使版本号加一（% → %）', OLD.number, OLD.version, NEW.version;
    END IF;
    changed := {changed_columns_sql()};
    FOR h IN SELECT * FROM case_history
             WHERE case_id = OLD.id AND actor = me AND xmin::text::bigint = txid_current() % 4294967296 LOOP
        permitted := {_action_cases(_permitted, "false")};
        IF h.from_status IS NOT DISTINCT FROM OLD.status AND h.to_status IS NOT DISTINCT FROM NEW.status
           AND permitted THEN
            SELECT array_agg(col ORDER BY col) INTO beyond FROM unnest(changed) AS col
            WHERE col <> ALL ({_action_cases(lambda spec: _text_array(sorted(spec.writes)), "'{}'::text[]")});
            IF beyond IS NULL THEN
                RETURN NULL;
            END IF;
            refused := format('“%s”不能修改字段 %s', {_action_cases(lambda spec: literal(spec.label), "h.action")},
                              array_to_string(beyond, '、'));
        END IF;
    END LOOP;
    IF refused IS NOT NULL THEN
        RAISE EXCEPTION '案件 % 的修改未经流程：%，未保存', OLD.number, refused;
    END IF;
    RAISE EXCEPTION '案件 % 的修改未经流程：同一事务中须有您的岗位可执行的操作的流程记录（从“%”到“%”），未保存',
        OLD.number, OLD.status, NEW.status;
END """
