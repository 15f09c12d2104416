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
Tables with no rules at all (which blocks of text are tables) are in unruled.py.

Every distance is relative to the font size of the text involved, never an
absolute number of points, so it does not depend on one producer's padding.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from pipeline.extract.gutters import gutter_between
from pipeline.extract.hanging import continues_label
from pipeline.extract.memo import tenth
from pipeline.extract.narrow_gutters import split_at_gapped_borders
from pipeline.extract.overset import HANGING, hung_across, hung_under, line_extents
from pipeline.extract.ruling import Grid, Segment, table_to_grid
from pipeline.extract.unruled_terms import CELL_START, MIN_TABLE_LINES
from pipeline.extract.wrapped import SOLID, SPACE_GAP, _full_width, joins, row_starts, set_beside

Char = dict[str, Any]

CHUNK_GAP = 0.7  # a gap wider than this many font sizes inside a text line separates two cells
BLOCK_GAP = 1.6  # a vertical gap wider than this many line heights ends a block of text
MIN_SHARED_LINES = 2  # ... and a ruled region this many, before its columns come from the text
HANG = 1.0  # a line may reach this many font sizes past a column border: one hanging character (reportlab 禁則)
ROW_PITCH = 1.25  # a line pitch this many times the narrowest one in a body starts a new row (producers: 1.5-1.6)
HEADER_STUB = 0.5  # a header band leaves the first column empty on at least half of its lines (ICDAR: 1/5 to 1/2)
SIZE_TOLERANCE = 0.05  # font sizes differing by more than this share are two sizes (producers: 9 vs 10 pt, 8.8 vs 9.8)


def line_chunks(line: Sequence[Char], gap: float = CHUNK_GAP) -> list[list[Char]]:
    """A text line split where the gap between two characters is wider than ``gap`` font sizes."""
    chunks: list[list[Char]] = []
    for ch in line:
        if ch["text"].isspace():
            continue
        typed = ch.get("after_space", False)  # a drawn space stands before it (typed_space.py)
        if (chunks and joins(chunks[-1][-1], ch, gap, typed) and not hung_under(chunks[-1][-1], ch)  # overset.py
                and not ch.get(CELL_START)):  # aligned_starts.py
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


def chunk_columns(lines_chunks: Sequence[Sequence[Sequence[Char]]], widest: bool = False,
                  stretched: bool = False) -> list[tuple[float, float]]:
    """Column extents: those of the chunk count most chunks are set in, then chunks that fit none of them.

    The lines of one number of chunks (two or more) set the columns, as
    Camelot's stream takes its most common one; here the count whose lines
    hold the most chunks (lines times chunks), so that many lines of few
    chunks do not outvote the rows: a wrapped cell's second lines (Gnumeric:
    17 lines of two chunks, a description and a department wrapped, against
    14 of eight, the rows and the header's first line) or a heading wrapped
    down two narrow columns, stand in columns of their own and their text
    short of the headings. A chunk of another line that overlaps
    no column (an outlying value) adds its own column, while one that
    overlaps several (a spanning header) adds nothing. With ``widest`` the
    widest count that MIN_SHARED_LINES lines share sets them instead: inside
    a table's frame every line is the table's, and the commonest lines may be
    a heading wrapped down a narrow column, one character a line, or the
    wrapped second lines of a long cell beside a short one. With
    ``stretched`` (every line is the table's: between its rules) each column
    first stretches over the chunks that lie in it alone, as a header line
    with the common count would stretch it: headings centred vertically
    beside one wrapped over two lines (Typst) stand on three text lines of
    fewer chunks, and the wrapped heading's last line, alone in the gap
    between two value columns, is that heading's, no column of its own.
    """
    counts = Counter(len(cs) for cs in lines_chunks if len(cs) >= 2)
    if not counts:
        return []
    shared = [n for n in counts if counts[n] >= MIN_SHARED_LINES]
    n_cols = max(shared) if widest and shared else max(counts, key=lambda n: (counts[n] * n, n))
    columns = _merge([e for cs in lines_chunks if len(cs) == n_cols for e in line_extents(cs)])
    if stretched:
        columns = _widened(columns, lines_chunks)
    for cs in lines_chunks:
        for lo, hi in line_extents(cs):
            if not any(lo <= b and a <= hi for a, b in columns):
                columns = _merge([*columns, (lo, hi)])
    if widest:
        columns = _widened(columns, lines_chunks)
    return _join_alternating(columns, lines_chunks, framed=widest)


