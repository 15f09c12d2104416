"""The ``copier`` scan pipeline: an office copier's "scan to PDF" of a sheet that was itself a photocopy.

Municipal offices digitise paper files this way: the sheet in the file is a
photocopy of the printed page (punched and kept in a binder), and the
multifunction copier scans it in its black-and-white "text" mode. Written from
how such scans look; registered in ``dev/scan_pipelines.PIPELINES`` (held out).
All lengths below are on the sheet at 300 dpi (11.8 px a millimetre).

The earlier photocopy (generation one), in the sheet's own coordinates:

1. the copy's optics: Gaussian blur, sigma 0.4-0.7 px;
2. toner: on half the pages it spread (the ink grows: the page mixed with its
   grey erosion by a 3 x 3 cross, weight 0.15-0.5, so strokes thicken by up to
   1 px a side), on the others the copy came out light (mixed with its grey
   dilation by a 3 x 3 cross, weight 0.2-0.45: strokes lose part of 1 px a
   side, 1-px lines turn grey and come out dotted);
3. punch holes: two or three black discs 5.5-6.5 mm across, 80 mm apart
   (centre to centre), their row centred on the middle of the left or the top
   edge (which first, and two or three, drawn per page; the other choices are
   tried in turn when they do not fit), their centres 8-12 mm from the edge or
   closer, down to the radius plus 0.5 mm, in steps of 0.5 mm, the row moved
   along the edge by up to 4 mm: only where every disc keeps 1 mm clear of
   anything printed (any pixel of the clean render darker than 250); if no
   choice fits, the page has no holes. The copy shows them black (its lid was
   open).

The copier's scan of that sheet (the frame is the clean render's size):

4. the sheet lies on the platen turned by 0.05-0.7° either way and shifted by
   up to 3 mm across and down (each shift cut back so that the printed
   content stays 1 mm inside the frame); outside the sheet the lid's white;
5. dark bands along one edge of the frame (two on 40 % of the pages), the lid
   left open there: solid black, 2-8 mm wide, the inner edge ragged (a smooth
   wander of 0.3-1.2 mm amplitude over knots 15-40 mm apart plus 0.6 px of
   jitter a row); a band is narrowed so that its widest point stays 1 mm clear
   of the printed content as it lies in the frame, and left out when less
   than 1 mm of it would remain;
6. the scanner's optics and sensor: Gaussian blur sigma 0.4-0.7 px, noise
   sigma 2-4 grey levels;
7. the "text" mode's tone: black point 0.3-0.4, white point 0.86-0.92 of
   full scale (background removal: clean paper goes white), linear between,
   so stroke cores stay solid and only greys (shading, anti-aliased edges,
   thin grey rules) are left for the dither;
8. the earlier copy's grey cast left after background removal: a mean grey
   of 0.2-0.8 % times a mottle (cubic-interpolated blobs on a 30 mm grid,
   0-2.5 times the mean, none in places), each pixel's share drawn with 150 %
   noise (clipped at 0) so the dots fall at random;
9. 1 bit: error diffusion (Floyd-Steinberg, pillow's) on half the pages, an
   8 x 8 ordered (Bayer) dither on the others, so grey shading and grey text
   edges come out as dot patterns, thin grey rules dotted, and the cast as
   sparse dots over the paper.

Nothing covers printed content: no stamp, no hole or band over ink; every
character stays legible to a human reader. Every random choice comes from the
``rng`` the caller seeds, in a fixed order (``copier_plan`` first, then the
rendering), so ``copier_plan(clean, rng)`` with a fresh rng of the same seed
gives the geometry the page was drawn with (the tests use it). Needs numpy,
pillow and OpenCV.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

MM = 300 / 25.4  # pixels a millimetre on the sheet
INK_LEVEL = 250  # a clean-render pixel darker than this is printed content
CLEAR = 1.0 * MM  # what holes and bands keep clear of printed content
HOLE_PITCH = 80 * MM
SIDES = ("left", "top", "right", "bottom")


@dataclass(frozen=True)
class CopierPlan:
    """The page's geometry: where the holes are punched, how the sheet lies, where the bands fall."""

    holes: tuple[tuple[float, float], ...]  # hole centres (x, y) on the sheet, px
    hole_radius: float  # px
    angle: float  # degrees, counter-clockwise as cv2.getRotationMatrix2D turns
    shift: tuple[float, float]  # (dx, dy) of the sheet on the platen, px
    matrix: np.ndarray  # 2 x 3 affine: sheet pixel -> frame pixel
    bands: np.ndarray  # bool mask of the frame: black bands along its edges
    band_sides: tuple[str, ...]


