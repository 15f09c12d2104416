"""A ruled table's last row printed under its last rule with no rule of its own, at a page's foot.

AbiWord breaks a full grid at a page break and prints the row that starts
at the page's foot without any of its rules: its column rules stop at the
rule above it, and its lines (No. 35, its description and department
wrapped) stand under the grid as running text; the list lost the row with
only a numbering gap to say so. Here the lines right under a grid's last
rule (the first within ``BLOCK_GAP`` line heights, each next within as
much), every chunk of them inside one of the grid's columns (none crossing
a column rule by more than ``HANG`` font sizes), the first holding a key
(text in the first column) and text in half of the columns or more, are
that table's last row, when they make one (no further line with text in
the first column) under a grid of three rows or more: the column rules run
down to its foot and a rule closes it. More rows under a grid are a body of
their own (a header band ruled alone over rows parted by spacing, vrules),
read from the text as before.
A line in another font size ends the rows (the page number under them); a
line in the grid's span within ``BLOCK_GAP`` line heights that crosses a
column rule (a note, a caption) makes them no rows, and so does any
character set beside the lines outside the grid (a wider table's).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from statistics import median
from typing import Any

from pipeline.extract.alignment import BLOCK_GAP, chars_to_rows, line_chunks, line_height
from pipeline.extract.line_places import same_size
from pipeline.extract.ruling import SNAP, Segment, segments_to_tables

Char = dict[str, Any]

HANG = 0.5  # font sizes a chunk may reach past a column rule (a hanging mark) and still be in its column
EDGE = 0.25  # the closing rule sits this many font sizes under the last line (header_rules.EDGE)
MIN_COLUMNS = 3
MIN_ROWS = 3  # the grid's own rows, header included: a ruled body whose rows the last one continues


def rows_under_grids(hs: list[Segment], vs: list[Segment], chars: Sequence[Char]) -> tuple[list[Segment], list[Segment]]:
    """Rules closing each grid's unruled last rows under its last rule (module docstring): horizontals, verticals."""
    out_h: list[Segment] = []
    out_v: list[Segment] = []
    for group_hs, group_vs in segments_to_tables(hs, vs):
        bottom = max(h.pos for h in group_hs)
        xs = sorted({round(v.pos, 1) for v in group_vs if abs(v.hi - bottom) <= SNAP})
        ys = {round(h.pos) for h in group_hs}
        if len(xs) < MIN_COLUMNS + 1 or len(ys) < MIN_ROWS + 1:
            continue  # a header band alone (vrules: the body parted by spacing) is read from the text
        block = _row_under(xs, bottom, chars)
        if not block:
            continue
        last = block[-1]
        foot = max(c["bottom"] for c in last) + EDGE * max(max(c["size"] for c in last), 1.0)
        out_h.append(Segment(foot, xs[0], xs[-1]))
        out_v += [Segment(x, bottom, foot) for x in xs]
    return out_h, out_v


def _row_under(xs: Sequence[float], bottom: float, chars: Sequence[Char]) -> list[list[Char]]:
    """The lines right under ``bottom`` in the columns ``xs`` when they make one row (the first opens with a key,
    no other does: more rows under a grid are a body of their own, not a row the page break left); else []."""
    block: list[list[Char]] = []
    columns: list[set[int]] = []  # the columns each line of the block stands in
    for line in chars_to_rows(c for c in chars if c["top"] > bottom and not c["text"].isspace()):
        above = block[-1] if block else None
        gap = min(c["top"] for c in line) - (max(c["bottom"] for c in above) if above else bottom)
        if gap > BLOCK_GAP * max(line_height(above or line), 1.0):
            break
        inside = [c for c in line if xs[0] < (c["x0"] + c["x1"]) / 2 < xs[-1]]
        if not inside:
            continue
        if block and not same_size(inside, median(c["size"] for c in block[0])):
            break  # a page number or a note in another size ends the rows
        cols = _columns_of(inside, xs)
        if len(inside) < len(line) or cols is None:
            return []  # a line beside the grid, or one crossing its columns: not its rows
        block.append(inside)
        columns.append(cols)
    if not block or 0 not in columns[0] or 2 * len(columns[0]) < len(xs) - 1:
        return []
    return block if not any(0 in cols for cols in columns[1:]) else []


def _columns_of(line: Sequence[Char], xs: Sequence[float]) -> set[int] | None:
    """The columns the line's chunks stand in; None when a chunk crosses a column rule."""
    out: set[int] = set()
    for chunk in line_chunks(line):
        reach = HANG * max(max(c["size"] for c in chunk), 1.0)
        lo, hi = min(c["x0"] for c in chunk), max(c["x1"] for c in chunk)
        cols = [k for k, (a, b) in enumerate(pairwise(xs)) if a - reach <= lo and hi <= b + reach]
        if not cols:
            return None
        out.add(cols[0])
    return out
