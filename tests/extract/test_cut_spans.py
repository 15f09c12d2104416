"""A cell merged over rows that a page break cuts, drawn as PyMuPDF's Story draws it (pymupdf-merged).

Every cell draws its own right and bottom border (the first column its
left one too, the first page's header its top one, and a cell beside a merged one its left one). The 担当部課 / 実施機関
cell merged over rows 3 to 7 is cut after row 5: on page 1 its box is drawn
only as tall as its text (ending inside row 3, at row 3's foot, or running
on past the table's foot), and the table's foot is not drawn under it; on
page 2 its rest (rows 6 and 7) is not drawn at all, so neither is the top
edge of the cell merged over rows 8 and 9 below it, nor the column rule
between the two columns above that cell. Page 2 has no top rule (a
continued table). Every expectation below follows from that drawing: which
rows each merged cell covers, in which column, with which text.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest

from pipeline.extract.textlayer import page_to_reading
from tests.extract.make_tables import register_japanese

PAGE = (595.0, 842.0)
XS = (40.0, 70.0, 200.0, 320.0, 380.0, 420.0)  # No | 名称 | 担当部課 | 実施機関 | 有無
ROW = 20.0
TOP = 100.0  # the header's top on page 1; rows follow every ROW points
TOP2 = 60.0  # the first row's top on page 2
W = 0.6  # border thickness: PyMuPDF fills a thin rectangle per border


def rect(c, x0: float, top: float, x1: float, bottom: float) -> None:
    c.rect(x0, PAGE[1] - bottom, x1 - x0, bottom - top, stroke=0, fill=1)


def cell(c, col: int, top: float, bottom: float, text: str = "", span: int = 1) -> None:
    """A cell over ``span`` columns from ``col``: its text at the top left, its right and bottom borders."""
    x0, x1 = XS[col], XS[col + span]
    if text:
        c.drawString(x0 + 3, PAGE[1] - top - 12, text)
    rect(c, x1 - W / 2, top, x1 + W / 2, bottom)
    rect(c, x0, bottom - W / 2, x1, bottom + W / 2)
    if col == 0:
        rect(c, x0 - W / 2, top, x0 + W / 2, bottom)


def merged(c, top: float, bottom: float, dept: str, agency: str) -> None:
    """The 担当部課 and 実施機関 cells of one merged run, each drawn as a box from ``top`` to ``bottom``."""
    cell(c, 2, top, bottom, dept)
    cell(c, 3, top, bottom, agency)


def row(c, no: int, top: float) -> None:
    """A row's own cells (all but the merged columns); the 有無 cell draws its left border too, beside a merged one."""
    cell(c, 0, top, top + ROW, str(no))
    cell(c, 1, top, top + ROW, f"名称{no}")
    cell(c, 4, top, top + ROW, "有")
    rect(c, XS[4] - W / 2, top, XS[4] + W / 2, top + ROW)


def two_pages(cut_box: str) -> bytes:
    """Page 1: header, rows 1-5 (1-2 merged 総務課, 3-5 the start of 保健課); page 2: rows 6-9 (6-7 the rest
    of 保健課, 8-9 merged 福祉課). ``cut_box``: where page 1 ends 保健課's box: "text" (14 points under
    row 3's top, inside row 3), "row" (at row 3's foot) or "past" (10 points past the table's foot)."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setFont(font, 9)
    rect(c, XS[0], TOP - W / 2, XS[-1], TOP + W / 2)  # the header's top
    for col, name in enumerate(("No", "名称", "担当部課", "実施機関", "有無")):
        cell(c, col, TOP, TOP + ROW, name)
    rows = [TOP + ROW * i for i in range(1, 6)]
    for no, top in enumerate(rows, start=1):
        row(c, no, top)
    merged(c, rows[0], rows[2], "総務課", "区長")
    foot = rows[-1] + ROW
    bottom = {"text": rows[2] + 14, "row": rows[2] + ROW, "past": foot + 10}[cut_box]
    merged(c, rows[2], bottom, "保健課", "区長")
    c.showPage()
    c.setFont(font, 9)
    rows = [TOP2 + ROW * i for i in range(4)]
    for no, top in zip(range(6, 10), rows):
        row(c, no, top)
    merged(c, rows[2], rows[3] + ROW, "福祉課", "区長")
    c.showPage()
    c.save()
    return buf.getvalue()


def spans(pdf_bytes: bytes, page_no: int) -> list[list[tuple[int, int, int, bool, str]]]:
    """Each row's cells as (column, columns spanned, rows spanned, placeholder of a cell above, text)."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        [table], _, _ = page_to_reading(pdf.pages[page_no - 1], page_no)
    return [[(c.col, c.col_span, c.row_span, c.spanned, c.text) for c in r] for r in table.cells]


@pytest.mark.parametrize("cut_box", ["text", "row", "past"])
def test_the_cut_cell_runs_to_the_foot_of_its_page(cut_box: str) -> None:
    rows = spans(two_pages(cut_box), 1)
    assert len(rows) == 6  # the header and rows 1-5: the box's short bottom adds no row, nor does its overrun
    assert [r[0][4] for r in rows[1:]] == ["1", "2", "3", "4", "5"]
    assert rows[3][2:4] == [(2, 1, 3, False, "保健課"), (3, 1, 3, False, "区長")]  # row 3, over rows 3-5
    for r in rows[4:]:
        assert r[2:4] == [(2, 1, 1, True, ""), (3, 1, 1, True, "")]
        assert r[4] == (4, 1, 1, False, "有")  # the 有無 column stays its own
    assert rows[1][2:4] == [(2, 1, 2, False, "総務課"), (3, 1, 2, False, "区長")]  # the merged run drawn whole


def test_the_undrawn_rest_is_one_empty_cell_per_column_above_the_next_merged_cell() -> None:
    rows = spans(two_pages("text"), 2)
    assert [r[0][4] for r in rows] == ["6", "7", "8", "9"]
    assert rows[0][2:4] == [(2, 1, 2, False, ""), (3, 1, 2, False, "")]  # rows 6-7: the rest, empty, two columns
    assert rows[1][2:4] == [(2, 1, 1, True, ""), (3, 1, 1, True, "")]
    assert rows[2][2:4] == [(2, 1, 2, False, "福祉課"), (3, 1, 2, False, "区長")]  # its own text, its own rows
    assert all(r[-1] == (4, 1, 1, False, "有") for r in rows)


def test_an_empty_cell_whose_foot_is_drawn_stays_as_drawn() -> None:
    """The same page 1 with the merged run drawn whole down to the foot (no page break cut it): nothing moves."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setFont(font, 9)
    rect(c, XS[0], TOP - W / 2, XS[-1], TOP + W / 2)
    rows = [TOP + ROW * i for i in range(4)]
    for no, top in enumerate(rows, start=1):
        row(c, no, top)
    merged(c, rows[0], rows[1] + ROW, "総務課", "区長")
    merged(c, rows[2], rows[3] + ROW, "", "")  # an empty merged cell, its box drawn to the foot
    c.showPage()
    c.save()
    got = spans(buf.getvalue(), 1)
    assert [r[2:4] for r in got] == [
        [(2, 1, 2, False, "総務課"), (3, 1, 2, False, "区長")], [(2, 1, 1, True, ""), (3, 1, 1, True, "")],
        [(2, 1, 2, False, ""), (3, 1, 2, False, "")], [(2, 1, 1, True, ""), (3, 1, 1, True, "")]]
