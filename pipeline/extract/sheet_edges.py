"""The sheet's sides in a photograph, as the straight lines stepping most from desk to paper.

The first look of ``sheet_frame``, on a small image with the ink closed away:
is there desk on the frame's border at all (``desk_seen``), and where along
each side does the image step up most from desk to paper, with desk beyond
(``coarse_edges``). Lines, not the border of a dark region: a wood desk's
grain can run as bright as the dim side of the paper, so no threshold on
brightness separates them, but the grain's streaks wander and step both
ways while the paper's edge is straight and steps one way all along it.
Split from sheet_frame.py, which refines these lines on the full image and
flattens the sheet.
"""

from __future__ import annotations

import cv2
import numpy as np

Line = tuple[float, float, float, float]  # vx, vy, x0, y0: a point and a unit direction

# pixels per inch of the small image the sheet is looked for on: the sheet's edges are long and
# straight, and at 50 dpi an A4 page is ~600 px across (a few milliseconds for every step)
SMALL_DPI = 50
# inches: strokes and rules narrower than this are closed away (grey closing) before the sheet's
# edges are looked for. The closing also fills the desk's dark parts narrower than this: a wood
# grain's troughs (0.07-0.17 inch on the tuning photos) and a strip of desk along the frame's
# edge narrower than half of it. At 0.25 inch the grain closed up to its bright streaks, as
# bright as a dim side of the paper (camera page 22), and the strips along a side nearly cut by
# the frame were lost (camera pages 13 of both producers)
INK_CLOSE = 0.1
# the frame's border must hold something darker than this share of the paper's level (90th
# percentile of the small image) for a desk to be looked for: a dark desk ~0.3, wood and laminate
# 0.4-0.65 at their darkest on the tuning photos, a scan filling its frame ~1
DESK_CONTRAST = 0.8
# small pixels: a step is the change in log brightness between points this far either side (the
# sheet's edge, blurred by the camera and the reduction, spreads over about two)
STEP_GAP = 2
# a sheet's side is looked for within this share of the frame from each edge of it, within this
# many degrees of the frame's axes (a sheet turned 3° with its corners moved 4 % leans ~10°), and
# averaged over this middle share of the frame (every side of a sheet covering 40 % spans more)
EDGE_BAND = 0.3
MAX_EDGE_TURN = 15.0
EDGE_ROWS = 0.7
# a line is judged on its part inside the frame (a side running off the frame part of the way), if
# at least this share of it is inside
MIN_VISIBLE = 0.4
# small pixels: fewer than this beyond a side's line, and there is no desk to judge it by
MIN_DESK_PIXELS = 8
# the mean step in log brightness along a seen side: a sheet against the tuning desks steps by
# 0.4-2.0 along its part inside the frame (wood whose grain runs nearly as bright as the paper
# 0.4-0.5, a dark desk > 0.9); a side that ran off the frame, where the best line is only the
# lighting or the desk, by < 0.05, the best line on a flatbed's colour scan (text, show-through,
# light falling off; colour150 pages 1-8) by < 0.1
MIN_EDGE_STEP = 0.15

