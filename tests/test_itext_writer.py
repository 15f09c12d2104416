"""The iText producer (dev/producers/itext_writer.py and itext/Report.java) describes each style from the model's
rule helpers, and iText 5 draws it.

It draws a held-out producer's renders, so nothing here touches the reference
report or the extractor: tests/made_up.py's document is described as Report.java
reads it and (where ``javac`` and Debian's libitext5-java are installed: CI
installs neither) laid out by iText and read back with pdfplumber's own text,
lines, rectangles and curves (what was drawn, not what a table finder makes of
it). What the renders are checked for is what was seen on them: a cell ruled on
four sides strokes one rectangle (a rule between two cells drawn twice), dotted
inner rules as round dots (zero-length dashes), double's frame as two rules 2 pt
apart, heavy's 2.25 pt frame around 0.25 pt hairlines, separate's boxes 2 pt
apart, white 1 pt rules over whiterules' fills, the rounded frame as Bézier
curves; the header row repeated on every page, the page number on every page,
the same bytes every run.
"""

from __future__ import annotations

import random
import re
import shutil
import tomllib
import zlib
from collections import Counter
from pathlib import Path

import pytest

from dev.producers import itext_writer
from dev.producers.itext_writer import description, fixed_stamps, kept_rows, render
from dev.producers.model import HAIR_RULE, HEAVY_RULE, MATRIX, Document, Variant, load_matrix, plan_table
from tests import made_up
from tests.test_fop_writer import every_row_with_header_and_page_number, page_objects, upright

ROWS = 60  # enough for the list to run over two pages in either orientation
needs_itext = pytest.mark.skipif(shutil.which("javac") is None or shutil.which("java") is None
                                 or not all(jar.exists() for jar in itext_writer.JARS),
                                 reason="javac or iText 5 (Debian libitext5-java) not installed")
SOLID = "solid:0.5:#000000"


