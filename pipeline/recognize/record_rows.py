"""A list that prints each record over two or three table rows: each record's rows read as one row.

A sheet too narrow for a list's long free text beside its short fields prints
each record over two lines of the table: the first row No., 担当部課, 実施機関
and the flags; the second the long text (委託の内容) in one cell merged across
the table (or across all but No., merged down over both rows). Its header is
printed the same way, on two rows. Read row by row, the header's first row
misses the long text's field (no table kind fits it) and the second rows are
records of their own.

Such a table is told by its header: the rows after its first hold only cells
merged across two grid columns or more (a group header's sub-headings, under a
heading merged across them, are one column each and are ``stacked.py``'s), and
its body repeats the header's arrangement, a record's later rows laid out as
the header's later rows are. Each later row's cells become columns of their
own after the first row's, in the header and in every record; the table is
then read as any list. A record whose later rows are missing, and a later row
with no record above it, are findings: nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.types import Cell, Finding, Table, grid_width

MAX_RECORD_ROWS = 3  # a record printed over more table rows than this is not taken for one
MIN_WHOLE_RECORDS = 0.8  # the share of body rows inside whole records for the table to read so: a list of
# another layout whose rows happen to alternate with a wide row (a note under some cases) stays as it is

Shape = tuple[tuple[int, int], ...]


def _placed(row: Sequence[Cell]) -> list[Cell]:
    """A row's own cells: placeholders of cells merged down left out, and empty cells of one column (the rest of
    No. merged down beside the long text, which a page break cut: an empty cell there)."""
    return [c for c in row if not c.spanned and (c.text.strip() or c.col_span > 1)]


def _shape(row: Sequence[Cell]) -> Shape:
    """Where a row's own cells stand: (grid column, columns spanned)."""
    return tuple((c.col, c.col_span) for c in _placed(row))


def _repeats(row: Sequence[Cell], head: Sequence[Cell]) -> bool:
    """Whether a body row is a header row printed again over a page: laid out alike, every cell but one in three
    the same text (a spreadsheet draws the rest of No. merged down, which the page break cut, into the repeated
    header's No. cell: 「No 12」)."""
    if _shape(row) != _shape(head):
        return False
    mine, theirs = _placed(row), _placed(head)
    differ = sum(1 for a, b in zip(mine, theirs, strict=True) if a.text.strip() != b.text.strip())
    return differ <= (len(theirs) - 1) // 3


def _is_plain(row: Sequence[Cell]) -> bool:
    """A row of one cell per grid column (a header whose columns are read one by one)."""
    return bool(row) and all(c.col == i and c.col_span == 1 for i, c in enumerate(row))


def _is_wide(row: Sequence[Cell]) -> bool:
    """A header row below the first made only of headings merged across two columns or more."""
    own = _placed(row)
    return bool(own) and any(c.text.strip() for c in own) and all(c.col_span >= 2 for c in own)


@dataclass(frozen=True)
class RecordRows:
    """The table read one record a row, and what did not fit the arrangement (the first finding says how many rows
    a record takes)."""

    table: Table
    findings: tuple[Finding, ...]


def records_over_rows(table: Table) -> RecordRows | None:
    """The table with each record's rows joined into one, when its header and body are so arranged; else None."""
    rows = (table.header, *table.rows)
    for k in range(2, MAX_RECORD_ROWS + 1):
        head = rows[:k]
        if len(rows) < 2 * k or not _is_plain(head[0]) or not _is_wide(head[-1]):
            break
        if any(grid_width(r) != grid_width(head[0]) for r in head):
            break
        body = [r for r in rows[k:] if not any(_repeats(r, h) for h in head)]  # a page's repeated header
        later = [_shape(h) for h in head[1:]]
        records, stray, rests = _grouped(_merged_cells_moved_down(body, later), later)
        whole = sum(1 for r in records if len(r) == k)
        if whole * k < MIN_WHOLE_RECORDS * len(body):
            continue
        width = grid_width(head[0])
        header = _joined(head, width, later)
        extra = len(header) - width
        read = dataclasses.replace(table, header=header, rows=tuple(_joined(r, width, later, extra) for r in records))
        return RecordRows(read, tuple(_findings(table, records, stray, rests, k)))
    return None


Rows = list[tuple[Cell, ...]]


def _grouped(body: Sequence[tuple[Cell, ...]], later: Sequence[Shape]) -> tuple[list[Rows], Rows, Rows]:
    """The body's records (a first row, then the later rows that follow it laid out as the header's), the later
    rows with no record above them, and the rests of a record's last row over a page break (joined to it)."""
    records: list[Rows] = []
    stray: Rows = []
    rests: Rows = []
    for row in body:
        shape = _shape(row)
        wanted = later[len(records[-1]) - 1] if records and len(records[-1]) <= len(later) else None
        if wanted is not None and _fits(row, wanted):
            records[-1].append(row)
        elif wanted is not None and _fits(bare := _without_copies(row, records[-1][0]), wanted):
            records[-1].append(bare)
        elif records and len(records[-1]) > 1 and _is_rest(row, records[-1][-1]):
            records[-1][-1] = _with_rest(records[-1][-1], row)
            rests.append(row)
        elif shape in later:
            stray.append(row)
        else:
            records.append([row])
    return records, stray, rests


