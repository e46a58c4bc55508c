"""The Qt-free services behind the dialogs: possible duplicates (console.duplicates) and stock phrases
(console.phrases), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from console import clock
from console.db import Database
from console.domain import CaseStatus
from console.duplicates import find_duplicates, similarity
from console.errors import ValidationError
from console.models import Setting
from console.phrases import DEFAULT_PHRASES, all_phrases, get_phrases, reset_phrases, set_phrases
from console.workflow.commands import Reject
from console.workflow.service import CaseService, ReportInput
from tests.factories import Ref, seed_reference

NOW = datetime(2026, 11, 24, 9, 0)


@pytest.fixture
def pinned() -> Iterator[None]:
    clock.set_clock(lambda: NOW)
    yield
    clock.set_clock(None)


def _report(svc: CaseService, grid: str, cat: str, summary: str, description: str = "") -> int:
    return svc.report(ReportInput(grid=grid, category=cat, summary=summary, description=description)).id


def test_dialog_similarity_of_chinese_texts() -> None:
    assert similarity("一号楼院门口垃圾堆积", "一号楼院门口垃圾堆积！") == 1.0
    assert similarity("一号楼院门口垃圾堆积", "一号楼门口垃圾堆积三天") > 0.6
    assert similarity("一号楼院门口垃圾堆积", "二号楼院噪音扰民") < 0.35
    assert similarity("", "垃圾") == 0.0


def test_dialog_duplicates_same_grid_similar_recent(db: Database, pinned: None) -> None:
    ref: Ref = seed_reference(db)
    svc = CaseService(db, "调度员")
    clock.set_clock(lambda: NOW - timedelta(days=40))
    old = _report(svc, ref.grid_code, ref.cat_env, "一号楼院门口垃圾堆积")  # outside the 30-day window
    clock.set_clock(lambda: NOW - timedelta(days=2))
    same = _report(svc, ref.grid_code, ref.cat_env, "一号楼院门口垃圾堆积无人清运")
    other_grid = _report(svc, ref.grid2_code, ref.cat_env, "一号楼院门口垃圾堆积")
    unrelated = _report(svc, ref.grid_code, ref.cat_safety, "楼道电动车充电存在火灾隐患")
    rejected = _report(svc, ref.grid_code, ref.cat_env, "一号楼院门口垃圾堆积")
    svc.act(rejected, Reject(reason="重复"), 1)
    clock.set_clock(lambda: NOW)
    with db.session() as s:
        found = find_duplicates(s, ref.grid_code, "一号楼院门口垃圾堆积", "气味很大")
        assert [d.id for d in found] == [same]
        assert found[0].status is CaseStatus.REPORTED and 0.5 <= found[0].similarity <= 1
        assert {old, other_grid, unrelated, rejected}.isdisjoint(d.id for d in found)
        # the case itself is left out when looking for its own duplicates
        assert find_duplicates(s, ref.grid_code, "一号楼院门口垃圾堆积无人清运", exclude_id=same) == []
        assert find_duplicates(s, ref.grid_code, "   ") == []


def test_dialog_phrases_stored_per_action(db: Database) -> None:
    with db.session() as s:
        assert get_phrases(s, "reject") == list(DEFAULT_PHRASES["reject"])
    with db.write_session() as s:
        stored = set_phrases(s, "reject", ["  不属于受理范围 ", "", "不属于受理范围", "重复反映"], actor="setup")
    assert stored == ["不属于受理范围", "重复反映"]
    with db.session() as s:
        assert get_phrases(s, "reject") == ["不属于受理范围", "重复反映"]
        assert get_phrases(s, "accept") == list(DEFAULT_PHRASES["accept"])  # other actions untouched
        s.add(Setting(key="phrases.close", value="{damaged"))  # a damaged stored list: the defaults
        s.flush()
        every = all_phrases(s)  # what a dialog reads as it opens, in one query: the same lists
        assert every == {action: get_phrases(s, action) for action in DEFAULT_PHRASES}
        assert every["reject"] == ["不属于受理范围", "重复反映"]
        assert every["close"] == list(DEFAULT_PHRASES["close"])
        s.rollback()
    with db.write_session() as s, pytest.raises(ValidationError, match="过长"):
        set_phrases(s, "reject", ["长" * 201], actor="setup")
    with db.write_session() as s, pytest.raises(ValidationError, match="未知的操作"):
        set_phrases(s, "explode", ["x"], actor="setup")
    with db.write_session() as s:
        reset_phrases(s, "reject", actor="setup")
    with db.session() as s:
        assert get_phrases(s, "reject") == list(DEFAULT_PHRASES["reject"])
