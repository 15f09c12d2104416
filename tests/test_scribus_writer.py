"""The Scribus producer (dev/producers/scribus_writer.py and scribus/report.py) describes each style from the model's
rule helpers, and Scribus lays it out in text frames, lines and rectangles and exports it.

It draws a held-out producer's renders, so nothing here touches the reference
report or the extractor: tests/made_up.py's document is described as report.py
reads it and (where ``scribus`` and ``xvfb-run`` are installed: CI installs
neither) laid out by Scribus and read back with pdfplumber's own text, lines,
rectangles and curves. What the renders are checked for is what was seen on
them: each rule drawn once (collinear cell edges joined into one line), the
header row repeated on every list page, ``- n -`` on every page (Scribus's text
layer names the hyphen-minus glyph U+2012 FIGURE DASH, a glyph IPAex shares),
the double frame as Scribus's multi-line style (a 2.5 pt black line under a
1.5 pt white one), the rounded frame as Bézier curves, the same bytes every run.
"""

from __future__ import annotations

import random
import shutil
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from dev.producers import scribus_writer
from dev.producers.model import MATRIX, Document, Variant, load_matrix
from dev.producers.scribus_writer import description, fixed_stamps, render
from tests import made_up
from tests.test_fop_writer import every_row_with_header_and_page_number, page_objects, upright

ROWS = 60  # enough for the list to run over two pages in either orientation
FIGURE_DASH = "\u2012"  # how Scribus's text layer reads the hyphen-minus IPAex draws
needs_scribus = pytest.mark.skipif(shutil.which("scribus") is None or shutil.which("xvfb-run") is None,
                                   reason="scribus or xvfb-run not installed")
SOLID = ["solid", 0.5, "#000000"]


def test_scribus_draws_every_style_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2046).choice per style in the order of [styles], none skipped but grouped (built
    apart the same stop, not given to Scribus) and once, vertical and centred (stop 34) and notes and distributed
    (stop 35), drawn with the other producers' by their own seeds in test_once_style.py, test_vertical_style.py,
    test_centred_style.py, test_notes_style.py and test_distributed_style.py, and sidebyside (stop 36) in
    test_sidebyside_style.py, titled (stop 36) in test_titled_style.py and running (stop 37) in
    test_running_style.py; continued, stop 37, test_continued_style.py; rotated, stop 38,
    test_rotated_style.py; footed and stacked, stop 39, test_footed_style.py, test_stacked_style.py;
    reordered, stop 40, test_reordered_style.py; sectioned, stop 41, test_sectioned_style.py; held out."""
    matrix = tomllib.loads(MATRIX.read_text(encoding="utf-8"))
    assert "scribus" in matrix["held_out"]["producers"]
    rng = random.Random(2046)
    drawn = [(v.style.name, v.orientation, v.held_out) for v in load_matrix()
             if v.producer == "scribus" and v.style.name not in ("once", "vertical", "centred", "notes", "distributed",
                                                                   "sidebyside", "titled", "running", "continued",
                                                                   "rotated", "footed", "stacked", "reordered",
                                                                   "sectioned")]
    assert drawn == [(s, rng.choice(("portrait", "landscape")), True) for s in matrix["styles"]
                     if s not in ("grouped", "once", "vertical", "centred", "notes", "distributed", "sidebyside",
                                   "titled", "running", "continued", "rotated", "footed", "stacked", "reordered",
                                   "sectioned")]


def made_up_document(rows: int = ROWS) -> Document:
    return made_up.made_up_document(rows, "付録の段落。" * 40)


def variant(style: str, orientation: str = "portrait") -> Variant:
    return made_up.variant("scribus", style, orientation)


def list_table(style: str, rows: int = ROWS) -> dict:  # type: ignore[type-arg]
    return [b for b in description(made_up_document(rows), variant(style))["blocks"] if b["type"] == "table"][-1]


def test_the_description_is_a4_with_both_fonts_and_the_lists_and_appendix_on_new_pages() -> None:
    desc = description(made_up_document(), variant("grid", "landscape"))
    assert desc["page"] == [841.89, 595.28] and description(made_up_document(), variant("grid"))["page"] == [595.28,
                                                                                                           841.89]
    assert desc["fonts"] == {"gothic": "IPAexGothic Regular", "mincho": "IPAexMincho Regular"}
    new_pages = [b["text"] for b in desc["blocks"] if b["type"] == "para" and b["new_page"]]
    assert new_pages == ["資料No.1", "付録の段落。" * 40]
    assert [(b["width"], b["frame"]) for b in desc["blocks"] if b["type"] == "table"] == [(80.0, "none"),
                                                                                         (100.0, "none")]


def test_cell_sides_fills_and_fonts_follow_the_model() -> None:
    grid = list_table("grid")
    assert [c["text"] for c in grid["rows"][0]] == list(made_up.HEADER)
    assert all(c["sides"] == [SOLID] * 4 for row in grid["rows"] for c in row)
    assert {tuple(map(bool, c["sides"])) for row in list_table("hrules")["rows"] for c in row} == {
        (True, True, False, False)}
    frame = list_table("frame")["rows"]
    assert frame[3][1]["sides"] == [None] * 4 and frame[3][1]["break_bottom"] == SOLID  # a page's part closed
    book = list_table("booktabs")["rows"]
    assert book[0][0]["sides"][:2] == [["solid", 1.5, "#000000"], SOLID] and book[5][0]["sides"] == [None] * 4
    white = list_table("whiterules")["rows"]
    assert [white[r][0]["fill"] for r in (0, 1, 2)] == ["#305496", "#D9E1F2", "#B4C6E7"]
    assert white[0][0]["colour"] == "#FFFFFF" and white[1][0]["sides"][0] == ["solid", 1.0, "#FFFFFF"]
    mincho = list_table("mincho")["rows"]
    assert mincho[0][0]["font"] == "gothic" and mincho[1][0]["font"] == "mincho"
    tight = list_table("tight")
    assert tight["pad"] == [0.0] * 4 and tight["leading"] == 1.0
    assert [list_table(s)["frame"] for s in ("double", "separate", "rounded")] == ["double", "separate", "rounded"]


def test_merged_runs_span_rows_and_are_kept_together() -> None:
    merged = list_table("merged")
    spans = [row[2]["span"] for row in merged["rows"][1:] if row[2]]
    assert max(spans) > 1 and sum(spans) == ROWS
    covered = [r for r, row in enumerate(merged["rows"]) if row[2] is None]
    assert covered and not {a for a, _ in merged["groups"]} & set(covered)  # a group opens with its merged cells
    assert sum(b - a for a, b in merged["groups"]) == ROWS
    assert list_table("grid")["groups"] == [[r, r + 1] for r in range(1, ROWS + 1)]


def test_the_run_stamps_are_fixed_in_as_many_bytes() -> None:
    pdf = (b"<</BaseFont/QWERTY+IPAexGothic>> <</BaseFont/QWERTY+IPAexGothic>> <</BaseFont/ZXCVBN+IPAexMincho>>\n"
           b"/CreationDate (D:20261204204403Z)\n/ModDate (D:20261204204403Z)\n"
           b"/ID [<55c1b2cc331478cbccc623849cbafd29><55c1b2cc331478cbccc623849cbafd29>]>>\n%%EOF\n")
    fixed = fixed_stamps(pdf)
    assert len(fixed) == len(pdf) and b"QWERTY" not in fixed and b"55c1b2cc" not in fixed and b"2026" not in fixed
    assert fixed.count(b"AAAAAA+IPAexGothic") == 2 and b"AAAAAB+IPAexMincho" in fixed
    assert fixed.count(scribus_writer.CREATED) == 2
    assert fixed == fixed_stamps(pdf.replace(b"QWERTY", b"POIUYT").replace(b"55c1b2cc", b"00000000")
                                 .replace(b"204403", b"215959"))


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The made-up document laid out by Scribus in the styles read below (portrait; hrules landscape)."""
    if shutil.which("scribus") is None or shutil.which("xvfb-run") is None:
        pytest.skip("scribus or xvfb-run not installed")
    folder = tmp_path_factory.mktemp("scribus")
    out = {}
    for style in ("hrules", "grid", "double", "rounded"):
        out[style] = folder / f"{style}.pdf"
        render(made_up_document(), variant(style, "landscape" if style == "hrules" else "portrait"), out[style])
    return out


