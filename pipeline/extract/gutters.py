"""Where a phrase read across a column border is two cells' texts: a gutter at the left column's end.

A producer that wraps by itself fills a cell's line up to its right edge,
and the next cell's text starts a padding after it. When the line ends in
a closing mark (「、」, its box full width, its ink the left half) the two
texts are a fraction of a font size apart (matplotlib: 0.27), too close to
part two chunks, so they read as one phrase across the border between
the columns. That border is the middle of the gap between the columns'
extents, and on a page whose only row this is, the right column's extent
is its centred heading's: the border stands far right of the gutter, past
``alignment.gap_at``'s reach. The phrase is still two texts when a gutter
(a gap wider than solid setting between two full-width characters) lies
between the end of the left column's extent, less HANG font sizes, and
the border: the text before it ends that column's line, the text after it
belongs to the right column (``ruled_apart.cell_words`` parts the two there, and
the word after the gutter goes where most of it stands).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from pipeline.extract.wrapped import SOLID, _full_width

Char = dict[str, Any]


def gutter_between(phrase: Sequence[Char], lo: float, hi: float) -> bool:
    """Is there a gap wider than solid setting between two full-width characters of the phrase, within ``lo`` .. ``hi``?"""
    for left, right in pairwise(phrase):
        if not (_full_width(left["text"]) and _full_width(right["text"])):
            continue
        size = max(min(left["size"], right["size"]), 1.0)
        if right["x0"] - left["x1"] > SOLID * size and lo <= left["x1"] and right["x0"] <= hi:
            return True
    return False
