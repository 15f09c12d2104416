"""Ruled grids whose rules are not the table's rows and columns: empty spacer columns, rows set apart by blank lines.

A producer that rules every border also rules the narrow empty columns an
author put between two groups of columns for air (ICDAR 2013's eu-004: a
9 pt column between 「1997」 and 「1995*」, another before 「1990**」). The
table has no such column: a reader sees the groups set apart, not a column
of empty cells. A grid column no character falls in, in any row, and too
narrow to hold a value (less than ``SPACER_WIDTH`` of the text's size), is
joined to the column on its left, as ``rulestack.without_empty_columns``
joins a spacer between rules drawn cell by cell.

A word processor's table may also rule a group of rows as one band and set
its rows apart by an empty paragraph (ICDAR 2013's us-032: 「Stationary:」,
a blank line, 「Major  Emissions of 10 tons…  Utilities…」, a blank line,
「Area …」, all between two rules). Such a band is split at each blank line
(a gap of ``BLANK_LINE`` line heights or more, with no text in any column)
after which a line puts text in the first column and in another: a row
starts there with its label and its values. A cell's second paragraph
after a blank line stays in its row, even when cells beside it have one
too (ICDAR 2013's eu-007: 「Total: 47%」, a blank line, 「(Fruit d'or…)」):
the row's label does not start again.

A producer that draws its borders as fills may leave one column rule out
(the health budget table in Camelot's tests draws Word's cell joints but
no fill between 「Others」 and 「Total」), and office tables often rule only
every other column (対の列の間の罫線なし: 「No」 and 「委託の内容」, 「担当部課」
and 「実施機関」 under one rule pair). A ruled column whose text leaves a gutter
that no chunk of its cells crosses (a gap wider than ``alignment.CHUNK_GAP``
font sizes parts the chunks of a line), with chunks on both sides of it in
``MIN_TABLE_LINES`` cells or more, is two columns or more
(``columns_split_at_gutters``): the border goes in the gutter's middle,
and a cell merged across columns (a title, a group heading) stays merged.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from statistics import median
from typing import Any

from pipeline.extract.alignment import CHUNK_GAP, _extent, chars_to_rows, ink_end, line_chunks
from pipeline.extract.narrow_gutters import wide_gap
from pipeline.extract.overset import HANGING, hung_under
from pipeline.extract.ruling import Grid, GridCell
from pipeline.extract.unruled_terms import MIN_TABLE_LINES
from pipeline.extract.wrapped import joins

Char = dict[str, Any]

BLANK_LINE = 1.0  # a vertical gap of this many line heights (of the line after it) between two lines is an empty line
MAX_OVERHANG = 0.15  # a line's end glyph may ink this many font sizes of the gutter past its cell's text (matplotlib)
MIN_GUTTER = 0.2  # a run of glyphs goes on across a gap narrower than this many font sizes (a producer's letter spacing)
SPACER_WIDTH = 1.0  # an empty column narrower than this many font sizes is a spacer (eu-004: 9 pt beside 10.9 pt text)


def without_spacer_columns(grid: Grid, chars: Sequence[Char]) -> Grid | None:
    """The grid with each empty column narrower than SPACER_WIDTH font sizes joined to its left neighbour, or None.

    The first column has no left neighbour and stays. Empty: no inked
    character's centre lies between its borders, in any row.
    """
    inked = [c for c in chars if not c["text"].isspace()]
    if not inked or len(grid.xs) < 4:
        return None
    size = median(c["size"] for c in inked)
    centres = [(c["x0"] + c["x1"]) / 2 for c in inked]
    spacers = [k for k in range(1, len(grid.xs) - 1)
               if grid.xs[k + 1] - grid.xs[k] < SPACER_WIDTH * size
               and not any(grid.xs[k] < x < grid.xs[k + 1] for x in centres)]
    out: Grid | None = None
    for k in reversed(spacers):  # right to left: the borders left of ``k`` keep their indices
        joined = _without_border(out or grid, k)
        if joined is None:
            return None
        out = joined
    return out


def _without_border(grid: Grid, k: int) -> Grid | None:
    """The grid with column border ``xs[k]`` taken out (the columns either side one), or None when the
    cells either side of it would join into something other than rectangles."""
    xs = grid.xs[:k] + grid.xs[k + 1:]
    owner: dict[tuple[int, int], int] = {}
    for idx, cell in enumerate(grid.cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                owner[(r, c)] = idx
    parent = list(range(len(grid.cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(len(grid.ys) - 1):
        parent[find(owner[(r, k)])] = find(owner[(r, k - 1)])
    joined: dict[int, set[tuple[int, int]]] = {}
    for (r, c), idx in owner.items():
        joined.setdefault(find(idx), set()).add((r, c if c < k else c - 1))
    cells = []
    for places in joined.values():
        r0, r1 = min(r for r, _ in places), max(r for r, _ in places)
        c0, c1 = min(c for _, c in places), max(c for _, c in places)
        if len(places) != (r1 - r0 + 1) * (c1 - c0 + 1):
            return None
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], grid.ys[r0], xs[c1 + 1], grid.ys[r1 + 1]))
    return Grid(xs, grid.ys, tuple(sorted(cells, key=lambda c: (c.row, c.col))))


def rows_set_apart(grid: Grid, chars: Sequence[Char]) -> Grid | None:
    """The grid with each band split at the blank lines that set its rows apart (module docstring), or None."""
    lines = chars_to_rows(c for c in chars if not c["text"].isspace())
    splits = []
    for top, bottom in pairwise(grid.ys):
        band = [ln for ln in lines if top <= (ln[0]["top"] + ln[0]["bottom"]) / 2 <= bottom]
        for above, below in pairwise(band):
            upper, lower = max(c["bottom"] for c in above), min(c["top"] for c in below)
            height = max(c["bottom"] for c in below) - lower
            columns = _columns_of(grid, below)
            if lower - upper >= BLANK_LINE * height and 0 in columns and len(columns) >= 2:
                splits.append((upper + lower) / 2)
    out = grid
    for y in splits:
        out = _with_border(out, y)
    return out if splits else None


def _columns_of(grid: Grid, line: Sequence[Char]) -> set[int]:
    """The grid columns the line's characters' centres lie in."""
    return {c for ch in line for c in range(len(grid.xs) - 1)
            if grid.xs[c] <= (ch["x0"] + ch["x1"]) / 2 < grid.xs[c + 1]}


def _with_border(grid: Grid, y: float) -> Grid:
    """The grid with a row border at ``y``: each cell across it cut in two."""
    band = next(r for r in range(len(grid.ys) - 1) if grid.ys[r] < y < grid.ys[r + 1])
    ys = (*grid.ys[: band + 1], y, *grid.ys[band + 1:])
    cells = []
    for cell in grid.cells:
        r0, r1 = cell.row + (cell.row > band), cell.row + cell.row_span - 1 + (cell.row + cell.row_span - 1 >= band)
        if cell.row <= band < cell.row + cell.row_span:  # across the new border: an upper and a lower part
            cells += [(r0, cell, band), (band + 1, cell, r1)]
        else:
            cells.append((r0, cell, r1))
    return Grid(grid.xs, ys, tuple(sorted((GridCell(r0, c.col, r1 - r0 + 1, c.col_span, c.x0, ys[r0], c.x1, ys[r1 + 1])
                                           for r0, c, r1 in cells), key=lambda c: (c.row, c.col))))


def columns_split_at_gutters(grid: Grid, chars: Sequence[Char]) -> Grid | None:
    """The grid with each ruled column that holds two columns of text or more split at their gutters, or None."""
    lines = chars_to_rows(c for c in chars if not c["text"].isspace())
    if not lines:
        return None
    breaks = [[b or wide_gap(pair) is not None or _gap_after_mark(pair)
               for b, pair in zip(line_breaks(line), pairwise(line))] for line in lines]
    size = median(c["size"] for ln in lines for c in ln)
    out = grid
    for k in reversed(range(len(grid.xs) - 1)):  # right to left: the columns left of ``k`` keep their indices
        for x in reversed(_gutters(grid, k, lines, breaks, size)):  # right to left inside the column too
            out = _with_column(out, k, x)
    return out if out is not grid else None


def line_breaks(line: Sequence[Char]) -> list[bool]:
    """Whether the line parts between characters j and j + 1, as ``alignment.line_chunks`` parts it:
    at a gap (``wrapped.joins``) or after a closing mark the next column's text is drawn over
    (``overset.hung_under``), so that a column's chunks cut from these are the line's own chunks."""
    return [not joins(a, b, CHUNK_GAP) or hung_under(a, b) for a, b in pairwise(line)]


def _gutters(grid: Grid, k: int, lines: Sequence[Sequence[Char]], breaks: Sequence[Sequence[bool]],
             size: float) -> list[float]:
    """The middles of the gutters parting the text of column ``k`` into columns, left to right.

    A gutter is an x range that no run of glyphs of the column's cells
    crosses, in any line, with chunks on both sides of it in ``MIN_TABLE_LINES``
    cells or more (in one line or in two: two headings set at different
    heights, 「No」 beside the last line of 「オンライン結合・システム / 導入の別」):
    a column of values beside a column of values. Runs and chunks are their
    glyphs' inked extents less ``MAX_OVERHANG`` font sizes at either end (never
    past their end glyphs' centres, where the cut places them): a producer
    that sets a line past its cell's padding (matplotlib) inks the gutter by a
    fraction of a glyph, while a half-width letter ending where full-width
    lines end (fpdf2's justified 「L G W A」) still crosses it. A run ends
    wherever the next glyph starts ``MIN_GUTTER`` font sizes past the last one
    (two narrow columns' headings set a line apart by less than a chunk's
    gap, 「無)」 and 「(有」); a chunk, where a line parts into cells: a gap
    wider than ``CHUNK_GAP`` font sizes, one that no Japanese phrase leaves
    (``narrow_gutters.wide_gap``: 「10」 set half an em before 「警察」), or a
    closing mark's ink ending that far before the next glyph
    (``_gap_after_mark``). Chunks inside one cell's text (「（１）　…」) are
    crossed by the cell's other lines and leave no gutter, nor do a number's
    digits or a word's characters spread across its cell (``_spread_across_cell``). A page's part of a
    table may hold a header and one row (the last row carried over): there
    both cells must show the gutter. Each column it makes must hold text in
    ``MIN_TABLE_LINES`` cells or more (both, of two): a heading centred over
    left-set labels leaves a gutter on either side of it that every row with
    a value further right straddles, but it alone is no column; the
    best-supported gutters are taken first, and of two as well supported the
    wider (a row of zeros supports the gap beside a centred heading's last
    glyph as well as the gutter). ``breaks[i][j]``: whether characters j and j + 1 of line i part
    (``line_breaks``), worked out once per page.
    """
    lo, hi = grid.xs[k], grid.xs[k + 1]
    rows: list[tuple[int, list[tuple[float, float]]]] = []  # (cell index, the line's chunks)
    words: list[tuple[int, list[tuple[float, float]], int, bool]] = []  # spread words: their length, whether surely
    inked: list[tuple[float, float]] = []  # the lines' runs of glyphs set without a gap of MIN_GUTTER font sizes
    for n, cell in enumerate(grid.cells):
        if not (cell.col == k and cell.col_span == 1):
            continue  # a cell merged across columns (a title, a group heading) stays merged
        for line, line_breaks in zip(lines, breaks):
            if cell.top <= (line[0]["top"] + line[0]["bottom"]) / 2 <= cell.bottom:
                parts = _column_chunks(line, line_breaks, lo, hi, trim=MAX_OVERHANG * size)
                if parts:
                    inked += _runs(line, lo, hi, MIN_GUTTER * size, MAX_OVERHANG * size)
                    length, how = _spread_across_cell(line, line_breaks, lo, hi)
                    if how == "no":
                        rows.append((n, parts))
                    elif how != "digits":
                        words.append((n, parts, length, how == "surely"))
    if len({length for _, _, length, _ in words}) < 2:  # words of one length only: as likely two columns (「有 無」)
        rows += [(n, parts) for n, parts, _, surely in words if not surely]
    needed = min(MIN_TABLE_LINES, max(2, len({n for n, _ in rows})))  # a page's part of two rows: both of them
    supported = []
    for left, right in _uncrossed(inked):
        lefts = {n for n, parts in rows if any(b <= left for _, b in parts)}
        parted = {n for n, parts in rows if n in lefts and any(a >= right for a, _ in parts)}
        if len(parted) >= needed:
            supported.append((len(parted), right - left, (left + right) / 2))
    found: list[float] = []
    for _, _, x in sorted(supported, reverse=True):  # the best-supported gutter first, the wider of two as well supported
        borders = sorted([lo, *found, x, hi])
        if all(_cells_within(rows, a, b) >= needed for a, b in pairwise(borders)):
            found.append(x)
    return sorted(found)


def _gap_after_mark(pair: tuple[Char, Char]) -> bool:
    """Does a closing mark (「、」, whose ink is the left half of its box) end a line's text a chunk's gap before
    the next character? Its box reaches across half the gap (matplotlib sets a cell's 「…として、」 2 pt before the
    next column's 「教育委員会」: 5.75 pt of white at 7.5 pt)."""
    left, right = pair
    return left["text"] in HANGING and right["x0"] - ink_end(left) > CHUNK_GAP * max(min(left["size"], right["size"]), 1.0)


def _spread_across_cell(line: Sequence[Char], line_breaks: Sequence[bool], lo: float, hi: float
                        ) -> tuple[int, str]:
    """Is the line's text in [lo, hi] spread across the cell (均等割付)? Its character count and how:
    "digits" (a number's, 「1 6 0」), "surely" (a word's characters far apart, 「区　　　長」), "perhaps"
    (a word's characters set closer, 「実 施 機 関」) or "no".

    One character per chunk, evenly spaced (gaps or steps within half a
    font size), as far from the cell's left rule as from its right one
    (within a font size): such a line parts at every character, wherever
    its length puts them (「1 3」 at the cell's two ends, 「1 6 0」 one in
    the middle too), so it shows no gutter between two columns. Two columns
    of numbers set right or centred part unevenly (「4 9」 beside 「5 0」) or
    stand off one side (「0」 beside 「0」, both set right). A word's
    characters must also reach within a font size of both rules: the
    padding, which a heading or a label centred in each of two columns
    leaves only in a column a few characters wide. A column's word lines
    are taken as spread (``_gutters``) only when they are of two lengths or
    more: 「区　　長」 beside 「教　育　委　員　会」 or under 「実 施 機 関」
    reach the same two paddings, while two flags centred under one rule
    (「有 無」 in every row) make lines of one length. A word whose
    characters stand three times as far apart as from the rules is spread
    whatever its column holds: characters centred in equal columns stand
    twice as far apart as from the rules.
    """
    idx = [j for j, c in enumerate(line) if lo <= (c["x0"] + c["x1"]) / 2 <= hi]
    lone = [j for j in idx if (j == idx[0] or line_breaks[j - 1]) and (j == idx[-1] or line_breaks[j])]
    if len(idx) < 2 or len(lone) != len(idx):
        return len(idx), "no"
    size = max(line[idx[0]]["size"], 1.0)
    steps = [line[b]["x0"] - line[a]["x0"] for a, b in pairwise(idx)]
    gaps = [line[b]["x0"] - line[a]["x1"] for a, b in pairwise(idx)]
    even = min(max(steps) - min(steps), max(gaps) - min(gaps)) <= size / 2
    margins = line[idx[0]]["x0"] - lo, hi - line[idx[-1]]["x1"]
    if not even or abs(margins[0] - margins[1]) > size:
        return len(idx), "no"
    if all(line[j]["text"].isdigit() for j in idx):
        return len(idx), "digits"
    if max(margins) > size:
        return len(idx), "no"
    return len(idx), "surely" if max(margins) <= min(gaps) / 3 else "perhaps"


def _runs(line: Sequence[Char], lo: float, hi: float, gap: float, trim: float) -> list[tuple[float, float]]:
    """The inked extent of each run of the line's characters centred in [lo, hi], parted wherever the next glyph
    starts ``gap`` past the last one's end, less ``trim`` at either end (``_trimmed``)."""
    out: list[list[Char]] = []
    end = float("-inf")
    for c in line:
        if not lo <= (c["x0"] + c["x1"]) / 2 <= hi:
            continue
        if out and c["x0"] - end <= gap:
            out[-1].append(c)
            end = max(end, c["x1"])
        else:
            out.append([c])
            end = c["x1"]
    return [_trimmed(run, trim) for run in out]


def _trimmed(chunk: Sequence[Char], trim: float) -> tuple[float, float]:
    """The chunk's inked extent less ``trim`` at either end, but never past its end glyphs' centres."""
    first, last = min(chunk, key=lambda c: c["x0"]), max(chunk, key=lambda c: c["x1"])
    return (first["x0"] + min(trim, (first["x1"] - first["x0"]) / 2),
            last["x1"] - min(trim, (last["x1"] - last["x0"]) / 2))


def _cells_within(rows: Sequence[tuple[int, list[tuple[float, float]]]], a: float, b: float) -> int:
    """How many cells hold a chunk between ``a`` and ``b``: a column must hold values, not one heading alone."""
    return len({n for n, parts in rows if any(a <= lo and hi <= b for lo, hi in parts)})


def _uncrossed(extents: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The gaps between the merged extents, left to right: x ranges with text on both sides that none crosses."""
    gaps: list[tuple[float, float]] = []
    reach = None
    for a, b in sorted(extents):
        if reach is not None and a > reach:
            gaps.append((reach, a))
        reach = b if reach is None else max(reach, b)
    return gaps


def _column_chunks(line: Sequence[Char], line_breaks: Sequence[bool], lo: float, hi: float,
                   trim: float = 0.0) -> list[tuple[float, float]]:
    """Extents of ``line_chunks`` of the line's characters centred in [lo, hi], from the line's own breaks,
    less ``trim`` at either end (``_trimmed``)."""
    def extent(chunk: Sequence[Char]) -> tuple[float, float]:
        return _trimmed(chunk, trim) if trim else _extent(chunk)

    idx = [j for j, c in enumerate(line) if lo <= (c["x0"] + c["x1"]) / 2 <= hi]
    if not idx:
        return []
    if idx[-1] - idx[0] + 1 != len(idx):  # not one run of the line (glyphs overlapping): chunked afresh
        return [extent(ch) for ch in line_chunks([line[j] for j in idx])]
    out = []
    start = idx[0]
    for j in range(idx[0], idx[-1]):
        if line_breaks[j]:
            out.append(extent(line[start:j + 1]))
            start = j + 1
    out.append(extent(line[start:idx[-1] + 1]))
    return out


def _with_column(grid: Grid, k: int, x: float) -> Grid:
    """The grid with a column border at ``x`` inside column ``k``: its cells cut in two, wider cells one column wider."""
    xs = (*grid.xs[: k + 1], x, *grid.xs[k + 1:])
    cells = []
    for c in grid.cells:
        c0, c1 = c.col + (c.col > k), c.col + c.col_span - 1 + (c.col + c.col_span - 1 >= k)
        if c.col == k and c.col_span == 1:
            cells += [(c, k, k), (c, k + 1, k + 1)]
        else:
            cells.append((c, c0, c1))
    return Grid(xs, grid.ys, tuple(sorted((GridCell(c.row, c0, c.row_span, c1 - c0 + 1, xs[c0], c.top, xs[c1 + 1], c.bottom)
                                           for c, c0, c1 in cells), key=lambda c: (c.row, c.col))))
