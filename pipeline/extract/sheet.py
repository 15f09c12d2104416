"""The sheet Tesseract reads a page's lines from, and where its letters go back to.

Tesseract is called once per page (``engines.TesseractEngine``): every line
crop is laid out on one white sheet (``stack_lines``), and each letter it
reads is mapped back to the line it sits in (``letter_xs``, ``slot_of``).
Pure geometry over pixel boxes, tested alone (tests/extract/test_ocr_grid.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image

Slot = tuple[int, int, int, int]  # x0, y0, x1, y1 of a line on the sheet


def stack_lines(imgs: Sequence[Image.Image], gap_ratio: float = 0.8, margin: int = 24,
                min_width: int = 1600, hgap_ratio: float = 1.2) -> tuple[Image.Image, list[Slot]]:
    """Lay line images out on one white sheet; return it and where each line went.

    Long lines get a row each. Short ones (a 有/無 flag, a case number, 区長)
    share rows, side by side a line-height apart: Tesseract reads a lone
    character much worse than the same character among others (無 alone often
    comes back as 舞 or nothing).
    """
    heights = [i.height for i in imgs]
    unit = float(np.median(heights))
    gap = max(12, int(gap_ratio * unit))
    hgap = max(24, int(hgap_ratio * unit))
    hgap_narrow = max(hgap, int(2.5 * unit))
    width = max(min_width, max(i.width for i in imgs))
    rows: list[list[int]] = []
    short_row: list[int] | None = None
    used = 0
    for k, img in enumerate(imgs):
        if img.width > width // 4:
            rows.append([k])
            continue
        gap_x = _gap_between(imgs[short_row[-1]], img, hgap, hgap_narrow) if short_row else 0
        if short_row is None or used + gap_x + img.width > width:
            short_row = [k]
            rows.append(short_row)
            used = img.width
        else:
            short_row.append(k)
            used += gap_x + img.width
    total_h = sum(max(heights[k] for k in row) for row in rows) + gap * (len(rows) - 1) + 2 * margin
    sheet = Image.new("L", (width + 2 * margin, total_h), 255)
    slots: list[Slot] = [(0, 0, 0, 0)] * len(imgs)
    y = margin
    for row in rows:
        x = margin
        for i, k in enumerate(row):
            if i:
                x += _gap_between(imgs[row[i - 1]], imgs[k], hgap, hgap_narrow)
            img = imgs[k]
            sheet.paste(img, (x, y))
            slots[k] = (x, y, x + img.width, y + img.height)
            x += img.width
        y += max(heights[k] for k in row) + gap
    return sheet, slots


def _gap_between(left: Image.Image, right: Image.Image, gap: int, gap_narrow: int) -> int:
    """Room between two short lines: more next to a lone half-width glyph (a digit), which
    Tesseract otherwise reads twice (0 -> "0O"); full-width glyphs (有/無) read best closer."""
    narrow = left.width < 0.8 * left.height or right.width < 0.8 * right.height
    return gap_narrow if narrow else gap


def letter_xs(slots: Sequence[Slot] | np.ndarray, left: float, width: float, y: float, letters: int) -> list[float]:
    """Where the letters of one word sit across: evenly over the parts of its box that lie on lines.

    Tesseract runs a word across neighbouring short lines (「開示請求」 and
    「412」 side by side), and its box may reach a little way into the next
    line; spread evenly over the whole box, the last kanji of the first line
    landed in the gap and went to the line beside it (「求 412」). Spread over
    the lines' parts of the box only, each line gets letters in proportion to
    the share of the box it holds.
    """
    right = left + width
    box = np.asarray(slots, np.float64).reshape(-1, 4)  # vectorized: a page's sheet has hundreds of lines
    on = (box[:, 1] <= y) & (y <= box[:, 3]) & (box[:, 0] < right) & (box[:, 2] > left)
    starts, ends = np.maximum(box[on, 0], left), np.minimum(box[on, 2], right)
    order = np.lexsort((ends, starts))
    # a line's part under half a letter wide holds none of its letters: a box that only grazes a
    # line (会's box 1 px into its own line and 2 px into the 「4」 after it) is not run across them
    parts = [(float(a), float(b)) for a, b in zip(starts[order], ends[order]) if b - a >= width / letters / 2]
    if len(parts) < 2:
        return [left + (i + 0.5) * width / letters for i in range(letters)]
    total = sum(b - a for a, b in parts)
    out: list[float] = []
    for i in range(letters):
        along = (i + 0.5) * total / letters
        for a, b in parts:
            if along <= b - a:
                out.append(a + along)
                break
            along -= b - a
        else:
            out.append(parts[-1][1])
    return out


def slot_of(slots: Sequence[Slot] | np.ndarray, x: float, y: float) -> int | None:
    """Index of the line whose box holds the point (x, y), or the nearest within a line height.

    A point in the gap after a line on the same row of the sheet belongs to
    that line, the one on its left, even when the next line is nearer:
    Tesseract's box for the last glyph of a word reaches past the glyph to the
    right, up to a glyph's width beyond its line (「選挙管理委員会」 beside 「4」
    on the fpdf2 summary tables: 会's box ran 30 px into the gap, its centre 2 px
    nearer the 4, and the count read 「会 4」, lost on 300 and 200 dpi scans).
    """
    box = np.asarray(slots, np.float64).reshape(-1, 4)  # vectorized: called for every letter of a page
    dx = np.maximum(np.maximum(box[:, 0] - x, 0.0), x - box[:, 2])
    dy = np.maximum(np.maximum(box[:, 1] - y, 0.0), y - box[:, 3])
    inside = (dx == 0) & (dy == 0)
    if inside.any():
        return int(np.argmax(inside))
    if not len(box):
        return None
    height = box[:, 3] - box[:, 1]
    on_row_before = (dy == 0) & (x > box[:, 2])
    if on_row_before.any():
        left = int(np.argmin(np.where(on_row_before, dx, np.inf)))  # the first nearest, as a loop would
        if dx[left] <= height[left]:
            return left
    d = dx + dy
    best = int(np.argmin(d))
    return best if d[best] <= height[best] else None
