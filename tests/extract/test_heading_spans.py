"""Tables drawn with horizontal rules only: a heading over a group of columns, and a footnote separator.

Each page is drawn with reportlab in the test; each expectation is the
table as written below, never output of the code under test.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from pipeline.extract.rows import pdf_table_rows

SIZE = 8.0
PITCH = 12.0
HEIGHT = 400
LABELS = ["North", "South", "East", "West", "Centre"]


def _page() -> tuple[io.BytesIO, Any, Callable[..., None]]:
    """A reportlab page HEIGHT tall in Helvetica SIZE, and ``text(x, top, s, how)`` placing by top ("l", "r", "c")."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(500, HEIGHT))
    c.setFont("Helvetica", SIZE)

    def text(x: float, top: float, s: str, how: str = "l") -> None:
        y = HEIGHT - top - SIZE
        {"l": c.drawString, "r": c.drawRightString, "c": c.drawCentredString}[how](x, y, s)

    return buf, c, text


def _finished(buf: io.BytesIO, c: Any) -> bytes:
    c.showPage()
    c.save()
    return buf.getvalue()


def group_heading_pdf() -> bytes:
    """A label column, four value columns under one heading centred over them, and a total column.

    Rules run across the table above the header, under it and under the
    last row; a short rule under "Modern methods" runs from the left of
    the group's first column to the right of its last (x 130..350), as a
    statistical table draws it. The heading, centred at x 240, starts in
    the group's second column.
    """
    buf, c, text = _page()
    value_xs = (180, 235, 290, 345)
    text(40, 64, "Region")
    text(240, 58, "Modern methods", "c")
    for x, head in zip(value_xs, ("Pill", "IUD", "Ring", "Other")):
        text(x, 72, head, "r")
    text(420, 64, "Total", "r")
    top = 90.0
    for n, label in enumerate(LABELS):
        text(40, top, label)
        for k, x in enumerate(value_xs):
            text(x, top, f"{n + 1}.{k}", "r")
        text(420, top, f"{10 + n}.0", "r")
        top += PITCH
    c.setLineWidth(0.5)
    for y in (54, 86, top):
        c.line(36, HEIGHT - y, 430, HEIGHT - y)
    c.line(130, HEIGHT - 69, 350, HEIGHT - 69)
    return _finished(buf, c)


def test_a_heading_centred_over_a_ruled_group_stands_at_the_groups_first_column():
    tables = pdf_table_rows(group_heading_pdf(), [1])[1]
    assert len(tables) == 1
    rows = tables[0]
    heading = next(r for r in rows if "Modern methods" in r)
    assert heading[1:5] == ["Modern methods", "", "", ""]  # over Pill, IUD, Ring, Other: starts at Pill's column
    subheads = next(r for r in rows if "Pill" in r)
    assert subheads[1:5] == ["Pill", "IUD", "Ring", "Other"]
    assert rows[-1] == ["Centre", "5.0", "5.1", "5.2", "5.3", "14.0"]


def footnote_separator_pdf() -> bytes:
    """A statement ruled across under each row, its total ruled in the value column, then footnotes.

    The rows are ruled from x 36 to 430; the total's value is ruled above
    and below in its column only (x 340..425); far below, a short rule
    (x 36..160) sets off the page's footnotes, as a report's footnote
    separator does. The table ends with its total.
    """
    buf, c, text = _page()
    top = 60.0
    c.setLineWidth(0.5)
    c.line(36, HEIGHT - (top - 4), 430, HEIGHT - (top - 4))
    for n, label in enumerate(LABELS):
        text(40, top, f"{label} region")
        text(420, top, f"{(n + 1) * 1000:,}", "r")
        top += 2 * PITCH
        c.line(36, HEIGHT - (top - 4), 430, HEIGHT - (top - 4))
    text(40, top + 4, "Total")
    text(420, top + 4, "15,000", "r")
    c.line(340, HEIGHT - (top + 16), 425, HEIGHT - (top + 16))
    c.line(36, HEIGHT - (top + 90), 160, HEIGHT - (top + 90))
    text(40, top + 96, "1 Figures are rounded to the nearest thousand, as in the annual statement.")
    return _finished(buf, c)


def test_a_footnote_separator_below_a_table_adds_no_empty_row():
    tables = pdf_table_rows(footnote_separator_pdf(), [1])[1]
    rows = tables[0]
    assert [r[0] for r in rows] == [f"{label} region" for label in LABELS] + ["Total"]
    assert rows[-1] == ["Total", "15,000"]
