"""A front-page fact found but not understood is a finding, never a silent NULL (issue 12, item 7)."""

from __future__ import annotations

from datetime import date

from pipeline.config import table_report_types
from pipeline.recognize import lines_to_document
from pipeline.types import BBox, TextLine


def front(*texts: str) -> list[TextLine]:
    return [TextLine(1, t, BBox(0, 20 * i, 100, 20 * i + 10)) for i, t in enumerate(texts)]


def review_status():
    return next(r for r in table_report_types() if r.name == "review_status")


def test_a_front_page_date_that_does_not_parse_is_null_with_a_finding():
    lines = front("報告第359号", "個人情報を取り扱う業務の審査の状況について(令和5年4月1日時点)", "令和5年13月18日")
    info, findings = lines_to_document(lines, review_status())
    assert info.report_no == 359 and info.as_of == date(2023, 4, 1)
    assert info.published_on is None
    assert [(f.kind, "published_on" in f.detail and "令和5年13月18日" in f.detail) for f in findings] == [
        ("unparsed_front_date", True)]


def test_a_front_page_that_parses_has_no_finding_and_a_missing_date_is_not_one():
    lines = front("報告第359号", "個人情報を取り扱う業務の審査の状況について(令和5年4月1日時点)", "令和5年8月18日")
    info, findings = lines_to_document(lines, review_status())
    assert (info.published_on, findings) == (date(2023, 8, 18), [])
    info, findings = lines_to_document(lines[:2], review_status())
    assert (info.published_on, findings) == (None, [])


def test_front_page_dates_with_the_western_year_glossed():
    lines = front("報告第12号", "個人情報を取り扱う業務の審査の状況について（令和５年（２０２３年）４月１日時点）",
                  "令和５年（２０２３年）８月１８日")
    info, findings = lines_to_document(lines, review_status())
    assert (info.as_of, info.published_on, findings) == (date(2023, 4, 1), date(2023, 8, 18), [])
