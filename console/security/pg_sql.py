"""The SQL text of PostgreSQL mode's server side, and the quoting every statement built from Python uses.

Kept apart from `pg_roles` (which runs it) because it is some 500 lines of SQL and PL/pgSQL, read and
reviewed as SQL: `functions_sql` holds the read-side security functions, the row-level security policies,
the lockout gate and the password functions; `provisioner_sql` the provisioner's narrow SECURITY DEFINER
functions. `pg_roles.provision` writes both into the database, with the deployment's role names written in
as constants.

Row-level security on `cases`, `case_history`, `attachment`, `case_watch` is keyed on `current_user` through
`app_user`/`user_post` (never on a setting the client can change): a department handler sees cases whose
lead or co-operating department is theirs, a grid worker their grids' subtree, dispatcher/head/inspector all.
Nobody but the owner has UPDATE/DELETE/TRUNCATE on `case_history` and `audit_log`, and triggers refuse them
even to the owner (audit rows past 180 days excepted, for the retention job). The migration's BEFORE INSERT
trigger writes the person's login into `case_history.actor` whatever the client sent.

Provisioning by the administrators. PostgreSQL 15's CREATEROLE lets its holder grant itself any non-superuser
role (`pg_execute_server_program` included), so no person gets it. A 系统管理员 or 安全管理员 connected with
their own login calls the `gc_admin_*` functions instead (`pg_roles.admin_via_functions`): 系统管理员 adds a user
(`gc_admin_add_user`: a LOGIN role with a SCRAM verifier computed on the client, never a clear password, whose
name matches `LOGIN_PATTERN` and is no system or `gc_` role) and disables/enables one (`gc_admin_set_active`);
安全管理员 grants and revokes case posts (`gc_admin_grant_post`/`gc_admin_revoke_post`: membership in the
deployment's post groups only), resets a password (`gc_admin_reset_password`) and unlocks (`gc_unlock`). Each
checks the caller's post (in `user_post` and by membership), refuses any target that is not a plain console
login (superusers, the owner, the provisioner, system and group roles, roles with attributes, foreign
memberships or objects), refuses what would escalate (acting on oneself; the three administrator posts and
their holders' passwords stay with the owner), and writes the `app_user`/`user_post` rows and the audit row in
the caller's transaction. `pg_calls` holds the Python side of these calls.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.grid_codes import subtree_prefix_sql
from console.security.posts import ADMIN_POSTS, ADMIN_RULES, OVERSEEING_SYSADMIN, Post
from console.security.visibility import policy_sql
from console.settings import RULES

if TYPE_CHECKING:
    from console.security.pg_roles import RoleNames

#: a console login (and any role name this module quotes); the provisioning functions enforce the same
LOGIN_PATTERN = r"^[a-z][a-z0-9_]{1,62}$"
_ROLE_RE = re.compile(LOGIN_PATTERN)
#: SQLSTATE of the lockout functions' refusal once the gate's password changed behind its seal (`pg_server`)
GATE_TAMPERED = "GCG01"
#: how long a one-time (initial or reset) password may work at most; the console gives 3 days
ONE_TIME_MAX = timedelta(days=7)
#: names PostgreSQL or the SQL standard reserve, never a person's login
RESERVED_LOGINS = ("postgres", "public", "none", "all", "current_user", "current_role", "session_user")


def ident(name: str) -> str:
    """A role name checked to be plain, double-quoted for SQL."""
    if not _ROLE_RE.match(name):
        raise ValidationError(f"无效的数据库角色名：{name}")
    return f'"{name}"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def ident_db(name: str) -> str:
    if not re.match(r"^[A-Za-z0-9_]{1,63}$", name):
        raise ValidationError(f"无效的数据库名：{name}")
    return f'"{name}"'


def ident_table(name: str) -> str:
    if not re.match(r"^[a-z_][a-z0-9_]{0,62}$", name):
        raise ValidationError(f"无效的表名：{name}")
    return f'"{name}"'


def scram_verifier(session: Session, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier computed on this side, so the clear password never reaches a server log."""
    driver: Any = session.connection().connection.driver_connection
    verifier = driver.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    return bytes(verifier).decode()


# --- provisioning -------------------------------------------------------------------------------------------


