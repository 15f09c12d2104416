"""The continued table style (dev/producers, issue 11, stop 37 for the next stop): a list marked where pages part it.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report (a summary, a list that runs over pages) is
drawn by a few producers whose tool is installed (the Python ones and Typst always
are) and read back with pdfplumber's own characters and rules. What is expected is
the style's definition, written here by hand: on every page the list continues to,
its caption again followed by 「（続き）」 above the repeated header row (and not on
its first page); on every page where it breaks, 「次頁へ続く」 right-aligned at the
table's right edge just under its last row, smaller than the caption (and not under
its last page's rows). All four mark the breaks they make themselves; the
producers that cannot are given the list in runs of rows a page (continued.paged).
Each producer's own means is in what it is given. The same check fails on the grid
render, which has neither.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.continued import MARK, NATIVE, SUFFIX, mark, paged, rows_per_page
from dev.producers.fop_writer import document_fo
from dev.producers.html import document_html
from dev.producers.itext_writer import description as itext_description
from dev.producers.latex_writer import document_latex
from dev.producers.model import column_weights
from dev.producers.pdfkit_writer import description as pdfkit_description
from dev.producers.scribus_writer import description as scribus_description
from dev.producers.typst_writer import document_typst
from tests import made_up
from tests.flag_styles import assert_drawn_as_seeded, assert_plain_grid_only
from tests.test_grouped_style import find
from tests.test_whiterules_style import drawn_rules

CHEAP = ("reportlab", "fpdf2", "typst", "matplotlib")  # Python and Typst: a second or two each
ROWS = 100  # a list that runs over two pages or more in CHEAP's producers, portrait
CAPTION = "一覧"  # made_up's list's caption
AGAIN = CAPTION + SUFFIX
FOLDED = unicodedata.normalize("NFKC", AGAIN)  # as tests.test_grouped_style.find reads a page: （ read as (


def test_every_producer_draws_continued_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2056).choice for the eighteen producers in their order, held out; a plain grid."""
    assert_drawn_as_seeded("continued", 2056)


def test_the_model_continues_a_plain_grid_only() -> None:
    assert_plain_grid_only("continued")


def test_a_producer_paged_in_python_gets_each_list_in_runs_of_a_page() -> None:
    """continued.paged: every row once, in order, under the header, in runs that fit the room; the first run under
    the caption, the others under it with SUFFIX; the mark under every run but the list's last. A producer that marks
    its own breaks, and every other style, get the document as it is."""
    doc = made_up.made_up_document(ROWS)
    for producer in ("weasyprint", "chromium", "writer", "scribus"):
        runs = paged(doc, made_up.variant(producer, "continued", "portrait")).lists
        assert len(runs) >= 2, producer
        assert [r for run in runs for r in run.table.rows[1:]] == list(doc.lists[0].table.rows[1:])
        assert all(run.table.rows[0] == made_up.HEADER for run in runs)
        assert [run.title for run in runs] == [CAPTION] + [AGAIN] * (len(runs) - 1)
        assert [mark(runs, i) for i in range(len(runs))] == [MARK] * (len(runs) - 1) + [""]
    for producer in NATIVE:
        assert paged(doc, made_up.variant(producer, "continued", "portrait")) is doc
    assert paged(doc, made_up.variant("chromium", "grid", "portrait")) is doc
    rows = doc.lists[0].table.rows
    weights = column_weights(rows, False)
    assert sum(rows_per_page(rows, weights, "landscape", "chromium")) == ROWS
    assert len(rows_per_page(rows, weights, "landscape", "chromium")) > len(rows_per_page(rows, weights, "portrait", "chromium"))


