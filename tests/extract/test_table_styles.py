"""Tables drawn in every style an office uses, read back cell for cell.

The PDFs are drawn on the fly by tests/extract/make_tables.py (reportlab)
from the hand-written cell values below; each test compares the extractor's
rows of strings (pipeline.extract.rows) with those values, never with an
earlier output of the extractor.
"""

from __future__ import annotations

import pytest

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import Layout, register_japanese, table_pdf

SUMMARY = [
    ["実施機関", "審査件数", "要配慮", "条例要配慮"],
    ["区長", "766", "305", "115"],
    ["教育委員会", "120", "40", "12"],
    ["選挙管理委員会", "3", "0", "0"],
    ["合計", "889", "345", "127"],
]
COMPANIES = [
    ["Company", "City", "Amount"],
    ["FOREST LABORATORIES, INC.", "New York", "7,723,293"],
    ["Acme Widgets Ltd", "Delhi", "12,004"],
    ["Northwind Traders", "Osaka", "815"],
]
STYLES = ["grid", "hrules", "frame", "none", "banded", "paths"]


def only_table(data: bytes) -> list[list[str]]:
    tables = pdf_table_rows(data)[1]
    assert len(tables) == 1, tables
    return tables[0]


@pytest.mark.parametrize("style", STYLES)
def test_japanese_summary_in_every_style(style: str) -> None:
    font = register_japanese()
    data = table_pdf(SUMMARY, Layout(style=style, font=font, widths=(110, 70, 70, 80)))
    assert only_table(data) == SUMMARY


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("pad", [2.0, 6.0])
def test_latin_table_in_every_style_and_padding(style: str, pad: float) -> None:
    data = table_pdf(COMPANIES, Layout(style=style, widths=(190, 90, 80), pad=pad))
    assert only_table(data) == COMPANIES


@pytest.mark.parametrize("pad", [2.5, 6.0])
def test_narrow_column_wrapping_every_cell(pad: float) -> None:
    font = register_japanese()
    rows = [
        ["No", "委託の内容", "担当部課"],
        ["1", "学校教育法施行令第1条に基づく就学事務", "教育委員会事務局学務課"],
        ["2", "LGWAN接続系システムの運用保守", "総務部情報政策課"],
        ["3", "避難行動要支援者名簿の作成", "保健福祉政策部保健医療福祉推進課"],
    ]
    got = only_table(table_pdf(rows, Layout(style="grid", font=font, widths=(30, 80, 90), pad=pad)))
    assert got == rows  # wrapped by character: joined with nothing, no space invented at 6 pt padding


def test_latin_words_wrapped_in_a_narrow_column_keep_their_spaces() -> None:
    rows = [["Name", "Note"], ["FOREST LABORATORIES, INC.", "first filing of the year"], ["Acme", "none"]]
    got = only_table(table_pdf(rows, Layout(style="grid", widths=(100, 60), pad=4)))
    assert got == rows


def test_separate_values_on_two_lines_stay_apart() -> None:
    rows = [["Year", "Amounts"], ["2023", "7,723,293\n7,793,704"], ["2024", "12\n15"]]
    got = only_table(table_pdf(rows, Layout(style="grid", widths=(60, 90))))
    assert got == rows


def test_merged_cells_sit_on_grid_columns() -> None:
    rows = [
        ["実施機関", "件数", "", "備考"],
        ["", "要配慮", "条例", ""],
        ["区長", "305", "115", "前年度比増"],
        ["教育委員会", "40", "12", ""],
    ]
    merges = ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1), (2, 3, 2, 1))
    font = register_japanese()
    data = table_pdf(rows, Layout(style="grid", font=font, widths=(90, 60, 60, 90), merges=merges))
    assert only_table(data) == rows


def test_spanning_cells_know_their_span_and_rows_below_hold_placeholders() -> None:
    from pipeline.extract import extract_document

    rows = [["Agency", "Counts", "", "Note"], ["", "all", "special", ""], ["Mayor", "305", "115", "up"]]
    merges = ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1))
    data = table_pdf(rows, Layout(style="grid", widths=(90, 60, 60, 90), merges=merges))
    table = extract_document(data, "merged.pdf").tables[0]
    header, second, body = table.header, table.rows[0], table.rows[1]
    assert [(c.col, c.text, c.row_span, c.col_span) for c in header] == [
        (0, "Agency", 2, 1), (1, "Counts", 1, 2), (3, "Note", 2, 1)]
    assert [(c.col, c.text, c.spanned) for c in second] == [
        (0, "", True), (1, "all", False), (2, "special", False), (3, "", True)]
    assert [(c.col, c.text) for c in body] == [(0, "Mayor"), (1, "305"), (2, "115"), (3, "up")]


def test_landscape_page() -> None:
    font = register_japanese()
    data = table_pdf(SUMMARY, Layout(style="hrules", font=font, widths=(160, 120, 120, 120),
                                     page=(841.89, 595.28)))
    assert only_table(data) == SUMMARY


