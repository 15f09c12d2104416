"""The ``ledger`` scan pipeline (dev/scan_ledger.py): its drawing and its PDF objects only.

ledger was built at stop 39 by a helper, held out and unseen until scored once at
stop 40, then opened (tests/extract/test_ocr_scans.py reads it); nothing here runs
OCR or the extractor on what it makes. These
tests look at the images, at the geometry ``ledger_plan`` draws and at the
built PDF, with expected values from the pipeline's definition: grey, 300 dpi,
JPEG quality 60-80, page size as the original; the gutter's shadow on the
binding side page parity gives (left on odd pages, right on even ones) and
darker than the outer margin; the squeeze of the curved zone measured on vertical
lines drawn 2 mm apart; the bow, the turn, the staple and the band within their
ranges and clear of everything printed.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from dev.scan_ledger import CLEAR, INK_LEVEL, MAX_LOSS, MM, QUALITY, STAPLE_REACH, ledger, ledger_plan
from dev.scan_pipelines import HELD_OUT, PIPELINES, TUNING
from tests.jpeg_quality import assert_seeded_grey, quality_of

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf"
A4 = (2481, 3508)  # landscape, 300 dpi
PX_MM = round(MM)
SEEDS = range(5)
LINES = np.array([round((4 + 2 * k) * MM) for k in range(58)])  # x of each vertical line: 4-118 mm off the gutter


@cache
def text_page() -> np.ndarray:
    """An A4 landscape page with 20 mm margins: ruled rows of text-like strokes."""
    page = np.full(A4, 255, np.uint8)
    mm = PX_MM
    for k in range(14):
        y = 20 * mm + k * 12 * mm
        page[y: y + 2, 20 * mm: 277 * mm] = 0
        page[y + 4 * mm: y + 8 * mm, 25 * mm: 270 * mm: 9] = 0
    return page


@cache
def lines_page(gutter: str) -> np.ndarray:
    """Vertical lines 2 px wide every 2 mm from 4 mm off the gutter edge (the left, or mirrored to the right)."""
    page = np.full(A4, 255, np.uint8)
    for x in LINES:
        page[40 * PX_MM: 170 * PX_MM, x: x + 2] = 0
    return page if gutter == "left" else np.ascontiguousarray(page[:, ::-1])


@cache
def scanned(kind: str, seed: int, page: int) -> np.ndarray:
    clean = text_page() if kind == "text" else lines_page("left" if page % 2 else "right")
    return np.asarray(ledger(clean, np.random.default_rng(seed), page=page), np.float32)


def test_ledger_is_registered_for_tuning_grey_at_300_dpi() -> None:
    spec, fn = PIPELINES["ledger"]
    assert fn is ledger
    assert not spec.held_out and "ledger" not in HELD_OUT and "ledger" in TUNING  # scored once at stop 40, opened
    assert spec.dpi == (300, 300) and spec.mode == "L" and spec.needs_page
    assert QUALITY[0] <= spec.jpeg_quality <= QUALITY[1]
    assert spec.seed_id not in {p.seed_id for name, (p, _) in PIPELINES.items() if name != "ledger"}


def test_same_seed_same_image_other_seed_another() -> None:
    assert_seeded_grey(ledger, text_page(), QUALITY)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dev.build_scans import build_pipeline

    return build_pipeline(SOURCE, "ledger", tmp_path_factory.mktemp("ledger"), "1-2")


def test_the_built_pdf_is_the_same_bytes_on_every_run(built: Path, tmp_path: Path) -> None:
    from dev.build_scans import build_pipeline

    assert build_pipeline(SOURCE, "ledger", tmp_path, "1-2").read_bytes() == built.read_bytes()


def test_each_page_is_stored_as_one_grey_jpeg_at_300_dpi_the_original_size(built: Path) -> None:
    import pikepdf

    with pikepdf.open(built) as pdf, pikepdf.open(SOURCE) as source:
        assert len(pdf.pages) == 2
        for page, original in zip(pdf.pages, source.pages):
            assert [round(float(v), 2) for v in page.MediaBox] == [round(float(v), 2) for v in original.MediaBox]
            images = page.Resources.XObject
            assert list(images.keys()) == ["/Im0"] and "/Font" not in page.Resources
            image = images["/Im0"]
            assert image.ColorSpace == "/DeviceGray" and image.Filter == "/DCTDecode"
            assert int(image.BitsPerComponent) == 8
            width_pt, height_pt = float(page.MediaBox[2]), float(page.MediaBox[3])
            assert round(int(image.Width) / width_pt * 72) == 300 and round(int(image.Height) / height_pt * 72) == 300
            jpeg = image.read_raw_bytes()
            assert Image.open(io.BytesIO(jpeg)).mode == "L"
            assert QUALITY[0] <= quality_of(jpeg) <= QUALITY[1]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("page", [1, 2, 3, 4])
def test_the_gutter_is_on_the_side_page_parity_says_and_darker_than_the_outer_margin(seed: int, page: int) -> None:
    plan = ledger_plan(text_page(), np.random.default_rng(seed), page)
    assert plan.gutter == ("left" if page % 2 else "right")
    assert 10 * MM <= plan.shadow_width <= 25 * MM and 0.55 <= plan.shadow_depth <= 0.8  # 20 mm margins: no cap
    grey = scanned("text", seed, page)
    strip = round(3 * MM)
    middle = slice(2 * A4[0] // 5, 3 * A4[0] // 5)  # the middle rows: off the lid's wedges, little moved by the turn
    columns = grey[middle].mean(axis=0)
    left, right = columns[:strip], columns[-strip:]
    gutter, outer = (left, right) if page % 2 else (right, left)
    assert gutter.min() < outer.mean() - 30  # darkest at the gutter edge, darker than the outer margin (or the lid)
    assert gutter.mean() < outer.mean()
    assert gutter.min() < 0.6 * np.median(columns)  # a dark shadow: the edge loses 40 % of the light or more


def _line_centres(grey: np.ndarray, gutter: str) -> np.ndarray:
    """Distance from the gutter edge of each dark line crossing the middle rows, within 125 mm of it.

    Each line's centre is weighted by its darkness against the local paper; a
    dark run within 1.5 mm of the frame's edge (the binding's shadow) is not a line.
    """
    row = grey[A4[0] // 2 - 2: A4[0] // 2 + 3].mean(axis=0)
    if gutter == "right":
        row = row[::-1]
    row = row[: 125 * PX_MM]
    paper = cv2.dilate(row[None, :], np.ones((1, 41), np.uint8))[0]
    dark = row < 0.7 * paper
    starts = np.flatnonzero(dark & ~np.r_[False, dark[:-1]])
    ends = np.flatnonzero(dark & ~np.r_[dark[1:], False]) + 1
    centres = []
    for a, b in zip(starts, ends):
        if a < 1.5 * MM:  # lines start 4 mm off the gutter, past the curve's 0.4-1.8 mm
            continue
        span = np.arange(a - 2, b + 2)
        weight = np.clip(paper[span] - row[span], 0, None)
        centres.append(float((span * weight).sum() / weight.sum()))
    return np.array(centres)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("page", [1, 2])
def test_the_squeeze_toward_the_gutter_stays_within_its_range(seed: int, page: int) -> None:
    gutter = "left" if page % 2 else "right"
    plan = ledger_plan(lines_page(gutter), np.random.default_rng(seed), page)
    assert 15 * MM <= plan.zone <= 30 * MM and 0.02 <= plan.squeeze <= 0.06
    found = _line_centres(scanned("lines", seed, page), gutter)
    assert len(found) == len(LINES)
    cos = np.cos(np.radians(plan.angle))  # along a row, a turned line's gaps look 1/cos longer
    sheet = LINES + 0.5  # each line's centre on the sheet
    gaps, drawn = np.diff(found) * cos, np.diff(sheet)
    past = sheet[:-1] >= plan.zone
    assert np.abs(gaps[past] - drawn[past]).max() < 0.6  # no squeeze past the curved zone
    scale = gaps / drawn
    assert (scale < 1 + 0.6 / drawn).all() and (scale > 1 - 3 * 0.06 - 0.6 / drawn).all()  # squeezed, not stretched
    assert (np.diff(scale[~past]) > -0.6 / drawn[0]).all()  # more toward the gutter
    assert scale[0] < 1 - 0.3 * plan.squeeze  # and measurably so near it
    # the first line moved away from the gutter by what the plan says, s Z (1 - u/Z)^3: measured against a line
    # past the zone, it lost that much of its distance; at most 6 % of the zone, at least 2 % of what is left of it
    far = int(np.argmax(sheet > plan.zone + 2))
    lost = (sheet[far] - sheet[0]) - (found[far] - found[0]) * cos
    assert abs(lost - float(plan.moved(sheet[0]))) < 1.5
    assert 0.02 * plan.zone * (1 - sheet[0] / plan.zone) ** 3 - 1.5 <= lost <= 0.06 * plan.zone + 1.5


@pytest.mark.parametrize("seed", range(12))
def test_the_turn_bow_staple_and_band_stay_in_their_ranges_and_off_the_print(seed: int) -> None:
    page = text_page()
    plan = ledger_plan(page, np.random.default_rng(seed), 1 + seed % 2)
    assert 0.2 <= abs(plan.angle) <= 1.5  # 20 mm margins: never turned less to keep the print in
    assert 0.5 * MM - 1e-6 <= abs(plan.bow_shift) + abs(plan.bow_pinch) <= 2 * MM + 1e-6
    assert plan.band in ("", "lid", "pages") and (plan.band == "") == (plan.band_width == 0)
    if plan.band:
        assert 1 * MM <= plan.band_width <= 8 * MM
    sheet = page if plan.gutter == "left" else page[:, ::-1]
    ys, xs = np.nonzero(sheet < INK_LEVEL)
    sx, sy = plan.bowed(xs.astype(float), ys.astype(float), A4[0])
    assert sx.max() <= A4[1] - 1 - plan.band_width - CLEAR  # the band keeps 1 mm clear of print
    t = np.clip(1 - sx.min() / plan.shadow_width, 0, 1)
    assert plan.shadow_depth * t ** plan.shadow_power <= MAX_LOSS + 1e-9  # the text near the gutter stays readable
    framed = plan.matrix[:, :2] @ np.stack([sx, sy]) + plan.matrix[:, 2:]
    assert framed.min() >= CLEAR - 1e-6 and framed[0].max() <= A4[1] - 1 - CLEAR and framed[1].max() <= A4[0] - 1 - CLEAR
    if plan.staple:
        assert plan.staple in ("staple", "holes") and len(plan.staple_ends) == 2
        (x0, y0), (x1, y1) = plan.staple_ends
        assert 8 * MM - 1 <= np.hypot(x1 - x0, y1 - y0) <= 12 * MM + 1
        assert max(y0, y1) <= 25 * MM  # near a top corner
        assert min(x0, x1) <= 25 * MM or max(x0, x1) >= A4[1] - 25 * MM
        along = np.linspace(0, 1, 200)[:, None] * np.array([x1 - x0, y1 - y0]) + np.array([x0, y0])
        free = cv2.distanceTransform(np.where(sheet < INK_LEVEL, 0, 255).astype(np.uint8), cv2.DIST_L2, 5)
        assert free[along[:, 1].round().astype(int), along[:, 0].round().astype(int)].min() > STAPLE_REACH + CLEAR - 1


def test_some_pages_have_a_staple_or_holes_and_some_a_band() -> None:
    plans = [ledger_plan(text_page(), np.random.default_rng(s), 1) for s in range(30)]
    assert {p.staple for p in plans} == {"", "staple", "holes"}
    assert {p.band for p in plans} == {"", "lid", "pages"}


@pytest.mark.parametrize("seed", SEEDS)
def test_the_lines_bow_near_the_gutter_as_planned_by_at_most_2_mm(seed: int) -> None:
    """A level rule's centre line near the gutter against its line far from it (where only the turn moves it)."""
    page = np.full(A4, 255, np.uint8)
    y0 = 60 * PX_MM
    page[y0: y0 + 3, 1 * PX_MM: 200 * PX_MM] = 0
    plan = ledger_plan(page, np.random.default_rng(seed), 1)
    grey = np.asarray(ledger(page, np.random.default_rng(seed), page=1), np.float32)
    cols = np.arange(5 * PX_MM, 190 * PX_MM, 5)
    centres = []
    for c in cols:
        expected = plan.matrix[1, 0] * c + plan.matrix[1, 1] * (y0 + 1) + plan.matrix[1, 2]
        rows = np.arange(int(expected) - 5 * PX_MM, int(expected) + 5 * PX_MM)
        column = grey[rows, c]
        weight = np.clip(0.75 * np.median(column) - column, 0, None)
        centres.append(float((rows * weight).sum() / weight.sum()))
    centres_a = np.array(centres)
    far = cols > plan.zone + 20 * PX_MM
    fit = np.polyfit(cols[far], centres_a[far], 1)
    assert abs(-np.degrees(np.arctan(fit[0])) - plan.angle) < 0.05  # the turn is the plan's
    bend = centres_a - np.polyval(fit, cols)
    assert np.abs(bend[far]).max() < 1.0
    assert np.abs(bend).max() <= 2 * MM + 1  # within 2 mm at the gutter
    inv = cv2.invertAffineTransform(plan.matrix)  # the sheet's x under each column: undo the turn and the squeeze
    seen_x = inv[0, 0] * cols + inv[0, 1] * centres_a + inv[0, 2]
    grid = np.arange(0.0, plan.zone + 2.0, 0.25)
    sheet_x = np.where(seen_x >= plan.zone, seen_x, np.interp(seen_x, grid + plan.moved(grid), grid))
    middle = (A4[0] - 1) / 2
    t = np.clip(1 - sheet_x / plan.zone, 0, 1)
    planned = t ** 2 * (plan.bow_shift + plan.bow_pinch * (y0 + 1 - middle) / middle)
    assert np.abs(bend - planned).max() < 1.5
