"""Vertical rules that only part groups of columns in a table ruled across (partial_rules.without_group_rules).

Each page is drawn with reportlab in the test; each expectation is the
table as written below, never output of the code under test.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from pipeline.extract.rows import pdf_table_rows

SIZE = 8.0
PITCH = 11.0
LABELS = ["Total", "Violent crime", "Robbery", "Assault", "Property crime", "Burglary", "Arson", "Fraud", "Vandalism"]
HEIGHT = 400


def _page() -> tuple[io.BytesIO, Any, Callable[..., None]]:
    """A reportlab page HEIGHT tall in Helvetica SIZE, and ``text(x, top, s, right=False)`` placing by top-left."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(500, HEIGHT))
    c.setFont("Helvetica", SIZE)

    def text(x: float, top: float, s: str, right: bool = False) -> None:
        y = HEIGHT - top - SIZE
        c.drawRightString(x, y, s) if right else c.drawString(x, y, s)

    return buf, c, text


def _finished(buf: io.BytesIO, c: Any) -> bytes:
    c.showPage()
    c.save()
    return buf.getvalue()


def grouped_columns_pdf() -> bytes:
    """A label column and two groups of two value columns: rules across the whole table, column rules between groups.

    Horizontal rules run from the left edge to the right edge above the
    group headings, under the headings and under the last row; vertical
    rules stand only left of each group (none at the table's sides, none
    between the body rows), as a statistical abstract draws them.
    """
    buf, c, text = _page()
    value_xs = (220, 280, 360, 420)
    text(40, 64, "Offense")
    text(210, 58, "Male")
    text(370, 58, "Female")
    for x, head in zip(value_xs, ("Adult", "Minor", "Adult", "Minor")):
        text(x, 70, head, right=True)
    top = 86.0
    for n, label in enumerate(LABELS):
        text(40, top, label)
        for k, x in enumerate(value_xs):
            text(x, top, f"{(n + 1) * (k + 3)}.{k}", right=True)
        top += PITCH
    c.setLineWidth(0.5)
    for y in (54, 82, top):
        c.line(36, HEIGHT - y, 440, HEIGHT - y)
    for x in (160, 300):
        c.line(x, HEIGHT - 54, x, HEIGHT - top)
    return _finished(buf, c)


def test_column_rules_between_groups_only_leave_one_table_of_every_column():
    tables = pdf_table_rows(grouped_columns_pdf(), [1])[1]
    assert len(tables) == 1
    rows = tables[0]
    body = [r for r in rows if r[0] in LABELS]
    assert [r[0] for r in body] == LABELS
    assert body[0] == ["Total", "3.0", "4.1", "5.2", "6.3"]
    assert body[-1] == ["Vandalism", "27.0", "36.1", "45.2", "54.3"]
    assert all(len(r) == 5 for r in rows)


def side_by_side_panels_pdf() -> bytes:
    """One list set in three panels side by side, each under the same header, heavy rules between them.

    Rules across the panels above and under the header and under the
    last row; vertical rules part the panels (none at the sides), as in
    ICDAR 2013's us-035a.
    """
    buf, c, text = _page()
    for left in (40, 180, 320):
        text(left, 60, "Age")
        text(left + 120, 60, "Population", right=True)
    top = 76.0
    for n in range(8):
        for k, left in enumerate((40, 180, 320)):
            text(left, top, f"{n + 8 * k} years")
            text(left + 120, top, f"{(n + 8 * k + 1) * 1000:,}", right=True)
        top += PITCH
    c.setLineWidth(0.5)
    for y in (54, 72, top):
        c.line(36, HEIGHT - y, 450, HEIGHT - y)
    c.setLineWidth(2)
    for x in (170, 310):
        c.line(x, HEIGHT - 54, x, HEIGHT - top)
    return _finished(buf, c)


def test_panels_repeating_one_header_keep_the_rule_between_them():
    tables = pdf_table_rows(side_by_side_panels_pdf(), [1])[1]
    widths = {max(len(r) for r in t) for t in tables}
    assert 6 not in widths  # the three panels are never read as one table of six columns
    assert any(t[1] == ["8 years", "9,000"] for t in tables)  # the middle panel is a table of its own


def column_rule_left_out_pdf() -> bytes:
    """A grid ruled cell by cell whose last ruled column holds two columns of numbers: its inner rule is not drawn.

    A title runs across the whole table in its own row, over both
    columns of the unruled pair.
    """
    buf, c, text = _page()
    xs = (40, 160, 260, 420)  # ruled columns: labels, one value, two values (no rule between these)
    ys = [50 + 16 * n for n in range(8)]
    text(44, ys[0] + 4, "Table 5: outlays by state (in 000)")
    text(44, ys[1] + 4, "State")
    for x, head in ((255, "Revenue"), (330, "Others"), (415, "Total")):
        text(x, ys[1] + 4, head, right=True)
    for n, state in enumerate(("Assam", "Bihar", "Goa", "Delhi", "Kerala")):
        top = ys[n + 2] + 4
        text(44, top, state)
        text(255, top, f"{(n + 1) * 1111:,}", right=True)
        text(330, top, f"{(n + 1) * 222:,}", right=True)
        text(415, top, f"{(n + 1) * 1333:,}", right=True)
    c.setLineWidth(0.5)
    for y in ys:
        c.line(xs[0], HEIGHT - y, xs[-1], HEIGHT - y)
    for x in xs:
        c.line(x, HEIGHT - ys[1 if x not in (xs[0], xs[-1]) else 0], x, HEIGHT - ys[-1])
    return _finished(buf, c)


def test_a_ruled_column_holding_two_columns_of_numbers_is_split_at_their_gutter():
    tables = pdf_table_rows(column_rule_left_out_pdf(), [1])[1]
    assert len(tables) == 1
    rows = tables[0]
    assert rows[0][0] == "Table 5: outlays by state (in 000)"
    assert rows[1] == ["State", "Revenue", "Others", "Total"]
    assert rows[2] == ["Assam", "1,111", "222", "1,333"]
    assert rows[-1] == ["Kerala", "5,555", "1,110", "6,665"]
