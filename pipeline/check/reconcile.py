"""Reconciliation rules between a report's summary tables and its lists.

Rules (``checks.rule``):

- ``sensitive_count``: for each criterion and agency, listed cases with
  要配慮個人情報 = 有 equal the summary's うち要配慮個人情報.
- ``ordinance_sensitive_count``: likewise for 条例要配慮個人情報.
- ``total_row``: each summary column's agency rows add up to its 合計 row.
- ``numbering``: a list's case numbers run 1, 2, 3 … without gap or repeat.

A rule that cannot be computed (a summary row or cell that could not be read, a
listed case whose 有/無 or agency could not be read, no 合計 row) is stored with
``ok`` None and the reason in ``detail`` (``checks.status = 'not_computed'``):
a failed check means the report disagrees with itself, never "we do not know".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from pipeline.types import Case, CheckResult, ReviewCount

FLAG_RULES = (("sensitive_count", "sensitive"), ("ordinance_sensitive_count", "ordinance_sensitive"))
COLUMNS = ("reviewed", "sensitive", "ordinance_sensitive")


def flag_checks(counts: Sequence[ReviewCount], cases: Sequence[Case], total_agency: str,
                unread: Collection[tuple[str, str]] = ()) -> list[CheckResult]:
    """Summary うち要配慮 / うち条例要配慮 vs the number of listed cases flagged 有.

    ``unread`` are the (criterion, agency) summary rows the recognize stage could
    not read: their checks, and those of a criterion with no summary row at all,
    are not computed rather than failed.
    """
    listed: Counter[tuple[str, str, str | None]] = Counter()
    unknown: Counter[tuple[str, str, str | None]] = Counter()  # flag or agency unreadable
    for case in cases:
        for _, flag in FLAG_RULES:
            value = getattr(case, flag)
            if value is None or (case.agency is None and value is not False):
                unknown[(flag, case.criterion, case.agency)] += 1
            elif value:
                listed[(flag, case.criterion, case.agency)] += 1
    out = []
    for row in counts:
        if row.agency == total_agency:
            continue
        for rule, flag in FLAG_RULES:
            expected = getattr(row, flag)
            actual = listed[(flag, row.criterion, row.agency)]
            blind = unknown[(flag, row.criterion, row.agency)] + unknown[(flag, row.criterion, None)]
            if expected is None:
                out.append(CheckResult(rule, row.criterion, row.agency, None, actual, None,
                                       f"not computed: its summary cell ({flag}) could not be read"))
            elif blind:
                out.append(CheckResult(rule, row.criterion, row.agency, expected, actual, None,
                                       f"not computed: {blind} listed case(s) with an unreadable {flag} or agency"))
            else:
                out.append(CheckResult(rule, row.criterion, row.agency, expected, actual, expected == actual))
    summarized = {(r.criterion, r.agency) for r in counts}
    criteria_read = {r.criterion for r in counts}
    for unread_criterion, unread_agency in sorted(set(unread) - summarized):
        for rule, flag in FLAG_RULES:
            n = listed[(flag, unread_criterion, unread_agency)]
            out.append(CheckResult(rule, unread_criterion, unread_agency, None, n, None,
                                   "not computed: its summary row could not be read"))
    for (flag, criterion, agency), n in sorted(listed.items(), key=str):
        if (criterion, agency) in summarized or (criterion, agency) in unread or agency is None:
            continue
        rule = {f: r for r, f in FLAG_RULES}[flag]
        if criterion not in criteria_read:
            out.append(CheckResult(rule, criterion, agency, None, n, None,
                                   "not computed: no summary table of this criterion was read"))
        else:
            out.append(CheckResult(rule, criterion, agency, None, n, False, "listed cases with no summary row"))
    return out


def total_checks(counts: Sequence[ReviewCount], total_agency: str,
                 unread: Collection[tuple[str, str]] = ()) -> list[CheckResult]:
    """Each column's agency rows vs its 合計 row; not computed when a row of the table was unread."""
    out = []
    for criterion in sorted({r.criterion for r in counts} | {c for c, _ in unread}):
        rows = [r for r in counts if r.criterion == criterion]
        totals = [r for r in rows if r.agency == total_agency]
        missing = sorted(a for c, a in unread if c == criterion)
        for column in COLUMNS:
            expected = getattr(totals[0], column) if totals else None
            parts = [r for r in rows if r.agency != total_agency]
            actual = sum(getattr(r, column) or 0 for r in parts)
            blank = [r.agency for r in (*parts, *totals[:1]) if getattr(r, column) is None]
            if missing:
                why = f"not computed: summary row(s) {', '.join(missing)} could not be read"
            elif blank:
                why = f"not computed: the {column} cell of {', '.join(blank)} could not be read"
            elif not totals:
                why = f"not computed: no {total_agency} row was read"
            else:
                out.append(CheckResult("total_row", criterion, total_agency, expected, actual,
                                       expected == actual, column))
                continue
            out.append(CheckResult("total_row", criterion, total_agency, expected, actual, None, f"{column}: {why}"))
    return out


def first_gaps(numbers: Sequence[int], limit: int) -> list[int]:
    """The first ``limit`` numbers missing from 1 … max(numbers), found between neighbours.

    Never builds the whole range: one misread No. of many digits (two numbers run together
    by OCR) would otherwise make a list of that many integers (it ran an ingest out of memory).
    """
    gaps: list[int] = []
    before = 0
    for n in sorted(set(numbers)):
        gaps.extend(range(before + 1, min(n, before + 1 + limit - len(gaps))))
        if len(gaps) >= limit:
            break
        before = n
    return gaps


def numbering_checks(cases: Sequence[Case]) -> list[CheckResult]:
    out = []
    for criterion in sorted({c.criterion for c in cases}):
        numbers = [c.case_no for c in cases if c.criterion == criterion]
        expected_seq = list(range(1, len(numbers) + 1))
        ok = numbers == expected_seq
        detail = ""
        if not ok:
            repeats = sorted(n for n, k in Counter(numbers).items() if k > 1)
            detail = f"gaps {first_gaps(numbers, 10)} repeats {repeats[:10]}"
        out.append(CheckResult("numbering", criterion, None, len(numbers), max(numbers), ok, detail))
    return out


def reconcile(counts: Sequence[ReviewCount], cases: Sequence[Case], total_agency: str = "合計",
              unread: Collection[tuple[str, str]] = ()) -> list[CheckResult]:
    """All rules over one document's records (``unread``: summary rows that could not be read)."""
    return (flag_checks(counts, cases, total_agency, unread) + total_checks(counts, total_agency, unread)
            + numbering_checks(cases))