def _widened(columns: list[tuple[float, float]],
             lines_chunks: Sequence[Sequence[Sequence[Char]]]) -> list[tuple[float, float]]:
    """Each column stretched over the chunks of any line that lie in it alone.

    The widest lines need not hold a column's longest text: a description
    that fills its column wraps in other lines, and the border halfway to
    the next column would otherwise cut the last character of those lines
    (a 「ー」 that reportlab lets overhang the cell, 禁則).
    """
    out = list(columns)
    for cs in lines_chunks:
        for chunk in cs:
            lo, hi = _extent(chunk)
            hits = [i for i, (a, b) in enumerate(out) if lo <= b and a <= hi]
            if len(hits) == 1:
                a, b = out[hits[0]]
                out[hits[0]] = (min(a, lo), max(b, hi))
    return out


def _join_alternating(columns: list[tuple[float, float]], lines_chunks: Sequence[Sequence[Sequence[Char]]],
                      framed: bool = False) -> list[tuple[float, float]]:
    """Neighbouring columns that no line uses both of are one column.

    A header set flush left over numbers set flush right leaves two runs of
    text that do not overlap, one used by the header line, the other by
    every body line; a real column border has text on both sides of it in
    the same lines. Inside a frame (``framed``: every line is the table's)
    one chunk over both columns is no text on both sides either: a heading
    wrapped over the header's lines, its first line across the gap, its last
    over the heading's own column. Outside one such a chunk may be a
    caption, and the columns it spans stay apart (its line uses both).
    """
    def users(col: tuple[float, float], other: tuple[float, float]) -> set[int]:
        return {i for i, cs in enumerate(lines_chunks)
                if any(_overlaps(c, col) and not (framed and _overlaps(c, other)) for c in cs)}

    out = list(columns)
    i = 0
    while i < len(out) - 1:
        if not users(out[i], out[i + 1]) & users(out[i + 1], out[i]):
            out[i:i + 2] = [(out[i][0], out[i + 1][1])]
        else:
            i += 1
    return out


def _overlaps(chunk: Sequence[Char], col: tuple[float, float]) -> bool:
    lo, hi = _extent(chunk)
    return lo <= col[1] and col[0] <= hi


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
                      ys: Sequence[float], ends: Sequence[float] = ()) -> list[Segment]:
    """A piece of each column border in every row band that no phrase of that band crosses.

    A phrase is text without a gap wider than a space: column headings set
    close together ("method  sterilization") are separate, words of one
    heading ("Modern method") are not. A phrase that reaches past a border
    by less than HANG font sizes is a line whose closing punctuation hangs
    into the gap (禁則, 「…SNS」), not a cell spanning the columns. With
    ``ends`` (where the column left of each border ends) neither is a phrase
    with a gutter between that end and the border (gutters.py).
    """
    out: list[Segment] = []
    chunks = [(min(c["top"] for c in ch) / 2 + max(c["bottom"] for c in ch) / 2, *_extent(ch),
               HANG * max(min(c["size"] for c in ch), 1.0), ch)
              for line in lines for ch in line_chunks(line, SPACE_GAP)]
    for top, bottom in pairwise(ys):
        inside = [(lo, hi, hang, ch) for mid, lo, hi, hang, ch in chunks if top <= mid <= bottom]
        for i, x in enumerate(borders):
            if not any(lo < x < hi and (x - lo > hang and hi - x > hang) and not gap_at(ch, x)
                       and not (ends and gutter_between(ch, ends[i] - hang, x)) for lo, hi, hang, ch in inside):
                out.append(Segment(x, top, bottom))
    return out


