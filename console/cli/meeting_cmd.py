"""`gridconsole meeting …`: consultation meetings (每周会商 / 民情分析会) from the command line.

`new` creates one, `propose` draws its agenda from the records, `add`/`remove`/`move`/`hand-up` edit it,
`advance` sends the agenda and marks the meeting held, `attend`/`discuss`/`decide` record it, `apply` carries the
decisions out through the workflow, `approve` freezes the minutes, `addendum` adds to them, `decisions` lists
the follow-up and `done` closes a decision. `agenda-pdf` and `minutes-pdf` come from `reports.cli`.
A meeting is named by its id or its number (`2026-48`).
"""

from __future__ import annotations

import argparse

from sqlalchemy import select

from console import clock
from console.cli.common import acting_login, database, parse_date, parse_datetime, print_json
from console.db import Database
from console.domain import CloseType
from console.errors import ValidationError
from console.meetings.decisions import SUPERVISE_LEVELS, DecisionInput
from console.meetings.kinds import Attendance, DecisionKind, MeetingKind
from console.meetings.read import find_meeting, list_decisions, meeting_view
from console.meetings.service import MeetingService
from console.models import Department, Person


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("meeting", help="会商：每周会商、民情分析会的议程、决定和纪要")
    msub = p.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)

    def cmd(name: str, help_: str, handler: object, *, meeting: bool = True) -> argparse.ArgumentParser:
        a = msub.add_parser(name, help=help_)
        if meeting:
            a.add_argument("meeting", help="会商 id 或编号（如 2026-48）")
        a.set_defaults(handler=handler)
        return a

    a = cmd("new", "新建会商（筹备）", _new, meeting=False)
    a.add_argument("--at", required=True, help="召开时间 YYYY-MM-DD HH:MM")
    a.add_argument("--village", metavar="CODE", help="民情分析会：村（社区）网格编码；不指定为街道每周会商")
    a.add_argument("--place", default="")
    a.add_argument("--chair", default="")
    a.add_argument("--recorder", default="")
    a.add_argument("--title", default="")
    cmd("propose", "按规则生成议程（每项列出全部上会理由）", _propose)
    cmd("show", "显示会商、议程和决定", _show)
    a = cmd("add", "把案件加入议程", _add)
    a.add_argument("number", help="案件编号")
    a.add_argument("--reason", required=True)
    a = cmd("remove", "把案件移出议程（理由保留）", _remove)
    a.add_argument("number")
    a.add_argument("--reason", required=True)
    a = cmd("move", "调整议程顺序", _move)
    a.add_argument("number")
    a.add_argument("--to", type=int, required=True, help="新的序号（从 1 起）")
    a = cmd("hand-up", "民情分析会提请街道会商", _hand_up)
    a.add_argument("number")
    a.add_argument("--reason", required=True)
    cmd("advance", "推进状态：筹备 → 议程已发 → 已召开", _advance)
    a = cmd("attend", "登记出席情况", _attend)
    a.add_argument("name")
    a.add_argument("--absent", metavar="原因", help="缺席及原因")
    a.add_argument("--substitute", metavar="姓名", help="委托他人参会")
    a.add_argument("--duty", default="")
    a = cmd("discuss", "记录讨论情况", _discuss)
    a.add_argument("number")
    a.add_argument("--text", required=True)
    a = cmd("decide", "记录会议决定（类型化）", _decide)
    a.add_argument("number")
    a.add_argument("--kind", required=True, help="、".join(f"{k.value}({k.label})" for k in DecisionKind))
    a.add_argument("--text", required=True, help="决定事项")
    a.add_argument("--owner", default="", help="责任人")
    a.add_argument("--department", help="责任单位")
    a.add_argument("--due", help="办理期限 YYYY-MM-DD")
    a.add_argument("--lead", help="交办：牵头部门")
    a.add_argument("--co", action="append", default=[], help="交办：配合部门，可重复")
    a.add_argument("--person", help="交办：直接责任人")
    a.add_argument("--deadline", help="交办：办结时限 YYYY-MM-DD HH:MM")
    a.add_argument("--approve", action="store_true", help="延期审批：同意")
    a.add_argument("--deny", action="store_true", help="延期审批：不同意")
    a.add_argument("--chased", default="", help="督办：督办对象")
    a.add_argument("--level", default="", help="督办级别：" + "、".join(SUPERVISE_LEVELS))
    a.add_argument("--measures", default="", help="挂账：治理措施")
    a.add_argument("--review", help="挂账：复核日期")
    a.add_argument("--close-type", help="结案：已解决/无法解决/反映不实/重复件")
    a = cmd("apply", "执行会议决定（经工作流办理案件）", _apply)
    a.add_argument("number", nargs="?", help="案件编号；不指定则执行全部未执行的决定")
    cmd("approve", "审定纪要（主持人）", _approve)
    a = cmd("addendum", "纪要审定后的补充说明", _addendum)
    a.add_argument("--text", required=True)
    a = cmd("decisions", "会商决定跟踪（未办结/超期/已办结）", _decisions, meeting=False)
    a.add_argument("--meeting")
    a.add_argument("--state", choices=["open", "overdue", "done"])
    a.add_argument("--owner")
    a.add_argument("--department")
    a = cmd("done", "标记会商决定已办结", _done, meeting=False)
    a.add_argument("decision", type=int, help="决定 id（见 meeting decisions --json）")
    a.add_argument("--note", required=True)


