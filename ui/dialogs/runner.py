"""Opening the right dialog for an action and carrying out what the user confirmed.

`run_action_dialog(parent, db, actor, detail, action)` is the one entry point the main window needs (plus
`run_new_case_dialog` and `run_batch_dispatch_dialog`). On OK the dialog's input is read on the GUI thread into
a plain job, and the job (service calls, photo uploads) runs on the window's `TaskRunner`, so a slow server or a
large photo never freezes the window and a lost connection raises the window's banner like any other job; the
dialog shows "正在保存…" meanwhile. On `StaleCase` the dialog shows who changed what since it was opened and
offers to reload — it never retries on its own, so nothing is overwritten; on any other error it shows the
message and stays open with the user's input intact. Cancelling writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from console.db import Database, is_connection_error
from console.duplicates import PossibleDuplicate, find_duplicates
from console.errors import ConsoleError, StaleCase
from console.workflow import dialog_data as data
from console.workflow import machine
from console.workflow.commands import Merge, Reopen
from console.workflow.dialog_data import Opening
from console.workflow.read import CaseDetail
from console.workflow.service import CaseRef, CaseService
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
from ui.dialogs.meeting import ProposeMeetingDialog
from ui.dialogs.rezoning import RegridDialog
from ui.dialogs.special import (
    AttachDialog,
    ConfirmDialog,
    CountyReturnDialog,
    EscalateDialog,
    HandBackDialog,
    LongTermDialog,
    ResumeDialog,
    SuperviseDialog,
)
from ui.dialogs.widgets import PhotoFile
from ui.errors import error_text, save_error_text
from ui.i18n import Dialogs, label, translated
from ui.tasks import FOREGROUND, Task, TaskRunner

#: what a dialog's OK turns into: a job for a worker thread, returning the case as saved and the problems of
#: follow-up steps (photos, the close after a verification) that did not go through
Job = Callable[[CaseService], tuple[CaseRef, list[str]]]


#: action → its dialog class (the action records name it: `ActionSpec.dialog`); 派遣 and 合并 need more than the
#: case to open, 认领/释放认领 share the confirmation
DIALOGS: dict[str, type[ActionDialog]] = {
    "dispatch": DispatchDialog,
    "merge": MergeDialog,
    "claim": ConfirmDialog,
    "release": ConfirmDialog,
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
    "propose_meeting": ProposeMeetingDialog,
    "county_return": CountyReturnDialog,
    "long_term": LongTermDialog,
    "resume": ResumeDialog,
    "supervise": SuperviseDialog,
    "attach": AttachDialog,
    "regrid": RegridDialog,
    "hand_back": HandBackDialog,
}


def dialog_env(db: Database, actor: str, opening: Opening | None = None) -> DialogEnv:
    """What the dialog may use besides its case. The window always hands in what it read on a worker; without
    one (tests, scripts) it is read here."""
    opening = opening if opening is not None else data.read_opening_in(db, "")
    phrases = opening.phrases
    return DialogEnv(actor=actor, load_phrases=lambda action: list(phrases.get(action, [])),
                     save_phrases=(lambda action, new: data.save_phrases(db, action, new, actor))
                     if opening.may_edit_phrases else None,
                     attachment_cap=opening.attachment_cap, item_list=opening.item_list)  # fmt: skip


# --- the controller between a dialog and the service --------------------------------------------------------


def _runner(db: Database, tasks: TaskRunner | None, dialog: QObject) -> TaskRunner:
    """The window's runner, or (a dialog opened on its own, as in tests) one of the dialog's own."""
    return tasks if tasks is not None else TaskRunner(db, dialog, max_threads=1)


class _Controller(QObject):
    """Lives as long as its dialog; turns `confirmed` into a job on the runner and its outcome into dialog
    messages. `prepare()` runs on the GUI thread and reads the dialog; the job it returns must not touch Qt."""

    def __init__(
        self,
        db: Database,
        actor: str,
        dialog: ActionDialog,
        prepare: Callable[[], Job],
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(dialog)
        self.db = db
        self.actor = actor
        self.dialog = dialog
        self._prepare = prepare
        self.tasks = _runner(db, tasks, self)
        dialog.confirmed.connect(self.submit)
        dialog.reload_requested.connect(self.reload)

    def submit(self) -> None:
        dlg = self.dialog
        job = self._prepare()
        actor = self.actor
        dlg.set_saving(True)
        self.tasks.run_db(
            lambda db: job(CaseService(db, actor)),
            self._saved,
            self._failed,
            name=f"save-{dlg.action}",
            # the user waits for it: not behind counts or searches; it may wait on a lock, so the window's
            # refreshes do not wait for it
            priority=FOREGROUND,
            holds=False,
        )

    def _saved(self, outcome: tuple[CaseRef, list[str]]) -> None:
        dlg = self.dialog
        dlg.set_saving(False)
        ref, problems = outcome
        _report_followup_problems(dlg, ref, problems)
        dlg.finish(ref)

    def _failed(self, exc: BaseException) -> None:
        dlg = self.dialog
        if isinstance(exc, StaleCase):
            self.show_stale(exc)  # the dialog stays "saving" until it can say what changed
            return
        dlg.set_saving(False)
        # a refusal, or a lost connection (the window's banner shows it too): the dialog stays open, input kept
        dlg.show_error(save_error_text(exc))

    def show_stale(self, exc: StaleCase) -> None:
        """Read on a worker who changed what since the dialog opened, then say so (nothing is retried)."""
        dlg = self.dialog
        assert dlg.detail is not None
        seen = dlg.detail

        def shown(found: tuple[CaseDetail, list[str]]) -> None:
            dlg.set_saving(False)
            current, lines = found
            text = (
                translated(exc.message)
                + QCoreApplication.translate("Dialogs", "。您的操作没有保存，已填写的内容仍保留。")
                + "<br>"
                + QCoreApplication.translate("Dialogs", "对方所做的修改：")
                + "<br>"
                + "<br>".join(lines or [QCoreApplication.translate("Dialogs", "（未记录）")])
                + "<br>"
                + QCoreApplication.translate("Dialogs", "案件现为“%1”。请重新载入，核对后再决定是否提交。").replace("%1", label(current.status))
            )
            dlg.show_stale(text)

        def unknown(read_error: BaseException) -> None:  # the refusal stands; what changed stays unknown
            dlg.set_saving(False)
            dlg.show_error(translated(exc.message) + "。" + error_text(read_error))

        self.tasks.run_db(lambda db: data.what_changed(db, seen), shown, unknown, name="what-changed",
                          priority=FOREGROUND, holds=False)  # fmt: skip

    def reload(self) -> None:
        """重新载入: the case as it is now, read on a worker; OK waits meanwhile, the user's input stays."""
        dlg = self.dialog
        assert dlg.detail is not None
        case_id = dlg.detail.id

        def loaded(fresh: CaseDetail) -> None:
            dlg.set_saving(False)
            dlg.error_label.hide()
            dlg.set_detail(fresh)

        def failed(exc: BaseException) -> None:
            dlg.set_saving(False)
            dlg.show_error(error_text(exc))

        dlg.set_saving(True)
        self.tasks.run_db(lambda db: data.fresh_detail(db, case_id), loaded, failed, name="reload",
                          priority=FOREGROUND, holds=False)  # fmt: skip


