"""Tables that are only a notice's layout: the notice read from its lines says everything their cells say.

Many notices are typeset in a borderless table (一太郎's and Word's 罫線なし tables, or numbered headings
set in a column of their own: 「第１」 | 「事故の概要」): the extract stage finds a table there by alignment,
no table kind fits it, and it would be reported as not recognized although the incident reader has read
every word of it as the notice's sections. Such a table is *claimed* by the notice, with a finding of its
own saying so, and its cells stay in ``cells``: nothing is dropped, and nothing the notice did not read
is hidden (one cell that says something the sections do not leaves the table not recognized).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.recognize.incident.records import IncidentReport
from pipeline.recognize.incident.words import _squash
from pipeline.recognize.outline import strip_bullet
from pipeline.types import Finding, Table

MIN_CELLS = 2  # a table of one cell says too little to tell layout from data


def _cell_said(text: str) -> str:
    """A cell's text as the notice stores its own (``words._squash``: normalized as every text, white space
    dropped); its leading bullet (「- 」, 「・」) is layout, as the outline reader takes it
    (outline.strip_bullet); a cell holding the bullet alone says nothing."""
    return _squash(strip_bullet(text + " ")[1])


def notice_text(reports: Iterable[IncidentReport]) -> str:
    """Every section's number, heading and paragraphs of the notices read, squashed, in one string."""
    return "".join(_squash(s.path + s.heading + s.text) for r in reports for s in r.sections)


def tables_read_as_notices(tables: Sequence[Table], table_nos: Iterable[int],
                           reports: Sequence[IncidentReport]) -> tuple[set[int], list[Finding]]:
    """Of the tables numbered ``table_nos`` (those no table kind read), the ones each of whose cells with
    text is in the notices' sections, with a ``table_read_as_notice`` finding each."""
    said = notice_text(reports)
    if not said:
        return set(), []
    wanted = set(table_nos)
    claimed: set[int] = set()
    findings: list[Finding] = []
    for table in tables:
        if table.table_no not in wanted:
            continue
        texts = [_cell_said(c.text) for row in (table.header, *table.rows) for c in row]
        texts = [t for t in texts if t]
        if len(texts) < MIN_CELLS or any(t not in said for t in texts):
            continue
        claimed.add(table.table_no)
        pages = table.pages
        findings.append(Finding("table_read_as_notice", pages[0] if pages else None, (
            f"table {table.table_no}: its {len(texts)} cells are the text of the incident notice read from the "
            "page's lines (a layout table); read as the notice's sections, its cells kept in `cells`"),
            table.last_page))
    return claimed, findings
