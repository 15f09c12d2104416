"""A generic table API: a born-digital page's tables as lists of rows of strings.

The warehouse needs cells with positions; a benchmark, a test or a user who
just wants the grid needs plain strings. Each table comes back with one
string per grid column in every row, as Camelot's ``table.df`` does: a cell
merged over columns or rows holds its text in its top-left position, the
other positions it covers are empty strings.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from pipeline.types import PageTable, grid_width


def page_table_to_rows(table: PageTable) -> list[list[str]]:
    """The table as rows of strings on its grid columns (merged positions empty)."""
    width = max(map(grid_width, table.cells), default=0)
    out = []
    for row in table.cells:
        strings = [""] * width
        for cell in row:
            strings[cell.col] = cell.text
        out.append(strings)
    return out


def pdf_table_rows(data: bytes, pages: Iterable[int] | None = None) -> dict[int, list[list[list[str]]]]:
    """Each wanted page's tables (1-based page numbers), top to bottom, as rows of strings.

    Reads the text layer only (no OCR), through the same chain as the
    pipeline: lean page, glyphs the text layer cannot map taken from pdfium,
    rules, grids completed from the text, cell text. Tables without any text
    are left out, and ``lone`` grids (a row or two alone, which only the
    table of the page before can take).
    """
    import pdfplumber

    from pipeline.extract import open_pdfium, repair_from_pdfium
    from pipeline.extract.lean import lean_page
    from pipeline.extract.textlayer import page_to_tables_and_lines

    wanted = set(pages) if pages is not None else None
    out: dict[int, list[list[list[str]]]] = {}
    pdfium_doc = open_pdfium(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, page in enumerate(pdf.pages):
                page_no = index + 1
                if wanted is not None and page_no not in wanted:
                    continue
                lean = lean_page(page)
                try:
                    repair_from_pdfium(lean, pdfium_doc, index)
                    tables, _ = page_to_tables_and_lines(lean, page_no)
                finally:
                    lean.close()
                tables = sorted(tables, key=lambda t: (t.bbox.top, t.bbox.x0))
                out[page_no] = [page_table_to_rows(t) for t in tables  # a lone grid is a table's rest, not one
                                if not t.lone and any(c.text for r in t.cells for c in r)]
    finally:
        if pdfium_doc is not None:
            pdfium_doc.close()
    return out
