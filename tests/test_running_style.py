"""The running table style (dev/producers, issue 11, stop 37 for the next stop): a running head on every page.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report (a summary, a list that runs over pages), given
a title line, is drawn by a few producers whose tool is installed (the Python ones
and Typst always are) and read back with pdfplumber's own characters and rules. What
is expected is the style's definition, written here by hand: on every page the
report's number and title on a line of their own at the top, over a rule across the
text width, above everything else on the page (the first table's top rule too); on
page 1 only the label 「資料１」 inside a stroked box over that rule; each producer's
own means is in what it is given. The same check fails on the grid render, which has
no running head.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.fop_writer import document_fo
from dev.producers.html import document_html
from dev.producers.itext_writer import description as itext_description
from dev.producers.latex_writer import document_latex
from dev.producers.model import Document
from dev.producers.pdfkit_writer import description as pdfkit_description
from dev.producers.running import LABEL, head_text
from dev.producers.scribus_writer import description as scribus_description
from dev.producers.typst_writer import document_typst
from tests import made_up
from tests.flag_styles import assert_drawn_as_seeded, assert_plain_grid_only
from tests.test_grouped_style import find
from tests.test_whiterules_style import drawn_rules

CHEAP = ("reportlab", "fpdf2", "typst", "matplotlib")  # Python and Typst: a second or two each
ROWS = 100  # a list that runs over two pages or more in CHEAP's producers, portrait
NUMBER, TITLE = "報告第1号", "個人情報を取り扱う業務の審査の状況について（架空）"
HEAD = f"{NUMBER}\u3000{TITLE}"
FOLDED_LABEL = "資料1"  # find() reads the page's characters NFKC-folded: the full-width １ as 1


def document(rows: int = ROWS) -> Document:
    """made_up's report with a title line after its report number, as the reference report's front page has."""
    doc = made_up.made_up_document(rows)
    return replace(doc, front=(doc.front[0], TITLE, *doc.front[1:]))


def test_every_producer_draws_running_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2055).choice for the eighteen producers in their order, held out; a plain grid."""
    assert_drawn_as_seeded("running", 2055)


def test_the_model_runs_a_head_over_a_plain_grid_only() -> None:
    assert_plain_grid_only("running")


def test_the_head_is_the_reports_own_number_and_title() -> None:
    assert head_text(document(2).front) == HEAD
    assert head_text(made_up.made_up_document(2).front) == NUMBER  # no title line: the number alone
    with pytest.raises(ValueError):
        head_text(("記",))


