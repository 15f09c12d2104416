"""A line is no wrapped cell's second line when its text would have fit on the line above.

A cell wraps because the next word (or, in Japanese, the next character)
did not fit in its column: the first line of a wrapped cell runs nearly to
the cell's edge. ``wrapped.row_starts`` reads that fill against the column's
widest text with a tolerance of ``FILLED`` font sizes (a 禁則 push of two
characters), which in a column only a few characters wide (a heading such as
「Long 1」 over short values) covers the whole column: a stack of short values
one under the other (Camelot's ``stream_inner_outer_columns``: C1, C2, C3,
C4 under 「Long 1」, beside D1..D4 and F1..F4) read as one cell wrapped over
four lines.

Here a line that ``row_starts`` continues starts a row after all when it has
text in two columns or more, none in the first, and in every one of them
the text above plus a space and the line's first word (or first character
with the closing marks that may not start a line) is no wider than the
column's widest text: the cell was at least that wide, so nothing pushed
that word down. One column is left as ``row_starts`` reads it (a hard line
break after a short first line in a keyed table, fpdf2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.extract.overset import NO_LINE_START  # 禁則: may not start a line (config/typesetting.toml)
from pipeline.extract.wrapped import SPACE_GAP, _column_of, _full_width, header_lines, set_beside

Char = dict[str, Any]
Extent = tuple[float, float]

SPACE = 0.25  # a word space, in font sizes (Helvetica 0.28, Times 0.25): what a Latin word needs before it


def _chars_in(line: Sequence[Char], extent: Extent) -> list[Char]:
    lo, hi = extent
    return sorted((c for c in line if not c["text"].isspace() and lo - 0.5 <= (c["x0"] + c["x1"]) / 2 <= hi + 0.5),
                  key=lambda c: c["x0"])


def first_word_width(chars: Sequence[Char]) -> float:
    """The width of the first thing a line could not have split: a Latin word, or a full-width character
    with the closing marks after it (which may not start a line, so they go down with it)."""
    if not chars:
        return 0.0
    end = 1
    if _full_width(chars[0]["text"]):
        while end < len(chars) and chars[end]["text"] in NO_LINE_START:
            end += 1
    else:
        while (end < len(chars) and not _full_width(chars[end]["text"])
               and chars[end]["x0"] - chars[end - 1]["x1"] <= SPACE_GAP * max(chars[end]["size"], 1.0)):
            end += 1
    return chars[end - 1]["x1"] - chars[0]["x0"]


def _would_fit(above: Sequence[Char], below: Sequence[Char], widest: float) -> bool:
    if not above or not below:
        return False
    size = max(max(c["size"] for c in below), 1.0)
    space = 0.0 if _full_width(above[-1]["text"]) and _full_width(below[0]["text"]) else SPACE * size
    return above[-1]["x1"] - above[0]["x0"] + space + first_word_width(below) <= widest


def unwrapped_starts(lines: Sequence[Sequence[Char]], chunks: Sequence[Sequence[Extent]],
                     columns: Sequence[Extent], starts: Sequence[bool]) -> list[bool]:
    """``starts`` (``wrapped.row_starts``) with every continued line whose text would have fit above a row start."""
    widest: dict[int, float] = {}
    for extents in chunks:
        for e in extents:
            col = _column_of(e, columns)
            if col is not None:
                widest[col] = max(widest.get(col, 0.0), e[1] - e[0])
    out = list(starts)
    for i in range(max(header_lines(lines), 1), len(lines)):
        if starts[i] or set_beside(lines[i - 1], lines[i]):
            continue
        cols = [_column_of(e, columns) for e in chunks[i]]
        if len(cols) < 2 or None in cols or 0 in cols or len(set(cols)) < len(cols):
            continue
        above = {col: e for col, e in ((_column_of(e, columns), e) for e in chunks[i - 1]) if col is not None}
        if all(col in above and _would_fit(_chars_in(lines[i - 1], above[col]), _chars_in(lines[i], e),
                                           widest[col])
               for col, e in zip(cols, chunks[i])):
            out[i] = True
    return out
