"""An OCR'd No. that a garble takes off its list's run is read as the number the run expects, with a finding.

The cases are hand-made from what Tesseract printed on a fax scan of the reference report (「8]」
after No. 80 where the page says 81; 「4950-」 where it says 49; 「93.被保護者…」 with the No. and
the description run together); the truth is the number printed on the page.
"""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.config import table_report_types
from pipeline.recognize.numbers import begins_with_next, garbles_next, number_first
from pipeline.recognize.tables import fit_ocr_number, row_to_case
from pipeline.types import BBox, Case, Cell

BOX = BBox(0, 0, 1, 1)


def case(raw: str, no: int, source: str = "ocr") -> Case:
    return Case("outsourcing", no, "x", None, None, None, None, None, None, "区長", True, False, 1, BOX,
                source=source, raw={"case_no": raw})


@pytest.mark.parametrize("raw, decoded, previous, printed", [
    ("8]", 8, 80, 81),      # the 1 read as a bracket (a speck, dropped: 8)
    ("8", 8, 80, 81),       # the 1 not read at all
    ("!31", 31, 130, 131),  # the 1 read as a bang
    ("” 1G8", 18, 167, 168),  # a middle digit read as a letter
    ("4950-", 4950, 48, 49),  # the next row's No. run on
    ("20720^$\\-", 20720, 206, 207),
])
def test_a_garbled_no_that_fits_the_run_is_read_as_the_next_number_with_a_finding(raw, decoded, previous, printed):
    findings: list = []
    fitted = fit_ocr_number(case(raw, decoded), previous, findings)
    assert fitted.case_no == printed
    assert [f.kind for f in findings] == ["case_no_decoded"] and str(printed) in findings[0].detail


@pytest.mark.parametrize("raw, decoded, previous", [
    ("8", 8, 7),       # already the next number
    ("1", 1, 99),      # one digit of three says too little
    ("88", 88, 80),    # a digit that stands where the run has another
    ("23", 23, 1),     # a one-digit next number: 23 may be 23
    ("5", 5, 80),      # not a prefix of 81
    ("8]", 8, 80),     # ... but as a text layer it is never decoded (below)
])
def test_a_no_that_does_not_fit_the_run_is_left_as_read(raw, decoded, previous):
    findings: list = []
    source = "text" if (raw, previous) == ("8]", 80) else "ocr"
    assert fit_ocr_number(case(raw, decoded, source), previous, findings).case_no == decoded
    assert findings == [] or decoded == previous + 1


def test_the_run_readings_on_their_own():
    assert garbles_next("8]", 81) and garbles_next("8", 81) and garbles_next("]1", 81)
    assert not garbles_next("]]", 81) and not garbles_next("81 1", 81) and not garbles_next("]", 9)
    assert begins_with_next("4950", 49) and not begins_with_next("49", 49) and not begins_with_next("2324", 2)
    assert number_first("93.被保護者金銭管理支援業務委託", 93) == "被保護者金銭管理支援業務委託"
    assert number_first("83(1)会議室の貸出", 83) == "(1)会議室の貸出"
    assert number_first("82 世田谷区内介護事業所", 82) == "世田谷区内介護事業所"
    assert number_first("82世田谷区", 83) is None, "a number that does not continue the run is text"
    assert number_first("2023年度の委託", 5) is None and number_first("93", 93) is None


def _cells(texts: dict[str, str]) -> dict[str, Cell]:
    return {f: Cell(1, 0, i, t, BOX, source="ocr") for i, (f, t) in enumerate(texts.items())}


ROW = {"department": "保健福祉政策部生活福祉課", "agency": "区長", "sensitive": "有", "ordinance_sensitive": "有"}
REVIEW = next(r for r in table_report_types() if r.name == "review_status")


@pytest.mark.parametrize("number_cell, description_cell", [
    ("93.被保護者金銭管理支援業務委託", "93.被保護者金銭管理支援業務委託"),  # one text in both cells
    ("", "93.被保護者金銭管理支援業務委託"),  # the No. cell empty, the number in the description
    ("93被保護者金銭管理支援業務委託", "被保護者金銭管理支援業務委託"),
])
def test_a_number_run_into_the_description_is_read_from_its_front(number_cell, description_cell):
    got, findings = row_to_case(_cells({"case_no": number_cell, "description": description_cell, **ROW}),
                                "outsourcing", REVIEW, previous=92)
    assert got is not None and got.case_no == 93
    assert got.description == "被保護者金銭管理支援業務委託"
    assert got.raw["description"] == description_cell, "raw keeps what was read"
    assert any(f.kind == "case_no_decoded" and "93" in f.detail for f in findings)
    assert not any(f.kind == "case_no_inferred" for f in findings)


def test_a_description_that_begins_with_another_number_keeps_it():
    got, findings = row_to_case(_cells({"case_no": "", "description": "2023年度の委託", **ROW}),
                                "outsourcing", REVIEW, previous=92)
    assert got is not None and got.case_no == 93 and got.description == "2023年度の委託"
    assert any(f.kind == "case_no_inferred" for f in findings)


@pytest.mark.parametrize("numbers, end", [
    ([], 0), ([1, 2, 3], 3),
    ([60, 61, 562], 62),       # 「562」 for 62: the next page starts after 62, not after 562
    ([166, 167, 18], 168),     # 「18」 for 168
    ([4950], 4950),            # nothing confirmed: the last number as read
])
def test_the_run_a_list_continues_from_is_not_set_by_one_misread_number(numbers, end):
    from pipeline.recognize.numbers import run_end

    assert run_end(numbers) == end


def test_a_no_between_two_neighbours_that_leave_it_one_number_takes_that_number():
    from pipeline.recognize.numbers import fitted_between

    def listed(read: list[tuple[str, int]], source: str = "ocr") -> list[Case]:
        return [case(raw, no, source) for raw, no in read]

    got, findings = fitted_between(listed([("56", 56), ("67", 67), ("58", 58), ("215", 215), ("215", 215),
                                           ("217", 217)]))
    assert [c.case_no for c in got] == [56, 57, 58, 215, 216, 217]
    assert [f.kind for f in findings] == ["case_no_decoded"] * 2 and "'67' read as 57" in findings[0].detail
    lost_row, none = fitted_between(listed([("56", 56), ("58", 58), ("59", 59)]))  # 57 lost: 58 stays 58
    assert [c.case_no for c in lost_row] == [56, 58, 59] and none == []
    text, none = fitted_between(listed([("56", 56), ("67", 67), ("58", 58)], source="text"))
    assert [c.case_no for c in text] == [56, 67, 58] and none == []
    other = [case("1", 1), dataclasses.replace(case("9", 9), criterion="online_link"), case("3", 3)]
    assert fitted_between(other)[0] == other, "neighbours of another list say nothing"


@pytest.mark.parametrize("source", ["text", "ocr"])
def test_a_no_of_six_digits_or_more_is_not_taken_as_a_case_number(source):
    """「2324252627」 (No. cells run together): an unreadable No. with a finding, never stored as read."""
    cells = _cells({"case_no": "2324252627", "description": "健診業務委託", **ROW})
    cells = {k: dataclasses.replace(c, source=source) for k, c in cells.items()}
    got, findings = row_to_case(cells, "outsourcing", REVIEW, previous=22)
    assert got is None or got.case_no == 23
    assert any(f.kind == "unreadable_case_no" and "2324252627" in f.detail for f in findings)
