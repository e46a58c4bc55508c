"""One demo case: a path through the workflow (`console/workflow/machine.py`) planned from the case's
category and source, timed, cut at "now" (or squeezed before it for a forced status) and replayed into the
case row and exactly the history rows the path implies (`version` = their count).

Deadlines are approximations, not the working calendar: working days ≈ limit × 1.4 natural days, working
hours ≈ limit × 4.8 clock hours (7 office hours a day, 5 days in 7), urgent hours and natural days as is.
Rows are plain tuples in table column order; times are integer minutes formatted through a lookup table.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any

from console.demo import texts
from console.demo.township import Reference, person_name, phone_number
from console.domain import LimitType, Stage
from console.errors import ValidationError
from console.models import Case

CASE_COLUMNS = tuple(c.name for c in Case.__table__.columns)
HISTORY_COLUMNS = (
    "id",
    "case_id",
    "at",
    "actor",
    "action",
    "from_status",
    "to_status",
    "changes",
    "note",
    "visibility",
    "stage",
    "stage_on_time",
)
# how cases end (a case's status "now" is wherever its timeline has got to): shares of all cases
_REJECTED, _MERGED, _LONG_TERM = 0.05, 0.03, 0.012
_SELF_HANDLED = 0.6  # share of simple/general patrol finds the grid worker handles on the spot (自巡自办)
_CALLBACK = 0.85  # residents and hotline callers reached for the call-back (回访); other sources have none
MAX_HISTORY = 24  # no path writes more history rows than this (reserves id ranges for parallel loaders)
_SOURCES = (("patrol", 55), ("resident", 15), ("hotline", 20), ("department", 6), ("supervisor", 4))
_CATEGORY_WEIGHTS = {
    "环境卫生": 20,
    "公共设施": 12,
    "民生诉求": 12,
    "矛盾纠纷": 10,
    "安全隐患": 9,
    "非法建设": 6,
    "治安": 5,
    "非法经营": 5,
    "人口管理": 4,
    "其他": 4,
    "安全生产": 4,
    "信访稳定": 4,
    "基层组织建设": 3,
    "非法生产": 2,
}
_PUBLIC = frozenset({"report", "feedback", "close", "callback"})


def limit_minutes(limit_type: LimitType | str, value: int) -> int:
    """Approximate length of a limit in clock minutes (see the module docstring)."""
    lt = LimitType(limit_type)
    if lt is LimitType.URGENT_HOURS:
        return value * 60
    if lt is LimitType.WORKING_HOURS:
        return int(value * 60 * 4.8)
    if lt is LimitType.WORKING_DAYS:
        return int(value * 1440 * 1.4)
    return value * 1440


class Clock:
    """Minutes since `t0` ↔ formatted timestamps, through lookup tables (formatting is the hot path)."""

    def __init__(self, t0: datetime, days: int, sqlite: bool) -> None:
        self.t0 = t0
        suffix = ":00.000000" if sqlite else ":00"
        hm = [f" {h:02d}:{m:02d}" for h in range(24) for m in range(60)]
        self.db: list[str] = []
        self.dates: list[str] = []
        for d in range(days):
            day = (t0 + timedelta(days=d)).date().isoformat()
            self.dates.append(day)
            self.db.extend(day + x + suffix for x in hm)
        # timestamps inside the history's JSON: PostgreSQL's table already has that form
        self.js = [t[:19] for t in self.db] if sqlite else self.db
        self.last = len(self.db) - 1

    def minute(self, dt: datetime) -> int:
        return int((dt - self.t0).total_seconds() // 60)


class CaseMaker:
    """Plans and replays one case at a time; holds the reference data as plain lists."""

    def __init__(self, ref: Reference, rng: random.Random, clk: Clock, now_m: int) -> None:
        self.ref, self.rng, self.clk, self.now_m = ref, rng, clk, now_m
        if not ref.grids or not ref.categories:
            raise ValidationError("没有可用的网格或事件分类，无法生成示例案件")
        grid_w = [max(g.households, 150) for g in ref.grids]
        self.grid_cum = list(accumulate(grid_w))
        cat_w = [_CATEGORY_WEIGHTS.get(c.name, 5) for c in ref.categories]
        self.cat_cum = list(accumulate(cat_w))
        self.src_names = [s for s, _ in _SOURCES]
        self.src_cum = list(accumulate(w for _, w in _SOURCES))
        self.cat_limits = []
        for c in ref.categories:

            def lim(stage: Stage, default: tuple[LimitType, int], cid: int = c.id) -> int:
                lt, v = ref.stage_limits.get((cid, stage)) or ref.stage_limits.get((None, stage)) or default
                return limit_minutes(lt, v)

            self.cat_limits.append(
                (
                    lim(Stage.INTAKE, (LimitType.WORKING_HOURS, 2)),
                    lim(Stage.DISPATCH, (LimitType.WORKING_HOURS, 4)),
                    limit_minutes(c.limit_type, c.limit_value),
                    lim(Stage.VERIFY, (LimitType.WORKING_DAYS, 2)),
                )
            )
        self.templates = [texts.TEMPLATES.get(c.name, texts.GENERIC) for c in ref.categories]
        depts = ref.department_ids or [0]
        self.depts = depts
        self.handlers: dict[int, list[tuple[int | None, str]]] = {
            d: list(ref.handlers.get(d) or [(None, "handler")]) for d in depts
        }
        for c in ref.categories:
            if c.department_id is not None and c.department_id not in self.handlers:
                self.handlers[c.department_id] = list(
                    ref.handlers.get(c.department_id) or [(None, "handler")]
                )
        self.addr_prefix = [self._address_base(g.name, g.parent_name) for g in ref.grids]
        self.last_by_cat: dict[int, int] = {}
        self.last_any: int | None = None

    @staticmethod
    def _address_base(name: str, parent: str) -> str:
        if parent.endswith("村"):
            return f"中原区{parent}{name}"
        if "网格" in parent or "网格" in name:
            return f"中原区{name.replace('企业网格', '').replace('专属网格', '')}"
        return f"中原区{parent}{name}"

    def _pick(self, cum: Sequence[float]) -> int:
        return bisect(cum, self.rng.random() * cum[-1])

    # -- planning: a list of (action, minutes after the previous event, argument) --

    def _plan(self, target: str, self_handled: bool, lim: tuple[int, int, int, int]) -> list[list[Any]]:
        r = self.rng.random
        u = self.rng.uniform
        li, ld, lh, lv = lim
        p: list[list[Any]] = [["report", 0, None]]
        if target == "reported":
            return p
        if target == "rejected":
            p.append(["reject", u(10, 240), None])
            return p
        if target == "merged":
            if r() < 0.3:
                p.append(["accept", u(5, li * 0.9), None])
            p.append(["merge", u(10, 240), None])
            return p
        p.append(["accept", u(5, li * 0.9) if r() < 0.88 else u(li, li * 3), None])
        if self_handled:
            if target in (
                "reported",
                "accepted",
                "dispatched",
                "in_progress",
                "extension_requested",
                "escalated",
                "long_term",
                "feedback",
            ):
                return p
        else:
            if target == "accepted":
                return p
            if target == "escalated" and r() < 0.5:
                p.append(["escalate", u(1440, 7 * 1440), None])
                return p
            if target not in ("escalated",) and r() < 0.02:
                p.append(["escalate", u(1440, 5 * 1440), None])
                p.append(["county_return", u(7 * 1440, 60 * 1440), None])
            p.append(["dispatch", u(5, ld * 0.9) if r() < 0.88 else u(ld, ld * 3), None])
            if target != "dispatched" and r() < 0.03:
                p.append(["return", u(60, 600), None])
                p.append(["dispatch", u(10, ld), None])
            if target == "dispatched":
                return p
            late = r() < 0.2
            handle = lh * (u(1.02, 1.8) if late else u(0.3, 0.95))
            sign = min(u(5, 240), handle * 0.2)
            p.append(["sign", sign, None])
            spent = sign
            notes = 0 if r() >= 0.3 else 1 + (r() < 0.25)  # most cases go without a progress note
            for _ in range(notes):
                step = (handle - spent) * u(0.1, 0.5)
                p.append(["progress", step, None])
                spent += step
            if target == "extension_requested":
                p.append(["request_extension", (handle - spent) * u(0.3, 0.9), None])
                return p
            if target == "escalated":
                p.append(["escalate", max(handle - spent, 60) * u(0.3, 0.9), None])
                return p
            if target == "long_term":
                p.append(["long_term", max(handle - spent, 60) * u(0.3, 0.9), None])
                return p
            if r() < 0.06:
                step = (handle - spent) * u(0.3, 0.7)
                p.append(["request_extension", step, None])
                p.append(["decide_extension", u(60, 2 * 1440), r() < 0.85])
                spent += step
            if late and r() < 0.5:
                p.append(["supervise", max(lh - spent, 0) + u(60, 1440), None])
                spent = max(spent, lh) + 720
            if target == "in_progress":
                return p
            p.append(["feedback", max(handle - spent, 30), None])
        if target == "feedback":
            return p
        for _ in range(3):  # rework: verification fails, the handler does it again
            if r() >= 0.08:
                break
            p.append(["verify", u(60, lv), False])
            p.append(["feedback", lh * u(0.1, 0.5), None])
        p.append(["verify", u(lv * 0.25, lv * 0.95) if r() < 0.9 else u(lv, lv * 1.8), True])
        if target == "verified":
            return p
        p.append(["close", u(60, 2 * 1440), None])
        if target == "closed":
            return p
        p.append(["callback", u(1440, 5 * 1440), None])
        return p

    # -- one case --

    def make(
        self,
        cid: int,
        rep_m: int,
        number: str,
        year: int,
        seq: int,
        township_id: int,
        hist: list[tuple[Any, ...]],
        hid: int,
        codepts: list[tuple[int, int]],
        force: str | None = None,
    ) -> tuple[tuple[Any, ...], str]:
        rng = self.rng
        r = rng.random
        ref = self.ref
        clk = self.clk
        T = clk.db  # noqa: N806 - short names keep the replay readable
        J = clk.js  # noqa: N806
        last = clk.last
        gi = self._pick(self.grid_cum)
        grid = ref.grids[gi]
        ci = self._pick(self.cat_cum)
        cat = ref.categories[ci]
        lim = self.cat_limits[ci]
        source = self.src_names[self._pick(self.src_cum)]
        if force is None:
            x = r()
            if x < _REJECTED:
                target = "rejected"
            elif x < _REJECTED + _MERGED:
                target = "merged"
            elif x < _REJECTED + _MERGED + _LONG_TERM:
                target = "long_term"
            elif source in ("resident", "hotline") and r() < _CALLBACK:
                target = "evaluated"
            else:
                target = "closed"
            self_handled = (
                target in ("closed", "evaluated")
                and source == "patrol"
                and cat.severity != "complex"
                and r() < _SELF_HANDLED
            )
        else:
            target, self_handled = force, False
        plan = self._plan(target, self_handled, lim)
        stop = self.now_m  # the path as it would run; "now" cuts it wherever it has got to
        if force is not None:  # a forced status: squeeze the whole path in before now
            stop = last
            total = sum(s[1] for s in plan)
            window = self.now_m - rep_m - 1
            if total > window and total > 0:
                f = max(window, 0) / total
                for s in plan:
                    s[1] *= f

        worker = ref.grid_workers.get(grid.id, "grid_worker")
        dispatcher = ref.dispatchers[int(r() * len(ref.dispatchers))]
        reporter = worker if source == "patrol" else dispatcher
        tpl_s, tpl_d = self.templates[ci][int(r() * len(self.templates[ci]))]
        n = 2 + int(r() * 18)
        addr = (
            f"{self.addr_prefix[gi]}{1 + int(r() * 30)}号"
            if r() < 0.6
            else f"中原区{texts.ROADS[int(r() * len(texts.ROADS))]}{1 + int(r() * 300)}号"
        )
        summary = tpl_s.format(p=grid.name, a=addr, n=n)[:120]
        description = tpl_d.format(p=grid.name, a=addr, n=n)
        reporter_name: str | None = None
        reporter_phone: str | None = None
        if source in ("resident", "hotline"):
            reporter_name, reporter_phone = person_name(rng), phone_number(rng)
        severity = str(cat.severity)
        urgent = cat.limit_type == "urgent_hours"
        sh_action = texts.SELF_ACTIONS[int(r() * 3)] if self_handled else ""

        li, ld, lh, lv = lim
        status = None
        stage: str | None = None
        s_start = s_due = 0
        accepted_at = dispatched_at = due = signed_at = feedback_at = verified_at = closed_at = None
        escalated_at = paused_at = requested_due = merged_into = None
        lead: int | None = None
        resp: int | None = None
        handler = "handler"
        resume_status = close_type = satisfaction = next_review = None
        close_reason = result = plan_json = instructions = ""
        rework = ext = sup = 0
        pending_due = 0
        co_added = False
        t = float(rep_m)
        nh = 0
        at_m = rep_m
        actor = reporter
        for planned, dur, arg in plan:
            action = planned
            t += dur
            if t > stop:
                break
            at_m = min(int(t), last)
            at = T[at_m]
            frm: str | None = status
            ch = ""
            note = ""
            done_stage = None
            on_time = None
            actor = dispatcher
            if action == "report":
                status, stage, s_start, s_due = "reported", "intake", at_m, at_m + li
                actor = reporter
                ch = '"status": [null, "reported"]'
            elif action == "accept":
                done_stage, on_time = "intake", at_m <= s_due
                accepted_at = at
                if self_handled:
                    status, stage, s_start, s_due = "feedback", "verify", at_m, at_m + lv
                    feedback_at = at
                    result = sh_action
                    note = "自巡自办，网格员已现场处置"
                else:
                    status, stage, s_start, s_due = "accepted", "dispatch", at_m, at_m + ld
                ch = f'"status": ["{frm}", "{status}"], "accepted_at": [null, "{J[at_m]}"]'
            elif action == "reject":
                status, stage = "rejected", None
                note = texts.REJECT_REASONS[int(r() * 3)]
                ch = '"status": ["reported", "rejected"]'
            elif action == "merge":
                status, stage = "merged", None
                merged_into = self.last_by_cat.get(ci, self.last_any)
                if merged_into is None:  # nothing to merge into yet: not in scope instead
                    if frm != "reported":
                        status = frm
                        continue
                    status, note = "rejected", texts.REJECT_REASONS[0]
                    action = "reject"
                    ch = '"status": ["reported", "rejected"]'
                else:
                    note = texts.MERGE_NOTE
                    ch = f'"status": ["{frm}", "merged"], "merged_into_id": [null, {merged_into}]'
            elif action == "dispatch":
                done_stage, on_time = "dispatch", at_m <= s_due
                old_lead = lead
                if lead is None and cat.department_id is not None:
                    lead = cat.department_id
                else:
                    lead = self.depts[int(r() * len(self.depts))]
                hs = self.handlers.get(lead) or [(None, "handler")]
                resp, handler = hs[int(r() * len(hs))]
                dispatched_at = at
                due_m = min(at_m + lh, last)
                due = T[due_m]
                status, stage, s_start, s_due = "dispatched", "handle", at_m, due_m
                instructions = texts.INSTRUCTIONS[int(r() * 3)]
                ch = (
                    f'"status": ["{frm}", "dispatched"], "lead_department_id": '
                    f'[{"null" if old_lead is None else old_lead}, {lead}], "due_at": [null, "{J[due_m]}"]'
                )
                if severity == "complex" and not co_added and r() < 0.5:
                    co = self.depts[int(r() * len(self.depts))]
                    if co != lead:
                        codepts.append((cid, co))
                        co_added = True
            elif action == "sign":
                status = "in_progress"
                signed_at = at
                actor = handler
                ch = f'"status": ["dispatched", "in_progress"], "signed_at": [null, "{J[at_m]}"]'
            elif action == "progress":
                actor = handler
                note = texts.PROGRESS_NOTES[int(r() * 4)]
                ch = ""
            elif action == "request_extension":
                actor = handler
                req_m = min(s_due + int(lh * (0.5 + r() * 0.5)), last)
                requested_due = T[req_m]
                status, paused_at, resume_status = "extension_requested", at, "in_progress"
                note = texts.EXTENSION_REASONS[int(r() * 3)]
                ch = f'"status": ["in_progress", "extension_requested"], "requested_due_at": [null, "{J[req_m]}"]'
                pending_due = req_m
            elif action == "decide_extension":
                status, paused_at, resume_status = "in_progress", None, None
                if arg:
                    ext += 1
                    ch = (
                        f'"status": ["extension_requested", "in_progress"], "due_at": '
                        f'["{J[s_due]}", "{J[pending_due]}"], "extension_count": [{ext - 1}, {ext}]'
                    )
                    s_due = pending_due
                    due = T[s_due]
                    note = "同意延期"
                else:
                    ch = '"status": ["extension_requested", "in_progress"]'
                    note = "不同意延期，请按原时限办结"
            elif action == "supervise":
                sup += 1
                note = texts.SUPERVISE_NOTES[int(r() * 2)]
                ch = f'"supervise_count": [{sup - 1}, {sup}]'
            elif action == "feedback":
                done_stage, on_time = "handle", at_m <= s_due
                actor = handler
                feedback_at = at
                result = texts.RESULTS.get(severity, texts.RESULTS["general"])[int(r() * 3)]
                status, stage, s_start, s_due = "feedback", "verify", at_m, at_m + lv
                ch = f'"status": ["in_progress", "feedback"], "result": [null, "{result}"]'
            elif action == "verify":
                actor = worker
                if arg:
                    done_stage, on_time = "verify", at_m <= s_due
                    verified_at = at
                    status, stage = "verified", None
                    ch = '"status": ["feedback", "verified"]'
                    note = "现场核查，问题已解决"
                else:
                    rework += 1
                    new_due = min(at_m + lh // 2, last)
                    status, stage, s_start, s_due = "in_progress", "handle", at_m, new_due
                    due = T[new_due]
                    note = texts.VERIFY_FAIL[int(r() * 2)]
                    ch = f'"status": ["feedback", "in_progress"], "rework_count": [{rework - 1}, {rework}]'
            elif action == "close":
                closed_at = at
                status = "closed"
                x = r()
                close_type = (
                    "solved"
                    if x < 0.92
                    else "unsolvable"
                    if x < 0.95
                    else "unfounded"
                    if x < 0.98
                    else "duplicate"
                )
                close_reason = texts.CLOSE_REASONS.get(close_type, "")
                ch = f'"status": ["verified", "closed"], "close_type": [null, "{close_type}"]'
            elif action == "callback":
                x = r()
                satisfaction = "satisfied" if x < 0.85 else "basically" if x < 0.96 else "dissatisfied"
                status = "evaluated"
                note = texts.CALLBACK_COMMENTS[satisfaction]
                ch = f'"status": ["closed", "evaluated"], "satisfaction": [null, "{satisfaction}"]'
            elif action == "escalate":
                escalated_at = paused_at = at
                status = "escalated"
                note = texts.ESCALATE_NOTES[int(r() * 2)]
                ch = f'"status": ["{frm}", "escalated"]'
            elif action == "county_return":
                status, paused_at = "accepted", None
                stage, s_start, s_due = "dispatch", at_m, at_m + ld
                note = texts.COUNTY_ANSWERS[int(r() * 2)]
                ch = '"status": ["escalated", "accepted"]'
            elif action == "return":
                actor = handler
                status, stage, s_start, s_due = "accepted", "dispatch", at_m, at_m + ld
                note = texts.RETURN_REASONS[int(r() * 2)]
                ch = f'"status": ["{frm}", "accepted"]'
            elif action == "long_term":
                status, paused_at = "long_term", at
                review = min(at_m // 1440 + 30, len(clk.dates) - 1)
                next_review = clk.dates[review]
                plan_json = texts.GOVERNANCE_PLANS[int(r() * 2)] % next_review
                note = "短期内无法解决，制定治理计划挂账推进"
                ch = f'"status": ["{frm}", "long_term"], "next_review_on": [null, "{next_review}"]'
            hist.append(
                (
                    hid + nh,
                    cid,
                    at,
                    actor,
                    action,
                    frm,
                    status,
                    "{" + ch + "}",
                    note,
                    "public" if action in _PUBLIC else "internal",
                    done_stage,
                    on_time,
                )
            )
            nh += 1

        stage_started: str | None = None
        stage_due: str | None = None
        stage_warn: str | None = None
        if stage is not None and status not in ("closed", "evaluated", "rejected", "merged", "verified"):
            stage_started, stage_due = T[min(s_start, last)], T[min(s_due, last)]
            stage_warn = T[min(s_start + int((s_due - s_start) * 0.8), last)]
        else:
            stage = None
        if status not in ("merged",):
            self.last_by_cat[ci] = self.last_any = cid
        row = (
            cid,
            number,
            township_id,
            year,
            seq,
            grid.id,
            grid.code,
            cat.id,
            severity,
            source,
            status,
            stage,
            summary,
            description,
            addr,
            reporter_name,
            reporter_phone,
            "",
            urgent,
            self_handled,
            sh_action,
            reporter,
            T[rep_m],
            accepted_at,
            dispatched_at,
            lead,
            resp,
            instructions,
            str(cat.limit_type) if dispatched_at else None,
            cat.limit_value if dispatched_at else None,
            due,
            stage_started,
            stage_due,
            stage_warn,
            paused_at,
            resume_status,
            signed_at,
            feedback_at,
            verified_at,
            closed_at,
            close_type,
            close_reason,
            result,
            satisfaction,
            rework,
            ext,
            sup,
            None,  # supervise_level
            requested_due,
            escalated_at,
            plan_json,
            next_review,
            merged_into,
            None,  # recurrence_of_id
            None,
            None,
            T[at_m],
            actor,
            nh,
        )
        return row, status or "reported"
