"""The Gnumeric producer (dev/producers/gnumeric_writer.py) prints what it is asked to, the same way every run.

It draws a held-out producer's renders, so nothing here touches the reference
report or the extractor: a small made-up document is printed and read back
with pdfplumber's text and drawn lines (what was written, not what a table
finder makes of it). The renders need ``ssconvert`` (Debian gnumeric), which CI
does not install: those tests are skipped there; the page-setup steps are
checked on a made-up Gnumeric sheet without it.
"""

from __future__ import annotations

import itertools
import random
import shutil
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dev.producers.gnumeric_writer import GNM, MIN_WIDTH, cell_index, fixed_date, opaque, print_ready, render
from dev.producers.model import MATRIX, Document, Variant, load_matrix
from tests import made_up

ROWS = 60  # enough for the list to run over two pages in either orientation
needs_gnumeric = pytest.mark.skipif(shutil.which("ssconvert") is None, reason="ssconvert (gnumeric) not installed")


def made_up_document() -> Document:
    return made_up.made_up_document(ROWS, "付録の段落。" * 40)


def variant(style: str, orientation: str) -> Variant:
    return made_up.variant("gnumeric", style, orientation)


@pytest.fixture(scope="module")
def hrules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gnumeric") / "hrules.pdf"
    render(made_up_document(), variant("hrules", "landscape"), out)
    return out


