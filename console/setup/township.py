"""The township (乡镇/街道): the level-1 grid every other grid, case number and report hangs under. A database
holds one; a fresh one has none, and the first-start wizard or `gridconsole township create` makes it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.grid_codes import code_level, normalize_code
from console.grids import create_grid, validate_code
from console.i18n import QT_TRANSLATE_NOOP, Message
from console.models import Grid
from console.setup.common import check_editor, clean, record


def township_of(session: Session) -> Grid | None:
    """The database's township (its first level-1 grid), or None on a fresh database."""
    return session.scalars(select(Grid).where(Grid.level == 1).order_by(Grid.id).limit(1)).first()


def create_township(session: Session, *, name: str, code: str, actor: str) -> Grid:
    """Create the township: a 15-digit division code of township level (区县6位 + 乡镇3位 + 000000)."""
    login = check_editor(session, actor)
    existing = township_of(session)
    if existing is not None:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "本数据库已有乡镇“%1”（%2），未新建：一个数据库只管理一个乡镇"), existing.name, existing.code))
    code = normalize_code(clean(code))
    validate_code(code)
    if code_level(code) != 1:
        raise ValidationError(Message(QT_TRANSLATE_NOOP("setup", "编码“%1”不是乡镇级编码：乡镇编码的末6位应为000000，如 410102006000000"), code))
    grid = create_grid(session, code=code, name=clean(name), level=1, actor=login, note=QT_TRANSLATE_NOOP("setup", "新建乡镇"))
    record(session, login, f"乡镇 {code}", f"新建乡镇：{grid.name}")
    return grid
