"""A table printed as going on (「次頁へ続く」 under it) that the next page does not continue: a finding.

The mark is the producer's own word that the table's rows go on over the page.
The extract stage joins the next page's first grid of the same columns to it
whatever its caption (``extract.tables.goes_on_below``); when none does (the next
page's first grid has other columns, a title row of its own, or no grid stands
there at all), rows may be lost or read into another table, so the reader is told
where, never left with a silence.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.config.page_breaks import page_break_marks
from pipeline.types import Finding, Table, TextLine


def _bottom_on(table: Table, page_no: int) -> float | None:
    """The lowest edge of the table's cells on the page, None when it has none there."""
    bottoms = [c.bbox.bottom for row in (table.header, *table.rows) for c in row if c.page_no == page_no]
    return max(bottoms) if bottoms else None


def _marked_table(mark: TextLine, tables: Sequence[Table]) -> Table | None:
    """The table whose cells on the mark's page end nearest above it."""
    best: tuple[float, Table] | None = None
    for table in tables:
        bottom = _bottom_on(table, mark.page_no)
        if bottom is not None and bottom <= mark.bbox.top + 1 and (best is None or bottom > best[0]):
            best = (bottom, table)
    return best[1] if best else None


def unjoined_page_breaks(tables: Sequence[Table], lines: Sequence[TextLine], page_count: int) -> list[Finding]:
    """A ``page_break_not_joined`` finding for every 「次頁へ続く」 whose table has no rows on the next page."""
    marks = page_break_marks()
    findings: list[Finding] = []
    for line in lines:
        if line.page_no >= page_count or not marks.goes_on_line(line.text):
            continue
        table = _marked_table(line, tables)
        if table is None or line.page_no + 1 in table.pages:
            continue
        following = [t for t in tables if t.pages and t.pages[0] == line.page_no + 1]
        read_as = (f"page {line.page_no + 1}'s first table was read apart from it, as table {following[0].table_no}"
                   if following else f"no table was read at the top of page {line.page_no + 1}")
        findings.append(Finding("page_break_not_joined", line.page_no, (
            f"table {table.table_no} ({table.caption or 'no caption'}) is printed as going on over the page "
            f"('{line.text.strip()}' under it), but {read_as}: check its rows on both pages"), line.page_no + 1))
    return findings
