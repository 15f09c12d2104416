"""The heavy table style (dev/producers, issue 11): every producer draws a heavy frame and header rule, hairlines inside.

The style is held out, so nothing here touches the reference report or the
extractor: a small made-up document is drawn by each producer and read back
with pdfplumber's own lists of lines, rectangles and curves (what was written,
not what a table finder makes of it). The widths expected are the style's
definition (about 2.25 pt, Excel's "thick", at least 1.5 pt; hairlines of
0.3 pt at most), written here by hand; Chromium cannot draw a border thinner
than one CSS pixel (0.75 pt), wkhtmltopdf one CSS pixel shrunk by its print
scale (0.576 pt), and Calc prints a list sheet scaled to the page width. A
producer whose tool is missing is skipped.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import shutil
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.model import Document, Variant, load_matrix
from tests import made_up

ROWS = 40
HEAVY_MIN = 1.5  # the frame and the header rule: Excel's thick border, or a producer's heaviest single line
HAIR_MAX = {"chromium": 0.75, "wkhtmltopdf": 0.6}  # the inner rules: 0.3 pt, or the thinnest a producer draws
SPLIT = 4.0  # a filled rectangle thinner than this is a rule drawn as a fill, its thickness the rule's width
NEEDS = {  # what each producer runs: a Python module or a program
    "reportlab": ("reportlab", None), "fpdf2": ("fpdf", None), "writer": ("odf", "soffice"),
    "calc": ("openpyxl", "soffice"), "chromium": (None, "chromium"), "weasyprint": ("weasyprint", None),
    "typst": ("typst", None), "matplotlib": ("matplotlib", None), "pymupdf": ("pymupdf", None),
    "wkhtmltopdf": (None, "wkhtmltopdf"),
}


def made_up_document() -> Document:
    return made_up.made_up_document(ROWS)


def heavy_variant(producer: str) -> Variant:
    return next(v for v in load_matrix() if v.producer == producer and v.style.name == "heavy")


def skip_unless_installed(producer: str) -> None:
    module, program = NEEDS[producer]
    if module and importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    if program and shutil.which(program) is None:
        pytest.skip(f"{program} is not installed")


def rules(page) -> list[tuple[str, float, float, float, float]]:  # type: ignore[no-untyped-def]
    """Every rule drawn on the page: (h or v, its position across, its extent along, from, to), with its width.

    Stroked lines, stroked rectangles' sides and stroked paths' straight segments
    have their line width; a thin filled rectangle (a rule written as a fill) has
    its thickness.
    """
    out: list[tuple[str, float, float, float, float]] = []

    def segment(x0: float, y0: float, x1: float, y1: float, width: float) -> None:
        if abs(y0 - y1) < 0.01:
            out.append(("h", y0, min(x0, x1), max(x0, x1), width))
        elif abs(x0 - x1) < 0.01:
            out.append(("v", x0, min(y0, y1), max(y0, y1), width))

    for line in page.lines:
        segment(line["x0"], line["top"], line["x1"], line["bottom"], line["linewidth"])
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if rect.get("stroke") and rect["linewidth"] > 0:
            for a, b, c, d in ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)):
                segment(a, b, c, d, rect["linewidth"])
        elif rect.get("fill") and min(rect["width"], rect["height"]) < SPLIT:
            if rect["height"] < rect["width"]:
                out.append(("h", (top + bottom) / 2, x0, x1, rect["height"]))
            else:
                out.append(("v", (x0 + x1) / 2, top, bottom, rect["width"]))
    for curve in page.curves:
        if curve.get("stroke"):
            for (a, b), (c, d) in itertools.pairwise(curve["pts"]):
                segment(a, b, c, d, curve["linewidth"])
    return out


def word(page, text: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """The first word (top to bottom) that is ``text`` or starts with it."""
    found = sorted((w for w in page.extract_words() if w["text"].startswith(text)), key=lambda w: (w["top"], w["x0"]))
    assert found, f"{text!r} not printed on the page"
    return found[0]


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each producer's heavy render of the made-up document, drawn on first use."""
    return {}


def heavy_render(producer: str, renders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    skip_unless_installed(producer)
    if producer not in renders:
        out = tmp_path_factory.mktemp(f"heavy-{producer}") / f"{producer}.pdf"
        renderer(producer)(made_up_document(), heavy_variant(producer), out)
        renders[producer] = out
    return renders[producer]


def test_every_producer_draws_heavy_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2032).choice for reportlab, fpdf2, writer, calc, chromium, weasyprint, typst,
    matplotlib and pymupdf, in that order; held out; a solid grid of heavy weight."""
    order = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf")
    rng = random.Random(2032)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix()
             if v.style.name == "heavy" and v.producer in order]  # gnumeric, wkhtmltopdf: own seeds
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in order]
    style = heavy_variant("reportlab").style
    assert (style.rules, style.weight, style.dash, style.double) == ("grid", "heavy", "solid", False)


@pytest.mark.parametrize("producer", list(NEEDS))
def test_the_frame_and_header_rule_are_heavy_and_the_inner_rules_hairlines(
        producer: str, renders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> None:
    """On the list's first page: heavy rules above the header, between the header and row 1, and left of the
    numbers; hairlines between rows 1 and 2 and between the number and description columns; no rule of a
    width in between."""
    import pdfplumber

    hair = HAIR_MAX.get(producer, 0.3)
    with pdfplumber.open(heavy_render(producer, renders, tmp_path_factory)) as pdf:
        page = next(p for p in pdf.pages if "番号" in (p.extract_text() or ""))  # the list opens a page
        drawn = rules(page)
        head, one, two, text = word(page, "番号"), word(page, "1"), word(page, "2"), word(page, "架空")
    assert drawn, "no rule on the list page"
    widths = sorted({round(w, 2) for *_, w in drawn})
    assert all(w >= HEAVY_MIN or w <= hair for w in widths), widths

    def across(orient: str, lo: float, hi: float, at: float) -> set[str]:
        """The kinds (heavy, hair) of the rules of ``orient`` between ``lo`` and ``hi`` that run past ``at``."""
        return {"heavy" if w >= HEAVY_MIN else "hair" for o, pos, a, b, w in drawn
                if o == orient and lo <= pos <= hi and a - 1 <= at <= b + 1}

    middle_x, middle_y = (one["x0"] + one["x1"]) / 2, (one["top"] + one["bottom"]) / 2
    # a producer may lay its inner grid under the heavy rules too (reportlab's INNERGRID): heavy must be there
    assert "heavy" in across("h", head["top"] - 40, head["top"], middle_x)  # the frame's top
    assert "heavy" in across("h", head["bottom"], one["top"], middle_x)  # the rule under the header
    assert across("h", one["bottom"], two["top"], middle_x) == {"hair"}  # between body rows
    assert "heavy" in across("v", 0, one["x0"], middle_y)  # the frame's left side
    assert across("v", one["x1"], text["x0"], middle_y) == {"hair"}  # the rule between two columns


@pytest.mark.parametrize("producer", ["reportlab", "fpdf2", "weasyprint", "typst", "matplotlib", "pymupdf"])
def test_two_heavy_renders_are_the_same_bytes(producer: str, renders: dict[str, Path],
                                              tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    first = heavy_render(producer, renders, tmp_path_factory)
    again = tmp_path / "again.pdf"
    renderer(producer)(made_up_document(), heavy_variant(producer), again)
    assert again.read_bytes() == first.read_bytes()
