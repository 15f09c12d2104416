"""Tables whose rules stop short, and wrapped row labels, on hand-made characters and rules.

Each expectation follows from where the rules and characters are placed
here (which columns a rule covers, which side of it text stands on, a
hanging indent), not from any output of the code under test. The public
ICDAR 2013 tables (dev/bench_peers.py --suite icdar2013) exercise the
same behaviour on real documents.
"""

from __future__ import annotations

from pipeline.extract.hanging import continues_label
from pipeline.extract.partial_rules import open_ends, open_label_column, open_sides, split_whole_rows
from pipeline.extract.ruling import Segment, segments_to_grids, table_to_grid


def char(text: str, x0: float, top: float, size: float = 9.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size * 0.6, "top": top, "bottom": top + size, "size": size}


def line(text: str, x0: float, top: float, size: float = 9.0) -> list[dict]:
    return [char(ch, x0 + i * size * 0.6, top, size) for i, ch in enumerate(text)]


def test_an_open_side_closes_at_the_row_rules_ends_when_text_stands_there():
    hs = [Segment(y, 40, 400) for y in (100, 120, 140, 160)]
    vs = [Segment(x, 100, 160) for x in (200, 300)]  # column rules only, no side rules
    labels = [c for y in (105, 125, 145) for c in line("label", 50, y)]
    sides = open_sides(hs, vs, labels)
    assert [s.pos for s in sides] == [40]  # the right overhang (300..400) holds no text: no side there
    assert (sides[0].lo, sides[0].hi) == (100, 160)


def test_no_open_side_without_text_in_the_overhang():
    hs = [Segment(y, 40, 400) for y in (100, 120, 140)]
    vs = [Segment(x, 100, 140) for x in (200, 300)]
    assert open_sides(hs, vs, line("value", 210, 105)) == []


def test_no_open_side_around_a_body_of_many_unruled_lines():
    # a ruled header (100..120) over a body of ten aligned lines closed by one rule at 240
    hs = [Segment(y, 40, 400) for y in (100, 120, 240)]
    vs = [Segment(x, 100, 240) for x in (200, 300)]
    labels = [c for y in [105, *range(125, 235, 11)] for c in line("label", 50, y)]
    assert open_sides(hs, vs, labels) == []  # a side would make the ten body lines one row


def label_column_table(label_tops: list[float]) -> tuple[list[Segment], list[Segment], list[dict]]:
    """Values ruled from x 200 to 400, rows 100..180; only the header rule (120) runs on left to x 40."""
    hs = [Segment(100, 200, 400), Segment(120, 40, 400), *(Segment(y, 200, 400) for y in (140, 160, 180))]
    vs = [Segment(x, 100, 180) for x in (200, 300, 400)]
    values = [c for y in (125, 145, 165) for c in [*line("12", 210, y), *line("34", 310, y)]]
    return hs, vs, [*values, *(c for y in label_tops for c in line("label", 50, y))]


def test_a_label_column_beside_a_table_ruled_on_its_values_takes_the_rows_rules():
    hs, vs, chars = label_column_table([105, 125, 145, 165])
    more_hs, more_vs = open_label_column(hs, vs, chars)
    assert sorted((h.pos, h.lo, h.hi) for h in more_hs) == [(100, 40, 200), (140, 40, 200), (160, 40, 200),
                                                            (180, 40, 200)]
    assert [(v.pos, v.lo, v.hi) for v in more_vs] == [(40, 100, 180)]
    [grid] = segments_to_grids([*hs, *more_hs], [*vs, *more_vs])
    assert grid.xs == (40, 200, 300, 400) and len(grid.ys) == 5 and all(c.row_span == 1 for c in grid.cells)
    assert open_sides(hs, vs, chars) == []  # one rule past the column rule: not an open side of two or more


def test_no_label_column_when_the_text_beside_runs_across_the_rows():
    # a note beside the table whose lines, 7 apart, cross the row rules at 140 and 160
    hs, vs, chars = label_column_table([y for y in range(105, 180, 7)])
    assert open_label_column(hs, vs, chars) == ([], [])
    hs, vs, chars = label_column_table([])
    assert open_label_column(hs, vs, chars) == ([], [])  # nothing beside the table


def test_an_open_end_closes_a_frame_at_its_sides_ends_when_text_stands_there():
    # a frame cut by a page break: top rule, header rule, sides running on to 300, no rule at the foot
    hs = [Segment(y, 40, 400) for y in (100, 120)]
    vs = [Segment(x, 100, 300) for x in (40, 400)]
    body = [c for y in (130, 150, 170) for c in line("label", 50, y)]
    ends = open_ends(hs, vs, body)
    assert [(e.pos, e.lo, e.hi) for e in ends] == [(300, 40, 400)]


def test_an_open_end_below_a_single_row_rule_closes_at_the_sides_lower_ends():
    # one row rule at y 120, drawn in two pieces broken at the middle column rule; the column rules run
    # from 100 down to 200 (a page break cut the table), the body stands below the rule
    hs = [Segment(120, 40, 199), Segment(120, 201, 400)]
    vs = [Segment(x, 100, 200) for x in (40, 200, 400)]
    body = [c for y in (130, 150, 170) for c in line("label", 50, y)]
    assert [(e.pos, e.lo, e.hi) for e in open_ends(hs, vs, body)] == [(200, 40, 400)]


