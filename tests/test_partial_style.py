"""The partial table style (dev/producers, issue 11, stop 31): column rules at every other column boundary only.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's document (a four-column summary, a five-column
list) is drawn and read back with pdfplumber's own lists of lines and
rectangles (what was written, not what a table finder makes of it). What is
expected is the style's definition, written here by hand: an outer frame, a
horizontal rule under every row, and between columns a rule only after the
2nd, 4th, … column (none after the 1st, 3rd, …). A vertical rule is placed
by the header cells' text: the number of header labels wholly left of it must
be 2 (and 4), never 1 or 3; the same check on the grid style must find a rule
after every column (so that it can fail). The office producers are checked on
the files they print from: the .odt (Writer, AbiWord, Calligra) as ODF XML,
the .xlsx (Calc, Gnumeric) with openpyxl; LaTeX and Typst on their source.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.html import style_css
from dev.producers.latex_tables import table_latex
from dev.producers.model import Style, cell_rules, column_rule_after, load_matrix
from dev.producers.pdflibs import table_commands
from dev.producers.typst_writer import stroke
from tests import made_up
from tests.test_whiterules_style import drawn_rules

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop")  # the order random.Random(2042) drew in
# (fop, merged the same stop, drew the fifteenth)
DRAWN_HERE = ("reportlab", "fpdf2", "weasyprint", "typst", "matplotlib", "pymupdf")  # pure Python, seconds each
LONG = 120  # a list that runs over two pages or more
SUMMARY = ("実施", "審査", "うち要", "うち条")  # the made-up summary's header labels (their first characters)
LISTED = ("番号", "業務", "担当", "実施", "有無")  # the made-up list's
SAME = 1.0  # vertical segments this close across are one rule (per-cell strokes, a filled rule's two edges)


def test_every_producer_draws_partial_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2042).choice for the fifteen producers in ORDER, held out."""
    rng = random.Random(2042)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix()
             if v.style.name == "partial" and v.producer in ORDER]  # itext (stop 32): its own seed
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "partial")
    assert (style.rules, style.shading, style.merge, style.dash, style.double) == ("partial", "none", False,
                                                                                    "solid", False)


def test_the_model_rules_every_row_and_every_other_column() -> None:
    """Six columns: left sides at columns 0, 2, 4 (the frame and the rules after the 2nd and 4th), right sides at
    1, 3, 5 (the last the frame); every row's top and bottom; no shading or merged cells with it."""
    assert [column_rule_after(c) for c in range(6)] == [False, True, False, True, False, True]
    for row in range(4):
        assert [cell_rules("partial", row, c, 4, 6)[2:] for c in range(6)] == [(True, False), (False, True)] * 3
        assert all(cell_rules("partial", row, c, 4, 6)[:2] == (True, True) for c in range(6))
    assert [cell_rules("partial", 1, c, 3, 5)[3] for c in range(5)] == [False, True, False, True, True]
    for bad in ({"shading": "banded"}, {"merge": True}, {"dash": "dotted"}, {"corners": "rounded"}):
        with pytest.raises(ValueError):
            Style("x", rules="partial", **bad)  # type: ignore[arg-type]


def test_the_html_producers_rule_the_right_of_even_cells() -> None:
    """Chromium, WeasyPrint, wkhtmltopdf, PyMuPDF: the table's frame, every cell's top and bottom, a right border on
    the 2nd, 4th, … cell of a row and no left border anywhere."""
    css = style_css(made_up.variant("chromium", "partial", "portrait"))
    assert "td:nth-child(2n), th:nth-child(2n) { border-right: 0.6pt solid #000; }" in css
    assert "table { border: 0.6pt solid #000; }" in css and "border-left" not in css
    assert "nth-child" not in style_css(made_up.variant("chromium", "grid", "portrait"))


