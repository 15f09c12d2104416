"""The notes table style (dev/producers, issue 11, stop 35 for the next stop): no rules, and printed text around
every table that is not table data (注記付きの罫線なし表).

The style is held out, so nothing here touches the reference report or the
extractor: tests/made_up.py's report is drawn by a few producers whose tool is
installed (the Python ones and Typst always are) and read back with pdfplumber's
own text lines. What is expected is the style's definition, written here by
hand: the unit caption 「（単位：件）」 on its own line above the summary's header
line, ending at the table's right edge; lines starting with 「※」 under the
summary's last row and under the list's last row, starting at the table's left
edge, a normal line's gap at most below it, the list's long note wrapped onto a
second line; no rule drawn. Each producer's own means is in what it is given.
The same check fails on the norules render, which prints no caption and no note.
"""

from __future__ import annotations

import json
import random
import re
import zipfile
from pathlib import Path

import pytest

from dev.producers import renderer
from dev.producers.fop_writer import document_fo
from dev.producers.html import document_html
from dev.producers.itext_writer import description as itext_description
from dev.producers.latex_writer import document_latex
from dev.producers.model import EXHIBIT, Style, load_matrix
from dev.producers.notes import LIST_NOTES, SUMMARY_NOTES, UNIT, table_notes, unit_caption
from dev.producers.scribus_writer import description as scribus_description
from dev.producers.typst_writer import document_typst
from tests import made_up

ORDER = ("reportlab", "fpdf2", "writer", "calc", "chromium", "weasyprint", "typst", "matplotlib", "pymupdf",
         "gnumeric", "wkhtmltopdf", "abiword", "latex", "calligra", "fop", "itext", "scribus",
         "pdfkit")  # random.Random(2051)'s order
CHEAP = ("reportlab", "fpdf2", "weasyprint", "typst", "matplotlib", "pymupdf")  # Python and Typst: seconds each
ROWS = 48  # the made-up list's last row is the only one of 第12課
LAST_SECTION = "第12課"
SUMMARIES = ("outsourcing", "purpose_external_use", "external_provision", "online_link")


def test_every_producer_draws_notes_in_the_orientation_its_seed_drew() -> None:
    """matrix.toml: random.Random(2051).choice for the eighteen producers in ORDER, held out; unruled, noted."""
    rng = random.Random(2051)
    drawn = [(v.producer, v.orientation, v.held_out) for v in load_matrix() if v.style.name == "notes"]
    assert drawn == [(p, rng.choice(("portrait", "landscape")), True) for p in ORDER]
    style = next(v.style for v in load_matrix() if v.style.name == "notes")
    assert (style.rules, style.notes, style.shading, style.merge, style.narrow, style.align) == (
        "none", True, "none", False, False, "natural")
    assert all(not v.style.notes for v in load_matrix() if v.style.name != "notes")


def test_the_model_notes_an_unruled_plain_table_only() -> None:
    Style("x", rules="none", notes=True)
    for bad in ({"rules": "grid"}, {"rules": "hrules"}, {"rules": "booktabs"}, {"shading": "banded"},
                {"merge": True}, {"narrow": True}, {"header_repeat": "first"}, {"align": "centre"}):
        with pytest.raises(ValueError):
            Style("x", **{"rules": "none", "notes": True, **bad})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Style("x", rules="grid", notes=True, heading="grouped")


def test_the_notes_are_notes_not_rows() -> None:
    """Every table has one to three notes starting with ※; a list's one long enough to wrap on any page (over 155
    characters: a landscape line of the lists' size holds about 110, wkhtmltopdf's shrunk page about 145); a note that may wrap holds no digit, so that
    no printed line starts with one; the caption over the summaries only, and nothing in any other style."""
    assert set(SUMMARY_NOTES) == set(SUMMARIES) and set(LIST_NOTES) == set(EXHIBIT)
    for notes in (*SUMMARY_NOTES.values(), *LIST_NOTES.values()):
        assert 1 <= len(notes) <= 3 and all(n.startswith("※") for n in notes)
        for note in notes:
            body = re.sub(r"^※\d?", "", note)
            assert len(note) <= 30 or not re.search(r"\d", body), note  # digits in short notes only
    for notes in LIST_NOTES.values():
        assert max(len(n) for n in notes) > 155
    assert all(len(n) <= 30 for notes in SUMMARY_NOTES.values() for n in notes)
    assert unit_caption(True, "summary") == UNIT == "（単位：件）" and unit_caption(True, "list") == ""
    assert table_notes(False, "outsourcing", "list") == () and unit_caption(False, "summary") == ""


