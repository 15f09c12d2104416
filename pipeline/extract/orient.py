"""Read a table printed sideways in its own orientation.

A wide table is often printed turned by 90 degrees on a portrait page (or a
landscape page is stored with its text turned). Its glyphs then run up or
down the page. The extractor groups a page's characters by the direction
their baseline runs (lean.char_direction), turns the characters and the
rules of each group into a frame where that text reads left to right, reads
tables there, and turns the positions it found back into page coordinates.
"""

from __future__ import annotations

from typing import Any

from pipeline.extract.ruling import Segment
from pipeline.types import BBox

Char = dict[str, Any]


def turn_point(direction: int, x: float, y: float, width: float, height: float) -> tuple[float, float]:
    """A page point (top-left origin) in the frame where text of ``direction`` reads left to right."""
    if direction == 90:  # text runs up the page: the next line is to its right
        return height - y, x
    if direction == 270:  # text runs down the page: the next line is to its left
        return y, width - x
    if direction == 180:
        return width - x, height - y
    return x, y


def unturn_point(direction: int, x: float, y: float, width: float, height: float) -> tuple[float, float]:
    """The inverse of :func:`turn_point`."""
    if direction == 90:
        return y, height - x
    if direction == 270:
        return width - y, x
    if direction == 180:
        return width - x, height - y
    return x, y


def _turn_box(direction: int, x0: float, top: float, x1: float, bottom: float,
              width: float, height: float, back: bool = False) -> tuple[float, float, float, float]:
    fn = unturn_point if back else turn_point
    (ax, ay), (bx, by) = fn(direction, x0, top, width, height), fn(direction, x1, bottom, width, height)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def turn_chars(direction: int, chars: list[Char], width: float, height: float) -> list[Char]:
    if direction == 0:
        return chars
    out = []
    for ch in chars:
        x0, top, x1, bottom = _turn_box(direction, ch["x0"], ch["top"], ch["x1"], ch["bottom"], width, height)
        # pdfminer gives a turned glyph's advance as its size; the size is its height once turned
        out.append({**ch, "x0": x0, "top": top, "x1": x1, "bottom": bottom, "upright": True,
                    "size": bottom - top})
    return out


def turn_segments(direction: int, hs: list[Segment], vs: list[Segment], width: float,
                  height: float) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical segments in the turned frame (a quarter turn swaps the two)."""
    if direction == 0:
        return hs, vs
    out_h: list[Segment] = []
    out_v: list[Segment] = []
    boxes = [(s.lo, s.pos, s.hi, s.pos) for s in hs] + [(s.pos, s.lo, s.pos, s.hi) for s in vs]
    for box in boxes:
        x0, top, x1, bottom = _turn_box(direction, *box, width, height)
        if bottom - top <= x1 - x0:
            out_h.append(Segment((top + bottom) / 2, x0, x1))
        else:
            out_v.append(Segment((x0 + x1) / 2, top, bottom))
    return out_h, out_v


def unturn_bbox(direction: int, box: BBox, width: float, height: float) -> BBox:
    if direction == 0:
        return box
    return BBox(*_turn_box(direction, box.x0, box.top, box.x1, box.bottom, width, height, back=True))
