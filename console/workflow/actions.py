"""One record per case action: everything the console knows about it, in one place.

Each record says what the button says (label), the statuses it leaves from and the one it leads to, its typed
command (`console.workflow.commands`), the posts that may take it and within which scope, the dialog that edits
it (or why there is none), its `gridconsole case` verb and the case columns its handler may write (`writes`). The
state machine (`machine`), the permission check (`console.security.posts`), the history labels, the CLI and the
server's check of an UPDATE of `cases` (`console.security.pg_workflow`) read these records; the handler that
carries the action out is registered against it in `service` and `tests/test_action_registry.py` ties them all
together (`tests/test_case_fields.py` runs every action and holds each handler to its `writes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from console.domain import OPEN_STATUSES
from console.domain import CaseStatus as S
from console.i18n import QT_TRANSLATE_NOOP
from console.security.post_names import ALL, DEPT, GRID, LEAD, Post
from console.workflow import commands as c


class Action(StrEnum):
    """The case actions (their values are what the history rows and the audit log record)."""

    ACCEPT = "accept"
    REJECT = "reject"
    MERGE = "merge"
    DISPATCH = "dispatch"
    SIGN = "sign"
    PROGRESS = "progress"
    FEEDBACK = "feedback"
    RETURN = "return"
    VERIFY = "verify"
    CLOSE = "close"
    CALLBACK = "callback"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_EXTENSION = "decide_extension"
    ESCALATE = "escalate"
    COUNTY_RETURN = "county_return"
    LONG_TERM = "long_term"
    RESUME = "resume"
    REOPEN = "reopen"
    SUPERVISE = "supervise"
    CLAIM = "claim"
    RELEASE = "release"
    ATTACH = "attach"
    WATCH = "watch"
    PROPOSE_MEETING = "propose_meeting"
    HAND_BACK = "hand_back"
    REGRID = "regrid"


@dataclass(frozen=True)
class ActionSpec:
    action: Action
    label: str  # what the button and the history say
    sources: frozenset[S]  # the statuses it may leave from
    target: S | None  # None: the status does not change, or the handler decides (accept, verify, resume …)
    command: type[c.Command] | None  # None: a personal action without a history row (watch)
    posts: Mapping[Post, str]  # post → scope (posts.ALL / LEAD / DEPT / GRID)
    dialog: str | None  # the class of `ui.dialogs` that edits it; None: see `no_dialog`
    cli_verb: str  # `gridconsole case <verb> NUMBER`
    no_dialog: str = ""  # why the action has no dialog of its own
    #: the columns of `cases` its handler may change (besides `SYSTEM_WRITES`); the server refuses any other
    writes: frozenset[str] = frozenset()


D, H, DEP, G, INS = Post.DISPATCHER, Post.HEAD, Post.DEPARTMENT, Post.GRID, Post.INSPECTOR
_CENTER = {D: ALL, H: ALL}
_ANY = {D: ALL, H: ALL, INS: ALL, DEP: DEPT, G: GRID}

#: columns of `cases` every action changes: its version, and who changed it when (`CaseService.act_in`)
SYSTEM_WRITES = frozenset({"version", "updated_at", "updated_by"})
#: moment columns: an action that sets one sets it to the moment it is taken, its history row's `at` (the
#: server holds a person's UPDATE to this, and that moment to its own clock: `console.security.pg_workflow`)
STAMPS = frozenset({"updated_at", "accepted_at", "dispatched_at", "signed_at", "feedback_at", "verified_at",
                    "closed_at", "escalated_at", "stage_started_at", "paused_at"})  # fmt: skip
#: fields whose before/after values go into the history row's `changes` (`CaseService.act_in`; the server
#: holds a person's UPDATE to stating every one it changes)
TRACKED_FIELDS = (
    "status", "stage", "grid_id", "category_id", "severity", "summary", "description", "address",
    "lead_department_id", "responsible_person_id", "instructions", "due_at", "stage_due_at",
    "accepted_at", "dispatched_at", "signed_at", "feedback_at", "verified_at", "closed_at", "close_type",
    "close_reason", "result", "satisfaction", "rework_count", "extension_count", "supervise_count", "supervise_level",
    "requested_due_at", "escalated_at", "governance_plan", "next_review_on", "merged_into_id",
    "claimed_by", "claim_expires_at", "paused_at",
)  # fmt: skip
#: the columns of `cases` a report (上报, 登记, an import's row) fills (`service.file_report`, the intake clock of
#: `timing.start_stage`, and a 重复发生 link); a new case has every other column blank, the server holds a person's
#: INSERT to that (`console.security.pg_workflow`): the rest only ever comes through the actions
REPORT_WRITES = frozenset({
    "number", "township_id", "year", "seq", "grid_id", "grid_code", "category_id", "severity", "source", "status",
    "summary", "description", "address", "reporter_name", "reporter_phone", "people_involved", "urgent",
    "self_handled", "self_handled_action", "reported_by", "reported_at", "stage", "stage_started_at", "stage_due_at",
    "stage_warn_at", "recurrence_of_id", "updated_at", "updated_by", "version",
})  # fmt: skip
# what the shared helpers of the handlers write (`console.workflow.timing`, `service._release_claim`)
_CLOCK = {"stage", "stage_started_at", "stage_due_at", "stage_warn_at"}  # a stage ends or starts
_HANDLING = _CLOCK | {"limit_type", "limit_value", "due_at"}  # the handling stage starts (dispatch, rework)
_PAUSE = {"paused_at", "resume_status"}  # timing.pause
_RESUME = _PAUSE | {"stage_due_at", "stage_warn_at", "due_at"}  # timing.resume moves the due moments
_CLAIM = {"claimed_by", "claim_expires_at"}  # a claim (认领) is taken or let go
_STATUS = {"status"}
_LET_GO = {"lead_department_id", "responsible_person_id", "due_at", "signed_at"}  # the departments give it up


def _a(action: Action, label: str, sources: set[S], target: S | None, command: type[c.Command] | None,
       posts: Mapping[Post, str], dialog: str | None, verb: str | None = None, no_dialog: str = "",
       writes: Iterable[str] = ()) -> ActionSpec:  # fmt: skip
    return ActionSpec(action, label, frozenset(sources), target, command, posts, dialog,
                      verb or action.value.replace("_", "-"), no_dialog, frozenset(writes))  # fmt: skip


A = Action
ACTIONS: dict[Action, ActionSpec] = {
    spec.action: spec
    for spec in (
        # → 已受理, or 待核查 for a self-handled case (自巡自办)
        _a(A.ACCEPT, QT_TRANSLATE_NOOP("domain", "受理立案"), {S.REPORTED}, None, c.Accept, _CENTER, "AcceptDialog",
           writes=_CLOCK | _CLAIM | _STATUS | {"accepted_at", "feedback_at", "result"}),
        _a(A.REJECT, QT_TRANSLATE_NOOP("domain", "不予受理"), {S.REPORTED}, S.REJECTED, c.Reject, _CENTER, "RejectDialog",
           writes=_CLOCK | _CLAIM | _STATUS | {"close_reason", "closed_at"}),
        _a(A.MERGE, QT_TRANSLATE_NOOP("domain", "合并重复件"), {S.REPORTED, S.ACCEPTED}, S.MERGED, c.Merge, _CENTER, "MergeDialog",
           writes=_CLOCK | _CLAIM | _STATUS | {"merged_into_id", "close_type", "closed_at"}),
        _a(A.DISPATCH, QT_TRANSLATE_NOOP("domain", "派遣"), {S.ACCEPTED}, S.DISPATCHED, c.Dispatch, _CENTER, "DispatchDialog",
           writes=_HANDLING | _CLAIM | _STATUS | {"lead_department_id", "responsible_person_id", "instructions", "dispatched_at"}),
        _a(A.SIGN, QT_TRANSLATE_NOOP("domain", "签收"), {S.DISPATCHED}, S.IN_PROGRESS, c.Sign, {DEP: LEAD}, "SignDialog",
           writes=_STATUS | {"signed_at"}),
        _a(A.PROGRESS, QT_TRANSLATE_NOOP("domain", "进展记录"), {S.DISPATCHED, S.IN_PROGRESS, S.LONG_TERM, S.ESCALATED}, None, c.Progress,
           {D: ALL, H: ALL, DEP: DEPT, G: GRID}, "ProgressDialog"),
        _a(A.FEEDBACK, QT_TRANSLATE_NOOP("domain", "办理反馈"), {S.IN_PROGRESS}, S.FEEDBACK, c.Feedback, {DEP: LEAD}, "FeedbackDialog",
           writes=_CLOCK | _STATUS | {"result", "feedback_at"}),
        _a(A.RETURN, QT_TRANSLATE_NOOP("domain", "退回中心"), {S.DISPATCHED, S.IN_PROGRESS}, S.ACCEPTED, c.Return, {DEP: LEAD}, "ReturnDialog",
           writes=_CLOCK | _STATUS | _LET_GO),
        # pass → 待结案; fail → 办理中 (rework), or 已受理 when no department holds the case
        _a(A.VERIFY, QT_TRANSLATE_NOOP("domain", "核查"), {S.FEEDBACK}, None, c.Verify, {D: ALL, H: ALL, G: GRID}, "VerifyDialog",
           writes=_HANDLING | _STATUS | {"verified_at", "rework_count", "feedback_at"}),
        _a(A.CLOSE, QT_TRANSLATE_NOOP("domain", "结案"), {S.VERIFIED}, S.CLOSED, c.Close, _CENTER, "CloseDialog",
           writes=_STATUS | {"close_type", "close_reason", "closed_at"}),
        _a(A.CALLBACK, QT_TRANSLATE_NOOP("domain", "回访评价"), {S.CLOSED}, S.EVALUATED, c.Callback, _CENTER, "CallbackDialog",
           writes=_STATUS | {"satisfaction"}),
        _a(A.REQUEST_EXTENSION, QT_TRANSLATE_NOOP("domain", "申请延期"), {S.DISPATCHED, S.IN_PROGRESS}, S.EXTENSION_REQUESTED,
           c.RequestExtension, {DEP: LEAD}, "RequestExtensionDialog", "extend",
           writes=_PAUSE | _STATUS | {"requested_due_at"}),
        # back to the status before the request
        _a(A.DECIDE_EXTENSION, QT_TRANSLATE_NOOP("domain", "延期审批"), {S.EXTENSION_REQUESTED}, None, c.DecideExtension, {H: ALL},
           "DecideExtensionDialog", writes=_RESUME | _STATUS | {"extension_count", "requested_due_at"}),
        _a(A.ESCALATE, QT_TRANSLATE_NOOP("domain", "上报县级"), {S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS, S.LONG_TERM}, S.ESCALATED,
           c.Escalate, {H: ALL}, "EscalateDialog", writes=_PAUSE | _CLAIM | _STATUS | {"escalated_at"}),
        _a(A.COUNTY_RETURN, QT_TRANSLATE_NOOP("domain", "县级回复"), {S.ESCALATED}, S.ACCEPTED, c.CountyReturn, _CENTER, "CountyReturnDialog",
           writes=_RESUME | _CLOCK | _STATUS | _LET_GO),
        _a(A.LONG_TERM, QT_TRANSLATE_NOOP("domain", "挂账"), {S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS}, S.LONG_TERM, c.LongTerm, _CENTER,
           "LongTermDialog", writes=_PAUSE | _CLAIM | _STATUS | {"governance_plan", "next_review_on"}),
        # back to where it was parked from: 已受理 when no department holds it, else 已派遣/办理中
        _a(A.RESUME, QT_TRANSLATE_NOOP("domain", "恢复办理"), {S.LONG_TERM}, None, c.Resume, _CENTER, "ResumeDialog",
           writes=_RESUME | _HANDLING | _STATUS),
        # a closed case whose problem came back, or failed its spot check: back for rework
        _a(A.REOPEN, QT_TRANSLATE_NOOP("domain", "重新办理"), {S.CLOSED, S.EVALUATED}, None, c.Reopen, {D: ALL, H: ALL, INS: ALL},
           None, no_dialog="由新报告的重复提示（重新办理）和随机抽查发起；命令行为 gridconsole case reopen",
           writes=_HANDLING | _STATUS | {"rework_count", "closed_at", "close_type", "close_reason", "verified_at",
                                         "feedback_at", "satisfaction"}),
        _a(A.SUPERVISE, QT_TRANSLATE_NOOP("domain", "督办"), {S.DISPATCHED, S.IN_PROGRESS, S.FEEDBACK, S.EXTENSION_REQUESTED, S.LONG_TERM},
           None, c.Supervise, {D: ALL, H: ALL, INS: ALL}, "SuperviseDialog", writes={"supervise_count", "supervise_level"}),
        _a(A.CLAIM, QT_TRANSLATE_NOOP("domain", "认领"), {S.REPORTED, S.ACCEPTED}, None, c.Claim, _CENTER, "ConfirmDialog", writes=_CLAIM),
        _a(A.RELEASE, QT_TRANSLATE_NOOP("domain", "释放认领"), {S.REPORTED, S.ACCEPTED}, None, c.Release, _CENTER, "ConfirmDialog", writes=_CLAIM),
        _a(A.ATTACH, QT_TRANSLATE_NOOP("domain", "添加附件"), set(S) - {S.REJECTED, S.MERGED}, None, c.Attach, _ANY, "AttachDialog"),
        # 提请会商: on the next meeting's agenda with this reason (console.meetings); the status does not change
        _a(A.PROPOSE_MEETING, QT_TRANSLATE_NOOP("domain", "提请会商"), {S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS, S.EXTENSION_REQUESTED,
           S.FEEDBACK, S.VERIFIED, S.ESCALATED, S.LONG_TERM}, None, c.ProposeMeeting,
           {D: ALL, H: ALL, DEP: DEPT, G: GRID}, "ProposeMeetingDialog"),
        # 退回网格: a consultation meeting hands the case back to its grid (小事不出网格): the departments let go
        # of it and the grid settles it on the spot; the grid's 核查 then passes it for closing or sends it back
        # to the center for dispatch (console.meetings.decisions)
        _a(A.HAND_BACK, QT_TRANSLATE_NOOP("domain", "退回网格"), {S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS}, S.FEEDBACK,
           c.HandBack, _CENTER, "HandBackDialog",
           writes=_CLOCK | _CLAIM | _STATUS | _LET_GO | {"self_handled", "result"}),
        # 移交网格: an open case follows the map when its grid is split, merged or retired (console.rezoning)
        # (RegridDialog: one case; the 案件去向 dialog of 基础设置·网格 moves them all with a split, merge or retirement)
        _a(A.REGRID, QT_TRANSLATE_NOOP("domain", "移交网格"), set(OPEN_STATUSES), None, c.Regrid, _CENTER, "RegridDialog",
           writes={"grid_id", "grid_code"}),
        _a(A.WATCH, QT_TRANSLATE_NOOP("domain", "关注"), set(S), None, None, _ANY, None,
           no_dialog="关注只是个人的开关（案件视图的“关注”按钮），不改变案件，无需填写内容"),
    )
}  # fmt: skip

#: actions that only change who is looking at a case, not the case (no history row, no version bump)
PERSONAL_ACTIONS = frozenset(a.value for a, spec in ACTIONS.items() if spec.command is None)


def spec_of(action: str) -> ActionSpec | None:
    try:
        return ACTIONS[Action(action)]
    except ValueError:
        return None

#: the actions that may move a case's handling deadline (their record lists `due_at`): the history rows the
#: review's weekly trend reads old deadlines from (`console.review.charts`), found on `ix_case_history_action_at`
MOVES_DUE = sorted(a.value for a, spec in ACTIONS.items() if "due_at" in spec.writes)
