"""What each table holds, and what a console role may do with it on a live server (`gridconsole admin pg-check`).

Every table of the schema is classified here once: a new table without a class is an error of the test suite,
so nobody adds a table the security model has not thought about. On PostgreSQL, `check` asks the server's
catalog, for every console role (the person group, each post group and the gate), which privileges it holds
on each table, and reports every table of case, person or security data that a console role can read or
write while row-level security is off (a grant of some of a table's columns counts), and every personal data
column (`pg_personal.PERSONAL_COLUMNS`) a console role can read directly, which is never a known gap, and a
check of `cases`' UPDATEs (`pg_workflow`) that is missing, disabled or older than this version's actions, and
reveal functions of the phones (`pg_personal`) older than this version's. The
known gaps are listed with what is left to do, so the check prints them without failing the deployment silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import text
from sqlalchemy.orm import Session

from console.models import Base
from console.security.pg_personal import PERSONAL_COLUMNS, reveal_bodies
from console.security.pg_roles import RoleNames
from console.security.pg_staff import case_handlers_drift
from console.security.pg_workflow import CHECKS, check_bodies
from console.security.post_names import Post
from console.security.posts import ADMIN_RULES


class Holds(StrEnum):
    CASE = "case"  # case content: only under row-level security
    PERSON = "person"  # people's names, phones, accounts
    SECURITY = "security"  # audit, logins, passwords
    DERIVED = "derived"  # review results: case numbers and figures, read by every post
    REFERENCE = "reference"  # the grid tree, departments, categories, the calendar, settings, counters


TABLES: dict[str, Holds] = {
    "cases": Holds.CASE,
    "case_history": Holds.CASE,
    "attachment": Holds.CASE,
    "case_co_department": Holds.CASE,
    "case_watch": Holds.CASE,
    "case_change": Holds.REFERENCE,  # case ids and a sequence number (the live feed)
    "case_counts": Holds.REFERENCE,  # counts per grid and status
    # responsible people by department, grid, reporter and updater (pg_staff): only through gc_my_case_handlers
    "case_handler_reach": Holds.CASE,
    "case_number_counter": Holds.REFERENCE,
    "person": Holds.PERSON,
    "grid_assignment": Holds.PERSON,
    "app_user": Holds.SECURITY,
    "user_post": Holds.SECURITY,
    "password_history": Holds.SECURITY,
    "login_failure": Holds.SECURITY,
    "audit_log": Holds.SECURITY,
    "setting": Holds.REFERENCE,
    "grid": Holds.REFERENCE,
    "grid_event": Holds.REFERENCE,
    "department": Holds.REFERENCE,
    "category": Holds.REFERENCE,
    "stage_limit": Holds.REFERENCE,
    "category_version": Holds.REFERENCE,  # dated versions of the 事项清单 (console.setup.item_list)
    "calendar_day": Holds.REFERENCE,
    "calendar_year": Holds.REFERENCE,
    "meeting": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "meeting_attendee": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "agenda_item": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "meeting_decision": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "meeting_proposal": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "meeting_addendum": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    # the agenda proposal's counts (places from addresses, disputed cases): rows only for who sees every case
    "case_place": Holds.CASE,
    "place_report_day": Holds.CASE,
    "place_report_tally": Holds.CASE,
    "case_dispute_count": Holds.CASE,
    "review_rule_set": Holds.DERIVED,
    "review_result": Holds.DERIVED,
    "review_adjustment": Holds.DERIVED,
    "review_appeal": Holds.DERIVED,
    "review_case_month": Holds.DERIVED,  # per case and month the review sets it is in (triggers keep it)
    "review_dispatch_month": Holds.DERIVED,  # per case, month and department dispatched to (triggers)
    "review_case_day": Holds.DERIVED,  # per case and day: reported, closed, fell overdue (triggers)
    "review_day_counts": Holds.DERIVED,  # the weekly trend per day, grid, category, department, handler
    "spot_check": Holds.DERIVED,
    "spot_check_item": Holds.DERIVED,
    "supervision_notice": Holds.DERIVED,
}

#: console-role access to guarded data that is known and not yet closed: table → what is left. (Staff and
#: accounts are under row-level security by post since issue 15: `pg_staff`; what a post still reads there is
#: what its screens show, documented in docs/SECURITY.md.)
KNOWN_GAPS: dict[str, str] = {}

GUARDED = (Holds.CASE, Holds.PERSON, Holds.SECURITY)

#: grants on guarded tables without row-level security that the design relies on: table → privilege → who
#: ("user": every person; else a post). The audit log takes each person's own rows (a trigger writes the login,
#: nobody may change or delete a row) and only the 审计管理员 reads it; the administrators read login failures.
BY_DESIGN: dict[str, dict[str, frozenset[str]]] = {
    "audit_log": {"INSERT": frozenset({"user"}), "SELECT": frozenset({"auditor"})},
    "login_failure": {"SELECT": frozenset({"sysadmin", "secadmin", "auditor"})},
    # who holds which post in which grid (person ids, roles, dates; no names, no phones): the grid panel of any
    # grid lists its posts to every post, as the 网格公示牌 does; the names are in `person`, under its policy.
    # The staff's maintainers (set-up, `reference_edit`) write it.
    "grid_assignment": {
        "SELECT": frozenset({"user"}),
        **{p: frozenset(x.value for x in ADMIN_RULES["reference_edit"]) for p in ("INSERT", "UPDATE")},
    },
}


@dataclass(frozen=True)
class Finding:
    table: str
    holds: Holds
    role: str
    privileges: tuple[str, ...]
    known: str = ""  # the KNOWN_GAPS text, when this finding is one
    problem: str = ""  # a finding about the table's guard itself (the workflow check), not a role's grant

    def __str__(self) -> str:
        if self.problem:
            return f"{self.table}：{self.problem}"
        if "." in self.table:  # a personal data column
            return f"{self.table}（个人信息）：{self.role} 可直接读取，应只能经脱敏和留痕的查看函数读取"
        what = f"{self.table}（{self.holds.value}）：{self.role} 可 {'/'.join(self.privileges)}，且未启用行级安全"
        return what + (f"——已知：{self.known}" if self.known else "")


def unclassified() -> list[str]:
    """Tables of the schema that this catalogue does not know."""
    return sorted(set(Base.metadata.tables) - set(TABLES))


def check(session: Session, names: RoleNames) -> list[Finding]:
    """Every guarded table a console role can read or write on this server without row-level security."""
    kinds = {names.user: "user", names.gate: "gate", **{names.group(p): p.value for p in Post}}
    findings: list[Finding] = []
    rows = session.execute(
        text(
            "SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r'"
        )
    ).all()
    for table, rls in sorted(rows):
        holds = TABLES.get(table)
        if holds not in GUARDED or rls:
            continue
        allowed = BY_DESIGN.get(table, {})
        for role, kind in kinds.items():
            exists = session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
            if not exists:
                continue
            held = tuple(
                p
                for p in ("SELECT", "INSERT", "UPDATE", "DELETE")
                if kind not in allowed.get(p, frozenset())
                and "user" not in allowed.get(p, frozenset())
                and session.scalar(  # a grant through membership counts, and so does a grant of some columns
                    text(
                        "SELECT has_table_privilege(:r, :t, :p)"
                        if p == "DELETE"
                        else "SELECT has_any_column_privilege(:r, :t, :p)"
                    ),
                    {"r": role, "t": f"public.{table}", "p": p},
                )
            )
            if held:
                findings.append(Finding(table, holds, role, held, KNOWN_GAPS.get(table, "")))  # type: ignore[arg-type]
    return (findings + personal_findings(session, kinds) + reveal_findings(session) + workflow_findings(session)
            + kept_set_findings(session))  # fmt: skip


def kept_set_findings(session: Session) -> list[Finding]:
    """The responsible people's kept set (`case_handler_reach`), which the `person` policy reads, agrees with the
    cases: a stale one hides people a post should see."""
    if session.scalar(text("SELECT to_regclass('public.case_handler_reach')")) is None:
        return []
    drift = case_handlers_drift(session)
    if not drift:
        return []
    return [Finding("case_handler_reach", Holds.CASE, "", (), problem=f"办理人集合与案件不一致（{drift} 处，可能有批量"
                    "导入绕过了触发器）：部门办理人、网格员会看不到本应看到的人员；请执行 admin pg-provision 重建")]  # fmt: skip


def workflow_findings(session: Session) -> list[Finding]:
    """The checks of every write of a case by a console role (`pg_workflow.CHECKS`: an UPDATE's transition, post,
    scope, version and columns; an INSERT as a report; a history row only with its case's change) are installed,
    enabled, and rendered from this version's actions."""
    bodies = check_bodies()
    for trigger, table, event, function in CHECKS:
        enabled = session.scalar(text(
            "SELECT t.tgenabled <> 'D' FROM pg_trigger t WHERE t.tgrelid = ('public.' || :t)::regclass "
            "AND t.tgname = :n"
        ), {"t": table, "n": trigger})  # fmt: skip
        if not enabled:
            return [Finding(table, Holds.CASE, "", (), problem=f"流程检查触发器 {trigger}（{event}）缺失或已停用：控制台"
                            "角色可不经流程直接写入案件或流程记录；请执行 admin pg-provision")]  # fmt: skip
        body = session.scalar(text(
            "SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.proname = :f"
        ), {"f": function})  # fmt: skip
        if body != bodies[function]:
            return [Finding(table, Holds.CASE, "", (), problem=f"流程检查函数 {function} 与本版本的操作定义"
                            "（状态、岗位、可修改的字段）不一致；请执行 admin pg-provision")]  # fmt: skip
    return []


def reveal_findings(session: Session) -> list[Finding]:
    """The reveal functions (`pg_personal.REVEAL_FUNCTIONS`) are this version's: one from before shows a full
    number whose audit row a ROLLBACK takes back."""
    stale = []
    for name, body in reveal_bodies().items():
        server = session.scalar(text(
            "SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.proname = :f"
        ), {"f": name})  # fmt: skip
        if server != body:
            stale.append(name)
    if not stale:
        return []
    return [Finding("audit_log", Holds.SECURITY, "", (), problem=f"个人信息查看函数 {'、'.join(stale)} 缺失或与本版本不一致"
                    "（完整号码须在查看的审计记录提交后才显示）；请执行 admin pg-provision")]  # fmt: skip


def personal_findings(session: Session, roles: dict[str, str]) -> list[Finding]:
    """Every personal data column (`pg_personal.PERSONAL_COLUMNS`) a console role can read directly: none may,
    row-level security or not (they are read through the masking and audited reveal functions)."""
    findings = []
    for table, columns in PERSONAL_COLUMNS.items():
        for column in columns:
            for role in roles:
                if not session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}):
                    continue
                if session.scalar(text("SELECT has_column_privilege(:r, :t, :c, 'SELECT')"),
                                  {"r": role, "t": f"public.{table}", "c": column}):  # fmt: skip
                    findings.append(Finding(f"{table}.{column}", Holds.PERSON, role, ("SELECT",)))
    return findings
