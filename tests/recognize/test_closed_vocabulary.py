"""Cells with a closed vocabulary are decoded against it, with a trace, and only when clear."""

from __future__ import annotations

import pytest

from pipeline.config import table_report_types
from pipeline.normalize import NormalizeError
from pipeline.recognize.tables import decode_agency, decode_flag, decode_number
from pipeline.types import BBox, Cell

BOX = BBox(0, 0, 1, 1)


def review_status():
    return next(r for r in table_report_types() if r.name == "review_status")


@pytest.mark.parametrize("read, agency", [("監査和要員", "監査委員"), ("選挙管理和要員会", "選挙管理委員会"),
                                          ("教育委員全", "教育委員会")])
def test_misread_agency_is_decoded_and_flagged_inexact(read, agency):
    assert decode_agency(read, review_status()) == (agency, False)


def test_agency_as_printed_is_exact_and_unknown_text_is_kept():
    rt = review_status()
    assert decode_agency("区 長", rt) == ("区長", True)
    assert decode_agency("特別区人事委員会事務局", rt)[0] == "特別区人事委員会事務局"


def test_ocr_letters_in_a_number_cell_are_read_as_digits_with_a_trace():
    assert decode_number(Cell(1, 0, 0, "0O", BOX, source="ocr")) == (0, "'0O' read as '00'")
    assert decode_number(Cell(1, 0, 0, "1 2 9", BOX, source="ocr")) == (129, None)
    assert decode_number(Cell(1, 0, 0, "l3", BOX, source="ocr"))[0] == 13
    assert decode_number(Cell(1, 0, 0, "5 Q", BOX, source="ocr")) == (50, "'5 Q' read as '5 0'")  # the fax's 50
    # a bracket between two digits is a 1 (a copier's 115); beside one digit only, a speck
    assert decode_number(Cell(1, 0, 0, "1]5", BOX, source="ocr")) == (115, "'1]5' read as '115'")
    assert decode_number(Cell(1, 0, 0, "44]", BOX, source="ocr"))[0] == 44


def test_a_text_layer_number_is_never_guessed():
    with pytest.raises(NormalizeError, match="not a count"):
        decode_number(Cell(1, 0, 0, "0O", BOX, source="text"))
    with pytest.raises(NormalizeError):
        decode_number(Cell(1, 0, 0, "有", BOX, source="ocr"))


@pytest.mark.parametrize("read, value", [("1 3・ 7", 137), ("44・", 44), ("・209", 209), ("3 - 4", 34),
                                         (". 0", 0), ('"0', 0), ("12]", 12)])
def test_specks_beside_ocr_digits_are_dropped_with_a_trace(read, value):
    got, how = decode_number(Cell(1, 0, 0, read, BOX, source="ocr"))
    assert got == value and how is not None and "read as" in how


def test_an_ocr_number_that_breaks_the_run_is_read_by_its_digits_only_when_that_continues_it():
    from pipeline.recognize.tables import fit_ocr_number
    from pipeline.types import Case

    def case(raw: str, no: int, source: str = "ocr") -> Case:
        return Case("outsourcing", no, "x", None, None, None, None, None, None, "区長", True, False, 1, BOX,
                    source=source, raw={"case_no": raw})

    findings: list = []
    assert fit_ocr_number(case("7O", 70), 6, findings).case_no == 7 and len(findings) == 1
    assert fit_ocr_number(case("7O", 70), 20, []).case_no == 70, "no guess when the digits do not fit"
    assert fit_ocr_number(case("7O", 70, source="text"), 6, []).case_no == 70, "text layer untouched"


def test_an_ocr_row_with_an_unreadable_number_takes_the_next_number_with_a_finding():
    from pipeline.config import table_report_types
    from pipeline.recognize.tables import row_to_case

    rt = next(r for r in table_report_types() if r.name == "review_status")

    def cells(no: str, source: str) -> dict:
        texts = {"case_no": no, "description": "業務委託", "department": "総務部人事課", "agency": "区長",
                 "sensitive": "有", "ordinance_sensitive": "無"}
        return {f: Cell(1, 0, i, t, BOX, source=source) for i, (f, t) in enumerate(texts.items())}

    case, findings = row_to_case(cells("・", "ocr"), "outsourcing", rt, previous=41)
    assert case is not None and case.case_no == 42
    assert any(f.kind == "case_no_inferred" for f in findings)
    case, _ = row_to_case(cells("・", "text"), "outsourcing", rt, previous=41)
    assert case is None, "a text layer's unreadable No. is never guessed"


