"""The sidebyside style in Writer's .odt and Calc's .xlsx (split out of ``office`` to keep it short): two summary
tables abreast as their users set them.

In the .odt (printed by Writer, AbiWord and Calligra) a pair is an outer table without borders or padding, its width
the text width, of three columns (a half, the GUTTER, a half) and two rows: the captions in the first, each summary
table (as wide as its half) nested in a cell of the second, so that both start at one height; the outer rows kept
together. In the .xlsx (printed by Calc and Gnumeric) the second table is typed in the columns to the right of the
first (F to I, column E the gutter) on the same rows, each caption over its table in the row above, merged across its
four columns; the front sheet's paragraphs merged across all nine columns.
"""

from __future__ import annotations

from .model import FONT_NAMES, Variant
from .sidebyside import GUTTER, Pair

WEIGHTS = (3, 2, 3, 3)  # the front sheet's four columns, as office.xlsx_document sets them


def odt_pair(styles, pair: Pair, variant: Variant, width_cm: float, table):  # type: ignore[no-untyped-def]
    """The outer table holding ``pair``; ``table(t, width_cm)`` makes a summary's table (0.8 of ``width_cm`` wide,
    as every summary: given half/0.8 it fills its half)."""
    from odf.style import Style, TableColumnProperties, TableProperties
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableColumn, TableRow
    from odf.text import P

    doc = styles.doc
    half = width_cm * (1 - GUTTER) / 2
    outer_style = Style(name=f"T{len(styles.cache)}", family="table")
    outer_style.addElement(TableProperties(width=f"{width_cm:.2f}cm", align="left", maybreakbetweenrows="false"))
    doc.automaticstyles.addElement(outer_style)
    styles.cache[("t", id(outer_style))] = outer_style
    outer = OdfTable(name=f"pair{len(styles.cache)}", stylename=outer_style)
    for w in (half, width_cm * GUTTER, half):
        column = Style(name=f"K{len(styles.cache)}", family="table-column")
        column.addElement(TableColumnProperties(columnwidth=f"{w:.3f}cm"))
        doc.automaticstyles.addElement(column)
        styles.cache[("k", id(column))] = column
        outer.addElement(TableColumn(stylename=column))
    bare = styles.cell((False,) * 4, None, padding="0cm")
    halves = [*pair.halves, ("", None)][:2]
    caption_style = styles.paragraph(variant.style.body_font, 10, "start")
    for row_of in ("caption", "table"):
        row = TableRow()
        for i, (caption, t) in enumerate(halves):
            cell = TableCell(valuetype="string", stylename=bare)
            if row_of == "caption":
                cell.addElement(P(stylename=caption_style, text=caption))
            elif t is not None:
                cell.addElement(table(t, half / 0.8))
            else:
                cell.addElement(P(stylename=caption_style, text=""))
            row.addElement(cell)
            if i == 0:
                gutter = TableCell(valuetype="string", stylename=bare)
                gutter.addElement(P(stylename=caption_style, text=""))
                row.addElement(gutter)
        outer.addElement(row)
    return outer


def xlsx_widths(ws, variant: Variant, chars: float) -> bool:  # type: ignore[no-untyped-def]
    """The sidebyside style's front sheet columns: A-D and F-I each (1 - GUTTER)/2 of the page's ``chars`` by the
    summaries' weights, E the gutter; False (nothing set) in any other style."""
    if variant.style.summaries != "sidebyside":
        return False
    for c, w in enumerate(WEIGHTS):
        ws.column_dimensions["ABCD"[c]].width = ws.column_dimensions["FGHI"[c]].width = (
            chars * (1 - GUTTER) / 2 * w / sum(WEIGHTS))
    ws.column_dimensions["E"].width = chars * GUTTER
    return True


def xlsx_pair(ws, pair: Pair, variant: Variant, row: int, table) -> int:  # type: ignore[no-untyped-def]
    """The pair's captions on ``row`` (A:D and F:I merged), its tables from the next row, the second from column F;
    ``table(t, top, left)`` writes a table and returns its next free row. The next free row after both."""
    from openpyxl.styles import Alignment, Font

    for left, (caption, _) in zip((1, 6), pair.halves, strict=False):
        cell = ws.cell(row=row, column=left, value=caption or None)
        ws.merge_cells(start_row=row, end_row=row, start_column=left, end_column=left + 3)
        cell.font = Font(name=FONT_NAMES[variant.style.body_font], size=10)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    ws.row_dimensions[row].height = 2 * 10 * 1.5 if any(len(c) > 18 for c, _ in pair.halves) else 10 * 1.5
    return max(table(t, row + 1, left) for left, (_, t) in zip((0, 5), pair.halves, strict=False)) + 1
