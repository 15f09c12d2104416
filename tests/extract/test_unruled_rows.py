"""Rows of unruled tables: a header wrapped at its own pitch, cells that wrap, cells that touch (extract/wrapped.py).

Characters are placed by hand; each expectation follows from the placement
(which line was written as the continuation of which row), not from output.
"""

from __future__ import annotations

import pytest

from pipeline.extract.alignment import line_chunks
from pipeline.extract.rows import page_table_to_rows
from pipeline.extract.textlayer import grid_to_page_table
from pipeline.extract.unruled import unruled_grids

SIZE = 7.0


def line(text: str, x0: float, top: float, size: float = SIZE, step: float | None = None) -> list[dict]:
    step = size if step is None else step
    return [{"text": ch, "x0": x0 + i * step, "x1": x0 + i * step + size, "top": top, "bottom": top + size,
             "size": size} for i, ch in enumerate(text)]


def table_rows(chars: list[dict]) -> list[list[str]]:
    (grid, cs), = unruled_grids(chars)
    return [[cell.replace(" ", "").replace("\n", "") for cell in r]
            for r in page_table_to_rows(grid_to_page_table(grid, cs, 1))]


def test_a_cell_that_fills_its_column_continues_on_the_next_line_at_the_same_pitch():
    # No | description (10 characters wide, 70 pt) | department; every line 9 pt below the last
    body = [("1", "あいうえおかきくけこ", "総務課"), (None, "さしす", None), ("2", "たちつ", "区政課"),
            ("3", "なにぬ", "人事課"), ("4", "はひふへほまみむめも", "経理課"), (None, "やゆよ", None)]
    chars, top = [], 100.0
    chars += line("No", 40, top) + line("内容", 60, top) + line("担当", 150, top)
    for no, text, dept in body:
        top += 9
        chars += (line(no, 40, top) if no else []) + line(text, 60, top) + (line(dept, 150, top) if dept else [])
    rows = table_rows(chars)
    assert rows == [["No", "内容", "担当"], ["1", "あいうえおかきくけこさしす", "総務課"], ["2", "たちつ", "区政課"],
                    ["3", "なにぬ", "人事課"], ["4", "はひふへほまみむめもやゆよ", "経理課"]]


def test_a_line_in_a_column_the_row_left_short_is_a_row_of_its_own():
    chars, top = [], 100.0
    for no, text, dept in (("1", "あいう", "総務課"), ("2", "かきく", "区政課"), (None, "さしす", "人事課"),
                           ("4", "たちつてとなにぬ", "経理課管理係")):
        chars += (line(no, 40, top) if no else []) + line(text, 60, top) + line(dept, 150, top)
        top += 9
    # the third line starts its own row: 「かきく」 and 「区政課」 are shorter than their columns' widest text
    assert len(table_rows(chars)) == 4


def test_a_header_wrapped_at_a_narrower_pitch_is_one_row():
    # headings centred over numbers set flush right; the header's lines 6 pt apart, the rows 12 pt
    chars = line("うち要配慮", 190, 100) + line("実施機関", 40, 106) + line("審査件数", 110, 106)
    chars += line("のもの", 197, 112)
    top = 124.0
    for name, a, b in (("区長", "766", "305"), ("教育委員会", "29", "4"), ("監査委員", "0", "0"), ("合計", "795", "309")):
        chars += line(name, 40, top) + line(a, 160 - SIZE * len(a), top) + line(b, 240 - SIZE * len(b), top)
        top += 12
    rows = table_rows(chars)
    assert rows[0] == ["実施機関", "審査件数", "うち要配慮のもの"]
    assert rows[1:] == [["区長", "766", "305"], ["教育委員会", "29", "4"], ["監査委員", "0", "0"], ["合計", "795", "309"]]


def test_full_width_text_filling_its_column_parts_from_the_next_cell_at_a_narrow_gap():
    # a description ending 3 pt (0.43 font sizes) before the department: two cells, not one phrase
    text = line("要配慮個人情報", 60, 100) + line("総務部区政課", 60 + 7 * SIZE + 3, 100)
    assert ["".join(c["text"] for c in chunk) for chunk in line_chunks(text)] == ["要配慮個人情報", "総務部区政課"]
    latin = line("ab", 60, 100) + line("cd", 60 + 2 * SIZE + 3, 100)
    assert len(line_chunks(latin)) == 1  # a Latin word gap stays within the chunk gap


def test_a_keyed_row_continues_after_a_hard_line_break():
    # every row opens with its number; the second row's description breaks after 3 characters
    # (a hard line break, the column not filled) and goes on on the next line alone
    chars, top = line("No", 40, 100) + line("内容", 60, 100) + line("担当", 150, 100), 100.0
    for no, text, dept in (("1", "あいうえおかきくけこ", "総務課"), ("2", "たちつ", "区政課"), (None, "なにぬね", None),
                           ("3", "はひふ", "人事課"), ("4", "まみむ", "経理課")):
        top += 9
        chars += (line(no, 40, top) if no else []) + line(text, 60, top) + (line(dept, 150, top) if dept else [])
    rows = table_rows(chars)
    assert [r[0] for r in rows] == ["No", "1", "2", "3", "4"]
    assert rows[2] == ["2", "たちつなにぬね", "区政課"]


