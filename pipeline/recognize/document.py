"""What a report says about itself: number, title, dates, publisher.

Read from the running text of the first pages with the report type's
configured patterns, so a ward that prints its front page differently needs a
pattern in config/, not code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from pipeline.config import ReportType
from pipeline.normalize import NormalizeError, normalize_text, normalize_title, parse_wareki_date
from pipeline.types import DocumentInfo, TextLine

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


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return parse_wareki_date(text)
    except NormalizeError:
        return None


def _optional(normalize: Callable[[str], str], text: str | None) -> str | None:
    """A fact in the canonical form of its kind (an OCR'd title keeps no stray spaces), None stays None."""
    return None if text is None else normalize(text)


def lines_to_document_info(lines: Sequence[TextLine], report_type: ReportType | None) -> DocumentInfo:
    """Front-page facts; a fact the patterns do not find is None, not a guess."""
    if report_type is None:
        return DocumentInfo(None, None, None, None, None)
    first = min((line.page_no for line in lines), default=1)
    front = [normalize_text(line.text) for line in lines if line.page_no < first + FRONT_PAGES]
    pats = report_type.document_patterns
    report_no = _first_match(pats.get("report_no"), front)
    return DocumentInfo(
        title=_optional(normalize_title, _first_match(pats.get("title"), front)),
        report_no=int(report_no) if report_no and report_no.isdigit() else None,
        published_on=_date(_first_match(pats.get("published_on"), front)),
        as_of=_date(_first_match(pats.get("as_of"), front)),
        publisher=_first_match(pats.get("publisher"), front),
        municipality=_first_match(pats.get("municipality"), front),
    )
