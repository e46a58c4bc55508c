"""PostgreSQL mode: the 事项清单 row reaches the version in force on its day for every login.

Only the reference editors (`ADMIN_RULES["reference_edit"]`) may write `category`, yet a change dated tomorrow
must show to a dispatcher from tomorrow's first read (`console.setup.item_list.keep_current`). This SECURITY
DEFINER function does, for any console role, exactly what `item_list.apply_due_versions` does and nothing else:
it copies into each `category` row (and its own `stage_limit` rows) the latest version recorded for it whose day
has come, when that version is later than the one the row shows (`category.version_id`: never backwards). The
day is the console's (its clock may be pinned), but never later than the server's own day in China Standard
Time, so no seat can bring a planned change in early. It writes nothing a set-up editor did not record.
"""

from __future__ import annotations

#: the function's signature as `pg_roles.provision` grants it
SIGNATURE = "gc_apply_due_category_versions(date)"


def item_list_sql() -> str:
    return """
CREATE OR REPLACE FUNCTION gc_apply_due_category_versions(p_day date) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    day date := least(p_day, (now() AT TIME ZONE 'Asia/Shanghai')::date);
    c record;
    v category_version%ROWTYPE;
    shown category_version%ROWTYPE;
    handle text;
    changed integer := 0;
BEGIN
    FOR c IN SELECT id, version_id FROM category ORDER BY id LOOP
        SELECT * INTO v FROM category_version WHERE category_id = c.id AND effective_from <= day
            ORDER BY effective_from DESC, id DESC LIMIT 1;
        CONTINUE WHEN NOT FOUND;
        IF c.version_id IS NOT NULL THEN
            SELECT * INTO shown FROM category_version WHERE id = c.version_id;
            CONTINUE WHEN FOUND AND (shown.effective_from, shown.id) >= (v.effective_from, v.id);
        END IF;
        -- the row again, locked, so two seats starting the day together apply it once
        PERFORM 1 FROM category WHERE id = c.id AND version_id IS NOT DISTINCT FROM c.version_id FOR UPDATE;
        CONTINUE WHEN NOT FOUND;
        handle := v.limits::jsonb ->> v.severity;
        UPDATE category SET name = v.name, key_area = v.key_area, severity = v.severity, active = v.active,
            default_department_id = v.lead_department_id, limit_type = split_part(handle, ':', 1),
            limit_value = split_part(handle, ':', 2)::integer, workflow = v.workflow,
            closing_standard = v.closing_standard, version_id = v.id
        WHERE id = c.id;
        DELETE FROM stage_limit WHERE category_id = c.id;
        INSERT INTO stage_limit (category_id, stage, limit_type, limit_value)
            SELECT c.id, s.key, split_part(s.value, ':', 1), split_part(s.value, ':', 2)::integer
            FROM jsonb_each_text(v.stage_limits::jsonb) AS s;
        changed := changed + 1;
    END LOOP;
    RETURN changed;
END $$;"""
