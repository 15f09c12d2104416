"""The ``ledger`` scan pipeline: a bound report scanned open on a flatbed by a clerk.

Many old records reach the public this way: the printed report was stapled or
filed in a binder with other papers (a 簿冊), and years later someone opened it
face down on a flatbed and scanned it page by page. Written from how such
scans look; registered in ``dev/scan_pipelines.PIPELINES`` (held out). All
lengths are on the sheet at 300 dpi (11.8 px a millimetre).

The sheet is drawn with its binding on the left (the clean page mirrored for a
right-hand binding, mirrored back at the end): the gutter is on the left of
odd pages and on the right of even ones, as a bound volume lies open. ``u`` is
the distance from the gutter edge.

1. where the page curves down into the binding (a zone 15-30 mm wide at the
   gutter), the flatbed sees it foreshortened: the zone's width shrinks by
   2-6 % (the outer part of the sheet stays where it is; a point at ``u`` moves
   away from the gutter by ``s Z (1 - u/Z)^3``, so the local horizontal scale
   falls smoothly from 1 at the zone's edge to ``1 - 3s`` at the gutter), and
   the text lines bow vertically there by up to 0.5-2 mm at the gutter edge
   (``(1 - u/Z)^2`` times a shift of every line plus a pinch towards or away
   from the middle of the page, the two together 0.5-2 mm);
2. staples: on 40 % of the pages a staple (a dark bar 8-12 mm long, 0.6-0.8 mm
   wide, a lighter line of its metal along it) or the two holes one left
   (dark dots 0.6-0.9 mm across at its ends), near one top corner (the
   gutter's or the outer one), 30-60° or level, its middle 8-15 mm from both
   edges or closer, only where it keeps 1 mm clear of anything printed (any
   pixel of the clean render darker than 250);
3. along the outer edge, on half the pages, a band 2-8 mm wide where the sheet
   ends and the scanner sees past it: the lid's grey (70-88 % of the paper's
   light) or the edges of the next sheets in the binder (one to three steps
   of 0.5-3 mm, each a paper tone of 90-98 %, each edge a thin dark line);
   narrowed to keep 1 mm clear of printed content, left out when less than
   1 mm would remain;
4. the volume lies turned by 0.2-1.5° either way (about the page centre,
   shifted only as far as needed to keep printed content 1 mm inside the
   frame; the angle halved when no shift does); past the sheet's top, bottom
   and outer edges the lid, past the gutter the binding's dark;
5. the tone: paper grey 232-246, ink 22-40; the gutter's shadow takes a share
   ``d (1 - u/G)^p`` of the light (G 10-25 mm wide, d 0.55-0.8 at the edge,
   p 1.5-2.5), with d lowered so that no printed pixel loses more than 45 %
   (its text stays readable, only dimmer);
6. optics and sensor: Gaussian blur sigma 0.5-0.8 px, 0.3-0.6 px more towards
   the gutter over the curved zone (the lifted paper is out of the glass's
   focus), noise sigma 2-4 grey levels;
7. stored grey (mode "L"), 300 dpi, page size as the original, JPEG quality
   60-80 drawn per sheet (``img.info["jpeg_quality"]``, which build_scans
   uses).

No content is added or covered: no handwriting, no pencil ticks, no staple or
band over ink. Every random choice comes from the ``rng`` the caller seeds, in
a fixed order (``ledger_plan`` first, then the rendering), so
``ledger_plan(clean, rng, page)`` with a fresh rng of the same seed gives the
geometry the page was drawn with (the tests use it). Needs numpy, pillow and
OpenCV.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

MM = 300 / 25.4  # pixels a millimetre on the sheet
INK_LEVEL = 250  # a clean-render pixel darker than this is printed content
CLEAR = 1.0 * MM  # what staples and bands keep clear of printed content
MAX_LOSS = 0.45  # the most of its light the shadow takes from a printed pixel
QUALITY = (60, 80)


@dataclass(frozen=True)
class LedgerPlan:
    """The page's geometry, in the gutter-left frame (mirrored when ``gutter`` is "right")."""

    gutter: str  # "left" (odd pages) or "right" (even pages): the binding side
    shadow_width: float  # G, px
    shadow_depth: float  # d: share of the light lost at the gutter edge
    shadow_power: float  # p
    zone: float  # Z, px: where the page curves into the binding
    squeeze: float  # s: share of the zone's width lost
    bow_shift: float  # px at the gutter edge: every line's vertical shift
    bow_pinch: float  # px at the gutter edge: top and bottom lines' shift away from the middle
    angle: float  # degrees in the final (unmirrored) frame, counter-clockwise as cv2 turns
    matrix: np.ndarray  # 2 x 3 affine: seen-plane pixel -> frame pixel, gutter-left frame
    band: str  # "", "lid" or "pages"
    band_width: float  # px, from the frame's outer edge in the seen plane
    staple: str  # "", "staple" or "holes"
    staple_ends: tuple[tuple[float, float], ...]  # (x, y) on the sheet, gutter-left frame

    def moved(self, u: np.ndarray) -> np.ndarray:
        """How far the curve moves a sheet point at distance ``u`` from the gutter away from it (px)."""
        t = np.clip(1.0 - np.asarray(u, np.float64) / self.zone, 0.0, 1.0)
        return self.squeeze * self.zone * t ** 3

    def bowed(self, xs: np.ndarray, ys: np.ndarray, height: int) -> tuple[np.ndarray, np.ndarray]:
        """Sheet points (gutter-left frame) in the seen plane: squeezed and bowed, before the turn."""
        t = np.clip(1.0 - xs / self.zone, 0.0, 1.0)
        middle = (height - 1) / 2
        return xs + self.moved(xs), ys + t ** 2 * (self.bow_shift + self.bow_pinch * (ys - middle) / middle)


