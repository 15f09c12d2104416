"""Rows that a wrap or a short rule must not merge (extract/fits.py, rulestack.short_rules_between_rows).

Each page is placed by hand (characters) or drawn with reportlab; each
expectation follows from the placement (which line was written as a row of
its own), not from output.
"""

from __future__ import annotations

import io

from pipeline.extract.fits import first_word_width
from pipeline.extract.rows import page_table_to_rows, pdf_table_rows
from pipeline.extract.textlayer import grid_to_page_table
from pipeline.extract.unruled import unruled_grids

SIZE = 12.0
HEAD, BODY = 6.0, 7.0  # a character's advance in the headings (lower case) and in the values (capitals, digits)


def line(text: str, x0: float, top: float, step: float) -> list[dict]:
    """Characters ``step`` wide, a word space a quarter of the font size."""
    chars, x = [], x0
    for ch in text:
        width = SIZE / 4 if ch == " " else step
        chars.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + SIZE, "size": SIZE})
        x += width
    return chars


def table_rows(chars: list[dict]) -> list[list[str]]:
    (grid, cs), = unruled_grids(chars)
    return [[" ".join(cell.split()) for cell in r] for r in page_table_to_rows(grid_to_page_table(grid, cs, 1))]


COLUMNS = (40.0, 130.0, 220.0, 310.0, 400.0, 490.0)


def stacked(header: list[str], rows: list[list[str]]) -> list[dict]:
    chars, top = [], 100.0
    for cells, step in [(header, HEAD), *((r, BODY) for r in rows)]:
        for x, text in zip(COLUMNS, cells):
            chars += line(text, x, top, step)
        top += 14.5
    return chars


def test_short_values_stacked_under_a_wider_heading_are_rows_not_one_wrapped_cell():
    # C1..C4 (14 pt) under 「Long 1」 (33 pt), 12 pt text: each value ends within two font sizes of the
    # column's widest text, yet 「C1 C2」 (31 pt) would have fit on one line, so nothing wrapped
    header = ["Outer 1", "Outer 2", "Long 1", "Long 2", "Inner", "Long 3"]
    rows = [["A1", "B1", "C1", "D1", "E1", "F1"]] + [["", "", f"C{i}", f"D{i}", "", f"F{i}"] for i in (2, 3, 4)]
    assert table_rows(stacked(header, rows)) == [header, *rows]


def test_text_that_would_not_have_fit_above_still_continues_its_cell():
    # 「Long words」 fills its column (66 pt): 「wrapped」 (49 pt) could not follow it on its line
    header = ["Outer 1", "Outer 2", "Long words", "Long words", "Inner", "Long 3"]
    rows = [["A1", "B1", "Long words", "Long words", "E1", "F1"], ["", "", "wrapped", "wrapped", "", ""],
            ["A2", "B2", "C2", "D2", "E2", "F2"]]
    assert table_rows(stacked(header, rows)) == [
        header, ["A1", "B1", "Long words wrapped", "Long words wrapped", "E1", "F1"], rows[2]]


def test_the_first_word_of_a_japanese_line_takes_its_closing_marks_with_it():
    chars = [{"text": ch, "x0": 10.0 * i, "x1": 10.0 * (i + 1), "size": 10.0} for i, ch in enumerate("課」、では")]
    assert first_word_width(chars) == 30.0
    latin = [{"text": ch, "x0": 5.0 * i, "x1": 5.0 * (i + 1), "size": 10.0} for i, ch in enumerate("ab")]
    assert first_word_width(latin + [dict(c, x0=c["x0"] + 20, x1=c["x1"] + 20) for c in latin]) == 10.0


STATEMENT = [("Class A", ""), ("Net asset value", "5,111,372"), ("Units outstanding", "49,136"),
             ("Investment result", ""), ("Direct result", "-"), ("Revaluation", "2,076,667"), ("Costs", "(106,870)"),
             ("Total investment result", "1,969,797"), ("Result per unit", ""), ("Direct result", "-"), ("Revaluation", "3.99"),
             ("Costs", "(0.21)"), ("Total result per unit", "3.78")]


def statement_pdf() -> bytes:
    """A statement ruled across under its header, its totals ruled in the value column alone (above and under)."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595.28, 841.89), invariant=1)
    c.setFont("Helvetica", 9)
    y = 700.0
    c.line(70, y, 540, y)
    c.drawRightString(530, y - 11, "2016")
    y -= 15
    c.line(70, y, 540, y)
    y -= 18
    for label, value in STATEMENT:
        total = label.startswith("Total")
        if total:
            y -= 6
            c.line(460, y + 11, 538, y + 11)
        c.drawString(71, y, label)
        if value:
            c.drawRightString(530, y, value)
        if total:
            c.line(460, y - 6, 538, y - 6)
            y -= 12
        y -= 14
    c.showPage()
    c.save()
    return out.getvalue()


def test_total_rules_in_the_value_column_alone_do_not_merge_the_labels_beside_them():
    tables = pdf_table_rows(statement_pdf())[1]
    assert [["", "2016"], *map(list, STATEMENT)] in [[r for r in t if any(r)] for t in tables]
