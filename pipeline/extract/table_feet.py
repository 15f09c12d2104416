"""Lines at the edges of an unruled table's block that are none of its rows: a caption, a page number.

Without rules, the block of lines that makes a table can take in the text
set just under it (the next table's caption, a page's number) when that
text stands in one of its columns; these tests, split out of unruled.py,
tell such a line from a row by its size and where it starts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median
from typing import Any

from pipeline.extract.alignment import (
    HANG,
    SIZE_TOLERANCE,
    _extent,
    chunk_columns,
    line_chunks,
    runs_past_columns,
)
from pipeline.extract.line_places import same_size
from pipeline.extract.tables import PAGE_NUMBER, UNIT_ONLY

Char = dict[str, Any]

NOTE_OPENING = 6  # characters: a first chunk this long holds a note's words, not only its mark and number
HEADER_LINES = 6  # a table's header set apart from its body has at most this many lines

# 注記の記号: a note under a table opens with ※ or an asterisk, 「注」 numbered or in brackets (「注1」「(注)」
# 「注：」, never a word such as 注射), or 「備考」; as printed or after NFKC
NOTE = re.compile(r"^\s*(?:[※＊*]|[(（]\s*注|注\s*[0-9０-９:：.．)）、]|備考\s*[:：]?)")


def is_note(text: str) -> bool:
    """Does a line's text open as a note under a table (「※1 有無の欄は…」, 「（注）…」)?"""
    return bool(NOTE.match(text))


def note_line(chunks: Sequence[Sequence[Char]]) -> bool:
    """Is a line of these chunks a note: its text opens with a note mark, and every chunk before its last one is
    a mark or a number set apart (「※」「1」「有無の欄は…」: LaTeX spaces them) or its first chunk already holds
    the note's words (LaTeX justifies a note's line, its spaces at 「有」 wide enough to part chunks)?"""
    texts = chunk_texts(chunks)
    if not texts or not is_note("".join(texts)):
        return False
    return len(texts) <= 3 and sum(map(len, texts[:-1])) <= 4 or len(texts[0]) >= NOTE_OPENING


def notes_from(lines_chunks: Sequence[Sequence[Sequence[Char]]]) -> int | None:
    """Where the notes at a block's foot start: a note line (its mark perhaps a chunk of its own) with only lone
    lines after it, its wrapped lines and the notes after it; None: no notes there. A block of a table's last
    rows and its notes is too short to be cut at running lines (a text block ends at each padded row)."""
    noted = [note_line(cs) for cs in lines_chunks]
    for i, note in enumerate(noted):
        if note and all(len(other) < 2 or later for other, later in zip(lines_chunks[i + 1:], noted[i + 1:])):
            return i
    return None


def ends_with_caption(table: Sequence[Sequence[Char]]) -> bool:
    """Does the table end with a line that captions the table after it?

    ``_split_at_running_lines`` keeps a table's last line, even one that
    runs past its columns in a size of its own: Camelot's stream reads a
    note under a table as the table's. When another table follows, such a
    line is that table's caption, set at the table's row pitch (matplotlib
    pads its rows as far apart as the caption stands: 「（2）目的外利用の審査基準」
    under the first table's 「合計」, 10 pt over 9 pt rows).
    """
    chunked = [line_chunks(ln) for ln in table]
    if len(chunked) < 2 or len(chunked[-1]) != 1:
        return False
    rows = [c["size"] for ln, cs in zip(table, chunked) if len(cs) >= 2 for c in ln]
    if not rows:
        return False
    body, size = median(rows), median(c["size"] for c in table[-1])
    return abs(size - body) > SIZE_TOLERANCE * body and runs_past_columns(chunked[-1][0], chunk_columns(chunked))


def without_margin_foot(block: list[Sequence[Char]], columns: Sequence[tuple[float, float]]
                        ) -> list[Sequence[Char]]:
    """A table's lines without a last line in a size of its own that starts in the margin beside it.

    ``_split_at_running_lines`` keeps a table's last line (Camelot's stream
    reads a note under a table as the table's), but a line starting left of
    every column (``in_margin``) is no cell: LaTeX sets the caption of the
    table on the next page there, at the foot of the page, under the last
    table (「(3) 外部提供の審査基準」 was read as an agency of the table above), in a size of its own or
    off the centre of the first cells (``_off_centre``). Nor is a page number
    (「- 11 -」 centred under a centred table's description column).
    """
    last = line_chunks(block[-1]) if len(block) >= 2 else []
    if len(last) == 1:  # the columns of the lines above it: the line itself would open the first (LaTeX centred)
        columns = chunk_columns([line_chunks(ln) for ln in block[:-1]]) or columns
    if len(last) != 1 or not (in_margin(last[0], columns) or _page_number(last[0])):
        return block
    rows = [c["size"] for ln in block[:-1] if len(line_chunks(ln)) >= 2 for c in ln]
    if not rows:
        return block
    return block[:-1] if not same_size(block[-1], median(rows)) or _off_centre(last[0], _first_cells(block[:-1])) else block


