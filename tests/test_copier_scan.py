"""The ``copier`` scan pipeline (dev/scan_copier.py): its drawing only.

copier was built held out and unseen (stop 38), so nothing here runs OCR or
the extractor on what it makes; scored once, it was opened for tuning, and
tests/extract/test_ocr_scans.py reads its page 3. These tests look at the images and at the geometry ``copier_plan``
draws, with expected values from the pipeline's definition: 300 dpi, 1 bit,
punch holes and edge bands clear of everything printed, grey shading
dithered into dots, skew at most 0.7° and a shift of at most 3 mm.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest

from dev.scan_copier import CLEAR, INK_LEVEL, MM, copier, copier_plan
from dev.scan_pipelines import HELD_OUT, PIPELINES, TUNING

ROOT = Path(__file__).resolve().parents[1]
A4 = (3508, 2481)  # portrait, 300 dpi
SEEDS = range(6)
PX_MM = round(MM)  # whole pixels a millimetre, for drawing the synthetic page


@cache
def synthetic_page() -> np.ndarray:
    """An A4 page at 300 dpi: a title, a grey-shaded header band, a ruled table with text-like strokes."""
    page = np.full(A4, 255, np.uint8)
    mm = PX_MM
    page[25 * mm: 30 * mm, 25 * mm: 120 * mm:6] = 0  # a title: short vertical strokes
    left, right, top = 20 * mm, 190 * mm, 40 * mm
    page[top: top + 12 * mm, left:right] = 200  # the shaded header band (22 % grey)
    for k in range(12):
        y = top + k * 12 * mm
        page[y: y + 2, left:right] = 0  # rules 2 px thick
        page[y + 4 * mm: y + 7 * mm, left + 5 * mm: left + 80 * mm: 5] = 0  # text-like strokes in each row
    for x in (left, left + 90 * mm, right):
        page[top: top + 11 * 12 * mm + 2, x: x + 2] = 0
    page[top + 140 * mm: top + 140 * mm + 2, left:right] = 150  # a thin grey rule
    page[250 * mm: 254 * mm, 30 * mm: 180 * mm] = 0  # a long black bar, 4 mm thick: the skew
    return page


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return synthetic_page()


@pytest.fixture(scope="module")
def real_page() -> np.ndarray:
    """Page 3 of the reportlab corpus PDF (A4 landscape, 7.6 mm side margins), rendered as build_scans does."""
    import pypdfium2 as pdfium

    from dev.build_scans import render_gray

    pdf = pdfium.PdfDocument(str(ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf"))
    try:
        return np.asarray(render_gray(pdf, 2, 300))
    finally:
        pdf.close()


@cache
def scanned(seed: int) -> np.ndarray:
    """The synthetic page through copier, as a bool array: True where black."""
    return np.asarray(copier(synthetic_page(), np.random.default_rng(seed)).convert("L")) < 128


def test_copier_is_registered_at_300_dpi_bilevel() -> None:
    spec, fn = PIPELINES["copier"]
    assert fn is copier
    assert not spec.held_out and "copier" in TUNING and "copier" not in HELD_OUT  # scored once, then opened
    assert spec.dpi == (300, 300) and spec.mode == "1" and spec.jpeg_quality == 0
    assert spec.seed_id not in {p.seed_id for name, (p, _) in PIPELINES.items() if name != "copier"}


def test_same_seed_same_image_other_seed_another(page: np.ndarray) -> None:
    first = copier(page, np.random.default_rng(7))
    assert first.mode == "1" and first.size == (page.shape[1], page.shape[0])
    a = np.asarray(first)
    assert (a == np.asarray(copier(page, np.random.default_rng(7)))).all()
    assert not (a == np.asarray(copier(page, np.random.default_rng(8)))).all()


def test_the_built_pdf_holds_a_1_bit_image(tmp_path: Path) -> None:
    """Stored 1 bit a pixel, Flate (its 300 dpi is tests/test_dev_tools.py's check of every held-out pipeline)."""
    from dev.build_scans import build_pipeline

    out = build_pipeline(ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf", "copier", tmp_path, "1")
    assert b"/BitsPerComponent 1 /Filter /FlateDecode" in out.read_bytes()


def check_clear_of_ink(clean: np.ndarray, seed: int) -> None:
    """Every printed pixel of the clean page lands inside the frame, off every hole and every band."""
    plan = copier_plan(clean, np.random.default_rng(seed))
    h, w = clean.shape
    ys, xs = np.nonzero(clean < INK_LEVEL)
    for cx, cy in plan.holes:
        assert np.min((xs - cx) ** 2 + (ys - cy) ** 2) > plan.hole_radius ** 2
    mapped = plan.matrix[:, :2] @ np.stack([xs, ys]).astype(np.float64) + plan.matrix[:, 2:]
    assert mapped[0].min() >= 0 and mapped[0].max() <= w - 1 and mapped[1].min() >= 0 and mapped[1].max() <= h - 1
    px, py = np.round(mapped).astype(int)
    assert not plan.bands[py, px].any()


@pytest.mark.parametrize("seed", SEEDS)
def test_holes_and_bands_leave_every_printed_pixel_alone(page: np.ndarray, real_page: np.ndarray, seed: int) -> None:
    check_clear_of_ink(page, seed)
    check_clear_of_ink(real_page, seed)


@pytest.mark.parametrize("seed", SEEDS)
def test_punch_holes_sit_in_the_left_or_top_margin_80_mm_apart(page: np.ndarray, seed: int) -> None:
    plan = copier_plan(page, np.random.default_rng(seed))
    assert len(plan.holes) in (2, 3)  # 20 mm margins: they always fit
    assert 5.5 * MM / 2 <= plan.hole_radius <= 6.5 * MM / 2
    xs, ys = np.array(plan.holes).T
    if np.ptp(xs) < 1:  # a column along the left edge
        along, inset = ys, xs[0]
    else:
        assert np.ptp(ys) < 1
        along, inset = xs, ys[0]
    assert plan.hole_radius + 0.5 * MM <= inset <= 12 * MM + 1
    assert np.allclose(np.diff(along), 80 * MM)
    black = scanned(seed)
    for cx, cy in plan.holes:  # drawn black where the sheet lies in the frame
        x, y = (plan.matrix @ np.array([cx, cy, 1.0])).round().astype(int)
        assert black[y - 2: y + 3, x - 2: x + 3].all()


def test_edge_bands_are_solid_black_2_to_8_mm_along_one_or_two_edges(page: np.ndarray) -> None:
    seen = 0
    for seed in SEEDS:
        plan = copier_plan(page, np.random.default_rng(seed))
        assert len(plan.band_sides) <= 2
        if not plan.band_sides:
            continue
        seen += 1
        core = cv2.erode(plan.bands.astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
        assert scanned(seed)[core].mean() > 0.99
        for side in plan.band_sides:
            strip = {"left": plan.bands[:, : 12 * int(MM)].sum(axis=1), "right": plan.bands[:, -12 * int(MM):].sum(axis=1),
                     "top": plan.bands[: 12 * int(MM)].sum(axis=0), "bottom": plan.bands[-12 * int(MM):].sum(axis=0)}[side]
            assert 1 * MM <= strip.mean() <= 8 * MM + 1.2 * MM + 3  # width plus the ragged edge's wander
            assert np.ptp(strip) > 0  # ragged, not a ruler-straight edge
    assert seen >= 3


@pytest.mark.parametrize("seed", SEEDS)
def test_grey_shading_comes_out_dithered_not_solid(page: np.ndarray, seed: int) -> None:
    plan = copier_plan(page, np.random.default_rng(seed))
    black = scanned(seed)
    mm = PX_MM

    def region(y0: int, y1: int, x0: int, x1: int) -> np.ndarray:
        mask = np.zeros(page.shape, np.uint8)
        mask[y0 + 8: y1 - 8, x0 + 8: x1 - 8] = 1  # inset by 8 px: the blur and skew at its edges
        moved = cv2.warpAffine(mask, plan.matrix, (page.shape[1], page.shape[0]), flags=cv2.INTER_NEAREST) > 0
        return black[moved & ~plan.bands]

    band = region(40 * mm + 3, 52 * mm, 112 * mm, 188 * mm)  # 22 % grey, between the rules, no strokes
    # black point 0.3-0.4, white point 0.86-0.92: 200/255 keeps 74-87 % of the light, 13-26 % black dots
    assert 0.1 < band.mean() < 0.4
    assert region(250 * mm, 254 * mm, 30 * mm, 180 * mm).mean() > 0.98  # solid ink stays solid
    paper = region(185 * mm, 245 * mm, 30 * mm, 180 * mm)  # nothing printed: only the cast's sparse dots
    assert paper.mean() < 0.03


@pytest.mark.parametrize("seed", SEEDS)
def test_skew_and_shift_within_bounds(page: np.ndarray, seed: int) -> None:
    plan = copier_plan(page, np.random.default_rng(seed))
    assert 0.05 <= abs(plan.angle) <= 0.7
    assert all(abs(s) <= 3 * MM for s in plan.shift)
    # measured on the scan: the long black bar's centre line (opened: the cast's dots go)
    black = cv2.morphologyEx(scanned(seed).astype(np.uint8), cv2.MORPH_OPEN, np.ones((5, 5), np.uint8)) > 0
    mm = PX_MM
    cols = np.arange(40 * mm, 170 * mm, 10)
    rows = np.arange(240 * mm, 264 * mm)
    centres = [rows[black[rows, c]].mean() for c in cols]
    slope = np.polyfit(cols, centres, 1)[0]
    measured = -np.degrees(np.arctan(slope))  # cv2 turns counter-clockwise for a positive angle
    assert abs(measured - plan.angle) < 0.05
    assert abs(measured) <= 0.75
    assert CLEAR == pytest.approx(MM)  # holes and bands keep 1 mm clear of print
