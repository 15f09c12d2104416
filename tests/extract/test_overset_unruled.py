"""A closing mark hung past an unruled column's edge, under the next column's text (extract/overset.py).

Without rules the columns stand in the gaps between the rows' chunks. A
producer that wraps by itself lets a line's closing marks (「。)、」) hang
past the column's right edge and draws the next column's text over the
last of them: the two texts touch. Cut apart there (``set_over``), the hung
piece still reaches past the next column's start, and the two columns read
as one. The page is placed by hand; each expectation follows from which
column each text was written into, not from output.
"""

from __future__ import annotations

from pipeline.extract.overset import line_extents
from pipeline.extract.textlayer import grid_to_page_table
from pipeline.extract.unruled import unruled_grids
from tests.extract.make_tables import solid_run

SIZE = 7.5
RIGHT = 120.0  # where the second column's text starts
PITCH = 15.0


def run(text: str, x0: float, top: float) -> list[dict]:
    """Characters set solid from ``x0`` at this file's font size."""
    return solid_run(text, x0, top, SIZE)


def page() -> list[dict]:
    """Four rows of a number, a description and a department; row 2's description hangs 「。)、」 under 「保健」."""
    rows = [("1", "区の事業を委託する業務", "総務部総務課"),
            ("2", "行方不明者という。)、", "保健福祉課"),
            ("3", "区の事業を委託する", "区民課"),
            ("4", "区の事業を委託する業務", "総務部人事課")]
    chars = []
    for n, (no, desc, dept) in enumerate(rows):
        top = 10.0 + PITCH * n
        body = desc.rstrip("。)、")
        marks = desc[len(body):]
        end = RIGHT - 1.68 * SIZE  # the hung marks start here and run 0.65 font sizes past RIGHT
        start = 20.0 if not marks else end - SIZE * len(body)
        chars += run(no, 5.0, top) + run(body, start, top) + run(marks, end if marks else start + SIZE * len(body), top)
        chars += run(dept, RIGHT, top)
    return chars


def test_the_hung_marks_reach_into_the_next_column():
    """The page is what the module's docstring describes: the description's last mark runs past RIGHT."""
    hung = [c for c in page() if c["text"] == "、"]
    assert hung and hung[0]["x1"] > RIGHT + 0.6 * SIZE


def test_a_chunk_ends_before_the_next_one_starts():
    first = run("あい。、", 0.0, 0.0)
    second = run("かき", 3.5 * SIZE, 0.0)
    assert line_extents([first, second]) == [(0.0, 3 * SIZE), (3.5 * SIZE, 5.5 * SIZE)]


def test_the_description_stays_in_its_column_and_the_department_in_its_own():
    chars = page()
    grids = unruled_grids(chars)
    assert len(grids) == 1
    grid, table_chars = grids[0]
    rows = [[c.text.replace(" ", "") for c in row] for row in grid_to_page_table(grid, table_chars, 1).cells]
    assert ["2", "行方不明者という。)、", "保健福祉課"] in rows
    assert all(len(row) == 3 for row in rows)
