"""The wkhtmltopdf producer (dev/producers/wkhtml.py) prints what it is asked to, the same way every run.

It draws a held-out producer's renders, so nothing here touches the reference
report or the extractor: a small made-up document is printed and read back
with pdfplumber's text and drawn rectangles (what was written, not what a table
finder makes of it). QtWebKit paints every rule as a filled rectangle whose
thickness is the CSS border rounded to whole CSS pixels (0.75 pt), times the
print shrink of 0.768 (WebKit lays the page out 1.25 times as wide as the
paper, and Qt prints a CSS pixel at 0.96 of 0.75 pt). The renders need
``wkhtmltopdf`` (Debian wkhtmltopdf), which CI does not install: those tests
are skipped there.
"""

from __future__ import annotations

import itertools
import random
import shutil
import tomllib
from pathlib import Path

import pytest

from dev.producers.html import DOUBLE, HAIR, HEAVY, RULE
from dev.producers.model import MATRIX, Document, Variant, load_matrix
from dev.producers.wkhtml import command, fixed_date, render
from tests import made_up

ROWS = 60  # enough for the list to run over two pages in either orientation
SHRINK = 0.768  # what one CSS point of the page prints as
PIXEL = 0.75  # one CSS pixel in points: borders are whole pixels
STYLES_OF_STOP_27 = ("grid", "hrules", "frame", "norules", "banded", "merged", "narrow", "mincho", "dotted",
                     "vrules", "double", "heavy")  # matrix.toml's [styles] when the seed drew the orientations
needs_wkhtmltopdf = pytest.mark.skipif(shutil.which("wkhtmltopdf") is None, reason="wkhtmltopdf not installed")


def made_up_document() -> Document:
    return made_up.made_up_document(ROWS, "付録の段落。" * 40)


def variant(style: str, orientation: str) -> Variant:
    return made_up.variant("wkhtmltopdf", style, orientation)


def printed(css_border: str) -> float:
    """The thickness a CSS border (``0.6pt solid #000``) prints at: whole pixels, at least one, shrunk."""
    points = float(css_border.split("pt")[0])
    return max(1, round(points / PIXEL)) * PIXEL * SHRINK


@pytest.fixture(scope="module")
def hrules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wkhtml") / "hrules.pdf"
    render(made_up_document(), variant("hrules", "landscape"), out)
    return out


