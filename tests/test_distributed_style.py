"""The distributed table style (dev/producers, issue 11, stop 35 for the next stop): 均等割り付け in a full grid.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report is drawn by a few producers whose tool is
installed (the Python ones always are) and read back with pdfplumber's own
characters and rules. What is expected is the style's definition, written here
by hand: the summary's 実施機関 heading and every 区長 cell (summary and list)
run from their cell's left rule to its right one, the first character within
the padding of the left rule and the last within the padding of the right; each
producer's own setting is in what it is given. The same check fails on the grid
render, whose heading is centred and whose 区長 starts at the left.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.distributed import spread_lines, spread_offsets
from dev.producers.fop_writer import table_fo
from dev.producers.html import document_html
from dev.producers.itext_writer import table_records
from dev.producers.latex_tables import table_latex
from dev.producers.model import MATRIX, Style, load_matrix, plan_table
from dev.producers.scribus_writer import table_block
from dev.producers.typst_writer import document_typst, table_typst
from tests import made_up

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext", "scribus",
         "pdfkit")  # random.Random(2052)'s order
CHEAP = ("reportlab", "fpdf2", "typst", "matplotlib")  # Python and Typst: seconds each
ROWS = 24
REACH = 8.0  # points: a spread text's first and last characters this close to their cell's left and right rules
PRODUCERS = Path(MATRIX).parent


def test_every_producer_draws_distributed_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2052).choice for the eighteen producers in ORDER, held out; a plain grid."""
    rng = random.Random(2052)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix() if v.style.name == "distributed"]
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "distributed")
    assert (style.rules, style.align, style.shading, style.merge, style.narrow, style.heading, style.notes) == (
        "grid", "distributed", "none", False, False, "single", False)
    assert all(v.style.align != "distributed" for v in load_matrix() if v.style.name != "distributed")


def test_the_model_spreads_a_plain_solid_grid_only() -> None:
    Style("x", rules="grid", align="distributed")
    for bad in ({"rules": "none"}, {"rules": "hrules"}, {"rules": "booktabs"}, {"shading": "banded"},
                {"merge": True}, {"narrow": True}, {"header_repeat": "first"}, {"dash": "dotted"}, {"double": True},
                {"weight": "heavy"}, {"spacing": True}, {"corners": "rounded"}, {"padding": "none"},
                {"heading": "grouped"}, {"heading_direction": "vertical"}, {"align": "justify"}):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "grid", "align": "distributed", **bad})  # type: ignore[arg-type]


def test_spread_lines_and_offsets() -> None:
    """A line's first character at 0 and its last ending at the width, equal gaps; a line breaks where it would
    not fit, dropping the space there; a single character centred."""
    def measure(s: str) -> float:
        return 10.0 * len(s)

    assert spread_offsets("区長", 100, measure) == [0.0, 90.0]
    assert spread_offsets("実施機関", 100, measure) == [0.0, 30.0, 60.0, 90.0]
    assert spread_offsets("有", 30, measure) == [10.0]
    assert spread_lines("要配慮個人情報 (有/無)", 70, measure) == ["要配慮個人情報", "(有/無)"]


