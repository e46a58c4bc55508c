"""PostgreSQL mode: who reads which rows of the staff (`person`) and of the accounts (`app_user`, `user_post`).

Decided per post from what its console screens read (issue 15, class 4's "known gaps"):

- `app_user`, `user_post` (logins, names, who holds which post where): each person reads their own rows (the
  console loads its user's posts); the posts of `ADMIN_RULES["user_list"]` (系统/安全/审计管理员) read all of
  them (the user list); the provisioner's functions act on them (as `gc_provisioner`, their owner).
- `person` (staff names, department, login; the phone is never readable: `pg_personal`), by `STAFF_RULES`:
  the center posts and the staff's maintainer (`ADMIN_RULES["reference_edit"]`) read every row; a department
  handler the people of their department, everyone holding a grid post (grid panels show every grid's staff, as
  the 网格公示牌 does) and the responsible person (办理人) of every case they see; a grid worker the grid staff
  and the responsible people of the cases they see; 安全管理员 and 审计管理员, who never see case content,
  only the person linked to their own account. The staff's maintainers alone write it.
- `grid_assignment` (person id, grid, role, dates: no name, no phone) stays readable by every console role: the
  grid panel of any grid lists its posts (`catalogue.BY_DESIGN`).

The rules are rendered from the tables in `console/` (`STAFF_RULES`, `ADMIN_RULES`, `visibility.policy_sql`),
never copied; `pg_roles.provision` runs `staff_sql`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from console.security.pg_sql import ident, literal
from console.security.post_names import Post
from console.security.posts import ADMIN_RULES
from console.security.visibility import policy_sql

if TYPE_CHECKING:
    from console.security.pg_roles import RoleNames

ALL_STAFF, OWN_DEPARTMENT, GRID_STAFF, CASE_HANDLERS, SELF = "all", "department", "grid_staff", "handlers", "self"

#: post → which rows of `person` it reads (beside its own person, which everyone reads)
STAFF_RULES: dict[Post, frozenset[str]] = {
    Post.DISPATCHER: frozenset({ALL_STAFF}),
    Post.HEAD: frozenset({ALL_STAFF}),
    Post.INSPECTOR: frozenset({ALL_STAFF}),
    Post.DEPARTMENT: frozenset({OWN_DEPARTMENT, GRID_STAFF, CASE_HANDLERS}),
    Post.GRID: frozenset({GRID_STAFF, CASE_HANDLERS}),
    **{p: frozenset({ALL_STAFF}) for p in ADMIN_RULES["reference_edit"]},
    **{p: frozenset({SELF}) for p in (Post.SECADMIN, Post.AUDITOR) if p not in ADMIN_RULES["reference_edit"]},
}

_ME = "current_user::text"


def _posts(posts: frozenset[Post] | set[Post]) -> str:
    return "ARRAY[" + ", ".join(literal(p.value) for p in sorted(posts, key=lambda p: p.value)) + "]::text[]"


def _holds(posts: frozenset[Post] | set[Post]) -> str:
    return f"(SELECT gc_holds_any({_ME}, {_posts(posts)}))"


def person_read_sql() -> str:
    """The rows of `person` the caller reads, from `STAFF_RULES`."""
    rows = {
        ALL_STAFF: "true",
        OWN_DEPARTMENT: f"department_id = ANY ((SELECT gc_my_departments({_ME}))::integer[])",
        GRID_STAFF: "EXISTS (SELECT 1 FROM grid_assignment a WHERE a.person_id = person.id)",
        CASE_HANDLERS: "gc_sees_a_case_of(id)",
        SELF: "false",  # the own person is read by everyone (below)
    }
    terms = []
    for kind, sql in rows.items():
        posts = {p for p, kinds in STAFF_RULES.items() if kind in kinds}
        if posts and kind != SELF:
            terms.append(f"({_holds(posts)} AND {sql})")
    terms.append(f"login = {_ME}")
    terms.append(f"id = (SELECT u.person_id FROM app_user u WHERE u.login = {_ME})")
    return "(\n        " + "\n        OR ".join(terms) + "\n    )"


def staff_sql(n: RoleNames) -> str:
    prov = ident(n.provisioner)
    listers = _holds(ADMIN_RULES["user_list"])
    editors = _holds(ADMIN_RULES["reference_edit"])
    visible = policy_sql(me="session_user::text").visible
    return f"""
-- is the person the responsible person (办理人) of a case the caller sees (their name is in that case's view)?
-- Asked per person row, after the cheaper terms: the person's cases on ix_case_responsible_person (migration
-- 0017) until the first the caller sees
CREATE OR REPLACE FUNCTION gc_sees_a_case_of(p_person_id integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM cases WHERE responsible_person_id = p_person_id AND {visible})
$$;

ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_app_user_read ON app_user;
DROP POLICY IF EXISTS gc_app_user_provision ON app_user;
CREATE POLICY gc_app_user_read ON app_user FOR SELECT USING (login = {_ME} OR {listers});
CREATE POLICY gc_app_user_provision ON app_user TO {prov} USING (true) WITH CHECK (true);

ALTER TABLE user_post ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_user_post_read ON user_post;
DROP POLICY IF EXISTS gc_user_post_provision ON user_post;
CREATE POLICY gc_user_post_read ON user_post FOR SELECT
    USING (user_id = (SELECT u.id FROM app_user u WHERE u.login = {_ME}) OR {listers});
CREATE POLICY gc_user_post_provision ON user_post TO {prov} USING (true) WITH CHECK (true);

ALTER TABLE person ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gc_person_read ON person;
DROP POLICY IF EXISTS gc_person_edit ON person;
CREATE POLICY gc_person_read ON person FOR SELECT USING {person_read_sql()};
DROP FUNCTION IF EXISTS gc_my_case_handlers();  -- the earlier form of gc_sees_a_case_of (all of them at once)
CREATE POLICY gc_person_edit ON person USING ({editors}) WITH CHECK ({editors});"""
