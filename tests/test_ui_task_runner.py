"""The task runner outlives nothing it must wait for: closing a window while one of its jobs still runs.

A runner's pool was a Qt child of its window, so deleting the window destroyed the pool, and `~QThreadPool` waits
for the running job on the GUI thread while holding the GIL the job needs to finish: the program hung for good
(a CI run hung on a dialog test this way). Tried in a child process, so a hang fails the test instead of the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QWidget
    from ui.tasks import TaskRunner

    class Window(QWidget):
        def event(self, e):  # as the dialogs do (LanguageChange): the deletion then runs under a Python frame
            return super().event(e)

    app = QApplication(sys.argv)
    delivered = []
    for _ in range(3):
        window = Window()
        runner = TaskRunner(None, window, max_threads=1)

        def job(_db):
            end = time.monotonic() + 0.5
            while time.monotonic() < end:  # Python code: it needs the GIL all along
                sum(range(1000))
            return "done"

        runner.run_db(job, delivered.append)
        time.sleep(0.05)  # the job is running
        window.deleteLater()  # the window (and its runner) goes while the job runs
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # now, on the GUI thread
        app.processEvents()
        time.sleep(0.6)
        app.processEvents()
    print("closed", len(delivered))
    """
)


def test_a_window_closed_while_its_job_runs_does_not_hang_the_program() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], check=False, capture_output=True, text=True, timeout=30, env=env,
                          cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    # the results of a window that is gone are dropped, not delivered
    assert done.stdout.strip() == "closed 0"
