"""PostgreSQL mode: a console role's UPDATE of `cases` stands only with its workflow history row.

`cases` keeps its UPDATE grant (row-level security decides which rows), but a deferred constraint trigger checks
every updated row at commit, for a person's login (the owner and superusers act as nobody and pass): the version
went up by exactly one, and the same transaction inserted, as that person, a `case_history` row for the case
whose action may leave the old status for the new one and is allowed to one of the person's posts within its
scope (an action's sources, target, posts and scopes: `console.workflow.actions.ACTIONS`, rendered here, never
copied). So psql can change a case only as the console does, with the same history; the console's own actions
pass unchanged. What it does not check: the fields an action may change (a handler who signs may also rewrite
the summary in that UPDATE, and the history row's `changes` may not list it).
"""

from __future__ import annotations

from console.security.pg_personal import rule_sql
from console.security.pg_sql import literal
from console.workflow.actions import ACTIONS


def _action_cases() -> str:
    whens = []
    for action, spec in sorted(ACTIONS.items(), key=lambda kv: kv[0].value):
        if spec.command is None:  # a personal switch (watch): never a history row, never an UPDATE of cases
            continue
        sources = ", ".join(literal(s.value) for s in sorted(spec.sources, key=lambda s: s.value))
        target = f" AND h.to_status = {literal(spec.target.value)}" if spec.target is not None else ""
        whens.append(
            f"            WHEN {literal(action.value)} THEN h.from_status IN ({sources}){target}\n"
            f"                AND {rule_sql(spec.posts, 'me', 'OLD')}"
        )
    return "\n".join(whens)


def workflow_sql() -> str:
    return f"""
CREATE OR REPLACE FUNCTION gc_cases_workflow_check() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me text := gc_acting_person();
    h record;
    permitted boolean;
BEGIN
    IF me IS NULL THEN
        RETURN NULL;
    END IF;
    IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
        RAISE EXCEPTION '案件 % 的修改未经流程：每次修改须使版本号加一（% → %）', OLD.number, OLD.version, NEW.version;
    END IF;
    FOR h IN SELECT * FROM case_history
             WHERE case_id = OLD.id AND actor = me AND xmin::text::bigint = txid_current() % 4294967296 LOOP
        permitted := CASE h.action
{_action_cases()}
            ELSE false END;
        IF h.from_status IS NOT DISTINCT FROM OLD.status AND h.to_status IS NOT DISTINCT FROM NEW.status
           AND permitted THEN
            RETURN NULL;
        END IF;
    END LOOP;
    RAISE EXCEPTION '案件 % 的修改未经流程：同一事务中须有您的岗位可执行的操作的流程记录（从“%”到“%”），未保存',
        OLD.number, OLD.status, NEW.status;
END $$;
DROP TRIGGER IF EXISTS trg_cases_workflow ON cases;
CREATE CONSTRAINT TRIGGER trg_cases_workflow AFTER UPDATE ON cases DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION gc_cases_workflow_check();"""
