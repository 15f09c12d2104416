"""Cells merged over rows in a list: each row they cover reads their text.

Extraction keeps a merged cell's text once, in its first row, and an empty
``spanned`` placeholder in each row below (docs/tables.md), so that
``raw_cells`` never shows a copy. A list's row, though, is a record: one
担当部課 or 実施機関 cell merged over six rows is the department of each of
them. This module gives each row its merged cells' text, on the page and
across a page break that cut the merged cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pipeline.types import Cell, Finding


def merged_down_columns(rows: Sequence[tuple[Cell, ...]]) -> set[int]:
    """Grid columns where some cell is merged over rows: a list that merges runs of one value there."""
    return {c.col for row in rows for c in row if c.row_span > 1}


def carried_over_page(cell: Cell, above: Cell | None, page_top: bool, merged: set[int]) -> bool:
    """Whether an empty cell at the top of a page is the rest of a cell merged down on the page before.

    An office suite prints a merged cell that a page break cuts as two cells,
    its text only in the first (LibreOffice Writer and Calc alike): the rows
    at the top of the next page have an empty cell there. wkhtmltopdf draws
    that rest as an empty cell merged over those rows, its top row a band left
    empty at the page's edge (no record), so the page's first record holds a
    placeholder of it (``Cell.spanned``): the same rest. Only in a column
    whose runs are merged, and only from the last row of the page just before.
    """
    return (page_top and not cell.text.strip() and cell.col in merged
            and above is not None and bool(above.text.strip()) and above.page_no == cell.page_no - 1)


def spans_filled(rows: Sequence[tuple[Cell, ...]]) -> tuple[list[tuple[Cell, ...]], list[Finding]]:
    """Rows where each placeholder of a cell merged down (``Cell.spanned``) holds the merged cell's text.

    In a list, one 担当部課 or 実施機関 cell merged over several rows is the value of
    each of them: extraction keeps the text once (no copy is invented there), and
    the list reads it for every row it covers, with the merged cell's position.
    A merged cell cut by a page break (``carried_over_page``) reaches the rows
    it covers on the next page too, each such cell with a finding, since the
    page shows an empty cell there.
    """
    merged = merged_down_columns(rows)
    above: dict[int, Cell] = {}
    out = []
    findings: list[Finding] = []
    previous_page: int | None = None
    for row in rows:
        page_top = bool(row) and previous_page is not None and row[0].page_no > previous_page
        filled = []
        for cell in row:
            source = above.get(cell.col)
            if cell.spanned and source is not None and source.page_no == cell.page_no:
                cell = dataclasses.replace(cell, text=source.text, bbox=source.bbox, source=source.source,
                                           confidence=source.confidence)
            elif carried_over_page(cell, source, page_top, merged) and source is not None:
                cell = dataclasses.replace(cell, text=source.text, source=source.source,
                                           confidence=source.confidence)  # its own page and box: where it runs on
                above[cell.col] = cell
                findings.append(Finding("span_continued", cell.page_no, (
                    f"the empty cell at the top of page {cell.page_no} in merged grid column {cell.col} reads "
                    f"as the rest of the merged cell {source.text!r} that the page break cut")))
            elif not cell.spanned:
                above[cell.col] = cell
            filled.append(cell)
        out.append(tuple(filled))
        previous_page = row[0].page_no if row else previous_page
    return out, findings


def cell_over_fields(cells: dict[str, Cell], page_no: int, what: str) -> list[Finding]:
    """A finding for each cell that stands under two fields' headings or more: its text is given to each.

    A list's or a summary's row holds one value per field; a cell merged
    across two fields' columns is most likely two cells' texts run together
    (set with no gap and no rule between them: the extract stage saw one
    phrase across the border) or a value overhanging an empty neighbour.
    Each field it covers reads the whole text, so at least one is wrong:
    never silently (``cell_over_fields``, counted on the CLI line).
    """
    fields: dict[int, list[str]] = {}
    for field, cell in cells.items():
        if cell.text.strip() and not cell.spanned:
            fields.setdefault(id(cell), []).append(field)
    return [Finding("cell_over_fields", page_no, f"{what}: one cell under {', '.join(names)}, its text "
                    f"{cells[names[0]].text!r} given to each (two cells' texts run together?)")
            for names in fields.values() if len(names) >= 2]
