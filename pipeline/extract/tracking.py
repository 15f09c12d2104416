"""How far a page's producer draws characters set solid over each other: the overlap its rounding leaves.

``overset.set_over`` takes a letter drawn more than OVERLAP font sizes over
the full-width character before it as the start of another text (a cell's
text drawn over the closing mark the cell before it hangs): characters set
solid never overlap, the next one starts where the previous one's advance
ends. That holds for a producer that places every character at its exact
advance; one that rounds each position to its own layout unit draws
neighbours of one word over each other by up to that unit: AbiWord by 0.067
font sizes (half a point at 7.5 pt) on about one letter pair in twelve,
Gnumeric by 0.025, LibreOffice by 0.016. AbiWord's overlap passes OVERLAP,
and every phrase it drew so (「オンライン結合・|システム」, 「決定に際して、|医療機関」)
read as two texts, cut into two columns.

The page shows its producer's rounding in the overlaps between two
full-width letters that no line hangs (「の」「に」, not a closing mark): the
median of those no wider than solid setting (``wrapped.SOLID``), when
MIN_PAIRS or more pairs show one. Every character is then marked with it
(``SOLID_OVERLAP``, font sizes), and ``set_over`` allows it on top of
OVERLAP.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from itertools import pairwise
from statistics import median
from typing import Any

from pipeline.extract.alignment import chars_to_rows
from pipeline.extract.overset import BASELINE, NO_LINE_START, SOLID_OVERLAP
from pipeline.extract.wrapped import SOLID, _full_width

Char = dict[str, Any]

MIN_PAIRS = 10  # a rounding shows on this many letter pairs of a page (AbiWord: 90 to 180 a page; Calc and Gnumeric more)


def with_solid_overlap(chars: Sequence[Char]) -> list[Char]:
    """The page's characters, each marked with its producer's overlap of solid setting when the page shows one."""
    overlaps = [o for row in chars_to_rows(c for c in chars if not c["text"].isspace())
                for o in map(_overlap, pairwise(row)) if o is not None]
    if len(overlaps) < MIN_PAIRS:
        return list(chars)
    rounding = median(overlaps)
    return [{**c, SOLID_OVERLAP: rounding} for c in chars]


def _overlap(pair: tuple[Char, Char]) -> float | None:
    """How far, in font sizes, the second of two full-width letters set solid on one baseline is drawn over the first."""
    left, right = pair
    if not (_letter(left["text"]) and _letter(right["text"])):
        return None
    size = max(min(left["size"], right["size"]), 1.0)
    overlap = (left["x1"] - right["x0"]) / size
    if abs(left["top"] - right["top"]) > BASELINE * size or not 0 < overlap <= SOLID:
        return None
    return overlap


def _letter(text: str) -> bool:
    return (bool(text) and _full_width(text) and text not in NO_LINE_START
            and unicodedata.category(text[0])[0] in "LN")
