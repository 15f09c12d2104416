"""A page number in a size of its own, just under an unruled table's last row, is no wrapped line of that row.

AbiWord prints the page number 「- 3 -」 in 8 pt, 7 pt under the last 7.5 pt
row of a list with no rules, centred on the page: over the department
column, whose text filled that column. Read as the department wrapped onto
one more line, it changed the row's department to 「…戸籍課 - 3 -」. Drawn
here with reportlab from hand-placed text in those sizes and distances.

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
FOOTER_SIZE = 8.0
PITCH = 10.0
XS = (48.0, 67.0, 287.0, 467.0)  # No, 委託の内容, 担当部課, 実施機関
HEADER = ("No", "委託の内容", "担当部課", "実施機関")
DEPARTMENT = "地域行政部住民記録・戸籍課"  # fills its column: the widest department text
ROWS = [(str(n), f"戸籍証明書の発行業務{n}", DEPARTMENT, "区長") for n in range(58, 64)]


def page() -> bytes:
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    top = 700.0
    for i, cells in enumerate([HEADER, *ROWS]):
        top = 700.0 + i * PITCH + (4.0 if i else 0.0)
        for x, cell in zip(XS, cells):
            c.setFont(font, SIZE)
            c.drawString(x, PAGE[1] - top - SIZE, cell)
    label = "- 3 -"
    width = stringWidth(label, font, FOOTER_SIZE)
    c.setFont(font, FOOTER_SIZE)
    c.drawString(XS[2] + (stringWidth(DEPARTMENT, font, SIZE) - width) / 2,
                 PAGE[1] - (top + SIZE + 7.0) - FOOTER_SIZE, label)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_the_page_number_stands_over_the_filled_column_in_its_own_size():
    with pdfplumber.open(io.BytesIO(page())) as pdf:
        chars = pdf.pages[0].chars
    three = next(ch for ch in chars if ch["text"] == "3" and ch["size"] == FOOTER_SIZE)
    assert XS[2] < three["x0"] < XS[2] + stringWidth(DEPARTMENT, register_japanese(), SIZE)
    last = max(ch["bottom"] for ch in chars if ch["size"] == SIZE)
    assert 6.5 < three["top"] - last < 7.5


def test_the_last_row_keeps_its_department():
    with pdfplumber.open(io.BytesIO(page())) as pdf:
        tables, _, _ = page_to_reading(pdf.pages[0], 1)
    assert len(tables) == 1
    rows = [[cell.text.replace(" ", "").replace("\n", "") for cell in row] for row in tables[0].cells]
    assert rows[0] == list(HEADER)
    assert rows[1:len(ROWS) + 1] == [list(r) for r in ROWS]
    assert all("3-" not in cell for row in rows[1:len(ROWS) + 1] for cell in row)