def ink_end(ch: Char) -> float:
    """Where a character's ink ends: a hanging closing mark (「、」「。」) inks only the left half of its box."""
    return ch["x0"] + (ch["x1"] - ch["x0"]) / 2 if ch["text"] in HANGING else ch["x1"]


def gap_at(phrase: Sequence[Char], x: float) -> bool:
    """Is there a gap wider than solid setting in the phrase within HANG font sizes of ``x``?

    A producer with little cell padding sets a cell's text that fills its
    column a gutter of a fraction of a font size before the next column's
    (reportlab: 0.2), too narrow to part two chunks; a column border that
    the other lines' alignment puts at that gutter (its middle, or the end
    of the shorter lines, up to HANG font sizes before it) is not crossed.
    A hanging closing mark (「、」) inks only the left half of its box. Only
    between two full-width characters: Japanese is set solid, while the gap
    between two words of a Latin heading (「Modern method」) is a space.
    """
    for left, right in pairwise(phrase):
        if not (_full_width(left["text"]) and _full_width(right["text"])):
            continue
        size = max(min(left["size"], right["size"]), 1.0)
        ink = ink_end(left)
        if right["x0"] - ink > SOLID * size and ink - HANG * size <= x <= right["x0"] + HANG * size:
            return True
    return hung_across(phrase, x)  # marks hung past ``x``, the next column's text abutting them


