"""Console benchmark (issue 4): launch → first painted queue, filter + repaint, scroll to row 500,000, live
propagation between two processes on PostgreSQL, peak memory. Also makes the README screenshot.

    .venv/bin/python bench/console_bench.py --db postgresql://postgres@127.0.0.1/gcbench [--build 1000000]
    .venv/bin/python bench/console_bench.py screenshot docs/main-window.png [--db URL]

The measured seat runs in its own process (`_seat`), started from here, so "launch" includes interpreter,
imports, Qt, the database connection and the first page. This process is the other seat: it commits changes
(claim/release on cases the seat shows) and the seat reports when each changed row was repainted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _emit(kind: str, **data: Any) -> None:
    print(json.dumps({"kind": kind, **data}, ensure_ascii=False), flush=True)


# --- the measured seat (child process) ------------------------------------------------------------------


def seat(db_url: str, t_launch: float, propagation: int) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QTimer

    from console.db import open_database
    from ui import settings
    from ui.app import make_application
    from ui.main_window import MainWindow

    settings.use_file(Path(os.environ.get("TMPDIR", "/tmp")) / f"gridconsole-bench-{os.getpid()}.ini")
    app = make_application()
    # password="": the seat connects as the login dialog does, with the password in hand (trust auth here);
    # without it the OS keyring would be asked, which the GUI's launch never does on PostgreSQL
    db = open_database(db_url, password="")
    w = MainWindow(db, "bench-seat")
    w.resize(1920, 1080)
    state: dict[str, Any] = {"painted": None, "watch": set(), "dirty": {}}

    class PaintSpy(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                now = time.time()
                if w.model.loaded_once and w.model.row_at(0) is not None and state["painted"] is None:
                    state["painted"] = now
                for cid in list(state["dirty"]):
                    _emit("paint", id=cid, t=now)
                    del state["dirty"][cid]
            return False

    spy = PaintSpy()
    w.table.viewport().installEventFilter(spy)
    w.model.rows_changed.connect(
        lambda ids: [state["dirty"].__setitem__(i, 1) for i in ids if i in state["watch"]]
    )
    w.show()

    def wait(cond: Any, timeout: float = 30.0) -> float:
        start = time.time()
        while not cond():
            app.processEvents()
            if time.time() - start > timeout:
                raise TimeoutError("timed out")
            time.sleep(0.0005)
        return time.time()

    wait(lambda: state["painted"] is not None)
    _emit("launch", seconds=state["painted"] - t_launch, rows=w.model.rowCount())
    if propagation < 0:  # launch only (the repeated launches of `run`)
        w.shutdown()
        return 0

    def repaint_after(action: Any) -> tuple[float, int]:
        wait(lambda: not w.is_busy())
        state["painted"] = None
        t0 = time.time()
        action()
        wait(lambda: w.model.loaded_once and not w.model.is_loading() and w.model.rowCount() >= 0)
        w.table.viewport().repaint()
        return time.time() - t0, w.model.rowCount()

    secs, rows = repaint_after(lambda: w.set_quick_filter("待受理"))
    _emit("filter", name="待受理", seconds=secs, rows=rows)
    secs, rows = repaint_after(lambda: w.set_quick_filter("超期"))
    _emit("filter", name="超期", seconds=secs, rows=rows)
    w.search.setText("sgm")
    secs, rows = repaint_after(w.apply_filters)
    _emit("filter", name="search sgm", seconds=secs, rows=rows)
    w.search.setText("")
    secs, rows = repaint_after(lambda: w.set_quick_filter("all"))
    _emit("filter", name="全部", seconds=secs, rows=rows)

    target = min(500_000, w.model.rowCount() - 1)
    wait(lambda: not w.is_busy())
    t0 = time.time()
    w.table.scrollTo(w.model.index(target, 0))
    w.table.viewport().repaint()
    wait(lambda: w.model.row_at(target) is not None)
    w.table.viewport().repaint()
    _emit("scroll", row=target, seconds=time.time() - t0)
    t0 = time.time()
    w.table.verticalScrollBar().setValue(
        w.table.verticalScrollBar().value() + 300
    )  # keyset from the neighbour
    w.table.viewport().repaint()
    wait(lambda: not w.model.is_loading())
    _emit("scroll_on", rows=300, seconds=time.time() - t0)

    # propagation: show 待受理 and tell the other seat which cases are on screen
    w.set_quick_filter("待受理")
    wait(lambda: w.model.loaded_once and not w.is_busy() and w.model.row_at(0) is not None)
    wait(lambda: w.live.connected)
    ids = [w.model.case_id(i) for i in range(min(20, w.model.rowCount()))]
    state["watch"] = set(ids)
    _emit("ready", ids=ids)
    done = {"n": 0}

    def stdin_reader() -> None:
        for line in sys.stdin:
            if line.strip() == "quit":
                done["n"] = 1

    threading.Thread(target=stdin_reader, daemon=True).start()
    timer = QTimer()
    timer.start(1)
    wait(lambda: done["n"] == 1, timeout=300)
    _emit("memory", peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    w.shutdown()
    return 0


# --- the driver (the other seat) --------------------------------------------------------------------------


def launches(db_url: str, n: int) -> None:
    """Launch time is mostly imports and moves with the machine's load: launch `n` more seats (launch only)
    and print the median and the fastest."""
    times = []
    for _ in range(n):
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "_seat", "--db", db_url, "--t0", repr(t0), "--n", "-1"],
            capture_output=True, text=True, cwd=str(ROOT), check=True,
        ).stdout  # fmt: skip
        for line in out.splitlines():
            if line.startswith("{") and json.loads(line)["kind"] == "launch":
                times.append(json.loads(line)["seconds"] * 1000)
    if times:
        print(
            f"launch → first painted queue over {len(times)} more launches: median "
            f"{statistics.median(times):.0f} ms, fastest {min(times):.0f} ms, slowest {max(times):.0f} ms",
            flush=True,
        )


def run(db_url: str, propagation: int) -> int:
    from console.db import open_database
    from console.workflow.commands import Claim, Release
    from console.workflow.service import CaseService

    t_launch = time.time()
    proc = subprocess.Popen(
        [sys.executable, __file__, "_seat", "--db", db_url, "--t0", repr(t_launch), "--n", str(propagation)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=str(ROOT),
    )  # fmt: skip
    assert proc.stdin and proc.stdout
    paints: list[tuple[int, float]] = []
    ready: dict[str, Any] = {}
    results: list[dict[str, Any]] = []
    lock = threading.Condition()

    def reader() -> None:
        assert proc.stdout
        for line in proc.stdout:
            if not line.startswith("{"):
                continue
            msg = json.loads(line)
            with lock:
                if msg["kind"] == "paint":
                    paints.append((msg["id"], msg["t"]))
                elif msg["kind"] == "ready":
                    ready.update(msg)
                else:
                    results.append(msg)
                    print(_fmt(msg), flush=True)
                lock.notify_all()

    threading.Thread(target=reader, daemon=True).start()
    with lock:
        lock.wait_for(lambda: "ids" in ready or proc.poll() is not None, timeout=600)
    if "ids" not in ready:
        print("seat failed to start", file=sys.stderr)
        return 1
    db = open_database(db_url)
    svc = CaseService(db, "bench-other-seat")
    from console.models import Case

    lat: list[float] = []
    ids = ready["ids"]
    for k in range(propagation):
        cid = ids[k % len(ids)]
        with db.session() as s:
            c = s.get(Case, cid)
            assert c is not None
            version, claimed = c.version, c.claimed_by
        action = "release" if claimed == "bench-other-seat" else "claim"
        with lock:
            start = len(paints)
        svc.act(cid, Release() if action == "release" else Claim(), version)
        t_commit = time.time()
        with lock:

            def seen(c: int = cid, s0: int = start) -> bool:
                return any(i == c for i, _t in paints[s0:])

            ok = lock.wait_for(seen, timeout=5)
            if ok:
                t_paint = next(t for i, t in paints[start:] if i == cid)
                lat.append(max(0.0, t_paint - t_commit))
        time.sleep(0.05)
    if lat:
        lat.sort()
        p50 = statistics.median(lat) * 1000
        p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))] * 1000
        print(f"propagation commit→repaint (n={len(lat)}): p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)
    proc.stdin.write("quit\n")
    proc.stdin.flush()
    proc.wait(timeout=60)
    time.sleep(0.2)
    db.dispose()
    return 0


def _fmt(msg: dict[str, Any]) -> str:
    k = msg["kind"]
    if k == "launch":
        return f"launch → first painted queue: {msg['seconds'] * 1000:.0f} ms ({msg['rows']:,} rows)"
    if k == "filter":
        return f"filter {msg['name']} + repaint: {msg['seconds'] * 1000:.0f} ms ({msg['rows']:,} rows)"
    if k == "scroll":
        return f"scroll to row {msg['row']:,} + repaint: {msg['seconds'] * 1000:.0f} ms"
    if k == "scroll_on":
        return f"scroll on {msg['rows']} rows from there: {msg['seconds'] * 1000:.0f} ms"
    if k == "memory":
        return f"seat peak memory (max RSS): {msg['peak_mb']:.0f} MB"
    return json.dumps(msg, ensure_ascii=False)


# --- screenshot ---------------------------------------------------------------------------------------------


def screenshot(path: str, db_url: str | None, cases: int) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from console.db import Database, make_engine, open_database, upgrade

    if db_url is None:
        tmp = Path(tempfile.mkdtemp()) / "demo.db"
        engine = make_engine(f"sqlite:///{tmp}")
        upgrade(engine)
        from console.demo.generator import build_demo

        build_demo(Database(engine), cases=cases)
        db_url = f"sqlite:///{tmp}"
    from ui import settings
    from ui.app import make_application
    from ui.main_window import MainWindow

    settings.use_file(Path(tempfile.mkdtemp()) / "s.ini")
    app = make_application()
    w = MainWindow(open_database(db_url), "调度员")
    w.resize(1920, 1080)
    w.show()

    def spin(seconds: float) -> None:
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            time.sleep(0.01)

    spin(1.5)
    root = w.tree_proxy.index(0, 0)
    w.tree.expand(root)
    w.table.selectRow(3)
    spin(1.5)
    w.grab().save(path)
    print(f"saved {path}")
    w.shutdown()
    return 0


def build(db_url: str, cases: int) -> None:
    from console.db import Database, make_engine, upgrade
    from console.demo.generator import build_demo

    engine = make_engine(db_url)
    upgrade(engine)
    t = time.time()
    summary = build_demo(Database(engine), cases=cases)
    print(f"built {cases:,} demo cases in {time.time() - t:.0f} s: {summary.stats.by_status}")
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", nargs="?", default="run", choices=["run", "screenshot", "_seat"])
    parser.add_argument("path", nargs="?", default="docs/main-window.png")
    parser.add_argument("--db", default=os.environ.get("GRIDCONSOLE_DB"))
    parser.add_argument(
        "--build", type=int, default=0, help="first fill the database with this many demo cases"
    )
    parser.add_argument("--cases", type=int, default=3000, help="screenshot: demo cases when no --db")
    parser.add_argument("--n", type=int, default=60, help="propagation samples")
    parser.add_argument("--t0", type=float, default=0.0)
    parser.add_argument("--launches", type=int, default=5, help="more launches timed (median, fastest)")
    args = parser.parse_args()
    if args.mode == "_seat":
        return seat(args.db, args.t0, args.n)
    if args.mode == "screenshot":
        return screenshot(args.path, args.db, args.cases)
    if not args.db:
        parser.error("--db is required (a PostgreSQL URL with the 1,000,000 demo cases)")
    if args.build:
        build(args.db, args.build)
    code = run(args.db, args.n)
    if args.launches:
        launches(args.db, args.launches)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
