"""Demo meetings: a year of the township's weekly consultations (每周会商) and the communities' analysis meetings
(民情分析会) on the demo cases, so the meetings view is alive on first start — approved past meetings with
agendas, attendance, typed decisions (most done, the recent ones still open, some overdue) and one meeting in
筹备 whose agenda the real proposal rules draw.

The last weekly meeting and the communities' meetings of the last week are replayed through the services, as a
dispatcher runs them: the agenda drawn by the proposal rules at the time, attendance, typed decisions applied to
the cases through the workflow (each case's history shows "经〔2026〕第N期会商决定：…"; a case that changed
after the meeting gets no decision, so no history row is out of time), an item handed up to the township, the
minutes approved. The older weekly meetings are records of what was decided: the demo cases' histories were
generated independently of them. Deterministic from the seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console import clock
from console.db import Database
from console.domain import OPEN_STATUSES, CaseStatus, CloseType, Severity
from console.meetings.decisions import SUPERVISE_LEVELS, DecisionInput
from console.meetings.kinds import Attendance, DecisionKind, MeetingKind, MeetingStatus
from console.meetings.proposal import HANDED_UP, KEY_COMPLEX, OVERDUE, PROPOSED, REASON_LABELS, REWORK
from console.meetings.read import minutes_snapshot
from console.meetings.service import Invitee, MeetingService
from console.models import (
    AgendaItem,
    Case,
    Category,
    Department,
    Grid,
    Meeting,
    MeetingAttendee,
    MeetingDecision,
    Person,
)

ACTOR = "demo"
PLACE = "街道网格化管理中心会议室"
RECENT_WEEKS = 6  # the last weeks' decisions are still open (a few of them overdue)
VILLAGES = 3  # communities whose analysis meeting (民情分析会) of the last week is replayed
DEPARTMENT_SEATS = ("综治中心", "派出所", "环保办", "安监办", "行政执法中队", "国土所")


def _tuesday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 1) % 7)


def build_demo_meetings(db: Database, *, weeks: int = 52, seed: int = 20261125, today: datetime | None = None) -> int:
    """A year of weekly meetings ending last week (the last one, and the communities' meetings of that week,
    replayed through the services), plus next week's in 筹备; returns the meetings made."""
    now = today or clock.now()
    rng = random.Random(seed)
    with db.session() as s:
        town = s.scalar(select(Grid).where(Grid.level == 1).order_by(Grid.id).limit(1))
        if town is None or s.scalar(select(func.count()).select_from(Meeting)):
            return 0
        deps = {d.name: d.id for d in s.scalars(select(Department).where(Department.active.is_(True)))}
        people = [p for p in s.scalars(select(Person).where(Person.active.is_(True)).order_by(Person.id).limit(200))]
        last = _tuesday_on_or_before(now.date() - timedelta(days=1))
        made = 0
        seqs: dict[int, int] = {}
        for n in range(weeks, 1, -1):  # the last one (n = 1) is replayed below
            day = last - timedelta(weeks=n - 1)
            seqs[day.year] = seqs.get(day.year, 0) + 1
            _past_meeting(s, rng, town, datetime.combine(day, time(9, 0)), seqs[day.year], deps, people, now,
                          recent=n <= RECENT_WEEKS)  # fmt: skip
            made += 1
        communities = list(s.scalars(select(Grid.code).where(Grid.level == 2, Grid.active.is_(True))
                                     .order_by(Grid.code).limit(VILLAGES)))  # fmt: skip
        people_names = [p.name for p in people[:40]]
    town_code = town.code
    # the last week, replayed through the services: the communities' meetings (each hands one item up), then the
    # township's (it takes the hand-ups)
    village_day = last - timedelta(days=5)  # the Thursday before the weekly meeting
    for k, code in enumerate(communities):
        _replay(db, rng, MeetingKind.VILLAGE, datetime.combine(village_day, time(15, 0)), code, deps,
                people_names, hand_up=True, seed_no=k)  # fmt: skip
        made += 1
    _replay(db, rng, MeetingKind.WEEKLY, datetime.combine(last, time(9, 0)), town_code, deps, people_names)
    made += 1
    upcoming = datetime.combine(last + timedelta(weeks=1), time(9, 0))
    ms = MeetingService(db, ACTOR)
    mid = ms.create(MeetingKind.WEEKLY, upcoming, place=PLACE, chair="张建华", recorder="李晓燕")
    ms.draw_agenda(mid)
    return made + 1


@contextmanager
def _at(moment: datetime) -> Iterator[None]:
    """The services' clock pinned at `moment` (a replayed meeting's step), then as it was."""
    before = clock._now
    clock.set_clock(lambda: moment)
    try:
        yield
    finally:
        clock.set_clock(before)


