"""A curled sheet's rows straightened along the page's own horizontal rules, once the sheet is flattened.

A sheet photographed lying on a desk bows: its rows bend up or down across
the width by a few pixels, more towards its top and bottom than in the
middle. ``sheet_frame.flatten`` maps the sheet's corners where they belong but
cannot unbend what lies between them. The table's horizontal rules were
straight when printed, so where they bend is the bow: each long rule is traced
across the page, and one smooth field fitted to all of them (a cubic across
the width whose coefficients change linearly down the page, each rule keeping
its own mean height) moves every row back onto a straight line:

    gray -> rule_traces -> bow_field (least squares) -> straighten_rows (remap)

Only rows move, by the field's few pixels, so a position keeps its page
coordinates to within that. A page with fewer than ``MIN_RULES`` long rules,
or whose rules do not follow one smooth bow, or bow by less than ``MIN_BOW``,
is returned as it is. Used for photographed sheets only (``sheet_frame``).
"""

from __future__ import annotations

import cv2
import numpy as np

# inches: a horizontal run of ink this long is a piece of a rule (text never runs solid that far)
BOW_RUN = 0.5
# a rule must span this share of the page's width to trace the bow across it
BOW_SPAN = 0.3
# at least this many such rules, or the page's bow is not known well enough to undo
MIN_RULES = 3
# inches: a bow smaller than this (3 px at 300 dpi) is left alone: the grid finder takes it as it is
MIN_BOW = 0.01
# inches: the rules must follow the fitted field this closely (median), or they do not bend as one sheet
MAX_BOW_RESIDUAL = 0.008
DEGREE = 3  # across the width: a cylinder's bow seen from above is close to a parabola, a cubic leaves room for tilt
SAMPLES = 48  # points traced along each rule


def rule_traces(gray: np.ndarray, dpi: float) -> list[np.ndarray]:
    """Points (x, y; full-image pixels) along each long horizontal rule, traced on a half-size image."""
    from pipeline.extract.paper import even_paper

    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
    small = even_paper(small, dpi / 2)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(10, round(BOW_RUN * dpi / 2))), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs)
    traces = []
    for i in range(1, count):
        left, width = int(stats[i, cv2.CC_STAT_LEFT]), int(stats[i, cv2.CC_STAT_WIDTH])
        if width < BOW_SPAN * ink.shape[1]:
            continue
        top, height = int(stats[i, cv2.CC_STAT_TOP]), int(stats[i, cv2.CC_STAT_HEIGHT])
        band = labels[top:top + height] == i
        points = []
        for x in np.linspace(left + 2, left + width - 3, SAMPLES).astype(int):
            ys = np.flatnonzero(band[:, x])
            if ys.size:
                points.append((2 * x + 0.5, 2 * (top + float(np.median(ys))) + 0.5))
        if len(points) >= SAMPLES // 2:
            traces.append(np.array(points, np.float64))
    return traces


def _basis(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The field's terms: u^i v^j for i = 1..DEGREE, j = 0, 1 (a term without u is a rule's own height)."""
    return np.stack([u ** i * v ** j for i in range(1, DEGREE + 1) for j in (0, 1)], axis=-1)


def bow_field(traces: list[np.ndarray], shape: tuple[int, int], dpi: float) -> np.ndarray | None:
    """The field's coefficients (rows move by ``_basis(u, v) @ c`` half-heights), or None when there is none to undo.

    Least squares over every traced point: its height is its rule's own mean
    height plus the field there. u and v run -1..1 across and down the page.
    """
    if len(traces) < MIN_RULES:
        return None
    h, w = shape
    rows, rhs = [], []
    k = len(traces)
    for r, pts in enumerate(traces):
        u, v = pts[:, 0] / w * 2 - 1, pts[:, 1] / h * 2 - 1
        own = np.zeros((len(pts), k))
        own[:, r] = 1.0
        rows.append(np.hstack([own, _basis(u, v)]))
        rhs.append(v)
    a, b = np.vstack(rows), np.concatenate(rhs)
    solution, *_ = np.linalg.lstsq(a, b, rcond=None)
    residual = float(np.median(np.abs(a @ solution - b))) * h / 2
    coef = solution[k:]
    uu, vv = np.meshgrid(np.linspace(-1, 1, 17), np.linspace(-1, 1, 17))
    bow = float(np.abs(_basis(uu, vv) @ coef).max()) * h / 2
    if bow < MIN_BOW * dpi or residual > MAX_BOW_RESIDUAL * dpi:
        return None
    return coef


def straighten_rows(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    """``gray`` with its rows bent back straight, and the largest move in pixels (0.0: left as it is)."""
    h, w = gray.shape
    coef = bow_field(rule_traces(gray, dpi), (h, w), dpi)
    if coef is None:
        return gray, 0.0
    # the field on a coarse grid, spread to every pixel: it is smooth
    gh, gw = max(2, h // 16), max(2, w // 16)
    uu, vv = np.meshgrid(np.linspace(-1, 1, gw), np.linspace(-1, 1, gh))
    dy = cv2.resize((_basis(uu, vv) @ coef * h / 2).astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    out = cv2.remap(gray, xs, ys + dy, cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return out, float(np.abs(dy).max())


__all__ = ["bow_field", "rule_traces", "straighten_rows"]
