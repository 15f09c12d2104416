"""Dotted borders drawn dot by dot (Chromium's dotted CSS border: a tiny filled square every 1.5 pt).

The PDFs are drawn here with reportlab's canvas, one filled square at a time,
from hand-written cells; every expectation is the cells as drawn. Before
``dotted.dotted_rules`` such a table gave no table at all (each square a
one-dot horizontal rule, a vertical border a stack of hundreds of them).
"""

from __future__ import annotations

import io

import pytest

from pipeline.extract.dotted import dotted_rules
from pipeline.extract.rows import pdf_table_rows

CELLS = [
    ["No", "Work", "Office"],
    ["1", "Blood tests", "North"],
    ["2", "Printing of notices", "South"],
    ["3", "Health checks", "East"],
]
XS = (60.0, 100.0, 260.0, 360.0)
ROW = 20.0
TOP = 700.0  # reportlab's y grows upwards


def dotted_table_pdf(dot: float, pitch: float) -> bytes:
    """One page: CELLS in a grid whose every border is a row of ``dot``-pt squares ``pitch`` pt apart."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    bottom = TOP - ROW * len(CELLS)
    ys = [TOP - ROW * i for i in range(len(CELLS) + 1)]
    for y in ys:  # horizontal borders
        x = XS[0]
        while x <= XS[-1]:
            c.rect(x - dot / 2, y - dot / 2, dot, dot, stroke=0, fill=1)
            x += pitch
    for x0 in XS:  # vertical borders
        y = bottom
        while y <= TOP:
            c.rect(x0 - dot / 2, y - dot / 2, dot, dot, stroke=0, fill=1)
            y += pitch
    c.setFont("Helvetica", 9)
    for r, cells in enumerate(CELLS):
        for k, text in enumerate(cells):
            c.drawString(XS[k] + 4, TOP - ROW * r - 14, text)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("dot, pitch", [(0.75, 1.5), (0.5, 1.5), (1.0, 3.0)])
def test_a_grid_of_dotted_borders_drawn_dot_by_dot_is_read_as_its_cells(dot, pitch):
    assert pdf_table_rows(dotted_table_pdf(dot, pitch))[1] == [CELLS]


def box(x: float, y: float, size: float = 0.75) -> dict:
    return {"x0": x, "x1": x + size, "top": y, "bottom": y + size, "stroke": False, "fill": True}


def test_dots_in_a_line_are_one_rule_and_stray_dots_are_left_alone():
    row = [box(10 + 1.5 * i, 50) for i in range(10)]  # a horizontal dotted rule, 10 dots
    column = [box(200, 10 + 1.5 * i) for i in range(6)]  # a vertical one, 6 dots
    strays = [box(400, 400), box(420, 400), box(400, 420)]  # far apart: specks, not a border
    hs, vs, used = dotted_rules(row + column + strays, thin=2.0)
    assert [(round(s.pos, 3), s.lo, s.hi) for s in hs] == [(50.375, 10, 10 + 1.5 * 9 + 0.75)]
    assert [(round(s.pos, 3), s.lo, s.hi) for s in vs] == [(200.375, 10, 10 + 1.5 * 5 + 0.75)]
    assert used == set(range(16))


def test_two_dots_or_a_dash_are_no_dotted_rule():
    two = [box(10, 50), box(11.5, 50)]
    dash = [{"x0": 10 + 6 * i, "x1": 14 + 6 * i, "top": 80, "bottom": 80.75} for i in range(5)]  # long boxes
    assert dotted_rules(two + dash, thin=2.0) == ([], [], set())


def test_the_vertical_borders_drawn_dot_by_dot_are_vertical_rules():
    """Read one square at a time, a vertical dotted border was a stack of one-dot horizontal rules."""
    import pdfplumber

    from pipeline.extract.ruling import merge_segments
    from pipeline.extract.textlayer import page_to_segments

    with pdfplumber.open(io.BytesIO(dotted_table_pdf(0.75, 1.5))) as pdf:
        hs, vs = page_to_segments(pdf.pages[0])
    long_vs = [s for s in merge_segments(vs) if s.hi - s.lo >= ROW * len(CELLS) - 2]
    assert [round(s.pos, 1) for s in sorted(long_vs, key=lambda s: s.pos)] == list(XS)
    assert all(s.hi - s.lo > 2 for s in merge_segments(hs)), "no one-dot horizontal rules"
