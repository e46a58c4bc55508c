"""Grid codes (网格编码), read once for everyone: 9-digit division code + 3-digit level-2 + 3-digit level-3.

A township is `XXXXXXXXX000000`, a village/community `XXXXXXXXXNNN000`, a group/compound `XXXXXXXXXNNNNNN`, so
a grid's subtree is a code prefix. The queue, the ledger, the post scopes and the PostgreSQL policies all ask
this module (the SQL form is `subtree_prefix_sql`), so they cannot disagree on what a subtree is.
"""

from __future__ import annotations

import re
import unicodedata


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


_EXCEL_FLOAT = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


def normalize_code(text: str) -> str:
    """A grid code as typed or pasted: NFKC (full-width digits are the digits they are), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def code_problem(text: str) -> str | None:
    """Why `text` cannot be a grid code at all (a hint beyond "unknown"), or None when it has the form of one."""
    code = normalize_code(text)
    if _EXCEL_FLOAT.match(code):
        return (
            f"网格编码“{text}”是被 Excel 转成科学计数法的数字，原编码的后几位已丢失：请把该列设为“文本”格式，"
            "重新填写完整的15位编码"
        )
    if not code.isdigit():
        return f"网格编码“{text}”含有数字以外的字符：网格编码应为15位数字"
    if len(code) != 15:
        return f"网格编码“{text}”有{len(code)}位：网格编码应为15位数字（区县6位+乡镇3位+村社区3位+网格3位）"
    return None
