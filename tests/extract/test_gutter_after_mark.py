"""A cell's line ending in 「、」 a fifth of a font size before the next cell's text (matplotlib-frame No. 57).

The table is drawn in a frame with a rule under its header and no column
rules, as matplotlib's report writer draws the frame style, and holds one
body row, as on the page that ends the 審査 list: its 内容 wraps over three
lines, the first ending in 「、」 2 points (0.27 font sizes) before the
担当部課 text, which is wider than its centred heading. The column border
read from the text stands midway between the 内容 lines' end and the
heading, far right of that gutter. Characters are placed here by hand;
the expectations are the texts as drawn.
"""

from __future__ import annotations

import io

import pdfplumber

from pipeline.extract.textlayer import page_to_reading
from tests.extract.make_tables import register_japanese

PAGE = (595.0, 842.0)
SIZE = 7.5
LEFT, RIGHT = 34.0, 561.0
HEADER_TOP, RULE, FOOT = 60.0, 76.0, 112.0
DESC = 155.0
LINES = ("学校教育法施行令第1条に基づく就学事務業務において、", "事務の円滑化により区民サービスの向上を目的として就",
         "学システムを導入している。")
DEPT = "教育委員会事務局学務課"
GUTTER = 2.0  # points between 「、」's box and the department's first character


def page() -> bytes:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = register_japanese()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setFont(font, SIZE)

    def text(x: float, top: float, s: str) -> None:
        c.drawString(x, PAGE[1] - top - SIZE, s)

    def centred(lo: float, hi: float, top: float, s: str) -> None:
        text((lo + hi - stringWidth(s, font, SIZE)) / 2, top, s)

    for lo, hi, heading in ((LEFT, 52, "No"), (52, 152, "導入の別"), (152, 380, "導入の内容"),
                            (380, 470, "担当部課"), (470, 520, "実施機関"), (520, RIGHT, "有無")):
        centred(lo, hi, HEADER_TOP + 4, heading)
    top = RULE + 3
    text(40, top, "57")
    text(58, top, "システム導入")
    for i, line in enumerate(LINES):
        text(DESC, top + i * 9.75, line)
    text(DESC + stringWidth(LINES[0], font, SIZE) + GUTTER, top, DEPT)
    text(488, top, "教育委")
    text(488, top + 9.75, "員会")
    text(526, top, "有")
    c.setLineWidth(0.8)
    c.rect(LEFT, PAGE[1] - FOOT, RIGHT - LEFT, FOOT - HEADER_TOP)  # the frame
    c.line(LEFT, PAGE[1] - RULE, RIGHT, PAGE[1] - RULE)  # the rule under the header
    c.showPage()
    c.save()
    return buf.getvalue()


def test_the_department_after_the_mark_is_its_own_cell() -> None:
    with pdfplumber.open(io.BytesIO(page())) as pdf:
        [table], _, _ = page_to_reading(pdf.pages[0], 1)
    body = [c.text for c in table.cells[-1]]
    assert body[0] == "57"
    assert DEPT in body
    [desc] = [t for t in body if t.startswith("学校教育法")]
    assert desc.replace(" ", "") == "".join(LINES)
    assert body[body.index(DEPT) + 1] == "教育委員会"
