"""Double rules drawn as Chromium prints CSS ``border-style: double`` (issue 11, producers bench).

Chromium fills two thin rectangles per double rule (0.75 pt each, 0.75 pt
apart): the outer frame and the header rule are such pairs, and the rules
meeting them stop at the pair's inner line (a body rule starts at the
frame's inner line; a column rule, and the frame's sides, stop at the header
pair's near line and start again below its far one). Before ``merge_segments`` put a merged
rule between its two lines, it stood on the first line: the body rules
ending at the inner line missed the frame by more than the snap, and the
header was read as a table of its own with the first body row lost.

The PDFs are drawn here with reportlab's canvas from hand-written cells;
every expectation is the cells as drawn.
"""

from __future__ import annotations

import io

import pytest

from pipeline.extract.rows import pdf_table_rows
from pipeline.extract.ruling import Segment, merge_segments, segments_to_grids

CELLS = [
    ["No", "Work", "Office"],
    ["1", "Blood tests", "North"],
    ["2", "Printing of notices", "South"],
    ["3", "Health checks", "East"],
]
XS = (60.0, 100.0, 260.0, 360.0)  # outer edges of the frame and the column rules' left edges, from the left
ROW = 20.0
TOP = 100.0  # from the top of the page
PAGE_H = 842.0


def double_table_pdf(line: float, gap: float) -> bytes:
    """One page: CELLS with a double outer frame and a double rule under the header, drawn as filled boxes."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, PAGE_H))
    pair = 2 * line + gap  # a double rule's full width

    def box(x0: float, top: float, x1: float, bottom: float) -> None:
        c.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)

    left, right = XS[0], XS[-1]
    bottom = TOP + ROW * len(CELLS)
    head = TOP + ROW  # the header rule's near line
    for y in (TOP, head, bottom - pair):  # double rules: frame top, header rule, frame bottom
        box(left, y, right, y + line)
        box(left, y + line + gap, right, y + pair)
    for x in (left, right - pair):  # the frame's sides, drawn cell by cell: broken at the header rule
        for top, foot in ((TOP, head), (head + pair, bottom)):
            box(x, top, x + line, foot)
            box(x + line + gap, top, x + pair, foot)
    for x in XS[1:-1]:  # column rules, stopping at the double rules' lines
        box(x, TOP + pair, x + line, head)
        box(x, head + pair, x + line, bottom - pair)
    for r in range(2, len(CELLS)):  # single body rules, from the frame's inner line to the other
        box(left + pair, TOP + ROW * r, right - pair, TOP + ROW * r + line)
    c.setFont("Helvetica", 9)
    for r, cells in enumerate(CELLS):
        for k, text in enumerate(cells):
            c.drawString(XS[k] + 5, PAGE_H - (TOP + ROW * r + 14), text)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("line, gap", [(0.75, 0.75), (0.5, 0.5)])
def test_a_table_framed_by_double_rules_is_one_table_with_every_row(line, gap):
    assert pdf_table_rows(double_table_pdf(line, gap))[1] == [CELLS]


def test_a_double_rule_merges_to_one_rule_between_its_lines():
    """The rules that stop at the inner line still meet it: the merged rule stands between the two."""
    hs = [Segment(10.375, 10, 200), Segment(11.875, 10, 200), Segment(60.375, 10, 200)]
    vs = [Segment(10.375, 10, 60.75), Segment(11.875, 10, 60.75), Segment(100.0, 12.25, 60.75),
          Segment(199.625, 10, 60.75), Segment(198.125, 10, 60.75)]
    assert [s.pos for s in merge_segments(hs)] == [11.125, 60.375]
    grids = segments_to_grids(hs, vs)
    assert len(grids) == 1 and grids[0].xs == pytest.approx((11.125, 100.0, 198.875))
