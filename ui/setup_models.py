"""Qt models of the set-up screens (first-start wizard and 基础设置): departments, the 事项清单 (item list), staff
with their grid posts, the working calendar's years and an import's bad rows.

Each holds plain rows read on the task runner (`console.setup`, `console.calendar`); the cells are their
on-screen text, the full text is the tooltip (columns elide), `RowRole` gives the row itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from console.domain import Severity, Stage
from console.i18n import QT_TRANSLATE_NOOP
from ui.i18n import TrContext, label
from ui.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
#: the row object behind a table row (a `console.setup` dataclass)
RowRole = Qt.ItemDataRole.UserRole + 1


# lupdate reads `SetupModels.tr("…")` in the context "SetupModels"
SetupModels = TrContext("SetupModels")


def limit_text(limit: Any) -> str:
    """“5 工作日”: a `TimeLimit` short enough for a table cell."""
    if limit is None:
        return ""
    return f"{limit.value} {label(limit.type)}"


def active_text(active: bool) -> str:
    return SetupModels.tr("在用") if active else SetupModels.tr("已停用")


class SetupRowsModel(RowsTableModel):
    """Display and tooltip from `cells(row)`; retired rows greyed."""

    context = "SetupModels"

    def cells(self, row: Any) -> tuple[str, ...]:  # pragma: no cover - every subclass gives its own
        raise NotImplementedError

    def row_at(self, n: int) -> Any:
        return self.rows[n] if 0 <= n < len(self.rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.cells(r)[index.column()]
            return text if role == Qt.ItemDataRole.DisplayRole or text else None
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.ForegroundRole and not getattr(r, "active", True):
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#888888"))
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))


class DepartmentsModel(SetupRowsModel):
    headers = (QT_TRANSLATE_NOOP("SetupModels", "编码"), QT_TRANSLATE_NOOP("SetupModels", "部门名称"),
               QT_TRANSLATE_NOOP("SetupModels", "简称"), QT_TRANSLATE_NOOP("SetupModels", "电话"),
               QT_TRANSLATE_NOOP("SetupModels", "负责人"), QT_TRANSLATE_NOOP("SetupModels", "状态"))  # fmt: skip

    def cells(self, r: Any) -> tuple[str, ...]:
        return (r.code, r.name, r.short_name or "", r.phone_masked or "", r.head or "", active_text(r.active))


class CategoriesModel(SetupRowsModel):
    """The 事项清单: one row per category as in force (or, for the history, per dated version)."""

    headers: tuple[str, ...] = (QT_TRANSLATE_NOOP("SetupModels", "编码"), QT_TRANSLATE_NOOP("SetupModels", "问题类别"),
               QT_TRANSLATE_NOOP("SetupModels", "重点领域"), QT_TRANSLATE_NOOP("SetupModels", "牵头部门"),
               QT_TRANSLATE_NOOP("SetupModels", "配合部门"), QT_TRANSLATE_NOOP("SetupModels", "默认级别"),
               QT_TRANSLATE_NOOP("SetupModels", "办结时限（简单/一般/复杂）"),
               QT_TRANSLATE_NOOP("SetupModels", "生效日期"), QT_TRANSLATE_NOOP("SetupModels", "状态"))  # fmt: skip

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.department_names: dict[str, str] = {}  # code → name, to show names where a row holds codes

    def dept(self, code: str | None) -> str:
        return self.department_names.get(code or "", code or "")

    def cells(self, r: Any) -> tuple[str, ...]:
        limits = " / ".join(limit_text(r.limits.get(s)) or "—" for s in Severity)
        co = r.co_department_names or tuple(self.dept(c) for c in r.co_departments)
        return (r.code, r.name, SetupModels.tr("是") if r.key_area else "",
                r.lead_department_name or self.dept(r.lead_department), "、".join(co), label(r.severity), limits,
                f"{r.effective_from:%Y-%m-%d}" if r.effective_from else "", active_text(r.active))  # fmt: skip


def stage_limits_text(r: Any) -> str:
    """派遣 1 工作日；处置 5 工作日 …: a category's stage limits in one line."""
    return "；".join(f"{label(s)} {limit_text(r.stage_limits[s])}" for s in Stage if s in r.stage_limits)


