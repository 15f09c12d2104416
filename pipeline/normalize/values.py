"""Typed cell values: counts (審査件数) and flags (有/無).

These parsers are strict on purpose: a value that does not look exactly like
a count or a flag raises NormalizeError quoting the input, instead of being
guessed. A wrong number in the warehouse is worse than a visible error, and
the check stage reconciles counts, so a silent guess would surface later as a
reconciliation failure far from its cause.
"""

from __future__ import annotations

import re

from pipeline.normalize.errors import NormalizeError
from pipeline.normalize.text import nfkc

_WHITESPACE = re.compile(r"\s+")
# Characters a count cell may contain before NFKC: ASCII and full-width digits,
# commas, whitespace. Checked on the raw text because NFKC also turns ², ①, ⑽
# and the like into digits, and a footnote mark read as a digit is a wrong count.
_COUNT_CHARS = re.compile(r"[0-9\uff10-\uff19,\uff0c\s]*")
_PLAIN_DIGITS = re.compile(r"[0-9]+")
_GROUPED_DIGITS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")

FLAG_VALUES: dict[str, bool] = {"有": True, "無": False}


def parse_count(s: str) -> int:
    """A non-negative count such as 「1 2 9」, 「１２９」 or 「1,234」.

    NFKC, then all whitespace removed: in a count cell every space is layout
    (Excel's distributed alignment spreads 129 as 「1 2 9」). What remains must
    be ASCII digits, optionally grouped by thousands with commas ("1,234";
    "12,34" is rejected as a likely misread). Signs, decimals, units
    (「129件」), superscript or circled digits (「12²」, 「①」: footnote marks,
    not part of the number) and empty cells raise NormalizeError.
    """
    compact = _WHITESPACE.sub("", nfkc(s)) if _COUNT_CHARS.fullmatch(s) else ""
    if _PLAIN_DIGITS.fullmatch(compact):
        return int(compact)
    if _GROUPED_DIGITS.fullmatch(compact):
        return int(compact.replace(",", ""))
    raise NormalizeError(
        f"not a count: {s!r} (expected digits such as '129', '1 2 9' or '1,234')", value=s
    )


def parse_flag(s: str) -> bool:
    """有 -> True, 無 -> False (after NFKC and stripping whitespace).

    Nothing else is accepted, not even ○/× or あり/なし: the reports this
    pipeline reads use 有/無, and in other layouts ○ may mean "applies" while
    blank, ×, - or 該当なし may mean "no", "not applicable" or "unknown".
    A new layout should map its own symbols explicitly rather than inherit
    a guess from here.
    """
    key = _WHITESPACE.sub("", nfkc(s))
    try:
        return FLAG_VALUES[key]
    except KeyError:
        raise NormalizeError(f"not a flag: {s!r} (expected 有 or 無)", value=s) from None
