"""PostgreSQL mode: a console role's UPDATE of `cases` stands only with its workflow history row.

`cases` keeps its UPDATE grant (row-level security decides which rows), but a deferred constraint trigger checks
every updated row at commit, for a person's login (the owner and superusers act as nobody and pass): the version
went up by exactly one, and the same transaction inserted, as that person, a `case_history` row for the case
whose action may leave the old status for the new one and is allowed to one of the person's posts within its
scope (an action's sources, target, posts and scopes: `console.workflow.actions.ACTIONS`, rendered here, never
copied), and the UPDATE changed no column but those the action's handler writes (`ActionSpec.writes`, compared
OLD/NEW column by column, plus `SYSTEM_WRITES`): a handler who signs cannot rewrite the summary in that UPDATE,
nor a dispatcher the reporter's phone with a dispatch. So psql can change a case only as the console does, with
the same history; the console's own actions pass unchanged.

The values are held too, as far as the record can say them without a second copy of the rules: the history
row's moment (`at`) is the server's own time within `CLOCK_TOLERANCE` (seats keep the server's time,
`console.clock.follow_server`), every moment column the UPDATE sets (`STAMPS`) is that moment, and the row's
`changes` states every tracked column the UPDATE changed with its new value (`TRACKED_FIELDS`), so whatever a
person writes with psql stands in the case's history under their name as the console would have written it.
What it does not check: that a chosen value is one the console's form would offer (a dispatch may name any
department, a dispatcher any deadline, as the console lets them with a reason).

Two more checks close the other doors (`CHECKS`): a person's INSERT of a case is a report (待受理, version 1, only
`REPORT_WRITES` filled, with their `report` row), and a person's history row stands only with the write of its case
in the same transaction, one per case — no 结案 or 反馈 row for a step the case never took.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Date, DateTime

from console.domain import CaseStatus
from console.models import Case
from console.security.pg_personal import rule_sql
from console.security.pg_sql import literal
from console.workflow.actions import ACTIONS, REPORT_WRITES, STAMPS, SYSTEM_WRITES, TRACKED_FIELDS, ActionSpec

#: how far a person's history row may stand from the server's clock (a seat's clock follows the server's, so
#: this covers only a long transaction and a clock stepped since the connection opened)
CLOCK_TOLERANCE = timedelta(minutes=5)
_SERVER_NOW = "(now() AT TIME ZONE 'Asia/Shanghai')::timestamp"
_SERVER_CLOCK = "(clock_timestamp() AT TIME ZONE 'Asia/Shanghai')::timestamp"


def _text_array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join(literal(v) for v in values) + "]::text[]" if values else "'{}'::text[]"


def changed_columns_sql() -> str:
    """The columns of `cases` this UPDATE changed (OLD against NEW), as a text[]: every column but the ones the
    console maintains on every action (`SYSTEM_WRITES`: the version is checked on its own)."""
    columns = [c.name for c in Case.__table__.columns if c.name not in SYSTEM_WRITES]
    terms = ",\n".join(
        f'        CASE WHEN NEW."{c}" IS DISTINCT FROM OLD."{c}" THEN {literal(c)} END' for c in columns
    )
    return f"array_remove(ARRAY[\n{terms}\n    ]::text[], NULL)"


def _quoted(column: str) -> str:
    return f'"{column}"'


def _changed(column: str) -> str:
    return f"NEW.{_quoted(column)} IS DISTINCT FROM OLD.{_quoted(column)}"


def mistimed_columns_sql() -> str:
    """The moment columns (`STAMPS`) this UPDATE set to anything but the history row's moment `h.at`."""
    terms = ",\n".join(
        f'        CASE WHEN {_changed(c)} AND NEW."{c}" IS NOT NULL AND NEW."{c}" <> h.at THEN {literal(c)} END'
        for c in sorted(STAMPS)
    )
    return f"array_remove(ARRAY[\n{terms}\n    ]::text[], NULL)"


