"""Two cells' texts set solid with no rule between them: a character that starts where its row's next cell starts.

A producer that wraps a cell's text up to its column's right edge and sets
the next column's text at a margin of next to nothing (Calc, a booktabs
table: no column rule, about 0.5 pt of text margin) can leave the two
texts touching: 「…分析等を行」 ends where 「第69条第2項第1」 begins, one phrase
read across the border between the columns, and the two cells became one
cell spanning both (``alignment.virtual_verticals`` puts no border where a
phrase crosses it). Nothing in the phrase marks the cut: Japanese is set
solid. The row's other line does: 「い、効果的な検査等につなげるため」 and then,
after a gap, 「号」, the next cell's text, starting exactly where 「第」 starts.

So a character inside a chunk whose left edge is, within ALIGNED font
sizes, the left edge of a chunk of the line just above or below, where
that line's text before the chunk lies under (or over) this chunk's text
before the character, starts a cell's text: it is marked (CELL_START),
``alignment.line_chunks`` and ``ruled_apart.cell_words`` part the phrase
before it. In a line of one chunk only where this chunk starts no further
left than the other line's text before the cut (the same cell's lines:
Scribus's first header line, 「要配慮個条例要配」 over 「人情報」 and
「慮個人情」, all from 750.8): a title over the table, set on the same
pitch as the columns, can have a character start where a column starts
by chance (Calc: 「…又は条」|「例要配慮…」 over 「No」 and 「提供先」; fpdf2:
「要配慮|個人情報…」 over 「オンライン結合…」), and it starts left of the
table's first heading.
A row whose next cell fits one line has no other line there; in a line of
several chunks (a row), MIN_LINES other lines of the page starting a chunk
there after text under this chunk's (the rows around it, in the same
columns) mark it as well (``_column_starts_here``).
A spanning cell (a note across the columns)
has no other line in its row with a chunk starting inside it. Only between
two full-width characters: Japanese is set solid, while Latin words are
spaced, and their narrow letters met a column's start by chance on ICDAR's
us-034 (a column of numbers cut in two: 120 -> 2 of 152 cells exact).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from pipeline.extract.alignment import chars_to_rows, line_chunks
from pipeline.extract.unruled_terms import CELL_START
from pipeline.extract.wrapped import _full_width

Char = dict[str, Any]

ALIGNED = 0.02  # font sizes: two left edges this close are one column's alignment
MIN_LINES = 2  # ... or as many other lines of the page, a row's text in the same columns, start a chunk there
NEAR = 1.6  # line heights: the line above or below is within this distance (alignment.BLOCK_GAP)


def marked_where_cells_start(chars: Sequence[Char]) -> list[Char]:
    """The characters, a copy of each one that starts a cell's text set solid after another's marked CELL_START."""
    lines = [line_chunks(line) for line in chars_to_rows(chars)]
    starts = [_chunk_starts(chunks) for chunks in lines]  # once a line, read by both its neighbours
    page = _page_starts(starts)
    cut: set[int] = set()  # ids of the characters to mark
    for i, chunks in enumerate(lines):
        near = [starts[j] for j in (i - 1, i + 1) if 0 <= j < len(lines) and _near(chunks, lines[j])]
        alone = len(chunks) < 2  # a title over the table, or a header's first line over narrow columns only
        for chunk in chunks:
            cut.update(id(ch) for before, ch in pairwise(chunk) if _full_width(before["text"]) and _full_width(ch["text"])
                       and (any(_starts_here(before, ch, chunk[0]["x0"], s, alone) for s in near)
                            or not alone and _column_starts_here(before, ch, chunk[0]["x0"], page, i, len(chunks))))
    return [{**ch, CELL_START: True} if id(ch) in cut else ch for ch in chars]


Starts = tuple[list[float], list[tuple[float, float]]]  # a line's chunk starts, sorted, and the chunk before each


PageStarts = tuple[list[float], list[tuple[float, float, int, int]]]  # every line's chunk starts, sorted, with
# the chunk before each, the line's index and its number of chunks


def _page_starts(starts: Sequence[Starts]) -> PageStarts:
    """Every line's chunk starts (after its first chunk), sorted by start, each with the chunk before it, its line
    and that line's number of chunks."""
    found = sorted((x, (*before, i, len(xs) + 1)) for i, (xs, befores) in enumerate(starts)
                   for x, before in zip(xs, befores))
    return [x for x, _ in found], [rest for _, rest in found]


def _column_starts_here(before: Char, ch: Char, first: float, page: PageStarts, line: int, chunks: int) -> bool:
    """Does ``ch`` start where a column starts in MIN_LINES other lines of the page whose chunk before that start
    runs under this chunk's text before ``ch`` (the same columns), though neither line next to it shows it?

    A row whose next cell's text fits one line, set solid after a description filling its line (Scribus spaces
    「40, 45, 50, …70歳」 out to the cell's edge, 「世田谷保健所健康推進課」 0.5 pt after it), has no other line with a
    chunk starting there; the rows above and below, a few lines away, do. Only in a line of several chunks (a row),
    never a title or running text; and only by lines of more chunks than this one's (rows showing the cell this
    line runs into the one before): a description's wrapped line parted by a typed space, 「う。（1） 当事業用…」,
    printed in two rows (one description for two cases), started 「当」 where 「要」 of 「避難行動要支援者…」 starts.
    """
    size = max(ch["size"], 1.0)
    xs, rest = page
    lo, hi = bisect_left(xs, ch["x0"] - ALIGNED * size), bisect_right(xs, ch["x0"] + ALIGNED * size)
    lines = {i for start, end, i, n in rest[lo:hi] if i != line and n > chunks and start < before["x1"] and first < end}
    return len(lines) >= MIN_LINES


def _chunk_starts(chunks: Sequence[Sequence[Char]]) -> Starts:
    """Where each chunk after a line's first starts, by start, with the extent of the chunk before it."""
    found = sorted((right[0]["x0"], (left[0]["x0"], left[-1]["x1"])) for left, right in pairwise(chunks))
    return [x for x, _ in found], [before for _, before in found]


def _near(line: Sequence[Sequence[Char]], other: Sequence[Sequence[Char]]) -> bool:
    """Is ``other`` within NEAR line heights of ``line`` (the line just above or below it)?"""
    chars, others = [c for ch in line for c in ch], [c for ch in other for c in ch]
    if not chars or not others:
        return False
    height = max(max(c["bottom"] - c["top"] for c in chars), 1.0)
    mid = sum(c["top"] + c["bottom"] for c in chars) / (2 * len(chars))
    other_mid = sum(c["top"] + c["bottom"] for c in others) / (2 * len(others))
    return abs(mid - other_mid) <= NEAR * height


def _starts_here(before: Char, ch: Char, first: float, starts: Starts, alone: bool) -> bool:
    """Does ``ch``, set solid after ``before`` in a chunk starting at ``first``, start where a chunk of the other
    line starts, that line's chunk before it running under this chunk's text before ``ch`` (and, for a line of
    one chunk, starting no further right than this chunk: one cell's lines, not a title over the table)?"""
    size = max(ch["size"], 1.0)
    xs, befores = starts
    lo, hi = bisect_left(xs, ch["x0"] - ALIGNED * size), bisect_right(xs, ch["x0"] + ALIGNED * size)
    return any(start < before["x1"] and first < end and (not alone or first >= start - ALIGNED * size)
               for start, end in befores[lo:hi])
