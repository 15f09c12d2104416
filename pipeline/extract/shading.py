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

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import pairwise
from math import inf
from statistics import median
from typing import Any

from pipeline.extract.alignment import line_chunks
from pipeline.extract.line_places import line_mid, lines_in
from pipeline.extract.ruling import SNAP, Segment

Obj = dict[str, Any]

RULE_SHARE = 1 / 3  # a filled box up to this share of the text's size thick is a border (ICDAR us-010 3 pt / 12 pt,
#                     us-035a 2.2 pt / 8.9 pt); shading behind a line of text is a whole size tall or more
STRIPE = 2.0  # a fill alongside a box and less than this many times as thick makes it one strip of a band


def body_size(chars: Sequence[Obj]) -> float | None:
    """The median size of the page's inked characters: the body's, what borders and bands are measured
    against (a title or a footnote is too rare to move it); None on a page without text."""
    sizes = [c["size"] for c in chars if not c["text"].isspace()]
    return median(sizes) if sizes else None


def unstroked_fills(rects: Sequence[Obj]) -> list[Obj]:
    """The boxes that are only filled (shading, or a border drawn as a fill), not stroked."""
    return [r for r in rects if not r.get("stroke", True) and r.get("fill", True)]


def filled_rules(rects: Sequence[Obj], chars: Sequence[Obj], thin: float) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules drawn as unstroked filled boxes thicker than ``thin`` (module docstring).

    ``chars`` set the text's size: the median size of the page's inked
    characters, the body's size, which is what a table's borders separate
    (a title or a footnote is too rare to move it). A page without text has
    no such rules: there is nothing to measure a border against.
    """
    size = body_size(chars)
    if size is None:
        return [], []
    fills = unstroked_fills(rects)
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


def band_rules(rects: Sequence[Obj], chars: Sequence[Obj], thin: float) -> list[Segment]:
    """Horizontal rules along the edges of shaded bands that stack into a banded table.

    A table drawn without rules but with its header and every other row
    shaded (banding) draws its rows all the same: each shaded band is one
    row, and so is each gap between two bands. A band is a row of fills of
    one height side by side (a producer may fill cell by cell, and those
    fills then meet at the column borders, as rules drawn cell by cell do:
    ``ruling.rule_joints``), set behind text (a character's centre lies in
    it) and thicker than a rule (``filled_rules`` reads those). Two bands
    or more, one under the other, as wide, and parted by a row of
    text each (``_stacks``), are a banded table; a lone shaded box (a header's background, a note) gives no rows. The
    band's top and bottom edges, fill by fill, are its rules; rulestack.py
    reads the stack as any table drawn with horizontal rules only.
    """
    fills = [r for r in unstroked_fills(rects) if min(r["bottom"] - r["top"], r["x1"] - r["x0"]) > thin]
    if len(fills) < 2:
        return []  # most pages: no two fills, no banding (and no time spent on the text)
    size = body_size(chars)
    if size is None:
        return []
    fills = [r for r in fills if min(r["bottom"] - r["top"], r["x1"] - r["x0"]) > RULE_SHARE * size]
    inked = sorted(((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2) for c in chars if not c["text"].isspace())
    bands = [band for band in _bands(_outermost(fills, inked)) if _holds_text(band, inked)]
    out: list[Segment] = []
    for stack in _stacks(bands, inked):
        if len(stack) >= 2:
            out += [Segment(edge, f["x0"], f["x1"]) for band in stack for f in band for edge in (f["top"], f["bottom"])]
            out += _closing_rule(stack, chars)
    return out


def _closing_rule(stack: Sequence[Sequence[Obj]], chars: Sequence[Obj]) -> list[Segment]:
    """A rule under the unshaded row that closes a banded table below its last band ([]: none).

    Banding leaves every other row unshaded, so a table (or a page's part
    of one) that ends on such a row draws no edge under it. Its lines are
    measured against the stack's own rows: the row starts as close under
    the last band as text starts in any row (the producer's padding) and
    opens with values in two columns or more; a line under it continues it
    when it follows closer than the texts of two rows do (a wrapped cell,
    where the producer pads its rows), or at the pitch of a wrapped cell
    with the first column left empty (a producer that does not pad them:
    rows then start with their first column's value). The rule goes as far
    under the last line as rows end under theirs. A page number or a
    caption further down is no part of it.
    """
    lo, hi = min(b[0]["x0"] for b in stack), max(b[-1]["x1"] for b in stack)
    lines = lines_in(chars, lo, hi)
    edges = sorted({round(e, 2) for b in stack for e in (b[0]["top"], b[0]["bottom"])})
    rows = [[ln for ln in lines if top <= line_mid(ln) <= bottom] for top, bottom in pairwise(edges)]
    filled = [(top, bottom, row) for (top, bottom), row in zip(pairwise(edges), rows) if row]
    if not filled:
        return []
    leads = [min(c["top"] for c in row[0]) - top for top, _, row in filled]
    trails = [bottom - max(c["bottom"] for c in row[-1]) for _, bottom, row in filled]
    inner = [_gap(a, b) for _, _, row in filled for a, b in pairwise(row)]
    first = median(max(c["x1"] for c in line_chunks(row[0])[0]) for _, _, row in filled)
    last = edges[-1]
    below = [ln for ln in lines if line_mid(ln) > last]
    if not below or min(c["top"] for c in below[0]) - last > max(leads) + SNAP or len(line_chunks(below[0])) < 2:
        return []
    between = min(leads) + min(trails)  # the least space between the texts of two rows
    wrapped = max(inner, default=0.0)  # the most space between two lines of one row
    row = [below[0]]
    for line in below[1:]:
        gap = _gap(row[-1], line)
        padded = wrapped < between and gap < (wrapped + between) / 2
        if not padded and not (inner and gap <= wrapped + SNAP and min(c["x0"] for c in line) > first):
            break
        row.append(line)
    return [Segment(max(c["bottom"] for c in row[-1]) + median(trails), lo, hi)]


def _gap(upper: Sequence[Obj], lower: Sequence[Obj]) -> float:
    """The space between two lines of text, one under the other."""
    return min(c["top"] for c in lower) - max(c["bottom"] for c in upper)


def _outermost(fills: Sequence[Obj], inked: Sequence[tuple[float, float]] = ()) -> list[Obj]:
    """The fills that lie inside no other one: a paragraph's shading inside its cell's is no band of its own.

    The page's background is not a fill they lie in: a fill under every
    character of the page that holds two fills one under the other is what
    the page is painted on (wkhtmltopdf paints the page white, then the
    bands; matplotlib its figure), whatever its colour. A table's own box
    (a separated table's border drawn as a filled ring, WeasyPrint) holds
    its rows but not the captions and text around it: it stays.
    """
    ordered = sorted(fills, key=lambda f: (f["x1"] - f["x0"]) * (f["bottom"] - f["top"]), reverse=True)
    ink = (min(y for y, _ in inked), min(x for _, x in inked), max(y for y, _ in inked),
           max(x for _, x in inked)) if inked else None
    out: list[Obj] = []
    for f in ordered:
        if _background(f, fills, ink):
            continue
        if not any(_inside(f, o) for o in out):
            out.append(f)
    return out


def _inside(f: Obj, o: Obj) -> bool:
    """Whether fill ``f`` lies within fill ``o`` (within SNAP)."""
    return (o["x0"] - SNAP <= f["x0"] and f["x1"] <= o["x1"] + SNAP and o["top"] - SNAP <= f["top"]
            and f["bottom"] <= o["bottom"] + SNAP)


def _background(box: Obj, fills: Sequence[Obj], ink: tuple[float, float, float, float] | None) -> bool:
    """Whether ``box`` lies under every character of the page (``ink``: the extent of their centres, top, left,
    bottom, right) and holds two fills one under the other."""
    if ink is None or not (box["top"] <= ink[0] and box["x0"] <= ink[1] and ink[2] <= box["bottom"]
                           and ink[3] <= box["x1"]):
        return False
    held = [f for f in fills if f is not box and _inside(f, box)]
    return len(held) > 1 and max(f["top"] for f in held) >= min(f["bottom"] for f in held) - SNAP


def _bands(fills: Sequence[Obj]) -> list[list[Obj]]:
    """Fills of one top and bottom that touch side by side, as bands top to bottom (each left to right)."""
    bands: list[list[Obj]] = []
    for box in sorted(fills, key=lambda f: (round(f["top"], 1), f["x0"])):
        for band in bands:
            last = band[-1]
            if (abs(last["top"] - box["top"]) <= SNAP and abs(last["bottom"] - box["bottom"]) <= SNAP
                    and abs(box["x0"] - last["x1"]) <= SNAP):
                band.append(box)
                break
        else:
            bands.append([box])
    return sorted(bands, key=lambda b: b[0]["top"])


def _holds_text(band: Sequence[Obj], centres: Sequence[tuple[float, float]]) -> bool:
    """Does an inked character's centre (``centres``: (y, x), sorted) lie in the band?"""
    x0, x1, top, bottom = band[0]["x0"], band[-1]["x1"], band[0]["top"], band[0]["bottom"]
    lo, hi = bisect_left(centres, (top, -inf)), bisect_right(centres, (bottom, inf))
    return any(x0 <= x <= x1 for _, x in centres[lo:hi])


def _across(band: Sequence[Obj], lo: float, hi: float) -> bool:
    """Does the band run from ``lo`` to ``hi``, as the bands of one table all do?"""
    return abs(band[0]["x0"] - lo) <= SNAP and abs(band[-1]["x1"] - hi) <= SNAP


def _stacks(bands: Sequence[Sequence[Obj]], centres: Sequence[tuple[float, float]]) -> list[list[Sequence[Obj]]]:
    """Bands one under the other (top to bottom), as wide, that show banding: an unshaded row between two.

    Bands of one table start and end where the table does (within SNAP).
    A band stacks on the one right above it when it touches it (Calc
    shades the header and the first body row under it alike) or when an
    unshaded row of text parts them (``centres``). Banding shades every
    other row, so a stack is kept only where some two of its bands are so
    parted: fills that all touch (every row shaded, a shaded box of prose
    filled line by line) are no banding, and their edges set no rows.
    """
    stacks: list[tuple[list[Sequence[Obj]], list[bool]]] = []
    for band in bands:
        lo, hi = band[0]["x0"], band[-1]["x1"]
        under = [stack for stack in stacks if _across(stack[0][-1], lo, hi)]
        above = max(under, key=lambda stack: stack[0][-1][0]["top"]) if under else None  # the band right above
        if above is not None:
            last = above[0][-1][0]
            gap = [{**last, "x0": lo, "x1": hi, "top": last["bottom"], "bottom": band[0]["top"]}]
            touching = abs(band[0]["top"] - last["bottom"]) <= SNAP
            if touching or band[0]["top"] > last["bottom"] and _holds_text(gap, centres):
                above[0].append(band)
                above[1].append(not touching)
                continue
        stacks.append(([band], []))
    return [bands_of for bands_of, parted in stacks if any(parted)]