def _free_distance(ink: np.ndarray) -> np.ndarray:
    """Distance of every pixel to the nearest printed pixel (px)."""
    return cv2.distanceTransform(np.where(ink, 0, 255).astype(np.uint8), cv2.DIST_L2, 5)


STAPLE_REACH = 0.6 * MM  # a staple's half width, or a hole's radius with its torn rim, at most


def _place_staple(ink: np.ndarray, rng: np.random.Generator) -> tuple[str, tuple[tuple[float, float], ...]]:
    """A staple, or the holes of one, near a top corner where it keeps clear of print (gutter-left frame)."""
    if rng.random() >= 0.4:
        return "", ()
    kind = "staple" if rng.random() < 0.5 else "holes"
    first = "gutter" if rng.random() < 0.5 else "outer"
    length = rng.uniform(8.0, 12.0) * MM
    slant = np.radians(rng.uniform(30.0, 60.0)) if rng.random() < 0.6 else 0.0
    wanted = rng.uniform(8.0, 15.0) * MM
    h, w = ink.shape
    free = _free_distance(ink)
    edge = 1.5 * MM
    for corner in (first, "outer" if first == "gutter" else "gutter"):
        direction = np.array([np.cos(slant), -np.sin(slant) if corner == "gutter" else np.sin(slant)])
        inset = wanted
        while inset >= 3.0 * MM:
            centre = np.array([inset if corner == "gutter" else w - 1 - inset, inset])
            ends = centre - direction * length / 2, centre + direction * length / 2
            steps = np.linspace(0.0, 1.0, int(length) + 2)[:, None]
            xs, ys = (ends[0] + steps * (ends[1] - ends[0])).T
            if (xs.min() >= edge and ys.min() >= edge and xs.max() <= w - 1 - edge and ys.max() <= h - 1 - edge
                    and (free[ys.round().astype(int), xs.round().astype(int)] > STAPLE_REACH + CLEAR).all()):
                return kind, ((float(ends[0][0]), float(ends[0][1])), (float(ends[1][0]), float(ends[1][1])))
            inset -= 0.5 * MM
    return "", ()


