"""Ruled grids from line segments (pipeline/extract/ruling.py), on hand-made segments."""

from __future__ import annotations

from itertools import pairwise

from pipeline.extract.ruling import Segment, segments_to_grids


def h(y: float, x0: float, x1: float) -> Segment:
    return Segment(y, x0, x1)


def v(x: float, top: float, bottom: float) -> Segment:
    return Segment(x, top, bottom)


def ruled(xs: list[float], ys: list[float]) -> tuple[list[Segment], list[Segment]]:
    """Every border of a full grid, one segment per line across the whole table."""
    return [h(y, xs[0], xs[-1]) for y in ys], [v(x, ys[0], ys[-1]) for x in xs]


def test_three_by_three_grid_has_nine_cells():
    hs, vs = ruled([10, 60, 110, 160], [20, 40, 60, 80])
    [grid] = segments_to_grids(hs, vs)
    assert grid.xs == (10, 60, 110, 160) and grid.ys == (20, 40, 60, 80)
    assert len(grid.cells) == 9
    assert [(c.row, c.col) for c in grid.cells] == [(r, c) for r in range(3) for c in range(3)]
    assert all(c.row_span == c.col_span == 1 for c in grid.cells)
    assert grid.cells[4].x0 == 60 and grid.cells[4].top == 40 and grid.cells[4].x1 == 110
    assert grid.locate(85, 50) == (1, 1)


def test_missing_inner_vertical_merges_two_cells_of_one_row():
    hs = [h(y, 10, 160) for y in (20, 40, 60, 80)]
    # the border at x=60 is drawn in rows 0 and 2 only; row 1 spans columns 0 and 1
    vs = [v(10, 20, 80), v(60, 20, 40), v(60, 60, 80), v(110, 20, 80), v(160, 20, 80)]
    [grid] = segments_to_grids(hs, vs)
    assert len(grid.cells) == 8
    merged = next(c for c in grid.cells if c.row == 1 and c.col == 0)
    assert (merged.col_span, merged.row_span) == (2, 1)
    assert (merged.x0, merged.x1) == (10, 110)
    assert [c.col for c in grid.cells if c.row == 1] == [0, 2]


def test_two_separate_tables_are_two_grids():
    hs1, vs1 = ruled([10, 60, 110], [20, 40, 60])
    hs2, vs2 = ruled([10, 80, 150, 220], [200, 220, 240, 260])
    grids = segments_to_grids(hs2 + hs1, vs1 + vs2)
    assert len(grids) == 2
    first, second = grids  # top to bottom
    assert first.bbox == (10, 20, 110, 60) and len(first.cells) == 4
    assert second.bbox == (10, 200, 220, 260) and len(second.cells) == 9


def test_border_drawn_twice_half_a_point_apart_is_one_line():
    xs, ys = [10, 60, 110, 160], [20, 40, 60, 80]
    hs, vs = ruled(xs, ys)
    # a producer that strokes each cell's own rectangle draws every inner border twice, a hair apart
    hs += [h(y + 0.5, xs[0], xs[-1]) for y in ys]
    vs += [v(x + 0.5, ys[0], ys[-1]) for x in xs]
    [grid] = segments_to_grids(hs, vs)
    assert len(grid.xs) == 4 and len(grid.ys) == 4
    assert len(grid.cells) == 9
    assert all(c.row_span == c.col_span == 1 for c in grid.cells)


def test_per_cell_borders_join_into_one_grid():
    # Excel and fpdf2 draw a border per cell: short collinear pieces, end to end
    xs, ys = [10, 60, 110], [20, 40, 60]
    hs = [h(y, xs[i], xs[i + 1]) for y in ys for i in range(2)]
    vs = [v(x, ys[i], ys[i + 1]) for x in xs for i in range(2)]
    [grid] = segments_to_grids(hs, vs)
    assert len(grid.cells) == 4


def test_a_header_repeated_on_an_ocr_page_is_dropped_even_when_read_differently():
    from pipeline.extract.tables import repeats_header
    from pipeline.types import BBox, Cell

    box = BBox(0, 0, 1, 1)
    header = [Cell(1, 0, i, t, box) for i, t in enumerate(["No", "委託の内容", "担当部課", "実施機関"])]
    again = [Cell(2, 0, i, t, box, source="ocr") for i, t in enumerate(["N0", "委託の内容", "担当部諜", "実施機関"])]
    data = [Cell(2, 1, i, t, box, source="ocr") for i, t in enumerate(["1", "避難行動要支援者の支援", "総務部人事課", "区長"])]
    assert repeats_header(again, header)
    assert not repeats_header(data, header)
    assert not repeats_header([Cell(2, 0, c.col, "N0" if c.col == 0 else c.text, box) for c in header], header)


def test_rule_joints_are_where_the_pieces_of_a_rule_abut() -> None:
    """A rule drawn cell by cell abuts its pieces at every column border; a rule under a spanning heading
    stops with a gap at the heading's edges, and its ends are no joints (ICDAR 2013's us-024, us-025 draw
    both: the full rules cell by cell, one or two levels of group rules with gaps in between)."""
    from pipeline.extract.ruling import rule_joints

    borders = [36.0, 100.0, 160.0, 220.0, 280.0, 340.0]

    def cell_by_cell(y: float, twice: bool = False) -> list[Segment]:
        return [h(y, a, b) for a, b in pairwise(borders) for _ in range(2 if twice else 1)]

    groups = [h(20.0, 100.0, 218.0), h(20.0, 222.0, 340.0)]  # one rule over each group of two sub-columns
    sub = [h(30.0, 100.0, 158.0), h(30.0, 162.0, 218.0), h(30.0, 222.0, 278.0), h(30.0, 282.0, 340.0)]
    pieces = [*cell_by_cell(10.0), *groups, *sub, *cell_by_cell(40.0), *cell_by_cell(90.0)]
    ys = (10.0, 20.0, 20.0, 30.0, 30.0, 30.0, 30.0, 40.0, 90.0)  # a rule in pieces is listed once per piece
    assert rule_joints(pieces, ys, 36.0, 340.0) == [100.0, 160.0, 220.0, 280.0]
    assert rule_joints([*groups, *sub], (20.0, 30.0), 36.0, 340.0) == []  # gaps only: no rule drawn cell by cell
    fpdf2 = [p for y in (10.0, 40.0, 90.0) for p in cell_by_cell(y, twice=True)]  # fpdf2 draws each piece twice
    assert rule_joints(fpdf2, (10.0, 40.0, 90.0), 36.0, 340.0) == [100.0, 160.0, 220.0, 280.0]
    whole = [h(y, 36.0, 340.0) for y in (10.0, 40.0, 90.0)]
    assert rule_joints(whole, (10.0, 40.0, 90.0), 36.0, 340.0) == []
    overlapping = [h(y, a, b) for y in (10.0, 40.0) for a, b in ((36.0, 200.0), (150.0, 340.0))]
    assert rule_joints(overlapping, (10.0, 40.0), 36.0, 340.0) == []


def test_joints_when_there_are_any_else_the_text_borders() -> None:
    from pipeline.extract.ruling import borders_at_joints

    text = [50.0, 110.0, 170.0]  # the middles of the gaps between the runs of text
    assert borders_at_joints(text, (45.0, 115.0, 175.0)) == [45.0, 115.0, 175.0]
    assert borders_at_joints(text, ()) == text
