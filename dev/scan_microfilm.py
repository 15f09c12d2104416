"""The ``microfilm`` scan pipeline: an archived report printed from microfilm by a reader-printer, then scanned.

Municipalities publish their older years this way: the paper report went to
the archive on 16/35 mm film or fiche, years later someone put the reel in a
reader-printer, printed the pages on its paper (a blow-back, never quite the
original's size) and scanned the prints. Written from how such prints look;
registered in ``dev/scan_pipelines.PIPELINES`` (held out). All lengths at the
stored 240 dpi (9.45 px a millimetre).

1. the print's polarity, per block of four pages from its own seed
   (``sheet_negative``): in every four pages one is **negative** (white text
   on a dark ground: the reader-printer printed a negative film without
   reversal), the other three positive;
2. the blow-back's geometry (``microfilm_plan``, the page rng's first draws):
   turned by 0.1-1° either way and scaled by 0.97-1.03 about the page centre,
   moved by up to 2 mm, then shifted only as far as needed to keep printed
   content 1 mm inside the frame (turn and scale change halved when no shift
   does);
3. the film's edge: a band 2-10 mm wide along one side of the frame (on 40 %
   of the pages a second, on another side), its inner edge slanted by up to
   0.3°, narrowed to keep 1 mm clear of printed content and left out when less
   than 1 mm would remain (the first band moves to the side with the most room
   when its own has none); dark (8-30) on a positive print, light (220-245) on
   a negative one (the film base beyond the frame is clear, and the whole
   print is reversed);
4. vertical scratches along the film, 0-3 a page: 1-2.5 px wide, running
   70-100 % of the page height (over the print as over the margins: a
   scratch does not avoid ink), drifting by up to 3 px and wandering by up to
   1.5 px, taking 50-90 % of the way to black or white at their core and
   fading along their length to 60 % of that; four in five print as the film's
   edge does (a scratch through the emulsion is clear film: dark on a positive
   print, light on a negative), the others the other way (a scratch in the
   base scatters the light);
5. the tone: a positive print's paper 170-215 and ink 40-90, a negative's
   ground 25-70 and text 150-210; both levels wander across the sheet by
   up to 6 % (ground) and 15 % (figure) over a smooth field (uneven
   development and exposure): low, uneven contrast;
6. dust and specks on the film and the print: 10-60 dark blotches 0.15-0.6 mm
   across (one to three overlapping ellipses each, grey 15-45 at 50-95 %
   cover), anywhere;
7. the reader's optics: Gaussian blur sigma 0.8-1.4 px (over 3-6, so
   scratches and dust are as soft as the print);
8. a vignette: the reader's lamp falls off towards the corners, which lose
   15-35 % of their light (centre moved by up to 10 % of the frame);
9. film grain: Gaussian noise sigma 4-9 grey levels, correlated over about a
   pixel (sigma 0.6 px), then the scanner's own noise sigma 1.5-3;
10. stored grey (mode "L"), 240 dpi, page size as the original, JPEG quality
    55-75 drawn per sheet (``img.info["jpeg_quality"]``, which build_scans
    uses).

No content is added or covered but for what the film did (scratches and
dust); the film's edge never covers print. Every random choice comes from the
``rng`` the caller seeds (the polarity from ``(359, 13, block, 4)``), in a
fixed order (``microfilm_plan`` first, then the rendering), so
``microfilm_plan(clean, rng, page)`` with a fresh rng of the page's seed gives
the geometry the page was drawn with (the tests use it). Needs numpy, pillow
and OpenCV.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

SEED, SEED_ID, BLOCK = 359, 13, 4  # build_scans' SEED, this pipeline's seed_id, pages a polarity block
DPI = 240
MM = DPI / 25.4  # pixels a millimetre on the print
INK_LEVEL = 250  # a clean-render pixel darker than this is printed content
CLEAR = 1.0 * MM  # what the film's edge keeps clear of printed content
TURN = (0.1, 1.0)  # degrees, either way
SCALE = (0.97, 1.03)
BORDER_MM = (2.0, 10.0)
SCRATCHES = (0, 3)
POSITIVE = ((170.0, 215.0), (40.0, 90.0))  # paper, ink
NEGATIVE = ((25.0, 70.0), (150.0, 210.0))  # ground, text
EDGE_TONE = {False: (8.0, 30.0), True: (220.0, 245.0)}  # the film's edge on a positive / negative print
BLUR = (0.8, 1.4)
QUALITY = (55, 75)


@dataclass(frozen=True)
class Scratch:
    """One vertical scratch: where it runs and how it looks."""

    x: float  # px, at the page's middle row
    width: float  # px
    light: bool  # light (towards white) or dark (towards black)
    strength: float  # share of the way to white or black at its core
    top: float  # px, where it starts
    bottom: float  # px, where it ends
    drift: float  # px, its x moves by this from top to bottom
    wander: float  # px, amplitude of a slow sideways wave
    phase: float  # radians, of the wave

    def centre(self, ys: np.ndarray, height: int) -> np.ndarray:
        """The scratch's x at rows ``ys``."""
        t = ys / max(height - 1, 1)
        return self.x + self.drift * (t - 0.5) + self.wander * np.sin(2 * np.pi * 1.5 * t + self.phase)


