"""Running feet (柱 at the foot of the page): page furniture, never a caption left at a page's foot.

The expectations follow from the lines and grids built here. A line among the two
lowest of three pages at one height is a running foot, whatever number it prints;
on two pages it is not; a foot printed in three parts side by side (office, page
number, print date) is one band, every part a running foot. A list that runs over three pages, its rest at the top of
pages 2 and 3 with no caption over it, is one table although every page prints
the office's name at its foot (and a page number under it); a widow caption left
at a page's foot over such a foot still names the table on the next page.
"""

from __future__ import annotations

from pipeline.extract.furniture import headings_as_lines, running_feet, running_key
from pipeline.extract.tables import page_tables_to_tables
from pipeline.types import BBox, Cell, PageTable, TextLine

FOOT = "世田谷区総務部区政情報課"
HEADER = ("No", "委託の内容", "担当部課", "実施機関")


def line(page_no: int, text: str, top: float, height: float = 9.0) -> TextLine:
    return TextLine(page_no, text, BBox(40, top, 400, top + height))


def feet(*pages: int) -> list[TextLine]:
    """The office's name over the page number at the foot of each page."""
    return [ln for p in pages for ln in (line(p, FOOT, 790 + (p % 2)), line(p, f"- {p} -", 810))]


def grid(page_no: int, texts: list[tuple[str, ...]], top: float) -> PageTable:
    box = BBox(40, top, 560, top + 14 * len(texts))
    return PageTable(page_no, box, tuple(tuple(Cell(page_no, r, c, t, box) for c, t in enumerate(row))
                                         for r, row in enumerate(texts)))


def case(no: int) -> tuple[str, ...]:
    return (str(no), "システム運用", "区政情報課", "区長")


def test_a_line_at_the_foot_of_three_pages_at_one_height_is_a_running_foot() -> None:
    lines = feet(1, 2, 3) + [line(2, "本文の最後の行", 700)]
    assert running_feet(lines) == {running_key(FOOT), running_key("- 1 -")}
    assert running_feet(feet(1, 2)) == frozenset()  # two pages: could be chance


def test_a_list_over_pages_with_a_foot_on_every_page_is_one_table() -> None:
    pages = [grid(1, [HEADER, case(1), case(2)], 120), grid(2, [case(3), case(4)], 60), grid(3, [case(5)], 60)]
    lines = [line(1, "(1) 外部委託の審査基準", 100), *feet(1, 2, 3)]
    (table,) = page_tables_to_tables(pages, lines)
    assert [r[0].text for r in table.rows] == ["1", "2", "3", "4", "5"]


def test_a_widow_caption_over_the_foot_still_names_the_next_pages_table() -> None:
    pages = [grid(1, [HEADER, case(1)], 120), grid(2, [HEADER, case(1)], 60), grid(3, [case(2)], 60)]
    lines = [line(1, "(1) 外部委託の審査基準", 100), line(1, "(2) 目的外利用の審査基準", 760), *feet(1, 2, 3)]
    tables = page_tables_to_tables(pages, lines)
    assert [(t.caption, [r[0].text for r in t.rows]) for t in tables] == [
        ("(1) 外部委託の審査基準", ["1"]), ("(2) 目的外利用の審査基準", ["1", "2"])]


def side_by_side(*pages: int) -> list[TextLine]:
    """The office at the left, the page number in the middle and a print date at the right, one height."""
    return [TextLine(p, text, BBox(x, 800, x + 120, 809)) for p in pages
            for x, text in ((40, FOOT), (280, f"{p} / 3"), (440, "令和６年１２月 印刷"))]


def test_a_foot_printed_in_three_parts_at_one_height_is_all_running_foot() -> None:
    lines = side_by_side(1, 2, 3) + [line(p, "本文", 600 + 40 * p) for p in (1, 2, 3)]
    assert running_feet(lines) == {running_key(FOOT), running_key("1 / 3"), running_key("令和６年１２月 印刷")}


def test_a_tables_last_row_made_of_the_running_foot_is_cut_into_lines() -> None:
    """A table at page 1's foot took the office and the page number under it as an unruled last row."""
    summary = grid(1, [("実施機関", "審査件数"), ("区長", "129"), (FOOT, "1 / 3")], 600)
    kept, lines, _ = headings_as_lines([summary], side_by_side(2, 3, 4) + [line(2, "本文", 100)])
    assert [[c.text for c in row] for row in kept[0].cells] == [["実施機関", "審査件数"], ["区長", "129"]]
    assert [(ln.page_no, ln.text) for ln in lines if ln.page_no == 1] == [(1, FOOT), (1, "1 / 3")]
    ordinary = grid(1, [("実施機関", "審査件数"), ("区長", "129"), ("合計", "129")], 600)
    assert headings_as_lines([ordinary], side_by_side(2, 3, 4))[0] == [ordinary]


def test_a_tables_last_row_at_one_height_on_every_full_page_is_no_running_foot() -> None:
    """A list filling its pages ends each at the same height, its last row's short cells (区長, 有) side by side
    over the page number: only the number is furniture, or 区長 would be taken out of every table."""
    lines = [ln for p in (1, 2, 3) for ln in (TextLine(p, "区長", BBox(40, 780, 70, 789)),
                                              TextLine(p, "有", BBox(500, 780, 509, 789)),
                                              line(p, f"- {p} -", 810))]
    assert running_feet(lines) == {running_key("- 1 -")}
