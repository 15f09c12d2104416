"""A page of an unruled table that opens with the last lines of a row the page break cut (issue 11, wkhtmltopdf).

A browser breaks the page between two lines of a long description: the next
page opens with that description's last two lines, alone in their column,
then the next row, its number beside its own three-line description. That
is as symmetric as a header whose headings are centred beside a tall one
(Typst: the first column's heading halfway down it), and it was read as one:
the cut row's tail went into the next row's description. A centred header
is set at one pitch; here the rows' padding (9.2 pt against 6.3 between a
cell's lines) parts the tail from the row under it. The values are typed by
hand; the layout is drawn here, nothing taken from the extractor.
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE, LINE, ROW = 5.8, 6.3, 9.2  # font size, pitch of a cell's lines, pitch from a row's last line to the next row
X = (50.0, 71.0, 212.0, 494.0, 696.0, 756.0, 786.0)  # No, type, description, department, agency, two flags
TAIL = ["ライン結合を行う。結合の方法は専用回線とし、SSL通信による通信内容の暗号化によりセキュリティを確", "保する。"]
ROWS = [  # No, type, description lines, department, agency, flags
    ("23", "オンライン結合", ["コンビニエンスストア等に設置のキオスク端末により戸籍全事項証明書及び戸籍個", "人事項証明書を交付するため、地方公共団体情報システム機構にデータの受信・送",
                         "信業務を委託する。"], "地域行政部住民記録・戸籍課", "区長", "無", "有"),
    ("24", "システム導入", ["清掃・リサイクル条例に基づき粗大ごみの受付・収集業務を実施するため、粗大ご", "み業務システムをシステム導入する。"],
     "清掃・リサイクル部事業課", "区長", "有", "無"),
    ("25", "オンライン結合", ["後期高齢者医療制度の運営主体は、東京都後期高齢者医療広域連合である。"],
     "保健福祉政策部国保・年金課", "区長", "有", "有"),
    ("26", "システム導入", ["国民健康保険の資格管理及び保険料の賦課徴収を行うため、システムを導入する。"],
     "保健福祉政策部国保・年金課", "区長", "有", "無"),
]


def continued_page() -> bytes:
    """The cut row's tail at the top of the page, then the rows; no rule anywhere, no header."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(842, 595), invariant=1)
    c.setFont(font, SIZE)
    y = 595 - 42.0
    for text in TAIL:
        c.drawString(X[2], y, text)
        y -= LINE
    y -= ROW - LINE
    for no, kind, description, dept, agency, sensitive, ordinance in ROWS:
        for x, text in zip((X[0], X[1], X[3], X[4], X[5], X[6]), (no, kind, dept, agency, sensitive, ordinance)):
            c.drawString(x, y, text)
        for i, text in enumerate(description):
            c.drawString(X[2], y - i * LINE, text)
        y -= LINE * (len(description) - 1) + ROW
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_cut_rows_tail_atop_the_page_is_no_centred_header() -> None:
    table = next(t for t in pdf_table_rows(continued_page())[1] if any("区長" in cell for row in t for cell in row))
    rows = [[cell.replace(" ", "").replace("\n", "") for cell in row] for row in table]
    assert rows == [["", "", "".join(TAIL), "", "", "", ""],
                    *[[no, kind, "".join(description), dept, agency, sensitive, ordinance]
                      for no, kind, description, dept, agency, sensitive, ordinance in ROWS]]
