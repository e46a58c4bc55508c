"""Painting: the traffic light (时限信号灯) of a queue row, and count badges in the grid tree."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.domain import TrafficLight

LIGHT_COLORS: dict[TrafficLight, QColor] = {
    TrafficLight.GREEN: QColor(46, 160, 67),
    TrafficLight.YELLOW: QColor(230, 170, 0),
    TrafficLight.RED: QColor(214, 40, 40),
    TrafficLight.PAUSED: QColor(130, 130, 140),
}


class TrafficLightDelegate(QStyledItemDelegate):
    """A filled disc in the light's colour; a grey ring for a paused clock; nothing for untimed cases."""

    def __init__(self, light_role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._role = light_role

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)  # background, selection
        light = index.data(self._role)
        if light is None or light is TrafficLight.NONE:
            return
        color = LIGHT_COLORS.get(light)
        if color is None:
            return
        rect: QRect = option.rect  # type: ignore[attr-defined]
        d = min(rect.height() - 8, 14)
        circle = QRect(rect.center().x() - d // 2, rect.center().y() - d // 2, d, d)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if light is TrafficLight.PAUSED:
            painter.setPen(QPen(color, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(QPen(color.darker(130), 1))
            painter.setBrush(color)
        painter.drawEllipse(circle)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(28, super().sizeHint(option, index).height())


class BadgeDelegate(QStyledItemDelegate):
    """A rounded count badge (open cases in blue-grey, overdue in red); zero draws nothing."""

    def __init__(self, color: QColor, parent: Any = None) -> None:
        super().__init__(parent)
        self._color = color

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        value = index.data(Qt.ItemDataRole.DisplayRole)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        style = opt.widget.style() if opt.widget else None  # type: ignore[attr-defined]
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # type: ignore[attr-defined]
        if not value:
            return
        text = str(value)
        rect: QRect = option.rect  # type: ignore[attr-defined]
        fm = option.fontMetrics  # type: ignore[attr-defined]
        w = max(fm.horizontalAdvance(text) + 10, rect.height() - 6)
        h = rect.height() - 6
        badge = QRect(rect.right() - w - 4, rect.top() + 3, w, h)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._color)
        painter.drawRoundedRect(badge, h / 2, h / 2)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