class StaffModel(SetupRowsModel):
    headers = (QT_TRANSLATE_NOOP("SetupModels", "姓名"), QT_TRANSLATE_NOOP("SetupModels", "电话"),
               QT_TRANSLATE_NOOP("SetupModels", "部门"), QT_TRANSLATE_NOOP("SetupModels", "登录名"),
               QT_TRANSLATE_NOOP("SetupModels", "网格职务"), QT_TRANSLATE_NOOP("SetupModels", "状态"))  # fmt: skip

    def cells(self, r: Any) -> tuple[str, ...]:
        posts = "；".join(f"{p.grid_name} {label(p.role)}" for p in r.posts if p.end_date is None)
        return (r.name, r.phone_masked or "", r.department_name or r.department or "", r.login or "", posts,
                active_text(r.active))  # fmt: skip


class PostsModel(SetupRowsModel):
    """One person's grid posts, current and past (history matters: a post is ended, never deleted)."""

    headers = (QT_TRANSLATE_NOOP("SetupModels", "网格编码"), QT_TRANSLATE_NOOP("SetupModels", "网格"),
               QT_TRANSLATE_NOOP("SetupModels", "职务"), QT_TRANSLATE_NOOP("SetupModels", "起始日期"),
               QT_TRANSLATE_NOOP("SetupModels", "终止日期"))  # fmt: skip

    def cells(self, p: Any) -> tuple[str, ...]:
        return (p.grid_code, p.grid_name, label(p.role), f"{p.start_date:%Y-%m-%d}",
                f"{p.end_date:%Y-%m-%d}" if p.end_date else SetupModels.tr("至今"))  # fmt: skip


class CalendarYearsModel(SetupRowsModel):
    """The working calendar's years: where each came from and whether it is the official schedule."""

    headers = (QT_TRANSLATE_NOOP("SetupModels", "年份"), QT_TRANSLATE_NOOP("SetupModels", "来源"),
               QT_TRANSLATE_NOOP("SetupModels", "说明"))  # fmt: skip

    def cells(self, r: Any) -> tuple[str, ...]:
        return (str(r.year), r.source or SetupModels.tr("未载入"), r.notice or (SetupModels.tr("官方放假安排") if r.official else ""))


class GridsListModel(SetupRowsModel):
    """The grid tree as a flat list (the wizard shows what an import brought in)."""

    headers = (QT_TRANSLATE_NOOP("SetupModels", "网格编码"), QT_TRANSLATE_NOOP("SetupModels", "网格名称"),
               QT_TRANSLATE_NOOP("SetupModels", "层级"), QT_TRANSLATE_NOOP("SetupModels", "类型"))  # fmt: skip

    def cells(self, g: Any) -> tuple[str, ...]:
        return (g.code, "　" * (g.level - 1) + g.name, str(g.level), label(g.kind))


class CategoryHistoryModel(CategoriesModel):
    """A category's dated versions, oldest first: from which day each applied, what it said, who recorded it."""

    headers = (QT_TRANSLATE_NOOP("SetupModels", "生效日期"), QT_TRANSLATE_NOOP("SetupModels", "问题类别"),
               QT_TRANSLATE_NOOP("SetupModels", "默认级别"), QT_TRANSLATE_NOOP("SetupModels", "办结时限（简单/一般/复杂）"),
               QT_TRANSLATE_NOOP("SetupModels", "环节时限"), QT_TRANSLATE_NOOP("SetupModels", "牵头部门"),
               QT_TRANSLATE_NOOP("SetupModels", "配合部门"), QT_TRANSLATE_NOOP("SetupModels", "状态"),
               QT_TRANSLATE_NOOP("SetupModels", "记录人"), QT_TRANSLATE_NOOP("SetupModels", "记录时间"),
               QT_TRANSLATE_NOOP("SetupModels", "说明"))  # fmt: skip

    def cells(self, r: Any) -> tuple[str, ...]:
        limits = " / ".join(limit_text(r.limits.get(s)) or "—" for s in Severity)
        co = r.co_department_names or tuple(self.dept(c) for c in r.co_departments)
        recorded = getattr(r, "recorded_at", None)
        return (f"{r.effective_from:%Y-%m-%d}" if r.effective_from else "", r.name, label(r.severity), limits,
                stage_limits_text(r), r.lead_department_name or self.dept(r.lead_department), "、".join(co),
                active_text(r.active), getattr(r, "recorded_by", "") or "",
                f"{recorded:%Y-%m-%d %H:%M}" if recorded else "", getattr(r, "note", "") or "")  # fmt: skip