def _merged_cells_moved_down(body: Sequence[tuple[Cell, ...]], later: Sequence[Shape]) -> list[tuple[Cell, ...]]:
    """The body with a cell merged down from a page's first row moved to the row below, where that first row is
    otherwise a record's later row (the rest of the record before the page break).

    A producer that draws no rest of a merged cell cut by a page break (PyMuPDF: No. merged down beside the long
    text) leaves no rule above the next record's No., and the grid reads that No. as merged over the rest's row
    too: 「67」 beside the rest of No. 66's text, over three rows where a record has two."""
    out = list(body)
    for i in range(len(out) - 1):
        row, below = out[i], out[i + 1]
        if i and row and out[i - 1] and row[0].page_no == out[i - 1][0].page_no:
            continue  # only at a page's top
        for cell in row:
            if cell.row_span < 2 or cell.col_span != 1 or not cell.text.strip():
                continue
            under = [c for c in below if c.spanned and c.col == cell.col]
            rest = tuple(dataclasses.replace(c, text="") if c is cell else c for c in row)
            if under and any(_fits(rest, shape) for shape in later):
                out[i] = rest
                out[i + 1] = tuple(dataclasses.replace(cell, row=c.row, row_span=cell.row_span - 1, bbox=c.bbox)
                                   if c is under[0] else c for c in below)
                break
    return out


def _without_copies(row: tuple[Cell, ...], lead: Sequence[Cell]) -> tuple[Cell, ...]:
    """A row on a later page than its record's first row, less the text of a cell merged down that the page break
    cut and the producer drew again there (PyMuPDF, Gnumeric: No. 「67」 beside the rest of the record)."""
    if not row or not lead or row[0].page_no <= lead[0].page_no:
        return row
    above = {c.col: c.text.strip() for c in lead if c.col_span == 1 and c.text.strip()}
    return tuple(dataclasses.replace(c, text="") if c.col_span == 1 and c.text.strip() and
                 above.get(c.col) == c.text.strip() else c for c in row)


def _fits(row: Sequence[Cell], shape: Shape) -> bool:
    """Whether a row is laid out as a record's later row of ``shape``: the same cells, or, where that row is one
    cell, only cells across two columns or more (a browser that broke the row above over the page draws its column
    rules on into this one: 「各種検（健）診結果…」 over two columns and three empty cells beside it)."""
    if _shape(row) == shape:
        return True
    return len(shape) == 1 and bool(_placed(row)) and all(c.col_span >= 2 for c in _placed(row))


def _later_cells(row: Sequence[Cell], shape: Shape) -> list[Cell]:
    """A record's later row as the header's later row has its cells (``_fits``): one cell per heading."""
    placed = _placed(row)
    if _shape(row) == shape:
        return placed
    col, span = shape[0]
    box = placed[0].bbox
    for c in placed[1:]:
        box = box.union(c.bbox)
    return [dataclasses.replace(placed[0], text="".join(c.text for c in placed), bbox=box, col=col, col_span=span)]


def _is_rest(row: Sequence[Cell], last: Sequence[Cell]) -> bool:
    """Whether a later row at the top of a page is the rest of the record's last row, which the page break cut (an
    office suite prints the lines of a tall row that do not fit at the foot of a page at the top of the next)."""
    return _shape(row) == _shape(last) and bool(row) and bool(last) and row[0].page_no > last[0].page_no


def _with_rest(last: Sequence[Cell], rest: Sequence[Cell]) -> tuple[Cell, ...]:
    """The record's last row with the rest of each cell appended (a line break inside the cell: no separator)."""
    more = iter(_placed(rest))
    placed = {id(c) for c in _placed(last)}
    return tuple(dataclasses.replace(c, text=c.text + next(more).text) if id(c) in placed else c for c in last)


def _joined(rows: Sequence[Sequence[Cell]], width: int, later: Sequence[Shape],
            extra_columns: int | None = None) -> tuple[Cell, ...]:
    """One row: the first row's cells, then each later row's own cells as columns ``width``, ``width`` + 1, …,
    then empty cells up to ``extra_columns`` of them (a record whose later rows are missing).

    A cell merged down over the record's rows (No. beside the long text) covers one joined row; one merged over
    several records keeps its span in records, so that each record it covers reads it."""
    k = len(later) + 1
    first = tuple(dataclasses.replace(c, row_span=max(1, -(-c.row_span // k))) for c in rows[0])
    extra: list[Cell] = []
    for row, shape in zip(rows[1:], later, strict=False):
        for cell in _later_cells(row, shape):
            extra.append(dataclasses.replace(cell, row=first[0].row if first else cell.row,
                                             col=width + len(extra), col_span=1, row_span=1))
    while extra_columns is not None and len(extra) < extra_columns:
        extra.append(dataclasses.replace(first[-1], text="", col=width + len(extra), col_span=1, row_span=1,
                                         spanned=False, confidence=None, choices=()))
    return (*first, *extra)


def _findings(table: Table, records: Sequence[Rows], stray: Rows, rests: Rows, k: int) -> list[Finding]:
    """How the table was read, a finding for each record missing a later row, and one for each stray later row."""
    pages = table.pages
    where = f"table {table.table_no}" + (f" (page {pages[0]})" if pages else "")
    out = [Finding("records_over_rows", pages[0] if pages else None, (
        f"{where}: each record printed over {k} rows under a header of {k} rows; "
        f"read one record a row ({len(records)} records)"), table.last_page)]
    for record in records:
        if len(record) < k:
            out.append(Finding("record_rows_missing", record[0][0].page_no, (
                f"{where}: the record {[c.text for c in record[0]]!r} has {len(record)} of its {k} rows; "
                "the fields of the rows missing are empty")))
    for row in rests:
        out.append(Finding("row_continued", row[0].page_no, (
            f"{where}: {[c.text for c in _placed(row)]!r} at the top of page {row[0].page_no} is the rest of the "
            "record above it, broken over the page; its parts were joined")))
    for row in stray:
        out.append(Finding("record_row_unplaced", row[0].page_no, (
            f"{where}: the row {[c.text for c in row]!r} is laid out as a record's later row but follows no "
            "record; its text is in no field of any case")))
    return out
