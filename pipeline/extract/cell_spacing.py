"""Separated cell boxes read as one grid: two parallel rules a small gap apart with no text between are one border.

HTML's ``border-collapse: separate`` (``border-spacing``), Word's cell spacing
セルの間隔, Typst's ``gutter`` and fpdf2's ``gutter_width`` draw every cell as
its own box, neighbouring boxes a point or three apart, with a table box
around them: wherever a plain grid has one rule, a separated grid has two
parallel ones, and at every joint the rules stop short of each other by the
gap. Segments closer than ``ruling.SNAP`` already snap into one line, but a
1.5-3 pt gap leaves each cell's box its own connected set of segments:
``ruling.segments_to_tables`` then finds one small table per cell, or per
row of cells where a long rule happens to reach across.

Two parallel segments at most ``MAX_SPACING`` apart that run alongside each
other for at least half the shorter one's length, with no character's
centre between them where they do, are one border: both move to the middle
of the pair (of the outermost two, when three lie in a row). That middle is
at most half the gap from each perpendicular rule's end, within ``SNAP`` of
it, so the boxes join into one grid. Rules a double style draws (two lines
about 2 pt apart along a frame) become the one border they are drawn as,
which ``ruling.table_to_grid``'s ``MIN_BAND`` did after the grid was made.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from pipeline.extract.ruling import SNAP, Segment

MAX_SPACING = 3.5  # points: the widest cell spacing drawn (matplotlib 3 pt), with a stroke's width of slack
MIN_ALONGSIDE = 0.5  # of the shorter segment's length the two must run side by side

Char = dict[str, Any]


def spacing_closed(hs: list[Segment], vs: list[Segment], chars: Sequence[Char]
                   ) -> tuple[list[Segment], list[Segment]]:
    """The page's rules with each pair of a separated grid's parallel rules drawn as one."""
    centres = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for c in chars]
    across_h = sorted((y, x) for x, y in centres)  # horizontal rules: text between them is told by its y
    across_v = sorted(centres)
    hs, h_borders = _paired(hs, across_h)
    vs, v_borders = _paired(vs, across_v)
    return _reaching(hs, v_borders), _reaching(vs, h_borders)


Border = tuple[float, float, float, float]  # the pair's middle, how far its rules lay from it, from, to along


def _reaching(segments: list[Segment], borders: list[Border]) -> list[Segment]:
    """Segments whose ends stop short of a paired border by the pair's gap, run on to its middle.

    A cell box's side ends at its own corner, half the spacing short of the
    middle where its pair of rules now is; at 3 pt of spacing that is the
    whole of ``SNAP``, and the box would not join the border in
    ``ruling.segments_to_tables``.
    """
    out = []
    for seg in segments:
        lo, hi = seg.lo, seg.hi
        for middle, reach, start, end in borders:
            if start - SNAP <= seg.pos <= end + SNAP:
                if middle - reach - SNAP <= hi < middle:
                    hi = middle
                if middle < lo <= middle + reach + SNAP:
                    lo = middle
        out.append(Segment(seg.pos, lo, hi) if (lo, hi) != (seg.lo, seg.hi) else seg)
    return out


def _paired(segments: list[Segment], centres: list[tuple[float, float]]) -> tuple[list[Segment], list[Border]]:
    """Segments of one direction, each pair that is one border moved to the pair's middle, and those borders."""
    order = sorted(range(len(segments)), key=lambda i: segments[i].pos)
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k, i in enumerate(order):
        a = segments[i]
        for j in order[k + 1:]:
            b = segments[j]
            if b.pos - a.pos > MAX_SPACING:
                break
            if b.pos - a.pos > SNAP / 2 and _one_border(a, b, centres):
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(segments)):
        groups.setdefault(find(i), []).append(i)
    out = list(segments)
    borders: list[Border] = []
    for members in groups.values():
        if len(members) > 1:
            low, high = min(segments[i].pos for i in members), max(segments[i].pos for i in members)
            middle = (low + high) / 2
            for i in members:
                out[i] = Segment(middle, segments[i].lo, segments[i].hi)
            borders.append((middle, (high - low) / 2, min(segments[i].lo for i in members),
                            max(segments[i].hi for i in members)))
    return out, borders