def _attach_all(
    svc: CaseService, ref: CaseRef, photos: list[PhotoFile], note: str = ""
) -> tuple[CaseRef, list[str]]:
    """Attach photos one by one (each a recorded change); returns the last ref and the failures. The step
    before is saved: a failure here, the connection's too, is reported, never taken for the save's."""
    failed = []
    for i, photo in enumerate(photos):
        try:
            ref = svc.attach(ref.id, ref.version, photo.filename, photo.data, photo.mime_type, note)
        except Exception as exc:  # noqa: BLE001 - see the docstring
            failed.append(error_text(exc))
            if is_connection_error(exc):  # the rest would wait for the connection in turn: not attached
                rest = "、".join(p.filename for p in photos[i + 1 :])
                if rest:
                    failed.append(QCoreApplication.translate("Dialogs", "未附上的照片：%1").replace("%1", rest))
                break
    return ref, failed


def _report_followup_problems(dialog: ActionDialog, ref: CaseRef, problems: list[str]) -> None:
    """The main step is saved; a follow-up (photo, close) failed: say so without hiding the saved step."""
    dialog.followup_problems = problems  # type: ignore[attr-defined]
    if problems:
        from ui.errors import show_error

        show_error(
            dialog.parentWidget(),
            ConsoleError(
                QCoreApplication.translate("Dialogs", "案件 %1 已保存，但以下内容未完成：").replace("%1", ref.number) + "；".join(problems)
            ),
        )


# --- entry points -----------------------------------------------------------------------------------------


