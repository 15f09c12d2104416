"""The titled table style (dev/producers, issue 11, stop 36 for the next stop): a title row over every table.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report (a summary, a list that runs over pages) is
drawn by a few producers whose tool is installed (the Python ones and Typst always
are) and read back with pdfplumber's own characters and rules. What is expected is
the style's definition, written here by hand: the table's title on a line of its own
above the column headings, inside the table's frame (a rule over it and one under it,
both across the table, and no column rule crossing it: one cell across every column),
again at the top of the page the list continues to; each producer's own means is in
what it is given. The same check fails on the grid render, which has no title row.
"""

from __future__ import annotations

import json
import random
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.fop_writer import document_fo
from dev.producers.html import document_html
from dev.producers.itext_writer import description as itext_description
from dev.producers.latex_writer import document_latex
from dev.producers.model import HeadCell, Style, header_cells, load_matrix
from dev.producers.pdfkit_writer import description as pdfkit_description
from dev.producers.scribus_writer import description as scribus_description
from dev.producers.titled import table_title
from dev.producers.typst_writer import document_typst
from tests import made_up
from tests.test_grouped_style import find
from tests.test_whiterules_style import drawn_rules

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext", "scribus",
         "pdfkit")  # random.Random(2054)'s order
CHEAP = ("reportlab", "fpdf2", "typst", "matplotlib")  # Python and Typst: a second or two each
ROWS = 100  # a list that runs over two pages or more in CHEAP's producers, portrait
LIST_TITLE = "外部委託の審査基準による審査案件一覧"  # made_up's list and summary are of criterion outsourcing
SUMMARY_TITLE = "外部委託の審査基準による審査件数"
COLS = len(made_up.HEADER)


