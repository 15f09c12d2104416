"""Framed tables and tables ruled cell by cell, as reportlab and LibreOffice Writer draw them (issue 11).

The PDFs are drawn on the fly by tests/extract/make_tables.py from the
hand-written cell values below; the geometry that matters (a frame cut by a
page break, a gutter of a fifth of a font size between two columns of
Japanese text that fill them, a case number set flush right close to the
next column) is chosen here, from what those producers print, and every
expectation is the cell values as written.
"""

from __future__ import annotations

from pipeline.extract.alignment import row_borders
from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import Layout, register_japanese, table_pdf


def only_table(data: bytes) -> list[list[str]]:
    tables = pdf_table_rows(data)[1]
    assert len(tables) == 1, tables
    return tables[0]


SIZE, PAD = 7.0, 0.7  # reportlab's frame style: 1.4 pt, a fifth of the font size, between two columns' text


def _cols(*chars: int) -> tuple[float, ...]:
    """Column widths that a line of ``n`` full-width characters fills exactly (the worst case for the gutter)."""
    return tuple(n * SIZE + 2 * PAD for n in chars)


GUTTER_ROWS = [
    ["No", "委託の内容", "担当部課", "要配慮個人情報", "条例要配慮個人情報"],
    ["1", "ひととき保育の委託", "世田谷総合支所健康づくり課", "有", "有"],
    ["2", "予防接種台帳へ予防接種実施記録を取り込むための電子計算機入力データ作成の業務委託",
     "世田谷保健所感染症対策課", "有", "無"],
    ["3", "健診受診者の血液検査", "北沢総合支所健康づくり課", "有", "無"],
    ["4", "相談支援を行うためのバックアップ機関として協力・連携し総合的な支援を行う",
     "障害福祉部障害保健福祉課", "無", "有"],
    ["5", "被保護者金銭管理支援業務委託", "保健福祉政策部生活福祉課", "有", "有"],
]


def test_japanese_text_filling_its_column_beside_a_gutter_of_a_fifth_of_a_font_size() -> None:
    """Columns from the widest lines, although the commonest lines are a heading wrapped down a narrow column.

    The two narrow columns' headings take two characters a line, so most lines
    of the frame hold two chunks; a description that fills its column comes
    within 1.4 pt of the department beside it and makes one chunk with it.
    """
    font = register_japanese()
    layout = Layout(style="frame", font=font, widths=_cols(3, 20, 13, 2, 2), size=SIZE, pad=PAD, vpad=3.0,
                    right_align_numbers=False)
    assert only_table(table_pdf(GUTTER_ROWS, layout)) == GUTTER_ROWS


def test_rules_drawn_cell_by_cell_part_a_case_number_set_close_to_the_next_column() -> None:
    """A rule joint is the column border even where a number and the next cell's text are a chunk.

    Writer ruling each cell's top edge alone sets the case number flush right
    0.6 font sizes before the next column's text (less than a chunk gap): the
    joint at their border is crossed by no phrase, so it stays the border.
    """
    font = register_japanese()
    rows = [
        ["No", "提供先", "該当条項", "担当部課", "実施機関"],
        ["10", "警察", "第69条第1項", "世田谷総合支所生活支援課", "区長"],
        ["11", "日本放送協会", "第69条第1項", "世田谷総合支所健康づくり課", "区長"],
        ["12", "警察署", "第69条第1項", "北沢総合支所生活支援課", "区長"],
        ["13", "国税局及び税務署", "第69条第2項", "北沢総合支所健康づくり課", "区長"],
    ]
    layout = Layout(style="cells", font=font, widths=(30, 100, 70, 150, 50), size=7.5, pad=2.3)
    assert only_table(table_pdf(rows, layout)) == rows


def test_the_same_frame_cut_by_a_page_break() -> None:
    """The frame of the table above as reportlab leaves it where a page break cuts it: no rule at its foot.

    Its sides run on past the last horizontal rule (the header's) to the foot
    of the page; the body below that rule is the table's, read by its pitch.
    """
    font = register_japanese()
    layout = Layout(style="open", font=font, widths=_cols(3, 20, 13, 2, 2), size=SIZE, pad=PAD, vpad=3.0,
                    right_align_numbers=False)
    assert only_table(table_pdf(GUTTER_ROWS, layout)) == GUTTER_ROWS


# Typst's frame style: a row padded no further from the next than the lines of a wrapped cell are apart
# (10.4-10.5 pt between rows, 10.3 inside a cell, 7.5 pt text), header cells centred vertically.
UNPADDED_ROWS = [
    ["No", "委託の内容", "担当部課", "要配慮"],
    ["1", "避難行動要支援者の支援", "地域振興課", "有"],
    ["2", "生活保護法医療扶助・中国残留邦人等支援給付医療給付レセプト点検及び医療扶助適正化業務委託",
     "世田谷総合支所保健福祉センター生活支援課", "有"],
    ["3", "ひととき保育の委託", "健康づくり課", "無"],
    ["4", "妊婦健康診査、新生児聴覚検査、乳幼児健康診査、1歳6か月児内科健康診査", "健康づくり課", "有"],
    ["5", "健診受診者の血液検査", "健康づくり課", "無"],
]


