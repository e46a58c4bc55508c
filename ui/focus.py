"""Keyboard focus in reading order (issue 17 item 7): Tab goes through a dialog's fields the way the eye reads
them — row by row, left to right, the buttons last — whatever order the code created the widgets in.

Qt's default focus chain is the order in which widgets became children of the window. The dialogs build their
OK/Cancel buttons before their fields and some rows after others, so Tab started on 确定 and skipped around;
`tab_in_reading_order` sets the chain explicitly from the layouts (`QWidget.setTabOrder`) and gives the first
field the focus when the dialog opens.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QLayout, QLayoutItem, QRadioButton, QWidget

_ROLES = (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole)


def _items(layout: QLayout) -> list[QLayoutItem]:
    """A layout's items in reading order (a form's by row, a grid's by row and column)."""
    if isinstance(layout, QFormLayout):
        out = []
        for row in range(layout.rowCount()):
            for role in _ROLES:
                item = layout.itemAt(row, role)
                if item is not None:
                    out.append(item)
        return out
    if isinstance(layout, QGridLayout):
        cells = sorted(
            (cast(tuple[int, int, int, int], layout.getItemPosition(i))[:2], i) for i in range(layout.count())
        )
        return [item for _pos, i in cells if (item := layout.itemAt(i)) is not None]
    return [item for i in range(layout.count()) if (item := layout.itemAt(i)) is not None]


def takes_tab(widget: QWidget) -> bool:
    """Whether Tab can stop at `widget`. An exclusive radio button counts even when Qt has taken its Tab stop
    away for now (only the checked one of a group keeps it): it gets it back when checked."""
    if widget.focusProxy() is not None:
        return False
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or isinstance(widget, QRadioButton)


def reading_order(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that Tab can stop at, in reading order (hidden and disabled ones too: they take
    their place in the chain when they are shown or enabled)."""
    out: list[QWidget] = []

    def widget(w: QWidget) -> None:
        own = w.layout()
        if takes_tab(w):
            out.append(w)
        elif own is not None:
            layout(own)

    def layout(lay: QLayout) -> None:
        for item in _items(lay):
            if (w := item.widget()) is not None:
                widget(w)
            elif (sub := item.layout()) is not None:
                layout(sub)

    top = root.layout()
    if top is not None:
        layout(top)
    return out


def tab_in_reading_order(root: QWidget) -> list[QWidget]:
    """Chain Tab through `root`'s fields in reading order; returns the chain."""
    chain = reading_order(root)
    for a, b in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(a, b)
    return chain


def focus_first_field(root: QWidget) -> None:
    """Give the focus to the first field that can take it (not the default button)."""
    for w in reading_order(root):
        if w.isVisibleTo(root) and w.isEnabled():
            w.setFocus(Qt.FocusReason.TabFocusReason)
            return
