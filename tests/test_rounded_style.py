"""The rounded table style (dev/producers, issue 11, stop 30): a full grid in a frame with rounded corners.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's document is drawn by the producers that need no
office suite or browser and read back with pdfplumber's own lists of lines,
rectangles and curves (what was written, not what a table finder makes of it).
What is expected is the style's definition, written here by hand: at each of
the table's four outer corners a curve (a path whose points spread over the
corner's radius in both directions) and no straight stroked rule through the
corner point itself; a grey fill (#C8C8C8, about 0.78) at the table's top, the
header row. The same check on the grid style must find square corners and no
curve (so that it can fail). Where a list runs over pages, what each producer
natively does with a page's part is written down per producer (below).
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.html import style_css
from dev.producers.latex_tables import packages, table_latex
from dev.producers.model import ROUND_RADIUS, Style, is_shaded, load_matrix
from dev.producers.rounded import KAPPA, outline
from tests import made_up

ORDER = ("reportlab", "fpdf2", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf", "wkhtmltopdf",
         "latex")  # the producers that can draw it, in the order random.Random(2040) drew the orientations in
CANNOT = {"writer", "calc", "gnumeric", "abiword"}  # no corner radius in their cell or table borders
DRAWN_HERE = ("reportlab", "fpdf2", "weasyprint", "typst", "matplotlib", "pymupdf")  # pure Python, seconds each
GREY = (0.77, 0.80)  # #C8C8C8 as a fraction, by the style's definition
LONG = 200  # a list that runs over three pages or more
# What each producer natively does with a page's part of a list (seen on these renders): reportlab's own rounded
# tables round every part's top (its repeated header) but only the last part's foot (square where a page breaks
# them); where a page breaks MuPDF's table, its last row's own bottom rule runs into the part's foot corners (white
# slivers hide its ends outside the curves, but the rule is in the file); MuPDF's Story repeats no header row, so
# later parts have no grey at their top.
SQUARE_FOOT_AT_A_BREAK = {"reportlab", "pymupdf"}
NO_REPEATED_HEADER = {"pymupdf"}
CORNERS = ("tl", "tr", "bl", "br")


def test_the_nine_producers_draw_rounded_in_the_orientations_the_seed_drew() -> None:
    """matrix.toml: random.Random(2040).choice for the nine producers in ORDER, held out; the four that cannot draw a
    corner radius have no rounded variant."""
    rng = random.Random(2040)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix()
             if v.style.name == "rounded" and v.producer in ORDER]  # a producer added later drew apart (fop)
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    assert not CANNOT & {v.producer for v in load_matrix() if v.style.name == "rounded"}
    style = next(v.style for v in load_matrix() if v.style.name == "rounded")
    assert (style.rules, style.corners, style.shading, style.merge) == ("grid", "rounded", "header", False)


def test_the_model_allows_rounded_corners_on_a_plain_grid_only() -> None:
    with pytest.raises(ValueError):
        Style("x", rules="hrules", corners="rounded")
    with pytest.raises(ValueError):
        Style("x", rules="grid", corners="rounded", shading="banded")
    with pytest.raises(ValueError):
        Style("x", rules="grid", corners="oval")
    assert is_shaded("header", 0) and not any(is_shaded("header", r) for r in range(1, 5))


def test_the_outline_corners_are_quarter_circles() -> None:
    """Each of the four curves' midpoint lies on the circle of ROUND_RADIUS around its corner's centre (a cubic with
    KAPPA control points is off by under 0.03% of the radius), in either y direction."""
    r = ROUND_RADIUS
    for y0, y1 in ((10.0, 110.0), (110.0, 10.0)):
        path = outline(0.0, y0, 200.0, y1, r)
        assert path.curves() == 4
        here = path.start
        for segment in path.segments:
            if len(segment) == 3:
                (x1_, y1_), (x2_, y2_), (x3, y3) = segment
                mid = ((here[0] + 3 * x1_ + 3 * x2_ + x3) / 8, (here[1] + 3 * y1_ + 3 * y2_ + y3) / 8)
                centre = (here[0] if abs(here[0] - x3) > r / 2 and here[0] not in (0.0, 200.0) else x3,
                          here[1] if here[0] in (0.0, 200.0) else y3)
                assert abs(math.dist(mid, centre) - r) < 0.01 * r, (segment, centre)
            here = segment[-1]
        assert here == path.start
    assert outline(0, 0, 100, 50, r, top=False).curves() == 2 and 0.55 < KAPPA < 0.56


def test_the_html_producers_round_the_table_border() -> None:
    """Chromium, WeasyPrint and wkhtmltopdf: separated borders (a collapsed table ignores border-radius), the table's
    own rounded border, the header's grey."""
    css = style_css(made_up.variant("chromium", "rounded", "portrait"))
    assert "border-collapse: separate" in css and f"border-radius: {ROUND_RADIUS:g}pt" in css
    assert "th { background: #C8C8C8; }" in css
    assert "border-radius" not in style_css(made_up.variant("chromium", "grid", "portrait"))


