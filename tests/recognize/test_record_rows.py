"""A list printing each record over two table rows, read one record a row (recognize/record_rows.py).

The tables below are what a full grid reads from a narrow office sheet: the header's first row No., 担当部課,
実施機関 and the two flags, its second row 委託の内容 merged across the table (form across) or across all but
No., which is merged down over both rows (form beside); each case likewise. The values are the ground truth's
cases (tests/recognize/test_continued_rows.truth), written independently of the code under test.
"""

from __future__ import annotations

import pytest

from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.types import BBox, Cell, Table
from tests.recognize.test_continued_rows import truth

XS = (40.0, 80.0, 300.0, 380.0, 440.0, 500.0)  # No. | 担当部課 | 実施機関 | 要配慮 | 条例要配慮
SHORT = ("No", "担当部課", "実施機関", "要配慮個人情報(有/無)", "条例要配慮個人情報(有/無)")


def cell(page: int, r: int, c: int, text: str, cols: int = 1, rows: int = 1, spanned: bool = False) -> Cell:
    top = 100 + 20 * r
    return Cell(page, r, c, text, BBox(XS[c], top, XS[c + cols], top + 18 * rows), row_span=rows, col_span=cols,
                spanned=spanned)


def first_row(page: int, r: int, texts: tuple[str, ...], beside: bool) -> tuple[Cell, ...]:
    return tuple(cell(page, r, c, t, rows=2 if beside and c == 0 else 1) for c, t in enumerate(texts))


def second_row(page: int, r: int, text: str, beside: bool) -> tuple[Cell, ...]:
    if beside:
        return cell(page, r, 0, "", spanned=True), cell(page, r, 1, text, cols=4)
    return (cell(page, r, 0, text, cols=5),)


def short_fields(no: int) -> tuple[str, ...]:
    t = truth(no)
    return (str(no), t["department_raw"], t["agency"],
            *("有" if t[f] == "true" else "無" for f in ("sensitive", "ordinance_sensitive")))


def record(page: int, r: int, no: int, beside: bool, text: str | None = None) -> list[tuple[Cell, ...]]:
    return [first_row(page, r, short_fields(no), beside),
            second_row(page, r + 1, truth(no)["description"] if text is None else text, beside)]


def header(page: int, beside: bool) -> list[tuple[Cell, ...]]:
    return [first_row(page, 0, SHORT, beside), second_row(page, 1, "委託の内容", beside)]


def table(rows: list[tuple[Cell, ...]]) -> Table:
    return Table(1, rows[0], tuple(rows[1:]))


def read(rows: list[tuple[Cell, ...]]):  # type: ignore[no-untyped-def]
    return tables_to_records([table(rows)], table_report_types())


@pytest.mark.parametrize("beside", [False, True], ids=["across", "beside"])
def test_each_record_over_two_rows_is_one_case_with_its_long_text(beside: bool) -> None:
    got = read([*header(4, beside), *record(4, 2, 1, beside), *record(4, 4, 2, beside), *record(4, 6, 3, beside)])
    assert not got.unrecognized_tables
    assert [(c.criterion, c.case_no) for c in got.cases] == [("outsourcing", n) for n in (1, 2, 3)]
    assert [c.description for c in got.cases] == [truth(n)["description"] for n in (1, 2, 3)]
    assert [c.agency for c in got.cases] == [truth(n)["agency"] for n in (1, 2, 3)]
    assert [c.sensitive for c in got.cases] == [truth(n)["sensitive"] == "true" for n in (1, 2, 3)]
    assert [f.kind for f in got.findings] == ["records_over_rows"]


def test_read_row_by_row_the_same_table_is_not_recognized() -> None:
    """The case the module is for: the header's first row alone fits no kind (its long text is on the second)."""
    from pipeline.recognize.headers import best_header_map

    rows = [*header(4, False), *record(4, 2, 1, False), *record(4, 4, 2, False)]
    assert best_header_map(table(rows), table_report_types()) is None


def test_the_header_repeated_on_the_next_page_and_a_record_broken_over_it() -> None:
    """Page 5 repeats both header rows; No. 2's text is cut by the page break, its rest under the repeated header;
    a spreadsheet drew the rest of No. 2's merged No. into the repeated header's No. cell (「No 2」)."""
    text = truth(2)["description"]
    repeated = header(5, True)
    repeated[0] = tuple(c if c.col else cell(5, 0, 0, "No 2", rows=2) for c in repeated[0])
    rows = [*header(4, True), *record(4, 2, 1, True), *record(4, 4, 2, True, text[:12]), *repeated,
            second_row(5, 2, text[12:], True), *record(5, 3, 3, True)]
    got = read(rows)
    assert [c.case_no for c in got.cases] == [1, 2, 3]
    assert [c.description for c in got.cases] == [truth(n)["description"] for n in (1, 2, 3)]
    assert sorted(f.kind for f in got.findings) == ["records_over_rows", "row_continued"]


