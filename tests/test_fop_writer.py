"""The Apache FOP producer (dev/producers/fop_writer.py) writes each style as an FO author would, and FOP draws it.

It draws a held-out producer's renders, so nothing here touches the reference
report or the extractor: tests/made_up.py's document is written as XSL-FO and
(where ``fop``, Debian fop, is installed: CI does not install it) printed and read
back with pdfplumber's own text, lines and rectangles (what was written, not what
a table finder makes of it). The .fo is checked as XML: the borders, fills, spans
and keeps each style asks for. The renders are checked for what was seen on them:
every cell strokes its own four sides along the collapsed border (a rule between
two cells is two strokes in the same place), dotted rules as round-capped dots
(zero-length dashes), the double frame as two 0.8 pt lines, heavy's 2.25 pt frame
around 0.25 pt hairlines, separate's boxes 2 pt apart (centres), white 1 pt rules
over whiterules' fills, the rounded frame as wide straight strokes clipped to a
path whose corners are Bézier curves; the header row repeated on every page, a
merged run never split over pages, the page number on every page, the same bytes
every run.
"""

from __future__ import annotations

import random
import re
import shutil
import tomllib
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from pathlib import Path

import pytest

from dev.producers import fop_writer
from dev.producers.fop_writer import FO, FOX, config_xml, document_fo, fixed_stamps, render
from dev.producers.model import (
    FONT_FILES,
    HAIR_RULE,
    HEAVY_RULE,
    MATRIX,
    Document,
    Variant,
    load_matrix,
    merge_runs,
)
from tests import made_up

ROWS = 60  # enough for the list to run over two pages in either orientation
STYLES_OF_STOP_31 = ("grid", "hrules", "frame", "norules", "banded", "merged", "narrow", "mincho", "dotted",
                     "vrules", "double", "heavy", "separate", "whiterules", "booktabs", "rounded")  # [styles] then
needs_fop = pytest.mark.skipif(shutil.which("fop") is None, reason="fop (Debian fop) not installed")
F = f"{{{FO}}}"


def test_fop_draws_every_style_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2041).choice per style in the order of [styles] (the sixteen of stop 31, a style
    added later drawn apart), none skipped; held out in every style and listed in [held_out]."""
    matrix = tomllib.loads(MATRIX.read_text(encoding="utf-8"))
    styles = [s for s in matrix["styles"] if s in STYLES_OF_STOP_31]
    assert tuple(styles) == STYLES_OF_STOP_31
    assert "fop" in matrix["held_out"]["producers"]
    rng = random.Random(2041)
    drawn = [(v.style.name, v.orientation, v.held_out) for v in load_matrix()
             if v.producer == "fop" and v.style.name in STYLES_OF_STOP_31]
    assert drawn == [(s, rng.choice(("portrait", "landscape")), True) for s in styles]


def made_up_document(rows: int = ROWS) -> Document:
    return made_up.made_up_document(rows, "付録の段落。" * 40)


def variant(style: str, orientation: str = "portrait") -> Variant:
    return made_up.variant("fop", style, orientation)


def fo_tree(style: str, orientation: str = "portrait") -> ET.Element:
    """The .fo of the made-up document in ``style``, parsed (so well-formed XML)."""
    return ET.fromstring(document_fo(made_up_document(), variant(style, orientation)).encode("utf-8"))


def list_table(root: ET.Element) -> ET.Element:
    return root.findall(f".//{F}table")[-1]  # the summary first, the list last


def rows_of(table: ET.Element) -> list[list[ET.Element]]:
    """The cells of each row, the header's first."""
    header = table.findall(f"{F}table-header/{F}table-row")
    body = table.findall(f"{F}table-body/{F}table-row")
    return [row.findall(f"{F}table-cell") for row in header + body]


