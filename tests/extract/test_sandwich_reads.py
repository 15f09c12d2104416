"""A page of the sandwich scan (dev/scan_sandwich.py) through extract and recognize: read from its image.

The scan's invisible layer is a scanning device's OCR with its misreads (有→右,
2→Z, split numbers) and its lines read across the table's cells. Triage rule 5
(pipeline/extract/triage.py) sends such a page to our own OCR and says so on
the page; the cases then come from OCR with the list's case numbers, as on any
other scan of the same page. Expected values are the ground truth's.
"""

from __future__ import annotations

import pytest

from pipeline.config import table_report_types
from pipeline.extract import ExtractSettings, extract_document
from pipeline.extract.triage import LAYER_IGNORED
from pipeline.recognize import tables_to_records
from pipeline.types import Extraction
from tests.extract.test_ocr_scans import CASES_ON_PAGE_3, PRODUCERS, _scripts_module


@pytest.fixture(scope="module")
def page_3(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    build = _scripts_module("build_scans")
    pdf = build.build_pipeline(PRODUCERS["reportlab"], "sandwich", tmp_path_factory.mktemp("sandwich"), "3")
    return extract_document(pdf.read_bytes(), pdf.name, settings=ExtractSettings(jobs=1))


def test_the_device_layer_is_ignored_and_the_page_ocrd(page_3: Extraction) -> None:
    (page,) = page_3.pages
    assert page.source == "ocr"
    assert page.reason.startswith(LAYER_IGNORED), page.reason
    assert page.ocr_engine  # an engine of ours read it


def test_its_cases_come_from_ocr_with_the_lists_numbers(page_3: Extraction) -> None:
    cases = tables_to_records(page_3.tables, table_report_types(), page_3.lines).cases
    outsourcing = [c for c in cases if c.criterion == "outsourcing"]
    assert sorted(c.case_no for c in outsourcing) == list(CASES_ON_PAGE_3["reportlab"])
    assert {c.source for c in outsourcing} == {"ocr"}
    # the device's look-alikes are not copied: its 右 for 有 would leave a flag unread
    assert all(c.sensitive is not None and c.ordinance_sensitive is not None for c in outsourcing)