def test_a_record_without_its_second_row_and_a_second_row_without_a_record_are_findings() -> None:
    rows = [*header(4, False), *record(4, 2, 1, False), first_row(4, 4, short_fields(2), False),
            *(r for n in (3, 4, 5, 6) for r in record(4, 2 * n, n, False))]
    rows.insert(4, second_row(4, 20, "どの記録のものでもない行", False))  # right after No. 1's two rows
    got = read(rows)
    kinds = [f.kind for f in got.findings]
    assert kinds.count("record_rows_missing") == 1 and kinds.count("record_row_unplaced") == 1
    assert [c.case_no for c in got.cases] == [1, 2, 3, 4, 5, 6]
    assert got.cases[1].description is None


def test_a_merged_no_read_over_the_rest_of_the_record_before_is_moved_to_its_own_record() -> None:
    """PyMuPDF draws no rest of No. 1's merged cell cut by the page break, so nothing parts No. 2's cell from it:
    the grid reads 「2」 merged over three rows, beside the rest of No. 1's text and No. 2's two rows."""
    text = truth(1)["description"]
    top = (cell(5, 0, 0, "2", rows=3), cell(5, 0, 1, text[10:], cols=4))
    second = tuple(c if c.col else cell(5, 1, 0, "", spanned=True) for c in first_row(5, 1, short_fields(2), True))
    rows = [*header(4, True), *record(4, 2, 1, True, text[:10]), top, second, second_row(5, 2, truth(2)["description"], True)]
    rows[-1] = tuple(c if c.col else cell(5, 2, 0, "", spanned=True) for c in rows[-1])
    got = read(rows)
    assert [c.case_no for c in got.cases] == [1, 2]
    assert [c.description for c in got.cases] == [text, truth(2)["description"]]
    assert [c.department_raw for c in got.cases] == [truth(n)["department_raw"] for n in (1, 2)]


def test_a_record_over_three_rows_gives_each_later_row_its_field() -> None:
    """External provision printed over three rows: No., 担当部課, 実施機関 and the flags, then 提供先 across, then
    提供先での利用目的 across (a sheet narrower still)."""
    from tests.conftest import GROUND_TRUTH, read_csv

    truth3 = {int(r["case_no"]): r for r in read_csv(GROUND_TRUTH / "cases_external_provision.csv")}

    def fields(no: int) -> tuple[str, ...]:
        t = truth3[no]
        return (str(no), t["department_raw"], t["agency"],
                *("有" if t[f] == "true" else "無" for f in ("sensitive", "ordinance_sensitive")))

    rows = [first_row(4, 0, SHORT, False), second_row(4, 1, "提供先", False), second_row(4, 2, "提供先での利用目的", False)]
    for i, no in enumerate((1, 2, 3)):
        top = 3 + 3 * i
        rows += [first_row(4, top, fields(no), False), second_row(4, top + 1, truth3[no]["recipient"], False),
                 second_row(4, top + 2, truth3[no]["purpose"], False)]
    got = read(rows)
    assert [(c.criterion, c.case_no) for c in got.cases] == [("external_provision", n) for n in (1, 2, 3)]
    assert [(c.recipient, c.purpose) for c in got.cases] == [(truth3[n]["recipient"], truth3[n]["purpose"])
                                                             for n in (1, 2, 3)]
    assert "each record printed over 3 rows" in next(f.detail for f in got.findings if f.kind == "records_over_rows")


def test_a_list_whose_rows_alternate_with_notes_is_not_taken_for_records_over_rows() -> None:
    """A header whose first row fits its kind stays as it is when the row under it names no more fields: notes
    across the table under it and under each case are no record's second rows."""
    from tests.recognize.test_continued_rows import case_row
    from tests.recognize.test_continued_rows import header as one_row_header

    def note(r: int) -> tuple[Cell, ...]:
        return (Cell(4, r, 0, "※令和５年度分を含む", BBox(40, 100 + 20 * r, 500, 118 + 20 * r), col_span=6),)

    rows = [one_row_header(4), note(1), case_row(4, 2, 1), note(3), case_row(4, 4, 2), note(5)]
    got = tables_to_records([Table(1, rows[0], tuple(rows[1:]))], table_report_types())
    assert "records_over_rows" not in [f.kind for f in got.findings]
    assert [c.case_no for c in got.cases] == [1, 2]
