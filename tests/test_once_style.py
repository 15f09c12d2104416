"""The once table style (dev/producers, issue 11, stop 34): a full grid whose header row is printed once.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report (a summary and a list long enough to run
over pages) is drawn by each producer whose tool is installed (CI installs none
of the external ones: those tests skip) and read back with pdfplumber's own
characters. What is expected is the style's definition, written here by hand:
the list's header on the first page it is printed on and on no page it
continues to, every body row printed once and in order, and each producer's own
switch for it in what the producer is given (no ``<thead>``, ``repeatRows`` 0,
``\\endfirsthead``, ``repeat: false``, no header rows in the .odt, no print
titles in the .xlsx, ``setHeaderRows(0)``, ``table-omit-header-at-break``).
The same checks fail on the grid render, whose header repeats.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.fop_writer import table_fo
from dev.producers.html import document_html
from dev.producers.itext_writer import description
from dev.producers.latex_tables import table_latex
from dev.producers.model import Style, load_matrix
from dev.producers.pdflibs import platypus_table, register_fonts
from dev.producers.scribus_writer import description as scribus_description
from dev.producers.typst_writer import table_typst
from tests import made_up
from tests.test_grouped_style import find

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext", "scribus")  # random.Random(2048)'s
ROWS = 80  # a list that runs over two pages or more in every producer


def test_every_producer_draws_once_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2048).choice for the seventeen producers in ORDER, held out; a plain full grid."""
    rng = random.Random(2048)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix() if v.style.name == "once"]
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "once")
    assert (style.rules, style.header_repeat, style.heading, style.shading, style.merge, style.padding) == (
        "grid", "first", "single", "none", False, "normal")
    assert all(v.style.header_repeat == "every" for v in load_matrix() if v.style.name != "once")


def test_the_model_prints_a_header_once_on_a_plain_grid_only() -> None:
    Style("x", rules="grid", header_repeat="first")
    for bad in ({"header_repeat": "never"}, {"header_repeat": "first", "rules": "hrules"},
                {"header_repeat": "first", "merge": True}, {"header_repeat": "first", "shading": "banded"},
                {"header_repeat": "first", "padding": "none"}, {"header_repeat": "first", "double": True},
                {"header_repeat": "first", "heading": "grouped"}, {"header_repeat": "first", "dash": "dotted"},
                {"header_repeat": "first", "narrow": True}):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "grid", **bad})  # type: ignore[arg-type]


def test_the_sources_say_the_header_is_not_repeated() -> None:
    """Each producer's own switch, in what it is given to lay out; the grid's sources repeat the header."""
    doc = made_up.made_up_document(4)
    table = doc.lists[0].table
    once, grid = (made_up.variant("chromium", s, "portrait") for s in ("once", "grid"))
    assert "<thead>" not in document_html(doc, once) and "<thead>" in document_html(doc, grid)
    assert "<th>業務の名称</th>" in document_html(doc, once)
    register_fonts()
    assert platypus_table(table, once, "list", 500).repeatRows == 0
    assert platypus_table(table, grid, "list", 500).repeatRows == 1
    assert "\\endfirsthead" in table_latex(table, once, "list") and "\\endfirsthead" not in table_latex(table, grid,
                                                                                                         "list")
    assert "table.header(repeat: false, " in table_typst(table, once, "list")
    assert "repeat: false" not in table_typst(table, grid, "list")
    assert 'table-omit-header-at-break="true"' in table_fo(table, once, "list")
    assert "table-omit-header-at-break" not in table_fo(table, grid, "list")
    tables = [line.split("\t") for line in description(doc, once).splitlines() if line.startswith("table\t")]
    assert tables and all(len(t) == 10 and t[9] == "0" for t in tables)  # setHeaderRows(0)
    assert all(len(line.split("\t")) == 9 for line in description(doc, grid).splitlines() if line.startswith("table\t"))
    for variant, repeat in ((once, False), (grid, True)):
        blocks = scribus_description(doc, variant)["blocks"]
        assert [b.get("repeat_header", True) for b in blocks if b["type"] == "table"] == [repeat] * 2  # type: ignore


def test_the_odt_and_xlsx_have_no_header_rows_nor_print_titles(tmp_path: Path) -> None:
    import openpyxl

    from dev.producers.office import odt_document, xlsx_document

    doc = made_up.made_up_document(4)
    for style, rows in (("once", 0), ("grid", 2)):
        odt_document(doc, made_up.variant("writer", style, "portrait"), tmp_path / f"{style}.odt")
        content = zipfile.ZipFile(tmp_path / f"{style}.odt").read("content.xml").decode()
        assert content.count("<table:table-header-rows>") == rows, style
        assert "業務の名称" in content
        xlsx_document(doc, made_up.variant("calc", style, "portrait"), tmp_path / f"{style}.xlsx")
        sheet = openpyxl.load_workbook(tmp_path / f"{style}.xlsx")["outsourcing"]
        assert (sheet.print_title_rows is None) == (style == "once"), (style, sheet.print_title_rows)


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The made-up report in once by every producer whose tool is installed, portrait."""
    folder = tmp_path_factory.mktemp("once")
    doc = made_up.made_up_document(ROWS)
    out = {}
    for producer in ORDER:
        if not made_up.installed(producer):
            continue
        path = folder / f"{producer}.pdf"
        renderer(producer)(doc, made_up.variant(producer, "once", "portrait"), path)
        out[producer] = path
    return out


def check_once(path: Path, producer: str) -> None:
    """The list's header on its first page only, its body rows 1..ROWS each printed once, in order."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = [p for p in pdf.pages[1:] if find(p, "架空の業務")]
        assert len(pages) >= 2, (producer, "the list runs over pages", len(pages))
        head = find(pages[0], "業務の名称")
        assert head and find(pages[0], "担当部課") and find(pages[0], "番号"), (producer, "the header at the start")
        for page in pages[1:]:
            for heading in ("業務の名称", "担当部課", "番号"):
                assert find(page, heading) is None, (producer, page.page_number, heading, "repeated")
        numbers = []
        for page in pages:
            words = page.extract_words(use_text_flow=False, keep_blank_chars=False)
            numbers += [int(w["text"]) for w in sorted(words, key=lambda w: (w["top"], w["x0"]))
                        if w["text"].isdigit() and w["x1"] < head[0]]  # the number column, left of the description
        assert numbers == list(range(1, ROWS + 1)), (producer, numbers)


@pytest.mark.parametrize("producer", ORDER)
def test_the_header_is_printed_at_the_start_only(producer: str, renders: dict[str, Path]) -> None:
    if producer not in renders:
        pytest.skip(f"{producer}'s tool is not installed")
    check_once(renders[producer], producer)


def test_the_grid_render_repeats_its_header(tmp_path: Path) -> None:
    """The same check fails on the grid style, whose header row is printed on every page."""
    path = tmp_path / "grid.pdf"
    renderer("reportlab")(made_up.made_up_document(ROWS), made_up.variant("reportlab", "grid", "portrait"), path)
    with pytest.raises(AssertionError, match="repeated"):
        check_once(path, "reportlab")
