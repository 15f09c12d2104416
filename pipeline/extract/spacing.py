"""Ruled grids whose rules are not the table's columns: empty spacer columns.

A producer that rules every border also rules the narrow empty columns an
author put between two groups of columns for air (ICDAR 2013's eu-004: a
9 pt column between 「1997」 and 「1995*」, another before 「1990**」). The
table has no such column: a reader sees the groups set apart, not a column
of empty cells. A grid column no character falls in, in any row, and too
narrow to hold a value (less than ``SPACER_WIDTH`` of the text's size), is
joined to the column on its left, as ``rulestack.without_empty_columns``
joins a spacer between rules drawn cell by cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

from pipeline.extract.ruling import Grid, GridCell

Char = dict[str, Any]

SPACER_WIDTH = 1.0  # an empty column narrower than this many font sizes is a spacer (eu-004: 9 pt beside 10.9 pt text)


def without_spacer_columns(grid: Grid, chars: Sequence[Char]) -> Grid | None:
    """The grid with each empty column narrower than SPACER_WIDTH font sizes joined to its left neighbour, or None.

    The first column has no left neighbour and stays. Empty: no inked
    character's centre lies between its borders, in any row.
    """
    inked = [c for c in chars if not c["text"].isspace()]
    if not inked or len(grid.xs) < 4:
        return None
    size = median(c["size"] for c in inked)
    centres = [(c["x0"] + c["x1"]) / 2 for c in inked]
    spacers = [k for k in range(1, len(grid.xs) - 1)
               if grid.xs[k + 1] - grid.xs[k] < SPACER_WIDTH * size
               and not any(grid.xs[k] < x < grid.xs[k + 1] for x in centres)]
    out: Grid | None = None
    for k in reversed(spacers):  # right to left: the borders left of ``k`` keep their indices
        joined = _without_border(out or grid, k)
        if joined is None:
            return None
        out = joined
    return out


def _without_border(grid: Grid, k: int) -> Grid | None:
    """The grid with column border ``xs[k]`` taken out (the columns either side one), or None when the
    cells either side of it would join into something other than rectangles."""
    xs = grid.xs[:k] + grid.xs[k + 1:]
    owner: dict[tuple[int, int], int] = {}
    for idx, cell in enumerate(grid.cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                owner[(r, c)] = idx
    parent = list(range(len(grid.cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(len(grid.ys) - 1):
        parent[find(owner[(r, k)])] = find(owner[(r, k - 1)])
    joined: dict[int, set[tuple[int, int]]] = {}
    for (r, c), idx in owner.items():
        joined.setdefault(find(idx), set()).add((r, c if c < k else c - 1))
    cells = []
    for places in joined.values():
        r0, r1 = min(r for r, _ in places), max(r for r, _ in places)
        c0, c1 = min(c for _, c in places), max(c for _, c in places)
        if len(places) != (r1 - r0 + 1) * (c1 - c0 + 1):
            return None
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], grid.ys[r0], xs[c1 + 1], grid.ys[r1 + 1]))
    return Grid(xs, grid.ys, tuple(sorted(cells, key=lambda c: (c.row, c.col))))