def _replay(db: Database, rng: random.Random, kind: MeetingKind, held_at: datetime, scope_code: str,
            deps: dict[str, int], people: list[str], *, hand_up: bool = False, seed_no: int = 0) -> int:  # fmt: skip
    """One past meeting run through `MeetingService` as a dispatcher runs it, step by step at its time."""
    ms = MeetingService(db, ACTOR)
    village = kind is MeetingKind.VILLAGE
    chair, recorder = ("村（社区）书记", "网格员") if village else ("张建华", "李晓燕")
    seats = ("网格长", "网格员", "综治专干") if village else ("张建华", *DEPARTMENT_SEATS)
    with _at(held_at - timedelta(days=2)):
        mid = ms.create(kind, held_at, scope_code=scope_code, place="村（社区）党群服务中心" if village else PLACE,
                        chair=chair, recorder=recorder,
                        invitees=[Invitee(n, department_id=deps.get(n)) for n in seats])  # fmt: skip
    with _at(held_at - timedelta(days=1)):
        ms.draw_agenda(mid)
        with db.session() as s:
            rows = s.execute(select(AgendaItem.reasons, Case).join(Case, Case.id == AgendaItem.case_id)
                             .where(AgendaItem.meeting_id == mid, AgendaItem.removed_at.is_(None))
                             .order_by(AgendaItem.position)).all()  # fmt: skip
            defaults = dict(s.execute(select(Category.id, Category.default_department_id)).tuples().all())
        keep = rng.randint(4, 7) if village else rng.randint(6, 9)
        items: list[tuple[int, str, CaseStatus, datetime, int | None, int]] = []
        for reasons, c in rows:  # a meeting gets through a handful; the rules' other finds wait for the next
            put_forward = any(code in (HANDED_UP, PROPOSED) for code, _t in json.loads(reasons))
            if len(items) < keep or put_forward:
                items.append((c.id, c.number, c.status, c.updated_at, c.lead_department_id, c.category_id))
            else:
                ms.remove_item(mid, c.number, "会议时间有限，顺延下期研究")
    with _at(held_at):
        ms.advance(mid)
        ms.advance(mid)
        away = rng.choice(seats[1:])
        for name in seats:
            if name == away:
                ms.attend(mid, name, Attendance.ABSENT, reason="外出执行任务")
            else:
                ms.attend(mid, name, Attendance.PRESENT)
        for _cid, number, status, updated_at, lead, category in items:
            ms.discuss(mid, number, "责任单位汇报了办理情况，会议进行了研究。")
            if updated_at >= held_at:  # changed since: the meeting only heard the report
                continue
            decision = _decision_for(rng, status, lead or defaults.get(category) or deps.get(rng.choice(DEPARTMENT_SEATS)),
                                     people, held_at.date(), village)  # fmt: skip
            if decision is not None:
                ms.decide(mid, number, decision)
    with _at(held_at + timedelta(hours=2)):
        ms.apply_all(mid)
        if hand_up and items:  # after its own decisions: a 持续关注 would find it put forward already
            ms.hand_up(mid, items[0][1], "涉及多个部门，村（社区）协调不了")
    with _at(held_at + timedelta(days=1)):
        ms.approve(mid)
    return mid


def _decision_for(rng: random.Random, status: CaseStatus, dep: int | None, people: list[str], day: date,
                  village: bool) -> DecisionInput | None:  # fmt: skip
    """A typed decision the workflow accepts for a case in `status`."""
    K, S = DecisionKind, CaseStatus
    owner = rng.choice(people) if people else ""
    due = day + timedelta(days=rng.choice((7, 14)))
    if status is S.ACCEPTED and dep is not None:
        return DecisionInput(K.DISPATCH, "明确牵头部门，限期办结", owner=owner, department_id=dep, due_on=due,
                             lead_department_id=dep)  # fmt: skip
    if status in (S.DISPATCHED, S.IN_PROGRESS):
        if village and rng.random() < 0.5:
            return DecisionInput(K.HAND_BACK, "退回网格，由网格长组织调解", owner=owner, due_on=due)
        level = rng.choice(SUPERVISE_LEVELS)
        return DecisionInput(K.SUPERVISE, f"{level}，每周报告进展", owner=owner, department_id=dep, due_on=due,
                             chased="牵头部门", level=level)  # fmt: skip
    if status is S.EXTENSION_REQUESTED:
        return DecisionInput(K.EXTENSION, "同意延期，按期办结", approve=True, owner=owner, due_on=due)
    if status is S.VERIFIED:
        return DecisionInput(K.CLOSE, "核查通过，同意结案", close_type=CloseType.SOLVED, owner=owner)
    if status in (S.FEEDBACK, S.ESCALATED, S.LONG_TERM):
        return DecisionInput(K.WATCH, "持续关注，下次会商报告进展", owner=owner, due_on=due)
    return None