def test_the_plan_spreads_headings_and_agencies_and_the_sources_say_so(tmp_path: Path) -> None:
    """Every header cell and the 実施機関 column's cells spread in the plan (none in grid), and each producer's own
    setting is in what it is given."""
    import openpyxl

    from dev.producers.office import odt_document, xlsx_document

    doc = made_up.made_up_document(4)
    table, summary = doc.lists[0].table, doc.front[1]
    spread, grid = (made_up.variant("latex", s, "portrait") for s in ("distributed", "grid"))
    for t, kind, agency in ((table, "list", 3), (summary, "summary", 0)):
        plan = plan_table(t, spread.style, kind)  # type: ignore[arg-type]
        cells = {(r, c) for r in range(len(t.rows)) for c in range(len(t.rows[0]))}  # type: ignore[union-attr]
        assert {(r, c) for r, c in cells if plan.spreads(r, c)} == {(r, c) for r, c in cells if r == 0 or c == agency}
        assert not any(plan_table(t, grid.style, kind).spreads(r, c) for r, c in cells)  # type: ignore[arg-type]
    assert "区\\hfill{}長" in table_latex(table, spread, "list") and "\\hfill" not in table_latex(table, grid, "list")
    typst = made_up.variant("typst", "distributed", "portrait")
    assert 'spread("区長")' in table_typst(table, typst, "list") and "h(1fr)" in document_typst(doc, typst)
    assert "h(1fr)" not in document_typst(doc, made_up.variant("typst", "grid", "portrait"))
    assert 'text-align-last="justify"' in table_fo(table, made_up.variant("fop", "distributed", "portrait"), "list")
    html = document_html(doc, made_up.variant("chromium", "distributed", "portrait"))
    assert '<td class="spread">区長</td>' in html and "text-align-last: justify" in html
    assert "text-justify: inter-character" in html
    assert "distributed" in table_records(table, made_up.variant("itext", "distributed", "portrait"), "list")
    assert "ALIGN_JUSTIFIED_ALL" in (PRODUCERS / "itext" / "Report.java").read_text(encoding="utf-8")
    block = table_block(table, made_up.variant("scribus", "distributed", "portrait"), "list")
    assert {c["align"] for row in block["rows"] for c in row if c and c["text"] == "区長"} == {"distributed"}  # type: ignore[attr-defined, index]
    assert "ALIGN_FORCED" in (PRODUCERS / "scribus" / "report.py").read_text(encoding="utf-8")
    assert "characterSpacing" in (PRODUCERS / "pdfkit" / "report.js").read_text(encoding="utf-8")
    odt_document(doc, made_up.variant("writer", "distributed", "portrait"), tmp_path / "d.odt")
    content = zipfile.ZipFile(tmp_path / "d.odt").read("content.xml").decode()
    spread_styles = set(re.findall(r'<style:style style:name="([^"]+)"[^>]*><style:paragraph-properties '
                                   r'fo:text-align="justify"[^>]*fo:text-align-last="justify"', content))
    spread_styles |= set(re.findall(r'<style:style style:name="([^"]+)"[^>]*><style:paragraph-properties '
                                    r'fo:text-align-last="justify"[^>]*fo:text-align="justify"', content))
    cells = re.findall(r'<text:p text:style-name="([^"]+)">([^<]*)</text:p>', content)
    assert spread_styles and {name for name, text in cells if text in ("区長", "実施機関")} <= spread_styles
    assert not {name for name, text in cells if text.startswith("第")} & spread_styles
    xlsx_document(doc, made_up.variant("calc", "distributed", "portrait"), tmp_path / "d.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "d.xlsx")["outsourcing"]
    aligns = {str(c.value): c.alignment.horizontal for row in sheet.iter_rows() for c in row if c.value}
    assert aligns["区長"] == aligns["実施機関"] == "distributed" and aligns["第0課"] != "distributed", aligns


def runs(page, word: str) -> list[list[dict]]:  # type: ignore[no-untyped-def,type-arg]
    """Each run of consecutive characters spelling ``word`` on the page (in the content's order)."""
    chars = page.chars
    return [chars[i:i + len(word)] for i in range(len(chars) - len(word) + 1)
            if "".join(c["text"] for c in chars[i:i + len(word)]) == word]


def check_spread(path: Path, producer: str) -> None:
    """The summary's 実施機関 heading and every 区長 cell run from their cell's left rule to its right one."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        seen = 0
        for page in pdf.pages:
            rules = [e for e in page.edges if e["orientation"] == "v"]
            for chars in [*runs(page, "区長"), *(runs(page, "実施機関")[:1] if page.page_number == 1 else [])]:
                first, last = chars[0], chars[-1]
                mid = (first["top"] + first["bottom"]) / 2
                xs = [e["x0"] for e in rules if e["top"] - 1 <= mid <= e["bottom"] + 1]
                left = max((x for x in xs if x <= first["x0"] + 0.5), default=None)
                right = min((x for x in xs if x >= last["x1"] - 0.5), default=None)
                assert left is not None and right is not None, (producer, page.page_number, "no rules around")
                word = "".join(c["text"] for c in chars)
                assert first["x0"] - left <= REACH and right - last["x1"] <= REACH, (
                    producer, page.page_number, word, "not spread", left, first["x0"], last["x1"], right)
                seen += 1
        assert seen >= 3, (producer, "too few spread cells found", seen)


@pytest.mark.parametrize("producer", CHEAP)
def test_headings_and_agencies_span_their_cells(producer: str, tmp_path: Path) -> None:
    if not made_up.installed(producer):
        pytest.skip(f"{producer}'s tool is not installed")
    path = tmp_path / f"{producer}.pdf"
    renderer(producer)(made_up.made_up_document(ROWS), made_up.variant(producer, "distributed", "portrait"), path)
    check_spread(path, producer)


def test_the_grid_render_is_not_spread(tmp_path: Path) -> None:
    """The same check fails on the grid style, whose heading is centred and whose 区長 starts at the left."""
    path = tmp_path / "grid.pdf"
    renderer("reportlab")(made_up.made_up_document(ROWS), made_up.variant("reportlab", "grid", "portrait"), path)
    with pytest.raises(AssertionError, match="not spread"):
        check_spread(path, "reportlab")
