"""Writing generated chunks: SQLite in one transaction of `executemany` batches; PostgreSQL by COPY, for a
large load in two loader processes that commit together (a failure anywhere rolls every loader back), with
the secondary indexes set aside during the load and built afterwards (`console.bulkload`)."""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from console import bulkload
from console.db import Database
from console.demo.casemaker import CASE_COLUMNS, HISTORY_COLUMNS, MAX_HISTORY
from console.demo.chunks import ChunkMaker, Job
from console.errors import ValidationError
from console.meetings.counted import TRIGGERS as MEETING_COUNT_TRIGGERS

if TYPE_CHECKING:
    from console.demo.generator import GenStats

CODEPT_COLUMNS = ("case_id", "department_id")
CASE_TABLES = ("cases", "case_history", "case_co_department")


def _counter_rows(
    township_id: int, seqs: dict[int, int], before: dict[int, int]
) -> tuple[list[Any], list[Any]]:
    inserts = [(township_id, y, last) for y, last in seqs.items() if y not in before]
    updates = [(last, township_id, y) for y, last in seqs.items() if y in before and last != before[y]]
    return inserts, updates


class SqliteWriter:
    """One transaction, `executemany` per batch. A large load also sets the secondary indexes aside inside that
    transaction and, on this connection only and for the load's duration, skips the per-row foreign-key checks
    (rows are consistent by construction) and syncing (`synchronous=OFF`, `journal_mode=MEMORY` where the file
    lets us leave WAL); a failed load rolls all of it back and the settings are restored either way."""

    fk_checks = True
    index_seconds = 0.0  # building the indexes set aside, after the rows went in

    def __init__(self, db: Database, large: bool = False) -> None:
        self.large = large
        if large:
            db.engine.dispose()  # no idle pooled connection holds the file: journal_mode may change
        self.raw: Any = db.engine.raw_connection()
        self.cur = self.raw.cursor()
        self.journal = None
        if large:
            self.fk_checks = False
            self.cur.execute("PRAGMA foreign_keys=OFF")
            self.cur.execute("PRAGMA synchronous=OFF")
            self.journal = self.cur.execute("PRAGMA journal_mode").fetchone()[0]
            self.cur.execute("PRAGMA journal_mode=MEMORY")
        self.cur.execute("BEGIN IMMEDIATE")
        self.indexes: list[bulkload.IndexDef] = []
        self.triggers: list[tuple[str, str]] = []
        if large:
            self.indexes = bulkload.sqlite_secondary_indexes(self.cur, CASE_TABLES)
            bulkload.sqlite_drop_indexes(self.cur, self.indexes)
            # the review's month sets are recomputed per history row by trigger, and so are the meetings' counts
            # per case (with the history's indexes set aside, a recount would read the whole history): rebuilt
            # once after the load instead (`generate_cases`), as PostgreSQL's replica-mode COPY does
            self.triggers = self.cur.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'trg_review_month_%' "
                f"OR name IN ({', '.join('?' * len(MEETING_COUNT_TRIGGERS))}))", MEETING_COUNT_TRIGGERS,
            ).fetchall()
            for name, _ in self.triggers:
                self.cur.execute(f'DROP TRIGGER "{name}"')
        cols = ", ".join(CASE_COLUMNS)
        self.case_sql = f"INSERT INTO cases ({cols}) VALUES ({', '.join('?' * len(CASE_COLUMNS))})"
        self.hist_sql = (
            f"INSERT INTO case_history ({', '.join(HISTORY_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})"
        )

    def put(self, cases: list[Any], hist: list[Any], codepts: list[Any]) -> None:
        self.cur.executemany(self.case_sql, cases)
        self.cur.executemany(self.hist_sql, hist)
        if codepts:
            self.cur.executemany(
                "INSERT INTO case_co_department (case_id, department_id) VALUES (?, ?)", codepts
            )

    def finish(self, township_id: int, seqs: dict[int, int], before: dict[int, int]) -> None:
        ins, upd = _counter_rows(township_id, seqs, before)
        self.cur.executemany(
            "INSERT INTO case_number_counter (township_id, year, last) VALUES (?, ?, ?)", ins
        )
        self.cur.executemany(
            "UPDATE case_number_counter SET last = ? WHERE township_id = ? AND year = ?", upd
        )
        began = time.perf_counter()
        bulkload.sqlite_build_indexes(self.cur, self.indexes)
        self.index_seconds = time.perf_counter() - began
        for _, sql in self.triggers:
            self.cur.execute(sql)
        self.raw.commit()
        self._restore()

    def abort(self) -> None:
        try:
            self.raw.rollback()
        finally:
            self._restore()

    def _restore(self) -> None:
        try:
            if self.large:
                if self.journal:
                    self.cur.execute(f"PRAGMA journal_mode={self.journal}")
                self.cur.execute("PRAGMA synchronous=NORMAL")
                self.cur.execute("PRAGMA foreign_keys=ON")
        finally:
            self.raw.close()


