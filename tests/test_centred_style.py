"""The centred table style (dev/producers, issue 11, stop 34 for the next stop): no rules, every cell centred.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report is drawn by a few producers whose tool is
installed (the Python ones always are) and read back with pdfplumber's own
words. What is expected is the style's definition, written here by hand: in the
list's 担当部課 column, cells of different lengths (「第1課」, 「第10課」) share
their centre within a tolerance while their left edges differ, and no rule is
drawn; each producer's own alignment setting is in what it is given. The same
check fails on the norules render, whose text cells share their left edge.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.fop_writer import table_fo
from dev.producers.latex_tables import table_latex
from dev.producers.model import Style, load_matrix, plan_table
from dev.producers.typst_writer import table_typst
from tests import made_up

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext", "scribus",
         "pdfkit")  # random.Random(2050)'s order
CHEAP = ("reportlab", "fpdf2", "weasyprint", "typst", "matplotlib", "pymupdf")  # Python and Typst: seconds each
ROWS = 48
TOLERANCE = 1.5  # points: the centres of one column's cells
SECTION = re.compile(r"第\d+課")  # the made-up list's 担当部課 cells: 第0課 … 第12課, three and four characters


def test_every_producer_draws_centred_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2050).choice for the eighteen producers in ORDER, held out; no rules, centred."""
    rng = random.Random(2050)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix() if v.style.name == "centred"]
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "centred")
    assert (style.rules, style.align, style.shading, style.merge, style.narrow, style.heading) == (
        "none", "centre", "none", False, False, "single")
    assert all(v.style.align == "natural" for v in load_matrix() if v.style.name not in ("centred", "distributed"))


def test_the_model_centres_an_unruled_plain_table_only() -> None:
    Style("x", rules="none", align="centre")
    for bad in ({"align": "center"}, {"align": "centre", "rules": "grid"}, {"align": "centre", "rules": "hrules"},
                {"align": "centre", "shading": "banded"}, {"align": "centre", "merge": True},
                {"align": "centre", "narrow": True}, {"align": "centre", "header_repeat": "first"}):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "none", **bad})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Style("x", rules="grid", align="centre", padding="none")
    with pytest.raises(ValueError):
        Style("x", rules="grid", align="centre", heading="grouped")


def test_the_plan_centres_every_cell_and_the_sources_say_so(tmp_path: Path) -> None:
    """Every cell's alignment is center in the plan, and each producer's own setting is in what it is given."""
    import openpyxl

    from dev.producers.office import odt_document, xlsx_document

    doc = made_up.made_up_document(4)
    table, summary = doc.lists[0].table, doc.front[1]
    centred, norules = (made_up.variant("latex", s, "portrait") for s in ("centred", "norules"))
    for t, kind in ((table, "list"), (summary, "summary")):
        plan = plan_table(t, centred.style, kind)  # type: ignore[arg-type]
        assert {plan.align(r, c) for r in range(len(t.rows)) for c in range(len(t.rows[0]))} == {"center"}  # type: ignore[union-attr]
        assert "left" in {plan_table(t, norules.style, kind).align(1, c) for c in range(len(t.rows[0]))}  # type: ignore[arg-type, union-attr]
    latex = table_latex(table, centred, "list")
    assert "\\centering\\arraybackslash" in latex and "\\raggedright" not in latex and "\\raggedleft" not in latex
    assert "\\raggedright" in table_latex(table, norules, "list")
    assert "left" not in table_typst(table, made_up.variant("typst", "centred", "portrait"), "list")
    assert 'text-align="start"' not in table_fo(table, made_up.variant("fop", "centred", "portrait"), "list")
    odt_document(doc, made_up.variant("writer", "centred", "portrait"), tmp_path / "c.odt")
    content = zipfile.ZipFile(tmp_path / "c.odt").read("content.xml").decode()
    aligned = dict(re.findall(r'<style:style style:name="([^"]+)"[^>]*><style:paragraph-properties fo:text-align="(\w+)"',
                              content))
    in_cells = {name for t in re.findall(r"<table:table .*?</table:table>", content)
                for name in re.findall(r'<text:p text:style-name="([^"]+)"', t)}
    assert in_cells and {aligned.get(name) for name in in_cells} == {"center"}, (in_cells, aligned)
    xlsx_document(doc, made_up.variant("calc", "centred", "portrait"), tmp_path / "c.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["outsourcing"]
    aligns = {c.alignment.horizontal for row in sheet.iter_rows() for c in row if c.value and str(c.value)[0] == "第"}
    assert aligns == {"center"}, aligns


def check_centred(path: Path, producer: str) -> None:
    """In every list page's 担当部課 column, cells of different lengths share their centre and not their left edge;
    no rule is drawn on the page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = [p for p in pdf.pages[1:] if any(SECTION.fullmatch(w["text"]) for w in p.extract_words())]
        assert pages, (producer, "no list page")
        both = 0
        for page in pages:
            strokes = [o for o in page.lines + page.curves + page.rects  # a page-sized white background is no rule
                       if o["x1"] - o["x0"] < page.width - 1 or o["bottom"] - o["top"] < page.height - 1]
            assert not strokes, (producer, page.page_number, "a rule drawn", strokes[:2])
            cells = [w for w in page.extract_words() if SECTION.fullmatch(w["text"])]
            centres = [(w["x0"] + w["x1"]) / 2 for w in cells]
            assert max(centres) - min(centres) <= TOLERANCE, (producer, page.page_number, "not centred",
                                                              min(centres), max(centres))
            if {len(w["text"]) for w in cells} == {3, 4}:  # cells of two lengths: their left edges differ
                both += 1
                lefts = [w["x0"] for w in cells]
                assert max(lefts) - min(lefts) > TOLERANCE, (producer, page.page_number, "left edges line up")
        assert both, (producer, "no page with cells of two lengths")


@pytest.mark.parametrize("producer", CHEAP)
def test_every_cell_is_centred_without_rules(producer: str, tmp_path: Path) -> None:
    if not made_up.installed(producer):
        pytest.skip(f"{producer}'s tool is not installed")
    path = tmp_path / f"{producer}.pdf"
    renderer(producer)(made_up.made_up_document(ROWS), made_up.variant(producer, "centred", "portrait"), path)
    check_centred(path, producer)


def test_the_norules_render_is_not_centred(tmp_path: Path) -> None:
    """The same check fails on the norules style, whose text cells start at their column's left edge."""
    path = tmp_path / "norules.pdf"
    renderer("reportlab")(made_up.made_up_document(ROWS), made_up.variant("reportlab", "norules", "portrait"), path)
    with pytest.raises(AssertionError, match="not centred"):
        check_centred(path, "reportlab")
