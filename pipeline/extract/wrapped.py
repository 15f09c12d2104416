"""Which lines of an unruled table start a row, and which continue the row above.

Without rules, a table's rows stand only in its lines. Camelot's stream
reads every line as a row, and that is right for most tables; but a report
table wraps its long cells, and a header wraps its headings over two or
three lines, so a line is not always a row:

- the header: lines at the top of the table set at a narrower pitch than
  the body's rows (a heading wrapped, others centred beside it) are one row;
- a wrapped cell: a line whose first column is empty and whose every chunk
  lies in a column where the row above already reached the column's right
  end (its text filled the column and wrapped) continues that row;
- a line offset: a line that starts less than ``OFFSET`` font sizes below
  the one above could not follow it in one column without the two
  overlapping, so it is set beside it in the same row (values centred
  vertically on a label wrapped over two lines, a raised footnote mark).

A line whose first column holds text always starts a row, and so does a
line with text in a column the row above left short: a real row with an
empty first cell keeps its own row (unless the table is keyed, its rows
opening with a number, and the line is one chunk: a hard line break).

The columns those rows are read in come from here too: a chunk is cut where
it crosses a border the other lines leave clear (``split_at_borders``), and
each border goes to the stretch of its gap no chunk crosses (``uncut_borders``).

Geometry only, relative to the font size and the table's own pitches.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from statistics import median
from typing import Any

from pipeline.config.typesetting import line_breaking

Char = dict[str, Any]
Extent = tuple[float, float]

HEADER_PITCH = 1.25  # header lines closer than the body's median pitch divided by this are one row
CJK_GAP = 0.3  # between two full-width characters (set solid) a wider gap, in font sizes, separates two cells
FILLED = 2.0  # a line ending within this many font sizes of the column's widest text filled the column (a 禁則 push: 2)
SOLID = 0.1  # a gap narrower than this many font sizes between two characters is solid setting, not a gutter
SPACE_GAP = 0.3  # a gap wider than this many font sizes is more than a space between two words
NEAR = 1.0  # a gap within this many font sizes of a column border is the gutter at that border
OVERHANG = 0.5  # a line reaching this many font sizes past a column border still lies in its column (half a character)
OFFSET = 0.75  # a line starting less than this many font sizes below the one above is set beside it (centred: 0.56)
MIRROR_ABOVE = 2  # a centred header read from its symmetry has its tall heading this many lines above the first column's
BLANK_BEFORE = line_breaking().blank_before  # full-width opening brackets: their box's left half is blank (typesetting.toml)
RUN_GAP = 0.15  # lines of one cell set solid are no more than this many font sizes apart (Chromium: 0; rows: 0.5)


@lru_cache(maxsize=1 << 14)  # a page asks about the same few hundred glyphs tens of thousands of times
def _full_width(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 and not 0xFB00 <= ord(ch) <= 0xFEFF for ch in text)


def joins(left: Char, right: Char, gap: float, spaced: bool = False) -> bool:
    """Do two neighbouring characters of a line belong to one chunk (a gap of at most ``gap`` font sizes)?

    Chinese characters and kana are set solid, with no space between words;
    between two of them a gap wider than CJK_GAP font sizes is the gutter
    between two cells (a description filling its column beside the next
    column's text: LibreOffice Calc leaves 0.49 to 0.65 font sizes), not a space.
    A space the text layer draws in the gap (``spaced``) was typed inside one
    cell's text (「【ママズルーム】 母子保健法」: Gnumeric sets it 0.31 font sizes
    wide): the gap is a word space, held to ``gap`` like any other.
    A gap before an opening bracket reaches to its ink (``blank_gap``).
    """
    solid = _full_width(left["text"]) and _full_width(right["text"]) and not spaced
    limit = min(gap, CJK_GAP) if solid else gap
    size = max(min(right["size"], left["size"]), 1.0)
    return blank_gap(left, right, size, spaced) <= limit * size


def ink_left(ch: Char) -> float:
    """Where a character's ink starts: a full-width opening bracket inks the right half of its box."""
    return (ch["x0"] + ch["x1"]) / 2 if ch["text"] in BLANK_BEFORE else ch["x0"]


