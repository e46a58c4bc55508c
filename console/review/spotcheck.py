"""Random spot checks (随机抽查) of closed cases: a seeded, reproducible sample and what each check found.

The population is the cases closed in the period and still closed, narrowed by grid subtree, department or
category, in case-id order; `random.Random(seed)` draws from it, so the same seed over the same records draws
the same cases, and the seed is kept with the sample. A case found not fixed is reopened for rework through the
workflow (`CaseService.act` with `Reopen`), in its own history row; the outcomes feed 抽查合格率 and the
satisfied-but-failed monitor.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.db import Database
from console.domain import CLOSED_STATUSES
from console.errors import NotFound, ValidationError
from console.grid_codes import subtree_prefix
from console.i18n import QT_TRANSLATE_NOOP, Message, join
from console.models import Case, CaseHistory, SpotCheck, SpotCheckItem
from console.review.periods import Period
from console.security.enforce import require
from console.workflow.commands import Reopen, text_problem
from console.workflow.service import CaseService

CONFIRMED, NOT_FIXED, DISAGREES = "confirmed", "not_fixed", "callback_disagrees"
OUTCOME_LABELS = {CONFIRMED: "确认已解决", NOT_FIXED: "未解决（返工）", DISAGREES: "群众不认可回访结果"}


@dataclass(frozen=True)
class Criteria:
    grid_code: str | None = None
    department_id: int | None = None
    category_id: int | None = None
    size: int | None = None  # how many cases
    rate: float | None = None  # or what share of the population (rounded up)

    def problems(self) -> list[str]:
        if (self.size is None) == (self.rate is None):
            return [QT_TRANSLATE_NOOP("review", "请指定抽查数量或抽查比例（二者选一）")]
        if self.size is not None and self.size < 1:
            return [QT_TRANSLATE_NOOP("review", "抽查数量须至少为 1")]
        if self.rate is not None and not 0 < self.rate <= 1:
            return [QT_TRANSLATE_NOOP("review", "抽查比例须在 0 到 100% 之间")]
        return []


def population(session: Session, period: Period, c: Criteria) -> list[int]:
    """Cases closed in the period and still closed, matching the criteria, by id."""
    closed_in = select(CaseHistory.case_id).where(
        CaseHistory.action == "close", CaseHistory.at >= period.start_at, CaseHistory.at < period.end_at
    )
    q = select(Case.id).where(Case.id.in_(closed_in), Case.status.in_([s.value for s in CLOSED_STATUSES]))
    if c.grid_code:
        q = q.where(Case.grid_code.like(subtree_prefix(c.grid_code) + "%"))
    if c.department_id:
        q = q.where(Case.lead_department_id == c.department_id)
    if c.category_id:
        q = q.where(Case.category_id == c.category_id)
    return list(session.scalars(q.order_by(Case.id)))


def sample(ids: list[int], c: Criteria, seed: int) -> list[int]:
    """The seeded sample of `ids` (order of drawing kept: it is the check sheet's order)."""
    k = c.size if c.size is not None else math.ceil(len(ids) * (c.rate or 0))
    return random.Random(seed).sample(ids, min(k, len(ids)))


def draw(session: Session, period: Period, c: Criteria, seed: int, actor: str, now: datetime) -> SpotCheck:
    require(session, actor, "spot_check")
    problems = c.problems()
    if problems:
        raise ValidationError(join(problems))
    ids = population(session, period, c)
    if not ids:
        raise ValidationError(
            Message(QT_TRANSLATE_NOOP("review", "%1没有符合条件的已结案件，未抽取任何案件：请放宽网格、部门或类别条件"), period.label)
        )
    chosen = sample(ids, c, seed)
    check = SpotCheck(period_key=period.key, seed=seed, created_at=now, created_by=actor,
                      criteria=json.dumps(c.__dict__, ensure_ascii=False, sort_keys=True))  # fmt: skip
    session.add(check)
    session.flush()
    session.add_all(
        SpotCheckItem(check_id=check.id, case_id=cid, position=i + 1, note="") for i, cid in enumerate(chosen)
    )
    session.flush()
    return check


def record(db: Database, item_id: int, outcome: str, note: str, actor: str, now: datetime) -> SpotCheckItem:
    """Record what the check found; "not fixed" first reopens the case for rework through the workflow (so a
    refusal there leaves the sheet unrecorded)."""
    if outcome not in OUTCOME_LABELS:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("review", "抽查结果“%1”无效：可选 确认已解决、未解决、群众不认可"), outcome))
    problem = text_problem(note, QT_TRANSLATE_NOOP("review", "抽查情况说明"), required=outcome != CONFIRMED)
    if problem:
        raise ValidationError(problem)
    with db.session() as s:
        require(s, actor, "spot_check")
        item = s.get(SpotCheckItem, item_id)
        if item is None:
            raise NotFound(Message(QT_TRANSLATE_NOOP("review", "抽查记录不存在（id=%1）"), item_id))
        if item.outcome is not None:
            raise ValidationError(
                Message(QT_TRANSLATE_NOOP("review", "该案件的抽查结果已于 %1 记录为“%2”"), format(item.checked_at, "%Y-%m-%d"), OUTCOME_LABELS[item.outcome])
            )
        case_id = item.case_id
    if outcome == NOT_FIXED:
        svc = CaseService(db, actor)
        ref = svc.ref_of(case_id)
        svc.act(case_id, Reopen(reason=f"随机抽查未通过：{note.strip()}"), ref.version)
    with db.write_session() as s:
        item = s.get(SpotCheckItem, item_id)
        assert item is not None
        item.outcome, item.note, item.checked_at, item.checked_by = outcome, note.strip(), now, actor
        s.flush()
        s.expunge(item)
        return item


def check_items(session: Session, check_id: int) -> list[SpotCheckItem]:
    return list(session.scalars(select(SpotCheckItem).where(SpotCheckItem.check_id == check_id)
                                .order_by(SpotCheckItem.position)))  # fmt: skip


@dataclass(frozen=True)
class SheetRow:
    """One line of a check sheet, as the view shows it (plain data: no ORM object crosses threads)."""

    item_id: int
    position: int
    case_id: int
    case_number: str
    outcome: str | None
    note: str
    checked_by: str | None

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome or "", "待检查")


def sheet(session: Session, check_id: int) -> list[SheetRow]:
    """A sample's check sheet in drawing order, with each case's number."""
    rows = session.execute(
        select(SpotCheckItem, Case.number).join(Case, Case.id == SpotCheckItem.case_id)
        .where(SpotCheckItem.check_id == check_id).order_by(SpotCheckItem.position)
    ).all()  # fmt: skip
    return [
        SheetRow(i.id, i.position, i.case_id, number, i.outcome, i.note, i.checked_by) for i, number in rows
    ]


@dataclass(frozen=True)
class SampleInfo:
    id: int
    seed: int
    created_at: datetime
    created_by: str
    size: int


def samples_of(session: Session, period: Period) -> list[SampleInfo]:
    """The samples drawn for a period, newest first, with their size."""
    rows = session.execute(
        select(SpotCheck, func.count(SpotCheckItem.id)).outerjoin(SpotCheckItem, SpotCheckItem.check_id == SpotCheck.id)
        .where(SpotCheck.period_key == period.key).group_by(SpotCheck.id).order_by(SpotCheck.id.desc())
    ).all()  # fmt: skip
    return [SampleInfo(c.id, c.seed, c.created_at, c.created_by, int(n)) for c, n in rows]
