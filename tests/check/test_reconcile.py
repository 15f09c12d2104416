"""Reconciliation reports disagreements as findings instead of failing."""

from __future__ import annotations

from pipeline.check import reconcile
from pipeline.check.reconcile import first_gaps
from pipeline.types import BBox, Case, ReviewCount

BOX = BBox(0, 0, 1, 1)


def case(no: int, sensitive: bool, ordinance: bool, agency: str = "区長") -> Case:
    return Case("outsourcing", no, "x", None, None, None, None, "課", "課", agency, sensitive, ordinance, 1, BOX)


def counts(sensitive: int, ordinance: int) -> list[ReviewCount]:
    return [ReviewCount("outsourcing", "区長", 5, sensitive, ordinance, 1, BOX),
            ReviewCount("outsourcing", "合計", 5, sensitive, ordinance, 1, BOX)]


def test_agreeing_report_passes_every_rule():
    results = reconcile(counts(2, 1), [case(1, True, False), case(2, True, True)])
    assert results and all(r.ok for r in results)


def test_mismatch_is_a_stored_finding_with_both_numbers():
    results = reconcile(counts(3, 1), [case(1, True, False), case(2, True, True)])
    bad = [r for r in results if not r.ok]
    assert [(r.rule, r.agency, r.expected, r.actual) for r in bad] == [("sensitive_count", "区長", 3, 2)]


def test_total_row_and_numbering_gaps_are_checked():
    rows = counts(1, 0)
    rows[1] = ReviewCount("outsourcing", "合計", 6, 1, 0, 1, BOX)
    results = reconcile(rows, [case(1, True, False), case(3, False, False)])
    bad = {r.rule: r for r in results if not r.ok}
    assert bad["total_row"].expected == 6 and bad["total_row"].actual == 5
    assert "gaps [2]" in bad["numbering"].detail


def test_listed_cases_of_an_agency_with_no_summary_row_fail():
    results = reconcile(counts(1, 0), [case(1, True, False), case(2, True, False, agency="教育委員会")])
    assert any(not r.ok and r.agency == "教育委員会" and r.expected is None for r in results)


def test_a_check_that_cannot_be_computed_is_stored_as_such_not_failed():
    """An unreadable 有/無 or summary row leaves the rule not computed (ok None) with the reason."""
    unreadable_flag = Case("outsourcing", 2, "x", None, None, None, None, "課", "課", "区長", None, False, 1, BOX)
    results = reconcile(counts(2, 1), [case(1, True, True), unreadable_flag])
    by_rule = {r.rule: r for r in results if r.agency == "区長"}
    assert by_rule["sensitive_count"].ok is None and by_rule["sensitive_count"].status == "not_computed"
    assert "unreadable" in by_rule["sensitive_count"].detail
    assert by_rule["ordinance_sensitive_count"].ok is True  # that flag was read on every case


def test_an_unread_summary_row_makes_its_checks_not_computed():
    rows = counts(1, 0)[:1] + [ReviewCount("outsourcing", "合計", 6, 1, 0, 1, BOX)]
    listed = [case(1, True, False), case(2, True, False, agency="教育委員会")]
    results = reconcile(rows, listed, unread=[("outsourcing", "教育委員会")])
    board = [r for r in results if r.agency == "教育委員会"]
    assert [r.rule for r in board] == ["sensitive_count", "ordinance_sensitive_count"]
    assert all(r.ok is None and "could not be read" in r.detail for r in board)
    assert [r.rule for r in reconcile(rows, listed[:1], unread=[("outsourcing", "教育委員会")])
            if r.agency == "教育委員会"] == ["sensitive_count", "ordinance_sensitive_count"], "listed or not"
    totals = [r for r in results if r.rule == "total_row"]
    assert len(totals) == 3 and all(r.status == "not_computed" and "教育委員会" in r.detail for r in totals)
    assert not [r for r in results if r.ok is False]


def test_no_total_row_is_not_computed_and_no_summary_table_is_not_a_failure():
    results = reconcile(counts(1, 0)[:1], [case(1, True, False)])
    assert {r.status for r in results if r.rule == "total_row"} == {"not_computed"}
    only_lists = reconcile([], [case(1, True, False)])
    assert [r.status for r in only_lists if r.rule == "sensitive_count"] == ["not_computed"]


def test_a_misread_number_of_many_digits_lists_the_first_gaps_without_building_its_range():
    """Two No. cells run together by OCR (「23」「24」 → 2324…) once made a list as long as the number."""
    results = reconcile(counts(0, 0), [case(1, False, False), case(4, False, False), case(10 ** 15, False, False)])
    numbering = next(r for r in results if r.rule == "numbering")
    assert not numbering.ok and numbering.actual == 10 ** 15
    assert "gaps [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]" in numbering.detail


def test_first_gaps_are_the_missing_numbers_in_order():
    assert first_gaps([1, 2, 5, 9], 10) == [3, 4, 6, 7, 8]
    assert first_gaps([3, 3], 10) == [1, 2]
    assert first_gaps([2, 7], 2) == [1, 3]
    assert first_gaps([1, 2, 3], 10) == []
