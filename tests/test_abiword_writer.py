"""The AbiWord producer (dev/producers/abiword_writer.py) prints what it is asked to, the same way every run.

It draws a held-out producer's renders, so nothing here touches the reference
report or the extractor: a small made-up document is printed and read back
with pdfplumber's text and drawn lines (what was written, not what a table
finder makes of it). AbiWord strokes every cell side as a line of its own, none
thinner than 1 pt (the .odt's 0.5 pt rules and the heavy style's 0.25 pt
hairlines print at 1 pt, its 2.25 pt frame as written); it draws the dotted
style's rules solid and the double style's as one line each, which is why it
draws neither (matrix.toml). The renders need ``abiword`` (Debian abiword),
which CI does not install: those tests are skipped there.
"""

from __future__ import annotations

import random
import shutil
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from dev.producers.abiword_writer import command, fixed_date, render
from dev.producers.model import HEAVY_RULE, MATRIX, Document, Variant, load_matrix
from dev.producers.office import SHADE
from tests import made_up

ROWS = 60  # enough for the list to run over two pages in either orientation
THINNEST = 1.0  # AbiWord's thinnest rule, in points
STYLES_OF_STOP_28 = ("grid", "hrules", "frame", "norules", "banded", "merged", "narrow", "mincho", "dotted",
                     "vrules", "double", "heavy", "separate")  # matrix.toml's [styles] when the seed drew
NOT_DRAWN = ("dotted", "double", "separate")  # drawn solid, single, unspaced: the seed drew nothing for them
needs_abiword = pytest.mark.skipif(shutil.which("abiword") is None, reason="abiword not installed")


def made_up_document() -> Document:
    return made_up.made_up_document(ROWS, "付録の段落。" * 40)


def variant(style: str, orientation: str) -> Variant:
    return made_up.variant("abiword", style, orientation)


@pytest.fixture(scope="module")
def hrules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("abiword") / "hrules.pdf"
    render(made_up_document(), variant("hrules", "landscape"), out)
    return out