def settings_check_sql() -> str:
    """The `setting` table's trigger, generated from `console.settings.RULES`: each value within its rule,
    each key changed only by its post (the owner and superusers, who act as no person, only by the rule)."""
    whens = []
    for key, rule in sorted(RULES.items()):
        message = literal(f"设置“{key}”的取值无效：%")
        raise_ = f"RAISE EXCEPTION {message}, NEW.value USING ERRCODE = 'check_violation'"
        if rule.kind in ("int", "decimal"):
            shape = "^[0-9]+$" if rule.kind == "int" else "^[0-9]+(\\.[0-9]+)?$"
            checks = [f"NEW.value !~ {literal(shape)}"]
            bounds = [f"NEW.value::numeric {op} {bound}" for op, bound in (("<", rule.low), (">", rule.high))
                      if bound is not None]  # fmt: skip
            if bounds:
                checks.append(" OR ".join(bounds))  # cast only once the shape is known good
        else:
            checks = [f"NEW.value !~ {literal(rule.pattern or '.*')}"]
        tests = "\n".join(f"        IF {c} THEN {raise_}; END IF;" for c in checks)
        whens.append(
            f"    WHEN {literal(key)} THEN\n{tests}\n"
            f"        owner := {literal(rule.owner.value)}; owner_label := {literal(rule.owner.label)};"
        )
    body = "\n".join(whens)
    # stock phrases (console.phrases) are reference data: the posts that may `reference_edit` store and reset them
    editors = sorted(ADMIN_RULES["reference_edit"], key=lambda p: p.value)
    phrase_owners = "ARRAY[" + ", ".join(literal(p.value) for p in editors) + "]::text[]"
    phrase_label = literal("、".join(p.label for p in editors))
    return f"""
CREATE OR REPLACE FUNCTION gc_setting_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    person text := gc_acting_person();
    owner text := 'sysadmin';
    owner_label text := {literal(Post.SYSADMIN.label)};
    owners text[];
BEGIN
    IF TG_OP = 'DELETE' THEN  -- a stored list of stock phrases back to its defaults; no other setting
        IF OLD.key NOT LIKE 'phrases.%' THEN
            RAISE EXCEPTION '设置“%”不能删除，只能修改', OLD.key USING ERRCODE = 'raise_exception';
        END IF;
        IF person IS NOT NULL AND NOT gc_holds_any(person, {phrase_owners}) THEN
            RAISE EXCEPTION '常用语只能由%修改', {phrase_label} USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    CASE NEW.key
{body}
    ELSE
        IF length(NEW.value) > 20000 THEN
            RAISE EXCEPTION '设置“%”过长', NEW.key USING ERRCODE = 'check_violation';
        END IF;
    END CASE;
    owners := CASE WHEN NEW.key LIKE 'phrases.%' THEN {phrase_owners} ELSE ARRAY[owner] END;
    IF NEW.key LIKE 'phrases.%' THEN
        owner_label := {phrase_label};
    END IF;
    IF person IS NOT NULL AND NOT gc_holds_any(person, owners) THEN
        RAISE EXCEPTION '设置“%”只能由%修改', NEW.key, owner_label USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS trg_setting_check ON setting;
CREATE TRIGGER trg_setting_check BEFORE INSERT OR UPDATE OR DELETE ON setting FOR EACH ROW
    EXECUTE FUNCTION gc_setting_check();"""


