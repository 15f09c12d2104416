"""Tables whose rules stop short: sides left open, column rules in the header only.

Open sides: many tables draw their row rules across the whole table but no
vertical rule at its left or right edge (only the inner column rules), so
the ruled grid would end at the outermost column rule and the first or
last column, with its text, would fall outside every table. Where two or
more horizontal rules of one table run past its outermost vertical rule and
text lies in that overhang, the rules' ends are the table's side
(``open_sides``).

Column rules in the header only: some producers (the ICDAR 2013 EU reports, among others) draw the column
rules in the header row alone and only a horizontal rule under each body
row. The ruled grid then has the header's columns, but every body row is
one cell across the whole table (``Austria 86.2 13.8 0 3,375``). The
header's columns are the table's columns: ``split_whole_rows`` carries
them on through such rows, wherever no phrase of the row crosses them, the way
``alignment.virtual_verticals`` completes any grid.

Open ends: a framed table that a page break cuts (reportlab, among others)
draws its side rules down to the foot of the page's part but no bottom
rule there (nor a top rule where the part on the next page begins without
a repeated header): the sides run past the last horizontal rule, and the
body below it would belong to no grid. The sides' ends close the table
(``open_ends``), as the rules' ends close an open side.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

from pipeline.extract.alignment import (
    MIN_SHARED_LINES,
    SPACE_GAP,
    chars_to_rows,
    line_chunks,
    virtual_verticals,
)
from pipeline.extract.ruling import (
    SNAP,
    Grid,
    GridCell,
    Segment,
    merge_segments,
    segments_to_tables,
    table_to_grid,
)

Char = dict[str, Any]

OVERHANG = 2 * SNAP  # rules reaching this far past the outermost column rule leave a side open
MAX_BAND_LINES = 6  # ... when no two of them hold more text lines than a header (alignment.HEADER_LINES)


def open_sides(hs: list[Segment], vs: list[Segment], chars: Sequence[Char]) -> list[Segment]:
    """A virtual side rule at the ends of each table's horizontal rules that run past its column rules.

    Only when two or more rules reach past the outermost vertical one, an
    inked character's centre lies in the overhang between them, and those
    rules set its rows (``_rows_ruled``); the side runs from the first of
    those rules to the last.
    """
    out: list[Segment] = []
    for group_hs, group_vs in segments_to_tables(hs, vs):
        left, right = min(v.pos for v in group_vs), max(v.pos for v in group_vs)
        for beyond, edge, side in _overhangs(group_hs, left, right):
            top, bottom = min(h.pos for h in beyond), max(h.pos for h in beyond)
            lo, hi = sorted((side, edge))
            overhang = _inked_within(chars, lo, hi, top, bottom)
            if overhang and _rows_ruled(overhang, sorted(h.pos for h in beyond)):
                out.append(Segment(side, top, bottom))
    return out


def open_label_column(hs: list[Segment], vs: list[Segment],
                      chars: Sequence[Char]) -> tuple[list[Segment], list[Segment]]:
    """Row rules and a side rule closing a column of labels set beside a table ruled on its values only.

    Some producers rule the value columns of a table and leave its label
    column open (ICDAR 2013's us-009): the row rules stop at the first
    column rule, and one rule alone, under the header, runs on out to the
    labels' edge. With one rule past the outermost column rule and text in
    that overhang set in the rows the table's rules draw (each line within
    one band, at most MAX_BAND_LINES to a band, in two bands or more), the
    rows run on into the overhang: each row rule that ends at that column
    rule is continued to the lone rule's end, and a side rule there closes
    the table from its top rule to its bottom one. Two or more rules past
    it are ``open_sides``'s.
    """
    out_h: list[Segment] = []
    out_v: list[Segment] = []
    for group_hs, group_vs in segments_to_tables(hs, vs):
        left, right = min(v.pos for v in group_vs), max(v.pos for v in group_vs)
        top, bottom = min(h.pos for h in group_hs), max(h.pos for h in group_hs)
        for beyond, edge, side in _overhangs(group_hs, left, right, least=1):
            if len(beyond) != 1:
                continue
            lo, hi = sorted((side, edge))
            rows = [h for h in group_hs if abs((h.lo if side < edge else h.hi) - edge) <= SNAP]
            ys = sorted({top, bottom, *(h.pos for h in rows), beyond[0].pos})
            if len(rows) >= MIN_SHARED_LINES and _set_in_rows(_inked_within(chars, lo, hi, top, bottom), ys):
                out_h += [Segment(h.pos, lo, hi) for h in rows]
                out_v.append(Segment(side, top, bottom))
    return out_h, out_v


def _set_in_rows(chars: Sequence[Char], ys: Sequence[float]) -> bool:
    """Do the characters' lines each lie within one band between ``ys``, filling two bands or more?"""
    lines = chars_to_rows(chars)
    bands: Counter[int] = Counter()
    for line in lines:
        upper, lower = min(c["top"] for c in line), max(c["bottom"] for c in line)
        band = bisect_right(ys, (upper + lower) / 2)
        if not 0 < band < len(ys) or upper < ys[band - 1] - SNAP or lower > ys[band] + SNAP:
            return False  # a line across a row rule: the text is not set in the table's rows
        bands[band] += 1
    return len(bands) >= MIN_SHARED_LINES and max(bands.values()) <= MAX_BAND_LINES