def make_action_dialog(
    parent: QWidget | None,
    db: Database,
    actor: str,
    detail: CaseDetail,
    action: str,
    tasks: TaskRunner | None = None,
    opening: Opening | None = None,
) -> ActionDialog:
    """The dialog for `action` on the case, wired to the service but not shown (tests drive it directly)."""
    opening = opening or data.read_opening_in(db, action, details=[detail])
    env = dialog_env(db, actor, opening)
    title = machine.transition(action).label  # marked: the dialog translates it, again on a language switch
    dlg: ActionDialog
    if action == "dispatch":
        assert opening.suggestion is not None
        dlg = DispatchDialog(env, [detail], opening.suggestion, parent)
    elif action == "merge":
        dlg = MergeDialog(env, detail, opening.candidates, parent)
    elif action == "regrid":  # the grid picker searches on the window's runner as the user types
        runners: list[TaskRunner] = []

        def search_grids(text: str, deliver: Callable[[tuple[data.GridChoice, ...]], None]) -> None:
            runners[0].run(lambda s: data.find_grids(s, text), deliver, name="grid-search", priority=FOREGROUND - 1)

        dlg = RegridDialog(env, detail, title, search_grids, parent)
        runners.append(_runner(db, tasks, dlg))
    elif action in DIALOGS and DIALOGS[action] is not ConfirmDialog:
        dlg = DIALOGS[action](env, detail, title, parent)
    else:
        dlg = ConfirmDialog(env, detail, action, title, parent)

    def prepare() -> Job:
        assert dlg.detail is not None
        d, version = dlg.detail, dlg.expected_version
        if isinstance(dlg, AttachDialog):
            photos, note = dlg.photo_files(), dlg.note.text()

            def attach(svc: CaseService) -> tuple[CaseRef, list[str]]:
                first = photos[0]
                ref = svc.attach(d.id, version, first.filename, first.data, first.mime_type, note)
                return _attach_all(svc, ref, photos[1:])

            return attach
        command = dlg.command()
        photos = dlg.photo_files() if isinstance(dlg, FeedbackDialog) else []
        close = dlg.followup_close() if isinstance(dlg, VerifyDialog) else None

        def act(svc: CaseService) -> tuple[CaseRef, list[str]]:
            ref = svc.act(d.id, command, version)
            problems: list[str] = []
            if photos:
                ref, problems = _attach_all(svc, ref, photos, QCoreApplication.translate("Dialogs", "办理反馈照片"))
            if close is not None:
                try:
                    ref = svc.act(ref.id, close, ref.version)
                except Exception as exc:  # noqa: BLE001 - the verification is saved: report, not fail
                    problems.append(QCoreApplication.translate("Dialogs", "结案未完成：%1").replace("%1", error_text(exc)))
            return ref, problems

        return act

    _Controller(db, actor, dlg, prepare, tasks)
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
    parent: QWidget | None,
    db: Database,
    actor: str,
    grid_code: str | None = None,
    tasks: TaskRunner | None = None,
    opening: Opening | None = None,
) -> NewCaseDialog:
    opening = opening or data.read_opening_in(db, "report", grid_code=grid_code)
    env = dialog_env(db, actor, opening)
    categories, grid = opening.categories, opening.grid

    searches: list[Task] = []  # searches in flight: their answers are dropped once the dialog has closed
    grid_search: list[Task] = []  # the grid picker's search in flight (a newer keystroke cancels it)

    def search_grids(text: str, deliver: Callable[[tuple[data.GridChoice, ...]], None]) -> None:
        for task in grid_search:
            task.cancel()
        grid_search[:] = [runner.run(lambda s: data.find_grids(s, text), deliver, name="grid-search",
                                     priority=FOREGROUND - 1)]  # fmt: skip

    def search_duplicates(
        grid: str, summary: str, description: str, deliver: Callable[[list[PossibleDuplicate]], None]
    ) -> None:
        searches[:] = [t for t in searches if not t.done.is_set()]
        searches.append(
            runner.run(lambda s: find_duplicates(s, grid, summary, description), deliver, name="duplicates")
        )

    dlg = NewCaseDialog(env, categories, search_grids, search_duplicates, grid, parent)
    runner = _runner(db, tasks, dlg)

    def closed(_code: int) -> None:
        for task in [*searches, *grid_search]:
            task.cancel()

    dlg.finished.connect(closed)

    def prepare() -> Job:
        report, photos, into = dlg.report_input(), dlg.photo_files(), dlg.merge_into
        reopen = dlg.reopen_number

        def job(svc: CaseService) -> tuple[CaseRef, list[str]]:
            if reopen:  # the problem of a closed case came back: reopen it instead of filing a new case
                old = svc.ref_of(reopen)
                reason = f"群众再次反映：{report.summary}" + (f"（{report.description}）" if report.description else "")
                ref = svc.act(old.id, Reopen(reason[:2000]), old.version)
                return _attach_all(svc, ref, photos, QCoreApplication.translate("Dialogs", "上报照片"))
            ref = svc.report(report)
            ref, problems = _attach_all(svc, ref, photos, QCoreApplication.translate("Dialogs", "上报照片"))
            if into:
                try:
                    ref = svc.act(ref.id, Merge(into, f"登记时发现与 {into} 重复，已合并"), ref.version)
                except Exception as exc:  # noqa: BLE001 - the case is filed: report, not fail (a retry would
                    # file it twice)
                    problems.append(QCoreApplication.translate("Dialogs", "合并未完成：%1").replace("%1", error_text(exc)))
            return ref, problems

        return job

    _Controller(db, actor, dlg, prepare, runner)
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

    def __init__(
        self, db: Database, actor: str, dialog: DispatchDialog, tasks: TaskRunner | None = None
    ) -> None:
        super().__init__(dialog)
        self.db = db
        self.actor = actor
        self.dialog = dialog
        self.done: list[CaseRef] = []
        self.tasks = _runner(db, tasks, self)
        dialog.confirmed.connect(self.submit)

    def submit(self) -> None:
        dlg = self.dialog
        command = dlg.command()
        todo = [(d.id, d.version) for d in dlg.details]
        actor = self.actor
        details = list(dlg.details)

        def job(db: Database) -> _BatchOutcome:
            svc = CaseService(db, actor)
            out = _BatchOutcome()
            refused: list[tuple[int, str]] = []
            for cid, version in todo:
                try:
                    out.done.append(svc.act(cid, command, version))
                except ConsoleError as exc:
                    refused.append((cid, exc.message))
                except Exception as exc:
                    # the connection went: what was done so far travels with the error, which the runner
                    # reports as a lost connection (banner) and `_failed` shows with the partial outcome
                    out.refused = [(d, msg) for d in details for cid2, msg in refused if d.id == cid2]
                    exc.partial = out  # type: ignore[attr-defined]
                    raise
            old = {d.id: d for d in details}
            try:
                # the refused cases as they are now, for another try
                fresh = data.fresh_details(db, [cid for cid, _msg in refused])
                out.refused = [(d, msg) for d, (_cid, msg) in zip(fresh, refused, strict=True)]
            except Exception as exc:
                out.refused = [(old[cid], msg) for cid, msg in refused]
                exc.partial = out  # type: ignore[attr-defined]
                raise
            return out

        dlg.set_saving(True)
        self.tasks.run_db(
            job, self._saved, self._failed, name="batch-dispatch", priority=FOREGROUND, holds=False
        )

    def _saved(self, out: _BatchOutcome) -> None:
        dlg = self.dialog
        dlg.set_saving(False)
        self.done.extend(out.done)
        if not out.refused:
            dlg.finish(self.done[-1] if self.done else None)
            return
        dlg.set_details([d for d, _msg in out.refused])
        dlg.show_error(
            Dialogs.tr("已派遣 %n 件；以下案件未派遣：", None, len(self.done))
            + "\n"
            + "\n".join(f"{d.number}：{translated(msg)}" for d, msg in out.refused)
        )

    def _failed(self, exc: BaseException) -> None:
        """Cut off (the connection went): the cases dispatched before it are counted and leave the dialog, the
        rest stay for another try, and the dialog says what happened."""
        dlg = self.dialog
        dlg.set_saving(False)
        partial: _BatchOutcome | None = getattr(exc, "partial", None)
        if partial is not None:
            self.done.extend(partial.done)
        dispatched = {r.id for r in self.done}
        dlg.set_details([d for d in dlg.details if d.id not in dispatched])
        refused = partial.refused if partial is not None else []
        dlg.show_error(
            Dialogs.tr("已派遣 %n 件；其余案件未派遣：", None, len(self.done))
            + error_text(exc)
            + "".join(f"\n{d.number}：{translated(msg)}" for d, msg in refused)
        )