def _small(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    """The page at about ``SMALL_DPI``, by a whole factor (OpenCV's fast path: a third of the time)."""
    factor = max(1, round(dpi / SMALL_DPI))
    h, w = gray.shape
    cut = gray[:max(factor, h - h % factor), :max(factor, w - w % factor)]
    small = cv2.resize(cut, (cut.shape[1] // factor, cut.shape[0] // factor), interpolation=cv2.INTER_AREA)
    return small, float(factor)


def closed_small(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    """The page at about ``SMALL_DPI`` with its ink closed away (grey closing), and the scale back to ``gray``."""
    small, factor = _small(gray, dpi)
    k = max(3, round(INK_CLOSE * SMALL_DPI) | 1)
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    return closed, factor


def desk_seen(closed: np.ndarray) -> bool:
    """Whether the frame's border holds anything darker than ``DESK_CONTRAST`` of the paper's level.

    The one test every scan filling its frame fails: it looks at the border only.
    """
    paper = float(np.percentile(closed[::3, ::3], 90))
    ring = np.concatenate([closed[0], closed[-1], closed[:, 0], closed[:, -1]])
    return float(ring.min()) <= DESK_CONTRAST * paper


def edge_steps(closed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How much brighter the image is ``STEP_GAP`` small pixels right of (below) each point than as far left (above).

    In log brightness, so a step is a ratio: the same for a sheet's edge in the
    lit middle of the frame as in its dim corner.
    """
    log = np.log(closed.astype(np.float32) + 8.0)
    d = STEP_GAP
    across, down = np.zeros_like(log), np.zeros_like(log)
    across[:, d:-d] = log[:, 2 * d:] - log[:, :-2 * d]
    down[d:-d, :] = log[2 * d:, :] - log[:-2 * d, :]
    return across, down


def _mean_along(step: np.ndarray, slopes: np.ndarray, rows: tuple[int, int],
                columns: tuple[int, int]) -> np.ndarray:
    """For each slope t and each column c of ``columns``: the mean of ``step`` along x = c + t (y - middle).

    Over ``rows`` (middle: their midpoint), counting only the part of the line
    inside the frame (a sheet's side may run off it part of the way); a line
    less than ``MIN_VISIBLE`` inside scores nothing.
    """
    r0, r1 = rows
    w = step.shape[1]
    middle = (r1 - r0 - 1) / 2.0
    dy = np.arange(r1 - r0, dtype=np.float32) - middle
    pad = int(np.ceil(np.abs(slopes).max() * (middle + 1))) + 2
    lo, hi = max(0, columns[0] - pad), min(w, columns[1] + pad)
    # rows in pairs (half the work): the line's position is still interpolated to a fraction of a column
    pairs = (r1 - r0) // 2
    band = cv2.resize(step[r0:r0 + 2 * pairs, lo:hi], (hi - lo, pairs), interpolation=cv2.INTER_AREA)
    cs = np.arange(columns[0], columns[1], dtype=np.float32)
    out = np.empty((len(slopes), len(cs)), np.float32)
    for i, t in enumerate(slopes):
        shear = np.array([[1.0, 2 * t, columns[0] - lo - t * (middle - 0.5)], [0.0, 1.0, 0.0]], np.float32)
        total = 2 * cv2.warpAffine(band, shear, (len(cs), pairs), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                   borderMode=cv2.BORDER_CONSTANT, borderValue=0).sum(axis=0)
        dx = np.sort(t * dy)
        count = np.searchsorted(dx, w - 1 - cs, side="right") - np.searchsorted(dx, -cs, side="left")
        out[i] = np.where(count >= MIN_VISIBLE * len(dy), total / np.maximum(count, 1), 0.0)
    return out


def _best_line(step: np.ndarray, columns: tuple[int, int], coarse: np.ndarray, angles: np.ndarray,
               rows: tuple[int, int]) -> tuple[float, float, float]:
    """The line through ``columns`` along which ``step`` is highest on average: (mean step, column, slope).

    ``coarse`` holds the means for ``angles`` (a degree apart) over every
    column; the best of them is searched again a fifth of a degree apart.
    """
    part = coarse[:, columns[0]:columns[1]]
    i, c = divmod(int(np.argmax(part)), part.shape[1])
    around = np.tan(np.radians(angles[i] + np.arange(-1.0, 1.01, 0.2)))
    near = (max(0, columns[0] + c - 3), min(step.shape[1], columns[0] + c + 4))
    fine = _mean_along(step, around, rows, near)
    j, k = divmod(int(np.argmax(fine)), fine.shape[1])
    return float(fine[j, k]), float(near[0] + k), float(around[j])


def coarse_edges(closed: np.ndarray) -> dict[str, tuple[float, Line]]:
    """The sheet's sides on the small image, each the straight line with the strongest step from desk to paper.

    For each side, among lines within ``EDGE_BAND`` of the frame's edge and
    ``MAX_EDGE_TURN`` of its direction, the one along which the image steps up
    most (darker outside, brighter inside; in log brightness, so as much for a
    dim corner of the sheet as for its lit middle). Brightness alone, as a
    threshold, loses a sheet on a wood desk whose grain runs as bright as the
    dimmer part of the paper; the paper's edge is a straight line with the
    paper on one side all along it, while the grain's streaks wander and step
    both ways, so averaged along a line they cancel. Returns (mean step, line)
    by side, lines in small-image pixels; a side stepping by less than
    ``MIN_EDGE_STEP`` is not seen (it ran off the frame).
    """
    across, down = edge_steps(closed)
    angles = np.arange(-MAX_EDGE_TURN, MAX_EDGE_TURN + 0.01, 1.0)
    slopes = np.tan(np.radians(angles))
    found: dict[str, tuple[float, Line]] = {}
    for (near_side, far_side), step in ((("left", "right"), across), (("top", "bottom"), np.ascontiguousarray(down.T))):
        height, width = step.shape
        rows = (round((1 - EDGE_ROWS) / 2 * height), round((1 + EDGE_ROWS) / 2 * height))
        middle = (rows[0] + rows[1] - 1) / 2.0
        band = round(EDGE_BAND * width)
        means = _mean_along(step, slopes, rows, (0, width))  # once for both sides: they differ in sign
        for side, sign, columns in ((near_side, 1.0, (0, band)), (far_side, -1.0, (width - band, width))):
            signed = step if sign > 0 else -step
            score, column, slope = _best_line(signed, columns, sign * means, angles, rows)
            if score < MIN_EDGE_STEP:
                continue
            norm = float(np.hypot(1.0, slope))
            if side in ("left", "right"):
                line = (slope / norm, 1.0 / norm, column, middle)
            else:  # searched on the transposed image: its columns are rows
                line = (1.0 / norm, slope / norm, middle, column)
            if desk_beyond(closed, line, side):
                found[side] = (score, line)
    return found


def desk_beyond(closed: np.ndarray, line: Line, side: str) -> bool:
    """Whether what lies beyond ``line`` (towards the frame's edge) is desk: at most ``DESK_CONTRAST`` of the paper.

    Medians over the middle ``EDGE_ROWS`` of the side: beyond the line, and
    inside it within ``INK_CLOSE`` x 3. A shaded band of the page (a table's
    grey header row near a side that ran off the frame) steps like an edge
    but has paper, or a light grey, beyond it: 0.85 of the paper and more,
    where the tuning desks are at most 0.65 (wood grain as bright as the
    paper in its streaks included).
    """
    h, w = closed.shape
    vx, vy, x0, y0 = line
    upright = side in ("left", "right")
    length = h if upright else w
    lo, hi = round((1 - EDGE_ROWS) / 2 * length), round((1 + EDGE_ROWS) / 2 * length)
    part = closed[lo:hi] if upright else closed[:, lo:hi]
    ys, xs = np.ogrid[0:part.shape[0], 0:part.shape[1]]
    if upright:
        ys = ys + lo
    else:
        xs = xs + lo
    inward = (xs - x0) * vy - (ys - y0) * vx
    if (w / 2 - x0) * vy - (h / 2 - y0) * vx < 0:
        inward = -inward
    beyond = part[inward < -STEP_GAP]
    paper = part[(inward > STEP_GAP) & (inward < STEP_GAP + 3 * INK_CLOSE * SMALL_DPI)]
    if beyond.size < MIN_DESK_PIXELS or not paper.size:
        return False
    return float(np.median(beyond)) <= DESK_CONTRAST * float(np.median(paper))


__all__ = ["Line", "closed_small", "coarse_edges", "desk_beyond", "desk_seen", "edge_steps"]