def test_wrapped_cells_keep_their_row_when_rows_are_not_padded_apart() -> None:
    """Rows from where the numbered column starts an entry, when all lines follow at one pitch.

    With no padding between rows, a wrapped description's second line is as
    far below its first as the next row is: the pitch cannot tell them
    apart, and every line was a row (「点検及び医療扶助…」 a row of its own,
    without a number). A line that leaves the case number's column empty
    and continues the text of the row above is that row's.
    """
    font = register_japanese()
    layout = Layout(style="frame", font=font, widths=(20, 150, 100, 30), size=7.5, pad=2.0, vpad=0.0,
                    right_align_numbers=False)
    assert only_table(table_pdf(UNPADDED_ROWS, layout)) == UNPADDED_ROWS


CENTRED_HEADER = [
    ["実施機関", "審査件数", "うち、要配慮個人情報を取り扱うもの", "うち、条例要配慮個人情報を取り扱うもの"],
    ["区長", "766", "305", "115"],
    ["教育委員会", "29", "4", "0"],
    ["選挙管理委員会", "4", "0", "0"],
    ["合計", "799", "309", "115"],
]


def test_one_line_headings_centred_beside_wrapped_ones_keep_their_columns() -> None:
    """A heading set halfway between the two lines of a heading wrapped beside it stands in its own column.

    Centred vertically, 「審査件数」 is on a line of its own, half a line
    under 「うち、要配慮個人情報を」 and over 「取り扱うもの」: no line held the
    two side by side, and their columns were read as one
    (「うち、要配慮個人情報審査件数 取り扱うもの」).
    """
    font = register_japanese()
    layout = Layout(style="frame", font=font, widths=(110, 100, 110, 120), size=9.0, pad=3.0,
                    valign="middle")
    assert only_table(table_pdf(CENTRED_HEADER, layout)) == CENTRED_HEADER


def _text(s: str, x0: float, top: float, advance: float = 7.5) -> list[dict]:
    return [{"text": ch, "x0": x0 + i * advance, "x1": x0 + (i + 1) * advance, "top": top, "bottom": top + 7.5,
             "size": 7.5} for i, ch in enumerate(s)]


def test_a_case_number_set_close_to_the_text_beside_it_still_opens_its_row() -> None:
    """A three-digit number 4.4 pt before the next column's 「【」 (Typst, 7.5 pt text) is one chunk with it,
    which lies in no column; read by column, the number opens the row and the line under it continues it."""
    pitch = 10.3  # every line at one pitch: the rows come from the number column
    lines = [_text("264", 39.1, 100, 4.7) + _text("【児童相談所業務委託】児童相談所業務に", 57.6, 100) + _text("区長", 300, 100),
             _text("関して、職員への助言に関すること", 61.4, 100 + pitch),
             _text("265", 39.1, 100 + 2 * pitch, 4.7) + _text("【医学業務委託】", 57.6, 100 + 2 * pitch)
             + _text("区長", 300, 100 + 2 * pitch)]
    borders = row_borders(lines, (34.0, 55.4, 285.5, 340.0))
    assert len(borders) == 1 and 100 + pitch + 7.5 <= borders[0] <= 100 + 2 * pitch


def test_column_rules_with_no_rule_between_body_rows_keep_wrapped_cells_in_their_row() -> None:
    """The frame of the tables above with a rule between every two columns (style vrules), padded rows.

    Ruled columns sent the body to the reading of a ruled table, where every
    text line is a row: each wrapped description's second line became a row
    of its own with an empty number. Under a header rule the body is one band
    like a framed one: its rows come from the pitch.
    """
    font = register_japanese()
    layout = Layout(style="vrules", font=font, widths=_cols(3, 20, 13, 2, 2), size=SIZE, pad=PAD, vpad=3.0,
                    right_align_numbers=False)
    assert only_table(table_pdf(GUTTER_ROWS, layout)) == GUTTER_ROWS


def test_column_rules_over_rows_at_one_pitch_start_a_row_at_each_case_number() -> None:
    """The same rules over rows padded no further apart than a wrapped cell's lines: rows from the number column."""
    font = register_japanese()
    layout = Layout(style="vrules", font=font, widths=(20, 150, 100, 30), size=7.5, pad=2.0, vpad=0.0,
                    right_align_numbers=False)
    assert only_table(table_pdf(UNPADDED_ROWS, layout)) == UNPADDED_ROWS


def test_column_rules_in_a_frame_with_no_header_rule_keep_the_header_and_wrapped_cells_one_row_each() -> None:
    """The frame and the column rules alone (fpdf2 leaves out the header rule): one band, header and body.

    The header's headings wrapped down the narrow columns follow at the
    font's pitch, as a wrapped description does; the rows are padded apart.
    Every text line was a row (the header over five rows, each description
    over two or three).
    """
    font = register_japanese()
    layout = Layout(style="columns", font=font, widths=_cols(3, 20, 13, 2, 2), size=SIZE, pad=PAD, vpad=3.0,
                    right_align_numbers=False)
    assert only_table(table_pdf(GUTTER_ROWS, layout)) == GUTTER_ROWS
