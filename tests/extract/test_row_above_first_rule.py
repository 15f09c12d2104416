"""A continued table ruled under each row: its first row stands above the page's first rule (pymupdf-hrules No. 119).

PyMuPDF's Story draws each cell's bottom border and no top rule on a
continued page, so the page's first row is set above the first rule, like a
header. When that row's 委託の内容 wraps, its second line is one chunk in the
description column; the row below the first rule holds the longest
description of the page, and the rows further down short ones, so measured
on those rows alone the column is narrower than the wrapped line. The line
is still the rest of the cell above it, not a caption ending the table.
Lines, rules and where each one is drawn are set here by hand; the
expectations follow from that drawing.
"""

from __future__ import annotations

import io

import pdfplumber

from pipeline.extract.textlayer import page_to_reading
from tests.extract.make_tables import register_japanese

PAGE = (842.0, 595.0)
SIZE = 9.0
NO, DESC, DEPT, AGENCY, X1 = 40.0, 75.0, 360.0, 485.0, 520.0  # where each column starts (31 characters fill 委託の内容); the right edge
LEADING = 9.0  # from one wrapped line of a cell to the next
PAD_BELOW, PAD_ABOVE = 4.4, 1.7  # from a row's last line down to its rule, from the rule to the next row

FIRST_LINE = "診療報酬請求明細書の審査、診療報酬の支払、診療報酬明細書に係る"  # 31 characters
SECOND_LINE = "支給申請書の審査、第三者行為に係る求償事務、被保険者資格"  # 28: past the short rows' column
LONG = ("国民健康保険料について、電話による納付勧奨業務を委託業者が行う", "個人情報を閲覧できるよう電話催告システムを構築")
ROWS = [
    ("119", (FIRST_LINE, SECOND_LINE), "保健福祉政策部国保・年金課"),
    ("120", LONG, "保健福祉政策部保険料収納課"),
    ("121", ("未納者への電話による納付勧奨",), "保健福祉政策部保険料収納課"),
    ("122", ("高齢者の養護",), "高齢福祉部高齢福祉課"),
    ("123", ("配食サービス事業委託",), "高齢福祉部高齢福祉課"),
]


def page(caption: str = "") -> bytes:
    """The continued page: no top rule, each row's bottom border drawn across the table."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    top = 42.0
    if caption:  # a caption above the table, in a larger size, starting at the description column
        c.setFont(font, 12)
        c.drawString(DESC, PAGE[1] - top - 12, caption)
        top += 20
    c.setFont(font, SIZE)
    for no, lines, dept in ROWS:
        for i, text in enumerate(lines):
            c.drawString(DESC, PAGE[1] - top - SIZE - i * LEADING, text)
        c.drawString(NO, PAGE[1] - top - SIZE, no)
        c.drawString(DEPT, PAGE[1] - top - SIZE, dept)
        c.drawString(AGENCY, PAGE[1] - top - SIZE, "区長")
        bottom = top + len(lines) * LEADING + PAD_BELOW
        c.rect(NO - 6, PAGE[1] - bottom - 0.3, X1 - NO + 6, 0.6, stroke=0, fill=1)
        top = bottom + PAD_ABOVE
    c.showPage()
    c.save()
    return buf.getvalue()


def rows_of(pdf_bytes: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        tables, _, _ = page_to_reading(pdf.pages[0], 1)
    return [[c.text for c in r] for t in tables for r in t.cells]


def test_the_first_row_above_the_first_rule_is_read_with_its_wrapped_line() -> None:
    rows = rows_of(page())
    assert [r[0] for r in rows] == ["119", "120", "121", "122", "123"]
    assert rows[0][1:] == [FIRST_LINE + SECOND_LINE, "保健福祉政策部国保・年金課", "区長"]
    assert rows[1][1] == "".join(LONG)


def test_a_caption_above_stays_out_of_the_table() -> None:
    rows = rows_of(page(caption="外部委託の審査基準に該当するもの"))
    assert [r[0] for r in rows] == ["119", "120", "121", "122", "123"]
    assert rows[0][1] == FIRST_LINE + SECOND_LINE
