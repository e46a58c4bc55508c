"""What PostgreSQL mode needs of the server beyond the database: the parts only a superuser can set, and the
lines `postgresql.conf` needs (`admin pg-provision` prints them).

- The gate's seal: every seat knows the gate's password, and any of them could change it (PostgreSQL lets every
  login change its own password), so that no seat could report failures any more. `seal` writes the digest of
  the gate's current password verifier into `gc_gate_sealed()`, a superuser's SECURITY DEFINER function (only
  a superuser reads `pg_authid`); the lockout functions refuse every call once the verifier differs, and the
  console then refuses the login (`console.security.login`). Setting the gate's password again is the
  administrator's act: re-run `pg-provision` as a superuser afterwards, which seals the new one.
- No clear password in the server log: `gc_change_password` receives the new password (to check the policy
  and reuse); a refused call would log its statement, literal included. `seal` sets the function's own
  `log_min_error_statement = panic`, which holds while its error is reported.
- `passwordcheck` (contrib, in Debian's postgresql-15) checks clear-text `ALTER ROLE … PASSWORD` typed in
  psql; it must be preloaded, which needs `postgresql.conf` and a restart (`advice` says what to add).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console.security.pg_sql import GATE_TAMPERED, ident, literal

__all__ = ["GATE_TAMPERED", "advice", "seal"]

SEAL_FUNCTION = "gc_gate_sealed()"
#: functions that receive a clear password: a refusal must not log their statement
CLEAR_PASSWORD_FUNCTIONS = ("gc_change_password(text,text)",)
#: the server parameters those functions set for themselves (the provisioner, their owner, may set them)
LOG_PARAMETERS = ("log_min_error_statement", "log_parameter_max_length_on_error")


def _exec(session: Session, sql: str) -> None:
    driver: Any = session.connection().connection.driver_connection
    driver.execute(sql)


def is_superuser(session: Session) -> bool:
    return bool(session.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")))


def seal(session: Session, gate: str, provisioner: str) -> bool:
    """Seal the gate's password and keep refusals of password functions out of the log (superuser only);
    without a superuser, make sure a seal function exists (one that seals nothing). True if sealed."""
    exists = session.scalar(text("SELECT to_regprocedure(:f) IS NOT NULL"), {"f": SEAL_FUNCTION})
    if not is_superuser(session):
        if not exists:
            _exec(session, "CREATE FUNCTION gc_gate_sealed() RETURNS boolean LANGUAGE sql STABLE "
                           "SET search_path = pg_catalog, pg_temp AS $$ SELECT true $$")  # fmt: skip
        _exec(session, f"REVOKE ALL ON FUNCTION {SEAL_FUNCTION} FROM PUBLIC;\n"
                       f"GRANT EXECUTE ON FUNCTION {SEAL_FUNCTION} TO {ident(provisioner)}")  # fmt: skip
        return False
    digest = session.scalar(
        text("SELECT md5(coalesce(rolpassword, '')) FROM pg_authid WHERE rolname = :g"), {"g": gate}
    )
    me = str(session.scalar(text("SELECT current_user")))
    _exec(
        session,
        f"""CREATE OR REPLACE FUNCTION gc_gate_sealed() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT md5(coalesce(rolpassword, '')) FROM pg_catalog.pg_authid
                     WHERE rolname = {literal(gate)}), '') = {literal(str(digest or ''))}
$$;
ALTER FUNCTION {SEAL_FUNCTION} OWNER TO {_quoted(me)};
REVOKE ALL ON FUNCTION {SEAL_FUNCTION} FROM PUBLIC;
GRANT EXECUTE ON FUNCTION {SEAL_FUNCTION} TO {ident(provisioner)}""",
    )
    # the functions run as the provisioner, which applies their SET clauses: PostgreSQL 15 lets it set these two
    held = session.scalar(
        text("SELECT " + " AND ".join(f"has_parameter_privilege(:r, {literal(p)}, 'SET')" for p in LOG_PARAMETERS)),
        {"r": provisioner},
    )
    if not held:  # the grant is cluster-wide: one at a time (two at once fail with "tuple concurrently updated")
        _exec(session, "LOCK TABLE pg_catalog.pg_parameter_acl IN SHARE ROW EXCLUSIVE MODE;\n"
                       f"GRANT SET ON PARAMETER {', '.join(LOG_PARAMETERS)} TO {ident(provisioner)}")  # fmt: skip
    for fn in CLEAR_PASSWORD_FUNCTIONS:
        _exec(session, f"ALTER FUNCTION {fn} SET log_min_error_statement = 'panic';\n"
                       f"ALTER FUNCTION {fn} SET log_parameter_max_length_on_error = 0")  # fmt: skip
    return True


def _quoted(name: str) -> str:
    """Any role name (the superuser running this may be named as the server likes), double-quoted."""
    return '"' + name.replace('"', '""') + '"'


def _setting(session: Session, name: str) -> str | None:
    try:
        with session.begin_nested():
            return str(session.scalar(text(f"SHOW {name}")))
    except DBAPIError:
        return None


def advice(session: Session) -> list[str]:
    """What the administrator must still do on this server, one Chinese line each (empty: nothing)."""
    lines: list[str] = []
    if not is_superuser(session):
        lines.append("本次不是以超级用户执行：锁定闸门的密码未封存，修改密码函数被拒绝时的语句可能写入服务器日志；"
                     "请以超级用户重新执行 admin pg-provision")  # fmt: skip
    preload = _setting(session, "shared_preload_libraries")
    libraries = [x.strip() for x in (preload or "").split(",") if x.strip()]
    if preload is None or "passwordcheck" not in libraries:
        wanted = ", ".join([*(x for x in libraries if x != "passwordcheck"), "passwordcheck"])
        lines += [
            "服务器未预加载 passwordcheck（psql 中以明文 ALTER ROLE … PASSWORD 设置的弱密码不会被拒绝）。"
            "请在 postgresql.conf 中写入下面一行（保留其中已有的库，如 auth_delay），然后重启 PostgreSQL：",
            f"    shared_preload_libraries = '{wanted}'",
        ]
    encryption = _setting(session, "password_encryption")
    if encryption is not None and encryption != "scram-sha-256":
        lines += ["请在 postgresql.conf 中写入下面一行并重新加载配置：", "    password_encryption = 'scram-sha-256'"]
    return lines
