"""Ruled grids from line segments (pipeline/extract/ruling.py), on hand-made segments."""

from __future__ import annotations

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


def test_joints_are_borders_unless_text_runs_across_one() -> None:
    """Rules drawn cell by cell give every border; a rule broken where text runs across it (under a
    spanning heading, found on ICDAR 2013 tables) is no border, and the text's borders stay."""
    from pipeline.extract.ruling import borders_at_joints

    text = [50.0, 110.0, 170.0]  # the middles of the gaps between the runs of text
    spans = [(0.0, 40.0), (60.0, 100.0), (120.0, 160.0), (180.0, 220.0)]
    assert borders_at_joints(text, (45.0, 115.0, 175.0), spans) == [45.0, 115.0, 175.0]
    assert borders_at_joints(text, (45.0, 80.0), spans) == text  # 80 lies inside a run of text
    assert borders_at_joints(text, (), spans) == text
