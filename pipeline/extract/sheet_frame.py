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
         desk beyond it; these first steps in sheet_edges.py) -> refine_side (each edge to the pixel on the full
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
from pipeline.extract.sheet_edges import Line, closed_small, coarse_edges, desk_seen

log = logging.getLogger(__name__)

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

# a side seen this close to the frame's edge (share of the frame across it), with only the opposite side seen
# besides, is a flatbed's strip (a gutter's shadow, the lid or the next sheets' edges), not a desk: a lid band up
# to 8 mm wide is 3.8 % of an A4 page's width; the ledger scans' sides were seen at 0.7-2.2 %. (The tuning photos
# show all four sides, their desk strips at 1.5-8 %: the rule does not apply to them.)
FRAME_STRIP = 0.05
SIDES = ("top", "right", "bottom", "left")


@dataclass(frozen=True)
class SheetFrame:
    """The sheet found in a photo: its corners (full-image pixels) and which sides ran off the frame."""

    corners: tuple[tuple[float, float], ...]  # top-left, top-right, bottom-right, bottom-left
    cut: tuple[str, ...]  # sides where the frame's edge stands in for the sheet's
    note: str  # what the page's reason gains ("" when the page was not a photo)



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


def _strips_at_opposite_edges(seen: dict[str, tuple[float, Line]], shape: tuple[int, int]) -> bool:
    """Whether the only sides seen are two opposite ones, each within ``FRAME_STRIP`` of the frame's edge.

    A report bound in a volume and scanned open on a flatbed has the binding's
    shadow darkening one side of the page and the lid (or the next sheets'
    edges) along the other: two strips stepping to paper, like a desk, but at
    the frame's very edges and with no corner of a sheet between them. A sheet
    that fills a photo so nearly has nothing to flatten that deskew does not
    undo, and read as a sheet whose top and bottom ran off the frame it was
    sheared by its own rules (ledger scans: the columns by the binding lost).
    """
    if set(seen) not in ({"left", "right"}, {"top", "bottom"}):
        return False
    h, w = shape
    for side, (_, (_, _, x0, y0)) in seen.items():
        at, size = (x0, w) if side in ("left", "right") else (y0, h)
        if min(at, size - 1 - at) > FRAME_STRIP * size:
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
    if _strips_at_opposite_edges(seen, closed.shape):
        return None  # a book's gutter and the lid beside the page on a flatbed, not a desk
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


__all__ = ["SheetFrame", "closed_small", "coarse_edges", "desk_seen", "find_sheet", "flatten", "flatten_sheet", "refine_side"]
