"""A department seat's alerts (issue 17 item 4): a tray message, a sound and a flashing task-bar entry when a case
is dispatched to the seat's department or sent back to it for rework, also while the window is minimised; and the
待签收 badge on the quick filter.

Presentation only: which changes concern the seat is `console.queue.seat_alerts.concerns`, asked on a worker
for the case ids the window's one change feed delivers (no polling of its own); the badge is the queue's count
of the 待签收 filter.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from console.i18n import QT_TRANSLATE_NOOP
from console.queue.seat_alerts import (
    AlertCursor,
    AlertKind,
    SeatAlert,
    alert_cursor,
    awaiting_sign_count,
    is_department_seat,
    seat_alerts,
)
from ui import settings
from ui.i18n import label

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SOUND_FILE = Path(__file__).with_name("sounds") / "alert.wav"
#: the quick filter that carries the badge
QUICK_KEY = "待签收"
QUICK_CAPTION = QT_TRANSLATE_NOOP("MainWindow", "待签收")
TRAY_MS = 15_000


class AlertSound(QObject):
    """The chime (ui/sounds/alert.wav) through QtMultimedia's QSoundEffect when PySide6-Addons is installed;
    the desktop's bell (`QApplication.beep`) otherwise — PySide6-Essentials has no audio."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.effect: Any = None
        try:
            from PySide6.QtMultimedia import QSoundEffect  # noqa: PLC0415 - optional (PySide6-Addons)
        except ImportError:
            return
        self.effect = QSoundEffect(self)
        self.effect.setSource(QUrl.fromLocalFile(str(SOUND_FILE)))
        self.effect.setVolume(0.8)

    @property
    def backend(self) -> str:
        return "QSoundEffect" if self.effect is not None else "beep"

    def play(self) -> None:
        if self.effect is not None:
            self.effect.play()
        else:
            QApplication.beep()


