"""Two tables ruled with horizontal rules only, narrower than the text, their captions set from the margin (issue 11).

Scribus centres the summary tables between margins far wider than they
are; each caption starts at the text's left edge, a table's width left of
the rules, and runs into the table's first column. A header set above the
first rule is looked for in the lines whose centres lie across the table:
the caption, cut at the table's edge, read as a heading, and the second
table's header walk went on up through the first table's rows (the second
table printed empty cells over the first one's rows: summary 27 of 72).
The layout is drawn here by hand: 9 pt text, 0.5 pt rules from x 111 to 730,
the headings in the first band as every producer of the style sets them.
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows
from tests.extract.make_tables import register_japanese

SIZE = 9.0
LO, HI = 111.0, 730.0
X = (114.0, 300.0, 420.0, 600.0)  # each column's text start (the numbers are drawn flush right at the next column)
RIGHT = (None, 390.0, 560.0, 727.0)
HEADER = ["実施機関", "審査件数", "うち、要配慮", "うち、条例要配慮"]
TABLES = [
    ("（1）外部委託の審査基準", [["区長", "766", "305", "115"], ["教育委員会", "29", "4", "0"], ["合計", "795", "309", "115"]]),
    ("（2）目的外利用の審査基準", [["区長", "7", "0", "0"], ["教育委員会", "1", "0", "0"], ["合計", "8", "0", "0"]]),
]


def page() -> bytes:
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(842, 595), invariant=1)
    c.setFont(font, SIZE)
    c.setLineWidth(0.5)
    y = 595 - 200.0  # the first caption's baseline
    for caption, rows in TABLES:
        c.drawString(29.0, y, caption)
        y -= 14.0
        for n, row in enumerate([HEADER, *rows]):
            c.line(LO, y, HI, y)
            base = y - 11.0
            for i, text in enumerate(row):
                if n and RIGHT[i] is not None:
                    c.drawRightString(RIGHT[i], base, text)
                else:
                    c.drawString(X[i], base, text)
            y -= 14.8
        c.line(LO, y, HI, y)
        y -= 22.0
    c.showPage()
    c.save()
    return out.getvalue()


def test_each_table_keeps_its_own_rows_under_a_caption_from_the_margin() -> None:
    tables = [[[cell.replace(" ", "") for cell in row] for row in t] for t in pdf_table_rows(page())[1]]
    assert tables == [[HEADER, *rows] for _, rows in TABLES]
