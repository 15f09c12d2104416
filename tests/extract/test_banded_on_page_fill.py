"""Banded tables printed over a fill the size of the page, two of one layout under their captions.

wkhtmltopdf paints the page's white background as one filled box, then the
tables' shaded bands over it (matplotlib paints its figure's the same way).
Every band lies inside that box, and a fill inside another one was taken
for a paragraph's shading inside its cell's: no band was left, the rows
were read from the text alone, and on a page of wrapped descriptions their
second lines became rows of their own. A fill that holds two others one
under the other is what they are painted on, whatever its colour (a white
page, a tinted table background). With the bands read, two summary tables
of one layout, each under its caption, stack their band edges into one
stack of rules, to be cut at the caption band because the next band holds
the header again: the same headings, whose lines group differently when
the producer centres them a fraction of a point apart (here the wrapped
heading stands 3.4 pt over the single-line ones in the first table, 3.9 pt
in the second, either side of half the font size).

Drawn here with reportlab; the expected band edges and cells are the ones
drawn below.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest

from pipeline.extract.lean import lean_page
from pipeline.extract.shading import band_rules
from pipeline.extract.textlayer import THIN, page_to_reading
from tests.extract.make_tables import register_japanese

PAGE = (595.0, 842.0)
SIZE = 7.5
XS = (40.0, 190.0, 260.0, 355.0)  # the caption ends short of the first column border
RIGHT = 460.0
HEADER_HEIGHT = 18.0
ROW = 10.4
BODY = [("区長", "766", "305", "115"), ("教育委員会", "29", "4", "0"), ("選挙管理委員会", "4", "0", "0"),
        ("監査委員", "0", "0", "0"), ("農業委員会", "0", "0", "0"), ("合計", "799", "309", "115")]
CAPTIONS = ("（1）外部委託の審査基準", "（2）目的外利用の審査基準")
TOPS = (160.0, 260.0)  # each table's header band
RAISED = (3.4, 3.9)  # how far the wrapped heading's first line stands above the single-line headings


def _bands(top: float) -> list[tuple[float, float, float]]:
    """(top, bottom, grey) of the header band and of every other body row, from the first."""
    out = [(top, top + HEADER_HEIGHT, 0.78)]
    first = top + HEADER_HEIGHT
    out += [(first + i * ROW, first + (i + 1) * ROW, 0.925) for i in range(1, len(BODY), 2)]
    return out


BACKGROUNDS = ((1.0, 1.0, 1.0), (0.97, 0.97, 0.9))  # the paper's white, a pale cream table background


def page(background: tuple[float, float, float] = BACKGROUNDS[0]) -> bytes:
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setFillColorRGB(*background)
    c.rect(34.0, 40.0, PAGE[0] - 68.0, PAGE[1] - 80.0, stroke=0, fill=1)  # the page's background

    def text(x: float, top: float, s: str) -> None:
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font, SIZE)
        c.drawString(x, PAGE[1] - top - SIZE, s)

    for caption, top, raised in zip(CAPTIONS, TOPS, RAISED):
        for band_top, band_bottom, grey in _bands(top):
            c.setFillColorRGB(grey, grey, grey)
            c.rect(XS[0], PAGE[1] - band_bottom, RIGHT - XS[0], band_bottom - band_top, stroke=0, fill=1)
        text(XS[0], top - 10.0, caption)
        middle = top + (HEADER_HEIGHT - SIZE) / 2
        text(XS[0] + 2, middle, "実施機関")
        text(XS[1] + 2, middle, "審査件数")
        for x in XS[2:]:
            text(x + 2, middle - raised, "うち、要配慮個人情報")
            text(x + 2, middle - raised + SIZE + 1.0, "を取り扱うもの")
        for i, cells in enumerate(BODY):
            for x, cell in zip(XS, cells):
                text(x + 2, top + HEADER_HEIGHT + i * ROW + 1.5, cell)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_the_bands_on_the_page_fill_set_rows(background):
    with pdfplumber.open(io.BytesIO(page(background))) as pdf:
        lean = lean_page(pdf.pages[0])
        edges = sorted({round(s.pos, 1) for s in band_rules(lean.rects, lean.chars, THIN)})
    expected = {round(y, 1) for top in TOPS for band_top, band_bottom, _ in _bands(top) for y in (band_top, band_bottom)}
    assert expected <= set(edges)


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_two_tables_of_one_layout_stay_apart_at_their_caption(background):
    with pdfplumber.open(io.BytesIO(page(background))) as pdf:
        tables, _, _ = page_to_reading(lean_page(pdf.pages[0]), 1)
    assert len(tables) == 2
    for table in tables:
        rows = [[cell.text.replace(" ", "").replace("\n", "") for cell in row] for row in table.cells]
        assert rows[-len(BODY):] == [list(r) for r in BODY]
        assert not any(caption in "".join(row) for row in rows for caption in CAPTIONS)


def ringed_page() -> bytes:
    """Two tables in the separate style as WeasyPrint draws it, each under its caption: every cell's border and
    each table's a ring, two rectangles of one colour filled even-odd, 0.6 pt apart, the cells 1.5 pt apart
    (border-spacing); no shading. The caption is a row of text between two stacks of cell boxes."""
    from reportlab.lib.colors import black
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)

    def ring(x0: float, top: float, x1: float, bottom: float) -> None:
        path = c.beginPath()
        path.rect(x0, PAGE[1] - bottom, x1 - x0, bottom - top)
        path.rect(x0 + 0.6, PAGE[1] - bottom + 0.6, x1 - x0 - 1.2, bottom - top - 1.2)
        c.setFillColor(black)
        c.drawPath(path, stroke=0, fill=1, fillMode=0)  # even-odd

    def text(x: float, top: float, s: str) -> None:
        c.setFont(font, SIZE)
        c.drawString(x, PAGE[1] - top - SIZE, s)

    pitch = ROW * 1.5
    for caption, top in zip(CAPTIONS, (160.0, 300.0)):
        text(XS[0], top - 14.0, caption)
        ring(XS[0] - 2.1, top - 2.1, RIGHT + 2.1, top + len(BODY) * pitch + 0.6)
        for i, cells in enumerate(BODY):
            y = top + i * pitch
            for x, right, cell in zip(XS, (*XS[1:], RIGHT + 1.5), cells):
                ring(x, y, right - 1.5, y + pitch - 1.5)
                text(x + 3, y + 3, cell)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_two_tables_ruled_by_rings_read_whole_under_their_captions():
    """Each table's box holds its rows but not the captions: no background, and no stack of bands."""
    with pdfplumber.open(io.BytesIO(ringed_page())) as pdf:
        tables, _, _ = page_to_reading(lean_page(pdf.pages[0]), 1)
    assert len(tables) == 2
    for table in tables:
        rows = [[cell.text.replace(" ", "").replace("\n", "") for cell in row] for row in table.cells]
        assert rows[-len(BODY):] == [list(r) for r in BODY]


def _box(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "fill": True, "stroke": False}


def test_a_box_under_every_character_is_the_page_a_box_under_some_is_a_table():
    """_outermost: two row fills inside a box are read when the box lies under all the page's text (the page's
    background); when text lies outside it (a caption above the table), the box is the table's and stays."""
    from pipeline.extract.shading import _outermost

    box, rows = _box(30, 30, 560, 800), [_box(40, 100, 500, 120), _box(40, 140, 500, 160)]
    inside = [(110.0, 60.0), (150.0, 60.0)]
    assert _outermost([box, *rows], inside) == rows
    assert _outermost([box, *rows], [*inside, (20.0, 60.0)]) == [box]
