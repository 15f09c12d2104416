"""The PyMuPDF Story producer (dev/producers/pymupdf_story.py) draws what it is asked to, the same way every run.

It draws a held-out producer's renders, so nothing here touches the reference
report or the extractor: a small made-up document is drawn and read back with
pdfplumber's text and PyMuPDF's own list of drawings (what was written, not
what a table finder makes of it).
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest

from dev.producers.model import MATRIX, Document, Variant, load_matrix
from dev.producers.pymupdf_story import BAND_FILL, HEADER_FILL, edge_classes, render
from tests import made_up

ROWS = 60  # enough for the list to run over three pages in either orientation


def made_up_document() -> Document:
    return made_up.made_up_document(ROWS)


def variant(style: str, orientation: str) -> Variant:
    return made_up.variant("pymupdf", style, orientation)


@pytest.fixture(scope="module")
def banded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("story") / "banded.pdf"
    render(made_up_document(), variant("banded", "landscape"), out)
    return out


def test_every_row_is_printed_on_landscape_a4_by_pymupdf(banded: Path) -> None:
    import pdfplumber

    with pdfplumber.open(banded) as pdf:
        assert "PyMuPDF" in pdf.metadata["Producer"] and pdf.metadata["CreationDate"].startswith("D:2023")
        assert all(page.width > page.height for page in pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
    numbers = {line.split()[0] for text in texts for line in text.splitlines() if line.split()}
    assert {str(n) for n in range(1, ROWS + 1)} <= numbers
    # the front page, the list on pages of its own from its exhibit label on, the appendix on a page of its own
    assert len(texts) >= 4 and texts[1].startswith("資料No.1") and texts[-1] == "付録。"


def test_the_bands_are_drawn_once_per_shaded_row_under_the_text(banded: Path) -> None:
    """The header and every other body row shaded once: no fill repeated from an earlier page (MuPDF's own
    backgrounds are), and each fill painted before the page's text."""
    import pymupdf

    fills = {HEADER_FILL: 0, BAND_FILL: 0}
    with pymupdf.open(banded) as pdf:
        for page in pdf:
            drawn = page.get_drawings(extended=False)
            for item in drawn:
                grey = tuple(round(v, 3) for v in item.get("fill") or ())
                for want in fills:
                    fills[want] += grey == tuple(round(v, 3) for v in want)
            fonts = [f for f in page.get_fonts() if "IPAex" not in f[3]]
            assert fonts == []
    assert fills == {HEADER_FILL: 2, BAND_FILL: ROWS // 2 + 1}  # the list and the summary (合計 is its 2nd row)


def test_two_renders_are_the_same_bytes(tmp_path: Path, banded: Path) -> None:
    again = tmp_path / "again.pdf"
    render(made_up_document(), variant("banded", "landscape"), again)
    assert again.read_bytes() == banded.read_bytes()


def test_a_double_frame_takes_the_outer_sides_and_the_top_of_the_first_body_row() -> None:
    double = variant("double", "portrait")
    assert edge_classes(double, 0, 0, 0, 5, 3) == ["l0", "t0"]
    assert edge_classes(double, 1, 2, 1, 5, 3) == ["t0"]
    assert edge_classes(double, 4, 4, 2, 5, 3) == ["b0", "r0"]
    assert edge_classes(variant("grid", "portrait"), 0, 0, 0, 5, 3) == []  # no table border: cells rule the edge


def test_a_heavy_frame_takes_the_same_sides_as_a_double_one() -> None:
    """The heavy style's frame and header rule are the table's border and the header's bottom, as the double's."""
    heavy = variant("heavy", "portrait")
    assert edge_classes(heavy, 0, 0, 0, 5, 3) == ["l0", "t0"]
    assert edge_classes(heavy, 1, 2, 1, 5, 3) == ["t0"]
    assert edge_classes(heavy, 4, 4, 2, 5, 3) == ["b0", "r0"]


def test_pymupdf_draws_every_style_in_the_orientations_its_seed_drew() -> None:
    """matrix.toml: random.Random(2030).choice per style in the order of [styles]; held out in every style.

    Styles heavy, separate, whiterules, booktabs, rounded, partial, tight, grouped, once, vertical, centred, notes and
    distributed came after (stops 26-35): their orientations are drawn with the other producers' (test_heavy_style.py,
    test_separate_style.py, test_whiterules_style.py, test_booktabs_style.py, test_rounded_style.py,
    test_partial_style.py, test_tight_style.py, test_grouped_style.py, test_once_style.py, test_vertical_style.py,
    test_centred_style.py, test_notes_style.py, test_distributed_style.py; sidebyside, stop 36,
    test_sidebyside_style.py; titled, stop 36, test_titled_style.py; running, stop 37, test_running_style.py; continued, stop 37, test_continued_style.py;
    rotated, stop 38, test_rotated_style.py; footed and stacked, stop 39,
    test_footed_style.py, test_stacked_style.py; reordered, stop 40, test_reordered_style.py;
    sectioned, stop 41, test_sectioned_style.py)."""
    later = ("heavy", "separate", "whiterules", "booktabs", "rounded", "partial", "tight", "grouped", "once",
             "vertical", "centred", "notes", "distributed", "sidebyside", "titled", "running", "continued",
             "rotated", "footed", "stacked", "reordered", "sectioned")
    styles = [s for s in tomllib.loads(MATRIX.read_text(encoding="utf-8"))["styles"] if s not in later]
    rng = random.Random(2030)
    drawn = [(v.style.name, v.orientation, v.held_out) for v in load_matrix()
             if v.producer == "pymupdf" and v.style.name not in later]
    assert drawn == [(s, rng.choice(("portrait", "landscape")), True) for s in styles]
