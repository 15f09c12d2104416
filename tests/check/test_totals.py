"""Generic totals rules on small hand-made tables (pipeline/check/totals.py)."""

from __future__ import annotations

from pipeline.check.totals import cells_checks, group_members
from pipeline.recognize.cells import cell_settings, slots_to_cells, total_word, unit_in
from pipeline.types import BBox, Cell, Table

W, H = 60.0, 20.0


def grid_table(rows: list[list[str]], caption: str = "") -> Table:
    """A table of one-slot cells drawn on a regular grid (row 0 is the header)."""
    cells = [tuple(Cell(1, r, c, text, BBox(c * W, r * H, (c + 1) * W, (r + 1) * H)) for c, text in enumerate(row))
             for r, row in enumerate(rows)]
    return Table(1, cells[0], tuple(cells[1:]), caption)


def check(rows: list[list[str]], caption: str = ""):  # type: ignore[no-untyped-def]
    from pipeline.recognize.cells import table_to_slots

    table = grid_table(rows, caption)
    slots, pages = table_to_slots(table)
    cells, _ = slots_to_cells(table, slots, pages, [], cell_settings())
    return cells, *cells_checks(cells)


def test_subtotals_and_grand_total() -> None:
    _, checks, findings = check([
        ["区分", "件数"], ["A", "1"], ["B", "2"], ["小計", "3"], ["C", "4"], ["小計", "4"], ["合計", "7"]])
    assert [(k.agency, k.expected, k.actual, k.ok) for k in checks] == [
        ("小計", 3, 3, True), ("小計", 4, 4, True), ("合計", 7, 7, True)]
    assert findings == []


def test_of_which_rows_are_not_summed_and_a_mismatch_is_a_finding() -> None:
    _, checks, findings = check([["区分", "件数"], ["A", "10"], ["うち児童", "4"], ["B", "5"], ["合 計", "16"]])
    assert [(k.expected, k.actual, k.ok) for k in checks] == [(16, 15, False)]
    assert [f.kind for f in findings] == ["total_mismatch"]


def test_formula_in_a_header_and_triangle_negatives() -> None:
    _, checks, _ = check([["款", "本年度(A)", "前年度(B)", "比較(A-B)"], ["議会費", "100", "120", "△20"],
                          ["総務費", "５０", "４０", "10"]], caption="(単位:千円)")
    formula = [(k.agency, k.expected, k.actual, k.ok) for k in checks if k.rule == "table_formula"]
    assert formula == [("議会費", -20, -20, True), ("総務費", 10, 10, True)]


def test_a_total_over_text_is_not_computed_but_said() -> None:
    _, checks, findings = check([["区分", "件数"], ["A", "1"], ["B", "不明"], ["計", "1"]])
    assert checks == []
    assert [f.kind for f in findings] == ["total_unchecked"]


def test_units_and_scaling_from_the_caption() -> None:
    cells, _, _ = check([["款", "予算額"], ["議会費", "８５２，３１４"]], caption="歳出 (単位:千円)")
    value = next(c for c in cells if c.role == "value")
    assert (value.value, value.unit, value.scaled_value, value.scaled_unit) == (852314, "千円", 852314000, "円")


def test_total_words() -> None:
    settings = cell_settings()
    assert [total_word(x, settings) for x in ("合 計", "計", "計(A+B)", "歳出合計", "会計", "統計", "うち小計", "区長")] == [
        "合計", "計", "計", "合計", None, None, None, None]
    assert unit_in("金額(千円)", settings) == "千円" and unit_in("(単位:件)", settings) == "件"
    assert unit_in("件数", settings) is None and unit_in("円滑化(件数)", settings) is None


def test_group_members_nested() -> None:
    axis = [(("区長", "開示"), None), (("区長", "訂正"), None), (("区長", "計"), "計"),
            (("教育", "開示"), None), (("教育", "計"), "計"), (("総計",), "総計")]
    assert group_members(axis, 2) == [0, 1]
    assert group_members(axis, 4) == [3]
    assert group_members(axis, 5) == [0, 1, 3]
