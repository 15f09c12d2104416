"""A table cut by a page break that keeps one row on the next page is still a table.

wkhtmltopdf draws a table with a frame and rules between its rows only (no
column rules), each cell's foot on its own; a break may leave a single row
on the next page, under the clipped rest of the row cut above it: its sides
run up to the page's head, and its only horizontal rule is its foot, drawn
in pieces that join at the column borders. Read as one framed cell it was
no table, and the row (outsourcing No. 319) was lost without a finding. A
box drawn whole around a line of text is a note, not a row of cells.
"""

from __future__ import annotations

import io
from itertools import pairwise

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

X = (38.6, 62.0, 284.9, 468.1, 507.8, 532.0, 555.9)  # the columns of the real page
ROW = ("319", "教職員人事情報システム運用サポート委託", "教育委員会事務局教育指導課", "教育委員会", "有", "無")
HEAD, CUT, FOOT = 842 - 33.4, 842 - 42.6, 842 - 52.1  # the page's head, the cut row's foot, the row's foot


def one_row_page(foot_in_pieces: bool) -> bytes:
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842), invariant=1)
    c.setFont(font, 5.76)
    for x, text in zip(X, ROW):
        c.drawString(x + 6, FOOT + 2.5, text)
    c.setLineWidth(0.576)
    for x in (X[0], X[-1]):  # the sides, one piece per row: the cut row's and this one's
        c.line(x, HEAD, x, CUT)
        c.line(x, CUT, x, FOOT)
    if foot_in_pieces:
        for left, right in pairwise(X):
            c.line(left, FOOT, right, FOOT)
    else:
        c.line(X[0], FOOT, X[-1], FOOT)
    c.showPage()
    c.save()
    return out.getvalue()


def test_the_one_row_a_page_break_left_is_read_in_its_columns() -> None:
    tables = pdf_table_rows(one_row_page(foot_in_pieces=True))[1]
    rows = [[cell.replace(" ", "") for cell in row] for t in tables for row in t if any(row)]
    assert rows == [list(ROW)]


def test_a_box_drawn_whole_around_one_line_is_no_table() -> None:
    assert pdf_table_rows(one_row_page(foot_in_pieces=False))[1] == []
