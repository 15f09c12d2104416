"""A list's next number set as a line outside every table: the list's last row, left unread, said so.

A page break may leave a list's last row alone on the next page, with no
rule or band of its own to make it a table (wkhtmltopdf's banded style: the
cut row above it clipped away, the row itself unshaded). Its text then
stands among the running lines, and no gap in the numbering tells of it:
the list just ends one number short. A line that opens with the number after
a list's last, where that list's numbers stand (under its first column), on
the last row's page or the next, is that row: an ``aligned_block_not_read``
finding names it, so the loss is not silent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.types import Case, Finding, TextLine

LEADING_NO = re.compile(r"\s*(\d+)\s")
FIRST_COLUMN_SHARE = 0.2  # the number stands within this share of the row's width from its left edge


def unread_last_rows(cases: Sequence[Case], lines: Sequence[TextLine]) -> list[Finding]:
    """A finding for each list whose next number opens a running line where its numbers stand."""
    last: dict[str, Case] = {}
    for case in cases:
        if case.criterion not in last or case.case_no > last[case.criterion].case_no:
            last[case.criterion] = case
    taken = {(c.criterion, c.case_no) for c in cases}
    out = []
    for criterion, case in last.items():
        if (criterion, case.case_no + 1) in taken:
            continue
        line = next((ln for ln in lines if _opens_row(ln, case)), None)
        if line is not None:
            out.append(Finding("aligned_block_not_read", line.page_no, (
                f"{criterion}: the list ends at No. {case.case_no}, but a line outside every table opens with "
                f"No. {case.case_no + 1} where its numbers stand: {line.text[:60]!r}; that row was not read")))
    return out


def _opens_row(line: TextLine, case: Case) -> bool:
    match = LEADING_NO.match(line.text)
    if match is None or int(match.group(1)) != case.case_no + 1:
        return False
    if line.page_no not in (case.page_no, case.page_no + 1):
        return False
    left, right = case.bbox.x0, case.bbox.x1
    return left - FIRST_COLUMN_SHARE * (right - left) <= line.bbox.x0 <= left + FIRST_COLUMN_SHARE * (right - left)
