"""`gridconsole case …`: every workflow action from the command line, plus `show`.

Each subcommand reads the case's current version and acts on it; `--expect-version` lets a script insist on
the version it saw earlier (a concurrent change then fails with the name of whoever made it).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy import select

from console.cli.common import acting_login, database, parse_date, parse_datetime, print_json
from console.db import Database
from console.domain import CloseType, Satisfaction, Source, SuperviseLevel, Visibility
from console.errors import ValidationError
from console.models import Department, Person
from console.workflow.actions import ACTIONS, Action
from console.workflow.case_view import deadline_note
from console.workflow.commands import (
    Accept,
    Attach,
    Callback,
    Claim,
    Close,
    Command,
    CountyReturn,
    DecideExtension,
    Dispatch,
    Escalate,
    Feedback,
    HandBack,
    LongTerm,
    Merge,
    Progress,
    ProposeMeeting,
    Regrid,
    Reject,
    Release,
    Reopen,
    RequestExtension,
    Resume,
    Return,
    Sign,
    Supervise,
    Verify,
)
from console.workflow.read import case_detail
from console.workflow.service import CaseService, ReportInput, find_case


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("case", help="案件：上报、受理、派遣、办理、核查、结案 …")
    csub = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)

    r = csub.add_parser("report", help="上报案件")
    r.add_argument("--grid", required=True, help="网格编码（15 位）")
    r.add_argument("--category", required=True, help="问题类别（名称或代码）")
    r.add_argument("--summary", required=True, help="问题摘要")
    r.add_argument("--description", default="")
    r.add_argument("--address", default="")
    r.add_argument(
        "--source", default="patrol", help="来源：patrol/resident/hotline/department/supervisor 或中文"
    )
    r.add_argument("--reporter-name")
    r.add_argument("--reporter-phone")
    r.add_argument("--urgent", action="store_true")
    r.add_argument("--self-handled", metavar="已采取的措施", help="自巡自办：网格员已就地处置")
    r.add_argument("--reported-at", help="上报时间（默认现在）")
    r.add_argument("--recurrence-of", metavar="编号", help="复发件：关联到问题再次出现的已结案案件")
    r.set_defaults(handler=_report)

    s = csub.add_parser("show", help="显示案件详情和全部历史")
    s.add_argument("number")
    s.set_defaults(handler=_show)

    def action(which: Action, *opts: tuple[tuple[str, ...], dict[str, Any]]) -> None:
        spec = ACTIONS[which]
        name = spec.cli_verb
        a = csub.add_parser(name, help=spec.label)
        a.add_argument("number", help="案件编号，如 2026-000123")
        a.add_argument("--expect-version", type=int, help="只在案件仍为该版本时执行")
        for flags, kw in opts:
            a.add_argument(*flags, **kw)
        a.set_defaults(handler=_act, cli_action=name)

    note = (("--note",), {"default": ""})
    action(Action.ACCEPT, note)
    action(Action.REJECT, (("--reason",), {"required": True}))
    action(Action.MERGE, (("--into",), {"required": True, "help": "目标案件编号"}), note)
    action(Action.DISPATCH,
        (("--lead",), {"help": "牵头部门（名称或代码；默认取类别的牵头部门）"}),
        (("--co",), {"action": "append", "default": [], "help": "配合部门，可重复"}),
        (("--person",), {"help": "直接责任人（姓名）"}),
        (("--due",), {"help": "办结时限（默认按事项清单计算）"}),
        (("--due-reason",), {"default": ""}),
        (("--instructions",), {"default": ""}),
        note,
    )  # fmt: skip
    action(Action.SIGN, note)
    action(Action.PROGRESS, (("--note",), {"required": True}), (("--public",), {"action": "store_true"})
    )
    action(Action.FEEDBACK, (("--result",), {"required": True}), note)
    action(Action.RETURN, (("--reason",), {"required": True}))
    v = (("--pass",), {"dest": "passed", "action": "store_true", "default": None})
    action(Action.VERIFY, v, (("--fail",), {"dest": "failed", "action": "store_true"}),
           (("--reason",), {"default": ""}), (("--due",), {"help": "返工时限"}), note)  # fmt: skip
    action(Action.CLOSE, (("--type",), {"required": True, "help": "solved/unsolvable/unfounded/duplicate 或中文"}),
           (("--reason",), {"default": ""}))  # fmt: skip
    action(Action.CALLBACK, (("--satisfaction",), {"required": True, "help": "满意/基本满意/不满意"}),
           (("--comment",), {"default": ""}))  # fmt: skip
    action(Action.REQUEST_EXTENSION,
        (("--to",), {"required": True, "help": "延期至"}),
        (("--reason",), {"required": True}),
    )
    action(Action.DECIDE_EXTENSION, (("--approve",), {"action": "store_true"}),
           (("--deny",), {"action": "store_true"}), note)  # fmt: skip
    action(Action.ESCALATE, (("--note",), {"required": True}))
    action(Action.COUNTY_RETURN, (("--answer",), {"required": True}))
    action(Action.LONG_TERM, (("--measures",), {"required": True}),
           (("--milestone",), {"action": "append", "default": []}),
           (("--review",), {"required": True, "help": "下次复核日期"}), note)  # fmt: skip
    action(Action.RESUME, (("--note",), {"required": True}))
    action(Action.REOPEN, (("--reason",), {"required": True, "help": "问题再次出现或抽查未整改的情况"}),
           (("--due",), {"help": "返工时限"}))  # fmt: skip
    action(Action.SUPERVISE, (("--chased",), {"required": True, "help": "督办对象"}),
           (("--level",), {"help": "督办级别：一般督办、重点督办、挂牌督办"}), note)  # fmt: skip
    action(Action.CLAIM)
    action(Action.RELEASE)
    action(Action.ATTACH, (("file",), {"help": "照片或文件"}), note)
    action(Action.PROPOSE_MEETING, (("--reason",), {"required": True, "help": "提请会商的理由"}))
    action(Action.HAND_BACK, (("--note",), {"required": True, "help": "退回网格的要求（如 由网格长组织调解）"}))
    action(Action.REGRID, (("--to",), {"required": True, "metavar": "GRIDCODE", "help": "移入的网格编码"}),
           (("--reason",), {"required": True, "help": "移交原因（如 网格调整、上报时选错网格）"}))  # fmt: skip


    w = csub.add_parser(ACTIONS[Action.WATCH].cli_verb, help="关注案件（我关注的）；--off 取消关注")
    w.add_argument("number", help="案件编号，如 2026-000123")
    w.add_argument("--off", action="store_true", help="取消关注")
    w.set_defaults(handler=_watch)


def _watch(args: argparse.Namespace) -> int:
    db = database(args)
    with db.session() as s:
        case_id = find_case(s, args.number).id
    CaseService(db, acting_login(args, db)).set_watch(case_id, not args.off)
    print(f"{args.number} {'已取消关注' if args.off else '已关注'}")
    return 0


def _report(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        source = Source.from_text(args.source)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    data = ReportInput(
        grid=args.grid,
        category=args.category,
        summary=args.summary,
        description=args.description,
        address=args.address,
        source=source,  # type: ignore[arg-type]
        reporter_name=args.reporter_name,
        reporter_phone=args.reporter_phone,
        urgent=args.urgent,
        self_handled=bool(args.self_handled),
        self_handled_action=args.self_handled or "",
        reported_at=parse_datetime(args.reported_at) if args.reported_at else None,
        recurrence_of=args.recurrence_of,
    )
    ref = CaseService(db, acting_login(args, db)).report(data)
    _print_ref(args, ref.number, ref.status.label, ref.version)
    return 0


def _print_ref(args: argparse.Namespace, number: str, status: str, version: int) -> None:
    if args.json:
        print_json({"number": number, "status": status, "version": version})
    else:
        print(f"{number} → {status}")


def _department(db: Database, text: str) -> int:
    with db.session() as s:
        dep = s.scalar(select(Department).where((Department.name == text) | (Department.code == text)))
        if dep is None:
            raise ValidationError(f"未知的部门：{text}")
        return dep.id


def _person(db: Database, text: str) -> int:
    with db.session() as s:
        people = s.scalars(select(Person).where(Person.name == text, Person.active.is_(True))).all()
        if not people:
            raise ValidationError(f"未知的人员：{text}")
        if len(people) > 1:
            raise ValidationError(f"有 {len(people)} 位同名人员“{text}”，请在控制台中选择")
        return people[0].id


def _choice(parse: Any, text: str) -> Any:
    try:
        return parse(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def _command(db: Database, args: argparse.Namespace) -> Command:
    """The typed command of the subcommand, built from its flags (the same the dialog builds)."""
    name: str = args.cli_action
    note = getattr(args, "note", "") or ""
    if name == "accept":
        return Accept(note)
    if name == "reject":
        return Reject(args.reason)
    if name == "merge":
        return Merge(args.into, note)
    if name == "dispatch":
        return Dispatch(
            lead_department_id=_department(db, args.lead) if args.lead else None,
            co_department_ids=tuple(_department(db, c) for c in args.co),
            responsible_person_id=_person(db, args.person) if args.person else None,
            due_at=parse_datetime(args.due) if args.due else None,
            due_reason=args.due_reason, instructions=args.instructions, note=note,
        )  # fmt: skip
    if name == "sign":
        return Sign(note)
    if name == "progress":
        return Progress(note, Visibility.PUBLIC if args.public else Visibility.INTERNAL)
    if name == "feedback":
        return Feedback(args.result, note)
    if name == "return":
        return Return(args.reason)
    if name == "verify":
        if bool(args.passed) == bool(args.failed):
            raise ValidationError("请用 --pass 或 --fail 指明核查结果（二选一）")
        return Verify(bool(args.passed), args.reason, note, parse_datetime(args.due) if args.due else None)
    if name == "close":
        return Close(_choice(CloseType.from_text, args.type), args.reason)
    if name == "callback":
        return Callback(_choice(Satisfaction.from_text, args.satisfaction), args.comment)
    if name == "extend":
        return RequestExtension(args.reason, parse_datetime(args.to))
    if name == "decide-extension":
        if args.approve == args.deny:
            raise ValidationError("请用 --approve 或 --deny 指明是否同意延期（二选一）")
        return DecideExtension(bool(args.approve), note)
    if name == "escalate":
        return Escalate(note)
    if name == "county-return":
        return CountyReturn(args.answer)
    if name == "long-term":
        return LongTerm(args.measures, tuple(args.milestone), parse_date(args.review), note)
    if name == "resume":
        return Resume(note)
    if name == "reopen":
        return Reopen(args.reason, parse_datetime(args.due) if args.due else None)
    if name == "supervise":
        level = _choice(SuperviseLevel.from_text, args.level) if args.level else None
        return Supervise(args.chased, note, level)
    if name == "claim":
        return Claim()
    if name == "release":
        return Release()
    if name == "propose-meeting":
        return ProposeMeeting(args.reason)
    if name == "hand-back":
        return HandBack(note)
    if name == "regrid":
        return Regrid(args.to, args.reason)
    if name == "attach":
        path = Path(args.file)
        if not path.is_file():
            raise ValidationError(f"找不到文件：{path}")
        import mimetypes

        return Attach(path.name, path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                      note)  # fmt: skip
    raise ValidationError(f"未知的操作：{name}")


def _act(args: argparse.Namespace) -> int:
    db = database(args)
    command = _command(db, args)
    with db.session() as s:
        case = find_case(s, args.number)
        case_id, version = case.id, case.version
    expected = args.expect_version if args.expect_version is not None else version
    ref = CaseService(db, acting_login(args, db)).act(case_id, command, expected)
    _print_ref(args, ref.number, ref.status.label, ref.version)
    return 0


def _show(args: argparse.Namespace) -> int:
    db = database(args)
    acting_login(args, db)
    with db.session() as s:
        d = case_detail(s, args.number)
        note = deadline_note(s, d.id)
    if args.json:
        print_json(d)
        return 0
    due = f"{d.stage_due_at:%Y-%m-%d %H:%M}" if d.stage_due_at else "—"
    lines = [
        f"案件 {d.number}（版本 {d.version}）  {d.status.label}  [{d.light.label}]  阶段时限 {due}",
        f"网格：{d.grid_path}（{d.grid_code}）",
        f"类别：{d.category_name}  等级：{d.severity.label}  来源：{d.source.label}"
        + ("  紧急" if d.urgent else ""),
        f"摘要：{d.summary}",
    ]
    if d.description:
        lines.append(f"描述：{d.description}")
    if d.address:
        lines.append(f"地址：{d.address}")
    if d.lead_department:
        co = "、".join(d.co_departments) or "无"
        lines.append(f"牵头部门：{d.lead_department}  配合部门：{co}  责任人：{d.responsible_person or '—'}")
    if d.dispatched_at:  # when the department signed for it: the dispatcher's question
        signed = f"{d.signed_at:%Y-%m-%d %H:%M}" if d.signed_at else "尚未签收"
        lines.append(f"派遣：{d.dispatched_at:%Y-%m-%d %H:%M}  签收：{signed}")
    if d.due_at:
        lines.append(f"办结时限：{d.due_at:%Y-%m-%d %H:%M}")
    lines.extend(f"注意：{n}" for n in note.calendar_notices)  # the calendar of a year is not the official one
    if d.close_type:
        lines.append(f"结案类型：{d.close_type.label}  {d.close_reason}")
    if d.satisfaction:
        lines.append(f"满意度：{d.satisfaction.label}")
    for r in d.related:
        lines.append(f"相关案件：{r.number}（{r.relation}，{r.status.label}）{r.summary}")
    lines.append("历史：")
    for h in d.history:
        frm = h.from_status.label if h.from_status else "—"
        on_time = "" if h.stage_on_time is None else ("（按时）" if h.stage_on_time else "（超时）")
        lines.append(f"  {h.at:%Y-%m-%d %H:%M:%S}  {h.actor}  {h.action_label}{on_time}  {frm} → {h.to_status.label}"
                     + (f"  {h.note}" if h.note else ""))  # fmt: skip
    if note.explanation:
        lines.append("时限计算：")
        lines.extend(f"  {line}" for line in note.explanation.splitlines())
    print("\n".join(lines))
    return 0
