"""A grid's panel: code, households, its staff by role with the history of who held each post, and its
case figures (subtree totals)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from console import queue as q
from console.domain import OPEN_STATUSES, CaseStatus, GridKind, GridRole
from console.models import Grid, GridAssignment, Person
from ui.i18n import label
from ui.masking import REVEAL_SCHEME, MaskPolicy, mask_policy, reveal_link_html, shown_phone


def _t(text: str) -> str:
    return QCoreApplication.translate("GridPanel", text)


@dataclass(frozen=True)
class Post:
    role: GridRole
    person: str
    phone: str | None
    start: date
    end: date | None


@dataclass(frozen=True)
class GridPanelData:
    code: str
    name: str
    level: int
    kind: GridKind
    households: int
    active: bool
    posts: tuple[Post, ...]
    status_counts: dict[CaseStatus, int]
    overdue: int
    privacy: MaskPolicy = MaskPolicy()  # masking of the staff's phones (ui.masking)


def load_grid_panel(session: Session, code: str, actor: str | None = None) -> GridPanelData:
    """Worker side: everything the panel shows for the grid with this code (phones masked for `actor`
    unless their post may see them in full)."""
    grid = session.scalar(select(Grid).where(Grid.code == code))
    if grid is None:
        from console.errors import NotFound

        raise NotFound(f"网格编码“{code}”不存在")
    rows = session.execute(
        select(
            GridAssignment.role, Person.name, Person.phone, GridAssignment.start_date, GridAssignment.end_date
        )
        .join(Person, Person.id == GridAssignment.person_id)
        .where(GridAssignment.grid_id == grid.id)
        .order_by(GridAssignment.role, GridAssignment.start_date.desc())
    ).all()
    posts = tuple(Post(GridRole(r[0]), r[1], r[2], r[3], r[4]) for r in rows)
    flt = q.QueueFilter(grid_code_prefix=q.subtree_prefix(code))
    counts = q.status_counts(session, flt)
    overdue = q.count(
        session, q.QueueFilter(grid_code_prefix=flt.grid_code_prefix, lights=frozenset({q.TrafficLight.RED}))
    )
    from console.security.posts import CaseScope

    privacy = mask_policy(session, actor or "", CaseScope(grid_code=grid.code), f"网格 {grid.code}")
    return GridPanelData(grid.code, grid.name, grid.level, GridKind(grid.kind), grid.households or 0,
                         grid.active, posts, counts, overdue, privacy)  # fmt: skip


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

    def show_revealed(self) -> None:
        self.revealed = True
        if self.data is not None:
            self.show_data(self.data)

    def show_data(self, d: GridPanelData) -> None:
        if self.data is None or self.data.code != d.code:
            self.revealed = False
        self.data = d
        level = {1: _t("一级网格"), 2: _t("二级网格"), 3: _t("三级网格")}.get(d.level, "")
        kind = "" if d.kind is GridKind.REGULAR else f" · {label(d.kind)}"
        out = [
            f"<p><b style='font-size:12pt'>{html.escape(d.name)}</b><br>"
            f"<span style='color:#57606a'>{d.code} · {level}{kind} · "
            f"{html.escape(_t('户数'))} {d.households}</span></p>"
        ]
        open_n = sum(n for s, n in d.status_counts.items() if s in OPEN_STATUSES)
        total = sum(d.status_counts.values())
        closed = d.status_counts.get(CaseStatus.CLOSED, 0) + d.status_counts.get(CaseStatus.EVALUATED, 0)
        out.append(
            f"<p>{_t('案件总数')} <b>{total}</b> · {_t('未结')} <b>{open_n}</b> · "
            f"{_t('超期')} <b style='color:#d62828'>{d.overdue}</b> · {_t('已办结')} <b>{closed}</b></p>"
        )
        current = [p for p in d.posts if p.end is None]
        past = [p for p in d.posts if p.end is not None]
        link = ""
        if d.privacy.mask and not self.revealed and any(p.phone for p in current):
            link = reveal_link_html("staff_phones", d.privacy)
        out.append(f"<p><b>{_t('在岗人员')}</b>{link}</p><table cellpadding='2'>")
        for p in current:
            phone = shown_phone(p.phone, d.privacy, self.revealed)
            out.append(
                f"<tr><td style='color:#57606a'>{html.escape(label(p.role))}</td><td>{html.escape(p.person)}</td>"
                f"<td>{html.escape(phone)}</td><td>{_t('自')} {p.start.isoformat()}</td></tr>"
            )
        if not current:
            out.append(f"<tr><td>{_t('（无）')}</td></tr>")
        out.append("</table>")
        if past:
            out.append(f"<p><b>{_t('历任')}</b></p><table cellpadding='2'>")
            for p in past:
                end = p.end.isoformat() if p.end else ""
                out.append(
                    f"<tr><td style='color:#57606a'>{html.escape(label(p.role))}</td>"
                    f"<td>{html.escape(p.person)}</td><td>{p.start.isoformat()} – {end}</td></tr>"
                )
            out.append("</table>")
        self.setHtml("".join(out))