@needs_scribus
def test_every_row_is_printed_on_a4_by_scribus_with_the_header_and_page_number_on_each_page(
        renders: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(renders["hrules"]) as pdf:
        meta = pdf.metadata
        assert meta["Producer"].startswith("Scribus") and meta["CreationDate"] == scribus_writer.CREATED.decode()
        assert all((round(page.width), round(page.height)) == (842, 595) for page in pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
    assert all(f"{FIGURE_DASH} {n} {FIGURE_DASH}" in text for n, text in enumerate(texts, start=1))
    lines = every_row_with_header_and_page_number([text.replace(FIGURE_DASH, "-") for text in texts])
    assert "区長 1 2 3 4" in lines


@needs_scribus
def test_two_runs_write_the_same_bytes(renders: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "hrules.pdf"
    render(made_up_document(), variant("hrules", "landscape"), again)
    assert again.read_bytes() == renders["hrules"].read_bytes()


@needs_scribus
def test_each_grid_rule_is_one_line_across_the_table(renders: dict[str, Path]) -> None:
    lines, rects = page_objects(renders["grid"])
    assert not rects and {round(line["linewidth"], 2) for line in lines} == {0.5}
    flat = [line for line in lines if abs(line["top"] - line["bottom"]) < 0.01]
    assert len({round(line["x0"], 1) for line in flat}) == 1 and len({round(line["x1"], 1) for line in flat}) == 1
    assert max(Counter(round(line["top"], 1) for line in flat).values()) == 1  # each row's rule drawn once
    assert len({round(line["x0"], 1) for line in upright(lines)}) == len(made_up.HEADER) + 1


@needs_scribus
def test_the_double_frame_is_a_white_line_over_a_black_one(renders: dict[str, Path]) -> None:
    lines, rects = page_objects(renders["double"])
    strokes = [(round(o["linewidth"], 2), tuple(o["stroking_color"])) for o in rects]
    assert strokes == [(2.5, (0.0, 0.0, 0.0)), (1.5, (1.0, 1.0, 1.0))]  # the frame: black first, white over it
    header = [o for o in lines if round(o["linewidth"], 2) in (1.5, 2.5)]
    assert [round(o["linewidth"], 2) for o in header] == [2.5, 1.5]  # the rule under the header, likewise


@needs_scribus
def test_the_rounded_frame_has_curved_corners(renders: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(renders["rounded"]) as pdf:
        assert pdf.pages[1].curves  # the frame's and the header fill's rounded rectangles
    with pdfplumber.open(renders["grid"]) as pdf:
        assert not pdf.pages[1].curves
