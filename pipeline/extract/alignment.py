"""Where rules are missing, the text's own alignment completes the grid.

Offices draw tables in many ways: every border (a full grid), horizontal rules
only, an outer frame and a rule under the header, or no rules at all, the
columns standing only in the alignment of their text. Like pdfplumber's text
strategy and Camelot's stream flavour, this module reads columns from the
gaps between runs of text ("chunks") and rows from the text lines, and it
combines them with whatever rules the page does draw: the rules are kept,
the text only adds the borders they leave out, as virtual segments that
``ruling.table_to_grid`` then treats like drawn ones (a chunk that crosses a
virtual column border in one row makes that row's cell span the columns).

Every distance is relative to the font size of the text involved, never an
absolute number of points, so it does not depend on one producer's padding.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from statistics import median
from typing import Any

from pipeline.extract.hanging import continues_label
from pipeline.extract.ruling import Grid, Segment, table_to_grid
from pipeline.extract.wrapped import header_borders, joins, row_starts

Char = dict[str, Any]

CHUNK_GAP = 0.7  # a gap wider than this many font sizes inside a text line separates two cells
BLOCK_GAP = 1.6  # a vertical gap wider than this many line heights ends a block of text
MIN_TABLE_LINES = 3  # an unruled table needs this many lines with two or more aligned chunks
MIN_SHARED_LINES = 2  # ... and a ruled region this many, before its columns come from the text
HEADER_LINES = 6  # a table's header set apart from its body has at most this many lines
HEADER_GAP = 5.0  # ... and stands at most this many line heights above it (Calc centres a wrapped header: 4.2)
SPACE_GAP = 0.3  # a gap wider than this many font sizes is more than a space between two words
HANG = 1.0  # a line may reach this many font sizes past a column border: one hanging character (reportlab 禁則)
ROW_PITCH = 1.25  # a line pitch this many times the narrowest one in a body starts a new row (producers: 1.5-1.6)
SIZE_TOLERANCE = 0.05  # font sizes differing by more than this share are two sizes (producers: 9 vs 10 pt, 8.8 vs 9.8)


def line_chunks(line: Sequence[Char], gap: float = CHUNK_GAP) -> list[list[Char]]:
    """A text line split where the gap between two characters is wider than ``gap`` font sizes."""
    chunks: list[list[Char]] = []
    for ch in line:
        if ch["text"].isspace():
            continue
        if chunks and joins(chunks[-1][-1], ch, gap):  # wrapped.py: full-width characters part at a narrower gap
            chunks[-1].append(ch)
        else:
            chunks.append([ch])
    return chunks


def _extent(chunk: Sequence[Char]) -> tuple[float, float]:
    return min(c["x0"] for c in chunk), max(c["x1"] for c in chunk)


def _merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def chunk_columns(lines_chunks: Sequence[Sequence[Sequence[Char]]]) -> list[tuple[float, float]]:
    """Column extents: those of the most common chunk count, then chunks that fit none of them.

    The lines with the most common number of chunks (two or more) set the
    columns, as Camelot's stream does; a chunk of another line that overlaps
    no column (an outlying value) adds its own column, while one that
    overlaps several (a spanning header) adds nothing.
    """
    counts = Counter(len(cs) for cs in lines_chunks if len(cs) >= 2)
    if not counts:
        return []
    n_cols = max(counts, key=lambda n: (counts[n], n))
    columns = _merge([_extent(c) for cs in lines_chunks if len(cs) == n_cols for c in cs])
    for cs in lines_chunks:
        for chunk in cs:
            lo, hi = _extent(chunk)
            if not any(lo <= b and a <= hi for a, b in columns):
                columns = _merge([*columns, (lo, hi)])
    return _join_alternating(columns, lines_chunks)


def _join_alternating(columns: list[tuple[float, float]],
                      lines_chunks: Sequence[Sequence[Sequence[Char]]]) -> list[tuple[float, float]]:
    """Neighbouring columns that no line uses both of are one column.

    A header set flush left over numbers set flush right leaves two runs of
    text that do not overlap, one used by the header line, the other by
    every body line; a real column border has text on both sides of it in
    the same lines.
    """
    def users(col: tuple[float, float]) -> set[int]:
        return {i for i, cs in enumerate(lines_chunks)
                if any(_extent(c)[0] <= col[1] and col[0] <= _extent(c)[1] for c in cs)}

    out = list(columns)
    i = 0
    while i < len(out) - 1:
        if not users(out[i]) & users(out[i + 1]):
            out[i:i + 2] = [(out[i][0], out[i + 1][1])]
        else:
            i += 1
    return out


def column_borders(columns: Sequence[tuple[float, float]]) -> list[float]:
    """The middle of each gap between two neighbouring columns."""
    return [(a[1] + b[0]) / 2 for a, b in pairwise(columns)]


def line_borders(lines: Sequence[Sequence[Char]]) -> list[float]:
    """The middle of each gap between two consecutive text lines."""
    out = []
    for above, below in pairwise(lines):
        bottom = max(c["bottom"] for c in above)
        top = min(c["top"] for c in below)
        out.append((bottom + top) / 2 if top > bottom else top)
    return out


def line_height(line: Sequence[Char]) -> float:
    return max(c["bottom"] for c in line) - min(c["top"] for c in line)


def text_blocks(lines: Sequence[Sequence[Char]], gap: float = BLOCK_GAP) -> list[list[Sequence[Char]]]:
    """Consecutive lines closer together than ``gap`` line heights."""
    blocks: list[list[Sequence[Char]]] = []
    for line in lines:
        if blocks:
            prev = blocks[-1][-1]
            space = min(c["top"] for c in line) - max(c["bottom"] for c in prev)
            if space <= gap * max(line_height(prev), line_height(line), 1.0):
                blocks[-1].append(line)
                continue
        blocks.append([line])
    return blocks


def is_tabular(lines: Sequence[Sequence[Char]], min_lines: int = MIN_TABLE_LINES) -> bool:
    """Enough lines split into two or more chunks that share column positions."""
    chunked = [line_chunks(line) for line in lines]
    multi = [cs for cs in chunked if len(cs) >= 2]
    if len(multi) < min_lines:
        return False
    columns = chunk_columns(chunked)
    if len(columns) < 2:
        return False
    # the columns must be shared: most multi-chunk lines put chunks in two or more of them
    def used(cs: Sequence[Sequence[Char]]) -> int:
        return sum(1 for a, b in columns if any(_extent(c)[0] <= b and a <= _extent(c)[1] for c in cs))
    return sum(1 for cs in multi if used(cs) >= 2) >= min_lines


def virtual_verticals(lines: Sequence[Sequence[Char]], borders: Sequence[float],
                      ys: Sequence[float]) -> list[Segment]:
    """A piece of each column border in every row band that no phrase of that band crosses.

    A phrase is text without a gap wider than a space: column headings set
    close together ("method  sterilization") are separate, words of one
    heading ("Modern method") are not. A phrase that reaches past a border
    by less than HANG font sizes is a line whose closing punctuation hangs
    into the gap (禁則, 「…SNS」), not a cell spanning the columns.
    """
    out: list[Segment] = []
    chunks = [(min(c["top"] for c in ch) / 2 + max(c["bottom"] for c in ch) / 2, *_extent(ch),
               HANG * max(min(c["size"] for c in ch), 1.0))
              for line in lines for ch in line_chunks(line, SPACE_GAP)]
    for top, bottom in pairwise(ys):
        inside = [(lo, hi, hang) for mid, lo, hi, hang in chunks if top <= mid <= bottom]
        for x in borders:
            if not any(lo < x < hi and (x - lo > hang and hi - x > hang) for lo, hi, hang in inside):
                out.append(Segment(x, top, bottom))
    return out


def chars_to_rows(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into visual lines (tops within half a font size), each sorted left to right."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if rows:
            last = rows[-1]
            ref = last[0]
            if abs(ch["top"] - ref["top"]) <= 0.5 * max(ref["size"], 1.0):
                last.append(ch)
                continue
        rows.append([ch])
    for row in rows:
        row.sort(key=lambda c: c["x0"])
    return rows


def _bands_to_split(ys: Sequence[float], lines: Sequence[Sequence[Char]], xs: Sequence[float],
                    framed: bool = False) -> list[float]:
    """Borders between text lines, in a table whose rules do not separate its body rows.

    A band is split at every text line when two or more of its lines reach
    into two or more columns (three or more when the table has more than
    two row bands, a header and a body or a body alone): wrapped text in a ruled
    row keeps its row: there most columns hold one line (a number, a name)
    while one or two wrap, where a body of many rows has text on several
    lines in most of its columns. In a ``framed`` table (an outer frame and a
    header rule, its body one band) the rows are found by their pitch
    (``row_borders``); elsewhere every line is a row, as Camelot's stream
    reads its tables (uneven pitches there are groups, not wrapped cells).
    """
    needed = 2 if len(ys) - 1 <= 2 else MIN_TABLE_LINES
    out: list[float] = []
    for n, (top, bottom) in enumerate(pairwise(ys)):
        if framed and n == 0 and len(ys) == 3:
            continue  # a frame with a rule under its header: the band above the rule is the header, one row
        band = [ln for ln in lines if top <= (ln[0]["top"] + ln[0]["bottom"]) / 2 <= bottom]
        columns_of = [{bisect_right(xs, (c["x0"] + c["x1"]) / 2) for c in ln} for ln in band]
        used = Counter(col for cols in columns_of for col in cols)
        repeated = sum(1 for n in used.values() if n >= 2)
        if len(band) >= 2 and sum(1 for cols in columns_of if len(cols) >= 2) >= needed and 2 * repeated > len(used):
            out += row_borders(band) if framed else [y for i, y in enumerate(line_borders(band)) if len(xs) < 3
                                                     or not continues_label(*band[i:i + 3], first_border=xs[1])]
    return out


def row_borders(lines: Sequence[Sequence[Char]]) -> list[float]:
    """Borders between the rows of a body without rules: at every line, or only at the wider gaps.

    Producers pad their cells, so the lines of one wrapped cell follow at the
    font's line pitch and a new row starts a padding further down. When the
    pitches fall in two groups (the widest more than ROW_PITCH times the
    narrowest), a row border goes only where the pitch is wide; when all are
    alike, every line is a row.
    """
    borders = line_borders(lines)
    tops = [min(c["top"] for c in ln) for ln in lines]
    pitches = [b - a for a, b in pairwise(tops)]
    narrow = min(pitches)
    if narrow <= 0 or max(pitches) <= ROW_PITCH * narrow:
        return borders
    return [y for y, pitch in zip(borders, pitches) if pitch > ROW_PITCH * narrow]


def _grid(xs: Sequence[float], ys: Sequence[float], lines: Sequence[Sequence[Char]],
          hs: Sequence[Segment], vs: Sequence[Segment], borders: Sequence[float]) -> Grid | None:
    """The grid from real rules plus virtual ones: column borders where no chunk crosses, row borders."""
    all_ys = sorted({*ys})
    virtual_v = virtual_verticals(lines, borders, all_ys)
    left, right = xs[0], xs[-1]
    frame_v = [Segment(left, all_ys[0], all_ys[-1]), Segment(right, all_ys[0], all_ys[-1])]
    frame_h = [Segment(all_ys[0], left, right), Segment(all_ys[-1], left, right)]
    return table_to_grid([*hs, *frame_h], [*vs, *frame_v, *virtual_v])


def complete_grid(grid: Grid, chars: Sequence[Char], hs: Sequence[Segment], vs: Sequence[Segment]) -> Grid | None:
    """A ruled grid completed from its text: columns when only its frame is drawn, rows when its body has no rules."""
    if len(grid.xs) > 2 and len(grid.ys) > 3:
        return None  # columns and rows ruled: nothing to complete (and no time spent on it)
    lines = chars_to_rows(c for c in chars if not c["text"].isspace())
    if not lines:
        return None
    borders: list[float] = []
    if len(grid.xs) == 2:
        chunked = [line_chunks(ln) for ln in lines]
        if is_tabular(lines, MIN_SHARED_LINES):
            borders = [b for b in column_borders(chunk_columns(chunked)) if grid.xs[0] < b < grid.xs[-1]]
    xs = sorted({*grid.xs, *borders})
    splits = _bands_to_split(grid.ys, lines, xs, framed=len(grid.xs) == 2)
    if not borders and not splits:
        return None
    ys = sorted({*grid.ys, *splits})
    virtual_h = [Segment(y, grid.xs[0], grid.xs[-1]) for y in splits]
    return _grid(grid.xs, ys, lines, [*hs, *virtual_h], vs, borders)


def _without_empty_bands(ys: list[float], chars: Sequence[Char]) -> list[float]:
    """Row borders with each band that holds no text joined to the band above it.

    Between rules alone (no vertical ones) an empty band is a rule drawn
    twice or a spacer, not a row of empty cells.
    """
    mids = [(c["top"] + c["bottom"]) / 2 for c in chars if not c["text"].isspace()]
    out = ys[:1]
    for top, bottom in pairwise(ys):
        if any(top <= m <= bottom for m in mids) or len(out) == 1 and bottom == ys[-1]:
            out.append(bottom)
        else:
            out[-1] = bottom if len(out) > 1 else out[-1]
    return out


def tabular_blocks(lines: Sequence[Sequence[Char]]) -> list[list[Sequence[Char]]]:
    """Blocks of text that are tables, each with the header standing above it.

    Neighbouring blocks of text that share their columns are first one
    block (``_column_groups``); a block is a table when enough of its lines
    line up (``is_tabular``). The last lines of the text just above a table,
    short and every chunk over the table's columns, are its header (column
    headings set apart by a gap, or by a rule); a caption or title above
    them, running across the columns from outside the table, is not.
    """
    out: list[list[Sequence[Char]]] = []
    above: list[Sequence[Char]] | None = None  # the last block, table or not
    for block, after_running_line in _column_groups(lines):
        if after_running_line:  # a line of running text stands above: it is no header
            above = None
        if not is_tabular(block):
            above = block
            continue
        columns = chunk_columns([line_chunks(ln) for ln in block])
        n_header = header_count(above, block, columns) if above is not None else 0
        if n_header and above is not None:
            if out and out[-1] is above:
                out.pop()
                if is_tabular(above[:-n_header]):
                    out.append(above[:-n_header])
            out.append([*above[-n_header:], *block])
        else:
            out.append(block)
        above = out[-1]
    return out


def _column_groups(lines: Sequence[Sequence[Char]]) -> list[tuple[list[Sequence[Char]], bool]]:
    """Blocks of text, neighbours joined when they share their columns; and whether running text opened each.

    A table's sections are often set apart by more space than its rows (a
    subtotal, a new group, or rows a producer pads to the tallest cell of
    a neighbour): a block continues the one above when their columns
    overlap one for one, or when it is a few rows whose every chunk lies in
    one of the columns above (``continues_table``). A line of running text
    between two blocks (``_split_at_running_lines``) keeps them apart.
    """
    groups: list[tuple[list[Sequence[Char]], bool]] = []
    for whole in text_blocks(lines):
        for n, piece in enumerate(_split_at_running_lines(whole)):
            if not piece:
                continue
            if groups and not n and _same_columns(groups[-1][0], piece):
                groups[-1] = ([*groups[-1][0], *piece], groups[-1][1])
            else:
                groups.append((list(piece), n > 0))
    return groups


def _same_columns(upper: Sequence[Sequence[Char]], lower: Sequence[Sequence[Char]]) -> bool:
    """Do two blocks one under the other share their columns (``_column_groups``)?"""
    columns = chunk_columns([line_chunks(ln) for ln in upper])
    if len(columns) < 2:
        return False
    others = chunk_columns([line_chunks(ln) for ln in lower])
    if len(others) == len(columns) and all(a[0] <= b[1] and b[0] <= a[1] for a, b in zip(columns, others)):
        return True
    return continues_table(lower, upper, columns)


def continues_table(block: Sequence[Sequence[Char]], table: Sequence[Sequence[Char]],
                    columns: Sequence[tuple[float, float]]) -> bool:
    """Is a block too short to be a table the next rows of ``table`` (with these columns)?

    It is set in the size of the table's last row; one of its lines has two
    or more chunks, no two of them in one column (a chunk may cover two, a
    description that filled its column up to the next one's text); a line
    of one chunk lies in one column (a wrapped cell). Not a note or a
    caption: another size, or one chunk running across the columns.
    """
    size = median(c["size"] for c in table[-1])
    if any(abs(c["size"] - size) > SIZE_TOLERANCE * size for ln in block for c in ln):
        return False  # a caption or a note in another size
    placed = [[_columns_overlapped(_extent(c), columns) for c in line_chunks(ln)] for ln in block]
    for line in placed:
        cols = [col for chunk in line for col in chunk]
        if not all(line) or len(cols) != len(set(cols)) or len(line) == 1 and len(cols) > 1:
            return False
    return any(len(line) >= 2 for line in placed)


def _columns_overlapped(extent: tuple[float, float], columns: Sequence[tuple[float, float]]) -> list[int]:
    lo, hi = extent
    return [i for i, (a, b) in enumerate(columns) if lo <= b and a <= hi]


def runs_past_columns(chunk: Sequence[Char], columns: Sequence[tuple[float, float]]) -> bool:
    """Does a lone chunk run on past the end of the column it starts in (a caption, a sentence)?

    A cell's text lies within its column (the columns are the extents of
    the rows' chunks); a caption or a line of prose set across the table
    reaches into the gap after it by more than a chunk gap (CHUNK_GAP font sizes).
    """
    lo, hi = _extent(chunk)
    size = max(chunk[0]["size"], 1.0)
    return any(a - size <= lo <= b and hi > b + CHUNK_GAP * size for a, b in columns)


def _split_at_running_lines(block: list[Sequence[Char]]) -> list[list[Sequence[Char]]]:
    """A block of lines cut at each inner line of running text (one chunk that runs past its column).

    Text at an even pitch (tables without rules) makes one block of prose,
    captions and tables; a line that fits no column, in another font size
    than the rows (body-size captions, smaller tables), is not a row (a group
    heading spanning the columns in the rows' size is). The first and last
    lines stay: Camelot's stream reads a title or a note as the table's.
    """
    chunked = [line_chunks(ln) for ln in block]
    if sum(1 for cs in chunked if len(cs) >= 2) < MIN_TABLE_LINES:
        return [block]
    columns = chunk_columns(chunked)
    row_size = median(c["size"] for ln, cs in zip(block, chunked) if len(cs) >= 2 for c in ln)
    out: list[list[Sequence[Char]]] = [[]]
    for i, (line, cs) in enumerate(zip(block, chunked)):
        other_size = abs(median(c["size"] for c in line) - row_size) > SIZE_TOLERANCE * row_size
        if i < len(block) - 1 and len(cs) == 1 and other_size and runs_past_columns(cs[0], columns):
            out.append([])
        else:
            out[-1].append(line)
    return [piece for n, piece in enumerate(out) if piece or n == 0]  # an empty first piece: a caption opened it


def header_count(upper: Sequence[Sequence[Char]], lower: Sequence[Sequence[Char]],
                 columns: Sequence[tuple[float, float]]) -> int:
    """How many of the last lines of ``upper`` are the header of the table ``lower`` (0: none).

    The header stands close above the table, in a block of at most
    HEADER_LINES lines, is shorter than the table, and each of its chunks
    stands over the table's columns (``_over_columns``): a caption or a
    title above it in the same block is left out.
    """
    if not columns or len(upper) > HEADER_LINES:
        return 0  # a paragraph above a table is not its header, whatever its last lines
    gap = min(c["top"] for c in lower[0]) - max(c["bottom"] for c in upper[-1])
    if gap > HEADER_GAP * max(line_height(upper[-1]), line_height(lower[0]), 1.0):
        return 0
    body_size = median(c["size"] for ln in lower for c in ln)
    n = 0
    for line in reversed(upper):
        chunks = line_chunks(line)
        if not all(_over_columns(ch, columns, body_size, len(chunks) == 1) for ch in chunks):
            break
        n += 1
    return n if n < len(lower) else 0


def _over_columns(chunk: Sequence[Char], columns: Sequence[tuple[float, float]], body_size: float,
                  alone: bool) -> bool:
    """Does a chunk stand over the columns as a heading does?

    A heading lies between two column borders (the middles of the gaps),
    wherever it is set there: centred over left-aligned names, or reaching
    past the table's edge over a narrow last column. One that crosses a
    border (a group heading) shares its line with other headings or is set
    in the body's size; a chunk alone on its line, across the columns and
    in a size of its own, is a caption or a title.
    """
    lo, hi = _extent(chunk)
    size = max(min(c["size"] for c in chunk), 1.0)
    if not any(lo + size < x < hi - size for x in column_borders(columns)):
        return True
    return not alone or abs(median(c["size"] for c in chunk) - body_size) <= SIZE_TOLERANCE * body_size


def unruled_grids(chars: Sequence[Char]) -> list[tuple[Grid, list[Char]]]:
    """Tables with no rules at all: blocks of lines whose chunks line up in two or more columns."""
    out = []
    inked = [c for c in chars if not c["text"].isspace()]
    for block in tabular_blocks(chars_to_rows(inked)):
        columns = chunk_columns([line_chunks(ln) for ln in block])
        block_chars = [c for ln in block for c in ln if not c["text"].isspace()]
        if not block_chars:
            continue
        lo = min(c["x0"] for c in block_chars) - 1
        hi = max(c["x1"] for c in block_chars) + 1
        top = min(c["top"] for c in block_chars) - 1
        bottom = max(c["bottom"] for c in block_chars) + 1
        extents = [[_extent(c) for c in line_chunks(ln)] for ln in block]
        borders = header_borders(block, extents, column_borders(columns))
        starts = row_starts(block, extents, [(a, b) for a, b in zip([lo, *borders], [*borders, hi])])[1:]
        between = [y for i, (y, start) in enumerate(zip(line_borders(block), starts))
                   if start and not (borders and continues_label(*block[i:i + 3], first_border=borders[0]))]
        grid = _grid([lo, hi], [top, *between, bottom], block, [Segment(y, lo, hi) for y in between], [], borders)
        if grid is not None:
            out.append((grid, block_chars))
    return out
