"""The rotated table style (dev/producers, issue 11, stop 38 for the next stop): list pages stored sideways.

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report (a summary on the front page, a list that
runs over pages) is drawn by the producers that take a second or two (reportlab,
fpdf2, Typst, matplotlib) in the grid style and in the rotated style, and the two
files are compared by what they store (pikepdf: each page's /Rotate, its MediaBox,
the quarter turn its content starts with) and by what they show (each page
rendered by PDFium, grey, downscaled). What is expected is the style's definition,
written here by hand: the front page stored as grid stores it; every page from the
first list page onward stored on a MediaBox with width and height swapped, its
content turned by a quarter turn, under /Rotate 90 or 270 (the one the variant's
name draws), showing as grid's page does. The same check fails on the grid render,
and on a page given /Rotate without its content turned.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest

from dev.producers import renderer
from dev.producers.model import load_matrix
from dev.producers.rotated import TURNS, rotate_pages, turn, turn_page
from tests import made_up
from tests.flag_styles import assert_drawn_as_seeded, assert_plain_grid_only

CHEAP = ("reportlab", "fpdf2", "typst", "matplotlib")  # Python and Typst: a second or two each
ROWS = 100  # a list that runs over two pages or more in CHEAP's producers
SCALE = 0.5  # 36 dpi: enough to see every rule and line of text, small enough to compare quickly
SAME = 1.0  # mean absolute difference (of 255) under which two renders of a page look the same


def test_every_producer_draws_rotated_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2057).choice for the eighteen producers in their order, held out; a plain grid."""
    assert_drawn_as_seeded("rotated", 2057)


def test_the_model_rotates_a_plain_grid_only() -> None:
    assert_plain_grid_only("rotated", ({"running": True}, {"continued": True}))


def test_each_file_turns_its_pages_one_way_drawn_by_its_name() -> None:
    """turn: random.Random(f"2057 {name}").choice((90, 270)), one per file; both ways among the eighteen."""
    rotated = [v for v in load_matrix() if v.style.name == "rotated"]
    assert TURNS == (90, 270)
    assert [turn(v) for v in rotated] == [random.Random(f"2057 {v.name}").choice((90, 270)) for v in rotated]
    assert {turn(v) for v in rotated} == {90, 270}
    assert turn(made_up.variant("reportlab", "rotated", "portrait")) == 90  # the name's draw, as written in the docs


def stored(path: Path) -> list[tuple[int, tuple[float, ...]]]:
    """Each page's /Rotate and MediaBox, as the file stores them."""
    with pikepdf.open(path) as pdf:
        return [(int(p.obj.get("/Rotate", 0)), tuple(round(float(v), 2) for v in p.mediabox)) for p in pdf.pages]


def first_operators(path: Path) -> list[tuple[str, list[float]]]:
    """Each page's first two content operators and their operands (numbers only)."""
    with pikepdf.open(path) as pdf:
        return [[(str(op), [float(v) for v in operands if isinstance(v, int | Decimal)])
                 for operands, op in pikepdf.parse_content_stream(p)[:2]] for p in pdf.pages]


def images(path: Path) -> list[np.ndarray]:
    """Each page as PDFium shows it (its /Rotate applied), grey."""
    pdf = pdfium.PdfDocument(path)
    try:
        return [np.asarray(pdf[i].render(scale=SCALE).to_pil().convert("L"), dtype=float) for i in range(len(pdf))]
    finally:
        pdf.close()