def test_each_producer_is_given_its_own_means(tmp_path: Path) -> None:
    """What each writer gives its engine: CSS page margin boxes (@top-left, @page :first's @top-right) and the page
    area's top border for Chromium and WeasyPrint, a bordered block over each part and page 1's floated label for
    wkhtmltopdf; Typst's page header in context; fancyhdr's head, \\headrule and a first page style; FOP's
    region-before under a first/rest page-sequence-master; iText's running record; Scribus's and PDFKit's running
    spec; the .odt's style:header and style:header-first; the .xlsx's page header and first page's header; none of
    it under grid."""
    import openpyxl

    from dev.producers.office import odt_document, xlsx_document

    doc = document(8)

    def given(producer: str, style: str) -> str:
        v = made_up.variant(producer, style, "portrait")
        return {"chromium": document_html, "wkhtmltopdf": document_html, "typst": document_typst,
                "latex": document_latex, "fop": document_fo, "itext": itext_description}[producer](doc, v)  # type: ignore[operator]

    for producer, marks in (("chromium", (f'@top-left {{ content: "{HEAD}"', "border-top: 0.5pt solid black",
                                          f'@page :first {{ @top-right {{ content: "{LABEL}"')),
                            ("wkhtmltopdf", (f'<div class="label">{LABEL}</div><div class="head">{HEAD}</div>',
                                             f'<section class="list-page"><div class="head">{HEAD}</div>')),
                            ("typst", ("#set page(margin: (x: 12mm, top: 18mm, bottom: 14mm), header: context stack(",
                                       "counter(page).get().first() == 1", f'"{LABEL}"', "line(length: 100%")),
                            ("latex", (f"\\fancyhead[L]{{\\fontsize{{8.5}}{{10.2}}\\selectfont {HEAD}}}",
                                       "\\renewcommand\\headrulewidth{0.5pt}", f"\\fbox{{{LABEL}}}",
                                       "\\begin{document}\\thispagestyle{first}")),
                            ("fop", ('page-position="first"', 'flow-name="first-before"',
                                     'flow-name="xsl-region-before"', 'border-after-width="0.5pt"', LABEL)),
                            ("itext", ("running\tgothic\t8.5\t10.5\t0.5\t0.75\t",))):
        for mark in marks:
            assert mark in given(producer, "running"), (producer, mark)
            assert mark not in given(producer, "grid"), (producer, mark)
    assert given("wkhtmltopdf", "running").count('<div class="head">') == 3  # the front page, the list, the appendix
    assert '<div class="head">' not in given("chromium", "running")  # its margin boxes print the head
    for describe in (scribus_description, pdfkit_description):
        run = json.loads(json.dumps(describe(doc, made_up.variant("scribus", "running", "portrait"))))["running"]
        assert (run["text"], run["label"], run["rule_width"]) == (HEAD, LABEL, 0.5)
        assert run["baseline"] < run["rule"] < 20 * 72 / 25.4 and run["box"][3] < run["rule"]  # over the body
        assert "running" not in describe(doc, made_up.variant("scribus", "grid", "portrait"))
    odt_document(doc, made_up.variant("writer", "running", "portrait"), tmp_path / "r.odt")
    styles = zipfile.ZipFile(tmp_path / "r.odt").read("styles.xml").decode()
    every = re.search(r"<style:header>(.*?)</style:header>", styles)
    first = re.search(r"<style:header-first>(.*?)</style:header-first>", styles)
    assert every and HEAD in every.group(1) and LABEL not in every.group(1)
    assert first and first.group(1).index(LABEL) < first.group(1).index(HEAD)
    assert 'fo:border-bottom="0.5pt solid #000000"' in styles and 'fo:border="0.75pt solid #000000"' in styles
    odt_document(doc, made_up.variant("writer", "grid", "portrait"), tmp_path / "g.odt")
    assert "<style:header" not in zipfile.ZipFile(tmp_path / "g.odt").read("styles.xml").decode()
    xlsx_document(doc, made_up.variant("calc", "running", "portrait"), tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert all(HEAD in ws.oddHeader.left.text for ws in book.worksheets)
    front = book.worksheets[0]
    assert front.HeaderFooter.differentFirst and front.firstHeader.right.text == LABEL
    assert not any(ws.HeaderFooter.differentFirst for ws in book.worksheets[1:])


def check_running(page, producer: str, first: bool) -> None:  # type: ignore[no-untyped-def]
    """On one page: the report's number and title on one line at the top, a rule under them across the text width
    (at least 85% of the page's width, from the head's left), every other text and every other rule below that rule
    (the first table's top rule too); on page 1 (``first``) 「資料１」 over the rule inside a stroked box around it
    alone; on any other page no label."""
    number, title = find(page, NUMBER), find(page, unicodedata.normalize("NFKC", TITLE))
    assert number and title, (producer, page.page_number, "no running head")
    assert abs(number[3] - title[3]) < 1 and number[2] < title[0], (producer, "the head is not one line")
    head = (number[0], min(number[1], title[1]), title[2], max(number[3], title[3]))
    rules = drawn_rules(page, producer)
    flat = [r for r in rules if r[0] == "h"]
    under = [r for r in flat if head[3] < r[1] < head[3] + 8 and r[2] <= head[0] + 1
             and r[3] - r[2] >= 0.85 * page.width]
    assert under, (producer, page.page_number, "no rule under the head across the text width", head)
    rule = under[0][1]
    label = find(page, FOLDED_LABEL)
    box = label and (label[0] - 8, label[1] - 8, label[2] + 8, label[3] + 8)

    def in_box(x0: float, top: float, x1: float, bottom: float) -> bool:
        return bool(box) and box[0] <= x0 and x1 <= box[2] and box[1] <= top and bottom <= box[3]

    above = [c["text"] for c in page.chars if c["text"].strip() and c["bottom"] > 0 and c["top"] < rule
             and not (head[0] - 1 <= c["x0"] and c["x1"] <= head[2] + 1) and not in_box(c["x0"], c["top"], c["x1"],
                                                                                        c["bottom"])]
    assert not above, (producer, page.page_number, "text above the head's rule", "".join(above))
    others = [r for r in rules if r is not under[0] and (r[2] if r[0] == "v" else r[1]) < rule - 0.5
              and not (r[0] == "h" and in_box(r[2], r[1], r[3], r[1]))
              and not (r[0] == "v" and in_box(r[1], r[2], r[1], r[3]))]
    assert not others, (producer, page.page_number, "a rule above the head's rule", others[:3])
    if not first:
        assert not label, (producer, page.page_number, "the label on a later page")
        return
    assert label and label[3] < rule, (producer, "no label over the head's rule")
    assert box is not None
    sides = {r[0] + str(round(r[1])) for r in rules if (r[0] == "h" and in_box(r[2], r[1], r[3], r[1]))
             or (r[0] == "v" and in_box(r[1], r[2], r[1], r[3]))}
    top_bottom = [r for r in rules if r[0] == "h" and in_box(r[2], r[1], r[3], r[1])
                  and r[2] < label[0] and r[3] > label[2]]
    left_right = [r for r in rules if r[0] == "v" and in_box(r[1], r[2], r[1], r[3])
                  and r[2] < label[1] and r[3] > label[3]]
    assert {r[1] < label[1] for r in top_bottom} == {True, False}, (producer, "the label's box: top and bottom", sides)
    assert {r[1] < label[0] for r in left_right} == {True, False}, (producer, "the label's box: its sides", sides)


def draw(producer: str, style: str, path: Path) -> Path:
    renderer(producer)(document(), made_up.variant(producer, style, "portrait"), path)
    return path


@pytest.mark.parametrize("producer", CHEAP)
def test_the_head_runs_over_every_page_and_the_label_boxes_page_one(producer: str, tmp_path: Path) -> None:
    if not made_up.installed(producer):
        pytest.skip(f"{producer}'s tool is not installed")
    import pdfplumber

    with pdfplumber.open(draw(producer, "running", tmp_path / f"{producer}.pdf")) as pdf:
        assert len(pdf.pages) >= 3, (producer, "the list runs over pages", len(pdf.pages))
        for page in pdf.pages:
            check_running(page, producer, first=page.page_number == 1)


def test_the_grid_render_has_no_running_head(tmp_path: Path) -> None:
    """The same check fails on the grid style: the report's number and title are on page 1's body only."""
    import pdfplumber

    with pdfplumber.open(draw("reportlab", "grid", tmp_path / "grid.pdf")) as pdf:
        with pytest.raises(AssertionError, match="the head is not one line"):  # number and title: two lines
            check_running(pdf.pages[0], "reportlab", first=True)
        with pytest.raises(AssertionError, match="no running head"):
            check_running(pdf.pages[1], "reportlab", first=False)