def test_the_fo_is_a4_japanese_with_a_page_number_in_the_foot() -> None:
    root = fo_tree("grid", "landscape")
    assert root.tag == f"{F}root" and root.get("language") == "ja" and root.get("hyphenate") == "false"
    master = root.find(f".//{F}simple-page-master")
    assert master is not None and (master.get("page-width"), master.get("page-height")) == ("297mm", "210mm")
    footer = root.find(f".//{F}static-content")
    assert footer is not None and footer.get("flow-name") == "xsl-region-after"
    assert footer.find(f".//{F}page-number") is not None
    blocks = [b for b in root.iter(f"{F}block") if b.get("break-before") == "page"]
    assert [b.text for b in blocks] == ["資料No.1", "付録の段落。" * 40]  # the list and the appendix on new pages
    assert fo_tree("grid", "portrait").find(f".//{F}simple-page-master").get("page-width") == "210mm"  # type: ignore[union-attr]


def test_the_header_row_is_a_table_header_and_rows_keep_together() -> None:
    table = list_table(fo_tree("grid"))
    assert [c.findtext(f"{F}block") for c in rows_of(table)[0]] == list(made_up.HEADER)
    body = table.findall(f"{F}table-body/{F}table-row")
    assert len(body) == ROWS and all(r.get("keep-together.within-page") == "always" for r in body)
    assert table.get("table-layout") == "fixed" and table.get("width") == "100%"
    widths = [c.get("column-width") for c in table.findall(f"{F}table-column")]
    assert all(w and w.startswith("proportional-column-width(") for w in widths)


def test_grid_rules_every_side_of_every_cell_in_a_collapsed_table() -> None:
    table = list_table(fo_tree("grid"))
    assert table.get("border-collapse") == "collapse" and table.get("border") is None
    cells = [c for row in rows_of(table) for c in row]
    assert all(c.get(f"border-{side}") == "0.5pt solid #000000" for c in cells for side in
               ("top", "bottom", "left", "right"))


def test_frame_vrules_hrules_and_norules() -> None:
    frame = list_table(fo_tree("frame"))
    assert frame.get("border") == "0.5pt solid #000000"
    rows = rows_of(frame)
    assert all(c.get("border-bottom") for c in rows[0]) and not any(c.attrib.keys() & {
        "border-top", "border-bottom", "border-left", "border-right"} for row in rows[1:] for c in row)
    vrules = rows_of(list_table(fo_tree("vrules")))
    assert all(c.get("border-left") and c.get("border-right") and not c.get("border-bottom") for c in vrules[1])
    hrules = rows_of(list_table(fo_tree("hrules")))
    assert all(c.get("border-top") and not c.get("border-left") for row in hrules for c in row)
    norules = list_table(fo_tree("norules"))
    assert not any(k.startswith("border-") and k != "border-collapse" for e in norules.iter() for k in e.attrib)


def test_dotted_double_and_heavy_lose_the_collapse_to_the_tables_own_frame() -> None:
    dotted = list_table(fo_tree("dotted"))
    assert dotted.get("border") == "0.5pt solid #000000"
    assert {c.get("border-left") for row in rows_of(dotted) for c in row} == {"0.5pt dotted #000000"}
    double = list_table(fo_tree("double"))
    assert double.get("border") == "2.4pt double #000000"
    header, first = rows_of(double)[:2]
    assert {c.get("border-bottom") for c in header} == {c.get("border-top") for c in first} == {"2.4pt double #000000"}
    heavy = list_table(fo_tree("heavy"))
    assert heavy.get("border") == f"{HEAVY_RULE:g}pt solid #000000"
    rows = rows_of(heavy)
    assert {c.get("border-bottom") for c in rows[0]} == {f"{HEAVY_RULE:g}pt solid #000000"}
    assert {c.get("border-left") for c in rows[2]} == {f"{HAIR_RULE:g}pt solid #000000"}


def test_banded_and_whiterules_fill_cells_and_whiterules_rules_white() -> None:
    banded = rows_of(list_table(fo_tree("banded")))
    assert [{c.get("background-color") for c in row} for row in banded[:4]] == [
        {"#C8C8C8"}, {None}, {"#ECECEC"}, {None}]
    white = rows_of(list_table(fo_tree("whiterules")))
    assert [{c.get("background-color") for c in row} for row in white[:4]] == [
        {"#305496"}, {"#D9E1F2"}, {"#B4C6E7"}, {"#D9E1F2"}]
    assert {c.get("border-top") for row in white for c in row} == {"1pt solid #FFFFFF"}
    assert {c.find(f"{F}block").get("color") for c in white[0]} == {"#FFFFFF"}  # type: ignore[union-attr]


