"""Text from the best engine per glyph, and a huge page that needs no rendering."""

from __future__ import annotations

import io
from pathlib import Path

from pipeline.extract import ExtractSettings, extract_document
from tests.extract.make_tables import Layout, table_pdf

# Adobe-Japan1-6 CIDs of 担 当 者 山 﨑 太 郎 (the Adobe-Japan1 character collection's own numbers).
# pdfminer's CID → Unicode table lacks CID 8443 (﨑, a variant of 崎), pdfium's has it.
NAME_CIDS = [2930, 3184, 2304, 2177, 8443, 2848, 4064]
NAME = "担当者山﨑太郎"


def cid_font_pdf(cids: list[int]) -> bytes:
    """One line in a non-embedded Adobe-Japan1 CID font with no ToUnicode map, as Japanese office PDFs have."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    pdf = pikepdf.new()
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/KozMinPr6N-Regular"), Flags=4,
                            FontBBox=Array([0, -120, 1000, 880]), ItalicAngle=0, Ascent=880, Descent=-120,
                            CapHeight=700, StemV=80)
    cid_font = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType0, BaseFont=Name("/KozMinPr6N-Regular"),
                          CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Japan1"),
                                                   Supplement=6),
                          FontDescriptor=pdf.make_indirect(descriptor), DW=1000)
    font = Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/KozMinPr6N-Regular-Identity-H"),
                      Encoding=Name("/Identity-H"), DescendantFonts=Array([pdf.make_indirect(cid_font)]))
    page = pdf.add_blank_page(page_size=(300, 200))
    page.Resources = Dictionary(Font=Dictionary(F1=pdf.make_indirect(font)))
    codes = "".join(f"{cid:04X}" for cid in cids)
    page.Contents = pdf.make_stream(f"BT /F1 12 Tf 20 150 Td <{codes}> Tj ET".encode())
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_glyph_the_text_layer_cannot_map_is_read_by_pdfium() -> None:
    ex = extract_document(cid_font_pdf(NAME_CIDS), "cid.pdf")
    assert [line.text for line in ex.lines] == [NAME]
    (page,) = ex.pages
    assert page.source == "text" and "1 characters the text layer could not map" in page.reason
    assert any(note.startswith("page 1: 1 characters") and "pdfium" in note for note in ex.notes)


def test_without_pdfium_the_unmapped_glyph_stays_visible() -> None:
    from pipeline.extract.triage import repair_unreadable

    class NoText:  # pdfium reading nothing there: the character is left as pdfminer gave it
        def get_mediabox(self):  # type: ignore[no-untyped-def]
            return (0, 0, 300, 200)

        def get_textpage(self):  # type: ignore[no-untyped-def]
            class Empty:
                def count_chars(self) -> int:
                    return 0

                def close(self) -> None:
                    pass
            return Empty()

    readable = [{"text": t, "x0": 10 + 12 * i, "x1": 22 + 12 * i, "top": 40, "bottom": 52, "size": 12}
                for i, t in enumerate("担当者山")]
    chars = [*readable, {"text": "(cid:8443)", "x0": 58, "x1": 70, "top": 40, "bottom": 52, "size": 12}]
    assert repair_unreadable(chars, NoText(), 200) == 0
    assert chars[-1]["text"] == "(cid:8443)"


def test_a_page_whose_whole_font_is_unmapped_goes_to_ocr_not_to_pdfium() -> None:
    """A font with no ToUnicode at all: pdfium hands back glyph ids as code points («\x16 Ҥ ଥ»), so
    nothing is repaired and the page is read by OCR (page 2 of the corpus's cidfont copy: its cases)."""
    import pdfplumber
    import pikepdf
    import pypdfium2 as pdfium

    from pipeline.extract.triage import repair_unreadable

    cidfont = Path(__file__).resolve().parents[2] / "corpus" / "pdf" / "setagaya-2023-report359-cidfont.pdf"
    one = pikepdf.new()
    with pikepdf.open(cidfont) as src:
        one.pages.append(src.pages[2])
    out = io.BytesIO()
    one.save(out)
    data = out.getvalue()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = list(pdf.pages[0].chars)
        before = [c["text"] for c in chars]
        assert repair_unreadable(chars, pdfium.PdfDocument(data)[0], float(pdf.pages[0].height)) == 0
        assert [c["text"] for c in chars] == before
    ex = extract_document(data, "cidfont-page3.pdf", ExtractSettings(ocr_engine="tesseract", jobs=1))
    (page,) = ex.pages
    assert page.source == "ocr" and "(cid:" in page.reason
    assert any("要配慮個人情報" in line.text for line in ex.lines) and ex.tables  # its caption, its table


def test_huge_page_with_a_text_layer_lands() -> None:
    rows = [["Agency", "Reviewed"], ["Mayor", "766"], ["Board of education", "120"]]
    data = table_pdf(rows, Layout(style="grid", widths=(150, 80), page=(14400, 14400)))
    ex = extract_document(data, "huge.pdf", ExtractSettings(ocr="auto"))
    assert ex.pages[0].source == "text" and (ex.pages[0].width, ex.pages[0].height) == (14400, 14400)
    table = ex.tables[0]
    assert [[c.text for c in row] for row in (table.header, *table.rows)] == rows