class SeatAlerts(QObject):
    """Owned by the main window `w`: `on_changes(ids)` from its change feed, `refresh_badge()` with its counts."""

    #: the alerts of one change (list[SeatAlert]), after the tray message and sound were given
    alerted = Signal(object)
    #: the 待签收 count changed
    badge_changed = Signal(int)

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.cursor: AlertCursor | None = None
        self._early: set[int] = set()  # changes that came before the cursor was read
        self.badge: int | None = None
        self.last_message: tuple[str, str] = ("", "")
        self.last_alerts: list[SeatAlert] = []
        self.sound = AlertSound(self)
        style = QApplication.style()
        self.tray = QSystemTrayIcon(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation), self)
        self.tray.messageClicked.connect(self.show_last)
        self.tray.activated.connect(lambda _reason: self.show_last())
        a = QAction(w, checkable=True)
        w.texts.bind(a.setText, QT_TRANSLATE_NOOP("MainWindow", "派件提醒声音"))
        a.setChecked(bool(settings.get("ui/alert_sound")))
        a.toggled.connect(lambda on: settings.put("ui/alert_sound", bool(on)))
        w.acts["alert_sound"] = a
        w.security_ready.connect(self._security_ready)
        w.tasks.run(alert_cursor, self._set_cursor, name="alert-cursor")

    # --- who this seat is --------------------------------------------------------------------------------------

    @property
    def department_seat(self) -> bool:
        return is_department_seat(self.w.principal)

    def _security_ready(self) -> None:
        if self.department_seat:
            self._badge_first()
            if QSystemTrayIcon.isSystemTrayAvailable():
                self.tray.show()
        if self.w._quick == QUICK_KEY:  # noqa: SLF001 - the filter depends on the departments just read
            self.w.apply_filters()
        self.refresh_badge()

    def _badge_first(self) -> None:
        """A department seat's own work first: its 待签收 button right after 全部未结, so that on a narrow
        screen the badge is the last to go behind the quick bar's » menu."""
        bar, buttons = self.w.quick_bar, self.w.quick_buttons
        badge, keys = buttons.get(QUICK_KEY), list(buttons)
        if badge is None or keys.index(QUICK_KEY) <= 1:
            return
        actions = bar.actions()
        moved = next((a for a in actions if bar.widgetForAction(a) is badge), None)
        before = next((a for a in actions if bar.widgetForAction(a) is buttons[keys[1]]), None)
        if moved is None or before is None:
            return
        bar.removeAction(moved)
        bar.insertAction(before, moved)

    # --- alerts ------------------------------------------------------------------------------------------------

    def _set_cursor(self, cursor: AlertCursor) -> None:
        self.cursor = cursor
        if self._early:
            early, self._early = self._early, set()
            self.on_changes(early)

    def on_changes(self, ids: set[int]) -> None:
        """The change feed's ids: ask `console` which of them are news for this seat."""
        if self.w.principal is not None and not self.department_seat:
            return  # a dispatcher's or grid worker's seat: nothing to ask
        if self.cursor is None:
            self._early |= ids
            return
        login, cursor = self.w.actor, self.cursor
        self.w.tasks.run(lambda s: seat_alerts(s, login, ids, cursor), self._on_alerts, name="seat-alerts")

    def _on_alerts(self, result: tuple[list[SeatAlert], dict[int, int]]) -> None:
        alerts, seen = result
        cursor = self.cursor
        assert cursor is not None
        # two reads of the same case in flight at once: the later one drops what the earlier one reported
        alerts = [a for a in alerts if a.history_id > cursor.after(a.case_id)]
        self.cursor = cursor.advanced(seen)
        if alerts:
            self.notify(alerts)

    def notify(self, alerts: list[SeatAlert]) -> None:
        """Tray message, sound, task-bar flash; the same words in the status bar (no tray on some desktops)."""
        self.last_alerts = alerts
        first = alerts[0]
        title = (
            label(first.kind)
            if len({a.kind for a in alerts}) == 1
            else QCoreApplication.translate("MainWindow", "新的待办案件")
        )
        lines = [f"{a.number} {a.summary}（{a.department}）" for a in alerts[:5]]
        if len(alerts) > 5:
            lines.append(
                QCoreApplication.translate("MainWindow", "另有 %1 件").replace("%1", str(len(alerts) - 5))
            )
        body = "\n".join(lines)
        self.last_message = (title, body)
        if self.tray.isVisible():
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, TRAY_MS)
        self.w.statusBar().showMessage(f"{title}：{lines[0]}", TRAY_MS)
        if settings.get("ui/alert_sound"):
            self.sound.play()
        QApplication.alert(self.w, 0)  # the task-bar entry flashes until the window is looked at
        self.refresh_badge()
        self.alerted.emit(alerts)

    def show_last(self) -> None:
        """The tray message was clicked: bring the window back and show the case."""
        w = self.w
        if w.isMinimized():
            w.showNormal()
        w.raise_()
        w.activateWindow()
        if self.last_alerts:
            w.goto_case(self.last_alerts[0].number)

    # --- the 待签收 badge --------------------------------------------------------------------------------------

    def refresh_badge(self) -> None:
        login = self.w.actor
        self.w.tasks.run(
            lambda s: awaiting_sign_count(s, login), self._on_badge, name="sign-badge", priority=-5
        )

    def _on_badge(self, n: int) -> None:
        changed = n != self.badge
        self.badge = n
        self.show_badge()
        if changed:
            self.badge_changed.emit(n)

    def show_badge(self) -> None:
        """The count on the 待签收 button (and the tray's tooltip); again after a language change."""
        button = self.w.quick_buttons.get(QUICK_KEY)
        caption = QCoreApplication.translate("MainWindow", QUICK_CAPTION)
        n = self.badge or 0
        tip = QCoreApplication.translate("MainWindow", "待签收：%1 件").replace("%1", str(n))
        if button is not None:
            button.setText(f"{caption} ({n})" if n else caption)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
        self.tray.setToolTip(QCoreApplication.translate("MainWindow", "网格化管理指挥调度台") + " — " + tip)

    def retranslate(self) -> None:
        self.show_badge()

    def stop(self) -> None:
        self.tray.hide()


__all__ = ["AlertKind", "AlertSound", "SeatAlerts"]
