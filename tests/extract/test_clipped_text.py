"""Text drawn wholly outside its clipping path is not on the page; text only partly clipped is kept whole.

LibreOffice Calc prints a merged cell that a page break cut by drawing its
text again at the top of the next page, clipped to the rows the cell still
covers, so that none of it shows; pdfminer ignores clipping and put that text
into the repeated header (「担当部課 玉川総合支所保健福祉センター生活支援課」). A
cell's text cut at its border (Excel's overflow into a filled neighbour) is the
cell's value and stays whole.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from pipeline.extract.lean import lean_page
from pipeline.run import process_bytes

CUT = Path(__file__).resolve().parents[1] / "recognize" / "cases" / "merged" / "calc-merged-p3-4.pdf"


def clipped_pdf() -> bytes:
    """One page: a visible line, a line clipped away entirely, a line cut half-way by its clip,
    and a line after the clip is restored."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(72, 760, "VISIBLE")
    c.saveState()
    box = c.beginPath()
    box.rect(72, 700, 60, 20)  # a cell from y 700 to 720
    c.clipPath(box, stroke=0, fill=0)
    c.drawString(72, 740, "HIDDEN")  # above the cell: wholly clipped away
    c.drawString(72, 705, "OVERFLOWING TEXT CUT AT THE BORDER")  # starts inside, runs past x 132
    c.restoreState()
    c.drawString(72, 650, "AFTER")
    c.showPage()
    c.save()
    return out.getvalue()


def page_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lean = lean_page(pdf.pages[0])
        try:
            return "".join(ch["text"] for ch in lean.chars)
        finally:
            lean.close()


def test_text_clipped_away_entirely_is_left_out_and_partly_clipped_text_kept_whole():
    text = page_text(clipped_pdf())
    assert "VISIBLE" in text and "AFTER" in text, "the clip ends with its graphics state"
    assert "OVERFLOWINGTEXTCUTATTHEBORDER" in text.replace(" ", "")
    assert "HIDDEN" not in text


def test_calcs_cut_merged_cell_leaves_the_repeated_header_as_printed():
    """Calc, pages 3-4 of calc-merged-landscape: page 4's header reads as page 3's, so it is dropped as a
    repeat, and the text of the cut cell does not reach it."""
    got = process_bytes(CUT.read_bytes(), CUT.name)
    header = [c.text for c in got.extraction.tables[-1].header]
    assert header[2:4] == ["担当部課", "実施機関"]
    pages = [row[0].page_no for t in got.extraction.tables for row in t.rows]
    assert 2 in pages and not [f for f in got.findings if f.kind == "header_repeated"]
    assert not any("担当部課" in c.text for t in got.extraction.tables for row in t.rows for c in row)


def straddling_pdf() -> bytes:
    """One page like the top of a page after a break that cut a text line: the cut line drawn again
    above the page's content clip (wholly clipped away, several times longer than what shows), and one
    short visible row."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    c.setFont("Helvetica", 8)
    c.saveState()
    box = c.beginPath()
    box.rect(36, 36, 520, 760)  # the page's content area, y 36 to 796
    c.clipPath(box, stroke=0, fill=0)
    for i in range(6):  # the line the break cut, once per glyph run as QtWebKit draws it, above the clip
        c.drawString(40 + 60 * i, 800, "CUTLINE")
    c.drawString(40, 780, "319 ROW")
    c.restoreState()
    c.showPage()
    c.save()
    return out.getvalue()


def test_glyphs_clipped_away_do_not_send_the_page_to_ocr():
    """pdfium counts glyphs a clip hides; pdfplumber's view leaves them out. Triage must not read the
    difference as a font pdfminer cannot decode (42 characters shown, 97 drawn: the page went to OCR
    and its table was lost)."""
    import pypdfium2 as pdfium

    from pipeline.extract.triage import triage_page

    data = straddling_pdf()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lean = lean_page(pdf.pages[0])
        doc = pdfium.PdfDocument(data)
        try:
            shown = "".join(ch["text"] for ch in lean.chars)
            assert "CUTLINE" not in shown and "319ROW" in shown.replace(" ", "")
            assert lean.clipped_away == 6 * len("CUTLINE")
            assert triage_page(lean, doc[0]) == ("text", "text layer usable")
        finally:
            lean.close()
            doc.close()


def broken_line_pdf() -> bytes:
    """Two pages as a browser breaks them through a text line: the line drawn at the foot of the first page
    and again at the head of the second, each clipped to its page's content area. Helvetica 10 pt: a glyph
    from 2.07 pt below its baseline to 7.93 above, its middle 2.93 above the baseline. The first page's
    clip ends 0.27 pt above that middle (less than half the line shows), the second's 0.27 pt below it."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    for baseline, clip_bottom, clip_top in ((40.0, 43.2, 800.0), (796.8, 36.0, 800.0)):
        c.setFont("Helvetica", 10)
        c.saveState()
        box = c.beginPath()
        box.rect(36, clip_bottom, 520, clip_top - clip_bottom)
        c.clipPath(box, stroke=0, fill=0)
        c.drawString(72, 400, "ROW ABOVE" if baseline < 400 else "ROW BELOW")
        c.drawString(72, baseline, "BROKEN LINE")
        c.restoreState()
        c.showPage()
    c.save()
    return out.getvalue()


def test_a_line_broken_between_two_pages_is_read_on_the_page_showing_more_of_it():
    """wkhtmltopdf draws a line a page break cuts on both pages; read on both, its row came twice."""
    data = broken_line_pdf()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = []
        for page in pdf.pages:
            lean = lean_page(page)
            try:
                texts.append("".join(ch["text"] for ch in lean.chars).replace(" ", ""))
            finally:
                lean.close()
    assert "ROWABOVE" in texts[0] and "ROWBELOW" in texts[1]
    assert ["BROKENLINE" in t for t in texts] == [False, True]


def glyph_clipped_pdf() -> bytes:
    """Gnumeric's way: each glyph drawn in a text run of its own, clipped to its ink. A full-width 「）」 inks the
    left half of its box, so its clip ends at the box's middle; 「扱」 and 「う」 are clipped to their whole boxes."""
    from reportlab.pdfgen import canvas

    from tests.extract.make_tables import register_japanese

    font, size = register_japanese(), 8.0
    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    x = 72.0
    for ch, inked in (("扱", 1.0), ("う", 1.0), ("）", 0.45)):
        c.saveState()
        box = c.beginPath()
        box.rect(x, 700, size * inked, size + 2)
        c.clipPath(box, stroke=0, fill=0)
        c.setFont(font, size)
        c.drawString(x, 702, ch)
        c.restoreState()
        x += size
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_closing_mark_clipped_to_its_ink_is_printed() -> None:
    assert page_text(glyph_clipped_pdf()) == "扱う）"