def problems(grid: Path, rotated: Path, degrees: int) -> list[str]:
    """How ``rotated`` differs from what the style says of it, given the grid render ``grid`` of the same report: the
    front page stored as grid's, every page after it sideways under /Rotate ``degrees`` on the swapped MediaBox, its
    content starting with a quarter turn, every page showing as grid's."""
    found = []
    plain, turned = stored(grid), stored(rotated)
    if len(plain) != len(turned):
        return [f"{len(turned)} pages, grid has {len(plain)}"]
    if turned[0] != plain[0]:
        found.append(f"front page stored {turned[0]}, grid's {plain[0]}")
    for i, ((rot, box), (_, grid_box)) in enumerate(zip(turned, plain, strict=True)):
        if i == 0:
            continue
        if rot != degrees:
            found.append(f"page {i + 1}: /Rotate {rot}, not {degrees}")
        if box != (0, 0, round(grid_box[3] - grid_box[1], 2), round(grid_box[2] - grid_box[0], 2)):
            found.append(f"page {i + 1}: MediaBox {box}, grid's {grid_box} not swapped")
    for i, ops in enumerate(first_operators(rotated)[1:], start=2):
        if [op for op, _ in ops] != ["q", "cm"] or [abs(v) for v in ops[1][1][:4]] != [0, 1, 1, 0]:
            found.append(f"page {i}: content not started by a quarter turn ({ops})")
    for i, (a, b) in enumerate(zip(images(grid), images(rotated), strict=True), start=1):
        if a.shape != b.shape:
            found.append(f"page {i} shows {b.shape[1]}x{b.shape[0]}, grid's {a.shape[1]}x{a.shape[0]}")
        elif (diff := float(np.abs(a - b).mean())) > SAME:
            found.append(f"page {i} shows otherwise than grid's (mean difference {diff:.2f})")
    return found


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("producer", CHEAP)
def test_the_list_pages_are_stored_sideways_and_show_as_grid(tmp_path: Path, producer: str, orientation: str) -> None:
    doc = made_up.made_up_document(ROWS)
    grid, rotated = tmp_path / "grid.pdf", tmp_path / "rotated.pdf"
    variant = made_up.variant(producer, "rotated", orientation)
    renderer(producer)(doc, made_up.variant(producer, "grid", orientation), grid)
    renderer(producer)(doc, variant, rotated)
    assert len(stored(grid)) >= 3  # a front page and a list of two pages or more
    degrees = turn(variant)
    assert problems(grid, rotated, degrees) == []
    assert problems(grid, grid, degrees)  # the grid render is stored upright throughout
    assert [rot for rot, _ in stored(rotated)] == [0] + [degrees] * (len(stored(grid)) - 1)
    # a page given /Rotate alone, its content not turned, shows otherwise: the image check sees it
    with pikepdf.open(grid) as pdf:
        page = pdf.pages[1]
        box = [float(v) for v in page.mediabox]
        page.obj.MediaBox = pikepdf.Array([box[0], box[1], box[0] + box[3] - box[1], box[1] + box[2] - box[0]])
        page.obj.Rotate = degrees
        pdf.save(tmp_path / "careless.pdf")
    assert any("shows" in p for p in problems(grid, tmp_path / "careless.pdf", degrees))


def test_another_style_is_not_turned(tmp_path: Path) -> None:
    """Only the rotated style is post-processed: a continued render stores every page upright."""
    path = tmp_path / "continued.pdf"
    renderer("fpdf2")(made_up.made_up_document(ROWS), made_up.variant("fpdf2", "continued", "portrait"), path)
    assert {rot for rot, _ in stored(path)} == {0}


def test_a_page_off_the_origin_with_a_crop_box_a_rotate_and_a_pattern_shows_as_before(tmp_path: Path) -> None:
    """turn_page on what no producer here writes but a PDF may hold: a MediaBox off the origin, a CropBox inside it,
    a /Rotate already set (the turn adds to it), a fill by a shading pattern (whose space is the page's default
    space, which the content's cm does not reach: its matrix is turned too)."""
    path, turned = tmp_path / "page.pdf", tmp_path / "turned.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(300, 400))
        page = pdf.pages[0]
        page.obj.MediaBox = pikepdf.Array([10, 20, 310, 420])
        page.obj.CropBox = pikepdf.Array([15, 25, 300, 410])
        page.obj.Rotate = 90
        shading = pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB,
                                     Coords=pikepdf.Array([20, 30, 250, 380]),
                                     Function=pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0],
                                                                 C1=[0, 0, 1], N=1))
        page.obj.Resources = pikepdf.Dictionary(Pattern=pikepdf.Dictionary(
            P0=pdf.make_indirect(pikepdf.Dictionary(PatternType=2, Shading=shading))))
        page.obj.Contents = pdf.make_stream(b"/Pattern cs /P0 scn 20 30 230 350 re f 0 g 40 300 60 50 re f")
        pdf.save(path)
        turn_page(pdf, page, 270)
        pdf.save(turned)
    assert stored(turned) == [(0, (0, 0, 400, 300))]  # 90 + 270: upright again, on the swapped box
    with pikepdf.open(turned) as pdf:
        assert [round(float(v), 2) for v in pdf.pages[0].obj.CropBox] == [5, 10, 390, 295]
    before, after = images(path), images(turned)
    assert before[0].shape == after[0].shape and float(np.abs(before[0] - after[0]).mean()) < SAME


def test_a_document_without_lists_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "front.pdf"
    doc = replace(made_up.made_up_document(ROWS), lists=())
    variant = made_up.variant("fpdf2", "rotated", "portrait")
    renderer("fpdf2")(doc, made_up.variant("fpdf2", "grid", "portrait"), path)
    assert rotate_pages(path, variant, doc) == []
    assert {rot for rot, _ in stored(path)} == {0}