@needs_wkhtmltopdf
def test_every_row_and_the_appendix_are_printed_on_landscape_a4_by_qt(hrules: Path) -> None:
    import pdfplumber

    with pdfplumber.open(hrules) as pdf:
        assert pdf.metadata["Creator"] == "wkhtmltopdf 0.12.6" and pdf.metadata["CreationDate"] == "D:20230818090000Z"
        assert all((round(page.width), round(page.height)) == (842, 595) for page in pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
        fonts = {ch["fontname"].split("+")[-1] for page in pdf.pages for ch in page.chars}
        sizes = {round(ch["size"], 2) for page in pdf.pages[1:] for ch in page.chars if ch["text"].isdigit()}
    numbers = [line.split()[0] for text in texts for line in text.splitlines() if line.split()]
    assert all(numbers.count(str(n)) >= 1 for n in range(1, ROWS + 1))
    assert fonts == {"IPAexGothic"}
    assert sizes == {round(7.5 * SHRINK, 2), round(9 * SHRINK, 2)}  # the list's 7.5 pt, the exhibit's 9 pt, shrunk
    # the list on pages of its own, its header printed once (the unpatched Qt repeats no <thead>)
    assert texts[1].startswith("資料No.1") and len(texts) >= 3
    assert sum(text.count("業務の名称") for text in texts) == 1
    assert "".join("".join(texts[1:]).split()).count("付録の段落。") == 40


def thin_rects(path: Path, page: int) -> list[dict]:  # type: ignore[type-arg]
    """The filled rectangles thinner than 3 pt on one page: the rules QtWebKit paints."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [r for r in pdf.pages[page].rects if min(r["width"], r["height"]) < 3]


@needs_wkhtmltopdf
def test_hrules_paints_only_horizontal_rules_of_one_pixel(hrules: Path) -> None:
    rules = thin_rects(hrules, 1)
    assert rules and all(r["width"] > r["height"] for r in rules)
    assert {round(r["height"], 3) for r in rules} == {round(printed(RULE), 3)}


def list_page_rules(folder: Path, style: str) -> list[dict]:  # type: ignore[type-arg]
    """The rules of the first page of the list, ``style`` drawn in portrait."""
    out = folder / f"{style}.pdf"
    render(made_up_document(), variant(style, "portrait"), out)
    return thin_rects(out, 1)


@needs_wkhtmltopdf
def test_heavy_is_a_three_pixel_frame_over_inner_rules_of_one_pixel(tmp_path: Path) -> None:
    rules = list_page_rules(tmp_path, "heavy")
    widths = {round(min(r["width"], r["height"]), 3) for r in rules}
    assert widths == {round(printed(HEAVY), 3), round(printed(HAIR), 3)}  # 2.25 pt: 3 px; 0.25 pt: one pixel


@needs_wkhtmltopdf
def test_a_double_frame_is_two_one_pixel_rules_and_the_inner_rules_one(tmp_path: Path) -> None:
    rules = list_page_rules(tmp_path, "double")
    verticals = sorted({round(r["x0"], 1) for r in rules if r["height"] > r["width"]})
    gaps = [b - a for a, b in itertools.pairwise(verticals)]
    # 2.4 pt double: three pixels, a line, a gap and a line; the left and the right of the frame each two rules
    assert len(verticals) == 2 * 2 + len(made_up.HEADER) - 1
    assert gaps[0] == pytest.approx(2 * PIXEL * SHRINK, abs=0.1) == gaps[-1] and min(gaps[1:-1]) > 10
    assert printed(DOUBLE) == pytest.approx(3 * PIXEL * SHRINK)


@needs_wkhtmltopdf
def test_two_renders_are_the_same_bytes(tmp_path: Path, hrules: Path) -> None:
    again = tmp_path / "again.pdf"
    render(made_up_document(), variant("hrules", "landscape"), again)
    assert again.read_bytes() == hrules.read_bytes()


def test_the_command_prints_a4_with_the_margins_and_loads_nothing_else(tmp_path: Path) -> None:
    args = command(tmp_path / "p.html", tmp_path / "p.pdf", "landscape")
    assert args[args.index("--orientation") + 1] == "Landscape" and args[args.index("--page-size") + 1] == "A4"
    assert [args[args.index(f"--margin-{side}") + 1] for side in ("top", "bottom", "left", "right")] == [
        "14mm", "14mm", "12mm", "12mm"]
    assert {"--disable-javascript", "--disable-local-file-access", "--no-images"} <= set(args)
    assert args[-2:] == [str(tmp_path / "p.html"), str(tmp_path / "p.pdf")]


def test_the_creation_date_is_fixed() -> None:
    stamped = b"<< /Creator (wkhtmltopdf) /CreationDate (D:20261203164759Z) >>"
    assert fixed_date(stamped) == b"<< /Creator (wkhtmltopdf) /CreationDate (D:20230818090000Z) >>"
    with pytest.raises(RuntimeError):
        fixed_date(b"<< /CreationDate (D:20261203225408+09'00) >>")


def test_wkhtmltopdf_draws_every_style_in_the_orientations_its_seed_drew() -> None:
    """matrix.toml: random.Random(2033).choice per style in the order of [styles] (the twelve of stop 27, a style
    added later drawn apart); held out in every style."""
    styles = [s for s in tomllib.loads(MATRIX.read_text(encoding="utf-8"))["styles"] if s in STYLES_OF_STOP_27]
    assert tuple(styles) == STYLES_OF_STOP_27
    rng = random.Random(2033)
    drawn = [(v.style.name, v.orientation, v.held_out) for v in load_matrix()
             if v.producer == "wkhtmltopdf" and v.style.name in STYLES_OF_STOP_27]
    assert drawn == [(s, rng.choice(("portrait", "landscape")), True) for s in styles]