def test_a_keyed_row_continues_after_a_hard_line_break_beside_a_cell_that_wraps():
    # as above, but the type column (40 pt, filled by 「オンライン」) wraps 「導入」 onto the line where the
    # description goes on after its hard break: two columns, one filled (its next word did not fit), one broken
    chars, top = line("No", 40, 100) + line("別", 60, 100) + line("内容", 110, 100) + line("担当", 200, 100), 100.0
    for no, kind, text, dept in (("1", "システム", "あいうえおかきくけこ", "総務課"), ("2", "オンライン", "たちつ", "区政課"),
                                 (None, "導入", "なにぬね", None), ("3", "オンライン", "はひふ", "人事課"),
                                 ("4", "システム", "まみむ", "経理課")):
        top += 9
        chars += ((line(no, 40, top) if no else []) + line(kind, 60, top, step=8.0) + line(text, 110, top)
                  + (line(dept, 200, top) if dept else []))
    rows = table_rows(chars)
    assert [r[0] for r in rows] == ["No", "1", "2", "3", "4"]
    assert rows[2] == ["2", "オンライン導入", "たちつなにぬね", "区政課"]


def test_headings_centred_beside_a_taller_one_are_one_header_row():
    # Chromium centres header cells vertically: the last heading wraps over four solid lines (pitch = size),
    # No / 内容 / 担当 stand on its third line; body rows wrap at the same pitch and are padded 4 pt apart,
    # so the body's median pitch is the header's and the header cannot be told by a narrower pitch
    chars, top = [], 100.0
    for text in ("要配", "慮個", "人情", "報"):
        chars += line(text, 200, top)
        top += SIZE
    chars += line("No", 40, 114) + line("内容", 60, 114) + line("担当", 150, 114)
    top += 4
    for no, text, dept, flag in (("1", "あいうえおかきくけこさしすせそたちつてと", "総務課", "有"),
                                 ("2", "なにぬねのはひふへほまみむめもやゆよらり", "区政課", "無"),
                                 ("3", "るれろわをアイウエオカキクケコサシスセソ", "人事課", "有")):
        chars += line(no, 40, top) + line(text[:10], 60, top) + line(dept, 150, top) + line(flag, 200, top)
        chars += line(text[10:], 60, top + SIZE)
        top += 2 * SIZE + 4
    rows = table_rows(chars)
    assert rows[0] == ["No", "内容", "担当", "要配慮個人情報"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert rows[2] == ["2", "なにぬねのはひふへほまみむめもやゆよらり", "区政課", "無"]


def test_a_line_pushed_on_two_characters_short_of_its_column_continues_its_row():
    # 禁則 (追い出し): 「勧告、」 may not part before 「、」, so a line that filled its column ends two
    # characters short of the column's widest line, which a half-width digit made longer still
    chars = line("No", 40, 100) + line("内容", 60, 100) + line("担当", 150, 100)
    chars += line("1", 40, 109) + line("あいうえおかきくけこ", 60, 109) + line("1", 130, 109, step=0.6 * SIZE)
    chars += line("総務課", 150, 109)
    chars += line("2", 40, 118) + line("たちつてとなにぬね", 60, 118) + line("区政課区", 150, 118)
    chars += line("のは", 60, 127) + line("政課", 150, 127)
    chars += line("3", 40, 136) + line("まみむ", 60, 136) + line("人事課", 150, 136)
    rows = table_rows(chars)
    assert rows == [["No", "内容", "担当"], ["1", "あいうえおかきくけこ1", "総務課"],
                    ["2", "たちつてとなにぬねのは", "区政課区政課"], ["3", "まみむ", "人事課"]]


def test_a_line_reaching_a_hair_past_a_border_set_at_a_heading_still_lies_in_its_column():
    # the border between 内容 and 担当 stands at 130, where a heading starts; the continuation line, made
    # longer by half-width digits, ends 0.1 pt past it (Chromium: 「先は110番等で…」)
    from pipeline.extract.wrapped import row_starts

    lines = [line("No", 40, 100) + line("内容", 62, 100) + line("担当", 140, 100),
             line("1", 40, 109) + line("あいうえおかきくけ", 62, 109) + line("総務課", 140, 109),
             line("こさしす", 62, 118) + line("110番です", 90, 118, step=6.62),
             line("2", 40, 127) + line("たちつ", 62, 127) + line("区政課", 140, 127)]
    chunks = [[(min(c["x0"] for c in ch), max(c["x1"] for c in ch)) for ch in line_chunks(ln)] for ln in lines]
    assert chunks[2] == [(62.0, pytest.approx(130.1, abs=0.05))]  # the placement this test is about
    assert row_starts(lines, chunks, [(38, 60), (60, 130), (130, 190)]) == [True, True, False, True]


def test_a_wrapped_line_set_a_few_points_into_the_next_columns_padding_still_lies_in_its_column():
    # reportlab sets one line of a long description 4 pt past its column's border (no rule clips it), less
    # than a character, into a column that line has no text in: it goes on the row, as do the lines under it
    from pipeline.extract.wrapped import row_starts

    lines = [line("No", 40, 100) + line("内容", 62, 100) + line("担当", 140, 100),
             line("1", 40, 109) + line("あいうえおかき", 62, 109) + line("総務課", 140, 109),
             line("くけこさしすせそたち", 62, 118, step=7.3),  # to 134.7: 4.7 pt past the border at 130
             line("たちつ", 62, 127),
             line("2", 40, 136) + line("なにぬ", 62, 136) + line("区政課", 140, 136)]
    chunks = [[(min(c["x0"] for c in ch), max(c["x1"] for c in ch)) for ch in line_chunks(ln)] for ln in lines]
    assert chunks[2] == [(62.0, pytest.approx(134.7))]  # the placement this test is about
    assert row_starts(lines, chunks, [(38, 60), (60, 130), (130, 190)]) == [True, True, False, False, True]


def test_a_line_running_a_character_or_more_past_its_border_lies_in_no_one_column():
    from pipeline.extract.wrapped import row_starts

    lines = [line("No", 40, 100) + line("内容", 62, 100) + line("担当", 140, 100),
             line("1", 40, 109) + line("あいうえおかき", 62, 109) + line("総務課", 140, 109),
             line("くけこさしすせそたちつて", 62, 118),  # to 146: two characters into the next column
             line("2", 40, 127) + line("なにぬ", 62, 127) + line("区政課", 140, 127)]
    chunks = [[(min(c["x0"] for c in ch), max(c["x1"] for c in ch)) for ch in line_chunks(ln)] for ln in lines]
    assert row_starts(lines, chunks, [(38, 60), (60, 130), (130, 190)]) == [True, True, True, True]


# Typst: no padding between rows (every line of header and body at one pitch, 1.25 font sizes: a gap of a quarter
# of a font size between lines, more than a run set solid), headings centred vertically beside the tallest; the
# two flag columns one character wide, so their headings wrap a character a line and stand a whole line apart
TYPST_ROWS = [
    ["No", "提供先", "担当部課", "要配慮個人情報", "条例要配慮個人情報"],
    ["1", "警察", "世田谷総合支所保健福祉センター生活支援課", "有", "有"],
    ["2", "日本放送協会", "北沢総合支所健康づくり課", "有", "無"],
    ["3", "国又は地方公共団体の機関の長", "地域行政部住民記録・戸籍課", "無", "有"],
    ["4", "簡易裁判所", "玉川総合支所保健福祉センター生活支援課", "有", "有"],
]


def test_a_centred_header_at_the_body_pitch_is_one_row_read_from_its_symmetry():
    from pipeline.extract.rows import pdf_table_rows
    from tests.extract.make_tables import Layout, register_japanese, table_pdf

    layout = Layout(style="none", font=register_japanese(), widths=(24, 80, 100, 11, 11), size=7.5, pad=1.75,
                    vpad=0.0, centre_header=True, right_align_numbers=False)
    (rows,) = pdf_table_rows(table_pdf(TYPST_ROWS, layout))[1]
    assert [[cell.replace(" ", "") for cell in r] for r in rows] == TYPST_ROWS


def test_a_row_under_the_wrapped_tail_of_the_row_before_it_is_no_centred_header():
    # the top of a continued page, rows at one pitch (9 pt, size 7): the last line of row 4's description, then
    # row 5 with its description wrapped onto one more line: as symmetric as a header of three lines around 「5」
    chars = line("けこ", 60, 100)
    chars += line("5", 40, 109) + line("あいうえおかきく", 60, 109) + line("総務課", 150, 109) + line("有", 200, 109)
    chars += line("さし", 60, 118)
    for n, top in (("6", 127), ("7", 136), ("8", 145)):
        chars += line(n, 40, top) + line("たちつ", 60, top) + line("区政課", 150, top) + line("無", 200, top)
    rows = table_rows(chars)
    assert [r[0] for r in rows] == ["", "5", "6", "7", "8"]
    assert rows[1] == ["5", "あいうえおかきくさし", "総務課", "有"]


def test_a_heading_centred_over_narrower_values_runs_past_nothing():
    from pipeline.extract.alignment import runs_past_columns

    columns = [(40.0, 54.0), (100.0, 107.0)]  # the flags 有/無 (one character) centred in a column three wide
    assert not runs_past_columns(line("条例要", 93, 100), columns)  # a heading line centred over them
    assert runs_past_columns(line("条例要配慮", 100, 100), columns)  # one starting at the column runs on past it
    assert runs_past_columns(line("要配慮個人情報又は条例", 40, 100), columns)  # a caption from the first column