def off_centred_cells(chunk: Sequence[Char], rows: Sequence[Sequence[Char]]) -> bool:
    """Is a lone chunk over rows whose first cells are centred (their left edges apart) off their centre?

    Then it is no heading of the first column, which a centred table
    centres like its cells, but a caption at the margin (matplotlib's
    centred summary tables: 「(3) 外部提供の審査基準」 above a page's first
    table, within the first column's borders, was read as a heading).
    """
    firsts = _first_cells(rows)
    size = max(min(c["size"] for c in chunk), 1.0)
    if len(firsts) < 2 or max(_extent(c)[0] for c in firsts) - min(_extent(c)[0] for c in firsts) <= size:
        return False  # first cells sharing a left edge: not centred
    return _off_centre(chunk, firsts)


def _first_cells(rows: Sequence[Sequence[Char]]) -> list[Sequence[Char]]:
    """The first chunk of each line of two chunks or more: the rows' first cells."""
    return [cs[0] for cs in map(line_chunks, rows) if len(cs) >= 2]


def _off_centre(chunk: Sequence[Char], firsts: Sequence[Sequence[Char]]) -> bool:
    """Does a chunk that starts in the margin stand off the centre of the rows' first cells too?

    A first column whose cells are centred has no common left edge: a
    wrapped line wider than the others starts left of them all, but on the
    same centre. A caption set at the margin (Calc's and LaTeX's centred
    summary tables, 「(3) 外部提供の審査基準」 in the rows' size) centres on none.
    """
    if not firsts:
        return False
    centre = median(sum(_extent(c)) / 2 for c in firsts)
    size = max(min(c["size"] for c in chunk), 1.0)
    return abs(sum(_extent(chunk)) / 2 - centre) > size


def _page_number(chunk: Sequence[Char]) -> bool:
    text = "".join(c["text"] for c in chunk)
    return bool(PAGE_NUMBER.match(text)) and any(ch.isdigit() for ch in text)


def in_margin(chunk: Sequence[Char], columns: Sequence[tuple[float, float]]) -> bool:
    """Does a lone chunk start in the margin left of the table, more than a character before its first column?

    A cell's text starts in its column (a hanging mark or a centred heading
    reaches a character past it at most); a caption or heading set flush
    with the page's margin beside a narrower centred table (LaTeX's
    「(4) オンライン結合…」 at the text's left edge, the table 71 pt further in)
    starts in no column, so ``runs_past_columns`` cannot tell it from a
    cell: it is running text, not a row.
    """
    if not columns:
        return False
    lo, size = _extent(chunk)[0], max(min(c["size"] for c in chunk), 1.0)
    return lo < columns[0][0] - HANG * size


def caption_over_repeat(upper: Sequence[Sequence[Char]], lower: Sequence[Sequence[Char]]) -> bool:
    """Does ``upper`` end with a lone line, a caption, right above ``lower`` opening with a header ``upper`` holds?

    ``opens_repeated_header`` within a block; here across two, which share
    their columns: Calc's centred summary tables leave more space above a
    caption than between rows, so the caption opens the next block, with
    the next table's header (``_column_groups`` asks with the caption moved
    up), and a caption can end a block too. A lone line that repeats one of
    ``upper`` is the first line of the header printed again (matplotlib
    centres a heading of three lines on the header's middle line).
    """
    if len(upper) < 2 or not lower or len(line_chunks(upper[-1])) != 1:
        return False
    seen = {chunk_texts(line_chunks(ln)) for ln in upper[:-1]}
    if chunk_texts(line_chunks(upper[-1])) in seen:
        return False  # a header's own first line repeats too
    for ln in lower[:HEADER_LINES]:  # the header again, its lines of one chunk included, up to one of several
        texts = chunk_texts(line_chunks(ln))
        if texts not in seen:
            return False
        if len(texts) >= 2:
            return True
    return False


def chunk_texts(chunks: Sequence[Sequence[Char]]) -> tuple[str, ...]:
    """Each chunk's text: what the repeat and note tests compare."""
    return tuple("".join(c["text"] for c in chunk) for chunk in chunks)


def unit_only(chunk: Sequence[Char]) -> bool:
    """Is a lone chunk the table's unit (「（単位：件）」), set above it in any size: a caption, no heading?"""
    return bool(UNIT_ONLY.match("".join(c["text"] for c in chunk)))


def opens_repeated_header(texts: Sequence[tuple[str, ...]], i: int) -> bool:
    """Does line ``i`` stand right above a line of several chunks that repeats one above it (a next table's header)?

    ``texts``: each line's chunk texts. A caption short enough to fit the first column (Calligra's
    「(3)外部提供の審査基準」 over a table whose header repeats the one of the table above) neither runs past the
    columns nor starts in the margin; the same header again right under it says a new table starts there, so the
    caption is no row of the last one.
    """
    if not 0 < i < len(texts) - 1 or len(texts[i + 1]) < 2:
        return False
    return texts[i + 1] in texts[:i]