def _svc(args: argparse.Namespace) -> tuple[Database, MeetingService, str]:
    db = database(args)
    login = acting_login(args, db)
    return db, MeetingService(db, login), login


def _mid(db: Database, text: str) -> int:
    with db.session() as s:
        return find_meeting(s, text)


def _department(db: Database, text: str | None) -> int | None:
    if not text:
        return None
    with db.session() as s:
        dep = s.scalar(select(Department.id).where((Department.name == text) | (Department.code == text)))
    if dep is None:
        raise ValidationError(f"未知的部门：{text}")
    return dep


def _person(db: Database, text: str | None) -> int | None:
    if not text:
        return None
    with db.session() as s:
        ids = list(s.scalars(select(Person.id).where(Person.name == text, Person.active.is_(True))))
    if len(ids) != 1:
        raise ValidationError(f"未知或同名的人员：{text}")
    return ids[0]


def _new(args: argparse.Namespace) -> int:
    db, ms, _login = _svc(args)
    kind = MeetingKind.VILLAGE if args.village else MeetingKind.WEEKLY
    mid = ms.create(kind, parse_datetime(args.at), scope_code=args.village, place=args.place, chair=args.chair,
                    recorder=args.recorder, title=args.title)  # fmt: skip
    with db.session() as s:
        v = meeting_view(s, mid, ms.actor, clock.now().date())
    print_json({"id": mid, "number": v.number, "title": v.title}) if args.json else print(f"{mid}  {v.title}")
    return 0


