"""Numbers as tables print them: 「3 8」, 「５，８６０，６０９」, 「△1,234」, 「(12)」, 「12.5%」, 「－」.

``parse_count`` (values.py) reads the strict non-negative counts the review
report prints; this parser reads any cell of any table, so it accepts what
count and budget tables print and nothing else:

- digits, ASCII or full-width, with every space removed (Excel's distributed
  alignment spreads 38 as 「3 8」), grouped by thousands with commas
  (「1,234」, full-width 「１，２３４」) or not grouped at all; 「12,34」 is not a
  number (a misread or two values);
- a decimal part (「12.5」);
- a sign in front: 「△」 / 「▲」 (how Japanese budgets print negatives), 「-」,
  「－」, 「−」, 「+」;
- the whole number in parentheses: in Japanese tables usually 内数 or 再掲 (a
  part already counted elsewhere), in accounts a negative; ``parentheses``
  says which (``parenthesized`` is set either way, so the reader can tell);
- 「%」 after it (the value is the printed percentage: 「12.5%」 is 12.5);
- a unit word after it from ``UNIT_SUFFIXES`` (「129件」), returned as the cell's unit;
- a cell that is only a dash (「－」, 「―」, 「-」, 「ー」) is zero or nothing as the
  table's configuration says (``dash``): both are common in the same series.

Everything else is not a number and gets no value: a wrong number in the
warehouse is worse than a cell kept as text. The characters allowed are
checked on the raw text, before NFKC, because NFKC also turns 「²」, 「①」 and
「⑽」 into digits and a footnote mark read as a digit is a wrong value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pipeline.normalize.text import nfkc

DashPolicy = Literal["zero", "none"]
ParenPolicy = Literal["as_printed", "negative"]

# Raw characters a number cell may hold (before NFKC): digits, separators, signs, parentheses, %.
_NUMBER_CHARS = (
    "0-9\uff10-\uff19"  # ASCII and full-width digits
    ",\uff0c.\uff0e"  # commas and points, ASCII and full-width
    "\\s\u3000"  # spaces (distributed alignment)
    "\u25b3\u25b2"  # △ ▲
    "+\uff0b\\-\uff0d\u2212\u2010\u2011\u2012\u2013\u2014\u2015\u30fc"  # + and the dashes
    "()\uff08\uff09%\uff05"
)
UNIT_SUFFIXES = ("千円", "百万円", "円", "件", "人")
_DASHES = "-\uff0d\u2212\u2010\u2011\u2012\u2013\u2014\u2015\u30fc"
_NEGATIVE_MARKS = "\u25b3\u25b2-\u2212\u2010\u2011\u2012\u2013\u2014\u2015\u30fc"
_ALLOWED = re.compile(rf"[{_NUMBER_CHARS}]+")
_BODY = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Number:
    """A cell's value as printed (before any unit scaling)."""

    value: float | int | None  # None: a dash that the table says means "nothing"
    percent: bool = False
    unit: str | None = None  # a unit printed in the cell itself (「129件」)
    dash: bool = False  # the cell was only a dash
    parenthesized: bool = False  # printed as 「(12)」


def split_unit(text: str) -> tuple[str, str | None]:
    """The text without a trailing unit word, and that unit (「129件」 -> ('129', '件'))."""
    stripped = text.rstrip()
    for unit in UNIT_SUFFIXES:  # longest first where they share an ending (千円 before 円)
        if stripped.endswith(unit) and len(stripped) > len(unit):
            return stripped[: -len(unit)], unit
    return text, None


def parse_number(text: str, dash: DashPolicy = "zero", parentheses: ParenPolicy = "as_printed") -> Number | None:
    """The number a cell prints, or None when the cell is not a number (never a guess)."""
    body, unit = split_unit(text)
    if not body.strip() or not _ALLOWED.fullmatch(body):
        return None
    s = _SPACE.sub("", nfkc(body))
    if s and all(ch in _DASHES for ch in s):
        return Number(0 if dash == "zero" else None, unit=unit, dash=True) if len(s) <= 2 else None
    negative = parenthesized = False
    if s.startswith("(") and s.endswith(")"):
        s, parenthesized = s[1:-1], True
        negative = parentheses == "negative"
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    if s[:1] in _NEGATIVE_MARKS or s[:1] == "+":
        if negative and s[:1] != "+":
            return None  # 「(△5)」 read as two negatives: not a layout anyone prints
        negative = s[:1] != "+"
        s = s[1:]
    if not _BODY.fullmatch(s) or (percent and unit):
        return None
    plain = s.replace(",", "")
    value: float | int = float(plain) if "." in plain else int(plain)
    return Number(-value if negative else value, percent=percent, unit=unit, parenthesized=parenthesized)
