"""Re-zoning (网格调整) carries the work: when grids are split, merged or retired, every open case goes on to a
grid in use — placed by hand or by an address rule, never guessed — and closed cases stay where they were filed.

Each open case moves through the workflow (`Regrid`, 移交网格): one history row (who, when, from grid → to grid,
why), the version, the live feed, the queue counts and PostgreSQL's history check, as any case change. A case
is placed by hand first (case number → grid), else by the rules (its address contains a keyword of exactly one
new grid), else goes to `Placement.rest` when one is named (a merge names its new grid); an address that fits
no rule, or the rules of two grids, leaves the case unplaced, and a change with an unplaced case is refused
before anything changes. `preview_*` answers the same planning without changing anything (the CLI's
`--preview`, the re-zoning dialog), so what the user confirms is what is done.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console import grids
from console.db import Database
from console.domain import OPEN_STATUSES, CaseStatus
from console.errors import ValidationError
from console.grid_codes import code_level, normalize_code, parent_code_of
from console.i18n import ITEMS, QT_TRANSLATE_NOOP, Message, join
from console.models import Case, CaseCount, Grid
from console.security.audit import AuditEvent, audit
from console.security.enforce import check_action, effective_login, require
from console.workflow.commands import Regrid
from console.workflow.service import CaseService


@dataclass(frozen=True)
class AddressRule:
    """Open cases whose address contains one of `keywords` go to the grid `grid_code`."""

    grid_code: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Placement:
    """Where the open cases go: by hand (case number → grid code) before the rules, and `rest` for every case
    neither places (None: those are unplaced)."""

    by_hand: Mapping[str, str] = field(default_factory=dict)
    rules: tuple[AddressRule, ...] = ()
    rest: str | None = None


@dataclass(frozen=True)
class ProposedMove:
    """One open case and where it would go (`to_code` None: nowhere yet), with the reason shown to the user."""

    case_id: int
    number: str
    status: CaseStatus
    summary: str
    address: str
    from_code: str
    from_name: str
    to_code: str | None
    basis: str

    @property
    def placed(self) -> bool:
        return self.to_code is not None


@dataclass(frozen=True)
class Plan:
    """The open cases of the grids being changed, each with its proposed grid; `targets` are the grids a case may
    go to (code, name): the new grids first, then the other grids in use."""

    moves: tuple[ProposedMove, ...]
    targets: tuple[tuple[str, str], ...]

    @property
    def unplaced(self) -> list[ProposedMove]:
        return [m for m in self.moves if not m.placed]

    @property
    def case_ids(self) -> list[int]:
        return [m.case_id for m in self.moves]

    def target_name(self, code: str) -> str:
        return dict(self.targets).get(code, code)

    def refusal(self) -> str | None:
        """Why the change may not go ahead yet (unplaced cases), or None."""
        left = self.unplaced
        if not left:
            return None
        return Message(
            QT_TRANSLATE_NOOP("rezoning", "还有%1件未办结案件没有去向（%2），网格未作改动：请按地址规则或逐件指定移入的网格"),
            len(left), grids.some_of([m.number for m in left]),
        )  # fmt: skip


# --- planning -----------------------------------------------------------------------------------------------


def _folded(text: str) -> str:
    """Addresses and keywords compared as typed: full-width and half-width alike, Latin letters in any case."""
    return unicodedata.normalize("NFKC", text or "").casefold().strip()


def _targets(session: Session, closing: Sequence[Grid], new: Mapping[str, str]) -> dict[str, str]:
    closing_ids = {g.id for g in closing}
    others = session.execute(select(Grid.id, Grid.code, Grid.name).where(Grid.active.is_(True)).order_by(Grid.code)).all()
    return {**new, **{code: name for gid, code, name in others if gid not in closing_ids and code not in new}}


def _check_target(code: str, targets: Mapping[str, str], closing: Sequence[Grid]) -> str:
    code = normalize_code(code)
    if code in targets:
        return code
    if code in {g.code for g in closing}:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("rezoning", "网格“%1”正在撤销，不能作为案件去向"), code))
    raise ValidationError(Message(QT_TRANSLATE_NOOP("rezoning", "去向网格“%1”不存在或已撤销：案件只能移入新网格或在用的网格"), code))


def plan_moves(
    session: Session, closing: Sequence[Grid], new: Mapping[str, str], placement: Placement | None
) -> Plan:
    """Where each open case of the `closing` grids goes under `placement`; `new` are the grids the change creates
    (code → name), the other targets are the grids in use. Refuses a placement that names an unknown grid or a
    case that is not an open case of these grids (a mistyped number is never ignored)."""
    placement = placement or Placement()
    targets = _targets(session, closing, new)
    names = {g.id: (g.code, g.name) for g in closing}
    cases: Sequence[Any] = []
    try:
        with session.begin_nested():  # on PostgreSQL a post without case access may not read cases at all
            cases = session.execute(
                select(Case.id, Case.number, Case.status, Case.summary, Case.address, Case.grid_id)
                .where(Case.grid_id.in_(list(names)), Case.status.in_(OPEN_STATUSES))
                .order_by(Case.number)
            ).all()
    except DBAPIError:
        cases = []  # the map change itself then refuses, by the counts every post may read (`grids`)
    by_hand = {n.strip(): _check_target(c, targets, closing) for n, c in placement.by_hand.items()}
    strangers = sorted(set(by_hand) - {c.number for c in cases})
    if strangers:
        raise ValidationError(Message(
            QT_TRANSLATE_NOOP("rezoning", "案件 %1 不是%2的未办结案件，不能在此指定去向"),
            join(strangers, ITEMS), join((f"“{g.name}”" for g in closing), ITEMS),
        ))  # fmt: skip
    rules: list[tuple[str, list[str]]] = []
    for rule in placement.rules:
        words = [w for w in (_folded(k) for k in rule.keywords) if w]
        code = _check_target(rule.grid_code, targets, closing)
        if not words:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("rezoning", "去向网格“%1”的地址规则没有关键词"), targets[code]))
        rules.append((code, words))
    rest = _check_target(placement.rest, targets, closing) if placement.rest else None
    moves = []
    for c in cases:
        from_code, from_name = names[c.grid_id]
        to, basis = _place(c.number, c.address, by_hand, rules, rest, targets)
        moves.append(ProposedMove(c.id, c.number, CaseStatus(c.status), c.summary, c.address or "", from_code,
                                  from_name, to, basis))  # fmt: skip
    return Plan(tuple(moves), tuple(targets.items()))


def _place(
    number: str,
    address: str,
    by_hand: Mapping[str, str],
    rules: Sequence[tuple[str, list[str]]],
    rest: str | None,
    targets: Mapping[str, str],
) -> tuple[str | None, str]:
    if number in by_hand:
        return by_hand[number], QT_TRANSLATE_NOOP("rezoning", "人工指定")
    folded = _folded(address)
    hits: dict[str, str] = {}
    for code, words in rules:
        word = next((w for w in words if w in folded), None)
        if word is not None:
            hits.setdefault(code, word)
    if len(hits) == 1:
        code, word = next(iter(hits.items()))
        return code, Message(QT_TRANSLATE_NOOP("rezoning", "地址含“%1”"), word)
    if len(hits) > 1:
        return None, Message(QT_TRANSLATE_NOOP("rezoning", "地址同时符合%1的规则，请人工指定"),
                             join((f"“{targets[c]}”" for c in hits), ITEMS))  # fmt: skip
    if rest is not None:
        return rest, QT_TRANSLATE_NOOP("rezoning", "其余案件")
    if not folded:
        return None, QT_TRANSLATE_NOOP("rezoning", "案件无地址，请人工指定")
    return None, QT_TRANSLATE_NOOP("rezoning", "地址不符合任何规则，请人工指定")


def preview_split(session: Session, code: str, parts: Sequence[grids.NewGrid], placement: Placement | None) -> Plan:
    """Where the open cases of `code` would go if it were split into `parts` (nothing changes)."""
    old = grids.check_split(session, code, parts)
    return plan_moves(session, [old], {p.code: p.name for p in parts}, placement)


def preview_merge(
    session: Session, codes: Sequence[str], into: grids.NewGrid, placement: Placement | None
) -> Plan:
    """Where the open cases of `codes` would go if they were merged into `into`: by default all to `into`."""
    olds = grids.check_merge(session, codes, into)
    return plan_moves(session, olds, {into.code: into.name}, _merge_placement(placement, into))


def preview_deactivate(session: Session, code: str, placement: Placement | None) -> Plan:
    """Where the open cases of `code` would go if it were retired (to other grids in use)."""
    return plan_moves(session, [grids.check_deactivate(session, code)], {}, placement)


def preview_rehome(session: Session, code: str, placement: Placement | None) -> Plan:
    """Where the open cases left on a retired grid would go (before re-zoning carried them, a split left them)."""
    return plan_moves(session, [_retired(session, code)], {}, placement)


def _merge_placement(placement: Placement | None, into: grids.NewGrid) -> Placement:
    placement = placement or Placement()
    if placement.rest is None:  # the merged grid is the one successor: what no hand or rule places goes there
        return Placement(placement.by_hand, placement.rules, into.code)
    return placement


def _retired(session: Session, code: str) -> Grid:
    grid = grids.get_grid(session, code)
    if grid.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("rezoning", "网格“%1”（%2）仍在使用：请用拆分、合并或撤销调整它"), grid.name, grid.code))
    return grid


# --- changing the map with its cases ------------------------------------------------------------------------


def split(
    session: Session, code: str, parts: Sequence[grids.NewGrid], placement: Placement | None, *, actor: str,
    note: str = "",
) -> tuple[list[Grid], Plan]:  # fmt: skip
    """Split `code` into `parts` and move its open cases as placed, in the caller's transaction; refuses (with
    nothing changed) while a case has no place."""
    login = _editor(session, actor)
    plan = _ready(session, preview_split(session, code, parts, placement), login)
    old_name = grids.get_grid(session, code).name
    created = grids.split_grid(session, code, parts, actor=login, note=note, carried=plan.case_ids)
    _carry(session, plan, login, f"网格拆分（{old_name}）", note)
    _record(session, login, code, f"拆分为{'、'.join(f'{g.name}（{g.code}）' for g in created)}", plan)
    return created, plan


def merge(
    session: Session, codes: Sequence[str], into: grids.NewGrid, placement: Placement | None = None, *,
    actor: str, note: str = "",
) -> tuple[Grid, Plan]:  # fmt: skip
    """Merge `codes` into `into`; their open cases go to the new grid unless placed otherwise."""
    login = _editor(session, actor)
    plan = _ready(session, preview_merge(session, codes, into, placement), login)
    new = grids.merge_grids(session, codes, into, actor=login, note=note, carried=plan.case_ids)
    _carry(session, plan, login, f"网格合并（并入{into.name}）", note)
    _record(session, login, "、".join(codes), f"合并为{new.name}（{new.code}）", plan)
    return new, plan


def deactivate(
    session: Session, code: str, placement: Placement | None, *, actor: str, note: str = ""
) -> tuple[Grid, Plan]:
    """Retire `code`; its open cases go to the grids in use they are placed on."""
    login = _editor(session, actor)
    plan = _ready(session, preview_deactivate(session, code, placement), login)
    grid = grids.deactivate_grid(session, code, actor=login, note=note, carried=plan.case_ids)
    _carry(session, plan, login, f"网格撤销（{grid.name}）", note)
    _record(session, login, code, "撤销", plan)
    return grid, plan


def rehome(session: Session, code: str, placement: Placement | None, *, actor: str, note: str = "") -> Plan:
    """Move the open cases a retired grid still holds to grids in use (the map is not changed, so moving the
    cases is all it asks: the center's posts)."""
    login = effective_login(session, actor)
    plan = _ready(session, preview_rehome(session, code, placement), login)
    _carry(session, plan, login, f"网格已撤销（{grids.get_grid(session, code).name}）", note)
    return plan


def create(session: Session, *, code: str, name: str, households: int = 0, actor: str, note: str = "") -> Grid:
    """A new grid under its parent (derived from the code), by someone who may change the map."""
    login = _editor(session, actor)
    grid = grids.create_grid(session, code=code, name=name, households=households, actor=login, note=note)
    audit(session, AuditEvent.REFERENCE_CHANGE, login=login, object=f"网格 {grid.code}", detail=f"新建：{grid.name}")
    return grid


def rename(session: Session, code: str, new_name: str, *, actor: str, note: str = "") -> Grid:
    """Rename in place (code and cases stay), by someone who may change the map."""
    login = _editor(session, actor)
    old = grids.get_grid(session, code).name
    grid = grids.rename_grid(session, code, new_name, actor=login, note=note)
    audit(session, AuditEvent.REFERENCE_CHANGE, login=login, object=f"网格 {code}", detail=f"更名：{old} → {grid.name}")
    return grid


def _editor(session: Session, actor: str) -> str:
    """The login acting (on PostgreSQL the connection's own), after checking it may change the grid map."""
    login = effective_login(session, actor)
    require(session, login, "grid_rezone")
    return login


def _ready(session: Session, plan: Plan, login: str) -> Plan:
    """Refuse before anything changes: an unplaced case, or a user whose posts may not move cases."""
    reason = plan.refusal()
    if reason:
        raise ValidationError(reason)
    if plan.moves:
        check_action(session, login, "regrid", None)
    return plan


def _record(session: Session, login: str, codes: str, what: str, plan: Plan) -> None:
    moved = f"，移交未办结案件{len(plan.moves)}件" if plan.moves else ""
    audit(session, AuditEvent.REFERENCE_CHANGE, login=login, object=f"网格 {codes}", detail=f"{what}{moved}")


def _carry(session: Session, plan: Plan, actor: str, why: str, note: str) -> None:
    """Each move through the workflow, in the caller's transaction (`CaseService.act_in`)."""
    if not plan.moves:
        return
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    svc = CaseService(Database(engine), actor)  # act_in opens no session of its own: the database is not used
    extra = f"；{note.strip()}" if note.strip() else ""
    for m in plan.moves:
        assert m.to_code is not None
        version = session.scalar(select(Case.version).where(Case.id == m.case_id))
        assert version is not None
        text = (f"{why}：{m.from_name}（{m.from_code}）→ {plan.target_name(m.to_code)}（{m.to_code}），"
                f"{m.basis}{extra}")  # fmt: skip
        svc.act_in(session, m.case_id, Regrid(m.to_code, text), version)


# --- codes for new grids ------------------------------------------------------------------------------------


def free_codes(session: Session, like: str, n: int) -> list[str]:
    """The first `n` unused codes beside the grid `like` (same parent, level and kind range), to propose for the
    grids of a split or merge."""
    level = code_level(like)
    parent = parent_code_of(like)
    if level == 1 or parent is None:
        return []
    prefix, width = (parent[:12], 3) if level == 3 else (parent[:9], 3)
    used = set(session.scalars(select(Grid.code).where(Grid.code.startswith(prefix))))
    special = level == 2 and grids.is_special_code(like)
    if level == 3:
        seqs = range(1, 1000)
    else:
        seqs = grids.SPECIAL_RANGE if special else range(1, 900)
    out = []
    for seq in seqs:
        code = prefix + f"{seq:0{width}d}" + ("" if level == 3 else "000")
        if code not in used:
            out.append(code)
            if len(out) == n:
                break
    return out


def open_case_count(session: Session, code: str) -> int:
    """How many open cases the grid holds (from `case_counts`, which every post may read)."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(CaseCount.n), 0))
            .where(CaseCount.grid_code == code, CaseCount.status.in_([s.value for s in OPEN_STATUSES]))
        ) or 0
    )  # fmt: skip


# --- what the grid page reads -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridEventRow:
    at: str
    change: str
    names: str
    actor: str
    note: str


@dataclass(frozen=True)
class GridInfo:
    """One grid as the 基础设置 page shows it: where it sits, its open cases, and its lineage."""

    code: str
    name: str
    level: int
    kind: str
    households: int
    active: bool
    parent: str
    open_cases: int
    predecessors: tuple[tuple[str, str], ...]
    successors: tuple[tuple[str, str], ...]
    events: tuple[GridEventRow, ...]


def grid_info(session: Session, code: str) -> GridInfo:
    from console.models import GridEvent  # noqa: PLC0415 - only this read needs the event rows

    g = grids.get_grid(session, code)
    parent = session.get(Grid, g.parent_id) if g.parent_id else None
    lin = grids.lineage(session, g.id)
    events = session.scalars(
        select(GridEvent).where((GridEvent.grid_id == g.id) | (GridEvent.related_grid_id == g.id))
        .order_by(GridEvent.at, GridEvent.id)
    ).all()  # fmt: skip
    return GridInfo(
        g.code, g.name, g.level, g.kind.label, g.households, g.active,
        f"{parent.name}（{parent.code}）" if parent else "", open_case_count(session, g.code),
        tuple((x.code, x.name) for x in lin.predecessors), tuple((x.code, x.name) for x in lin.successors),
        tuple(GridEventRow(f"{e.at:%Y-%m-%d %H:%M}", e.change.label, " → ".join(n for n in (e.old_name, e.new_name) if n),
                           e.actor, e.note) for e in events),
    )  # fmt: skip


def merge_candidates(session: Session, code: str) -> list[tuple[str, str]]:
    """The grids `code` may be merged with: in use, of the same parent, level and kind, with no grids under them."""
    g = grids.get_grid(session, code)
    rows = session.scalars(
        select(Grid).where(Grid.parent_id == g.parent_id, Grid.level == g.level, Grid.kind == g.kind,
                           Grid.active.is_(True), Grid.id != g.id).order_by(Grid.code)
    ).all()  # fmt: skip
    with_children = set(session.scalars(select(Grid.parent_id).where(Grid.active.is_(True), Grid.parent_id.is_not(None))))
    return [(x.code, x.name) for x in rows if x.id not in with_children]