def blank_gap(left: Char, right: Char, size: float, spaced: bool = False) -> float:
    """The gap from ``left`` to ``right``, to its ink when ``right`` is a full-width opening bracket set apart.

    Such a bracket inks the right half of its box. Set after a character
    (solid, or closer: LuaTeX-ja overlaps 「条（」 by 0.2 of a size) its blank
    half is the bracket's own spacing, part of the word; but a line may
    start with that half dropped (JIS X 4051 天付き): LuaTeX-ja sets the box half a
    character left of the column, so a cell starting 「【世田谷区…」 beside
    「264」 leaves a gap of 0.67 font sizes to the box, under ``CHUNK_GAP``,
    and the two columns' chunks joined into one (their ink is 1.17 apart, as
    every other row's). A gap wider than solid setting, where no space was
    typed, is that gutter: it is measured to the ink.
    """
    box = right["x0"] - left["x1"]
    if spaced or box <= SOLID * size or right["text"] not in BLANK_BEFORE:
        return box
    return box + (right["x1"] - right["x0"]) / 2


def _column_of(extent: Extent, columns: Sequence[Extent], slack: float = 0.0) -> int | None:
    """The one column a chunk lies in (None: several or none), reaching past a border by ``slack`` allowed.

    A border may be set at a heading's edge (``header_borders``) just inside
    the end of a body line the half-width digits made longer (Chromium:
    「先は110番等で…」 0.09 pt past it); that line still lies in its column.
    """
    lo, hi = extent
    hits = [i for i, (a, b) in enumerate(columns) if lo < b - slack and a + slack < hi]
    return hits[0] if len(hits) == 1 else None


def header_lines(lines: Sequence[Sequence[Char]]) -> int:
    """How many lines at the top form the header row: those set at a pitch narrower than the body's,
    or the lines of headings centred beside a taller one (``centred_header_lines``)."""
    centred = centred_header_lines(lines)
    if centred:
        return centred
    tops = [min(c["top"] for c in ln) for ln in lines]
    pitches = [b - a for a, b in pairwise(tops)]
    if len(pitches) < 3:
        return 1
    body = median(pitches)
    n = 1
    for pitch in pitches:
        if pitch * HEADER_PITCH >= body:
            break
        n += 1
    return n if n < len(lines) else 1


def centred_header_lines(lines: Sequence[Sequence[Char]]) -> int:
    """The lines of a header whose headings are centred vertically beside a taller one (0: not such a header).

    Chromium centres a table's header cells vertically (HTML's default for
    ``th``): a heading wrapped down a narrow column over seven lines starts
    the table, and the short headings (「No」, 「委託の内容」) stand halfway
    down beside it, on a line that would otherwise start a row. Such a header
    opens with a line that leaves the first column empty, and its tall
    headings run on solidly line to line (``_runs_on``) down to the gap that
    pads the first body row. The header is those lines, when the first
    column's heading lies among them; a body row's wrapped text at the top of
    a continued page opens at the left or has no heading of the first column
    beside it.
    """
    if len(lines) < 3:
        return 0
    left = min(c["x0"] for ln in lines for c in ln)
    size = max(median(c["size"] for c in lines[0]), 1.0)
    if min(c["x0"] for c in lines[0]) - left <= size:
        return 0  # the first line holds the first column's text: headings set from the top
    n = 1
    while n < len(lines) and _runs_on([c for ln in lines[:n] for c in ln], lines[n]):
        n += 1
    if n >= len(lines) or not any(min(c["x0"] for c in ln) - left <= size for ln in lines[1:n]):
        return _mirrored_header_lines(lines, left, size)
    return n


