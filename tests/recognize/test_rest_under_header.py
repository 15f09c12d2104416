"""The rest of a row broken over a page, printed in the band of the header printed again.

Calligra Words on a page without rules (style norules) sets the lines of a tall
row that did not fit at the foot of the page right under the repeated header:
the header row then reads 「委託の内容 活用する。…」 in its description cell, and the
row was dropped whole as the header printed again, losing the end of the
description. The text after each heading is the broken row's and is joined to
the case before it. The expected descriptions are the ground truth's.
"""

from __future__ import annotations

from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.recognize.broken_rows import after_heading, under_header
from pipeline.types import BBox, Cell, Table
from tests.conftest import GROUND_TRUTH, read_csv
from tests.recognize.test_continued_rows import HEADER, case_row, row, truth


def descriptions(*rows: tuple[Cell, ...]) -> dict[int, str]:
    got = tables_to_records([Table(1, row(2, 0, HEADER), rows)], table_report_types())
    return {c.case_no: c.description for c in got.cases}


def longest_case() -> int:
    return max((int(r["case_no"]) for r in read_csv(GROUND_TRUTH / "cases_outsourcing.csv")[:30]),
               key=lambda n: len(truth(n)["description"]))


def test_the_text_under_a_repeated_heading_ends_the_row_broken_at_the_page_foot():
    no = longest_case()
    text = truth(no)["description"]
    cut = len(text) // 2
    repeated = row(3, 0, tuple(h + (f" {text[cut:]}" if c == 1 else "") for c, h in enumerate(HEADER)))
    got = descriptions(case_row(2, 1, no - 1), case_row(2, 2, no, description=text[:cut]), repeated,
                       case_row(3, 1, no + 1))
    assert got == {n: truth(n)["description"] for n in (no - 1, no, no + 1)}


def test_a_header_printed_again_alone_adds_nothing():
    no = longest_case()
    got = descriptions(case_row(2, 1, no), row(3, 0, HEADER), case_row(3, 1, no + 1))
    assert got == {n: truth(n)["description"] for n in (no, no + 1)}
    assert under_header(row(3, 0, HEADER), row(2, 0, HEADER)) is None


def test_after_heading_ignores_the_heading_spacing_and_needs_the_whole_heading():
    assert after_heading("要配慮個人情報(有/無) 続き", "要配慮個人情報 (有/無)") == "続き"
    assert after_heading("委託の内", "委託の内容") is None
    assert after_heading("担当部課", "担当部課") == ""


def test_a_continuation_that_starts_with_one_cell_over_the_table_says_its_text_is_in_no_field():
    """wkhtmltopdf (rounded): the rest of the last row of page 2 opens page 3 as one cell over the grid, with no
    header printed: that table is read by shape, and the text it cannot place is named by a finding."""

    no = longest_case()
    text = truth(no)["description"]
    cut = len(text) // 2
    first = Table(1, row(2, 0, HEADER), (case_row(2, 1, no - 1), case_row(2, 2, no, description=text[:cut])))
    rest = (Cell(3, 0, 0, text[cut:], BBox(30, 80, 570, 98), col_span=len(HEADER)),)
    second = Table(2, rest, (case_row(3, 1, no + 1), case_row(3, 2, no + 2)))
    got = tables_to_records([first, second], table_report_types())
    unplaced = [f for f in got.findings if f.kind == "rest_unplaced"]
    assert [f.page_no for f in unplaced] == [3] and text[cut:] in unplaced[0].detail
    assert [c.case_no for c in got.cases] == [no - 1, no, no + 1, no + 2]

    plain = Table(2, case_row(3, 1, no + 1), (case_row(3, 2, no + 2),))
    assert not [f for f in tables_to_records([first, plain], table_report_types()).findings
                if f.kind == "rest_unplaced"]


def test_the_cli_line_counts_the_texts_in_no_field() -> None:
    """What was not understood shows on the file's line and in the summary (the findings say where)."""
    from pipeline.cli.ingest import not_understood, not_understood_total
    from pipeline.run import Outcome

    landed = Outcome("x.pdf", "landed", texts_not_placed=4)
    assert not_understood(landed) == ", 4 text(s) in no field"
    assert not_understood_total([landed, Outcome("y.pdf", "landed")]) == ", 4 text(s) in no field"
