"""The extractor reads the reference report just as well when another PDF producer drew it.

``tests/extract/cases/setagaya-2023-report359-fpdf2.pdf`` is written by
``dev/build_alt_producer.py`` from the same ``layout.json`` as the corpus
PDF, but with fpdf2 instead of reportlab: its own font subsetting and text
operators, its own cell borders (one rectangle per cell), its own column
widths, A4 portrait, one table per list broken over pages by fpdf2 with the
header row repeated, and its own line wrapping inside cells (justified, at
spaces first, then by character). Page numbers differ from the reference, so
``page_no`` is not compared.

Free-text fields (description, recipient, purpose, legal_basis, link_type) are
compared after removing all whitespace: a producer that wraps at spaces drops
the space at the line break, and a justified line ends at the cell's right
edge whether it broke at a space or not, so nothing on the page tells the
reader a space was there (「L G W A N」 broken after 「A」 reads 「L G W AN」,
which the normalizer then folds to 「LGW AN」). Where the printed row holds no
whitespace at all, nothing can have been dropped, and those rows must come out
exact: a space the extractor invents there is a bug.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import GROUND_TRUTH, squeeze

PDF = Path(__file__).resolve().parent / "cases" / "setagaya-2023-report359-fpdf2.pdf"
FREE_TEXT = ("description", "recipient", "purpose", "legal_basis", "link_type")
EXACT = ("department", "agency")


@pytest.fixture(scope="module")
def result():
    from pipeline.run import process_bytes

    return process_bytes(PDF.read_bytes(), PDF.name)


@pytest.fixture(scope="module")
def printed_rows() -> dict[tuple[str, int], list[str]]:
    """Each listed case's cells exactly as the PDF prints them, by (criterion, case_no)."""
    layout = json.loads((GROUND_TRUTH / "layout.json").read_text(encoding="utf-8"))
    rows = {}
    for page in layout["pages"]:
        for block in page["blocks"]:
            if block["type"] == "table" and page["kind"] == "list":
                for row in block["rows"][1:]:
                    rows[(block["criterion"], int(row[0]))] = row
    return rows


def test_the_pdf_comes_from_another_producer():
    import pdfplumber

    assert PDF.stat().st_size < 2 * 1024 * 1024
    with pdfplumber.open(PDF) as pdf:
        assert "fpdf2" in pdf.metadata.get("Producer", "")
        assert pdf.pages[0].width < pdf.pages[0].height, "portrait, unlike the landscape corpus render"


def test_every_case_found_with_its_fields(result, ground_truth):
    got = {(c.criterion, c.case_no): c for c in result.cases}
    expected = ground_truth["cases"]
    assert len(expected) == 434
    assert len(result.cases) == 434 and len(got) == 434, "one case per listed row, none twice"
    counts: dict[str, int] = {}
    for exp in expected:
        key = (exp["criterion"], int(exp["case_no"]))
        counts[key[0]] = counts.get(key[0], 0) + 1
        case = got[key]
        for field in EXACT:
            assert (getattr(case, field) or "") == exp[field], f"{key} {field}"
        assert squeeze(case.department_raw) == squeeze(exp["department_raw"]), f"{key} department_raw"
        for field in FREE_TEXT:
            assert squeeze(getattr(case, field)) == squeeze(exp[field]), f"{key} {field}"
        assert case.sensitive is (exp["sensitive"] == "true"), key
        assert case.ordinance_sensitive is (exp["ordinance_sensitive"] == "true"), key
    assert counts == {"outsourcing": 319, "external_provision": 58, "online_link": 57}


def test_rows_printed_without_spaces_are_exact(result, ground_truth, printed_rows):
    got = {(c.criterion, c.case_no): c for c in result.cases}
    checked = 0
    for exp in ground_truth["cases"]:
        key = (exp["criterion"], int(exp["case_no"]))
        if any(re.search(r"\s", cell) for cell in printed_rows[key]):
            continue
        checked += 1
        for field in FREE_TEXT + ("department_raw",):
            assert (getattr(got[key], field) or "") == exp[field], f"{key} {field}"
    assert checked > 300, "most rows print no space at all"


def test_all_24_summary_cells_exact(result, ground_truth):
    got = {(r.criterion, r.agency): r for r in result.review_counts}
    assert len(result.review_counts) == 24 and len(got) == 24
    for exp in ground_truth["review_counts"]:
        row = got[(exp["criterion"], exp["agency"])]
        for field in ("reviewed", "sensitive", "ordinance_sensitive"):
            assert getattr(row, field) == int(exp[field]), (exp["criterion"], exp["agency"], field)


def test_every_check_ok(result):
    # 4 criteria x 5 agencies x 2 flag rules, 4 x 3 total rows, 3 numbered lists
    assert len(result.checks) == 40 + 12 + 3
    assert [c for c in result.checks if not c.ok] == []