def ledger_plan(clean: np.ndarray, rng: np.random.Generator, page: int = 1) -> LedgerPlan:
    """Draw the page's geometry (curve, shadow, staple, band, turn): the first draws of ``ledger``."""
    h, w = clean.shape
    gutter = "left" if page % 2 else "right"
    ink = (clean if gutter == "left" else clean[:, ::-1]) < INK_LEVEL
    shadow_width = min(rng.uniform(10.0, 25.0) * MM, 0.3 * w)  # the cap only for thumbnail-sized test pages
    depth = rng.uniform(0.55, 0.8)
    power = rng.uniform(1.5, 2.5)
    zone = min(rng.uniform(15.0, 30.0) * MM, 0.3 * w)
    squeeze = rng.uniform(0.02, 0.06)
    bow = rng.uniform(0.5, 2.0) * MM
    share = rng.uniform(0.0, 1.0)
    bow_shift = bow * (1.0 - share) * rng.choice([-1.0, 1.0])
    bow_pinch = bow * share * rng.choice([-1.0, 1.0])
    angle = rng.uniform(0.2, 1.5) * rng.choice([-1.0, 1.0])  # in the final frame
    staple, ends = _place_staple(ink, rng)
    band = ("lid" if rng.random() < 0.5 else "pages") if rng.random() < 0.5 else ""
    band_wanted = rng.uniform(2.0, 8.0) * MM

    plan = LedgerPlan(gutter, shadow_width, depth, power, zone, squeeze, bow_shift, bow_pinch, angle,
                      np.zeros((2, 3)), "", 0.0, staple, ends)
    ys, xs = np.nonzero(ink)
    if len(xs):
        sx, sy = plan.bowed(xs.astype(np.float64), ys.astype(np.float64), h)
    else:
        sx, sy = np.array([w / 2]), np.array([h / 2])
    reach = max([float(sx.max()), *(plan.bowed(np.array([x]), np.array([y]), h)[0][0] + STAPLE_REACH
                                     for x, y in ends)])
    band_width = min(band_wanted, w - 1 - CLEAR - reach) if band else 0.0
    if band_width < 1.0 * MM:
        band, band_width = "", 0.0
    t = max(0.0, 1.0 - float(sx.min()) / shadow_width)  # the printed pixel nearest the gutter keeps its text
    if t > 0:
        depth = min(depth, MAX_LOSS / t ** power)

    turn_angle = angle if gutter == "left" else -angle  # the mirrored frame turns the other way
    pts = np.stack([sx, sy])
    shift = [0.0, 0.0]
    for _ in range(4):  # keep the content 1 mm inside the frame: shift as little as needed, else turn less
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), turn_angle, 1.0)
        moved = turn[:, :2] @ pts + turn[:, 2:]
        lo, hi = moved.min(axis=1), moved.max(axis=1)
        bounds = [(CLEAR - lo[a], size - 1 - CLEAR - hi[a]) for a, size in ((0, w), (1, h))]
        if all(least <= most for least, most in bounds):
            shift = [float(np.clip(0.0, least, most)) for least, most in bounds]
            break
        turn_angle /= 2
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), turn_angle, 1.0)
    matrix[:, 2] += shift
    return LedgerPlan(gutter, shadow_width, float(depth), power, zone, squeeze, bow_shift, bow_pinch,
                      turn_angle if gutter == "left" else -turn_angle, matrix, band, float(band_width), staple, ends)


def _draw_staple(sheet: np.ndarray, plan: LedgerPlan, rng: np.random.Generator) -> None:
    """The staple (a dark bar with a lighter line of metal) or its two holes, on the sheet (1 paper, 0 ink)."""
    if not plan.staple:
        return
    p0, p1 = ((round(x * 16), round(y * 16)) for x, y in plan.staple_ends)
    if plan.staple == "staple":
        width = rng.uniform(0.6, 0.8) * MM
        cv2.line(sheet, p0, p1, 0.18, max(1, round(width)), cv2.LINE_AA, 4)
        cv2.line(sheet, p0, p1, 0.5, max(1, round(width / 3)), cv2.LINE_AA, 4)  # the metal's sheen
        for p in (p0, p1):  # where the legs go through the paper
            cv2.circle(sheet, p, round(width / 2 * 16), 0.1, -1, cv2.LINE_AA, 4)
    else:
        radius = rng.uniform(0.3, 0.45) * MM
        for p in (p0, p1):
            cv2.circle(sheet, p, round((radius + 1.5) * 16), 0.75, 1, cv2.LINE_AA, 4)  # the torn rim
            cv2.circle(sheet, p, round(radius * 16), 0.12, -1, cv2.LINE_AA, 4)


