"""Reconciliation reports disagreements as findings instead of failing."""

from __future__ import annotations

from pipeline.check import reconcile
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
