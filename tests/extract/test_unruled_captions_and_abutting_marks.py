"""Two unruled layouts matplotlib's report writer prints (extract/unruled.py, extract/overset.py).

1. Closing marks hung past a column's edge that end 0.02 font sizes before
   the next column's text (「外務省...」 then 「第69条第2項第3号」): no gap
   parts them and no overlap (``set_over``) either, so the two read as one
   chunk, and the cell as one spanning both columns.
2. A caption between two tables, set at the first table's row pitch in a
   size of its own (「（2）目的外利用の審査基準」, 10 pt under 9 pt rows):
   it is the second table's caption, not a row of the first.

The pages are placed by hand; each expectation follows from which column or
table each text was written into, not from output.
"""

from __future__ import annotations

from itertools import pairwise

from pipeline.extract.textlayer import grid_to_page_table
from pipeline.extract.unruled import unruled_grids
from tests.extract.make_tables import solid_run

SIZE = 7.5
RIGHT = 120.0  # where the legal-basis column's text starts
PITCH = 15.0


def hung_page() -> list[dict]:
    """Four rows of a number, a description and a legal basis; row 2's description hangs 「...」 up to 「第」."""
    rows = [("1", "区の事業を委託する", "第69条第1項"),
            ("2", "在留外国人の死亡通知外務省...", "第69条第2項"),
            ("3", "区の事業を委託する", "第69条第1項"),
            ("4", "区の事業を委託する", "第69条第1項")]
    chars = []
    for n, (no, desc, basis) in enumerate(rows):
        top = 10.0 + PITCH * n
        body = desc.rstrip(".")
        dots = desc[len(body):]
        end = RIGHT - 1.1 * SIZE  # where a description that fills its column ends
        if dots:
            end = RIGHT - 0.02 * SIZE - len(dots) * SIZE / 3  # the dots end 0.02 font sizes before 「第」
        chars += solid_run(no, 5.0, top, SIZE) + solid_run(body, end - SIZE * len(body), top, SIZE)
        chars += solid_run(dots, end, top, SIZE) + solid_run(basis, RIGHT, top, SIZE)
    return chars


def test_the_dots_end_just_before_the_next_columns_text():
    """The page is what the module's docstring describes: no gap, no overlap between 「.」 and 「第」."""
    line = sorted((c for c in hung_page() if c["top"] == 10.0 + PITCH), key=lambda c: c["x0"])
    dot, first = next((a, b) for a, b in pairwise(line) if a["text"] == "." and b["text"] == "第")
    assert 0 < first["x0"] - dot["x1"] < 0.05 * SIZE


def test_the_legal_basis_keeps_its_column_beside_hung_dots():
    grids = unruled_grids(hung_page())
    assert len(grids) == 1
    grid, chars = grids[0]
    rows = [[c.text.replace(" ", "") for c in row] for row in grid_to_page_table(grid, chars, 1).cells]
    assert ["2", "在留外国人の死亡通知外務省...", "第69条第2項"] in rows
    assert all(len(row) == 3 for row in rows)


ROW = 9.0  # the tables' size
CAPTION = 10.0  # the captions' size
ROW_PITCH = 16.7  # matplotlib pads its rows: 7.7 pt between two rows of 9 pt text


def table(top: float, values: list[str]) -> list[dict]:
    """A header line, then four rows of an agency and three counts, at ROW_PITCH from ``top``.

    The headings stand left of the counts set flush right under them, as
    the report's do (「審査件数」 ends 18 pt before 「766」 starts).
    """
    chars = []
    for text, x in (("実施機関", 100.0), ("審査件数", 241.0), ("要配慮", 420.0), ("条例要配慮", 590.0)):
        chars += solid_run(text, x, top, ROW)
    for n, (agency, value) in enumerate(zip(["区長", "教育委員会", "監査委員", "合計"], values), start=1):
        y = top + ROW_PITCH * n
        chars += solid_run(agency, 37.0, y, ROW)
        for x in (300.0, 470.0, 640.0):
            chars += solid_run(value, x, y, ROW)
    return chars


def captioned_page() -> list[dict]:
    """Table 1, 15.2 pt under its last row the caption of table 2 (as close as the rows), 17 pt under it table 2."""
    first = table(100.0, ["7", "1", "0", "8"])
    last_bottom = 100.0 + ROW_PITCH * 4 + ROW
    caption_top = last_bottom + 15.2
    second = table(caption_top + CAPTION + 17.0, ["4", "3", "0", "7"])
    return first + solid_run("（2）目的外利用の審査基準", 34.0, caption_top, CAPTION) + second


def test_a_caption_between_two_tables_is_no_row_of_the_first():
    grids = unruled_grids(captioned_page())
    texts = [[[c.text for c in row] for row in grid_to_page_table(g, cs, 1).cells] for g, cs in grids]
    assert len(texts) == 2
    assert texts[0][-1] == ["合計", "8", "8", "8"]
    assert not any("目的外利用" in cell for rows in texts for row in rows for cell in row)
