"""The booktabs table style (dev/producers, issue 11): three horizontal rules and nothing else (三線表).

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's document is drawn by the producers that need no
office suite or browser and read back with pdfplumber's own lists of lines,
rectangles and curves (what was written, not what a table finder makes of it).
What is expected is the style's definition, written here by hand, as official
statistics, 白書 and academic tables print it: a heavy rule (1-1.6 pt) above the
header, a light one (0.4-0.6 pt) under it, a heavy one under the last row; no
rule between body rows, no rule down the columns, no fill. Where a list runs
over pages, what each producer natively does with its repeated header and its
page's last row is written down per producer (below), not made up here. The
office producers are checked on the files they print from: the .xlsx (Calc,
Gnumeric) read back with openpyxl, the .odt (Writer, AbiWord) as ODF XML.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.model import (
    BOOK_HEAVY,
    BOOK_LIGHT,
    Style,
    Variant,
    booktabs_widths,
    cell_rules,
    load_matrix,
)
from tests import made_up
from tests.test_heavy_style import word
from tests.test_whiterules_style import drawn_rules

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex")  # the order random.Random(2038) drew the orientations in
DRAWN_HERE = ("reportlab", "fpdf2", "weasyprint", "typst", "matplotlib", "pymupdf")  # pure Python, a second each
HEAVY, LIGHT = (1.0, 1.6), (0.4, 0.6)  # the style's widths in points, by its definition
SHORT, LONG = 8, 100  # a list on one page; a list that runs over two pages or more
# What each producer natively does with a list that runs over pages (seen on these renders, as the drawing tools
# document it): the header row repeated with its two rules (all but MuPDF's Story, which repeats no <thead>), and
# the heavy bottom rule at the foot of every page's part too (Typst draws a table's last hline there).
REPEATS_HEADER = {"reportlab", "fpdf2", "weasyprint", "typst", "matplotlib"}
CLOSES_EVERY_PAGE = {"typst"}
SAME_LINE = 0.6  # segments this close across are parts of one rule (one per cell in several producers)


def booktabs_variant(producer: str) -> Variant:
    return next(v for v in load_matrix() if v.producer == producer and v.style.name == "booktabs")


def test_every_producer_draws_booktabs_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2038).choice for the twelve producers in ORDER; held out; three rules, nothing
    else of any other style."""
    rng = random.Random(2038)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix() if v.style.name == "booktabs"
             and v.producer in ORDER]  # a producer added later drew apart (calligra: tests/test_calligra_writer.py)
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = booktabs_variant("reportlab").style
    assert (style.rules, style.shading, style.rule_colour, style.dash, style.double, style.weight, style.spacing,
            style.merge, style.narrow) == ("booktabs", "none", "black", "solid", False, "normal", False, False, False)


def test_the_model_rules_the_header_top_and_bottom_and_the_last_row_bottom() -> None:
    """Of a 5-row table (header and four body rows): the header's top heavy and bottom light, the last row's bottom
    heavy, every other side of every cell unruled."""
    assert HEAVY[0] <= BOOK_HEAVY <= HEAVY[1] and LIGHT[0] <= BOOK_LIGHT <= LIGHT[1]
    rows, cols = 5, 3
    for row in range(rows):
        for col in range(cols):
            top, bottom, left, right = cell_rules("booktabs", row, col, rows, cols)
            assert (top, bottom, left, right) == (row == 0, row in (0, rows - 1), False, False)
    assert [booktabs_widths(row, rows) for row in range(rows)] == [
        (BOOK_HEAVY, BOOK_LIGHT), (0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, BOOK_HEAVY)]


def test_booktabs_is_three_black_rules_only() -> None:
    for spec in ({"shading": "banded"}, {"merge": True}, {"dash": "dotted"}, {"double": True}, {"weight": "heavy"},
                 {"spacing": True}, {"shading": "tinted", "rule_colour": "white"}):
        with pytest.raises(ValueError):
            Style(name="x", **{"rules": "booktabs", **spec})  # type: ignore[arg-type]
    Style(name="x", rules="booktabs", narrow=True, body_font="mincho")


def horizontal_rules(page, producer: str) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """The page's horizontal rules, top to bottom, as (position, width, from, to): segments on one line and of one
    width joined (reportlab strokes one line per rule, fpdf2 and the HTML engines one per cell)."""
    joined: list[list[float]] = []
    for kind, y, x0, x1, width, _ in sorted(drawn_rules(page, producer), key=lambda r: (r[1], r[2])):
        if kind != "h":
            continue
        if joined and abs(joined[-1][0] - y) < SAME_LINE and abs(joined[-1][1] - width) < 0.05:
            joined[-1][2], joined[-1][3] = min(joined[-1][2], x0), max(joined[-1][3], x1)
        else:
            joined.append([y, width, x0, x1])
    return [(y, w, a, b) for y, w, a, b in joined]


