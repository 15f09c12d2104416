"""A title or a note drawn inside a table's frame, in a band of its own: no row of the table.

Reports (ICDAR 2013's us-014) frame a table together with its title above
and its note under it: the frame's rules close the title's band and the
note's band, while the column rules cross the bands of the table only.
Such a band is one cell across the whole grid, at its top or foot, and its
text is set in another size than the table's cells. A band across the grid
in the cells' size (a group heading, a 合計 row, a one-cell title row that
the table's own producer sets like its rows) stays a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

from pipeline.extract.alignment import SIZE_TOLERANCE, chars_to_rows
from pipeline.extract.ruling import Grid, GridCell

Char = dict[str, Any]

MIN_BANDS = 3  # a caption band is cut from a grid of this many bands or more: two are left at least


def without_caption_bands(grid: Grid, chars: Sequence[Char]) -> Grid:
    """The grid without a first or last band that holds a title or a note (``is_caption_band``)."""
    out = grid
    if is_caption_band(out, 0, chars):
        out = _bands_kept(out, 1, len(out.ys) - 1)
    last = len(out.ys) - 2
    if is_caption_band(out, last, chars):
        out = _bands_kept(out, 0, last)
    return out


def is_caption_band(grid: Grid, band: int, chars: Sequence[Char]) -> bool:
    """Is a band one cell across the grid with text in none of the other bands' size?"""
    if len(grid.ys) - 1 < MIN_BANDS or len(grid.xs) < 3:
        return False
    across = any(c.row == band and c.row_span == 1 and c.col_span == len(grid.xs) - 1 for c in grid.cells)
    if not across:
        return False
    inked = [c for c in chars if not c["text"].isspace() and grid.locate(*_centre(c)) is not None]
    mine = [c for c in inked if grid.locate(*_centre(c))[0] == band]  # type: ignore[index]
    rest = [c["size"] for c in inked if grid.locate(*_centre(c))[0] != band]  # type: ignore[index]
    if not mine or not rest:
        return False
    size = median(rest)
    return all(abs(median(c["size"] for c in ln) - size) > SIZE_TOLERANCE * size for ln in chars_to_rows(mine))


def _centre(c: Char) -> tuple[float, float]:
    return (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2


def _bands_kept(grid: Grid, first: int, end: int) -> Grid:
    """The grid's bands ``first`` to ``end`` (exclusive), its cells there renumbered."""
    cells = tuple(GridCell(c.row - first, c.col, c.row_span, c.col_span, c.x0, c.top, c.x1, c.bottom)
                  for c in grid.cells if first <= c.row and c.row + c.row_span <= end)
    return Grid(grid.xs, grid.ys[first:end + 1], cells)