def test_each_producer_prints_them_by_its_own_means(tmp_path: Path) -> None:
    """The caption before the table and the notes after it, outside it, in what each producer is given; none of
    them in the norules style's sources."""
    import openpyxl

    from dev.producers.office import odt_document, xlsx_document

    doc = made_up.made_up_document(4)
    first = LIST_NOTES["outsourcing"][0]

    def v(producer: str, style: str = "notes"):  # type: ignore[no-untyped-def]
        return made_up.variant(producer, style, "portrait")

    page = document_html(doc, v("chromium"))
    assert re.search(r'<p class="unit">（単位：件）</p><table class="summary noted">.*?</table><p class="note summary',
                     page)
    assert re.search(r'</table><p class="note list">※1', page) and "※" not in "".join(re.findall(r"<table.*?</table>",
                                                                                            page))
    latex = document_latex(doc, v("latex"))
    assert "\\newsavebox\\notedtable" in latex and re.search(r"\\end\{longtable\}\\nopagebreak\{\\parskip 0pt\\noindent ※1",
                                                             latex)
    assert re.search(r"sticky: true, align\(right, text\(size: 9pt, \"（単位：件）\"\)\)", document_typst(doc, v("typst")))
    fo = document_fo(doc, v("fop"))
    assert re.search(r'<fo:block text-align="end" font-size="9pt">（単位：件）</fo:block></fo:block-container>\s*<fo:table',
                     fo)
    assert re.search(r"</fo:table>\s*<fo:block[^>]*keep-with-previous.within-page=\"always\"><fo:block>※1", fo)
    records = [r.split("\t") for r in itext_description(doc, v("itext")).splitlines()]
    kinds = [r[0] if r[0] != "para" else r[-3] if r[-3] == UNIT else "note" if r[6].startswith("※") else "para"
             for r in records]
    assert kinds.index(UNIT) + 1 == kinds.index("table") and kinds[kinds.index("end") + 1] == "note"
    blocks = scribus_description(doc, v("scribus"))["blocks"]
    assert [str(b.get("text", b["type"]))[:2] for b in blocks][1:4] == ["（単", "ta", "※1"]  # type: ignore[index]
    table_at = max(i for i, b in enumerate(blocks) if b["type"] == "table")  # type: ignore[index]
    assert all(b.get("note") for b in blocks[table_at + 1:table_at + 3])  # type: ignore[union-attr]
    odt_document(doc, v("writer"), tmp_path / "n.odt")
    content = zipfile.ZipFile(tmp_path / "n.odt").read("content.xml").decode()
    assert re.search(r"<text:p [^>]*>（単位：件）</text:p><table:table ", content)
    assert re.search(rf"</table:table><text:p [^>]*>{re.escape(first)}</text:p>", content)
    assert "※" not in "".join(re.findall(r"<table:table .*?</table:table>", content))
    xlsx_document(doc, v("calc"), tmp_path / "n.xlsx")
    book = openpyxl.load_workbook(tmp_path / "n.xlsx")
    front = book["表紙"]
    caption = next(c for row in front.iter_rows() for c in row if c.value == UNIT)
    assert caption.column == 4 and caption.alignment.horizontal == "right"
    assert front.cell(row=caption.row + 1, column=1).value == doc.front[1].rows[0][0]  # type: ignore[union-attr]
    sheet = book["outsourcing"]
    last = 2 + len(doc.lists[0].table.rows) - 1  # the list's header on row 2, its last row under it
    assert sheet.cell(row=last, column=1).value == doc.lists[0].table.rows[-1][0]
    note = sheet.cell(row=last + 1, column=1)
    assert note.value == first and note.alignment.wrap_text and not any(
        (note.border.top.style, note.border.bottom.style, note.border.left.style, note.border.right.style))
    assert f"A{last + 1}:E{last + 1}" in {str(r) for r in sheet.merged_cells.ranges}
    plain = (document_html(doc, v("chromium", "norules")) + document_latex(doc, v("latex", "norules"))
             + document_typst(doc, v("typst", "norules")) + document_fo(doc, v("fop", "norules"))
             + itext_description(doc, v("itext", "norules"))
             + json.dumps(scribus_description(doc, v("scribus", "norules")), ensure_ascii=False))
    assert "※" not in plain and UNIT not in plain and "notedtable" not in plain


