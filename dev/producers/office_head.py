"""The grouped style's two header rows in Writer's .odt and Calc's .xlsx (split out of ``office`` to keep it short):
ODF's spanning cells in ``table:table-header-rows``, the sheet's merged ranges; and the vertical style's header row
height in the .odt."""

from __future__ import annotations

import math

from .model import FONT_NAMES, TablePlan, stacked


def odt_grouped_header(styles, plan: TablePlan, font: str, size: float):  # type: ignore[no-untyped-def]
    """The grouped style's two header rows, both repeated (``table:table-header-rows``): a heading spanning rows or
    columns by ODF's ``table:number-rows-spanned`` / ``number-columns-spanned``, the cells it covers
    ``table:covered-table-cell``; every cell ruled on all sides and its text centred across and down."""
    from odf.table import CoveredTableCell, TableCell, TableHeaderRows, TableRow
    from odf.text import P

    header = TableHeaderRows()
    for r in range(plan.head_rows):
        row = TableRow()
        starts = {h.col: h for h in plan.head if h.row == r}
        for c in range(len(plan.weights)):
            if c not in starts:
                row.addElement(CoveredTableCell())
                continue
            h = starts[c]
            spans = ({"numberrowsspanned": h.rowspan} if h.rowspan > 1 else {}) | (
                {"numbercolumnsspanned": h.colspan} if h.colspan > 1 else {})
            cell = TableCell(valuetype="string", stylename=styles.cell((True,) * 4, None, valign="middle"), **spans)
            cell.addElement(P(stylename=styles.paragraph(font, size, "center"), text=h.text))
            row.addElement(cell)
        header.addElement(row)
    return header


def xlsx_grouped_header(ws, plan: TablePlan, font: str, size: float, top: int, widths: list[float],  # type: ignore[no-untyped-def]
                         border) -> None:  # type: ignore[no-untyped-def]
    """The grouped style's two header rows from row ``top``: a heading spanning rows or columns a merged range (the
    sheet's own 結合), every cell of it ruled, its text centred across and down; each row as tall as its
    wrapped headings (``_xlsx_row_height``'s reckoning), the second taller where a heading spanning both needs it."""
    from openpyxl.styles import Alignment, Font

    need = {h: math.ceil(sum(0.55 if ord(ch) < 0x2000 else 1.0 for ch in h.text)
                         / max(1.0, (sum(widths[h.col:h.col + h.colspan]) * 5.25 - 4) / size)) for h in plan.head}
    lines = [max([1] + [n for h, n in need.items() if h.row == r and h.rowspan == 1]) for r in range(2)]
    lines[1] = max([lines[1]] + [n - lines[0] for h, n in need.items() if h.rowspan > 1])
    for r in range(plan.head_rows):
        ws.row_dimensions[top + r].height = lines[r] * size * 1.3 + 3
        for c in range(len(widths)):
            ws.cell(row=top + r, column=c + 1).border = border
    for h in plan.head:
        cell = ws.cell(row=top + h.row, column=h.col + 1, value=h.text)
        cell.font = Font(name=FONT_NAMES[font], size=size)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if h.rowspan > 1 or h.colspan > 1:
            ws.merge_cells(start_row=top + h.row, end_row=top + h.row + h.rowspan - 1, start_column=h.col + 1,
                           end_column=h.col + h.colspan)


def odt_vertical_row(doc, plan: TablePlan, cells: tuple[str, ...], size: float):  # type: ignore[no-untyped-def]
    """The vertical style's header row: a minimum height (``style:min-row-height``) as long as its longest vertical
    heading, one em a character and the padding, as a Writer user drags the row taller: Writer does not grow a row
    to text set in ``tb-rl``, and clips it to one line's height."""
    from odf.style import Style, TableRowProperties

    chars = max(len(stacked(text)) for c, text in enumerate(cells) if plan.is_vertical(c))
    style = Style(name=f"R{len(doc.automaticstyles.childNodes)}", family="table-row")
    style.addElement(TableRowProperties(minrowheight=f"{(chars * size * 1.05 + 6) / 72 * 2.54:.2f}cm"))
    doc.automaticstyles.addElement(style)
    return style


def odt_across(plan: TablePlan, r: int, c: int) -> dict[str, int]:
    """The stacked style's long text (row ``r``, column ``c``): an .odt cell spanning its columns
    (table:number-columns-spanned, the cells it covers written covered); nothing for any other cell."""
    return {"numbercolumnsspanned": plan.colspan(r, c)} if plan.colspan(r, c) > 1 else {}


def xlsx_merge(ws, plan: TablePlan, top_r: int, r: int, c: int, span: int) -> None:  # type: ignore[no-untyped-def]
    """Merge the sheet's cells a cell of row ``r`` (at sheet row ``top_r``), column ``c`` covers: the merge
    style's run down ``span`` rows, the stacked style's long text across its columns; nothing for a plain cell."""
    if span > 1 or plan.colspan(r, c) > 1:
        ws.merge_cells(start_row=top_r, end_row=top_r + span - 1, start_column=c + 1, end_column=c + plan.colspan(r, c))