def _mirrored_header_lines(lines: Sequence[Sequence[Char]], left: float, size: float) -> int:
    """The lines of a centred header read from its symmetry, where its lines are spaced as the body's (0: none).

    Typst sets every line of a table at one pitch, header and body alike,
    with no padding between rows: the tall heading does not run on solidly
    and no gap marks the header's foot. Headings centred vertically share
    their middle, so the first column's heading (one line, the first with
    text left of the table's first clear gutter) stands halfway down the
    tall heading that opens the table: the header ends as far below that
    heading's middle as the first line starts above it, the tall heading
    fills it from its first line to its last, and no other line of it has
    text in the first column. The tall heading must run MIRROR_ABOVE lines
    or more above the first column's heading: a body row wrapped onto one
    line below its key, under one line of the row before it at the top of a
    page, is as symmetric; and the tall heading's lines stand at one pitch
    (others may stand between them, half a line off: Typst's 10.31 and 5.15
    pt): the lines of a row cut by the page break above, then the next
    row's in that column, are set apart by the rows' padding (wkhtmltopdf:
    9.2 pt between rows, 6.3 between lines).
    """
    gutter = _first_gutter(lines, left)
    in_first = [any(c["x0"] < gutter for c in ln) for ln in lines]
    keyed = in_first.index(True) if True in in_first else 0
    if keyed < MIRROR_ABOVE:
        return 0
    first = [c for c in lines[keyed] if c["x0"] < gutter]
    middle = (min(c["top"] for c in first) + max(c["bottom"] for c in first)) / 2
    foot = 2 * middle - min(c["top"] for c in lines[0])
    n = sum(1 for ln in lines if min(c["top"] for c in ln) < foot - size / 2)
    if n <= keyed or n >= len(lines) or any(in_first[keyed + 1:n]) or not _stacked(lines[0], lines[n - 1]):
        return 0
    tops = [min(c["top"] for c in ln) for ln in lines[:n] if _stacked(lines[0], ln)]  # the tall heading's lines
    pitches = [b - a for a, b in pairwise(tops)]
    return n if len(pitches) < 2 or max(pitches) < HEADER_PITCH * min(pitches) else 0


def _first_gutter(lines: Sequence[Sequence[Char]], left: float) -> float:
    """The left end of the first gap, right of ``left``, that no line's text crosses (the first column's border)."""
    reach = left
    for c in sorted((c for ln in lines for c in ln), key=lambda c: c["x0"]):
        if c["x0"] > reach:
            return reach
        reach = max(reach, c["x1"])
    return reach


def _stacked(top: Sequence[Char], bottom: Sequence[Char]) -> bool:
    """Do two lines hold text in one column (a character of one over a character of the other)?"""
    return any(b["x0"] < a["x1"] and a["x0"] < b["x1"] for a in top for b in bottom)


def _runs_on(upper: Sequence[Char], lower: Sequence[Char]) -> bool:
    """Does text above go on in ``lower`` set solid: a character right under one, no more than RUN_GAP apart?

    ``upper`` is every line above, not only the last: two headings centred at
    half a line from each other make lines that hold one of them each.
    """
    return any(b["x0"] < a["x1"] and a["x0"] < b["x1"]
               and b["top"] - a["bottom"] <= RUN_GAP * max(min(a["size"], b["size"]), 1.0)
               for a in upper for b in lower)


def row_starts(lines: Sequence[Sequence[Char]], chunks: Sequence[Sequence[Extent]],
               columns: Sequence[Extent]) -> list[bool]:
    """For each line, whether it starts a row (True) or continues the row above (False)."""
    n_header = header_lines(lines)
    out = [True] + [False] * (n_header - 1)
    ends: dict[int, float] = {}  # how far right the text of each column reaches anywhere in the table
    for extents in chunks:
        for e in extents:
            col = _column_of(e, columns)
            if col is not None:
                ends[col] = max(ends.get(col, e[1]), e[1])
    keyed = _keyed(chunks[n_header:], columns)
    filled: set[int] = set()  # columns in which the current row's text reached the right end
    used: set[int] = set()  # columns in which the current row has text
    above: list[int | None] = []  # the columns of the line above
    for i, (line, extents) in enumerate(zip(lines, chunks)):
        size = max(median(c["size"] for c in line), 1.0)
        cols = _columns_overrun([_column_of(e, columns, OVERHANG * size) for e in extents], extents, columns, size)
        if i >= n_header:
            beside = i > n_header and set_beside(lines[i - 1], line) and not set(cols) & set(above) - {None}
            continues = (bool(cols) and None not in cols and 0 not in cols
                         and (all(col in filled for col in cols) or keyed and _after_a_break(cols, filled, used))
                         or beside)
            out.append(not continues)
            if not continues:
                filled, used = set(), set()
        if i == n_header - 1 or i >= n_header:
            filled |= {col for col, (_, hi) in zip(cols, extents)
                       if col is not None and hi >= ends[col] - FILLED * size}
            used |= {col for col in cols if col is not None}
        above = cols
    return out