def test_reportlab_draws_line_after_on_every_other_column() -> None:
    table = made_up.made_up_document(4).lists[0].table
    cmds = table_commands(table, made_up.variant("reportlab", "partial", "portrait"), "list")
    after = [c[1] for c in cmds if c[0] == "LINEAFTER"]
    assert after == [(1, 0), (3, 0)]
    assert {c[0] for c in cmds} >= {"BOX", "LINEBELOW"} and "GRID" not in {c[0] for c in cmds}


def test_latex_puts_a_bar_at_every_other_boundary() -> None:
    """The column specification's | after the 2nd and 4th of five columns and at both edges; \\hline under every
    row; the header's \\multicolumn cells keep the same bars."""
    source = table_latex(made_up.made_up_document(4).lists[0].table,
                         made_up.variant("latex", "partial", "portrait"), "list")
    spec = source.split("\\begin{longtable}{", 1)[1].split("\n", 1)[0]
    assert [part.count("p{") for part in spec.split("|")] == [0, 2, 2, 1, 0]
    header = source.split("\\\\", 1)[0]
    assert [cell.split("}{", 1)[0].endswith("|") for cell in header.split("m{")[1:]] == [False, True, False,
                                                                                       True, True]
    assert source.count("\\hline") == 1 + 5  # above the header, under it and under each of the four rows


def test_typst_strokes_the_right_of_odd_x() -> None:
    code = stroke(made_up.variant("typst", "partial", "portrait"), 5, 5)
    assert "calc.odd(x)" in code and "x == 4" in code and "y: 0.5pt + black" in code


def test_the_odt_cells_rule_every_other_boundary(tmp_path: Path) -> None:
    """What Writer, AbiWord and Calligra print from: every cell's top and bottom 0.5pt, its left only in columns 0,
    2, 4 and its right only in columns 1, 3 and the last."""
    pytest.importorskip("odf")
    tables = made_up.odt_cell_sides(made_up.variant("writer", "partial", "portrait"), made_up.made_up_document(4),
                                    tmp_path / "partial.odt")
    rule = "0.5pt solid #000000"
    for rows, cols in zip(tables, (4, 5), strict=True):
        for sides in rows:
            assert len(sides) == cols
            for c, (top, bottom, left, right) in enumerate(sides):
                assert (top, bottom) == (rule, rule)
                assert left == (rule if c % 2 == 0 else "none"), (c, left)
                assert right == (rule if c % 2 == 1 or c == cols - 1 else "none"), (c, right)


