"""Rows of a frame whose sides are drawn cell by cell: the sides' joints are the row borders.

A spreadsheet (Gnumeric's ssconvert) draws each cell's borders alone: a
table with an outer frame and no rule between its body rows still has its
left and right sides (and any column rules) drawn as one piece per row,
each piece ending where the next begins. Those joints are where the
producer put the rows' borders; spacing alone cannot find them when a
wrapped cell's lines are set as far apart as two rows (every line read as a
row, a case's description cut into rows with no number) or closer (two
one-line rows read as one cell, 「213⏎214」). ``ruling.rule_joints`` finds
them as it finds the column joints of horizontal rules drawn so: one piece
abuts the next, in at least half the vertical rules; a rule drawn whole
does not vote, so a frame drawn with whole sides is left to the spacing.

A joint parts rows; it does not make the piece between two joints one row.
A word processor rules each row of cells alone too, and may set several
rows of values in one ruled row (ICDAR 2013's us-008: a group label and
two rows of percentages between two joints, the truth four rows). A band
between joints whose lines are lines of separate values (two or more fill
two or more columns, ``alignment.separate_values``) is still split at
every line, as a body between rules is; a spreadsheet's wrapped cell
(its first line across the row, the rest in the one column that wraps)
stays one row.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from pipeline.extract.alignment import chars_to_rows, separate_values, value_line_borders
from pipeline.extract.ruling import SNAP, Grid, Segment, rule_joints, table_to_grid

Char = dict[str, Any]


def with_side_joints(grid: Grid, hs: list[Segment], vs: Sequence[Segment],
                     chars: Sequence[Char]) -> tuple[Grid, list[Segment]]:
    """The grid and its horizontal rules with a row border at each joint of its vertical rules, where it has any.

    Only where its body is not ruled already (a frame and at most a header
    rule: three row borders or fewer), the case ``alignment.complete_grid``
    would otherwise read by spacing. The joints come back among the rules,
    as rules drawn across the frame, so that what completes the grid from
    its text keeps them.
    """
    if len(grid.ys) > 3:
        return grid, hs
    x0, top, x1, bottom = grid.bbox
    own = [v for v in vs if x0 - SNAP <= v.pos <= x1 + SNAP and top - SNAP <= v.lo and v.hi <= bottom + SNAP]
    joints = [y for y in rule_joints(own, tuple(grid.xs), top, bottom)
              if all(abs(y - b) > SNAP for b in grid.ys)]
    if not joints:
        return grid, hs
    lines = chars_to_rows(c for c in chars if not c["text"].isspace())
    bands = [(a, b) for a, b in pairwise(sorted({*grid.ys, *joints})) if a in joints or b in joints]
    splits = [y for a, b in bands for y in _value_lines(lines, a, b, grid.xs)]
    rules = [*hs, *(Segment(y, x0, x1) for y in [*joints, *splits])]
    frame = [Segment(top, x0, x1), Segment(bottom, x0, x1)]
    sides = [Segment(x0, top, bottom), Segment(x1, top, bottom)]
    done = table_to_grid([*rules, *frame], [*own, *sides])
    return (done, rules) if done is not None else (grid, hs)


def _value_lines(lines: Sequence[Sequence[Char]], top: float, bottom: float, xs: Sequence[float]) -> list[float]:
    """Borders between the lines of the band from ``top`` to ``bottom`` when they are lines of separate values, else none."""
    band = [ln for ln in lines if top <= (ln[0]["top"] + ln[0]["bottom"]) / 2 <= bottom]
    return value_line_borders(band, xs) if separate_values(band, xs) else []
