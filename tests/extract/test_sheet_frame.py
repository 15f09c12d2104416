"""A photographed sheet is found against the desk and warped flat; a scan filling its frame is left alone.

Synthetic pages drawn here (numpy + OpenCV, no PDF, no OCR): a ruled table on
white paper, put into a frame by a known perspective with a dark, uneven desk
around it. After ``flatten_sheet`` every rule must run straight and level
where it was drawn (the flattened image is the page, pixel for pixel); the
same page filling its frame, turned a little or lit unevenly as a scanner's
page is, must come back as the very same array.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from pipeline.extract.sheet_frame import find_sheet, flatten_sheet

DPI = 100  # a small page keeps the test fast; every constant of the module scales with dpi
W, H = 1169, 827  # A4 landscape at 100 dpi
ROWS = [120 + 40 * i for i in range(15)]  # y of each horizontal rule on the page
COLS = [60, 200, 640, 860, 960, 1060, 1110]  # x of each vertical rule


def ruled_page() -> np.ndarray:
    """A table of rules with a line of 'text' (short dark strokes) in every row."""
    page = np.full((H, W), 235, np.uint8)
    for y in ROWS:
        cv2.line(page, (COLS[0], y), (COLS[-1], y), 30, 2)
    for x in COLS:
        cv2.line(page, (x, ROWS[0]), (x, ROWS[-1]), 30, 2)
    rng = np.random.default_rng(3)
    for y0, y1 in itertools.pairwise(ROWS):
        for x in range(COLS[1] + 10, COLS[2] - 20, 14):
            if rng.random() < 0.8:
                cv2.rectangle(page, (x, y0 + 14), (x + 9, y1 - 14), 40, 1)
    return page


def photograph(page: np.ndarray, corners: np.ndarray, seed: int = 0) -> np.ndarray:
    """``page`` seen by a camera: its corners land at ``corners`` in the frame, a dark uneven desk around it."""
    rng = np.random.default_rng(seed)
    src = np.array([[0, 0], [W - 1, 0], [W - 1, H - 1], [0, H - 1]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    sheet = cv2.warpPerspective(page.astype(np.float32), m, (W, H), flags=cv2.INTER_LINEAR)
    cover = cv2.warpPerspective(np.ones((H, W), np.float32), m, (W, H), flags=cv2.INTER_LINEAR)
    desk = 60 + 15 * cv2.resize(rng.normal(0, 1, (5, 5)).astype(np.float32), (W, H), interpolation=cv2.INTER_CUBIC)
    light = np.linspace(1.0, 0.8, W, dtype=np.float32)[None, :]
    img = (cover * sheet + (1 - cover) * desk) * light + rng.normal(0, 3, (H, W)).astype(np.float32)
    return np.clip(cv2.GaussianBlur(img, (0, 0), 0.7), 0, 255).astype(np.uint8)


def rules_where_drawn(flat: np.ndarray, tolerance: int) -> None:
    """Every horizontal rule is dark within ``tolerance`` pixels of its row at every column it crosses."""
    for y in ROWS:
        for x in range(COLS[0] + 20, COLS[-1] - 20, 40):
            band = flat[y - tolerance:y + tolerance + 1, x]
            assert band.min() < 120, (y, x, band)
    for x in COLS:
        for y in range(ROWS[0] + 20, ROWS[-1] - 20, 40):
            band = flat[y, x - tolerance:x + tolerance + 1]
            assert band.min() < 120, (x, y, band)


def test_a_sheet_in_perspective_on_a_desk_comes_out_with_straight_rules() -> None:
    # a general quadrilateral: each corner moved on its own by 1-4 % of the frame, turned ~2°
    corners = np.array([[70, 45], [1110, 20], [1140, 790], [35, 760]], np.float32)
    img = photograph(ruled_page(), corners)
    sheet = find_sheet(img, DPI)
    assert sheet is not None and sheet.corners, sheet
    assert np.abs(np.array(sheet.corners) - corners).max() < 3, sheet.corners
    flat, _ = flatten_sheet(img, DPI)
    rules_where_drawn(flat, tolerance=3)
    # before: the same check fails (the rules lean and converge)
    with pytest.raises(AssertionError):
        rules_where_drawn(img, tolerance=3)


def test_a_sheet_running_off_one_side_of_the_frame_takes_that_side_from_its_rules() -> None:
    # the right side runs off the frame (no desk there), the sheet turned: the frame's edge alone would
    # leave the rules near it leaning
    corners = np.array([[60, 50], [1215, 10], [1175, 800], [40, 775]], np.float32)
    img = photograph(ruled_page(), corners, seed=1)
    sheet = find_sheet(img, DPI)
    assert sheet is not None and sheet.corners and sheet.cut == ("right",), sheet
    flat, _ = flatten_sheet(img, DPI)
    for x in COLS:  # every column rule stands upright: its ink within a few pixels of one column, which
        # lies within the part of the sheet the frame cut off (up to 4 % of the width) of where it was drawn
        cols = [x - 30 + int(np.argmin(flat[y, x - 30:x + 31])) for y in range(ROWS[0] + 20, ROWS[-1] - 20, 40)]
        assert max(cols) - min(cols) <= 4 and abs(np.median(cols) - x) <= 0.045 * W, (x, cols)


@pytest.mark.parametrize("kind", ["straight", "turned", "lit unevenly"])
def test_a_scan_filling_its_frame_is_left_untouched(kind: str) -> None:
    page = ruled_page()
    if kind == "turned":  # a flatbed's skew: paper colour in the corners, as the scan pipelines do
        m = cv2.getRotationMatrix2D((W / 2, H / 2), 1.5, 1.0)
        page = cv2.warpAffine(page, m, (W, H), flags=cv2.INTER_CUBIC, borderValue=255)
    if kind == "lit unevenly":  # light falling off by a third across the sheet (colour150)
        page = (page * np.linspace(1.0, 0.66, W, dtype=np.float32)[None, :]).astype(np.uint8)
    assert find_sheet(page, DPI) is None
    flat, sheet = flatten_sheet(page, DPI)
    assert flat is page and sheet is None


def test_a_dark_strip_along_one_side_is_not_a_desk() -> None:
    # a flatbed's lid shadow along one edge: one side seen, not a photographed sheet
    page = ruled_page()
    page[:, :25] = 50
    assert find_sheet(page, DPI) is None


def curled(page: np.ndarray, amplitude: float) -> np.ndarray:
    """The page bowed as a sheet lying on a desk: rows bend across the width, more towards top and bottom."""
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    dy = np.sin(np.pi * xx / W) * amplitude * (2 * yy / H - 1 + 0.5)
    return cv2.remap(page, xx, (yy - dy).astype(np.float32), cv2.INTER_LINEAR, borderValue=235)


def row_bends(flat: np.ndarray) -> list[float]:
    """For each horizontal rule, how far its darkest row wanders across the table (pixels)."""
    bends = []
    for y in ROWS[1:-1]:
        found = [y - 12 + int(np.argmin(flat[y - 12:y + 13, x])) for x in range(COLS[0] + 30, COLS[-1] - 30, 50)]
        bends.append(float(max(found) - min(found)))
    return bends


def test_a_curled_sheet_has_its_rows_straightened_along_its_rules() -> None:
    corners = np.array([[70, 45], [1110, 20], [1140, 790], [35, 760]], np.float32)
    img = photograph(curled(ruled_page(), 8.0), corners)
    flat, sheet = flatten_sheet(img, DPI)
    assert sheet is not None and "rows straightened" in sheet.note, sheet
    assert max(row_bends(flat)) <= 2, row_bends(flat)
    # the corners alone leave the bow in the rows
    from pipeline.extract.sheet_frame import flatten

    assert max(row_bends(flatten(img, sheet, DPI))) >= 5


def test_the_pages_row_says_a_photographed_sheet_was_flattened() -> None:
    from pipeline.extract.ocr import OcrPage, page_info

    note = "photographed sheet flattened from its quadrilateral"
    info = page_info(OcrPage(3, (), (), 0.9, 1.0, "tesseract", sheet=note), 842.0, 595.0, "no characters")
    assert info.reason == f"no characters; {note}"
    assert page_info(OcrPage(3, (), (), 0.9, 1.0), 842.0, 595.0, "no characters").reason == "no characters"
