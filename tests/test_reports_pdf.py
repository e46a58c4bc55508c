"""The PDFs, read back with real readers: pypdf (pages, text), poppler's pdftotext -bbox (where every word
sits) and pdffonts (embedded fonts). The data is the demo township (console.demo.build_demo) plus cases with
awkward text: a description longer than a page, punctuation, Latin words and digits."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from console import clock
from console.cli.main import main as cli_main
from console.db import Database, make_engine, upgrade
from console.domain import OPEN_STATUSES, PAUSED_STATUSES, CaseStatus, Severity, Source
from console.ledger import LedgerScope, iter_ledger_rows, monthly_figures, overdue_case_numbers, resolve_scope
from console.models import AuditLog, Case, Category, Grid
from reports import fonts as fonts_mod
from reports.fonts import FontUnavailable, register_fonts
from reports.forms import render_bulletin, render_case_sheet, render_notices
from reports.layout import CompressingCanvas
from reports.ledger import SAMPLE_ROWS, LedgerRenderer, cell_text, choose_columns, render_ledger

TODAY = datetime(2026, 10, 20, 10, 0)
PERIOD = {"date_from": date(2025, 10, 20), "date_to": date(2026, 10, 20)}
LONG = (
    "居民反映：小区北门外（临街一侧）长期有流动摊贩占道经营，早晚高峰时段尤为严重；"
    "摊点使用液化气罐（约15kg）加热食品，无任何防护措施，存在较大安全隐患。"
    "Email: test@example.com，联系电话已登记。"
) * 22  # ~2,000 characters: taller than a page, must continue on the next one
WS = re.compile(r"\s+")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


@dataclass
class Demo:
    db: Database
    url: str
    numbers: list[str]  # the extra cases
    long_number: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    from console.demo.generator import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    db = Database(engine)
    clock.set_clock(lambda: TODAY)
    try:
        build_demo(db, cases=240, seed=11, today=TODAY)
        numbers = []
        with db.session() as s:
            town = s.scalars(select(Grid).where(Grid.level == 1)).one()
            leaf = s.scalars(select(Grid).where(Grid.level == 3).order_by(Grid.code)).first()
            cat = s.scalars(select(Category).where(Category.key_area).order_by(Category.code)).first()
            assert leaf is not None and cat is not None
            texts = [LONG, "路灯(3盏)不亮，“夜间”出行不便……已报修；ABC-123号杆", "井盖缺失"]
            for i, text in enumerate(texts):
                seq = 900_001 + i
                reported = TODAY - timedelta(days=3 - i)
                number = f"2026-{seq:06d}"
                s.add(Case(number=number, township_id=town.id, year=2026, seq=seq, grid_id=leaf.id,
                           grid_code=leaf.code, category_id=cat.id, severity=Severity.GENERAL, source=Source.RESIDENT,
                           status=CaseStatus.IN_PROGRESS, summary=text[:20], description=text, reported_by="t",
                           reported_at=reported, due_at=reported + timedelta(days=1), instructions="立即处置",
                           updated_at=reported, updated_by="t"))  # fmt: skip
                numbers.append(number)
        yield Demo(db, url, numbers, numbers[0])
    finally:
        clock.set_clock(None)
        db.dispose()


# --- readers ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float
    text: str


def read_words(pdf: Path) -> tuple[list[Word], float, float]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    words: list[Word] = []
    width = height = 0.0
    for i, page in enumerate(root.iter("page"), start=1):
        width, height = float(page.get("width", 0)), float(page.get("height", 0))
        for w in page.iter("word"):
            words.append(Word(i, float(w.get("xMin", 0)), float(w.get("yMin", 0)), float(w.get("xMax", 0)),
                              float(w.get("yMax", 0)), w.text or ""))  # fmt: skip
    return words, width, height


def pdf_fonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def page_texts(pdf: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]


def geometry(db: Database, scope: LedgerScope, columns: list[str] | None = None) -> LedgerRenderer:
    """The layout the renderer used (column edges, where the table body starts), without drawing anything."""
    with db.sessions() as s:
        r = resolve_scope(s, scope, as_of=TODAY)
        fonts = fonts_mod.fonts_from_settings(s)
        sample = list(iter_ledger_rows(s, r))[:SAMPLE_ROWS]  # the rows the widths were measured on
    canvas = CompressingCanvas(BytesIO(), pagesize=(841.89, 595.28))
    return LedgerRenderer(canvas, fonts, r, choose_columns(columns), printed_at=TODAY, sample=sample)


def db_counts(db: Database, scope: LedgerScope) -> tuple[int, int, int]:
    start = datetime.combine(scope.date_from or date(2026, 1, 1), datetime.min.time())
    end = datetime.combine((scope.date_to or date(2026, 12, 31)) + timedelta(days=1), datetime.min.time())
    with db.sessions() as s:
        base = select(func.count(Case.id)).where(
            Case.reported_at >= start, Case.reported_at < end,
            Case.status.not_in([CaseStatus.REJECTED, CaseStatus.MERGED]),
        )  # fmt: skip
        total = s.scalar(base) or 0
        closed = s.scalar(base.where(Case.status.in_([CaseStatus.CLOSED, CaseStatus.EVALUATED]))) or 0
        overdue = s.scalar(
            base.where(Case.status.in_(OPEN_STATUSES - PAUSED_STATUSES), Case.due_at < TODAY)
        ) or 0  # fmt: skip
    return total, closed, overdue


def render(
    demo: Demo, tmp_path: Path, name: str = "ledger.pdf", **scope: Any
) -> tuple[Path, Any, LedgerScope]:
    sc = LedgerScope(**{**PERIOD, **scope})
    out = tmp_path / name
    clock.set_clock(lambda: TODAY)
    try:
        result = render_ledger(demo.db, sc, out, as_of=TODAY)
    finally:
        clock.set_clock(None)
    return out, result, sc


# --- the ledger ------------------------------------------------------------------------------------------------


def continued_text(row: Any, key: str, seq: int, continued: Counter[str]) -> str:
    """What column `key` shows of `row`: its cell, then 序号 / 编号（续） again for every page it continues on."""
    text = cell_text(row, key, seq)
    again = {"seq": str(seq), "number": f"{row.number}（续）"}.get(key, "")
    return text + again * continued[row.number]


def test_ledger_reads_back_exactly(demo: Demo, tmp_path: Path) -> None:
    pdf, result, scope = render(demo, tmp_path)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == result.pages > 3
    with demo.db.sessions() as s:
        rows = list(iter_ledger_rows(s, resolve_scope(s, scope, as_of=TODAY)))
    total, closed, overdue = db_counts(demo.db, scope)
    assert len(rows) == total == result.totals.total

    texts = page_texts(pdf)
    # the title and the header row on every page, the page numbers with the total
    for i, text in enumerate(texts, start=1):
        assert "三官庙街道问题整改台账" in text
        for title in ("序号", "编号", "发现日期", "问题描述", "整改措施", "完成情况", "销号日期", "备注"):
            assert title in text, (i, title)
        assert f"第 {i} 页" in text and f"共 {len(texts)} 页" in text
    # every case number once, and again on the top of each page a row continues on, marked （续）
    found = Counter(re.findall(r"\b\d{4}-\d{6}\b", "\n".join(texts)))
    continued = Counter(re.findall(r"\b(\d{4}-\d{6})\s*（续）", "\n".join(texts)))
    assert continued, "the long case continues on another page"
    assert found == Counter(r.number for r in rows) + continued
    # the summary block says what the database says
    m = re.search(r"共(\d+)件，已办结(\d+)件，未办结(\d+)件（其中办理超期(\d+)件），办结率([\d.]+)%", texts[-1])
    assert m is not None
    assert tuple(int(g) for g in m.groups()[:4]) == (total, closed, total - closed, overdue)
    assert m.group(5) == f"{closed * 100 / total:.2f}"
    assert "制表人" in texts[-1] and "审核人" in texts[-1] and "（盖章）" in texts[-1]

    # column by column, the text in the PDF equals the data, character for character, and stays in its column
    g = geometry(demo.db, scope)
    words, width, height = read_words(pdf)
    body_top = height - (g.table_top - g.header_h)  # top-down coordinates
    body_bottom = height - g.body_bottom
    summary_y = min(w.y0 for w in words if w.page == len(texts) and w.text.startswith("合计"))
    body = [
        w for w in words
        if body_top <= w.y0 and w.y1 <= body_bottom and not (w.page == len(texts) and w.y0 >= summary_y - 1)
    ]  # fmt: skip
    for ci, col in enumerate(g.columns):
        left, right = g.xs[ci], g.xs[ci + 1]
        mine = sorted((w for w in body if left <= w.x0 < right), key=lambda w: (w.page, round(w.y0, 1), w.x0))
        assert all(w.x1 <= right + 0.01 for w in mine), f"text spills out of column {col.title}"
        got = WS.sub("", "".join(w.text for w in mine))
        want = WS.sub("", "".join(continued_text(r, col.key, i, continued) for i, r in enumerate(rows, start=1)))
        assert got == want, col.title
    # nothing outside the page, nothing in the margins
    for w in words:
        assert 14 <= w.x0 and w.x1 <= width - 14 and 14 <= w.y0 and w.y1 <= height - 14, w

    # a description longer than a page continues on the next one, whole
    long_pages = {w.page for w in body if g.xs[5] <= w.x0 < g.xs[6] and w.text in WS.sub("", LONG)}
    assert len(long_pages) >= 2


def test_ledger_embeds_a_truetype_cjk_font(demo: Demo, tmp_path: Path) -> None:
    pdf, _result, _scope = render(demo, tmp_path, grid_code="410102006001000")
    rows = pdf_fonts(pdf)
    assert rows, "no fonts"
    for row in rows:
        name, emb = row[0], row[-5]
        assert emb == "yes", f"{name} is not embedded"
        assert "TrueType" in " ".join(row)
    assert any(re.search(r"WenQuanYi|SimSun|SimHei|FangSong", row[0], re.I) for row in rows)


def test_grouped_ledger_subtotals_add_up(demo: Demo, tmp_path: Path) -> None:
    pdf, result, scope = render(demo, tmp_path, group_by="department", open_only=True)
    text = "\n".join(page_texts(pdf))
    subtotals = [int(n) for n in re.findall(r"小计：共(\d+)件", text)]
    with demo.db.sessions() as s:
        rows = list(iter_ledger_rows(s, resolve_scope(s, scope, as_of=TODAY)))
    groups = list(dict.fromkeys(r.group for r in rows))
    assert len(subtotals) == len(groups) > 1
    assert sum(subtotals) == result.totals.total == len(rows)
    assert all(not r.closed for r in rows)
    for name in groups:
        assert name in text


def test_selected_columns_only(demo: Demo, tmp_path: Path) -> None:
    sc = LedgerScope(grid_code="410102006002000", date_from=date(2025, 10, 20), date_to=date(2026, 10, 20))
    out = tmp_path / "narrow.pdf"
    render_ledger(demo.db, sc, out, columns=["description", "progress"], as_of=TODAY)
    text = "\n".join(page_texts(out))
    assert "问题描述" in text and "完成情况" in text and "整改措施" not in text and "序号" in text


def test_empty_ledger_still_prints_summary(demo: Demo, tmp_path: Path) -> None:
    pdf, result, _ = render(demo, tmp_path, date_from=date(2020, 1, 1), date_to=date(2020, 1, 31))
    assert result.pages == 1 and result.totals.total == 0
    assert "本期无符合条件的问题" in page_texts(pdf)[0]


def test_ledger_on_both_backends(db: Database, tmp_path: Path) -> None:
    """The streaming query (server-side cursor on PostgreSQL) and the whole PDF on each backend."""
    from tests.test_ledger_data import add_case, build_town

    t = build_town(db)
    numbers = [
        add_case(
            db,
            t,
            grid=t.g11,
            status=CaseStatus.IN_PROGRESS,
            reported=datetime(2026, 3, 1) + timedelta(hours=i),
            summary=f"第{i}号问题：楼道堆放杂物",
        )  # fmt: skip
        for i in range(60)
    ]
    out = tmp_path / "both.pdf"
    result = render_ledger(db, LedgerScope(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)), out,
                           as_of=datetime(2026, 6, 1))  # fmt: skip
    text = "\n".join(page_texts(out))
    assert result.totals.total == 60 and all(text.count(n) == 1 for n in numbers)
    assert "第59号问题：楼道堆放杂物" in text


# --- the CLI ---------------------------------------------------------------------------------------------------


def test_cli_ledger_and_errors(demo: Demo, tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("gridconsole")
    out = tmp_path / "cli.pdf"
    ok = subprocess.run([str(exe), "--db", demo.url, "ledger", "--grid", "410102006001000", "--from", "2025-10-20",
                         "--to", "2026-10-20", "--group-by", "grid", "-o", str(out)],
                        capture_output=True, text=True, check=False)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert "已生成" in ok.stdout and len(PdfReader(str(out)).pages) >= 1
    bad_grid = subprocess.run([str(exe), "--db", demo.url, "ledger", "--grid", "123", "-o", str(out)],
                              capture_output=True, text=True, check=False)  # fmt: skip
    assert bad_grid.returncode == 2
    assert bad_grid.stderr.strip().splitlines() == ["gridconsole: 未知的网格编码：123"]
    bad_date = subprocess.run([str(exe), "--db", demo.url, "ledger", "--from", "2026-02-30", "-o", str(out)],
                              capture_output=True, text=True, check=False)  # fmt: skip
    assert bad_date.returncode == 2 and "无效的日期“2026-02-30”" in bad_date.stderr
    assert len(bad_date.stderr.strip().splitlines()) == 1


def test_cli_forms(demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "sheet.pdf"
    assert cli_main(["--db", demo.url, "case-sheet", demo.numbers[1], "-o", str(sheet)]) == 0
    bulletin = tmp_path / "bulletin.pdf"
    assert cli_main(["--db", demo.url, "bulletin", "--month", "2026-09", "-o", str(bulletin)]) == 0
    assert cli_main(["--db", demo.url, "bulletin", "--month", "2026-13", "-o", str(bulletin)]) == 2
    assert cli_main(["--db", demo.url, "notice", "2099-000001", "-o", str(tmp_path / "n.pdf")]) == 2
    err = capsys.readouterr().err
    assert "无效的月份“2026-13”" in err and "案件 2099-000001 不存在" in err
    # what was produced is in the audit log; what was refused produced nothing to audit
    with demo.db.sessions() as s:
        rows = s.execute(
            select(AuditLog.object).where(
                AuditLog.event == "export", AuditLog.object.in_(["案件处理单", "月通报"])
            )
        ).scalars()
        assert sorted(rows) == ["月通报", "案件处理单"]


# --- the forms -------------------------------------------------------------------------------------------------


def test_supervision_notices(demo: Demo, tmp_path: Path) -> None:
    with demo.db.sessions() as s:
        numbers = overdue_case_numbers(s, as_of=TODAY)[:3]
    assert len(numbers) == 3
    out = tmp_path / "notice.pdf"
    clock.set_clock(lambda: TODAY)
    try:
        pages = render_notices(demo.db, numbers, out)
    finally:
        clock.set_clock(None)
    texts = page_texts(out)
    assert pages == len(texts) == 3
    for number, text in zip(numbers, texts, strict=True):
        assert (
            "督" in text
            and number in text
            and "已超期" in text
            and "三官庙街道网格化服务中心（盖章）" in text
        )
    assert all(row[-5] == "yes" for row in pdf_fonts(out))


def test_case_sheet_has_the_whole_history(demo: Demo, tmp_path: Path) -> None:
    from console.workflow.read import case_detail

    with demo.db.sessions() as s:
        number = s.scalar(
            select(Case.number).where(Case.status == CaseStatus.EVALUATED).order_by(Case.id).limit(1)
        )
        assert number is not None
        detail = case_detail(s, number)
    out = tmp_path / "sheet.pdf"
    render_case_sheet(demo.db, number, out)
    text = WS.sub("", "".join(page_texts(out)))
    assert "案件处理单" in text and number in text
    assert len(detail.history) >= 5
    pos = -1
    for h in detail.history:  # every step, in order
        nxt = text.find(WS.sub("", h.action_label), pos + 1)
        assert nxt > pos, h.action_label
        pos = nxt
    if detail.reporter_phone:
        assert detail.reporter_phone not in text  # masked on paper


def test_monthly_bulletin_figures(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "bulletin.pdf"
    render_bulletin(demo.db, 2026, 9, out)
    with demo.db.sessions() as s:
        figures = monthly_figures(s, 2026, 9)
    text = WS.sub("", "".join(page_texts(out)))
    assert f"全辖区共上报问题{figures.total.reported}件，立案{figures.total.accepted}件" in text
    assert (
        figures.total.reported
        == sum(r.reported for r in figures.by_grid)
        == sum(r.reported for r in figures.by_department)
    )
    for row in figures.by_grid:
        assert row.name in text


# --- fonts -----------------------------------------------------------------------------------------------------


def test_missing_fonts_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FontUnavailable, match="字体文件不存在"):
        register_fonts("/nonexistent/simfang.ttf")
    monkeypatch.setattr(fonts_mod, "font_dirs", lambda: [tmp_path])
    with pytest.raises(FontUnavailable, match="fonts-wqy-zenhei") as err:
        register_fonts()
    assert str(tmp_path) in str(err.value)
    with pytest.raises(FontUnavailable, match="黑体（simhei.ttf）未安装"):
        fonts_mod.resolve("title", "simhei")
    not_a_font = tmp_path / "broken.ttf"
    not_a_font.write_bytes(b"not a font")
    with pytest.raises(FontUnavailable, match="无法嵌入"):
        register_fonts(str(not_a_font))
