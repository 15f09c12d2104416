"""Separated cell boxes (issue 11's style ``separate``): every cell its own box, a small gap between neighbours.

HTML's ``border-collapse: separate``, Word's cell spacing and Typst's
``gutter`` draw two parallel rules wherever a plain grid has one, a gap at
every joint, and a table box around (tests/test_separate_style.py checks
that the producers draw so). Read as drawn, each cell's box was its own
small table (Typst's and MuPDF's renders gave no row at all). MuPDF's Story
also draws each box only as tall as its own cell's text, so the other cells
of a row whose one cell wraps stop short of the row's foot.

The PDFs are drawn here with reportlab's canvas from hand-written cells;
every expectation is the cells as drawn.
"""

from __future__ import annotations

import io

import pytest

from pipeline.extract.rows import pdf_table_rows

CELLS = [
    ["No", "Work", "Office"],
    ["1", "Blood tests", "North"],
    ["2", "Printing of notices", "South"],
    ["3", "Health checks", "East"],
]
XS = (60.0, 100.0, 260.0, 360.0)  # the grid's column lines, from the left: boxes stand half the gap inside
ROW = 20.0
TOP = 100.0  # from the top of the page
PAGE_H = 842.0
WIDTH = 0.5


def separate_table_pdf(gap: float, as_lines: bool, short_boxes: bool = False) -> bytes:
    """One page: CELLS, each in its own stroked box ``gap`` from its neighbours', a table box around.

    ``as_lines`` strokes each side as its own line (Typst), else each box as
    a rectangle. With ``short_boxes``, row 2's second cell wraps to two lines
    and its row is two lines tall, while the row's other boxes stop under
    their one line (MuPDF's Story).
    """
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, PAGE_H))
    c.setLineWidth(WIDTH)

    def box(x0: float, top: float, x1: float, bottom: float) -> None:
        if as_lines:
            for ax, ay, bx, by in ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom),
                                   (x1, top, x1, bottom)):
                c.line(ax, PAGE_H - ay, bx, PAGE_H - by)
        else:
            c.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, stroke=1, fill=0)

    heights = [2 * ROW if short_boxes and r == 2 else ROW for r in range(len(CELLS))]
    tops = [TOP + sum(heights[:r]) for r in range(len(CELLS))]
    half = gap / 2
    box(XS[0] - half, TOP - half, XS[-1] + half, tops[-1] + heights[-1] + half)  # the table's box
    c.setFont("Helvetica", 9)
    for r, cells in enumerate(CELLS):
        for k, text in enumerate(cells):
            wraps = short_boxes and r == 2 and k == 1
            tall = heights[r] if wraps or not short_boxes else ROW
            box(XS[k] + half, tops[r] + half, XS[k + 1] - half, tops[r] + tall - half)
            lines = ["Printing of", "notices"] if wraps else [text]
            for n, line in enumerate(lines):
                c.drawString(XS[k] + 5, PAGE_H - (tops[r] + 14 + 12 * n), line)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("gap", [1.5, 2.0, 2.5, 3.0])
@pytest.mark.parametrize("as_lines", [False, True])
def test_separated_cell_boxes_are_one_table_with_every_row(gap, as_lines):
    assert pdf_table_rows(separate_table_pdf(gap, as_lines))[1] == [CELLS]


@pytest.mark.parametrize("gap", [1.5, 2.0])
def test_boxes_drawn_short_of_their_row_still_make_one_row(gap):
    """The short boxes' feet are no row border: the row ends where the wrapped cell's box does."""
    assert pdf_table_rows(separate_table_pdf(gap, as_lines=False, short_boxes=True))[1] == [CELLS]


def open_foot_pdf(gap: float) -> bytes:
    """CELLS with the last row's second cell wrapped to two lines, its other boxes one line tall, at a page's foot:
    the table's box left open under it (its sides run on past the row, no rule under it), as MuPDF breaks a table."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, PAGE_H))
    c.setLineWidth(WIDTH)
    half = gap / 2
    last = len(CELLS) - 1
    bottom = TOP + ROW * last + 2 * ROW
    for x in (XS[0] - half, XS[-1] + half):  # the table box's sides, open at the foot
        c.line(x, PAGE_H - (TOP - half), x, PAGE_H - (bottom + 3 * ROW))
    c.line(XS[0] - half, PAGE_H - (TOP - half), XS[-1] + half, PAGE_H - (TOP - half))
    c.setFont("Helvetica", 9)
    for r, cells in enumerate(CELLS):
        top = TOP + ROW * r
        for k, text in enumerate(cells):
            wraps = r == last and k == 1
            c.rect(XS[k] + half, PAGE_H - (top + (2 * ROW if wraps else ROW) - half), XS[k + 1] - XS[k] - gap,
                   (2 * ROW if wraps else ROW) - gap, stroke=1, fill=0)
            for n, line in enumerate(["Health", "checks"] if wraps else [text]):
                c.drawString(XS[k] + 5, PAGE_H - (top + 14 + 12 * n), line)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("gap", [1.5, 2.0])
def test_the_last_rows_short_boxes_under_an_open_table_box_still_make_one_row(gap):
    """No rule runs under the last row: its foot is where its tallest box ends, not each short box's."""
    assert pdf_table_rows(open_foot_pdf(gap))[1] == [CELLS]
