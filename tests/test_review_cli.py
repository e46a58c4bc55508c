"""`gridconsole review …` on the fixed month (tests/review_data.py): figures, rank, drill, freeze, appeal,
spot checks, flags and the XLSX export."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from console import clock
from console.cli.main import main
from console.db import Database, make_engine
from tests.review_data import build_month


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(sqlite_url: str) -> str:
    db = Database(make_engine(sqlite_url))
    build_month(db)
    db.dispose()
    clock.set_clock(lambda: datetime(2026, 12, 2, 9, 0))
    yield sqlite_url  # type: ignore[misc]
    clock.set_clock(None)


def test_figures_rank_drill_and_flags(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "review", "figures", "2026-11", "--level", "3")
    assert code == 0
    assert "2026年11月 网格考核（实时计算（未冻结）" in out
    assert "结案率\t57.14%\t57.14%\t—" in out  # 合计, 一号楼院, 二号楼院
    assert "结案率 = 结案数 ÷ 应结案数（口径：按到期日" in out
    code, out, _ = run(capsys, "--db", url, "--json", "review", "figures", "2026-11", "--by", "department")
    data = json.loads(out)
    assert next(f for f in data["figures"] if f["key"] == "dispatch_accuracy")["values"]["*"] == "87.50%"
    code, out, _ = run(capsys, "--db", url, "review", "rank", "2026-11", "--by", "department")
    lines = out.splitlines()
    assert lines[2].startswith("1\t行政执法中队") and lines[2].endswith("70.00\tC\t新")
    assert lines[3].startswith("2\t环保办") and lines[3].endswith("49.14\tD\t↓1")
    code, out, _ = run(capsys, "--db", url, "review", "drill", "2026-11", "结案率", "--part", "left_out")
    assert out.count("未到期（办结时限在统计时点之后）") == 2 and "已计入当期" in out
    code, out, _ = run(capsys, "--db", url, "review", "flags", "2026-11", "--by", "department")
    assert "退回占比\t50.00%（阈值 20%）\t1 件" in out


def test_freeze_appeal_spot_check_and_export(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ("--db", url, "review")
    assert run(capsys, *base, "freeze", "2026-11", "compute", "--by", "department")[0] == 0
    assert run(capsys, *base, "freeze", "2026-11", "publish", "--by", "department")[0] == 0
    code, out, _ = run(capsys, *base, "appeal", "2026-11", "--by", "department", "--group", "2", "--figure", "超期数",
                       "--reason", "等待县级答复")  # fmt: skip
    assert code == 0 and "申诉已登记（编号 1）" in out
    code, _, err = run(capsys, *base, "freeze", "2026-11", "approve", "--by", "department")
    assert code == 2 and "还有 1 件申诉未裁定" in err
    assert run(capsys, *base, "appeal", "2026-11", "--by", "department", "--decide", "1", "--note", "不成立")[0] == 0
    assert run(capsys, *base, "freeze", "2026-11", "approve", "--by", "department")[0] == 0
    code, out, _ = run(capsys, *base, "freeze", "2026-11", "freeze", "--by", "department")
    assert code == 0 and "已冻结（frozen），内容摘要 " in out
    code, out, _ = run(capsys, *base, "rank", "2026-11", "--by", "department")
    assert "已冻结" in out.splitlines()[0]
    code, out, _ = run(capsys, "--db", url, "--json", "review", "spot-check", "2026-11", "--size", "2", "--seed", "7")
    first = json.loads(out)
    code, out, _ = run(capsys, "--db", url, "--json", "review", "spot-check", "2026-11", "--size", "2", "--seed", "7")
    assert [i["case_id"] for i in json.loads(out)["items"]] == [i["case_id"] for i in first["items"]]
    code, out, _ = run(capsys, *base, "spot-check", "--record", str(first["items"][0]["item"]), "--outcome", "confirmed")
    assert code == 0 and "确认已解决" in out
    out_file = tmp_path / "考核.xlsx"
    assert run(capsys, *base, "export", "2026-11", "--by", "department", "--out", str(out_file))[0] == 0
    wb = load_workbook(out_file)
    assert wb.sheetnames == ["指标", "排名", "预警"]
    assert wb["排名"]["B2"].value == "行政执法中队"
    code, _, err = run(capsys, *base, "figures", "十一月")
    assert code == 2 and err.startswith("gridconsole: 无法识别统计周期“十一月”")


def test_review_bulletin_pdf(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_reports_pdf import page_texts

    out = tmp_path / "月通报.pdf"
    code, text, err = run(capsys, "--db", url, "review", "bulletin", "2026-11", "-o", str(out))
    assert code == 0, err
    pages = "".join(page_texts(out)).replace(" ", "").replace("\n", "")
    assert "三官庙街道网格化管理工作月通报" in pages and "全辖区共上报问题9件，立案8件" in pages
    assert "结案率57.14%" in pages and "考核细则第0版" in pages and "结案率=结案数÷应结案数" in pages
    assert "表扬网格：绿云社区" in pages and "表扬部门：无" in pages and "通报批评部门：环保办（49.14分）" in pages
    assert "退回占比" in pages  # the flags
    # grid workers (王建国 holds 一号楼院, every case but J): 上报 8, 有效上报率 7/8, 立案 7, 按时核查 and 满意
    # 100%, 首报 0, 漏报 1 of 7; scored by the grid rules: 87.5×40% + 100×20% + 100×20% + (1 − 1/7)×100×20%
    # = 92.14, 漏报 −10 → 82.14, B; first in October as well (→)
    assert "三、各网格员考核指标" in pages and "（网格员考核：" not in pages  # both live: no status of its own
    assert "王建国887.50%7100.00%100.00%0114.29%" in pages
    assert "1王建国92.14-10.0082.14B→" in pages and "四、综合排名" in pages
    assert "表扬网格员：王建国（82.14分）" in pages and "通报批评网格员：无" in pages
    assert "网格、网格员得分=有效上报率×10040%" in pages and "网格员：计入其在本期任一时间任职" in pages
    assert "按时核查率=在核查时限内核查的案件数" in pages  # the worker columns' formulas
    # every font embedded, the charts' too (reportlab's renderer would otherwise set a bare Helvetica)
    used = {str(f.get_object()["/BaseFont"]) for page in PdfReader(str(out)).pages
            for f in page["/Resources"]["/Font"].values()}  # fmt: skip
    assert used and all("+" in name for name in used), used  # subset-embedded: ABCDEF+Name
    code, _, err = run(capsys, "--db", url, "review", "bulletin", "2026Q4", "-o", str(out))
    assert code == 2 and "尚未冻结" in err


def test_quarterly_assessment_pdf_adds_up_the_frozen_months(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from console.review import freezing
    from console.review.periods import month
    from console.review.scopes import DEPARTMENT, GRID, WORKER, Scope
    from tests.test_reports_pdf import page_texts

    db = Database(make_engine(url))
    at = datetime(2027, 1, 5)
    with db.write_session() as s:
        for m in (10, 11, 12):
            for scope in (Scope(GRID, level=2), Scope(DEPARTMENT)):
                row = freezing.compute(s, month(2026, m), scope, "督查员", at)
                for step in (freezing.publish, freezing.approve, freezing.freeze):
                    step(s, row.id, "主任", at)
    db.dispose()
    out = tmp_path / "季考核.pdf"
    clock.set_clock(lambda: at)
    code, _, err = run(capsys, "--db", url, "review", "bulletin", "2026Q4", "-o", str(out))
    assert code == 0, err
    text = "".join(page_texts(out)).replace(" ", "").replace("\n", "")
    # October H and I, November's nine: eleven reports in the quarter; closed H (Oct), I A B F (Nov)
    assert "三官庙街道季度考核通报" in text and "2026年第4季度" in text and "已冻结" in text
    assert "全辖区共上报问题11件" in text and "结案5件" in text
    # grid workers' months were not frozen: their section says so, the rest of the assessment stands
    assert "三、各网格员考核指标本期网格员考核结果未能汇总：2026年第4季度的考核汇总已冻结的月度结果" in text
    assert "表扬网格员" not in text and "四、综合排名" in text
    with db.write_session() as s:  # once they are, the quarter adds up theirs too
        for m in (10, 11, 12):
            row = freezing.compute(s, month(2026, m), Scope(WORKER), "督查员", at)
            for step in (freezing.publish, freezing.approve, freezing.freeze):
                step(s, row.id, "主任", at)
    db.dispose()
    code, _, err = run(capsys, "--db", url, "review", "bulletin", "2026Q4", "-o", str(out))
    assert code == 0, err
    text = "".join(page_texts(out)).replace(" ", "").replace("\n", "")
    # 王建国 (一号楼院): October's H and I and November's eight; 有效 2 + 7 of 10; 立案 2 + 7
    assert "未能汇总" not in text and "王建国1090.00%9" in text and "表扬网格员：王建国" in text
