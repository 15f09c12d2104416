"""A photographed sheet found against the desk around it and warped flat, before anything else is read.

A camera over a desk (or a phone) sees the sheet as a general quadrilateral:
turned, with perspective, the desk showing around it on some sides. Deskew
undoes a rotation only, so the table rules stay converging lines, and the dark
desk takes the paper's place in the lighting and ink thresholds. This module
finds the sheet's four edges and maps the quadrilateral they make onto the
whole image, which is then the page as it was printed:

    gray -> desk_mask (a small image with the ink closed away; the dark region
         touching the frame, bounded by a sharp step) -> sheet_sides (the
         outline's straight runs by side) -> refine_side (each edge to the
         pixel on the full image) -> outermost_rule (a side the sheet runs off
         the frame at: towards the page's outermost rule there) -> flatten
         -> bow.straighten_rows (a curled sheet's rows, along its own rules)

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
small image (its border holds no dark region with a sharp edge); so is a page
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
# inches: text and rules narrower than this are closed away (grey closing) before the desk is looked for
INK_CLOSE = 0.25
# the desk is at most this share of the sheet's paper level (median of each): paper in a photo is
# lit unevenly, a desk is much darker (a dark desk ~0.3, wood and laminate 0.4-0.65 on the tuning photos)
DESK_CONTRAST = 0.8
# the step from desk to paper, per small pixel (50 dpi), as a share of the paper's level: a sheet's
# edge steps by a quarter or more within two pixels (> 0.1); light falling off across a scanned
# sheet (colour150: 35 % over the page) changes by ~0.001 per pixel
EDGE_STEP = 0.05
# below this share of the frame the dark border region is a scanner's shadow or a smudge, not a desk
MIN_DESK = 0.004
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

# a straight run of the outline counts for a side when at least this share of the frame's shorter
# side long (a sheet turned against the frame's edge shows only part of that edge) and within this
# many degrees of the frame's axes (the corners, rounded by the closing, run at ~45°)
MIN_RUN = 0.03
MAX_RUN_TURN = 30.0

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


def desk_mask(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray, float] | None:
    """The small image with the ink closed away, the mask of the desk on it, and the scale back; None if no desk.

    The desk is the dark region touching the frame's border (Otsu's split of
    the closed image), at most ``DESK_CONTRAST`` of the paper's level and
    bounded by a sharp step. The first test, which every scan filling its frame
    fails, looks at the border only.
    """
    small, factor = _small(gray, dpi)
    k = max(3, round(INK_CLOSE * SMALL_DPI) | 1)
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    paper = float(np.percentile(closed[::3, ::3], 90))
    ring = np.concatenate([closed[0], closed[-1], closed[:, 0], closed[:, -1]])
    if float(ring.min()) > DESK_CONTRAST * paper:
        return None
    t, _ = cv2.threshold(closed, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    dark = (closed <= t).astype(np.uint8)
    _, labels = cv2.connectedComponents(dark, connectivity=4)
    border = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    desk = np.isin(labels, border[border > 0])
    if desk.mean() < MIN_DESK or (~desk).mean() < MIN_SHEET:
        return None
    if float(np.median(closed[desk])) > DESK_CONTRAST * float(np.median(closed[~desk])):
        return None
    blurred = cv2.GaussianBlur(closed.astype(np.float32), (3, 3), 0)
    step = np.hypot(cv2.Sobel(blurred, cv2.CV_32F, 1, 0), cv2.Sobel(blurred, cv2.CV_32F, 0, 1)) / 8.0
    edge = desk & (cv2.dilate((~desk).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)
    edge[[0, -1], :] = False
    edge[:, [0, -1]] = False
    if not edge.any() or float(np.median(step[edge])) < EDGE_STEP * paper:
        return None
    return closed, desk, factor


def _sheet_contour(desk: np.ndarray) -> np.ndarray | None:
    sheet = (~desk).astype(np.uint8)
    contours, _ = cv2.findContours(sheet, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    if cv2.contourArea(biggest) < MIN_SHEET * desk.size:
        return None
    return biggest.reshape(-1, 2).astype(np.float32)


def _side_of(points: np.ndarray, centre: np.ndarray) -> str:
    """Which side of the sheet a run of its outline lies on, by the run's direction and where it lies."""
    (x0, y0), (x1, y1) = points[0], points[-1]
    mid = points.mean(axis=0)
    if abs(x1 - x0) >= abs(y1 - y0):
        return "top" if mid[1] < centre[1] else "bottom"
    return "left" if mid[0] < centre[0] else "right"


