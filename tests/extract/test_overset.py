"""A closing mark hung past a ruled cell's edge into the next cell's text (extract/overset.py).

The page is placed by hand as a producer that wraps by itself sets it: the
left cell's line ends in closing marks allowed past the cell's edge (禁則),
the right cell's text starts at its own padding, over or right against the
marks. Each expectation follows from the placement (which cell each text was
written into), not from output.
"""

from __future__ import annotations

from pipeline.extract.overset import hung_cuts, set_over
from pipeline.extract.ruling import Grid, GridCell
from pipeline.extract.textlayer import grid_to_page_table
from tests.extract.make_tables import solid_run

SIZE = 7.5
PAD = 3.0
BORDER = 100.0  # the rule between the two cells


def run(text: str, x0: float, top: float = 10.0) -> list[dict]:
    """Characters set solid from ``x0`` at this file's font size."""
    return solid_run(text, x0, top, SIZE)


def two_cells() -> Grid:
    return Grid((0.0, BORDER, 200.0), (5.0, 30.0),
                (GridCell(0, 0, 1, 1, 0.0, 5.0, BORDER, 30.0), GridCell(0, 1, 1, 1, BORDER, 5.0, 200.0, 30.0)))


def cell_texts(left: str, hung_from: float, right: str) -> list[str]:
    """The two cells' texts: ``left`` set to end at ``hung_from`` before its hung marks, ``right`` at the padding."""
    body = left.rstrip("、。)ー.")
    marks = left[len(body):]
    chars = run(body, hung_from - SIZE * len(body)) + run(marks, hung_from) + run(right, BORDER + PAD)
    return [cell.text for cell in grid_to_page_table(two_cells(), chars, 1).cells[0]]


def test_marks_drawn_over_by_the_next_cell_stay_in_their_line() -> None:
    # 「。)、」 hung from 1 pt before the border reach 16 pt past it; the next cell starts 3 pt past it
    assert cell_texts("という。)、", BORDER - 1.0 - SIZE - SIZE / 3, "世田谷総合支所") == \
        ["という。)、", "世田谷総合支所"]


def test_a_mark_right_against_the_next_cell_stays_in_its_line() -> None:
    # 「、」 hung from 4.5 pt before the border ends 3 pt past it, where the next cell's text starts: no gap
    assert cell_texts("に対し、", BORDER - 4.5, "世田谷") == ["に対し、", "世田谷"]
    assert cell_texts("外務省...", BORDER - 3.0, "第69条第2項") == ["外務省...", "第69条第2項"]


def test_a_phrase_across_a_border_stays_whole() -> None:
    # no mark before the border: the word goes to the cell holding most of it, as before
    chars = run("高齢福祉部介護予防", BORDER - 2 * SIZE)
    assert [c.text for c in grid_to_page_table(two_cells(), chars, 1).cells[0]] == ["", "高齢福祉部介護予防"]


def test_set_over_only_after_full_width_before_a_letter() -> None:
    mark = run("ー", 0.0)[0]
    assert set_over(mark, run("D", SIZE - 1.5)[0])
    assert not set_over(mark, run("D", SIZE)[0])  # set solid
    assert not set_over(run("T", 0.0)[0], run("e", SIZE / 3 - 1.0)[0])  # Latin kerning
    assert not set_over(run("。", 0.0)[0], run("（", SIZE / 2)[0])  # squeezed punctuation (Chromium, Typst)


def test_hung_cuts_need_the_next_text_past_the_edge() -> None:
    word = run("し、世", BORDER - 1.5 * SIZE)  # 、 straddles the border, 世 starts half a size past it
    assert hung_cuts(word, [0, 0, 1], [BORDER, 200.0], "、") == [2]
    assert hung_cuts(word, [0, 0, 0], [BORDER, 200.0], "、") == []


def framed_cell_text(text: str, hung: str, past: float) -> tuple[str, list[str]]:
    """A table of two rows and two columns (0-20-100 pt), fully ruled, whose first row's right cell holds the line
    ``text`` + ``hung`` ending ``past`` pt past the table's right rule (the marks hung there); returns that cell's
    text and the running lines outside the table."""
    from pipeline.extract.ruling import Segment
    from pipeline.extract.textlayer import frame_to_tables_and_lines

    hs = [Segment(y, 0.0, 100.0) for y in (5.0, 30.0, 55.0)]
    vs = [Segment(x, 5.0, 55.0) for x in (0.0, 20.0, 100.0)]
    width = run(hung, 0.0)[-1]["x1"]
    end = 100.0 + past - width
    chars = run("1", 5.0) + run(text, end - run(text, 0.0)[-1]["x1"]) + run(hung, end) + run("2", 5.0, 35.0) + \
        run("区長", 30.0, 35.0)
    tables, lines = frame_to_tables_and_lines(chars, hs, vs, 1)
    return tables[0].cells[0][1].text, [ln.text for ln in lines]


def test_a_mark_hung_past_the_tables_right_rule_stays_in_its_cell() -> None:
    # reportlab's 「ー」 0.2 pt past the rule at its middle; matplotlib's 「」、」 and 「)」 wholly past it
    assert framed_cell_text("相談フォ", "ー", SIZE / 2 + 0.2) == ("相談フォー", [])
    assert framed_cell_text("登録情報」", "、", SIZE) == ("登録情報」、", [])
    assert framed_cell_text("支援事業)」", ")", SIZE / 3 + 1.5) == ("支援事業)」)", [])
    # a letter that may start a line is no mark hung past the rule: not the cell's
    assert framed_cell_text("相談フォ", "ム", SIZE / 2 + 0.2) == ("相談フォ", ["ム"])
