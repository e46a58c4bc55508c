"""The live case queue as a Qt table model over `console.queue`: a sparse block cache, never the whole table.

`rowCount()` is the database's `count()`; rows are loaded in blocks of ~100 when the view asks for them: a
block after a loaded one by keyset from its neighbour's cursor (cheap at any depth), a block far from any
loaded one by offset (`fetch_page_at`, one jump). Filtering and sorting change the query, never a proxy (a
QSortFilterProxyModel over a million Python rows takes 40 s to filter here). At most `max_blocks` blocks are
kept; the least recently painted are dropped and reload when scrolled back to.

Live updates (`apply_changes`) run in two steps: the changed rows already on screen are re-read by id and
repainted at once; then the count and the recently painted blocks are re-read and swapped in under a layout
change that moves persistent indexes by case id, so the selection follows its case and the scroll position
stays where it was.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from console import clock
from console import queue as q
from console.domain import CaseStatus, TrafficLight
from console.i18n import QT_TRANSLATE_NOOP
from console.queue.blocks import Block, BlockResult, QuerySpec, load_blocks
from ui.i18n import label
from ui.tasks import TaskRunner
from ui.timefmt import deadline_text

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sort: str | None  # the SortKey value this column sorts by, None when not sortable
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("number", QT_TRANSLATE_NOOP("QueueModel", "编号"), None, 110),
    Column("light", QT_TRANSLATE_NOOP("QueueModel", "灯"), "deadline", 36),
    Column("status", QT_TRANSLATE_NOOP("QueueModel", "状态"), None, 80),
    Column("category", QT_TRANSLATE_NOOP("QueueModel", "类别"), None, 90),
    Column("grid", QT_TRANSLATE_NOOP("QueueModel", "网格"), None, 120),
    Column("summary", QT_TRANSLATE_NOOP("QueueModel", "概要"), None, 260),
    Column("department", QT_TRANSLATE_NOOP("QueueModel", "牵头部门"), None, 100),
    Column("deadline", QT_TRANSLATE_NOOP("QueueModel", "时限/剩余"), "deadline", 200),
    Column("reported_at", QT_TRANSLATE_NOOP("QueueModel", "上报时间"), "reported", 110),
    Column("source", QT_TRANSLATE_NOOP("QueueModel", "来源"), None, 90),
)
COL = {c.key: i for i, c in enumerate(COLUMNS)}

#: role carrying the row's TrafficLight (the delegate paints it)
LightRole = Qt.ItemDataRole.UserRole + 1
#: role carrying the case id
CaseIdRole = Qt.ItemDataRole.UserRole + 2
#: role carrying the QueueRow itself
RowRole = Qt.ItemDataRole.UserRole + 3

OVERDUE_BACKGROUND = QColor(255, 228, 225)
LOADING = "…"

_R = Qt.ItemDataRole
_DISPLAY, _BACKGROUND, _FONT, _FOREGROUND, _TOOLTIP, _ALIGNMENT = (
    int(x.value)
    for x in (_R.DisplayRole, _R.BackgroundRole, _R.FontRole, _R.ForegroundRole, _R.ToolTipRole,
              _R.TextAlignmentRole)
)  # fmt: skip
_LIGHT, _CASE_ID, _ROW = (
    int(x.value) if hasattr(x, "value") else int(x) for x in (LightRole, CaseIdRole, RowRole)
)
_ROLES = frozenset({_DISPLAY, _BACKGROUND, _FONT, _FOREGROUND, _TOOLTIP, _ALIGNMENT, _LIGHT, _CASE_ID, _ROW})


def _sign_tooltip(row: Any, text: str) -> str:
    """The status or department with when the case was dispatched and signed for (签收), or not yet."""
    when = "%m-%d %H:%M"
    dispatched = QCoreApplication.translate("QueueModel", "派遣 %1").replace("%1", row.dispatched_at.strftime(when))
    signed = (
        QCoreApplication.translate("QueueModel", "签收 %1").replace("%1", row.signed_at.strftime(when))
        if row.signed_at is not None
        else QCoreApplication.translate("QueueModel", "尚未签收")
    )
    return f"{text}\n{dispatched} · {signed}" if text else f"{dispatched} · {signed}"


def _bold() -> QFont:
    font = QFont()  # the application's font as it is now (the Chinese font may be changed at run time)
    font.setBold(True)
    return font


class QueueModel(QAbstractTableModel):
    """Lazy, database-sorted, database-filtered table of cases."""

    #: a reset or a live refresh finished: the count is known and the wanted blocks are in
    refreshed = Signal()
    #: rows of these case ids were repainted with fresh data (live update, first step)
    rows_changed = Signal(object)
    #: one block arrived (block index)
    block_loaded = Signal(int)
    total_changed = Signal(int)

    def __init__(
        self,
        tasks: TaskRunner,
        parent: Any = None,
        *,
        block_size: int = 100,
        max_blocks: int = 60,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.block_size = block_size
        self.max_blocks = max_blocks
        self._spec: QuerySpec | None = None
        self._total = 0
        self._blocks: OrderedDict[int, Block] = OrderedDict()  # LRU: last is most recently used
        self._pending: set[int] = set()
        self._wanted: set[int] = set()
        self._generation = 0
        self._refreshing = False
        self._refresh_again = False
        self._counting = False  # a new query's count is on its way
        self._first_block_in = False
        self._reset_count: int | None = None
        self._count_failed = False
        self._now = clock.now()
        #: year → the warning of a year whose calendar is not the official one (`console.calendar.year_notices`)
        self._calendar_notices: dict[int, str] = {}
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        self.loaded_once = False
        # the first page is what the user waits for: other jobs start once it is painted
        tasks.hold_background()

    # --- the query -----------------------------------------------------------------------------------------

    @property
    def spec(self) -> QuerySpec | None:
        return self._spec

    def set_query(self, flt: Any, sort: Any, descending: bool) -> None:
        """Show another filter or order: the rows are re-read. The first block and the count are two jobs side by
        side, and the block is shown as soon as it comes: a free-text count over a million cases takes most of a
        second while its first page takes a few dozen milliseconds."""
        self._spec = QuerySpec(flt, sort, descending)
        self._generation += 1
        self.beginResetModel()
        self._total = 0
        self._blocks.clear()
        self._pending.clear()
        self._wanted.clear()
        self.endResetModel()
        self._now = clock.now()
        gen = self._generation
        spec = self._spec
        size = self.block_size
        now = self._now
        self._pending.add(0)
        self._first_block_in = False
        self._reset_count = None  # the count, when it came before the first block
        self._count_failed = False
        self._counting = True
        self._tasks.run(
            lambda s: load_blocks(s, spec, [(0, 1, None)], size, now, gen, False),
            self._on_first_block,
            partial(self._on_first_block_error, gen),
            name="queue-reset",
            priority=5,
        )
        self._tasks.run(
            lambda s: (gen, q.count(s, spec.flt, now=now)),
            self._on_reset_count,
            partial(self._on_count_error, gen),
            name="queue-count",
            priority=5,
        )

    def _on_first_block(self, res: BlockResult) -> None:
        if res.generation != self._generation:
            return
        self._pending.discard(0)
        self._first_block_in = True
        first = res.blocks.get(0)
        # until the count comes, the table holds just this block
        total = self._reset_count if self._reset_count is not None else len(first.rows) if first else 0
        if total:
            self.beginInsertRows(QModelIndex(), 0, total - 1)
            self._total = total
            self._store(res.blocks)
            self.endInsertRows()
        if self._reset_count is not None or self._count_failed:
            self._reset_done()

    def _on_reset_count(self, result: tuple[int, int]) -> None:
        gen, total = result
        if gen != self._generation:
            return
        if not self._first_block_in:
            self._reset_count = total
            return
        self._resize(total)
        self._reset_done()

    def _reset_done(self) -> None:
        self._counting = False
        self.total_changed.emit(self._total)
        self.loaded_once = True
        self.refreshed.emit()

    def _resize(self, total: int) -> None:
        """The count is in (or changed): add the rows below the loaded ones, or drop those beyond it."""
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self._drop_beyond(total)
            self.endRemoveRows()

    def _on_first_block_error(self, gen: int, _exc: BaseException) -> None:
        """The first page of this query failed (the window's banner says why; a reconnect reloads): nothing
        is loading any more."""
        if gen != self._generation:
            return
        self._pending.discard(0)
        self._counting = False

    def _on_count_error(self, gen: int, _exc: BaseException) -> None:
        """The count of this query failed (the window's banner says why): the table keeps what the first page
        holds, and the reset ends once that page is in (a reconnect reloads count and rows)."""
        if gen != self._generation:
            return
        if self._first_block_in:
            self._reset_done()
        else:
            self._count_failed = True

    def _on_load_error(self, exc: BaseException) -> None:
        self._pending.clear()
        self._refreshing = False

    def reload(self) -> None:
        """Re-read the count and the rows on screen, keeping selection and scroll (after a reconnect)."""
        self.apply_changes(set())

    # --- Qt model interface ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def retranslate(self) -> None:
        """The language changed: headers and the labels in the rows are looked up again when next shown."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("QueueModel", COLUMNS[section].title)
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].key == "light":
                return QCoreApplication.translate("QueueModel", "时限信号灯")
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # called ~8 times per cell per paint (every role Qt knows): unknown roles leave first, roles compare
        # as plain ints (comparing with Qt's enum members costs microseconds each)
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None
        r = index.row()
        if not (0 <= r < self._total):
            return None
        row = self.row_at(r, want=True)
        col = COLUMNS[index.column()].key
        if row is None:
            return LOADING if role == _DISPLAY and col == "number" else None
        if role == _DISPLAY:
            return self._display(row, col)
        if role == _LIGHT:
            return row.light_at(self._now)
        if role == _CASE_ID:
            return row.id
        if role == _ROW:
            return row
        if role == _BACKGROUND:
            return QBrush(OVERDUE_BACKGROUND) if row.light_at(self._now) is TrafficLight.RED else None
        if role == _FONT:
            if col in ("number", "deadline") and (
                row.light_at(self._now) is TrafficLight.RED
                or (col == "number" and row.status == CaseStatus.REPORTED)
            ):
                return _bold()
            return None
        if role == _FOREGROUND:
            if col == "deadline" and row.light_at(self._now) is TrafficLight.RED:
                return QBrush(QColor(190, 20, 20))
            return None
        if role == _TOOLTIP:
            if col == "light":
                return label(row.light_at(self._now))
            if col == "deadline" and getattr(row, "stage_due_at", None):
                due = row.stage_due_at.strftime("%Y-%m-%d %H:%M")
                notice = self._calendar_notices.get(row.stage_due_at.year)
                return f"{due}\n{notice}" if notice else due
            if col in ("status", "department") and getattr(row, "dispatched_at", None):
                return _sign_tooltip(row, str(self._display(row, col)))
            # a narrow column elides its text (…): the tooltip carries it in full
            text = self._display(row, col)
            return str(text) if text else None
        if role == _ALIGNMENT and col == "light":
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _display(self, row: Any, col: str) -> Any:
        if col == "number":
            return row.number
        if col == "light":
            return ""
        if col == "status":
            return label(CaseStatus(row.status))
        if col == "category":
            return row.category_name
        if col == "grid":
            return row.grid_name
        if col == "summary":  # the 提请会商 badge (console.meetings)
            if getattr(row, "proposed_for_meeting", False):
                return QCoreApplication.translate("QueueModel", "【提请会商】") + row.summary
            return row.summary
        if col == "department":
            return row.lead_department_name or ""
        if col == "deadline":
            text = deadline_text(row, self._now)
            due = row.stage_due_at
            return f"{text} ⚠" if text and due is not None and due.year in self._calendar_notices else text
        if col == "reported_at":
            return row.reported_at.strftime("%m-%d %H:%M") if row.reported_at else ""
        if col == "source":
            return label(row.source) if row.source else ""
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: ask the database for the new order (columns without a sort key are ignored)."""
        sort = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        if sort is None or self._spec is None:
            return
        key = q.SortKey(sort)
        desc = order == Qt.SortOrder.DescendingOrder
        if key == self._spec.sort and desc == self._spec.descending:
            return
        self.set_query(self._spec.flt, key, desc)

    # --- the block cache -------------------------------------------------------------------------------------

    def row_at(self, row: int, *, want: bool = False) -> Any:
        """The QueueRow at `row` if loaded; with `want`, ask for its block when it is not."""
        b, i = divmod(row, self.block_size)
        block = self._blocks.get(b)
        if block is not None:
            self._blocks.move_to_end(b)
            return block.rows[i] if i < len(block.rows) else None
        if want:
            self._want(b)
        return None

    def case_id(self, row: int) -> int | None:
        r = self.row_at(row)
        return None if r is None else int(r.id)

    def row_of(self, case_id: int) -> int | None:
        """Row number of a case among the loaded blocks (None when not loaded)."""
        for b, block in list(self._blocks.items()):
            for i, r in enumerate(block.rows):
                if r.id == case_id:
                    return b * self.block_size + i
        return None

    def loaded_rows(self) -> int:
        return sum(len(b.rows) for b in self._blocks.values())

    def is_loading(self) -> bool:
        return bool(self._pending) or self._counting or self._refreshing or self._flush_timer.isActive()

    def ensure_loaded(self, first_row: int, last_row: int) -> None:
        """Ask for the blocks covering these rows (the view calls this after a far scroll)."""
        for b in range(first_row // self.block_size, last_row // self.block_size + 1):
            if b not in self._blocks and b * self.block_size < self._total:
                self._want(b)

    def _want(self, b: int) -> None:
        if b in self._pending:
            return
        self._wanted.add(b)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        if self._spec is None:
            return
        wanted = sorted(b for b in self._wanted if b not in self._blocks and b not in self._pending)
        self._wanted.clear()
        if not wanted:
            return
        runs = self._runs(wanted)
        self._pending.update(wanted)
        gen, spec, size, now = self._generation, self._spec, self.block_size, self._now
        self._tasks.run(
            lambda s: load_blocks(s, spec, runs, size, now, gen, False),
            self._on_blocks_loaded,
            self._on_load_error,
            name="queue-blocks",
            priority=5,
        )

    def _runs(self, wanted: list[int]) -> list[tuple[int, int, Any]]:
        """Group consecutive blocks; each run starts from its loaded neighbour's cursor when there is one."""
        runs: list[tuple[int, int, Any]] = []
        start = prev = wanted[0]
        for b in [*wanted[1:], None]:
            if b is not None and b == prev + 1:
                prev = b
                continue
            before = self._blocks.get(start - 1)
            runs.append((start, prev - start + 1, before.next_cursor if before else None))
            if b is not None:
                start = prev = b
        return runs

    def _on_blocks_loaded(self, res: BlockResult) -> None:
        if res.generation != self._generation:
            return
        self._pending.difference_update(res.blocks)
        self._store(res.blocks)
        for b in sorted(res.blocks):
            first = b * self.block_size
            last = min(first + self.block_size, self._total) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
            self.block_loaded.emit(b)

    def _store(self, blocks: dict[int, Block]) -> None:
        for b, block in sorted(blocks.items()):
            self._blocks[b] = block
            self._blocks.move_to_end(b)
        while len(self._blocks) > self.max_blocks:
            self._blocks.popitem(last=False)

    # --- live updates ----------------------------------------------------------------------------------------

    def apply_changes(self, case_ids: Iterable[int]) -> None:
        """Cases changed on some seat: repaint the ones on screen now, then re-read count and visible blocks."""
        if self._spec is None:
            return
        ids = {int(i) for i in case_ids}
        self._now = clock.now()
        cached = {r.id for block in self._blocks.values() for r in block.rows}
        hit = sorted(ids & cached)
        if hit:
            gen, now = self._generation, self._now
            self._tasks.run(
                lambda s: (gen, q.fetch_rows(s, hit, now=now)),
                self._on_rows_fetched,
                name="queue-rows",
                priority=10,
            )
        if self._refreshing:
            self._refresh_again = True
            return
        self._start_refresh()

    def _on_rows_fetched(self, result: tuple[int, Sequence[Any]]) -> None:
        gen, rows = result
        if gen != self._generation:
            return
        fresh = {r.id: r for r in rows}
        changed: set[int] = set()
        repaint: list[int] = []
        for b, block in list(self._blocks.items()):  # a snapshot: data() reorders the LRU
            for i, r in enumerate(block.rows):
                new = fresh.get(r.id)
                if new is not None:
                    block.rows[i] = new
                    changed.add(r.id)
                    repaint.append(b * self.block_size + i)
        for row in repaint:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if changed:
            self.rows_changed.emit(changed)

    def _start_refresh(self) -> None:
        assert self._spec is not None
        self._refreshing = True
        self._refresh_again = False
        recent = list(self._blocks)[-4:]  # the most recently painted blocks: what is on screen
        wanted = sorted(set(recent) | self._pending) or [0]
        runs = [(b, n, None) for b, n, _ in self._runs(wanted)]  # offsets: rows above may have moved
        gen, spec, size, now = self._generation, self._spec, self.block_size, self._now
        self._tasks.run(
            lambda s: load_blocks(s, spec, runs, size, now, gen, True),
            self._on_refreshed,
            self._on_load_error,
            name="queue-refresh",
        )

    def _on_refreshed(self, res: BlockResult) -> None:
        self._refreshing = False
        if res.generation != self._generation:
            return
        self._resize(res.total or 0)
        self._swap_blocks(res.blocks)
        self._pending.difference_update(res.blocks)
        self.total_changed.emit(self._total)
        self.refreshed.emit()
        if self._refresh_again:
            self._start_refresh()

    def _drop_beyond(self, total: int) -> None:
        for b in [b for b in self._blocks if b * self.block_size >= total]:
            del self._blocks[b]

    def _swap_blocks(self, blocks: dict[int, Block]) -> None:
        """Replace the cache under a layout change; persistent indexes follow their case id."""
        self.layoutAboutToBeChanged.emit()
        old_ids = {
            b * self.block_size + i: r.id
            for b, block in self._blocks.items()
            for i, r in enumerate(block.rows)
        }
        self._blocks.clear()
        self._store(blocks)
        new_rows = {
            r.id: b * self.block_size + i
            for b, block in self._blocks.items()
            for i, r in enumerate(block.rows)
        }
        old_list = self.persistentIndexList()
        new_list = []
        for p in old_list:
            cid = old_ids.get(p.row())
            row = new_rows.get(cid, p.row()) if cid is not None else p.row()
            if row >= self._total:
                new_list.append(QModelIndex())
            else:
                new_list.append(self.index(row, p.column()))
        self.changePersistentIndexList(old_list, new_list)
        self.layoutChanged.emit()

    def set_calendar_notices(self, notices: dict[int, str]) -> None:
        """Deadlines in these years are marked ⚠, the warning in their tooltip."""
        if notices == self._calendar_notices:
            return
        self._calendar_notices = dict(notices)
        if self._total:
            column = COL["deadline"]
            self.dataChanged.emit(self.index(0, column), self.index(self._total - 1, column),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])  # fmt: skip

    def tick(self) -> None:
        """Move "now" forward: lights and time-left texts are recomputed (the view repaints what it shows)."""
        self._now = clock.now()
        if self._total:
            self.dataChanged.emit(
                self.index(0, COL["light"]),
                self.index(self._total - 1, COL["deadline"]),
                [Qt.ItemDataRole.DisplayRole, LightRole],
            )

    def with_filter(self, **changes: Any) -> Any:
        """The current filter with some fields replaced (a dataclass copy)."""
        assert self._spec is not None
        return dataclasses.replace(self._spec.flt, **changes)
