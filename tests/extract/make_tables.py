"""Small table PDFs drawn with reportlab in the styles offices use, from hand-written cell values.

Each builder returns a PDF's bytes, made in memory in a few milliseconds, so
the tests generate them on the fly instead of committing binaries. The
layout is done here by hand (column widths, padding, line wrapping), so
nothing of the extractor's own geometry leaks into what it is tested on.

Styles: ``grid`` (every border), ``hrules`` (horizontal rules only),
``frame`` (outer frame and a rule under the header), ``open`` (the same
frame cut by a page break: its sides run down to the page's foot, no rule
closes it there), ``vrules`` (the frame, the rule under the header and a
rule between every two columns, none between the body's rows: rows parted
by spacing alone), ``columns`` (the same without the header rule),
``cells`` (horizontal rules drawn cell by cell, each
cell's top and bottom edge a line of its own, no vertical rule: how
LibreOffice Writer draws a table ruled between its rows), ``none`` (no rules,
alignment only), ``banded`` (no rules; a shaded header and shaded alternate
rows, filled but not stroked), ``shaded`` (every cell filled, its borders
white boxes ``gap`` thick drawn over the fills' edges, cell by cell: how
Word prints a table with shaded cells and no drawn borders), ``paths`` (each cell's bottom and right border
drawn as one stroked polyline, the frame as a rounded rectangle of Bézier
curves: borders that are neither lines nor rectangles).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from dev.build_corpus import FONT_PATHS

JP_FONT = "IPAexGothic"


def register_japanese() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if JP_FONT not in pdfmetrics.getRegisteredFontNames():
        path = next(p for p in FONT_PATHS if p.exists())
        pdfmetrics.registerFont(TTFont(JP_FONT, str(path)))
    return JP_FONT


@dataclass(frozen=True)
class Layout:
    """How to draw a table: everything a producer chooses."""

    style: str = "grid"
    widths: tuple[float, ...] = ()
    font: str = "Helvetica"
    size: float = 10.0
    pad: float = 3.0  # between the text and the cell's left (and right) border
    vpad: float | None = None  # between the text and the cell's top (and bottom) border; None: ``pad``
    page: tuple[float, float] = (595.28, 841.89)  # A4 portrait
    rotate: int = 0  # 90: the table is printed sideways (its text runs up the page)
    merges: Sequence[tuple[int, int, int, int]] = field(default_factory=tuple)  # (row, col, row_span, col_span)
    right_align_numbers: bool = True
    caption: str = ""  # a line of text just above the table (「要配慮個人情報又は…を含むもの」)
    gap: float = 3.0  # shaded: how thick the white border between two cells' fills is
    valign: str = "top"  # "middle": each cell's lines centred in its row's height (Typst, HTML's th)
    header_centred: bool = False  # the header's headings centred across and down their cells (Typst's center + horizon)
    centre_header: bool = False  # the header's headings centred vertically beside its tallest (Chromium, Typst)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines as a word processor breaks them: at spaces for Latin text, anywhere for Japanese."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ") if " " in para else list(para) if not para.isascii() else [para]
        joiner = " " if " " in para else ""
        line = ""
        for word in words:
            candidate = f"{line}{joiner}{word}" if line else word
            if stringWidth(candidate, font, size) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _is_number(text: str) -> bool:
    return text.replace(",", "").replace(".", "").isdigit()


def table_pdf(rows: Sequence[Sequence[str]], layout: Layout) -> bytes:
    """One page with one table; ``rows`` are the cells as printed (merged positions hold '')."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=layout.page, invariant=1)
    width, height = layout.page
    if layout.rotate == 90:  # draw in a frame turned a quarter counter-clockwise
        c.translate(width, 0)
        c.rotate(90)
        width, height = height, width
    size, pad = layout.size, layout.pad
    vpad = pad if layout.vpad is None else layout.vpad
    leading = size * 1.25
    n_cols = len(rows[0])
    widths = list(layout.widths) or [100.0] * n_cols
    spans = {(r, col): (rs, cs) for r, col, rs, cs in layout.merges}
    covered = {(r + i, col + j) for r, col, rs, cs in layout.merges for i in range(rs) for j in range(cs)}
    xs = [40.0]
    for w in widths:
        xs.append(xs[-1] + w)
    texts: dict[tuple[int, int], list[str]] = {}
    heights = []
    for r, row in enumerate(rows):
        tallest = 1
        for col, text in enumerate(row):
            rs, cs = spans.get((r, col), (1, 1))
            room = xs[col + cs] - xs[col] - 2 * pad
            texts[(r, col)] = wrap(text, layout.font, size, room) if text else []
            if rs == 1:
                tallest = max(tallest, len(texts[(r, col)]))
        heights.append(tallest * leading + 2 * vpad)
    ys = [height - 60.0]
    for h in heights:
        ys.append(ys[-1] - h)
    _draw_rules(c, layout, xs, ys, spans, covered)
    c.setFillGray(0)
    c.setFont(layout.font, size)
    if layout.caption:
        c.drawString(xs[0], ys[0] + size * 0.6, layout.caption)
    for (r, col), lines in texts.items():
        if (r, col) in covered and (r, col) not in spans:
            continue
        rs, cs = spans.get((r, col), (1, 1))
        left, right = xs[col] + pad, xs[col + cs] - pad
        centred = layout.header_centred and r == 0
        middle = layout.valign == "middle" or (r == 0 and (layout.header_centred or layout.centre_header))
        room = ys[r] - ys[r + rs] - 2 * vpad - len(lines) * leading
        drop = room / 2 if middle else 0.0
        for i, line in enumerate(lines):
            y = ys[r] - vpad - drop - size * 0.9 - i * leading
            if centred:
                c.drawString((left + right - stringWidth(line, layout.font, size)) / 2, y, line)
            elif layout.right_align_numbers and _is_number(line):
                c.drawString(right - stringWidth(line, layout.font, size), y, line)
            else:
                c.drawString(left, y, line)
    c.showPage()
    c.save()
    return out.getvalue()


