"""A caption that fits the first column, between two unruled tables with the same header (Calligra Words).

Calligra sets the caption of the report's third summary table,
「(3)外部提供の審査基準」, flush with the tables' left edge, in a size of its
own, at the rows' pitch under the second table's 「合計」: it starts in no
margin (``table_feet.in_margin``) and ends inside the first column's heading,
so it ran past no column and the two tables were read as one (the calligra
norules render lost its summary tables (2) and (3)). The header repeated right
under it says a new table starts. Placed by hand with the render's geometry;
the expectations are the tables as written.
"""

from __future__ import annotations

from pipeline.extract.textlayer import grid_to_page_table
from pipeline.extract.unruled import unruled_grids
from tests.extract.make_tables import solid_run

ROW, CAPTION = 9.0, 10.0  # the tables' size, the captions'
PITCH = 15.4
HEADER = ["実施機関", "審査件数", "要配慮", "条例要配慮"]
AGENCIES = ["区長", "教育委員会", "選挙管理委員会", "監査委員", "合計"]


def table(top: float, counts: list[str]) -> list[dict]:
    """A header (「実施機関」 centred over the names), then a row per agency with three counts."""
    chars = []
    for text, x in zip(HEADER, (107.1, 250.0, 400.0, 560.0)):
        chars += solid_run(text, x, top, ROW)
    for n, (agency, count) in enumerate(zip(AGENCIES, counts), start=1):
        y = top + PITCH * n
        chars += solid_run(agency, 44.2, y, ROW)
        for x in (262.0, 420.0, 585.0):
            chars += solid_run(count, x, y, ROW)
    return chars


def test_a_caption_over_a_repeated_header_parts_the_tables():
    first = table(60.0, ["7", "1", "0", "0", "8"])
    caption_top = 60.0 + PITCH * (len(AGENCIES) + 1)
    second = table(caption_top + PITCH, ["129", "4", "4", "0", "137"])
    chars = first + solid_run("(3)外部提供の審査基準", 42.5, caption_top, CAPTION) + second
    grids = unruled_grids(chars)
    texts = [[[c.text for c in row] for row in grid_to_page_table(g, cs, 1).cells] for g, cs in grids]
    assert len(texts) == 2
    for rows, counts in zip(texts, (["7", "1", "0", "0", "8"], ["129", "4", "4", "0", "137"])):
        assert rows[0] == HEADER
        assert rows[1:] == [[agency, count, count, count] for agency, count in zip(AGENCIES, counts)]


def test_a_lone_line_over_a_row_that_repeats_no_earlier_line_stays_a_row():
    """A group label over ordinary rows (no header repeated under it) is left as it was read."""
    chars = table(60.0, ["7", "1", "0", "0", "8"])
    chars += solid_run("その他", 44.2, 60.0 + PITCH * (len(AGENCIES) + 1), CAPTION)
    chars += solid_run("区民", 44.2, 60.0 + PITCH * (len(AGENCIES) + 2), ROW)
    for x in (262.0, 420.0, 585.0):
        chars += solid_run("3", x, 60.0 + PITCH * (len(AGENCIES) + 2), ROW)
    assert len(unruled_grids(chars)) == 1
