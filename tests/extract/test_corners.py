"""Column borders marked only by corner squares on the rules, on hand-made rules and characters.

The layout is that of a header drawn cell by cell with a square at each
cell's corners and no vertical rule inside the frame (Camelot's
health.pdf): two headings spanning two columns each over a rule that ends
short, and columns beside them spanning both header rows. Every
expectation follows from where the squares and rules are placed here.
"""

from __future__ import annotations

from pipeline.extract.corners import corner_verticals
from pipeline.extract.ruling import Segment, segments_to_grids


def square(x: float, y: float) -> Segment:
    """A corner square one point wide, read as a tiny vertical stub (as page_to_segments reads a 1x1 box)."""
    return Segment(x, y - 0.5, y + 0.5)


def header(frame: bool = True) -> tuple[list[Segment], list[Segment]]:
    # frame 0..400, header rows 100..120..160, body row 160..180; columns 0|100|150|200|250|300|400;
    # headings over 100..200 and 200..300 with a rule under them at 120 (100..300 only)
    top = [Segment(100, 0, 400)]
    mid = [Segment(120, 100, 300)]
    low = [Segment(y, 0, 400) for y in (160, 180)]
    squares = [square(x, 100) for x in (100, 200, 300)]
    squares += [square(x, 120) for x in (150, 200, 250)]
    squares += [square(x, y) for y in (160, 180) for x in (100, 150, 200, 250, 300)]
    vs = [*squares, *([Segment(0, 100, 180), Segment(400, 100, 180)] if frame else [])]
    return [*top, *mid, *low], vs


def test_squares_stacked_at_one_x_are_the_ends_of_an_undrawn_border():
    hs, vs = header()
    borders = {(round(s.pos), round(s.lo), round(s.hi)) for s in corner_verticals(hs, vs, [])}
    # 100 and 300 run past the rule at 120 (it starts and ends there) down to 160
    assert {(100, 100, 160), (300, 100, 160)} <= borders
    # 200 stops at the rule under the headings, which has a square there too
    assert {(200, 100, 120), (200, 120, 160)} <= borders
    # 150 and 250 start under the headings: their tops are the squares on the rule at 120
    assert {(150, 120, 160), (250, 120, 160)} <= borders
    assert not any(lo < 120 for x, lo, _ in borders if x in (150, 250))


def test_the_header_becomes_spanning_headings_over_their_columns():
    hs, vs = header()
    grid = segments_to_grids(hs, [*vs, *corner_verticals(hs, vs, [])])[0]
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in grid.cells}
    assert spans[(0, 0)] == (2, 1)  # the stub's heading spans both header rows
    assert spans[(0, 1)] == (1, 2) and spans[(0, 3)] == (1, 2)  # the two spanning headings
    assert spans[(1, 1)] == (1, 1) and spans[(1, 4)] == (1, 1)  # the columns under them


def test_no_border_without_a_drawn_frame():
    hs, vs = header(frame=False)
    assert corner_verticals(hs, vs, []) == []


def test_no_border_where_vertical_rules_are_drawn():
    hs, vs = header()
    drawn = [Segment(x, 100, 180) for x in (100, 200, 300)]
    assert corner_verticals(hs, [*vs, *drawn], []) == []


def test_no_border_through_text_or_a_rule_drawn_across():
    hs, vs = header()
    across = [{"text": "W", "x0": 95.0, "x1": 105.0, "top": 130.0, "bottom": 139.0}]
    assert not any(round(s.pos) == 100 and s.lo < 160 for s in corner_verticals(hs, vs, across))
    hs_whole = [*hs, Segment(140, 0, 400)]  # a rule drawn whole through x 150 below the squares at 120
    assert not any(round(s.pos) == 150 and s.lo < 140 for s in corner_verticals(hs_whole, vs, []))