def _pg_replica_role(cur: Any) -> bool:
    """As a superuser, skip the per-row foreign-key triggers for this transaction (rows reference reference data
    and each other consistently by construction, as pg_dump's --disable-triggers assumes). True if done."""
    try:
        cur.execute("SAVEPOINT demo_role")
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute("RELEASE SAVEPOINT demo_role")
        return True
    except Exception:
        cur.execute("ROLLBACK TO SAVEPOINT demo_role")
        return False


_CASE_COPY = f"COPY cases ({', '.join(CASE_COLUMNS)}) FROM STDIN"
_HIST_COPY = f"COPY case_history ({', '.join(HISTORY_COLUMNS)}) FROM STDIN"
_CODEPT_COPY = "COPY case_co_department (case_id, department_id) FROM STDIN"


def _pg_copy(cur: Any, cases: list[Any], hist: list[Any], codepts: list[Any]) -> None:
    with cur.copy(_CASE_COPY) as cp:
        write = cp.write_row
        for row in cases:
            write(row)
    with cur.copy(_HIST_COPY) as cp:
        write = cp.write_row
        for row in hist:
            write(row)
    if codepts:
        with cur.copy(_CODEPT_COPY) as cp:
            for row in codepts:
                cp.write_row(row)


def _pg_finish(cur: Any, township_id: int, seqs: dict[int, int], before: dict[int, int]) -> None:
    ins, upd = _counter_rows(township_id, seqs, before)
    if ins:
        cur.executemany("INSERT INTO case_number_counter (township_id, year, last) VALUES (%s, %s, %s)", ins)
    if upd:
        cur.executemany("UPDATE case_number_counter SET last = %s WHERE township_id = %s AND year = %s", upd)
    for table in ("cases", "case_history"):
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )


