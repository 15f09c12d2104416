"""Filled boxes thicker than a hairline that are rules, not shading.

A box thinner than ``textlayer.THIN`` is a rule whether stroked or filled.
A thicker box that is only filled is, as a rule of thumb, shading: a banded
row, a header's background. Two kinds of table draw their borders as such
boxes all the same. Word, shading a table's cells, fills each cell and
leaves the border as a white box between the fills, a few points thick where
the border is set thicker (under the header, after the first column); a
table with heavy borders fills a black bar a fifth of a line thick. A fixed
number of points cannot tell those from shading: a banded row of a small
font can be thinner than a heavy border beside large text.

What tells them apart is relative. Shading sits behind text, so it is
at least as tall as a line of the text it shades; a border lies between
the text and is a small share of its size (``RULE_SHARE``), while it runs
along at least a character (a square speck of a logo is no rule). And a
border is thin beside what it separates: a box that has a fill of about its
own thickness alongside it is one strip of many (a gradient drawn in
strips, a hatched band), which is shading however thin each strip is.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

from pipeline.extract.ruling import SNAP, Segment

Obj = dict[str, Any]

RULE_SHARE = 1 / 3  # a filled box up to this share of the text's size thick is a border (ICDAR us-010 3 pt / 12 pt,
#                     us-035a 2.2 pt / 8.9 pt); shading behind a line of text is a whole size tall or more
STRIPE = 2.0  # a fill alongside a box and less than this many times as thick makes it one strip of a band


def filled_rules(rects: Sequence[Obj], chars: Sequence[Obj], thin: float) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules drawn as unstroked filled boxes thicker than ``thin`` (module docstring).

    ``chars`` set the text's size: the median size of the page's inked
    characters, the body's size, which is what a table's borders separate
    (a title or a footnote is too rare to move it). A page without text has
    no such rules: there is nothing to measure a border against.
    """
    sizes = [c["size"] for c in chars if not c["text"].isspace()]
    if not sizes:
        return [], []
    size = median(sizes)
    fills = [r for r in rects if not r.get("stroke", True) and r.get("fill", True)]
    hs: list[Segment] = []
    vs: list[Segment] = []
    for box in fills:
        width, height = box["x1"] - box["x0"], box["bottom"] - box["top"]
        horizontal = height <= width
        thickness, length = (height, width) if horizontal else (width, height)
        if not thin < thickness <= RULE_SHARE * size or length < size:
            continue
        if _one_strip_of_many(box, fills, horizontal, thin):
            continue
        if horizontal:
            hs.append(Segment((box["top"] + box["bottom"]) / 2, box["x0"], box["x1"]))
        else:
            vs.append(Segment((box["x0"] + box["x1"]) / 2, box["top"], box["bottom"]))
    return hs, vs


def _one_strip_of_many(box: Obj, fills: Sequence[Obj], horizontal: bool, thin: float) -> bool:
    """Does a fill thicker than a hairline but less than STRIPE times the box's thickness lie alongside it?

    Alongside: touching one of its long sides and overlapping it along its
    length. A hairline alongside is a rule drawn beside it (Word's coloured
    0.1 pt edge), which leaves the box a border.
    """
    near, far, lo, hi = ("top", "bottom", "x0", "x1") if horizontal else ("x0", "x1", "top", "bottom")
    thickness = box[far] - box[near]
    for other in fills:
        if other is box or min(other[hi], box[hi]) - max(other[lo], box[lo]) <= 0:
            continue
        alongside = abs(other[far] - box[near]) <= SNAP or abs(other[near] - box[far]) <= SNAP
        if alongside and thin < other[far] - other[near] < STRIPE * thickness:
            return True
    return False