def test_each_producer_is_given_its_own_means(tmp_path: Path) -> None:
    """What each writer gives its engine: HTML's (Chromium, WeasyPrint, wkhtmltopdf; PyMuPDF's the same paragraph)
    p.goes-on after every run's table but the last, Scribus's and PDFKit's right-aligned paragraph; Typst's
    context content in a row over the headings in table.header and in table.footer (both repeated); iText's header rows (the caption with SUFFIX across, the headings) and footer row (the mark), the first
    header and last footer skipped; FOP's table markers in every body row, retrieved by a header row and a footer; the .odt's paragraph and the .xlsx's right-aligned cell
    under the run; LaTeX's longtable heads (\\endfirsthead the header alone, \\endhead the caption with SUFFIX over
    it) and \\endfoot with the mark; none of it under grid."""
    import openpyxl

    from dev.producers.office import odt_document, xlsx_document

    doc = made_up.made_up_document(ROWS)

    def given(producer: str, style: str) -> str:
        v = made_up.variant(producer, style, "portrait")
        return {"chromium": document_html, "typst": document_typst, "latex": document_latex, "fop": document_fo,
                "itext": itext_description}[producer](paged(doc, v), v)  # type: ignore[operator]

    def runs_of(producer: str) -> int:
        return len(paged(doc, made_up.variant(producer, "continued", "portrait")).lists)

    runs = runs_of("chromium")
    assert given("chromium", "continued").count(MARK) == runs - 1
    assert given("chromium", "continued").count(AGAIN) == runs - 1
    assert MARK not in given("chromium", "grid") and SUFFIX not in given("chromium", "grid")
    typst = given("typst", "continued")  # context in the repeated header's first row and in the repeated footer
    assert typst.count("table.footer(") == 2 and typst.count(MARK) == 2  # the summary's and the list's
    head = typst[typst.rindex("table.header("):]
    assert head.index("here().page() > locate(<l0-s>).page()") < head.index(f'"{made_up.HEADER[0]}"')
    assert f'{{ "{CAPTION}" + "{SUFFIX}" }} else {{ "{CAPTION}" }}' in head
    assert "here().page() < locate(<l0-e>).page()" in typst[typst.rindex("table.footer("):]
    body = typst[typst.rindex("table.header("):typst.rindex("table.footer(")]  # the labels in the first and last cells
    assert '[#metadata(none) <l0-s>#"1"]' in body and '#metadata(none) <l0-e>]' in body.splitlines()[-2]
    assert "table.footer" not in given("typst", "grid") and "<l0-s>" not in given("typst", "grid")
    assert given("chromium", "continued").count(f'<p class="goes-on">{MARK}</p></section>') == runs - 1
    records = given("itext", "continued").splitlines()  # iText's header rows (caption, headings), footer row (mark)
    tables = [i for i, r in enumerate(records) if r.startswith("table\t")]
    assert all(records[i].endswith("\t3\t1\tskip") for i in tables) and len(tables) == 2
    listed = records[tables[1]:]
    cols = len(made_up.HEADER)
    assert listed[1].startswith(f"cell\t1/{cols}\t") and listed[1].endswith(f"\t{AGAIN}")
    assert [r.rsplit("\t", 1)[1] for r in listed[2:2 + cols]] == list(made_up.HEADER)
    assert listed[2 + cols].startswith(f"cell\t1/{cols}\t") and listed[2 + cols].endswith(f"\t{MARK}")
    assert listed[3 + cols:3 + 2 * cols] == listed[2:2 + cols]  # the headings again: the first page's, a body row
    assert "skip" not in given("itext", "grid") and MARK not in given("itext", "grid")
    fo = given("fop", "continued")  # FOP's table markers: every body row carries both, its header and footer retrieve
    header = fo[fo.rindex("<fo:table-header>"):fo.rindex("</fo:table-header>")]
    footer = fo[fo.rindex("<fo:table-footer>"):fo.rindex("</fo:table-footer>")]
    assert 'retrieve-class-name="again" retrieve-position-within-table="first-starting"' in header
    assert 'retrieve-class-name="goes-on" retrieve-position-within-table="last-ending"' in footer
    assert fo.count(f'<fo:marker marker-class-name="again">{AGAIN}</fo:marker>') == ROWS - 1
    assert fo.count(f'<fo:marker marker-class-name="goes-on">{MARK}</fo:marker>') == ROWS - 1 + 1  # and the summary's
    assert f'<fo:marker marker-class-name="again">{CAPTION}</fo:marker>' in fo
    assert "fo:marker" not in given("fop", "grid") and "fo:table-footer" not in given("fop", "grid")
    latex = given("latex", "continued")
    assert latex.count("\\endfirsthead") == 1 and latex.count(AGAIN) == 1 and latex.count(MARK) == 1
    assert latex.index("\\endfirsthead") < latex.index(AGAIN) < latex.index("\\endhead") < latex.index(MARK) \
        < latex.index("\\endfoot")
    assert "\\endfirsthead" not in given("latex", "grid") and MARK not in given("latex", "grid")
    runs = runs_of("scribus")
    for describe in (scribus_description, pdfkit_description):
        v = made_up.variant("scribus", "continued", "portrait")
        blocks = json.loads(json.dumps(describe(paged(doc, v), v)))["blocks"]
        marks = [b for b in blocks if b["type"] == "para" and b["text"] == MARK]
        assert len(marks) == runs - 1 and all(b["align"] == "right" and b["size"] < 9 for b in marks)
        after = [blocks[blocks.index(b) - 1]["type"] for b in marks]
        assert after == ["table"] * (runs - 1), describe
    v, runs = made_up.variant("writer", "continued", "portrait"), runs_of("writer")
    odt_document(paged(doc, v), v, tmp_path / "c.odt")
    content = zipfile.ZipFile(tmp_path / "c.odt").read("content.xml").decode()
    assert len(re.findall(f"</table:table><text:p [^>]*>{MARK}</text:p>", content)) == runs - 1
    assert content.count(AGAIN) == runs - 1
    v, runs = made_up.variant("calc", "continued", "portrait"), runs_of("calc")
    xlsx_document(paged(doc, v), v, tmp_path / "c.xlsx")
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    marks = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value == MARK]
    assert len(marks) == runs - 1 and all(c.alignment.horizontal == "right" and c.font.sz < 9 for c in marks)
    assert sum(ws["A1"].value == AGAIN for ws in book.worksheets) == runs - 1


