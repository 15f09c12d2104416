"""A caption set at the page's margin between two unruled tables centred further in (LaTeX's tabular).

The report's summary tables stand 71 pt in from the text's left edge; the
caption of the second, 「(4) オンライン結合…」, starts at the edge, in a size
of its own, as close under the first table's last row as the rows are apart.
It starts in no column of the tables, so it ran past none
(``alignment.runs_past_columns``): it was read as a row, the two tables as
one, and its start as a column of its own (the latex norules render lost two
of its four summary tables). Placed by hand with the render's geometry; the
expectations are the tables as written.
"""

from __future__ import annotations

from pipeline.extract.textlayer import grid_to_page_table
from pipeline.extract.unruled import in_margin, unruled_grids
from tests.extract.make_tables import solid_run

ROW, CAPTION = 8.29, 9.96  # the tables' size, the captions'
PITCH = 13.0
AGENCIES = ["区長", "教育委員会", "選挙管理委員会", "合計"]


def table(top: float, counts: list[str]) -> list[dict]:
    """A header (「実施機関」 centred over the names), then a row per agency with three counts."""
    chars = []
    for text, x in (("実施機関", 179.2), ("審査件数", 319.9), ("要配慮", 430.0), ("条例要配慮", 600.0)):
        chars += solid_run(text, x, top, ROW)
    for n, (agency, count) in enumerate(zip(AGENCIES, counts), start=1):
        y = top + PITCH * n
        chars += solid_run(agency, 114.4, y, ROW)
        for x in (380.0, 550.0, 720.0):
            chars += solid_run(count, x, y, ROW)
    return chars


def page() -> list[dict]:
    first = table(42.0, ["129", "4", "0", "137"])
    caption_top = 42.0 + PITCH * len(AGENCIES) + 24.0
    second = table(caption_top + 25.0, ["160", "13", "0", "173"])
    return first + solid_run("(4)オンライン結合の審査基準", 43.2, caption_top, CAPTION) + second


def test_a_chunk_starting_left_of_every_column_is_in_the_margin():
    columns = [(114.4, 172.4), (319.9, 390.0)]
    assert in_margin(solid_run("(4)審査基準", 43.2, 0.0, CAPTION), columns)
    assert not in_margin(solid_run("区長", 114.4, 0.0, ROW), columns)
    assert not in_margin(solid_run("「区長", 114.4 - ROW / 2, 0.0, ROW), columns)  # a hanging bracket: in


def test_a_margin_caption_between_two_tables_is_no_row_and_parts_them():
    grids = unruled_grids(page())
    texts = [[[c.text for c in row] for row in grid_to_page_table(g, cs, 1).cells] for g, cs in grids]
    assert len(texts) == 2
    for rows, counts in zip(texts, (["129", "4", "0", "137"], ["160", "13", "0", "173"])):
        assert rows[0] == ["実施機関", "審査件数", "要配慮", "条例要配慮"]
        assert rows[1:] == [[agency, count, count, count] for agency, count in zip(AGENCIES, counts)]


def test_a_margin_caption_at_the_foot_of_the_page_is_no_row_of_the_table_above():
    """The caption of a table on the next page, the page's last line (「(3) 外部提供の審査基準」)."""
    chars = table(42.0, ["7", "1", "0", "8"])
    chars += solid_run("(3)外部提供の審査基準", 43.2, 42.0 + PITCH * len(AGENCIES) + 24.0, CAPTION)
    grids = unruled_grids(chars)
    assert len(grids) == 1
    rows = [[c.text for c in row] for row in grid_to_page_table(*grids[0], 1).cells]
    assert rows[-1] == ["合計", "8", "8", "8"]
    assert not any("外部提供" in cell for row in rows for cell in row)
