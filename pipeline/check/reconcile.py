"""Reconciliation rules between a report's summary tables and its lists.

Rules (``checks.rule``):

- ``sensitive_count``: for each criterion and agency, listed cases with
  要配慮個人情報 = 有 equal the summary's うち要配慮個人情報.
- ``ordinance_sensitive_count``: likewise for 条例要配慮個人情報.
- ``total_row``: each summary column's agency rows add up to its 合計 row.
- ``numbering``: a list's case numbers run 1, 2, 3 … without gap or repeat.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pipeline.types import Case, CheckResult, ReviewCount

FLAG_RULES = (("sensitive_count", "sensitive"), ("ordinance_sensitive_count", "ordinance_sensitive"))
COLUMNS = ("reviewed", "sensitive", "ordinance_sensitive")


def flag_checks(counts: Sequence[ReviewCount], cases: Sequence[Case], total_agency: str) -> list[CheckResult]:
    """Summary うち要配慮 / うち条例要配慮 vs the number of listed cases flagged 有."""
    listed: Counter[tuple[str, str, str | None]] = Counter()
    for case in cases:
        for _, flag in FLAG_RULES:
            if getattr(case, flag):
                listed[(flag, case.criterion, case.agency)] += 1
    out = []
    for row in counts:
        if row.agency == total_agency:
            continue
        for rule, flag in FLAG_RULES:
            expected = getattr(row, flag)
            actual = listed[(flag, row.criterion, row.agency)]
            out.append(CheckResult(rule, row.criterion, row.agency, expected, actual, expected == actual))
    summarized = {(r.criterion, r.agency) for r in counts}
    for (flag, criterion, agency), n in sorted(listed.items(), key=str):
        if (criterion, agency) not in summarized:
            rule = {f: r for r, f in FLAG_RULES}[flag]
            out.append(CheckResult(rule, criterion, agency, None, n, False, "listed cases with no summary row"))
    return out


def total_checks(counts: Sequence[ReviewCount], total_agency: str) -> list[CheckResult]:
    out = []
    for criterion in sorted({r.criterion for r in counts}):
        rows = [r for r in counts if r.criterion == criterion]
        totals = [r for r in rows if r.agency == total_agency]
        if not totals:
            continue
        for column in COLUMNS:
            expected = getattr(totals[0], column)
            actual = sum(getattr(r, column) for r in rows if r.agency != total_agency)
            out.append(CheckResult("total_row", criterion, total_agency, expected, actual, expected == actual, column))
    return out


def numbering_checks(cases: Sequence[Case]) -> list[CheckResult]:
    out = []
    for criterion in sorted({c.criterion for c in cases}):
        numbers = [c.case_no for c in cases if c.criterion == criterion]
        expected_seq = list(range(1, len(numbers) + 1))
        ok = numbers == expected_seq
        detail = ""
        if not ok:
            repeats = sorted(n for n, k in Counter(numbers).items() if k > 1)
            gaps = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
            detail = f"gaps {gaps[:10]} repeats {repeats[:10]}"
        out.append(CheckResult("numbering", criterion, None, len(numbers), max(numbers), ok, detail))
    return out


def reconcile(counts: Sequence[ReviewCount], cases: Sequence[Case], total_agency: str = "合計") -> list[CheckResult]:
    """All rules over one document's records."""
    return flag_checks(counts, cases, total_agency) + total_checks(counts, total_agency) + numbering_checks(cases)