def test_itext_draws_every_style_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2043).choice per style in the order of [styles], none skipped, but tight, added
    the same stop apart and given to iText at the merge (test_tight_style), and grouped (stop 33), once, vertical and
    centred (stop 34) and notes and distributed (stop 35), drawn with the other producers' (test_grouped_style,
    test_once_style, test_vertical_style, test_centred_style, test_notes_style, test_distributed_style) and sidebyside (stop 36, test_sidebyside_style) and titled (stop 36,
    test_titled_style) and running (stop 37, test_running_style; continued, stop 37, test_continued_style;
    rotated, stop 38, test_rotated_style; footed and stacked, stop 39, test_footed_style, test_stacked_style;
    reordered, stop 40, test_reordered_style;
    sectioned, stop 41, test_sectioned_style); held out in every style, in [held_out]."""
    matrix = tomllib.loads(MATRIX.read_text(encoding="utf-8"))
    assert "itext" in matrix["held_out"]["producers"]
    rng = random.Random(2043)
    drawn = [(v.style.name, v.orientation, v.held_out) for v in load_matrix()
             if v.producer == "itext" and v.style.name not in ("tight", "grouped", "once", "vertical", "centred", "notes",
                                                                "distributed", "sidebyside", "titled", "running", "continued",
                                                                "rotated", "footed", "stacked", "reordered",
                                                                "sectioned")]
    assert drawn == [(s, rng.choice(("portrait", "landscape")), True) for s in matrix["styles"]
                     if s not in ("tight", "grouped", "once", "vertical", "centred", "notes", "distributed", "sidebyside",
                                  "titled", "running", "continued", "rotated", "footed", "stacked", "reordered",
                                  "sectioned")]


def made_up_document(rows: int = ROWS) -> Document:
    return made_up.made_up_document(rows, "付録の段落。" * 40)


def variant(style: str, orientation: str = "portrait") -> Variant:
    return made_up.variant("itext", style, orientation)


def records(style: str, orientation: str = "portrait") -> list[list[str]]:
    return [line.split("\t") for line in description(made_up_document(), variant(style, orientation)).splitlines()]


def list_cells(style: str) -> list[list[str]]:
    """The cell records of the made-up list (the last table), header first."""
    recs = records(style)
    start = max(i for i, r in enumerate(recs) if r[0] == "table")
    return [r for r in recs[start:] if r[0] == "cell"]


def test_the_description_is_a4_with_both_fonts_a_footer_and_the_lists_on_new_pages() -> None:
    recs = records("grid", "landscape")
    assert recs[0][:3] == ["page", "841.89", "595.28"] and records("grid")[0][:3] == ["page", "595.28", "841.89"]
    assert [r[1] for r in recs if r[0] == "font"] == ["gothic", "mincho"]
    assert any(r[0] == "footer" for r in recs)
    new_pages = [r[-1] for r in recs if r[0] == "para" and r[4] == "1"]
    assert new_pages == ["資料No.1", "付録の段落。" * 40]
    tables = [r for r in recs if r[0] == "table"]
    assert [(t[3], t[4]) for t in tables] == [("80", "none"), ("100", "none")]  # the summary, then the list


def test_grid_hrules_frame_and_partial_sides_follow_the_model() -> None:
    grid = list_cells("grid")
    assert {tuple(c[8:12]) for c in grid} == {(SOLID,) * 4}
    assert [c[-1] for c in grid[:5]] == list(made_up.HEADER)
    assert {tuple(c[8:12]) for c in list_cells("hrules")} == {(SOLID, SOLID, "-", "-")}
    frame = list_cells("frame")
    assert tuple(frame[0][8:12]) == (SOLID, SOLID, SOLID, "-") and tuple(frame[7][8:12]) == ("-",) * 4
    partial = list_cells("partial")[5:10]  # the first body row: a side only where column_rule_after draws one
    assert [(c[10] != "-", c[11] != "-") for c in partial] == [(True, False), (False, True), (True, False),
                                                               (False, True), (True, True)]
    assert all(c[8] == c[9] == SOLID for c in partial)


def test_dotted_double_heavy_and_booktabs_sides() -> None:
    dotted = list_cells("dotted")
    assert tuple(dotted[6][8:12]) == ("dotted:0.5:#000000",) * 4  # an inner cell
    assert dotted[5][10] == SOLID and dotted[0][8] == SOLID  # the frame solid
    double = list_cells("double")
    assert tuple(double[6][8:12]) == ("-", SOLID, SOLID, SOLID)  # row 1's top: the table event's double rule
    assert [r[4] for r in records("double") if r[0] == "table"] == ["double", "double"]
    heavy = list_cells("heavy")
    assert tuple(heavy[0][8:12]) == (f"solid:{HEAVY_RULE:g}:#000000",) * 3 + (f"solid:{HAIR_RULE:g}:#000000",)
    assert heavy[6][8] == f"solid:{HAIR_RULE:g}:#000000"  # the header's bottom alone is the heavy header rule
    book = list_cells("booktabs")
    assert tuple(book[0][8:12]) == ("solid:1.5:#000000", "solid:0.5:#000000", "-", "-")
    assert tuple(book[-1][8:12]) == ("-", "solid:1.5:#000000", "-", "-")
    assert {tuple(c[8:12]) for c in book[5:-5]} == {("-",) * 4}


def test_fills_separate_and_rounded() -> None:
    white = list_cells("whiterules")
    assert [white[i][6] for i in (0, 5, 10)] == ["#305496", "#D9E1F2", "#B4C6E7"] and white[0][7] == "#FFFFFF"
    assert {c[8] for c in white} == {"solid:1:#FFFFFF"}
    banded = list_cells("banded")
    assert [banded[i][6] for i in (0, 5, 10)] == ["#C8C8C8", "-", "#ECECEC"]
    assert {tuple(c[8:12]) for c in list_cells("separate")} == {("-",) * 4}
    rounded = list_cells("rounded")
    assert {c[6] for c in rounded} == {"-"}  # the header's grey is the table event's, inside the corners
    assert tuple(rounded[0][8:12]) == ("-", SOLID, "-", SOLID) and rounded[-1][9] == rounded[-1][11] == "-"


def test_merged_runs_span_rows_and_are_kept_where_iText_can() -> None:
    doc = made_up_document()
    plan = plan_table(doc.lists[0].table, variant("merged").style, "list")
    cells = list_cells("merged")
    spans = [int(c[1]) for c in cells if c[-1].startswith("第")]
    assert max(spans) > 1 and sum(spans) == ROWS
    kept = kept_rows(plan, ROWS + 1)
    # 第n課 runs of four rows, each followed at once by another: kept but for their last row
    assert kept[:6] == [1, 2, 4, 5, 6, 8] and f"keep\t{','.join(map(str, kept))}" in description(doc, variant("merged"))
    assert kept_rows(plan_table(doc.lists[0].table, variant("grid").style, "list"), ROWS + 1) == []


def test_the_run_stamps_are_fixed_in_as_many_bytes() -> None:
    pdf = (b"<</BaseFont/QWERTY+IPAexGothic>> <</BaseFont/QWERTY+IPAexGothic>> <</BaseFont/ZXCVBN+IPAexMincho>>\n"
           b"/ID [<55c1b2cc331478cbccc623849cbafd29><55c1b2cc331478cbccc623849cbafd29>]>>\n%%EOF\n")
    fixed = fixed_stamps(pdf)
    assert len(fixed) == len(pdf) and b"QWERTY" not in fixed and b"55c1b2cc" not in fixed
    assert fixed.count(b"AAAAAA+IPAexGothic") == 2 and b"AAAAAB+IPAexMincho" in fixed
    assert fixed == fixed_stamps(pdf.replace(b"QWERTY", b"POIUYT").replace(b"55c1b2cc", b"00000000"))


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The made-up document laid out by iText in the styles read below (portrait; hrules landscape)."""
    if shutil.which("javac") is None or not all(jar.exists() for jar in itext_writer.JARS):
        pytest.skip("javac or iText 5 (Debian libitext5-java) not installed")
    folder = tmp_path_factory.mktemp("itext")
    out = {}
    for style in ("hrules", "grid", "dotted", "double", "heavy", "separate", "whiterules", "rounded"):
        out[style] = folder / f"{style}.pdf"
        render(made_up_document(), variant(style, "landscape" if style == "hrules" else "portrait"), out[style])
    return out


