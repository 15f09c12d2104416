"""A broken cross-reference table is repaired in memory, recorded, and never changes the document's id."""

from __future__ import annotations

import hashlib
import io
import sys

import pytest

from dev.make_bad_pdfs import broken_xref, first_pages_classic_xref, page_tree_cycle
from pipeline.errors import ExtractError
from pipeline.extract import extract_document
from pipeline.extract.safety import open_consistent
from tests.conftest import REFERENCE_PDF


@pytest.fixture(scope="module")
def two_pages() -> bytes:
    return first_pages_classic_xref(REFERENCE_PDF.read_bytes())


def test_pdfminer_alone_loses_every_page_of_a_broken_xref(two_pages):
    """The bug this guards against: without the cross-check the file reads as empty."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(broken_xref(two_pages))) as pdf:
        assert len(pdf.pages) == 0


def test_broken_xref_is_repaired_and_noted(two_pages):
    data = broken_xref(two_pages)
    extraction = extract_document(data, "b.pdf")
    assert extraction.page_count == 2
    assert extraction.sha256 == hashlib.sha256(data).hexdigest(), "the id is the original bytes' hash"
    (note,) = extraction.notes
    assert note.startswith("cross-reference table repaired in memory with qpdf (pikepdf): pdfplumber read 0 pages")
    assert "Attempting to reconstruct cross-reference table" in note
    assert extract_document(two_pages, "ok.pdf").notes == (), "an intact file is read as it is"


def test_a_file_with_a_garbage_xref_is_repaired(two_pages):
    """xref and startxref are garbage: pdfminer and pdfium refuse it, qpdf rebuilds it."""
    cut = two_pages.rindex(b"\nxref\n") + 1
    data = two_pages[:cut] + b"xref\ngarbage\ntrailer\n<<>>\nstartxref\n12\n%%EOF\n"
    extraction = extract_document(data, "noxref.pdf")
    assert extraction.page_count == 2
    assert "pdfplumber could not open it of the original, 2 after the repair (pdfium cannot read" in extraction.notes[0]


def test_a_truncated_file_is_not_repaired_into_a_partial_document(two_pages):
    """qpdf would rebuild a file cut anywhere from what is left; what was cut off stays lost."""
    for cut in (two_pages.rindex(b"\nxref\n") + 1, len(two_pages) * 2 // 3):
        with pytest.raises(ExtractError, match=r"looks truncated \(no %%EOF near its end\), so it is rejected"):
            extract_document(two_pages[:cut], "cut.pdf")


def test_pdfium_repairs_when_pikepdf_is_not_installed(two_pages, monkeypatch):
    monkeypatch.setitem(sys.modules, "pikepdf", None)  # import pikepdf -> ImportError
    extraction = extract_document(broken_xref(two_pages), "b.pdf")
    assert extraction.page_count == 2
    assert "repaired in memory with pdfium" in extraction.notes[0]


def test_counts_that_stay_apart_reject_the_document():
    with pytest.raises(ExtractError, match=r"c\.pdf: extract: page counts disagree: pdfplumber reads 1, pdfium 2"):
        extract_document(page_tree_cycle(b""), "c.pdf")


def test_open_consistent_leaves_a_good_file_alone(two_pages):
    from pipeline.extract import _open

    pdf, notes = open_consistent(two_pages, "ok.pdf", _open)
    try:
        assert len(pdf.pages) == 2 and notes == ()
    finally:
        pdf.close()
