"""A whole meeting from the command line (`gridconsole meeting …`) on SQLite and PostgreSQL, and its agenda and
minutes PDFs read back: every item, the decisions, the names, the page numbers, embedded fonts."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from console import clock
from console.cli.main import main
from console.db import Database, make_engine
from console.workflow.commands import Accept
from console.workflow.service import CaseService, ReportInput
from tests.factories import seed_reference
from tests.test_workflow import Clock


@pytest.fixture
def now() -> Iterator[Clock]:
    c = Clock(datetime(2026, 11, 24, 9, 0))
    clock.set_clock(c)
    yield c
    clock.set_clock(None)


def text_of(pdf: Path) -> str:
    """The text of every page, without spaces (the extractor renders the forms' 　 padding unevenly)."""
    text = "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)
    return text.replace(" ", "").replace("\u3000", "")


def test_a_meeting_from_the_command_line_to_the_printed_minutes(
    db_url: str, now: Clock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(make_engine(db_url))
    ref = seed_reference(db)
    svc = CaseService(db, "diaodu")
    numbers = []
    for summary in ("加油站私接管线", "化工厂夜间偷排", "液化气瓶违规存放"):
        r = svc.report(ReportInput(grid=ref.grid_code, category=ref.cat_safety, summary=summary))
        numbers.append(svc.act(r.id, Accept(), r.version).number)
    db.dispose()
    base = ["--db", db_url, "--user", "diaodu"]

    def run(*argv: str) -> str:
        capsys.readouterr()
        assert main([*base, *argv]) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    out = json.loads(run("--json", "meeting", "new", "--at", "2026-11-25 09:00", "--chair", "张主任",
                         "--recorder", "李记录"))  # fmt: skip
    mid = str(out["id"])
    assert out["number"] == "〔2026〕第1期"
    assert "议程新增 3 项" in run("meeting", "propose", "2026-1")
    run("meeting", "remove", mid, numbers[2], "--reason", "已现场处置")
    run("meeting", "move", mid, numbers[1], "--to", "1")
    run("meeting", "advance", mid)
    run("meeting", "advance", mid)
    run("meeting", "attend", mid, "张主任", "--duty", "主任")
    run("meeting", "attend", mid, "派出所王所长", "--absent", "出警")
    run("meeting", "discuss", mid, numbers[0], "--text", "执法中队、安监办意见一致")
    run("meeting", "decide", mid, numbers[0], "--kind", "dispatch", "--text", "由行政执法中队牵头立即拆除",
        "--lead", "行政执法中队", "--owner", "赵队长", "--due", "2026-12-01")
    run("meeting", "decide", mid, numbers[1], "--kind", "close", "--text", "结案", "--close-type", "已解决")
    capsys.readouterr()
    assert main([*base, "meeting", "apply", mid]) == 2  # the close is refused: the case is not verified
    applied = capsys.readouterr().out
    assert f"{numbers[0]}：已执行 → 待签收" in applied and f"{numbers[1]}：未执行：案件当前为“待派遣”，不能结案" in applied
    show = run("meeting", "show", mid)
    assert "（已移出）" in show and "已现场处置" in show and "未执行" in show
    capsys.readouterr()
    assert main([*base, "meeting", "approve", mid]) == 0  # set-up mode: no users yet
    decisions = run("meeting", "decisions", "--state", "open")
    assert numbers[0] in decisions

    agenda, minutes = tmp_path / "agenda.pdf", tmp_path / "minutes.pdf"
    run("meeting", "agenda-pdf", mid, "-o", str(agenda))
    run("meeting", "minutes-pdf", mid, "-o", str(minutes))
    a = text_of(agenda)
    for needle in (numbers[0], numbers[1], "加油站私接管线", "重点领域（安全生产）复杂案件", "签到表",
                   "张主任", "—1—", "会商议程"):  # fmt: skip
        assert needle in a, needle
    assert numbers[2] not in a  # removed from the agenda
    m = text_of(minutes)
    for needle in ("会议纪要", "由行政执法中队牵头立即拆除", "赵队长", "2026-12-01", "执法中队、安监办意见一致",
                   "派出所王所长（出警）", "记录人：李记录", "审定人", "—1—"):  # fmt: skip
        assert needle in m, needle
    if shutil.which("pdffonts"):
        for pdf in (agenda, minutes):
            rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True).stdout
            fonts = [line.split() for line in rows.splitlines()[2:] if line.strip()]
            assert fonts and all(f[-5] == "yes" for f in fonts), rows  # emb column
