"""Every bad input either lands whole or is rejected on one line (file, stage, reason) leaving no rows."""

from __future__ import annotations

import hashlib
import re

import pytest

from dev.make_bad_pdfs import CASES, BadCase
from tests.reliability.conftest import DOC_TABLES, query


@pytest.mark.parametrize("case", CASES, ids=[c.file_name for c in CASES])
def test_bad_input_outcome(case: BadCase, bad_run, bad_dir):
    line = bad_run.line_for(case.file_name)
    sha256 = hashlib.sha256((bad_dir / case.file_name).read_bytes()).hexdigest()
    docs = query(bad_run.db, "SELECT doc_id, page_count FROM documents WHERE sha256 = ?", [sha256])
    if case.expect == "lands":
        assert line.startswith(f"landed   {case.file_name}:"), line
        assert len(docs) == 1, "lands exactly once, keyed by the hash of the original bytes"
        doc_id = docs[0][0]
        (n_cases,) = query(bad_run.db, "SELECT count(*) FROM cases WHERE doc_id = ?", [doc_id])[0]
        assert n_cases == case.cases, "a document lands with all its rows"
        names = query(bad_run.db, "SELECT file_name FROM documents WHERE doc_id = ?", [doc_id])
        assert names == [(case.file_name,)], "the file name is kept as given"
    else:
        assert re.match(rf"failed   {re.escape(case.file_name)}: extract( \(page \d+\))?: .*({case.reason})", line), line
        assert docs == [], "a rejected file leaves no document"
        for table in DOC_TABLES:
            rows = query(bad_run.db, f"SELECT count(*) FROM {table} WHERE doc_id = ?", [sha256[:16]])
            assert rows == [(0,)], f"a rejected file leaves no rows in {table}"


def test_run_goes_on_and_exit_code_says_something_failed(bad_run):
    assert bad_run.code == 1
    assert not any("Traceback" in line for line in bad_run.lines)
    per_file = [line for line in bad_run.lines if line.startswith(("landed", "failed", "skipped"))]
    assert len(per_file) == len(CASES), "one line per file, every file tried"
    summary = bad_run.lines[-1]
    landed = sum(c.expect == "lands" for c in CASES)
    assert summary.startswith(f"summary: {landed} landed, 0 skipped, {len(CASES) - landed} failed"), summary


def test_no_orphan_rows(bad_run):
    """Every row in every table belongs to a document that landed whole."""
    for table in DOC_TABLES[1:]:
        orphans = query(bad_run.db, f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        assert orphans == [(0,)], table


def test_repair_is_recorded_and_id_is_the_original_hash(bad_run, bad_dir):
    data = (bad_dir / "broken_xref.pdf").read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    rows = query(bad_run.db, "SELECT doc_id, notes, page_count FROM documents WHERE file_name = 'broken_xref.pdf'")
    assert len(rows) == 1
    doc_id, notes, pages = rows[0]
    assert doc_id == sha256[:16]
    assert pages == 48
    assert "repaired in memory with qpdf" in notes and "read 0 pages of the original" in notes, notes


def test_a_rejection_stays_one_line_with_debug(bad_dir, tmp_path, capsys):
    """--debug adds logging, not tracebacks, for a file that is simply bad."""
    from pipeline.cli import main

    code = main(["--quiet", "--debug", "--db", str(tmp_path / "w.duckdb"), str(bad_dir / "truncated.pdf")])
    out = capsys.readouterr().out
    assert code == 1
    assert re.search(r"failed   truncated\.pdf: extract: unreadable PDF .*looks truncated", out), out
    assert "Traceback" not in out
