"""Where a visual line of characters stands: the lines within a span across, a line's middle, its size.

``rulestack``, ``header_rules`` and ``shading`` each place text lines
between horizontal rules or bands; they share these three measures here
(``header_rules`` is imported by ``rulestack``, so neither could hold them for
the other).
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

from pipeline.extract.alignment import SIZE_TOLERANCE, chars_to_rows

Char = dict[str, Any]


def lines_in(chars: Sequence[Char], lo: float, hi: float) -> list[list[Char]]:
    """Visual lines of the inked characters whose centre lies between ``lo`` and ``hi`` across."""
    return chars_to_rows(c for c in chars if not c["text"].isspace() and lo <= (c["x0"] + c["x1"]) / 2 <= hi)


def line_mid(line: Sequence[Char]) -> float:
    """Halfway between the line's top and its bottom: which band between two rules holds it."""
    return (min(c["top"] for c in line) + max(c["bottom"] for c in line)) / 2


def same_size(line: Sequence[Char], size: float) -> bool:
    """Set in ``size`` (the rows' font size: a wrapped cell's last line is; a caption or a page number is not)."""
    return abs(median(c["size"] for c in line) - size) <= SIZE_TOLERANCE * size