def _one_border(a: Segment, b: Segment, centres: list[tuple[float, float]]) -> bool:
    """Do ``a`` and ``b`` (a.pos < b.pos) run alongside each other with no text between them?"""
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if hi - lo < MIN_ALONGSIDE * min(a.hi - a.lo, b.hi - b.lo) or hi <= lo:
        return False
    return not _text_between(centres, a.pos, b.pos, lo, hi)


def _text_between(centres: list[tuple[float, float]], near: float, far: float, lo: float, hi: float) -> bool:
    """Is a character's centre strictly between positions ``near`` < ``far`` across, and within ``lo``..``hi`` along?

    ``centres`` are (across, along) pairs sorted by ``across``, so the candidates are one bisected slice."""
    start = bisect_right(centres, (near, float("inf")))
    stop = bisect_left(centres, (far, float("-inf")))
    return any(lo <= along <= hi for _, along in centres[start:stop])


def feet_lowered(hs: list[Segment], vs: list[Segment], chars: Sequence[Char]
                 ) -> tuple[list[Segment], list[Segment]]:
    """Rules with each cell box drawn short of its row moved down to the row's foot.

    MuPDF's Story draws a separated cell's box around that cell's own
    content: in a row whose one cell wraps to five lines, the other cells'
    boxes stop under their one line, an empty space below them down to the
    next row's boxes (pymupdf-separate's heading row). Read as drawn, each
    short foot splits the row in those columns. A box's foot is short when
    nothing stands below it before the next rule that runs under it: no
    text, and no box starts under it (no vertical rule starts at either of
    its ends, as the sides of a plain grid's empty row drawn cell by cell
    do), while the table's box runs past both (the space lies inside one
    table, not between two). A rule a vertical runs through unbroken is no
    box's foot either: its sides must stop at it. Such a foot is dropped
    and the box's sides that stop at it run on to that next rule.
    """
    centres = sorted(((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2) for c in chars)
    out_hs = list(hs)
    out_vs = list(vs)
    for h in hs:
        foot = _row_foot(h, hs, vs, centres)
        if foot is None:
            continue
        out_hs.remove(h)
        out_vs = [Segment(v.pos, v.lo, foot) if _stops_at(v, h) else v for v in out_vs]
    return out_hs, out_vs


def _row_foot(h: Segment, hs: list[Segment], vs: list[Segment], centres: list[tuple[float, float]]) -> float | None:
    """Where the row ends that box foot ``h`` stops short of, or None when ``h`` is the row's foot."""
    below = [g.pos for g in hs if g.pos > h.pos + SNAP and g.lo < h.hi - SNAP and g.hi > h.lo + SNAP]
    if not below:  # the last row over a page break: the table's box is open under it, its tallest box is the foot
        below = [foot for foot in [_tallest_beside(h, vs)] if foot is not None]
    if not below or not any(_stops_at(v, h) for v in vs):
        return None
    foot = min(below)
    if _text_between(centres, h.pos, foot, h.lo, h.hi):
        return None
    starts = any(abs(v.lo - h.pos) <= SNAP and min(abs(v.pos - h.lo), abs(v.pos - h.hi)) <= SNAP for v in vs)
    framed = any(v.lo < h.pos - SNAP and v.hi > foot + SNAP for v in vs)
    return foot if framed and not starts else None


def _tallest_beside(h: Segment, vs: list[Segment]) -> float | None:
    """The lowest foot of the boxes that start where the box ``h`` closes starts (its row's), when below ``h``.

    MuPDF's Story breaks a table at a page's foot with the table's box left
    open: under the last row's boxes no rule runs, so their row's foot is
    where its tallest box ends (pymupdf-separate: 「第69条第1|項」 wrapped in a
    box two lines tall beside one-line boxes, its second line read as a row
    of its own).
    """
    tops = [v.lo for v in vs if _stops_at(v, h)]
    if not tops:
        return None
    feet = [v.hi for v in vs if abs(v.lo - min(tops)) <= SNAP]
    return max(feet) if max(feet) > h.pos + SNAP else None


def _stops_at(v: Segment, h: Segment) -> bool:
    """Does vertical ``v`` end at horizontal ``h``, as a box's side at its corner?"""
    return abs(v.hi - h.pos) <= SNAP and h.lo - SNAP <= v.pos <= h.hi + SNAP
