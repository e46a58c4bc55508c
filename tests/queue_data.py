"""A small township and a deterministic mix of cases written straight into the tables, for the queue tests
(the workflow service and the demo generator are written elsewhere; these tests only read cases)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from console.domain import OPEN_STATUSES, PAUSED_STATUSES, CaseStatus, Severity, Source
from console.models import Case, CaseWatch, Category, Department, Grid

NOW = datetime(2026, 3, 10, 10, 0, 0)

TOWN = "110105001000000"
#: (code, name, pinyin initials, level, parent code)
GRIDS = [
    (TOWN, "三官庙街道", "sgmjd", 1, None),
    ("110105001001000", "兴华社区", "xhsq", 2, TOWN),
    ("110105001001001", "兴华一网格", "xhywg", 3, "110105001001000"),
    ("110105001001002", "兴华二网格", "xhewg", 3, "110105001001000"),
    ("110105001002000", "三官庙社区", "sgmsq", 2, TOWN),
    ("110105001002001", "三官庙一网格", "sgmywg", 3, "110105001002000"),
    ("110105001002002", "三官庙二网格", "sgmewg", 3, "110105001002000"),
    ("110105001901000", "华润企业网格", "hrqywg", 2, TOWN),
]
DEPARTMENTS = [("pcs", "派出所"), ("hbb", "环保办"), ("ajb", "安监办")]
CATEGORIES = [("hjws", "环境卫生"), ("aqyh", "安全隐患"), ("mdjf", "矛盾纠纷")]
SUMMARIES = ["楼道堆放杂物", "LED路灯不亮", "垃圾清运不及时", "邻里噪音纠纷", "违章搭建彩钢房", "井盖缺失"]
STREETS = ["建设路", "兴华南街", "航海中路", "大学路"]


@dataclass
class Township:
    grid_ids: dict[str, int]
    department_ids: dict[str, int]
    category_ids: dict[str, int]


def make_township(session: Session) -> Township:
    grid_ids: dict[str, int] = {}
    for code, name, initials, level, parent in GRIDS:
        grid = Grid(
            code=code,
            name=name,
            level=level,
            parent_id=grid_ids.get(parent) if parent else None,
            pinyin_initials=initials,
        )
        session.add(grid)
        session.flush()
        grid_ids[code] = grid.id
    dept_ids: dict[str, int] = {}
    for code, name in DEPARTMENTS:
        dept = Department(code=code, name=name)
        session.add(dept)
        session.flush()
        dept_ids[name] = dept.id
    cat_ids: dict[str, int] = {}
    for code, name in CATEGORIES:
        cat = Category(code=code, name=name, default_department_id=next(iter(dept_ids.values())))
        session.add(cat)
        session.flush()
        cat_ids[name] = cat.id
    return Township(grid_ids, dept_ids, cat_ids)


def make_cases(
    session: Session, town: Township, n: int, seed: int = 7, now: datetime = NOW, first: int = 1
) -> None:
    """`n` cases over every status, light, grid, source and severity; some share deadlines (ties).
    Numbered from `first` (a second batch continues the first)."""
    rng = random.Random(seed)
    statuses = list(CaseStatus)
    grid_codes = [g[0] for g in GRIDS]
    rows = []
    for i in range(first, first + n):
        status = rng.choice(statuses)
        reported = now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1440))
        if i % 10 == 0:  # a few reported today
            reported = now.replace(hour=0) + timedelta(minutes=rng.randint(0, 599))
        due = warn = None
        if status in OPEN_STATUSES and rng.random() < 0.85:
            # ties on purpose: deadlines on whole hours
            due = now + timedelta(hours=rng.randint(-72, 72))
            warn = due - timedelta(hours=rng.choice([4, 12, 24]))
        elif rng.random() < 0.3:
            due = now - timedelta(days=rng.randint(1, 30))  # stale clock on a closed case: no light
        code = rng.choice(grid_codes)
        closed_at = None
        if status in (CaseStatus.CLOSED, CaseStatus.EVALUATED):
            closed_at = now - timedelta(hours=rng.randint(0, 72))
        claimed = rng.choice([None, None, None, "zhang", "li"]) if status in OPEN_STATUSES else None
        street = rng.choice(STREETS)
        rows.append(
            {
                "number": f"2026-{i:06d}",
                "township_id": town.grid_ids[TOWN],
                "year": 2026,
                "seq": i,
                "grid_id": town.grid_ids[code],
                "grid_code": code,
                "category_id": rng.choice(list(town.category_ids.values())),
                "severity": rng.choice(list(Severity)),
                "source": rng.choice(list(Source)),
                "status": status,
                "summary": rng.choice(SUMMARIES),
                "description": f"群众反映{street}附近问题，编号{i}",
                "address": f"{street}{rng.randint(1, 200)}号",
                "reported_by": "tester",
                "reported_at": reported,
                "lead_department_id": rng.choice([None, *town.department_ids.values()]),
                "due_at": due,
                "stage_due_at": due,
                "stage_warn_at": warn,
                "paused_at": now if status in PAUSED_STATUSES else None,
                "closed_at": closed_at,
                "urgent": rng.random() < 0.1,
                "claimed_by": claimed,
                "claim_expires_at": now + timedelta(minutes=rng.choice([-5, 10])) if claimed else None,
                "rework_count": rng.choice([0, 0, 0, 1, 2]),
                "updated_at": reported,
                "updated_by": "tester",
                "version": 1,
            }
        )
    session.execute(insert(Case), rows)


def watch(session: Session, login: str, case_ids: list[int]) -> None:
    session.execute(insert(CaseWatch), [{"case_id": cid, "login": login} for cid in case_ids])