def sheet_sides(contour: np.ndarray, shape: tuple[int, int]) -> dict[str, np.ndarray]:
    """The sheet's outline points by side, leaving out those on the frame's border (a side that ran off it).

    The outline's convex polygon (``approxPolyDP``) gives its straight runs;
    each run not lying along the frame's border is given to a side by its
    direction and position; a curled edge that splits into two runs keeps both,
    and a sheet turned against the frame's edge keeps the part of that edge
    still seen (its line is extended past the frame).
    """
    h, w = shape
    on_border = (contour[:, 0] <= 1) | (contour[:, 1] <= 1) | (contour[:, 0] >= w - 2) | (contour[:, 1] >= h - 2)
    hull = cv2.convexHull(contour)
    poly = cv2.approxPolyDP(hull, 0.004 * cv2.arcLength(hull, True), True).reshape(-1, 2).astype(np.float32)
    centre = contour.mean(axis=0)
    sides: dict[str, list[np.ndarray]] = {}
    keep = contour[~on_border]
    for a, b in zip(poly, np.roll(poly, -1, axis=0)):
        length = float(np.hypot(*(b - a)))
        turn = np.degrees(np.arctan2(abs(b[1] - a[1]), abs(b[0] - a[0])))
        if length < MIN_RUN * min(h, w) or MAX_RUN_TURN < turn < 90 - MAX_RUN_TURN:
            continue  # a corner rounded by the closing, or a speck on the outline
        # outline points lying on this run, away from its ends (corners are rounded by the closing)
        d = b - a
        t = ((keep - a) @ d) / (length * length)
        off = np.abs((keep[:, 0] - a[0]) * d[1] - (keep[:, 1] - a[1]) * d[0]) / length
        near = keep[(t > 0.05) & (t < 0.95) & (off < 0.01 * max(h, w) + 2)]
        if len(near) < 0.5 * length:
            continue  # the run lies along the frame's border: the sheet ran off the frame there
        sides.setdefault(_side_of(np.stack([a, b]), centre), []).append(near)
    return {side: np.concatenate(runs) for side, runs in sides.items()}


def _fit(points: np.ndarray) -> Line:
    vx, vy, x0, y0 = cv2.fitLine(points.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return float(vx), float(vy), float(x0), float(y0)


def _distance(line: Line, points: np.ndarray) -> np.ndarray:
    vx, vy, x0, y0 = line
    return np.abs((points[:, 0] - x0) * vy - (points[:, 1] - y0) * vx)


def refine_side(gray: np.ndarray, line: Line, span: tuple[float, float], reach: float,
                samples: int = 48) -> np.ndarray:
    """Points of a sheet edge on the full image: along the coarse line, the strongest step across it.

    At ``samples`` places along the line (``span``: from, to, as distances along
    it) a profile ``reach`` pixels either way across it is cut from the image;
    the edge is where the profile steps most, smoothed over a few pixels.
    """
    vx, vy, x0, y0 = line
    nx, ny = -vy, vx
    h, w = gray.shape
    offsets = np.arange(-reach, reach + 1, dtype=np.float32)
    found = []
    for s in np.linspace(span[0], span[1], samples):
        px, py = x0 + s * vx, y0 + s * vy
        xs, ys = px + offsets * nx, py + offsets * ny
        if xs.min() < 0 or ys.min() < 0 or xs.max() > w - 1 or ys.max() > h - 1:
            continue
        # three parallel profiles a pixel apart, averaged: one glyph or speck does not move the edge
        prof = np.zeros(len(offsets), np.float32)
        for shift in (-1.5, 0.0, 1.5):
            prof += cv2.remap(gray, (xs + shift * vx)[None, :].astype(np.float32),
                              (ys + shift * vy)[None, :].astype(np.float32), cv2.INTER_LINEAR).ravel()
        grad = np.abs(np.gradient(cv2.GaussianBlur(prof[None, :], (0, 0), 1.5).ravel()))
        k = int(np.argmax(grad))
        found.append((px + offsets[k] * nx, py + offsets[k] * ny))
    return np.array(found, np.float32).reshape(-1, 2)


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
    found = desk_mask(gray, dpi)
    if found is None:
        return None
    _, desk, factor = found
    h, w = gray.shape
    contour = _sheet_contour(desk)
    if contour is None:
        return SheetFrame((), (), "desk around the sheet, but no sheet found: read as is")
    coarse = sheet_sides(contour, desk.shape)
    if len(coarse) < MIN_SEEN_SIDES:
        return None  # a strip along one side: a scanner's shadow, not a desk
    lines: dict[str, Line] = {}
    diagonal = float(np.hypot(h, w))
    for side in SIDES:
        if side not in coarse:
            lines[side] = _frame_line(side, w, h)
            continue
        pts = (coarse[side] + 0.5) * factor - 0.5
        line = _fit(pts)
        along = (pts - np.array(line[2:])) @ np.array(line[:2])
        fine = refine_side(gray, line, (float(along.min()), float(along.max())), 2.5 * factor)
        if len(fine) < 8:
            return SheetFrame((), (), f"desk around the sheet, but its {side} edge was not found: read as is")
        line = _fit(fine)
        if float(np.median(_distance(line, fine))) > MAX_EDGE_RESIDUAL * diagonal:
            return SheetFrame((), (), f"desk around the sheet, but its {side} edge is not straight: read as is")
        lines[side] = line
    meets = [_meet(lines[a], lines[b]) for a, b in ORDER]
    if any(m is None for m in meets):
        return SheetFrame((), (), "desk around the sheet, but its edges do not meet: read as is")
    corners = np.array(meets, np.float32)
    cut = tuple(s for s in SIDES if s not in coarse)
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


__all__ = ["SheetFrame", "desk_mask", "find_sheet", "flatten", "flatten_sheet", "refine_side", "sheet_sides"]
