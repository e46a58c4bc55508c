"""The counts the agenda proposal reads (migration 0014, `console.meetings.counted`), on SQLite and PostgreSQL:
kept by the triggers exactly as a rebuild from the records counts them, the same agenda from them as from the
rules over the cases, a bulk write past the triggers noticed (the rules fall back to the cases) until rebuilt,
and one place however its address is spaced or punctuated."""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Any

import psycopg
import pytest
from sqlalchemy import select, text

from console.db import Database
from console.meetings import counted, places, proposal
from console.meetings.service import MeetingService
from console.models import CaseDisputeCount, CasePlace, Meeting, PlaceReportDay, PlaceReportTally
from console.workflow.commands import Dispatch, Return
from console.workflow.service import CaseService
from tests.factories import Ref
from tests.test_meetings import ME, accepted, agenda, now, ref, weekly  # noqa: F401 - fixtures
from tests.test_security_pg import Setup, pg, scalar  # noqa: F401 - the `pg` fixture
from tests.test_workflow import Clock

ADDRESSES = ("绿云路8号", "绿云路 8 号", "绿云路８号。", "（绿云路）8号", "Lvyun Rd.8", "lvyun rd 8", "")


def _kept(db: Database) -> dict[str, list[Any]]:
    with db.session() as s:
        return {
            "place": sorted(tuple(r) for r in s.execute(select(CasePlace.case_id, CasePlace.grid_code, CasePlace.place,
                                                               CasePlace.day))),
            "day": sorted(tuple(r) for r in s.execute(select(PlaceReportDay.grid_code, PlaceReportDay.place,
                                                             PlaceReportDay.day, PlaceReportDay.n, PlaceReportDay.cum))),
            "tally": sorted(tuple(r) for r in s.execute(select(
                PlaceReportTally.grid_code, PlaceReportTally.place, PlaceReportTally.total, PlaceReportTally.last_day,
                PlaceReportTally.recent))),
            "dispute": sorted(tuple(r) for r in s.execute(select(
                CaseDisputeCount.case_id, CaseDisputeCount.returns, CaseDisputeCount.dispatches,
                CaseDisputeCount.score))),
        }  # fmt: skip


def _rebuilt(db: Database) -> dict[str, list[Any]]:
    with db.session() as s:
        counted.rebuild(s)
    return _kept(db)