@pytest.mark.parametrize("read", ["会 0", "委員 3", "有", "・", "ア1"])
def test_letters_beside_ocr_digits_make_the_cell_unreadable(read):
    # a neighbour's glyph (「農業委員 | 会 0」) is not dust: no count is guessed from it
    with pytest.raises(NormalizeError, match="not a count"):
        decode_number(Cell(1, 0, 0, read, BOX, source="ocr"))


@pytest.mark.parametrize("read, value, glyph", [("有 .", True, "有"), ("有]", True, "有"), ("・無", False, "無"),
                                                ('"有', True, "有")])
def test_specks_beside_an_ocr_flag_are_dropped_with_a_trace(read, value, glyph):
    got, how = decode_flag(Cell(1, 0, 0, read, BOX, source="ocr"))
    assert got is value and how == f"{read!r} read as {glyph!r}"


def test_a_flag_as_printed_has_no_trace_and_a_text_layer_flag_is_never_cleaned():
    assert decode_flag(Cell(1, 0, 0, "無", BOX, source="ocr")) == (False, None)
    with pytest.raises(NormalizeError, match="not a flag"):
        decode_flag(Cell(1, 0, 0, "有]", BOX, source="text"))
    for read in ("舞", "有無", "有 1"):
        with pytest.raises(NormalizeError, match="not a flag"):
            decode_flag(Cell(1, 0, 0, read, BOX, source="ocr"))


def test_the_ocr_benchmark_decodes_closed_vocabularies_as_this_stage_does():
    """bench_ocr used to take the nearest allowed value (「」 and 「舞」 → 有): the benchmarks' scoring
    (dev/scoring.py) must score what the recognize stage stores, so an unreadable cell counts as wrong."""
    from dev import bench_ocr as bench
    assert [bench.decode("sensitive", t) for t in ("有", "無 .", "", "舞", "研")] == ["有", "無", "", "", ""]
    assert bench.decode("agency", "監査和要員") == "監査委員"
    assert bench.decode("agency", "") == "" and bench.decode("agency", "研") == "研"


def test_an_ocr_flag_takes_the_value_the_recognizer_finds_likelier_with_a_trace():
    # a fax's 無 read as 照: the recognizer's likelihoods (log) say 無 by a margin of 10
    cell = Cell(1, 0, 0, "照", BOX, source="ocr", choices=(("無", -2.0), ("区長", -9.0), ("有", -12.0)))
    assert decode_flag(cell) == (False, "'照' read as '無' (recognizer's likelihood)")
    assert decode_flag(Cell(1, 0, 0, "有", BOX, source="ocr", choices=(("有", -0.1), ("無", -20.0)))) == (True, None)


def test_a_flag_the_recognizer_cannot_place_is_ambiguous_not_guessed():
    cell = Cell(1, 0, 0, "有", BOX, source="ocr", choices=(("有", -2.0), ("無", -3.5)))
    with pytest.raises(NormalizeError, match="ambiguous flag"):
        decode_flag(cell)


def test_an_ocr_agency_takes_the_listed_one_the_recognizer_finds_likelier():
    rt = review_status()
    others = tuple((a, -30.0) for a in (*rt.agencies, rt.total_agency) if a != "区長")
    choices = (("有", -3.0), ("区長", -4.0), *others, ("無", -25.0))  # 有 is no agency
    assert decode_agency("区費", rt, choices) == ("区長", False)
    assert decode_agency("区長", rt, choices) == ("区長", True)
    assert decode_agency("教育委員全", rt, (("区長", -4.0), *others)) == ("区長", False)  # the likelihood decides
    # two agencies nearly as likely: the text decides as before
    close = (("監査委員", -5.0), ("農業委員会", -6.0), *((a, -30.0) for a in (*rt.agencies, rt.total_agency)
                                                     if a not in ("監査委員", "農業委員会")))
    assert decode_agency("監査和要員", rt, close) == ("監査委員", False)


def test_choices_that_leave_an_allowed_value_unscored_do_not_decide():
    # an extraction made under a configuration without one of the agencies, or a value the recognizer
    # cannot write: that value could be the printed one, so the text decides
    rt = review_status()
    assert decode_agency("教育委員全", rt, (("区長", -1.0), ("監査委員", -20.0))) == ("教育委員会", False)
    assert decode_flag(Cell(1, 0, 0, "無", BOX, source="ocr", choices=(("有", -0.1),))) == (False, None)