@dataclass
class _BatchOutcome:
    """What one batch job did: dispatched, and refused with the reason (reloaded where the connection allows).
    A job cut off by a lost connection raises, carrying this as `exc.partial`."""

    done: list[CaseRef] = field(default_factory=list)
    refused: list[tuple[CaseDetail, str]] = field(default_factory=list)


def make_batch_dispatch_dialog(
    parent: QWidget | None,
    db: Database,
    actor: str,
    details: list[CaseDetail],
    tasks: TaskRunner | None = None,
    opening: Opening | None = None,
) -> tuple[DispatchDialog, Callable[[], list[CaseRef]]]:
    """The batch dispatch dialog and a function returning the cases dispatched so far."""
    opening = opening or data.read_opening_in(db, "dispatch", details=details)
    env = dialog_env(db, actor, opening)
    assert opening.suggestion is not None
    dlg = DispatchDialog(env, details, opening.suggestion, parent)
    if len(details) == 1:

        def prepare() -> Job:
            assert dlg.detail is not None
            cid, version, command = dlg.detail.id, dlg.expected_version, dlg.command()
            return lambda svc: (svc.act(cid, command, version), [])

        _Controller(db, actor, dlg, prepare, tasks)
        return dlg, lambda: [dlg.result_ref] if dlg.result_ref else []
    ctl = _BatchController(db, actor, dlg, tasks)
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