def check_noted(path: Path, producer: str) -> None:
    """The caption above the summary's header line, ending at its right edge; ※ lines under its last row and under
    the list's last row, from the table's left edge, at most a line's gap under it, the list's first note wrapped;
    no rule drawn on any page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            strokes = [o for o in page.lines + page.curves + page.rects  # a page-sized white background is no rule
                       if o["x1"] - o["x0"] < page.width - 1 or o["bottom"] - o["top"] < page.height - 1]
            assert not strokes, (producer, page.page_number, "a rule drawn", strokes[:2])
        front = pdf.pages[0].extract_text_lines()
        caption = [line for line in front if UNIT in line["text"]]
        assert caption, (producer, "no caption")
        assert caption[0]["text"].strip() == UNIT, (producer, "the caption shares its line", caption[0]["text"])
        head = next(line for line in front if line["text"].startswith("実施機関"))
        total = next(line for line in front if line["text"].startswith("合計"))
        words = pdf.pages[0].extract_words()
        counts = [w for w in words if w["text"] == "4" and total["top"] - 1 <= w["top"] <= total["bottom"] + 1]
        assert caption[0]["bottom"] <= head["top"] + 0.5, (producer, "the caption is not above the header")
        assert abs(caption[0]["x1"] - max(w["x1"] for w in counts)) <= 8, (producer, "the caption off the right edge")
        check_notes_under(front, total, producer, "summary", total["x0"])
        pages = [p for p in pdf.pages if any(w["text"] == LAST_SECTION for w in p.extract_words())]
        assert pages, (producer, "no last row")
        lines = pages[-1].extract_text_lines()
        last = next(w for w in pages[-1].extract_words() if w["text"] == LAST_SECTION)
        title = next(line for p in pdf.pages for line in p.extract_text_lines() if line["text"].startswith("一覧"))
        notes = check_notes_under(lines, last, producer, "list", title["x0"])
        wrapped = [line for line in lines if notes[0]["bottom"] < line["top"] < notes[1]["top"]]
        assert wrapped and not wrapped[0]["text"].startswith("※"), (producer, "the long note not wrapped")


def check_notes_under(lines: list[dict], last: dict, producer: str, kind: str,  # type: ignore[type-arg]
                      left: float) -> list[dict]:  # type: ignore[type-arg]
    """The ※ lines under the row ending at ``last``'s bottom: a line's gap at most, from the table's left edge
    (``left``: where the summary's first column's text starts, a cell's padding inside it, or the list's title at
    the margin the list starts at)."""
    notes = [line for line in lines if line["text"].startswith("※") and line["top"] > last["bottom"] - 0.5]
    assert notes, (producer, kind, "no note under the last row")
    gap = notes[0]["top"] - last["bottom"]
    assert gap <= 2.0 * (notes[0]["bottom"] - notes[0]["top"]) + 4, (producer, kind, "the notes far below", gap)
    assert not any(line["text"][:1].isdigit() for line in lines if line["top"] > notes[0]["top"]), (producer, kind)
    assert notes[0]["x0"] <= left + 1.5 and left - notes[0]["x0"] <= 10, (producer, kind, "notes off the left edge")
    return notes


@pytest.mark.parametrize("producer", CHEAP)
def test_the_caption_and_notes_are_printed_outside_the_rows(producer: str, tmp_path: Path) -> None:
    if not made_up.installed(producer):
        pytest.skip(f"{producer}'s tool is not installed")
    path = tmp_path / f"{producer}.pdf"
    renderer(producer)(made_up.made_up_document(ROWS), made_up.variant(producer, "notes", "portrait"), path)
    check_noted(path, producer)


def test_the_norules_render_has_no_notes(tmp_path: Path) -> None:
    """The same check fails on the norules style, which prints no caption and no note."""
    path = tmp_path / "norules.pdf"
    renderer("reportlab")(made_up.made_up_document(ROWS), made_up.variant("reportlab", "norules", "portrait"), path)
    with pytest.raises(AssertionError, match="no caption"):
        check_noted(path, "reportlab")
