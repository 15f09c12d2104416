"""The ``microfilm`` scan pipeline (dev/scan_microfilm.py): its drawing and its PDF objects only.

microfilm (an archived report printed from film by a reader-printer, the print
scanned) was built at stop 41 by a helper, held out and unseen: nothing here
runs OCR or the extractor on what it makes (the lead scores it once at the
next stop). These tests look at the images and at the plan ``microfilm_plan``
draws, on small synthetic pages, with expected values from the pipeline's
definition: grey, 240 dpi, JPEG quality 55-75; one negative print in every
four pages (mostly dark, its text light), the others mostly light with dark
text; the film's edge on one or two sides as planned, clear of print, dark on
a positive print and light on a negative one; the scratches where the plan
puts them, of the tone it gives; the turn and scale in their ranges.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from dev.scan_microfilm import (
    BLOCK,
    CLEAR,
    INK_LEVEL,
    MM,
    QUALITY,
    SCALE,
    SEED,
    SEED_ID,
    TURN,
    microfilm,
    microfilm_plan,
    sheet_negative,
)
from dev.scan_pipelines import HELD_OUT, PIPELINES, TUNING
from tests.jpeg_quality import assert_seeded_grey, quality_of

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "corpus" / "pdf" / "setagaya-2023-report359.pdf"
SIZE = (round(80 * MM), round(110 * MM))  # rows, columns: a small landscape sheet at 240 dpi
NEGATIVE_PAGE = next(p for p in range(1, BLOCK + 1) if sheet_negative(p))
POSITIVE_PAGE = next(p for p in range(1, BLOCK + 1) if not sheet_negative(p))


@cache
def text_page() -> np.ndarray:
    """A table of 6 rows x 3 columns with a line of text in each cell, 15 mm margins all round."""
    h, w = SIZE
    page = np.full((h, w), 255, np.uint8)
    top, left, bottom, right = round(15 * MM), round(15 * MM), h - round(15 * MM), w - round(15 * MM)
    rows = np.linspace(top, bottom, 7).round().astype(int)
    cols = np.linspace(left, right, 4).round().astype(int)
    for y in rows:
        page[y: y + 2, left: right + 2] = 0
    for x in cols:
        page[top: bottom + 2, x: x + 2] = 0
    for i, y in enumerate(rows[:-1]):
        for j, x in enumerate(cols[:-1]):
            cv2.putText(page, f"R{i}C{j} 12,345", (int(x) + 8, int(y) + 32), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    return page


@cache
def scanned(kind: str, seed: int, page: int) -> np.ndarray:
    clean = text_page() if kind == "text" else np.full(SIZE, 255, np.uint8)
    return np.asarray(microfilm(clean, np.random.default_rng(seed), page=page), np.float32)


def test_microfilm_is_registered_held_out_grey_at_240_dpi() -> None:
    spec, fn = PIPELINES["microfilm"]
    assert fn is microfilm
    assert spec.held_out and "microfilm" in HELD_OUT and "microfilm" not in TUNING  # built at stop 41, unseen
    assert spec.dpi == (240, 240) and spec.mode == "L" and spec.needs_page and not spec.text_layer
    assert QUALITY[0] <= spec.jpeg_quality <= QUALITY[1]
    assert spec.seed_id == SEED_ID
    assert spec.seed_id not in {p.seed_id for name, (p, _) in PIPELINES.items() if name != "microfilm"}
    from dev.build_scans import SEED as BUILD_SEED

    assert SEED == BUILD_SEED


def test_one_page_in_every_four_is_printed_negative() -> None:
    slots = []
    for block in range(8):
        negatives = [slot for slot in range(BLOCK) if sheet_negative(block * BLOCK + slot + 1)]
        assert len(negatives) == 1
        slots.append(negatives[0])
    assert len(set(slots)) > 1  # the block's seed, not a fixed slot


def test_same_seed_same_image_other_seed_another() -> None:
    assert_seeded_grey(microfilm, text_page(), QUALITY)


def _ink_on_print(seed: int, page: int) -> tuple[np.ndarray, np.ndarray]:
    """The plan's edge mask and where the text page's ink lands on the print (bool), for seed and page."""
    plan = microfilm_plan(text_page(), np.random.default_rng(seed), page)
    h, w = SIZE
    warped = cv2.warpAffine(text_page(), plan.matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return plan.edge_mask(h, w), warped < 128


@pytest.mark.parametrize("seed", range(3))
def test_a_negative_print_is_mostly_dark_with_light_text_a_positive_one_the_reverse(seed: int) -> None:
    for page, negative in ((NEGATIVE_PAGE, True), (POSITIVE_PAGE, False)):
        grey = scanned("text", seed, page)
        edge, ink = _ink_on_print(seed, page)
        strokes = cv2.erode(ink.astype(np.uint8), np.ones((2, 2), np.uint8)) > 0  # stroke cores, off their rims
        ground = (cv2.dilate(ink.astype(np.uint8), np.ones((9, 9), np.uint8)) == 0) & (edge == 0)
        text_level, ground_level = np.median(grey[strokes]), np.median(grey[ground])
        if negative:
            assert ground_level < 90 and text_level > ground_level + 50, (text_level, ground_level)
            assert np.median(grey) < 100
        else:
            assert ground_level > 110 and text_level < ground_level - 50, (text_level, ground_level)
            assert np.median(grey) > 110


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("page", [NEGATIVE_PAGE, POSITIVE_PAGE])
def test_the_film_edge_is_on_one_or_two_sides_clear_of_print_and_of_the_planned_tone(seed: int, page: int) -> None:
    plan = microfilm_plan(text_page(), np.random.default_rng(seed), page)
    assert 1 <= len(plan.edges) <= 2 and len({side for side, _, _ in plan.edges}) == len(plan.edges)
    assert all(1.0 * MM <= band <= 10.0 * MM for _, band, _ in plan.edges)
    edge, ink = _ink_on_print(seed, page)
    free = cv2.distanceTransform(np.where(ink, 0, 255).astype(np.uint8), cv2.DIST_L2, 5)
    assert free[edge > 0].min() >= CLEAR - 2  # 1 mm clear of print (2 px for the interpolation)
    grey = scanned("text", seed, page)
    core = cv2.erode((edge > 0.99).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0  # off the blurred inner edge
    ground = (cv2.dilate(ink.astype(np.uint8), np.ones((9, 9), np.uint8)) == 0) & (edge == 0)
    band_level, ground_level = np.median(grey[core]), np.median(grey[ground])
    if plan.negative:
        assert band_level > ground_level + 60, (band_level, ground_level)
    else:
        assert band_level < ground_level - 60 and band_level < 60, (band_level, ground_level)


def test_the_geometry_and_the_scratches_stay_in_their_ranges() -> None:
    plans = [microfilm_plan(text_page(), np.random.default_rng(s), 1 + s % BLOCK) for s in range(40)]
    assert all(TURN[0] <= abs(p.angle) <= TURN[1] + 1e-9 for p in plans)  # 15 mm margins: never halved
    assert all(SCALE[0] - 1e-9 <= p.scale <= SCALE[1] + 1e-9 for p in plans)
    assert {len(p.scratches) for p in plans} == {0, 1, 2, 3}
    assert {len(p.edges) for p in plans} == {1, 2}
    h, w = SIZE
    for p in plans:
        moved = p.matrix[:, :2] @ np.stack(np.nonzero(text_page() < INK_LEVEL)[::-1]) + p.matrix[:, 2:]
        assert moved.min() >= CLEAR - 1e-6 and moved[0].max() <= w - 1 - CLEAR + 1e-6
        assert moved[1].max() <= h - 1 - CLEAR + 1e-6
        for s in p.scratches:
            assert 1.0 <= s.width <= 2.5 and 0.5 <= s.strength <= 0.9 and s.bottom - s.top >= 0.7 * h - 1e-6
            assert 0 <= s.top and s.bottom <= h
    scratches = [s for p in plans for s in p.scratches]
    as_edge = sum(s.light == p.negative for p in plans for s in p.scratches)
    assert 0.6 * len(scratches) <= as_edge < len(scratches)  # most print as the film's edge, not all


@pytest.mark.parametrize("seed", range(8))
def test_each_scratch_is_a_thin_line_of_its_planned_tone_where_the_plan_puts_it(seed: int) -> None:
    page = 1 + seed % BLOCK
    blank = np.full(SIZE, 255, np.uint8)
    plan = microfilm_plan(blank, np.random.default_rng(seed), page)
    grey = scanned("blank", seed, page)
    h, w = SIZE
    edge = plan.edge_mask(h, w)
    ys = np.arange(h)
    for s in plan.scratches:
        others = [o for o in plan.scratches if o is not s]
        rows = ys[(ys > s.top + 5) & (ys < s.bottom - 5)]
        x = np.round(s.centre(rows.astype(np.float64), h)).astype(int)
        keep = (x >= 8) & (x < w - 8) & (edge[rows, np.clip(x - 8, 0, w - 1)] == 0) \
            & (edge[rows, np.clip(x + 8, 0, w - 1)] == 0)
        keep &= np.all([np.abs(x - o.centre(rows.astype(np.float64), h)) > 12 for o in others], axis=0) \
            if others else True
        if keep.sum() < 0.3 * h:
            continue
        rows, x = rows[keep], x[keep]
        line = grey[rows, x]
        beside = (grey[rows, x - 7] + grey[rows, x + 7]) / 2
        diff = float(np.median(line - beside))
        assert (diff > 4) if s.light else (diff < -4), (s, diff)


def test_the_corners_are_darker_than_the_middle_and_the_ground_is_grainy() -> None:
    for seed in range(3):
        grey = scanned("blank", seed, POSITIVE_PAGE)
        plan = microfilm_plan(np.full(SIZE, 255, np.uint8), np.random.default_rng(seed), POSITIVE_PAGE)
        h, w = SIZE
        free = plan.edge_mask(h, w) == 0
        k = round(12 * MM)
        middle = np.median(grey[h // 2 - k: h // 2 + k, w // 2 - k: w // 2 + k])
        corners = [grey[ys, xs][free[ys, xs]] for ys in (slice(0, k), slice(h - k, h))
                   for xs in (slice(0, k), slice(w - k, w))]
        assert np.median([np.median(c) for c in corners if c.size > k]) < middle - 5
        patch = grey[h // 2 - 40: h // 2 + 40, w // 2 - 40: w // 2 + 40]
        assert 3.0 < float(patch.std()) < 15.0  # film grain and sensor noise, no more


def test_page_one_built_is_one_grey_jpeg_at_240_dpi_the_original_size(tmp_path: Path) -> None:
    import pikepdf

    from dev.build_scans import build_pipeline

    built = build_pipeline(SOURCE, "microfilm", tmp_path, "1")
    with pikepdf.open(built) as pdf, pikepdf.open(SOURCE) as source:
        assert len(pdf.pages) == 1
        page, original = pdf.pages[0], source.pages[0]
        assert [round(float(v), 2) for v in page.MediaBox] == [round(float(v), 2) for v in original.MediaBox]
        images = page.Resources.XObject
        assert list(images.keys()) == ["/Im0"] and "/Font" not in page.Resources
        image = images["/Im0"]
        assert image.ColorSpace == "/DeviceGray" and image.Filter == "/DCTDecode"
        width_pt, height_pt = float(page.MediaBox[2]), float(page.MediaBox[3])
        assert round(int(image.Width) / width_pt * 72) == 240 and round(int(image.Height) / height_pt * 72) == 240
        jpeg = image.read_raw_bytes()
        assert Image.open(io.BytesIO(jpeg)).mode == "L"
        assert QUALITY[0] <= quality_of(jpeg) <= QUALITY[1]
