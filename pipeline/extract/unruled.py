"""Tables with no rules at all: which blocks of text are tables, their headers and captions, their grids.

Without rules, a table stands only in the alignment of its text (alignment.py
reads chunks, columns and lines). Here the page's text is cut into blocks
(``alignment.text_blocks``), blocks that share their columns are joined
across the gaps producers leave (a new group, rows padded to a tall
neighbour), captions and running text are left out, the short block just
above a table becomes its header, and each table becomes a grid of virtual
rules (``alignment._grid``), its rows from wrapped.py and hanging.py. A
block aligned like a table of which no table was made is reported
(``unread_blocks``), so that its rows are not lost in the running text unseen.

Every distance is relative to the font size of the text involved.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

from pipeline.extract.alignment import (
    MIN_TABLE_LINES,
    SIZE_TOLERANCE,
    _extent,
    _grid,
    chars_to_rows,
    chunk_columns,
    column_borders,
    is_tabular,
    line_borders,
    line_chunks,
    line_height,
    runs_past_columns,
    text_blocks,
)
from pipeline.extract.fits import unwrapped_starts
from pipeline.extract.hanging import continues_label
from pipeline.extract.narrow_gutters import gapped_borders
from pipeline.extract.overset import cut_hung_at_borders, line_extents
from pipeline.extract.row_sizes import starts_at_size_changes
from pipeline.extract.ruling import Grid, Segment
from pipeline.extract.table_feet import (
    HEADER_LINES,
    caption_over_repeat,
    chunk_texts,
    ends_with_caption,
    in_margin,
    note_line,
    notes_from,
    off_centred_cells,
    opens_repeated_header,
    unit_only,
    without_margin_foot,
)
from pipeline.extract.typed_space import inked_marking_spaces
from pipeline.extract.wrapped import (
    clear_borders,
    header_borders,
    row_starts,
    split_at_borders,
    uncut_borders,
)

Char = dict[str, Any]

PARAGRAPH = 3  # this many lines of running text one under the other are prose in the rows' size, not a title
LONE_ROW_CHUNKS = 4  # a line split into this many chunks may be a table's row even alone (a list's row has 5 or more)
TITLE_LINES = 2  # ... or more, when only this many lines (a title, a page label) stand above headings stacked in columns
HEADER_GAP = 5.0  # ... and stands at most this many line heights above it (Calc centres a wrapped header: 4.2)


Groups = list[tuple[list[Sequence[Char]], bool]]  # ``_column_groups``: blocks, and whether running text opened each


def tabular_blocks(lines: Sequence[Sequence[Char]], groups: Groups | None = None) -> list[list[Sequence[Char]]]:
    """Blocks of text that are tables, each with the header standing above it.

    Neighbouring blocks of text that share their columns are first one
    block (``_column_groups``); a block is a table when enough of its lines
    line up (``is_tabular``). The last lines of the text just above a table,
    short and every chunk over the table's columns, are its header (column
    headings set apart by a gap, or by a rule); a caption or title above
    them, running across the columns from outside the table, is not. A
    block too short to be a table that repeats the last table's columns is
    one (``repeated_layout``).
    """
    out: list[list[Sequence[Char]]] = []
    above: list[Sequence[Char]] | None = None  # the last block, table or not
    last_columns: list[tuple[float, float]] = []  # those of the last table
    for block, after_running_line in _column_groups(lines) if groups is None else groups:
        if after_running_line:  # a line of running text stands above: it is no header
            above = None
        if not is_tabular(block):
            stub = repeated_layout(block, last_columns)
            if stub:
                out.append(stub)
            above = out[-1] if stub else block
            continue
        if out and out[-1] is above and ends_with_caption(above):
            above = out[-1] = above[:-1]  # the next table's caption, not a row of the last one
        columns = last_columns = chunk_columns([line_chunks(ln) for ln in block])
        opened = _without_caption(block, columns)  # a caption opening the block stands between it and the lines above
        n_header = header_count(above, opened, columns) if above is not None and len(opened) == len(block) else 0
        block = without_margin_foot(opened, columns)
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


def _without_caption(block: list[Sequence[Char]], columns: Sequence[tuple[float, float]]) -> list[Sequence[Char]]:
    """A table's lines without the caption lines it opens with.

    A caption is a lone chunk in a size of its own across the columns (a
    title), or a label set flush right over the last column
    (``_flush_right_label``), or a unit line (「（単位：件）」) and every
    lone line above it. A lone chunk over the first column stays otherwise:
    Camelot's stream reads a title there as the table's first row.
    """
    body_size = median(c["size"] for ln in block if len(line_chunks(ln)) >= 2 for c in ln)
    n = 0
    while n < len(block) - 1:
        chunks = line_chunks(block[n])
        if len(chunks) != 1:
            break
        if (_over_columns(chunks[0], columns, body_size, alone=True) and not unit_only(chunks[0])
                and not _flush_right_label(block[n], block[n + 1], columns, body_size)
                and not (_columns_overlapped(_extent(chunks[0]), columns) == [0]
                         and off_centred_cells(chunks[0], block[n + 1:]))):  # a caption over centred first cells
            break
        n += 1
    lone = 0  # the caption above a unit line goes with it, in any size: 「(3) 外部提供の審査基準」 then 「（単位：件）」
    while lone < len(block) - 1 and len(line_chunks(block[lone])) == 1:
        lone += 1
    units = [i for i in range(lone) if unit_only(line_chunks(block[i])[0])]
    return block[max(n, units[-1] + 1 if units else 0):]


def _flush_right_label(line: Sequence[Char], after: Sequence[Char], columns: Sequence[tuple[float, float]],
                       body_size: float) -> bool:
    """Is a lone line a label set flush right above the table, no heading of its last column?

    Reports set an exhibit label or a unit (「資料No.3-2」, 「（単位：千円）」)
    flush with the table's right edge, in a size of its own: within the
    last column, as a heading there would stand (wkhtmltopdf: 6.9 pt over
    5.8 pt rows, a 7.5 pt subtitle under it). A heading alone on the
    header's first line, wrapped over a narrow column, is set in the size
    of the header line under it.
    """
    if len(columns) < 2:
        return False
    lo, hi = _extent(line)
    size = median(c["size"] for c in line)
    if _columns_overlapped((lo, hi), columns) != [len(columns) - 1] or hi < columns[-1][1] - size:
        return False
    return all(abs(size - other) > SIZE_TOLERANCE * other for other in (body_size, median(c["size"] for c in after)))


def repeated_layout(block: Sequence[Sequence[Char]], columns: Sequence[tuple[float, float]]) -> list[Sequence[Char]]:
    """The lines of a short block that repeats the columns of the table above it, without its caption ([]: none).

    Reports print several tables of one layout one under the other, each
    under its caption; the last may start at the foot of a page with its
    header and a row or two, the rest on the next page. Two or more lines,
    each of two or more chunks, whose columns overlap the table's one for
    one, are such a table; a first line of one chunk is its caption.
    """
    rows = list(block[1:] if block and len(line_chunks(block[0])) == 1 else block)
    chunked = [line_chunks(ln) for ln in rows]
    if not columns or len(rows) < 2 or any(len(cs) < 2 for cs in chunked):
        return []
    mine = chunk_columns(chunked)
    if len(mine) == len(columns) and all(a[0] <= b[1] and b[0] <= a[1] for a, b in zip(mine, columns)):
        return rows
    return []


def _column_groups(lines: Sequence[Sequence[Char]]) -> Groups:
    """Blocks of text, neighbours joined when they share their columns; and whether running text opened each.

    A table's sections are often set apart by more space than its rows (a
    subtotal, a new group, or rows a producer pads to the tallest cell of
    a neighbour): a block continues the one above when their columns
    overlap one for one, or when it is a few rows whose every chunk lies in
    one of the columns above (``continues_table``). A line of running text
    between two blocks (``_split_at_running_lines``) keeps them apart.
    """
    groups: Groups = []
    for whole in text_blocks(lines):
        for n, piece in enumerate(_split_at_running_lines(whole)):
            if not piece:
                continue
            if groups and not n and caption_over_repeat(groups[-1][0], piece):
                groups[-1] = (groups[-1][0][:-1], groups[-1][1])  # the caption stays running text only
                groups.append((list(piece), True))
            elif groups and not n and len(piece) > 2 and caption_over_repeat([*groups[-1][0], piece[0]], piece[1:]):
                groups.append((list(piece[1:]), True))
            elif groups and not n and _same_columns(groups[-1][0], piece):
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


def _split_at_running_lines(block: list[Sequence[Char]]) -> list[list[Sequence[Char]]]:
    """A block of lines cut at each inner line of running text (one chunk that runs past its column).

    Text at an even pitch (tables without rules) makes one block of prose,
    captions and tables; a line that fits no column, in another font size
    than the rows (body-size captions, smaller tables), is not a row (a group
    heading spanning the columns in the rows' size is), nor is one of
    PARAGRAPH such lines or more in a run, in any size (a paragraph above
    the table, ICDAR's us-026). The last line stays, and a title of a line
    or two: Camelot's stream reads a title or a note as the table's. A
    line in the rows' size that reaches into a gap but not across its
    middle is no prose line of such a run: Scribus centres wrapped flag
    headings over cells far wider than their 有/無, staggered above the
    other headings' line, and three of them under a label and a caption
    were cut off the header as a paragraph. A note (``table_feet.is_note``:
    「※1 …」 under a list, its mark perhaps a chunk of its own, across the
    columns or after the last row) ends
    the table, its wrapped lines and the caption after it with it. A lone line right above a
    repeat of the header (``opens_repeated_header``) is the next table's
    caption in any size (Calc's centred summary tables, caption and rows in
    one size).
    """
    chunked = [line_chunks(ln) for ln in block]
    notes = notes_from(chunked)  # a table's notes end its block
    block, chunked = block[:notes], chunked[:notes]
    if sum(1 for cs in chunked if len(cs) >= 2) < MIN_TABLE_LINES:
        return [block]
    columns = chunk_columns(chunked)
    row_size = median(c["size"] for ln, cs in zip(block, chunked) if len(cs) >= 2 for c in ln)
    texts = [chunk_texts(cs) for cs in chunked]
    # a lone line over a repeated header, itself no repeat (a header's own first line repeats too: PyMuPDF's
    # centred three-line heading)
    opens = [len(cs) == 1 and opens_repeated_header(texts, i) and texts[i] not in texts[:i]
             for i, cs in enumerate(chunked)]
    running = [len(cs) == 1 and (runs_past_columns(cs[0], columns) or in_margin(cs[0], columns) or opens[i])
               for i, cs in enumerate(chunked)]
    prose = [run and not _within_column(cs[0], columns) for run, cs in zip(running, chunked)]
    out: list[list[Sequence[Char]]] = [[]]
    in_notes = False  # after a note under the table: its wrapped lines and what follows it up to the next table's
    for i, (line, cs) in enumerate(zip(block, chunked)):
        other_size = abs(median(c["size"] for c in line) - row_size) > SIZE_TOLERANCE * row_size
        if note_line(cs) and (not _within_column([c for ch in cs for c in ch], columns)
                              or all(len(o) < 2 for o in chunked[i + 1:])):
            in_notes = True
            out.append([])
        elif in_notes and len(cs) < 2 and (running[i] or note_line(cs)):
            continue  # the note's wrapped lines, the notes after it, the next caption: not a heading in a column
        elif i < len(block) - 1 and running[i] and (other_size or opens[i] or prose[i] and _in_paragraph(prose, i)):
            out.append([])
        else:
            in_notes = False
            out[-1].append(line)
    return [piece for n, piece in enumerate(out) if piece or n == 0]  # an empty first piece: a caption opened it


def _in_paragraph(running: Sequence[bool], i: int) -> bool:
    """Is line ``i`` one of PARAGRAPH consecutive lines or more of running text (a paragraph, not a title)?"""
    lo = hi = i
    while lo > 0 and running[lo - 1]:
        lo -= 1
    while hi < len(running) - 1 and running[hi + 1]:
        hi += 1
    return hi - lo + 1 >= PARAGRAPH


def header_count(upper: Sequence[Sequence[Char]], lower: Sequence[Sequence[Char]],
                 columns: Sequence[tuple[float, float]]) -> int:
    """How many of the last lines of ``upper`` are the header of the table ``lower`` (0: none).

    The header stands close above the table, in a block of at most
    HEADER_LINES lines, is shorter than the table, and each of its chunks
    stands over the table's columns (``_over_columns``): a caption or a
    title above it in the same block is left out. Shorter in lines, or in
    rows when it is not in lines: headings wrapped down narrow columns add
    lines and no row (Gnumeric: seven lines of 「要配慮個人情報(有/無)」 over
    four rows), and fewer of its lines open the first column (``_openings``).
    """
    if not columns or len(upper) > HEADER_LINES and len(upper) - _stacked_headings(upper, columns) > TITLE_LINES:
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
        if len(chunks) == 1 and (unit_only(chunks[0]) or _columns_overlapped(_extent(chunks[0]), columns) == [0]
                                 and off_centred_cells(chunks[0], lower)):
            break  # the table's unit, or a caption over a centred first column: not its heading
        n += 1
    return n if n < len(lower) or _openings(upper[-n:], columns) < _openings(lower, columns) else 0


def _openings(lines: Sequence[Sequence[Char]], columns: Sequence[tuple[float, float]]) -> int:
    """How many of the lines have text over the first column: the rows they open (a row opens with its first cell)."""
    return sum(1 for ln in lines if any(_columns_overlapped(_extent(ch), columns[:1]) for ch in line_chunks(ln)))


def _stacked_headings(upper: Sequence[Sequence[Char]], columns: Sequence[tuple[float, float]]) -> int:
    """How many of the last lines of a block are headings wrapped within their columns.

    A heading in a narrow column wraps into many short lines (Gnumeric
    prints 「要配慮個人情報(有/無)」 over a flag column in six), so a header may
    have more than HEADER_LINES lines; none of its chunks crosses a column
    border (``_within_column``), where every line of a paragraph runs across.
    """
    n = 0
    for line in reversed(upper):
        if not all(_within_column(ch, columns) for ch in line_chunks(line)):
            break
        n += 1
    return n


def _within_column(chunk: Sequence[Char], columns: Sequence[tuple[float, float]]) -> bool:
    """Does a chunk lie between two column borders (a character's width past one allowed)?"""
    lo, hi = _extent(chunk)
    size = max(min(c["size"] for c in chunk), 1.0)
    return not any(lo + size < x < hi - size for x in column_borders(columns))


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
    if _within_column(chunk, columns):
        return True
    return not alone or abs(median(c["size"] for c in chunk) - body_size) <= SIZE_TOLERANCE * body_size


Unread = tuple[tuple[float, float, float, float], int, int, str]  # bbox, lines, chunks a line, why


def unread_blocks(lines: Sequence[Sequence[Char]], tables: Sequence[Sequence[Sequence[Char]]],
                  groups: Groups | None = None) -> list[Unread]:
    """Blocks of text aligned like a table whose lines no table took: where, how big, and why.

    A block of MIN_TABLE_LINES lines or more split into two or more chunks
    that stand in two or more columns is what a table looks like without
    rules (``is_tabular`` measures the same before it asks that the lines
    share the columns); when ``tabular_blocks`` puts those lines in no
    table, the rows stay running text and nothing else would say so. Lines
    of the block that did go into a table (a header, a table cut from its
    caption) are left out first. Chunks that all fall in one column are
    numbered prose (「第１　事故の概要」, 「ア　５月１３日（月）　職員が…」), not a table.
    """
    taken = {id(ln) for table in tables for ln in table}
    out: list[Unread] = []
    for block, _ in _column_groups(lines) if groups is None else groups:
        rest = [ln for ln in block if id(ln) not in taken]
        chunked = [line_chunks(ln) for ln in rest]
        counts = [len(cs) for cs in chunked if len(cs) >= 2]
        if len(counts) < MIN_TABLE_LINES or len(chunk_columns(chunked)) < 2:
            continue  # chunks in one column: numbered prose (「第１　事故の概要」), no table
        why = ("fewer than three of them put chunks in two of its columns" if not is_tabular(rest)
               else "no table was made of them")
        box = (min(c["x0"] for ln in rest for c in ln), min(c["top"] for ln in rest for c in ln),
               max(c["x1"] for ln in rest for c in ln), max(c["bottom"] for ln in rest for c in ln))
        out.append((box, len(rest), max(set(counts), key=counts.count), why))
    return out


def lone_blocks(groups: Groups, tables: Sequence[Sequence[Sequence[Char]]]) -> list[list[Sequence[Char]]]:
    """Short blocks that no table took, with one or two lines of LONE_ROW_CHUNKS chunks or more: rows, perhaps.

    A list broken over a page with no header repeated can leave its last
    row alone on the next page (wkhtmltopdf prints the header once): too
    short for ``is_tabular``, it stayed running text and the row was lost
    with no finding. Such a block becomes a grid marked ``lone``, which
    ``tables.page_tables_to_tables`` keeps only where it continues the table
    on the page before (its first grid, the same columns); elsewhere (a
    caption broken by letter spacing, a page label) it is dropped, its text
    still in the running lines. Lines of fewer chunks may stand with them, a
    header's at most (the header printed again over a summary's last row,
    its headings wrapped: Scribus moves 「合計」 to the next page with the
    table's notes).
    """
    taken = {id(ln) for table in tables for ln in table}
    out = []
    for block, _ in groups:
        counts = [len(line_chunks(ln)) for ln in block]
        wide = sum(1 for n in counts if n >= LONE_ROW_CHUNKS)
        if 0 < wide <= 2 and len(block) <= HEADER_LINES + 2 and not any(id(ln) in taken for ln in block):
            out.append(block)
    return out


def unruled_grids(chars: Sequence[Char]) -> list[tuple[Grid, list[Char]]]:
    """Tables with no rules at all: blocks of lines whose chunks line up in two or more columns."""
    return unruled_tables(chars)[0]


Grids = list[tuple[Grid, list[Char]]]


def unruled_tables(chars: Sequence[Char]) -> tuple[Grids, list[Unread], Grids]:
    """``unruled_grids``, the aligned blocks no table was made of (``unread_blocks``), and the grids of
    ``lone_blocks``: rows alone, which only a table on the page before can take."""
    lines = chars_to_rows(inked_marking_spaces(chars))  # typed_space.py: a space typed in a cell joins its words
    groups = _column_groups(lines)
    blocks = tabular_blocks(lines, groups)
    tables = [g for g in map(_block_grid, blocks) if g is not None]
    lone = [g for g in map(_block_grid, lone_blocks(groups, blocks)) if g is not None]
    return tables, unread_blocks(lines, blocks, groups), lone


def _block_grid(block: Sequence[Sequence[Char]]) -> tuple[Grid, list[Char]] | None:
    """A block's grid of virtual rules and its characters (None: no grid)."""
    block_chars = [c for ln in block for c in ln if not c["text"].isspace()]
    if not block_chars:
        return None
    lo = min(c["x0"] for c in block_chars) - 1
    hi = max(c["x1"] for c in block_chars) + 1
    top = min(c["top"] for c in block_chars) - 1
    bottom = max(c["bottom"] for c in block_chars) + 1
    chunked = [line_chunks(ln) for ln in block]
    gutters = clear_borders([line_extents(cs) for cs in chunked], column_borders(chunk_columns(chunked)))
    gutters = sorted({*gutters, *gapped_borders(chunked)})  # narrow_gutters.py: a No. column beside text
    chunked = [cut_hung_at_borders(split_at_borders(cs, gutters), gutters) for cs in chunked]
    columns = chunk_columns(chunked)  # a description cut from its neighbour at a gutter now sets its column
    extents = [line_extents(cs) for cs in chunked]
    borders = header_borders(block, extents, uncut_borders(columns, extents))
    cols = [(a, b) for a, b in zip([lo, *borders], [*borders, hi])]
    starts = starts_at_size_changes(block, unwrapped_starts(block, extents, cols, row_starts(block, extents, cols)))[1:]
    between = [y for i, (y, start) in enumerate(zip(line_borders(block), starts))
               if start and not (borders and continues_label(*block[i:i + 3], first_border=borders[0]))]
    grid = _grid([lo, hi], [top, *between, bottom], block, [Segment(y, lo, hi) for y in between], [], borders)
    return None if grid is None else (grid, block_chars)
