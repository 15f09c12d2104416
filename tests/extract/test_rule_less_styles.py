"""Pieces of the table model for rule-less styles (issue 11 follow-up), on hand-made characters.

Each expectation follows from how the characters are placed here (a row
pitch, a caption's size, a line left at the foot of a page), not from any
output of the code under test. The producers fixtures (test_producers.py)
check the same behaviour through the whole pipeline.
"""

from __future__ import annotations

from pipeline.extract.alignment import row_borders, tabular_blocks
from pipeline.extract.tables import caption_left_below, page_tables_to_tables
from pipeline.types import BBox, Cell, PageTable, TextLine


def char(text: str, x0: float, top: float, size: float = 9.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def line(text: str, x0: float, top: float, size: float = 9.0) -> list[dict]:
    return [char(ch, x0 + i * size, top, size) for i, ch in enumerate(text)]


def row(top: float, *cells: tuple[str, float], size: float = 9.0) -> list[dict]:
    return [c for text, x0 in cells for c in line(text, x0, top, size)]


def test_wrapped_cells_keep_their_row_when_rows_are_padded():
    # three rows; the first wraps over three lines at the font's pitch (11), rows start 17 apart (padding)
    tops = [100, 111, 122, 139, 156]
    lines = [line("あいう", 50, t) for t in tops]
    borders = row_borders(lines)
    assert len(borders) == 2
    assert 131 < borders[0] < 139 and 148 < borders[1] < 156


def test_every_line_is_a_row_when_all_pitches_are_alike():
    lines = [line("あいう", 50, 100 + 12 * i) for i in range(5)]
    assert len(row_borders(lines)) == 4


def test_a_caption_in_the_body_size_separates_two_unruled_tables():
    rows = []
    top = 100.0
    for caption in ("（1）外部委託の審査基準", "（2）目的外利用の審査基準"):
        rows.append(line(caption, 40, top, size=10.0))
        top += 12
        for name, n in (("区長", "766"), ("教育委員会", "29"), ("監査委員", "0"), ("合計", "795")):
            rows.append(row(top, (name, 40), (n, 300 - 9 * len(n))))
            top += 12
    blocks = tabular_blocks(rows)
    texts = ["".join(c["text"] for ln in block for c in ln) for block in blocks]
    assert len(blocks) == 2, texts
    assert all("審査基準" not in t or t.startswith("（1）") for t in texts)  # (2)'s caption is in no table
    assert "795" in texts[0] and texts[1].count("区長") == 1


def grid_at(page_no: int, top: float, bottom: float, first: str) -> PageTable:
    box = BBox(40, top, 500, bottom)
    cells = ((Cell(page_no, 0, 0, "実施機関", box), Cell(page_no, 0, 1, "審査件数", box)),
             (Cell(page_no, 1, 0, first, box), Cell(page_no, 1, 1, "1", box)))
    return PageTable(page_no, box, cells)


def test_a_caption_left_at_the_foot_of_a_page_names_the_table_on_the_next():
    lines = [TextLine(1, "（3）外部提供の審査基準", BBox(40, 80, 200, 90)),
             TextLine(1, "（4）オンライン結合の審査基準", BBox(40, 700, 220, 710)),
             TextLine(1, "-1-", BBox(290, 780, 300, 790))]
    first, second = grid_at(1, 95, 300, "区長"), grid_at(2, 40, 200, "教育委員会")
    assert caption_left_below(first, lines) == "（4）オンライン結合の審査基準"
    tables = page_tables_to_tables([first, second], lines)
    assert [t.caption for t in tables] == ["（3）外部提供の審査基準", "（4）オンライン結合の審査基準"]


def test_a_page_number_under_the_last_grid_is_no_caption():
    lines = [TextLine(1, "（3）外部提供の審査基準", BBox(40, 80, 200, 90)),
             TextLine(1, "-1-", BBox(290, 780, 300, 790))]
    first, second = grid_at(1, 95, 300, "区長"), grid_at(2, 40, 200, "教育委員会")
    assert caption_left_below(first, lines) == ""
    assert len(page_tables_to_tables([first, second], lines)) == 1  # the table continues
