"""The tight table style (dev/producers, issue 11, stop 32): a full grid whose cells have no padding.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's document (a four-column summary, a five-column
list whose descriptions wrap) is drawn by each producer whose tool is installed
(CI installs none of the external ones: those tests skip) and read back with
pdfplumber's own characters, lines and rectangles. What is expected is the
style's definition, written here by hand: every cell ruled as under grid, and
between a cell's text and its rules no more than MAX_GAP: a wrapped cell's text
fills its width, so its left or right edge is on a rule; every row's first line
on the rule above (in one cell at least: a header centred down its row may sit
lower); and every row's last line on the rule below, in the cell with the most
lines. The same measure on the grid style's render must find the padding (so
that it can fail). A character's box is IPAex's em box on its baseline (the
font's ascender to its descender, 1 em), not what each producer's font
descriptor makes pdfplumber say.
"""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.html import style_css
from dev.producers.latex_writer import preamble
from dev.producers.model import Document, Style, load_matrix
from dev.producers.pdflibs import table_commands
from tests import made_up
from tests.test_whiterules_style import drawn_rules

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext")  # the order random.Random(2044)
# drew in (itext, built apart the same stop, was given tight at the merge with the sixteenth draw)
MAX_GAP = 1.0  # points between a text's box and a rule's edge
# what a producer cannot bring under MAX_GAP, in points, by side (matrix.toml's tight paragraph says why): Calc has no
# cell padding to set and fits no row to its text on loading an .xlsx, so a row estimated a line too tall keeps it
# (one 8 pt line at the sheet's print scale); Gnumeric sets a cell's text its own 1.75 pt from the side rules;
# AbiWord's ODF import drops fo:padding and keeps its own cell margins (its tight prints as its grid); LaTeX's array
# strut keeps 0.3 baselineskip under a row's last baseline, 0.18 em more than IPAex's descender; Calligra lays a
# summary's 9 pt lines at its own 1.2 em; wkhtmltopdf sizes rows in whole CSS pixels of 0.576 pt (up to two more).
ALLOWED: dict[str, dict[str, float]] = {"calc": {"bottom": 7.5}, "gnumeric": {"side": 2.0},
                                        "abiword": {"side": 2.5, "top": 1.5, "bottom": 2.5},
                                        "latex": {"bottom": 2.0}, "calligra": {"bottom": 1.75},
                                        "wkhtmltopdf": {"bottom": 1.25}}
UNSET = ("abiword", "calc", "gnumeric")  # their sides as under grid: no input reaches their cell margins
ROWS = 40  # a list that runs over a page or two
ASCENDER = 0.88  # IPAex Gothic's and Mincho's, in em (1802 of 2048 units; the descender 246: one em in all)


def test_every_producer_draws_tight_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2044).choice for the sixteen producers in ORDER, held out; a plain full grid."""
    rng = random.Random(2044)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix()
             if v.style.name == "tight" and v.producer in ORDER]  # scribus (stop 33): its own seed
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "tight")
    assert (style.rules, style.padding, style.shading, style.merge, style.dash) == ("grid", "none", "none", False,
                                                                                     "solid")
    assert all(v.style.padding == "normal" for v in load_matrix() if v.style.name != "tight")


def test_the_model_takes_no_padding_on_a_plain_grid_only() -> None:
    Style("x", rules="grid", padding="none")
    for bad in ({"padding": "small"}, {"padding": "none", "rules": "hrules"}, {"padding": "none", "merge": True},
                {"padding": "none", "shading": "banded"}, {"padding": "none", "dash": "dotted"},
                {"padding": "none", "spacing": True}, {"padding": "none", "corners": "rounded"}):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "grid", **bad})  # type: ignore[arg-type]


def test_the_sources_set_no_padding() -> None:
    """The CSS (Chromium, WeasyPrint, wkhtmltopdf, PyMuPDF), reportlab's TableStyle and LaTeX's preamble; grid keeps
    its padding."""
    assert "td, th { padding: 0; line-height: 1; }" in style_css(made_up.variant("chromium", "tight", "portrait"))
    assert "padding: 0;" not in style_css(made_up.variant("chromium", "grid", "portrait"))
    table = made_up.made_up_document(4).lists[0].table
    pads = {c[0]: c[3] for c in table_commands(table, made_up.variant("reportlab", "tight", "portrait"), "list")
            if c[0].endswith("PADDING")}
    assert pads == {"LEFTPADDING": 0, "RIGHTPADDING": 0, "TOPPADDING": 0, "BOTTOMPADDING": 0}
    assert "\\tabcolsep{0pt}\\renewcommand\\arraystretch{1}" in preamble(made_up.variant("latex", "tight", "portrait"))


def test_the_odt_cells_have_no_padding(tmp_path: Path) -> None:
    """What Writer, AbiWord and Calligra print from: fo:padding 0 on every cell, grid's four sides ruled."""
    pytest.importorskip("odf")
    import xml.etree.ElementTree as ET
    import zipfile

    from dev.producers.office import odt_document

    path = tmp_path / "tight.odt"
    odt_document(made_up.made_up_document(4), made_up.variant("writer", "tight", "portrait"), path)
    root = ET.fromstring(zipfile.ZipFile(path).read("content.xml"))
    fo = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
    cells = [e for e in root.iter() if e.tag.endswith("table-cell-properties")]
    assert cells and all(e.get(f"{fo}padding") == "0cm" for e in cells)
    assert all(e.get(f"{fo}border-{side}") == "0.5pt solid #000000" for e in cells
               for side in ("top", "bottom", "left", "right"))