def _columns_overrun(cols: list[int | None], extents: Sequence[Extent], columns: Sequence[Extent],
                     size: float) -> list[int | None]:
    """``cols`` with a chunk that runs past its column's border by less than a character, into a column
    the line has no other text in, taken as in its column: a paragraph set by the producer a glyph past
    its cell's room (reportlab: 「…サーバ上に構築し、サー」 4 pt into the next column's padding, with no rule
    to clip it) is still that cell's line, not a line of no column that starts a row."""
    out = list(cols)
    for k, (col, extent) in enumerate(zip(cols, extents)):
        if col is None:
            wide = _column_of(extent, columns, size)
            if wide is not None and wide not in cols and wide + 1 not in cols:
                out[k] = wide
    return out


def set_beside(above: Sequence[Char], line: Sequence[Char]) -> bool:
    """Does ``line`` start less than OFFSET font sizes below ``above``: set beside it, not under it?

    Two lines of one column follow at a pitch of a line height at least; a
    line closer than that stands in other columns of the same row, centred
    on (or raised beside) the text of the line above. ``row_starts`` asks
    that the two share no column: a line under text in its own column that
    close is the next row's, the one above a wrapped line that ran past its
    row's height (Gnumeric: 「号」 of 「第69条第2項第3号」 6 pt above row 32).
    """
    size = max(min(median(c["size"] for c in above), median(c["size"] for c in line)), 1.0)
    return min(c["top"] for c in line) - min(c["top"] for c in above) < OFFSET * size


def _after_a_break(cols: Sequence[int | None], filled: set[int], used: set[int]) -> bool:
    """Does a keyless line go on with the row's text in its columns, one of them after a hard line break?

    Every column the line has text in holds the row's text, and all but one
    were filled (wrapped there); the one left goes on after a break (fpdf2: a
    description broken after 「「DV等相談記録管理システム」」, beside the
    wrapped end of 「オンライン結合・システム／導入」).
    """
    return all(col in used for col in cols) and sum(1 for col in cols if col not in filled) == 1


def _keyed(chunks: Sequence[Sequence[Extent]], columns: Sequence[Extent]) -> bool:
    """Do most lines with text in two or more columns have text in the first (a number, a key)?

    Then a row opens with its key, and a line of one chunk with none, in a
    column where the row above has text, continues that text after a hard
    line break (fpdf2: a description broken after a short first line), even
    though the row's text did not fill the column. A line with two or more
    chunks and no key starts a row of its own unless all but one of them
    go on in columns the row filled (``_after_a_break``).
    """
    multi = [cols for cols in ([_column_of(e, columns) for e in extents] for extents in chunks) if len(cols) >= 2]
    return 2 * sum(1 for cols in multi if 0 in cols) > len(multi)


