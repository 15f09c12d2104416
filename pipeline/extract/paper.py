"""The paper's level across a page image, and the page brought to one level (before ``grid.ink_mask``).

Kept apart from grid.py (rules, cells and text lines) because it is about the
lighting of a scan, not its layout; grid.py re-exports ``even_paper``.
"""

from __future__ import annotations

import cv2
import numpy as np


def paper_level(gray: np.ndarray, dpi: float) -> np.ndarray:
    """The paper's grey level around each point (a small image, an eighth of the page's size).

    A grey dilation as wide as two lines of 10 pt text takes the ink out, leaving the
    paper with its lighting and show-through, which vary slowly across the sheet.
    """
    small = cv2.resize(gray, (max(1, gray.shape[1] // 8), max(1, gray.shape[0] // 8)), interpolation=cv2.INTER_AREA)
    k = max(3, round(PAPER_WINDOW * dpi / 8) | 1)
    paper = cv2.dilate(small, np.ones((k, k), np.uint8))
    return cv2.blur(paper, (k, k))


# inches: the window paper_level takes the paper's level over (two lines of 10 pt text and their gap)
PAPER_WINDOW = 0.3
# grey levels: above this spread of the paper's level over the page (5th to 95th percentile) the
# lighting varies across the sheet and one threshold cannot hold for the whole page. On pages 1-8
# of both producers the colour150 scans spread 40-61 (paper from ~235 down to ~170: Otsu called
# the darker third of the page ink), bitonal300, grey200 and fax 0-7; between the two, so the
# evenly lit pages are read exactly as before
UNEVEN_PAPER = 24


def even_paper(gray: np.ndarray, dpi: float) -> np.ndarray:
    """The page with its paper brought to one level where lighting varies across the sheet.

    Each pixel is divided by the paper's level around it, so ink keeps its
    contrast to the paper wherever it lies and Otsu's threshold (``ink_mask``)
    holds for the whole page. An evenly lit page is returned as it is.
    """
    paper = paper_level(gray, dpi)
    lo, hi = np.percentile(paper, [5, 95])
    if hi - lo <= UNEVEN_PAPER:
        return gray
    level = cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    flat = gray.astype(np.float32) * (255.0 / np.maximum(level, 1.0))
    return np.clip(flat, 0, 255).astype(np.uint8)
