"""Banded tables (no rules; the header and every other row shaded): the shaded bands set the rows.

The PDFs are drawn here with fpdf2 (``FPDF.table()``, its fills cell by cell,
rows not padded apart) and reportlab (``make_tables``' ``banded`` style: one
fill a row, rows padded), from hand-written cells; every expectation is the
cells as drawn. The producers benchmark's banded rows (issue 11) failed on
the same drawings: a table ending on an unshaded row lost that row's wrapped
lines to the page below, a page number joined it, and columns were read
from the text alone where the fills drew them.
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from pipeline.extract.ruling import Segment
from pipeline.extract.shading import band_rules
from pipeline.extract.textlayer import THIN
from tests.extract.make_tables import Layout, table_pdf


def fpdf2_banded(rows: list[list[str]], widths: tuple[float, ...], footer: str = "") -> bytes:
    """One page: a table as fpdf2 draws EVEN_ROWS banding (header filled too), ``footer`` at the page foot."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=8)
    with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", line_height=8 * 1.3, text_align="LEFT",
                   borders_layout="NONE", cell_fill_mode="EVEN_ROWS", cell_fill_color=225,
                   headings_style=FontFace(emphasis=None, fill_color=225), v_align="TOP") as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    if footer:
        pdf.set_y(-20)
        pdf.cell(0, 10, footer, align="C")
    return bytes(pdf.output())


LONG = "an outsourced service whose description runs over three lines of its narrow column here"
LIST = [
    ["No", "Description of the work", "Office", "Flag"],
    ["1", "Support for evacuation", "North office", "Yes"],
    ["2", LONG, "South office", "No"],
    ["3", "Blood tests", "East office", "Yes"],
    ["4", "Health checks for infants and their parents, done at the centre", "West office", "No"],
    ["5", "Printing of notices", "North office", "Yes"],
    ["6", LONG, "Central office for health and welfare", "No"],
]


def test_a_table_ending_on_an_unshaded_wrapped_row_keeps_it_whole_without_the_page_number() -> None:
    """fpdf2 pads no row apart from the next: the last row's lines are told by its empty first column."""
    data = fpdf2_banded(LIST, (14, 70, 40, 16), footer="- 1 -")
    assert pdf_table_rows(data)[1] == [LIST]


def test_fills_drawn_cell_by_cell_set_the_columns() -> None:
    """Counts flush right under headings centred over wider columns: the fills meet at the borders."""
    rows = [["Agency", "Reviewed", "Of which sensitive"],
            ["Mayor", "7", "0"], ["Board of education", "1", "0"], ["Election board", "0", "0"],
            ["Auditors", "0", "0"], ["Total", "8", "0"]]
    data = fpdf2_banded(rows, (60, 60, 40))
    assert pdf_table_rows(data)[1] == [rows]


def test_a_reportlab_banded_table_with_one_fill_a_row_reads_row_for_row() -> None:
    """Whole-row fills (platypus ROWBACKGROUNDS), rows padded, the last row unshaded and wrapped."""
    rows = [["No", "内容", "担当部課", "件数"],
            ["1", "避難行動要支援者の支援", "地域振興課", "7"],
            ["2", "生活保護システム関連帳票出力及び封入封緘業務委託", "生活支援課", "12"],
            ["3", "健診受診者の血液検査", "健康づくり課", "0"],
            ["4", "妊婦健康診査、新生児聴覚検査、乳幼児健康診査", "健康づくり課", "3"],
            ["5", "母子保健に関する各種健診情報について、受診票の結果情報をデータ化し取り込む", "健康づくり課", "1"]]
    layout = Layout(style="banded", widths=(30, 150, 80, 40), font="IPAexGothic", size=9.0, pad=3.0,
                    right_align_numbers=False)
    from tests.extract.make_tables import register_japanese

    register_japanese()
    got = pdf_table_rows(table_pdf(rows, layout))[1]
    assert got == [rows]


HEAD = ["実施機関", "審査件数", "うち、要配慮個人情報を取り扱うもの", "うち、条例要配慮個人情報を取り扱うもの"]
AGENCIES = ["区長", "教育委員会", "選挙管理委員会", "監査委員", "農業委員会", "合計"]