def test_every_producer_draws_titled_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2054).choice for the eighteen producers in ORDER, held out; a plain grid."""
    rng = random.Random(2054)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix() if v.style.name == "titled"]
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "titled")
    assert replace(style, heading="single", note="") == Style("titled", rules="grid")
    assert all(v.style.heading != "titled" for v in load_matrix() if v.style.name != "titled")


def test_the_model_titles_a_plain_grid_only() -> None:
    Style("x", rules="grid", heading="titled")
    for bad in ({"rules": "none"}, {"rules": "hrules"}, {"shading": "banded"}, {"merge": True}, {"narrow": True},
                {"dash": "dotted"}, {"double": True}, {"padding": "none"}, {"header_repeat": "first"},
                {"align": "centre"}, {"summaries": "sidebyside"}, {"body_font": "mincho"}, {"heading": "titles"}):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "grid", "heading": "titled", **bad})  # type: ignore[arg-type]


def test_the_title_row_spans_the_table_over_its_headings() -> None:
    """Two header rows: the title one cell across every column, the column headings as they are under it; each
    criterion's summary and list titled in the report's own words; no title for a criterion the report has not."""
    assert header_cells(made_up.HEADER, "list", "titled", "outsourcing") == (
        (HeadCell(0, 0, 1, COLS, LIST_TITLE),) + tuple(HeadCell(1, c, 1, 1, t) for c, t in enumerate(made_up.HEADER)))
    assert header_cells(made_up.HEADER, "list", "single", "outsourcing") == tuple(
        HeadCell(0, c, 1, 1, t) for c, t in enumerate(made_up.HEADER))
    assert table_title("outsourcing", "summary") == SUMMARY_TITLE
    assert table_title("purpose_external_use", "summary") == "目的外利用の審査基準による審査件数"
    assert table_title("external_provision", "list") == "外部提供の審査基準による審査案件一覧"
    assert table_title("online_link", "list") == "オンライン結合・システム導入の審査基準による審査案件一覧"
    with pytest.raises(ValueError):
        table_title("elsewhere", "list")


def test_each_producer_is_given_its_own_means(tmp_path: Path) -> None:
    """What each writer gives its engine: HTML's thead of two rows, its first th colspan; Typst's table.header with a
    table.cell(colspan:); LaTeX's \\multicolumn row before \\endhead; FOP's fo:table-header of two rows with
    number-columns-spanned; iText's cell records spanning every column under setHeaderRows(2); Scribus's and
    PDFKit's head_rows 2 with a colspan cell; the .odt's table-header-rows of two rows; the .xlsx's merged title cell
    in the print titles; none of it under grid."""
    import openpyxl

    from dev.producers.office import odt_document, xlsx_document

    doc = made_up.made_up_document(8)

    def given(producer: str, style: str) -> str:
        v = made_up.variant(producer, style, "portrait")
        return {"chromium": document_html, "typst": document_typst, "latex": document_latex, "fop": document_fo,
                "itext": itext_description}[producer](doc, v)  # type: ignore[operator]

    for producer, mark in (("chromium", f'<thead><tr><th colspan="{COLS}">{LIST_TITLE}</th></tr><tr>'),
                           ("typst", f'table.header(table.cell(rowspan: 1, colspan: {COLS}, "{LIST_TITLE}")'),
                           ("latex", f"\\multicolumn{{{COLS}}}"),
                           ("fop", f'<fo:table-header><fo:table-row><fo:table-cell number-columns-spanned="{COLS}"'),
                           ("itext", f"cell\t1/{COLS}\t")):  # the list's title row (the summary's spans four)
        assert given(producer, "titled").count(mark) == 1, producer
        assert mark not in given(producer, "grid"), producer
    assert given("latex", "titled").index(LIST_TITLE) < given("latex", "titled").index("\\endhead")
    assert given("chromium", "titled").count(SUMMARY_TITLE) == 1
    for describe in (scribus_description, pdfkit_description):
        for style, rows in (("titled", 2), ("grid", 1)):
            blocks = json.loads(json.dumps(describe(doc, made_up.variant("scribus", style, "portrait"))))["blocks"]
            tables = [b for b in blocks if b["type"] == "table"]
            assert [b.get("head_rows", 1) for b in tables] == [rows, rows], (describe, style)
            first = tables[-1]["rows"][0][0]  # the list's first header cell: its title across, or its first heading
            assert (first["text"], first.get("colspan", 1)) == ((LIST_TITLE, COLS) if rows == 2 else (made_up.HEADER[0], 1))
    odt_document(doc, made_up.variant("writer", "titled", "portrait"), tmp_path / "t.odt")
    content = zipfile.ZipFile(tmp_path / "t.odt").read("content.xml").decode()
    heads = re.findall(r"<table:table-header-rows>(.*?)</table:table-header-rows>", content)
    assert len(heads) == 2 and all(h.count("<table:table-row") == 2 for h in heads)
    assert f'table:number-columns-spanned="{COLS}"' in heads[1] and LIST_TITLE in heads[1]
    xlsx_document(doc, made_up.variant("calc", "titled", "portrait"), tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = next(ws for ws in book.worksheets if any(c.value == LIST_TITLE for row in ws.iter_rows() for c in row))
    title = next(c for row in sheet.iter_rows() for c in row if c.value == LIST_TITLE)
    assert f"A{title.row}:{chr(ord('A') + COLS - 1)}{title.row}" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.print_title_rows == "$1:$3" and title.row == 2  # the sheet's title line, the title row, the headings


def check_title(page, producer: str, title: str, heading: str) -> None:  # type: ignore[no-untyped-def]
    """On one page: ``title`` on a line of its own over the column heading ``heading``, inside the table's frame:
    a rule over the title and one between it and the heading, both across the title, and no column rule crossing
    the title's line between the frame's sides (one cell across the table)."""
    t, h = find(page, title), find(page, heading)
    assert t, (producer, page.page_number, "no title")
    assert h and t[3] <= h[1] + 0.5, (producer, page.page_number, "the title is not over the headings", t, h)
    alone = [c for c in page.chars if c["text"].strip() and abs(c["bottom"] - t[3]) < 2
             and not (t[0] - 1 <= c["x0"] and c["x1"] <= t[2] + 1)]
    assert not alone, (producer, "the title's line holds other text", "".join(c["text"] for c in alone))
    rules = drawn_rules(page, producer)
    across = joined([r for r in rules if r[0] == "h"])
    over = [r for r in across if t[1] - 12 <= r[0] <= t[1] and r[1] <= t[0] and r[2] >= t[2]]
    under = [r for r in across if t[3] <= r[0] <= h[1] and r[1] <= t[0] and r[2] >= t[2]]
    assert over and under, (producer, page.page_number, "the title is not ruled above and below", over, under)
    sides = [r for r in rules if r[0] == "v" and r[2] <= t[1] and r[3] >= t[3]]
    left, right = min(s[1] for s in sides), max(s[1] for s in sides)
    assert left < t[0] and t[2] < right, (producer, "the title is not inside the frame", left, right, t)
    assert not [s for s in sides if left + 1 < s[1] < right - 1], (producer, "a column rule crosses the title", sides)


def joined(rules: list) -> list[tuple[float, float, float]]:  # type: ignore[type-arg]
    """Horizontal rules as (y, x0, x1), collinear pieces that meet joined: a browser or FOP strokes a row's top
    border one column's piece at a time, a spanning cell's too."""
    out: list[list[float]] = []
    for _, y, x0, x1, *_ in sorted(rules, key=lambda r: (round(r[1], 1), r[2])):
        if out and abs(out[-1][0] - y) < 0.5 and x0 <= out[-1][2] + 1:
            out[-1][2] = max(out[-1][2], x1)
        else:
            out.append([y, x0, x1])
    return [(y, x0, x1) for y, x0, x1 in out]


def draw(producer: str, style: str, path: Path) -> Path:
    renderer(producer)(made_up.made_up_document(ROWS), made_up.variant(producer, style, "portrait"), path)
    return path


@pytest.mark.parametrize("producer", CHEAP)
def test_the_title_heads_every_table_and_every_page(producer: str, tmp_path: Path) -> None:
    if not made_up.installed(producer):
        pytest.skip(f"{producer}'s tool is not installed")
    import pdfplumber

    with pdfplumber.open(draw(producer, "titled", tmp_path / f"{producer}.pdf")) as pdf:
        check_title(pdf.pages[0], producer, SUMMARY_TITLE, "実施機関")
        pages = [p for p in pdf.pages if find(p, "架空の業務")]
        assert len(pages) >= 2, (producer, "the list runs over pages", len(pages))
        for page in pages:
            check_title(page, producer, LIST_TITLE, made_up.HEADER[0])


def test_the_grid_render_has_no_title_row(tmp_path: Path) -> None:
    """The same check fails on the grid style: the column headings are the table's first row."""
    import pdfplumber

    with pdfplumber.open(draw("reportlab", "grid", tmp_path / "grid.pdf")) as pdf:
        with pytest.raises(AssertionError, match="no title"):
            check_title(pdf.pages[0], "reportlab", SUMMARY_TITLE, "実施機関")
        with pytest.raises(AssertionError, match="no title"):
            check_title(pdf.pages[-2], "reportlab", LIST_TITLE, made_up.HEADER[0])
