"""Traffic light and time-left text of a queue row, recomputed from "now" so the queue ages on its own."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from console.domain import TrafficLight
from console.queue import QueueRow


def span_text(seconds: float) -> str:
    """A short Chinese duration: 2天3小时, 5小时12分, 8分."""
    minutes = int(abs(seconds) // 60)
    days, rem = divmod(minutes, 24 * 60)
    hours, mins = divmod(rem, 60)
    if days:
        return QCoreApplication.translate("timefmt", "%1天%2小时").replace("%1", str(days)).replace("%2", str(hours))
    if hours:
        return QCoreApplication.translate("timefmt", "%1小时%2分").replace("%1", str(hours)).replace("%2", str(mins))
    return QCoreApplication.translate("timefmt", "%1分").replace("%1", str(mins))


def deadline_text(row: QueueRow, now: datetime) -> str:
    """ "剩 1天2小时 (03-12 17:30)", "超期 3小时", "计时暂停", or "" for untimed cases."""
    light = row.light_at(now)
    due = row.stage_due_at
    if light is TrafficLight.PAUSED:
        return QCoreApplication.translate("timefmt", "计时暂停")
    if light is TrafficLight.NONE or due is None:
        return ""
    left = (due - now).total_seconds()
    when = due.strftime("%m-%d %H:%M")
    if left <= 0:
        return QCoreApplication.translate("timefmt", "超期 %1").replace("%1", span_text(left)) + f" ({when})"
    return QCoreApplication.translate("timefmt", "剩 %1").replace("%1", span_text(left)) + f" ({when})"
