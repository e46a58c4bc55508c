"""A grid's panel: code, households, its staff by role with the history of who held each post, and its
case figures (subtree totals)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from console.domain import OPEN_STATUSES, CaseStatus, GridKind
from console.grid_reads import GridPanelData
from ui.i18n import label
from ui.masking import REVEAL_SCHEME, reveal_link_html, shown_phone


class GridPanel(QTextBrowser):
    reveal_requested = Signal(str)  # "显示完整号码" followed (ui.masking)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: GridPanelData | None = None
        self.revealed = False  # the staff's phones shown in full after an audited reveal
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)

    def _anchor_clicked(self, url: QUrl) -> None:
        link = url.toString()
        if link.startswith(f"{REVEAL_SCHEME}:"):
            self.reveal_requested.emit(link.removeprefix(f"{REVEAL_SCHEME}:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.data is not None:
            self.show_data(self.data)  # the panel is all generated text: render it again
        super().changeEvent(event)

    def show_revealed(self, full: GridPanelData | None = None) -> None:
        """Show the staff's phones in full (`full`: the panel as `reveal_grid_panel` returned it, whose phones
        the server revealed on a person's PostgreSQL login)."""
        self.revealed = True
        if full is not None and self.data is not None and full.code == self.data.code:
            self.data = full
        if self.data is not None:
            self.show_data(self.data)

    def show_data(self, d: GridPanelData) -> None:
        if self.data is None or self.data.code != d.code:
            self.revealed = False
        self.data = d
        level = {1: QCoreApplication.translate("GridPanel", "一级网格"), 2: QCoreApplication.translate("GridPanel", "二级网格"), 3: QCoreApplication.translate("GridPanel", "三级网格")}.get(d.level, "")
        kind = "" if d.kind is GridKind.REGULAR else f" · {label(d.kind)}"
        households = QCoreApplication.translate("GridPanel", "户数")
        total_word = QCoreApplication.translate("GridPanel", "案件总数")
        open_word = QCoreApplication.translate("GridPanel", "未结")
        overdue_word = QCoreApplication.translate("GridPanel", "超期")
        closed_word = QCoreApplication.translate("GridPanel", "已办结")
        on_duty = QCoreApplication.translate("GridPanel", "在岗人员")
        since = QCoreApplication.translate("GridPanel", "自")
        nobody = QCoreApplication.translate("GridPanel", "（无）")
        former = QCoreApplication.translate("GridPanel", "历任")
        out = [
            f"<p><b style='font-size:12pt'>{html.escape(d.name)}</b><br>"
            f"<span style='color:#57606a'>{d.code} · {level}{kind} · "
            f"{html.escape(households)} {d.households}</span></p>"
        ]
        open_n = sum(n for s, n in d.status_counts.items() if s in OPEN_STATUSES)
        total = sum(d.status_counts.values())
        closed = d.status_counts.get(CaseStatus.CLOSED, 0) + d.status_counts.get(CaseStatus.EVALUATED, 0)
        out.append(
            f"<p>{total_word} <b>{total}</b> · {open_word} <b>{open_n}</b> · "
            f"{overdue_word} <b style='color:#d62828'>{d.overdue}</b> · {closed_word} <b>{closed}</b></p>"
        )
        current = [p for p in d.posts if p.end is None]
        past = [p for p in d.posts if p.end is not None]
        link = ""
        if d.privacy.mask and not self.revealed and any(p.phone for p in current):
            link = reveal_link_html("staff_phones", d.privacy)
        out.append(f"<p><b>{on_duty}</b>{link}</p><table cellpadding='2'>")
        for p in current:
            phone = shown_phone(p.phone, d.privacy, self.revealed)
            out.append(
                f"<tr><td style='color:#57606a'>{html.escape(label(p.role))}</td><td>{html.escape(p.person)}</td>"
                f"<td>{html.escape(phone)}</td><td>{since} {p.start.isoformat()}</td></tr>"
            )
        if not current:
            out.append(f"<tr><td>{nobody}</td></tr>")
        out.append("</table>")
        if past:
            out.append(f"<p><b>{former}</b></p><table cellpadding='2'>")
            for p in past:
                end = p.end.isoformat() if p.end else ""
                out.append(
                    f"<tr><td style='color:#57606a'>{html.escape(label(p.role))}</td>"
                    f"<td>{html.escape(p.person)}</td><td>{p.start.isoformat()} – {end}</td></tr>"
                )
            out.append("</table>")
        self.setHtml("".join(out))
