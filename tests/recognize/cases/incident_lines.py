"""Build TextLines from a text fixture (one paragraph per line) the way a PDF delivers them.

Paragraphs are wrapped at ``width`` characters like a word processor does, so a
paragraph arrives as several lines: each full line reaches the right margin
(x1 = MARGIN + width * SIZE), the last one ends short. A leading 「- 」 is
dropped and indented, as the corpus renderer draws timeline items. Pages hold
``per_page`` lines and end with a page number line 「- n -」.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.types import BBox, TextLine

CASES = Path(__file__).resolve().parent
SIZE = 10.0
MARGIN = 22.0


def paragraphs(name: str) -> list[str]:
    return [ln for ln in (CASES / name).read_text(encoding="utf-8").splitlines() if ln.strip()]


def wrap(text: str, width: int) -> list[str]:
    return [text[k:k + width] for k in range(0, len(text), width)] or [""]


def to_lines(
    paras: list[str], *, width: int = 38, per_page: int = 40, first_page: int = 1, keep_bullets: bool = False
) -> list[TextLine]:
    out: list[TextLine] = []
    page, top = first_page, 30.0
    row = 0
    for para in paras:
        text, indent = para, 0.0
        if not keep_bullets and text.lstrip().startswith("- "):
            text, indent = text.lstrip()[2:], 12.0
        chunks = wrap(text, width - int(indent // SIZE))
        for chunk in chunks:
            if row == per_page:
                out.append(TextLine(page, f"- {page} -", BBox(400, 570, 440, 579)))
                page, top, row = page + 1, 30.0, 0
            x0 = MARGIN + indent
            out.append(TextLine(page, chunk, BBox(x0, top, x0 + len(chunk) * SIZE, top + SIZE)))
            top += SIZE * 1.45
            row += 1
    return out
