"""Row-level security at scale: what each post pays on PostgreSQL for reading as their own login.

Measures a kept benchmark database (`queue_bench.py --keep`, `review_bench.py --keep`): provisions the roles
under a prefix of its own (as `docs/SECURITY.md` says: pg-provision, people added and granted through the
console's own calls), adds a dispatcher, the busiest department's handler and a community's grid worker, and
times, on each one's login:

- the queue's first page and its count (the `cases` policy);
- the staff list (`person`: all staff for the center, else the people the caller works with, including the
  responsible people of the cases they see), one person of another department by id (what a case view reads)
  and the masked phones (`gc_person_phones()`);
- `SELECT count(*) FROM cases` and `FROM case_history` on psql (the policy over every row).

The roles are dropped at the end (the tables handed back to the caller first). Usage: `python bench/rls_bench.py --url postgresql://postgres@127.0.0.1/gcbench_…`
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from console import clock, queue  # noqa: E402
from console.db import Database, make_engine  # noqa: E402
from console.queue import QueueFilter, SortKey  # noqa: E402
from console.security import pg_roles, users  # noqa: E402
from console.security.pg_server import LOG_PARAMETERS  # noqa: E402
from console.security.posts import Post  # noqa: E402

PASSWORD = "Bench-Passw0rd-2026"
TARGET_MS = {"queue first page": 10.0, "queue count": 10.0, "staff list": 50.0}


def timed(fn: Callable[[], Any], repeat: int, warm: int = 2) -> tuple[float, float]:
    for _ in range(warm):
        fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]


def _other_handler(db: Database, dept: str) -> int:
    """The busiest responsible person of another department's cases (a case view's one-person read)."""
    with db.session() as s:
        return int(s.execute(text(
            "SELECT c.responsible_person_id FROM cases c JOIN department d ON d.id = c.lead_department_id "
            "WHERE d.name <> :d AND c.responsible_person_id IS NOT NULL "
            "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"), {"d": dept}).scalar_one())  # fmt: skip


def _pick(db: Database) -> tuple[str, str]:
    """The department with the most cases, and the community with the most cases."""
    with db.session() as s:
        dept = s.execute(text(
            "SELECT d.name FROM department d JOIN cases c ON c.lead_department_id = d.id "
            "GROUP BY d.name ORDER BY count(*) DESC LIMIT 1")).scalar_one()  # fmt: skip
        community = s.execute(text(
            "SELECT substr(grid_code, 1, 12) || '000' FROM cases GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        )).scalar_one()  # fmt: skip
    return str(dept), str(community)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--url", required=True, help="a kept PostgreSQL benchmark database (as its owner)")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--no-history", action="store_true", help="leave out psql's count over case_history (~10-25 s)")
    args = ap.parse_args(argv)

    owner = Database(make_engine(args.url, password=""))
    with owner.session() as s:
        total = s.execute(text("SELECT count(*) FROM cases")).scalar_one()
    dept, community = _pick(owner)
    other = _other_handler(owner, dept)
    prefix = f"gcb_{uuid.uuid4().hex[:4]}_"
    names = pg_roles.RoleNames(prefix)
    people = {"调度员": (Post.DISPATCHER, None, None), f"部门办理人（{dept}）": (Post.DEPARTMENT, dept, None),
              f"网格员（社区 {community}）": (Post.GRID, None, community)}  # fmt: skip
    logins = {who: f"{prefix}p{i}" for i, who in enumerate(people)}
    print(f"{total:,} cases; roles under {prefix}")
    with owner.session() as s:
        pg_roles.provision(s, names)
        for who, (post, department, grid) in people.items():
            users.add_user(s, "postgres", logins[who], who, password=PASSWORD, store_hash=False)
            users.grant_post(s, "postgres", logins[who], post, department=department, grid=grid)
            pg_roles.create_login(s, logins[who], PASSWORD, names)
    now = clock.now()
    open_filter = QueueFilter(statuses=frozenset(queue.CLOCKED_STATUSES | queue.PAUSED_STATUSES))
    try:
        hdr = f"{'who / measurement':<40}{'rows':>9}{'p50 ms':>9}{'p95 ms':>9}  target"
        print(hdr)
        print("-" * len(hdr))
        for who, login in logins.items():
            print(f"[{who}]")
            url = make_url(args.url).set(username=login, password=PASSWORD)
            db = Database(make_engine(url.render_as_string(hide_password=False)))
            conninfo = make_url(args.url).set(drivername="postgresql", username=login, password=PASSWORD)
            conn = psycopg.connect(conninfo.render_as_string(hide_password=False), autocommit=True)

            def session_call(fn: Callable[[Any], Any], d: Database = db) -> Any:
                with d.session() as s:
                    return fn(s)

            def sql(q: str, c: psycopg.Connection = conn) -> Any:
                return c.execute(q).fetchall()  # type: ignore[call-overload]

            rows: list[tuple[str, Callable[[], Any], Callable[[Any], int]]] = [
                ("queue first page (open, by due)",
                 lambda: session_call(lambda s: queue.fetch_page(s, open_filter, SortKey.DEADLINE, False, limit=100,
                                                                 now=now)),
                 lambda r: len(r.rows)),
                ("queue count (open)", lambda: session_call(lambda s: queue.count(s, open_filter, now)), int),
                ("staff list: SELECT id, name FROM person", lambda: sql("SELECT id, name FROM person"), len),
                ("one person by id (another department's)", lambda: sql(f"SELECT id, name FROM person WHERE id = {other}"),
                 len),
                ("masked phones: gc_person_phones()", lambda: sql("SELECT * FROM gc_person_phones()"), len),
                ("psql: count(*) FROM cases", lambda: sql("SELECT count(*) FROM cases"), lambda r: r[0][0]),
                ("psql: count(*) FROM case_history", lambda: sql("SELECT count(*) FROM case_history"),
                 lambda r: r[0][0]),
            ]  # fmt: skip
            if args.no_history:
                rows = [r for r in rows if "case_history" not in r[0]]
            for name, fn, size in rows:
                result = fn()
                p50, p95 = timed(fn, args.repeat)
                target = next((t for k, t in TARGET_MS.items() if name.startswith(k)), None)
                mark = "" if target is None else (f"≤{target:g} ok" if p95 <= target else f"≤{target:g} MISSED")
                print(f"  {name:<38}{size(result):>9,}{p50:>9.1f}{p95:>9.1f}  {mark}")
            conn.close()
            db.dispose()
    finally:
        owner.dispose()
        admin = make_url(args.url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(admin, autocommit=True) as conn:
            roles = [r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s",
                                                (prefix + "%",)).fetchall()]  # fmt: skip
            for role in roles:  # the provisioned owner holds the tables now: hand them back first
                conn.execute(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER')
            for role in roles:
                if conn.execute("SELECT has_parameter_privilege(%s, %s, 'SET')",
                                (role, LOG_PARAMETERS[0])).fetchone() == (True,):  # fmt: skip
                    conn.execute(f'REVOKE SET ON PARAMETER {", ".join(LOG_PARAMETERS)} FROM "{role}"')
                conn.execute(f'DROP OWNED BY "{role}"')
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
        print(f"dropped {len(roles)} roles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