def test_booktabs_rules_the_header_and_the_last_row_only() -> None:
    rows = rows_of(list_table(fo_tree("booktabs")))
    assert {(c.get("border-top"), c.get("border-bottom")) for c in rows[0]} == {
        ("1.5pt solid #000000", "0.5pt solid #000000")}
    assert {c.get("border-bottom") for c in rows[-1]} == {"1.5pt solid #000000"}
    assert not any(c.attrib.keys() & {"border-top", "border-bottom", "border-left", "border-right"}
                   for row in rows[1:-1] for c in row)


def test_merged_runs_span_rows_and_are_kept_on_one_page() -> None:
    doc = made_up_document()
    table = list_table(fo_tree("merged"))
    body = table.findall(f"{F}table-body/{F}table-row")
    rows = doc.lists[0].table.rows
    col = made_up.HEADER.index("担当部課")
    spans = merge_runs(rows, col)
    starts = [i for i, n in enumerate(spans) if n]
    got = [int(row.findall(f"{F}table-cell")[col].get("number-rows-spanned") or 1) for row in
           (body[i] for i in starts)]
    assert got == [spans[i] for i in starts] and max(got) > 1
    covered = [i for i, n in enumerate(spans) if n == 0]
    assert all(body[i].get("keep-with-previous.within-page") == "always" for i in covered)
    assert all(body[i].get("keep-with-previous.within-page") is None for i in starts
               if all(merge_runs(rows, c)[i] for c in (col, col + 1)))


def test_narrow_and_mincho() -> None:
    root = fo_tree("mincho")
    assert root.get("font-family") == "IPAexMincho"
    header = rows_of(list_table(root))[0]
    assert {c.find(f"{F}block").get("font-family") for c in header} == {"IPAexGothic"}  # type: ignore[union-attr]
    grid = [c.get("column-width") for c in list_table(fo_tree("grid")).findall(f"{F}table-column")]
    narrow = [c.get("column-width") for c in list_table(fo_tree("narrow")).findall(f"{F}table-column")]
    assert narrow[2] == "proportional-column-width(4)" and narrow[:2] == grid[:2]


def test_separate_and_rounded_use_the_separated_border_model() -> None:
    separate = list_table(fo_tree("separate"))
    assert (separate.get("border-collapse"), separate.get("border-separation")) == ("separate", "1.5pt")
    rounded = list_table(fo_tree("rounded"))
    assert (rounded.get("border-collapse"), rounded.get(f"{{{FOX}}}border-radius")) == ("separate", "6pt")
    rows = rows_of(rounded)
    assert rows[0][0].get(f"{{{FOX}}}border-before-start-radius") and rows[0][-1].get(
        f"{{{FOX}}}border-before-end-radius")
    assert {c.get("background-color") for c in rows[0]} == {"#C8C8C8"}
    assert not any(c.get("border-left") or c.get("border-top") for row in rows[1:] for c in row)
    assert not any(c.get("border-right") for row in rows[1:] for c in row[-1:])


def test_the_configuration_embeds_the_two_ipaex_fonts_by_file() -> None:
    fonts = ET.fromstring(config_xml().encode("utf-8")).findall(".//font")
    assert [f.get("embed-url") for f in fonts] == [FONT_FILES["gothic"].as_uri(), FONT_FILES["mincho"].as_uri()]
    assert {t.get("name") for f in fonts for t in f.findall("font-triplet")} == {"IPAexGothic", "IPAexMincho"}