def functions_sql(n: RoleNames) -> str:
    rule = policy_sql()  # the visibility rule table, rendered for row-level security
    visible = rule.visible
    case_seen = "EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)"
    dispatchers = f"(SELECT gc_holds_any(current_user::text, {rule.co_department_posts}))"
    definer = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp"
    now_cst = "(now() AT TIME ZONE 'Asia/Shanghai')::timestamp(0)"
    gate_msg = literal(f"锁定闸门角色 {n.gate} 的密码已被改动（不是经 admin pg-provision 设置的），闸门停止受理，"
                       "登录失败将无法计数：请安全管理员核实，由超级用户重设其密码后重新执行 admin pg-provision")
    return f"""
CREATE OR REPLACE FUNCTION gc_holds_any(p_login text, p_posts text[]) RETURNS boolean {definer} AS $$
    SELECT EXISTS (SELECT 1 FROM app_user u JOIN user_post p ON p.user_id = u.id
                   WHERE u.login = p_login AND u.active AND p.post = ANY (p_posts))
$$;
CREATE OR REPLACE FUNCTION gc_sees_all(p_login text) RETURNS boolean {definer} AS $$
    SELECT gc_holds_any(p_login, {rule.all_posts})
$$;
CREATE OR REPLACE FUNCTION gc_my_departments(p_login text) RETURNS integer[] {definer} AS $$
    SELECT coalesce(array_agg(p.department_id), '{{}}') FROM app_user u JOIN user_post p ON p.user_id = u.id
    WHERE u.login = p_login AND u.active AND p.post = ANY ({rule.department_posts})
      AND p.department_id IS NOT NULL
$$;
CREATE OR REPLACE FUNCTION gc_my_grid_patterns(p_login text) RETURNS text[] {definer} AS $$
    SELECT coalesce(array_agg(({subtree_prefix_sql("g.code")}) || '%'), '{{}}')
    FROM app_user u JOIN user_post p ON p.user_id = u.id JOIN grid g ON g.id = p.grid_id
    WHERE u.login = p_login AND u.active AND p.post = ANY ({rule.grid_posts})
$$;
CREATE OR REPLACE FUNCTION gc_setting_int(p_key text, p_default integer) RETURNS integer {definer} AS $$
    SELECT coalesce((SELECT CASE WHEN value ~ '^[0-9]+$' THEN value::integer END FROM setting
                     WHERE key = p_key), p_default)
$$;

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_cases_read ON cases;
DROP POLICY IF EXISTS gc_cases_report ON cases;
DROP POLICY IF EXISTS gc_cases_change ON cases;
CREATE POLICY gc_cases_read ON cases FOR SELECT USING {visible};
CREATE POLICY gc_cases_report ON cases FOR INSERT WITH CHECK (
    (SELECT gc_sees_all(current_user::text))
    OR cardinality((SELECT gc_my_departments(current_user::text))) > 0
    OR grid_code LIKE ANY ((SELECT gc_my_grid_patterns(current_user::text))::text[]));
CREATE POLICY gc_cases_change ON cases FOR UPDATE USING {visible} WITH CHECK {visible};

ALTER TABLE case_history ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_history_read ON case_history;
DROP POLICY IF EXISTS gc_history_append ON case_history;
CREATE POLICY gc_history_read ON case_history FOR SELECT USING ({case_seen});
CREATE POLICY gc_history_append ON case_history FOR INSERT
    WITH CHECK (actor = current_user::text AND {case_seen});

ALTER TABLE attachment ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_attachment_read ON attachment;
DROP POLICY IF EXISTS gc_attachment_add ON attachment;
CREATE POLICY gc_attachment_read ON attachment FOR SELECT USING ({case_seen});
CREATE POLICY gc_attachment_add ON attachment FOR INSERT WITH CHECK ({case_seen});

-- co-operating departments: only the posts that dispatch add or remove them; the rows (two ids) are readable
-- so that the cases policy may consult them without recursion (a policy here on `cases` would loop)
ALTER TABLE case_co_department ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_codep_read ON case_co_department;
DROP POLICY IF EXISTS gc_codep_add ON case_co_department;
DROP POLICY IF EXISTS gc_codep_remove ON case_co_department;
CREATE POLICY gc_codep_read ON case_co_department FOR SELECT USING (true);
CREATE POLICY gc_codep_add ON case_co_department FOR INSERT WITH CHECK ({dispatchers} AND {case_seen});
CREATE POLICY gc_codep_remove ON case_co_department FOR DELETE USING ({dispatchers} AND {case_seen});

{settings_check_sql()}

ALTER TABLE case_watch ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_watch_own ON case_watch;
CREATE POLICY gc_watch_own ON case_watch USING (login = current_user::text)
    WITH CHECK (login = current_user::text);

-- the lockout gate ------------------------------------------------------------------------------------
-- (a failed password cannot run SQL as its user, so the login dialog reports it through the gate role)
CREATE OR REPLACE FUNCTION gc_login_failed(p_login text, p_host text DEFAULT '') RETURNS timestamp
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    t timestamp := {now_cst};
    max_failures integer := gc_setting_int('lockout_failures', 5);
    minutes integer := gc_setting_int('lockout_minutes', 15);
    n integer;
    until timestamp;
BEGIN
    IF NOT gc_gate_sealed() THEN
        RAISE EXCEPTION {gate_msg} USING ERRCODE = '{GATE_TAMPERED}';
    END IF;
    INSERT INTO login_failure AS f (login, failures, last_failure_at, last_host, locked_until)
    VALUES (left(p_login, 63), 1, t, left(p_host, 100), NULL)
    ON CONFLICT (login) DO UPDATE SET
        failures = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= t THEN 1 ELSE f.failures + 1 END,
        locked_until = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= t THEN NULL
                            ELSE f.locked_until END,
        last_failure_at = t, last_host = left(p_host, 100)
    RETURNING failures, locked_until INTO n, until;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES (t, left(p_login, 63), left(p_host, 100), 'login_failed', '', false, format('密码错误（第 %s 次）', n));
    IF n >= max_failures AND until IS NULL THEN
        until := t + make_interval(mins => minutes);
        UPDATE login_failure SET locked_until = until WHERE login = p_login;
        IF gc_admin_plain_person(p_login) THEN
            EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
        END IF;
        INSERT INTO audit_log (at, login, host, event, object, success, detail)
        VALUES (t, left(p_login, 63), left(p_host, 100), 'account_locked', '', false,
                format('连续 %s 次登录失败，锁定至 %s', n, to_char(until, 'YYYY-MM-DD HH24:MI')));
    END IF;
    RETURN until;
END $$;

-- before a login attempt: lift a lock that has run out; returns when the lock ends (NULL: not locked)
CREATE OR REPLACE FUNCTION gc_login_gate(p_login text) RETURNS timestamp
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    t timestamp := {now_cst};
    until timestamp;
BEGIN
    IF NOT gc_gate_sealed() THEN
        RAISE EXCEPTION {gate_msg} USING ERRCODE = '{GATE_TAMPERED}';
    END IF;
    SELECT locked_until INTO until FROM login_failure WHERE login = p_login;
    IF until IS NOT NULL AND until <= t THEN
        DELETE FROM login_failure WHERE login = p_login;
        IF EXISTS (SELECT 1 FROM app_user WHERE login = p_login AND active) AND gc_admin_plain_person(p_login) THEN
            EXECUTE format('ALTER ROLE %I LOGIN', p_login);
        END IF;
        INSERT INTO audit_log (at, login, host, event, object, success, detail)
        VALUES (t, left(p_login, 63), '', 'account_unlocked', '', true, '锁定期满自动解除');
        RETURN NULL;
    END IF;
    RETURN until;
END $$;

-- after a successful login, by the person: the failure count starts again
CREATE OR REPLACE FUNCTION gc_login_succeeded() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM login_failure WHERE login = session_user::text
$$;

-- the caller's own last N password hashes (argon2id, computed by their client), newest first: keyed on the
-- login (session_user), never on an argument, so nobody reads another person's history
CREATE OR REPLACE FUNCTION gc_my_password_history() RETURNS SETOF text {definer} AS $$
    SELECT h.password_hash FROM password_history h JOIN app_user u ON u.id = h.user_id
    WHERE u.login = session_user::text AND u.active
    ORDER BY h.id DESC
    LIMIT least(greatest(gc_setting_int('password_history', 5), 0), 24)
$$;

-- a person changes their own password: the policy is checked here, whatever client is used; the argon2id hash
-- of the new password (computed by the client, which refused a reuse of the last N with
-- gc_my_password_history) joins their history with a bcrypt hash (pgcrypto) by which this function refuses a
-- reuse itself, trimmed to the configured length
DROP FUNCTION IF EXISTS gc_change_password(text);
CREATE OR REPLACE FUNCTION gc_change_password(p_password text, p_hash text) RETURNS timestamp
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me text := session_user::text;
    t timestamp := {now_cst};
    min_len integer := greatest(gc_setting_int('password_min_length', 8), 8);
    min_classes integer := greatest(gc_setting_int('password_min_classes', 3), 3);
    max_age integer := gc_setting_int('password_max_age_days', 90);
    keep integer := least(greatest(gc_setting_int('password_history', 5), 0), 24);
    uid integer;
    classes integer;
    expiry timestamp;
    crypto name;
    secret text;
    old_hash text;
    reused boolean;
    new_server_hash text;
BEGIN
    SELECT id INTO uid FROM app_user WHERE login = me AND active;
    IF uid IS NULL THEN
        RAISE EXCEPTION '只有控制台用户可以修改密码' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_hash IS NULL OR length(p_hash) > 200
       OR p_hash !~ '^\\$argon2id\\$v=[0-9]+\\$m=[0-9]+,t=[0-9]+,p=[0-9]+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$' THEN
        RAISE EXCEPTION '须提供客户端计算的新密码 argon2id 散列值（用于检查最近使用过的密码）'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    classes := (p_password ~ '[a-z]')::int + (p_password ~ '[A-Z]')::int + (p_password ~ '[0-9]')::int
               + (p_password ~ '[^a-zA-Z0-9]')::int;
    IF length(p_password) < min_len OR classes < min_classes
       OR position(lower(me) IN lower(p_password)) > 0 THEN
        RAISE EXCEPTION '密码不符合要求：长度至少 % 位，含小写字母、大写字母、数字、特殊字符中至少 % 类，且不能包含用户名',
            min_len, min_classes USING ERRCODE = 'check_violation';
    END IF;
    -- the reuse rule, here as well as in the console, wherever pgcrypto is installed (migration 0005 or
    -- pg-provision). Its functions are called in the extension's own schema, found in the catalog, never
    -- through search_path (this function runs with its owner's rights). bcrypt reads 72 bytes at most: it
    -- hashes the password's SHA-256, so long passphrases stay distinct.
    SELECT n.nspname INTO crypto FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pgcrypto';
    IF crypto IS NOT NULL AND has_schema_privilege(crypto, 'USAGE') THEN
        EXECUTE format('SELECT encode(%I.digest(convert_to($1, ''UTF8''), ''sha256''), ''hex'')', crypto)
            INTO secret USING p_password;
        FOR old_hash IN SELECT h.server_hash FROM password_history h
                        WHERE h.user_id = uid AND h.server_hash IS NOT NULL
                        ORDER BY h.id DESC LIMIT greatest(keep, 1) LOOP
            EXECUTE format('SELECT %I.crypt($1, $2) = $2', crypto) INTO reused USING secret, old_hash;
            IF reused THEN
                RAISE EXCEPTION '新密码不能与最近 % 次使用过的密码相同', greatest(keep, 1)
                    USING ERRCODE = 'check_violation';
            END IF;
        END LOOP;
        EXECUTE format('SELECT %1$I.crypt($1, %1$I.gen_salt(''bf'', 8))', crypto)
            INTO new_server_hash USING secret;
    END IF;
    expiry := CASE WHEN max_age > 0 THEN t + make_interval(days => max_age) END;
    EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', me, p_password,
                   coalesce(to_char(expiry, 'YYYY-MM-DD HH24:MI:SS') || '+08', 'infinity'));
    UPDATE app_user SET must_change = false, password_changed_at = t WHERE id = uid;
    INSERT INTO password_history (user_id, password_hash, server_hash, changed_at)
    VALUES (uid, p_hash, new_server_hash, t);
    DELETE FROM password_history WHERE user_id = uid AND id NOT IN (
        SELECT id FROM password_history WHERE user_id = uid ORDER BY id DESC LIMIT keep);
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES (t, me, coalesce(inet_client_addr()::text, ''), 'password_change', '', true, '');
    RETURN expiry;
END $$;

-- the retention job, for 审计管理员: never deletes rows younger than 180 days (the trigger agrees)
CREATE OR REPLACE FUNCTION gc_audit_purge(p_days integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    days integer := greatest(p_days, gc_setting_int('audit_retention_days', 180), 180);
    n integer;
BEGIN
    DELETE FROM audit_log WHERE at < {now_cst} - make_interval(days => days);
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES ({now_cst}, session_user::text, '', 'audit_purge', 'audit_log', true,
            format('保存期 %s 天，删除 %s 条', days, n));
    RETURN n;
END $$;
"""