def platypus_summaries(tables: list[tuple[str, list[list[str]]]]) -> bytes:
    """Tables one under the other, each under its caption, as platypus draws them banded (ROWBACKGROUNDS).

    Header centred, counts flush right, cells top-aligned and padded, the
    header and every other body row filled across the whole row.
    """
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from tests.extract.make_tables import register_japanese

    font = register_japanese()
    heading = ParagraphStyle("h", fontName=font, fontSize=9, leading=11.25, alignment=TA_CENTER, wordWrap="CJK")
    shade = colors.Color(0.85, 0.85, 0.85)
    story = []
    for caption, rows in tables:
        data = [[Paragraph(t, heading) for t in rows[0]], *rows[1:]]
        style = TableStyle([("FONT", (0, 0), (-1, -1), font, 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                            ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("BACKGROUND", (0, 0), (-1, 0), shade),
                            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, shade])])
        story += [Paragraph(caption, ParagraphStyle("p", fontName=font, fontSize=10, leading=14)),
                  Table(data, colWidths=[168, 112, 168, 168], style=style, hAlign="LEFT"), Spacer(1, 6)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=landscape(A4), invariant=1).build(story)
    return out.getvalue()


def test_banded_tables_one_under_another_keep_their_captions_out_and_their_columns() -> None:
    """Read by the text alone the second table's one-digit counts, flush right under a centred heading,
    made a column of their own and the third caption joined the second table to the third."""
    counts = [[(766, 305, 115), (29, 4, 0), (4, 0, 0), (0, 0, 0), (0, 0, 0), (799, 309, 115)],
              [(7, 0, 0), (1, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (8, 0, 0)],
              [(29, 9, 5), (4, 3, 1), (4, 0, 0), (0, 0, 0)]]
    tables = [[HEAD, *([name, *map(str, c)] for name, c in zip(AGENCIES, rows))] for rows in counts]
    data = platypus_summaries(list(zip(["（1）外部委託の審査基準", "（2）目的外利用の審査基準", "(3) 外部提供の審査基準"], tables)))
    assert pdf_table_rows(data)[1] == tables


def test_a_heading_wrapped_across_the_gap_inside_a_frame_keeps_its_column() -> None:
    """A frame and a rule under the header; two-line headings beside one-line headings set half a line lower
    (centred), so the first line of a wrapped heading stands alone over the gap between its own column
    and the next one's counts: that chunk is no text on both sides of a border. (The first line ends
    short of the border, so it reads as a deliberate break, a space: spaces are not compared.)"""
    def draw(c) -> None:  # type: ignore[no-untyped-def]
        from tests.extract.make_tables import register_japanese

        font = register_japanese()
        c.setFont(font, 9)
        xs, top = (40.0, 152.0, 227.0, 340.0, 452.0), 800.0
        rows = [("区長", "160", "49", "34"), ("教育委員会", "13", "4", "3"), ("選挙管理委員会", "0", "0", "0"),
                ("合計", "173", "53", "37")]
        header_bottom = top - 24
        c.setLineWidth(0.6)
        c.rect(xs[0], header_bottom - 13 * len(rows), xs[-1] - xs[0], 24 + 13 * len(rows), stroke=1, fill=0)
        c.line(xs[0], header_bottom, xs[-1], header_bottom)
        for x, text in ((78.6, "実施機関"), (172.1, "審査件数")):
            c.drawString(x, top - 15.6, text)  # one line, centred down the header
        for x0, lines in ((233.1, ("うち、要配慮個人情報を", "取り扱うもの")), (346.3, ("うち、条例要配慮個人情", "報を取り扱うもの"))):
            c.drawString(x0, top - 11, lines[0])
            c.drawCentredString(x0 + 50, top - 20, lines[1])
        for r, row in enumerate(rows):
            y = header_bottom - 13 * r - 10
            c.drawString(xs[0] + 3.6, y, row[0])
            for col, value in enumerate(row[1:], start=1):
                c.drawRightString(xs[col + 1] - 3.4, y, value)

    got = [[[cell.replace(" ", "") for cell in row] for row in table] for table in pdf_table_rows(_pdf_bytes(draw))[1]]
    assert got == [[["実施機関", "審査件数", "うち、要配慮個人情報を取り扱うもの", "うち、条例要配慮個人情報を取り扱うもの"],
                    ["区長", "160", "49", "34"], ["教育委員会", "13", "4", "3"], ["選挙管理委員会", "0", "0", "0"],
                    ["合計", "173", "53", "37"]]]


def fill(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "stroke": False, "fill": True}


def chars_at(top: float, xs: tuple[float, ...], size: float = 9.0) -> list[dict]:
    return [{"text": "A", "x0": x, "x1": x + size * 0.6, "top": top, "bottom": top + size, "size": size} for x in xs]


def test_band_rules_need_two_bands_with_text_one_under_the_other() -> None:
    header = [fill(40, 100, 140, 120), fill(140, 100, 240, 120)]  # filled cell by cell
    second = [fill(40, 140, 140, 160), fill(140, 140, 240, 160)]
    text = [*chars_at(105, (50, 150)), *chars_at(125, (50, 150)), *chars_at(145, (50, 150))]
    rules = band_rules([*header, *second], text, THIN)
    assert sorted(rules, key=lambda s: (s.pos, s.lo)) == [
        Segment(100, 40, 140), Segment(100, 140, 240), Segment(120, 40, 140), Segment(120, 140, 240),
        Segment(140, 40, 140), Segment(140, 140, 240), Segment(160, 40, 140), Segment(160, 140, 240)]
    assert band_rules(header, text, THIN) == []  # a header's background alone sets no rows
    assert band_rules([*header, *second], chars_at(125, (50, 150)), THIN) == []  # fills behind no text
    assert band_rules([fill(40, 100, 240, 102.5), fill(40, 140, 240, 142.5)], text, THIN) == []  # bars, not bands


def test_a_stroked_box_is_no_band() -> None:
    boxes = [{**fill(40, 100, 240, 120), "stroke": True}, {**fill(40, 140, 240, 160), "stroke": True}]
    assert band_rules(boxes, [*chars_at(105, (50,)), *chars_at(145, (50,))], THIN) == []


def test_text_under_the_last_band_far_below_gets_no_closing_rule() -> None:
    bands = [fill(40, 100, 240, 120), fill(40, 140, 240, 160)]
    text = [*chars_at(105, (50, 150)), *chars_at(125, (50, 150)), *chars_at(145, (50, 150)),
            *chars_at(200, (50, 150))]  # a row's worth of space further down: a note, not a row
    assert max(s.pos for s in band_rules(bands, text, THIN)) == 160
    closing = band_rules(bands, [*text, *chars_at(165, (50, 150))], THIN)
    assert max(s.pos for s in closing) == 174 + 6  # under its line, as far as rows end under theirs (6 pt)


def _pdf_bytes(canvas_draw) -> bytes:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595.28, 841.89), invariant=1)
    canvas_draw(c)
    c.showPage()
    c.save()
    return out.getvalue()


