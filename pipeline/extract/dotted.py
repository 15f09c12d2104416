"""Dotted borders drawn dot by dot: a run of tiny filled squares is one rule.

Excel's 点線 borders print as dashes a PDF writer may stroke as one dashed
line (reportlab, fpdf2, LibreOffice, WeasyPrint: one line object, read as a
rule like any other), or draw dot by dot as filled squares (Chromium: a
0.75 pt square every 1.5 pt, some 12,000 on a page of the report). Taken one
by one, each square is a box thin both ways, which ``textlayer`` reads as a
short rule the way it is longer: a vertical border became hundreds of
one-dot horizontal rules stacked down the page, and no table was found.

So squares are chained first: dots of about one size whose centres stand on
one line, each within ``MAX_PITCH`` dot sizes of the next, at least
``MIN_DOTS`` of them, are one rule from the first dot to the last. A dot in
no such chain (a speck, a bullet drawn as a box) is left to the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.extract.ruling import Segment

Obj = dict[str, Any]

MAX_PITCH = 4.0  # dot sizes from one dot's centre to the next along a dotted rule (Chromium 2, Excel's 点線 ~3)
MIN_DOTS = 3  # fewer in a line is a mark, not a border
SQUARE = 2.0  # a dot is at most this many times as long as it is wide (a longer box is a dash: a rule itself)


def is_dot(box: Obj, thin: float) -> bool:
    """A box thin both ways and about square: one dot of a dotted rule, or a speck."""
    w, h = box["x1"] - box["x0"], box["bottom"] - box["top"]
    return 0 < w <= thin and 0 < h <= thin and max(w, h) <= SQUARE * min(w, h)


def dotted_rules(boxes: Sequence[Obj], thin: float) -> tuple[list[Segment], list[Segment], set[int]]:
    """Horizontal and vertical rules that runs of dots in ``boxes`` draw, and the indices of the dots used."""
    dots = [i for i, b in enumerate(boxes) if is_dot(b, thin)]
    if len(dots) < MIN_DOTS:
        return [], [], set()
    hs, used_h = _chains(boxes, dots, across="y")
    vs, used_v = _chains(boxes, dots, across="x")
    return hs, vs, used_h | used_v


def _centre(box: Obj, axis: str) -> float:
    return (box["x0"] + box["x1"]) / 2 if axis == "x" else (box["top"] + box["bottom"]) / 2


def _chains(boxes: Sequence[Obj], dots: list[int], across: str) -> tuple[list[Segment], set[int]]:
    """Rules of dots sharing their centre on ``across`` (y: horizontal rules, x: vertical ones)."""
    along = "x" if across == "y" else "y"
    lo_key, hi_key = ("x0", "x1") if along == "x" else ("top", "bottom")
    out: list[Segment] = []
    used: set[int] = set()
    ordered = sorted(dots, key=lambda i: (_centre(boxes[i], across), _centre(boxes[i], along)))
    lines: list[list[int]] = []
    for i in ordered:  # dots whose centres are within half a dot of the line's first are on that line
        size = min(boxes[i]["x1"] - boxes[i]["x0"], boxes[i]["bottom"] - boxes[i]["top"])
        if lines and _centre(boxes[i], across) - _centre(boxes[lines[-1][0]], across) <= size / 2:
            lines[-1].append(i)
        else:
            lines.append([i])
    for line in lines:
        line.sort(key=lambda i: _centre(boxes[i], along))
        run = [line[0]]
        for i in line[1:] + [-1]:
            if i >= 0:
                size = max(boxes[i]["x1"] - boxes[i]["x0"], boxes[i]["bottom"] - boxes[i]["top"])
                if _centre(boxes[i], along) - _centre(boxes[run[-1]], along) <= MAX_PITCH * size:
                    run.append(i)
                    continue
            if len(run) >= MIN_DOTS:
                pos = sum(_centre(boxes[j], across) for j in run) / len(run)
                out.append(Segment(pos, boxes[run[0]][lo_key], boxes[run[-1]][hi_key]))
                used.update(run)
            if i >= 0:
                run = [i]
    return out, used


__all__ = ["dotted_rules", "is_dot"]