def _free_distance(ink: np.ndarray) -> np.ndarray:
    """Distance of every pixel to the nearest printed pixel (px)."""
    return cv2.distanceTransform(np.where(ink, 0, 255).astype(np.uint8), cv2.DIST_L2, 5)


def _place_holes(ink: np.ndarray, rng: np.random.Generator) -> tuple[tuple[tuple[float, float], ...], float]:
    """Two or three punch holes on the left or top edge where the sheet has nothing printed."""
    h, w = ink.shape
    first = "left" if rng.random() < 0.5 else "top"
    count = 2 if rng.random() < 0.5 else 3
    radius = rng.uniform(5.5, 6.5) * MM / 2
    inset = rng.uniform(8.0, 12.0) * MM
    along = rng.uniform(-4.0, 4.0) * MM
    free = _free_distance(ink)
    for edge in (first, "top" if first == "left" else "left"):
        for n in (count, 5 - count):
            length = h if edge == "left" else w
            offsets = (np.arange(n) - (n - 1) / 2) * HOLE_PITCH + length / 2 + along
            d = inset
            while d >= radius + 0.5 * MM:
                centres = [(d, float(o)) if edge == "left" else (float(o), d) for o in offsets]
                if all(0 <= y < h and 0 <= x < w and free[int(y), int(x)] > radius + CLEAR for x, y in centres):
                    return tuple(centres), radius
                d -= 0.5 * MM
    return (), radius


def _ragged(length: int, rng: np.random.Generator) -> np.ndarray:
    """A band's inner edge along its side: a smooth wander plus row-to-row jitter (px, mean about 0)."""
    knots = max(2, int(length / (rng.uniform(15, 40) * MM)) + 2)
    wander = cv2.resize(rng.normal(0.0, 1.0, (1, knots)).astype(np.float32), (length, 1),
                        interpolation=cv2.INTER_CUBIC)[0]
    wander *= rng.uniform(0.3, 1.2) * MM / max(float(np.abs(wander).max()), 1e-6)
    return wander + rng.normal(0.0, 0.6, length).astype(np.float32)


def copier_plan(clean: np.ndarray, rng: np.random.Generator) -> CopierPlan:
    """Draw the page's geometry (holes, skew, shift, bands): the first draws of ``copier``."""
    h, w = clean.shape
    ink = clean < INK_LEVEL
    holes, radius = _place_holes(ink, rng)
    angle = rng.uniform(0.05, 0.7) * (1 if rng.random() < 0.5 else -1)
    wanted = rng.uniform(-3.0, 3.0, 2) * MM
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    ys, xs = np.nonzero(ink)
    if len(xs):
        pts = turn[:, :2] @ np.stack([xs, ys]).astype(np.float64) + turn[:, 2:]
        lo, hi = pts.min(axis=1), pts.max(axis=1)
    else:
        lo, hi = np.array([w / 2, h / 2]), np.array([w / 2, h / 2])
    shift = []
    for axis, size in ((0, w), (1, h)):  # keep the content 1 mm inside the frame
        least, most = CLEAR - lo[axis], size - 1 - CLEAR - hi[axis]
        shift.append(float(np.clip(wanted[axis], min(least, 0.0), max(most, 0.0))) if least <= most else 0.0)
    matrix = turn.copy()
    matrix[:, 2] += shift
    lo, hi = lo + shift, hi + shift
    room = {"left": lo[0], "top": lo[1], "right": w - 1 - hi[0], "bottom": h - 1 - hi[1]}
    sides = [SIDES[i] for i in rng.permutation(4)[: 2 if rng.random() < 0.4 else 1]]
    bands = np.zeros((h, w), bool)
    kept = []
    for side in sides:
        length = h if side in ("left", "right") else w
        width = rng.uniform(2.0, 8.0) * MM
        edge = _ragged(length, rng)
        width = min(width, room[side] - CLEAR - float(edge.max()))
        if width + float(edge.min()) < 1.0 * MM:
            continue
        inner = np.clip(width + edge, 0, None)
        if side == "left":
            bands |= np.arange(w)[None, :] < inner[:, None]
        elif side == "right":
            bands |= np.arange(w)[None, :] > w - 1 - inner[:, None]
        elif side == "top":
            bands |= np.arange(h)[:, None] < inner[None, :]
        else:
            bands |= np.arange(h)[:, None] > h - 1 - inner[None, :]
        kept.append(side)
    return CopierPlan(holes, radius, float(angle), (shift[0], shift[1]), matrix, bands, tuple(kept))