def test_the_run_stamps_are_fixed_in_as_many_bytes() -> None:
    pdf = (b"<dc:date><rdf:Seq><rdf:li>2023-08-18T09:00:00Z</rdf:li><rdf:li>2026-12-04T15:05:57Z</rdf:li>"
           b"</rdf:Seq></dc:date><xmp:MetadataDate>2026-12-04T15:05:57Z</xmp:MetadataDate>\n"
           b"/ID [<EF850F16FD079F7A46D21ABC4109BCA0> <EF850F16FD079F7A46D21ABC4109BCA0>]\n%%EOF\n")
    fixed = fixed_stamps(pdf)
    assert len(fixed) == len(pdf) and b"2026" not in fixed and b"EF850F16" not in fixed
    assert fixed == fixed_stamps(pdf.replace(b"15:05:57", b"16:00:00").replace(b"EF850F16", b"00000000"))


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The made-up document printed by FOP in the styles read below (portrait; hrules landscape)."""
    if shutil.which("fop") is None:
        pytest.skip("fop (Debian fop) not installed")
    folder = tmp_path_factory.mktemp("fop")
    out = {}
    for style in ("hrules", "grid", "dotted", "double", "heavy", "separate", "whiterules", "rounded", "merged"):
        out[style] = folder / f"{style}.pdf"
        render(made_up_document(), variant(style, "landscape" if style == "hrules" else "portrait"), out[style])
    return out


def page_objects(pdf_path: Path, page: int = 1) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    """The stroked lines and the rectangles of one page (1 is the list's first)."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return list(pdf.pages[page].lines), list(pdf.pages[page].rects)


def upright(lines: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    return [line for line in lines if abs(line["x0"] - line["x1"]) < 0.01]


@needs_fop
def test_every_row_is_printed_on_a4_by_fop_with_the_header_and_page_number_on_each_page(
        renders: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(renders["hrules"]) as pdf:
        meta = pdf.metadata
        assert meta["Producer"].startswith("Apache FOP") and meta["CreationDate"] == "D:20230818090000Z"
        assert all((round(page.width), round(page.height)) == (842, 595) for page in pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
    every_row_with_header_and_page_number(texts)


def every_row_with_header_and_page_number(texts: list[str]) -> list[str]:
    """Assert that the made-up list's every number is printed, its header repeated on each list page and
    「- n -」 at each page's foot; the pages' lines."""
    lines = [line for text in texts for line in text.splitlines()]
    numbers = Counter(line.split()[0] for line in lines if line.split() and line.split()[0].isdigit())
    assert all(numbers[str(n)] >= 1 for n in range(1, ROWS + 1))
    list_pages = [text for text in texts[1:] if "付録" not in text]
    assert len(list_pages) >= 2 and all("番号" in text for text in list_pages)  # the header repeated
    assert all(re.search(rf"-\s*{n}\s*-\s*$", text) for n, text in enumerate(texts, start=1))
    return lines


@needs_fop
def test_two_runs_write_the_same_bytes(renders: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "hrules.pdf"
    render(made_up_document(), variant("hrules", "landscape"), again)
    assert again.read_bytes() == renders["hrules"].read_bytes()


@needs_fop
def test_each_cell_strokes_its_four_sides_so_a_rule_between_cells_is_two_strokes_in_one_place(
        renders: dict[str, Path]) -> None:
    lines, rects = page_objects(renders["grid"])
    assert not rects and {round(line["linewidth"], 2) for line in lines} == {0.5}
    xs = sorted({round(line["x0"], 1) for line in upright(lines)})
    assert len(xs) == len(made_up.HEADER) + 1  # one place per column edge
    counts = Counter(round(line["x0"], 1) for line in upright(lines))
    assert counts[xs[0]] * 2 == counts[xs[1]] == counts[xs[-2]] == counts[xs[-1]] * 2


@needs_fop
def test_dotted_inner_rules_are_round_dots_inside_a_solid_frame(renders: dict[str, Path]) -> None:
    lines, _ = page_objects(renders["dotted"])
    dashed = [line for line in lines if line.get("dash") and line["dash"][0]]
    solid = [line for line in lines if not (line.get("dash") and line["dash"][0])]
    assert dashed and solid and all(line["dash"][0][0] == 0 for line in dashed)  # zero-length dashes: dots
    left = min(line["x0"] for line in lines)
    assert all(line["x0"] > left + 1 for line in upright(dashed))  # the frame's left side is solid


@needs_fop
def test_double_frame_is_two_lines_and_heavy_a_heavy_frame_around_hairlines(renders: dict[str, Path]) -> None:
    lines, _ = page_objects(renders["double"])
    left = sorted({round(line["x0"], 1) for line in upright(lines)})[:2]
    assert {round(line["linewidth"], 2) for line in upright(lines) if round(line["x0"], 1) in left} == {0.8}
    assert left[1] - left[0] == pytest.approx(1.6, abs=0.11)
    lines, _ = page_objects(renders["heavy"])
    assert {round(line["linewidth"], 2) for line in lines} == {HEAVY_RULE, HAIR_RULE}


@needs_fop
def test_separate_boxes_are_two_points_apart(renders: dict[str, Path]) -> None:
    lines, _ = page_objects(renders["separate"])
    xs = sorted({round(line["x0"], 2) for line in upright(lines)})
    assert len(xs) == 2 * (len(made_up.HEADER) + 1)  # the table's box and the cells' boxes
    assert all(b - a == pytest.approx(2.0, abs=0.05) for a, b in zip(xs[2:-2:2], xs[3:-2:2], strict=True))


@needs_fop
def test_whiterules_are_white_strokes_over_filled_rectangles(renders: dict[str, Path]) -> None:
    lines, rects = page_objects(renders["whiterules"])
    assert {(round(line["linewidth"], 2), line["stroking_color"]) for line in lines} == {(1.0, 1.0)}  # white, as a grey level
    assert rects and all(r["fill"] and not r["stroke"] for r in rects)


@needs_fop
def test_the_rounded_frame_is_wide_strokes_clipped_to_bezier_corners(renders: dict[str, Path]) -> None:
    """FOP draws a rounded border side as one straight stroke, wider than the border, clipped to the ring between
    the border's outer and inner outlines, whose corners are curves (``c``): the curves are in the clip path only."""
    lines, _ = page_objects(renders["rounded"])
    assert any(line["linewidth"] > 5 for line in lines)
    assert re.search(rb"( c\n?.*?){4}h W\s+n", content(renders["rounded"]), re.DOTALL)
    assert not re.search(rb" c\n", content(renders["grid"]))  # the grid's square corners: no curve at all


def content(pdf_path: Path) -> bytes:
    """Every page's content streams, inflated (FOP compresses them)."""
    streams = re.findall(rb"stream\r?\n(.*?)endstream", pdf_path.read_bytes(), re.DOTALL)
    return b"".join(zlib.decompress(s) for s in streams if s.startswith(b"x"))


@needs_fop
def test_a_merged_run_is_never_split_over_pages(renders: dict[str, Path]) -> None:
    """Each list page's first body row carries its department: a merged cell's text is on every page it spans."""
    import pdfplumber

    with pdfplumber.open(renders["merged"]) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages[1:]]
    firsts = [next(line for line in text.splitlines() if line.split()[0].isdigit()) for text in texts
              if "番号" in text]
    assert len(firsts) >= 2 and all("課" in line for line in firsts)


def test_partial_rules_every_row_and_only_every_other_column() -> None:
    """The partial style: the table's own border as the frame, each cell ruled above and below, and a side only
    where ``column_rule_after`` draws a column rule (after the 2nd, 4th, … column)."""
    variant = next(v for v in load_matrix() if v.producer == "fop" and v.style.name == "partial")
    assert fop_writer.table_props(variant)["border"] == fop_writer.RULE
    sides = [fop_writer.cell_borders(variant, 1, 1, c, 3, 6) for c in range(6)]
    assert all(s["top"] == s["bottom"] == fop_writer.RULE for s in sides)
    assert [("left" in s, "right" in s) for s in sides] == [(False, False), (False, True), (True, False),
                                                         (False, True), (True, False), (False, False)]
