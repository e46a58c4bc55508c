"""Stock phrases (常用语) per workflow action, shared by every seat through the `setting` table.

Each action keeps its own list under the key `phrases.<action>` as a JSON list of strings; an action without a
stored list uses the defaults below. They are reference data: the posts that may `reference_edit` (系统管理员,
`console.security.posts.ADMIN_RULES`) change or reset them, from 基础设置 or a dialog's 常用语 menu, with an audit
row; on PostgreSQL the `setting` table's trigger allows the same posts (`console.security.pg_sql`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import PermissionDenied, ValidationError
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Setting
from console.setup.common import check_editor, record
from console.workflow import machine

MAX_PHRASES = 50
MAX_PHRASE_LENGTH = 200

DEFAULT_PHRASES: dict[str, tuple[str, ...]] = {
    "report": ("网格员日常巡查发现", "群众来电反映"),
    "accept": ("情况属实，予以受理", "属本中心受理范围，立案办理"),
    "reject": (
        "不属于网格化管理事项，已告知反映人向相关部门反映",
        "反映内容不具体，无法核实",
        "经核实，反映情况不属实",
    ),
    "merge": ("与已登记案件反映同一问题，合并办理",),
    "dispatch": (
        "请于时限内处置完毕并反馈结果，附处置前后照片",
        "请牵头部门会同配合部门联合处置",
        "请立即到场处置，注意人员安全",
    ),
    "sign": ("已签收，立即安排人员处置",),
    "progress": ("已到现场核实，正在协调处置", "已约谈当事人，责令限期整改", "正在等待相关单位配合"),
    "feedback": ("已处置完毕，现场恢复正常", "已督促当事人整改到位"),
    "return": ("不属于本部门职责范围，请重新派遣", "派遣信息不全，请补充后重新派遣"),
    "verify": ("经现场核查，问题已解决", "经现场核查，问题未解决，需重新处理"),
    "close": ("问题已解决，予以结案",),
    "callback": ("群众对处置结果表示满意", "群众认为处置及时，表示感谢"),
    "request_extension": ("涉及多部门协调，需延长办理时限", "受天气影响，无法按期完成"),
    "decide_extension": ("理由充分，同意延期", "理由不充分，请按原时限办结"),
    "escalate": ("超出乡镇处置权限，提请县级协调解决", "经每周会商研究，需县级部门协调"),
    "county_return": ("县级已明确责任部门，请乡镇配合落实",),
    "long_term": ("问题短期内无法解决，纳入台账持续跟踪",),
    "resume": ("条件已具备，恢复办理",),
    "supervise": ("已电话督促，要求当日反馈进展", "已下发督办单，限期办结"),
}


def phrase_key(action: str) -> str:
    if action != "report" and action not in machine.TRANSITIONS:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("phrases", "未知的操作：%1"), action))
    return f"phrases.{action}"


def get_phrases(session: Session, action: str) -> list[str]:
    """The action's stock phrases: the stored list, else the defaults (a damaged stored value too)."""
    row = session.get(Setting, phrase_key(action))
    return _phrases(action, row.value if row is not None else None)


def all_phrases(session: Session) -> dict[str, list[str]]:
    """Every action's stock phrases, read in one query (a dialog reads them as it opens)."""
    stored = dict(
        session.execute(select(Setting.key, Setting.value).where(Setting.key.like("phrases.%")))
        .tuples()
        .all()
    )
    return {action: _phrases(action, stored.get(phrase_key(action))) for action in DEFAULT_PHRASES}


def _phrases(action: str, stored: str | None) -> list[str]:
    if stored is not None:
        try:
            value = json.loads(stored)
        except ValueError:
            value = None
        if isinstance(value, list) and all(isinstance(x, str) for x in value):
            return list(value)
    return list(DEFAULT_PHRASES.get(action, ()))


def clean_phrases(phrases: Iterable[str]) -> list[str]:
    """Trimmed, without blanks and repeats; refuses lists too long and phrases too long to be a note."""
    out: list[str] = []
    for raw in phrases:
        text = " ".join(str(raw).split())
        if not text or text in out:
            continue
        if len(text) > MAX_PHRASE_LENGTH:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("phrases", "常用语过长（最多 %1 字）：%2…"), MAX_PHRASE_LENGTH, text[:20]))
        out.append(text)
    if len(out) > MAX_PHRASES:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("phrases", "常用语最多 %1 条，现 %2 条"), MAX_PHRASES, len(out)))
    return out


def may_edit_phrases(session: Session, login: str | None) -> bool:
    """Whether `login` may change the stock phrases (a dialog's 常用语 menu offers 编辑 only then)."""
    try:
        check_editor(session, login or "")
    except PermissionDenied:
        return False
    return True


def set_phrases(session: Session, action: str, phrases: Iterable[str], *, actor: str) -> list[str]:
    """Store the action's list (cleaned); returns what was stored."""
    key = phrase_key(action)
    login = check_editor(session, actor)
    cleaned = clean_phrases(phrases)
    record(session, login, f"常用语 {action}", f"修改常用语：{len(cleaned)} 条")
    value = json.dumps(cleaned, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    return cleaned


def reset_phrases(session: Session, action: str, *, actor: str) -> None:
    """Back to the defaults."""
    key = phrase_key(action)
    login = check_editor(session, actor)
    record(session, login, f"常用语 {action}", "恢复默认常用语")
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)
