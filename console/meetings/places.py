"""What makes two reports come from the same place (同一地点反复反映), once for Python and for SQL.

The duplicate finder (`console.duplicates.normalize`) compares texts without case, spaces and punctuation; an
address is folded the same way here, and full-width digits read as ASCII ones, so "绿云路8号", "绿云路 8 号" and
"绿云路８号。" are one place. The SQL form is what the triggers of migration 0014 and `counted.rebuild` compute;
the migration keeps its own copy, and `tests/test_meetings_counts.py` holds the three to the same result.
"""

from __future__ import annotations

#: characters an address keeps no meaning in (spaces and the punctuation of Chinese and ASCII addresses)
IGNORED = " \u3000,，.。、-－—()（）#＃/·"
#: full-width digits and their ASCII form
DIGITS = {chr(0xFF10 + i): str(i) for i in range(10)}
_ASCII_LOWER = {ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def place_key(address: str) -> str:
    """The place an address names, folded as the SQL form folds it."""
    out = address
    for ch in IGNORED:
        out = out.replace(ch, "")
    for wide, narrow in DIGITS.items():
        out = out.replace(wide, narrow)
    return out.translate(_ASCII_LOWER)


def place_key_sql(expr: str, postgres: bool) -> str:
    """The SQL expression folding the address `expr`. PostgreSQL: one `translate` (characters without a
    counterpart are dropped). SQLite has no `translate` and its parser refuses ~30 nested calls: the spaces and
    punctuation go in a subquery, the digits outside it."""
    wide, narrow = "".join(DIGITS), "".join(DIGITS.values())
    if postgres:
        return f"lower(translate({expr}, '{wide}{IGNORED}', '{narrow}'))"
    inner = expr
    for ch in IGNORED:
        inner = f"replace({inner}, '{ch}', '')"
    outer = "k"
    for w, n in DIGITS.items():
        outer = f"replace({outer}, '{w}', '{n}')"
    return f"(SELECT lower({outer}) FROM (SELECT {inner} AS k))"
