"""Printed forms an office files without retyping (issue 18), read back with real readers (pdftotext -bbox,
pdffonts, pypdf): every character of people's and villages' names printed or named before printing, rows
continued across pages with their 序号/编号（续） and no half-empty pages, official dates and line breaking,
and the 督办单 with its number series, blanks and receipt, recorded as a 督办 step on the case."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from console import clock
from console.cli.main import main as cli_main
from console.db import Database, make_engine
from console.domain import CaseStatus
from console.ledger import LedgerScope
from console.models import CaseHistory
from console.models.notice import SupervisionNotice
from reports.fonts import PLACEHOLDER, WidthTable, chain_for, register_fonts
from reports.forms import render_case_sheet, render_notices
from reports.layout import cn_date, wrap
from reports.ledger import render_ledger
from tests.test_ledger_data import Town, add_case, build_town
from tests.test_reports_pdf import pdf_fonts, read_words
from tests.test_security_pg import Setup, pg  # noqa: F401 - the fixture

NOW = datetime(2026, 12, 5, 10, 0)
CORPUS = "𠮷𡈽㙟堃犇龘"  # Ext. B, Ext. B, Ext. A, URO (rare), URO, URO
NO_FONT = "\U0002ebf0"  # CJK Extension I: no free font has it yet
SCOPE = LedgerScope(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


@pytest.fixture
def town(sqlite_url: str) -> Iterator[tuple[Database, Town]]:
    db = Database(make_engine(sqlite_url))
    clock.set_clock(lambda: NOW)
    try:
        yield db, build_town(db)
    finally:
        clock.set_clock(None)
        db.dispose()


def text_of(pdf: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)


# --- every character ----------------------------------------------------------------------------------------


def test_the_fallback_chain_covers_the_corpus() -> None:
    fonts = register_fonts()
    for name in (fonts.body, fonts.title, fonts.cell):
        chain = chain_for(name)
        assert chain.missing(CORPUS) == "", name
        assert chain.missing(NO_FONT) == NO_FONT
        assert chain.index("王") == 0  # common characters stay in the chosen face


def test_rare_characters_round_trip_through_the_ledger(town: tuple[Database, Town], tmp_path: Path) -> None:
    db, t = town
    number = add_case(db, t, grid=t.g11, status=CaseStatus.IN_PROGRESS, reported=datetime(2026, 3, 2, 9),
                      summary=f"王{CORPUS[0]}反映", description=f"村民{CORPUS}家门口积水，{NO_FONT}姓住户同样反映",
                      lead_department_id=t.env)  # fmt: skip
    plain = add_case(db, t, grid=t.g21, status=CaseStatus.IN_PROGRESS, reported=datetime(2026, 3, 3, 9))
    out = tmp_path / "ledger.pdf"
    result = render_ledger(db, SCOPE, out, as_of=NOW)
    text = re.sub(r"\s+", "", text_of(out))
    for ch in CORPUS:
        assert ch in text, f"{ch} U+{ord(ch):04X} lost from the text layer"
    assert f"王{CORPUS[0]}反映" in text
    # the one character no face has: drawn as 〓, never dropped, and named with its case before printing
    assert NO_FONT not in text and PLACEHOLDER in text
    assert list(result.unprintable.chars) == [NO_FONT]
    assert result.unprintable.chars[NO_FONT] == [f"案件 {number}"]
    message = result.unprintable.message()
    assert message.startswith("1 个字无法显示：") and number in message and plain not in message
    # the fallback faces are embedded TrueType subsets like the main one
    fonts = pdf_fonts(out)
    assert any("HanaMin" in row[0] for row in fonts)
    assert all(row[-5] == "yes" for row in fonts if row[0] != "Helvetica")


def test_cli_names_unprintable_characters(
    town: tuple[Database, Town], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, t = town
    url = db.engine.url.render_as_string(hide_password=False)
    number = add_case(db, t, grid=t.g11, status=CaseStatus.IN_PROGRESS, reported=datetime(2026, 3, 2, 9),
                      summary=f"王{CORPUS[0]}反映{NO_FONT}")  # fmt: skip
    out = tmp_path / "l.pdf"
    assert cli_main(["--db", url, "ledger", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 个字无法显示" in err and f"U+{ord(NO_FONT):04X}" in err and number in err
    assert f"王{CORPUS[0]}反映" in text_of(out)


def test_forms_use_the_chain_too(town: tuple[Database, Town], tmp_path: Path) -> None:
    db, t = town
    number = add_case(db, t, grid=t.g11, status=CaseStatus.IN_PROGRESS, reported=datetime(2026, 3, 2, 9),
                      summary=f"{CORPUS}反映", reporter_name=f"王{CORPUS[1]}")  # fmt: skip
    out = tmp_path / "sheet.pdf"
    render_case_sheet(db, number, out)
    text = text_of(out)
    assert f"{CORPUS}反映" in text and f"王{CORPUS[1]}" in text


# --- pages --------------------------------------------------------------------------------------------------


def test_long_rows_continue_and_pages_stay_full(town: tuple[Database, Town], tmp_path: Path) -> None:
    db, t = town
    rng = random.Random(18)
    sentence = "小区北门外长期有流动摊贩占道经营，早晚高峰时段尤为严重，居民多次反映要求整治。"
    numbers = []
    for i in range(70):
        text = sentence * rng.choice([1, 2, 4, 8, 15])  # up to 600 characters
        numbers.append(add_case(db, t, grid=t.g11 if i % 2 else t.g21, status=CaseStatus.IN_PROGRESS,
                                reported=datetime(2026, 2, 1) + timedelta(hours=i), description=text,
                                lead_department_id=t.env))  # fmt: skip
    out = tmp_path / "ledger.pdf"
    result = render_ledger(db, SCOPE, out, as_of=NOW)
    g = geometry_of(db)
    words, _width, height = read_words(out)
    body_top, body_bottom = height - (g.table_top - g.header_h), height - g.body_bottom
    continued = 0
    for page in range(1, result.pages + 1):
        mine = [w for w in words if w.page == page and body_top <= w.y0 and w.y1 <= body_bottom]
        bottom = max(w.y1 for w in mine)
        fill = (bottom - body_top) / (body_bottom - body_top)
        if page < result.pages:
            assert fill >= 0.6, f"page {page} only {fill:.0%} full"
        # a row continued from the page before is headed with its 序号, 编号 and （续）
        top_row = sorted(mine, key=lambda w: (w.y0, w.x0))
        first_number = next(w for w in top_row if g.xs[1] <= w.x0 < g.xs[2])
        below = [w.text for w in top_row if g.xs[1] <= w.x0 < g.xs[2] and 0 < w.y0 - first_number.y0 < 14]
        if below and below[0] == "（续）":
            continued += 1
            seq_cell = next(w for w in top_row if g.xs[0] <= w.x0 < g.xs[1])
            assert int(seq_cell.text) == numbers.index(first_number.text) + 1
    assert continued >= 2, "long rows are split at line boundaries, not pushed to a new page"
    # the old layout pushed every row that did not fit to a new page: this run needs fewer pages
    total_lines = sum(1 for w in words if g.xs[5] <= w.x0 < g.xs[6])
    assert result.pages <= total_lines // g.max_lines + 2


def geometry_of(db: Database) -> object:
    from io import BytesIO

    from console.ledger import iter_ledger_rows, resolve_scope
    from reports.fonts import fonts_from_settings
    from reports.layout import CompressingCanvas
    from reports.ledger import COLUMNS, LedgerRenderer

    with db.sessions() as s:
        r = resolve_scope(s, SCOPE, as_of=NOW)
        fonts = fonts_from_settings(s)
        sample = list(iter_ledger_rows(s, r))
    return LedgerRenderer(CompressingCanvas(BytesIO()), fonts, r, list(COLUMNS), printed_at=NOW, sample=sample)


# --- typography ---------------------------------------------------------------------------------------------


def test_dates_without_zero_padding(town: tuple[Database, Town], tmp_path: Path) -> None:
    db, t = town
    add_case(db, t, grid=t.g11, status=CaseStatus.IN_PROGRESS, reported=datetime(2026, 3, 2, 9))
    out = tmp_path / "ledger.pdf"
    render_ledger(db, SCOPE, out, as_of=NOW)
    text = re.sub(r"\s+", "", text_of(out))
    assert "制表日期：2026年12月5日" in text and "2026年1月1日至2026年12月31日" in text
    assert "年12月05日" not in text and "年01月" not in text
    assert cn_date(date(2026, 1, 9)) == "2026年1月9日"


def test_line_breaking_rules() -> None:
    fonts = register_fonts()
    widths = WidthTable(fonts.cell)
    size = 9.0
    em = widths.width("中", size)

    def lines(text: str, chars: float) -> list[str]:
        return [line for line, _w in wrap(text, widths, size, em * chars + 0.01)]

    # no closing punctuation at a line start, no opening one at a line end
    for text in ("一二三四五，六七八", "一二三四（五六七）八", "一二三四“五六”七八九"):
        out = lines(text, 5)
        assert "".join(out) == text
        assert not any(line[0] in "，。）”" for line in out[1:]), out
        assert not any(line[-1] in "（“" for line in out[:-1]), out
    # no one-character orphan of a short name
    assert lines("行政执法中队", 5) == ["行政执法", "中队"]
    # the community and the grid break at their separator
    assert lines("大里社区·大里街区", 6) == ["大里社区·", "大里街区"]
    # no line starts with a space
    out = lines("abc def ghi jkl mno pqr stu", 4)
    assert all(not line.startswith(" ") for line in out) and "".join(out) == "abc def ghi jkl mno pqr stu"


# --- the 督办单 ----------------------------------------------------------------------------------------------


def overdue_cases(db: Database, t: Town, n: int) -> list[str]:
    return [
        add_case(db, t, grid=t.g11, status=CaseStatus.IN_PROGRESS, reported=datetime(2026, 11, 2, 9) + timedelta(hours=i),
                 due_at=datetime(2026, 11, 10, 17), lead_department_id=t.env, responsible_person_id=t.person,
                 dispatched_at=datetime(2026, 11, 3, 9), summary=f"楼道堆放杂物{i}")
        for i in range(n)
    ]  # fmt: skip


def test_notice_numbers_blanks_receipt_and_the_supervise_step(db: Database, tmp_path: Path) -> None:
    clock.set_clock(lambda: NOW)
    try:
        t = build_town(db)
        numbers = overdue_cases(db, t, 3)
        first = tmp_path / "n1.pdf"
        assert render_notices(db, numbers[:2], first, actor="督查员甲") == 2
        second = tmp_path / "n2.pdf"
        assert render_notices(db, numbers[2:], second, actor="督查员甲") == 1
        preview = tmp_path / "p.pdf"
        render_notices(db, numbers[:1], preview)  # a preview takes no number and records nothing
    finally:
        clock.set_clock(None)
    pages = [p.extract_text() or "" for p in PdfReader(str(first)).pages]
    pages += [p.extract_text() or "" for p in PdfReader(str(second)).pages]
    for k, (number, text) in enumerate(zip(numbers, pages, strict=True), start=1):
        flat = re.sub(r"\s+", "", text)
        assert f"督〔2026〕{k}号" in flat and "〕2026-" not in flat  # the year once, not doubled
        assert number in flat and "督办单回执" in flat and "沿此线剪下" in flat
        assert "2026年12月5日" in flat
    with db.sessions() as s:
        rows = s.execute(select(SupervisionNotice.year, SupervisionNotice.seq, SupervisionNotice.history_id)).all()
        assert sorted((y, n) for y, n, _h in rows) == [(2026, 1), (2026, 2), (2026, 3)]
        steps = s.scalars(select(CaseHistory).where(CaseHistory.action == "supervise")).all()
        assert len(steps) == 3 and {h.id for h in steps} == {h for _y, _n, h in rows}
        assert sorted(h.note for h in steps)[0].endswith("督〔2026〕1号")
    assert "督〔2026〕1号" not in re.sub(r"\s+", "", text_of(preview))

    # the fill-in blanks keep room to write: "限 ____ 年 __ 月 __ 日前办结", "签收人：______"
    words, _w, _h = read_words(first)
    page1 = [w for w in words if w.page == 1]
    limit = next(w for w in page1 if w.text.startswith("限"))
    same_line = sorted((w for w in page1 if abs(w.y0 - limit.y0) < 2 and w.x0 >= limit.x0), key=lambda w: w.x0)
    year = next(w for w in same_line if w.text.startswith("年"))
    month = next(w for w in same_line if w.text.startswith("月"))
    assert year.x0 - limit.x1 >= 36 and month.x0 - year.x1 >= 20
    signer = next(w for w in page1 if w.text.startswith("签收人"))
    after = [w for w in page1 if abs(w.y0 - signer.y0) < 2 and w.x0 > signer.x1]
    assert not after or min(w.x0 for w in after) - signer.x1 >= 60


def test_cli_notice_issues_and_reports_numbers(
    town: tuple[Database, Town], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, t = town
    url = db.engine.url.render_as_string(hide_password=False)
    numbers = overdue_cases(db, t, 2)
    assert cli_main(["--db", url, "notice", *numbers, "-o", str(tmp_path / "n.pdf")]) == 0
    out = capsys.readouterr().out
    assert f"督〔2026〕1号（{numbers[0]}）" in out and f"督〔2026〕2号（{numbers[1]}）" in out
    assert cli_main(["--db", url, "notice", "--preview", numbers[0], "-o", str(tmp_path / "p.pdf")]) == 0
    assert "未编号" in capsys.readouterr().out
    with db.sessions() as s:
        assert len(s.scalars(select(SupervisionNotice)).all()) == 2


@pytest.mark.pg
def test_a_dispatcher_issues_notices_with_their_own_login(pg: Setup, tmp_path: Path) -> None:  # noqa: F811
    """On PostgreSQL the dispatcher's own login role numbers the notice and records the 督办 step (grants);
    a department handler cannot write a notice number."""
    from console.models import Case

    later = clock.now()
    with pg.db.session() as s:  # three days past its deadline (the owner's fix-up: the server's check passes it;
        # a person's login acts only at the server's own time, so the case is made late rather than the clock)
        case = s.get(Case, pg.env_case)
        assert case is not None and case.due_at is not None
        number = case.number
        case.due_at = case.stage_due_at = later - timedelta(days=3)
    dispatcher = pg.app_db("disp")
    try:
        assert render_notices(dispatcher, [number], tmp_path / "n.pdf", actor=pg.logins["disp"]) == 1
    finally:
        dispatcher.dispose()
    assert f"督〔{later.year}〕1号" in re.sub(r"\s+", "", text_of(tmp_path / "n.pdf"))
    with pg.db.sessions() as s:
        step = s.scalars(select(CaseHistory).where(CaseHistory.case_id == pg.env_case,
                                                   CaseHistory.action == "supervise")).one()  # fmt: skip
        assert step.actor == pg.logins["disp"]
    with pg.connect("env") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO supervision_notice (year, seq, case_id, chased, issued_at, issued_by)"
            " VALUES (2099, 1, %s, 'x', now(), 'x')",
            (pg.env_case,),
        )


def test_the_screen_falls_back_like_the_paper(qapp: object) -> None:
    """The window's font chain ends in the same faces as the PDFs', so 𠮷 shows on screen as on paper."""
    from PySide6.QtGui import QFont, QFontMetrics

    from ui.fonts import apply_chinese_font, fallback_families

    family = apply_chinese_font(qapp)  # type: ignore[arg-type]
    assert family
    chain = fallback_families(family)
    assert [f.lower() for f in QFont.substitutes(family)] == [f.lower() for f in chain]  # Qt lower-cases them
    assert {"HanaMinA", "HanaMinB"} <= set(chain)
    assert qapp.font().families()[1:] == chain  # type: ignore[attr-defined]
    covered = {ch for ch in CORPUS if any(QFontMetrics(QFont(f)).inFontUcs4(ord(ch)) for f in [family, *chain])}
    assert covered == set(CORPUS)
