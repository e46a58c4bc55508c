"""Row-level security on the consultation meeting tables (PostgreSQL mode), rendered from the rule the application
uses (`console.meetings.access.MEETING_REACHES`, itself the case rule's reaches): without it every console role
read every meeting, agenda, decision and proposal with psql, while the console showed a department handler or a
grid worker only theirs.

`gc_my_meetings(login)` lists the meeting ids a person sees through their departments and grids; it is a
SECURITY DEFINER function (the owner's view of the tables) so that the policies on `meeting` and on the tables
that point to it do not recurse into each other. The policies call it once per statement (an InitPlan).
Proposals (提请会商) follow their case: a person sees and files those of the cases they see.
"""

from __future__ import annotations

from console.meetings.access import MEETING_REACHES
from console.security.post_names import Post
from console.security.visibility import Reach

#: the tables that hang off a meeting by `meeting_id`
CHILD_TABLES = ("meeting_attendee", "agenda_item", "meeting_decision", "meeting_addendum")
#: the counts the agenda proposal reads (`console.meetings.counted`, migration 0014): every console role may read
#: them (SELECT, like every table of the metadata), but their rows show only to a person who sees every case —
#: their places and tallies would otherwise tell a department handler about cases it may not see (the proposal
#: of such a person counts over the cases it sees instead); only their SECURITY DEFINER triggers write them
COUNT_TABLES = ("case_place", "place_report_day", "place_report_tally", "case_dispute_count")
TABLES = ("meeting", *CHILD_TABLES, "meeting_proposal", *COUNT_TABLES)


def _array(posts: frozenset[Post]) -> str:
    return "ARRAY[" + ", ".join(f"'{p.value}'" for p in sorted(posts)) + "]::text[]"


def visible_sql(column: str) -> str:
    """The USING expression: `column` (a meeting id) is one the current login sees."""
    everyone = _array(MEETING_REACHES[Reach.ALL])
    return (f"((SELECT gc_holds_any(current_user::text, {everyone})) "
            f"OR {column} = ANY ((SELECT gc_my_meetings(current_user::text))::integer[]))")  # fmt: skip


def meetings_sql() -> str:
    """The function and the policies (idempotent: `admin pg-provision` runs it again after each upgrade)."""
    departments = _array(MEETING_REACHES[Reach.DEPARTMENT])
    grids = _array(MEETING_REACHES[Reach.GRID])
    case_seen = "EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)"
    parts = [f"""
CREATE OR REPLACE FUNCTION gc_my_meetings(p_login text) RETURNS integer[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    deps integer[] := CASE WHEN gc_holds_any(p_login, {departments}) THEN gc_my_departments(p_login)
                           ELSE '{{}}' END;
    pats text[] := CASE WHEN gc_holds_any(p_login, {grids}) THEN gc_my_grid_patterns(p_login) ELSE '{{}}' END;
BEGIN
    IF cardinality(deps) = 0 AND cardinality(pats) = 0 THEN
        RETURN '{{}}';
    END IF;
    RETURN (SELECT coalesce(array_agg(m.id), '{{}}') FROM meeting m WHERE
        m.scope_code LIKE ANY (pats)
        OR EXISTS (SELECT 1 FROM agenda_item i JOIN cases c ON c.id = i.case_id
                   WHERE i.meeting_id = m.id AND i.removed_at IS NULL
                     AND (c.lead_department_id = ANY (deps) OR c.grid_code LIKE ANY (pats)
                          OR EXISTS (SELECT 1 FROM case_co_department cd
                                     WHERE cd.case_id = c.id AND cd.department_id = ANY (deps))))
        OR EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = m.id AND a.department_id = ANY (deps))
        OR EXISTS (SELECT 1 FROM meeting_decision d WHERE d.meeting_id = m.id AND d.department_id = ANY (deps)));
END $$;
ALTER TABLE meeting ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_meeting_read ON meeting;
DROP POLICY IF EXISTS gc_meeting_add ON meeting;
DROP POLICY IF EXISTS gc_meeting_change ON meeting;
CREATE POLICY gc_meeting_read ON meeting FOR SELECT USING {visible_sql("id")};
CREATE POLICY gc_meeting_add ON meeting FOR INSERT WITH CHECK (true);
CREATE POLICY gc_meeting_change ON meeting FOR UPDATE USING {visible_sql("id")};"""]
    for table in CHILD_TABLES:
        seen = visible_sql("meeting_id")
        parts.append(f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_{table}_read ON {table};
DROP POLICY IF EXISTS gc_{table}_add ON {table};
DROP POLICY IF EXISTS gc_{table}_change ON {table};
CREATE POLICY gc_{table}_read ON {table} FOR SELECT USING {seen};
CREATE POLICY gc_{table}_add ON {table} FOR INSERT WITH CHECK {seen};
CREATE POLICY gc_{table}_change ON {table} FOR UPDATE USING {seen};""")
    parts.append(f"""
ALTER TABLE meeting_proposal ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_meeting_proposal_read ON meeting_proposal;
DROP POLICY IF EXISTS gc_meeting_proposal_add ON meeting_proposal;
DROP POLICY IF EXISTS gc_meeting_proposal_change ON meeting_proposal;
CREATE POLICY gc_meeting_proposal_read ON meeting_proposal FOR SELECT USING ({case_seen});
CREATE POLICY gc_meeting_proposal_add ON meeting_proposal FOR INSERT WITH CHECK ({case_seen});
CREATE POLICY gc_meeting_proposal_change ON meeting_proposal FOR UPDATE USING ({case_seen});""")
    for table in COUNT_TABLES:
        parts.append(f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_{table}_read ON {table};
CREATE POLICY gc_{table}_read ON {table} FOR SELECT USING ((SELECT gc_sees_all(current_user::text)));""")
    return "\n".join(parts)
