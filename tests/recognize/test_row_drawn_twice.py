"""A row broken over a page whose first line is drawn on both pages is one row, read whole.

After wkhtmltopdf (frame style, outsourcing No. 162): page 4 ends with No. 162
and the first line of its description; page 5 opens with No. 162 again, the
same first line and the rest. Read as two rows, the (criterion, No.) came
twice and the first, cut short, was compared with the truth.
"""

from __future__ import annotations

from pipeline.recognize.twice import rows_drawn_twice
from pipeline.types import BBox, Case

FIRST_LINE = "リハビリテーション専門職による地域ケア会議支援業務委託(介護保険法第115条の"
WHOLE = FIRST_LINE + "45第1項第2号に規定される「一般介護予防事業(地域リハビリテーション活動支援事業)」)"


def case(no: int, description: str, page: int, top: float = 40.0) -> Case:
    raw = {"case_no": str(no), "description": description, "department": "介護予防・地域支援課", "agency": "区長"}
    return Case("outsourcing", no, description, None, None, None, None, "介護予防・地域支援課",
                "介護予防・地域支援課", "区長", True, False, page, BBox(44.1, top, 547.6, top + 9.0), raw=raw)


def test_the_row_cut_at_the_foot_and_drawn_whole_on_the_next_page_is_kept_once_whole() -> None:
    cases = [case(161, "口腔機能向上プログラム実施委託", 4, 781.0), case(162, FIRST_LINE, 4, 796.7),
             case(162, WHOLE, 5, 35.4), case(163, "介護予防活動支援事業実施委託", 5, 56.9)]
    kept, found = rows_drawn_twice(cases)
    assert [(c.case_no, c.description, c.page_no) for c in kept] == [
        (161, "口腔機能向上プログラム実施委託", 4), (162, WHOLE, 4), (163, "介護予防活動支援事業実施委託", 5)]
    assert [(f.kind, f.page_no) for f in found] == [("row_continued", 5)]


def test_two_rows_with_one_number_and_other_texts_are_both_kept() -> None:
    cases = [case(162, "福祉タクシー券等の封入・発送委託", 4), case(162, WHOLE, 5)]
    assert rows_drawn_twice(cases) == (cases, [])


def test_a_repeat_on_the_same_page_is_left_to_the_numbering_finding() -> None:
    cases = [case(162, FIRST_LINE, 5), case(162, WHOLE, 5, 60.0)]
    assert rows_drawn_twice(cases) == (cases, [])
