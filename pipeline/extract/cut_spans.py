"""The rules of a merged cell that a page break cut, as the rows around it have them.

A producer that draws each cell's own edges (PyMuPDF's Story: every cell
its right and bottom border) draws a cell merged over rows, when a page
break cuts it, at its own height rather than at the rows': on the first
page the box ends where its text ends, inside a row of the other columns
(or runs on below the table's foot), and the table's foot is not drawn
under it; on the next page its rest is not drawn at all, so neither is the
top edge of the cell below it, nor the column rule between the merged
columns. Read as drawn, the columns of the cut cell merge with each other
and with their neighbours, and a row rule that stands in no other column
adds a row: 担当部課 and 実施機関 read 「…課区長」 over the rows of the page.

Two repairs, each only where the cut cell's columns hold no text:

* ``short_boxes``: a horizontal rule across some columns that stands at no
  other column's row border, with the table's foot broken across those
  same columns, and nothing between the two: the box ends at the foot.
  The rule goes, a foot is drawn across, and the box's column rules run
  to the foot (or are cut there).
* ``bars_under_rests``: a column rule that starts below the table's top at
  the height of a row rule standing on both sides of it, with no rule
  across it there and nothing above it up to the next rule: the top edge
  of the cell below the rest is drawn there, and the column rule runs up
  through the empty rest, which is the rest of the cut cell, one empty
  cell per column (``recognize/spans.carried_over_page`` reads its text
  from the page before).

Only geometry: no font, no producer's padding, no word of the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from pipeline.extract.ruling import SNAP, Segment, merge_segments

Char = dict[str, Any]


def spans_cut_by_page_break(hs: list[Segment], vs: list[Segment],
                            chars: Sequence[Char]) -> tuple[list[Segment], list[Segment]]:
    """The page's rules with cut merged cells drawn as the rows around them are (module docstring)."""
    if not hs or not vs:
        return hs, vs
    hs, vs = short_boxes(hs, vs, chars)
    return bars_under_rests(hs, vs, chars)


def _at(rules: Sequence[Segment], pos: float) -> list[Segment]:
    return [r for r in rules if abs(r.pos - pos) <= SNAP]


def _inked(chars: Sequence[Char], x0: float, top: float, x1: float, bottom: float) -> bool:
    """Is an inked character's centre inside the box?"""
    return any(x0 < (c["x0"] + c["x1"]) / 2 < x1 and top < (c["top"] + c["bottom"]) / 2 < bottom
               for c in chars if not c["text"].isspace())


def _across(rules: Sequence[Segment], lo: float, hi: float, top: float, bottom: float) -> bool:
    """Does a horizontal rule between ``top`` and ``bottom`` run into the columns between ``lo`` and ``hi``?"""
    return any(top < r.pos < bottom and r.lo < hi - SNAP and r.hi > lo + SNAP for r in rules)


def _gaps(mh: Sequence[Segment]) -> list[tuple[float, float, float, float, float]]:
    """Each rule broken across some columns: (y, where it starts, where the gap starts, where it resumes, where it ends)."""
    out = []
    for y in sorted({r.pos for r in mh}):
        pieces = sorted(_at(mh, y), key=lambda r: r.lo)
        out += [(y, a.lo, a.hi, b.lo, b.hi) for a, b in pairwise(pieces) if b.lo - a.hi > 2 * SNAP]
    return out


def _bottom_edge(mh: Sequence[Segment], y: float, lo: float, hi: float, chars: Sequence[Char]) -> float | None:
    """Where the box over the columns ``lo`` .. ``hi`` whose foot at ``y`` is undrawn was closed instead.

    Below the foot a rule across those columns alone (the box ran on past
    the table), else the nearest rule above crossing them; nothing may lie
    between it and the foot in those columns, neither text nor a rule.
    """
    below = [r.pos for r in mh if r.pos > y + SNAP and r.lo >= lo - 2 * SNAP and r.hi <= hi + 2 * SNAP]
    above = [r.pos for r in mh if r.pos < y - SNAP and r.lo < hi - SNAP and r.hi > lo + SNAP]
    for edge in (min(below, default=None), max(above, default=None)):
        if edge is None:
            continue
        top, bottom = sorted((edge, y))
        if not _inked(chars, lo, top, hi, bottom) and not _across(mh, lo, hi, top + SNAP, bottom - SNAP):
            return edge
    return None


