"""Flag headings that reach into the gap past their narrow column, above the header's first line (issue 11, Scribus).

A desktop-publishing layout (Scribus's norules) centres each wrapped flag
heading in its cell, which is far wider than the 有/無 under it, and half an
em off the values' centre: 「要配慮個」 starts in the flag column and ends in
the gap after it, on its side of the gap's middle. Two such headings
wrapped over three and four lines, staggered, stand above the line of the
other headings. Three of them in a row, under a label and a subtitle,
were cut from the table as a paragraph of running text: the flag headings
lost their first lines and every list page matched no kind (377 rows kept
as raw cells). A line across a gap's middle stays running text (the
caption tests and test_margin_captions.py hold that). The layout is drawn
here by hand (a 9 pt label, a 10 pt subtitle, 7.5 pt table text, 4.5 pt
between the staggered heading lines, rows 13 pt apart); nothing is taken
from the extractor.
"""

from __future__ import annotations

import io

from tests.extract.make_tables import register_japanese
from tests.extract.test_label_over_unruled_header import HEADER, ROWS, read  # the same list, another layout

SIZE, PITCH, STAGGER = 7.5, 13.0, 4.5
X = (47.0, 73.0, 406.0, 680.0, 751.0, 786.0)  # No, 委託の内容, 担当部課, 実施機関, 要配慮, 条例要配慮
FLAG_HEADINGS = {  # x, first line's offset from the header line in staggers, the heading's lines
    4: (744.0, -2, ("要配慮個", "人情報", "(有/無)")),
    5: (779.0, -3, ("条例要配", "慮個人情", "報(有/", "無)")),
}


def page(flag_headings: dict[int, tuple[float, int, tuple[str, ...]]] = FLAG_HEADINGS) -> bytes:
    """The label, the subtitle, the staggered flag headings around the other headings' line, the rows; no rule."""
    from reportlab.pdfgen import canvas

    font = register_japanese()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(842, 595), invariant=1)
    c.setFont(font, 9.0)
    c.drawRightString(807.0, 595 - 46.0, "資料No.3-2")
    c.setFont(font, 10.0)
    c.drawString(34.0, 595 - 63.0, "要配慮個人情報又は条例要配慮個人情報を含むもの")
    c.setFont(font, SIZE)
    header_y = 595 - 96.0
    for x, text in zip(X[:4], HEADER[:4]):
        c.drawString(x, header_y, text)
    for x, first, lines in flag_headings.values():
        for n, text in enumerate(lines):
            c.drawString(x, header_y - (first + 2 * n) * STAGGER, text)
    y = header_y - 26.0
    for row in ROWS:
        for x, text in zip(X, row):
            c.drawString(x, y, text)
        y -= PITCH
    c.showPage()
    c.save()
    return out.getvalue()



def test_headings_reaching_into_the_gap_above_the_header_line_stay_headings() -> None:
    assert read(page()) == [HEADER, *ROWS]

