"""PostgreSQL mode: personal data columns (phones) readable only through masking and audited reveal functions.

No console role holds SELECT on `person.phone` or `cases.reporter_phone` (column grants cover every other
column). The console, and anyone with psql, reads them through two SECURITY DEFINER functions keyed on the
login (`session_user`): `gc_case_reporter_phone(case, reveal)` for a case the person sees under the visibility
rule, `gc_grid_staff_phones(grid, reveal)` for a grid's staff. Without `reveal` they return the number masked
as the console masks it (`gc_mask_phone`, the twin of `personal.mask_phone`); with it, the full number, only
for the posts and scopes of `CASE_RULES["reveal_personal"]`, and each reveal writes an audit row. The reveal
rule is rendered here from that table, and the case visibility from `visibility.REACHES`, never copied.

A refused reveal is audited too, so it does not raise (an error would roll the audit row back with it): it
writes a failed `reveal` row, returns what the caller may see (the masked number; nothing for a case they do
not see), tells psql why with a WARNING and the console through the transaction-local setting `REFUSED_SETTING`
(`personal_reads` raises `PermissionDenied` from it). Every reveal, granted or refused, is also written to the
server log (RAISE LOG, which a ROLLBACK cannot take back, as it takes back the audit row).

The set-up lists (`console.setup`) read `department.phone` (a department's duty phone, migration 0011) and every
person's phone masked only, through `gc_department_phones()` and `gc_person_phones()`; neither reveals.
"""

from __future__ import annotations

from collections.abc import Mapping

from console.models import Base
from console.security.pg_sql import literal
from console.security.pg_staff import ALL_STAFF, STAFF_RULES
from console.security.post_names import ALL, DEPT, GRID, LEAD, Post
from console.security.posts import CASE_RULES
from console.security.visibility import policy_sql

#: table → its personal data columns; no console role may read these directly (the catalogue checks it)
PERSONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("phone",),
    "cases": ("reporter_phone",),
    "department": ("phone",),  # the duty phone (migration 0011): every console role reads it masked only
}

FUNCTIONS = (
    "gc_mask_phone(text)",
    "gc_case_reporter_phone(integer,boolean)",
    "gc_grid_staff_phones(integer,boolean)",
    "gc_department_phones()",
    "gc_person_phones()",
)

#: why the server refused the last reveal of this transaction ('' when it did not), for the console to raise
REFUSED_SETTING = "gc.reveal_refused"
#: helpers the functions above call (as the owner); no console role calls them itself
HELPERS = ("gc_reveal_refused(text,text,text,text)",)


def readable_columns(table: str) -> list[str]:
    """The columns of `table` a console role may read directly (all but its personal ones)."""
    hidden = set(PERSONAL_COLUMNS.get(table, ()))
    return [c.name for c in Base.metadata.tables[table].columns if c.name not in hidden]


def reveal_sql(me: str, row: str) -> str:
    """`CASE_RULES["reveal_personal"]` as SQL over `row` (which has id, grid_code, lead_department_id and
    reported_by), for the login `me`."""
    return rule_sql(CASE_RULES["reveal_personal"], me, row)


def rule_sql(rules: Mapping[Post, str], me: str, row: str) -> str:
    """A post → scope rule (`posts.CASE_RULES`, an action's posts) as SQL over the case `row` for `me`."""
    terms = []
    for post, scope in sorted(rules.items(), key=lambda kv: kv[0].value):
        held = f"gc_holds_any({me}, ARRAY['{post.value}']::text[])"
        if scope == ALL:
            where = "true"
        elif scope == LEAD:
            where = f"{row}.lead_department_id = ANY (gc_my_departments({me}))"
        elif scope == DEPT:
            where = (f"({row}.lead_department_id = ANY (gc_my_departments({me})) OR EXISTS (SELECT 1 FROM "
                     f"case_co_department cd WHERE cd.case_id = {row}.id "
                     f"AND cd.department_id = ANY (gc_my_departments({me}))))")  # fmt: skip
        elif scope == GRID:
            where = f"({row}.grid_code LIKE ANY (gc_my_grid_patterns({me})) OR {row}.reported_by = {me})"
        else:
            raise ValueError(f"unknown scope {scope}")
        terms.append(f"({held} AND {where})")
    return "(" + " OR ".join(terms) + ")" if terms else "false"