def vertical_rules(page, producer: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    return [r for r in drawn_rules(page, producer) if r[0] == "v"]


def is_heavy(width: float) -> bool:
    return HEAVY[0] <= width <= HEAVY[1]


def is_light(width: float) -> bool:
    return LIGHT[0] <= width <= LIGHT[1]


def render(producer: str, rows: int, tmp_path: Path) -> Path:
    out = tmp_path / f"{producer}-{rows}.pdf"
    variant = made_up.variant(producer, "booktabs", "portrait")
    renderer(producer)(made_up.made_up_document(rows), variant, out)
    return out


@pytest.mark.parametrize("producer", DRAWN_HERE)
def test_a_list_on_one_page_has_the_three_rules_and_no_other(producer: str, tmp_path: Path) -> None:
    """The list's page: a heavy rule above the header 「番号」, a light one between it and row 1, a heavy one under
    the last row; every horizontal rule on the page one of those three (none between body rows), no vertical rule;
    the three run across the whole table, from the number column to the flag column."""
    pytest.importorskip({"fpdf2": "fpdf"}.get(producer, producer))
    import pdfplumber

    with pdfplumber.open(render(producer, SHORT, tmp_path)) as pdf:
        page = next(p for p in pdf.pages if "番号" in (p.extract_text() or ""))
        head, first, flag = word(page, "番号"), word(page, "1"), word(page, "有無")
        last = max((w for w in page.extract_words() if w["text"] == str(SHORT)), key=lambda w: w["top"])
        found = horizontal_rules(page, producer)
        upright = vertical_rules(page, producer)
    table = [r for r in found if r[0] > head["top"] - 10]  # the summary table's rules are above, on another page
    assert upright == [], upright[:5]
    assert len(table) == 3, table
    (top, top_w, *top_x), (mid, mid_w, *mid_x), (bottom, bottom_w, *bottom_x) = table
    assert top < head["top"] and head["bottom"] < mid < first["top"] and bottom > last["bottom"], table
    assert is_heavy(top_w) and is_light(mid_w) and is_heavy(bottom_w), table
    for x0, x1 in (top_x, mid_x, bottom_x):
        assert x0 <= head["x0"] and x1 >= flag["x1"], table


@pytest.mark.parametrize("producer", DRAWN_HERE)
def test_a_list_over_pages_keeps_to_what_its_producer_does_with_the_header(producer: str, tmp_path: Path) -> None:
    """On every page of a long list: the header's heavy and light rules where the producer repeats the header, no
    rule at all above the rows where it does not; the heavy bottom rule on the list's last page, and on the others
    only where the producer closes each page's part; never a rule between two body rows, never a vertical one."""
    pytest.importorskip({"fpdf2": "fpdf"}.get(producer, producer))
    import pdfplumber

    with pdfplumber.open(render(producer, LONG, tmp_path)) as pdf:
        pages = [p for p in pdf.pages if "架空" in (p.extract_text() or "")]  # the list's pages
        assert len(pages) >= 2, len(pages)
        for number, page in enumerate(pages):
            found = horizontal_rules(page, producer)
            assert vertical_rules(page, producer) == []
            widths = [("heavy" if is_heavy(w) else "light" if is_light(w) else f"{w:.2f}") for _, w, _, _ in found]
            header = number == 0 or producer in REPEATS_HEADER
            closed = number == len(pages) - 1 or producer in CLOSES_EVERY_PAGE
            assert widths == ["heavy", "light"] * header + ["heavy"] * closed, (number, found)


def test_the_spreadsheet_borders_are_medium_over_thin_and_medium_under_the_last_row(tmp_path: Path) -> None:
    """What Calc and Gnumeric print from: on the list sheet, the header cells' top border medium (Excel's 中線) and
    bottom thin, the last row's bottom medium, no other border on any cell of the table (read back with openpyxl,
    no office suite needed)."""
    openpyxl = pytest.importorskip("openpyxl")
    from dev.producers.office import xlsx_document

    path = tmp_path / "book.xlsx"
    xlsx_document(made_up.made_up_document(SHORT), made_up.variant("calc", "booktabs", "portrait"), path)
    sheet = openpyxl.load_workbook(path)["outsourcing"]
    header = 2  # under the list's title row
    for row in range(header, header + SHORT + 1):
        for col in range(1, len(made_up.HEADER) + 1):
            border = sheet.cell(row=row, column=col).border
            sides = tuple(getattr(side, "style", None) for side in (border.top, border.bottom, border.left,
                                                                     border.right))
            want = (("medium", "thin") if row == header else (None, "medium") if row == header + SHORT
                    else (None, None)) + (None, None)
            assert sides == want, (row, col, sides)


def test_the_odt_borders_are_the_three_rules_in_their_widths(tmp_path: Path) -> None:
    """What Writer and AbiWord print from: in the list's table, the header cells' fo:border-top 1.5pt and
    fo:border-bottom 0.5pt, the last row's fo:border-bottom 1.5pt, every other side of every cell none."""
    pytest.importorskip("odf")
    tables = made_up.odt_cell_sides(made_up.variant("writer", "booktabs", "portrait"),
                                    made_up.made_up_document(SHORT), tmp_path / "book.odt")
    rows = tables[-1]  # the list is the document's last table
    assert len(rows) == SHORT + 1
    for r, row in enumerate(rows):
        for sides in row:
            top = "1.5pt solid #000000" if r == 0 else "none"
            bottom = "0.5pt solid #000000" if r == 0 else "1.5pt solid #000000" if r == SHORT else "none"
            assert sides == (top, bottom, "none", "none"), (r, sides)
