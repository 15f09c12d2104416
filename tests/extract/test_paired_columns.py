"""Tables ruled only between pairs of columns (style partial): each ruled column read as the two it holds.

The page is drawn with reportlab in the test, laid out by hand; the
expectation is the table as written below, never output of the code under
test (spacing.columns_split_at_gutters).
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE = 8.0
HEIGHT = 420.0
WIDTH = 520.0
X = (40.0, 74.0, 200.0, 330.0, 470.0)  # column borders: No, 提供先 | 利用目的, 担当部課
RULED = (X[0], X[2], X[4])  # the frame and the rule between the two pairs only
HEADER = ("No", "提供先", "提供先での利用目的", "担当部課")
ROWS = [  # (No, 提供先, 利用目的's lines, 担当部課)
    ("8", "警察", ["刑事訴訟法に基づく捜査"], "生活支援課"),
    ("9", "日本放送協会", ["放送法に基づく受信料", "免除の確認"], "生活支援課"),
    ("10", "警察署", ["捜査に必要な取調べ", "（１）　任意の出頭"], "健康づくり課"),
    ("11", "税務署", ["税務調査等"], "区政情報課"),
    ("12", "法務局", ["所有者の把握等"], "住民記録・戸籍課"),
    ("13", "官公署", ["都税調査・非課税の", "事務処理等"], "課税課"),
]


def paired_columns_pdf(number_gap: float, rows: int = len(ROWS)) -> bytes:
    """The table: a rule under every row and the frame, column rules only after the 2nd column.

    The numbers are set right against their column's end, ``number_gap``
    points before the 提供先 text: a two-digit number then ends closer to
    the next column's text than a chunk's gap. Row 10's purpose leaves a
    gap of one em after the list number on its second line, with no space drawn (one cell's
    text, not a column: the other lines cross it).
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(WIDTH, HEIGHT))
    c.setFont(font, SIZE)
    pitch, pad = SIZE * 1.3, 3.0

    def text(x: float, top: float, s: str, right: bool = False) -> None:
        y = HEIGHT - top - SIZE * 0.88
        c.drawRightString(x, y, s) if right else c.drawString(x, y, s)

    top, ys = 50.0, [50.0]
    for k, head in enumerate(HEADER):
        text(X[k] + pad if k != 1 else X[1] + 30, top + pad, head)
    top += pitch + 2 * pad
    ys.append(top)
    for no, dest, purpose, dept in ROWS[:rows]:
        text(X[1] - number_gap, top + pad, no, right=True)
        text(X[1], top + pad, dest)
        for n, line in enumerate(purpose):
            x = X[2] + pad
            for part in line.split("\u3000"):  # a gap of one em, no space drawn: a list number's indent
                text(x, top + pad + n * pitch, part)
                x += stringWidth(part, font, SIZE) + SIZE
        text(X[3] + pad, top + pad, dept)
        top += len(purpose) * pitch + 2 * pad
        ys.append(top)
    c.setLineWidth(0.5)
    for y in ys:
        c.line(X[0], HEIGHT - y, X[-1], HEIGHT - y)
    for x in RULED:
        c.line(x, HEIGHT - ys[0], x, HEIGHT - ys[-1])
    c.showPage()
    c.save()
    return buf.getvalue()


def _table(number_gap: float, rows: int = len(ROWS)) -> list[list[str]]:
    tables = pdf_table_rows(paired_columns_pdf(number_gap, rows), [1])[1]
    assert len(tables) == 1
    return tables[0]


def test_each_ruled_pair_of_columns_is_read_as_its_two_columns() -> None:
    rows = _table(number_gap=8.0)
    assert rows[0] == list(HEADER)
    assert [r[:2] + [r[3]] for r in rows[1:]] == [[no, dest, dept] for no, dest, _, dept in ROWS]
    assert [r[2].replace(" ", "").replace("\u3000", "") for r in rows[1:]] == \
        ["".join(p).replace("\u3000", "") for _, _, p, _ in ROWS]


def test_two_digit_numbers_set_half_an_em_before_the_next_columns_text_still_part_from_it() -> None:
    """5 pt at 8 pt: closer than a chunk's gap, wider than Japanese spacing leaves beside a digit."""
    rows = _table(number_gap=5.0)
    assert [r[0] for r in rows[1:]] == [no for no, *_ in ROWS]
    assert [r[1] for r in rows[1:]] == [dest for _, dest, *_ in ROWS]


def test_a_pages_part_of_the_header_and_one_row_is_split_where_both_show_the_gutter() -> None:
    """A list's last row carried over to a page of its own, under the repeated header."""
    assert _table(number_gap=8.0, rows=1) == [list(HEADER), ["8", "警察", "刑事訴訟法に基づく捜査", "生活支援課"]]


def grid_canvas():  # type: ignore[no-untyped-def]
    """A reportlab canvas on a fresh page in the Japanese font at ``SIZE``, its buffer and the font's name."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(WIDTH, HEIGHT))
    c.setFont(font, SIZE)
    return c, buf, font


def ruled_grid_page(c, buf: io.BytesIO, xs: tuple[float, ...], top: float, pitch: float,  # type: ignore[no-untyped-def]
                    n_rows: int) -> bytes:
    """The page's bytes after drawing a full grid of ``n_rows`` rows under ``top`` with column rules at ``xs``."""
    c.setLineWidth(0.5)
    for n in range(n_rows + 1):
        c.line(xs[0], HEIGHT - top - n * pitch, xs[-1], HEIGHT - top - n * pitch)
    for x in xs:
        c.line(x, HEIGHT - top, x, HEIGHT - top - n_rows * pitch)
    c.showPage()
    c.save()
    return buf.getvalue()


