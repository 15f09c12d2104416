"""The whiterules table style (dev/producers, issue 11): every cell filled, the grid drawn only as white rules.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's document is drawn by each producer and read back
with pdfplumber's own lists of lines, rectangles, curves and characters (what
was written, not what a table finder makes of it). What is expected is the
style's definition, written here by hand, as Excel's table styles print: the
header row filled dark with white text, the body rows filled in two light tints
that alternate, the first body row the lighter, body text black, and every rule
white (about 1 pt: Chromium's one CSS pixel is 0.75 pt, wkhtmltopdf's 0.576 pt,
Calc scales a list sheet to the page width), no dark rule at all. A producer
whose tool is missing is skipped.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import shutil
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.model import BODY_TINTS, HEADER_TINT, Style, Variant, load_matrix
from tests import made_up
from tests.test_heavy_style import word

Colour = tuple[float, float, float]
Rule = tuple[str, float, float, float, float, Colour]  # h or v, position across, from, to along, width, colour

ROWS = 12
ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf")  # the order random.Random(2035) drew the orientations in
NEEDS = {  # what each producer runs: a Python module or a program
    "reportlab": ("reportlab", None), "fpdf2": ("fpdf", None), "writer": ("odf", "soffice"),
    "calc": ("openpyxl", "soffice"), "chromium": (None, "chromium"), "weasyprint": ("weasyprint", None),
    "typst": ("typst", None), "matplotlib": ("matplotlib", None), "pymupdf": ("pymupdf", None),
    "gnumeric": ("openpyxl", "ssconvert"), "wkhtmltopdf": (None, "wkhtmltopdf"),
}
WHITE: Colour = (1.0, 1.0, 1.0)
WIDTH = (0.5, 1.6)  # a white rule's width: 1 pt, or what a producer makes of it (0.576-1 pt)
# Typst writes no line width for a 1 pt stroke (the PDF's default), which pdfminer reports as 0
DEFAULT_WIDTH = {"typst": 1.0}
THIN = 4.0  # a filled rectangle thinner than this is a rule drawn as a fill
CLOSE = 0.02  # colour components closer than this are one colour


def hex_colour(value: str) -> Colour:
    value = value.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def rgb(colour) -> Colour | None:  # type: ignore[no-untyped-def]
    """pdfplumber's colour (a grey, an RGB triple) as RGB; None when unset or in another space."""
    if colour is None:
        return None
    values = tuple(float(v) for v in colour) if isinstance(colour, (list, tuple)) else (float(colour),)
    if len(values) == 1:
        return (values[0],) * 3
    return values if len(values) == 3 else None  # type: ignore[return-value]


def same(a: Colour | None, b: Colour) -> bool:
    return a is not None and all(abs(x - y) < CLOSE for x, y in zip(a, b, strict=True))


def whiterules_variant(producer: str) -> Variant:
    return next(v for v in load_matrix() if v.producer == producer and v.style.name == "whiterules")


def skip_unless_installed(producer: str) -> None:
    module, program = NEEDS[producer]
    if module and importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    if program and shutil.which(program) is None:
        pytest.skip(f"{program} is not installed")


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each producer's whiterules render of the made-up document, drawn on first use."""
    return {}


def whiterules_render(producer: str, renders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    skip_unless_installed(producer)
    if producer not in renders:
        out = tmp_path_factory.mktemp(f"whiterules-{producer}") / f"{producer}.pdf"
        renderer(producer)(made_up.made_up_document(ROWS), whiterules_variant(producer), out)
        renders[producer] = out
    return renders[producer]


def drawn_rules(page, producer: str) -> list[Rule]:  # type: ignore[no-untyped-def]
    """Every rule on the page with its colour: stroked lines, stroked rectangles' sides and stroked paths' straight
    segments (their line width), thin filled rectangles (their thickness)."""
    out: list[Rule] = []
    default = DEFAULT_WIDTH.get(producer, 0.0)

    def segment(x0: float, y0: float, x1: float, y1: float, width: float, colour: Colour) -> None:
        width = width or default
        if abs(y0 - y1) < 0.01:
            out.append(("h", y0, min(x0, x1), max(x0, x1), width, colour))
        elif abs(x0 - x1) < 0.01:
            out.append(("v", x0, min(y0, y1), max(y0, y1), width, colour))

    for line in page.lines:
        segment(line["x0"], line["top"], line["x1"], line["bottom"], line["linewidth"], rgb(line["stroking_color"]))
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if rect.get("stroke"):
            for a, b, c, d in ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)):
                segment(a, b, c, d, rect["linewidth"], rgb(rect["stroking_color"]))
        if rect.get("fill") and min(rect["width"], rect["height"]) < THIN:
            colour = rgb(rect["non_stroking_color"])
            if rect["height"] < rect["width"]:
                out.append(("h", (top + bottom) / 2, x0, x1, rect["height"], colour))  # type: ignore[arg-type]
            else:
                out.append(("v", (x0 + x1) / 2, top, bottom, rect["width"], colour))  # type: ignore[arg-type]
    for curve in page.curves:
        if curve.get("stroke"):
            for (a, b), (c, d) in itertools.pairwise(curve["pts"]):
                segment(a, b, c, d, curve["linewidth"], rgb(curve["stroking_color"]))
    return out


