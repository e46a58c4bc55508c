"""Helpers for the UI tests: the demo township's reference data plus a few dozen cases made through the real
workflow service (report → accept → dispatch → sign → feedback …), and a window factory."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from console import clock
from console.db import Database, make_engine
from console.demo.texts import TEMPLATES
from console.demo.township import create_reference
from console.models import Category, Grid
from console.workflow.commands import Accept, Dispatch, Feedback, Sign, Verify
from console.workflow.service import CaseService, ReportInput
from tests.conftest import RUN_ID, pg_admin, pg_url_for

ACTOR = "调度员甲"
SEEDED_CASES = 36


def seed_cases(db: Database, n: int = 40, seed: int = 7) -> list[int]:
    """The demo township with `n` cases in a spread of states; returns the case ids."""
    rng = random.Random(seed)
    with db.session() as s:
        create_reference(s, today=clock.now().date())
    with db.session() as s:
        grids = [
            (g.code, g.name) for g in s.scalars(select(Grid).where(Grid.level == 3, Grid.active.is_(True)))
        ]
        cats = [(c.code, c.name) for c in s.scalars(select(Category))]
    svc = CaseService(db, ACTOR)
    ids = []
    for i in range(n):
        code, gname = rng.choice(grids)
        ccode, cname = rng.choice(cats)
        summary, desc = rng.choice(TEMPLATES.get(cname) or [("{p}发现问题", "{a}有问题")])
        addr = f"{gname}{rng.randint(1, 30)}号"
        ref = svc.report(
            ReportInput(
                grid=code, category=ccode, summary=summary.format(p=gname, a=addr, n=3)[:120],
                description=desc.format(p=gname, a=addr, n=rng.randint(2, 9)), address=addr,
                reported_at=clock.now() - timedelta(hours=rng.randint(1, 200)),
            )
        )  # fmt: skip
        ids.append(ref.id)
        v = ref.version
        stage = i % 6
        if stage >= 1:
            v = svc.act(ref.id, Accept(), v).version
        if stage >= 2:
            v = svc.act(ref.id, Dispatch(), v).version
        if stage >= 3:
            v = svc.act(ref.id, Sign(), v).version
        if stage >= 4:
            v = svc.act(ref.id, Feedback(result="已处理完毕"), v).version
        if stage >= 5:
            v = svc.act(ref.id, Verify(passed=True), v).version
    return ids


def report_one(db: Database, summary: str = "新上报：楼道堆放杂物", actor: str = "另一席位") -> int:
    """A case reported on "another seat" (its own engine and connection)."""
    other = Database(make_engine(db.engine.url.render_as_string(hide_password=False)))
    try:
        with other.session() as s:
            code = s.scalar(select(Grid.code).where(Grid.level == 3).order_by(Grid.code).limit(1))
            cat = s.scalar(select(Category.code).order_by(Category.code).limit(1))
        assert code and cat
        return CaseService(other, actor).report(ReportInput(grid=code, category=cat, summary=summary)).id
    finally:
        other.dispose()


@pytest.fixture(scope="session")
def seeded_sqlite_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with the demo township and SEEDED_CASES cases, made once per run."""
    import shutil

    path = tmp_path_factory.mktemp("ui-seeded") / "seeded.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(make_engine(f"sqlite:///{path}"))
    seed_cases(db, SEEDED_CASES)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def seeded_pg_template(pg_databases: Any) -> str:
    """Name of a PostgreSQL database with the same seed, used as the template of each test's database."""
    url = pg_databases.create()
    db = Database(make_engine(url))
    seed_cases(db, SEEDED_CASES)
    db.dispose()
    return str(make_url(url).database)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def seeded_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh copy of the seeded database, on SQLite and on PostgreSQL."""
    import shutil

    if request.param == "sqlite":
        path = tmp_path / "gridconsole.db"
        shutil.copyfile(request.getfixturevalue("seeded_sqlite_template"), path)
        return f"sqlite:///{path}"
    return copy_seeded_pg(request)


@pytest.fixture
def seeded_pg_url(request: pytest.FixtureRequest) -> str:
    return copy_seeded_pg(request)


def copy_seeded_pg(request: pytest.FixtureRequest) -> str:
    import uuid

    template = request.getfixturevalue("seeded_pg_template")
    dbs = request.getfixturevalue("pg_databases")
    name = f"gct_{RUN_ID}_{uuid.uuid4().hex[:8]}"
    with pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    dbs.created.append(name)
    return pg_url_for(name)


@pytest.fixture
def seeded(seeded_url: str) -> Iterator[Database]:
    db = Database(make_engine(seeded_url))
    yield db
    db.dispose()


@pytest.fixture
def ui_settings(tmp_path: Path) -> Iterator[Path]:
    """Per-test QSettings file so layout persistence does not leak between tests."""
    from ui import settings

    path = tmp_path / "gridconsole.ini"
    settings.use_file(path)
    yield path
    settings.use_file(tmp_path / "unused.ini")


def today() -> date:
    return clock.now().date()
