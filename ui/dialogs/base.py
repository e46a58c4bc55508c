"""The shape every action dialog shares (STYLE.md §4, MNELAB): build the widgets, validate as the user types
(the OK button disabled with the reason shown), and expose the choice as `command()` — the typed command
(`console.workflow.commands`) that `CaseService.act` carries out. The dialog never calls the service: on OK it emits `confirmed`, and the
runner (`ui.dialogs.runner`) calls the service and either closes the dialog, shows the error (keeping the
user's text), or shows who changed the case meanwhile and offers to reload.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from console import clock
from console.i18n import QT_TRANSLATE_NOOP
from console.workflow.commands import Command
from console.workflow.dialog_data import ItemListEntry
from console.workflow.read import CaseDetail, allowed_actions
from console.workflow.service import MAX_NOTE, CaseRef
from ui.dialogs.widgets import GridPicker, NoteEdit, PhotoList, PhraseButton
from ui.focus import focus_first_field, tab_in_reading_order
from ui.i18n import Texts, label, translated

ERROR_STYLE = "color: #c62828;"
REASON_STYLE = "color: #8a6d00;"


@dataclass
class DialogEnv:
    """What a dialog may use besides its case: who acts, the clock, stock phrases and the attachment cap."""

    actor: str
    load_phrases: Callable[[str], list[str]] = field(default=lambda _action: list[str]())
    save_phrases: Callable[[str, list[str]], list[str]] | None = None
    attachment_cap: int = 5 * 1024 * 1024
    now: Callable[[], datetime] = clock.now
    #: the 事项清单 lines of the case's category (派遣, 办理反馈, 核查: `console.workflow.dialog_data.ITEM_LIST_ACTIONS`)
    item_list: tuple[ItemListEntry, ...] = ()


def text_problem(value: str, label: str, *, required: bool, limit: int = MAX_NOTE) -> str | None:
    """The same rule as the service's `_text`, checked while typing."""
    if required and not value.strip():
        return QCoreApplication.translate("Dialogs", "请填写%1").replace("%1", label)
    if len(value.strip()) > limit:
        return (
            QCoreApplication.translate("Dialogs", "%1过长（最多 %2 字，现 %3 字）")
            .replace("%1", label)
            .replace("%2", str(limit))
            .replace("%3", str(len(value.strip())))
        )
    return None


def first(*problems: str | None) -> str | None:
    return next((p for p in problems if p), None)


