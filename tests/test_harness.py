"""The test run's own housekeeping: what a run killed before its teardown left on the server is dropped by the
next run on the same machine, and nothing of a run still going or of another machine is touched."""

from __future__ import annotations

import os
import subprocess

from tests.conftest import HOST_TAG, pg_admin, sweep_leftovers


def test_a_killed_runs_databases_and_roles_are_swept() -> None:
    gone = subprocess.Popen(["true"])  # a process id that no longer runs
    gone.wait()
    other_host = "0000" if HOST_TAG != "0000" else "1111"
    dead = f"gct_{HOST_TAG}p{gone.pid}r0000_db"
    dead_role = f"gct_{HOST_TAG}p{gone.pid}r0000_role"
    elsewhere = f"gct_{other_host}p{gone.pid}r0000_db"  # same pid, another machine sharing the server
    alive = f"gct_{HOST_TAG}p{os.getppid()}r0000_db"  # a run still going (our parent process is alive)
    with pg_admin() as conn:
        for name in (dead, elsewhere, alive):
            conn.execute(f'CREATE DATABASE "{name}"')
        conn.execute(f'CREATE ROLE "{dead_role}"')
    try:
        dropped = sweep_leftovers()
        assert dead in dropped and dead_role in dropped
        with pg_admin() as conn:
            left = {r[0] for r in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'gct%'")}
        assert dead not in left and {elsewhere, alive} <= left
    finally:
        with pg_admin() as conn:
            for name in (dead, elsewhere, alive):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'DROP ROLE IF EXISTS "{dead_role}"')