@pytest.mark.parametrize("style", ["grid", "none"])
def test_table_printed_sideways_is_read_in_its_orientation(style: str) -> None:
    from pipeline.extract import extract_document

    data = table_pdf(COMPANIES, Layout(style=style, widths=(190, 90, 80), rotate=90))
    assert only_table(data) == COMPANIES
    ex = extract_document(data, "sideways.pdf")
    cells = [c for row in (ex.tables[0].header, *ex.tables[0].rows) for c in row]
    # positions are page coordinates of the portrait page: the table stands upright on it
    assert all(0 <= c.bbox.x0 < c.bbox.x1 <= 595.28 and 0 <= c.bbox.top < c.bbox.bottom <= 841.89 for c in cells)
    first = next(c for c in cells if c.text == "Company")
    last = next(c for c in cells if c.text == "815")
    assert first.bbox.x0 < last.bbox.x0 and first.bbox.top > last.bbox.top  # read up the page


def test_prose_is_no_table() -> None:
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    text = ("The committee met on three occasions during the year and reviewed every business that "
            "handles personal information.")
    for i in range(8):
        c.drawString(60, 700 - 14 * i, text[: 60 + i])
    c.save()
    assert pdf_table_rows(out.getvalue())[1] == []


def test_rules_come_from_paths_and_stroked_boxes_not_from_shading() -> None:
    from types import SimpleNamespace

    from pipeline.extract.textlayer import page_to_segments

    page = SimpleNamespace(
        lines=[],
        rects=[
            {"x0": 10, "x1": 200, "top": 10, "bottom": 30, "stroke": False, "fill": True},  # a shaded band
            {"x0": 10, "x1": 200, "top": 50, "bottom": 50.5, "stroke": False, "fill": True},  # a rule as a thin fill
            {"x0": 10, "x1": 60, "top": 60, "bottom": 80, "stroke": True, "fill": False},  # a stroked box
        ],
        curves=[
            {"x0": 10, "x1": 200, "top": 90, "bottom": 120, "stroke": True, "fill": False,
             "pts": [(10, 90), (100, 90), (200, 90), (200, 120)]},  # a staircase: two rules
            {"x0": 10, "x1": 30, "top": 130, "bottom": 150, "stroke": True, "fill": False,
             "pts": [(10, 130), (30, 150)]},  # a slanted stroke: no rule
        ],
    )
    hs, vs = page_to_segments(page)
    assert sorted((h.pos, h.lo, h.hi) for h in hs) == [
        (50.25, 10, 200), (60, 10, 60), (80, 10, 60), (90, 10, 100), (90, 100, 200)]
    assert sorted((v.pos, v.lo, v.hi) for v in vs) == [(10, 60, 80), (60, 60, 80), (200, 90, 120)]


def test_a_box_thin_both_ways_is_a_rule_the_way_it_is_longer() -> None:
    """Word's tables fill a 0.5 x 2 pt box where a column rule crosses a row rule (ICDAR 2013's us-013):
    it is a piece of the column rule, which then runs unbroken from one row rule to the next."""
    from types import SimpleNamespace

    from pipeline.extract.ruling import segments_to_grids
    from pipeline.extract.textlayer import page_to_segments

    def box(x0: float, top: float, x1: float, bottom: float) -> dict:
        return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "stroke": False, "fill": True}

    rects = [box(10, 10, 200, 10.5), box(10, 40, 200, 40.5), box(10, 70, 200, 70.5)]  # row rules, 0.5 pt
    for x in (10, 100, 200):
        rects += [box(x, 10, x + 0.5, 12), box(x, 12, x + 0.5, 40),  # the crossing, then the rule down
                  box(x, 40, x + 0.5, 42), box(x, 42, x + 0.5, 70)]
    hs, vs = page_to_segments(SimpleNamespace(lines=[], rects=rects, curves=[]))
    assert sorted((v.pos, v.lo, v.hi) for v in vs if v.pos == 100.25) == [(100.25, 10, 12), (100.25, 12, 40),
                                                                          (100.25, 40, 42), (100.25, 42, 70)]
    [grid] = segments_to_grids(hs, vs)
    assert len(grid.xs) == 3 and len(grid.ys) == 3 and len(grid.cells) == 4


def test_merged_cells_drawn_as_paths() -> None:
    rows = [["Agency", "Counts", "", "Note"], ["", "all", "special", ""], ["Mayor", "305", "115", "up"]]
    merges = ((0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1))
    data = table_pdf(rows, Layout(style="paths", widths=(90, 60, 60, 90), merges=merges))
    assert only_table(data) == rows


@pytest.mark.parametrize("style", ["grid", "none"])
def test_page_stored_turned_with_a_rotate_entry(style: str) -> None:
    import io

    import pikepdf

    data = table_pdf(COMPANIES, Layout(style=style, widths=(190, 90, 80), rotate=90))
    pdf = pikepdf.open(io.BytesIO(data))
    pdf.pages[0].Rotate = 90  # a viewer shows the table upright on a landscape page
    out = io.BytesIO()
    pdf.save(out)
    assert only_table(out.getvalue()) == COMPANIES
