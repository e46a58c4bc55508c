"""Demo cases: a year of cases ending "today" across every status, deterministic from a seed, fast enough to
load a million (COPY on PostgreSQL, large `executemany` transactions on SQLite).

Each case is planned as a path through the workflow of `notes/WORKFLOW_API.md` (report → accept → dispatch →
sign → feedback → verify → close → callback, with detours: reject, merge, return, escalation and the
county's answer, extension, supervision, rework, long-term plan), timed, squeezed to fit before "now", and
replayed to produce the case row and exactly the history rows the path implies (`version` = their count).

Deadlines are approximations, not the working calendar: working days ≈ limit × 1.4 natural days, working
hours ≈ limit × 4.8 clock hours (7 office hours a day, 5 days in 7), urgent hours and natural days as is.
Rows are plain tuples; times are integer minutes formatted through a per-backend lookup table.
"""

from __future__ import annotations

import queue
import random
import threading
import time
from bisect import bisect
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import func, select

from console import bulkload, clock
from console.db import Database
from console.demo import texts
from console.demo.township import Reference, create_reference, load_reference, person_name, phone_number
from console.domain import CaseStatus, LimitType, Stage
from console.errors import ValidationError
from console.models import Case, CaseHistory, CaseNumberCounter
from console.queue import rebuild_counts

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
CODEPT_COLUMNS = ("case_id", "department_id")
CHUNK = 10_000  # cases per batch handed to the writer

# every status, in the order the last cases of a load are forced into missing ones
_MIX_STATUSES = tuple(s.value for s in CaseStatus)
# how cases end (a case's status "now" is wherever its timeline has got to): shares of all cases
_REJECTED, _MERGED, _LONG_TERM = 0.05, 0.03, 0.012
_SELF_HANDLED = 0.6  # share of simple/general patrol finds the grid worker handles on the spot (自巡自办)
_CALLBACK = 0.85  # residents and hotline callers reached for the call-back (回访); other sources have none
MAX_HISTORY = 24  # no path writes more history rows than this (reserves id ranges for parallel loaders)
LARGE_LOAD = 50_000  # from this many cases: indexes set aside during the load; on PostgreSQL two loaders
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
_HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 16, 14, 8, 8, 14, 16, 16, 14, 10, 8, 6, 4, 2, 1)
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


@dataclass
class GenStats:
    backend: str
    cases: int = 0
    history: int = 0
    co_departments: int = 0
    seconds: float = 0.0
    fk_checks: bool = (
        True  # False when PostgreSQL let us skip per-row FK triggers (rows consistent by construction)
    )
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def rows_per_second(self) -> float:
        return (self.cases + self.history + self.co_departments) / self.seconds if self.seconds else 0.0

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0


@dataclass
class DemoSummary:
    township: str
    grids: int
    departments: int
    categories: int
    people: int
    created_reference: bool
    stats: GenStats


