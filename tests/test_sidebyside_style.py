"""The sidebyside table style (dev/producers, issue 11, stop 36 for the next stop): summary tables two abreast.

The style is held out, so nothing here touches the reference report or the
extractor: a made-up report (tests/made_up.py's, with three summary tables, each
under its caption) is drawn by a few producers whose tool is installed (the Python
ones and Typst always are) and read back with pdfplumber's own characters. What is
expected is the style's definition, written here by hand: on the front page the
first and second summaries' tables start at one height (the top rules over their
実施機関 headings), one in the left half of the page and one in the right; the
third stands alone, lower, in the left half; each producer's own means is in what it is given. The same check fails
on the grid render, whose summaries stand one under another.
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
from dev.producers.model import MATRIX, Document, Style, Table, load_matrix
from dev.producers.pdfkit_writer import description as pdfkit_description
from dev.producers.scribus_writer import description as scribus_description
from dev.producers.sidebyside import Pair, front_blocks
from dev.producers.typst_writer import document_typst
from tests import made_up

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext", "scribus",
         "pdfkit")  # random.Random(2053)'s order
CHEAP = ("reportlab", "fpdf2", "typst", "matplotlib")  # Python and Typst: a second or two each
ROWS = 6
BASELINE = 1.0  # points: two tables start at one height when their top rules are this close
PRODUCERS = Path(MATRIX).parent


def three_summaries() -> Document:
    """tests/made_up.py's report with three summary tables, each under a caption, and a closing paragraph."""
    doc = made_up.made_up_document(ROWS)
    first = doc.front[1]
    assert isinstance(first, Table)
    second = Table("purpose_external_use", (first.rows[0], ("区長", "7", "0", "0"), ("教育委員会", "5", "1", "0"),
                                            ("合計", "1 2", "1", "0")))
    third = Table("external_provision", (first.rows[0], ("区長", "9", "2", "1"), ("合計", "9", "2", "1")))
    return replace(doc, front=("報告第1号", "（1）甲の審査基準", first, "（2）乙の審査基準", second,
                               "(3) 丙・丁における審査基準", third, "2 一覧"))