def test_latex_draws_the_corners_with_tikz_arcs() -> None:
    """LaTeX: TikZ loaded, the header row grey (colortbl), the frame's top a band of arcs in the repeated head, its
    foot an overlay of arcs at every page's foot and under the last row; no straight \\hline as the frame's top."""
    variant = made_up.variant("latex", "rounded", "portrait")
    assert "\\usepackage{tikz}" in packages(variant.style)
    source = table_latex(made_up.made_up_document(12).lists[0].table, variant, "list")
    head, _, rest = source.partition("\\endhead")
    assert head.count("arc[") == 4 and "\\rowcolor{head}" in head  # two corners, filled grey and stroked and "\\hline\n\\multicolumn" not in head
    foot, _, body = rest.partition("\\endlastfoot")
    assert foot.count("arc[") == 4 and "[overlay]" in foot  # two arcs for the slivers, two for the edge
    assert body.rstrip().split("\n")[-2].count("[overlay]") == 1


def rule_segments(page) -> list[tuple[tuple[float, float], tuple[float, float]]]:  # type: ignore[no-untyped-def]
    """Every straight rule on the page (top-down coordinates): lines, the edges of stroked rectangles and the centre
    lines of thin filled ones (the browsers' and MuPDF's borders are filled rectangles)."""
    out = [(line["pts"][0], line["pts"][-1]) for line in page.lines]
    for rect in page.rects:
        x0, t, x1, b = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if rect.get("stroke"):
            out += [((x0, t), (x1, t)), ((x0, b), (x1, b)), ((x0, t), (x0, b)), ((x1, t), (x1, b))]
        elif rect.get("fill") and min(x1 - x0, b - t) < 2.0:
            middle = ((x0, (t + b) / 2), (x1, (t + b) / 2)) if x1 - x0 >= b - t else (((x0 + x1) / 2, t), ((x0 + x1) / 2, b))
            out.append(middle)
    return out


def distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """From point p to segment ab."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def table_box(page) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """The table's outer edges: every rule, fill and curve on the page but white fills (a page's background, white
    painted over a fill's corners) is the table's (the rest is text)."""
    objects = [o for o in page.lines + page.rects + page.curves if not (o.get("fill") and not o.get("stroke")
                                                                         and is_white(o.get("non_stroking_color")))]
    return (min(o["x0"] for o in objects), min(o["top"] for o in objects),
            max(o["x1"] for o in objects), max(o["bottom"] for o in objects))


def is_white(colour: object) -> bool:
    values = colour if isinstance(colour, tuple | list) else (colour,)
    return bool(values) and all(isinstance(v, float | int) and v >= 0.99 for v in values)


def bezier_points(page) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """The points (ends and controls) of every cubic Bézier segment (``c``) of every path on the page."""
    out = []
    for curve in page.curves:
        here = None
        for op, *points in curve.get("path") or []:
            if op == "c" and here is not None:
                out += [here, *points]
            here = points[-1] if points else here
    return out


def corners(page) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """For each outer corner of the page's table: rounded (the Bézier segments within the corner's square spread at
    least half the radius across and down, and no straight rule passes within 1 pt of the corner point)."""
    x0, top, x1, bottom = table_box(page)
    reach = ROUND_RADIUS + 1.0
    points = {"tl": (x0, top), "tr": (x1, top), "bl": (x0, bottom), "br": (x1, bottom)}
    segments, curved = rule_segments(page), bezier_points(page)
    out = {}
    for name, (cx, cy) in points.items():
        near = [(x, y) for x, y in curved if abs(x - cx) <= reach and abs(y - cy) <= reach]
        spread = bool(near) and (max(x for x, _ in near) - min(x for x, _ in near) >= ROUND_RADIUS / 2
                                 and max(y for _, y in near) - min(y for _, y in near) >= ROUND_RADIUS / 2)
        square = any(distance((cx, cy), a, b) < 1.0 for a, b in segments)
        out[name] = spread and not square
    return out


def grey_at_top(page) -> bool:  # type: ignore[no-untyped-def]
    """A filled grey object (#C8C8C8) whose top is the table's top (within 1.5 pt): the header row's fill."""
    top = table_box(page)[1]
    for obj in page.rects + page.curves:
        colour = obj.get("non_stroking_color")
        values = colour if isinstance(colour, tuple | list) else (colour,)
        grey = bool(values) and all(isinstance(v, float | int) and GREY[0] <= v <= GREY[1] for v in values)
        if obj.get("fill") and grey and abs(obj["top"] - top) <= 1.5:
            return True
    return False


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The made-up report (a summary on page one, a list of LONG rows over pages) in rounded and in grid."""
    import pdfplumber

    folder = tmp_path_factory.mktemp("rounded")
    doc = made_up.made_up_document(LONG)
    out = {}
    for producer in DRAWN_HERE:
        for style in ("rounded", "grid"):
            path = folder / f"{producer}-{style}.pdf"
            renderer(producer)(doc, made_up.variant(producer, style, "portrait"), path)
            out[(producer, style)] = path
    with pdfplumber.open(out[("typst", "rounded")]) as pdf:
        assert len(pdf.pages) >= 4  # the list runs over pages, or the page checks below check nothing
    return out


def list_pages(path: Path) -> list:  # type: ignore[type-arg]
    """pdfplumber's pages of the list: those with a rule or a fill but white, after the first (the summary's); the
    appendix has none."""
    import pdfplumber

    pdf = pdfplumber.open(path)
    return [p for p in pdf.pages[1:] if any(o.get("stroke") or not is_white(o.get("non_stroking_color"))
                                            for o in p.lines + p.rects + p.curves)]


@pytest.mark.parametrize("producer", DRAWN_HERE)
def test_the_summary_has_four_rounded_corners_and_a_grey_header(producer: str,
                                                                  renders: dict[tuple[str, str], Path]) -> None:
    import pdfplumber

    with pdfplumber.open(renders[(producer, "rounded")]) as pdf:
        assert corners(pdf.pages[0]) == dict.fromkeys(CORNERS, True)
        assert grey_at_top(pdf.pages[0])
    with pdfplumber.open(renders[(producer, "grid")]) as pdf:  # the check fails on a square grid
        assert corners(pdf.pages[0]) == dict.fromkeys(CORNERS, False)
        assert not grey_at_top(pdf.pages[0])


@pytest.mark.parametrize("producer", DRAWN_HERE)
def test_each_page_of_a_long_list_is_framed_as_its_producer_frames_it(producer: str,
                                                                      renders: dict[tuple[str, str], Path]) -> None:
    """Every page's part rounded at all four corners, but reportlab's and MuPDF's (square at the foot of a part a
    page break ends); the header's grey at the top of every part, but MuPDF's later parts (no repeated header)."""
    pages = list_pages(renders[(producer, "rounded")])
    assert len(pages) >= 3
    found = [corners(p) for p in pages]
    if producer in SQUARE_FOOT_AT_A_BREAK:
        assert found[:-1] == [{"tl": True, "tr": True, "bl": False, "br": False}] * (len(pages) - 1)
        assert found[-1] == dict.fromkeys(CORNERS, True)
    else:
        assert found == [dict.fromkeys(CORNERS, True)] * len(pages)
    greys = [grey_at_top(p) for p in pages]
    assert greys == ([True] + [False] * (len(pages) - 1) if producer in NO_REPEATED_HEADER else [True] * len(pages))
