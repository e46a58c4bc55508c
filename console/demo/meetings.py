"""Demo meetings: a year of the township's weekly consultations (每周会商) on the demo cases, so the meetings view
is alive on first start — approved past meetings with agendas, attendance, typed decisions (most done, the
recent ones still open, some overdue) and one meeting in 筹备 whose agenda the real proposal rules draw.

The past meetings are records of what was decided; the demo cases' own histories were generated
independently and are not replayed through the workflow. Deterministic from the seed.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console import clock
from console.db import Database
from console.domain import OPEN_STATUSES, CaseStatus, Severity
from console.meetings.kinds import Attendance, DecisionKind, MeetingKind, MeetingStatus
from console.meetings.proposal import KEY_COMPLEX, OVERDUE, REASON_LABELS, REWORK
from console.meetings.read import minutes_snapshot
from console.meetings.service import MeetingService
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
DEPARTMENT_SEATS = ("综治中心", "派出所", "环保办", "安监办", "行政执法中队", "国土所")


def _tuesday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 1) % 7)


def build_demo_meetings(db: Database, *, weeks: int = 52, seed: int = 20261125, today: datetime | None = None) -> int:
    """A year of weekly meetings ending last week, plus next week's in 筹备; returns the meetings made."""
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
        for n in range(weeks, 0, -1):
            day = last - timedelta(weeks=n - 1)
            seqs[day.year] = seqs.get(day.year, 0) + 1
            _past_meeting(s, rng, town, datetime.combine(day, time(9, 0)), seqs[day.year], deps, people, now,
                          recent=n <= RECENT_WEEKS)  # fmt: skip
            made += 1
    upcoming = datetime.combine(last + timedelta(weeks=1), time(9, 0))
    ms = MeetingService(db, ACTOR)
    mid = ms.create(MeetingKind.WEEKLY, upcoming, place=PLACE, chair="张建华", recorder="李晓燕")
    ms.draw_agenda(mid)
    return made + 1


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