def test_every_producer_draws_sidebyside_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2053).choice for the eighteen producers in ORDER, held out; a plain grid."""
    rng = random.Random(2053)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix() if v.style.name == "sidebyside"]
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "sidebyside")
    assert replace(style, summaries="stacked", note="") == replace(Style("sidebyside", rules="grid"))
    assert all(v.style.summaries == "stacked" for v in load_matrix() if v.style.name != "sidebyside")


def test_the_model_sets_summaries_abreast_on_a_plain_grid_only() -> None:
    Style("x", rules="grid", summaries="sidebyside")
    for bad in ({"rules": "none"}, {"rules": "hrules"}, {"shading": "banded"}, {"merge": True}, {"narrow": True},
                {"dash": "dotted"}, {"double": True}, {"padding": "none"}, {"heading": "grouped"},
                {"align": "distributed"}, {"body_font": "mincho"}, {"summaries": "abreast"}):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "grid", "summaries": "sidebyside", **bad})  # type: ignore[arg-type]


def test_the_summaries_go_two_by_two_with_their_captions() -> None:
    doc = three_summaries()
    blocks = front_blocks(doc.front, made_up.variant("reportlab", "sidebyside", "portrait").style)
    assert blocks[0] == "報告第1号" and blocks[-1] == "2 一覧" and len(blocks) == 4
    one, two = blocks[1], blocks[2]
    assert isinstance(one, Pair) and isinstance(two, Pair)
    assert [c for c, _ in one.halves] == ["（1）甲の審査基準", "（2）乙の審査基準"]
    assert two.right is None and two.left == ("(3) 丙・丁における審査基準", doc.front[6])
    assert front_blocks(doc.front, made_up.variant("reportlab", "grid", "portrait").style) == list(doc.front)


def test_each_producer_is_given_its_own_means(tmp_path: Path) -> None:
    """What each writer gives its engine: an outer table, a grid of two columns, minipages, a nested PdfPTable,
    Scribus's and PDFKit's pair blocks, the .odt's nested tables, the .xlsx's second table from column F; none of
    it under grid."""
    import openpyxl

    from dev.producers.office import odt_document, xlsx_document

    doc = three_summaries()

    def given(producer: str, style: str) -> str:
        v = made_up.variant(producer, style, "portrait")
        return {"chromium": document_html, "typst": document_typst, "latex": document_latex, "fop": document_fo,
                "itext": itext_description}[producer](doc, v)  # type: ignore[operator]

    for producer, mark in (("chromium", '<table class="pair">'), ("typst", "grid(columns: (1fr, 1fr)"),
                           ("latex", "\\begin{minipage}{\\linewidth}"), ("fop", 'proportional-column-width(0.06)'),
                           ("itext", "pair\t")):
        assert given(producer, "sidebyside").count(mark) == 2, producer
        assert mark not in given(producer, "grid"), producer
    for describe in (scribus_description, pdfkit_description):
        blocks = json.loads(json.dumps(describe(doc, made_up.variant("scribus", "sidebyside", "portrait"))))["blocks"]
        assert [len(b["halves"]) for b in blocks if b["type"] == "pair"] == [2, 1]
    odt_document(doc, made_up.variant("writer", "sidebyside", "portrait"), tmp_path / "s.odt")
    content = zipfile.ZipFile(tmp_path / "s.odt").read("content.xml").decode()
    assert len(re.findall(r"<table:table-cell[^>]*><table:table ", content)) == 3  # each summary nested in a half
    assert content.count("<table:table ") == 6  # two outer tables, three summaries, the list
    xlsx_document(doc, made_up.variant("calc", "sidebyside", "portrait"), tmp_path / "s.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["表紙"]
    heads = [(c.row, c.column) for row in sheet.iter_rows() for c in row if c.value == "実施機関"]
    assert len(heads) == 3 and heads[0][0] == heads[1][0] and {c for _, c in heads} == {1, 6}, heads


def check_abreast(path: Path, producer: str) -> None:
    """On the front page: the first two summaries (their 実施機関 headings) left and right of the page's middle,
    their tables' top rules (the nearest rule over each heading) at one height; the third lower, alone, in the left
    half."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = page.chars
        heads = [chars[i] for i in range(len(chars) - 3)
                 if "".join(c["text"] for c in chars[i:i + 4]) == "実施機関"]
        assert len(heads) == 3, (producer, "summary headings", len(heads))
        rules = [e for e in page.edges if e["orientation"] == "h"]

        def top(head: dict) -> float:  # type: ignore[type-arg]
            over = [e["top"] for e in rules if e["x0"] - 1 <= head["x0"] and head["x1"] <= e["x1"] + 1
                    and head["top"] - 30 <= e["top"] <= head["top"]]
            assert over, (producer, "no rule over a heading", head["x0"], head["top"])
            return max(over)

        heads.sort(key=lambda c: (round(top(c)), c["x0"]))
        middle = page.width / 2
        first, second, third = heads
        assert abs(top(first) - top(second)) <= BASELINE, (producer, "not abreast", top(first), top(second))
        assert first["x0"] < middle <= second["x0"], (producer, "not in both halves", first["x0"], second["x0"])
        assert top(third) > top(first) + BASELINE and third["x0"] < middle, (producer, "third misplaced")


@pytest.mark.parametrize("producer", CHEAP)
def test_two_summaries_stand_abreast(producer: str, tmp_path: Path) -> None:
    if not made_up.installed(producer):
        pytest.skip(f"{producer}'s tool is not installed")
    path = tmp_path / f"{producer}.pdf"
    renderer(producer)(three_summaries(), made_up.variant(producer, "sidebyside", "portrait"), path)
    check_abreast(path, producer)


def test_the_grid_render_is_not_abreast(tmp_path: Path) -> None:
    """The same check fails on the grid style, whose summaries stand one under another."""
    path = tmp_path / "grid.pdf"
    renderer("reportlab")(three_summaries(), made_up.variant("reportlab", "grid", "portrait"), path)
    with pytest.raises(AssertionError, match="not abreast"):
        check_abreast(path, "reportlab")