def open_ends(hs: list[Segment], vs: list[Segment], chars: Sequence[Char]) -> list[Segment]:
    """A virtual rule across the ends of each table's vertical rules that run past its horizontal ones.

    Only when two or more vertical rules reach past the lowest (or highest)
    horizontal one and an inked character's centre lies between them in
    that overhang; the rule joins the outermost of them at their farthest end.
    A single horizontal rule will do: a table with no rule between its body
    rows, cut by page breaks, may keep only its top on the next page or only
    its foot on the last (LibreOffice Calc, fpdf2: column rules, no header rule).
    Then the lines in the overhang must lie between the outermost rules: a
    box of ruled value cells whose row labels stand left of it, on the same
    lines, is part of a wider table (ICDAR 2013's us-020), not one of its own.
    """
    out: list[Segment] = []
    for group_hs, group_vs in segments_to_tables(hs, vs, least_hs=1):
        top, bottom = min(h.pos for h in group_hs), max(h.pos for h in group_hs)
        for beyond, edge, end in _overhangs(group_vs, top, bottom):
            left, right = min(v.pos for v in beyond), max(v.pos for v in beyond)
            lo, hi = sorted((end, edge))
            if _inked_within(chars, left, right, lo, hi) and (top < bottom or not _lines_beside(chars, left, right, lo, hi)):
                out.append(Segment(end, left, right))
    return out


def _lines_beside(chars: Sequence[Char], left: float, right: float, top: float, bottom: float) -> bool:
    """Is any inked character between ``top`` and ``bottom`` set outside ``left`` .. ``right``?"""
    inside = _inked_within(chars, -float("inf"), float("inf"), top, bottom)
    return any(not left < (c["x0"] + c["x1"]) / 2 < right for c in inside)


def _overhangs(rules: Sequence[Segment], first: float, last: float,
               least: int = 2) -> Iterator[tuple[list[Segment], float, float]]:
    """On each side, the ``least`` or more rules reaching past ``first`` (or ``last``) by more than OVERHANG:
    those rules, the edge they pass and where the farthest of them ends.

    ``open_sides`` passes a table's horizontal rules and its outermost column
    rules, ``open_ends`` its vertical rules and its top and bottom rules.
    Which end is the farthest follows from the side, not from the edge: a
    table with a single column rule has ``first == last``.
    """
    before = [r for r in rules if r.lo < first - OVERHANG]
    after = [r for r in rules if r.hi > last + OVERHANG]
    if len(before) >= least:
        yield before, first, min(r.lo for r in before)
    if len(after) >= least:
        yield after, last, max(r.hi for r in after)


def _inked_within(chars: Sequence[Char], x0: float, x1: float, top: float, bottom: float) -> list[Char]:
    """The inked characters whose centre lies strictly inside the box."""
    return [c for c in chars if not c["text"].isspace()
            and x0 < (c["x0"] + c["x1"]) / 2 < x1 and top < (c["top"] + c["bottom"]) / 2 < bottom]


def _rows_ruled(chars: Sequence[Char], ys: Sequence[float]) -> bool:
    """Do the rules that run past the column rules set the rows (at most MAX_BAND_LINES lines between two)?

    A ruled grid keeps its bands as rows (``alignment.complete_grid`` splits
    no band of a grid ruled in both directions), so a side that would close
    a body of many lines between two rules (a header ruled, its body only
    aligned) would make that body one row; without the side the body is
    read by its alignment.
    """
    lines = chars_to_rows(chars)
    mids = [(ln[0]["top"] + ln[0]["bottom"]) / 2 for ln in lines]
    return all(sum(1 for m in mids if a < m < b) <= MAX_BAND_LINES for a, b in pairwise(ys))