def test_fills_that_touch_or_nest_are_no_banding() -> None:
    """Every row shaded, each cell's fill with a paragraph's fill inside it (ICDAR 2013's eu-011): the
    edges are not set apart by unshaded rows of text, so they set no rows (the ruled grid does)."""
    rows = [(100, 116), (117, 133), (134, 150)]  # a point apart: touching, as drawn
    outer = [fill(40, top, 240, bottom) for top, bottom in rows]
    inner = [fill(46, top + 4, 234, bottom) for top, bottom in rows]  # the paragraph's shading inside
    text = [c for top, _ in rows for c in chars_at(top + 1, (50, 150))]  # text from the cell's top
    assert band_rules([*outer, *inner], text, THIN) == []
    apart = [fill(40, 100, 240, 116), fill(40, 134, 240, 150)]  # the middle row left unshaded: banding
    assert {s.pos for s in band_rules([*apart, fill(46, 104, 234, 116)], text, THIN)} == {100, 116, 134, 150}


def test_a_header_band_touching_the_first_shaded_row_stays_in_the_stack() -> None:
    """Calc shades the header and, on a page that opens on an even row, the first body row under it alike:
    the two fills touch; the unshaded row below them shows the banding, and every edge is a row's."""
    bands = [fill(40, 100, 240, 130), fill(40, 130, 240, 145), fill(40, 160, 240, 175)]
    text = [c for top in (105, 133, 148, 163) for c in chars_at(top, (50, 150))]
    assert sorted({s.pos for s in band_rules(bands, text, THIN)}) == [100, 130, 145, 160, 175]


def test_an_unshaded_row_with_text_in_a_later_column_only_parts_two_bands() -> None:
    """A row continued from the page before (LibreOffice Writer) holds text in one column, not the first:
    the gap is searched across the whole band, not under its first fill."""
    def cells(top: float, bottom: float) -> list[dict]:
        return [fill(40, top, 60, bottom), fill(60, top, 240, bottom)]
    text = [*chars_at(105, (45, 100)), *chars_at(123, (100,)), *chars_at(143, (45, 100))]
    assert sorted({s.pos for s in band_rules([*cells(100, 118), *cells(138, 156)], text, THIN)}) == [100, 118, 138, 156]
