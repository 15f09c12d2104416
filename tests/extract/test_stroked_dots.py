"""Dotted rules drawn as stroked dots: LuaTeX's arydshln dashes, 0.4 pt long, 0.4 pt wide, every 1.6 pt.

Each dot is a stroked line as short as it is wide, a square of ink; a
horizontal rule's dots are drawn three times over, and a vertical rule is a
stack of short horizontal strokes. Read one by one they were thousands of
tiny rules a page (the latex dotted render: 20,000 to 37,000 a page, over the
60 s page limit). The PDF is drawn here with reportlab from hand-written
cells; the expectations are the cells and rules as drawn.
"""

from __future__ import annotations

import io

import pdfplumber

from pipeline.extract.dotted import painted_box
from pipeline.extract.lean import lean_page
from pipeline.extract.rows import pdf_table_rows
from pipeline.extract.textlayer import page_to_segments

CELLS = [
    ["No", "Work", "Office"],
    ["1", "Blood tests", "North"],
    ["2", "Printing of notices", "South"],
    ["3", "Health checks", "East"],
]
XS = (60.0, 100.0, 260.0, 360.0)
ROW = 20.0
TOP = 700.0  # reportlab's y grows upwards
DOT, PITCH, WIDTH = 0.4, 1.6, 0.4


def stroked_dots_pdf() -> bytes:
    """CELLS in a grid whose every border is a row of stroked DOT-long lines, PITCH apart."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setLineWidth(WIDTH)
    c.setLineCap(0)  # butt: the ink is the line's own length
    bottom = TOP - ROW * len(CELLS)
    for _ in range(3):  # each dot of a horizontal rule drawn three times over
        for y in [TOP - ROW * i for i in range(len(CELLS) + 1)]:
            x = XS[0]
            while x + DOT <= XS[-1]:
                c.line(x, y, x + DOT, y)
                x += PITCH
    for x0 in XS:  # a vertical rule: short horizontal strokes stacked up
        y = bottom
        while y <= TOP:
            c.line(x0 - DOT / 2, y, x0 + DOT / 2, y)
            y += PITCH
    c.setFont("Helvetica", 9)
    for r, cells in enumerate(CELLS):
        for k, text in enumerate(cells):
            c.drawString(XS[k] + 4, TOP - ROW * r - 14, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_stroked_line_inks_its_length_by_its_width():
    across = {"x0": 10.0, "x1": 10.4, "top": 50.0, "bottom": 50.0, "linewidth": 0.4}
    down = {"x0": 10.0, "x1": 10.0, "top": 50.0, "bottom": 50.4, "linewidth": 0.4}
    assert painted_box(across) == {"x0": 10.0, "x1": 10.4, "top": 49.8, "bottom": 50.2}
    assert painted_box(down) == {"x0": 9.8, "x1": 10.2, "top": 50.0, "bottom": 50.4}


def test_stroked_dots_make_one_rule_per_border():
    """Read as the pipeline reads a page (``lean.lean_page``, which must keep each line's width)."""
    with pdfplumber.open(io.BytesIO(stroked_dots_pdf())) as pdf:
        page = lean_page(pdf.pages[0])
        assert len(page.lines) > 3000  # the page is what the docstring says: thousands of dots
        hs, vs = page_to_segments(page)
    assert len(hs) == len(CELLS) + 1 and len(vs) == len(XS)
    assert sorted(round(v.pos, 1) for v in vs) == list(XS)


def test_a_grid_of_stroked_dots_is_read_as_its_cells():
    assert pdf_table_rows(stroked_dots_pdf())[1] == [CELLS]