def split_whole_rows(grid: Grid, chars: Sequence[Char], hs: Sequence[Segment],
                     vs: Sequence[Segment]) -> Grid | None:
    """The grid with its rows that are one cell across the table split at its columns, or None.

    Only when two or more such rows hold phrases in two or more columns (a
    body, not a lone note or group label across the table, which stays
    whole), only where no phrase crosses a column's border, and only below
    the last row whose columns are ruled: a row across the table between two
    rows ruled into columns is a cell the producer merged (a list printing
    each record's long text in a second row across the table).
    """
    inner = list(grid.xs[1:-1])
    ruled = [c.row for c in grid.cells if c.col_span < len(grid.xs) - 1]
    below = max(ruled, default=-1)  # rows under a row ruled across its columns are drawn merged (a record's second row)
    whole = [c for c in grid.cells if c.col_span == len(grid.xs) - 1 and c.row_span == 1 and c.row > below]
    if not inner or len(whole) < MIN_SHARED_LINES:
        return None
    lines = chars_to_rows(c for c in chars if not c["text"].isspace())
    virtual: list[Segment] = []
    for cell in whole:
        band = [ln for ln in lines if cell.top <= (ln[0]["top"] + ln[0]["bottom"]) / 2 <= cell.bottom]
        phrases = [ch for ln in band for ch in line_chunks(ln, SPACE_GAP)]
        used = {bisect_right(inner, (ch[0]["x0"] + ch[-1]["x1"]) / 2) for ch in phrases}
        if len(used) >= 2:
            virtual += virtual_verticals(band, inner, [cell.top, cell.bottom])
    if not virtual:
        return None
    return table_to_grid(list(hs), [*vs, *virtual])


def without_group_rules(hs: list[Segment], vs: list[Segment], chars: Sequence[Char]) -> list[Segment]:
    """The vertical rules, less those that only part groups of columns in a table ruled across.

    Some tables (statistical abstracts) draw horizontal rules across the
    whole table (top, under the header, bottom) and vertical rules only
    between groups of value columns, not at the table's sides nor between
    its body rows. The vertical rules would make a grid of the groups they
    enclose and leave the label column and the last group outside it. When
    two or more horizontal rules run past the outermost vertical one with
    text in that overhang, and those rules do not set the rows (a band of
    more than ``partial_rules.MAX_BAND_LINES`` lines between two: a body
    read by its alignment, so ``open_sides`` closes no side), the vertical
    rules are dropped and the horizontal ones read as a stack
    (rulestack.py), the columns found from the text. Panels that repeat
    one header (a long list set in several panels side by side, ICDAR 2013's
    us-035a) are tables of their own, and their rules stay.
    """
    groups: list[Segment] = []
    for group_hs, group_vs in segments_to_tables(hs, vs):
        left, right = min(v.pos for v in group_vs), max(v.pos for v in group_vs)
        if _repeated_panels(group_hs, group_vs, chars):
            continue
        for beyond, edge, side in _overhangs(group_hs, left, right):
            top, bottom = min(h.pos for h in beyond), max(h.pos for h in beyond)
            lo, hi = sorted((side, edge))
            overhang = _inked_within(chars, lo, hi, top, bottom)
            if overhang and not _rows_ruled(overhang, sorted(h.pos for h in beyond)):
                groups += group_vs
                break
    return [v for v in vs if not any(abs(v.pos - g.pos) <= SNAP and g.lo - SNAP <= v.lo and v.hi <= g.hi + SNAP
                                     for g in groups)]


def _repeated_panels(group_hs: Sequence[Segment], group_vs: Sequence[Segment], chars: Sequence[Char]) -> bool:
    """Does every panel between the vertical rules (and the rules' ends) hold the same text in the header band?

    The header band lies between the first two horizontal rules.
    """
    ys = sorted({round(h.pos, 1) for h in group_hs})
    if len(ys) < 2:
        return False
    edges = [min(h.lo for h in group_hs), *sorted(v.pos for v in group_vs), max(h.hi for h in group_hs)]
    heads = {"".join(c["text"] for c in sorted(_inked_within(chars, lo, hi, ys[0], ys[1]),
                                                   key=lambda c: (round(c["top"]), c["x0"])))
             for lo, hi in pairwise(edges) if hi - lo > 2 * SNAP}
    return len(heads) == 1 and "" not in heads