def build_demo(
    db: Database,
    *,
    cases: int = 6000,
    seed: int = 20261125,
    today: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Create the demo township (if the database has none) and `cases` cases over the year ending `today`."""
    now = (today or clock.now()).replace(second=0, microsecond=0)
    with db.session() as session:
        created = load_reference(session) is None
        if created:
            create_reference(session, today=now.date(), seed=seed)
    stats = generate_cases(db, cases, seed=seed, start=now - timedelta(days=365), end=now, progress=progress)
    from console.models import Category, Department, Grid, Person

    with db.session() as session:
        ref = load_reference(session)
        assert ref is not None

        def count(model: Any) -> int:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)

        return DemoSummary(
            ref.township_name, count(Grid), count(Department), count(Category), count(Person), created, stats
        )


# --- the generator ------------------------------------------------------------------------------------------


class _Clock:
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


class _CaseMaker:
    """Plans and replays one case at a time; holds the reference data as plain lists."""

    def __init__(self, ref: Reference, rng: random.Random, clk: _Clock, now_m: int) -> None:
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
            requested_due,
            escalated_at,
            plan_json,
            next_review,
            merged_into,
            None,
            None,
            T[at_m],
            actor,
            nh,
        )
        return row, status or "reported"


class _Job:
    """Everything a loader needs to make any chunk of the load, in any process (picklable)."""

    def __init__(
        self,
        ref: Reference,
        n: int,
        seed: int,
        start: datetime,
        end: datetime,
        sqlite: bool,
        case_base: int,
        counters: dict[int, int],
    ) -> None:
        self.ref, self.n, self.seed, self.sqlite, self.case_base = ref, n, seed, sqlite, case_base
        self.counters = dict(counters)
        self.chunk = CHUNK  # travels with the job: loader processes see the caller's chunk size
        self.t0 = datetime.combine(start.date() - timedelta(days=1), datetime.min.time())
        self.table_days = (end - self.t0).days + 120  # due dates beyond are clamped to the table's end
        self.start_m = int((start - self.t0).total_seconds() // 60)
        self.end_m = int((end - self.t0).total_seconds() // 60)
        # cases per day: fewer at weekends; a fixed share, so any chunk can find its days without the others
        self.day0, day_last = self.start_m // 1440, self.end_m // 1440
        weekday = self.t0.weekday()
        weights = [0.6 if (weekday + d) % 7 in (5, 6) else 1.0 for d in range(self.day0, day_last + 1)]
        cum = list(accumulate(weights))
        self.day_first = [0]  # index in the load of each day's first case (and n at the end)
        for c in cum:
            self.day_first.append(round(c / cum[-1] * n))
        # numbering: case i of year y gets seq = last before + (i - first index of y) + 1
        self.numbering: list[tuple[int, int, int]] = []  # (first index, year, seq of that index)
        seqs = dict(counters)
        for j in range(len(weights)):
            year = (self.t0 + timedelta(days=self.day0 + j)).year
            if not self.numbering or self.numbering[-1][1] != year:
                self.numbering.append((self.day_first[j], year, seqs.get(year, 0) + 1))
        self.last_seq = dict(counters)
        for k, (first, year, seq) in enumerate(self.numbering):
            upto = self.numbering[k + 1][0] if k + 1 < len(self.numbering) else n
            if upto > first:
                self.last_seq[year] = seq + upto - first - 1

    @property
    def chunks(self) -> int:
        return -(-self.n // self.chunk)


class _ChunkMaker:
    """Makes chunk k (cases k·CHUNK …) the same way in any process: its own random stream per chunk and
    per day, so a load split across processes gives the same cases as one made in a single process."""

    def __init__(self, job: _Job) -> None:
        self.job = job
        self.clk = _Clock(job.t0, job.table_days, job.sqlite)
        self.maker = _CaseMaker(job.ref, random.Random(0), self.clk, job.end_m)
        self.minute_cum = list(accumulate(_HOUR_WEIGHTS[m // 60] for m in range(1440)))

    def _day(self, j: int) -> list[int]:
        """Report minutes of the j-th day of the load, in order: fewer at night."""
        job = self.job
        k = job.day_first[j + 1] - job.day_first[j]
        d = job.day0 + j
        lo = max(job.start_m - d * 1440, 0)
        hi = min(job.end_m - d * 1440, 1439)
        cw = self.minute_cum[: hi + 1]
        base = cw[lo - 1] if lo > 0 else 0
        rnd = random.Random(f"{job.seed}:day:{d}").random
        span = cw[-1] - base
        return [
            d * 1440 + min(max(m, lo), hi) for m in sorted(bisect(cw, base + rnd() * span) for _ in range(k))
        ]

    def make(self, k: int, hid: int) -> tuple[list[Any], list[Any], list[tuple[int, int]], Counter[str]]:
        job, maker = self.job, self.maker
        lo, hi = k * job.chunk, min(job.n, (k + 1) * job.chunk)
        maker.rng = random.Random(f"{job.seed}:chunk:{k}")
        maker.last_by_cat, maker.last_any = {}, None
        day_first = job.day_first
        j = bisect(day_first, lo) - 1
        minutes = self._day(j)
        nb = bisect([f for f, _, _ in job.numbering], lo) - 1
        statuses: Counter[str] = Counter()
        cases: list[Any] = []
        hist: list[Any] = []
        codepts: list[tuple[int, int]] = []
        final = k == job.chunks - 1
        township_id = job.ref.township_id
        for i in range(lo, hi):
            while i >= day_first[j + 1]:
                j += 1
                minutes = self._day(j)
            while nb + 1 < len(job.numbering) and i >= job.numbering[nb + 1][0]:
                nb += 1
            first, year, seq0 = job.numbering[nb]
            seq = seq0 + i - first
            force = None
            if final and hi - i <= len(_MIX_STATUSES):  # the last few cases make sure every status appears
                missing = [s for s in _MIX_STATUSES if not statuses[s]]
                if missing and hi - i <= len(missing):
                    force = missing[0]
            row, status = maker.make(
                job.case_base + i,
                minutes[i - day_first[j]],
                f"{year}-{seq:06d}",
                year,
                seq,
                township_id,
                hist,
                hid,
                codepts,
                force,
            )
            statuses[status] += 1
            hid += row[-1]
            cases.append(row)
        return cases, hist, codepts, statuses


def generate_cases(
    db: Database,
    n: int,
    *,
    seed: int,
    start: datetime,
    end: datetime,
    progress: Callable[[int], None] | None = None,
) -> GenStats:
    """Insert `n` cases reported between `start` and `end` ("now" for their statuses), with their history.

    Needs the reference data (`create_reference`). Case numbers continue the township's counters. A large load
    (`LARGE_LOAD` cases or more, into a table not larger than the load) sets the secondary indexes of the case
    tables aside and builds them afterwards; on PostgreSQL two processes make and COPY it side by side.
    """
    began = time.perf_counter()
    if n < 0:
        raise ValidationError("案件数量不能为负数")
    with db.session() as session:
        ref = load_reference(session)
        if ref is None:
            raise ValidationError(
                "数据库中还没有乡镇网格，请先建立网格（gridconsole demo 会自动建立示例乡镇）"
            )
        counters = {
            y: last
            for y, last in session.execute(
                select(CaseNumberCounter.year, CaseNumberCounter.last).where(
                    CaseNumberCounter.township_id == ref.township_id
                )
            ).all()
        }
        existing = int(session.scalar(select(func.count()).select_from(Case)) or 0)
        case_base = int(session.scalar(select(func.coalesce(func.max(Case.id), 0))) or 0) + 1
        hist_base = int(session.scalar(select(func.coalesce(func.max(CaseHistory.id), 0))) or 0) + 1
    sqlite = not db.is_postgres
    job = _Job(ref, n, seed, start, end, sqlite, case_base, counters)
    stats = GenStats(backend="sqlite" if sqlite else "postgresql")
    statuses: Counter[str] = Counter()
    large = n >= LARGE_LOAD and existing <= n
    if large and not sqlite:
        stats.fk_checks, statuses = _pg_parallel_load(db, job, hist_base, stats, progress)
    else:
        writer: _SqliteWriter | _PgWriter = _SqliteWriter(db, large) if sqlite else _PgWriter(db)
        stats.fk_checks = writer.fk_checks
        chunks = _ChunkMaker(job)
        hid = hist_base
        try:
            for k in range(job.chunks):
                cases, hist, codepts, st = chunks.make(k, hid)
                hid += len(hist)
                statuses.update(st)
                writer.put(cases, hist, codepts)
                stats.cases += len(cases)
                stats.history += len(hist)
                stats.co_departments += len(codepts)
                if progress:
                    progress(stats.cases)
            writer.finish(ref.township_id, job.last_seq, counters)
        except BaseException:
            writer.abort()
            raise
    stats.by_status = dict(sorted(statuses.items()))
    with db.session() as session:  # the load bypassed the count triggers (replica role / dropped triggers)
        rebuild_counts(session)
    stats.seconds = time.perf_counter() - began
    return stats


# --- writers ------------------------------------------------------------------------------------------------

_CASE_TABLES = ("cases", "case_history", "case_co_department")


def _counter_rows(
    township_id: int, seqs: dict[int, int], before: dict[int, int]
) -> tuple[list[Any], list[Any]]:
    inserts = [(township_id, y, last) for y, last in seqs.items() if y not in before]
    updates = [(last, township_id, y) for y, last in seqs.items() if y in before and last != before[y]]
    return inserts, updates


class _SqliteWriter:
    """One transaction, `executemany` per batch. A large load also sets the secondary indexes aside inside that
    transaction and, on this connection only and for the load's duration, skips the per-row foreign-key checks
    (rows are consistent by construction) and syncing (`synchronous=OFF`, `journal_mode=MEMORY` where the file
    lets us leave WAL); a failed load rolls all of it back and the settings are restored either way."""

    fk_checks = True

    def __init__(self, db: Database, large: bool = False) -> None:
        self.large = large
        if large:
            db.engine.dispose()  # no idle pooled connection holds the file: journal_mode may change
        self.raw: Any = db.engine.raw_connection()
        self.cur = self.raw.cursor()
        self.journal = None
        if large:
            self.fk_checks = False
            self.cur.execute("PRAGMA foreign_keys=OFF")
            self.cur.execute("PRAGMA synchronous=OFF")
            self.journal = self.cur.execute("PRAGMA journal_mode").fetchone()[0]
            self.cur.execute("PRAGMA journal_mode=MEMORY")
        self.cur.execute("BEGIN IMMEDIATE")
        self.indexes: list[bulkload.IndexDef] = []
        if large:
            self.indexes = bulkload.sqlite_secondary_indexes(self.cur, _CASE_TABLES)
            bulkload.sqlite_drop_indexes(self.cur, self.indexes)
        cols = ", ".join(CASE_COLUMNS)
        self.case_sql = f"INSERT INTO cases ({cols}) VALUES ({', '.join('?' * len(CASE_COLUMNS))})"
        self.hist_sql = (
            f"INSERT INTO case_history ({', '.join(HISTORY_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})"
        )

    def put(self, cases: list[Any], hist: list[Any], codepts: list[Any]) -> None:
        self.cur.executemany(self.case_sql, cases)
        self.cur.executemany(self.hist_sql, hist)
        if codepts:
            self.cur.executemany(
                "INSERT INTO case_co_department (case_id, department_id) VALUES (?, ?)", codepts
            )

    def finish(self, township_id: int, seqs: dict[int, int], before: dict[int, int]) -> None:
        ins, upd = _counter_rows(township_id, seqs, before)
        self.cur.executemany(
            "INSERT INTO case_number_counter (township_id, year, last) VALUES (?, ?, ?)", ins
        )
        self.cur.executemany(
            "UPDATE case_number_counter SET last = ? WHERE township_id = ? AND year = ?", upd
        )
        bulkload.sqlite_build_indexes(self.cur, self.indexes)
        self.raw.commit()
        self._restore()

    def abort(self) -> None:
        try:
            self.raw.rollback()
        finally:
            self._restore()

    def _restore(self) -> None:
        try:
            if self.large:
                if self.journal:
                    self.cur.execute(f"PRAGMA journal_mode={self.journal}")
                self.cur.execute("PRAGMA synchronous=NORMAL")
                self.cur.execute("PRAGMA foreign_keys=ON")
        finally:
            self.raw.close()


def _pg_replica_role(cur: Any) -> bool:
    """As a superuser, skip the per-row foreign-key triggers for this transaction (rows reference reference data
    and each other consistently by construction, as pg_dump's --disable-triggers assumes). True if done."""
    try:
        cur.execute("SAVEPOINT demo_role")
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute("RELEASE SAVEPOINT demo_role")
        return True
    except Exception:
        cur.execute("ROLLBACK TO SAVEPOINT demo_role")
        return False


_CASE_COPY = f"COPY cases ({', '.join(CASE_COLUMNS)}) FROM STDIN"
_HIST_COPY = f"COPY case_history ({', '.join(HISTORY_COLUMNS)}) FROM STDIN"
_CODEPT_COPY = "COPY case_co_department (case_id, department_id) FROM STDIN"


def _pg_copy(cur: Any, cases: list[Any], hist: list[Any], codepts: list[Any]) -> None:
    with cur.copy(_CASE_COPY) as cp:
        write = cp.write_row
        for row in cases:
            write(row)
    with cur.copy(_HIST_COPY) as cp:
        write = cp.write_row
        for row in hist:
            write(row)
    if codepts:
        with cur.copy(_CODEPT_COPY) as cp:
            for row in codepts:
                cp.write_row(row)


def _pg_finish(cur: Any, township_id: int, seqs: dict[int, int], before: dict[int, int]) -> None:
    ins, upd = _counter_rows(township_id, seqs, before)
    if ins:
        cur.executemany("INSERT INTO case_number_counter (township_id, year, last) VALUES (%s, %s, %s)", ins)
    if upd:
        cur.executemany("UPDATE case_number_counter SET last = %s WHERE township_id = %s AND year = %s", upd)
    for table in ("cases", "case_history"):
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )


class _PgWriter:
    """One transaction; a background thread COPYs batch k while the caller generates batch k+1."""

    def __init__(self, db: Database) -> None:
        self.raw: Any = db.engine.raw_connection()
        conn: Any = self.raw.driver_connection
        self.conn = conn
        with self.conn.cursor() as cur:
            self.fk_checks = not _pg_replica_role(cur)
            cur.execute("LOCK TABLE cases, case_history IN SHARE ROW EXCLUSIVE MODE")
        self.queue: queue.Queue[Any] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="demo-copy", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while True:
                item = self.queue.get()
                if item is None:
                    return
                with self.conn.cursor() as cur:
                    _pg_copy(cur, *item)
        except BaseException as exc:  # handed to the caller on the next put/finish
            self.error = exc
            while self.queue.get() is not None:  # drain so the producer never blocks
                pass

    def put(self, cases: list[Any], hist: list[Any], codepts: list[Any]) -> None:
        if self.error:
            raise self.error
        self.queue.put((cases, hist, codepts))

    def finish(self, township_id: int, seqs: dict[int, int], before: dict[int, int]) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error:
            raise self.error
        with self.conn.cursor() as cur:
            _pg_finish(cur, township_id, seqs, before)
        self.raw.commit()
        self.raw.close()

    def abort(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        try:
            self.raw.rollback()
        finally:
            self.raw.close()


# --- a large load on PostgreSQL: two processes, each with its own COPY connection -------------------------

LOADERS = 2


def _pg_conninfo(db: Database) -> dict[str, Any]:
    url = db.engine.url
    info: dict[str, Any] = url.translate_connect_args(username="user", database="dbname")
    info.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    info.setdefault("application_name", "gridconsole-demo")
    return info


def _pg_loader(conninfo: dict[str, Any], job: _Job, chunks: list[int], hid: int, pipe: Any) -> None:
    """One loader process: make its chunks, COPY them in one transaction, commit when the main process says all
    loaders are ready (so a failure anywhere rolls every loader back)."""
    import psycopg

    try:
        conn = psycopg.connect(**conninfo)
        try:
            with conn.cursor() as cur:
                replica = _pg_replica_role(cur)
                maker = _ChunkMaker(job)
                total: Counter[str] = Counter()
                counts = [0, 0, 0]
                limit = hid + sum(min(job.chunk, job.n - k * job.chunk) for k in chunks) * MAX_HISTORY
                for k in chunks:
                    cases, hist, codepts, st = maker.make(k, hid)
                    hid += len(hist)
                    if hid > limit:  # cannot happen: MAX_HISTORY bounds every path
                        raise RuntimeError("history id range exceeded")
                    _pg_copy(cur, cases, hist, codepts)
                    total.update(st)
                    counts[0] += len(cases)
                    counts[1] += len(hist)
                    counts[2] += len(codepts)
                    pipe.send(("progress", len(cases)))
            pipe.send(("ready", counts, dict(total), replica))
            if pipe.recv() == "commit":
                conn.commit()
                pipe.send(("done",))
        finally:
            conn.close()  # without commit: rolled back
    except BaseException as exc:
        try:
            pipe.send(("error", f"{type(exc).__name__}: {exc}"))
        except Exception:
            pass


def _pg_parallel_load(
    db: Database, job: _Job, hist_base: int, stats: GenStats, progress: Callable[[int], None] | None
) -> tuple[bool, Counter[str]]:
    import multiprocessing
    from multiprocessing.connection import wait

    import psycopg

    conninfo = _pg_conninfo(db)
    with psycopg.connect(**conninfo, autocommit=True) as conn, conn.cursor() as cur:
        indexes = bulkload.pg_secondary_indexes(cur, _CASE_TABLES)
        with conn.transaction():
            bulkload.pg_drop_indexes(cur, indexes)
    statuses: Counter[str] = Counter()
    fk_checks = False
    try:
        ctx = multiprocessing.get_context("spawn")
        per = -(-job.chunks // LOADERS)
        parts = [list(range(w * per, min(job.chunks, (w + 1) * per))) for w in range(LOADERS)]
        parts = [p for p in parts if p]
        procs, pipes = [], []
        for part in parts:
            mine, theirs = ctx.Pipe()
            hid = hist_base + part[0] * job.chunk * MAX_HISTORY  # id ranges reserved up front
            proc = ctx.Process(target=_pg_loader, args=(conninfo, job, part, hid, theirs), daemon=True)
            proc.start()
            theirs.close()
            procs.append(proc)
            pipes.append(mine)
        error: str | None = None
        try:
            waiting = set(range(len(pipes)))
            while waiting and error is None:
                ready: list[Any] = wait([pipes[i] for i in waiting])
                for p in ready:
                    i = pipes.index(p)
                    msg: Any
                    try:
                        msg = p.recv()
                    except EOFError:
                        msg = ("error", "示例数据生成进程意外退出")
                    if msg[0] == "progress":
                        stats.cases += msg[1]
                        if progress:
                            progress(stats.cases)
                    elif msg[0] == "ready":
                        waiting.discard(i)
                        stats.history += msg[1][1]
                        stats.co_departments += msg[1][2]
                        statuses.update(msg[2])
                        fk_checks = fk_checks or not msg[3]
                    else:
                        error = msg[1]
            if error is not None:
                raise ValidationError(f"示例案件写入失败：{error}")
            for p in pipes:
                p.send("commit")
            for p in pipes:
                msg = p.recv()
                if msg[0] != "done":
                    error = msg[1]
                    raise ValidationError(f"示例案件写入失败：{error}")
        finally:
            for proc in procs:  # after a failure a loader is stopped where it is: its transaction rolls back
                proc.join(timeout=10 if error is None else 0)
                if proc.is_alive():
                    proc.terminate()
                    proc.join()
        with psycopg.connect(**conninfo) as conn, conn.cursor() as cur:
            _pg_finish(cur, job.ref.township_id, job.last_seq, job.counters)
    finally:
        bulkload.pg_build_indexes(lambda: psycopg.connect(**conninfo, autocommit=True), indexes)
    return fk_checks, statuses


# --- emptying the case tables (gridconsole demo --reset) ----------------------------------------------------


def case_tables() -> list[str]:
    """`cases` and every table that refers to it (directly or through another), children first."""
    from console.models import Base

    tables = {"cases"}
    changed = True
    while changed:
        changed = False
        for t in Base.metadata.tables.values():
            if t.name not in tables and any(fk.column.table.name in tables for fk in t.foreign_keys):
                tables.add(t.name)
                changed = True
    order = [t.name for t in reversed(Base.metadata.sorted_tables) if t.name in tables]
    return [*order, "case_change", "case_number_counter"]


def reset_cases(db: Database) -> int:
    """Empty the case tables (history included) and the numbering; returns the number of cases removed.

    The history is append-only by trigger. On PostgreSQL this needs a superuser, whose
    `session_replication_role = replica` lets TRUNCATE past the triggers for this transaction; on SQLite the
    two history triggers are dropped and re-created from their stored definitions in the same transaction.
    """
    with db.session() as session:
        count = int(session.scalar(select(func.count()).select_from(Case)) or 0)
    tables = case_tables()
    raw: Any = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        if db.is_postgres:
            try:
                cur.execute("SET LOCAL session_replication_role = replica")
            except Exception as exc:
                raise ValidationError(
                    "清空案件历史需要数据库超级用户权限（案件历史受触发器保护，只能追加）"
                ) from exc
            cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            cur.execute("BEGIN IMMEDIATE")
            cur.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                f"({', '.join('?' * len(tables))})",
                tables,
            )
            triggers = cur.fetchall()
            for name, _ in triggers:
                cur.execute(f'DROP TRIGGER "{name}"')
            for t in tables:
                cur.execute(f"DELETE FROM {t}")
            for _, sql in triggers:
                cur.execute(sql)
        raw.commit()
    except BaseException:
        raw.rollback()
        raise
    finally:
        raw.close()
    with db.session() as session:  # TRUNCATE / dropped triggers skipped the count triggers
        rebuild_counts(session)
    return count
