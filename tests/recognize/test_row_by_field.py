"""Which cell of a body row is each field's, when a continued page drew its column borders elsewhere.

Hand-made cells: the header read on a list's first page, a row from the next
page whose borders (unruled: where that page's text left gaps) moved past
the header cells' middles.
"""

from __future__ import annotations

from pipeline.recognize.tables import row_by_field
from pipeline.types import BBox, Cell

COLUMNS = {0: "case_no", 1: "recipient", 2: "agency"}


def cells(page_no: int, edges: list[float], texts: list[str]) -> tuple[Cell, ...]:
    return tuple(Cell(page_no, 0, i, t, BBox(a, 100, b, 110)) for i, (a, b, t) in enumerate(zip(edges, edges[1:], texts)))


def test_a_row_of_the_same_grid_columns_is_read_column_by_column_wherever_its_borders_fall():
    header = cells(24, [43, 96, 227, 300], ["No", "提供先", "実施機関"])
    row = cells(25, [43, 59, 264, 300], ["18", "市区町村の国民健康保険課等", "区長"])  # 「No」's middle (69.5) in 提供先
    read = row_by_field(row, header, COLUMNS)
    assert {f: c.text for f, c in read.items()} == {"case_no": "18", "recipient": "市区町村の国民健康保険課等",
                                                   "agency": "区長"}


def test_a_row_of_another_grid_is_read_by_where_its_cells_overlap_the_headings():
    header = cells(24, [43, 96, 227, 300], ["No", "提供先", "実施機関"])
    row = cells(25, [40, 90, 150, 180, 300], ["18", "警察署", "", "区長"])  # a fourth column: an empty stripe cut
    read = row_by_field(row, header, COLUMNS)
    assert read["case_no"].text == "18" and read["recipient"].text == "警察署" and read["agency"].text == "区長"