def headings_over_rules(grid: Grid, lines: Sequence[Sequence[Char]], hs: Sequence[Segment]) -> Grid | None:
    """The grid with each heading set over a rule under a group of its columns spanning that group, or None.

    A table groups columns under a heading ("Modern method" over Pill, IUD,
    ...) and draws a rule under the heading from the group's first column to
    its last. The heading is centred over the group, so its text starts in a
    column of the middle; read by where its text lies, its cell would span
    only the columns its text crosses, and its text would stand in a column
    it does not head. The rule says what it spans: the cells of the band
    just above a rule that runs under two or more columns, but not across
    the table, become one when they hold one phrase a line between them and
    nothing reaching past the rule's ends, and the band just below it has text in two or more of those columns (the group's own headings).
    ``lines``: the table's inked characters as ``chars_to_rows`` groups them (the caller has them).
    """
    cells = list(grid.cells)
    changed = False
    for rule in merge_segments([h for h in hs if grid.ys[0] + SNAP < h.pos < grid.ys[-1] - SNAP]):
        span = _group_under(grid, rule)
        if span is None:
            continue
        row, c0, c1 = span
        group = [c for c in cells if c.row <= row < c.row + c.row_span and c0 <= c.col <= c1]
        if (len(group) < 2 or any(c.col + c.col_span - 1 > c1 or c.row != group[0].row or c.row_span != group[0].row_span
                                  for c in group) or group[0].row + group[0].row_span != row + 1):
            continue
        top, bottom = group[0].top, group[0].bottom
        if _one_heading(lines, rule, top, bottom) and _group_headings(lines, rule, grid.xs[c0:c1 + 2], grid.ys[min(row + 2, len(grid.ys) - 1)]):
            cells = [c for c in cells if c not in group]
            cells.append(GridCell(group[0].row, c0, group[0].row_span, c1 - c0 + 1, grid.xs[c0], top,
                                  grid.xs[c1 + 1], bottom))
            changed = True
    if not changed:
        return None
    return replace(grid, cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))))


def _group_under(grid: Grid, rule: Segment) -> tuple[int, int, int] | None:
    """The band just above ``rule`` (on one of the grid's row borders) and its first and last column under it.

    A column is under the rule when its middle is; two or more, and not all of the table's.
    """
    rows = [k for k, y in enumerate(grid.ys) if abs(y - rule.pos) <= SNAP]
    cols = [k for k, (a, b) in enumerate(pairwise(grid.xs)) if rule.lo <= (a + b) / 2 <= rule.hi]
    if not rows or rows[0] == 0 or len(cols) < 2 or len(cols) == len(grid.xs) - 1:
        return None
    return rows[0] - 1, cols[0], cols[-1]


def _one_heading(lines: Sequence[Sequence[Char]], rule: Segment, top: float, bottom: float) -> bool:
    """Is the text over the rule between ``top`` and ``bottom`` one phrase a line, within the rule's ends?"""
    over = [[c for c in ln if rule.lo <= (c["x0"] + c["x1"]) / 2 <= rule.hi] for ln in lines
            if top <= (ln[0]["top"] + ln[0]["bottom"]) / 2 <= bottom]
    over = [ln for ln in over if ln]
    return (bool(over) and all(len(line_chunks(ln, SPACE_GAP)) == 1 for ln in over)
            and min(c["x0"] for ln in over for c in ln) >= rule.lo - SNAP
            and max(c["x1"] for ln in over for c in ln) <= rule.hi + SNAP)


def _group_headings(lines: Sequence[Sequence[Char]], rule: Segment, xs: Sequence[float], bottom: float) -> bool:
    """Does the band just below the rule (down to ``bottom``) have text in two or more of the columns between ``xs``?"""
    mids = [(c["x0"] + c["x1"]) / 2 for ln in lines if rule.pos < (ln[0]["top"] + ln[0]["bottom"]) / 2 <= bottom
            for c in ln if rule.lo <= (c["x0"] + c["x1"]) / 2 <= rule.hi]
    return len({bisect_right(xs, m) for m in mids}) >= 2
