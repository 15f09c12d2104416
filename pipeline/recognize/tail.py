"""A list's next number set as a line outside every table: the list's last row, left unread, said so.

A page break may leave a list's last row alone on the next page, with no
rule or band of its own to make it a table (wkhtmltopdf's banded style: the
cut row above it clipped away, the row itself unshaded). Its text then
stands among the running lines, and no gap in the numbering tells of it:
the list just ends one number short. A line that opens with the number after
a list's last, where that list's numbers stand (under its first column), on
the last row's page or the next, is that row. When the row is one line
filling every column the list reads, its texts are read by the list's
columns (``rows_from_lines``: the running lines level with it, each in the
column of the list's header holding its middle, the number alone in the
number's column), as the list's own row would be, with a ``row_from_lines``
finding; otherwise an ``aligned_block_not_read`` finding names it, so the
loss is not silent.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipeline.recognize.headers import HeaderMap
from pipeline.recognize.tables import table_to_cases
from pipeline.types import BBox, Case, Cell, Finding, Table, TextLine

if TYPE_CHECKING:
    from pipeline.config import ReportType

LEADING_NO = re.compile(r"\s*(\d+)\s")
FIRST_COLUMN_SHARE = 0.2  # the number stands within this share of the row's width from its left edge
LEVEL = 0.5  # lines whose tops are within this share of the numbered line's height are on its line


def unread_last_rows(cases: Sequence[Case], lines: Sequence[TextLine]) -> list[Finding]:
    """A finding for each list whose next number opens a running line where its numbers stand."""
    out = []
    for criterion, case, line in _lone_next_rows(cases, lines):
        out.append(Finding("aligned_block_not_read", line.page_no, (
            f"{criterion}: the list ends at No. {case.case_no}, but a line outside every table opens with "
            f"No. {case.case_no + 1} where its numbers stand: {line.text[:60]!r}; that row was not read")))
    return out


def _lone_next_rows(cases: Sequence[Case], lines: Sequence[TextLine]) -> list[tuple[str, Case, TextLine]]:
    """Each list's last case and the running line that opens with the list's next number, where no case has it."""
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
            out.append((criterion, case, line))
    return out


def _opens_row(line: TextLine, case: Case) -> bool:
    match = LEADING_NO.match(line.text)
    if match is None or int(match.group(1)) != case.case_no + 1:
        return False
    if line.page_no not in (case.page_no, case.page_no + 1):
        return False
    left, right = case.bbox.x0, case.bbox.x1
    return left - FIRST_COLUMN_SHARE * (right - left) <= line.bbox.x0 <= left + FIRST_COLUMN_SHARE * (right - left)


def rows_from_lines(cases: Sequence[Case], lines: Sequence[TextLine],
                    lists: dict[str, tuple[Table, ReportType, HeaderMap]]) -> tuple[list[Case], list[Finding]]:
    """The list's last row read from the running lines where a one-line row stands alone (module docstring)."""
    found: list[Case] = []
    findings: list[Finding] = []
    for criterion, case, line in _lone_next_rows(cases, lines):
        if criterion not in lists:
            continue
        table, report_type, header_map = lists[criterion]
        row = _row_by_columns(line, lines, table, header_map)
        if any(not row[i].text for i in header_map.columns):
            continue  # not one line filling the list's columns (wrapped, or cut): the finding names it
        read, _ = table_to_cases(dataclasses.replace(table, rows=(row,)), header_map, report_type, case.case_no)
        if len(read) == 1 and read[0].case_no == case.case_no + 1:
            found.append(read[0])
            findings.append(Finding("row_from_lines", line.page_no, (
                f"{criterion}: No. {case.case_no + 1} stands alone on page {line.page_no} with no rule or band of "
                "its own; read from its running lines by the list's columns")))
    return found, findings


def _row_by_columns(numbered: TextLine, lines: Sequence[TextLine], table: Table,
                    header_map: HeaderMap) -> tuple[Cell, ...]:
    """The cells of a one-line row: each running line level with the numbered one in the column of the table's
    header holding its middle; the number alone in the number's column, the rest of its line by its end."""
    height = numbered.bbox.bottom - numbered.bbox.top
    level = [ln for ln in lines if ln.page_no == numbered.page_no and ln is not numbered
             and abs(ln.bbox.top - numbered.bbox.top) <= LEVEL * height]
    no_col = next((i for i, field in header_map.columns.items() if field == "case_no"), 0)
    match = LEADING_NO.match(numbered.text)
    texts: dict[int, list[str]] = {no_col: [match.group(1)] if match else []}
    rest = numbered.text[match.end():].strip() if match else ""
    placed = [(rest, numbered.bbox.x1 - 1)] if rest else []
    placed += [(ln.text, (ln.bbox.x0 + ln.bbox.x1) / 2) for ln in level]
    for text, x in placed:
        col = next((i for i, c in enumerate(table.header) if c.bbox.x0 <= x <= c.bbox.x1), None)
        if col is not None:
            texts.setdefault(col, []).append(text)
    top, bottom = numbered.bbox.top, numbered.bbox.bottom
    return tuple(Cell(numbered.page_no, 0, i, " ".join(texts.get(i, [])), BBox(c.bbox.x0, top, c.bbox.x1, bottom))
                 for i, c in enumerate(table.header))
