"""What a report says about itself: number, title, dates, publisher.

Read from the running text of the first pages with the report type's
configured patterns, so a ward that prints its front page differently needs a
pattern in config/, not code.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from pipeline.config import CONFIG_DIR, ReportType
from pipeline.normalize import (
    NormalizeError,
    normalize_text,
    normalize_title,
    parse_fiscal_year,
    parse_wareki_date,
)
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


def _optional(normalize: Callable[[str], str], text: str | None) -> str | None:
    """A fact in the canonical form of its kind (an OCR'd title keeps no stray spaces), None stays None."""
    return None if text is None else normalize(text)


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
    # OCR spaces out a title (「令和 ５ 年」); a text layer's spaces are as printed (「令和5年度 情報公開…」)
    ocr = any(line.source == "ocr" for line in lines if line.page_no < first + FRONT_PAGES)
    info = DocumentInfo(
        title=_optional(normalize_title if ocr else normalize_text, _first_match(pats.get("title"), front)),
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


# ---------------------------------------------------------------- any document (config/document.toml)

DOCUMENT_CONFIG = CONFIG_DIR / "document.toml"


@lru_cache(maxsize=2)
def front_page_patterns(path: Path = DOCUMENT_CONFIG) -> tuple[dict[str, str], int]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return dict(data.get("patterns", {})), int(data.get("title", {}).get("min_chars", 6))


def _fiscal_year(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_fiscal_year(text)
    except NormalizeError:
        return None


def printed_title(lines: Sequence[TextLine], min_chars: int) -> str | None:
    """The first page's line printed largest (its box the tallest), first of equals."""
    first = min((line.page_no for line in lines), default=1)
    candidates = [ln for ln in lines if ln.page_no == first and len(normalize_text(ln.text).replace(" ", "")) >= min_chars]
    if not candidates:
        return None
    best = max(candidates, key=lambda ln: round(ln.bbox.bottom - ln.bbox.top, 1))
    return normalize_text(best.text)


def front_page_info(lines: Sequence[TextLine],
                    front_page: tuple[dict[str, str], int] | None = None) -> DocumentInfo:
    """Title, date, fiscal year, publisher and municipality printed on the first page, by config/document.toml
    (``front_page``: the run's, Config.front_page, else the checkout's front_page_patterns())."""
    patterns, min_chars = front_page or front_page_patterns()
    first = min((line.page_no for line in lines), default=1)
    front = [normalize_text(line.text) for line in lines if line.page_no == first]
    compact = [line.replace(" ", "") for line in front]
    title = printed_title(lines, min_chars)
    publisher = _first_match(patterns.get("publisher"), compact)
    return DocumentInfo(
        title=title,
        report_no=None,
        published_on=_date(_first_match(patterns.get("published_on"), front), "published_on", []),  # a guess: no finding
        as_of=None,
        publisher=publisher,
        municipality=_first_match(patterns.get("municipality"), [x for x in (publisher, title) if x] + compact),
        fiscal_year=_fiscal_year(_first_match(patterns.get("fiscal_year"), [title or ""] + front)),
    )


def with_front_page_facts(info: DocumentInfo, lines: Sequence[TextLine], report_type: ReportType | None,
                          front_page: tuple[dict[str, str], int] | None = None) -> DocumentInfo:
    """``info`` with its fiscal year from the report type's pattern, and every fact still unknown taken
    from the first page (front_page_info): a document is described whatever its report type."""
    first = min((line.page_no for line in lines), default=1)
    front = [normalize_text(line.text) for line in lines if line.page_no < first + FRONT_PAGES]
    pattern = report_type.document_patterns.get("fiscal_year") if report_type else None
    fiscal = _fiscal_year(_first_match(pattern, [info.title or ""] + front)) if pattern else None
    generic = front_page_info(lines, front_page)
    filled = {f: getattr(generic, f) for f in ("title", "published_on", "publisher", "municipality", "fiscal_year")
              if getattr(info, f) is None}
    if fiscal is not None:
        filled["fiscal_year"] = fiscal
    return dataclasses.replace(info, **filled)
