"""Which tabs of the 基础设置 window a person works in: each tab's changes need one administrative action of
`console.security.posts.ADMIN_RULES`. Kept apart from `ui.setup_window` so that the main window can decide
whether to offer the menu entry without loading the window's pages on launch."""

from __future__ import annotations

from typing import Any

from console.security.posts import can

#: the administrative action (`console.security.posts.ADMIN_RULES`) a tab's changes need: a 中心主任, who may
#: re-zone grids (open cases move with them) but not edit the reference data, gets the grids tab alone
TAB_RIGHTS = {"departments": "reference_edit", "item_list": "reference_edit", "phrases": "reference_edit",
              "grids": "grid_rezone", "staff": "reference_edit"}  # fmt: skip


def allowed_tabs(principal: Any) -> set[str]:
    """The tabs `principal` may work in (every tab in set-up mode, when there is no principal yet)."""
    if principal is None:
        return set(TAB_RIGHTS)
    return {key for key, action in TAB_RIGHTS.items() if can(principal, action) is None}
