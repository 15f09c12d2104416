"""A copier's black edges and a binder's punch holes are cleared from a scan; the document's own ink is not.

The pages are drawn here with numpy at 300 dpi (11.8 px a millimetre): a ruled
table of 4 x 5 cells in the middle, and around it what the expectations name —
a ragged black band 5 mm thick along the left edge, two 6 mm holes in the top
margin, a 0.2 mm rule at the very edge of a cropped scan, a dark header band
inside the margins. What is cleared follows from the marks' definitions
(pipeline/extract/scan_marks.py), not from running the grid finder.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from pipeline.extract.ocr import page_layout
from pipeline.extract.scan_marks import without_scan_marks

DPI = 300
MM = DPI / 25.4
H, W = round(297 * MM), round(210 * MM)


def page_with_table() -> np.ndarray:
    gray = np.full((H, W), 255, np.uint8)
    x0, x1, y0, y1 = round(30 * MM), round(180 * MM), round(60 * MM), round(160 * MM)
    for y in np.linspace(y0, y1, 6).round().astype(int):
        gray[y:y + 3, x0:x1 + 3] = 0
    for x in np.linspace(x0, x1, 5).round().astype(int):
        gray[y0:y1 + 3, x:x + 3] = 0
    gray[round(65 * MM):round(68 * MM), round(40 * MM):round(60 * MM)] = 0  # a word in a cell
    return gray


def with_band_and_holes(gray: np.ndarray) -> np.ndarray:
    out = gray.copy()
    rng = np.random.default_rng(7)
    width = (5 * MM + rng.normal(0, 0.6 * MM, H).cumsum() / 40).clip(3 * MM, 7 * MM).round().astype(int)
    for y in range(H):
        out[y, :width[y]] = 0
    yy, xx = np.mgrid[0:H, 0:W]
    for cx in (80 * MM, 160 * MM):
        out[(xx - cx) ** 2 + (yy - 10 * MM) ** 2 <= (3 * MM) ** 2] = 0
    return out


def test_the_band_and_the_holes_are_cleared_and_the_table_is_kept() -> None:
    clean = page_with_table()
    cleared, note = without_scan_marks(with_band_and_holes(clean), DPI)
    assert note == "cleared 1 black band(s) at the image's edges and 2 punch hole(s)"
    assert ((cleared == 0) == (clean == 0)).all()


def test_a_clean_page_is_left_alone() -> None:
    clean = page_with_table()
    cleared, note = without_scan_marks(clean, DPI)
    assert note == "" and cleared is clean


def test_a_thin_rule_at_the_edge_of_a_cropped_scan_and_a_dark_header_inside_the_margins_stay() -> None:
    gray = page_with_table()
    gray[:, :3] = 0  # a frame rule cut by the scan's edge: 0.25 mm
    gray[round(40 * MM):round(55 * MM), round(30 * MM):round(180 * MM)] = 0  # a header band, white text aside
    cleared, note = without_scan_marks(gray, DPI)
    assert note == "" and (cleared == gray).all()


def test_a_one_bit_page_with_two_bands_is_no_photographed_sheet() -> None:
    """Bands along two edges read as the desk around a photographed sheet, which was then 'flattened' from a
    quadrilateral: on the copier scans of stop 38 that warp cost whole pages their grids. Cleared first, the
    page is read as the scan it is."""
    gray = with_band_and_holes(page_with_table())
    gray[:round(6 * MM), :] = 0  # the top edge too: the sheet shifted on the platen
    layout = page_layout(Image.fromarray(gray), DPI, bilevel=True)
    assert [len(g.cells) for g in layout.grids] == [20]
    assert layout.sheet == "cleared 2 black band(s) at the image's edges and 2 punch hole(s)"


def test_a_one_bit_page_loses_its_lone_dots_and_keeps_its_strokes() -> None:
    """A copier dithers a faint grey cast into lone dots, some inside glyphs' counters (a 0 read as 9)."""
    clean = page_with_table()
    dotted = clean.copy()
    rng = np.random.default_rng(3)
    ys, xs = rng.integers(0, H, 4000), rng.integers(0, W, 4000)
    keep = (clean[ys, xs] == 255) & (ys % 7 == 0) & (xs % 7 == 0)  # apart from each other and from the ink
    dotted[ys[keep], xs[keep]] = 0
    assert keep.sum() > 50
    read = page_layout(Image.fromarray(dotted), DPI, bilevel=True)
    kept = page_layout(Image.fromarray(dotted), DPI, bilevel=False)
    ink = (read.gray < 128).sum()
    assert ink < (kept.gray < 128).sum() and ink >= 0.99 * (clean < 128).sum()
