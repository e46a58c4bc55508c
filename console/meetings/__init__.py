"""Consultation meetings (每周会商 / 民情分析会): from the queue to the printed minutes and back into the cases.

`meetings` holds the meeting itself (numbering, status, attendance, approval and frozen minutes, addenda),
`proposal` the agenda rules (each one indexed query), `agenda` drawing and editing the agenda, `decisions` the
typed decisions, applying them through `CaseService` and their follow-up, `access` who may do what, `read` the
plain views the CLI, the PDFs and the window show. No Qt here.
"""
