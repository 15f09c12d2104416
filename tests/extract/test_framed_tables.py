"""Framed tables and tables ruled cell by cell, as reportlab and LibreOffice Writer draw them (issue 11).

The PDFs are drawn on the fly by tests/extract/make_tables.py from the
hand-written cell values below; the geometry that matters (a frame cut by a
page break, a gutter of a fifth of a font size between two columns of
Japanese text that fill them, a case number set flush right close to the
next column) is chosen here, from what those producers print, and every
expectation is the cell values as written.
"""

from __future__ import annotations

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
