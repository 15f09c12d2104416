"""A cell under two fields' headings gives its text to each: never silently (spans.cell_over_fields).

Two cells' texts set with no gap and no rule between them read as one phrase
across the border, and the extract stage makes one cell spanning both columns
(Calc's booktabs before aligned_starts.py: a purpose run into its legal basis).
The rows here are written by hand; the expected findings follow from them.
"""

from __future__ import annotations

from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.types import BBox, Cell, Table

HEADER = ("No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)")
XS = (30, 60, 300, 420, 470, 520, 570)  # column edges


def row(r: int, texts: tuple[str, ...], span_at: int | None = None) -> tuple[Cell, ...]:
    """A row of cells; with ``span_at`` the cell there covers its column and the next (one text for both)."""
    top = 100 + 20 * r
    cells, c = [], 0
    for text in texts:
        width = 2 if c == span_at else 1
        cells.append(Cell(3, r, c, text, BBox(XS[c], top, XS[c + width], top + 18), col_span=width))
        c += width
    return tuple(cells)


def test_a_cell_over_two_fields_is_a_finding_and_on_the_cli_line() -> None:
    table = Table(1, row(0, HEADER), (
        row(1, ("1", "避難行動要支援者の支援", "世田谷総合支所地域振興課", "区長", "有", "無")),
        row(2, ("2", "ひととき保育の委託", "世田谷総合支所健康づくり課区長", "有", "有"), span_at=2),
        row(3, ("3", "健診受診者の血液検査", "北沢総合支所健康づくり課", "区長", "有", "無")),
    ))
    got = tables_to_records([table], table_report_types())
    over = [f for f in got.findings if f.kind == "cell_over_fields"]
    assert [c.case_no for c in got.cases] == [1, 2, 3]
    assert len(over) == 1 and "No.2" in over[0].detail and "department, agency" in over[0].detail
    assert over[0].page_no == 3


def test_rows_of_one_cell_per_field_leave_no_such_finding() -> None:
    table = Table(1, row(0, HEADER), (
        row(1, ("1", "避難行動要支援者の支援", "世田谷総合支所地域振興課", "区長", "有", "無")),
        row(2, ("2", "ひととき保育の委託", "世田谷総合支所健康づくり課", "区長", "有", "有")),
    ))
    got = tables_to_records([table], table_report_types())
    assert not [f for f in got.findings if f.kind == "cell_over_fields"]


def test_the_cli_line_and_summary_count_the_cells_over_two_fields() -> None:
    from pipeline.cli.ingest import not_understood, not_understood_total
    from pipeline.run import Outcome

    landed = Outcome("x.pdf", "landed", fields_ambiguous=2)
    assert not_understood(landed) == ", 2 cell(s) over two fields"
    assert not_understood_total([landed, Outcome("y.pdf", "landed")]) == ", 2 cell(s) over two fields"
