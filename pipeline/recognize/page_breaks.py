"""A table printed as going on (「次頁へ続く」 under it) that the next page does not continue: a finding.

The mark is the producer's own word that the table's rows go on over the page.
The extract stage joins the next page's first grid of the same columns to it
under a caption marked as continued (``extract.tables.goes_on_below``); when none
does (the next page's first grid has other columns, a title row or a caption of
its own, or no grid stands there at all), rows may be lost or read into another
table, so the reader is told where, never left with a silence.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.tables import goes_on_mark
from pipeline.types import Finding, Table, TextLine


def _bottoms(table: Table) -> dict[int, float]:
    """The lowest edge of the table's cells on each of its pages."""
    bottoms: dict[int, float] = {}
    for row in (table.header, *table.rows):
        for c in row:
            bottoms[c.page_no] = max(bottoms.get(c.page_no, c.bbox.bottom), c.bbox.bottom)
    return bottoms


def unjoined_page_breaks(tables: Sequence[Table], lines: Sequence[TextLine], page_count: int) -> list[Finding]:
    """A ``page_break_not_joined`` finding for every table with a 「次頁へ続く」 just under its last cells on a
    page (``extract.tables.goes_on_mark``) and no rows on the next page."""
    findings: list[Finding] = []
    for table in tables:
        bottoms = _bottoms(table)
        for page_no, bottom in sorted(bottoms.items()):
            if page_no >= page_count or page_no + 1 in bottoms:
                continue
            mark = goes_on_mark(page_no, bottom, lines)
            if mark is None:
                continue
            following = [t for t in tables if t.pages and t.pages[0] == page_no + 1]
            read_as = (f"page {page_no + 1}'s first table was read apart from it, as table {following[0].table_no}"
                       if following else f"no table was read at the top of page {page_no + 1}")
            findings.append(Finding("page_break_not_joined", page_no, (
                f"table {table.table_no} ({table.caption or 'no caption'}) is printed as going on over the page "
                f"('{mark.text.strip()}' under it), but {read_as}: check its rows on both pages"), page_no + 1))
    return findings