@needs_gnumeric
def test_every_row_and_the_whole_appendix_are_printed_on_landscape_a4_by_cairo(hrules: Path) -> None:
    import pdfplumber

    with pdfplumber.open(hrules) as pdf:
        assert "cairo" in pdf.metadata["Producer"] and pdf.metadata["CreationDate"] == "D:20230818090000Z"
        assert all(page.width > page.height for page in pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
        fonts = {ch["fontname"].split("+")[-1] for page in pdf.pages for ch in page.chars
                 if ord(ch["text"]) > 0x2000}
    numbers = [line.split()[0] for text in texts for line in text.splitlines() if line.split()]
    assert all(numbers.count(str(n)) >= 1 for n in range(1, ROWS + 1))
    assert fonts == {"IPAexGothic"}
    # the list on pages of its own, each page under the exhibit label (page header) and the repeated header row
    lists = [text for text in texts if text.startswith("資料No.1")]
    assert len(lists) >= 2 and all("番号 業務の名称 担当部課" in text for text in lists)
    # the appendix paragraph wraps over rows Gnumeric would print one line high: every character is there
    assert "".join(texts[-1].split()).count("付録の段落。") == 40


@needs_gnumeric
def test_hrules_draws_no_vertical_rule(hrules: Path) -> None:
    import pdfplumber

    with pdfplumber.open(hrules) as pdf:
        lines = [line for page in pdf.pages for line in page.lines]
    assert lines and all(abs(line["top"] - line["bottom"]) < 0.5 for line in lines)


def list_page_lines(folder: Path, style: str) -> list[dict]:  # type: ignore[type-arg]
    """The lines pdfplumber finds on the first page of the list, ``style`` drawn in portrait."""
    import pdfplumber

    out = folder / f"{style}.pdf"
    render(made_up_document(), variant(style, "portrait"), out)
    with pdfplumber.open(out) as pdf:
        page = next(p for p in pdf.pages if (p.extract_text() or "").startswith("資料No.1"))
        return list(page.lines)


@needs_gnumeric
def test_a_double_frame_is_two_parallel_lines_and_the_inner_rules_one(tmp_path: Path) -> None:
    lines = list_page_lines(tmp_path, "double")
    verticals = sorted({round(line["x0"], 1) for line in lines if abs(line["x0"] - line["x1"]) < 0.5})
    # the left and the right of the frame each two lines close together; between them one line per column rule
    gaps = [b - a for a, b in itertools.pairwise(verticals)]
    assert len(verticals) == 2 * 2 + len(made_up.HEADER) - 1
    assert 1.0 < gaps[0] < 3.0 and 1.0 < gaps[-1] < 3.0 and min(gaps[1:-1]) > 10


@needs_gnumeric
def test_heavy_is_a_thick_solid_frame_over_inner_rules_dashed_as_gnumeric_draws_excels_hair(tmp_path: Path) -> None:
    lines = list_page_lines(tmp_path, "heavy")
    kinds = {(round(line["linewidth"], 1), bool(line["dash"] and line["dash"][0])) for line in lines}
    assert kinds == {(3.0, False), (1.0, True)}  # xlsx thick: 3 units solid; hair: 1 unit, 1-on-1 dashes


@needs_gnumeric
def test_two_renders_are_the_same_bytes(tmp_path: Path, hrules: Path) -> None:
    again = tmp_path / "again.pdf"
    render(made_up_document(), variant("hrules", "landscape"), again)
    assert again.read_bytes() == hrules.read_bytes()


def made_up_sheet() -> ET.Element:
    """A Gnumeric sheet as its xlsx import writes one: print titles as a name, a border of alpha 0, a narrow
    column, a wrapped paragraph in a row of no height of its own."""
    g = f"{{{GNM}}}"
    sheet = ET.Element(f"{g}Sheet")
    names = ET.SubElement(ET.SubElement(sheet, f"{g}Names"), f"{g}Name")
    ET.SubElement(names, f"{g}name").text = "Print_Titles"
    ET.SubElement(names, f"{g}value").text = "list!$A$1:$XFD$2"
    info = ET.SubElement(sheet, f"{g}PrintInformation")
    for tag in ("titles", "print_range", "order"):
        ET.SubElement(info, f"{g}{tag}")
    cols = ET.SubElement(sheet, f"{g}Cols", DefaultSizePts="48")
    ET.SubElement(cols, f"{g}ColInfo", No="0", Unit="14.97", HardSize="1")
    ET.SubElement(cols, f"{g}ColInfo", No="1", Unit="106", HardSize="1")
    rows = ET.SubElement(sheet, f"{g}Rows", DefaultSizePts="15")
    ET.SubElement(rows, f"{g}RowInfo", No="0", Unit="40", HardSize="1")
    region = ET.SubElement(ET.SubElement(sheet, f"{g}Styles"), f"{g}StyleRegion",
                           startCol="0", startRow="0", endCol="1", endRow="9")
    style = ET.SubElement(region, f"{g}Style", WrapText="1")
    ET.SubElement(style, f"{g}Font", Unit="10").text = "IPAexGothic"
    ET.SubElement(ET.SubElement(style, f"{g}StyleBorder"), f"{g}Top", Style="1", Color="0:0:0:0")
    cells = ET.SubElement(sheet, f"{g}Cells")
    ET.SubElement(cells, f"{g}Cell", Row="0", Col="1").text = "見出し"
    ET.SubElement(cells, f"{g}Cell", Row="3", Col="1").text = "あ" * 50  # 10 ems a line in 106 pt: 5 lines
    return sheet


def test_the_page_setup_gnumeric_leaves_out_is_set() -> None:
    g = f"{{{GNM}}}"
    book = ET.Element(f"{g}Workbook")
    book.append(made_up_sheet())
    print_ready(book)
    info = book.find(f"{g}Sheet/{g}PrintInformation")
    assert info is not None and [child.tag.removeprefix(g) for child in info] == [
        "titles", "print_range", "repeat_top", "order"]
    assert info[2].get("value") == "$1:$2"
    assert book.find(f".//{g}Top").get("Color") == "0:0:0"  # type: ignore[union-attr]
    assert [float(c.get("Unit", "0")) for c in book.iter(f"{g}ColInfo")] == [MIN_WIDTH, 106.0]
    heights = {int(r.get("No", "0")): float(r.get("Unit", "0")) for r in book.iter(f"{g}RowInfo")}
    assert heights == {0: 40.0, 3: 5 * 10 * 1.5 + 3}  # the workbook's height kept where it holds the text


def test_the_small_helpers() -> None:
    assert opaque("0:0:0:0") == "0:0:0" and opaque("FF:0:0:FF") == "FF:0:0:FF" and opaque("0:0:0") == "0:0:0"
    assert cell_index("A1") == (0, 0) and cell_index("D46") == (45, 3) and cell_index("AB12") == (11, 27)
    stamped = b"<< /Producer (cairo) /CreationDate (D:20261203135408Z) >>"
    assert fixed_date(stamped) == b"<< /Producer (cairo) /CreationDate (D:20230818090000Z) >>"
    with pytest.raises(RuntimeError):
        fixed_date(b"<< /CreationDate (D:20261203225408+09'00) >>")


def test_gnumeric_draws_every_style_in_the_orientations_its_seed_drew() -> None:
    """matrix.toml: random.Random(2031).choice per style in the order of [styles]; held out in every style.

    Style separate came after (stop 27) and a spreadsheet has no cell spacing: Gnumeric does not draw it. Style
    whiterules and booktabs came after too (stops 28, 29): their orientations are drawn with the other producers'
    (test_whiterules_style.py, test_booktabs_style.py); rounded (stop 30) Gnumeric cannot draw (no corner radius);
    partial (stop 31), tight (stop 32), grouped (stop 33), once, vertical and centred (stop 34) and notes and
    distributed (stop 35) are drawn with the other producers' (test_partial_style.py, test_tight_style.py,
    test_grouped_style.py, test_once_style.py, test_vertical_style.py, test_centred_style.py, test_notes_style.py,
    test_distributed_style.py), as are sidebyside (stop 36, test_sidebyside_style.py), titled (stop 36,
    test_titled_style.py) and running (stop 37, test_running_style.py; continued, stop 37, test_continued_style.py;
    rotated, stop 38, test_rotated_style.py; footed and stacked, stop 39,
    test_footed_style.py, test_stacked_style.py; reordered, stop 40, test_reordered_style.py;
    sectioned, stop 41, test_sectioned_style.py)."""
    later = ("separate", "whiterules", "booktabs", "rounded", "partial", "tight", "grouped", "once", "vertical",
             "centred", "notes", "distributed", "sidebyside", "titled", "running", "continued",
             "rotated", "footed", "stacked", "reordered", "sectioned")
    styles = [s for s in tomllib.loads(MATRIX.read_text(encoding="utf-8"))["styles"] if s not in later]
    rng = random.Random(2031)
    drawn = [(v.style.name, v.orientation, v.held_out) for v in load_matrix()
             if v.producer == "gnumeric" and v.style.name not in later]
    assert drawn == [(s, rng.choice(("portrait", "landscape")), True) for s in styles]
