"""The separate table style (dev/producers, issue 11): every cell its own box, a small gap between neighbours' boxes.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's document is drawn by each producer that can draw
the style and read back with pdfplumber's own lists of lines, rectangles and
curves (what was written, not what a table finder makes of it). What is
expected is the style's definition, written here by hand: where a grid has one
rule, a separated grid has two parallel ones (the two neighbouring cells'
sides, or the table's box and the outer cell's side), about 1.5-3 pt apart
(HTML's default border-spacing is 2 px, 1.5 pt of white; each producer spaces
its own way). LibreOffice Writer draws no cell spacing (its DOCX and HTML
imports print a table with cell spacing as thin double borders 0.5 pt apart)
and a spreadsheet has none, so Writer, Calc and Gnumeric draw no separate
variant. A producer whose tool is missing is skipped.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.model import Document, Style, Variant, load_matrix
from tests import made_up
from tests.test_heavy_style import NEEDS, rules, skip_unless_installed, word

Rule = tuple[str, float, float, float, float]  # h or v, its position across, from, to along, its width

ROWS = 40
DRAWN_BY = ("reportlab", "fpdf2", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf", "wkhtmltopdf")
NOT_DRAWN_BY = ("writer", "calc", "gnumeric")  # no cell spacing in LibreOffice's tables nor in a spreadsheet
APART = (1.5, 4.0)  # two parallel rules of the style, centre to centre: a 1.5-3 pt gap and a line's width
SAME = 0.4  # rule positions closer than this are one rule drawn twice (a producer may stroke a side twice)
RING = 1.5  # a filled rectangle with one just inside it (at most this much on every side) is a border drawn as a ring


def made_up_document() -> Document:
    return made_up.made_up_document(ROWS)


def separate_variant(producer: str) -> Variant:
    return next(v for v in load_matrix() if v.producer == producer and v.style.name == "separate")


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each producer's separate render of the made-up document, drawn on first use."""
    return {}


def separate_render(producer: str, renders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    skip_unless_installed(producer)
    if producer not in renders:
        out = tmp_path_factory.mktemp(f"separate-{producer}") / f"{producer}.pdf"
        renderer(producer)(made_up_document(), separate_variant(producer), out)
        renders[producer] = out
    return renders[producer]


def box_sides(x0: float, top: float, x1: float, bottom: float, width: float) -> list[Rule]:
    return [("h", top, x0, x1, width), ("h", bottom, x0, x1, width), ("v", x0, top, bottom, width),
            ("v", x1, top, bottom, width)]


def ring(outer: dict, inner: dict) -> float | None:  # type: ignore[type-arg]
    """The width of the border two filled rectangles draw as one even-odd ring, if ``inner`` lies just inside."""
    gaps = (inner["x0"] - outer["x0"], inner["top"] - outer["top"], outer["x1"] - inner["x1"],
            outer["bottom"] - inner["bottom"])
    return gaps[0] if all(0 < g <= RING for g in gaps) else None


def outlines(page) -> list[Rule]:  # type: ignore[no-untyped-def]
    """Every rule on the page as test_heavy_style.rules lists them, and two kinds it leaves out.

    A stroked rectangle of line width 0 (Chromium's cell boxes: the thinnest line
    the device draws, still printed) and a border drawn as a ring (WeasyPrint
    fills the outer rectangle and the inner one of a box's border as one path,
    even-odd): its sides at the middle of the ring.
    """
    out = rules(page)
    rects = page.rects
    for rect in rects:
        if rect.get("stroke") and rect["linewidth"] == 0:
            out += box_sides(rect["x0"], rect["top"], rect["x1"], rect["bottom"], 0.0)
    for a, b in itertools.pairwise(rects):  # the path's two rectangles, either first
        outer, inner = (a, b) if a["x0"] <= b["x0"] else (b, a)
        width = ring(outer, inner) if outer.get("fill") and inner.get("fill") else None
        if width is not None:
            out += box_sides((outer["x0"] + inner["x0"]) / 2, (outer["top"] + inner["top"]) / 2,
                             (outer["x1"] + inner["x1"]) / 2, (outer["bottom"] + inner["bottom"]) / 2, width)
    return out


def positions(drawn: list[Rule], orient: str, lo: float, hi: float,
              at: float) -> list[float]:
    """The distinct positions of the rules of ``orient`` between ``lo`` and ``hi`` that run past ``at``."""
    found = sorted(pos for o, pos, a, b, _ in drawn if o == orient and lo <= pos <= hi and a - 0.5 <= at <= b + 0.5)
    distinct: list[float] = []
    for pos in found:
        if not distinct or pos - distinct[-1] > SAME:
            distinct.append(pos)
    return distinct


def test_the_producers_that_can_draw_separate_in_the_orientations_the_seed_drew() -> None:
    """matrix.toml: random.Random(2034).choice for reportlab, fpdf2, chromium, weasyprint, typst, matplotlib,
    pymupdf and wkhtmltopdf (held out the same stop, drawing the shared HTML), in that order (writer, calc and gnumeric skipped, drawing nothing); held out; a plain spaced grid."""
    rng = random.Random(2034)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix()
             if v.style.name == "separate" and v.producer in DRAWN_BY]  # a producer added later drew apart (fop)
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in DRAWN_BY]
    style = separate_variant("reportlab").style
    assert (style.rules, style.spacing, style.dash, style.double, style.weight, style.merge, style.shading) == (
        "grid", True, "solid", False, "normal", False, "none")


