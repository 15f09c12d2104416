"""The vertical table style (dev/producers, issue 11, stop 34): a full grid whose lists' flag columns are narrow
and headed in vertical writing (縦書き), one character under another.

The style is held out, so nothing here touches the reference report or the
extractor: a made-up report (a summary and a list whose last two columns are
flags under the two 要配慮個人情報 headings) is drawn by a few producers whose
tool is installed (CI installs none of the external ones: those tests skip) and
read back with pdfplumber's own characters. What is expected is the style's
definition, written here by hand: each flag heading's characters stand one
under another (one x centre, their tops in reading order), the other headings
on one line, the flag columns narrow; and each producer's own means in what it
is given (Chromium's writing-mode, LuaTeX-ja's ``\\tate``, Writer's tb-rl, the
sheet's textRotation 255; a line per character where an engine has none). The
same check fails on the grid render, whose flag headings wrap across.
"""

from __future__ import annotations

import random
import unicodedata
import zipfile
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.fop_writer import table_fo
from dev.producers.html import document_html
from dev.producers.itext_writer import description
from dev.producers.latex_tables import table_latex
from dev.producers.model import (
    VERTICAL_SHARE,
    Document,
    ListTable,
    Style,
    Table,
    load_matrix,
    plan_table,
    stacked,
)
from dev.producers.typst_writer import table_typst
from tests import made_up
from tests.test_grouped_style import find

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext", "scribus")  # random.Random(2049)'s
DRAWN = ("reportlab", "fpdf2", "typst", "matplotlib", "pymupdf", "weasyprint", "chromium", "latex", "writer", "calc",
         "fop", "itext")  # the cheap ones: the heading printed vertically by each one's own means, or stacked
FLAGS = ("要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)")
HEADER = ("番号", "業務の名称", "担当部課", "実施機関", *FLAGS)
ROWS = 12


def made_up_document(rows: int = ROWS) -> Document:
    """A summary table and a list of ``rows`` made-up cases whose last two columns are 有/無 flags."""
    summary = Table("outsourcing", (("実施機関", "審査件数", "うち要配慮", "うち条例"),
                                    ("区長", "1 2", "3", "4"), ("合計", "1 2", "3", "4")))
    body = tuple((str(n), "架空の業務の説明、長ければ折り返される" * (1 + n % 2), f"第{n // 4}課", "区長",
                  "有" if n % 2 else "無", "無") for n in range(1, rows + 1))
    return Document(("報告第1号", summary), (ListTable("一覧", "資料No.1", Table("outsourcing", (HEADER,) + body)),),
                    ("付録。",))


