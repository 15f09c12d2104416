"""The grouped style's two-row header as matplotlib_writer lays it out by hand (it has no layout engine to span), and
the runs of body rows it keeps on one page.

Each heading of ``model.header_cells`` is wrapped to the width of the columns it
spans; each header row is as tall as its tallest heading that spans no rows,
the second taller where a heading spanning both needs more; a heading spanning
rows or columns is one cell box, stroked on its four sides like a grid cell, its
text centred across and down it.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import HeadCell

Placed = tuple[HeadCell, tuple[str, ...], float, float, float, float]  # heading, lines, x, y from the top, w, h


def grouped_head(head: tuple[HeadCell, ...], widths: list[float], lefts: list[float],
                 wrap: Callable[[str, float], list[str]], pads: tuple[float, float, float]) -> tuple[list[Placed], float]:
    """Every heading placed from the header's top (``wrap(text, width)`` breaks a text into lines, ``pads`` the
    cell's padding across and down and its leading), and the header's whole height."""
    pad_x, pad_y, leading = pads
    lines = {h: tuple(wrap(h.text, sum(widths[h.col:h.col + h.colspan]) - 2 * pad_x)) for h in head}
    need = {h: 2 * pad_y + len(lines[h]) * leading for h in head}
    rows = [max([2 * pad_y + leading] + [need[h] for h in head if h.row == r and h.rowspan == 1])
            for r in range(max(h.row + h.rowspan for h in head))]
    for h in head:
        rows[-1] += max(0.0, need[h] - sum(rows[h.row:h.row + h.rowspan]))
    placed = [(h, lines[h], lefts[h.col], sum(rows[:h.row]), sum(widths[h.col:h.col + h.colspan]),
               sum(rows[h.row:h.row + h.rowspan])) for h in head]
    return placed, sum(rows)


def row_groups(cells, rows: int) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Body rows in runs that must stay on one page: a merged cell's rows together (``cells``: matplotlib_writer's
    Cell, its first row ``row`` and last ``last``)."""
    reach = list(range(rows))
    for cell in cells:
        reach[cell.row] = max(reach[cell.row], cell.last)
    groups = []
    r = 1
    while r < rows:
        end = reach[r]
        k = r
        while k <= end:
            end = max(end, reach[k])
            k += 1
        groups.append((r, end))
        r = end + 1
    return groups
