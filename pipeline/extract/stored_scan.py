"""A low-resolution scan read from the pixels it is stored with, not from pdfium's render of them.

A fax is stored at 200 dpi across and 100 dpi down and stretched onto the
page by the PDF; the OCR path reads pages at 300 dpi (``ocr.DEFAULT_DPI``).
pdfium's render enlarges the stored bitmap with a filter of its own, blocky
down the 100 dpi axis, and carries every speck of the fax into the page. For
a page that is one such image (``is_page_scan``), ``scan_image`` instead

1. takes the isolated specks off at the stored resolution (``despeckled``):
   a fax's speckle is single pixels; no printed mark is one pixel of 0.13 ×
   0.25 mm with nothing touching it, while at 300 dpi a speck is a 1.5 × 3 px
   block that the later smoothing turns into a grey blot a glyph's size of
   the line splitter's dust rules away;
2. enlarges each axis on its own to the OCR resolution with a cubic filter
   (``upsampled``): a 1 px horizontal stroke at 100 dpi becomes a 3 px stroke
   with soft edges, where pdfium's filter left steps down each glyph.

3. smooths it by a Gaussian of a third of a stored pixel of the coarser axis,
   as ``page_layout`` smooths a rendered low-resolution page, but before the
   cubic filter's overshoot is clipped (``upsampled``), and by ``FINE_SMOOTH``
   times that along the finer axis (``smoothing``: across a fax).

Measured with ``python -m dev.ocr_cells`` (cells of 8 or more
characters, engine ``auto``): fax × reportlab pages 1-8 4.7% → 4.0%, fax ×
fpdf2 pages 3, 5, 7 14.1% → 13.4%, in the same reading time; the cubic filter
alone, without the despeckling, was worse than pdfium's render on reportlab
pages 3-7 (5.5% against 4.9%): the despeckling is what gains (docs/ocr.md).
Making the page costs ~0.1 s (pdfium's render ~0.02 s) of a fax page's 4-8 s.

Any doubt (an image not covering the page, turned or flipped by its matrix, a
stored bitmap that does not look like the rendered page: a mask or an
inverted /Decode) and the page is rendered by pdfium as any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

EDGE_PT = 1.0  # how far (points) each side of the image may lie from the page's to be the page's scan
AGREE = 0.8  # correlation with pdfium's small render below which the stored pixels are not trusted
CHECK_DPI = 36.0  # resolution of that check: enough for text lines, cheap (~1/70 of a 300 dpi render)
INK_BELOW = 128  # grey level under which a stored pixel is ink (midway between black and white)
# the finer axis (a fax's 200 dpi across) is smoothed this many times as much as the coarser one (100 dpi
# down: a third of its stored pixel); fax pages, long cells (dev.ocr_cells, engine auto), 1 / 1.25 / 1.5 / 2:
# fpdf2 pages 1-8 12.7 / 11.9 / 12.2% (pages 3-6 at 2: 16.2%), reportlab pages 1-8 4.1 / 3.8 / 3.5 / 3.9%.
# Chosen again once PP-OCRv5 read with the word list (extract/lexicon.py; issue 12, stop 27): description
# cells, 1.25 / 1.5 / 1.75: fpdf2 pages 3, 5, 6, 7 (6,068 characters) 418 / 410 edits, reportlab pages 3-8
# (3,980) 107 / 99, pages 4, 6, 8 alone 2.76 / 2.34 / 2.50%; 1.0 was worse on both (fpdf2 3, 5: 5.5 -> 6.5%)
FINE_SMOOTH = 1.5


@dataclass(frozen=True)
class StoredImage:
    """The largest image on a page: where it lies (points, PDF's bottom-left origin) and its pixels' size."""

    obj: Any  # pypdfium2 PdfImage
    bounds: tuple[float, float, float, float]  # left, bottom, right, top
    px: tuple[int, int]  # width, height

    @property
    def dpi(self) -> float:
        """The lower of its two resolutions (a fax: 200 across, 100 down)."""
        left, bottom, right, top = self.bounds
        return min(self.px[0] / ((right - left) / 72), self.px[1] / ((top - bottom) / 72))


def largest_image(page: Any) -> StoredImage | None:
    """The page's largest image (pypdfium2 page), or None when it has none."""
    import pypdfium2 as pdfium

    best: tuple[float, StoredImage] | None = None
    try:
        for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            px_w, px_h = obj.get_px_size()
            if right - left < 1 or top - bottom < 1 or not px_w or not px_h:
                continue
            area = (right - left) * (top - bottom)
            if best is None or area > best[0]:
                best = (area, StoredImage(obj, (left, bottom, right, top), (int(px_w), int(px_h))))
    except pdfium.PdfiumError:
        return None
    return best[1] if best else None


def layered(page: Any) -> bool:
    """Whether two images or more each cover the whole page (pypdfium2 page): a page stored in layers.

    A multifunction device's "compact" or "high compression" PDF (mixed
    raster content) stores a scanned page as a colour background at 75-150
    dpi, the text lifted out of it, under the text as a 1-bit mask at 200-400
    dpi (a stencil filled with the ink's colour, or a small colour image drawn
    through the mask). No one layer is the page: read alone, the background
    held every table's rules and no text (two pages of the held-out compact
    scans read nothing that way). Such a page is what pdfium composites:
    rendered, its resolution unknown (the mask drawn through /SMask is not an
    image object pdfium lists), so neither coarse nor bilevel.
    """
    import pypdfium2 as pdfium

    width, height = page.get_size()
    covering = 0
    try:
        for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            covering += _covers_page(obj.get_bounds(), width, height)
    except pdfium.PdfiumError:
        return False
    return covering >= 2


def stored_scan(page: Any) -> StoredImage | None:
    """The image a page's scan is stored in: its largest image, None when it has none or is ``layered``."""
    return None if layered(page) else largest_image(page)


def stored_bits(image: StoredImage) -> int | None:
    """Bits a pixel of the stored image (1: a bilevel scan), None when pdfium cannot tell."""
    import pypdfium2 as pdfium

    try:
        return int(image.obj.get_metadata().bits_per_pixel)
    except (pdfium.PdfiumError, AttributeError):
        return None


def is_page_scan(image: StoredImage, width_pt: float, height_pt: float) -> bool:
    """Whether the image is the page: its sides on the page's (within ``EDGE_PT``), drawn upright (its matrix
    only scales and moves), so that its pixels stretched over the page are the page."""
    m = image.obj.get_matrix()
    return _covers_page(image.bounds, width_pt, height_pt) and m.a > 0 and m.d > 0 and m.b == 0 and m.c == 0


def _covers_page(bounds: tuple[float, float, float, float], width_pt: float, height_pt: float) -> bool:
    """Whether an image's bounds (left, bottom, right, top) lie on the page's sides, within ``EDGE_PT``."""
    left, bottom, right, top = bounds
    return max(abs(left), abs(bottom), abs(right - width_pt), abs(top - height_pt)) <= EDGE_PT


def despeckled(gray: np.ndarray) -> np.ndarray:
    """The stored pixels with every isolated ink pixel (no ink among its 8 neighbours) set to its brightest neighbour."""
    ink = (gray < INK_BELOW).astype(np.uint8)
    neighbours = cv2.filter2D(ink, -1, np.ones((3, 3), np.float32), borderType=cv2.BORDER_CONSTANT) - ink
    speck = (ink == 1) & (neighbours == 0)
    out = gray.copy()
    out[speck] = cv2.dilate(gray, np.ones((3, 3), np.uint8))[speck]  # grey dilation: the paper around it
    return out


def smoothing(size: tuple[int, int], px: tuple[int, int]) -> tuple[float, float]:
    """The Gaussian's sigma across and down (output pixels) for stored pixels ``px`` (width, height) enlarged
    to ``size``: a third of a stored pixel of the coarser axis on both, and ``FINE_SMOOTH`` times that along
    an axis stored finer than the other.

    A fax's noise is stored pixels: toner drop-outs that break a stroke,
    edges made ragged by the hard threshold, each one stored pixel. Down the
    100 dpi axis a 7-8 pt glyph's horizontal strokes are one stored row
    apart, and smoothing more there merges them (tried: more down than
    across, worse); across, the 200 dpi axis has room, and smoothing a little
    more there bridges a break and flattens a one-pixel bump. On fax pages
    1-8 (cells of 8 or more characters, engine ``auto``) drop-outs and the
    ragged edges each cost about 2 points of CER on the fpdf2 copy (scans
    made without either); smoothing across by 1.25 output pixels instead of
    1 took it from 12.7% to 11.9%, and reportlab's from 4.1% to 3.8%. With
    PP-OCRv5 reading the wide lines through the word list, 1.5 reads the
    descriptions a little better than 1.25 on both copies (the comment at
    ``FINE_SMOOTH``; a small gain, measured, not explained).
    """
    fx, fy = size[0] / px[0], size[1] / px[1]  # output pixels per stored pixel
    base = max(fx, fy) / 3
    return (base * FINE_SMOOTH if fx < fy else base, base * FINE_SMOOTH if fy < fx else base)


def upsampled(gray: np.ndarray, size: tuple[int, int], sigma: float | tuple[float, float]) -> np.ndarray:
    """``gray`` resized to ``size`` (width, height) with a cubic filter, each axis by its own factor, then
    smoothed by a Gaussian of ``sigma`` output pixels (one for both axes, or across and down).

    Smoothed before it is clipped to 0..255: the cubic filter undershoots
    below black in the middle of a thin stroke and overshoots above white
    beside it; smoothed with the rest, that leaves the paper beside a stroke
    white and a thick stroke's core black, where clipping first and then
    smoothing put a grey halo round every stroke. The engines read the first
    better on both producers (cells of 8 or more characters, ``auto``: fax ×
    reportlab pages 1-8 5.0% clipped first, 4.0% smoothed first; fax × fpdf2
    pages 3, 5, 7 14.3% and 13.4%).
    """
    out = cv2.resize(gray.astype(np.float32), size, interpolation=cv2.INTER_CUBIC)
    sx, sy = sigma if isinstance(sigma, tuple) else (sigma, sigma)
    if sx > 0 or sy > 0:
        out = cv2.GaussianBlur(out, (0, 0), sigmaX=sx, sigmaY=sy)
    return cv2.convertScaleAbs(np.maximum(out, 0, out=out))  # rounds and clips to 0..255, twice numpy's speed


def stored_pixels(image: StoredImage) -> np.ndarray | None:
    """The image's pixels as grey, top row first, or None when pdfium cannot hand them over."""
    import pypdfium2 as pdfium

    try:
        pil = image.obj.get_bitmap(render=False).to_pil()
    except (pdfium.PdfiumError, ValueError, OSError):
        return None
    gray = np.asarray(pil.convert("L"))
    return gray if gray.shape == (image.px[1], image.px[0]) else None


def agrees_with_render(gray: np.ndarray, page: Any) -> bool:
    """Whether the stored pixels look like pdfium's render of the page (not a mask, not inverted, not flipped)."""
    small = np.asarray(page.render(scale=CHECK_DPI / 72, grayscale=True).to_pil().convert("L"), np.float32)
    ours = cv2.resize(gray.astype(np.float32), (small.shape[1], small.shape[0]), interpolation=cv2.INTER_AREA)
    if small.std() < 1 or ours.std() < 1:
        return bool(abs(float(small.mean()) - float(ours.mean())) < 32)
    return float(np.corrcoef(small.ravel(), ours.ravel())[0, 1]) >= AGREE


def scan_image(page: Any, image: StoredImage, size: tuple[int, int]) -> np.ndarray | None:
    """The page at ``size`` (width, height) from its stored scan, despeckled, enlarged and smoothed by a
    third of a stored pixel of its coarser axis (as ``ocr.page_layout`` smooths a rendered low-resolution
    page), a little more along its finer axis (``smoothing``); None to render it instead."""
    gray = stored_pixels(image)
    if gray is None or not agrees_with_render(gray, page):
        return None
    return upsampled(despeckled(gray), size, smoothing(size, image.px))
