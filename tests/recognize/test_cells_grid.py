"""A continued table's tidy cells by grid column, when each page drew its borders where its text left gaps.

Hand-made cells: a two-page list without rules, the No. column 42-65 pt on
its first page and 42-57 pt on the second (the recipient filled its column).
"""

from __future__ import annotations

from pipeline.recognize.cells import table_to_slots
from pipeline.types import BBox, Cell, Table


def row(page_no: int, r: int, edges: list[float], texts: list[str], source: str = "text") -> tuple[Cell, ...]:
    top = 100.0 + 12 * r
    return tuple(Cell(page_no, r, i, t, BBox(a, top, b, top + 12), source=source)
                 for i, (a, b, t) in enumerate(zip(edges, edges[1:], texts)))


def test_each_cell_stays_in_its_grid_column_on_every_page():
    header = row(1, 0, [42, 65, 261, 300], ["No", "提供先", "実施機関"])
    first = row(1, 1, [42, 65, 261, 300], ["1", "警察", "区長"])
    second = row(2, 0, [42, 57, 270, 300], ["22", "世田谷区教育委員会", "区長"])
    slots, pages = table_to_slots(Table(1, header, (first, second)))
    assert [[c.text if c else None for c in r] for r in slots] == [
        ["No", "提供先", "実施機関"], ["1", "警察", "区長"], ["22", "世田谷区教育委員会", "区長"]]
    assert pages == [1, 1, 2]


def test_ocr_cells_are_placed_by_their_positions():
    header = row(1, 0, [42, 65, 261, 300], ["No", "提供先", "実施機関"], "ocr")
    second = row(2, 0, [42, 57, 270, 300], ["22", "世田谷区教育委員会", "区長"], "ocr")
    slots, _ = table_to_slots(Table(1, header, (second,)))
    assert len(slots[0]) > 3  # the edges of both pages, clustered: finer than either page's grid
