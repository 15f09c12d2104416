"""Layouts of the public ICDAR 2013 tables (dev/bench_peers.py --suite icdar2013), on PDFs drawn here.

Each page is drawn with reportlab in the test; each expectation is the
table as written below, never output of the code under test.
"""

from __future__ import annotations

import io

from pipeline.extract.rows import pdf_table_rows

SIZE = 8.0
PITCH = 12.0  # from one row to the next
LABELS = [("Median household income",), ("Between-state income", "inequality (Gini index)"),
          ("Premature mortality", "before age 75 yrs"), ("Mean Health Index",)]
VALUES = [("49,497", "51,295", "52,587"), ("0.0628", "0.0636", "0.0612"), ("7108.3", "6960.6", "6920.0"),
          ("0.8766", "0.8762", "0.8779")]


def centred_rows_pdf(rules: bool) -> bytes:
    """A header and four rows; a label wrapped over two lines has its values centred between them.

    Lines of a wrapped label follow at 1.125 font sizes' pitch; the values
    stand halfway between them (0.56 font sizes from each, as in ICDAR's
    us-023). With ``rules``, horizontal rules above the header,
    under it and under the table (no column rules).
    """
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(600, 400))
    c.setFont("Helvetica", SIZE)

    def text(x: float, top: float, s: str, right: bool = False) -> None:
        y = 400 - top - SIZE
        c.drawRightString(x, y, s) if right else c.drawString(x, y, s)

    xs = (230, 290, 350)
    top = 60.0
    text(40, top, "Inequality measure")
    for x, year in zip(xs, ("1997", "1998", "1999")):
        text(x, top, year, right=True)
    head_bottom = top + SIZE + 3
    top += PITCH + 4
    for label, values in zip(LABELS, VALUES):
        for n, part in enumerate(label):
            text(40, top + n * 1.125 * SIZE, part)
        value_top = top + (len(label) - 1) * 0.5625 * SIZE
        for x, v in zip(xs, values):
            text(x, value_top, v, right=True)
        top += PITCH + (len(label) - 1) * 1.2 * SIZE
    if rules:
        c.setLineWidth(0.5)
        for y in (56, head_bottom, top):
            c.line(36, 400 - y, 360, 400 - y)
    c.showPage()
    c.save()
    return buf.getvalue()


EXPECTED = [["Inequality measure", "1997", "1998", "1999"],
            *([" ".join(label), *values] for label, values in zip(LABELS, VALUES))]


def test_values_centred_beside_a_wrapped_label_are_one_row_without_rules():
    (table,) = pdf_table_rows(centred_rows_pdf(rules=False), [1])[1]
    assert table == EXPECTED


def test_values_centred_beside_a_wrapped_label_are_one_row_between_horizontal_rules():
    (table,) = pdf_table_rows(centred_rows_pdf(rules=True), [1])[1]
    assert table == EXPECTED


def booktabs_pdf() -> bytes:
    """A rule above and under a header wrapped over three lines, unruled body rows, a rule under the table.

    The headings wrap down their columns and stand on the header's last
    line; the stub's heading (「Education system」) stands on that line only.
    """
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(600, 400))
    c.setFont("Helvetica", SIZE)
    c.setLineWidth(0.5)

    def text(x: float, top: float, s: str) -> None:
        c.drawRightString(x, 400 - top - SIZE, s)

    header = [("", "", "Percentage of"), ("", "National desired", "international"),
              ("Education system", "exclusion rate", "coverage")]
    c.line(36, 400 - 56, 300, 400 - 56)
    top = 60.0
    for line in header:
        c.drawString(40, 400 - top - SIZE, line[0])
        for x, s in zip((200, 290), line[1:]):
            text(x, top, s)
        top += 1.2 * SIZE
    c.line(36, 400 - top, 300, 400 - top)
    top += 3
    for name, a, b in BOOKTABS_BODY:
        c.drawString(40, 400 - top - SIZE, name)
        text(200, top, a)
        text(290, top, b)
        top += 1.4 * SIZE
    c.line(36, 400 - top, 300, 400 - top)
    c.showPage()
    c.save()
    return buf.getvalue()


BOOKTABS_BODY = [("Alberta", "7", "100"), ("Ontario", "8", "100"), ("Quebec", "4", "100"), ("Florida", "13", "89")]


def test_a_header_wrapped_between_two_rules_over_unruled_rows_is_one_row():
    (table,) = pdf_table_rows(booktabs_pdf(), [1])[1]
    assert table == [["Education system", "National desired exclusion rate", "Percentage of international coverage"],
                     *([*row] for row in BOOKTABS_BODY)]


