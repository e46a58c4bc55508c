"""What each table holds, and what a console role may do with it on a live server (`gridconsole admin pg-check`).

Every table of the schema is classified here once: a new table without a class is an error of the test suite,
so nobody adds a table the security model has not thought about. On PostgreSQL, `check` asks the server's
catalog, for every console role (the person group, each post group and the gate), which privileges it holds
on each table, and reports every table of case, person or security data that a console role can read or
write while row-level security is off (a grant of some of a table's columns counts), and every personal data
column (`pg_personal.PERSONAL_COLUMNS`) a console role can read directly, which is never a known gap. The known
gaps are listed with what is left to do, so the check prints them without failing the deployment silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import text
from sqlalchemy.orm import Session

from console.models import Base
from console.security.pg_personal import PERSONAL_COLUMNS
from console.security.pg_roles import RoleNames
from console.security.post_names import Post


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
    "calendar_day": Holds.REFERENCE,
    "calendar_year": Holds.REFERENCE,
    "meeting": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "meeting_attendee": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "agenda_item": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "meeting_decision": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "meeting_proposal": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "meeting_addendum": Holds.CASE,  # under row-level security by the case rule (pg_meetings)
    "review_rule_set": Holds.DERIVED,
    "review_result": Holds.DERIVED,
    "review_adjustment": Holds.DERIVED,
    "review_appeal": Holds.DERIVED,
    "spot_check": Holds.DERIVED,
    "spot_check_item": Holds.DERIVED,
    "supervision_notice": Holds.DERIVED,
}

#: console-role access to guarded data that is known and not yet closed: table → what is left
KNOWN_GAPS: dict[str, str] = {
    "person": "工作人员姓名、所属部门、在职状态对所有控制台角色可读（电话不可直接读取，只能经脱敏和留痕的查看函数）",
    "grid_assignment": "网格人员分工对所有控制台角色可读（只含人员编号与网格，不含电话）",
    "app_user": "用户名单（登录名、姓名、状态）对所有控制台角色可读；口令散列不在 PostgreSQL 模式下存放",
    "user_post": "岗位授予对所有控制台角色可读（谁在哪个部门、网格任职）",
}

GUARDED = (Holds.CASE, Holds.PERSON, Holds.SECURITY)

#: grants on guarded tables without row-level security that the design relies on: table → privilege → who
#: ("user": every person; else a post). The audit log takes each person's own rows (a trigger writes the login,
#: nobody may change or delete a row) and only the 审计管理员 reads it; the administrators read login failures.
BY_DESIGN: dict[str, dict[str, frozenset[str]]] = {
    "audit_log": {"INSERT": frozenset({"user"}), "SELECT": frozenset({"auditor"})},
    "login_failure": {"SELECT": frozenset({"sysadmin", "secadmin", "auditor"})},
}


@dataclass(frozen=True)
class Finding:
    table: str
    holds: Holds
    role: str
    privileges: tuple[str, ...]
    known: str = ""  # the KNOWN_GAPS text, when this finding is one

    def __str__(self) -> str:
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
                if kind not in allowed.get(p, frozenset()) and "user" not in allowed.get(p, frozenset())
                and session.scalar(  # a grant through membership counts, and so does a grant of some columns
                    text("SELECT has_table_privilege(:r, :t, :p)" if p == "DELETE"
                         else "SELECT has_any_column_privilege(:r, :t, :p)"),
                    {"r": role, "t": f"public.{table}", "p": p},
                )
            )
            if held:
                findings.append(Finding(table, holds, role, held, KNOWN_GAPS.get(table, "")))  # type: ignore[arg-type]
    return findings + personal_findings(session, kinds)


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
