"""A continuation page without its header that begins inside cells merged down from the page before.

MuPDF's Story (issue 11, style merged) does not repeat <thead>, and a department cell merged over
several cases that runs over the page break is drawn on the next page without the rule between
department and agency down to where the next merged cell starts: the grid's first row has one
cell over those two columns. Only the rows below show where every column is, and the table must
still be read as the list's continuation by those columns.
"""

from __future__ import annotations

from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.types import BBox, Cell, Table

HEADER = ["No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)"]
EDGES = [40.0, 70.0, 300.0, 430.0, 480.0, 530.0, 580.0]


def cell(page: int, r: int, col: int, text: str, y: float, span: int = 1) -> Cell:
    return Cell(page, r, col, text, BBox(EDGES[col], y, EDGES[col + span], y + 20), col_span=span)


def case_row(page: int, r: int, no: int, y: float) -> tuple[Cell, ...]:
    return (cell(page, r, 0, str(no), y), cell(page, r, 1, f"業務委託その{no}", y),
            cell(page, r, 2, "保健福祉政策部保健医療福祉推進課", y), cell(page, r, 3, "区長", y),
            cell(page, r, 4, "有", y), cell(page, r, 5, "無", y))


def test_a_headerless_page_whose_first_row_spans_two_columns_continues_the_list():
    first = Table(1, tuple(cell(3, 0, i, h, 80) for i, h in enumerate(HEADER)),
                  tuple(case_row(3, n, n, 100 + 20 * n) for n in range(1, 11)))
    merged = (cell(4, 0, 0, "11", 80), cell(4, 0, 1, "業務委託その11", 80),
              cell(4, 0, 2, "保健福祉政策部保健医療福祉推進課 区長", 80, span=2),
              cell(4, 0, 4, "有", 80), cell(4, 0, 5, "無", 80))
    second = Table(2, merged, tuple(case_row(4, n - 11, n, 100 + 20 * (n - 11)) for n in range(12, 21)))
    got = tables_to_records([first, second], table_report_types())
    assert [c.case_no for c in got.cases] == list(range(1, 21))
    assert got.unrecognized_tables == ()
    assert [c.description for c in got.cases if c.case_no > 11] == [f"業務委託その{n}" for n in range(12, 21)]
    assert all(c.page_no == 4 and c.sensitive is True and c.ordinance_sensitive is False
               for c in got.cases if c.case_no > 10)
    [shape] = [f for f in got.findings if f.kind == "table_by_shape"]
    assert shape.page_no == 4 and "first row is a case" in shape.detail


def test_a_headerless_page_opening_with_the_rest_of_a_broken_row_gives_it_to_that_row():
    """wkhtmltopdf (issue 11, grouped): the page after a row broken at its foot opens with the rest of the row's
    description, No. and flags empty, and no header. Taken for a misread header, the rest was dropped."""
    first = Table(1, tuple(cell(3, 0, i, h, 80) for i, h in enumerate(HEADER)),
                  tuple(case_row(3, n, n, 100 + 20 * n) for n in range(1, 11)))
    rest = (cell(4, 0, 0, "", 40), cell(4, 0, 1, "及び健診票のデータ化", 40), *(cell(4, 0, c, "", 40) for c in range(2, 6)))
    second = Table(2, rest, tuple(case_row(4, n - 10, n, 60 + 20 * (n - 10)) for n in range(11, 16)))
    got = tables_to_records([first, second], table_report_types())
    assert [c.case_no for c in got.cases] == list(range(1, 16))
    assert got.unrecognized_tables == ()
    assert got.cases[9].description == "業務委託その10及び健診票のデータ化"
    assert [f.kind for f in got.findings if f.kind in ("table_by_shape", "row_continued")] == ["table_by_shape",
                                                                                               "row_continued"]