@dataclass(frozen=True)
class MicrofilmPlan:
    """The page's polarity and geometry: turn and scale, the film's edge, the scratches."""

    negative: bool  # white text on a dark ground
    angle: float  # degrees, counter-clockwise as cv2 turns
    scale: float
    matrix: np.ndarray  # 2 x 3 affine: clean pixel -> print pixel
    edges: tuple[tuple[str, float, float], ...]  # (side "left"/"top"/"right"/"bottom", width px, slope)
    scratches: tuple[Scratch, ...]

    def edge_mask(self, height: int, width: int) -> np.ndarray:
        """Where the film's edge covers the frame (float32, 1 inside the band, a 1 px soft inner edge)."""
        yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
        mask = np.zeros((height, width), np.float32)
        for side, band, slope in self.edges:
            along, across, size = (yy, xx, width) if side in ("left", "right") else (xx, yy, height)
            middle = (height if side in ("left", "right") else width) / 2
            depth = across if side in ("left", "top") else size - 1 - across  # distance from that edge
            inner = band + slope * (along - middle)
            mask = np.maximum(mask, np.clip(inner - depth + 0.5, 0.0, 1.0))
        return mask


def sheet_negative(page: int) -> bool:
    """Whether 1-based ``page`` is printed negative: one page in every block of four, from the block's seed.

    Drawn per block, not per page, so that eight pages hold two negatives
    whatever the page rng gives: a benchmark of eight pages sees both prints.
    """
    block, slot = divmod(page - 1, BLOCK)
    return slot == int(np.random.default_rng((SEED, SEED_ID, block, BLOCK)).integers(0, BLOCK))


def _fit(points: np.ndarray, h: int, w: int, angle: float, scale: float, move: np.ndarray) -> np.ndarray:
    """The blow-back's matrix: turned and scaled about the centre, moved, kept 1 mm inside the frame.

    Shifts as little as needed to keep every printed point ``CLEAR`` inside
    the frame; when no shift does, the turn and the scale change are halved
    (four times at most, then neither).
    """
    for _ in range(4):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
        m[:, 2] += move
        moved = m[:, :2] @ points + m[:, 2:]
        lo, hi = moved.min(axis=1), moved.max(axis=1)
        bounds = [(CLEAR - lo[a], size - 1 - CLEAR - hi[a]) for a, size in ((0, w), (1, h))]
        if all(least <= most for least, most in bounds):
            m[:, 2] += [float(np.clip(0.0, least, most)) for least, most in bounds]
            return m
        angle, scale, move = angle / 2, 1.0 + (scale - 1.0) / 2, move / 2
    return cv2.getRotationMatrix2D((w / 2, h / 2), 0.0, 1.0)


def _film_edges(ink_box: tuple[float, float, float, float], h: int, w: int,
                rng: np.random.Generator) -> tuple[tuple[str, float, float], ...]:
    """One or two bands of the film's edge, each narrowed to keep ``CLEAR`` from the print (or left out).

    ``ink_box`` is (left, top, right, bottom) of the printed pixels on the print.
    When the first side drawn has no room for 1 mm, the band goes to the side
    with the most room, so a page has an edge unless the print fills the frame.
    """
    sides = ["left", "top", "right", "bottom"]
    first = sides[int(rng.integers(0, 4))]
    chosen = [first]
    if rng.random() < 0.4:
        chosen.append(rng.choice([s for s in sides if s != first]))
    room = {"left": ink_box[0], "top": ink_box[1], "right": w - 1 - ink_box[2], "bottom": h - 1 - ink_box[3]}
    edges = []
    for side in chosen:
        wanted = rng.uniform(*BORDER_MM) * MM
        slope = float(np.tan(np.radians(rng.uniform(-0.3, 0.3))))
        if room[side] - CLEAR < 1.0 * MM and not edges:  # no room there: the side with the most room instead
            side = max((s for s in sides if s not in chosen), key=lambda s: room[s])
        length = h if side in ("left", "right") else w
        band = min(wanted, room[side] - CLEAR - abs(slope) * length / 2)  # its widest point stays clear
        if band >= 1.0 * MM:
            edges.append((str(side), float(band), slope))
    return tuple(edges)


