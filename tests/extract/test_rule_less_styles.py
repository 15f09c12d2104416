"""Pieces of the table model for rule-less styles (issue 11 follow-up), on hand-made characters.

Each expectation follows from how the characters are placed here (a row
pitch, a caption's size, a line left at the foot of a page), not from any
output of the code under test. The producers fixtures (test_producers.py)
check the same behaviour through the whole pipeline.
"""

from __future__ import annotations

from pipeline.extract.alignment import row_borders
from pipeline.extract.tables import caption_left_below, page_tables_to_tables
from pipeline.extract.unruled import tabular_blocks, unruled_grids
from pipeline.extract.wrapped import uncut_borders
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


def texts_of(blocks: list) -> list[str]:  # type: ignore[type-arg]
    return ["".join(c["text"] for ln in block for c in ln) for block in blocks]


def summary_rows(top: float, names: tuple[str, ...]) -> list[list[dict]]:
    """A header over two columns, then one row per name, 12 pt apart (size 9)."""
    rows = [row(top, ("実施機関", 60), ("審査件数", 260))]
    rows += [row(top + 12 * (i + 1), (name, 40), ("7", 291)) for i, name in enumerate(names)]
    return rows


def test_a_caption_opening_each_block_is_left_out_and_keeps_the_tables_apart():
    # two tables of the same columns, each under a caption in a larger size, 20 pt below the last row above
    lines = [line("（1）外部委託の審査基準", 40, 80, size=10.0), *summary_rows(94, ("区長", "教育委員会", "合計"))]
    lines += [line("（2）目的外利用の審査基準", 40, 160, size=10.0), *summary_rows(174, ("区長", "監査委員", "合計"))]
    texts = texts_of(tabular_blocks(lines))
    assert len(texts) == 2, texts
    assert not any("審査基準" in t for t in texts)
    assert texts[0].startswith("実施機関") and texts[1].startswith("実施機関") and "監査委員" in texts[1]


def test_rows_set_apart_by_padding_stay_one_table():
    # a header, then rows whose pitch jumps where a producer padded a row to a tall neighbour (gaps of 20 pt, two
    # line heights): the middle group is a single row, too short to be a table, and must not be lost or a header
    header = [row(80, ("No", 40), ("内容", 80), ("担当", 300))]
    groups = [[row(100 + 10 * i, (str(n), 40), ("業務委託" + str(n), 80), ("区政情報課", 300))
               for i, n in enumerate(ns)] for ns in ((1, 2, 3),)]
    single = [row(149, ("4", 40), ("業務委託4", 80), ("区政情報課", 300))]
    tail = [row(178 + 10 * i, (str(n), 40), ("業務委託" + str(n), 80), ("区政情報課", 300)) for i, n in enumerate((5, 6, 7))]
    blocks = tabular_blocks([*header, *groups[0], *single, *tail])
    texts = texts_of(blocks)
    assert len(blocks) == 1, texts
    assert len(blocks[0]) == 8 and texts[0].startswith("No内容担当1")


def test_a_header_and_first_row_left_at_the_foot_of_a_page_are_a_table():
    # a table, then the caption of the next one of the same layout, its header and one row before the page ends
    lines = [*summary_rows(94, ("区長", "教育委員会", "合計"))]
    lines += [line("（3）外部提供の審査基準", 40, 160, size=10.0), *summary_rows(174, ("区長",))]
    blocks = tabular_blocks(lines)
    texts = texts_of(blocks)
    assert len(blocks) == 2, texts
    assert texts[1] == "実施機関審査件数区長7"


def test_a_caption_above_a_wrapped_header_is_left_out():
    # caption (size 11, from the page margin at 30, across two columns), a header wrapped over two lines at a
    # narrower pitch, a gap, then the body in size 9 from x = 40
    caption = line("要配慮個人情報を含むもの", 30, 60, size=11.0)
    header = [row(76, ("No", 40), ("委託の内容", 80), ("要配慮", 300)), row(85, ("個人情報", 296))]
    body = [row(110 + 12 * i, (str(i + 1), 40), ("業務委託" * (i + 1), 80), ("有", 305)) for i in range(4)]
    blocks = tabular_blocks([caption, *header, *body])
    texts = texts_of(blocks)
    assert len(blocks) == 1, texts
    assert texts[0].startswith("No委託の内容要配慮個人情報1") and "含むもの" not in texts[0]


def test_a_description_that_fills_its_column_keeps_its_wrapped_lines():
    # numbers at 40, descriptions at 60 wrapped at 10 characters (to x 150), departments 4.4 after
    # them (0.49 font sizes: Calc's gutter); each row 3 lines at pitch 11, rows 17 apart. The
    # second row's department starts 2.4 after its description (0.27 font sizes, under the gap
    # that parts two kanji): the gutter the other rows leave at that border still parts them.
    top, lines = 100.0, []
    for n, dept_x0 in enumerate((154.4, 152.4, 154.4, 154.4)):
        lines += [row(top, (str(n + 1), 40), ("あいうえおかきくけこ", 60), ("総務課", dept_x0)),
                  line("さしすせそたちつてと", 60, top + 11), line("なにぬ", 60, top + 22)]
        top += 22 + 17
    grids = unruled_grids([c for ln in lines for c in ln])
    assert len(grids) == 1
    grid, _ = grids[0]
    assert len(grid.xs) - 1 == 3
    assert len(grid.ys) - 1 == 4  # four rows, each with its two wrapped lines


def test_a_border_goes_to_the_gutter_a_body_cell_leaves_not_into_its_text():
    # columns read from wrapped headings: a description column ending at 100 and a narrow one at 200;
    # the body row's department starts at 110, in the gap, right after its description (ends 104)
    columns = [(0.0, 100.0), (200.0, 250.0)]
    body = [[(0.0, 104.0), (110.0, 240.0)]]
    assert 104 < uncut_borders(columns, body)[0] < 110
    # a heading across the whole gap leaves the border at the gap's middle
    assert uncut_borders(columns, [[(50.0, 220.0)]]) == [150.0]


def test_an_aligned_block_no_table_is_made_of_is_reported_with_its_place():
    # four lines of two chunks in two columns (0..90 and 200..218), but only the first puts chunks in both:
    # the other three set both their chunks inside the first column, so the lines share no columns
    from pipeline.extract.unruled import unruled_tables

    chars = line("あいうえおかきくけこ", 40, 100) + line("１", 240, 100)
    for i in range(3):
        chars += line("さし", 40, 112 + 12 * i) + line("たち", 100, 112 + 12 * i)
    grids, unread, lone = unruled_tables(chars)
    assert grids == [] and lone == []
    (box, n_lines, n_chunks, why), = unread
    assert box == (40, 100, 249, 145) and n_lines == 4 and n_chunks == 2
    assert "two of its columns" in why


def test_a_table_read_leaves_no_unread_block():
    from pipeline.extract.unruled import unruled_tables

    chars = []
    for i, (name, n) in enumerate((("区長", "766"), ("教育委員会", "29"), ("監査委員", "0"), ("合計", "795"))):
        chars += row(100 + 12 * i, (name, 40), (n, 300 - 9 * len(n)))
    grids, unread, lone = unruled_tables(chars)
    assert len(grids) == 1 and unread == [] and lone == []
