"""Count and budget tables no report type knew, as tidy cells, against hand-written truth.

Fixtures: tests/recognize/cases/*.pdf from dev/build_count_tables.py
(reportlab, fpdf2, Chromium, and a 200 dpi scan read by OCR). Truth:
dev/truth/count_tables.py, typed by hand. Every value must be
exact with its row and column path: merged headers repeated over their span,
「3 8」 read as 38, 「－」 as 0, 「合 計」 as 合計, 小計 rows marked.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from dev.truth.count_tables import (
    BUDGET_COLUMNS,
    BUDGET_SAMPLE,
    DISCLOSURE_COLUMNS,
    DISCLOSURE_ROWS,
    DISCLOSURE_ROWS_NOTED,
    PERSONAL_COLUMNS,
    PERSONAL_ROWS,
    expected,
)

CASES = Path(__file__).resolve().parent / "cases"
BORN_DIGITAL = ("count-reportlab.pdf", "count-fpdf2.pdf", "count-chromium.pdf")


@pytest.fixture(scope="module")
def results():
    from pipeline.run import process_bytes

    cache: dict[str, object] = {}

    def get(name: str):  # type: ignore[no-untyped-def]
        if name not in cache:
            cache[name] = process_bytes((CASES / name).read_bytes(), name)
        return cache[name]

    return get


def values_of(result, table_no: int) -> dict[tuple[tuple[str, ...], tuple[str, ...]], float | None]:  # type: ignore[no-untyped-def]
    return {(c.row_path, c.col_path): c.value for c in result.cells if c.table_no == table_no and c.role == "value"}


@pytest.mark.parametrize("name", BORN_DIGITAL)
def test_every_value_exact_with_its_paths(results, name: str) -> None:  # type: ignore[no-untyped-def]
    result = results(name)
    assert values_of(result, 1) == expected(DISCLOSURE_COLUMNS, DISCLOSURE_ROWS)
    assert values_of(result, 2) == expected(PERSONAL_COLUMNS, PERSONAL_ROWS)
    table2_checks = [k for k in result.checks if k.criterion == "table 2"]  # 小計 groups go by those labels
    assert table2_checks and all(k.ok for k in table2_checks)
    assert {c.unit for c in result.cells if c.role == "value"} == {"件"}  # from 「(単位:件)」 beside the caption


@pytest.mark.parametrize("name", BORN_DIGITAL)
def test_totals_marked_and_checked(results, name: str) -> None:  # type: ignore[no-untyped-def]
    result = results(name)
    marks = {(c.table_no, c.row_path): c.row_total for c in result.cells if c.role == "value" and c.row_total}
    assert marks == {(1, ("合計",)): "合計", (2, ("区長", "小計")): "小計", (2, ("教育委員会", "小計")): "小計",
                     (2, ("総計",)): "総計"}
    table_checks = [k for k in result.checks if k.rule.startswith("table_")]
    # table 1: the 合計 row in 7 columns, the 計 column in 6 rows; table 2: 3 total rows x 5 columns
    assert len(table_checks) == 7 + 6 + 15
    assert all(k.ok for k in table_checks), [k for k in table_checks if not k.ok]
    assert not [f for f in result.findings if f.kind in ("total_mismatch", "total_unchecked", "unreadable_number")]


def test_unrecognized_tables_are_findings(results) -> None:  # type: ignore[no-untyped-def]
    kinds = [f.kind for f in results("count-reportlab.pdf").findings]
    assert kinds.count("table_not_recognized") in (0, 2)  # 0 once a report type (運用状況) claims them


def test_a_planted_wrong_total_is_caught() -> None:
    from pipeline.check.totals import cells_checks
    from pipeline.extract import extract_document
    from pipeline.recognize.cells import tables_to_cells

    ex = extract_document((CASES / "count-reportlab.pdf").read_bytes(), "count-reportlab.pdf")
    table = ex.tables[0]
    total_row = next(r for r in table.rows if r[0].text.replace(" ", "") == "合計")
    wrong = tuple(dataclasses.replace(c, text="359") if c.text == "358" else c for c in total_row)
    planted = dataclasses.replace(table, rows=tuple(wrong if r is total_row else r for r in table.rows))
    cells, _ = tables_to_cells([planted], ex.lines)
    checks, findings = cells_checks(cells)
    failed = {(k.rule, k.agency, k.expected, k.actual) for k in checks if not k.ok}
    assert failed == {("table_total_row", "合計", 359, 358), ("table_total_column", "合計", 1393, 1394)}
    assert sum(1 for f in findings if f.kind == "total_mismatch") == 2


def test_scanned_tables_labels_exact(results) -> None:  # type: ignore[no-untyped-def]
    """The scan: both tables exact, row labels included."""
    result = results("count-scan200.pdf")
    assert values_of(result, 1) == expected(DISCLOSURE_COLUMNS, DISCLOSURE_ROWS)
    assert values_of(result, 2) == expected(PERSONAL_COLUMNS, PERSONAL_ROWS)


def test_scanned_table_values_read_through_ocr(results) -> None:  # type: ignore[no-untyped-def]
    """The scan: every value of both tables exact under its column («一» for «－» and «1.393» decoded, each
    with a finding); a value OCR could not read is a finding, never silent."""
    result = results("count-scan200.pdf")
    for table, columns, rows in ((1, DISCLOSURE_COLUMNS, DISCLOSURE_ROWS), (2, PERSONAL_COLUMNS, PERSONAL_ROWS)):
        truth = expected(columns, rows)
        by_column: dict[tuple[str, ...], list[int | None]] = {}
        for (_, col), value in truth.items():
            by_column.setdefault(col, []).append(value)
        got = [c for c in result.cells if c.table_no == table and c.role == "value"]
        assert len(got) == len(truth)
        for c in got:
            if c.value is None:
                assert any(f.kind == "unreadable_number" and repr(c.text) in f.detail for f in result.findings), c
            else:
                assert c.value in by_column[c.col_path], c
                by_column[c.col_path].remove(c.value)
    assert any(f.kind == "number_decoded" and "read as a dash" in f.detail for f in result.findings)


def test_scanned_table_two_exact(results) -> None:  # type: ignore[no-untyped-def]
    assert values_of(results("count-scan200.pdf"), 2) == expected(PERSONAL_COLUMNS, PERSONAL_ROWS)


def test_budget_in_thousands_of_yen_with_triangle_negatives(results) -> None:  # type: ignore[no-untyped-def]
    result = results("budget-reportlab.pdf")
    cells = {(c.row_path, c.col_path): c for c in result.cells if c.role == "value"}
    for (row, col), value in expected(BUDGET_COLUMNS, BUDGET_SAMPLE).items():
        cell = cells[(row, col)]
        assert (cell.value, cell.unit, cell.scaled_value, cell.scaled_unit) == (value, "千円", value * 1000, "円")
    formula = [k for k in result.checks if k.rule == "table_formula"]
    assert len(formula) == 7 and all(k.ok for k in formula)  # 比較(A-B) in each of the 7 rows
    totals = [k for k in result.checks if k.rule == "table_total_row"]
    assert len(totals) == 3 and all(k.ok for k in totals)  # 歳出合計 in 3 columns


def test_norm_text_folds_radicals_beside_the_raw_text() -> None:
    from pipeline.recognize.cells import tables_to_cells
    from pipeline.types import BBox, Cell, Table

    def cell(r: int, c: int, text: str) -> Cell:
        return Cell(1, r, c, text, BBox(c * 80.0, r * 20.0, (c + 1) * 80.0, (r + 1) * 20.0))

    table = Table(1, (cell(0, 0, "実施機関"), cell(0, 1, "件数")),
                  ((cell(1, 0, "区⻑"), cell(1, 1, "１，２３４")), (cell(2, 0, "給⾷課"), cell(2, 1, "▲5"))))
    cells, findings = tables_to_cells([table])
    got = [(c.text, c.norm_text, c.row_path, c.value) for c in cells if c.role == "value"]
    assert got == [("１，２３４", "1,234", ("区長",), 1234), ("▲5", "▲5", ("給食課",), -5)]
    assert [c.norm_text for c in cells if c.role == "row_header"] == ["区長", "給食課"]
    assert findings == ()


def test_a_note_printed_under_a_table_decides_what_its_dash_means(results) -> None:  # type: ignore[no-untyped-def]
    """notes-reportlab.pdf: 「注：表中の「－」は該当なし。」 under table 1, 「注：「－」は0件を示す。」 under
    table 2; config/cells.toml and the 運用状況 report type both say zero."""
    result = results("notes-reportlab.pdf")
    assert values_of(result, 1) == expected(DISCLOSURE_COLUMNS, DISCLOSURE_ROWS_NOTED)
    assert values_of(result, 2) == expected(PERSONAL_COLUMNS, PERSONAL_ROWS)
    # only where the note overrides the config is it a finding
    assert [f.detail.split(":")[0] for f in result.findings if f.kind == "dash_by_note"] == ["table 1"]
    table_checks = [k for k in result.checks if k.rule.startswith("table_")]
    assert len(table_checks) == 7 + 6 + 15 and all(k.ok for k in table_checks)  # nothing adds nothing
    dashes = [f for f in result.facts if f.table_no == 1 and f.value is None]
    assert len(dashes) == sum(v is None for _, values in DISCLOSURE_ROWS_NOTED for v in values)


def test_a_numbered_list_names_its_rows_by_their_numbers(results) -> None:  # type: ignore[no-untyped-def]
    """A case list's cells: the 「No」 column is the row header, each value's row_path its case number."""
    from pipeline.run import process_bytes

    name = "setagaya-2023-report359.pdf"
    result = process_bytes((CASES.parents[2] / "corpus" / "pdf" / name).read_bytes(), name)
    lists = {c.table_no for c in result.cells if c.role == "corner" and c.norm_text == "No"}
    assert len(lists) == 3  # 外部委託, 提供, 結合
    values = [c for c in result.cells if c.table_no in lists and c.role == "value"]
    assert values and all(len(c.row_path) == 1 for c in values)
    # the 外部委託 list's rows are named by exactly the case numbers the ground truth lists
    truth = CASES.parents[2] / "corpus" / "ground_truth" / "setagaya-2023-report359" / "cases_outsourcing.csv"
    with truth.open(encoding="utf-8") as f:
        numbers = {row["case_no"] for row in csv.DictReader(f)}
    assert {c.row_path[0] for c in values if c.table_no == min(lists)} == numbers


def test_a_first_column_that_does_not_count_rows_is_not_a_label() -> None:
    from pipeline.recognize.cells import tables_to_cells
    from pipeline.types import BBox, Cell, Table

    def cell(r: int, c: int, text: str) -> Cell:
        return Cell(1, r, c, text, BBox(c * 80.0, r * 20.0, (c + 1) * 80.0, (r + 1) * 20.0))

    def table(first: list[str]) -> Table:
        return Table(1, (cell(0, 0, "No"), cell(0, 1, "件数")),
                     tuple((cell(r, 0, t), cell(r, 1, str(10 * r))) for r, t in enumerate(first, 1)))

    numbered, _ = tables_to_cells([table(["1", "2", "4", "5"])])  # a number left out still counts rows
    assert [c.row_path for c in numbered if c.role == "value"] == [("1",), ("2",), ("4",), ("5",)]
    for first in (["412", "6", "3"], ["1", "1", "2"], ["1", "－", "3"], ["1", "3", "5", "7"]):
        cells, _ = tables_to_cells([table(first)])
        assert all(c.row_path == () for c in cells if c.role == "value"), first


def test_every_letter_in_a_count_table_is_a_finding_however_many_of_its_column_ocr_misread() -> None:
    """OCR read three of a column's four counts as letters (「l2」, 「O」, 「あ」): the column is no longer
    mostly numbers, but the table counts 件, so each of them is a finding naming page, table, row,
    column and text; a dash and an empty cell are not. A table of no count unit keeps its text
    column (備考) without findings."""
    from pipeline.recognize.cells import tables_to_cells
    from pipeline.types import BBox, Cell, Table

    def cell(r: int, c: int, text: str) -> Cell:
        return Cell(3, r, c, text, BBox(c * 80.0, 100 + r * 20.0, (c + 1) * 80.0, 100 + (r + 1) * 20.0), source="ocr")

    def table(caption: str, second: str, column: list[str]) -> Table:
        rows = [("区長", "12", column[0]), ("教育委員会", "7", column[1]), ("選挙管理委員会", "－", column[2]),
                ("監査委員", "", column[3])]
        return Table(2, (cell(0, 0, "実施機関"), cell(0, 1, "請求件数"), cell(0, 2, second)),
                     tuple(tuple(cell(r, c, t) for c, t in enumerate(texts)) for r, texts in enumerate(rows, 1)),
                     caption)

    counts = table("個人情報開示請求 (単位:件)", "開示", ["l2", "O", "5", "あ"])
    cells, findings = tables_to_cells([counts])
    unreadable = [f for f in findings if f.kind == "unreadable_number"]
    assert [(f.page_no, f.detail.split(":")[0]) for f in unreadable] == [
        (3, "table 2 row 1 (区長) column 2 (開示)"), (3, "table 2 row 2 (教育委員会) column 2 (開示)"),
        (3, "table 2 row 4 (監査委員) column 2 (開示)")]
    assert [t for t in ("'l2'", "'O'", "'あ'") if not any(t in f.detail for f in unreadable)] == []
    assert [c.value for c in cells if c.role == "value" and c.col_no == 2] == [None, None, 5, None]

    remarks = table("", "備考", ["再掲", "", "一部取下げ", "他課へ移送"])
    cells, findings = tables_to_cells([remarks])
    assert [f for f in findings if f.kind == "unreadable_number"] == []
    assert [c.value for c in cells if c.role == "value" and c.col_no == 1] == [12, 7, 0, None]