def _scratches(h: int, w: int, negative: bool, rng: np.random.Generator) -> tuple[Scratch, ...]:
    """0-3 vertical scratches along the film, anywhere across the frame; four in five the film edge's tone."""
    out = []
    for _ in range(int(rng.integers(SCRATCHES[0], SCRATCHES[1] + 1))):
        length = rng.uniform(0.7, 1.0) * h
        top = rng.uniform(0.0, h - length)
        as_edge = rng.random() < 0.8  # clear film where the emulsion is gone, printed like the film's edge
        out.append(Scratch(x=float(rng.uniform(0.03, 0.97) * w), width=float(rng.uniform(1.0, 2.5)),
                           light=as_edge == negative, strength=float(rng.uniform(0.5, 0.9)),
                           top=float(top), bottom=float(top + length), drift=float(rng.uniform(-3.0, 3.0)),
                           wander=float(rng.uniform(0.0, 1.5)), phase=float(rng.uniform(0.0, 2 * np.pi))))
    return tuple(out)


def microfilm_plan(clean: np.ndarray, rng: np.random.Generator, page: int = 1) -> MicrofilmPlan:
    """Draw the page's polarity and geometry (turn, scale, film's edge, scratches): the first draws of ``microfilm``."""
    h, w = clean.shape
    negative = sheet_negative(page)
    angle = rng.uniform(*TURN) * rng.choice([-1.0, 1.0])
    scale = rng.uniform(*SCALE)
    move = rng.uniform(-2.0, 2.0, size=2) * MM
    ys, xs = np.nonzero(clean < INK_LEVEL)
    points = np.stack([xs, ys]).astype(np.float64) if len(xs) else np.array([[w / 2], [h / 2]])
    matrix = _fit(points, h, w, angle, scale, move)
    turned = matrix[:, :2] @ points + matrix[:, 2:]
    box = (float(turned[0].min()), float(turned[1].min()), float(turned[0].max()), float(turned[1].max()))
    edges = _film_edges(box, h, w, rng)
    scratches = _scratches(h, w, negative, rng)
    fitted_scale = float(np.hypot(matrix[0, 0], matrix[0, 1]))
    fitted_angle = float(np.degrees(np.arctan2(matrix[0, 1], matrix[0, 0])))
    return MicrofilmPlan(negative, fitted_angle, fitted_scale, matrix, edges, scratches)


def _smooth_field(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """A slow random field in -1..1 across the sheet (a 4 x 4 grid of draws, cubic between them)."""
    coarse = rng.normal(0.0, 1.0, (4, 4)).astype(np.float32)
    field = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC)
    return field / max(float(np.abs(field).max()), 1e-6)


def _tone(seen: np.ndarray, negative: bool, rng: np.random.Generator) -> np.ndarray:
    """Paper..ink of the render (1..0) onto the print's ground..figure grey, both wandering: uneven contrast.

    A positive print's ground is its paper (170-215) and figure its ink (40-90);
    a negative's ground is dark (25-70) and its text light (150-210).
    """
    h, w = seen.shape
    ground_range, figure_range = NEGATIVE if negative else POSITIVE
    ground = rng.uniform(*ground_range) * (1.0 + 0.06 * _smooth_field(h, w, rng))
    figure = rng.uniform(*figure_range) * (1.0 + 0.15 * _smooth_field(h, w, rng))
    return figure + seen * (ground - figure)


def _draw_scratches(grey: np.ndarray, plan: MicrofilmPlan, rng: np.random.Generator) -> None:
    """Each scratch pulls its thin column towards white or black, fading along its length (in place)."""
    h, w = grey.shape
    ys = np.arange(h, dtype=np.float32)
    for s in plan.scratches:
        fade = 0.6 + 0.4 * (1.0 + _smooth_field(h, 1, rng)[:, 0]) / 2  # 0.6..1 along its length
        centre = s.centre(ys, h)
        lo, hi = max(0, int(centre.min() - 3 * s.width)), min(w, int(centre.max() + 3 * s.width) + 2)
        if lo >= hi:
            continue
        xs = np.arange(lo, hi, dtype=np.float32)
        core = np.exp(-(((xs[None, :] - centre[:, None]) / (s.width / 2)) ** 2))
        inside = ((ys >= s.top) & (ys <= s.bottom)).astype(np.float32)[:, None]
        share = s.strength * core * fade[:, None] * inside
        cols = grey[:, lo:hi]
        target = 255.0 if s.light else 0.0
        grey[:, lo:hi] = cols + (target - cols) * share