class PgWriter:
    """One transaction; a background thread COPYs batch k while the caller generates batch k+1."""

    index_seconds = 0.0  # a small load keeps the indexes in place

    def __init__(self, db: Database) -> None:
        self.raw: Any = db.engine.raw_connection()
        conn: Any = self.raw.driver_connection
        self.conn = conn
        with self.conn.cursor() as cur:
            self.fk_checks = not _pg_replica_role(cur)
            cur.execute("LOCK TABLE cases, case_history IN SHARE ROW EXCLUSIVE MODE")
        self.queue: queue.Queue[Any] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="demo-copy", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while True:
                item = self.queue.get()
                if item is None:
                    return
                with self.conn.cursor() as cur:
                    _pg_copy(cur, *item)
        except BaseException as exc:  # handed to the caller on the next put/finish
            self.error = exc
            while self.queue.get() is not None:  # drain so the producer never blocks
                pass

    def put(self, cases: list[Any], hist: list[Any], codepts: list[Any]) -> None:
        if self.error:
            raise self.error
        self.queue.put((cases, hist, codepts))

    def finish(self, township_id: int, seqs: dict[int, int], before: dict[int, int]) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error:
            raise self.error
        with self.conn.cursor() as cur:
            _pg_finish(cur, township_id, seqs, before)
        self.raw.commit()
        self.raw.close()

    def abort(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        try:
            self.raw.rollback()
        finally:
            self.raw.close()


# --- a large load on PostgreSQL: two processes, each with its own COPY connection -------------------------

LOADERS = 2


def _pg_conninfo(db: Database) -> dict[str, Any]:
    url = db.engine.url
    info: dict[str, Any] = url.translate_connect_args(username="user", database="dbname")
    info.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    info.setdefault("application_name", "gridconsole-demo")
    return info


def _pg_loader(conninfo: dict[str, Any], job: Job, chunks: list[int], hid: int, pipe: Any) -> None:
    """One loader process: make its chunks, COPY them in one transaction, commit when the main process says all
    loaders are ready (so a failure anywhere rolls every loader back)."""
    import psycopg

    try:
        conn = psycopg.connect(**conninfo)
        try:
            with conn.cursor() as cur:
                replica = _pg_replica_role(cur)
                maker = ChunkMaker(job)
                total: Counter[str] = Counter()
                counts = [0, 0, 0]
                limit = hid + sum(min(job.chunk, job.n - k * job.chunk) for k in chunks) * MAX_HISTORY
                for k in chunks:
                    cases, hist, codepts, st = maker.make(k, hid)
                    hid += len(hist)
                    if hid > limit:  # cannot happen: MAX_HISTORY bounds every path
                        raise RuntimeError("history id range exceeded")
                    _pg_copy(cur, cases, hist, codepts)
                    total.update(st)
                    counts[0] += len(cases)
                    counts[1] += len(hist)
                    counts[2] += len(codepts)
                    pipe.send(("progress", len(cases)))
            pipe.send(("ready", counts, dict(total), replica))
            if pipe.recv() == "commit":
                conn.commit()
                pipe.send(("done",))
        finally:
            conn.close()  # without commit: rolled back
    except BaseException as exc:
        try:
            pipe.send(("error", f"{type(exc).__name__}: {exc}"))
        except Exception:
            pass


def pg_parallel_load(
    db: Database, job: Job, hist_base: int, stats: GenStats, progress: Callable[[int], None] | None
) -> tuple[bool, Counter[str]]:
    import multiprocessing
    from multiprocessing.connection import wait

    import psycopg

    conninfo = _pg_conninfo(db)
    with psycopg.connect(**conninfo, autocommit=True) as conn, conn.cursor() as cur:
        indexes = bulkload.pg_secondary_indexes(cur, CASE_TABLES)
        with conn.transaction():
            bulkload.pg_drop_indexes(cur, indexes)
    statuses: Counter[str] = Counter()
    fk_checks = False
    try:
        ctx = multiprocessing.get_context("spawn")
        per = -(-job.chunks // LOADERS)
        parts = [list(range(w * per, min(job.chunks, (w + 1) * per))) for w in range(LOADERS)]
        parts = [p for p in parts if p]
        procs, pipes = [], []
        for part in parts:
            mine, theirs = ctx.Pipe()
            hid = hist_base + part[0] * job.chunk * MAX_HISTORY  # id ranges reserved up front
            proc = ctx.Process(target=_pg_loader, args=(conninfo, job, part, hid, theirs), daemon=True)
            proc.start()
            theirs.close()
            procs.append(proc)
            pipes.append(mine)
        error: str | None = None
        try:
            waiting = set(range(len(pipes)))
            while waiting and error is None:
                ready: list[Any] = wait([pipes[i] for i in waiting])
                for p in ready:
                    i = pipes.index(p)
                    msg: Any
                    try:
                        msg = p.recv()
                    except EOFError:
                        msg = ("error", "示例数据生成进程意外退出")
                    if msg[0] == "progress":
                        stats.cases += msg[1]
                        if progress:
                            progress(stats.cases)
                    elif msg[0] == "ready":
                        waiting.discard(i)
                        stats.history += msg[1][1]
                        stats.co_departments += msg[1][2]
                        statuses.update(msg[2])
                        fk_checks = fk_checks or not msg[3]
                    else:
                        error = msg[1]
            if error is not None:
                raise ValidationError(f"示例案件写入失败：{error}")
            for p in pipes:
                p.send("commit")
            for p in pipes:
                msg = p.recv()
                if msg[0] != "done":
                    error = msg[1]
                    raise ValidationError(f"示例案件写入失败：{error}")
        finally:
            for proc in procs:  # after a failure a loader is stopped where it is: its transaction rolls back
                proc.join(timeout=10 if error is None else 0)
                if proc.is_alive():
                    proc.terminate()
                    proc.join()
        with psycopg.connect(**conninfo) as conn, conn.cursor() as cur:
            _pg_finish(cur, job.ref.township_id, job.last_seq, job.counters)
    finally:
        began = time.perf_counter()
        bulkload.pg_build_indexes(lambda: psycopg.connect(**conninfo, autocommit=True), indexes)
        stats.index_seconds = time.perf_counter() - began
    return fk_checks, statuses