def chars_to_rows(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into visual lines (tops within half a font size), each sorted left to right."""
    rows: list[list[Char]] = []
    top = reach = 0.0  # the top of the row's first character, and how far from it the row's characters lie
    for ch in sorted(chars, key=lambda c: (tenth(c["top"]), c["x0"])):
        if rows and abs(ch["top"] - top) <= reach:
            rows[-1].append(ch)
        else:
            rows.append([ch])
            top, reach = ch["top"], 0.5 * max(ch["size"], 1.0)
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
    lines in most of its columns. In a ``framed`` table (an outer frame and
    at most a header rule, its body one band, its columns ruled or not) the
    rows are found by their pitch (``row_borders``): column rules with no rule
    between the body's rows part those rows by spacing alone, the lines of a
    wrapped cell closer together; elsewhere (two rules or more inside the
    frame) every line is a row, as Camelot's stream reads its tables (uneven
    pitches there are groups, not wrapped cells).
    When the first band is the only one to split among three or more, the
    rules separate the body's rows and that band is the header, its
    headings wrapped in several narrow columns: one row.
    """
    needed = 2 if len(ys) - 1 <= 2 else MIN_TABLE_LINES
    split: dict[int, list[float]] = {}
    for n, (top, bottom) in enumerate(pairwise(ys)):
        if framed and n == 0 and len(ys) == 3:
            continue  # a frame with a rule under its header: the band above the rule is the header, one row
        band = [ln for ln in lines if top <= (ln[0]["top"] + ln[0]["bottom"]) / 2 <= bottom]
        if separate_values(band, xs, needed):
            split[n] = row_borders(band, xs) if framed else value_line_borders(band, xs)
    if len(ys) - 1 >= 3 and list(split) == [0]:
        return []
    for n in sorted(split)[:-1]:  # a header over a body of unruled rows is one row
        if _stub_left_empty(ys, lines, xs, n, [m for m in split if m > n]):
            del split[n]
    return [y for borders in split.values() for y in borders]


def separate_values(band: Sequence[Sequence[Char]], xs: Sequence[float], needed: int = 2) -> bool:
    """Are the band's lines rows of separate values: ``needed`` of them or more in two or more columns, most columns on two or more?"""
    columns_of = [{bisect_right(xs, (c["x0"] + c["x1"]) / 2) for c in ln} for ln in band]
    used = Counter(col for cols in columns_of for col in cols)
    repeated = sum(1 for n in used.values() if n >= 2)
    return len(band) >= 2 and sum(1 for cols in columns_of if len(cols) >= 2) >= needed and 2 * repeated > len(used)


def value_line_borders(band: Sequence[Sequence[Char]], xs: Sequence[float]) -> list[float]:
    """A border between each two lines of the band, save a line set beside the one above or a label's continuation."""
    return [y for i, y in enumerate(line_borders(band)) if not set_beside(band[i], band[i + 1])
            and (len(xs) < 3 or not continues_label(*band[i:i + 3], first_border=xs[1]))]


def _stub_left_empty(ys: Sequence[float], lines: Sequence[Sequence[Char]], xs: Sequence[float],
                     n: int, below: Sequence[int]) -> bool:
    """Does band ``n`` leave the first column empty on most of its lines, and more often than each split band below?

    A header wrapped over several lines between two rules, with a body of
    unruled rows below it, leaves the first column empty on most of its
    lines (the stub's heading stands on one of them, or none: HEADER_STUB);
    a body's rows open with their label. A band of rows like the others (a
    group of rows under a rule, no header) keeps its lines as rows, and so
    does one where many labels wrap, unless most of its lines are
    continuations and the bands below have fewer.
    """
    if len(xs) < 3:
        return False

    def share(k: int) -> float:
        top, bottom = ys[k], ys[k + 1]
        band = [ln for ln in lines if top <= (ln[0]["top"] + ln[0]["bottom"]) / 2 <= bottom]
        return sum(1 for ln in band if min(c["x0"] for c in ln) < xs[1]) / max(len(band), 1)

    return share(n) <= HEADER_STUB and share(n) < min(share(k) for k in below)


def row_borders(lines: Sequence[Sequence[Char]], xs: Sequence[float] = ()) -> list[float]:
    """Borders between the rows of a body without rules: at the wider gaps, or where a row's first line starts.

    Producers pad their cells, so the lines of one wrapped cell follow at the
    font's line pitch and a new row starts a padding further down. When the
    pitches fall in two groups (the widest more than ROW_PITCH times the
    narrowest), a row border goes only where the pitch is wide; when all are
    alike, every line is a row unless it continues a cell of the row above
    (``entry_starts``).
    """
    borders = line_borders(lines)
    tops = [min(c["top"] for c in ln) for ln in lines]
    pitches = [b - a for a, b in pairwise(tops)]
    narrow = min(pitches)
    if narrow <= 0 or max(pitches) <= ROW_PITCH * narrow:
        return [y for y, starts in zip(borders, entry_starts(lines, xs)[1:]) if starts]
    return [y for y, pitch in zip(borders, pitches) if pitch > ROW_PITCH * narrow]


def entry_starts(lines: Sequence[Sequence[Char]], xs: Sequence[float]) -> list[bool]:
    """For each line of a body set at one pitch, whether it starts a row, read on the columns between ``xs``.

    A producer may pad a row no further from the next than the lines of a
    wrapped cell are apart (Typst: 10.4-10.5 pt between rows, 10.3 inside a
    cell, 7.5 pt text), so the pitch cannot tell them apart. The columns
    can: a row opens with its first column (a case number), and a line
    that leaves it empty, with text only in columns the row filled or in
    the one column it wraps (``wrapped.row_starts``), continues that row.
    Without column borders every line is a row.
    """
    if len(xs) < 3:
        return [True] * len(lines)
    return row_starts(lines, [_column_extents(ln, xs) for ln in lines], list(pairwise(xs)))


def _column_extents(line: Sequence[Char], xs: Sequence[float]) -> list[tuple[float, float]]:
    """The extent of a line's text in each column it has text in (a character by its centre), cut to the column.

    By column, not by chunk: a case number set close before the text of the
    next column (Typst: 「264」 4.3 pt before 「【世田谷区…」, 7.5 pt text) makes one
    chunk with it, which would lie in no column.
    """
    found: dict[int, tuple[float, float]] = {}
    for c in line:
        if c["text"].isspace():
            continue
        k = min(max(bisect_right(xs, (c["x0"] + c["x1"]) / 2) - 1, 0), len(xs) - 2)
        lo, hi = found.get(k, (c["x0"], c["x1"]))
        found[k] = (max(min(lo, c["x0"]), xs[k]), min(max(hi, c["x1"]), xs[k + 1]))
    return [found[k] for k in sorted(found)]


def _grid(xs: Sequence[float], ys: Sequence[float], lines: Sequence[Sequence[Char]],
          hs: Sequence[Segment], vs: Sequence[Segment], borders: Sequence[float],
          ends: Sequence[float] = ()) -> Grid | None:
    """The grid from real rules plus virtual ones: column borders where no chunk crosses, row borders."""
    all_ys = sorted({*ys})
    virtual_v = virtual_verticals(lines, borders, all_ys, ends)
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
    ends: list[float] = []  # where the column left of each border ends
    if len(grid.xs) == 2:
        side_by_side = beside_joined(lines)
        if is_tabular(side_by_side, MIN_SHARED_LINES):
            columns = chunk_columns(split_at_gapped_borders([line_chunks(ln) for ln in side_by_side]), widest=True)
            inner = [(b, a[1]) for b, a in zip(column_borders(columns), columns) if grid.xs[0] < b < grid.xs[-1]]
            borders, ends = [b for b, _ in inner], [e for _, e in inner]
    xs = sorted({*grid.xs, *borders})
    splits = _bands_to_split(grid.ys, lines, xs, framed=len(grid.ys) <= 3 or len(grid.xs) == 2)
    if not borders and not splits:
        return None
    ys = sorted({*grid.ys, *splits})
    virtual_h = [Segment(y, grid.xs[0], grid.xs[-1]) for y in splits]
    return _grid(grid.xs, ys, lines, [*hs, *virtual_h], vs, borders, ends)


def beside_joined(lines: Sequence[Sequence[Char]]) -> list[list[Char]]:
    """The lines with each one set beside the line above (``set_beside``) and clear of its text joined to it.

    For reading columns. A producer that centres a header's cells vertically
    sets a one-line heading halfway between the two lines of a heading
    wrapped beside it (Typst: 「実施機関」 and 「審査件数」 6.2 pt under
    「うち、要配慮個人情報を」, 9 pt text). Read as lines of their own, no
    line holds those headings side by side, and a column of the one line
    and a column of the other were taken for one. Lines closer than a line
    height are one line of their row; where their chunks overlap (a wrapped
    heading's second line under its first) they stay two.
    """
    out: list[list[Char]] = []
    for above, line in zip([None, *lines], lines):
        if above is not None and set_beside(above, line) and not _chunks_overlap(line, out[-1]):
            out[-1] = sorted([*out[-1], *line], key=lambda c: c["x0"])
        else:
            out.append(list(line))
    return out


def _chunks_overlap(line: Sequence[Char], other: Sequence[Char]) -> bool:
    """Does any chunk of ``line`` overlap any chunk of ``other`` (each line chunked once)?"""
    theirs = [_extent(chunk) for chunk in line_chunks(other)]
    return any(_overlaps(chunk, extent) for chunk in line_chunks(line) for extent in theirs)


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


def runs_past_columns(chunk: Sequence[Char], columns: Sequence[tuple[float, float]]) -> bool:
    """Does a lone chunk run on past the end of the column it starts in (a caption, a sentence)?

    A cell's text lies within its column (the columns are the extents of
    the rows' chunks); a caption or a line of prose set across the table
    reaches into the gap after it by more than a chunk gap (CHUNK_GAP font
    sizes) more than it starts before the column: a heading centred over
    narrower values (有/無 centred under 「条例要」) reaches as far past both ends.
    """
    lo, hi = _extent(chunk)
    size = max(chunk[0]["size"], 1.0)
    return any(a - size <= lo <= b and hi - b > max(a - lo, 0) + CHUNK_GAP * size for a, b in columns)
