"""A header whose headings wrap to different numbers of lines, read as several rows (recognize/stacked.py).

An unruled list gives each line of its header a row of its own: iText sets
「条例要配慮個人情報(有/無)」 over three lines in its narrow column, the
other headings over one or two, so the first row read holds 「条」 alone.
The lines of each heading below are the headings of the report's
outsourcing list cut by hand; the cases are the ground truth's.
"""

from __future__ import annotations

from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.types import Table
from tests.recognize.test_continued_rows import case_row, row

HEADER_LINES = (  # each heading's lines, bottom-aligned as the producer set them
    ("", "", "", "", "", "条例要配"),
    ("", "", "", "", "要配慮個人", "慮個人情"),
    ("No", "委託の内容", "担当部課", "実施機関", "情報(有/無)", "報(有/無)"),
)


def stacked_table(repeat: bool) -> Table:
    lines = [row(4, r, texts) for r, texts in enumerate(HEADER_LINES)]
    body = [case_row(4, 3, 1), case_row(4, 4, 2)]
    if repeat:  # the next page repeats the header's last two lines (its first went with the page's join)
        body += [row(5, r, texts) for r, texts in enumerate(HEADER_LINES[1:])]
    body += [case_row(5, 3, 3)]
    return Table(1, lines[0], (*lines[1:], *body))


def test_a_header_over_three_rows_is_read_as_one_and_the_list_recognized() -> None:
    got = tables_to_records([stacked_table(repeat=False)], table_report_types())
    assert [(c.criterion, c.case_no) for c in got.cases] == [("outsourcing", 1), ("outsourcing", 2),
                                                              ("outsourcing", 3)]
    assert not got.unrecognized_tables
    assert any(f.kind == "header_stacked" for f in got.findings)


def test_the_headers_lines_repeated_on_the_next_page_are_no_cases() -> None:
    got = tables_to_records([stacked_table(repeat=True)], table_report_types())
    assert [c.case_no for c in got.cases] == [1, 2, 3]
    assert not [f for f in got.findings if f.kind in ("row_without_number", "unreadable_case_no")]


def grouped_header_table() -> Table:
    """A ruled list under a header of two rows (見出しの二段組み), as a grid reads it: No, the description, the
    department and the agency each one cell over both rows (an empty placeholder under it), 「個人情報の有無」 one
    cell over the two flag columns with 「要配慮個人情報」 and 「条例要配慮個人情報」 under it."""
    from pipeline.types import BBox, Cell
    from tests.recognize.test_continued_rows import XS

    def cell(r: int, c: int, text: str, rows: int = 1, cols: int = 1, spanned: bool = False) -> Cell:
        return Cell(4, r, c, text, BBox(XS[c], 100 + 20 * r, XS[c + cols], 100 + 20 * (r + rows)),
                    row_span=rows, col_span=cols, spanned=spanned)

    first = (*(cell(0, c, t, rows=2) for c, t in enumerate(("No", "委託の内容", "担当部課", "実施機関"))),
             cell(0, 4, "個人情報の有無", cols=2))
    second = (*(cell(1, c, "", spanned=True) for c in range(4)), cell(1, 4, "要配慮個人情報"),
              cell(1, 5, "条例要配慮個人情報"))
    return Table(1, first, (second, case_row(4, 2, 1), case_row(4, 3, 2)))


def test_a_ruled_header_of_two_rows_under_a_group_heading_is_read_by_grid_column() -> None:
    """Each column reads its own heading, the group heading left out where a sub-heading names the column."""
    got = tables_to_records([grouped_header_table()], table_report_types())
    assert [(c.criterion, c.case_no) for c in got.cases] == [("outsourcing", 1), ("outsourcing", 2)]
    assert not got.unrecognized_tables
    stacked = [f.detail for f in got.findings if f.kind == "header_stacked"]
    assert len(stacked) == 1 and "'要配慮個人情報', '条例要配慮個人情報'" in stacked[0]
    from tests.recognize.test_continued_rows import truth
    assert [c.sensitive for c in got.cases] == [truth(n)["sensitive"] == "true" for n in (1, 2)]
    assert [c.ordinance_sensitive for c in got.cases] == [truth(n)["ordinance_sensitive"] == "true" for n in (1, 2)]
