"""fpdf2's stacked lists (the stacked style, stacked_rows.py): each case two rows of ``FPDF.table()``, its long text
one cell across the columns by fpdf2's own ``colspan`` (and, in form beside, No. down both rows by ``rowspan``),
the header's two rows alike; and its sectioned lists (the sectioned style, sectioned_rows.py): each section row one
cell across every column by the same ``colspan``, under the one header row. Split from dev/build_alt_producer.py
(at its 500-line limit), whose ``render`` draws a list by the function given it (``lists``) instead of its own
``list_table``.
"""

from __future__ import annotations

from typing import Any

from .model import EXHIBIT, plan_table
from .sectioned_rows import SectionedTable
from .stacked_rows import StackedTable


def stacked_lists(doc, variant):  # type: ignore[no-untyped-def]
    """A ``lists`` for build_alt_producer.render: each stacked or sectioned list drawn by ``list_table`` below, found
    by its criterion (the layout render reads carries the rows alone); None under every other style."""
    if not (variant.style.stacked or variant.style.sectioned):
        return None
    tables = {item.table.criterion: item.table for item in doc.lists}

    def draw(pdf: Any, title: str, criterion: str, rows: list[list[str]], look: Any) -> None:
        list_table(pdf, title, tables[criterion], variant, look)

    return draw


def list_table(pdf: Any, title: str, table: StackedTable | SectionedTable, variant: Any, look: Any) -> None:
    from dev.build_alt_producer import FONT, LIST_SIZE, look_options

    plan = plan_table(table, variant.style, "list")  # type: ignore[arg-type]
    pdf.exhibit = EXHIBIT.get(table.criterion, "")
    pdf.list_title = title
    pdf.add_page()
    pdf.set_font(FONT, size=LIST_SIZE)
    widths = [pdf.epw * w / sum(plan.weights) for w in plan.weights]
    aligns = tuple("CENTER" if c == 0 or plan.numeric[c] else "JUSTIFY" for c in range(len(widths)))
    with pdf.table(col_widths=widths, width=pdf.epw, line_height=LIST_SIZE * 1.3, text_align=aligns,
                   repeat_headings=1, v_align="TOP", num_heading_rows=plan.head_rows, **look_options(look)) as out:
        for r in range(plan.head_rows):
            row = out.row()
            for h in (h for h in plan.head if h.row == r):
                row.cell(h.text, align="CENTER", colspan=h.colspan, rowspan=h.rowspan, v_align="MIDDLE")
        for r, cells in enumerate(table.rows[1:], start=1):
            row = out.row()
            for c, text in enumerate(cells):
                if plan.span(r, c) == 0:  # covered by No. from the row above, or by the long text's or section's cell
                    continue
                across = plan.colspan(r, c)
                row.cell(text, colspan=across, rowspan=plan.span(r, c), align="LEFT" if across > 1 else None,
                         **({"v_align": "MIDDLE"} if plan.span(r, c) > 1 else {}))
