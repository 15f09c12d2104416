"""A photographed sheet found against the desk around it and warped flat, before anything else is read.

A camera over a desk (or a phone) sees the sheet as a general quadrilateral:
turned, with perspective, the desk showing around it on some sides. Deskew
undoes a rotation only, so the table rules stay converging lines, and the dark
desk takes the paper's place in the lighting and ink thresholds. This module
finds the sheet's four edges and maps the quadrilateral they make onto the
whole image, which is then the page as it was printed:

    gray -> closed_small (a small image with the ink closed away) -> desk_seen
         (anything darker than the paper on the frame's border?) -> coarse_edges
         (per side, the straight line stepping up most from desk to paper, with
         desk beyond it) -> refine_side (each edge to the pixel on the full
         image, the line most of its points agree on) -> outermost_rule (a side
         the sheet runs off the frame at: towards the page's outermost rule
         there) -> flatten -> bow.straighten_rows (a curled sheet's rows, along
         its own rules)

The sides are lines, not the border of a dark region: a wood desk's grain
can run as bright as the dim side of the paper, so no threshold on
brightness separates them, but the grain's streaks wander and step both
ways while the paper's edge is straight and steps one way all along it.

Where the positions go: ``flatten`` maps the sheet onto an image of the same
size as the one it was given. The PDF page is the photograph's frame and the
sheet is the page, so after flattening pixel (x, y) is the page point
(x, y) x 72 / dpi, exactly as for a scan that fills the frame; the OCR path's
bounding boxes (PDF points of the page, ``ocr.layout_to_page``) need nothing
else. Where the sheet runs off the frame its edge cannot be seen: a line along
the page's outermost rule there, through the frame's edge, stands in for it (the
frame's edge itself when there is no such rule), so positions towards that
side are off by what was cut (under 1 % of the page on a photo that keeps the
margins).

A scan whose paper fills the frame is returned untouched after one look at a
small image (nothing on its border darker than the paper, or no two sides
stepping from desk to paper); so is a page
where a desk is seen but no confident quadrilateral is (too small, corners far
from square, edges not straight), with the reason in ``SheetFrame.note``.
All lengths are fractions of the image or scaled by its dpi.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import cv2
import numpy as np

from pipeline.extract.bow import straighten_rows

log = logging.getLogger(__name__)

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
# the sheet must cover at least this share of the frame
MIN_SHEET = 0.4
# corners of a sheet seen from a camera's usual pose are within this many degrees of square
MAX_CORNER_TURN = 20.0
# a fitted edge whose points stray from it by more than this share of the frame's diagonal
# (median) is not a straight sheet edge
MAX_EDGE_RESIDUAL = 0.004
# a sheet whose corners are all within this share of the frame's diagonal of the frame's own
# corners fills the frame: nothing to warp
NEAR_FRAME = 0.003
# of the four sides, at least this many must be seen against the desk (a dark strip along one
# side of a flatbed scan is the scanner's shadow, not a photo)
MIN_SEEN_SIDES = 2
# each side's edge is refined between its two corners, this share of the way in from each (the
# corners' own steps run across the side there)
REFINE_MARGIN = 0.03
# inches: the points of a side found on the full image lie this close to its line (the camera's
# blur and JPEG move the steepest step by a pixel or two); farther ones are the desk's
EDGE_TOLERANCE = 0.008

# inches along the flattened sheet's border that take the paper just inside (the desk's blurred step
# would otherwise be a rule round the page); the reports' margins are 5-15 times wider
EDGE_RIM = 0.02
# inches: a run of ink this long (bridged across by RULE_BRIDGE, for the tilt a cut side leaves) is a
# piece of a rule; a rule spanning RULE_SPAN of the page along a cut side gives that side its direction
RULE_RUN = 0.5
RULE_BRIDGE = 0.06
RULE_SPAN = 0.2

SIDES = ("top", "right", "bottom", "left")


@dataclass(frozen=True)
class SheetFrame:
    """The sheet found in a photo: its corners (full-image pixels) and which sides ran off the frame."""

    corners: tuple[tuple[float, float], ...]  # top-left, top-right, bottom-right, bottom-left
    cut: tuple[str, ...]  # sides where the frame's edge stands in for the sheet's
    note: str  # what the page's reason gains ("" when the page was not a photo)


Line = tuple[float, float, float, float]  # vx, vy, x0, y0: a point and a unit direction


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


def _fit(points: np.ndarray) -> Line:
    vx, vy, x0, y0 = cv2.fitLine(points.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return float(vx), float(vy), float(x0), float(y0)


def _distance(line: Line, points: np.ndarray) -> np.ndarray:
    vx, vy, x0, y0 = line
    return np.abs((points[:, 0] - x0) * vy - (points[:, 1] - y0) * vx)


def refine_side(gray: np.ndarray, line: Line, span: tuple[float, float], reach: float,
                inward: tuple[float, float], samples: int = 48) -> np.ndarray:
    """Points of a sheet edge on the full image: along the coarse line, the strongest step up towards the paper.

    At ``samples`` places along the line (``span``: from, to, as distances along
    it) a profile ``reach`` pixels either way across it is cut from the image;
    the edge is where the profile, smoothed over a few pixels, rises most
    towards ``inward`` (the paper's side: a streak of the desk stepping the
    other way is no edge). Places whose rise is under a third of the typical
    one (where the desk runs as bright as the paper) give no point.
    """
    vx, vy, x0, y0 = line
    nx, ny = inward
    h, w = gray.shape
    offsets = np.arange(-reach, reach + 1, dtype=np.float32)
    at = np.linspace(span[0], span[1], samples, dtype=np.float32)
    px, py = x0 + at * vx, y0 + at * vy
    inside = ((np.minimum(px - reach * abs(nx), px + reach * abs(nx)) >= 1)
              & (np.maximum(px - reach * abs(nx), px + reach * abs(nx)) <= w - 2)
              & (np.minimum(py - reach * abs(ny), py + reach * abs(ny)) >= 1)
              & (np.maximum(py - reach * abs(ny), py + reach * abs(ny)) <= h - 2))
    px, py = px[inside], py[inside]
    if not len(px):
        return np.zeros((0, 2), np.float32)
    # three parallel profiles a pixel and a half apart, averaged: one glyph or speck does not move the edge
    shifts = np.array([-1.5, 0.0, 1.5], np.float32)
    xs = (px[:, None, None] + shifts[None, :, None] * vx + offsets[None, None, :] * nx).reshape(-1, len(offsets))
    ys = (py[:, None, None] + shifts[None, :, None] * vy + offsets[None, None, :] * ny).reshape(-1, len(offsets))
    prof = cv2.remap(gray, xs.astype(np.float32), ys.astype(np.float32), cv2.INTER_LINEAR).astype(np.float32)
    prof = prof.reshape(len(px), 3, len(offsets)).mean(axis=1)
    rise = np.gradient(cv2.GaussianBlur(prof, (0, 0), sigmaX=1.5, sigmaY=0), axis=1)
    k = np.argmax(rise, axis=1)
    strength = rise[np.arange(len(px)), k]
    keep = strength >= max(1e-3, 0.33 * float(np.median(strength)))
    found = np.stack([px + offsets[k] * nx, py + offsets[k] * ny], axis=1)[keep]
    return found.astype(np.float32)


def _robust_fit(points: np.ndarray, tolerance: float) -> tuple[Line, np.ndarray]:
    """A line through most of ``points`` and the points it keeps (within ``tolerance`` pixels of it).

    Each line through two points a third of the side or more apart is tried;
    the one most points lie near wins and is fitted again through them. Where
    the desk's grain runs as bright as the paper for a stretch along the side,
    the step found there is a streak's, off the edge by part of a streak: a
    least-squares fit (even Huber's) leans towards such a stretch, a vote does not.
    """
    n = len(points)
    i, j = np.triu_indices(n, k=max(1, n // 3))
    a, b = points[i], points[j]
    d = b - a
    norm = np.hypot(d[:, 0], d[:, 1])
    ok = norm > 0
    a, d, norm = a[ok], d[ok], norm[ok]
    off = np.abs((points[None, :, 0] - a[:, None, 0]) * d[:, None, 1]
                 - (points[None, :, 1] - a[:, None, 1]) * d[:, None, 0]) / norm[:, None]
    near = off <= tolerance
    kept = points[near[int(np.argmax(near.sum(axis=1)))]] if len(near) else points
    if len(kept) < 8:
        kept = points
    return _fit(kept), kept


def _inward(line: Line, centre: np.ndarray) -> tuple[float, float]:
    """The unit normal of ``line`` pointing towards ``centre``."""
    vx, vy, x0, y0 = line
    nx, ny = -vy, vx
    if (centre[0] - x0) * nx + (centre[1] - y0) * ny < 0:
        nx, ny = -nx, -ny
    return nx, ny


def _span(line: Line, ends: tuple[tuple[float, float] | None, ...], length: float) -> tuple[float, float]:
    """Distances along ``line`` between its two corners, kept ``REFINE_MARGIN`` away from each."""
    vx, vy, x0, y0 = line
    at = sorted(((p[0] - x0) * vx + (p[1] - y0) * vy) for p in ends if p is not None)
    if len(at) < 2:
        return -length / 2, length / 2
    margin = REFINE_MARGIN * (at[-1] - at[0])
    return at[0] + margin, at[-1] - margin


def _meet(a: Line, b: Line) -> tuple[float, float] | None:
    avx, avy, ax, ay = a
    bvx, bvy, bx, by = b
    det = avx * (-bvy) - avy * (-bvx)
    if abs(det) < 1e-6:
        return None
    s = ((bx - ax) * (-bvy) - (by - ay) * (-bvx)) / det
    return ax + s * avx, ay + s * avy


def _frame_line(side: str, w: int, h: int) -> Line:
    return {"top": (1.0, 0.0, 0.0, 0.0), "bottom": (1.0, 0.0, 0.0, h - 1.0),
            "left": (0.0, 1.0, 0.0, 0.0), "right": (0.0, 1.0, w - 1.0, 0.0)}[side]


def _frame_corners(w: int, h: int) -> np.ndarray:
    """The image's own corners in ``SheetFrame.corners`` order: where a flattened sheet's corners go."""
    return np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)


def _square_enough(corners: np.ndarray) -> bool:
    for i in range(4):
        a, b, c = corners[i - 1], corners[i], corners[(i + 1) % 4]
        u, v = a - b, c - b
        cos = float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        if abs(90.0 - np.degrees(np.arccos(np.clip(cos, -1, 1)))) > MAX_CORNER_TURN:
            return False
    return True


def find_sheet(gray: np.ndarray, dpi: float) -> SheetFrame | None:
    """The photographed sheet's corners in ``gray``, or None when the paper fills the frame.

    A page with a desk but no confident sheet comes back with no corners and
    the reason in its note.
    """
    closed, factor = closed_small(gray, dpi)
    if not desk_seen(closed):
        return None
    seen = coarse_edges(closed)
    if len(seen) < MIN_SEEN_SIDES:
        return None  # a strip along one side: a scanner's shadow, not a desk
    h, w = gray.shape
    diagonal = float(np.hypot(h, w))
    lines: dict[str, Line] = {}
    for side in SIDES:
        if side in seen:
            vx, vy, x0, y0 = seen[side][1]
            lines[side] = (vx, vy, (x0 + 0.5) * factor - 0.5, (y0 + 0.5) * factor - 0.5)
        else:
            lines[side] = _frame_line(side, w, h)
    coarse = dict(lines)
    centre = np.array([w / 2.0, h / 2.0])
    for side in seen:
        line = coarse[side]
        ends = tuple(_meet(line, coarse[other]) for other in NEIGHBOURS[side])
        span = _span(line, ends, diagonal)
        for reach in (3.0 * factor, 1.5 * factor):  # from the small image's line, then around the first fit
            fine = refine_side(gray, line, span, reach, _inward(line, centre))
            if len(fine) < 8:
                return SheetFrame((), (), f"desk around the sheet, but its {side} edge was not found: read as is")
            line, fine = _robust_fit(fine, EDGE_TOLERANCE * dpi)
        if float(np.median(_distance(line, fine))) > MAX_EDGE_RESIDUAL * diagonal:
            return SheetFrame((), (), f"desk around the sheet, but its {side} edge is not straight: read as is")
        lines[side] = line
    meets = [_meet(lines[a], lines[b]) for a, b in ORDER]
    if any(m is None for m in meets):
        return SheetFrame((), (), "desk around the sheet, but its edges do not meet: read as is")
    corners = np.array(meets, np.float32)
    cut = tuple(s for s in SIDES if s not in seen)
    if cut and len(cut) < 3:
        corners = _cut_sides_from_rules(gray, dpi, corners, cut, lines)
    frame = _frame_corners(w, h)
    if float(np.abs(corners - frame).max()) < NEAR_FRAME * diagonal:
        return None
    if not _square_enough(corners) or cv2.contourArea(corners) < MIN_SHEET * h * w:
        return SheetFrame((), (), "desk around the sheet, but no confident quadrilateral: read as is")
    note = "photographed sheet flattened from its quadrilateral" + (
        f" (ran off the frame at the {', '.join(cut)}: that edge set by the page's outermost rule)"
        if cut else "")
    return SheetFrame(tuple((float(x), float(y)) for x, y in corners), cut, note)


ORDER = (("top", "left"), ("top", "right"), ("bottom", "right"), ("bottom", "left"))
CORNERS_OF = {"top": (0, 1), "right": (1, 2), "bottom": (3, 2), "left": (0, 3)}
OPPOSITE = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}
NEIGHBOURS = {"top": ("left", "right"), "bottom": ("left", "right"), "left": ("top", "bottom"),
              "right": ("top", "bottom")}


def outermost_rule(gray: np.ndarray, dpi: float, corners: np.ndarray, side: str) -> Line | None:
    """The page's outermost long rule along ``side``, as a line in the photo (None: no such rule).

    The sheet is flattened from ``corners`` at half size; rules along the side
    (vertical for left and right) are runs of ink at least ``RULE_RUN`` long,
    bridged across by a little for the tilt still left; the one nearest the
    side spanning ``RULE_SPAN`` of the page is fitted and taken back to the photo.
    """
    from pipeline.extract.paper import even_paper

    h, w = gray.shape
    half = np.array([[0.5, 0, 0], [0, 0.5, 0], [0, 0, 1]], np.float64)
    frame = _frame_corners(w, h)
    m = half @ cv2.getPerspectiveTransform(corners.astype(np.float32), frame)
    flat = even_paper(cv2.warpPerspective(gray, m, (w // 2, h // 2), flags=cv2.INTER_LINEAR,
                                          borderMode=cv2.BORDER_REPLICATE), dpi / 2)
    _, ink = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    upright = side in ("left", "right")
    if not upright:
        ink = np.ascontiguousarray(ink.T)
    bridge = max(3, round(RULE_BRIDGE * dpi / 2) | 1)
    run = max(10, round(RULE_RUN * dpi / 2))
    runs = cv2.morphologyEx(cv2.dilate(ink, np.ones((1, bridge), np.uint8)), cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs)
    rim = max(2, round(2 * EDGE_RIM * dpi / 2))  # the frame's own edge (the desk's step, a dark border) is no rule
    long_ = [i for i in range(1, count) if stats[i, cv2.CC_STAT_HEIGHT] >= RULE_SPAN * ink.shape[0]
             and rim < stats[i, cv2.CC_STAT_LEFT] and stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] < ink.shape[1] - rim]
    if not long_:
        return None
    far = side in ("right", "bottom")
    pick = max(long_, key=lambda i: (1 if far else -1) * (stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] / 2))
    ys, xs = np.nonzero((labels == pick) & (ink > 0))
    pts = np.stack([xs, ys] if upright else [ys, xs], axis=1).astype(np.float32)
    vx, vy, x0, y0 = _fit(pts)
    extent = (pts - np.array([x0, y0])) @ np.array([vx, vy])
    ends = np.array([[[x0 + e * vx, y0 + e * vy] for e in (extent.min(), extent.max())]], np.float32)
    (ax, ay), (bx, by) = cv2.perspectiveTransform(ends.astype(np.float64), np.linalg.inv(m))[0]
    norm = float(np.hypot(bx - ax, by - ay))
    return ((bx - ax) / norm, (by - ay) / norm, float(ax), float(ay)) if norm > 0 else None


def _through(p: np.ndarray, vanish: tuple[float, float] | None, rule: Line) -> Line:
    """The line through ``p`` and the vanishing point, or along ``rule`` when there is none (or it is too close)."""
    if vanish is not None:
        dx, dy = vanish[0] - float(p[0]), vanish[1] - float(p[1])
        norm = float(np.hypot(dx, dy))
        if norm > 1.0:
            return dx / norm, dy / norm, float(p[0]), float(p[1])
    return rule[0], rule[1], float(p[0]), float(p[1])


def _same_side(line: Line, p: np.ndarray, q: np.ndarray) -> bool:
    """Whether points p and q lie on the same side of ``line`` (or on it)."""
    vx, vy, x0, y0 = line
    return bool(((p[0] - x0) * vy - (p[1] - y0) * vx) * ((q[0] - x0) * vy - (q[1] - y0) * vx) >= 0)


def _cut_sides_from_rules(gray: np.ndarray, dpi: float, corners: np.ndarray, cut: tuple[str, ...],
                          lines: dict[str, Line]) -> np.ndarray:
    """Corners with each cut side redrawn along the page's own outermost rule there.

    The frame's edge is a poor stand-in for a sheet that runs off it turned or
    in perspective: the rules near that side then lean. In the photo every line
    that was upright on the page (for a left or right side) meets at one point,
    where the opposite side's edge meets the outermost rule; the cut side runs
    through that point too, and through the one of the side's two points on
    the frame's edge that keeps the other on the sheet. When the opposite side
    is cut as well, or parallel to the rule, the side takes the rule's direction.
    Without such a rule the frame's edge stays.
    """
    centre = corners.mean(axis=0)
    for side in cut:
        rule = outermost_rule(gray, dpi, corners, side)
        if rule is None:
            continue
        vanish = _meet(lines[OPPOSITE[side]], rule) if OPPOSITE[side] not in cut else None
        a, b = (corners[i] for i in CORNERS_OF[side])
        candidates = [_through(p, vanish, rule) for p in (a, b)]
        lines[side] = candidates[0] if _same_side(candidates[0], b, centre) else candidates[1]
        meets = [_meet(lines[u], lines[v]) for u, v in ORDER]
        if any(p is None for p in meets):
            continue
        corners = np.array(meets, np.float32)
    return corners


def flatten(gray: np.ndarray, sheet: SheetFrame, dpi: float) -> np.ndarray:
    """The sheet warped onto the whole image (same size): the page as printed, pixel for pixel at the same dpi.

    The sheet's edge is found in the middle of its blurred step from the desk,
    so half that step lands along the image's border, where it would read as a
    rule round the page: a rim of ``EDGE_RIM`` takes the paper just inside it.
    """
    h, w = gray.shape
    frame = _frame_corners(w, h)
    m = cv2.getPerspectiveTransform(np.array(sheet.corners, np.float32), frame)
    flat = cv2.warpPerspective(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    r = max(2, round(EDGE_RIM * dpi))
    flat[:r] = flat[r]
    flat[-r:] = flat[-r - 1]
    flat[:, :r] = flat[:, r:r + 1]
    flat[:, -r:] = flat[:, -r - 1:-r]
    return flat


def flatten_sheet(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, SheetFrame | None]:
    """``gray`` with a photographed sheet warped flat onto the frame, and what was found (None: not a photo).

    A flattened sheet's rows are then straightened along its rules where it curled (``bow``).
    """
    sheet = find_sheet(gray, dpi)
    if sheet is None or not sheet.corners:
        if sheet is not None:
            log.debug("sheet not flattened: %s", sheet.note)
        return gray, sheet
    flat, bowed = straighten_rows(flatten(gray, sheet, dpi), dpi)
    if bowed:
        sheet = replace(sheet, note=f"{sheet.note}; rows straightened along its rules (curl of {bowed:.0f} px)")
    return flat, sheet


__all__ = ["SheetFrame", "coarse_edges", "desk_beyond", "desk_seen", "find_sheet", "flatten", "flatten_sheet", "refine_side"]
