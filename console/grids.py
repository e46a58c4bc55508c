"""Grid-tree services: codes, creating grids, and changing the map (rename, split, merge, deactivate).

Codes are 15 digits: county(6) + township(3) + village/community(3) + grid(3), `000` for the upper levels,
so a grid's subtree is a code prefix (`subtree_prefix`). Enterprise and special grids (企业网格/专属网格) take
the reserved village range 900-999.

The map changes without rewriting history: a grid is never deleted and never gets a new code. A rename keeps
the row (the `GridEvent` keeps the old name); a split or merge deactivates the old grids (`active=False`,
`valid_to`) and creates new ones, linked by `GridEvent` rows (grid_id = old, related_grid_id = new). Closed cases
keep the grid they were filed under; `lineage` follows the links so statistics can be continuous. Open cases
are the township's work and must not stay on a closed grid: a split, merge or retirement is refused unless the
caller moves each of them in the same transaction (`console.rezoning`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console import clock
from console.domain import OPEN_STATUSES, GridChange, GridKind
from console.errors import NotFound, ValidationError
from console.grid_codes import code_level, parent_code_of, subtree_prefix
from console.i18n import ITEMS, QT_TRANSLATE_NOOP, Message, join
from console.models import Case, CaseCount, Grid, GridEvent

CODE_LENGTH = 15
SPECIAL_RANGE = range(900, 1000)  # village/community numbers reserved for enterprise and special grids
_DIGITS = re.compile(r"^\d{15}$")


# --- codes --------------------------------------------------------------------------------------------------


def is_special_code(code: str) -> bool:
    return code_level(code) > 1 and int(code[9:12]) in SPECIAL_RANGE


def validate_code(
    code: str,
    *,
    level: int | None = None,
    parent_code: str | None = None,
    kind: GridKind | None = None,
) -> int:
    """Check a grid code on its own and against its level, parent and kind; return the level.

    Raises `ValidationError` with a message fit to show (the import reports it per row).
    """
    if not _DIGITS.match(code or ""):
        raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”无效：应为15位数字（区县6位+乡镇3位+村社区3位+网格3位）"), code))
    if code[6:9] == "000":
        raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”无效：乡镇/街道段（第7-9位）不能为000"), code))
    implied = code_level(code)
    if level is not None and level != implied:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”与层级不符：%2级网格的编码应为%3"), code, level, _level_pattern(level)))
    if implied == 1:
        if parent_code:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "一级网格“%1”不能有上级网格"), code))
    else:
        expected_parent = parent_code_of(code)
        if parent_code is not None and parent_code != expected_parent:
            raise ValidationError(
                Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”未延续上级网格编码“%2”（应以%3开头）"), code, parent_code, subtree_prefix(parent_code))
                if len(parent_code) == CODE_LENGTH and parent_code.isdigit()
                else Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”的上级编码“%2”无效"), code, parent_code)
            )
    if kind is not None and implied == 2:  # a level-3 code inherits its village segment from the parent
        special = int(code[9:12]) in SPECIAL_RANGE
        if kind is GridKind.REGULAR and special:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”：村/社区段900-999保留给企业网格和专属网格"), code))
        if kind is not GridKind.REGULAR and not special:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "%1“%2”的村/社区段应在900-999之间"), kind.label, code))
    return implied


def _level_pattern(level: int) -> str:
    return {1: "末6位为000000", 2: "末3位为000、第10-12位不为000", 3: "末3位不为000"}.get(level, "1-3级")


def pinyin_initials(name: str) -> str:
    """Lower-case pinyin initials for searching by keyboard: 三官庙 → "sgm". Digits and Latin letters kept."""
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(ch for ch in "".join(letters).lower() if ch.isascii() and ch.isalnum())[:80]


# --- reading ------------------------------------------------------------------------------------------------


def get_grid(session: Session, code: str) -> Grid:
    grid = session.scalar(select(Grid).where(Grid.code == code))
    if grid is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”不存在"), code))
    return grid


def search_grids(session: Session, text: str, *, active_only: bool = False, limit: int = 50) -> list[Grid]:
    """Grids whose code starts with, or name or pinyin initials contain, `text` (case-insensitive)."""
    text = text.strip()
    stmt = select(Grid)
    if text:
        low = text.lower()
        stmt = stmt.where(
            or_(
                Grid.code.startswith(text, autoescape=True),
                Grid.name.contains(text, autoescape=True),
                Grid.pinyin_initials.contains(low, autoescape=True),
            )
        )
    if active_only:
        stmt = stmt.where(Grid.active.is_(True))
    return list(session.scalars(stmt.order_by(Grid.code).limit(limit)))


def list_grids(session: Session, *, under: str | None = None, active_only: bool = False) -> list[Grid]:
    """All grids in code order, optionally the subtree under a code."""
    stmt = select(Grid)
    if under:
        stmt = stmt.where(Grid.code.startswith(subtree_prefix(under)))
    if active_only:
        stmt = stmt.where(Grid.active.is_(True))
    return list(session.scalars(stmt.order_by(Grid.code)))


@dataclass
class Lineage:
    """Grids this grid came from (split/merge predecessors) and grids it became, transitively."""

    grid: Grid
    predecessors: list[Grid] = field(default_factory=list)
    successors: list[Grid] = field(default_factory=list)

    @property
    def all_ids(self) -> set[int]:
        """The grid and everything linked to it: count cases over these for a continuous series."""
        return {self.grid.id, *(g.id for g in self.predecessors), *(g.id for g in self.successors)}


_LINKING = (GridChange.SPLIT, GridChange.MERGE)


def lineage(session: Session, grid_id: int) -> Lineage:
    grid = session.get(Grid, grid_id)
    if grid is None:
        raise NotFound(Message(QT_TRANSLATE_NOOP("grids", "网格（id=%1）不存在"), grid_id))
    events = session.execute(
        select(GridEvent.grid_id, GridEvent.related_grid_id).where(
            GridEvent.change.in_(_LINKING), GridEvent.related_grid_id.is_not(None)
        )
    ).all()
    forward: dict[int, set[int]] = {}
    backward: dict[int, set[int]] = {}
    for old, new in events:
        forward.setdefault(old, set()).add(new)
        backward.setdefault(new, set()).add(old)

    def walk(start: int, links: dict[int, set[int]]) -> list[int]:
        seen: list[int] = []
        todo = list(links.get(start, ()))
        while todo:
            gid = todo.pop()
            if gid in seen or gid == start:
                continue
            seen.append(gid)
            todo.extend(links.get(gid, ()))
        return seen

    def load(ids: list[int]) -> list[Grid]:
        if not ids:
            return []
        return list(session.scalars(select(Grid).where(Grid.id.in_(ids)).order_by(Grid.code)))

    return Lineage(grid, load(walk(grid_id, backward)), load(walk(grid_id, forward)))


def name_at(session: Session, grid: Grid, when: datetime) -> str:
    """The name the grid carried at `when` (renames are events, the row holds the current name)."""
    later = session.scalar(
        select(GridEvent.old_name)
        .where(GridEvent.grid_id == grid.id, GridEvent.change == GridChange.RENAME, GridEvent.at > when)
        .order_by(GridEvent.at, GridEvent.id)
        .limit(1)
    )
    return later or grid.name


# --- changing the map ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewGrid:
    """A grid to create in a split or merge."""

    code: str
    name: str
    households: int = 0


def _event(
    session: Session,
    grid: Grid,
    change: GridChange,
    *,
    actor: str,
    at: datetime,
    related: Grid | None = None,
    old_name: str | None = None,
    new_name: str | None = None,
    note: str = "",
) -> None:
    session.add(
        GridEvent(
            grid_id=grid.id,
            change=change,
            related_grid_id=related.id if related else None,
            old_name=old_name,
            new_name=new_name,
            at=at,
            actor=actor,
            note=note,
        )
    )


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError(QT_TRANSLATE_NOOP("grids", "网格名称不能为空"))
    if len(name) > 80:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格名称“%1…”过长（最多80字）"), name[:20]))
    return name


def create_grid(
    session: Session,
    *,
    code: str,
    name: str,
    parent_code: str | None = None,
    level: int | None = None,
    kind: GridKind = GridKind.REGULAR,
    households: int = 0,
    actor: str,
    note: str = "",
    valid_from: date | None = None,
) -> Grid:
    """Create a grid under its parent (derived from the code when not given) and record the event."""
    name = _check_name(name)
    implied_parent = parent_code_of(code) if _DIGITS.match(code or "") else None
    level = validate_code(code, level=level, parent_code=parent_code or implied_parent, kind=kind)
    if session.scalar(select(func.count()).select_from(Grid).where(Grid.code == code)):
        raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”已存在"), code))
    parent: Grid | None = None
    if level > 1:
        assert implied_parent is not None
        parent = session.scalar(select(Grid).where(Grid.code == implied_parent))
        if parent is None:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "上级网格“%1”不存在"), implied_parent))
        if not parent.active:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "上级网格“%1”（%2）已撤销，不能在其下新建网格"), parent.name, parent.code))
        if kind is GridKind.REGULAR and parent.kind is not GridKind.REGULAR:
            kind = parent.kind  # the cells of an enterprise grid are enterprise grids too
    if households < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("grids", "户数不能为负数"))
    now = clock.now()
    grid = Grid(
        code=code,
        name=name,
        level=level,
        parent_id=parent.id if parent else None,
        kind=kind,
        households=households,
        active=True,
        pinyin_initials=pinyin_initials(name),
        valid_from=valid_from or now.date(),
    )
    session.add(grid)
    session.flush()
    _event(session, grid, GridChange.CREATE, actor=actor, at=now, new_name=name, note=note)
    return grid


def rename_grid(session: Session, code: str, new_name: str, *, actor: str, note: str = "") -> Grid:
    """Rename in place: code, id and cases stay; the event keeps the old name (`name_at`)."""
    grid = get_grid(session, code)
    new_name = _check_name(new_name)
    if new_name == grid.name:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格“%1”的新名称与原名称相同"), grid.name))
    old = grid.name
    grid.name = new_name
    grid.pinyin_initials = pinyin_initials(new_name)
    _event(
        session,
        grid,
        GridChange.RENAME,
        actor=actor,
        at=clock.now(),
        old_name=old,
        new_name=new_name,
        note=note,
    )
    session.flush()
    return grid


def _require_changeable(session: Session, grid: Grid) -> None:
    if not grid.active:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格“%1”（%2）已撤销"), grid.name, grid.code))
    if grid.level == 1:
        raise ValidationError(QT_TRANSLATE_NOOP("grids", "一级网格（乡镇/街道）不能拆分、合并或撤销"))
    live_children = session.scalar(
        select(func.count()).select_from(Grid).where(Grid.parent_id == grid.id, Grid.active.is_(True))
    )
    if live_children:
        raise ValidationError(
            Message(QT_TRANSLATE_NOOP("grids", "网格“%1”下仍有%2个在用的下级网格，请先调整下级网格（下级编码须延续上级编码）"), grid.name, live_children)
        )


def _require_cases_placed(session: Session, grids: Sequence[Grid], carried: Collection[int]) -> None:
    """A grid is closed only with its open cases placed: refuse if any is not among those the caller moves.

    The count comes from `case_counts`, which every post may read: a session that does not see the cases (a
    系统管理员's) is refused too, instead of closing grids over cases it cannot see."""
    codes = [g.code for g in grids]
    total = session.scalar(
        select(func.coalesce(func.sum(CaseCount.n), 0))
        .where(CaseCount.grid_code.in_(codes), CaseCount.status.in_([s.value for s in OPEN_STATUSES]))
    )  # fmt: skip
    left: Sequence[str] = []
    try:
        with session.begin_nested():  # on PostgreSQL a post without case access may not read cases at all
            left = session.scalars(
                select(Case.number)
                .where(Case.grid_id.in_([g.id for g in grids]), Case.status.in_(OPEN_STATUSES),
                       Case.id.not_in(list(carried)))
                .order_by(Case.number)
            ).all()  # fmt: skip
    except DBAPIError:
        left = []
    missing = max(len(left), int(total or 0) - len(carried))
    names = join((f"“{g.name}”" for g in grids), ITEMS)
    if left:
        raise ValidationError(Message(
            QT_TRANSLATE_NOOP("grids", "%1尚有%2件未办结案件（%3）没有去向，网格未作改动：请按地址规则或逐件指定每件案件移入的网格"),
            names, missing, some_of(left),
        ))  # fmt: skip
    if missing > 0:
        raise ValidationError(Message(
            QT_TRANSLATE_NOOP("grids", "%1尚有%2件未办结案件，您的岗位看不到这些案件：须由中心主任调整网格并指明每件案件的去向，网格未作改动"),
            names, missing,
        ))  # fmt: skip


def some_of(numbers: Sequence[str], shown: int = 5) -> str:
    """The first few case numbers of a refusal, and “等” when there are more."""
    listed = join(numbers[:shown], ITEMS)
    return Message(QT_TRANSLATE_NOOP("grids", "%1等"), listed) if len(numbers) > shown else listed


def _close(grid: Grid, today: date) -> None:
    grid.active = False
    grid.valid_to = today


def check_split(session: Session, code: str, parts: Sequence[NewGrid]) -> Grid:
    """Refuse a split before anything changes (the preview asks the same); return the grid to split."""
    old = get_grid(session, code)
    _require_changeable(session, old)
    if len(parts) < 2:
        raise ValidationError(QT_TRANSLATE_NOOP("grids", "拆分至少要产生2个新网格"))
    _check_distinct(p.code for p in parts)
    parent = session.get(Grid, old.parent_id) if old.parent_id else None
    _precheck(session, parts, parent, old.level, old.kind)
    return old


def split_grid(
    session: Session,
    code: str,
    parts: Sequence[NewGrid],
    *,
    actor: str,
    note: str = "",
    carried: Collection[int] = (),
) -> list[Grid]:
    """Split one grid into new grids under the same parent; the old grid is deactivated and keeps its closed
    cases. Its open cases must go somewhere: `carried` are the ids of those the caller moves in this transaction
    (`console.rezoning.split` does), and any other open case refuses the split."""
    old = check_split(session, code, parts)
    _require_cases_placed(session, [old], carried)
    parent = session.get(Grid, old.parent_id) if old.parent_id else None
    now = clock.now()
    _close(old, now.date())
    created = []
    for part in parts:
        new = create_grid(
            session,
            code=part.code,
            name=part.name,
            parent_code=parent.code if parent else None,
            level=old.level,
            kind=old.kind,
            households=part.households,
            actor=actor,
            note=f"由“{old.name}”（{old.code}）拆分",
        )
        _event(
            session,
            old,
            GridChange.SPLIT,
            actor=actor,
            at=now,
            related=new,
            old_name=old.name,
            new_name=new.name,
            note=note,
        )
        created.append(new)
    session.flush()
    return created


def check_merge(session: Session, codes: Sequence[str], into: NewGrid) -> list[Grid]:
    """Refuse a merge before anything changes (the preview asks the same); return the grids to merge."""
    if len(codes) < 2:
        raise ValidationError(QT_TRANSLATE_NOOP("grids", "合并至少需要2个网格"))
    _check_distinct(codes)
    olds = [get_grid(session, c) for c in codes]
    for g in olds:
        _require_changeable(session, g)
    if len({(g.parent_id, g.level) for g in olds}) != 1:
        raise ValidationError(QT_TRANSLATE_NOOP("grids", "只能合并同一上级网格下的同级网格"))
    if len({g.kind for g in olds}) != 1:
        raise ValidationError(QT_TRANSLATE_NOOP("grids", "常规网格与企业/专属网格不能合并"))
    parent = session.get(Grid, olds[0].parent_id) if olds[0].parent_id else None
    _precheck(session, [into], parent, olds[0].level, olds[0].kind)
    return olds


def merge_grids(
    session: Session,
    codes: Sequence[str],
    into: NewGrid,
    *,
    actor: str,
    note: str = "",
    carried: Collection[int] = (),
) -> Grid:
    """Merge several grids of one parent into a new grid; the old ones are deactivated and keep their closed
    cases (open ones: `carried`, as in `split_grid`).

    `into.households` 0 means the sum of the merged grids' households.
    """
    olds = check_merge(session, codes, into)
    _require_cases_placed(session, olds, carried)
    parent = session.get(Grid, olds[0].parent_id) if olds[0].parent_id else None
    now = clock.now()
    for g in olds:
        _close(g, now.date())
    new = create_grid(
        session,
        code=into.code,
        name=into.name,
        parent_code=parent.code if parent else None,
        level=olds[0].level,
        kind=olds[0].kind,
        households=into.households or sum(g.households for g in olds),
        actor=actor,
        note="由" + "、".join(f"“{g.name}”" for g in olds) + "合并",
    )
    for g in olds:
        _event(
            session,
            g,
            GridChange.MERGE,
            actor=actor,
            at=now,
            related=new,
            old_name=g.name,
            new_name=new.name,
            note=note,
        )
    session.flush()
    return new


def check_deactivate(session: Session, code: str) -> Grid:
    """Refuse a retirement before anything changes (the preview asks the same); return the grid."""
    grid = get_grid(session, code)
    _require_changeable(session, grid)
    return grid


def deactivate_grid(
    session: Session, code: str, *, actor: str, note: str = "", carried: Collection[int] = ()
) -> Grid:
    """Retire a grid (code and closed cases kept; open ones: `carried`, as in `split_grid`)."""
    grid = check_deactivate(session, code)
    _require_cases_placed(session, [grid], carried)
    now = clock.now()
    _close(grid, now.date())
    _event(session, grid, GridChange.DEACTIVATE, actor=actor, at=now, old_name=grid.name, note=note)
    session.flush()
    return grid


def _precheck(
    session: Session, parts: Sequence[NewGrid], parent: Grid | None, level: int, kind: GridKind
) -> None:
    """Refuse a split/merge before anything changes: the new codes must be valid, new and under the parent."""
    for part in parts:
        _check_name(part.name)
        validate_code(part.code, level=level, parent_code=parent.code if parent else None, kind=kind)
        if session.scalar(select(func.count()).select_from(Grid).where(Grid.code == part.code)):
            raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”已存在"), part.code))
        if part.households < 0:
            raise ValidationError(QT_TRANSLATE_NOOP("grids", "户数不能为负数"))


def _check_distinct(codes: Iterable[str]) -> None:
    seen: set[str] = set()
    for c in codes:
        if c in seen:
            raise ValidationError(Message(QT_TRANSLATE_NOOP("grids", "网格编码“%1”重复"), c))
        seen.add(c)