@needs_itext
def test_every_row_is_printed_on_a4_by_itext_with_the_header_and_page_number_on_each_page(
        renders: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(renders["hrules"]) as pdf:
        meta = pdf.metadata
        assert meta["Producer"].startswith("iText") and meta["CreationDate"] == itext_writer.CREATED
        assert all((round(page.width), round(page.height)) == (842, 595) for page in pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
    lines = every_row_with_header_and_page_number(texts)
    assert "区長 1 2 3 4" in lines  # 長 read as 長


@needs_itext
def test_two_runs_write_the_same_bytes(renders: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "hrules.pdf"
    render(made_up_document(), variant("hrules", "landscape"), again)
    assert again.read_bytes() == renders["hrules"].read_bytes()


@needs_itext
def test_each_grid_cell_strokes_its_own_box(renders: dict[str, Path]) -> None:
    lines, rects = page_objects(renders["grid"])
    assert not lines and rects and all(r["stroke"] and not r["fill"] for r in rects)
    assert {round(r["linewidth"], 2) for r in rects} == {0.5}
    rows = Counter(round(r["top"], 1) for r in rects)
    assert set(rows.values()) == {len(made_up.HEADER)}  # one box per cell, neighbours share a side drawn twice


@needs_itext
def test_dotted_inner_rules_are_round_dots_inside_a_solid_frame(renders: dict[str, Path]) -> None:
    lines, _ = page_objects(renders["dotted"])
    dashed = [line for line in lines if line.get("dash") and line["dash"][0]]
    solid = [line for line in lines if not (line.get("dash") and line["dash"][0])]
    assert dashed and solid and all(line["dash"][0][0] == 0 for line in dashed)  # zero-length dashes: dots
    left = min(line["x0"] for line in lines)
    assert all(line["x0"] > left + 1 for line in upright(dashed))  # the frame's left side is solid


@needs_itext
def test_double_frame_is_two_rules_and_heavy_a_heavy_frame_around_hairlines(renders: dict[str, Path]) -> None:
    _, rects = page_objects(renders["double"])
    frames = sorted((r for r in rects if r["width"] > 400), key=lambda r: r["x0"])
    assert len(frames) == 2 and frames[1]["x0"] - frames[0]["x0"] == pytest.approx(2.0, abs=0.05)
    lines, _ = page_objects(renders["heavy"])
    assert {round(line["linewidth"], 2) for line in lines} == {HEAVY_RULE, HAIR_RULE}


@needs_itext
def test_separate_boxes_are_two_points_apart(renders: dict[str, Path]) -> None:
    _, rects = page_objects(renders["separate"])
    lefts = sorted({round(r["x0"], 2) for r in rects})
    assert len(lefts) == len(made_up.HEADER) + 1  # the table's box and each column's cell boxes
    rights = sorted({round(r["x1"], 2) for r in rects})
    assert all(b - a == pytest.approx(2.0, abs=0.05) for a, b in zip(rights[:-2], lefts[2:], strict=True))


@needs_itext
def test_whiterules_are_white_boxes_over_filled_rectangles(renders: dict[str, Path]) -> None:
    _, rects = page_objects(renders["whiterules"])
    stroked = [r for r in rects if r["stroke"]]
    assert stroked and {(round(r["linewidth"], 2), r["stroking_color"]) for r in stroked} == {(1.0, (1.0, 1.0, 1.0))}
    assert any(r["fill"] and not r["stroke"] for r in rects)


@needs_itext
def test_the_rounded_frame_has_bezier_corners(renders: dict[str, Path]) -> None:
    assert len(re.findall(rb" c\n", content(renders["rounded"]))) >= 4 * 2  # the frame's and the header's corners
    assert not re.search(rb" c\n", content(renders["grid"]))  # the grid's square corners: no curve at all


def content(pdf_path: Path) -> bytes:
    """Every page's content streams, inflated (iText compresses them)."""
    streams = re.findall(rb"stream\r?\n(.*?)endstream", pdf_path.read_bytes(), re.DOTALL)
    out = []
    for s in streams:
        try:
            out.append(zlib.decompress(s))
        except zlib.error:
            continue
    return b"".join(out)
