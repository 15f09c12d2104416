"""Front-page facts are normalized like every other text, whether the page was read from a text layer or OCR."""

from __future__ import annotations

import json
import re

from pipeline.config import table_report_types
from pipeline.recognize import lines_to_document_info
from pipeline.types import BBox, TextLine
from tests.conftest import GROUND_TRUTH

FULL_WIDTH = str.maketrans("0123456789()", "０１２３４５６７８９（）")


def as_ocr_reads_it(text: str) -> str:
    """Tesseract's habits on a title: full-width digits and brackets, a space around each."""
    return re.sub(r"([0-9()]+)", r" \1 ", text).translate(FULL_WIDTH)


def test_an_ocr_read_title_matches_the_ground_truth():
    truth = json.loads((GROUND_TRUTH / "document.json").read_text(encoding="utf-8"))
    [report_type] = [rt for rt in table_report_types() if rt.name == "review_status"]  # the reference is a 審査状況 report
    spaced_title = as_ocr_reads_it(truth["title"])
    assert spaced_title != truth["title"] and "５" in spaced_title
    lines = [TextLine(1, text, BBox(0, 10 * i, 500, 10 * i + 9), "ocr")
             for i, text in enumerate([spaced_title, truth["publisher"]])]
    info = lines_to_document_info(lines, report_type)
    assert info.title == truth["title"]
    assert info.publisher == truth["publisher"]
