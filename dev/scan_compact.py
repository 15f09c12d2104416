"""The ``compact`` scan pipeline: an office multifunction device's "compact PDF" (mixed raster content).

Copiers and scanners from every maker offer a "compact" or "high compression"
PDF next to the plain colour scan, and municipalities publish scans made that
way: the page is split into layers, as MRC (ITU-T T.44) describes, instead of
one image. Written from how such files are built; registered in
``dev/scan_pipelines.PIPELINES`` (held out) and written into a PDF by
``dev/build_scans.add_compact_page``.

The scan itself (the clean page rendered at ``RENDER_DPI``):

1. the sheet on the platen turned by 0.1-1° either way;
2. the layers' resolutions, drawn per sheet as a device's settings: the
   foreground mask at 200, 300 or 400 dpi (a quarter, a half, a quarter of
   the sheets), the background at 75, 100 or 150 dpi (the same shares),
   the background's JPEG quality 30-50.

The foreground mask (text and rules), 1 bit at the mask's dpi:

3. the scanner's grey at that dpi: blur sigma 0.4-0.9 px (at 300 dpi; scaled
   with the dpi), paper at grey level 235 and solid ink at 35, sensor noise
   sigma 5-10 levels, 0-24 specks of dust;
4. a threshold at 115-160 (the device's text/background segmentation): what
   is darker is foreground, so grey shading and faint grey rules stay in the
   background;
5. drawn in one of three ways (drawn per sheet): as a stencil mask
   (``/ImageMask true``) filled with the sheet's ink colour (60 % of the
   sheets), or, as some devices store it, as a small foreground colour image
   (the ink colour with a slow 3-level wander, at 1/6, 1/8 or 1/12 of the
   mask's dpi, JPEG) drawn through the mask: an explicit ``/Mask`` image mask
   (20 %) or a 1-bit ``/SMask`` (20 %). The ink colour is near black: a dark
   grey (levels 20-50) on half the sheets, a very dark blue on the others.

The background (the page in colour), at the background's dpi:

6. the sheet's grey (the same turned render) shrunk by area averaging; the
   back of the sheet showing through faintly (the neighbouring page,
   mirrored and blurred, 2-5 %);
7. the foreground lifted out (the device does not store text twice): where
   the mask has ink, the background is filled in from the paper around it
   (OpenCV's Telea inpainting), a ghost of 5-25 % of the text left behind;
8. cream or off-white paper (a per-sheet mix of white [248 245 238] and cream
   [244 236 214]), grey shading between the paper and a dark [40 38 45],
   light falling off by 3-8 % across the sheet, noise sigma 1.5-3 levels;
   stored as colour JPEG with 4:2:0 chroma.

No text layer. Every random choice comes from the ``rng`` the caller seeds, in
a fixed order (``compact_plan`` first, then the rendering), so
``compact_plan(rng)`` with a fresh rng of the same seed gives the settings a
page was drawn with (the tests use it). Needs numpy, pillow and OpenCV.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

RENDER_DPI = 400  # the clean page's render: the finest mask resolution
MASK_DPIS = (200, 300, 400)
BACKGROUND_DPIS = (75, 100, 150)
SHARES = (0.25, 0.5, 0.25)
STYLES = ("stencil", "mask", "smask")  # how the foreground is drawn
STYLE_SHARES = (0.6, 0.2, 0.2)
COLOUR_STEPS = (6, 8, 12)  # the foreground colour image's dpi: the mask's over this
PAPER_LEVEL, INK_LEVEL = 235.0, 35.0  # the scanner's grey for paper and solid ink


@dataclass(frozen=True)
class CompactPlan:
    """A sheet's settings: the device's resolutions and quality, how it stores the foreground, the skew."""

    mask_dpi: int
    background_dpi: int
    jpeg_quality: int
    style: str  # one of STYLES
    ink: tuple[int, int, int]  # the foreground's colour, 0-255
    colour_step: int  # foreground colour image's dpi = mask_dpi / colour_step ("mask", "smask")
    angle: float  # degrees, counter-clockwise as cv2.getRotationMatrix2D turns


@dataclass(frozen=True)
class CompactPage:
    """One page's layers, each to be drawn over the whole page: the background, then the foreground."""

    plan: CompactPlan
    background: Image.Image  # RGB at plan.background_dpi
    mask: Image.Image  # mode "1" at plan.mask_dpi: black (0) where the foreground's ink is
    colour: Image.Image | None  # RGB foreground colour ("mask", "smask"); None for a stencil


def compact_plan(rng: np.random.Generator) -> CompactPlan:
    """Draw the sheet's settings: the first draws of ``compact``."""
    mask_dpi = int(rng.choice(MASK_DPIS, p=SHARES))
    background_dpi = int(rng.choice(BACKGROUND_DPIS, p=SHARES))
    quality = int(rng.integers(30, 51))
    style = str(rng.choice(STYLES, p=STYLE_SHARES))
    if rng.random() < 0.5:  # a dark grey
        v = round(rng.uniform(20, 50))
        ink = (v, v, v)
    else:  # a very dark blue
        ink = (round(rng.uniform(10, 30)), round(rng.uniform(15, 35)), round(rng.uniform(45, 80)))
    step = int(rng.choice(COLOUR_STEPS))
    angle = rng.uniform(0.1, 1.0) * (1 if rng.random() < 0.5 else -1)
    return CompactPlan(mask_dpi, background_dpi, quality, style, ink, step, float(angle))


