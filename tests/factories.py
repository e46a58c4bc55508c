"""A small township for workflow tests: two villages, three grids, departments, categories, people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from console.db import Database
from console.domain import GridKind, GridRole, LimitType, Severity, Stage
from console.models import Category, Department, Grid, GridAssignment, Person, StageLimit


@dataclass
class Ref:
    township: int
    village: int
    grid: int
    grid2: int
    grid_code: str
    grid2_code: str
    police: int
    env: int
    law: int
    person: int
    cat_env: str
    cat_safety: str


def seed_reference(db: Database) -> Ref:
    with db.session() as s:
        town = Grid(code="410103001000000", name="三官庙街道", level=1, kind=GridKind.REGULAR, households=0,
                    active=True, pinyin_initials="sgmjd")  # fmt: skip
        s.add(town)
        s.flush()
        village = Grid(code="410103001001000", name="绿云社区", level=2, parent_id=town.id, households=0,
                       kind=GridKind.REGULAR, active=True, pinyin_initials="lysq")  # fmt: skip
        s.add(village)
        s.flush()
        g1 = Grid(code="410103001001001", name="绿云社区一号楼院", level=3, parent_id=village.id, households=320,
                  kind=GridKind.REGULAR, active=True, pinyin_initials="lysqyhly")  # fmt: skip
        g2 = Grid(code="410103001001002", name="绿云社区二号楼院", level=3, parent_id=village.id, households=280,
                  kind=GridKind.REGULAR, active=True, pinyin_initials="lysqehly")  # fmt: skip
        police = Department(code="PCS", name="派出所", active=True)
        env = Department(code="HBB", name="环保办", active=True)
        law = Department(code="ZFZD", name="行政执法中队", active=True)
        s.add_all([g1, g2, police, env, law])
        s.flush()
        person = Person(name="王建国", phone="13812345678", department_id=env.id, active=True)
        s.add(person)
        s.flush()
        s.add(
            GridAssignment(
                grid_id=g1.id, person_id=person.id, role=GridRole.WORKER, start_date=date(2025, 1, 1)
            )
        )
        cat_env = Category(code="HJWS", name="环境卫生", key_area=False, default_department_id=env.id,
                           severity=Severity.SIMPLE, limit_type=LimitType.WORKING_DAYS, limit_value=3,
                           active=True)  # fmt: skip
        cat_safety = Category(code="AQSC", name="安全生产", key_area=True, default_department_id=law.id,
                              severity=Severity.COMPLEX, limit_type=LimitType.URGENT_HOURS, limit_value=24,
                              active=True)  # fmt: skip
        s.add_all([cat_env, cat_safety])
        s.flush()
        s.add(
            StageLimit(
                category_id=None, stage=Stage.INTAKE, limit_type=LimitType.WORKING_HOURS, limit_value=2
            )
        )
        return Ref(town.id, village.id, g1.id, g2.id, g1.code, g2.code, police.id, env.id, law.id, person.id,
                   cat_env.code, cat_safety.code)  # fmt: skip