def _propose(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    print(ms.draw_agenda(_mid(db, args.meeting)).message)
    return _show(args)


def _show(args: argparse.Namespace) -> int:
    db = database(args)
    login = acting_login(args, db)
    with db.session() as s:
        v = meeting_view(s, find_meeting(s, args.meeting), login, clock.now().date())
    if args.json:
        print_json(v)
        return 0
    lines = [f"{v.title}（{v.kind_label}，{v.status_label}）", f"时间：{v.held_at:%Y-%m-%d %H:%M}  地点：{v.place}"
             f"  主持：{v.chair}  记录：{v.recorder}"]  # fmt: skip
    for a in v.attendees:
        lines.append(f"  {a.name} {a.duty} {a.attendance} {a.absence_reason or a.substitute}".rstrip())
    for i in v.items:
        lines.append(f"{i.position}. {i.case_number} {i.summary}（{i.status}）[{'、'.join(i.chips)}]")
        lines += [f"     · {text}" for _c, text in i.reasons]
        if i.discussion:
            lines.append(f"     讨论：{i.discussion}")
        if i.decision:
            d = i.decision
            lines.append(f"     决定：【{d.kind_label}】{d.text}  责任：{d.department} {d.owner}  期限：{d.due_on or '—'}"
                         f"  {d.state}" + (f"（未执行：{d.refusal}）" if d.refusal else ""))  # fmt: skip
    for i in v.removed:
        lines.append(f"（已移出）{i.case_number} {i.summary}：{i.removed_reason}")
    for at, by, text in v.addenda:
        lines.append(f"补充说明 {at:%Y-%m-%d} {by}：{text}")
    print("\n".join(lines))
    return 0


def _add(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    ms.add_item(_mid(db, args.meeting), args.number, args.reason)
    print(f"{args.number} 已加入议程")
    return 0


def _remove(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    ms.remove_item(_mid(db, args.meeting), args.number, args.reason)
    print(f"{args.number} 已移出议程")
    return 0


def _move(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    ms.move_item(_mid(db, args.meeting), args.number, args.to)
    print(f"{args.number} → 第 {args.to} 项")
    return 0


def _hand_up(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    ms.hand_up(_mid(db, args.meeting), args.number, args.reason)
    print(f"{args.number} 已提请街道会商")
    return 0


def _advance(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    print(ms.advance(_mid(db, args.meeting)).label)
    return 0


def _attend(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    if args.absent and args.substitute:
        raise ValidationError("--absent 与 --substitute 只能选一个；出席情况未保存")
    attendance = Attendance.ABSENT if args.absent else Attendance.SUBSTITUTE if args.substitute else Attendance.PRESENT
    ms.attend(_mid(db, args.meeting), args.name, attendance, reason=args.absent or "",
              substitute=args.substitute or "", duty=args.duty)  # fmt: skip
    print(f"{args.name}：{attendance.label}")
    return 0


def _discuss(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    ms.discuss(_mid(db, args.meeting), args.number, args.text)
    print("已记录")
    return 0


def _decide(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    try:
        kind = DecisionKind.from_text(args.kind)
        close_type = CloseType.from_text(args.close_type) if args.close_type else None
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    if args.approve and args.deny:
        raise ValidationError("--approve 与 --deny 只能选一个；决定未保存")
    decision = DecisionInput(
        kind=kind, text=args.text, owner=args.owner, department_id=_department(db, args.department),  # type: ignore[arg-type]
        due_on=parse_date(args.due) if args.due else None, lead_department_id=_department(db, args.lead),
        co_department_ids=tuple(d for d in (_department(db, c) for c in args.co) if d is not None),
        responsible_person_id=_person(db, args.person),
        deadline=parse_datetime(args.deadline) if args.deadline else None,
        approve=True if args.approve else False if args.deny else None, chased=args.chased, level=args.level,
        measures=args.measures, review_on=parse_date(args.review) if args.review else None,
        close_type=close_type,  # type: ignore[arg-type]
    )  # fmt: skip
    did = ms.decide(_mid(db, args.meeting), args.number, decision)
    print_json({"decision": did}) if args.json else print(f"决定已记录（id={did}）")
    return 0


def _apply(args: argparse.Namespace) -> int:
    db, ms, login = _svc(args)
    mid = _mid(db, args.meeting)
    if args.number:
        with db.session() as s:
            v = meeting_view(s, mid, login, clock.now().date())
        item = next((i for i in v.items if i.case_number == args.number), None)
        if item is None or item.decision is None:
            raise ValidationError(f"案件 {args.number} 在本次会商中没有记录决定")
        results = [ms.apply(item.decision.id)]
    else:
        results = ms.apply_all(mid)
    if args.json:
        print_json(results)
    else:
        for r in results:
            print(f"{r.case_number}：{'已执行 → ' + r.message if r.applied else '未执行：' + r.message}")
    return 0 if all(r.applied for r in results) else 2


def _approve(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    ms.approve(_mid(db, args.meeting))
    print("纪要已审定")
    return 0


def _addendum(args: argparse.Namespace) -> int:
    db, ms, _ = _svc(args)
    ms.add_addendum(_mid(db, args.meeting), args.text)
    print("补充说明已添加")
    return 0


def _decisions(args: argparse.Namespace) -> int:
    db = database(args)
    login = acting_login(args, db)
    with db.session() as s:
        rows = list_decisions(s, login, clock.now().date(), state=args.state,
                              meeting_id=find_meeting(s, args.meeting) if args.meeting else None,
                              owner=args.owner, department_id=_department(db, args.department))  # fmt: skip
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r.id}  {r.meeting_number}  {r.case_number}  【{r.kind_label}】{r.text}  {r.department} {r.owner}"
              f"  期限 {r.due_on or '—'}  {r.state}")  # fmt: skip
    return 0


def _done(args: argparse.Namespace) -> int:
    _db, ms, _ = _svc(args)
    ms.mark_done(args.decision, args.note)
    print("决定已办结")
    return 0