@needs_abiword
def test_every_row_and_the_appendix_are_printed_on_landscape_a4_by_cairo(hrules: Path) -> None:
    import pdfplumber

    with pdfplumber.open(hrules) as pdf:
        assert "cairo" in pdf.metadata["Producer"] and pdf.metadata["CreationDate"] == "D:20230818090000Z"
        assert all((round(page.width), round(page.height)) == (842, 595) for page in pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
        fonts = {ch["fontname"].split("+")[-1] for page in pdf.pages for ch in page.chars}
        sizes = {ch["size"] for page in pdf.pages[1:] for ch in page.chars if ch["text"].isdigit()}
    numbers = [line.split()[0] for text in texts for line in text.splitlines() if line.split()]
    assert all(numbers.count(str(n)) >= 1 for n in range(1, ROWS + 1))
    assert fonts == {"IPAexGothic"}
    assert {7.5, 9.0} <= {round(size, 2) for size in sizes}  # the list's 7.5 pt, the exhibit's 9 pt, as the .odt says
    # the list on pages of its own, its header row printed once (AbiWord's import repeats no heading row)
    assert texts[1].startswith("資料No.1") and len(texts) >= 3
    assert sum(text.count("業務の名称") for text in texts) == 1
    assert "".join("".join(texts[1:]).split()).count("付録の段落。") == 40


def list_page_lines(folder: Path, style: str) -> list[dict]:  # type: ignore[type-arg]
    """The stroked lines of the first page of the list, ``style`` drawn in portrait."""
    import pdfplumber

    out = folder / f"{style}.pdf"
    render(made_up_document(), variant(style, "portrait"), out)
    with pdfplumber.open(out) as pdf:
        return list(pdf.pages[1].lines)


def widths(lines: list[dict], direction: str) -> set[float]:  # type: ignore[type-arg]
    """The widths of the horizontal (``h``) or vertical (``v``) lines."""
    return {round(line["linewidth"], 2) for line in lines if (abs(line["y0"] - line["y1"]) < 0.01) == (direction == "h")}


@needs_abiword
def test_hrules_strokes_only_horizontal_rules_of_one_point(hrules: Path) -> None:
    import pdfplumber

    with pdfplumber.open(hrules) as pdf:
        lines = pdf.pages[1].lines
    assert lines and all(abs(line["y0"] - line["y1"]) < 0.01 for line in lines)
    assert widths(lines, "h") == {THINNEST}


@needs_abiword
def test_heavy_is_a_heavy_frame_over_inner_rules_of_abiwords_thinnest(tmp_path: Path) -> None:
    lines = list_page_lines(tmp_path, "heavy")
    assert widths(lines, "h") == widths(lines, "v") == {HEAVY_RULE, THINNEST}


@needs_abiword
def test_vrules_strokes_column_rules_and_only_the_header_and_foot_rules_across(tmp_path: Path) -> None:
    lines = list_page_lines(tmp_path, "vrules")
    across = sorted({round(line["top"]) for line in lines if abs(line["y0"] - line["y1"]) < 0.01})
    down = [line for line in lines if abs(line["x0"] - line["x1"]) < 0.01]
    # above and under the header, and under the last row (the portrait list fits on its first page)
    assert widths(lines, "v") == {THINNEST} and len(across) == 3
    assert min(line["top"] for line in down) == pytest.approx(across[0], abs=1)
    assert max(line["bottom"] for line in down) == pytest.approx(across[-1], abs=1)


@needs_abiword
def test_banded_fills_every_other_row_and_strokes_nothing(tmp_path: Path) -> None:
    import pdfplumber

    out = tmp_path / "banded.pdf"
    render(made_up_document(), variant("banded", "portrait"), out)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[1]
        assert not page.lines
        fills = Counter(tuple(round(c * 255) for c in rect["non_stroking_color"]) for rect in page.rects if rect["fill"])
    assert set(fills) == {tuple(int(SHADE[i:i + 2], 16) for i in (1, 3, 5))}


@needs_abiword
@pytest.mark.parametrize("style", ["dotted", "double"])
def test_what_abiword_cannot_draw_prints_as_solid_single_lines(style: str, tmp_path: Path) -> None:
    """Why matrix.toml has no dotted nor double variant of AbiWord: its ODF import draws the .odt's dotted borders
    solid (a grid) and a double border as one line of the double's whole width."""
    lines = list_page_lines(tmp_path, style)
    assert all(not line.get("dash") or not line["dash"][0] for line in lines)
    positions = sorted({round(line["x0"], 1) for line in lines if abs(line["x0"] - line["x1"]) < 0.01})
    assert len(positions) == len(made_up.HEADER) + 1  # one rule at each column edge, none doubled


@needs_abiword
def test_two_renders_are_the_same_bytes(tmp_path: Path, hrules: Path) -> None:
    again = tmp_path / "again.pdf"
    render(made_up_document(), variant("hrules", "landscape"), again)
    assert again.read_bytes() == hrules.read_bytes()


def test_the_command_prints_the_odt_to_pdf_and_nothing_else(tmp_path: Path) -> None:
    args = command(tmp_path / "p.odt", tmp_path / "p.pdf")
    assert args == ["abiword", "--to=pdf", f"--to-name={tmp_path / 'p.pdf'}", str(tmp_path / "p.odt")]


def test_the_creation_date_is_fixed() -> None:
    stamped = b"<< /Producer (cairo 1.16.0) /CreationDate (D:20261203200653Z) >>"
    assert fixed_date(stamped) == b"<< /Producer (cairo 1.16.0) /CreationDate (D:20230818090000Z) >>"
    with pytest.raises(RuntimeError):
        fixed_date(b"<< /CreationDate (D:20261203225408+09'00) >>")


def test_abiword_draws_the_styles_it_can_in_the_orientations_its_seed_drew() -> None:
    """matrix.toml: random.Random(2036).choice per style in the order of [styles] (the thirteen of stop 28, a style
    added later drawn apart), the three AbiWord cannot draw skipped without a draw; held out in every style."""
    styles = [s for s in tomllib.loads(MATRIX.read_text(encoding="utf-8"))["styles"] if s in STYLES_OF_STOP_28]
    assert tuple(styles) == STYLES_OF_STOP_28
    rng = random.Random(2036)
    drawn = [(v.style.name, v.orientation, v.held_out) for v in load_matrix()
             if v.producer == "abiword" and v.style.name in STYLES_OF_STOP_28]
    assert drawn == [(s, rng.choice(("portrait", "landscape")), True) for s in styles if s not in NOT_DRAWN]
