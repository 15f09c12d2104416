"""A row drawn again at the head of the next page, its first part repeated, is one row.

A producer that breaks a row over a page (wkhtmltopdf) draws the text line
straddling the page's foot on both pages, each under its page's clip: the
row's No. and first line end one page and open the next, and the next page
holds the row whole. Read as two rows, the same (criterion, No.) came twice,
the first cut short. When each field of the first reading is the start of
the second's, the second is the row: it is kept, at the first's place, with
a ``row_continued`` finding saying so. Two rows whose texts differ are both
kept (``numbering_out_of_order`` names the repeat).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pipeline.types import Case, Finding


def squeezed(text: str | None) -> str:
    """The text without any white space (a line break or a space inside a cell is no difference)."""
    return "".join((text or "").split())


def _starts(first: Case, second: Case) -> bool:
    """Is every field the first reading has the start of the second's (and the second longer somewhere)?"""
    if first.criterion != second.criterion or first.case_no != second.case_no or not first.raw:
        return False
    pairs = [(squeezed(v), squeezed(second.raw.get(k))) for k, v in first.raw.items()]
    return all(b.startswith(a) for a, b in pairs) and any(len(b) > len(a) for a, b in pairs)


def rows_drawn_twice(cases: Sequence[Case]) -> tuple[list[Case], list[Finding]]:
    """The cases with each row read twice over a page break kept once (the whole reading), and the findings."""
    out: list[Case] = []
    findings: list[Finding] = []
    for case in cases:
        if out and case.page_no > out[-1].page_no and _starts(out[-1], case):
            first = out.pop()
            findings.append(Finding("row_continued", case.page_no, (
                f"{case.criterion}: No.{case.case_no} continues over pages {first.page_no}-{case.page_no}, its first "
                "part drawn on both; the whole row on the later page was kept")))
            case = dataclasses.replace(case, page_no=first.page_no, bbox=first.bbox)
        out.append(case)
    return out, findings
