"""Running heads (柱) and headings ruled under (the running style, opened at stop 37): page furniture, no tables.

The expectations follow from the lines and grids built here: a line at the top
of three pages at one height is a running head, whatever page number it prints;
on two pages, or at heights farther apart than half its height, it is not. A
grid of one row standing over another grid of its page, or printing a running
head, becomes a line; a header alone at a page's foot and a lone grid stay
grids. A grid under a running head continues the table of the page before. The
last test draws the made-up report of tests/made_up.py with fpdf2 in the running
style and reads it back: one summary and one list, nothing made of the head.
"""

from __future__ import annotations

from pathlib import Path

from dev.producers import renderer
from pipeline.extract import extract_document
from pipeline.extract.furniture import headings_as_lines, running_heads, running_key
from pipeline.extract.tables import page_tables_to_tables
from pipeline.types import BBox, Cell, PageTable, TextLine
from tests import made_up

HEAD = "報告第12号　審査の状況について"


def line(page_no: int, text: str, top: float, height: float = 9.0) -> TextLine:
    return TextLine(page_no, text, BBox(40, top, 400, top + height))


def grid(page_no: int, texts: list[tuple[str, ...]], top: float, lone: bool = False) -> PageTable:
    box = BBox(40, top, 560, top + 14 * len(texts))
    rows = tuple(tuple(Cell(page_no, r, c, t, box) for c, t in enumerate(row)) for r, row in enumerate(texts))
    return PageTable(page_no, box, rows, lone)


def test_a_line_atop_three_pages_at_one_height_is_a_running_head_whatever_number_it_prints() -> None:
    lines = [line(p, f"{HEAD}　- {p} -", 30 + (p % 2)) for p in (1, 2, 3)] + [line(2, "本文", 80)]
    assert running_heads(lines) == {running_key(f"{HEAD}　- 1 -")}


def test_two_pages_or_heights_apart_make_no_running_head() -> None:
    assert running_heads([line(p, HEAD, 30) for p in (1, 2)]) == frozenset()
    assert running_heads([line(p, HEAD, 30 + 20 * p) for p in (1, 2, 3)]) == frozenset()
    below_another = [line(p, HEAD, 30) for p in (1, 2, 3)] + [line(p, "資料１", 20) for p in (1, 2)]
    assert running_heads(below_another) == frozenset()  # topmost on one page only


HEADER = ("実施機関", "審査件数")


def test_a_row_over_another_grid_is_a_line_and_a_header_left_at_a_page_foot_a_grid() -> None:
    head = grid(1, [("報告第12号", "審査の状況について")], 30)
    table = grid(1, [HEADER, ("区長", "3")], 80)
    orphan = grid(1, [HEADER], 700)
    kept, lines, _running = headings_as_lines([head, table, orphan], [line(1, "(1) 外部委託", 60)])
    assert kept == [table, orphan]
    assert [ln.text for ln in lines] == ["報告第12号 審査の状況について", "(1) 外部委託"]


def test_a_total_row_carried_alone_over_the_next_table_stays_the_rest_of_its_table() -> None:
    """Its header printed once (style once): 「合計」 alone at page 2's top, as wide as page 1's last table."""
    first = grid(1, [HEADER, ("区長", "3")], 80)
    total = grid(2, [("合計", "3")], 40)
    second = grid(2, [HEADER, ("区長", "1")], 90)
    kept, _lines, _running = headings_as_lines([first, total, second], [])
    assert kept == [first, total, second]
    assert [[r[0].text for r in t.rows] for t in page_tables_to_tables(kept, [])] == [["区長", "合計"], ["区長"]]


def test_a_running_head_read_as_a_row_is_a_line_on_a_page_of_prose_too() -> None:
    heads = [grid(p, [("報告第12号", "審査の状況について")], 30) for p in (1, 2, 3)]
    tables = [grid(p, [HEADER, ("区長", "3")], 80) for p in (1, 2)]
    lone = grid(3, [("区長", "3")], 80, lone=True)
    kept, lines, _running = headings_as_lines([*heads, *tables, lone], [line(3, "経緯", 120)])
    assert kept == [*tables, lone] and [ln.page_no for ln in lines] == [1, 2, 3, 3]


def test_a_table_under_a_running_head_continues_the_table_of_the_page_before() -> None:
    lines = [line(p, f"{HEAD}　- {p} -", 30) for p in (1, 2, 3)] + [line(1, "(1) 外部委託の審査基準", 64)]
    pages = [grid(1, [HEADER, ("区長", "3")], 80), grid(2, [HEADER, ("教育委員会", "1")], 46),
             grid(3, [HEADER, ("合計", "4")], 46)]
    (table,) = page_tables_to_tables(pages, lines)
    assert [r[0].text for r in table.rows] == ["区長", "教育委員会", "合計"]
    assert len(page_tables_to_tables(pages, lines[1:2] + lines[3:])) == 2  # a head on two pages: a caption


def test_a_caption_left_at_a_page_foot_names_the_table_under_the_next_page_head() -> None:
    lines = [line(p, f"{HEAD}　- {p} -", 30) for p in (1, 2, 3)] + [line(1, "(3) 外部提供の審査基準", 700)]
    pages = [grid(1, [HEADER, ("区長", "3")], 80), grid(2, [HEADER, ("区長", "1")], 46), grid(3, [("本文",)], 46)]
    tables = page_tables_to_tables(pages, lines)
    assert [t.caption for t in tables][:2] == ["", "(3) 外部提供の審査基準"]


def test_a_report_under_running_heads_reads_as_its_two_tables(tmp_path: Path) -> None:
    rows = 100  # the list runs over pages
    path = tmp_path / "running.pdf"
    renderer("fpdf2")(made_up.made_up_document(rows), made_up.variant("fpdf2", "running", "landscape"), path)
    tables = extract_document(path.read_bytes(), path.name).tables
    assert [t.header[0].text for t in tables] == ["実施機関", made_up.HEADER[0]]
    assert [r[0].text for r in tables[1].rows] == [str(n) for n in range(1, rows + 1)]