def wrapping_document(rows: int) -> Document:
    """tests/made_up.py's report with every other description three times as long: it wraps in every producer."""
    doc = made_up.made_up_document(rows)
    table = doc.lists[0].table
    body = tuple(row[:1] + (row[1] * (3 if n % 2 else 1),) + row[2:] for n, row in enumerate(table.rows[1:], 1))
    return replace(doc, lists=(replace(doc.lists[0], table=replace(table, rows=table.rows[:1] + body)),))


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The made-up report in tight and grid by every producer whose tool is installed."""
    folder = tmp_path_factory.mktemp("tight")
    doc = wrapping_document(ROWS)
    out = {}
    for producer in ORDER:
        if not made_up.installed(producer):
            continue
        for style in ("tight", "grid"):
            path = folder / f"{producer}-{style}.pdf"
            renderer(producer)(doc, made_up.variant(producer, style, "portrait"), path)
            out[(producer, style)] = path
    return out


Segment = tuple[float, float, float, float]  # a rule's two edges across it, its extent along it


def rule_segments(page, producer: str) -> tuple[list[Segment], list[Segment]]:  # type: ignore[no-untyped-def]
    """The page's dark vertical and horizontal rules as (edge, edge, start, end), a rule's width between its edges."""
    vs, hs = [], []
    for kind, at, start, end, width, colour in drawn_rules(page, producer):
        if end - start < 2 or (colour is not None and min(colour) > 0.5):
            continue
        (vs if kind == "v" else hs).append((at - width / 2, at + width / 2, start, end))
    return vs, hs


def nearest(segments: list[Segment], centre: float, along: float, before: bool) -> Segment | None:
    """The rule nearest a character's centre on one side (``before``: left or above) among those that reach it."""
    reach = [s for s in segments if s[2] - 0.5 <= along <= s[3] + 0.5 and ((s[0] + s[1]) / 2 < centre) == before]
    if not reach:
        return None
    return (max if before else min)(reach, key=lambda s: (s[0] + s[1]) / 2)


def cell_gaps(page, producer: str) -> list[dict[str, float]]:  # type: ignore[no-untyped-def]
    """Each ruled cell's text on the page: its gaps to the rules around it (left, right, top, bottom, in points),
    its lines and the key of its row (the rules above and below it)."""
    vs, hs = rule_segments(page, producer)
    cells: dict[tuple[float, ...], list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    for char in page.chars:
        if not char["text"].strip():
            continue
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        sides = (nearest(vs, cx, cy, True), nearest(vs, cx, cy, False), nearest(hs, cy, cx, True),
                 nearest(hs, cy, cx, False))
        if all(sides):
            cells[tuple(round((s[0] + s[1]) / 2, 1) for s in sides if s)].append({"char": char, "sides": sides})
    out = []
    for key, found in cells.items():
        left, right, top, bottom = found[0]["sides"]
        chars = [f["char"] for f in found]
        boxes = [em_box(page, c) for c in chars]
        out.append({"left": min(c["x0"] for c in chars) - left[1], "right": right[0] - max(c["x1"] for c in chars),
                    "top": min(b[0] for b in boxes) - top[1], "bottom": bottom[0] - max(b[1] for b in boxes),
                    "lines": len({round(b[0]) for b in boxes}), "row": key[2:]})
    return out


def em_box(page, char: dict) -> tuple[float, float]:  # type: ignore[no-untyped-def, type-arg]
    """A character's top and bottom as IPAex's em box from its baseline (ascender 0.88 em, descender 0.12 em): what
    pdfplumber's own top and bottom say depends on the ascent and descent each producer writes into the font's
    descriptor (Calc's has no descent, cairo's is the font's bounding box)."""
    baseline = page.height - char["matrix"][5]
    return baseline - ASCENDER * char["size"], baseline + (1 - ASCENDER) * char["size"]


def gaps(path: Path, producer: str) -> dict[str, list[float]]:
    """Over every table page: each wrapped cell's nearer side (left or right), each row's smallest top gap and the
    bottom gap of its cell with the most lines."""
    import pdfplumber

    out: dict[str, list[float]] = {"side": [], "top": [], "bottom": []}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows: dict[tuple[float, ...], list[dict[str, float]]] = defaultdict(list)
            for cell in cell_gaps(page, producer):
                rows[cell["row"]].append(cell)  # type: ignore[index]
                if cell["lines"] >= 2:
                    out["side"].append(min(cell["left"], cell["right"]))
            for row in rows.values():
                out["top"].append(min(c["top"] for c in row))
                out["bottom"].append(max(row, key=lambda c: c["lines"])["bottom"])
    return out


@pytest.mark.parametrize("producer", ORDER)
def test_the_text_is_on_the_rules(producer: str, renders: dict[tuple[str, str], Path]) -> None:
    """Every wrapped cell's text within MAX_GAP of its left or right rule, every row's first line of the rule above
    and its fullest cell's last line of the rule below; the grid render leaves more than that (its padding)."""
    if (producer, "tight") not in renders:
        pytest.skip(f"{made_up.TOOLS[producer]} is not installed")
    tight, grid = gaps(renders[(producer, "tight")], producer), gaps(renders[(producer, "grid")], producer)
    assert len(tight["side"]) >= 10 and len(tight["top"]) >= 10, tight
    for side in ("side", "top", "bottom"):
        limit = ALLOWED.get(producer, {}).get(side, MAX_GAP)
        assert max(tight[side]) <= limit, (side, sorted(tight[side])[-5:])
        assert min(tight[side]) >= -1.5, (side, sorted(tight[side])[:5])  # on the rule, not through it
    if producer == "abiword":  # tight prints as grid: the test shows what it draws, and that it is no less
        assert tight == grid
        return
    assert statistics.median(grid["top"]) > MAX_GAP or statistics.median(grid["bottom"]) > MAX_GAP, grid
    if producer not in UNSET:
        assert statistics.median(grid["side"]) > MAX_GAP, grid