def grouped_header_pdf(right: float = 330, titled: bool = False) -> bytes:
    """As ``booktabs_pdf``, with a group heading over the two value columns and a short rule under it.

    ``titled``: a rule at the top and three lines of title under it, above
    the table's own top rule (ICDAR's us-002: a running head's rule).
    ``right``: where the last column's text ends (at 290 「relative」 hangs
    its first letter past the border the body's values give).
    The rule under the group heading parts the header in two bands: the
    group heading's line, then the column headings wrapped over two lines.
    """
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(600, 400))
    c.setFont("Helvetica", SIZE)
    c.setLineWidth(0.5)
    if titled:
        c.line(36, 400 - 20, right + 10, 400 - 20)
        for n, title in enumerate(("Table 5. Among the recipients with a graduate degree, the percentage",
                                   "who borrowed for undergraduate and graduate education and the",
                                   "average amounts, by student and institutional characteristics")):
            c.drawString(40, 400 - 24 - 10 * n - SIZE, title)
    c.line(36, 400 - 56, right + 10, 400 - 56)
    c.drawCentredString((200 + right) / 2, 400 - 60 - SIZE, "Day 1")
    c.line(190, 400 - 71, right + 10, 400 - 71)
    top = 74.0
    for stub, a, b in (("", "Body", "Weight"), ("", "weight", "relative"), ("Concentration", "(g)", "(%)")):
        c.drawString(40, 400 - top - SIZE, stub)
        c.drawRightString(230, 400 - top - SIZE, a)
        c.drawRightString(right, 400 - top - SIZE, b)
        top += 1.2 * SIZE
    c.line(36, 400 - top, right + 10, 400 - top)
    top += 3
    for name, a, b in BOOKTABS_BODY:
        c.drawString(40, 400 - top - SIZE, name)
        c.drawRightString(230, 400 - top - SIZE, a)
        c.drawRightString(right, 400 - top - SIZE, b)
        top += 1.4 * SIZE
    c.line(36, 400 - top, right + 10, 400 - top)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_column_headings_wrapped_under_a_group_rule_are_one_row():
    (table,) = pdf_table_rows(grouped_header_pdf(), [1])[1]
    # the group heading spans both value columns on a row of its own; the stub's cell, which no rule
    # parts, covers both header rows and holds its text in the first (ICDAR's us-037 reads it so)
    assert table == [["Concentration", "Day 1", ""], ["", "Body weight (g)", "Weight relative (%)"],
                     *([*row] for row in BOOKTABS_BODY)]


def test_a_word_hanging_past_a_column_border_stays_whole_in_its_cell():
    # right-aligned at 290, 「relative」 starts with its first letter's centre left of the border
    # between the value columns (a hang of less than a font size), the rest of it right of it
    (table,) = pdf_table_rows(grouped_header_pdf(right=290), [1])[1]
    assert table[1] == ["", "Body weight (g)", "Weight relative (%)"]


def test_headings_under_a_group_rule_are_one_row_below_a_band_of_title_lines():
    # the title band over the table is split line by line; the header band further down still is one row
    table = pdf_table_rows(grouped_header_pdf(titled=True), [1])[1][-1]
    assert table[-5:] == [["", "Body weight (g)", "Weight relative (%)"], *([*row] for row in BOOKTABS_BODY)]
    assert table[-6][0] == "Concentration"


PROSE = ("Imports and higher operating costs continued to challenge the producers in the United",
         "States and Canada. Foreign competition is expected to persist and further curtail the",
         "production in North America. Markets are greatly influenced by activity in the sector",
         "of manufacturing. World production capacity:")
CAPACITY = [("", "Oxide", "Carbide"), ("United States", "60,400", "42,600"), ("Australia", "50,000", "—"),
            ("Brazil", "50,000", "43,000"), ("China", "700,000", "455,000")]


def prose_over_table_pdf() -> bytes:
    """A paragraph in the rows' size and pitch, then an unruled table right under it (ICDAR's us-026)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(600, 400))
    c.setFont("Helvetica", SIZE)
    top = 60.0
    for line in PROSE:
        c.drawString(40, 400 - top - SIZE, line)
        top += PITCH
    for name, a, b in CAPACITY:
        c.drawString(40, 400 - top - SIZE, name)
        c.drawRightString(230, 400 - top - SIZE, a)
        c.drawRightString(330, 400 - top - SIZE, b)
        top += PITCH
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_paragraph_in_the_rows_size_right_above_an_unruled_table_is_not_its_rows():
    tables = pdf_table_rows(prose_over_table_pdf(), [1])[1]
    assert tables[-1] == [[*row] for row in CAPACITY]
