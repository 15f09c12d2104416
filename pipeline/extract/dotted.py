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

A dot may also be stroked: a line as short as it is wide (LuaTeX prints
arydshln's dashed rules, 0.4 pt dashes every 1.6 pt, as some 20,000 stroked
0.4 pt lines a page, each a square of ink; vertical rules too, as short
horizontal strokes stacked down the page). ``painted_box`` gives a line's
inked box, so such dots chain like filled ones; taken one by one they were
thousands of tiny rules, and building grids from them took minutes a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.extract.ruling import Segment

Obj = dict[str, Any]

MAX_PITCH = 5.0  # dot sizes from one dot's centre to the next along a dotted rule (Chromium 2, Excel's 点線 ~3, arydshln 4)
MIN_DOTS = 3  # fewer in a line is a mark, not a border
SQUARE = 2.0  # a dot is at most this many times as long as it is wide (a longer box is a dash: a rule itself)


def is_dot(box: Obj, thin: float) -> bool:
    """A box thin both ways and about square: one dot of a dotted rule, or a speck."""
    w, h = box["x1"] - box["x0"], box["bottom"] - box["top"]
    return 0 < w <= thin and 0 < h <= thin and max(w, h) <= SQUARE * min(w, h)


def painted_box(line: Obj) -> Obj:
    """The box a stroked line inks: its length (butt caps, PDF's default) by its line width across."""
    half = float(line.get("linewidth") or 0) / 2
    x0, x1, top, bottom = line["x0"], line["x1"], line["top"], line["bottom"]
    if bottom - top <= x1 - x0:  # runs across: the width widens it up and down
        return {"x0": x0, "x1": x1, "top": top - half, "bottom": bottom + half}
    return {"x0": x0 - half, "x1": x1 + half, "top": top, "bottom": bottom}


def dotted_rules(boxes: Sequence[Obj], thin: float) -> tuple[list[Segment], list[Segment], set[int]]:
    """Horizontal and vertical rules that runs of dots in ``boxes`` draw, and the indices of the dots used."""
    dots = [i for i, b in enumerate(boxes) if is_dot(b, thin)]
    if len(dots) < MIN_DOTS:
        return [], [], set()
    hs, used_h = _chains(boxes, dots, across="y")
    vs, used_v = _chains(boxes, dots, across="x")
    return hs, vs, used_h | used_v


def _chains(boxes: Sequence[Obj], dots: list[int], across: str) -> tuple[list[Segment], set[int]]:
    """Rules of dots sharing their centre on ``across`` (y: horizontal rules, x: vertical ones)."""
    lo_key, hi_key = ("x0", "x1") if across == "y" else ("top", "bottom")
    # per dot, once: centre across the rule, centre along it, its smaller and its larger side
    at: dict[int, tuple[float, float, float, float]] = {}
    for i in dots:
        b = boxes[i]
        cx, cy = (b["x0"] + b["x1"]) / 2, (b["top"] + b["bottom"]) / 2
        w, h = b["x1"] - b["x0"], b["bottom"] - b["top"]
        at[i] = (cy, cx, min(w, h), max(w, h)) if across == "y" else (cx, cy, min(w, h), max(w, h))
    lines: list[list[int]] = []
    for i in sorted(dots, key=lambda i: at[i][:2]):  # within half a dot of the line's first dot: on that line
        if lines and at[i][0] - at[lines[-1][0]][0] <= at[i][2] / 2:
            lines[-1].append(i)
        else:
            lines.append([i])
    runs: list[list[int]] = []
    for line in lines:
        line.sort(key=lambda i: at[i][1])
        runs.append([line[0]])
        for i in line[1:]:
            if at[i][1] - at[runs[-1][-1]][1] <= MAX_PITCH * at[i][3]:
                runs[-1].append(i)
            else:
                runs.append([i])
    out: list[Segment] = []
    used: set[int] = set()
    for run in runs:  # dots at one place count once (LuaTeX draws each dot of a dashed \hline three times)
        if len(run) >= MIN_DOTS and len({round(at[j][1], 1) for j in run}) >= MIN_DOTS:
            pos = sum(at[j][0] for j in run) / len(run)
            out.append(Segment(pos, boxes[run[0]][lo_key], boxes[run[-1]][hi_key]))
            used.update(run)
    return out, used

__all__ = ["dotted_rules", "is_dot", "painted_box"]
