"""Which cell of a body row is each field's: by grid column, else by position under the header.

Split out of tables.py, which re-exports ``row_by_field`` for the modules that read rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.types import Cell, grid_width


def row_by_field(row: Sequence[Cell], header: Sequence[Cell], columns: dict[int, str]) -> dict[str, Cell]:
    """Each field's cell in a body row: the cell in its header cell's grid column, else under most of its width.

    A list continued over pages is one table whose header was read on its
    first page; without rules, each page's column borders fall where that
    page's text leaves gaps, so a border can move far past a header cell
    (Gnumeric's centred 「No」 over 43-96 pt on one page, its rows' No. cells
    43-59 pt on the next, whose 提供先 filled its column: by position No. and
    提供先 read one cell and 41 cases lost their numbers). A row of as many
    grid columns as the header is read column by column; one of another
    grid (a scan's page cut into other columns) by the overlap of positions.
    """
    width = len(header)
    by_column = (bool(row) and grid_width(row) == width
                 and all(c.col == i and c.col_span == 1 for i, c in enumerate(header)))
    out: dict[str, Cell] = {}
    for col, field in columns.items():
        h = header[col]
        if by_column:
            found = [c for c in row if c.col <= h.col < c.col + c.col_span]
            if found:
                out[field] = found[0]
            continue
        best, most = None, 0.0
        for cell in row:
            overlap = min(h.bbox.x1, cell.bbox.x1 + 0.5) - max(h.bbox.x0, cell.bbox.x0 - 0.5)
            if overlap > most:
                best, most = cell, overlap
        if best is not None:
            out[field] = best
    return out
