"""Unruled tables whose every cell is centred (the centred style, opened at stop 35), on hand-made characters.

Each expectation follows from how the characters are placed here: a row
left alone at a page's top, a caption at the margin beside centred first
cells, a page number centred under the rows, a caption and a repeated
header in the rows' size, two numbers set close to the text after them.
"""

from __future__ import annotations

from pipeline.extract.alignment import line_chunks
from pipeline.extract.narrow_gutters import gapped_borders
from pipeline.extract.tables import page_tables_to_tables
from pipeline.extract.unruled import tabular_blocks, unruled_tables
from pipeline.types import BBox, Cell, PageTable


def char(text: str, x0: float, top: float, size: float = 9.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def line(text: str, x0: float, top: float, size: float = 9.0) -> list[dict]:
    return [char(ch, x0 + i * size, top, size) for i, ch in enumerate(text)]


def centred(text: str, middle: float, top: float, size: float = 9.0) -> list[dict]:
    return line(text, middle - len(text) * size / 2, top, size)


def texts_of(blocks: list) -> list[str]:  # type: ignore[type-arg]
    return ["".join(c["text"] for ln in block for c in ln) for block in blocks]


MIDDLES = (60.0, 200.0, 400.0, 470.0, 520.0, 560.0)  # No, 内容, 担当, 機関, 有/無, 有/無


def list_row(top: float, no: int, text: str) -> list[dict]:
    cells = (str(no), text, "区政情報課", "区長", "有", "無")
    return [c for middle, cell in zip(MIDDLES, cells) for c in centred(cell, middle, top)]


def test_a_row_alone_at_a_page_top_is_a_lone_grid_and_no_table():
    tables, unread, lone = unruled_tables(list_row(60, 319, "システム運用委託"))
    assert tables == [] and unread == []
    (_grid, chars), = lone
    assert len(chars) == len("319システム運用委託区政情報課区長有無")


def test_a_line_of_prose_is_no_lone_row():
    tables, _unread, lone = unruled_tables(line("令和5年4月1日時点で実施している業務について報告する。", 40, 60))
    assert tables == [] and lone == []


def page_grid(page_no: int, texts: list[tuple[str, ...]], lone: bool = False) -> PageTable:
    box = BBox(40, 60, 580, 60 + 12 * len(texts))
    rows = tuple(tuple(Cell(page_no, r, c, t, box) for c, t in enumerate(texts[r])) for r in range(len(texts)))
    return PageTable(page_no, box, rows, lone)


HEADER = ("No", "委託の内容", "担当部課", "実施機関", "要配慮", "条例要配慮")


def test_a_lone_grid_opening_a_page_continues_the_table_before():
    first = page_grid(1, [HEADER, ("318", "ヘルプデスク運営", "教育指導課", "教育委員会", "有", "無")])
    rest = page_grid(2, [("319", "システム運用", "教育指導課", "教育委員会", "有", "無")], lone=True)
    (table,) = page_tables_to_tables([first, rest], [])
    assert [r[0].text for r in table.rows] == ["318", "319"]


def test_a_lone_grid_that_continues_nothing_is_dropped_and_moves_no_table_number():
    caption = page_grid(1, [("2個人情報保護制度(", "等請", "求)の運用状況", "(単位:件)")], lone=True)
    other = page_grid(2, [("実施機関", "請求件数"), ("区長", "412")])
    tables = page_tables_to_tables([caption, other], [])
    assert [t.table_no for t in tables] == [1] and tables[0].header[0].text == "実施機関"


SUMMARY_HEADER = ("実施機関", "審査件数", "うち、要配慮個人情報を取り扱うもの", "うち、条例要配慮個人情報を取り扱うもの")


def test_a_lone_total_row_under_a_wrapped_header_printed_again_continues_the_summary_before():
    """The header's lines, cut into other cells than the table's (a heading's last line 「もの」 set lower), are
    dropped as the header printed again: each of their words is in the header."""
    first = page_grid(1, [SUMMARY_HEADER, ("区長", "7", "0", "0"), ("農業委員会", "0", "0", "0")])
    rest = page_grid(2, [("", "", "うち、条例要配慮個人情報 を取り扱う"),
                         ("実施機関", "審査件数", "うち、要配慮個人情報 を取り扱うもの もの", ""),
                         ("合計", "8", "0", "0")], lone=True)
    (table,) = page_tables_to_tables([first, rest], [])
    assert [r[0].text for r in table.rows] == ["区長", "農業委員会", "合計"]


def test_a_lone_grid_under_lines_not_of_the_header_is_still_dropped():
    first = page_grid(1, [SUMMARY_HEADER, ("区長", "7", "0", "0")])
    rest = page_grid(2, [("", "", "※ 目的外利用の件数"), ("合計", "8", "0", "0")], lone=True)
    tables = page_tables_to_tables([first, rest], [])
    assert len(tables) == 1 and [r[0].text for r in tables[0].rows] == ["区長"]


def summary(top: float, names: tuple[str, ...], size: float = 9.0) -> list[list[dict]]:
    header = [*centred("実施機関", 100, top, size), *centred("審査件数", 300, top, size)]
    rows = [[*centred(n, 100, top + 12 * (i + 1), size), *centred("7", 300, top + 12 * (i + 1), size)]
            for i, n in enumerate(names)]
    return [header, *rows]


def test_a_caption_at_the_margin_in_the_rows_size_is_no_row_of_the_centred_table_above():
    lines = [*summary(80, ("区長", "教育委員会", "選挙管理委員会", "合計")), line("（3）外部提供の審査基準", 20, 150)]
    texts = texts_of(tabular_blocks(lines))
    assert len(texts) == 1 and "審査基準" not in texts[0] and texts[0].endswith("合計7")


def test_a_page_number_centred_under_the_rows_is_no_row():
    lines = [*summary(80, ("区長", "教育委員会", "監査委員", "合計")), line("-11-", 290, 150, size=10.0)]
    texts = texts_of(tabular_blocks(lines))
    assert len(texts) == 1 and "-11-" not in texts[0]


def test_a_caption_opening_the_block_of_the_next_header_parts_two_tables_in_one_size():
    # the caption 20 pt under the first table's total (a new text block), the next header 12 pt under it
    lines = [*summary(80, ("区長", "教育委員会", "合計")), line("（2）目的外利用の審査基準", 40, 148),
             *summary(160, ("区長", "監査委員", "合計"))]
    texts = texts_of(tabular_blocks(lines))
    assert len(texts) == 2, texts
    assert not any("審査基準" in t for t in texts) and all(t.startswith("実施機関") for t in texts)


def test_two_numbers_set_close_to_the_text_after_them_part_at_the_stripe_no_other_line_touches():
    lines = [list_row(100 + 12 * i, 10 + i, "委託") for i in range(6)]
    for i, no in enumerate((18, 19)):  # the text fills its column up to 0.6 font sizes after the number
        number = centred(str(no), 60, 172 + 12 * i)
        lines.append([*number, *line("市区町村の国民健康保険課等他", number[-1]["x1"] + 5.4, 172 + 12 * i)])
    borders = gapped_borders([line_chunks(ln) for ln in lines])
    assert any(60 + 9 < b < 60 + 9 + 5.4 for b in borders), borders


def three_line_header(top: float) -> list[list[dict]]:
    """A header whose last heading wraps over three lines, centred on the header's middle line."""
    return [centred("うち条例要配慮", 300, top - 12),
            [*centred("実施機関", 100, top), *centred("審査件数", 200, top), *centred("うち条例要配慮個人", 300, top)],
            centred("もの", 300, top + 12)]


def three_line_summary(top: float, names: tuple[str, ...]) -> list[list[dict]]:
    rows = [[*centred(n, 100, top + 24 + 12 * i), *centred("7", 200, top + 24 + 12 * i),
             *centred("0", 300, top + 24 + 12 * i)] for i, n in enumerate(names)]
    return [*three_line_header(top), *rows]


def test_a_caption_above_a_header_whose_first_line_is_alone_parts_the_tables():
    lines = [*three_line_summary(80, ("区長", "教育委員会", "選挙管理委員会", "合計")),
             line("（2）目的外利用の審査基準", 20, 168),
             *three_line_summary(196, ("区長", "監査委員", "選挙管理委員会", "合計"))]
    texts = texts_of(tabular_blocks(lines))
    assert len(texts) == 2, texts
    assert not any("審査基準" in t for t in texts)
    assert all(t.startswith("うち条例要配慮") and t.count("実施機関") == 1 for t in texts)


def test_a_caption_at_the_margin_above_a_centred_first_column_is_no_heading():
    # the caption a block of its own (19 pt above the header), as matplotlib sets it over its table
    lines = [line("（3）外部提供の審査基準", 20, 40), *three_line_summary(80, ("区長", "教育委員会", "選挙管理委員会"))]
    texts = texts_of(tabular_blocks(lines))
    assert len(texts) == 1 and texts[0].startswith("うち条例要配慮"), texts



def test_a_caption_opening_the_block_over_centred_first_cells_is_no_row():
    # the caption in the same text block as the header under it (12 pt above), at the margin, off the centre
    lines = [line("（3）外部提供の審査基準", 20, 56), *three_line_summary(80, ("区長", "教育委員会", "選挙管理委員会"))]
    texts = texts_of(tabular_blocks(lines))
    assert len(texts) == 1 and not texts[0].startswith("（3）"), texts


def test_two_tables_set_abreast_take_each_the_caption_over_it():
    """Summary tables printed two abreast: their captions stand on one baseline, each over its own table."""
    from pipeline.extract.tables import caption_for
    from pipeline.types import TextLine

    left, right = BBox(40, 120, 400, 200), BBox(440, 120, 800, 200)
    grids = [PageTable(1, box, ((Cell(1, 0, 0, "実施機関", box),),)) for box in (left, right)]
    lines = [TextLine(1, "（1）外部委託の審査基準", BBox(40, 100, 160, 110)),
             TextLine(1, "（2）目的外利用の審査基準", BBox(440, 100, 570, 110))]
    assert [caption_for(g, lines, grids) for g in grids] == ["（1）外部委託の審査基準", "（2）目的外利用の審査基準"]


def test_a_caption_from_the_margin_over_no_other_table_still_names_a_narrow_table():
    from pipeline.extract.tables import caption_for
    from pipeline.types import TextLine

    box = BBox(300, 120, 540, 200)
    grids = [PageTable(1, box, ((Cell(1, 0, 0, "実施機関", box),),))]
    lines = [TextLine(1, "（1）外部委託の審査基準", BBox(40, 100, 160, 110))]
    assert caption_for(grids[0], lines, grids) == "（1）外部委託の審査基準"
