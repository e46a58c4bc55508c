"""Every review table as XLSX (figures with formulas, rankings, flags): openpyxl, as the import uses."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from console.review.figures import FIGURES, TOTAL
from console.review.monitors import flags
from console.review.results import Review


def write_xlsx(r: Review, out: str | Path) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    t = r.table
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "指标"
    groups = [TOTAL, *t.keys]
    ws.append([f"{t.period.label}考核指标（{r.status_label}，考核细则第 {r.rules.version} 版）"])
    ws.append(["指标", *["合计" if g == TOTAL else t.names.get(g, g) for g in groups], "公式", "口径"])
    for f in FIGURES:
        ws.append([f.label, *[t.text(f, g) for g in groups], f.formula, "；".join(t.rule_texts(f))])
    ranks = wb.create_sheet("排名")
    ranks.append(["名次", "对象", "基础分", "加减分", "综合得分", "等级", "升降"])
    for s in r.scores:
        ranks.append([s.rank, s.name, s.base, s.adjustment, s.total, s.grade, s.movement_text])
    fl = wb.create_sheet("预警")
    fl.append(["对象", "监测项", "数值", "阈值", "案件数"])
    for flag in flags(t, r.rules):
        fl.append([flag.name, flag.label, flag.value_text, flag.threshold_text, flag.count])
    for sheet in wb.worksheets:
        for cell in sheet[1 if sheet is not ws else 2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        sheet.column_dimensions["A"].width = 18
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