def ledger(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None, page: int = 1) -> Image.Image:
    """A bound volume's page scanned open on a flatbed: gutter shadow and curve, staple, lid band, turn; grey JPEG."""
    plan = ledger_plan(clean, rng, page)
    left = plan.gutter == "left"
    sheet = np.ascontiguousarray((clean if left else clean[:, ::-1]).astype(np.float32) / 255.0)  # 1 paper, 0 ink
    h, w = sheet.shape
    _draw_staple(sheet, plan, rng)

    inv = cv2.invertAffineTransform(plan.matrix)  # frame -> seen plane
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xp = inv[0, 0] * xx + inv[0, 1] * yy + inv[0, 2]
    yp = inv[1, 0] * xx + inv[1, 1] * yy + inv[1, 2]
    del xx, yy
    grid = np.arange(0.0, plan.zone + 2.0, 0.25)  # seen plane -> sheet: undo the squeeze
    xs = np.where(xp >= plan.zone, xp, np.interp(xp, grid + plan.moved(grid), grid)).astype(np.float32)
    t = np.clip(1.0 - xs / plan.zone, 0.0, 1.0)
    middle = (h - 1) / 2
    ys = (yp - t ** 2 * (plan.bow_shift + plan.bow_pinch * (yp - middle) / middle)).astype(np.float32)
    seen = cv2.remap(sheet, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)

    paper, ink = rng.uniform(232.0, 246.0), rng.uniform(22.0, 40.0)
    grey = ink + seen * (paper - ink)
    beyond = np.full_like(grey, rng.uniform(0.7, 0.88) * paper)  # the lid
    edge = w - 0.5 - plan.band_width  # the sheet's outer edge in the seen plane
    edges = [edge]
    if plan.band == "pages":  # the next sheets in the binder stick out past this one
        for _ in range(int(rng.integers(1, 4))):
            step, tone = rng.uniform(0.5, 3.0) * MM, rng.uniform(0.90, 0.98) * paper
            beyond[(xp > edges[-1]) & (xp <= edges[-1] + step)] = tone
            edges.append(edges[-1] + step)
    past = (ys < -0.5) | (ys > h - 0.5) | (xp > edge)
    grey[past] = beyond[past]
    for e in edges:  # each sheet's edge casts a thin shadow
        grey[(np.abs(xp - e - 0.5) < rng.uniform(0.5, 1.0)) & (ys >= -0.5) & (ys <= h - 0.5)] *= rng.uniform(0.45, 0.65)

    light = 1.0 - plan.shadow_depth * np.clip(1.0 - np.maximum(xp, 0.0) / plan.shadow_width, 0.0, 1.0) \
        ** plan.shadow_power
    grey *= light.astype(np.float32)
    base = rng.uniform(0.5, 0.8)
    sharp = cv2.GaussianBlur(grey, (0, 0), base)
    soft = cv2.GaussianBlur(grey, (0, 0), base + rng.uniform(0.3, 0.6))  # the lifted paper out of focus
    lifted = (np.clip(1.0 - xp / plan.zone, 0.0, 1.0) ** 2).astype(np.float32)
    grey = sharp + (soft - sharp) * lifted
    grey += rng.normal(0.0, rng.uniform(2.0, 4.0), size=grey.shape).astype(np.float32)
    quality = int(rng.integers(QUALITY[0], QUALITY[1] + 1))
    out = np.clip(np.round(grey), 0, 255).astype(np.uint8)
    img = Image.fromarray(np.ascontiguousarray(out if left else out[:, ::-1]), mode="L")
    img.info["jpeg_quality"] = quality
    return img


__all__ = ["LedgerPlan", "ledger", "ledger_plan"]
