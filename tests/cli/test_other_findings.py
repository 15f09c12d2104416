"""Every finding shows on its file's CLI line: the kinds the line names by meaning, and the rest by kind.

A document can land with a summary table dropped (two tables naming one
criterion: criterion_named_twice, unknown_criterion) and nothing else wrong to
see; its line must say so. The kinds and counts here are written by hand.
"""

from __future__ import annotations

from pipeline.cli.ingest import not_understood, not_understood_total
from pipeline.run import Outcome
from pipeline.types import DocumentInfo, DocumentResult, Extraction, Finding, other_kinds


def test_other_kinds_are_named_most_frequent_first_and_cut_after_three() -> None:
    assert other_kinds(["unknown_criterion", "criterion_named_twice", "unknown_criterion"]) == (
        "unknown_criterion ×2, criterion_named_twice")
    assert other_kinds(["d", "c", "b", "a", "a"]) == "a ×2, b, c, …"
    assert other_kinds(["table_not_recognized", "cell_over_fields"]) == ""  # named by meaning on the line


def test_a_landed_document_counts_its_other_findings_for_its_line() -> None:
    extraction = Extraction("0" * 64, "x.pdf", 2, (), (), ())
    findings = (Finding("unknown_criterion", 1, "…"), Finding("unknown_criterion", 2, "…"),
                Finding("criterion_named_twice", 1, "…"), Finding("table_not_recognized", 2, "…"))
    info = DocumentInfo(title=None, report_no=None, published_on=None, as_of=None, publisher=None)
    counts = DocumentResult(extraction, info, None, (), (), (), findings).counts()
    assert (counts["other_findings"], counts["other_kinds"]) == (3, "unknown_criterion ×2, criterion_named_twice")
    assert counts["tables_not_recognized"] == 1 and counts["findings"] == 4
    line = not_understood(Outcome("x.pdf", "landed", **counts))
    assert line == ", 1 table(s) not recognized, 3 other finding(s) (unknown_criterion ×2, criterion_named_twice)"


def test_the_summary_counts_the_other_findings_of_every_file() -> None:
    landed = [Outcome("x.pdf", "landed", other_findings=3, other_kinds="a ×3"), Outcome("y.pdf", "landed")]
    assert not_understood_total(landed) == ", 3 other finding(s) (see the findings table)"
    assert not_understood(landed[1]) == ""

