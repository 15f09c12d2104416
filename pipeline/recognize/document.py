"""What a report says about itself: number, title, dates, publisher.

Read from the running text of the first pages with the report type's
configured patterns, so a ward that prints its front page differently needs a
pattern in config/, not code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from pipeline.config import ReportType
from pipeline.normalize import NormalizeError, normalize_text, parse_wareki_date
from pipeline.types import DocumentInfo, Finding, TextLine

FRONT_PAGES = 2


def _first_match(pattern: str | None, lines: Sequence[str]) -> str | None:
    if not pattern:
        return None
    regex = re.compile(pattern)
    for line in lines:
        m = regex.search(line)
        if m:
            return m.group(1) if m.groups() else m.group(0)
    return None


def _date(text: str | None, name: str, findings: list[Finding]) -> date | None:
    """The date a front-page pattern found; one that does not parse is None and a finding."""
    if text is None:
        return None
    try:
        return parse_wareki_date(text)
    except NormalizeError as exc:
        findings.append(Finding("unparsed_front_date", None, f"{name}: {text!r} is not a date ({exc})"))
        return None


def lines_to_document(lines: Sequence[TextLine], report_type: ReportType | None) -> tuple[DocumentInfo, list[Finding]]:
    """Front-page facts and the findings of what was found but not understood.

    A fact the patterns do not find is None, not a guess; a date they find that
    does not parse (「令和5年13月1日」, an OCR'd 「令和S年」) is None with a finding,
    so that a NULL ``as_of`` always says whether the page printed one.
    """
    findings: list[Finding] = []
    if report_type is None:
        return DocumentInfo(None, None, None, None, None), findings
    first = min((line.page_no for line in lines), default=1)
    front = [normalize_text(line.text) for line in lines if line.page_no < first + FRONT_PAGES]
    pats = report_type.document_patterns
    report_no = _first_match(pats.get("report_no"), front)
    if report_no and not report_no.isdigit():
        findings.append(Finding("unparsed_report_no", None, f"report_no: {report_no!r} is not a number"))
    info = DocumentInfo(
        title=_first_match(pats.get("title"), front),
        report_no=int(report_no) if report_no and report_no.isdigit() else None,
        published_on=_date(_first_match(pats.get("published_on"), front), "published_on", findings),
        as_of=_date(_first_match(pats.get("as_of"), front), "as_of", findings),
        publisher=_first_match(pats.get("publisher"), front),
        municipality=_first_match(pats.get("municipality"), front),
    )
    return info, findings


def lines_to_document_info(lines: Sequence[TextLine], report_type: ReportType | None) -> DocumentInfo:
    """Front-page facts only (``lines_to_document`` also returns what could not be parsed)."""
    return lines_to_document(lines, report_type)[0]