def personal_sql() -> str:
    """The masking function and the two reading functions (owned by the tables' owner)."""
    visible = policy_sql(me="me").visible
    all_staff = _all_staff_posts()
    now_cst = "(now() AT TIME ZONE 'Asia/Shanghai')::timestamp(0)"
    host = "coalesce(inet_client_addr()::text, '')"
    definer = "LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp"
    return f"""
-- the console's mask (console.security.personal.mask_phone): 138****5678, 0371-****1234
CREATE OR REPLACE FUNCTION gc_mask_phone(p text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
DECLARE
    t text := btrim(coalesce(p, ''), E' \\t\\r\\n');
    d text;
    area text;
    num text;
BEGIN
    IF t = '' THEN RETURN ''; END IF;
    IF position('*' in t) > 0 THEN RETURN t; END IF;
    d := regexp_replace(t, '[^0-9]', '', 'g');
    IF length(d) = 11 AND left(d, 1) = '1' THEN RETURN left(d, 3) || '****' || right(d, 4); END IF;
    IF position('-' in t) > 0 THEN
        area := split_part(t, '-', 1);
        num := substr(t, length(area) + 2);
        IF length(num) > 4 THEN RETURN area || '-' || repeat('*', length(num) - 4) || right(num, 4); END IF;
        RETURN area || '-' || repeat('*', length(num));
    END IF;
    IF length(d) > 7 THEN RETURN left(d, 3) || repeat('*', length(d) - 7) || right(d, 4); END IF;
    RETURN repeat('*', length(t));
END $$;

-- a refused reveal: audited (a failed `reveal` row), logged, and told to psql (WARNING) and to the console (the
-- transaction's {REFUSED_SETTING}); no error, which would roll the audit row back
CREATE OR REPLACE FUNCTION gc_reveal_refused(p_login text, p_object text, p_what text, p_reason text)
RETURNS void LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES ({now_cst}, p_login, {host}, 'reveal', p_object, false, p_what || '：' || p_reason);
    RAISE LOG 'gridconsole reveal: login=%, object=%, success=false', p_login, p_object;
    PERFORM set_config({literal(REFUSED_SETTING)}, p_reason, true);
    RAISE WARNING '%（已记入审计日志）', p_reason;
END $$;

-- the reporter's phone of a case the caller sees: masked, or (p_reveal) in full for the posts that may, audited
CREATE OR REPLACE FUNCTION gc_case_reporter_phone(p_case_id integer, p_reveal boolean DEFAULT false)
RETURNS text {definer} AS $$
DECLARE
    me text := session_user::text;
    c cases%ROWTYPE;
    refusal text;
BEGIN
    IF p_reveal THEN
        PERFORM set_config({literal(REFUSED_SETTING)}, '', true);
    END IF;
    SELECT * INTO c FROM cases WHERE cases.id = p_case_id AND {visible};
    IF NOT FOUND THEN
        IF NOT p_reveal THEN
            RAISE EXCEPTION '案件不存在或不在您的查看范围内' USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM gc_reveal_refused(me, '案件 ' || coalesce((SELECT number FROM cases WHERE id = p_case_id),
                                                          'id=' || p_case_id), '反映人电话', '案件不存在或不在您的查看范围内');
        RETURN NULL;
    END IF;
    IF NOT p_reveal OR coalesce(c.reporter_phone, '') = '' THEN
        RETURN CASE WHEN c.reporter_phone IS NULL THEN NULL ELSE gc_mask_phone(c.reporter_phone) END;
    END IF;
    IF NOT {reveal_sql("me", "c")} THEN
        refusal := format('您的岗位不能查看案件 %s 的完整反映人电话', c.number);
        PERFORM gc_reveal_refused(me, '案件 ' || c.number, '反映人电话', refusal);
        RETURN gc_mask_phone(c.reporter_phone);
    END IF;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES ({now_cst}, me, {host}, 'reveal', '案件 ' || c.number, true, '反映人电话');
    RAISE LOG 'gridconsole reveal: login=%, object=案件 %, success=true', me, c.number;
    RETURN c.reporter_phone;
END $$;

-- the phones of a grid's staff (every assignment, current and past): masked, or (p_reveal) in full for the posts
-- that may reveal for this grid (all cases' posts; grid workers in their subtree), audited once per call
CREATE OR REPLACE FUNCTION gc_grid_staff_phones(p_grid_id integer, p_reveal boolean DEFAULT false)
RETURNS TABLE (o_assignment_id integer, o_phone text) {definer} AS $$
DECLARE
    me text := session_user::text;
    g_code text;
    granted boolean := false;
BEGIN
    SELECT g.code INTO g_code FROM grid g WHERE g.id = p_grid_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION '网格不存在：%', p_grid_id USING ERRCODE = 'no_data_found';
    END IF;
    IF p_reveal THEN
        PERFORM set_config({literal(REFUSED_SETTING)}, '', true);
        granted := EXISTS (SELECT 1 FROM (SELECT g_code AS grid_code, NULL::integer AS lead_department_id,
                                              NULL::text AS reported_by, NULL::integer AS id) s
                        WHERE {reveal_sql("me", "s")});
        IF granted THEN
            INSERT INTO audit_log (at, login, host, event, object, success, detail)
            VALUES ({now_cst}, me, {host}, 'reveal', '网格 ' || g_code, true, '网格人员电话');
            RAISE LOG 'gridconsole reveal: login=%, object=网格 %, success=true', me, g_code;
        ELSE
            PERFORM gc_reveal_refused(me, '网格 ' || g_code, '网格人员电话',
                                      format('您的岗位不能查看网格 %s 工作人员的完整电话', g_code));
        END IF;
    END IF;
    RETURN QUERY SELECT a.id, CASE WHEN granted THEN p.phone::text ELSE gc_mask_phone(p.phone) END
        FROM grid_assignment a JOIN person p ON p.id = a.person_id WHERE a.grid_id = p_grid_id ORDER BY a.id;
END $$;

-- the departments' duty phones, masked (the set-up lists show them so; nobody reveals them in the console)
CREATE OR REPLACE FUNCTION gc_department_phones()
RETURNS TABLE (o_department_id integer, o_phone text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT d.id, gc_mask_phone(d.phone) FROM department d ORDER BY d.id
$$;

-- the staff list's phones, masked: every person's for the posts that read all staff (pg_staff.STAFF_RULES),
-- else the caller's own only
CREATE OR REPLACE FUNCTION gc_person_phones()
RETURNS TABLE (o_person_id integer, o_phone text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT p.id, gc_mask_phone(p.phone) FROM person p
    WHERE gc_holds_any(session_user::text, {all_staff}) OR p.login = session_user::text
    ORDER BY p.id
$$;
"""


def _all_staff_posts() -> str:
    """The posts that read every row of `person` (`pg_staff.STAFF_RULES`), as a SQL text array."""
    posts = sorted(p.value for p, kinds in STAFF_RULES.items() if ALL_STAFF in kinds)
    return "ARRAY[" + ", ".join(f"'{p}'" for p in posts) + "]::text[]"


def grants_sql(user_group: str, case_groups: list[str]) -> list[str]:
    """Column grants: every console role reads the other columns of `person`; the case posts those of `cases`
    (row-level security decides which rows). `pg_roles.provision` grants the functions to every console role."""
    person = ", ".join(readable_columns("person"))
    cases = ", ".join(readable_columns("cases"))
    department = ", ".join(readable_columns("department"))
    sql = [f"GRANT SELECT ({person}) ON person TO {user_group}",
           f"GRANT SELECT ({department}) ON department TO {user_group}"]  # fmt: skip
    return sql + [f"GRANT SELECT ({cases}) ON cases TO {g}" for g in case_groups]
