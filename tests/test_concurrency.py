"""Two seats acting on one case at once: exactly one wins, the other learns who changed it. Real connections."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console.db import Database
from console.domain import CaseStatus
from console.errors import StaleCase
from console.models import Case, CaseHistory
from console.workflow.commands import COMMANDS
from console.workflow.service import CaseService, ReportInput
from tests.factories import seed_reference


def _report(db: Database) -> tuple[int, int]:
    ref = seed_reference(db)
    r = CaseService(db, "网格员").report(
        ReportInput(grid=ref.grid_code, category=ref.cat_env, summary="占道经营")
    )
    return r.id, r.version


def test_version_check_is_in_the_update_itself(db: Database) -> None:
    """Both seats read version 1 (the second keeps its copy, as a form on screen does); the second UPDATE
    finds no row at version 1 and fails instead of overwriting."""
    case_id, _ = _report(db)
    s1, s2 = Session(db.engine, expire_on_commit=False), Session(db.engine, expire_on_commit=False)
    try:
        c2 = s2.get(Case, case_id)
        s2.commit()  # the read transaction ends; the copy stays
        c1 = s1.get(Case, case_id)
        assert c1 is not None and c2 is not None and c1.version == c2.version == 1
        c1.summary, c1.updated_by = "占道经营（甲改）", "甲"
        s1.commit()
        c2.summary, c2.updated_by = "占道经营（乙改）", "乙"
        with pytest.raises(StaleDataError):
            s2.commit()
    finally:
        s1.close()
        s2.close()
    with db.session() as s:
        assert s.scalar(select(Case.summary).where(Case.id == case_id)) == "占道经营（甲改）"


def test_two_seats_racing_exactly_one_wins(db: Database) -> None:
    case_id, version = _report(db)
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def seat(name: str, action: str, fields: dict[str, object]) -> None:
        svc = CaseService(Database(db.engine), name)
        start.wait()
        try:
            results[name] = svc.act(case_id, COMMANDS[action](**fields), version)  # type: ignore[arg-type]
        except StaleCase as exc:
            results[name] = exc

    threads = [
        threading.Thread(target=seat, args=("调度员甲", "accept", {})),
        threading.Thread(target=seat, args=("调度员乙", "reject", {"reason": "重复上报"})),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    stale = [v for v in results.values() if isinstance(v, StaleCase)]
    won = [k for k, v in results.items() if not isinstance(v, StaleCase)]
    assert len(won) == 1 and len(stale) == 1
    assert stale[0].changed_by == won[0]
    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.version == 2 and case.updated_by == won[0]
        assert case.status in (CaseStatus.ACCEPTED, CaseStatus.REJECTED)
        assert s.scalar(select(func.count()).select_from(CaseHistory)) == 2


def test_concurrent_reports_never_share_a_number(db: Database) -> None:
    ref = seed_reference(db)
    numbers: list[str] = []
    lock = threading.Lock()

    def seat(i: int) -> None:
        svc = CaseService(Database(db.engine), f"网格员{i}")
        for _ in range(5):
            r = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_env, summary=f"巡查发现{i}",
                                       reported_at=datetime(2026, 3, 2, 9)))  # fmt: skip
            with lock:
                numbers.append(r.number)

    threads = [threading.Thread(target=seat, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(numbers) == [f"2026-{n:06d}" for n in range(1, 21)]
