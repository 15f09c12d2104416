"""Unit captions and ※ notes around unruled tables (the notes style, opened at stop 35), on hand-made characters.

Each expectation follows from how the lines are placed here: a unit line
between a table's caption and its header, notes under its last row.
"""

from __future__ import annotations

from pipeline.extract.alignment import text_blocks
from pipeline.extract.table_feet import is_note
from pipeline.extract.tables import caption_for
from pipeline.extract.unruled import tabular_blocks
from pipeline.types import BBox, PageTable, TextLine


def char(text: str, x0: float, top: float, size: float = 9.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def line(text: str, x0: float, top: float, size: float = 9.0) -> list[dict]:
    return [char(ch, x0 + i * size, top, size) for i, ch in enumerate(text)]


def row(top: float, *cells: tuple[str, float]) -> list[dict]:
    return [c for text, x0 in cells for c in line(text, x0, top)]


def texts_of(blocks: list) -> list[str]:  # type: ignore[type-arg]
    return ["".join(c["text"] for ln in block for c in ln) for block in blocks]


def list_rows(top: float, n: int) -> list[list[dict]]:
    return [row(top + 12 * i, (str(i + 1), 40), ("業務委託", 80), ("区政情報課", 300), ("区長", 420), ("有", 480))
            for i in range(n)]


def test_note_marks_open_a_note_and_words_do_not():
    assert all(map(is_note, ("※1 有無の欄は", "＊ 件数は", "(注) 「－」は該当なし", "注1 報告日現在", "備考：")))
    assert not any(map(is_note, ("注射器の回収業務", "注意喚起の文書送付", "区長", "1")))


def test_notes_under_a_list_and_the_next_caption_are_no_rows():
    lines = [row(80, ("No", 40), ("委託の内容", 80), ("担当部課", 300), ("実施機関", 420), ("有無", 480)),
             *list_rows(92, 5),
             line("※1 有無の欄は、要配慮個人情報を含むかどうかを示すもので、相手方の情報は含めていません。主な", 40, 158),
             line("業務の名称により記載しています。", 40, 170),
             line("（2）目的外利用の審査基準", 40, 182)]
    (text,) = texts_of(tabular_blocks(lines))
    assert text.endswith("5業務委託区政情報課区長有") and "※" not in text and "審査基準" not in text


def test_a_unit_line_above_the_header_is_no_heading():
    lines = [line("（単位：件）", 300, 68),
             row(80, ("実施機関", 40), ("審査件数", 300)),
             *[row(92 + 12 * i, (name, 40), ("7", 327)) for i, name in enumerate(("区長", "教育委員会", "合計"))]]
    (text,) = texts_of(tabular_blocks(lines))
    assert text.startswith("実施機関")


def test_the_caption_of_a_table_is_the_line_above_its_unit():
    grid = PageTable(1, BBox(40, 80, 400, 140), ())
    lines = [TextLine(1, "（1）外部委託の審査基準", BBox(40, 56, 200, 65)), TextLine(1, "（単位：件）", BBox(330, 68, 384, 77))]
    assert caption_for(grid, lines, [grid]) == "（1）外部委託の審査基準"


def test_notes_under_the_last_rows_of_a_block_too_short_to_split_are_cut_off():
    # a text block of one row, its description wrapped, and two notes (rows padded apart: each its own block)
    lines = [row(90, ("57", 40), ("就学事務の委託", 80), ("学務課", 300), ("教育委員会", 420), ("有", 480)),
             line("目的として就学システムを", 80, 102),
             line("※1オンライン結合による案件とシステム導入による案件を、審査を行った順に記載しています。", 40, 114),
             line("※2有無の欄は、要配慮個人情報を取り扱うかどうかを示すものです。", 40, 126)]
    assert [len(b) for b in text_blocks([*list_rows(20, 4), *lines])] == [4, 4]  # the last row padded apart
    texts = texts_of(tabular_blocks([*list_rows(20, 4), *lines]))
    assert texts and "※" not in "".join(texts)


def test_a_justified_note_whose_mark_and_number_stand_apart_is_a_note():
    from pipeline.extract.alignment import line_chunks
    from pipeline.extract.table_feet import note_line

    spaced = [*line("※", 40, 100), *line("1", 58, 100), *line("オンライン結合の案件を記載しています。", 76, 100)]
    justified = [*line("※1要配慮個人情報の欄の", 40, 100), *line("「有」", 160, 100), *line("は、取り扱うことを示す。", 210, 100)]
    row_line = [*line("12", 40, 100), *line("業務委託", 80, 100), *line("区長", 300, 100)]
    assert note_line(line_chunks(spaced)) and note_line(line_chunks(justified))
    assert not note_line(line_chunks(row_line))


def test_a_heading_alone_on_the_next_header_s_first_line_survives_the_notes_above():
    # notes under the first table, the next caption at the margin, then a header whose last heading is alone
    # on its first line, inside its column
    first = [row(80, ("実施機関", 40), ("審査件数", 200), ("うち要配慮", 300)),
             *[row(92 + 12 * i, (n, 40), ("7", 227), ("0", 327)) for i, n in enumerate(("区長", "教育委員会", "合計"))]]
    between = [line("※件数は報告日現在のものです。審査を行った機関ごとに記載しています。", 20, 140),
               line("（2）目的外利用の審査基準", 20, 152)]
    second = [line("うち要配慮", 300, 164), row(176, ("実施機関", 40), ("審査件数", 200), ("を含むもの", 300)),
              *[row(188 + 12 * i, (n, 40), ("7", 227), ("0", 327)) for i, n in enumerate(("区長", "監査委員", "合計"))]]
    texts = texts_of(tabular_blocks([*first, *between, *second]))
    assert not any("※" in t or "審査基準" in t for t in texts), texts
    assert any(t.startswith("うち要配慮実施機関") for t in texts), texts


def test_a_figure_dash_page_number_is_no_caption():
    from pipeline.extract.tables import PAGE_NUMBER

    assert PAGE_NUMBER.match("‒ 1 ‒") and PAGE_NUMBER.match("― 2 ―") and not PAGE_NUMBER.match("（3）外部提供")


def test_a_caption_above_a_unit_line_opening_the_block_goes_with_it():
    lines = [line("（3）外部提供の審査基準", 40, 56), line("（単位：件）", 300, 68),
             row(80, ("実施機関", 40), ("審査件数", 300)),
             *[row(92 + 12 * i, (name, 40), ("7", 327)) for i, name in enumerate(("区長", "教育委員会", "合計"))]]
    (text,) = texts_of(tabular_blocks(lines))
    assert text.startswith("実施機関"), text


def test_a_header_printed_again_over_a_last_row_alone_is_a_lone_grid():
    from pipeline.extract.unruled import unruled_tables

    chars = [*line("うち条例要配慮", 300, 40), *row(52, ("実施機関", 40), ("審査件数", 200), ("うち要配慮", 300)),
             *line("の", 300, 64), *row(76, ("合計", 40), ("8", 227), ("0", 327), ("0", 400))]
    tables, _unread, lone = unruled_tables(chars)
    assert tables == [] and len(lone) == 1
