"""Running feet (柱 at the foot of the page): page furniture, never a caption left at a page's foot.

The expectations follow from the lines and grids built here. A line among the two
lowest of three pages at one height is a running foot, whatever number it prints;
on two pages it is not. A list that runs over three pages, its rest at the top of
pages 2 and 3 with no caption over it, is one table although every page prints
the office's name at its foot (and a page number under it); a widow caption left
at a page's foot over such a foot still names the table on the next page.
"""

from __future__ import annotations

from pipeline.extract.furniture import running_feet, running_key
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