def _draw_dust(grey: np.ndarray, rng: np.random.Generator) -> None:
    """10-60 dark blotches 0.15-0.6 mm across, each one to three overlapping ellipses (in place)."""
    h, w = grey.shape
    for _ in range(int(rng.integers(10, 61))):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        size = rng.uniform(0.15, 0.6) * MM / 2
        x0, y0 = max(0, int(cx - 3 * size) - 2), max(0, int(cy - 3 * size) - 2)
        x1, y1 = min(w, int(cx + 3 * size) + 3), min(h, int(cy + 3 * size) + 3)
        mask = np.zeros((y1 - y0, x1 - x0), np.uint8)  # the blotch's patch of the page
        for _ in range(int(rng.integers(1, 4))):
            centre = (round((cx - x0 + rng.uniform(-size, size)) * 16), round((cy - y0 + rng.uniform(-size, size)) * 16))
            axes = (max(1, round(size * rng.uniform(0.5, 1.0) * 16)), max(1, round(size * rng.uniform(0.3, 1.0) * 16)))
            cv2.ellipse(mask, centre, axes, rng.uniform(0, 180), 0, 360, 255, -1, cv2.LINE_AA, 4)
        cover = mask.astype(np.float32) / 255.0 * rng.uniform(0.5, 0.95)
        grey[y0:y1, x0:x1] += (rng.uniform(15.0, 45.0) - grey[y0:y1, x0:x1]) * cover


def _vignette(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """The reader's lamp falling off towards the corners: 15-35 % less light there."""
    cx, cy = w / 2 * (1 + rng.uniform(-0.1, 0.1)), h / 2 * (1 + rng.uniform(-0.1, 0.1))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx - cx) / (w / 2)) ** 2 + ((yy - cy) / (h / 2)) ** 2  # about 2 at the corners
    return (1.0 - rng.uniform(0.15, 0.35) * np.clip(r2 / 2.0, 0.0, 1.5) ** 1.3).astype(np.float32)


def _grain(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Film grain: noise correlated over about a pixel, sigma 4-9 grey levels."""
    noise = cv2.GaussianBlur(rng.normal(0.0, 1.0, (h, w)).astype(np.float32), (0, 0), 0.6)
    return noise / max(float(noise.std()), 1e-6) * rng.uniform(4.0, 9.0)


def microfilm(clean: np.ndarray, rng: np.random.Generator, back: np.ndarray | None = None, page: int = 1) -> Image.Image:
    """A reader-printer's print of the page's film, scanned: polarity, blow-back, film edge, scratches, dust, grain."""
    plan = microfilm_plan(clean, rng, page)
    h, w = clean.shape
    sheet = cv2.warpAffine(clean.astype(np.float32) / 255.0, plan.matrix, (w, h), flags=cv2.INTER_CUBIC,
                           borderValue=1.0)  # 1 paper, 0 ink
    grey = _tone(np.clip(sheet, 0.0, 1.0), plan.negative, rng)
    edge = plan.edge_mask(h, w)
    edge_tone = rng.uniform(*EDGE_TONE[plan.negative])
    grey += (edge_tone * (1.0 + 0.05 * _smooth_field(h, w, rng)) - grey) * edge
    _draw_scratches(grey, plan, rng)
    _draw_dust(grey, rng)
    grey = cv2.GaussianBlur(grey, (0, 0), rng.uniform(*BLUR))
    grey *= _vignette(h, w, rng)
    grey += _grain(h, w, rng)
    grey += rng.normal(0.0, rng.uniform(1.5, 3.0), size=grey.shape).astype(np.float32)
    quality = int(rng.integers(QUALITY[0], QUALITY[1] + 1))
    img = Image.fromarray(np.clip(np.round(grey), 0, 255).astype(np.uint8), mode="L")
    img.info["jpeg_quality"] = quality
    return img


__all__ = ["MicrofilmPlan", "Scratch", "microfilm", "microfilm_plan", "sheet_negative"]