def fills_under(page, x: float, y: float) -> set[Colour]:  # type: ignore[no-untyped-def]
    """The colours of the filled areas (rectangles or closed paths, not thin rules) under the point, white left out
    (a page's or a sheet's white background)."""
    found = set()
    for shape in page.rects + page.curves:
        if (shape.get("fill") and min(shape["width"], shape["height"]) >= THIN
                and shape["x0"] <= x <= shape["x1"] and shape["top"] <= y <= shape["bottom"]):
            colour = rgb(shape["non_stroking_color"])
            if colour is not None and not same(colour, WHITE):
                found.add(tuple(round(c, 2) for c in colour))
    return found  # type: ignore[return-value]


def centre(w: dict) -> tuple[float, float]:  # type: ignore[type-arg]
    return (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2


def test_every_producer_draws_whiterules_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2035).choice for the eleven producers in ORDER; held out; a tinted solid grid
    with white rules, unmerged."""
    rng = random.Random(2035)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix()
             if v.style.name == "whiterules" and v.producer in ORDER]  # latex (stop 29): its own seed
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = whiterules_variant("reportlab").style
    assert (style.rules, style.shading, style.rule_colour, style.dash, style.double, style.weight, style.spacing,
            style.merge) == ("grid", "tinted", "white", "solid", False, "normal", False, False)


def test_white_rules_and_tinted_fills_go_together_on_a_plain_grid() -> None:
    """White rules show on tinted fills only; tinted fills are parted by white rules; the style changes nothing
    else (no other rule drawing, no merged cells)."""
    for spec in ({"shading": "tinted"}, {"rule_colour": "white"}, {"shading": "banded", "rule_colour": "white"},
                 {"shading": "tinted", "rule_colour": "white", "rules": "hrules"},
                 {"shading": "tinted", "rule_colour": "white", "double": True},
                 {"shading": "tinted", "rule_colour": "white", "merge": True},
                 {"shading": "tinted", "rule_colour": "white", "weight": "heavy"},
                 {"rule_colour": "grey"}):
        with pytest.raises(ValueError):
            Style(name="x", **{"rules": "grid", **spec})  # type: ignore[arg-type]
    Style(name="x", rules="grid", shading="tinted", rule_colour="white")


@pytest.mark.parametrize("producer", ORDER)
def test_white_rules_on_tinted_fills_and_no_dark_rule(
        producer: str, renders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> None:
    """On the list's first page: the header cell filled dark under white text, row 1 on the lighter tint and row 2
    on the darker, body text black; a white rule of 0.5-1.6 pt between rows 1 and 2 and between the number and
    description columns; every rule on the page white."""
    import pdfplumber

    with pdfplumber.open(whiterules_render(producer, renders, tmp_path_factory)) as pdf:
        page = next(p for p in pdf.pages if "番号" in (p.extract_text() or ""))  # the list opens a page
        drawn = drawn_rules(page, producer)
        head, one, two, text = word(page, "番号"), word(page, "1"), word(page, "2"), word(page, "架空")
        under = {name: fills_under(page, *centre(w)) for name, w in (("head", head), ("one", one), ("two", two))}
        head_chars = [c for c in page.chars if c["top"] >= head["top"] - 0.5 and c["bottom"] <= head["bottom"] + 0.5
                      and c["x0"] >= head["x0"] - 0.5 and c["x1"] <= head["x1"] + 0.5]
        body_chars = [c for c in page.chars if c["top"] >= text["top"] - 0.5 and c["bottom"] <= text["bottom"] + 0.5
                      and c["x0"] >= text["x0"] - 0.5 and c["x1"] <= text["x1"] + 0.5]
    expected = {"head": HEADER_TINT, "one": BODY_TINTS[0], "two": BODY_TINTS[1]}
    for name, colour in expected.items():
        assert len(under[name]) == 1 and same(next(iter(under[name])), hex_colour(colour)), (name, under[name])
    assert head_chars and all(same(rgb(c["non_stroking_color"]), WHITE) for c in head_chars)
    assert body_chars and all(same(rgb(c["non_stroking_color"]), (0.0, 0.0, 0.0)) for c in body_chars)
    assert drawn, "no rule on the list page"
    dark = [r for r in drawn if not same(r[5], WHITE)]
    assert not dark, dark[:5]
    x, y = centre(one)
    between_rows = [r for r in drawn if r[0] == "h" and one["bottom"] <= r[1] <= two["top"] and r[2] - 0.5 <= x <= r[3] + 0.5]
    between_columns = [r for r in drawn if r[0] == "v" and one["x1"] <= r[1] <= text["x0"] and r[2] - 0.5 <= y <= r[3] + 0.5]
    for where, found in (("between rows 1 and 2", between_rows), ("between two columns", between_columns)):
        assert found, where
        assert all(WIDTH[0] <= r[4] <= WIDTH[1] for r in found), (where, found)


@pytest.mark.parametrize("producer", ["reportlab", "fpdf2", "weasyprint", "typst", "matplotlib", "pymupdf"])
def test_two_whiterules_renders_are_the_same_bytes(producer: str, renders: dict[str, Path],
                                                   tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    first = whiterules_render(producer, renders, tmp_path_factory)
    again = tmp_path / "again.pdf"
    renderer(producer)(made_up.made_up_document(ROWS), whiterules_variant(producer), again)
    assert again.read_bytes() == first.read_bytes()