def test_the_sheet_cells_rule_every_other_boundary(tmp_path: Path) -> None:
    """What Calc and Gnumeric print from: thin borders on every cell's top and bottom, left in columns A, C, E,
    right in B, D and the last."""
    openpyxl = pytest.importorskip("openpyxl")
    from dev.producers.office import xlsx_document

    path = tmp_path / "partial.xlsx"
    xlsx_document(made_up.made_up_document(4), made_up.variant("calc", "partial", "portrait"), path)
    sheet = openpyxl.load_workbook(path)["outsourcing"]
    for row in range(2, 2 + 5):  # under the list's title row
        for c in range(5):
            border = sheet.cell(row=row, column=c + 1).border
            sides = tuple(getattr(s, "style", None) for s in (border.top, border.bottom, border.left, border.right))
            assert sides == ("thin", "thin", "thin" if c % 2 == 0 else None,
                             "thin" if c % 2 == 1 or c == 4 else None), (row, c, sides)


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The made-up report (a summary on page one, a list of LONG rows over pages) in partial and in grid."""
    folder = tmp_path_factory.mktemp("partial")
    doc = made_up.made_up_document(LONG)
    out = {}
    for producer in DRAWN_HERE:
        for style in ("partial", "grid"):
            path = folder / f"{producer}-{style}.pdf"
            renderer(producer)(doc, made_up.variant(producer, style, "portrait"), path)
            out[(producer, style)] = path
    return out


def verticals(page, producer: str) -> list[float]:  # type: ignore[no-untyped-def]
    """The x of every vertical rule on the page taller than a character, close segments merged into one."""
    xs = sorted(x for kind, x, top, bottom, *_ in drawn_rules(page, producer) if kind == "v" and bottom - top > 4)
    merged: list[float] = []
    for x in xs:
        if merged and x - merged[-1] <= SAME:
            continue
        merged.append(x)
    return merged


def header_boxes(page, labels: tuple[str, ...]) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """(x0, x1) of each header label: the topmost word starting with it (the header is the table's top row)."""
    words = page.extract_words()
    out = []
    for label in labels:
        found = sorted((w for w in words if w["text"].startswith(label)), key=lambda w: (w["top"], w["x0"]))
        assert found, f"{label!r} not printed on the page"
        out.append((found[0]["x0"], found[0]["x1"]))
    return out


def labels_left_of_rules(page, producer: str, labels: tuple[str, ...]) -> list[int]:  # type: ignore[no-untyped-def]
    """For each vertical rule inside the table's frame (the outermost two), how many header labels lie wholly left of
    it; a rule through a label counts as -1."""
    xs = verticals(page, producer)
    boxes = header_boxes(page, labels)
    assert len(xs) >= 2 and xs[0] < boxes[0][0] and boxes[-1][1] < xs[-1], (xs, boxes)  # the frame's two sides
    out = []
    for x in xs[1:-1]:
        if any(x0 < x < x1 for x0, x1 in boxes):
            out.append(-1)
        else:
            out.append(sum(1 for _, x1 in boxes if x1 <= x))
    return out


@pytest.mark.parametrize("producer", DRAWN_HERE)
def test_the_rules_stand_at_every_other_boundary(producer: str, renders: dict[tuple[str, str], Path]) -> None:
    """The summary (four columns): one rule inside the frame, after the 2nd column; the list (five columns): two,
    after the 2nd and the 4th, on every page its rows run over (the columns keep their places, so a page without
    a repeated header is measured by the first page's labels). The grid render finds a rule after every column."""
    import pdfplumber

    with pdfplumber.open(renders[(producer, "partial")]) as pdf:
        assert labels_left_of_rules(pdf.pages[0], producer, SUMMARY) == [2]
        first = verticals(pdf.pages[1], producer)
        assert labels_left_of_rules(pdf.pages[1], producer, LISTED) == [2, 4]
        pages = [p for p in pdf.pages[1:] if verticals(p, producer)]
        assert len(pages) >= 2
        for page in pages:
            found = verticals(page, producer)
            assert len(found) == 4 and all(abs(a - b) <= SAME for a, b in zip(found, first, strict=True)), found
    with pdfplumber.open(renders[(producer, "grid")]) as pdf:
        assert labels_left_of_rules(pdf.pages[0], producer, SUMMARY) == [1, 2, 3]
        assert labels_left_of_rules(pdf.pages[1], producer, LISTED) == [1, 2, 3, 4]


@pytest.mark.parametrize("producer", DRAWN_HERE)
def test_every_row_is_ruled(producer: str, renders: dict[tuple[str, str], Path]) -> None:
    """The summary's three rows: four horizontal rules across the table, in one piece or cell by cell (its top, under
    the header, between the two body rows, its foot), as the grid render has them."""
    import pdfplumber

    def across(path: Path) -> int:
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[0]
            xs = verticals(page, producer)
            rows: dict[float, list[tuple[float, float]]] = {}
            for kind, y, x0, x1, *_ in sorted(drawn_rules(page, producer)):
                if kind == "h":
                    key = next((k for k in rows if abs(k - y) <= SAME), y)
                    rows.setdefault(key, []).append((x0, x1))
        return sum(1 for spans in rows.values() if covered(spans) >= 0.95 * (xs[-1] - xs[0]))

    assert across(renders[(producer, "partial")]) == 4
    assert across(renders[(producer, "grid")]) == 4


def covered(spans: list[tuple[float, float]]) -> float:
    """The length the union of the spans covers."""
    total, reach = 0.0, float("-inf")
    for x0, x1 in sorted(spans):
        if x1 > reach:
            total += x1 - max(x0, reach)
            reach = x1
    return total
