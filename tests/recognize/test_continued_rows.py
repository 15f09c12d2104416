"""A list row that an office suite broke over a page break is one case, not a case and a lost remainder.

LibreOffice Writer (and Word) let a tall table row break across pages: the
lines that do not fit print at the top of the next page under the repeated
header, with an empty No., agency and flags (the producers corpus of issue 11,
``writer-grid-portrait``: No. 85's description and external_provision No. 25's
「第69条第1項」 run on to the next page). The expected texts are the ground
truth's, cut at an arbitrary character.
"""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.config import table_report_types
from pipeline.recognize import tables_to_records
from pipeline.types import BBox, Cell, Table
from tests.conftest import GROUND_TRUTH, read_csv

HEADER = ("No", "委託の内容", "担当部課", "実施機関", "要配慮個人情報 (有/無)", "条例要配慮個人情報 (有/無)")
XS = (30, 60, 300, 420, 470, 520, 570)  # column edges


def truth(no: int) -> dict[str, str]:
    return next(r for r in read_csv(GROUND_TRUTH / "cases_outsourcing.csv") if int(r["case_no"]) == no)


def row(page: int, r: int, texts: tuple[str, ...]) -> tuple[Cell, ...]:
    top = 100 + 20 * r
    return tuple(Cell(page, r, c, t, BBox(XS[c], top, XS[c + 1], top + 18)) for c, t in enumerate(texts))


def case_row(page: int, r: int, no: int, description: str | None = None) -> tuple[Cell, ...]:
    t = truth(no)
    flags = ["有" if t[f] == "true" else "無" for f in ("sensitive", "ordinance_sensitive")]
    return row(page, r, (str(no), t["description"] if description is None else description,
                         t["department_raw"], t["agency"], *flags))


def header(page: int) -> tuple[Cell, ...]:
    return row(page, 0, HEADER)


def records(tables: list[Table]):  # type: ignore[no-untyped-def]
    return tables_to_records(tables, table_report_types())


@pytest.fixture
def split():
    """No. 85's description cut after its 30th character; the rest opens the next page."""
    text = truth(85)["description"]
    return text[:30], text[30:]


def test_a_row_broken_over_pages_in_one_table_is_joined_with_a_finding(split):
    head, rest = split
    table = Table(1, header(4), (case_row(4, 1, 84), case_row(4, 2, 85, head),
                                 row(5, 1, ("", rest, "", "", "", "")), case_row(5, 2, 86)))
    got = records([table])
    assert [c.case_no for c in got.cases] == [84, 85, 86]
    case = got.cases[1]
    assert case.description == truth(85)["description"]
    assert case.department == truth(85)["department"] and case.agency == "区長"
    assert case.page_no == 4, "a case keeps the page where its row starts"
    assert [f.kind for f in got.findings if f.page_no == 5] == ["row_continued"]


def test_a_row_continued_at_the_top_of_the_next_pages_table_is_joined(split):
    head, rest = split
    first = Table(1, header(4), (case_row(4, 1, 84), case_row(4, 2, 85, head)))
    second = Table(2, header(5), (row(5, 1, ("", rest, "", "", "", "")), case_row(5, 2, 86)))
    got = records([first, second])
    assert [c.case_no for c in got.cases] == [84, 85, 86]
    assert got.cases[1].description == truth(85)["description"]
    assert any(f.kind == "row_continued" for f in got.findings)


def test_a_rows_last_lines_set_apart_on_its_page_are_joined_with_a_finding(split):
    """wkhtmltopdf-booktabs: a description's last line set a line lower reads as a row of long text alone."""
    head, rest = split
    table = Table(1, header(4), (case_row(4, 1, 85, head), row(4, 2, ("", rest, "", "", "", "")), case_row(4, 3, 86)))
    got = records([table])
    assert [c.case_no for c in got.cases] == [85, 86]
    assert got.cases[0].description == truth(85)["description"]
    joined = [f for f in got.findings if f.kind == "row_continued"]
    assert len(joined) == 1 and "in a row of its own on page 4" in joined[0].detail
    assert "row_without_number" not in [f.kind for f in got.findings]


def test_a_row_without_number_on_the_same_page_of_an_ocr_table_is_not_joined(split):
    """OCR: a row whose No., agency and flags all went unread may be a case of its own; skipped, with its finding."""
    head, rest = split
    ocr = tuple(dataclasses.replace(c, source="ocr", confidence=0.9) for c in row(4, 2, ("", rest, "", "", "", "")))
    table = Table(1, header(4), (case_row(4, 1, 85, head), ocr))
    got = records([table])
    assert [c.description for c in got.cases] == [head]
    kinds = [f.kind for f in got.findings]
    assert "row_without_number" in kinds and "row_continued" not in kinds


def test_a_row_without_number_after_a_skipped_row_is_not_joined_to_an_earlier_case(split):
    head, rest = split
    table = Table(1, header(4), (case_row(4, 1, 85, head), row(4, 2, ("x", "y", "", "", "有", "")),
                                 row(4, 3, ("", rest, "", "", "", ""))))
    got = records([table])
    assert [c.description for c in got.cases] == [head]
    assert "row_continued" not in [f.kind for f in got.findings]


@pytest.mark.parametrize("short", [("区長", "有", "無"), ("区長", "", "")])
def test_a_numberless_row_with_its_own_agency_or_flags_is_not_a_continuation(split, short):
    """Its own flags, or 「区長」 beside the rest (an agency of its own, no agency's wrapped end): a case whose No.
    went unread, not the rest of No. 85's."""
    head, rest = split
    table = Table(1, header(4), (case_row(4, 1, 85, head), row(5, 1, ("", rest, "", *short))))
    got = records([table])
    assert got.cases[0].description == head
    kinds = [f.kind for f in got.findings]
    assert "row_without_number" in kinds and "row_continued" not in kinds


def test_a_row_broken_with_its_agency_wrapped_over_the_break_is_joined() -> None:
    """Calligra: No. 316's 「教育委員会」 wraps, 「教育委」 on the first page and 「員会」 beside the rest of the row."""
    t = truth(316)
    text = t["description"]
    first = row(10, 1, ("316", text[:5], t["department_raw"], "教育委", "有" if t["sensitive"] == "true" else "無",
                        "有" if t["ordinance_sensitive"] == "true" else "無"))
    table = Table(1, header(10), (case_row(10, 0, 315), first, row(11, 1, ("", text[5:], "", "員会", "", "")),
                                  case_row(11, 2, 317)))
    got = records([table])
    assert [c.case_no for c in got.cases] == [315, 316, 317]
    assert got.cases[1].description == text and got.cases[1].agency == "教育委員会"
    assert "row_without_number" not in [f.kind for f in got.findings]


def test_a_numberless_row_under_the_pages_last_case_is_not_joined():
    """LaTeX without rules: the page number 「- 11 -」 under the department column reads as a row of long text
    alone; under the page's last case (no numbered row after it on the page) it is no rest of that row."""
    table = Table(1, header(4), (case_row(4, 1, 84), case_row(4, 2, 85), row(4, 3, ("", "", "- 11 -", "", "", "")),
                                 case_row(5, 1, 86)))
    got = records([table])
    assert [c.case_no for c in got.cases] == [84, 85, 86]
    assert got.cases[1].department_raw == truth(85)["department_raw"]
    assert "row_continued" not in [f.kind for f in got.findings]