class ActionDialog(QDialog):
    """Base of the case dialogs. Subclasses add rows in `build()`, and override `problems()` and
    `command()`."""

    action = ""
    #: how the history row's note will be shown: True 可公开 (fit for the reporter), False 内部, None: the
    #: dialog lets the user choose (progress notes)
    public_note: bool | None = False
    confirmed = Signal()  # OK with valid input: the runner now calls the service
    reload_requested = Signal()

    def __init__(
        self, env: DialogEnv, detail: CaseDetail | None, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.env = env
        self.detail = detail
        self.result_ref: CaseRef | None = None
        self._refusal: str | None = None
        self._stale: str | None = None
        self._saving = False
        self._radio_values: dict[int, list[Any]] = {}
        # set again on LanguageChange (`changeEvent`): a dialog may be open when the language switches; `title`
        # is the action's marked label (`machine.transition(action).label`) or a text already translated
        self.texts = Texts()
        self.texts.bind(self._set_title, title)
        self.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setWordWrap(True)
        outer.addWidget(self.header)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        outer.addLayout(self.form)
        self.stale_box = QFrame()
        self.stale_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.stale_box.setStyleSheet("QFrame { background: #fff4e5; }")
        stale_lay = QVBoxLayout(self.stale_box)
        self.stale_label = QLabel()
        self.stale_label.setWordWrap(True)
        self.reload_button = QPushButton()
        self.texts.bind(self.reload_button.setText, QT_TRANSLATE_NOOP("Dialogs", "重新载入案件（保留已填写内容）"))
        self.reload_button.clicked.connect(self.reload_requested.emit)
        stale_lay.addWidget(self.stale_label)
        stale_lay.addWidget(self.reload_button)
        self.stale_box.hide()
        outer.addWidget(self.stale_box)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet(REASON_STYLE)
        outer.addWidget(self.reason_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.texts.bind(self.ok_button.setText, title)
        self.texts.bind(self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText, QT_TRANSLATE_NOOP("Dialogs", "取消"))
        self.buttons.accepted.connect(self.try_confirm)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.ok_button.setDefault(True)  # only once it is inside the dialog: Enter confirms
        self.build()
        if self.action and self.public_note is not None:
            hint, caption = QLabel(), QLabel()
            self.texts.bind(hint.setText, QT_TRANSLATE_NOOP("Dialogs", "可公开：此说明可告知反映人") if self.public_note
                            else QT_TRANSLATE_NOOP("Dialogs", "内部：仅中心和办理部门可见"))  # fmt: skip
            hint.setObjectName("visibility_hint")
            self.texts.bind(caption.setText, QT_TRANSLATE_NOOP("Dialogs", "记录可见范围"))
            self.form.addRow(caption, hint)
        tab_in_reading_order(self)  # the buttons were made before the fields: Tab would start on 取消
        self._focused_once = False
        self.set_detail(detail)

    def _set_title(self, title: str) -> None:
        case_word = QCoreApplication.translate("Dialogs", "案件")
        self.setWindowTitle(title if self.detail is None else f"{title} — {case_word} {self.detail.number}")

    def event(self, event: QEvent) -> bool:
        # LanguageChange after the children have had it (not in changeEvent): the button box sets its standard
        # buttons back to Qt's "OK"/"Cancel" on its own LanguageChange, which comes after the dialog's
        handled = super().event(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.retranslate()
            self.revalidate()  # why OK is disabled, in the new language
        return handled

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:  # the first field, not the default button: the user can type at once
            self._focused_once = True
            focus_first_field(self)

    # --- for subclasses ------------------------------------------------------------------------------------

    def build(self) -> None:
        """Add the dialog's rows to `self.form`."""

    def problems(self) -> str | None:
        """Why OK cannot be pressed now (first problem), or None."""
        return None

    def command(self) -> Command:
        """The typed command the user's input makes (what `CaseService.act` carries out)."""
        raise NotImplementedError(f"{type(self).__name__} builds no command")

    def case_changed(self) -> None:
        """The case snapshot was (re)loaded: refresh what depends on it."""

    # --- building blocks ----------------------------------------------------------------------------------

    def note_row(self, label: str, *, required: bool = False, phrases_for: str | None = None,
                 height: int = 64, placeholder: str = "") -> NoteEdit:  # fmt: skip
        edit = NoteEdit(placeholder, height)
        edit.submit.connect(self.try_confirm)
        self.watch(edit)
        action = phrases_for if phrases_for is not None else self.action
        if action:
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            save = self.env.save_phrases
            button = PhraseButton(
                edit,
                self.windowTitle(),
                self.env.load_phrases(action),
                partial(save, action) if save else None,
            )
            row.addWidget(button)
            edit.phrase_button = button
            self.form.addRow(label + ("*" if required else ""), row)
        else:
            self.form.addRow(label + ("*" if required else ""), edit)
        return edit

    def item_list_row(self, part: str) -> QTextBrowser | None:
        """The 事项清单's 工作流程 (`part` "workflow") or 结案标准 ("closing_standard") of the case's category, read
        only, so the person acting sees the township's own rule for this kind of case (None: nothing to show)."""
        if not self.env.item_list:
            return None
        missing = (
            QCoreApplication.translate("Dialogs", "（事项清单未填写工作流程）")
            if part == "workflow"
            else QCoreApplication.translate("Dialogs", "（事项清单未填写结案标准）")
        )
        limit = QCoreApplication.translate("Dialogs", "办结时限")
        blocks = []
        for e in self.env.item_list:
            text = getattr(e, part) or ""
            body = html.escape(text).replace("\n", "<br>") if text.strip() else f"<i>{html.escape(missing)}</i>"
            blocks.append(f"<b>{html.escape(e.category)}</b>（{html.escape(limit)} {html.escape(e.limit_label)}）"
                          f"<br>{body}")  # fmt: skip
        view = QTextBrowser()
        view.setObjectName(f"item_list_{part}")
        view.setHtml("<br>".join(blocks))
        lines = sum(2 + (getattr(e, part) or "").count("\n") for e in self.env.item_list)
        view.setFixedHeight(min(8, lines + 1) * view.fontMetrics().lineSpacing() + 12)  # longer text scrolls
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, past the reference text
        caption = (
            QCoreApplication.translate("Dialogs", "工作流程")
            if part == "workflow"
            else QCoreApplication.translate("Dialogs", "结案标准")
        )
        self.form.addRow(caption, view)
        return view

    def radio_row(self, label: str, choices: list[tuple[Any, str]], *, checked: Any = None) -> QButtonGroup:
        group = QButtonGroup(self)
        self._radio_values[id(group)] = [value for value, _text in choices]  # Python values, not QVariants
        box = QHBoxLayout()
        for i, (value, text) in enumerate(choices):
            button = QRadioButton(text)
            group.addButton(button, i)
            box.addWidget(button)
            if value == checked and checked is not None:
                button.setChecked(True)
        box.addStretch(1)
        group.buttonToggled.connect(lambda *_: self.revalidate())
        self.form.addRow(label, box)
        return group

    def radio_value(self, group: QButtonGroup) -> Any:
        values = self._radio_values[id(group)]
        index = group.checkedId()
        return values[index] if 0 <= index < len(values) else None

    def set_radio(self, group: QButtonGroup, value: Any) -> None:
        group.button(self._radio_values[id(group)].index(value)).setChecked(True)

    def watch(self, *widgets: QWidget | QAbstractButton) -> None:
        """Revalidate whenever one of these widgets changes."""
        for w in widgets:
            if isinstance(w, QPlainTextEdit):
                w.textChanged.connect(self.revalidate)
            elif isinstance(w, QLineEdit):
                w.textChanged.connect(self.revalidate)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self.revalidate)
            elif isinstance(w, QDateTimeEdit | QDateEdit):
                w.dateTimeChanged.connect(self.revalidate)
            elif isinstance(w, QAbstractButton):
                w.toggled.connect(self.revalidate)
            elif isinstance(w, PhotoList | GridPicker):
                w.changed.connect(self.revalidate)
            elif isinstance(w, QListWidget):
                w.itemChanged.connect(self.revalidate)

    # --- state ----------------------------------------------------------------------------------------

    @property
    def expected_version(self) -> int:
        assert self.detail is not None
        return self.detail.version

    def set_detail(self, detail: CaseDetail | None) -> None:
        """Show the case as read (first open, or after reloading); the user's input stays as it is."""
        self.detail = detail
        self._refusal = None
        self._stale = None
        self.stale_box.hide()
        if detail is not None:
            status_word = QCoreApplication.translate("Dialogs", "状态")
            self.header.setText(
                f"<b>{detail.number}</b>　{detail.summary}<br>"
                f"{detail.grid_name}　{detail.category_name}　{status_word}：{label(detail.status)}"
            )
            if self.action:
                state = next(
                    (
                        a
                        for a in allowed_actions(detail, self.env.actor, self.env.now())
                        if a.action == self.action
                    ),
                    None,
                )
                if state is not None and not state.allowed:
                    self._refusal = state.reason
        else:
            self.header.hide()
        self.case_changed()
        self.revalidate()

    def revalidate(self) -> bool:
        reason = (
            (QCoreApplication.translate("Dialogs", "正在保存…") if self._saving else None) or self._stale or self._refusal or self.problems()
        )
        self.ok_button.setEnabled(reason is None)
        self.reason_label.setText(translated(reason) if reason else "")
        self.reason_label.setVisible(reason is not None)
        return reason is None

    def try_confirm(self) -> None:
        if self.revalidate():
            self.error_label.hide()
            self.confirmed.emit()

    @property
    def saving(self) -> bool:
        return self._saving

    def set_saving(self, saving: bool) -> None:
        """While the runner's job writes: OK and 取消 wait (a second OK would write twice; closing would hide
        the outcome); the fields stay editable so nothing typed is lost if the save fails."""
        self._saving = saving
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not saving)
        self.revalidate()

    def reject(self) -> None:
        if not self._saving:  # Esc or the window's close button while saving: the outcome is still to come
            super().reject()

    # --- what the runner tells the dialog -------------------------------------------------------------------

    def finish(self, ref: CaseRef | None) -> None:
        self.result_ref = ref
        self.accept()

    def show_error(self, message: str) -> None:
        self.error_label.setText(translated(message))
        self.error_label.show()

    def show_stale(self, message: str) -> None:
        """Another seat changed the case: say who and what, and hold OK until the user reloads."""
        self.stale_label.setText(message)
        self.stale_box.show()
        self._stale = QCoreApplication.translate("Dialogs", "案件已被他人修改：请先重新载入，核对后再提交")
        self.revalidate()
        self.reload_button.setFocus()
