"""Lines at the edges of an unruled table's block that are none of its rows: a caption, a page number.

Without rules, the block of lines that makes a table can take in the text
set just under it (the next table's caption, a page's number) when that
text stands in one of its columns; these tests, split out of unruled.py,
tell such a line from a row by its size and where it starts.
"""

from __future__ import annotations

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
from pipeline.extract.tables import PAGE_NUMBER

Char = dict[str, Any]


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
    return block[:-1] if not same_size(block[-1], median(rows)) or _off_centre(last[0], block[:-1]) else block


def off_centred_cells(chunk: Sequence[Char], rows: Sequence[Sequence[Char]]) -> bool:
    """Is a lone chunk over rows whose first cells are centred (their left edges apart) off their centre?

    Then it is no heading of the first column, which a centred table
    centres like its cells, but a caption at the margin (matplotlib's
    centred summary tables: 「(3) 外部提供の審査基準」 above a page's first
    table, within the first column's borders, was read as a heading).
    """
    firsts = [cs[0] for cs in map(line_chunks, rows) if len(cs) >= 2]
    size = max(min(c["size"] for c in chunk), 1.0)
    if len(firsts) < 2 or max(_extent(c)[0] for c in firsts) - min(_extent(c)[0] for c in firsts) <= size:
        return False  # first cells sharing a left edge: not centred
    return _off_centre(chunk, rows)


def _off_centre(chunk: Sequence[Char], rows: Sequence[Sequence[Char]]) -> bool:
    """Does a chunk that starts in the margin stand off the centre of the rows' first cells too?

    A first column whose cells are centred has no common left edge: a
    wrapped line wider than the others starts left of them all, but on the
    same centre. A caption set at the margin (Calc's and LaTeX's centred
    summary tables, 「(3) 外部提供の審査基準」 in the rows' size) centres on none.
    """
    firsts = [cs[0] for cs in map(line_chunks, rows) if len(cs) >= 2]
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
