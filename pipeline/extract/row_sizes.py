"""A line in another font size than the line above does not continue that line's cell.

``wrapped.row_starts`` takes a line with nothing in the first column, lying
in a column whose text the row above filled, for that text wrapped onto the
next line. A producer wraps a cell's text in the cell's own size. A line
under the last row in a size of its own is something else the page prints
there: a page number (AbiWord sets 「- 3 -」 in 8 pt, 7 pt under 7.5 pt rows,
over the department column, whose text reached the column's end), a note.
Run into the last row, it changed that row's department
(「…戸籍課 - 3 -」). Such a line starts a row of its own; Camelot's stream
reads a note under a table as the table's last row too.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

from pipeline.extract.alignment import SIZE_TOLERANCE
from pipeline.extract.wrapped import header_lines

Char = dict[str, Any]


def starts_at_size_changes(lines: Sequence[Sequence[Char]], starts: Sequence[bool]) -> list[bool]:
    """``starts`` with every body line set in another size than the line above starting a row."""
    out = list(starts)
    for i in range(max(header_lines(lines), 1), len(lines)):
        above, size = median(c["size"] for c in lines[i - 1]), median(c["size"] for c in lines[i])
        if abs(size - above) > SIZE_TOLERANCE * above:
            out[i] = True
    return out
