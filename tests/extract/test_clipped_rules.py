"""Rules drawn past their clip are printed only inside it (clipped.cut_to_clip, textlayer.page_to_segments).

A browser (wkhtmltopdf) strokes a table's rounded frame once for the whole
table, across every page, and clips each page to its own part: the frame's
sides run from far above the page to far below it, and its top edge lies
off the page, above a continued table's first row. The page is drawn with
reportlab in the test; the expectation is the geometry as drawn below.
"""

from __future__ import annotations

import io

import pdfplumber

from pipeline.extract.lean import lean_page
from pipeline.extract.textlayer import page_to_segments

HEIGHT = 400.0


def clipped_frame_pdf() -> bytes:
    """A frame 1,400 pt tall (from 500 pt above the page) clipped to the box 20 pt inside the page's edges,
    and a rule across the clip drawn unclipped beside it."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, HEIGHT))
    c.saveState()
    clip = c.beginPath()
    clip.rect(20, 20, 260, HEIGHT - 40)
    c.clipPath(clip, stroke=0, fill=0)
    c.rect(40, -500, 200, 1400, stroke=1, fill=0)  # top edge at y = 900: 500 pt above the page's top
    c.line(10, 200, 290, 200)  # a rule across the clip's sides: printed from x 20 to 280
    c.restoreState()
    c.line(10, 100, 290, 100)  # outside any clip: whole
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_frame_drawn_past_its_clip_keeps_only_the_part_inside() -> None:
    with pdfplumber.open(io.BytesIO(clipped_frame_pdf())) as pdf:
        hs, vs = page_to_segments(lean_page(pdf.pages[0]))
    sides = sorted((round(v.pos), round(v.lo), round(v.hi)) for v in vs)
    assert sides == [(40, 20, HEIGHT - 20), (240, 20, HEIGHT - 20)]
    rules = sorted((round(h.pos), round(h.lo), round(h.hi)) for h in hs)
    assert rules == [(HEIGHT - 200, 20, 280), (HEIGHT - 100, 10, 290)]  # no edge above the page, none under it
