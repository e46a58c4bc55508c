"""Opening the right dialog for an action and carrying out what the user confirmed.

`run_action_dialog(parent, db, actor, detail, action)` is the one entry point the main window needs (plus
`run_new_case_dialog` and `run_batch_dispatch_dialog`). The writes are short single transactions, so they run
directly on the GUI thread. On `StaleCase` the dialog shows who changed what since it was opened and offers to
reload — it never retries on its own, so nothing is overwritten; on any other `ConsoleError` it shows the
message and stays open with the user's input intact. Cancelling writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from console.db import Database
from console.duplicates import find_duplicates
from console.errors import ConsoleError, StaleCase
from console.phrases import get_phrases, set_phrases
from console.workflow import machine
from console.workflow.read import CaseDetail, case_detail
from console.workflow.service import CaseRef, CaseService
from ui.dialogs import data
from ui.dialogs.base import ActionDialog, DialogEnv
from ui.dialogs.closing import CallbackDialog, CloseDialog, VerifyDialog
from ui.dialogs.dispatch import DispatchDialog
from ui.dialogs.handling import (
    DecideExtensionDialog,
    FeedbackDialog,
    ProgressDialog,
    RequestExtensionDialog,
    ReturnDialog,
    SignDialog,
)
from ui.dialogs.intake import AcceptDialog, MergeDialog, NewCaseDialog, RejectDialog
from ui.dialogs.special import (
    AttachDialog,
    ConfirmDialog,
    CountyReturnDialog,
    EscalateDialog,
    LongTermDialog,
    ResumeDialog,
    SuperviseDialog,
)
from ui.dialogs.widgets import PhotoFile
from ui.errors import error_text


def _t(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


#: action → dialog class, for the actions whose dialog needs nothing but the case
DIALOGS: dict[str, type[ActionDialog]] = {
    "accept": AcceptDialog,
    "reject": RejectDialog,
    "sign": SignDialog,
    "progress": ProgressDialog,
    "feedback": FeedbackDialog,
    "return": ReturnDialog,
    "verify": VerifyDialog,
    "close": CloseDialog,
    "callback": CallbackDialog,
    "request_extension": RequestExtensionDialog,
    "decide_extension": DecideExtensionDialog,
    "escalate": EscalateDialog,
    "county_return": CountyReturnDialog,
    "long_term": LongTermDialog,
    "resume": ResumeDialog,
    "supervise": SuperviseDialog,
    "attach": AttachDialog,
}


def dialog_env(db: Database, actor: str) -> DialogEnv:
    def load(action: str) -> list[str]:
        with db.session() as s:
            return get_phrases(s, action)

    def save(action: str, phrases: list[str]) -> list[str]:
        with db.write_session() as s:
            return set_phrases(s, action, phrases)

    with db.session() as s:
        cap = data.attachment_cap(s)
    return DialogEnv(actor=actor, load_phrases=load, save_phrases=save, attachment_cap=cap)


# --- the controller between a dialog and the service --------------------------------------------------------


class _Controller(QObject):
    """Lives as long as its dialog; turns `confirmed` into service calls and errors into dialog messages."""

    def __init__(
        self, db: Database, actor: str, dialog: ActionDialog, write: Callable[[CaseService], CaseRef]
    ) -> None:
        super().__init__(dialog)
        self.db = db
        self.actor = actor
        self.dialog = dialog
        self._write = write
        dialog.confirmed.connect(self.submit)
        dialog.reload_requested.connect(self.reload)

    def submit(self) -> None:
        dlg = self.dialog
        try:
            ref = self._write(CaseService(self.db, self.actor))
        except StaleCase as exc:
            self.show_stale(exc)
            return
        except ConsoleError as exc:
            dlg.show_error(exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - lost connection and the like: shown, the dialog stays open
            dlg.show_error(error_text(exc))
            return
        dlg.finish(ref)

    def show_stale(self, exc: StaleCase) -> None:
        dlg = self.dialog
        assert dlg.detail is not None
        with self.db.session() as s:
            current, lines = data.changes_since(s, dlg.detail)
        text = (
            exc.message
            + _t("。您的操作没有保存，已填写的内容仍保留。")
            + "<br>"
            + _t("对方所做的修改：")
            + "<br>"
            + "<br>".join(lines or [_t("（未记录）")])
            + "<br>"
            + _t("案件现为“%1”。请重新载入，核对后再决定是否提交。").replace("%1", current.status.label)
        )
        dlg.show_stale(text)

    def reload(self) -> None:
        dlg = self.dialog
        assert dlg.detail is not None
        try:
            with self.db.session() as s:
                fresh = case_detail(s, dlg.detail.id)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog
            dlg.show_error(error_text(exc))
            return
        dlg.error_label.hide()
        dlg.set_detail(fresh)


def _attach_all(
    svc: CaseService, ref: CaseRef, photos: list[PhotoFile], note: str = ""
) -> tuple[CaseRef, list[str]]:
    """Attach photos one by one (each a recorded change); returns the last ref and the failures."""
    failed = []
    for photo in photos:
        try:
            ref = svc.attach(ref.id, ref.version, photo.filename, photo.data, photo.mime_type, note)
        except ConsoleError as exc:
            failed.append(exc.message)
    return ref, failed


def _report_followup_problems(dialog: ActionDialog, ref: CaseRef, problems: list[str]) -> None:
    """The main step is saved; a follow-up (photo, close) failed: say so without hiding the saved step."""
    dialog.followup_problems = problems  # type: ignore[attr-defined]
    if problems:
        from ui.errors import show_error

        show_error(
            dialog.parentWidget(),
            ConsoleError(
                _t("案件 %1 已保存，但以下内容未完成：").replace("%1", ref.number) + "；".join(problems)
            ),
        )


# --- entry points -----------------------------------------------------------------------------------------


def make_action_dialog(
    parent: QWidget | None, db: Database, actor: str, detail: CaseDetail, action: str
) -> ActionDialog:
    """The dialog for `action` on the case, wired to the service but not shown (tests drive it directly)."""
    env = dialog_env(db, actor)
    title = machine.transition(action).label
    dlg: ActionDialog
    if action == "dispatch":
        with db.session() as s:
            suggestion = data.dispatch_suggestion(s, [detail.id])
        dlg = DispatchDialog(env, [detail], suggestion, parent)
    elif action == "merge":
        with db.session() as s:
            candidates = find_duplicates(
                s, detail.grid_code, detail.summary, detail.description, exclude_id=detail.id
            )
        dlg = MergeDialog(env, detail, candidates, parent)
    elif action in DIALOGS:
        dlg = DIALOGS[action](env, detail, title, parent)
    else:
        dlg = ConfirmDialog(env, detail, action, title, parent)

    def write(svc: CaseService) -> CaseRef:
        assert dlg.detail is not None
        if isinstance(dlg, AttachDialog):
            ref = CaseRef(dlg.detail.id, dlg.detail.number, dlg.detail.status, dlg.expected_version)
            photos = dlg.photo_files()
            ref = svc.attach(ref.id, ref.version, photos[0].filename, photos[0].data, photos[0].mime_type,
                             dlg.note.text())  # fmt: skip
            ref, failed = _attach_all(svc, ref, photos[1:])
            _report_followup_problems(dlg, ref, failed)
            return ref
        ref = svc.act(dlg.detail.id, action, dlg.expected_version, **dlg.result_fields())
        problems: list[str] = []
        if isinstance(dlg, FeedbackDialog):
            ref, problems = _attach_all(svc, ref, dlg.photo_files(), _t("办理反馈照片"))
        elif isinstance(dlg, VerifyDialog) and (close := dlg.followup_close()) is not None:
            try:
                ref = svc.act(ref.id, "close", ref.version, **close)
            except ConsoleError as exc:
                problems.append(_t("结案未完成：%1").replace("%1", exc.message))
        _report_followup_problems(dlg, ref, problems)
        return ref

    _Controller(db, actor, dlg, write)
    return dlg


def run_action_dialog(
    parent: QWidget | None, db: Database, actor: str, detail: CaseDetail, action: str
) -> CaseRef | None:
    """Open the dialog for `action` on the case; returns the case as changed, or None when cancelled."""
    dlg = make_action_dialog(parent, db, actor, detail, action)
    dlg.exec()
    ref = dlg.result_ref
    dlg.deleteLater()
    return ref


def make_new_case_dialog(
    parent: QWidget | None, db: Database, actor: str, grid_code: str | None = None
) -> NewCaseDialog:
    env = dialog_env(db, actor)
    with db.session() as s:
        categories = data.categories(s)
        grid = data.grid_choice(s, grid_code) if grid_code else None

    def search_grids(text: str) -> tuple[data.GridChoice, ...]:
        with db.session() as s:
            return data.find_grids(s, text)

    def search_duplicates(grid: str, summary: str, description: str) -> list:  # type: ignore[type-arg]
        with db.session() as s:
            return find_duplicates(s, grid, summary, description)

    dlg = NewCaseDialog(env, categories, search_grids, search_duplicates, grid, parent)

    def write(svc: CaseService) -> CaseRef:
        ref = svc.report(dlg.report_input())
        ref, problems = _attach_all(svc, ref, dlg.photo_files(), _t("上报照片"))
        if dlg.merge_into:
            try:
                ref = svc.act(ref.id, "merge", ref.version, into=dlg.merge_into,
                              note=f"登记时发现与 {dlg.merge_into} 重复，已合并")  # fmt: skip
            except ConsoleError as exc:
                problems.append(_t("合并未完成：%1").replace("%1", exc.message))
        _report_followup_problems(dlg, ref, problems)
        return ref

    _Controller(db, actor, dlg, write)
    return dlg


def run_new_case_dialog(
    parent: QWidget | None, db: Database, actor: str, grid_code: str | None = None
) -> CaseRef | None:
    """受理登记; `grid_code` preselects the grid chosen in the tree."""
    dlg = make_new_case_dialog(parent, db, actor, grid_code)
    dlg.exec()
    ref = dlg.result_ref
    dlg.deleteLater()
    return ref


class _BatchController(QObject):
    """Dispatch every case with the same settings; each case is its own transaction. Cases that fail (changed
    by another seat meanwhile, or refused) stay in the dialog, reloaded, with the reasons shown."""

    def __init__(self, db: Database, actor: str, dialog: DispatchDialog) -> None:
        super().__init__(dialog)
        self.db = db
        self.actor = actor
        self.dialog = dialog
        self.done: list[CaseRef] = []
        dialog.confirmed.connect(self.submit)

    def submit(self) -> None:
        dlg = self.dialog
        svc = CaseService(self.db, self.actor)
        fields = dlg.result_fields()
        failed: list[tuple[CaseDetail, str]] = []
        for d in dlg.details:
            try:
                self.done.append(svc.act(d.id, "dispatch", d.version, **fields))
            except ConsoleError as exc:
                failed.append((d, exc.message))
        if not failed:
            dlg.finish(self.done[-1] if self.done else None)
            return
        with self.db.session() as s:
            fresh = [case_detail(s, d.id) for d, _msg in failed]
        dlg.set_details(fresh)
        dlg.show_error(
            _t("已派遣 %1 件；以下案件未派遣：").replace("%1", str(len(self.done)))
            + "\n"
            + "\n".join(f"{d.number}：{msg}" for d, msg in failed)
        )


def make_batch_dispatch_dialog(
    parent: QWidget | None, db: Database, actor: str, details: list[CaseDetail]
) -> tuple[DispatchDialog, Callable[[], list[CaseRef]]]:
    """The batch dispatch dialog and a function returning the cases dispatched so far."""
    env = dialog_env(db, actor)
    with db.session() as s:
        suggestion = data.dispatch_suggestion(s, [d.id for d in details])
    dlg = DispatchDialog(env, details, suggestion, parent)
    if len(details) == 1:

        def write(svc: CaseService) -> CaseRef:
            assert dlg.detail is not None
            return svc.act(dlg.detail.id, "dispatch", dlg.expected_version, **dlg.result_fields())

        _Controller(db, actor, dlg, write)
        return dlg, lambda: [dlg.result_ref] if dlg.result_ref else []
    ctl = _BatchController(db, actor, dlg)
    return dlg, lambda: list(ctl.done)


def run_batch_dispatch_dialog(
    parent: QWidget | None, db: Database, actor: str, details: list[CaseDetail]
) -> list[CaseRef]:
    """派遣 several selected cases with the same settings; returns the cases dispatched."""
    dlg, done = make_batch_dispatch_dialog(parent, db, actor, details)
    dlg.exec()
    refs = done()
    dlg.deleteLater()
    return refs