def check_marks(page, producer: str, first: bool, last: bool) -> None:  # type: ignore[no-untyped-def]
    """On one page of the list: the caption with SUFFIX over the header row unless ``first`` (then the caption
    alone, and no SUFFIX); MARK unless ``last``: right-aligned at the table's right edge, just under its lowest rule
    (the last row's bottom), smaller than the caption."""
    head = find(page, made_up.HEADER[0])
    assert head, (producer, page.page_number, "no header row")
    again = find(page, FOLDED)
    if first:
        assert not again, (producer, page.page_number, "（続き） on the list's first page")
        caption = find(page, CAPTION)
        assert caption and caption[3] <= head[1], (producer, page.page_number, "no caption over the list")
    else:
        assert again, (producer, page.page_number, "no continuation caption")
        assert again[3] <= head[1] + 0.5, (producer, page.page_number, "the caption is not over the header", again)
    goes_on = find(page, MARK)
    if last:
        assert not goes_on, (producer, page.page_number, "次頁へ続く under the list's last rows")
        return
    assert goes_on, (producer, page.page_number, "no 次頁へ続く")
    rules = [r for r in drawn_rules(page, producer) if r[0] == "h"]
    lowest = max(r[1] for r in rules if r[1] <= goes_on[1] + 1)
    right = max(r[3] for r in rules)
    assert [r for r in rules if r[1] > goes_on[1] + 1] == [], (producer, page.page_number, "rows under the mark")
    assert 0 <= goes_on[1] - lowest < 12, (producer, page.page_number, "the mark is not just under the table")
    assert abs(goes_on[2] - right) < 8, (producer, page.page_number, "the mark is not at the table's right edge")
    size = max(c["size"] for c in page.chars if goes_on[0] - 1 <= c["x0"] and c["x1"] <= goes_on[2] + 1
               and abs(c["bottom"] - goes_on[3]) < 2)
    assert size < 9.5, (producer, page.page_number, "the mark is not smaller than the caption", size)


def draw(producer: str, style: str, path: Path, orientation: str = "portrait") -> Path:
    renderer(producer)(made_up.made_up_document(ROWS), made_up.variant(producer, style, orientation), path)
    return path


def check_list(pdf, producer: str) -> None:  # type: ignore[no-untyped-def]
    pages = [p for p in pdf.pages if find(p, "架空の業務")]
    assert len(pages) >= 2, (producer, "the list runs over pages", len(pages))
    for i, page in enumerate(pages):
        check_marks(page, producer, i == 0, i == len(pages) - 1)


@pytest.mark.parametrize("producer", CHEAP)
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_every_page_the_list_runs_over_is_marked(producer: str, orientation: str, tmp_path: Path) -> None:
    if not made_up.installed(producer):
        pytest.skip(f"{producer}'s tool is not installed")
    import pdfplumber

    with pdfplumber.open(draw(producer, "continued", tmp_path / f"{producer}.pdf", orientation)) as pdf:
        check_list(pdf, producer)


def test_the_grid_render_has_no_marks(tmp_path: Path) -> None:
    """The same check fails on the grid style: the header row alone over the continuation, no mark under a break."""
    import pdfplumber

    with pdfplumber.open(draw("reportlab", "grid", tmp_path / "grid.pdf")) as pdf:
        pages = [p for p in pdf.pages if find(p, "架空の業務")]
        assert len(pages) >= 2
        with pytest.raises(AssertionError, match="no continuation caption"):
            check_marks(pages[1], "reportlab", False, True)
        with pytest.raises(AssertionError, match="no 次頁へ続く"):
            check_marks(pages[0], "reportlab", True, False)
