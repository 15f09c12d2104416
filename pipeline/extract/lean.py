"""A lean view of a pdfplumber page: only the objects and attributes the extractor uses.

pdfplumber's ``page.chars`` converts every attribute of every layout object
(colours, matrices, graphics state …) into a dict; on a born-digital list
page that is about a quarter of the reading time. This view walks the same
pdfminer layout (``page.layout``) and keeps position, size and text, with
pdfplumber's coordinate conventions (top-left origin, MediaBox offsets), so
the rest of the code reads it like a pdfplumber page. Text drawn wholly
outside its clipping path is left out (``clipped.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

from pipeline.extract.clipped import HOME, INVISIBLE, clip_home, clipped_layout, invisible_runs

Obj = dict[str, Any]


@dataclass
class LeanPage:
    page: Any  # the pdfplumber page it was read from
    width: float
    height: float
    chars: list[Obj] = field(default_factory=list)
    lines: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)  # other paths: polylines, 4-point boxes, Bézier borders
    images: list[Obj] = field(default_factory=list)
    clipped_away: int = 0  # non-blank glyphs left out as drawn wholly outside their clip (decoded, not shown)
    invisible: int = 0  # non-blank glyphs kept but drawn in a render mode that paints nothing (``clipped.INVISIBLE``)

    @property
    def page_obj(self) -> Any:
        return self.page.page_obj

    def close(self) -> None:
        self.page.close()


def lean_page(page: Any) -> LeanPage:
    """The page's characters, lines, rectangles and images, as pdfplumber would place them."""
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    out = LeanPage(page, float(page.width), height)

    def place(obj: Any) -> Obj:
        return {
            "x0": obj.x0 + mb_x0,
            "x1": obj.x1 + mb_x0,
            "top": height - obj.y1 + mb_top,
            "bottom": height - obj.y0 + mb_top,
        }

    def painted(obj: Any) -> Obj:
        placed = _painted(place(obj), obj)
        clip = getattr(obj, "clip_box", None)
        if clip is not None:  # pdfminer's space (y up) to the page's: x0, top, x1, bottom
            placed["clip"] = (clip[0] + mb_x0, height - clip[3] + mb_top, clip[2] + mb_x0, height - clip[1] + mb_top)
        return placed

    glyphs: list[LTChar] = []
    stack = list(reversed(clipped_layout(page)._objs))
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            glyphs.append(obj)
        elif isinstance(obj, LTRect):
            out.rects.append(painted(obj))
        elif isinstance(obj, LTLine):
            out.lines.append(painted(obj))
        elif isinstance(obj, LTCurve):
            placed = painted(obj)
            placed["pts"] = [(x + mb_x0, height - y + mb_top) for x, y in obj.pts]
            out.curves.append(placed)
        elif isinstance(obj, LTImage):
            placed = place(obj)
            placed["srcsize"] = obj.srcsize
            out.images.append(placed)
        elif isinstance(obj, LTContainer):
            stack.extend(reversed(obj._objs))
    hidden = invisible_runs(glyphs)  # text clipped away entirely is not on the page (clipped.py)
    chars = out.chars  # one dict per glyph, built in one go: a page has thousands (same keys as place's, in order)
    for glyph in glyphs:
        if hidden and getattr(glyph, "run", None) in hidden:
            out.clipped_away += not glyph.get_text().isspace()
        else:
            if getattr(glyph, "render", 0) in INVISIBLE:
                out.invisible += not glyph.get_text().isspace()
            chars.append({"x0": glyph.x0 + mb_x0, "x1": glyph.x1 + mb_x0, "top": height - glyph.y1 + mb_top,
                          "bottom": height - glyph.y0 + mb_top, "text": glyph.get_text(), "size": glyph.size,
                          "upright": glyph.upright, "direction": char_direction(glyph.matrix)})
            home = clip_home(glyph)
            if home is not None:
                chars[-1][HOME] = (home[0] + mb_x0, height - home[1] + mb_top)
    return out


def _painted(placed: Obj, obj: Any) -> Obj:
    """Whether a path is stroked or only filled (a filled, unstroked box is shading, not a border), and how wide
    it is stroked (a line as short as it is wide is a dot: ``dotted.painted_box``)."""
    placed["stroke"] = bool(getattr(obj, "stroke", True))
    placed["fill"] = bool(getattr(obj, "fill", False))
    placed["linewidth"] = float(getattr(obj, "linewidth", 0) or 0)
    return placed


def char_direction(matrix: tuple[float, ...]) -> int:
    """Which way a glyph's baseline runs, in degrees counter-clockwise on the page: 0, 90, 180 or 270.

    A table printed sideways on a portrait page has its characters turned by
    90 or 270 degrees; reading it in its own orientation needs this per glyph.
    """
    a, b = matrix[0], matrix[1]
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 180
    return 90 if b > 0 else 270
