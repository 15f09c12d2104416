"""A lean view of a pdfplumber page: only the objects and attributes the extractor uses.

pdfplumber's ``page.chars`` converts every attribute of every layout object
(colours, matrices, graphics state …) into a dict; on a born-digital list
page that is about a quarter of the reading time. This view walks the same
pdfminer layout (``page.layout``) and keeps position, size and text, with
pdfplumber's coordinate conventions (top-left origin, MediaBox offsets), so
the rest of the code reads it like a pdfplumber page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTImage, LTLine, LTRect

Obj = dict[str, Any]


@dataclass
class LeanPage:
    page: Any  # the pdfplumber page it was read from
    width: float
    height: float
    chars: list[Obj] = field(default_factory=list)
    lines: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    images: list[Obj] = field(default_factory=list)

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

    stack = list(reversed(page.layout._objs))
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            placed = place(obj)
            placed.update(text=obj.get_text(), size=obj.size, upright=obj.upright)
            out.chars.append(placed)
        elif isinstance(obj, LTRect):
            out.rects.append(place(obj))
        elif isinstance(obj, LTLine):
            out.lines.append(place(obj))
        elif isinstance(obj, LTImage):
            placed = place(obj)
            placed["srcsize"] = obj.srcsize
            out.images.append(placed)
        elif isinstance(obj, LTContainer):
            stack.extend(reversed(obj._objs))
    return out
