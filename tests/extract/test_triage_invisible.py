"""Triage rule 5: a "searchable PDF" (a scan under someone else's invisible OCR layer) is read from its image.

The pages are built here with reportlab: an image over the whole page, text
in render mode 3 (invisible) or 0 (painted), or both. Only the page's
structure matters to triage, so the image is plain paper and the text ASCII.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from pipeline.extract import ExtractSettings, read_page
from pipeline.extract.safety import Deadline
from pipeline.extract.triage import LAYER_IGNORED, TriageSettings, triage_document

A4 = (595.0, 842.0)
LINES = [f"Case {n}: outsourcing of the ward's records, department {n * 7}" for n in range(1, 21)]


def page_pdf(*, image: float | None = None, invisible: int = 0, visible: int = 0, strips: int = 1) -> bytes:
    """One A4 page: an image covering ``image`` of its width and height (None: no image), stored as ``strips``
    images one under the other, then ``invisible`` lines of text in render mode 3 and ``visible`` lines painted."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if image is not None:
        paper = io.BytesIO()
        Image.new("L", (248, 351 // strips), 240).save(paper, "PNG")
        tall = A4[1] * image / strips
        for k in range(strips):
            c.drawImage(ImageReader(paper), 0, A4[1] - tall * (k + 1), A4[0] * image, tall)
    y = 800.0
    for mode, count in ((3, invisible), (0, visible)):
        for line in LINES[:count]:
            c.saveState()  # Tr outlives ET: each line's mode is kept to its own q ... Q
            text = c.beginText(40, y)
            text.setFont("Helvetica", 10)
            text.setTextRenderMode(mode)
            text.textLine(line)
            c.drawText(text)
            c.restoreState()
            y -= 14
    c.showPage()
    c.save()
    return buf.getvalue()


def only(verdicts: list[tuple[str, str]]) -> tuple[str, str]:
    assert len(verdicts) == 1
    return verdicts[0]


def test_an_invisible_layer_over_a_page_image_is_ignored_and_the_page_ocrd() -> None:
    source, reason = only(triage_document(page_pdf(image=1.0, invisible=20)))
    assert source == "ocr"
    assert reason.startswith(LAYER_IGNORED), reason
    assert "not painted" in reason and "images cover 100% of the page" in reason


def test_a_scan_stored_in_strips_is_a_scan_too() -> None:
    # no strip covers half the page (rule 4's one image); together they cover all of it
    source, reason = only(triage_document(page_pdf(image=1.0, invisible=20, strips=4)))
    assert source == "ocr" and reason.startswith(LAYER_IGNORED) and "images cover 100%" in reason, reason


def test_a_born_digital_page_keeps_its_visible_layer() -> None:
    assert only(triage_document(page_pdf(visible=20))) == ("text", "text layer usable")


def test_visible_text_over_a_background_image_is_still_the_text_layer() -> None:
    # a born-digital page printed over a full-page picture (a letterhead, a watermark) reads as it is shown
    assert only(triage_document(page_pdf(image=1.0, visible=20))) == ("text", "text layer usable")


def test_an_invisible_layer_with_no_scan_under_it_stays_the_text_and_says_so() -> None:
    # nothing is painted to OCR: the layer is all the page has (outlined text with a searchable layer)
    source, reason = only(triage_document(page_pdf(invisible=20)))
    n = sum(not ch.isspace() for line in LINES for ch in line)
    assert (source, reason) == ("text", f"text layer usable; {n} of {n} characters invisible, no scan under them")


def test_an_image_covering_a_small_part_of_the_page_is_not_a_scan() -> None:
    source, reason = only(triage_document(page_pdf(image=0.5, invisible=20)))  # a quarter of the page
    assert source == "text" and "no scan under them" in reason


def test_a_few_invisible_words_on_a_scan_with_a_visible_page_do_not_make_it_a_sandwich() -> None:
    # mostly painted text (a born-digital page with a hidden line) over an image: the visible layer is read
    assert only(triage_document(page_pdf(image=1.0, invisible=2, visible=18))) == ("text", "text layer usable")


def test_the_page_read_records_the_ocr_and_why() -> None:
    import pdfplumber

    from pipeline.extract import open_pdfium

    data = page_pdf(image=1.0, invisible=20)
    settings = ExtractSettings(jobs=1)
    pdfium_doc = open_pdfium(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            read = read_page(pdf.pages[0], pdfium_doc, 0, "t.pdf", settings, Deadline("t.pdf", 60, 60))
    finally:
        pdfium_doc.close()
    assert read.info is None and not read.tables and not read.lines  # nothing taken from the layer
    assert read.ocr_todo is not None
    assert read.ocr_todo[3].startswith(LAYER_IGNORED)


def test_the_share_is_validated() -> None:
    with pytest.raises(ValueError, match="invisible_share"):
        TriageSettings(invisible_share=0)


@pytest.mark.parametrize(("boxes", "share"), [
    ([], 0.0),
    ([(0, 0, 100, 100)], 1.0),
    ([(0, 0, 100, 50), (0, 50, 100, 100)], 1.0),  # two strips
    ([(0, 0, 100, 100), (0, 0, 100, 100)], 1.0),  # a compact scan's background and mask: counted once
    ([(0, 0, 60, 100), (40, 0, 100, 50)], 0.8),  # overlapping
    ([(-50, -50, 50, 50)], 0.25),  # partly off the page
])
def test_images_cover_is_the_area_of_their_union(boxes: list[tuple[float, float, float, float]],
                                                  share: float) -> None:
    from types import SimpleNamespace

    from pipeline.extract.triage import images_cover

    page = SimpleNamespace(width=100, height=100,
                           images=[{"x0": a, "top": b, "x1": c, "bottom": d} for a, b, c, d in boxes])
    assert images_cover(page) == pytest.approx(share)
