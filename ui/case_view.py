"""The selected case: all its fields, photos, departments, deadline with its light, the history as a timeline,
related and merged cases, and buttons for the actions its state allows (from `actions_for`: state and the user's posts)."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain import TrafficLight
from console.security.masking import MaskPolicy
from console.workflow import machine
from console.workflow.case_view import CaseViewData, Photo
from console.workflow.read import ActionState, CaseDetail
from ui.delegates import LIGHT_COLORS
from ui.i18n import label, translated
from ui.masking import REVEAL_SCHEME, reveal_link_html, shown_phone

THUMB = 96


def _fmt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


class PhotoDialog(QDialog):
    def __init__(self, photo: Photo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(photo.filename)
        lay = QVBoxLayout(self)
        img = QImage.fromData(photo.data)
        pix = QPixmap.fromImage(img)
        if pix.width() > 1200 or pix.height() > 800:
            pix = pix.scaled(
                QSize(1200, 800),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        lbl = QLabel()
        lbl.setPixmap(pix)
        lay.addWidget(lbl)


class CaseView(QWidget):
    """Shows one `CaseViewData`; `action_requested(action, label)` when a button is pressed."""

    action_requested = Signal(str, str)
    case_link_clicked = Signal(str)
    reveal_requested = Signal(str)  # "显示完整号码" followed: the field's key (ui.masking)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: CaseViewData | None = None
        self.revealed: dict[str, str] = {}  # field key → full value shown (after an audited reveal)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        self.light = QLabel()
        self.light.setWordWrap(True)
        # 打印 ▾: the window's 打印督办单/打印案件处理单 actions (`set_print_actions`)
        self.print_button = QToolButton()
        self.print_button.setObjectName("print_forms")
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.print_button.setMenu(QMenu(self.print_button))
        self.print_button.hide()
        light_row = QHBoxLayout()
        light_row.addWidget(self.light, 1)
        light_row.addWidget(self.print_button)
        outer.addLayout(light_row)
        # the calendar a deadline was counted on is not the official one (a year without the State Council's
        # schedule): said where the deadline is shown, not only by `gridconsole calendar explain`
        self.calendar_warning = QLabel()
        self.calendar_warning.setObjectName("calendar_warning")
        self.calendar_warning.setWordWrap(True)
        self.calendar_warning.setStyleSheet("#calendar_warning { background: #fff4e5; color: #8a4b00;"
                                            " border: 1px solid #f0b35b; border-radius: 3px; padding: 3px 6px; }")  # fmt: skip
        self.calendar_warning.hide()
        outer.addWidget(self.calendar_warning)

        self.action_box = QWidget()
        self.action_grid = QGridLayout(self.action_box)
        self.action_grid.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.action_box)
        self.buttons: dict[str, QPushButton] = {}
        self.shortcuts: dict[str, str] = {}  # action → its key (ui.keyboard), named in the button's tip

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.fields = QTextBrowser()
        self.fields.setOpenLinks(False)
        self.fields.anchorClicked.connect(self._anchor_clicked)
        self.fields.setMinimumHeight(330)
        self.body_layout.addWidget(self.fields)
        self.photo_row = QHBoxLayout()
        self.photo_row.addStretch(1)
        self.body_layout.addLayout(self.photo_row)
        self.deadline_title = QLabel()
        self.deadline_title.setStyleSheet("font-weight: bold;")
        self.body_layout.addWidget(self.deadline_title)
        self.deadline_text = QLabel()  # the explanation `gridconsole calendar explain` prints
        self.deadline_text.setObjectName("deadline_explanation")
        self.deadline_text.setWordWrap(True)
        self.deadline_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadline_text.setStyleSheet("color: #24292f; padding-left: 4px;")
        self.body_layout.addWidget(self.deadline_text)
        self.history_title = QLabel()
        self.history_title.setStyleSheet("font-weight: bold;")
        self.body_layout.addWidget(self.history_title)
        self.history = QTextBrowser()
        self.history.setMinimumHeight(260)
        self.body_layout.addWidget(self.history)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.photo_buttons: list[QToolButton] = []
        self.retranslate()

    def set_print_actions(self, actions: list[QAction]) -> None:
        menu = self.print_button.menu()
        menu.clear()
        menu.addActions(actions)
        self.print_button.setVisible(bool(actions))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Its own captions, and the case shown (labels, history, buttons) again in the current language."""
        self.history_title.setText(QCoreApplication.translate("CaseView", "办理过程"))
        self.deadline_title.setText(QCoreApplication.translate("CaseView", "时限计算"))
        self.print_button.setText(QCoreApplication.translate("CaseView", "打印") + " ▾")
        if self.data is None:
            self.title.setText(QCoreApplication.translate("CaseView", "未选择案件"))
        else:
            self.show_data(self.data)

    # --- showing ---------------------------------------------------------------------------------------------

    def _anchor_clicked(self, url: Any) -> None:
        link = url.toString()
        if link.startswith(f"{REVEAL_SCHEME}:"):
            self.reveal_requested.emit(link.removeprefix(f"{REVEAL_SCHEME}:"))
        else:
            self.case_link_clicked.emit(link.removeprefix("case:"))

    def show_revealed(self, key: str, value: str) -> None:
        """Show a field in full after `ui.masking.reveal_value` allowed (and audited) it."""
        if self.data is None:
            return
        self.revealed[key] = value
        self.fields.setHtml(self._fields_html(self.data.detail))

    def clear(self) -> None:
        self.data = None
        self.revealed = {}
        self.title.setText(QCoreApplication.translate("CaseView", "未选择案件"))
        self.light.clear()
        self.fields.clear()
        self.history.clear()
        self._show_deadline(None)
        self._set_actions(())
        self._set_photos(())

    def show_data(self, data: CaseViewData) -> None:
        if self.data is None or self.data.detail.id != data.detail.id:
            self.revealed = {}
        self.data = data
        d = data.detail
        self.title.setText(f"{d.number}  {html.escape(d.summary)}")
        self._show_light(d)
        self.fields.setHtml(self._fields_html(d))
        self.history.setHtml(self._history_html(d))
        self._show_deadline(data)
        self._set_actions(data.actions)
        self._set_photos(data.photos)

    def _show_deadline(self, data: CaseViewData | None) -> None:
        note = data.deadline if data is not None else None
        notices = note.calendar_notices if note is not None else ()
        caution = QCoreApplication.translate("CaseView", "注意：")
        self.calendar_warning.setText("⚠ " + "\n".join(caution + n for n in notices))
        self.calendar_warning.setVisible(bool(notices))
        explanation = note.explanation if note is not None else ""
        self.deadline_text.setText(explanation)
        self.deadline_title.setVisible(bool(explanation))
        self.deadline_text.setVisible(bool(explanation))

    def _show_light(self, d: CaseDetail) -> None:
        color = LIGHT_COLORS.get(d.light)
        due = _fmt(d.stage_due_at)
        stage_limit = QCoreApplication.translate("CaseView", "本环节时限")
        text = f"{label(d.status)} · {label(d.light)}" + (f" · {stage_limit} {due}" if due else "")
        css = f"color: {color.name()};" if color is not None and d.light is not TrafficLight.NONE else ""
        self.light.setText(("● " if css else "") + text)
        self.light.setStyleSheet(f"font-weight: bold; {css}")

    def _fields_html(self, d: CaseDetail) -> str:
        rows: list[tuple[str, str]] = [
            (QCoreApplication.translate("CaseView", "案件编号"), d.number),
            (QCoreApplication.translate("CaseView", "状态"), label(d.status) + (f"（{label(d.stage)}）" if d.stage else "")),
            (QCoreApplication.translate("CaseView", "类别"), f"{d.category_name} · {label(d.severity)}" + (QCoreApplication.translate("CaseView", " · 紧急") if d.urgent else "")),
            (QCoreApplication.translate("CaseView", "网格"), f"{d.grid_path}（{d.grid_code}）"),
            (QCoreApplication.translate("CaseView", "地址"), d.address),
            (QCoreApplication.translate("CaseView", "来源"), label(d.source)),
            (QCoreApplication.translate("CaseView", "上报人"), f"{d.reported_by} · {_fmt(d.reported_at)}"),
            (QCoreApplication.translate("CaseView", "反映人"), " ".join(x for x in (d.reporter_name, self._phone_text(d)) if x)),
            (QCoreApplication.translate("CaseView", "涉及人员"), d.people_involved),
            (QCoreApplication.translate("CaseView", "问题描述"), d.description),
            (QCoreApplication.translate("CaseView", "自巡自办"), d.self_handled_action if d.self_handled else ""),
            (QCoreApplication.translate("CaseView", "牵头部门"), d.lead_department or ""),
            (QCoreApplication.translate("CaseView", "派遣/签收"), _sign_text(d)),
            (QCoreApplication.translate("CaseView", "配合部门"), "、".join(d.co_departments)),
            (QCoreApplication.translate("CaseView", "直接责任人"), d.responsible_person or ""),
            (QCoreApplication.translate("CaseView", "交办要求"), d.instructions),
            (QCoreApplication.translate("CaseView", "办结时限"), _fmt(d.due_at)),
            (QCoreApplication.translate("CaseView", "本环节时限"), _fmt(d.stage_due_at)),
            (QCoreApplication.translate("CaseView", "申请延至"), _fmt(d.requested_due_at)),
            (QCoreApplication.translate("CaseView", "办理结果"), d.result),
            (
                QCoreApplication.translate("CaseView", "结案"),
                (label(d.close_type) + " " + d.close_reason + " " + _fmt(d.closed_at)).strip()
                if d.close_type
                else "",
            ),  # fmt: skip
            (QCoreApplication.translate("CaseView", "满意度"), label(d.satisfaction) if d.satisfaction else ""),
            (QCoreApplication.translate("CaseView", "返工/延期/督办"), f"{d.rework_count} / {d.extension_count} / {d.supervise_count}"
             + (f"（{label(d.supervise_level)}）" if d.supervise_level else "")),
            (QCoreApplication.translate("CaseView", "治理计划"), _plan_text(d.governance_plan)),
            (QCoreApplication.translate("CaseView", "下次复查"), d.next_review_on.isoformat() if d.next_review_on else ""),
            (QCoreApplication.translate("CaseView", "认领"), f"{d.claimed_by}（{_fmt(d.claim_expires_at)}）" if d.claimed_by else ""),
            (QCoreApplication.translate("CaseView", "最后修改"), f"{d.updated_by} · {_fmt(d.updated_at)} · v{d.version}"),
        ]
        reporter = QCoreApplication.translate("CaseView", "反映人")
        out = ["<table cellspacing='0' cellpadding='3' width='100%'>"]
        for caption, value in rows:
            if not value:
                continue
            out.append(
                f"<tr><td style='color:#57606a;white-space:nowrap' valign='top'>{html.escape(caption)}</td>"
                f"<td>{html.escape(value).replace(chr(10), '<br>')}"
                f"{self._reveal_link(d) if caption == reporter else ''}</td></tr>"
            )
        out.append("</table>")
        if d.related:
            related = QCoreApplication.translate("CaseView", "相关案件")
            out.append(f"<p><b>{html.escape(related)}</b></p><ul>")
            for r in d.related:
                relation = QCoreApplication.translate("domain", r.relation)
                out.append(
                    f"<li>{html.escape(relation)}：<a href='case:{r.number}'>{r.number}</a> "
                    f"{html.escape(label(r.status))} {html.escape(r.summary)}</li>"
                )
            out.append("</ul>")
        if d.attachments:
            names = "、".join(html.escape(a.filename) for a in d.attachments)
            attached = QCoreApplication.translate("CaseView", "附件")
            out.append(f"<p><span style='color:#57606a'>{html.escape(attached)}</span> {names}</p>")
        return "".join(out)

    def _policy(self) -> MaskPolicy:
        return self.data.privacy if self.data is not None else MaskPolicy()

    def _phone_text(self, d: CaseDetail) -> str:
        return shown_phone(d.reporter_phone, self._policy(), "reporter_phone" in self.revealed)

    def _reveal_link(self, d: CaseDetail) -> str:
        """The "显示完整号码" link after a masked phone (empty when nothing is masked)."""
        if not d.reporter_phone or "reporter_phone" in self.revealed or not self._policy().mask:
            return ""
        return reveal_link_html("reporter_phone", self._policy())

    def _history_html(self, d: CaseDetail) -> str:
        out = ["<table cellspacing='0' cellpadding='4' width='100%'>"]
        for h in reversed(d.history):
            status = label(h.to_status)
            if h.from_status is not None and h.from_status != h.to_status:
                status = f"{label(h.from_status)} → {status}"
            on_time = ""
            if h.stage is not None and h.stage_on_time is not None:
                on_time = QCoreApplication.translate("CaseView", "按时") if h.stage_on_time else QCoreApplication.translate("CaseView", "超时")
                on_time = f" <span style='color:{'#2e7d32' if h.stage_on_time else '#d62828'}'>[{label(h.stage)} {on_time}]</span>"
            action = QCoreApplication.translate("domain", h.action_label)
            out.append(
                "<tr><td width='18' valign='top' style='color:#1f6feb'>●</td>"
                f"<td><b>{html.escape(action)}</b> · {html.escape(h.actor)} · "
                f"<span style='color:#57606a'>{_fmt(h.at)}</span><br>"
                f"<span style='color:#57606a'>{html.escape(status)}</span>{on_time}"
                + (f"<br>{html.escape(h.note)}" if h.note else "")
                + "</td></tr>"
            )
        out.append("</table>")
        return "".join(out)

    def _set_actions(self, actions: tuple[ActionState, ...]) -> None:
        for b in self.buttons.values():
            b.deleteLater()
        self.buttons.clear()
        status = self.data.detail.status if self.data else None
        shown = [
            a
            for a in actions
            if status is not None and machine.refusal(status, a.action) is None and a.action != "attach"
        ]
        for i, a in enumerate(shown):
            btn = QPushButton(QCoreApplication.translate("domain", a.label))
            btn.setEnabled(a.allowed)
            key = self.shortcuts.get(a.action)
            tip = f"{btn.text()} ({key})" if key else ""
            btn.setToolTip(tip if a.allowed else translated(a.reason or ""))
            btn.setObjectName(f"action_{a.action}")
            btn.clicked.connect(
                lambda _=False, act=a.action, lab=a.label: self.action_requested.emit(act, lab)
            )
            self.action_grid.addWidget(btn, i // 4, i % 4)
            self.buttons[a.action] = btn

    def _set_photos(self, photos: tuple[Photo, ...]) -> None:
        for b in self.photo_buttons:
            b.deleteLater()
        self.photo_buttons.clear()
        for p in photos:
            img = QImage.fromData(p.data)
            if img.isNull():
                continue
            btn = QToolButton()
            btn.setIcon(QPixmap.fromImage(img.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                     Qt.TransformationMode.SmoothTransformation)))  # fmt: skip
            btn.setIconSize(QSize(THUMB, THUMB))
            btn.setToolTip(p.filename)
            btn.clicked.connect(lambda _=False, photo=p: PhotoDialog(photo, self).exec())
            self.photo_row.insertWidget(self.photo_row.count() - 1, btn)
            self.photo_buttons.append(btn)

    def current(self) -> Any:
        return self.data.detail if self.data else None


def _sign_text(d: CaseDetail) -> str:
    """When the case was dispatched and when its lead department signed for it (签收), or that it has not yet."""
    if d.dispatched_at is None:
        return ""
    signed = (
        QCoreApplication.translate("CaseView", "签收 %1").replace("%1", _fmt(d.signed_at))
        if d.signed_at is not None
        else QCoreApplication.translate("CaseView", "尚未签收")
    )
    return QCoreApplication.translate("CaseView", "派遣 %1").replace("%1", _fmt(d.dispatched_at)) + " · " + signed


def _plan_text(plan: dict[str, Any] | None) -> str:
    """The governance plan (治理计划) as lines: measures, then milestones "date: what"."""
    if not plan:
        return ""
    parts: list[str] = []
    measures = plan.get("measures")
    if isinstance(measures, list):
        parts.extend(f"· {m}" for m in measures)
    elif measures:
        parts.append(str(measures))
    for m in plan.get("milestones") or []:
        if isinstance(m, dict):
            parts.append(f"{m.get('on', '')}：{m.get('what', '')}".strip("："))
        else:
            parts.append(f"· {m}")
    return "\n".join(parts)