# --- provisioning by the administrators (functions owned by the provisioner) ------------------------------

#: functions that change roles: owned by the provisioner (the only CREATEROLE role)
PROVISIONER_FUNCTIONS = (
    "gc_admin_post_group(text)",
    "gc_admin_post_label(text)",
    "gc_admin_caller(text)",
    "gc_admin_plain_person(text)",
    "gc_admin_target(text)",
    "gc_admin_check_new_login(text)",
    "gc_admin_check_secret(text,timestamp without time zone)",
    "gc_admin_add_user(text,text,text,timestamp without time zone,integer)",
    "gc_admin_set_active(text,boolean)",
    "gc_admin_grant_post(text,text,integer,integer)",
    "gc_admin_revoke_post(text,text,integer,integer)",
    "gc_admin_reset_password(text,text,timestamp without time zone)",
    "gc_unlock(text)",
    "gc_login_failed(text,text)",
    "gc_login_gate(text)",
    "gc_change_password(text,text)",
)


def _sql_array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join(literal(v) for v in values) + "]::text[]"


def provisioner_sql(n: RoleNames) -> str:
    """The narrow provisioning functions. Role names, the login pattern and the post groups are written in
    as constants at `provision()` time, so nothing a caller passes can name another role."""
    now_cst = "(now() AT TIME ZONE 'Asia/Shanghai')::timestamp(0)"
    groups = "\n".join(f"        WHEN {literal(p.value)} THEN {literal(n.group(p))}" for p in Post)
    labels = "\n".join(f"        WHEN {literal(p.value)} THEN {literal(p.label)}" for p in Post)
    admin_posts = _sql_array(sorted(p.value for p in ADMIN_POSTS))
    overseeing = _sql_array(sorted(p.value for p in OVERSEEING_SYSADMIN))
    system = _sql_array(n.system_roles())
    allowed_groups = _sql_array(n.all_groups())
    reserved = _sql_array(list(RESERVED_LOGINS))
    prefix_like = literal(n.prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%")
    max_days = ONE_TIME_MAX.days
    host = "coalesce(inet_client_addr()::text, '')"
    plpgsql = "LANGUAGE plpgsql SET search_path = public, pg_temp"
    definer = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
    return f"""
-- helpers: EXECUTE revoked from PUBLIC, so only the provisioner's own functions run them
CREATE OR REPLACE FUNCTION gc_admin_post_group(p_post text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
    SELECT CASE p_post
{groups}
    END
$$;
CREATE OR REPLACE FUNCTION gc_admin_post_label(p_post text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
    SELECT CASE p_post
{labels}
        ELSE p_post
    END
$$;

-- the administrator calling: their own login (session_user), an active console user holding the post both in
-- user_post and as a member of the post's group
CREATE OR REPLACE FUNCTION gc_admin_caller(p_post text) RETURNS text {plpgsql} AS $$
DECLARE
    me text := session_user::text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM app_user u JOIN user_post p ON p.user_id = u.id
                   WHERE u.login = me AND u.active AND p.post = p_post)
       OR NOT pg_has_role(me, gc_admin_post_group(p_post), 'MEMBER') THEN
        RAISE EXCEPTION '只有%（以本人的登录连接）可以执行此操作', gc_admin_post_label(p_post)
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN me;
END $$;

-- a plain console login: in app_user, a role with no attribute beyond LOGIN/INHERIT, member of nothing but
-- the deployment's groups, with no members and owning nothing; never a system or pg_ role
CREATE OR REPLACE FUNCTION gc_admin_plain_person(p_login text) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    r pg_roles%ROWTYPE;
BEGIN
    IF p_login IS NULL OR p_login = ANY ({system}) OR p_login = ANY ({reserved}) OR p_login LIKE 'pg\\_%'
       OR NOT EXISTS (SELECT 1 FROM app_user WHERE login = p_login) THEN
        RETURN false;
    END IF;
    SELECT * INTO r FROM pg_roles WHERE rolname = p_login;
    IF NOT FOUND OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls THEN
        RETURN false;
    END IF;
    RETURN NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                       WHERE m.member = r.oid AND NOT g.rolname = ANY ({allowed_groups}))
       AND NOT EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid)
       AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relowner = r.oid)
       AND NOT EXISTS (SELECT 1 FROM pg_proc WHERE proowner = r.oid)
       AND NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspowner = r.oid)
       AND NOT EXISTS (SELECT 1 FROM pg_database WHERE datdba = r.oid);
END $$;

-- the app_user id of the person acted on, or an error
CREATE OR REPLACE FUNCTION gc_admin_target(p_login text) RETURNS integer {plpgsql} AS $$
DECLARE
    uid integer;
BEGIN
    SELECT id INTO uid FROM app_user WHERE login = p_login;
    IF uid IS NULL THEN
        RAISE EXCEPTION '用户不存在：%', p_login USING ERRCODE = 'no_data_found';
    END IF;
    IF NOT gc_admin_plain_person(p_login) THEN
        RAISE EXCEPTION '不能通过控制台管理 %：它不是普通的控制台登录角色（超级用户、属主、系统角色或带有其他权限）', p_login
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN uid;
END $$;

CREATE OR REPLACE FUNCTION gc_admin_check_new_login(p_login text) RETURNS void {plpgsql} AS $$
BEGIN
    IF p_login IS NULL OR p_login !~ {literal(LOGIN_PATTERN)} THEN
        RAISE EXCEPTION '无效的登录名“%”：须以小写字母开头，只含小写字母、数字和下划线，2-63 位', p_login
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_login = ANY ({system}) OR p_login = ANY ({reserved}) OR p_login LIKE 'pg\\_%'
       OR p_login LIKE 'gc\\_%' OR p_login LIKE {prefix_like} THEN
        RAISE EXCEPTION '登录名 % 与系统角色重名或同前缀，不能使用', p_login USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
        RAISE EXCEPTION '数据库中已有角色 %', p_login USING ERRCODE = 'duplicate_object';
    END IF;
    IF EXISTS (SELECT 1 FROM app_user WHERE login = p_login) THEN
        RAISE EXCEPTION '登录名 % 已存在', p_login USING ERRCODE = 'unique_violation';
    END IF;
END $$;

-- a SCRAM verifier (never a clear password) and a one-time validity of at most {max_days} days
CREATE OR REPLACE FUNCTION gc_admin_check_secret(p_verifier text, p_valid_until timestamp) RETURNS void
{plpgsql} AS $$
BEGIN
    IF p_verifier IS NULL
       OR p_verifier !~ '^SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/]+=*\\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$' THEN
        RAISE EXCEPTION '须提供客户端计算的 SCRAM-SHA-256 口令校验值，不接受明文密码'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_valid_until IS NULL OR p_valid_until <= {now_cst}
       OR p_valid_until > {now_cst} + interval '{max_days} days' THEN
        RAISE EXCEPTION '一次性密码的有效期须在 {max_days} 天以内' USING ERRCODE = 'invalid_parameter_value';
    END IF;
END $$;

-- 系统管理员: a new person (no post yet) who must change the one-time password at first login
CREATE OR REPLACE FUNCTION gc_admin_add_user(p_login text, p_name text, p_verifier text,
                                             p_valid_until timestamp, p_person_id integer DEFAULT NULL)
RETURNS void {definer} AS $$
DECLARE
    me text := gc_admin_caller('sysadmin');
    t timestamp := {now_cst};
    who text := left(btrim(coalesce(p_name, '')), 40);
BEGIN
    PERFORM gc_admin_check_new_login(p_login);
    PERFORM gc_admin_check_secret(p_verifier, p_valid_until);
    IF who = '' THEN
        RAISE EXCEPTION '请填写姓名' USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO app_user (login, name, person_id, active, must_change, password_changed_at, created_at, created_by)
    VALUES (p_login, who, p_person_id, true, true, t, t, me);
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS '
                   'PASSWORD %L VALID UNTIL %L', p_login, p_verifier,
                   to_char(p_valid_until, 'YYYY-MM-DD HH24:MI:SS') || '+08');
    EXECUTE format('GRANT %I TO %I', {literal(n.user)}, p_login);
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES (t, me, {host}, 'user_add', '用户 ' || p_login, true, '姓名：' || who);
END $$;

-- 系统管理员: disable (NOLOGIN; people are never dropped) or enable a person
CREATE OR REPLACE FUNCTION gc_admin_set_active(p_login text, p_active boolean) RETURNS void {definer} AS $$
DECLARE
    me text := gc_admin_caller('sysadmin');
    t timestamp := {now_cst};
    uid integer := gc_admin_target(p_login);
    locked boolean;
BEGIN
    IF p_login = me THEN
        RAISE EXCEPTION '不能停用或启用自己的账号' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM user_post WHERE user_id = uid AND post = ANY ({overseeing})) THEN
        RAISE EXCEPTION '系统管理员不能停用或启用安全管理员、审计管理员（三员分立）：须由数据库属主办理'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE app_user SET active = p_active, disabled_at = CASE WHEN p_active THEN NULL ELSE t END WHERE id = uid;
    locked := EXISTS (SELECT 1 FROM login_failure WHERE login = p_login AND locked_until > t);
    EXECUTE format('ALTER ROLE %I %s', p_login, CASE WHEN p_active AND NOT locked THEN 'LOGIN' ELSE 'NOLOGIN' END);
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES (t, me, {host}, CASE WHEN p_active THEN 'user_enable' ELSE 'user_disable' END,
            '用户 ' || p_login, true, '');
END $$;

-- 安全管理员: a case post (with its department or grid); membership only in the deployment's post groups
CREATE OR REPLACE FUNCTION gc_admin_grant_post(p_login text, p_post text, p_department_id integer DEFAULT NULL,
                                               p_grid_id integer DEFAULT NULL) RETURNS void {definer} AS $$
DECLARE
    me text := gc_admin_caller('secadmin');
    t timestamp := {now_cst};
    grp text := gc_admin_post_group(p_post);
    uid integer;
    place text;
BEGIN
    IF grp IS NULL THEN
        RAISE EXCEPTION '未知的岗位：%', p_post USING ERRCODE = 'check_violation';
    END IF;
    uid := gc_admin_target(p_login);
    IF p_login = me THEN
        RAISE EXCEPTION '不能给自己授予岗位（须由另一位安全管理员办理）' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_post = ANY ({admin_posts}) THEN
        RAISE EXCEPTION '%岗位须由数据库属主授予（三员分立）', gc_admin_post_label(p_post)
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM user_post WHERE user_id = uid AND post = ANY ({admin_posts})) THEN
        RAISE EXCEPTION '该用户是系统管理员、安全管理员或审计管理员，不得兼任其他岗位（三员分立）'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (p_post = 'department') <> (p_department_id IS NOT NULL) THEN
        RAISE EXCEPTION '部门办理人须指定所在部门，其他岗位不按部门授予' USING ERRCODE = 'check_violation';
    END IF;
    IF (p_post = 'grid') <> (p_grid_id IS NOT NULL) THEN
        RAISE EXCEPTION '网格长/网格员须指定负责的网格，其他岗位不按网格授予' USING ERRCODE = 'check_violation';
    END IF;
    IF p_department_id IS NOT NULL THEN
        SELECT name INTO place FROM department WHERE id = p_department_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION '未知的部门：%', p_department_id USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF p_grid_id IS NOT NULL THEN
        SELECT name INTO place FROM grid WHERE id = p_grid_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION '未知的网格：%', p_grid_id USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    INSERT INTO user_post (user_id, post, department_id, grid_id, granted_at, granted_by)
    SELECT uid, p_post, p_department_id, p_grid_id, t, me
    WHERE NOT EXISTS (SELECT 1 FROM user_post WHERE user_id = uid AND post = p_post
                      AND department_id IS NOT DISTINCT FROM p_department_id
                      AND grid_id IS NOT DISTINCT FROM p_grid_id);
    EXECUTE format('GRANT %I TO %I', {literal(n.user)}, p_login);
    EXECUTE format('GRANT %I TO %I', grp, p_login);
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES (t, me, {host}, 'post_grant', '用户 ' || p_login, true,
            gc_admin_post_label(p_post) || coalesce('（' || place || '）', ''));
END $$;

-- 安全管理员: take a case post away (every scope of it unless a department or grid is named)
CREATE OR REPLACE FUNCTION gc_admin_revoke_post(p_login text, p_post text, p_department_id integer DEFAULT NULL,
                                                p_grid_id integer DEFAULT NULL) RETURNS void {definer} AS $$
DECLARE
    me text := gc_admin_caller('secadmin');
    t timestamp := {now_cst};
    grp text := gc_admin_post_group(p_post);
    uid integer;
    removed integer;
    place text;
BEGIN
    IF grp IS NULL THEN
        RAISE EXCEPTION '未知的岗位：%', p_post USING ERRCODE = 'check_violation';
    END IF;
    uid := gc_admin_target(p_login);
    IF p_login = me THEN
        RAISE EXCEPTION '不能撤销自己的岗位（须由另一位安全管理员办理）' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_post = ANY ({admin_posts}) THEN
        RAISE EXCEPTION '%岗位须由数据库属主撤销（三员分立）', gc_admin_post_label(p_post)
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    place := coalesce((SELECT name FROM department WHERE id = p_department_id),
                      (SELECT name FROM grid WHERE id = p_grid_id));
    DELETE FROM user_post WHERE user_id = uid AND post = p_post
        AND (p_department_id IS NULL OR department_id = p_department_id)
        AND (p_grid_id IS NULL OR grid_id = p_grid_id);
    GET DIAGNOSTICS removed = ROW_COUNT;
    IF removed = 0 THEN
        RAISE EXCEPTION '用户 % 没有该岗位：%', p_login, gc_admin_post_label(p_post) USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM user_post WHERE user_id = uid AND post = p_post) THEN
        EXECUTE format('REVOKE %I FROM %I', grp, p_login);
    END IF;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES (t, me, {host}, 'post_revoke', '用户 ' || p_login, true,
            gc_admin_post_label(p_post) || coalesce('（' || place || '）', ''));
END $$;

-- 安全管理员: a new one-time password (as a verifier) that must be changed at the next login; lifts a lock
CREATE OR REPLACE FUNCTION gc_admin_reset_password(p_login text, p_verifier text, p_valid_until timestamp)
RETURNS void {definer} AS $$
DECLARE
    me text := gc_admin_caller('secadmin');
    t timestamp := {now_cst};
    uid integer := gc_admin_target(p_login);
BEGIN
    IF p_login = me THEN
        RAISE EXCEPTION '请用“修改密码”修改自己的密码' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM user_post WHERE user_id = uid AND post = ANY ({admin_posts})) THEN
        RAISE EXCEPTION '系统管理员、安全管理员、审计管理员的密码须由数据库属主重置（三员分立）'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM gc_admin_check_secret(p_verifier, p_valid_until);
    EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', p_login, p_verifier,
                   to_char(p_valid_until, 'YYYY-MM-DD HH24:MI:SS') || '+08');
    UPDATE app_user SET must_change = true, password_changed_at = t WHERE id = uid;
    DELETE FROM login_failure WHERE login = p_login;
    IF EXISTS (SELECT 1 FROM app_user WHERE id = uid AND active) THEN
        EXECUTE format('ALTER ROLE %I LOGIN', p_login);
    END IF;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES (t, me, {host}, 'password_reset', '用户 ' || p_login, true, '');
END $$;

-- 安全管理员 lifts a lock at once
CREATE OR REPLACE FUNCTION gc_unlock(p_login text) RETURNS void {definer} AS $$
DECLARE
    me text := gc_admin_caller('secadmin');
    uid integer := gc_admin_target(p_login);
BEGIN
    DELETE FROM login_failure WHERE login = p_login;
    IF EXISTS (SELECT 1 FROM app_user WHERE id = uid AND active) THEN
        EXECUTE format('ALTER ROLE %I LOGIN', p_login);
    END IF;
    INSERT INTO audit_log (at, login, host, event, object, success, detail)
    VALUES ({now_cst}, me, {host}, 'account_unlocked', '用户 ' || p_login, true, '管理员解锁');
END $$;
"""