def _draw_rules(c, layout: Layout, xs: list[float], ys: list[float],  # type: ignore[no-untyped-def]
                spans: dict[tuple[int, int], tuple[int, int]], covered: set[tuple[int, int]]) -> None:
    style = layout.style
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    c.setLineWidth(0.6)
    if style == "banded":
        for r in range(len(ys) - 1):
            if r == 0 or r % 2 == 0:
                c.setFillGray(0.8 if r == 0 else 0.92)
                c.rect(left, ys[r + 1], right - left, ys[r] - ys[r + 1], stroke=0, fill=1)
    elif style == "shaded":
        _draw_shaded_cells(c, layout.gap, xs, ys, spans, covered)
    elif style == "hrules":
        for y in ys:
            c.line(left, y, right, y)
    elif style == "frame":
        c.rect(left, bottom, right - left, top - bottom, stroke=1, fill=0)
        c.line(left, ys[1], right, ys[1])
    elif style in ("vrules", "columns"):
        c.rect(left, bottom, right - left, top - bottom, stroke=1, fill=0)
        if style == "vrules":
            c.line(left, ys[1], right, ys[1])
        for x in xs[1:-1]:
            c.line(x, top, x, bottom)
    elif style == "open":
        c.line(left, top, right, top)
        c.line(left, ys[1], right, ys[1])
        c.line(left, top, left, 40.0)
        c.line(right, top, right, 40.0)
    elif style == "cells":
        for y in ys:
            for x0, x1 in pairwise(xs):
                c.line(x0, y, x1, y)
    elif style in ("grid", "paths"):
        for r in range(len(ys) - 1):
            for col in range(len(xs) - 1):
                if (r, col) in covered and (r, col) not in spans:
                    continue
                rs, cs = spans.get((r, col), (1, 1))
                x0, x1, y0, y1 = xs[col], xs[col + cs], ys[r + rs], ys[r]
                if style == "grid":
                    c.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
                else:  # a staircase path per cell: its bottom and right border, then back up
                    p = c.beginPath()
                    p.moveTo(x0, y0)
                    p.lineTo((x0 + x1) / 2, y0)
                    p.lineTo(x1, y0)
                    p.lineTo(x1, y1)
                    c.drawPath(p, stroke=1, fill=0)
        if style == "paths":  # the outer frame with rounded corners (Bézier curves)
            c.roundRect(left, bottom, right - left, top - bottom, 4, stroke=1, fill=0)


def _draw_shaded_cells(c, gap: float, xs: list[float], ys: list[float],  # type: ignore[no-untyped-def]
                       spans: dict[tuple[int, int], tuple[int, int]], covered: set[tuple[int, int]]) -> None:
    """Each cell (a merged one whole) filled grey, then a white box ``gap`` thick over each of its edges."""
    cells = []
    for r in range(len(ys) - 1):
        for col in range(len(xs) - 1):
            if (r, col) in covered and (r, col) not in spans:
                continue
            rs, cs = spans.get((r, col), (1, 1))
            cells.append((r, xs[col], ys[r + rs], xs[col + cs], ys[r]))
    for r, x0, y0, x1, y1 in cells:
        c.setFillGray(0.7 if r == 0 else 0.88)
        c.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
    c.setFillGray(1)
    half = gap / 2
    for _, x0, y0, x1, y1 in cells:
        for y in (y0, y1):
            c.rect(x0 - half, y - half, x1 - x0 + gap, gap, stroke=0, fill=1)
        for x in (x0, x1):
            c.rect(x - half, y0 - half, gap, y1 - y0 + gap, stroke=0, fill=1)


def solid_run(text: str, x0: float, top: float, size: float) -> list[dict]:
    """Characters set solid from ``x0``, as pdfplumber reports them: full-width ones a font size wide,
    others a third of it (hand-built pages for the hung-mark tests)."""
    chars, x = [], x0
    for ch in text:
        width = size if ord(ch) >= 0x2E80 else size / 3
        chars.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + size, "size": size})
        x += width
    return chars