def test_spacing_is_a_plain_grid_only() -> None:
    """Spaced boxes go with no other rule drawing, merge or shading: the style changes one thing."""
    for other in ({"rules": "hrules"}, {"rules": "grid", "double": True}, {"rules": "grid", "merge": True},
                  {"rules": "grid", "shading": "banded"}, {"rules": "grid", "weight": "heavy"}):
        with pytest.raises(ValueError):
            Style(name="x", spacing=True, **other)  # type: ignore[arg-type]


@pytest.mark.parametrize("producer", DRAWN_BY)
def test_two_parallel_rules_stand_wherever_a_grid_has_one(
        producer: str, renders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> None:
    """On the list's first page: above the header (the table's box and the header cell's top), between the header
    and row 1, between rows 1 and 2, left of the numbers (box and cell) and between the number and description
    columns: exactly two rules each, 1.5-4 pt apart, so no two cells' boxes touch."""
    import pdfplumber

    with pdfplumber.open(separate_render(producer, renders, tmp_path_factory)) as pdf:
        page = next(p for p in pdf.pages if "番号" in (p.extract_text() or ""))  # the list opens a page
        drawn = outlines(page)
        head, one, two, text = word(page, "番号"), word(page, "1"), word(page, "2"), word(page, "架空")
    assert drawn, "no rule on the list page"
    middle_x, middle_y = (one["x0"] + one["x1"]) / 2, (one["top"] + one["bottom"]) / 2
    joints = {
        "above the header": positions(drawn, "h", head["top"] - 30, head["top"], middle_x),
        "under the header": positions(drawn, "h", head["bottom"], one["top"], middle_x),
        "between rows 1 and 2": positions(drawn, "h", one["bottom"], two["top"], middle_x),
        "left of the numbers": positions(drawn, "v", 0, one["x0"], middle_y),
        "between two columns": positions(drawn, "v", one["x1"], text["x0"], middle_y),
    }
    for where, found in joints.items():
        assert len(found) == 2, (where, found)
        assert APART[0] <= found[1] - found[0] <= APART[1], (where, found)


def test_writer_calc_and_gnumeric_draw_no_separate_variant() -> None:
    assert not [v for v in load_matrix() if v.style.name == "separate" and v.producer in NOT_DRAWN_BY]
    assert set(DRAWN_BY) | set(NOT_DRAWN_BY) == set(NEEDS) | {"gnumeric"}


@pytest.mark.parametrize("producer", ["reportlab", "fpdf2", "weasyprint", "typst", "matplotlib", "pymupdf",
                                      "wkhtmltopdf"])
def test_two_separate_renders_are_the_same_bytes(producer: str, renders: dict[str, Path],
                                                 tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    first = separate_render(producer, renders, tmp_path_factory)
    again = tmp_path / "again.pdf"
    renderer(producer)(made_up_document(), separate_variant(producer), again)
    assert again.read_bytes() == first.read_bytes()
