"""The rounded style's outline: a rectangle whose corners are quarter circles drawn as cubic Bézier curves.

Offices draw a rounded table frame as a rounded-rectangle path: four straight
sides joined by four curves, each a cubic Bézier approximating a quarter circle
(control points ``KAPPA`` of the radius from the corner's ends, as PDF, SVG and
every drawing library approximate one). The producers that have no
rounded-rectangle primitive of their own for the part of a table a page holds
(PyMuPDF's Story, matplotlib, reportlab's split tables) draw this path with their
own path operators; the header's grey is the same outline with only its top
corners rounded, so that the fill stays inside the frame's curves.
"""

from __future__ import annotations

from dataclasses import dataclass

KAPPA = 0.5522847498  # 4/3 (sqrt 2 - 1): a cubic Bézier's control distance for a quarter circle of radius 1

Point = tuple[float, float]


@dataclass(frozen=True)
class Outline:
    """A closed path: a start point, then segments, each a line to a point or a curve (two controls, an end)."""

    start: Point
    segments: tuple[tuple[Point, ...], ...]  # (end,) a line; (control, control, end) a cubic Bézier

    def curves(self) -> int:
        return sum(1 for s in self.segments if len(s) == 3)


def outline(x0: float, y0: float, x1: float, y1: float, radius: float, top: bool = True,
            bottom: bool = True) -> Outline:
    """The rectangle (x0, y0)-(x1, y1), its corners on side y0 (``top``) and y1 (``bottom``) rounded by ``radius``.

    Either y axis direction: the curves bend towards the inside whichever way
    y grows. A corner not rounded is a plain joint. The path runs from the
    y0 side's left end clockwise as drawn with y down.
    """
    dy = 1.0 if y1 >= y0 else -1.0
    r = min(radius, abs(x1 - x0) / 2, abs(y1 - y0) / 2)
    k = r * (1 - KAPPA)
    rt, rb, kt, kb = (r if top else 0.0), (r if bottom else 0.0), (k if top else 0.0), (k if bottom else 0.0)
    segments: list[tuple[Point, ...]] = []
    if top:
        segments.append(((x0, y0 + dy * kt), (x0 + kt, y0), (x0 + rt, y0)))
    segments.append(((x1 - rt, y0),))
    if top:
        segments.append(((x1 - kt, y0), (x1, y0 + dy * kt), (x1, y0 + dy * rt)))
    segments.append(((x1, y1 - dy * rb),))
    if bottom:
        segments.append(((x1, y1 - dy * kb), (x1 - kb, y1), (x1 - rb, y1)))
    segments.append(((x0 + rb, y1),))
    if bottom:
        segments.append(((x0 + kb, y1), (x0, y1 - dy * kb), (x0, y1 - dy * rb)))
    segments.append(((x0, y0 + dy * rt),))
    return Outline((x0, y0 + dy * rt), tuple(segments))


def pdf_path(path: Outline, height: float, paint: str) -> str:
    """The outline as PDF path operators (``m``, ``l``, ``c``, closed by ``paint``: ``S`` stroke, ``f`` fill), from
    coordinates with y down on a page ``height`` points tall (what fpdf2 writes raw into its content stream)."""

    def point(p: Point) -> str:
        return f"{p[0]:.2f} {height - p[1]:.2f}"

    ops = [f"{point(path.start)} m"]
    for segment in path.segments:
        ops.append(" ".join(point(p) for p in segment) + (" c" if len(segment) == 3 else " l"))
    return " ".join(ops) + f" h {paint}"


def corner_masks(x0: float, y0: float, x1: float, radius: float) -> list[Outline]:
    """The two slivers outside a top-rounded outline's curves (y down): what a square fill leaves outside the frame,
    to be painted over in the page's white before the frame is stroked."""
    k = radius * (1 - KAPPA)
    left = Outline((x0, y0), (((x0, y0 + radius),), ((x0, y0 + k), (x0 + k, y0), (x0 + radius, y0))))
    right = Outline((x1, y0), (((x1 - radius, y0),), ((x1 - k, y0), (x1, y0 + k), (x1, y0 + radius))))
    return [left, right]
