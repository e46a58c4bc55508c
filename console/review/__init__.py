"""Supervisory inspection review (督查考核): figures computed from the records, never typed in.

- `periods`: the month, quarter, year or custom range a figure covers;
- `scopes`: whom a figure is about (grid subtree, department, person) and how cases are grouped by them;
- `rules`: the configurable counting choices, printed beside the figures they change;
- `case_sets`: the sets of cases each figure counts, one grouped SQL select each (so the count, the drill-down
  and the frozen case ids come from the same definition);
- `figures`: every figure once, with its formula text, and `compute_figures` (one round trip, grouped SQL);
- `month_sets`: a completed month's sets and the weekly trend counted from the tables triggers keep
  (migration 0013) wherever they answer exactly as the scans would.

Glossary: 上报 reported, 有效上报 valid report, 立案 accepted, 派遣 dispatched, 准确派遣 accurate dispatch,
处置 handled (fed back), 应结案 due for closing, 结案 closed, 按期 on time, 超期 overdue, 返工 rework,
延期 extension, 挂账 long-term, 督办 supervised, 核查 verification, 回访 call-back, 首报 first report,
漏报 missed report.
"""
