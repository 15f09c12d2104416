"""Column borders a table leaves undrawn but marks with corner squares on its horizontal rules.

Some producers draw each cell's top and bottom border as a piece of its
own and stamp a small square (a point or so wide) where two cells' borders
meet, and no vertical rule at all (Camelot's health.pdf). Below the header
the text's gutters set the columns (spacing.py); in a header whose
spanning headings cross the lower columns' borders nothing does, and the
whole header band became one cell holding every heading. The squares say
where each cell's corners are: a corner square on one rule and another at
the same x on the next rule below that has one there are the two ends of
an undrawn vertical border between them. Where a vertical rule is drawn
between the frame's sides beside those rows, the squares are the joints of
drawn borders and add nothing (a ruled grid with merged cells); and the
squares count only inside a drawn frame, both sides of the rows between
the two rules drawn, so a border never joins two tables stacked one above
the other (the bottom rule's corners of one, the top rule's of the next),
nor runs down a frame's side. A rule in between that only
starts or ends at that x (the top border of a lower cell under a spanning
heading) or does not reach it is passed; a rule drawn through that x stops
the search, since a border cannot cross a rule that is drawn whole.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any, TypeVar

from pipeline.extract.ruling import SNAP, Segment

CORNER = 1.6  # a segment no longer than this (points) is a corner square, not a rule
RULE = 3.0  # a horizontal segment longer than this is a rule a corner can sit on
FRAMED = 0.8  # share of the rows' height the frame's drawn sides cover beside them
T = TypeVar("T")


def corner_verticals(hs: Sequence[Segment], vs: Sequence[Segment], chars: Sequence[dict[str, Any]]) -> list[Segment]:
    """Undrawn vertical borders between corner squares stacked at one x on successive rules (module docstring)."""
    rules = sorted((h for h in hs if h.hi - h.lo > RULE), key=lambda h: h.pos)
    if not rules:
        return []
    rule_ys = [r.pos for r in rules]
    squares = {(round((h.lo + h.hi) / 2, 1), round(h.pos, 1)) for h in hs if h.hi - h.lo <= CORNER}
    squares |= {(round(v.pos, 1), round((v.lo + v.hi) / 2, 1)) for v in vs if v.hi - v.lo <= CORNER}
    corners = sorted(((x, y) for x, y in squares
                      if any(r.lo - SNAP <= x <= r.hi + SNAP for r in _around(rules, rule_ys, y))), key=lambda c: c[1])
    if len(corners) < 4:
        return []
    corner_ys = [y for _, y in corners]
    levels = sorted({round(y, 1) for y in rule_ys})
    drawn = [v for v in vs if v.hi - v.lo > RULE]
    out: list[Segment] = []
    for x, y in corners:
        below = _next_corner_below(x, y, levels, (rules, rule_ys), (corners, corner_ys))
        if below is None or _text_across(chars, x, y, below):
            continue
        ends = [e for r in (*_around(rules, rule_ys, y), *_around(rules, rule_ys, below)) for e in (r.lo, r.hi)]
        left, right = min(ends), max(ends)  # a rule under a spanning heading ends short: the wider one's ends
        if left + SNAP < x < right - SNAP and _framed(drawn, left, right, y, below) \
                and not _ruled_inside(drawn, left, right, y, below):
            out.append(Segment(x, y, below))
    return out


def _around(items: Sequence[T], keys: Sequence[float], y: float) -> Sequence[T]:
    """The items (sorted by ``keys``, their y) within SNAP of y."""
    return items[bisect_left(keys, y - SNAP):bisect_right(keys, y + SNAP)]


def _framed(drawn: Sequence[Segment], left: float, right: float, top: float, bottom: float) -> bool:
    """Are both sides of the rows between the two rules drawn (so they are rows of one framed table)?"""
    def covered(x: float) -> float:
        return sum(max(0.0, min(v.hi, bottom) - max(v.lo, top)) for v in drawn if abs(v.pos - x) <= 2 * SNAP)
    return min(covered(left), covered(right)) >= FRAMED * (bottom - top)


def _ruled_inside(drawn: Sequence[Segment], left: float, right: float, top: float, bottom: float) -> bool:
    """Is a vertical rule drawn between the frame's sides beside these rows (then the squares are joints of drawn borders)?"""
    return any(left + 2 * SNAP < v.pos < right - 2 * SNAP and min(v.hi, bottom) - max(v.lo, top) > SNAP for v in drawn)


def _next_corner_below(x: float, y: float, levels: Sequence[float],
                       rules: tuple[Sequence[Segment], Sequence[float]],
                       corners: tuple[Sequence[tuple[float, float]], Sequence[float]]) -> float | None:
    """The y of the next rule below with a corner at x, or None when a rule drawn through x comes first."""
    for level in levels[bisect_right(levels, y + SNAP):]:
        if any(abs(cx - x) <= SNAP for cx, _ in _around(*corners, level)):
            return level
        if any(r.lo + SNAP < x < r.hi - SNAP for r in _around(*rules, level)):
            return None
    return None


def _text_across(chars: Sequence[dict[str, Any]], x: float, top: float, bottom: float) -> bool:
    """Does a character between the two rules straddle x (then no border runs there)?"""
    return any(c["x0"] < x - 0.5 and c["x1"] > x + 0.5 and top < (c["top"] + c["bottom"]) / 2 < bottom
               for c in chars if not c["text"].isspace())