def _stated(column: str) -> str:
    """The history row's `changes` (as jsonb `j`) gives `column` the value the UPDATE wrote (`[old, new]`, as
    `CaseService.act_in` writes it: moments and days as ISO text, the rest as JSON)."""
    kind = Case.__table__.c[column].type
    if isinstance(kind, DateTime | Date):
        cast = "timestamp" if isinstance(kind, DateTime) else "date"
        value = f"(j -> {literal(column)} ->> 1)::{cast} IS NOT DISTINCT FROM NEW.{_quoted(column)}"
    else:
        value = f"(j -> {literal(column)} -> 1) = coalesce(to_jsonb(NEW.{_quoted(column)}), 'null'::jsonb)"
    return f"(j ? {literal(column)} AND {value})"


def unstated_columns_sql() -> str:
    """The tracked columns this UPDATE changed that the history row's `changes` does not state as written."""
    terms = ",\n".join(
        f"        CASE WHEN {_changed(c)} AND NOT {_stated(c)} THEN {literal(c)} END" for c in TRACKED_FIELDS
    )
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
        if spec.command
        is not None  # a personal switch (watch): never a history row, never an UPDATE of cases
    ]
    return "CASE h.action\n" + "\n".join(whens) + f"\n            ELSE {otherwise} END"


#: (trigger, table, event, function) of the checks: each runs at commit, for every row a person's login wrote
CHECKS = (
    ("trg_cases_workflow", "cases", "UPDATE", "gc_cases_workflow_check"),
    ("trg_cases_report", "cases", "INSERT", "gc_cases_report_check"),
    ("trg_history_paired", "case_history", "INSERT", "gc_history_paired_check"),
)
#: written by this transaction (a savepoint of it included): a visible row whose inserting transaction is still in
#: progress can only be one of ours (`xmin = txid_current()` would miss a row of a released savepoint)
_MINE = "pg_xact_status(gc_xid8({row}.xmin)) = 'in progress'"


def workflow_sql() -> str:
    out = []
    for trigger, table, event, function in CHECKS:
        out.append(f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $${check_bodies()[function]}$$;
DROP TRIGGER IF EXISTS {trigger} ON {table};
CREATE CONSTRAINT TRIGGER {trigger} AFTER {event} ON {table} DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION {function}();""")
    return "\n".join(out)


def check_bodies() -> dict[str, str]:
    """Each check function's body as this version renders it (`catalogue` compares the server's)."""
    return {
        "gc_cases_workflow_check": check_body(),
        "gc_cases_report_check": report_check_body(),
        "gc_history_paired_check": history_check_body(),
    }


def _blank(column: str) -> str:
    """The column holds what a new case holds before any action: NULL, or the model's default."""
    c = Case.__table__.c[column]
    default = c.default.arg if c.default is not None and c.default.is_scalar else None  # type: ignore[attr-defined]
    if default is None:
        return f"NEW.{_quoted(column)} IS NULL"
    if isinstance(default, bool | int):
        return f"NEW.{_quoted(column)} = {str(default).lower()}"  # true/false, or the number
    return f"NEW.{_quoted(column)} = {literal(str(default))}"


def unblank_columns_sql() -> str:
    """The columns a person's INSERT filled that a report does not (`REPORT_WRITES`): only actions fill them."""
    columns = [c.name for c in Case.__table__.columns if c.name not in REPORT_WRITES and c.name != "id"]
    terms = ",\n".join(f"        CASE WHEN NOT ({_blank(c)}) THEN {literal(c)} END" for c in columns)
    return f"array_remove(ARRAY[\n{terms}\n    ]::text[], NULL)"


