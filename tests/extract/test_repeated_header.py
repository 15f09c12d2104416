"""Summary tables ruled with horizontal rules only, the page starting inside the first one (issue 11, Gnumeric x hrules).

Three summary tables of one kind stand one under the other, every rule of the same width, so
their rules stack into one. The page break fell inside the first table: the page starts with
its last rows, no header. A caption short enough to stay in the first column
(「(3) 外部提供の審査基準」) then sat in a band of the stack followed by a header that matched
no first band, and was read as a row of the first table, the header below it as another.
The header repeats word for word over the third table and names columns, no counts.
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE, ROW = 8.0, 16.5
X = (38.0, 200.0, 306.0, 466.0, 627.0)
HEADER = ("実施機関", "審査件数", "要配慮個人情報", "条例要配慮個人情報")
TAIL = [("監査委員", "0", "0", "0"), ("農業委員会", "0", "0", "0"), ("合計", "8", "0", "0")]
SECOND = [("区長", "129", "49", "50"), ("教育委員会", "4", "3", "1"), ("監査委員", "0", "0", "0"),
          ("合計", "133", "52", "51")]
THIRD = [("区長", "160", "49", "34"), ("教育委員会", "13", "4", "3"), ("監査委員", "0", "0", "0"),
         ("合計", "173", "53", "37")]
CAPTIONS = ("(3) 外部提供の審査基準", "(4) オンライン結合・システム導入における審査基準")


def stacked_summaries_page() -> bytes:
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(842, 595), invariant=1)
    c.setFont(font, SIZE)
    c.setLineWidth(0.8)
    y = 595 - 72.0

    def row(cells: tuple[str, ...], height: float = ROW) -> None:
        nonlocal y
        for x, text in zip(X, cells):
            c.drawString(x + 3, y - 11.0, text)
        y -= height
        c.line(X[0], y, X[-1], y)

    c.line(X[0], y, X[-1], y)
    for cells in TAIL:
        row(cells)
    for caption, body in zip(CAPTIONS, (SECOND, THIRD)):
        c.drawString(X[0] + 3, y - 22.0, caption)  # the caption in a band of its own, no rule at its top
        y -= 33.0
        c.line(X[0], y, X[-1], y)
        row(HEADER, 30.0)
        for cells in body:
            row(cells)
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_short_caption_between_stacked_tables_is_no_row_when_the_page_starts_inside_the_first() -> None:
    tables = pdf_table_rows(stacked_summaries_page())[1]
    read = [[tuple(cell.replace(" ", "") for cell in row) for row in table] for table in tables]
    assert read[1:] == [[HEADER, *SECOND], [HEADER, *THIRD]]
    assert read[0][-1] == TAIL[-1]  # the first table ends with its total, no caption after it
