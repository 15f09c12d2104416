"""One report, several copies (issue 12, item 5): the born-digital reference and its 300 dpi scan.

Both copies are cut to their first three pages (front page, summary tables, the first page of
the outsourcing list), so the scan's OCR stays short enough for CI (~30 s on two cores); the
cut keeps the report's number, date and municipality, which is what links copies. The expected
values are the ground truth (corpus/ground_truth, written from the reference text), never
either copy's output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pikepdf
import pytest

from pipeline.cli import main
from tests.conftest import CORPUS, REFERENCE_PDF

SCAN_PDF = CORPUS / "pdf" / "setagaya-2023-report359-scan300.pdf"
PAGES = 3
CASE_FIELDS = ("description", "department", "agency", "sensitive", "ordinance_sensitive")


def first_pages(src: Path, dst: Path, n: int) -> Path:
    with pikepdf.open(src) as pdf:
        del pdf.pages[n:]
        pdf.save(dst)
    return dst


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("copies")
    scan = first_pages(SCAN_PDF, folder / "scan.pdf", PAGES)  # ingested first: order must not matter
    born = first_pages(REFERENCE_PDF, folder / "born.pdf", PAGES)
    db = folder / "w.duckdb"
    assert main(["--quiet", "--jobs", "2", "--db", str(db), str(scan), str(born)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def doc_ids(con) -> dict[str, str]:
    return dict(con.execute("SELECT file_name, doc_id FROM documents").fetchall())


def test_the_copies_are_one_report_and_the_text_layer_is_the_best_copy(con, ground_truth):
    rows = con.execute("SELECT file_name, report_id, best_copy, ocr_pages FROM documents ORDER BY 1").fetchall()
    (born, born_report, born_best, born_ocr), (scan, scan_report, scan_best, scan_ocr) = rows
    assert (born, scan) == ("born.pdf", "scan.pdf") and born_report == scan_report
    assert (born_best, born_ocr, scan_best, scan_ocr) == (True, 0, False, PAGES)
    [report] = con.execute("SELECT report_no, report_date, copies, best_doc_id FROM reports").fetchall()
    assert report == (ground_truth["document"]["report_no"], date.fromisoformat(ground_truth["document"]["as_of"]),
                      2, doc_ids(con)["born.pdf"])
    best = con.execute("SELECT DISTINCT doc_id FROM best_cases").fetchall()
    assert best == [(doc_ids(con)["born.pdf"],)]


def test_case_changes_between_two_copies_of_one_report_is_empty(con):
    assert con.execute("SELECT count(*) FROM cases WHERE family_id IS NOT NULL").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM case_changes").fetchone()[0] == 0


def _truth(ground_truth) -> dict[tuple[str, str, str], str | None]:
    """(criterion, case_no, field) -> the value as the warehouse stores it, for the cut pages."""
    out = {}
    for exp in ground_truth["cases"]:
        if int(exp["page_no"]) > PAGES:
            continue
        for field in CASE_FIELDS:
            value = exp[field] or None
            out[(exp["criterion"], exp["case_no"], field)] = value
    return out


def test_the_cross_check_lists_exactly_the_scan_values_that_differ_from_the_report(con, ground_truth):
    ids = doc_ids(con)
    truth = _truth(ground_truth)
    stored = {}
    for criterion, case_no, *values in con.execute(
            f"SELECT criterion, case_no, {', '.join(CASE_FIELDS)} FROM cases WHERE doc_id = ?",
            [ids["scan.pdf"]]).fetchall():
        for field, value in zip(CASE_FIELDS, values, strict=True):
            stored[(criterion, str(case_no), field)] = str(value).lower() if isinstance(value, bool) else value
    assert stored.keys() == truth.keys(), "the scan's cut pages hold the same cases as the ground truth"
    wrong = {k for k in truth if stored[k] != truth[k]}
    listed = con.execute(
        "SELECT criterion, record_key, field, best_value, copy_value, copy_doc_id, spacing_only "
        "FROM copy_differences WHERE record = 'case'").fetchall()
    assert wrong, "OCR of a scan differs somewhere: the cross-check has something to find"
    assert {(c, k, f) for c, k, f, *_ in listed} == wrong
    for criterion, key, field, best_value, copy_value, copy_doc, spacing_only in listed:
        assert copy_doc == ids["scan.pdf"]
        assert best_value == truth[(criterion, key, field)] and copy_value == stored[(criterion, key, field)]
        assert spacing_only == ("".join(best_value.split()) == "".join(copy_value.split()))


def test_the_cross_check_covers_summary_counts(con, ground_truth):
    truth = {(r["criterion"], r["agency"], f): r[f] for r in ground_truth["review_counts"]
             for f in ("reviewed", "sensitive", "ordinance_sensitive")}
    ids = doc_ids(con)
    scan = {(c, a, f): str(v) for c, a, *vs in con.execute(
        "SELECT criterion, agency, reviewed, sensitive, ordinance_sensitive FROM review_counts WHERE doc_id = ?",
        [ids["scan.pdf"]]).fetchall() for f, v in zip(("reviewed", "sensitive", "ordinance_sensitive"), vs,
                                                       strict=True)}
    wrong = {k for k in truth if scan.get(k) != truth[k]}
    listed = con.execute("SELECT criterion, record_key, field, best_value FROM copy_differences "
                         "WHERE record = 'review_count'").fetchall()
    missing_rows = {(c, a) for c, a, f, _ in listed if f == "(record)"}
    assert {(c, a, f) for c, a, f, _ in listed if f != "(record)"} | {
        k for k in wrong if (k[0], k[1]) in missing_rows} == wrong


def test_of_two_text_layer_copies_the_one_with_fewer_findings_is_best_and_a_replaced_copy_hands_over(tmp_path):
    import dataclasses

    from pipeline.load.warehouse import connect, load_document
    from pipeline.run import process_bytes
    from pipeline.types import Finding

    born = first_pages(REFERENCE_PDF, tmp_path / "born.pdf", PAGES)
    clean = process_bytes(born.read_bytes(), "clean.pdf")
    noisy = dataclasses.replace(
        clean, extraction=dataclasses.replace(clean.extraction, sha256="f" * 64, file_name="noisy.pdf"),
        findings=(*clean.findings, Finding("agency_decoded", 2, "planted")))
    con = connect(tmp_path / "w.duckdb")
    try:
        load_document(con, noisy)
        assert con.execute("SELECT file_name, best_copy FROM documents").fetchall() == [("noisy.pdf", True)]
        load_document(con, clean)
        rows = con.execute("SELECT file_name, best_copy, report_id FROM documents ORDER BY 1").fetchall()
        assert [r[:2] for r in rows] == [("clean.pdf", True), ("noisy.pdf", False)] and rows[0][2] == rows[1][2]
        # the clean copy re-read as another report (its number misread): the noisy one is best again
        renumbered = dataclasses.replace(clean, info=dataclasses.replace(clean.info, report_no=358))
        load_document(con, renumbered)
        rows = con.execute("SELECT file_name, best_copy FROM documents ORDER BY 1").fetchall()
        assert rows == [("clean.pdf", True), ("noisy.pdf", True)]
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    finally:
        con.close()
