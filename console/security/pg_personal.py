"""PostgreSQL mode: personal data columns (phones) readable only through masking and audited reveal functions.

No console role holds SELECT on `person.phone` or `cases.reporter_phone` (column grants cover every other
column). The console, and anyone with psql, reads them through two SECURITY DEFINER functions keyed on the
login (`session_user`): `gc_case_reporter_phone(case, reveal)` for a case the person sees under the visibility
rule, `gc_grid_staff_phones(grid, reveal)` for a grid's staff. Without `reveal` they return the number masked
as the console masks it (`gc_mask_phone`, the twin of `personal.mask_phone`); with it, the full number, only
for the posts and scopes of `CASE_RULES["reveal_personal"]`, audited. The reveal rule is rendered here from
that table, and the case visibility from `visibility.REACHES`, never copied.

A full number comes only once the audit row of that reveal is committed (PostgreSQL has no autonomous
transaction: `BEGIN; reveal; ROLLBACK` used to show the number and take the row back). A granted reveal looks
for a `reveal` row of the same login, object and detail, written within `REVEAL_WINDOW_MINUTES` by an earlier,
committed transaction (`gc_reveal_committed`: visible to the statement, and `pg_xact_status` of its `xmin` is
'committed' — which a row of the caller's own transaction, or of a savepoint released in it, is not; comparing
`xmin` with `txid_current()` would miss the savepoint). If there is one, the number comes in full and no new row
is written: **that committed row covers the login's reads of the same object within the window**, rolled back
or not. If not (`gc_reveal_pending`), the row is written and the number comes masked, with a NOTICE for psql and
`PENDING_SETTING` for the console, which therefore reveals in two transactions of its own (the first commits
the row, the second shows the number: `personal_reads.reveal_in_own_transactions`). `catalogue` compares the
server's bodies of these functions with `reveal_bodies` (`admin pg-check`; `admin pg-provision` replaces them).

A refused reveal is audited too, so it does not raise (an error would roll the audit row back with it): it
writes a failed `reveal` row, returns what the caller may see (the masked number; nothing for a case they do
not see), tells psql why with a WARNING and the console through the transaction-local setting `REFUSED_SETTING`
(`personal_reads` raises `PermissionDenied` from it). Every audit row of a reveal, granted or refused, is also
written to the server log, and so is each showing in full (RAISE LOG, which a ROLLBACK cannot take back, as it
takes back the audit row).

The set-up lists (`console.setup`) read `department.phone` (a department's duty phone, migration 0011) and every
person's phone masked only, through `gc_department_phones()` and `gc_person_phones()`; neither reveals.
"""

from __future__ import annotations

import re
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
#: set (to `PENDING_TEXT`) when the last granted reveal of this transaction wrote its audit row and showed the
#: number masked: commit, then ask again ('' when it showed the full number, or refused)
PENDING_SETTING = "gc.reveal_pending"
PENDING_TEXT = "已记入审计日志：提交本事务后再次调用即可查看完整号码"
#: how long a committed audit row of a reveal covers that login's reveals of the same object (minutes)
REVEAL_WINDOW_MINUTES = 5
#: helpers the functions above call (as the owner); no console role calls them itself
HELPERS = (
    "gc_reveal_refused(text,text,text,text)",
    "gc_xid8(xid)",
    "gc_reveal_committed(text,text,text)",
    "gc_reveal_pending(text,text,text)",
)
#: the functions whose bodies carry the reveal rule (`catalogue` compares the server's with `reveal_bodies`)
REVEAL_FUNCTIONS = (
    "gc_case_reporter_phone",
    "gc_grid_staff_phones",
    "gc_reveal_committed",
    "gc_reveal_pending",
    "gc_xid8",
)


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

-- the 64-bit id of a recent transaction from its 32-bit id (a row's xmin), in the epoch of the snapshot's xmax:
-- below xmax, or just above it — the caller's own id (and a savepoint's) lies above xmax while a transaction that
-- started earlier is still running; anything further above is from the epoch before (never one in the future)
CREATE OR REPLACE FUNCTION gc_xid8(p_xid xid) RETURNS xid8
LANGUAGE sql VOLATILE SET search_path = public, pg_temp AS $$
    SELECT CASE WHEN f >= 0 THEN f::text::xid8 END
    FROM (SELECT g - CASE WHEN g - n >= 1048576 THEN 4294967296 ELSE 0 END AS f
          FROM (SELECT (n >> 32 << 32) + x AS g, n
                FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS n,
                             p_xid::text::bigint AS x) i) j) s