def _cross() -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))


def _bayer(n: int = 8) -> np.ndarray:
    """The n x n ordered-dither thresholds, in (0, 1)."""
    m = np.zeros((1, 1))
    while m.shape[0] < n:
        m = np.block([[4 * m, 4 * m + 2], [4 * m + 3, 4 * m + 1]])
    return (m + 0.5) / m.size


def _mottle(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Low-frequency blobs a few centimetres across, mean about 1, zero in places."""
    cells = (max(2, int(h / (30 * MM))), max(2, int(w / (30 * MM))))
    blobs = cv2.resize(rng.normal(0.0, 1.0, cells).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    return np.clip(1.0 + 0.7 * blobs, 0.0, 2.5)


def copier(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None) -> Image.Image:
    """A copier's 1-bit 300 dpi scan of an earlier photocopy: holes, skew, shift, edge bands, dithered grey."""
    plan = copier_plan(clean, rng)
    h, w = clean.shape
    a = cv2.GaussianBlur(clean.astype(np.float32) / 255.0, (0, 0), rng.uniform(0.4, 0.7))  # 1 paper, 0 ink
    if rng.random() < 0.5:  # toner spread: the ink grows
        a = a + rng.uniform(0.15, 0.5) * (cv2.erode(a, _cross()) - a)
    else:  # a light copy: strokes thin, 1-px lines fade
        a = a + rng.uniform(0.2, 0.45) * (cv2.dilate(a, _cross()) - a)
    for x, y in plan.holes:
        cv2.circle(a, (round(x * 16), round(y * 16)), round(plan.hole_radius * 16), 0.0, -1, cv2.LINE_AA, 4)
    a = cv2.warpAffine(a, plan.matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=1.0)
    a[plan.bands] = 0.0
    a = cv2.GaussianBlur(a, (0, 0), rng.uniform(0.4, 0.7))
    a += rng.normal(0.0, rng.uniform(2.0, 4.0) / 255.0, size=a.shape).astype(np.float32)
    black, white = rng.uniform(0.3, 0.4), rng.uniform(0.86, 0.92)
    t = np.clip((a - black) / (white - black), 0.0, 1.0)
    cast = rng.uniform(0.002, 0.008) * _mottle(h, w, rng)  # mean grey of the cast, by place
    t = np.clip(t - np.clip(cast * (1.0 + 1.5 * rng.standard_normal((h, w), np.float32)), 0.0, None), 0.0, 1.0)
    if rng.random() < 0.5:
        grey = Image.fromarray(np.round(t * 255).astype(np.uint8), mode="L")
        return grey.convert("1", dither=Image.Dither.FLOYDSTEINBERG)
    thresholds = np.tile(_bayer(8), (h // 8 + 1, w // 8 + 1))[:h, :w]
    return Image.fromarray(np.where(t > thresholds, 255, 0).astype(np.uint8), mode="L").convert("1", dither=None)


__all__ = ["CopierPlan", "copier", "copier_plan"]
