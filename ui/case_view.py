"""The selected case: all its fields, photos, departments, deadline with its light, the history as a timeline,
related and merged cases, and buttons for the actions its state allows (from `actions_for`: state and the user's posts)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from console.domain import TrafficLight
from console.workflow import machine
from console.workflow.read import ActionState, CaseDetail, actions_for, attachment_data, case_detail
from ui.delegates import LIGHT_COLORS
from ui.i18n import label, tr
from ui.masking import REVEAL_SCHEME, MaskPolicy, mask_policy, reveal_link_html, shown_phone

MAX_PHOTOS = 8
THUMB = 96


def _t(text: str) -> str:
    return QCoreApplication.translate("CaseView", text)


@dataclass(frozen=True)
class Photo:
    attachment_id: int
    filename: str
    data: bytes


@dataclass(frozen=True)
class CaseViewData:
    detail: CaseDetail
    actions: tuple[ActionState, ...]
    photos: tuple[Photo, ...]
    privacy: MaskPolicy = MaskPolicy()  # masking of the reporter's phone (ui.masking)


def load_case_view(session: Session, id_or_number: int | str, actor: str) -> CaseViewData:
    """Worker side: the case snapshot, the actions allowed to `actor`, and its photos' bytes (a few)."""
    detail = case_detail(session, id_or_number)
    photos: list[Photo] = []
    for a in detail.attachments:
        if a.mime_type.startswith("image/") and len(photos) < MAX_PHOTOS:
            name, _mime, data = attachment_data(session, a.id)
            photos.append(Photo(a.id, name, data))
    from console.models import Case
    from console.security.posts import scope_of

    row = session.get(Case, detail.id)
    scope = scope_of(session, row) if row is not None else None
    privacy = mask_policy(session, actor, scope, f"案件 {detail.number}")
    return CaseViewData(detail, tuple(actions_for(session, detail, actor)), tuple(photos), privacy)


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
        self.title = QLabel(_t("未选择案件"))
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        self.light = QLabel()
        outer.addWidget(self.light)

        self.action_box = QWidget()
        self.action_grid = QGridLayout(self.action_box)
        self.action_grid.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.action_box)
        self.buttons: dict[str, QPushButton] = {}

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
        self.history_title = QLabel(_t("办理过程"))
        self.history_title.setStyleSheet("font-weight: bold;")
        self.body_layout.addWidget(self.history_title)
        self.history = QTextBrowser()
        self.history.setMinimumHeight(260)
        self.body_layout.addWidget(self.history)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.photo_buttons: list[QToolButton] = []

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
        self.title.setText(_t("未选择案件"))
        self.light.clear()
        self.fields.clear()
        self.history.clear()
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
        self._set_actions(data.actions)
        self._set_photos(data.photos)

    def _show_light(self, d: CaseDetail) -> None:
        color = LIGHT_COLORS.get(d.light)
        due = _fmt(d.stage_due_at)
        text = f"{label(d.status)} · {label(d.light)}" + (f" · {_t('本环节时限')} {due}" if due else "")
        css = f"color: {color.name()};" if color is not None and d.light is not TrafficLight.NONE else ""
        self.light.setText(("● " if css else "") + text)
        self.light.setStyleSheet(f"font-weight: bold; {css}")

    def _fields_html(self, d: CaseDetail) -> str:
        rows: list[tuple[str, str]] = [
            (_t("案件编号"), d.number),
            (_t("状态"), label(d.status) + (f"（{label(d.stage)}）" if d.stage else "")),
            (_t("类别"), f"{d.category_name} · {label(d.severity)}" + (_t(" · 紧急") if d.urgent else "")),
            (_t("网格"), f"{d.grid_path}（{d.grid_code}）"),
            (_t("地址"), d.address),
            (_t("来源"), label(d.source)),
            (_t("上报人"), f"{d.reported_by} · {_fmt(d.reported_at)}"),
            (_t("反映人"), " ".join(x for x in (d.reporter_name, self._phone_text(d)) if x)),
            (_t("涉及人员"), d.people_involved),
            (_t("问题描述"), d.description),
            (_t("自巡自办"), d.self_handled_action if d.self_handled else ""),
            (_t("牵头部门"), d.lead_department or ""),
            (_t("配合部门"), "、".join(d.co_departments)),
            (_t("直接责任人"), d.responsible_person or ""),
            (_t("交办要求"), d.instructions),
            (_t("办结时限"), _fmt(d.due_at)),
            (_t("本环节时限"), _fmt(d.stage_due_at)),
            (_t("申请延至"), _fmt(d.requested_due_at)),
            (_t("办理结果"), d.result),
            (
                _t("结案"),
                (label(d.close_type) + " " + d.close_reason + " " + _fmt(d.closed_at)).strip()
                if d.close_type
                else "",
            ),  # fmt: skip
            (_t("满意度"), label(d.satisfaction) if d.satisfaction else ""),
            (_t("返工/延期/督办"), f"{d.rework_count} / {d.extension_count} / {d.supervise_count}"),
            (_t("治理计划"), _plan_text(d.governance_plan)),
            (_t("下次复查"), d.next_review_on.isoformat() if d.next_review_on else ""),
            (_t("认领"), f"{d.claimed_by}（{_fmt(d.claim_expires_at)}）" if d.claimed_by else ""),
            (_t("最后修改"), f"{d.updated_by} · {_fmt(d.updated_at)} · v{d.version}"),
        ]
        out = ["<table cellspacing='0' cellpadding='3' width='100%'>"]
        for caption, value in rows:
            if not value:
                continue
            out.append(
                f"<tr><td style='color:#57606a;white-space:nowrap' valign='top'>{html.escape(caption)}</td>"
                f"<td>{html.escape(value).replace(chr(10), '<br>')}"
                f"{self._reveal_link(d) if caption == _t('反映人') else ''}</td></tr>"
            )
        out.append("</table>")
        if d.related:
            out.append(f"<p><b>{html.escape(_t('相关案件'))}</b></p><ul>")
            for r in d.related:
                out.append(
                    f"<li>{html.escape(tr('domain', r.relation))}：<a href='case:{r.number}'>{r.number}</a> "
                    f"{html.escape(label(r.status))} {html.escape(r.summary)}</li>"
                )
            out.append("</ul>")
        if d.attachments:
            names = "、".join(html.escape(a.filename) for a in d.attachments)
            out.append(f"<p><span style='color:#57606a'>{html.escape(_t('附件'))}</span> {names}</p>")
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
                on_time = _t("按时") if h.stage_on_time else _t("超时")
                on_time = f" <span style='color:{'#2e7d32' if h.stage_on_time else '#d62828'}'>[{label(h.stage)} {on_time}]</span>"
            out.append(
                "<tr><td width='18' valign='top' style='color:#1f6feb'>●</td>"
                f"<td><b>{html.escape(tr('domain', h.action_label))}</b> · {html.escape(h.actor)} · "
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
            btn = QPushButton(tr("domain", a.label))
            btn.setEnabled(a.allowed)
            btn.setToolTip("" if a.allowed else (a.reason or ""))
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
