"""Grid codes (网格编码), read once for everyone: 9-digit division code + 3-digit level-2 + 3-digit level-3.

A township is `XXXXXXXXX000000`, a village/community `XXXXXXXXXNNN000`, a group/compound `XXXXXXXXXNNNNNN`, so
a grid's subtree is a code prefix. The queue, the ledger, the post scopes and the PostgreSQL policies all ask
this module (the SQL form is `subtree_prefix_sql`), so they cannot disagree on what a subtree is.
"""

from __future__ import annotations


def code_level(code: str) -> int:
    """The level a well-formed code implies: `…000000` → 1, `…000` → 2, else 3."""
    if code[9:] == "000000":
        return 1
    if code[12:] == "000":
        return 2
    return 3


def parent_code_of(code: str) -> str | None:
    """The code of the parent the code implies (None for a township)."""
    level = code_level(code)
    if level == 1:
        return None
    if level == 2:
        return code[:9] + "000000"
    return code[:12] + "000"


def subtree_prefix(code: str) -> str:
    """The prefix every code in the subtree of `code` starts with (queries use `LIKE prefix%`): the code with
    its trailing `000` groups stripped, so a division code above the township (`110105000000000`) names its
    townships too."""
    while len(code) > 6 and code.endswith("000"):
        code = code[:-3]
    return code


def subtree_prefix_sql(column: str) -> str:
    """`subtree_prefix` as a PostgreSQL expression over a code column (for generated policies)."""
    return (
        f"CASE WHEN substr({column}, 10) = '000000' THEN substr({column}, 1, 9) "
        f"WHEN substr({column}, 13) = '000' THEN substr({column}, 1, 12) ELSE {column} END"
    )