def report_check_body() -> str:
    """A person's INSERT of a case is a report: 待受理 at version 1, nothing but what a report fills, stamped by the
    server's clock, with the person's `report` history row in the same transaction."""
    minutes = int(CLOCK_TOLERANCE.total_seconds() // 60)
    reported = literal(CaseStatus.REPORTED.value)
    return f"""
DECLARE
    me text := gc_acting_person();
    unblank text[];
BEGIN
    IF me IS NULL THEN
        RETURN NULL;
    END IF;
    IF NEW.status IS DISTINCT FROM {reported} OR NEW.version IS DISTINCT FROM 1 THEN
        RAISE EXCEPTION '案件 % 未经流程：新案件只能以“待受理”上报（版本 1），其余状态须经流程操作，未保存', NEW.number;
    END IF;
    unblank := {unblank_columns_sql()};
    IF cardinality(unblank) > 0 THEN
        RAISE EXCEPTION '案件 % 未经流程：上报时不能填写字段 %（须经流程操作），未保存', NEW.number,
            array_to_string(unblank, '、');
    END IF;
    IF NEW.updated_at < {_SERVER_NOW} - interval '{minutes} minutes' OR NEW.updated_at > {_SERVER_CLOCK} + interval '{minutes} minutes' THEN
        RAISE EXCEPTION '案件 % 的上报时间戳 % 与服务器时间相差超过 {minutes} 分钟（请核对本机时钟），未保存', NEW.number,
            to_char(NEW.updated_at, 'YYYY-MM-DD HH24:MI:SS');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = NEW.id AND h.actor = me AND h.action = 'report'
                   AND h.from_status IS NULL AND h.to_status = {reported} AND h.at = NEW.updated_at
                   AND {_MINE.format(row="h")}) THEN
        RAISE EXCEPTION '案件 % 未经流程：同一事务中须有您的上报记录（流程记录“上报”，时间与案件相同），未保存', NEW.number;
    END IF;
    RETURN NULL;
END """


def history_check_body() -> str:
    """A person's history row stands only with the change of its case it records: the case was written (reported or
    updated) in the same transaction, and that transaction holds one such row of theirs per case — so no row can
    claim a 结案 or a 反馈 the case never went through (the review counts them)."""
    return f"""
DECLARE
    me text := gc_acting_person();
BEGIN
    IF me IS NULL THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = NEW.case_id AND {_MINE.format(row="c")}) THEN
        RAISE EXCEPTION '流程记录（%）未经流程：须与它所记录的案件修改在同一事务中写入，不能单独添加，未保存', NEW.action;
    END IF;
    IF (SELECT count(*) FROM case_history h WHERE h.case_id = NEW.case_id AND h.actor = me
        AND {_MINE.format(row="h")}) > 1 THEN
        RAISE EXCEPTION '流程记录（%）未经流程：同一事务中对一件案件只能有一条您的流程记录，未保存', NEW.action;
    END IF;
    RETURN NULL;
END """


def check_body() -> str:
    """The trigger function's body as rendered from today's `ACTIONS` (`catalogue` compares the server's)."""
    minutes = int(CLOCK_TOLERANCE.total_seconds() // 60)
    tolerance = f"{minutes} minutes"
    return f"""
DECLARE
    me text := gc_acting_person();
    h record;
    permitted boolean;
    changed text[];
    beyond text[];
    mistimed text[];
    unstated text[];
    j jsonb;
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
            IF beyond IS NOT NULL THEN
                refused := format('“%s”不能修改字段 %s', {_action_cases(lambda spec: literal(spec.label), "h.action")},
                                  array_to_string(beyond, '、'));
            ELSIF h.at < {_SERVER_NOW} - interval '{tolerance}' OR h.at > {_SERVER_CLOCK} + interval '{tolerance}' THEN
                refused := format('流程记录的时间 %s 与服务器时间 %s 相差超过 {minutes} 分钟（请核对本机时钟）',
                                  to_char(h.at, 'YYYY-MM-DD HH24:MI:SS'), to_char({_SERVER_CLOCK}, 'YYYY-MM-DD HH24:MI:SS'));
            ELSE
                j := h.changes::jsonb;
                mistimed := {mistimed_columns_sql()};
                unstated := {unstated_columns_sql()};
                IF cardinality(mistimed) > 0 THEN
                    refused := format('字段 %s 须为本次操作的时间 %s', array_to_string(mistimed, '、'),
                                      to_char(h.at, 'YYYY-MM-DD HH24:MI:SS'));
                ELSIF cardinality(unstated) > 0 THEN
                    refused := format('流程记录未如实写明字段 %s 的新值', array_to_string(unstated, '、'));
                ELSE
                    RETURN NULL;
                END IF;
            END IF;
        END IF;
    END LOOP;
    IF refused IS NOT NULL THEN
        RAISE EXCEPTION '案件 % 的修改未经流程：%，未保存', OLD.number, refused;
    END IF;
    RAISE EXCEPTION '案件 % 的修改未经流程：同一事务中须有您的岗位可执行的操作的流程记录（从“%”到“%”），未保存',
        OLD.number, OLD.status, NEW.status;
END """
