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
        if len(rows) <= k or any(len(r) != len(table.header) for r in rows[:k]):
            break
        header = tuple(dataclasses.replace(cell, text=_joined([r[i].text for r in rows[:k]]))
                       for i, cell in enumerate(table.header))
        texts = [tuple(c.text for c in r) for r in rows[:k]]
        body = _without_repeats(rows[k:], texts)
        out.append((k, dataclasses.replace(table, header=header, rows=tuple(body))))
    return out


def _joined(lines: Sequence[str]) -> str:
    return "".join(line.strip() for line in lines if line.strip())


def _without_repeats(rows: Sequence[tuple[Cell, ...]], header: Sequence[tuple[str, ...]]) -> list[tuple[Cell, ...]]:
    """The body less each row that repeats one of the header's rows (a page's repeated header, of which the page
    joining may have dropped the first row already)."""
    lines = set(header)
    return [r for r in rows if tuple(c.text for c in r) not in lines]