def _size(shape: tuple[int, ...], dpi: float) -> tuple[int, int]:
    """(width, height) of the render at ``dpi``."""
    return max(1, round(shape[1] * dpi / RENDER_DPI)), max(1, round(shape[0] * dpi / RENDER_DPI))


def _foreground(turned: np.ndarray, plan: CompactPlan, rng: np.random.Generator) -> np.ndarray:
    """The scanner's grey at the mask's dpi, thresholded: True where ink (steps 3-4)."""
    grey = cv2.resize(turned, _size(turned.shape, plan.mask_dpi), interpolation=cv2.INTER_AREA)
    grey = cv2.GaussianBlur(grey, (0, 0), rng.uniform(0.4, 0.9) * plan.mask_dpi / 300)
    a = INK_LEVEL + grey * (PAPER_LEVEL - INK_LEVEL)
    a += rng.normal(0.0, rng.uniform(5.0, 10.0), size=a.shape).astype(np.float32)
    h, w = a.shape
    for _ in range(int(rng.integers(0, 25))):
        y, x, r = int(rng.integers(0, h)), int(rng.integers(0, w)), int(rng.integers(1, 3))
        a[max(0, y - r): y + r, max(0, x - r): x + r] -= rng.uniform(80, 180)
    return a < rng.uniform(115, 160)


def _lighting(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Light falling off from one point of the sheet by 3-8 % at the farthest corner."""
    cy, cx = rng.uniform(0.0, 1.0) * h, rng.uniform(0.0, 1.0) * w
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = np.sqrt(((yy - cy) / h) ** 2 + ((xx - cx) / w) ** 2)
    return (1.0 - rng.uniform(0.03, 0.08) * (d / max(float(d.max()), 1e-6)) ** 1.5).astype(np.float32)


def _background(turned: np.ndarray, ink: np.ndarray, plan: CompactPlan, rng: np.random.Generator,
                back: np.ndarray | None) -> Image.Image:
    """The page in colour at the background's dpi, the foreground lifted out (steps 6-8)."""
    size = _size(turned.shape, plan.background_dpi)
    grey = cv2.resize(turned, size, interpolation=cv2.INTER_AREA)  # 1 paper, 0 ink
    if back is not None:
        through = cv2.resize(back[:, ::-1].astype(np.float32) / 255.0, size, interpolation=cv2.INTER_AREA)
        through = cv2.GaussianBlur(through, (0, 0), 1.0)
        grey = grey * (1.0 - rng.uniform(0.02, 0.05) * (1.0 - through))
    cover = cv2.resize(ink.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    lifted = cv2.dilate((cover > 0.02).astype(np.uint8), np.ones((3, 3), np.uint8))
    grey8 = np.round(np.clip(grey, 0.0, 1.0) * 255).astype(np.uint8)
    filled = cv2.inpaint(grey8, lifted, 3, cv2.INPAINT_TELEA).astype(np.float32) / 255.0
    grey = filled + rng.uniform(0.05, 0.25) * (grey - filled)  # a ghost of the text
    warmth = rng.uniform(0.0, 1.0)
    paper = (np.array([248, 245, 238], np.float32) * (1 - warmth) + np.array([244, 236, 214], np.float32) * warmth)
    dark = np.array([40, 38, 45], np.float32)
    rgb = dark + grey[..., None] * (paper - dark)
    rgb *= _lighting(size[1], size[0], rng)[..., None]
    rgb += rng.normal(0.0, rng.uniform(1.5, 3.0), size=rgb.shape).astype(np.float32)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")


def _colour(mask_shape: tuple[int, int], plan: CompactPlan, rng: np.random.Generator) -> Image.Image:
    """The small foreground colour image: the ink colour with a slow wander of about 3 levels (step 5)."""
    w = max(1, round(mask_shape[1] / plan.colour_step))
    h = max(1, round(mask_shape[0] / plan.colour_step))
    wander = cv2.resize(rng.normal(0.0, 1.0, (4, 4)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    rgb = np.array(plan.ink, np.float32) + 3.0 * wander[..., None]
    return Image.fromarray(np.clip(np.round(rgb), 0, 255).astype(np.uint8), mode="RGB")


def compact(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None) -> CompactPage:
    """A compact (MRC) scan of ``clean`` (grey, rendered at RENDER_DPI): background, mask, foreground colour."""
    plan = compact_plan(rng)
    h, w = clean.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), plan.angle, 1.0)
    turned = cv2.warpAffine(clean.astype(np.float32) / 255.0, turn, (w, h), flags=cv2.INTER_LINEAR,
                            borderValue=1.0)
    ink = _foreground(turned, plan, rng)
    background = _background(turned, ink, plan, rng, back)
    mask = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8), mode="L").convert("1", dither=None)
    colour = None if plan.style == "stencil" else _colour(ink.shape, plan, rng)
    return CompactPage(plan, background, mask, colour)


__all__ = ["RENDER_DPI", "CompactPage", "CompactPlan", "compact", "compact_plan"]
