"""Case dialogs: one per workflow action, each validating as the user types, plus the runner that opens the
right one and calls `CaseService` (see `ui.dialogs.runner`)."""

from ui.dialogs.base import ActionDialog, DialogEnv
from ui.dialogs.runner import (
    dialog_env,
    make_action_dialog,
    make_batch_dispatch_dialog,
    make_new_case_dialog,
    run_action_dialog,
    run_batch_dispatch_dialog,
    run_new_case_dialog,
)

__all__ = [
    "ActionDialog",
    "DialogEnv",
    "dialog_env",
    "make_action_dialog",
    "make_batch_dispatch_dialog",
    "make_new_case_dialog",
    "run_action_dialog",
    "run_batch_dispatch_dialog",
    "run_new_case_dialog",
]