def test_every_producer_draws_vertical_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2049).choice for the seventeen producers in ORDER, held out; a plain full grid."""
    rng = random.Random(2049)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix() if v.style.name == "vertical"]
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "vertical")
    assert (style.rules, style.heading_direction, style.heading, style.header_repeat, style.shading, style.merge,
            style.padding, style.narrow) == ("grid", "vertical", "single", "every", "none", False, "normal", False)
    assert all(v.style.heading_direction == "horizontal" for v in load_matrix() if v.style.name != "vertical")


def test_the_model_sets_headings_vertically_on_a_plain_grid_only() -> None:
    Style("x", rules="grid", heading_direction="vertical")
    for bad in ({"heading_direction": "tate"}, {"heading_direction": "vertical", "rules": "hrules"},
                {"heading_direction": "vertical", "merge": True}, {"heading_direction": "vertical", "shading": "banded"},
                {"heading_direction": "vertical", "padding": "none"}, {"heading_direction": "vertical", "double": True},
                {"heading_direction": "vertical", "heading": "grouped"},
                {"heading_direction": "vertical", "dash": "dotted"}, {"heading_direction": "vertical", "narrow": True},
                {"heading_direction": "vertical", "header_repeat": "first"}):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "grid", **bad})  # type: ignore[arg-type]


def test_the_flag_columns_are_narrow_and_only_theirs_vertical() -> None:
    doc = made_up_document()
    vertical, grid = (made_up.variant("reportlab", s, "portrait").style for s in ("vertical", "grid"))
    plan = plan_table(doc.lists[0].table, vertical, "list")
    assert plan.vertical == (False, False, False, False, True, True)
    assert [round(w / sum(plan.weights), 3) for w in plan.weights[-2:]] == [VERTICAL_SHARE] * 2
    assert plan.weights[:-2] == plan_table(doc.lists[0].table, grid, "list").weights[:-2]
    assert not any(plan_table(doc.front[1], vertical, "summary").vertical)  # type: ignore[arg-type]
    assert plan_table(doc.lists[0].table, grid, "list").vertical == ()
    assert stacked(FLAGS[0]) == ["要", "配", "慮", "個", "人", "情", "報 ", "(", "有", "/", "無", ")"]
    assert "".join(stacked(FLAGS[1])) == FLAGS[1]


def test_the_sources_say_the_headings_are_vertical(tmp_path: Path) -> None:
    """Each producer's own means in what it lays out; the grid's sources have none of them."""
    import openpyxl

    from dev.producers.office import odt_document, xlsx_document

    doc = made_up_document(4)
    table = doc.lists[0].table
    v, g = (lambda p: made_up.variant(p, "vertical", "portrait")), (lambda p: made_up.variant(p, "grid", "portrait"))
    assert "writing-mode: vertical-rl; text-orientation: upright" in document_html(doc, v("chromium"))
    assert document_html(doc, v("chromium")).count('<th class="vertical">') == 2
    assert "要<br>配<br>慮" in document_html(doc, v("weasyprint")) and "writing-mode" not in document_html(
        doc, v("weasyprint"))
    assert "writing-mode" not in document_html(doc, g("chromium")) and "<br>" not in document_html(doc, g("chromium"))
    assert table_latex(table, v("latex"), "list").count("\\tate ") == 2 and "\\tate" not in table_latex(
        table, g("latex"), "list")
    assert '[#"要" \\ #"配"' in table_typst(table, v("typst"), "list")
    assert table_fo(table, v("fop"), "list").count(">要</fo:block>") == 2
    assert "要\\n配\\n慮" in description(doc, v("itext")) and "要\\n配" not in description(doc, g("itext"))
    for producer, mode in (("writer", 'style:writing-mode="tb-rl"'), ("grid", None)):
        variant = v("writer") if mode else g("writer")
        odt_document(doc, variant, tmp_path / f"{producer}.odt")
        content = zipfile.ZipFile(tmp_path / f"{producer}.odt").read("content.xml").decode()
        assert (content.count(mode) >= 2 and "style:min-row-height" in content) if mode else (
            "writing-mode" not in content)
    for producer, style in (("calc", "vertical"), ("gnumeric", "vertical"), ("calc", "grid")):
        xlsx_document(doc, made_up.variant(producer, style, "portrait"), tmp_path / "x.xlsx")
        sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["outsourcing"]
        heads = [sheet.cell(row=2, column=c) for c in (5, 6)]
        rotation = [c.alignment.textRotation for c in heads]
        if style == "grid":
            assert rotation == [0, 0] and [c.value for c in heads] == list(FLAGS)
        elif producer == "calc":
            assert rotation == [255, 255] and [c.value for c in heads] == list(FLAGS)
        else:  # Gnumeric prints its rotation -1 flat: the heading typed one character a line
            assert rotation == [0, 0] and [c.value for c in heads] == ["\n".join(stacked(f)) for f in FLAGS]


def standing(page, word: str, tolerance: float = 3.0) -> list[dict] | None:  # type: ignore[no-untyped-def,type-arg]
    """The characters of ``word`` printed one under another on ``page`` (NFKC-folded: ⼈ read as 人): each one's x
    centre within ``tolerance`` of the first's, each top below the one before; None where it is not."""
    chars = [c for c in page.chars if c["text"].strip()]
    text = [unicodedata.normalize("NFKC", c["text"]) for c in chars]
    for i, first in enumerate(chars):
        if text[i] != word[0]:
            continue
        run, centre = [first], (first["x0"] + first["x1"]) / 2
        for ch in word[1:]:
            below = [c for c, t in zip(chars, text, strict=True) if t == ch and c["top"] > run[-1]["top"] + 1
                     and abs((c["x0"] + c["x1"]) / 2 - centre) < tolerance]
            if not below:
                break
            run.append(min(below, key=lambda c: c["top"]))
        if len(run) == len(word):
            return run
    return None


def check_vertical(path: Path, producer: str) -> None:
    """On the list's first page: both flag headings standing (their 要配慮個人情報 one under another), the
    other headings on one line each, the flag columns narrower than 3 em of the heading's size."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = next(p for p in pdf.pages[1:] if find(p, "架空の業務"))
        for heading in ("業務の名称", "担当部課", "番号"):
            assert find(page, heading), (producer, heading, "on one line")
        runs = [standing(page, word) for word in ("要配慮個人情報", "条例要配慮個人情報")]
        assert all(runs), (producer, "a flag heading not set vertically")
        centres = sorted((r[0]["x0"] + r[0]["x1"]) / 2 for r in runs)  # type: ignore[index]
        size = runs[0][0]["size"]  # type: ignore[index]
        assert 0 < centres[1] - centres[0] < 4 * size, (producer, "the flag columns are not narrow", centres, size)
        assert runs[0][-1]["top"] - runs[0][0]["top"] > 5 * size, (producer, "the header row is not tall")  # type: ignore[index]


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The made-up report in vertical by each cheap producer whose tool is installed, portrait."""
    folder = tmp_path_factory.mktemp("vertical")
    doc = made_up_document()
    out = {}
    for producer in DRAWN:
        if not made_up.installed(producer):
            continue
        path = folder / f"{producer}.pdf"
        renderer(producer)(doc, made_up.variant(producer, "vertical", "portrait"), path)
        out[producer] = path
    return out


@pytest.mark.parametrize("producer", DRAWN)
def test_the_flag_headings_stand_one_character_under_another(producer: str, renders: dict[str, Path]) -> None:
    if producer not in renders:
        pytest.skip(f"{producer}'s tool is not installed")
    check_vertical(renders[producer], producer)


def test_the_grid_render_sets_its_flag_headings_across(tmp_path: Path) -> None:
    """The same check fails on the grid style, whose flag headings wrap across their wider columns."""
    path = tmp_path / "grid.pdf"
    renderer("reportlab")(made_up_document(), made_up.variant("reportlab", "grid", "portrait"), path)
    with pytest.raises(AssertionError, match="not set vertically"):
        check_vertical(path, "reportlab")
