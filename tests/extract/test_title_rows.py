"""Tables headed by a title row (表題行, the titled style opened at stop 37): a cell across the grid over the headings.

What is expected follows from how the grids are built here: each list's first
row is one cell merged across all its columns holding its own title, the column
headings under it; both are printed again at the top of every page the list
continues to. A list starting at a page's top under another title is another
table, even when the caption over it is the one over the list before and its
columns are as many; a continued list keeps one header, and neither its title
nor its headings printed again come back as rows. The last test draws such a
list with reportlab (the made-up report of tests/made_up.py) and reads it back.
"""

from __future__ import annotations

from pathlib import Path

from dev.producers import renderer
from pipeline.extract import extract_document
from pipeline.extract.tables import page_tables_to_tables
from pipeline.types import BBox, Cell, PageTable, TextLine, grid_width
from tests import made_up

HEADINGS = ("No", "委託の内容", "担当部課", "実施機関", "要配慮", "条例要配慮")
BOX = BBox(40, 80, 580, 400)


def title(page_no: int, text: str, cols: int) -> tuple[Cell, ...]:
    return (Cell(page_no, 0, 0, text, BOX, col_span=cols),)


def row(page_no: int, r: int, texts: tuple[str, ...]) -> tuple[Cell, ...]:
    return tuple(Cell(page_no, r, c, t, BOX) for c, t in enumerate(texts))


def titled_grid(page_no: int, text: str, body: list[tuple[str, ...]], headings=HEADINGS) -> PageTable:  # type: ignore[no-untyped-def]
    rows = (title(page_no, text, len(headings)), row(page_no, 1, headings))
    return PageTable(page_no, BOX, rows + tuple(row(page_no, 2 + i, b) for i, b in enumerate(body)))


def case(no: int) -> tuple[str, ...]:
    return (str(no), "システム運用", "区政情報課", "区長", "有", "無")


CAPTION = "要配慮個人情報又は条例要配慮個人情報を含むもの"  # over every list, as the report prints it


def captions(*pages: int) -> list[TextLine]:
    return [TextLine(p, CAPTION, BBox(40, 60, 300, 72)) for p in pages]


def test_a_merged_cell_counts_every_grid_column_it_covers() -> None:
    assert grid_width(title(1, "一覧", 6)) == 6
    assert grid_width(row(1, 0, HEADINGS)) == 6
    assert grid_width(()) == 0


def test_a_list_under_another_title_is_another_table_though_its_caption_and_columns_repeat() -> None:
    first = titled_grid(3, "外部委託の審査基準による審査案件一覧", [case(1), case(2)])
    second = titled_grid(4, "目的外利用の審査基準による審査案件一覧", [case(1)])
    tables = page_tables_to_tables([first, second], captions(3, 4))
    assert [t.header[0].text for t in tables] == ["外部委託の審査基準による審査案件一覧", "目的外利用の審査基準による審査案件一覧"]
    assert [[r[0].text for r in t.rows] for t in tables] == [["No", "1", "2"], ["No", "1"]]


def test_a_list_under_a_title_as_wide_as_other_columns_is_another_table() -> None:
    """Eight columns under a title after a list of six: the title's one cell is not one column."""
    first = titled_grid(3, "外部委託の審査基準による審査案件一覧", [case(1)])
    wide = HEADINGS[:2] + ("提供先での利用目的", "該当条項") + HEADINGS[2:]
    second = titled_grid(4, "外部委託の審査基準による審査案件一覧", [case(1)[:2] + ("捜査", "第69条") + case(1)[2:]], wide)
    assert len(page_tables_to_tables([first, second], captions(3, 4))) == 2


def test_a_continued_list_drops_its_title_and_its_headings_printed_again() -> None:
    first = titled_grid(3, "外部委託の審査基準による審査案件一覧", [case(1), case(2)])
    rest = titled_grid(4, "外部委託の審査基準による審査案件一覧", [case(3)])
    (table,) = page_tables_to_tables([first, rest], captions(3))
    assert [r[0].text for r in table.rows] == ["No", "1", "2", "3"]


def test_a_continued_list_printing_no_title_again_keeps_every_row() -> None:
    """A producer that heads the list on its first page only: the next page's rows are all rows."""
    first = titled_grid(3, "外部委託の審査基準による審査案件一覧", [case(1)])
    rest = PageTable(4, BOX, (row(4, 0, case(2)), row(4, 1, case(3))))
    (table,) = page_tables_to_tables([first, rest], captions(3))
    assert [r[0].text for r in table.rows] == ["No", "1", "2", "3"]


def test_a_titled_list_drawn_over_pages_is_one_table_with_each_row_once(tmp_path: Path) -> None:
    rows = 100  # two pages or more, portrait
    path = tmp_path / "titled.pdf"
    renderer("reportlab")(made_up.made_up_document(rows), made_up.variant("reportlab", "titled", "portrait"), path)
    extracted = extract_document(path.read_bytes(), path.name)
    lists = [t for t in extracted.tables if t.header[0].text.endswith("一覧")]
    assert len(lists) == 1 and len(lists[0].pages) >= 2
    numbers = [r[0].text for r in lists[0].rows]
    assert numbers[0] == made_up.HEADER[0] and numbers[1:] == [str(n) for n in range(1, rows + 1)]
