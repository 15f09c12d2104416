"""An unruled table whose No. column is narrower than the gap that parts two chunks.

AbiWord prints a list with no borders as text alone, each No. centred in a
column only as wide as its heading, and the next column's Japanese text set
flush left a padding after it: a two-digit number ends 0.61 font sizes
before that text, closer than two cells' texts usually stand, while a
one-digit number more than 0.7 (AbiWord: 0.85). Drawn here with reportlab from
hand-placed text, in those proportions of the font size:

* a page with its header and rows 8 to 19: the ten two-digit rows outnumber
  the others, and their number and the text after it used to read as one
  cell (the header 「No 提供先」);
* a page of rows 32 to 37 only (a list's continuation): no row there leaves
  the border clear at all;
* the first page inside a frame with a rule under the header (AbiWord's
  frame style), whose columns are read from the text as well: a border
  halfway between the short recipients of rows 8 and 9 and the next column
  cut the long recipients of the rows from 10 on;
* a column of counts whose unit follows at a quarter em (JIS X 4051's
  spacing between a number and Japanese text) or a half-width space (0.45 font
  sizes here, no space drawn: 「12 件」): one cell each.

Expected texts are the cells as written below.
"""

from __future__ import annotations

import io

import pdfplumber
from reportlab.pdfbase.pdfmetrics import stringWidth

from pipeline.extract.textlayer import page_to_reading
from tests.extract.make_tables import register_japanese

PAGE = (595.0, 842.0)
SIZE = 7.5
PITCH = 17.0
TEXT_X = 58.5
TWO_DIGIT_GAP = 0.61  # font sizes between 「10」 and the text after it (AbiWord)
XS = (TEXT_X, 200.0, 340.0)  # 提供先, 該当条項, 実施機関
HEADER = ("No", "提供先", "該当条項", "実施機関")
RECIPIENTS = ("警察", "日本放送協会", "警察署", "国税局及び税務署", "東京出入国在留管理局等、他の行政機", "簡易裁判所")


def _rows(numbers: range) -> list[tuple[str, ...]]:
    return [(str(n), RECIPIENTS[n % len(RECIPIENTS)], f"第69条第{1 + n % 2}項", "区長") for n in numbers]


def page(rows: list[tuple[str, ...]], header: bool, first_gap: float | None = None, framed: bool = False) -> bytes:
    """The rows drawn as AbiWord sets them; ``first_gap``: the second cell follows the first this many font sizes
    after its end instead (the first cell set flush left at the column's start); ``framed``: inside a frame with
    a rule under the header (AbiWord's frame style: the columns stand in the text alone)."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setFont(font, SIZE)

    def text(x: float, top: float, s: str) -> None:
        c.drawString(x, PAGE[1] - top - SIZE, s)

    lines = [HEADER, *rows] if header else rows
    for i, cells in enumerate(lines):
        top = 60.0 + i * PITCH
        width = stringWidth(cells[0], font, SIZE)
        if first_gap is None:
            centre = TEXT_X - TWO_DIGIT_GAP * SIZE - stringWidth("10", font, SIZE) / 2
            text(centre - width / 2, top, cells[0])
            rest_x = XS
        else:
            text(44.0, top, cells[0])
            rest_x = (44.0 + width + first_gap * SIZE, *XS[1:])
        for x, cell in zip(rest_x, cells[1:]):
            text(x, top, cell)
    if framed:
        top, bottom = 60.0 - 3.0, 60.0 + len(lines) * PITCH
        c.rect(42.0, PAGE[1] - bottom, 420.0, bottom - top)
        if header:
            c.line(42.0, PAGE[1] - (top + PITCH), 462.0, PAGE[1] - (top + PITCH))
    c.showPage()
    c.save()
    return buf.getvalue()


def table_rows(pdf_bytes: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        tables, _, _ = page_to_reading(pdf.pages[0], 1)
    assert len(tables) == 1
    return [[cell.text.replace(" ", "").replace("\n", "") for cell in row] for row in tables[0].cells]


def test_the_drawing_sets_two_digits_closer_than_a_chunk_gap():
    """The page is what the docstring says: 「10」 ends 0.61 font sizes before its recipient, 「9」 more than 0.7."""
    with pdfplumber.open(io.BytesIO(page(_rows(range(8, 20)), header=True))) as pdf:
        chars = pdf.pages[0].chars
    zero = next(ch for ch in chars if ch["text"] == "0" and ch["x1"] < TEXT_X)
    assert round((TEXT_X - zero["x1"]) / SIZE, 2) == 0.61
    nine = next(ch for ch in chars if ch["text"] == "9" and ch["x1"] < TEXT_X)
    assert (TEXT_X - nine["x1"]) / SIZE > 0.7


def test_the_number_column_stands_apart_under_its_header():
    rows = table_rows(page(_rows(range(8, 20)), header=True))
    assert rows[0] == list(HEADER)
    assert rows[1:] == [list(r) for r in _rows(range(8, 20))]


def test_a_page_of_two_digit_rows_only_keeps_its_number_column():
    rows = table_rows(page(_rows(range(32, 38)), header=False))
    assert rows == [list(r) for r in _rows(range(32, 38))]


def test_the_number_column_stands_apart_inside_a_frame():
    rows = table_rows(page(_rows(range(8, 20)), header=True, framed=True))
    assert rows[0] == list(HEADER)
    assert rows[1:] == [list(r) for r in _rows(range(8, 20))]


def test_a_unit_a_quarter_em_after_its_number_stays_in_its_cell():
    counts = [(f"{n}", "件", f"第69条第{1 + n % 2}項", "区長") for n in range(10, 16)]
    rows = table_rows(page(counts, header=False, first_gap=0.45))
    assert [row[0] for row in rows] == [f"{n}件" for n in range(10, 16)]
