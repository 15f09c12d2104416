"""Filled boxes thicker than a hairline: borders when thin beside the text and the fills around them.

The pages are hand-made: boxes and characters placed here (or drawn by
tests/extract/make_tables.py's ``shaded`` style, Word's white gaps between
shaded cells), and every expectation follows from that drawing.
"""

from __future__ import annotations

from types import SimpleNamespace

from pipeline.extract.rows import pdf_table_rows
from pipeline.extract.ruling import segments_to_grids
from pipeline.extract.shading import filled_rules
from pipeline.extract.textlayer import THIN, page_to_segments
from tests.extract.make_tables import Layout, table_pdf


def box(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "stroke": False, "fill": True}


def text(size: float, n: int = 20) -> list[dict]:
    return [{"text": "A", "x0": 20 + i * size, "x1": 20 + (i + 1) * size, "top": 300.0, "bottom": 300 + size,
             "size": size} for i in range(n)]


def word_shaded_table(gap: float) -> list[dict]:
    """Two rows of two shaded cells, 26 pt tall; white boxes ``gap`` thick between and around them."""
    cells = [box(x0, top, x1, top + 26) for x0, x1 in ((13, 100), (103, 200)) for top in (13, 42)]
    ys, xs = (10, 39, 68), (10, 100, 200)
    gaps = [box(10, y, 200 + gap, y + gap) for y in ys] + [box(x, 10, x + gap, 68 + gap) for x in xs]
    return [*cells, *gaps]


def test_white_gaps_between_shaded_cells_are_the_borders() -> None:
    hs, vs = page_to_segments(SimpleNamespace(lines=[], rects=word_shaded_table(3.0), curves=[], chars=text(12.0)))
    assert sorted(h.pos for h in hs) == [11.5, 40.5, 69.5]  # the shaded cells give no rule
    assert sorted(v.pos for v in vs) == [11.5, 101.5, 201.5]
    [grid] = segments_to_grids(hs, vs)
    assert len(grid.cells) == 4


def test_the_same_gaps_beside_small_text_are_shading() -> None:
    """3 pt is a border beside 12 pt text but half a line of 6 pt text: a thin shaded band, no border."""
    hs, vs = filled_rules(word_shaded_table(3.0), text(6.0), THIN)
    assert hs == [] and vs == []


def test_a_heavy_black_bar_is_a_rule_and_a_page_without_text_has_none() -> None:
    bars = [box(72, 111.5, 517.5, 113.75), box(72, 137.75, 517.5, 140.0)]  # 2.25 pt, a fifth of 12 pt text
    hs, vs = filled_rules(bars, text(12.0), THIN)
    assert [h.pos for h in hs] == [112.625, 138.875] and vs == []
    assert filled_rules(bars, [], THIN) == ([], [])


def test_strips_of_a_band_and_specks_of_a_logo_are_no_rules() -> None:
    strips = [box(50, 100 + 3 * i, 400, 103 + 3 * i) for i in range(8)]  # a gradient drawn in 3 pt strips
    specks = [box(300 + 3.5 * i, 20, 302.7 + 3.5 * i, 22.6) for i in range(5)]  # 2.7 x 2.6 squares
    assert filled_rules([*strips, *specks], text(12.0), THIN) == ([], [])


def test_a_hairline_beside_a_gap_leaves_it_a_border() -> None:
    """Word draws a 0.1 pt coloured edge along some white gaps: a rule beside it, not a strip of a band."""
    hs, _ = filled_rules([box(10, 40, 200, 43), box(10, 43, 200, 43.1), box(10, 43.1, 200, 70)], text(12.0), THIN)
    assert [h.pos for h in hs] == [41.5]


def test_a_shaded_table_with_wrapped_cells_is_read_cell_for_cell() -> None:
    """Read by its text alone, each wrapped line would be a row of its own; the white gaps set the rows."""
    rows = [["Type of assistance provided", "Number of families served", "Share"],
            ["Rent support for families with children", "305", "12%"],
            ["Food", "40", "3%"],
            ["Transit passes and vouchers for the elderly", "7", "1%"]]
    layout = Layout(style="shaded", widths=(110, 70, 50), size=10.0, pad=5.0)
    assert pdf_table_rows(table_pdf(rows, layout))[1] == [rows]


def test_a_shaded_table_with_cells_merged_down_is_read_cell_for_cell() -> None:
    rows = [["Region", "Item", "Amount"], ["North", "Water", "12"], ["", "Power", "7"], ["South", "Gas", "3"],
            ["", "Oil", "4"]]
    layout = Layout(style="shaded", widths=(100, 80, 60), size=10.0, pad=5.0, merges=((1, 0, 2, 1), (3, 0, 2, 1)))
    assert pdf_table_rows(table_pdf(rows, layout))[1] == [rows]