def _modal_columns(chunks: Sequence[Sequence[Extent]]) -> list[Extent]:
    """Merged extents of the chunks of the lines with the most common chunk count (two or more)."""
    counts: dict[int, int] = {}
    for extents in chunks:
        if len(extents) >= 2:
            counts[len(extents)] = counts.get(len(extents), 0) + 1
    if not counts:
        return []
    n_cols = max(counts, key=lambda n: (counts[n], n))
    out: list[Extent] = []
    for lo, hi in sorted(e for extents in chunks if len(extents) == n_cols for e in extents):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def header_borders(lines: Sequence[Sequence[Char]], chunks: Sequence[Sequence[Extent]],
                   borders: list[float]) -> list[float]:
    """Column borders of a table whose header wraps over lines of its own pitch (``header_lines``).

    Headings centred over numbers set flush right lie beside the body's
    columns and may reach past the middle of the gap between two of them;
    read together with the body they make columns of their own. Here the
    columns come from the body's rows alone and each border goes to the
    middle of the widest stretch of its gap that no heading crosses.
    """
    n_header = header_lines(lines)
    if n_header < 2:
        return borders
    columns = _modal_columns(chunks[n_header:])
    if len(columns) < 2:
        return borders
    headings = [e for extents in chunks[:n_header] for e in extents]
    out = []
    for (_, left), (right, _) in pairwise(columns):
        cuts = sorted({left, right, *(x for lo, hi in headings for x in (lo, hi) if left < x < right)})
        free = [(a, b) for a, b in pairwise(cuts) if not any(lo < (a + b) / 2 < hi for lo, hi in headings)]
        a, b = max(free, key=lambda ab: ab[1] - ab[0]) if free else (left, right)
        out.append((a + b) / 2)
    return out


def split_at_borders(chunks: Sequence[Sequence[Char]], borders: Sequence[float]) -> list[list[Char]]:
    """A line's chunks, each cut where it crosses a column border at a gap in its text.

    A description that fills its column may end closer to the next column's
    text than the widest gap inside a cell (Calc: 0.26 font sizes between
    two kanji, 0.66 before a Latin letter), so the two make one chunk. Where
    the table's other lines leave a clear gutter (``clear_borders``), a gap
    in that chunk near the border (NEAR font sizes) that is not solid setting
    (SOLID between kanji and kana, SPACE_GAP elsewhere) is that gutter.
    """
    out: list[list[Char]] = []
    for chunk in chunks:
        out.append([chunk[0]])
        for left, right in pairwise(chunk):
            if any(_gutter_at(left, right, x) for x in borders):
                out.append([])
            out[-1].append(right)
    return out


def _gutter_at(left: Char, right: Char, x: float) -> bool:
    size = max(min(left["size"], right["size"]), 1.0)
    gap = right["x0"] - left["x1"]
    solid = SOLID if _full_width(left["text"]) and _full_width(right["text"]) else SPACE_GAP
    return gap > solid * size and left["x1"] - NEAR * size <= x <= right["x0"] + NEAR * size


def clear_borders(chunks: Sequence[Sequence[Extent]], borders: Sequence[float]) -> list[float]:
    """The column borders that more lines leave clear (text on both sides, none across) than cross."""
    out = []
    for x in borders:
        crossed = sum(1 for extents in chunks if any(lo < x < hi for lo, hi in extents))
        clear = sum(1 for extents in chunks if not any(lo < x < hi for lo, hi in extents)
                    and any(hi <= x for _, hi in extents) and any(lo >= x for lo, _ in extents))
        if clear > crossed:
            out.append(x)
    return out


def uncut_borders(columns: Sequence[Extent], chunks: Sequence[Sequence[Extent]]) -> list[float]:
    """A border in each gap between two columns, at the middle of its widest stretch that no chunk crosses.

    The columns come from the lines with the commonest chunk count, and
    those may be a header's headings wrapped down narrow columns (fpdf2: a
    row alone under a wrapped header on a page of its own): the gap between
    two of them then holds the start of a body cell (a department set left
    beside a description), and its middle would cut that cell's text while
    the line's other chunks sit in columns. Where a chunk crosses the whole
    gap (a heading spanning two columns) it stays at the gap's middle.
    """
    out = []
    for (_, left), (right, _) in pairwise(columns):
        inside = [(lo, hi) for extents in chunks for lo, hi in extents if lo < right and hi > left]
        cuts = sorted({left, right, *(x for lo, hi in inside for x in (lo, hi) if left < x < right)})
        free = [(a, b) for a, b in pairwise(cuts) if not any(lo < (a + b) / 2 < hi for lo, hi in inside)]
        a, b = max(free, key=lambda ab: ab[1] - ab[0]) if free else (left, right)
        out.append((a + b) / 2)
    return out
