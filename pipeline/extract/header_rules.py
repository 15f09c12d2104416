"""A table ruled above and under its header only (booktabs, 三線表): its body found, its rows by their padding.

Official statistics, white papers and LaTeX's booktabs rule a table with
three full-width lines and nothing else: a heavy rule above the header, a
light one under it and a heavy one under the last row; no column rules and
no rule between body rows. Such a table falls between the two readings
``rulestack.py`` and ``unruled.py`` already make. Read as a stack of
horizontal rules, its body is one band holding every row, and reading every
line of it as a row cuts each wrapped cell into rows of its own; and where a
page break cuts the table, the page's part keeps only the header's two
rules (reportlab, fpdf2, Calc, Chromium, WeasyPrint, matplotlib, Gnumeric,
LaTeX leave it open at its foot), so the stack covers the header alone and
the rows under it fall to the unruled reading, parted from their header.

Here, as in a frame with a rule under its header (``alignment._bands_to_split``,
``framed``), the header's rules make the header one band and the body's
rows are parted by spacing alone:

- ``open_foot``: two rules with a header between them and, right under
  the second (within ``BLOCK_GAP`` line heights), a block of aligned lines (``MIN_TABLE_LINES`` of them
  with values in two columns or more: more than a closing row; blocks
  joined across wider gaps where they go on with the rows, ``_rows_under``:
  Gnumeric centres a short row in a tall one) are closed under the
  block's last line: the table's foot, as
  ``partial_rules.open_ends`` closes a frame at its sides' ends. A page
  number under the block shares no columns with it and stays out.
- ``body_row_borders``: the body band under the header rule is read as a
  frame's body (``alignment.row_borders``): rows part at the wide pitches
  (rows padded apart; the lines of a wrapped cell follow at the font's
  pitch, and a key centred down a tall row, as Gnumeric sets it, starts no
  row), or by the columns where all pitches are alike (Typst pads no row).
  A run of lines at the narrow pitch with two keyed lines or more (text in
  the first column and another: rows grouped by blank lines, each with its
  own label) stays one row a line, as a stack of rules reads it.

Every distance is relative to the text's font size or line height.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from statistics import median
from typing import Any

from pipeline.extract.alignment import (
    BLOCK_GAP,
    MIN_SHARED_LINES,
    MIN_TABLE_LINES,
    ROW_PITCH,
    _extent,
    _merge,
    _stub_left_empty,
    beside_joined,
    chunk_columns,
    column_borders,
    entry_starts,
    is_tabular,
    line_borders,
    line_chunks,
    line_height,
    text_blocks,
)
from pipeline.extract.line_places import line_mid, lines_in, same_size
from pipeline.extract.narrow_gutters import split_at_gapped_borders
from pipeline.extract.ruling import Segment
from pipeline.extract.unruled import HEADER_LINES, _same_columns

Char = dict[str, Any]

JOIN_GAP = 5.0  # rows further apart than BLOCK_GAP go on this many line heights down (Calc, Gnumeric: 4.1)
EDGE = 0.25  # the synthetic foot sits this many font sizes under the last line it closes (rulestack.EDGE)


def open_foot(stack: Sequence[Segment], chars: Sequence[Char], rules: Sequence[Segment]) -> float | None:
    """Where the body under a two-rule header ends, when the rows under it are the header's table; else None.

    ``stack`` is two rules, one above the other, about as wide; ``rules``
    every horizontal rule of the page (a rule under the block ends it: the
    next table's, or a bottom rule that would already close the stack).
    """
    if len(stack) != 2:
        return None
    top, rule = stack[0].pos, stack[1].pos
    lo, hi = min(h.lo for h in stack), max(h.hi for h in stack)
    lines = lines_in(chars, lo, hi)
    header = [ln for ln in lines if top <= line_mid(ln) <= rule]
    if not header:
        return None
    below = [r.pos for r in rules if r.pos > rule + 1 and min(r.hi, hi) - max(r.lo, lo) > 0]
    limit = min(below, default=float("inf"))
    under = [ln for ln in lines if rule < line_mid(ln) < limit]
    if not under or min(c["top"] for c in under[0]) - rule > BLOCK_GAP * max(line_height(under[0]), 1.0):
        return None  # nothing right under the header rule
    body = _rows_under(text_blocks(under))
    if not is_tabular(body, MIN_TABLE_LINES) and not _rows_of_header(header, body):
        return None
    last = body[-1]
    return max(c["bottom"] for c in last) + EDGE * max(max(c["size"] for c in last), 1.0)


def _rows_of_header(header: Sequence[Sequence[Char]], body: Sequence[Sequence[Char]]) -> bool:
    """Whether a block too short to be tabular by itself is rows of the header above: a value under each heading.

    A page break can leave a table's first row or two alone under its
    header (FOP sets a summary table's caption, header and first row at a
    page's foot); too few lines for ``is_tabular``, but each line holding as
    many values as the header has headings is the header's row. Headings
    are the header's chunks joined where they overlap across its lines (a
    heading wrapped down its cell is one), without a rule between columns.
    A header is a few lines (``unruled.HEADER_LINES``): two rules around a
    whole body make no header, and the closing row under them (「Total」,
    ICDAR's us-035a) no rows of it.
    """
    headings = _merge([_extent(chunk) for line in header for chunk in line_chunks(line)])
    return (len(header) <= HEADER_LINES and len(headings) >= 2
            and all(len(line_chunks(line)) == len(headings) for line in body))


def open_head(stack: Sequence[Segment], chars: Sequence[Char]) -> float | None:
    """Where the rows that the stack's first rule closes start, when they open the page's text; else None.

    A table that a page break cuts, its part on the page before left open
    at its foot, ends on the next page with its last rows over its bottom
    rule and no header (wkhtmltopdf, Calc's front sheet, Gnumeric). Those
    lines, from the first text of the page (within the rule's extent) down
    to the rule, each at most ``BLOCK_GAP`` line heights under the one
    above, in one font size, most of them with values in two columns or
    more (a title of a line or three over a table is not), are rows of
    that table. Only where no row follows under the rule
    (the stack has no second rule, or the band under the first holds no
    line of two chunks or more: a caption before the next table): a header
    set over a stack of row rules stays that table's header.
    """
    rule = stack[0]
    lines = lines_in(chars, rule.lo, rule.hi)
    above = [ln for ln in lines if line_mid(ln) < rule.pos]
    if not above:
        return None
    if len(stack) >= 2:
        band = [ln for ln in lines if rule.pos < line_mid(ln) < stack[1].pos]
        if any(len(line_chunks(ln)) >= 2 for ln in band):
            return None
    size = median(c["size"] for c in above[-1])
    for upper, lower in pairwise(above):
        gap = min(c["top"] for c in lower) - max(c["bottom"] for c in upper)
        if gap > BLOCK_GAP * max(line_height(upper), 1.0):
            return None
    if (not all(same_size(ln, size) for ln in above)
            or 2 * sum(1 for ln in above if len(line_chunks(ln)) >= 2) <= len(above)
            or rule.pos - max(c["bottom"] for c in above[-1]) > BLOCK_GAP * max(line_height(above[-1]), 1.0)):
        return None
    first = above[0]
    return min(c["top"] for c in first) - EDGE * max(max(c["size"] for c in first), 1.0)


def _rows_under(blocks: Sequence[Sequence[Sequence[Char]]]) -> list[Sequence[Char]]:
    """The first block and each next one that goes on with its rows, up to a line in another size.

    A producer that centres a row's text in a tall row (Calc, Gnumeric:
    a short row beside a cell wrapped over many lines) leaves gaps wider
    than ``BLOCK_GAP`` between rows. A block goes on with the rows above
    when it has a line with values in two columns or more, its first line,
    if one chunk, crosses no border of the columns the rows above set (a
    caption would), and it starts less than ``JOIN_GAP`` line heights under
    them or shares their columns (``unruled._same_columns``: Calc leaves
    6 line heights above a row under one wrapped over many lines); a line in another font size than the rows (a caption, a note,
    a page number) ends the rows, and a page number alone is no row either.
    """
    body = list(blocks[0])
    for block in blocks[1:]:
        gap = min(c["top"] for c in block[0]) - max(c["bottom"] for c in body[-1])
        chunked = [line_chunks(ln) for ln in block]
        borders = column_borders(chunk_columns([cs for cs in map(line_chunks, body) if len(cs) >= 2]))
        lo, hi = min(c["x0"] for c in block[0]), max(c["x1"] for c in block[0])
        if (not any(len(cs) >= 2 for cs in chunked) or len(chunked[0]) == 1 and any(lo < x < hi for x in borders)
                or gap > JOIN_GAP * max(line_height(body[-1]), 1.0) and not _same_columns(body, block)):
            break
        body += block
    sizes = [c["size"] for ln in body if len(line_chunks(ln)) >= 2 for c in ln]
    if not sizes:
        return body
    size = median(sizes)
    for i, line in enumerate(body):
        if not same_size(line, size):
            return body[:i]
    return body


def frame_borders(lines: Sequence[Sequence[Char]]) -> list[float] | None:
    """The column borders of a table between a top rule and a foot, read as a frame's (``alignment.complete_grid``).

    Every line between the two is the table's, as inside a frame: the
    columns come from the widest lines two or more share, lines set beside
    each other joined first; None where the lines do not line up.
    """
    side_by_side = beside_joined(lines)
    if not is_tabular(side_by_side, MIN_SHARED_LINES):
        return None
    return column_borders(chunk_columns(split_at_gapped_borders([line_chunks(ln) for ln in side_by_side]), widest=True))


def header_ruled_splits(ys: Sequence[float], splits: Sequence[float], lines: Sequence[Sequence[Char]],
                        xs: Sequence[float]) -> list[float]:
    """The row borders of a region of three positions (top, header rule, foot) as a header over a body.

    ``splits`` are those ``alignment._bands_to_split`` reads. The header
    band is one row where its lines leave the first column empty more often
    than the body's (``alignment._stub_left_empty``: headings wrapped down
    narrow columns, Typst centring them on eleven lines); the body band's
    rows are read by their padding (``body_row_borders``).
    """
    head = [y for y in splits if y <= ys[1]]
    if head and _stub_left_empty(ys, lines, xs, 0, [1]):
        head = []
    if not any(ys[1] < y < ys[2] for y in splits):
        return [*head, *(y for y in splits if y > ys[1])]
    body = [ln for ln in lines if ys[1] <= line_mid(ln) <= ys[2]]
    return [*head, *body_row_borders(body, xs)]


def body_row_borders(band: Sequence[Sequence[Char]], xs: Sequence[float]) -> list[float]:
    """Borders between the rows of a body band under a header rule, as a frame's body is read, keys kept apart.

    As ``alignment.row_borders`` does, rows part at the wide pitches (rows
    padded apart; a key centred down a tall row, as Gnumeric sets it, is no
    row start) or, where all pitches are alike, by the columns
    (``entry_starts``). The narrow pitch is that of lines one under the
    other, a font size apart at least: Gnumeric sets a row's first line
    6 pt under the last line of a row drawn too short (9 pt text pitch),
    and that pitch would make every line a row. A run of
    lines at the narrow pitch that holds two keyed lines or more (text in
    the first column and another: rows grouped by blank lines, each with
    its own label) is rows, one at each keyed line.
    """
    if len(band) < 2:
        return []
    borders = line_borders(band)
    tops = [min(c["top"] for c in ln) for ln in band]
    pitches = [b - a for a, b in pairwise(tops)]
    size = median(c["size"] for ln in band for c in ln)
    narrow = min((p for p in pitches if p >= size), default=min(pitches))  # lines one under the other
    if narrow <= 0 or max(pitches) <= ROW_PITCH * narrow:
        padded = [y for y, start in zip(borders, entry_starts(band, xs)[1:]) if start]
    else:
        padded = [y for y, pitch in zip(borders, pitches) if pitch > ROW_PITCH * narrow]
    out = set(padded)
    run: list[int] = [0]  # the lines of the current run between two padded borders
    for i, y in enumerate([*borders, None]):
        if y is None or y in out:
            keyed = [k for k in run if _keyed(band[k], xs)]
            if len(keyed) >= 2:
                out |= {borders[k - 1] for k in keyed if k > run[0]}
            run = []
        run.append(i + 1)
    return sorted(out)


def _keyed(line: Sequence[Char], xs: Sequence[float]) -> bool:
    """Does the line have text in the first column (a key, a label) and in another?"""
    if len(xs) < 3:
        return False
    inked = [c for c in line if not c["text"].isspace()]
    first = [c for c in inked if (c["x0"] + c["x1"]) / 2 < xs[1]]
    return bool(first) and len(first) < len(inked)