def test_a_table_cut_by_page_breaks_down_to_one_rule_is_closed_at_its_column_rules_ends():
    # a table continued from the page before keeps only the rule at its foot (y 200), its column rules run up
    # to 150 where the page's text area starts; one continued on the next keeps only its top (y 100), drawn
    # cell by cell, its column rules running on down to 180: each is closed where those rules end
    vs = [Segment(x, 150, 200) for x in (40, 200, 400)]
    rows = [c for y in (155, 175) for c in line("label", 50, y)]
    assert [(e.pos, e.lo, e.hi) for e in open_ends([Segment(200, 40, 400)], vs, rows)] == [(150, 40, 400)]
    hs = [Segment(100, 40, 200), Segment(100, 200, 400)]
    vs = [Segment(x, 100, 180) for x in (40, 200, 400)]
    rows = [c for y in (110, 130) for c in line("label", 50, y)]
    assert [(e.pos, e.lo, e.hi) for e in open_ends(hs, vs, rows)] == [(180, 40, 400)]
    assert open_ends(hs, vs, []) == []  # nothing written below the rule: no table there
    labels = [c for y in (110, 130) for c in line("label", 0, y)]  # the same rows' labels, left of the rules
    assert open_ends(hs, vs, [*rows, *labels]) == []  # ruled value cells in a wider table: not a table of their own


def test_no_open_end_without_text_below_the_last_rule():
    hs = [Segment(y, 40, 400) for y in (100, 120)]
    vs = [Segment(x, 100, 300) for x in (40, 400)]
    assert open_ends(hs, vs, line("header", 50, 105)) == []


def test_header_only_column_rules_go_on_through_body_rows_with_values():
    hs = [Segment(y, 40, 350) for y in (100, 120, 140, 160)]
    vs = [Segment(40, 100, 160), Segment(350, 100, 160), Segment(150, 100, 120), Segment(250, 100, 120)]
    grid = table_to_grid(hs, vs)
    assert sum(1 for c in grid.cells if c.col_span == 3) == 2  # the two body rows, one cell each
    chars = [*line("Austria", 50, 125), *line("86.2", 160, 125), *line("13.8", 260, 125),
             *line("Belgium", 50, 145), *line("0", 160, 145), *line("100.0", 260, 145)]
    split = split_whole_rows(grid, chars, hs, vs)
    assert split is not None and all(c.col_span == 1 for c in split.cells)


def test_a_lone_row_across_the_table_stays_whole():
    hs = [Segment(y, 40, 350) for y in (100, 120, 140)]
    vs = [Segment(40, 100, 140), Segment(350, 100, 140), Segment(150, 100, 120), Segment(250, 100, 120)]
    grid = table_to_grid(hs, vs)
    chars = [*line("Note", 50, 125), *line("see", 160, 125)]
    assert split_whole_rows(grid, chars, hs, vs) is None  # one such row is a note, not a body


def test_rows_across_the_table_between_rows_ruled_into_columns_stay_whole():
    """A list printing each record's long text in a second row merged across the table: column rules in every
    first row, none in the second. Those rows are merged cells, whatever columns their long lines cross."""
    ys = (100, 120, 140, 160, 180, 200)
    hs = [Segment(y, 40, 350) for y in ys]
    vs = [Segment(40, 100, 200), Segment(350, 100, 200)]
    vs += [Segment(x, top, top + 20) for x in (150, 250) for top in (100, 140, 180)]  # rows 0, 2 and 4 ruled
    grid = table_to_grid(hs, vs)
    assert sum(1 for c in grid.cells if c.col_span == 3) == 2
    chars = [*line("No", 50, 105), *line("Dept", 160, 105), *line("Flag", 260, 105),
             *line("first long text", 50, 125), *line("of it", 160, 125), *line("and more", 260, 125),
             *line("1", 50, 145), *line("Finance", 160, 145), *line("Yes", 260, 145),
             *line("second text", 50, 165), *line("runs over", 160, 165), *line("columns", 260, 165),
             *line("2", 50, 185), *line("Health", 160, 185), *line("No", 260, 185)]
    assert split_whole_rows(grid, chars, hs, vs) is None
    # the same rows with no column rule under the first row: the header's columns go on through them
    below = [v for v in vs if v.lo == 100 or v.pos in (40, 350)]
    assert split_whole_rows(table_to_grid(hs, below), chars, hs, below) is not None


def test_a_hanging_indented_line_continues_the_label_above():
    above = [*line("American Indian/Alaska", 50, 100), *line("707", 200, 100)]
    assert continues_label(above, line("Native", 52, 111), first_border=180)
    assert not continues_label(above, line("Female", 45, 111), first_border=180)  # a group heading
    assert not continues_label(above, line("Native", 50, 111), first_border=180)  # no indent: a row
    assert not continues_label(line("Sex", 50, 100), line("Male", 55, 111), first_border=180)  # no values above


def test_an_indented_sub_item_whose_label_wraps_starts_its_own_row():
    above = [*line("Violent crime", 42, 100), *line("467.9", 200, 100)]
    sub_item = line("Murder and nonnegligent", 46, 111)
    its_end = [*line("manslaughter", 50, 122), *line("10.0", 200, 122)]
    assert continues_label(above, sub_item, first_border=180)  # alone it would look like a continuation
    assert not continues_label(above, sub_item, its_end, first_border=180)  # but its own end follows
