"""Python's cycle collector runs in whichever thread happens to allocate past its threshold. With `TaskRunner`
workers running Python, that can be a worker, which then destroys Qt objects held in reference cycles (a closed
dialog and its closures) off the GUI thread, and Qt crashes (seen in the dialog tests: a segfault while a save
job ran). As pyqtgraph's `GarbageCollector` does (not imported: pyqtgraph costs ~0.4 s at launch), automatic
collection is switched off and a timer on the GUI thread collects each generation once it is past its threshold.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        """What the automatic collector would have done by now, here on the GUI thread."""
        collect_due(self.thresholds)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def collect_due(thresholds: tuple[int, int, int] | None = None) -> None:
    """Collect each generation past its threshold (the automatic collector's rule, run by hand)."""
    limits = thresholds or gc.get_threshold()
    counts = gc.get_count()
    for generation in range(3):
        if counts[generation] <= limits[generation]:
            break
        gc.collect(generation)


def install(app: QObject) -> GuiThreadCollector:
    """Once per application: later calls return the collector already installed."""
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)