$$;

-- whether an audit row of this reveal (the login's, granted) was committed by an earlier transaction within the
-- window: visible to this statement and written by no (sub)transaction of this one, which pg_xact_status calls
-- 'in progress' (xmin = txid_current() would miss a row written in a released SAVEPOINT)
-- (each showing in full is written to the server log too)
CREATE OR REPLACE FUNCTION gc_reveal_committed(p_login text, p_object text, p_what text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_log a
               WHERE a.login = p_login AND a.event = 'reveal' AND a.success AND a.object = p_object
                 AND a.detail = p_what
                 AND a.at BETWEEN {now_cst} - interval '{REVEAL_WINDOW_MINUTES} minutes' AND {now_cst}
                 AND pg_xact_status(gc_xid8(a.xmin)) = 'committed') THEN
        RAISE LOG 'gridconsole reveal shown: login=%, object=%', p_login, p_object;
        RETURN true;
    END IF;
    RETURN false;
END $$;

-- a granted reveal with no committed audit row yet: write it, log it, and tell psql (NOTICE) and the console (the
-- transaction's {PENDING_SETTING}) that the number shows in full once it is committed; the caller returns it masked
CREATE OR REPLACE FUNCTION gc_reveal_pending(p_login text, p_object text, p_what text)
RETURNS void LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES ({now_cst}, p_login, {host}, 'reveal', p_object, true, p_what);
    RAISE LOG 'gridconsole reveal: login=%, object=%, success=true', p_login, p_object;
    PERFORM set_config({literal(PENDING_SETTING)}, {literal(PENDING_TEXT)}, true);
    RAISE NOTICE {literal(PENDING_TEXT)};
END $$;

-- the reporter's phone of a case the caller sees: masked, or (p_reveal) for the posts that may, audited: in full
-- once the audit row of the reveal is committed (gc_reveal_committed), else masked with the row written
CREATE OR REPLACE FUNCTION gc_case_reporter_phone(p_case_id integer, p_reveal boolean DEFAULT false)
RETURNS text {definer} AS $$
DECLARE
    me text := session_user::text;
    c cases%ROWTYPE;
    refusal text;
BEGIN
    IF p_reveal THEN
        PERFORM set_config({literal(REFUSED_SETTING)}, '', true);
        PERFORM set_config({literal(PENDING_SETTING)}, '', true);
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
    IF gc_reveal_committed(me, '案件 ' || c.number, '反映人电话') THEN
        RETURN c.reporter_phone;
    END IF;
    PERFORM gc_reveal_pending(me, '案件 ' || c.number, '反映人电话');
    RETURN gc_mask_phone(c.reporter_phone);
END $$;

-- the phones of a grid's staff (every assignment, current and past): masked, or (p_reveal) in full for the posts
-- that may reveal for this grid (all cases' posts; grid workers in their subtree), audited: in full only once the
-- audit row of the reveal is committed (gc_reveal_committed), else masked with the row written (gc_reveal_pending)
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
        PERFORM set_config({literal(PENDING_SETTING)}, '', true);
        granted := EXISTS (SELECT 1 FROM (SELECT g_code AS grid_code, NULL::integer AS lead_department_id,
                                              NULL::text AS reported_by, NULL::integer AS id) s
                        WHERE {reveal_sql("me", "s")});
        IF granted AND NOT gc_reveal_committed(me, '网格 ' || g_code, '网格人员电话') THEN
            PERFORM gc_reveal_pending(me, '网格 ' || g_code, '网格人员电话');
            granted := false;  -- shown masked until the audit row is committed
        ELSIF NOT granted THEN
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


def reveal_bodies() -> dict[str, str]:
    """The bodies of `REVEAL_FUNCTIONS` as `personal_sql` renders them (what `pg_proc.prosrc` holds once
    provisioned): `catalogue` reports a server whose functions differ, e.g. still showing a number before its
    audit row is committed, until `admin pg-provision` replaces them."""
    found = re.findall(r"CREATE OR REPLACE FUNCTION (\w+)\(.*?\$\$(.*?)\$\$;", personal_sql(), flags=re.S)
    return {name: body for name, body in found if name in REVEAL_FUNCTIONS}


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