def short_boxes(hs: list[Segment], vs: list[Segment], chars: Sequence[Char]) -> tuple[list[Segment], list[Segment]]:
    """Boxes drawn at their text's height, cut by a page break, ended at the table's foot instead."""
    mh, mv = merge_segments(hs), merge_segments(vs)
    for foot, start, lo, hi, end in _gaps(mh):
        if any(r.pos > foot + SNAP and r.lo < end and r.hi > start and (r.lo < lo - 2 * SNAP or r.hi > hi + 2 * SNAP)
               for r in mh):
            continue  # rows of the table go on below: no foot
        edge = _bottom_edge(mh, foot, lo, hi, chars)
        if edge is None:
            continue
        inner = [v for v in mv if lo + 2 * SNAP < v.pos < hi - 2 * SNAP]
        ending = [v.pos for v in [*inner, *_sides_of(mv, lo, hi)] if abs(v.hi - edge) <= SNAP]
        if not ending or any(_ends_inside(v, edge, foot) for v in inner):
            continue  # no column rule ends at it (no box's bottom edge), or the columns have rows of their own
        hs = [*_without_gap(hs, edge, lo, hi), Segment(foot, lo, hi)]
        vs = _to_foot(vs, [lo, hi, *(v.pos for v in inner if abs(v.hi - edge) <= SNAP)], edge, foot)
    return hs, vs


def _without_gap(hs: list[Segment], y: float, lo: float, hi: float) -> list[Segment]:
    """The rules less their part at ``y`` between ``lo`` and ``hi``."""
    out = []
    for h in hs:
        if abs(h.pos - y) > SNAP or h.hi <= lo + SNAP or h.lo >= hi - SNAP:
            out.append(h)
            continue
        out += [Segment(h.pos, a, b) for a, b in ((h.lo, lo), (hi, h.hi)) if b - a > SNAP]
    return out


def _sides_of(mv: Sequence[Segment], lo: float, hi: float) -> list[Segment]:
    return [v for v in mv if abs(v.pos - lo) <= 2 * SNAP or abs(v.pos - hi) <= 2 * SNAP]


def _ends_inside(v: Segment, a: float, b: float) -> bool:
    """Does the rule start or end strictly between ``a`` and ``b`` (a row border of its own there)?"""
    top, bottom = sorted((a, b))
    return (v.lo < bottom - SNAP and v.hi > top + SNAP
            and any(top + SNAP < end < bottom - SNAP for end in (v.lo, v.hi)))


def _to_foot(vs: list[Segment], xs: Sequence[float], edge: float, foot: float) -> list[Segment]:
    """Column rules at ``xs`` run from ``edge`` down to ``foot``, or are cut at ``foot`` when it is above."""
    if foot > edge:
        return [*vs, *(Segment(x, edge, foot) for x in xs)]
    out = []
    for v in vs:
        if any(abs(v.pos - x) <= 2 * SNAP for x in xs) and v.hi > foot + SNAP:
            if v.lo < foot - SNAP:
                out.append(Segment(v.pos, v.lo, foot))
            continue
        out.append(v)
    return out


def _side_through(mv: Sequence[Segment], x: float, y: float) -> Segment | None:
    """The column rule at ``x`` drawn through ``y`` (from above it), if any."""
    return next((v for v in mv if abs(v.pos - x) <= 2 * SNAP and v.lo < y - SNAP and v.hi >= y - SNAP), None)


def bars_under_rests(hs: list[Segment], vs: list[Segment], chars: Sequence[Char]) -> tuple[list[Segment], list[Segment]]:
    """Top edges of the cells under an undrawn rest of a cut cell, and its column rules run up through it."""
    mh, mv = merge_segments(hs), merge_segments(vs)
    added_h: list[Segment] = []
    added_v: list[Segment] = []
    done: set[tuple[float, float, float]] = set()
    for v in mv:
        y = v.lo
        if any(r.lo - SNAP <= v.pos <= r.hi + SNAP for r in _at(mh, y)):
            continue  # its top meets a rule: a drawn corner
        left = [r for r in _at(mh, y) if r.hi < v.pos]
        right = [r for r in _at(mh, y) if r.lo > v.pos]
        if not left or not right:
            continue
        lo, hi = max(r.hi for r in left), min(r.lo for r in right)
        sides = [_side_through(mv, x, y) for x in (lo, hi)]
        if None in sides or (round(y, 1), round(lo, 1), round(hi, 1)) in done:
            continue
        # up to the next rule across these columns, or where the sides start (a continued table's top is not drawn)
        top = max([*(s.lo for s in sides if s is not None),
                   *(r.pos for r in mh if r.pos < y - SNAP and r.lo < hi - SNAP and r.hi > lo + SNAP)])
        inner = [u for u in mv if lo + 2 * SNAP < u.pos < hi - 2 * SNAP]
        if (y - top <= SNAP or _inked(chars, lo, top, hi, y)
                or any(u.lo < y - SNAP and u.hi > top + SNAP for u in inner)):
            continue
        done.add((round(y, 1), round(lo, 1), round(hi, 1)))
        added_h.append(Segment(y, lo, hi))
        added_v += [Segment(u.pos, top, u.lo) for u in inner if abs(u.lo - y) <= SNAP]
    return [*hs, *added_h], [*vs, *added_v]
