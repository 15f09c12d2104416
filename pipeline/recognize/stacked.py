"""A header set over several lines that the extractor read as several rows: the rows joined column by column.

An unruled table (no rule under its header) gives each line of its header
a row of its own when the headings wrap to different numbers of lines: iText
sets 「条例要配慮個人情報(有/無)」 over three lines in its narrow column, the
other headings over one or two, and the first row read holds 「条」 alone. No
table kind takes that row for a header, and the whole list went unread (with
a finding). Where the first row fits no kind, the first two, then three rows
joined column by column (each column's lines in order) are tried as the
header; a page that repeats the header repeats the same rows, which are
then dropped from the body (a case's row never reads as a header's line).
The rows are joined by grid column: a ruled header of two rows (運用状況
tables' 見出しの二段組み) has cells spanning both rows over most columns and
a group heading over two, whose own sub-headings stand under it; each
column reads its own heading, the group left out where a sub-heading names
the column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pipeline.types import Cell, Table

MAX_HEADER_ROWS = 3  # a heading wrapped over more lines than this is not taken for one


def stacked_headers(table: Table) -> list[tuple[int, Table]]:
    """The table read with its first k rows (k = 2 .. MAX_HEADER_ROWS) joined into its header, for each k."""
    rows = (table.header, *table.rows)
    out = []
    for k in range(2, MAX_HEADER_ROWS + 1):
        if len(rows) <= k or len({sum(c.col_span for c in r) for r in rows[:k]}) != 1:
            break  # rows over different grid columns (a line of prose above a table) are no header's
        widest = max(rows[:k], key=len)  # a cell for each grid column: a row under a group heading
        header = tuple(dataclasses.replace(cell, text=_joined(_column_texts(rows[:k], cell.col)),
                                           spanned=False, row_span=1) for cell in widest)
        texts = [tuple(c.text for c in r) for r in rows[:k]]
        body = _without_repeats(rows[k:], texts)
        out.append((k, dataclasses.replace(table, header=header, rows=tuple(body))))
    return out


def _column_texts(rows: Sequence[tuple[Cell, ...]], col: int) -> list[str]:
    """The texts over grid column ``col``, row by row: each row's cell covering it, a group heading spanning this
    column and others left out where a cell of this column alone names it (「個人情報の有無」 over 「要配慮個人情報」
    and 「条例要配慮個人情報」: the group is no part of either field's name)."""
    covering = [c for r in rows for c in r if c.col <= col < c.col + c.col_span and c.text.strip()]
    own = [c for c in covering if c.col_span == 1]
    return [c.text for c in (own or covering)]


def _joined(lines: Sequence[str]) -> str:
    return "".join(line.strip() for line in lines if line.strip())


def _without_repeats(rows: Sequence[tuple[Cell, ...]], header: Sequence[tuple[str, ...]]) -> list[tuple[Cell, ...]]:
    """The body less each row that repeats one of the header's rows (a page's repeated header, of which the page
    joining may have dropped the first row already)."""
    lines = set(header)
    return [r for r in rows if tuple(c.text for c in r) not in lines]
