"""The strip of six live figures at the top of the window (待受理, 办理中, 即将超期, 已超期, 今日新增, 今日办结)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.i18n import QT_TRANSLATE_NOOP

#: (DashboardCounts field, caption, accent colour)
FIGURES = (
    ("pending_accept", QT_TRANSLATE_NOOP("StatusStrip", "待受理"), "#1f6feb"),
    ("in_progress", QT_TRANSLATE_NOOP("StatusStrip", "办理中"), "#2e7d32"),
    ("due_soon", QT_TRANSLATE_NOOP("StatusStrip", "即将超期"), "#d29a00"),
    ("overdue", QT_TRANSLATE_NOOP("StatusStrip", "已超期"), "#d62828"),
    ("new_today", QT_TRANSLATE_NOOP("StatusStrip", "今日新增"), "#6f42c1"),
    ("closed_today", QT_TRANSLATE_NOOP("StatusStrip", "今日办结"), "#57606a"),
)


class _Figure(QFrame):
    clicked = Signal()

    def __init__(self, caption: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            f"#figure {{ border: 1px solid #d0d7de; border-left: 4px solid {color}; border-radius: 4px;"
            " background: #ffffff; }"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 4, 12, 4)
        lay.setSpacing(0)
        self.value = QLabel("–")
        self.value.setStyleSheet(f"font-size: 20pt; font-weight: bold; color: {color};")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #57606a;")
        lay.addWidget(self.value)
        lay.addWidget(self.caption)

    def mouseReleaseEvent(self, event: Any) -> None:
        self.clicked.emit()
        super().mouseReleaseEvent(event)


class StatusStrip(QWidget):
    """Shows `DashboardCounts`; `figure_clicked(field)` lets the window narrow the queue to that figure."""

    figure_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 2)
        self.figures: dict[str, _Figure] = {}
        for key, caption, color in FIGURES:
            fig = _Figure(QCoreApplication.translate("StatusStrip", caption), color, self)
            fig.clicked.connect(lambda k=key: self.figure_clicked.emit(k))
            lay.addWidget(fig, 1)
            self.figures[key] = fig
        self.counts: Any = None

    def set_counts(self, counts: Any) -> None:
        self.counts = counts
        for key, fig in self.figures.items():
            fig.value.setText(str(getattr(counts, key)))

    def value(self, key: str) -> str:
        return self.figures[key].value.text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for key, caption, _color in FIGURES:
            self.figures[key].caption.setText(QCoreApplication.translate("StatusStrip", caption))