def _past_meeting(s: Session, rng: random.Random, town: Grid, held_at: datetime, seq: int, deps: dict[str, int],
                  people: list[Person], now: datetime, *, recent: bool) -> None:  # fmt: skip
    """One approved meeting; a recent one takes up cases still open, and its decisions are still open."""
    m = Meeting(kind=MeetingKind.WEEKLY, scope_code=town.code, year=held_at.year, seq=seq,
                title=f"{town.name}网格化管理会商〔{held_at.year}〕第{seq}期", held_at=held_at, place=PLACE,
                chair="张建华", recorder="李晓燕", status=MeetingStatus.HELD, created_by=ACTOR,
                created_at=held_at - timedelta(days=2), agenda_drawn_at=held_at - timedelta(days=1))  # fmt: skip
    s.add(m)
    s.flush()
    absent = rng.choice(DEPARTMENT_SEATS)
    for name in ("张建华", *DEPARTMENT_SEATS):
        away = name == absent
        s.add(MeetingAttendee(meeting_id=m.id, name=name, department_id=deps.get(name), duty="主任" if name == "张建华" else "",
                              attendance=Attendance.ABSENT if away else Attendance.PRESENT,
                              absence_reason="外出执行任务" if away else "", substitute=""))  # fmt: skip
    # the hard cases of the three weeks before: key areas of severity 复杂, reworked, or late
    rows = s.execute(
        select(Case.id, Case.version, Case.status, Case.lead_department_id, Case.rework_count, Case.severity,
               Category.key_area, Category.name)
        .join(Category, Category.id == Case.category_id)
        .where(Case.reported_at >= held_at - timedelta(days=21), Case.reported_at < held_at - timedelta(days=2),
               (Case.severity == Severity.COMPLEX) | (Case.rework_count > 0),
               Case.status.in_(tuple(OPEN_STATUSES)) if recent else Case.id > 0)
        .order_by(Case.id).limit(60)
    ).all()  # fmt: skip
    picked = rng.sample(rows, min(len(rows), rng.randint(4, 8)))
    for pos, (cid, version, status, lead, rework, severity, key_area, cat_name) in enumerate(picked, 1):
        reasons: list[tuple[str, str]] = []
        if key_area and severity is Severity.COMPLEX:
            reasons.append((KEY_COMPLEX, f"重点领域（{cat_name}）复杂案件"))
        if rework:
            reasons.append((REWORK, f"已返工 {rework} 次"))
        if not reasons:
            reasons.append((OVERDUE, f"{REASON_LABELS[OVERDUE]}：办理进度滞后"))
        item = AgendaItem(meeting_id=m.id, case_id=cid, position=pos, reasons=json.dumps(reasons, ensure_ascii=False),
                          added_by=ACTOR, case_version=version, discussion="各部门汇报办理情况，会议进行了研究。",
                          removed_reason="")  # fmt: skip
        s.add(item)
        s.flush()
        kind = _kind_for(status, rng, recent)
        dep_id = lead or deps.get(rng.choice(DEPARTMENT_SEATS))
        dep_name = next((k for k, v in deps.items() if v == dep_id), "责任单位")
        owner = rng.choice(people).name if people else ""
        due = held_at.date() + timedelta(days=rng.choice((7, 14, 21)))
        text = _text_for(kind, dep_name)
        late = due < now.date() - timedelta(days=14)
        done = late and not recent and rng.random() < 0.85
        s.add(MeetingDecision(item_id=item.id, meeting_id=m.id, case_id=cid, kind=kind, params="{}", text=text,
                              owner=owner, department_id=dep_id, due_on=due, recorded_by=ACTOR, recorded_at=held_at,
                              applied_at=held_at + timedelta(hours=2), applied_by=ACTOR, refusal="",
                              done_at=datetime.combine(due - timedelta(days=rng.randint(0, 5)), time(16, 0)) if done else None,
                              done_by=ACTOR if done else None, done_note="已按会议要求办结" if done else ""))  # fmt: skip
    s.flush()
    m.status = MeetingStatus.APPROVED
    m.approved_by = "张建华"
    m.approved_at = held_at + timedelta(days=1)
    m.minutes_json = json.dumps(minutes_snapshot(s, m), ensure_ascii=False, default=str)


def _kind_for(status: CaseStatus, rng: random.Random, recent: bool) -> DecisionKind:
    if status is CaseStatus.LONG_TERM:
        return DecisionKind.LONG_TERM
    if status is CaseStatus.ESCALATED:
        return DecisionKind.ESCALATE
    if status not in OPEN_STATUSES:
        return DecisionKind.WATCH
    if recent:  # what the case itself would not settle at once
        return rng.choice((DecisionKind.WATCH, DecisionKind.HAND_BACK, DecisionKind.WATCH))
    return rng.choice((DecisionKind.DISPATCH, DecisionKind.SUPERVISE, DecisionKind.SUPERVISE, DecisionKind.WATCH,
                       DecisionKind.HAND_BACK))  # fmt: skip


def _text_for(kind: DecisionKind, dep: str) -> str:
    return {
        DecisionKind.DISPATCH: f"由{dep}牵头，相关部门配合，限期办结",
        DecisionKind.SUPERVISE: f"对{dep}挂牌督办，每周报告进展",
        DecisionKind.ESCALATE: "超出街道职权，提请区网格化管理中心协调",
        DecisionKind.LONG_TERM: "列入挂账，按治理计划分期整治",
        DecisionKind.WATCH: "持续关注，下次会商报告进展",
        DecisionKind.HAND_BACK: "退回网格，由网格长组织调解",
    }.get(kind, "按会议意见办理")
