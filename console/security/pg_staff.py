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

The rules are rendered from the tables in `console/` (`STAFF_RULES`, `ADMIN_RULES`, `visibility.policy_terms`),
never copied; `pg_roles.provision` runs `staff_sql`. The responsible people a reader reads come once per statement
from a kept set (`case_handler_reach`, migration 0020: per responsible person, the case columns the rule reads),
not from a probe of each person's cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.orm import Session

from console.security.pg_sql import ident, literal
from console.security.post_names import Post
from console.security.posts import ADMIN_RULES
from console.security.visibility import policy_terms

if TYPE_CHECKING:
    from console.security.pg_roles import RoleNames

ALL_STAFF, OWN_DEPARTMENT, GRID_STAFF, CASE_HANDLERS, SELF = (
    "all",
    "department",
    "grid_staff",
    "handlers",
    "self",
)

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

#: the columns of `cases` that `case_handler_reach` keeps per responsible person (migration 0020)
KEPT_COLUMNS = frozenset({"lead_department_id", "grid_code", "reported_by", "updated_by"})
_KEY = "responsible_person_id, lead_department_id, grid_code, reported_by, updated_by"


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
        CASE_HANDLERS: "id = ANY ((SELECT gc_my_case_handlers())::integer[])",
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


def case_handlers_sql(me: str = "session_user::text") -> str:
    """The responsible people of the cases `me` sees, as a query of one column: the visibility rule's terms
    (`visibility.policy_terms`) split by what they read — those reading only `KEPT_COLUMNS` over the kept set,
    each other one (the co-department term) over the cases it matches, so the planner can drive it from its own
    index."""
    terms = policy_terms(me, row="k")
    kept = " OR ".join(t.sql for t in terms if t.reads <= KEPT_COLUMNS)
    parts = [f"SELECT k.responsible_person_id FROM case_handler_reach k WHERE k.n > 0 AND ({kept})"]
    parts += [
        f"SELECT k.responsible_person_id FROM cases k WHERE k.responsible_person_id IS NOT NULL AND {t.sql}"
        for t in terms
        if not t.reads <= KEPT_COLUMNS
    ]
    return "\n    UNION ALL ".join(parts)


def rebuild_case_handlers(session: Session) -> None:
    """Recount `case_handler_reach` from `cases` (PostgreSQL; ~1 s per million cases), after a bulk load that
    went past its triggers (migration 0020 writes the same rows)."""
    if session.get_bind().dialect.name != "postgresql":
        return  # the application filters on SQLite: the table stays empty
    session.execute(text("LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE"))  # no case changes between the two
    session.execute(text("DELETE FROM case_handler_reach"))
    session.execute(text(
        f"INSERT INTO case_handler_reach ({_KEY}, n) SELECT {_KEY}, count(*) FROM cases "
        f"WHERE responsible_person_id IS NOT NULL GROUP BY {_KEY} ORDER BY {_KEY}"))  # fmt: skip


def case_handlers_drift(session: Session) -> int:
    """How many keys of `case_handler_reach` disagree with a recount of `cases` (0: it holds). A bulk load past
    its triggers leaves it stale, and a stale set hides people a post should see (`admin pg-check` says so and
    `admin pg-provision` rebuilds it)."""
    recount = (
        f"SELECT {_KEY}, count(*)::integer FROM cases WHERE responsible_person_id IS NOT NULL GROUP BY {_KEY}"
    )
    kept = f"SELECT {_KEY}, n FROM case_handler_reach WHERE n <> 0"
    return int(session.scalar(text(
        f"SELECT (SELECT count(*) FROM ({recount} EXCEPT {kept}) a) + (SELECT count(*) FROM ({kept} EXCEPT {recount}) b)"
    )) or 0)  # fmt: skip


def staff_sql(n: RoleNames) -> str:
    prov = ident(n.provisioner)
    listers = _holds(ADMIN_RULES["user_list"])
    editors = _holds(ADMIN_RULES["reference_edit"])
    return f"""
-- the responsible people (办理人) of the cases the caller sees (their names are in those cases' views), once per
-- statement: the rule's terms that read only kept columns asked of the kept set (case_handler_reach, migration
-- 0020: a few thousand rows), each other term of the cases it matches. Its arrays (the caller's departments) are
-- known only when it runs, so the planner would hash every case to join the co-operated ones: it is told to look
-- them up by id instead (~5,000 for a department at a million cases, ~25 ms; a hash join read them all, ~0.9 s)
CREATE OR REPLACE FUNCTION gc_my_case_handlers() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
SET enable_hashjoin = off SET enable_mergejoin = off SET jit = off AS $$
    SELECT coalesce(array_agg(DISTINCT p), '{{}}'::integer[]) FROM ({case_handlers_sql()}) s (p)
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
DROP FUNCTION IF EXISTS gc_sees_a_case_of(integer);  -- the earlier form, asked per person (migration 0017)
CREATE POLICY gc_person_edit ON person USING ({editors}) WITH CHECK ({editors});"""