def _proposed(db: Database, mid: int, at: datetime, *, counts: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m:
        if not counts:
            m.setattr(counted, "usable", lambda _s: False)
        with db.session() as s:
            meeting = s.get(Meeting, mid)
            assert meeting is not None
            found = proposal.propose(s, meeting, at)
    return [(c.case_id, c.reasons) for c in found.candidates], found.left_out


def test_an_address_is_folded_alike_in_python_sql_and_the_migration(db: Database) -> None:
    migration = importlib.import_module("console.migrations.versions.0014_meeting_counts")
    postgres = db.is_postgres
    assert migration.fold("x", postgres) == places.place_key_sql("x", postgres)
    with db.session() as s:
        for address in ADDRESSES:
            folded = s.scalar(text(f"SELECT {places.place_key_sql(':a', postgres)}"), {"a": address})
            assert folded == places.place_key(address), address
    assert len({places.place_key(a) for a in ADDRESSES[:4]}) == 1
    assert places.place_key("Lvyun Rd.8") == places.place_key("lvyun rd 8") == "lvyunrd8"


def test_the_triggers_keep_what_a_rebuild_counts(db: Database, ref: Ref, now: Clock) -> None:  # noqa: F811
    svc = CaseService(db, ME)
    made = []
    for i, address in enumerate(ADDRESSES * 2):
        now.advance(days=i % 5 * 20)  # reports spread over the months, some more than 90 days apart
        made.append(accepted(svc, ref, summary=f"噪音扰民{i}", address=address))
    for start in made[:3]:  # returned twice: a dispute
        r = start
        for dep in (ref.env, ref.law):
            r = svc.act(r.id, Dispatch(lead_department_id=dep), r.version)
            r = svc.act(r.id, Return("不属于本部门职责"), r.version)
    with db.session() as s:  # a case moved to another grid moves its report (a regrid, an import's fix)
        s.execute(text("UPDATE cases SET grid_code = :g, address = :a WHERE id = :id"),
                  {"g": ref.grid_code[:-1] + "9", "a": "新地址1号", "id": made[4].id})  # fmt: skip
    kept = _kept(db)
    assert kept["dispute"] and kept["tally"]
    assert kept == _rebuilt(db)
    with db.session() as s:
        assert counted.usable(s)


def test_the_agenda_from_the_counts_is_the_agenda_from_the_cases(
    db: Database, ref: Ref, now: Clock, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    svc = CaseService(db, ME)
    for i in range(4):
        accepted(svc, ref, summary=f"占道经营{i}", address=ADDRESSES[i])  # one place, written four ways
    for i in range(2):
        accepted(svc, ref, summary=f"路灯不亮{i}", address="绿云路9号")
    r = accepted(svc, ref, summary="渣土车撒漏")
    for dep in (ref.env, ref.law):
        r = svc.act(r.id, Dispatch(lead_department_id=dep), r.version)
        r = svc.act(r.id, Return("不属于本部门职责"), r.version)
    mid = weekly(db, now)
    from_counts = _proposed(db, mid, now.t, counts=True, monkeypatch=monkeypatch)
    assert from_counts == _proposed(db, mid, now.t, counts=False, monkeypatch=monkeypatch)
    codes = {cid: [c for c, _t in reasons] for cid, reasons in from_counts[0]}
    assert sorted(codes.values()) == [[proposal.DISPUTE]] + [[proposal.REPEAT]] * 4
    with db.session() as s:  # a cap of 2 takes the head of the list and names the rule it cut
        meeting = s.get(Meeting, mid)
        assert meeting is not None
        capped = proposal.propose(s, meeting, now.t, limit=2)
    assert len(capped.candidates) == 2 and capped.left_out == [proposal.REPEAT]


def test_a_report_older_than_the_window_does_not_count(db: Database, ref: Ref, now: Clock) -> None:  # noqa: F811
    svc = CaseService(db, ME)
    old = accepted(svc, ref, summary="噪音扰民0", address="绿云路8号")
    now.advance(days=31)  # the window is the day 30 days ago and after
    recent = [accepted(svc, ref, summary=f"噪音扰民{i}", address="绿云路 8号") for i in (1, 2)]
    mid = weekly(db, now)
    MeetingService(db, ME).draw_agenda(mid)
    assert agenda(db, mid) == {}
    now.advance(days=1)
    third = accepted(svc, ref, summary="噪音扰民3", address="绿云路8号")
    MeetingService(db, ME).draw_agenda(mid)
    items = agenda(db, mid)
    assert old.number not in items
    assert {r.number for r in (*recent, third)} == set(items)


def test_a_bulk_write_past_the_triggers_is_noticed_until_rebuilt(
    db: Database, ref: Ref, now: Clock, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    svc = CaseService(db, ME)
    r = accepted(svc, ref, address="绿云路8号")
    for dep in (ref.env, ref.law):
        r = svc.act(r.id, Dispatch(lead_department_id=dep), r.version)
        r = svc.act(r.id, Return("不属于本部门职责"), r.version)
    with db.session() as s:
        assert counted.usable(s)
        s.execute(text("DELETE FROM case_dispute_count"))  # as if the history had been loaded by COPY
    mid = weekly(db, now)
    with db.session() as s:
        assert not counted.usable(s)
    items = _proposed(db, mid, now.t, counts=True, monkeypatch=monkeypatch)[0]
    assert [(cid, [c for c, _t in reasons]) for cid, reasons in items] == [(r.id, [proposal.DISPUTE])]
    with db.session() as s:
        s.execute(text("DELETE FROM case_place WHERE case_id = :id"), {"id": r.id})
    assert _rebuilt(db)["dispute"] == [(r.id, 2, 2, 2)]
    with db.session() as s:
        assert counted.usable(s)


def test_the_counts_are_case_data_in_the_catalogue() -> None:
    from console.security import catalogue, pg_meetings

    for table in pg_meetings.COUNT_TABLES:
        assert catalogue.TABLES[table] is catalogue.Holds.CASE


@pytest.mark.pg
def test_on_postgresql_only_who_sees_every_case_reads_the_counts(pg: Setup) -> None:  # noqa: F811
    """psql as a department handler reads no row of the counts (they hold every case's place), cannot write
    them, and the console's proposal for them counts over the cases they see; the dispatcher's login reads them
    and its proposal uses them."""
    with pg.connect("disp") as conn:
        assert scalar(conn, "SELECT count(*) FROM case_place") == scalar(conn, "SELECT count(*) FROM cases") > 0
    with pg.connect("env") as conn:
        assert scalar(conn, "SELECT count(*) FROM case_place") == 0
        assert scalar(conn, "SELECT count(*) FROM place_report_tally") == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM case_dispute_count")
    for key, usable in (("disp", True), ("env", False)):
        app = pg.app_db(key)
        try:
            with app.session() as s:
                assert counted.usable(s) is usable, key
        finally:
            app.dispose()