def spread_digits_pdf() -> bytes:
    """A two-column grid whose counts are set 均等割付: each number's digits spread across its cell (「1 6 0」)."""
    c, buf, font = grid_canvas()
    xs, top, pitch = (40.0, 160.0, 260.0), 50.0, 16.0
    rows = [("実施機関", "審査件数"), ("区長", "160"), ("教育委員会", "13"), ("選挙管理委員会", "0"),
            ("監査委員", "0"), ("合計", "173")]
    for n, (label, count) in enumerate(rows):
        y = HEIGHT - (top + n * pitch) - 12
        c.drawString(xs[0] + 3, y, label)
        if n == 0 or len(count) == 1:
            c.drawRightString(xs[2] - 3, y, count)
        else:  # the first digit at the cell's left padding, the last at its right, the rest evenly between
            step = (xs[2] - xs[1] - 6 - c.stringWidth(count[-1], font, SIZE)) / (len(count) - 1)
            for k, digit in enumerate(count):
                c.drawString(xs[1] + 3 + k * step, y, digit)
    return ruled_grid_page(c, buf, xs, top, pitch, len(rows))


def test_a_numbers_digits_spread_across_its_cell_make_no_columns() -> None:
    tables = pdf_table_rows(spread_digits_pdf(), [1])[1]
    assert [len(r) for r in tables[0]] == [2] * 6
    assert [r[1].replace(" ", "") for r in tables[0][1:]] == ["160", "13", "0", "0", "173"]


def spread_words_pdf(padding: float, labels: tuple[str, ...] = ("実施機関", "区長", "教育委員会", "監査委員", "区長",
                                                                  "農業委員会", "区長", "合計")) -> bytes:
    """A two-column grid whose labels and first heading are set 均等割り付け: each word's characters spread
    across its cell, the first at the left padding, the last at the right one (「区　　　長」)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c, buf, font = grid_canvas()
    xs, top, pitch = (40.0, 110.0, 200.0), 50.0, 16.0
    rows = list(zip(labels, ("件数", "160", "13", "0", "4", "0", "7", "184")))
    for n, (label, count) in enumerate(rows):
        y = HEIGHT - (top + n * pitch) - 12
        widths = [stringWidth(ch, font, SIZE) for ch in label]
        gap = (xs[1] - xs[0] - 2 * padding - sum(widths)) / (len(label) - 1)
        x = xs[0] + padding
        for ch, w in zip(label, widths):
            c.drawString(x, y, ch)
            x += w + gap
        c.drawRightString(xs[2] - padding, y, count)
    return ruled_grid_page(c, buf, xs, top, pitch, len(rows))


def test_words_spread_across_their_cells_make_no_columns() -> None:
    """Every 区長 row parts at one wide gap in the same place, which alone would pass for a gutter between two
    columns; a spread word reaches both paddings, so it is one cell's text (1.5 pt and 5 pt padding)."""
    for padding in (1.5, 5.0):
        tables = pdf_table_rows(spread_words_pdf(padding), [1])[1]
        assert [len(r) for r in tables[0]] == [2] * 8
        assert [r[0].replace(" ", "").replace("\u3000", "") for r in tables[0]] == [
            "実施機関", "区長", "教育委員会", "監査委員", "区長", "農業委員会", "区長", "合計"]


def paired_flags_pdf() -> bytes:
    """Two flag columns under one rule (style partial): each heading and each 有/無 centred in its half."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c, buf, font = grid_canvas()
    xs, top, pitch = (40.0, 160.0, 200.0), 50.0, 16.0
    halves = (170.0, 190.0)  # the two flags' centres inside the ruled column 160-200: each 6 pt from a rule
    rows = [("実施機関", "要配", "条例"), ("区長", "有", "無"), ("教育委員会", "無", "無"), ("区長", "有", "有"),
            ("監査委員", "無", "有"), ("区長", "有", "無")]
    for n, (label, left, right) in enumerate(rows):
        y = HEIGHT - (top + n * pitch) - 12
        c.drawString(xs[0] + 3, y, label)
        for middle, text in zip(halves, (left, right)):
            c.drawString(middle - stringWidth(text, font, SIZE) / 2, y, text)
    return ruled_grid_page(c, buf, xs, top, pitch, len(rows))


def test_two_flags_centred_under_one_rule_are_two_columns_not_a_spread_word() -> None:
    """Every row's 「有 無」 is two lone characters, evenly set and as far from both rules: a spread word
    would look the same, but lines of one length only are no evidence of spreading."""
    tables = pdf_table_rows(paired_flags_pdf(), [1])[1]
    assert [len(r) for r in tables[0]] == [3] * 6
    assert [r[1:] for r in tables[0][1:]] == [["有", "無"], ["無", "無"], ["有", "有"], ["無", "有"], ["有", "無"]]


def test_a_word_spread_far_apart_is_one_cells_text_even_when_its_column_holds_no_other_length() -> None:
    """A page of 区長 rows only: one length, but 区 and 長 stand far more than twice as far apart as from the
    rules, which two characters centred in two columns never do."""
    tables = pdf_table_rows(spread_words_pdf(1.5, ("区長",) * 8), [1])[1]
    assert [len(r) for r in tables[0]] == [2] * 8
    assert [r[0].replace(" ", "").replace("\u3000", "") for r in tables[0]] == ["区長"] * 8
